"""Frames the pages show, shaped from stored features (pure pandas, no streamlit).

Rates are pooled over a group: a town's 提及段落占比 is the paragraphs of its reports that mention a
theme over all their paragraphs; its 每万字次数 is their mentions × 10,000 ÷ their characters. Every
value carries its count and a 95 % interval (Wilson for shares, exact Poisson for rates).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analytics import figures, problems

WHOLE = "all"
METRICS = {"unit_share": "提及段落占比", "per_10k": "每万字次数", "count": "提及次数"}
UNITS = {"unit_share": "%", "per_10k": "次/万字", "count": "次"}
METRIC_HELP = {
    "unit_share": "提到该主题的段落占全部段落的比例；同一段落里重复多次只算一次，不受口号反复出现的影响。比较不同报告时默认用它。",
    "per_10k": "每一万字中提到该主题的次数，受篇幅影响小，但同一句话重复会重复计数。",
    "count": "全文提到该主题的次数，篇幅越长次数越多，只适合看同一份报告内部。",
}
COUNTING_RULE = (
    "计数规则：同一处文字只算一次，并且只算最长的那个词（“行政执法”算一次行政执法，不再另算“执法”；"
    "“谁执法谁普法”整体算一次普法宣传）；一个标题里同一主题只算一次；半角括号等写法差异视为相同。"
)
GROUPS = {"id": "报告", "town": "乡镇", "year": "年份", "county": "县区", "town_year": "乡镇·年份"}
LEVEL_LABELS = {"township": "乡镇", "county": "县", "district": "区", "city": "市"}
UNKNOWN = "未知"
MAX_ROWS = 80
SHORT = figures.SHORT_REPORT


def axis_title(metric: str, what: str = "") -> str:
    """Axis label with the unit, e.g. 提及段落占比（%）."""
    return f"{what}{METRICS[metric]}（{UNITS[metric]}）"


def restrict(corpus, ids: Sequence[str]):
    """The corpus (ui.data.Corpus) reduced to the given report ids."""
    return corpus.restrict(ids)


def text_or_unknown(v) -> str:
    """One spelling for a missing value everywhere: 未知."""
    return UNKNOWN if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA or v == "" else str(v)


def year_text(y, *, unknown: str = "?") -> str:
    """A year from a column that may hold NaN (an int column with a gap turns float): '2021', not '2021.0'."""
    return unknown if y is None or pd.isna(y) else str(int(y))


def group_key(reports: pd.DataFrame, by: str) -> pd.Series:
    """Display key of each report for a grouping (报告 → label, 年份 → '2021', others → name)."""
    if by == "id":
        return reports["label"]
    if by == "year":
        return reports["year"].map(lambda y: year_text(y, unknown="未知年份"))
    if by == "all":
        return pd.Series("全部", index=reports.index)
    if by == "town_year":
        return group_key(reports, "town") + " · " + group_key(reports, "year")
    return reports[by].map(text_or_unknown)


def _intervals(metric: str, count, units, chars, n_units):
    """Values with their 95 % intervals, vectorised: Wilson for shares (%), exact Poisson for rates per 10,000."""
    count, units = np.asarray(count, dtype=float), np.asarray(units, dtype=float)
    chars, n_units = np.asarray(chars, dtype=float), np.asarray(n_units, dtype=float)
    if metric == "unit_share":
        n = np.maximum(n_units, 1)
        p = units / n
        z2 = figures.Z95 ** 2
        centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        half = figures.Z95 * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
        lo = np.where(units == 0, 0.0, np.maximum(0.0, centre - half))
        hi = np.where(units >= n, 1.0, np.minimum(1.0, centre + half))
        return 100 * p, 100 * lo, 100 * hi
    if metric == "per_10k":
        scale = 10_000 / np.maximum(chars, 1)
        lo, hi = figures.poisson_bounds(count)
        return count * scale, lo * scale, hi * scale
    return count, count, count


def theme_long(corpus, *, by: str = "id", metric: str = "unit_share") -> pd.DataFrame:
    """One row per (group, theme): group, theme_id, theme, count, units, chars, n_units, value, lo, hi,
    report_ids, town, year, n_reports, short (every report of the group under 1,500 characters)."""
    table = corpus.table
    reports = corpus.reports.set_index("id").loc[table.reports.index]
    group = group_key(reports.reset_index(), by).to_numpy()
    themes = list(corpus.theme_labels)
    counts = table.counts[themes].groupby(group, sort=False).sum()
    units = table.units[themes].groupby(group, sort=False).sum()
    meta = reports.assign(group=group, id=reports.index).groupby("group", sort=False).agg(
        chars=("chars", "sum"), n_units=("n_units", "sum"), report_ids=("id", ",".join), town=("town", "first"),
        year=("year", "first"), n_reports=("id", "size"), longest=("chars", "max"))
    out = counts.rename_axis(index="group", columns="theme_id").stack().rename("count").reset_index()
    out["units"] = units.rename_axis(index="group", columns="theme_id").stack().to_numpy()
    out = out.merge(meta, left_on="group", right_index=True)
    out["theme"] = out["theme_id"].map(corpus.theme_labels)
    out["value"], out["lo"], out["hi"] = _intervals(metric, out["count"], out["units"], out["chars"], out["n_units"])
    out["value"] = out["value"].round(2)
    out["short"] = out["longest"] < SHORT
    if by == "year":
        out["_order"] = out["group"].str.replace("未知年份", "9999")
        out = out.sort_values(["_order", "theme_id"], kind="stable").drop(columns="_order")
    return out.drop(columns="longest").reset_index(drop=True)


LONG_COLUMNS = {"group": "组", "theme_id": "主题编号", "theme": "主题", "count": "提及次数", "units": "提及段落数",
                "chars": "字数", "n_units": "段落数", "value": "数值", "lo": "95%区间下限", "hi": "95%区间上限",
                "town": "乡镇", "year": "年份", "n_reports": "报告数", "short": "不足1500字"}


def matrix(long: pd.DataFrame, *, order: bool = True, max_rows: int | None = None) -> pd.DataFrame:
    """group × theme value matrix (theme labels as columns), rows/columns ordered so patterns show.
    With ``max_rows`` only the groups with most characters are kept (before ordering)."""
    m = long.pivot(index="group", columns="theme", values="value").fillna(0.0)
    if max_rows is not None and len(m) > max_rows:
        chars = long.drop_duplicates("group").set_index("group")["chars"]
        m = m.loc[chars.nlargest(max_rows).index]
    return cluster_order(m) if order else m


def colour_max(long: pd.DataFrame) -> float | None:
    """Top of a heatmap's colour scale, set by groups of normal length only (short ones can't stretch it)."""
    normal = long.loc[~long["short"], "value"]
    return float(normal.max()) if len(normal) and normal.max() > 0 else None


def cluster_order(m: pd.DataFrame) -> pd.DataFrame:
    """Columns by total; rows seriated so that similar profiles sit together: sorted by their score on the
    first principal component of the column-standardised matrix (numpy only: scipy's clustering alone
    takes 0.4 s to import on the first page)."""
    cols = m.sum().sort_values(ascending=False).index
    m = m[cols]
    if len(m) >= 3 and m.to_numpy().std() > 0:
        z = ((m - m.mean()) / m.std(ddof=0).replace(0, 1)).to_numpy(dtype=float)
        u, _s, vt = np.linalg.svd(z - z.mean(axis=0), full_matrices=False)
        score = u[:, 0] * (1.0 if vt[0].sum() >= 0 else -1.0)  # rows mentioning more come first
        m = m.iloc[np.argsort(-score, kind="stable")]
    return m


def medians(long: pd.DataFrame) -> pd.DataFrame:
    """Per theme: the median value over the groups in ``long``."""
    return long.groupby(["theme_id", "theme"], as_index=False, sort=False)["value"].median()


# ---- the 普法↔执法 question -------------------------------------------------------------------------------
def pooling_line(reports: pd.DataFrame, pooled: bool) -> str:
    """What a by-town figure compares: the latest report of each town, or all of a town's reports pooled (then
    naming the town with the most, so that a 7-report bar beside a 1-report bar is not a surprise)."""
    if not pooled:
        return "每个乡镇只用它最近一年的报告（与总览相同）。"
    n = reports.assign(town=reports["town"].map(text_or_unknown)).groupby("town")["id"].size()
    if n.empty or n.max() <= 1:
        return "每个乡镇在筛选范围内只有一份报告。"
    most = n.idxmax()
    years = reports.loc[reports["town"].map(text_or_unknown) == most, "year"].dropna()
    span = f"{int(years.min())}–{int(years.max())} 年" if len(years) else ""
    return f"每个乡镇合并了筛选范围内它的全部报告（最多的 {most} {span}共 {int(n.max())} 份），按合并后的文字计算。"


def latest_ids(reports: pd.DataFrame) -> list[str]:
    """Each town's latest report (by year; a town without any year: its last stored report)."""
    r = reports.assign(town=reports["town"].map(text_or_unknown)).sort_values(["town", "year"], na_position="first")
    dated = r[r["year"].notna()]
    undated = r[~r["town"].isin(dated["town"])]
    return pd.concat([dated, undated]).groupby("town", sort=False)["id"].last().tolist()


def town_leans(reports: pd.DataFrame) -> pd.DataFrame:
    """Each town's latest report: its lean (with interval) and the change since the town's previous report.

    Columns: town, county, year, id, lean, lo, hi, label (lean_word), firm (figures.firm), pufa, zhifa, prev_year,
    prev_lean, change, change_label ('更偏普法' / '更偏执法' / '无明显变化' / '无上一份'), chars, short."""
    r = reports.dropna(subset=["lean"]).copy()
    r["town"] = r["town"].map(text_or_unknown)
    r = r.sort_values(["town", "year"], na_position="first")
    rows = []
    for town, g in r.groupby("town", sort=False):
        g = g[g["year"].notna()] if g["year"].notna().any() else g
        last = g.iloc[-1]
        prev = g.iloc[-2] if len(g) >= 2 else None
        label = lean_word(_int0(last.get("lean_pufa")), _int0(last.get("lean_zhifa")))
        if prev is None:
            change_label = "无上一份"
        elif last["lean_lo"] > prev["lean_hi"]:
            change_label = "更偏普法"
        elif last["lean_hi"] < prev["lean_lo"]:
            change_label = "更偏执法"
        else:
            change_label = "无明显变化"
        rows.append({
            "town": town, "county": text_or_unknown(last["county"]),
            "year": None if pd.isna(last["year"]) else int(last["year"]), "id": last["id"],
            "lean": float(last["lean"]), "lo": float(last["lean_lo"]), "hi": float(last["lean_hi"]),
            "label": label, "firm": figures.firm(last["lean_lo"], last["lean_hi"]),
            "pufa": _int0(last.get("lean_pufa")), "zhifa": _int0(last.get("lean_zhifa")),
            "prev_year": None if prev is None or pd.isna(prev["year"]) else int(prev["year"]),
            "prev_lean": None if prev is None else float(prev["lean"]),
            "change": None if prev is None else float(last["lean"] - prev["lean"]), "change_label": change_label,
            "chars": int(last["chars"]), "short": int(last["chars"]) < SHORT,
        })
    cols = ["town", "county", "year", "id", "lean", "lo", "hi", "label", "firm", "pufa", "zhifa", "prev_year", "prev_lean",
            "change", "change_label", "chars", "short"]
    return pd.DataFrame(rows, columns=cols).sort_values("lean", ascending=False, ignore_index=True)


def _int0(v) -> int:
    return 0 if v is None or pd.isna(v) else int(v)


def _follows(year, prev_year) -> bool:
    """The previous report is the year before (the usual case, which the change column leaves unsaid)."""
    try:
        return int(year) - int(prev_year) == 1
    except (TypeError, ValueError):
        return False


def ranking_table(leans: pd.DataFrame) -> pd.DataFrame:
    """The table beside the 总览 chart: 排名, 乡镇, 年份, 普法, 执法, 侧重, 变化 (Chinese headers)."""
    # the column is narrow: the full label cut the figures off. 不明显: the intervals overlap, however far the
    # two values are apart (变化小 was wrong for +3.5 with wide intervals)
    short = {"无明显变化": "不明显"}
    change = ["无上一份" if lbl == "无上一份" else f"{short.get(lbl, lbl)} {ch:+.1f}"
              + ("" if _follows(y, py) else f"（比{year_text(py)}年）")
              for ch, lbl, y, py in zip(leans["change"], leans["change_label"], leans["year"], leans["prev_year"])]
    return pd.DataFrame({
        "排名": range(1, len(leans) + 1), "乡镇": leans["town"].to_numpy(),
        "年份": leans["year"].map(lambda y: year_text(y, unknown=UNKNOWN)).to_numpy(),
        "普法": leans["pufa"].to_numpy(), "执法": leans["zhifa"].to_numpy(),
        "侧重": [f"{_lean_cell(lbl, p + z, firm)} {v:+.1f}"
               for lbl, v, p, z, firm in zip(leans["label"], leans["lean"], leans["pufa"], leans["zhifa"], leans["firm"])],
        "变化": change,
    })


def lean_tally(leans: pd.DataFrame) -> list[str]:
    """How many towns lean which way (town_leans rows), those whose lean is not firm said apart:
    ['偏普法：3 个乡镇（其中 1 个把握不大）', '无明显偏向：2 个乡镇', '偏执法：0 个乡镇']."""
    counts = leans["label"].value_counts()
    doubtful = leans.loc[~leans["firm"].astype(bool), "label"].value_counts()
    return [f"{label}：{int(counts.get(label, 0))} 个乡镇"
            + (f"（其中 {int(doubtful[label])} 个把握不大）" if label in LEAN_SIDES and doubtful.get(label) else "")
            for label in (LEAN_SIDES[0], figures.LEANS["balanced"], LEAN_SIDES[1])]


def _lean_cell(label: str, mentions: int, firm: bool) -> str:
    """The lean in the ranking's narrow column: 偏普法 / 偏执法, with ？ when its interval crosses 0 (把握不大);
    提得少 when 普法 and 执法 together are mentioned fewer than figures.FEW_MENTIONS times (no direction can be
    told); otherwise 不明显."""
    if label in LEAN_SIDES:
        return label if firm else label + "？"
    return "提得少" if mentions < figures.FEW_MENTIONS else "不明显"


PART_SHORT = {"measures": "举措和成效", "shortcomings": "不足和原因", "leaders": "第一责任人职责", "next_year": "下一年安排",
              "other": "其他情况"}


def parts_at(sections: pd.DataFrame, report_ids, starts) -> list[str]:
    """The report part each position lies in (短名, as in PART_SHORT), from the stored part spans; "标题、开头或落款"
    outside every part. Reads only the rows of the reports asked about."""
    rows = sections[sections["report_id"].isin(set(report_ids)) & (sections["present"] == 1)]
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for rid, pid, raw in zip(rows["report_id"], rows["part_id"], rows["spans"]):
        for a, b in json.loads(raw) if isinstance(raw, str) else raw:
            spans.setdefault(rid, []).append((a, b, PART_SHORT.get(pid, pid)))
    return [next((name for a, b, name in spans.get(rid, ()) if a <= pos < b), "标题、开头或落款")
            for rid, pos in zip(report_ids, starts)]


def lean_labels(pufa: pd.Series, zhifa: pd.Series) -> list[str]:
    """:func:`lean_word` of each report."""
    return [lean_word(p, z) for p, z in zip(pufa, zhifa)]


def lean_ends(leans: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` reports at the two ends of a lean-sorted frame (half the most 普法-leaning, half the most
    执法-leaning), all of them when there are at most ``n``."""
    return leans if len(leans) <= n else pd.concat([leans.head(n // 2), leans.tail(n - n // 2)])


def lean_word(pufa, zhifa) -> str:
    """偏普法 / 偏执法 / 无明显偏向 (figures.lean_label: one side at least twice the other, 10 mentions in all) from a
    report's 普法 and 执法 mention counts; 未知 without them."""
    if pd.isna(pufa) or pd.isna(zhifa):
        return UNKNOWN
    return figures.LEANS[figures.lean_label(int(pufa), int(zhifa))]


def lean_verdict(pufa, zhifa, lo: float, hi: float) -> str:
    """The label with its firmness, for a table cell: '偏普法', '偏普法（把握不大）', '无明显偏向', '未知'."""
    word = lean_word(pufa, zhifa)
    return word + DOUBT if word in LEAN_SIDES and not figures.firm(lo, hi) else word


def lean_verdicts(reports: pd.DataFrame) -> list[str]:
    """:func:`lean_verdict` of each stored report (columns lean_pufa, lean_zhifa, lean_lo, lean_hi)."""
    return [lean_verdict(p, z, lo, hi) for p, z, lo, hi in
            zip(reports["lean_pufa"], reports["lean_zhifa"], reports["lean_lo"], reports["lean_hi"])]


DOUBT = figures.DOUBT
LEAN_SIDES = (figures.LEANS["law_popularization"], figures.LEANS["enforcement"])


def overview_table(reports: pd.DataFrame) -> pd.DataFrame:
    cols = {"town": "乡镇", "county": "县区", "year": "年份", "level": "层级", "chars": "字数",
            "parts_complete": "必备四部分", "lean_label": "普法↔执法", "concreteness": "具体度（处/万字）",
            "stock_share": "套话占比（%）"}
    t = reports.assign(lean_label=lean_verdicts(reports))
    t = t[[c for c in cols if c in t]].copy()
    for c in ("town", "county"):
        t[c] = t[c].map(text_or_unknown)
    t["level"] = t["level"].map(lambda v: LEVEL_LABELS.get(v, UNKNOWN) if isinstance(v, str) else UNKNOWN)
    if "stock_share" in t:
        t["stock_share"] = (t["stock_share"].astype(float) * 100).round(1)
    t["concreteness"] = t["concreteness"].round(1)
    return t.rename(columns=cols)


def show_missing(table: pd.DataFrame) -> pd.DataFrame:
    """Text columns with an unknown value show “未知” (for display and export alike)."""
    text = [c for c in table.columns if table[c].dtype == object or pd.api.types.is_string_dtype(table[c])]
    return table.assign(**{c: table[c].map(text_or_unknown) for c in text})


def data_line(reports: pd.DataFrame) -> str:
    """'5 份报告 · 5 个乡镇 · 2021–2023 年' — the line every chart and briefing carries."""
    years = reports["year"].dropna().astype(int)
    span = "年份未知" if years.empty else (f"{years.min()} 年" if years.min() == years.max()
                                          else f"{years.min()}–{years.max()} 年")
    return f"{len(reports)} 份报告 · {reports['town'].nunique()} 个乡镇 · {span}"


def headline(reports: pd.DataFrame) -> dict[str, str]:
    years = reports["year"].dropna()
    lo, hi = (int(years.min()), int(years.max())) if not years.empty else (0, 0)
    span = "—" if years.empty else (f"{lo}" if lo == hi else f"{lo}–{hi % 100:02d}" if lo // 100 == hi // 100
                                    else f"{lo}–{hi}")
    complete = (reports["parts_complete"] >= 4).mean() * 100 if len(reports) else 0.0
    return {
        "报告数": f"{len(reports)}", "乡镇数": f"{reports['town'].nunique()}", "年份": span,
        "平均字数": f"{reports['chars'].mean():,.0f}" if len(reports) else "—",
        "四部分齐全": f"{complete:.0f}%",
        "具体度（处/万字）": f"{reports['concreteness'].mean():.1f}" if len(reports) else "—",
    }


def emphasis_points(corpus, *, metric: str, x_theme: str, y_theme: str) -> pd.DataFrame:
    """Per report: value of two themes (x, y), plus town/year/label for hover and click."""
    long = theme_long(corpus, by="id", metric=metric)
    wide = long.pivot_table(index=["group", "report_ids"], columns="theme_id", values="value").reset_index()
    r = corpus.reports[["id", "label", "town", "year", "chars"]]
    wide = wide.merge(r, left_on="report_ids", right_on="id")
    return wide.rename(columns={x_theme: "x", y_theme: "y"})[["id", "label", "town", "year", "chars", "x", "y"]]


def report_leans(reports: pd.DataFrame) -> pd.DataFrame:
    """Every report's lean with its interval, most 普法-leaning first (for the lean chart)."""
    r = reports.dropna(subset=["lean"])
    return pd.DataFrame({"id": r["id"], "label": r["label"], "town": r["town"].map(text_or_unknown),
                         "year": r["year"], "lean": r["lean"], "lo": r["lean_lo"], "hi": r["lean_hi"],
                         "pufa": r["lean_pufa"], "zhifa": r["lean_zhifa"],
                         "short": r["chars"] < SHORT}).sort_values("lean", ascending=False, ignore_index=True)


# ---- keywords ------------------------------------------------------------------------------------------
def top_keywords(corpus, *, by: str = "id", n: int = 10) -> pd.DataFrame:
    """Top keywords per group: mean weight over the group's reports (absent = 0), with total mentions."""
    reports = corpus.reports.assign(group=lambda d: group_key(d, by))
    kw = corpus.keywords.merge(reports[["id", "group"]], left_on="report_id", right_on="id")
    size = reports.groupby("group").size()
    ids = reports.groupby("group")["id"].agg(",".join)
    agg = kw.groupby(["group", "term"], as_index=False).agg(weight=("weight", "sum"), count=("count", "sum"))
    agg["weight"] = (agg["weight"] / agg["group"].map(size)).round(4)
    agg["report_ids"] = agg["group"].map(ids)
    agg = agg.sort_values(["group", "weight"], ascending=[True, False])
    return agg.groupby("group").head(n).reset_index(drop=True)


KEYWORD_METRICS = {"per_10k": "每万字次数", "count": "出现次数"}
KEYWORD_UNITS = {"per_10k": "次/万字", "count": "次"}


def keyword_matrix(counts: pd.DataFrame, reports: pd.DataFrame, *, metric: str, terms: Sequence[str],
                   by: str = "id") -> pd.DataFrame:
    """Long frame group × term: count, chars, value (per 10,000 characters or count)."""
    r = reports.assign(group=group_key(reports, by))
    g = r.groupby("group", sort=False).agg(chars=("chars", "sum"), report_ids=("id", ",".join))
    c = counts.merge(r[["id", "group"]], left_on="report_id", right_on="id")
    c = c.groupby(["group", "term"])["count"].sum()
    full = pd.MultiIndex.from_product([g.index, list(terms)], names=["group", "term"])
    out = c.reindex(full, fill_value=0).reset_index().merge(g, left_on="group", right_index=True)
    out["value"] = (out["count"] * 10_000 / out["chars"]).round(2) if metric == "per_10k" else out["count"].astype(float)
    return out


def place_names(reports: pd.DataFrame) -> frozenset[str]:
    """Town, county and province names of the reports plus the place names found in their texts."""
    found = {v for c in ("town", "county", "province") for v in reports[c].dropna() if v}
    for names in reports.get("places", pd.Series(dtype=object)).dropna():
        found.update(json.loads(names))
    return frozenset(found)


def distinctive_extremes(diff: pd.DataFrame, *, places: frozenset[str], n: int = 25) -> pd.DataFrame:
    """The ``n`` most distinctive terms at each end, place names and very common words skipped."""
    from analytics.keywords import is_common_word
    from analytics.segment import PlaceMatcher

    is_place = PlaceMatcher(places)
    keep: list[int] = []
    for order in (diff.index, diff.index[::-1]):
        got = 0
        for i in order:
            if got == n:
                break
            term = diff.at[i, "term"]
            if i not in keep and not is_place(term) and not is_common_word(term):
                keep.append(i)
                got += 1
    return diff.loc[sorted(keep)]


# ---- structure and quality --------------------------------------------------------------------------------
SHORT_PARTS = {"measures": "举措成效", "shortcomings": "不足原因", "leaders": "第一责任人", "next_year": "下年安排",
               "other": "其他情况"}


def checklist(sections: pd.DataFrame, reports: pd.DataFrame, parts: dict[str, str]) -> pd.DataFrame:
    """Report × part: ✓ / 未单列 / ✗ (short part names as columns), with town, year and parts present."""
    names = {p: SHORT_PARTS.get(p, label) for p, label in parts.items()}
    s = sections[sections["part_id"].isin(list(names))]
    state = np.where(s["present"].astype(bool), np.where(s["embedded"].astype(bool), "未单列", "✓"), "✗")
    wide = s.assign(state=state).pivot_table(index="report_id", columns="part_id", values="state", aggfunc="first")
    wide = wide.reindex(columns=list(names)).fillna("✗")
    out = reports[["id", "label", "town", "year"]].set_index("id").join(wide).fillna({p: "✗" for p in names})
    for p, label in names.items():
        out[label] = out.pop(p)
    out["齐全部分数"] = (out[[names[p] for p in names if p != "other"]] != "✗").sum(axis=1)
    out["town"] = out["town"].map(text_or_unknown)
    return out.reset_index().rename(columns={"label": "报告", "town": "乡镇", "year": "年份"})


def part_lengths(sections: pd.DataFrame, reports: pd.DataFrame, parts: dict[str, str], *, metric: str) -> pd.DataFrame:
    """Long frame: report label, part label, chars and value (字数 or % of the report)."""
    s = sections[sections["part_id"].isin(list(parts))].merge(
        reports[["id", "label", "chars"]].rename(columns={"chars": "report_chars"}), left_on="report_id", right_on="id")
    s["part"] = s["part_id"].map(parts)
    s["value"] = s["chars"] if metric == "chars" else (s["chars"] * 100 / s["report_chars"]).round(1)
    return s[["report_id", "label", "part_id", "part", "chars", "report_chars", "value"]]


UNTHEMED = "未归入主题"
WEAKNESS_GROUPINGS = {"kind": "问题类型", "theme": "主题"}


def weakness_groups(shortcomings: pd.DataFrame, labels: dict[str, str], *, by: str) -> pd.Series:
    """Each shortcoming row's group: its kind of problem (analytics.problems: 人员力量不足, 方式方法单一 …,
    其他问题) or its theme's label (未归入主题)."""
    if by == "kind":
        stored = "problem_kind" in shortcomings and shortcomings["problem_kind"].notna().any()
        kinds = shortcomings["problem_kind"] if stored else \
            problems.problem_kinds(shortcomings["sentence"])  # (stored at ingest; found here for an old read-only store)
        return pd.Series([problems.kind_label(k) for k in kinds], index=shortcomings.index, dtype=object)
    return shortcomings["theme_id"].map(labels).fillna(UNTHEMED)


def weaknesses(shortcomings: pd.DataFrame, reports: pd.DataFrame, labels: dict[str, str], *,
               by: str = "kind") -> pd.DataFrame:
    """Per group (kind of problem or theme, ``by``): problem sentences (causes left out), how many towns name
    it, report ids; ``grouped`` is False for 其他问题 / 未归入主题. Most towns first."""
    s = shortcomings[shortcomings["kind"] == "problem"].merge(reports[["id", "town"]], left_on="report_id",
                                                               right_on="id")
    s["group"] = weakness_groups(s, labels, by=by)
    g = s.groupby("group").agg(towns=("town", "nunique"), sentences=("sentence", "size"),
                               report_ids=("report_id", lambda x: ",".join(sorted(set(x)))),
                               town_names=("town", lambda x: "、".join(sorted({text_or_unknown(t) for t in x}))))
    g["grouped"] = ~g.index.isin([problems.OTHER, UNTHEMED])
    return g.reset_index().sort_values(["towns", "sentences", "group"], ascending=[False, False, True],
                                       ignore_index=True)


RECURRING_TOWNS = 2  # a kind of problem named by at least this many towns recurs


def recurring_problems(shortcomings: pd.DataFrame, reports: pd.DataFrame, labels: dict[str, str], *,
                       n: int = 5) -> list[str]:
    """For a briefing: the kinds of problem the most towns name in their latest report, at most ``n``, each
    named by ``RECURRING_TOWNS`` towns or more: ['人员力量不足：6 个乡镇（城南街道、杉湾乡…）', …]."""
    latest = set(latest_ids(reports))
    w = weaknesses(shortcomings[shortcomings["report_id"].isin(latest)], reports, labels, by="kind")
    w = w[w["grouped"] & (w["towns"] >= RECURRING_TOWNS)].head(n)
    return [f"{g}：{k} 个乡镇（{names}）" for g, k, names in zip(w["group"], w["towns"], w["town_names"])]


def hit_counts(counts: pd.DataFrame, reports: pd.DataFrame, *, metric: str) -> pd.DataFrame:
    """KWIC counts per report with label, chars and value (per 10,000 characters or count), largest first."""
    r = reports.set_index("id")
    out = counts.assign(label=counts["report_id"].map(r["label"]), chars=counts["report_id"].map(r["chars"]))
    out["value"] = (out["count"] * 10_000 / out["chars"]).round(2) if metric == "per_10k" else out["count"].astype(float)
    return out.sort_values(["value", "label"], ascending=[False, True]).reset_index(drop=True)

