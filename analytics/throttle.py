"""Sign-in attempt limits per account name and per client, shared by every session and restart.

Failures and locks live in the report database (env ``REPORTS_DB``, default ``data/reports.db``)
in two tables of their own (:data:`SCHEMA`), written through short sqlite3 connections. An attempt
is *reserved* before the password is checked: inside one ``BEGIN IMMEDIATE`` transaction it is
refused while its account name or client is locked, and otherwise recorded as a failure at once,
so parallel sessions cannot slip extra guesses past the limit while bcrypt runs.
:meth:`Throttle.succeeded` then removes the account's failures. When a name or client reaches its
limit within the window it is locked for ``lockout_s`` seconds and its failures are forgotten, so
it gets a fresh allowance after the lock. The client counter is not cleared by a success: a guesser
holding one valid account could otherwise reset it between guesses at others.
"""

from __future__ import annotations

import math
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from analytics import DATA_DIR

SCHEMA = """
CREATE TABLE IF NOT EXISTS auth_failures (
    scope TEXT NOT NULL,  -- 'account' or 'client'
    key TEXT NOT NULL,    -- the account name as typed (stripped, at most 64 characters) or the client key
    at REAL NOT NULL      -- unix time of the attempt
);
CREATE INDEX IF NOT EXISTS auth_failures_key ON auth_failures(scope, key, at);
CREATE TABLE IF NOT EXISTS auth_locks (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    until REAL NOT NULL,  -- unix time the lock ends
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;
"""

KEY_CHARS = 64
Scope = Literal["account", "client"]


def default_db_path() -> Path:
    """The report database: env ``REPORTS_DB`` or ``data/reports.db`` (as ``analytics.store``)."""
    return Path(os.environ.get("REPORTS_DB") or DATA_DIR / "reports.db")


@contextmanager
def connect(path: Path, *, schema: str) -> Iterator[sqlite3.Connection]:
    """A short autocommit connection that has created ``schema`` (idempotent DDL)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        con.execute("PRAGMA synchronous=NORMAL")
        con.executescript(schema)
        yield con
    finally:
        con.close()


@contextmanager
def immediate(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


@dataclass(frozen=True)
class Policy:
    account_failures: int = 5
    client_failures: int = 20
    window_s: float = 15 * 60
    lockout_s: float = 15 * 60

    def help_text(self) -> str:
        """The policy in Chinese, for the sign-in box."""
        return (f"同一用户名 {_minutes(self.window_s)} 分钟内登录失败 {self.account_failures} 次，"
                f"或同一网络地址 {_minutes(self.window_s)} 分钟内失败 {self.client_failures} 次，"
                f"该用户名或地址将被锁定 {_minutes(self.lockout_s)} 分钟（刷新页面或换浏览器也无法绕过）。")


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:g}"


@dataclass(frozen=True)
class Refusal:
    """An attempt refused because its account name or client is locked."""

    scope: Scope
    retry_after: float  # seconds until the lock ends

    @property
    def message(self) -> str:
        minutes = max(1, math.ceil(self.retry_after / 60))
        who = "该用户名" if self.scope == "account" else "您所在的网络地址"
        return f"登录失败次数过多，{who}已被暂时锁定，请 {minutes} 分钟后再试"


class Throttle:
    """Attempt limits over the database at ``path`` (default :func:`default_db_path`).

    Instances are cheap and hold no state besides the path: two instances (two sessions, two
    processes) on one database see the same counters.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, policy: Policy = Policy(),
                 clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.policy = policy
        self.clock = clock

    def _limits(self) -> dict[Scope, int]:
        return {"account": self.policy.account_failures, "client": self.policy.client_failures}

    def locked(self, *, account: str, client: str) -> Refusal | None:
        """The lock that would refuse an attempt now (read only), client first."""
        now = self.clock()
        with connect(self.path, schema=SCHEMA) as con:
            return self._lock(con, now, {"client": _key(client), "account": _key(account)})

    @staticmethod
    def _lock(con: sqlite3.Connection, now: float, keys: dict[Scope, str]) -> Refusal | None:
        for scope, key in keys.items():
            row = con.execute("SELECT until FROM auth_locks WHERE scope=? AND key=? AND until>?",
                              (scope, key, now)).fetchone()
            if row:
                return Refusal(scope, row[0] - now)
        return None

    def attempt(self, *, account: str, client: str) -> Refusal | None:
        """Reserve one attempt: a Refusal while locked; otherwise None, and the attempt is counted as a
        failure for both the account name and the client until :meth:`succeeded` is called."""
        now = self.clock()
        keys: dict[Scope, str] = {"client": _key(client), "account": _key(account)}
        with connect(self.path, schema=SCHEMA) as con, immediate(con):
            con.execute("DELETE FROM auth_failures WHERE at<=?", (now - self.policy.window_s,))
            con.execute("DELETE FROM auth_locks WHERE until<=?", (now,))
            refusal = self._lock(con, now, keys)
            if refusal is not None:
                return refusal
            for scope, key in keys.items():
                con.execute("INSERT INTO auth_failures(scope, key, at) VALUES (?, ?, ?)", (scope, key, now))
                (count,) = con.execute("SELECT count(*) FROM auth_failures WHERE scope=? AND key=? AND at>?",
                                       (scope, key, now - self.policy.window_s)).fetchone()
                if count >= self._limits()[scope]:
                    con.execute("INSERT OR REPLACE INTO auth_locks(scope, key, until) VALUES (?, ?, ?)",
                                (scope, key, now + self.policy.lockout_s))
                    con.execute("DELETE FROM auth_failures WHERE scope=? AND key=?", (scope, key))
        return None

    def succeeded(self, *, account: str) -> None:
        """A correct password: forget the account's failures (and a lock its last attempt set)."""
        key = _key(account)
        with connect(self.path, schema=SCHEMA) as con, immediate(con):
            con.execute("DELETE FROM auth_failures WHERE scope='account' AND key=?", (key,))
            con.execute("DELETE FROM auth_locks WHERE scope='account' AND key=?", (key,))

    def failures(self, *, scope: Scope, key: str) -> int:
        """Failures counted in the current window for one account name or client."""
        now = self.clock()
        with connect(self.path, schema=SCHEMA) as con:
            (count,) = con.execute("SELECT count(*) FROM auth_failures WHERE scope=? AND key=? AND at>?",
                                   (scope, _key(key), now - self.policy.window_s)).fetchone()
        return count


def _key(value: str) -> str:
    return value.strip()[:KEY_CHARS]
