"""Word segmentation with the domain dictionary, content-term filtering and place-name detection.

Two engines give identical tokens: ``rjieba`` (Rust port of jieba, fast; the default) and
``jieba`` (the reference implementation). Both run jieba's precise mode with HMM, the default
dictionary plus ``data/userdict.txt``. Every user word carries an explicit frequency, so the
result never depends on an engine's own ``suggest_freq``; re-adding a word the default dictionary
already has is counted the same way in both (see ``Tokenizer.__init__``).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Literal

from analytics import DATA_DIR

DEFAULT_USER_DICT = DATA_DIR / "userdict.txt"
DEFAULT_STOPWORDS = DATA_DIR / "stopwords.txt"

Engine = Literal["rjieba", "jieba"]

_DIGIT = re.compile(r"\d")
_WORD_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z]")
_HAN_ONLY = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
# Chinese numerals and the qualifiers that go with them (一, 二十, 百余, 第三, 两万余 …).
_CN_NUMERAL = re.compile(r"^[零〇一二两三四五六七八九十百千万亿几余多第半壹贰叁肆伍陆柒捌玖拾佰仟]+$")


def read_user_dict(path: Path) -> list[tuple[str, int, str | None]]:
    """Entries ``(word, freq, tag)`` of a jieba-format user dictionary; every entry needs a frequency."""
    entries: list[tuple[str, int, str | None]] = []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), 1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        if len(parts) not in (2, 3) or not parts[1].isdigit():
            raise ValueError(f"用户词典 {path} 第 {lineno} 行格式错误（应为“词语 词频 [词性]”）：{line!r}")
        entries.append((parts[0], int(parts[1]), parts[2] if len(parts) == 3 else None))
    return entries


def read_stopwords(path: Path) -> frozenset[str]:
    """One stopword per line; blank lines and ``#`` comments ignored."""
    lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#"))


class Tokenizer:
    """jieba-compatible tokenizer with its own dictionary state (default dict + user dict)."""

    def __init__(
        self,
        *,
        user_dict: Path | None = DEFAULT_USER_DICT,
        stopwords: Path | None = DEFAULT_STOPWORDS,
        engine: Engine = "rjieba",
    ) -> None:
        self.engine = engine
        self._verdicts: dict[str, bool] = {}  # token -> is_term (vocabulary-bounded)
        self.user_words_ = read_user_dict(user_dict) if user_dict is not None else []
        self.stopwords_: frozenset[str] = read_stopwords(stopwords) if stopwords is not None else frozenset()
        if engine == "rjieba":
            import rjieba

            self._rj = rjieba.Jieba()  # own instance: own dictionary
            for word, freq, tag in self.user_words_:
                self._rj.add_word(word, freq, tag)
        elif engine == "jieba":
            import jieba

            jieba.setLogLevel(logging.WARNING)
            self._jt = jieba.Tokenizer()  # never the global jieba.dt
            self._jt.initialize()
            for word, freq, tag in self.user_words_:
                # jieba-rs replaces an existing word's frequency in the total; jieba only adds to it.
                # Subtract the old frequency so both engines see the same total (same tokens).
                old = self._jt.FREQ.get(word, 0)
                self._jt.add_word(word, freq, tag)
                self._jt.total -= old
            self._pos = None
        else:
            raise ValueError(f"未知的分词引擎：{engine!r}（可选 rjieba 或 jieba）")

    def cut(self, text: str) -> list[str]:
        """Raw tokens: jieba precise mode with HMM."""
        if self.engine == "rjieba":
            return self._rj.cut(text, True)
        return self._jt.lcut(text)

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Tokens with jieba POS tags (user words carry the tag of the user dictionary)."""
        if self.engine == "rjieba":
            return self._rj.tag(text, True)
        if self._pos is None:
            from jieba.posseg import POSTokenizer

            self._pos = POSTokenizer(self._jt)
        return [(p.word, p.flag) for p in self._pos.lcut(text)]

    def is_term(self, token: str) -> bool:
        """A content term: ≥ 2 characters, has a letter, no digit, not a numeral, not a stopword."""
        return (
            len(token) >= 2
            and token not in self.stopwords_
            and not token.isspace()
            and _WORD_CHAR.search(token) is not None
            and _DIGIT.search(token) is None
            and _CN_NUMERAL.match(token) is None
            and token == token.strip()
        )

    def terms(self, text: str) -> list[str]:
        """Content terms of ``text`` in order (see :meth:`is_term`); verdicts memoised per token."""
        tokens = self.cut(text)
        verdicts = self._verdicts
        for t in set(tokens).difference(verdicts):
            verdicts[t] = self.is_term(t)
        return [t for t in tokens if verdicts[t]]


@functools.lru_cache(maxsize=4)
def load_tokenizer(*, engine: str = "rjieba") -> Tokenizer:
    """The shared tokenizer with the default dictionaries (built once per process)."""
    return Tokenizer(engine=engine)  # type: ignore[arg-type]


# ---- place names ----------------------------------------------------------------------------
# Administrative and institutional suffixes that follow a proper name, longest first.
ADMIN_SUFFIXES = ("街道办事处", "街道", "社区", "居委会", "村委会", "镇", "乡", "村", "县", "区", "市", "省", "旗")
INSTITUTION_SUFFIXES = ("实验小学", "实验中学", "小学", "中学", "学校", "幼儿园", "大学", "学院", "派出所", "司法所", "卫生院")
_SUFFIXES = tuple(sorted(ADMIN_SUFFIXES + INSTITUTION_SUFFIXES, key=len, reverse=True))
# Suffixes after which a plain noun ('n') may still be a name (商家镇): not 村/社区 (戒毒社区, 行政村).
_LOOSE_SUFFIXES = frozenset({"镇", "乡", "街道", "县", "区"})
_LOOSE_MIN_COUNT = 3
_NAME_MODIFIERS = frozenset({"实验", "中心", "第一", "第二", "第三", "希望", "民族", "外国语", "师范", "附属", "新"})
_NAME_POS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "ng"})
# Words that make "X村 / X镇 / X区 …" a generic noun rather than a name.
GENERIC_STEMS = frozenset(
    """全 本 各 我 该 此 每 城 郊 山 地 小 社 园 辖 治 农 乡 街 村 镇 市 县 区 省 新 老 大 特 两 多 一 几 贫 邻
    行政 自然 法治 示范 文明 平安 和谐 美丽 幸福 宜居 生态 文化 卫生 健康 智慧 数字 无毒 无讼 城乡 农村 乡村 基层
    所在 所辖 相关 有关 重点 贫困 试点 先进 城市 地区 周边 中心 偏远 边远 山区 城区 社会 信访 禁毒 戒毒 康复
    矫正 民主 民主法治 民主法治示范 模范 标准化 规范化 星级 绿色 森林 卫生 安全 党建 网格 开发 工业 经济 商业 居民
    学校 中小 全体 全县 全区 全市 全镇 全乡 各级 各个 各类 每个 所有 重要 主要 本级 上级 下级 辖区 片区 社区 园区""".split()
)


def _core(name: str) -> str:
    """A name without its suffix when ≥ 2 characters remain (南郊镇 → 南郊, 鲁中实验小学 → 鲁中, 新县 → 新县)."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def place_stems(names: Iterable[str]) -> set[str]:
    """Names plus their stems without the suffix (南郊镇 → 南郊, 周村区 → 周村); names < 2 chars dropped."""
    out: set[str] = set()
    for name in (n.strip() for n in names):
        if len(name) >= 2:
            out |= {name, _core(name)}
    return out


def _is_generic(stem: str, stopwords: Collection[str]) -> bool:
    if stem in GENERIC_STEMS or stem in stopwords or not _HAN_ONLY.match(stem):
        return True
    return any(stem.endswith(g) for g in GENERIC_STEMS if len(g) >= 2)


def _suffix_of(term: str) -> str | None:
    return next((s for s in _SUFFIXES if term.endswith(s) and len(term) > len(s)), None)


# Generic nouns that end like a place (…乡村, …社区, …城区): never names on their own.
GENERIC_PLACE_WORDS = frozenset(
    """乡村 农村 新农村 城乡 城市 行政村 自然村 中心村 贫困村 示范村 社区 小区 城区 辖区 山区 园区 地区 街区 郊区 市区
    景区 片区 社区矫正 乡镇 村镇 城镇 集镇 全县 全区 全市 全镇 全乡 全省 超市""".split()
)


class PlaceMatcher:
    """``is_place_name`` with the known names' stems computed once (for scoring many terms)."""

    def __init__(self, known: Collection[str] = ()) -> None:
        self.stems_ = {_core(k.strip()) for k in known if len(k.strip()) >= 2}
        tok = load_tokenizer()
        self._stopwords = tok.stopwords_
        self._domain = {w for w, _, _ in tok.user_words_}

    def __call__(self, term: str) -> bool:
        if len(term) < 2:
            return False
        for stem in self.stems_:
            # A term containing a known name's stem (法治南郊, 南郊镇) or a piece of one (十里 of 十里亭) is a
            # place term; suffixes are not pieces (派出所 of 五里亭派出所 is not).
            if stem in term or term in stem:
                return True
        suffix = _suffix_of(term)
        if suffix is None or term in self._domain or any(term.endswith(g) for g in GENERIC_PLACE_WORDS):
            return False
        stem = term[: -len(suffix)]
        return len(stem) >= 2 and not _is_generic(stem, self._stopwords)


def is_place_name(term: str, *, known: Collection[str] = ()) -> bool:
    """Whether ``term`` names (or contains) a place: a known name or stem, or a proper name + 镇/村/社区/小学 …

    POS 'ns' alone is not used: jieba tags 深度, 普及, 依法治国 as 'ns' and 周村区, 尚庄村 as 'nr'.
    """
    return PlaceMatcher(known)(term)


def _namey(token: str, pos: str, stopwords: Collection[str]) -> bool:
    if not _HAN_ONLY.match(token) or token in stopwords or token in GENERIC_STEMS:
        return False
    if pos in _NAME_POS:
        return True
    # 十里(m) 亭 镇: numerals glued to a name character, but not bare numerals (年, 一是).
    return pos == "m" and len(token) >= 2 and _CN_NUMERAL.match(token) is None


def place_names_in(text: str, *, known: Collection[str] = ()) -> set[str]:
    """Towns, counties, villages, communities, streets and schools named in ``text``.

    Known names (and their stems) found in the text, plus names detected from tokens: a proper-name
    chain (POS ns/nr/nz…) followed by a suffix (镇, 村, 社区, 街道, 小学 …), or a single token that
    ends in one (尚庄村, 沈丘县) after a non-generic stem.
    """
    tok = load_tokenizer()
    stops = tok.stopwords_
    user_words = {w for w, _, _ in tok.user_words_}
    found = {k for k in place_stems(known) if k in text}
    loose: dict[str, int] = {}
    tagged = tok.tag(text)
    for i, (word, pos) in enumerate(tagged):
        if not _HAN_ONLY.match(word) or word in user_words:
            continue
        if word in _SUFFIXES:
            suffix, head = word, ""
        else:
            suffix = _suffix_of(word)
            if suffix is None or pos not in _NAME_POS:  # 超市, 下乡, 进社区: ordinary words
                continue
            head = word[: -len(suffix)]
            if len(head) >= 2:
                if not _is_generic(head, stops):
                    found.add(word)
                continue
        # Walk back over up to three name-like tokens (张楼+新村, 十里+亭+镇, 鲁中+实验小学).
        chain, j = "", i - 1
        while j >= 0 and i - j <= 3:
            prev, ppos = tagged[j]
            # 实验/中心 … inside a name only when a proper name precedes them (鲁中 实验 小学).
            if not (_namey(prev, ppos, stops) or (prev in _NAME_MODIFIERS and j > 0 and _namey(*tagged[j - 1], stops))):
                break
            chain = prev + chain
            j -= 1
        stem = chain + head
        if len(stem) >= 2 and not _is_generic(stem, stops):
            found.add(stem + suffix)
        elif not chain and not head and suffix in _LOOSE_SUFFIXES and i > 0:
            # A plain noun before 镇/乡/县/区 (商家 镇) counts only when it recurs, as a town's own name does.
            prev, ppos = tagged[i - 1]
            if ppos == "n" and len(prev) >= 2 and _HAN_ONLY.match(prev) and not _is_generic(prev, stops):
                loose[prev + suffix] = loose.get(prev + suffix, 0) + 1
    found |= {name for name, n in loose.items() if n >= _LOOSE_MIN_COUNT}
    return found
