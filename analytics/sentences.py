"""Sentence spans over normalised report text.

A sentence ends at 。！？；!?;, at a paragraph break, or at the end of the text (closing quotes and
brackets after the end mark belong to the sentence). Callers may add extra break offsets, e.g. the
start and end of a heading that runs into the next sentence ("三、下一步工作计划2023年，我镇将…"), so a
heading is its own sentence. Spans are half-open ``(start, end)`` offsets into the text, stripped of
surrounding whitespace, so callers can always point back at the original characters (KWIC, facts,
shortcomings, stock sentences).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*[”’」』）)]*")
_INLINE_SPACE = re.compile(r"[^\S\n]")  # whitespace other than a line break (str.isspace and \s agree)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_bounds(text: str, *, breaks: Iterable[int] = ()) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence, in text order; ``breaks`` are extra sentence boundaries."""
    spans = [m.span() for m in _SENTENCE.finditer(text)]
    starts: list[int] | None = None
    # A span never holds a line break, so only a space other than one can make it start or end blank: look up
    # the spans at those spaces only (ordinary report text has a few) and strip them.
    blank_end: set[int] = set()
    for m in _INLINE_SPACE.finditer(text):
        if starts is None:
            starts = list(map(itemgetter(0), spans))
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() in (spans[i][0], spans[i][1] - 1):
            blank_end.add(i)
    if blank_end:
        for i in blank_end:
            spans[i] = _strip(text, *spans[i])
        spans = [sp for sp in spans if sp[1] > sp[0]]
        starts = None
    cuts = sorted(set(breaks))
    if not cuts or not spans:
        return spans
    # only the spans with a cut strictly inside them are split
    if starts is None:
        starts = list(map(itemgetter(0), spans))
    split = sorted({i for c in cuts if (i := bisect_right(starts, c - 1) - 1) >= 0 and c < spans[i][1]})
    if not split:
        return spans
    out: list[tuple[int, int]] = []
    done = 0
    for k in split:
        out += spans[done:k]
        start, end = spans[k]
        i = bisect_right(cuts, start)
        a = start
        while i < len(cuts) and cuts[i] < end:
            s, e = _strip(text, a, cuts[i])
            if e > s:
                out.append((s, e))
            a = cuts[i]
            i += 1
        s, e = _strip(text, a, end)
        if e > s:
            out.append((s, e))
        done = k + 1
    out += spans[done:]
    return out


def sentence_spans(text: str, *, breaks: Iterable[int] = ()) -> list[Span]:
    """Spans of the sentences in ``text``, stripped of surrounding whitespace."""
    return [Span(s, e) for s, e in sentence_bounds(text, breaks=breaks)]


def split_sentences(text: str) -> list[str]:
    return [s.of(text) for s in sentence_spans(text)]


def sentence_at(text: str, offset: int) -> Span:
    """The sentence span containing character ``offset`` (an empty span there if none does)."""
    bounds = sentence_bounds(text)
    i = bisect_right([s for s, _ in bounds], offset) - 1
    if i >= 0 and bounds[i][0] <= offset < bounds[i][1]:
        return Span(*bounds[i])
    return Span(offset, offset)


# ---- table rows -------------------------------------------------------------------------------------------
def _trim_cell(text: str, x: int, y: int) -> tuple[int, int]:
    while x < y and (text[x].isspace() or text[x] == "*"):
        x += 1
    while y > x and (text[y - 1].isspace() or text[y - 1] in "*。；;，,"):
        y -= 1
    return x, y


def _cells(text: str, a: int, b: int) -> list[tuple[int, int]] | None:
    """The cells of the line text[a:b] as spans when it is a table row (tab-separated, as a Word table's rows
    arrive, or with at least two |), [] for a markdown rule row (|---|---|), else None. An empty cell inside
    the row stays, as an empty span, so the columns keep their places (a merged first cell: "\t执法文书…");
    the borders of "| a | b |" and trailing empty cells are dropped."""
    line = text[a:b]
    sep = "\t" if "\t" in line else "|" if line.count("|") >= 2 else None
    if sep is None:
        return None
    spans, pos = [], a
    for piece in line.split(sep):
        spans.append(_trim_cell(text, pos, pos + len(piece)))
        pos += len(piece) + 1
    if sep == "|" and line.strip().startswith("|") and line.strip().endswith("|"):
        spans = spans[1:]  # "| a | b |": the border before the first | (the one after the last goes below)
    while spans and spans[-1][1] == spans[-1][0]:
        spans.pop()
    if sum(y > x for x, y in spans) < 2:
        return None
    return [] if all(set(text[x:y]) <= set("-:：— ") for x, y in spans) else spans


def table_rows(text: str, a: int = 0, b: int | None = None) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """The table rows among the lines of text[a:b]: (line start, line end, cell spans), in text order (a
    markdown rule row has no cells). Cheap on text without a tab or a |."""
    b = len(text) if b is None else b
    if text.find("\t", a, b) < 0 and text.find("|", a, b) < 0:  # (without copying the stretch)
        return []
    rows, pos = [], a
    while pos < b:
        nl = text.find("\n", pos, b)
        end = b if nl < 0 else nl
        cells = _cells(text, pos, end)
        if cells is not None:
            rows.append((pos, end, cells))
        pos = end + 1
    return rows
