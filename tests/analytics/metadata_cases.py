"""Openings and signatures of township 法治政府建设 reports, written for the metadata tests.

Each case is a title + salutation + first sentences + signature in one of the layouts real
reports arrive in (line per paragraph, one run-on line copied from a web page, letterheads,
web-page headers), with the reporting unit, county, level and reported year a careful reader
would write down. Names are real-looking but chosen freely; a field the text does not state is
None. The traps each case exercises are in its id.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    town: str | None
    county: str | None
    level: str | None
    year: int | None


GUIDE = "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面推进乡村振兴，统筹推进新型城镇化建设，法治政府建设各项工作取得新成效。"
LAW = "严格落实行政执法三项制度，重大行政决策全部经过合法性审查，全年开展送法下乡活动12场，发放宣传资料4000余份，各村法律明白人队伍达到86人。"
PEACE = "矛盾纠纷排查化解机制不断健全，人民调解组织覆盖全部行政村，全年调处矛盾纠纷57件，调解成功率98%。"
PARTS = "二、存在的不足和原因 一是法治宣传形式单一；二是执法人员不足，部门联动不够。三、下一步工作计划 持续深化法治宣传教育，加强执法队伍建设，提升依法行政水平。"
PARTS_LINES = "二、存在的不足和原因\n一是法治宣传形式单一；二是执法人员不足，部门联动不够。\n三、下一步工作计划\n持续深化法治宣传教育，加强执法队伍建设。"


def lines(*parts: str) -> str:
    return "\n".join(parts)


CASES: list[Case] = [
    # --- a verb or adverb in front of 镇/乡/街道 is not part of a name
    Case(
        "verb-before-zhen-party-committee, town in title, run-on",
        "有福镇2022年法治政府建设工作报告 2022年，在县委、县政府的正确领导下，坚持镇党委统一领导，" + GUIDE
        + "一、主要举措和成效（一）坚持镇党委统一领导。坚持镇党委书记履行法治建设第一责任人职责，" + LAW + PARTS,
        "有福镇", None, "township", 2022,
    ),
    Case(
        "verb-before-zhen-party-committee, town only in signature",
        lines(
            "关于2023年度法治政府建设情况的报告",
            "中共淳安县委、淳安县人民政府：",
            "2023年，我镇坚持镇党委统一领导，" + GUIDE,
            "一、主要举措和成效",
            "坚持镇党委统一领导法治建设，坚持镇党委理论学习中心组集体学法制度，" + LAW,
            PEACE,
            PARTS_LINES,
            "青溪镇人民政府",
            "2024年1月10日",
        ),
        "青溪镇", "淳安县", "township", 2023,
    ),
    Case(
        "whole report as one run-on line with signature at its end",
        "石塘镇2022年法治政府建设工作报告 2022年以来，在县委、县政府的坚强领导下，石塘镇坚持镇党委统一领导，" + GUIDE
        + "一、主要举措和成效（一）加强组织领导。坚持镇党委书记履行第一责任人职责，" + LAW + PEACE + PARTS
        + " 石塘镇人民政府 2023年1月16日",
        "石塘镇", None, "township", 2022,
    ),
    Case(
        "publicity verb before 街道, unit named as first subject",
        lines(
            "关于2022年度法治政府建设工作情况的报告",
            "区委、区政府：",
            "长青街道在区委、区政府的坚强领导下，" + GUIDE,
            "一、主要举措和成效",
            "（一）推进政务公开。主动公开街道权责清单，主动公开街道财政预决算信息，全年主动公开街道政务信息236条。" + LAW,
            PEACE,
        ),
        "长青街道", None, "township", 2022,
    ),
    Case(
        "publicity verb before 街道, unit name with 中",
        lines(
            "关于2023年度法治政府建设情况的报告",
            "区委、区政府：",
            "中和街道在区委、区政府的正确领导下，" + GUIDE,
            "全面推进街道综合行政执法改革，主动公开街道政务信息180条，主动公开街道权责清单。" + LAW,
        ),
        "中和街道", None, "township", 2023,
    ),
    Case(
        "printing verb glued to the town name",
        lines(
            "法治政府建设情况报告",
            "2021年，双桥镇组织开展法治宣传进村入户活动，" + GUIDE,
            "印制双桥镇法律明白人工作手册800册，印制双桥镇法治宣传挂历3000份，" + LAW,
        ),
        "双桥镇", None, "township", 2021,
    ),
    Case(
        "many verbs before 镇, unit only in the party-committee signature",
        lines(
            "法治政府建设情况报告",
            "一年来，督促镇村干部学法用法，组织镇机关干部参加法律知识考试，召开镇党委会专题研究法治建设4次，提请镇人大审议重大事项3项。",
            LAW,
            PEACE,
            "中共马岭镇委员会",
            "2023年1月12日",
        ),
        "马岭镇", None, "township", 2022,
    ),
    Case(
        "全面推进街道 trap, unit in the office signature",
        lines(
            "2023年度法治政府建设情况报告",
            "全面推进街道综合行政执法改革，持续优化街道营商环境，" + GUIDE,
            LAW,
            "新华街道办事处",
            "2024年1月20日",
        ),
        "新华街道", None, "township", 2023,
    ),
    # --- the salutation names the addressee, never the author
    Case(
        "salutation names the county twice, town ends in 城镇",
        lines(
            "法治政府建设工作情况报告",
            "中共蓬安县县委、蓬安县人民政府：",
            "现将金城镇2024年法治政府建设工作情况报告如下：",
            "一、主要举措和成效",
            GUIDE + LAW,
            PARTS_LINES,
        ),
        "金城镇", "蓬安县", "township", 2024,
    ),
    Case(
        "salutation names the county, town named once in 现将",
        lines(
            "法治政府建设工作情况报告",
            "中共苍溪县委、苍溪县人民政府：",
            "现将白驿镇2023年法治政府建设工作情况报告如下：",
            GUIDE + LAW,
        ),
        "白驿镇", "苍溪县", "township", 2023,
    ),
    Case(
        "salutation only, town never named",
        lines(
            "关于2022年法治政府建设情况的报告",
            "中共长顺县委、长顺县人民政府：",
            "2022年，我镇坚持镇党委统一领导，" + GUIDE,
            "镇党委书记认真履行推进法治建设第一责任人职责。" + LAW,
        ),
        None, "长顺县", "township", 2022,
    ),
    Case(
        "run-on with salutation between title and body",
        "关于2023年度法治政府建设情况的报告 中共永新县委、永新县人民政府：2023年，在县委、县政府的坚强领导下，高桥楼镇"
        + GUIDE + LAW + PARTS + "高桥楼镇人民政府 2024年1月5日",
        "高桥楼镇", "永新县", "township", 2023,
    ),
    Case(
        "run-on, salutation glued to the title",
        "关于2022年法治政府建设情况的报告区委、区政府：2022年，滨江街道党工委、办事处" + GUIDE + LAW + PARTS
        + "滨江街道办事处2023年2月10日",
        "滨江街道", None, "township", 2022,
    ),
    Case(
        "salutation is the county rule-of-law office",
        lines(
            "九坝镇2022年法治政府建设工作报告",
            "中共桐梓县委全面依法治县委员会办公室：",
            "2022年，九坝镇" + GUIDE,
            LAW,
        ),
        "九坝镇", "桐梓县", "township", 2022,
    ),
    Case(
        "town title, county government addressed",
        lines(
            "石门乡人民政府关于2021年度法治政府建设情况的报告",
            "汝阳县人民政府：",
            "2021年，石门乡" + GUIDE,
            LAW,
        ),
        "石门乡", "汝阳县", "township", 2021,
    ),
    # --- title and patterns outrank the body
    Case(
        "district and town-government title",
        lines(
            "綦江区中峰镇人民政府关于2022年法治政府建设情况的报告",
            "区委、区政府：",
            "2022年，中峰镇在区委、区政府的正确领导下，" + GUIDE,
            LAW,
        ),
        "中峰镇", "綦江区", "township", 2022,
    ),
    Case(
        "province-city-county-town title, three-character name",
        lines(
            "湖南省邵阳市隆回县六都寨镇2023年法治政府建设工作报告",
            "2023年，六都寨镇" + GUIDE,
            LAW,
        ),
        "六都寨镇", "隆回县", "township", 2023,
    ),
    Case(
        "party and government letterhead lines above the title",
        lines(
            "中共东湖镇委员会 东湖镇人民政府",
            "关于2022年度法治政府建设工作的报告",
            "县委、县政府：",
            "2022年，我镇" + GUIDE,
            LAW,
        ),
        "东湖镇", None, "township", 2022,
    ),
    Case(
        "subdistrict party committee and office title, name with 和",
        lines(
            "中共和平街道工作委员会 和平街道办事处关于2023年法治政府建设情况的报告",
            "2023年，和平街道" + GUIDE,
            LAW,
        ),
        "和平街道", None, "township", 2023,
    ),
    Case(
        "other towns visited in the body, unit only in signature",
        lines(
            "关于2022年度法治政府建设情况的报告",
            "2022年，我镇组织干部赴桃花镇、杏林镇学习交流，借鉴桃花镇综合执法改革经验，邀请杏林镇司法所所长授课2次，" + GUIDE,
            LAW,
            "中共柳河镇委员会",
            "柳河镇人民政府",
            "2023年1月9日",
        ),
        "柳河镇", None, "township", 2022,
    ),
    Case(
        "web page header with publisher, run-on",
        "索引号：115227001/2023-00012 发布机构：龙潭镇人民政府 发布日期：2023-02-15 分类：法定主动公开内容 龙潭镇2022年法治政府建设情况报告 "
        "2022年，龙潭镇" + GUIDE + LAW + PARTS,
        "龙潭镇", None, "township", 2022,
    ),
    Case(
        "town named in the body behind the county party committee",
        lines(
            "法治政府建设工作报告",
            "2022年，在中共华容县委的正确领导下，东山镇党委、政府" + GUIDE,
            LAW,
        ),
        "东山镇", "华容县", "township", 2022,
    ),
    Case(
        "name with 有 in a run-on title",
        "有庆乡2023年法治政府建设工作报告 2023年，有庆乡党委、政府" + GUIDE + "坚持乡党委统一领导。" + LAW + PARTS,
        "有庆乡", None, "township", 2023,
    ),
    Case(
        "name with 于",
        lines("于集乡2023年度法治政府建设情况报告", "2023年，于集乡" + GUIDE, LAW),
        "于集乡", None, "township", 2023,
    ),
    Case(
        "name ending in 城镇 as first subject",
        lines("2022年法治政府建设工作总结", "龙城镇坚持以习近平法治思想为指导，" + LAW, PEACE),
        "龙城镇", None, "township", 2022,
    ),
    Case(
        "three-character 乡 with 送法下乡 and 乡村振兴",
        lines("三道河乡2021年法治政府建设工作报告", "2021年，三道河乡" + GUIDE, LAW, "三道河乡人民政府", "2022年1月18日"),
        "三道河乡", None, "township", 2021,
    ),
    # --- 民族乡 / 民族镇
    Case(
        "瑶族乡 in body and signature, autonomous county addressed",
        lines(
            "关于2023年法治政府建设情况的报告",
            "中共江华瑶族自治县委、江华瑶族自治县人民政府：",
            "2023年，大圩瑶族乡党委、政府" + GUIDE,
            LAW,
            "大圩瑶族乡人民政府",
            "2024年2月1日",
        ),
        "大圩瑶族乡", "江华瑶族自治县", "township", 2023,
    ),
    Case(
        "土家族乡 title",
        lines("白沙土家族乡2022年法治政府建设工作报告", "2022年，白沙土家族乡" + GUIDE, LAW),
        "白沙土家族乡", None, "township", 2022,
    ),
    Case(
        "回族镇 run-on",
        "新民回族镇关于2022年度法治政府建设情况的报告 2022年，新民回族镇" + GUIDE + LAW + PARTS,
        "新民回族镇", None, "township", 2022,
    ),
    Case(
        "苗族乡 only as first subject",
        lines("法治政府建设情况报告", "2021年，黄土苗族乡坚持" + GUIDE, LAW),
        "黄土苗族乡", None, "township", 2021,
    ),
    Case(
        "彝族乡 under a county in the title",
        lines("峨边县白杨彝族乡2023年法治政府建设情况报告", "2023年，白杨彝族乡" + GUIDE, LAW),
        "白杨彝族乡", "峨边县", "township", 2023,
    ),
    # --- 片区, 管理区, 开发区, 农场
    Case(
        "片区管理局",
        lines("大河片区管理局2022年法治政府建设工作报告", "2022年，大河片区管理局在县委、县政府的坚强领导下，" + GUIDE, LAW),
        "大河片区", None, "township", 2022,
    ),
    Case(
        "管理区",
        lines("湖滨管理区2023年法治政府建设情况报告", "2023年，湖滨管理区党工委、管委会" + GUIDE, LAW),
        "湖滨管理区", None, "township", 2023,
    ),
    Case(
        "开发区管委会",
        lines(
            "金山经济开发区管委会关于2022年法治政府建设情况的报告",
            "县委、县政府：",
            "2022年，开发区管委会" + GUIDE,
            LAW,
        ),
        "金山经济开发区", None, "township", 2022,
    ),
    Case(
        "农场",
        lines("五星农场2021年法治政府建设工作报告", "2021年，五星农场" + GUIDE, LAW, "五星农场", "2022年1月6日"),
        "五星农场", None, "township", 2021,
    ),
    # --- county from the title and from autonomous-county names
    Case(
        "county in the title ends in 城区",
        lines("江城区2023年坡头镇法治政府建设情况报告", "2023年，坡头镇" + GUIDE, LAW),
        "坡头镇", "江城区", "township", 2023,
    ),
    Case(
        "autonomous county before the town in the title",
        lines("秀山土家族苗族自治县钟灵镇2022年法治政府建设情况报告", "2022年，钟灵镇" + GUIDE, LAW),
        "钟灵镇", "秀山土家族苗族自治县", "township", 2022,
    ),
    Case(
        "autonomous banner before the town in the title",
        lines("鄂温克族自治旗巴彦托海镇2022年法治政府建设工作报告", "2022年，巴彦托海镇" + GUIDE, LAW),
        "巴彦托海镇", "鄂温克族自治旗", "township", 2022,
    ),
    # --- county-level reports stay county/district/city level
    Case(
        "district report whose name ends in 城区",
        lines("宛城区2022年法治政府建设年度报告", "2022年，宛城区坚持" + GUIDE, "指导红泥湾镇、汉冶街道开展法治示范创建。" + LAW),
        "宛城区", "宛城区", "district", 2022,
    ),
    Case(
        "district government report mentioning towns and subdistricts",
        lines(
            "龙城区人民政府关于2022年法治政府建设情况的报告",
            "市委、市政府：",
            "2022年，区政府坚持" + GUIDE,
            "指导石门镇、车站街道开展法治建设示范创建，各镇街道全部建成公共法律服务工作站。" + LAW,
            "龙城区人民政府",
            "2023年3月1日",
        ),
        "龙城区", "龙城区", "district", 2022,
    ),
    Case(
        "county whose name starts with 镇",
        lines(
            "镇平县人民政府关于2021年度法治政府建设情况的报告",
            "2021年，镇平县坚持" + GUIDE,
            "在石佛寺镇、贾宋镇开展基层法治建设试点。" + LAW,
        ),
        "镇平县", "镇平县", "county", 2021,
    ),
    Case(
        "county report name ending in 城县",
        lines("汝城县2022年法治政府建设年度报告", "2022年，汝城县" + GUIDE, LAW),
        "汝城县", "汝城县", "county", 2022,
    ),
    Case(
        "autonomous county government report",
        lines("石柱土家族自治县人民政府关于2022年法治政府建设情况的报告", "2022年，全县" + GUIDE, LAW),
        "石柱土家族自治县", "石柱土家族自治县", "county", 2022,
    ),
    Case(
        "county-level city report",
        lines("都江堰市人民政府关于2022年度法治政府建设情况的报告", "2022年，全市" + GUIDE, LAW),
        "都江堰市", None, "city", 2022,
    ),
    Case(
        "district report in one run-on line",
        "龙岗区2022年法治政府建设年度报告 2022年，龙岗区坚持" + GUIDE + "指导各镇街道落实行政执法三项制度，" + LAW + PARTS,
        "龙岗区", "龙岗区", "district", 2022,
    ),
    # --- level from 我乡/我镇/街道 when no name is given
    Case(
        "我乡 and 乡党委 only",
        lines(
            "关于2022年度法治政府建设情况的报告",
            "县委、县政府：",
            "2022年，我乡在县委、县政府的正确领导下，" + GUIDE,
            "乡党委高度重视法治建设，" + LAW,
        ),
        None, None, "township", 2022,
    ),
    Case(
        "街道党工委 only",
        lines("2023年法治政府建设工作报告", "区委、区政府：", "2023年，街道党工委、办事处坚持" + GUIDE, LAW),
        None, None, "township", 2023,
    ),
    Case(
        "我区 only",
        lines("关于2022年度法治政府建设情况的报告", "市委、市政府：", "2022年，我区坚持" + GUIDE, "全区" + LAW),
        None, None, "district", 2022,
    ),
    Case(
        "nothing said at all",
        GUIDE + LAW + PEACE,
        None, None, None, None,
    ),
    # --- years
    Case(
        "signature date in Chinese numerals",
        lines("法治政府建设工作报告", "一年来，牛集镇" + GUIDE, LAW, "牛集镇人民政府", "二〇二三年二月八日"),
        "牛集镇", None, "township", 2022,
    ),
    Case(
        "title names the year and the plan year",
        lines(
            "关于2022年度法治政府建设情况和2023年工作打算的报告",
            "三河镇党委、政府坚持" + GUIDE,
            LAW,
        ),
        "三河镇", None, "township", 2022,
    ),
    Case(
        "plan period in the first sentence, December signature",
        lines(
            "法治政府建设工作总结",
            "对照《法治政府建设实施纲要（2021—2025年）》，高峰镇" + GUIDE,
            LAW,
            "中共高峰镇委员会 高峰镇人民政府 2022年12月28日",
        ),
        "高峰镇", None, "township", 2022,
    ),
    Case(
        "management committee above the town, no county named",
        lines("李庄镇2021年法治政府建设年度报告", "2021年以来，在区党工委、管委会的正确领导下，李庄镇" + GUIDE, LAW),
        "李庄镇", None, "township", 2021,
    ),
    # --- found on reports written for a later probe (after HELD_OUT)
    Case(
        "joining 和 before 县委 is not the county 和县",
        lines("2024年度法治政府建设工作情况报告",
              "2024年以来，在上级党委政府的坚强领导和县委依法治县办的具体指导下，我乡" + GUIDE, LAW, PEACE,
              PARTS_LINES, "关庙乡人民政府", "2025年1月6日"),
        "关庙乡", None, "township", 2024,
    ),
    Case(
        "中共和县委员会 is the county 和县",
        lines("中共和县委员会 和县人民政府", "关于2023年度法治政府建设情况的报告", "2023年，我县" + GUIDE, LAW),
        "和县", "和县", "county", 2023,
    ),
    Case(
        "county in front of a 管理区 in the signature, bare name in the title",
        lines("龙湾管理区2023年度法治政府建设情况报告", "2023年，龙湾管理区党工委" + GUIDE, LAW, PEACE,
              "中共潜江市龙湾管理区工作委员会", "潜江市龙湾管理区管理委员会", "2024年1月15日"),
        "龙湾管理区", "潜江市", "township", 2023,
    ),
    Case(
        "breadcrumb of a web page before a run-on title",
        "当前位置：首页 > 政务公开 > 法治政府建设 > 年度报告 石桥铺镇2022年法治政府建设年度报告 "
        "发布时间：2023-02-10 浏览次数：88 2022年，石桥铺镇" + GUIDE + LAW + PARTS,
        "石桥铺镇", None, "township", 2022,
    ),
]


# Written after the detector had been rebuilt on CASES and measured as they stand, before any
# change was made for them: they check that the rules carry over to phrasings the detector was
# not built on.
HELD_OUT: list[Case] = [
    Case(
        "town government title with 年度 and 工作情况",
        lines("桥头镇人民政府关于2022年度法治政府建设工作情况的报告", "县委、县政府：", "今年以来，桥头镇党委、政府" + GUIDE, LAW),
        "桥头镇", None, "township", 2022,
    ),
    Case(
        "year first, subdistrict in title",
        lines("2022年度杨柳街道法治政府建设情况报告", "区委、区政府：", "2022年，杨柳街道" + GUIDE, LAW),
        "杨柳街道", None, "township", 2022,
    ),
    Case(
        "party committee and government signature on one line",
        lines("关于法治政府建设工作情况的报告", "今年以来，我乡" + GUIDE, LAW, PEACE, "中共团山乡委员会  团山乡人民政府", "2023年3月20日"),
        "团山乡", None, "township", 2022,
    ),
    Case(
        "run-on, headings glued to sentences, county and town in body",
        "关于2021年法治政府建设工作的报告 2021年，在中共鹿邑县委、县政府的正确领导下，鹿邑县太清宫镇" + GUIDE
        + "一、主要工作开展情况" + LAW + "二、存在问题" + "部门联动不够。" + "三、下一步打算" + "加强执法队伍建设。",
        "太清宫镇", "鹿邑县", "township", 2021,
    ),
    Case(
        "salutation is the district rule-of-law office",
        lines("瓦店镇2023年法治政府建设工作报告", "区委依法治区办：", "2023年，瓦店镇" + GUIDE, LAW),
        "瓦店镇", None, "township", 2023,
    ),
    Case(
        "government portal line above the title",
        lines("武陟县人民政府门户网站", "西陶镇2022年法治政府建设情况报告", "2022年，西陶镇" + GUIDE, LAW),
        "西陶镇", "武陟县", "township", 2022,
    ),
    Case(
        "满族乡 signature",
        lines("关于2022年度法治政府建设情况的报告", "2022年，我乡" + GUIDE, LAW, "二道河满族乡人民政府", "2023年1月30日"),
        "二道河满族乡", None, "township", 2022,
    ),
    Case(
        "蒙古族乡 title",
        lines("哈拉沟蒙古族乡2023年法治政府建设工作总结", "2023年，哈拉沟蒙古族乡" + GUIDE, LAW),
        "哈拉沟蒙古族乡", None, "township", 2023,
    ),
    Case(
        "畲族乡 in the first sentence only",
        lines("法治政府建设年度报告", "2022年以来，鹤溪畲族乡党委" + GUIDE, LAW),
        "鹤溪畲族乡", None, "township", 2022,
    ),
    Case(
        "year in Chinese numerals with 度",
        lines("龙泉镇二〇二二年度法治政府建设情况报告", "二〇二二年，龙泉镇" + GUIDE, LAW),
        "龙泉镇", None, "township", 2022,
    ),
    Case(
        "spaced year in title",
        lines("青石 镇 2023 年法治政府建设工作报告", "2023 年，青石镇" + GUIDE, LAW),
        "青石镇", None, "township", 2023,
    ),
    Case(
        "county before the town in the body",
        lines("法治政府建设工作开展情况", "2022年，睢县白庙乡" + GUIDE, "白庙乡党委书记认真履行第一责任人职责。" + LAW),
        "白庙乡", "睢县", "township", 2022,
    ),
    Case(
        "letterhead with party committee, title below",
        lines("中共石桥镇委员会", "关于2023年度法治政府建设情况的报告", "中共余庆县委：", "2023年，石桥镇" + GUIDE, LAW),
        "石桥镇", "余庆县", "township", 2023,
    ),
    Case(
        "county-level city subdistrict office title",
        lines("邹城市钢山街道办事处2022年度法治政府建设工作报告", "2022年，钢山街道" + GUIDE, LAW),
        "钢山街道", "邹城市", "township", 2022,
    ),
    Case(
        "我街道 only",
        lines("关于2023年度法治政府建设工作情况的报告", "区委、区政府：", "2023年，我街道坚持" + GUIDE, "街道党工委书记履行第一责任人职责。" + LAW),
        None, None, "township", 2023,
    ),
    Case(
        "district report with 区委区政府 and towns in body",
        lines(
            "新都区2023年度法治政府建设情况报告",
            "2023年，新都区坚持" + GUIDE,
            "推动大丰街道、新繁街道、斑竹园镇建设法治示范点，" + LAW,
        ),
        "新都区", "新都区", "district", 2023,
    ),
    Case(
        "untitled names, town repeated plainly, villages named",
        lines(
            "关于法治政府建设工作情况的报告",
            "一年来，金桥镇法治建设稳步推进。" + GUIDE,
            "在金桥镇各村开展法治宣传，在东风村、红旗村建设法治文化广场。" + LAW,
        ),
        "金桥镇", None, "township", None,
    ),
    Case(
        "高新技术产业开发区",
        lines("江北高新技术产业开发区管委会2022年法治政府建设情况报告", "2022年，管委会" + GUIDE, LAW),
        "江北高新技术产业开发区", None, "township", 2022,
    ),
    Case(
        "片区 title without 管理局",
        lines("城东片区2023年法治政府建设工作报告", "2023年，城东片区" + GUIDE, LAW),
        "城东片区", None, "township", 2023,
    ),
    Case(
        "国营农场",
        lines("国营黄河农场2022年法治政府建设工作报告", "2022年，农场" + GUIDE, LAW),
        "黄河农场", None, "township", 2022,
    ),
    Case(
        "管理区 with 管委会 signature",
        lines("关于2022年度法治政府建设情况的报告", "2022年，我区" + GUIDE, LAW, "西湖管理区管委会", "2023年2月3日"),
        "西湖管理区", None, "township", 2022,
    ),
    Case(
        "verbs before 镇 everywhere, unit in title",
        lines(
            "河口镇2022年法治政府建设工作报告",
            "持续推进镇综合行政执法改革，积极配合镇司法所开展社区矫正，依托镇综治中心化解矛盾纠纷，严格落实镇党委理论学习中心组学法制度，"
            + GUIDE,
            LAW,
        ),
        "河口镇", None, "township", 2022,
    ),
    Case(
        "verbs before 街道, unit only in the office signature, run-on",
        "2023年度法治政府建设情况报告 优化街道营商环境，深化街道综合执法改革，规范街道行政执法行为。" + GUIDE + LAW
        + "柳湖街道办事处 2024年1月15日",
        "柳湖街道", None, "township", 2023,
    ),
    Case(
        "进一步 before 镇",
        lines("关于2022年度法治政府建设情况的报告", "进一步规范镇政府重大行政决策程序，" + GUIDE, LAW, "大坪镇人民政府", "2023年1月5日"),
        "大坪镇", None, "township", 2022,
    ),
    Case(
        "name with 之",
        lines("之江街道2022年法治政府建设情况报告", "2022年，之江街道" + GUIDE, LAW),
        "之江街道", None, "township", 2022,
    ),
    Case(
        "city-level report",
        lines("信阳市2022年法治政府建设年度报告", "2022年，信阳市坚持" + GUIDE, LAW),
        "信阳市", None, "city", 2022,
    ),
    Case(
        "web header with publishing date and source, run-on",
        "发布时间：2023-03-15 来源：荷花街道办事处 浏览次数：128 荷花街道2022年法治政府建设年度报告 2022年，荷花街道" + GUIDE + LAW,
        "荷花街道", None, "township", 2022,
    ),
    Case(
        "county government addressed, 我镇 only",
        lines("关于2022年法治政府建设工作的报告", "沅陵县人民政府：", "2022年，我镇" + GUIDE, "镇党委" + LAW),
        None, "沅陵县", "township", 2022,
    ),
    Case(
        "party committee and government in one title line",
        lines("中共双河镇委员会 双河镇人民政府关于2023年法治政府建设情况的报告", "2023年，双河镇" + GUIDE, LAW),
        "双河镇", None, "township", 2023,
    ),
    Case(
        "autonomous county named short in salutation",
        lines("关于2022年度法治政府建设情况的报告", "中共酉阳县委、酉阳县人民政府：", "2022年，龚滩镇" + GUIDE, LAW, "龚滩镇人民政府", "2023年1月6日"),
        "龚滩镇", "酉阳县", "township", 2022,
    ),
    Case(
        "town named after 在 in the opening",
        lines("法治政府建设情况报告", "2022年，在县委、县政府的正确领导下，在永丰乡党委的统一部署下，全乡" + GUIDE, LAW),
        "永丰乡", None, "township", 2022,
    ),
    Case(
        "town name ending in 城镇 in the signature",
        lines("关于2022年度法治政府建设情况的报告", "2022年，我镇" + GUIDE, LAW, "新城镇人民政府", "2023年2月14日"),
        "新城镇", None, "township", 2022,
    ),
    Case(
        "district government report, name ending in 城区",
        lines("鹿城区人民政府关于2021年度法治政府建设工作情况的报告", "2021年，鹿城区" + GUIDE, LAW),
        "鹿城区", "鹿城区", "district", 2021,
    ),
    Case(
        "upload whose title is only the county, signature of a town",
        lines("清远市清新区2022年法治政府建设情况报告", "2022年，我镇" + GUIDE, LAW, "太和镇人民政府", "2023年2月20日"),
        "太和镇", "清新区", "township", 2022,
    ),
    Case(
        "joining 和 after a closing 》 before 县委 is not the county 和县",
        lines("桃溪镇2023年度法治政府建设情况报告",
              "2023年，桃溪镇认真贯彻《法治政府建设实施纲要（2021—2025年）》和县委、县政府关于法治建设的部署，"
              "在县委和县政府的正确领导下，" + GUIDE, LAW, "桃溪镇人民政府", "2024年1月8日"),
        "桃溪镇", None, "township", 2023,
    ),
    Case(
        "masthead and document number above a notice's title",
        lines("柏树湾镇人民政府文件", "柏政发〔2025〕6号",
              "柏树湾镇人民政府关于印发《柏树湾镇2025年度普法依法治理工作方案》的通知",
              "各村（社区）、镇直各单位：", "现将方案印发给你们，请认真贯彻落实。", "柏树湾镇人民政府", "2025年2月20日"),
        "柏树湾镇", None, "township", 2025,
    ),
    Case(
        "片区 under a district: the district in front is not part of its name",
        lines("鹤鸣区白鹭湾片区管理委员会关于2023年法治政府建设工作情况的报告",
              "2023年，白鹭湾片区在区委、区政府的正确领导下，" + GUIDE, LAW, "鹤鸣区白鹭湾片区管理委员会", "2024年1月10日"),
        "白鹭湾片区", "鹤鸣区", "township", 2023,
    ),
]
