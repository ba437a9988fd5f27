"""主题对比: theme rates by town, trends by year, radar against the median, 普法 vs 执法."""

import streamlit as st

from analytics.themes import DEFAULT_EMPHASIS
from ui import charts, data, export, filters, nav, views, widgets

corpus = filters.sidebar(data.load_corpus())
labels = corpus.theme_labels
st.title("主题对比")
st.caption("比较各乡镇、各年份在各主题上的着力程度。点击柱子、折线上的点或散点，可查看对应原文。")
metric = widgets.metric_switch("th_metric")
widgets.counting_rule()
theme_ids = list(labels)
by_town = views.theme_long(corpus, by="town", metric=metric)
top = by_town.groupby("theme_id")["value"].sum().sort_values(ascending=False).index.tolist()

st.subheader("各乡镇主题强度")
chosen = st.multiselect("主题", theme_ids, default=top[:5], format_func=labels.get, key="th_bar_themes")
bars = by_town[by_town["theme_id"].isin(chosen or top[:5])]
nav.chart(charts.grouped_bars(bars, metric=metric), key="th_bars")
export.downloads(bars.drop(columns=["report_ids"]), name="各乡镇主题强度", key="th_bars_dl")

st.subheader("年度变化")
long_ty = views.theme_long(corpus, by="town_year", metric=metric)
towns = sorted(corpus.reports["town"].dropna().unique())
by_years = corpus.reports.groupby("town")["year"].nunique().sort_values(ascending=False)
c1, c2 = st.columns(2)
t_towns = c1.multiselect("乡镇", towns, default=by_years.index[:3].tolist(), key="th_trend_towns")
t_themes = c2.multiselect("主题", theme_ids, default=list(DEFAULT_EMPHASIS), format_func=labels.get,
                          key="th_trend_themes")
trend = long_ty[long_ty["town"].isin(t_towns) & long_ty["theme_id"].isin(t_themes) & long_ty["year"].notna()]
if trend.empty or trend.groupby("town")["year"].nunique().max() < 2:
    st.info("所选乡镇在筛选范围内都只有一个年份的报告，无法画出年度变化。请选择有多个年份报告的乡镇，或放宽年份筛选。")
else:
    nav.chart(charts.trend_lines(trend, metric=metric), key="th_trend")
    export.downloads(trend.drop(columns=["report_ids"]), name="年度变化", key="th_trend_dl")

st.subheader("雷达图：与语料库中位数比较")
by_report = views.theme_long(corpus, by="id", metric=metric)
reports = corpus.reports["label"].tolist()
picked = st.multiselect("报告（可多选）", reports, default=reports[:1], key="th_radar_reports")
radar = by_report[by_report["group"].isin(picked)]
med = views.medians(by_report)
nav.chart(charts.radar(radar, med, metric=metric), key="th_radar")
export.downloads(radar.drop(columns=["report_ids"]), name="雷达图", key="th_radar_dl")

a, b = DEFAULT_EMPHASIS
if a in labels and b in labels:
    st.subheader(f"{widgets.plain_md(labels[a])} 与 {widgets.plain_md(labels[b])}")
    st.caption("每个点是一份报告；虚线是所选报告的中位数，把报告分成四个象限。右下角：宣传多、执法少。")
    pts = views.emphasis_points(corpus, metric=metric, x_theme=a, y_theme=b)
    nav.chart(charts.emphasis_scatter(pts, metric=metric, x_label=labels[a], y_label=labels[b], x_theme=a,
                                      y_theme=b), key="th_scatter")
    export.downloads(pts.rename(columns={"x": labels[a], "y": labels[b]}), name="普法与执法", key="th_scatter_dl")
