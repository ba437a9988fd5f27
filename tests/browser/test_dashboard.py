"""Every dashboard page in a real browser at 1440×900: Chinese headings visible, charts drawn,
screenshots saved to artifacts/screenshots/; a click on a heatmap cell opens 原文检索."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, wait_app_idle

pytestmark = pytest.mark.browser

PAGES = [
    ("", "总览", ["各乡镇最近一年报告：偏普法还是偏执法", "报告一览", "各主题提及情况"]),  # the default page is the root URL
    ("town?town=南郊镇", "乡镇档案：南郊镇", ["普法与执法的侧重", "与同年其他报告比较", "自述的不足与原因"]),
    ("themes", "主题对比", ["各乡镇主题强度", "普法与执法的侧重（每份报告）", "雷达图：与所选报告的中位数比较"]),
    ("keywords", "关键词", ["各组关键词", "两组比较"]),
    ("kwic", "原文检索", ["检索方式"]),
    ("quality", "结构与质量", ["五部分清单", "共同的薄弱环节"]),
    ("manage", "语料管理", ["语料库（5 份报告）"]),
]


@pytest.fixture(scope="module", autouse=True)
def _app_entered_once(server, browser):
    """Open the app's root first: it loads the built-in corpus (first run) and runs app.py's
    st.navigation. Until that has happened once, Streamlit routes a deep link such as /kwic through
    its legacy pages/ directory mode and skips app.py (see the report to the lead)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    pg.goto(server.url + "/", wait_until="networkidle")
    pg.get_by_role("heading", name="总览").wait_for(state="visible", timeout=180_000)
    context.close()


def _open(page, server, path: str) -> None:
    page.goto(f"{server.url}/{path}", wait_until="networkidle")
    wait_app_idle(page, timeout=120_000)


def _full_screenshot(page, name: str) -> None:
    """The 1440×900 view as opened, then the whole page (Streamlit scrolls inside its main container)."""
    screenshot(page, name)
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1440, "height": min(int(height) + 40, 12_000)})
    page.wait_for_timeout(800)
    screenshot(page, f"{name}_full")
    page.set_viewport_size({"width": 1440, "height": 900})


@pytest.mark.parametrize("path,title,texts", PAGES, ids=[p[0].split("?")[0] or "overview" for p in PAGES])
def test_page_renders_in_chinese(server, page, path, title, texts):
    _open(page, server, path)
    page.get_by_role("heading", name=title).first.wait_for(state="visible", timeout=60_000)
    for text in texts:
        page.get_by_text(text, exact=False).first.wait_for(state="visible", timeout=30_000)
    if not path.startswith("town"):
        assert page.get_by_text("筛选").first.is_visible()
    assert not page.locator("[data-testid='stException']").count()
    if path not in ("kwic", "manage"):
        page.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=30_000)
        assert page.locator(".main-svg .xtitle, .main-svg .g-xtitle").count() > 0
    assert not page.get_by_text("Page not found").count()
    _full_screenshot(page, path.split("?")[0] or "overview")


def test_kwic_page_with_results(server, page):
    _open(page, server, "kwic?term=法律明白人&term=执法")
    page.get_by_text("共出现").first.wait_for(state="visible", timeout=60_000)
    page.locator("mark", has_text="执法").first.wait_for(state="attached", timeout=30_000)
    assert page.locator("mark", has_text="法律明白人").count() > 0
    _full_screenshot(page, "kwic_results")


def test_heatmap_click_opens_kwic(server, page):
    _open(page, server, "")
    plot = page.locator(".js-plotly-plot").filter(has=page.locator(".heatmaplayer")).first  # below the lean chart
    plot.wait_for(state="visible", timeout=60_000)
    wait_app_idle(page, timeout=60_000)
    plot.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    box = plot.locator(".nsewdrag").first.bounding_box()
    x, y = box["x"] + box["width"] * 0.1, box["y"] + box["height"] * 0.1  # a cell in the first row
    page.mouse.move(x, y)
    page.wait_for_timeout(800)
    page.mouse.click(x, y)
    page.get_by_role("heading", name="原文检索").wait_for(state="visible", timeout=60_000)
    wait_app_idle(page, timeout=60_000)
    page.get_by_text("共出现").first.wait_for(state="visible", timeout=60_000)
    assert "/kwic" in page.url
    assert page.get_by_text("主题词表").first.is_visible()
    screenshot(page, "kwic_from_heatmap")


def test_chart_toolbar_speaks_chinese(server, page):
    _open(page, server, "")
    plot = page.locator(".js-plotly-plot").first
    plot.wait_for(state="visible", timeout=60_000)
    plot.hover()
    titles = [b.get_attribute("data-title") for b in plot.locator(".modebar-btn").all()]
    assert {"缩放", "平移", "还原坐标轴"} <= set(titles)
    assert not {"Zoom", "Pan", "Reset axes", "Autoscale"} & set(titles)
