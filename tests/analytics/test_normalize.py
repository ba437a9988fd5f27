"""normalize_text on the real seeds and on small texts in the styles seen in converted files."""

from __future__ import annotations

import re
import unicodedata

import pytest

from analytics.normalize import chinese_char_count, normalize_text
from tests.analytics.texts import ONE_FORM, visible

SENTENCE_END = "。！？；：!?;:"





def test_seeds_keep_every_character(seed_texts):
    for town, raw in seed_texts.items():
        assert visible(normalize_text(raw)) == visible(raw), town


def test_seeds_keep_their_paragraphs(seed_texts):
    """Every original line stays a paragraph, except that a long line cut mid-sentence (no final
    punctuation, next line not a list item) is joined with the line after it."""
    marker = re.compile(r"[一二三四五六七八九十]+[、是]|（[一二三四五六七八九十]+）|\d+、")
    for town, raw in seed_texts.items():
        expected: list[str] = []
        for line in (line.strip().replace("**", "") for line in raw.split("\n")):
            if not line:
                continue
            prev = expected[-1] if expected else ""
            if len(prev) > 40 and prev[-1] not in SENTENCE_END and not marker.match(line):
                expected[-1] = prev + line
            else:
                expected.append(line)
        assert normalize_text(raw).translate(ONE_FORM).split("\n") == [e.translate(ONE_FORM) for e in expected], town


def test_broken_sentences_are_rejoined(seed_texts):
    text = normalize_text(seed_texts["苏河镇"])
    assert "合法\n" not in text and "合法性审查和集体研究决定" in text
    assert "并将法治建设工作列入镇党委" in text
    assert "依法全面履行政府职能" in text


def test_headings_without_punctuation_stay_on_their_own_line(seed_texts):
    lines = normalize_text(seed_texts["南郊镇"]).split("\n")
    for heading in ("主要举措和成效", "存在的不足及原因", "党政主要负责人履行推进法治建设第一责任人职责情况"):
        assert heading in lines
    lines = normalize_text(seed_texts["周营镇"]).split("\n")
    assert lines[-2:] == ["周营镇人民政府", "2023年12月13日"]
    assert "（四）加强廉政建设，不断提升党员干部法治素养" in lines


def test_rejoin_rules_on_small_texts():
    assert normalize_text("合法\n\n性审查") == "合法性审查"
    text = "关于2023年度法治政府建设情况的报告\n\n中共沈丘县委、沈丘县人民政府：\n今年以来，我镇坚持依法行政，严格落实\n\n重大行政决策程序。\n一、主要举措\n一是加强学习。"
    assert normalize_text(text).split("\n") == [
        "关于2023年度法治政府建设情况的报告",
        "中共沈丘县委、沈丘县人民政府：",
        "今年以来，我镇坚持依法行政，严格落实重大行政决策程序。",
        "一、主要举措",
        "一是加强学习。",
    ]


def test_table_rows_are_not_joined():
    assert normalize_text("项目\t数量\n普法活动\t12") == "项目\t数量\n普法活动\t12"


def test_radicals_map_to_normal_ideographs():
    assert normalize_text("⼈⺠群众⽅⾯，⻓期坚持⼀是") == "人民群众方面，长期坚持一是"
    kangxi = "".join(chr(c) for c in range(0x2F00, 0x2FD6))
    supplement = "".join(chr(c) for c in range(0x2E81, 0x2EF4) if unicodedata.name(chr(c), ""))
    out = normalize_text(kangxi + supplement)
    assert not re.search(r"[\u2e80-\u2fdf]", out)
    assert len(out) == len(kangxi) + len(supplement)


def test_compatibility_ideographs_are_unified():
    out = normalize_text("\uf9b2零\uf91d")  # 零 (compat), 欄 (compat) -> 零, 栏
    assert out == "零零栏"


def test_fullwidth_punctuation_is_kept():
    text = "（一）加强领导，提高认识：坚持“三项制度”；完成100%！"
    assert normalize_text(text) == text


def test_traditional_to_simplified():
    assert normalize_text("法治政府建設實施綱要（2021—2025年）") == "法治政府建设实施纲要（2021—2025年）"


def test_markdown_emphasis_and_headings_are_stripped():
    text = "# 一、主要举措\n\n**二是加强合法性审核力度。**坚持__集体讨论__，*重点*推进。\n## 存在问题"
    assert normalize_text(text) == "一、主要举措\n二是加强合法性审核力度。坚持集体讨论，重点推进。\n存在问题"


@pytest.mark.parametrize(("text", "expected"), [
    ("**加强审核。**坚持依法决策。", "加强审核。坚持依法决策。"),  # only ** in the text
    ("坚持__集体讨论__制度。", "坚持集体讨论制度。"),  # only __
    ("*重点*推进依法行政工作。", "重点推进依法行政工作。"),  # emphasis at the very start
    ("版本a*b*c说明文字。", "版本a*b*c说明文字。"),  # a Latin letter before *: not emphasis
    ("分隔线****之后的正文。", "分隔线之后的正文。"),  # a stray run of markers
    ("变量名file__name__保持不变。", "变量名filename保持不变。"),  # __name__ reads as strong emphasis
])
def test_markdown_with_one_kind_of_marker(text, expected):
    assert normalize_text(text) == expected


def test_whitespace_bom_and_zero_width():
    text = "\ufeff  标题行报告  \r\n\r\n\r\n\r\n第一段内容。\u200b  \r\n\u3000\u3000第二段内容。\n\n\n"
    assert normalize_text(text) == "标题行报告\n第一段内容。\n第二段内容。"


@pytest.mark.parametrize(
    ("text", "count"), [("法治2023年ABC，", 3), ("", 0), ("㐀𠀀中", 3), ("（，：）", 0)]
)
def test_chinese_char_count(text, count):
    assert chinese_char_count(text) == count


BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("control", list(BIDI_CONTROLS))
def test_bidi_controls_are_removed(control):
    # A right-to-left override makes "镇营周" display as "周营镇": a title or town could pose as another.
    text = f"关于2022年度{control}镇营周{control}法治政府建设情况的报告"
    assert normalize_text(text) == "关于2022年度镇营周法治政府建设情况的报告"


def test_bidi_controls_in_a_body_line_and_a_signature():
    text = ("\u202e桥东街道\u202c办事处2023年法治政府建设工作报告\n"
            "一、主要做法\n街道坚持\u2067依法行政\u2069，开展普法宣传活动\u200f12场。\n"
            "\u2066桥东街道办事处\u2069\n2024年1月8日")
    out = normalize_text(text)
    assert not any(ch in out for ch in BIDI_CONTROLS)
    assert out.split("\n") == ["桥东街道办事处2023年法治政府建设工作报告", "一、主要做法",
                               "街道坚持依法行政，开展普法宣传活动12场。", "桥东街道办事处", "2024年1月8日"]


def test_lone_surrogates_are_dropped_not_raised():
    # e.g. text from JSON with a half emoji ("\ud83d") or bytes decoded with errors="surrogateescape"
    text = "马坊乡\ud83d人民政府\n坚持依法决策\udcb5\udce6，推进政务公开。"
    assert normalize_text(text) == "马坊乡人民政府\n坚持依法决策，推进政务公开。"


def test_a_surrogate_pair_written_as_two_code_points_is_joined():
    assert normalize_text("表彰“法治带头人”\ud83d\udc4d等") == "表彰“法治带头人”\U0001f44d等"


def _seconds(fn, *args) -> tuple[float, object]:
    import time

    start = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - start, out


def test_thousands_of_broken_lines_rejoin_in_linear_time():
    # a web page copied with a hard break every 40 characters and no full stop for 10,000 lines
    lines = [f"坚持依法行政，推进第{i}项重点工作落实，持续开展普法宣传和矛盾纠纷排查化解" for i in range(10_000)]
    seconds, out = _seconds(normalize_text, "\n".join(lines))
    assert out == "".join(lines)
    assert seconds < 2.0, f"{seconds:.1f} s: rejoining is quadratic again"


def test_unclosed_emphasis_markers_are_stripped_in_linear_time():
    text = "**依法 " * 16_000  # 80,000 characters, every ** unclosed (preceded by a space)
    seconds, out = _seconds(normalize_text, text)
    assert out == "依法 " * 15_999 + "依法"
    assert seconds < 3.0, f"{seconds:.1f} s: emphasis stripping is quadratic again"


def test_clean_field_for_values_people_type():
    from analytics.normalize import clean_field

    assert clean_field(" \u202e镇营周\u202c\n") == "镇营周"
    assert clean_field("关于2023年度\u2067法治政府\u2069建设\t情况的报告\r\n") == "关于2023年度法治政府建设 情况的报告"
    assert clean_field("南郊\ud800镇\u200b") == "南郊镇"
    assert clean_field("\x00\x01") == ""


def test_full_width_digits_and_ascii_punctuation_take_one_form():
    """A report typed with full-width digits, or with ASCII marks in Chinese text (web copies, phones)."""
    raw = "上坪镇２０２３年度法治政府建设报告\n罚没款５．２万元,调解成功率９７．８％.原因:一是投入不足;二是人才缺乏!"
    assert normalize_text(raw) == ("上坪镇2023年度法治政府建设报告\n"
                                   "罚没款5.2万元，调解成功率97.8%。原因：一是投入不足；二是人才缺乏！")
    # numbers, versions, addresses and headings keep their marks
    kept = "共3.5万元，1,200人，版本v1.2，网址http://www.gov.cn，时间10:30\n一．主要工作\n1．健全制度"
    assert normalize_text(kept) == kept


# ---- probe 7: forms seen in unseen reports ---------------------------------------------------------------
@pytest.mark.parametrize("name", ["乾溪镇", "乾潭镇", "乾佑街道", "乾县", "於潜镇"])
def test_place_names_with_chars_t2s_would_change_survive_in_a_simplified_text(name):
    text = f"{name}2023年度法治政府建设情况报告\n2023年，{name}党委坚持依法行政，推进法治建设。"
    assert normalize_text(text).count(name) == 2


def test_a_traditional_copy_is_simplified_but_keeps_qian_in_its_name():
    out = normalize_text("乾溪鎮2023年度法治政府建設情況報告\n關於乾溪鎮法治政府建設的報告。我鎮於2023年開展普法宣傳。")
    assert "乾溪镇" in out and "关于乾溪镇" in out and "于2023年" in out and "普法宣传" in out


@pytest.mark.parametrize("zero", ["○", "O", "0", "〇"])
def test_a_chinese_numeral_year_with_a_look_alike_zero_gets_the_ling_character(zero):
    out = normalize_text(f"二{zero}二三年度工作报告\n二{zero}二四年一月十八日")
    assert "二〇二三年度" in out and "二〇二四年一月" in out


def test_look_alike_zeros_outside_a_chinese_numeral_year_stay():
    out = normalize_text("○ 加强领导，落实责任。\n2020年以来，我镇开展活动O型，共100年历史。")
    assert out.startswith("○") and "2020年" in out and "O型" in out and "100年" in out


def test_fullwidth_thousands_comma_joins_its_digits_but_a_chinese_list_comma_stays():
    assert "1,236件" in normalize_text("全年办理政务服务事项１，２３６件。")
    assert "1，2，3" in normalize_text("分为1，2，3三个等级。")


def test_corner_quotes_become_chinese_double_quotes():
    assert normalize_text("深入推进「谁执法谁普法」和『法律明白人』工程。") == "深入推进“谁执法谁普法”和‘法律明白人’工程。"


LONG = "坚持和发展新时代“枫桥经验”，健全乡村两级人民调解组织，全年排查矛盾纠纷173件，调解纠纷1"


@pytest.mark.parametrize("page", ["－ 2 －", "— 2 —", "- 2 -", "第 2 页 共 9 页", "第2页/共9页", "共9页 第2页"])
def test_a_page_number_line_is_dropped_and_the_number_it_split_joins_again(page):
    out = normalize_text(f"{LONG}\n{page}\n68件，调解成功率97.1%。")
    assert "调解纠纷168件，调解成功率97.1%。" in out and "2 " not in out


def test_a_running_header_next_to_page_numbers_is_dropped_after_the_title():
    title = "云锦街道法治政府建设工作情况报告"
    body = "\n".join([title, "一、主要工作", "全年开展执法检查12次，个别执法文书制作不规范，执", "— 2 —", title,
                      "法过程中存在问题。", "二、存在的不足", "执法力量不足，专业人员较少，培训不够", "— 3 —", title,
                      "深入。"])
    out = normalize_text(body)
    assert out.count(title) == 1 and out.startswith(title)
    assert "执法文书制作不规范，执法过程中存在问题。" in out and "培训不够深入。" in out


def test_a_table_row_with_a_thousands_comma_does_not_swallow_the_next_heading():
    out = normalize_text("主要数据如下：\n序号  项目  数量\n1  执法巡查  1,186次\n2  立案查处  19件\n存在的短板弱项\n"
                         "一是林区执法力量仍显不足。")
    assert "\n存在的短板弱项\n" in out and "\n1  执法巡查  1,186次\n" in out


def test_a_heading_that_recurs_and_once_falls_next_to_a_page_number_stays():
    body = "\n".join(["某镇2023年法治政府建设情况报告", "一、主要举措", "（一）加强组织领导", "— 2 —",
                      "镇党委召开专题会议研究法治建设工作。", "（二）推进依法行政", "严格落实重大行政决策程序。", "二、下一步工作打算", "（一）加强组织领导",
                      "继续发挥党委总揽全局作用。"])
    out = normalize_text(body)
    assert out.count("（一）加强组织领导") == 2 and "— 2 —" not in out


# ---- probe 9: near variants of probe 7's forms -------------------------------------------------------------
def test_yu_before_a_unit_suffix_stays_in_a_traditional_copy():
    out = normalize_text("於溪鄉2023年法治政府建設情況報告\n2023年，於溪鄉黨委認真貫徹縣委關於法治建設的部署，於年底完成。")
    assert out.count("於溪乡") == 2 and "关于法治建设" in out and "于年底" in out


@pytest.mark.parametrize("page", ["― 3 ―", "‒ 3 ‒", "─3─", "某镇法治政府建设年度报告　　— 3 —", "— 3 —　　某镇法治政府建设年度报告"])
def test_more_page_number_forms_are_dropped(page):
    out = normalize_text(f"{LONG}\n{page}\n68件，调解成功率97.1%。")
    assert "调解纠纷168件，调解成功率97.1%。" in out and "3" not in out.replace("173", "")


def test_a_thousands_comma_typed_fullwidth_between_ascii_digits():
    out = normalize_text("全年服务群众2，350人次，办理事项12，480件。分为1，2，3三级，共3，45户。")
    assert "2,350人次" in out and "12,480件" in out and "1，2，3" in out and "3，45户" in out


def test_a_numbered_heading_beside_page_numbers_twice_is_not_a_running_header():
    body = "\n".join(["某镇2023年法治政府建设情况报告", "一、主要举措", "（一）加强组织领导", "— 2 —", "镇党委召开专题会议。",
                      "二、下一步打算", "（一）加强组织领导", "— 3 —", "继续发挥党委作用。"])
    assert normalize_text(body).count("（一）加强组织领导") == 2


def _wrapped(paragraphs: list[str], cells: int) -> str:
    """The paragraphs as a PDF prints them: a two-character indent, lines of ``cells`` full-width cells (an ASCII
    character takes half a cell), a line break at each line's end — as copied out of a PDF into a .txt."""
    out = []
    for p in paragraphs:
        line, width = "" if re.match("[一二三四]、", p) else "\u3000\u3000", 0.0 if re.match("[一二三四]、", p) else 2.0
        for ch in p:
            w = 0.5 if ch.isascii() else 1.0
            if width + w > cells:
                out.append(line)
                line, width = "", 0.0
            line, width = line + ch, width + w
        out.append(line)
    return "\n".join(out)


# Written for the line-width rule: short paragraphs (so that first lines are as common as full ones), a numbered
# title running into its text, a full first line without punctuation, digits that widen a line
_WRAP_PARAGRAPHS = [
    "关于2023年度法治政府建设情况的报告", "一、主要举措和成效",
    "（一）深入开展法治宣传教育。今年以来，我镇以八五普法为抓手深入开展宪法宣传周暨法治宣传教育月活动集中组织开展法治"
    "宣传教育活动25场，发放宣传资料3000余份，受益群众达1万余人次，法治氛围日益浓厚。",
    "我镇坚持把推进法治政府建设摆在全局工作的突出位置统筹推进各项工作成效明显。认真落实重大行政决策程序规定，严格执行合法性"
    "审查制度，全年审查合同协议12份，提出修改意见20余条，切实防范了法律风险。",
    "（二）规范行政执法行为。全面落实行政执法三项制度，全年开展联合执法检查36次，查处违法建设案件12起，责令整改问题46个，"
    "执法案卷评查合格率100%。",
    "（三）推进矛盾纠纷多元化解。坚持和发展新时代枫桥经验健全镇村两级人民调解组织网络全年排查矛盾纠纷156件，调解成功"
    "151件，调解成功率96.8%，没有发生因矛盾纠纷激化引发的刑事案件和群体性事件。",
    "（四）加强政务公开。依托政务公开专栏和村务公开栏主动公开财政预决算、惠民资金发放等信息320条，依申请公开办结率100%。",
    "二、存在的不足", "一是普法宣传形式比较单一，针对性不强；二是执法人员力量不足，专业化水平不高。",
    "三、下一步工作计划", "一是加强法治宣传教育；二是规范行政执法。",
]


@pytest.mark.parametrize("cells", [26, 28, 35])
def test_a_text_wrapped_at_a_fixed_width_joins_its_full_lines(cells):
    raw = _wrapped(_WRAP_PARAGRAPHS, cells)
    lines = [line.strip("\u3000") for line in raw.split("\n")]
    assert any(len(line) >= 20 and not re.search("[，。；：、]", line) for line in lines[1:])  # a full line the
    # older rules took for a title: no punctuation inside
    assert normalize_text(raw).split("\n") == _WRAP_PARAGRAPHS


def test_an_indented_numbered_first_line_of_a_wrapped_text_runs_on():
    """Every paragraph opens with a numbered line, indented two characters: those lines are two characters shorter
    than a full line once the indent is stripped, and they are left out of the line-width count (they look like
    headings), so the width is read from the full lines alone — the first lines still run on (probe 27)."""
    paragraphs = ["石门乡2020年法治政府建设工作情况报告", "一、存在的问题和不足",
                  "（一）干部依法行政能力有待提高。部分乡村干部法治意识不强，处理问题习惯于用行政手段，运用法治思维和法治"
                  "方式解决问题的能力不足，个别干部对新修订的法律法规学习不够深入，"
                  "遇到征地拆迁、信访维稳等复杂问题时仍习惯于先干后补手续。",
                  "（二）普法工作发展不平衡。偏远村组特别是高山村普法覆盖面不够，群众法律意识相对薄弱，信访不信法的现象"
                  "依然存在，普法阵地建设还有短板，"
                  "面向外出务工人员和留守老人的普法活动开展得少，群众参与的积极性不高。",
                  "（三）执法规范化程度不高。乡级执法力量不足，执法文书不够规范，行政执法全过程记录制度落实不到位，案卷"
                  "归档不及时，个别案件调查取证不够充分，说理不够透彻，执法争议时有发生。",
                  "（四）法律顾问作用发挥不充分。法律顾问参与乡政府重大决策的深度不够，事前审查多、全程参与少，作用发挥"
                  "有待加强，村级法律顾问每月到村服务时间偏少，群众找不到、用不上的情况依然存在。"]
    raw = _wrapped(paragraphs, 30)
    assert normalize_text(raw).split("\n") == paragraphs


def test_short_lines_without_punctuation_still_stand_alone_in_unwrapped_text():
    """One paragraph per line, each under a heading of 12–15 characters without punctuation: half the long lines
    run on and they are about equally long, but the paragraphs are far longer than them, so no line width is
    read and the headings keep their own lines."""
    lines = ["主要举措和成效", "坚持党的领导压实法治建设责任", "加强组织领导，健全工作机制，全年召开专题会议4次，研究解决法治建设重大问题。",
             "坚持依法决策提升行政决策质量", "严格落实重大行政决策程序，重大事项全部经过合法性审查和集体讨论决定，全年审查合同12份。",
             "深化普法宣传营造浓厚法治氛围", "组织开展宪法宣传周、民法典宣传月等活动，发放宣传资料3000余份，受教育群众1万余人次。",
             "规范行政执法提升依法行政水平", "全面推行行政执法三项制度，开展联合执法检查36次，查处违法建设案件12起。",
             "化解矛盾纠纷维护社会和谐稳定", "排查调处矛盾纠纷156件，调解成功151件，调解成功率96.8%。",
             "推进政务公开接受社会监督", "主动公开财政预决算、惠民资金发放等信息320条，依申请公开办结率100%。"]
    assert normalize_text("\n".join(lines)).split("\n") == lines


def test_web_page_markup_pasted_as_text_is_dropped():
    """A report copied from a page's source: block tags end lines, entities become their characters, a table cell a
    tab; a "<" or "&" that is not markup stays."""
    page = ("<p>石门乡2024年法治政府建设情况报告</p><p>&nbsp;&nbsp;一、主要举措</p>"
            "<p style=\"text-indent:2em\">开展&ldquo;法律明白人&rdquo;培训3期。<br/>培训合格率&gt;95%。</p>"
            "<table><tr><td>问题</td><td>措施</td></tr></table>")
    out = normalize_text(page)
    assert out.split("\n")[:4] == ["石门乡2024年法治政府建设情况报告", "一、主要举措", "开展“法律明白人”培训3期。",
                                    "培训合格率>95%。"]
    assert "问题\t措施" in out
    assert not re.search(r"<|&[a-z]+;", out)
    assert normalize_text("达标率<5%的村有2个，A&B两村除外") == "达标率<5%的村有2个，A&B两村除外"
