"""Cached reads the stored corpus frames (ui.data.Corpus) do not hold: term counts and KWIC lines.

Keyed on the corpus version, so a rerun never re-reads what did not change.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from analytics import pipeline, search
from ui import data


@st.cache_data(show_spinner=False, max_entries=64)
def _group_counts(ids: tuple[str, ...], version: str) -> dict[str, int]:
    return data.get_store().group_counts(ids)


def group_term_counts(ids: Sequence[str]) -> dict[str, int]:
    """Summed term counts over the given reports."""
    return _group_counts(tuple(sorted(ids)), data.corpus_version())


@st.cache_data(show_spinner=False, max_entries=32)
def _term_counts(terms: tuple[str, ...], ids: tuple[str, ...], version: str) -> pd.DataFrame:
    return data.get_store().term_table(terms, ids)


def term_counts(terms: Sequence[str], ids: Sequence[str]) -> pd.DataFrame:
    """report_id, term, count for the given terms in the given reports (absent pairs omitted)."""
    if not terms or not ids:
        return pd.DataFrame(columns=["report_id", "term", "count"])
    return _term_counts(tuple(terms), tuple(sorted(ids)), data.corpus_version())


def term_totals() -> pd.Series:
    """Number of counted terms (tokens) per report."""
    return data.load_corpus().reports.set_index("id")["n_terms"]


SCAN_LIMIT = 2000  # reports searched for a term without asking (the whole text of each is read)
LINES = 200


@st.cache_data(show_spinner="正在检索……", max_entries=32)
def _kwic(terms: tuple[str, ...], themes: tuple[str, ...], ids: tuple[str, ...], window: int, limit: int | None,
          version: str, dictionary_version: str, lean_only: bool = False) -> pd.DataFrame:
    resources = data.get_resources()
    finder = functools.partial(pipeline.lean_mentions if lean_only else pipeline.theme_hits, resources=resources)
    hits = []
    for i in range(0, len(ids), 200):  # read texts in chunks; stop as soon as enough lines are found
        chunk = data.get_store().texts(list(ids[i:i + 200]))
        part = search.kwic({r: chunk[r] for r in ids[i:i + 200] if r in chunk}, terms=terms, themes=themes,
                           finder=finder, window=window, sentence=True,
                           limit=None if limit is None else limit - sum(map(len, hits)))
        hits.append(part)
        if limit is not None and sum(map(len, hits)) >= limit:
            break
    return pd.concat(hits, ignore_index=True) if hits else search.kwic({}, terms=terms)


def kwic(*, terms: Sequence[str], themes: Sequence[str], ids: Sequence[str], window: int,
         limit: int | None = None, lean_only: bool = False) -> pd.DataFrame:
    """KWIC lines (whole-sentence context) in the given reports, in their order; ``limit`` stops early.
    ``lean_only``: of the theme hits, only the 普法/执法 mentions the lean counts (the year's work)."""
    return _kwic(tuple(terms), tuple(themes), tuple(ids), window, limit, data.corpus_version(),
                 data.get_resources().dictionary.version, lean_only)


def lean_hits(reports: pd.DataFrame, themes: Sequence[str], ids: Sequence[str]) -> pd.DataFrame:
    """Stored per-report counts of the 普法/执法 mentions the lean counts (what a lean-only search finds)."""
    cols = [{pipeline.PUFA: "lean_pufa", pipeline.ZHIFA: "lean_zhifa"}[t] for t in themes]
    counts = reports.set_index("id").reindex(list(ids))[cols].fillna(0).sum(axis=1).astype(int)
    return counts.rename("count").rename_axis("report_id").reset_index()


def theme_hits(table, themes: Sequence[str], ids: Sequence[str]) -> pd.DataFrame:
    """Stored per-report counts of the given themes (exactly what a theme search finds), zeros included."""
    counts = table.counts.reindex(list(ids))[list(themes)].sum(axis=1).astype(int)
    return counts.rename("count").rename_axis("report_id").reset_index()
