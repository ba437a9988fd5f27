"""原文检索 (KWIC): every occurrence of a term, several terms or a theme, in context, with counts per report."""

import streamlit as st

from analytics import search
from ui import charts, data, export, filters, nav, queries, views, widgets

corpus = filters.sidebar(data.load_corpus())
reports = corpus.reports.set_index("id")
labels = corpus.theme_labels
target = nav.incoming()
if target is not None:  # arrived from a chart click or a shared link: preset the controls once
    st.session_state["kwic_mode"] = "theme" if target.themes else "terms"
    st.session_state["kwic_themes"] = [t for t in target.themes if t in labels]
    st.session_state["kwic_terms"] = " ".join(target.terms)
    st.session_state["kwic_reports"] = [r for r in target.reports if r in reports.index]

st.title("原文检索")
st.caption("输入检索词或选择主题，查看每一处出现的上下文。原文按纯文本显示。")
st.session_state.setdefault("kwic_mode", "terms")
mode = st.segmented_control("检索方式", ["terms", "theme"], key="kwic_mode", required=True,
                            format_func={"terms": "检索词", "theme": "主题词表"}.get) or "terms"
c1, c2 = st.columns([3, 2])
if mode == "theme":
    themes = c1.multiselect("主题", list(labels), format_func=labels.get, key="kwic_themes")
    terms = []
else:
    themes = []
    terms = search.parse_terms(c1.text_input("检索词（多个词用空格或逗号分隔）", key="kwic_terms",
                                             placeholder="例如：执法 法律明白人"))
names = dict(zip(reports.index, reports["label"]))
picked = c2.multiselect("限定报告（不选 = 全部所选报告）", list(names), key="kwic_reports", format_func=names.__getitem__)
window = st.slider("上下文字数", 10, 80, 30, step=5, key="kwic_window")
st.caption("匹配规则：多个检索词在同一处重叠时取“最左最长”的一个，互不重叠；按主题检索时与主题计数完全一致。"
           + views.COUNTING_RULE.split("。")[0] + "。")
if not themes and not terms:
    st.info("请输入检索词，或切换到“主题词表”选择主题。也可以在其他页面点击图表中的柱子、格子或散点直接跳转到这里。")
    st.stop()

ids = picked or reports.index.tolist()
hits = queries.kwic(terms=terms, themes=themes, ids=ids, window=window)
what = "、".join(terms) if terms else "、".join(labels[t] for t in themes)
st.subheader(f"“{widgets.plain_md(what)}”共出现 {len(hits)} 次，涉及 {hits['report_id'].nunique()} / {len(ids)} 份报告")
if hits.empty:
    st.info("所选报告中没有找到。可以换一个说法、减少限定的报告，或放宽左侧的筛选。")
    st.stop()

metric = widgets.metric_switch("kwic_metric")
counts = views.hit_counts(search.counts_per_report(hits, report_ids=ids), corpus.reports, metric=metric)
if metric == "share":
    st.caption("占比 = 该报告的出现次数 ÷ 所有报告的出现总次数。")
nav.chart(charts.kwic_counts(counts, metric=metric), key="kwic_counts", clickable=False)
export.downloads(counts.rename(columns={"label": "报告", "count": "次数", "chars": "字数", "value": views.METRICS[metric]}),
                 name="出现次数", key="kwic_counts_dl")

hits = hits.assign(report=hits["report_id"].map(reports["label"]),
                   town=hits["report_id"].map(reports["town"]), year=hits["report_id"].map(reports["year"]))
st.markdown(f"**逐条原文**（显示前 {min(len(hits), 200)} 条，全部结果见下表或下载）")
st.html(widgets.kwic_html(hits, limit=200))
table = hits[["town", "year", "left", "match", "right", "start"]].rename(
    columns={"town": "乡镇", "year": "年份", "left": "前文", "match": "匹配", "right": "后文", "start": "位置（字）"})
st.dataframe(table, hide_index=True, height=300)
export.downloads(table, name=f"原文检索_{what}"[:60], key="kwic_dl")
