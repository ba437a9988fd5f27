-- The store schema of the previous release (no schema version), for the migration test.
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
