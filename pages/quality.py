"""结构与质量: five-part checklist, part lengths, concreteness and stock phrases, copied passages, and the
shortcomings towns report (with their causes)."""

import streamlit as st

from analytics.structure import PARTS
from ui import cached, charts, data, export, filters, meeting, methods, nav, quality, views, widgets

corpus = filters.sidebar(data.load_corpus())
reports = corpus.reports
st.title("结构与质量")
meeting.page_setup()
st.caption("对照《法治政府建设与责任落实督察工作规定》要求的五个部分检查每份报告，并看内容是否具体、是否大量套话或与别的报告雷同。")

st.subheader("五部分清单")
check = cached.view("checklist", corpus)
st.dataframe(check.drop(columns=["id"]), hide_index=True, column_config={
    "年份": st.column_config.NumberColumn(format="%d"),
    **{views.SHORT_PARTS[p]: st.column_config.TextColumn(help=label) for p, label in PARTS.items() if p in views.SHORT_PARTS}})
widgets.help_line("✓ 有单独的部分；“未单列”：有相关内容，但写在其他部分里；✗ 没有找到。第五部分“其他情况”常被省略，前四部分是必备内容。"
                  "标题不规范的部分按内容识别，可能有误。")
export.downloads(check.drop(columns=["id"]), name="五部分清单", key="q_check_dl")

st.subheader("各部分篇幅")
unit = st.segmented_control("单位", ["chars", "share"], default="chars", key="q_unit", required=True,
                            format_func={"chars": "字数（字）", "share": "占全文（%）"}.get) or "chars"
lengths = cached.view("part_lengths", corpus, metric=unit)
nav.chart(cached.figure("part_bars", corpus, metric=unit), key="q_parts", clickable=False)
if lengths["report_id"].nunique() > cached.PART_REPORTS:
    widgets.help_line(f"图中只显示前 {cached.PART_REPORTS} 份报告，完整数据请下载。")
export.downloads(lengths.drop(columns=["report_id", "part_id"]).rename(columns=quality.PART_COLUMNS),
                 name="各部分篇幅", key="q_parts_dl")

st.subheader("具体度与套话")
widgets.help_line("具体度：每万字中写明数字的成效与举措（如“开展普法活动30余次”）有几处，不计约数、分项、编制人数等基本情况、下年目标、往年数字和不足中的数字。"
                  "套话占比：全文中出现在多数报告里的固定句式所占比例。")
nav.chart(cached.figure("quality_scatter", corpus), key="q_scatter", clickable=False)
export.downloads(cached.view("overview_table", corpus), name="具体度与套话", key="q_scatter_dl")

st.subheader("与其他报告雷同的段落")
pairs = cached.view("shared_pairs", corpus)
if pairs.empty:
    st.info("所选报告之间没有发现相同段落（至少有 20 字是报告自己的话；标题、称谓、小标题、落款和多数报告共有的套话不计）。")
else:
    st.dataframe(pairs.drop(columns=["a", "b"]), hide_index=True)
    export.downloads(pairs.drop(columns=["a", "b"]), name="雷同段落", key="q_shared_dl")
    names = (pairs["报告甲"] + " ↔ " + pairs["报告乙"]).head(200).tolist()  # the 200 pairs sharing most text
    pair = st.selectbox("查看一对报告的相同段落（按相同字数排序）", range(len(names)), key="q_pair",
                        format_func=names.__getitem__)
    row = pairs.iloc[pair]
    texts = data.texts([row["a"], row["b"]])
    for p in quality.passages(data.pair_passages(row["a"], row["b"]), texts[row["a"]], texts[row["b"]]).head(20).itertuples():
        left, right = st.columns(2)
        left.text(f"{row['报告甲']} · 第 {p.a_start} 字起（{p.a_end - p.a_start} 字）")
        left.text(p.text_a)
        right.text(f"{row['报告乙']} · 第 {p.b_start} 字起")
        right.text(p.text_b)

st.subheader("共同的薄弱环节")
by = st.radio("归类方式", list(views.WEAKNESS_GROUPINGS), format_func=views.WEAKNESS_GROUPINGS.get, horizontal=True,
              key="q_weak_by")
widgets.help_line("各报告“存在的不足”部分写到的问题，" + ("按问题类型归类（同一个问题各镇说法不同：“执法人员不足”“执法力量薄弱”"
                  "“人手紧张”都算人员力量不足）" if by == "kind" else "按所属主题归类") +
                  "；条形长度是写到该类问题的乡镇数。点击条形查看这些问题句。")
weak = cached.view("weaknesses", corpus, by=by)
problems = cached.view("weakness_sentences", corpus, kind="problem")
column = views.WEAKNESS_GROUPINGS[by]
if weak.empty:
    st.info("所选报告中没有识别出“存在的不足”部分的问题句。")
else:
    grouped = weak[weak["grouped"]]
    event = nav.chart(charts.weakness_bars(grouped, group_title=column), key=f"q_weak_{by}", follow_clicks=False)
    if len(grouped) < len(weak):
        rest = weak[~weak["grouped"]].iloc[0]
        widgets.help_line(f"另有 {rest['sentences']} 句（{rest['towns']} 个乡镇）归入“{rest['group']}”，未画在图中，可在下载的表格中查看。")
    chosen = nav.picked(event, "weak") or (grouped["group"].iloc[0] if len(grouped) else weak["group"].iloc[0])
    part = problems[problems[column] == chosen]
    st.markdown(f"**“{widgets.plain_md(chosen)}”方面的问题（{part['乡镇'].nunique()} 个乡镇，{len(part)} 句）**")
    if len(part) <= quality.SENTENCES_IN_FULL:  # static table: every sentence wraps and is read in full
        st.table(part.drop(columns=[column]).set_index("乡镇"))
    else:
        st.dataframe(part.drop(columns=[column]), hide_index=True, width="stretch",
                     column_config={"问题句": st.column_config.TextColumn(width="large")})
        widgets.help_line(f"句子较多（{len(part)} 句），表格里长句只显示开头：把鼠标停在句子上或下载可看全文。")
    export.downloads(problems, name="薄弱环节", key="q_weak_dl")
causes = cached.view("weakness_sentences", corpus, kind="cause")
with st.expander(f"报告自述的原因（{len(causes)} 句）"):
    st.dataframe(causes, hide_index=True, width="stretch", column_config={"原因": st.column_config.TextColumn(width="large")})
    export.downloads(causes, name="自述原因", key="q_cause_dl")
methods.show("parts", "facts", "similarity")
