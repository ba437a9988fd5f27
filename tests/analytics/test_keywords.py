from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer

from analytics.keywords import KeywordModel, distinctive_terms, general_idf, term_counts
from analytics.segment import load_tokenizer, place_names_in, place_stems

# Written here, independently of data/stopwords.txt and of the place rules in analytics.segment.
VILLAGES_AND_SCHOOLS = {"尚庄村", "张楼新村", "鲁中", "前进路", "紫山", "五里亭", "十里", "浦江"}
STOCK = set(
    """进一步 加强 全面 深入 工作 我镇 一是 二是 三是 扎实 推进 不断 切实 积极 有效 开展 持续 健全 完善 落实 相关
    有关 各项 方面 情况 年度 今年 以来 全镇 提高 提升 建设 推动 强化 坚持 严格 要求 领导 政府 部门""".split()
)


@pytest.fixture(scope="module")
def corpus(seed_manifest, seed_texts):
    tok = load_tokenizer()
    towns = [row["town"] for row in seed_manifest]
    counts = [term_counts(tok.terms(seed_texts[t])) for t in towns]
    known = {v for row in seed_manifest for v in (row["town"], row["county"], row["province"]) if v}
    exclude = place_stems(known)
    for text in seed_texts.values():
        exclude |= place_names_in(text, known=known)
    return towns, counts, exclude


def _independent_places(seed_manifest) -> set[str]:
    names = set(VILLAGES_AND_SCHOOLS)
    for row in seed_manifest:
        for name in (row["town"], row["county"]):
            if name:
                names |= {name, re.sub(r"(镇|县|区)$", "", name)}
    return {n for n in names if len(n) >= 2}


def test_top10_of_each_seed_has_no_place_number_single_char_or_stock_word(corpus, seed_manifest):
    towns, counts, exclude = corpus
    model = KeywordModel().fit(counts)
    places = _independent_places(seed_manifest)
    assert {"南郊", "十里亭", "沈丘", "商家", "苏河"} <= places
    for town, c in zip(towns, counts):
        top = [t for t, _ in model.top_terms(c, n=10, exclude=exclude)]
        assert len(top) == 10, town
        for term in top:
            assert len(term) >= 2, (town, term)
            assert not re.search(r"\d", term), (town, term)
            assert not re.fullmatch(r"[零〇一二两三四五六七八九十百千万余多几第]+", term), (town, term)
            assert term not in STOCK, (town, term)
            assert not any(p in term or term in p for p in places), (town, term)


def test_the_same_seeds_do_have_place_names_among_frequent_terms(corpus):
    """The filter is doing work: without exclusions place names lead (南郊 in 南郊镇's own report)."""
    towns, counts, _ = corpus
    nanjiao = counts[towns.index("南郊镇")]
    assert nanjiao.get("南郊", 0) >= 10
    model = KeywordModel().fit(counts)
    assert "南郊" in [t for t, _ in model.top_terms(nanjiao, n=10)]
    assert "南郊" not in [t for t, _ in model.top_terms(nanjiao, n=50, exclude={"南郊镇"})]


def test_without_general_idf_the_idf_is_scikit_learns_smoothed_idf(corpus):
    _, counts, _ = corpus
    model = KeywordModel(general_idf_weight=0.0).fit(counts)
    vec = DictVectorizer(sort=True)
    reference = TfidfTransformer(smooth_idf=True).fit(vec.fit_transform(counts)).idf_
    assert model.vocabulary_ == vec.vocabulary_
    np.testing.assert_allclose(model.idf_, reference)


def test_general_idf_demotes_everyday_words(corpus):
    _, counts, _ = corpus
    table, median = general_idf()
    assert len(table) > 100_000 and table["的"] < median
    mixed = KeywordModel(general_idf_weight=0.5).fit(counts)
    plain = KeywordModel(general_idf_weight=0.0).fit(counts)
    everyday, domain = "行业", "法律明白人"  # both occur in exactly one seed
    assert mixed.df_[mixed.vocabulary_[everyday]] == mixed.df_[mixed.vocabulary_[domain]] == 1
    assert plain.idf(everyday) == pytest.approx(plain.idf(domain))
    assert mixed.idf(everyday) < mixed.idf(domain)


def test_transform_rows_are_unit_length_and_a_new_report_needs_no_refit(corpus):
    _, counts, _ = corpus
    model = KeywordModel().fit(counts)
    X = model.transform(counts)
    assert X.shape == (5, len(model.vocabulary_))
    np.testing.assert_allclose(np.sqrt(X.multiply(X).sum(axis=1)).A1, 1.0)
    vocab, idf = dict(model.vocabulary_), model.idf_.copy()
    text = "我镇推行“首违不罚”清单，组织法律明白人开展调解，新建法治文化广场一处，行政执法人员全部持证上岗。"
    new = term_counts(load_tokenizer().terms(text))
    row = model.transform([new])
    assert model.vocabulary_ == vocab and np.array_equal(model.idf_, idf)
    assert row.shape == (1, len(vocab)) and row.nnz > 0
    top = dict(model.top_terms(new, n=20))
    assert "首违不罚" not in vocab and top.get("首违不罚", 0) > 0  # unseen term still scored
    assert model.idf("首违不罚") > model.idf("行政执法人员")


def test_top_terms_respects_exclude_and_compound_place_terms():
    model = KeywordModel().fit([{"普法": 3, "执法": 2, "法治南郊": 1}, {"执法": 4, "调解": 2}])
    counts = {"普法": 3, "法治南郊": 5, "南郊镇": 6, "调解": 1, "2021年": 9, "村": 9}
    terms = [t for t, _ in model.top_terms(counts, n=10, exclude={"南郊镇"})]
    assert terms == ["普法", "调解"]


def test_distinctive_terms_on_two_written_reports():
    a = term_counts(
        ["普法"] * 12 + ["宪法宣传"] * 6 + ["法律明白人"] * 5 + ["执法"] * 2 + ["依法行政"] * 3 + ["群众"] * 4
    )
    b = term_counts(["执法"] * 14 + ["行政处罚"] * 6 + ["执法记录仪"] * 5 + ["普法"] * 2 + ["依法行政"] * 3 + ["群众"] * 4)
    df = distinctive_terms(a, b)
    assert list(df.columns) == ["term", "count_a", "count_b", "freq_a", "freq_b", "delta", "se", "z"]
    z = df.set_index("term")["z"]
    assert z["普法"] > 1.96 and z["宪法宣传"] > 0 and z["法律明白人"] > 0
    assert z["执法"] < -1.96 and z["行政处罚"] < 0 and z["执法记录仪"] < 0
    assert abs(z["依法行政"]) < 1 and abs(z["群众"]) < 1  # equal counts, similar totals
    assert df["z"].is_monotonic_decreasing
    row = df.set_index("term").loc["普法"]
    assert row["count_a"] == 12 and row["freq_a"] == pytest.approx(12 / sum(a.values()) * 10_000)
    # swapping the groups flips the sign
    swapped = distinctive_terms(b, a).set_index("term")["z"]
    assert swapped["普法"] == pytest.approx(-z["普法"])


def test_distinctive_terms_with_corpus_prior_and_min_count(corpus):
    towns, counts, _ = corpus
    a = counts[towns.index("苏河镇")]
    rest: dict[str, int] = {}
    for town, c in zip(towns, counts):
        if town != "苏河镇":
            for t, n in c.items():
                rest[t] = rest.get(t, 0) + n
    whole = {t: a.get(t, 0) + rest.get(t, 0) for t in set(a) | set(rest)}
    df = distinctive_terms(a, rest, prior=whole, min_count=3)
    assert (df["count_a"] + df["count_b"] >= 3).all()
    top = df.head(15)["term"].tolist()
    assert "执法记录仪" in top or "行政执法全过程记录" in top  # 苏河镇 is the enforcement-heavy seed
    assert np.isfinite(df["z"]).all() and (df["se"] > 0).all()
