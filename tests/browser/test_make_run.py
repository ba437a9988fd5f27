"""`make run` starts the dashboard on the built-in corpus and serves the home page."""

from __future__ import annotations

import os
import signal
import subprocess

from tests.browser.conftest import ROOT, free_port, screenshot, wait_app_idle, wait_http


def test_make_run_serves_home_page_on_builtin_corpus(tmp_path, page):
    port = free_port()
    env = dict(os.environ, REPORTS_DB=str(tmp_path / "fresh.db"), REPORTS_USERS=str(tmp_path / "none.toml"))
    proc = subprocess.Popen(["make", "-s", "run", f"PORT={port}"], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{port}/_stcore/health", timeout=120)
        page.goto(f"http://127.0.0.1:{port}/", wait_until="networkidle")
        wait_app_idle(page, timeout=90_000)
        page.get_by_text("南郊镇").first.wait_for(timeout=60_000)
        body = page.inner_text("body")
        for town in ("南郊镇", "十里亭镇", "周营镇", "商家镇", "苏河镇"):
            assert town in body
        screenshot(page, "make_run_home")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
