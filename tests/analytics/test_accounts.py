"""Accounts: bcrypt-hashed editors in a file outside the code; write functions check the role;
a faulty accounts file is explained in Chinese and never rewritten; unknown names cost a bcrypt check."""

from __future__ import annotations

import io
import os
import random

import bcrypt
import pytest

from analytics import accounts
from analytics.__main__ import main
from analytics.accounts import (ANONYMOUS, Account, AccountsError, PermissionDenied, authenticate, load_accounts,
                                require_editor, save_account, sign_in, users_path)
from analytics.throttle import Throttle


@pytest.fixture()
def users(tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    monkeypatch.setenv("REPORTS_USERS", str(path))
    return path


def fast_hash(password: str, cost: int = 4) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(cost)).decode("ascii")


def write_users(path, entries: dict[str, tuple[str, str]], *, mode: int = 0o600) -> None:
    """An accounts file as an administrator would write it by hand."""
    body = "".join(f'[users."{n}"]\nrole = "{r}"\npassword_hash = "{h}"\n\n' for n, (r, h) in entries.items())
    path.write_text("# 看板编辑账户\n\n" + body, encoding="utf-8")
    os.chmod(path, mode)


def test_no_file_means_no_accounts(users):
    assert users_path() == users
    assert load_accounts() == {}
    assert authenticate("editor", "whatever-123") is None


def test_saved_account_authenticates_and_password_is_hashed(users):
    save_account("zhang", "correct-horse-9", role="editor")
    text = users.read_text(encoding="utf-8")
    assert "correct-horse-9" not in text and "$2b$" in text
    assert authenticate("zhang", "correct-horse-9") == Account("zhang", "editor")
    assert authenticate("zhang", "wrong-password") is None
    assert authenticate("zhang", "") is None
    assert oct(users.stat().st_mode & 0o777) == "0o600"


def test_viewer_role_cannot_write(users):
    save_account("li", "viewer-pass-1", role="viewer")
    viewer = authenticate("li", "viewer-pass-1")
    with pytest.raises(PermissionDenied, match="编辑人员"):
        require_editor(viewer)
    with pytest.raises(PermissionDenied):
        require_editor(ANONYMOUS)
    with pytest.raises(PermissionDenied):
        require_editor(None)
    require_editor(Account.local_admin())


@pytest.mark.parametrize("name, password, message", [
    ("张三", "long-enough-1", "用户名"), ("wang", "short", "至少 8"), ("wang\n", "long-enough-1", "用户名"),
    ("wang", "法治政府建设年度报告" * 3, "72 个字节"),  # 90 bytes: bcrypt 5 would raise ValueError in English
])
def test_bad_accounts_are_refused(users, name, password, message):
    with pytest.raises(ValueError, match=message):
        save_account(name, password)
    assert not users.exists()


def test_saving_keeps_the_other_accounts_and_resets_a_password(users):
    write_users(users, {"wang.wu": ("viewer", fast_hash("first-pass-1")), "zhao-6": ("editor", fast_hash("zhao-pass-6")),
                        "张三": ("editor", fast_hash("zhang-pass-3"))}, mode=0o640)
    save_account("wang.wu", "second-pass-2", role="editor")
    assert set(load_accounts()) == {"wang.wu", "zhao-6", "张三"}  # a hand-written name survives the rewrite
    assert authenticate("张三", "zhang-pass-3") == Account("张三", "editor")
    assert users.stat().st_mode & 0o777 == 0o640  # group read kept, nothing more
    assert authenticate("wang.wu", "first-pass-1") is None
    assert authenticate("wang.wu", "second-pass-2") == Account("wang.wu", "editor")
    assert authenticate("zhao-6", "zhao-pass-6") == Account("zhao-6", "editor")


# ---- the same work for unknown names --------------------------------------------------------------
@pytest.fixture()
def checkpw_calls(monkeypatch):
    calls: list[bytes] = []
    real = bcrypt.checkpw

    def spy(password: bytes, hashed: bytes) -> bool:
        calls.append(hashed)
        return real(password, hashed)

    monkeypatch.setattr(accounts.bcrypt, "checkpw", spy)
    return calls


def test_unknown_and_known_names_both_run_one_bcrypt_check_of_the_same_cost(users, checkpw_calls):
    write_users(users, {"chen": ("editor", fast_hash("chen-pass-77", cost=5))})
    assert authenticate("chen", "not-the-password") is None
    assert authenticate("nobody-here", "not-the-password") is None
    assert authenticate("chen", "chen-pass-77") == Account("chen", "editor")
    assert len(checkpw_calls) == 3
    assert {h[:7] for h in checkpw_calls} == {b"$2b$05$"}  # the dummy hash has the file's cost
    assert checkpw_calls[1] != checkpw_calls[0]


def test_a_password_longer_than_bcrypt_allows_is_a_plain_failure(users, checkpw_calls):
    write_users(users, {"chen": ("editor", fast_hash("chen-pass-77"))})
    long = "chen-pass-77" + "很" * 30  # 102 bytes; bcrypt 5 raises ValueError beyond 72
    assert authenticate("chen", long) is None
    assert authenticate("ghost", long) is None
    assert len(checkpw_calls) == 2


def test_sign_in_counts_unknown_names_without_creating_accounts(users, tmp_path, checkpw_calls):
    write_users(users, {"chen": ("editor", fast_hash("chen-pass-77"))})
    before = users.read_bytes()
    throttle = Throttle(tmp_path / "reports.db")
    results = [sign_in("ghost", f"guess-{i}", client="ip:203.0.113.9", throttle=throttle) for i in range(6)]
    assert [r.message for r in results[:5]] == ["用户名或密码不正确"] * 5
    assert results[5].account is None and "锁定" in results[5].message and results[5].retry_after > 0
    assert len(checkpw_calls) == 5  # the locked attempt is refused before any password check
    assert users.read_bytes() == before and set(load_accounts()) == {"chen"}


def test_success_clears_the_account_counter(users, tmp_path):
    write_users(users, {"chen": ("editor", fast_hash("chen-pass-77"))})
    throttle = Throttle(tmp_path / "reports.db")
    for i in range(4):
        assert sign_in("chen", f"guess-{i}", client="ip:198.51.100.4", throttle=throttle).account is None
    assert sign_in(" chen ", "chen-pass-77", client="ip:198.51.100.4", throttle=throttle).account == Account("chen", "editor")
    assert throttle.failures(scope="account", key="chen") == 0
    for i in range(4):  # a fresh allowance: four more mistakes do not lock the account
        assert sign_in("chen", f"again-{i}", client="ip:198.51.100.4", throttle=throttle).message == "用户名或密码不正确"
    assert sign_in("chen", "chen-pass-77", client="ip:198.51.100.4", throttle=throttle).account is not None


def test_empty_name_or_password_is_not_an_attempt(users, tmp_path):
    throttle = Throttle(tmp_path / "reports.db")
    assert sign_in("  ", "x", client="local", throttle=throttle).message == "请输入用户名和密码"
    assert sign_in("chen", "", client="local", throttle=throttle).message == "请输入用户名和密码"
    assert throttle.failures(scope="client", key="local") == 0


# ---- faulty accounts files --------------------------------------------------------------------------
def _random_bytes() -> bytes:
    rng = random.Random(20240331)
    return bytes(rng.randrange(256) for _ in range(600))


GOOD = "$2b$04$" + "K" * 53
BROKEN = {
    "malformed_toml": ('[users."zhang"\nrole = "editor"\npassword_hash = "x"\n', "第 1 行"),
    "users_is_a_string": ('users = "x"\n', "users 应为各账户的表"),
    "plaintext_hash": ('[users."zhang"]\nrole = "editor"\npassword_hash = "zhang-secret-1"\n', "不是 bcrypt 哈希"),
    "md5_hash": ('[users."li"]\npassword_hash = "5f4dcc3b5aa765d61d8327deb882cf99"\n', "不是 bcrypt 哈希"),
    "non_ascii_hash": ('[users."zhang"]\nrole = "editor"\npassword_hash = "$2b$12$' + "法" * 53 + '"\n',
                       "不是 bcrypt 哈希"),
    "random_bytes": (_random_bytes(), "不是 UTF-8 文本"),
    "entry_not_a_table": ('[users]\nzhang = "$2b$12$abc"\n', "应为一个表"),
    "bad_role": (f'[users."zhang"]\nrole = "admin"\npassword_hash = "{GOOD}"\n', "角色 'admin' 无效"),
    "missing_hash": ('[users."zhang"]\nrole = "editor"\n', "缺少 password_hash"),
    "misspelt_field": (f'[users."zhang"]\nrole = "editor"\npasword_hash = "{GOOD}"\n', "pasword_hash"),
}


def write_broken(path, kind: str) -> bytes:
    body, _ = BROKEN[kind]
    raw = body if isinstance(body, bytes) else body.encode("utf-8")
    path.write_bytes(raw)
    os.chmod(path, 0o600)
    return raw


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_faulty_file_raises_one_chinese_line_naming_the_file(users, tmp_path, kind):
    write_broken(users, kind)
    for attempt in (lambda: authenticate("zhang", "zhang-secret-1"),
                    lambda: sign_in("zhang", "zhang-secret-1", client="local", throttle=Throttle(tmp_path / "r.db"))):
        with pytest.raises(AccountsError) as info:
            attempt()
        message = str(info.value)
        assert str(users) in message and BROKEN[kind][1] in message
        assert "\n" not in message and "user add" in message
        assert info.value.path == users


@pytest.mark.parametrize("mode, who", [(0o666, "所有用户"), (0o646, "所有用户"), (0o620, "同组用户"), (0o660, "同组用户")])
def test_a_file_others_can_rewrite_is_refused_with_the_chmod_fix(users, mode, who):
    write_users(users, {"zhang": ("editor", fast_hash("zhang-secret-1"))}, mode=mode)
    with pytest.raises(AccountsError, match=f"{who}都可以修改它.*chmod 600 {users}"):
        authenticate("zhang", "zhang-secret-1")
    os.chmod(users, 0o640)  # group may read, not write
    assert authenticate("zhang", "zhang-secret-1") == Account("zhang", "editor")


def test_a_folder_anyone_can_write_is_refused(tmp_path, monkeypatch):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "users.toml"
    write_users(path, {"zhang": ("editor", fast_hash("zhang-secret-1"))})
    os.chmod(folder, 0o777)
    with pytest.raises(AccountsError, match="所在文件夹.*chmod o-w"):
        load_accounts(path)
    os.chmod(folder, 0o1777)  # sticky: others cannot replace the owner's file
    assert set(load_accounts(path)) == {"zhang"}


@pytest.mark.parametrize("kind", ["malformed_toml", "users_is_a_string", "plaintext_hash", "random_bytes",
                                  "misspelt_field"])
def test_saving_refuses_to_rewrite_a_faulty_file_and_leaves_it_unchanged(users, kind):
    raw = write_broken(users, kind)
    with pytest.raises(AccountsError, match=str(users)):
        save_account("newcomer", "newcomer-pass-1")
    assert users.read_bytes() == raw and users.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in users.parent.iterdir() if p.suffix == ".tmp"] == []


# ---- the CLI ------------------------------------------------------------------------------------------
def _cli_user_add(monkeypatch, capsys, *args: str, password: str = "newcomer-pass-1") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    code = main(["user", "add", *args, "--password-stdin"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("kind", sorted(BROKEN) + ["world_writable"])
def test_cli_user_add_on_a_faulty_file_prints_one_line_and_changes_nothing(users, monkeypatch, capsys, kind):
    if kind == "world_writable":
        write_users(users, {"zhang": ("editor", fast_hash("zhang-secret-1"))}, mode=0o666)
        raw, expected = users.read_bytes(), "chmod 600"
    else:
        raw, expected = write_broken(users, kind), BROKEN[kind][1]
    mode = users.stat().st_mode
    code, out, err = _cli_user_add(monkeypatch, capsys, "newcomer")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"账户文件 {users} 无法使用：") and expected in err
    assert "Traceback" not in err and "AccountsError" not in err
    assert users.read_bytes() == raw and users.stat().st_mode == mode


def test_saving_into_a_folder_it_cannot_write_is_explained(users, monkeypatch):
    write_users(users, {"zhang": ("editor", fast_hash("zhang-secret-1"))})
    raw = users.read_bytes()

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(accounts.tempfile, "mkstemp", denied)  # what a read-only folder does (tests may run as root)
    with pytest.raises(AccountsError, match=f"账户文件 {users} 无法使用：无法写入（Permission denied）.*{users.parent}"):
        save_account("li.si", "li-si-pass-1")
    assert users.read_bytes() == raw


def test_cli_user_add_writes_a_good_file(users, monkeypatch, capsys):
    write_users(users, {"zhang": ("editor", fast_hash("zhang-secret-1"))})
    code, out, err = _cli_user_add(monkeypatch, capsys, "li.si", "--role", "viewer")
    assert (code, err) == (0, "") and "已保存账户 li.si（viewer）" in out
    assert load_accounts()["li.si"][0] == "viewer" and "zhang" in load_accounts()
    code, _, err = _cli_user_add(monkeypatch, capsys, "li.si", password="短")
    assert code == 1 and err.strip() == "无法创建账户：密码至少 8 个字符"
