"""Small shared widgets: the unit switch, the counting-rule note, escaped KWIC highlighting."""

from __future__ import annotations

import html
import re

import pandas as pd
import streamlit as st

from ui import views


def keep(key: str, default, *, valid=None) -> dict:
    """Make a widget's value outlive the page: restore it from a shadow key before the widget is
    drawn (``valid`` repairs a stale value) and return the on_change kwargs that save it back."""
    shadow = f"_keep_{key}"
    value = st.session_state[key] if key in st.session_state else st.session_state.get(shadow, default)
    st.session_state[key] = valid(value) if valid is not None else value
    return {"on_change": _save, "args": (key,)}


def _save(key: str) -> None:
    st.session_state[f"_keep_{key}"] = st.session_state[key]


def forget(key: str) -> None:
    st.session_state.pop(key, None)
    st.session_state.pop(f"_keep_{key}", None)


def metric_switch(key: str, *, label: str = "度量") -> str:
    """提及段落占比 (default) / 每万字次数 / 提及次数; the chosen unit is shown on every axis."""
    value = st.segmented_control(label, list(views.METRICS), key=key, required=True,
                                 format_func=lambda m: f"{views.METRICS[m]}（{views.UNITS[m]}）",
                                 help="；".join(f"{views.METRICS[m]}：{h}" for m, h in views.METRIC_HELP.items()),
                                 **keep(key, "unit_share", valid=lambda v: v if v in views.METRICS else "unit_share"))
    return value or "unit_share"


POOLING = {"latest": "每个乡镇最近一年的报告", "all": "每个乡镇筛选范围内的全部报告合计"}


def town_pooling(key: str) -> bool:
    """Whether a by-town figure pools all of a town's reports (else: its latest report, the default, as on 总览)."""
    value = st.segmented_control("比较哪些报告", list(POOLING), key=key, required=True, format_func=POOLING.get,
                                 **keep(key, "latest", valid=lambda v: v if v in POOLING else "latest"))
    return value == "all"


def help_line(text: str) -> None:
    """A one-line plain explanation under a figure (our own text, shown without Markdown)."""
    st.caption(plain_md(text))


def corpus_caution_texts(n: int) -> list[str]:
    """The cautions every comparison within a corpus of ``n`` reports carries, as plain text (for a briefing)."""
    from analytics import figures

    return figures.cautions(chars=figures.SHORT_REPORT, corpus_size=n)


def corpus_cautions(n: int) -> list[str]:
    return [plain_md("⚠ " + c) for c in corpus_caution_texts(n)]


def plain_md(text: str) -> str:
    """Text shown inside a Markdown element (st.error …) without being interpreted: every
    Markdown/HTML special character is backslash-escaped, line breaks kept."""
    escaped = re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)
    return escaped.replace("\n", "  \n")


def counting_rule() -> None:
    st.caption(views.COUNTING_RULE)


def kwic_html(hits: pd.DataFrame, *, limit: int = 200) -> str:
    """Concordance lines as HTML; every piece of report text is escaped (never interpreted)."""
    rows = []
    for h in hits.head(limit).itertuples():
        rows.append(
            "<tr>"
            f"<td class='m'>{html.escape(str(h.report))}</td>"
            f"<td class='l'><span>{html.escape(h.left)}</span></td>"
            f"<td class='k'><mark>{html.escape(h.match)}</mark></td>"
            f"<td class='r'>{html.escape(h.right)}</td>"
            "</tr>"
        )
    style = ("<style>.kwic{border-collapse:collapse;width:100%;table-layout:fixed;font-size:14px}"
             ".kwic td{padding:3px 6px;border-bottom:1px solid #eee;vertical-align:top}"
             ".kwic col.m{width:8em}.kwic col.l{width:40%}.kwic col.k{width:11em}"
             ".kwic td.k{white-space:normal;word-break:keep-all}"
             ".kwic td.l{text-align:right}"
             ".kwic td.k{text-align:center}.kwic td.m{color:#666;font-size:12px;text-overflow:ellipsis}"
             ".kwic mark{background:#ffe08a;padding:0 2px;font-weight:600}</style>")
    cols = "<colgroup><col class='m'><col class='l'><col class='k'><col class='r'></colgroup>"
    return style + "<table class='kwic'>" + cols + "".join(rows) + "</table>"


def paragraph_html(paragraph: str, start: int, end: int) -> str:
    """One paragraph with the match highlighted; all text escaped."""
    return ("<div style='line-height:1.8;padding:8px 12px;background:#fafafa;border-left:3px solid #b22222'>"
            f"{html.escape(paragraph[:start])}<mark>{html.escape(paragraph[start:end])}</mark>"
            f"{html.escape(paragraph[end:])}</div>")


def file_uploader(label: str, *, key: str, max_mb: int, multiple: bool = False):
    """``st.file_uploader`` with its built-in English texts ('Upload', '20MB per file') shown in Chinese.
    Streamlit has no option for them (streamlit/streamlit#13500), so a style scoped to this widget's key
    hides them and puts the Chinese text in their place; the label above stays the widget's own."""
    box = f".st-key-{key} [data-testid='stFileUploaderDropzone']"
    hint = f"{'可一次选多个文件，' if multiple else ''}也可直接把文件拖到这里"
    st.html(f"<style>{box} button [data-testid='stMarkdownContainer'] p{{font-size:0}}"
            f"{box} button [data-testid='stMarkdownContainer'] p::after{{content:'选择文件';font-size:14px}}"
            f"{box} [data-testid='stFileUploaderDropzoneInstructions'] span{{font-size:0}}"
            f"{box} [data-testid='stFileUploaderDropzoneInstructions'] span::after{{content:'{hint}';"
            f"font-size:14px}}</style>")
    return st.file_uploader(label, key=key, accept_multiple_files=multiple, max_upload_size=max_mb)
