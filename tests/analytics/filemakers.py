"""Helpers that generate real test files: encodings, traditional copies, .docx, PDFs, bad inputs."""

from __future__ import annotations

import hashlib
import html
import io
import shutil
import struct
import subprocess
import tempfile
import zipfile
from pathlib import Path

import docx
import opencc
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

CHROMIUM = Path("/usr/bin/chromium")
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def chromium_available() -> bool:
    return CHROMIUM.exists()


# ---------------------------------------------------------------- text files


def write_encoded(text: str, path: Path, *, encoding: str, bom: bool = False) -> Path:
    """Write ``text`` with CRLF-free bytes in ``encoding`` ('gb18030', 'utf-16-le', ...), BOM optional."""
    boms = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
    data = text.encode(encoding)
    path.write_bytes((boms[encoding] if bom else b"") + data)
    return path


def to_traditional(text: str) -> str:
    return opencc.OpenCC("s2t").convert(text)


# ---------------------------------------------------------------- docx


def make_docx(
    path: Path, lines: list[str], *, table: list[list[str]] | None = None, table_after: int = 0
) -> Path:
    """A .docx with one paragraph per non-empty line; optional table inserted after line ``table_after``."""
    document = docx.Document()
    lines = [line for line in lines if line.strip()]
    for index, line in enumerate(lines):
        document.add_paragraph(line)
        if table is not None and index + 1 == table_after:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
    document.save(str(path))
    return path


# ---------------------------------------------------------------- pdf


def print_pdf(html_text: str, path: Path, *, timeout: float = 120) -> Path:
    """Print an HTML document to PDF with headless chromium (no header/footer)."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html_text, encoding="utf-8")
        cmd = [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={path}",
            page.as_uri(),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
    if not path.exists() or path.stat().st_size == 0:
        raise RuntimeError(f"chromium did not write {path}")
    return path


def report_html(lines: list[str]) -> str:
    """A simple A4 page, one <p> per non-empty line, in the installed CJK font."""
    body = "\n".join(f"<p>{html.escape(line.strip())}</p>" for line in lines if line.strip())
    return (
        '<!doctype html><html><head><meta charset="utf-8"><style>'
        "@page{size:A4;margin:2cm}"
        'body{font-family:"WenQuanYi Micro Hei",sans-serif;font-size:12pt;line-height:1.6}'
        "</style></head><body>\n" + body + "\n</body></html>"
    )


def make_scanned_pdf(path: Path, lines: list[str]) -> Path:
    """A PDF whose page is only an image of Chinese text (like a scan): no text layer."""
    font = ImageFont.truetype(str(CJK_FONT), 28)
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines[:40]):
        draw.text((80, 80 + row * 40), line[:40], font=font, fill=0)
    pdf = pdfium.PdfDocument.new()
    width, height = 595, 842
    page = pdf.new_page(width, height)
    picture = pdfium.PdfImage.new(pdf)
    picture.set_bitmap(pdfium.PdfBitmap.from_pil(image))
    picture.set_matrix(pdfium.PdfMatrix().scale(width, height))
    page.insert_obj(picture)
    page.gen_content()
    buffer = io.BytesIO()
    pdf.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def make_encrypted_pdf(path: Path, *, password: str, owner_password: str = "owner") -> Path:
    """A one-page PDF protected by a user password (standard security handler, RC4 40-bit, R2)."""
    file_id = hashlib.md5(path.name.encode()).digest()
    permissions = -44
    owner_key = hashlib.md5((owner_password.encode() + _PAD)[:32]).digest()[:5]
    o_entry = _rc4(owner_key, (password.encode() + _PAD)[:32])
    key = hashlib.md5(
        (password.encode() + _PAD)[:32] + o_entry + struct.pack("<i", permissions) + file_id
    ).digest()[:5]
    u_entry = _rc4(key, _PAD)

    def encrypt(num: int, data: bytes) -> bytes:
        object_key = hashlib.md5(key + num.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
        return _rc4(object_key, data)

    content = encrypt(4, b"BT /F1 24 Tf 72 720 Td (Confidential report 2023) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (o_entry.hex().encode(), u_entry.hex().encode(), permissions),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 5 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))
    return path


# ---------------------------------------------------------------- OLE2 (.doc, encrypted Office)


def make_ole2(path: Path, streams: dict[str, bytes]) -> Path:
    """A minimal compound file (CFB v3): header, one FAT sector, one directory sector, streams.

    Old Word .doc files hold a 'WordDocument' stream; password-protected .docx files are OLE2
    containers with 'EncryptionInfo' and 'EncryptedPackage' streams.
    """
    assert len(streams) <= 3
    end, free, fat_sect = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    sectors: list[bytes] = []
    fat = [fat_sect, end]  # sector 0: FAT, sector 1: directory
    starts = []
    for data in streams.values():
        data = data.ljust(4096, b"\x00")  # >= mini stream cutoff: lives in normal sectors
        count = len(data) // 512 + (len(data) % 512 > 0)
        start = 2 + len(sectors)
        starts.append((start, len(data)))
        for k in range(count):
            sectors.append(data[k * 512 : (k + 1) * 512].ljust(512, b"\x00"))
            fat.append(start + k + 1 if k + 1 < count else end)
    fat_sector = b"".join(struct.pack("<I", v) for v in fat + [free] * (128 - len(fat)))

    def entry(name: str, kind: int, *, right: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", free, right, child)
            + b"\x00" * 16
            + b"\x00" * 4
            + b"\x00" * 16
            + struct.pack("<IQ", start, size)
        )

    names = list(streams)
    directory = entry("Root Entry", 5, right=free, child=1 if names else free, start=end, size=0)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else free
        directory += entry(name, 2, right=right, child=free, start=starts[index][0], size=starts[index][1])
    directory = directory.ljust(512, b"\x00")

    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )
    assert len(header) == 512
    path.write_bytes(header + fat_sector + directory + b"".join(sectors))
    return path


def make_old_doc(path: Path) -> Path:
    fib = struct.pack("<HH", 0xA5EC, 0x00C1)  # Word 97-2003 FIB magic and version
    return make_ole2(path, {"WordDocument": fib, "1Table": b"\x00"})


def make_encrypted_office(path: Path) -> Path:
    return make_ole2(path, {"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x00" * 64})


# ---------------------------------------------------------------- zip bombs and disguised files


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"/>'
)


def make_zip_bomb(path: Path, *, megabytes: int) -> Path:
    """A .docx-shaped zip whose word/document.xml inflates to ``megabytes`` of zeros."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(megabytes):
                entry.write(chunk)
    return path


def make_plain_zip(path: Path, text: str) -> Path:
    """An ordinary zip (a text file inside), as if someone renamed archive.zip to .docx."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("报告.txt", text)
    return path


def make_truncated(source: Path, path: Path, *, keep: float = 0.5) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def copy_as(source: Path, path: Path) -> Path:
    shutil.copyfile(source, path)
    return path
