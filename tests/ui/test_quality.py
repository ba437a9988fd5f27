"""ui.quality: pairs of reports sharing passages (stored summaries) and one pair's passages side by side."""

from __future__ import annotations

import pandas as pd

from analytics import pipeline
from ui.quality import passages, shared_pairs


def test_pair_summaries_count_real_passages_and_union_coverage_of_each_side():
    """pipeline.pair_rows: two passages of x overlap in y (union 75 of 300); a stock passage does not count."""
    rows = [("y", 0, 50, 0, 50, 0.0), ("y", 100, 150, 25, 75, 0.1), ("y", 200, 240, 100, 140, 0.95)]
    (other, _spans, n, chars, longest, share_x, share_y), = pipeline.pair_rows(rows, len_own=1000, lengths={"y": 300})
    assert (other, n, chars, longest) == ("y", 2, 100, 50)
    assert (share_x, share_y) == (0.1, 0.25)


def test_shared_pairs_table_labels_and_percentages():
    reports = pd.DataFrame({"id": ["x", "y", "z"], "label": ["甲镇·2021", "乙镇·2022", "丙镇·2023"]})
    pairs = pd.DataFrame([("x", "y", 2, 100, 50, 0.1, 0.25), ("z", "x", 0, 0, 0, 0.0, 0.0)],
                         columns=["a", "b", "passages", "chars", "longest", "share_a", "share_b"])
    out = shared_pairs(pairs, reports)
    assert len(out) == 1  # a pair that shares only stock sentences is not listed
    row = out.iloc[0]
    assert (row["报告甲"], row["报告乙"], row["相同段落数"], row["相同字数"]) == ("甲镇·2021", "乙镇·2022", 2, 100)
    assert (row["占报告甲（%）"], row["占报告乙（%）"]) == (10.0, 25.0)


def test_no_shared_passages_gives_empty_table_with_columns():
    out = shared_pairs(pd.DataFrame(columns=["a", "b", "passages", "chars", "longest", "share_a", "share_b"]),
                       pd.DataFrame({"id": [], "label": []}))
    assert out.empty and "占报告乙（%）" in out.columns


def test_passages_leave_stock_out_and_merge_overlaps():
    text_a, text_b = "甲" * 300, "乙" * 300
    spans = pd.DataFrame([(0, 30, 0, 30, 0.0), (20, 60, 100, 140, 0.0), (100, 130, 200, 230, 0.9)],
                         columns=["a_start", "a_end", "b_start", "b_end", "stock"])
    out = passages(spans, text_a, text_b)
    assert out[["a_start", "a_end"]].values.tolist() == [[0, 60]] and out["text_a"].iloc[0] == "甲" * 60
