import pytest

from analytics.facts import concreteness, extract_facts, parse_number
from analytics.sentences import split_sentences


@pytest.mark.parametrize(
    "s,value",
    [("3", 3), ("3.5", 3.5), ("1,000", 1000), ("百", 100), ("两万", 20000), ("三十", 30),
     ("一百二十", 120), ("十二", 12), ("一千零五", 1005), ("3万", 30000), ("1.5万", 15000), ("３", 3)],
)
def test_parse_number(s, value):
    assert parse_number(s) == value


@pytest.mark.parametrize("s", ["", "abc", "一二", "3x"])
def test_parse_number_rejects(s):
    assert parse_number(s) is None


def _summary(text):
    return [(f.value, f.unit, f.qualifier) for f in extract_facts(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("印发材料3万余份", (30000, "份", "余")),
        ("开展活动达百余次", (100, "次", "余")),
        ("张贴条幅近300余幅", (300, "幅", "近…余")),
        ("覆盖群众两万余人次", (20000, "人次", "余")),
        ("办结率达99.3%", (99.3, "%", None)),
        ("培养33名法治带头人", (33, "名", None)),
        ("我镇在 5 起纠纷中", (5, "起", None)),
        ("全年学法不少于40课时", (40, "课时", "不少于")),
        ("开展宣传3场次", (3, "场次", None)),
        ("发放1000余份", (1000, "份", "余")),
        ("解答30余人次", (30, "人次", "余")),
        ("印发近3万余份", (30000, "份", "近…余")),
        ("投入3万元", (3, "万元", None)),
        ("参加100多人", (100, "人", "多")),
        ("知晓率达到百分之九十五", (95, "%", None)),
    ],
)
def test_single_fact(text, expected):
    assert _summary(text) == [expected]


def test_not_facts():
    text = (
        "2021年12月13日，根据苏发〔2021〕87号文件，学习党的十九大、二十大和十九届六中全会精神，"
        "推进八五普法，落实行政执法三项制度，推行一村一法律顾问，一是加强领导，第一，召开第3次会议，"
        "做到“四个优先、四个集中”和“三个一”，最多跑一次，开展一次培训，走进千家万户，落实中央八项规定。"
    )
    assert extract_facts(text) == []


def test_span_and_sentence():
    text = "我镇高度重视。全年开展普法宣传活动达百余次，印发材料3万余份；群众满意。"
    facts = extract_facts(text)
    assert [f.raw for f in facts] == ["百余次", "3万余份"]
    for f in facts:
        assert text[f.start:f.end] == f.raw
    assert facts[0].sentence == "全年开展普法宣传活动达百余次，印发材料3万余份；"
    assert facts[0].sentence in split_sentences(text)


def test_longest_unit_first():
    assert _summary("服务200人次，召开5场次会议") == [(200, "人次", None), (5, "场次", None)]


SEED_FACTS = {
    "南郊镇": [("33名", 33, "名"), ("103名", 103, "名"), ("6处", 6, "处"), ("15处", 15, "处")],
    "十里亭镇": [("1000余份", 1000, "份"), ("30余人次", 30, "人次"), ("233人", 233, "人"), ("12名", 12, "名")],
    "周营镇": [("20个", 20, "个"), ("百余次", 100, "次"), ("近3万余份", 30000, "份"),
             ("近300余幅", 300, "幅"), ("100%", 100, "%")],
    "商家镇": [("60余名", 60, "名"), ("6次", 6, "次"), ("12次", 12, "次")],
    "苏河镇": [("99.3%", 99.3, "%"), ("100%", 100, "%"), ("5 起", 5, "起"), ("40课时", 40, "课时"),
             ("3场次", 3, "场次")],
}


@pytest.mark.parametrize("town", list(SEED_FACTS))
def test_seed_facts(seed_texts, town):
    text = seed_texts[town]
    facts = extract_facts(text)
    found = {(f.value, f.unit) for f in facts}
    for raw, value, unit in SEED_FACTS[town]:
        assert (value, unit) in found, raw
        assert any(raw in f.raw and f.value == value and f.sentence in text for f in facts), raw
    # nothing that a reader would not call a quantity
    assert all(f.unit and f.value > 0 for f in facts)
    assert not any("年" == text[f.end:f.end + 1] for f in facts)


def test_seed_facts_exclude_fixed_terms(seed_texts):
    raws = {f.raw for f in extract_facts(seed_texts["苏河镇"])}
    assert "三项" not in "".join(raws)  # 行政执法“三项制度”
    raws = {f.raw for f in extract_facts(seed_texts["周营镇"])}
    assert not any("八项" in r or "三个" in r for r in raws)  # 八项规定, “三个一”


def test_concreteness():
    facts = extract_facts("发放材料100份，培训20人次。")
    assert concreteness(facts, chars=4000) == 5.0
    assert concreteness([], chars=0) == 0.0


@pytest.mark.parametrize("town", list(SEED_FACTS))
def test_seed_facts_after_normalisation(seed_texts, town):
    from analytics.normalize import normalize_text

    found = {(f.value, f.unit) for f in extract_facts(normalize_text(seed_texts[town]))}
    assert {(v, u) for _, v, u in SEED_FACTS[town]} <= found
