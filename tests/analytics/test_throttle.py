"""Sign-in attempt limits kept in the database: shared by independent instances (sessions,
processes, restarts), per account name and per client, with a lock that ends."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from analytics.throttle import SCHEMA, Policy, Throttle


class Clock:
    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def db(tmp_path):
    return tmp_path / "reports.db"


def fail(throttle: Throttle, account: str, client: str, times: int) -> list:
    return [throttle.attempt(account=account, client=client) for _ in range(times)]


def test_a_second_instance_on_the_same_database_is_refused_after_five_failures(db, clock):
    first, second = Throttle(db, clock=clock), Throttle(db, clock=clock)
    assert fail(first, "zhang", "ip:203.0.113.7", 5) == [None] * 5
    refusal = second.attempt(account="zhang", client="ip:198.51.100.20")  # another session, another address
    assert refusal is not None and refusal.scope == "account"
    assert refusal.retry_after == pytest.approx(15 * 60)
    assert "该用户名已被暂时锁定" in refusal.message and "15 分钟" in refusal.message
    assert Throttle(db, clock=clock).locked(account="zhang", client="local") is not None  # after a restart too
    assert second.attempt(account="li", client="ip:198.51.100.20") is None  # other names are not affected


def test_the_lock_lasts_fifteen_minutes_and_then_gives_a_fresh_allowance(db, clock):
    throttle = Throttle(db, clock=clock)
    fail(throttle, "wang", "ip:192.0.2.1", 5)
    clock.advance(15 * 60 - 1)
    refusal = throttle.attempt(account="wang", client="ip:192.0.2.1")
    assert refusal is not None and refusal.retry_after == pytest.approx(1) and "1 分钟" in refusal.message
    clock.advance(1)
    assert fail(throttle, "wang", "ip:192.0.2.1", 5) == [None] * 5
    assert throttle.attempt(account="wang", client="ip:192.0.2.1") is not None


def test_failures_older_than_the_window_do_not_count(db, clock):
    throttle = Throttle(db, clock=clock)
    fail(throttle, "zhao", "ip:192.0.2.2", 4)
    clock.advance(15 * 60 + 1)
    assert throttle.failures(scope="account", key="zhao") == 0
    assert fail(throttle, "zhao", "ip:192.0.2.2", 4) == [None] * 4
    assert throttle.attempt(account="zhao", client="ip:192.0.2.2") is None  # fifth in the window: still checked
    assert throttle.attempt(account="zhao", client="ip:192.0.2.2") is not None


def test_one_client_guessing_many_names_is_locked_after_twenty(db, clock):
    throttle = Throttle(db, clock=clock)
    results = [throttle.attempt(account=f"user{i}", client="ip:203.0.113.50") for i in range(20)]
    assert results == [None] * 20
    refusal = throttle.attempt(account="chen", client="ip:203.0.113.50")
    assert refusal is not None and refusal.scope == "client" and "网络地址" in refusal.message
    assert throttle.attempt(account="chen", client="ip:203.0.113.51") is None  # another client is not locked
    assert throttle.failures(scope="account", key="chen") == 1  # the refused attempt was not counted


def test_success_clears_the_account_but_not_the_client(db, clock):
    throttle = Throttle(db, clock=clock)
    fail(throttle, "sun", "ip:192.0.2.9", 4)
    throttle.succeeded(account="sun")
    assert throttle.failures(scope="account", key="sun") == 0
    assert throttle.failures(scope="client", key="ip:192.0.2.9") == 4


def test_a_correct_fifth_attempt_lifts_the_lock_it_set(db, clock):
    throttle = Throttle(db, clock=clock)
    fail(throttle, "qian", "ip:192.0.2.3", 5)  # the fifth attempt reserved and locked ...
    throttle.succeeded(account="qian")  # ... but its password was right
    assert throttle.attempt(account="qian", client="ip:192.0.2.3") is None


def test_parallel_sessions_get_exactly_five_attempts(db, clock):
    Throttle(db, clock=clock).failures(scope="account", key="x")  # create the tables once
    results: list = []
    lock = threading.Lock()

    def guess(i: int) -> None:
        r = Throttle(db, clock=clock).attempt(account="zhou", client=f"ip:198.51.100.{i}")
        with lock:
            results.append(r)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r is None for r in results) == 5


def test_long_names_are_cut_and_custom_policies_apply(db, clock):
    throttle = Throttle(db, clock=clock, policy=Policy(account_failures=2, client_failures=3, window_s=60,
                                                       lockout_s=120))
    name = "张" * 10_000
    assert fail(throttle, name, "local", 2) == [None, None]
    assert throttle.attempt(account=name[:64] + "different tail", client="ip:192.0.2.77").scope == "account"
    with sqlite3.connect(db) as con:
        assert max(len(k) for (k,) in con.execute("SELECT key FROM auth_locks")) == 64
    assert "2 次" in throttle.policy.help_text() and "锁定 2 分钟" in throttle.policy.help_text()


def test_schema_is_idempotent_ddl(db):
    with sqlite3.connect(db) as con:
        con.executescript(SCHEMA)
        con.executescript(SCHEMA)
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"auth_failures", "auth_locks"} <= tables
