"""Corpus model: incremental adds equal a full recomputation on the same basis; the persistent passage
index finds what a brute-force comparison finds; leave-one-out Wordscores; the index follows other writers."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from analytics import model, pipeline
from analytics.accounts import Account
from analytics.position import Wordscores
from analytics.similarity import shared_passages
from analytics.store import Store
from tests.analytics import texts as T

ADMIN = Account.local_admin()


@pytest.fixture(scope="module")
def resources():
    return pipeline.load_resources()


def _new_reports(seed_texts) -> list[str]:
    """Four reports that share some text with the seeds and with each other, and some of their own."""
    nanjiao = [p for p in seed_texts["南郊镇"].split("\n") if p.strip()]
    zhouying = [p for p in seed_texts["周营镇"].split("\n") if p.strip()]
    return [
        T.pufa_report("青石镇", 2022),
        T.zhifa_report("白沙镇", 2022),
        "\n".join(["北关镇2022年法治政府建设情况报告", *nanjiao[2:8], *T.ZHIFA_PARAS[:4], "北关镇人民政府", "2023年1月9日"]),
        "\n".join(["东营乡2022年法治政府建设情况报告", *zhouying[3:9], *T.PUFA_PARAS[4:8], *T.NEUTRAL_PARAS,
                   "东营乡人民政府", "2023年1月12日"]),
    ]


@pytest.fixture(scope="module")
def grown(tmp_path_factory, resources, seed_texts):
    """Seeds with a fitted basis, then four reports added one by one (incremental, no refit)."""
    path = tmp_path_factory.mktemp("grown") / "reports.db"
    store = Store(path)
    pipeline.ensure_ready(store, resources=resources)
    basis_id = store.get_meta("basis_id")
    ingestor = pipeline.Ingestor(store, resources=resources, actor=ADMIN)
    for text in _new_reports(seed_texts):
        assert ingestor.add_analysis(pipeline.analyse_text(text, resources=resources), source="t").status == "added"
    assert store.get_meta("basis_id") == basis_id
    return path


def _state(store: Store) -> dict[str, pd.DataFrame]:
    kw = store.keywords().sort_values(["report_id", "rank"]).reset_index(drop=True)
    nb = store.neighbours().sort_values(["a", "similarity", "b"], ascending=[True, False, True]).reset_index(drop=True)
    pos = store.positions().sort_values("report_id").reset_index(drop=True)
    vec = store.vectors()
    return {"keywords": kw, "neighbours": nb, "positions": pos, "vectors": vec}


def test_incremental_adds_equal_a_recomputation_on_the_same_basis(grown, tmp_path, resources):
    incremental = _state(Store(grown))
    copy = tmp_path / "rebuilt.db"
    Store(grown).copy_to(copy)
    rebuilt_store = Store(copy)
    pipeline.refit(rebuilt_store, resources=resources, keep_basis=True)
    rebuilt = _state(rebuilt_store)
    assert len(incremental["keywords"]["report_id"].unique()) == 9
    pd.testing.assert_frame_equal(incremental["keywords"], rebuilt["keywords"], check_exact=False, rtol=1e-6)
    a, b = incremental["neighbours"], rebuilt["neighbours"]
    assert a[["a", "b"]].equals(b[["a", "b"]])
    assert np.allclose(a["similarity"], b["similarity"], atol=1e-5)
    pa, pb = incremental["positions"], rebuilt["positions"]
    assert np.allclose(pa[["x", "y", "stock_share"]].to_numpy(float), pb[["x", "y", "stock_share"]].to_numpy(float),
                       atol=1e-5)
    assert set(incremental["vectors"]) == set(rebuilt["vectors"])
    for rid, (t, w) in incremental["vectors"].items():
        t2, w2 = rebuilt["vectors"][rid]
        assert np.array_equal(t, t2) and np.allclose(w, w2, atol=1e-6)


def test_persistent_index_finds_what_a_brute_force_comparison_finds(grown):
    store = Store(grown)
    ids = store.frame("SELECT id FROM reports ORDER BY rid")["id"].tolist()
    texts = store.texts()
    guaranteed = model.FINGERPRINT_WINDOW + 8 - 1  # a run this long always shares a fingerprint
    checked = 0
    for i, a in enumerate(ids):
        for b in ids[:i]:
            brute = pipeline.merge_passages(shared_passages(texts[a], texts[b]))
            got = store.pair_passages(a, b)
            if brute and max(e - s for s, e, _, _ in brute) >= guaranteed:
                checked += 1
                assert sorted(map(tuple, got[["a_start", "a_end", "b_start", "b_end"]].to_numpy().tolist())) == \
                    sorted(map(tuple, brute))
            else:
                assert got.empty or brute  # nothing invented
    assert checked >= 3


def test_index_follows_a_report_written_by_another_writer(grown, tmp_path, resources, seed_texts):
    copy = tmp_path / "other.db"
    Store(grown).copy_to(copy)
    store = Store(copy)
    index = model.CorpusIndex.load(store)
    n = len(index)
    other = pipeline.Ingestor(store, resources=resources, actor=ADMIN)  # its own index: another writer
    text = T.balanced_report("南山镇", 2022)
    a = pipeline.analyse_text(text, resources=resources)
    other.add_analysis(a, source="t")
    assert a.id not in index
    with store.snapshot() as con:
        index.sync(store, con)
    assert a.id in index and len(index) == n + 1
    # a report removed elsewhere leaves the index and every neighbour list it was in
    pipeline.remove_report(store, a.id, actor=ADMIN, resources=resources)
    with store.snapshot() as con:
        index.sync(store, con)
    assert a.id not in index
    nb = store.neighbours()
    assert a.id not in set(nb["b"]) and nb.groupby("a").size().eq(model.NEIGHBOURS if len(index) > 10 else
                                                                   len(index) - 1).all()


def test_removal_refills_the_neighbour_lists_exactly(grown, tmp_path, resources):
    copy = tmp_path / "rm.db"
    Store(grown).copy_to(copy)
    store = Store(copy)
    victim = store.reports().set_index("town").loc["北关镇", "id"]
    pipeline.remove_report(store, victim, actor=ADMIN, resources=resources)
    after = _state(store)["neighbours"]
    pipeline.refit(store, resources=resources, keep_basis=True)
    rebuilt = _state(store)["neighbours"]
    assert after[["a", "b"]].equals(rebuilt[["a", "b"]])


def test_leave_one_out_wordscores_equal_a_fit_without_the_report():
    rng = np.random.default_rng(3)
    n, v = 24, 60
    counts = rng.poisson(rng.gamma(1.0, 2.0, size=(n, v)))
    counts[:, 0] += 1  # every reference has at least one scored word
    scores = rng.normal(size=n)
    C = sp.csr_matrix(counts.astype(float))
    ws = model.fit_wordscores(C, scores, refs=np.ones(n, dtype=bool))
    assert ws is not None and ws["refs"] == n
    cols = ws["tids"]
    for r in (0, 7, 23):
        keep = np.arange(n) != r
        ref = Wordscores(rescale="none", min_ref_share=0).fit(counts[keep][:, cols], scores[keep])
        raw = ref.score(counts[r:r + 1, cols])["raw"].iloc[0]
        a, b = ws["map"]
        assert ws["rows"][r]["raw"] == pytest.approx(raw)
        assert ws["rows"][r]["score"] == pytest.approx(a + b * raw)


def test_wordscores_only_with_twenty_references():
    rng = np.random.default_rng(5)
    counts = sp.csr_matrix(rng.poisson(2.0, size=(19, 30)).astype(float) + 1)
    assert model.fit_wordscores(counts, rng.normal(size=19), refs=np.ones(19, dtype=bool)) is None


def _toy_basis(n: int, df: dict[int, int]) -> model.Basis:
    tids = np.array(sorted(df), dtype=np.int64)
    return model.Basis(id="toy", built_at=0.0, n=n, members=frozenset({"self"}), tids=tids,
                       df=np.array([df[t] for t in tids], dtype=np.int64), general=np.ones(len(tids)))


def test_a_term_nearly_every_report_uses_is_no_keyword_once_the_corpus_can_tell():
    # 普法 in 15 of 20 reports besides this one (75 %), 法律明白人 in 3, 双语 in 1; this report uses 普法 most
    view = model.TermView(("普法", "法律明白人", "双语"), np.array([1, 2, 3]), np.array([9.0, 3.0, 2.0]))
    kw = lambda basis, member: [t for t, _, _ in model.keywords(  # noqa: E731
        view, basis, member=member, is_excluded=lambda t: False, is_term=lambda t: True)]
    assert kw(_toy_basis(20, {1: 15, 2: 3, 3: 1}), False) == ["法律明白人", "双语"]
    # the report itself is left out of the share: 21 reports with it, 16 use 普法 -> 15 of the other 20
    assert kw(_toy_basis(21, {1: 16, 2: 4, 3: 2}), True) == ["法律明白人", "双语"]
    # just under the share (11 of 20 = 55 %) it stays, ranked by its weight
    assert "普法" in kw(_toy_basis(20, {1: 11, 2: 3, 3: 1}), False)
    # a corpus under 20 other reports is too small to call a term common: the general IDF alone weighs it
    assert "普法" in kw(_toy_basis(12, {1: 12, 2: 3, 3: 1}), False)


def test_a_keyword_inside_another_listed_keyword_gives_way_to_the_longer_one():
    terms = ("示范村", "民主法治示范村", "综合执法", "执法", "夜话", "火塘夜话", "双语")
    counts = np.array([6.0, 3.0, 4.0, 5.0, 2.0, 2.0, 2.0])
    view = model.TermView(terms, np.arange(1, 8), counts)
    got = [t for t, _, _ in model.keywords(view, _toy_basis(5, {i: 1 for i in range(1, 8)}), member=False,
                                           is_excluded=lambda t: False, is_term=lambda t: True, n=4)]
    # by weight: 示范村 6, 执法 5, 综合执法 4 (replaces 执法), 民主法治示范村 3 (replaces 示范村), then the
    # freed slots go to the next terms (双语, 夜话), so the list is still full; 火塘夜话 comes after it is
    assert got == ["综合执法", "民主法治示范村", "双语", "夜话"]
    got = [t for t, _, _ in model.keywords(view, _toy_basis(5, {i: 1 for i in range(1, 8)}), member=False,
                                           is_excluded=lambda t: False, is_term=lambda t: True, n=10)]
    assert got == ["综合执法", "民主法治示范村", "双语", "火塘夜话"]  # 火塘夜话 replaces 夜话; 6 terms, 4 listed


def test_top_k_orders_by_similarity_then_id_and_keeps_every_tie_at_the_cut():
    rng = np.random.default_rng(3)
    ids = [f"r{i:03d}" for i in rng.permutation(200)]  # index order is not id order (recent additions)
    sims = rng.random(200) * 0.5
    tied = [150, 20, 199, 7, 88, 60, 3, 111, 42, 175, 9, 133, 64, 18, 101, 190, 55, 77, 122, 140]
    sims[tied] = 0.9  # 20 reports tie above the rest, more than k + the excluded + 8
    excluded = ids[tied[0]]
    got = model.top_k(ids, sims, k=5, exclude={excluded})
    assert got == [(i, 0.9) for i in sorted(ids[j] for j in tied if ids[j] != excluded)[:5]]
    sims[tied] = rng.random(len(tied)) * 0.1 + 0.8
    full = sorted(range(200), key=lambda i: (-sims[i], ids[i]))
    assert [r for r, _ in model.top_k(ids, sims, k=10)] == [ids[i] for i in full[:10]]
    assert model.top_k(ids[:3], sims[:3], k=10) == sorted(((ids[i], float(sims[i])) for i in range(3)),
                                                          key=lambda t: (-t[1], t[0]))
