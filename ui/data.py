"""Cached access to the store and its stored features. Pages never touch analytics directly for data.

Resources (tokenizer, store) are cached with ``st.cache_resource``; frames with ``st.cache_data``
keyed on the corpus version, so a rerun reads stored features and never re-segments anything.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics import pipeline
from analytics.store import Store


@st.cache_resource(show_spinner="正在准备语料库……")
def get_store() -> Store:
    store = Store()
    pipeline.ensure_ready(store, resources=pipeline.load_resources(store))
    return store


@st.cache_resource(show_spinner=False)
def _resources(dictionary_yaml: str | None) -> pipeline.Resources:
    return pipeline.load_resources(get_store())


def get_resources() -> pipeline.Resources:
    """Tokenizer + active dictionary; reloaded only when the stored dictionary text changes."""
    return _resources(get_store().get_meta(pipeline.DICTIONARY_META_KEY))


def corpus_version() -> str:
    return get_store().corpus_version()


@dataclass(frozen=True)
class Corpus:
    """Every stored feature as frames (one cached object per corpus version)."""

    reports: pd.DataFrame  # one row per report, incl. label, parts_complete, stock_share, emphasis, wordscore
    theme_counts: pd.DataFrame  # report_id, part_id, theme_id, count
    sections: pd.DataFrame
    facts: pd.DataFrame
    shortcomings: pd.DataFrame
    keywords: pd.DataFrame
    positions: pd.DataFrame
    neighbours: pd.DataFrame
    shared: pd.DataFrame
    theme_labels: dict[str, str]


@st.cache_data(show_spinner=False, max_entries=4)
def _load_corpus(version: str) -> Corpus:
    store = get_store()
    if store.get_meta("derived_version") != version:
        pipeline.refresh_corpus(store, resources=get_resources())
    reports = store.reports()
    sections = store.sections()
    complete = sections[sections["part_id"] != "other"].groupby("report_id")["present"].sum()
    positions = store.positions()
    reports = reports.merge(positions, left_on="id", right_on="report_id", how="left").drop(columns="report_id")
    reports["parts_complete"] = reports["id"].map(complete).fillna(0).astype(int)
    reports["year"] = reports["year"].astype("Int64")
    reports["label"] = [
        f"{t or '未知'}·{int(y) if pd.notna(y) else '?'}" + (f"·{i[:4]}" if dup else "")
        for t, y, i, dup in zip(reports["town"], reports["year"], reports["id"],
                                reports.duplicated(["town", "year"], keep=False))
    ]
    dictionary = get_resources().dictionary
    return Corpus(
        reports=reports, theme_counts=store.theme_counts(), sections=sections, facts=store.facts(),
        shortcomings=store.shortcomings(), keywords=store.keywords(), positions=positions,
        neighbours=store.neighbours(), shared=store.shared_passages(),
        theme_labels={t: dictionary.label(t) for t in dictionary.ids()},
    )


def load_corpus() -> Corpus:
    return _load_corpus(corpus_version())


@st.cache_resource(show_spinner="正在建立语料库模型……", max_entries=2)
def _corpus_model(version: str) -> pipeline.CorpusModel:
    return pipeline.CorpusModel(get_store(), resources=get_resources())


def corpus_model() -> pipeline.CorpusModel:
    """Fitted corpus state (TF-IDF, map, Wordscores) for positioning uploads; read-only once built."""
    return _corpus_model(corpus_version())


@st.cache_resource(show_spinner=False, max_entries=2)
def _all_texts(version: str) -> dict[str, str]:
    return get_store().texts()


def texts(ids) -> dict[str, str]:
    """Report texts (read-only, shared between sessions); read once per corpus version."""
    every = _all_texts(corpus_version())
    return {i: every[i] for i in ids if i in every}


def report_text(report_id: str) -> str:
    return texts([report_id])[report_id]


def clear_caches() -> None:
    """After a write: drop cached frames (versioned keys make this mostly a memory matter)."""
    _load_corpus.clear()
    _all_texts.clear()
