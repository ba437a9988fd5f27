"""Five editors save five different reports through the page while a command-line ingest of 30 files
writes to the same store: every report is stored exactly once, no page shows an error."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from analytics.store import Store
from tests.analytics import texts as T
from tests.browser.conftest import ROOT, Server, screenshot, wait_app_idle
from tests.browser.test_upload_e2e import FIGURE_TIMEOUT, open_upload, sign_in, upload, wait_figures

pytestmark = pytest.mark.browser

EDITOR_TOWNS = ["甘泉镇", "石桥乡", "云溪镇", "松林镇", "杏花街道"]
BATCH_TOWNS = [f"{'青白金银石松柏桃李杏'[i % 10]}{'溪山川'[i // 10]}镇" for i in range(30)]


def _cli_files(folder):
    folder.mkdir()
    paras = T.PUFA_PARAS + T.ZHIFA_PARAS + T.NEUTRAL_PARAS
    for i in range(30):
        body = [paras[(i + k) % len(paras)] for k in range(0, len(paras), 2)] + [f"附记：批量导入的第{i}份报告。"]
        (folder / f"batch_{i:02d}.txt").write_text(T.report(BATCH_TOWNS[i], 2022, body, other=False), encoding="utf-8")


@pytest.fixture()
def server(tmp_path_factory):
    """A server of its own: the 35 reports this test adds must not change what other tests compare against."""
    srv = Server(tmp_path_factory.mktemp("concurrency"))
    yield srv
    srv.stop()


def test_five_editors_save_while_the_cli_ingests(server, browser, tmp_path):
    files = []
    for i, town in enumerate(EDITOR_TOWNS):  # five different reports (not near-duplicates of each other)
        path = tmp_path / f"{town}.txt"
        body = T.PUFA_PARAS[i::5] + T.ZHIFA_PARAS[i::5] + [f"附记：{town}本年度的特色工作另行报送。"]
        path.write_text(T.report(town, 2024, body, other=False), encoding="utf-8")
        files.append(path)
    folder = tmp_path / "batch"
    _cli_files(folder)
    before = Store(server.db).count()

    contexts = [browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN") for _ in files]
    pages = [c.new_page() for c in contexts]
    for page, path in zip(pages, files):
        open_upload(page, server.url)
        sign_in(page)
        upload(page, path)
    for page in pages:
        wait_figures(page)

    env = dict(os.environ, REPORTS_DB=str(server.db), REPORTS_USERS=str(server.users))
    cli = subprocess.Popen([sys.executable, "-m", "analytics", "ingest", str(folder)], cwd=ROOT, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for page in pages:  # every editor presses 加入语料库 while the ingest runs
        page.get_by_role("button", name="加入语料库").click()
    for page in pages:
        page.get_by_text("已加入语料库").first.wait_for(timeout=FIGURE_TIMEOUT)
        wait_app_idle(page)
        assert not page.locator("[data-testid='stException']").count()
    out, err = cli.communicate(timeout=600)
    assert cli.returncode == 0, err
    assert "新增 30 份" in out
    screenshot(pages[0], "concurrent_saves")
    for c in contexts:
        c.close()

    reports = Store(server.db).reports()
    towns = reports["town"].tolist()
    assert all(towns.count(t) == 1 for t in EDITOR_TOWNS)
    assert sorted(t for t in towns if t in BATCH_TOWNS) == sorted(BATCH_TOWNS)
    assert len(reports) == before + 35 and reports["id"].is_unique
