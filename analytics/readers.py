"""Read one report file (.txt, .md, .docx, .pdf) into normalised text.

The type comes from the content (magic bytes), not only the extension. Anything that cannot
be read as a Chinese report raises ``ReadError`` with a Chinese reason naming the problem;
no library exception escapes as anything else.

Size limits, each checked as early as the format allows: ``MAX_BYTES`` for the file,
``MAX_PDF_PAGES`` before any PDF text is extracted, ``MAX_PARAGRAPHS`` (lines of a text file,
paragraphs and table rows of a .docx) and ``MAX_CHARS`` (characters other than whitespace)
while text is extracted: a .docx or PDF stops being read as soon as it passes a limit.
"""

from __future__ import annotations

import ctypes
import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

import charset_normalizer

from analytics.normalize import chinese_char_count, clean_field, normalize_text

MAX_BYTES = 20 * 1024 * 1024
MIN_CHINESE_CHARS = 200
# A year's report runs to a few thousand up to some tens of thousands of characters; ten times
# the longest seen still leaves the analysis of one file at a few seconds.
MAX_CHARS = 300_000  # characters other than whitespace
MAX_PDF_PAGES = 500  # ~600 characters on an A4 page of a government document: MAX_CHARS
MAX_PARAGRAPHS = 50_000  # lines of a text file; paragraphs (also inside tables) of a .docx
SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")

# Zip-bomb limits, checked on the central directory before anything is inflated.
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_ZIP_ENTRIES = 5000
_RATIO_MIN_ENTRY = 1024 * 1024  # small entries may compress well without being a bomb

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MB = 1024 * 1024
_BINARY_MAGIC = {
    b"\x89PNG": "这是 PNG 图片，不是文字报告；如果是扫描件，需要先做 OCR 文字识别",
    b"\xff\xd8\xff": "这是 JPEG 图片，不是文字报告；如果是扫描件，需要先做 OCR 文字识别",
    b"GIF8": "这是 GIF 图片，不是文字报告",
    b"\x1f\x8b": "这是 gzip 压缩包，不是报告文件，请解压后上传其中的报告",
    b"7z\xbc\xaf": "这是 7z 压缩包，不是报告文件，请解压后上传其中的报告",
    b"Rar!": "这是 RAR 压缩包，不是报告文件，请解压后上传其中的报告",
    b"\x7fELF": "这是程序文件（二进制），不是报告文件",
    b"{\\rtf": "RTF 格式暂不支持，请在 Word 中另存为 .docx 后上传",
}
_ACCEPTED = "请上传 .txt、.md、.docx 或 .pdf 文件"


class ReadError(ValueError):
    """A file that cannot be read as a report; ``reason`` is in Chinese."""

    def __init__(self, filename: str, reason: str):
        super().__init__(f"{filename}：{reason}")
        self.filename = filename
        self.reason = reason

    def __reduce__(self):  # survives pickling (process pools send it from worker to parent)
        return (type(self), (self.filename, self.reason))


@dataclass(frozen=True)
class Document:
    filename: str
    kind: str  # 'txt' | 'md' | 'docx' | 'pdf'
    encoding: str | None
    text: str


def read_path(path: str | os.PathLike) -> Document:
    """Read a report file from disk (size is checked before the file is read)."""
    p = Path(path)
    name = clean_field(p.name or str(path))
    try:
        if p.is_dir():
            raise ReadError(name, "这是一个文件夹，不是文件")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(name, _too_large(size))
        data = p.read_bytes()
    except ReadError:
        raise
    except FileNotFoundError as exc:
        raise ReadError(name, "文件不存在") from exc
    except PermissionError as exc:
        raise ReadError(name, "没有读取权限，无法打开文件") from exc
    except OSError as exc:
        raise ReadError(name, f"无法读取文件（{exc.strerror or type(exc).__name__}）") from exc
    return read_bytes(data, filename=name)


def read_bytes(data: bytes, *, filename: str) -> Document:
    """Read a report from its bytes; ``filename`` gives the name and extension. The name kept in the
    Document and in messages has no control or bidirectional characters (``normalize.clean_field``)."""
    name = clean_field(PurePath(filename).name or filename)
    try:
        return _read(bytes(data), name)
    except ReadError:
        raise
    except Exception as exc:  # a library failed in a way not foreseen: still a clean refusal
        raise ReadError(name, f"文件无法解析，可能已损坏（{type(exc).__name__}）") from exc


def _read(data: bytes, name: str) -> Document:
    if len(data) > MAX_BYTES:
        raise ReadError(name, _too_large(len(data)))
    if not data:
        raise ReadError(name, "文件为空（0 字节），没有任何内容")
    suffix = PurePath(name).suffix.lower()
    head = data[:1024]
    if b"%PDF-" in head:
        return _finish(name, "pdf", None, _pdf_text(data, name))
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _finish(name, "docx", None, _docx_text(data, name))
    if data.startswith(_OLE2):
        raise ReadError(name, _ole2_reason(data))
    for magic, reason in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ReadError(name, reason)
    # Plain text from here on.
    if suffix in (".docx", ".doc", ".pdf"):
        word = "；如果是 Word 文档，请在 Word 中打开并另存为 .docx 后上传" if suffix == ".doc" else ""
        raise ReadError(
            name,
            f"扩展名是 {suffix}，但内容不是 {suffix} 文件（可能只是改了扩展名或文件已损坏）{word}，{_ACCEPTED}",
        )
    if suffix and suffix not in SUPPORTED_SUFFIXES and suffix != ".markdown":
        raise ReadError(name, f"不支持的文件类型（{suffix}），{_ACCEPTED}")
    text, encoding = _decode(data, name)
    _check_text_size(text, name)
    kind = "md" if suffix in (".md", ".markdown") else "txt"
    return _finish(name, kind, encoding, text)


def _check_text_size(text: str, name: str) -> None:
    """A decoded text file past the limits is refused before it is normalised."""
    lines = max(text.count("\n"), text.count("\r")) + 1
    if lines > MAX_PARAGRAPHS:
        raise ReadError(name, _too_many_paragraphs(lines))
    if len(text) > MAX_CHARS and (chars := _visible_len(text)) > MAX_CHARS:
        raise ReadError(name, _too_long(chars))


def _finish(name: str, kind: str, encoding: str | None, raw: str) -> Document:
    text = normalize_text(raw)
    if not text:
        if kind == "pdf":
            raise ReadError(name, "PDF 没有可提取的文字层，可能是扫描件，需要先做 OCR 文字识别")
        raise ReadError(name, "文件内容为空白，没有文字")
    # only a text with fewer than MIN_CHINESE_CHARS needs its exact count (for the message): a prefix that
    # holds that many already settles it (4 × MIN characters: a report's opening is mostly Chinese)
    count = chinese_char_count(text[: 4 * MIN_CHINESE_CHARS])
    if count < MIN_CHINESE_CHARS:
        count = chinese_char_count(text)
    if count == 0:
        raise ReadError(name, "没有中文内容，不是中文报告")
    if count < MIN_CHINESE_CHARS:
        hint = "；PDF 可提取的文字很少，如果是扫描件，需要先做 OCR 文字识别" if kind == "pdf" else ""
        raise ReadError(
            name,
            f"中文字符只有 {count} 个，少于 {MIN_CHINESE_CHARS} 个，内容太短，不像一份完整的报告{hint}",
        )
    return Document(filename=name, kind=kind, encoding=encoding, text=text)


def _too_large(size: int) -> str:
    return f"文件过大（{size / _MB:.1f} MB），超过 {MAX_BYTES // _MB} MB 的上限"


_ONLY_THE_REPORT = "一份年度报告通常只有几千到几万字；请只上传报告本身，不要把多份报告或整本汇编放在一个文件里"


def _too_long(chars: int | None = None) -> str:
    size = f"文字约 {chars:,} 字" if chars is not None else "文字"
    stopped = "" if chars is not None else "，已停止读取"
    return f"{size}超过 {MAX_CHARS:,} 字的上限（不计空白）{stopped}。{_ONLY_THE_REPORT}"


def _too_many_paragraphs(count: int | None = None) -> str:
    size = f"共 {count:,} 段（行）" if count is not None else "段落（行）数"
    stopped = "" if count is not None else "，已停止读取"
    return f"{size}超过 {MAX_PARAGRAPHS:,} 段的上限{stopped}。{_ONLY_THE_REPORT}"


def _visible_len(text: str) -> int:
    """Characters other than whitespace."""
    return sum(map(len, text.split()))


class _Budget:
    """Counts paragraphs and characters while a file is read; refuses past the limits."""

    def __init__(self, name: str) -> None:
        self.name, self.paragraphs, self.chars = name, 0, 0

    def add(self, text: str) -> str:
        self.paragraphs += 1
        self.chars += _visible_len(text)
        if self.paragraphs > MAX_PARAGRAPHS:
            raise ReadError(self.name, _too_many_paragraphs())
        if self.chars > MAX_CHARS:
            raise ReadError(self.name, _too_long())
        return text


# ---------------------------------------------------------------- text


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode text bytes: BOMs, BOM-less UTF-16 by its zero bytes, UTF-8, then charset-normalizer."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            body = data[len(bom) :]
            return _strict(body, encoding.removesuffix("-sig"), name), encoding
    if b"\x00" in data:
        encoding = _utf16_by_zero_bytes(data)
        if encoding is None:
            raise ReadError(name, _BINARY)
        return _strict(data, encoding, name), encoding
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > len(sample) * 0.01:
        raise ReadError(name, _BINARY)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ReadError(name, _UNKNOWN_ENCODING)
    encoding = best.encoding.lower().replace("_", "-")
    if encoding in ("gb2312", "gbk", "cp936", "hz", "gb18030"):
        encoding = "gb18030"
    return _strict(data, encoding, name), encoding


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_BINARY = "文件内容是二进制数据，不是可读的文本（可能已损坏，或不是报告文件）"
_UNKNOWN_ENCODING = "无法识别文字编码（不是 UTF-8、GB18030/GBK 或 UTF-16），文件可能已损坏"


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        pass
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError as exc:
        raise ReadError(name, _UNKNOWN_ENCODING) from exc
    if text.count("\ufffd") > max(2, len(text) // 1000):
        raise ReadError(name, _UNKNOWN_ENCODING)
    return text.replace("\ufffd", "")


def _utf16_by_zero_bytes(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for BOM-less UTF-16: zero bytes (from ASCII such as digits and
    line breaks) lean to one parity, and the text decoded that way is plausible Chinese."""
    sample = data[: 65536 & ~1]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) < len(sample) // 2 * 0.005:
        return None
    best, best_score = None, 0.0
    for encoding, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros < max(even, odd) / 2:
            continue
        score = _plausible_share(sample.decode(encoding, errors="replace"))
        if score > best_score:
            best, best_score = encoding, score
    return best if best_score >= 0.95 else None


def _plausible_share(text: str) -> float:
    """Share of characters a Chinese report is made of (CJK, CJK punctuation, ASCII, spaces)."""
    if not text:
        return 0.0
    good = sum(
        1
        for ch in text
        if ch.isascii() and (ch.isprintable() or ch in "\t\n\r")
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or "\u2000" <= ch <= "\u206f"
        or ch in "\xa0\xb7\u00d7"
    )
    return good / len(text)


def import_libraries() -> None:
    """Import the .docx and PDF libraries now (0.1-0.2 s), which the readers otherwise import on first use:
    for a warm-up, so the first upload after a restart does not wait for them."""
    import docx  # noqa: F401
    import docx.table  # noqa: F401
    import pypdfium2  # noqa: F401


# ---------------------------------------------------------------- pdf


def _pdf_text(data: bytes, name: str) -> str:
    import pypdfium2 as pdfium  # here, as python-docx below: a page that reads stored figures needs neither

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise ReadError(name, "PDF 已加密（需要密码才能打开），请去除密码后再上传") from exc
        if code == pdfium.raw.FPDF_ERR_SECURITY:
            raise ReadError(name, "PDF 使用了不支持的加密或权限保护，请去除加密后再上传") from exc
        raise ReadError(name, "PDF 文件已损坏或格式不正确，无法打开") from exc
    try:
        count = len(pdf)
        if count > MAX_PDF_PAGES:  # counted from the page tree: no page is parsed
            raise ReadError(
                name, f"PDF 共 {count:,} 页，超过 {MAX_PDF_PAGES} 页的上限，未提取文字。{_ONLY_THE_REPORT}"
            )
        pages: list[list[_Line]] = []
        chars = 0
        for index in range(count):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(_page_lines(textpage))
            if not pages[-1] and (bounded := textpage.get_text_bounded()).strip():  # no usable positions
                pages[-1] = [_Line(line, 0.0, 0.0, 0.0, 0.0) for line in bounded.splitlines()]
            textpage.close()
            page.close()
            chars += sum(_visible_len(line.text) for line in pages[-1])
            if chars > MAX_CHARS:
                raise ReadError(name, _too_long())
    except pdfium.PdfiumError as exc:
        raise ReadError(name, "PDF 文件已损坏，无法提取文字") from exc
    finally:
        pdf.close()
    text = "\n".join(_paragraphs(_drop_page_furniture(pages)))
    if not text.strip():
        raise ReadError(name, "PDF 没有可提取的文字层，可能是扫描件，需要先做 OCR 文字识别")
    return text


@dataclass(frozen=True)
class _Line:
    """One printed line of a PDF page: its text in reading order, where it starts and ends, its baseline
    (PDF points, y upwards) and the median character width."""

    text: str
    x0: float
    x1: float
    y: float
    em: float


def _page_lines(textpage) -> list[_Line]:
    """The page's lines rebuilt from character positions: characters grouped by baseline, each line read
    left to right. pdfium's own text order follows the content stream, which puts a run in another font
    (the quotes of “八五”普法, a page footer) out of place and adds spaces around digits ("2023 年")."""
    import pypdfium2 as pdfium

    raw, tp = pdfium.raw, textpage.raw
    unicode, generated, origin, box = (raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated, raw.FPDFText_GetCharOrigin,
                                       raw.FPDFText_GetCharBox)
    x, y = ctypes.c_double(), ctypes.c_double()
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    px, py, pl, pr, pb, pt = map(ctypes.byref, (x, y, left, right, bottom, top))
    chars = []
    for i in range(raw.FPDFText_CountChars(tp)):
        code = unicode(tp, i)
        if code in (0, 10, 13, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF or generated(tp, i) == 1:
            continue
        origin(tp, i, px, py)
        box(tp, i, pl, pr, pb, pt)
        chars.append((y.value, x.value, chr(code), left.value, right.value, top.value - bottom.value))
    if not chars:
        return []
    heights = sorted(c[5] for c in chars if c[5] > 0) or [10.0]
    tolerance = 0.4 * heights[len(heights) // 2]
    rows: list[list] = []  # top to bottom: [baseline, chars]
    for c in sorted(chars, key=lambda c: (-c[0], c[1])):
        if rows and rows[-1][0] - c[0] <= tolerance:
            rows[-1][1].append(c)
        else:
            rows.append([c[0], [c]])
    lines = []
    for baseline, row in rows:
        row.sort(key=lambda c: c[1])
        widths = sorted(c[4] - c[3] for c in row if not c[2].isspace() and c[4] > c[3]) or [heights[len(heights) // 2]]
        em = widths[len(widths) // 2]
        pieces, last_right = [], None
        for _y, _x, ch, l, r, _h in row:
            if last_right is not None and l - last_right > 1.5 * em and pieces and not pieces[-1].isspace():
                pieces.append(" ")  # a gap as wide as two characters: table cells, a signature's spacing
            pieces.append(ch)
            last_right = max(r, last_right or r)
        text = "".join(pieces).strip()
        if text:
            lines.append(_Line(text, row[0][3], max(c[4] for c in row), baseline, em))
    return lines


_PAGE_NUMBER = re.compile(r"[-—–\s]*(?:第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,3}"
                          r"|共\s*\d+\s*页\s*第\s*\d+\s*页|[Pp]age\s*\d+(?:\s*of\s*\d+)?)[-—–\s]*")


_EDGE_LINES = 2  # running headers and footers are among a page's first and last two lines


def _drop_page_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Without page numbers ("第 1 页 共 3 页", "- 2 -") and running headers and footers: among a page's first
    and last two lines, one printed at the same height with the same text (digits aside) on at least half
    the pages, two at least. Body lines are never dropped, however alike the pages."""
    def key(line: _Line) -> tuple[int, str]:
        return round(line.y / 3), re.sub(r"\d+", "#", line.text.replace(" ", ""))

    def edges(lines: list[_Line]) -> list[_Line]:
        return lines if len(lines) <= 2 * _EDGE_LINES else lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]

    seen: dict[tuple[int, str], int] = {}
    for lines in pages:
        for k in {key(line) for line in edges(lines)}:
            seen[k] = seen.get(k, 0) + 1
    repeated = {k for k, n in seen.items() if n >= 2 and n * 2 >= len(pages)}
    out = []
    for lines in pages:
        edge = {id(line) for line in edges(lines)}
        out.append([line for line in lines if id(line) not in edge
                    or (key(line) not in repeated and not _PAGE_NUMBER.fullmatch(line.text))])
    return out


def _paragraphs(pages: list[list[_Line]]) -> list[str]:
    """Lines joined into paragraphs: a line that runs to the right edge of the text block goes on in the
    next line (also across a page break); any other line ends its paragraph."""
    lines = [line for page in pages for line in page]
    placed = [line for line in lines if line.x1 > line.x0]
    if not placed:
        return [line.text for line in lines]
    ends = sorted(line.x1 for line in placed if len(line.text) >= 10) or sorted(line.x1 for line in placed)
    right = ends[int(0.9 * (len(ends) - 1))]  # the text block's right edge (a few lines may overhang it)
    left = sorted(line.x0 for line in placed)[int(0.1 * (len(placed) - 1))]
    out: list[str] = []
    joining = False
    for line in lines:
        indented = line.x1 > line.x0 and line.x0 >= left + 1.5 * line.em  # a first line indented by two characters
        if joining and out and not indented:
            out[-1] += line.text
        else:
            out.append(line.text)
        joining = line.x1 > line.x0 and line.x1 >= right - 1.5 * line.em
    return out


# ---------------------------------------------------------------- docx / ole2


def _ole2_reason(data: bytes) -> str:
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "Word 文档已加密（设置了打开密码），请去除密码并另存为 .docx 后上传"
    if "WordDocument".encode("utf-16-le") in data:
        return "旧版 Word .doc 格式，请另存为 .docx 后上传"
    return "旧版 Office 二进制格式（OLE2，如 .doc/.xls/.ppt）；如果是 Word 文档，请另存为 .docx 后上传"


def _docx_text(data: bytes, name: str) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise ReadError(name, "不是有效的 .docx 文件：ZIP 结构已损坏，无法打开") from exc
    _check_zip_bomb(infos, name)
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            raise ReadError(name, f"这是 Excel 表格（.xlsx），不是 Word 文档，{_ACCEPTED}")
        if "ppt/presentation.xml" in names:
            raise ReadError(name, f"这是 PowerPoint 演示文稿（.pptx），不是 Word 文档，{_ACCEPTED}")
        if "content.xml" in names and "mimetype" in names:
            raise ReadError(name, "这是 OpenDocument 文件（如 WPS 或 LibreOffice 的 .odt），请另存为 .docx 后上传")
        raise ReadError(
            name, "不是有效的 .docx 文件：这是一个 ZIP 压缩包，里面没有 Word 正文（word/document.xml）"
        )
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ReadError(name, "不是有效的 .docx 文件：Word 文档内容已损坏，无法解析") from exc
    body = document.element.body
    blocks = len(body) - (body.find(qn("w:sectPr")) is not None)
    if blocks > MAX_PARAGRAPHS:  # top-level blocks alone: refused before any text is read
        raise ReadError(name, _too_many_paragraphs(blocks))
    return "\n".join(_block_lines(body, document, _Budget(name)))


def _check_zip_bomb(infos: list[zipfile.ZipInfo], name: str) -> None:
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_ZIP_ENTRIES or total > MAX_UNZIPPED_BYTES:
        raise ReadError(
            name,
            f"疑似压缩炸弹：解压后共 {total / _MB:.0f} MB、{len(infos)} 个文件，"
            f"超过 {MAX_UNZIPPED_BYTES // _MB} MB 的安全上限，已拒绝且未解压",
        )
    for info in infos:
        if info.file_size < _RATIO_MIN_ENTRY:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO:
            raise ReadError(
                name,
                f"疑似压缩炸弹：{info.filename} 的压缩比达 {ratio:.0f}:1（上限 {MAX_RATIO}:1），已拒绝且未解压",
            )


def _block_lines(container, parent, budget: _Budget, numbers: _Numbering | None = None) -> list[str]:
    """Paragraphs and table rows of a body/cell element, in document order. Every paragraph
    (also one inside a table cell) goes through ``budget``, which stops the reading past a limit.
    A paragraph in a Word list gets its number written out (``numbers``: 一、 （二） 3. as Word shows them)."""
    lines: list[str] = []
    if numbers is None:
        numbers = _Numbering(getattr(parent, "part", None))
    for child in container.iterchildren():
        if child.tag == _P:
            lines.append(budget.add(numbers.marker(child) + _paragraph_text(child)))
        elif child.tag == qn("w:tbl"):
            from docx.table import Table

            table = Table(child, parent)
            # a merged cell repeats: across a row (gridSpan) and down a column (vMerge); the set holds the
            # elements themselves (an id() of an lxml proxy can be reused once the proxy is gone)
            seen: set = set()
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    if cell._tc in seen:
                        cells.append("")
                        continue
                    seen.add(cell._tc)
                    cells.append(" ".join(t for t in _block_lines(cell._tc, cell, budget, numbers) if t.strip()))
                while cells and not cells[-1]:
                    cells.pop()
                lines.append("\t".join(cells))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                lines.extend(_block_lines(content, parent, budget, numbers))
    return lines


_WORD_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            "xml": "http://www.w3.org/XML/1998/namespace"}


def qn(tag: str) -> str:
    """``w:p`` -> ``{namespace}p``, as ``docx.oxml.ns.qn`` (whose import loads all of python-docx)."""
    prefix, local = tag.split(":")
    return f"{{{_WORD_NS[prefix]}}}{local}"


_P = qn("w:p")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
# not shown as text: deleted and moved-away revisions, field codes, text boxes (their own paragraphs), the
# paragraph's properties (a tracked change of its mark), footnote and comment references
_HIDDEN = frozenset(qn(t) for t in ("w:del", "w:moveFrom", "w:instrText", "w:txbxContent", "w:pPr", "w:rPr",
                                    "w:footnoteReference", "w:endnoteReference", "w:commentReference"))


def _paragraph_text(p) -> str:
    """The text Word shows for a paragraph: its runs, also inside tracked insertions and moves, smart tags,
    hyperlinks, content controls and simple fields (python-docx reads direct runs only)."""
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if tag == _T:
                out.append(child.text or "")
            elif tag == _TAB:
                out.append("\t")
            elif tag in (_BR, _CR):
                out.append("\n")
            elif tag not in _HIDDEN and len(child):
                walk(child)

    walk(p)
    return "".join(out)


# Word's list numbers, as it draws them (numbering.xml: w:numFmt and w:lvlText per level)
_CN_DIGITS = "零一二三四五六七八九"


def _chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (Word's chineseCounting up to 99)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else _CN_DIGITS[tens] + "十"
    return head + (_CN_DIGITS[ones] if ones else "")


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_NUM_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "chineseCounting": _chinese_counting,
    "chineseCountingThousand": _chinese_counting,
    "chineseLegalSimplified": _chinese_counting,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "ideographZodiac": lambda n: "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12],
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})",
    "decimalEnclosedFullstop": lambda n: chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}.",
    "decimalFullWidth": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
    "lowerLetter": lambda n: _letters(n).lower(),
    "upperLetter": _letters,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": _roman,
}
_LEVEL_REF = re.compile(r"%([1-9])")


class _Numbering:
    """Counters of a document's lists while its paragraphs are read in order; ``marker(p)`` is the number
    Word draws before paragraph ``p`` ("" for none, for a bullet, or for a format it cannot write)."""

    def __init__(self, part) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId -> ilvl -> (fmt, text, start)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # styleId -> (numId, ilvl, basedOn)
        self.counters: dict[str, list[int]] = {}
        try:
            numbering = part.numbering_part.element if part is not None else None
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            self._read(numbering)
        try:
            styles = part.styles.element if part is not None and self.nums else None
        except (KeyError, NotImplementedError, AttributeError):
            styles = None
        if styles is not None:
            for st in styles.iterchildren(qn("w:style")):
                num = st.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
                based = st.find(qn("w:basedOn"))
                self.styles[st.get(qn("w:styleId"))] = (
                    _val(num, "w:numId") if num is not None else None, _val(num, "w:ilvl") if num is not None else None,
                    based.get(qn("w:val")) if based is not None else None)

    def _read(self, numbering) -> None:
        for ab in numbering.iterchildren(qn("w:abstractNum")):
            levels = {}
            for lvl in ab.iterchildren(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or "", int(_val(lvl, "w:start") or 1))
            self.levels[ab.get(qn("w:abstractNumId"))] = levels
        for num in numbering.iterchildren(qn("w:num")):
            starts = {}
            for ov in num.iterchildren(qn("w:lvlOverride")):
                start = _val(ov, "w:startOverride")
                if start is not None:
                    starts[int(ov.get(qn("w:ilvl"), "0"))] = int(start)
            self.nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId"), starts)

    def _num_pr(self, p) -> tuple[str | None, int]:
        ppr = p.find(qn("w:pPr"))
        num = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id = _val(num, "w:numId") if num is not None else None
        ilvl = _val(num, "w:ilvl") if num is not None else None
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        sid, hops = (style.get(qn("w:val")) if style is not None else None), 0
        while (num_id is None or ilvl is None) and sid in self.styles and hops < 10:  # from the style
            s_num, s_ilvl, based = self.styles[sid]
            num_id, ilvl = num_id or s_num, ilvl or s_ilvl
            sid, hops = based, hops + 1
        return num_id, int(ilvl or 0)

    def marker(self, p) -> str:
        if not self.nums:
            return ""
        num_id, ilvl = self._num_pr(p)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        abstract, starts = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(abstract, [0] * 9)
        start = starts.get(ilvl, levels[ilvl][2])
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] >= start else start
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        fmt, text, _start = levels[ilvl]
        if fmt in ("bullet", "none") or not text:
            return ""

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            f = levels.get(k, ("decimal", "", 1))[0]
            value = counts[k] or levels.get(k, ("", "", 1))[2]
            return _NUM_FORMATS.get(f, str)(value)

        if any(levels.get(int(k) - 1, ("decimal",))[0] not in _NUM_FORMATS for k in _LEVEL_REF.findall(text)):
            return ""
        return _LEVEL_REF.sub(number, text)


def _val(el, tag: str) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val")) if child is not None else None
