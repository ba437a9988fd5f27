"""The sidebar sign-in box (AppTest): limits hold across sessions, a faulty accounts file is
explained instead of a traceback, and a session token keeps an editor signed in across a reload."""

from __future__ import annotations

import os
import sqlite3

import bcrypt
import pytest
from streamlit.testing.v1 import AppTest

from analytics.sessions import hash_token
from tests.analytics.test_accounts import BROKEN, write_broken, write_users
from ui import auth

SCRIPT = """
import streamlit as st
from ui.auth import current_account, sign_in_box

sign_in_box()
st.write("身份：" + current_account().name + "/" + current_account().role)
"""
PASSWORD = "zhou-secret-88"


@pytest.fixture()
def users(tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    monkeypatch.setenv("REPORTS_USERS", str(path))
    monkeypatch.setenv("REPORTS_DB", str(tmp_path / "reports.db"))
    write_users(path, {"zhou": ("editor", bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode())})
    return path


@pytest.fixture()
def cookie(monkeypatch):
    """What the browser sends with the WebSocket handshake (AppTest cannot seed st.context.cookies)."""
    jar: dict[str, str | None] = {"token": None}
    monkeypatch.setattr(auth, "_cookie_token", lambda: jar["token"])
    return jar


def box() -> AppTest:
    return AppTest.from_string(SCRIPT, default_timeout=60).run()


def submit(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="auth_name").input(name)
    at.text_input(key="auth_password").input(password)
    next(b for b in at.button if b.label == "登录").click()
    return at.run()


def who(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("身份："))


def cookie_scripts(at: AppTest) -> list[str]:
    return [h.value for h in at.get("html") if "document.cookie" in h.value]


def test_five_failures_lock_the_account_for_a_fresh_session(users):
    at = box()
    for i in range(5):
        at = submit(at, "zhou", f"wrong-guess-{i}")
        assert not at.exception
        assert [e.value for e in at.error] == ["用户名或密码不正确"]
    fresh = submit(box(), "zhou", PASSWORD)  # a new session (reload, another browser) with the right password
    assert not fresh.exception
    assert who(fresh) == "身份：anonymous/viewer"
    assert len(fresh.error) == 1 and "该用户名已被暂时锁定" in fresh.error[0].value
    assert any("15 分钟内登录失败 5 次" in c.value and "锁定 15 分钟" in c.value for c in fresh.caption)


def test_right_password_signs_in_and_clears_earlier_failures(users):
    at = box()
    for i in range(3):
        at = submit(at, "zhou", f"wrong-guess-{i}")
    at = submit(at, "zhou", PASSWORD)
    assert not at.exception and who(at) == "身份：zhou/editor"
    assert at.text[0].value == "已登录：zhou（编辑人员）"
    fresh = box()
    for i in range(4):  # the counter was cleared: four new mistakes do not lock
        fresh = submit(fresh, "zhou", f"later-guess-{i}")
    assert who(submit(fresh, "zhou", PASSWORD)) == "身份：zhou/editor"


@pytest.mark.parametrize("kind", ["malformed_toml", "users_is_a_string", "plaintext_hash", "non_ascii_hash",
                                  "random_bytes", "world_writable"])
def test_a_faulty_accounts_file_is_explained_not_a_traceback(users, kind):
    if kind == "world_writable":
        os.chmod(users, 0o666)
        expected = f"chmod 600 {users}"
    else:
        write_broken(users, kind)
        expected = BROKEN[kind][1]
    at = submit(box(), "zhou", PASSWORD)
    assert not at.exception
    assert who(at) == "身份：anonymous/viewer"
    assert len(at.error) == 1
    message = at.error[0].value
    assert message.startswith(f"账户文件 {users} 无法使用：") and expected in message


def test_sign_in_sets_a_strict_cookie_and_a_reload_stays_signed_in(users, cookie):
    at = submit(box(), "zhou", PASSWORD)
    scripts = cookie_scripts(at)
    assert len(scripts) == 1
    script = scripts[0]
    assert "reports_session=" in script and "Path=/" in script and "SameSite=Strict" in script
    assert "Max-Age=28800" in script and "'https:'" in script and "Secure" in script
    token = script.split("reports_session=")[1].split(";")[0]
    assert at.session_state[auth.TOKEN_KEY] == hash_token(token)
    assert not cookie_scripts(at.run())  # the script is sent once, not on every rerun

    cookie["token"] = token
    reloaded = box()  # a reload: new session, the browser sends the cookie
    assert who(reloaded) == "身份：zhou/editor" and not reloaded.error
    cookie["token"] = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert who(box()) == "身份：anonymous/viewer"


def test_sign_out_revokes_the_token_everywhere(users, cookie, tmp_path):
    at = submit(box(), "zhou", PASSWORD)
    token = cookie_scripts(at)[0].split("reports_session=")[1].split(";")[0]
    cookie["token"] = token
    other_tab = box()
    assert who(other_tab) == "身份：zhou/editor"
    next(b for b in at.button if b.label == "退出登录").click()
    at = at.run()
    assert who(at) == "身份：anonymous/viewer"
    assert any("reports_session=; Path=/; Max-Age=0" in s for s in cookie_scripts(at))  # the browser forgets it
    with sqlite3.connect(tmp_path / "reports.db") as con:
        (revoked,) = con.execute("SELECT revoked_at FROM auth_sessions WHERE token_hash=?",
                                 (hash_token(token),)).fetchone()
    assert revoked is not None
    assert who(other_tab.run()) == "身份：anonymous/viewer"  # the next rerun of the other tab re-checks
    assert who(box()) == "身份：anonymous/viewer"  # a reload with the old cookie is refused


def test_a_password_reset_ends_restored_sessions(users, cookie):
    at = submit(box(), "zhou", PASSWORD)
    cookie["token"] = cookie_scripts(at)[0].split("reports_session=")[1].split(";")[0]
    write_users(users, {"zhou": ("editor", bcrypt.hashpw(b"new-secret-99", bcrypt.gensalt(4)).decode())})
    assert who(box()) == "身份：anonymous/viewer"
    assert who(at.run()) == "身份：anonymous/viewer"


def test_an_account_set_by_the_server_without_a_token_is_kept(users):
    at = AppTest.from_string(SCRIPT, default_timeout=60)
    at.session_state[auth.SESSION_KEY] = auth.Account("editor", "editor")
    assert who(at.run()) == "身份：editor/editor"


@pytest.mark.parametrize("ip, key", [(None, "local"), ("203.0.113.7", "ip:203.0.113.7"),
                                     ("::ffff:203.0.113.7", "ip:203.0.113.7"),
                                     ("2001:db8:1:2:aaaa::1", "net:2001:db8:1:2::/64"),
                                     ("2001:db8:1:2:bbbb::9", "net:2001:db8:1:2::/64"), ("not an ip", "ip:not an ip")])
def test_client_key(ip, key):
    assert auth.client_key(ip) == key
