"""Session tokens that keep an editor signed in across a reload: only hashes stored, expiry,
revocation, and the accounts file still has the last word."""

from __future__ import annotations

import sqlite3

import bcrypt
import pytest

from analytics.accounts import Account, save_account
from analytics.sessions import SessionTokens, cookie_hash, hash_token
from tests.analytics.test_accounts import write_users
from tests.analytics.test_throttle import Clock


@pytest.fixture()
def users(tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    monkeypatch.setenv("REPORTS_USERS", str(path))
    write_users(path, {"zhang": ("editor", bcrypt.hashpw(b"zhang-secret-1", bcrypt.gensalt(4)).decode()),
                       "li": ("viewer", bcrypt.hashpw(b"li-secret-22", bcrypt.gensalt(4)).decode())})
    return path


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def tokens(tmp_path, users, clock) -> SessionTokens:
    return SessionTokens(tmp_path / "reports.db", clock=clock)


def test_a_token_resolves_and_only_its_hash_is_stored(tokens, clock):
    token = tokens.issue("zhang")
    assert len(token) == 43 and token != tokens.issue("zhang")
    assert tokens.resolve(token) == Account("zhang", "editor")
    assert SessionTokens(tokens.path, clock=clock).resolve(token) == Account("zhang", "editor")  # another process
    raw = tokens.path.read_bytes() + (tokens.path.with_name("reports.db-wal").read_bytes()
                                      if tokens.path.with_name("reports.db-wal").exists() else b"")
    assert token.encode() not in raw
    with sqlite3.connect(tokens.path) as con:
        assert con.execute("SELECT count(*) FROM auth_sessions WHERE token_hash=?", (hash_token(token),)).fetchone() == (1,)


def test_expired_tokens_are_refused(tokens, clock):
    token = tokens.issue("zhang")
    clock.advance(8 * 3600 - 1)
    assert tokens.resolve(token) is not None
    clock.advance(1)
    assert tokens.resolve(token) is None


def test_revoked_tokens_are_refused_and_others_stay(tokens):
    first, second = tokens.issue("zhang"), tokens.issue("zhang")
    tokens.revoke(hash_token(first))
    assert tokens.resolve(first) is None
    assert tokens.resolve(second) == Account("zhang", "editor")
    assert tokens.revoke_account("zhang") == 1
    assert tokens.resolve(second) is None


def test_the_accounts_file_has_the_last_word(tokens, users):
    token, viewer = tokens.issue("zhang"), tokens.issue("li")
    save_account("li", "li-secret-22", role="editor")  # password reset (same password, new hash)
    assert tokens.resolve(viewer) is None
    lines = users.read_text(encoding="utf-8").replace('role = "editor"', 'role = "viewer"')
    users.write_text(lines, encoding="utf-8")
    assert tokens.resolve(token) == Account("zhang", "viewer")  # a demotion applies at once
    users.write_text("", encoding="utf-8")
    assert tokens.resolve(token) is None  # account removed


@pytest.mark.parametrize("cookie", [None, "", "x", "A" * 43 + "\n", "A" * 42 + "=", "' OR 1=1 --" + "a" * 32,
                                    "A" * 43])
def test_anything_that_is_not_a_live_token_resolves_to_nobody(tokens, cookie):
    tokens.issue("zhang")
    assert tokens.resolve(cookie) is None
    if cookie and cookie != "A" * 43:
        assert cookie_hash(cookie) is None


def test_issuing_for_an_unknown_account_fails(tokens):
    with pytest.raises(KeyError):
        tokens.issue("ghost")
