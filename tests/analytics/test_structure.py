import pytest

from analytics.structure import PARTS, detect_headings, detect_sections, parts, shortcomings

FOUR = {"measures", "shortcomings", "leaders", "next_year"}
THREE = {"measures", "shortcomings", "next_year"}
EXPECTED_PARTS = {"南郊镇": FOUR, "周营镇": FOUR, "商家镇": FOUR, "十里亭镇": THREE, "苏河镇": THREE}


def test_part_ids():
    assert list(PARTS) == ["measures", "shortcomings", "leaders", "next_year", "other"]


@pytest.mark.parametrize("town", list(EXPECTED_PARTS))
def test_seed_parts_as_a_reader_sees_them(seed_texts, town):
    text = seed_texts[town]
    info = parts(text)
    assert set(info) == set(PARTS)
    assert {p for p, i in info.items() if i.present} == EXPECTED_PARTS[town]
    for part in info.values():
        assert part.label == PARTS[part.part_id]
        assert part.present == bool(part.spans) == (part.chars > 0)
        assert part.chars == sum(len("".join(text[s:e].split())) for s, e in part.spans)
    # spans of different parts never overlap
    all_spans = sorted(span for p in info.values() for span in p.spans)
    assert all(a[1] <= b[0] for a, b in zip(all_spans, all_spans[1:]))


def test_seed_part_boundaries(seed_texts):
    text = seed_texts["周营镇"]
    info = parts(text)
    # part 3 (leaders) comes first in 周营镇
    assert info["leaders"].spans[0][0] < info["measures"].spans[0][0]
    (start, end), = info["shortcomings"].spans
    assert text[start:].startswith("三、存在的不足")
    assert "问题整改情况如下" in text[start:end]
    (start, end), = info["next_year"].spans
    assert text[start:end].endswith("充分发挥助手作用。")  # signature block and date trimmed
    # 南郊镇: un-numbered headings, "2022年工作措施" is next year's plan
    text = seed_texts["南郊镇"]
    info = parts(text)
    assert text[info["measures"].spans[0][0]:].startswith("主要举措和成效")
    assert text[info["next_year"].spans[0][0]:].startswith("四、2022年工作措施")


def test_combined_heading_gives_two_parts(seed_texts):
    text = seed_texts["苏河镇"]
    secs = detect_sections(text)
    combined = [s for s in secs if len(s.part_ids) == 2]
    assert [(s.part_ids, s.heading) for s in combined] == [
        (("shortcomings", "next_year"), "六、存在问题及下一步工作计划")]
    info = parts(text, sections=secs)
    (s1, e1), = info["shortcomings"].spans
    (s2, e2), = info["next_year"].spans
    assert combined[0].start == s1 < e1 <= s2 < e2 == combined[0].end
    assert text[s2:].startswith("下一步，我镇将")
    # 苏河镇 has no "主要举措" heading: its 一、…五、 chapters are the measures
    assert "一、强化组织领导" in text[slice(*info["measures"].spans[0])]
    assert "五、强化普法教育" in text[slice(*info["measures"].spans[0])]


def test_shangjia_three_shortcomings(seed_texts):
    items = [s.sentence for s in shortcomings(seed_texts["商家镇"])]
    assert items == [
        "法治宣传教育工作的广度和深度不够，宣传方式和方法不够全面，宣传手段单一，大部分单位还停在“摆摊摊，发传单”的形式",
        "农村普法工作普遍薄弱，法治宣传教育针对性不强",
        "各部门联动机制不够健全，贯彻落实不够全面",
    ]


@pytest.mark.parametrize(
    "town,first,count",
    [
        ("南郊镇", "在法治政府建设工作推进过程中，个别党员干部不够重视", 3),  # inline 一是…；二是…；三是…
        ("十里亭镇", "在法治政府建设工作开展过程中", 2),  # numbered lines 1、 2、
        ("周营镇", "部分党员干部理论学习不够深入、不够系统", 3),  # 一是 lines after a preamble
        ("苏河镇", "存在尊法学法守法用法意识不强问题", 3),  # one sentence, three 存在… clauses
    ],
)
def test_seed_shortcomings(seed_texts, town, first, count):
    text = seed_texts[town]
    items = shortcomings(text)
    assert len(items) == count
    assert items[0].sentence.startswith(first)
    for item in items:
        assert text[item.start:item.end] == item.sentence
        assert not item.sentence.startswith(("一是", "二是", "1、"))


def test_shortcomings_exclude_next_year_plans(seed_texts):
    items = " ".join(s.sentence for s in shortcomings(seed_texts["苏河镇"]))
    assert "放管服" not in items and "下一步" not in items


def test_headings_markers():
    text = (
        "第一部分 总体情况\n一、主要举措和成效\n（一）加强普法。开展活动。\n1、宣传\n2. 培训\n（1）细项\n"
        "一是做好宣传。二是做好培训。\n存在的不足和原因\n2021年12月13日\n"
    )
    found = [(h.level, h.marker, h.text) for h in detect_headings(text)]
    assert found == [
        (1, "第一部分", "总体情况"), (1, "一、", "主要举措和成效"), (2, "（一）", "加强普法"),
        (3, "1、", "宣传"), (3, "2.", "培训"), (4, "（1）", "细项"), (5, "一是", "做好宣传"),
        (1, "", "存在的不足和原因"),
    ]
    for h in detect_headings(text):
        assert h.text in text[h.start:h.end] and text[h.start:h.end].startswith(h.marker)


WRITTEN = """关于2022年度法治政府建设情况的报告
第一部分 主要举措和成效
（一）加强普法宣传。全年开展普法活动。
（二）党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记带头述法。
（三）规范行政执法。严格执法。
第二部分 存在的问题
1. 普法形式单一，群众参与不多。
2. 执法人员不足。
第三部分 2023年工作安排
加强执法队伍建设。
第四部分 其他需要报告的情况
无。
"""


def test_written_report_with_leaders_as_subsection():
    info = parts(WRITTEN)
    assert {p for p, i in info.items() if i.present} == set(PARTS)
    (ls, le), = info["leaders"].spans
    assert WRITTEN[ls:le] == "（二）党政主要负责人履行推进法治建设第一责任人职责情况\n镇党委书记带头述法。"
    # measures is split around the leaders sub-section
    assert len(info["measures"].spans) == 2
    assert info["measures"].spans[0][1] <= ls < le <= info["measures"].spans[1][0]
    assert WRITTEN[slice(*info["other"].spans[0])].endswith("无。")
    assert [s.sentence for s in shortcomings(WRITTEN)] == ["普法形式单一，群众参与不多", "执法人员不足"]


def test_combined_unnumbered_heading_and_year_rules():
    text = (
        "2021年某镇法治政府建设报告\n一、2021年工作措施\n开展普法。\n二、存在问题和下一步打算\n"
        "一是宣传形式单一；二是执法力量薄弱。\n下一步，我镇将加强执法。\n"
    )
    secs = detect_sections(text)
    assert [s.part_ids for s in secs] == [("measures",), ("shortcomings", "next_year")]
    assert [s.sentence for s in shortcomings(text, sections=secs)] == ["宣传形式单一", "执法力量薄弱"]
    info = parts(text, sections=secs)
    assert text[slice(*info["next_year"].spans[0])] == "下一步，我镇将加强执法。"


def test_text_without_parts():
    info = parts("今天开了一个会。大家都发了言。")
    assert not any(i.present for i in info.values())
    assert shortcomings("今天开了一个会。") == []


def test_signature_is_trimmed_but_short_items_are_kept():
    text = "一、存在问题\n1、宣传形式单一\n2、执法力量薄弱\n\n某某镇人民政府\n2022年1月5日\n"
    (s, e), = parts(text)["shortcomings"].spans
    assert text[s:e].endswith("2、执法力量薄弱")
    assert [x.sentence for x in shortcomings(text)] == ["宣传形式单一", "执法力量薄弱"]


@pytest.mark.parametrize("town", list(EXPECTED_PARTS))
def test_seed_parts_after_normalisation(seed_texts, town):
    from analytics.normalize import normalize_text

    text = normalize_text(seed_texts[town])
    assert {p for p, i in parts(text).items() if i.present} == EXPECTED_PARTS[town]
    assert len(shortcomings(text)) == len(shortcomings(seed_texts[town]))
