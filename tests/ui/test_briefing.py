"""ui.briefing: the Word briefing built from the seed corpus opens in python-docx, is A4 portrait, has
the charts as pictures, the towns' names in its text, Chinese fonts and capped tables."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from ui import briefing as bf
from ui import word
from tests.ui.conftest import needs_chromium
from ui import images

DAY = dt.date(2026, 11, 27)


pytestmark = pytest.mark.usefixtures("one_browser")


@pytest.fixture()
def corpus(app_db):
    from ui import data

    return data.load_corpus()


def _seed_briefing(corpus, **section_opts) -> bf.Briefing:
    from ui import charts, views

    labels = corpus.theme_labels
    heat = charts.theme_heatmap(views.theme_long(corpus, by="id", metric="per_10k"), metric="per_10k")
    pts = views.emphasis_points(corpus, metric="per_10k", x_theme="law_popularization", y_theme="enforcement")
    scatter = charts.emphasis_scatter(pts, metric="per_10k", x_label=labels["law_popularization"],
                                      y_label=labels["enforcement"], x_theme="law_popularization",
                                      y_theme="enforcement")
    return bf.Briefing(
        title="乡镇法治政府建设情况报告分析简报", subtitle="总览", data_line=bf.data_line(corpus.reports), date=DAY,
        sections=[
            bf.Section("一、总体情况", paragraphs=["本简报由看板自动生成。"],
                       tables=[(views.overview_table(corpus.reports), "报告一览")], **section_opts),
            bf.Section("二、主题提及", charts=[images.Chart(heat, "各报告主题提及率（次/万字）")],
                       bullets=[("普法宣传提及最多的是一份报告", "每万字次数")]),
            bf.Section("三、普法与执法", charts=[(scatter, "普法与执法侧重")]),
        ])


def _open(data: bytes):
    assert data[:2] == b"PK"
    return Document(io.BytesIO(data))


def _all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        parts += [c.text for row in t.rows for c in row.cells]
    return "\n".join(parts)


@needs_chromium
def test_seed_briefing_opens_with_images_town_names_and_a4_portrait(corpus, seed_manifest):
    doc = _open(bf.briefing_docx(_seed_briefing(corpus)))
    assert len(doc.inline_shapes) >= 2
    sec = doc.sections[0]
    assert sec.orientation == WD_ORIENT.PORTRAIT
    assert abs(sec.page_width - Mm(210)) < Mm(0.5) and abs(sec.page_height - Mm(297)) < Mm(0.5)
    text_width = sec.page_width - sec.left_margin - sec.right_margin
    assert all(s.width <= text_width for s in doc.inline_shapes)  # pictures fit the text width
    assert max(s.width for s in doc.inline_shapes) > text_width * 0.95
    text = _all_text(doc)
    for row in seed_manifest:
        assert row["town"] in text
    assert "2026年11月27日" in text and "乡镇法治政府建设情况报告分析简报" in text
    assert "5 份报告（5 个乡镇，2021–2023 年）" in text
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert "图 1　各报告主题提及率（次/万字）" in captions and "图 2　普法与执法侧重" in captions
    alt = [s._inline.find(qn("wp:docPr")).get("descr") for s in doc.inline_shapes]
    assert alt == ["各报告主题提及率（次/万字）", "普法与执法侧重"]


def test_chinese_fonts_are_set_for_east_asian_text_without_theme_overrides():
    doc = _open(bf.briefing_docx(bf.Briefing("简报", sections=[bf.Section("一、情况", bullets=["石门镇"])])))
    for name, east_asia in (("Normal", word.BODY_EA), ("Heading 1", word.HEAD_EA), ("Title", word.HEAD_EA),
                            ("List Bullet", word.BODY_EA)):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == east_asia
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None
    heading = next(p for p in doc.paragraphs if p.text == "一、情况")
    assert heading.style.name == "Heading 1"
    assert [p.text for p in doc.paragraphs if p.style.name == "List Bullet"] == ["石门镇"]
    footer_xml = doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml


def test_tables_have_a_repeated_header_right_aligned_numbers_and_a_cap():
    towns = [f"{n}镇" for n in ("石门", "长岭", "龙岗", "白沙", "青山")] * 9
    df = pd.DataFrame({"乡镇": towns, "年份": [2021 + i % 3 for i in range(45)],
                       "具体度（条/万字）": [round(5 + i * 0.37, 1) for i in range(45)],
                       "备注": [None if i % 4 else "有" for i in range(45)]})
    doc = _open(bf.briefing_docx(bf.Briefing("简报", sections=[bf.Section("表格", tables=[(df, "各镇具体度")])])))
    table = doc.tables[0]
    assert len(table.rows) == 1 + bf.MAX_TABLE_ROWS
    header = table.rows[0]
    assert [c.text for c in header.cells] == list(df.columns)
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    first = table.rows[1].cells
    assert first[0].text == "石门镇" and first[1].text == "2021" and first[2].text == "5.0" and first[3].text == "有"
    assert table.rows[2].cells[3].text == "—"  # missing value
    assert first[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert first[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert first[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert any(p.text == "其余 15 行见导出的 Excel" for p in doc.paragraphs)
    keep = [row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in table.rows]
    assert keep[0] and not any(keep[1:])  # a long table may break, but not between header and first row
    assert "表 1　各镇具体度" in [p.text for p in doc.paragraphs]
    # a short table is not capped
    doc = _open(bf.briefing_docx(bf.Briefing("简报", sections=[bf.Section("表", tables=[(df.head(5), "")])])))
    assert len(doc.tables[0].rows) == 6 and not any("其余" in p.text for p in doc.paragraphs)
    keep = [row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in doc.tables[0].rows]
    assert keep == [True] * 5 + [False]  # a short table stays on one page


def test_short_cells_keep_their_width_in_a_crowded_table():
    """The town briefing's 同年比较 table: long text columns used to squeeze 2024 into 202/4."""
    header = ["年份", "比较范围", "指标", "本镇", "同年其他报告"]
    rows = [["2024", "全部同年 142 份", "学习贯彻习近平法治思想（提及段落占比）", "38%",
             "高于约 84% 的报告（共 142 份）（中位 29%）"]] * 3
    widths = word.column_widths(header, rows, font_pt=10.5)
    assert abs(sum(widths) - word.TEXT_W) < 10
    one_line = [word._visual_len(rows[0][i]) * word.Pt(10.5 * word.HALF_WIDTH_EM) + word.Pt(word.CELL_PADDING_PT) for i in (0, 3)]
    assert widths[0] >= one_line[0] and widths[3] >= one_line[1]  # the year and the share stay on one line
    assert widths[2] > widths[1] and widths[4] > widths[1]  # the long columns share the rest by length
    # a narrow table grows every column in proportion
    small = word.column_widths(["乡镇", "年份"], [["石门镇", "2021"]], font_pt=10.5)
    assert abs(sum(small) - word.TEXT_W) < 10 and small[0] > small[1]


def test_report_strings_go_in_as_plain_text():
    odd = "苏河镇报告第3页\x0c第4页<w:t>&amp;</w:t>\x00\x07 “引号”\t制表"
    b = bf.Briefing("简报<b>", sections=[bf.Section("一、<i>原文</i>", paragraphs=[odd], bullets=[odd],
                                                     tables=[(pd.DataFrame({"句子": [odd]}), odd)])])
    doc = _open(bf.briefing_docx(b))
    text = _all_text(doc)
    assert "简报<b>" in text and "一、<i>原文</i>" in text
    assert "苏河镇报告第3页\n第4页<w:t>&amp;</w:t> “引号”\t制表" in text
    assert "\x00" not in text and "\x07" not in text


def test_briefing_without_chromium_is_built_with_a_note_instead_of_charts(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    doc = _open(bf.briefing_docx(_seed_briefing(corpus)))
    assert len(doc.inline_shapes) == 0
    notes = [p.text for p in doc.paragraphs if "图表未能生成" in p.text]
    assert len(notes) == 2 and all(images.CHROMIUM_HINT in n for n in notes)
    assert "南郊镇" in _all_text(doc)  # the tables are still there


def test_data_line_counts_reports_towns_and_years(seed_manifest):
    reports = pd.DataFrame({"town": [r["town"] for r in seed_manifest], "year": [int(r["year"]) for r in seed_manifest]})
    years = sorted({int(r["year"]) for r in seed_manifest})
    expected = f"{len(seed_manifest)} 份报告（{len({r['town'] for r in seed_manifest})} 个乡镇，{years[0]}–{years[-1]} 年）"
    assert bf.data_line(reports) == f"数据来源：本系统语料库 · {expected}"
    one = pd.DataFrame({"town": ["石门镇", "石门镇", None], "year": [2022, 2022, None]})
    assert bf.data_line(one, source="上传的报告") == "数据来源：上传的报告 · 3 份报告（1 个乡镇，2022 年）"
    assert bf.data_line(pd.DataFrame({"town": [None], "year": [None]})) == "数据来源：本系统语料库 · 1 份报告"


def test_briefing_button_builds_only_when_clicked(monkeypatch):
    import streamlit as st

    calls, made = [], []
    monkeypatch.setattr(st, "download_button", lambda label, **kw: calls.append((label, kw)))

    def make():
        made.append(1)
        return bf.Briefing("龙岗街道简报", sections=[bf.Section("一、情况", paragraphs=["龙岗街道"])])

    bf.briefing_button(make, key="brief", file_name="龙岗街道简报_2026-11-27.docx")
    label, kw = calls[-1]
    assert label == "导出简报（Word）" and not made
    assert kw["file_name"] == "龙岗街道简报_2026-11-27.docx" and kw["mime"] == bf.DOCX_MIME
    assert kw["on_click"] == "ignore"
    doc = _open(kw["data"]())
    assert made == [1] and "龙岗街道" in _all_text(doc)


def test_the_pages_cautions_open_the_briefing_as_plain_text():
    from ui import meeting, widgets

    cautions = widgets.corpus_caution_texts(5) + ["这份文件不太像法治政府建设年度报告：标题“关于开展培训的通知”是一份通知"]
    (section,) = meeting._cautions(cautions)
    assert section.heading == "提醒"
    assert section.paragraphs[0].startswith("语料只有 5 份报告") and "\\" not in "".join(section.paragraphs)
    doc = _open(bf.briefing_docx(bf.Briefing("简报", sections=[section, bf.Section("一、自动解读", bullets=["甲"])])))
    text = [p.text for p in doc.paragraphs]
    assert text.index("提醒") < text.index("一、自动解读") and any("不太像" in t for t in text)
    assert meeting._cautions([]) == []
