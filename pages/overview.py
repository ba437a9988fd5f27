"""总览: the corpus as a table, headline figures, and the reports × themes heatmap."""

import streamlit as st

from ui import charts, data, export, filters, nav, views, widgets

corpus = filters.sidebar(data.load_corpus())
st.title("总览")
st.caption("所选报告的基本情况与各主题的提及强度。点击热力图中的格子，可查看该报告中这一主题的原文。")

cols = st.columns(6)
for col, (name, value) in zip(cols, views.headline(corpus.reports).items()):
    col.metric(name, value)

st.subheader("报告一览")
table = views.overview_table(corpus.reports)
st.dataframe(views.show_missing(table), hide_index=True, column_config={
    "字数": st.column_config.NumberColumn(format="%d 字"),
    "年份": st.column_config.NumberColumn(format="%d"),
    "必备四部分": st.column_config.ProgressColumn(min_value=0, max_value=4, format="%d / 4",
                                                help="前四个必备部分（举措成效、不足、第一责任人、下一年安排）中出现了几个"),
})
export.downloads(table, name="报告一览", key="ov_table")

st.subheader("主题热力图")
c1, c2 = st.columns([3, 2])
with c1:
    metric = widgets.metric_switch("ov_metric")
with c2:
    by = st.segmented_control("行", ["id", "town", "year"], default="id", key="ov_by", required=True,
                              format_func=views.GROUPS.get) or "id"
long = views.theme_long(corpus, by=by, metric=metric)
nav.chart(charts.theme_heatmap(long, metric=metric, group_title=views.GROUPS[by]), key="ov_heatmap")
st.caption("行和列按相似程度排序（层次聚类），相近的报告与主题排在一起，便于看出规律。"
           + (f"行数较多，只显示字数最多的 {views.MAX_ROWS} 行；可用左侧筛选缩小范围，完整数据请下载。"
              if long["group"].nunique() > views.MAX_ROWS else ""))
widgets.counting_rule()
export.downloads(lambda: views.matrix(long, order=False).reset_index().rename(columns={"group": views.GROUPS[by]}),
                 name=f"主题热力图_{views.METRICS[metric]}", key="ov_heat")
