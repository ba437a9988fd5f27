"""ui.data: a store fault reaches every page as one Chinese message naming the file, never a traceback."""

from __future__ import annotations

import os

import pytest
from tests.ui.conftest import open_page, serving


@pytest.fixture()
def broken_db(tmp_path, monkeypatch):
    path = tmp_path / "损坏.db"
    path.write_bytes(os.urandom(8192))
    with serving(path, monkeypatch):
        yield path


@pytest.mark.parametrize("page", ["overview", "themes", "upload", "manage"])
def test_a_store_that_is_not_a_database_is_explained_on_the_page(broken_db, page):
    before = broken_db.read_bytes()
    at = open_page(f"pages/{page}.py")
    assert not at.exception
    shown = [e.value.replace("\\", "") for e in at.error]
    assert len(shown) == 1 and str(broken_db) in shown[0] and "不是" in shown[0], shown
    assert broken_db.read_bytes() == before  # nothing written to it


def test_the_background_warm_up_runs_at_the_lowest_cpu_priority_without_lowering_the_server(monkeypatch):
    import threading

    from ui import data

    seen = {}
    monkeypatch.setattr(data, "warm", lambda: seen.update(
        thread=os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))
    before = os.getpriority(os.PRIO_PROCESS, 0)
    t = threading.Thread(target=data._warm_at_low_priority)
    t.start()
    t.join()
    assert seen["thread"] == 19
    assert os.getpriority(os.PRIO_PROCESS, 0) == before  # this (the server's) thread keeps its priority
