"""Editor accounts: who may write to the store.

Accounts live outside the code in a TOML file (env ``REPORTS_USERS``, default ``data/users.toml``,
git-ignored), passwords hashed with bcrypt. Anyone may read and analyse; saving, correcting,
removing and editing the dictionary need an account with role ``editor``. The write functions in
``pipeline`` call :func:`require_editor` themselves, whatever the UI shows.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import bcrypt

from analytics import DATA_DIR

ROLES = ("editor", "viewer")
_NAME = re.compile(r"^[A-Za-z0-9_.\-]{2,32}$")


class PermissionDenied(PermissionError):
    """Raised by write functions for an actor that is not an editor (message in Chinese)."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str

    @property
    def is_editor(self) -> bool:
        return self.role == "editor"

    @classmethod
    def local_admin(cls) -> "Account":
        """The person at the server's shell (CLI): already has write access to the database file."""
        return cls(name="local-cli", role="editor")


ANONYMOUS = Account(name="anonymous", role="viewer")


def users_path() -> Path:
    return Path(os.environ.get("REPORTS_USERS") or DATA_DIR / "users.toml")


def load_accounts(path: Path | None = None) -> dict[str, tuple[str, str]]:
    """name -> (role, bcrypt hash). A missing file means no accounts."""
    path = path or users_path()
    if not path.exists():
        return {}
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    users = data.get("users", {})
    return {name: (u.get("role", "viewer"), u["password_hash"]) for name, u in users.items() if "password_hash" in u}


def authenticate(name: str, password: str, *, path: Path | None = None) -> Account | None:
    entry = load_accounts(path).get(name)
    if entry is None or not password:
        return None
    role, hashed = entry
    if bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii")):
        return Account(name=name, role=role)
    return None


def save_account(name: str, password: str, *, role: str = "editor", path: Path | None = None) -> None:
    """Create or replace an account (file written atomically, readable only by its owner)."""
    if not _NAME.match(name):
        raise ValueError("用户名只能包含 2–32 个英文字母、数字、下划线、点或连字符")
    if role not in ROLES:
        raise ValueError(f"角色必须是 {'/'.join(ROLES)} 之一")
    if len(password) < 8:
        raise ValueError("密码至少 8 个字符")
    path = path or users_path()
    accounts = load_accounts(path)
    accounts[name] = (role, bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii"))
    lines = ["# Editor accounts for the dashboard (bcrypt hashes). Manage with: python -m analytics user add NAME", ""]
    for user, (r, h) in sorted(accounts.items()):
        lines += [f'[users."{user}"]', f'role = "{r}"', f'password_hash = "{h}"', ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    os.chmod(tmp, 0o600)
    tmp.replace(path)


def require_editor(actor: Account | None) -> None:
    if actor is None or not actor.is_editor:
        raise PermissionDenied("只有登录的编辑人员才能修改语料库（保存、更正、删除或编辑词典）")
