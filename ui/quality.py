"""Frames for the 结构与质量 page: shared-passage pairs, passages side by side, weakness sentences."""

from __future__ import annotations

import numpy as np
import pandas as pd


PART_COLUMNS = {"label": "报告", "part": "部分", "chars": "本部分字数", "report_chars": "全文字数", "value": "数值"}


def first_reports(lengths: pd.DataFrame, *, n: int) -> pd.DataFrame:
    keep = lengths["label"].drop_duplicates().head(n)
    return lengths[lengths["label"].isin(keep)]


STOCK_COVER = 0.8  # passages mostly made of sentences most reports share (mandated headings, slogans) are left out


def shared_pairs(shared: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """One row per unordered pair of reports sharing passages: passages, characters shared, and the
    share of each report the passages cover (union of spans over the report's length). Passages mostly
    made of stock sentences (found in most reports: mandated headings, slogans) do not count as copying."""
    columns = ["a", "b", "报告甲", "报告乙", "相同段落数", "相同字数", "占报告甲（%）", "占报告乙（%）"]
    if "stock" in shared:
        shared = shared[shared["stock"] < STOCK_COVER]
    if shared.empty:
        return pd.DataFrame(columns=columns)
    a, b = shared["a"].to_numpy(dtype=object), shared["b"].to_numpy(dtype=object)
    swap = a > b
    s = pd.DataFrame({"lo": np.where(swap, b, a), "hi": np.where(swap, a, b),
                      "lo_start": np.where(swap, shared["b_start"], shared["a_start"]),
                      "lo_end": np.where(swap, shared["b_end"], shared["a_end"]),
                      "hi_start": np.where(swap, shared["a_start"], shared["b_start"]),
                      "hi_end": np.where(swap, shared["a_end"], shared["b_end"]),
                      "n": (shared["a_end"] - shared["a_start"]).to_numpy()})
    s["pair"] = s.groupby(["lo", "hi"], sort=False).ngroup()
    g = s.groupby("pair").agg(lo=("lo", "first"), hi=("hi", "first"), passages=("n", "size"), chars=("n", "sum"))
    chars = reports.set_index("id")["chars"]
    g["share_lo"] = (100 * _union_length(s, "lo_start", "lo_end") / g["lo"].map(chars).to_numpy()).round(1)
    g["share_hi"] = (100 * _union_length(s, "hi_start", "hi_end") / g["hi"].map(chars).to_numpy()).round(1)
    label = reports.set_index("id")["label"]
    out = pd.DataFrame({"a": g["lo"], "b": g["hi"], "报告甲": g["lo"].map(label), "报告乙": g["hi"].map(label),
                        "相同段落数": g["passages"], "相同字数": g["chars"],
                        "占报告甲（%）": g["share_lo"], "占报告乙（%）": g["share_hi"]})
    return out[columns].sort_values("相同字数", ascending=False).reset_index(drop=True)


def _union_length(s: pd.DataFrame, start: str, end: str) -> pd.Series:
    """Characters covered by the union of each pair's spans (vectorised: sort by start within a pair;
    each span adds only what reaches past the furthest end before it)."""
    d = s[["pair", start, end]].sort_values(["pair", start])
    reach = d.groupby("pair")[end].cummax().groupby(d["pair"]).shift(fill_value=0)
    added = (d[end] - np.maximum(d[start], reach)).clip(lower=0)
    return added.groupby(d["pair"]).sum()


def passages(shared: pd.DataFrame, a: str, b: str, text_a: str, text_b: str) -> pd.DataFrame:
    """The passages report ``a`` shares with ``b`` (either direction stored), both texts side by side;
    stock passages left out, overlapping ones merged (the counts above and this list agree)."""
    if "stock" in shared:
        shared = shared[shared["stock"] < STOCK_COVER]
    fwd = shared[(shared["a"] == a) & (shared["b"] == b)]
    rev = shared[(shared["a"] == b) & (shared["b"] == a)].rename(
        columns={"a_start": "b_start", "a_end": "b_end", "b_start": "a_start", "b_end": "a_end"})
    rows = _merge(pd.concat([fwd, rev]).sort_values(["a_start", "a_end"]))
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
    """The self-reported problem (or cause) sentences with their theme, town and year."""
    s = shortcomings[shortcomings["kind"] == kind]
    r = reports.set_index("id")
    return pd.DataFrame({
        "主题": s["theme_id"].map(labels).fillna("未归入主题"),
        "乡镇": s["report_id"].map(r["town"]).map(lambda v: v if isinstance(v, str) and v else "未知"),
        "年份": s["report_id"].map(r["year"]),
        "问题句" if kind == "problem" else "原因": s["sentence"],
    }).sort_values(["主题", "乡镇"]).reset_index(drop=True)
