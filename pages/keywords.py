"""关键词: top TF-IDF keywords, distinctive terms between two towns or years, keyword × report heatmap."""

import streamlit as st

from analytics.keywords import distinctive_terms
from ui import charts, data, export, filters, nav, queries, views, widgets

corpus = filters.sidebar(data.load_corpus())
reports = corpus.reports
st.title("关键词")
st.caption("关键词来自分词后的词频（TF-IDF 加权），已去掉地名（本镇、村、县名）和套话虚词。点击图中的词可查看原文。")
tab_top, tab_diff, tab_heat = st.tabs(["高频关键词", "两组差异词", "关键词 × 报告"])

with tab_top:
    c1, c2, c3 = st.columns([2, 2, 1])
    by = c1.segmented_control("按", ["id", "town", "year"], default="town", key="kw_by", required=True,
                              format_func=views.GROUPS.get) or "town"
    kind = c2.segmented_control("图形", ["bars", "treemap"], default="bars", key="kw_kind", required=True,
                                format_func={"bars": "条形图", "treemap": "矩形树图"}.get) or "bars"
    n = c3.number_input("每组词数", 5, 20, 10, key="kw_n")
    top = views.top_keywords(corpus, by=by, n=int(n))
    if kind == "bars":
        groups = top["group"].drop_duplicates().tolist()
        group = st.selectbox(views.GROUPS[by], groups, key="kw_group")
        nav.chart(charts.keyword_bars(top, group=group), key="kw_bars")
    else:
        small = top[top["group"].isin(top["group"].drop_duplicates().head(30))]
        nav.chart(charts.keyword_treemap(small), key="kw_tree", clickable=False)
        if small["group"].nunique() < top["group"].nunique():
            st.caption("矩形树图只显示前 30 组；完整数据请下载。")
    st.caption("TF-IDF 权重：一个词在本组报告中越常见、在其他报告中越少见，权重越高；一组有多份报告时取平均。")
    export.downloads(top.drop(columns=["report_ids"]).rename(columns={"group": views.GROUPS[by], "term": "关键词",
                                                                      "weight": "TF-IDF权重"}),
                     name="高频关键词", key="kw_top_dl")

with tab_diff:
    c1, c2, c3 = st.columns([1, 2, 2])
    dim = c1.segmented_control("比较", ["town", "year"], default="town", key="kw_dim", required=True,
                               format_func=views.GROUPS.get) or "town"
    keys = views.group_key(reports, dim)
    options = sorted(keys.unique())
    if len(options) < 2:
        st.info(f"筛选范围内只有一个{views.GROUPS[dim]}，无法比较。请放宽左侧的筛选条件。")
    else:
        a = c2.selectbox("甲组", options, index=0, key="kw_a")
        b = c3.selectbox("乙组", options, index=1, key="kw_b")
        ids_a, ids_b = reports.loc[keys == a, "id"].tolist(), reports.loc[keys == b, "id"].tolist()
        if a == b:
            st.warning("请选择两个不同的组。")
        else:
            diff = distinctive_terms(queries.group_term_counts(ids_a), queries.group_term_counts(ids_b))
            shown = views.distinctive_extremes(diff, places=views.place_names(reports), n=25)
            nav.chart(charts.distinctive_scatter(shown, name_a=a, name_b=b, ids_a=",".join(ids_a),
                                                 ids_b=",".join(ids_b)), key="kw_diff")
            pa, pb = widgets.plain_md(a), widgets.plain_md(b)  # group names come from reports: shown as text
            st.caption(f"横轴为{pa}、纵轴为{pb}中的词频（次/万词）；红色偏{pa}，蓝色偏{pb}（对数几率比的 z 值，"
                       "带先验平滑）。虚线上的词两组用得一样多。图中只显示两端各 25 个词，完整结果请下载。")
            export.downloads(diff.rename(columns={"term": "词", "count_a": f"{a}次数", "count_b": f"{b}次数",
                                                  "freq_a": f"{a}词频(次/万词)", "freq_b": f"{b}词频(次/万词)"}),
                             name=f"差异词_{a}_{b}", key="kw_diff_dl")

with tab_heat:
    c1, c2, c3 = st.columns([3, 2, 1])
    with c1:
        metric = widgets.metric_switch("kw_metric")
    hby = c2.segmented_control("列", ["id", "town", "year"], default="id", key="kw_hby", required=True,
                               format_func=views.GROUPS.get) or "id"
    k = c3.number_input("词数", 5, 40, 20, key="kw_k")
    terms = views.top_keywords(corpus, by="all", n=int(k))["term"].tolist()
    counts = queries.term_counts(terms, reports["id"].tolist())
    long = views.keyword_matrix(counts, reports, queries.term_totals(), metric=metric, terms=terms, by=hby)
    nav.chart(charts.keyword_heatmap(long, metric=metric, group_title=views.GROUPS[hby]), key="kw_heat")
    st.caption("行是所选报告中 TF-IDF 权重最高的关键词；“占比”指该词占本组全部计数词的百分比。"
               + ("列较多，只显示这些词最集中的 60 列；完整数据请下载。" if long["group"].nunique() > 60 else ""))
    export.downloads(long.drop(columns=["report_ids"]).rename(columns={"group": views.GROUPS[hby], "term": "关键词"}),
                     name="关键词热力图", key="kw_heat_dl")
