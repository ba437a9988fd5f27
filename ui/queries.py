"""Cached reads the stored corpus frames (ui.data.Corpus) do not hold: term counts and KWIC lines.

Keyed on the corpus version, so a rerun never re-reads what did not change.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from analytics import search
from ui import data


def _marks(n: int) -> str:
    return ",".join("?" * n)


@st.cache_data(show_spinner=False, max_entries=64)
def _group_counts(ids: tuple[str, ...], version: str) -> dict[str, int]:
    df = data.get_store().frame(
        f"SELECT term, SUM(count) AS n FROM term_counts WHERE report_id IN ({_marks(len(ids))}) GROUP BY term", ids)
    return dict(zip(df["term"], df["n"].astype(int)))


def group_term_counts(ids: Sequence[str]) -> dict[str, int]:
    """Summed term counts over the given reports."""
    return _group_counts(tuple(sorted(ids)), data.corpus_version())


@st.cache_data(show_spinner=False, max_entries=32)
def _term_counts(terms: tuple[str, ...], ids: tuple[str, ...], version: str) -> pd.DataFrame:
    return data.get_store().frame(
        f"SELECT report_id, term, count FROM term_counts WHERE term IN ({_marks(len(terms))})"
        f" AND report_id IN ({_marks(len(ids))})", (*terms, *ids))


def term_counts(terms: Sequence[str], ids: Sequence[str]) -> pd.DataFrame:
    """report_id, term, count for the given terms in the given reports (absent pairs omitted)."""
    if not terms or not ids:
        return pd.DataFrame(columns=["report_id", "term", "count"])
    return _term_counts(tuple(terms), tuple(sorted(ids)), data.corpus_version())


@st.cache_data(show_spinner=False, max_entries=4)
def _term_totals(version: str) -> pd.Series:
    df = data.get_store().frame("SELECT report_id, SUM(count) AS n FROM term_counts GROUP BY report_id")
    return df.set_index("report_id")["n"]


def term_totals() -> pd.Series:
    """Number of counted terms (tokens) per report."""
    return _term_totals(data.corpus_version())


@st.cache_data(show_spinner="正在检索……", max_entries=32)
def _kwic(terms: tuple[str, ...], themes: tuple[str, ...], ids: tuple[str, ...], window: int, version: str,
          dictionary_version: str) -> pd.DataFrame:
    return search.kwic(data.texts(ids), terms=terms, themes=themes, dictionary=data.get_resources().dictionary,
                       window=window)


def kwic(*, terms: Sequence[str], themes: Sequence[str], ids: Sequence[str], window: int) -> pd.DataFrame:
    return _kwic(tuple(terms), tuple(themes), tuple(sorted(ids)), window, data.corpus_version(),
                 data.get_resources().dictionary.version)
