"""The .docx builder of the Word briefing (ui.briefing holds its data model and the download button).

`briefing_docx` is pure (a `Briefing` in, bytes out): A4 portrait, Chinese fonts set for East Asian
text (w:eastAsia, theme fonts removed so Word and LibreOffice both use them), title, date, a line on
the data, then per section its paragraphs, the reading sentences as bullets, the chart images (all
rendered in one browser by ui.images, with title band, date and source) scaled to the text width and
the tables (header row repeated on each page, numbers right-aligned, long tables cut with a note).
Page numbers in the footer. Every string goes in as plain text (`ui.briefing.clean`).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import numbers
from collections.abc import Sequence

import numpy as np
import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from PIL import Image

from ui import images
from ui.briefing import Briefing, clean

_LOG = logging.getLogger(__name__)

# Fonts every Chinese Windows/Office has; LibreOffice elsewhere falls back to an installed CJK font.
BODY_EA, BODY_LATIN = "宋体", "Times New Roman"
HEAD_EA, HEAD_LATIN = "黑体", "Arial"
PAGE_W, PAGE_H = Mm(210), Mm(297)
MARGIN_TB, MARGIN_LR = Mm(25), Mm(22)
TEXT_W = PAGE_W - 2 * MARGIN_LR  # 166 mm
MAX_IMAGE_H = Mm(190)  # leaves room for the heading and caption on the same page
KEEP_TOGETHER_ROWS = 12  # tables up to this many rows are not split across pages
CHART_WIDTH = 780  # CSS px of a chart in the briefing: 12 px chart text prints at about 7 pt on 166 mm
GREY = RGBColor(0x59, 0x59, 0x59)
HEADER_FILL = "DCE6F2"


# --- fonts and styles ----------------------------------------------------------------------------


def _set_fonts(rpr_owner, *, east_asia: str, latin: str) -> None:
    """Explicit fonts for all scripts on a style or run (``.element``), theme fonts removed."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _style(doc, name: str, *, east_asia: str, latin: str, size: float, bold: bool | None = None,
           color: RGBColor | None = None):
    st = doc.styles[name]
    _set_fonts(st.element, east_asia=east_asia, latin=latin)
    st.font.size = Pt(size)
    if bold is not None:
        st.font.bold = bold
    st.font.color.rgb = color or RGBColor(0, 0, 0)
    return st


def _setup(doc) -> None:
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = PAGE_W, PAGE_H
    sec.top_margin = sec.bottom_margin = MARGIN_TB
    sec.left_margin = sec.right_margin = MARGIN_LR
    sec.header_distance = sec.footer_distance = Mm(12)
    # document defaults too: tables, headers and footers that do not use Normal
    rpr_default = doc.styles.element.find(qn("w:docDefaults"))
    if rpr_default is not None:
        rpr = rpr_default.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is not None:
                for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    fonts.attrib.pop(qn(attr), None)
                fonts.set(qn("w:ascii"), BODY_LATIN)
                fonts.set(qn("w:hAnsi"), BODY_LATIN)
                fonts.set(qn("w:eastAsia"), BODY_EA)
            lang = rpr.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:eastAsia"), "zh-CN")
    normal = _style(doc, "Normal", east_asia=BODY_EA, latin=BODY_LATIN, size=12)
    pf = normal.paragraph_format
    pf.line_spacing = 1.35
    pf.space_after = Pt(4)
    title = _style(doc, "Title", east_asia=HEAD_EA, latin=HEAD_LATIN, size=22, bold=False)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    _drop_border(title)
    for name, size in (("Heading 1", 16), ("Heading 2", 14)):
        h = _style(doc, name, east_asia=HEAD_EA, latin=HEAD_LATIN, size=size, bold=False)
        h.paragraph_format.space_before = Pt(14)
        h.paragraph_format.space_after = Pt(6)
        h.paragraph_format.keep_with_next = True
    _style(doc, "List Bullet", east_asia=BODY_EA, latin=BODY_LATIN, size=12)
    cap = _style(doc, "Caption", east_asia=BODY_EA, latin=BODY_LATIN, size=10.5, bold=False, color=GREY)
    cap.font.italic = False
    cap.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cap.paragraph_format.space_after = Pt(10)


def _drop_border(style) -> None:
    """The default template's Title has a blue bottom border."""
    ppr = style.element.find(qn("w:pPr"))
    if ppr is not None:
        for el in ppr.findall(qn("w:pBdr")):
            ppr.remove(el)


def _field(paragraph, instr: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end runs."""
    def fld(kind: str):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    paragraph.add_run()._r.append(fld("begin"))
    r = paragraph.add_run()._r
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    r.append(it)
    paragraph.add_run()._r.append(fld("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(fld("end"))


def _header_footer(doc, b: Briefing, day: dt.date) -> None:
    sec = doc.sections[0]
    hp = sec.header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = hp.add_run(clean(f"{b.title} · {day.year}年{day.month}月{day.day}日"))
    run.font.size = Pt(9)
    run.font.color.rgb = GREY
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp.add_run("第 ")
    _field(fp, "PAGE")
    fp.add_run(" 页 / 共 ")
    _field(fp, "NUMPAGES")
    fp.add_run(" 页")
    for r in fp.runs:
        r.font.size = Pt(9)
        r.font.color.rgb = GREY


# --- content -------------------------------------------------------------------------------------


def _note(doc, text: str, *, align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    p = doc.add_paragraph()
    p.alignment = align
    r = p.add_run(clean(text))
    r.font.size = Pt(10)
    r.font.color.rgb = GREY


def _bullet(doc, item):
    text, basis = (item, "") if isinstance(item, str) else (item[0], item[1])
    p = doc.add_paragraph(style="List Bullet")
    p.add_run(clean(text))
    if basis:
        r = p.add_run(clean(f"（{basis}）"))
        r.font.size = Pt(10)
        r.font.color.rgb = GREY
    return p


def _picture(doc, png: bytes, caption: str, number: int) -> None:
    with Image.open(io.BytesIO(png)) as im:
        w_px, h_px = im.size
    width = TEXT_W
    if width * h_px / w_px > MAX_IMAGE_H:
        width = Emu(int(MAX_IMAGE_H * w_px / h_px))
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.space_after = Pt(2)
    p.paragraph_format.line_spacing = 1.0  # a multiple of the line height would stretch the picture's line
    shape = p.add_run().add_picture(io.BytesIO(png), width=width)
    for side in ("distT", "distB", "distL", "distR"):  # absent, LibreOffice puts 3.2 mm around the picture
        shape._inline.set(side, "0")
    doc_pr = shape._inline.find(qn("wp:docPr"))
    if doc_pr is not None and caption:
        doc_pr.set("descr", clean(caption))  # alt text
    cap = doc.add_paragraph(style="Caption")
    cap.add_run(clean(f"图 {number}　{caption}" if caption else f"图 {number}"))


def _is_number(v) -> bool:
    return isinstance(v, numbers.Number) and not isinstance(v, (bool, np.bool_))


def _decimals(col: pd.Series) -> int:
    vals = pd.to_numeric(col, errors="coerce").dropna()
    vals = vals[vals.map(math.isfinite)] if len(vals) else vals
    for d in (0, 1):
        if ((vals.round(2) * 10 ** d).round(6) % 1 == 0).all():
            return d
    return 2


def _cell_text(v, decimals: int | None) -> str:
    if v is None or (not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v)):
        return "—"
    if isinstance(v, bool):
        return "是" if v else "否"
    if decimals is not None and _is_number(v):
        return f"{float(v):.{decimals}f}" if decimals else f"{round(float(v)):d}"
    return clean(v)


def _visual_len(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _row_flag(row, tag: str) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement(tag)
    el.set(qn("w:val"), "true")
    trpr.append(el)


SHORT_COLUMN = 12  # a column whose cells are at most this many half-width characters is never wrapped
LONG_CAP = 80  # a paragraph-long column weighs as 80 half-width characters: it takes the most room, not all
CELL_PADDING_PT = 12  # Word's default cell margins (0.19 cm each side) and a little air
HALF_WIDTH_EM = 0.65  # a digit's advance in the fallback Latin font (DejaVu Sans: 0.64 em), a CJK character half of 1.3 em


def column_widths(header: Sequence[str], rows: Sequence[Sequence[str]], *, font_pt: float) -> list[Emu]:
    """Widths of a table's columns over the text width, by content (CJK counts as two half-width characters).

    A long header may wrap; a cell never should if it is short (a year, a number, 是/否): when the table
    is too wide to give every column its content's width, the short columns keep theirs and the long
    ones share what is left in proportion to their length (capped at LONG_CAP). When it fits, every column
    grows in proportion."""
    lengths = [max([_visual_len(r[i]) for r in rows], default=0) for i in range(len(header))]
    units = [min(LONG_CAP, max(2, min(_visual_len(h), 10), n)) for h, n in zip(header, lengths)]
    per_unit = Pt(font_pt * HALF_WIDTH_EM)
    need = [u * per_unit + Pt(CELL_PADDING_PT) for u in units]
    if sum(need) <= TEXT_W:
        return [Emu(int(TEXT_W * n / sum(need))) for n in need]
    short = [n <= SHORT_COLUMN and max(2, min(_visual_len(h), 10)) <= SHORT_COLUMN for h, n in zip(header, lengths)]
    fixed = sum(n for n, s in zip(need, short) if s)
    long_need = sum(n for n, s in zip(need, short) if not s)
    rest, n_long = TEXT_W - fixed, len(need) - sum(short)
    if not n_long or rest < n_long * (SHORT_COLUMN * per_unit + Pt(CELL_PADDING_PT)):
        return [Emu(int(TEXT_W * n / sum(need))) for n in need]  # too many columns: every one gives way
    return [Emu(int(n if s else rest * n / long_need)) for n, s in zip(need, short)]


def _table(doc, df: pd.DataFrame, caption: str, number: int, *, max_rows: int) -> None:
    cap = doc.add_paragraph(style="Caption")
    cap.paragraph_format.keep_with_next = True
    cap.paragraph_format.space_after = Pt(3)
    cap.add_run(clean(f"表 {number}　{caption}" if caption else f"表 {number}"))
    shown = df.head(max_rows)
    cols = list(df.columns)
    numeric = [pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
               or (len(df[c].dropna()) > 0 and all(_is_number(v) for v in df[c].dropna())) for c in cols]
    decimals = [_decimals(df[c]) if num else None for c, num in zip(cols, numeric)]
    texts = [[_cell_text(v, d) for v, d in zip(row, decimals)] for row in shown.itertuples(index=False, name=None)]
    table = doc.add_table(rows=1 + len(texts), cols=len(cols))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    size = Pt(10.5 if len(cols) <= 6 else 9)
    widths = column_widths([clean(c) for c in cols], texts, font_pt=size.pt)
    for col, w in zip(table.columns, widths):
        col.width = w  # w:gridCol, which LibreOffice follows (Word follows the cells' w:tcW)
    for i, row in enumerate(table.rows):
        _row_flag(row, "w:cantSplit")
        values = [clean(c) for c in cols] if i == 0 else texts[i - 1]
        for j, (cell, text) in enumerate(zip(row.cells, values)):
            cell.width = widths[j]
            p = cell.paragraphs[0]
            p.paragraph_format.space_before = Pt(1)
            p.paragraph_format.space_after = Pt(1)
            p.paragraph_format.line_spacing = 1.1
            # a short table stays on one page; a long one keeps its header with the first row
            p.paragraph_format.keep_with_next = i < len(texts) and (len(texts) <= KEEP_TOGETHER_ROWS or i == 0)
            p.alignment = (WD_ALIGN_PARAGRAPH.CENTER if i == 0 else
                           WD_ALIGN_PARAGRAPH.RIGHT if numeric[j] else WD_ALIGN_PARAGRAPH.LEFT)
            run = p.add_run(text)
            run.font.size = size
            if i == 0:
                run.font.bold = True
                _shade(cell, HEADER_FILL)
        if i == 0:
            _row_flag(row, "w:tblHeader")  # repeat the header row on every page
    rest = len(df) - len(shown)
    if rest > 0:
        _note(doc, f"其余 {rest} 行见导出的 Excel")
    else:  # a thin spacer, so that two tables in a row do not merge
        spacer = doc.add_paragraph()
        spacer.paragraph_format.space_after = Pt(0)
        spacer.paragraph_format.line_spacing = Pt(6)


def _render_charts(b: Briefing, day: dt.date) -> tuple[list[list[bytes]], str | None]:
    """All charts of all sections in one browser session; on failure, empty lists and the reason."""
    items = [[c if isinstance(c, images.Chart) else images.Chart(*c) for c in s.charts] for s in b.sections]
    flat = [c for sec in items for c in sec]
    if not flat:
        return [[] for _ in items], None
    try:
        pngs = images.charts_png(flat, source=b.data_line, date=day, width=CHART_WIDTH, scale=2)
    except images.ExportError as exc:
        _LOG.warning("briefing without chart images: %s", exc, exc_info=exc.__cause__ is not None)
        return [[] for _ in items], str(exc)
    out, k = [], 0
    for sec in items:
        out.append(pngs[k:k + len(sec)])
        k += len(sec)
    return out, None


def briefing_docx(b: Briefing) -> bytes:
    """The briefing as .docx bytes (A4 portrait). Chart figures are rendered here, all in one browser."""
    day = b.date or dt.date.today()
    rendered, failure = _render_charts(b, day)
    doc = Document()
    _setup(doc)
    doc.core_properties.title = clean(b.title)
    doc.core_properties.language = "zh-CN"
    _header_footer(doc, b, day)
    doc.add_paragraph(clean(b.title), style="Title")
    if b.subtitle:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(clean(b.subtitle))
        r.font.size = Pt(14)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(f"{day.year}年{day.month}月{day.day}日")
    r.font.size = Pt(12)
    if b.data_line:
        _note(doc, b.data_line, align=WD_ALIGN_PARAGRAPH.CENTER)
    fig_no = tab_no = 0
    for sec, pngs in zip(b.sections, rendered):
        doc.add_heading(clean(sec.heading), level=1)
        last = None
        for text in sec.paragraphs:
            last = doc.add_paragraph(clean(text))
            last.paragraph_format.first_line_indent = Pt(24)  # two characters, as Chinese prose is set
        for item in sec.bullets:
            last = _bullet(doc, item)
        if last is not None and (pngs or sec.images):
            last.paragraph_format.keep_with_next = True  # the text that reads a chart stays on its page
        if sec.charts and failure:
            _note(doc, f"（本节 {len(sec.charts)} 张图表未能生成：{failure}）")
        charts = [c if isinstance(c, images.Chart) else images.Chart(*c) for c in sec.charts]
        for png, chart in zip(pngs, charts):
            fig_no += 1
            _picture(doc, png, chart.title, fig_no)
        for png, caption in sec.images:
            fig_no += 1
            _picture(doc, png, caption, fig_no)
        for df, caption in sec.tables:
            tab_no += 1
            _table(doc, df, caption, tab_no, max_rows=sec.max_rows)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
