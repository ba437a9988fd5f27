"""主题对比: theme mentions by town with intervals, trends by year, radar against the median, every report's
普法↔执法 lean, and 普法 vs 执法 as a scatter."""

import streamlit as st

from analytics.themes import DEFAULT_EMPHASIS
from ui import cached, charts, data, export, filters, meeting, methods, nav, views, widgets

corpus = filters.sidebar(data.load_corpus())
labels = corpus.theme_labels
st.title("主题对比")
meeting.page_setup()
st.caption(f"比较各乡镇、各年份在各主题上的着力程度（{views.data_line(corpus.reports)}）。点击柱子、折线上的点或散点，可查看对应原文。")
metric = widgets.metric_switch("th_metric")
widgets.counting_rule()
theme_ids = list(labels)

st.subheader("各乡镇主题强度")
pooled = widgets.town_pooling("th_bar_pool")
bar_corpus = corpus if pooled else corpus.restrict(cached.view("latest_ids", corpus))  # (once per selection)
by_town = cached.view("theme_long", bar_corpus, by="town", metric=metric)
top = by_town.groupby("theme_id")["value"].sum().sort_values(ascending=False).index.tolist()
chosen = st.multiselect("主题", theme_ids, default=top[:5], select_all=False, placeholder="请选择主题", format_func=labels.get, key="th_bar_themes")
chosen = tuple(chosen or top[:5])
bars = by_town[by_town["theme_id"].isin(chosen)]
fig = cached.figure("theme_bars", bar_corpus, metric=metric, themes=chosen)
nav.chart(fig, key="th_bars")
widgets.help_line(cached.view("pooling_line", corpus, pooled=pooled) + "细线是 95% 区间：两个乡镇的区间重叠时，不能说谁明显更多。"
                  + (f"乡镇较多，只显示所选主题合计最高的 {cached.BAR_TOWNS} 个；完整数据请下载。"
                     if bars["group"].nunique() > cached.BAR_TOWNS else ""))
export.downloads(bars.drop(columns=["report_ids"]).rename(columns=views.LONG_COLUMNS), name="各乡镇主题强度",
                 key="th_bars_dl")
meeting.png(fig, title=f"各乡镇主题{views.METRICS[metric]}", key="th_bars_png")

st.subheader("普法与执法的侧重（每份报告）")
lean_rows = cached.view("report_leans", corpus)
lean_fig = cached.figure("report_lean_dots", corpus, n=60)
nav.chart(lean_fig, key="th_lean", clickable=False)
widgets.help_line("点为侧重指数，线段为 95% 区间；一方提及达到另一方两倍及以上为偏向（蓝偏普法、红偏执法），空心点表示区间跨过 0、把握不大。"
                  "侧重指数用当年工作里的提及次数，本页其他图用所选度量（默认提及段落占比，含不足和下一年安排），"
                  "两者方向可能不同。" + (f"报告较多，只显示两端各 30 份（最偏普法和最偏执法的，共 {len(lean_rows):,} 份）；完整数据见下载。"
                          if len(lean_rows) > 60 else ""))  # (the chart marks the gap with a labelled row)
export.downloads(lean_rows.drop(columns=["id"]).rename(columns={
    "label": "报告", "town": "乡镇", "year": "年份", "lean": "侧重指数", "lo": "区间下限", "hi": "区间上限",
    "pufa": "普法次数", "zhifa": "执法次数",
    "short": "不足1500字"}), name="各报告侧重", key="th_lean_dl")

st.subheader("年度变化")
long_ty = cached.view("theme_long", corpus, by="town_year", metric=metric)
towns = sorted(corpus.reports["town"].map(views.text_or_unknown).unique())
by_years = corpus.reports.groupby("town")["year"].nunique().sort_values(ascending=False)
c1, c2 = st.columns(2)
t_towns = c1.multiselect("乡镇", towns, select_all=False, placeholder="请选择乡镇", default=[t for t in by_years.index[:3] if t in towns], key="th_trend_towns")
t_themes = c2.multiselect("主题", theme_ids, default=list(DEFAULT_EMPHASIS), select_all=False, placeholder="请选择主题", format_func=labels.get,
                          key="th_trend_themes")
trend = long_ty[long_ty["town"].isin(t_towns) & long_ty["theme_id"].isin(t_themes) & long_ty["year"].notna()]
if trend.empty or trend.groupby("town")["year"].nunique().max() < 2:
    st.info("所选乡镇在筛选范围内都只有一个年份的报告，无法画出年度变化。请选择有多个年份报告的乡镇，或放宽年份筛选。")
else:
    nav.chart(charts.trend_lines(trend, metric=metric), key="th_trend")
    export.downloads(trend.drop(columns=["report_ids"]).rename(columns=views.LONG_COLUMNS), name="年度变化",
                     key="th_trend_dl")

st.subheader("雷达图：与所选报告的中位数比较")
by_report = cached.view("theme_long", corpus, by="id", metric=metric)
names = corpus.reports["label"].tolist()
picked = st.multiselect("报告（可多选）", names, default=names[:1], select_all=False, placeholder="请选择报告", key="th_radar_reports")
radar = by_report[by_report["group"].isin(picked)]
nav.chart(charts.radar(radar, views.medians(by_report), metric=metric), key="th_radar")
export.downloads(radar.drop(columns=["report_ids"]).rename(columns=views.LONG_COLUMNS), name="雷达图", key="th_radar_dl")

a, b = DEFAULT_EMPHASIS
if a in labels and b in labels:
    st.subheader(widgets.plain_md(f"{labels[a]} 与 {labels[b]}"))
    widgets.help_line("每个点是一份报告；虚线是所选报告的中位数，把报告分成四个象限。右下角：宣传多、执法少。"
                      "这里按所选度量数全文，与只数当年工作提及次数的侧重指数可能不一致。")
    pts = cached.view("emphasis_points", corpus, metric=metric, x_theme=a, y_theme=b)
    nav.chart(cached.figure("emphasis_scatter", corpus, metric=metric, x_label=labels[a], y_label=labels[b],
                            x_theme=a, y_theme=b), key="th_scatter")
    export.downloads(pts.drop(columns=["id"]).rename(columns={"label": "报告", "town": "乡镇", "year": "年份",
                                                              "chars": "字数", "x": labels[a], "y": labels[b]}),
                     name="普法与执法", key="th_scatter_dl")
methods.show("share", "rate", "lean", "counting", "cautions")
