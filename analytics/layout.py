"""One layout parse per report: paragraphs, sentences, headings, sections, parts and counting units.

``parse_layout(text)`` runs once per report (at ingest) and every detector reads its result instead
of splitting or scanning the text again. All spans are half-open ``(start, end)`` character offsets
into ``text``, which is normalised text (``analytics.normalize.normalize_text``: one paragraph per line).

* Paragraphs: the non-empty lines, without surrounding whitespace.
* Sentences: end at 。！？；!?; or at a paragraph break (never cross a paragraph); a title that runs
  into its paragraph ("三、下一步工作计划2023年，我镇将…") is a sentence of its own. Item markers
  (一是, 1、) do not cut sentences.
* Headings, sections and parts: see ``analytics.structure``.
* Table rows: the tab- or |-separated lines (statistics tables and problem lists), found on first use.
* Counting units, for measures such as "share of paragraphs that mention X" (计数单位):
  every body paragraph is one unit; a paragraph that is nothing but a title (a line such as
  "一、主要举措和成效" or "（二）规范行政执法", or a label such as "存在的不足：") is not a unit, nor
  are the report's own title line, the salutation ("中共某县委、某县人民政府：") and the closing
  signature and date lines.
  A paragraph longer than 500 characters (a report copied from a web page often arrives as one
  run-on line) is cut at sentence ends into pieces of about 200–400 characters: a new piece starts at
  every title inside the paragraph (一、, （一）, a part heading or a label; the title stays with the
  text after it); otherwise a piece is closed before the next sentence once it holds 200 characters
  and that sentence would take it past 400, and a last piece shorter than 100 characters joins the
  one before it (so a piece runs past 400 characters only through one long sentence or a short last
  piece). A text with any
  non-space character has at least one unit: if every paragraph is a title, the paragraphs are the
  units.
* Web-page footer: a report copied from a site often ends in the page's furniture (来源：…, 责任编辑：…,
  浏览次数：…, 【打印本页】, 上一篇/下一篇 with other reports' titles, 主办单位, ICP备…). From the first such marker
  in the last 3,000 characters that no sentence of prose follows, the text is left out of every span
  (paragraphs, sentences, headings, parts, units); ``body_end`` is where it starts (``len(text)`` without one).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache

from analytics import structure
from analytics.sentences import sentence_bounds, table_rows

LONG_PARAGRAPH = 500  # a paragraph longer than this is cut into pieces at sentence ends
PIECE_MIN = 200
PIECE_MAX = 400
PIECE_TAIL = 100  # a last piece shorter than this joins the one before


@dataclass(frozen=True)
class Layout:
    text: str
    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    headings: tuple[structure.Heading, ...]
    sections: tuple[structure.Section, ...]
    parts: dict[str, structure.PartInfo]
    units: tuple[tuple[int, int], ...]
    year: int | None = None  # the year the headings' years are compared with (most frequent in the opening)
    body_end: int | None = None  # where a web page's footer starts (len(text) when there is none)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    @cached_property
    def unit_starts(self) -> list[int]:
        return [s for s, _ in self.units]

    def sentence_index_at(self, offset: int) -> int | None:
        """Index of the sentence containing character ``offset``, or None."""
        return _index_at(self.sentences, self.sentence_starts, offset)

    def unit_index_at(self, offset: int) -> int | None:
        """Index of the counting unit containing character ``offset``, or None."""
        return _index_at(self.units, self.unit_starts, offset)

    @cached_property
    def table_rows(self) -> list[tuple[int, int, list[tuple[int, int]]]]:
        """The tab- or |-separated lines of the text (``analytics.sentences.table_rows``), for the statistics
        tables (facts) and the problem lists (the shortcomings) alike."""
        return table_rows(self.text)

    def heading_spans(self) -> list[tuple[int, int]]:
        return [(h.start, h.end) for h in self.headings]


def _index_at(spans: tuple[tuple[int, int], ...], starts: list[int], offset: int) -> int | None:
    i = bisect_right(starts, offset) - 1
    return i if i >= 0 and offset < spans[i][1] else None


_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?")  # a line from its first to its last non-space character


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PARAGRAPH.finditer(text)]


def _is_title(h: structure.Heading) -> bool:
    """Headings that title a passage rather than open an enumerated item (一是, 1、); a heading that
    opens a part's section is a title too."""
    return h.level <= 2 or h.label or not structure.is_item(h)


def _heading_only(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    """Whether text[s:e] holds nothing but the heading spans (and punctuation or spaces)."""
    pos = s
    for a, b in spans:
        if text[pos:a].strip(" \t\u3000。；;：:，,.*"):
            return False
        pos = max(pos, b)
    return not text[pos:e].strip(" \t\u3000。；;：:，,.*")


_REPORT_TITLE = re.compile(r"[^。；;！？!?，,]{0,60}(?:报告|总结|汇报)[^。；;！？!?，,]{0,12}")
_SALUTATION = re.compile(r"[^。；;！？!?]{2,40}[：:]")
_SIGNATURE = re.compile(
    r"[^。；;！？!?，,]{2,30}(?:人民政府|政府|委员会|办事处|党委|党工委|管委会|司法所|局|办公室)"
    r"|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")


def _body(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs without the report's title line and salutation at the top (one of each) and its
    signature and date lines at the bottom (up to three), always leaving one paragraph."""
    lo, hi = 0, len(paragraphs)
    for pattern in (_REPORT_TITLE, _SALUTATION):
        if lo < hi and pattern.fullmatch(text, *paragraphs[lo]):
            lo += 1
    for _ in range(3):
        if hi - 1 > lo and _SIGNATURE.fullmatch(text, *paragraphs[hi - 1]):
            hi -= 1
    return paragraphs[lo:hi]


def _units(
    text: str,
    paragraphs: list[tuple[int, int]],
    sentences: list[tuple[int, int]],
    titles: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    t_starts = [a for a, _ in titles]
    s_starts = [a for a, _ in sentences]
    units: list[tuple[int, int]] = []
    for ps, pe in _body(text, paragraphs):
        lo, hi = bisect_right(t_starts, ps - 1), bisect_right(t_starts, pe - 1)
        inside = titles[lo:hi]
        if inside and _heading_only(text, ps, pe, inside):
            continue
        if pe - ps <= LONG_PARAGRAPH:
            units.append((ps, pe))
            continue
        breaks = {a for a, _ in inside if a > ps}
        pieces: list[list[int]] = []  # [start, end, has_body]
        cur: list[int] | None = None
        title_end = dict(inside)
        for a, b in sentences[bisect_right(s_starts, ps - 1) : bisect_right(s_starts, pe - 1)]:
            only_title = a in title_end and not text[title_end[a] : b].strip(" \t\u3000。；;：:，,.*")
            if cur is not None and (
                (a in breaks and cur[2])
                or (cur[2] and cur[1] - cur[0] >= PIECE_MIN and b - cur[0] > PIECE_MAX)
            ):
                pieces.append(cur)
                cur = None
            if cur is None:
                cur = [a, b, 0]
            cur[1] = b
            cur[2] = cur[2] or (not only_title)
        if cur is not None:
            if pieces and (cur[1] - cur[0] < PIECE_TAIL or not cur[2]) and cur[0] not in breaks:
                pieces[-1][1] = cur[1]
            else:
                pieces.append(cur)
        units.extend((a, b) for a, b, _ in pieces)
    if not units:
        units = list(paragraphs)
    return units


def _end_cut(text: str, e: int) -> int:
    """Sentence break after a heading: past a colon or comma that follows it; none before an end mark."""
    n = len(text)
    while e < n and text[e] in "：:，, \t\u3000":
        e += 1
    return -1 if e < n and text[e] in "。；;！？!?”’」』）)" else e


_CHROME = re.compile(  # at a line's start or after a space or bracket: 经费来源：… in a sentence is not furniture
    r"(?<![^\s\u3000【\[|丨])(?:来源[：:]|责任编辑|浏览次数|点击数[：:]|访问量[：:]|打印本页|关闭窗口|上一篇[：:]|下一篇[：:]|主办单位|主办[：:]|"
    r"承办[：:]|网站标识码|ICP备|公网安备|版权所有|技术支持[：:]|网站地图|分享到[：:]?|扫一扫在手机)"
)
_PROSE = re.compile(r"[^。！？\n]{30,}[。！？]")  # a sentence of prose: page furniture has none
_CHROME_WINDOW = 3000


def footer_start(text: str) -> int:
    """Where a web page's footer starts at the end of ``text`` (see the module docstring), else len(text)."""
    lo = max(0, len(text) - _CHROME_WINDOW)
    for m in _CHROME.finditer(text, lo):
        if not _PROSE.search(text, m.end()):
            return len(text[: m.start()].rstrip(" \t\u3000【[(（"))
    return len(text)


@lru_cache(maxsize=16)
def parse_layout(text: str) -> Layout:
    """The layout of a normalised report text (see the module docstring)."""
    body_end = footer_start(text)
    full, text = text, text[:body_end]  # every span below lies before the footer
    paragraphs = _paragraphs(text)
    year = structure._report_year(text)
    headings = structure.find_headings(text, paragraphs)
    sections = structure.build_sections(text, headings, year=year)
    # titles are sentences of their own (items such as 一是… and 1、… are not titles)
    opening = {s.start for s in sections}
    titles = [(h.start, h.end) for h in headings if _is_title(h) or h.start in opening]
    cuts = {x for s, e in titles for x in (s, _end_cut(text, e))}
    sentences = sentence_bounds(text, breaks=cuts - {-1})
    parts = structure.build_parts(text, sections, sentences, year=year, paragraphs=paragraphs)
    units = _units(text, paragraphs, sentences, titles)
    return Layout(
        text=full,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        headings=tuple(headings),
        sections=tuple(sections),
        parts=parts,
        units=tuple(units),
        year=year,
        body_end=body_end,
    )
