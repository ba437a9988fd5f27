"""上传评估 end to end in a real browser: GB18030 .txt, .docx and .pdf uploads show the right town,
year and figures; an editor saves and finds the report in the corpus pages; signed out, saving is
neither offered nor accepted; a bad file is explained and nothing stored; report text with
<script> and Markdown links stays plain text. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analytics import pipeline
from analytics.accounts import ANONYMOUS, PermissionDenied
from analytics.store import Store
from tests.analytics import texts as T
from tests.analytics.filemakers import make_docx, make_scanned_pdf, print_pdf, report_html, write_encoded
from tests.browser.conftest import ARTIFACTS, EDITOR, wait_app_idle

FIGURE_TIMEOUT = 120_000


# ---- page helpers (also used by bench/upload_e2e.py) ---------------------------------------------
def open_upload(page, url: str) -> None:
    page.goto(url + "/upload", wait_until="domcontentloaded")
    wait_app_idle(page, timeout=FIGURE_TIMEOUT)
    page.locator("[data-testid='stFileUploader']").wait_for(timeout=FIGURE_TIMEOUT)


def upload(page, path: Path) -> None:
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(str(path))


def wait_figures(page) -> None:
    """Until the reading and the charts of the uploaded report are on screen."""
    page.get_by_role("heading", name="自动解读").wait_for(timeout=FIGURE_TIMEOUT)  # (方法说明 names it too)
    page.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for(timeout=FIGURE_TIMEOUT)
    wait_app_idle(page, timeout=FIGURE_TIMEOUT)


def input_value(page, label: str) -> str:
    return page.get_by_label(label, exact=True).input_value()


def sign_in(page) -> None:
    page.get_by_text("编辑人员登录", exact=True).click()
    page.get_by_label("用户名").fill(EDITOR[0])
    page.get_by_label("密码").fill(EDITOR[1])
    page.get_by_role("button", name="登录").click()
    page.get_by_text(f"已登录：{EDITOR[0]}").wait_for(timeout=30_000)
    wait_app_idle(page)


def full_screenshot(page, name: str) -> Path:
    """Screenshot of the whole page: Streamlit scrolls inside its main block, so grow the viewport."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...['stMain', 'stAppViewContainer', 'stMainBlockContainer']"
        ".map(id => document.querySelector(`[data-testid=${id}]`)).filter(Boolean).map(e => e.scrollHeight))")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 16_000)})
    page.wait_for_timeout(600)  # charts re-layout
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


def stored(server) -> Store:
    return Store(server.db)


@pytest.fixture(scope="module", autouse=True)
def app_ready(server, browser):
    """Open the home page once, so the server runs app.py's navigation before /upload is visited."""
    context = browser.new_context(locale="zh-CN")
    home = context.new_page()
    home.goto(server.url + "/", wait_until="domcontentloaded")
    wait_app_idle(home, timeout=FIGURE_TIMEOUT)
    context.close()


# ---- files -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """Reports written for the tests (not copies of stored ones, which would be refused as duplicates)."""
    tmp = tmp_path_factory.mktemp("uploads")
    pdf_lines = T.balanced_report("西营镇", 2023).splitlines()
    return {
        "gb18030": write_encoded(T.zhifa_report("新河镇", 2021), tmp / "新河镇报告.txt", encoding="gb18030"),
        "docx": make_docx(tmp / "北郊镇报告.docx", T.slogan_report("北郊镇", 2021).splitlines()),
        "pdf": print_pdf(report_html(pdf_lines), tmp / "西营镇报告.pdf"),
        "scan": make_scanned_pdf(tmp / "扫描件.pdf", pdf_lines[:12]),
        "evil": _write(tmp / "东亭镇报告.md", T.report("东亭镇", 2022, T.PUFA_PARAS[:6] + [EVIL])),
        "pufa": _write(tmp / "青石镇报告.txt", T.pufa_report("青石镇", 2023)),
    }


EVIL_SCRIPT = "<script>window.pwned = 1; alert('x')</script>"
EVIL_LINK = "[点此查看详情](http://example.com/evil)"
EVIL = f"附注：{EVIL_SCRIPT} 详见{EVIL_LINK}。"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ---- tests -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("kind", "town", "year"), [("gb18030", "新河镇", "2021"), ("docx", "北郊镇", "2021"),
                                                     ("pdf", "西营镇", "2023")])
def test_upload_shows_town_year_and_figures(server, page, files, kind, town, year):
    open_upload(page, server.url)
    upload(page, files[kind])
    wait_figures(page)
    assert input_value(page, "乡镇（街道）") == town
    assert input_value(page, "报告年度") == year
    body = page.inner_text("body")
    for heading in ("自动解读", "普法与执法的侧重", "各主题提及情况", "最相近的报告", "必备部分", "关键词", "具体数据",
                    "与库中报告相同的段落"):
        assert heading in body
    assert "依据：" in body and "95% 区间" in body
    assert page.locator("[data-testid='stPlotlyChart']").count() >= 1
    assert page.get_by_role("button", name="加入语料库").count() == 0  # not signed in
    full_screenshot(page, f"upload_{kind}")


def test_editor_saves_and_finds_the_report_in_the_corpus(server, page, files):
    open_upload(page, server.url)
    sign_in(page)
    upload(page, files["gb18030"])
    wait_figures(page)
    before = stored(server).count()
    page.get_by_role("button", name="加入语料库").click()
    page.get_by_text("已加入语料库").wait_for(timeout=FIGURE_TIMEOUT)
    wait_app_idle(page)
    assert stored(server).count() == before + 1
    assert "新河镇" in stored(server).reports()["town"].tolist()
    full_screenshot(page, "upload_saved_by_editor")
    page.goto(server.url + "/", wait_until="domcontentloaded")
    wait_app_idle(page, timeout=FIGURE_TIMEOUT)
    # 总览's report table (a canvas grid whose cells are also in the DOM for accessibility)
    page.locator("[role='gridcell']", has_text="新河镇").first.wait_for(state="attached", timeout=FIGURE_TIMEOUT)
    full_screenshot(page, "overview_after_save")


def test_signed_out_saving_is_neither_offered_nor_accepted(server, page, files):
    open_upload(page, server.url)
    upload(page, files["docx"])
    wait_figures(page)
    assert page.get_by_role("button", name="加入语料库").count() == 0
    assert "登录为编辑人员后可以把这份报告加入语料库" in page.inner_text("body")
    store = stored(server)
    resources = pipeline.load_resources(store)
    a = pipeline.analyse_text(T.slogan_report("北郊镇", 2021) + "\n另一段。", resources=resources)
    before = store.count()
    with pytest.raises(PermissionDenied):
        pipeline.save_analysis(store, a, resources=resources, actor=ANONYMOUS, source=files["docx"].name)
    assert store.count() == before


def test_the_uploader_speaks_chinese(server, page):
    """Streamlit draws 'Upload' and '20MB per file' itself; what the reader sees in their place is Chinese."""
    open_upload(page, server.url)
    box = page.locator("[data-testid='stFileUploaderDropzone']")
    shown = box.evaluate("""b => [b.querySelector('button p'), b.querySelector(
        "[data-testid='stFileUploaderDropzoneInstructions'] span")].map(e => [
        getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content])""")
    assert shown == [["0px", '"选择文件"'], ["0px", '"也可直接把文件拖到这里"']]
    assert box.locator("button").bounding_box()["width"] > 60  # the Chinese label gives the button its width


def test_bad_file_shows_its_message_and_stores_nothing(server, page, files):
    before = stored(server).count()
    open_upload(page, server.url)
    sign_in(page)
    upload(page, files["scan"])
    alert = page.locator("[data-testid='stAlert']").filter(has_text="扫描件.pdf")
    alert.wait_for(timeout=FIGURE_TIMEOUT)
    wait_app_idle(page)
    assert "没有可提取的文字层" in alert.inner_text()
    assert page.get_by_role("button", name="加入语料库").count() == 0
    full_screenshot(page, "upload_bad_file")
    assert stored(server).count() == before


def test_script_and_markdown_links_show_as_plain_text(server, page, files):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_upload(page, server.url)
    upload(page, files["evil"])
    wait_figures(page)
    page.get_by_text("显示提取的全文").click()
    code = page.locator("[data-testid='stCode']").filter(has_text="window.pwned")
    code.first.wait_for(timeout=30_000)
    shown = code.first.inner_text()
    assert EVIL_SCRIPT in shown and EVIL_LINK in shown
    assert page.locator("a[href='http://example.com/evil']").count() == 0
    assert page.evaluate("() => window.pwned === undefined") and not dialogs
    code.first.evaluate("e => e.scrollIntoView({block: 'end'})")
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "upload_script_plain_text.png"))


def test_an_all_pufa_report_leans_pufa_and_is_ranked_not_percentiled(server, page, files):
    """The product's main question on the easiest case: a report about nothing but 普法."""
    open_upload(page, server.url)
    upload(page, files["pufa"])
    wait_figures(page)
    body = page.inner_text("body")
    assert "偏普法" in body and "明显偏重普法宣传" in body
    assert "最偏普法" in body  # placed by rank among the few stored reports ...
    assert not re.search(r"\d+(?:\.\d+)?%\s*的报告", body) and "百分位" not in body  # ... never by a percentage
    assert re.search(r"第 \d+ / \d+", body)
    full_screenshot(page, "upload_all_pufa")
