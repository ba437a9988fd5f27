"""Keyword profiles (TF-IDF over the stored corpus) and distinctive terms (log-odds, Monroe et al. 2008).

IDF with a small corpus: a corpus of five reports gives only five IDF levels, so the corpus'
document-frequency *rate* is mixed with the rate implied by jieba's general IDF table
(``jieba/analyse/idf.txt``, ``idf = ln(N / df)`` so ``rate = exp(-idf)``)::

    rate(t) = (1 - w) * df(t) / n  +  w * exp(-idf_general(t))
    idf(t)  = ln((1 + n) / (1 + n * rate(t))) + 1

``w = general_idf_weight``. With ``w = 0`` this is exactly scikit-learn's smoothed IDF; the mix
amounts to adding ``n·w/(1-w)`` pseudo-documents drawn from general Chinese. Terms missing from
the general table get its median IDF (as jieba does). Terms unseen in the corpus (df = 0) still get
an IDF, so a new report's profile needs no refit.
"""

from __future__ import annotations

import functools
import importlib.util
import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analytics.segment import PlaceMatcher, load_tokenizer

if TYPE_CHECKING:
    import scipy.sparse


def term_counts(terms: Iterable[str]) -> dict[str, int]:
    """Term → count."""
    return dict(Counter(terms))


@functools.lru_cache(maxsize=1)
def general_idf() -> tuple[dict[str, float], float]:
    """jieba's bundled general IDF table and its median (``({}, nan)`` if jieba is absent)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return {}, math.nan
    path = Path(next(iter(spec.submodule_search_locations))) / "analyse" / "idf.txt"
    if not path.exists():
        return {}, math.nan
    table: dict[str, float] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, _, value = line.rstrip("\n").rpartition(" ")
            if word:
                table[word] = float(value)
    return table, float(np.median(np.fromiter(table.values(), dtype=float)))


# Words this common in general Chinese (jieba's general IDF below this: 企业 4.2, 市场 3.3, 安全 5.5, 打击 6.3, 特殊 5.7)
# say little about what sets one report apart, however much more often it uses them; the lists of words a report
# or group uses more than others leave them out (domain words start higher: 征收 6.9, 游客 7.4, 渔船 9.0).
COMMON_WORD_IDF = 6.5


def is_common_word(term: str) -> bool:
    """A very common word of general Chinese (general IDF below COMMON_WORD_IDF); unknown words are not."""
    table, _median = general_idf()
    idf = table.get(term)
    return idf is not None and idf < COMMON_WORD_IDF


class KeywordModel:
    """TF-IDF fitted on per-report term counts; transforms new reports without refitting."""

    def __init__(self, *, general_idf_weight: float = 0.5, sublinear_tf: bool = True) -> None:
        if not 0.0 <= general_idf_weight < 1.0:
            raise ValueError(f"general_idf_weight 应在 [0, 1) 之间，当前为 {general_idf_weight}")
        self.general_idf_weight = general_idf_weight
        self.sublinear_tf = sublinear_tf

    # -- fitting -------------------------------------------------------------------------------
    def fit(self, docs: Sequence[Mapping[str, int]]) -> KeywordModel:
        from sklearn.feature_extraction import DictVectorizer  # imported on first fit: ~0.7 s
        from sklearn.feature_extraction.text import TfidfTransformer

        if not docs:
            raise ValueError("语料为空，无法计算关键词模型")
        self.vectorizer_ = DictVectorizer(dtype=np.float64, sort=True)
        X = self.vectorizer_.fit_transform([dict(d) for d in docs]).tocsc()
        self.vocabulary_: dict[str, int] = dict(self.vectorizer_.vocabulary_)
        self.n_docs_ = X.shape[0]
        self.df_ = np.diff(X.indptr)  # documents per term (CSC column lengths)
        terms = self.vectorizer_.feature_names_
        ratio = np.array([self._general_ratio(t) for t in terms], dtype=float)
        self.idf_: np.ndarray = self._idf(self.df_.astype(float), ratio)
        self.transformer_ = TfidfTransformer(norm="l2", use_idf=True, sublinear_tf=self.sublinear_tf)
        self.transformer_.fit(X.tocsr())
        self.transformer_.idf_ = self.idf_
        return self

    def _general_ratio(self, term: str) -> float:
        """General IDF relative to the table's median (1.0 for terms the table lacks)."""
        table, median = general_idf()
        if not table or self.general_idf_weight == 0.0:
            return 1.0
        return table.get(term, median) / median

    def _idf(self, df: np.ndarray | float, general_ratio: np.ndarray | float) -> np.ndarray:
        n, w = self.n_docs_, self.general_idf_weight
        corpus = np.log((1.0 + n) / (1.0 + np.asarray(df, dtype=float))) + 1.0
        return corpus ** (1.0 - w) * np.asarray(general_ratio, dtype=float) ** w

    def idf(self, term: str) -> float:
        """IDF of any term; one unseen in the corpus gets df = 0 mixed with its general IDF."""
        j = self.vocabulary_.get(term)
        if j is not None:
            return float(self.idf_[j])
        return float(self._idf(0.0, self._general_ratio(term)))

    # -- using ---------------------------------------------------------------------------------
    def transform(self, docs: Sequence[Mapping[str, int]]) -> scipy.sparse.csr_matrix:
        """L2-normalised TF-IDF rows over ``vocabulary_`` (terms outside it are ignored)."""
        import scipy.sparse

        X = self.vectorizer_.transform([dict(d) for d in docs])
        return scipy.sparse.csr_matrix(self.transformer_.transform(X))

    def _tf(self, count: float) -> float:
        return 1.0 + math.log(count) if self.sublinear_tf else float(count)

    def top_terms(
        self, counts: Mapping[str, int], *, n: int = 20, exclude: Collection[str] = (), min_count: int = 2
    ) -> list[tuple[str, float]]:
        """The ``n`` highest-weighted content terms of one report, best first.

        A keyword occurs at least ``min_count`` times in its report, so a one-off string (a fragment
        the segmenter glued together, a name mentioned once) cannot lead a short text. Never returns a
        place name (``exclude``, a piece of one, or anything :class:`PlaceMatcher` flags given
        ``exclude`` as known names), a number, a single character, a stopword or a two-character
        string no dictionary knows (:meth:`Tokenizer.is_guess`). Weights are TF-IDF, L2-normalised over
        the report's content terms (unseen terms included).
        """
        tok = load_tokenizer()
        scored = {t: self._tf(c) * self.idf(t) for t, c in counts.items() if c > 0 and tok.is_term(t)}
        norm = math.sqrt(sum(v * v for v in scored.values())) or 1.0
        excluded = set(exclude)
        is_place = PlaceMatcher(excluded)
        out: list[tuple[str, float]] = []
        for term, weight in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0])):
            if counts[term] < min_count or term in excluded or tok.is_guess(term) or is_place(term):
                continue
            out.append((term, weight / norm))
            if len(out) == n:
                break
        return out


def distinctive_terms(
    counts_a: Mapping[str, int],
    counts_b: Mapping[str, int],
    *,
    prior: Mapping[str, int] | None = None,
    prior_scale: float | None = None,
    min_count: int = 2,
) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    ``delta`` is the log-odds of a term in A minus in B, both shrunk towards the prior; ``se`` its
    approximate standard error ``sqrt(1/(y_a+α) + 1/(y_b+α))``; ``z = delta / se``, positive for
    terms characteristic of A. The prior is ``counts_a + counts_b`` unless given (e.g. the whole
    corpus); it is scaled to ``prior_scale`` × counts, by default so that its total equals the
    total of A and B. Terms absent from the prior get a pseudo-count of 0.5. Only terms counted at
    least ``min_count`` times in A and B together are listed; frequencies are per 10,000 terms.
    """
    columns = ["term", "count_a", "count_b", "freq_a", "freq_b", "delta", "se", "z"]
    if prior is None:
        prior = Counter(counts_a) + Counter(counts_b)
    terms = sorted(t for t in set(counts_a) | set(counts_b) if counts_a.get(t, 0) + counts_b.get(t, 0) >= min_count)
    n_a, n_b = float(sum(counts_a.values())), float(sum(counts_b.values()))
    prior_total = float(sum(prior.values()))
    if not terms or n_a == 0 or n_b == 0 or prior_total == 0:
        return pd.DataFrame({c: pd.Series(dtype=object if c == "term" else float) for c in columns})
    scale = prior_scale if prior_scale is not None else (n_a + n_b) / prior_total
    alpha0 = prior_total * scale
    y_a = np.array([counts_a.get(t, 0) for t in terms], dtype=float)
    y_b = np.array([counts_b.get(t, 0) for t in terms], dtype=float)
    scaled = np.array([prior.get(t, 0) for t in terms], dtype=float) * scale
    alpha = np.maximum(scaled, 0.5)
    alpha0 += float((alpha - scaled).sum())  # the pseudo-counts join the prior's total
    log_odds_a = np.log(y_a + alpha) - np.log(n_a + alpha0 - y_a - alpha)
    log_odds_b = np.log(y_b + alpha) - np.log(n_b + alpha0 - y_b - alpha)
    delta = log_odds_a - log_odds_b
    se = np.sqrt(1.0 / (y_a + alpha) + 1.0 / (y_b + alpha))
    frame = pd.DataFrame(
        {
            "term": terms,
            "count_a": y_a.astype(int),
            "count_b": y_b.astype(int),
            "freq_a": y_a / n_a * 10_000,
            "freq_b": y_b / n_b * 10_000,
            "delta": delta,
            "se": se,
            "z": delta / se,
        }
    )
    return frame.sort_values(["z", "term"], ascending=[False, True], ignore_index=True)
