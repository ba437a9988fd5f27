"""乡镇档案: one town across its years — theme profile, changes beyond the intervals, keywords,
shortcomings and whether they recur, and where it stands against the same year's other reports."""

import streamlit as st

from analytics import figures
from ui import charts, data, export, meeting, methods, nav, town as tv, views, widgets

corpus = data.load_corpus()
everything = corpus.reports
towns = sorted(everything["town"].map(views.text_or_unknown).unique())
wanted = st.query_params.get("town")
if wanted in towns and wanted != st.session_state.get("_town_link"):  # arrived by a link: open that town once
    st.session_state["town_pick"] = wanted
town = st.sidebar.selectbox("乡镇", towns, key="town_pick", **widgets.keep("town_pick", towns[0] if towns else None,
                                                                        valid=lambda v: v if v in towns else towns[0]))
st.query_params["town"] = st.session_state["_town_link"] = town
reports = tv.reports_of(everything, town)
st.title(f"乡镇档案：{town}")
meeting.page_setup()
years = [tv.year_label(r) for _, r in reports.iterrows()]
st.caption(f"{len(reports)} 份报告：{'、'.join(years)}　·　{data.freshness()}")
if len(reports) < 2:
    st.info("语料库中这个乡镇只有一份报告，看不出年度变化；下面显示这份报告与同年其他报告的比较（没有同年报告时与其他乡镇各年的报告比较）。"
            "加入它其他年份的报告后，这里会列出每年的变化。")

ids = reports["id"].tolist()
table = data.corpus_table()
left, right = st.columns([2, 3])
with left:
    st.subheader("普法与执法的侧重")
    lean_fig = charts.report_lean_dots(views.report_leans(reports).sort_values("year"), by_lean=False)
    nav.chart(lean_fig, key="town_lean", clickable=False)
    widgets.help_line("每年一个点，线段为 95% 区间；一方提及达到另一方两倍及以上为偏向，空心点表示区间跨过 0、把握不大。")
    by_year = reports[reports["lean"].notna()].sort_values("year")
    st.markdown("　".join(f"**{widgets.plain_md(tv.year_label(r))}**：{word}（普法 {int(r['lean_pufa'])}、执法 {int(r['lean_zhifa'])} 次）"
                         for (_, r), word in zip(by_year.iterrows(), views.lean_verdicts(by_year))))
with right:
    st.subheader("各主题逐年变化")
    metric = widgets.metric_switch("town_metric")
    prof = tv.profile(corpus, ids, metric=metric)
    top = prof.groupby("theme_id")["value"].mean().sort_values(ascending=False).index.tolist()
    chosen = st.multiselect("主题", list(corpus.theme_labels), select_all=False, placeholder="请选择主题", format_func=corpus.theme_labels.get, key="town_themes",
                            default=list(dict.fromkeys(["law_popularization", "enforcement", *top[:2]])))
    shown = prof[prof["theme_id"].isin(chosen) & prof["year"].notna()]
    if shown["year"].nunique() >= 2:
        year_fig = charts.year_profile(shown, metric=metric)
    else:  # one year: that report's themes side by side
        year_fig = charts.theme_profile_bars(prof[prof["theme_id"].isin(chosen)] if chosen else prof, metric=metric)
    nav.chart(year_fig, key="town_years", clickable=False)

st.subheader("与上一年相比")
facts = data.facts(ids)
change = tv.changes(table, reports, corpus.sections[corpus.sections["report_id"].isin(ids)], facts,
                    corpus.theme_labels)
if change.empty:
    st.caption("需要同一乡镇至少两个年份的报告。")
else:
    st.dataframe(change, hide_index=True)
    widgets.help_line("“明显增多/减少”：提及段落占比的 95% 区间前后两年不重叠；其余变化可能只是篇幅和写法的波动。"
                      "看的是占比而不是次数：报告变短时提及次数会随之大减（篇幅一列），占比不一定变。")
    export.downloads(change, name=f"{town}_逐年变化", key="town_change_dl")

st.subheader("与同年其他报告比较")
versus = tv.versus_county(everything, table, reports, corpus.theme_labels,
                          themes=[t for t in chosen if t in table.theme_ids][:4])
st.dataframe(versus, hide_index=True)
widgets.help_line(f"其他报告不足 {figures.PERCENTILE_MIN} 份时用名次（第 k / n，1 为最高）和最低、中位、最高值表示。")

st.subheader("自述的不足与原因")  # full width: the sentences are what the county plans around
short = tv.shortcomings_by_year(corpus.shortcomings, reports, corpus.theme_labels)
st.table(short.set_index("年份") if "年份" in short else short)  # static: each sentence wraps and is read in full
widgets.help_line("“反复出现”：同一类问题（如人员力量不足，各年说法可以不同）在两个以上年份的报告中都写到了。")
export.downloads(short, name=f"{town}_不足与原因", key="town_short_dl")
st.subheader("每年的关键词")
st.dataframe(tv.keywords_by_year(corpus.keywords, reports), hide_index=True)
widgets.help_line("括号内为出现次数；地名、文号和书名号中的词不计，引号里的短语算一个词。")
meeting.briefing_town(town, reports, change, versus, short, lean_fig, year_fig)
methods.show("lean", "change", "share", "standing", "parts", "keywords")
