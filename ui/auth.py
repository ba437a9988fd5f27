"""Sidebar sign-in for editors. The account lives in ``st.session_state`` (never in a cache).

Anyone may browse and analyse; pages that write show their controls when
``current_account().is_editor``, and the write functions in ``analytics.pipeline`` check the role
again themselves.

Hostile users: attempts are limited per account name and per client in the report database
(:mod:`analytics.throttle`), so a new session or a reload does not reset them; an unknown name costs
the same bcrypt check as a known one; a faulty accounts file is explained in the box, never shown as
a traceback.

Reload: a successful sign-in issues a random session token (:mod:`analytics.sessions`, only its
hash stored, 8-hour expiry). The browser keeps it as a cookie set by a one-off script (``st.html``
with ``unsafe_allow_javascript``: Streamlit offers no server-side Set-Cookie to a script), with
``SameSite=Strict; Path=/`` (and ``Secure`` over HTTPS); a new session reads it back from
``st.context.cookies`` (the cookies of the WebSocket handshake). Sign-out revokes the token in the
database and deletes the cookie. Every run re-checks the token, so a revoked or expired token, a
password reset or a removed account ends the session in every tab.
"""

from __future__ import annotations

import ipaddress
import json
import sqlite3

import streamlit as st
from streamlit.errors import StreamlitDuplicateElementKey

from analytics.accounts import ANONYMOUS, Account, AccountsError, sign_in
from analytics.sessions import DEFAULT_TTL_S, SessionTokens, cookie_hash, hash_token
from analytics.throttle import Policy, Throttle

SESSION_KEY = "auth_account"
TOKEN_KEY = "auth_token_hash"  # sha256 of this session's token
_COOKIE_OUT_KEY = "auth_cookie_out"  # token to store in the browser on the next run, "" to delete the cookie
_COOKIE_READ_KEY = "auth_cookie_read"
COOKIE_NAME = "reports_session"
POLICY = Policy()
HELP = ("无需登录即可浏览和分析；加入语料库、更正元数据、删除报告和编辑词典需要编辑人员登录。"
        + POLICY.help_text()
        + f"登录后 {DEFAULT_TTL_S // 3600} 小时内刷新页面仍保持登录；退出登录后该登录凭据立即作废。")


def client_key(ip: str | None) -> str:
    """The per-client key of the attempt limit: the connection's IP address (an IPv6 address by its
    /64 network, which one subscriber usually holds whole); ``local`` for loopback or unknown."""
    if not ip:
        return "local"
    try:
        addr = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return "ip:" + ip[:64]
    if addr.version == 6 and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    if addr.version == 6:
        return "net:" + str(ipaddress.ip_network(f"{addr}/64", strict=False))
    return "ip:" + str(addr)


def _client_ip() -> str | None:
    """``st.context.ip_address``: the TCP peer of the app's WebSocket (uvicorn replaces it with
    X-Forwarded-For only when the peer is a trusted proxy, by default 127.0.0.1/::1); None on loopback."""
    try:
        ip = st.context.ip_address
    except Exception:  # no client context (bare script run)
        return None
    return ip if isinstance(ip, str) else None


def _cookie_token() -> str | None:
    """The session token the browser sent with the WebSocket handshake, if any."""
    try:
        token = st.context.cookies.get(COOKIE_NAME)
    except Exception:  # no client context (bare script run)
        return None
    return token if isinstance(token, str) else None


def _throttle() -> Throttle:
    return Throttle(policy=POLICY)


def _tokens() -> SessionTokens:
    return SessionTokens()


def _db_message(exc: sqlite3.Error) -> str:
    return (f"暂时无法登录：无法在数据库 {_throttle().path} 中记录登录尝试（{exc}）。"
            "请管理员确认该文件存在且可写。")


def current_account() -> Account:
    """The signed-in account of this browser session, ANONYMOUS when signed out."""
    account = st.session_state.get(SESSION_KEY)
    return account if isinstance(account, Account) else ANONYMOUS


def sign_out() -> None:
    """Revoke this session's token server-side and forget the account; the cookie is deleted next run."""
    token_hash = st.session_state.get(TOKEN_KEY)
    if token_hash:
        _tokens().revoke(token_hash)
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state.pop(SESSION_KEY, None)
    st.session_state[_COOKIE_OUT_KEY] = ""


def _restore() -> str | None:
    """Re-check this session's token, or adopt the browser's cookie once per session.

    Returns a Chinese message when the accounts file is faulty (the session is then signed out
    until the file is fixed)."""
    state = st.session_state
    token_hash = state.get(TOKEN_KEY)
    if token_hash is None and not state.get(_COOKIE_READ_KEY) and not isinstance(state.get(SESSION_KEY), Account):
        state[_COOKIE_READ_KEY] = True
        token_hash = cookie_hash(_cookie_token())
    if not token_hash:
        return None
    try:
        account = _tokens().check(token_hash)
    except AccountsError as exc:
        state.pop(SESSION_KEY, None)
        state[TOKEN_KEY] = token_hash  # re-checked once the file is fixed
        return exc.message
    if account is None:
        state.pop(SESSION_KEY, None)
        state.pop(TOKEN_KEY, None)
    else:
        state[SESSION_KEY] = account
        state[TOKEN_KEY] = token_hash
    return None


def _try_sign_in(name: str, password: str) -> str | None:
    """Sign in; returns a Chinese error message or None on success."""
    try:
        result = sign_in(name, password, client=client_key(_client_ip()), throttle=_throttle())
        if result.account is None:
            return result.message
        token = _tokens().issue(result.account.name)
    except AccountsError as exc:
        return exc.message
    except sqlite3.Error as exc:
        return _db_message(exc)
    st.session_state[SESSION_KEY] = result.account
    st.session_state[TOKEN_KEY] = hash_token(token)
    st.session_state[_COOKIE_OUT_KEY] = token
    return None


def cookie_script(token: str) -> str:
    """A script that stores ``token`` as the session cookie, or deletes the cookie when empty."""
    value, age = (token, int(DEFAULT_TTL_S)) if token else ("", 0)
    cookie = json.dumps(f"{COOKIE_NAME}={value}; Path=/; Max-Age={age}; SameSite=Strict")
    return ("<script>(function(){var c=" + cookie + ";"
            "if(window.location.protocol==='https:'){c+='; Secure';}document.cookie=c;})();</script>")


def _emit_cookie() -> None:
    token = st.session_state.pop(_COOKIE_OUT_KEY, None)
    if token is not None:
        st.html(cookie_script(token), unsafe_allow_javascript=True)


def sign_in_box() -> Account:
    """Sign-in / sign-out widget in the sidebar. Safe to call more than once per run (drawn once)."""
    try:
        box = st.sidebar.container(key="auth-box")
    except StreamlitDuplicateElementKey:
        return current_account()
    try:
        problem = _restore()
    except sqlite3.Error as exc:
        problem = _db_message(exc)
    account = current_account()
    with box:
        _emit_cookie()
        if account is not ANONYMOUS:
            role = "编辑人员" if account.is_editor else "只读"
            st.text(f"已登录：{account.name}（{role}）")
            if st.button("退出登录", key="auth_sign_out"):
                try:
                    sign_out()
                except sqlite3.Error as exc:
                    st.error(_db_message(exc))
                else:
                    st.rerun()
            return account
        with st.expander("编辑人员登录", expanded=problem is not None):
            if problem:
                st.error(problem)
            with st.form("auth_sign_in", clear_on_submit=True, border=False):
                name = st.text_input("用户名", key="auth_name", max_chars=64)
                password = st.text_input("密码", type="password", key="auth_password", max_chars=128)
                submitted = st.form_submit_button("登录")
            if submitted:
                error = _try_sign_in(name, password)
                if error and error != problem:
                    st.error(error)
                elif not error:
                    st.rerun()
            st.caption(HELP)
    return current_account()
