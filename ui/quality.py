"""Frames for the 结构与质量 page: shared-passage pairs, passages side by side, weakness sentences."""

from __future__ import annotations

import pandas as pd

from analytics.pipeline import is_copied
from ui.views import weakness_groups


PART_COLUMNS = {"label": "报告", "part": "部分", "chars": "本部分字数", "report_chars": "全文字数", "value": "数值"}


def first_reports(lengths: pd.DataFrame, *, n: int) -> pd.DataFrame:
    keep = lengths["label"].drop_duplicates().head(n)
    return lengths[lengths["label"].isin(keep)]


SENTENCES_IN_FULL = 60  # up to this many problem sentences are shown as a static table, each read in full


def shared_pairs(pairs: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of reports sharing passages (stored summaries: passages that are not copying already left out):
    passages, characters shared, and the share of each report the passages cover."""
    columns = ["a", "b", "报告甲", "报告乙", "相同段落数", "相同字数", "占报告甲（%）", "占报告乙（%）"]
    p = pairs[pairs["passages"] > 0]
    if p.empty:
        return pd.DataFrame(columns=columns)
    label = reports.set_index("id")["label"]
    out = pd.DataFrame({"a": p["a"], "b": p["b"], "报告甲": p["a"].map(label), "报告乙": p["b"].map(label),
                        "相同段落数": p["passages"], "相同字数": p["chars"],
                        "占报告甲（%）": (p["share_a"] * 100).round(1), "占报告乙（%）": (p["share_b"] * 100).round(1)})
    return out[columns].sort_values(["相同字数", "报告甲"], ascending=[False, True]).reset_index(drop=True)


def passages(spans: pd.DataFrame, text_a: str, text_b: str) -> pd.DataFrame:
    """One pair's passages (ui.data.pair_passages), both texts side by side; passages that are not copying (pipeline.is_copied) left out and
    overlapping ones merged, so the list and the counts above agree."""
    copied = [is_copied(s, e, b) for s, e, b in zip(spans["a_start"], spans["a_end"], spans["stock"])]
    rows = _merge(spans[copied].sort_values(["a_start", "a_end"]))
    rows = rows.assign(text_a=[text_a[s:e] for s, e in zip(rows["a_start"], rows["a_end"])],
                       text_b=[text_b[s:e] for s, e in zip(rows["b_start"], rows["b_end"])])
    return rows[["a_start", "a_end", "b_start", "b_end", "text_a", "text_b"]].reset_index(drop=True)


def _merge(rows: pd.DataFrame) -> pd.DataFrame:
    """Overlapping passages (in a) merge into one."""
    out: list[list[int]] = []
    for s, e, bs, be in rows[["a_start", "a_end", "b_start", "b_end"]].itertuples(index=False):
        if out and s <= out[-1][1]:
            out[-1][1], out[-1][3] = max(out[-1][1], e), max(out[-1][3], be)
        else:
            out.append([s, e, bs, be])
    return pd.DataFrame(out, columns=["a_start", "a_end", "b_start", "b_end"])


def weakness_sentences(shortcomings: pd.DataFrame, reports: pd.DataFrame, labels: dict[str, str], *,
                       kind: str = "problem") -> pd.DataFrame:
    """The self-reported problem (or cause) sentences with their kind of problem (problems only), theme, town
    and year."""
    s = shortcomings[shortcomings["kind"] == kind]
    r = reports.set_index("id")
    kinds = {"问题类型": weakness_groups(s, labels, by="kind")} if kind == "problem" else {}
    return pd.DataFrame({
        **kinds,
        "主题": weakness_groups(s, labels, by="theme"),
        "乡镇": s["report_id"].map(r["town"]).map(lambda v: v if isinstance(v, str) and v else "未知"),
        "年份": s["report_id"].map(r["year"]),
        "问题句" if kind == "problem" else "原因": s["sentence"],
    }).sort_values(["主题", "乡镇"]).reset_index(drop=True)
