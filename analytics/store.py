"""SQLite persistence for reports, their features and the corpus model.

One file (default ``data/reports.db``, overridable with env ``REPORTS_DB``), WAL journal, one
transaction per report. Reports are keyed by a hash of their normalised text, so adding the same
report twice is a no-op. The schema carries a version (``PRAGMA user_version``): a store written
by a newer program, or a file that is not one of ours, is refused without being touched; a store
of the previous version is migrated by the pipeline (it re-reads the stored texts).

Per-report features (computed once at ingest, independent of the rest of the corpus) are written
with the report. Corpus features (keywords, vectors, neighbours, map point, shared passages) are
written incrementally by the pipeline when a report is added, and all at once when the corpus
basis is refitted. Term counts are kept compactly: a global ``terms`` table (document frequency and
total count maintained on every add and remove) and one packed row of (term id, count) per report.

A store that cannot be written (read-only file or folder) opens read-only: everything can be read,
every write raises :class:`StoreReadOnly`. Faults (not a database, a folder, a newer schema) raise
:class:`StoreError` with a Chinese message naming the file and what to do.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analytics import DATA_DIR
from analytics.sessions import SCHEMA as _SESSIONS_SCHEMA
from analytics.throttle import SCHEMA as _THROTTLE_SCHEMA

DEFAULT_DB = DATA_DIR / "reports.db"
META_FIELDS = ("title", "town", "county", "province", "level", "year")
LEVELS = ("township", "county", "district", "city")
SCHEMA_VERSION = 3
_COUNT_MAX = 65535  # term counts are packed as uint16

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT, town TEXT, county TEXT, province TEXT, level TEXT, year INTEGER,
    inferred TEXT NOT NULL DEFAULT '{}',
    corrected TEXT NOT NULL DEFAULT '[]',
    chars INTEGER NOT NULL,
    n_units INTEGER NOT NULL DEFAULT 0,
    n_terms INTEGER NOT NULL DEFAULT 0,
    filename TEXT, kind TEXT, encoding TEXT,
    builtin INTEGER NOT NULL DEFAULT 0,
    added_at TEXT NOT NULL,
    concreteness REAL NOT NULL DEFAULT 0,
    dictionary_version TEXT,
    places TEXT NOT NULL DEFAULT '[]',
    lean REAL, lean_lo REAL, lean_hi REAL, lean_pufa INTEGER, lean_zhifa INTEGER
);
CREATE INDEX IF NOT EXISTS reports_town_year ON reports(town, year);
CREATE TABLE IF NOT EXISTS texts (
    report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    text TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS terms (
    tid INTEGER PRIMARY KEY,
    term TEXT NOT NULL UNIQUE,
    df INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS report_terms (
    report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    tids BLOB NOT NULL, counts BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS theme_counts (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    part_id TEXT NOT NULL, theme_id TEXT NOT NULL, count INTEGER NOT NULL, units INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (report_id, part_id, theme_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sections (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    part_id TEXT NOT NULL, present INTEGER NOT NULL, embedded INTEGER NOT NULL DEFAULT 0,
    chars INTEGER NOT NULL, spans TEXT NOT NULL,
    PRIMARY KEY (report_id, part_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facts (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL, raw TEXT NOT NULL, qualifier TEXT,
    sentence TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, theme_id TEXT,
    kind TEXT NOT NULL DEFAULT 'outcome', approximate INTEGER NOT NULL DEFAULT 0,
    breakdown INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (report_id, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS shortcomings (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, kind TEXT NOT NULL DEFAULT 'problem',
    sentence TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, theme_id TEXT,
    problem_kind TEXT,  -- a problem's kind (analytics.problems: staffing, form …); NULL for 其他问题 and causes
    PRIMARY KEY (report_id, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS shared_pairs (
    a TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    spans BLOB NOT NULL,  -- int32 rows (a_start, a_end, b_start, b_end, stock ‰): every passage ≥ 20 characters
    passages INTEGER NOT NULL, chars INTEGER NOT NULL, longest INTEGER NOT NULL,  -- over the passages that are
    share_a REAL NOT NULL, share_b REAL NOT NULL,  -- over the passages that are copying (pipeline.is_copied)
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS shared_pairs_b ON shared_pairs(b);
CREATE TABLE IF NOT EXISTS keywords (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL, term TEXT NOT NULL, weight REAL NOT NULL, count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (report_id, rank)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS positions (
    report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    x REAL, y REAL, stock_share REAL,
    wordscore REAL, wordscore_se REAL, wordscore_lo REAL, wordscore_hi REAL,
    basis TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS vectors (
    report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    tids BLOB NOT NULL, weights BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS neighbours (
    a TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    similarity REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS neighbours_b ON neighbours(b);
CREATE TABLE IF NOT EXISTS fingerprints (
    hash INTEGER NOT NULL,
    rid INTEGER NOT NULL REFERENCES reports(rid) ON DELETE CASCADE,
    PRIMARY KEY (hash, rid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fingerprints_rid ON fingerprints(rid);
CREATE TABLE IF NOT EXISTS fingerprint_df (hash INTEGER PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS model (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
""" + _THROTTLE_SCHEMA + _SESSIONS_SCHEMA  # sign-in limits and sessions live in the same store
_OUR_TABLES = {"meta", "reports"}


class StoreError(RuntimeError):
    """The store cannot be used as it is; the message (Chinese) names the file and what to do."""


class StoreReadOnly(StoreError):
    """A write was attempted on a store opened read-only."""


class MetadataError(ValueError):
    """A metadata correction that cannot be stored (message in Chinese)."""


def default_db_path() -> Path:
    return Path(os.environ.get("REPORTS_DB") or DEFAULT_DB)


def report_id(text: str) -> str:
    """Stable key of a report: a hash of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def pack_counts(tids: Sequence[int], counts: Sequence[int]) -> tuple[bytes, bytes]:
    t = np.asarray(tids, dtype=np.uint32)
    c = np.minimum(np.asarray(counts, dtype=np.int64), _COUNT_MAX).astype(np.uint16)
    return t.tobytes(), c.tobytes()


def unpack_counts(tids: bytes, counts: bytes) -> tuple[np.ndarray, np.ndarray]:
    return np.frombuffer(tids, dtype=np.uint32), np.frombuffer(counts, dtype=np.uint16)


def pack_spans(rows: Sequence[Sequence[float]]) -> bytes:
    """Passages as int32 rows (a_start, a_end, b_start, b_end, stock ‰)."""
    return np.asarray([[r[0], r[1], r[2], r[3], round(1000 * r[4])] for r in rows], dtype=np.int32).reshape(-1, 5).tobytes()


def unpack_spans(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.int32).reshape(-1, 5)


def pack_vector(tids: np.ndarray, weights: np.ndarray) -> tuple[bytes, bytes]:
    return np.asarray(tids, dtype=np.uint32).tobytes(), np.asarray(weights, dtype=np.float32).tobytes()


def unpack_vector(tids: bytes, weights: bytes) -> tuple[np.ndarray, np.ndarray]:
    return np.frombuffer(tids, dtype=np.uint32), np.frombuffer(weights, dtype=np.float32)


@dataclass(frozen=True)
class ReportRecord:
    """Everything stored for one report that does not depend on the rest of the corpus."""

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
    n_units: int = 0
    lean: tuple = (None, None, None, None, None)  # (value, lo, hi, 普法 mentions, 执法 mentions)
    places: Sequence[str] = ()
    term_counts: Mapping[str, int] = field(default_factory=dict)
    theme_counts: Sequence[tuple] = ()  # (part_id, theme_id, count[, units]); part 'all' = whole text
    sections: Sequence[tuple] = ()  # (part_id, present, chars, spans[, embedded])
    facts: Sequence[Mapping[str, Any]] = ()
    shortcomings: Sequence[Mapping[str, Any]] = ()


@dataclass(frozen=True)
class CorpusRows:
    """Corpus-dependent rows of one report, written by the pipeline with (or after) the report."""

    report_id: str
    keywords: Sequence[tuple[int, str, float, int]] = ()  # (rank, term, weight, count)
    vector: tuple[np.ndarray, np.ndarray] | None = None  # (term ids, weights)
    position: tuple | None = None  # (x, y, stock_share, ws, ws_se, ws_lo, ws_hi, basis)
    neighbours: Sequence[tuple[str, float]] = ()  # (other id, similarity), best first
    shared: Sequence[tuple] = ()  # (other id, packed spans, passages, chars, longest, share own, share other)
    fingerprints: Sequence[int] = ()


def _is_sqlite_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return head == b"SQLite format 3\x00" or head == b""


class Store:
    """Typed access to the report database. Opens a short-lived connection per call (thread-safe)."""

    def __init__(self, path: str | os.PathLike | None = None, *, readonly: bool | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self._local = threading.local()
        self._check_path()
        self.writable = self._can_write() if readonly is None else not readonly
        self._open()

    # ---- opening, faults, schema -------------------------------------------------------------
    def _fault(self, what: str, todo: str) -> StoreError:
        return StoreError(f"数据库文件 {self.path}：{what}。{todo}")

    def _check_path(self) -> None:
        p = self.path
        if p.is_dir():
            raise self._fault("这是一个文件夹，不是数据库文件",
                              "请把环境变量 REPORTS_DB 设为一个文件路径（例如 data/reports.db）")
        if p.exists() and not _is_sqlite_file(p):
            raise self._fault("不是本系统的数据库（文件内容不是 SQLite 数据库，可能已损坏或放错了文件）",
                              "请检查 REPORTS_DB 设置；如需新建语料库，把该文件移走后重新启动（会自动载入内置的示例报告）")
        if not p.exists():
            parent = p.parent
            try:
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise self._fault(f"无法创建所在文件夹（{exc.strerror or exc}）", "请检查路径和权限") from None
            if not os.access(parent, os.W_OK):
                raise self._fault("文件不存在，所在文件夹又没有写权限，无法新建", "请检查路径和权限")

    def _can_write(self) -> bool:
        p = self.path
        if not p.exists():
            return True
        side = [p.with_name(p.name + s) for s in ("-wal", "-shm")]
        return os.access(p, os.W_OK) and os.access(p.parent, os.W_OK) and all(
            os.access(s, os.W_OK) for s in side if s.exists())

    def _open(self) -> None:
        try:
            with self._connect() as con:
                tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                version = con.execute("PRAGMA user_version").fetchone()[0]
                if tables and not _OUR_TABLES <= tables:
                    raise self._fault("是一个 SQLite 数据库，但不是本系统的语料库（缺少 reports、meta 表）",
                                      "未做任何修改；请检查 REPORTS_DB 设置")
                if version > SCHEMA_VERSION:
                    raise self._fault(f"由更新版本的程序写入（数据库版本 {version}，本程序支持到 {SCHEMA_VERSION}）",
                                      "未做任何修改；请升级程序后再打开")
                self.schema_version = version if tables else SCHEMA_VERSION
                if not self.writable:
                    if not tables:
                        raise self._fault("是空文件且只读，无法建立语料库", "请检查文件权限")
                    return
                if tables and version < SCHEMA_VERSION:
                    return  # an older store: the pipeline migrates it (analytics.migrate) before use
                con.execute("PRAGMA journal_mode=WAL")
                con.executescript(SCHEMA)  # (IF NOT EXISTS: writes nothing to a complete store)
                if version != SCHEMA_VERSION:  # setting it, even to the same value, rewrites the file's header
                    con.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):
                self.writable = False
                self._local = threading.local()
                return self._open()
            raise self._fault(f"无法打开（{exc}）",
                              "文件可能已损坏；请检查 REPORTS_DB 设置，或从备份恢复") from None

    def copy_to(self, dest: str | os.PathLike) -> Path:
        """A consistent copy of the whole store (committed data, WAL included) at ``dest``."""
        dest = Path(dest)
        target = sqlite3.connect(dest)
        try:
            with self._connect() as con:
                con.backup(target)
        finally:
            target.close()
        return dest

    @property
    def needs_migration(self) -> bool:
        return self.schema_version < SCHEMA_VERSION

    def _new_connection(self) -> sqlite3.Connection:
        if self.writable:
            con = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
        else:
            con = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=60,
                                  isolation_level=None, check_same_thread=False)
        con.execute("PRAGMA foreign_keys=ON")
        if self.writable:
            con.execute("PRAGMA synchronous=NORMAL")
        return con

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection, kept open between calls (closing the last connection of a WAL
        database checkpoints it, which made every short call pay for a checkpoint). A call made while
        this thread's connection is inside a transaction gets a connection of its own."""
        con = getattr(self._local, "con", None)
        if con is None:
            con = self._local.con = self._new_connection()
        if not con.in_transaction:
            yield con
            return
        own = self._new_connection()
        try:
            yield own
        finally:
            own.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE: writers queue, readers keep their snapshot)."""
        if not self.writable:
            raise StoreReadOnly(f"数据库文件 {self.path} 是只读的：可以浏览，但不能保存、更正或删除。"
                                "如需修改，请让管理员开放该文件及其所在文件夹的写权限")
        with self._connect() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query inside sees one consistent state of the store."""
        with self._connect() as con:
            con.execute("BEGIN")
            try:
                yield con
            finally:
                con.execute("COMMIT")

    # ---- meta ---------------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None, *, con: sqlite3.Connection | None = None) -> str | None:
        if con is not None:
            row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
            return row[0] if row else default
        with self._connect() as c:
            return self.get_meta(key, default, con=c)

    def set_meta(self, key: str, value: str | None, *, con: sqlite3.Connection | None = None) -> None:
        if con is None:
            with self.transaction() as c:
                return self.set_meta(key, value, con=c)
        if value is None:
            con.execute("DELETE FROM meta WHERE key=?", (key,))
        else:
            con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def corpus_version(self, *, con: sqlite3.Connection | None = None) -> str:
        """Changes with every write to the reports, their metadata or their dictionary features (O(1))."""
        return self.get_meta("corpus_version", "0", con=con)

    @staticmethod
    def bump(con: sqlite3.Connection) -> None:
        con.execute("INSERT INTO meta(key, value) VALUES ('corpus_version', '1') ON CONFLICT(key) DO UPDATE"
                    " SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)")

    # ---- reports: writes ---------------------------------------------------------------------------
    def has(self, rid: str, *, con: sqlite3.Connection | None = None) -> bool:
        if con is not None:
            return con.execute("SELECT 1 FROM reports WHERE id=?", (rid,)).fetchone() is not None
        with self._connect() as c:
            return self.has(rid, con=c)

    def add(self, rec: ReportRecord, *, con: sqlite3.Connection | None = None,
            term_ids: dict[str, int] | None = None) -> bool:
        """Store a report with its per-report features. False if it was already stored. ``term_ids``, if given,
        receives the global ids of the report's terms (which storing its counts looks up anyway)."""
        if con is None:
            with self.transaction() as c:
                return self.add(rec, con=c, term_ids=term_ids)
        if self.has(rec.id, con=con):
            return False
        meta = validate_metadata({k: rec.meta.get(k) for k in META_FIELDS})  # names: Chinese only, no markup
        con.execute(
            "INSERT INTO reports (id, title, town, county, province, level, year, inferred, chars, n_units, n_terms,"
            " filename, kind, encoding, builtin, added_at, concreteness, dictionary_version, places, lean, lean_lo,"
            " lean_hi, lean_pufa, lean_zhifa) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (rec.id, meta["title"], meta["town"], meta["county"], meta["province"], meta["level"], meta["year"],
             json.dumps(dict(rec.inferred), ensure_ascii=False), len(rec.text), rec.n_units,
             int(sum(rec.term_counts.values())), rec.filename, rec.kind,
             rec.encoding, int(rec.builtin), datetime.now(timezone.utc).isoformat(timespec="seconds"),
             rec.concreteness, rec.dictionary_version, json.dumps(sorted(rec.places), ensure_ascii=False),
             *(tuple(rec.lean) + (None,) * 5)[:5]),
        )
        con.execute("INSERT INTO texts VALUES (?, ?)", (rec.id, rec.text))
        ids = self._add_terms(con, rec.id, rec.term_counts)
        if term_ids is not None:
            term_ids.update(ids)
        self._write_dictionary_features(con, rec.id, rec.theme_counts, rec.facts, rec.shortcomings)
        self._write_sections(con, rec.id, rec.sections)
        self.bump(con)
        return True

    @staticmethod
    def _write_sections(con: sqlite3.Connection, rid: str, sections: Sequence[tuple]) -> None:
        con.executemany(
            "INSERT INTO sections VALUES (?,?,?,?,?,?)",
            [(rid, s[0], int(s[1]), int(s[4]) if len(s) > 4 else 0, s[2], json.dumps([list(x) for x in s[3]]))
             for s in sections],
        )

    def term_ids(self, terms: Iterable[str], *, con: sqlite3.Connection, create: bool = False) -> dict[str, int]:
        """Global ids of terms (new terms get one when ``create``)."""
        terms = list(dict.fromkeys(terms))
        if create:
            con.executemany("INSERT OR IGNORE INTO terms(term) VALUES (?)", [(t,) for t in terms])
        out: dict[str, int] = {}
        for i in range(0, len(terms), 900):
            chunk = terms[i:i + 900]
            marks = ",".join("?" * len(chunk))
            out.update(con.execute(f"SELECT term, tid FROM terms WHERE term IN ({marks})", chunk).fetchall())
        return out

    def _add_terms(self, con: sqlite3.Connection, rid: str, counts: Mapping[str, int]) -> dict[str, int]:
        if not counts:
            con.execute("INSERT INTO report_terms VALUES (?, ?, ?)", (rid, b"", b""))
            return {}
        ids = self.term_ids(counts, con=con, create=True)
        pairs = sorted((ids[t], c) for t, c in counts.items())
        con.executemany("UPDATE terms SET df = df + 1, total = total + ? WHERE tid = ?", [(c, t) for t, c in pairs])
        tids, cnts = pack_counts([t for t, _ in pairs], [c for _, c in pairs])
        con.execute("INSERT INTO report_terms VALUES (?, ?, ?)", (rid, tids, cnts))
        return ids

    def replace_terms(self, rid: str, counts: Mapping[str, int], places: Iterable[str], *,
                      con: sqlite3.Connection) -> None:
        """Swap one report's term counts and place names (after the segmentation rules changed), keeping every
        term's document frequency and total in step. Vectors, keywords and neighbours follow at the refit."""
        row = con.execute("SELECT tids, counts FROM report_terms WHERE report_id=?", (rid,)).fetchone()
        if row is not None:
            tids, cnts = unpack_counts(*row)
            con.executemany("UPDATE terms SET df = df - 1, total = total - ? WHERE tid = ?",
                            [(int(c), int(t)) for t, c in zip(tids, cnts, strict=True)])
            con.execute("DELETE FROM report_terms WHERE report_id=?", (rid,))
        self._add_terms(con, rid, counts)
        con.execute("UPDATE reports SET n_terms=?, places=? WHERE id=?",
                    (int(sum(counts.values())), json.dumps(sorted(places), ensure_ascii=False), rid))

    @staticmethod
    def _write_dictionary_features(con, rid, theme_counts, facts, shortcomings) -> None:
        con.executemany("INSERT INTO theme_counts VALUES (?,?,?,?,?)",
                        [(rid, r[0], r[1], r[2], r[3] if len(r) > 3 else 0) for r in theme_counts])
        con.executemany(
            "INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(rid, i, f["value"], f["unit"], f["raw"], f.get("qualifier"), f["sentence"], f["start"], f["end"],
              f.get("theme_id"), f.get("kind") or "outcome", int(bool(f.get("approximate"))),
              int(bool(f.get("breakdown"))))
             for i, f in enumerate(facts)],
        )
        con.executemany(
            "INSERT INTO shortcomings VALUES (?,?,?,?,?,?,?,?)",
            [(rid, i, s.get("kind") or "problem", s["sentence"], s["start"], s["end"], s.get("theme_id"),
              s.get("problem_kind")) for i, s in enumerate(shortcomings)],
        )

    def replace_dictionary_features(self, rid: str, *, version: str, theme_counts, facts, shortcomings,
                                    lean: tuple = (None, None, None), concreteness: float | None = None,
                                    n_units: int | None = None, sections: Sequence[tuple] | None = None,
                                    con: sqlite3.Connection) -> None:
        """Swap the dictionary-dependent features of one report (after a dictionary edit), and its counting
        units and parts when given (after the detectors changed)."""
        for table in ("theme_counts", "facts", "shortcomings") + (("sections",) if sections is not None else ()):
            con.execute(f"DELETE FROM {table} WHERE report_id=?", (rid,))
        self._write_dictionary_features(con, rid, theme_counts, facts, shortcomings)
        if sections is not None:
            self._write_sections(con, rid, sections)
        if n_units is not None:
            con.execute("UPDATE reports SET n_units=? WHERE id=?", (n_units, rid))
        con.execute("UPDATE reports SET dictionary_version=?, lean=?, lean_lo=?, lean_hi=?, lean_pufa=?, lean_zhifa=?,"
                    " concreteness=COALESCE(?, concreteness) WHERE id=?",
                    (version, *(tuple(lean) + (None,) * 5)[:5], concreteness, rid))
        self.bump(con)

    def update_metadata(self, rid: str, **fields: Any) -> None:
        """Correct metadata fields; corrected fields are remembered."""
        fields = validate_metadata(fields)
        with self.transaction() as con:
            row = con.execute("SELECT corrected FROM reports WHERE id=?", (rid,)).fetchone()
            if row is None:
                raise MetadataError(f"没有编号为 {rid} 的报告")
            corrected = sorted(set(json.loads(row[0])) | set(fields))
            sets = ", ".join(f"{k}=?" for k in fields)
            con.execute(f"UPDATE reports SET {sets}, corrected=? WHERE id=?",
                        (*fields.values(), json.dumps(corrected), rid))
            self.bump(con)

    def remove(self, rid: str, *, con: sqlite3.Connection | None = None) -> bool:
        """Delete a report and everything derived from it; term statistics are decremented."""
        if con is None:
            with self.transaction() as c:
                return self.remove(rid, con=c)
        row = con.execute("SELECT tids, counts FROM report_terms WHERE report_id=?", (rid,)).fetchone()
        if row is not None and row[0]:
            tids, counts = unpack_counts(*row)
            con.executemany("UPDATE terms SET df = df - 1, total = total - ? WHERE tid = ?",
                            list(zip(counts.tolist(), tids.tolist(), strict=True)))
        rrow = con.execute("SELECT rid FROM reports WHERE id=?", (rid,)).fetchone()
        if rrow is not None:
            con.execute("UPDATE fingerprint_df SET n = n - 1 WHERE hash IN (SELECT hash FROM fingerprints WHERE rid=?)",
                        (rrow[0],))
        removed = con.execute("DELETE FROM reports WHERE id=?", (rid,)).rowcount > 0
        if removed:
            self.bump(con)
        return removed

    # ---- corpus rows ------------------------------------------------------------------------------
    def write_corpus_rows(self, rows: CorpusRows, *, con: sqlite3.Connection, fingerprint_cap: int) -> None:
        """Replace the corpus-dependent rows of one report (not its neighbours in others' lists)."""
        rid = rows.report_id
        for table, col in (("keywords", "report_id"), ("positions", "report_id"), ("vectors", "report_id"),
                           ("neighbours", "a")):
            con.execute(f"DELETE FROM {table} WHERE {col}=?", (rid,))
        con.executemany("INSERT INTO keywords VALUES (?,?,?,?,?)", [(rid, *k) for k in rows.keywords])
        if rows.vector is not None:
            con.execute("INSERT INTO vectors VALUES (?,?,?)", (rid, *pack_vector(*rows.vector)))
        if rows.position is not None:
            con.execute("INSERT INTO positions VALUES (?,?,?,?,?,?,?,?,?)", (rid, *rows.position))
        con.executemany("INSERT INTO neighbours VALUES (?,?,?)", [(rid, b, s) for b, s in rows.neighbours])
        if rows.shared:
            con.executemany("INSERT OR REPLACE INTO shared_pairs VALUES (?,?,?,?,?,?,?,?)",
                            [(rid, *p) for p in rows.shared if self.has(p[0], con=con)])
        if rows.fingerprints:
            self.add_fingerprints(con, rid, rows.fingerprints, cap=fingerprint_cap)

    @staticmethod
    def add_fingerprints(con: sqlite3.Connection, rid: str, hashes: Iterable[int], *, cap: int) -> None:
        """Index a report's fingerprints; a fingerprint found in more than ``cap`` reports (a stock phrase)
        keeps only its count, no postings."""
        r = con.execute("SELECT rid FROM reports WHERE id=?", (rid,)).fetchone()[0]
        hs = [(h,) for h in {_signed(h) for h in hashes}]
        con.executemany("INSERT INTO fingerprint_df VALUES (?, 1) ON CONFLICT(hash) DO UPDATE SET n = n + 1", hs)
        con.executemany(
            "INSERT OR IGNORE INTO fingerprints SELECT ?, ? WHERE (SELECT n FROM fingerprint_df WHERE hash=?) <= ?",
            [(h, r, h, cap) for (h,) in hs])

    @staticmethod
    def fingerprint_candidates(con: sqlite3.Connection, hashes: Iterable[int], *, cap: int,
                               min_shared: int = 1) -> list[tuple[str, int]]:
        """Stored reports sharing at least ``min_shared`` rare fingerprints with ``hashes``, most first."""
        hs = sorted({_signed(h) for h in hashes})
        counts: dict[int, int] = {}
        for i in range(0, len(hs), 900):
            chunk = hs[i:i + 900]
            marks = ",".join("?" * len(chunk))
            for r, n in con.execute(
                    f"SELECT f.rid, COUNT(*) FROM fingerprints f JOIN fingerprint_df d ON d.hash = f.hash"
                    f" WHERE f.hash IN ({marks}) AND d.n <= ? GROUP BY f.rid", (*chunk, cap)):
                counts[r] = counts.get(r, 0) + n
        hits = [(r, n) for r, n in counts.items() if n >= min_shared]
        if not hits:
            return []
        ids = dict(con.execute(f"SELECT rid, id FROM reports WHERE rid IN ({','.join('?' * len(hits))})",
                               [r for r, _ in hits]).fetchall())
        return sorted(((ids[r], n) for r, n in hits if r in ids), key=lambda kv: (-kv[1], kv[0]))

    def set_model(self, items: Mapping[str, bytes], *, con: sqlite3.Connection) -> None:
        con.execute("DELETE FROM model")
        con.executemany("INSERT INTO model VALUES (?, ?)", list(items.items()))

    def get_model(self, *, con: sqlite3.Connection) -> dict[str, bytes]:
        return dict(con.execute("SELECT key, value FROM model").fetchall())

    # ---- reads ----------------------------------------------------------------------------------------
    def count(self) -> int:
        with self._connect() as con:
            return con.execute("SELECT COUNT(*) FROM reports").fetchone()[0]

    def frame(self, sql: str, params: Sequence[Any] = (), *, con: sqlite3.Connection | None = None) -> pd.DataFrame:
        if con is not None:
            return pd.read_sql_query(sql, con, params=list(params))
        with self._connect() as c:
            return pd.read_sql_query(sql, c, params=list(params))

    def reports(self, *, con: sqlite3.Connection | None = None) -> pd.DataFrame:
        """One row per report (no text): id, metadata, chars, units, provenance, concreteness, lean, place names (JSON)."""
        return self.frame(
            "SELECT id, title, town, county, province, level, year, chars, n_units, n_terms, filename, kind, encoding,"
            " builtin,"
            " added_at, concreteness, lean, lean_lo, lean_hi, lean_pufa, lean_zhifa, inferred, corrected, places"
            " FROM reports"
            " ORDER BY town, year, id", con=con)

    def text(self, rid: str) -> str:
        with self._connect() as con:
            row = con.execute("SELECT text FROM texts WHERE report_id=?", (rid,)).fetchone()
        if row is None:
            raise KeyError(rid)
        return row[0]

    def texts(self, ids: Sequence[str] | None = None, *, con: sqlite3.Connection | None = None) -> dict[str, str]:
        if con is None:
            with self._connect() as c:
                return self.texts(ids, con=c)
        if ids is None:
            return dict(con.execute("SELECT report_id, text FROM texts").fetchall())
        out: dict[str, str] = {}
        ids = list(ids)
        for i in range(0, len(ids), 900):
            chunk = ids[i:i + 900]
            out.update(con.execute(f"SELECT report_id, text FROM texts WHERE report_id IN ({','.join('?' * len(chunk))})",
                                   chunk).fetchall())
        return out

    def term_vocabulary(self, *, con: sqlite3.Connection | None = None) -> pd.DataFrame:
        """tid, term, df, total of every term ever counted (df = reports containing it now)."""
        return self.frame("SELECT tid, term, df, total FROM terms", con=con)

    def packed_terms(self, ids: Sequence[str] | None = None, *,
                     con: sqlite3.Connection | None = None) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """report id -> (term ids, counts), from the packed rows."""
        if con is None:
            with self._connect() as c:
                return self.packed_terms(ids, con=c)
        if ids is None:
            rows = con.execute("SELECT report_id, tids, counts FROM report_terms").fetchall()
        else:
            rows, ids = [], list(ids)
            for i in range(0, len(ids), 900):
                chunk = ids[i:i + 900]
                rows += con.execute(f"SELECT report_id, tids, counts FROM report_terms WHERE report_id IN"
                                    f" ({','.join('?' * len(chunk))})", chunk).fetchall()
        return {rid: unpack_counts(t, c) for rid, t, c in rows}

    def group_counts(self, ids: Sequence[str]) -> dict[str, int]:
        """Summed term counts over the given reports (term -> count)."""
        with self._connect() as con:
            packed = self.packed_terms(ids, con=con)
            if not packed:
                return {}
            tids = np.concatenate([t for t, _ in packed.values()]).astype(np.int64)
            cnts = np.concatenate([c for _, c in packed.values()]).astype(np.int64)
            if not len(tids):
                return {}
            uniq, inv = np.unique(tids, return_inverse=True)
            sums = np.bincount(inv, weights=cnts).astype(np.int64)
            names = self._term_names(con, uniq.tolist())
        return {names[int(t)]: int(n) for t, n in zip(uniq, sums, strict=True) if int(t) in names}

    def term_table(self, terms: Sequence[str], ids: Sequence[str]) -> pd.DataFrame:
        """report_id, term, count for the given terms in the given reports (absent pairs omitted)."""
        with self._connect() as con:
            tid_of = self.term_ids(terms, con=con)
            packed = self.packed_terms(ids, con=con)
        want = {v: k for k, v in tid_of.items()}
        rows = []
        for rid, (tids, cnts) in packed.items():
            hit = np.isin(tids, list(want))
            rows += [(rid, want[int(t)], int(c)) for t, c in zip(tids[hit], cnts[hit], strict=True)]
        return pd.DataFrame(rows, columns=["report_id", "term", "count"])

    @staticmethod
    def _term_names(con: sqlite3.Connection, tids: Sequence[int]) -> dict[int, str]:
        names: dict[int, str] = {}
        for i in range(0, len(tids), 900):
            chunk = list(tids[i:i + 900])
            names.update(con.execute(f"SELECT tid, term FROM terms WHERE tid IN ({','.join('?' * len(chunk))})",
                                     chunk).fetchall())
        return names

    def term_counts(self, ids: Sequence[str] | None = None) -> dict[str, dict[str, int]]:
        """report id -> {term: count} (convenience; pages use packed rows and aggregates instead)."""
        with self._connect() as con:
            packed = self.packed_terms(ids, con=con)
            names = self._term_names(con, sorted({int(t) for tids, _ in packed.values() for t in tids}))
        return {rid: {names[int(t)]: int(c) for t, c in zip(tids, cnts, strict=True)} for rid, (tids, cnts) in packed.items()}

    def vectors(self, *, con: sqlite3.Connection | None = None) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        if con is None:
            with self._connect() as c:
                return self.vectors(con=c)
        return {rid: unpack_vector(t, w) for rid, t, w in con.execute("SELECT report_id, tids, weights FROM vectors")}

    def theme_counts(self, *, part: str | None = None, con: sqlite3.Connection | None = None) -> pd.DataFrame:
        where, params = ("WHERE part_id=?", (part,)) if part is not None else ("", ())
        return self.frame(f"SELECT report_id, part_id, theme_id, count, units FROM theme_counts {where}", params,
                          con=con)

    def sections(self, *, con: sqlite3.Connection | None = None) -> pd.DataFrame:
        return self.frame("SELECT report_id, part_id, present, embedded, chars, spans FROM sections", con=con)

    def facts(self, ids: Sequence[str] | None = None, *, con: sqlite3.Connection | None = None) -> pd.DataFrame:
        cols = ("report_id, idx, value, unit, raw, qualifier, sentence, start, end, theme_id, kind, approximate,"
                " breakdown")
        if ids is None:
            return self.frame(f"SELECT {cols} FROM facts", con=con)
        return self._frame_in(f"SELECT {cols} FROM facts WHERE report_id IN", ids, con=con)

    def shortcomings(self, *, con: sqlite3.Connection | None = None) -> pd.DataFrame:
        kind = "problem_kind" if self.schema_version >= 3 else "NULL AS problem_kind"  # (an old store, read-only)
        return self.frame(f"SELECT report_id, idx, kind, sentence, start, end, theme_id, {kind} FROM shortcomings",
                          con=con)

    def shared_pairs(self, *, con: sqlite3.Connection | None = None) -> pd.DataFrame:
        """One row per pair of reports sharing text: passages, characters, longest passage, share of each report
        (stock passages left out). The passages themselves: :meth:`pair_passages`."""
        return self.frame("SELECT a, b, passages, chars, longest, share_a, share_b FROM shared_pairs", con=con)

    def pair_passages(self, a: str, b: str) -> pd.DataFrame:
        """The passages of one pair (stored either way round), as a's and b's spans, with their stock share."""
        with self._connect() as con:
            row = con.execute("SELECT spans, 0 FROM shared_pairs WHERE a=? AND b=?", (a, b)).fetchone() or \
                con.execute("SELECT spans, 1 FROM shared_pairs WHERE a=? AND b=?", (b, a)).fetchone()
        cols = ["a_start", "a_end", "b_start", "b_end", "stock"]
        if row is None:
            return pd.DataFrame(columns=cols)
        arr = unpack_spans(row[0])
        frame = pd.DataFrame(arr, columns=cols)
        if row[1]:
            frame = frame.rename(columns={"a_start": "b_start", "a_end": "b_end", "b_start": "a_start", "b_end": "a_end"})
        frame["stock"] = frame["stock"] / 1000
        return frame[cols].sort_values("a_start", ignore_index=True)

    def keywords(self, *, con: sqlite3.Connection | None = None) -> pd.DataFrame:
        return self.frame("SELECT report_id, rank, term, weight, count FROM keywords ORDER BY report_id, rank",
                          con=con)

    def positions(self, *, con: sqlite3.Connection | None = None) -> pd.DataFrame:
        return self.frame("SELECT * FROM positions", con=con)

    def neighbours(self, *, con: sqlite3.Connection | None = None) -> pd.DataFrame:
        return self.frame("SELECT a, b, similarity FROM neighbours", con=con)

    def _frame_in(self, sql: str, ids: Sequence[str], *, con: sqlite3.Connection | None) -> pd.DataFrame:
        ids = list(ids)
        parts = [self.frame(f"{sql} ({','.join('?' * len(ids[i:i + 900]))})", ids[i:i + 900], con=con)
                 for i in range(0, max(len(ids), 1), 900)]
        return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def _signed(h: int) -> int:
    """A 64-bit hash as SQLite's signed INTEGER."""
    h = int(h)
    return h - (1 << 64) if h >= (1 << 63) else h


# ---- metadata validation ----------------------------------------------------------------------
_NAME_CHARS = set("·・（）()—-")
_MAX_NAME = 30


def _clean_name(field_: str, value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    if not text:
        return None
    if len(text) > _MAX_NAME:
        raise MetadataError(f"{_FIELD_LABELS[field_]}过长（{len(text)} 个字符，最多 {_MAX_NAME} 个）：{text[:40]}")
    bad = [ch for ch in text if not ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch.isdigit()
                                     or ch in _NAME_CHARS)]
    if bad:
        shown = "、".join(dict.fromkeys(repr(ch)[1:-1] for ch in bad))
        raise MetadataError(f"{_FIELD_LABELS[field_]}只能包含汉字、数字和间隔号，不能含有：{shown}")
    return text


_FIELD_LABELS = {"town": "乡镇名", "county": "县区名", "province": "省份名", "title": "标题"}
_TITLE_MAX = 200


def validate_metadata(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Checked and normalised metadata values (Chinese MetadataError naming the problem otherwise).

    Place names accept Chinese characters, digits and the middle dot only, so no Markdown, HTML or
    spreadsheet formula can be planted through them; a title is plain text without control characters.
    """
    unknown = set(fields) - set(META_FIELDS)
    if unknown:
        raise MetadataError(f"未知的元数据字段：{'、'.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for k, v in fields.items():
        if k in ("town", "county", "province"):
            out[k] = _clean_name(k, v)
        elif k == "year":
            if v is None or v == "" or (isinstance(v, float) and v != v):
                out[k] = None
                continue
            try:
                year = int(v)
            except (TypeError, ValueError):
                raise MetadataError(f"年份必须是整数：{v!r}") from None
            if not 1990 <= year <= 2100:
                raise MetadataError(f"年份超出合理范围（1990–2100）：{year}")
            out[k] = year
        elif k == "level":
            if v in (None, ""):
                out[k] = None
            elif v not in LEVELS:
                raise MetadataError(f"层级必须是 {'/'.join(LEVELS)} 之一：{v!r}")
            else:
                out[k] = v
        else:  # title
            text = "" if v is None else "".join(ch for ch in str(v) if ch.isprintable()).strip()
            if len(text) > _TITLE_MAX:
                raise MetadataError(f"标题过长（{len(text)} 个字符，最多 {_TITLE_MAX} 个）")
            out[k] = text or None
    return out
