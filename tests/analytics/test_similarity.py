"""Similarity: cosine, shared passages, candidate index and stock sentences on the seeds."""

from __future__ import annotations

import pytest

from analytics.similarity import (
    Passage,
    ShingleIndex,
    coverage,
    shared_passages,
    skeleton,
    stock_sentences,
    stock_share,
    stock_spans,
)

STOCK_PHRASE = "坚持以习近平新时代中国特色社会主义思想为指导"

# A paragraph written for these tests; it shares no long passage with any seed.
OWN_TEXT = (
    "今年以来，我们围绕矛盾纠纷排查化解，组织村调委会逐户走访，建立问题台账并限期销号。"
    "针对土地流转、邻里宅基地等常见争议，邀请律师驻村坐班，现场释法说理，群众满意度明显提高。"
    "同时，结合防汛和森林防火任务，修订完善应急预案，组织开展应急演练两次，确保突发情况处置有序。"
)


def _passage_from(text: str, length: int = 60) -> str:
    """A ``length``-character passage from the middle of ``text`` that sits on one line."""
    lines = [ln for ln in text.splitlines() if len(ln) > length + 20]
    line = max(lines, key=len)
    start = (len(line) - length) // 2
    return line[start : start + length]


# ----------------------------------------------------------------------------- cosine


def test_copied_passage_is_found_with_offsets(seed_texts):
    source = seed_texts["南郊镇"]
    copied = _passage_from(source)
    host = seed_texts["十里亭镇"]
    cut = host.index("\n", len(host) // 2)
    b = host[:cut] + copied + host[cut:]
    passages = shared_passages(source, b)
    hit = [p for p in passages if copied in p.text]
    assert len(hit) == 1
    p = hit[0]
    assert p.text == source[p.a_start : p.a_end]
    assert copied in b[p.b_start : p.b_end]
    assert skeleton(p.text).text == skeleton(b[p.b_start : p.b_end]).text
    # the copy is the longest thing the two reports share
    assert max(passages, key=lambda q: q.a_end - q.a_start) == p
    cov_a, cov_b = coverage(passages, len_a=len(source), len_b=len(b))
    base_a, base_b = coverage(shared_passages(source, host), len_a=len(source), len_b=len(host))
    assert cov_a - base_a >= 60 / len(source) - 1e-9
    assert cov_b > base_b


def test_punctuation_and_line_breaks_do_not_hide_a_copy(seed_texts):
    source = seed_texts["周营镇"]
    copied = _passage_from(source, 80)
    disguised = copied.replace("，", ",").replace("、", " ")
    disguised = disguised[:30] + "\n\n" + disguised[30:]
    b = OWN_TEXT + disguised + OWN_TEXT
    passages = shared_passages(source, b)
    assert len(passages) == 1
    p = passages[0]
    assert p.text in copied
    assert skeleton(p.text).text == skeleton(copied).text
    assert b[p.b_start : p.b_end].replace("\n", "") in disguised.replace("\n", "")


def test_min_chars_threshold_and_no_false_matches(seed_texts):
    a = OWN_TEXT + "建立健全行政执法监督长效机制" + OWN_TEXT[::-1]
    b = "本镇" + "建立健全行政执法监督长效机制" + "，成效明显。"
    assert shared_passages(a, b) == []  # 14 content characters < 20
    short = shared_passages(a, b, min_chars=12)
    assert [p.text for p in short] == ["建立健全行政执法监督长效机制"]
    assert shared_passages(OWN_TEXT, seed_texts["苏河镇"]) == []


def test_repeated_text_is_reported_once_per_place_in_a(seed_texts):
    copied = _passage_from(seed_texts["商家镇"], 40)
    a = copied + "。" + OWN_TEXT
    b = copied + "。他镇内容。" + copied
    passages = shared_passages(a, b)
    assert len(passages) == 1 and passages[0].text.startswith(copied[:20])
    assert coverage(passages, len_a=len(a), len_b=len(b))[0] == pytest.approx(
        (passages[0].a_end - passages[0].a_start) / len(a)
    )


def test_coverage_counts_union_of_spans():
    passages = [Passage(0, 10, 0, 10, "x" * 10), Passage(5, 15, 20, 30, "y" * 10)]
    assert coverage(passages, len_a=30, len_b=40) == pytest.approx((15 / 30, 20 / 40))
    assert coverage([], len_a=0, len_b=10) == (0.0, 0.0)


# ----------------------------------------------------------------------------- index


def test_shingle_index_finds_the_report_a_passage_came_from(seed_texts):
    index = ShingleIndex()
    for town, text in seed_texts.items():
        index.add(town, text)
    assert len(index) == 5
    draft = OWN_TEXT + _passage_from(seed_texts["苏河镇"]) + OWN_TEXT
    found = index.candidates(draft)
    assert found and found[0][0] == "苏河镇" and found[0][1] >= 3
    assert index.candidates(OWN_TEXT) == []
    # a full seed finds itself first, with every fingerprint shared
    own = index.candidates(seed_texts["商家镇"])
    assert own[0] == ("商家镇", len(index.fingerprints_["商家镇"]))
    index.remove("苏河镇")
    assert "苏河镇" not in index
    assert all(key != "苏河镇" for key, _ in index.candidates(draft))


# ----------------------------------------------------------------------------- stock sentences


def test_stock_sentences_on_the_seeds(seed_texts):
    holders = sum(STOCK_PHRASE in t for t in seed_texts.values())
    assert holders >= 3  # the seeds do contain it in at least three reports
    stock = stock_sentences(seed_texts)
    assert stock
    matches = [frag for frag in stock if STOCK_PHRASE in frag]
    assert matches and stock[matches[0]] == holders
    skeletons = [skeleton(t).text for t in seed_texts.values()]
    for frag, n in stock.items():
        assert len(skeleton(frag).text) >= 12
        assert n == sum(skeleton(frag).text in s for s in skeletons) >= 3


def test_stock_sentences_thresholds(seed_texts):
    assert stock_sentences(seed_texts, min_docs=5) == {}
    two = dict(list(seed_texts.items())[:2])
    assert stock_sentences(two) == {}  # fewer reports than min_docs
    relaxed = stock_sentences(seed_texts, min_docs=2, min_doc_share=0.0)
    assert len(relaxed) > len(stock_sentences(seed_texts))


def test_stock_share(seed_texts):
    stock = stock_sentences(seed_texts)
    shares = {town: stock_share(text, stock) for town, text in seed_texts.items()}
    assert all(0.0 < s < 0.5 for s in shares.values())
    assert stock_share(OWN_TEXT, stock) == 0.0
    assert stock_share(f"“{STOCK_PHRASE}。”", stock) == pytest.approx(1.0)
    spans = stock_spans(seed_texts["南郊镇"], stock)
    assert spans and any(STOCK_PHRASE in seed_texts["南郊镇"][s:e] for s, e in spans)


def test_frame_lines_are_the_title_salutation_headings_signature_and_date():
    from analytics.similarity import boilerplate_spans, frame_lines

    text = ("2024年度法治政府建设情况报告\n中共青溪县委、青溪县人民政府：\n今年以来，我镇坚持以习近平新时代中国特色社会主义思想为指导。"
            "全年开展普法宣传活动46场。\n二、党政主要负责人履行推进法治建设第一责任人职责情况\n"
            "镇党委书记带头学法，全年主持召开专题会议4次\n柳塘镇人民政府\n2025年1月10日")
    lines = [text[s:e].strip("\n") for s, e in frame_lines(text)]
    assert lines == ["2024年度法治政府建设情况报告", "中共青溪县委、青溪县人民政府：",
                     "二、党政主要负责人履行推进法治建设第一责任人职责情况",
                     "镇党委书记带头学法，全年主持召开专题会议4次",  # (no sentence end: read as a frame line)
                     "柳塘镇人民政府", "2025年1月10日"]
    spans = boilerplate_spans(text, ["以习近平新时代中国特色社会主义思想为指导", "党政主要负责人履行推进法治建设第一责任人职责"])
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]))  # merged: no overlaps, nothing touching twice
    assert any(text[s:e].startswith("以习近平") for s, e in spans)


def _runs_by_brute_force(ha, hb, k: int, max_occurrences: int) -> set[tuple[int, int, int]]:
    """Every (i, j) with equal hashes (a hash seen at most max_occurrences times in a) is a seed; seeds at
    consecutive positions on one diagonal form one run of count + k - 1 characters."""
    from collections import defaultdict

    where = defaultdict(list)
    for i, h in enumerate(ha.tolist()):
        where[h].append(i)
    seeds = {(i, j) for j, h in enumerate(hb.tolist()) if len(where.get(h, ())) <= max_occurrences
             for i in where.get(h, ())}
    runs = set()
    for i, j in seeds:
        if (i - 1, j - 1) not in seeds:
            n = 1
            while (i + n, j + n) in seeds:
                n += 1
            runs.add((i, j, n + k - 1))
    return runs


@pytest.mark.parametrize("chars", [300, 30_000])
def test_shared_runs_match_a_brute_force_search_including_crowded_table_slots(seed_texts, chars):
    """The direct-address table over a's hashes (a bisection where two of them share a slot) finds exactly the
    runs a pairwise search finds; at 30,000 characters many slots are shared, so that path is taken."""
    import numpy as np

    from analytics.similarity import _hash_index, _kgram_hashes, _shared_runs, skeleton

    texts = list(seed_texts.values())
    a = skeleton("".join(texts)).text[:chars]
    b = (a[chars // 3: chars // 3 + 200] + skeleton(texts[1]).text[: chars // 2] + a[:120]) * 2
    ha, hb = _kgram_hashes(a, 8), _kgram_hashes(b, 8)
    index = _hash_index(ha)
    if chars > 20_000:
        assert (index.table == -2).sum() > 10
    i0, j0, n = _shared_runs(index, hb, 8, 32)
    got = set(zip(i0.tolist(), j0.tolist(), n.tolist()))
    assert got == _runs_by_brute_force(ha, hb, 8, 32)
    assert len(got) >= 2 and max(n) >= 200
    assert not len(_shared_runs(index, np.zeros(0, dtype=np.uint64), 8, 32)[0])
