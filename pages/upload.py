"""上传评估: upload one report and see where it stands; editors may add it to the corpus."""

import streamlit as st

from analytics import pipeline
from analytics.accounts import PermissionDenied
from analytics.readers import MAX_BYTES, ReadError
from ui import data, upload as up
from ui.auth import current_account, sign_in_box

sign_in_box()
st.title("上传评估")
st.caption("上传一份报告，查看它与语料库中各报告的比较。分析结果不会保存；只有登录的编辑人员可以把它加入语料库。")
if msg := st.session_state.pop("upload_flash", None):
    st.success(up.plain_md(msg))

# No type filter and the reader's own size limit: every file the server accepts reaches the reader,
# which explains in Chinese what is wrong with it (a .doc is told to save as .docx).
max_mb = MAX_BYTES // (1024 * 1024)
file = st.file_uploader(f"选择报告文件（.txt / .docx / .pdf / .md，任意常见编码，不超过 {max_mb} MB）",
                        key="upload_file", max_upload_size=max_mb)
if file is None:
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

corpus = data.load_corpus()
labels = corpus.theme_labels
m = st.columns(4)
m[0].metric("与语料比较的报告数", len(ev.figures.corpus_rates))
m[1].metric("必备部分（不含“其他”）", f"{sum(i.present for p, i in a.parts.items() if p != 'other')}/4")
m[2].metric("具体数据：处数 / 每万字", f"{len(a.facts)} / {a.concreteness:.1f}")
m[3].metric("套话占比", f"{pos.stock_share:.0%}")

st.subheader("自动解读")
st.caption("由固定规则从下方图表中的数字生成；每句下面是它依据的数字和所在图表。")
st.html(up.reading_html(ev.reading))

st.subheader("主题提及率与百分位")
st.caption("计数规则：最左最长、互不重叠匹配（“行政执法”只计一次行政执法）。百分位 = 语料中低于本报告的比例（同值计一半）。")
left, right = st.columns([3, 2])
left.plotly_chart(up.theme_strip(ev, labels, corpus.reports.set_index("id")["label"]), width="stretch")
right.dataframe(up.theme_table(ev, labels), hide_index=True, width="stretch", height=460)

left, right = st.columns(2)
with left:
    st.subheader("普法↔执法位置（Wordscores）")
    if (fig := up.wordscore_chart(ev, corpus.reports)) is not None:
        st.plotly_chart(fig, width="stretch")
        ws = pos.wordscore
        st.text(f"本报告得分 {ws['score']:.3f}，95% 区间 {ws['lo']:.3f} 至 {ws['hi']:.3f}（分数越高越偏普法）")
    else:
        st.info("语料不足，无法计算位置")
with right:
    st.subheader("用词分布图")
    if (fig := up.map_chart(ev, corpus.reports)) is not None:
        st.plotly_chart(fig, width="stretch")

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
    k2.dataframe(dist, hide_index=True, width="stretch", height=420)

st.subheader("具体数据")
st.dataframe(up.facts_table(a, labels), hide_index=True, width="stretch", height=min(400, 40 + 35 * len(a.facts)))
st.subheader("与已存报告相同的段落")
pairs = up.shared_pairs(ev)
if not pairs:
    st.text("未发现与语料库中报告相同的段落（20 字以上）。")
for i, p in enumerate(pairs, 1):
    st.text(f"{i}. 与 {p['who']} 相同 {p['chars']} 字（左：本报告；右：{p['who']}；【】内为相同文字）")
    c1, c2 = st.columns(2)
    c1.code(p["mine"], language=None, wrap_lines=True)
    c2.code(p["theirs"], language=None, wrap_lines=True)
if st.toggle("显示提取的全文", key="upload_full_text"):
    st.code(a.text, language=None, wrap_lines=True)

st.subheader("加入语料库")
account = current_account()
if a.id in set(corpus.reports["id"]):
    st.info("这份报告已在语料库中。")
elif not account.is_editor:
    st.info("登录为编辑人员后可以把这份报告加入语料库（左侧栏“编辑人员登录”）。")
elif st.button("加入语料库", type="primary", key="upload_save"):
    try:
        outcome = pipeline.save_analysis(data.get_store(), a, resources=data.get_resources(), actor=account,
                                         source=file.name)
    except PermissionDenied as exc:
        st.error(str(exc))
    else:
        data.clear_caches()
        st.session_state["upload_flash"] = f"{outcome.message}：{meta.town or '未知乡镇'} {meta.year or ''}"
        st.rerun()
