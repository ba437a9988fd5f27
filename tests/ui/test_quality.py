"""ui.quality: pairs of reports sharing passages, with the share of each report covered."""

from __future__ import annotations

import pandas as pd

from ui.quality import shared_pairs


def test_shared_pairs_counts_union_coverage_of_each_side():
    reports = pd.DataFrame({"id": ["x", "y", "z"], "label": ["甲镇·2021", "乙镇·2022", "丙镇·2023"],
                            "chars": [1000, 300, 500]})
    shared = pd.DataFrame(
        [("x", "y", 0, 50, 0, 50), ("x", "y", 100, 150, 25, 75),  # in y the two passages overlap: union 75
         ("z", "x", 0, 100, 500, 600)],  # stored from z's side: x is the lower id, so it becomes 报告甲
        columns=["a", "b", "a_start", "a_end", "b_start", "b_end"],
    )
    out = shared_pairs(shared, reports).set_index(["报告甲", "报告乙"])
    xy = out.loc[("甲镇·2021", "乙镇·2022")]
    assert (xy["相同段落数"], xy["相同字数"]) == (2, 100)
    assert (xy["占报告甲（%）"], xy["占报告乙（%）"]) == (10.0, 25.0)
    xz = out.loc[("甲镇·2021", "丙镇·2023")]
    assert (xz["占报告甲（%）"], xz["占报告乙（%）"]) == (10.0, 20.0)


def test_no_shared_passages_gives_empty_table_with_columns():
    out = shared_pairs(pd.DataFrame(columns=["a", "b", "a_start", "a_end", "b_start", "b_end"]),
                       pd.DataFrame({"id": [], "label": [], "chars": []}))
    assert out.empty and "占报告乙（%）" in out.columns
