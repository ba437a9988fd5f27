"""Pipeline: built-in corpus, ingest, features stored once, incremental corpus rows, crash safety, roles,
positions that never compare a report with itself, duplicates."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analytics import model, pipeline, reading
from analytics.accounts import ANONYMOUS, Account, PermissionDenied
from analytics.store import Store
from tests.analytics import texts as T

ROOT = Path(__file__).resolve().parents[2]
ADMIN = Account.local_admin()


@pytest.fixture(scope="module")
def resources():
    return pipeline.load_resources()


@pytest.fixture(scope="module")
def seeded_path(tmp_path_factory, resources):
    path = tmp_path_factory.mktemp("seeded") / "reports.db"
    pipeline.ensure_ready(Store(path), resources=resources)
    return path


@pytest.fixture(scope="module")
def seeded(seeded_path):
    return Store(seeded_path)


@pytest.fixture()
def fresh(seeded_path, tmp_path):
    """A private copy of the seeded store."""
    dst = tmp_path / "copy.db"
    Store(seeded_path).copy_to(dst)
    return Store(dst)


def _position(store, a, resources):
    index = model.CorpusIndex.load(store)
    table = pipeline.CorpusTable.load(store, theme_ids=resources.dictionary.ids())
    return pipeline.position(a, store=store, index=index, table=table, resources=resources)


def test_builtin_corpus_loads_with_manifest_metadata(seeded, seed_manifest):
    reports = seeded.reports()
    assert len(reports) == 5
    got = {(r.town, int(r.year)) for r in reports.itertuples()}
    assert got == {(m["town"], int(m["year"])) for m in seed_manifest}
    assert reports["builtin"].all()
    assert reports["n_units"].gt(5).all() and reports["lean"].notna().all()


def test_corpus_rows_are_stored_against_a_basis(seeded):
    assert seeded.get_meta("basis_id") and seeded.get_meta("basis_n") == "5"
    kw = seeded.keywords()
    assert kw.groupby("report_id").size().min() >= 10
    assert (kw["count"] >= model.KEYWORD_MIN_COUNT).all()  # one-off strings never lead
    pos = seeded.positions()
    assert len(pos) == 5 and pos["wordscore"].isna().all()  # fewer than 20 references: not computed
    assert pos["x"].notna().all() and (pos["basis"] == seeded.get_meta("basis_id")).all()
    assert len(seeded.neighbours()) == 5 * 4 and len(seeded.vectors()) == 5


def test_every_seed_has_five_part_rows_and_theme_counts(seeded, resources):
    sections = seeded.sections()
    assert sections.groupby("report_id").size().eq(5).all()
    whole = seeded.theme_counts(part=pipeline.WHOLE)
    assert whole.groupby("report_id")["theme_id"].nunique().eq(len(resources.dictionary.ids())).all()
    assert (whole["units"] <= whole["count"]).all() and whole["units"].sum() > 0


def test_term_statistics_follow_adds_and_removes(fresh, resources, seed_texts):
    before = fresh.term_vocabulary().set_index("term")
    text = seed_texts["商家镇"].replace("商家镇", "河口镇") + "\n河口镇新建了蓝莓种植示范园区，蓝莓种植示范园区带动增收。"
    a = pipeline.analyse_text(text, resources=resources)
    pipeline.save_analysis(fresh, a, resources=resources, actor=ADMIN, source="x.txt")
    after = fresh.term_vocabulary().set_index("term")
    for term, c in list(a.term_counts.items())[:50]:
        old_df = before["df"].get(term, 0)
        assert after.at[term, "df"] == old_df + 1
        assert after.at[term, "total"] == before["total"].get(term, 0) + c
    pipeline.remove_report(fresh, a.id, actor=ADMIN, resources=resources)
    again = fresh.term_vocabulary().set_index("term")
    assert again.loc[before.index, ["df", "total"]].equals(before[["df", "total"]])


def test_readding_a_seed_is_a_noop(fresh, resources, seed_paths):
    before = fresh.count()
    out = pipeline.ingest_paths(fresh, [seed_paths["南郊镇"]], resources=resources, actor=ADMIN)
    assert [o.status for o in out] == ["exists"] and "已在语料库" in out[0].message
    assert fresh.count() == before


def test_writes_need_an_editor(fresh, resources, seed_texts):
    a = pipeline.analyse_text(seed_texts["南郊镇"] + "\n补充一段新的文字。", resources=resources)
    before = fresh.count()
    with pytest.raises(PermissionDenied):
        pipeline.save_analysis(fresh, a, resources=resources, actor=ANONYMOUS, source="x.txt")
    rid = fresh.reports()["id"].iloc[0]
    with pytest.raises(PermissionDenied):
        pipeline.remove_report(fresh, rid, actor=ANONYMOUS, resources=resources)
    with pytest.raises(PermissionDenied):
        pipeline.update_metadata(fresh, rid, actor=ANONYMOUS, resources=resources, town="假镇")
    assert fresh.count() == before


def test_position_of_a_stored_report_leaves_it_out(seeded, resources, seed_texts):
    a = pipeline.analyse_text(seed_texts["周营镇"], resources=resources)
    pos = _position(seeded, a, resources)
    assert pos.duplicate_of == a.id and pos.duplicate_kind == "exact"
    assert a.id not in {n["id"] for n in pos.nearest} and len(pos.nearest) == 4
    assert pos.compared == 4
    assert all(f.share_standing.n == 5 for f in pos.themes.values())
    assert pos.percentiles is None and set(pos.ranks) == set(resources.dictionary.ids())
    assert any("只有 4 份" in c for c in pos.cautions)


def _comparable(pos, a):
    return {
        "lean": a.lean, "keywords": pos.keywords, "nearest": pos.nearest, "map": pos.map,
        "ranks": pos.ranks, "standings": {t: (f.share_standing, f.rate_standing) for t, f in pos.themes.items()},
        "lean_standing": pos.lean_standing, "compared": pos.compared, "stock": pos.stock_share,
    }


def test_saving_does_not_change_what_the_page_says_about_the_report(fresh, resources):
    a = pipeline.analyse_text(T.pufa_report(), resources=resources)
    before = _position(fresh, a, resources)
    assert before.duplicate_of is None and before.compared == 5
    pipeline.save_analysis(fresh, a, resources=resources, actor=ADMIN, source="青石镇.txt")
    after = _position(fresh, a, resources)
    assert after.duplicate_of == a.id and after.compared == 5
    assert _comparable(after, a) == _comparable(before, a)
    # the corpus has grown by 20 %: the basis is refitted. Keywords leave the report out of the IDF, so they
    # hold; similarities move a little with everyone's vectors (documented), the rest stays.
    assert pipeline.refit_due(fresh)
    pipeline.refit(fresh, resources=resources)
    refitted = _position(fresh, a, resources)
    assert refitted.keywords == before.keywords
    assert refitted.ranks == before.ranks and refitted.lean_standing == before.lean_standing


def test_exact_duplicate_upload_is_said_and_refused_by_the_page_logic(seeded, resources, seed_texts):
    a = pipeline.analyse_text(seed_texts["周营镇"], resources=resources)
    pos = _position(seeded, a, resources)
    sentences = reading.automatic_reading(a, pos, labels={t: resources.dictionary.label(t)
                                                          for t in resources.dictionary.ids()})
    assert sentences[0].figure == reading.FIG_DUPLICATE and "完全相同" in sentences[0].text
    # a stored report is not its own copy: no shared-text sentence about itself
    assert not any(s.figure == reading.FIG_SHARED and "周营镇" in s.text for s in sentences)


def test_near_duplicate_is_recognised(seeded, resources, seed_texts):
    text = seed_texts["十里亭镇"].replace("十里亭镇", "九里亭镇", 1) + "\n本镇补充说明一项工作安排。"
    a = pipeline.analyse_text(text, resources=resources)
    pos = _position(seeded, a, resources)
    assert pos.duplicate_kind == "near" and pos.duplicate_share >= pipeline.NEAR_DUPLICATE
    stored = seeded.reports().set_index("town").loc["十里亭镇", "id"]
    assert pos.duplicate_of == stored and stored not in {n["id"] for n in pos.nearest}
    assert pos.compared == 4


def test_shared_passages_with_a_real_copy(seeded, resources, seed_texts):
    text = seed_texts["南郊镇"].replace("南郊镇", "北郊镇")
    paras = [p for p in text.split("\n") if p.strip()]
    text = "\n".join(paras[: len(paras) // 2] + [T.PUFA_PARAS[5], T.PUFA_PARAS[6], T.ZHIFA_PARAS[6]])
    a = pipeline.analyse_text(text, resources=resources)
    pos = _position(seeded, a, resources)
    assert pos.duplicate_kind is None
    top = pos.shared_coverage[0]
    assert top["town"] == "南郊镇" and top["longest"] >= 50 and 0.3 < top["share_own"] < 0.9


def test_dictionary_edit_recounts(fresh, resources):
    from analytics import themes

    yaml_text = themes.dump_dictionary(resources.dictionary)
    edited = yaml_text.replace("law_popularization", "law_popularisation_x")
    new_resources = pipeline.set_dictionary(fresh, edited, actor=ADMIN)
    assert "law_popularisation_x" in set(fresh.theme_counts()["theme_id"])
    assert pipeline.load_resources(fresh).dictionary.version == new_resources.dictionary.version
    with pytest.raises(themes.DictionaryError):
        pipeline.set_dictionary(fresh, "themes: [", actor=ADMIN)
    assert pipeline.load_resources(fresh).dictionary.version == new_resources.dictionary.version


def _many_reports(folder: Path, seed_texts: dict[str, str], n: int) -> None:
    folder.mkdir()
    towns = list(seed_texts)
    for i in range(n):
        town = towns[i % len(towns)]
        paras = [p for p in seed_texts[town].split("\n") if p.strip()]
        text = "\n".join(paras + [f"附记：第{i}号测试报告，用于检验中断后的数据完整性。"])
        (folder / f"r{i:03d}.txt").write_text(text, encoding="utf-8")


def test_sigkill_during_ingest_leaves_only_whole_reports(tmp_path, seed_texts):
    folder = tmp_path / "many"
    _many_reports(folder, seed_texts, 200)
    db = tmp_path / "kill.db"
    env = dict(os.environ, REPORTS_DB=str(db))
    proc = subprocess.Popen([sys.executable, "-m", "analytics", "ingest", str(folder)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    count = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db, timeout=1) as con:
                count = con.execute("SELECT COUNT(*) FROM reports WHERE builtin=0").fetchone()[0]
        except sqlite3.Error:
            continue
        if count >= 10:
            break
    assert proc.poll() is None, "ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = Store(db)
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reports = store.reports()
    assert 10 <= (reports["builtin"] == 0).sum() < 200
    # each stored report is whole: part rows, theme counts, term counts, its text and its corpus rows
    sections = store.sections().groupby("report_id").size()
    packed = store.packed_terms()
    tc = store.theme_counts()
    vectors = store.vectors()
    for rid in reports["id"]:
        assert sections.get(rid) == 5
        assert len(packed[rid][0]) > 50
        assert (tc["report_id"] == rid).any()
        assert rid in vectors and store.text(rid)
    # term statistics agree with the reports that are really there
    vocab = store.term_vocabulary().set_index("tid")
    df = {}
    for tids, _ in packed.values():
        for t in tids.tolist():
            df[t] = df.get(t, 0) + 1
    assert all(vocab.at[t, "df"] == n for t, n in df.items())
    # the drifted corpus is refitted on next use
    pipeline.ensure_ready(store, resources=pipeline.load_resources(store))
    assert not pipeline.refit_due(store)


def test_an_interrupted_first_load_is_completed(tmp_path, resources, seed_paths):
    store = Store(tmp_path / "half.db")
    pipeline.Ingestor(store, resources=resources, actor=ADMIN).add_path(seed_paths["南郊镇"])
    assert store.count() == 1
    pipeline.ensure_ready(store, resources=resources)
    assert store.count() == 5


def test_a_report_without_scorable_words_does_not_break_the_corpus(fresh, resources):
    odd = pipeline.analyse_text("蓝鲸潜水观测星空。" * 60, resources=resources)
    pipeline.save_analysis(fresh, odd, resources=resources, actor=ADMIN, source="odd.txt")
    pipeline.refit(fresh, resources=resources)
    assert len(fresh.positions()) == 6 and not pipeline.refit_due(fresh)
