"""The meeting view in a real browser at 1440×900: every town's lean on 总览's first screen, the Word briefing,
a chart's PNG with its title band, and 总览 printed to A4 by chromium with no chart wider than the page."""

from __future__ import annotations

import io

import pytest

from tests.browser.conftest import ARTIFACTS, wait_app_idle

pytestmark = pytest.mark.browser
TOWNS = ["南郊镇", "十里亭镇", "周营镇", "商家镇", "苏河镇"]


def _overview(page, server):
    page.goto(server.url + "/", wait_until="domcontentloaded")
    wait_app_idle(page, timeout=180_000)
    page.locator(".st-key-ov_lean .js-plotly-plot").first.wait_for(state="visible", timeout=120_000)
    page.wait_for_timeout(800)


def test_every_towns_lean_is_on_the_first_screen(server, page):
    _overview(page, server)
    labels = page.locator(".st-key-ov_lean .ytick text")
    shown = {labels.nth(i).text_content(): labels.nth(i).bounding_box() for i in range(labels.count())}
    for town in TOWNS:
        box = next((b for text, b in shown.items() if text.startswith(town)), None)
        assert box is not None, (town, list(shown))
        assert 0 <= box["y"] and box["y"] + box["height"] <= 900, (town, box)
    ranking = page.locator(".st-key-ov_rank")
    assert ranking.bounding_box()["y"] < 900
    page.screenshot(path=str(ARTIFACTS / "overview_first_screen.png"))


def test_briefing_downloads_a_word_file_with_charts_and_towns(server, page):
    import docx

    _overview(page, server)
    with page.expect_download(timeout=240_000) as info:
        page.get_by_role("button", name="导出简报（Word）").first.click()
    path = info.value.path()
    assert info.value.suggested_filename.endswith(".docx")
    document = docx.Document(path)
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    assert all(t in text for t in TOWNS)
    assert len(document.inline_shapes) >= 2
    section = document.sections[0]
    assert abs(section.page_width.mm - 210) < 1 and abs(section.page_height.mm - 297) < 1
    (ARTIFACTS / "briefing_overview.docx").write_bytes(open(path, "rb").read())


def test_chart_png_has_its_title_band(server, page):
    from PIL import Image

    _overview(page, server)
    button = page.locator(".st-key-ov_heat_png button, .st-key-ov_heat_png a").first
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=240_000) as info:
        button.click()
    assert info.value.suggested_filename.endswith(".png") and "各主题" in info.value.suggested_filename
    image = Image.open(info.value.path()).convert("RGB")
    band = image.crop((0, 0, image.width, 60))
    dark = sum(1 for px in band.get_flattened_data() if sum(px) < 600)
    assert image.width >= 1000 and dark > 500  # a coloured title band across the top
    image.save(ARTIFACTS / "chart_png_with_band.png")


def test_overview_prints_on_a4_with_no_chart_wider_than_the_page(server, page):
    """Printed from the normal 1440-px window: every page is A4 portrait, the sidebar is gone, and nothing runs
    into the right edge of the paper (a chart cut by the page would touch it)."""
    import pypdfium2 as pdfium

    _overview(page, server)
    pdf_bytes = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "overview_print.pdf").write_bytes(pdf_bytes)
    pdf = pdfium.PdfDocument(io.BytesIO(pdf_bytes))
    assert len(pdf) >= 1
    for i in range(len(pdf)):
        w, h = pdf[i].get_size()
        assert abs(w - 595) < 2 and abs(h - 842) < 2  # A4 portrait, in points
        image = pdf[i].render(scale=1).to_pil().convert("L")
        if i == 0:
            image.save(ARTIFACTS / "overview_print_page1.png")
        edge = image.crop((image.width - 12, 0, image.width, image.height))
        assert min(edge.get_flattened_data()) > 245, f"page {i + 1}: something runs into the right edge"
        left = image.crop((0, 0, 20, image.height))
        assert min(left.get_flattened_data()) > 245, f"page {i + 1}: the sidebar (or something) is printed at the left"
    text = "".join(pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf)))
    assert "商家镇" in text and "筛选" not in text  # the page, without the sidebar's filters
