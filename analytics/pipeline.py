"""Ingest and analyse: the only place that strings the analytics steps together.

file → text (readers, normalize) → per-report features (metadata, segment, themes, structure,
facts) → store → corpus features (keywords, similarity, map, Wordscores, stock sentences).
Per-report features are computed once at ingest; corpus features are recomputed from stored
features (never by re-segmenting) whenever the corpus version changes.
"""

from __future__ import annotations

import csv
import os
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analytics import SEED_DIR, facts as facts_mod, structure, themes
from analytics.accounts import Account, require_editor
from analytics.metadata import Metadata, infer_metadata
from analytics.normalize import normalize_text
from analytics.readers import SUPPORTED_SUFFIXES, Document, ReadError, read_path
from analytics.segment import Tokenizer, load_tokenizer, place_names_in
from analytics.store import META_FIELDS, ReportRecord, Store, report_id

DICTIONARY_META_KEY = "themes_yaml"
TOP_KEYWORDS = 20
NEIGHBOURS_STORED = 10
SHARED_CANDIDATES = 10
WHOLE = "all"  # part id for counts over the whole report


@dataclass(frozen=True)
class Resources:
    """What analysis needs loaded once: the tokenizer and the active indicator dictionary."""

    tokenizer: Tokenizer
    dictionary: themes.ThemeDictionary


def load_resources(store: Store | None = None, *, engine: str = "rjieba") -> Resources:
    yaml_text = store.get_meta(DICTIONARY_META_KEY) if store is not None else None
    dictionary = themes.parse_dictionary(yaml_text) if yaml_text else themes.load_dictionary()
    return Resources(tokenizer=load_tokenizer(engine=engine), dictionary=dictionary)


# ---- per-report analysis ---------------------------------------------------------------------
@dataclass(frozen=True)
class Analysis:
    """Features of one report, independent of the corpus."""

    text: str
    meta: Metadata
    inferred: Metadata
    term_counts: dict[str, int]
    theme_counts: dict[str, dict[str, int]]  # part id ('all' = whole report) -> theme id -> count
    parts: dict[str, structure.PartInfo]
    shortcomings: list[tuple[structure.Shortcoming, str | None]]
    facts: list[tuple[facts_mod.Fact, str | None]]
    concreteness: float
    dictionary_version: str
    filename: str | None = None
    kind: str | None = None
    encoding: str | None = None

    @property
    def id(self) -> str:
        return report_id(self.text)

    @property
    def chars(self) -> int:
        return len(self.text)

    def rates(self) -> dict[str, themes.Rate]:
        return themes.rates(self.theme_counts[WHOLE], chars=self.chars)


def _dictionary_features(text: str, parts: Mapping[str, structure.PartInfo], dictionary: themes.ThemeDictionary,
                         shortcomings: Sequence[structure.Shortcoming], facts: Sequence[facts_mod.Fact]):
    """Theme counts for the whole text and per part, and the dominant theme of each fact and shortcoming
    sentence, all from one leftmost-longest pass over the whole text (hits located by bisection)."""
    ids = dictionary.ids()
    hits = dictionary.find(text)
    starts = [h.start for h in hits]

    def tally(spans: Iterable[tuple[int, int]]) -> dict[str, int]:
        per = dict.fromkeys(ids, 0)
        for s, e in spans:
            for h in hits[bisect_left(starts, s):bisect_left(starts, e)]:
                per[h.theme_id] += 1
        return per

    def dominant(s: int, e: int) -> str | None:
        per = tally([(s, e)])
        best = max(per.values(), default=0)
        return next(t for t in ids if per[t] == best) if best else None

    counts = {WHOLE: tally([(0, len(text))])}
    counts.update({pid: tally(info.spans) for pid, info in parts.items() if info.present})
    short = [(sc, dominant(sc.start, sc.end)) for sc in shortcomings]
    facts_t = []
    for f in facts:  # the fact's sentence starts within [end - len(sentence), start]
        s0 = text.find(f.sentence, max(0, f.end - len(f.sentence)), f.start + len(f.sentence))
        facts_t.append((f, dominant(s0, s0 + len(f.sentence)) if s0 >= 0 else dictionary.dominant_theme(f.sentence)))
    return counts, short, facts_t


def analyse_text(
    text: str,
    *,
    resources: Resources,
    filename: str | None = None,
    kind: str | None = None,
    encoding: str | None = None,
    meta_overrides: Mapping[str, Any] | None = None,
    normalized: bool = False,
) -> Analysis:
    """All per-report features of a text (normalised here unless the caller says it already is)."""
    if not normalized:
        text = normalize_text(text)
    inferred = infer_metadata(text, filename=filename, normalized=True)
    overrides = {k: v for k, v in (meta_overrides or {}).items() if k in META_FIELDS and v not in (None, "")}
    meta = replace(inferred, **overrides)
    sections = structure.detect_sections(text)
    parts = structure.parts(text, sections=sections)
    found_facts = facts_mod.extract_facts(text)
    counts, short, facts_t = _dictionary_features(
        text, parts, resources.dictionary, structure.shortcomings(text, sections=sections), found_facts
    )
    term_counts = dict(Counter(resources.tokenizer.terms(text)))
    return Analysis(
        text=text, meta=meta, inferred=inferred, term_counts=term_counts, theme_counts=counts, parts=parts,
        shortcomings=short, facts=facts_t, concreteness=facts_mod.concreteness(found_facts, chars=len(text)),
        dictionary_version=resources.dictionary.version, filename=filename, kind=kind, encoding=encoding,
    )


def analyse_document(doc: Document, *, resources: Resources, meta_overrides: Mapping[str, Any] | None = None) -> Analysis:
    return analyse_text(doc.text, resources=resources, filename=doc.filename, kind=doc.kind, encoding=doc.encoding,
                        meta_overrides=meta_overrides, normalized=True)


def _fact_rows(items):
    return [
        {"value": f.value, "unit": f.unit, "raw": f.raw, "qualifier": f.qualifier, "sentence": f.sentence,
         "start": f.start, "end": f.end, "theme_id": t}
        for f, t in items
    ]


def _shortcoming_rows(items):
    return [{"sentence": s.sentence, "start": s.start, "end": s.end, "theme_id": t} for s, t in items]


def _theme_rows(counts: Mapping[str, Mapping[str, int]]):
    return [(p, t, c) for p, per in counts.items() for t, c in per.items()]


def to_record(a: Analysis, *, builtin: bool = False, shared: Sequence[tuple] = ()) -> ReportRecord:
    return ReportRecord(
        id=a.id, text=a.text, meta=asdict(a.meta), inferred=asdict(a.inferred), filename=a.filename, kind=a.kind,
        encoding=a.encoding, builtin=builtin, concreteness=a.concreteness, dictionary_version=a.dictionary_version,
        term_counts=a.term_counts, theme_counts=_theme_rows(a.theme_counts),
        sections=[(p, i.present, i.chars, [list(s) for s in i.spans]) for p, i in a.parts.items()],
        facts=_fact_rows(a.facts), shortcomings=_shortcoming_rows(a.shortcomings), shared=shared,
    )


# ---- shared passages against stored reports --------------------------------------------------
def _shared_with_corpus(text: str, index, texts: Mapping[str, str], *, exclude: str | None = None) -> list[tuple]:
    """Passages ≥ 20 chars shared with the stored reports sharing most text (at most SHARED_CANDIDATES)."""
    from analytics.similarity import shared_passages

    rows: list[tuple] = []
    for key, _n in index.candidates(text)[:SHARED_CANDIDATES]:
        if key == exclude or key not in texts:
            continue
        for p in shared_passages(text, texts[key]):
            rows.append((key, p.a_start, p.a_end, p.b_start, p.b_end))
    return rows


def build_shingle_index(texts: Mapping[str, str]):
    from analytics.similarity import ShingleIndex

    index = ShingleIndex()
    for key, text in texts.items():
        index.add(key, text)
    return index


# ---- ingest ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class IngestOutcome:
    """One file's result: status 'added', 'exists' or 'failed' (message in Chinese)."""

    source: str
    status: str
    report_id: str | None = None
    message: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)


class Ingestor:
    """Adds reports one transaction each; keeps the shingle index warm across a batch."""

    def __init__(self, store: Store, *, resources: Resources, actor: Account) -> None:
        require_editor(actor)
        self.store, self.resources = store, resources
        self._texts = store.texts()
        self._index = build_shingle_index(self._texts)

    def add_analysis(self, a: Analysis, *, source: str, builtin: bool = False) -> IngestOutcome:
        meta = asdict(a.meta)
        if a.id in self._texts or self.store.has(a.id):
            return IngestOutcome(source, "exists", a.id, "该报告已在语料库中，未重复添加", meta)
        shared = _shared_with_corpus(a.text, self._index, self._texts)
        self.store.add(to_record(a, builtin=builtin, shared=shared))
        self._texts[a.id] = a.text
        self._index.add(a.id, a.text)
        return IngestOutcome(source, "added", a.id, "已加入语料库", meta)

    def add_document(self, doc: Document, *, source: str, meta_overrides=None, builtin: bool = False) -> IngestOutcome:
        a = analyse_document(doc, resources=self.resources, meta_overrides=meta_overrides)
        return self.add_analysis(a, source=source, builtin=builtin)

    def add_path(self, path: Path, *, meta_overrides=None, builtin: bool = False) -> IngestOutcome:
        try:
            doc = read_path(path)
        except ReadError as exc:
            return IngestOutcome(str(path), "failed", message=str(exc))
        return self.add_document(doc, source=str(path), meta_overrides=meta_overrides, builtin=builtin)


# ---- analysing many files on every core --------------------------------------------------------
_WORKER_RESOURCES: Resources | None = None
PARALLEL_MIN_FILES = 8


def _analyse_path(path: Path) -> tuple[Path, Analysis | ReadError]:
    """Never raises: whatever goes wrong with one file comes back as that file's ReadError, which
    pickles, so a worker's failure reaches the parent instead of stalling the pool."""
    try:
        doc = read_path(path)
        return path, analyse_document(doc, resources=_WORKER_RESOURCES)
    except ReadError as exc:
        return path, exc
    except Exception as exc:  # an analysis step failed on odd input: a clean refusal of this file only
        return path, ReadError(path.name, f"分析时出错，已跳过（{type(exc).__name__}）")


def analyse_paths(paths: Sequence[Path], *, resources: Resources,
                  workers: int | None = None) -> Iterator[tuple[Path, Analysis | ReadError]]:
    """Read and analyse files in order; batches of PARALLEL_MIN_FILES or more use one process per core
    (forked, so workers share the loaded tokenizer and dictionary). Writing stays with the caller."""
    global _WORKER_RESOURCES
    _WORKER_RESOURCES = resources
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(paths) < PARALLEL_MIN_FILES:
        yield from map(_analyse_path, paths)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # An executor rather than multiprocessing.Pool: a worker that dies (killed, out of memory) raises
    # BrokenProcessPool here instead of leaving the parent waiting forever.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(_analyse_path, paths, chunksize=2)


def expand_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given, plus the supported files inside given folders (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            out.append(p)
    return out


def ingest_paths(
    store: Store,
    paths: Iterable[str | os.PathLike],
    *,
    resources: Resources,
    actor: Account,
    progress: Callable[[int, int, IngestOutcome], None] | None = None,
    refresh: bool = True,
) -> list[IngestOutcome]:
    files = expand_paths(paths)
    ingestor = Ingestor(store, resources=resources, actor=actor)
    outcomes = []
    for i, (path, result) in enumerate(analyse_paths(files, resources=resources), 1):
        if isinstance(result, ReadError):
            outcome = IngestOutcome(str(path), "failed", message=str(result))
        else:
            outcome = ingestor.add_analysis(result, source=str(path))
        outcomes.append(outcome)
        if progress:
            progress(i, len(files), outcome)
    if refresh and any(o.status == "added" for o in outcomes):
        refresh_corpus(store, resources=resources)
    return outcomes


def seed_manifest(seed_dir: Path = SEED_DIR) -> list[dict[str, str]]:
    with open(seed_dir / "manifest.tsv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def load_builtin_corpus(store: Store, *, resources: Resources) -> list[IngestOutcome]:
    """Load the seed reports with their manifest metadata (the built-in demo corpus)."""
    ingestor = Ingestor(store, resources=resources, actor=Account.local_admin())
    outcomes = []
    for row in seed_manifest():
        overrides = {k: row.get(k) for k in ("town", "county", "province", "level")}
        overrides["year"] = int(row["year"]) if row.get("year") else None
        outcomes.append(ingestor.add_path(SEED_DIR / row["file"], meta_overrides=overrides, builtin=True))
    refresh_corpus(store, resources=resources)
    return outcomes


def ensure_ready(store: Store, *, resources: Resources) -> None:
    """First use of an empty store loads the built-in corpus; stale corpus features are recomputed."""
    if store.get_meta("builtin_loaded") is None:  # first use (or a first load that was interrupted)
        load_builtin_corpus(store, resources=resources)
        store.set_meta("builtin_loaded", "1")
    elif store.get_meta("derived_version") != store.corpus_version():
        refresh_corpus(store, resources=resources)


# ---- writes that need an editor --------------------------------------------------------------
def save_analysis(store: Store, a: Analysis, *, resources: Resources, actor: Account, source: str) -> IngestOutcome:
    outcome = Ingestor(store, resources=resources, actor=actor).add_analysis(a, source=source)
    if outcome.status == "added":
        refresh_corpus(store, resources=resources)
    return outcome


def update_metadata(store: Store, rid: str, *, actor: Account, resources: Resources, **fields: Any) -> None:
    require_editor(actor)
    store.update_metadata(rid, **fields)
    refresh_corpus(store, resources=resources)


def remove_report(store: Store, rid: str, *, actor: Account, resources: Resources) -> bool:
    require_editor(actor)
    removed = store.remove(rid)
    if removed:
        refresh_corpus(store, resources=resources)
    return removed


def set_dictionary(store: Store, yaml_text: str, *, actor: Account) -> Resources:
    """Validate and activate an edited indicator dictionary, recounting every stored report."""
    require_editor(actor)
    dictionary = themes.parse_dictionary(yaml_text)  # raises DictionaryError with every problem
    resources = Resources(tokenizer=load_tokenizer(), dictionary=dictionary)
    store.set_meta(DICTIONARY_META_KEY, yaml_text)
    recount_dictionary_features(store, resources=resources)
    return resources


def recount_dictionary_features(store: Store, *, resources: Resources) -> int:
    """Recount theme-dependent features of reports counted with another dictionary version."""
    reports = store.frame("SELECT id, dictionary_version FROM reports")
    stale = reports.loc[reports["dictionary_version"] != resources.dictionary.version, "id"].tolist()
    for rid in stale:
        text = store.text(rid)
        sections = structure.detect_sections(text)
        parts = structure.parts(text, sections=sections)
        counts, short, facts_t = _dictionary_features(
            text, parts, resources.dictionary, structure.shortcomings(text, sections=sections),
            facts_mod.extract_facts(text),
        )
        store.replace_dictionary_features(
            rid, version=resources.dictionary.version, theme_counts=_theme_rows(counts),
            facts=_fact_rows(facts_t), shortcomings=_shortcoming_rows(short),
        )
    if stale:
        refresh_corpus(store, resources=resources)
    return len(stale)


# ---- corpus model ----------------------------------------------------------------------------
class CorpusModel:
    """Corpus-level state fitted on stored features: TF-IDF, map, Wordscores, stock sentences."""

    def __init__(self, store: Store, *, resources: Resources) -> None:
        from analytics.keywords import KeywordModel
        from analytics.position import CorpusMap, Wordscores
        from analytics.similarity import stock_sentences

        self.resources = resources
        self.reports_ = store.reports().set_index("id")
        self.ids_: list[str] = self.reports_.index.tolist()
        self.texts_ = store.texts()
        counts = store.term_counts()
        self.counts_ = [counts.get(i, {}) for i in self.ids_]
        self.report_places_ = report_places(store, self.texts_, self.reports_)
        self.places_ = set().union(*self.report_places_.values()) | _metadata_places(self.reports_)
        self.keyword_model_ = KeywordModel().fit(self.counts_) if self.ids_ else None
        self.X_ = self.keyword_model_.transform(self.counts_) if self.ids_ else None
        tc = store.theme_counts()
        whole = tc[tc["part_id"] == WHOLE].pivot_table(index="report_id", columns="theme_id", values="count",
                                                       fill_value=0, aggfunc="sum")
        self.theme_counts_ = whole.reindex(index=self.ids_, columns=resources.dictionary.ids(), fill_value=0)
        chars = self.reports_["chars"].reindex(self.ids_).to_numpy(dtype=float)
        self.rates_ = self.theme_counts_.div(chars, axis=0) * 10_000
        a, b = themes.DEFAULT_EMPHASIS
        self.emphasis_ = np.log((self.theme_counts_.get(a, 0) + 1) / (self.theme_counts_.get(b, 0) + 1))
        self.map_ = CorpusMap().fit(self.X_) if len(self.ids_) >= 2 else None
        self.wordscores_, self.wordscore_refs_ = _fit_wordscores(
            Wordscores, self.X_counts(self.counts_) if self.ids_ else None, self.emphasis_.to_numpy())
        self.stock_ = stock_sentences(self.texts_) if len(self.ids_) >= 3 else {}

    def X_counts(self, docs: Sequence[Mapping[str, int]]):
        """Raw term-count matrix over the TF-IDF vocabulary (for Wordscores)."""
        from scipy.sparse import csr_matrix

        vocab = self.keyword_model_.vocabulary_
        rows, cols, vals = [], [], []
        for r, doc in enumerate(docs):
            for term, c in doc.items():
                j = vocab.get(term)
                if j is not None:
                    rows.append(r), cols.append(j), vals.append(c)
        return csr_matrix((vals, (rows, cols)), shape=(len(docs), len(vocab)))

    def keywords_for(self, counts: Mapping[str, int], *, n: int = TOP_KEYWORDS, places: Iterable[str] = ()):
        """Top TF-IDF terms; the corpus' place names and the report's own (``places``) never lead."""
        return self.keyword_model_.top_terms(counts, n=n, exclude=self.places_ | set(places))

    def places_of(self, text: str) -> set[str]:
        """Place names in a text not (yet) stored, recognised with the corpus' names as known."""
        return place_names_in(text, known=self.places_)

    def stock_share(self, text: str) -> float:
        from analytics.similarity import stock_share

        return stock_share(text, self.stock_) if self.stock_ else 0.0

    @cached_property
    def shingle_index(self):
        return build_shingle_index(self.texts_)


def _fit_wordscores(cls, counts, scores: np.ndarray):
    """Wordscores with the corpus' emphasis index as reference scores. A report with no scorable word
    (e.g. one sentence repeated) cannot be a reference: it is left out of the fit and only scored."""
    if counts is None or counts.shape[0] < 2:
        return None, np.zeros(0, dtype=bool)
    probe = cls()
    refs = np.asarray(counts.sum(axis=1)).ravel() > 0
    while refs.sum() >= 2:
        min_docs = max(1, int(np.ceil(probe.min_ref_share * refs.sum() - 1e-9)))
        scored = np.asarray((counts[refs] > 0).sum(axis=0)).ravel() >= min_docs
        has_scored = np.asarray(counts[:, scored].sum(axis=1)).ravel() > 0
        if (refs & ~has_scored).sum() == 0:
            break
        refs &= has_scored
    if refs.sum() < 2 or float(np.ptp(scores[refs])) == 0:
        return None, refs
    return cls().fit(counts[refs], scores[refs]), refs


def _metadata_places(reports: pd.DataFrame) -> set[str]:
    return {v for col in ("town", "county", "province") for v in reports[col].dropna().tolist() if v}


def report_places(store: Store, texts: Mapping[str, str], reports: pd.DataFrame) -> dict[str, set[str]]:
    """Place names of every stored report: computed once (POS tagging is slow), then read from the store."""
    stored = store.places()
    missing = [rid for rid in texts if stored.get(rid) is None]
    if missing:
        known = _metadata_places(reports)
        found = {rid: place_names_in(texts[rid], known=known) for rid in missing}
        store.set_places(found)
        stored.update({k: sorted(v) for k, v in found.items()})
    return {rid: set(stored.get(rid) or ()) for rid in texts}


def refresh_corpus(store: Store, *, resources: Resources) -> CorpusModel:
    """Recompute and store every corpus-level feature for the current corpus version."""
    from analytics.position import nearest

    version = store.corpus_version()
    model = CorpusModel(store, resources=resources)
    keywords, positions, neighbours = [], [], []
    if model.ids_:
        coords = model.map_.coords_ if model.map_ is not None else np.zeros((len(model.ids_), 2))
        ws = model.wordscores_.score(model.X_counts(model.counts_)) if model.wordscores_ is not None else None
        for i, rid in enumerate(model.ids_):
            for rank, (term, w) in enumerate(model.keywords_for(model.counts_[i], places=model.report_places_[rid]), 1):
                keywords.append((rid, rank, term, float(w)))
            scores = tuple(float(ws.iloc[i][c]) for c in ("score", "score_se", "lo", "hi")) if ws is not None else (None,) * 4
            positions.append((
                rid, float(coords[i, 0]), float(coords[i, 1]), float(model.emphasis_.iloc[i]), *scores,
                model.stock_share(model.texts_[rid]),
            ))
            for nb in nearest(model.X_[i], model.X_, model.ids_, k=NEIGHBOURS_STORED, exclude={rid}):
                neighbours.append((rid, nb.key, float(nb.similarity)))
    store.replace_corpus_features(version=version, keywords=keywords, positions=positions, neighbours=neighbours)
    return model


# ---- a new report against the corpus ---------------------------------------------------------
@dataclass(frozen=True)
class Position:
    """Where one analysed report stands against the stored corpus (itself excluded)."""

    keywords: list[tuple[str, float]]
    percentiles: dict[str, float]
    nearest: list[dict[str, Any]]
    map: dict[str, float] | None
    wordscore: dict[str, Any] | None
    stock_share: float
    shared: list[dict[str, Any]]
    distinctive: pd.DataFrame
    shared_coverage: list[dict[str, Any]] = field(default_factory=list)  # per stored report sharing text


def position(model: CorpusModel, a: Analysis) -> Position:
    """Position ``a`` against the corpus without refitting; a stored copy of it is left out."""
    from analytics.keywords import distinctive_terms
    from analytics.position import nearest, theme_percentiles
    from analytics.similarity import Passage, coverage

    own = a.id
    keep = [i for i, rid in enumerate(model.ids_) if rid != own]
    ids = [model.ids_[i] for i in keep]
    x = model.keyword_model_.transform([a.term_counts])
    rates = {t: r.per_10k for t, r in a.rates().items()}
    pct = theme_percentiles(rates, model.rates_.iloc[keep]) if keep else {}
    nbs = nearest(x[0], model.X_[keep], ids, k=5) if keep else []
    meta = model.reports_
    near = [{"id": n.key, "town": meta.at[n.key, "town"], "year": _int(meta.at[n.key, "year"]),
             "similarity": round(float(n.similarity), 4)} for n in nbs]
    xy = model.map_.transform(x)[0] if model.map_ is not None else None
    ws = None
    if model.wordscores_ is not None:
        row = model.wordscores_.score(model.X_counts([a.term_counts])).iloc[0]
        a_id, b_id = themes.DEFAULT_EMPHASIS
        ws = {"score": float(row["score"]), "se": float(row["score_se"]), "raw": float(row["raw"]), "lo": float(row["lo"]), "hi": float(row["hi"]),
              "axis": f"{a_id}↔{b_id}"}
    shared = []
    for key, s, e, os_, oe in _shared_with_corpus(a.text, model.shingle_index, model.texts_, exclude=own):
        shared.append({"id": key, "town": meta.at[key, "town"], "year": _int(meta.at[key, "year"]), "start": s,
                       "end": e, "other_start": os_, "other_end": oe, "text": a.text[s:e]})
    coverage_rows = []
    for key in dict.fromkeys(x["id"] for x in shared):
        mine = [x for x in shared if x["id"] == key]
        own, other = coverage([Passage(x["start"], x["end"], x["other_start"], x["other_end"], "") for x in mine],
                              len_a=len(a.text), len_b=len(model.texts_[key]))
        coverage_rows.append({"id": key, "town": mine[0]["town"], "year": mine[0]["year"], "passages": len(mine),
                              "chars": sum(x["end"] - x["start"] for x in mine), "share_own": round(own, 4),
                              "share_other": round(other, 4)})
    rest: dict[str, int] = {}
    for i in keep:
        for t, c in model.counts_[i].items():
            rest[t] = rest.get(t, 0) + c
    own_places = model.places_of(a.text)
    distinctive = distinctive_terms(a.term_counts, rest)
    distinctive = distinctive[~distinctive["term"].isin(model.places_ | own_places)]
    return Position(
        keywords=model.keywords_for(a.term_counts, places=own_places), percentiles=pct, nearest=near,
        map={"x": float(xy[0]), "y": float(xy[1])} if xy is not None else None, wordscore=ws,
        stock_share=model.stock_share(a.text), shared=shared, distinctive=distinctive, shared_coverage=coverage_rows,
    )


def _int(v) -> int | None:
    return None if v is None or (isinstance(v, float) and np.isnan(v)) else int(v)


def analysis_json(a: Analysis, *, model: CorpusModel | None, dictionary: themes.ThemeDictionary,
                  source: str, pos: Position | None = None) -> dict[str, Any]:
    """The JSON object the CLI prints for one file (README documents every field)."""
    rates = a.rates()
    out: dict[str, Any] = {
        "file": source, "id": a.id, **{k: getattr(a.meta, k) for k in META_FIELDS}, "chars": a.chars,
        "keywords": [{"term": t, "weight": round(float(w), 4)}
                     for t, w in model.keywords_for(a.term_counts, places=model.places_of(a.text))]
        if model is not None and model.keyword_model_ is not None else [],
        "indicators": {t: {"label": dictionary.label(t), "count": r.count, "per_10k": round(r.per_10k, 3),
                           "share": round(r.share, 4)} for t, r in rates.items()},
        "emphasis": {f"{x}_vs_{y}": round(themes.emphasis(a.theme_counts[WHOLE], a=x, b=y), 4)
                     for x, y in [themes.DEFAULT_EMPHASIS] if {x, y} <= set(dictionary.ids())},
        "sections": {p: {"present": i.present, "chars": i.chars} for p, i in a.parts.items()},
        "shortcomings": [s.sentence for s, _ in a.shortcomings],
        "facts": [{"value": f.value, "unit": f.unit, "text": f.raw, "sentence": f.sentence, "theme": t}
                  for f, t in a.facts],
        "concreteness": round(a.concreteness, 3),
    }
    if pos is not None:
        out.update({
            "percentiles": {t: round(v, 1) for t, v in pos.percentiles.items()},
            "nearest": pos.nearest, "map": pos.map, "wordscore": pos.wordscore,
            "stock_share": round(pos.stock_share, 4),
            "shared_passages": [{k: v for k, v in s.items()} for s in pos.shared],
            "shared_coverage": pos.shared_coverage,
        })
    return out
