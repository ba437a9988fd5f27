"""SQLite persistence for reports and their features.

One file (default ``data/reports.db``, overridable with env ``REPORTS_DB``), WAL journal, one
transaction per report. Reports are keyed by a hash of their normalised text, so adding the same
report twice is a no-op. Per-report features are written with the report; corpus-level features
(keywords, map, Wordscores, shared passages, stock-sentence shares) are derived from them by
``pipeline.refresh_corpus`` and tagged with the corpus version they were computed for.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from analytics import DATA_DIR

DEFAULT_DB = DATA_DIR / "reports.db"
META_FIELDS = ("title", "town", "county", "province", "level", "year")
LEVELS = ("township", "county", "district", "city")

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY,
    title TEXT, town TEXT, county TEXT, province TEXT, level TEXT, year INTEGER,
    inferred TEXT NOT NULL DEFAULT '{}',
    corrected TEXT NOT NULL DEFAULT '[]',
    chars INTEGER NOT NULL,
    text TEXT NOT NULL,
    filename TEXT, kind TEXT, encoding TEXT,
    builtin INTEGER NOT NULL DEFAULT 0,
    added_at TEXT NOT NULL,
    concreteness REAL NOT NULL DEFAULT 0,
    dictionary_version TEXT,
    places TEXT
);
CREATE TABLE IF NOT EXISTS term_counts (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    term TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (report_id, term)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS theme_counts (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    part_id TEXT NOT NULL, theme_id TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (report_id, part_id, theme_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sections (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    part_id TEXT NOT NULL, present INTEGER NOT NULL, chars INTEGER NOT NULL, spans TEXT NOT NULL,
    PRIMARY KEY (report_id, part_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facts (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL, raw TEXT NOT NULL, qualifier TEXT,
    sentence TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, theme_id TEXT,
    PRIMARY KEY (report_id, idx)
);
CREATE TABLE IF NOT EXISTS shortcomings (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, sentence TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, theme_id TEXT,
    PRIMARY KEY (report_id, idx)
);
CREATE TABLE IF NOT EXISTS shared_passages (
    a TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    a_start INTEGER NOT NULL, a_end INTEGER NOT NULL, b_start INTEGER NOT NULL, b_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS shared_a ON shared_passages(a);
CREATE INDEX IF NOT EXISTS shared_b ON shared_passages(b);
CREATE TABLE IF NOT EXISTS keywords (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL, term TEXT NOT NULL, weight REAL NOT NULL,
    PRIMARY KEY (report_id, rank)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS positions (
    report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    x REAL, y REAL, emphasis REAL, wordscore REAL, wordscore_se REAL, wordscore_lo REAL, wordscore_hi REAL,
    stock_share REAL
);
CREATE TABLE IF NOT EXISTS neighbours (
    a TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    similarity REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
"""


def default_db_path() -> Path:
    return Path(os.environ.get("REPORTS_DB") or DEFAULT_DB)


def report_id(text: str) -> str:
    """Stable key of a report: a hash of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ReportRecord:
    """Everything stored for one report (its features computed at ingest)."""

    id: str
    text: str
    meta: Mapping[str, Any]
    inferred: Mapping[str, Any]
    filename: str | None = None
    kind: str | None = None
    encoding: str | None = None
    builtin: bool = False
    concreteness: float = 0.0
    dictionary_version: str | None = None
    term_counts: Mapping[str, int] = field(default_factory=dict)
    theme_counts: Sequence[tuple[str, str, int]] = ()  # (part_id, theme_id, count); part 'all' = whole text
    sections: Sequence[tuple[str, bool, int, list]] = ()  # (part_id, present, chars, spans)
    facts: Sequence[Mapping[str, Any]] = ()
    shortcomings: Sequence[Mapping[str, Any]] = ()
    shared: Sequence[tuple[str, int, int, int, int]] = ()  # (other_id, own_start, own_end, other_start, other_end)


class MetadataError(ValueError):
    """A metadata correction that cannot be stored (message in Chinese)."""


class Store:
    """Typed access to the report database. Opens a short-lived connection per call (thread-safe)."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            con.execute("PRAGMA foreign_keys=ON")
            con.execute("PRAGMA synchronous=NORMAL")
            yield con
        finally:
            con.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    # ---- meta -------------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self._connect() as con:
            row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str | None, *, con: sqlite3.Connection | None = None) -> None:
        sql_del, sql_set = "DELETE FROM meta WHERE key=?", "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)"
        if con is not None:
            con.execute(sql_del, (key,)) if value is None else con.execute(sql_set, (key, value))
            return
        with self.transaction() as c:
            c.execute(sql_del, (key,)) if value is None else c.execute(sql_set, (key, value))

    def corpus_version(self) -> str:
        """Changes whenever the set of reports, their metadata or the dictionary changes."""
        with self._connect() as con:
            rows = con.execute(
                "SELECT id, title, town, county, province, level, year, dictionary_version FROM reports ORDER BY id"
            ).fetchall()
        return hashlib.sha1(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()[:16]

    # ---- writes -----------------------------------------------------------------------------
    def has(self, rid: str) -> bool:
        with self._connect() as con:
            return con.execute("SELECT 1 FROM reports WHERE id=?", (rid,)).fetchone() is not None

    def add(self, rec: ReportRecord) -> bool:
        """Store a report with its features in one transaction. False if it was already stored."""
        with self.transaction() as con:
            if con.execute("SELECT 1 FROM reports WHERE id=?", (rec.id,)).fetchone():
                return False
            meta = {k: rec.meta.get(k) for k in META_FIELDS}
            con.execute(
                "INSERT INTO reports (id, title, town, county, province, level, year, inferred, chars, text, filename,"
                " kind, encoding, builtin, added_at, concreteness, dictionary_version)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    rec.id, meta["title"], meta["town"], meta["county"], meta["province"], meta["level"], meta["year"],
                    json.dumps(dict(rec.inferred), ensure_ascii=False), len(rec.text), rec.text, rec.filename,
                    rec.kind, rec.encoding, int(rec.builtin), datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    rec.concreteness, rec.dictionary_version,
                ),
            )
            con.executemany(
                "INSERT INTO term_counts VALUES (?,?,?)", [(rec.id, t, c) for t, c in rec.term_counts.items()]
            )
            self._write_dictionary_features(con, rec.id, rec.theme_counts, rec.facts, rec.shortcomings)
            con.executemany(
                "INSERT INTO sections VALUES (?,?,?,?,?)",
                [(rec.id, p, int(present), chars, json.dumps(spans)) for p, present, chars, spans in rec.sections],
            )
            con.executemany(
                "INSERT INTO shared_passages VALUES (?,?,?,?,?,?)",
                [(rec.id, other, s, e, os_, oe) for other, s, e, os_, oe in rec.shared if self_has(con, other)],
            )
        return True

    @staticmethod
    def _write_dictionary_features(con, rid, theme_counts, facts, shortcomings) -> None:
        con.executemany("INSERT INTO theme_counts VALUES (?,?,?,?)", [(rid, p, t, c) for p, t, c in theme_counts])
        con.executemany(
            "INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (rid, i, f["value"], f["unit"], f["raw"], f.get("qualifier"), f["sentence"], f["start"], f["end"],
                 f.get("theme_id"))
                for i, f in enumerate(facts)
            ],
        )
        con.executemany(
            "INSERT INTO shortcomings VALUES (?,?,?,?,?,?)",
            [(rid, i, s["sentence"], s["start"], s["end"], s.get("theme_id")) for i, s in enumerate(shortcomings)],
        )

    def replace_dictionary_features(self, rid: str, *, version: str, theme_counts, facts, shortcomings) -> None:
        """Swap the dictionary-dependent features of one report (after a dictionary edit)."""
        with self.transaction() as con:
            for table in ("theme_counts", "facts", "shortcomings"):
                con.execute(f"DELETE FROM {table} WHERE report_id=?", (rid,))
            self._write_dictionary_features(con, rid, theme_counts, facts, shortcomings)
            con.execute("UPDATE reports SET dictionary_version=? WHERE id=?", (version, rid))

    def update_metadata(self, rid: str, **fields: Any) -> None:
        """Correct metadata fields; corrected fields are remembered."""
        unknown = set(fields) - set(META_FIELDS)
        if unknown:
            raise MetadataError(f"未知的元数据字段：{'、'.join(sorted(unknown))}")
        if "year" in fields and fields["year"] not in (None, ""):
            try:
                year = int(fields["year"])
            except (TypeError, ValueError):
                raise MetadataError(f"年份必须是整数：{fields['year']!r}") from None
            if not 1990 <= year <= 2100:
                raise MetadataError(f"年份超出合理范围（1990–2100）：{year}")
            fields["year"] = year
        if fields.get("level") not in (None, "") and fields["level"] not in LEVELS:
            raise MetadataError(f"层级必须是 {'/'.join(LEVELS)} 之一：{fields['level']!r}")
        fields = {k: (None if v == "" else v) for k, v in fields.items()}
        with self.transaction() as con:
            row = con.execute("SELECT corrected FROM reports WHERE id=?", (rid,)).fetchone()
            if row is None:
                raise MetadataError(f"没有编号为 {rid} 的报告")
            corrected = sorted(set(json.loads(row[0])) | set(fields))
            sets = ", ".join(f"{k}=?" for k in fields)
            con.execute(
                f"UPDATE reports SET {sets}, corrected=? WHERE id=?",
                (*fields.values(), json.dumps(corrected), rid),
            )

    def remove(self, rid: str) -> bool:
        with self.transaction() as con:
            return con.execute("DELETE FROM reports WHERE id=?", (rid,)).rowcount > 0

    def replace_corpus_features(
        self,
        *,
        version: str,
        keywords: Sequence[tuple[str, int, str, float]],
        positions: Sequence[tuple],
        neighbours: Sequence[tuple[str, str, float]],
    ) -> None:
        """Swap all corpus-level derived features at once, tagged with the corpus version."""
        with self.transaction() as con:
            for table in ("keywords", "positions", "neighbours"):
                con.execute(f"DELETE FROM {table}")
            con.executemany("INSERT INTO keywords VALUES (?,?,?,?)", keywords)
            con.executemany("INSERT INTO positions VALUES (?,?,?,?,?,?,?,?,?)", positions)
            con.executemany("INSERT INTO neighbours VALUES (?,?,?)", neighbours)
            self.set_meta("derived_version", version, con=con)

    # ---- reads ------------------------------------------------------------------------------
    def places(self) -> dict[str, list[str] | None]:
        """Place names found in each report (None where not yet computed)."""
        with self._connect() as con:
            rows = con.execute("SELECT id, places FROM reports").fetchall()
        return {rid: (json.loads(p) if p is not None else None) for rid, p in rows}

    def set_places(self, places: Mapping[str, Sequence[str]]) -> None:
        with self.transaction() as con:
            con.executemany("UPDATE reports SET places=? WHERE id=?",
                            [(json.dumps(sorted(v), ensure_ascii=False), k) for k, v in places.items()])

    def count(self) -> int:
        with self._connect() as con:
            return con.execute("SELECT COUNT(*) FROM reports").fetchone()[0]

    def frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        with self._connect() as con:
            return pd.read_sql_query(sql, con, params=list(params))

    def reports(self) -> pd.DataFrame:
        """One row per report (no text): id, metadata, chars, provenance, concreteness, place names (JSON)."""
        return self.frame(
            "SELECT id, title, town, county, province, level, year, chars, filename, kind, encoding, builtin,"
            " added_at, concreteness, inferred, corrected, places FROM reports ORDER BY town, year, id"
        )

    def text(self, rid: str) -> str:
        with self._connect() as con:
            row = con.execute("SELECT text FROM reports WHERE id=?", (rid,)).fetchone()
        if row is None:
            raise KeyError(rid)
        return row[0]

    def texts(self, ids: Sequence[str] | None = None) -> dict[str, str]:
        with self._connect() as con:
            if ids is None:
                rows = con.execute("SELECT id, text FROM reports").fetchall()
            else:
                marks = ",".join("?" * len(ids))
                rows = con.execute(f"SELECT id, text FROM reports WHERE id IN ({marks})", list(ids)).fetchall()
        return dict(rows)

    def term_counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        with self._connect() as con:
            for rid, term, count in con.execute("SELECT report_id, term, count FROM term_counts"):
                out.setdefault(rid, {})[term] = count
        return out

    def theme_counts(self) -> pd.DataFrame:
        return self.frame("SELECT report_id, part_id, theme_id, count FROM theme_counts")

    def sections(self) -> pd.DataFrame:
        return self.frame("SELECT report_id, part_id, present, chars, spans FROM sections")

    def facts(self) -> pd.DataFrame:
        return self.frame(
            "SELECT report_id, idx, value, unit, raw, qualifier, sentence, start, end, theme_id FROM facts"
        )

    def shortcomings(self) -> pd.DataFrame:
        return self.frame("SELECT report_id, idx, sentence, start, end, theme_id FROM shortcomings")

    def shared_passages(self) -> pd.DataFrame:
        return self.frame("SELECT a, b, a_start, a_end, b_start, b_end FROM shared_passages")

    def keywords(self) -> pd.DataFrame:
        return self.frame("SELECT report_id, rank, term, weight FROM keywords ORDER BY report_id, rank")

    def positions(self) -> pd.DataFrame:
        return self.frame("SELECT * FROM positions")

    def neighbours(self) -> pd.DataFrame:
        return self.frame("SELECT a, b, similarity FROM neighbours")


def self_has(con: sqlite3.Connection, rid: str) -> bool:
    return con.execute("SELECT 1 FROM reports WHERE id=?", (rid,)).fetchone() is not None
