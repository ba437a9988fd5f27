"""Figures with their uncertainty, and comparisons that fit the size of the corpus.

方法说明（plain Chinese in the UI, formulas here and in the README）:

- 普法↔执法侧重 (lean): ``L = ln((P + ½) / (E + ½))`` from the report's own counts of 普法宣传 (P) and
  行政执法 (E) mentions in the year's work (pipeline: not in its shortcomings or next year's plans, not in a
  repeated sentence or quotation). Its 95 % interval is the wider of two: the delta-method interval
  ``L ± 1.96·sqrt(1/(P+½) + 1/(E+½))`` (counts as Poisson), and a bootstrap over the clauses of that work
  (pipeline: its sentences cut after ，；：, so a 、-list stays one unit; resampling the units passed in, 2,000
  draws, fixed seed), which widens when mentions cluster in a few clauses (a list, a slogan).
  The label says what the report's own counts show: 偏普法 / 偏执法 when one side has at least ``LEAN_RATIO``
  (2) times the other's mentions (raw counts, as shown beside the label) and the two together reach
  ``FEW_MENTIONS``; otherwise 无明显偏向 (提得少 below ``FEW_MENTIONS``). The interval says how firm that is:
  a 偏 label whose interval crosses 0 is shown as 把握不大 (``Lean.firm``). Chosen on a hand-labelled set of
  48 reports (README): a label from the interval alone left 5 of the 12 clearly 普法-heavy short reports
  无明显偏向 (11 vs 4 mentions), and it calls long reports 偏 for a 3:2 tilt (27 of 428 earlier texts) that
  the readers' rule calls balanced.
- 每万字提及次数 (rate per 10,000 characters) with an exact Poisson (Garwood) interval.
- 提及段落占比 (share of counting units mentioning a theme) with a Wilson interval; a phrase repeated in one
  paragraph counts once. This is the default for comparisons between reports.
- Comparisons: against the other reports only (never itself). Below ``PERCENTILE_MIN`` other reports a
  value is placed by rank ("第 k / n", 1 = highest) beside the corpus minimum, median and maximum; from
  ``PERCENTILE_MIN`` on by percentile (share of the others with a lower value, ties half), always with n.
- Cautions: a report under ``SHORT_REPORT`` characters, a corpus under ``SMALL_CORPUS`` reports.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Z95 = 1.959963984540054
PERCENTILE_MIN = 20
SHORT_REPORT = 1500
SMALL_CORPUS = 10
FEW_MENTIONS = 10
LEAN_RATIO = 2.0
BOOTSTRAP_DRAWS = 2000
LEANS = {"law_popularization": "偏普法", "enforcement": "偏执法", "balanced": "无明显偏向"}
DOUBT = "（把握不大）"  # after a 偏 label whose interval crosses 0


@dataclass(frozen=True)
class Interval:
    value: float
    lo: float
    hi: float

    def excludes(self, x: float) -> bool:
        return self.lo > x or self.hi < x


@dataclass(frozen=True)
class Lean:
    """The 普法↔执法 lean of one report from its own counts (see the module docstring)."""

    value: float
    lo: float
    hi: float
    label: str  # 'law_popularization' | 'enforcement' | 'balanced' (lean_label)
    pufa: int
    zhifa: int

    @property
    def firm(self) -> bool:
        """The 95 % interval lies wholly on one side of 0: a 偏 label it confirms is firm, otherwise 把握不大."""
        return firm(self.lo, self.hi)

    @property
    def label_zh(self) -> str:
        return LEANS[self.label]

    @property
    def verdict_zh(self) -> str:
        """The label with its firmness: '偏普法', '偏普法（把握不大）', '无明显偏向'."""
        return self.label_zh + (DOUBT if self.label != "balanced" and not self.firm else "")

    def as_dict(self) -> dict:
        return {"value": round(self.value, 4), "lo": round(self.lo, 4), "hi": round(self.hi, 4), "label": self.label,
                "firm": self.firm, "pufa": self.pufa, "zhifa": self.zhifa}


def lean(pufa_units: Sequence[int], zhifa_units: Sequence[int], *, draws: int = BOOTSTRAP_DRAWS,
         seed: int = 20211) -> Lean:
    """Lean from per-unit mention counts (one entry per counting unit; their sums are the report's counts)."""
    a = np.asarray(pufa_units, dtype=float)
    b = np.asarray(zhifa_units, dtype=float)
    P, E = float(a.sum()), float(b.sum())
    value = math.log((P + 0.5) / (E + 0.5))
    half = Z95 * math.sqrt(1.0 / (P + 0.5) + 1.0 / (E + 0.5))
    lo, hi = value - half, value + half
    n = len(a)
    if n >= 2 and P + E > 0:
        pa, pb = _resampled_sums(a, b, draws=draws, seed=seed)
        boot = np.log((pa + 0.5) / (pb + 0.5))
        blo, bhi = _quantiles(boot, (0.025, 0.975))
        lo, hi = min(lo, float(blo)), max(hi, float(bhi))
    return Lean(value, lo, hi, lean_label(int(P), int(E)), int(P), int(E))


def firm(lo: float, hi: float) -> bool:
    """A lean interval (lo, hi) lies wholly on one side of 0: a 偏 label with it is firm, without it 把握不大."""
    return lo > 0 or hi < 0


def lean_label(pufa: int, zhifa: int) -> str:
    """'law_popularization' / 'enforcement' when one side has at least ``LEAN_RATIO`` times the other's mentions
    and the two reach ``FEW_MENTIONS`` together; otherwise 'balanced'. On the raw counts, so that a reader can
    check it against the two numbers shown beside it (8 against 4 is twice)."""
    if pufa + zhifa < FEW_MENTIONS:
        return "balanced"
    return "law_popularization" if pufa >= LEAN_RATIO * zhifa else "enforcement" if zhifa >= LEAN_RATIO * pufa \
        else "balanced"


def _resampled_sums(a: np.ndarray, b: np.ndarray, *, draws: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The sums of ``a`` and ``b`` over ``draws`` resamples of the n units with replacement. Only how often
    each of the k units with a mention is picked matters, so each resample draws how many of its n picks land
    on one of them (binomial, n and k/n) and then which ones (uniform over the k): the plain bootstrap in law,
    at a cost of about k numbers per resample instead of n (a report has hundreds of sentences, a few dozen
    with mentions)."""
    n = len(a)
    nz = (a != 0) | (b != 0)
    k = int(nz.sum())
    rng = np.random.default_rng(seed)
    landed = rng.binomial(n, k / n, size=draws)
    which = rng.integers(0, k, size=int(landed.sum()))
    picks = np.bincount(np.repeat(np.arange(draws) * k, landed) + which, minlength=draws * k).reshape(draws, k)
    return picks @ a[nz], picks @ b[nz]


def _quantiles(values: np.ndarray, qs: Sequence[float]) -> list[float]:
    """``np.quantile(values, qs)`` (its default 'linear' method, Hyndman & Fan type 7) for finite values, with
    the same arithmetic step by step but from one partial sort and without its general-purpose set-up:
    position (n - 1)·q, the order statistics either side, and numpy's two-sided interpolation."""
    n = len(values)
    if n == 0 or not np.isfinite(values).all():
        return [float(v) for v in np.quantile(values, qs)]  # numpy's own handling of the odd cases
    at = []
    for q in qs:
        pos = (n - 1) * q
        lo = math.floor(pos) if pos < n - 1 else n - 1
        at.append((pos, lo, min(lo + 1, n - 1)))
    ranked = np.partition(values, sorted({k for _, lo, hi in at for k in (lo, hi)}))
    out = []
    for pos, lo, hi in at:
        a, b = float(ranked[lo]), float(ranked[hi])
        t = pos - lo if hi > lo else 0.0  # at the last value a == b: the weight does not matter
        diff = b - a
        out.append(b - diff * (1 - t) if t >= 0.5 else a + diff * t)
    return out


def poisson_bounds(count):
    """Exact (Garwood) 95 % bounds of a Poisson mean given the observed count(s), vectorised: the 2.5 %
    quantile of Gamma(count) and the 97.5 % quantile of Gamma(count + 1) (χ²₂ₖ/2 in the usual statement);
    0 is the lower bound of a zero count."""
    from scipy.special import gammaincinv  # light: scipy.stats alone takes half a second to import

    c = np.asarray(count, dtype=float)
    lo = np.where(c > 0, gammaincinv(np.maximum(c, 1.0), 0.025), 0.0)
    hi = gammaincinv(c + 1, 0.975)
    return (float(lo), float(hi)) if lo.ndim == 0 else (lo, hi)


def rate_interval(count: int, chars: int, *, per: float = 10_000) -> Interval:
    """Rate per ``per`` characters with an exact Poisson (Garwood) 95 % interval."""
    if chars <= 0:
        return Interval(0.0, 0.0, 0.0)
    lo, hi = poisson_bounds(count)
    scale = per / chars
    return Interval(count * scale, float(lo) * scale, float(hi) * scale)


def share_interval(k: int, n: int) -> Interval:
    """Proportion k/n (as %, 0–100) with a Wilson 95 % interval."""
    if n <= 0:
        return Interval(0.0, 0.0, 0.0)
    p = k / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    lo = 0.0 if k == 0 else max(0.0, centre - half)  # exact ends: no rounding residue at 0 % or 100 %
    hi = 1.0 if k == n else min(1.0, centre + half)
    return Interval(100 * p, 100 * lo, 100 * hi)


@dataclass(frozen=True)
class Standing:
    """Where a value stands among the other reports' values (the report itself is never among them)."""

    value: float
    n: int  # reports in the comparison, this one included
    rank: int  # 1 = highest
    minimum: float
    median: float
    maximum: float
    percentile: float | None  # only when at least PERCENTILE_MIN other reports

    @property
    def others(self) -> int:
        return self.n - 1

    def describe(self, fmt: str = "{:.1f}", *, short: bool = False) -> str:
        """Plain Chinese: '第 2 / 6（最低 0.4，中位 1.2，最高 3.1）' or '高于 83% 的报告（共 120 份）'. ``short``: for a
        table column whose caption gives n — '高于约 83%（中位 1.2）', '高于全部（中位 1.2）'."""
        if short and self.percentile is not None:
            p = self.percentile
            where = "高于全部" if p >= 99.5 else "低于全部" if p <= 0.5 else f"高于约 {p:.0f}%"
            return f"{where}（中位 {fmt.format(self.median)}）"
        if self.percentile is None:
            return (f"第 {self.rank} / {self.n}（其他报告最低 {fmt.format(self.minimum)}，中位 {fmt.format(self.median)}，"
                    f"最高 {fmt.format(self.maximum)}）")
        return f"{above_phrase(self.percentile, self.others)}（中位 {fmt.format(self.median)}）"


def above_phrase(p: float, n: int) -> str:
    """'高于约 83% 的报告（共 120 份）'; the extremes in words, never '100%' or '0%':
    '高于全部 120 份其他报告', '低于全部 120 份其他报告'."""
    if p >= 99.5:
        return f"高于全部 {n} 份其他报告"
    if p <= 0.5:
        return f"低于全部 {n} 份其他报告"
    return f"高于约 {p:.0f}% 的报告（共 {n} 份）"


def more_than_phrase(p: float, n: int, *, high: str, low: str) -> str:
    """Where a two-sided score stands, said towards the nearer end: '比约 83% 的报告（共 120 份）更偏普法',
    '比约 70% 的报告（共 120 份）更偏执法', '比全部 120 份其他报告都更偏普法'."""
    if p >= 99.5:
        return f"比全部 {n} 份其他报告都更偏{high}"
    if p <= 0.5:
        return f"比全部 {n} 份其他报告都更偏{low}"
    if p >= 50:
        return f"比约 {p:.0f}% 的报告（共 {n} 份）更偏{high}"
    return f"比约 {100 - p:.0f}% 的报告（共 {n} 份）更偏{low}"


def standing(value: float, others: Sequence[float]) -> Standing | None:
    vals = np.asarray(others, dtype=float) if len(others) else np.zeros(0)
    vals = vals[np.isfinite(vals)]
    if vals.size == 0 or value is None or not np.isfinite(value):
        return None
    rank = 1 + int((vals > value).sum())
    pct = None
    if vals.size >= PERCENTILE_MIN:
        pct = float(100.0 * ((vals < value).sum() + 0.5 * (vals == value).sum()) / vals.size)
    return Standing(float(value), int(vals.size) + 1, rank, float(vals.min()), float(np.median(vals)),
                    float(vals.max()), pct)


_LEVEL_WORDS = {"township": "乡镇（街道）", "county": "县级", "district": "区级", "city": "市级"}


def cautions(*, chars: int, corpus_size: int, level: str | None = None, same_level: int | None = None) -> list[str]:
    """Short Chinese cautions that travel with every comparison of this report. ``level`` / ``same_level``:
    the report's level and how many of the ``corpus_size`` others share it (a county's report among towns')."""
    out = []
    if level in _LEVEL_WORDS and same_level is not None and corpus_size and same_level * 2 < corpus_size:
        out.append(f"本报告是{_LEVEL_WORDS[level]}报告，库中 {corpus_size} 份报告只有 {same_level} 份同级，"
                   "比较仅供参考")
    if chars < SHORT_REPORT:
        out.append(f"本报告较短（{chars:,} 字，不足 {SHORT_REPORT:,} 字），各项比例波动大，比较结果仅供参考")
    if corpus_size < SMALL_CORPUS:
        out.append(f"语料只有 {corpus_size} 份报告（不足 {SMALL_CORPUS} 份），排名仅供参考")
    return out
