"""Cached access to the store and its stored features. Pages never touch analytics directly for data.

Resources (tokenizer, store, corpus index) are cached with ``st.cache_resource``; frames with
``st.cache_data`` keyed on the corpus version (an O(1) counter), so a rerun reads stored features and
never re-segments anything.
"""

from __future__ import annotations

import os
import threading
import pandas as pd
import streamlit as st

from analytics import model, pipeline, problems, readers
from analytics.store import Store, StoreError


@st.cache_resource(show_spinner="正在准备语料库……")
def _store() -> Store:
    store = Store()
    pipeline.ensure_ready(store, resources=_resources(store.get_meta(pipeline.DICTIONARY_META_KEY), store))
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
def _resources(dictionary_yaml: str | None, _store: Store) -> pipeline.Resources:
    return pipeline.load_resources(_store)


def get_resources() -> pipeline.Resources:
    """Tokenizer + active dictionary; reloaded only when the stored dictionary text changes."""
    store = get_store()
    return _resources(store.get_meta(pipeline.DICTIONARY_META_KEY), store)


_WARM = threading.Lock()


def warm() -> None:
    """Once per server process: open the store (loading the built-in corpus on first use) and load what
    the other pages and uploads need (per-report table and frame, corpus index, the tokenizer's first pass),
    so the first upload and the next pages after a restart do not wait for them. Every item is a
    process-wide ``st.cache_resource``, so pages running meanwhile share the work instead of repeating it.
    A faulty store is left to the page that needs it, which explains the fault in Chinese."""
    if not _WARM.acquire(blocking=False):
        return  # already done or under way (the lock is never released)
    try:
        store = _store()
        _resources(store.get_meta(pipeline.DICTIONARY_META_KEY), store)
        corpus_table()
        _reports(corpus_version())
        corpus_index()
        model.warm_up()
        problems.learned_model()  # (scikit-learn's import, ~1 s: not at the first upload)
        readers.import_libraries()
    except Exception:  # noqa: BLE001
        pass


def _warm_at_low_priority() -> None:
    """``warm`` with this thread at the lowest CPU priority (Linux threads have their own nice value), so
    on a small machine it yields the cores to whatever else runs: the browser still drawing the first page
    when dashboard and browser share the machine, or another user's page."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):
        pass  # not Linux, or not permitted: warm at normal priority
    warm()


_WARM_QUEUED = threading.Lock()
WARM_DELAY_S = 2.0


def warm_in_background() -> None:
    """``warm`` in a daemon thread, once per server process (app.py calls it after each page has run).

    In a served app it starts ``WARM_DELAY_S`` after the first page has run: the browser is then still
    fetching and drawing that page (plotly's front-end code alone is 4.7 MB, served by this process), and
    the general IDF table holds the GIL for a few hundred milliseconds while it loads, which would stall
    that download. Without a server (AppTest) it starts at once."""
    if not _WARM_QUEUED.acquire(blocking=False):
        return  # already queued, under way or done (the lock is never released)
    from streamlit import runtime

    delay = WARM_DELAY_S if runtime.exists() else 0.0
    timer = threading.Timer(delay, _warm_at_low_priority)
    timer.daemon, timer.name = True, "warm-up"
    timer.start()


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


def freshness() -> str:
    """When the corpus-wide figures (keywords, similar reports, map, stock phrases) were last recomputed,
    and how many reports were added since (their own figures are current; the basis catches up)."""
    store = get_store()
    at = store.get_meta("basis_at")
    if not at:
        return "语料基准尚未计算"
    import datetime as dt

    when = dt.datetime.fromtimestamp(float(at)).strftime("%Y-%m-%d %H:%M")
    since = len(_reports(corpus_version())) - int(store.get_meta("basis_n", "0"))
    later = f"，其后又加入 {since} 份" if since > 0 else (f"，其后删除 {-since} 份" if since < 0 else "")
    return f"关键词与相似报告基于 {when} 的语料{later}"


@st.cache_data(show_spinner=False, max_entries=64)
def _facts(ids: tuple[str, ...], version: str) -> pd.DataFrame:
    return get_store().facts(list(ids))


def pair_passages(a: str, b: str) -> pd.DataFrame:
    """The passages two reports share (read for that pair only)."""
    return get_store().pair_passages(a, b)


def facts(ids) -> pd.DataFrame:
    """The quantified facts of the given reports (read only for those reports)."""
    return _facts(tuple(sorted(ids)), corpus_version())


# ---- stored frames: one read per corpus version, shared read-only by every session --------------------
@st.cache_resource(show_spinner=False, max_entries=2)
def _reports(version: str) -> pd.DataFrame:
    store = get_store()
    with store.snapshot() as con:
        reports = store.reports(con=con)
        positions = store.positions(con=con)
        present = store.frame("SELECT report_id, SUM(present) AS n FROM sections WHERE part_id != 'other'"
                              " GROUP BY report_id", con=con)
    reports = reports.merge(positions, left_on="id", right_on="report_id", how="left").drop(columns="report_id")
    reports["parts_complete"] = reports["id"].map(present.set_index("report_id")["n"]).fillna(0).astype(int)
    reports["year"] = reports["year"].astype("Int64")
    reports["label"] = [
        f"{t or '未知'}·{int(y) if pd.notna(y) else '?'}" + (f"·{i[:4]}" if dup else "")
        for t, y, i, dup in zip(reports["town"], reports["year"], reports["id"],
                                reports.duplicated(["town", "year"], keep=False))
    ]
    return reports


@st.cache_resource(show_spinner=False, max_entries=10)  # five frames × (current, previous version)
def _frame(name: str, version: str) -> pd.DataFrame:
    store = get_store()
    return {"sections": store.sections, "shortcomings": store.shortcomings, "keywords": store.keywords,
            "shared": store.shared_pairs, "part_counts": lambda: store.theme_counts()}[name]()


class Corpus:
    """The stored corpus as pages see it: every frame restricted to the selected reports (all by
    default). Frames are read from the store once per corpus version and shared by all sessions
    (never modify them); each property filters on first use within a page run."""

    def __init__(self, version: str, theme_labels: dict[str, str], ids: frozenset[str] | None = None) -> None:
        self.version, self.theme_labels, self.ids = version, theme_labels, ids
        self._memo: dict[str, object] = {}

    def restrict(self, ids) -> "Corpus":
        return Corpus(self.version, self.theme_labels, frozenset(ids))

    def _get(self, name: str, make):
        if name not in self._memo:
            self._memo[name] = make()
        return self._memo[name]

    def _keep(self, frame: pd.DataFrame, col: str) -> pd.DataFrame:
        return frame if self.ids is None else frame[frame[col].isin(self.ids)]

    def _report_rows(self, name: str) -> pd.DataFrame:
        """A stored per-report frame (by report_id), restricted to the selected reports, read once."""
        return self._get(name, lambda: self._keep(_frame(name, self.version), "report_id"))

    @property
    def reports(self) -> pd.DataFrame:
        return self._get("reports", lambda: self._keep(_reports(self.version), "id").reset_index(drop=True))

    @property
    def table(self) -> pipeline.CorpusTable:
        def make():
            t = corpus_table()
            if self.ids is None:
                return t
            keep = t.reports.index.isin(self.ids)
            return pipeline.CorpusTable(t.reports[keep], t.counts[keep], t.units[keep], t.theme_ids)
        return self._get("table", make)

    @property
    def theme_counts(self) -> pd.DataFrame:
        """report_id, part_id, theme_id, count, units (every part; read only where per-part counts are shown)."""
        return self._report_rows("part_counts")

    @property
    def sections(self) -> pd.DataFrame:
        return self._report_rows("sections")

    @property
    def shortcomings(self) -> pd.DataFrame:
        return self._report_rows("shortcomings")

    @property
    def keywords(self) -> pd.DataFrame:
        return self._report_rows("keywords")

    @property
    def shared(self) -> pd.DataFrame:
        def make():
            s = _frame("shared", self.version)
            return s if self.ids is None else s[s["a"].isin(self.ids) & s["b"].isin(self.ids)]
        return self._get("shared", make)


def load_corpus() -> Corpus:
    dictionary = get_resources().dictionary
    return Corpus(corpus_version(), {t: dictionary.label(t) for t in dictionary.ids()})


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
    _reports.clear()
    _frame.clear()
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
