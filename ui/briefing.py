"""The Word briefing (“导出简报”): its data model (`Briefing`, `Section`), helpers for pages and the download
button. `briefing_docx` (a `Briefing` in, .docx bytes out) hands over to ui.word, imported when a briefing is
first built: python-docx takes 0.15 s to import, which the first page after a restart need not wait for.

If the chart images cannot be made (no Chromium), the briefing is still built, with a Chinese note
where the charts would be.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ui import images

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

MAX_TABLE_ROWS = 30

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Section:
    """One heading and its content, in this order: paragraphs, bullets (the reading sentences; a
    ``(text, basis)`` pair prints the basis after the sentence in grey), charts (plotly figures,
    rendered when the briefing is built), images (ready PNG bytes with a caption) and tables
    (a frame with a caption; at most ``max_rows`` rows)."""

    heading: str
    paragraphs: Sequence[str] = ()
    bullets: Sequence[str | tuple[str, str]] = ()
    charts: Sequence[images.Chart | tuple] = ()
    images: Sequence[tuple[bytes, str]] = ()
    tables: Sequence[tuple[pd.DataFrame, str]] = ()
    max_rows: int = MAX_TABLE_ROWS


@dataclass(frozen=True)
class Briefing:
    """``data_line`` (e.g. from `data_line`) is printed under the title and is the source line of
    every chart image; ``date`` defaults to today."""

    title: str
    subtitle: str = ""
    data_line: str = ""
    sections: Sequence[Section] = field(default_factory=tuple)
    date: dt.date | None = None


# --- helpers for callers -------------------------------------------------------------------------


def data_line(reports: pd.DataFrame, *, source: str = "本系统语料库") -> str:
    """“数据来源：本系统语料库 · 5 份报告（5 个乡镇，2021–2023 年）” from a reports frame
    (columns town, year; unknown values are not counted)."""
    n = len(reports)
    towns = reports["town"].dropna().nunique() if "town" in reports else 0
    years = pd.to_numeric(reports["year"], errors="coerce").dropna() if "year" in reports else pd.Series([])
    parts = [f"{towns} 个乡镇"] if towns else []
    if len(years):
        lo, hi = int(years.min()), int(years.max())
        parts.append(f"{lo} 年" if lo == hi else f"{lo}–{hi} 年")
    detail = f"（{'，'.join(parts)}）" if parts else ""
    return f"数据来源：{source} · {n} 份报告{detail}"


def docx_file_name(title: str, *, date: dt.date | None = None) -> str:
    return images.png_file_name(title, date=date, ext="docx")


def clean(text) -> str:
    """A string Word can hold: str() of the value, page breaks as new lines, other control characters dropped."""
    s = "" if text is None else str(text)
    return _NOT_XML.sub("", s.replace("\x0c", "\n").replace("\x0b", "\n").replace("\r\n", "\n").replace("\r", "\n"))


def briefing_docx(b: Briefing) -> bytes:
    """The briefing as .docx bytes (A4 portrait). Chart figures are rendered here, all in one browser."""
    from ui import word

    return word.briefing_docx(b)


def briefing_button(make: Callable[[], Briefing], *, key: str, file_name: str | None = None,
                    label: str = "导出简报（Word）") -> None:
    """A download button that builds the briefing (charts included) only when clicked, without a rerun.
    While it is being built the button itself shows a spinner (Streamlit's deferred download); a
    spinner inside ``make`` would not show, as Streamlit ignores commands in the callable."""
    import streamlit as st  # here: briefing_docx works without Streamlit

    name = file_name or docx_file_name("简报")
    reason = images.unavailable()
    help_text = "生成 Word 简报（A4）：标题、日期、数据说明、主要图表、解读与表格"
    if reason:
        help_text += f"。{reason}；图表将以说明代替"
    st.download_button(label, data=lambda: briefing_docx(make()), file_name=name, mime=DOCX_MIME, key=key,
                       on_click="ignore", icon=":material/description:", help=help_text)
