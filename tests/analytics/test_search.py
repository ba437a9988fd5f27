"""KWIC search: leftmost-longest matching consistent with the theme counts, context, counts."""

from __future__ import annotations

import pytest

from analytics import search
from analytics.themes import load_dictionary


@pytest.fixture(scope="module")
def dictionary():
    return load_dictionary()


def test_parse_terms_splits_on_chinese_and_latin_separators():
    assert search.parse_terms(" 执法，普法、 法律顾问;执法  村规民约 ") == ["执法", "普法", "法律顾问", "村规民约"]
    assert search.parse_terms("") == []


def test_overlapping_query_terms_count_once_leftmost_longest():
    text = "加强行政执法，严格执法。开展普法宣传活动，宣传到户。"
    hits = search.kwic({"r": text}, terms=["执法", "行政执法", "宣传", "普法宣传"], window=4)
    assert hits["match"].tolist() == ["行政执法", "执法", "普法宣传", "宣传"]
    for h in hits.itertuples():
        assert text[h.start:h.end] == h.match
    first = hits.iloc[0]
    assert first["left"] == "加强" and first["right"] == "，严格执"


def test_context_flattens_line_breaks_but_keeps_offsets():
    text = "第一段讲执法。\n\n第二段\n讲普法。"
    hits = search.kwic({"r": text}, terms=["普法"], window=6)
    assert len(hits) == 1
    h = hits.iloc[0]
    assert "\n" not in h["left"] and h["left"].endswith("第二段 讲")
    assert text[h["start"]:h["end"]] == "普法"


@pytest.mark.parametrize("theme", ["law_popularization", "enforcement"])
def test_theme_search_equals_dictionary_counts_on_seeds(seed_texts, dictionary, theme):
    texts = dict(seed_texts)
    hits = search.kwic(texts, themes=[theme], dictionary=dictionary)
    counts = search.counts_per_report(hits, report_ids=list(texts)).set_index("report_id")["count"]
    for town, text in texts.items():
        assert counts[town] == dictionary.count(text)[theme]
    assert counts.sum() > 0
    # the law-popularisation theme swallows 谁执法谁普法, so its 执法 is not an enforcement hit
    assert (hits["theme_id"] == theme).all()


def test_theme_and_terms_together_do_not_overlap(seed_texts, dictionary):
    text = seed_texts["南郊镇"]
    hits = search.kwic({"r": text}, themes=["enforcement"], terms=["执法"], dictionary=dictionary)
    spans = sorted(zip(hits["start"], hits["end"]))
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    # 执法 inside a theme hit like 行政执法 is not listed again
    theme_only = search.kwic({"r": text}, themes=["enforcement"], dictionary=dictionary)
    assert len(hits) >= len(theme_only)
    inner = [(s, e) for s, e, m in zip(hits["start"], hits["end"], hits["match"]) if m == "执法"]
    for s, e in inner:
        assert not any(ts <= s and e <= te and (ts, te) != (s, e) for ts, te in zip(theme_only["start"], theme_only["end"]))


def test_counts_per_report_lists_reports_without_hits():
    hits = search.kwic({"a": "执法执法", "b": "无关文字"}, terms=["执法"])
    counts = search.counts_per_report(hits, report_ids=["a", "b"])
    assert counts.set_index("report_id")["count"].to_dict() == {"a": 2, "b": 0}
    assert search.counts_per_term(hits).iloc[0].tolist() == ["执法", 2]


def test_no_terms_no_hits_and_theme_without_dictionary_is_an_error():
    assert search.kwic({"a": "执法"}, terms=[]).empty
    with pytest.raises(ValueError):
        search.kwic({"a": "执法"}, themes=["enforcement"])


def test_sentence_context_never_runs_into_the_next_sentence():
    text = "开展重大执法决定法制审核工作，全年审核案件12件。下一句讲普法宣传。"
    hits = search.kwic({"r": text}, terms=["重大执法决定法制审核"], window=40, sentence=True)
    h = hits.iloc[0]
    assert h["match"] == "重大执法决定法制审核"  # the whole term, not cut
    assert h["left"] == "开展" and h["right"] == "工作，全年审核案件12件。"
    long = "前" * 50 + "执法" + "后" * 50 + "。"
    h = search.kwic({"r": long}, terms=["执法"], window=10, sentence=True).iloc[0]
    assert h["left"] == "…" + "前" * 10 and h["right"] == "后" * 10 + "…"
    start, end = search.paragraph_at("第一段。\n第二段执法。\n第三段。", 8)
    assert (start, end) == (5, 11)


def test_limit_stops_early():
    texts = {f"r{i}": "执法。" * 10 for i in range(5)}
    assert len(search.kwic(texts, terms=["执法"], limit=12)) == 12


def test_theme_hits_in_a_web_pages_footer_are_not_shown_literal_ones_are():
    from tests.analytics.test_layout import WEB_COPY

    footer = WEB_COPY.index("\u3000\u3000来源")
    assert any(h.start > footer for h in load_dictionary().find(WEB_COPY))  # 网站标识码: 网站 (digital)
    hits = search.kwic({"r": WEB_COPY}, themes=["digital", "law_popularization", "dispute_resolution"],
                       dictionary=load_dictionary())
    assert len(hits) == 4 and (hits["start"] < footer).all()
    assert (search.kwic({"r": WEB_COPY}, terms=["网站"])["start"] > footer).any()  # a literal search finds every one


def test_a_finder_decides_which_theme_hits_are_listed(dictionary):
    text = "开展行政执法检查。加强执法监督。深化普法宣传。"
    every = search.kwic({"r": text}, themes=["enforcement", "law_popularization"], dictionary=dictionary)
    first = every.iloc[0]
    kept = search.kwic({"r": text}, themes=["enforcement", "law_popularization"],
                       finder=lambda t: [h for h in dictionary.find(t) if h.start == first["start"]])
    assert len(every) == 2 and kept["start"].tolist() == [first["start"]]
