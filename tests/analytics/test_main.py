"""CLI (`python -m analytics`): commands, JSON fields, exit codes, Chinese one-line failures."""

from __future__ import annotations

import json

from analytics.__main__ import main


def test_list_shows_builtin_corpus_on_fresh_store(db_path, capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 5
    assert any("周营镇" in line and "沈丘县" in line and "2023" in line for line in out)


def test_analyse_json_fields_and_store_untouched(store, seed_paths, capsys):
    before = store.count()
    assert main(["analyse", str(seed_paths["苏河镇"]), str(seed_paths["周营镇"]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["town"] for d in data] == ["苏河镇", "周营镇"]
    assert [d["year"] for d in data] == [2021, 2023]
    d = data[1]
    for key in ("file", "title", "town", "county", "year", "level", "chars", "units", "keywords", "indicators",
                "lean", "sections", "shortcomings", "causes", "facts", "concreteness"):
        assert key in d, key
    assert d["county"] == "沈丘县" and d["level"] == "township"
    assert len(d["keywords"]) >= 10 and all({"term", "weight", "count"} <= set(k) for k in d["keywords"])
    assert d["indicators"]["enforcement"]["label"] and d["indicators"]["enforcement"]["count"] > 0
    assert 0 < d["indicators"]["enforcement"]["units"] <= d["units"]
    assert set(d["lean"]) == {"value", "lo", "hi", "label", "firm", "pufa", "zhifa"}
    assert d["lean"]["lo"] <= d["lean"]["value"] <= d["lean"]["hi"]
    assert d["lean"]["firm"] == (d["lean"]["lo"] > 0 or d["lean"]["hi"] < 0)
    assert set(d["sections"]) == {"measures", "shortcomings", "leaders", "next_year", "other"}
    assert any(f["unit"] == "份" and f["value"] == 30000 for f in d["facts"])
    assert "reading" not in d and "ranks" not in d
    assert store.count() == before


def test_analyse_and_position_leave_the_database_file_byte_for_byte(seeded_db, tmp_path, seed_paths):
    """Run as the CLI is run (its own process, which closes the store and checkpoints it on exit)."""
    import os
    import subprocess
    import sys

    from analytics.store import Store

    db = Store(seeded_db).copy_to(tmp_path / "copy.db")
    env = {**os.environ, "REPORTS_DB": str(db)}

    def cli(*args):
        subprocess.run([sys.executable, "-m", "analytics", *args], env=env, check=True, capture_output=True)

    cli("list")  # a first run may still set the store up
    before = db.read_bytes()
    cli("analyse", str(seed_paths["周营镇"]))
    cli("position", str(seed_paths["南郊镇"]))
    assert db.read_bytes() == before  # not even SQLite's change counter in the header moved


def test_position_compares_a_stored_file_with_the_others(store, seed_paths, capsys):
    assert main(["position", str(seed_paths["南郊镇"]), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)[0]
    assert d["town"] == "南郊镇" and d["duplicate_of"] == d["id"] and d["compared"] == 4
    assert len(d["nearest"]) == 4 and "南郊镇" not in {n["town"] for n in d["nearest"]}
    assert d["percentiles"] is None  # fewer than 20 reports: ranks only
    assert all(1 <= r["rank"] <= r["n"] == 5 for r in d["ranks"].values())
    assert d["lean"]["label"] in ("law_popularization", "enforcement", "balanced")
    assert any("只有 4 份" in c for c in d["cautions"])
    assert d["reading"] and d["reading"][0].startswith("与库中南郊镇·2021报告完全相同") and len(d["reading"]) <= 8
    assert d["wordscore"] is None and {"x", "y"} <= set(d["map"])


def test_position_of_a_new_file_is_not_a_duplicate(store, tmp_path, capsys):
    from tests.analytics import texts as T

    new = tmp_path / "青石镇.txt"
    new.write_text(T.pufa_report(), encoding="utf-8")
    assert main(["position", str(new), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)[0]
    assert d["duplicate_of"] is None and d["compared"] == 5 and d["lean"]["label"] == "law_popularization"
    assert d["reading"][0].startswith("明显偏重普法宣传")


def test_empty_folder_says_so(store, tmp_path, capsys):
    (tmp_path / "空文件夹").mkdir()
    for command in ("ingest", "analyse"):
        assert main([command, str(tmp_path / "空文件夹")]) == 1
        err = capsys.readouterr().err
        assert "没有找到可读取的报告文件" in err and "空文件夹" in err


def test_list_prints_unknown_not_nan(store, capsys):
    store.update_metadata(store.reports()["id"].iloc[0], town=None, county=None, year=None)
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "nan" not in out and "None" not in out and "未知" in out


def test_store_fault_is_one_chinese_line(tmp_path, monkeypatch, capsys):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    monkeypatch.setenv("REPORTS_DB", str(junk))
    assert main(["list"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(junk) in err[0] and "不是本系统的数据库" in err[0] and "出错" not in err[0]


def test_ingest_show_remove_roundtrip(store, tmp_path, seed_texts, capsys):
    new = tmp_path / "新报告.txt"
    new.write_text(seed_texts["商家镇"].replace("商家镇", "河口镇"), encoding="utf-8")
    assert main(["ingest", str(new)]) == 0
    out = capsys.readouterr().out
    assert "新增 1 份，已存在 0 份，失败 0 份" in out
    assert "新报告.txt\t→ 河口镇 · " in out and "2021年" in out  # what was read from it, at once
    assert main(["ingest", str(new)]) == 0
    assert "新增 0 份，已存在 1 份" in capsys.readouterr().out
    rid = store.reports().query("town == '河口镇'")["id"].item()
    assert main(["show", rid]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["town"] == "河口镇" and shown["keywords"]
    assert main(["remove", rid]) == 0
    assert store.count() == 5
    assert main(["remove", rid]) == 1
    assert "没有编号为" in capsys.readouterr().err


def test_failed_file_exits_1_with_one_chinese_line(store, tmp_path, seed_paths, capsys):
    bad = tmp_path / "空白.txt"
    bad.write_text("   \n", encoding="utf-8")
    code = main(["ingest", str(bad), str(seed_paths["南郊镇"])])
    captured = capsys.readouterr()
    assert code == 1
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "空白.txt" in lines[0] and "Traceback" not in captured.err
    assert "失败 1 份" in captured.out
    assert store.count() == 5


def test_ingesting_a_notice_stores_it_with_a_note_on_stderr(store, capsys):
    from pathlib import Path

    notice = Path(__file__).parent / "not_reports" / "notice_training.txt"
    assert main(["ingest", str(notice)]) == 0
    captured = capsys.readouterr()
    (line,) = captured.err.strip().splitlines()
    assert line.startswith("notice_training.txt：已加入语料库；注意：这份文件不太像法治政府建设年度报告")
    assert "新增 1 份" in captured.out and store.count() == 6


def test_position_reports_shared_passages_and_their_coverage(store, tmp_path, seed_texts, capsys):
    copy = tmp_path / "抄袭.txt"
    copy.write_text(seed_texts["商家镇"].replace("商家镇", "河口镇"), encoding="utf-8")
    assert main(["position", str(copy), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)[0]
    top = d["shared_coverage"][0]
    assert top["town"] == "商家镇" and top["share_other"] > 0.9 and top["share_own"] > 0.9
    assert all(len(p["text"]) >= 20 for p in d["shared_passages"])
    assert store.count() == 5


def test_ingest_names_what_it_read_from_each_file_unless_told_not_to(store, tmp_path, seed_texts, capsys):
    text = "白果坪乡法治政府建设情况报告（2023年1月至12月）\n云岚县人民政府：\n" + seed_texts["商家镇"].split("\n", 2)[2]
    a, b = tmp_path / "甲.txt", tmp_path / "乙.txt"
    a.write_text(text.replace("商家镇", "白果坪乡"), encoding="utf-8")
    b.write_text(seed_texts["苏河镇"].replace("苏河镇", "乾溪镇"), encoding="utf-8")
    assert main(["ingest", "--no-each", str(a)]) == 0
    assert "→" not in capsys.readouterr().out
    assert main(["ingest", str(b)]) == 0
    out = capsys.readouterr().out
    assert "乙.txt\t→ 乾溪镇 · " in out
