"""The corpus model: a persisted *basis* fitted on the stored reports, and the in-memory index over it.

Basis (fitted at a refit, stored in the ``model`` table, loaded in well under a second):

- ``n`` reports and the document frequency of every term at fit time (the IDF basis);
- the 2-D map axes: PCA of the reports' pruned TF-IDF vectors;
- Wordscores word scores, when at least ``MIN_WORDSCORE_REFS`` reports are references;
- the stock fragments (sentences found in most reports).

Everything corpus-dependent about one report is computed against the current basis, so adding a
report never refits anything: its keywords (TF-IDF, leaving itself out of the IDF when it belongs
to the basis), its pruned TF-IDF vector, its nearest reports (and its entry into their lists), its
point on the map, its Wordscores score, its stock share. A refit (``pipeline.refit``) recomputes the
basis and every report's rows when the corpus has drifted (``DRIFT``) since the last one.

IDF of term t (general Chinese mixed in, see ``analytics.keywords``)::

    corpus(t) = ln((1 + n) / (1 + df(t))) + 1
    idf(t)    = corpus(t) ** (1 - w) * general_ratio(t) ** w        w = 0.5

with n, df taken from the basis (minus the report itself when it is part of the basis).
"""

from __future__ import annotations

import importlib
import io
import json
import math
import sqlite3
import threading
import time
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sp


def _sparse():
    """scipy.sparse, imported on first use: it takes 0.2 s (array_api_compat pulls in numpy.f2py), which the
    first page after a restart, reading stored figures only, should not wait for."""
    import scipy.sparse

    return scipy.sparse


TOP_KEYWORDS = 20
KEYWORD_MIN_COUNT = 2  # a keyword occurs at least twice in its report
# a term in at least this share of the other reports says what nearly every report says: no keyword, once the
# corpus has KEYWORD_COMMON_MIN_REPORTS reports (below that a share is too rough; the general IDF handles it)
KEYWORD_COMMON_SHARE = 0.6
KEYWORD_COMMON_MIN_REPORTS = 20
KEYWORD_RULES = "2026-11-28.2"  # bump when keyword selection changes: stored keywords are then recomputed
VECTOR_TERMS = 200  # terms kept per report vector (similarity, map)
NEIGHBOURS = 10
MIN_WORDSCORE_REFS = 20
GENERAL_IDF_WEIGHT = 0.5
DRIFT = 0.10  # refit when the corpus has grown or shrunk by this share since the basis was fitted
FINGERPRINT_WINDOW = 50  # winnowing window of the persistent passage index
SHARED_CANDIDATES = 10
STOCK_SAMPLE = 1000


def fingerprint_cap(n_reports: int) -> int:
    """A fingerprint found in more reports than this is a stock phrase: counted, never a candidate."""
    return max(50, n_reports // 100)


# ---- general IDF ----------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _general() -> tuple[dict[str, float], float]:
    from analytics.keywords import general_idf

    return general_idf()


def general_ratio(terms: Iterable[str]) -> np.ndarray:
    """jieba's general IDF of each term relative to the table's median (1.0 where unknown)."""
    table, median = _general()
    if not table:
        return np.ones(len(list(terms)))
    return np.array([table.get(t, median) / median for t in terms], dtype=float)


def warm_up() -> None:
    """Load what the first upload would otherwise wait for: the general IDF table (≈1 s) and the modules of
    positioning (similarity, keyness)."""
    _general()
    importlib.import_module("analytics.similarity")  # loaded now, not at the first upload


def _idf(n: float, df: np.ndarray, general: np.ndarray) -> np.ndarray:
    corpus = np.log((1.0 + n) / (1.0 + np.asarray(df, dtype=float))) + 1.0
    return corpus ** (1.0 - GENERAL_IDF_WEIGHT) * np.asarray(general, dtype=float) ** GENERAL_IDF_WEIGHT


def _tf(counts: np.ndarray) -> np.ndarray:
    return 1.0 + np.log(np.asarray(counts, dtype=float))


# ---- the basis --------------------------------------------------------------------------------
@dataclass
class Basis:
    """What corpus-dependent figures are computed against (see the module docstring)."""

    id: str
    built_at: float
    n: int
    members: frozenset[str]
    tids: np.ndarray  # sorted term ids with df >= 1 at fit time
    df: np.ndarray
    general: np.ndarray  # general IDF ratio of each basis term
    map_tids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    map_components: np.ndarray = field(default_factory=lambda: np.zeros((2, 0)))
    map_offset: np.ndarray = field(default_factory=lambda: np.zeros(2))
    ws_tids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    ws_scores: np.ndarray = field(default_factory=lambda: np.zeros(0))
    ws_map: tuple[float, float] | None = None  # (intercept, slope) raw -> rescaled (Martin-Vanberg)
    ws_refs: int = 0
    stock: tuple[str, ...] = ()

    @classmethod
    def empty(cls) -> Basis:
        z = np.zeros(0, dtype=np.int64)
        return cls(id="empty", built_at=0.0, n=0, members=frozenset(), tids=z, df=z, general=np.zeros(0))

    @property
    def has_wordscores(self) -> bool:
        return self.ws_map is not None and self.ws_refs >= MIN_WORDSCORE_REFS

    def due(self, n_now: int) -> bool:
        """Whether the corpus has drifted enough since this basis to refit."""
        if self.n == 0:
            return n_now > 0
        return abs(n_now - self.n) / self.n >= DRIFT

    # persistence: two blobs in the store's model table
    def dump(self) -> dict[str, bytes]:
        buf = io.BytesIO()
        np.savez(buf, tids=self.tids, df=self.df, general=self.general, map_tids=self.map_tids,
                 map_components=self.map_components, map_offset=self.map_offset, ws_tids=self.ws_tids,
                 ws_scores=self.ws_scores)
        meta = {"id": self.id, "built_at": self.built_at, "n": self.n, "members": sorted(self.members),
                "ws_map": self.ws_map, "ws_refs": self.ws_refs, "stock": list(self.stock)}
        return {"basis.npz": buf.getvalue(), "basis.json": json.dumps(meta, ensure_ascii=False).encode()}

    @classmethod
    def load(cls, items: Mapping[str, bytes]) -> Basis:
        if "basis.json" not in items:
            return cls.empty()
        meta = json.loads(items["basis.json"])
        arr = np.load(io.BytesIO(items["basis.npz"]))
        return cls(id=meta["id"], built_at=meta["built_at"], n=meta["n"], members=frozenset(meta["members"]),
                   tids=arr["tids"], df=arr["df"], general=arr["general"], map_tids=arr["map_tids"],
                   map_components=arr["map_components"], map_offset=arr["map_offset"], ws_tids=arr["ws_tids"],
                   ws_scores=arr["ws_scores"], ws_map=tuple(meta["ws_map"]) if meta["ws_map"] else None,
                   ws_refs=meta["ws_refs"], stock=tuple(meta["stock"]))

    # ---- per-report arithmetic ------------------------------------------------------------------
    def lookup(self, tids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(in basis?, df, general ratio) for term ids (-1 = a term the store has never seen)."""
        tids = np.asarray(tids, dtype=np.int64)
        pos = np.searchsorted(self.tids, tids)
        pos_c = np.minimum(pos, max(len(self.tids) - 1, 0))
        found = (len(self.tids) > 0) & (self.tids[pos_c] == tids) if len(self.tids) else np.zeros(len(tids), bool)
        df = np.where(found, self.df[pos_c] if len(self.df) else 0, 0)
        gen = np.where(found, self.general[pos_c] if len(self.general) else 1.0, np.nan)
        return found, df, gen

    def idf(self, terms: Sequence[str], tids: np.ndarray, *, member: bool) -> np.ndarray:
        """IDF of a report's terms; ``member``: the report is part of the basis, so it is left out."""
        found, df, gen = self.lookup(tids)
        missing = np.isnan(gen)
        if missing.any():
            gen[missing] = general_ratio([t for t, m in zip(terms, missing, strict=True) if m])
        n = self.n
        if member:
            df = np.maximum(df - found.astype(int), 0)
            n = max(n - 1, 0)
        return _idf(n, df, gen)


# ---- one report against the basis ----------------------------------------------------------------
@dataclass(frozen=True)
class TermView:
    """A report's term counts aligned with global term ids (-1 for terms not in the store)."""

    terms: tuple[str, ...]
    tids: np.ndarray
    counts: np.ndarray

    @classmethod
    def of(cls, counts: Mapping[str, int], ids: Mapping[str, int]) -> TermView:
        terms = tuple(sorted(counts))
        return cls(terms, np.array([ids.get(t, -1) for t in terms], dtype=np.int64),
                   np.array([counts[t] for t in terms], dtype=float))


def keywords(view: TermView, basis: Basis, *, member: bool, is_excluded, is_term,
             n: int = TOP_KEYWORDS) -> list[tuple[str, float, int]]:
    """Top TF-IDF terms (term, weight, count), best first: terms seen at least KEYWORD_MIN_COUNT times,
    content terms only, never a place name (``is_excluded``), never a term inside another listed one (示范村
    beside 民主法治示范村: the longer stays), and, from KEYWORD_COMMON_MIN_REPORTS other
    reports on, never a term found in KEYWORD_COMMON_SHARE or more of them (普法, 执法, 矛盾纠纷: what nearly
    every report says is not what this one stands out for). Weights are L2-normalised over all the report's
    content terms."""
    if not view.terms:
        return []
    w = _tf(view.counts) * basis.idf(view.terms, view.tids, member=member)
    norm = float(np.sqrt((w * w).sum())) or 1.0
    order = np.lexsort((np.array(view.terms, dtype=object), -w))
    common = _common(view, basis, member=member)
    out = []
    for i in order:
        term = view.terms[i]
        if view.counts[i] < KEYWORD_MIN_COUNT or common[i] or not is_term(term) or is_excluded(term):
            continue
        if any(term in k for k, _, _ in out):  # 示范村 after 民主法治示范村: the longer term says it already
            continue
        out = [k for k in out if k[0] not in term]  # 民主法治示范村 after 示范村: the longer term replaces it
        out.append((term, float(w[i] / norm), int(view.counts[i])))
        if len(out) == n:
            break
    return out


def keyword_rules_version() -> str:
    """What the stored keywords depend on besides the corpus: the selection rules and the stopword list."""
    from analytics.segment import DEFAULT_STOPWORDS, files_digest

    return f"{KEYWORD_RULES}/{files_digest(DEFAULT_STOPWORDS)}"


def _common(view: TermView, basis: Basis, *, member: bool) -> np.ndarray:
    """Which of the report's terms are in at least KEYWORD_COMMON_SHARE of the basis's other reports."""
    found, df, _ = basis.lookup(view.tids)
    n = basis.n - 1 if member else basis.n
    if member:
        df = np.maximum(df - found.astype(int), 0)
    if n < KEYWORD_COMMON_MIN_REPORTS:
        return np.zeros(len(view.terms), dtype=bool)
    return df >= KEYWORD_COMMON_SHARE * n


def vector(view: TermView, basis: Basis) -> tuple[np.ndarray, np.ndarray]:
    """Pruned, unit-length TF-IDF vector (term ids, weights) under the basis IDF (same for every report).

    Terms the store has never seen take part in the norm and the pruning but have no id, so they
    are left out of the stored vector (they match nothing in any other report anyway)."""
    if not view.terms:
        return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.float32)
    w = _tf(view.counts) * basis.idf(view.terms, view.tids, member=False)
    keep = np.argsort(-w, kind="stable")[:VECTOR_TERMS]
    wk = w[keep]
    wk = wk / (float(np.sqrt((wk * wk).sum())) or 1.0)
    known = view.tids[keep] >= 0
    order = np.argsort(view.tids[keep][known])
    return view.tids[keep][known][order].astype(np.uint32), wk[known][order].astype(np.float32)


def map_point(vec: tuple[np.ndarray, np.ndarray], basis: Basis) -> tuple[float, float] | None:
    if basis.map_components.shape[1] == 0:
        return None
    tids, w = vec
    pos = np.searchsorted(basis.map_tids, tids.astype(np.int64))
    pos_c = np.minimum(pos, len(basis.map_tids) - 1)
    hit = basis.map_tids[pos_c] == tids
    xy = basis.map_components[:, pos_c[hit]] @ w[hit].astype(float) - basis.map_offset
    return float(xy[0]), float(xy[1])


def wordscore(view: TermView, basis: Basis) -> dict[str, float] | None:
    """Wordscores score of a text scored as virgin against the basis (None when not defensible)."""
    if not basis.has_wordscores:
        return None
    pos = np.searchsorted(basis.ws_tids, view.tids)
    pos_c = np.minimum(pos, len(basis.ws_tids) - 1)
    hit = (view.tids >= 0) & (basis.ws_tids[pos_c] == view.tids)
    return _ws_from(view.counts[hit], basis.ws_scores[pos_c[hit]], basis.ws_map)


def _ws_from(counts: np.ndarray, scores: np.ndarray, ws_map: tuple[float, float]) -> dict[str, float] | None:
    total = counts.sum()
    if total <= 0:
        return None
    f = counts / total
    raw = float(f @ scores)
    se = float(math.sqrt(max((f * (scores - raw) ** 2).sum(), 0.0)) / math.sqrt(total))
    a, b = ws_map
    z = 1.959963984540054
    lo, hi = sorted((a + b * (raw - z * se), a + b * (raw + z * se)))
    return {"score": a + b * raw, "se": abs(b) * se, "raw": raw, "lo": lo, "hi": hi}


def stock_share(text: str, basis: Basis) -> float:
    from analytics.similarity import stock_share as share

    return share(text, basis.stock) if basis.stock else 0.0


# ---- the in-memory index: basis + every report's vector + neighbour bookkeeping ---------------------
class CorpusIndex:
    """The basis and all stored vectors in memory, kept in step with the store.

    Rows live in one CSR matrix plus a short list of recently added rows, merged every
    ``_MERGE_EVERY`` additions, so that adding a report costs the same at 10,000 reports as at 100.
    Thread-safe: ``lock`` guards every change; ``sync`` (inside a store transaction or snapshot) brings in
    reports written by other processes since the index was loaded.
    """

    _MERGE_EVERY = 256

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.basis = Basis.empty()
        self._vectors: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._main_ids: list[str] = []
        self._main: sp.csr_matrix | None = None
        self._pending: list[str] = []
        self._dead: set[str] = set()
        self.kth: dict[str, tuple[float, int]] = {}  # report -> (lowest neighbour similarity, list length)
        self.version: str | None = None
        self.loaded_at = 0.0

    @classmethod
    def load(cls, store, *, con: sqlite3.Connection | None = None) -> CorpusIndex:
        index = cls()
        if con is None:
            with store.snapshot() as c:
                index._load(store, c)
        else:
            index._load(store, con)
        return index

    def _load(self, store, con) -> None:
        self.basis = Basis.load(store.get_model(con=con))
        self._vectors = store.vectors(con=con)
        self._compact()
        self._load_kth(con)
        self.version = store.corpus_version(con=con)
        self.loaded_at = time.time()

    def _load_kth(self, con) -> None:
        self.kth = {a: (float(lo), int(k)) for a, lo, k in
                    con.execute("SELECT a, MIN(similarity), COUNT(*) FROM neighbours GROUP BY a")}

    def sync(self, store, con) -> None:
        """Make the index match the store as seen through ``con`` (cheap when nothing changed)."""
        from analytics.store import unpack_vector

        with self.lock:
            version = store.corpus_version(con=con)
            if version == self.version:
                return
            basis_id = store.get_meta("basis_id", con=con) or "empty"
            if basis_id != self.basis.id:
                self._load(store, con)
                return
            stored = {r for (r,) in con.execute("SELECT report_id FROM vectors")}
            for rid in set(self._vectors) - stored:
                self.remove(rid)
            for rid in stored - set(self._vectors):
                row = con.execute("SELECT tids, weights FROM vectors WHERE report_id=?", (rid,)).fetchone()
                self.add(rid, unpack_vector(*row))
            self._load_kth(con)
            self.version = version

    def _compact(self) -> None:
        self._main_ids = sorted(self._vectors)
        self._pending, self._dead = [], set()
        self._main = _csr([self._vectors[r] for r in self._main_ids])

    @property
    def ids(self) -> list[str]:
        return [r for r in self._main_ids + self._pending if r not in self._dead]

    def __len__(self) -> int:
        return len(self._vectors)

    def __contains__(self, rid: object) -> bool:
        return rid in self._vectors

    def similarities(self, vec: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """Cosine similarity of a vector with every stored report (order of ``ids``)."""
        parts = []
        if self._main is not None:
            parts.append(_dot(self._main, vec))
        if self._pending:
            parts.append(_dot(_csr([self._vectors[r] for r in self._pending]), vec))
        sims = np.concatenate(parts) if parts else np.zeros(0)
        if self._dead:
            alive = np.array([r not in self._dead for r in self._main_ids + self._pending], dtype=bool)
            sims = sims[alive]
        return sims

    def nearest(self, vec, *, k: int = NEIGHBOURS, exclude: Collection[str] = ()) -> list[tuple[str, float]]:
        return top_k(self.ids, self.similarities(vec), k=k, exclude=exclude)

    def vector_of(self, rid: str) -> tuple[np.ndarray, np.ndarray] | None:
        return self._vectors.get(rid)

    def add(self, rid: str, vec: tuple[np.ndarray, np.ndarray]) -> None:
        with self.lock:
            if rid in self._vectors:
                self.remove(rid)
            self._vectors[rid] = vec
            self._dead.discard(rid)
            self._pending.append(rid)
            if len(self._pending) >= self._MERGE_EVERY:
                self._compact()

    def remove(self, rid: str) -> None:
        with self.lock:
            if self._vectors.pop(rid, None) is not None:
                if rid in self._pending:
                    self._pending.remove(rid)
                else:
                    self._dead.add(rid)
                if len(self._dead) >= self._MERGE_EVERY:
                    self._compact()
            self.kth.pop(rid, None)


def _csr(vectors: Sequence[tuple[np.ndarray, np.ndarray]]) -> sp.csr_matrix | None:
    if not vectors:
        return None
    indptr = np.cumsum([0] + [len(v[0]) for v in vectors])
    indices = np.concatenate([v[0] for v in vectors]).astype(np.int64)
    data = np.concatenate([v[1] for v in vectors]).astype(np.float32)
    width = int(indices.max()) + 1 if len(indices) else 1
    return _sparse().csr_matrix((data, indices, indptr), shape=(len(vectors), width))


def _dot(m: sp.csr_matrix, vec: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    tids, w = vec
    inside = tids.astype(np.int64) < m.shape[1]
    if not inside.any():
        return np.zeros(m.shape[0])
    q = np.zeros(m.shape[1], dtype=np.float32)
    q[tids[inside].astype(np.int64)] = w[inside]
    return np.asarray(m @ q, dtype=float).ravel()


def top_k(ids: Sequence[str], sims: np.ndarray, *, k: int, exclude: Collection[str] = ()) -> list[tuple[str, float]]:
    """The k most similar ids (ties broken by id), skipping ``exclude``."""
    if not len(ids):
        return []
    excluded = set(exclude)
    m = k + len(excluded) + 8
    if m < len(sims):  # every id tied with the m-th highest stays a candidate: O(n), not a full sort
        cut = np.partition(sims, len(sims) - m)[len(sims) - m]
        cand = np.flatnonzero(sims >= cut)
    else:
        cand = np.arange(len(sims))
    ordered = sorted(cand.tolist(), key=lambda i: (-round(float(sims[i]), 12), ids[i]))
    return [(ids[i], float(sims[i])) for i in ordered if ids[i] not in excluded][:k]


def new_basis_id() -> str:
    return uuid.uuid4().hex[:12]


# ---- fitting a basis ----------------------------------------------------------------------------------
def count_matrix(ids: Sequence[str], packed: Mapping[str, tuple[np.ndarray, np.ndarray]], width: int) -> sp.csr_matrix:
    """Reports × global term ids, raw counts (rows in the order of ``ids``)."""
    indptr = np.cumsum([0] + [len(packed[r][0]) for r in ids])
    if len(ids) and indptr[-1]:
        indices = np.concatenate([packed[r][0] for r in ids]).astype(np.int64)
        data = np.concatenate([packed[r][1] for r in ids]).astype(np.float64)
    else:
        indices, data = np.zeros(0, dtype=np.int64), np.zeros(0)
    return _sparse().csr_matrix((data, indices, indptr), shape=(len(ids), width))


def pruned_vectors(C: sp.csr_matrix, idf_full: np.ndarray) -> sp.csr_matrix:
    """Row-wise TF-IDF, top VECTOR_TERMS per row, unit length (same rule as :func:`vector`)."""
    W = C.copy().astype(np.float64)
    W.data = _tf(W.data) * idf_full[W.indices]
    rows_i, rows_d, indptr = [], [], [0]
    for r in range(W.shape[0]):
        s, e = W.indptr[r], W.indptr[r + 1]
        d, i = W.data[s:e], W.indices[s:e]
        keep = np.argsort(-d, kind="stable")[:VECTOR_TERMS] if e - s > VECTOR_TERMS else np.argsort(-d, kind="stable")
        dk = d[keep]
        dk = dk / (float(np.sqrt((dk * dk).sum())) or 1.0)
        order = np.argsort(i[keep])
        rows_i.append(i[keep][order])
        rows_d.append(dk[order])
        indptr.append(indptr[-1] + len(keep))
    indices = np.concatenate(rows_i) if rows_i else np.zeros(0, dtype=np.int64)
    data = np.concatenate(rows_d) if rows_d else np.zeros(0)
    return _sparse().csr_matrix((data.astype(np.float32), indices, np.asarray(indptr)), shape=W.shape)


def fit_map(V: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """PCA axes of the pruned vectors: (column term ids, 2 × m components, offset so that a projected
    vector is ``components @ x - offset``). Fewer than three reports: the second axis is zero."""
    n = V.shape[0]
    cols = np.unique(V.indices)
    if n < 2 or len(cols) < 2:
        return cols.astype(np.int64), np.zeros((2, len(cols))), np.zeros(2)
    X = V[:, cols].astype(np.float64)
    n_comp = min(2, n - 1)
    from sklearn.decomposition import PCA

    if n * len(cols) <= 4_000_000:
        pca = PCA(n_components=n_comp, svd_solver="full").fit(X.toarray())
    else:
        pca = PCA(n_components=n_comp, svd_solver="arpack", random_state=0).fit(X)
    comps = np.zeros((2, len(cols)))
    comps[:n_comp] = pca.components_
    mean = np.asarray(X.mean(axis=0)).ravel()
    return cols.astype(np.int64), comps, comps @ mean


def fit_wordscores(C: sp.csr_matrix, scores: np.ndarray, *, refs: np.ndarray) -> dict | None:
    """Wordscores (Laver, Benoit & Garry 2003) on the reference rows of C, Martin–Vanberg rescaled.

    Scored words: used by at least half of the references. References without any scored word are
    dropped (repeatedly). Returns word scores, the raw→rescaled map, and every row's score — for a
    reference row computed with that row left out of the word scores (leave-one-out)."""
    refs = refs.copy()
    while refs.sum() >= MIN_WORDSCORE_REFS:
        R = C[refs]
        min_docs = math.ceil(0.5 * R.shape[0] - 1e-9)
        scored = np.asarray((R > 0).sum(axis=0)).ravel() >= min_docs
        has = np.asarray(R[:, scored].sum(axis=1)).ravel() > 0
        if has.all():
            break
        idx = np.flatnonzero(refs)
        refs[idx[~has]] = False
    if refs.sum() < MIN_WORDSCORE_REFS or np.ptp(scores[refs]) == 0:
        return None
    from analytics.position import Wordscores

    cols = np.flatnonzero(scored)
    A = scores[refs]
    Rs = C[refs][:, cols].toarray()
    if np.ptp(A) == 0:
        return None
    fitted = Wordscores(rescale="mv").fit(Rs, A)  # every column already meets its vocabulary rule
    if not np.isfinite(fitted.mv_slope_):
        return None
    F = Rs / Rs.sum(axis=1, keepdims=True)
    colsum, num = F.sum(axis=0), (F * A[:, None]).sum(axis=0)
    S = fitted.wordscores_
    ws_map = (float(fitted.mv_intercept_), float(fitted.mv_slope_))
    out: dict[int, dict[str, float] | None] = {}
    all_counts = C[:, cols].toarray()
    ref_pos = {int(r): j for j, r in enumerate(np.flatnonzero(refs))}
    for r in range(C.shape[0]):
        counts = all_counts[r]
        if r in ref_pos:  # leave this reference out of the word scores
            j = ref_pos[r]
            den = colsum - F[j]
            ok = den > 1e-12
            s_loo = np.where(ok, (num - F[j] * A[j]) / np.where(ok, den, 1.0), 0.0)
            out[r] = _ws_from(counts[ok], s_loo[ok], ws_map)
        else:
            out[r] = _ws_from(counts, S, ws_map)
    return {"tids": cols.astype(np.int64), "scores": S, "map": ws_map, "refs": int(refs.sum()), "rows": out}


def neighbour_lists(V: sp.csr_matrix, ids: Sequence[str], *, k: int = NEIGHBOURS,
                    chunk: int = 1000) -> dict[str, list[tuple[str, float]]]:
    """Every report's k nearest others (cosine of the pruned vectors), in chunks of rows."""
    out: dict[str, list[tuple[str, float]]] = {}
    VT = V.T.tocsc()
    for s in range(0, V.shape[0], chunk):
        sims = np.asarray((V[s:s + chunk] @ VT).todense(), dtype=float)
        for j in range(sims.shape[0]):
            rid = ids[s + j]
            out[rid] = top_k(ids, sims[j], k=k, exclude={rid})
    return out
