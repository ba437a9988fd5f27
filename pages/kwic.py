"""原文检索 (KWIC): every occurrence of a term, several terms or a theme, each in its own sentence, with counts
per report and the whole paragraph of a chosen line."""

import streamlit as st

from analytics import pipeline, search
from ui import charts, data, export, filters, meeting, methods, nav, queries, views, widgets

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
meeting.page_setup()
st.caption("输入检索词或选择主题，查看每一处出现的整句原文。原文按纯文本显示。")
st.session_state.setdefault("kwic_mode", "terms")
mode = st.segmented_control("检索方式", ["terms", "theme"], key="kwic_mode", required=True,
                            format_func={"terms": "检索词", "theme": "主题词表"}.get) or "terms"
c1, c2 = st.columns([3, 2])
if mode == "theme":
    themes, terms = c1.multiselect("主题", list(labels), select_all=False, placeholder="请选择主题", format_func=labels.get, key="kwic_themes"), []
else:
    themes = []
    terms = search.parse_terms(c1.text_input("检索词（多个词用空格或逗号分隔）", key="kwic_terms",
                                             placeholder="例如：执法 法律明白人"))
names = dict(zip(reports.index, reports["label"]))
picked = c2.multiselect("限定报告（不选 = 全部所选报告）", list(names), select_all=False, placeholder="全部所选报告", key="kwic_reports", format_func=names.__getitem__)
widgets.help_line("多个检索词在同一处重叠时取最长的一个；按主题检索时与主题计数完全一致。" + views.COUNTING_RULE)
methods.show("counting")
if not themes and not terms:
    st.info("请输入检索词，或切换到“主题词表”选择主题。也可以在其他页面点击图表中的柱子、格子或散点直接跳转到这里。")
    st.stop()

ids = picked or reports.index.tolist()
what = "、".join(terms) if terms else "、".join(labels[t] for t in themes)
lean_only = bool(themes) and set(themes) <= {pipeline.PUFA, pipeline.ZHIFA} and st.toggle(
    "只看算入侧重指数的提及", key="kwic_lean",
    help="侧重指数只数当年工作里的提及：“存在的不足”和下一年安排里的、重复的句子和口号不算（每份只算一次）")
if lean_only:  # the lean's counts are stored too
    what += "（算入侧重指数的）"
    counts = queries.lean_hits(corpus.reports, themes, ids)
elif themes:  # counts per report are stored: exact without reading any text
    counts = queries.theme_hits(corpus.table, themes, ids)
else:
    full = len(ids) <= queries.SCAN_LIMIT or st.toggle(f"在全部 {len(ids):,} 份报告中统计次数（需要逐份读取原文，较慢）",
                                                       key="kwic_full")
    scanned = queries.kwic(terms=terms, themes=[], ids=ids, window=60) if full else None
    counts = search.counts_per_report(scanned, report_ids=ids) if full else None
read = counts.loc[counts["count"] > 0, "report_id"].tolist() if themes else ids  # stored counts say which to read
lines = queries.kwic(terms=terms, themes=themes, ids=read, window=60, limit=queries.LINES, lean_only=lean_only)
if counts is None:
    st.subheader(widgets.plain_md(f"“{what}”的前 {len(lines)} 处（共 {len(ids):,} 份报告，未统计全部次数）"))
else:
    st.subheader(widgets.plain_md(f"“{what}”共出现 {int(counts['count'].sum())} 次，"
                                  f"涉及 {int((counts['count'] > 0).sum())} / {len(ids)} 份报告"))
if lines.empty:
    st.info("所选报告中没有找到。可以换一个说法、减少限定的报告，或放宽左侧的筛选。")
    st.stop()
if counts is not None:
    metric = st.segmented_control("度量", list(views.KEYWORD_METRICS), default="count", key="kwic_metric",
                                  required=True, format_func=views.KEYWORD_METRICS.get) or "count"
    shown = views.hit_counts(counts[counts["count"] > 0], corpus.reports, metric=metric)
    nav.chart(charts.kwic_counts(shown.head(40), metric=metric), key="kwic_counts", clickable=False)
    export.downloads(shown.drop(columns=["report_id"]).rename(columns={
        "label": "报告", "count": "次数", "chars": "字数", "value": views.KEYWORD_METRICS[metric]}),
        name="出现次数", key="kwic_counts_dl")

lines = lines.assign(report=lines["report_id"].map(reports["label"]))
st.markdown(f"**逐条原文**（显示前 {len(lines)} 条，点击表格中的一行可查看整段）")
st.html(widgets.kwic_html(lines, limit=queries.LINES))
table = lines.assign(town=lines["report_id"].map(reports["town"]).map(views.text_or_unknown),
                     year=lines["report_id"].map(reports["year"]),
                     part=views.parts_at(corpus.sections, lines["report_id"], lines["start"]))
table = table[["town", "year", "part", "left", "match", "right", "start"]].rename(columns={
    "town": "乡镇", "year": "年份", "part": "所在部分", "left": "前文", "match": "匹配", "right": "后文", "start": "位置（字）"})
event = st.dataframe(table, hide_index=True, height=300, on_select="rerun", selection_mode="single-row", key="kwic_rows")
if event and event.selection.rows:
    row = lines.iloc[event.selection.rows[0]]
    text = data.report_text(row["report_id"])
    a, b = search.paragraph_at(text, int(row["start"]))
    st.markdown(f"**{widgets.plain_md(row['report'])} · 第 {int(row['start'])} 字所在段落**")
    st.html(widgets.paragraph_html(text[a:b], int(row["start"]) - a, int(row["end"]) - a))
export.downloads(table, name=f"原文检索_{what}"[:60], key="kwic_dl")
