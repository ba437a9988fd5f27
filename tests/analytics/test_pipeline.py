"""Pipeline: built-in corpus, ingest, features stored once, incremental corpus rows, crash safety, roles,
positions that never compare a report with itself, duplicates."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analytics import model, pipeline, reading, segment
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


def test_analysis_counts_themes_with_its_own_segmentation(resources, seed_texts):
    """analyse_text hands its one segmentation to the theme matcher: the same hits as the matcher cutting
    the text itself, and a 调解 straddling 协调|解决 counts neither in the themes nor in a fact's theme."""
    text = seed_texts["周营镇"] + "\n镇党委书记亲自协调解决土地纠纷3起。"
    a = pipeline.analyse_text(text, resources=resources)
    layout = pipeline.parse_layout(a.text)
    lazily = pipeline._find(resources.dictionary, a.text, layout)  # no token ends given: cut inside
    assert sum(1 for h in lazily if h.theme_id == "dispute_resolution") == a.theme_counts["all"]["dispute_resolution"]
    assert all(h.start < a.text.index("协调解决") or h.start > a.text.index("协调解决") + 4 for h in lazily)
    (fact,) = [(f, t) for f, t in a.facts if f.raw == "3起"]
    assert fact[1] == "dispute_resolution"  # from 纠纷, still the sentence's theme


def test_a_notice_is_stored_with_a_note_and_the_json_says_so(fresh, resources):
    notice = Path(__file__).parent / "not_reports" / "notice_training.txt"
    (out,) = pipeline.ingest_paths(fresh, [notice], resources=resources, actor=ADMIN)
    assert out.status == "added" and out.message.startswith("已加入语料库；注意：这份文件不太像法治政府建设年度报告")
    a = pipeline.analyse_text(notice.read_text(encoding="utf-8"), resources=resources)
    assert "不太像" in pipeline.analysis_json(a, dictionary=resources.dictionary, source="n.txt")["not_report"]


def test_a_web_pages_footer_adds_no_terms_themes_or_units(resources, seed_texts):
    from tests.analytics.test_layout import WEB_COPY

    body = WEB_COPY[: WEB_COPY.index("\u3000\u3000来源")]
    with_footer, without = (pipeline.analyse_text(t, resources=resources) for t in (WEB_COPY, body))
    assert "打印" not in with_footer.term_counts and "浏览" not in with_footer.term_counts
    assert with_footer.term_counts == without.term_counts
    assert with_footer.theme_counts == without.theme_counts and with_footer.n_units == without.n_units
    assert {p: i.spans for p, i in with_footer.parts.items()} == {p: i.spans for p, i in without.parts.items()}


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
    assert "周营镇·2023" in sentences[0].text  # named as officials know it, not by its id
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
    first = reading.automatic_reading(a, pos, labels={})[0]
    assert first.figure == reading.FIG_DUPLICATE and "十里亭镇·2021报告有" in first.text


def test_shared_passages_with_a_real_copy(seeded, resources, seed_texts):
    text = seed_texts["南郊镇"].replace("南郊镇", "北郊镇")
    paras = [p for p in text.split("\n") if p.strip()]
    text = "\n".join(paras[: len(paras) // 2] + [T.PUFA_PARAS[5], T.PUFA_PARAS[6], T.ZHIFA_PARAS[6]])
    a = pipeline.analyse_text(text, resources=resources)
    pos = _position(seeded, a, resources)
    assert pos.duplicate_kind is None
    top = pos.shared_coverage[0]
    assert top["town"] == "南郊镇" and top["longest"] >= 50 and 0.3 < top["share_own"] < 0.9


FORMULA_PARAGRAPH = ("全镇上下坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
                     "全面贯彻党的二十大精神，坚持和发展新时代“枫桥经验”，严格规范公正文明执法。")


def _with_formulae(title: str, own: list[str]) -> str:
    """A report of the tests' paragraphs: its own ones, the formulae paragraph and one paragraph every such report has."""
    return "\n".join([title, FORMULA_PARAGRAPH, *own, T.PUFA_PARAS[5]])


def test_two_reports_writing_the_same_formulae_have_not_copied_each_other(fresh, resources, seed_texts, monkeypatch):
    from analytics import similarity

    assert "以习近平新时代中国特色社会主义思想为指导" in similarity.formulae()
    first = pipeline.analyse_text(_with_formulae("东河镇2023年法治政府建设情况报告", T.ZHIFA_PARAS[:4]), resources=resources)
    pipeline.save_analysis(fresh, first, resources=resources, actor=ADMIN, source="x.txt")
    second = pipeline.analyse_text(_with_formulae("关于西河镇二〇二三年度依法行政工作的汇报", T.PUFA_PARAS[:4]), resources=resources)
    at = second.text.index(FORMULA_PARAGRAPH)

    def formula_passages(pos):
        end = second.text.index("\n", at)  # the formulae paragraph's line (a passage may reach a character past it)
        return [x for x in pos.shared if x["town"] == "东河镇" and at <= x["start"] < end and x["end"] <= end + 3]

    pos = _position(fresh, second, resources)
    assert pos.duplicate_of is None and any(x["town"] == "东河镇" for x in pos.shared)  # the paragraph both took
    assert formula_passages(pos) == []  # the formulae paragraph is not a shared passage
    monkeypatch.setattr(similarity, "formulae", lambda: ())
    assert formula_passages(_position(fresh, second, resources))  # without the list it would be


# Written for the frame rule: two towns of one county write the same frame (title, salutation, mandated
# headings, a stock opening) and their own work; the second also copies three sentences of the first.
_COPIED = ("建立“一月一排查、一季一研判”工作机制，由司法所牵头，综治中心、派出所每月联合开展矛盾纠纷排查。"
           "对排查出的问题实行台账管理，明确责任人和化解时限。对重大疑难纠纷实行领导包案，做到案结事了。")


def _county_report(town: str, own: list[str]) -> str:
    return "\n".join([
        "2024年度法治政府建设情况报告", "中共青溪县委、青溪县人民政府：",
        f"2024年，{town}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想。现将有关情况报告如下：",
        "一、主要举措和成效", *own,
        "二、党政主要负责人履行推进法治建设第一责任人职责情况",
        f"{town}党委书记、{town}长带头学法，全年主持召开专题会议{len(town)}次。",
        f"{town}人民政府", "2025年1月10日"])


def test_a_county_s_shared_frame_is_not_copying_but_a_copied_passage_is(fresh, resources):
    first = pipeline.analyse_text(_county_report("柳塘镇", T.ZHIFA_PARAS[:3] + [_COPIED]), resources=resources)
    pipeline.save_analysis(fresh, first, resources=resources, actor=ADMIN, source="a.txt")
    framed = pipeline.analyse_text(_county_report("桐木镇", T.PUFA_PARAS[:3]), resources=resources)
    assert _position(fresh, framed, resources).shared == []  # title, salutation, headings, stock opener only
    copier = pipeline.analyse_text(_county_report("桐木镇", T.PUFA_PARAS[:3] + [_COPIED]), resources=resources)
    shared = _position(fresh, copier, resources).shared
    assert len(shared) == 1 and shared[0]["text"].startswith(_COPIED)  # (running on into the heading after it)
    pipeline.save_analysis(fresh, copier, resources=resources, actor=ADMIN, source="b.txt")
    pairs = fresh.shared_pairs().query("a == @copier.id and b == @first.id")
    assert pairs["passages"].tolist() == [1] and pairs["chars"].tolist() == [len(shared[0]["text"])]


@pytest.mark.parametrize("start, end, boilerplate, copied", [
    (0, 20, 0.0, True), (0, 19, 0.0, False), (0, 40, 0.5, True), (0, 40, 0.55, False), (0, 400, 0.9, True)])
def test_a_passage_is_copying_when_twenty_of_its_characters_are_the_report_s_own(start, end, boilerplate, copied):
    assert pipeline.is_copied(start, end, boilerplate) is copied


def _refits_of_two_openings(store: Store, resources) -> list[dict]:
    """The refit calls ensure_ready makes when the store is opened twice."""
    calls = []
    real = pipeline.refit
    try:
        pipeline.refit = lambda store, **kw: calls.append(kw) or real(store, **kw)
        pipeline.ensure_ready(store, resources=resources)
        pipeline.ensure_ready(store, resources=resources)
    finally:
        pipeline.refit = real
    return calls


def test_a_store_judged_with_another_formulae_list_is_re_judged_once(fresh, resources):
    fresh.set_meta(pipeline.FORMULAE_META_KEY, "old")
    assert _refits_of_two_openings(fresh, resources) == [{"resources": resources, "keep_basis": True}]
    assert fresh.get_meta(pipeline.FORMULAE_META_KEY) == pipeline.formulae_version()


def test_a_store_with_keywords_chosen_by_other_rules_gets_them_chosen_again_once(fresh, resources):
    fresh.set_meta(pipeline.KEYWORDS_META_KEY, "old")
    with fresh.transaction() as con:
        con.execute("DELETE FROM keywords")  # what the old rules chose is replaced, not kept
    assert _refits_of_two_openings(fresh, resources) == [{"resources": resources, "keep_basis": True}]
    assert fresh.get_meta(pipeline.KEYWORDS_META_KEY) == model.keyword_rules_version()
    assert len(fresh.keywords()) > 0


def test_a_store_counted_with_other_segmentation_rules_is_recounted_and_refitted_once(fresh, resources):
    rid = fresh.reports()["id"].iloc[0]
    with fresh.transaction() as con:  # as an older segmenter left it: a fragment of a quoted saying
        fresh.replace_terms(rid, {"小马拉": 3, "大车": 3}, [], con=con)
    fresh.set_meta(pipeline.TERMS_META_KEY, "old")
    assert _refits_of_two_openings(fresh, resources) == [{"resources": resources}]  # full: frequencies moved
    assert fresh.get_meta(pipeline.TERMS_META_KEY) == segment.term_rules_version()
    texts, rows = fresh.texts(fresh.reports()["id"].tolist()), fresh.reports().set_index("id")
    stored = fresh.term_counts()
    for r, text in texts.items():
        known = [v for v in rows.loc[r, ["town", "county", "province"]] if isinstance(v, str)]
        assert stored[r] == pipeline.term_rows(text, resources.tokenizer, known=known)[0]
    terms = fresh.frame("SELECT term, df, total FROM terms WHERE df > 0").set_index("term")
    assert "小马拉" not in terms.index
    for term in ("普法", "执法"):  # document frequency and total match the recounted reports
        assert terms.loc[term, "df"] == sum(term in c for c in stored.values())
        assert terms.loc[term, "total"] == sum(c.get(term, 0) for c in stored.values())
    assert "小马拉" not in set(fresh.keywords()["term"])


def test_term_recount_gives_the_same_counts_in_one_process_and_in_several(fresh, resources, monkeypatch):
    ingested = fresh.term_counts()
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_RECOUNT", 2)
    for workers in (1, 2):
        rid = fresh.reports()["id"].iloc[workers]
        with fresh.transaction() as con:
            fresh.replace_terms(rid, {"小马拉": 1}, [], con=con)
        assert pipeline.recount_terms(fresh, resources=resources, workers=workers) == 5
        assert fresh.term_counts() == ingested


def test_recounted_terms_are_what_ingest_counts(seed_texts, resources):
    for town, text in seed_texts.items():
        a = pipeline.analyse_text(text, resources=resources)
        known = [v for v in (a.meta.town, a.meta.county, a.meta.province) if v]
        assert pipeline.term_rows(a.text, resources.tokenizer, known=known) == (a.term_counts, set(a.places)), town


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


def _processes_mentioning(arg: str) -> list[int]:
    found = []
    for proc_dir in Path("/proc").glob("[0-9]*"):
        try:
            if arg in (proc_dir / "cmdline").read_bytes().decode("utf-8", "replace"):
                found.append(int(proc_dir.name))
        except OSError:
            continue
    return found


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
    # its worker processes do not outlive it (they would wait on their task queue forever)
    deadline = time.monotonic() + 10
    while _processes_mentioning(str(folder)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_mentioning(str(folder)) == []
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


# A 街道 report copied from a web page as one run-on line (page furniture first, headings inline, a label
# "存在的不足和原因", causes after "主要原因是"), written for this test after the detectors were built.
WEB_COPY = (
    "关于2024年度法治政府建设工作情况的报告 发布时间：2025-01-15 来源：河东区人民政府 字号：大 中 小 河东区龙湾街道办事处2024年法治政府建设工作情况报告 区委依法"
    "治区办：2024年，龙湾街道在区委、区政府的坚强领导下，深入学习贯彻习近平法治思想，全面落实《法治政府建设实施纲要（2021-2025年）》，现将有关情况报告如下：一、2024年推"
    "进法治政府建设的主要举措和成效（一）加强党对法治建设的领导。街道党工委书记认真履行推进法治建设第一责任人职责，全年召开党工委会议专题研究法治工作4次，将法治建设纳入年度考核。（二）"
    "深化“放管服”改革。推进政务服务“一网通办”，全年办理政务服务事项3216件，群众满意率达99.2%。（三）严格规范公正文明执法。开展综合行政执法检查126次，立案查处违法建设案件"
    "18起，罚款12.6万元。（四）深入开展普法宣传。组织“八五”普法宣传活动35场次，发放宣传资料8000余份，培育“法律明白人”96名。（五）化解矛盾纠纷。全年调解各类纠纷213件"
    "，调解成功率98.6%。二、存在的不足和原因 一是部分干部法治意识还不够强，运用法治思维解决问题的能力有待提高；二是执法队伍力量薄弱，专业人员不足。主要原因是培训不够系统，人员编制"
    "有限。三、党政主要负责人履行推进法治建设第一责任人职责情况 街道党工委书记带头学法，主持专题学法4次，带头讲法治课1次。四、2025年工作安排 一是持续深化法治宣传教育；二是加强执"
    "法队伍建设；三是完善矛盾纠纷多元化解机制。 龙湾街道办事处 2025年1月10日"
)


def test_a_run_on_web_copy_of_a_street_report(resources):
    a = pipeline.analyse_text(WEB_COPY, resources=resources)
    m = a.meta
    assert (m.town, m.county, m.level, m.year) == ("龙湾街道", "河东区", "township", 2024)
    assert all(a.parts[p].present and not a.parts[p].embedded for p in ("measures", "shortcomings", "leaders", "next_year"))
    said = [(s.kind, s.sentence) for s, _theme in a.shortcomings]
    assert said == [("problem", "部分干部法治意识还不够强，运用法治思维解决问题的能力有待提高"),
                    ("problem", "执法队伍力量薄弱，专业人员不足"), ("cause", "培训不够系统，人员编制有限")]
    facts = {(f.value, f.unit) for f, _ in a.facts}
    assert {(126000.0, "元"), (3216.0, "件"), (99.2, "%"), (8000.0, "份")} <= facts
    # the lean counts the year's work only: not 执法队伍力量薄弱 (a shortcoming), 法治宣传教育 or 执法队伍建设 (plans)
    assert a.lean.label == "balanced" and (a.lean.pufa, a.lean.zhifa) == (4, 5)
    assert (a.theme_counts["all"]["law_popularization"], a.theme_counts["all"]["enforcement"]) == (5, 7)
    terms = set(a.term_counts)
    assert not terms & {"原因", "履行", "职责", "龙湾", "河东区", "字号"}  # genre words, place names, page furniture


# A 民族乡 report with headings without 、, a label "存在的不足：" inside its part and "下一步打算" (written for this test).
ETHNIC_TOWNSHIP = """桐溪瑶族乡人民政府
关于2023年法治政府建设情况的报告

县人民政府：
    2023年，我乡坚持以习近平法治思想为指导，认真贯彻落实县委、县政府关于法治政府建设的部署要求，现将工作情况报告如下。
一 主要工作及成效
    我乡成立了以乡长为组长的法治政府建设工作领导小组，制定了年度工作要点。严格落实重大行政决策程序，全年重大决策均经合法性审查。全年开展送法下乡活动12次，以案说法8场，受教育群众2000余人次。司法所联合派出所开展禁毒、反诈宣传，发放资料3000份。聘请法律顾问1名，实现一村（社区）一法律顾问全覆盖。
二 存在问题
    存在的不足：法治宣传形式单一，内容陈旧；乡村两级干部依法行政能力有待提升。
三 下一步打算
    一是加强学法用法；二是创新普法形式；三是推进基层依法治理。
                                         桐溪瑶族乡人民政府
                                          2024年1月8日
"""


def test_an_ethnic_township_report_with_bare_headings(resources):
    a = pipeline.analyse_text(ETHNIC_TOWNSHIP, resources=resources)
    assert (a.meta.town, a.meta.county, a.meta.level, a.meta.year) == ("桐溪瑶族乡", None, "township", 2023)
    assert [p for p, info in a.parts.items() if info.present] == ["measures", "shortcomings", "next_year"]
    assert [s.sentence for s, _ in a.shortcomings] == ["法治宣传形式单一，内容陈旧", "乡村两级干部依法行政能力有待提升"]
    # 送法下乡 and 以案说法 count; 法治宣传形式单一 (a shortcoming) and 创新普法形式 (a plan) do not
    assert (a.lean.pufa, a.lean.zhifa) == (2, 0) and a.lean.label == "balanced"  # 2 mentions: too few to call
    assert a.theme_counts["all"]["law_popularization"] == 4
    assert "桐溪" not in a.term_counts and "法律顾问" in a.term_counts


def test_plan_and_shortcoming_numbers_do_not_count_as_results(resources):
    text = ("青石镇２０２４年法治政府建设工作报告\n一、主要举措和成效\n全年开展普法活动１２场,调解纠纷４５件.\n"
            "二、党政主要负责人履行推进法治建设第一责任人职责情况\n镇党委书记带头讲法治课2次。\n"
            "三、存在的不足\n执法人员仅有3人，难以满足需要。\n四、2025年工作安排\n力争再创建示范村1个，组织学法不少于12次。\n")
    a = pipeline.analyse_text(text, resources=resources)
    assert a.meta.year == 2024  # full-width digits read
    kinds = {f.raw: f.kind for f, _ in a.facts}
    assert kinds == {"12场": "outcome", "45件": "outcome", "2次": "outcome", "3人": "problem", "1个": "target",
                     "不少于12次": "target"}
    assert a.concreteness == pytest.approx(3 * 10_000 / len(a.text))


def test_a_county_report_among_township_reports_is_cautioned(seeded, resources):
    text = ("宁远县司法局2023年法治政府建设工作报告\n2023年，我局坚持以习近平法治思想为指导，全县开展普法活动120场。\n"
            "一、主要举措和成效\n全县办理行政复议案件36件。\n二、存在的不足\n普法形式单一。\n三、2024年工作安排\n深化普法。\n"
            "宁远县司法局\n2024年1月5日\n")
    a = pipeline.analyse_text(text, resources=resources)
    assert a.meta.level in ("county", "district")
    pos = _position(seeded, a, resources)
    assert any(c.startswith("本报告是县级报告") and "只有 0 份同级" in c for c in pos.cautions)


def test_a_store_analysed_under_older_rules_is_re_derived_once(fresh, resources):
    """After an upgrade that changes what the detectors find, stored reports are recounted from their texts
    (theme counts, facts, shortcomings, lean, counting units, parts) the first time the store is opened."""
    rid = fresh.reports()["id"].iloc[0]
    before = (fresh.frame("SELECT n_units, lean FROM reports WHERE id=?", params=(rid,)).iloc[0].tolist(),
              len(fresh.frame("SELECT * FROM facts WHERE report_id=?", params=(rid,))))
    with fresh.transaction() as con:  # what an older version had stored
        con.execute("UPDATE reports SET n_units=n_units+7, lean=9.9 WHERE id=?", (rid,))
        con.execute("DELETE FROM facts WHERE report_id=?", (rid,))
        con.execute("DELETE FROM sections WHERE report_id=?", (rid,))
    fresh.set_meta(pipeline.RULES_META_KEY, "older")
    pipeline.ensure_ready(fresh, resources=resources)
    after = (fresh.frame("SELECT n_units, lean FROM reports WHERE id=?", params=(rid,)).iloc[0].tolist(),
             len(fresh.frame("SELECT * FROM facts WHERE report_id=?", params=(rid,))))
    assert after == before
    assert len(fresh.frame("SELECT * FROM sections WHERE report_id=?", params=(rid,))) == 5
    assert fresh.get_meta(pipeline.RULES_META_KEY) == pipeline.ANALYSIS_RULES



def test_a_parallel_recount_stores_what_a_serial_one_and_the_ingest_stored(fresh, resources, monkeypatch):
    """The re-derivation in fresh worker processes (large stores) writes row for row what one process writes,
    which is what the ingest stored."""
    tables = ("theme_counts", "facts", "shortcomings", "sections")

    def stored():
        rows = {t: fresh.frame(f"SELECT * FROM {t}").sort_values(["report_id"], kind="stable").to_dict("records")
                for t in tables}
        rows["reports"] = fresh.frame("SELECT id, lean, lean_lo, lean_hi, n_units, concreteness FROM reports"
                                      " ORDER BY id").to_dict("records")
        return rows

    ingested = stored()
    assert ingested["facts"] and ingested["shortcomings"]
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_RECOUNT", 2)
    recounted = {}
    for workers in (1, 2):
        with fresh.transaction() as con:
            con.execute("UPDATE reports SET lean=9.9, n_units=0")
            con.execute("DELETE FROM facts")
        assert pipeline.recount_dictionary_features(fresh, resources=resources, every=True, workers=workers) == 5
        recounted[workers] = stored()
    assert recounted[1] == recounted[2] == ingested


# Written for the lean rule: the year's work is about enforcement; the shortcomings and the plans are about 普法.
LEAN_PARTS = """青川县木鱼镇2024年法治政府建设情况报告
县委依法治县办：
现将我镇2024年法治政府建设情况报告如下。
一、主要举措和成效
（一）规范行政执法。全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，开展综合行政执法检查86次。
（二）加强执法监督。组织执法案卷评查2次，规范执法程序，提升执法水平，全年无执法过错。
（三）开展普法宣传。结合宪法宣传周开展普法活动1次。
二、存在的不足
一是普法宣传形式单一，普法宣传针对性不强；二是法治宣传教育覆盖面不广，普法阵地建设滞后，群众参与普法的积极性不高。
三、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记带头学法，主持专题学法4次。
四、2025年工作安排
一是创新普法宣传方式，深入开展法治宣传教育；二是加强普法阵地建设，推进“八五”普法规划落实；三是做好普法宣传进村入户。
木鱼镇人民政府
2025年1月6日
"""


def test_the_lean_counts_the_year_s_work_not_its_shortcomings_or_plans(resources):
    a = pipeline.analyse_text(LEAN_PARTS, resources=resources)
    assert all(a.parts[p].present for p in ("measures", "shortcomings", "leaders", "next_year"))
    everywhere = a.theme_counts["all"]
    assert everywhere["law_popularization"] > everywhere["enforcement"]  # the whole text names 普法 most
    assert a.lean.pufa == a.theme_counts["measures"]["law_popularization"] + a.theme_counts["leaders"]["law_popularization"]
    assert a.lean.zhifa == a.theme_counts["measures"]["enforcement"] + a.theme_counts["leaders"]["enforcement"]
    assert a.lean.value < 0  # the year's work leans 执法 (too few paragraphs for a firm label)
    # without the part structure (the same sentences as one block, no headings) every mention counts
    flat = "\n".join(line for line in LEAN_PARTS.splitlines()
                     if not re.match(r"[一二三四]、", line))
    b = pipeline.analyse_text(flat, resources=resources)
    assert not b.parts["shortcomings"].present and not b.parts["next_year"].present
    assert (b.lean.pufa, b.lean.zhifa) == (b.theme_counts["all"]["law_popularization"], b.theme_counts["all"]["enforcement"])
    assert b.lean.value > 0


def test_a_shortcoming_under_an_inline_label_is_left_out_of_the_lean(resources):
    body = ("（一）规范行政执法。全面推行行政执法三项制度，开展综合行政执法检查86次，执法案卷评查2次。"
            "（二）开展普法宣传。组织普法活动3次。存在的不足：普法宣传形式单一，普法阵地建设滞后，普法针对性不强。")
    a = pipeline.analyse_text(T.report("木鱼镇", 2024, [body], other=False, neutral=False), resources=resources)
    assert [s.sentence for s, _ in a.shortcomings][:1] == ["普法宣传形式单一，普法阵地建设滞后，普法针对性不强"]
    assert a.theme_counts["all"]["law_popularization"] - a.lean.pufa >= 3  # the three 普法 of the shortcoming


def test_the_lean_interval_resamples_the_clauses_of_the_year_s_work_only(resources, monkeypatch):
    from analytics import figures
    from analytics.layout import parse_layout

    seen = []
    real = figures.lean
    monkeypatch.setattr(figures, "lean", lambda p, e, **kw: seen.append((list(p), list(e))) or real(p, e, **kw))
    a = pipeline.analyse_text(LEAN_PARTS, resources=resources)
    layout = parse_layout(a.text)
    out = [s for pid in ("shortcomings", "next_year") for s in layout.parts[pid].spans]
    work = [u for u in layout.sentences if not any(s <= u[0] < e for s, e in out)]
    assert 0 < len(work) < len(layout.sentences)
    # each sentence of the work cut after ，；： (a delimiter closing the sentence cuts nothing)
    clauses = [(s + m.start(), s + m.end()) for s, e in work for m in re.finditer(r"[^，；：;]+[，；：;]?", a.text[s:e])]
    assert pipeline.lean_units(a.text, layout).tolist() == [list(c) for c in clauses]
    assert len(clauses) > len(work)
    (pufa, zhifa), = seen
    assert len(pufa) in (len(clauses), len(clauses) + 1)  # (+1: mentions outside every unit, as one pseudo-unit)
    assert (sum(pufa), sum(zhifa)) == (a.lean.pufa, a.lean.zhifa)


# Written for the lean's unit of evidence: the same work, once as run-on sentences joined by ，/；, once with a
# full stop after every statement. Six statements of 普法 work, two of 执法, all in the year's work.
_WORK_STATEMENTS = ["组织普法宣传进村入户活动12场", "开展送法下乡活动6次", "举办群众法治讲座4期",
                    "结合宪法宣传周开展以案释法2次", "培育农村学法用法示范户30户", "发放普法宣传资料3000余份",
                    "开展行政执法检查5次", "规范行政执法案卷8卷"]


def _statement_report(joined: str) -> str:
    return T.report("石门乡", 2024, [joined], other=False, neutral=False)


def test_the_lean_does_not_turn_on_commas_or_full_stops(resources):
    runon = "；".join("，".join(_WORK_STATEMENTS[i:i + 3]) for i in range(0, 8, 3)) + "。"
    stops = "。".join(_WORK_STATEMENTS) + "。"
    a, b = (pipeline.analyse_text(_statement_report(t), resources=resources).lean for t in (runon, stops))
    assert (a.pufa, a.zhifa) == (b.pufa, b.zhifa) and a.pufa >= 6 and a.zhifa >= 2
    assert (a.value, a.lo, a.hi, a.label) == (b.value, b.lo, b.hi, b.label)


def test_a_list_within_one_clause_still_counts_as_one_unit_of_evidence(resources):
    """A 、-list is one statement: the same 执法 mentions written as separate clauses are more evidence, so the
    interval is narrower, while the counts and the lean itself are the same."""
    items = ["行政执法检查", "执法案卷评查", "执法公示抽查", "执法人员培训", "执法全过程记录检查"]
    pufa = "组织普法宣传活动2场，开展送法下乡1次。"
    listed = "组织开展" + "、".join(items) + "。" + pufa
    spread = "，".join("开展" + i for i in items) + "。" + pufa
    a, b = (pipeline.analyse_text(_statement_report(t), resources=resources) for t in (listed, spread))
    assert (a.lean.pufa, a.lean.zhifa) == (b.lean.pufa, b.lean.zhifa) and a.lean.zhifa >= 5
    assert a.lean.value == b.lean.value
    assert (a.lean.hi - a.lean.lo) > (b.lean.hi - b.lean.lo)
    from analytics.layout import parse_layout
    units = [a.text[s:e] for s, e in pipeline.lean_units(a.text, parse_layout(a.text)).tolist()]
    assert sum("执法" in u for u in units) == 1  # the whole list is one unit


# Written for the staff rule: enforcement staff doing 普法 in one clause, against staff in their own work
_STAFF_PUFA = ("组织执法人员进村入户开展普法宣传12场。执法人员深入企业开展以案释法活动5次。"
               "组织综合执法队员走进学校开展法治宣传3次。")
_STAFF_OWN = ("严格执法人员资格管理，全镇执法人员持证上岗率100%。开展执法人员业务培训2期，"
              "执法人员开展执法检查8次，开展普法宣传活动3场。")


@pytest.mark.parametrize("body, pufa, zhifa, staff", [
    (_STAFF_PUFA, 3, 0, 3),  # the staff are doing 普法: no 执法 work in these sentences
    (_STAFF_OWN, 1, 6, 0),  # 执法人员 ×4 in their own clauses (管理, 持证, 培训, 检查) + 持证上岗 + 执法检查
    ("开展普法宣传，执法人员严格执法，查处违法案件4起。", 1, 3, 0),  # 普法 before the staff, in another clause
])
def test_enforcement_staff_doing_pufa_count_as_pufa_only(resources, body, pufa, zhifa, staff):
    a = pipeline.analyse_text(_statement_report(body), resources=resources)
    assert (a.lean.pufa, a.lean.zhifa) == (pufa, zhifa)
    mentions = pipeline.lean_mentions(a.text, resources=resources)
    assert (sum(h.theme_id == "law_popularization" for h in mentions),
            sum(h.theme_id == "enforcement" for h in mentions)) == (pufa, zhifa)
    assert a.theme_counts["all"]["enforcement"] == zhifa + staff  # the theme counts keep the staff as enforcement


def test_lean_mentions_are_the_mentions_the_lean_counts(resources, seed_texts):
    for text in [LEAN_PARTS, WEB_COPY, ETHNIC_TOWNSHIP, T.slogan_report(times=3), *seed_texts.values()]:
        a = pipeline.analyse_text(text, resources=resources)
        mentions = pipeline.lean_mentions(a.text, resources=resources)
        got = (sum(h.theme_id == "law_popularization" for h in mentions), sum(h.theme_id == "enforcement" for h in mentions))
        assert got == (a.lean.pufa, a.lean.zhifa)
    a = pipeline.analyse_text(LEAN_PARTS, resources=resources)
    work = [span for p in ("measures", "leaders") for span in a.parts[p].spans]
    mentions = pipeline.lean_mentions(a.text, resources=resources)
    assert mentions and all(any(s <= h.start < e for s, e in work) for h in mentions)


# numbered item lines with a label ("（1）…：…") and a title run into its paragraph: the layout reads them
# otherwise than the heading pattern a bare dictionary search uses, so only the report's own layout lists
# exactly the mentions behind the stored counts
ITEM_LABELS = ("青松镇2024年法治政府建设工作报告\n一、主要举措和成效\n"
               "（1）环境保护执法：围绕秸秆焚烧、畜禽养殖污染等问题开展专项执法行动18次，责令整改养殖户27户；\n"
               "（2）集镇秩序整治：开展联合执法检查6次，规范行政执法行为；\n"
               "（3）农民群众：结合赶场日开展“法治赶场”活动24场次，发放普法宣传资料1.8万余份。\n"
               "（五）化解矛盾纠纷。全年调解各类纠纷213件，调解成功率98%。\n")


def test_theme_hits_are_exactly_the_mentions_behind_the_stored_counts(resources, seed_texts):
    from analytics import search

    for text in [ITEM_LABELS, LEAN_PARTS, WEB_COPY, ETHNIC_TOWNSHIP, T.slogan_report(times=3), *seed_texts.values()]:
        a = pipeline.analyse_text(text, resources=resources)
        stored = {t: n for t, n in a.theme_counts["all"].items() if n}
        hits = search.kwic({"r": a.text}, themes=list(stored),
                           finder=lambda x: pipeline.theme_hits(x, resources=resources))
        assert hits.groupby("theme_id").size().to_dict() == stored
    # the pattern-only search (no layout) lists other numbers on this text, so the layout is what makes them equal
    a = pipeline.analyse_text(ITEM_LABELS, resources=resources)
    plain = search.kwic({"r": a.text}, themes=["enforcement", "law_popularization", "dispute_resolution"],
                        dictionary=resources.dictionary)
    assert plain.groupby("theme_id").size().to_dict() != {t: a.theme_counts["all"][t] for t in set(plain["theme_id"])}


def test_numbered_lines_that_are_sentences_of_work_count_like_prose_but_titles_count_once(resources):
    """A numbered line with figures or clauses ending in 。 is a sentence of the year's work: every mention counts
    (as when the same words run on as prose); a title line ("1.规范行政执法") still counts each theme once."""
    head = ("河口乡2024年法治政府建设情况报告\n一、主要举措和成效\n（一）规范行政执法\n")
    lines = ["1.组织执法人员开展执法检查46次，查处违法建设9起。",
             "2.推行执法公示制度，公示执法结果31条。",
             "（1）执法文书全部规范制作，行政执法案卷评查合格率100%。"]
    tail = "\n二、存在的不足\n普法形式单一。\n三、2025年工作安排\n深化普法。\n"
    numbered = pipeline.analyse_text(head + "\n".join(lines) + tail, resources=resources)
    prose = pipeline.analyse_text(head + "".join(line.split(".", 1)[-1].split("）", 1)[-1] for line in lines) + tail,
                                  resources=resources)
    assert numbered.theme_counts["measures"][pipeline.ZHIFA] == prose.theme_counts["measures"][pipeline.ZHIFA] >= 7
    titled = pipeline.analyse_text(head + "1.规范行政执法，提升执法水平\n全年开展检查46次。" + tail, resources=resources)
    assert titled.theme_counts["measures"][pipeline.ZHIFA] == 2  # （一）规范行政执法 and the title below it, once each
