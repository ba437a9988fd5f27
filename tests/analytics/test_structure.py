import pytest

from pathlib import Path

from analytics.structure import MAIN_PARTS, PARTS, detect_headings, detect_sections, not_a_report, parts, shortcomings

FOUR = {"measures", "shortcomings", "leaders", "next_year"}
THREE = {"measures", "shortcomings", "next_year"}
# 十里亭镇 reports its 第一责任人 duty inside part 1 ("（二）完善工作机制…一是压实法治建设第一责任人责任。"):
# present, 未单列. 苏河镇 never mentions the duty.
EXPECTED_PARTS = {"南郊镇": FOUR, "周营镇": FOUR, "商家镇": FOUR, "十里亭镇": FOUR, "苏河镇": THREE}
EMBEDDED = {"十里亭镇": {"leaders"}}


def test_part_ids():
    assert list(PARTS) == ["measures", "shortcomings", "leaders", "next_year", "other"]


@pytest.mark.parametrize("town", list(EXPECTED_PARTS))
def test_seed_parts_as_a_reader_sees_them(seed_texts, town):
    text = seed_texts[town]
    info = parts(text)
    assert set(info) == set(PARTS)
    assert {p for p, i in info.items() if i.present} == EXPECTED_PARTS[town]
    assert {p for p, i in info.items() if i.embedded} == EMBEDDED.get(town, set())
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
    # each item whole, with its detail (it used to be cut to its first sentence)
    items = [(s.kind, s.sentence) for s in shortcomings(seed_texts["商家镇"])]
    assert items == [
        ("problem", "法治宣传教育工作的广度和深度不够，宣传方式和方法不够全面，宣传手段单一，大部分单位还停在“摆摊摊，发传单”的形式。"
         "随着新媒体时代的到来，群众了解法律的途径越来越多元，运用新媒体手段开展法治宣传工作有待加强，"
         "利用大众关注度高的社会问题或具体化案例进行宣传教育的深度和广度还不够"),
        ("problem", "农村普法工作普遍薄弱，法治宣传教育针对性不强。对领导干部、企业人员、在校学生的法治宣传教育抓的比较紧，"
         "效果比较明显，对其他人员的法治宣传教育还不到位，无法做到面面俱到，影响了普法教育工作的效果"),
        ("problem", "各部门联动机制不够健全，贯彻落实不够全面。往往是各行其是，协调配合不够，没有很好的建立起部门之间的既监督又协同的关系"),
    ]


def test_nanjiao_item_keeps_its_detail(seed_texts):
    items = [s.sentence for s in shortcomings(seed_texts["南郊镇"])]
    assert "全镇整体法治文化阵地建设规模小、内容陈旧、形式单一" in items[1]
    assert items[1].startswith("法治文化建设水平不高。") and items[1].endswith("组织力度不够")
    assert "二是" not in items[0] and "三是" not in items[1]


def test_zhouying_cause_is_kept_apart(seed_texts):
    text = seed_texts["周营镇"]
    found = shortcomings(text)
    causes = [s for s in found if s.kind == "cause"]
    assert [c.sentence for c in causes] == [
        "由于当前乡镇工作压力大和任务繁重的实情，在学习研究上，在一定程度上还只是停留在“读”的层面，重点精读和拓展阅读的深度广度不够"
    ]
    problems = [s.sentence for s in found if s.kind == "problem"]
    assert problems[0] == "部分党员干部理论学习不够深入、不够系统"
    # the remedy closing the item ("还需进一步统筹…") and the 整改 paragraph are neither
    assert not any("还需进一步统筹" in s.sentence or "问题整改" in s.sentence for s in found)


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
    items = [s for s in shortcomings(text) if s.kind == "problem"]
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
    # under 第一部分, 一、 is the second level and the numbered levels below it move down one (1、 and （1） share
    # the fourth); a part-name line without a marker stays at the top
    assert found == [
        (1, "第一部分", "总体情况"), (2, "一、", "主要举措和成效"), (3, "（一）", "加强普法"),
        (4, "1、", "宣传"), (4, "2.", "培训"), (4, "（1）", "细项"), (5, "一是", "做好宣传"),
        (1, "", "存在的不足和原因"),
    ]
    without_parts = [(h.level, h.marker) for h in detect_headings(text.replace("第一部分 总体情况\n", ""))]
    assert without_parts[:5] == [(1, "一、"), (2, "（一）"), (3, "1、"), (3, "2."), (4, "（1）")]
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


# ---- layouts seen on unseen reports -----------------------------------------------------------
def present(info):
    return {p for p, i in info.items() if i.present}


HONGQI = """关于2022年度法治政府建设工作情况的报告
县委、县政府：
2022年，红旗镇在县委、县政府的坚强领导下，扎实推进法治政府建设。现将有关情况报告如下：
一法治政府建设基本情况及取得成效
（一）深化放管服改革。全年办理政务服务事项3200余件，群众满意率98%。
（二）规范行政执法。开展执法检查45次，办理行政处罚案件12件。
二存在的问题和不足
一是执法人员不足，专业素质不高；二是普法形式单一，群众参与度低。
三2023年工作打算
加强执法队伍建设，创新普法形式。
红旗镇人民政府
2023年2月10日
"""


def test_headings_without_punctuation():
    tops = [(h.marker, h.text) for h in detect_headings(HONGQI) if h.level == 1]
    assert tops == [("一", "法治政府建设基本情况及取得成效"), ("二", "存在的问题和不足"), ("三", "2023年工作打算")]
    info = parts(HONGQI)
    assert present(info) == THREE
    assert HONGQI[slice(*info["measures"].spans[0])].startswith("一法治政府建设基本情况及取得成效\n（一）深化放管服改革")
    assert HONGQI[slice(*info["next_year"].spans[0])] == "三2023年工作打算\n加强执法队伍建设，创新普法形式。"
    assert [s.sentence for s in shortcomings(HONGQI)] == ["执法人员不足，专业素质不高", "普法形式单一，群众参与度低"]


def test_numeral_without_punctuation_needs_a_part_name():
    text = "一年来，我镇扎实推进依法行政。\n一村一法律顾问实现全覆盖\n三项制度全面落实\n十分重视普法宣传\n"
    assert [h for h in detect_headings(text) if h.level == 1] == []


QINGSHAN = """青山乡2022年法治政府建设情况报告
2022年，青山乡党委、政府深入学习贯彻习近平法治思想，扎实推进法治政府建设，现将有关情况报告如下。
今年以来，我乡坚持依法行政，全面推进政务公开，全年主动公开政府信息210条，办理行政复议案件2件。组织开展“送法下乡”活动12场次，发放宣传资料5000余份。
存在的不足：乡村两级法治力量薄弱，专职法制员仅有1名；普法宣传针对性不强，线上宣传覆盖面不广。
2023年工作安排：一是加强法治队伍建设，配齐配强法制员；二是创新普法方式，推进“互联网+普法”。
"""


def test_inline_labels_name_parts():
    info = parts(QINGSHAN)
    assert present(info) == THREE
    (s, e), = info["shortcomings"].spans
    assert QINGSHAN[s:e].startswith("存在的不足：") and "2023年" not in QINGSHAN[s:e]
    (s, e), = info["next_year"].spans
    assert QINGSHAN[s:e].startswith("2023年工作安排：一是加强法治队伍建设")
    # the body before the labels is the measures part, without a heading of its own
    assert info["measures"].embedded and not info["shortcomings"].embedded
    assert QINGSHAN[slice(*info["measures"].spans[0])].startswith("今年以来，我乡坚持依法行政")
    assert [s.sentence for s in shortcomings(QINGSHAN)] == [
        "乡村两级法治力量薄弱，专职法制员仅有1名", "普法宣传针对性不强，线上宣传覆盖面不广"]


ZHAIZI = """寨子乡关于2021年度法治政府建设情况的报告
2021年，寨子乡扎实推进法治政府建设，现将有关情况报告如下：
全年开展法治宣传活动18场次，调处矛盾纠纷63件，调处成功率97%。组织乡村干部学法4次。
问题和不足一是基层法治人才缺乏；二是部分村干部依法办事意识不强。
工作打算：加强乡村法治人才培养，推进村级法律顾问全覆盖。
"""


def test_labels_without_colon_and_plain_plan_label():
    info = parts(ZHAIZI)
    assert present(info) == THREE
    assert ZHAIZI[slice(*info["shortcomings"].spans[0])].startswith("问题和不足一是")
    assert ZHAIZI[slice(*info["next_year"].spans[0])] == "工作打算：加强乡村法治人才培养，推进村级法律顾问全覆盖。"
    assert [s.sentence for s in shortcomings(ZHAIZI)] == ["基层法治人才缺乏", "部分村干部依法办事意识不强"]


def test_ordinary_sentences_with_colons_are_not_labels():
    text = (
        "一、主要举措和成效\n制定年度工作计划：明确12项重点任务。问题整改情况如下：已整改8项。\n"
        "工作中发现的问题：群众反映的3件事项已办结。\n"
    )
    assert present(parts(text)) == {"measures"}


RUNON = (
    "柳河街道办事处2021年度法治政府建设工作报告 2021年，柳河街道在区委、区政府的坚强领导下，坚持以习近平法治思想为指导，"
    "扎实推进法治政府建设各项工作，现将有关情况报告如下：一、工作开展情况（一）强化组织领导。街道党工委书记认真履行推进法治建设"
    "第一责任人职责，年初召开专题会议研究部署法治政府建设工作。（二）深化普法宣传。以“八五”普法为抓手，开展“送法进社区”活动46场次，"
    "发放宣传资料1.2万份，受教育群众3000余人次。（三）规范行政执法。全面落实行政执法“三项制度”，全年办理行政处罚案件37件，"
    "无一起被复议纠错。（四）化解矛盾纠纷。发挥人民调解作用，全年调解矛盾纠纷126件，调解成功率98%。"
    "（五）推进政务公开。全年主动公开政府信息320条，办理依申请公开事项6件，按时答复率100%，政务公开专栏每月更新。"
    "二、存在的问题和不足一是法治宣传形式单一，群众参与度不高，宣传效果不够明显；二是执法人员专业素质有待提高，持证率仅为78%，"
    "执法装备不足。三、下一步工作计划2022年，街道将持续深化法治政府建设，重点做好以下工作：一是加强学习培训，提升干部依法行政能力；"
    "二是创新普法形式，推进法治宣传进网格；三是规范执法行为，落实执法全过程记录。"
)


def test_run_on_report_on_one_line():
    assert "\n" not in RUNON
    found = [(h.level, h.marker, h.text) for h in detect_headings(RUNON) if h.level <= 2]
    assert found == [
        (1, "一、", "工作开展情况"), (2, "（一）", "强化组织领导"), (2, "（二）", "深化普法宣传"), (2, "（三）", "规范行政执法"),
        (2, "（四）", "化解矛盾纠纷"), (2, "（五）", "推进政务公开"), (1, "二、", "存在的问题和不足"), (1, "三、", "下一步工作计划"),
    ]
    info = parts(RUNON)
    # one passing mention of 第一责任人 is not a report on the duty
    assert present(info) == THREE
    assert RUNON[slice(*info["shortcomings"].spans[0])].startswith("二、存在的问题和不足一是")
    assert RUNON[slice(*info["next_year"].spans[0])].startswith("三、下一步工作计划2022年")
    assert [s.sentence for s in shortcomings(RUNON)] == [
        "法治宣传形式单一，群众参与度不高，宣传效果不够明显", "执法人员专业素质有待提高，持证率仅为78%，执法装备不足"]


def test_mid_line_numerals_that_break_the_sequence_are_not_headings():
    text = (
        "一、主要举措和成效\n我镇推进统一、规范的执法，做到以下几点：一、严格执法；二、文明执法。"
        "全年开展培训（一）期。\n二、存在问题\n执法力量不足。\n"
    )
    assert [(h.marker, h.text) for h in detect_headings(text) if h.level <= 2] == [("一、", "主要举措和成效"), ("二、", "存在问题")]


QIAOTOU = """桥头镇2022年度法治政府建设情况报告
2022年，桥头镇坚持以习近平法治思想为指导，全面推进依法行政。现将有关情况报告如下：
一、主要举措和成效
（一）压实法治建设责任。镇党委书记、镇长切实履行推进法治建设第一责任人职责，年内4次主持召开党委会专题研究法治建设工作。镇党政主要负责人带头讲法治课2次，并在年终述职中专门述法。
（二）推进严格规范公正文明执法。全镇23名执法人员全部持证上岗，全年办理行政处罚案件41件。
（三）加强普法宣传。开展“法律明白人”培训5期，培训240人次。
二、存在问题
一是执法力量薄弱；二是普法针对性不强。
三、2023年工作打算
加强执法队伍建设，深化“八五”普法。
"""


def test_leaders_duty_reported_inside_part_one():
    info = parts(QIAOTOU)
    assert present(info) == FOUR
    leaders = info["leaders"]
    assert leaders.embedded and not info["measures"].embedded
    (s, e), = leaders.spans
    assert QIAOTOU[s:e] == (
        "镇党委书记、镇长切实履行推进法治建设第一责任人职责，年内4次主持召开党委会专题研究法治建设工作。"
        "镇党政主要负责人带头讲法治课2次，并在年终述职中专门述法。"
    )
    # the passage counts for the leaders only
    assert all(e2 <= s or s2 >= e for s2, e2 in info["measures"].spans)
    assert leaders.chars == len(QIAOTOU[s:e])


def test_a_passing_mention_of_the_duty_is_not_the_part():
    text = QIAOTOU.replace(
        "（一）压实法治建设责任。镇党委书记、镇长切实履行推进法治建设第一责任人职责，年内4次主持召开党委会专题研究法治建设工作。"
        "镇党政主要负责人带头讲法治课2次，并在年终述职中专门述法。",
        "（一）压实法治建设责任。认真落实党政主要负责人履行推进法治建设第一责任人职责规定，年内4次召开专题会议研究法治建设工作。"
        "全年开展普法活动20场次。",
    )
    assert present(parts(text)) == THREE
    # nor is the duty named in the plan
    text = text.replace("加强执法队伍建设，深化“八五”普法。", "镇党委书记继续履行第一责任人职责，带头述法。镇长带头学法。")
    assert "leaders" not in present(parts(text))


def test_long_heading_glued_to_its_paragraph_by_normalisation():
    from analytics.normalize import normalize_text

    raw = (
        "丰乐镇2022年法治政府建设工作报告\n"
        "一、2022年度推进法治政府建设的主要举措和成效\n"
        "全年办理政务服务事项5600件，开展普法活动31场次。\n"
        "二、党政主要负责人履行推进法治建设第一责任人职责情况暨领导班子学法用法述法工作开展情况\n"
        "镇党委书记带头述法，全年主持召开党委会专题研究法治建设工作4次，镇长带头学法并为全镇干部讲授法治课2次，"
        "组织班子成员集中学法12次，推动领导干部学法用法制度化、常态化。\n"
        "三、存在的不足和原因\n"
        "一是执法人员不足；二是普法形式单一。\n"
    )
    text = normalize_text(raw)
    assert "工作开展情况镇党委书记带头述法" in text  # the heading is glued to its paragraph
    heads = {h.marker: h.text for h in detect_headings(text)}
    assert heads["二、"] == "党政主要负责人履行推进法治建设第一责任人职责情况暨领导班子学法用法述法工作开展情况"
    info = parts(text)
    assert {"measures", "leaders", "shortcomings"} <= present(info) and not info["leaders"].embedded
    assert text[slice(*info["leaders"].spans[0])].endswith("推动领导干部学法用法制度化、常态化。")


def test_heading_running_into_its_first_sentence():
    text = (
        "一、主要工作\n开展普法活动20场次。\n二、存在的问题\n宣传形式单一。\n"
        "三、下一步工作计划2023年，我镇将围绕法治政府建设目标，加强执法队伍建设。\n"
    )
    heads = [h.text for h in detect_headings(text) if h.level == 1]
    assert heads == ["主要工作", "存在的问题", "下一步工作计划"]
    info = parts(text)
    assert text[slice(*info["next_year"].spans[0])].startswith("三、下一步工作计划2023年，我镇将")


def test_combined_heading_split_mid_line():
    text = (
        "2021年柏树镇法治政府建设工作报告\n一、主要举措和成效\n开展普法活动20场次，办理行政处罚案件15件。\n"
        "二、存在问题及下一步打算\n"
        "我镇法治政府建设还存在一些短板：法治宣传形式单一，群众参与度不高；执法人员力量不足。"
        "下一步，我镇将创新宣传方式，充实执法力量。\n"
    )
    info = parts(text)
    (s1, e1), = info["shortcomings"].spans
    (s2, e2), = info["next_year"].spans
    assert e1 <= s2 and text[s2:e2] == "下一步，我镇将创新宣传方式，充实执法力量。"
    assert text[s1:e1].endswith("执法人员力量不足。")
    assert [s.sentence for s in shortcomings(text)] == ["法治宣传形式单一，群众参与度不高", "执法人员力量不足"]


def test_combined_heading_with_labels_inside():
    text = (
        "一、2022年工作开展情况\n开展普法活动20场次，办理行政处罚案件15件。\n"
        "二、存在的问题和2023年工作打算\n存在问题：执法装备不足，执法记录仪仅有2台。\n2023年工作打算：购置执法记录仪10台。\n"
    )
    info = parts(text)
    assert text[slice(*info["shortcomings"].spans[0])].endswith("执法记录仪仅有2台。")
    assert text[slice(*info["next_year"].spans[0])] == "2023年工作打算：购置执法记录仪10台。"


CHANGHE = """长河乡2022年法治政府建设工作报告
一、主要举措和成效
全年开展普法宣传活动32场次，办理行政许可事项860件。
二、存在的不足和原因
（一）存在的不足
1．法治宣传教育方式较为单一，群众参与积极性不高。
2．基层执法力量薄弱，执法人员持证率偏低。
（二）存在问题的原因
1．对法治宣传工作重视不够，投入经费不足。
2．受编制限制，执法人员长期不足，参加培训的机会少。
三、2023年工作安排
加强执法队伍建设，加大普法经费投入。
"""


def kinds(found):
    return [(s.kind, s.sentence) for s in found]


def test_causes_under_their_own_sub_heading():
    assert kinds(shortcomings(CHANGHE)) == [
        ("problem", "法治宣传教育方式较为单一，群众参与积极性不高"),
        ("problem", "基层执法力量薄弱，执法人员持证率偏低"),
        ("cause", "对法治宣传工作重视不够，投入经费不足"),
        ("cause", "受编制限制，执法人员长期不足，参加培训的机会少"),
    ]
    for s in shortcomings(CHANGHE):
        assert CHANGHE[s.start:s.end] == s.sentence


def test_causes_stated_inline():
    text = (
        "双溪镇2021年法治政府建设情况报告\n一、主要工作及成效\n全年开展普法活动25场次。\n二、存在的问题及原因\n"
        "一是普法宣传针对性不强，形式单一。究其原因，主要是宣传经费不足，专业人员缺乏。二是行政执法规范化水平不高。"
        "由于执法人员多为兼职，业务培训不够，执法文书制作不规范。\n三、2022年工作计划\n加大普法投入。\n"
    )
    assert kinds(shortcomings(text)) == [
        ("problem", "普法宣传针对性不强，形式单一"),
        ("cause", "主要是宣传经费不足，专业人员缺乏"),
        ("problem", "行政执法规范化水平不高"),
        ("cause", "由于执法人员多为兼职，业务培训不够，执法文书制作不规范"),
    ]


def test_causes_after_a_cause_label_in_prose():
    text = (
        "一、主要举措和成效\n开展普法活动25场次。\n二、存在的不足和原因\n"
        "我镇法治宣传覆盖面不广，农村群众法治意识不强。原因：一方面宣传力量分散，另一方面经费保障不足。"
        "受疫情影响，部分线下活动未能开展。\n三、下一步工作安排\n加强宣传。\n"
    )
    assert kinds(shortcomings(text)) == [
        ("problem", "我镇法治宣传覆盖面不广，农村群众法治意识不强"),
        ("cause", "一方面宣传力量分散"), ("cause", "另一方面经费保障不足"),  # two sides, two causes (as with ；)
        ("cause", "受疫情影响，部分线下活动未能开展"),
    ]


@pytest.mark.parametrize("opening", ["造成以上问题的原因：", "原因分析：", "究其原因，", "出现这些问题的原因主要是"])
def test_causes_in_their_own_paragraph_after_the_listed_problems(opening):
    text = (
        "青石镇2024年法治政府建设工作报告\n一、主要工作\n开展普法活动18场次。\n二、存在的不足\n"
        "一是行政执法人员数量不足。二是法治文化阵地建设滞后。三是村级事务依法管理水平不高。\n"
        f"{opening}一方面镇级财力紧张，投入有限；另一方面干部法治培训不系统，学用脱节。\n"
        "三、下一步工作打算\n加强执法队伍建设。\n"
    )
    found = kinds(shortcomings(text))
    assert [k for k, _ in found] == ["problem"] * 3 + ["cause"] * 2
    assert found[3][1].endswith("镇级财力紧张，投入有限") and found[4][1].endswith("干部法治培训不系统，学用脱节")
    assert not found[3][1].startswith(("原因", "究其", "造成", "出现"))


def test_numbered_causes_after_a_label_stay_causes():
    text = (
        "二、存在的问题\n一是普法形式单一，二是执法文书不规范，三是调解队伍不稳定。\n"
        "产生上述问题的原因：一是经费保障不足；二是专业人才缺乏。\n三、2025年工作安排\n加强培训。\n"
    )
    found = kinds(shortcomings(text))
    assert [k for k, _ in found] == ["problem"] * 3 + ["cause"] * 2
    assert found[3][1] == "经费保障不足" and found[4][1] == "专业人才缺乏"


@pytest.mark.parametrize("label", ["上述问题产生的原因，", "问题存在的原因：", "分析原因："])
def test_cause_labels_in_other_word_orders(label):
    text = ("二、存在的问题\n一是普法形式单一；二是执法文书不规范；三是调解队伍不稳定。\n"
            f"{label}一是经费保障不足；二是专业人才缺乏。\n三、下一步工作计划\n加强培训。\n")
    found = kinds(shortcomings(text))
    assert [k for k, _ in found] == ["problem"] * 3 + ["cause"] * 2 and found[3][1] == "经费保障不足"


@pytest.mark.parametrize("remedies", [
    "针对上述问题，我们将采取以下措施：一是加强干部培训，每年集中轮训两次；二是充实执法力量；三是增加经费投入。",
    "（三）整改措施\n一是加强干部培训，每年集中轮训两次；二是充实执法力量；三是增加经费投入。",
    "针对以上不足，我们将从以下方面改进。首先，加强干部培训。其次，充实执法力量。最后，增加经费投入。",
])
def test_remedies_after_the_causes_are_neither_problems_nor_causes(remedies):
    text = ("二、存在的问题和不足\n（一）主要问题\n1.普法针对性不强。\n2.执法力量薄弱。\n"
            "（二）原因分析\n一是重视程度不够；二是经费保障不足。\n"
            f"{remedies}\n三、2024年工作安排\n持续深化普法。\n")
    found = kinds(shortcomings(text))
    assert found == [("problem", "普法针对性不强"), ("problem", "执法力量薄弱"),
                     ("cause", "重视程度不够"), ("cause", "经费保障不足")]


def test_label_inside_a_measures_sub_section_takes_only_its_own_text():
    text = (
        "一、主要举措和成效\n（一）深化普法宣传\n开展普法活动20场次。\n（二）规范行政执法\n办理行政处罚案件15件。\n"
        "存在问题：执法人员不足，执法装备老化。\n（三）化解矛盾纠纷\n调解纠纷86件。全年办结信访事项12件。存在不足：调解员专业化程度不高。\n"
        "（四）推进政务公开\n公开政府信息150条。\n二、下一步工作计划\n加强执法队伍建设。\n"
    )
    info = parts(text)
    assert [text[s:e] for s, e in info["shortcomings"].spans] == [
        "存在问题：执法人员不足，执法装备老化。", "存在不足：调解员专业化程度不高。"]
    measures = "".join(text[s:e] for s, e in info["measures"].spans)
    assert "（三）化解矛盾纠纷" in measures and "（四）推进政务公开\n公开政府信息150条。" in measures


def test_label_starting_its_own_list():
    text = (
        "一、强化组织领导\n（一）健全工作机制\n成立依法治镇领导小组。\n（二）完善学法制度\n班子成员集体学法12次。\n"
        "存在的不足：法治宣传针对性不强。\n"
        "2023年工作安排：\n（一）加强学法用法\n组织集中学法6次。\n（二）规范执法行为\n开展执法案卷评查。\n"
    )
    info = parts(text)
    assert text[slice(*info["next_year"].spans[0])].endswith("开展执法案卷评查。")
    assert text[slice(*info["shortcomings"].spans[0])] == "存在的不足：法治宣传针对性不强。"
    assert text[slice(*info["measures"].spans[0])].endswith("班子成员集体学法12次。")


def read_written(name):
    from pathlib import Path

    from analytics.normalize import normalize_text

    return normalize_text((Path(__file__).parent / name).read_text(encoding="utf-8"))


def test_part_headings_in_lenticular_brackets_including_other_matters():
    text = ("龙潭镇2024年法治政府建设情况报告\n【主要举措及成效】\n全年开展普法12场。\n【存在的不足和原因】\n普法形式单一。\n"
            "【党政主要负责人履行推进法治建设第一责任人职责情况】\n书记带头讲法治课2次。\n【下一年度主要安排】\n深化普法。\n"
            "【其他需要报告的情况】\n2024年未发生行政诉讼败诉案件。\n龙潭镇人民政府\n2025年1月10日\n")
    found = parts(text)
    assert all(info.present for info in found.values())
    assert "2024年未发生" in text[slice(*found["other"].spans[0])]
    assert "未发生" not in "".join(text[a:b] for a, b in found["next_year"].spans)


def test_parts_numbered_as_chapters_with_a_cause_sub_section():
    # 第一部分…第四部分; the duty told in one sentence of part 1; causes after "究其原因，一是…"
    text = read_written("structure_shimen.txt")
    info = parts(text)
    assert present(info) == set(PARTS)
    assert info["leaders"].embedded
    assert text[slice(*info["leaders"].spans[0])] == (
        "乡党委书记、乡长切实履行推进法治建设第一责任人职责，全年召开党委会专题研究法治工作4次，主要负责人带头述法。")
    assert text[slice(*info["other"].spans[0])] == "第四部分 其他需要报告的情况\n无。"  # signature trimmed
    assert kinds(shortcomings(text)) == [
        ("problem", "部分村干部依法办事意识不强"),
        ("problem", "行政执法人员数量不足，执法能力有待提高"),
        ("cause", "学法培训形式单一，针对性不强"),
        ("cause", "乡级财力有限，执法装备投入不足"),
    ]


def test_markdown_headings_and_causes_after_each_problem():
    text = read_written("structure_changling.txt")
    info = parts(text)
    assert present(info) == FOUR and not any(i.embedded for i in info.values())
    assert kinds(shortcomings(text)) == [
        ("problem", "法治宣传教育的针对性和实效性有待增强"),
        ("cause", "宣传方式较为传统，新媒体运用不够"),
        ("problem", "基层执法力量较为薄弱"),
        ("cause", "受机构改革影响，执法人员调整较大，业务衔接不够顺畅"),
    ]


def test_arabic_numbered_parts():
    text = (
        "白沙镇2022年法治政府建设工作总结\n今年以来，白沙镇深入贯彻落实上级关于法治政府建设的决策部署，扎实推进依法行政。\n"
        "1.法治政府建设主要举措和成效\n（1）完善依法决策机制。全年经合法性审查的文件18件。\n（2）加强行政执法监督。组织执法人员培训4期。\n"
        "2.存在的问题和不足\n（1）部分干部法治思维不强。\n（2）执法人员力量不足。\n"
        "3.2023年工作计划\n（1）加强干部学法用法。\n（2）充实执法力量。\n"
    )
    # with no 一、 or （一） in the report, "1." "2." "3." are its top level
    assert [(h.marker, h.text) for h in detect_headings(text) if h.level == 1] == [
        ("1.", "法治政府建设主要举措和成效"), ("2.", "存在的问题和不足"), ("3.", "2023年工作计划")]
    info = parts(text)
    assert present(info) == THREE
    assert text[slice(*info["next_year"].spans[0])].startswith("3.2023年工作计划\n（1）加强干部学法用法")
    assert [s.sentence for s in shortcomings(text)] == ["部分干部法治思维不强", "执法人员力量不足"]


def test_district_report_with_other_matters_and_a_cause_inside_a_sentence():
    text = read_written("structure_longgang.txt")
    info = parts(text)
    assert present(info) == set(PARTS)  # 五、其他需要说明的事项
    assert kinds(shortcomings(text)) == [
        ("problem", "法治宣传覆盖面不广。部分偏远村组群众法治意识仍然淡薄"),
        ("cause", "普法力量下沉不够"),
        ("problem", "行政执法规范化水平有待提升。个别执法人员程序意识不强，执法文书制作不规范"),
        ("problem", "基层法治人才短缺"),
    ]


@pytest.mark.parametrize("joint", ["", " "])
@pytest.mark.parametrize("town", list(EXPECTED_PARTS))
def test_report_copied_as_one_run_on_line_reads_like_the_lined_report(seed_texts, town, joint):
    # a web page copy: every line break lost (or turned into a space), headings mid-line
    from analytics.normalize import normalize_text

    lined = normalize_text(seed_texts[town])
    run_on = joint.join(lined.split("\n"))
    a, b = parts(lined), parts(run_on)
    assert {p: (i.present, i.embedded) for p, i in b.items()} == {p: (i.present, i.embedded) for p, i in a.items()}
    assert kinds(shortcomings(run_on)) == kinds(shortcomings(lined))


def test_titled_items_keep_the_paragraphs_below_them():
    text = (
        "一、主要举措和成效\n开展普法活动20场次。\n二、存在的不足\n（一）法治宣传覆盖面不广\n"
        "部分偏远村组群众法治意识淡薄，主要原因是普法力量下沉不够。\n（二）执法力量薄弱\n全镇持证执法人员仅5名，难以满足执法需要。\n"
        "三、2023年工作打算\n加强执法队伍建设。\n"
    )
    assert kinds(shortcomings(text)) == [
        ("problem", "法治宣传覆盖面不广\n部分偏远村组群众法治意识淡薄"),
        ("cause", "普法力量下沉不够"),
        ("problem", "执法力量薄弱\n全镇持证执法人员仅5名，难以满足执法需要"),
    ]


@pytest.mark.parametrize("sep", ["、", "．", "，", ".", ""])
def test_top_level_headings_with_any_or_no_punctuation(sep):
    text = (
        f"桃源镇2022年法治政府建设情况报告\n一{sep}法治政府建设主要举措和成效\n开展普法活动20场次。\n"
        f"二{sep}存在的问题\n普法形式单一。\n三{sep}2023年工作打算\n加强普法。\n"
    )
    info = parts(text)
    assert present(info) == THREE
    assert text[slice(*info["measures"].spans[0])] == f"一{sep}法治政府建设主要举措和成效\n开展普法活动20场次。"


def test_arabic_top_level_headings_name_parts_loosely():
    text = (
        "石桥镇2021年度法治政府建设工作报告\n2021年，石桥镇认真贯彻落实法治政府建设的决策部署，现将有关情况报告如下。\n"
        "1.主要工作举措及成效\n（1）推进依法决策。全年重大行政决策事项7项均经合法性审查。\n（2）加强普法宣传。开展活动24场次。\n"
        "2.存在的问题\n一是干部学法用法的自觉性不够高；二是村级法律顾问作用发挥不充分。\n"
        "3.2022年工作打算\n进一步加强法治宣传教育，推进基层依法治理。\n"
    )
    info = parts(text)
    assert present(info) == THREE and not info["measures"].embedded  # "主要工作…" is not a strict part name


def test_a_shortcoming_typed_with_ascii_full_stops_loses_them():
    text = "二、存在的问题\n一是干部学法用法的自觉性不够高;二是村级法律顾问作用发挥不充分.\n三、下一步打算\n加强学习。\n"
    assert [s.sentence for s in shortcomings(text)] == ["干部学法用法的自觉性不够高", "村级法律顾问作用发挥不充分"]


NOT_REPORTS = Path(__file__).parent / "not_reports"


@pytest.mark.parametrize("name", ["notice_training.txt", "plan_pufa.txt", "news_lecture.txt"])
def test_a_notice_a_plan_and_a_news_item_are_not_annual_reports(name):
    from analytics.layout import parse_layout
    from analytics.metadata import infer_metadata
    from analytics.normalize import normalize_text

    text = normalize_text((NOT_REPORTS / name).read_text(encoding="utf-8"))
    title = infer_metadata(text, normalized=True).title
    note = not_a_report(parse_layout(text).parts, title=title)
    assert note is not None and "不太像法治政府建设年度报告" in note and f"标题“{title}”" in note


def test_every_seed_and_a_thin_report_are_annual_reports(seed_texts):
    from analytics.layout import parse_layout

    for town, text in seed_texts.items():
        assert not_a_report(parse_layout(text).parts) is None, town  # their parts alone, without the title
    body = "今年我乡开展普法宣传3次，调解纠纷5起。\n我乡将继续加强普法宣传，提升干部法治意识。"
    parsed = parse_layout(body).parts  # no headings, no cue: no part found
    assert sum(parsed[p].present for p in MAIN_PARTS) == 0
    # the title names a rule-of-law report: not flagged
    assert not_a_report(parsed, title="红岘乡2023年法治政府建设工作报告") is None
    assert not_a_report(parsed, title="红岘乡2023年依法治乡工作总结") is None
    # no title, or a title of another kind of document: flagged, with what was found
    assert "一个也没有找到" in not_a_report(parsed)
    assert "标题“红岘乡法治宣传月活动方案”" in not_a_report(parsed, title="红岘乡法治宣传月活动方案")
    one = {**parsed, "measures": parse_layout(SEED_LIKE).parts["measures"]}
    assert "只找到“主要举措和成效”" in not_a_report(one)


SEED_LIKE = "一、主要举措和成效\n今年开展普法宣传3次。\n二、存在的不足\n普法形式单一。"


def test_a_title_naming_another_kind_of_document_is_flagged_whatever_parts_are_found():
    from analytics.layout import parse_layout

    two = parse_layout("一、主要举措和成效\n今年开展普法宣传3次。\n二、存在的不足\n普法形式单一。").parts
    assert sum(two[p].present for p in MAIN_PARTS) == 2
    assert not_a_report(two) is None
    note = not_a_report(two, title="柏树湾镇人民政府关于印发《柏树湾镇2025年度普法依法治理工作方案》的通知")
    assert note is not None and "是一份通知" in note
    assert "是一份要点" in not_a_report(two, title="某某镇2024年普法依法治理工作要点")
    # a report sent out with a notice is still a report
    assert not_a_report(two, title="关于印发《龙潭乡2023年度法治政府建设情况报告》的通知") is None


@pytest.mark.parametrize("label", ["产生上述问题的原因：", "原因在于：", "究其原因，", "主要原因在于："])
def test_causes_on_both_sides_are_two_causes_without_the_label(label):
    text = ("杉木乡2023年法治政府建设年度报告\n一、主要举措和成效\n今年开展普法宣传12场。\n"
            "二、存在的不足和原因\n一是干部法治能力与工作要求还有差距。二是普法宣传的精准性不够。\n"
            f"{label}一方面，乡里对干部法治培训重视不够，学法考核偏重形式；另一方面，乡级财力有限，执法装备投入不足。\n"
            "三、下一年度工作安排\n继续加强普法宣传。")
    causes = [s.sentence for s in shortcomings(text) if s.kind == "cause"]
    assert causes == ["一方面，乡里对干部法治培训重视不够，学法考核偏重形式", "另一方面，乡级财力有限，执法装备投入不足"]


# A report whose measures have no heading of their own, with shortcomings under inline labels only (written for
# this test, after a probe report had its sections 三 to 六 in no part).
LABELS_INSIDE = (
    "青溪镇2024年法治政府建设情况报告\n县人民政府：\n现将我镇2024年法治政府建设工作情况报告如下。\n"
    "一、规范行政执法\n全年开展执法检查30次，立案查处违法案件12件。存在的不足：执法文书制作不够规范，执法程序有待完善。"
    "下一步，我镇将组织执法人员开展业务培训，进一步规范执法行为。\n"
    "二、加强法治宣传\n开展送法下乡活动8场次，发放宣传资料3000余份。\n"
    "三、推进依法决策\n聘请法律顾问1名，审查合同20份。\n"
    "青溪镇人民政府\n2025年1月8日\n"
)


def test_an_inline_shortcomings_label_does_not_end_the_measures():
    info = parts(LABELS_INSIDE)
    measures = "".join(LABELS_INSIDE[s:e] for s, e in info["measures"].spans)
    assert "二、加强法治宣传" in measures and "三、推进依法决策" in measures and "聘请法律顾问1名" in measures
    (s, e), = info["shortcomings"].spans
    assert LABELS_INSIDE[s:e] == "存在的不足：执法文书制作不够规范，执法程序有待完善。"  # not the plan after it
    assert "下一步，我镇将组织执法人员开展业务培训" in measures  # left to the section around the label
    assert not info["next_year"].present  # one remedy sentence is not a plans part
    assert [x.sentence for x in shortcomings(LABELS_INSIDE)] == ["执法文书制作不够规范，执法程序有待完善"]


# ---- probe 8 --------------------------------------------------------------------------------------------------
def _part_heads(text):
    return {pid: text[s:e].split("\n", 1)[0] for pid, info in parts(text).items() for s, e in info.spans}


def test_a_section_on_last_years_problems_put_right_is_work_not_shortcomings():
    text = "\n".join(["石岭镇2023年法治政府建设情况报告", "一、主要举措和成效", "全年开展普法宣传12场，发放资料3000份。",
                     "二、上年度存在问题整改落实情况", "一是充实执法力量，执法人员由5人增加到9人。二是立案查处违法建设案件18件。",
                     "三、存在的薄弱环节", "普法针对性有待增强，群众参与度不高。", "四、下步打算", "深化普法宣传，规范执法行为。"])
    heads = _part_heads(text)
    assert heads["shortcomings"] == "三、存在的薄弱环节" and heads["next_year"] == "四、下步打算"
    problems = [s.sentence for s in shortcomings(text) if s.kind == "problem"]
    assert problems and not any("执法人员由5人" in p or "立案查处" in p for p in problems)


def test_a_heading_naming_shortcomings_and_their_rectification_is_still_the_shortcomings():
    text = "\n".join(["石岭镇2023年法治政府建设情况报告", "一、主要举措和成效", "全年开展普法宣传12场。",
                     "二、存在的不足、原因和问题整改情况", "一是普法形式单一，群众参与度不高。", "三、下一步工作打算", "深化普法宣传。"])
    assert _part_heads(text)["shortcomings"] == "二、存在的不足、原因和问题整改情况"


def test_plan_periods_in_the_opening_do_not_make_next_years_plan_this_years_work():
    text = "\n".join(["石桥镇法治政府建设工作情况报告",
                      "2023年，我镇全面贯彻《法治政府建设实施纲要（2021—2025年）》《法治社会建设实施纲要（2020—2025年）》"
                      "和《法治乡村建设规划（2021—2025年）》，现将有关情况报告如下：",
                      "一、主要举措和成效", "全年开展执法检查100次，立案查处违法案件20件。", "二、存在的问题及原因", "执法力量不足。",
                      "三、2024年工作思路", "开展普法宣传40场，培育法律明白人100名。"])
    assert _part_heads(text)["next_year"] == "三、2024年工作思路"


@pytest.mark.parametrize("label", ["究其根源，主要是：", "究其根本，在于：", "存在上述问题，主要是：", "出现以上不足，主要在于："])
def test_causes_after_other_labels_are_kept_as_causes(label):
    text = "\n".join(["青山镇2023年法治政府建设情况报告", "一、主要举措和成效", "全年开展普法宣传12场。", "二、存在的不足及原因",
                     "一是执法力量不足，节假日执法覆盖不够。", "二是普法宣传形式单一，群众参与度不高。",
                     f"{label}执法专业人才短缺；部分村干部法治意识不强。", "三、下一步工作打算", "深化普法宣传。"])
    found = [(s.kind, s.sentence) for s in shortcomings(text)]
    assert [k for k, _ in found].count("problem") == 2
    causes = [s for k, s in found if k == "cause"]
    assert causes and "执法专业人才短缺" in causes[0] and any("法治意识不强" in c for c in causes)


def test_an_attachment_after_the_signature_belongs_to_no_part():
    text = "\n".join(["青山镇2023年法治政府建设情况报告", "一、主要举措和成效", "全年开展执法检查120次，立案查处违法案件16件。",
                     "二、存在的不足及原因", "执法力量不足。", "三、2024年工作安排", "开展普法活动30场。", "青山镇人民政府",
                     "2024年1月18日", "附件：2023年度行政执法主要数据统计表", "序号\t执法领域\t检查次数\t立案数",
                     "1\t违法建设\t48\t6", "2\t环境保护\t36\t4"])
    spans = parts(text)["next_year"].spans
    assert len(spans) == 1 and text[spans[0][0]:spans[0][1]] == "三、2024年工作安排\n开展普法活动30场。"


def test_a_leaders_personal_shufa_report_is_noted_but_a_joint_title_is_not():
    text = "\n".join(["区庄镇党委书记2023年度述法报告", "一、履行推进法治建设第一责任人职责情况", "本人认真履行第一责任人职责。",
                      "二、存在的不足", "学法不够系统。", "三、下一步打算", "带头学法用法。"])
    note = not_a_report(parts(text), title="区庄镇党委书记2023年度述法报告")
    assert note and "个人述法报告" in note
    assert not_a_report(parts(text), title="区庄镇2023年度法治政府建设暨主要负责人述法报告") is None


# ---- probe 9 --------------------------------------------------------------------------------------------------
def test_a_chinese_numeral_title_year_keeps_a_dated_measures_heading_in_measures():
    text = "\n".join(["白沙镇二〇二三年度法治政府建设情况报告", "二〇二三年，白沙镇扎实推进法治政府建设，较2022年取得新进展。",
                      "一、2023年度主要举措和成效", "全年开展执法检查80次。", "二、存在的问题", "执法力量不足。",
                      "三、2024年工作打算", "开展普法宣传20场。", "白沙镇人民政府", "二〇二四年一月十二日"])
    heads = _part_heads(text)
    assert heads["measures"] == "一、2023年度主要举措和成效" and heads["next_year"] == "三、2024年工作打算"


@pytest.mark.parametrize("heading", ["二、2022年度存在不足整改落实情况", "二、上年度短板弱项整改情况"])
def test_earlier_shortcomings_put_right_are_work(heading):
    text = "\n".join(["石岭镇2023年法治政府建设情况报告", "一、主要举措和成效", "全年开展普法宣传12场。", heading,
                     "执法人员由5人增加到9人。", "三、存在的不足", "普法针对性有待增强。", "四、下步打算", "深化普法宣传。"])
    assert _part_heads(text)["shortcomings"] == "三、存在的不足"


def test_causes_after_a_list_announcing_label_are_causes():
    text = "\n".join(["青山镇2023年法治政府建设情况报告", "一、主要举措和成效", "全年开展普法宣传12场。", "二、存在的不足及原因",
                     "一是执法力量不足。", "二是普法形式单一。", "究其原因，主要有以下几点：一是编制有限，人员补充不及时；二是普法经费保障不足。",
                     "三、下一步工作打算", "深化普法宣传。"])
    kinds = [s.kind for s in shortcomings(text)]
    assert kinds.count("problem") == 2 and kinds.count("cause") == 2


@pytest.mark.parametrize("tail", [["附：2023年度执法数据统计表", "违法建设\t48"], ["附表：执法数据", "违法建设\t48"]])
def test_an_appendix_opened_by_fu_belongs_to_no_part(tail):
    text = "\n".join(["青山镇2023年法治政府建设情况报告", "一、主要举措和成效", "全年开展执法检查120次。", "二、存在的不足",
                      "执法力量不足。", "三、2024年工作安排", "开展普法活动30场。", "青山镇人民政府", "2024年元月18日", *tail])
    (span,) = parts(text)["next_year"].spans
    assert text[span[0]:span[1]] == "三、2024年工作安排\n开展普法活动30场。"


_RUN_IN = """青石乡2023年法治政府建设工作情况报告

县委、县政府：
今年以来，青石乡围绕法治政府建设目标任务扎实推进各项工作，现报告如下。
一是法治政府建设工作开展情况。乡综合行政执法队全年开展执法巡查86次，立案查处违法建设案件12件，作出行政处罚决定9件；乡司法所组织“法律明白人”培训2期。
二是党政主要负责人履行推进法治建设第一责任人职责情况。乡党委书记主持召开党委会专题研究法治工作4次，乡长带头出庭应诉1次。
三是存在的不足。执法人员专业素质不高，部分案卷制作不规范；普法宣传针对性不强。
四是2024年工作打算。进一步规范执法程序，加强执法人员培训，深化“八五”普法。

青石乡人民政府
2024年1月5日
"""


def test_run_in_items_opening_the_paragraphs_stand_in_for_missing_part_headings():
    found = parts(_RUN_IN)
    assert [p for p in MAIN_PARTS if found[p].present and not found[p].embedded] == list(MAIN_PARTS)
    assert "执法巡查86次" in _RUN_IN[slice(*found["measures"].spans[0])]
    assert _RUN_IN[slice(*found["shortcomings"].spans[0])].rstrip().endswith("针对性不强。")
    assert {s.sentence for s in shortcomings(_RUN_IN)} == {"执法人员专业素质不高，部分案卷制作不规范", "普法宣传针对性不强"}


def test_bold_run_in_items_without_part_words_take_their_part_from_looser_words():
    text = ("柳林镇2024年法治政府建设情况报告\n"
            "**一是聚焦重点任务，各项举措落地见效。**全年办理行政处罚案件15件，开展普法活动6场。\n"
            "**二是压紧压实第一责任人职责。**镇党委书记带头述法。\n"
            "**三是直面短板弱项。**执法队伍力量薄弱，普法形式单一。\n"
            "**四是谋划来年工作。**2025年将开展执法培训2期。\n")
    found = parts(text)
    assert all(found[p].present for p in MAIN_PARTS)
    assert "处罚案件15件" in text[slice(*found["measures"].spans[0])]


@pytest.mark.parametrize("body", [
    # items that name no part: a list of measures, not the report's parts
    "一是加强组织领导，成立法治政府建设领导小组。\n二是强化普法宣传，开展活动12场。\n三是规范行政执法，查处案件8件。\n",
    # items inside paragraphs are items, whatever they name
    "一年来主要做了以下工作。一是存在的不足得到整改。二是下一步工作已有安排。三是第一责任人职责落实。\n",
    # items naming only one part
    "一是普法宣传方式单一的问题仍然存在。\n二是执法人员不足的问题依然突出。\n",
])
def test_run_in_items_are_not_promoted_unless_they_open_paragraphs_and_name_two_parts(body):
    text = "石门镇2023年法治政府建设情况报告\n" + body
    assert not any(h.level == 1 for h in detect_headings(text))


def _report(shortcomings_part: str) -> str:
    return ("石门镇2023年法治政府建设情况报告\n一、主要举措和成效\n全年开展普法活动12场，查处违法案件8件。\n"
            f"二、存在的问题\n{shortcomings_part}三、2024年工作打算\n继续深化普法。\n")


def test_a_problem_table_gives_its_problem_and_cause_columns():
    text = _report("对照要求，我镇还存在以下问题（见下表）。\n"
                   "序号\t问题表现\t产生原因\t整改措施\t完成时限\n"
                   "1\t普法宣传形式单一\t专职人员不足\t创新宣传形式\t2024年6月\n"
                   "2\t执法文书制作不规范\t业务培训不够\t开展案卷评查\t2024年9月\n"
                   "此外，村级法治阵地利用率不高。\n")
    got = [(s.kind, s.sentence) for s in shortcomings(text)]
    assert got == [("problem", "普法宣传形式单一"), ("cause", "专职人员不足"), ("problem", "执法文书制作不规范"),
                   ("cause", "业务培训不够"), ("problem", "此外，村级法治阵地利用率不高")]
    assert all(text[s.start:s.end] == s.sentence for s in shortcomings(text))


def test_a_table_without_header_or_with_bars_gives_one_problem_per_row():
    bare = _report("1\t法治宣传覆盖面不广\t加强宣传\n2\t行政执法人员持证率偏低\t组织考试\n")
    assert [s.sentence for s in shortcomings(bare)] == ["法治宣传覆盖面不广", "行政执法人员持证率偏低"]
    bars = _report("| 存在问题 | 原因分析 | 整改措施 |\n|---|---|---|\n| 普法阵地利用率低 | 管护责任不明 | 明确专人 |\n"
                   "| 执法装备不足 | 经费有限 | 争取资金 |\n")
    assert [(s.kind, s.sentence) for s in shortcomings(bars)] == [
        ("problem", "普法阵地利用率低"), ("cause", "管护责任不明"), ("problem", "执法装备不足"), ("cause", "经费有限")]


@pytest.mark.parametrize("intro", ["对照要求，我镇还存在以下问题。", "存在的问题主要有以下几点。",
                                   "工作中也存在一些问题和不足，主要表现在以下几个方面：", "主要问题见下表。"])
def test_a_sentence_that_only_announces_the_problems_is_not_one(intro):
    text = _report(f"{intro}\n普法宣传形式单一，群众参与度不高。\n执法文书制作不规范。\n")
    assert [s.sentence for s in shortcomings(text)] == ["普法宣传形式单一，群众参与度不高", "执法文书制作不规范"]


@pytest.mark.parametrize("label, part", [
    ("今年以来的主要做法和成效", "measures"), ("一年来工作开展情况", "measures"), ("过去一年的主要工作", "measures"),
    ("党政主要负责人履职情况", "leaders"), ("主要领导述法情况", "leaders"),
])
def test_label_lines_with_a_time_phrase_or_a_duty_wording_open_their_part(label, part):
    text = _report("执法人员不足。\n").replace("一、主要举措和成效\n", f"{label}：\n")
    assert parts(text)[part].present and not parts(text)[part].embedded


@pytest.mark.parametrize("item, expected", [
    ("一是执法力量相对不足，主要是编制紧张、人员流动大。", [("problem", "执法力量相对不足"), ("cause", "主要是编制紧张、人员流动大")]),
    ("一是执法人员不足。二是法治宣传覆盖面窄。问题的根源在于经费保障不到位。",
     [("problem", "执法人员不足"), ("problem", "法治宣传覆盖面窄"), ("cause", "经费保障不到位")]),
    # not a cause: where it shows, a list announced, the announcement of the problems themselves
    ("一是普法宣传不够深入，主要是在偏远村组覆盖不足。", [("problem", "普法宣传不够深入，主要是在偏远村组覆盖不足")]),
    ("我镇存在的问题，主要是执法力量不足和普法形式单一。", [("problem", "我镇存在的问题，主要是执法力量不足和普法形式单一")]),
    # nor a list of the kinds of dispute or petition: what the problem consists of, not why
    ("一是矛盾纠纷类型复杂，主要是宅基地、山林权属和赡养纠纷。二是调解员老化。",
     [("problem", "矛盾纠纷类型复杂，主要是宅基地、山林权属和赡养纠纷"), ("problem", "调解员老化")]),
    ("一是信访总量仍然较大，主要是征地拆迁、工资拖欠等方面的诉求。二是调解员老化。",
     [("problem", "信访总量仍然较大，主要是征地拆迁、工资拖欠等方面的诉求"), ("problem", "调解员老化")]),
    # a list of what is lacking is a cause
    ("一是矛盾纠纷化解难，主要是调解经费、人员、场地等保障不足。", [("problem", "矛盾纠纷化解难"), ("cause", "主要是调解经费、人员、场地等保障不足")]),
])
def test_a_cause_given_mid_sentence_after_zhuyaoshi_or_a_root(item, expected):
    assert [(s.kind, s.sentence) for s in shortcomings(_report(item + "\n"))] == expected


_PHRASED = """白沙乡2024年法治政府建设情况报告
县委、县政府：
2024年，白沙乡扎实推进法治政府建设，现将有关情况报告如下。
一年来，乡综合行政执法队开展执法巡查64次，办理行政处罚案件11件，下达责令改正通知书9份。乡司法所组织普法宣传活动15场，培育“法律明白人”32名。乡党委书记认真履行推进法治建设第一责任人职责，带头述法。
不过，我乡的工作与群众期待相比还有不少差距，主要表现在：执法人员专业素质不高，办案程序不够规范；普法宣传形式单一，覆盖面窄。
新的一年，我乡将重点抓好以下工作：开展执法人员轮训2期，举办普法活动20场，推动法治乡村建设再上新台阶。
白沙乡人民政府
2025年1月8日
"""


def test_phrases_opening_the_shortcomings_and_the_plan_stand_in_for_headings():
    found = parts(_PHRASED)
    assert found["shortcomings"].present and found["next_year"].present and found["measures"].present
    (s, e), = found["shortcomings"].spans
    assert _PHRASED[s:e].startswith("不过，我乡的工作") and "覆盖面窄" in _PHRASED[s:e] and "新的一年" not in _PHRASED[s:e]
    assert [x.sentence for x in shortcomings(_PHRASED)] == ["执法人员专业素质不高，办案程序不够规范", "普法宣传形式单一，覆盖面窄"]
    (s, e), = found["next_year"].spans
    assert _PHRASED[s:e].startswith("新的一年，我乡将") and "白沙乡人民政府" not in _PHRASED[s:e]


def test_the_same_phrases_in_one_run_on_paragraph():
    one_line = _PHRASED.replace("如下。\n", "如下。").replace("带头述法。\n", "带头述法。").replace("覆盖面窄。\n", "覆盖面窄。")
    found = parts(one_line)
    assert found["shortcomings"].present and found["next_year"].present
    assert len(shortcomings(one_line)) == 2


@pytest.mark.parametrize("opener, plan", [("2025年，我乡将", True), ("2024年，我乡将", False)])  # 2024: the report's year
def test_a_plan_phrase_with_a_year_needs_a_later_year(opener, plan):
    assert parts(_PHRASED.replace("新的一年，我乡将", opener))["next_year"].present is plan


def test_a_plan_sentence_opening_a_paragraph_in_the_first_half_stays_with_the_work():
    text = _PHRASED.replace("一年来，", "下一步，我乡将巩固执法巡查成果。\n一年来，").replace(
        "新的一年，我乡将重点抓好以下工作：", "")
    found = parts(text)
    assert not found["next_year"].present or "巩固执法巡查" not in text[slice(*found["next_year"].spans[0])]


def test_a_signature_run_on_after_the_last_sentence_of_a_one_line_report_is_no_part_of_it():
    text = ("河口镇2023年法治政府建设情况报告 县委、县政府：现将情况报告如下：一、主要举措及成效 全年办理行政处罚案件36件。"
            "二、存在的不足 执法力量相对不足。三、2024年工作思路 开展普法活动20场。河口镇人民政府 2024年1月8日\n")
    (s, e), = parts(text)["next_year"].spans
    assert text[s:e].endswith("开展普法活动20场。")


def test_causes_listed_after_a_label_in_one_paragraph_are_one_each():
    text = _report("第一，执法装备老化；第二，普法阵地利用率低。究其原因，一是经费保障有限；二是管护责任不明；三是考核约束不够。\n")
    assert [(s.kind, s.sentence) for s in shortcomings(text)] == [
        ("problem", "执法装备老化"), ("problem", "普法阵地利用率低"),
        ("cause", "经费保障有限"), ("cause", "管护责任不明"), ("cause", "考核约束不够")]


@pytest.mark.parametrize("opener", [
    "当然，我们也要看到，工作中还存在一些不容忽视的薄弱环节。",
    "然而对标上级考核要求，我乡依法行政水平仍有较大差距，集中表现在以下方面：",
    "回顾全年，我们也认识到法治建设还存在一些不足。",
])
def test_other_self_assessing_openers_open_the_shortcomings(opener):
    text = _PHRASED.replace("不过，我乡的工作与群众期待相比还有不少差距，主要表现在：", opener)
    assert [x.sentence for x in shortcomings(text)] == ["执法人员专业素质不高，办案程序不够规范", "普法宣传形式单一，覆盖面窄"]


@pytest.mark.parametrize("near_miss", [
    "组织执法案卷交叉评查，发现存在问题9个，主要是文书不规范，均已整改。",
    "设立村级议事点，村民有问题，比如宅基地纠纷，可以就近反映。",
])
def test_work_done_on_problems_does_not_open_the_shortcomings(near_miss):
    text = _PHRASED.replace("乡党委书记认真履行", near_miss + "乡党委书记认真履行")
    (s, e), = parts(text)["shortcomings"].spans
    assert text[s:e].startswith("不过，我乡的工作")


@pytest.mark.parametrize("opener", ["展望2025年，我乡将", "下阶段，我乡将", "在新的一年里，我乡将", "2025年是法治政府建设的关键之年，我乡将"])
def test_other_plan_openers(opener):
    found = parts(_PHRASED.replace("新的一年，我乡将", opener))
    assert found["next_year"].present


def test_a_plan_sentence_before_the_shortcomings_label_stays_with_the_work():
    text = _PHRASED.replace("带头述法。", "带头述法。下一步，我乡将在各村推广这一做法。").replace(
        "不过，我乡的工作与群众期待相比还有不少差距，主要表现在：", "存在的不足：").replace("\n", "")
    (s, e), = parts(text)["next_year"].spans
    assert text[s:e].startswith("新的一年，我乡将")


def test_problem_table_with_cause_columns_named_otherwise_and_a_merged_first_cell():
    text = _report("领域\t薄弱环节\t成因\t整改举措\n行政执法\t执法人员持证率偏低\t培训考核机会少\t组织专项培训\n"
                   "\t执法文书制作不规范\t缺少法制审核人员\t配备审核员\n")
    assert [(s.kind, s.sentence) for s in shortcomings(text)] == [
        ("problem", "执法人员持证率偏低"), ("cause", "培训考核机会少"),
        ("problem", "执法文书制作不规范"), ("cause", "缺少法制审核人员")]


@pytest.mark.parametrize("item, cause", [
    ("一是执法文书不够规范，根源在于执法人员法律素养不高。二是宣传覆盖面窄。", "执法人员法律素养不高"),  # the label stripped, as 原因在于
    ("一是法治宣传针对性不强，归根到底是对群众需求调研不够。二是执法装备陈旧。", "归根到底是对群众需求调研不够"),
])
def test_a_root_cause_given_mid_sentence(item, cause):
    assert [s.sentence for s in shortcomings(_report(item + "\n")) if s.kind == "cause"] == [cause]


def test_paragraphs_opened_by_shouxian_qici_stand_in_for_missing_part_headings():
    text = ("梅林镇2024年法治政府建设情况报告\n首先，全年工作开展情况。镇综合执法队查处违法建设案件11件，开展普法活动9场。\n"
            "其次，履行推进法治建设第一责任人职责情况。镇党委书记带头述法。\n再次，存在的主要问题。执法力量薄弱，普法形式单一。\n"
            "最后，2025年工作打算。组织执法培训2期。\n")
    found = parts(text)
    assert all(found[p].present and not found[p].embedded for p in MAIN_PARTS)
    assert [s.sentence for s in shortcomings(text)] == ["执法力量薄弱，普法形式单一"]
    listing = "梅林镇2024年法治政府建设情况报告\n首先，加强组织领导。成立领导小组。\n其次，强化普法宣传。开展活动9场。\n"
    assert not any(h.level == 1 for h in detect_headings(listing))  # a list of measures stays a list


# ---- probe 13 (own wordings; the probe's own texts are not used here) ------------------------------------------
_BODY13 = ("清水镇2024年法治政府建设情况报告\n一、主要举措和成效\n" + "全年办理行政处罚案件14件，举办法治讲座9场，调处纠纷52件。" * 3 + "\n")


@pytest.mark.parametrize("label", ["导致上述差距的原因：", "问题的成因主要有三点：", "分析成因，主要在于：", "造成这些弱项的主要原因有以下两个方面："])
def test_cause_labels_naming_what_they_explain_or_saying_chengyin(label):
    text = (_BODY13 + "二、存在的不足\n一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。\n"
            f"{label}一是培训投入有限；二是考核机制不健全。\n三、下一年度工作安排\n加强调解员培训。\n")
    found = [(s.kind, s.sentence) for s in shortcomings(text)]
    assert found == [("problem", "村级调解员业务能力偏弱"), ("problem", "法治宣传阵地利用率不高"),
                     ("cause", "培训投入有限"), ("cause", "考核机制不健全")]


@pytest.mark.parametrize("causes, expected", [
    ("究其原因，一方面是专职人员少，另一方面，经费保障跟不上。", ["一方面是专职人员少", "另一方面，经费保障跟不上"]),
    ("客观上，镇里缺少法律专业人才；主观上，部分干部重发展轻法治。", ["客观上，镇里缺少法律专业人才", "主观上，部分干部重发展轻法治"]),
])
def test_two_sides_of_the_causes_are_two_causes(causes, expected):
    text = (_BODY13 + "二、存在的不足\n一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。\n"
            f"{causes}\n三、下一年度工作安排\n加强调解员培训。\n")
    assert [s.sentence for s in shortcomings(text) if s.kind == "cause"] == expected


def test_one_more_problem_after_the_items_counts_but_a_comment_on_them_does_not():
    text = (_BODY13 + "二、存在的不足\n一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。\n"
            "另外，少数村的村规民约与法律法规衔接不够。\n以上问题需要在今后工作中认真加以解决。\n"
            "三、下一年度工作安排\n加强调解员培训。\n")
    assert [s.sentence for s in shortcomings(text)] == [
        "村级调解员业务能力偏弱", "法治宣传阵地利用率不高", "另外，少数村的村规民约与法律法规衔接不够"]


@pytest.mark.parametrize("heading", ["二、主要领导履职尽责情况", "二、“一把手”履行推进法治建设职责情况",
                                     "二、领导班子履行法治建设职责情况"])
def test_leaders_headings_without_diyizerenren(heading):
    text = (_BODY13 + f"{heading}\n镇党委书记主持召开法治专题会议3次，带头述法。\n三、存在的不足\n普法形式单一。\n"
            "四、下一年度工作安排\n创新普法形式。\n")
    info = parts(text)
    assert info["leaders"].present and not info["leaders"].embedded
    assert "镇党委书记主持召开" in text[slice(*info["leaders"].spans[0])]


def test_a_leaders_like_subheading_about_ability_is_not_the_leaders_part():
    text = _BODY13 + "（一）提升领导干部依法履职能力\n组织法治培训2次。\n二、存在的不足\n普法形式单一。\n"
    assert not parts(text)["leaders"].present or parts(text)["leaders"].embedded


@pytest.mark.parametrize("opener", ["对照以上不足，下步打算：", "针对存在的短板，下一步我乡将："])
def test_a_plan_list_announced_after_an_inline_shortcomings_label_is_the_plans_part(opener):
    text = ("清水镇2024年法治政府建设情况报告\n一、主要举措和成效\n" + "全年办理行政处罚案件14件，举办法治讲座9场。" * 3 + "\n"
            "二、党政主要负责人履职情况\n镇党委书记全年研究法治工作4次。存在的不足：一是调解员业务偏弱；二是宣传阵地利用率不高。"
            f"{opener}一是开展调解员轮训不少于2次；二是盘活宣传阵地。\n清水镇人民政府\n2025年1月10日\n")
    info = parts(text)
    assert info["next_year"].present
    plan = text[slice(*info["next_year"].spans[0])]
    assert opener.endswith(plan[: plan.index("：") + 1]) and plan.endswith("二是盘活宣传阵地。")
    assert [s.sentence for s in shortcomings(text)] == ["调解员业务偏弱", "宣传阵地利用率不高"]


@pytest.mark.parametrize("contact", ["联系人：王敏，联系电话：0736-5521830", "（联系电话：13807361234）", "电话：0736-5521830"])
def test_a_contact_line_after_the_signature_is_not_part_of_the_last_part(contact):
    text = _BODY13 + "二、存在的不足\n普法形式单一。\n三、下一年度工作安排\n创新普法形式。\n清水镇人民政府\n2025年1月10日\n"
    with_contact = parts(text + contact + "\n")["next_year"]
    assert with_contact.spans == parts(text)["next_year"].spans
    assert text[slice(*with_contact.spans[0])].endswith("创新普法形式。")


def test_a_short_reports_plan_opener_after_a_titled_shortcomings_part_may_sit_in_the_first_half():
    text = ("柳塘乡2024年法治政府建设情况报告\n一、主要工作\n全年开展送法下乡活动8场，办理行政处罚案件5件。\n"
            "二、存在的问题\n法治宣传覆盖面不广，执法人员业务能力不强。\n"
            "下阶段，我乡将重点做好以下工作：一是开展送法下乡活动不少于10场，把法治宣传送到每个村民小组；二是组织执法人员轮训1次，"
            "提升执法人员业务能力；三是指导各村完善村规民约，推进法治乡村建设。\n"
            "柳塘乡人民政府\n2025年1月9日\n")
    assert text.index("下阶段") < len(text) // 2
    info = parts(text)
    assert info["next_year"].present and text[slice(*info["next_year"].spans[0])].startswith("下阶段，我乡将")
    assert [s.sentence for s in shortcomings(text)] == ["法治宣传覆盖面不广，执法人员业务能力不强"]


def test_a_problem_paragraph_before_the_items_counts_but_an_announcement_does_not():
    text = (_BODY13 + "二、存在的不足\n对照县委县政府的要求，我镇法治建设还存在一些薄弱环节，主要体现在：\n"
            "村级法律顾问作用发挥不充分，群众知晓率偏低。\n一是调解员年龄偏大；二是执法辅助人员流动频繁。\n"
            "三、下一年度工作安排\n加强调解员培训。\n")
    assert [s.sentence for s in shortcomings(text)] == [
        "村级法律顾问作用发挥不充分，群众知晓率偏低", "调解员年龄偏大", "执法辅助人员流动频繁"]


def test_problems_as_plain_paragraphs_before_numbered_causes():
    text = (_BODY13 + "二、存在的不足\n执法力量与承接的执法事项不相适应，持证执法人员仅9名。\n"
            "部分村的村规民约长期未修订，与现行法律衔接不够。\n"
            "究其原因：一是编制有限；二是指导不到位。\n三、下一年度工作安排\n加强调解员培训。\n")
    assert [(s.kind, s.sentence) for s in shortcomings(text)] == [
        ("problem", "执法力量与承接的执法事项不相适应，持证执法人员仅9名"),
        ("problem", "部分村的村规民约长期未修订，与现行法律衔接不够"),
        ("cause", "编制有限"), ("cause", "指导不到位")]


# ---- probe 14: the same phenomena in other wordings (own texts) ----------------------------------------------
@pytest.mark.parametrize("heading", ["三、乡党委书记履行推进法治建设职责情况", "三、街道党工委书记述法情况",
                                     "三、镇长履行法治政府建设职责情况"])
def test_leaders_headings_that_open_with_the_leader(heading):
    text = (_BODY13 + "二、存在的不足\n普法形式单一。\n" + heading + "\n党委书记带头述法，主持专题会议3次。\n"
            "四、下一年度工作安排\n创新普法形式。\n")
    info = parts(text)
    assert info["leaders"].present and text[slice(*info["leaders"].spans[0])].startswith(heading)


@pytest.mark.parametrize("sub", ["（一）推动领导班子成员履行法治建设职责", "（一）督促镇长履行法治政府建设职责"])
def test_a_measure_about_leaders_duty_is_not_the_leaders_part(sub):
    text = (_BODY13.replace("一、主要举措和成效\n", "一、主要举措和成效\n" + sub + "\n")
            + "二、存在的不足\n普法形式单一。\n三、下一年度工作安排\n创新普法形式。\n")
    info = parts(text)
    assert not info["leaders"].present or info["leaders"].embedded
    assert text[slice(*info["measures"].spans[0])].startswith("一、主要举措和成效")


@pytest.mark.parametrize("label", ["问题的症结：", "原因有二：", "查找原因，主要有以下两个方面：", "形成上述差距的深层次原因在于："])
def test_cause_labels_built_from_label_words(label):
    text = (_BODY13 + "二、存在的不足\n一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。\n"
            f"{label}一是培训投入有限；二是考核机制不健全。\n三、下一年度工作安排\n加强调解员培训。\n")
    assert [s.kind for s in shortcomings(text)] == ["problem", "problem", "cause", "cause"]


@pytest.mark.parametrize("join", ["为此，我乡将着力做好以下工作：", "接下来，我们打算：", "对照问题清单，下步重点抓好三项工作："])
def test_a_plan_list_after_an_inline_label_with_other_joins(join):
    text = ("清水镇2024年法治政府建设情况报告\n一、主要举措和成效\n" + "全年办理行政处罚案件14件，举办法治讲座9场。" * 3 + "\n"
            "二、党政主要负责人履职情况\n镇党委书记全年研究法治工作4次。存在的不足：一是调解员业务偏弱；二是宣传阵地利用率不高。"
            f"{join}一是开展调解员轮训不少于2次；二是盘活宣传阵地。\n清水镇人民政府\n2025年1月10日\n")
    assert parts(text)["next_year"].present
    assert [s.sentence for s in shortcomings(text)] == ["调解员业务偏弱", "宣传阵地利用率不高"]


def test_a_forecast_and_a_single_remedy_in_a_short_report_are_not_a_plans_part():
    forecast = (_BODY13 + "二、存在的不足\n一是调解员业务偏弱；二是宣传阵地利用率不高。\n"
                "今后，随着人口流入，矛盾纠纷将日益增多，调解压力将更加突出。\n清水镇人民政府\n2025年1月10日\n")
    assert not parts(forecast)["next_year"].present
    remedy = ("清水镇2024年法治政府建设情况报告\n一、主要工作\n全年举办法治讲座9场，办理案件4件。存在的不足：调解员业务偏弱。"
              "下一步，我镇将加强调解员培训。\n")
    assert not parts(remedy)["next_year"].present


@pytest.mark.parametrize("item, problems", [
    ("再有，少数村务监督委员会履职不到位。", 3),
    ("同时，执法记录仪配备数量偏少。", 3),
    ("同时，上述问题在全县乡镇中也普遍存在。", 2),  # about the problems above
])
def test_other_connectives_add_a_problem_but_a_sentence_about_the_problems_does_not(item, problems):
    text = (_BODY13 + "二、存在的不足\n一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。\n" + item + "\n"
            "三、下一年度工作安排\n加强调解员培训。\n")
    assert [s.kind for s in shortcomings(text)].count("problem") == problems


@pytest.mark.parametrize("item, causes", [
    ("一是信访总量较大，主要是征地补偿、劳资等领域。二是调解员老化。", 0),
    ("一是案件类型多样，主要是治安、民事两大类。二是调解员老化。", 0),
    ("一是宣传效果不佳，主要是宣传内容与群众需求脱节。二是调解员老化。", 1),
])
def test_zhuyaoshi_lists_of_fields_or_classes_are_not_causes(item, causes):
    assert [s.kind for s in shortcomings(_report(item + "\n"))].count("cause") == causes


@pytest.mark.parametrize("causes, n", [
    ("究其原因，一方面镇里专职人员少，另一方面缺少专项经费。", 2),
    ("这些问题的出现，既有地处偏远的客观原因，也有重视不够的主观原因。", 2),
])
def test_two_sides_without_shi_and_jiyou_yeyou(causes, n):
    text = (_BODY13 + "二、存在的不足\n一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。\n"
            f"{causes}\n三、下一年度工作安排\n加强调解员培训。\n")
    assert [s.kind for s in shortcomings(text)].count("cause") == n


# ---- probe 15 (own wordings) ------------------------------------------------------------------------------
@pytest.mark.parametrize("label", ["深挖原因，主要有以下两点：", "探究产生上述短板的根源，在于：", "分析差距背后的原因，主要是："])
def test_a_sentence_opening_with_a_cause_label_gives_causes(label):
    text = (_BODY13 + "二、存在的不足\n一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。\n"
            f"{label}一是培训投入有限；二是考核机制不健全。\n三、下一年度工作安排\n加强调解员培训。\n")
    assert [s.kind for s in shortcomings(text)] == ["problem", "problem", "cause", "cause"]


def test_a_plan_announced_in_the_paragraph_after_an_inline_shortcomings_label():
    text = ("清水镇2024年法治政府建设情况报告\n一、主要举措和成效\n" + "全年办理行政处罚案件14件，举办法治讲座9场。" * 3 + "\n"
            "镇党委书记全年研究法治工作4次。存在的不足：一是调解员业务偏弱；二是宣传阵地利用率不高。\n"
            "对此，我镇打算：一是开展调解员轮训不少于2次；二是盘活宣传阵地。\n清水镇人民政府\n2025年1月10日\n")
    info = parts(text)
    assert info["next_year"].present and text[slice(*info["next_year"].spans[0])].startswith("对此，我镇打算：")
    assert [s.sentence for s in shortcomings(text)] == ["调解员业务偏弱", "宣传阵地利用率不高"]


@pytest.mark.parametrize("heading", ["三、乡党委书记带头抓法治建设情况", "三、镇长担当法治政府建设责任情况"])
def test_leaders_headings_with_other_duty_verbs(heading):
    text = (_BODY13 + "二、存在的不足\n普法形式单一。\n" + heading + "\n党委书记带头述法。\n四、下一年度工作安排\n创新普法形式。\n")
    assert parts(text)["leaders"].present


def test_a_plan_opened_by_entering_the_next_year():
    text = ("柳塘乡2024年法治政府建设情况报告\n一、主要工作\n全年开展送法下乡活动8场。\n二、存在的问题\n法治宣传覆盖面不广。\n"
            "迈入2025年，我乡将重点做好以下工作：一是开展送法下乡活动不少于10场，把法治宣传送到每个村民小组；"
            "二是组织执法人员轮训1次，提升执法能力；三是指导各村完善村规民约。\n")
    assert parts(text)["next_year"].present


@pytest.mark.parametrize("item", ["另，村级法律顾问坐班制度落实不到位。", "此外还要看到，村规民约修订滞后。",
                                  "除以上问题外，执法记录仪使用不规范。"])
def test_more_openings_of_one_more_problem(item):
    text = (_BODY13 + "二、存在的不足\n一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。\n" + item + "\n"
            "三、下一年度工作安排\n加强调解员培训。\n")
    assert [s.kind for s in shortcomings(text)].count("problem") == 3


def test_one_more_problem_after_an_inline_item_list_is_its_own_problem():
    text = ("清水镇2024年法治政府建设情况报告\n一、主要举措和成效\n" + "全年办理行政处罚案件14件，举办法治讲座9场。" * 3
            + "存在的不足：一是调解员业务偏弱；二是宣传阵地利用率不高。另外，执法记录仪配备不足。\n"
            "二、下一年度工作安排\n加强调解员培训。\n")
    assert [s.sentence for s in shortcomings(text)] == ["调解员业务偏弱", "宣传阵地利用率不高", "另外，执法记录仪配备不足"]


# ---- probe 16 (own wordings) ------------------------------------------------------------------------------
_SHORT16 = "二、存在的不足\n一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。\n"
_PLAN16 = "三、下一年度工作安排\n加强调解员培训。\n"


@pytest.mark.parametrize("plan", ["下一步，我乡将着重抓好两项工作：一是轮训调解员；二是盘活宣传阵地。",
                                  "为此，我们准备：一是轮训调解员；二是盘活宣传阵地。"])
def test_a_problems_label_paragraph_under_a_combined_heading_leaves_the_plans_to_the_plans_part(plan):
    text = (_BODY13 + "二、存在的问题和下一步打算\n主要问题：一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。\n"
            + plan + "\n三、党委书记履行推进法治建设第一责任人职责情况\n党委书记带头述法。\n")
    info = parts(text)
    assert info["next_year"].present and text[slice(*info["next_year"].spans[0])].startswith(plan[:6])
    assert [s.sentence for s in shortcomings(text)] == ["村级调解员业务能力偏弱", "法治宣传阵地利用率不高"]


def test_a_problems_label_under_a_combined_heading_without_a_plan_keeps_the_problems():
    text = (_BODY13 + "二、存在的问题和下一步打算\n主要问题：一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。\n"
            "针对上述问题，我乡已于10月组织调解员集中培训，部分问题已整改到位。\n")
    assert [s.sentence for s in shortcomings(text)] == ["村级调解员业务能力偏弱", "法治宣传阵地利用率不高"]


@pytest.mark.parametrize("cause, n", [
    ("深究原因，主要是培训投入有限。", 1),  # any verb before the cause word
    ("梳理根源，主要有二：一是培训投入有限；二是考核机制不健全。", 2),
    ("这些短板的症结在于乡级财力薄弱。", 1),  # no comma or colon after the label
    ("上述不足主要源于专职人员流动频繁。", 1),
    ("追根究底，在于乡村两级法治投入不足。", 1),  # an idiom of tracing causes, with no cause word
    ("究其原因，主要是培训投入有限。\n从深层次看，乡村两级法治工作考核机制还不健全。", 2),  # a cause paragraph of its own
])
def test_cause_openers_with_other_verbs_and_a_deeper_level(cause, n):
    text = _BODY13 + _SHORT16 + cause + "\n" + _PLAN16
    got = [s.kind for s in shortcomings(text)]
    assert got.count("problem") == 2 and got.count("cause") == n


@pytest.mark.parametrize("item", ["此外需要引起重视的是，村规民约修订滞后。", "还有一点，执法记录仪使用不规范。"])
def test_one_more_problem_after_a_connective_with_a_short_filler(item):
    text = _BODY13 + _SHORT16 + item + "\n" + _PLAN16
    assert [s.kind for s in shortcomings(text)].count("problem") == 3


@pytest.mark.parametrize("below, problems", [
    ("村级法律图书角长期闲置。乡综合执法队办案系统应用还需进一步提升，网上办案比例偏低。\n", 4),
    ("以上问题在一定程度上影响了法治建设成效。\n", 2),  # about the problems above
    ("继续发挥司法所作用，引导群众通过法律途径解决实际问题。\n", 2),  # work, not a problem
])
def test_problem_paragraphs_below_the_items_count_but_comments_and_work_do_not(below, problems):
    text = _BODY13 + _SHORT16 + below + _PLAN16
    assert [s.kind for s in shortcomings(text)].count("problem") == problems


def test_a_problem_under_a_label_of_its_own_counts_beside_an_itemised_label():
    text = (_BODY13 + "二、存在的不足\n薄弱环节：乡司法所仅有工作人员1名，力量薄弱。\n"
            "主要差距：一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。\n" + _PLAN16)
    assert [s.kind for s in shortcomings(text)].count("problem") == 3


def test_a_first_responsibility_for_work_safety_is_not_the_leaders_part():
    measures = ("石门镇2023年法治政府建设情况报告\n一、主要举措和成效\n全年开展普法活动12场，查处违法案件8件。\n"
                "（二）压实安全生产第一责任人责任\n督促辖区企业主要负责人落实安全生产第一责任人责任，镇长带队检查企业36家，"
                "党委书记专题研究安全生产工作4次。\n")
    assert not parts(measures + "二、存在的问题\n普法形式单一。\n")["leaders"].present
    duty = measures.replace("安全生产第一责任人", "推进法治建设第一责任人").replace("安全生产工作", "法治建设工作")
    assert parts(duty + "二、存在的问题\n普法形式单一。\n")["leaders"].present


@pytest.mark.parametrize("opener", ["2025年，我乡法治建设的工作思路是：", "新的一年，全镇法治政府建设的目标是："])
def test_a_plan_opened_by_the_year_s_approach_or_aim(opener):
    text = ("柳塘乡2024年法治政府建设情况报告\n一、主要工作\n全年开展送法下乡活动8场。\n二、存在的问题\n法治宣传覆盖面不广。\n"
            f"{opener}以群众需求为导向，开展送法下乡活动不少于10场；组织执法人员轮训1次；指导各村完善村规民约。\n")
    assert parts(text)["next_year"].present


# ---- probe 17 (own wordings) ------------------------------------------------------------------------------
def test_parts_headed_dixbufen_run_on_past_their_yi_sub_headings():
    text = ("白沙镇2024年法治政府建设工作报告\n第一部分 主要工作和成效\n一、强化学法\n全年组织镇干部集中学法10次。\n"
            "二、严格执法\n办理行政处罚案件18件。\n第二部分 存在的不足\n一、调解队伍老化\n部分调解员年龄偏大，业务不熟。\n"
            "二、法治阵地利用不足\n村级法治书屋开放时间短。\n第三部分 2025年工作打算\n一、抓培训\n年内轮训调解员2期。\n"
            "二、抓阵地\n新建法治文化广场1个。\n")
    info = parts(text)
    assert text[slice(*info["next_year"].spans[0])].endswith("新建法治文化广场1个。")
    assert text[slice(*info["shortcomings"].spans[0])].endswith("村级法治书屋开放时间短。")
    got = [s.sentence for s in shortcomings(text)]  # a titled item is one problem: its title and what follows
    assert len(got) == 2 and got[0].startswith("调解队伍老化") and got[1].startswith("法治阵地利用不足")


@pytest.mark.parametrize("heading", ["二、存在问题及整改情况", "二、存在的问题和整改落实情况"])
def test_problems_and_their_rectification_is_the_shortcomings_part(heading):
    text = (_BODY13 + heading + "\n一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。\n" + _PLAN16)
    assert parts(text)["shortcomings"].present and len(shortcomings(text)) == 2
    earlier = _BODY13 + "二、上年度存在问题整改情况\n上年指出的执法文书不规范问题已整改。\n" + _PLAN16
    assert not parts(earlier)["shortcomings"].present  # an earlier year's problems put right: work done


@pytest.mark.parametrize("causes, n", [
    ("由于乡里编制有限，专职法治人员少。部分村干部重经济轻法治，对法治工作重视不够。", 2),  # the paragraph gives causes
    ("之所以这样，是因为乡里投入长期偏少。", 1),  # the opener cut off before ，是因为 is no problem
    ("原因剖析\n乡村两级对法治工作重视程度不一。\n法治工作力量分散。", 2),
    ("从主观上找原因，是学习不够深入；从客观上找原因，是人员编制紧张。", 2),
])
def test_cause_paragraphs_and_labels_in_more_forms(causes, n):
    text = _BODY13 + _SHORT16 + causes + "\n" + _PLAN16
    got = [s.kind for s in shortcomings(text)]
    assert got.count("problem") == 2 and got.count("cause") == n


@pytest.mark.parametrize("problem", ["村级组织依法办事能力较弱。", "执法装备老化。", "法律服务跟不上群众需要。"])
def test_problems_stated_with_comparative_or_wear_words(problem):
    text = _BODY13 + "二、存在的不足\n法治宣传的针对性不强。" + problem + "\n" + _PLAN16
    assert len(shortcomings(text)) == 2


def test_a_combined_problems_and_plans_heading_over_problems_only_has_no_plans_part():
    text = _BODY13 + "二、存在问题及今后打算\n一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。\n"
    assert parts(text)["shortcomings"].present and not parts(text)["next_year"].present
    with_plan = text + "下一步，我镇将轮训调解员。\n"
    assert parts(with_plan)["next_year"].present


def test_another_first_responsibility_beside_the_law_duty_is_not_the_leaders_part():
    head = "石门镇2023年法治政府建设情况报告\n一、主要举措和成效\n全年开展普法活动12场，查处违法案件8件。"
    river = "镇党委书记担任镇级总河长，履行河湖管理第一责任人职责，巡河15次。"
    law = "镇党委书记认真履行推进法治建设第一责任人职责，全年主持研究法治工作3次。镇长带头述法。"
    text = head + river + law + "\n二、存在的问题\n普法形式单一。\n"
    info = parts(text)["leaders"]
    assert info.present and info.embedded
    assert text[slice(*info.spans[0])] == law
    # a river chief's duty and a leader's attendance are no leaders part (a 第一责任人 of another duty)
    assert not parts(head + river + "镇长带队巡查3次。\n二、存在的问题\n普法形式单一。\n")["leaders"].present

# ---- probe 18 (own wordings) ------------------------------------------------------------------------------
@pytest.mark.parametrize("problem", ["村级法律明白人数量短缺。", "懂法律的专业人才匮乏。", "普法宣传覆盖面不广。",
                                     "执法台账不全。", "法律顾问人手紧缺。"])
def test_problems_stated_with_scarcity_words(problem):
    assert len(shortcomings(_BODY13 + "二、存在的不足\n" + problem + "\n" + _PLAN16)) == 1


def test_a_cause_goes_on_in_the_next_paragraph():
    causes = "产生上述问题的原因，一方面是乡里没有专职法治人员。\n另一方面，受财力所限，普法经费难以保障。\n加之，村干部流动频繁。\n"
    got = [s.kind for s in shortcomings(_BODY13 + _SHORT16 + causes + _PLAN16)]
    assert got.count("problem") == 2 and got.count("cause") == 3


@pytest.mark.parametrize("opening", ["对标上级要求，我乡法治建设工作还存在一定差距。", "与先进乡镇相比，我乡依法行政工作仍有不足。"])
def test_an_opening_judgement_over_the_part_is_no_problem(opening):
    text = _BODY13 + "二、存在的不足\n" + opening + "\n乡村干部学法的自觉性不够强。\n" + _PLAN16
    assert [s.sentence for s in shortcomings(text)] == ["乡村干部学法的自觉性不够强"]


# ---- probe 21 (own wordings) ------------------------------------------------------------------------------
_WORK21 = ("柳河乡2023年法治政府建设情况报告\n一、法治政府建设主要做法\n全年举办法治讲座6场，办理行政处罚案件9件，调处纠纷31件。"
           "（二）为民办实事。着力解决群众反映的困难，帮助困难群众申请法律援助12件。\n")
_DIFFICULT = "村级调解组织人员老化，业务能力偏弱。\n普法阵地利用率不高。\n"
_PLANS21 = "全年开展法治宣传活动不少于40场，新培育法律明白人30名。\n"


@pytest.mark.parametrize("heading", ["二、面临的困难和挑战", "二、存在的困难", "二、面临的主要困难", "二、困难与挑战"])
def test_difficulties_a_town_faces_are_its_shortcomings_part(heading):
    text = _WORK21 + heading + "\n" + _DIFFICULT + "三、下一步工作打算\n" + _PLANS21
    p = parts(text)
    assert p["shortcomings"].present and p["next_year"].present
    assert [s.sentence for s in shortcomings(text)] == ["村级调解组织人员老化，业务能力偏弱", "普法阵地利用率不高"]
    # the year's work that helps people with their difficulties stays the year's work
    assert text.index("着力解决群众反映的困难") < p["shortcomings"].spans[0][0]


@pytest.mark.parametrize("heading", ["三、改进措施", "三、整改措施", "三、努力方向", "三、整改举措"])
def test_remedies_after_the_problems_are_the_plans_part(heading):
    text = _WORK21 + "二、存在的不足\n" + _DIFFICULT + heading + "\n" + _PLANS21
    p = parts(text)
    assert p["next_year"].present and text[slice(*p["next_year"].spans[0])].startswith(heading)
    assert len(shortcomings(text)) == 2


def test_remedies_done_this_year_under_a_measures_heading_stay_measures():
    text = ("柳河乡2023年法治政府建设情况报告\n一、上年度问题整改措施落实情况\n针对上年度考核指出的问题，全部完成整改。\n"
            "二、存在的不足\n" + _DIFFICULT + "三、下一步工作打算\n" + _PLANS21)
    p = parts(text)
    assert not p["next_year"].spans[0][0] < text.index("全部完成整改") < p["next_year"].spans[0][1]
    assert p["next_year"].present and len(shortcomings(text)) == 2


@pytest.mark.parametrize("heading", ["三、原因分析", "三、问题产生的原因", "三、原因"])
def test_a_cause_heading_between_problems_and_plans_belongs_to_the_shortcomings(heading):
    text = (_WORK21 + "二、存在的不足\n" + _DIFFICULT + heading + "\n一是乡财力紧张，投入不足；二是专职法治人员少。\n"
            "四、下一步工作打算\n" + _PLANS21)
    p = parts(text)
    at = text.index("乡财力紧张")
    assert any(s <= at < e for s, e in p["shortcomings"].spans)
    kinds = [s.kind for s in shortcomings(text)]
    assert kinds.count("problem") == 2 and kinds.count("cause") == 2


@pytest.mark.parametrize("opening, items", [
    ("总体来看，我乡依法行政工作与县委县政府的要求还有一定差距。", "一是乡村两级干部运用法治思维的能力不强；二是执法人员数量不足。"),
    ("总的来看，我乡法治建设与群众期待相比仍有差距，具体表现在：",
     "\n1）乡村两级干部运用法治思维的能力不强；\n2）执法人员数量不足。"),
    ("对照法治政府建设示范创建标准，我乡工作仍有短板：", "\n①乡村两级干部运用法治思维的能力不强；\n②执法人员数量不足。"),
])
def test_an_overall_judgement_before_the_problems_is_no_problem(opening, items):
    text = _BODY13 + "二、存在的不足\n" + opening + items + "\n" + _PLAN16
    got = [s.sentence for s in shortcomings(text) if s.kind == "problem"]
    assert len(got) == 2 and got[-1].endswith("执法人员数量不足"), got


def test_numbers_closed_by_a_bracket_are_items():
    text = _BODY13 + "二、存在的不足\n主要有以下问题：\n1）普法宣传形式单一；\n2）调解员业务能力偏弱；\n3）执法记录仪配备不足。\n" + _PLAN16
    assert [s.sentence for s in shortcomings(text)] == ["普法宣传形式单一", "调解员业务能力偏弱", "执法记录仪配备不足"]


def test_numbered_problems_each_with_its_remedy():
    text = (_BODY13 + "二、存在的问题及整改措施\n问题一：村级法律顾问作用发挥不充分。整改措施：建立法律顾问驻村日制度。\n"
            "问题二：行政执法案卷归档不及时。整改措施：每季度开展一次案卷评查。\n问题三：普法宣传针对性不强。整改措施：按需点单送法。\n")
    assert [s.sentence for s in shortcomings(text)] == ["村级法律顾问作用发挥不充分", "行政执法案卷归档不及时", "普法宣传针对性不强"]


def test_a_run_on_line_whose_top_headings_lost_their_punctuation():
    text = ("白鹭乡2023年法治政府建设情况报告 县委依法治县办：现将有关情况报告如下：一主要工作和成效（一）依法决策。"
            "重大事项集体讨论12次。（二）普法宣传。开展送法下乡8次。二存在的不足一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。"
            "三下一步工作计划一是轮训调解员；二是盘活宣传阵地。一年来，我乡干部学法16次。")
    p = parts(text)
    assert p["measures"].present and p["shortcomings"].present and p["next_year"].present
    assert [s.sentence for s in shortcomings(text)] == ["村级调解员业务能力偏弱", "法治宣传阵地利用率不高"]
    # a sentence opened by a numeral word is no heading (一年来, 三是), nor a numeral out of sequence
    assert [h.marker for h in detect_headings(text) if h.level == 1] == ["一", "二", "三"]


def test_a_plan_announced_at_the_end_of_the_shortcomings_of_a_report_without_a_plans_section():
    short = ("二、存在的不足\n一是村级调解员业务能力偏弱；二是法治宣传阵地利用率不高。"
             "针对以上不足，2024年我乡将着力抓好以下工作：轮训村级调解员，盘活法治宣传阵地。\n")
    text = _BODY13 + short
    p = parts(text)
    assert p["next_year"].present and text[slice(*p["next_year"].spans[0])].startswith("针对以上不足")
    assert [s.sentence for s in shortcomings(text)] == ["村级调解员业务能力偏弱", "法治宣传阵地利用率不高"]
    # with a plans section of its own, the sentence stays where the report put it
    with_plans = text + "三、2024年工作安排\n加强调解员培训。\n"
    assert parts(with_plans)["next_year"].spans[0][0] == with_plans.index("三、2024年工作安排")


# ---- probe 21, written by a helper for the same fixes (own wordings) ------------------------------------------------------------------------------
_BODY21 = ("石岭乡2023年法治政府建设情况报告\n一、主要举措和成效\n"
           + "全年组织乡村干部集中学法8次，办理行政处罚案件11件，调处矛盾纠纷47件。" * 3 + "\n")
_PLAN21 = "四、2024年工作安排\n一是轮训村级调解员；二是完善合法性审查台账。\n"


def _span_of(text, info, part, needle):
    at = text.find(needle)
    return any(s <= at < e for s, e in info[part].spans)


@pytest.mark.parametrize("heading", ["二、面临的困难和挑战", "二、面临的困难", "二、存在的困难", "二、当前面临的主要困难"])
def test_difficulty_headings_open_the_shortcomings_part(heading):
    text = (_BODY21 + heading + "\n一是乡综合执法队持证人员偏少；二是村级法治阵地利用率不高。\n"
            "三、下一步工作计划\n加强执法人员培训。\n")
    info = parts(text)
    assert info["shortcomings"].present and not _span_of(text, info, "measures", "持证人员偏少")
    assert [s.kind for s in shortcomings(text)] == ["problem", "problem"]


@pytest.mark.parametrize("heading", ["二、着力解决群众反映的困难", "二、帮助企业克服面临的困难"])
def test_a_measures_heading_about_solving_difficulties_stays_in_measures(heading):
    text = ("石岭乡2023年法治政府建设情况报告\n一、强化学法用法\n组织干部学法8次。\n" + heading
            + "\n走访企业23家，协调解决用地纠纷4件。\n三、存在的不足\n执法人员偏少。\n四、下一步工作计划\n加强培训。\n")
    info = parts(text)
    assert _span_of(text, info, "measures", "走访企业23家")
    assert [s.sentence for s in shortcomings(text)] == ["执法人员偏少"]


def test_run_on_report_whose_top_headings_lost_their_dun_mark():
    text = ("石岭乡2023年法治政府建设情况报告现将有关情况报告如下：一工作开展情况（一）强化学法。全年组织干部学法8次。"
            "（二）化解纠纷。调处矛盾纠纷47件，调解成功率98%。二面临的困难一是执法力量薄弱；二是普法形式比较单一。"
            "三下一步工作计划一是充实执法力量；二是创新普法形式。")
    info = parts(text)
    assert present(info) == THREE
    assert text[slice(*info["shortcomings"].spans[0])].startswith("二面临的困难")
    assert text[slice(*info["next_year"].spans[0])].startswith("三下一步工作计划")
    assert [s.sentence for s in shortcomings(text)] == ["执法力量薄弱", "普法形式比较单一"]


@pytest.mark.parametrize("sentence", ["全年调处纠纷47件。三季度开展执法检查5次。", "全年调处纠纷47件。二存量问题全部清零。",
                                      "全年调处纠纷47件。四下乡村开展普法宣传12场。"])
def test_a_bare_numeral_before_ordinary_text_mid_line_is_no_heading(sentence):
    text = ("石岭乡2023年法治政府建设情况报告\n一、主要举措和成效\n" + sentence + "\n二、存在的不足\n执法人员偏少。\n"
            "三、下一步工作计划\n加强培训。\n")
    assert [h.text for h in detect_headings(text) if h.level == 1] == ["主要举措和成效", "存在的不足", "下一步工作计划"]


@pytest.mark.parametrize("heading", ["三、改进措施", "三、整改措施", "三、努力方向", "三、今后努力方向"])
def test_remedy_and_direction_headings_after_the_shortcomings_are_the_plans_part(heading):
    text = (_BODY21 + "二、存在的问题\n一是执法力量薄弱；二是普法形式比较单一。\n" + heading
            + "\n一是年内新增持证执法人员不少于5名；二是开展“法律明白人”培训2期。\n")
    info = parts(text)
    assert info["next_year"].present and _span_of(text, info, "next_year", "年内新增持证执法人员")
    assert len(shortcomings(text)) == 2


@pytest.mark.parametrize("heading", ["二、存在的问题及整改措施", "二、存在问题和改进措施"])
def test_a_shortcomings_heading_naming_its_remedies_is_no_plans_part(heading):
    text = (_BODY21 + heading + "\n一是执法力量薄弱，我乡将协调增加编制；二是普法形式比较单一。\n")
    info = parts(text)
    assert info["shortcomings"].present and not info["next_year"].present


def test_rectification_measures_in_the_years_work_stay_measures():
    text = (_BODY21.rstrip("\n") + "上级督察反馈的3个问题，整改措施落实到位。\n"
            "二、存在的问题\n执法力量薄弱。\n三、下一步工作计划\n充实执法力量。\n")
    info = parts(text)
    assert _span_of(text, info, "measures", "整改措施落实到位")
    assert [s.sentence for s in shortcomings(text)] == ["执法力量薄弱"]


@pytest.mark.parametrize("heading", ["三、原因分析", "三、问题产生的原因", "三、原因", "三、存在问题的原因"])
def test_a_top_level_cause_section_belongs_to_the_shortcomings_and_gives_causes(heading):
    text = (_BODY21 + "二、存在的问题\n一是执法力量薄弱；二是普法形式比较单一。\n" + heading
            + "\n一是乡级财力有限，投入不足；二是干部学法的主动性不强。\n" + _PLAN21)
    info = parts(text)
    assert _span_of(text, info, "shortcomings", "乡级财力有限")
    assert [s.kind for s in shortcomings(text)] == ["problem", "problem", "cause", "cause"]
    assert info["next_year"].present and not _span_of(text, info, "shortcomings", "轮训村级调解员")


@pytest.mark.parametrize("lead, items", [
    ("从全年情况看，我乡法治建设离群众期待还有一定差距，主要体现在：", "1）执法力量薄弱；\n2）普法形式比较单一。"),
    ("对标上级考核要求，我乡依法行政工作还有明显短板：", "①执法力量薄弱；\n②普法形式比较单一；\n③村规民约修订滞后。"),
])
def test_a_lead_in_over_items_on_their_own_lines_is_no_problem(lead, items):
    text = _BODY21 + "二、存在的问题\n" + lead + "\n" + items + "\n" + _PLAN21
    assert [s.sentence for s in shortcomings(text)] == ["执法力量薄弱", "普法形式比较单一", "村规民约修订滞后"][: items.count("\n") + 1]


def test_a_judgement_before_a_single_item_is_no_problem():
    text = (_BODY21 + "二、存在的问题\n总体而言，我乡法治政府建设与先进乡镇相比还存在一定差距。具体表现为：一是执法力量薄弱。\n"
            + _PLAN21)
    assert [s.sentence for s in shortcomings(text)] == ["执法力量薄弱"]


@pytest.mark.parametrize("body", [
    "部分村干部依法办事能力还有一定欠缺。\n执法人员数量偏少。\n",  # 一定 inside a problem stated in full
    "一些村级调解员年龄偏大，业务能力不强。\n执法人员数量偏少。\n",
    # problems named in so many words, though the sentence speaks of 一些 and an item follows
    "一些村干部依法办事能力不强。\n二是执法人员数量偏少。\n",
    "虽然做了一些工作，但乡村两级法治力量不平衡、执法规范化程度不够。\n1）执法人员数量偏少。\n",
])
def test_problems_with_yiding_or_yixie_are_still_problems(body):
    assert len(shortcomings(_BODY21 + "二、存在的问题\n" + body + _PLAN21)) == 2


def test_each_numbered_problem_with_its_remedy_label_is_a_problem():
    text = (_BODY21 + "二、存在的问题及整改措施\n问题一：村级法律顾问作用发挥不充分。整改措施：建立顾问坐班考核制度。\n"
            "问题二：行政执法案卷制作不规范。整改措施：每季度开展一次案卷评查。\n问题三：普法宣传针对性不强。整改措施：分类制作宣传材料。\n")
    assert [s.sentence for s in shortcomings(text)] == [
        "村级法律顾问作用发挥不充分", "行政执法案卷制作不规范", "普法宣传针对性不强"]


def test_a_plan_announced_at_the_end_of_the_shortcomings_paragraph_opens_the_plans_part():
    text = (_BODY21 + "二、存在的问题\n一是执法力量薄弱；二是普法形式比较单一。"
            "针对以上问题，2024年我乡将着力抓好以下几项工作：充实执法力量，创新普法形式。\n")
    info = parts(text)
    assert info["next_year"].present and _span_of(text, info, "next_year", "充实执法力量")
    assert [s.sentence for s in shortcomings(text)] == ["执法力量薄弱", "普法形式比较单一"]


def test_a_single_remedy_sentence_in_the_shortcomings_is_no_plans_part():
    text = _BODY21 + "二、存在的问题\n一是执法力量薄弱；二是普法形式比较单一。针对上述问题，我乡将加强培训。\n"
    info = parts(text)
    assert _span_of(text, info, "shortcomings", "我乡将加强培训") and not info["next_year"].present


def test_an_unnumbered_remedy_line_under_a_problem_is_no_plans_heading():
    text = (_BODY21 + "二、存在的问题\n村级法律顾问作用发挥不充分。\n整改措施\n建立顾问坐班考核制度。\n"
            "行政执法案卷制作不规范。\n整改措施\n每季度开展一次案卷评查。\n")
    info = parts(text)
    assert not info["next_year"].present and _span_of(text, info, "shortcomings", "每季度开展一次案卷评查")


def test_a_top_level_cause_section_apart_from_the_problems_still_gives_causes():
    text = (_BODY21 + "二、存在的问题\n一是执法力量薄弱；二是普法形式比较单一。\n"
            "三、党委书记履行推进法治建设第一责任人职责情况\n党委书记带头述法，全年主持专题学法4次。\n"
            "四、原因分析\n一是乡级财力有限；二是干部学法的主动性不强。\n五、2024年工作安排\n轮训调解员。\n")
    assert [s.kind for s in shortcomings(text)] == ["problem", "problem", "cause", "cause"]


_BULLET_REPORT = """柳河镇2024年法治政府建设工作报告
一、主要举措和成效
全年办理行政处罚案件31件，开展普法活动40场次。
二、存在的问题
◆ 执法力量跟不上任务增长。全镇执法事项增加到90项，在编执法人员只有9名，巡查难以到位。
◆ 少数干部依法决策意识不强，推进项目时仍有先干后批的情况。
◆ 案卷制作不够规范。今年评查中有2份案卷被评为基本合格。
三、下一步工作打算
◆ 充实执法力量。
◆ 规范案卷制作。
"""

_BLOCK_REPORT = """河湾街道2024年法治政府建设工作报告
一、主要举措和成效
全年调处矛盾纠纷210件，调解成功率98%。
二、存在的问题及原因
问题一：基层调解力量不足。全街道专职调解员只有3人，多数村调委会成员为兼职。
原因：街道编制紧张，调解员补贴标准偏低。
整改措施：争取编制，提高以案定补标准。
问题二：信息化水平不高。调解台账仍以纸质为主，数据不能与县平台对接。
原因：平台建设投入不足。
整改措施：明年上线调解信息系统。
三、下一步工作打算
推进智慧调解平台建设。
"""


def test_bulleted_problems_are_one_problem_each_with_their_detail():
    found = [sc for sc in shortcomings(_BULLET_REPORT) if sc.kind == "problem"]
    assert [sc.sentence[:8] for sc in found] == ["执法力量跟不上任", "少数干部依法决策", "案卷制作不够规范"]
    assert "只有9名" in found[0].sentence and not found[0].sentence.startswith("◆")
    assert "下一步" not in "".join(sc.sentence for sc in found) and "充实执法力量" not in found[-1].sentence


def test_numbered_problem_blocks_with_causes_and_remedies():
    """问题一：… 原因：… 整改措施：… blocks: each block one problem with its detail, its cause apart, no remedy."""
    found = shortcomings(_BLOCK_REPORT)
    problems = [sc.sentence for sc in found if sc.kind == "problem"]
    causes = [sc.sentence for sc in found if sc.kind == "cause"]
    assert len(problems) == 2
    assert problems[0].startswith("基层调解力量不足。") and "只有3人" in problems[0]
    assert problems[1].startswith("信息化水平不高。")
    assert any("编制紧张" in c for c in causes) and any("投入不足" in c for c in causes)
    assert not any("争取编制" in x or "上线" in x for x in problems + causes)


def test_bracketed_numbers_with_a_direction_and_a_joined_measures_title():
    text = """岭南镇2023年法治政府建设工作报告
(1)主要工作举措及成效
全年开展法治宣传活动26场，办理行政执法案件18件。
(2)党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记带头述法，镇长主持研究法治建设议题4次。
(3)存在的问题及原因
执法人员法律素养有待提高。
(4)今后努力方向
加强执法人员培训，全年不少于4次。
"""
    assert present(parts(text)) == {"measures", "leaders", "shortcomings", "next_year"}


def test_the_leaders_own_duty_as_an_item_of_the_measures():
    """落实党政主要负责人第一责任人职责 as the fifth of the measures' 一是…五是: the duty is reported; the same words
    with another duty (安全生产主要负责人第一责任人) are not."""
    items = ("一是健全普法机制，制定年度普法计划。二是规范执法行为，全年办理案件20件。三是化解矛盾纠纷，调处纠纷150件。"
             "四是推进政务公开，公开信息300条。五是落实党政主要负责人第一责任人职责。镇党委书记、镇长带头学习法律知识，"
             "带头依法决策，把法治建设与中心工作同部署。")
    text = ("松林镇2022年法治政府建设工作报告\n一、主要举措和成效\n" + items
            + "\n二、存在的不足\n部分村干部法治意识淡薄。\n三、下一步工作打算\n深化普法宣传。\n")
    assert "leaders" in present(parts(text))
    other = text.replace("落实党政主要负责人第一责任人职责", "落实安全生产主要负责人第一责任人职责")
    assert "leaders" not in present(parts(other))


def test_problems_stated_in_passing_when_there_is_no_shortcomings_part():
    """No 不足 part, but "但也存在…" after a stretch of work: the part stays missing, the problems are read (what
    follows 存在 to the sentence end, one problem each); a lead-in naming nothing in particular is not one."""
    text = """石岭镇2023年法治政府建设工作报告
一、主要举措和成效
全年办理行政处罚案件26件。但仍存在执法人员偏少、专业背景不足的问题，个别案卷不够规范。
开展普法活动31场次。但也存在普法形式较为单一的情况，群众参与不多。
调处矛盾纠纷180件，但也存在一些不足。
二、下一步工作打算
充实执法力量，创新普法形式。
"""
    assert "shortcomings" not in present(parts(text))
    found = [sc.sentence for sc in shortcomings(text) if sc.kind == "problem"]
    assert found == ["执法人员偏少、专业背景不足的问题，个别案卷不够规范", "普法形式较为单一的情况，群众参与不多"]
    # with a 不足 part of its own, the problems are read there only
    with_part = text.replace("二、下一步工作打算", "二、存在的不足\n部分村干部法治意识淡薄。\n三、下一步工作打算")
    assert [sc.sentence[:6] for sc in shortcomings(with_part) if sc.kind == "problem"] == ["部分村干部法"]


def test_circled_numbers_opening_lines_are_one_kind_of_item():
    """Items ①–④ on lines of their own under a sub-heading (probe 28): each is a problem, whether or not its words
    carry a shortfall cue ("重形式、轻效果", "多发易发"); ① inside a line is no item."""
    text = _report("（一）主要短板\n①执法协作机制不够健全，职责边界不清。\n②机关干部学法“重形式、轻效果”，学法笔记相互抄。\n"
                   "③老旧小区物业纠纷多发易发，有的调解以后又反复发生。\n（二）原因分析\n一是思想认识有偏差；二是培训不够系统。\n")
    got = [(s.kind, s.sentence[:8]) for s in shortcomings(text)]
    assert got == [("problem", "执法协作机制不够"), ("problem", "机关干部学法“重"), ("problem", "老旧小区物业纠纷"),
                   ("cause", "思想认识有偏差"), ("cause", "培训不够系统")]


def test_a_part_headed_problems_and_challenges_and_the_causes_of_the_problems():
    """问题与挑战 heads the 不足 part; "上述问题的存在，一方面是…，另一方面是…" and "既有…的因素，也有…的因素" give two
    causes each, without the word 原因 (probe 28)."""
    text = ("石门镇2024年法治政府建设情况报告\n一、主要举措和成效\n全年开展普法活动12场。\n三、问题与挑战\n"
            "（一）法治宣传“线上冷、线下散”\n专栏文章阅读量不足200次。\n（二）执法装备“缺斤少两”\n只有1辆执法车。\n"
            "上述问题的存在，一方面是干部年龄结构偏大，另一方面是法治考核权重偏低。\n四、2025年工作思路\n继续深化普法。\n")
    got = [(s.kind, s.sentence[:6]) for s in shortcomings(text)]
    assert got[-2:] == [("cause", "上述问题的存"), ("cause", "另一方面是法")] and [k for k, _ in got] == [
        "problem", "problem", "cause", "cause"]
    both = _report("执法人员不足，普法形式单一。既有客观上事务繁杂的因素，也有主观上重视不够的因素。\n")
    assert [s.kind for s in shortcomings(both)] == ["problem", "cause", "cause"]


def test_where_the_problems_come_from_listed_first_second_without_the_word_cause():
    """"上述问题的产生，一是…；二是…" lists two causes, not a fifth problem (probe 32)."""
    text = _report("（一）公众参与渠道较窄。网上征求意见回应率低。\n（二）基层法治力量薄弱。司法所仅2人。\n"
                   "上述问题的产生，一是镇村干部对法治建设重视不够；二是法治工作投入相对不足，专业人才短缺。\n")
    assert [s.kind for s in shortcomings(text)] == ["problem", "problem", "cause", "cause"]
    first = _report("执法人员不足，普法形式单一。这些不足的出现，首先是编制所限，其次是培训不够。\n")
    assert [s.kind for s in shortcomings(first)][:2] == ["problem", "cause"]


def test_the_sentences_around_a_problem_table_that_only_speak_of_it_are_not_problems():
    """Before a 问题清单 table, a general admission (还有一定差距) followed by 现将…列表如下; after it, what was done
    about "上述问题": neither is a problem (probe 28). A problem written after the table still is one."""
    rows = "问题\t表现\t整改措施\n双语普法人才缺乏\t只有3人\t培养宣讲员\n规范性文件清理不及时\t3件过期\t定期清理\n"
    text = _report("在肯定成绩的同时，我们也清醒地认识到，全乡法治政府建设与上级要求相比还有一定差距。"
                   "经乡党委会议研究，现将存在的主要问题及整改措施列表如下：\n" + rows
                   + "上述问题，乡党委已逐项明确责任领导和完成时限。\n此外，村级法治阵地利用率不高。\n")
    assert [s.sentence for s in shortcomings(text)] == ["双语普法人才缺乏", "规范性文件清理不及时", "此外，村级法治阵地利用率不高"]


@pytest.mark.parametrize("heading", ["三、工作中需要改进的地方", "三、需要正视的问题", "三、有待改进的方面"])
def test_more_headings_of_the_shortcomings_part(heading):
    text = ("石门镇2023年法治政府建设情况报告\n一、主要举措和成效\n全年开展普法活动12场。\n" + heading + "\n"
            "（一）司法所只有1名工作人员，身兼数职。\n（二）规范性文件清理不及时。\n四、2024年工作计划\n继续深化普法。\n")
    assert [s.sentence[:6] for s in shortcomings(text)] == ["司法所只有1", "规范性文件清"]


def test_a_table_header_naming_next_steps_is_no_part_heading_and_other_lead_ins():
    """A header row 问题 | 具体情形 | 下一步措施 was read as the plans' heading and cut the part (probe 29); a lead-in
    with 不小差距 or 一些薄弱环节 before 列示如下/罗列如下, and "目前，上述问题已…" after the table, are no problems."""
    rows = "问题\t具体情形\t下一步措施\n村级法律顾问到村服务少\t全年不足3次\t实行签到考评\n执法文书不规范\t告知事项遗漏\t开展案卷评查\n"
    for lead in ["与群众期待相比还有不小差距。经梳理，主要问题列示如下：", "工作中还存在一些不容忽视的薄弱环节。现将问题罗列如下："]:
        text = _report(lead + "\n" + rows + "目前，上述问题已全部纳入年度整改台账。\n")
        assert [s.sentence for s in shortcomings(text)] == ["村级法律顾问到村服务少", "执法文书不规范"], lead


def test_causes_in_one_sentence_and_a_root_written_with_huan():
    text = _report("（一）执法力量不足。\n（二）普法针对性不强。\n究其原因，一是人财物投入不足，二是干部法治思维培养抓得不紧。\n")
    assert [s.kind for s in shortcomings(text)] == ["problem", "problem", "cause", "cause"]
    same = _report("执法力量不足，普法针对性不强。究其原因，一是人财物投入不足，二是干部法治思维培养抓得不紧。\n")
    assert [s.kind for s in shortcomings(same)] == ["problem", "cause", "cause"]  # (the problems in the causes' paragraph)
    root = _report("执法力量不足，普法针对性不强。问题的根子还在于考核没有真正硬起来。\n")
    assert [s.kind for s in shortcomings(root)] == ["problem", "cause"]
    tight = _report("普法阵地维护、法律顾问聘请等支出经常捉襟见肘。\n执法文书不规范。\n")
    assert len(shortcomings(tight)) == 2


def test_one_more_problem_after_a_table_s_afterword_in_the_same_line():
    """"上述问题已列入整改台账。此外，考核办法还比较笼统，考核结果与评先评优挂钩不紧。" — the afterword is no problem, the
    problem after it is one, though its words (笼统, 挂钩不紧) are not the usual 不足/不够 (probe 29)."""
    rows = "问题\t具体情形\t下一步措施\n村级法律顾问到村服务少\t全年不足3次\t实行签到考评\n执法文书不规范\t告知事项遗漏\t开展案卷评查\n"
    text = _report("现将查摆出的问题罗列如下：\n" + rows
                   + "上述问题已列入整改台账。此外，考核办法还比较笼统，考核结果与评先评优挂钩不紧。\n")
    assert [s.sentence[:6] for s in shortcomings(text)] == ["村级法律顾问", "执法文书不规", "此外，考核办"]


def test_other_circled_numbers_open_items_and_a_word_on_the_problems_is_none():
    """❶❷ and ⑴⑵ at line starts are items as ①② are (the marker is not part of the problem), and "对上述问题，乡党委已
    责成…整改" after them is no problem (probe 29)."""
    for a, b in [("❶", "❷"), ("⑴", "⑵")]:
        text = _report(f"{a}部分村干部学法“重数量、轻效果”。\n{b}执法文书制作不规范。\n对上述问题，乡党委已责成分管领导牵头整改。\n")
        assert [s.sentence for s in shortcomings(text)] == ["部分村干部学法“重数量、轻效果”", "执法文书制作不规范"], a
