"""Sentence spans over normalised report text.

A sentence ends at 。！？；, at a paragraph break, or at the end of the text. Spans are
half-open ``(start, end)`` offsets into the text, so callers can always point back at the
original characters (KWIC, facts, shortcomings, stock sentences).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*[”’」』）)]*")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def sentence_spans(text: str) -> list[Span]:
    """Spans of the sentences in ``text``, stripped of surrounding whitespace."""
    spans: list[Span] = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end))
    return spans


def split_sentences(text: str) -> list[str]:
    return [s.of(text) for s in sentence_spans(text)]


def sentence_at(text: str, offset: int) -> Span:
    """The sentence span containing character ``offset``."""
    for span in sentence_spans(text):
        if span.start <= offset < span.end:
            return span
    return Span(offset, offset)
