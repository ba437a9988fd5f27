"""Frames for 乡镇档案: one town across its years (pure pandas over stored features, no streamlit)."""

from __future__ import annotations

import pandas as pd

from analytics import facts as facts_mod
from analytics import figures, problems
from analytics.structure import PARTS
from ui import views

PART_NAMES = views.SHORT_PARTS


def reports_of(reports: pd.DataFrame, town: str) -> pd.DataFrame:
    """The town's reports, oldest first (reports without a year last)."""
    r = reports[reports["town"].map(views.text_or_unknown) == town]
    return r.sort_values(["year", "id"], na_position="last").reset_index(drop=True)


def year_label(r) -> str:
    return f"{int(r['year'])}年" if pd.notna(r["year"]) else f"年份未知（{r['id'][:6]}）"


def profile(corpus, ids: list[str], *, metric: str) -> pd.DataFrame:
    """Theme values per report (one row per report × theme) with year, for the town's reports."""
    long = views.theme_long(corpus.restrict(ids), by="id", metric=metric)
    year = corpus.reports.set_index("label")["year"]
    return long.assign(year=long["group"].map(year))


def changes(table, reports: pd.DataFrame, sections: pd.DataFrame, facts: pd.DataFrame,
            labels: dict[str, str]) -> pd.DataFrame:
    """Year over year: the reports' length, themes whose paragraph share moved beyond both 95 % intervals, parts
    that appeared or went missing, the lean's change, and concrete facts (count), one row per consecutive pair."""
    rows = []
    r = reports[reports["year"].notna()].reset_index(drop=True)
    present = sections.assign(ok=sections["present"].astype(bool)).pivot_table(
        index="report_id", columns="part_id", values="ok", aggfunc="max").fillna(False)
    concrete = (facts[facts["kind"].isin(facts_mod.CONCRETE_KINDS) & ~facts["approximate"].astype(bool) & ~facts["breakdown"].astype(bool)]
                .groupby("report_id").size()) if len(facts) else pd.Series(dtype=int)
    for i in range(1, len(r)):
        a, b = r.iloc[i - 1], r.iloc[i]
        up, down = [], []
        for t in table.theme_ids:
            before = figures.share_interval(int(table.units.at[a["id"], t]), int(max(a["n_units"], 1)))
            now = figures.share_interval(int(table.units.at[b["id"], t]), int(max(b["n_units"], 1)))
            if now.lo > before.hi:
                up.append(f"{labels.get(t, t)}（{before.value:.0f}%→{now.value:.0f}%）")
            elif now.hi < before.lo:
                down.append(f"{labels.get(t, t)}（{before.value:.0f}%→{now.value:.0f}%）")
        pa = present.loc[a["id"]] if a["id"] in present.index else pd.Series(dtype=bool)
        pb = present.loc[b["id"]] if b["id"] in present.index else pd.Series(dtype=bool)
        new = [PART_NAMES[p] for p in PARTS if p != "other" and pb.get(p, False) and not pa.get(p, False)]
        gone = [PART_NAMES[p] for p in PARTS if p != "other" and pa.get(p, False) and not pb.get(p, False)]
        lean = ("更偏普法" if b["lean_lo"] > a["lean_hi"] else "更偏执法" if b["lean_hi"] < a["lean_lo"] else "无明显变化")
        rows.append({"年份": f"{int(a['year'])}→{int(b['year'])}",
                     "篇幅": f"{int(a['chars']):,} → {int(b['chars']):,} 字（{int(a['n_units'])} → {int(b['n_units'])} 段）",
                     "明显增多的主题": "、".join(up) or "无",
                     "明显减少的主题": "、".join(down) or "无", "普法↔执法": f"{lean}（{a['lean']:+.1f}→{b['lean']:+.1f}）",
                     "新出现的部分": "、".join(new) or "无", "缺失的部分": "、".join(gone) or "无",
                     "写明数字的成效与举措": f"{int(concrete.get(a['id'], 0))} → {int(concrete.get(b['id'], 0))} 处"})
    return pd.DataFrame(rows)


def keywords_by_year(keywords: pd.DataFrame, reports: pd.DataFrame, *, n: int = 10) -> pd.DataFrame:
    """Top keywords of each report, one column per year (term and count)."""
    cols = {}
    mine = keywords[keywords["report_id"].isin(reports["id"])]  # (one pass over the corpus's keywords)
    for _, r in reports.iterrows():
        kw = mine[mine["report_id"] == r["id"]].sort_values("rank").head(n)
        cols[year_label(r)] = [f"{t}（{c}）" for t, c in zip(kw["term"], kw["count"])] + [""] * (n - len(kw))
    return pd.DataFrame(cols)


def shortcomings_by_year(shortcomings: pd.DataFrame, reports: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Problem and cause sentences per year with the kind of each problem (views.weakness_groups) and its theme; a
    kind of problem named in the shortcomings of two or more years is marked 反复出现 (the same problem again,
    in whatever words: 执法人员不足 one year, 执法力量薄弱 the next)."""
    columns = ["年份", "类别", "问题类型", "主题", "反复出现", "原文"]
    s = shortcomings[shortcomings["report_id"].isin(reports["id"])].merge(reports[["id", "year"]], left_on="report_id",
                                                                         right_on="id")
    if s.empty:
        return pd.DataFrame(columns=columns)
    s["主题"] = views.weakness_groups(s, labels, by="theme")
    problem = s["kind"] == "problem"
    s["问题类型"] = views.weakness_groups(s, labels, by="kind").where(problem, "")
    kinds = s[problem & (s["问题类型"] != problems.OTHER)]
    years_per_kind = kinds.groupby("问题类型")["year"].nunique()
    s["反复出现"] = [("是" if years_per_kind.get(k, 0) >= 2 else "") if p else "" for k, p in zip(s["问题类型"], problem)]
    s["年份"] = s["year"].map(lambda y: views.year_text(y, unknown=views.UNKNOWN))
    s["类别"] = s["kind"].map({"problem": "问题", "cause": "原因"}).fillna("问题")
    s["order"] = (s["kind"] == "cause").astype(int)  # each year's problems, then its causes
    return s.sort_values(["year", "order", "idx"]).rename(columns={"sentence": "原文"})[columns].reset_index(drop=True)


def versus_county(all_reports: pd.DataFrame, table, town_reports: pd.DataFrame, labels: dict[str, str],
                  *, themes: list[str]) -> pd.DataFrame:
    """Each year's report against the other towns' reports of the same year (same county when it has at least
    three of them, else every report of that year; when there is none, every other town's report of any year, said
    so): the lean and selected themes, rank or percentile, with n."""
    rows = []
    shares = table.shares()
    by_year = dict(tuple(all_reports.groupby("year")))  # one pass over the corpus, not one per year shown
    for _, r in town_reports[town_reports["year"].notna()].iterrows():
        year = by_year.get(r["year"], all_reports.iloc[0:0])
        same = year[(year["id"] != r["id"]) & (year["town"] != r["town"])]
        county = same[same["county"] == r["county"]] if isinstance(r["county"], str) else same.iloc[0:0]
        if len(county) >= 3:
            peers, scope = county, f"同县（{r['county']}）同年 {len(county)} 份"
        elif len(same):
            peers, scope = same, f"全部同年 {len(same)} 份"
        else:  # alone in its year: the other towns' reports of every year, said so
            others = all_reports[(all_reports["id"] != r["id"]) & (all_reports["town"] != r["town"])]
            peers, scope = others, f"无同年报告，改比各年 {len(others)} 份"
        if peers.empty:
            rows.append({"年份": str(int(r["year"])), "比较范围": "没有其他乡镇的报告", "指标": "—", "本镇": "—",
                         "同年其他报告": "—"})
            continue
        lean = figures.standing(float(r["lean"]), peers["lean"].dropna().tolist())
        rows.append({"年份": str(int(r["year"])), "比较范围": scope, "指标": "普法↔执法侧重指数",
                     "本镇": f"{r['lean']:+.2f}", "同年其他报告": lean.describe("{:+.2f}") if lean else "—"})
        peer_shares = shares.loc[shares.index.isin(peers["id"])]  # (once per year, not per theme)
        for t in themes:
            value = float(shares.at[r["id"], t]) if r["id"] in shares.index else float("nan")
            st_ = figures.standing(value, peer_shares[t].tolist())
            rows.append({"年份": str(int(r["year"])), "比较范围": scope,
                         "指标": f"{labels.get(t, t)}（提及段落占比）", "本镇": f"{value:.0f}%",
                         "同年其他报告": st_.describe("{:.0f}%") if st_ else "—"})
    return pd.DataFrame(rows)
