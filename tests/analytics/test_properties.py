"""Property-based tests (hypothesis): no input makes the readers, the normaliser or the analysis
raise anything but the documented ReadError.

- ``readers.read_bytes``: any bytes, under any of the names a user might upload (.txt .md .docx .pdf
  .doc or no suffix), give a Document or a ReadError with a Chinese reason; generated inputs include
  plain junk, every text encoding with and without BOM and cut at odd lengths, zip archives holding a
  ``word/document.xml`` of random (also malformed) XML, real PDFs with bytes flipped or cut, and
  junk behind the magic bytes of PDF, OLE2, images and archives.
- ``normalize.normalize_text``: any str (lone surrogates, controls, bidi controls, combining marks,
  radicals, Markdown markers) gives a clean str; its linear-time rejoining gives exactly the
  paragraphs of the former straightforward implementation.
- ``pipeline.analyse_text``: any text (very short, no Chinese, only punctuation, 10,000 of one
  character, run-on reports with headings mid-line) gives an Analysis.

The examples are derandomized (the same on every run, in CI too) and kept few enough for the whole
file to run in well under a minute.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path, PurePath
from xml.sax.saxutils import escape

import docx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analytics import normalize, pipeline
from analytics.readers import Document, ReadError, read_bytes
from tests.analytics.test_readers import make_cjk_pdf

ROOT = Path(__file__).resolve().parents[2]

CI = settings(derandomize=True, database=None, deadline=None, print_blob=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ---------------------------------------------------------------- material


@lru_cache(maxsize=1)
def _seed_texts() -> tuple[str, ...]:
    return tuple(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "seeds").glob("*.txt")))


SENTENCES = sorted({s.strip() + "。" for t in _seed_texts() for s in re.split(r"[。\n]", t) if len(s.strip()) >= 8})
HEADINGS = ["一、工作开展情况", "二、存在的问题和不足", "三、下一步工作计划", "（一）加强组织领导", "一是", "存在的不足：",
            "2023年工作安排", "第一部分", "① ", "1、", "党政主要负责人履行推进法治建设第一责任人职责情况"]
SPECIAL = (
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"  # bidi controls
    "\x00\x01\x07\x0b\x0c\x1b\x7f\x85\x9f\ufeff\u200b\u200c\u200d\u2060\u00ad\ufffe\uffff"  # controls, zero-width
    "\u0301\u0308\u20dd\u302a"  # combining marks
    "⼀⾯⺠⻓⻔⽹\u2e9f\u2ef3\uf9b2\uf91d\U0002f800"  # radicals, compatibility ideographs
    "*#_`\\[]()<>|~$:!-+=@\t\r\n\u2028\u2029\u3000\xa0 "  # Markdown, HTML, line breaks, spaces
    "，。；：！？、“”‘’（）《》【】…—·"  # Chinese punctuation
    "一二三四五六七八九十是第年月日镇乡街道县区执法普法0123456789abcXYZ"
)
ANY_CHAR = st.one_of(st.characters(), st.characters(categories=["Cs"]), st.sampled_from(SPECIAL))
ANY_TEXT = st.text(alphabet=ANY_CHAR, max_size=300)

REPORTISH = st.lists(
    st.one_of(st.sampled_from(SENTENCES), st.sampled_from(HEADINGS), ANY_TEXT.map(lambda s: s[:40])),
    max_size=40,
).flatmap(lambda parts: st.sampled_from(["\n", "", "\n\n", "\r\n", " "]).map(lambda sep: sep.join(parts)))

# ---------------------------------------------------------------- readers


SUFFIXES = [".txt", ".md", ".docx", ".pdf", ".doc", ""]
NAMES = st.builds(lambda stem, suffix: stem + suffix, st.sampled_from(["报告", "draft", "a.b", "/tmp/目录/文件"]),
                  st.sampled_from(SUFFIXES))

ENCODINGS = ["utf-8", "gb18030", "gbk", "utf-16-le", "utf-16-be", "utf-32-le", "big5"]
BOMS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"]


@st.composite
def encoded_text(draw) -> bytes:
    text = draw(REPORTISH)
    data = draw(st.sampled_from(BOMS)) + text.encode(draw(st.sampled_from(ENCODINGS)), errors="ignore")
    cut = draw(st.integers(0, 3))  # odd lengths: half a UTF-16 code unit, half a GB18030 character
    return data[: len(data) - cut] if cut else data


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TAGS = ["w:p", "w:r", "w:t", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent", "w:br", "w:tab", "w:sectPr",
        "w:pPr", "w:gridSpan", "w:vMerge", "foo", "w:body"]
XML = st.recursive(
    st.one_of(st.sampled_from(SENTENCES), st.text(alphabet=ANY_CHAR, max_size=20)).map(
        lambda s: escape("".join(ch for ch in s if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF))),
    lambda inner: st.builds(lambda tag, kids: f"<{tag}>{''.join(kids)}</{tag}>", st.sampled_from(TAGS),
                            st.lists(inner, max_size=4)),
    max_leaves=40,
)


@lru_cache(maxsize=1)
def _docx_parts() -> dict[str, bytes]:
    buf = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(SENTENCES[0])
    document.save(buf)
    with zipfile.ZipFile(buf) as archive:
        return {info.filename: archive.read(info.filename) for info in archive.infolist()}


@st.composite
def zip_archives(draw) -> bytes:
    body = "".join(draw(st.lists(XML, max_size=12)))
    xml = draw(st.sampled_from([
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>',
        f'<w:document xmlns:w="{W}">{body}</w:document>',
        body,  # not even one root element
        f'<w:document xmlns:w="{W}"><w:body>{body}',  # cut off
    ]))
    parts = dict(_docx_parts())
    keep = draw(st.lists(st.sampled_from(sorted(parts)), unique=True))
    entries = {name: parts[name] for name in keep}
    entries["word/document.xml"] = xml.encode("utf-8")
    for name, data in draw(st.lists(st.tuples(st.sampled_from(["mimetype", "content.xml", "xl/workbook.xml",
                                                                "word/../../evil", "报告.txt"]), st.binary(max_size=64)),
                                    max_size=2)):
        entries[name] = data
    buf = io.BytesIO()
    compression = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
    with zipfile.ZipFile(buf, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    data = buf.getvalue()
    cut = draw(st.integers(0, len(data)))
    return data if draw(st.booleans()) else data[:cut]


@lru_cache(maxsize=1)
def _small_pdf() -> bytes:
    return make_cjk_pdf(["".join(SENTENCES[i:i + 12]) for i in range(0, 36, 12)])


@st.composite
def mangled_pdfs(draw) -> bytes:
    data = bytearray(_small_pdf())
    for _ in range(draw(st.integers(0, 20))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    cut = draw(st.integers(16, len(data)))
    return bytes(data[:cut])


MAGIC = [b"%PDF-1.", b"%PDF-2.0\n", b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x89PNG",
         b"\xff\xd8\xff", b"GIF89a", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"\x7fELF", b"{\\rtf1"]
JUNK_BEHIND_MAGIC = st.builds(lambda magic, junk: magic + junk, st.sampled_from(MAGIC), st.binary(max_size=1024))

ANY_BYTES = st.one_of(st.binary(max_size=2048), encoded_text(), zip_archives(), mangled_pdfs(), JUNK_BEHIND_MAGIC,
                      st.builds(lambda bom, junk: bom + junk, st.sampled_from(BOMS[1:]), st.binary(max_size=512)))


def _read(data: bytes, name: str) -> None:
    try:
        document = read_bytes(data, filename=name)
    except ReadError as error:
        assert error.filename == (PurePath(name).name or name)
        assert str(error) == f"{error.filename}：{error.reason}"
        assert re.search(r"[\u4e00-\u9fff]", error.reason), error.reason  # a Chinese reason
        return
    assert isinstance(document, Document)
    assert document.kind in ("txt", "md", "docx", "pdf") and isinstance(document.text, str) and document.text


@settings(CI, max_examples=600)
@given(data=ANY_BYTES, name=NAMES)
def test_any_bytes_give_a_document_or_a_read_error(data, name):
    _read(data, name)


@settings(CI, max_examples=200)
@given(data=zip_archives())
def test_zip_archives_named_docx_give_a_document_or_a_read_error(data):
    _read(data, "报告.docx")


@settings(CI, max_examples=150)
@given(data=encoded_text())
def test_encoded_reports_named_txt_give_a_document_or_a_read_error(data):
    _read(data, "报告.txt")


# ---------------------------------------------------------------- normalize

_FORBIDDEN = re.compile("[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u200b-\u200f\u2060\u061c\u202a-\u202e"
                        "\u2066-\u2069\u00ad\r\u2028\u2029]")


@settings(CI, max_examples=600)
@given(text=st.one_of(ANY_TEXT, REPORTISH, st.text(alphabet=ANY_CHAR, max_size=3000)))
def test_normalize_text_gives_a_clean_str_for_any_str(text):
    out = normalize.normalize_text(text)
    assert isinstance(out, str)
    assert not _FORBIDDEN.search(out), repr(_FORBIDDEN.search(out).group())
    assert all(line and line == line.strip(" \t\u3000\xa0") for line in out.split("\n")) or out == ""


def _reference_rejoin(lines: list[str]) -> list[str]:
    """The former rejoining (the whole growing paragraph re-examined for every line: quadratic), with the
    full-line rule of a hard-wrapped text (normalize._wrap_band) on the paragraph's last line."""
    end = re.compile(r"[。！？；：!?;:…][”’」』）)\]】]*$")
    wrap = normalize._wrap_band(lines)

    def breaks(prev: str, nxt: str, *, prev_is_first: bool) -> bool:
        if "\t" in prev or "\t" in nxt or end.search(prev):
            return True
        if normalize._is_heading(nxt) or normalize._DATE_LINE.match(nxt):
            return True
        if wrap and not prev_is_first and wrap[0] <= len(last[-1]) <= wrap[1]:
            return False
        if normalize._is_heading(prev) and len(prev) <= 35:
            return True
        return normalize._is_title_like(prev, first=prev_is_first)

    paragraphs: list[str] = []
    last: list[str] = []  # the line each paragraph ends with (as glued)
    for line in lines:
        if paragraphs and not breaks(paragraphs[-1], line, prev_is_first=len(paragraphs) == 1):
            prev = paragraphs[-1]
            glue = " " if prev[-1].isascii() and prev[-1].isalpha() and line[0].isascii() and line[0].isalpha() else ""
            paragraphs[-1] = prev + glue + line
            last.append(glue + line)
        else:
            paragraphs.append(line)
            last.append(line)
    return paragraphs


LINE_CHARS = st.sampled_from(list("，。；：！？!?;:…”’」』）)]】（“\t一二三四五六七八九十是第年月日0123456789abAB镇法治")
                             + ["执法", "普法宣传", "2023年", "12月", "13日", "一、", "（一）", "1、"])
LINES = st.lists(st.lists(LINE_CHARS, min_size=1, max_size=70).map("".join).map(lambda s: s.strip(" \t\u3000\xa0"))
                 .filter(bool), max_size=30)


@settings(CI, max_examples=500)
@given(lines=LINES)
def test_linear_rejoin_matches_the_former_rejoin(lines):
    assert normalize._rejoin(lines) == _reference_rejoin(lines)


# ---------------------------------------------------------------- analysis


@lru_cache(maxsize=1)
def _resources() -> pipeline.Resources:
    return pipeline.load_resources()


def _run_on(text: str) -> str:
    return text.replace("\n", "")


TEXTS = st.one_of(
    st.text(alphabet=ANY_CHAR, max_size=12),  # very short
    st.text(alphabet=st.characters(codec="ascii"), max_size=2000),  # no Chinese
    st.text(alphabet="，。；：！？、“”‘’（）《》【】…—·,.;:!?()[]<>-*#%\n\t ", max_size=2000),  # only punctuation
    st.builds(lambda ch, n: ch * n, st.sampled_from(list("一。镇法\n 1年是") + ["执法", "2023年"]),
              st.integers(1, 10_000)),  # 10,000 of one character
    st.sampled_from(_seed_texts()).map(_run_on),  # a whole report copied from a web page: one line
    REPORTISH.map(_run_on),  # run-on with headings mid-line
    REPORTISH,
)


def _with_examples(test):
    """The named cases, always run (generation favours small examples)."""
    cases = ["", "镇", "a", "。" * 10_000, "一" * 10_000, "\n" * 10_000, "执法" * 5_000, "2023年" * 2_000,
             "，。；：！？、“”（）《》" * 300, "Annual report on the rule of law. " * 200,
             *(_run_on(t) for t in _seed_texts()),
             "".join(f"{h}{s}" for h, s in zip(HEADINGS * 20, SENTENCES[:200]))]  # headings mid-line
    for case in reversed(cases):
        test = example(text=case)(test)
    return test


@settings(CI, max_examples=300)
@given(text=TEXTS)
@_with_examples
def test_analyse_text_returns_an_analysis_for_any_text(text):
    analysis = pipeline.analyse_text(text, resources=_resources())
    assert isinstance(analysis, pipeline.Analysis)
    assert analysis.chars == len(analysis.text) and analysis.concreteness >= 0
    assert all(count >= 0 for part in analysis.theme_counts.values() for count in part.values())
