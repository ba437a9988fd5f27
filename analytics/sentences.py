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

_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*[”’」』）)]*")


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
    if any(text[s].isspace() or text[e - 1].isspace() for s, e in spans):
        spans = [sp for s, e in spans if (sp := _strip(text, s, e))[1] > sp[0]]
    cuts = sorted(set(breaks))
    if not cuts:
        return spans
    out: list[tuple[int, int]] = []
    for start, end in spans:
        i = bisect_right(cuts, start)
        if i == len(cuts) or cuts[i] >= end:
            out.append((start, end))
            continue
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
