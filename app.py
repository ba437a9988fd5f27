"""Entry point: navigation only. Run with `make run`."""

import streamlit as st

st.set_page_config(page_title="法治政府建设报告分析", page_icon="⚖️", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="总览", icon="📊", default=True),
    st.Page("pages/themes.py", title="主题对比", icon="📈"),
    st.Page("pages/keywords.py", title="关键词", icon="🔑"),
    st.Page("pages/kwic.py", title="原文检索", icon="🔍"),
    st.Page("pages/quality.py", title="结构与质量", icon="🧩"),
    st.Page("pages/upload.py", title="上传评估", icon="📤"),
    st.Page("pages/manage.py", title="语料管理", icon="🗂️"),
]

st.navigation(PAGES).run()
