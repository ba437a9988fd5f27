"""ui.views: place names that must never lead a keyword list."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ui.views import cluster_order, colour_max, distinctive_extremes, place_names, ranking_table


def test_place_names_include_names_found_in_the_texts():
    reports = pd.DataFrame({"town": ["南郊镇"], "county": ["周村区"], "province": [None],
                            "places": ['["尚庄村", "鲁中实验学校"]']})
    assert {"南郊镇", "周村区", "尚庄村", "鲁中实验学校"} <= place_names(reports)


def test_distinctive_extremes_skip_village_names_stored_at_ingest():
    reports = pd.DataFrame({"town": ["南郊镇"], "county": ["周村区"], "province": [None], "places": ['["尚庄村"]']})
    diff = pd.DataFrame({"term": ["尚庄村", "法律明白人", "人民调解", "行政执法"], "z": [5.0, 4.0, -3.0, -4.0]})
    shown = distinctive_extremes(diff, places=place_names(reports), n=1)
    assert "尚庄村" not in set(shown["term"]) and "法律明白人" in set(shown["term"])


def test_distinctive_extremes_skip_very_common_words():
    reports = pd.DataFrame({"town": ["螺门镇"], "county": [None], "province": [None], "places": ["[]"]})
    diff = pd.DataFrame({"term": ["企业", "渔船", "市场", "人民调解"], "z": [6.0, 5.0, -3.0, -4.0]})
    shown = distinctive_extremes(diff, places=place_names(reports), n=1)
    assert shown["term"].tolist() == ["渔船", "人民调解"]


def test_headline_fits_tiles_and_missing_values_read_as_unknown():
    from ui.views import headline, show_missing

    reports = pd.DataFrame({"town": ["甲镇", "乙镇"], "year": [2021, 2023], "chars": [3000, 5000],
                            "parts_complete": [4, 3], "concreteness": [10.0, 20.0]})
    h = headline(reports)
    assert h["年份"] == "2021–23" and h["具体度（处/万字）"] == "15.0" and h["四部分齐全"] == "50%"
    shown = show_missing(pd.DataFrame({"县区": ["周村区", None], "字数": [1, 2]}))
    assert shown["县区"].tolist() == ["周村区", "未知"] and shown["字数"].tolist() == [1, 2]


def test_vectorised_intervals_equal_the_figures_module():
    import numpy as np

    from analytics import figures
    from ui.views import _intervals

    units, n = np.array([0, 3, 7, 12]), np.array([12, 20, 7, 40])
    v, lo, hi = _intervals("unit_share", units * 2, units, n * 300, n)
    for i in range(4):
        iv = figures.share_interval(int(units[i]), int(n[i]))
        assert (v[i], lo[i], hi[i]) == pytest.approx((iv.value, iv.lo, iv.hi))
    counts, chars = np.array([0, 1, 14, 200]), np.array([1500, 9000, 20000, 4000])
    v, lo, hi = _intervals("per_10k", counts, counts, chars, chars // 300)
    for i in range(4):
        iv = figures.rate_interval(int(counts[i]), int(chars[i]))
        assert (v[i], lo[i], hi[i]) == pytest.approx((iv.value, iv.lo, iv.hi))


def test_short_reports_do_not_set_the_colour_scale():
    long = pd.DataFrame({"value": [12.0, 30.0, 600.0], "short": [False, False, True]})
    assert colour_max(long) == 30.0  # a 450-character upload with two hits cannot turn every real report pale
    assert colour_max(long.assign(short=True)) is None  # only short ones: plotly's own scale


def test_heatmap_rows_with_similar_profiles_sit_together():
    pufa_heavy = [{"普法": 30 + i, "执法": 2, "决策": 5 + i % 2} for i in range(4)]
    zhifa_heavy = [{"普法": 3, "执法": 25 + i, "决策": 6 - i % 2} for i in range(4)]
    rows = [r for pair in zip(pufa_heavy, zhifa_heavy) for r in pair]  # interleaved
    m = pd.DataFrame(rows, index=[f"r{i}" for i in range(8)])
    ordered = cluster_order(m)
    kinds = ["p" if ordered.loc[r, "普法"] > 20 else "z" for r in ordered.index]
    assert kinds in (["p"] * 4 + ["z"] * 4, ["z"] * 4 + ["p"] * 4)
    assert list(ordered.columns) == ["普法", "执法", "决策"]  # columns by total
    assert sorted(ordered.index) == sorted(m.index)


def test_ranking_change_names_the_previous_year_only_when_it_is_not_the_year_before():
    leans = pd.DataFrame({"town": ["甲镇", "乙镇", "丙乡"], "year": [2024, 2024, 2024], "pufa": 3, "zhifa": 1,
                          "lean": [1.0, 0.5, 0.2], "label": ["偏普法", "无明显偏向", "无明显偏向"], "firm": True,
                          "change": [0.8, -0.1, float("nan")], "change_label": ["更偏普法", "无明显变化", "无上一份"],
                          "prev_year": [2023, 2021, None]})
    assert ranking_table(leans)["变化"].tolist() == ["更偏普法 +0.8", "不明显 -0.1（比2021年）", "无上一份"]


def test_ranking_says_few_mentions_rather_than_no_clear_lean_and_never_calls_a_big_swing_small():
    leans = pd.DataFrame({"town": ["甲镇", "乙镇", "丙乡", "丁镇"], "year": 2024, "pufa": [1, 7, 20, 15],
                          "zhifa": [6, 28, 2, 12], "lean": [-1.5, -1.3, 2.1, 0.2],
                          "label": ["无明显偏向", "偏执法", "偏普法", "无明显偏向"], "firm": [False, False, True, False],
                          "change": [3.5, -0.2, float("nan"), 0.1],
                          "change_label": ["无明显变化", "无明显变化", "无上一份", "无明显变化"], "prev_year": [2023, 2023, None, 2023]})
    table = ranking_table(leans)
    # 1 + 6 < 10 mentions: 提得少; a 偏 whose interval crosses 0 carries ？ (把握不大)
    assert table["侧重"].tolist() == ["提得少 -1.5", "偏执法？ -1.3", "偏普法 +2.1", "不明显 +0.2"]
    assert table["变化"].tolist()[0] == "不明显 +3.5"


def test_lean_words_follow_the_counts_and_say_when_the_interval_is_not_firm():
    from ui.views import lean_verdicts, lean_word

    # 2:1 or more with 10 mentions in all is a lean, on the counts a reader sees; the interval only qualifies it
    assert lean_word(20, 10) == lean_word(8, 4) == "偏普法"
    assert lean_word(19, 10) == lean_word(12, 13) == "无明显偏向"
    assert lean_word(3, 11) == lean_word(0, 10) == "偏执法"
    assert lean_word(8, 1) == "无明显偏向"  # too few mentions to tell
    assert lean_word(None, None) == lean_word(float("nan"), 3) == lean_word(pd.NA, 3) == "未知"
    reports = pd.DataFrame({"lean": [1.2, 1.2, -0.1, float("nan")], "lean_lo": [0.3, -0.2, -0.9, float("nan")],
                            "lean_hi": [2.1, 2.6, 0.7, float("nan")], "lean_pufa": [16, 16, 12, None],
                            "lean_zhifa": [4, 4, 13, None]})
    assert lean_verdicts(reports) == ["偏普法", "偏普法（把握不大）", "无明显偏向", "未知"]


def test_the_meeting_tally_says_how_many_leans_are_not_firm():
    from ui.views import lean_tally

    leans = pd.DataFrame({"label": ["偏普法", "偏普法", "偏普法", "无明显偏向", "无明显偏向"],
                          "firm": [True, False, True, False, True]})
    assert lean_tally(leans) == ["偏普法：3 个乡镇（其中 1 个把握不大）", "无明显偏向：2 个乡镇", "偏执法：0 个乡镇"]


def test_latest_ids_and_the_pooling_line_say_which_reports_a_town_bar_stands_for():
    from ui.views import latest_ids, pooling_line

    reports = pd.DataFrame({"id": ["a", "b", "c", "d", "e"], "town": ["集老镇", "集老镇", "集老镇", "南郊镇", None],
                            "year": [2019, 2025, 2021, 2021, None]})
    assert sorted(latest_ids(reports)) == ["b", "d", "e"]
    assert pooling_line(reports, False).startswith("每个乡镇只用它最近一年的报告")
    assert "集老镇 2019–2025 年共 3 份" in pooling_line(reports, True)


# Written for the kinds of problem: four towns write the same two problems in their own words
_SHORT = pd.DataFrame({
    "report_id": ["a", "a", "b", "b", "c", "d", "d", "a0"],
    "kind": ["problem"] * 7 + ["problem"],
    "sentence": ["执法人员不足，在编仅5人", "普法形式单一", "执法队伍人手紧张", "宣传手段陈旧",
                 "综合执法力量薄弱", "辖区外来人口多，矛盾纠纷易发多发", "普法方式比较单调", "执法力量明显偏弱"],
    "theme_id": ["enforcement", "law_popularization", "enforcement", "law_popularization", "enforcement", None,
                 "law_popularization", "enforcement"]})
_REPORTS = pd.DataFrame({"id": ["a", "b", "c", "d", "a0"], "town": ["甲镇", "乙乡", "丙街道", "丁镇", "甲镇"],
                         "label": ["甲镇·2024", "乙乡·2024", "丙街道·2024", "丁镇·2024", "甲镇·2023"],
                         "year": [2024, 2024, 2024, 2024, 2023]})
_LABELS = {"enforcement": "行政执法", "law_popularization": "普法宣传"}


def test_weaknesses_by_kind_count_towns_not_wordings():
    from ui.views import weaknesses

    w = weaknesses(_SHORT, _REPORTS, _LABELS, by="kind").set_index("group")
    assert w.loc["人员力量不足", "towns"] == 3 and w.loc["人员力量不足", "sentences"] == 4  # 甲镇 twice: one town
    assert w.loc["方式方法单一", "towns"] == 3 and w.loc["方式方法单一", "town_names"] == "丁镇、乙乡、甲镇"
    assert not w.loc["其他问题", "grouped"] and w.loc["其他问题", "towns"] == 1
    t = weaknesses(_SHORT, _REPORTS, _LABELS, by="theme").set_index("group")
    assert t.loc["行政执法", "towns"] == 3 and not t.loc["未归入主题", "grouped"]


def test_recurring_problems_read_each_town_s_latest_report():
    from ui.views import recurring_problems

    assert recurring_problems(_SHORT, _REPORTS, _LABELS) == [  # (甲镇's 2023 sentence left out; ties by name)
        "人员力量不足：3 个乡镇（丙街道、乙乡、甲镇）", "方式方法单一：3 个乡镇（丁镇、乙乡、甲镇）"]
    assert recurring_problems(_SHORT[_SHORT["report_id"].isin(["a", "a0"])], _REPORTS, _LABELS) == []  # one town


def test_a_town_s_problem_of_one_kind_in_two_years_recurs_in_other_words():
    from ui.town import shortcomings_by_year

    short = pd.DataFrame({"report_id": ["y23", "y23", "y24", "y24"], "kind": ["problem", "problem", "problem", "cause"],
                          "idx": [0, 1, 0, 1],
                          "sentence": ["执法人员不足，仅有持证人员3名", "普法形式单一", "执法队伍人手紧张", "编制少"],
                          "theme_id": ["enforcement", "law_popularization", "enforcement", None]})
    reports = pd.DataFrame({"id": ["y23", "y24"], "year": [2023, 2024]})
    out = shortcomings_by_year(short, reports, _LABELS)
    assert out["问题类型"].tolist() == ["人员力量不足", "方式方法单一", "人员力量不足", ""]
    assert out["反复出现"].tolist() == ["是", "", "是", ""]  # a cause is never marked
    assert out.columns.tolist() == ["年份", "类别", "问题类型", "主题", "反复出现", "原文"]
