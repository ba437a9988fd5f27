"""Automatic reading: rules over figures, each sentence traceable to its figure and numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import reading
from analytics.reading import Figures, automatic_reading, standing

LABELS = {"law_popularization": "普法宣传", "enforcement": "行政执法", "digital": "数字法治政府"}


def _figures(**kw) -> Figures:
    corpus = pd.DataFrame({
        "law_popularization": [10.0, 12.0, 15.0, 20.0, 25.0],
        "enforcement": [5.0, 8.0, 10.0, 12.0, 20.0],
        "digital": [1.0, 2.0, 3.0, 4.0, 5.0],
    })
    base = dict(theme_labels=LABELS, rates={"law_popularization": 30.0, "enforcement": 9.0, "digital": 0.0},
                corpus_rates=corpus)
    base.update(kw)
    return Figures(**base)


def test_standing_counts_strictly_lower_and_higher():
    s = standing(3.0, [1, 2, 3, 4, 5])
    assert (s.n_below, s.n_above, s.median, s.n) == (2, 2, 3.0, 5)
    assert s.below == pytest.approx(40.0) and s.above == pytest.approx(40.0)
    assert standing(1.0, []) is None


def test_theme_extremes_and_focus_median_sentences():
    out = automatic_reading(_figures())
    texts = [s.text for s in out]
    assert "普法宣传提及率高于语料中100%的报告" in texts
    assert "数字法治政府提及率低于语料中100%的报告（全文未提及）" in texts
    # 行政执法 9.0 sits between 8 and 10: not extreme, but a focus theme -> compared with the median 10
    assert "行政执法低于中位数" in texts
    high = next(s for s in out if s.text.startswith("普法宣传"))
    assert high.figure == reading.FIG_THEMES and high.tone == "good"
    assert "每万字 30.0 次" in high.basis and "中位数 15.0" in high.basis and "5 份中高于 5 份" in high.basis


def test_threshold_is_respected():
    texts = [s.text for s in automatic_reading(_figures(rates={"law_popularization": 19.0}), high=80)]
    assert not any(t.startswith("普法宣传提及率高于语料") for t in texts)  # 3 of 5 lower = 60%
    assert "普法宣传高于中位数" in texts
    texts = [s.text for s in automatic_reading(_figures(rates={"law_popularization": 21.0}), high=80)]
    assert "普法宣传提及率高于语料中80%的报告" in texts


def test_missing_parts_and_shared_passages_are_read():
    shared = [{"id": "r1", "town": "南郊镇", "year": 2021, "start": 0, "end": 40},
              {"id": "r1", "town": "南郊镇", "year": 2021, "start": 100, "end": 130},
              {"id": "r1", "town": "南郊镇", "year": 2021, "start": 200, "end": 225},
              {"id": "r2", "town": "苏河镇", "year": 2020, "start": 300, "end": 360},
              {"id": "r3", "town": "商家镇", "year": 2021, "start": 400, "end": 421},
              {"id": "r3", "town": "商家镇", "year": 2021, "start": 500, "end": 522}]
    out = automatic_reading(_figures(missing_parts=["下一年度主要安排"], shared=shared), min_copy=40)
    assert out[0].text == "缺少“下一年度主要安排”部分" and out[0].figure == reading.FIG_PARTS
    copied = [s for s in out if s.figure == reading.FIG_SHARED]
    assert [s.text for s in copied] == ["与南郊镇2021年报告有3段相同文字", "与苏河镇2020年报告有1段相同文字",
                                        "与另外1份报告仅有零星相同短句（多为常见表述）"]
    assert copied[0].basis == "3 段，共 95 字，最长 40 字" and copied[0].tone == "bad"
    assert copied[2].basis == "2 段，每段不足 40 字，共 43 字" and copied[2].tone == "neutral"


def test_wordscore_direction_follows_the_interval():
    corpus = [-1.0, -0.5, 0.0, 0.5, 1.0]
    pro = automatic_reading(_figures(wordscore={"score": 1.5, "lo": 1.2, "hi": 1.8}, corpus_wordscores=corpus))
    enf = automatic_reading(_figures(wordscore={"score": -1.5, "lo": -1.8, "hi": -1.2}, corpus_wordscores=corpus))
    mid = automatic_reading(_figures(wordscore={"score": 0.2, "lo": -0.3, "hi": 0.7}, corpus_wordscores=corpus))
    pick = lambda out: next(s.text for s in out if s.figure == reading.FIG_WORDSCORE)  # noqa: E731
    assert pick(pro).startswith("侧重偏普法：比语料中100%的报告更偏向普法")
    assert pick(enf).startswith("侧重偏执法：比语料中100%的报告更偏向执法")
    assert "中段" in pick(mid)


def test_concreteness_stock_and_nearest():
    out = automatic_reading(_figures(concreteness=2.0, facts=4, corpus_concreteness=[5, 6, 7, 8, 9],
                                     stock_share=0.4, corpus_stock_share=[0.05, 0.1, 0.1, 0.2, 0.3],
                                     nearest=[{"town": "周营镇", "year": 2023, "similarity": 0.61}]))
    by_fig = {s.figure: s for s in out}
    assert by_fig[reading.FIG_FACTS].text == "具体数据（数字+单位）的密度低于语料中100%的报告"
    assert by_fig[reading.FIG_FACTS].tone == "bad" and "共 4 处" in by_fig[reading.FIG_FACTS].basis
    assert by_fig[reading.FIG_STOCK].text.startswith("套话") and by_fig[reading.FIG_STOCK].tone == "bad"
    assert by_fig[reading.FIG_NEAREST].text == "用词最接近周营镇2023年报告"
    frame = reading.reading_frame(out)
    assert list(frame.columns) == ["解读", "依据", "图表"] and len(frame) == len(out)


# ---- on real reports -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    from analytics import pipeline
    from analytics.store import Store

    resources = pipeline.load_resources()
    store = Store(tmp_path_factory.mktemp("reading") / "reports.db")
    pipeline.ensure_ready(store, resources=resources)
    return store, resources, pipeline.CorpusModel(store, resources=resources)


def _read(text, seeded):
    from analytics import pipeline

    store, resources, model = seeded
    a = pipeline.analyse_text(text, resources=resources)
    pos = pipeline.position(model, a)
    return a, reading.automatic_reading(reading.figures_for(a, pos, model, positions=store.positions()))


def test_real_report_without_next_year_part_is_read_as_missing_it(seeded, seed_texts):
    text = seed_texts["周营镇"]
    a, _ = _read(text, seeded)
    span = a.parts["next_year"].spans
    assert a.parts["next_year"].present and span
    cut = text[: span[0][0]] + text[span[-1][1]:]
    a2, out = _read(cut, seeded)
    assert not a2.parts["next_year"].present
    assert "缺少“下一年度主要安排”部分" in [s.text for s in out]


def test_real_copy_of_a_stored_report_is_read_as_sharing_text(seeded, seed_texts):
    text = seed_texts["南郊镇"].replace("南郊镇", "北郊镇") + "\n另外，本镇今年新建了一处法治文化广场，受到群众欢迎。"
    _, out = _read(text, seeded)
    copied = [s for s in out if s.figure == reading.FIG_SHARED]
    assert copied and copied[0].text.startswith("与南郊镇2021年报告有") and copied[0].text.endswith("段相同文字")
    nearest = next(s for s in out if s.figure == reading.FIG_NEAREST)
    assert nearest.text == "用词最接近南郊镇2021年报告"
