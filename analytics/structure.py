"""Required parts of a report (2019《法治政府建设与责任落实督察工作规定》) and its shortcomings.

Headings are found line by line (一、 （一） 1、 1. （1） 一是 第一部分, and short un-numbered lines
whose words name a part, e.g. "主要举措和成效"). A heading is mapped to parts by its words; one
heading may name two parts ("存在问题及下一步工作计划"). A part's section runs from its heading to the
next heading of the same or a higher level. Un-mapped top-level headings before the first
shortcomings/next-year heading are read as measures (reports that list their measures as
"一、强化组织领导……" without a "主要举措" heading). A section nested in another part's section
(e.g. 第一责任人 as a sub-section of 主要举措) counts for the inner part only.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from analytics.facts import parse_number
from analytics.sentences import sentence_spans

PARTS: dict[str, str] = {
    "measures": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "leaders": "党政主要负责人履行第一责任人职责情况",
    "next_year": "下一年度主要安排",
    "other": "其他需要报告的情况",
}


@dataclass(frozen=True)
class Heading:
    level: int
    marker: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Section:
    part_ids: tuple[str, ...]
    heading: str
    start: int
    end: int


@dataclass(frozen=True)
class PartInfo:
    part_id: str
    label: str
    present: bool
    chars: int
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Shortcoming:
    sentence: str
    start: int
    end: int


_CN = "一二三四五六七八九十"
_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"第[{_CN}]+部分[、：:，,．.\s]*")),
    (1, re.compile(rf"[{_CN}]+[、，,．.](?![{_CN}])")),
    (2, re.compile(rf"[（(][{_CN}]+[）)][、，,．.]?")),
    (3, re.compile(r"\d{1,2}(?:[、，,]|[.．](?!\d))\s*")),
    (4, re.compile(r"[（(]\d{1,2}[）)][、，,．.]?")),
    (5, re.compile(rf"[{_CN}]+是(?=\S)")),
)
_LEAD = re.compile(r"^[\s\u3000#*>]*")
_TEXT_END = re.compile(r"[。；;！？!?]")
_MAX_HEADING = 50  # longer "headings" are list items, not section titles

# Part vocabulary, checked on heading text.
_PART_PATTERNS: dict[str, re.Pattern[str]] = {
    "leaders": re.compile(r"(第一责任人|主要负责人).{0,4}(职责|情况)|履行.{0,14}第一责任人"),
    "shortcomings": re.compile(
        r"不足|存在(的)?(主要)?问题|主要问题|问题(和|与|及)不足|困难和问题|短板|差距|薄弱环节"
    ),
    "next_year": re.compile(
        r"下一?(年度|年|步)|明年|今后|来年|思路和打算|工作打算|总体打算|工作计划|主要安排|工作安排|工作思路|"
        r"\d{4}年度?[^，。]{0,14}(措施|计划|安排|打算|思路|重点)"
    ),
    "other": re.compile(r"其他(需要|需|应当)?报告|其他(情况|事项)"),
    "measures": re.compile(
        r"主要举措|举措和成效|主要成效|工作成效|取得的成效|主要做法|工作开展情况|开展情况|主要工作|工作情况|推进情况"
    ),
}
_NEXT_CUE = re.compile(r"^[\s\u3000*]*(下一步|下一年度?|今后|明年|20\d\d年(度)?(，|,|我镇|全镇|将))")
_PROBLEM_CUE = re.compile(r"不足|不够|不强|不高|不到位|不平衡|不均衡|不完善|不健全|薄弱|欠缺|缺乏|有待|尚未|单一|滞后|差距|问题")
_ITEM = re.compile(
    rf"(?:^|(?<=[。；;：:]))[ \t\u3000]*(?:\*\*)?(?P<m>[{_CN}]+是|\d{{1,2}}(?:[、，,]|[.．](?!\d))|[（(][{_CN}\d]+[）)]|第[{_CN}]+[，、,])",
    re.MULTILINE,
)
_YEAR = re.compile(r"(20\d\d)\s*年")
_SIGNATURE = re.compile(
    r"^(\S{0,24}(人民政府|政府|委员会|党委|办公室|办事处)|"
    r"[\d〇零一二三四五六七八九十○]{4}\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日)$"
)


def _lines(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, line.rstrip("\r\n")
        pos += len(line)


def _match_parts(heading: str) -> tuple[str, ...]:
    found = []
    for part_id, pattern in _PART_PATTERNS.items():
        m = pattern.search(heading)
        if m:
            found.append((m.start(), part_id))
    ids = [p for _, p in sorted(found)]
    if "leaders" in ids:
        return ("leaders",)
    if len(ids) > 1 and "measures" in ids:
        ids.remove("measures")
    return tuple(ids)


def _report_year(text: str) -> int | None:
    years = Counter(int(y) for y in _YEAR.findall(text[:600]))
    return years.most_common(1)[0][0] if years else None


def _parts_of(heading: Heading, report_year: int | None) -> tuple[str, ...]:
    if heading.level >= 5 or len(heading.text) > _MAX_HEADING:
        return ()
    ids = _match_parts(heading.text)
    m = _YEAR.search(heading.text)
    if m and report_year and ids in (("next_year",), ("measures",)):
        later = int(m.group(1)) > report_year
        if later and ids == ("measures",) and re.search(r"措施|计划|安排|打算|思路|重点|举措", heading.text):
            return ("next_year",)
        if not later and ids == ("next_year",):
            return ("measures",)
    return ids


def detect_headings(text: str) -> list[Heading]:
    """Numbered headings and short un-numbered part headings, in text order."""
    headings: list[Heading] = []
    for pos, line in _lines(text):
        lead = _LEAD.match(line).end()
        body = line[lead:]
        if not body.strip():
            continue
        for level, pattern in _MARKERS:
            m = pattern.match(body)
            if m:
                rest = body[m.end() :]
                cut = _TEXT_END.search(rest)
                title = (rest[: cut.start()] if cut else rest).strip().strip("*").strip()
                if title:
                    marker = m.group(0).strip()
                    start = pos + lead
                    end = pos + lead + m.end() + (cut.start() if cut else len(rest.rstrip()))
                    headings.append(Heading(level, marker, title, start, end))
                break
        else:
            title = body.strip().strip("*").strip()
            if (
                len(title) <= 40
                and not re.search(r"[。；;！？!?，,：:]|报告|〔", title)
                and _match_parts(title)
            ):
                start = pos + lead
                headings.append(Heading(1, "", title, start, start + len(body.rstrip())))
    # "1、主要举措" followed by "二、" "三、": the Arabic first heading is a top-level slip
    top = [h for h in headings if h.level == 1 and h.marker]
    if top and not any(parse_number(h.marker[:-1]) == 1 for h in top):
        first_top = top[0]
        for i, h in enumerate(headings):
            if h.start >= first_top.start:
                break
            if h.level == 3 and parse_number(h.marker.rstrip("、，,.． ")) == 1:
                headings[i] = Heading(1, h.marker, h.text, h.start, h.end)
                break
    return headings


def _trim(text: str, start: int, end: int) -> int:
    """Drop trailing blank lines and a signature block (issuing body, date) from a span end."""
    while end > start:
        seg = text[start:end].rstrip()
        end = start + len(seg)
        nl = seg.rfind("\n")
        last = seg[nl + 1 :].strip()
        if nl < 0 or not _SIGNATURE.match(last):
            break
        end = start + nl
    return end


def detect_sections(text: str) -> list[Section]:
    """Sections of the required parts, in text order."""
    headings = detect_headings(text)
    year = _report_year(text)
    mapped = [(h, _parts_of(h, year)) for h in headings]
    sections: list[Section] = []
    first_late = min(
        (h.start for h, ids in mapped if set(ids) & {"shortcomings", "next_year"}), default=len(text)
    )
    for i, (h, ids) in enumerate(mapped):
        end = next((o.start for o in headings[i + 1 :] if o.level <= h.level), len(text))
        if not ids:
            inside = any(s.start <= h.start < s.end for s in sections)
            if h.level == 1 and h.marker and h.start < first_late and not inside:
                ids = ("measures",)
            else:
                continue
        sections.append(Section(ids, text[h.start : h.end].strip(), h.start, _trim(text, h.start, end)))
    return sections


def _subtract(spans: list[tuple[int, int]], s: int, e: int) -> list[tuple[int, int]]:
    out = []
    for a, b in spans:
        if b <= s or a >= e:
            out.append((a, b))
            continue
        if a < s:
            out.append((a, s))
        if b > e:
            out.append((e, b))
    return out


def _split_combined(text: str, sec: Section) -> list[tuple[str, int, int]]:
    """Split a shortcomings+next_year section at the first next-year paragraph, if any."""
    if sec.part_ids[:2] != ("shortcomings", "next_year"):
        return [(p, sec.start, sec.end) for p in sec.part_ids]
    body_start = text.find("\n", sec.start, sec.end)
    if body_start >= 0:
        for pos, line in _lines(text[body_start + 1 : sec.end]):
            if _NEXT_CUE.match(line):
                cut = body_start + 1 + pos
                rest = [(p, sec.start, sec.end) for p in sec.part_ids[2:]]
                return [("shortcomings", sec.start, cut), ("next_year", cut, sec.end), *rest]
    return [(p, sec.start, sec.end) for p in sec.part_ids]


def parts(text: str, *, sections: list[Section] | None = None) -> dict[str, PartInfo]:
    """All five parts, present or not, with their spans and non-whitespace character counts."""
    if sections is None:
        sections = detect_sections(text)
    owned: dict[str, list[tuple[int, int]]] = {p: [] for p in PARTS}
    # outer sections first, so a nested section takes its span from the enclosing part
    for sec in sorted(sections, key=lambda s: (s.start, -s.end)):
        pieces = _split_combined(text, sec)
        for part_id in owned:
            owned[part_id] = _subtract(owned[part_id], sec.start, sec.end)
        for part_id, s, e in pieces:
            owned[part_id].append((s, _trim(text, s, e)))
    out = {}
    for part_id, label in PARTS.items():
        spans: list[tuple[int, int]] = []
        for s, e in sorted(owned[part_id]):
            if not text[s:e].strip():
                continue
            if spans and not text[spans[-1][1] : s].strip():
                spans[-1] = (spans[-1][0], e)  # adjacent sections of one part read as one span
            else:
                spans.append((s, e))
        chars = sum(len(re.sub(r"\s", "", text[s:e])) for s, e in spans)
        out[part_id] = PartInfo(part_id, label, bool(spans), chars, tuple(spans))
    return out


def _clean_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] == "*"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "*。；;，,"):
        e -= 1
    return s, e


def _items(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Enumerated items (一是…, 1、…, （一）…) in text[s:e]: span of each item's first sentence."""
    found = [(m.start("m"), m.end("m"), re.sub(r"[\d一二三四五六七八九十]+", "N", m.group("m")))
             for m in _ITEM.finditer(text, s, e)]
    kinds = Counter(k for *_, k in found)
    if not kinds or kinds.most_common(1)[0][1] < 2:
        return []
    kind = next(k for *_, k in found if kinds[k] >= 2)
    marks = [(a, b) for a, b, k in found if k == kind]
    items = []
    for i, (_, body) in enumerate(marks):
        stop = marks[i + 1][0] if i + 1 < len(marks) else e
        cut = _TEXT_END.search(text, body, stop)
        nl = text.find("\n", body, stop)
        end = min(x for x in (cut.end() if cut else stop, nl if nl >= 0 else stop, stop))
        a, b = _clean_span(text, body, end)
        if b > a:
            items.append((a, b))
    return items


def _problem_clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Problem sentences; a sentence listing several "存在…" clauses is split into them."""
    out = []
    for span in sentence_spans(text[s:e]):
        a, b = s + span.start, s + span.end
        sentence = text[a:b]
        if not _PROBLEM_CUE.search(sentence):
            continue
        starts = [m.start() for m in re.finditer(r"存在", sentence)]
        if len(starts) >= 2:
            bounds = starts + [len(sentence)]
            for x, y in zip(bounds, bounds[1:]):
                out.append(_clean_span(text, a + x, a + y))
        else:
            out.append(_clean_span(text, a, b))
    return [(a, b) for a, b in out if b > a]


def shortcomings(text: str, *, sections: list[Section] | None = None) -> list[Shortcoming]:
    """The shortcomings the report states: its enumerated items, else its problem sentences."""
    info = parts(text, sections=sections)["shortcomings"]
    result: list[Shortcoming] = []
    for s, e in info.spans:
        nl = text.find("\n", s, e)
        heading = next((h for h in detect_headings(text[s:e]) if h.start == 0), None)
        body = s + heading.end if heading else (nl + 1 if nl >= 0 else s)
        spans = _items(text, body, e) or _problem_clauses(text, body, e)
        result.extend(Shortcoming(text[a:b], a, b) for a, b in spans)
    return result
