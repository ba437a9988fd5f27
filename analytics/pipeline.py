"""Ingest and analyse: the only place that strings the analytics steps together.

file → text (readers, normalize) → per-report features (metadata, layout, themes, facts, terms,
lean) → store → corpus features against the persisted basis (keywords, vector, nearest reports,
map point, shared passages; ``analytics.model``) → pages.

Adding a report writes its per-report features and its corpus rows in one transaction and touches
nothing else but the neighbour lists it enters: no refit. The basis is refitted (``refit``) when
the corpus has drifted by ``model.DRIFT`` since the last fit: at the end of a batch ingest, on
``ensure_ready``, or in the background after a save in the app.
"""

from __future__ import annotations

import csv
import gc
import json
import os
import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analytics import SEED_DIR, facts as facts_mod, figures, model, problems, structure, themes
from analytics.accounts import Account, require_editor
from analytics.keywords import is_common_word
from analytics.layout import Layout, footer_start, parse_layout
from analytics.metadata import Metadata, infer_metadata
from analytics.normalize import normalize_text
from analytics.readers import SUPPORTED_SUFFIXES, Document, ReadError, read_path
from analytics.segment import PlaceMatcher, Tokenizer, load_tokenizer, term_rules_version
from analytics.similarity import formulae_version
from analytics.store import META_FIELDS, CorpusRows, ReportRecord, Store, report_id

DICTIONARY_META_KEY = "themes_yaml"
# The detectors' rules: changed whenever what they find in a stored text changes (theme matching, facts,
# shortcomings, parts, counting units); a store analysed under other rules is re-derived from its texts once.
ANALYSIS_RULES = "2026-11-28.47"
RULES_META_KEY = "analysis_rules"
KEYWORDS_META_KEY = "keyword_rules"  # the keyword selection rules and stopwords the stored keywords follow
TERMS_META_KEY = "term_rules"  # segment.term_rules_version() the stored term counts were made under
FORMULAE_META_KEY = "formulae"  # the version of data/formulae.txt the stored shared passages were judged with
WHOLE = "all"  # part id for counts over the whole report
PUFA, ZHIFA = themes.DEFAULT_EMPHASIS
# parts whose mentions the lean leaves out: what is lacking and what is planned is not the year's emphasis
LEAN_LEAVES_OUT = ("shortcomings", "next_year")
MIN_COPY_CHARS = 50
COPIED_MIN_CHARS = 20  # a shared passage is copying when this many of its characters are the report's own words
NEAR_DUPLICATE = 0.9


def is_copied(start: int, end: int, boilerplate: float) -> bool:
    """Whether a shared passage [start, end) counts as copying: at least ``COPIED_MIN_CHARS`` of its characters
    are outside the boilerplate (stock fragments, formulae, frame lines: similarity.boilerplate_spans), of which
    ``boilerplate`` is the share. A title, salutation and heading shared with a stock opening sentence
    (报告 / 中共X县委、X县人民政府： / 2024年，X镇坚持以习近平新时代中国特色社会主义思想为指导) is not."""
    return (1.0 - boilerplate) * (end - start) >= COPIED_MIN_CHARS - 1e-9


@dataclass(frozen=True)
class Resources:
    """What analysis needs loaded once: the active indicator dictionary and the tokenizer (built on first
    use, once per process and engine, so pages that only read stored figures never pay for it)."""

    dictionary: themes.ThemeDictionary
    engine: str = "rjieba"

    @property
    def tokenizer(self) -> Tokenizer:
        return load_tokenizer(engine=self.engine)


def load_resources(store: Store | None = None, *, engine: str = "rjieba") -> Resources:
    yaml_text = store.get_meta(DICTIONARY_META_KEY) if store is not None else None
    dictionary = themes.parse_dictionary(yaml_text) if yaml_text else themes.load_dictionary()
    return Resources(dictionary=dictionary, engine=engine)


# ---- per-report analysis ---------------------------------------------------------------------
@dataclass(frozen=True)
class Analysis:
    """Features of one report, independent of the corpus."""

    text: str
    meta: Metadata
    inferred: Metadata
    term_counts: dict[str, int]
    places: frozenset[str]
    theme_counts: dict[str, dict[str, int]]  # part id ('all' = whole report) -> theme id -> count
    theme_units: dict[str, int]  # theme id -> counting units (paragraphs) mentioning it
    n_units: int
    parts: dict[str, structure.PartInfo]
    shortcomings: list[tuple[Any, str | None]]
    facts: list[tuple[Any, str | None]]
    concreteness: float
    lean: figures.Lean
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

    @property
    def not_report(self) -> str | None:
        """A one-line note when the text is unlikely to be an annual report (structure.not_a_report), else None."""
        return structure.not_a_report(self.parts, title=self.meta.title)

    def rates(self) -> dict[str, themes.Rate]:
        return themes.rates(self.theme_counts[WHOLE], chars=self.chars)


def _theme_headings(layout: Layout) -> list[tuple[int, int]]:
    """Spans for the matcher's "once per theme" rule: section titles (numbered or named; not "一是…" list items
    nor numbered lines that run on as sentences), and short quoted slogans outside them (themes.with_slogans)."""
    text = layout.text
    return themes.with_slogans(text, [(h.start, h.end) for h in layout.headings
                                      if h.level < 5 and h.end - h.start <= _THEME_HEADING_MAX
                                      and not _is_item_sentence(text, h)])


_THEME_HEADING_MAX = 64
_FIGURE = re.compile(r"\d")


def _is_item_sentence(text: str, h: structure.Heading) -> bool:
    """A numbered line that is a whole sentence of the year's work, not a title: it ends at a sentence end and
    has a figure ("（四）全年送法下乡12次，举办法治讲座8场。") or, under 1. or （1）, a clause break
    ("2.落实执法公示制度，在网站公示执法信息。"; a （一） title may be clauses: "（三）强化对行政权力的制约和
    监督，加强党风廉政教育，构建防腐机制。"). Its words count as in prose, where a title counts each theme once."""
    if h.level < 2 or text[h.end : h.end + 1] not in ("。", "；", "！"):
        return False
    title = text[h.start + len(h.marker) : h.end]
    return _FIGURE.search(title) is not None or structure.is_item(h) and "，" in title


def _find(dictionary: themes.ThemeDictionary, text: str, layout: Layout, token_ends: Collection[int] | None = None):
    return dictionary.find(text, sentences=layout.sentences, headings=_theme_headings(layout), token_ends=token_ends)


def _dictionary_features(text: str, layout: Layout, dictionary: themes.ThemeDictionary, shortcomings, facts, *,
                         token_ends: Collection[int] | None = None):
    """Theme counts for the whole text and per part, units mentioning each theme, per-unit counts of the
    lean's two themes, and the dominant theme of each fact and shortcoming sentence — all from one
    leftmost-longest pass over the text. Every tally is a difference of rows of the hits' cumulative
    per-theme counts, located with ``np.searchsorted`` (as ``bisect_left`` over the hit starts)."""
    ids = dictionary.ids()
    hits = _find(dictionary, text, layout, token_ends)
    if layout.body_end is not None and layout.body_end < len(text):
        hits = [h for h in hits if h.start < layout.body_end]  # not in a web page's footer
    column = {t: i for i, t in enumerate(ids)}
    starts = np.fromiter((h.start for h in hits), dtype=np.int64, count=len(hits))
    theme = np.fromiter((column[h.theme_id] for h in hits), dtype=np.int64, count=len(hits))
    cum = np.zeros((len(hits) + 1, len(ids)), dtype=np.int64)  # row k: hits per theme among the first k hits
    if len(hits):
        cum[np.arange(1, len(hits) + 1), theme] = 1
        np.cumsum(cum, axis=0, out=cum)

    def tallies(spans) -> np.ndarray:  # one row of per-theme counts per span
        bounds = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
        return cum[np.searchsorted(starts, bounds[:, 1])] - cum[np.searchsorted(starts, bounds[:, 0])]

    def as_dict(row: np.ndarray) -> dict[str, int]:
        return dict(zip(ids, row.tolist()))

    def dominant(spans) -> list[str | None]:
        per = tallies(spans)
        if not len(ids):
            return [None] * len(per)
        best = per.argmax(axis=1).tolist()  # the first theme with the most hits, in dictionary order
        return [ids[b] if n else None for b, n in zip(best, per.max(axis=1).tolist())]

    counts = {WHOLE: as_dict(cum[-1] - cum[0])}
    counts.update({pid: as_dict(tallies(info.spans).sum(axis=0)) for pid, info in layout.parts.items()
                   if info.present})
    u = np.asarray(layout.units, dtype=np.int64).reshape(-1, 2)
    u_lo, u_hi = np.searchsorted(starts, u[:, 0]), np.searchsorted(starts, u[:, 1])  # each unit's hits
    units = as_dict((cum[u_hi] - cum[u_lo] > 0).sum(axis=0))
    # the lean's two themes, as work done: not in the shortcomings or the next year's plans (“普法形式单一” is
    # not an emphasis on 普法), nor inside a repeated sentence or quotation
    lean_cols = {PUFA: column.get(PUFA, -1), ZHIFA: column.get(ZHIFA, -1)}
    keep = (theme == lean_cols[PUFA]) | (theme == lean_cols[ZHIFA])
    if keep.any():
        keep &= ~_inside(starts, lean_left_out(text, layout, shortcomings))
    # the units the bootstrap resamples: the clauses of the year's work (a left-out part's are not its units),
    # each sentence cut after ，；： — not after 、, so a list or slogan (“文明执法、规范执法”) stays one unit and
    # still clusters. Clauses, not sentences: whether a drafter joins five statements of work with ， or ends
    # each with 。 is style, and the label must not turn on it; not paragraphs: one paragraph on 普法 against
    # one on 执法 would leave almost every report without a lean
    clause = lean_units(text, layout)
    if keep.any():
        keep &= ~staff_doing_pufa(text, hits, clause)
    c_lo, c_hi = np.searchsorted(starts, clause[:, 0]), np.searchsorted(starts, clause[:, 1])
    per_unit, rest = {}, {}
    for t, c in lean_cols.items():
        run = np.zeros(len(theme) + 1, dtype=np.int64)  # kept mentions of theme t among the first k hits
        np.cumsum(keep & (theme == c), out=run[1:])
        per_unit[t] = (run[c_hi] - run[c_lo]).tolist()
        rest[t] = int(run[-1]) - sum(per_unit[t])
    # mentions outside every counted clause still count: one extra pseudo-unit keeps the sums equal to the counts
    if any(rest.values()):
        per_unit[PUFA].append(max(rest[PUFA], 0))
        per_unit[ZHIFA].append(max(rest[ZHIFA], 0))
    short = list(zip(shortcomings, dominant([(sc.start, sc.end) for sc in shortcomings])))
    # each fact's sentence: the last one starting at or before it, if it reaches past the fact's start
    sentences = layout.sentences
    at = np.searchsorted(np.asarray(layout.sentence_starts, dtype=np.int64),
                         np.fromiter((f.start for f in facts), dtype=np.int64, count=len(facts)), side="right") - 1
    spans = [sentences[i] if i >= 0 and sentences[i][1] > f.start else (f.start, f.end)
             for f, i in zip(facts, at.tolist())]
    return counts, units, per_unit, short, list(zip(facts, dominant(spans)))


_CLAUSE_END = re.compile(r"[，；：;]")


def lean_units(text: str, layout: Layout) -> np.ndarray:
    """The lean's counting units, as (start, end) rows in text order: the sentences outside the left-out parts,
    each cut after every ，；： inside it (a delimiter ending its sentence cuts nothing)."""
    sent = np.asarray(layout.sentences, dtype=np.int64).reshape(-1, 2)
    sent = sent[~_inside(sent[:, 0], _lean_parts_out(layout))]
    if not len(sent):
        return sent
    cut = np.fromiter((m.end() for m in _CLAUSE_END.finditer(text)), dtype=np.int64)
    i = np.searchsorted(sent[:, 0], cut, side="right") - 1  # the counted sentence each cut falls in, if any
    cut = cut[(i >= 0) & (cut < sent[np.maximum(i, 0), 1])]
    starts = np.union1d(sent[:, 0], cut)
    within = np.searchsorted(sent[:, 0], starts, side="right") - 1
    ends = np.minimum(sent[within, 1], np.append(starts[1:], np.iinfo(np.int64).max))
    return np.column_stack([starts, ends])


_STAFF = ("人员", "队员", "队伍")


def staff_doing_pufa(text: str, hits: Sequence[themes.Hit], clauses: np.ndarray) -> np.ndarray:
    """Which hits are 执法 mentions that name the staff doing 普法: 执法人员 / 执法队员 / 执法队伍 (综合执法队员)
    followed in the same clause by a 普法 mention (执法人员进村入户开展普法宣传, 组织执法队伍开展以案释法).
    The work there is 普法, so the lean does not count them as 执法; the theme counts still do (staff are part of
    the enforcement system). A clause is a row of ``clauses`` (lean_units); hits outside every row are never marked."""
    out = np.zeros(len(hits), dtype=bool)
    if not len(hits) or not len(clauses):
        return out
    starts = np.fromiter((h.start for h in hits), dtype=np.int64, count=len(hits))
    at = np.searchsorted(clauses[:, 0], starts, side="right") - 1
    at = np.where((at >= 0) & (starts < clauses[np.maximum(at, 0), 1]), at, -1).tolist()
    pufa_in = -1  # the clause of the nearest 普法 mention after the current hit
    for i in range(len(hits) - 1, -1, -1):
        h, c = hits[i], at[i]
        if h.theme_id == PUFA:
            pufa_in = c
        elif h.theme_id == ZHIFA and c >= 0 and c == pufa_in and (text[h.end - 2 : h.end] in _STAFF
                                                                   or text[h.end : h.end + 2] in _STAFF):
            out[i] = True
    return out


def _lean_parts_out(layout: Layout) -> list[tuple[int, int]]:
    return [span for pid in LEAN_LEAVES_OUT if (info := layout.parts.get(pid)) and info.present for span in info.spans]


def lean_left_out(text: str, layout: Layout, shortcomings) -> list[tuple[int, int]]:
    """Spans whose 普法/执法 mentions the lean does not count: the shortcomings and next year's plans parts, each
    shortcoming sentence (also one under an inline label, 存在的不足：…), a repeated sentence or quotation."""
    return (_lean_parts_out(layout) + [(sc.start, sc.end) for sc in shortcomings]
            + _repeated_sentences(text, layout.sentences))


def theme_hits(text: str, *, resources: Resources) -> list[themes.Hit]:
    """Every theme mention the stored whole-text counts count, in text order (``text`` as stored: normalised):
    the same layout (headings, slogans, sentences) and the same cut before a web page's footer as at ingest,
    so a theme search lists exactly the mentions behind a stored count."""
    layout = parse_layout(text)
    end = len(text) if layout.body_end is None else layout.body_end
    return [h for h in _find(resources.dictionary, text, layout) if h.start < end]


def lean_mentions(text: str, *, resources: Resources) -> list[themes.Hit]:
    """The 普法 and 执法 mentions a report's lean counts, in text order (``text`` as stored: normalised)."""
    layout = parse_layout(text)
    hits = [h for h in theme_hits(text, resources=resources) if h.theme_id in (PUFA, ZHIFA)]
    out = _inside(np.fromiter((h.start for h in hits), dtype=np.int64, count=len(hits)),
                  lean_left_out(text, layout, structure.shortcomings_of(layout)))
    out |= staff_doing_pufa(text, hits, lean_units(text, layout))
    return [h for h, left in zip(hits, out.tolist()) if not left]


def _inside(positions: np.ndarray, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """Which positions fall inside any of the (possibly overlapping) spans."""
    if not spans:
        return np.zeros(len(positions), dtype=bool)
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    m = np.asarray(merged, dtype=np.int64)
    i = np.searchsorted(m[:, 0], positions, side="right") - 1
    return (i >= 0) & (positions < m[np.maximum(i, 0), 1])


_QUOTE = re.compile(r"“([^”\n]{4,60})”")


def _repeated_sentences(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans that repeat, word for word, an earlier sentence or an earlier quoted phrase of the same report
    (a slogan such as “文明执法、温情执法、规范执法、依法执法” quoted three times counts once in the lean)."""
    out = []
    bodies = [text[s:e] for s, e in sentences]
    if len(set(bodies)) < len(bodies):  # only a report with a repeated sentence needs the ordered scan
        seen: set[str] = set()
        for span, body in zip(sentences, bodies):
            if len(body) >= 6 and body in seen:
                out.append(span)
            seen.add(body)
    quotes: set[str] = set()
    for m in _QUOTE.finditer(text):
        if m.group(1) in quotes:
            out.append((m.start(), m.end()))
        quotes.add(m.group(1))
    return out


def _extract_facts(text: str, layout: Layout):
    spans = {p: info.spans if info.present else () for p, info in layout.parts.items()}
    return facts_mod.extract_facts(text, sentences=layout.sentences, plans=spans.get("next_year", ()),
                                   problems=spans.get("shortcomings", ()), rows=layout.table_rows, year=layout.year)


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
    with _gc_paused():
        return _analyse_text(text, resources=resources, filename=filename, kind=kind, encoding=encoding,
                             meta_overrides=meta_overrides, normalized=normalized)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while one report is read or analysed. The analysis makes no reference
    cycles (gc.collect() finds nothing after the 200 bench reports), but its many short-lived lists, tuples and
    regex matches set off collections that walk every young container again and again (~4 % of analyse).
    Nested uses leave it to the outermost; it is re-enabled only if it was enabled."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _analyse_text(text: str, *, resources: Resources, filename: str | None, kind: str | None,
                  encoding: str | None, meta_overrides: Mapping[str, Any] | None, normalized: bool) -> Analysis:
    if not normalized:
        text = normalize_text(text)
    inferred = infer_metadata(text, filename=filename, normalized=True)
    overrides = {k: v for k, v in (meta_overrides or {}).items() if k in META_FIELDS and v not in (None, "")}
    meta = replace(inferred, **overrides)
    layout = parse_layout(text)
    found_facts = _extract_facts(text, layout)
    body = text[: layout.body_end]  # without a web page's footer (its links and labels are not the report's words)
    tokens = resources.tokenizer.cut(body)  # one segmentation for the terms and the theme matcher's word test
    known = [v for v in (meta.town, meta.county, meta.province) if v]
    term_counts, places, ends = _terms(resources.tokenizer, body, known, tokens)
    counts, units, per_unit, short, facts_t = _dictionary_features(
        text, layout, resources.dictionary, structure.shortcomings_of(layout), found_facts,
        token_ends=_SortedOffsets(ends))
    return Analysis(
        text=text, meta=meta, inferred=inferred, term_counts=term_counts, places=frozenset(places),
        theme_counts=counts, theme_units=units, n_units=len(layout.units), parts=layout.parts,
        shortcomings=short, facts=facts_t, concreteness=facts_mod.concreteness(found_facts, chars=len(text)),
        lean=figures.lean(per_unit[PUFA], per_unit[ZHIFA]),
        dictionary_version=resources.dictionary.version, filename=filename, kind=kind, encoding=encoding,
    )


class _SortedOffsets(Collection[int]):
    """A sorted list of offsets as a collection whose membership test bisects: the theme matcher asks whether a
    token ends at a position only a few times per report, so a set of its ~5,000 token ends would cost more
    to build than all its look-ups."""

    __slots__ = ("_items",)

    def __init__(self, items: list[int]):
        self._items = items

    def __contains__(self, x: object) -> bool:
        items = self._items
        i = bisect_left(items, x)  # type: ignore[type-var]
        return i < len(items) and items[i] == x

    def __iter__(self) -> Iterator[int]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def _terms(tokenizer: Tokenizer, text: str, known: Sequence[str],
           tokens: list[str]) -> tuple[dict[str, int], set[str], list[int]]:
    result = tokenizer.analyse(text, known_places=known, tokens=tokens)
    return dict(result.counts), set(result.places), result.ends


def analyse_document(doc: Document, *, resources: Resources, meta_overrides: Mapping[str, Any] | None = None) -> Analysis:
    return analyse_text(doc.text, resources=resources, filename=doc.filename, kind=doc.kind, encoding=doc.encoding,
                        meta_overrides=meta_overrides, normalized=True)


def _fact_rows(items):
    return [
        {"value": f.value, "unit": f.unit, "raw": f.raw, "qualifier": f.qualifier, "sentence": f.sentence,
         "start": f.start, "end": f.end, "theme_id": t, "kind": f.kind, "approximate": f.approximate,
         "breakdown": f.breakdown}
        for f, t in items
    ]


def _shortcoming_rows(items):
    rows = [{"sentence": s.sentence, "start": s.start, "end": s.end, "theme_id": t,
             "kind": getattr(s, "kind", "problem")} for s, t in items]
    kinds = iter(problems.problem_kinds([r["sentence"] for r in rows if r["kind"] == "problem"]))
    for r in rows:  # a problem's kind (人员力量不足 …), found once here and stored with it
        r["problem_kind"] = next(kinds) if r["kind"] == "problem" else None
    return rows


def _theme_rows(counts: Mapping[str, Mapping[str, int]], units: Mapping[str, int]):
    return [(p, t, c, units.get(t, 0) if p == WHOLE else 0) for p, per in counts.items() for t, c in per.items()]


def _lean_tuple(a: Analysis) -> tuple:
    return (a.lean.value, a.lean.lo, a.lean.hi, a.lean.pufa, a.lean.zhifa)


def _section_rows(parts: Mapping[str, structure.PartInfo]) -> list[tuple]:
    return [(p, i.present, i.chars, [list(s) for s in i.spans], bool(getattr(i, "embedded", False)))
            for p, i in parts.items()]


def to_record(a: Analysis, *, builtin: bool = False) -> ReportRecord:
    return ReportRecord(
        id=a.id, text=a.text, meta=asdict(a.meta), inferred=asdict(a.inferred), filename=a.filename, kind=a.kind,
        encoding=a.encoding, builtin=builtin, concreteness=a.concreteness, dictionary_version=a.dictionary_version,
        n_units=a.n_units, lean=_lean_tuple(a), places=sorted(a.places), term_counts=a.term_counts,
        theme_counts=_theme_rows(a.theme_counts, a.theme_units),
        sections=_section_rows(a.parts),
        facts=_fact_rows(a.facts), shortcomings=_shortcoming_rows(a.shortcomings),
    )


# ---- corpus rows of one report (incremental) -------------------------------------------------------
def _excluder(places: Iterable[str]):
    return PlaceMatcher(set(places))


def _known_places(a: Analysis) -> set[str]:
    return set(a.places) | {v for v in (a.meta.town, a.meta.county, a.meta.province) if v}


def fingerprints(text: str) -> set[int]:
    from analytics.similarity import ShingleIndex

    return ShingleIndex(window=model.FINGERPRINT_WINDOW).fingerprints(text)


def _shared_with(store: Store, con, text: str, *, exclude: Iterable[str] = (), fps: set[int] | None = None,
                 n_reports: int, stock: Sequence[str] = (), lengths: dict[str, int] | None = None) -> list[tuple]:
    """Passages ≥ 20 characters shared with the stored reports sharing most rare fingerprints:
    (other id, own start, own end, other start, other end, share of the passage that is boilerplate: stock
    fragments, formulae and frame lines, similarity.boilerplate_spans),
    overlapping or touching passages with one report merged."""
    from analytics.similarity import boilerplate_spans, formulae, shared_spans_many

    excluded = set(exclude)
    fps = fingerprints(text) if fps is None else fps
    cands = [k for k, _ in store.fingerprint_candidates(con, fps, cap=model.fingerprint_cap(n_reports))
             if k not in excluded][:model.SHARED_CANDIDATES]
    texts = store.texts(cands, con=con)
    cover = _Cover(boilerplate_spans(text, (*stock, *formulae())))  # stock fragments, formulae, frame lines
    rows: list[tuple] = []
    for key, spans in zip(cands, shared_spans_many(text, [texts[c] for c in cands]), strict=True):
        rows += [(key, s, e, os_, oe, round(cover.share(s, e), 4)) for s, e, os_, oe in merge_spans(spans)]
    if lengths is not None:
        lengths.update({k: len(t) for k, t in texts.items()})
    return rows


def merge_passages(passages) -> list[list[int]]:
    """Passages (similarity.Passage) that overlap or touch in both texts merge into one: [a0, a1, b0, b1]."""
    return merge_spans([(p.a_start, p.a_end, p.b_start, p.b_end) for p in passages])


def merge_spans(spans: Iterable[tuple[int, int, int, int]]) -> list[list[int]]:
    """:func:`merge_passages` of bare (a0, a1, b0, b1) offsets."""
    merged: list[list[int]] = []
    for a0, a1, b0, b1 in sorted(spans, key=lambda p: p[0]):
        if merged and a0 <= merged[-1][1] + 1 and merged[-1][2] <= b0 <= merged[-1][3] + 1:
            merged[-1][1], merged[-1][3] = max(merged[-1][1], a1), max(merged[-1][3], b1)
        else:
            merged.append([a0, a1, b0, b1])
    return merged


def pair_rows(rows: Sequence[tuple], *, len_own: int, lengths: Mapping[str, int]) -> list[tuple]:
    """Passages grouped per other report: (other id, packed spans, passages, chars, longest, share of own text,
    share of the other's), the counts over the passages that are copying (is_copied)."""
    from analytics.store import pack_spans

    by_key: dict[str, list[tuple]] = {}
    for r in rows:
        by_key.setdefault(r[0], []).append(r)
    out = []
    for key, mine in by_key.items():
        real = [r for r in mine if is_copied(r[1], r[2], r[5])]
        out.append((key, pack_spans([r[1:6] for r in mine]), len(real), sum(r[2] - r[1] for r in real),
                    max((r[2] - r[1] for r in real), default=0),
                    round(_union([(r[1], r[2]) for r in real]) / max(len_own, 1), 4),
                    round(_union([(r[3], r[4]) for r in real]) / max(lengths.get(key, 0), 1), 4)))
    return out


def _union(spans: Sequence[tuple[int, int]]) -> int:
    total, end = 0, -1
    for s, e in sorted(spans):
        if s >= end:
            total += e - s
            end = e
        elif e > end:
            total += e - end
            end = e
    return total


@dataclass(frozen=True)
class Placed:
    """A report's vector and its similarity with every indexed report (order of ``ids``), computed once
    for its own neighbours and reused to enter it into the other reports' lists."""

    vec: tuple[np.ndarray, np.ndarray]
    ids: list[str]
    sims: np.ndarray


def corpus_rows(a: Analysis, *, index: model.CorpusIndex, store: Store, con, term_ids: Mapping[str, int],
                resources: Resources, shared: bool = True) -> tuple[CorpusRows, Placed]:
    """Keywords, vector, map point, Wordscores, stock share, nearest stored reports and shared passages of
    one stored (or about to be stored) report, against the current basis."""
    basis = index.basis
    view = model.TermView.of(a.term_counts, term_ids)
    member = a.id in basis.members
    kw = model.keywords(view, basis, member=member, is_excluded=_excluder(_known_places(a)),
                        is_term=resources.tokenizer.is_content_term)
    vec = model.vector(view, basis)
    xy = model.map_point(vec, basis)
    ws = model.wordscore(view, basis)
    position = (*(xy if xy is not None else (None, None)), model.stock_share(a.text, basis),
                *((ws["score"], ws["se"], ws["lo"], ws["hi"]) if ws else (None,) * 4), basis.id)
    placed = Placed(vec, index.ids, index.similarities(vec))
    nb = model.top_k(placed.ids, placed.sims, k=model.NEIGHBOURS, exclude={a.id})
    fps = fingerprints(a.text) if shared else set()
    lengths: dict[str, int] = {}
    rows = _shared_with(store, con, a.text, exclude={a.id}, fps=fps, n_reports=len(index), stock=basis.stock,
                        lengths=lengths) if shared else []
    return CorpusRows(report_id=a.id, keywords=[(i, t, w, c) for i, (t, w, c) in enumerate(kw, 1)], vector=vec,
                      position=position, neighbours=nb, shared=pair_rows(rows, len_own=len(a.text), lengths=lengths),
                      fingerprints=sorted(fps)), placed


def _enter_neighbour_lists(con, index: model.CorpusIndex, rid: str, placed: Placed) -> None:
    """The new report joins the lists of the reports it is now among the nearest of (a list not yet
    full takes it whatever its similarity)."""
    ids, sims, kth, full = placed.ids, placed.sims, index.kth, model.NEIGHBOURS
    none = (float("-inf"), 0)
    neg = float("-inf")
    lo = np.fromiter((k[0] if k[1] >= full else neg for k in map(kth.get, ids, repeat(none))),
                     dtype=float, count=len(ids))
    for i in np.flatnonzero(sims > lo).tolist():
        other, s = ids[i], float(sims[i])
        if other == rid:
            continue
        con.execute("INSERT OR REPLACE INTO neighbours VALUES (?,?,?)", (other, rid, s))
        if kth.get(other, none)[1] >= full:
            con.execute("DELETE FROM neighbours WHERE a=? AND b=(SELECT b FROM neighbours WHERE a=?"
                        " ORDER BY similarity ASC, b DESC LIMIT 1)", (other, other))
        row = con.execute("SELECT MIN(similarity), COUNT(*) FROM neighbours WHERE a=?", (other,)).fetchone()
        index.kth[other] = (float(row[0]), int(row[1]))


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
    """Adds reports one transaction each, with their corpus rows against the current basis."""

    def __init__(self, store: Store, *, resources: Resources, actor: Account,
                 index: model.CorpusIndex | None = None) -> None:
        require_editor(actor)
        self.store, self.resources = store, resources
        self.index = index if index is not None else model.CorpusIndex.load(store)

    def add_analysis(self, a: Analysis, *, source: str, builtin: bool = False) -> IngestOutcome:
        meta = asdict(a.meta)
        index = self.index
        with index.lock, self.store.transaction() as con:
            if self.store.has(a.id, con=con):
                return IngestOutcome(source, "exists", a.id, "该报告已在语料库中，未重复添加", meta)
            index.sync(self.store, con)
            ids: dict[str, int] = {}
            self.store.add(to_record(a, builtin=builtin), con=con, term_ids=ids)
            rows, placed = corpus_rows(a, index=index, store=self.store, con=con, term_ids=ids,
                                       resources=self.resources)
            self.store.write_corpus_rows(rows, con=con, fingerprint_cap=model.fingerprint_cap(len(index) + 1))
            _enter_neighbour_lists(con, index, a.id, placed)
            index.kth[a.id] = (rows.neighbours[-1][1], len(rows.neighbours)) if rows.neighbours else (0.0, 0)
            index.add(a.id, placed.vec)
            index.version = self.store.corpus_version(con=con)
        note = a.not_report
        return IngestOutcome(source, "added", a.id, "已加入语料库" + (f"；注意：{note}" if note else ""), meta)

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
        with _gc_paused():
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
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        yield from pool.map(_analyse_path, paths, chunksize=2)


def _die_with_parent(parent: int) -> None:
    """Pool initializer: on Linux a worker is killed when the process that started it dies, even by SIGKILL or
    the out-of-memory killer; otherwise it would wait on its task queue forever, holding its memory (each one
    a fork of a process with the tokenizer loaded)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: nothing to do
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


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
    refit_when_due: bool = True,
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
    if refit_when_due and any(o.status == "added" for o in outcomes) and refit_due(store):
        refit(store, resources=resources)
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
    return outcomes


def ensure_ready(store: Store, *, resources: Resources) -> None:
    """First use of an empty store loads the built-in corpus; an old store is migrated; a due refit runs."""
    if not store.writable:
        return
    if store.needs_migration:
        from analytics.migrate import migrate

        migrate(store, resources=resources)
    if store.get_meta("builtin_loaded") is None:  # first use (or a first load that was interrupted)
        load_builtin_corpus(store, resources=resources)
        store.set_meta("builtin_loaded", "1")
        store.set_meta(RULES_META_KEY, ANALYSIS_RULES)
        store.set_meta(FORMULAE_META_KEY, formulae_version())
        store.set_meta(KEYWORDS_META_KEY, model.keyword_rules_version())
        store.set_meta(TERMS_META_KEY, term_rules_version())
    if store.get_meta(RULES_META_KEY) != ANALYSIS_RULES:  # stored with older detectors: re-derive once
        recount_dictionary_features(store, resources=resources, every=True)
        store.set_meta(RULES_META_KEY, ANALYSIS_RULES)
    terms_changed = store.get_meta(TERMS_META_KEY) != term_rules_version()  # counted with other segmentation
    if terms_changed:
        recount_terms(store, resources=resources)
    refitted = refit_due(store) or (terms_changed and store.count() > 0)  # document frequencies moved
    if refitted:
        refit(store, resources=resources)
    if terms_changed:  # only now: an interruption above redoes the recount and the refit at the next opening
        store.set_meta(TERMS_META_KEY, term_rules_version())
    formulae_changed = store.get_meta(FORMULAE_META_KEY) != formulae_version()  # shared passages re-judged
    keywords_changed = store.get_meta(KEYWORDS_META_KEY) != model.keyword_rules_version()  # keywords re-selected
    if formulae_changed or keywords_changed:
        if store.count() and not refitted:  # a full refit above has recomputed every row already
            refit(store, resources=resources, keep_basis=True)
        store.set_meta(FORMULAE_META_KEY, formulae_version())
        store.set_meta(KEYWORDS_META_KEY, model.keyword_rules_version())


# ---- the basis refit ----------------------------------------------------------------------------------
def refit_due(store: Store) -> bool:
    with store.snapshot() as con:
        n = con.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        basis_n = int(store.get_meta("basis_n", "0", con=con))
        basis_id = store.get_meta("basis_id", con=con)
        dict_v = store.get_meta("basis_dictionary", con=con)
        cur_dict = con.execute("SELECT MIN(dictionary_version) = MAX(dictionary_version), MIN(dictionary_version)"
                               " FROM reports").fetchone()
    if n == 0:
        return basis_id is not None
    if basis_id is None or basis_n == 0:
        return True
    if cur_dict[0] and cur_dict[1] != dict_v:  # Wordscores references rest on the lean: dictionary-dependent
        return True
    return abs(n - basis_n) / basis_n >= model.DRIFT


def refit(store: Store, *, resources: Resources, keep_basis: bool = False, sample_seed: int = 0) -> model.Basis:
    """Fit a new basis on the stored corpus and recompute every report's corpus rows against it.

    With ``keep_basis`` the current basis is kept and only the rows are recomputed (what a sequence of
    incremental adds must equal). Reads one snapshot; writes everything in one transaction. Reports added
    meanwhile by another writer get their rows against the new basis in the same transaction."""
    with store.snapshot() as con:
        reports = store.reports(con=con).set_index("id")
        vocab = store.term_vocabulary(con=con)
        packed = store.packed_terms(con=con)
        ids = sorted(reports.index)
        old = model.Basis.load(store.get_model(con=con)) if keep_basis else None
        sample = ids if len(ids) <= model.STOCK_SAMPLE else \
            sorted(ids[i] for i in np.random.default_rng(sample_seed).choice(len(ids), model.STOCK_SAMPLE, replace=False))
        sample_texts = {} if keep_basis else store.texts(sample, con=con)
    width = int(vocab["tid"].max()) + 1 if len(vocab) else 1
    C = model.count_matrix(ids, packed, width)
    basis = old if old is not None else _fit_basis(ids, vocab, C, reports, sample_texts)
    term_of = dict(zip(vocab["tid"].tolist(), vocab["term"].tolist()))
    _, df, gen = basis.lookup(np.arange(width))
    missing = np.flatnonzero(np.isnan(gen))
    if len(missing):  # terms first seen after the basis was fitted: their general IDF, as model.vector does
        gen[missing] = model.general_ratio([term_of.get(int(i), "") for i in missing])
    idf_full = model._idf(basis.n, df, gen)
    V = model.pruned_vectors(C, idf_full)
    ws = None
    if basis.has_wordscores:
        leans = reports["lean"].reindex(ids).to_numpy(dtype=float)
        refs = np.array([r in basis.members for r in ids]) & ~np.isnan(leans)
        ws = model.fit_wordscores(C, np.nan_to_num(leans), refs=refs) if old is None else None
        if ws is None:  # kept basis: score every report against its word scores (no leave-one-out refit)
            ws = {"rows": [_ws_row(basis, C, i) for i in range(len(ids))]}
    neighbours = model.neighbour_lists(V, ids)
    rows = []
    for i, rid in enumerate(ids):
        t, c = packed.get(rid, (np.zeros(0, np.uint32), np.zeros(0, np.uint16)))
        view = model.TermView(tuple(term_of[int(x)] for x in t), t.astype(np.int64), c.astype(float))
        places = set(json.loads(reports.at[rid, "places"] or "[]")) | {
            v for v in (reports.at[rid, "town"], reports.at[rid, "county"], reports.at[rid, "province"])
            if isinstance(v, str)}
        kw = model.keywords(view, basis, member=rid in basis.members, is_excluded=_excluder(places),
                            is_term=resources.tokenizer.is_content_term)
        s, e = V.indptr[i], V.indptr[i + 1]
        vec = (V.indices[s:e].astype(np.uint32), V.data[s:e].astype(np.float32))
        xy = model.map_point(vec, basis) or (None, None)
        w = ws["rows"][i] if ws is not None else None
        rows.append(CorpusRows(
            report_id=rid, keywords=[(k, term, wt, cnt) for k, (term, wt, cnt) in enumerate(kw, 1)], vector=vec,
            position=(xy[0], xy[1], None, *((w["score"], w["se"], w["lo"], w["hi"]) if w else (None,) * 4),
                      basis.id),
            neighbours=neighbours[rid]))
    shares, pair_updates = _stock_shares(store, ids, basis)
    with store.transaction() as con:
        con.executemany("UPDATE shared_pairs SET spans=?, passages=?, chars=?, longest=?, share_a=?, share_b=?"
                        " WHERE a=? AND b=?", pair_updates)
        for table in ("keywords", "positions", "vectors", "neighbours"):
            con.execute(f"DELETE FROM {table}")
        present = {r for (r,) in con.execute("SELECT id FROM reports")}
        for r in rows:
            if r.report_id not in present:  # removed meanwhile
                continue
            pos = list(r.position)
            pos[2] = shares.get(r.report_id, 0.0)
            store.write_corpus_rows(replace(r, position=tuple(pos),
                                            neighbours=[(b, s) for b, s in r.neighbours if b in present]),
                                    con=con, fingerprint_cap=model.fingerprint_cap(len(present)))
        if old is None:
            store.set_model(basis.dump(), con=con)
            store.set_meta("basis_id", basis.id, con=con)
            store.set_meta("basis_n", str(basis.n), con=con)
            store.set_meta("basis_at", str(basis.built_at), con=con)
            store.set_meta("basis_dictionary", resources.dictionary.version, con=con)
        late = sorted(present - set(ids))
        if late:  # added by another writer while we fitted: their rows against the new basis
            index = model.CorpusIndex.load(store, con=con)
            texts = store.texts(late, con=con)
            for rid in late:
                a = _stored_analysis(store, con, rid, texts[rid], resources)
                cr, placed = corpus_rows(a, index=index, store=store, con=con,
                                         term_ids=store.term_ids(a.term_counts, con=con), resources=resources,
                                         shared=False)
                store.write_corpus_rows(cr, con=con, fingerprint_cap=model.fingerprint_cap(len(present)))
                _enter_neighbour_lists(con, index, rid, placed)
                index.add(rid, placed.vec)
        Store.bump(con)
    return basis


def _fit_basis(ids: list[str], vocab: pd.DataFrame, C, reports: pd.DataFrame, sample_texts: Mapping[str, str]) -> model.Basis:
    from analytics.similarity import stock_sentences

    vocab = vocab[vocab["df"] > 0].sort_values("tid")
    tids = vocab["tid"].to_numpy(dtype=np.int64)
    df = vocab["df"].to_numpy(dtype=np.int64)
    general = model.general_ratio(vocab["term"].tolist())
    basis = model.Basis(id=model.new_basis_id(), built_at=time.time(), n=len(ids), members=frozenset(ids),
                        tids=tids, df=df, general=general)
    idf_full = np.zeros(C.shape[1])
    idf_full[tids] = model._idf(basis.n, df, general)
    V = model.pruned_vectors(C, idf_full)
    basis.map_tids, basis.map_components, basis.map_offset = model.fit_map(V)
    leans = reports["lean"].reindex(ids).to_numpy(dtype=float)
    ws = model.fit_wordscores(C, np.nan_to_num(leans), refs=~np.isnan(leans))
    if ws is not None:
        basis.ws_tids, basis.ws_scores, basis.ws_map, basis.ws_refs = ws["tids"], ws["scores"], ws["map"], ws["refs"]
    basis.stock = tuple(stock_sentences(sample_texts)) if len(ids) >= 3 else ()
    return basis


def _ws_row(basis: model.Basis, C, i: int):
    row = C.getrow(i)
    view = model.TermView(tuple(str(t) for t in row.indices), row.indices.astype(np.int64), row.data.astype(float))
    return model.wordscore(view, basis)


def _project_all(V, basis: model.Basis) -> np.ndarray:
    out = np.zeros((V.shape[0], 2))
    for i in range(V.shape[0]):
        s, e = V.indptr[i], V.indptr[i + 1]
        xy = model.map_point((V.indices[s:e].astype(np.uint32), V.data[s:e]), basis)
        if xy is not None:
            out[i] = xy
    return out


def _stock_shares(store: Store, ids: Sequence[str], basis: model.Basis, *,
                  chunk: int = 500) -> tuple[dict[str, float], list[tuple]]:
    """Each report's stock share, and every stored pair re-summarised with the new stock fragments, from one
    pass over the texts (a pair is stored under the report that was added later, its "a")."""
    from analytics.similarity import boilerplate_spans, formulae
    from analytics.store import unpack_spans

    shares: dict[str, float] = {}
    updates: list[tuple] = []
    chars = dict(store.frame("SELECT id, chars FROM reports").itertuples(index=False))
    for i in range(0, len(ids), chunk):
        part = list(ids[i:i + chunk])
        pairs = store.frame(f"SELECT a, b, spans FROM shared_pairs WHERE a IN ({','.join('?' * len(part))})", part)
        by_a = {k: g for k, g in pairs.groupby("a")}
        for rid, text in store.texts(part).items():
            shares[rid] = model.stock_share(text, basis) if basis.stock else 0.0
            if rid not in by_a:
                continue
            cover = _Cover(boilerplate_spans(text, (*basis.stock, *formulae())))
            for b, blob in zip(by_a[rid]["b"], by_a[rid]["spans"]):
                rows = [(b, int(s), int(e), int(bs), int(be), round(cover.share(int(s), int(e)), 4))
                        for s, e, bs, be, _ in unpack_spans(blob)]
                (_, packed, *summary), = pair_rows(rows, len_own=len(text), lengths={b: chars.get(b, 0)})
                updates.append((packed, *summary, rid, b))
    return shares, updates


def _stored_analysis(store: Store, con, rid: str, text: str, resources: Resources) -> Analysis:
    """A stored report re-analysed with its stored metadata (for rows computed after the fact)."""
    row = store.frame("SELECT title, town, county, province, level, year FROM reports WHERE id=?", (rid,),
                      con=con).iloc[0].to_dict()
    overrides = {k: (int(v) if k == "year" and v is not None and v == v else v) for k, v in row.items()}
    return analyse_text(text, resources=resources, meta_overrides=overrides, normalized=True)


# ---- writes that need an editor --------------------------------------------------------------
def save_analysis(store: Store, a: Analysis, *, resources: Resources, actor: Account, source: str,
                  index: model.CorpusIndex | None = None) -> IngestOutcome:
    """Store one analysed report (incremental: nothing is refitted here; see ``refit_due``)."""
    return Ingestor(store, resources=resources, actor=actor, index=index).add_analysis(a, source=source)


def update_metadata(store: Store, rid: str, *, actor: Account, resources: Resources, **fields: Any) -> None:
    require_editor(actor)
    store.update_metadata(rid, **fields)


def remove_report(store: Store, rid: str, *, actor: Account, resources: Resources,
                  index: model.CorpusIndex | None = None) -> bool:
    """Delete a report; the lists it was in are refilled from the other reports."""
    require_editor(actor)
    index = index if index is not None else model.CorpusIndex.load(store)
    with index.lock, store.transaction() as con:
        index.sync(store, con)
        had_it = [a for (a,) in con.execute("SELECT a FROM neighbours WHERE b=?", (rid,))]
        removed = store.remove(rid, con=con)
        if not removed:
            return False
        index.remove(rid)
        for other in had_it:
            own = index.vector_of(other)
            if own is None:
                continue
            nb = index.nearest(own, exclude={other})
            con.execute("DELETE FROM neighbours WHERE a=?", (other,))
            con.executemany("INSERT INTO neighbours VALUES (?,?,?)", [(other, b, s) for b, s in nb])
            index.kth[other] = (nb[-1][1], len(nb)) if nb else (0.0, 0)
        index.version = store.corpus_version(con=con)
    return True


def set_dictionary(store: Store, yaml_text: str, *, actor: Account) -> Resources:
    """Validate and activate an edited indicator dictionary, recounting every stored report."""
    require_editor(actor)
    dictionary = themes.parse_dictionary(yaml_text)  # raises DictionaryError with every problem
    resources = Resources(dictionary=dictionary)
    store.set_meta(DICTIONARY_META_KEY, yaml_text)
    recount_dictionary_features(store, resources=resources)
    return resources


def recount_dictionary_features(store: Store, *, resources: Resources, every: bool = False,
                                progress: Callable[[int, int], None] | None = None,
                                workers: int | None = None) -> int:
    """Recount theme-dependent features of reports counted with another dictionary version (``every``: of
    all reports, after the detectors changed), with their counting units and parts, from the stored text
    (one transaction per report, so an interruption leaves only whole reports and resumes where it stopped).
    From PARALLEL_MIN_RECOUNT reports on, the recounting runs in one fresh process per core (started, not
    forked: the caller may be the threaded dashboard server) and only the writing stays here."""
    reports = store.frame("SELECT id, dictionary_version, chars FROM reports")
    stale = reports["id"].tolist() if every else \
        reports.loc[reports["dictionary_version"] != resources.dictionary.version, "id"].tolist()
    for i, (rid, rows) in enumerate(_recounted(store, stale, _DictionaryJob(resources.dictionary), workers=workers), 1):
        with store.transaction() as con:
            store.replace_dictionary_features(rid, **rows, con=con)
        if progress:
            progress(i, len(stale))
    if stale and refit_due(store):
        refit(store, resources=resources)
    return len(stale)


def term_rows(text: str, tokenizer: Tokenizer, *, known: Sequence[str]) -> tuple[dict[str, int], set[str]]:
    """A stored report's term counts and place names recomputed from its text, as ``analyse_text`` counts
    them (the body before a web page's footer; ``known``: its town, county and province)."""
    body = text[: footer_start(text)]
    counts, places, _ = _terms(tokenizer, body, known, tokenizer.cut(body))
    return counts, places


def recount_terms(store: Store, *, resources: Resources, progress: Callable[[int, int], None] | None = None,
                  workers: int | None = None) -> int:
    """Recount every stored report's terms under the current segmentation rules (one transaction per
    report; from PARALLEL_MIN_RECOUNT reports on, in one fresh process per core, as the dictionary recount).
    The vectors, keywords and neighbours that read the counts are redone by the refit that follows
    (``ensure_ready`` runs a full one: document frequencies have changed)."""
    reports = store.frame("SELECT id, town, county, province FROM reports")
    known = {r.id: [v for v in (r.town, r.county, r.province) if isinstance(v, str) and v]
             for r in reports.itertuples()}
    ids = reports["id"].tolist()
    recounted = _recounted(store, ids, _TermsJob(known, resources.engine), workers=workers)
    for i, (rid, (counts, places)) in enumerate(recounted, 1):
        with store.transaction() as con:
            store.replace_terms(rid, counts, places, con=con)
        if progress:
            progress(i, len(ids))
    return len(ids)


PARALLEL_MIN_RECOUNT = 200
_RECOUNT_CHUNK = 25  # reports per task: large enough to amortise the hand-over, small enough to balance


def dictionary_rows(text: str, dictionary: themes.ThemeDictionary) -> dict[str, Any]:
    """What a dictionary or detector change alters in a stored report, recomputed from its text: the keyword
    arguments of ``Store.replace_dictionary_features`` (theme counts, facts, shortcomings, lean, parts)."""
    layout = parse_layout(text)
    found = _extract_facts(text, layout)
    counts, units, per_unit, short, facts_t = _dictionary_features(
        text, layout, dictionary, structure.shortcomings_of(layout), found)
    lean = figures.lean(per_unit[PUFA], per_unit[ZHIFA])
    return dict(version=dictionary.version, theme_counts=_theme_rows(counts, units), facts=_fact_rows(facts_t),
                shortcomings=_shortcoming_rows(short), lean=(lean.value, lean.lo, lean.hi, lean.pufa, lean.zhifa),
                concreteness=facts_mod.concreteness(found, chars=len(text)), n_units=len(layout.units),
                sections=_section_rows(layout.parts))


@dataclass(frozen=True)
class _DictionaryJob:
    """Recount a report's dictionary-dependent rows (``dictionary_rows``)."""

    dictionary: themes.ThemeDictionary

    def __call__(self, rid: str, text: str) -> dict[str, Any]:
        return dictionary_rows(text, self.dictionary)


@dataclass(frozen=True)
class _TermsJob:
    """Recount a report's terms and place names (``term_rows``); ``known``: each report's own names."""

    known: Mapping[str, Sequence[str]]
    engine: str = "rjieba"

    def __call__(self, rid: str, text: str) -> tuple[dict[str, int], set[str]]:
        return term_rows(text, load_tokenizer(engine=self.engine), known=self.known[rid])


def _recounted(store: Store, ids: Sequence[str], job: Callable[[str, str], Any], *,
               workers: int | None = None) -> Iterator[tuple[str, Any]]:
    """(id, job(id, text)) of each report, in order."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    chunks = [list(ids[i:i + _RECOUNT_CHUNK]) for i in range(0, len(ids), _RECOUNT_CHUNK)]
    if workers <= 1 or len(ids) < PARALLEL_MIN_RECOUNT:
        for chunk in chunks:
            texts = store.texts(chunk)
            with _gc_paused():
                yield from [(rid, job(rid, texts[rid])) for rid in chunk]
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # "spawn": a fork of a threaded process (the Streamlit server) may copy a lock another thread holds
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_recount_init,
                             initargs=(os.getpid(), str(store.path), job)) as pool:
        for done in pool.map(_recount_chunk, chunks):
            yield from done


_RECOUNT_STATE: tuple[Store, Callable[[str, str], Any]] | None = None


def _recount_init(parent: int, db_path: str, job: Callable[[str, str], Any]) -> None:
    global _RECOUNT_STATE
    _die_with_parent(parent)
    _RECOUNT_STATE = Store(db_path, readonly=True), job


def _recount_chunk(ids: list[str]) -> list[tuple[str, Any]]:
    store, job = _RECOUNT_STATE
    texts = store.texts(ids)
    with _gc_paused():
        return [(rid, job(rid, texts[rid])) for rid in ids]


# ---- what comparisons read -------------------------------------------------------------------------
@dataclass(frozen=True)
class CorpusTable:
    """Per-report figures of the whole corpus that comparisons read (one row per report, indexed by id)."""

    reports: pd.DataFrame  # town, county, year, level, chars, n_units, lean, lean_lo, lean_hi, concreteness, builtin
    counts: pd.DataFrame  # report × theme: mentions
    units: pd.DataFrame  # report × theme: counting units mentioning the theme
    theme_ids: tuple[str, ...]

    @classmethod
    def load(cls, store: Store, *, theme_ids: Sequence[str], con=None) -> CorpusTable:
        if con is None:
            with store.snapshot() as c:
                return cls.load(store, theme_ids=theme_ids, con=c)
        reports = store.frame("SELECT id, title, town, county, province, level, year, chars, n_units, lean, lean_lo,"
                              " lean_hi, lean_pufa, lean_zhifa, concreteness, builtin FROM reports",
                              con=con).set_index("id")
        tc = store.theme_counts(part=WHOLE, con=con)
        counts = tc.pivot_table(index="report_id", columns="theme_id", values="count", fill_value=0, aggfunc="sum")
        units = tc.pivot_table(index="report_id", columns="theme_id", values="units", fill_value=0, aggfunc="sum")
        ids = list(theme_ids)
        return cls(reports, counts.reindex(index=reports.index, columns=ids, fill_value=0),
                   units.reindex(index=reports.index, columns=ids, fill_value=0), tuple(ids))

    def shares(self) -> pd.DataFrame:
        """提及段落占比 (%) per report and theme."""
        n = self.reports["n_units"].clip(lower=1)
        return self.units.div(n, axis=0) * 100

    def rates(self) -> pd.DataFrame:
        return self.counts.div(self.reports["chars"].clip(lower=1), axis=0) * 10_000


# ---- a report against the corpus --------------------------------------------------------------------
@dataclass(frozen=True)
class ThemeFigure:
    theme_id: str
    count: int
    units: int
    rate: figures.Interval  # per 10,000 characters
    share: figures.Interval  # % of counting units
    share_standing: figures.Standing | None
    rate_standing: figures.Standing | None


@dataclass(frozen=True)
class Position:
    """Where one analysed report stands against the stored corpus (itself and its duplicates excluded)."""

    keywords: list[tuple[str, float, int]]
    nearest: list[dict[str, Any]]
    map: dict[str, float] | None
    wordscore: dict[str, Any] | None
    wordscore_note: str
    stock_share: float
    shared: list[dict[str, Any]]
    shared_coverage: list[dict[str, Any]]
    distinctive: pd.DataFrame
    themes: dict[str, ThemeFigure]
    lean_standing: figures.Standing | None
    concreteness_standing: figures.Standing | None
    compared: int
    cautions: list[str]
    duplicate_of: str | None = None
    duplicate_kind: str | None = None  # 'exact' | 'near'
    duplicate_share: float = 0.0
    duplicate_town: str | None = None  # the stored duplicate's town and year, to name it
    duplicate_year: int | None = None
    previous: dict[str, Any] | None = None  # the same town's previous report, compared

    @property
    def percentiles(self) -> dict[str, float] | None:
        if self.compared < figures.PERCENTILE_MIN:
            return None
        return {t: f.share_standing.percentile for t, f in self.themes.items() if f.share_standing is not None}

    @property
    def ranks(self) -> dict[str, dict[str, int]]:
        return {t: {"rank": f.share_standing.rank, "n": f.share_standing.n}
                for t, f in self.themes.items() if f.share_standing is not None}


def position(a: Analysis, *, store: Store, index: model.CorpusIndex, table: CorpusTable,
             resources: Resources) -> Position:
    """Position ``a`` against the stored corpus without refitting anything."""
    from analytics.similarity import Passage, coverage

    basis = index.basis
    meta = table.reports
    with store.snapshot() as con:
        ids = store.term_ids(a.term_counts, con=con)
        fps = fingerprints(a.text)
        shared_rows = _shared_with(store, con, a.text, exclude={a.id}, fps=fps, n_reports=len(meta),
                                   stock=basis.stock)
        totals = store.frame(
            "SELECT term, total FROM terms WHERE tid IN (%s)" % ",".join(map(str, ids.values())) if ids else
            "SELECT term, total FROM terms WHERE 0", con=con)
        grand = con.execute("SELECT COALESCE(SUM(total), 0) FROM terms").fetchone()[0]
        other_texts_len = dict(con.execute("SELECT id, chars FROM reports").fetchall())
    view = model.TermView.of(a.term_counts, ids)
    # duplicates: the same text stored, or one stored report covering ≥ 90 % of this text
    shared, coverage_rows = _shared_dicts(a, shared_rows, meta, basis, other_texts_len, Passage, coverage)
    dup, kind, dup_share = None, None, 0.0
    if a.id in meta.index:
        dup, kind, dup_share = a.id, "exact", 1.0
    else:
        best = max(coverage_rows, key=lambda r: r["share_own"], default=None)
        if best is not None and best["share_own"] >= NEAR_DUPLICATE:
            dup, kind, dup_share = best["id"], "near", best["share_own"]
    excluded = {a.id} | ({dup} if dup else set())
    member = a.id in basis.members
    kw = model.keywords(view, basis, member=member, is_excluded=_excluder(_known_places(a)),
                        is_term=resources.tokenizer.is_content_term)
    vec = model.vector(view, basis)
    near = [{"id": k, "town": _str(meta.at[k, "town"]), "year": _int(meta.at[k, "year"]), "similarity": round(s, 4)}
            for k, s in index.nearest(vec, k=5, exclude=excluded) if k in meta.index]
    xy = model.map_point(vec, basis)
    ws, ws_note = None, ""
    if basis.has_wordscores:
        ws = model.wordscore(view, basis)
        if ws is not None:
            ws["axis"] = f"{PUFA}↔{ZHIFA}"
    else:
        ws_note = (f"普法↔执法用词位置需要至少 {model.MIN_WORDSCORE_REFS} 份参考报告，当前语料只有 {len(meta)} 份，"
                   "因此不显示")
    keep = [r for r in meta.index if r not in excluded]
    theme_figs = _theme_figures(a, table, keep)
    others_lean = meta.loc[keep, "lean"].dropna().tolist()
    conc_rate = a.concreteness
    # distinctive terms: this report against the rest of the corpus (itself left out if stored)
    tot = dict(zip(totals["term"], totals["total"].astype(int)))
    if a.id in meta.index:
        tot = {t: max(v - a.term_counts.get(t, 0), 0) for t, v in tot.items()}
        grand -= sum(a.term_counts.values())
    distinctive = keyness(a.term_counts, tot, n_rest=int(grand))
    distinctive = distinctive[~distinctive["term"].map(_excluder(_known_places(a)))
                              & ~distinctive["term"].map(is_common_word)]
    return Position(
        keywords=kw, nearest=near, map={"x": xy[0], "y": xy[1]} if xy is not None else None, wordscore=ws,
        wordscore_note=ws_note, stock_share=model.stock_share(a.text, basis), shared=shared,
        shared_coverage=coverage_rows, distinctive=distinctive, themes=theme_figs,
        lean_standing=figures.standing(a.lean.value, others_lean),
        concreteness_standing=figures.standing(conc_rate, meta.loc[keep, "concreteness"].tolist()),
        compared=len(keep), cautions=figures.cautions(
            chars=a.chars, corpus_size=len(keep), level=a.meta.level,
            same_level=int((meta.loc[keep, "level"] == a.meta.level).sum()) if a.meta.level else None),
        duplicate_of=dup, duplicate_kind=kind, duplicate_share=dup_share,
        duplicate_town=_str(meta.at[dup, "town"]) if dup in meta.index else None,
        duplicate_year=_int(meta.at[dup, "year"]) if dup in meta.index else None,
        previous=previous_report(a, table, exclude=excluded),
    )


def _theme_figures(a: Analysis, table: CorpusTable, keep: list[str]) -> dict[str, ThemeFigure]:
    shares, rates = table.shares().loc[keep], table.rates().loc[keep]
    out = {}
    for t in table.theme_ids:
        c = a.theme_counts[WHOLE].get(t, 0)
        u = a.theme_units.get(t, 0)
        share = figures.share_interval(u, a.n_units)
        rate = figures.rate_interval(c, a.chars)
        out[t] = ThemeFigure(t, c, u, rate, share, figures.standing(share.value, shares[t].tolist()),
                             figures.standing(rate.value, rates[t].tolist()))
    return out


def _shared_dicts(a, rows, meta, basis, lengths, Passage, coverage):
    """Shared passages as dicts, with passages that are not copying (is_copied) dropped and overlaps merged."""
    out = []
    for key, s, e, os_, oe, stock in sorted(rows, key=lambda r: (r[0], r[1])):
        if not is_copied(s, e, stock):
            continue
        if out and out[-1]["id"] == key and s <= out[-1]["end"]:  # overlapping matches merge
            prev = out[-1]
            prev["end"], prev["other_end"] = max(prev["end"], e), max(prev["other_end"], oe)
            prev["text"] = a.text[prev["start"]:prev["end"]]
            continue
        if key not in meta.index:
            continue
        out.append({"id": key, "town": _str(meta.at[key, "town"]), "year": _int(meta.at[key, "year"]), "start": s, "end": e,
                    "other_start": os_, "other_end": oe, "text": a.text[s:e]})
    cov = []
    for key in dict.fromkeys(x["id"] for x in out):
        mine = [x for x in out if x["id"] == key]
        own, other = coverage([Passage(x["start"], x["end"], x["other_start"], x["other_end"], "") for x in mine],
                              len_a=len(a.text), len_b=int(lengths.get(key, 0)) or 1)
        cov.append({"id": key, "town": mine[0]["town"], "year": mine[0]["year"], "passages": len(mine),
                    "chars": sum(x["end"] - x["start"] for x in mine), "longest": max(x["end"] - x["start"] for x in mine),
                    "share_own": round(own, 4), "share_other": round(other, 4)})
    cov.sort(key=lambda r: -r["chars"])
    return out, cov


class _Cover:
    """The share of a stretch [s, e) that sorted, non-overlapping spans cover (similarity.boilerplate_spans),
    by bisection: a report has hundreds of such spans and its passages are checked one by one."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def share(self, s: int, e: int) -> float:
        if e <= s:
            return 0.0
        starts, ends = self.starts, self.ends
        inside = 0
        for i in range(bisect_right(ends, s), bisect_left(starts, e)):
            inside += min(e, ends[i]) - max(s, starts[i])
        return inside / (e - s)


def keyness(counts: Mapping[str, int], rest: Mapping[str, int], *, n_rest: int) -> pd.DataFrame:
    """Terms of one report against the rest of the corpus: log-odds ratio with an informative Dirichlet
    prior (Monroe et al. 2008; prior = the two combined), z > 0 for terms characteristic of the report.
    Only the report's terms counted at least twice are scored."""
    columns = ["term", "count_a", "count_b", "freq_a", "freq_b", "delta", "se", "z"]
    terms = sorted(t for t, c in counts.items() if c >= 2)
    n_a = float(sum(counts.values()))
    n_b = float(max(n_rest, 0))
    if not terms or n_a == 0 or n_b == 0:
        return pd.DataFrame({c: pd.Series(dtype=object if c == "term" else float) for c in columns})
    y_a = np.array([counts[t] for t in terms], dtype=float)
    y_b = np.array([rest.get(t, 0) for t in terms], dtype=float)
    alpha = np.maximum(y_a + y_b, 0.5)
    alpha0 = n_a + n_b
    la = np.log(y_a + alpha) - np.log(n_a + alpha0 - y_a - alpha)
    lb = np.log(y_b + alpha) - np.log(n_b + alpha0 - y_b - alpha)
    delta = la - lb
    se = np.sqrt(1.0 / (y_a + alpha) + 1.0 / (y_b + alpha))
    frame = pd.DataFrame({"term": terms, "count_a": y_a.astype(int), "count_b": y_b.astype(int),
                          "freq_a": y_a / n_a * 10_000, "freq_b": y_b / n_b * 10_000, "delta": delta, "se": se,
                          "z": delta / se})
    return frame.sort_values(["z", "term"], ascending=[False, True], ignore_index=True)


def previous_report(a: Analysis, table: CorpusTable, *, exclude: set[str]) -> dict[str, Any] | None:
    """The same town's latest earlier report, and what changed (lean, themes beyond their intervals, parts)."""
    town, year = a.meta.town, a.meta.year
    if not town or year is None:
        return None
    r = table.reports
    same = r[(r["town"] == town) & r["year"].notna() & (r["year"] < year) & ~r.index.isin(exclude)]
    if same.empty:
        return None
    pid = same["year"].astype(int).idxmax()
    prev = same.loc[pid]
    changes = []
    shares = table.shares()
    for t in table.theme_ids:
        now = figures.share_interval(a.theme_units.get(t, 0), a.n_units)
        before = figures.share_interval(int(table.units.at[pid, t]), int(max(prev["n_units"], 1)))
        if now.lo > before.hi or now.hi < before.lo:
            changes.append({"theme_id": t, "before": round(float(shares.at[pid, t]), 1), "now": round(now.value, 1),
                            "direction": "up" if now.value > before.value else "down"})
    lean_change = None
    if not pd.isna(prev["lean"]):
        lean_change = ("law_popularization" if a.lean.lo > prev["lean_hi"] else
                       "enforcement" if a.lean.hi < prev["lean_lo"] else "none")
    return {"id": pid, "town": town, "year": int(prev["year"]),
            "lean_before": None if pd.isna(prev["lean"]) else float(prev["lean"]),
            "lean_now": a.lean.value, "lean_change": lean_change, "themes": changes}


def _int(v) -> int | None:
    return None if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA else int(v)


def _str(v) -> str | None:
    return v if isinstance(v, str) and v else None


def analysis_json(a: Analysis, *, dictionary: themes.ThemeDictionary, source: str, pos: Position | None = None,
                  keywords: Sequence[tuple[str, float, int]] = (), reading: Sequence[str] = ()) -> dict[str, Any]:
    """The JSON object the CLI prints for one file (README documents every field)."""
    rates = a.rates()
    out: dict[str, Any] = {
        "file": source, "id": a.id, **{k: getattr(a.meta, k) for k in META_FIELDS}, "chars": a.chars,
        "units": a.n_units,
        "keywords": [{"term": t, "weight": round(float(w), 4), "count": c} for t, w, c in keywords],
        "indicators": {t: {"label": dictionary.label(t), "count": r.count, "per_10k": round(r.per_10k, 3),
                           "share": round(r.share, 4), "units": a.theme_units.get(t, 0),
                           "unit_share": round(100 * a.theme_units.get(t, 0) / max(a.n_units, 1), 2)}
                       for t, r in rates.items()},
        "lean": a.lean.as_dict(),
        "emphasis": {f"{PUFA}_vs_{ZHIFA}": round(a.lean.value, 4)},
        "sections": {p: {"present": i.present, "chars": i.chars, "embedded": bool(getattr(i, "embedded", False))}
                     for p, i in a.parts.items()},
        "shortcomings": [s.sentence for s, _ in a.shortcomings if getattr(s, "kind", "problem") == "problem"],
        "causes": [s.sentence for s, _ in a.shortcomings if getattr(s, "kind", "problem") == "cause"],
        "facts": [{"value": f.value, "unit": f.unit, "text": f.raw, "sentence": f.sentence, "theme": t,
                   "kind": f.kind, "approximate": f.approximate, "breakdown": f.breakdown} for f, t in a.facts],
        "concreteness": round(a.concreteness, 3),
    }
    out["not_report"] = a.not_report
    if pos is not None:
        out.update({
            "compared": pos.compared,
            "ranks": pos.ranks,
            "percentiles": None if pos.percentiles is None else {t: round(v, 1) for t, v in pos.percentiles.items()},
            "duplicate_of": pos.duplicate_of,
            "cautions": list(pos.cautions),
            "reading": list(reading),
            "nearest": pos.nearest, "map": pos.map, "wordscore": pos.wordscore,
            "stock_share": round(pos.stock_share, 4),
            "shared_passages": [dict(s) for s in pos.shared],
            "shared_coverage": pos.shared_coverage,
            "previous": pos.previous,
        })
    return out
