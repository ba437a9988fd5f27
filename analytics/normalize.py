"""Text normalisation for reports from any source (txt, md, docx, pdf).

``normalize_text`` makes one canonical form: look-alike CJK radicals mapped to normal
ideographs, traditional characters simplified, Markdown emphasis removed, sentences broken
across lines rejoined, one paragraph per line (paragraphs separated by a single ``\\n``).
Full-width Chinese punctuation is kept as it is; full-width digits, Latin letters and ％ become
ASCII (２０２３年 → 2023年, ５．２万元 → 5.2万元), and ASCII punctuation typed inside Chinese text
becomes its Chinese form (情况.原因:一是 → 情况。原因：一是), so that every detector reads one form.
"""

from __future__ import annotations

from collections import Counter
import html
import re
import unicodedata
from functools import lru_cache

import opencc

# CJK Radicals Supplement (U+2E80–2EFF) -> equivalent unified ideograph, from Unicode's
# EquivalentUnifiedIdeograph.txt. U+2E9F and U+2EF3 are left out: NFKC maps them already.
_RADICAL_SUPPLEMENT = {
    0x2E81: 0x5382, 0x2E82: 0x4E5B, 0x2E83: 0x4E5A, 0x2E84: 0x4E59, 0x2E85: 0x4EBB, 0x2E86: 0x5182,
    0x2E87: 0x20628, 0x2E88: 0x5200, 0x2E89: 0x5202, 0x2E8A: 0x535C, 0x2E8B: 0x353E, 0x2E8C: 0x5C0F,
    0x2E8D: 0x5C0F, 0x2E8E: 0x5140, 0x2E8F: 0x5C23, 0x2E90: 0x5C22, 0x2E91: 0x21BC2, 0x2E92: 0x5DF3,
    0x2E93: 0x5E7A, 0x2E94: 0x5F51, 0x2E95: 0x5F50, 0x2E96: 0x5FC4, 0x2E97: 0x5FC3, 0x2E98: 0x624C,
    0x2E99: 0x6535, 0x2E9B: 0x65E1, 0x2E9C: 0x65E5, 0x2E9D: 0x6708, 0x2E9E: 0x6B7A, 0x2EA0: 0x6C11,
    0x2EA1: 0x6C35, 0x2EA2: 0x6C3A, 0x2EA3: 0x706C, 0x2EA4: 0x722B, 0x2EA5: 0x722B, 0x2EA6: 0x4E2C,
    0x2EA7: 0x725B, 0x2EA8: 0x72AD, 0x2EA9: 0x738B, 0x2EAA: 0x24D14, 0x2EAB: 0x76EE, 0x2EAC: 0x793A,
    0x2EAD: 0x793B, 0x2EAE: 0x25AD7, 0x2EAF: 0x7CF9, 0x2EB0: 0x7E9F, 0x2EB1: 0x7F53, 0x2EB2: 0x7F52,
    0x2EB3: 0x34C1, 0x2EB4: 0x5197, 0x2EB5: 0x2626B, 0x2EB6: 0x7F8A, 0x2EB7: 0x2634C, 0x2EB8: 0x2634B,
    0x2EB9: 0x8002, 0x2EBA: 0x8080, 0x2EBB: 0x807F, 0x2EBC: 0x8089, 0x2EBD: 0x26951, 0x2EBE: 0x8279,
    0x2EBF: 0x8279, 0x2EC0: 0x8279, 0x2EC1: 0x864E, 0x2EC2: 0x8864, 0x2EC3: 0x8980, 0x2EC4: 0x897F,
    0x2EC5: 0x89C1, 0x2EC6: 0x89D2, 0x2EC7: 0x278B2, 0x2EC8: 0x8BA0, 0x2EC9: 0x8D1D, 0x2ECA: 0x27FB7,
    0x2ECB: 0x8F66, 0x2ECC: 0x8FB6, 0x2ECD: 0x8FB6, 0x2ECE: 0x8FB6, 0x2ECF: 0x9091, 0x2ED0: 0x9485,
    0x2ED1: 0x9577, 0x2ED2: 0x9578, 0x2ED3: 0x957F, 0x2ED4: 0x95E8, 0x2ED5: 0x28E0F, 0x2ED6: 0x961D,
    0x2ED7: 0x96E8, 0x2ED8: 0x9752, 0x2ED9: 0x97E6, 0x2EDA: 0x9875, 0x2EDB: 0x98CE, 0x2EDC: 0x98DE,
    0x2EDD: 0x98DF, 0x2EDE: 0x2967F, 0x2EDF: 0x98E0, 0x2EE0: 0x9963, 0x2EE1: 0x29810, 0x2EE2: 0x9A6C,
    0x2EE3: 0x9AA8, 0x2EE4: 0x9B3C, 0x2EE5: 0x9C7C, 0x2EE6: 0x9E1F, 0x2EE7: 0x5364, 0x2EE8: 0x9EA6,
    0x2EE9: 0x9EC4, 0x2EEA: 0x9EFE, 0x2EEB: 0x6589, 0x2EEC: 0x9F50, 0x2EED: 0x6B6F, 0x2EEE: 0x9F7F,
    0x2EEF: 0x7ADC, 0x2EF0: 0x9F99, 0x2EF1: 0x9F9C, 0x2EF2: 0x4E80,
}

# Control characters, zero-width marks (BOM, ZWSP/ZWNJ/ZWJ, word joiner, soft hyphen) and
# bidirectional controls (LRM/RLM, ALM, embeddings and overrides U+202A–202E, isolates
# U+2066–2069: a right-to-left override makes "镇营周" display as "周营镇") in one pass.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u200b\u200c\u200d\u2060\u00ad\ufffe"
    "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_LOOKALIKE = re.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")
# Any character one of the four patterns above acts on: most texts have none, and one scan for all of them
# costs what one of them costs (a character class over a long text is the slow case of ``re``).
_RARE = re.compile(
    "[\r\u2028\u2029\x0b\x0c\x85\ud800-\udfff\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f"
    + _CONTROL.pattern[1:-1] + "]"
)

_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+|(?=\S))", re.M)
# Spans are bounded: an unclosed ** would otherwise scan to the end of the text, once per **
# (quadratic). A longer span is left to _MD_STRAY, which drops its markers all the same.
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.{1,200}?)(?<=\S)\1", re.S)
# (the look-behind comes after the literal *, so that re finds the candidates with a fast literal search)
_MD_EM = re.compile(r"\*(?<![*A-Za-z0-9]\*)(?=[^\s*])([^*\n]{1,200}?)(?<=[^\s*])\*(?![*A-Za-z0-9])")
_MD_STRAY = re.compile(r"\*\*+|__+")
# the same patterns for a text with only one of the two markers: a literal first character is found fast
_MD_STRONG_ONE = {m: re.compile(rf"({re.escape(m)})(?=\S)(.{{1,200}}?)(?<=\S)\1", re.S) for m in ("**", "__")}
_MD_STRAY_ONE = {m: re.compile(rf"{re.escape(m)}+") for m in ("**", "__")}

_CN_NUM = "一二三四五六七八九十百零〇"
_LIST_MARKER = re.compile(
    rf"^(?:[{_CN_NUM}]+[、.．]"  # 一、
    rf"|[（(][{_CN_NUM}\d]+[）)]"  # （一） (1)
    r"|\d{1,2}[、.．](?!\d)"  # 1、 1.
    rf"|[{_CN_NUM}]+是"  # 一是
    rf"|第[{_CN_NUM}\d]+[部分章节条项点]"  # 第一部分
    r"|[①-⑳⑴-⒇])"
)
_SENTENCE_ENDS = "。！？；：!?;:…"
_CLOSERS = "”’」』）)]】"
_INNER_PUNCT = re.compile(r"[，。；！？;!?]|,(?!\d{3})|(?<!\d),")  # not the "," of 1,186
_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$")
_SPACE = " \t\u3000\xa0"

# full-width digits and Latin letters, and ％, to ASCII (not the full-width Chinese punctuation ，：；（）…)
_FULLWIDTH = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05]}
_FULLWIDTH_ANY = re.compile("[\uff05\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_DECIMAL_POINT = re.compile(r"(?<=\d)．(?=\d)")
# ASCII punctuation after a Chinese character (or a Chinese closing quote or bracket) and not before a digit
# or Latin letter (3.5, v1.2, http: stay): the writer meant the Chinese mark
# (the look-behind comes after the mark: re then scans for the six marks, not for every Chinese character)
_ASCII_IN_CHINESE = re.compile("[,.;:?!](?![0-9A-Za-z])(?<=[\u4e00-\u9fff”’）》」%][,.;:?!])")
_CHINESE_FORM = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！"}


# a full-width comma between full-width digits groups thousands (１，２３６件): it becomes "," with the digits
_FULLWIDTH_THOUSANDS = re.compile("(?<=[\uff10-\uff19])，(?=[\uff10-\uff19]{3}(?![\uff10-\uff19]))")
# ...and between ASCII digits when the whole number is grouped by threes (2，350人次; not 1，2，3)
_THOUSANDS_RUN = re.compile(r"(?<![\d，,.])\d{1,3}(?:，\d{3})+(?![\d，])")
_THOUSANDS_ANY = re.compile(r"，(?<=\d，)(?=\d{3})")  # (a literal first: re scans for the comma, not every digit)
# 「」『』 (Traditional copies, some web pages) are the quotation marks “”‘’: repeated slogans and quoted names
# are then found whichever marks the writer used
_CORNER_QUOTES = str.maketrans("「」『』", "“”‘’")
_CORNER_MARKS = "「」『』"
# a year in Chinese numerals written with a look-alike zero (二○二三年, 二O二三年, 二0二三年): the zero is 〇
_YEAR_ZEROS = "○OΟ0"
_LOOSE_YEAR = re.compile(f"[〇零一二三四五六七八九{_YEAR_ZEROS}]{{4}}(?=[ \t\u3000]*年)")
_ZERO_TABLE = str.maketrans(dict.fromkeys(_YEAR_ZEROS, "〇"))
_ZERO_HINTS = ("○", "O", "Ο", "二0", "九0")  # every such year from 1990 to 2099 holds one (二0二三, 二00八, 一九九0)


def _chinese_year(m: re.Match[str]) -> str:
    digits = m.group(0)
    if any(c in _YEAR_ZEROS for c in digits) and any(c in "一二三四五六七八九" for c in digits):
        return digits.translate(_ZERO_TABLE)
    return digits


def _fold_forms(text: str) -> str:
    if _FULLWIDTH_ANY.search(text):
        if "，" in text:
            text = _FULLWIDTH_THOUSANDS.sub(",", text)
        text = _DECIMAL_POINT.sub(".", text.translate(_FULLWIDTH))
    if _THOUSANDS_ANY.search(text):
        text = _THOUSANDS_RUN.sub(lambda m: m.group().replace("，", ","), text)
    if any(c in text for c in _CORNER_MARKS):  # (substring tests: faster than a character class over the text)
        text = text.translate(_CORNER_QUOTES)
    if any(z in text for z in _ZERO_HINTS):  # (substring tests: the regex alone costs a pass over every numeral)
        text = _LOOSE_YEAR.sub(_chinese_year, text)
    return _ASCII_IN_CHINESE.sub(lambda m: _CHINESE_FORM[m.group(0)], text)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# Characters that are standard simplified characters of their own in place names (乾县, 乾潭镇, 乾安县; 於潜镇)
# but that OpenCC's t2s turns into another character (干, 于). 乾 is kept always: in a Traditional text it
# means dry (乾旱), which no figure here reads. 於 is kept unless the text is Traditional: there it is the
# everyday 于 (關於 → 关于, which titles and openings are read for).
_KEEP_IN_NAMES = re.compile("([乾於])")
# 於 before one or two characters and a unit's suffix (於溪鄉, 於潛鎮) is a name even in a Traditional text
_YU_IN_NAME = re.compile("[\u4e00-\u9fff]{1,2}(?:鎮|鄉|村|縣|镇|乡|县|街道)")
_TRADITIONAL_SHARE = 0.02  # of the other characters changed by t2s: a Traditional text, not a stray form


def _to_simplified(text: str) -> str:
    convert = _t2s().convert
    if "乾" not in text and "於" not in text:  # (substring tests: a regex pass costs as much as the conversion)
        return convert(text)
    pieces = _KEEP_IN_NAMES.split(text)  # text, kept character, text, …
    out = [convert(p) if i % 2 == 0 else p for i, p in enumerate(pieces)]
    changed = sum(a != b for i in range(0, len(pieces), 2) for a, b in zip(pieces[i], out[i]))
    if changed > _TRADITIONAL_SHARE * len(text):
        out = [p if i % 2 == 0 or p == "乾" or _YU_IN_NAME.match(pieces[i + 1] if i + 1 < len(pieces) else "")
               else convert(p) for i, p in enumerate(out)]
    return "".join(out)


def _map_lookalike(m: re.Match[str]) -> str:
    ch = m.group(0)
    mapped = _RADICAL_SUPPLEMENT.get(ord(ch))
    return chr(mapped) if mapped else unicodedata.normalize("NFKC", ch)


# Web page source pasted as text (<p>…<br></p>, &nbsp;, &ldquo;): the markup of a page, not of the report. A tag
# that ends a block becomes a line break, a table cell a tab (as a Word table's row arrives), any other tag nothing;
# only the tags and entities a page uses are touched, so "<5%" or "A&B" in a sentence stay.
_HTML_TAG = re.compile(
    r"<(/?)(p|br|div|li|tr|h[1-6]|table|tbody|thead|section|article|hr|ul|ol|td|th|span|font|b|strong|i|em|u|a|img"
    r"|center|o:p|st1:[a-z]+|[vw]:[a-z]+)(?:\s[^<>]{0,500})?/?>", re.I)
_HTML_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_HTML_BREAKS = frozenset({"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody", "thead",
                          "section", "article", "hr", "ul", "ol"})


def _html_tag(m: re.Match[str]) -> str:
    name = m.group(2).lower()
    return "\n" if name in _HTML_BREAKS else "\t" if name in ("td", "th") and not m.group(1) else ""


def _html_entity(m: re.Match[str]) -> str:
    out = html.unescape(m.group())
    return " " if out == "\xa0" else out


def _strip_html(text: str) -> str:
    if "<" in text:
        text = _HTML_TAG.sub(_html_tag, text)
    if "&" in text:
        text = _HTML_ENTITY.sub(_html_entity, text)
    return text


def _strip_markdown(text: str) -> str:
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    if "*" in text or "_" in text:
        markers = [m for m in ("**", "__") if m in text]
        if len(markers) == 1:
            text = _MD_STRONG_ONE[markers[0]].sub(r"\2", text)
        elif markers:
            text = _MD_STRONG.sub(r"\2", text)
        if "*" in text:
            text = _MD_EM.sub(r"\1", text)
        markers = [m for m in ("**", "__") if m in text]
        if len(markers) == 1:
            text = _MD_STRAY_ONE[markers[0]].sub("", text)
        elif markers:
            text = _MD_STRAY.sub("", text)
    return text


def _is_heading(line: str) -> bool:
    return bool(_LIST_MARKER.match(line))


def _is_title_like(line: str, *, first: bool) -> bool:
    """Short line without sentence punctuation: a title, heading, signature or date. A title may be long
    (up to 60 characters) when it comes first, or when it ends like one (…情况的报告) below sender lines
    (中共某镇委员会 / 某镇人民政府)."""
    if _DATE_LINE.match(line):
        return True
    if _INNER_PUNCT.search(line):
        return False
    return 4 <= len(line) <= (60 if first or line.endswith(_TITLE_ENDS) else 40)


_TITLE_ENDS = ("报告", "总结", "汇报")


def _ends_sentence(pieces: list[str]) -> bool:
    """The paragraph ends with sentence punctuation, maybe followed by closing quotes or brackets."""
    for piece in reversed(pieces):
        core = piece.rstrip(_CLOSERS)
        if core:
            return core[-1] in _SENTENCE_ENDS
    return False


def _breaks_between(pieces: list[str], length: int, nxt: str, *, prev_is_first: bool,
                    wrap: tuple[int, int] | None = None) -> bool:
    """Whether ``nxt`` starts a new paragraph after the one made of ``pieces`` (``length`` characters).
    Only the paragraph's end, or the whole of a paragraph of at most 60 characters, is looked at:
    rejoining a run of thousands of broken lines stays linear. ``wrap``: the lengths of a full line when the
    text was wrapped at a fixed width (_wrap_band); a full line runs on."""
    if "\t" in pieces[-1] or "\t" in nxt:  # a line with a tab is always a paragraph of its own
        return True
    if _ends_sentence(pieces):
        return True
    if _is_heading(nxt) or _DATE_LINE.match(nxt):
        return True
    if wrap is not None and not prev_is_first and \
            wrap[0] - (_FIRST_LINE_INDENT if len(pieces) == 1 else 0) <= len(pieces[-1]) <= wrap[1]:
        return False  # a full line, wrapped: 开展法治宣 / 传教育 (also a numbered title run into its text)
    if length > 60:  # too long to be a heading (≤ 35) or title-like (≤ 60)
        return False
    prev = "".join(pieces)
    if _is_heading(prev) and length <= 35:
        return True
    return _is_title_like(prev, first=prev_is_first)


_FIRST_LINE_INDENT = 2  # a paragraph's first line is indented two characters (公文), stripped before it is measured
_WRAP_MIN_LINE = 12  # lines at least this long can show the width a text was wrapped at
_WRAP_MIN_LINES = 5  # ... when at least this many of them run on (end without sentence punctuation)
_WRAP_SHARE = 0.4  # ... making at least this share of the long lines
_WRAP_SPREAD = 10  # ... with lengths this close (a 2-character indent, half-width digits: 2023年 takes 2.5 cells)


def _wrap_band(lines: list[str]) -> tuple[int, int] | None:
    """The lengths of a full line, (shortest, longest), when a text copied from a PDF or a fixed-width editor was
    wrapped at a fixed width: most of its longer lines then run on into the next, and those lines are about
    equally long. None for text with one paragraph per line (its long lines end with 。). The title (first
    line) and numbered lines are left out of the count."""
    long = [line for line in lines[1:] if len(line) >= _WRAP_MIN_LINE and "\t" not in line and not _is_heading(line)]
    ends = [_ends_sentence([line]) for line in long]
    run_on = sorted(len(line) for line, end in zip(long, ends) if not end)
    if len(run_on) < _WRAP_MIN_LINES or len(run_on) < _WRAP_SHARE * len(long):
        return None
    lo, hi = run_on[len(run_on) // 10], run_on[len(run_on) * 9 // 10] + 2
    # the full lines are the longest: a paragraph's last line is shorter. Unwrapped text whose run-on lines
    # are headings (坚持依法决策提升行政决策质量) has its paragraphs far longer than them
    longer = sum(len(line) > hi for line, end in zip(long, ends) if end)
    return (lo, hi) if hi - lo <= _WRAP_SPREAD + 2 and longer <= 0.1 * len(long) else None


def _glue(prev: str, nxt: str) -> str:
    """``nxt`` as appended to a paragraph ending in ``prev``: a space between two Latin words."""
    if prev[-1].isascii() and prev[-1].isalpha() and nxt[0].isascii() and nxt[0].isalpha():
        return " " + nxt
    return nxt


_MASTHEAD_MAX = 30
_MASTHEAD = re.compile(r"文件$|〔\d{4}〕|\[\d{4}\]|\d+号$")


def _rejoin(lines: list[str]) -> list[str]:
    paragraphs: list[list[str]] = []  # each paragraph as its pieces, joined once at the end
    length = 0
    header = True  # every paragraph before the last is a short masthead line (X镇人民政府文件, X政发〔2025〕6号)
    wrap = _wrap_band(lines)
    for line in lines:
        if paragraphs and not _breaks_between(paragraphs[-1], length, line, prev_is_first=header, wrap=wrap):
            piece = _glue(paragraphs[-1][-1], line)
            paragraphs[-1].append(piece)
            length += len(piece)
        else:
            if paragraphs:
                header = header and length <= _MASTHEAD_MAX and bool(_MASTHEAD.search("".join(paragraphs[-1])))
            paragraphs.append([line])
            length = len(line)
    return ["".join(pieces) for pieces in paragraphs]


# A page number printed in a copied PDF (— 3 —, - 3 -, 第 3 页 共 9 页, 第3页/共9页, 共9页 第3页): a line of its own
_PAGE_NUMBER = (r"[-—–－―‒─]+[ \t\u3000]*\d{1,3}[ \t\u3000]*[-—–－―‒─]+"
                r"|第[ \t\u3000]*\d{1,3}[ \t\u3000]*页(?:[ \t\u3000]*[/，,、]?[ \t\u3000]*共[ \t\u3000]*\d{1,3}[ \t\u3000]*页)?"
                r"|共[ \t\u3000]*\d{1,3}[ \t\u3000]*页[ \t\u3000]*第[ \t\u3000]*\d{1,3}[ \t\u3000]*页")
# ...also with a running header on the same line, set apart by two spaces or more (报告名　　— 2 —)
_PAGE_LINE = re.compile(rf"(?:[^\n]{{2,40}}?[ \t\u3000]{{2,}})?(?:{_PAGE_NUMBER})(?:[ \t\u3000]{{2,}}[^\n]{{2,40}})?")
_PAGE_LINE_ANY = re.compile(rf"^[ \t\u3000]*(?:{_PAGE_LINE.pattern})[ \t\u3000]*$", re.M)
_PAGE_HINTS = "-—–－―‒─页"  # every page-number line holds one of these: a dash or 页


def _drop_page_lines(lines: list[str]) -> list[str]:
    """Without page-number lines, and without a running header or footer: a line of at most 60 characters
    found next to page numbers at two page breaks at least (or at one, when it is the text's first line, the
    title), dropped from its second occurrence on. A heading that recurs (加强组织领导 in the measures and in
    the plans) and once falls next to a page number stays. The lines around a page break then join again
    (执 / — 5 — / 报告名 / 法过程中 → 执法过程中)."""
    page = [_PAGE_LINE.fullmatch(line) is not None for line in lines]
    counts = Counter(lines)
    beside: dict[str, int] = {}  # line -> page breaks it was found next to
    for i, p in enumerate(page):
        if p:
            for line in {lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines) and not page[j]}:
                beside[line] = beside.get(line, 0) + 1
    first = next((line for line, p in zip(lines, page) if not p), None)
    running = {line for line, n in beside.items()  # (a numbered heading is never a running header)
               if len(line) <= 60 and (n >= 2 or line == first) and counts[line] >= 2 and not _is_heading(line)}
    out, seen = [], set()
    for line, p in zip(lines, page):
        if p or (line in running and line in seen):
            continue
        seen.add(line)
        out.append(line)
    return out


def _drop_lone_surrogates(text: str) -> str:
    """A surrogate pair written as two code points becomes the character it encodes; a lone one is dropped."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")


def normalize_text(text: str) -> str:
    """Canonical report text: one paragraph per line, simplified, no look-alike radicals.
    Never raises on any ``str``: lone surrogates (from broken JSON or ``surrogateescape``) are dropped."""
    if _RARE.search(text):
        if _SURROGATE.search(text):
            text = _drop_lone_surrogates(text)
        text = _LINE_BREAKS.sub("\n", text)
        text = _CONTROL.sub("", text)
        text = _LOOKALIKE.sub(_map_lookalike, text)
    text = _to_simplified(_strip_html(text))
    text = _fold_forms(_strip_markdown(text))
    lines = [line.strip(_SPACE) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if any(c in text for c in _PAGE_HINTS) and _PAGE_LINE_ANY.search(text):  # (substring tests first: cheap)
        lines = _drop_page_lines(lines)
    return "\n".join(_rejoin(lines))


_FIELD_BREAKS = re.compile("[\t\n\r\u2028\u2029\x0b\x0c\x85]+")


def clean_field(value: str) -> str:
    """A one-line value typed by a person (town, county, title, file name): without control,
    zero-width or bidirectional characters (a right-to-left override makes "镇营周" display as
    "周营镇") and lone surrogates; line breaks and tabs become one space; trimmed. Never raises."""
    if _SURROGATE.search(value):
        value = _drop_lone_surrogates(value)
    return _CONTROL.sub("", _FIELD_BREAKS.sub(" ", value)).strip(_SPACE)


_NON_HAN_RUN = re.compile("[^\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003134f]+")


def chinese_char_count(text: str) -> int:
    """Number of CJK unified ideographs (basic block and extensions): length minus the non-Han runs."""
    return len(text) - sum(map(len, _NON_HAN_RUN.findall(text)))
