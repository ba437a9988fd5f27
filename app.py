"""Entry point: navigation (and a once-per-process warm-up of the corpus model). Run with `make run`."""

import streamlit as st

from ui.data import warm_in_background

st.set_page_config(page_title="法治政府建设报告分析", page_icon=":material/gavel:", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="总览", icon=":material/dashboard:", default=True),
    st.Page("pages/town.py", title="乡镇档案", icon=":material/location_city:", url_path="town"),
    st.Page("pages/themes.py", title="主题对比", icon=":material/bar_chart:"),
    st.Page("pages/keywords.py", title="关键词", icon=":material/key:"),
    st.Page("pages/kwic.py", title="原文检索", icon=":material/search:"),
    st.Page("pages/quality.py", title="结构与质量", icon=":material/fact_check:"),
    st.Page("pages/upload.py", title="上传评估", icon=":material/upload_file:"),
    st.Page("pages/manage.py", title="语料管理", icon=":material/folder_managed:"),
]

# Streamlit runs this file as __main__; a worker process started with "spawn" (the re-derivation of a large
# store, analytics.pipeline) imports it as __mp_main__ and must not run the app (the multiprocessing guard).
if __name__ == "__main__":
    try:
        st.navigation(PAGES).run()
    finally:  # also when the page stops early (st.stop): once per server process, after the first page's work
        warm_in_background()
