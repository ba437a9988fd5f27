"""Pipeline: built-in corpus, ingest, features stored once, corpus refresh, crash safety, roles."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analytics import pipeline
from analytics.accounts import ANONYMOUS, Account, PermissionDenied
from analytics.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def resources():
    return pipeline.load_resources()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, resources):
    path = tmp_path_factory.mktemp("seeded") / "reports.db"
    store = Store(path)
    pipeline.ensure_ready(store, resources=resources)
    return store


def test_builtin_corpus_loads_with_manifest_metadata(seeded, seed_manifest):
    reports = seeded.reports()
    assert len(reports) == 5
    got = {(r.town, int(r.year)) for r in reports.itertuples()}
    assert got == {(m["town"], int(m["year"])) for m in seed_manifest}
    assert reports["builtin"].all()


def test_corpus_features_are_stored_for_the_current_version(seeded):
    assert seeded.get_meta("derived_version") == seeded.corpus_version()
    kw = seeded.keywords()
    assert kw.groupby("report_id").size().min() >= 10
    pos = seeded.positions()
    assert len(pos) == 5 and pos["wordscore"].notna().all()
    assert len(seeded.neighbours()) == 5 * 4


def test_every_seed_has_five_part_rows_and_theme_counts(seeded, resources):
    sections = seeded.sections()
    assert sections.groupby("report_id").size().eq(5).all()
    tc = seeded.theme_counts()
    whole = tc[tc["part_id"] == pipeline.WHOLE]
    assert whole.groupby("report_id")["theme_id"].nunique().eq(len(resources.dictionary.ids())).all()


def test_readding_a_seed_is_a_noop(seeded, resources, seed_paths):
    before = seeded.count()
    out = pipeline.ingest_paths(seeded, [seed_paths["南郊镇"]], resources=resources, actor=Account.local_admin())
    assert [o.status for o in out] == ["exists"] and "已在语料库" in out[0].message
    assert seeded.count() == before


def test_writes_need_an_editor(seeded, resources, seed_texts):
    a = pipeline.analyse_text(seed_texts["南郊镇"] + "\n补充一段新的文字。", resources=resources)
    before = seeded.count()
    with pytest.raises(PermissionDenied):
        pipeline.save_analysis(seeded, a, resources=resources, actor=ANONYMOUS, source="x.txt")
    rid = seeded.reports()["id"].iloc[0]
    with pytest.raises(PermissionDenied):
        pipeline.remove_report(seeded, rid, actor=ANONYMOUS, resources=resources)
    with pytest.raises(PermissionDenied):
        pipeline.update_metadata(seeded, rid, actor=ANONYMOUS, resources=resources, town="假镇")
    assert seeded.count() == before


def test_position_excludes_the_report_itself(seeded, resources, seed_texts):
    model = pipeline.CorpusModel(seeded, resources=resources)
    a = pipeline.analyse_text(seed_texts["周营镇"], resources=resources)
    assert a.id in model.ids_
    pos = pipeline.position(model, a)
    assert a.id not in {n["id"] for n in pos.nearest}
    assert len(pos.nearest) == 4
    assert set(pos.percentiles) == set(resources.dictionary.ids())


def test_dictionary_edit_recounts(tmp_path, resources, seeded):
    store = Store(tmp_path / "d.db")
    pipeline.ensure_ready(store, resources=resources)
    from analytics import themes

    yaml_text = themes.dump_dictionary(resources.dictionary)
    edited = yaml_text.replace("law_popularization", "law_popularisation_x")
    new_resources = pipeline.set_dictionary(store, edited, actor=Account.local_admin())
    assert "law_popularisation_x" in set(store.theme_counts()["theme_id"])
    assert pipeline.load_resources(store).dictionary.version == new_resources.dictionary.version
    with pytest.raises(themes.DictionaryError):
        pipeline.set_dictionary(store, "themes: [", actor=Account.local_admin())
    assert pipeline.load_resources(store).dictionary.version == new_resources.dictionary.version


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
    # each stored report is whole: its five part rows, theme counts and term counts are all there
    sections = store.sections().groupby("report_id").size()
    terms = store.term_counts()
    tc = store.theme_counts()
    for rid in reports["id"]:
        assert sections.get(rid) == 5
        assert len(terms.get(rid, {})) > 50
        assert (tc["report_id"] == rid).any()
    # the stale corpus features are rebuilt on next use
    pipeline.ensure_ready(store, resources=pipeline.load_resources(store))
    assert store.get_meta("derived_version") == store.corpus_version()


def test_wordscores_of_extreme_reports_lie_beyond_the_extreme_seeds(seeded, resources):
    """Through the real pipeline: our tokenizer, the stored corpus, reference scores = emphasis index."""
    from tests.analytics.test_position import ALL_PUFA, ALL_ZHIFA

    model = pipeline.CorpusModel(seeded, resources=resources)
    stored = seeded.positions().set_index("report_id")
    pufa_end = stored.loc[stored["emphasis"].idxmax(), "wordscore"]
    zhifa_end = stored.loc[stored["emphasis"].idxmin(), "wordscore"]
    pufa = pipeline.position(model, pipeline.analyse_text(ALL_PUFA * 3, resources=resources)).wordscore
    zhifa = pipeline.position(model, pipeline.analyse_text(ALL_ZHIFA * 3, resources=resources)).wordscore
    assert pufa["score"] > pufa_end > zhifa_end > zhifa["score"]
    assert pufa["se"] > 0 and pufa["lo"] < pufa["score"] < pufa["hi"]


def test_a_report_without_scorable_words_does_not_break_the_corpus(tmp_path, resources, seed_texts):
    store = Store(tmp_path / "odd.db")
    pipeline.ensure_ready(store, resources=resources)
    odd = pipeline.analyse_text("蓝鲸潜水观测星空。" * 60, resources=resources)
    pipeline.save_analysis(store, odd, resources=resources, actor=Account.local_admin(), source="odd.txt")
    pos = store.positions().set_index("report_id")
    assert store.get_meta("derived_version") == store.corpus_version()
    seeds = pos.drop(index=odd.id)
    assert seeds["wordscore"].notna().all() and len(seeds) == 5


def test_an_interrupted_first_load_is_completed(tmp_path, resources, seed_paths):
    store = Store(tmp_path / "half.db")
    pipeline.Ingestor(store, resources=resources, actor=Account.local_admin()).add_path(seed_paths["南郊镇"])
    assert store.count() == 1
    pipeline.ensure_ready(store, resources=resources)
    assert store.count() == 5
