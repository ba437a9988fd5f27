"""Upload page helpers: read + analyse + position one upload (cached per file and corrections),
and the figures the page shows. Report text never goes through Markdown or HTML here."""

from __future__ import annotations

import hashlib
import html
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import pipeline, reading
from analytics.readers import Document, read_bytes
from analytics.store import LEVELS
from ui import data

LEVEL_LABELS = {"township": "乡镇/街道", "county": "县", "district": "区", "city": "市"}
ME = "本报告"
ME_COLOUR, CORPUS_COLOUR = "#d62728", "#7f7f7f"
_CACHE_KEY = "upload_cache"
_CACHE_SIZE = 4
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain_md(text: str) -> str:
    """Escape user text for the Markdown-rendering widgets (st.error, st.caption …)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def file_digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


@dataclass(frozen=True)
class Evaluation:
    """One upload analysed with its corrections and placed against the corpus."""

    doc: Document
    analysis: pipeline.Analysis
    position: pipeline.Position
    figures: reading.Figures
    reading: list[reading.ReadingSentence]
    seconds: float


def _cache() -> dict:
    return st.session_state.setdefault(_CACHE_KEY, {})


def read_upload(payload: bytes, filename: str) -> Document:
    """Read the upload once per content (raises ReadError with a Chinese message)."""
    key = ("doc", file_digest(payload), filename)
    cache = _cache()
    if key not in cache:
        cache[key] = read_bytes(payload, filename=filename)
    return cache[key]


def clean_overrides(values: Mapping[str, Any], inferred: Mapping[str, Any]) -> dict[str, Any]:
    """Only the fields the user changed from the inferred values."""
    out = {}
    for k, v in values.items():
        v = v.strip() if isinstance(v, str) else v
        if v not in (None, "") and v != inferred.get(k):
            out[k] = v
    return out


def evaluate(payload: bytes, filename: str, overrides: Mapping[str, Any]) -> Evaluation:
    """Analyse + position, cached per (file, corrections, corpus version) in the session."""
    key = ("eval", file_digest(payload), filename, tuple(sorted(overrides.items())), data.corpus_version())
    cache = _cache()
    if key in cache:
        return cache[key]
    t0 = time.perf_counter()
    doc = read_upload(payload, filename)
    resources, model = data.get_resources(), data.corpus_model()
    a = pipeline.analyse_document(doc, resources=resources, meta_overrides=overrides)
    pos = pipeline.position(model, a)
    fig = reading.figures_for(a, pos, model, positions=data.load_corpus().positions)
    result = Evaluation(doc, a, pos, fig, reading.automatic_reading(fig), time.perf_counter() - t0)
    evals = [k for k in cache if k[0] == "eval"]
    for old in evals[: max(0, len(evals) - _CACHE_SIZE + 1)]:
        cache.pop(old, None)
    cache[key] = result
    return result


# ---- tables ------------------------------------------------------------------------------------
def theme_table(ev: Evaluation, labels: Mapping[str, str]) -> pd.DataFrame:
    rates = ev.analysis.rates()
    corpus = ev.figures.corpus_rates
    return pd.DataFrame([
        {"主题": labels.get(t, t), "百分位": round(ev.position.percentiles.get(t, float("nan")), 0),
         "每万字": round(r.per_10k, 1),
         "语料中位数": round(float(corpus[t].median()), 1) if t in corpus and len(corpus) else None, "次数": r.count}
        for t, r in rates.items()
    ])


def parts_table(a: pipeline.Analysis) -> pd.DataFrame:
    return pd.DataFrame([
        {"部分": info.label, "状态": "✓ 有" if info.present else ("— 无（可选）" if p in reading.OPTIONAL_PARTS else
                                                              "✗ 缺少"), "字数": info.chars}
        for p, info in a.parts.items()
    ])


def nearest_table(pos: pipeline.Position) -> pd.DataFrame:
    return pd.DataFrame([{"报告": reading.place(n["town"], n["year"]), "相似度": n["similarity"]} for n in pos.nearest],
                        columns=["报告", "相似度"])


def facts_table(a: pipeline.Analysis, labels: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame([
        {"数据": f.raw, "单位": f.unit, "数值": f.value, "主题": labels.get(t, "") if t else "", "所在句子": f.sentence}
        for f, t in a.facts
    ], columns=["数据", "单位", "数值", "主题", "所在句子"])


def keywords_table(pos: pipeline.Position, *, n: int = 15) -> tuple[pd.DataFrame, pd.DataFrame]:
    top = pd.DataFrame([(t, round(float(w), 3)) for t, w in pos.keywords[:n]], columns=["关键词", "权重"])
    d = pos.distinctive
    d = d[d["z"] > 0].sort_values("z", ascending=False).head(n) if len(d) else d
    dist = pd.DataFrame({"特色词": d["term"], "次数": d["count_a"], "z": d["z"].round(2)}) if len(d) else \
        pd.DataFrame(columns=["特色词", "次数", "z"])
    return top, dist


def shared_pairs(ev: Evaluation, *, context: int = 30, limit: int = 10) -> list[dict[str, Any]]:
    """Shared passages with a little context on both sides, from both texts."""
    out = []
    for s in ev.position.shared[:limit]:
        other = data.report_text(s["id"])
        out.append({
            "who": reading.place(s["town"], s["year"]), "chars": s["end"] - s["start"],
            "mine": _with_context(ev.analysis.text, s["start"], s["end"], context),
            "theirs": _with_context(other, s["other_start"], s["other_end"], context),
        })
    return out


def _with_context(text: str, start: int, end: int, context: int, *, keep: int = 120) -> str:
    """The passage in 【】 with some context; long passages keep their head and tail only."""
    pre, post, body = text[max(0, start - context):start], text[end:end + context], text[start:end]
    if len(body) > 2 * keep:
        body = f"{body[:keep]}……（中间省略 {len(body) - 2 * keep} 字）……{body[-keep:]}"
    return f"…{pre}【{body}】{post}…"


# ---- charts ------------------------------------------------------------------------------------
def _safe(values) -> list[str]:
    return [html.escape(str(v), quote=False) for v in values]


def theme_strip(ev: Evaluation, labels: Mapping[str, str], corpus_labels: pd.Series) -> go.Figure:
    """Per theme: the corpus reports (grey dots + box) and this report (red diamond)."""
    corpus = ev.figures.corpus_rates
    themes_ = [t for t in ev.figures.rates if t in corpus.columns][::-1]
    names = corpus_labels.reindex(corpus.index)
    shown = {t: html.escape(labels.get(t, t), quote=False) for t in themes_}  # plotly renders HTML in ticks
    fig = go.Figure(go.Box(
        x=[v for t in themes_ for v in corpus[t]], y=[shown[t] for t in themes_ for _ in corpus.index],
        orientation="h", boxpoints="all", jitter=0.3, pointpos=0, marker={"color": CORPUS_COLOUR, "size": 6},
        line={"color": "#bbbbbb"}, fillcolor="rgba(0,0,0,0)", name="语料中的报告",
        hovertext=[html.escape(str(n), quote=False) for _ in themes_ for n in names], hoverinfo="text+x"))
    fig.add_trace(go.Scatter(
        x=[ev.figures.rates[t] for t in themes_], y=[shown[t] for t in themes_], mode="markers", name=ME,
        marker={"color": ME_COLOUR, "size": 13, "symbol": "diamond", "line": {"width": 1, "color": "white"}},
        hovertemplate="本报告 %{x:.1f}<extra></extra>"))
    fig.update_layout(height=60 + 34 * len(themes_), margin={"l": 10, "r": 10, "t": 30, "b": 30},
                      xaxis_title="每万字提及次数（灰点为语料中的报告）", legend={"orientation": "h", "y": 1.06})
    return fig


def wordscore_chart(ev: Evaluation, reports: pd.DataFrame) -> go.Figure | None:
    ws = ev.position.wordscore
    if ws is None:
        return None
    rows = reports[reports["id"] != ev.analysis.id].dropna(subset=["wordscore"])
    rows = pd.DataFrame({"label": rows["label"], "score": rows["wordscore"], "lo": rows["wordscore_lo"],
                         "hi": rows["wordscore_hi"], "me": False})
    me = pd.DataFrame([{"label": ME, "score": ws["score"], "lo": ws["lo"], "hi": ws["hi"], "me": True}])
    rows = pd.concat([rows, me], ignore_index=True).sort_values("score")
    fig = go.Figure()
    for is_me, part in rows.groupby("me"):
        fig.add_trace(go.Scatter(
            x=part["score"], y=_safe(part["label"]), mode="markers", name=ME if is_me else "语料中的报告",
            marker={"color": ME_COLOUR if is_me else CORPUS_COLOUR, "size": 12 if is_me else 8},
            error_x={"type": "data", "symmetric": False, "array": part["hi"] - part["score"],
                     "arrayminus": part["score"] - part["lo"]},
            hovertemplate="%{y}: %{x:.3f}<extra></extra>"))
    fig.update_layout(height=80 + 26 * len(rows), margin={"l": 10, "r": 10, "t": 30, "b": 40},
                      xaxis_title="← 偏执法 · Wordscores 得分（95% 区间）· 偏普法 →",
                      yaxis={"categoryorder": "array", "categoryarray": _safe(rows["label"])},
                      legend={"orientation": "h", "y": 1.08})
    return fig


def map_chart(ev: Evaluation, reports: pd.DataFrame) -> go.Figure | None:
    if ev.position.map is None:
        return None
    rows = reports[reports["id"] != ev.analysis.id].dropna(subset=["x", "y"])
    fig = go.Figure(go.Scatter(x=rows["x"], y=rows["y"], mode="markers+text", text=_safe(rows["label"]),
                               textposition="top center", name="语料中的报告",
                               marker={"color": CORPUS_COLOUR, "size": 9}, hoverinfo="text"))
    fig.add_trace(go.Scatter(x=[ev.position.map["x"]], y=[ev.position.map["y"]], mode="markers+text", text=[ME],
                             textposition="bottom center", name=ME,
                             marker={"color": ME_COLOUR, "size": 16, "symbol": "star"}, hoverinfo="text"))
    fig.update_layout(height=420, margin={"l": 10, "r": 10, "t": 30, "b": 30},
                      xaxis_title="用词分布图 第一维", yaxis_title="第二维", legend={"orientation": "h", "y": 1.08})
    return fig


def meta_inputs(inferred, tag: str) -> dict[str, Any]:
    """Editable town / county / year / level, initialised with the inferred values (keys per file)."""
    c = st.columns(4)
    levels = list(LEVELS)
    return {
        "town": c[0].text_input("乡镇（街道）", value=inferred.town or "", key=f"up_town_{tag}"),
        "county": c[1].text_input("县（区）", value=inferred.county or "", key=f"up_county_{tag}"),
        "year": c[2].number_input("报告年度", min_value=1990, max_value=2100, step=1, value=inferred.year,
                                  key=f"up_year_{tag}"),
        "level": c[3].selectbox("层级", levels, format_func=lambda v: LEVEL_LABELS.get(v, v), key=f"up_level_{tag}",
                                index=levels.index(inferred.level) if inferred.level in levels else 0),
    }


_TONE = {"good": "#2ca02c", "bad": "#d62728", "neutral": "#7f7f7f"}


def reading_html(sentences: list[reading.ReadingSentence]) -> str:
    """The reading as an HTML list; every piece of text is escaped."""
    items = "".join(
        f"<li style='margin:.3em 0;list-style:none'><span style='color:{_TONE[s.tone]}'>●</span> "
        f"<b>{html.escape(s.text)}</b><br><small style='color:#666;margin-left:1.1em'>依据："
        f"{html.escape(s.basis)}（见“{html.escape(reading.FIGURE_LABELS[s.figure])}”）</small></li>"
        for s in sentences)
    return f"<ul style='margin:0;padding-left:0'>{items or '<li>没有可解读的数字</li>'}</ul>"
