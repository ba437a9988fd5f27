"""Indicator themes: a user-editable YAML dictionary of terms, counted with Aho-Corasick.

计数规则：所有主题的词条合成一个自动机，在规范化后的全文上查找全部出现位置，
再按“最左最长、互不重叠”取舍：从左到右，先取起点最靠左的匹配，同一起点取最长的词条，
与已取匹配重叠的一概舍弃。因此每一处文字最多计一次，且只计入一个主题：
“行政执法”只计一次（行政执法），不再另计“执法”；“普法宣传”只计一次，不再另计“普法”；
“谁执法谁普法”整体计为普法宣传一次，其中的“执法”“普法”都不另计。
每万字频次 = 次数 × 10000 ÷ 全文字符数；占比 = 该主题次数 ÷ 全部主题命中总数。
侧重指数 = ln((甲主题次数 + 1) ÷ (乙主题次数 + 1))，默认甲为普法宣传、乙为行政执法：
大于 0 偏重普法，小于 0 偏重执法。
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping
from typing import NamedTuple
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import yaml

from analytics import DATA_DIR

DEFAULT_DICTIONARY = DATA_DIR / "themes.yaml"
DEFAULT_EMPHASIS = ("law_popularization", "enforcement")

_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_TOP_KEYS = ("themes",)
_THEME_KEYS = ("id", "label", "system", "terms")
_STR = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    terms: tuple[str, ...]
    system: str | None = None


class Hit(NamedTuple):
    """One dictionary match (a named tuple: ~900 per report are made, so construction must be cheap)."""

    start: int
    end: int
    term: str
    theme_id: str


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


class ThemeDictionary:
    """Validated themes plus one Aho-Corasick automaton over all their terms."""

    def __init__(self, themes: tuple[Theme, ...]):
        self.themes = tuple(themes)
        canonical = json.dumps(
            [[t.id, t.label, t.system, list(t.terms)] for t in self.themes], ensure_ascii=False
        )
        self.version = hashlib.sha1(canonical.encode("utf-8")).hexdigest()
        self._labels = {t.id: t.label for t in self.themes}
        self._automaton = ahocorasick.Automaton()
        for theme in self.themes:
            for term in theme.terms:
                self._automaton.add_word(term, (term, theme.id, len(term)))
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

    def find(self, text: str) -> list[Hit]:
        """Leftmost-longest, non-overlapping matches, in text order."""
        if self._automaton is None or not text:
            return []
        # (start, -end) sorts leftmost first, then longest; tuples sort natively without a key function.
        found = [(end + 1 - n, -end - 1, term, tid) for end, (term, tid, n) in self._automaton.iter(text)]
        found.sort()
        hits: list[Hit] = []
        last_end = 0
        for start, neg_end, term, tid in found:
            if start >= last_end:
                last_end = -neg_end
                hits.append(Hit(start, last_end, term, tid))
        return hits

    def count(self, text: str) -> dict[str, int]:
        counts = dict.fromkeys(self.ids(), 0)
        for hit in self.find(text):
            counts[hit.theme_id] += 1
        return counts

    def dominant_theme(self, text: str) -> str | None:
        counts = self.count(text)
        best = max(counts.values(), default=0)
        if best == 0:
            return None
        return next(tid for tid, n in counts.items() if n == best)

    def __repr__(self) -> str:
        return f"ThemeDictionary({len(self.themes)} themes, version={self.version[:10]})"


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

    terms: list[str] = []
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
                term = _scalar_str(item)
                if isinstance(item, yaml.ScalarNode) and item.tag.endswith(":null"):
                    term = ""
                if term is None:
                    shown = item.value if isinstance(item, yaml.ScalarNode) else type(item).__name__
                    errors.append(
                        f"第 {_line(item)} 行：{name} 的第 {pos} 个词条“{shown}”不是文字"
                        f"（数字、true/false 等请加引号）"
                    )
                    continue
                term = term.strip()
                if not term:
                    errors.append(f"第 {_line(item)} 行：{name} 的第 {pos} 个词条为空")
                elif term in seen:
                    errors.append(f"第 {_line(item)} 行：{name} 中词条“{term}”重复出现")
                else:
                    seen.add(term)
                    terms.append(term)
                    term_lines[term] = _line(item)
    # returned even when invalid, so that duplicate ids and shared terms are still reported
    return Theme(theme_id or "", label or "", tuple(terms), system)


def parse_dictionary(yaml_text: str) -> ThemeDictionary:
    """Validate and build a dictionary; raise :class:`DictionaryError` listing all problems."""
    try:
        root = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
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
    term_owner: dict[str, str] = {}
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
        for term in theme.terms:
            if term in term_owner and term_owner[term] != name:
                errors.append(
                    f"第 {term_lines[term]} 行：词条“{term}”同时出现在{term_owner[term]} 与 {name} 中，"
                    f"一个词条只能属于一个主题"
                )
            else:
                term_owner.setdefault(term, name)
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
        item["terms"] = list(t.terms)
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
