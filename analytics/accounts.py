"""Editor accounts: who may write to the store.

Accounts live outside the code in a TOML file (env ``REPORTS_USERS``, default ``data/users.toml``,
git-ignored), passwords hashed with bcrypt. Anyone may read and analyse; saving, correcting,
removing and editing the dictionary need an account with role ``editor``. The write functions in
``pipeline`` call :func:`require_editor` themselves, whatever the UI shows.

The file is checked strictly: a file that is not valid TOML, has an unexpected shape, holds a
password hash that is not bcrypt, or can be written by other users raises :class:`AccountsError`
with a Chinese message naming the file and what to do; nothing signs in from such a file and
:func:`save_account` never rewrites it. :func:`sign_in` does the same bcrypt work whether or not the
name exists and counts every failure in a :class:`~analytics.throttle.Throttle`.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import stat
import tempfile
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import bcrypt

from analytics import DATA_DIR

ROLES = ("editor", "viewer")
DEFAULT_COST = 12  # bcrypt.gensalt() default; the dummy hash for unknown names uses the file's own cost
MAX_PASSWORD_BYTES = 72  # bcrypt's limit; bcrypt 5 raises ValueError beyond it
_NAME = re.compile(r"^[A-Za-z0-9_.\-]{2,32}$")
_BCRYPT = re.compile(r"^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$")
_ENTRY_KEYS = {"role", "password_hash"}
_FIX = "请修正该文件，或将其删除后用 python -m analytics user add 用户名 重新创建账户"


class PermissionDenied(PermissionError):
    """Raised by write functions for an actor that is not an editor (message in Chinese)."""


class AccountsError(Exception):
    """The accounts file cannot be used. ``str(exc)`` is one Chinese line naming the file and the fix."""

    def __init__(self, message: str, *, path: Path) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


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


# ---- reading the file ---------------------------------------------------------------------------
def _fault(path: Path, what: str, fix: str = _FIX) -> AccountsError:
    return AccountsError(f"账户文件 {path} 无法使用：{what}。{fix}。", path=path)


def check_permissions(path: Path) -> None:
    """Refuse a file that anyone but its owner may write, or a folder that lets anyone replace it.

    World-writable and group-writable files are both refused: whoever can write the file can add
    an editor account with a password of their choosing. A folder writable by everyone without
    the sticky bit lets anyone replace the file.
    """
    mode = path.stat().st_mode
    if mode & (stat.S_IWOTH | stat.S_IWGRP):
        who = "所有用户" if mode & stat.S_IWOTH else "同组用户"
        raise _fault(path, f"{who}都可以修改它（权限 {stat.filemode(mode)}），任何能改写该文件的人都能给自己添加编辑账号",
                     f"请运行 chmod 600 {path} 后再试")
    folder = path.parent.stat().st_mode
    if folder & stat.S_IWOTH and not folder & stat.S_ISVTX:
        raise _fault(path, f"所在文件夹 {path.parent} 所有用户都可以写入（权限 {stat.filemode(folder)}），任何人都能替换该文件",
                     f"请运行 chmod o-w {path.parent} 后再试")


def _parse(path: Path, raw: bytes) -> dict[str, tuple[str, str]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fault(path, f"不是 UTF-8 文本（第 {exc.start + 1} 个字节无法解码），看起来不是账户文件") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fault(path, f"不是有效的 TOML（{_toml_where(exc)}）") from None
    unknown = sorted(set(data) - {"users"})
    if unknown:
        raise _fault(path, f"含有无法识别的项 {', '.join(unknown)}（只应有 [users.\"用户名\"] 各节）")
    users = data.get("users", {})
    if not isinstance(users, dict):
        raise _fault(path, f"users 应为各账户的表（[users.\"用户名\"]），实际是{_kind(users)}")
    accounts: dict[str, tuple[str, str]] = {}
    for name, entry in users.items():
        if not isinstance(entry, dict):
            raise _fault(path, f"账户 {name} 应为一个表（含 role 与 password_hash），实际是{_kind(entry)}")
        extra = sorted(set(entry) - _ENTRY_KEYS)
        if extra:
            raise _fault(path, f"账户 {name} 含有无法识别的字段 {', '.join(extra)}（只允许 role 与 password_hash）")
        role = entry.get("role", "viewer")
        if role not in ROLES:
            raise _fault(path, f"账户 {name} 的角色 {role!r} 无效（应为 {' 或 '.join(ROLES)}）")
        hashed = entry.get("password_hash")
        if hashed is None:
            raise _fault(path, f"账户 {name} 缺少 password_hash")
        if not isinstance(hashed, str) or not _BCRYPT.fullmatch(hashed):
            raise _fault(path, f"账户 {name} 的 password_hash 不是 bcrypt 哈希（应形如 $2b$12$ 加 53 个字符），"
                               "密码不能以明文或其他哈希保存",
                         f"请从该文件中删除账户 {name} 这一节，再用 python -m analytics user add {name} 重新设置密码")
        accounts[name] = (role, hashed)
    return accounts


def _toml_where(exc: tomllib.TOMLDecodeError) -> str:
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    return f"第 {match[1]} 行第 {match[2]} 列附近" if match else "格式错误"


def _kind(value: object) -> str:
    names = {str: "字符串", int: "整数", float: "小数", bool: "布尔值", list: "数组"}
    return names.get(type(value), type(value).__name__) + f" {value!r}"[:60]


def load_accounts(path: Path | None = None) -> dict[str, tuple[str, str]]:
    """name -> (role, bcrypt hash). A missing file means no accounts; a faulty one raises AccountsError."""
    path = path or users_path()
    try:
        check_permissions(path)
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except IsADirectoryError:
        raise _fault(path, "这是一个文件夹而不是文件", "请删除该文件夹，或用环境变量 REPORTS_USERS 指定账户文件") from None
    except PermissionError:
        raise _fault(path, "没有读取权限", f"请让运行看板的用户能读取该文件（例如由该用户执行 chmod 600 {path}）") from None
    except OSError as exc:
        raise _fault(path, f"无法读取（{exc.strerror or exc}）", "请检查该文件与所在磁盘") from None
    return _parse(path, raw)


# ---- checking passwords -------------------------------------------------------------------------
_DUMMY: dict[int, bytes] = {}


def _dummy_hash(cost: int) -> bytes:
    """A bcrypt hash of a random secret at ``cost``, so an unknown name costs the same as a known one."""
    if cost not in _DUMMY:
        _DUMMY[cost] = bcrypt.hashpw(os.urandom(16).hex().encode("ascii"), bcrypt.gensalt(cost))
    return _DUMMY[cost]


def _cost(hashed: str) -> int:
    return int(hashed[4:6])


def _typical_cost(accounts: dict[str, tuple[str, str]]) -> int:
    costs = [_cost(h) for _, h in accounts.values()]
    return max(set(costs), key=costs.count) if costs else DEFAULT_COST


def authenticate(name: str, password: str, *, path: Path | None = None) -> Account | None:
    """The account if ``password`` is right. Always one bcrypt check, against a dummy hash of the
    same cost when the name is unknown, so timing does not tell which names exist."""
    accounts = load_accounts(path)
    dummy = _dummy_hash(_typical_cost(accounts))  # made (once per process) before the lookup, for both cases
    entry = accounts.get(name)
    secret = password.encode("utf-8")
    fits = 0 < len(secret) <= MAX_PASSWORD_BYTES
    hashed = entry[1].encode("ascii") if entry else dummy
    ok = bcrypt.checkpw(secret[:MAX_PASSWORD_BYTES], hashed)
    if ok and fits and entry is not None:
        return Account(name=name, role=entry[0])
    return None


def password_tag(hashed: str) -> str:
    """A short fingerprint of a stored bcrypt hash: changes when the password is reset."""
    return hashlib.sha256(hashed.encode("ascii")).hexdigest()[:32]


@dataclass(frozen=True)
class SignInResult:
    """Outcome of one sign-in attempt: the account, or a Chinese message saying why not."""

    account: Account | None
    message: str | None = None
    retry_after: float = 0.0  # seconds until a lock ends (0 when not locked)


WRONG_CREDENTIALS = "用户名或密码不正确"


def sign_in(name: str, password: str, *, client: str, throttle, path: Path | None = None) -> SignInResult:
    """Check a sign-in under the attempt limits of ``throttle`` (an :class:`analytics.throttle.Throttle`).

    Refused at once, without a password check, while the account name or the client is locked.
    Otherwise the attempt is counted (for unknown names too, without creating anything) and one
    bcrypt check is made; success clears the account's counter. Raises AccountsError for a faulty
    accounts file (the attempt still counts).
    """
    name = name.strip()
    if not name or not password:
        return SignInResult(None, "请输入用户名和密码")
    refusal = throttle.attempt(account=name, client=client)
    if refusal is not None:
        return SignInResult(None, refusal.message, refusal.retry_after)
    account = authenticate(name, password, path=path)
    if account is None:
        return SignInResult(None, WRONG_CREDENTIALS)
    throttle.succeeded(account=name)
    return SignInResult(account)


# ---- writing the file ---------------------------------------------------------------------------
@contextmanager
def _file_lock(path: Path):
    """Serialise concurrent ``user add`` runs on one accounts file (a lock on its folder: no stray lock file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def check_new_account(name: str, password: str | None = None, *, role: str = "editor") -> None:
    """Raise ValueError (Chinese) for a name, role or password (unless None) that cannot be saved."""
    if not _NAME.fullmatch(name):
        raise ValueError("用户名只能包含 2–32 个英文字母、数字、下划线、点或连字符")
    if role not in ROLES:
        raise ValueError(f"角色必须是 {'/'.join(ROLES)} 之一")
    if password is None:
        return
    if len(password) < 8:
        raise ValueError("密码至少 8 个字符")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise ValueError(f"密码最多 {MAX_PASSWORD_BYTES} 个字节（UTF-8 编码；一个汉字占 3 个字节）")


def save_account(name: str, password: str, *, role: str = "editor", path: Path | None = None) -> None:
    """Create or replace an account (file written atomically, mode 0600, or 0640 if it was group-readable).

    Raises ValueError for a bad name/role/password and AccountsError when the existing file is
    faulty: a file that cannot be read completely is never rewritten, so no entry is dropped.
    """
    check_new_account(name, password, role=role)
    path = path or users_path()
    try:
        with _file_lock(path):
            accounts = load_accounts(path)
            accounts[name] = (role, bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii"))
            lines = ["# Editor accounts for the dashboard (bcrypt hashes). "
                     "Manage with: python -m analytics user add NAME", ""]
            for user, (r, h) in sorted(accounts.items()):
                lines += [f"[users.{_toml_key(user)}]", f'role = "{r}"', f'password_hash = "{h}"', ""]
            _write_atomically(path, "\n".join(lines))
    except OSError as exc:
        raise _fault(path, f"无法写入（{exc.strerror or exc}）",
                     f"请确认运行命令的用户可以写入文件夹 {path.parent}") from None


def _write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` in one step; owner read/write (and group read if it had it), never more."""
    try:
        mode = 0o600 | (path.stat().st_mode & 0o040)
    except FileNotFoundError:
        mode = 0o600
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _toml_key(name: str) -> str:
    """A TOML quoted key for any name read from the file (names saved here are plain ASCII)."""
    escaped = "".join(c if c.isprintable() and c not in '"\\' else f"\\U{ord(c):08x}" for c in name)
    return f'"{escaped}"'


def require_editor(actor: Account | None) -> None:
    if actor is None or not actor.is_editor:
        raise PermissionDenied("只有登录的编辑人员才能修改语料库（保存、更正、删除或编辑词典）")
