"""Readers: the seeds read back exactly; the longest seed survives every encoding and format;
every kind of bad input is refused with a Chinese reason that names the file and the problem."""

from __future__ import annotations

import difflib
import html
import io
import random
import re
import time
import zipfile
import zlib
from xml.sax.saxutils import escape
from pathlib import Path

import docx.text.paragraph
import pypdfium2 as pdfium
import pytest

from analytics.normalize import normalize_text
from analytics.readers import (
    MAX_BYTES,
    MAX_CHARS,
    MAX_PARAGRAPHS,
    MAX_PDF_PAGES,
    MIN_CHINESE_CHARS,
    Document,
    ReadError,
    read_bytes,
    read_path,
)
from tests.analytics import filemakers as fm
from tests.analytics.texts import visible

needs_chromium = pytest.mark.skipif(
    not fm.chromium_available(), reason="/usr/bin/chromium 不存在：无法用无头浏览器打印 PDF"
)


def char_ratio(original: str, read_back: str) -> float:
    """Share of equal characters, whitespace and Markdown markers ignored."""
    return difflib.SequenceMatcher(None, visible(original), visible(read_back), autojunk=False).ratio()


@pytest.fixture(scope="module")
def longest(seed_texts) -> str:
    return max(seed_texts.values(), key=len)


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory, longest) -> Path:
    if not fm.chromium_available():
        pytest.skip("/usr/bin/chromium 不存在：无法用无头浏览器打印 PDF")
    path = tmp_path_factory.mktemp("pdf") / "seed.pdf"
    return fm.print_pdf(fm.report_html(longest.split("\n")), path)


def refused(path: Path) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_path(path)
    error = info.value
    assert error.filename == path.name
    assert str(error) == f"{path.name}：{error.reason}"
    return error


# ---------------------------------------------------------------- good input


def test_seeds_read_back_exactly(seed_paths, seed_texts):
    for town, path in seed_paths.items():
        document = read_path(path)
        original = seed_texts[town]
        assert document == Document(path.name, "txt", "utf-8", normalize_text(original))
        assert visible(document.text) == visible(original), town


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("gb18030", False), ("utf-16-le", True), ("utf-16-be", False), ("utf-8", True), ("utf-16-le", False)],
)
def test_seed_in_other_encodings(tmp_path, longest, encoding, bom):
    path = fm.write_encoded(longest, tmp_path / "报告.txt", encoding=encoding, bom=bom)
    document = read_path(path)
    assert document.kind == "txt"
    assert document.encoding.startswith(encoding)
    assert char_ratio(longest, document.text) >= 0.999


def test_gbk_short_file_is_detected(tmp_path, seed_texts):
    text = seed_texts["商家镇"][:400]  # a short text: only charset-normalizer can tell
    document = read_path(fm.write_encoded(text, tmp_path / "gbk.txt", encoding="gbk"))
    assert document.encoding == "gb18030"
    assert char_ratio(text, document.text) >= 0.999


def test_traditional_copy_reads_as_simplified(tmp_path, longest):
    traditional = fm.to_traditional(longest)
    assert char_ratio(longest, traditional) < 0.9  # the copy really is in traditional characters
    document = read_path(fm.write_encoded(traditional, tmp_path / "繁體.txt", encoding="utf-8"))
    assert char_ratio(longest, document.text) >= 0.99


def test_docx_reads_back(tmp_path, longest):
    document = read_path(fm.make_docx(tmp_path / "报告.docx", longest.split("\n")))
    assert document.kind == "docx" and document.encoding is None
    assert char_ratio(longest, document.text) >= 0.999


def test_docx_tables_in_document_order(tmp_path, seed_texts):
    lines = [line for line in seed_texts["周营镇"].split("\n") if line.strip()]
    table = [["指标", "数量", "单位"], ["普法宣传活动", "36", "场"], ["调解矛盾纠纷", "128", "件"]]
    document = read_path(fm.make_docx(tmp_path / "t.docx", lines, table=table, table_after=3))
    paragraphs = document.text.split("\n")
    row = paragraphs.index("普法宣传活动\t36\t场")
    assert paragraphs[row - 1] == "指标\t数量\t单位"
    assert paragraphs[row - 2] == lines[2].strip()
    assert paragraphs[row + 2] == lines[3].strip()


@needs_chromium
def test_pdf_printed_by_chromium_reads_back(seed_pdf, longest):
    document = read_path(seed_pdf)
    assert document.kind == "pdf"
    assert char_ratio(longest, document.text) >= 0.999


@needs_chromium
def test_pdf_with_running_header_page_numbers_and_large_type_reads_as_paragraphs(tmp_path):
    """A PDF as offices print them: the title on top of every page, "第 N 页 共 M 页" below, large type, so
    that a line wraps right after "（二）…，": one paragraph per paragraph, no page furniture, no spaces."""
    title = "青石镇2023年法治政府建设情况报告"
    items = [f"（{n}）{topic}。全年开展{topic[:2]}活动{k}场次，覆盖群众{k * 40}余人次，以“八五”普法为统领，"
             f"全镇{k % 9 + 6}个村均培育了“法律明白人”，群众尊法学法守法用法的氛围日益浓厚。"
             for n, topic, k in zip("一二三四五六七八", ["强化理论学习", "深化法治宣传", "规范行政执法", "化解矛盾纠纷",
                                                   "推进政务公开", "加强队伍建设", "完善制度体系", "强化监督问责"],
                                    range(11, 19))]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in [title, "一、主要举措及成效", *items])
    page = ('<!doctype html><html><head><meta charset="utf-8"><style>'
            f'@page{{size:A4;margin:2.5cm 2cm;@top-center{{content:"{title}";font-size:9pt}}'
            '@bottom-center{content:"第 " counter(page) " 页 共 " counter(pages) " 页";font-size:9pt}}'
            'body{font-family:"WenQuanYi Micro Hei",sans-serif;font-size:22pt;line-height:1.5}p{margin:0 0 6pt 0}'
            "</style></head><body>" + body + "</body></html>")
    document = read_path(fm.print_pdf(page, tmp_path / "页眉页脚.pdf"))
    assert document.text.split("\n") == [title, "一、主要举措及成效", *items]


@needs_chromium
def test_pdf_with_kangxi_radicals_is_normalised(tmp_path, seed_texts):
    body = [line for line in seed_texts["南郊镇"].split("\n") if line.strip()]
    radical_line = "各部门⾯向⼈⺠群众，⻓期推进⻔户⽹站政务公开。"
    path = fm.print_pdf(fm.report_html([body[0], radical_line, *body[1:]]), tmp_path / "radicals.pdf")
    pdf = pdfium.PdfDocument(str(path))
    raw = "".join(page.get_textpage().get_text_bounded() for page in pdf)
    pdf.close()
    raw_line = next(line for line in raw.splitlines() if "政务公开" in line)
    # The text layer really carries radical code points. (Chromium writes some of them as U+0000,
    # which no extractor can recover, so the expectation is built from the layer itself.)
    assert len(re.findall(r"[\u2e80-\u2fdf]", raw_line)) >= 3
    lookalikes = {"⾯": "面", "⼈": "人", "⺠": "民", "⻓": "长", "⻔": "门", "⽹": "网"}
    expected = "".join(lookalikes.get(ch, ch) for ch in raw_line if ch != "\x00")
    document = read_path(path)
    assert not re.search(r"[\u2e80-\u2fdf]", document.text)
    assert expected in document.text.split("\n")
    assert "人民群众" in document.text


def test_markdown_file(tmp_path, seed_texts):
    text = "# " + seed_texts["商家镇"].replace("一是", "**一是**", 1)
    document = read_path(fm.write_encoded(text, tmp_path / "报告.md", encoding="utf-8"))
    assert document.kind == "md"
    assert "**" not in document.text and "#" not in document.text
    assert document.text == normalize_text(seed_texts["商家镇"])


def test_type_comes_from_content_not_extension(tmp_path, longest):
    docx_named_txt = fm.make_docx(tmp_path / "报告.txt", longest.split("\n"))
    assert read_path(docx_named_txt).kind == "docx"
    document = read_bytes(docx_named_txt.read_bytes(), filename="/some/dir/无扩展名")
    assert document.filename == "无扩展名" and document.kind == "docx"


# ---------------------------------------------------------------- bad input


def test_empty_file(tmp_path):
    path = tmp_path / "空.txt"
    path.write_bytes(b"")
    assert "为空" in refused(path).reason


def test_blank_file(tmp_path):
    path = tmp_path / "空白.txt"
    path.write_text(" \n\n\u3000\t\r\n  ", encoding="utf-8")
    assert "空白" in refused(path).reason


def test_binary_junk(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(random.Random(7).randbytes(8192))
    assert "二进制" in refused(path).reason


@needs_chromium
def test_pdf_without_text_layer(tmp_path, seed_texts):
    path = fm.make_scanned_pdf(tmp_path / "扫描件.pdf", seed_texts["南郊镇"].split("\n"))
    reason = refused(path).reason
    assert "没有可提取的文字层" in reason and "OCR" in reason


def test_encrypted_pdf(tmp_path):
    path = fm.make_encrypted_pdf(tmp_path / "加密.pdf", password="secret")
    opened = pdfium.PdfDocument(str(path), password="secret")  # a genuine password-protected PDF
    assert "Confidential" in opened[0].get_textpage().get_text_bounded()
    opened.close()
    reason = refused(path).reason
    assert "加密" in reason and "密码" in reason


def test_old_doc(tmp_path):
    reason = refused(fm.make_old_doc(tmp_path / "旧报告.doc")).reason
    assert reason == "旧版 Word .doc 格式，请另存为 .docx 后上传"


def test_password_protected_word_file(tmp_path):
    reason = refused(fm.make_encrypted_office(tmp_path / "加密.docx")).reason
    assert "加密" in reason and ".docx" in reason


def test_text_disguised_as_docx(tmp_path, longest):
    path = tmp_path / "伪装.docx"
    path.write_text(longest, encoding="utf-8")
    reason = refused(path).reason
    assert ".docx" in reason and "改了扩展名" in reason


def test_renamed_zip_as_docx(tmp_path, longest):
    reason = refused(fm.make_plain_zip(tmp_path / "压缩包.docx", longest)).reason
    assert "不是有效的 .docx" in reason and "word/document.xml" in reason


def test_corrupt_docx(tmp_path, longest):
    good = fm.make_docx(tmp_path / "good.docx", longest.split("\n"))
    reason = refused(fm.make_truncated(good, tmp_path / "损坏.docx")).reason
    assert "不是有效的 .docx" in reason and "损坏" in reason


@pytest.mark.parametrize("megabytes", [60, 5])  # over the 50 MB total; under it but ratio > 100
def test_zip_bomb_disguised_as_docx_is_refused_without_inflating(tmp_path, monkeypatch, megabytes):
    path = fm.make_zip_bomb(tmp_path / "炸弹.docx", megabytes=megabytes)
    assert path.stat().st_size < 1024 * 1024

    def no_inflating(*args, **kwargs):
        raise AssertionError("an entry was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_inflating)
    reason = refused(path).reason
    assert "压缩炸弹" in reason and "未解压" in reason


def test_file_over_20_mb_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "巨大.txt"
    with open(path, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    reason = refused(path).reason
    assert "过大" in reason and "20 MB" in reason


def test_bytes_over_20_mb_are_refused():
    with pytest.raises(ReadError, match="big.pdf：文件过大"):
        read_bytes(b"%PDF-1.4\n" + b"0" * MAX_BYTES, filename="big.pdf")


def test_fewer_than_200_chinese_characters(tmp_path, seed_texts):
    text = seed_texts["南郊镇"][:150]
    path = fm.write_encoded(text, tmp_path / "短.txt", encoding="utf-8")
    reason = refused(path).reason
    assert f"少于 {MIN_CHINESE_CHARS} 个" in reason


def test_no_chinese_at_all(tmp_path):
    path = tmp_path / "english.txt"
    path.write_text("Annual report on the rule of law.\n" * 50, encoding="utf-8")
    assert "没有中文" in refused(path).reason


def test_unsupported_type(tmp_path, longest):
    path = fm.write_encoded(longest, tmp_path / "报告.csv", encoding="utf-8")
    reason = refused(path).reason
    assert "不支持的文件类型" in reason and ".csv" in reason


def test_image_file(tmp_path):
    path = tmp_path / "照片.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert "图片" in refused(path).reason


def test_missing_file(tmp_path):
    assert "不存在" in refused(tmp_path / "没有这个文件.txt").reason


@needs_chromium
def test_no_library_exception_escapes(seed_pdf, tmp_path, longest):
    """Mangled copies of real files fail only with ReadError."""
    rng = random.Random(3)
    sources = [seed_pdf.read_bytes(), fm.make_docx(tmp_path / "d.docx", longest.split("\n")).read_bytes()]
    for index, data in enumerate(sources * 10):
        mangled = bytearray(data)
        for _ in range(50):
            mangled[rng.randrange(16, len(mangled))] = rng.randrange(256)
        try:
            read_bytes(bytes(mangled[: rng.randrange(len(mangled) // 2, len(mangled))]), filename=f"x{index}")
        except ReadError:
            pass


def test_read_error_survives_pickling():
    import pickle

    from analytics.readers import ReadError

    err = pickle.loads(pickle.dumps(ReadError("坏.txt", "文件为空")))
    assert isinstance(err, ReadError) and (err.filename, err.reason, str(err)) == ("坏.txt", "文件为空", "坏.txt：文件为空")


# ---------------------------------------------------------------- size limits on the extracted text


def make_cjk_pdf(pages: list[str], *, chars_per_line: int = 38) -> bytes:
    """A real PDF showing Chinese text on each page in the non-embedded Adobe font STSong-Light
    (encoding UniGB-UCS2-H), written by hand: thousands of pages in well under a second. Pages with
    the same text share one compressed content stream, so 2,000 pages stay a few hundred KB."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    descriptor = add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [-25 -254 1000 880]"
                     b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    cid = add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe)"
              b" /Ordering (GB1) /Supplement 4 >> /FontDescriptor %d 0 R /DW 1000 >>" % descriptor)
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
               b" /DescendantFonts [%d 0 R] >>" % cid)
    streams: dict[str, int] = {}
    kids = []
    for text in pages:
        if text not in streams:
            lines = [text[i:i + chars_per_line] for i in range(0, len(text), chars_per_line)]
            ops = b"BT /F1 14 Tf 16 TL 30 800 Td\n" + b"".join(
                b"<%s> Tj T*\n" % line.encode("utf-16-be").hex().encode() for line in lines) + b"ET"
            data = zlib.compress(ops, 9)
            streams[text] = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                        b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (streams[text], font)))
    objects[1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                  + b"] /Count %d >>" % len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_big_docx(tmp_path: Path, paragraphs: list[str], *, table_rows: list[list[str]] | None = None) -> bytes:
    """A .docx (python-docx's own package) whose body is replaced by the given paragraphs
    (and optionally one table after them): writing 200,000 paragraphs this way takes a second."""
    skeleton = fm.make_docx(tmp_path / "skeleton.docx", ["骨架"])
    para = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>".format
    body = "".join(para(escape(p)) for p in paragraphs)
    if table_rows:
        body += "<w:tbl>" + "".join(
            "<w:tr>" + "".join(f"<w:tc>{para(escape(c))}</w:tc>" for c in row) + "</w:tr>" for row in table_rows
        ) + "</w:tbl>"
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}<w:sectPr/></w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(skeleton) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = xml.encode("utf-8") if info.filename == "word/document.xml" else src.read(info.filename)
            dst.writestr(info.filename, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def sentences(seed_texts) -> list[str]:
    """Real sentences from the seeds (varied, so that files built from them compress like real ones)."""
    return [s + "。" for t in seed_texts.values() for s in re.split(r"[。\n]", t) if len(s.strip()) >= 12]


def pages_of(sentences: list[str], n: int, *, distinct: int, chars: int = 1400) -> list[str]:
    rng = random.Random(n)
    texts = ["".join(rng.sample(sentences, 40))[:chars] for _ in range(distinct)]
    return [texts[i % distinct] for i in range(n)]


def test_a_2000_page_pdf_is_refused_before_any_text_is_extracted(sentences, monkeypatch):
    data = make_cjk_pdf(pages_of(sentences, 2000, distinct=40))
    assert len(data) < 1024 * 1024  # like the reported file: small on disk, 2,000 pages of text
    opened = pdfium.PdfDocument(data)
    assert len(opened) == 2000 and "法治" in opened[1999].get_textpage().get_text_bounded()
    opened.close()

    def no_extraction(*args, **kwargs):
        raise AssertionError("a page was parsed for its text")

    monkeypatch.setattr(pdfium.PdfPage, "get_textpage", no_extraction)
    start = time.perf_counter()
    with pytest.raises(ReadError) as info:
        read_bytes(data, filename="汇编.pdf")
    seconds = time.perf_counter() - start
    print(f"\n2,000-page PDF ({len(data) / 1024:.0f} KB) refused in {seconds * 1000:.1f} ms")
    assert str(info.value).startswith("汇编.pdf：PDF 共 2,000 页")
    assert f"超过 {MAX_PDF_PAGES} 页的上限" in info.value.reason


def test_a_pdf_under_the_page_limit_stops_once_past_the_character_limit(sentences, monkeypatch):
    pages = pages_of(sentences, 400, distinct=40)  # 400 pages x 1,400 characters = 560,000
    assert 400 <= MAX_PDF_PAGES and sum(map(len, pages)) > MAX_CHARS
    parsed = []
    real = pdfium.PdfPage.get_textpage
    monkeypatch.setattr(pdfium.PdfPage, "get_textpage", lambda page: parsed.append(1) or real(page))
    with pytest.raises(ReadError) as info:
        read_bytes(make_cjk_pdf(pages), filename="合订本.pdf")
    assert f"超过 {MAX_CHARS:,} 字的上限" in info.value.reason and "已停止读取" in info.value.reason
    assert len(parsed) <= MAX_CHARS // 1300 + 2  # stopped at the page that crossed the limit


def test_an_ordinary_pdf_of_many_pages_still_reads(sentences):
    pages = pages_of(sentences, 60, distinct=60, chars=900)
    document = read_bytes(make_cjk_pdf(pages), filename="报告.pdf")
    assert document.kind == "pdf"
    assert visible(pages[0][:200]) in visible(document.text) and visible(pages[-1][-200:]) in visible(document.text)


def test_a_docx_of_200000_paragraphs_is_refused(tmp_path, sentences):
    rng = random.Random(5)
    paragraphs = [rng.choice(sentences) for _ in range(200_000)]
    data = make_big_docx(tmp_path, paragraphs)
    assert len(data) < MAX_BYTES
    start = time.perf_counter()
    with pytest.raises(ReadError) as info:
        read_bytes(data, filename="段落.docx")
    print(f"\n200,000-paragraph .docx ({len(data) / 1024:.0f} KB) refused in {time.perf_counter() - start:.2f} s")
    assert str(info.value).startswith("段落.docx：共 200,000 段")
    assert f"超过 {MAX_PARAGRAPHS:,} 段的上限" in info.value.reason


def test_a_docx_past_the_character_limit_stops_reading(tmp_path, sentences, monkeypatch):
    rng = random.Random(6)
    paragraphs = ["".join(rng.sample(sentences, 8)) for _ in range(2_000)]  # ~2,000 x 300 characters
    assert sum(map(len, paragraphs)) > MAX_CHARS and len(paragraphs) < MAX_PARAGRAPHS
    read = []
    real = docx.text.paragraph.Paragraph.text
    monkeypatch.setattr(docx.text.paragraph.Paragraph, "text", property(lambda p: read.append(1) or real.fget(p)))
    with pytest.raises(ReadError) as info:
        read_bytes(make_big_docx(tmp_path, paragraphs), filename="长.docx")
    assert f"超过 {MAX_CHARS:,} 字的上限" in info.value.reason and "已停止读取" in info.value.reason
    assert len(read) < len(paragraphs)


def test_paragraphs_inside_a_table_count_too(tmp_path, sentences):
    rng = random.Random(7)
    rows = [[rng.choice(sentences), rng.choice(sentences)] for _ in range(12_000)]  # one huge table
    with pytest.raises(ReadError) as info:
        read_bytes(make_big_docx(tmp_path, sentences[:20], table_rows=rows), filename="表格.docx")
    assert f"超过 {MAX_CHARS:,} 字的上限" in info.value.reason


def test_a_text_file_past_the_character_limit_is_refused(tmp_path, sentences):
    rng = random.Random(8)
    text = "\n".join(rng.choice(sentences) for _ in range(MAX_CHARS // 25))
    path = fm.write_encoded(text, tmp_path / "合集.txt", encoding="gb18030")
    reason = refused(path).reason
    assert re.search(rf"文字约 [\d,]+ 字超过 {MAX_CHARS:,} 字的上限", reason)


def test_a_text_file_of_many_lines_is_refused(tmp_path, seed_texts):
    text = seed_texts["商家镇"] + "\n" * MAX_PARAGRAPHS
    path = fm.write_encoded(text, tmp_path / "空行.txt", encoding="utf-8")
    assert f"超过 {MAX_PARAGRAPHS:,} 段的上限" in refused(path).reason


def test_a_long_report_under_the_limits_still_reads(tmp_path, sentences):
    rng = random.Random(9)
    lines = []
    while sum(map(len, lines)) < 200_000:
        lines.append(rng.choice(sentences))
    text = "\n".join(lines)
    assert 150_000 < len(text) < MAX_CHARS
    assert read_path(fm.write_encoded(text, tmp_path / "长报告.txt", encoding="utf-8")).kind == "txt"


# ---------------------------------------------------------------- whatever the uploader passes on


def test_a_doc_that_is_not_a_word_binary_is_told_to_save_as_docx(tmp_path, longest):
    path = tmp_path / "网页另存.doc"  # Word's "save as web page" keeps .doc: HTML inside
    path.write_text("<html><body>" + longest + "</body></html>", encoding="utf-8")
    reason = refused(path).reason
    assert "另存为 .docx" in reason


def test_an_opendocument_file_is_told_to_save_as_docx(tmp_path):
    path = tmp_path / "报告.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    reason = refused(path).reason
    assert "OpenDocument" in reason and "另存为 .docx" in reason


def test_file_names_lose_bidi_and_control_characters(longest):
    # "报告\u202etxt.exe" displays as "报告exe.txt": the name shown in messages must not mislead
    document = read_bytes(longest.encode("utf-8"), filename="柳湾镇\u202e报告.txt")
    assert document.filename == "柳湾镇报告.txt"
    with pytest.raises(ReadError) as info:
        read_bytes(b"", filename="\u2066空\u2069.txt\n")
    assert info.value.filename == "空.txt" and str(info.value).startswith("空.txt：")


# ---------------------------------------------------------------- Word revisions, smart tags, list numbers, merged cells
def _docx_with_body(path, body_xml: str, *, numbering_xml: str | None = None, heading_num: str | None = None):
    """A .docx whose body is ``body_xml`` (WordprocessingML paragraphs), with an optional numbering part and a
    numbered paragraph style "Heading1" (``heading_num``: its numId)."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    document = docx.Document()
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    fragment = etree.fromstring(f'<w:body xmlns:w="{W}">{body_xml}</w:body>')
    for i, el in enumerate(fragment):
        body.insert(i, el)
    if numbering_xml is not None:
        part = document.part.numbering_part
        new = etree.fromstring(f'<w:numbering xmlns:w="{W}">{numbering_xml}</w:numbering>')
        for child in list(part.element):
            part.element.remove(child)
        for child in new:
            part.element.append(child)
    if heading_num is not None:
        style = document.styles["Heading 1"]
        ppr = style.element.get_or_add_pPr()
        ppr.append(etree.fromstring(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{heading_num}"/></w:numPr>'))
    document.save(str(path))
    return path


def _p(text: str, *, num: tuple[int, int] | None = None, style: str | None = None) -> str:
    ppr = ""
    if num or style:
        numpr = f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
        pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
        ppr = f"<w:pPr>{pstyle}{numpr}</w:pPr>"
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def test_docx_tracked_changes_smart_tags_and_fields_read_as_word_shows_them(tmp_path):
    body = (
        '<w:p><w:r><w:t>全年办理行政处罚案件</w:t></w:r>'
        '<w:del w:id="1" w:author="a"><w:r><w:delText>30</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>31</w:t></w:r></w:ins><w:r><w:t>件。</w:t></w:r></w:p>'
        '<w:p><w:smartTag w:uri="u" w:element="chmetcnv"><w:r><w:t>4.7万元</w:t></w:r></w:smartTag>'
        '<w:r><w:t>罚没款已上缴。</w:t></w:r></w:p>'
        '<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>字段文字</w:t></w:r></w:fldSimple>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>链接文字</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:ins w:id="3" w:author="a"><w:p><w:r><w:t>新增的一段：基层依法治理水平不均衡。</w:t></w:r></w:p></w:ins>'
        '<w:p><w:moveFrom w:id="4" w:author="a"><w:r><w:t>挪走的句子。</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="5" w:author="a"><w:r><w:t>挪来的句子。</w:t></w:r></w:moveTo></w:p>'
    )
    text = _read_plain(_docx_with_body(tmp_path / "修订.docx", body))
    assert "全年办理行政处罚案件31件。" in text and "30" not in text
    assert "4.7万元罚没款已上缴。" in text
    assert "字段文字" in text and "链接文字" in text and "HYPERLINK" not in text
    assert "挪来的句子。" in text and "挪走的句子" not in text


def _read_plain(path) -> str:
    """The reader's paragraphs before normalisation (the short test texts are below the reader's minimum)."""
    from analytics import readers

    return readers._docx_text(path.read_bytes(), path.name)


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="•"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
)


def test_docx_list_numbers_are_written_out_as_word_draws_them(tmp_path):
    body = "".join([
        _p("主要举措和成效", num=(1, 0)), _p("强化组织领导", num=(1, 1)), _p("坚持学法用法", num=(1, 1)),
        _p("存在的不足和原因", num=(1, 0)), _p("干部法治意识有待增强。", num=(1, 2)), _p("执法力量不足。", num=(1, 2)),
        _p("要点一", num=(2, 0)), _p("正文段落没有编号。"),
    ] + [_p(f"第{i}项", num=(1, 0)) for i in range(3, 13)])
    lines = _read_plain(_docx_with_body(tmp_path / "编号.docx", body, numbering_xml=NUMBERING)).split("\n")
    assert lines[:8] == ["一、主要举措和成效", "（一）强化组织领导", "（二）坚持学法用法", "二、存在的不足和原因",
                         "1.干部法治意识有待增强。", "2.执法力量不足。", "要点一", "正文段落没有编号。"]
    assert lines[-3:] == ["十、第10项", "十一、第11项", "十二、第12项"]


def test_docx_numbered_heading_style_numbers_its_paragraphs(tmp_path):
    body = _p("主要举措和成效", style="Heading1") + _p("正文。") + _p("存在的不足", style="Heading1")
    text = _read_plain(_docx_with_body(tmp_path / "样式.docx", body, numbering_xml=NUMBERING, heading_num="1"))
    assert text.split("\n") == ["一、主要举措和成效", "正文。", "二、存在的不足"]


def test_a_numbered_shortcomings_list_is_found_in_a_word_file(tmp_path, seed_texts):
    """The list numbers Word draws make the parts and the items of the 不足 part (before, none was found)."""
    opening = [line for line in seed_texts["周营镇"].split("\n") if line.strip()][:3]
    body = "".join(_p(line) for line in opening) + "".join([
        _p("主要举措和成效", num=(1, 0)), _p("全年开展普法宣传活动58场次，调解矛盾纠纷312件。"),
        _p("存在的不足和原因", num=(1, 0)),
        _p("一年来，我镇法治政府建设取得了一定成效，但仍存在一些差距和不足，主要表现在："),
        _p("部分干部法治思维还不够牢固，在征地拆迁中仍存在重结果、轻程序的现象。", num=(1, 2)),
        _p("综合行政执法力量与执法任务不相匹配，执法人员仅有16名。", num=(1, 2)),
        _p("究其原因：一是学法用法考核机制还不够健全；二是基层执法队伍编制有限。"),
        _p("2024年推进法治政府建设的主要安排", num=(1, 0)), _p("继续加强普法宣传，提升干部法治素养。"),
    ])
    document = read_path(_docx_with_body(tmp_path / "不足.docx", body, numbering_xml=NUMBERING))
    from analytics.structure import shortcomings

    found = shortcomings(document.text)
    assert [s.sentence for s in found if s.kind == "problem"] == [
        "部分干部法治思维还不够牢固，在征地拆迁中仍存在重结果、轻程序的现象", "综合行政执法力量与执法任务不相匹配，执法人员仅有16名"]
    assert len([s for s in found if s.kind == "cause"]) == 2


def test_docx_merged_cells_are_read_once(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("主要数据如下：")
    table = document.add_table(rows=4, cols=3)
    for r, row in enumerate([["类别", "指标", "数量"], ["普法宣传", "开展活动", "46场次"], ["", "发放资料", "1.2万余份"],
                             ["行政执法", "办理案件", "37件"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))  # 普法宣传 spans two rows
    table.cell(1, 0).text = "普法宣传"
    document.save(str(tmp_path / "合并.docx"))
    lines = _read_plain(tmp_path / "合并.docx").split("\n")
    assert lines[1:] == ["类别\t指标\t数量", "普法宣传\t开展活动\t46场次", "\t发放资料\t1.2万余份", "行政执法\t办理案件\t37件"]


def test_the_readers_own_qn_names_elements_as_python_docx_does():
    from docx.oxml.ns import qn as docx_qn

    from analytics import readers

    for tag in ("w:p", "w:t", "w:tbl", "w:sdtContent", "w:numPr", "w:abstractNumId", "xml:space"):
        assert readers.qn(tag) == docx_qn(tag)
