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

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import facts as facts_mod, pipeline, reading
from analytics.readers import Document, read_bytes
from analytics.store import LEVELS
from ui import charts, data, nav
from ui.charts import CORPUS_COLOUR, ME_COLOUR  # one palette on every page

LEVEL_LABELS = {"township": "乡镇/街道", "county": "县", "district": "区", "city": "市"}
ME = "本报告"
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
    """Only the fields the user changed from the inferred values, and only values the store accepts (a
    refused value is explained on the page and the inferred one kept)."""
    from analytics.store import MetadataError, validate_metadata

    out = {}
    for k, v in values.items():
        v = v.strip() if isinstance(v, str) else v
        if v in (None, "") or v == inferred.get(k):
            continue
        try:
            out.update(validate_metadata({k: v}))
        except MetadataError as exc:
            st.error(plain_md(f"未采用这项更正：{exc}"))
    return out


def evaluate(payload: bytes, filename: str, overrides: Mapping[str, Any]) -> Evaluation:
    """Analyse + position, cached per (file, corrections, corpus version) in the session."""
    key = ("eval", file_digest(payload), filename, tuple(sorted(overrides.items())), data.corpus_version())
    cache = _cache()
    if key in cache:
        return cache[key]
    t0 = time.perf_counter()
    doc = read_upload(payload, filename)
    resources = data.get_resources()
    a = pipeline.analyse_document(doc, resources=resources, meta_overrides=overrides)
    pos = pipeline.position(a, store=data.get_store(), index=data.corpus_index(), table=data.corpus_table(),
                            resources=resources)
    labels = {t: resources.dictionary.label(t) for t in resources.dictionary.ids()}
    result = Evaluation(doc, a, pos, reading.automatic_reading(a, pos, labels=labels), time.perf_counter() - t0)
    evals = [k for k in cache if k[0] == "eval"]
    for old in evals[: max(0, len(evals) - _CACHE_SIZE + 1)]:
        cache.pop(old, None)
    cache[key] = result
    return result


# ---- tables ------------------------------------------------------------------------------------
def theme_table(ev: Evaluation, labels: Mapping[str, str]) -> pd.DataFrame:
    """Per theme: mentions, paragraphs mentioning it (share with interval), per-10k rate, where it stands."""
    rows = []
    for t, f in ev.position.themes.items():
        st_ = f.share_standing
        rows.append({
            "主题": labels.get(t, t), "提及次数": f.count,
            # one column for the share and its interval, so that the standing beside it is not pushed out of view
            "提及段落占比（95% 区间）": f"{f.share.value:.1f}%（{f.share.lo:.0f}–{f.share.hi:.0f}）",
            "每万字次数": round(f.rate.value, 1),
            "在语料中的位置": st_.describe("{:.0f}%", short=True) if st_ is not None else "无可比较的报告",
        })
    return pd.DataFrame(rows)


LEAN_CHANGE = {"law_popularization": "更偏普法", "enforcement": "更偏执法", "none": "无明显变化（区间重叠）"}


def previous_table(ev: Evaluation, labels: Mapping[str, str]) -> pd.DataFrame | None:
    """This report against the same town's previous report: the lean and every theme whose paragraph share
    moved beyond both 95 % intervals."""
    prev = ev.position.previous
    if not prev:
        return None
    rows = [{"项目": "普法↔执法侧重指数", f"{prev['year']}年": "—" if prev["lean_before"] is None else
             f"{prev['lean_before']:+.2f}", "本报告": f"{prev['lean_now']:+.2f}",
             "变化": LEAN_CHANGE.get(prev.get("lean_change"), "—")}]
    for c in prev["themes"]:
        rows.append({"项目": f"{labels.get(c['theme_id'], c['theme_id'])}（提及段落占比）", f"{prev['year']}年":
                     f"{c['before']:.0f}%", "本报告": f"{c['now']:.0f}%", "变化": "明显增多" if c["direction"] == "up"
                     else "明显减少"})
    return pd.DataFrame(rows)


def parts_table(a: pipeline.Analysis) -> pd.DataFrame:
    def status(p, info):
        if info.present:
            return "✓ 有（未单列，写在其他部分中）" if getattr(info, "embedded", False) else "✓ 有"
        return "— 无（可选）" if p in reading.OPTIONAL_PARTS else "✗ 缺少"

    return pd.DataFrame([{"部分": info.label, "状态": status(p, info), "字数": info.chars} for p, info in a.parts.items()])


def nearest_table(pos: pipeline.Position) -> pd.DataFrame:
    return pd.DataFrame([{"报告": reading.place(n["town"], n["year"]), "相似度（0–1）": n["similarity"]}
                         for n in pos.nearest], columns=["报告", "相似度（0–1）"])


def facts_table(a: pipeline.Analysis, labels: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame([
        {"数据": f.raw, "数值": f.value, "单位": f.unit, "类别": facts_mod.KINDS.get(f.kind, ""),
         "计入具体度": "是" if f.concrete else ("否（约数）" if f.approximate else "否（分项）" if f.breakdown else "否"),
         "主题": labels.get(t, "") if t else "", "所在句子": f.sentence}
        for f, t in a.facts
    ], columns=["数据", "数值", "单位", "类别", "计入具体度", "主题", "所在句子"])


def keywords_table(pos: pipeline.Position, *, n: int = 15) -> tuple[pd.DataFrame, pd.DataFrame]:
    top = pd.DataFrame([(t, c) for t, _w, c in pos.keywords[:n]], columns=["关键词", "次数"])
    d = pos.distinctive
    d = d[d["z"] > 1.96].sort_values("z", ascending=False).head(n) if len(d) else d
    dist = pd.DataFrame({"比其他报告用得多的词": d["term"], "次数": d["count_a"]}) if len(d) else \
        pd.DataFrame(columns=["比其他报告用得多的词", "次数"])
    return top, dist


def shared_pairs(ev: Evaluation, *, context: int = 30, limit: int = 10) -> list[dict[str, Any]]:
    """Shared passages with a little context on both sides, from both texts."""
    out = []
    others = data.texts({s["id"] for s in ev.position.shared[:limit]})
    for s in ev.position.shared[:limit]:
        other = others.get(s["id"], "")
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
    return [html.escape(str(v)) for v in values]


def box_stats(values: np.ndarray) -> tuple[float, float, float, float, float]:
    """Quartiles and whisker ends (the farthest values within 1.5 IQR, as plotly draws them), so the chart
    carries five numbers instead of every report's value."""
    q1, med, q3 = np.quantile(values, [0.25, 0.5, 0.75])
    iqr = q3 - q1
    lower = values[values >= q1 - 1.5 * iqr].min()
    upper = values[values <= q3 + 1.5 * iqr].max()
    return float(q1), float(med), float(q3), float(lower), float(upper)


def lean_metric(ln) -> dict[str, str | None]:
    """st.metric's value and help for the lean in the page's narrow metric: '偏普法', or '偏普法？' when its
    interval crosses 0, with the ？ explained."""
    if ln.label == "balanced" or ln.firm:
        return {"value": ln.label_zh, "help": None}
    return {"value": ln.label_zh + "？", "help": f"？：{ln.label_zh}（普法 {ln.pufa} 次、执法 {ln.zhifa} 次，达到两倍），"
                                                 "但次数不多或集中在少数几处，95% 区间跨过 0，把握不大"}


def lean_chart(ev: Evaluation, table: pipeline.CorpusTable, *, max_rows: int = 30) -> go.Figure:
    """This report's lean (a black diamond, with its interval) against the other reports: each one with its interval when
    there are few, their distribution (box) when there are many."""
    r = table.reports
    keep = r[~r.index.isin([ev.analysis.id, ev.position.duplicate_of]) & r["lean"].notna()]
    ln = ev.analysis.lean
    if len(keep) <= max_rows:
        return charts.report_lean_dots(_lean_rows(keep), me={"value": ln.value, "lo": ln.lo, "hi": ln.hi})
    fig = corpus_lean_box(keep["lean"], label=f"库中其他 {len(keep):,} 份报告")
    fig.add_trace(go.Scatter(x=[ln.value], y=["本报告"], mode="markers", name=ME,
                             marker={"color": ME_COLOUR, "size": 13, "symbol": "diamond"},
                             error_x={"type": "data", "symmetric": False, "array": [ln.hi - ln.value],
                                      "arrayminus": [ln.value - ln.lo], "color": ME_COLOUR},
                             hovertemplate="本报告：%{x:+.2f}<extra></extra>"))
    fig.update_layout(height=240)
    return fig


def _lean_rows(reports: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"label": [reading.place(t, y) for t, y in zip(reports["town"], reports["year"])],
                         "lean": reports["lean"], "lo": reports["lean_lo"], "hi": reports["lean_hi"],
                         "pufa": reports["lean_pufa"], "zhifa": reports["lean_zhifa"]})


def corpus_lean_box(leans: pd.Series, *, label: str) -> go.Figure:
    """The stored reports' 普法↔执法 leans as one box (quartiles, whiskers at 1.5 IQR)."""
    q1, med, q3, lower, upper = box_stats(leans.dropna().to_numpy(dtype=float))
    fig = go.Figure(go.Box(q1=[q1], median=[med], q3=[q3], lowerfence=[lower], upperfence=[upper], y=[label],
                           orientation="h", name="库中报告", marker_color=CORPUS_COLOUR,
                           hovertemplate=f"四分位 {q1:+.2f} / {med:+.2f} / {q3:+.2f}<extra></extra>"))
    fig.add_vline(x=0, line_dash="dot", line_color="#888")
    fig.update_layout(height=180, margin={"l": 10, "r": 10, "t": 30, "b": 40}, showlegend=False,
                      font_family=charts.FONT, xaxis_title="← 偏执法　侧重指数　偏普法 →")
    return fig


def corpus_summary(table: pipeline.CorpusTable, labels: Mapping[str, str]) -> pd.DataFrame:
    """What a typical stored report looks like, per theme: median, quartiles and the share of reports that
    mention it at all (提及段落占比, %), most mentioned first."""
    shares = table.shares()
    out = pd.DataFrame({"主题": [labels.get(t, t) for t in shares.columns],
                        "中位数（%）": shares.median().round(1).to_numpy(),
                        "四分位（%）": [f"{a:.1f}–{b:.1f}" for a, b in zip(shares.quantile(0.25), shares.quantile(0.75))],
                        "提到它的报告": [f"{int(k)} / {len(shares)}" for k in (shares > 0).sum()]})
    return out.sort_values("中位数（%）", ascending=False).reset_index(drop=True)


def empty_state(table: pipeline.CorpusTable, labels: Mapping[str, str]) -> None:
    """Before a file is chosen: the corpus an upload will be compared with."""
    n = len(table.reports)
    if n < 3:
        st.info(f"语料库中只有 {n} 份报告：上传的报告可以分析，但比较意义有限。")
        return
    st.subheader("将与之比较的语料库")
    years = table.reports["year"].dropna()
    span = f"{int(years.min())}–{int(years.max())} 年，" if len(years) else ""
    st.caption(f"库中 {n:,} 份报告（{span}{table.reports['town'].nunique():,} 个乡镇）。上传后，报告的每个数字都与它们比较。")
    left, right = st.columns([2, 3])
    with left:
        st.markdown("**普法与执法的侧重**")
        stored = table.reports[table.reports["lean"].notna()]
        small = len(stored) <= 30
        fig = (charts.report_lean_dots(_lean_rows(stored)) if small
               else corpus_lean_box(stored["lean"], label=f"库中 {len(stored):,} 份报告"))
        st.plotly_chart(fig, width="stretch", config=nav.CHART_CONFIG)
        st.caption("每个点是一份报告，线段为 95% 区间。" if small else "方框为中间一半报告所在的范围，竖线为中位数。")
    with right:
        st.markdown("**一份典型报告的各主题提及段落占比**")
        st.dataframe(corpus_summary(table, labels), hide_index=True, width="stretch", height=300)


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


def all_cautions(ev: Evaluation) -> list[str]:
    """What the page says above its figures, for the briefing: not a report, a duplicate, the cautions."""
    pos, a = ev.position, ev.analysis
    out = [a.not_report] if a.not_report else []
    if pos.duplicate_of:
        out.append(duplicate_line(pos))
    return out + list(pos.cautions)


def duplicate_line(pos: pipeline.Position) -> str:
    """The duplicate notice, the same on the page and in the briefing: which stored report, how much is the
    same, and that the figures compare with the other reports only."""
    name = reading.place(pos.duplicate_town, pos.duplicate_year) if pos.duplicate_town or pos.duplicate_year \
        else pos.duplicate_of[:8]
    same = (f"与库中 {name} 报告相同" if pos.duplicate_kind == "exact"
            else f"与库中 {name} 报告有 {pos.duplicate_share:.0%} 的文字相同")
    return same + f"：以下只与其他 {pos.compared} 份报告比较。"


def banner(ev: Evaluation) -> None:
    """A text that is not an annual report, or a duplicate of a stored report, is named at the top; cautions follow."""
    pos = ev.position
    if note := ev.analysis.not_report:
        st.warning(plain_md(note), icon="⚠️")
    if pos.duplicate_of:
        st.warning(plain_md(duplicate_line(pos)), icon="⚠️")
    for c in pos.cautions:
        st.caption(plain_md("⚠ " + c))


def save_section(a: pipeline.Analysis, pos: pipeline.Position, *, source: str, account) -> None:
    """加入语料库: refused for an exact duplicate, confirmed for a near one, editors only."""
    from analytics.accounts import PermissionDenied
    from analytics.store import MetadataError, StoreError

    if pos.duplicate_kind == "exact":
        st.info("这份报告已在语料库中，不能重复加入。")
        return
    if not account.is_editor:
        st.info("登录为编辑人员后可以把这份报告加入语料库（左侧栏“编辑人员登录”）。")
        return
    sure = True
    if pos.duplicate_kind == "near":
        sure = st.checkbox("这份报告与库中一份报告几乎相同，我确认仍要加入", key="upload_near_ok")
    if st.button("加入语料库", type="primary", key="upload_save", disabled=not sure):
        try:
            outcome = pipeline.save_analysis(data.get_store(), a, resources=data.get_resources(), actor=account,
                                             source=source, index=data.corpus_index())
        except PermissionDenied as exc:
            st.error(str(exc))
        except (StoreError, MetadataError) as exc:
            st.error(plain_md(str(exc)))
        else:
            data.after_write()
            st.session_state["upload_flash"] = f"{outcome.message}：{a.meta.town or '未知乡镇'} {a.meta.year or ''}"
            st.rerun()
