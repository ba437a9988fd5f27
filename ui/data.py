"""Cached access to the store and its stored features. Pages never touch analytics directly for data.

Resources (tokenizer, store, corpus index) are cached with ``st.cache_resource``; frames with
``st.cache_data`` keyed on the corpus version (an O(1) counter), so a rerun reads stored features and
never re-segments anything.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics import model, pipeline
from analytics.store import Store, StoreError


@st.cache_resource(show_spinner="正在准备语料库……")
def _store() -> Store:
    store = Store()
    pipeline.ensure_ready(store, resources=pipeline.load_resources(store))
    threading.Thread(target=model.warm_up, daemon=True).start()
    return store


def get_store() -> Store:
    """The store; a store fault stops the page with its Chinese message (never a traceback)."""
    try:
        return _store()
    except StoreError as exc:
        from ui.widgets import plain_md

        st.error(plain_md(str(exc)), icon="⚠️")
        st.stop()


@st.cache_resource(show_spinner=False)
def _resources(dictionary_yaml: str | None) -> pipeline.Resources:
    return pipeline.load_resources(get_store())


def get_resources() -> pipeline.Resources:
    """Tokenizer + active dictionary; reloaded only when the stored dictionary text changes."""
    return _resources(get_store().get_meta(pipeline.DICTIONARY_META_KEY))


def corpus_version() -> str:
    return get_store().corpus_version()


@st.cache_resource(show_spinner="正在载入语料模型……")
def _index() -> model.CorpusIndex:
    return model.CorpusIndex.load(get_store())


def corpus_index() -> model.CorpusIndex:
    """The in-memory corpus index (basis + vectors), shared by all sessions, kept in step with the store."""
    index = _index()
    store = get_store()
    if index.version != store.corpus_version():
        with store.snapshot() as con:
            index.sync(store, con)
    return index


@st.cache_resource(show_spinner=False, max_entries=2)
def _table(version: str, dictionary_version: str) -> pipeline.CorpusTable:
    return pipeline.CorpusTable.load(get_store(), theme_ids=get_resources().dictionary.ids())


def corpus_table() -> pipeline.CorpusTable:
    """Per-report figures every comparison reads (one cached object per corpus version)."""
    return _table(corpus_version(), get_resources().dictionary.version)


def basis_time() -> str | None:
    """When the corpus basis (keywords, similar reports, map, stock phrases) was last recomputed."""
    at = get_store().get_meta("basis_at")
    if not at:
        return None
    import datetime as dt

    return dt.datetime.fromtimestamp(float(at)).strftime("%Y-%m-%d %H:%M")


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


@st.cache_data(show_spinner=False, max_entries=16)
def _texts(ids: tuple[str, ...], version: str) -> dict[str, str]:
    return get_store().texts(list(ids))


def texts(ids) -> dict[str, str]:
    """Texts of the given reports, read from the store (only those), cached per selection and version."""
    return _texts(tuple(sorted(ids)), corpus_version())


def report_text(report_id: str) -> str:
    return texts([report_id])[report_id]


def clear_caches() -> None:
    """After a write: drop cached frames (versioned keys make this mostly a memory matter)."""
    _load_corpus.clear()
    _texts.clear()
    _table.clear()


def after_write() -> None:
    """After a save, correction or removal: drop cached frames, and refit the corpus basis in the
    background when the corpus has drifted enough (pages keep showing the previous figures meanwhile)."""
    clear_caches()
    store = get_store()
    if pipeline.refit_due(store) and not _REFIT.locked():
        threading.Thread(target=_refit, args=(store, get_resources()), daemon=True).start()


_REFIT = threading.Lock()


def _refit(store: Store, resources: pipeline.Resources) -> None:
    if not _REFIT.acquire(blocking=False):
        return
    try:
        pipeline.refit(store, resources=resources)
    except StoreError:
        pass
    finally:
        _REFIT.release()
