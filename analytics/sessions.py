"""Sign-in sessions that survive a page reload: a random token kept by the browser as a cookie.

Only the SHA-256 of each token is stored (table ``auth_sessions`` in the report database, see
:data:`SCHEMA`), with its expiry. A token resolves to an account only while it is unexpired and
not revoked, the account still exists in the accounts file, and its password has not been reset
since (a fingerprint of the bcrypt hash is stored with the token); the role is read from the file
each time, so demoting an editor takes effect at once. Tokens are 256-bit random values, so a plain
hash is enough (nothing to brute-force).
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from analytics.accounts import Account, load_accounts, password_tag
from analytics.throttle import connect, default_db_path, immediate

SCHEMA = """
CREATE TABLE IF NOT EXISTS auth_sessions (
    token_hash TEXT PRIMARY KEY,  -- sha256 hex of the token; the token itself is never stored
    account TEXT NOT NULL,
    password_tag TEXT NOT NULL,   -- fingerprint of the account's bcrypt hash at sign-in
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    revoked_at REAL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS auth_sessions_account ON auth_sessions(account);
"""

DEFAULT_TTL_S = 8 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_\-]{43}$")  # secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def cookie_hash(token: str | None) -> str | None:
    """The hash of a token received from a browser, or None when it is not shaped like one of ours."""
    return hash_token(token) if token and _TOKEN.fullmatch(token) else None


class SessionTokens:
    """Issue, resolve and revoke session tokens in the database at ``path`` (default ``REPORTS_DB``)."""

    def __init__(self, path: str | os.PathLike | None = None, *, ttl_s: float = DEFAULT_TTL_S,
                 clock: Callable[[], float] = time.time, users: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.ttl_s = ttl_s
        self.clock = clock
        self.users = users  # accounts file; None means accounts.users_path() at each call

    def issue(self, name: str) -> str:
        """A new token for the existing account ``name``; only its hash is stored."""
        entry = load_accounts(self.users).get(name)
        if entry is None:
            raise KeyError(name)
        token = secrets.token_urlsafe(32)
        now = self.clock()
        with connect(self.path, schema=SCHEMA) as con, immediate(con):
            con.execute("DELETE FROM auth_sessions WHERE expires_at<=? OR revoked_at<=?",
                        (now - 86400, now - 86400))  # keep a day of history, then forget
            con.execute("INSERT INTO auth_sessions(token_hash, account, password_tag, created_at, expires_at)"
                        " VALUES (?, ?, ?, ?, ?)", (hash_token(token), name, password_tag(entry[1]), now,
                                                    now + self.ttl_s))
        return token

    def resolve(self, token: str | None) -> Account | None:
        """The account a token (e.g. from a cookie) stands for, or None."""
        token_hash = cookie_hash(token)
        return self.check(token_hash) if token_hash else None

    def check(self, token_hash: str) -> Account | None:
        """The account of a stored token hash if it is still valid, else None."""
        now = self.clock()
        with connect(self.path, schema=SCHEMA) as con:
            row = con.execute("SELECT account, password_tag FROM auth_sessions WHERE token_hash=?"
                              " AND revoked_at IS NULL AND expires_at>?", (token_hash, now)).fetchone()
        if row is None:
            return None
        entry = load_accounts(self.users).get(row[0])
        if entry is None or password_tag(entry[1]) != row[1]:
            return None
        return Account(name=row[0], role=entry[0])

    def revoke(self, token_hash: str) -> None:
        """Sign-out: the token is never accepted again."""
        with connect(self.path, schema=SCHEMA) as con:
            con.execute("UPDATE auth_sessions SET revoked_at=? WHERE token_hash=? AND revoked_at IS NULL",
                        (self.clock(), token_hash))

    def revoke_account(self, name: str) -> int:
        """Revoke every session of one account; returns how many were live."""
        now = self.clock()
        with connect(self.path, schema=SCHEMA) as con:
            return con.execute("UPDATE auth_sessions SET revoked_at=? WHERE account=? AND revoked_at IS NULL"
                               " AND expires_at>?", (now, name, now)).rowcount
