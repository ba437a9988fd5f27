"""A shared link opened first on a freshly started server goes through app.py's navigation."""

from __future__ import annotations

from tests.browser.conftest import Server, screenshot, wait_app_idle


def test_deep_link_on_fresh_server_uses_app_navigation(tmp_path, page):
    server = Server(tmp_path)
    try:
        page.goto(f"{server.url}/kwic?term=执法", wait_until="networkidle")
        wait_app_idle(page, timeout=90_000)
        page.get_by_role("heading", name="原文检索").first.wait_for(timeout=60_000)
        page.get_by_text("已选 5 / 5 份报告").wait_for(timeout=30_000)
        nav = page.locator("[data-testid='stSidebarNav']").inner_text()
        assert "主题对比" in nav and "上传评估" in nav  # Chinese page titles from app.py
        assert "kwic" not in nav and "overview" not in nav  # not the legacy file-name navigation
        page.wait_for_timeout(1000)
        assert "执法" in page.locator("[data-testid='stMain']").inner_text()
        screenshot(page, "deep_link_fresh_server")
    finally:
        server.stop()
