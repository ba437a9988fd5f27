"""总览: which towns lean 普法 or 执法 (latest year, with intervals, change since their previous report)
on the first screen; then the headline figures, the report table and the theme heatmap."""

import streamlit as st

from ui import cached, charts, data, export, filters, meeting, methods, nav, views, widgets

# The first chart is the page's first widget: the sidebar filters (their selection read from the session state
# here) and the print styles are drawn after it, so the browser loads the chart's code before theirs.
corpus, draw_filters = filters.sidebar_later(data.load_corpus())
reports = corpus.reports
st.title("总览")
st.caption(f"{views.data_line(reports)}　·　{data.freshness()}")

leans = cached.view("town_leans", corpus)
left, right = st.columns([1, 1], gap="medium")
with left:
    st.markdown("**各乡镇最近一年报告：偏普法还是偏执法**")
    fig = charts.lean_dots(leans)
    nav.chart(fig, key="ov_lean")
    widgets.help_line("点代表侧重指数，线段是 95% 区间；一方提及达到另一方两倍及以上为偏向（蓝偏普法、红偏执法），"
                      "空心点（排名表中的“？”）表示区间跨过 0：次数少或集中在少数几处，把握不大。"
                      "点击某个乡镇打开它的档案。" + ("标 * 的报告不足 1,500 字，结论仅供参考。" if leans["short"].any() else ""))
draw_filters()
meeting.page_setup()
with right:
    st.markdown("**排名（1 = 最偏普法）**")
    table = views.ranking_table(leans)
    event = st.dataframe(table, hide_index=True, height=min(560, 38 + 35 * len(table)), on_select="rerun",
                         selection_mode="single-row", key="ov_rank",
                         column_config={"排名": st.column_config.NumberColumn(width=36),
                                        "乡镇": st.column_config.TextColumn(width=88),
                                        "年份": st.column_config.TextColumn(width=44),
                                        "普法": st.column_config.NumberColumn(width=44, help="普法宣传提及次数（只数当年工作，不足和下一年安排里的不算；重复的句子和口号只算一次）"),
                                        "执法": st.column_config.NumberColumn(width=44, help="行政执法提及次数（只数当年工作，不足和下一年安排里的不算；重复的句子和口号只算一次）"),
                                        "侧重": st.column_config.TextColumn(width=104, help="侧重指数，大于 0 偏普法；“？”：区间跨过 0，把握不大")})
    if event and event.selection.rows:
        nav.open_town(table.iloc[event.selection.rows[0]]["乡镇"])
    widgets.help_line("“变化”与该乡镇上一份报告比（上一份不是前一年的报告时注明年份）：两份报告的区间不重叠才算明显变化，重叠时写“不明显”，差值再大也可能只是偶然。"
                      "“提得少”表示普法、执法合计不足 10 次，看不出侧重。"
                      "普法、执法两列是算侧重用的次数：只数当年做了什么，“存在的不足”和下一年安排里的提及不算，同一报告里重复的句子和口号只算一次，"
                      "所以可能比热力图里的次数少（原文检索里打开“只看算入侧重指数的提及”可逐条查看）。"
                      "点击一行打开乡镇档案。")
for c in widgets.corpus_cautions(len(reports)):
    st.caption(c)
briefing_slot = st.container()  # filled at the end, when the heatmap exists

st.divider()
cols = st.columns(6)
for col, (name, value) in zip(cols, views.headline(reports).items()):
    col.metric(name, value)

st.subheader("报告一览")
overview = views.overview_table(reports)
st.dataframe(overview.assign(档案="town?town=" + overview["乡镇"]), hide_index=True, column_config={
    "档案": st.column_config.LinkColumn("乡镇档案", display_text="打开", help="在新标签页打开该乡镇的档案"),
    "字数": st.column_config.NumberColumn(format="%d 字"),
    "年份": st.column_config.NumberColumn(format="%d"),
    "必备四部分": st.column_config.ProgressColumn(min_value=0, max_value=4, format="%d / 4",
                                                help="前四个必备部分（举措成效、不足、第一责任人、下一年安排）中有几个"),
})
export.downloads(overview, name="报告一览", key="ov_table")

st.subheader("各主题提及情况")
c1, c2 = st.columns([3, 2])
with c1:
    metric = widgets.metric_switch("ov_metric")
with c2:
    by = st.segmented_control("行", ["id", "town", "year"], default="id", key="ov_by", required=True,
                              format_func=views.GROUPS.get) or "id"
long = cached.view("theme_long", corpus, by=by, metric=metric)
heat = cached.figure("heatmap", corpus, by=by, metric=metric, group_title=views.GROUPS[by])
nav.chart(heat, key="ov_heatmap")
widgets.help_line("颜色越深，该报告越多提到这个主题；点击格子查看原文。相近的报告和主题排在一起。不足 1,500 字的报告不决定颜色深浅。"
                  + (f"行数较多，只显示字数最多的 {views.MAX_ROWS} 行；完整数据请下载。"
                     if long["group"].nunique() > views.MAX_ROWS else ""))
widgets.counting_rule()
export.downloads(lambda: views.matrix(long, order=False).reset_index().rename(columns={"group": views.GROUPS[by]}),
                 name=f"各主题提及情况_{views.METRICS[metric]}", key="ov_heat")
meeting.png(heat, title=f"各主题{views.METRICS[metric]}", key="ov_heat_png")
with briefing_slot:
    meeting.briefing_overview(corpus, leans, table, fig, heat, widgets.corpus_caution_texts(len(reports)))
methods.show("lean", "change", "share", "counting", "cautions")
