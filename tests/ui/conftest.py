"""AppTest fixtures: one seeded store per session, copied per test; clean Streamlit state per test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics import pipeline
from analytics.store import Store
from ui import images

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _reset_streamlit_state():
    """AppTest with st.navigation + a pages/ folder: PagesManager keeps class-level state between runs."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = None
    yield
    PagesManager.uses_pages_directory = None


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ui-seed") / "reports.db"
    store = Store(path)
    pipeline.ensure_ready(store, resources=pipeline.load_resources(store))
    return path


@contextmanager
def serving(path: Path, monkeypatch) -> Iterator[Path]:
    """The pages read ``path`` (REPORTS_DB), with Streamlit caches emptied before and after."""
    monkeypatch.setenv("REPORTS_DB", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        yield path
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


@pytest.fixture()
def app_db(seeded_db, tmp_path, monkeypatch) -> Iterator[Path]:
    """A private copy of the seeded store as REPORTS_DB, with Streamlit caches emptied."""
    dst = tmp_path / "reports.db"
    Store(seeded_db).copy_to(dst)
    with serving(dst, monkeypatch):
        yield dst


needs_chromium = pytest.mark.skipif(images.chromium_path() is None, reason="Chromium 未安装（make test 会安装）")


@pytest.fixture(scope="module")
def one_browser():
    """Chart images share one headless browser; closed at the end of the module that used it."""
    yield
    images.shutdown()


def open_page(page: str, *, session: dict | None = None, query: dict | None = None, timeout: float = 90) -> AppTest:
    """Run app.py on ``page`` (e.g. "pages/kwic.py") with optional session state and query params."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for k, v in (session or {}).items():
        at.session_state[k] = v
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page(page)
    at.run()
    return at
