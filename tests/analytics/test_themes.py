import math
import re

import pytest

import analytics.themes as themes_mod
from analytics.themes import (
    DEFAULT_DICTIONARY,
    DEFAULT_EMPHASIS,
    DictionaryError,
    Term,
    ThemeDictionary,
    fold,
    heading_spans,
    dump_dictionary,
    emphasis,
    load_dictionary,
    parse_dictionary,
    rates,
)

SYSTEM_THEMES = [
    "study_xi_thought", "government_functions", "rule_making", "decision_making", "enforcement",
    "emergency", "dispute_resolution", "oversight", "digital", "leadership",
]


@pytest.fixture(scope="module")
def themes() -> ThemeDictionary:
    return load_dictionary()


def test_default_dictionary_shape(themes):
    assert DEFAULT_DICTIONARY.name == "themes.yaml"
    assert themes.ids() == SYSTEM_THEMES + ["law_popularization", "public_legal_services", "grassroots_governance"]
    assert sum(t.system is not None for t in themes.themes) == 10
    for t in themes.themes:
        assert 10 <= len(t.terms) <= 80, t.id  # a list one person can still read through and judge
        assert re.search(r"[\u4e00-\u9fff]", t.label), t.id
    assert themes.label("law_popularization") == "普法宣传"
    assert re.fullmatch(r"[0-9a-f]{40}", themes.version)
    with pytest.raises(KeyError, match="未知主题"):
        themes.label("nope")


# One passage per theme; expected counts worked out by hand (leftmost-longest, overlaps once).
HAND_COUNTED = [
    # 理论学习中心组 / 专题学习 / 习近平法治思想 / 领导干部学法 (用法 left over)
    ("镇党委理论学习中心组专题学习习近平法治思想，领导干部学法用法。", {"study_xi_thought": 4}),
    # 放管服 / 营商环境 / 一窗通办 / 最多跑一次 / 权责清单
    ("深化“放管服”改革，优化营商环境，推行“一窗通办”和“最多跑一次”，梳理权责清单。",
     {"government_functions": 5}),
    # 规范性文件 / 合法性审查 / 有件必备 / 有备必审 / 有错必纠
    ("镇政府出台的规范性文件全部经过合法性审查，做到有件必备、有备必审、有错必纠。", {"rule_making": 5}),
    # 重大行政决策 / 公众参与 / 专家论证 / 风险评估 / 合法性审查 / 集体讨论决定 / 法律顾问:
    # 合法性审查 as a step of a decision is decision_making (rule_making only for documents)
    ("重大行政决策严格履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定程序，发挥法律顾问作用。",
     {"decision_making": 7}),
    # 行政执法 / 三项制度 / 行政执法(人员) / 持证上岗 / 执法记录仪 / 严格规范公正文明执法 ; 谁执法谁普法
    ("落实行政执法三项制度，行政执法人员持证上岗，配备执法记录仪，严格规范公正文明执法，谁执法谁普法。",
     {"enforcement": 6, "law_popularization": 1}),
    # 突发事件 / 应急预案 / 防汛 / 演练 / 消防 / 演练 / 安全隐患
    ("修订突发事件应急预案，开展防汛演练和消防演练，排查安全隐患。", {"emergency": 7}),
    # 枫桥经验 / 矛盾纠纷 (纠纷排查 overlaps) / 人民调解 / 信访
    ("坚持和发展新时代“枫桥经验”，开展矛盾纠纷排查化解，加强人民调解，畅通信访渠道。",
     {"dispute_resolution": 4}),
    # 人大监督 / 社会监督 / 政务公开 / 党风廉政 / 一岗双责
    ("主动接受人大监督和社会监督，推进政务公开，落实党风廉政建设责任制和一岗双责。", {"oversight": 5}),
    # 政务服务 (government) ; 平台 / 网上办 / 大数据 / 信息化
    ("依托政务服务平台推行网上办，运用大数据提升信息化水平。", {"digital": 4, "government_functions": 1}),
    # the stock phrase 党政主要负责人履行推进法治建设第一责任人职责 once / 述法 / 依法治镇 / 领导小组 / 考核
    ("党政主要负责人履行推进法治建设第一责任人职责，年终述法，成立依法治镇领导小组，纳入考核。",
     {"leadership": 5}),
    # 法治乡村 / 网格化 / 扫黑除恶 / 禁毒 / 反诈 / 村规民约
    ("推进法治乡村建设，深化网格化管理，开展扫黑除恶、禁毒、反诈工作，修订村规民约。",
     {"grassroots_governance": 6}),
    # 普法宣传 / 宪法宣传 / 法律明白人 / 法治带头人 / 宣传材料 / 横幅
    ("开展普法宣传和宪法宣传，培养法律明白人和法治带头人，发放宣传材料，悬挂横幅。",
     {"law_popularization": 6}),
    # 司法所 / 法律咨询 / 法律援助 / 一村一法律顾问 (not 法律顾问) / 社区矫正
    ("司法所提供法律咨询和法律援助，推进一村一法律顾问全覆盖，做好社区矫正。",
     {"public_legal_services": 5}),
]


@pytest.mark.parametrize("passage,expected", HAND_COUNTED, ids=[next(iter(e)) for _, e in HAND_COUNTED])
def test_hand_counted_passage(themes, passage, expected):
    counts = themes.count(passage)
    assert set(counts) == set(themes.ids())
    assert {k: v for k, v in counts.items() if v} == expected


def test_every_theme_is_hand_checked():
    covered = {tid for _, expected in HAND_COUNTED for tid in expected}
    assert covered == set(load_dictionary().ids())


def test_overlapping_terms_count_once(themes):
    assert {k: v for k, v in themes.count("行政执法").items() if v} == {"enforcement": 1}
    assert {k: v for k, v in themes.count("普法宣传").items() if v} == {"law_popularization": 1}
    hits = themes.find("严格落实“谁执法谁普法”普法责任制")
    assert [(h.term, h.theme_id) for h in hits] == [
        ("谁执法谁普法", "law_popularization"), ("普法责任制", "law_popularization")]
    assert themes.count("谁执法谁普法")["enforcement"] == 0


def test_without_the_long_term_the_parts_count():
    d = parse_dictionary("themes:\n- {id: a, label: 甲, terms: [执法]}\n- {id: b, label: 乙, terms: [普法]}\n")
    assert d.count("谁执法谁普法") == {"a": 1, "b": 1}


def test_leftmost_wins_over_longer_later_match():
    d = parse_dictionary("themes:\n- {id: a, label: 甲, terms: [法治, 法治宣传]}\n- {id: b, label: 乙, terms: [治安管理]}\n")
    hits = d.find("法治安管理；法治宣传")
    assert [(h.start, h.end, h.term) for h in hits] == [(0, 2, "法治"), (6, 10, "法治宣传")]


def test_find_on_seeds_is_consistent(themes, seed_texts):
    for town, text in seed_texts.items():
        hits = themes.find(text)
        assert hits, town
        assert all(fold(text[h.start:h.end]) == fold(h.term) for h in hits)
        assert all(a.end <= b.start for a, b in zip(hits, hits[1:]))
        assert sum(themes.count(text).values()) == len(hits)


def test_seed_emphasis_reads_like_the_reports(themes, seed_texts):
    # 商家镇 writes pages on 普法 and mentions 执法 once; 苏河镇 has a whole 行政执法 chapter
    shang = themes.count(seed_texts["商家镇"])
    suhe = themes.count(seed_texts["苏河镇"])
    assert shang["law_popularization"] > 10 * shang["enforcement"]
    assert emphasis(shang) > 0 > emphasis(suhe)


def test_dominant_theme(themes):
    assert themes.dominant_theme("加强行政执法，规范执法行为，开展普法宣传。") == "enforcement"
    assert themes.dominant_theme("今天天气很好。") is None
    # tie: dictionary order decides (enforcement comes before law_popularization)
    assert themes.dominant_theme("行政执法和普法宣传") == "enforcement"


def test_rates_and_emphasis():
    r = rates({"a": 2, "b": 6, "c": 0}, chars=4000)
    assert (r["a"].count, r["a"].per_10k, r["a"].share) == (2, 5.0, 0.25)
    assert r["b"].per_10k == 15.0 and r["b"].share == 0.75
    assert r["c"].share == 0.0
    assert rates({"a": 0}, chars=0)["a"].per_10k == 0.0
    assert DEFAULT_EMPHASIS == ("law_popularization", "enforcement")
    assert emphasis({"law_popularization": 9, "enforcement": 4}) == pytest.approx(math.log(2))
    assert emphasis({"x": 0, "y": 3}, a="x", b="y") == pytest.approx(math.log(1 / 4))
    with pytest.raises(KeyError, match="未知主题"):
        emphasis({"x": 1}, a="x", b="y")


def test_dump_round_trips(themes):
    again = parse_dictionary(dump_dictionary(themes))
    assert again.themes == themes.themes
    assert again.version == themes.version
    tricky = parse_dictionary('themes:\n- id: a\n  label: 甲\n  terms: ["12348", "yes", "a: b"]\n')
    assert parse_dictionary(dump_dictionary(tricky)).themes == tricky.themes


def _errors(yaml_text: str) -> list[str]:
    with pytest.raises(DictionaryError) as info:
        parse_dictionary(yaml_text)
    assert str(info.value) == "\n".join(info.value.errors)
    return info.value.errors


def test_yaml_syntax_error_has_line():
    (msg,) = _errors("themes:\n  - id: a\n    label: 甲\n    terms: [执法\n")
    assert msg.startswith("YAML 语法错误") and "第 5 行" in msg


def test_all_problems_listed_precisely():
    errors = _errors(
        "themes:\n"
        "  - id: Bad-Id\n"          # 2
        "    label: 甲\n"
        "    terms: [执法, 1, '']\n"  # 4
        "    colour: red\n"         # 5
        "  - id: ok\n"              # 6
        "    terms: [执法]\n"         # 7
        "  - id: ok\n"              # 8
        "    label: 乙\n"
        "    terms: []\n"           # 10
        "  - label: 丙\n"            # 11
        "    terms: [普法]\n"
    )
    assert errors == [
        "第 5 行：第 1 个主题有未知的键“colour”（允许的键：id、label、system、terms）",
        "第 2 行：主题 id“Bad-Id”格式不对，应为英文小写字母、数字和下划线，以字母开头（如 law_popularization）",
        "第 4 行：主题 Bad-Id 的第 2 个词条“1”不是文字（数字、true/false 等请加引号）",
        "第 4 行：主题 Bad-Id 的第 3 个词条为空",
        "第 6 行：主题 ok 缺少 label（中文名称）",
        "第 7 行：词条“执法”同时出现在主题 Bad-Id 与 主题 ok 中，一个词条只能属于一个主题"
        "（除非其他各处都带 requires 或 excludes 条件）",
        "第 10 行：主题 ok 的 terms 为空，至少需要一个词条",
        "第 8 行：主题 id“ok”重复（第 6 行已定义）",
        "第 11 行：第 4 个主题缺少 id",
    ]


def test_missing_terms_and_top_level_problems():
    assert _errors("themes:\n  - id: a\n    label: 甲\n") == ["第 2 行：主题 a 缺少 terms（词条列表）"]
    assert _errors("") == ["词典为空：需要顶层键 themes，下面列出各主题"]
    assert _errors("topics: []\n") == [
        "第 1 行：词典顶层有未知的键“topics”（允许的键：themes）", "词典缺少顶层键 themes"]
    assert _errors("themes: []\n") == ["第 1 行：themes 必须是非空的主题列表"]


# --- conditional terms, variant characters, headings ------------------------------------------

COND = """themes:
- id: digital
  label: 数字
  terms: [{term: 平台, requires: [政务, 办理], excludes: [学习]}, 大数据]
- id: study
  label: 学习
  terms: [学习]
"""


def test_conditions_read_the_same_sentence():
    d = parse_dictionary(COND)
    assert d.count("依托政务服务平台。") == {"digital": 1, "study": 0}
    # the condition word is in another sentence: no hit
    assert d.count("依托平台。政务公开。")["digital"] == 0
    # excludes wins over requires; 学习 itself still counts for its own theme
    assert d.count("在政务学习平台上学习。") == {"digital": 0, "study": 2}
    # a line break ends a sentence too
    assert d.count("政务\n平台")["digital"] == 0


def test_given_sentence_spans_are_used():
    d = parse_dictionary(COND)
    text = "政务，平台"
    assert d.count(text)["digital"] == 1
    assert d.count(text, sentences=[(0, 3), (3, 5)])["digital"] == 0
    from analytics.sentences import Span
    assert d.count(text, sentences=[Span(0, 3), Span(3, 5)])["digital"] == 0


def test_window_limits_the_context():
    d = parse_dictionary("themes:\n- id: a\n  label: 甲\n  terms: [{term: 法治建设, requires: [部署], window: 4}]\n")
    assert d.count("研究部署法治建设工作。")["a"] == 1
    assert d.count("存在重业务部署、轻视其他工作和法治建设的情况。")["a"] == 0
    assert d.themes[0].terms == (Term("法治建设", ("部署",), (), 4),)


def test_a_rejected_term_does_not_hide_an_overlapping_one():
    d = parse_dictionary("themes:\n- id: a\n  label: 甲\n  terms: [{term: 平安建设, excludes: [普法]}]\n"
                         "- id: b\n  label: 乙\n  terms: [建设办公室]\n")
    assert [h.term for h in d.find("平安建设办公室开展普法。")] == ["建设办公室"]
    assert [h.term for h in d.find("平安建设办公室。")] == ["平安建设"]


def test_one_term_in_two_themes_by_context(themes):
    # 法律顾问: a village's adviser is a public legal service, the government's belongs to decision-making
    hits = themes.find("全镇20个行政村实现法律顾问全覆盖。")
    assert [(h.term, h.theme_id) for h in hits] == [("法律顾问", "public_legal_services")]
    assert themes.count("镇政府聘请法律顾问。")["decision_making"] == 1
    # 合法性审查: of a decision -> decision_making; of documents -> rule_making
    assert themes.count("重大决策须经合法性审查。") == {**dict.fromkeys(themes.ids(), 0), "decision_making": 2}
    assert themes.count("规范性文件全部经过合法性审查。")["rule_making"] == 2


def test_ascii_brackets_match_and_offsets_stay_in_the_original(themes):
    text = "推动“一村(社区)一法律顾问”全覆盖。"
    (hit,) = themes.find(text)
    assert (hit.term, hit.theme_id) == ("一村（社区）一法律顾问", "public_legal_services")
    assert text[hit.start:hit.end] == "一村(社区)一法律顾问"
    assert fold("ＡＢＣ(1)，ａ") == "abc（1），a" and len(fold("ＡＢＣ(1)，ａ")) == 8
    d = parse_dictionary("themes:\n- {id: a, label: 甲, terms: [互联网+, APP]}\n")
    assert d.count("推行“互联网＋政务服务”，开发app和ＡＰＰ。")["a"] == 3


def test_a_heading_counts_once_per_theme(themes):
    text = ("三、党政主要负责人履行推行法治建设第一责任人职责情况\n"
            "镇党委书记履行第一责任人职责，述法一次。")
    heads = heading_spans(text)
    assert heads == [(0, text.index("\n"))]
    in_heading = [h for h in themes.find(text) if h.start < heads[0][1]]
    assert [h.theme_id for h in in_heading] == ["leadership"]
    # without the rule the heading's leadership terms count separately
    assert len([h for h in themes.find(text, headings=()) if h.start < heads[0][1]]) == 2
    # the body is not a heading: both of its leadership hits count
    assert len([h for h in themes.find(text) if h.start > heads[0][1]]) == 2
    # "一是" items are not headings
    assert heading_spans("一是加强普法宣传，开展普法活动。") == []


def test_missed_phrasings_are_counted(themes):
    cases = {
        "enforcement": ["查处非法采砂案件3起", "罚款1.2万元", "开展占道经营整治", "作出行政处罚决定12件"],
        "dispute_resolution": ["行政诉讼案件2件", "负责人出庭应诉率100%", "复议机关维持原决定", "妥善处理重复上访"],
        "law_popularization": ["开展青少年法治教育", "组织新任职干部宪法宣誓", "开展送法下乡", "送法上门200户",
                               "向群众讲解法律知识", "开展以案说法", "中小学配备法治副校长"],
        "grassroots_governance": ["深化扫黑除恶常态化斗争", "推进法治乡村建设", "推行网格化管理", "开展禁毒工作",
                                  "开展反诈宣传"],
        "government_functions": ["编制履职事项清单"],
    }
    for theme, sentences in cases.items():
        for s in sentences:
            assert themes.count(s + "。")[theme] == 1, (theme, s)


def test_broad_terms_need_their_context(themes):
    not_digital = ["采用“线上+线下”模式开展法治培训。", "收听收看习近平法治思想学习视频。",
                   "参加习近平法治思想网上学习考试。", "运用新媒体手段开展法治宣传。",
                   "为群众提供交流沟通和互动教育学习平台。", "依托网络直播平台销售农产品。",
                   "搭建线上电商平台，带动村民增收。"]
    for s in not_digital:
        assert themes.count(s)["digital"] == 0, s
    assert themes.count("实现案件网上办理，执法数据与大数据中心共享。")["digital"] == 2
    assert themes.count("依托一网通办平台实现线上审批。")["digital"] == 3
    assert themes.count("镇政府、司法所牵头开展法制宣传活动。")["public_legal_services"] == 0
    assert themes.count("司法所为群众提供法律咨询。")["public_legal_services"] == 2
    assert themes.count("聘请律师为政府常年法律顾问。")["public_legal_services"] == 0
    assert themes.count("法律援助律师为农民工代理案件。")["public_legal_services"] == 2
    assert themes.count("开展农村人居环境整治。")["enforcement"] == 0
    assert themes.count("坚持有法必依、执法必严、违法必究。")["enforcement"] == 0
    assert themes.count("以政府的法治建设提升社会的公平指数。")["leadership"] == 0
    assert themes.count("研究部署法治建设工作。")["leadership"] == 2


def test_conditional_terms_round_trip_and_change_the_version():
    d = parse_dictionary(COND)
    again = parse_dictionary(dump_dictionary(d))
    assert again.themes == d.themes and again.version == d.version
    changed = parse_dictionary(COND.replace("excludes: [学习]", "excludes: [学习, 培训]"))
    assert changed.version != d.version
    windowed = parse_dictionary(COND.replace("excludes: [学习]}", "excludes: [学习], window: 5}"))
    assert windowed.version != d.version
    assert parse_dictionary(dump_dictionary(windowed)).themes == windowed.themes
    # a mapping without conditions is a plain term, same version as writing the term itself
    plain = parse_dictionary("themes:\n- {id: a, label: 甲, terms: [{term: 执法}]}\n")
    assert plain.themes[0].terms == ("执法",)
    assert plain.version == parse_dictionary("themes:\n- {id: a, label: 甲, terms: [执法]}\n").version


def test_conditional_term_errors_have_lines():
    errors = _errors(
        "themes:\n"
        "  - id: a\n"                                            # 2
        "    label: 甲\n"
        "    terms:\n"
        "      - {term: 平台, requires: 政务}\n"                   # 5
        "      - {requires: [政务]}\n"                            # 6
        "      - {term: 网上, requires: [], colour: red}\n"        # 7
        "      - {term: 线上, requires: [办理, 1], excludes: [办理]}\n"  # 8
        "      - {term: 在线, requires: [办理], window: -3}\n"      # 9
        "      - {term: 云端, window: 5}\n"                        # 10
        "  - id: b\n"
        "    label: 乙\n"
        "    terms: [{term: 平台, excludes: [学习]}, 大数据]\n"     # 13: conditional twice is fine
        "  - id: c\n"
        "    label: 丙\n"
        "    terms: [大数据]\n"                                   # 16: unconditional twice is not
    )
    assert errors == [
        "第 5 行：主题 a 的词条“平台”的 requires 必须是词的列表（如 [政务, 办理]）",
        "第 6 行：主题 a 的第 2 个词条缺少 term（写成 {term: 词条, requires: [词, …]}）",
        "第 7 行：主题 a 的第 3 个词条有未知的键“colour”（允许的键：term、requires、excludes、window）",
        "第 7 行：主题 a 的词条“网上”的 requires 为空（不需要条件时删去 requires）",
        "第 8 行：主题 a 的词条“线上”的 requires 第 2 项“1”不是文字（数字、true/false 等请加引号）",
        "第 8 行：主题 a 的词条“线上”的 requires 与 excludes 都含“办理”，条件互相矛盾",
        "第 9 行：主题 a 的词条“在线”的 window 必须是正整数（字数），实为“-3”",
        "第 10 行：主题 a 的词条“云端”有 window 却没有 requires 或 excludes",
        "第 16 行：词条“大数据”同时出现在主题 b 与 主题 c 中，一个词条只能属于一个主题"
        "（除非其他各处都带 requires 或 excludes 条件）",
    ]


def test_variant_spellings_of_one_term_are_duplicates():
    (msg,) = _errors("themes:\n- id: a\n  label: 甲\n  terms: [一村（社区）一法律顾问, 一村(社区)一法律顾问]\n")
    assert msg == "第 4 行：主题 a 中词条“一村(社区)一法律顾问”重复出现"


@pytest.mark.parametrize("sentence", [
    "镇领导亲自协调解决群众反映的用水难题。",  # 协调|解决, not 调解
    "会上强调解决历史遗留问题要依法依规。",  # 强调|解决
    "对转办线索逐条核查处置，做到件件有回音。",  # 核查|处置, not 查处
    "多次协调处理相邻关系，未形成积案。",  # 协调|处理, not 调处
])
def test_a_two_character_term_across_two_words_is_not_counted(themes, sentence):
    assert [h.term for h in themes.find(sentence) if h.term in ("调解", "查处", "调处")] == []


@pytest.mark.parametrize(("sentence", "term"), [
    ("充分发挥法律调解作用，化解邻里矛盾。", "调解"),  # 律调 and 解作 look like words, but the text reads 法律 调解 作用
    ("今年成功调解纠纷12起。", "调解"),
    ("依法查处违法建设5处。", "查处"),
    ("矛盾纠纷及时调处到位。", "调处"),
    ("协调解决不了的纠纷，由镇调委会调解。", "调解"),  # the straddled 调解 is skipped, the real one counted
])
def test_the_same_terms_count_where_they_are_words(themes, sentence, term):
    assert [h.term for h in themes.find(sentence)].count(term) == 1


def test_word_test_uses_given_token_ends_and_literal_search_keeps_every_occurrence(themes):
    from itertools import accumulate

    from analytics.search import kwic
    from analytics.segment import load_tokenizer

    text = "镇司法所协调解决土地纠纷3起，成功调解婚姻家庭纠纷5起。"
    ends = set(accumulate(map(len, load_tokenizer().cut(text))))
    assert themes.find(text, token_ends=ends) == themes.find(text)
    assert [h.start for h in themes.find(text) if h.term == "调解"] == [text.index("成功") + 2]
    # no word boundaries in the given segmentation: the test cannot confirm the split, so the term counts
    assert [h.term for h in themes.find(text, token_ends={len(text)})].count("调解") == 2
    # a literal search (KWIC) shows every occurrence, the straddled one too
    assert kwic({"r": text}, terms=["调解"])["match"].tolist() == ["调解", "调解"]
    assert ThemeDictionary(themes.themes, whole_words=False).count(text)["dispute_resolution"] == \
        themes.count(text)["dispute_resolution"] + 1


def test_bare_zhifa_in_a_slogan_a_job_title_or_discipline_is_not_enforcement_work():
    d = load_dictionary()
    for text in ["坚持科学立法、严格执法、公正司法、全民守法。", "执法中队中队长张某在会上作交流发言。",
                 "推动执纪执法贯通衔接。"]:
        assert d.count(text, headings=())["enforcement"] == 0, text
    assert d.count("中队长带领执法人员开展执法检查。", headings=())["enforcement"] == 2  # the work itself still counts


def test_probe10_wordings_count_for_their_themes():
    d = load_dictionary()
    pufa = ["在镇中学开设法治课，组织学生观看法治电影。", "举办村民法治夜校和法治知识竞赛。", "开展模拟法庭活动，发放法律小常识。"]
    for text in pufa:
        assert d.count(text, headings=())["law_popularization"] == 2, text
    assert d.count("党委书记为班子成员讲授法治课。", headings=())["law_popularization"] == 0  # cadres' study, not 普法
    zhifa = ["开展拆违和治超行动，强制拆除违法建筑3处，责令改正5起。"]
    assert d.count(zhifa[0], headings=())["enforcement"] == 5


@pytest.mark.parametrize("text, pufa", [
    ("结合森林防火期，向群众发放防火宣传资料2000余份。", 0),
    ("汛期前入户发放防汛知识宣传单1500份。", 0),
    ("开展医保政策宣传，发放宣传单800份。", 0),
    ("在集市设立咨询台，发放宣传资料3000份，解答群众咨询40人次。", 1),  # no topic named: a 普法 stall
    ("发放法治宣传资料和防火宣传单各500份。", 1),  # 法治宣传 counts, the fire leaflets do not
    ("发放《民法典》宣传手册1200册、折页3000份。", 3),
    ("发放法律政策宣传资料3000份。", 1),  # a policy leaflet about the law is still 普法
])
def test_leaflets_count_as_pufa_unless_a_non_legal_topic_stands_beside_them(text, pufa):
    assert load_dictionary().count(text, headings=())["law_popularization"] == pufa


def test_sending_legal_services_or_aid_is_public_legal_services_not_pufa():
    d = load_dictionary()
    for text in ["为群众送法律服务上门12次。", "组织送法律援助进工地3次。"]:
        counts = d.count(text, headings=())
        assert (counts["law_popularization"], counts["public_legal_services"]) == (0, 1), text
    assert d.count("开展送法律知识进校园活动4场。", headings=())["law_popularization"] == 1


def test_a_law_lecture_for_pupils_or_villagers_is_pufa_and_for_the_leadership_cadre_study():
    d = load_dictionary()
    for text in ["司法所到镇小学举办法治讲座3场。", "在村文化广场为群众开设法治讲堂12期。", "向村民赠送普法读本600册。",
                 "逢场天在集镇开展法治赶集活动8次。"]:
        assert d.count(text, headings=())["law_popularization"] == 1, text
    lead = d.count("邀请律师为镇领导班子成员作法治讲座。", headings=())
    assert (lead["law_popularization"], lead["study_xi_thought"]) == (0, 1)


@pytest.mark.parametrize("text, pufa, study", [
    ("全年开展法治宣传活动8次，送法进村4次，举办法治讲座3场。", 3, 0),  # no audience named: a public activity
    ("举办法治讲座2场，到场200余人。", 1, 0),
    ("为村干部和村民举办法治讲座2场。", 1, 0),  # villagers too
    ("为镇机关干部举办法治讲座1场。", 0, 1),  # cadres only
    ("全乡评选学法用法示范户35户。", 1, 0),  # households of villagers, not cadres' 学法用法
])
def test_a_law_lecture_is_pufa_unless_it_is_for_cadres_only(text, pufa, study):
    counts = load_dictionary().count(text, headings=())
    assert (counts["law_popularization"], counts["study_xi_thought"]) == (pufa, study)


def test_interfering_with_enforcement_is_not_enforcement_work():
    assert load_dictionary().count("全年未发生领导干部插手干预执法的情况。", headings=())["enforcement"] == 0


def test_more_pufa_activity_names_and_leaflets_a_little_further_from_their_topic():
    d = load_dictionary()
    for text in ["在敬老院为老年人开设法治讲堂2场。", "开展法治赶场和“法治院坝会”活动。", "在村小设立法治小课堂，为学生授课。"]:
        assert d.count(text, headings=())["law_popularization"] >= 1, text
    assert d.count("围绕森林防火、防溺水等内容，发放宣传资料5000余份。", headings=())["law_popularization"] == 0


@pytest.mark.parametrize("text, mottos", [
    ("坚持严格执法、规范执法、文明执法，全年开展执法检查12次。", ["严格执法、规范执法、文明执法"]),
    ("推进科学决策、民主决策和依法决策。", ["科学决策、民主决策和依法决策"]),
    ("执法队坚持“严格执法、文明执法”。", []),  # inside the quotes: the quoted slogan is the span
    ("开展联合执法、专项执法和交叉执法。", []),  # kinds of enforcement, not manners
    ("严格执法、公正司法。", []),  # two different words
])
def test_an_unquoted_motto_is_one_span_for_the_once_per_theme_rule(text, mottos):
    spans = themes_mod.with_slogans(text, [])
    quoted = [(a, b) for a, b in spans if text[a] == "“"]
    assert [text[a:b] for a, b in spans if (a, b) not in quoted] == mottos


@pytest.mark.parametrize("text, mottos", [
    ("坚持严格规范执法、公正文明执法。", 1),
    ("做到依法决策、科学决策以及民主决策。", 1),
    ("坚持严格执法、为民执法、便民执法。", 1),
])
def test_mottos_with_two_manners_or_yiji_are_one_span(text, mottos):
    assert len(themes_mod.with_slogans(text, [])) == mottos


@pytest.mark.parametrize("sentence, theme", [
    # newer wordings of work the dictionary knew only under older names (probe 30)
    ("在5个社区服务站开设“全城通办”窗口。", "government_functions"),
    ("为外出务工群众提供证照代办服务。", "government_functions"),
    ("理顺园区与属地乡镇的职责边界。", "government_functions"),
    ("新建厂房项目实行告知承诺制审批。", "government_functions"),
    ("召开政企面对面座谈会2场。", "government_functions"),
    ("厘清镇村两级事项，推动职能配置更加合理。", "government_functions"),
    ("全县工业集中区推行区域评估，企业不再单独评估。", "government_functions"),
    ("梳理并公布村级小微权力事项28项。", "oversight"),
    ("推进社区居务公开规范化。", "oversight"),
    ("让村级资金使用在阳光下运行。", "oversight"),
    ("村集体资产处置严格执行“四议两公开”。", "grassroots_governance"),
    ("建立法治工作联席会议制度，每季度会商一次。", "leadership"),
    ("对依法行政重点任务实行周调度、月通报。", "leadership"),
    ("层层压实责任，推动法治建设各项任务落地。", "leadership"),
    ("结合身边违纪违法典型案例开展以案促学。", "study_xi_thought"),
    ("组织律师为小微企业开展“法治体检”。", "public_legal_services"),
    ("坚持先论证后决策，防止拍脑袋决策。", "decision_making"),
    ("以依法行政制度建设为抓手，规范发文程序。", "rule_making"),
    ("依托数字赋能提升基层治理精度。", "digital"),
    ("推进各部门业务数据归集。", "digital"),
    ("对个体工商户轻微违法实行首违不罚。", "enforcement"),
    ("镇级小额工程项目推行阳光运行机制。", "oversight"),
    ("全年主动公开政府信息120条。", "oversight"),
    ("以身边违纪案例开展警示教育。", "oversight"),
    ("进一步压实各站所法治建设责任。", "leadership"),
    ("完成“南河发布”政务新媒体统一备案和日常运维。", "digital"),  # an account named X发布 is no publication
    ("班子成员集中学习习近平法治思想，每人撰写心得体会。", "study_xi_thought"),
    ("把习近平法治思想纳入新任职干部培训必修课。", "study_xi_thought"),
])
def test_newer_wordings_are_counted(themes, sentence, theme):
    assert themes.count(sentence, headings=())[theme] >= 1


@pytest.mark.parametrize("sentence, theme", [
    # the same words where they name other things (probe 30's traps and this round's controls)
    ("确保县委县政府的决策部署在我镇落地见效。", "decision_making"),
    ("认真落实上级党委的决策和部署。", "decision_making"),
    ("协调信用社发放应急周转资金300万元，帮助茶农收购。", "emergency"),
    ("园区着力培育大数据产业，新落户企业6家。", "digital"),
    ("在镇政府网站主动公开财政预决算信息。", "digital"),
    ("通过政务新媒体公布惠民政策解读12篇。", "digital"),
    ("引导村民学法用法，争做守法好公民。", "study_xi_thought"),
    ("村级代办员私自收取代办费，已责令退还。", "government_functions"),
    ("为种粮大户提供市场行情等决策参考。", "decision_making"),
    ("村务监督委员会列席村务决策会议。", "decision_making"),
    ("农商行推出“应急贷”产品支持春耕。", "emergency"),
    ("帮助10家企业开展数字化改造。", "digital"),
    ("培育电商直播人才，以数字赋能特色产业。", "digital"),
    ("民宿经营户签订诚信经营承诺制责任书。", "government_functions"),
    ("邀请本地企业家为返乡青年讲授创业经验。", "government_functions"),
    ("党建联席会议研究村级集体经济发展。", "leadership"),
    ("做好汛期水库调度。", "leadership"),
    # the guiding phrase of an opening is no study of the thought
    ("2023年，我镇坚持以习近平法治思想为指导，扎实推进法治政府建设。", "study_xi_thought"),
    ("在习近平法治思想的科学指引下，全乡法治建设迈上新台阶。", "study_xi_thought"),
    ("街道以习近平法治思想为引领，统筹推进依法行政。", "study_xi_thought"),
    ("以习近平法治思想统领社区治理各项工作。", "study_xi_thought"),
])
def test_same_words_in_other_senses_are_not_counted(themes, sentence, theme):
    assert themes.count(sentence, headings=())[theme] == 0


def test_a_website_is_digital_work_when_the_site_itself_is_the_work(themes):
    assert themes.count("完成镇政府网站集约化改版。", headings=())["digital"] >= 1
    assert themes.count("防汛应急保障经费纳入年度预算。", headings=())["emergency"] >= 1  # 应急 with money is still emergency
