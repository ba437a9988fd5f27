"""Similarity between reports: cosine, shared passages, candidate search, stock sentences.

Text matching works on a *skeleton* of each text: only CJK ideographs, 〇 and ASCII letters and
digits are kept (full-width forms folded to ASCII, letters lower-cased), so whitespace, line breaks
and punctuation differences never hide a copied passage. Every skeleton character remembers its
offset in the original text, so results always point back at the original characters.
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import ahocorasick
import numpy as np

from analytics import DATA_DIR


SHINGLE = 8  # characters per shingle (skeleton characters)

__all__ = [
    "Passage",
    "ShingleIndex",
    "coverage",
    "shared_passages",
    "shared_passages_many",
    "shared_spans_many",
    "skeleton",
    "stock_sentences",
    "stock_share",
    "stock_spans",
    "boilerplate_spans",
]


# --------------------------------------------------------------------------- skeleton


@dataclass(frozen=True, slots=True)
class Skeleton:
    text: str  # content characters only
    offsets: np.ndarray  # offsets[i] = position of text[i] in the original string


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _fold_table() -> np.ndarray:
    """For each basic-plane code point: its folded form (full-width ASCII to ASCII, upper to lower case) if it
    is a content character (CJK ideographs, 〇, ASCII letters and digits), else 0."""
    c = np.arange(0x10000, dtype=np.uint32)
    c = np.where((c >= 0xFF10) & (c <= 0xFF5A), c - 0xFEE0, c)  # ０-９ Ａ-Ｚ ａ-ｚ -> ASCII
    c = np.where((c >= 0x41) & (c <= 0x5A), c + 32, c)
    keep = (
        ((c >= 0x30) & (c <= 0x39))
        | ((c >= 0x61) & (c <= 0x7A))
        | ((c >= 0x4E00) & (c <= 0x9FFF))
        | ((c >= 0x3400) & (c <= 0x4DBF))
        | ((c >= 0xF900) & (c <= 0xFAFF))
        | (c == 0x3007)
    )
    return np.where(keep, c, 0).astype(np.uint32)


_FOLD = _fold_table()


def skeleton(text: str) -> Skeleton:
    """Content characters of ``text`` (CJK + alnum, folded) with their original offsets."""
    c = _codes(text)
    if len(c) and int(c.max()) > 0xFFFF:  # outside the basic plane: the CJK extensions B-G count too
        folded = np.where(c > 0xFFFF, np.where((c >= 0x20000) & (c <= 0x3134F), c, 0), _FOLD[c & 0xFFFF])
    else:
        folded = _FOLD[c]
    offsets = np.flatnonzero(folded)
    return Skeleton(folded[offsets].astype(np.uint32).tobytes().decode("utf-32-le"), offsets)


def _kgram_hashes(text: str, k: int) -> np.ndarray:
    """Stable 64-bit hashes of every k-character window of ``text`` (vectorised polynomial hash)."""
    c = _codes(text).astype(np.uint64)
    n = len(c) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    base = np.uint64(1_000_003)
    for t in range(k):
        h = h * base + c[t : t + n]
    # splitmix64 finaliser, so that minima (winnowing) are not biased towards low code points
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return h


# --------------------------------------------------------------------------- cosine


# --------------------------------------------------------------------------- shared passages


@dataclass(frozen=True)
class Passage:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str  # a[a_start:a_end]


def _pieces_outside(start: int, end: int, t_starts: list[int], t_ends: list[int]) -> list[tuple[int, int]]:
    """Parts of [start, end) not covered by the sorted, disjoint intervals (t_starts[i], t_ends[i])."""
    i = max(bisect_right(t_starts, start) - 1, 0)
    pieces, cur = [], start
    while i < len(t_starts) and t_starts[i] < end:
        ts, te = t_starts[i], t_ends[i]
        if te > cur:
            if ts > cur:
                pieces.append((cur, ts))
            cur = max(cur, te)
        i += 1
    if cur < end:
        pieces.append((cur, end))
    return pieces


def _take(interval: tuple[int, int], t_starts: list[int], t_ends: list[int]) -> None:
    i = bisect_right(t_starts, interval[0])
    t_starts.insert(i, interval[0])
    t_ends.insert(i, interval[1])


class _HashIndex(NamedTuple):
    """a's k-gram hashes prepared once for many b: positions sorted by hash, the distinct hashes, the first index
    of each in that order, how often each occurs, and a direct-address table from a hash's low bits to its
    index among the distinct hashes (-1: no hash of a there; -2: several, found by bisection instead)."""

    order: np.ndarray
    uniq: np.ndarray
    first: np.ndarray
    counts: np.ndarray
    table: np.ndarray
    mask: np.uint64


def _hash_index(ha: np.ndarray) -> _HashIndex:
    order = np.argsort(ha, kind="stable")
    uniq, first, counts = np.unique(ha[order], return_index=True, return_counts=True)
    # about 16 slots per distinct hash: few of b's hashes land on an occupied slot without being a's
    bits = min(max(int(len(uniq)).bit_length() + 4, 10), 22)
    mask = np.uint64((1 << bits) - 1)
    slot = (uniq & mask).astype(np.intp)
    table = np.full(1 << bits, -1, dtype=np.int32)
    table[slot] = np.arange(len(uniq), dtype=np.int32)
    ranked = np.sort(slot)
    table[ranked[1:][ranked[1:] == ranked[:-1]]] = -2
    return _HashIndex(order, uniq, first, counts, table, mask)


def _shared_runs(index: _HashIndex, hb: np.ndarray, k: int, max_occurrences: int) -> tuple[np.ndarray, np.ndarray,
                                                                                         np.ndarray]:
    """Maximal exact runs (i, j, length) of shared k-grams, vectorised.

    ``index``: a's k-gram hashes prepared by :func:`_hash_index`. Every pair of positions
    (i in a, j in b) with equal hashes is a seed; seeds on one diagonal (i - j) at consecutive i form a run
    of ``count + k - 1`` characters. A k-gram occurring more than ``max_occurrences`` times in a seeds
    nothing (degenerate, repetitive text stays linear); runs through it are split there. 64-bit hashes
    make a false seed vanishingly unlikely."""
    empty = np.zeros(0, dtype=np.int64)
    a_order, uniq, first_of, counts, table, mask = index
    if not len(uniq) or not len(hb):
        return empty, empty, empty
    at = table[(hb & mask).astype(np.intp)]
    jb_all = np.flatnonzero(at != -1)  # b's positions whose hash may be one of a's
    pos = at[jb_all].astype(np.intp)
    crowded = pos == -2
    if crowded.any():
        pos[crowded] = np.minimum(np.searchsorted(uniq, hb[jb_all[crowded]]), len(uniq) - 1)
    cnt = np.where(uniq[pos] == hb[jb_all], counts[pos], 0)
    ok = (cnt > 0) & (cnt <= max_occurrences)
    if not ok.any():
        return empty, empty, empty
    c = cnt[ok]
    jb = np.repeat(jb_all[ok], c)
    first = np.repeat(np.cumsum(c) - c, c)
    ia = a_order[np.repeat(first_of[pos[ok]], c) + (np.arange(len(jb)) - first)]
    d = ia - jb
    # by diagonal, then position in a: one integer key (each seed's (d, i) is distinct, so any sort will do)
    o = np.argsort((d + len(hb)) * (len(a_order) + 1) + ia)
    ia, jb, d = ia[o], jb[o], d[o]
    brk = np.flatnonzero((np.diff(d) != 0) | (np.diff(ia) != 1)) + 1
    s0 = np.concatenate(([0], brk))
    s1 = np.concatenate((brk, [len(ia)]))
    return ia[s0], jb[s0], (s1 - s0) + k - 1


def _select(i0: np.ndarray, j0: np.ndarray, length: np.ndarray, min_chars: int) -> list[tuple[int, int, int]]:
    """Runs taken longest first, trimmed so that no two overlap in a; pieces under min_chars dropped."""
    keep = length >= min_chars
    i0, j0, length = i0[keep], j0[keep], length[keep]
    order = np.lexsort((j0, i0, -length))
    t_starts: list[int] = []
    t_ends: list[int] = []
    kept: list[tuple[int, int, int]] = []
    for i, j, n in zip(i0[order].tolist(), j0[order].tolist(), length[order].tolist(), strict=True):
        for ps, pe in _pieces_outside(i, i + n, t_starts, t_ends):
            if pe - ps >= min_chars:
                kept.append((ps, j + (ps - i), pe - ps))
                _take((ps, pe), t_starts, t_ends)
    return sorted(kept)


def shared_passages(
    a: str, b: str, *, min_chars: int = 20, k: int = SHINGLE, max_occurrences: int = 32
) -> list[Passage]:
    """Maximal passages of at least ``min_chars`` content characters found in both texts.

    Seeds are shared ``k``-character shingles of the skeletons; seeds on one diagonal form a maximal
    exact run. Runs are taken longest first and trimmed so that no two passages overlap in ``a`` (a
    passage of ``a`` quoted twice in ``b`` is reported once). Offsets and ``text`` refer to the original
    strings; lengths count skeleton (content) characters only."""
    return shared_passages_many(a, [b], min_chars=min_chars, k=k, max_occurrences=max_occurrences)[0]


def shared_passages_many(a: str, others: Sequence[str], *, min_chars: int = 20, k: int = SHINGLE,
                         max_occurrences: int = 32) -> list[list[Passage]]:
    """:func:`shared_passages` of ``a`` with each text in ``others`` (a's skeleton and hashes made once)."""
    return [[Passage(a0, a1, b0, b1, a[a0:a1]) for a0, a1, b0, b1 in spans]
            for spans in shared_spans_many(a, others, min_chars=min_chars, k=k, max_occurrences=max_occurrences)]


def shared_spans_many(a: str, others: Sequence[str], *, min_chars: int = 20, k: int = SHINGLE,
                      max_occurrences: int = 32) -> list[list[tuple[int, int, int, int]]]:
    """:func:`shared_passages_many` as bare offsets (a_start, a_end, b_start, b_end), in a's order: what
    ingest stores, without building a Passage and its text for each of a report's hundreds of passages."""
    k = max(1, min(k, min_chars))
    ska = skeleton(a)
    index = _hash_index(_kgram_hashes(ska.text, k))
    out = []
    for b in others:
        skb = skeleton(b)
        i0, j0, length = _shared_runs(index, _kgram_hashes(skb.text, k), k, max_occurrences)
        kept = _select(i0, j0, length, min_chars)
        if not kept:
            out.append([])
            continue
        i, j, n = np.array(kept, dtype=np.int64).T
        a0, a1 = ska.offsets[i], ska.offsets[i + n - 1] + 1
        b0, b1 = skb.offsets[j], skb.offsets[j + n - 1] + 1
        out.append(list(zip(a0.tolist(), a1.tolist(), b0.tolist(), b1.tolist())))
    return out


def _union_length(spans: Sequence[tuple[int, int]]) -> int:
    total, cur_s, cur_e = 0, None, None
    for s, e in sorted(spans):
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        total += cur_e - cur_s
    return total


def coverage(passages: Sequence[Passage], *, len_a: int, len_b: int) -> tuple[float, float]:
    """Share of text a and of text b (original characters) covered by the union of the passages."""
    ca = _union_length([(p.a_start, p.a_end) for p in passages])
    cb = _union_length([(p.b_start, p.b_end) for p in passages])
    return (ca / len_a if len_a else 0.0, cb / len_b if len_b else 0.0)


# --------------------------------------------------------------------------- candidate index


def _winnow(hashes: np.ndarray, window: int) -> set[int]:
    """Winnowing fingerprints (Schleimer, Wilkerson & Aiken 2003): the minimum of every window."""
    if len(hashes) == 0:
        return set()
    if len(hashes) <= window:
        return {int(hashes.min())}
    windows = np.lib.stride_tricks.sliding_window_view(hashes, window)
    return set(windows.min(axis=1).tolist())


class ShingleIndex:
    """Inverted index of winnowed shingle fingerprints, to find stored reports sharing text.

    With ``k=8`` and ``window=13`` every shared run of at least 20 content characters shares at
    least one fingerprint; ``candidates`` counts shared fingerprints (about one per 7 characters
    of shared text). Hashes are stable across processes, so fingerprints may be stored.
    """

    def __init__(self, *, k: int = SHINGLE, window: int = 13) -> None:
        self.k = k
        self.window = window
        self.postings_: dict[int, set[str]] = defaultdict(set)
        self.fingerprints_: dict[str, set[int]] = {}

    def fingerprints(self, text: str) -> set[int]:
        return _winnow(_kgram_hashes(skeleton(text).text, self.k), self.window)

    def add(self, key: str, text: str) -> None:
        if key in self.fingerprints_:
            self.remove(key)
        fps = self.fingerprints(text)
        self.fingerprints_[key] = fps
        for h in fps:
            self.postings_[h].add(key)

    def remove(self, key: str) -> None:
        for h in self.fingerprints_.pop(key, ()):
            keys = self.postings_.get(h)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self.postings_[h]

    def __len__(self) -> int:
        return len(self.fingerprints_)

    def __contains__(self, key: object) -> bool:
        return key in self.fingerprints_

    def candidates(self, text: str, *, min_shared: int = 3) -> list[tuple[str, int]]:
        """Stored keys sharing at least ``min_shared`` fingerprints with ``text``, most first."""
        counts: Counter[str] = Counter()
        for h in self.fingerprints(text):
            keys = self.postings_.get(h)
            if keys:
                counts.update(keys)
        hits = [(key, n) for key, n in counts.items() if n >= min_shared]
        return sorted(hits, key=lambda kv: (-kv[1], kv[0]))


# --------------------------------------------------------------------------- stock sentences


_SENTENCE_END = np.array([ord(ch) for ch in "。！？；!?;\n"], dtype=np.uint32)


def _sentence_skeleton(text: str) -> tuple[Skeleton, np.ndarray]:
    """Skeleton of ``text`` plus, per skeleton character, the index of its sentence.

    Sentences end where ``analytics.sentences`` ends them (。！？；!?; and line breaks); computed
    vectorised because this runs over whole corpora.
    """
    sk = skeleton(text)
    ends = np.cumsum(np.isin(_codes(text), _SENTENCE_END))
    return sk, ends[sk.offsets] if len(sk.offsets) else np.zeros(0, dtype=np.int64)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    s = np.sort(values)
    if len(s) < 2:
        return s
    return s[np.concatenate(([True], s[1:] != s[:-1]))]


def _member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Boolean mask: which ``values`` are in the sorted array ``sorted_set``."""
    if len(sorted_set) == 0:
        return np.zeros(len(values), dtype=bool)
    idx = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[idx] == values


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of the runs of True in a boolean array."""
    if not mask.any():
        return []
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def stock_sentences(
    texts: Mapping[str, str],
    *,
    min_doc_share: float = 0.5,
    min_docs: int = 3,
    min_chars: int = 12,
) -> dict[str, int]:
    """Stock fragments recurring in at least ``max(min_docs, ceil(min_doc_share * n))`` reports.

    Every ``min_chars``-gram of each skeleton is counted once per report; the runs of frequent
    n-grams inside one sentence become candidate fragments (so a stock clause is found even inside
    sentences that otherwise differ), whose report counts are then checked exactly. Candidates
    contained in a longer kept fragment that is just as frequent are dropped.
    Returns {fragment as first written in a report: number of reports containing it}.
    """
    n_docs = len(texts)
    threshold = max(min_docs, math.ceil(min_doc_share * n_docs))
    if n_docs < threshold or min_chars < 1:
        return {}
    docs = []
    per_doc_unique = []
    for text in texts.values():
        sk, sent = _sentence_skeleton(text)
        h = _kgram_hashes(sk.text, min_chars)
        docs.append((text, sk, sent, h))
        per_doc_unique.append(_sorted_unique(h))
    pooled = np.sort(np.concatenate(per_doc_unique))
    if len(pooled) == 0:
        return {}
    starts = np.flatnonzero(np.concatenate(([True], pooled[1:] != pooled[:-1])))
    counts = np.diff(np.append(starts, len(pooled)))
    frequent = pooled[starts[counts >= threshold]]
    if len(frequent) == 0:
        return {}

    # candidate fragments: runs of frequent n-grams, split at sentence boundaries
    display: dict[str, str] = {}  # skeleton fragment -> original text of its first occurrence
    for text, sk, sent, h in docs:
        hit = _member(h, frequent)
        for s, e in _runs(hit):
            # run of n-gram starts [s, e) covers skeleton characters [s, e - 1 + min_chars)
            end = e - 1 + min_chars
            ids = sent[s:end]
            cuts = np.flatnonzero(np.diff(ids)) + 1
            bounds = [s, *(s + cuts).tolist(), end]
            for p0, p1 in zip(bounds[:-1], bounds[1:], strict=False):
                if p1 - p0 < min_chars:
                    continue
                frag = sk.text[p0:p1]
                if frag not in display:
                    display[frag] = text[int(sk.offsets[p0]) : int(sk.offsets[p1 - 1]) + 1]
    if not display:
        return {}

    # exact report counts of the candidates
    automaton = ahocorasick.Automaton()
    for idx, frag in enumerate(display):
        automaton.add_word(frag, idx)
    automaton.make_automaton()
    frags = list(display)
    doc_count = np.zeros(len(frags), dtype=np.int64)
    for _, sk, _, _ in docs:
        seen = {idx for _, idx in automaton.iter(sk.text)}
        if seen:
            doc_count[list(seen)] += 1

    kept = sorted(
        (f for f, c in zip(frags, doc_count.tolist(), strict=True) if c >= threshold),
        key=len,
        reverse=True,
    )
    count_of = dict(zip(frags, doc_count.tolist(), strict=True))
    result: list[str] = []
    for frag in kept:
        if any(frag in longer and count_of[longer] >= count_of[frag] for longer in result):
            continue
        result.append(frag)
    return {display[f]: count_of[f] for f in sorted(result, key=lambda f: (-count_of[f], -len(f), f))}


FORMULAE_FILE = DATA_DIR / "formulae.txt"


@lru_cache(maxsize=1)
def formulae() -> tuple[str, ...]:
    """The fixed formulae of central and higher documents (data/formulae.txt): two reports that both write
    them have not copied each other. Passages mostly made of them are dropped like corpus stock fragments."""
    if not FORMULAE_FILE.exists():
        return ()
    lines = FORMULAE_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


# how shared passages are judged (boilerplate_spans, pipeline.is_copied): part of formulae_version, so that a
# store re-judges its stored passages once when it changes, as when the list of formulae changes
PASSAGE_RULES = "2"


def formulae_version() -> str:
    return hashlib.sha1("\n".join((PASSAGE_RULES, *formulae())).encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=8)
def _stock_automaton(stock: tuple[str, ...]) -> ahocorasick.Automaton | None:
    automaton = ahocorasick.Automaton()
    for frag in stock:
        sk = skeleton(frag).text
        if sk:
            automaton.add_word(sk, len(sk))
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton


def _stock_cover(sk: Skeleton, stock: Collection[str]) -> np.ndarray:
    """Boolean mask over skeleton characters covered by any stock fragment."""
    covered = np.zeros(len(sk.text), dtype=bool)
    automaton = _stock_automaton(tuple(sorted(set(stock))))
    if automaton is None or not len(sk.text):
        return covered
    delta = np.zeros(len(sk.text) + 1, dtype=np.int64)
    for end, length in automaton.iter(sk.text):
        delta[end + 1 - length] += 1
        delta[end + 1] -= 1
    return np.cumsum(delta[:-1]) > 0


def stock_share(text: str, stock: Collection[str]) -> float:
    """Share of the text's content characters (skeleton) covered by stock fragments."""
    sk = skeleton(text)
    if not len(sk.text):
        return 0.0
    return float(_stock_cover(sk, stock).mean())


FRAME_LINE_MAX = 40
_SENTENCE_MARKS = re.compile("[。！？；!?;]")


def frame_lines(text: str) -> list[tuple[int, int]]:
    """[start, end) of the report's frame: lines of at most ``FRAME_LINE_MAX`` characters without sentence
    punctuation — the title, the salutation (中共X县委、X县人民政府：), headings (二、党政主要负责人履行推进法治建设
    第一责任人职责情况), the signature and the date. Every report of a county has them alike; sharing them is
    not copying."""
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if 0 < len(line) <= FRAME_LINE_MAX and _SENTENCE_MARKS.search(line) is None:
            out.append((start, end + 1 if end < len(text) else end))  # with its line break
        start = end + 1
    return out


def boilerplate_spans(text: str, stock: Collection[str]) -> list[tuple[int, int]]:
    """What a shared passage may contain without being copying: the stock fragments and formulae
    (stock_spans) and the report's frame lines (frame_lines), as non-overlapping [start, end) offsets in text
    order."""
    merged: list[tuple[int, int]] = []  # (non-overlapping, so that a passage's covered share is at most 1)
    for s, e in sorted(stock_spans(text, stock) + frame_lines(text)):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def stock_spans(text: str, stock: Collection[str]) -> list[tuple[int, int]]:
    """[start, end) offsets in ``text`` of the stretches made of stock fragments (for highlighting)."""
    sk = skeleton(text)
    mask = _stock_cover(sk, stock)
    return [(int(sk.offsets[s]), int(sk.offsets[e - 1]) + 1) for s, e in _runs(mask)]
