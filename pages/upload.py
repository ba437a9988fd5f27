"""上传评估: upload one report and see where it stands; editors may add it to the corpus."""

import streamlit as st

from analytics.readers import MAX_BYTES, ReadError
from ui import data, meeting, methods, nav, upload as up, widgets
from ui.auth import current_account, sign_in_box

sign_in_box()
st.title("上传评估")
meeting.page_setup()
st.caption("上传一份报告，查看它与语料库中各报告的比较。分析结果不会保存；只有登录的编辑人员可以把它加入语料库。")
if msg := st.session_state.pop("upload_flash", None):
    st.success(up.plain_md(msg))

max_mb = MAX_BYTES // (1024 * 1024)
file = widgets.file_uploader(f"选择报告文件（.txt / .docx / .pdf / .md，任意常见编码，不超过 {max_mb} MB；其他格式会说明原因）",
                             key="upload_file", max_mb=max_mb)
if file is None:
    up.empty_state(data.corpus_table(), data.load_corpus().theme_labels)
    st.stop()
payload = file.getvalue()
try:
    up.read_upload(payload, file.name)
except ReadError as exc:
    st.error(up.plain_md(f"无法读取 {exc}"), icon="⚠️")
    st.stop()

with st.spinner("正在分析……"):
    base = up.evaluate(payload, file.name, {})
st.subheader("基本信息（自动识别，可更正）")
inferred = base.analysis.inferred
values = up.meta_inputs(inferred, up.file_digest(payload)[:12])
with st.spinner("正在分析……"):
    ev = up.evaluate(payload, file.name, up.clean_overrides(values, vars(inferred)))
a, pos, meta = ev.analysis, ev.position, ev.analysis.meta
st.text(f"标题：{meta.title or '（未识别）'}　｜　文件：{ev.doc.filename}（{ev.doc.kind}"
        f"{'，' + ev.doc.encoding if ev.doc.encoding else ''}）　｜　{a.chars} 字　｜　分析用时 {ev.seconds:.2f} 秒")

labels = data.load_corpus().theme_labels
table = data.corpus_table()
m = st.columns(4)
m[0].metric("与之比较的报告", f"{pos.compared} 份")
m[1].metric("必备部分（不含“其他”）", f"{sum(i.present for p, i in a.parts.items() if p != 'other')}/4")
m[2].metric("普法↔执法", **up.lean_metric(a.lean))
m[3].metric("写明数字的成效与举措", f"{sum(f.concrete for f, _ in a.facts)} 处")
up.banner(ev)

st.subheader("自动解读")
st.caption("由固定规则从下方图表中的数字生成；每句下面是它依据的数字和所在图表。")
st.html(up.reading_html(ev.reading))

left, right = st.columns([2, 3])
with left:
    st.subheader("普法与执法的侧重")
    ln = a.lean
    st.text(f"普法宣传 {ln.pufa} 次，行政执法 {ln.zhifa} 次（只数当年工作，不足和下一年安排里的不算；重复的句子和口号只算一次）：{ln.verdict_zh}"
            f"（侧重指数 {ln.value:.2f}，95% 区间 {ln.lo:.2f} 至 {ln.hi:.2f}）")
    lean_fig = up.lean_chart(ev, table)
    st.plotly_chart(lean_fig, width="stretch", config=nav.CHART_CONFIG)
    st.caption("黑色菱形为本报告，线段为 95% 区间；库中其他报告按侧重着色：蓝色偏普法、红色偏执法、灰色无明显偏向，空心点把握不大（报告多时为灰色方框：中间一半报告所在的范围）。")
    meeting.png(lean_fig, title="本报告与库中报告的普法与执法侧重", key="upload_lean_png")
    if pos.wordscore_note:
        st.caption(up.plain_md(pos.wordscore_note))
with right:
    st.subheader("各主题提及情况")
    st.caption("提及段落占比：提到该主题的段落占全部段落的比例（同一段内重复只算一次）。"
               + ("语料不足 20 份，用名次表示位置。" if pos.compared < 20
                  else f"位置为高于其他 {pos.compared:,} 份报告中的多少（同值算一半）。"))
    st.dataframe(up.theme_table(ev, labels), hide_index=True, width="stretch", height=460,  # all five in view:
                 column_config={"主题": st.column_config.TextColumn(width=150),  # the standing is the answer
                                "提及次数": st.column_config.NumberColumn("次数", width=52),
                                "提及段落占比（95% 区间）": st.column_config.TextColumn("段落占比（区间）", width=122),
                                "每万字次数": st.column_config.NumberColumn("每万字", width=60),
                                "在语料中的位置": st.column_config.TextColumn(width=190)})

prev_table = up.previous_table(ev, labels)
if prev_table is not None:
    st.subheader(f"与本镇{pos.previous['year']}年报告相比")
    st.dataframe(prev_table, hide_index=True)
    st.caption("只列出提及段落占比在两份报告中 95% 区间不重叠的主题；其余主题的差别可能只是篇幅和写法的波动。")
meeting.briefing_upload(f"{meta.town or '未知乡镇'}{meta.year or ''}年报告", ev.reading,
                        up.theme_table(ev, labels), up.parts_table(a), prev_table, [(lean_fig, "普法与执法的侧重")],
                        cautions=up.all_cautions(ev))

left, right = st.columns(2)
with left:
    st.subheader("最相近的报告")
    st.dataframe(up.nearest_table(pos), hide_index=True, width="stretch")
    st.subheader("必备部分")
    st.dataframe(up.parts_table(a), hide_index=True, width="stretch")
with right:
    st.subheader("关键词")
    top, dist = up.keywords_table(pos)
    k1, k2 = st.columns(2)
    k1.dataframe(top, hide_index=True, width="stretch", height=420)
    if len(dist):
        k2.dataframe(dist, hide_index=True, width="stretch", height=min(420, 40 + 35 * len(dist)))
    else:
        k2.caption(f"比其他 {pos.compared} 份报告明显多用的词：没有（差别都不够大）")

st.subheader("具体数据")
st.dataframe(up.facts_table(a, labels), hide_index=True, width="stretch", height=min(400, 40 + 35 * len(a.facts)))
st.subheader("与库中报告相同的段落")
pairs = up.shared_pairs(ev)
if not pairs:
    st.text("未发现与语料库中报告相同的段落（20 字以上，已除去多数报告共有的套话）。")
for i, p in enumerate(pairs, 1):
    st.text(f"{i}. 与 {p['who']} 相同 {p['chars']} 字（左：本报告；右：{p['who']}；【】内为相同文字）")
    c1, c2 = st.columns(2)
    c1.code(p["mine"], language=None, wrap_lines=True)
    c2.code(p["theirs"], language=None, wrap_lines=True)
if st.toggle("显示提取的全文", key="upload_full_text"):
    st.code(a.text, language=None, wrap_lines=True)

methods.show("reading", "lean", "share", "standing", "change", "cautions", "similarity", "wordscores", "parts",
             "facts", "keywords")
st.subheader("加入语料库")
up.save_section(a, pos, source=file.name, account=current_account())
