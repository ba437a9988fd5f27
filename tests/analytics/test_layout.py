import time

import pytest

from analytics import structure
from analytics.layout import LONG_PARAGRAPH, PIECE_MAX, parse_layout
from analytics.normalize import normalize_text
from analytics.sentences import sentence_spans

from .test_structure import EXPECTED_PARTS, HONGQI, QIAOTOU, RUNON

REPORT = """双桥镇2022年度法治政府建设情况报告
2022年，双桥镇坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：
一、主要举措和成效
（一）深化普法宣传
全年开展普法活动28场次，发放宣传资料6000余份。
（二）规范行政执法。全镇执法人员全部持证上岗，办理行政处罚案件19件。
二、存在问题
执法力量薄弱；普法形式单一。
三、下一步工作计划2023年，我镇将加强执法队伍建设。
"""


def texts(layout, spans):
    return [layout.text[s:e] for s, e in spans]


def test_paragraphs_sentences_and_units_of_a_lined_report():
    lay = parse_layout(REPORT)
    assert len(lay.paragraphs) == len(REPORT.strip().split("\n"))
    assert texts(lay, lay.sentences)[:3] == [
        "双桥镇2022年度法治政府建设情况报告",
        "2022年，双桥镇坚持以习近平法治思想为指导，扎实推进法治政府建设。",
        "现将有关情况报告如下：",
    ]
    # a heading that runs into its first sentence is a sentence of its own
    assert texts(lay, lay.sentences)[-2:] == ["三、下一步工作计划", "2023年，我镇将加强执法队伍建设。"]
    # heading lines and the report's title are not units; a heading with its text on the same line is
    assert texts(lay, lay.units) == [
        "2022年，双桥镇坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：",
        "全年开展普法活动28场次，发放宣传资料6000余份。",
        "（二）规范行政执法。全镇执法人员全部持证上岗，办理行政处罚案件19件。",
        "执法力量薄弱；普法形式单一。",
        "三、下一步工作计划2023年，我镇将加强执法队伍建设。",
    ]


def test_sentences_never_cross_a_paragraph():
    text = "全年开展普法活动28场次\n发放宣传资料6000余份。办理案件19件；调解纠纷3件\n"
    lay = parse_layout(text)
    assert texts(lay, lay.sentences) == ["全年开展普法活动28场次", "发放宣传资料6000余份。", "办理案件19件；", "调解纠纷3件"]
    for s, e in lay.sentences:
        assert "\n" not in text[s:e]


def test_run_on_report_is_cut_into_units():
    lay = parse_layout(RUNON)
    assert len(lay.paragraphs) == 1 and len(RUNON) > LONG_PARAGRAPH
    assert len(lay.units) >= 3
    starts = {s for s, _ in lay.sentences}
    for s, e in lay.units:
        assert s in starts  # units are cut at sentence ends
        assert e - s <= PIECE_MAX + 120  # one sentence may take a piece past 400
    # units cover the text in order without overlapping
    assert all(a[1] <= b[0] for a, b in zip(lay.units, lay.units[1:]))
    assert lay.units[0][0] == 0 and lay.units[-1][1] == len(RUNON)
    # a part heading opens a unit, and stays with the text after it
    assert any(RUNON[s:e].startswith("二、存在的问题和不足一是") for s, e in lay.units)
    assert any(RUNON[s:e].startswith("三、下一步工作计划2022年") for s, e in lay.units)


def test_long_paragraph_is_split_into_pieces_of_two_to_four_hundred():
    sentence = "镇司法所联合派出所开展送法进村活动，向群众讲解民法典和反电信网络诈骗法相关知识。"  # 41 characters
    text = "一、主要举措和成效\n" + sentence * 30 + "\n二、存在问题\n普法形式单一。\n"
    lay = parse_layout(text)
    body = [(s, e) for s, e in lay.units if text[s:e].startswith("镇司法所")]
    assert len(body) >= 3
    assert all(200 <= e - s <= 400 for s, e in body)
    assert sum(e - s for s, e in body) == len(sentence) * 30


def test_one_long_sentence_is_one_unit():
    text = "我镇" + "，".join(["开展普法活动"] * 120) + "。"
    lay = parse_layout(text)
    assert lay.units == ((0, len(text)),)


def test_never_zero_units():
    only_headings = "存在的问题和不足\n下一步工作计划\n"
    lay = parse_layout(only_headings)
    assert [h.text for h in lay.headings] == ["存在的问题和不足", "下一步工作计划"]
    assert lay.units == lay.paragraphs and len(lay.units) == 2
    assert parse_layout("").units == ()
    assert parse_layout("  \n\n ").units == ()


def test_index_lookups():
    lay = parse_layout(REPORT)
    at = REPORT.index("发放宣传资料")
    i = lay.sentence_index_at(at)
    assert REPORT[slice(*lay.sentences[i])] == "全年开展普法活动28场次，发放宣传资料6000余份。"
    u = lay.unit_index_at(at)
    assert REPORT[slice(*lay.units[u])] == "全年开展普法活动28场次，发放宣传资料6000余份。"
    assert lay.unit_index_at(REPORT.index("一、主要举措")) is None  # heading line
    assert lay.sentence_index_at(REPORT.index("\n")) is None
    assert lay.sentence_index_at(len(REPORT) + 5) is None
    assert [REPORT[s:e] for s, e in lay.heading_spans()][:3] == ["一、主要举措和成效", "（一）深化普法宣传", "（二）规范行政执法"]


def test_wrappers_read_the_same_layout():
    for text in (REPORT, RUNON, QIAOTOU, HONGQI):
        lay = parse_layout(text)
        assert structure.parts(text) == lay.parts
        assert structure.detect_sections(text) == list(lay.sections)
        assert structure.detect_headings(text) == list(lay.headings)
        assert structure.shortcomings(text) == structure.shortcomings_of(lay)
        assert structure.parts(text, sections=structure.detect_sections(text)) == lay.parts


def test_plain_sentence_spans_are_the_layout_sentences_without_headings():
    text = "一、主要举措和成效\n开展普法活动。办理案件；调解纠纷\n"
    assert [(s.start, s.end) for s in sentence_spans(text)] == list(parse_layout(text).sentences)


@pytest.mark.parametrize("town", list(EXPECTED_PARTS))
def test_seed_layouts(seed_texts, town):
    text = normalize_text(seed_texts[town])
    lay = parse_layout(text)
    assert lay.units and len(lay.units) <= len(lay.paragraphs)
    para_of = {i: p for i, p in enumerate(lay.paragraphs)}
    for s, e in lay.units:
        assert any(a <= s and e <= b for a, b in para_of.values())
    for s, e in lay.sentences:
        assert "\n" not in text[s:e] and text[s:e] == text[s:e].strip()
    # no heading line is a unit
    for h in lay.headings:
        if h.level <= 2 and text[h.start:h.end] in text.split("\n"):
            assert (h.start, h.end) not in lay.units


def test_parse_is_linear():
    block = normalize_text((QIAOTOU + RUNON + "\n") * 3)
    small = block * 8
    big = block * 64  # about 230,000 characters

    def best(text):
        times = []
        for _ in range(3):
            parse_layout.cache_clear()
            t0 = time.perf_counter()
            parse_layout(text)
            times.append(time.perf_counter() - t0)
        return min(times)

    t_small, t_big = best(small), best(big)
    assert len(parse_layout(big).units) > 100
    assert t_big < 3.0
    assert t_big < 8 * 4 * max(t_small, 0.002)  # 8x the text, well under 64x the time


def test_sentence_breaks_at_given_offsets():
    from analytics.sentences import sentence_bounds

    text = "三、下一步工作计划2023年，我镇将加强执法。 开展培训 \n二次。"
    cut = text.index("2023")
    assert [text[s:e] for s, e in sentence_bounds(text, breaks=[cut, 0, len(text)])] == [
        "三、下一步工作计划", "2023年，我镇将加强执法。", "开展培训", "二次。"]
    assert [text[s:e] for s, e in sentence_bounds(text, breaks=[text.index(" 开展")])] == [
        "三、下一步工作计划2023年，我镇将加强执法。", "开展培训", "二次。"]


def test_item_markers_do_not_cut_sentences():
    lay = parse_layout(HONGQI)
    assert "一是执法人员不足，专业素质不高；" in texts(lay, lay.sentences)
    text = "二、存在问题\n1、执法人员不足，专业素质不高。\n（1）普法力量不足，宣传形式单一。\n"
    lay = parse_layout(text)
    assert texts(lay, lay.sentences) == ["二、存在问题", "1、执法人员不足，专业素质不高。", "（1）普法力量不足，宣传形式单一。"]


def test_title_salutation_signature_and_date_are_not_units():
    text = ("青石镇2023年法治政府建设工作报告\n中共某县委、某县人民政府：\n2023年，我镇开展普法活动12场。\n"
            "一、主要举措\n开展执法检查3次。\n二、存在的不足\n形式单一。\n青石镇人民政府\n2024年1月5日\n")
    assert texts(parse_layout(text), parse_layout(text).units) == ["2023年，我镇开展普法活动12场。", "开展执法检查3次。", "形式单一。"]
    # a one-paragraph text keeps its paragraph, whatever it looks like
    assert texts(parse_layout("青石镇人民政府"), parse_layout("青石镇人民政府").units) == ["青石镇人民政府"]


WEB_COPY = ("黄岗镇2023年法治政府建设工作报告\n一、主要举措和成效\n今年开展普法宣传活动36场，调解矛盾纠纷58件。\n"
            "二、存在的不足和原因\n普法宣传形式较为单一。\n三、2024年工作打算\n创建县级以上民主法治示范村3个。\n"
            "黄岗镇人民政府\u30002024年1月12日\u3000\u3000来源：黄岗镇人民政府\u3000\u3000责任编辑：刘晓敏\u3000\u3000浏览次数：1386"
            "\u3000\u3000【打印本页】【关闭窗口】\n上一篇：关于印发龙潭乡2023年度法治政府建设情况报告的通知\u3000\u3000"
            "下一篇：柘江县石门街道2022年法治政府建设情况报告\n主办：黄岗镇人民政府\u3000网站标识码：4311230012\u3000湘ICP备05001234号-1")


def test_a_web_pages_footer_is_outside_every_span():
    layout = parse_layout(WEB_COPY)
    end = WEB_COPY.index("\u3000\u3000来源")
    assert layout.body_end == end
    spans = [*layout.paragraphs, *layout.sentences, *layout.units, *(s for p in layout.parts.values() for s in p.spans)]
    assert spans and max(e for _, e in spans) <= end
    plan = layout.parts["next_year"]
    assert WEB_COPY[slice(*plan.spans[-1])].startswith("三、2024年工作打算") and "上一篇" not in WEB_COPY[slice(*plan.spans[-1])]


def test_source_words_inside_sentences_are_not_a_footer():
    text = "一、主要举措和成效\n全年投入普法经费12万元，经费来源：县财政专项。\n黄岗镇人民政府\n2024年1月12日"
    assert parse_layout(text).body_end == len(text)
    tail = "一、主要举措和成效\n开展活动。\n来源：本网\n下一步，我镇将继续完善法治宣传教育的长效机制，推动法治建设再上新台阶。"
    assert parse_layout(tail).body_end == len(tail)  # prose after the marker: the page goes on, no footer
