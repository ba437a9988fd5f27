"""关键词: each report's, town's or year's characteristic words, words that set two towns or years apart,
and selected keywords across reports."""

import streamlit as st

from ui import cached, charts, data, export, filters, meeting, methods, nav, views, widgets

corpus = filters.sidebar(data.load_corpus())
reports = corpus.reports
st.title("关键词")
meeting.page_setup()
st.caption("一份报告“特有”的词：在它里面出现至少两次、在其他报告中较少见。地名、文号、书名号里的词和通用套话已去掉，引号里的短语（如“小马拉大车”）算一个词。"
           "点击图中的词可查看原文。")
tab_top, tab_diff, tab_heat = st.tabs(["各组关键词", "两组比较", "关键词 × 报告"])

with tab_top:
    c1, c2, c3 = st.columns([2, 2, 1])
    by = c1.segmented_control("按", ["id", "town", "year"], default="town", key="kw_by", required=True,
                              format_func=views.GROUPS.get) or "town"
    kind = c2.segmented_control("图形", ["bars", "treemap"], default="bars", key="kw_kind", required=True,
                                format_func={"bars": "条形图", "treemap": "矩形树图"}.get) or "bars"
    n = c3.number_input("每组词数", 5, 20, 10, key="kw_n")
    top = cached.view("top_keywords", corpus, by=by, n=int(n))
    if kind == "bars":
        groups = top["group"].drop_duplicates().tolist()
        group = st.selectbox(views.GROUPS[by], groups, key="kw_group", format_func=views.text_or_unknown)
        fig = charts.keyword_bars(top, group=group)
        nav.chart(fig, key="kw_bars")
        if (shown := int((top["group"] == group).sum())) < n:
            widgets.help_line(f"只有 {shown} 个词达到条件（至少出现两次、不是地名或套话、"
                              f"不是大多数报告都用的词），所以少于 {int(n)} 个。")
        meeting.png(fig, title=f"{group}的关键词", key="kw_bars_png")
    else:
        small = top[top["group"].isin(top["group"].drop_duplicates().head(30))]
        nav.chart(charts.keyword_treemap(small), key="kw_tree", clickable=False)
        if small["group"].nunique() < top["group"].nunique():
            widgets.help_line("矩形树图只显示前 30 组；完整数据请下载。")
    widgets.help_line("条形越长，这个词越是本组“特有”：本组常用而其他报告少用。一组有多份报告时取平均。")
    export.downloads(top.drop(columns=["report_ids"]).rename(columns={"group": views.GROUPS[by], "term": "关键词",
                                                                      "weight": "特色程度", "count": "出现次数"}),
                     name="各组关键词", key="kw_top_dl")

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
        if a == b:
            st.warning("请选择两个不同的组。")
        else:
            diff, shown, ids_a, ids_b = cached.view("distinctive", corpus, dim=dim, a=a, b=b)
            fig = charts.distinctive_scatter(shown, name_a=a, name_b=b, ids_a=",".join(ids_a), ids_b=",".join(ids_b))
            nav.chart(fig, key="kw_diff")
            widgets.help_line(f"横轴是{a}、纵轴是{b}中每万词出现的次数；越红越偏{a}，越蓝越偏{b}，虚线上的词两组用得一样多。"
                    f"只标出两端最明显的词，每端各 {min(12, len(shown) // 2)} 个；完整结果请下载。")
            export.downloads(diff.rename(columns={"term": "词", "count_a": f"{a}次数", "count_b": f"{b}次数",
                                                  "freq_a": f"{a}每万词", "freq_b": f"{b}每万词", "delta": "差异",
                                                  "se": "标准误", "z": "偏向程度"}),
                             name=f"两组比较_{a}_{b}", key="kw_diff_dl")

with tab_heat:
    c1, c2, c3 = st.columns([3, 2, 1])
    metric = c1.segmented_control("度量", list(views.KEYWORD_METRICS), default="per_10k", key="kw_metric",
                                  required=True, format_func=lambda m: f"{views.KEYWORD_METRICS[m]}"
                                                                       f"（{views.KEYWORD_UNITS[m]}）") or "per_10k"
    hby = c2.segmented_control("列", ["id", "town", "year"], default="id", key="kw_hby", required=True,
                               format_func=views.GROUPS.get) or "id"
    k = c3.number_input("词数", 5, 40, 20, key="kw_k")
    long = cached.view("keyword_matrix", corpus, metric=metric, by=hby, k=int(k))
    nav.chart(cached.figure("keyword_heatmap", corpus, metric=metric, by=hby, k=int(k), group_title=views.GROUPS[hby]),
              key="kw_heat")
    widgets.help_line("行是所选报告中最有特色的关键词；颜色越深，该词在这一列的报告中出现得越多。"
                      + ("列较多，只显示这些词最集中的 60 列；完整数据请下载。" if long["group"].nunique() > 60 else ""))
    export.downloads(long.drop(columns=["report_ids"]).rename(columns={
        "group": views.GROUPS[hby], "term": "关键词", "count": "次数", "chars": "字数",
        "value": views.KEYWORD_METRICS[metric]}), name="关键词热力图", key="kw_heat_dl")
methods.show("keywords")
