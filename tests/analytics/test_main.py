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
    for key in ("file", "title", "town", "county", "year", "level", "chars", "keywords", "indicators", "emphasis",
                "sections", "shortcomings", "facts", "concreteness"):
        assert key in d, key
    assert d["county"] == "沈丘县" and d["level"] == "township"
    assert len(d["keywords"]) == 20 and all({"term", "weight"} <= set(k) for k in d["keywords"])
    assert d["indicators"]["enforcement"]["label"] and d["indicators"]["enforcement"]["count"] > 0
    assert set(d["sections"]) == {"measures", "shortcomings", "leaders", "next_year", "other"}
    assert any(f["unit"] == "份" and f["value"] == 30000 for f in d["facts"])
    assert store.count() == before


def test_position_compares_a_stored_file_with_the_others(store, seed_paths, capsys):
    assert main(["position", str(seed_paths["南郊镇"]), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)[0]
    assert d["town"] == "南郊镇"
    assert len(d["nearest"]) == 4 and "南郊镇" not in {n["town"] for n in d["nearest"]}
    assert all(0 <= v <= 100 for v in d["percentiles"].values())
    assert {"x", "y"} <= set(d["map"])
    assert {"score", "se", "axis"} <= set(d["wordscore"]) and d["wordscore"]["se"] >= 0


def test_ingest_show_remove_roundtrip(store, tmp_path, seed_texts, capsys):
    new = tmp_path / "新报告.txt"
    new.write_text(seed_texts["商家镇"].replace("商家镇", "河口镇"), encoding="utf-8")
    assert main(["ingest", str(new)]) == 0
    assert "新增 1 份，已存在 0 份，失败 0 份" in capsys.readouterr().out
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


def test_position_reports_shared_passages_and_their_coverage(store, tmp_path, seed_texts, capsys):
    copy = tmp_path / "抄袭.txt"
    copy.write_text(seed_texts["商家镇"].replace("商家镇", "河口镇"), encoding="utf-8")
    assert main(["position", str(copy), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)[0]
    top = d["shared_coverage"][0]
    assert top["town"] == "商家镇" and top["share_other"] > 0.9 and top["share_own"] > 0.9
    assert all(len(p["text"]) >= 20 for p in d["shared_passages"])
    assert store.count() == 5
