"""Frames the pages show, shaped from stored features (pure pandas, no streamlit).

Rates are pooled over a group: a town's 每万字频次 is its reports' hits × 10,000 ÷ their characters,
its 占比 is the theme's hits ÷ all theme hits of those reports.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

import numpy as np
import pandas as pd

WHOLE = "all"
METRICS = {"per_10k": "每万字频次", "share": "占比", "count": "次数"}
UNITS = {"per_10k": "次/万字", "share": "%", "count": "次"}
COUNTING_RULE = (
    "计数规则：在全文上按“最左最长、互不重叠”匹配词条——同一位置取最长的词条，已计入的文字不再重复计数"
    "（“行政执法”只计一次行政执法，不再另计“执法”；“谁执法谁普法”整体计为普法宣传）。"
    "每万字频次 = 次数 × 10000 ÷ 字数；占比 = 该主题次数 ÷ 全部主题命中次数。"
)
GROUPS = {"id": "报告", "town": "乡镇", "year": "年份", "county": "县区", "town_year": "乡镇·年份"}
LEVEL_LABELS = {"township": "乡镇", "county": "县", "district": "区", "city": "市"}


def axis_title(metric: str, what: str = "") -> str:
    """Axis label with the unit, e.g. 每万字频次（次/万字）."""
    return f"{what}{METRICS[metric]}（{UNITS[metric]}）"


def restrict(corpus, ids: Sequence[str]):
    """The corpus (ui.data.Corpus) reduced to the given report ids."""
    keep = set(ids)
    r = corpus.reports
    return dataclasses.replace(
        corpus,
        reports=r[r["id"].isin(keep)].reset_index(drop=True),
        theme_counts=corpus.theme_counts[corpus.theme_counts["report_id"].isin(keep)],
        sections=corpus.sections[corpus.sections["report_id"].isin(keep)],
        facts=corpus.facts[corpus.facts["report_id"].isin(keep)],
        shortcomings=corpus.shortcomings[corpus.shortcomings["report_id"].isin(keep)],
        keywords=corpus.keywords[corpus.keywords["report_id"].isin(keep)],
        positions=corpus.positions[corpus.positions["report_id"].isin(keep)],
        neighbours=corpus.neighbours[corpus.neighbours["a"].isin(keep) & corpus.neighbours["b"].isin(keep)],
        shared=corpus.shared[corpus.shared["a"].isin(keep) & corpus.shared["b"].isin(keep)],
    )


def group_key(reports: pd.DataFrame, by: str) -> pd.Series:
    """Display key of each report for a grouping (报告 → label, 年份 → '2021', others → name)."""
    if by == "id":
        return reports["label"]
    if by == "year":
        return reports["year"].map(lambda y: "未知年份" if pd.isna(y) else str(int(y)))
    if by == "all":
        return pd.Series("全部", index=reports.index)
    if by == "town_year":
        return group_key(reports, "town") + " · " + group_key(reports, "year")
    return reports[by].fillna("未知").replace("", "未知")


def theme_long(corpus, *, by: str = "id", metric: str = "per_10k", part: str = WHOLE) -> pd.DataFrame:
    """One row per (group, theme): group, theme_id, theme, count, chars, total, value, report_ids, town, year."""
    reports = corpus.reports
    themes = list(corpus.theme_labels)
    tc = corpus.theme_counts
    tc = tc[tc["part_id"] == part]
    wide = (tc.set_index(["report_id", "theme_id"])["count"].unstack(fill_value=0)
            .reindex(index=reports["id"], columns=themes, fill_value=0))
    group = group_key(reports, by).to_numpy()
    wide.index = pd.Index(group, name="group")
    counts = wide.groupby(level=0, sort=False).sum()
    meta = reports.assign(group=group).groupby("group", sort=False).agg(
        chars=("chars", "sum"), report_ids=("id", ",".join), town=("town", "first"), year=("year", "first"))
    out = counts.rename_axis(columns="theme_id").stack().rename("count").reset_index()
    out = out.merge(meta, left_on="group", right_index=True)
    out["total"] = out["group"].map(counts.sum(axis=1))
    out["theme"] = out["theme_id"].map(corpus.theme_labels)
    out["value"] = metric_value(out["count"], out["chars"], out["total"], metric=metric)
    if by == "year":
        out["_order"] = out["group"].str.replace("未知年份", "9999")
        out = out.sort_values(["_order", "theme_id"], kind="stable").drop(columns="_order")
    return out.reset_index(drop=True)


def metric_value(count: pd.Series, chars: pd.Series, total: pd.Series, *, metric: str) -> pd.Series:
    if metric == "per_10k":
        return (count * 10_000 / chars.where(chars > 0)).fillna(0.0).round(2)
    if metric == "share":
        return (count * 100 / total.where(total > 0)).fillna(0.0).round(1)
    return count.astype(float)


MAX_ROWS = 80


def matrix(long: pd.DataFrame, *, order: bool = True, max_rows: int | None = None) -> pd.DataFrame:
    """group × theme value matrix (theme labels as columns), rows/columns ordered so patterns show.
    With ``max_rows`` only the groups with most characters are kept (before ordering)."""
    m = long.pivot(index="group", columns="theme", values="value").fillna(0.0)
    if max_rows is not None and len(m) > max_rows:
        chars = long.drop_duplicates("group").set_index("group")["chars"]
        m = m.loc[chars.nlargest(max_rows).index]
    return cluster_order(m) if order else m


def cluster_order(m: pd.DataFrame) -> pd.DataFrame:
    """Rows and columns in hierarchical-clustering leaf order (optimal ordering); columns by total if few."""
    from scipy.cluster.hierarchy import leaves_list, linkage

    cols = m.sum().sort_values(ascending=False).index
    m = m[cols]
    if len(m) >= 3 and m.to_numpy().std() > 0:
        z = (m - m.mean()) / m.std(ddof=0).replace(0, 1)
        rows = leaves_list(linkage(z.to_numpy(), method="average", optimal_ordering=len(m) <= 400))
        m = m.iloc[rows]
    return m


def medians(long: pd.DataFrame) -> pd.DataFrame:
    """Per theme: the median value over the groups in ``long``."""
    return long.groupby(["theme_id", "theme"], as_index=False, sort=False)["value"].median()


def overview_table(reports: pd.DataFrame) -> pd.DataFrame:
    cols = {"town": "乡镇", "county": "县区", "year": "年份", "level": "层级", "chars": "字数",
            "parts_complete": "必备四部分", "concreteness": "具体度（数据/万字）", "stock_share": "套话占比"}
    t = reports[[c for c in cols if c in reports]].copy()
    t["level"] = t["level"].map(LEVEL_LABELS).fillna(t["level"])
    if "stock_share" in t:
        t["stock_share"] = (t["stock_share"].astype(float) * 100).round(1)
        cols["stock_share"] = "套话占比（%）"
    t["concreteness"] = t["concreteness"].round(1)
    return t.rename(columns=cols)


def show_missing(table: pd.DataFrame) -> pd.DataFrame:
    """Text columns with an unknown value show “未知” instead of None (for display, not for export)."""
    text = [c for c in table.columns if table[c].dtype == object or pd.api.types.is_string_dtype(table[c])]
    return table.assign(**{c: table[c].fillna("未知") for c in text})


def headline(reports: pd.DataFrame) -> dict[str, str]:
    years = reports["year"].dropna()
    lo, hi = (int(years.min()), int(years.max())) if not years.empty else (0, 0)
    # “2021–23”: the full “2021–2023” does not fit a metric tile beside five others
    span = "—" if years.empty else (f"{lo}" if lo == hi else f"{lo}–{hi % 100:02d}" if lo // 100 == hi // 100
                                    else f"{lo}–{hi}")
    complete = (reports["parts_complete"] >= 4).mean() * 100 if len(reports) else 0.0
    return {
        "报告数": f"{len(reports)}", "乡镇数": f"{reports['town'].nunique()}", "年份": span,
        "平均字数": f"{reports['chars'].mean():,.0f}" if len(reports) else "—",
        "四部分以上齐全": f"{complete:.0f}%",
        "平均具体度（条/万字）": f"{reports['concreteness'].mean():.1f}" if len(reports) else "—",
    }


def emphasis_points(corpus, *, metric: str, x_theme: str, y_theme: str) -> pd.DataFrame:
    """Per report: value of two themes (x, y), plus town/year/label/report_ids for hover and click."""
    long = theme_long(corpus, by="id", metric=metric)
    wide = long.pivot_table(index=["group", "report_ids"], columns="theme_id", values="value").reset_index()
    r = corpus.reports[["id", "label", "town", "year", "chars"]]
    wide = wide.merge(r, left_on="report_ids", right_on="id")
    return wide.rename(columns={x_theme: "x", y_theme: "y"})[["id", "label", "town", "year", "chars", "x", "y"]]


def top_keywords(corpus, *, by: str = "id", n: int = 10) -> pd.DataFrame:
    """Top TF-IDF keywords per group: mean weight over the group's reports (absent = 0)."""
    reports = corpus.reports.assign(group=lambda d: group_key(d, by))
    kw = corpus.keywords.merge(reports[["id", "group"]], left_on="report_id", right_on="id")
    size = reports.groupby("group").size()
    ids = reports.groupby("group")["id"].agg(",".join)
    agg = kw.groupby(["group", "term"], as_index=False)["weight"].sum()
    agg["weight"] = (agg["weight"] / agg["group"].map(size)).round(4)
    agg["report_ids"] = agg["group"].map(ids)
    agg = agg.sort_values(["group", "weight"], ascending=[True, False])
    return agg.groupby("group").head(n).reset_index(drop=True)


def keyword_matrix(counts: pd.DataFrame, reports: pd.DataFrame, totals: pd.Series, *, metric: str,
                   terms: Sequence[str], by: str = "id") -> pd.DataFrame:
    """Long frame group × term: count, chars, total terms, value (share = % of the group's counted terms)."""
    r = reports.assign(group=group_key(reports, by), total=reports["id"].map(totals).fillna(0))
    g = r.groupby("group", sort=False).agg(chars=("chars", "sum"), total=("total", "sum"),
                                           report_ids=("id", ",".join))
    c = counts.merge(r[["id", "group"]], left_on="report_id", right_on="id")
    c = c.groupby(["group", "term"])["count"].sum()
    full = pd.MultiIndex.from_product([g.index, list(terms)], names=["group", "term"])
    out = c.reindex(full, fill_value=0).reset_index().merge(g, left_on="group", right_index=True)
    out["value"] = metric_value(out["count"], out["chars"], out["total"], metric=metric)
    if metric == "share":
        out["value"] = (out["count"] * 100 / out["total"].where(out["total"] > 0)).fillna(0).round(2)
    return out


SHORT_PARTS = {"measures": "举措成效", "shortcomings": "不足原因", "leaders": "第一责任人", "next_year": "下年安排",
               "other": "其他情况"}


def checklist(sections: pd.DataFrame, reports: pd.DataFrame, parts: dict[str, str]) -> pd.DataFrame:
    """Report × part: ✓ / ✗ (short part names as columns), with town, year and number of parts present."""
    parts = {p: SHORT_PARTS.get(p, label) for p, label in parts.items()}
    s = sections[sections["part_id"].isin(list(parts))]
    present = s.pivot_table(index="report_id", columns="part_id", values="present", aggfunc="max").reindex(
        columns=list(parts)).fillna(0).astype(bool)
    # only the part columns are filled: a missing town or year stays missing (False there made a
    # column of str and bool that Arrow refuses, and a missing Int64 year raised TypeError)
    out = reports[["id", "label", "town", "year"]].set_index("id").join(present)
    out[list(parts)] = out[list(parts)].fillna(False)
    for p, label in parts.items():
        out[label] = np.where(out.pop(p).astype(bool), "✓", "✗")
    out["齐全部分数"] = (out[list(parts.values())] == "✓").sum(axis=1)
    return out.reset_index().rename(columns={"label": "报告", "town": "乡镇", "year": "年份"})


def part_lengths(sections: pd.DataFrame, reports: pd.DataFrame, parts: dict[str, str], *, metric: str) -> pd.DataFrame:
    """Long frame: report label, part label, chars and value (字数 or % of the report)."""
    s = sections[sections["part_id"].isin(list(parts))].merge(
        reports[["id", "label", "chars"]].rename(columns={"chars": "report_chars"}), left_on="report_id", right_on="id")
    s["part"] = s["part_id"].map(parts)
    s["value"] = s["chars"] if metric == "chars" else (s["chars"] * 100 / s["report_chars"]).round(1)
    return s[["report_id", "label", "part_id", "part", "chars", "report_chars", "value"]]


def weaknesses(shortcomings: pd.DataFrame, reports: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Per theme: shortcoming sentences, how many towns name it, report ids."""
    s = shortcomings.merge(reports[["id", "town", "label"]], left_on="report_id", right_on="id")
    s["theme"] = s["theme_id"].map(labels).fillna("未归入主题")
    g = s.groupby("theme").agg(towns=("town", "nunique"), sentences=("sentence", "size"),
                               theme_id=("theme_id", "first"), report_ids=("report_id", lambda x: ",".join(sorted(set(x)))))
    return g.sort_values(["towns", "sentences"], ascending=False).reset_index()


def place_names(reports: pd.DataFrame) -> frozenset[str]:
    """Town, county and province names of the reports plus the place names found in their texts
    (villages, streets, schools; stored at ingest), for dropping place terms from keyword lists."""
    found = {v for c in ("town", "county", "province") for v in reports[c].dropna() if v}
    for names in reports.get("places", pd.Series(dtype=object)).dropna():
        found.update(json.loads(names))
    return frozenset(found)


def distinctive_extremes(diff: pd.DataFrame, *, places: frozenset[str], n: int = 25) -> pd.DataFrame:
    """The ``n`` most distinctive terms at each end (z), place names skipped."""
    from analytics.segment import PlaceMatcher

    is_place = PlaceMatcher(places)
    keep: list[int] = []
    for order in (diff.index, diff.index[::-1]):
        got = 0
        for i in order:
            if got == n:
                break
            if i not in keep and not is_place(diff.at[i, "term"]):
                keep.append(i)
                got += 1
    return diff.loc[sorted(keep)]


def hit_counts(counts: pd.DataFrame, reports: pd.DataFrame, *, metric: str) -> pd.DataFrame:
    """KWIC counts per report with label, chars and value (share = % of all hits shown), largest first."""
    r = reports.set_index("id")
    out = counts.assign(label=counts["report_id"].map(r["label"]), chars=counts["report_id"].map(r["chars"]))
    total = pd.Series(out["count"].sum(), index=out.index)
    out["value"] = metric_value(out["count"], out["chars"], total, metric=metric)
    return out.sort_values(["value", "label"], ascending=[False, True]).reset_index(drop=True)
