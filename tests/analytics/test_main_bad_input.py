"""Every bad input through the CLI: one Chinese line naming file and problem, exit 1, store unchanged."""

from __future__ import annotations

import pytest

from analytics.__main__ import main
from tests.analytics import filemakers as fm


def _make_docx_paths(tmp, seed):
    return fm.make_docx(tmp / "src.docx", seed.read_text(encoding="utf-8").splitlines())


BAD_INPUTS = {
    "empty": ("空文件.txt", lambda t, s: (t / "空文件.txt").write_bytes(b""), "文件为空"),
    "blank": ("空白.txt", lambda t, s: (t / "空白.txt").write_text(" \n\t\n　\n", encoding="utf-8"), "空白"),
    "binary_junk": ("乱码.txt", lambda t, s: (t / "乱码.txt").write_bytes(bytes(range(256)) * 40), "二进制"),
    "pdf_no_text_layer": ("扫描件.pdf", lambda t, s: fm.make_scanned_pdf(t / "扫描件.pdf", ["法治政府建设情况报告"] * 3),
                          "OCR"),
    "encrypted_pdf": ("加密.pdf", lambda t, s: fm.make_encrypted_pdf(t / "加密.pdf", password="secret"), "加密"),
    "old_doc": ("旧文档.doc", lambda t, s: fm.make_old_doc(t / "旧文档.doc"), "另存为 .docx"),
    "corrupt_docx": ("损坏.docx", lambda t, s: fm.make_truncated(_make_docx_paths(t, s), t / "损坏.docx"), "损坏"),
    "disguised_docx": ("伪装.docx", lambda t, s: fm.copy_as(s, t / "伪装.docx"), "改了扩展名"),
    "zip_as_docx": ("压缩包.docx", lambda t, s: fm.make_plain_zip(t / "压缩包.docx", s.read_text(encoding="utf-8")),
                    "没有 Word 正文"),
    "zip_bomb": ("炸弹.docx", lambda t, s: fm.make_zip_bomb(t / "炸弹.docx", megabytes=200), "压缩"),
    "too_large": ("超大.txt", lambda t, s: (t / "超大.txt").write_bytes("法治".encode() * (11 * 1024 * 1024 // 2)),
                  "超过 20 MB"),
    "too_short": ("太短.txt", lambda t, s: (t / "太短.txt").write_text("关于法治政府建设的报告。" * 5, encoding="utf-8"),
                  "少于 200"),
    "no_chinese": ("english.txt", lambda t, s: (t / "english.txt").write_text("Rule of law report. " * 100,
                                                                              encoding="utf-8"), "没有中文"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_refused_and_nothing_stored(case, store, tmp_path, seed_paths, capsys):
    before = (store.count(), store.corpus_version(), store.get_meta("basis_id"))
    name, make, problem = BAD_INPUTS[case]
    make(tmp_path, seed_paths["南郊镇"])
    code = main(["ingest", str(tmp_path / name)])
    captured = capsys.readouterr()
    assert code == 1
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert name in lines[0] and problem in lines[0], lines[0]
    assert "Traceback" not in captured.err + captured.out
    assert (store.count(), store.corpus_version(), store.get_meta("basis_id")) == before


@pytest.mark.parametrize("command", ["analyse", "ingest"])
def test_batch_with_a_bad_file_answers(command, store, tmp_path, seed_texts, capsys):
    """≥ 8 files go to worker processes; one unreadable file must come back as its message, not stall the pool."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for i, (town, text) in enumerate(seed_texts.items()):
        for k in range(2):  # 10 distinct readable reports
            (folder / f"{i}_{k}.txt").write_text(text.replace(town, f"新{k}镇"), encoding="utf-8")
    (folder / "坏文件.txt").write_bytes(b"")
    code = main([command, str(folder)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.strip().splitlines() == ["坏文件.txt：文件为空（0 字节），没有任何内容"]
    if command == "ingest":
        assert "新增 10 份" in captured.out and "失败 1 份" in captured.out
    else:
        assert len(__import__("json").loads(captured.out)) == 10
