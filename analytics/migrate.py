"""Migration of a store written by the previous version of the product (schema version 0/1).

The old store kept every feature in wide tables; the new one keeps compact term rows and more
per-report figures. Migration keeps what people entered — the texts, their metadata with the
corrections, provenance and the time each report was added — and re-analyses the texts, all in
one transaction: an interruption leaves the old store exactly as it was.
"""

from __future__ import annotations

import json
import sqlite3

from analytics.store import SCHEMA, SCHEMA_VERSION, MetadataError, Store, validate_metadata

V1_TABLES = ("neighbours", "positions", "keywords", "shared_passages", "shortcomings", "facts", "sections",
             "theme_counts", "term_counts", "reports")
_KEEP_META = ("themes_yaml", "builtin_loaded")


def _statements(script: str) -> list[str]:
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s]


def _valid(fields: dict) -> dict:
    """Stored metadata the current rules accept; a value they refuse (markup in a name…) is dropped."""
    out = {}
    for k, v in fields.items():
        try:
            out.update(validate_metadata({k: v}))
        except MetadataError:
            out[k] = None
    return out


def migrate(store: Store, *, resources) -> int:
    """Bring an older store to the current schema; returns the number of reports carried over (re-analysed
    here: a version-1 store) or 0 (a version-2 store gains the problem_kind column, which the pipeline's
    re-derivation under new rules then fills)."""
    from analytics import pipeline

    with store._connect() as con:
        con.execute("BEGIN IMMEDIATE")
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version >= SCHEMA_VERSION:
                con.execute("ROLLBACK")
                return 0
            if version == 2:
                con.execute("ALTER TABLE shortcomings ADD COLUMN problem_kind TEXT")
                con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (pipeline.RULES_META_KEY, "schema-2"))
                con.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                con.execute("COMMIT")
                store.schema_version = SCHEMA_VERSION
                return 0
            rows = con.execute("SELECT id, title, town, county, province, level, year, inferred, corrected, text,"
                               " filename, kind, encoding, builtin, added_at FROM reports").fetchall()
            meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
            for table in V1_TABLES + ("meta",):
                con.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in _statements(SCHEMA):  # one by one: executescript would commit the transaction
                con.execute(statement)
            for key in _KEEP_META:
                if key in meta:
                    store.set_meta(key, meta[key], con=con)
            yaml_text = meta.get("themes_yaml")
            if yaml_text:
                from analytics import themes

                resources = pipeline.Resources(themes.parse_dictionary(yaml_text), resources.engine)
            for (rid, title, town, county, province, level, year, inferred, corrected, text, filename, kind,
                 encoding, builtin, added_at) in rows:
                overrides = _valid({"title": title, "town": town, "county": county, "province": province,
                                    "level": level, "year": year})
                a = pipeline.analyse_text(text, resources=resources, filename=filename, kind=kind, encoding=encoding,
                                          meta_overrides=overrides, normalized=True)
                store.add(pipeline.to_record(a, builtin=bool(builtin)), con=con)
                con.execute("UPDATE reports SET inferred=?, corrected=?, added_at=? WHERE id=?",
                            (inferred, corrected or json.dumps([]), added_at, a.id))
            con.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    store.schema_version = SCHEMA_VERSION
    return len(rows)
