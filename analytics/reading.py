"""The automatic reading: at most about eight plain-Chinese sentences, most important first, each built
by a fixed rule from a figure shown on the page (``figure``) and carrying the numbers behind it (``basis``).

Order: a duplicate of a stored report; the 普法↔执法 lean; missing required parts; the largest theme
differences whose 95 % interval does not reach the other reports' median; text copied from other
reports; the change since the same town's previous report; concreteness; the most similar report.
Comparisons use ranks below 20 other reports and never say "100%"; where the corpus is too small for
a comparison, the reading says so instead of guessing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics import figures
from analytics.pipeline import LEAN_LEAVES_OUT

FIG_DUPLICATE = "duplicate"
FIG_LEAN = "lean"
FIG_PARTS = "parts"
FIG_THEMES = "themes"
FIG_SHARED = "shared"
FIG_PREVIOUS = "previous"
FIG_FACTS = "facts"
FIG_NEAREST = "nearest"
FIGURE_LABELS = {
    FIG_DUPLICATE: "与库中报告相同",
    FIG_LEAN: "普法与执法的侧重",
    FIG_PARTS: "必备部分",
    FIG_THEMES: "各主题提及情况",
    FIG_SHARED: "与库中报告相同的段落",
    FIG_PREVIOUS: "与本镇上一份报告相比",
    FIG_FACTS: "具体数据",
    FIG_NEAREST: "用词最接近的报告",
}
MIN_COPY_CHARS = 50
MIN_SHARE_GAP = 5.0  # percentage points: smaller differences are not worth a sentence
MIN_UNITS_MORE = 2  # "明显多于" needs the theme in at least this many of the report's paragraphs
MIN_COMPARED = 3
OPTIONAL_PARTS = ("other",)  # 其他需要报告的情况: often and legitimately absent


@dataclass(frozen=True)
class ReadingSentence:
    text: str
    figure: str  # one of FIGURE_LABELS
    basis: str  # the numbers behind the sentence, as shown on the page
    tone: str = "neutral"  # 'good' | 'bad' | 'neutral'


def place(town, year) -> str:
    """'某镇·2021' style label of a report."""
    y = "" if year is None or (isinstance(year, float) and np.isnan(year)) or year is pd.NA else f"·{int(year)}"
    return f"{town or '未知乡镇'}{y}"


def _lean_sentence(a, pos, labels) -> ReadingSentence:
    ln = a.lean
    pufa, zhifa = labels.get("law_popularization", "普法宣传"), labels.get("enforcement", "行政执法")
    basis = (f"{pufa} {ln.pufa} 次、{zhifa} {ln.zhifa} 次（只数当年工作，不足和下一年安排里的不算）；侧重指数 {ln.value:.2f}"
             f"（95% 区间 {ln.lo:.2f} 至 {ln.hi:.2f}；一方达到另一方两倍及以上为偏向，区间跨过 0 时把握不大）")
    if ln.label != "balanced":
        more, less = (pufa, zhifa) if ln.label == "law_popularization" else (zhifa, pufa)
        n_more, n_less = max(ln.pufa, ln.zhifa), min(ln.pufa, ln.zhifa)
        text = (f"明显偏重{more}：提及{more} {n_more} 次，{less}只有 {n_less} 次" if ln.firm else
                f"偏重{more}：提及{more} {n_more} 次，{less} {n_less} 次，达到两倍以上；但次数不多或集中在少数几处，把握不大")
    elif ln.pufa + ln.zhifa < figures.FEW_MENTIONS:
        text = f"{pufa}与{zhifa}都提得很少（共 {ln.pufa + ln.zhifa} 次），看不出侧重"
    elif max(ln.pufa, ln.zhifa) >= 1.5 * max(min(ln.pufa, ln.zhifa), 1):  # unequal counts, but not twice
        more = pufa if ln.pufa > ln.zhifa else zhifa
        text = f"{more}提得多一些（{pufa} {ln.pufa} 次、{zhifa} {ln.zhifa} 次），但不到两倍，算不上明显偏向"
    else:
        text = f"{pufa}与{zhifa}大体相当（{ln.pufa} 次对 {ln.zhifa} 次）"
    st = pos.lean_standing
    if st is not None and pos.compared >= MIN_COMPARED:
        if st.percentile is None:
            where = (f"在 {st.n} 份报告中最偏{pufa[:2]}" if st.rank == 1 else
                     f"在 {st.n} 份报告中最偏{zhifa[-2:]}" if st.rank == st.n else
                     f"在 {st.n} 份报告中偏{pufa[:2]}程度排第 {st.rank}")
        else:
            where = figures.more_than_phrase(st.percentile, st.others, high=pufa[:2], low=zhifa[-2:])
        text += f"；{where}"
        basis += f"；其他报告侧重指数最低 {st.minimum:.2f}、中位 {st.median:.2f}、最高 {st.maximum:.2f}"
    return ReadingSentence(text, FIG_LEAN, basis)


def _parts_sentences(a) -> list[ReadingSentence]:
    missing = [i.label for p, i in a.parts.items() if not i.present and p not in OPTIONAL_PARTS]
    out = []
    if missing:
        out.append(ReadingSentence(f"缺少必备部分：{'、'.join(missing)}", FIG_PARTS, "未识别到这些部分的标题或内容", "bad"))
    embedded = [i.label for i in a.parts.values() if i.present and getattr(i, "embedded", False)]
    if embedded:
        out.append(ReadingSentence(f"{'、'.join(embedded)}未单独成节，写在其他部分之中", FIG_PARTS,
                                   "有相关内容，但没有单独的标题", "neutral"))
    return out


def _aside(a, theme_id: str) -> tuple[int, int]:
    """(mentions of the theme outside the year's work — in the shortcomings and next year's plans —, all its
    mentions): "信息化手段运用不足" and "明年推进数字政府" are not work done."""
    counts = a.theme_counts
    return sum(counts.get(p, {}).get(theme_id, 0) for p in LEAN_LEAVES_OUT), counts.get("all", {}).get(theme_id, 0)


def _theme_sentences(a, pos, labels, *, limit: int) -> list[ReadingSentence]:
    found = []
    for tid, f in pos.themes.items():
        st = f.share_standing
        if st is None:
            continue
        median, iv = st.median, f.share
        if not iv.excludes(median) or abs(iv.value - median) < MIN_SHARE_GAP:
            continue
        half = max((iv.hi - iv.lo) / 2, 1e-9)
        label = labels.get(tid, tid)
        up = iv.lo > median
        # the same verdict per 10,000 characters too: a share alone moves with how a report breaks its lines
        # into paragraphs (every numbered item a paragraph of its own dilutes it)
        rs = f.rate_standing
        if rs is None or not f.rate.excludes(rs.median) or (f.rate.lo > rs.median) != up:
            continue
        if up and f.units < MIN_UNITS_MORE:
            continue  # one paragraph about a theme the others skip is one sentence's worth of evidence
        word = "明显多于" if up else "明显少于"
        mine = "本报告每段都提到" if iv.value >= 99.5 else "本报告没有一段提到" if iv.value <= 0 else f"本报告 {iv.value:.0f}%"
        text = f"提到“{label}”的段落{word}多数报告（{mine}，其他报告中位 {median:.0f}%）"
        aside, total = _aside(a, tid)
        if up and total and 2 * aside >= total:  # mostly said as a weakness or a plan: not an emphasis of the work
            text = (f"提到“{label}”的段落多于多数报告，但 {total} 次提及中有 {aside} 次在“存在的不足”或下一年安排里，"
                    "说的多是不足或打算，不是当年做了什么")
        basis = (f"提及段落占比 {iv.value:.1f}%（95% 区间 {iv.lo:.1f}% 至 {iv.hi:.1f}%，{f.units} 段，全文计）；"
                 f"{st.describe('{:.1f}%')}；每万字 {f.rate.value:.1f} 次（95% 区间 {f.rate.lo:.1f} 至 {f.rate.hi:.1f}，"
                 f"其他报告中位 {rs.median:.1f}）")
        found.append((abs(iv.value - median) / half, ReadingSentence(text, FIG_THEMES, basis, "neutral")))
    found.sort(key=lambda p: -p[0])
    return [s for _, s in found[:limit]]


def _shared_sentences(pos) -> list[ReadingSentence]:
    out = []
    for row in pos.shared_coverage[:2]:
        if row["longest"] < MIN_COPY_CHARS or row["id"] == pos.duplicate_of:
            continue
        out.append(ReadingSentence(
            f"与{place(row['town'], row['year'])}报告有 {row['passages']} 段相同文字，共 {row['chars']:,} 字",
            FIG_SHARED, f"占本报告 {row['share_own']:.0%}，最长一段 {row['longest']} 字（已除去多数报告共有的套话）", "bad"))
    return out


def _previous_sentence(pos, labels) -> list[ReadingSentence]:
    prev = pos.previous
    if not prev:
        return []
    ups = [labels.get(c["theme_id"], c["theme_id"]) for c in prev["themes"] if c["direction"] == "up"]
    downs = [labels.get(c["theme_id"], c["theme_id"]) for c in prev["themes"] if c["direction"] == "down"]
    who = f"本镇{prev['year']}年报告"
    lean = {"law_popularization": "更偏普法", "enforcement": "更偏执法"}.get(prev.get("lean_change"))
    if not ups and not downs and not lean:
        text = f"与{who}相比，侧重和各主题的提及比例都没有超出波动范围的变化"
    else:
        bits = (([lean] if lean else []) + ([f"“{'、'.join(ups)}”明显增多"] if ups else [])
                + ([f"“{'、'.join(downs)}”明显减少"] if downs else []))
        text = f"与{who}相比，" + "，".join(bits)
    basis = "；".join(([f"侧重指数 {prev['lean_before']:+.2f} → {prev['lean_now']:+.2f}"] if lean else [])
                     + [f"{labels.get(c['theme_id'], c['theme_id'])} {c['before']}% → {c['now']}%" for c in prev["themes"]]) \
        or "侧重指数和各主题提及段落占比的 95% 区间都有重叠"
    return [ReadingSentence(text, FIG_PREVIOUS, basis)]


def _facts_sentence(a, pos) -> list[ReadingSentence]:
    n_facts = sum(1 for f, _ in a.facts if f.concrete)
    if n_facts == 0:  # a fact about the report itself: said whatever the corpus
        return [ReadingSentence("全文没有写明具体数字的成效与举措", FIG_FACTS,
                                "0 处（约数、分项、基本情况、目标、往年数字和不足中的数字不计）", "bad")]
    st = pos.concreteness_standing
    if st is None or pos.compared < MIN_COMPARED:
        return []
    iv = figures.rate_interval(n_facts, a.chars)
    if not iv.excludes(st.median):
        return []
    word = "多于" if iv.lo > st.median else "少于"
    return [ReadingSentence(f"写明具体数字的成效和举措{word}多数报告（每万字 {iv.value:.1f} 处，其他报告中位 {st.median:.1f} 处）",
                            FIG_FACTS, f"{n_facts} 处；95% 区间每万字 {iv.lo:.1f} 至 {iv.hi:.1f} 处；{st.describe()}",
                            "good" if iv.lo > st.median else "bad")]


def automatic_reading(a, pos, *, labels: Mapping[str, str], max_sentences: int = 8,
                      max_themes: int = 3) -> list[ReadingSentence]:
    """The reading of an analysed report (``pipeline.Analysis``) and its ``pipeline.Position``."""
    out: list[ReadingSentence] = []
    note = a.not_report
    if note:  # a notice or a work plan: its targets are not results, its emphasis not a year's work
        return [ReadingSentence(note, FIG_PARTS, "标题和年度报告必备部分的识别结果", "bad"),
                ReadingSentence("因此不与年度报告比较侧重、主题和数据", FIG_PARTS,
                                "如确是年度报告，请检查标题和“主要举措和成效”“存在的不足”等部分的标题")]
    if pos.duplicate_of:
        who = place(pos.duplicate_town, pos.duplicate_year)
        text = (f"与库中{who}报告完全相同，以下只与其他 {pos.compared} 份报告比较"
                if pos.duplicate_kind == "exact" else
                f"与库中{who}报告有 {pos.duplicate_share:.0%} 的文字相同，以下只与其他 {pos.compared} 份报告比较")
        out.append(ReadingSentence(text, FIG_DUPLICATE, "逐段比对原文", "bad"))
    out.append(_lean_sentence(a, pos, labels))
    out += _parts_sentences(a)
    if pos.compared < MIN_COMPARED:
        out.append(ReadingSentence(f"可比较的报告只有 {pos.compared} 份，不做主题比较", FIG_THEMES,
                                   f"至少需要 {MIN_COMPARED} 份其他报告"))
    else:
        out += _theme_sentences(a, pos, labels, limit=max_themes)
    out += _shared_sentences(pos)
    out += _previous_sentence(pos, labels)
    out += _facts_sentence(a, pos)
    if pos.nearest and pos.compared >= MIN_COMPARED:
        nb = pos.nearest[0]
        out.append(ReadingSentence(f"用词最接近{place(nb.get('town'), nb.get('year'))}报告", FIG_NEAREST,
                                   f"相似度 {float(nb['similarity']):.2f}（0 到 1，越大越接近）"))
    return out[:max_sentences]


def reading_frame(sentences: Sequence[ReadingSentence]) -> pd.DataFrame:
    """The reading as a table: 解读, 依据 (the figure's numbers), 图表 (where it is shown)."""
    return pd.DataFrame({
        "解读": [s.text for s in sentences],
        "依据": [s.basis for s in sentences],
        "图表": [FIGURE_LABELS.get(s.figure, s.figure) for s in sentences],
    })
