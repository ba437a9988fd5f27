"""Quantified facts: numbers with units ("印发材料3万余份", "百余次", "办结率达99.3%").

A fact is a number (Arabic, Chinese or mixed, e.g. 3万, 两万, 一百二十) followed, possibly after
spaces and a qualifier (余/多), by a unit from :data:`UNITS` (longest unit first: 人次 before 人).
Money in 万元/亿元 is converted to 元 (1.2万元 → 12000 元), tenths to % (不足三成 → 30 %). Dates (2021年, 12月13日), ordinals (第一,
一是, 一、), document numbers (〔2021〕87号), 十九大, 八五普法, a bare 一 used as an article (一次, 一个)
and numbers inside fixed terms (三项制度, 一村一法律顾问, slogans in short quotes such as “四个优先”)
are not facts.

Each fact also says
- ``approximate``: a vague quantity (数十次, 几十名, 十几个, 上百人, 多次, 若干名); ``value`` is then a
  lower bound (数十 → 20, 十几 → 11, 多次 → 2);
- ``breakdown``: a part of the fact just before it — inside the parenthesis that follows a total
  ("5人（2人、2人、1人）") or after 其中 ("233人，其中…5人，…228人", parts adding up to at most the total);
- ``kind``: ``"outcome"`` (成效/举措: what was done and achieved) or ``"baseline"`` (基本情况: staffing,
  registers, population, area, counts of villages, organisations and members), read from the words
  nearest the number (:data:`BASELINE_CUES`, :data:`OUTCOME_CUES`); ``"target"`` (目标: a plan, in the
  next year's part or after 力争/计划/确保… in its clause) and ``"problem"`` (in the shortcomings part:
  "干部仅有6人") where the caller passes those parts' spans; ``"earlier"`` (an earlier year's value compared
  with: 较2021年的12件); ``"change"`` (the change against an earlier year: 较上年减少3件, 同比提高1.2个百分点).

:func:`concreteness` counts only exact, non-breakdown outcome and change facts.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from analytics.sentences import sentence_spans, table_rows

UNITS: tuple[str, ...] = tuple(
    sorted(
        """人次 场次 户次 家次 台次 处次 条次 件次 批次 轮次 课时 学时 小时 分钟 万元 亿元 元 名 人 户 次 场 份 册 件 起 宗 卷
        个 处 家 条 项 期 篇 幅 天 台 套 本 张 所 支 批 座 间 辆 栋 堂 节 部 种 块 轮 平方米 平方公里 公里 公顷 立方米 米
        亩 吨 % ％ 个百分点 倍 分 成""".split(),
        key=len,
        reverse=True,
    )
)
# Units whose number is a multiple of another unit: converted to it.
MONEY_UNITS = {"万元": ("元", 10_000), "亿元": ("元", 100_000_000)}
_IN_BASE_UNITS = {**MONEY_UNITS, "％": ("%", 1), "成": ("%", 10)}  # 不足三成 → 30 %
# Units a vague word without a number may count (多次, 若干名); not money, length, area or weight (多元化).
COUNT_UNITS: tuple[str, ...] = tuple(
    sorted("人次 场次 户次 家次 名 人 户 次 场 份 册 件 起 宗 卷 个 处 家 条 项 期 篇 幅 天 台 套 本 张 所 支 批 座 间".split(),
           key=len, reverse=True)
)
AREA_UNITS = frozenset({"平方米", "平方公里", "公里", "公顷", "立方米", "米", "亩"})

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"

# Fixed terms whose numerals are part of a name, not a quantity.
FIXED_TERMS: tuple[str, ...] = (
    "三项制度", "一村一法律顾问", "一村（社区）一法律顾问", "一村一辅警", "千家万户", "万家灯火", "三番五次",
    "四处", "两不愁三保障", "三重一大", "三会一课", "四议两公开", "一岗双责", "八五普法", "七五普法",
    "八项规定", "十四五", "十三五", "一次办好", "最多跑一次", "一窗通办", "一网通办", "两个确立", "两个维护", "四个意识",
    "四个自信", "三个一", "三个代表", "两学一做", "五个一", "多元", "十户联防", "两个责任", "万人助万企", "百村千户",
    # the steps a rule prescribes, and numbered principles: 重大行政决策五个法定程序, 做到四个必须
    "个必经程序", "个法定程序", "项法定程序", "个必经环节", "个法定环节", "个必须", "个到位", "个坚持", "个不准", "个严禁",
    # round-the-clock duty describes a regime, not an amount of work done
    "24小时值班", "24小时值守", "24小时在线", "24小时服务", "24小时运行", "24小时不间断", "24小时监控", "24小时畅通",
    "24小时响应", "24小时待命", "24小时专人值守",
)

_PREFIX_QUALIFIERS = ("将近", "不少于", "不低于", "超过", "大约", "近", "约", "逾", "超", "至少", "突破", "不足", "不到")
_CLAUSE_ENDS = tuple("，。；、,;")
# after Arabic digits only (预案5部, 文书格式21种, 宣传牌14块, 排查3轮), never 一部分, 内部, 一种氛围, 一块儿, 新一轮
_DIGIT_UNITS = {"部": r"(?<=[\d余多])部(?![分门署队长位委件室])", "种": r"(?<=[\d余多])种", "块": r"(?<=[\d余多])块(?!儿)",
                # 排查3轮, 至少两轮; not 新一轮, 三轮车, “两轮驱动”
                "轮": r"(?<=[\d余多两三四五六七八九十])轮(?![换岗值流车驱])",
                # a score (平均成绩92.5分, 测评得分96分); not 3分钟, 三分之一, 5分局, 2分队
                "分": r"(?<=\d)分(?![钟之别类局析管工享担批期配队院所部会站社解散布摊段层级包流])",
                # tenths after a Chinese digit (不足三成, 九成以上); not 一成不变, 组成, 三成员
                "成": r"(?<=[二两三四五六七八九])成(?![员为立效果绩本功熟长就型交品])"}
_UNIT_RE = "|".join(_DIGIT_UNITS.get(u, re.escape(u)) for u in UNITS)
_UNIT_RE_FULL = re.compile("|".join(map(re.escape, UNITS)))  # a table's unit cell: the unit alone
_COUNT_UNIT_RE = "|".join(map(re.escape, COUNT_UNITS))

_NUM = rf"(?:(?<![\d.．第]){{a}}|(?<![{_CN_CHARS}第数几]){{c}})".format(
    a=r"\d+(?:,\d{3})*(?:\.\d+)?(?:[万亿](?!元)|千)?",
    c=rf"[{_CN_CHARS}]+?(?=余|多|\s*(?:{_UNIT_RE}))",
)
# Vague numbers: 数十, 几百, 十几, 二十几, 上百, 成百上千, and a vague word alone before a count unit (多次).
_VAGUE_NUM = r"[数几][十百千万]+|[一二两三四五六七八九]?十几|上[百千万]|成[百千]上[千万]"
_FIRST_CHARS = "".join(sorted({q[0] for q in _PREFIX_QUALIFIERS} | set("数几上成多若")))
_FACT = re.compile(
    rf"(?=[\d{_CN_CHARS}{_FIRST_CHARS}])"  # cheap rejection of positions that cannot start a fact
    rf"(?P<pre>{'|'.join(q if q != '约' else '(?<![民公合契条协制节预])约' for q in _PREFIX_QUALIFIERS)})?"
    rf"(?:百分之(?P<pct>[{_CN_CHARS}]+(?:点[{_CN_CHARS}]+)?|\d+(?:\.\d+)?)"
    rf"|(?P<vnum>{_VAGUE_NUM})[ \t\u3000]*(?P<vsuf>余|多)?[ \t\u3000]*(?P<vunit>{_UNIT_RE})"
    rf"|(?P<num>{_NUM})[ \t\u3000]*(?P<suf>余|多)?[ \t\u3000]*(?P<unit>{_UNIT_RE})"
    rf"|(?<![\d{_CN_CHARS}余多数几])(?P<vword>多|数|几|若干)(?P<wunit>{_COUNT_UNIT_RE}))"
    rf"(?P<post>以上|左右|以内|以下)?"
)
# 人民, 人大, 人口, 人员(培训), 场所: the unit character opens a word, it counts nothing (2人民调解, 4场所巡查 of a
# table's row number before its cell)
_OPENS_WORD = {"人": ("民", "大", "口", "员"), "场": ("所",)}
_QUOTED = re.compile(r"“[^”\n]{1,20}”|\"[^\"\n]{1,20}\"")

# Words that tell what a number counts. Verbs and markers first: the one nearest before the number in
# its clause decides, else the nearest in the sentence's earlier clauses; then nouns around the number.
BASELINE_CUES = (
    "编制", "在编", "实有", "现有", "共有", "已有", "拥有", "在册", "在管", "列管", "在档", "登记在册", "辖", "下辖", "管辖",
    "辖区内", "辖区有", "辖区内有", "全镇有", "全乡有", "全街道有", "设有", "下设", "内设", "总人口", "人口", "户籍", "常住", "划分",
)
_TOTAL_WORDS = ("有", "共")  # 共有/已有/全镇有 320名党员参加考试: people who did something
OUTCOME_CUES = (
    "开展", "举办", "组织", "召开", "发放", "派发", "印发", "张贴", "悬挂", "播放", "推送", "发布", "培训", "授课",
    "宣讲", "调解", "化解", "调处", "排查", "摸排", "办结", "受理", "审查", "审核", "出具", "处理", "办理", "查处",
    "立案", "处罚", "整改", "接待", "解答", "走访", "覆盖", "参加", "参与", "参训", "完成", "新建", "建成", "打造",
    "创建", "投入", "提供", "援助", "签订", "培育", "培养", "评选", "表彰", "获评", "评为", "公布", "公示", "通过",
    "出动", "检查", "送治", "收治", "帮扶", "挽回", "追回", "清理", "修订", "制定", "出台", "废止", "审议", "学习",
    "学法", "旁听", "测试", "考试", "下发", "解决", "聘请", "选派", "拆除", "取缔", "没收", "罚没", "办件",
    "新增", "建立", "发现", "打击", "破获", "抓获", "救助", "慰问", "入户", "播出", "制作", "编印", "赠送",
    "公开", "服务", "进村", "帮助", "指导", "讲授", "讲课", "约谈", "表扬", "提醒",
    "新设", "增设", "安装", "视察", "调研", "督查", "督导", "巡查", "评查", "暗访", "抽查", "督察", "回访", "核查",
    "讲法治课", "讲党课", "接收", "解除", "选聘", "招录", "招聘", "聘任",
)
# Verbs after the number that make it a result whatever the noun (3个社区被评为…, 2人获评…, 3个村给予通报表扬).
_AWARD_AFTER = re.compile(r"被评为|被命名|被授予|获评|荣获|获得|入选|评为|表扬|表彰")
# "对 …" just before the number, with the verb after it (对2名村干部进行约谈提醒); not 对照/对接/针对/面对
_WORK_VERB = re.compile(r"进行|开展|予以|给予|实施|作出|组织")  # 对3名执法人员进行执法资格复训
_ACTED_ON = re.compile(r"(?<![针面核比相])对(?![照接象话口标比于])[^，,；;。：:]{0,10}\Z")
# A vague word that only announces a list (从以下几个方面, 存在几个问题): not a quantity.
_LIST_NOUNS = ("方面", "问题", "环节", "重点", "特点", "亮点", "措施", "不足", "原因", "阶段", "领域", "部分")
BASELINE_NOUNS = (
    "工作人员", "人员", "公务员", "职工", "党员", "委员", "成员", "行政村", "自然村", "村民小组", "居委会", "村委会",
    "社区", "内设机构", "机构", "委员会", "党支部", "党组织", "网格员", "矫正对象", "缓刑", "假释", "服刑", "死亡",
    "报到", "吸毒人员", "患者", "面积", "占地", "村", "乡镇", "街道", "调解员",
)
OUTCOME_NOUNS = (
    "活动", "讲座", "纠纷", "案件", "宣传", "资料", "材料", "横幅", "展板", "手册", "宣传册", "课时", "会议", "咨询",
    "隐患", "违建", "违法建设", "信访", "事项", "合同", "意见", "建议", "数据", "问题", "线索", "群众",
)
# Words before a number in its clause that make it a plan, not a result (力争再创建1个, 计划培养30名).
_TARGET_CUE = re.compile(r"力争|争取(?![^，。；]{0,15}(?:资金|项目|支持|补助|经费))|(?<![已])确保(?!了)|预计|(?<![模虚])拟"
                         r"|目标(?:是|为|[：:])"
                         r"|(?<!按)计划(?:新|再|于|在|到|开展|举办|组织|培养|培训|完成|建成|创建|实现|发展|招募|投入|新增)")
# A clause about last year set against this year's (去年同期受理19件，今年增至27件): its numbers are earlier values.
_LAST_YEAR_CLAUSE = re.compile(r"(?:去年|上年|上一年)度?(?:同期)?")
_THIS_YEAR = re.compile(r"今年|本年|当年")
_RUNNING_TOTAL = re.compile(r"累计(?:建成|建立|达到|达|创建|创成|有|拥有|获评|获得)")
_BARE_ORDERS = frozenset("万亿")  # a magnitude alone, without 余/多 after it (执法人员十名 is ten)
_THIS_PERIOD = re.compile(r"今年|本年|全年|年内|当年|以来|(?:19|20)\d{2}年")
# a year named in the number's clause, not as the start of a period (2021年以来, 2021年至今) nor a compared value
_NAMED_YEAR = re.compile(r"(?<![由从较比])((?:19|20)\d\d)[ \t\u3000]*年(?!以来|起|来|至|到|[—–\-~～])")


def _of_an_earlier_year(clause: str, year: int) -> bool:
    """Whether the clause before a number says it is of a year before ``year`` ("2022年全镇调解纠纷" 86件), with
    no other number between that year and this one (由2021年的5%提高到 8%: the 8% is this year's)."""
    last = None
    for last in _NAMED_YEAR.finditer(clause):
        pass
    return last is not None and int(last.group(1)) < year and not any(c.isdigit() for c in clause[last.end():])


# A year that opens a clause with a comma ("2021年，全镇调解纠纷88件") dates the rest of the sentence, not only its own
# clause: the sentence's figures after it are that year's unless 今年/本年 or a year not before the report's follows.
_ANY_YEAR = re.compile(r"((?:19|20)\d\d)[ \t\u3000]*年")
_YEAR_TOPIC = re.compile(r"(?<![由从较比至到—–\-~～\d])((?:19|20)\d\d)[ \t\u3000]*年度?[ \t\u3000]*[，,]")
_NOW = re.compile(r"今年|本年")


def _after_an_earlier_year_topic(lead: str, year: int) -> bool:
    """Whether the sentence before a number (``lead``) names a year before ``year`` followed by a comma, with only
    earlier years after it ("2021年，全镇调解纠纷" 88件, "2021年，…完成了2021年度考试，学法" 6次; not "2023年，" in a
    2023 report, nor "2021年，…，今年新建" 3间, nor a range's end "2019—2021年，")."""
    last = None
    for last in _YEAR_TOPIC.finditer(lead):
        pass
    if last is None or int(last.group(1)) >= year:
        return False
    rest = lead[last.end():]
    return not _NOW.search(rest) and all(int(m.group(1)) < year for m in _ANY_YEAR.finditer(rest))


_SAME_PERIOD_LAST_YEAR = re.compile(r"(?:去年|上年|上一年)度?同期")
# 上年为19件 as the clause right after this year's figure of the same unit (全年办理27件，上年为19件): the value it is set
# against, whatever month the report was written in. A lone 上年度为117件 is left alone: in a report written in
# January 上年度 may be the report's own year.
_LAST_YEAR_WAS = re.compile(r"而?(?:上一?年度?|去年)(?:全年)?(?:为|是|有)?")


def _set_against_the_figure_before(text: str, found: Sequence["_Found"], k: int) -> bool:
    """Whether fact ``k``'s clause is only 上年为/去年是 … and an earlier clause of the same sentence (or of the one
    just before, up to a ；) has a figure of the same unit (全年受理信访事项21件，按期办结率100%；上年为19件: the rate
    between does not matter)."""
    f = found[k]
    # the same sentence, or the one just before when only a ； parts them (…办结率100%；上年为19件)
    prev = found[k - 1] if k else None
    joined = {f.s0, prev.s0} if prev and prev.s1 == f.s0 and text[prev.s1 - 1] in "；;" else {f.s0}
    before = next((b for b in reversed(found[:k]) if b.s0 in joined and _same_family(b.unit, f.unit)), None)
    if before is None:
        return False
    at = _clause_start(text, f.start, floor=f.s0, lookback=_CLAUSE_LOOKBACK)
    return at > before.end and _LAST_YEAR_WAS.fullmatch(text, at, f.start) is not None
# A range (3至5次, 30-50人): one approximate fact at its lower bound.
_RANGE_BEFORE = re.compile(rf"(\d+(?:\.\d+)?|[{_CN_CHARS}]+)[ \t\u3000]*(?:至|到|-|—|–|~|～)[ \t\u3000]*\Z")  # one line
# A number right after these is an earlier year's value, compared with (较2021年的12件增加7件, 由2021年的5%提高到8%).
# In a parenthesis, a year and 为 say the same: 23件（2022年为9件）, （上年为9件）.
_EARLIER = re.compile(r"(?:(?:较|比|由|从|同比|相比)(?:上一?年度?|去年|前一?年|\d{4}年度?)(?:同期|底|末)?(?:的|[（(])?"
                      r"|[（(](?:上一?年度?|去年|前一?年|\d{4}年)(?:度|全年)?(?:同期)?(?:为|是|有|共))\Z")
KINDS = {"outcome": "成效/举措", "baseline": "基本情况", "target": "目标/计划", "problem": "不足中的数字",
         "earlier": "往年数字", "change": "与往年比的增减"}
CONCRETE_KINDS = ("outcome", "change")  # the kinds :func:`concreteness` counts (exact, not a part of a total)
# A number right after a comparison and a verb of change is the change (较上年减少3件, 同比提高1.2个百分点,
# 比去年多2场): neither this year's work nor the earlier value.
_EARLIER_YEAR = r"(?:上一?年度?|去年|前一?年|\d{4}年度?)(?:同期)?"
_CHANGE_BEFORE = re.compile(r"(?:(?:较|比|同比|环比|相比)[^，,。；;：:]{0,16}?"
                            rf"|(?:与|和|同){_EARLIER_YEAR}相比[，,][^，,。；;：:]{{0,12}}?)"  # 与上年相比，纠纷总量减少11件
                            r"(?:增加|减少|增长|下降|上升|提高|降低|提升|回落|扩大|缩小|多出|多|少)了?(?:约|近)?\Z"
                            rf"|[比较]{_EARLIER_YEAR}(?:多|少)[^，,。；;：:\d]{{1,6}}\Z")  # 比去年多调解成功6件, 较上年多投入5万元
# The clause right after an earlier year's figure (上年为十五件，增加六件): the change between the two.
_CHANGE_AFTER_EARLIER = re.compile(r"(?:共|总计|合计)?(?:增加|减少|增长|下降|上升|提高|降低|提升|回落|多|少)了?(?:约|近)?")
# A verb of change right before the number gives the change even without 较/比/同比 (行政败诉率下降1.5个百分点, 信访积案
# 减少了8件, 发案数下降21%); not a new level (提高到97%, 降至3%) nor a verb with its object between (减少群众跑腿…120件).
# Before a count only the verbs that cannot name what was added: 增加15户/提高/提升 may be new work, so they need a rate.
_CHANGE_VERB_BEFORE_RATE = re.compile(r"(?:增加|增长|上升|提高|提升|减少|下降|降低|回落)了?\Z")
_CHANGE_VERB_BEFORE_COUNT = re.compile(r"(?:增长|上升|减少|下降|降低|回落)了?\Z")
_CLAUSE_BREAK = re.compile(r"[，,；;。：:！？!?、（）()\n]")
# What ends a breakdown after 其中: a clause that starts a new total.
_HEAD_CUES = ("在册", "共有", "共计", "合计", "总计", "累计", "现有", "全镇", "全乡", "全年", "全街道")
_PARTS_WORDS = ("其中", "包括")


_BREAKS = "，,；;。：:！？!?、（）()\n"  # characters that end a clause
_CLAUSE_LOOKBACK = 40  # characters
_SENTENCE_LOOKBACK = 120


# A baseline word that is another word when this follows it: 辖 (下辖12个村) but not 辖区 (帮助辖区32家企业).
_BASELINE_NOT_BEFORE = {"辖": "区"}


def _cue_pattern(baseline: Sequence[str], outcome: Sequence[str], *, not_before: str = "") -> re.Pattern[str]:
    """Baseline words (longest first), then outcome words (longest first, none followed by a character of
    ``not_before``), as one flat alternation: every alternative starts with a literal character, so the
    regex engine skips positions no cue can start at. A match is baseline when its text is a baseline word."""
    tail = f"(?![{not_before}])" if not_before else ""
    return re.compile("|".join(
        [re.escape(w) + (f"(?![{_BASELINE_NOT_BEFORE[w]}])" if w in _BASELINE_NOT_BEFORE else "")
         for w in sorted(baseline, key=len, reverse=True)]
        + [re.escape(w) + tail for w in sorted(outcome, key=len, reverse=True)]))


# A verb inside a noun names a person or a body, not an action: 调解员, 培训班, 检查组, 宣讲团.
_CUE_RE = _cue_pattern(BASELINE_CUES, OUTCOME_CUES, not_before="员班组团室站委")
_NOUN_RE = _cue_pattern(BASELINE_NOUNS, OUTCOME_NOUNS)
_BASELINE_WORDS = frozenset(BASELINE_CUES) | frozenset(BASELINE_NOUNS)
assert not _BASELINE_WORDS & (frozenset(OUTCOME_CUES) | frozenset(OUTCOME_NOUNS))
# the last clause break before a number (the clause of the number starts after it)
_LAST_BREAK = re.compile(f".*[{re.escape(_BREAKS)}]", re.S)
_PARTS_RE = re.compile("|".join(_PARTS_WORDS))


@dataclass(frozen=True)
class Fact:
    value: float  # in ``unit``; a lower bound when ``approximate``
    unit: str
    raw: str
    qualifier: str | None  # 余, 多, 近, 约, 不少于 …; for a vague quantity its vague word (数, 几, 多, 若干 …)
    sentence: str
    start: int
    end: int
    approximate: bool = False  # 数十次, 多次, 十几名 …: not a precise count
    kind: str = "outcome"  # see KINDS: outcome, baseline, target, problem, earlier, change
    breakdown: bool = False  # a part of the total just before it (in parentheses or after 其中)

    @property
    def concrete(self) -> bool:
        """Whether this fact counts towards :func:`concreteness`: an exact outcome or change against an earlier
        year (较上年减少3件), not a part of a total."""
        return self.kind in CONCRETE_KINDS and not self.approximate and not self.breakdown


def _parse_chinese(s: str) -> float | None:
    total = section = 0
    digit: int | None = None
    for ch in s:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0 and _CN_DIGITS[ch] != 0:
                return None  # "一二" is not a number
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        elif ch in _CN_BIG:
            section += digit or 0
            total += (section or 1) * _CN_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return float(total + section + (digit or 0))


def parse_number(s: str) -> float | None:
    """Arabic (3, 3.5, 1,000), Chinese (百, 两万, 一百二十) or mixed (3万, 1.5万) -> float."""
    if s.isascii() and s.isdigit():
        return float(s)
    s = unicodedata.normalize("NFKC", s).strip().replace(" ", "")
    if not s:
        return None
    if "点" in s:  # 九十八点五
        whole, _, frac = s.partition("点")
        head = parse_number(whole)
        digits = [_CN_DIGITS.get(ch) for ch in frac]
        if head is None or not digits or None in digits:
            return None
        return float(f"{int(head)}.{''.join(map(str, digits))}")
    m = re.fullmatch(r"(\d+(?:,\d{3})*(?:\.\d+)?)([十百千万亿]*)", s)
    if m:
        value = float(m.group(1).replace(",", ""))
        for ch in m.group(2):
            value *= {**_CN_SMALL, **_CN_BIG}[ch]
        return value
    return _parse_chinese(s)


def parse_vague(s: str) -> float | None:
    """Lower bound of a vague number: 数十 → 20, 几百 → 200, 十几 → 11, 二十几 → 21, 上百 → 100,
    成百上千 → 100, 多/数/几/若干 alone → 2."""
    if s in ("多", "数", "几", "若干"):
        return 2.0
    if s[0] in "数几":
        return 2.0 * (parse_number(s[1:]) or 0) or None
    if s.endswith("十几"):
        tens = _CN_DIGITS.get(s[0], 1) if len(s) == 3 else 1
        return float(tens * 10 + 1)
    if s[0] == "上":
        return parse_number(s[1])
    if s[0] == "成":
        return parse_number(s[1])
    return None


_LONGEST_FIXED = max(map(len, FIXED_TERMS))
_FIXED_RE = re.compile("|".join(map(re.escape, sorted(FIXED_TERMS, key=len, reverse=True))))


def _in_fixed_term(text: str, start: int, end: int) -> bool:
    """Whether [start, end) overlaps a fixed term (三项制度, 八项规定 …): looked up around the match only."""
    lo = max(0, start - _LONGEST_FIXED + 1)
    for m in _FIXED_RE.finditer(text, lo, end + _LONGEST_FIXED - 1):
        if m.start() < end and start < m.end():
            return True
    return False


def _span_bounds(sentences: Sequence) -> list[tuple[int, int]]:
    return [(s.start, s.end) if hasattr(s, "start") else (int(s[0]), int(s[1])) for s in sentences]


def extract_facts(text: str, *, sentences: Sequence[tuple[int, int]] | None = None,
                  plans: Sequence[tuple[int, int]] = (), problems: Sequence[tuple[int, int]] = (),
                  rows: Sequence | None = None, year: int | None = None) -> list[Fact]:
    """Numbers with units and qualifiers, in text order, each with its kind and flags.

    ``sentences``: the sentence spans ``[(start, end)]`` of ``text`` when the caller has them (e.g. from
    its own layout parse; :class:`analytics.sentences.Span` objects work too); computed here otherwise.
    ``plans`` / ``problems``: spans of the next year's part and of the shortcomings part; a number inside
    one is a target / a problem, whatever its words. ``rows``: the text's table rows
    (``analytics.sentences.table_rows``) when the caller has them; found here otherwise. ``year``: the year the
    report is about; a number whose clause names an earlier year ("2022年全镇调解纠纷86件") is an earlier value.
    """
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    plans, problems = sorted(map(tuple, plans)), sorted(map(tuple, problems))
    bounds = _span_bounds(sentence_spans(text) if sentences is None else sentences)
    starts = [s for s, _ in bounds]
    found: list[_Found] = []
    for m in _FACT.finditer(text):
        start, end = m.start(), m.end()
        approximate = False
        if m.group("pct"):
            num, unit, value = m.group("pct"), "%", parse_number(m.group("pct"))
            qualifiers = [m.group("pre"), m.group("post")]
        elif m.group("num"):
            num, unit, value = m.group("num"), m.group("unit"), parse_number(m.group("num"))
            if num in _BARE_ORDERS and not m.group("suf"):
                continue  # 万人签名, 每万人, 万元户, or a number lost before 万元: not 10,000 (万余人 is)
            if unit in _OPENS_WORD and text.startswith(_OPENS_WORD[unit], m.end("unit")):
                continue  # 2人民调解 (a table's row number before its cell), 3人大代表: 人 opens a word
            qualifiers = [m.group("pre"), m.group("suf"), m.group("post")]
        elif m.group("vnum"):
            num, unit, value = m.group("vnum"), m.group("vunit"), parse_vague(m.group("vnum"))
            approximate = True
            vague = num if num.startswith("成") else ("几" if "几" in num else num[0])
            qualifiers = [m.group("pre"), vague, m.group("vsuf"), m.group("post")]
        else:
            num, unit, value = m.group("vword"), m.group("wunit"), parse_vague(m.group("vword"))
            approximate = True
            qualifiers = [m.group("pre"), m.group("vword"), m.group("post")]
        if value is None:
            continue
        is_chinese = not any(map(str.isdigit, num))
        if (approximate or is_chinese) and text.startswith(_LIST_NOUNS, end):
            continue  # 从以下几个方面, 三个方面: a list announced, not a quantity
        if _in_fixed_term(text, start, end) or _inside(quoted, start, end):
            continue  # 三项制度; “最多跑1次”, “百场讲座惠万家”: a slogan's numbers
        if is_chinese and not approximate and (num == "一" and unit != "倍" and not text.startswith(_CLAUSE_ENDS, end)
                                               or unit == "期" and text.startswith(("工程", "项目"), end)):
            continue  # 一次/一个 as an article (开展了一次排查); "旁听庭审一次，" ends its clause: once
        if m.group("num") and (lower := _RANGE_BEFORE.search(text, max(0, start - 12), start)):
            low = parse_number(lower.group(1))  # 3至5次: at least 3
            if low is not None and low <= value:
                start, value, approximate = lower.start(), low, True
                qualifiers = ["至", *qualifiers]
        if unit in _IN_BASE_UNITS:
            unit, factor = _IN_BASE_UNITS[unit]
            value *= factor
        i = bisect.bisect_right(starts, start) - 1
        s0, s1 = bounds[i] if i >= 0 and start < bounds[i][1] else (start, end)
        found.append(_Found(value, unit, text[start:end], "…".join(q for q in qualifiers if q) or None, s0, s1,
                            start, end, approximate, _kind(text, start, end, unit, (s0, s1), year=year)))
    if "\t" in text or "|" in text:
        found = _with_table_facts(text, found, table_rows(text) if rows is None else rows)
    heads = _breakdown_heads(text, found, bounds, starts)
    kinds = [f.kind for f in found]
    for k, h in enumerate(heads):
        if h is not None:  # a part takes the kind of its total (heads come before their parts)
            kinds[k] = kinds[h]
    for k, f in enumerate(found):
        clause = _clause_before(text, f.start, f.s0)
        # inside the shortcomings or the next year's part a number is a problem or a target, whatever its words
        # (执法人员较上年减少2名 in 不足; 信访总量较上年再下降10% in the plan)
        if _inside(problems, f.start, f.end):
            kinds[k] = "problem"
        elif _inside(plans, f.start, f.end):
            kinds[k] = "target"
        # 去年 alone may be the report's own year (a report written in January); 去年同期 is always a comparison
        elif _CHANGE_BEFORE.search(text, max(f.s0, f.start - 28), f.start) or (
                k and kinds[k - 1] == "earlier" and found[k - 1].s0 == f.s0 and _same_family(found[k - 1].unit, f.unit)
                and _CHANGE_AFTER_EARLIER.fullmatch(clause)):
            kinds[k], heads[k] = "change", None  # 较上年减少3件, 上年为十五件，增加六件: by how much, not what was done
        elif (_EARLIER.search(text, max(0, f.start - 12), f.start) or _SAME_PERIOD_LAST_YEAR.match(clause)
              or (_LAST_YEAR_CLAUSE.match(clause) and _THIS_YEAR.search(text, f.s0, f.s1))
              or (year and _of_an_earlier_year(clause, year))
              or (year and _after_an_earlier_year_topic(text[f.s0:f.start], year))
              or _set_against_the_figure_before(text, found, k)):
            kinds[k] = "earlier"
        elif kinds[k] == "outcome" and (m := _FROM_BEFORE.search(text, max(f.s0, f.start - 8), f.start)) \
                and _RAISED_TO.match(text, f.end):
            # 分值由过去的3分提高到6分: the value before the change; 由法定20个工作日压缩至5个: the rule's limit
            kinds[k] = "baseline" if m.group(1) else "earlier"
        elif _TARGET_CUE.search(text, _plan_scope(text, f.start, f.s0), f.start) \
                or _TARGET_AFTER.match(text, f.end) or _QUOTA_BEFORE.search(text, max(f.s0, f.start - 12), f.start):
            kinds[k] = "target"
        elif (_CHANGE_VERB_BEFORE_RATE if f.unit in _RATE_UNITS else _CHANGE_VERB_BEFORE_COUNT).search(
                text, max(f.s0, f.start - 3), f.start):
            kinds[k], heads[k] = "change", None  # 下降1.5个百分点, 减少了8件: by how much, not what was done
    return [
        Fact(value=f.value, unit=f.unit, raw=f.raw, qualifier=f.qualifier, sentence=text[f.s0:f.s1], start=f.start,
             end=f.end, approximate=f.approximate, kind=kind, breakdown=h is not None)
        for f, kind, h in zip(found, kinds, heads)
    ]


# "由 X 提高到 Y": X is the value before (past, or a rule's limit when 法定/规定 stands before it), Y this year's
_FROM_BEFORE = re.compile(r"[由从](?:过去|原来|原先|以前|上年|去年|往年)?(法定|规定|承诺)?的?\Z")
_RAISED_TO = re.compile(r"[^，。；,;\n]{0,4}?(?:提高|提升|增加|增长|上升|扩大|下降|降低|减少|压缩|缩短|缩减|降)(?:到|至)")
_TABLE_YEAR = re.compile(r"((?:19|20)\d\d)[ \t\u3000]*年?度?|(本年度?|今年|当年)|(上年度?|去年|上一年度?)")
_UNIT_IN_LABEL = re.compile(rf"[（(]({_UNIT_RE_FULL.pattern})[）)]")
_CELL_NUMBER = re.compile(r"(\d+(?:\.\d+)?|[一二两三四五六七八九十百千]{1,6})(余|多)?")  # 23, 二十三, 5000余
_CHANGE_HEAD = re.compile(r"同比|增减|比上年|增幅|变化")
_CHANGE_CELL = re.compile(r"(?:增加|减少|提高|下降|增长|降低|上升|[+＋\-－−])?[ \t\u3000]*(\d+(?:\.\d+)?)")


def _with_table_facts(text: str, found: list[_Found], rows: Sequence) -> list[_Found]:
    """``found`` plus the bare numbers of statistics tables (tab- or |-separated rows, at least a header and
    one row), whose unit stands in a 单位 column or after the row's label ("法治宣传活动（场）"): under year
    columns the latest year's are outcomes and the earlier years' are earlier values; without year columns
    every number is an outcome. A cell whose number already has its unit ("11场") was found by the text scan, and
    a figure the text already gives (办理行政处罚案件27件 … | 行政处罚案件（件）| 27 |) is not counted again."""
    if len(rows) < 2:
        return found
    covered = sorted((f.start, f.end) for f in found)
    # a table that sums up the text repeats its figures: once only (an earlier year's cell only an earlier figure)
    in_text: dict[tuple[float, str], list[str]] = {}
    in_text_earlier: dict[tuple[float, str], list[str]] = {}
    for f in found:
        for where in (in_text, in_text_earlier) if f.kind == "earlier" else (in_text,):
            where.setdefault((f.value, f.unit), []).append(text[f.s0:f.s1])
    extra: list[_Found] = []
    earlier_cells: list[tuple[int, int]] = []
    change_cells: list[tuple[int, int]] = []
    i = 0
    while i < len(rows):
        j = i + 1  # rows i..j-1 make one table (consecutive lines)
        while j < len(rows) and rows[j][0] == rows[j - 1][1] + 1:
            j += 1
        header = rows[i][2]
        names = [text[x:y] for x, y in header]
        # a year column's year; 本年 is the latest and 上年 the one before, whatever years stand beside them
        years = {k: int(m.group(1)) if m.group(1) else 9999 if m.group(2) else 0
                 for k, n in enumerate(names) if (m := _TABLE_YEAR.fullmatch(n))}
        unit_col = next((k for k, n in enumerate(names) if n in ("单位", "计量单位")), None)
        change_cols = {k for k, n in enumerate(names) if _CHANGE_HEAD.search(n)}
        latest = max(years.values(), default=None)
        for s0, s1, cells in rows[i + 1 : j]:
            if not cells:
                continue
            label = text[cells[0][0] : cells[0][1]]
            unit = None
            if unit_col is not None and unit_col < len(cells) and _UNIT_RE_FULL.fullmatch(text, *cells[unit_col]):
                unit = text[cells[unit_col][0] : cells[unit_col][1]]
            elif m := _UNIT_IN_LABEL.search(label):
                unit = m.group(1)
            for k, (x, y) in enumerate(cells[1:], start=1):
                if years.get(k, latest) != latest:  # "98件" under 2022: the earlier year's value
                    earlier_cells.append((x, y))
                if k in change_cols:  # "增加8", "+8", "提高1.3个百分点" under 同比/增减
                    change_cells.append((x, y))
                    if unit is not None and (m := _CHANGE_CELL.fullmatch(text, x, y)):
                        extra.append(_Found(*_in_base_unit(float(m.group(1)), unit), m.group(1), None, s0, s1,
                                            m.start(1), m.end(1), False, "change"))
                    continue
                if k == unit_col or unit is None or years and k not in years \
                        or not (cell := _CELL_NUMBER.fullmatch(text, x, y)):
                    continue
                lo, hi = bisect.bisect_left(covered, (x - 40, 0)), bisect.bisect_left(covered, (y, 0))
                if any(b > x for _, b in covered[lo:hi]):
                    continue  # the text scan found it already ("11\t场" across two cells)
                kind = "outcome" if not years or years[k] == latest else "earlier"
                number = parse_number(cell.group(1))
                if number is None:
                    continue
                value, base_unit = _in_base_unit(number, unit)
                said = (in_text if kind == "outcome" else in_text_earlier).get((value, base_unit), ())
                if any(_names_the_same(label, sentence) for sentence in said):
                    continue
                extra.append(_Found(value, base_unit, text[x:y], cell.group(2), s0, s1, x, y, bool(cell.group(2)), kind))
        i = j
    if earlier_cells or change_cells:
        found = [f._replace(kind="earlier") if any(x <= f.start and f.end <= y for x, y in earlier_cells)
                 else f._replace(kind="change") if any(x <= f.start and f.end <= y for x, y in change_cells) else f
                 for f in found]
    return sorted([*found, *extra], key=lambda f: f.start) if extra else found


def _names_the_same(label: str, sentence: str) -> bool:
    """Whether a table row's label ("行政处罚案件（件）") and a sentence of the text share a two-character word."""
    words = _LABEL_NOISE.sub("", label)
    return any(words[i : i + 2] in sentence for i in range(len(words) - 1))


_LABEL_NOISE = re.compile(r"[（(][^）)]*[）)]|[\s\d.．、]")


def _in_base_unit(value: float, unit: str) -> tuple[float, str]:
    """A table cell's number in the unit the text scan reports it in (万元 → 元, ％ → %, 成 → %)."""
    if unit in _IN_BASE_UNITS:
        unit, factor = _IN_BASE_UNITS[unit]
        return value * factor, unit
    return value, unit


class _Found(NamedTuple):
    """A fact before its breakdown flag is known (built as a Fact once, at the end)."""

    value: float
    unit: str
    raw: str
    qualifier: str | None
    s0: int
    s1: int
    start: int
    end: int
    approximate: bool
    kind: str


def _clause_start(text: str, at: int, *, floor: int = 0, lookback: int = 80) -> int:
    """Start of the clause holding ``at``: just past the last clause break before it, looking back at most
    ``lookback`` characters and never before ``floor`` (a sentence's start)."""
    lo = max(floor, at - lookback)
    brk = _LAST_BREAK.match(text, lo, at) if lo < at else None
    return brk.end() if brk else lo


def _clause_before(text: str, start: int, s0: int) -> str:
    return text[_clause_start(text, start, floor=s0, lookback=_CLAUSE_LOOKBACK):start]


def _plan_scope(text: str, start: int, s0: int) -> int:
    """Where a plan word before ``start`` still reaches it: back to the sentence start or the last ；
    (力争新建2个，实现全镇11个村全覆盖: both numbers are targets), but not past a clause saying what was
    achieved (目标为95%，实际达到97%: the 97% is a result)."""
    k = text.rfind("；", s0, start)
    lo = k + 1 if k >= 0 else s0
    last = None
    for last in _ACHIEVED.finditer(text, lo, start):
        pass
    return last.end() if last else lo


_ACHIEVED = re.compile(r"[，,](?:全年)?(?:实际|最终|实际上)")
# a number that a target is stated as, after it ("不低于95%的目标"; "确保完成12件的任务")
_TARGET_AFTER = re.compile(r"的(?:工作)?(?:目标|任务|指标)")
# a quota named right before its number ("（年度目标3万平方米）", "区里下达任务30件", "完成年度任务3万平方米的120%";
# not "完成任务12项", what was done)
_QUOTA_BEFORE = re.compile(r"(?:目标|(?:下达|年度|全年)(?:目标)?任务|任务数|指标)(?:数|量)?(?:为|是|[：:])?\Z")


# a stretch of several years: 2019年至2021年, 三年来, 近五年, 近年来, 多年来, 历年, “十三五”期间, 2021年以来, 自2018年起,
# “七五”普法期间
_SEVERAL_YEARS = re.compile(
    r"(?P<from>(?:19|20)\d\d)[ \t\u3000]*年?[ \t\u3000]*(?:至|到|—|–|-|~|～)[ \t\u3000]*(?P<to>(?:19|20)\d\d)[ \t\u3000]*年"
    r"|[两二三四五六七八九十\d]{1,2}年(?:来|以来|间)|近[两二三四五六七八九十\d]{1,2}年|近年来|多年来|历年"
    r"|“?十[二三四五]五”?(?:期间|时期|以来)"
    # a five-year 普法 plan: “七五”普法期间, 七五普法以来, “八五”普法(规划)启动以来 (六五 began 2011, 七五 2016, 八五 2021)
    r"|“?(?P<pufa>[六七八九])五”?普法(?:规划|工作)?(?:启动|实施|开展)?(?:期间|时期|以来)"
    r"|(?:自|从)?(?P<since>(?:19|20)\d\d)[ \t\u3000]*年(?:以来|至今|起)"
)
_TOTAL_SINCE = re.compile(r"累计|共计|总计|合计|先后|(?<![公总])共(?![同建享治识])")  # not 公共, 共同
_THIS_YEAR_AFTER = re.compile(r"今年|本年|全年|当年|年内")


def _over_several_years(lead: str, year: int | None) -> bool:
    """Whether the sentence before a number sums up several years' work: a stretch of years close before it, then
    a total word (累计, 共, 先后) and no "this year" (2021年以来 counts only when the report's year is later)."""
    last = None
    for last in _SEVERAL_YEARS.finditer(lead, max(0, len(lead) - _SEVERAL_YEARS_REACH)):
        pass
    if last is None or _THIS_YEAR_AFTER.search(lead, last.end()) or not _TOTAL_SINCE.search(lead, last.end()):
        return False
    if last.group("since"):  # 2021年以来: several years only in a later year's report
        return bool(year) and int(last.group("since")) < year
    if last.group("pufa"):  # “八五”普法以来 in 2021, the plan's first year, is that year's work
        return bool(year) and _PUFA_PLAN_START[last.group("pufa")] < year
    return not last.group("from") or int(last.group("from")) < int(last.group("to"))


_PUFA_PLAN_START = {"六": 2011, "七": 2016, "八": 2021, "九": 2026}
_SEVERAL_YEARS_REACH = 40  # how far before the number the stretch of years may stand


def _kind(text: str, start: int, end: int, unit: str, sentence: tuple[int, int], *, year: int | None = None) -> str:
    """'baseline' or 'outcome' from the words around the number (see the module docstring)."""
    s0, s1 = sentence
    clause_start = _clause_start(text, start, floor=s0, lookback=_CLAUSE_LOOKBACK)
    clause = text[clause_start:start]
    if unit in ("%", "个百分点"):
        return "baseline" if "人口" in clause else "outcome"  # 老年人口占总人口的21.3%
    lead = text[s0:start]
    if "累计" in lead and _RUNNING_TOTAL.search(lead) and not _THIS_PERIOD.search(lead):
        return "baseline"  # 全镇已累计建成示范村1个、市级3个: a stock built over years (全年累计建成… is this year's)
    if _over_several_years(lead, year):
        return "baseline"  # 2021年以来累计开展普法活动210场, 2019年至2021年，三年累计审查合同152件: years of work
    brk = _CLAUSE_BREAK.search(text, end, min(s1, end + _CLAUSE_LOOKBACK))
    after = text[end:brk.start() if brk else min(s1, end + _CLAUSE_LOOKBACK)]
    if _ACTED_ON.search(clause) and (_nearest(after, _CUE_RE) == "outcome" or _WORK_VERB.search(after)):
        return "outcome"  # 对2名村干部进行约谈提醒, 对辖区内5家企业开展执法检查: the number is what the work reached
    verdict = _nearest(clause, _CUE_RE, counted=unit in _ORGANISATION_UNITS and not after.strip())
    if verdict == "baseline" and clause.rstrip().endswith(_TOTAL_WORDS) and _nearest(after, _CUE_RE) == "outcome":
        return "outcome"  # 全年共有320名党员干部参加考试: a total of people who did something
    if verdict is None and _THIS_PERIOD.search(clause):
        verdict = "outcome"  # 辖区共有小区32个，全年新设宣传栏15处: this year's work, whatever the clause before says
    if verdict is None:  # the verbs of the sentence's earlier clauses (拆除违法建设46处、面积1.3万平方米)
        verdict = _nearest(text[max(s0, clause_start - _SENTENCE_LOOKBACK):clause_start], _CUE_RE)
    if verdict is None:
        verdict = "outcome" if _AWARD_AFTER.search(after) else _nearest(clause + "\x00" + after, _NOUN_RE)
    if verdict is None:
        verdict = "baseline" if unit in AREA_UNITS else "outcome"
    return verdict


def _nearest(s: str, pattern: re.Pattern[str], *, counted: bool = False) -> str | None:
    """The kind of the last cue in ``s`` (the nearest before the number); None when there is none. A work word
    inside a name is no cue (调解组织, 服务中心, 培训基地), nor, with ``counted`` (a count of 个/家 that ends its
    clause), 组织 just before the number ("现有调解组织12个。": organisations; not "组织11个村党组织书记述职")."""
    last = None
    for m in pattern.finditer(s):
        work = m.group() not in _BASELINE_WORDS
        if work and s.startswith(_NAME_ENDS, m.end()) or counted and m.end() == len(s) and m.group() == "组织":
            continue
        if m.group() == "组织" and s.endswith(_ORGANISATION_KINDS, 0, m.start()):
            continue  # 人民调解组织43个, 村党组织: organisations, not organising
        last = m
    if last is None:
        return None
    return "baseline" if last.group() in _BASELINE_WORDS else "outcome"


# what follows a work word that makes it part of a name (调解组织, 服务中心, 调解委员会, 培训基地, 服务窗口, 调解员)
_NAME_ENDS = ("组织", "委员会", "中心", "站", "窗口", "大厅", "基地", "机构", "平台", "阵地", "员")  # 调解员: a person
_ORGANISATION_UNITS = ("个", "家")
_ORGANISATION_KINDS = ("调解", "党", "社会", "自治", "经济", "群众", "服务", "志愿", "基层", "妇女", "民间", "行业", "合作")


def _breakdown_heads(text: str, facts: Sequence[_Found], bounds: list[tuple[int, int]],
                     starts: list[int]) -> list[int | None]:
    """For each fact, the index of the total it is a part of (None if none): facts inside the parenthesis
    right after a fact, and facts after 其中 that add up to at most the total (same unit family) until a
    clause starts a new total."""
    out = facts
    parts = [False] * len(out)
    head_of: list[int | None] = [None] * len(out)
    if not facts:
        return head_of
    # 1. "5人（2人、2人、1人）"
    for i, f in enumerate(out):
        j = f.end
        while j < len(text) and text[j] in " \t\u3000":
            j += 1
        if j < len(text) and text[j] in "（(" and not text.startswith(_NOT_PARTS, j + 1) \
                and not _EARLIER_PAREN.match(text, j + 1):
            close = _closing(text, j)
            for k in range(i + 1, len(out)):
                if out[k].start >= close:
                    break
                if not parts[k]:
                    parts[k], head_of[k] = True, i
    # 2. "233人，其中3级以上高危患者5人，一般风险患者228人"
    i = 0
    while i < len(out):
        head = out[i]
        if parts[i] or head.unit in ("%", "个百分点") or i + 1 >= len(out):
            i += 1
            continue
        # rates right after the total (205件，调解成功率99%，其中…) describe it; the parts come after them
        first = i + 1
        while first < len(out) and out[first].unit in _RATE_UNITS:
            first += 1
        # 其中 right after the total ("233人，其中…") or opening the next sentence ("12名，…。其中12人…")
        found = _PARTS_RE.search(text, head.end, max(head.end, out[first].start if first < len(out) else len(text)))
        if found is None:
            i += 1
            continue
        at = found.start()
        k = bisect.bisect_right(starts, at) - 1
        right_after = not text[head.end:at].strip(" \t\u3000，,：:") or _only_rate_clauses(text, head.end, at,
                                                                                            out[i + 1:first])
        opens_next = k >= 0 and at - bounds[k][0] <= 1 and k == bisect.bisect_right(starts, head.end - 1)
        if not (right_after or opens_next):
            i += 1
            continue
        scope_end = bounds[k][1] if k >= 0 else len(text)
        remaining, j = head.value, first
        while j < len(out) and out[j].start < scope_end:
            f = out[j]
            if not parts[j]:
                clause = text[max(at, _clause_start(text, f.start)):f.start]
                if (not _same_family(f.unit, head.unit) or f.value > remaining + 1e-9
                        or any(c in clause for c in _HEAD_CUES)):
                    break
                parts[j], head_of[j] = True, i
                remaining -= f.value
            j += 1
        i = j
    return head_of


_RATE_UNITS = ("%", "个百分点")
_COMMA_PIECE = re.compile(r"[^，,]+")


def _only_rate_clauses(text: str, a: int, b: int, rates: Sequence[_Found]) -> bool:
    """Whether text[a:b] is only comma-separated clauses that each end with one of ``rates`` (，调解成功率99%，;
    ，整改率98%、销号率95%，), within one sentence."""
    if not rates or any(c in text[a:b] for c in "。；;！？!?\n"):
        return False
    ends = {f.end for f in rates}
    pieces = [m for m in _COMMA_PIECE.finditer(text, a, b) if m.group().strip(" \t\u3000：:")]
    return bool(pieces) and all(len(m.group().rstrip(" \t\u3000：:")) + m.start() in ends for m in pieces)


def _closing(text: str, open_at: int) -> int:
    """Offset just past the parenthesis closing the one at ``open_at`` (end of text if unclosed)."""
    depth = 0
    for j in range(open_at, min(len(text), open_at + 400)):
        ch = text[j]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
            if depth == 0:
                return j + 1
        elif ch in "。\n":
            return j
    return min(len(text), open_at + 400)


# 培训2期（每期3天）, 31件（较上年增加8件）, 23件（2022年为9件）: details, not parts
_NOT_PARTS = ("每", "较", "比", "同比", "相比", "增", "减", "上年", "去年", "上一年", "前一年")
_EARLIER_PAREN = re.compile(r"(?:19|20)\d{2}年(?:度|全年)?(?:同期)?(?:为|是|有|共)")
_FAMILIES = ({"人", "名"}, {"份", "册", "本", "张"})


def _same_family(a: str, b: str) -> bool:
    return a == b or any({a, b} <= family for family in _FAMILIES)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the sorted, non-overlapping ``spans``."""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def concreteness(facts: Sequence[Fact], *, chars: int) -> float:
    """Exact outcome facts (and changes against an earlier year) per 10,000 characters: approximate quantities
    (数十次, 多次), parts of a total and baseline counts (staffing, registers, population …) do not count (see
    :attr:`Fact.concrete`)."""
    n = sum(1 for f in facts if f.concrete)
    return n * 10_000 / chars if chars > 0 else 0.0
