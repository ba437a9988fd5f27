"""Quantified facts: numbers with units ("印发材料3万余份", "百余次", "办结率达99.3%").

A fact is a number (Arabic, Chinese or mixed, e.g. 3万, 两万, 一百二十) followed, possibly after
spaces and a qualifier (余/多), by a unit from :data:`UNITS` (longest unit first: 人次 before 人).
Dates (2021年, 12月13日), ordinals (第一, 一是, 一、), document numbers (〔2021〕87号), 十九大,
八五普法, a bare 一 used as an article (一次, 一个) and numbers inside fixed terms (三项制度,
一村一法律顾问, slogans in short quotes such as “四个优先”) are not facts.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from analytics.sentences import sentence_spans

UNITS: tuple[str, ...] = tuple(
    sorted(
        """人次 场次 课时 小时 万元 亿元 元 名 人 户 次 场 份 册 件 起 个 处 家 条 项 期 篇 幅 天 台 套 本
        张 所 支 批 座 间 平方米 公里 米 亩 吨 % ％ 个百分点""".split(),
        key=len,
        reverse=True,
    )
)

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"

# Fixed terms whose numerals are part of a name, not a quantity.
FIXED_TERMS: tuple[str, ...] = (
    "三项制度", "一村一法律顾问", "一村（社区）一法律顾问", "一村一辅警", "千家万户", "万家灯火", "三番五次",
    "四处", "两不愁三保障", "三重一大", "三会一课", "四议两公开", "一岗双责", "八五普法", "七五普法",
    "八项规定", "十四五", "十三五", "一次办好", "最多跑一次", "一窗通办", "一网通办", "两个确立", "两个维护", "四个意识",
    "四个自信", "三个一", "三个代表", "两学一做", "五个一",
)

_PREFIX_QUALIFIERS = ("将近", "不少于", "不低于", "超过", "大约", "近", "约", "逾", "超")

_NUM = rf"(?:(?<![\d.．第]){{a}}|(?<![{_CN_CHARS}第]){{c}})".format(
    a=r"\d+(?:,\d{3})*(?:\.\d+)?(?:[万亿](?!元)|千)?",
    c=rf"[{_CN_CHARS}]+?(?=余|多|\s*(?:{'|'.join(map(re.escape, UNITS))}))",
)
_FIRST_CHARS = "".join(sorted({q[0] for q in _PREFIX_QUALIFIERS}))
_FACT = re.compile(
    rf"(?=[\d{_CN_CHARS}{_FIRST_CHARS}])"  # cheap rejection of positions that cannot start a fact
    rf"(?P<pre>{'|'.join(_PREFIX_QUALIFIERS)})?"
    rf"(?:百分之(?P<pct>[{_CN_CHARS}]+|\d+(?:\.\d+)?)"
    rf"|(?P<num>{_NUM})[ \t\u3000]*(?P<suf>余|多)?[ \t\u3000]*(?P<unit>{'|'.join(map(re.escape, UNITS))}))"
    rf"(?P<post>以上|左右)?"
)
_QUOTED = re.compile(r"“[^”\n]{1,12}”|\"[^\"\n]{1,12}\"")


@dataclass(frozen=True)
class Fact:
    value: float
    unit: str
    raw: str
    qualifier: str | None
    sentence: str
    start: int
    end: int


def _parse_chinese(s: str) -> float | None:
    total = section = 0
    digit: int | None = None
    for ch in s:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0 and _CN_DIGITS[ch] != 0:
                return None  # "一二" is not a number
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        elif ch in _CN_BIG:
            section += digit or 0
            total += (section or 1) * _CN_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return float(total + section + (digit or 0))


def parse_number(s: str) -> float | None:
    """Arabic (3, 3.5, 1,000), Chinese (百, 两万, 一百二十) or mixed (3万, 1.5万) -> float."""
    s = unicodedata.normalize("NFKC", s).strip().replace(" ", "")
    if not s:
        return None
    m = re.fullmatch(r"(\d+(?:,\d{3})*(?:\.\d+)?)([十百千万亿]*)", s)
    if m:
        value = float(m.group(1).replace(",", ""))
        for ch in m.group(2):
            value *= {**_CN_SMALL, **_CN_BIG}[ch]
        return value
    return _parse_chinese(s)


_LONGEST_FIXED = max(map(len, FIXED_TERMS))


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    """Spans of fixed terms (numbers inside them are not facts), sorted."""
    spans = []
    for term in FIXED_TERMS:
        start = text.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = text.find(term, start + 1)
    return sorted(spans)


def extract_facts(text: str) -> list[Fact]:
    """Numbers with units and qualifiers, in text order."""
    excluded = _excluded_spans(text)
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    sentences = sentence_spans(text)
    starts = [s.start for s in sentences]
    facts: list[Fact] = []
    for m in _FACT.finditer(text):
        num = m.group("pct") or m.group("num")
        is_chinese = not any(ch.isdigit() for ch in num)
        value = parse_number(num)
        unit = "%" if m.group("pct") else m.group("unit")
        if value is None:
            continue
        start, end = m.start(), m.end()
        if _overlaps(excluded, start, end):
            continue
        if is_chinese and (num == "一" or _inside(quoted, start, end)):
            continue
        if unit == "％":
            unit = "%"
        qualifiers = [q for q in (m.group("pre"), m.group("suf"), m.group("post")) if q]
        i = bisect.bisect_right(starts, start) - 1
        sentence = sentences[i].of(text) if i >= 0 and start < sentences[i].end else text[start:end]
        facts.append(
            Fact(
                value=value,
                unit=unit,
                raw=m.group(0),
                qualifier="…".join(qualifiers) or None,
                sentence=sentence,
                start=start,
                end=end,
            )
        )
    return facts


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps any span; ``spans`` sorted, none longer than _LONGEST_FIXED."""
    i = bisect.bisect_left(spans, (end,))
    while i > 0 and spans[i - 1][0] > start - _LONGEST_FIXED:
        i -= 1
        if spans[i][1] > start:
            return True
    return False


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the sorted, non-overlapping ``spans``."""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def concreteness(facts: Sequence[Fact], *, chars: int) -> float:
    """Facts per 10,000 characters."""
    return len(facts) * 10_000 / chars if chars > 0 else 0.0
