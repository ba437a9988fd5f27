"""Kinds of self-reported problems (analytics.problems), on sentences written for these tests: the same problem
in different towns' words is one kind; a sentence that names no known kind is 其他问题."""

import numpy as np
import pandas as pd
import pytest

from analytics.problems import (KIND_LABELS, LABELLED_FILE, OTHER, fit_kind_model, kind_label, learned_model,
                                problem_kind, problem_kinds, read_labelled)


@pytest.mark.parametrize("sentence, kind", [
    # 人员力量不足, four wordings
    ("执法队伍人手紧张，全镇仅有持证执法人员3名", "staffing"),
    ("综合执法力量明显偏弱，难以承接下放的执法事项", "staffing"),
    ("街道司法所专职人员短缺，一人多岗现象突出", "staffing"),
    ("人少事多的矛盾比较突出", "staffing"),
    # 方式方法单一
    ("普法宣传形式比较单一，以发放资料为主", "form"),
    ("宣传手段陈旧，对年轻群体吸引力不强", "form"),
    ("法治宣传载体不够丰富", "form"),
    # 协同联动不够
    ("部门之间协作配合不够紧密，案件移送不及时", "coordination"),
    ("镇村两级联动机制不健全", "coordination"),
    ("各站所各自为政，没有形成工作合力", "coordination"),
    # 法治意识不强
    ("少数村干部依法办事意识淡薄", "awareness"),
    ("部分干部运用法治思维解决问题的能力不足", "awareness"),
    ("个别领导干部对法治建设重视不够", "awareness"),
    # others
    ("执法人员业务能力有待提高，对新下放事项的法律依据掌握不够", "ability"),
    ("规范性文件备案审查制度不够健全", "institutions"),
    ("行政处罚案卷制作不规范，部分文书填写不完整", "procedure"),
    ("普法责任制落实不到位，个别部门只管执法不管普法", "implementation"),
    ("法治文化阵地建设经费不足", "funding"),
    ("“互联网+政务服务”平台运用不够，群众网上办事比例低", "digital"),
    ("普法活动针对性不强，群众参与度不高", "reach"),
    # wordings without the usual shortfall word
    ("全乡仅有2名工作人员负责调解和矫正工作", "staffing"),
    ("站所之间各行其是，遇事相互推诿", "coordination"),
    ("镇级行政执法事项的实施办法尚未出台", "institutions"),
    ("矛盾纠纷数据依赖人工统计，上报慢", "digital"),
    ("部分普法活动重形式轻实效", "reach"),
    ("上级督察反馈问题整改不彻底", "implementation"),
    ("调查取证、告知听证等环节还不够严谨", "procedure"),
    ("村级调解员补贴偏低，工作积极性不高", "funding"),
    # wordings a fourth town used (probe 23): an old routine, an innovation falling short, a blockage between
    # departments, a lower-case "needs strengthening", a role not played in full, money under pressure, weak "smart"
    ("送法下乡还是停留在摆摊设点、发几张传单", "form"),
    ("普法形式多以开大会、念文件为主，群众坐不住", "form"),
    ("宣传手段创新明显乏力", "form"),
    ("执法部门与乡里之间的案件移交存在梗阻", "coordination"),
    ("审批和监管仍是“两张皮”", "coordination"),
    ("部分站所负责人依法办事的意识需要加强", "awareness"),
    ("村级法律顾问的作用发挥不够充分", "implementation"),
    ("法治文化阵地运行经费压力较大", "funding"),
    ("智慧社区建设推进偏弱，台账仍靠手工统计", "digital"),
    # and a fifth labelled set's (kinds set 4, measured before these were added)
    ("下放的执法事项翻了一番，执法编制却未相应增加", "staffing"),
    ("村调解员缺乏系统的法律培训", "ability"),
    ("情景式、体验式普法活动开展较少", "form"),
    ("部分干部运用法治方式化解矛盾的意识还不强", "awareness"),
    ("重招商引资、轻法治建设的现象仍然存在", "awareness"),
    ("镇级权责清单目录编制不完善", "institutions"),
    ("部分工作部署停留在文件层面", "implementation"),
    ("村级法治广场建成后疏于管护", "implementation"),
    ("公共法律服务室只能借用村委会会议室办公", "funding"),
    ("各业务平台之间形成数据孤岛", "digital"),
    ("“互联网+监管”应用不够广泛", "digital"),
    ("普法工作重数量轻质量", "reach"),
])
def test_each_kind_in_its_own_words(sentence, kind):
    assert problem_kind(sentence) == kind


def test_the_kind_named_first_decides():
    """The problem's core comes first; a consequence later in the sentence does not change its kind."""
    assert problem_kind("部门联动不够紧密，导致执法力量分散、效果不佳") == "coordination"
    assert problem_kind("执法力量不足，部门联动也不够紧密") == "staffing"


def test_a_sentence_no_pattern_matches_is_other_by_the_rules():
    for s in ["村级法律顾问每月到村时间偏少", "个别村民对征地补偿标准有意见", ""]:
        assert problem_kind(s, learned=False) is None and kind_label(problem_kind(s, learned=False)) == OTHER
    assert problem_kinds(["普法形式单一", None, "信访积案多"], learned=False) == ["form", None, None]
    assert problem_kinds([None, ""]) == [None, None]


def test_the_publics_awareness_stays_other_with_the_classifier_too():
    """(the public's weak legal awareness is not the cadres' 法治意识不强; a pattern says so, and a sentence a
    pattern matches never goes to the classifier)"""
    for s in ["部分村民法律意识淡薄，遇事爱找关系", "少数村民规则意识欠缺，遇事闹访",
              "辖区群众特别是外出务工返乡人员法律意识仍较淡薄"]:
        assert problem_kind(s) is None


# Written for this test (not in the labelled file), in words no pattern knows: the learned classifier's part.
_UNSEEN = [
    ("执法中队总共就三个人，却要管全镇二十多个村的巡查", "staffing"),
    ("新来的执法队员对行政强制的法定步骤吃不准，常常要打电话问县局", "ability"),
    ("普法还是老样子，发传单、拉横幅，年轻人根本不看", "form"),
    ("镇里各站所遇到交叉的事互相观望，谁也不愿牵头", "coordination"),
    ("有的干部觉得讲法律耽误事，习惯先干了再说", "awareness"),
    ("重大行政决策目录至今没有编制，哪些事要走决策程序说不清", "institutions"),
    ("部分处罚决定书没有写明救济途径和期限", "procedure"),
    ("年初定的普法计划有一半没有按时完成，考核也没有跟上", "implementation"),
    ("司法所的调解室漏雨，桌椅都是十多年前的旧物", "funding"),
    ("网格员上报事件还靠微信群转发，镇里没有统一的平台", "digital"),
    ("送到村里的法律讲座讲的都是条文，村民听完说用不上", "reach"),
]


def test_the_classifier_finds_kinds_in_words_no_pattern_knows():
    sentences = [s for s, _ in _UNSEEN]
    assert problem_kinds(sentences, learned=False) == [None] * len(_UNSEEN)
    got = problem_kinds(sentences)
    right = sum(g == k for g, (_, k) in zip(got, _UNSEEN))
    wrong = sum(g is not None and g != k for g, (_, k) in zip(got, _UNSEEN))
    assert right >= 9 and wrong <= 1, list(zip(got, _UNSEEN))  # (measured: 9 right, 2 left as 其他问题)
    assert all(type(g) is str for g in got if g is not None)  # plain str, stored in SQLite
    # a plain misfortune is no kind of the government's own shortfall
    assert problem_kind("今年汛期较长，部分村组道路冲毁，矛盾纠纷随之增多") is None


def test_the_models_probabilities_are_scikit_learns():
    model = learned_model()
    sentences = [s for s, _ in _UNSEEN]
    assert np.allclose(model.proba(sentences), model.classifier_.predict_proba(model.vectorizer_.transform(sentences)))
    assert model.predict([]) == [] and model.n_sentences_ == len(read_labelled())


# (set 6: 39 and 61 when first scored; one rule narrowed after it — 群体缺乏针对性 is no staffing — gives 39 and 62: the classifier now reads it)
@pytest.mark.parametrize("held_out, n, by_rules, with_classifier", [("5", 84, 44, 70), ("6", 72, 39, 62)])
def test_the_labelled_file_and_the_held_out_figures_in_the_readme(held_out, n, by_rules, with_classifier):
    """Every label is a known kind; learning only from the sets written before one set and scoring that set (written
    later, by a colleague who saw neither rules nor classifier) gives the README's held-out figures: set 5 (learned
    from sets 1–4) and set 6 (learned from sets 1–5). Pinned: a change of rules or classifier re-measures them."""
    rows = read_labelled()
    assert len(rows) >= 420 and len({s for s, _ in rows}) == len(rows)
    assert {k for _, k in rows} == set(KIND_LABELS) | {None}
    kind_of = dict(rows)
    frame = pd.read_csv(LABELLED_FILE, sep="\t", comment="#", dtype=str)
    train, test = frame[frame["set"] < held_out], frame[frame["set"] == held_out]
    model = fit_kind_model(list(train["sentence"]), [kind_of[s] for s in train["sentence"]])
    truth = [kind_label(kind_of[s]) for s in test["sentence"]]
    rules = [kind_label(k) for k in problem_kinds(test["sentence"], learned=False)]
    unmatched = [i for i, k in enumerate(rules) if k == OTHER]
    both = list(rules)
    for i, k in zip(unmatched, model.predict([test["sentence"].iloc[i] for i in unmatched])):
        both[i] = kind_label(k)
    assert len(truth) == n
    assert sum(r == t for r, t in zip(rules, truth)) == by_rules
    assert sum(b == t for b, t in zip(both, truth)) == with_classifier


def test_labels_are_plain_chinese_and_distinct():
    labels = list(KIND_LABELS.values())
    assert len(set(labels)) == len(labels) and OTHER not in labels
    assert kind_label("staffing") == "人员力量不足"
