"""Positioning: percentiles, nearest reports, the 2-D map and Wordscores on the seeds."""

from __future__ import annotations

import math
import re

import jieba
import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from analytics.position import Wordscores

# Reference-score terms for the test's own emphasis index (leftmost-longest, non-overlapping).
PUFA_TERMS = ["谁执法谁普法", "普法", "法治宣传", "宣传", "法律明白人", "法治带头人", "宪法", "民法典", "送法"]
ZHIFA_TERMS = ["执法", "行政处罚", "执法证", "法制审核", "执法人员", "三项制度", "全过程记录", "执法记录仪"]
_TERMS = re.compile("|".join(sorted(set(PUFA_TERMS + ZHIFA_TERMS), key=len, reverse=True)))

ALL_PUFA = (
    "深化法治宣传教育。我镇把法治宣传教育作为基础性工作来抓，制定年度普法工作计划和普法责任清单，"
    "落实“谁执法谁普法”普法责任制。围绕“八五”普法规划，深入开展宪法、民法典等法律法规宣传活动，"
    "全年开展法治宣传进村居、进学校、进企业活动40余场次，发放法治宣传资料1万余份，悬挂宣传横幅50余条。"
    "依托国家宪法日、宪法宣传周、民法典宣传月，在集市设立法治宣传咨询台，现场解答群众法律咨询。"
    "加强法治文化阵地建设，打造法治文化广场2处、法治宣传长廊5处。培育农村学法用法示范户和法律明白人，"
    "每村配备法治带头人。利用微信公众号、村村响广播开展线上普法，推动法治宣传教育深入人心，"
    "群众法律意识明显增强。"
)
ALL_ZHIFA = (
    "规范行政执法行为。我镇全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，"
    "行政执法三项制度实现全覆盖。组织执法人员参加行政执法资格考试和业务培训，执法人员全部持行政执法证上岗。"
    "推进综合行政执法改革，整合执法力量，组建综合行政执法队，规范行政处罚自由裁量权，统一使用执法文书，"
    "执法过程全程佩戴执法记录仪。全年办理行政处罚案件30余件，重大行政处罚决定一律经过法制审核，"
    "开展行政执法案卷评查2次，对违法建设、环境污染、安全生产等领域违法行为依法查处，"
    "确保执法程序合法、事实清楚、证据确凿、处罚适当。"
)

_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# A private jieba with a few domain words (the product's tokenizer has a full domain dictionary).
_DOMAIN_WORDS = [
    "法治宣传", "普法宣传", "宪法宣传", "八五普法", "谁执法谁普法", "法律明白人", "法治带头人", "法治文化",
    "学法用法", "一村一法律顾问", "行政执法", "执法人员", "行政处罚", "法制审核", "执法证", "三项制度",
    "综合行政执法", "执法记录仪", "全过程记录",
]
_STOPWORDS = {"开展", "组织", "推进", "进一步", "加强", "全面", "深入", "工作", "我镇", "全镇", "建设", "落实"}
_JIEBA = jieba.Tokenizer()
for _word in _DOMAIN_WORDS:
    _JIEBA.add_word(_word)


def emphasis(text: str) -> float:
    hits = _TERMS.findall(text)
    pufa = sum(h in PUFA_TERMS for h in hits)
    zhifa = sum(h in ZHIFA_TERMS for h in hits)
    return math.log((pufa + 1) / (zhifa + 1))


def tokens(text: str) -> list[str]:
    return [w for w in _JIEBA.lcut(text) if _CJK_WORD.match(w) and w not in _STOPWORDS]


@pytest.fixture(scope="module")
def seed_counts(seed_texts):
    towns = list(seed_texts)
    vec = CountVectorizer(tokenizer=tokens, lowercase=False, token_pattern=None)
    counts = vec.fit_transform(seed_texts[t] for t in towns)
    return towns, vec, counts


@pytest.fixture(scope="module")
def seed_tfidf(seed_texts):
    towns = list(seed_texts)
    vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 2))
    return towns, vec, vec.fit_transform(seed_texts[t] for t in towns)


# ----------------------------------------------------------------------------- percentiles


def test_reference_texts_are_what_the_test_assumes(seed_texts):
    scores = {town: emphasis(text) for town, text in seed_texts.items()}
    assert max(scores, key=scores.get) == "商家镇"
    assert emphasis(ALL_PUFA) > max(scores.values())
    assert emphasis(ALL_ZHIFA) < min(scores.values())


def test_wordscores_extreme_texts_score_beyond_the_extreme_seeds(seed_texts, seed_counts):
    towns, vec, counts = seed_counts
    ref = np.array([emphasis(seed_texts[t]) for t in towns])
    ws = Wordscores().fit(counts, ref, vocabulary=vec.get_feature_names_out())
    assert len(ws.vocabulary_) == counts.shape[1]
    out = ws.score(vec.transform([ALL_PUFA, ALL_ZHIFA]))
    assert out.loc[0, "score"] > ref.max()
    assert out.loc[1, "score"] < ref.min()
    # raw scores are weighted averages of reference scores: they cannot leave the reference range
    assert ref.min() < out["raw"].min() and out["raw"].max() < ref.max()
    assert (out["lo"] < out["score"]).all() and (out["score"] < out["hi"]).all()
    assert (out["se"] > 0).all() and (out["n_words"] > 30).all()


def test_wordscores_without_vocabulary_trimming_stays_inside(seed_texts, seed_counts):
    """Why min_ref_share exists: with every word scored, the all-普法 text cannot pass 商家镇."""
    towns, vec, counts = seed_counts
    ref = np.array([emphasis(seed_texts[t]) for t in towns])
    untrimmed = Wordscores(min_ref_share=0.0).fit(counts, ref)
    trimmed = Wordscores().fit(counts, ref)
    assert np.isnan(trimmed.wordscores_).sum() > np.isnan(untrimmed.wordscores_).sum()
    pufa = vec.transform([ALL_PUFA])
    assert untrimmed.score(pufa).loc[0, "score"] < ref.max() < trimmed.score(pufa).loc[0, "score"]


def test_wordscores_mv_puts_extreme_references_on_their_scores(seed_texts, seed_counts):
    towns, vec, counts = seed_counts
    ref = np.array([emphasis(seed_texts[t]) for t in towns])
    out = Wordscores(rescale="mv").fit(counts, ref).score(counts)
    lo, hi = int(ref.argmin()), int(ref.argmax())
    assert out.loc[lo, "score"] == pytest.approx(ref[lo])
    assert out.loc[hi, "score"] == pytest.approx(ref[hi])
    # the rescaled interval is the raw interval through the same linear map
    ratio = (out["hi"] - out["lo"]) / (2 * Wordscores.Z * out["se"])
    assert np.allclose(ratio, ratio.iloc[0]) and np.allclose(out["score_se"], ratio * out["se"])


def test_wordscores_se_follows_lbg_formula(seed_texts, seed_counts):
    towns, vec, counts = seed_counts
    ref = np.array([emphasis(seed_texts[t]) for t in towns])
    ws = Wordscores(rescale="none", min_ref_share=0.0).fit(counts, ref)
    c = vec.transform([ALL_ZHIFA]).toarray()[0]
    scored = ~np.isnan(ws.wordscores_) & (c > 0)
    f = c[scored] / c[scored].sum()
    s = ws.wordscores_[scored]
    raw = f @ s
    se = math.sqrt(f @ (s - raw) ** 2) / math.sqrt(c[scored].sum())
    row = ws.score(vec.transform([ALL_ZHIFA])).iloc[0]
    assert row["raw"] == pytest.approx(raw) and row["score"] == pytest.approx(raw)
    assert row["se"] == pytest.approx(se)


def test_wordscores_lbg_rescale_matches_reference_spread(seed_texts, seed_counts):
    towns, vec, counts = seed_counts
    ref = np.array([emphasis(seed_texts[t]) for t in towns])
    ws = Wordscores(rescale="lbg").fit(counts, ref)
    out = ws.score(vec.transform([ALL_PUFA, ALL_ZHIFA, seed_texts["苏河镇"]]))
    assert out["score"].std(ddof=1) == pytest.approx(ref.std(ddof=1))
    assert out["score"].mean() == pytest.approx(out["raw"].mean())
    assert list(out["score"].rank()) == list(out["raw"].rank())


def test_wordscores_dataframe_columns_are_aligned(seed_texts, seed_counts):
    towns, vec, counts = seed_counts
    vocab = list(vec.get_feature_names_out())
    ref = [emphasis(seed_texts[t]) for t in towns]
    frame = pd.DataFrame(counts.toarray(), index=towns, columns=vocab)
    ws = Wordscores().fit(frame, ref)
    shuffled = frame[vocab[::-1]]
    out = ws.score(shuffled)
    assert list(out.index) == towns
    assert np.allclose(out["score"], Wordscores().fit(counts, ref).score(counts)["score"])


def test_wordscores_rejects_bad_input(seed_counts):
    _, _, counts = seed_counts
    with pytest.raises(ValueError, match="参考"):
        Wordscores().fit(counts, [1.0, 2.0])
    with pytest.raises(ValueError, match="分值不同"):
        Wordscores().fit(counts, [1.0] * 5)
    with pytest.raises(ValueError, match="缩放"):
        Wordscores(rescale="zscore")  # type: ignore[arg-type]
