"""结构与质量: five-part checklist, part lengths, concreteness, stock sentences, shared passages, weaknesses."""

import streamlit as st

from analytics.structure import PARTS
from ui import charts, data, export, filters, nav, quality, views
from ui.widgets import plain_md

corpus = filters.sidebar(data.load_corpus())
reports = corpus.reports
st.title("结构与质量")
st.caption("对照《法治政府建设与责任落实督察工作规定》要求的五个部分检查每份报告，并看内容是否具体、是否大量套话或与别的报告雷同。")

st.subheader("五部分清单")
check = views.checklist(corpus.sections, reports, PARTS)
st.dataframe(views.show_missing(check.drop(columns=["id"])), hide_index=True, column_config={
    "年份": st.column_config.NumberColumn(format="%d"),
    **{views.SHORT_PARTS[p]: st.column_config.TextColumn(help=label) for p, label in PARTS.items() if p in views.SHORT_PARTS}})
st.caption("第五部分“其他需要报告的情况”常被省略；前四部分是必备内容。标题不规范的部分按内容识别，可能有误。")
export.downloads(check.drop(columns=["id"]), name="五部分清单", key="q_check_dl")

st.subheader("各部分篇幅")
unit = st.segmented_control("单位", ["chars", "share"], default="chars", key="q_unit", required=True,
                            format_func={"chars": "字数（字）", "share": "占全文（%）"}.get) or "chars"
lengths = views.part_lengths(corpus.sections, reports, PARTS, metric=unit)
shown = quality.first_reports(lengths, n=40)
nav.chart(charts.part_bars(shown, metric=unit), key="q_parts", clickable=False)
if len(shown) < len(lengths):
    st.caption("图中只显示前 40 份报告，完整数据请下载。")
export.downloads(lengths.drop(columns=["report_id", "part_id"]).rename(columns=quality.PART_COLUMNS),
                 name="各部分篇幅", key="q_parts_dl")

st.subheader("具体度与套话")
st.caption("具体度：每万字中带单位的数据（如“开展普法活动30余次”）条数，越高越具体。"
           "套话占比：全文中出现在多数报告里的固定句式（如“坚持以习近平新时代中国特色社会主义思想为指导”）所占比例。")
nav.chart(charts.quality_scatter(reports), key="q_scatter", clickable=False)
export.downloads(views.overview_table(reports), name="具体度与套话", key="q_scatter_dl")

st.subheader("与其他报告雷同的段落")
pairs = quality.shared_pairs(corpus.shared, reports)
if pairs.empty:
    st.info("所选报告之间没有发现 20 字以上的相同段落。")
else:
    st.dataframe(pairs.drop(columns=["a", "b"]), hide_index=True)
    export.downloads(pairs.drop(columns=["a", "b"]), name="雷同段落", key="q_shared_dl")
    names = (pairs["报告甲"] + " ↔ " + pairs["报告乙"]).head(200).tolist()  # the 200 pairs sharing most text
    pair = st.selectbox("查看一对报告的相同段落（按相同字数排序）", range(len(names)), key="q_pair",
                        format_func=names.__getitem__)
    row = pairs.iloc[pair]
    passages = quality.passages(corpus.shared, row["a"], row["b"], data.report_text(row["a"]),
                                data.report_text(row["b"]))
    for i, p in enumerate(passages.head(20).itertuples(), 1):
        left, right = st.columns(2)
        left.caption(f"{plain_md(row['报告甲'])} · 第 {p.a_start} 字起")
        left.text(p.text_a)
        right.caption(f"{plain_md(row['报告乙'])} · 第 {p.b_start} 字起")
        right.text(p.text_b)

st.subheader("共同的薄弱环节")
st.caption("从各报告“存在的不足”部分提取的问题句，按主题归类；条形长度是提到该类问题的乡镇数。点击条形查看原文。"
           "不含任何主题词的问题句列在“未归入主题”中。")
weak = views.weaknesses(corpus.shortcomings, reports, corpus.theme_labels)
if weak.empty:
    st.info("所选报告中没有识别出“存在的不足”部分的问题句。")
else:
    nav.chart(charts.weakness_bars(weak[weak["theme_id"].notna()]), key="q_weak")
    sentences = quality.weakness_sentences(corpus.shortcomings, reports, corpus.theme_labels)
    for theme in weak["theme"].head(8):
        part = sentences[sentences["主题"] == theme]
        with st.expander(f"{plain_md(theme)}（{part['乡镇'].nunique()} 个乡镇，{len(part)} 句）"):
            st.dataframe(part.drop(columns=["主题"]), hide_index=True)
    export.downloads(sentences, name="薄弱环节", key="q_weak_dl")
