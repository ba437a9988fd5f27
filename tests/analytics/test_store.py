"""Store: persistence, dedup by text hash, metadata corrections and their validation, delete, WAL, env path,
schema version, store faults with Chinese messages, read-only stores that can still be browsed."""

from __future__ import annotations

import json
import os
import sqlite3
import stat

import pytest

from analytics.store import (SCHEMA_VERSION, MetadataError, ReportRecord, Store, StoreError, StoreReadOnly,
                             default_db_path, report_id)


def _record(text: str, **meta) -> ReportRecord:
    return ReportRecord(
        id=report_id(text), text=text, meta={"town": "甲镇", "year": 2022, **meta}, inferred={"town": "甲镇"},
        term_counts={"普法": 3, "执法": 1}, theme_counts=[("all", "enforcement", 1, 1), ("all", "law_popularization", 3, 2)],
        sections=[("measures", True, 10, [[0, 10]]), ("other", False, 0, [])],
        facts=[{"value": 33.0, "unit": "名", "raw": "33名", "sentence": "培育33名。", "start": 2, "end": 5}],
        shortcomings=[{"sentence": "形式单一。", "start": 6, "end": 11}],
    )


def test_env_overrides_default_path(db_path):
    assert default_db_path() == db_path
    Store()
    assert db_path.exists()


def test_wal_mode_and_schema_version(db_path):
    Store(db_path)
    with sqlite3.connect(db_path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_add_is_keyed_by_text_and_idempotent(db_path):
    store = Store(db_path)
    assert store.add(_record("正文一")) is True
    assert store.add(_record("正文一", town="乙镇")) is False
    assert store.count() == 1
    assert store.text(report_id("正文一")) == "正文一"
    assert store.term_counts()[report_id("正文一")] == {"普法": 3, "执法": 1}
    assert store.facts().iloc[0]["unit"] == "名"
    vocab = store.term_vocabulary().set_index("term")
    assert (vocab.at["普法", "df"], vocab.at["普法", "total"]) == (1, 3)


def test_corpus_version_is_a_counter_bumped_by_every_write(db_path):
    store = Store(db_path)
    v0 = store.corpus_version()
    store.add(_record("正文五"))
    v1 = store.corpus_version()
    store.update_metadata(report_id("正文五"), town="丁镇")
    v2 = store.corpus_version()
    store.remove(report_id("正文五"))
    assert len({v0, v1, v2, store.corpus_version()}) == 4


def test_metadata_corrections_are_stored_and_flagged(db_path):
    store = Store(db_path)
    rid = report_id("正文二")
    store.add(_record("正文二"))
    store.update_metadata(rid, town="丙镇", year="2023")
    row = store.reports().set_index("id").loc[rid]
    assert (row["town"], int(row["year"])) == ("丙镇", 2023)
    assert set(json.loads(row["corrected"])) == {"town", "year"}
    assert "甲镇" in row["inferred"]  # the inferred values stay visible


@pytest.mark.parametrize(
    "fields, message",
    [({"year": "二〇二三"}, "年份必须是整数"), ({"year": 1800}, "年份超出合理范围"), ({"level": "省"}, "层级必须是"),
     ({"colour": "红"}, "未知的元数据字段"),
     ({"town": "[点我](http://x.cn)镇"}, "只能包含汉字"), ({"town": "=HYPERLINK(\"http://x\")"}, "只能包含汉字"),
     ({"county": "<b>河阳</b>县"}, "只能包含汉字"), ({"town": "镇" * 31}, "过长")],
)
def test_bad_corrections_are_refused_without_change(db_path, fields, message):
    store = Store(db_path)
    rid = report_id("正文三")
    store.add(_record("正文三"))
    before = store.reports()
    with pytest.raises(MetadataError, match=message):
        store.update_metadata(rid, **fields)
    assert store.reports().equals(before)


def test_names_with_middle_dots_and_titles_as_plain_text_are_accepted(db_path):
    store = Store(db_path)
    rid = report_id("正文六")
    store.add(_record("正文六"))
    store.update_metadata(rid, town="恰卜恰·镇", title="=关于2023年的报告\u202e")
    row = store.reports().set_index("id").loc[rid]
    assert row["town"] == "恰卜恰·镇" and row["title"] == "=关于2023年的报告"  # bidi control dropped


def test_remove_cascades_to_features_and_term_statistics(db_path):
    store = Store(db_path)
    rid = report_id("正文四")
    store.add(_record("正文四"))
    assert store.remove(rid) is True
    assert store.remove(rid) is False
    assert store.count() == 0
    for frame in (store.theme_counts(), store.facts(), store.shortcomings(), store.sections()):
        assert frame.empty
    assert store.term_vocabulary()["df"].eq(0).all()
    assert not store.texts()


def test_failed_transaction_leaves_nothing(db_path):
    store = Store(db_path)
    bad = ReportRecord(id="x", text="正文", meta={}, inferred={}, facts=[{"value": 1}])  # missing keys -> KeyError
    with pytest.raises(KeyError):
        store.add(bad)
    assert store.count() == 0 and store.term_vocabulary().empty


# ---- faults -------------------------------------------------------------------------------------------
def test_random_bytes_are_refused_with_the_path_and_left_alone(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(os.urandom(4096))
    before = path.read_bytes()
    with pytest.raises(StoreError) as err:
        Store(path)
    assert str(path) in str(err.value) and "不是本系统的数据库" in str(err.value) and "REPORTS_DB" in str(err.value)
    assert path.read_bytes() == before


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="文件夹"):
        Store(tmp_path)


def test_a_foreign_sqlite_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE orders (id INTEGER)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="不是本系统的语料库"):
        Store(path)
    assert path.read_bytes() == before


def test_a_newer_schema_is_refused_unchanged(db_path):
    Store(db_path).add(_record("正文七"))
    with sqlite3.connect(db_path) as con:
        con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="更新版本") as err:
        Store(db_path)
    assert str(db_path) in str(err.value)
    assert db_path.read_bytes() == before


def test_read_only_store_can_be_browsed_but_not_written(db_path):
    Store(db_path).add(_record("正文八"))
    store = Store(db_path, readonly=True)  # what a read-only file or folder gives (root bypasses chmod)
    assert not store.writable
    assert store.count() == 1 and store.text(report_id("正文八")) == "正文八"
    with pytest.raises(StoreReadOnly, match="只读"):
        store.add(_record("正文九"))
    with pytest.raises(StoreReadOnly):
        store.update_metadata(report_id("正文八"), town="乙镇")
    assert Store(db_path).count() == 1


def test_read_only_file_is_detected_from_its_permissions(db_path, monkeypatch):
    Store(db_path).add(_record("正文十"))
    os.chmod(db_path, stat.S_IRUSR | stat.S_IRGRP)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK and str(p) == str(db_path) else real(p, mode))
    store = Store(db_path)
    assert not store.writable and store.count() == 1


def test_replace_terms_swaps_one_reports_counts_and_keeps_frequencies_in_step(db_path):
    store = Store(db_path)
    a, b = _record("甲镇报告正文"), _record("乙镇报告正文", town="乙镇")
    store.add(a)
    store.add(b)
    with store.transaction() as con:
        store.replace_terms(a.id, {"普法": 2, "小马拉大车": 4}, ["甲镇"], con=con)
    assert store.term_counts() == {a.id: {"普法": 2, "小马拉大车": 4}, b.id: {"普法": 3, "执法": 1}}
    terms = store.frame("SELECT term, df, total FROM terms").set_index("term")
    assert terms.loc["普法"].tolist() == [2, 5]
    assert terms.loc["执法"].tolist() == [1, 1]  # b still has it
    assert terms.loc["小马拉大车"].tolist() == [1, 4]
    row = store.frame("SELECT n_terms, places FROM reports WHERE id=?", (a.id,)).iloc[0]
    assert row["n_terms"] == 6 and json.loads(row["places"]) == ["甲镇"]
