"""A store written by the previous release (schema without a version) is migrated in one transaction: texts,
metadata with their corrections, provenance and dates are kept; features are recomputed."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from analytics import pipeline
from analytics.normalize import normalize_text
from analytics.problems import KIND_LABELS
from analytics.store import SCHEMA_VERSION, Store

V1 = Path(__file__).with_name("v1_schema.sql").read_text(encoding="utf-8")


def _v1_store(path: Path, seed_texts) -> dict[str, str]:
    ids = {}
    with sqlite3.connect(path) as con:
        con.executescript(V1)
        for i, (town, raw) in enumerate(list(seed_texts.items())[:2]):
            text = normalize_text(raw)
            rid = hashlib.sha256(text.encode()).hexdigest()[:16]
            corrected = ["county"] if i == 0 else []
            con.execute("INSERT INTO reports (id, title, town, county, province, level, year, inferred, corrected, chars,"
                        " text, filename, kind, encoding, builtin, added_at, concreteness, dictionary_version)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (rid, "旧标题", town, "改过的县" if i == 0 else None, None, "township", 2020 + i,
                         json.dumps({"town": town}, ensure_ascii=False), json.dumps(corrected), len(text), text,
                         f"{town}.txt", "txt", "utf-8", 0, "2025-03-01T08:00:00+00:00", 1.0, "old"))
            ids[town] = rid
        con.execute("INSERT INTO meta VALUES ('builtin_loaded', '1')")
    return ids


def test_a_v1_store_is_migrated_keeping_what_people_entered(tmp_path, seed_texts):
    path = tmp_path / "old.db"
    ids = _v1_store(path, seed_texts)
    store = Store(path)
    assert store.needs_migration
    pipeline.ensure_ready(store, resources=pipeline.load_resources(store))
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    reports = store.reports().set_index("id")
    assert set(reports.index) == set(ids.values()) and len(reports) == 2  # no built-in corpus added
    first = reports.loc[list(ids.values())[0]]
    assert first["county"] == "改过的县" and json.loads(first["corrected"]) == ["county"]
    assert first["title"] == "旧标题" and first["added_at"].startswith("2025-03-01")
    assert (reports["n_units"] > 0).all() and reports["lean"].notna().all()
    assert len(store.keywords()) > 0 and store.get_meta("basis_id")
    assert Store(path).needs_migration is False


def test_an_interrupted_migration_leaves_the_old_store(tmp_path, seed_texts, monkeypatch):
    path = tmp_path / "old.db"
    _v1_store(path, seed_texts)
    store = Store(path)
    calls = {"n": 0}
    real = pipeline.analyse_text

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse_text", failing)
    from analytics.migrate import migrate

    try:
        migrate(store, resources=pipeline.load_resources(store))
    except RuntimeError:
        pass
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 0
        assert con.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 2
        assert "term_counts" in {r[0] for r in con.execute("SELECT name FROM sqlite_master")}


def test_a_v2_store_gains_the_problem_kinds_and_keeps_everything_else(tmp_path, seeded_db):
    path = tmp_path / "v2.db"
    Store(seeded_db).copy_to(path)
    with sqlite3.connect(path) as con:  # the store as version 2 wrote it: no problem_kind column
        con.execute("ALTER TABLE shortcomings DROP COLUMN problem_kind")
        con.execute("PRAGMA user_version=2")
        before = con.execute("SELECT id, town, added_at FROM reports ORDER BY id").fetchall()
        n_short = con.execute("SELECT COUNT(*) FROM shortcomings").fetchone()[0]
    store = Store(path)
    assert store.needs_migration
    assert store.shortcomings()["problem_kind"].isna().all()  # readable before the migration (read-only use)
    pipeline.ensure_ready(store, resources=pipeline.load_resources(store))
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert con.execute("SELECT id, town, added_at FROM reports ORDER BY id").fetchall() == before
        assert con.execute("SELECT COUNT(*) FROM shortcomings").fetchone()[0] == n_short
    short = Store(path).shortcomings()
    problems = short[short["kind"] == "problem"]
    assert problems["problem_kind"].notna().any() and short[short["kind"] == "cause"]["problem_kind"].isna().all()
    assert "法治意识不强" in {KIND_LABELS.get(k) for k in problems["problem_kind"]}  # (南郊镇, 周营镇, 苏河镇)
