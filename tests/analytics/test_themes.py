import math
import re

import pytest

from analytics.themes import (
    DEFAULT_DICTIONARY,
    DEFAULT_EMPHASIS,
    DictionaryError,
    ThemeDictionary,
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
    assert themes.ids() == SYSTEM_THEMES + ["law_popularization", "public_legal_services"]
    assert sum(t.system is not None for t in themes.themes) == 10
    for t in themes.themes:
        assert 10 <= len(t.terms) <= 40, t.id
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
    # 重大行政决策 / 公众参与 / 专家论证 / 风险评估 / 集体讨论决定 / 法律顾问 ; 合法性审查 is rule_making
    ("重大行政决策严格履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定程序，发挥法律顾问作用。",
     {"decision_making": 6, "rule_making": 1}),
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
    # 党政主要负责人 / 法治建设 / 第一责任人职责 / 述法 / 依法治镇 / 领导小组 / 考核
    ("党政主要负责人履行推进法治建设第一责任人职责，年终述法，成立依法治镇领导小组，纳入考核。",
     {"leadership": 7}),
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
        assert all(text[h.start:h.end] == h.term for h in hits)
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
