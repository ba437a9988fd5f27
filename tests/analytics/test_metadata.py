"""Metadata inference on the seeds and on texts written in the styles of real reports."""

from __future__ import annotations

import pytest

from analytics.metadata import LEVELS, Metadata, infer_metadata
from tests.analytics.metadata_cases import CASES, GUIDE, HELD_OUT, LAW, lines

BODY = (
    "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面推进乡村振兴，"
    "统筹推进新型城镇化建设，各乡镇、各部门协同发力，开展送法下乡活动36场，发放宣传资料3000余份。"
    "严格落实行政执法三项制度，重大行政决策全部经过合法性审查，行政复议和行政应诉工作依法规范开展，"
    "矛盾纠纷排查化解机制不断健全，人民调解组织覆盖全部行政村，法律明白人队伍达到120人。"
)


def report(*lines: str) -> str:
    return "\n".join(lines)


def test_seeds_match_the_manifest(seed_manifest, seed_texts):
    for row in seed_manifest:
        meta = infer_metadata(seed_texts[row["town"]], filename=row["file"])
        assert meta.town == row["town"]
        assert meta.year == int(row["year"])
        assert meta.level == row["level"]
        if row["county"]:
            assert meta.county == row["county"], row["town"]
        assert meta.title and meta.title in seed_texts[row["town"]]


def test_title_without_town_uses_salutation_body_and_signature():
    text = report(
        "关于2023年度法治政府建设情况的报告",
        "中共汝阳县委、汝阳县人民政府：",
        "今年以来，城关镇政府在县委、县政府的坚强领导下，" + BODY,
        "一、主要举措和成效",
        "城关镇党委高度重视法治建设。" + BODY,
        "城关镇人民政府",
        "2024年1月10日",
    )
    meta = infer_metadata(text)
    assert meta == Metadata(
        title="关于2023年度法治政府建设情况的报告",
        town="城关镇",
        county="汝阳县",
        province=None,
        level="township",
        year=2023,
    )


@pytest.mark.parametrize(("date", "year"), [("2024年1月10日", 2023), ("2023年12月13日", 2023)])
def test_year_from_signature_date_when_title_has_none(date, year):
    text = report(
        "关于法治政府建设工作情况的报告",
        "区委、区政府：",
        "今年以来，马店镇深入推进法治政府建设，" + BODY,
        "马店镇人民政府",
        date,
    )
    meta = infer_metadata(text)
    assert (meta.town, meta.year) == ("马店镇", year)


def test_county_level_report():
    text = report(
        "嵩县2022年法治政府建设年度报告",
        "2022年，嵩县县委、县政府坚持依法行政，在田湖镇、车村镇开展基层法治建设试点，" + BODY,
        "嵩县人民政府",
        "2023年2月20日",
    )
    meta = infer_metadata(text)
    assert (meta.town, meta.level, meta.county, meta.year) == ("嵩县", "county", "嵩县", 2022)


def test_district_and_city_level_reports():
    district = infer_metadata(report("淄博市周村区2022年法治政府建设情况报告", "2022年，周村区" + BODY))
    assert (district.town, district.level, district.year) == ("周村区", "district", 2022)
    city = infer_metadata(report("洛阳市人民政府关于2022年度法治政府建设情况的报告", "2022年，全市" + BODY))
    assert (city.town, city.level, city.county, city.year) == ("洛阳市", "city", None, 2022)


def test_subdistrict_report():
    text = report(
        "关于2023年度法治政府建设工作情况的报告",
        "中共临淄区委、临淄区人民政府：",
        "2023年，稷下街道党工委、办事处坚持" + BODY,
        "稷下街道坚持把法治建设摆在突出位置。" + BODY,
        "稷下街道办事处",
        "2024年3月5日",
    )
    meta = infer_metadata(text)
    assert (meta.town, meta.county, meta.level, meta.year) == ("稷下街道", "临淄区", "township", 2023)


def test_false_towns_are_ignored():
    """乡村振兴, 城镇化, 乡镇, 送法下乡 are not towns; the real one is named once in the body."""
    text = report(
        "关于2023年度法治政府建设情况的报告",
        "今年以来，石门乡政府" + BODY + BODY,
        "现将有关情况报告如下：",
    )
    meta = infer_metadata(text)
    assert (meta.town, meta.level, meta.year) == ("石门乡", "township", 2023)


def test_county_from_letterhead_before_town():
    text = report(
        "中共新县苏河镇委员会文件",
        "苏发〔2021〕87号",
        "苏河镇 2021 年法治政府建设工作报告",
        "2021 年在县委、县政府的有力指导下，苏河镇" + BODY,
    )
    meta = infer_metadata(text)
    assert (meta.title, meta.town, meta.county, meta.year) == (
        "苏河镇 2021 年法治政府建设工作报告",
        "苏河镇",
        "新县",
        2021,
    )


def test_year_in_chinese_numerals_and_province():
    text = report(
        "河南省汝阳县石门乡二〇二三年法治政府建设工作报告",
        "二〇二三年，石门乡" + BODY,
    )
    meta = infer_metadata(text)
    assert (meta.town, meta.county, meta.province, meta.year) == ("石门乡", "汝阳县", "河南省", 2023)


def test_year_from_opening_sentence_and_town_from_filename():
    text = report("法治政府建设情况报告", "现将我镇2022年度法治政府建设情况报告如下：", BODY)
    meta = infer_metadata(text, filename="uploads/白沙镇-报告.docx")
    assert (meta.town, meta.year) == ("白沙镇", 2022)


def test_traditional_text_is_normalised_first():
    text = report("關於2023年度法治政府建設情況的報告", "今年以來，周營鎮政府堅持依法行政，" + BODY, "周營鎮人民政府")
    meta = infer_metadata(text)
    assert (meta.town, meta.year) == ("周营镇", 2023)


def test_levels_constant():
    assert LEVELS == ("township", "county", "district", "city")


def test_nothing_to_find():
    meta = infer_metadata(BODY)
    assert meta.town is None and meta.year is None and meta.level is None


def test_long_report_is_read_from_its_opening_and_signature(seed_texts):
    """Metadata comes from title, salutation, opening and signature; a long middle naming other
    towns (exchanges, visits) must not change it."""
    head, tail = seed_texts["周营镇"][:1500], seed_texts["周营镇"][-200:]
    middle = "\n".join(f"组织干部赴李寨镇、槐店镇学习交流第{i}次，借鉴李寨镇的经验做法。" for i in range(800))
    meta = infer_metadata(head + "\n" + middle + "\n" + tail)
    assert len(middle) > 20_000
    assert (meta.town, meta.county, meta.year, meta.level) == ("周营镇", "沈丘县", 2023, "township")


# ---------------------------------------------------------------- openings and signatures table


@pytest.mark.parametrize("case", CASES + HELD_OUT, ids=lambda c: c.id)
def test_openings_table(case):
    meta = infer_metadata(case.text)
    assert (meta.town, meta.county, meta.level, meta.year) == (case.town, case.county, case.level, case.year)
    assert meta.level in LEVELS + (None,)


def test_run_on_title_is_cut_at_its_end():
    meta = infer_metadata("有福镇2022年法治政府建设工作报告 2022年，有福镇坚持镇党委统一领导，" + GUIDE + LAW)
    assert meta.title == "有福镇2022年法治政府建设工作报告"


def test_web_header_before_a_run_on_title():
    text = "索引号：115227001/2023-00012 发布机构：龙潭镇人民政府 分类：法定主动公开内容 龙潭镇2022年法治政府建设情况报告 2022年，龙潭镇" + GUIDE
    assert infer_metadata(text).title == "龙潭镇2022年法治政府建设情况报告"


@pytest.mark.parametrize("crumb", ["首页 > 政务公开 > 年度报告", "当前位置：首页>信息公开>法治政府建设", "您的位置：首页 » 工作报告"])
def test_breadcrumb_before_the_title_is_header(crumb):
    run_on = f"{crumb} 龙潭镇2022年法治政府建设情况报告 来源：龙潭镇人民政府 2022年，龙潭镇" + GUIDE
    assert infer_metadata(run_on).title == "龙潭镇2022年法治政府建设情况报告"
    assert infer_metadata(lines(crumb, "龙潭镇2022年法治政府建设情况报告", GUIDE)).title == "龙潭镇2022年法治政府建设情况报告"


def test_quoted_report_title_in_the_first_sentence_is_not_the_title():
    text = "根据《永城县2022年度法治政府建设工作报告》要求，我镇" + GUIDE + LAW + "芒山镇人民政府 2023年1月3日"
    meta = infer_metadata(text)
    # the county's own 法治政府建设 document, which the town follows, names the county in passing
    assert (meta.title, meta.town, meta.level, meta.county) == (None, "芒山镇", "township", "永城县")


def test_town_office_named_right_after_the_district_government():
    meta = infer_metadata(lines("鲤城区人民政府金龙街道办事处关于2022年度法治政府建设情况的报告", "2022年，我街道" + GUIDE, LAW))
    assert (meta.town, meta.county, meta.level, meta.year) == ("金龙街道", "鲤城区", "township", 2022)


def test_attachment_after_the_signature_is_not_the_signature():
    text = lines(
        "关于2022年度法治政府建设情况的报告", "2022年，我镇" + GUIDE, LAW,
        "梅溪镇人民政府", "2023年1月8日", "附件：石岭镇法治政府建设经验材料",
    )  # fmt: skip
    assert infer_metadata(text).town == "梅溪镇"


def test_publication_month_in_the_title_is_not_the_reported_year():
    meta = infer_metadata(lines("白鹤镇法治政府建设年度报告（2023年3月）", "一年来，白鹤镇" + GUIDE, LAW))
    assert meta.year == 2022


@pytest.mark.parametrize("period", ["（2023年1月至12月）", "（2023年1月—12月）", "（2023年1-12月）",
                                    "（2023年1月1日至12月31日）", "（2023年1月至2023年12月）"])
def test_a_period_in_the_title_is_the_reported_year(period):
    meta = infer_metadata(lines(f"白果坪乡法治政府建设情况报告{period}", "云岚县人民政府：", "一年来，白果坪乡" + GUIDE, LAW,
                                "白果坪乡人民政府", "2024年1月10日"))
    assert meta.year == 2023


@pytest.mark.parametrize("zero", ["○", "O", "0"])
def test_a_chinese_numeral_year_with_a_look_alike_zero(zero):
    meta = infer_metadata(lines(f"巴音塔拉苏木二{zero}二三年度法治政府建设情况报告", "中共额尔敦旗委员会：",
                                f"二{zero}二三年，苏木党委" + GUIDE, "全年查处案件11起，较2022年增加3起。", LAW,
                                "巴音塔拉苏木人民政府", f"二{zero}二四年一月十八日"))
    assert (meta.town, meta.year) == ("巴音塔拉苏木", 2023)


def test_county_from_where_the_town_lies():
    meta = infer_metadata(lines("关于2022年度法治政府建设情况的报告", "太平乡位于宁远县东部，辖12个行政村。2022年，太平乡" + GUIDE, LAW))
    assert (meta.town, meta.county) == ("太平乡", "宁远县")


def test_county_government_as_subject_makes_a_county_report():
    text = lines(
        "关于2022年度法治政府建设情况的报告", "市委、市政府：", "2022年，宁陵县人民政府坚持" + GUIDE,
        "宁陵县人民政府严格落实" + LAW, "指导石桥镇、华堡镇开展示范创建。",
    )  # fmt: skip
    meta = infer_metadata(text)
    assert (meta.town, meta.county, meta.level) == ("宁陵县", "宁陵县", "county")


def test_sentence_with_a_colon_is_not_a_salutation():
    meta = infer_metadata(lines("关于2022年度法治政府建设情况的报告", "2022年石桥镇党委认真落实县委部署：" + GUIDE, LAW))
    assert (meta.town, meta.level) == ("石桥镇", "township")


@pytest.mark.parametrize(
    ("title", "unit", "level"),
    [
        ("浈江区岭下乡2024年度法治政府建设情况报告", "岭下乡", "township"),  # 下乡 ending where a name is expected
        ("开州区义和镇人民政府关于2022年法治政府建设情况的报告", "义和镇", "township"),  # 州 and 和 inside names
        ("个旧市人民政府关于2022年度法治政府建设情况的报告", "个旧市", "city"),
        ("全椒县2022年法治政府建设年度报告", "全椒县", "county"),
        ("才溪镇2022年法治政府建设报告", "才溪镇", "township"),
        ("永城县经济开发区管委会2022年法治政府建设工作报告", "永城县经济开发区", "township"),
        ("乌兰哈达苏木2022年法治政府建设工作报告", "乌兰哈达苏木", "township"),  # Inner Mongolia's township
    ],
)
def test_names_with_characters_that_also_make_common_words(title, unit, level):
    meta = infer_metadata(lines(title, "2022年，坚持依法行政，" + LAW))
    assert (meta.town, meta.level) == (unit, level)


def test_district_before_the_town_in_the_title_is_the_county():
    meta = infer_metadata(lines("开州区义和镇人民政府关于2022年法治政府建设情况的报告", "2022年，义和镇" + GUIDE))
    assert (meta.town, meta.county, meta.level) == ("义和镇", "开州区", "township")


def test_official_holding_a_town_post_is_not_a_town():
    text = lines(
        "法治政府建设情况报告",
        "2022年，兼任镇党委副书记的司法所长参与重大决策合法性审查，打通镇村法律服务最后一公里。" + GUIDE,
        "白马镇" + LAW,
    )
    assert infer_metadata(text).town == "白马镇"


def test_reading_a_report_is_fast(seed_texts):
    import time

    texts = list(seed_texts.values()) * 20
    start = time.perf_counter()
    for text in texts:
        infer_metadata(text)
    per_report = (time.perf_counter() - start) / len(texts)
    assert per_report < 0.05  # measured ~1–2 ms with normalisation on a 2-core machine


def test_towns_named_once_in_passing_are_not_the_author():
    """A report that speaks as "我镇" and names two other towns once each (visits) does not say
    which town wrote it: the unit stays empty, the level is still township."""
    text = lines(
        "关于2022年度法治政府建设情况的报告",
        "区委、区政府：",
        "2022年，我镇组织干部赴桃花镇学习综合执法改革经验，邀请杏林镇司法所所长授课一次，" + GUIDE,
        LAW,
    )
    meta = infer_metadata(text)
    assert (meta.town, meta.level, meta.year) == (None, "township", 2022)


def test_title_naming_only_the_county_over_a_subdistricts_own_words():
    """"清城区2022年…" as title, but the report speaks as a subdistrict and names itself."""
    text = lines(
        "清城区2022年法治政府建设年度报告",
        "区委、区政府：",
        "现将东城街道2022年法治政府建设情况报告如下：",
        "2022年，我街道坚持依法行政，街道党工委高度重视法治建设。" + LAW,
    )
    meta = infer_metadata(text)
    assert (meta.town, meta.county, meta.level, meta.year) == ("东城街道", "清城区", "township", 2022)


def test_banner_above_the_town_is_its_county():
    meta = infer_metadata(lines("巴彦淖尔市乌拉特中旗海流图镇2022年法治政府建设情况报告", "2022年，海流图镇" + GUIDE))
    assert (meta.town, meta.county, meta.level) == ("海流图镇", "乌拉特中旗", "township")


def test_a_name_never_spans_a_line_break():
    """A heading line without punctuation followed by a paragraph opening with "镇党委…" or "乡政府…": the
    last characters of the heading are not a town's name ("做法\\n镇")."""
    text = lines(
        "关于2022年度法治政府建设工作情况的报告",
        "中共临河县委、临河县人民政府：",
        "2022年，我镇坚持以法治政府建设为抓手，现将有关情况报告如下。",
        "一、主要做法",
        "镇党委把法治建设摆在全局工作的重要位置，专题研究法治政府建设工作4次。",
        "二、存在的不足",
        "乡村两级法律服务力量薄弱，部分干部依法行政意识不强。",
        "三、下一步工作计划",
        "镇政府将继续深化依法行政，加强执法队伍建设。",
        "2023年1月12日",
    )
    meta = infer_metadata(text)
    assert meta.town is None or "\n" not in meta.town
    assert (meta.town, meta.county, meta.level, meta.year) == (None, "临河县", "township", 2022)


def test_he_county_named_after_its_province_or_city_but_not_in_xianwei_he_xianzhengfu():
    county = infer_metadata("安徽省和县人民政府关于2023年度法治政府建设情况的报告\n2023年，我县坚持依法行政。")
    assert (county.town, county.county, county.level) == ("和县", "和县", "county")
    town = infer_metadata("马鞍山市和县乌江镇2023年法治政府建设情况报告\n2023年，在县委和县政府的领导下，我镇依法行政。")
    assert (town.town, town.county) == ("乌江镇", "和县")
    elsewhere = infer_metadata("乌江镇2023年法治政府建设情况报告\n2023年，在县委和县政府的领导下，我镇依法行政。")
    assert elsewhere.county is None


@pytest.mark.parametrize(("opening", "title"), [
    ("马坪乡2024年法治政府\n建设情况报告", "马坪乡2024年法治政府建设情况报告"),  # a centred PDF title broken in two
    ("白沙镇\n法治政府建设工作情况报告", "白沙镇法治政府建设工作情况报告"),
    ("中共白沙镇委员会\n白沙镇人民政府\n关于2023年度法治政府建设情况的报告", "关于2023年度法治政府建设情况的报告"),
    ("白沙镇人民政府文件\n法治政府建设情况报告", "法治政府建设情况报告"),  # a masthead is not half a title
    ("白沙镇2023年法治政府建设情况报告\n工作情况汇报附件", "白沙镇2023年法治政府建设情况报告"),
])
def test_a_title_broken_over_two_lines_is_read_whole(opening, title):
    meta = infer_metadata(opening + "\n中共龙溪县委、龙溪县人民政府：\n2024年，我乡（镇）坚持依法行政，扎实推进法治政府建设。")
    assert meta.title == title


# ---- probe 8: forms county offices receive -----------------------------------------------------------------
@pytest.mark.parametrize("town, county", [("县前街道", "临湖区"), ("市桥街道", "海屿区"), ("新市镇", "溧阳市"), ("区庄镇", "泸水县"),
                                          ("新区街道", "高新区")])
def test_a_town_whose_name_begins_or_ends_with_a_county_character(town, county):
    meta = infer_metadata(lines(f"{town}2023年法治政府建设情况报告", f"{county}人民政府：", f"2023年，{town}党工委" + GUIDE,
                                "全年制发规范性文件2件。", LAW, f"中共{county}委{town}工作委员会", "2024年1月20日"))
    assert (meta.town, meta.county, meta.level) == (town, county, "township")


def test_a_county_before_a_town_still_ends_where_the_county_does():
    meta = infer_metadata(lines("开州区义和镇2022年法治政府建设情况报告", "2022年，义和镇" + GUIDE, LAW))
    assert (meta.town, meta.county) == ("义和镇", "开州区")


def test_the_plan_year_in_the_xianjiang_sentence_is_not_the_report_year():
    meta = infer_metadata(lines("新桥镇法治政府建设情况报告", "溧阳市人民政府：",
                                "2024年，新桥镇" + GUIDE + "现将我镇法治政府建设工作情况及2025年工作打算报告如下：", LAW,
                                "新桥镇人民政府", "2025年1月16日"))
    assert meta.year == 2024


@pytest.mark.parametrize("month", ["元", "正"])
def test_a_signature_in_yuanyue_is_january(month):
    meta = infer_metadata(lines("石门镇法治政府建设工作报告", "汶上县人民政府：", "今年以来，石门镇" + GUIDE, LAW,
                                "石门镇人民政府", f"2024年{month}月10日"), filename="shimen_2022.txt")
    assert meta.year == 2023


def test_a_plan_period_before_the_year_in_the_title_is_not_the_year():
    meta = infer_metadata(lines("白石镇关于贯彻落实《法治政府建设实施纲要（2021—2025年）》暨2023年度法治政府建设情况的报告",
                                "仪陇县人民政府：", "2023年，白石镇" + GUIDE, LAW, "白石镇人民政府", "2024年1月18日"))
    assert meta.year == 2023


def test_a_long_title_below_two_sender_lines_stays_the_title():
    title = "关于贯彻落实《法治政府建设实施纲要（2021—2025年）》暨2023年度法治政府建设情况的报告"
    meta = infer_metadata(lines("中共宁远县石桥镇委员会", "宁远县石桥镇人民政府", title, "中共宁远县委、宁远县人民政府：",
                                "2023年，石桥镇" + GUIDE, LAW))
    assert (meta.title, meta.town, meta.county, meta.year) == (title, "石桥镇", "宁远县", 2023)


def test_a_town_whose_name_holds_a_county_word_is_not_its_own_county():
    meta = infer_metadata(lines("旧县镇2023年法治政府建设情况报告", "中共汶上县委、汶上县人民政府：", "2023年，旧县镇" + GUIDE, LAW,
                                "汶上县旧县镇人民政府", "2024年1月15日"))
    assert (meta.town, meta.county) == ("旧县镇", "汶上县")


@pytest.mark.parametrize("plan", ["及2025年法治建设工作打算", "和2025年主要工作安排", "及2025年的工作计划"])
def test_more_wordings_of_the_plan_year_in_the_xianjiang_sentence(plan):
    meta = infer_metadata(lines("青石镇法治政府建设工作情况报告", "汶南县人民政府：",
                                f"2024年，青石镇坚持依法行政。现将我镇法治政府建设工作情况{plan}报告如下：", GUIDE, LAW,
                                "青石镇人民政府", "2025年1月12日"))
    assert meta.year == 2024


def test_a_plan_period_written_with_two_years_each_marked_nian():
    meta = infer_metadata(lines("白沙镇关于贯彻落实《法治政府建设实施纲要（2021年—2025年）》暨2023年度法治政府建设情况的报告",
                                "2023年，白沙镇" + GUIDE, LAW, "白沙镇人民政府", "2024年1月18日"))
    assert meta.year == 2023


# Written for the county rules: a word before 县/区 in the body is not a county's name
@pytest.mark.parametrize("sentence", ["认真对照县委依法治县办年度考核反馈意见查找问题。", "按照县里统一部署，设立综合行政执法办公室。",
                                      "考核结果已在街道政务公开栏和区政府门户网站予以公示。"])
def test_a_word_ending_before_county_or_district_is_no_county(sentence):
    text = report("石门乡2021年度法治政府建设工作情况报告", "石门乡" + BODY, sentence, "石门乡人民政府", "2022年1月20日")
    meta = infer_metadata(text)
    assert (meta.town, meta.county) == ("石门乡", None)


@pytest.mark.parametrize("sentence, county", [
    ("中共和县委、和县人民政府：", "和县"),  # a one-character county after 中共
    ("按照萧县县委统一部署，推进综合执法改革。", "萧县"),  # a listed one-character county after a verb
    ("平和县委、县政府：", "平和县"),  # a county whose name ends in 和, in the salutation
])
def test_real_one_character_and_joiner_ending_counties_are_kept(sentence, county):
    text = report("龙城镇2023年法治政府建设情况报告", sentence, "龙城镇" + BODY, "龙城镇人民政府", "2024年1月10日")
    assert infer_metadata(text).county == county


def test_a_county_visited_or_learned_from_is_not_the_authors_county():
    """A report that never names its own county, but sends its cadres to learn from another one: that county is
    not the report's (it stays empty); a county named as the report's own still is."""
    body = "今年以来，我街道深入推进法治建设，组织社区干部赴浙江省德清县学习借鉴基层治理经验，回来后在两个社区试点。" + GUIDE
    text = lines("河西街道2024年法治政府建设情况报告", "区委、区政府：", body, "河西街道办事处", "2025年1月10日")
    meta = infer_metadata(text)
    assert meta.town == "河西街道" and not meta.county
    learned = text.replace("赴浙江省德清县学习借鉴基层治理经验", "学习德清县的基层治理经验")
    assert not infer_metadata(learned).county
    own = text.replace("我街道深入推进法治建设", "德清县河西街道坚持镇党委统一领导，深入推进法治建设")
    assert infer_metadata(own).county == "德清县"


def test_a_county_named_only_in_passing_is_the_report_s_own_when_it_is_the_only_one():
    """No X县委, X县人民政府 or X县Y乡 anywhere (the salutation is just 县委、县政府：), but the body names one county
    in passing — its law firm, its exam: that county. A second county beside it, a county the town borders or
    works with, a county in front of another town, a 镇区/产区 or a word ending in 全县 name none."""
    body = ("今年以来，我乡组织全乡干部参加兰溪县国家工作人员网上学法考试，并聘请兰溪县明正律师事务所律师担任法律顾问，"
            "全年审查合同12份。" + GUIDE)
    text = lines("石坪乡2022年法治政府建设工作情况报告", "县委、县政府：", body, "石坪乡人民政府", "2023年1月16日")
    assert infer_metadata(text).county == "兰溪县"
    for other in ["我乡与岷江县接壤，边界纠纷时有发生。", "与邻近的岷江县三岔乡签订联调协议。", "和岷江县结对开展普法活动。"]:
        assert infer_metadata(text.replace("全年审查合同12份。", "全年审查合同12份。" + other)).county == "兰溪县"
    two = text.replace("聘请兰溪县明正", "聘请岷江县明正")
    assert not infer_metadata(two).county  # two counties in passing: the report's own is unknown
    for none in ["今年以来，我乡把园区打造成全县营商环境最优的区域，", "今年以来，我乡新增县级法治示范村2个，",
                 "今年以来，面对镇区人口增长较快的形势，", "今年以来，我乡在中药材产区开展送法活动，"]:
        bare = lines("石坪乡2022年法治政府建设工作情况报告", "县委、县政府：", none + GUIDE, "石坪乡人民政府", "2023年1月16日")
        assert not infer_metadata(bare).county, none


def test_a_tourist_resort_s_management_committee_is_a_unit():
    """A 旅游度假区管委会 reports like a 开发区 (probe 27): named in the title and the signature, it is the unit; a
    resort merely named in the body of a town's report is not."""
    text = lines("白鹭湖旅游度假区管委会2022年法治政府建设情况报告", "区委、区政府：",
                 "2022年，白鹭湖旅游度假区管委会在云陵区委、区政府的坚强领导下，" + GUIDE, "白鹭湖旅游度假区管理委员会",
                 "2023年1月30日")
    meta = infer_metadata(text)
    assert (meta.town, meta.county, meta.year) == ("白鹭湖旅游度假区", "云陵区", 2022)
    town = lines("龙潭镇2022年法治政府建设情况报告", "区委、区政府：",
                 "2022年，龙潭镇配合白鹭湖旅游度假区开展联合执法，" + GUIDE, "龙潭镇人民政府", "2023年1月20日")
    assert infer_metadata(town).town == "龙潭镇"


def test_a_county_after_a_joining_word_is_still_named_in_passing_and_two_still_name_none():
    """"镇卫生院与兰溪县人民医院建立联调机制": the county after 与 (probe 29; not 院与兰溪县); a second county's hospital
    (联合岷江县人民医院开展义诊) makes two counties in passing, so none."""
    body = "今年以来，我乡积极参与兰溪县法治护航专项行动，乡卫生院与兰溪县人民医院建立医患纠纷联调机制。" + GUIDE
    text = lines("石坪乡2023年法治政府建设情况报告", "县委、县政府：", body, "石坪乡人民政府", "2024年1月16日")
    assert infer_metadata(text).county == "兰溪县"
    two = text.replace("乡卫生院与兰溪县人民医院建立", "联合岷江县人民医院建立")
    assert not infer_metadata(two).county


def test_a_scenic_area_s_committee_is_a_unit():
    text = lines("青龙山风景名胜区管理委员会2023年法治政府建设工作报告", "市委、市政府：",
                 "2023年，青龙山风景名胜区管委会坚持依法治区，" + GUIDE, "青龙山风景名胜区管理委员会", "2024年1月22日")
    assert infer_metadata(text).town == "青龙山风景名胜区"


def test_a_town_whose_name_ends_in_xiang_is_named_where_the_author_is_named():
    meta = infer_metadata(lines(
        "枫乡镇2023年度法治政府建设工作报告", "县委、县人民政府：", "2023年，枫乡镇" + GUIDE, LAW,
        "五、其他需要报告的情况", "我镇作为被告的行政诉讼案件1件（村民不服镇政府作出的处理决定），法院判决驳回原告诉讼请求。",
        "枫乡镇人民政府", "2023年12月28日"))
    assert (meta.town, meta.level, meta.year) == ("枫乡镇", "township", 2023)
    # the common word stays a common word, also in a title
    assert infer_metadata(lines("全县乡镇2023年度法治政府建设工作报告", "2023年，我县" + GUIDE)).town != "全县乡镇"
    assert infer_metadata(lines("关于农村乡镇法治政府建设的报告", "2023年，我镇" + GUIDE, "石门镇人民政府")).town == "石门镇"


def test_a_county_only_in_its_own_rule_of_law_plan_and_no_banner_from_a_joining_word():
    body = ("2022年，巴彦塔拉镇在旗委、旗政府的坚强领导下，对照《哈达图旗2022年法治政府建设工作要点》，" + GUIDE,
            "公布镇级权责清单，在镇政务公开栏和旗政府门户网站公开。" + LAW)
    meta = infer_metadata(lines("关于2022年度法治政府建设工作情况的报告", "旗委、旗人民政府：", *body))
    assert (meta.town, meta.county) == ("巴彦塔拉镇", "哈达图旗")
    # another county's document the town learned from is not its county's
    learned = ("2022年，白沙乡" + GUIDE, "乡司法所组织专人赴新野县学习，认真研读《新野县法治政府建设实施方案》。" + LAW)
    assert infer_metadata(lines("关于2022年度法治政府建设工作情况的报告", "县委、县政府：", *learned)).county is None
    other = ("2022年，白沙乡" + GUIDE, "认真研读《新野县“法律明白人”培养工程实施办法》，在各村推广。" + LAW)
    assert infer_metadata(lines("关于2022年度法治政府建设工作情况的报告", "县委、县政府：", *other)).county is None
