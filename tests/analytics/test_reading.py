"""The automatic reading, through the real pipeline on texts written for the tests: at most eight plain
sentences, the lean first, no percentages on a small corpus, no method names, each traceable to a figure."""

from __future__ import annotations

import math
import re

import pytest

from analytics import model, pipeline, reading
from analytics.store import Store
from tests.analytics import texts as T

METHOD_WORDS = ("Wordscores", "TF-IDF", "z 值", "对数几率", "bootstrap", "Poisson", "Wilson")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    resources = pipeline.load_resources()
    store = Store(tmp_path_factory.mktemp("reading") / "reports.db")
    pipeline.ensure_ready(store, resources=resources)
    return store, resources


def _read(text, seeded):
    store, resources = seeded
    a = pipeline.analyse_text(text, resources=resources)
    pos = pipeline.position(a, store=store, index=model.CorpusIndex.load(store),
                            table=pipeline.CorpusTable.load(store, theme_ids=resources.dictionary.ids()),
                            resources=resources)
    labels = {t: resources.dictionary.label(t) for t in resources.dictionary.ids()}
    return a, pos, reading.automatic_reading(a, pos, labels=labels)


def _plain(sentences):
    for s in sentences:
        assert s.figure in reading.FIGURE_LABELS and s.basis
        assert "100%" not in s.text
        assert not any(w in s.text for w in METHOD_WORDS), s.text
    assert len(sentences) <= 8


def test_all_pufa_report(seeded):
    a, pos, out = _read(T.pufa_report(), seeded)
    _plain(out)
    assert out[0].figure == reading.FIG_LEAN and out[0].text.startswith("明显偏重普法宣传")
    assert "在 6 份报告中最偏普法" in out[0].text  # the most 普法-leaning, said as a rank on 5 others
    assert not any("%" in s.text and "报告（共" in s.text for s in out)  # no percentile below 20 reports


def test_all_zhifa_report(seeded):
    a, pos, out = _read(T.zhifa_report(), seeded)
    _plain(out)
    assert out[0].text.startswith("明显偏重行政执法") and "在 6 份报告中最偏执法" in out[0].text
    themes = [s for s in out if s.figure == reading.FIG_THEMES]
    assert any("行政执法" in s.text and "明显多于" in s.text for s in themes)


def test_balanced_report(seeded):
    _, _, out = _read(T.balanced_report(), seeded)
    _plain(out)
    assert out[0].text.startswith("普法宣传与行政执法大体相当")


def test_short_report_carries_its_caution(seeded):
    a, pos, out = _read(T.short_report(), seeded)
    _plain(out)
    assert any("较短" in c for c in pos.cautions) and any("只有 5 份" in c for c in pos.cautions)
    assert any(s.figure == reading.FIG_PARTS and s.text.startswith("缺少必备部分") for s in out)


def test_a_report_without_numbers_is_told_so_even_when_a_comparison_could_not_tell(seeded):
    vague = ("红岘乡2023年法治政府建设工作报告\n一、主要工作\n我乡认真学习贯彻习近平法治思想，多次开展普法宣传活动，"
             "组织干部集中学法，依法调处矛盾纠纷，严格规范行政执法行为。\n二、存在的不足\n普法形式较为单一。\n"
             "三、下一步打算\n继续加强法治宣传教育。\n")
    a, pos, out = _read(vague, seeded)
    _plain(out)
    assert not any(f.concrete for f, _ in a.facts)  # short: its interval of 0 per 10,000 covers the median
    assert any(s.figure == reading.FIG_FACTS and s.text == "全文没有写明具体数字的成效与举措" for s in out)
    _, _, out = _read(T.pufa_report(), seeded)  # a report with numbers is not told so
    assert not any(s.figure == reading.FIG_FACTS and "没有" in s.text for s in out)


def test_twice_the_mentions_in_few_clauses_is_a_lean_said_with_its_doubt(seeded):
    text = ("石门镇2023年法治政府建设工作报告\n一、主要举措及成效\n"
            "严格规范行政执法，落实行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，开展联合执法检查，"
            "规范执法程序，提升执法人员执法能力，加强执法监督。\n组织开展宪法宣传周普法宣传活动。\n做好民法典普法宣传。\n"
            "完善镇村两级公共服务体系。\n二、存在的不足\n工作方式方法还需改进。\n三、下一步工作打算\n继续推进各项工作。\n")
    a, _, out = _read(text, seeded)
    assert a.lean.zhifa >= 2 * a.lean.pufa and a.lean.pufa + a.lean.zhifa >= 10  # twice, in a few clauses
    assert a.lean.label == "enforcement" and not a.lean.firm
    assert out[0].text.startswith("偏重行政执法") and "把握不大" in out[0].text and "明显" not in out[0].text


def _lean_only(pufa: int, zhifa: int, lo: float, hi: float) -> str:
    from types import SimpleNamespace

    from analytics import figures

    ln = figures.Lean(math.log((pufa + 0.5) / (zhifa + 0.5)), lo, hi, figures.lean_label(pufa, zhifa), pufa, zhifa)
    return reading._lean_sentence(SimpleNamespace(lean=ln), SimpleNamespace(lean_standing=None, compared=0), {}).text


def test_the_lean_sentence_says_what_the_counts_show_and_how_firm_it_is():
    assert _lean_only(30, 9, 0.4, 1.9).startswith("明显偏重普法宣传：提及普法宣传 30 次，行政执法只有 9 次")
    assert _lean_only(4, 14, -2.5, 0.2).startswith("偏重行政执法：提及行政执法 14 次，普法宣传 4 次，达到两倍以上；")
    # unequal, but under twice: not called equal, and not a lean — even when the interval is clear of 0
    for lo, hi in ((0.1, 0.9), (-0.3, 1.2)):
        said = _lean_only(26, 15, lo, hi)
        assert said.startswith("普法宣传提得多一些") and "不到两倍" in said and "大体相当" not in said
    assert _lean_only(12, 11, -0.7, 0.8).startswith("普法宣传与行政执法大体相当")
    assert _lean_only(6, 1, 0.1, 3.0).startswith("普法宣传与行政执法都提得很少（共 7 次）")


def test_slogan_report_is_not_pulled_to_enforcement(seeded):
    _, _, out = _read(T.slogan_report(times=3), seeded)
    _plain(out)
    assert out[0].text.startswith("明显偏重普法宣传")


def test_every_basis_number_is_a_figure_of_the_report(seeded):
    a, pos, out = _read(T.zhifa_report(), seeded)
    lean = next(s for s in out if s.figure == reading.FIG_LEAN)
    assert f"行政执法 {a.lean.zhifa} 次" in lean.basis and f"{a.lean.value:.2f}" in lean.basis
    assert "不足和下一年安排里的不算" in lean.basis  # the counts are the year's work, not every mention
    for s in out:
        if s.figure == reading.FIG_THEMES:
            pct = re.search(r"提及段落占比 ([\d.]+)%", s.basis).group(1)
            tid = next(t for t, f in pos.themes.items() if f"{f.share.value:.1f}" == pct)
            assert pos.themes[tid].share_standing is not None


def test_missing_part_of_a_real_report(seeded, seed_texts):
    text = seed_texts["周营镇"]
    a, _, _ = _read(text, seeded)
    span = a.parts["next_year"].spans
    assert a.parts["next_year"].present and span
    cut = text[: span[0][0]] + text[span[-1][1]:]
    a2, _, out = _read(cut, seeded)
    assert not a2.parts["next_year"].present
    assert any(s.figure == reading.FIG_PARTS and "下一年度主要安排" in s.text for s in out)


def test_copied_text_is_read_with_its_source(seeded, seed_texts):
    paras = [p for p in seed_texts["南郊镇"].replace("南郊镇", "北郊镇").split("\n") if p.strip()]
    text = "\n".join(paras[: len(paras) // 2] + T.PUFA_PARAS[5:9] + T.ZHIFA_PARAS[5:9])
    _, pos, out = _read(text, seeded)
    copied = [s for s in out if s.figure == reading.FIG_SHARED]
    assert copied and copied[0].text.startswith("与南郊镇·2021报告有") and "相同文字" in copied[0].text


def test_the_same_towns_previous_report_is_compared(tmp_path, seeded):
    from analytics.accounts import Account

    store0, resources = seeded

    store0.copy_to(tmp_path / "r.db")
    store = Store(tmp_path / "r.db")
    earlier = pipeline.analyse_text(T.pufa_report("青石镇", 2022), resources=resources)
    pipeline.save_analysis(store, earlier, resources=resources, actor=Account.local_admin(), source="x")
    now = T.report("青石镇", 2023, T.ZHIFA_PARAS, other=False)
    _, pos, out = _read(now, (store, resources))
    assert pos.previous["year"] == 2022
    assert pos.previous["lean_change"] == "enforcement"  # all-普法 before, all-执法 now: beyond both intervals
    prev = next(s for s in out if s.figure == reading.FIG_PREVIOUS)
    assert "本镇2022年报告" in prev.text and "“行政执法”明显增多" in prev.text and "“普法宣传”明显减少" in prev.text
    assert "更偏执法" in prev.text and "侧重指数" in prev.basis


def test_a_theme_is_called_rarer_only_if_it_is_rarer_per_characters_too():
    """Every numbered item on its own line makes more, shorter paragraphs: a theme's paragraph share falls
    while its mentions per 10,000 characters stay; the reading then says nothing about it."""
    from types import SimpleNamespace

    from analytics import figures
    from analytics.pipeline import ThemeFigure

    others_share, others_rate = [30.0, 28.0, 26.0, 32.0, 27.0], [12.0, 11.0, 13.0, 12.5, 11.5]

    def pos(count, units, n_units, chars):
        share, rate = figures.share_interval(units, n_units), figures.rate_interval(count, chars)
        fig = ThemeFigure("law_popularization", count, units, rate, share, figures.standing(share.value, others_share),
                          figures.standing(rate.value, others_rate))
        return SimpleNamespace(themes={"law_popularization": fig})

    labels = {"law_popularization": "普法宣传"}
    a = SimpleNamespace(theme_counts={"all": {"law_popularization": 24}})
    joined = reading._theme_sentences(a, pos(24, 14, 60, 20_000), labels, limit=3)  # 23 % of 60 units, 12 per 10,000
    split = reading._theme_sentences(a, pos(24, 14, 160, 20_000), labels, limit=3)  # the same text, items split: 9 %
    assert joined == [] and split == []
    rarer = reading._theme_sentences(a, pos(6, 6, 160, 20_000), labels, limit=3)  # rarer by both measures
    assert len(rarer) == 1 and "明显少于" in rarer[0].text and "每万字 3.0 次" in rarer[0].basis


def test_one_paragraph_on_a_theme_others_skip_is_not_called_more():
    from types import SimpleNamespace

    from analytics import figures
    from analytics.pipeline import ThemeFigure

    others = [0.0] * 12 + [4.0, 5.0]

    def pos(count, units, n_units):
        share, rate = figures.share_interval(units, n_units), figures.rate_interval(count, 9_000)
        fig = ThemeFigure("digital", count, units, rate, share, figures.standing(share.value, others),
                          figures.standing(rate.value, [0.0] * 12 + [1.0, 1.5]))
        return SimpleNamespace(themes={"digital": fig})

    labels = {"digital": "数字法治政府"}
    a = SimpleNamespace(theme_counts={"all": {"digital": 6}, "measures": {"digital": 4}, "shortcomings": {"digital": 2}})
    assert reading._theme_sentences(a, pos(3, 1, 18), labels, limit=3) == []  # one paragraph of 18 (6 %)
    (more,) = reading._theme_sentences(a, pos(6, 4, 18), labels, limit=3)  # four paragraphs of 18
    assert "明显多于" in more.text


def test_a_theme_said_mostly_as_a_weakness_or_a_plan_is_not_called_an_emphasis():
    """信息化手段运用不足 and 明年推进数字政府 raise the theme's share, but they are not work done."""
    from types import SimpleNamespace

    from analytics import figures
    from analytics.pipeline import ThemeFigure

    others = [0.0] * 12 + [4.0, 5.0]
    share, rate = figures.share_interval(4, 18), figures.rate_interval(6, 9_000)
    fig = ThemeFigure("digital", 6, 4, rate, share, figures.standing(share.value, others),
                      figures.standing(rate.value, [0.0] * 12 + [1.0, 1.5]))
    pos = SimpleNamespace(themes={"digital": fig})
    a = SimpleNamespace(theme_counts={"all": {"digital": 6}, "measures": {"digital": 1}, "shortcomings": {"digital": 2},
                                      "next_year": {"digital": 3}})
    (s,) = reading._theme_sentences(a, pos, {"digital": "数字法治政府"}, limit=3)
    assert "明显多于" not in s.text and "6 次提及中有 5 次在“存在的不足”或下一年安排里" in s.text


def test_a_notice_is_read_as_not_a_report_and_not_compared(seeded):
    from pathlib import Path

    notice = (Path(__file__).parent / "not_reports" / "notice_training.txt").read_text(encoding="utf-8")
    _a, _pos, sentences = _read(notice, seeded)
    _plain(sentences)
    assert [s.tone for s in sentences][:1] == ["bad"] and "不太像法治政府建设年度报告" in sentences[0].text
    assert len(sentences) == 2 and "不与年度报告比较" in sentences[1].text
    assert not any("多于" in s.text or "排第" in s.text for s in sentences)
