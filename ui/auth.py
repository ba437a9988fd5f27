"""Sidebar sign-in for editors. The account lives in ``st.session_state`` only (never in a cache).

Anyone may browse and analyse; pages that write show their controls when
``current_account().is_editor``, and the write functions in ``analytics.pipeline`` check the role
again themselves.
"""

from __future__ import annotations

import time

import streamlit as st
from streamlit.errors import StreamlitDuplicateElementKey

from analytics.accounts import ANONYMOUS, Account, authenticate

SESSION_KEY = "auth_account"
_FAILS_KEY = "auth_failures"
MAX_FAILURES = 5
LOCKOUT_SECONDS = 60


def current_account() -> Account:
    """The signed-in account of this browser session, ANONYMOUS when signed out."""
    account = st.session_state.get(SESSION_KEY)
    return account if isinstance(account, Account) else ANONYMOUS


def sign_out() -> None:
    st.session_state.pop(SESSION_KEY, None)


def _try_sign_in(name: str, password: str) -> str | None:
    """Sign in; returns a Chinese error message or None on success."""
    fails, since = st.session_state.get(_FAILS_KEY, (0, 0.0))
    if fails >= MAX_FAILURES and time.monotonic() - since < LOCKOUT_SECONDS:
        return f"登录失败次数过多，请 {LOCKOUT_SECONDS} 秒后再试"
    account = authenticate(name.strip(), password) if name.strip() and password else None
    if account is None:
        st.session_state[_FAILS_KEY] = (fails + 1, time.monotonic())
        return "用户名或密码不正确"
    st.session_state.pop(_FAILS_KEY, None)
    st.session_state[SESSION_KEY] = account
    return None


def sign_in_box() -> Account:
    """Sign-in / sign-out widget in the sidebar. Safe to call more than once per run (drawn once)."""
    try:
        box = st.sidebar.container(key="auth-box")
    except StreamlitDuplicateElementKey:
        return current_account()
    account = current_account()
    with box:
        if account is not ANONYMOUS:
            role = "编辑人员" if account.is_editor else "只读"
            st.text(f"已登录：{account.name}（{role}）")
            if st.button("退出登录", key="auth_sign_out"):
                sign_out()
                st.rerun()
            return account
        with st.expander("编辑人员登录", expanded=False):
            with st.form("auth_sign_in", clear_on_submit=True, border=False):
                name = st.text_input("用户名", key="auth_name")
                password = st.text_input("密码", type="password", key="auth_password")
                submitted = st.form_submit_button("登录")
            if submitted:
                error = _try_sign_in(name, password)
                if error:
                    st.error(error)
                else:
                    st.rerun()
            st.caption("无需登录即可浏览和分析；加入语料库、更正元数据、删除报告和编辑词典需要编辑人员登录。")
    return current_account()
