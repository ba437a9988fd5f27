"""The automatic reading: Chinese sentences built by fixed rules from the figures of one report.

Every sentence carries the figure it rests on (``figure``: which chart/table of the upload page)
and the number(s) behind it (``basis``), so a reader can check each claim on the page. Shares are
computed against the other reports of the corpus: "高于语料中 80% 的报告" means 80% of them have a
strictly lower value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

# Figure ids: the sections of the upload page a sentence points at.
FIG_THEMES = "themes"
FIG_WORDSCORE = "wordscore"
FIG_PARTS = "parts"
FIG_SHARED = "shared"
FIG_FACTS = "facts"
FIG_STOCK = "stock"
FIG_NEAREST = "nearest"
MIN_COPY_CHARS = 50  # a shared passage this long reads as copied text, shorter ones as stock phrases
FIGURE_LABELS = {
    FIG_THEMES: "主题提及率与百分位",
    FIG_WORDSCORE: "普法↔执法位置",
    FIG_PARTS: "必备部分",
    FIG_SHARED: "与已存报告相同的段落",
    FIG_FACTS: "具体数据与具体度",
    FIG_STOCK: "套话占比",
    FIG_NEAREST: "最相近的报告",
}


@dataclass(frozen=True)
class Figures:
    """The figures of one report and of the corpus it is compared with (itself excluded)."""

    theme_labels: Mapping[str, str]
    rates: Mapping[str, float]  # theme id -> mentions per 10,000 characters
    corpus_rates: pd.DataFrame  # one row per corpus report, one column per theme id
    missing_parts: Sequence[str] = ()  # labels of required parts not found
    shared: Sequence[Mapping[str, Any]] = ()  # passages: {id, town, year, start, end}
    wordscore: Mapping[str, float] | None = None  # {score, lo, hi}
    corpus_wordscores: Sequence[float] = ()
    wordscore_poles: tuple[str, str] = ("普法", "执法")  # (high end, low end) of the score
    concreteness: float | None = None  # facts per 10,000 characters
    facts: int = 0
    corpus_concreteness: Sequence[float] = ()
    stock_share: float | None = None  # share of the text in stock sentences, 0–1
    corpus_stock_share: Sequence[float] = ()
    nearest: Sequence[Mapping[str, Any]] = ()  # {town, year, similarity}, best first
    focus_themes: Sequence[str] = ("law_popularization", "enforcement")  # always compared with the median


@dataclass(frozen=True)
class ReadingSentence:
    text: str
    figure: str  # one of FIGURE_LABELS
    basis: str  # the figure(s) behind the sentence, as shown on the page
    tone: str = "neutral"  # 'good' | 'bad' | 'neutral'


@dataclass(frozen=True)
class Standing:
    """Where a value stands among corpus values."""

    below: float  # % of corpus values strictly lower
    above: float  # % of corpus values strictly higher
    median: float
    n: int
    n_below: int = field(default=0)
    n_above: int = field(default=0)


def standing(value: float, corpus: Sequence[float]) -> Standing | None:
    vals = np.asarray([v for v in corpus if v is not None and np.isfinite(v)], dtype=float)
    if vals.size == 0 or value is None or not np.isfinite(value):
        return None
    nb, na = int((vals < value).sum()), int((vals > value).sum())
    return Standing(below=100 * nb / vals.size, above=100 * na / vals.size, median=float(np.median(vals)),
                    n=int(vals.size), n_below=nb, n_above=na)


def place(town: Any, year: Any) -> str:
    """'某镇2021年' style label of a report."""
    y = "" if year is None or (isinstance(year, float) and np.isnan(year)) else f"{int(year)}年"
    return f"{town or '未知乡镇'}{y}"


def _theme_sentences(fig: Figures, *, high: float, max_each: int) -> list[ReadingSentence]:
    ups, downs, mids = [], [], []
    for tid, rate in fig.rates.items():
        if tid not in fig.corpus_rates.columns:
            continue
        s = standing(float(rate), fig.corpus_rates[tid].tolist())
        if s is None:
            continue
        label = fig.theme_labels.get(tid, tid)
        basis = f"每万字 {rate:.1f} 次；语料中位数 {s.median:.1f}；{s.n} 份中高于 {s.n_below} 份、低于 {s.n_above} 份"
        if s.below >= high:
            ups.append((s.below, ReadingSentence(f"{label}提及率高于语料中{s.below:.0f}%的报告", FIG_THEMES, basis,
                                                 "good")))
        elif s.above >= high:
            text = f"{label}提及率低于语料中{s.above:.0f}%的报告" + ("（全文未提及）" if rate == 0 else "")
            downs.append((s.above, ReadingSentence(text, FIG_THEMES, basis, "bad")))
        elif tid in fig.focus_themes and rate != s.median:
            word = "高于" if rate > s.median else "低于"
            mids.append(ReadingSentence(f"{label}{word}中位数", FIG_THEMES, basis, "neutral"))
    ups.sort(key=lambda p: -p[0])
    downs.sort(key=lambda p: -p[0])
    return [s for _, s in ups[:max_each]] + [s for _, s in downs[:max_each]] + mids


def _wordscore_sentence(fig: Figures) -> list[ReadingSentence]:
    ws = fig.wordscore
    if not ws or ws.get("score") is None:
        return []
    s = standing(float(ws["score"]), fig.corpus_wordscores)
    if s is None:
        return []
    hi_pole, lo_pole = fig.wordscore_poles
    basis = f"得分 {ws['score']:.3f}（95% 区间 {ws['lo']:.3f} 至 {ws['hi']:.3f}）；语料中位数 {s.median:.3f}"
    if ws["lo"] > s.median:
        text = f"侧重偏{hi_pole}：比语料中{s.below:.0f}%的报告更偏向{hi_pole}、更少{lo_pole}"
    elif ws["hi"] < s.median:
        text = f"侧重偏{lo_pole}：比语料中{s.above:.0f}%的报告更偏向{lo_pole}、更少{hi_pole}"
    else:
        text = f"{hi_pole}与{lo_pole}的侧重处于语料中段（区间包含中位数）"
    return [ReadingSentence(text, FIG_WORDSCORE, basis)]


def _shared_sentences(fig: Figures, *, max_reports: int, min_copy: int) -> list[ReadingSentence]:
    """Reports sharing a passage of at least ``min_copy`` characters are named (most text first);
    reports sharing only short stock phrases are summed up in one neutral sentence."""
    groups: dict[Any, list[Mapping[str, Any]]] = {}
    for p in fig.shared:
        groups.setdefault(p.get("id") or (p.get("town"), p.get("year")), []).append(p)
    size = lambda ps: sum(p["end"] - p["start"] for p in ps)  # noqa: E731
    copied = sorted((ps for ps in groups.values() if max(p["end"] - p["start"] for p in ps) >= min_copy),
                    key=lambda ps: -size(ps))
    short = [ps for ps in groups.values() if max(p["end"] - p["start"] for p in ps) < min_copy]
    out = [ReadingSentence(f"与{place(ps[0].get('town'), ps[0].get('year'))}报告有{len(ps)}段相同文字", FIG_SHARED,
                           f"{len(ps)} 段，共 {size(ps)} 字，最长 {max(p['end'] - p['start'] for p in ps)} 字", "bad")
           for ps in copied[:max_reports]]
    if short:
        n = sum(len(ps) for ps in short)
        out.append(ReadingSentence(f"与另外{len(short)}份报告仅有零星相同短句（多为常见表述）", FIG_SHARED,
                                   f"{n} 段，每段不足 {min_copy} 字，共 {sum(size(ps) for ps in short)} 字"))
    return out


def _level_sentence(value: float | None, corpus: Sequence[float], *, what: str, unit: str, figure: str,
                    high: float, high_is_good: bool, extra: str = "") -> list[ReadingSentence]:
    if value is None:
        return []
    s = standing(float(value), corpus)
    if s is None:
        return []
    basis = f"{unit.format(value)}{extra}；语料中位数 {unit.format(s.median)}"
    if s.below >= high:
        return [ReadingSentence(f"{what}高于语料中{s.below:.0f}%的报告", figure, basis,
                                "good" if high_is_good else "bad")]
    if s.above >= high:
        return [ReadingSentence(f"{what}低于语料中{s.above:.0f}%的报告", figure, basis,
                                "bad" if high_is_good else "good")]
    return []


def automatic_reading(fig: Figures, *, high: float = 80.0, max_themes: int = 3, max_shared_reports: int = 3,
                      min_copy: int = MIN_COPY_CHARS) -> list[ReadingSentence]:
    """The reading, most telling first: parts, copied text, themes, balance, concreteness, stock, peers."""
    out = [ReadingSentence(f"缺少“{label}”部分", FIG_PARTS, "未识别到该部分的标题或内容", "bad")
           for label in fig.missing_parts]
    out += _shared_sentences(fig, max_reports=max_shared_reports, min_copy=min_copy)
    out += _theme_sentences(fig, high=high, max_each=max_themes)
    out += _wordscore_sentence(fig)
    out += _level_sentence(fig.concreteness, fig.corpus_concreteness, what="具体数据（数字+单位）的密度",
                           unit="每万字 {:.1f} 处", figure=FIG_FACTS, high=high, high_is_good=True,
                           extra=f"（共 {fig.facts} 处）")
    out += _level_sentence(fig.stock_share, fig.corpus_stock_share, what="套话（多数报告共有的句子）占比",
                           unit="{:.0%}", figure=FIG_STOCK, high=high, high_is_good=False)
    if fig.nearest:
        nb = fig.nearest[0]
        out.append(ReadingSentence(f"用词最接近{place(nb.get('town'), nb.get('year'))}报告", FIG_NEAREST,
                                   f"相似度 {float(nb['similarity']):.2f}"))
    return out


def reading_frame(sentences: Sequence[ReadingSentence]) -> pd.DataFrame:
    """The reading as a table: 解读, 依据 (the figure's numbers), 图表 (where it is shown)."""
    return pd.DataFrame({
        "解读": [s.text for s in sentences],
        "依据": [s.basis for s in sentences],
        "图表": [FIGURE_LABELS.get(s.figure, s.figure) for s in sentences],
    })


OPTIONAL_PARTS = ("other",)  # 其他需要报告的情况: often and legitimately absent


def figures_for(a: Any, pos: Any, model: Any, *, positions: pd.DataFrame,
                optional_parts: Sequence[str] = OPTIONAL_PARTS) -> Figures:
    """Figures of an analysed report (``pipeline.Analysis``) positioned against ``model``
    (``pipeline.CorpusModel``); ``positions`` is the stored positions frame (report_id, wordscore,
    stock_share). A stored copy of the report itself is left out of the corpus."""
    dictionary = model.resources.dictionary
    keep = [rid for rid in model.ids_ if rid != a.id]
    others = positions[positions["report_id"].isin(keep)]
    conc = model.reports_["concreteness"].reindex(keep) if keep else pd.Series(dtype=float)
    return Figures(
        theme_labels={t: dictionary.label(t) for t in dictionary.ids()},
        rates={t: r.per_10k for t, r in a.rates().items()},
        corpus_rates=model.rates_.loc[keep],
        missing_parts=[info.label for p, info in a.parts.items() if not info.present and p not in optional_parts],
        shared=pos.shared,
        wordscore=pos.wordscore,
        corpus_wordscores=others["wordscore"].dropna().tolist(),
        concreteness=a.concreteness,
        facts=len(a.facts),
        corpus_concreteness=conc.dropna().tolist(),
        stock_share=pos.stock_share,
        corpus_stock_share=others["stock_share"].dropna().tolist(),
        nearest=pos.nearest,
    )
