"""Accounts: bcrypt-hashed editors in a file outside the code; write functions check the role."""

from __future__ import annotations

import pytest

from analytics.accounts import (ANONYMOUS, Account, PermissionDenied, authenticate, load_accounts, require_editor,
                                save_account, users_path)


@pytest.fixture()
def users(tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    monkeypatch.setenv("REPORTS_USERS", str(path))
    return path


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


@pytest.mark.parametrize("name, password, message", [("张三", "long-enough-1", "用户名"), ("wang", "short", "至少 8")])
def test_bad_accounts_are_refused(users, name, password, message):
    with pytest.raises(ValueError, match=message):
        save_account(name, password)
    assert not users.exists()
