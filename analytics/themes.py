"""Indicator themes: a user-editable YAML dictionary of terms, counted with Aho-Corasick.

计数规则：所有主题的词条合成一个自动机，在全文上查找全部出现位置，
再按“最左最长、互不重叠”取舍：从左到右，先取起点最靠左的匹配，同一起点取最长的词条，
与已取匹配重叠的一概舍弃。因此每一处文字最多计一次，且只计入一个主题：
“行政执法”只计一次（行政执法），不再另计“执法”；“普法宣传”只计一次，不再另计“普法”；
“谁执法谁普法”整体计为普法宣传一次，其中的“执法”“普法”都不另计。
匹配前把半角括号、标点和全角字母数字看作对应的写法（“一村(社区)一法律顾问”即“一村（社区）一法律顾问”），
字母不分大小写；位置仍指原文。
条件词条：词条可写成 {term: 平台, requires: [政务, 办理]}，只在同一句话里出现 requires 中某个词时才计；
excludes 中任一词出现在同一句话里时不计；加 window: N 则只看词条前后 N 个字以内（仍在同一句话里）。同一词条可出现在几个主题中，只要至多一处不带条件：
按词典顺序取第一个条件成立的主题，都不成立时取不带条件的那一处，没有则不计。
条件先于“最左最长”判断：不计的词条不挡住与它重叠的其他词条。
标题（“三、党政主要负责人履行推进法治建设第一责任人职责情况”等）里每个主题至多计一次。
每万字频次 = 次数 × 10000 ÷ 全文字符数；占比 = 该主题次数 ÷ 全部主题命中总数。
侧重指数 = ln((甲主题次数 + 1) ÷ (乙主题次数 + 1))，默认甲为普法宣传、乙为行政执法：
大于 0 偏重普法，小于 0 偏重执法。
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from bisect import bisect_right
from itertools import accumulate
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import NamedTuple
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import pandas as pd
import yaml

from analytics import DATA_DIR

DEFAULT_DICTIONARY = DATA_DIR / "themes.yaml"
DEFAULT_SAMPLE = DATA_DIR / "theme_sample.tsv"
DEFAULT_EMPHASIS = ("law_popularization", "enforcement")

_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_TOP_KEYS = ("themes",)
_THEME_KEYS = ("id", "label", "system", "terms")
_TERM_KEYS = ("term", "requires", "excludes", "window")
_STR = "tag:yaml.org,2002:str"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built in: 10× faster, same nodes and marks

# Variant characters read as the dictionary's form: one character for one, so offsets stay valid.
_FOLD_PAIRS = {"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "＋": "+"}
_FOLD_PAIRS.update({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
_FOLD_PAIRS.update({chr(c): chr(c - 0xFEE0).lower() for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FOLD_PAIRS.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FOLD_PAIRS.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)})  # ０-９
_FOLD_RE = re.compile("[" + re.escape("".join(_FOLD_PAIRS)) + "]")
_FOLD_TABLE = str.maketrans(_FOLD_PAIRS)


def fold(text: str) -> str:
    """The matching form of ``text``: variant brackets, punctuation and letters mapped one to one."""
    if _FOLD_RE.search(text) is None:
        return text
    return _FOLD_RE.sub(lambda m: _FOLD_PAIRS[m.group()], text)


@dataclass(frozen=True)
class Term:
    """A conditional term: counts only when a ``requires`` word (if any) and no ``excludes`` word
    occurs in the same sentence; with ``window``, only within that many characters either side of
    the term (and still inside the sentence)."""

    term: str
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    window: int | None = None


TermEntry = str | Term


def term_text(entry: TermEntry) -> str:
    return entry if isinstance(entry, str) else entry.term


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    terms: tuple[TermEntry, ...]  # plain terms are str, conditional ones Term
    system: str | None = None

    @property
    def term_texts(self) -> tuple[str, ...]:
        return tuple(term_text(e) for e in self.terms)


class Hit(NamedTuple):
    """One dictionary match (a named tuple: ~900 per report are made, so construction must be cheap).

    ``term`` is the dictionary's spelling; ``text[start:end]`` may differ in variant characters."""

    start: int
    end: int
    term: str
    theme_id: str


_make_hit = functools.partial(tuple.__new__, Hit)  # Hit from a plain tuple, without a Python-level call


@dataclass(frozen=True)
class Rate:
    count: int
    per_10k: float
    share: float


class DictionaryError(ValueError):
    """The dictionary is invalid; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


# Headings for the one-hit-per-theme rule: a numbered title (一、 （一） 1、 1. （1） 第一部分; not the
# "一是" items) up to its first sentence end or the line end, or a short un-numbered part heading.
_CN = "一二三四五六七八九十"
_MAX_HEADING = 60
_HEADING = re.compile(
    rf"^[ \t\u3000#*>]*(?:(?:第[{_CN}]+部分|[{_CN}]+[、，,．.](?![{_CN}])|[（(][{_CN}]+[）)]|\d{{1,2}}(?:[、，,]|[.．](?!\d))"
    rf"|[（(]\d{{1,2}}[）)])[^\n。；;！？!?]{{1,{_MAX_HEADING}}}"
    r"|[^\n。；;！？!?，,：:]{0,36}(?:情况|成效|举措|做法|不足|原因|问题|安排|计划|打算|思路|职责)[ \t\u3000]*$)",
    re.MULTILINE,
)


def heading_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the headings in ``text``: a line's numbered title (一、 （一） 1、 1. （1） 第一部分)
    up to its first 。；！？ or the line end, or a whole line of at most 40 characters without
    punctuation that ends like a part heading (情况, 成效, 不足, 原因, 问题, 安排, 计划, 职责…; e.g.
    "存在的不足及原因"). "一是…" items are not headings;
    a numbered line longer than 60 characters before its first sentence end is a list item, not a heading."""
    out = []
    for m in _HEADING.finditer(text):
        end = m.end()
        if end < len(text) and text[end] not in "\n。；;！？!?":
            continue  # ran past the length limit: a list item
        out.append((m.start(), end))
    return out


_SLOGAN = re.compile(r"“[^“”\n]{4,30}”")  # a quoted slogan or motto: short, on one line
# an unquoted motto: one word after two or more manners (严格执法、规范执法、文明执法; 科学决策、民主决策和依法决策)
_MANNER = ("严格|规范|公正|文明|依法|温情|阳光|柔性|精准|廉洁|高效|科学|民主|理性|透明|诚信|和谐|人性化|精细化?|智慧|热情"
           "|主动|全面|为民|便民|公开|公平|有序|有力")
# one or two manners before each (严格规范执法、公正文明执法), joined by 、，和 与 及 以及
# (the lookahead on the manners' first characters lets the engine skip other positions fast: 3× faster)
_MOTTO = re.compile(rf"(?=[{''.join(sorted({w[0] for w in _MANNER.split('|')}))}])"
                    rf"(?:{_MANNER}){{1,2}}([\u4e00-\u9fff]{{2}})(?:(?:以及|[、，,和与及])(?:{_MANNER}){{1,2}}\1)+")


def with_slogans(text: str, heads: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``heads`` (sorted heading spans) plus the quoted slogans (4–30 characters) and unquoted mottos (one word after
    several manners) outside them, for the "once per theme in one span" rule: “严格执法、文明执法” and 坚持严格执法、
    规范执法、文明执法 are each one mention of enforcement, not two or three."""
    quoted = "“" in text
    if not quoted and "、" not in text:
        return list(heads)
    keep = _outside([m.span() for m in _SLOGAN.finditer(text)] if quoted else [], heads)
    keep += _outside([m.span() for m in _MOTTO.finditer(text)], sorted([*heads, *keep]))
    return sorted([*heads, *keep]) if keep else list(heads)


def _outside(spans: list[tuple[int, int]], taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that overlap none of ``taken`` (sorted, non-overlapping)."""
    starts = [a for a, _ in taken]
    out = []
    for a, b in spans:
        i = bisect_right(starts, a) - 1
        if not (i >= 0 and taken[i][1] > a or i + 1 < len(taken) and taken[i + 1][0] < b):
            out.append((a, b))
    return out


def _canonical_entry(entry: TermEntry):
    if isinstance(entry, str):
        return entry
    out = [entry.term, list(entry.requires), list(entry.excludes)]
    return out + [entry.window] if entry.window is not None else out


class ThemeDictionary:
    """Validated themes plus one Aho-Corasick automaton over all their terms.

    ``whole_titles_only``: a term inside a book title 《…》 counts only where the title's name ends (the
    theme rule); False counts every occurrence (a literal search).
    ``whole_words``: a two-character term does not count where it straddles two words — the character
    before it makes a word with its first character and its second makes a word with the next one, and
    the segmenter cuts it there too (协调|解决 is not 调解, 核查|处置 not 查处, 协调|处理 not 调处);
    False counts every occurrence (a literal search)."""

    def __init__(self, themes: tuple[Theme, ...], *, whole_titles_only: bool = True, whole_words: bool = True):
        self.themes = tuple(themes)
        self.whole_titles_only = whole_titles_only
        self.whole_words = whole_words
        canonical = json.dumps(
            [[t.id, t.label, t.system, [_canonical_entry(e) for e in t.terms]] for t in self.themes],
            ensure_ascii=False,
        )
        self.version = hashlib.sha1(canonical.encode("utf-8")).hexdigest()
        self._labels = {t.id: t.label for t in self.themes}
        # folded term -> (display term, [(theme id, requires, excludes)] conditional first, dictionary order)
        alternatives: dict[str, tuple[str, list, list]] = {}
        for theme in self.themes:
            for entry in theme.terms:
                key = fold(term_text(entry))
                shown, conditional, plain = alternatives.setdefault(key, (term_text(entry), [], []))
                if isinstance(entry, str) or not (entry.requires or entry.excludes):
                    plain.append((theme.id, None, None, None))
                else:
                    conditional.append((theme.id, _words_re(entry.requires), _words_re(entry.excludes), entry.window))
        self._conditional = False
        self._automaton = ahocorasick.Automaton()
        for key, (shown, conditional, plain) in alternatives.items():
            alts = conditional + plain[:1]
            if not conditional:
                payload = (shown, alts[0][0], len(key), None)  # unconditional: theme id decided now
            else:
                payload = (shown, None, len(key), tuple(alts))
                self._conditional = True
            self._automaton.add_word(key, payload)
        if self._automaton.kind == ahocorasick.EMPTY:
            self._automaton = None
        else:
            self._automaton.make_automaton()

    def ids(self) -> list[str]:
        return [t.id for t in self.themes]

    def label(self, theme_id: str) -> str:
        try:
            return self._labels[theme_id]
        except KeyError:
            raise KeyError(f"未知主题：{theme_id}") from None

    def find(
        self,
        text: str,
        *,
        sentences: Sequence | None = None,
        headings: Sequence[tuple[int, int]] | None = None,
        token_ends: Collection[int] | None = None,
    ) -> list[Hit]:
        """Leftmost-longest, non-overlapping matches, in text order.

        ``sentences``: sentence spans ``(start, end)`` (or ``analytics.sentences.Span``) for the
        context conditions; when None, the stretches between sentence ends (。！？；!?; and line
        breaks, as ``analytics.sentences.sentence_spans`` cuts them), found only if needed. ``headings``:
        heading spans; within one heading only the first hit of each theme counts. None detects
        them with :func:`heading_spans`, plus the short quoted slogans (:func:`with_slogans`); pass ``()`` to
        count headings and slogans like any other text. ``token_ends``:
        the end offsets of the default tokenizer's tokens of ``text``, for the ``whole_words`` test (cut
        here, only if a match needs it, when None).
        """
        if self._automaton is None or not text:
            return []
        folded = fold(text)
        # (start, -end) sorts leftmost first, then longest; tuples sort natively without a key function.
        found = [(end + 1 - n, -end - 1, term, tid, alts) for end, (term, tid, n, alts) in self._automaton.iter(folded)]
        found.sort()
        if headings is None:
            headings = with_slogans(text, heading_spans(text))
        heads = sorted(headings) + [(len(text) + 1, len(text) + 1)]
        k, (h0, h1), seen = 0, heads[0], set()  # the current heading and the themes already counted in it
        hits: list[Hit] = []
        last_end = 0
        bounds = None
        s0 = e0 = -1  # the sentence of the last conditional candidate, and its decisions
        decided: dict = {}
        titles = _book_titles(folded) if self.whole_titles_only else None
        straddles = _Straddles(text, token_ends) if self.whole_words else None
        t_starts, t_ends = titles or ((), ())
        ti, nt = 0, len(t_starts)  # the first title not ending before the candidate (candidates come in start order)
        for start, neg_end, term, tid, alts in found:
            if ti < nt:
                while ti < nt and t_ends[ti] <= start:
                    ti += 1
                # inside a title and not ending where its name ends (t_ends[ti] - 1 is where 》 stands):
                if ti < nt and t_starts[ti] <= start and -neg_end < t_ends[ti] - 1:
                    continue  # 《行政处罚法》 names a law, it is not enforcement work; 《中华人民共和国民法典》 still counts
            if start >= last_end:
                if alts is not None:
                    # a conditional term is judged only where it would be taken; if rejected, the next
                    # candidate (shorter at this start, or later) may be taken: as if filtered beforehand
                    if not s0 <= start < e0:
                        if bounds is None:
                            bounds = _sentence_bounds(folded, sentences)
                        s0, e0 = _sentence_of(folded, start, bounds)
                        decided = {}
                    key = id(alts)
                    if key in decided:
                        tid = decided[key]
                    else:
                        tid, windowed = _pick(alts, folded, start, -neg_end, s0, e0)
                        if not windowed:
                            decided[key] = tid
                    if tid is None:
                        continue
                if straddles is not None and -neg_end - start == 2 and straddles(start):
                    continue  # 协调解决: not 调解; the next candidate may be taken, as for a rejected condition
                last_end = -neg_end
                if start >= h1:
                    while heads[k][1] <= start:
                        k += 1
                    (h0, h1), seen = heads[k], set()
                if start >= h0:  # inside a heading: only the first hit of each theme counts
                    if tid in seen:
                        continue
                    seen.add(tid)
                hits.append((start, last_end, term, tid))
        return list(map(_make_hit, hits))

    def count(self, text: str, *, sentences: Sequence | None = None,
              headings: Sequence[tuple[int, int]] | None = None) -> dict[str, int]:
        counts = dict.fromkeys(self.ids(), 0)
        for hit in self.find(text, sentences=sentences, headings=headings):
            counts[hit.theme_id] += 1
        return counts

    def dominant_theme(self, text: str, *, sentences: Sequence | None = None,
                       headings: Sequence[tuple[int, int]] | None = None) -> str | None:
        counts = self.count(text, sentences=sentences, headings=headings)
        best = max(counts.values(), default=0)
        if best == 0:
            return None
        return next(tid for tid, n in counts.items() if n == best)

    def __repr__(self) -> str:
        return f"ThemeDictionary({len(self.themes)} themes, version={self.version[:10]})"


def _words_re(words: Iterable[str]) -> re.Pattern[str] | None:
    words = [fold(w) for w in words]
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True)))) if words else None


_BOOK = re.compile(r"《[^《》\n]{1,60}》")


def _book_titles(folded: str) -> tuple[list[int], list[int]] | None:
    """Starts and ends of the book titles 《…》 of the text (None without any)."""
    if "《" not in folded:
        return None
    spans = [(m.start(), m.end()) for m in _BOOK.finditer(folded)]
    return ([a for a, _ in spans], [b for _, b in spans]) if spans else None


class _Straddles:
    """Whether the two characters at a position straddle two words of ``text`` (see ThemeDictionary): both
    readings across them are dictionary words, and the segmenter, run on the text only when a position
    passes that test, ends a token between the two characters and none before them."""

    def __init__(self, text: str, ends: Collection[int] | None):
        from analytics.segment import load_tokenizer

        self.text = text
        self.tokenizer = load_tokenizer()
        self.ends = ends

    def __call__(self, start: int) -> bool:
        text, known = self.text, self.tokenizer.known_word
        if start == 0 or start + 3 > len(text) or not known(text[start - 1 : start + 1]):
            return False
        if not known(text[start + 1 : start + 3]):
            return False
        if self.ends is None:
            tokens = self.tokenizer.cut(text)
            self.ends = set(accumulate(map(len, tokens)))
        return start + 1 in self.ends and start not in self.ends


_STOPS = re.compile("[。！？；\n]")  # sentence ends of folded text (ASCII ;!? fold to these), as in sentence_spans


def _sentence_bounds(folded: str, sentences: Sequence | None):
    """(starts, ends) of the sentences: the given spans, or the stretches between sentence ends."""
    if sentences is not None:
        pairs = sorted((x.start, x.end) if hasattr(x, "start") else (x[0], x[1]) for x in sentences)
        return [a for a, _ in pairs], [b for _, b in pairs], True
    stops = [m.start() for m in _STOPS.finditer(folded)]
    return stops, None, False


def _sentence_of(folded: str, pos: int, bounds) -> tuple[int, int]:
    first, second, given = bounds
    if given:
        i = bisect_right(first, pos) - 1
        if i >= 0 and pos < second[i]:
            return first[i], second[i]
        stops = [m.start() for m in _STOPS.finditer(folded)]  # outside every given sentence
    else:
        stops = first
    i = bisect_right(stops, pos)
    return (stops[i - 1] + 1 if i else 0), (stops[i] if i < len(stops) else len(folded))


def _pick(alts, folded: str, start: int, end: int, s0: int, e0: int) -> tuple[str | None, bool]:
    """The theme of the first alternative whose condition holds around folded[start:end] in the
    sentence folded[s0:e0] (or None), and whether a window made the answer depend on the position."""
    windowed = False
    for tid, requires, excludes, window in alts:
        if window is None:
            a, b = s0, e0
        else:
            a, b, windowed = max(s0, start - window), min(e0, end + window), True
        if (requires is None or requires.search(folded, a, b)) and (excludes is None or not excludes.search(folded, a, b)):
            return tid, windowed
    return None, windowed


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _scalar_str(node: yaml.Node | None) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
        return node.value
    return None


def _mapping(node: yaml.MappingNode, where: str, allowed: tuple[str, ...], errors: list[str]) -> dict:
    """Mapping node -> {key: (key_node, value_node)}, reporting unknown and duplicate keys."""
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
        if key in out:
            errors.append(f"第 {_line(key_node)} 行：{where}的键“{key}”重复出现")
        elif key not in allowed:
            errors.append(
                f"第 {_line(key_node)} 行：{where}有未知的键“{key}”（允许的键：{'、'.join(allowed)}）"
            )
        out[key] = (key_node, value_node)
    return out


def _term_string(item: yaml.Node, what: str, errors: list[str]) -> str | None:
    """A non-empty string scalar, or None with an error naming ``what``."""
    value = _scalar_str(item)
    if isinstance(item, yaml.ScalarNode) and item.tag.endswith(":null"):
        value = ""
    if value is None:
        shown = item.value if isinstance(item, yaml.ScalarNode) else type(item).__name__
        errors.append(f"第 {_line(item)} 行：{what}“{shown}”不是文字（数字、true/false 等请加引号）")
        return None
    value = value.strip()
    if not value:
        errors.append(f"第 {_line(item)} 行：{what}为空")
        return None
    return value


def _parse_term(item: yaml.Node, pos: int, name: str, errors: list[str]) -> TermEntry | None:
    """A term entry: a string, or a mapping {term, requires, excludes} (context words of the same sentence)."""
    if not isinstance(item, yaml.MappingNode):
        return _term_string(item, f"{name} 的第 {pos} 个词条", errors)
    where = f"{name} 的第 {pos} 个词条"
    keys = _mapping(item, where, _TERM_KEYS, errors)
    if "term" not in keys:
        errors.append(f"第 {_line(item)} 行：{where}缺少 term（写成 {{term: 词条, requires: [词, …]}}）")
        return None
    n_errors = len(errors)
    term = _term_string(keys["term"][1], f"{where}", errors)
    shown = f"{name} 的词条“{term}”" if term else where
    words: dict[str, tuple[str, ...]] = {}
    for key in ("requires", "excludes"):
        if key not in keys:
            words[key] = ()
            continue
        seq = keys[key][1]
        if not isinstance(seq, yaml.SequenceNode):
            errors.append(f"第 {_line(seq)} 行：{shown}的 {key} 必须是词的列表（如 [政务, 办理]）")
            continue
        if not seq.value:
            errors.append(f"第 {_line(seq)} 行：{shown}的 {key} 为空（不需要条件时删去 {key}）")
            continue
        got: list[str] = []
        for j, w in enumerate(seq.value, 1):
            word = _term_string(w, f"{shown}的 {key} 第 {j} 项", errors)
            if word is None:
                continue
            if fold(word) in map(fold, got):
                errors.append(f"第 {_line(w)} 行：{shown}的 {key} 中“{word}”重复出现")
            else:
                got.append(word)
        words[key] = tuple(got)
    window = None
    if "window" in keys:
        node = keys["window"][1]
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":int") and int(node.value) > 0:
            window = int(node.value)
        else:
            shown_value = node.value if isinstance(node, yaml.ScalarNode) else type(node).__name__
            errors.append(f"第 {_line(node)} 行：{shown}的 window 必须是正整数（字数），实为“{shown_value}”")
        if not ("requires" in keys or "excludes" in keys):
            errors.append(f"第 {_line(node)} 行：{shown}有 window 却没有 requires 或 excludes")
    both = set(map(fold, words.get("requires", ()))) & set(map(fold, words.get("excludes", ())))
    for word in sorted(both):
        errors.append(f"第 {_line(item)} 行：{shown}的 requires 与 excludes 都含“{word}”，条件互相矛盾")
    if term is None:
        return None
    if len(errors) == n_errors and not words.get("requires") and not words.get("excludes"):
        return term  # a mapping without conditions is a plain term
    # with faulty conditions still a conditional term, so that no spurious duplicate is reported
    return Term(term, words.get("requires", ()), words.get("excludes", ()), window)


def _parse_theme(node: yaml.Node, index: int, errors: list[str], term_lines: dict[str, int]) -> Theme | None:
    if not isinstance(node, yaml.MappingNode):
        errors.append(f"第 {_line(node)} 行：第 {index} 个主题应当是包含 id、label、terms 的映射")
        return None
    where = f"第 {index} 个主题"
    keys = _mapping(node, where, _THEME_KEYS, errors)
    theme_id = _scalar_str(keys["id"][1]) if "id" in keys else None
    if "id" not in keys:
        errors.append(f"第 {_line(node)} 行：{where}缺少 id")
    elif theme_id is None or not theme_id.strip():
        errors.append(f"第 {_line(keys['id'][1])} 行：{where}的 id 必须是非空文字")
        theme_id = None
    elif not _ID.match(theme_id):
        errors.append(
            f"第 {_line(keys['id'][1])} 行：主题 id“{theme_id}”格式不对，应为英文小写字母、数字和下划线，"
            f"以字母开头（如 law_popularization）"
        )
    name = f"主题 {theme_id}" if theme_id else where

    label = None
    if "label" not in keys:
        errors.append(f"第 {_line(node)} 行：{name} 缺少 label（中文名称）")
    else:
        label = _scalar_str(keys["label"][1])
        if label is None or not label.strip():
            errors.append(f"第 {_line(keys['label'][1])} 行：{name} 的 label 必须是非空文字")
            label = None
        else:
            label = label.strip()

    system = None
    if "system" in keys:
        system = _scalar_str(keys["system"][1])
        if system is None:
            errors.append(f"第 {_line(keys['system'][1])} 行：{name} 的 system 必须是文字")
        system = system.strip() or None if system else None

    terms: list[TermEntry] = []
    if "terms" not in keys:
        errors.append(f"第 {_line(node)} 行：{name} 缺少 terms（词条列表）")
    else:
        seq = keys["terms"][1]
        if not isinstance(seq, yaml.SequenceNode):
            errors.append(f"第 {_line(seq)} 行：{name} 的 terms 必须是列表")
        elif not seq.value:
            errors.append(f"第 {_line(seq)} 行：{name} 的 terms 为空，至少需要一个词条")
        else:
            seen: set[str] = set()
            for pos, item in enumerate(seq.value, 1):
                entry = _parse_term(item, pos, name, errors)
                if entry is None:
                    continue
                term = term_text(entry)
                if fold(term) in seen:
                    errors.append(f"第 {_line(item)} 行：{name} 中词条“{term}”重复出现")
                else:
                    seen.add(fold(term))
                    terms.append(entry)
                    term_lines[fold(term)] = _line(item)
    # returned even when invalid, so that duplicate ids and shared terms are still reported
    return Theme(theme_id or "", label or "", tuple(terms), system)


def parse_dictionary(yaml_text: str) -> ThemeDictionary:
    """Validate and build a dictionary; raise :class:`DictionaryError` listing all problems."""
    try:
        root = yaml.compose(yaml_text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else "未知位置"
        raise DictionaryError([f"YAML 语法错误（{where}）：{exc.problem or exc.context}"]) from None
    except yaml.YAMLError as exc:
        raise DictionaryError([f"YAML 语法错误：{exc}"]) from None

    errors: list[str] = []
    if root is None:
        raise DictionaryError(["词典为空：需要顶层键 themes，下面列出各主题"])
    if not isinstance(root, yaml.MappingNode):
        raise DictionaryError([f"第 {_line(root)} 行：词典顶层必须是映射，且包含键 themes"])
    top = _mapping(root, "词典顶层", _TOP_KEYS, errors)
    if "themes" not in top:
        errors.append("词典缺少顶层键 themes")
        raise DictionaryError(errors)
    seq = top["themes"][1]
    if not isinstance(seq, yaml.SequenceNode) or not seq.value:
        errors.append(f"第 {_line(seq)} 行：themes 必须是非空的主题列表")
        raise DictionaryError(errors)

    themes: list[Theme] = []
    id_lines: dict[str, int] = {}
    unconditional_owner: dict[str, str] = {}
    for index, node in enumerate(seq.value, 1):
        term_lines: dict[str, int] = {}
        theme = _parse_theme(node, index, errors, term_lines)
        if theme is None:
            continue
        name = f"主题 {theme.id}" if theme.id else f"第 {index} 个主题"
        if theme.id:
            if theme.id in id_lines:
                errors.append(
                    f"第 {_line(node)} 行：主题 id“{theme.id}”重复（第 {id_lines[theme.id]} 行已定义）"
                )
            else:
                id_lines[theme.id] = _line(node)
        for entry in theme.terms:
            if not isinstance(entry, str):
                continue  # a conditional term may also appear in other themes
            key = fold(entry)
            if key in unconditional_owner and unconditional_owner[key] != name:
                errors.append(
                    f"第 {term_lines[key]} 行：词条“{entry}”同时出现在{unconditional_owner[key]} 与 {name} 中，"
                    f"一个词条只能属于一个主题（除非其他各处都带 requires 或 excludes 条件）"
                )
            else:
                unconditional_owner.setdefault(key, name)
        themes.append(theme)
    if errors:
        raise DictionaryError(errors)
    return ThemeDictionary(tuple(themes))


def load_dictionary(path: Path = DEFAULT_DICTIONARY) -> ThemeDictionary:
    return parse_dictionary(Path(path).read_text(encoding="utf-8-sig"))


def dump_dictionary(d: ThemeDictionary) -> str:
    """YAML text that :func:`parse_dictionary` reads back to an equal dictionary."""
    themes = []
    for t in d.themes:
        item: dict[str, object] = {"id": t.id, "label": t.label}
        if t.system is not None:
            item["system"] = t.system
        terms: list[object] = []
        for e in t.terms:
            if isinstance(e, str):
                terms.append(e)
            else:
                entry: dict[str, object] = {"term": e.term}
                if e.requires:
                    entry["requires"] = list(e.requires)
                if e.excludes:
                    entry["excludes"] = list(e.excludes)
                if e.window is not None:
                    entry["window"] = e.window
                terms.append(entry)
        item["terms"] = terms
        themes.append(item)
    return yaml.safe_dump({"themes": themes}, allow_unicode=True, sort_keys=False, width=100)


def rates(counts: Mapping[str, int], *, chars: int) -> dict[str, Rate]:
    """Count, hits per 10,000 characters and share of all theme hits, per theme."""
    total = sum(counts.values())
    return {
        tid: Rate(
            count=n,
            per_10k=n * 10_000 / chars if chars > 0 else 0.0,
            share=n / total if total > 0 else 0.0,
        )
        for tid, n in counts.items()
    }


def emphasis(counts: Mapping[str, int], *, a: str = DEFAULT_EMPHASIS[0], b: str = DEFAULT_EMPHASIS[1]) -> float:
    """log((a+1)/(b+1)): > 0 leans to theme a, < 0 to theme b."""
    for tid in (a, b):
        if tid not in counts:
            raise KeyError(f"未知主题：{tid}")
    return math.log((counts[a] + 1) / (counts[b] + 1))


# --- Hand-checked precision sample ------------------------------------------------------------

SAMPLE_COLUMNS = ["sid", "source", "start", "end", "match", "theme_id", "judgement", "note", "sentence"]
_YES = {"yes": True, "y": True, "1": True, "是": True, "对": True, "no": False, "n": False, "0": False, "否": False, "错": False}


@dataclass(frozen=True)
class Sample:
    """Sentences read by hand and the judgement of each hit in them.

    ``sentences``: sentence id -> (source, sentence). ``judgements``: (sentence id, start, end,
    theme id) -> True when that mention really belongs to that theme, read in its sentence.
    Judgements of hits the current dictionary no longer makes are kept (they judge other versions)."""

    sentences: dict[str, tuple[str, str]]
    judgements: dict[tuple[str, int, int, str], bool]
    notes: dict[tuple[str, int, int, str], str]


def parse_sample(tsv_text: str) -> Sample:
    """Read the sample file: ``#`` comment lines, a header, then one tab-separated row per judged hit
    (columns ``SAMPLE_COLUMNS``; judgement yes/no). Raises ValueError naming the line of a bad row."""
    sentences: dict[str, tuple[str, str]] = {}
    judgements: dict[tuple[str, int, int, str], bool] = {}
    notes: dict[tuple[str, int, int, str], str] = {}
    header_seen = False
    for lineno, line in enumerate(tsv_text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if cells != SAMPLE_COLUMNS:
                raise ValueError(f"样本第 {lineno} 行：表头应为 {'、'.join(SAMPLE_COLUMNS)}（以制表符分隔）")
            header_seen = True
            continue
        if len(cells) != len(SAMPLE_COLUMNS):
            raise ValueError(f"样本第 {lineno} 行：应有 {len(SAMPLE_COLUMNS)} 列，实有 {len(cells)} 列")
        row = dict(zip(SAMPLE_COLUMNS, cells))
        sid, sentence = row["sid"], row["sentence"]
        if sid in sentences and sentences[sid] != (row["source"], sentence):
            raise ValueError(f"样本第 {lineno} 行：句子编号 {sid} 对应了不同的句子")
        sentences[sid] = (row["source"], sentence)
        if not row["theme_id"]:
            continue  # a sentence without a judged hit
        try:
            start, end = int(row["start"]), int(row["end"])
        except ValueError:
            raise ValueError(f"样本第 {lineno} 行：start、end 必须是整数") from None
        if not (0 <= start < end <= len(sentence)) or sentence[start:end] != row["match"]:
            raise ValueError(f"样本第 {lineno} 行：句中 {start}–{end} 处不是“{row['match']}”")
        if not row["judgement"].strip():
            continue  # listed but not judged yet: counts as unjudged
        verdict = _YES.get(row["judgement"].strip().lower())
        if verdict is None:
            raise ValueError(f"样本第 {lineno} 行：judgement 应为 yes 或 no，实为“{row['judgement']}”")
        key = (sid, start, end, row["theme_id"])
        if key in judgements:
            raise ValueError(f"样本第 {lineno} 行：同一命中（{sid} {start}–{end} {row['theme_id']}）判断了两次")
        judgements[key] = verdict
        if row["note"]:
            notes[key] = row["note"]
    if not header_seen:
        raise ValueError("样本缺少表头")
    return Sample(sentences, judgements, notes)


def load_sample(path: Path = DEFAULT_SAMPLE) -> Sample:
    return parse_sample(Path(path).read_text(encoding="utf-8"))


SAMPLE_HIT_COLUMNS = ["sid", "source", "start", "end", "match", "term", "theme_id", "judgement", "sentence"]


def sample_hits(dictionary: ThemeDictionary, *, sample: Sample | None = None) -> pd.DataFrame:
    """Every hit ``dictionary`` makes in the sample's sentences (each sentence read on its own),
    with its judgement (True/False, or None when nobody has judged that hit yet)."""
    sample = load_sample() if sample is None else sample
    rows = []
    for sid, (source, sentence) in sample.sentences.items():
        for h in dictionary.find(sentence):
            verdict = sample.judgements.get((sid, h.start, h.end, h.theme_id))
            rows.append((sid, source, h.start, h.end, sentence[h.start:h.end], h.term, h.theme_id, verdict, sentence))
    return pd.DataFrame(rows, columns=SAMPLE_HIT_COLUMNS)


PRECISION_COLUMNS = ["theme_id", "label", "hits", "judged", "correct", "precision", "unjudged"]


def precision_report(dictionary: ThemeDictionary, *, sample: Sample | None = None) -> pd.DataFrame:
    """Per theme of ``dictionary``: hits in the hand-checked sample, how many are judged, judged
    correct, precision (correct / judged; NaN with nothing judged) and hits not judged yet.

    Pure: the dictionary editor calls it on an edited dictionary before saving it."""
    hits = sample_hits(dictionary, sample=sample)
    rows = []
    for t in dictionary.themes:
        mine = hits[hits["theme_id"] == t.id]["judgement"]
        judged = int(mine.notna().sum())
        correct = int((mine == True).sum())  # noqa: E712 (object column of True/False/None)
        rows.append((t.id, t.label, len(mine), judged, correct, correct / judged if judged else float("nan"),
                     len(mine) - judged))
    return pd.DataFrame(rows, columns=PRECISION_COLUMNS).astype(
        {"hits": "int64", "judged": "int64", "correct": "int64", "precision": "float64", "unjudged": "int64"})


def unjudged_rows(dictionary: ThemeDictionary, *, sample: Sample | None = None) -> list[str]:
    """Sample-file rows (judgement left empty) for the hits nobody has judged yet, to be filled in by hand."""
    hits = sample_hits(dictionary, sample=sample)
    todo = hits[hits["judgement"].isna()]
    return ["\t".join([r.sid, r.source, str(r.start), str(r.end), r.match, r.theme_id, "", "", r.sentence])
            for r in todo.itertuples(index=False)]
