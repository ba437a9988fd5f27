"""Store: persistence, dedup by text hash, metadata corrections, delete, WAL, env path."""

from __future__ import annotations

import sqlite3

import pytest

from analytics.store import MetadataError, ReportRecord, Store, default_db_path, report_id


def _record(text: str, **meta) -> ReportRecord:
    return ReportRecord(
        id=report_id(text), text=text, meta={"town": "甲镇", "year": 2022, **meta}, inferred={"town": "甲镇"},
        term_counts={"普法": 3, "执法": 1}, theme_counts=[("all", "enforcement", 1), ("all", "law_popularization", 3)],
        sections=[("measures", True, 10, [[0, 10]]), ("other", False, 0, [])],
        facts=[{"value": 33.0, "unit": "名", "raw": "33名", "sentence": "培育33名。", "start": 2, "end": 5}],
        shortcomings=[{"sentence": "形式单一。", "start": 6, "end": 11}],
    )


def test_env_overrides_default_path(db_path):
    assert default_db_path() == db_path
    Store()
    assert db_path.exists()


def test_wal_mode(db_path):
    Store(db_path)
    with sqlite3.connect(db_path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_add_is_keyed_by_text_and_idempotent(db_path):
    store = Store(db_path)
    assert store.add(_record("正文一")) is True
    assert store.add(_record("正文一", town="乙镇")) is False
    assert store.count() == 1
    assert store.text(report_id("正文一")) == "正文一"
    assert store.term_counts()[report_id("正文一")] == {"普法": 3, "执法": 1}
    assert store.facts().iloc[0]["unit"] == "名"


def test_metadata_corrections_are_stored_and_flagged(db_path):
    store = Store(db_path)
    rid = report_id("正文二")
    store.add(_record("正文二"))
    store.update_metadata(rid, town="丙镇", year="2023")
    row = store.reports().set_index("id").loc[rid]
    assert (row["town"], int(row["year"])) == ("丙镇", 2023)
    assert set(__import__("json").loads(row["corrected"])) == {"town", "year"}
    # the inferred values stay visible
    assert "甲镇" in row["inferred"]


@pytest.mark.parametrize(
    "fields, message",
    [({"year": "二〇二三"}, "年份必须是整数"), ({"year": 1800}, "年份超出合理范围"), ({"level": "省"}, "层级必须是"),
     ({"colour": "红"}, "未知的元数据字段")],
)
def test_bad_corrections_are_refused_without_change(db_path, fields, message):
    store = Store(db_path)
    rid = report_id("正文三")
    store.add(_record("正文三"))
    before = store.reports()
    with pytest.raises(MetadataError, match=message):
        store.update_metadata(rid, **fields)
    assert store.reports().equals(before)


def test_remove_cascades_to_features(db_path):
    store = Store(db_path)
    rid = report_id("正文四")
    store.add(_record("正文四"))
    assert store.remove(rid) is True
    assert store.remove(rid) is False
    assert store.count() == 0
    for frame in (store.theme_counts(), store.facts(), store.shortcomings(), store.sections()):
        assert frame.empty


def test_corpus_version_changes_with_metadata(db_path):
    store = Store(db_path)
    store.add(_record("正文五"))
    v1 = store.corpus_version()
    store.update_metadata(report_id("正文五"), town="丁镇")
    assert store.corpus_version() != v1


def test_failed_transaction_leaves_nothing(db_path):
    store = Store(db_path)
    bad = ReportRecord(id="x", text="正文", meta={}, inferred={}, facts=[{"value": 1}])  # missing keys -> KeyError
    with pytest.raises(KeyError):
        store.add(bad)
    assert store.count() == 0
