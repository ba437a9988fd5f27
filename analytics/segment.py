"""Word segmentation with the domain dictionary, content-term filtering and place-name detection.

Two engines give identical tokens: ``rjieba`` (Rust port of jieba, fast; the default) and
``jieba`` (the reference implementation). Both run jieba's precise mode with HMM, the default
dictionary plus ``data/userdict.txt``. Every user word carries an explicit frequency, so the
result never depends on an engine's own ``suggest_freq``; re-adding a word the default dictionary
already has is counted the same way in both (see ``Tokenizer.__init__``).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Iterable, KeysView, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress
from pathlib import Path
from typing import Literal

from analytics import DATA_DIR

DEFAULT_USER_DICT = DATA_DIR / "userdict.txt"
DEFAULT_STOPWORDS = DATA_DIR / "stopwords.txt"

Engine = Literal["rjieba", "jieba"]

TERM_RULES = "2026-11-28.1"  # bump when what `Tokenizer.analyse` counts changes: stored term counts are redone


def files_digest(*paths: Path) -> str:
    """A short hash of the files' bytes: part of a rules version that changes when a word list is edited."""
    return hashlib.sha1(b"\0".join(Path(p).read_bytes() for p in paths)).hexdigest()[:12]


def term_rules_version() -> str:
    """What stored term counts depend on: the counting rules, the user dictionary and the stopwords."""
    return f"{TERM_RULES}/{files_digest(DEFAULT_USER_DICT, DEFAULT_STOPWORDS)}"

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
        self._known: dict[str, bool] = {}  # string -> known_word (bounded: cleared past _KNOWN_MEMO entries)
        # Memoised verdicts (vocabulary-bounded): tokens judged, content terms, tokens that may end a place.
        self._judged: set[str] = set()
        self._content_set: set[str] = set()
        self._place_ends: set[str] = set()  # may end a place name after other tokens (镇, 门乡, 新村)
        self._lone_places: set[str] = set()  # place names on their own (尚庄村, 沈丘县, 渠县)
        self._pos_memo: dict[str, str] = {}  # token -> POS tag
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
        self.user_word_set_: frozenset[str] = frozenset(w for w, _, _ in self.user_words_)

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
        """A content term: ≥ 2 characters, has a letter, no digit, not a numeral (nor a numeral with its
        measure word: 三个, 十余名, 余份), not a stopword."""
        return (
            len(token) >= 2
            and token not in self.stopwords_
            and not token.isspace()
            and _WORD_CHAR.search(token) is not None
            and _DIGIT.search(token) is None
            and _CN_NUMERAL.match(token) is None
            and _COUNT_TOKEN.match(token) is None
            and token == token.strip()
        )

    def terms(self, text: str) -> list[str]:
        """Content terms of ``text`` in order (see :meth:`is_term`); verdicts memoised per token."""
        tokens = self.cut(text)
        verdicts = self._verdicts
        for t in set(tokens).difference(verdicts):
            verdicts[t] = self.is_term(t)
        return [t for t in tokens if verdicts[t]]

    def known_word(self, token: str) -> bool:
        """Whether ``token`` is in the dictionary (jieba's default dictionary or the user dictionary)."""
        known = self._known.get(token)
        if known is None:
            if len(self._known) >= _KNOWN_MEMO:
                self._known.clear()
            known = self._known[token] = (bool(self._rj.has_word(token)) if self.engine == "rjieba"
                                          else self._jt.FREQ.get(token, 0) > 0)
        return known

    def is_guess(self, token: str) -> bool:
        """A two-character token no dictionary knows: jieba's HMM glued two single characters (门乡 of
        小龙门乡, 反有 of 《反有组织犯罪法》, 为静 of 为静海区). Almost always a fragment, never a keyword."""
        return len(token) == 2 and not self.known_word(token)

    def is_content_term(self, token: str) -> bool:
        """:meth:`is_term` and not :meth:`is_guess`: what :meth:`analyse` counts."""
        return self.is_term(token) and not self.is_guess(token)

    def _judge(self, tokens: KeysView[str]) -> None:
        """Judge the distinct tokens not seen before (vocabulary-bounded memo, kept as sets so that
        each report needs only set algebra in C): content term? place name on its own? may end one?"""
        judged = self._judged
        if judged.issuperset(tokens):
            return
        new = [t for t in tokens if t not in judged]
        stops = self.stopwords_
        for t in new:
            if self.is_content_term(t):
                self._content_set.add(t)
            if not _HAN_ONLY.match(t) or t in self.user_word_set_ or not t.endswith(_SUFFIXES):
                continue
            if t in _SUFFIXES:
                self._place_ends.add(t)
                continue
            suffix = _suffix_of(t)
            head = t[: -len(suffix)]
            pos = self.pos_of(t)
            if len(head) >= 2:  # 尚庄村, 沈丘县: a proper name and its suffix
                if pos in _NAME_POS and not _is_generic(head, stops) and t not in GENERIC_PLACE_WORDS:
                    self._lone_places.add(t)  # (not 城中村, 空心村: common nouns that end like a place)
                continue
            if pos == "ns" and suffix in _COUNTY_SUFFIXES and head not in _NOT_COUNTY_HEADS:
                self._lone_places.add(t)  # 渠县, 新县: a county's name is often two characters
            elif pos not in _NAME_POS and (t in GENERIC_PLACE_WORDS or pos.startswith("v") or head in GENERIC_STEMS):
                continue  # 全镇, 各村, 下乡, 农村
            self._place_ends.add(t)  # 门乡, 海区, 新村, 山镇: a name may precede it
        judged.update(new)

    def pos_of(self, token: str) -> str:
        """POS tag of one token (memoised): its dictionary tag, or the engine's guess for an unknown word;
        'x' when the engine would cut the token on its own differently."""
        pos = self._pos_memo.get(token)
        if pos is None:
            tagged = self.tag(token)
            pos = self._pos_memo[token] = tagged[0][1] if len(tagged) == 1 else "x"
        return pos

    def analyse(self, text: str, *, known_places: Iterable[str] = (), tokens: list[str] | None = None) -> TermAnalysis:
        """Content-term counts and place names of one report from one tokenizer pass.

        ``known_places``: names from the report's metadata (town, county …); they and their stems count
        as place names wherever they occur. Tokens that overlap a place name, a book title 《…》, a
        document number (渠委法办发〔2022〕5号, 第3号) or a number with its measure word (2名法援律师 →
        名法援) are not counted; a short title (《反有组织犯罪法》, 《中华人民共和国民法典》 → 民法典) is
        counted as one term. Two-character guesses (:meth:`is_guess`) are not counted. ``tokens``: this
        tokenizer's :meth:`cut` of ``text`` when the caller has it already.
        """
        if tokens is None:
            tokens = self.cut(text)
        ends = list(accumulate(map(len, tokens)))
        if ends and ends[-1] != len(text):  # an engine skipped characters: find each token in the text
            ends = _locate(text, tokens)
        counts = Counter(tokens)
        self._judge(counts.keys())
        places = self._places(text, tokens, counts, known_places)
        drop: set[int] = set()
        for start, end in _occurrences(text, places):
            _mark(drop, ends, start, end)
        titles: Counter[str] = Counter()
        for m in _TITLE.finditer(text):
            _mark(drop, ends, m.start(), m.end())
            term = _title_term(m.group(1), places)
            if term and self.is_term(term):
                titles[term] += 1
        for m in _QUOTED.finditer(text):  # a quoted slogan or local brand (“小马拉大车”, “火塘夜话”) is one term
            start, end, term = m.start(1), m.end(1), m.group(1)
            first, last = bisect_right(ends, start), bisect_right(ends, end - 1)  # tokens inside the marks
            if last == first or (ends[first - 1] if first else 0) != start or ends[last] != end:
                continue  # one token already, or a quote mark glued to a neighbour: the tokens stay as they are
            if not drop.isdisjoint(range(first, last + 1)) or not self.is_term(term) \
                    or any(p in term for p in places):
                continue
            _mark(drop, ends, start, end)
            titles[term] += 1
        stops = self.stopwords_
        for m in _DOCNO.finditer(text):
            start = m.start()
            i, taken = bisect_right(ends, start), 0  # walk back over the issuer's abbreviation (渠委 法办 发)
            while i > 0:
                prev = tokens[i - 1]
                taken += len(prev)
                if taken > 8 or prev in stops or not self._issuer_piece(prev):
                    break
                i -= 1
                start = ends[i - 1] if i else 0
            _mark(drop, ends, start, m.end())
        for m in _ORDINAL_NO.finditer(text):
            _mark(drop, ends, m.start(), m.end())
        for m in _COUNTED.finditer(text):  # Chinese numerals with a measure word are single tokens: is_term
            i = bisect_right(ends, m.start())
            if (ends[i - 1] if i else 0) == m.start():  # the number starts a token
                _mark(drop, ends, m.start(), m.end(), keep_words=True)
        for i in drop:
            counts[tokens[i]] -= 1
        content = self._content_set
        out = {t: c for t, c in counts.items() if c > 0 and t in content}
        for term, c in titles.items():
            out[term] = out.get(term, 0) + c
        return TermAnalysis(counts=out, places=frozenset(places), ends=ends)

    # -- place names ---------------------------------------------------------------------------
    def _issuer_piece(self, token: str) -> bool:
        """A piece of a document number's issuer code (渠委 法办 发, 临政办 字, 国办发): one character, an
        abbreviation ('j'), a string no dictionary knows, or made of issuer characters (办发, 委办) —
        not an ordinary word before it (改革 渠府办发〔2022〕18号)."""
        if len(token) > 4 or not _HAN_ONLY.match(token):
            return False
        return (
            len(token) == 1
            or all(ch in _ISSUER_CHARS for ch in token)
            or not self.known_word(token)
            or self.pos_of(token) == "j"
        )

    def _name_part(self, token: str) -> bool:
        """A noun of one to three characters that can open a village or town name (梨树, 瓦屋, 高家)."""
        return (
            1 <= len(token) <= 3
            and _HAN_ONLY.match(token) is not None
            and token not in self.stopwords_
            and token not in self.user_word_set_
            and token not in GENERIC_STEMS
            and self.pos_of(token)[:1] == "n"
        )

    def _places(self, text: str, tokens: Sequence[str], counts: Counter[str], known: Iterable[str]) -> set[str]:
        """Known names (and their non-generic stems) present in the text, plus names found in the tokens:
        a proper-name chain followed by a suffix (十里 亭 镇, 鲁中 实验小学, 小龙 门乡, 静 海区), a proper
        name ending in one (尚庄村, 沈丘县), a two-character county tagged 'ns' (渠县, 新县)."""
        stops, pos_of = self.stopwords_, self.pos_of
        found: set[str] = set()
        for name in (k.strip() for k in known if k):
            if len(name) >= 2 and name in text:
                found.add(name)
                core = _core(name)
                if core != name and core in text and not _is_generic(core, stops):
                    found.add(core)
        found |= _present(self._lone_places, counts)
        candidates = _present(self._place_ends, counts)
        if not candidates:
            return found
        loose: dict[str, int] = {}

        def namey(j: int) -> bool:
            return _namey(tokens[j], pos_of(tokens[j]), stops)

        for i in list(compress(range(len(tokens)), map(candidates.__contains__, tokens))):  # (a C-level scan)
            word = tokens[i]
            if word in _SUFFIXES:
                suffix, head, strict = word, "", False
            else:
                suffix = _suffix_of(word)
                head = word[: -len(suffix)]
                # 门乡 / 海区: the last character of a name glued to its suffix (小龙门乡, 静海区); the chain
                # before it must be proper names only
                strict = pos_of(word) not in _NAME_POS
            if not head and i >= 2 and tokens[i - 1] in _GEO_CHARS and self._name_part(tokens[i - 2]):
                # 梨树 湾 村, 石板 滩 镇: a noun and a landform character before the suffix
                found.add(tokens[i - 2] + tokens[i - 1] + suffix)
                continue
            # Walk back over up to three name-like tokens (张楼+新村, 十里+亭+镇, 鲁中+实验小学).
            chain, j = "", i - 1
            while j >= 0 and i - j <= 3:
                prev = tokens[j]
                if len(prev) >= 2 and prev[-1] in _ADMIN_LAST:
                    break  # 天津市 静 海区: a complete name ends the chain (静海区, not 天津市静海区)
                if len(head) == 1 and head in _GEO_CHARS and not (chain or namey(j)):
                    # 瓦屋 山镇, 高家 沟村: one noun before a landform character and the suffix
                    ok = j == i - 1 and self._name_part(prev)
                elif strict:
                    ok = pos_of(prev) in _STRICT_NAME_POS and len(prev) <= 3 and _HAN_ONLY.match(prev) is not None \
                        and prev not in stops and prev not in self.user_word_set_
                else:
                    # 实验/中心 … inside a name only when a proper name precedes them (鲁中 实验 小学).
                    ok = namey(j) or (prev in _NAME_MODIFIERS and j > 0 and namey(j - 1))
                if not ok:
                    break
                chain = prev + chain
                j -= 1
            if strict and not chain:
                continue
            if not head and chain and chain[-1] in _ADMIN_LAST:
                continue  # 天津市 街道 (《天津市街道综合执法暂行办法》): a complete name, then a generic word
            stem = chain + head
            if len(stem) >= 2 and not _is_generic(stem, stops):
                found.add(stem + suffix)
            elif not chain and not head and suffix in _LOOSE_SUFFIXES and i > 0:
                # A plain noun before 镇/乡/县/区 (商家 镇) counts only when it recurs, as a town's own name does.
                prev, ppos = tokens[i - 1], pos_of(tokens[i - 1])
                if ppos == "n" and len(prev) >= 2 and _HAN_ONLY.match(prev) and not _is_generic(prev, stops):
                    loose[prev + suffix] = loose.get(prev + suffix, 0) + 1
        found |= {name for name, n in loose.items() if n >= _LOOSE_MIN_COUNT}
        return found


@dataclass(frozen=True)
class TermAnalysis:
    """One report's content terms and place names, from one pass of :meth:`Tokenizer.analyse`."""

    counts: dict[str, int]  # content term -> count (fragments of names, titles, document numbers removed)
    places: frozenset[str]  # place names found in the text (known names and their stems included)
    ends: list[int] = field(default_factory=list)  # end offset of each token in the text


# Book titles, document numbers (渠委法办发〔2022〕5号 with its issuer walked back over token by token,
# 第329号) and Arabic numbers with a measure word (2名, 30余人次, 1.2万元). Each pattern starts with a
# character class, which the regex engine scans for quickly.
_TITLE = re.compile(r"《([^《》\n]{1,80})》")
# A quoted phrase of 3–8 Chinese characters: a slogan, a local brand or a vivid saying the writer marks as one
# expression (“放管服”, “谁执法谁普法”, “小马拉大车”); longer quotations are sentences, not terms.
_QUOTED = re.compile(r"[“「‘]([\u3400-\u9fff]{3,8})[”」’]")
_DOCNO = re.compile(r"[〔\[［【(（](?:19|20)[0-9０-９]{2}[〕\]］】)）]第?[0-9０-９]+号")
_ISSUER_CHARS = frozenset("委政府办发字函党法规令通复电组宣纪")
_ORDINAL_NO = re.compile(r"第[0-9０-９]+号")
_MEASURE_CHARS = "人场名个次件份户家项条起处期篇幅本册批所支座间套台张元万亿"
_COUNTED = re.compile(rf"[0-9０-９][0-9０-９.．]*[余多]?[{_MEASURE_CHARS}]")
# A token that is only a Chinese number with its measure word (三个, 两名, 十余名, 余份, 多次).
_COUNT_TOKEN = re.compile(
    r"^[零〇一二两三四五六七八九十百千万亿]*[余多]?(?:人次|场次|课时|[人场名个次件份户家项条起处期篇幅本册批所支座间套台张])$"
)
_TITLE_PREFIX = "中华人民共和国"
_TITLE_BRACKETS = re.compile(r"（[^）]*）|\([^)]*\)")
_TITLE_MAX = 10


def _title_term(title: str, places: Collection[str]) -> str | None:
    """A short title as one term (反有组织犯罪法, 民法典 of 中华人民共和国民法典); None for long ones."""
    term = _TITLE_BRACKETS.sub("", title).strip().removeprefix(_TITLE_PREFIX)
    for place in sorted(places, key=len, reverse=True):
        if term.startswith(place):
            term = term[len(place):]
            break
    if not 2 <= len(term) <= _TITLE_MAX or not _HAN_ONLY.match(term) or term.startswith("关于") or "的" in term:
        return None
    return term


def _present(memo: set[str], counts: Counter[str]) -> set[str]:
    """The members of ``memo`` that are keys of ``counts`` (iterating the smaller of the two)."""
    if len(memo) < len(counts):
        return {t for t in memo if t in counts}
    return {t for t in counts if t in memo}


def _locate(text: str, tokens: Sequence[str]) -> list[int]:
    """End offsets of ``tokens`` found in order in ``text`` (when they do not cover it exactly)."""
    ends, pos = [], 0
    for t in tokens:
        at = text.find(t, pos)
        pos = (at if at >= 0 else pos) + len(t)
        ends.append(pos)
    return ends


def _occurrences(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            spans.append((at, at + len(name)))
            at = text.find(name, at + 1)
    return spans


def _mark(drop: set[int], ends: Sequence[int], start: int, end: int, *, keep_words: bool = False) -> None:
    """Add the indices of the tokens overlapping [start, end) to ``drop``. With ``keep_words``, a token
    that starts at ``start`` and runs past ``end`` is a word of its own (三项制度 of 三项) and stays."""
    i = bisect_right(ends, start)
    while i < len(ends):
        t_start = ends[i - 1] if i else 0
        if t_start >= end:
            break
        if not (keep_words and t_start == start and ends[i] > end):
            drop.add(i)
        i += 1


_KNOWN_MEMO = 1_000_000


def load_tokenizer(*, engine: str = "rjieba") -> Tokenizer:
    """The shared tokenizer with the default dictionaries (built once per process and engine)."""
    return _tokenizer(engine)


@functools.lru_cache(maxsize=4)
def _tokenizer(engine: str) -> Tokenizer:
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
_ADMIN_LAST = frozenset("省市县区旗镇乡")
# Landform characters that end many village and town names before their suffix (梨树湾村, 石板滩镇).
_GEO_CHARS = frozenset("山河湖江溪沟湾坡滩坪岗岭峪口营屯堡店集铺坝垭塘洼桥庄寨港关寺洲岛泉井冲场")
_STRICT_NAME_POS = frozenset({"ns", "nr", "nrt", "nrfg", "nz"})
# A two-character token tagged 'ns' and ending in 县/旗 is a county (渠县, 新县, 叶县) unless its first
# character makes it a generic word (大县, 外县, 各县 …).
_COUNTY_SUFFIXES = frozenset({"县", "旗"})
_NOT_COUNTY_HEADS = frozenset("大外全各本该某每邻郊中东西南北上下五镇区郡府地山县市省")
# Words that make "X村 / X镇 / X区 …" a generic noun rather than a name.
GENERIC_STEMS = frozenset(
    """全 本 各 我 该 此 每 城 郊 山 地 小 社 园 辖 治 农 乡 街 村 镇 市 县 区 省 新 老 大 特 两 多 一 几 贫 邻
    行政 自然 法治 示范 文明 平安 和谐 美丽 幸福 宜居 生态 文化 卫生 健康 智慧 数字 无毒 无讼 城乡 农村 乡村 基层
    所在 所辖 相关 有关 重点 贫困 试点 先进 城市 地区 周边 中心 偏远 边远 山区 城区 社会 信访 禁毒 戒毒 康复
    矫正 民主 民主法治 民主法治示范 模范 标准化 规范化 星级 绿色 森林 卫生 安全 党建 网格 开发 工业 经济 商业 居民
    学校 中小 全体 全县 全区 全市 全镇 全乡 各级 各个 各类 每个 所有 重要 主要 本级 上级 下级 辖区 片区 社区 园区""".split()
)


# 民族乡/镇 and autonomous counties: 后坪苗族土家族乡 → 后坪, 石柱土家族自治县 → 石柱.
_ETHNIC_NAME = re.compile(r"^(?P<base>[^族]{2,}?)(?:[^族]{1,3}族)+(?:自治)?(?:乡|镇|县|旗|州)$")


def _core(name: str) -> str:
    """A name without its suffix when ≥ 2 characters remain (南郊镇 → 南郊, 鲁中实验小学 → 鲁中, 新县 → 新县,
    后坪苗族土家族乡 → 后坪)."""
    m = _ETHNIC_NAME.match(name)
    if m:
        return m.group("base")
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


_GENERIC_ENDINGS = tuple(g for g in GENERIC_STEMS if len(g) >= 2)


def _is_generic(stem: str, stopwords: Collection[str]) -> bool:
    if stem in GENERIC_STEMS or stem in stopwords or not _HAN_ONLY.match(stem):
        return True
    return stem.endswith(_GENERIC_ENDINGS)


def _suffix_of(term: str) -> str | None:
    return next((s for s in _SUFFIXES if term.endswith(s) and len(term) > len(s)), None)


# Generic nouns that end like a place (…乡村, …社区, …城区): never names on their own.
GENERIC_PLACE_WORDS = frozenset(
    """乡村 农村 新农村 城乡 城市 行政村 自然村 中心村 贫困村 示范村 社区 小区 城区 辖区 山区 园区 地区 街区 郊区 市区
    景区 片区 社区矫正 乡镇 村镇 城镇 集镇 全县 全区 全市 全镇 全乡 全省 超市 城中村 空心村 镇里""".split()
)


class PlaceMatcher:
    """``is_place_name`` with the known names' stems computed once (for scoring many terms)."""

    def __init__(self, known: Collection[str] = ()) -> None:
        names = {k.strip() for k in known if len(k.strip()) >= 2}
        self.stems_ = {_core(name) for name in names}
        # (name, length of its stem) for names longer than their stem: 小龙门乡 → 3
        self.names_ = {(name, len(core)) for name in names if (core := _core(name)) != name and name.startswith(core)}
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
        for name, cut in self.names_:
            # A piece of a known name that runs across its stem into its suffix (门乡 of 小龙门乡, 海区 of 静海区);
            # pieces of the suffix alone (派出所 of 五里亭派出所, 实验 of 鲁中实验小学) are not.
            at = name.find(term)
            while at >= 0:
                if at < cut < at + len(term):
                    return True
                at = name.find(term, at + 1)
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
    ends in one (尚庄村, 沈丘县) after a non-generic stem. The places of :meth:`Tokenizer.analyse`.
    """
    return set(load_tokenizer().analyse(text, known_places=known).places)
