"""Figures with uncertainty: the lean and its interval, rate and share intervals, standings by corpus size."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analytics import figures, pipeline
from tests.analytics import texts as T


@pytest.fixture(scope="module")
def resources():
    return pipeline.load_resources()


def _lean(text, resources):
    return pipeline.analyse_text(text, resources=resources).lean


def test_lean_direction_on_written_reports(resources):
    assert _lean(T.pufa_report(), resources).label == "law_popularization"
    assert _lean(T.zhifa_report(), resources).label == "enforcement"
    assert _lean(T.balanced_report(), resources).label == "balanced"


def test_the_label_is_twice_the_mentions_on_the_counts_a_reader_sees():
    assert figures.lean_label(8, 4) == figures.lean_label(10, 0) == "law_popularization"
    assert figures.lean_label(4, 8) == figures.lean_label(3, 30) == "enforcement"
    assert figures.lean_label(15, 8) == figures.lean_label(8, 15) == figures.lean_label(20, 20) == "balanced"
    assert figures.lean_label(8, 1) == figures.lean_label(0, 9) == "balanced"  # under 10 mentions: cannot tell
    # the interval does not decide the label, it says how firm it is
    clustered = figures.lean([20] + [0] * 39, [0] * 36 + [1] * 4)  # all the 普法 in one clause
    spread = figures.lean([1] * 20 + [0] * 20, [0] * 36 + [1] * 4)
    assert clustered.label == spread.label == "law_popularization"
    assert spread.firm and not clustered.firm and clustered.lo < 0 < spread.lo
    assert figures.lean([3] * 10, [1] * 10).firm and not figures.lean([1] * 8, [1] * 8).firm


# Written for the lean label: a short report whose year's work is mostly 普法, written twice — once as run-on
# sentences joined by ，and ；, once with a full stop after every statement.
_SHORT_PUFA = ["组织“法律明白人”培训2期", "开展送法下乡活动5次", "举办村民法治讲座3场", "利用赶集日设立普法咨询点4次",
               "结合民法典宣传月开展以案释法2次", "在村文化广场新建法治宣传栏6块", "落实行政执法公示制度"]


@pytest.mark.parametrize("joiner", ["，", "。"])
def test_a_short_report_mostly_about_pufa_leans_pufa_however_it_is_punctuated(resources, joiner):
    work = joiner.join(_SHORT_PUFA) + "。依法查处违法占地行为3起。"
    a = pipeline.analyse_text(T.report("清溪乡", 2023, [work], other=False, neutral=False), resources=resources)
    assert a.lean.pufa >= 2 * a.lean.zhifa and a.lean.pufa + a.lean.zhifa >= 10
    assert a.lean.label == "law_popularization"


def test_extreme_reports_lie_beyond_every_seed(resources, seed_texts):
    seeds = [_lean(t, resources).value for t in seed_texts.values()]
    assert _lean(T.pufa_report(), resources).value > max(seeds)
    assert _lean(T.zhifa_report(), resources).value < min(seeds)
    # and so does the short all-普法 draft of the issue (no 执法 at all)
    assert _lean(T.short_report(), resources).value > max(seeds)


def test_interval_widens_for_a_shorter_text(resources):
    long_, short = _lean(T.pufa_report(), resources), _lean(T.short_report(), resources)
    assert (short.hi - short.lo) > (long_.hi - long_.lo) * 0.9
    one = figures.lean([3], [1])
    many = figures.lean([3] * 10, [1] * 10)
    assert (one.hi - one.lo) > (many.hi - many.lo)
    assert one.lo < 0 < one.hi and many.lo > 0  # same ratio, more evidence: the lean becomes clear


def test_delta_interval_formula():
    ln = figures.lean([10], [2])  # one unit: no bootstrap, delta method only
    v = math.log(10.5 / 2.5)
    half = figures.Z95 * math.sqrt(1 / 10.5 + 1 / 2.5)
    assert (ln.value, ln.lo, ln.hi) == pytest.approx((v, v - half, v + half))


def test_clustered_mentions_widen_the_bootstrap_interval():
    spread = figures.lean([2] * 8, [1] * 8)  # mentions in every paragraph
    clustered = figures.lean([16] + [0] * 7, [1] * 8)  # all 普法 in one paragraph (a repeated slogan)
    assert spread.value == pytest.approx(clustered.value)
    assert (clustered.hi - clustered.lo) > (spread.hi - spread.lo)


def test_bootstrap_interval_is_the_two_stage_resampling_formula():
    """The lean's bootstrap ends are those of resampling the n units with replacement, drawn as how many picks
    land on units with mentions and which ones (the fixed seed), for counts and for fractional input."""
    rng = np.random.default_rng(5)
    cases = [(rng.integers(0, 4, 40) * (rng.random(40) < 0.3), rng.integers(0, 9, 40) * (rng.random(40) < 0.2))
             for _ in range(5)]
    cases += [([0, 0, 7, 0, 1], [250, 0, 0, 3, 0]), ([0.5, 2, 0], [1, 0, 1.25]), ([1, 2], [3, 4])]
    for pufa, zhifa in cases:
        a, b = np.asarray(pufa, dtype=float), np.asarray(zhifa, dtype=float)
        nz = (a != 0) | (b != 0)
        n, k, draws = len(a), int(nz.sum()), figures.BOOTSTRAP_DRAWS
        rng = np.random.default_rng(20211)
        landed = rng.binomial(n, k / n, size=draws)  # picks landing on a unit with mentions, per resample
        which = rng.integers(0, k, size=int(landed.sum()))
        picks = np.zeros((draws, k))
        np.add.at(picks, (np.repeat(np.arange(draws), landed), which), 1)
        blo, bhi = np.quantile(np.log((picks @ a[nz] + 0.5) / (picks @ b[nz] + 0.5)), [0.025, 0.975])
        got = figures.lean(list(pufa), list(zhifa))
        half = figures.Z95 * math.sqrt(1 / (a.sum() + 0.5) + 1 / (b.sum() + 0.5))
        assert (got.lo, got.hi) == pytest.approx((min(got.value - half, float(blo)), max(got.value + half, float(bhi))),
                                                 abs=1e-12)


def test_the_two_stage_draws_are_the_plain_bootstrap_in_law():
    """Against resampling n unit indices directly (the textbook bootstrap): the same interval within Monte
    Carlo error, on mentions clustered in a few of 200 units."""
    a = np.zeros(200)
    b = np.zeros(200)
    a[[3, 40, 41, 90]] = [6, 2, 3, 1]
    b[[5, 120, 150]] = [2, 1, 4]
    idx = np.random.default_rng(1).integers(0, 200, size=(20_000, 200))
    plain = np.quantile(np.log((a[idx].sum(axis=1) + 0.5) / (b[idx].sum(axis=1) + 0.5)), [0.025, 0.975])
    pa, pb = figures._resampled_sums(a, b, draws=20_000, seed=2)
    ours = np.quantile(np.log((pa + 0.5) / (pb + 0.5)), [0.025, 0.975])
    assert ours == pytest.approx(plain, abs=0.12)


def test_repeated_slogan_counts_once_in_the_lean(resources):
    once, thrice = (pipeline.analyse_text(T.slogan_report(times=k), resources=resources) for k in (1, 3))
    assert thrice.theme_counts["all"]["enforcement"] > once.theme_counts["all"]["enforcement"]  # raw counts grow
    assert thrice.lean.zhifa == once.lean.zhifa  # the lean does not
    assert thrice.theme_units["enforcement"] == once.theme_units["enforcement"]  # nor the paragraph share
    first = "“文明执法、温情执法、规范执法”是我们的要求。"
    again = "我们牢记“文明执法、温情执法、规范执法”，严格执法。"
    a, b = (pipeline.analyse_text(T.report("石门镇", 2022, T.PUFA_PARAS[:3] + [first + tail]), resources=resources)
            for tail in (again, "我们严格执法。"))
    assert a.theme_counts["all"]["enforcement"] == b.theme_counts["all"]["enforcement"] + 1  # a quoted slogan: once
    assert a.lean.zhifa == b.lean.zhifa  # the second quotation's three 执法 mentions are not counted again


def test_rate_interval_is_exact_poisson():
    iv = figures.rate_interval(0, 10_000)
    assert iv.value == 0 and iv.lo == 0 and iv.hi == pytest.approx(3.689, abs=1e-3)
    iv = figures.rate_interval(10, 5_000)
    assert iv.value == 20 and iv.lo == pytest.approx(9.59, abs=0.01) and iv.hi == pytest.approx(36.78, abs=0.01)


def test_poisson_bounds_vectorised_equal_the_scalar_ones():
    counts = np.array([0, 1, 3, 10, 250])
    lo, hi = figures.poisson_bounds(counts)
    scalar = [figures.poisson_bounds(int(c)) for c in counts]
    assert [b for _, b in scalar] == pytest.approx(list(hi)) and [a for a, _ in scalar] == pytest.approx(list(lo))
    assert lo[0] == 0 and hi[0] == pytest.approx(3.689, abs=1e-3)


def test_share_interval_is_wilson():
    iv = figures.share_interval(5, 20)
    assert iv.value == 25 and iv.lo == pytest.approx(11.19, abs=0.01) and iv.hi == pytest.approx(46.87, abs=0.01)
    assert figures.share_interval(0, 0) == figures.Interval(0.0, 0.0, 0.0)


def test_small_corpus_gets_ranks_never_percentages():
    st = figures.standing(3.0, [1.0, 2.0, 5.0, 0.5])
    assert st.percentile is None and (st.rank, st.n) == (2, 5)
    assert (st.minimum, st.median, st.maximum) == (0.5, 1.5, 5.0)
    assert "%" not in st.describe() and st.describe().startswith("第 2 / 5")


def test_percentiles_from_twenty_with_n():
    others = list(range(20))
    st = figures.standing(15.0, others)
    assert st.percentile == pytest.approx(100 * (15 + 0.5) / 20)
    assert "共 20 份" in st.describe()
    top = figures.standing(99.0, others)
    assert "100%" not in top.describe() and top.describe().startswith("高于全部 20 份其他报告")
    bottom = figures.standing(-1.0, others)
    assert bottom.describe().startswith("低于全部 20 份其他报告") and "高于0" not in bottom.describe()


@pytest.mark.parametrize("value, expected", [
    (99.0, "比全部 20 份其他报告都更偏普法"),
    (-1.0, "比全部 20 份其他报告都更偏执法"),
    (15.0, "比约 78% 的报告（共 20 份）更偏普法"),
    (3.0, "比约 82% 的报告（共 20 份）更偏执法"),
])
def test_a_lean_is_placed_towards_its_nearer_end(value, expected):
    st = figures.standing(value, list(range(20)))
    assert figures.more_than_phrase(st.percentile, st.others, high="普法", low="执法") == expected


def test_a_report_of_another_level_than_most_of_the_corpus_is_cautioned():
    (note,) = figures.cautions(chars=20_000, corpus_size=30, level="county", same_level=2)
    assert note == "本报告是县级报告，库中 30 份报告只有 2 份同级，比较仅供参考"
    assert figures.cautions(chars=20_000, corpus_size=30, level="township", same_level=28) == []
    assert figures.cautions(chars=20_000, corpus_size=30, level=None, same_level=None) == []


def test_cautions():
    assert figures.cautions(chars=20_000, corpus_size=30) == []
    both = figures.cautions(chars=800, corpus_size=5)
    assert any("较短" in c for c in both) and any("只有 5 份" in c for c in both)


def test_standing_short_form_leaves_n_to_the_caption():
    from analytics.figures import standing

    st = standing(5.0, [float(x) for x in range(40)])
    assert st.describe("{:.0f}", short=True) == f"高于约 {st.percentile:.0f}%（中位 20）"
    assert standing(99.0, [float(x) for x in range(40)]).describe("{:.0f}", short=True) == "高于全部（中位 20）"
    few = standing(5.0, [1.0, 2.0, 9.0])
    assert few.describe(short=True) == few.describe()  # ranks keep their n in the text


def test_a_quoted_slogan_counts_once_per_theme_but_separate_quotes_each(resources):
    base = T.PUFA_PARAS[:3]
    one = pipeline.analyse_text(T.report("石门镇", 2022, base + ["执法队坚持“严格执法、文明执法、规范执法”。"]), resources=resources)
    two = pipeline.analyse_text(T.report("石门镇", 2022, base + ["执法队开展“规范执法”和“文明执法”评比。"]), resources=resources)
    plain = pipeline.analyse_text(T.report("石门镇", 2022, base + ["执法队坚持严格执法、文明执法、规范执法。"]), resources=resources)
    kinds = pipeline.analyse_text(T.report("石门镇", 2022, base + ["执法队开展联合执法、专项执法。"]), resources=resources)
    counts = [a.theme_counts["all"]["enforcement"] for a in (one, two, plain, kinds)]
    # an unquoted motto (one word after several manners) is one mention too; two kinds of enforcement are two
    assert counts[1] == counts[0] + 1 and counts[2] == counts[0] and counts[3] == counts[0] + 1
