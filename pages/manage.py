"""语料管理: add reports, correct metadata, remove reports, edit the indicator dictionary (editors only)."""

import streamlit as st

from analytics.readers import MAX_BYTES
from analytics.store import LEVELS
from ui import data, export, filters, manage, meeting, methods, views, widgets
from ui.auth import current_account, sign_in_box

sign_in_box()
account = current_account()
corpus = data.load_corpus()
st.title("语料管理")
meeting.page_setup()
if msg := st.session_state.pop("manage_flash", None):
    st.success(msg)
if not account.is_editor:
    st.info("浏览和分析不需要登录。添加、更正、删除报告和编辑指标词典需要编辑人员账户，请在左侧登录。")

everything = corpus.reports
reports = everything[everything["id"].isin(filters.apply(everything, filters.read_spec(everything)))]
st.subheader(f"语料库（{len(everything)} 份报告）")
if len(reports) < len(everything):
    st.caption(f"按左侧筛选显示其中 {len(reports)} 份；添加报告不受筛选影响。")
table = reports[manage.EDIT_COLUMNS + ["chars", "filename"]].rename(columns=manage.COLUMN_LABELS)
table["层级"] = table["层级"].map(views.LEVEL_LABELS).fillna(table["层级"])
if not account.is_editor:
    st.dataframe(views.show_missing(table.drop(columns=["编号"])), hide_index=True, column_config={"年份": st.column_config.NumberColumn(format="%d")})
export.downloads(table, name="语料库报告清单", key="mg_list_dl")
methods.show("counting", "basis")
if not account.is_editor:
    st.stop()

st.subheader("添加报告")
max_mb = MAX_BYTES // (1024 * 1024)
files = widgets.file_uploader(f"选择一个或多个报告文件（.txt / .md / .docx / .pdf，每个不超过 {max_mb} MB；其他格式会说明原因）",
                              key="mg_files", max_mb=max_mb, multiple=True)
if files and st.button(f"加入语料库（{len(files)} 个文件）", type="primary", key="mg_add"):
    bar = st.progress(0.0, text="正在分析……")
    results = manage.ingest_files([(f.name, f.getvalue()) for f in files], actor=account,
                                  progress=lambda i, n, name: bar.progress(i / n, text=f"{i}/{n}：{name}"))
    bar.empty()
    icons = {"added": "✅", "exists": "ℹ️", "failed": "❌"}
    for name, status, message in results:
        st.text(f"{icons[status]} {name}：{message}")  # file names are shown as plain text
    added = sum(s == "added" for _, s, _ in results)
    st.success(f"新增 {added} 份，已存在 {sum(s == 'exists' for _, s, _ in results)} 份，"
               f"失败 {sum(s == 'failed' for _, s, _ in results)} 份。")

st.subheader("更正元数据")
st.caption("直接在表格中修改乡镇、县区、年份等；修改后点击“保存更正”。乡镇、县区名只能包含汉字、数字和间隔号。")
before = reports[manage.EDIT_COLUMNS].copy()
edited = st.data_editor(before, hide_index=True, key="mg_editor", disabled=["id"], column_config={
    "id": st.column_config.TextColumn("编号"), "title": st.column_config.TextColumn("标题", width="large"),
    "town": "乡镇", "county": "县区", "province": "省份",
    "level": st.column_config.SelectboxColumn("层级", options=list(LEVELS), format_func=views.LEVEL_LABELS.get),
    "year": st.column_config.NumberColumn("年份", min_value=1990, max_value=2100, step=1, format="%d"),
})
changes = manage.metadata_changes(before, edited)
if st.button(f"保存更正（{len(changes)} 份报告有改动）", disabled=not changes, key="mg_save_meta"):
    errors = manage.save_metadata(changes, actor=account)
    if errors:
        st.error(widgets.plain_md("以下更正未能保存：\n" + "\n".join(errors)))
    else:
        st.session_state["manage_flash"] = f"已保存 {len(changes)} 份报告的更正。"
        st.rerun()

st.subheader("删除报告")
names = dict(zip(reports["id"], reports["label"]))
doomed = st.multiselect("选择要删除的报告", list(names), select_all=False, placeholder="请选择报告", key="mg_remove", format_func=lambda i: f"{names[i]}（{i[:8]}）")
sure = st.checkbox("我确认删除所选报告（不可撤销）", key="mg_sure", disabled=not doomed)
if st.button("删除", disabled=not (doomed and sure), key="mg_remove_btn"):
    n = manage.remove(doomed, actor=account)
    st.session_state["manage_flash"] = f"已删除 {n} 份报告。"
    st.rerun()

st.subheader("语料基准")
st.caption(widgets.plain_md(f"{data.freshness()}。新加入的报告会立即算出自己的关键词和相似报告；语料累计变化超过 10% "
                            "时，全部报告会在后台按新的语料重新计算。也可以现在手动重算（报告多时需要几分钟）。"))
if st.button("现在重新计算", key="mg_refit"):
    with st.spinner("正在重新计算……"):
        st.session_state["manage_flash"] = manage.refit_now(actor=account)
    st.rerun()

st.subheader("指标词典")
current = manage.dictionary_text()
st.dataframe(manage.themes_table(current), hide_index=True)
with st.expander("编辑词典（YAML 格式，供熟悉格式的管理员使用）"):
    st.caption("每个主题有 id（英文）、label（中文名称）、terms（词条列表）。词条可带条件，如 "
               "{term: 平台, requires: [政务], excludes: [学习]}：同一句里有“政务”且没有“学习”才计数。"
               "一个词条只属于一个主题，除非其他各处都带条件。保存后所有报告重新计数。")
    text = st.text_area("词典内容", current, height=360, key="mg_dict")
    c1, c2, _ = st.columns([1, 1, 4])
    checked = c1.button("检查", key="mg_dict_check")
    saved = c2.button("保存并重新计数", type="primary", key="mg_dict_save")
    if checked or saved:
        problems = manage.check_dictionary(text)
        if problems:
            st.error(widgets.plain_md("词典有以下问题，未保存：\n" + "\n".join(problems)))
        else:
            check = manage.precision_check(text)
            st.markdown("**在人工核对样本上的精确度**（样本来自内置报告和测试文本，逐条判断过是否真属于该主题）")
            st.dataframe(check, hide_index=True)
            for w in manage.precision_warnings(check):
                st.warning(widgets.plain_md(w))
            if not saved:
                st.success("词典格式正确。")
    if saved and not manage.check_dictionary(text):
        with st.spinner("正在按新词典重新计数……"):
            problems = manage.save_dictionary(text, actor=account)
        if problems:
            st.error(widgets.plain_md("词典未保存，有以下问题：\n" + "\n".join(problems)))
        else:
            st.session_state["manage_flash"] = "词典已保存，所有报告已按新词典重新计数。"
            st.rerun()
