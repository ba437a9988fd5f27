"""Key word in context (KWIC): every occurrence of a term, several terms or a theme's terms.

Matching follows the theme counting rule (``analytics.themes``): leftmost-longest and
non-overlapping. A theme search lists the hits a ``finder`` gives for that theme: with
``pipeline.theme_hits`` (the report's own layout: headings, slogans, sentences, as at ingest) the number
of lines equals the stored theme count; a term search applies the same rule to the query terms
only (searching 执法 and 行政执法 together finds 行政执法 once, not 执法 inside it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

import pandas as pd

from analytics.layout import footer_start
from analytics.themes import Hit, Theme, ThemeDictionary

COLUMNS = ["report_id", "start", "end", "left", "match", "right", "term", "theme_id"]
_SPLIT = re.compile(r"[\s,，、;；|/]+")
_BREAKS = re.compile(r"\s+")
QUERY_THEME = "query"


def parse_terms(query: str) -> list[str]:
    """Terms of a query typed by a user: separated by spaces, commas, 、 or semicolons; deduplicated."""
    seen: dict[str, None] = {}
    for part in _SPLIT.split(query or ""):
        if part:
            seen.setdefault(part, None)
    return list(seen)


def term_dictionary(terms: Iterable[str]) -> ThemeDictionary | None:
    """An ad-hoc one-theme dictionary of the query terms (same matcher as the themes)."""
    uniq = tuple(dict.fromkeys(t for t in terms if t))
    return ThemeDictionary((Theme(QUERY_THEME, "检索词", uniq),), whole_titles_only=False,
                           whole_words=False) if uniq else None


def _flat(s: str) -> str:
    return _BREAKS.sub(" ", s)


def kwic(
    texts: Mapping[str, str],
    *,
    terms: Sequence[str] = (),
    themes: Sequence[str] = (),
    dictionary: ThemeDictionary | None = None,
    window: int = 30,
    sentence: bool = False,
    limit: int | None = None,
    finder: Callable[[str], Sequence[Hit]] | None = None,
) -> pd.DataFrame:
    """Every match in ``texts`` (report id -> text) with ``window`` characters either side.

    ``themes`` selects the dictionary's hits of those themes; ``terms`` are matched among
    themselves. With both, the union is reduced again to leftmost-longest non-overlapping.
    Line breaks in the context are shown as spaces; offsets point into the original text.
    With ``sentence`` the context is the match's own sentence (at most ``window`` characters on each
    side, cut with "…"), never a fragment of the next one. ``limit`` stops after that many matches.
    ``finder``: given a text, its theme hits (``pipeline.theme_hits``: those the stored counts count;
    ``pipeline.lean_mentions``: those a lean counts). Without one, ``dictionary.find`` with the headings found
    by a pattern (``themes.heading_spans``), before a web page's footer.
    """
    if themes and dictionary is None and finder is None:
        raise ValueError("按主题检索需要指标词典")
    if themes and finder is None:
        finder = functools.partial(_dictionary_hits, dictionary)
    query = term_dictionary(terms)
    wanted = set(themes)
    rows: list[tuple] = []
    for rid, text in texts.items():
        spans: list[tuple[int, int, str, str | None]] = []
        if wanted:
            spans += [(h.start, h.end, h.term, h.theme_id) for h in finder(text) if h.theme_id in wanted]
        if query is not None:
            # every occurrence of a searched term, headings included (the one-per-theme heading rule is for counting themes)
            spans += [(h.start, h.end, h.term, None) for h in query.find(text, headings=())]
        if wanted and query is not None:
            spans = leftmost_longest(spans)
        bounds = _sentence_bounds(text) if sentence and spans else None
        for s, e, term, tid in spans:
            if bounds is None:
                left, right = text[max(0, s - window):s], text[e:e + window]
            else:
                a, b = _sentence_of(bounds, s, e)
                left = text[a:s] if s - a <= window else "…" + text[s - window:s]
                right = text[e:b] if b - e <= window else text[e:e + window] + "…"
            rows.append((rid, s, e, _flat(left), text[s:e], _flat(right), term, tid))
            if limit is not None and len(rows) >= limit:
                break
        if limit is not None and len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=COLUMNS).astype({"start": "int64", "end": "int64"})


def _dictionary_hits(dictionary: ThemeDictionary, text: str) -> list[Hit]:
    end = footer_start(text)  # a web page's footer is not counted, so it is not shown either
    return [h for h in dictionary.find(text) if h.start < end]


def _sentence_bounds(text: str) -> tuple[list[int], list[int]]:
    from analytics.sentences import sentence_spans

    spans = sentence_spans(text)
    return [x.start for x in spans], [x.end for x in spans]


def _sentence_of(bounds: tuple[list[int], list[int]], s: int, e: int) -> tuple[int, int]:
    from bisect import bisect_right

    starts, ends = bounds
    i = bisect_right(starts, s) - 1
    j = bisect_right(starts, max(s, e - 1)) - 1
    return (starts[i] if i >= 0 else s), (ends[j] if j >= 0 and ends[j] >= e else e)


def paragraph_at(text: str, offset: int) -> tuple[int, int]:
    """The paragraph (line) of ``text`` containing ``offset``: (start, end)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end < 0 else end)


def leftmost_longest(spans: Iterable[tuple]) -> list[tuple]:
    """Keep leftmost-longest, non-overlapping spans (tuples starting with start, end)."""
    out: list[tuple] = []
    last_end = -1
    for span in sorted(spans, key=lambda m: (m[0], -m[1])):
        if span[0] >= last_end:
            out.append(span)
            last_end = span[1]
    return out


def counts_per_report(hits: pd.DataFrame, *, report_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Matches per report (report_id, count); with ``report_ids`` every listed report appears, zeros included."""
    counts = hits.groupby("report_id").size()
    if report_ids is not None:
        counts = counts.reindex(list(report_ids), fill_value=0)
    return counts.rename("count").rename_axis("report_id").reset_index()


def counts_per_term(hits: pd.DataFrame) -> pd.DataFrame:
    """Matches per matched term (term, count), most frequent first."""
    return hits.groupby("term").size().rename("count").sort_values(ascending=False).reset_index()
