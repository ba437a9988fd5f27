"""Required parts of a report (2019《法治政府建设与责任落实督察工作规定》), its shortcomings and their causes.

Everything here reads one :class:`analytics.layout.Layout` (paragraphs, sentences, headings), built
once per report by :func:`analytics.layout.parse_layout`; ``detect_headings``, ``detect_sections``,
``parts`` and ``shortcomings`` taking a text are thin wrappers kept for existing callers.

Headings
  * numbered at the start of a paragraph: 第一部分 · 一、 一． 一， · （一） · 1、 1. · （1） · 一是;
  * a Chinese numeral without punctuation ("一法治政府建设基本情况及取得成效") when the words name a
    part and the numeral is 一 or continues the top-level numbering;
  * a short paragraph without sentence punctuation whose words name a part ("主要举措和成效");
  * inside a paragraph (run-on text copied from a web page): 一、 and （一） after a sentence end, a
    colon, a space or another heading, when the numeral continues its numbering (二、 after 一、) and
    is not an inline list ("：一、严格执法；二、文明执法"); a top-level numeral that lost its 、 ("…纠纷。二存在的
    问题一是…") after a sentence end or a colon, when it continues the numbering and a part name follows it;
  * inline labels at the start of a paragraph or sentence: "存在的不足：", "2023年工作安排：",
    "问题和不足一是…", matched against a strict list of part names so ordinary sentences are not taken;
  * "一是…。" items opening paragraphs, only in a report with no other part heading and when at least two
    of them name different parts in so many words ("二是…第一责任人职责…", "三是…存在的不足…"): they are
    then its top level, and each takes its part from looser words too ("各项举措落地见效", "谋划来年工作");
    failing that, paragraphs opened by 首先/其次/再次/最后 (or 第一，/第二，…) in the same way;
  * with no heading naming the 不足 or the plan, the phrase that opens it in running text: "但对照上级要求，
    仍存在一些差距：" (after the opening tenth), and "下一步，我镇将…", "新的一年…将", "2025年，我镇将…" (a later
    year) opening a paragraph in the second half, or a sentence of a run-on paragraph; after the 不足, also a
    sentence inside a paragraph that announces a list of work ("…。针对以上问题，2024年我乡将抓好以下几项工作：").
  A heading that names a part ends where the part name ends, so a heading glued to its paragraph
  ("三、下一步工作计划2023年，我镇将…") keeps only its own words.

Parts
  A top-level heading is mapped to parts by the part words it contains; a sub-heading, a label or a
  heading without punctuation only when it is nothing but a part name. One heading may name two parts
  ("存在问题及下一步工作计划"), split at the first sentence that opens the plan ("下一步，…"). A year in
  a heading later than the report's year (the year in the title line) makes a plan. A part's section
  runs from its heading to the next heading of the same or a higher level; a label runs to the next
  label or top-level heading, or to a sub-heading that continues the numbering around it, and a label
  inside a paragraph ends with the paragraph. Un-mapped top-level headings before the first
  shortcomings/plan heading are read as measures ("一、强化组织领导……"). A numbered top-level heading over
  causes only ("三、原因分析", "三、问题产生的原因") belongs to the 不足 part; one over remedies or a direction only
  ("三、改进措施", "三、整改措施", "三、努力方向") is the plan. A section nested in another
  part's section (第一责任人 as a sub-section of 主要举措) counts for the inner part only.
  Two parts can be present without a section of their own (``embedded``, 未单列):
  * 第一责任人: when, outside the shortcomings, plan and other parts, a passage of leader sentences
    at most one sentence apart names 第一责任人 and mentions leaders or their duty (党委书记, 镇长,
    主要负责人, 述法, 带头学法…) at least three times over two or more sentences, or four times in one;
    a single passing mention ("认真落实党政主要负责人履行推进法治建设第一责任人职责规定") is not enough.
    The passage counts for the leaders and no longer for the measures.
  * measures: when the report has a shortcomings or plan part but no measures heading, the text
    between its opening ("现将…情况报告如下：") and the first of those parts.

Shortcomings
  The enumerated items of the 不足 part (一是…, 1、…, （一）…), each with all its sentences, else its
  sentences that state a problem, less a lead-in that names no particular shortfall ("总的来看，…还有一定差距，
  主要表现为：" over items on lines of their own); "问题二：" after "整改措施：…" opens the next problem. Causes
  are kept apart (``kind="cause"``): items under a 原因 sub-heading ("（二）存在问题的原因", "原因分析", or a
  top-level "三、原因分析") or after a "原因：" / "究其原因" label, and sentences or the end of a sentence that
  state a reason ("由于…", "受…影响", "…，主要原因是…"). A remedy inside an item ("还需进一步…") is neither.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from analytics.metadata import appendix_start, without_periods, year_number


if TYPE_CHECKING:
    from analytics.layout import Layout

PARTS: dict[str, str] = {
    "measures": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "leaders": "党政主要负责人履行第一责任人职责情况",
    "next_year": "下一年度主要安排",
    "other": "其他需要报告的情况",
}

# The four parts every annual report has (其他需要报告的情况 is often, and rightly, absent). A text with fewer
# than two of them, under a title that does not name a rule-of-law report, is most likely another kind of
# document (a notice, a work plan, a news item).
MAIN_PARTS = ("measures", "shortcomings", "leaders", "next_year")
MIN_MAIN_PARTS = 2
_REPORT_SUBJECT = re.compile(r"法治政府|法治建设|依法行政|法治工作|依法治[县市区镇乡村]")
_REPORT_KIND = re.compile(r"报告|总结|述职")
# a title that names another kind of official document (关于印发《…工作方案》的通知, …普法工作要点)
_OTHER_KIND = re.compile(r"(?:通知|方案|要点|计划|意见|规划|细则|办法|讲话|简报|纪要|决定|批复|函|公告|通报|安排)[》」”)）]*$")


def not_a_report(parts: Mapping[str, PartInfo], *, title: str | None = None) -> str | None:
    """A one-line Chinese note when the text is unlikely to be an annual report, else None: its ``title``
    names another kind of document (a notice, a plan, work points …), or it has fewer than MIN_MAIN_PARTS
    of the MAIN_PARTS under a title (if any) that does not name a rule-of-law report. A title that names
    one (…法治政府建设情况报告, 关于印发《…法治政府建设工作报告》的通知) is never flagged."""
    if title and _REPORT_SUBJECT.search(title) and _REPORT_KIND.search(title):
        return None
    found = [p for p in MAIN_PARTS if p in parts and parts[p].present]
    if title and "述法" in title:  # 党委书记2023年度述法报告: one leader's account, beside the town's annual report
        return (f"这份文件不太像法治政府建设年度报告：标题“{title}”是一份个人述法报告（主要负责人履行推进法治建设"
                "第一责任人职责的情况），不是乡镇的年度报告，与年度报告的比较意义不大")
    if title and (kind := _OTHER_KIND.search(title.strip())):
        return (f"这份文件不太像法治政府建设年度报告：标题“{title}”是一份{kind.group().rstrip('》」”)）')}，"
                "不是年度报告，与年度报告的比较意义不大")
    if len(found) >= MIN_MAIN_PARTS:
        return None
    which = f"只找到“{PARTS[found[0]]}”" if found else "一个也没有找到"
    named = f"，标题“{title}”也不是年度报告的说法" if title else ""
    return (f"这份文件不太像法治政府建设年度报告：年度报告的 {len(MAIN_PARTS)} 个必备部分{which}{named}"
            "（可能是通知、计划、要点或新闻稿），与年度报告的比较意义不大")


PROBLEM = "problem"
CAUSE = "cause"
REMEDY = "remedy"  # a block of the 不足 part that says what will be done about them: read for nothing


@dataclass(frozen=True)
class Heading:
    level: int
    marker: str
    text: str
    start: int
    end: int
    label: bool = False  # an inline label ("存在的不足：…") rather than a heading of its own
    run_in: bool = False  # a run-in item ("一是…。") standing in for the missing part headings (_promote_run_in)
    part: str | None = None  # the part an opening phrase starts ("但仍存在一些差距：", "下一步，我镇将"; _phrase_openers)


@dataclass(frozen=True)
class Section:
    part_ids: tuple[str, ...]
    heading: str
    start: int
    end: int
    label: bool = False  # opened by an inline label ("存在的不足：…"), not a heading


@dataclass(frozen=True)
class PartInfo:
    part_id: str
    label: str
    present: bool
    chars: int
    spans: tuple[tuple[int, int], ...]
    embedded: bool = False  # 未单列: no section of its own, content found inside another part


@dataclass(frozen=True)
class Shortcoming:
    sentence: str
    start: int
    end: int
    kind: str = PROBLEM  # PROBLEM (a stated shortcoming) or CAUSE (a stated reason for one)


# ---- vocabulary ------------------------------------------------------------------------------
_CN = "一二三四五六七八九十"
_LINE_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"第[{_CN}]+部分[、：:，,．.\s]*")),
    (1, re.compile(rf"[{_CN}]+[、，,．.](?![{_CN}])")),
    (2, re.compile(rf"[（(][{_CN}]+[）)][、，,．.]?")),
    (3, re.compile(r"\d{1,2}(?:[、，,]|[.．](?!\d)|[.．](?=20\d\d年))\s*")),
    (4, re.compile(r"[（(]\d{1,2}[）)][、，,．.]?")),
    (5, re.compile(rf"[{_CN}]+是(?=\S)")),
)
_NOT_A_TITLE = re.compile(r"[。；;！？!?，,：:]|报告|〔")
_HEADING_FIRST = frozenset(_CN + "第（(0123456789")
# the same, tried in that order in one match: group L<level><i>
_LINE_MARKER = re.compile("|".join(f"(?P<L{lv}{i}>{p.pattern})" for i, (lv, p) in enumerate(_LINE_MARKERS)))
# 一、 and （一） inside a paragraph (run-on text); 第一部分 too
_MID_MARKER = re.compile(
    rf"(?P<part>第(?P<pn>[{_CN}]{{1,3}})部分[、：:，,．.\s]*)"
    rf"|(?<![{_CN}第])(?P<top>(?P<tn>[{_CN}]{{1,3}})[、．.])(?![{_CN}])"
    rf"|(?P<sub>[（(](?P<sn>[{_CN}]{{1,3}})[）)][、，,．.]?)"
    rf"|(?<![\d.．])(?P<ara>(?P<an>\d{{1,2}})[、．.])(?!\d)\s*"
)
# near where _MID_MARKER may match: [CN or digit][、．.] | [（(][CN] | 第[CN], written to start with one
# character class (so the regex engine skips other characters quickly) and branch on the character taken
_MID_CHEAP = re.compile(rf"[{_CN}\d（(第](?:(?<=[{_CN}\d])[、．.]|(?<=[（(第])[{_CN}])")
# a numeral that lost its punctuation: 一法治政府建设基本情况 (not 一是, 一年来, 三项制度, 十分…)
_BARE = re.compile(rf"([{_CN}]{{1,2}})(?=[^{_CN}是些年项批直定切般致起同样律线级体方个次名件场份户人村要把手系中不大到心道步季度届期时分〇零○])")
_LEAD = re.compile(r"[\s\u3000#*>]*")
_TITLE_STOP = re.compile(r"[。；;！？!?：:\n]")
# [CN]{1,2}是 | [（(][CN\d]{1,2}[）)] | (?<!\d)\d{1,2}[、.．](?!\d), starting with one character class
_TITLE_MARK = re.compile(
    rf"[{_CN}（(\d](?:(?<=[{_CN}])[{_CN}]?是|(?<=[（(])[{_CN}\d]{{1,2}}[）)]|(?<=\d)(?<!\d\d)\d?[、.．](?!\d))"
)
_MAX_HEADING = 50  # longer "headings" are list items, not section titles
_MAX_MID_TITLE = 60
_SENT_END = "。；;！？!?"
_CLOSERS = "”’」』）)"

# who a leaders' heading opens with (镇党委书记, 党政主要负责人, 党工委书记、办事处主任, “一把手”, 领导班子)
_LEADERS_FIRST = (r"(?:[镇乡]|街道|我镇|我乡|我街道)?(?:党政)?[“\"]?(?:主要负责人|主要领导|党委书记|党工委书记|书记|镇长|乡长"
                  r"|主任|一把手|关键少数|领导班子|党政负责人|领导干部)[”\"]?")
_SHORT_PLAIN = (r"不足|存在(的)?(主要)?问题|主要问题|问题(和|与|及)(不足|挑战|困难)|困难和问题|短板|弱项|差距|薄弱环节"
                r"|(需要|有待|亟待|仍需|值得)(改进|正视|注意|重视)的(地方|问题|方面)")  # 工作中需要改进的地方, 需要正视的问题
# the difficulties a town faces (面临的困难和挑战, 存在的困难); not work on them (着力解决群众反映的困难: _match_parts)
_SHORT_DIFFICULTY = r"(面临|存在)(的)?(主要)?(困难|挑战)|困难(和|与|及)(挑战|不足)"
# Part vocabulary, searched in heading text (loose: any heading of the top level).
_PART_PATTERNS: dict[str, re.Pattern[str]] = {
    # also a heading that opens with the leaders and says how they did their duty: 主要领导履职情况, “关键少数”履职尽责
    # 情况, 镇党委书记述法情况, 党工委书记、办事处主任履行推进法治建设职责情况 (not "压实领导干部履行…职责", a measure)
    "leaders": re.compile(r"(第一责任人|主要负责人).{0,4}(职责|情况)|履行.{0,14}第一责任人"
                          rf"|^[\s*“\"]*{_LEADERS_FIRST}.{{0,24}}?(履职|履责|尽责|履行|述法|落实|担负|担当|带头|抓|推进).{{0,16}}?(职责|责任|情况)"),
    "shortcomings": re.compile(f"{_SHORT_PLAIN}|{_SHORT_DIFFICULTY}"),
    "next_year": re.compile(
        r"下一?(年度|年|步)|明年|今后|来年|思路和打算|工作打算|总体打算|工作计划|主要安排|工作安排|工作思路|"
        r"\d{4}年度?[^，。]{0,14}(措施|计划|安排|打算|思路|重点)"
    ),
    "other": re.compile(r"其他(需要|需|应当)?(报告|说明)|其他(情况|事项)"),
    "measures": re.compile(
        r"主要举措|举措和成效|主要成效|工作成效|取得的?成效|主要做法|工作开展情况|开展情况|主要工作|工作情况|推进情况|"
        r"基本情况|建设情况"
    ),
}
_ANY_PART = re.compile("|".join(f"(?:{p.pattern})" for p in _PART_PATTERNS.values()))
# A part name ends at one of these words; what follows it on the line is the next sentence.
_NAME_TAIL = re.compile(
    r"[^。；;！？!?，,：:\s]{0,12}?(?:情况|成效|成绩|原因|不足|问题|安排|计划|打算|思路|措施|举措|做法|弱项|短板|差距|"
    r"事项|重点|任务|目标|方向|建议|整改)"
)
_NAME_TAIL_LONG = re.compile(_NAME_TAIL.pattern.replace("{0,12}", "{0,20}"))
_NAME_GOES_ON = "和及与、的（(暨"

# Strict part names (labels, sub-headings, headings without punctuation): the whole text must be one.
_STRIP_HEAD = re.compile(
    r"^(?:20\d\d\s*年度?|上一?年度?|本年度?|今年以来|今年|全年|一年来|一年以来|过去一年|年初以来|我(?:镇|乡|街道|区|县)|全(?:镇|乡)|推进|关于|的|"
    r"法治政府建设|法治建设|依法行政|工作)+"
)
_STRIP_TAIL = re.compile(r"(?:情况)?如下$")
_SHORT_WORD = r"(?:问题|不足|短板|弱项|差距|困难|薄弱环节|挑战)"
_STRICT_SHORT = re.compile(
    rf"(?:(?:存在|当前|目前|面临|工作中)的?)?(?:主要|突出)?的?{_SHORT_WORD}"
    rf"(?:(?:和|及|与|、|以及)?(?:其|存在的?)?(?:{_SHORT_WORD}|原因))*(?:分析)?"
)
_PLAN_WORD = r"(?:思路|计划|安排|打算|措施|举措|重点|目标|任务|方向)"
_STRICT_NEXT = re.compile(
    rf"(?:下一?(?:年度?|步)|下步|明年|今后|来年|新的一年)的?(?:法治政府建设)?(?:工作)?的?(?:主要|初步|总体|重点)?"
    rf"(?:工作)?(?:努力)?{_PLAN_WORD}(?:(?:和|及|与|、){_PLAN_WORD}|建议)*"
    rf"|(?:主要|初步|总体|重点)?(?:工作)?(?:思路|计划|安排|打算)(?:(?:和|及|与|、){_PLAN_WORD})*"
)
_STRICT_PLAN_AFTER_YEAR = re.compile(rf"(?:主要|初步|总体|重点)?(?:工作)?{_PLAN_WORD}(?:(?:和|及|与|、){_PLAN_WORD})*")
_MEASURE_WORD = (
    r"(?:主要举措|举措|主要做法|做法|主要措施|措施|主要工作|开展情况|工作情况|推进情况|基本情况|建设情况|落实情况|"
    r"主要成效|取得的?成效|成效|工作成效|主要成绩|取得的?成绩|成绩|工作亮点|亮点)"
)
_STRICT_MEASURES = re.compile(rf"{_MEASURE_WORD}(?:(?:和|及|与|、|以及)?{_MEASURE_WORD})*")  # 主要工作举措及成效
_STRICT_OTHER = re.compile(r"其他(?:需要|需|应当)?(?:报告|说明)的?(?:情况|事项)?|其他(?:情况|事项)")
_STRICT_LEADERS = re.compile(
    r"(?:党政)?主要(?:负责人|领导)(?:同志)?(?:履行|落实)?(?:推进|推行)?(?:法治建设|法治政府建设)?第一责任人(?:职责|责任)?(?:情况)?"
    r"|(?:履行|落实)(?:推进|推行)?(?:法治建设|法治政府建设)?第一责任人(?:职责|责任)?(?:情况)?"
    r"|(?:推进|推行)?(?:法治建设|法治政府建设)?第一责任人(?:职责|责任)?(?:履行|落实)?情况"
    r"|(?:党政)?主要(?:负责人|领导)(?:同志)?(?:述法|履职|履责|履职尽责)(?:情况)?"
    r"|(?:党政)?[“\"]?(?:一把手|关键少数)[”\"]?(?:履职尽责|履职|履责)(?:情况)?"
)
_CONNECTOR = re.compile(r"和|及|与|、|以及")

# An inline label at a paragraph or sentence start, ended by a colon, a full stop or an item marker.
# Every strict part name ends in one of these characters (问题, 不足, 原因, 安排, 成效, 情况, 第一责任人…);
# checking it first keeps the label scan cheap.
_NAME_FINAL = "题足板项距难节战因析路划排算施措点标务向议法作况效绩告明人责下"
_LABEL = re.compile(
    rf"(?![{_CN}]{{1,2}}是|\d{{1,2}}[、，,.．）)]|[（(])(?P<t>[^。；;！？!?，,：:\s“”\"（()）]{{1,23}}?[{_NAME_FINAL}])"
    rf"(?:(?=[：:。])|(?=[ \t\u3000]*(?:[{_CN}]是|[（(][{_CN}\d]{{1,2}}[）)]|\d{{1,2}}[、.．](?!\d)|20\d\d年"
    rf"|我(?:镇|乡|街道)|今年|一年来)))"
)
# the same label after a sentence end or a colon inside a paragraph
# "针对上述问题，下步打算：…": a clause that ties the plan to the problems before it
_ON_PROBLEMS = r"(?:针对|对照)(?:上述|以上|这些|前述|存在的)?(?:问题|不足|短板|差距|短板弱项|薄弱环节)[，,]"
_LABEL_AFTER_END = re.compile(rf"[{_SENT_END}：:][{_CLOSERS}]*[ \t\u3000]*(?:{_ON_PROBLEMS})?" + _LABEL.pattern)

_NEXT_CUE = re.compile(rf"[\s\u3000*]*(?:{_ON_PROBLEMS})?"
                       r"(?:下一?步|下一年度?|今后|明年|(?P<y>20\d\d)年(?:度)?(?:，|,|我镇|全镇|将))")
# a plan sentence that announces a list ("下一步我镇将：一是…"): a plans part, not one remedy sentence
_PLAN_LIST = re.compile(rf"[^。；;！？!?\n]{{0,30}}[：:][ \t\u3000]*(?:[{_CN}]是|[（(][{_CN}\d]{{1,2}}[）)]|\d{{1,2}}[、.．](?!\d))")
_PROBLEM_CUE = re.compile(
    r"不足|不够|不强|不高|不到位|不平衡|不均衡|不完善|不健全|薄弱|欠缺|缺乏|有待|尚未|单一|滞后|差距|问题"
    r"|不(?:规范|严格|明显|充分|及时|全面|深入|广泛|扎实|精准|统一|一致|适应|匹配|协调|畅|理想|合理|明确|清晰|落实|够)"
    r"|淡薄|淡化|缺少|偏少|偏低"
    r"|短板|弱项|难以|流于形式|参差不齐|亟待|窄|不相(?:匹配|适应|符|称)|(?<!差)不多"
    r"|(?:仍|还|尚|亟)需(?:进一步)?(?:加强|提升|提高|完善|改进|规范|健全|强化)|闲置|形同虚设|走过场"
    r"|较(?:弱|低|差|少|慢|大)|偏(?:弱|高|慢)|欠佳|跟不上|老化|(?<!淘汰)落后|弱化|虚化|缺位|不足以|不会|不懂"
    r"|匮乏|短缺|紧缺|稀缺|不(?:广|全|细|实|深|精|新|优|活|灵活)"
    r"|捉襟见肘|入不敷出|力不从心|疲于应付|笼统|不紧(?!张)|没有(?:真正|充分|有效)"
)
# A sentence (or its part before a colon) that only announces the shortcomings: "我镇还存在以下问题：",
# "存在的问题主要有以下几点。", "主要问题见下表。"
_SHORT_NOUN = r"(?:问题|不足|短板|差距|弱项)"  # what a sentence announcing or opening the 不足 names
_ANNOUNCE_WHAT = _SHORT_NOUN
_ANNOUNCE_HOW = r"(?:以下|如下|下列|下表|见表|附表|几点|几个方面|一些|不少)"
_ANNOUNCE = re.compile(
    rf"[^。；;：:]{{0,30}}?(?:{_ANNOUNCE_HOW}[^。；;：:]{{0,10}}?(?:{_ANNOUNCE_WHAT}|方面)"
    rf"|{_ANNOUNCE_WHAT}[^。；;：:]{{0,10}}?{_ANNOUNCE_HOW})[^。；;：:]{{0,8}}?(?:[：:]|(?=[。；;]|\Z))"
    # a judgement over the whole part: "对照上级要求，我镇法治政府建设工作仍有差距。"
    r"|(?:对照|对标|与|比照)[^。；;，,]{0,16}(?:要求|期待|期盼|标准|目标|相比)[，,][^。；;]{0,30}?"
    r"(?:仍|还|尚)(?:有|存在)(?:一定|不少|较大)?(?:的)?(?:差距|不足)(?=[。；;，,]|\Z)"
)
# an item marker: [CN]+是 | \d{1,2}(?:[、，,]|[.．](?!\d)) | [（(][CN\d]+[）)][、，,．.]? | 第[CN]+[，、,], written to
# start with one character class (the regex engine then skips other characters fast)
_ITEM = re.compile(
    rf"(?P<m>[{_CN}\d（(第](?:(?<=[{_CN}])[{_CN}]*是|(?<=\d)\d?(?:[、，,]|[.．](?!\d))"
    rf"|(?<=[（(])[{_CN}\d]+[）)][、，,．.]?|(?<=第)[{_CN}]+[，、,]|(?<=[{_CN}])[{_CN}]?、))"
)  # (一、 too: the items of a 不足 part headed 第三部分, or "存在以下问题：一、…；二、…")
_YEAR = re.compile(r"(20\d\d)\s*年")
_ISSUER = r"(?:人民政府|政府|委员会|党委|办公室|办事处)"  # how a signing body's name ends
_SIGN_DATE = (r"[\d〇零一二三四五六七八九十○]{4}[ \t\u3000]*年[ \t\u3000]*(?:[\d一二三四五六七八九十]{1,3}|[元正])[ \t\u3000]*月"
              r"[ \t\u3000]*[\d一二三四五六七八九十]{1,3}[ \t\u3000]*日")
_SIGNATURE = re.compile(rf"^(\S{{0,24}}{_ISSUER}|{_SIGN_DATE})$")

# Causes
# 上述问题的存在，一方面是…，另一方面是… / 这些不足的产生，主要在于…: where the problems come from, without 原因
_PROBLEMS_EXIST = (r"(?:上述|以上|这些|前述)(?:问题|不足|短板)的?(?:存在|产生|出现)[，,]\s*"
                   r"(?:既有|一方面|一是|首先|第一|主要(?:是|在于|源于|由于)|在于|源于)")
_SIDE = r"(?:从)?(?:客观|主观)(?:上|方面)(?:看|讲|来看|来讲|来说|分析|[找查]原因)?[，,]"  # 从客观上看，…；从主观上看，…: two causes
_CAUSE_START = re.compile(
    r"(?:由于|因为|究其原因|究其根源|究其根本|原因|主要原因|根本原因|深层次原因|其原因|分析原因|归根结底|之所以|"
    r"(?:存在|出现|产生)?(?:上述|以上|这些)(?:问题|不足)[，,](?:其)?主要(?:是|在于|有)[：:]|"
    r"这(?:主要)?是(?:由于|因为)|主要是(?:由于|因为)|受[^。；，,]{1,24}(?:影响|制约|限制|冲击|所限)|"
    rf"{_SIDE}|(?:从)?(?:深层次?|根本|本质)(?:上|层面)?(?:看|讲|来看|来讲|分析)[，,]|"
    r"(?:产生|造成|出现)(?:这些|上述|以上)?问题的(?:主要|根本)?原因|(?:上述|以上|这些)?问题(?:产生|存在|出现)的(?:主要)?原因|"
    rf"{_PROBLEMS_EXIST})"
)
_CAUSE_ANY = re.compile(r"原因(?:是|在于|主要是|主要有|有以下|有三|有二|有两|如下|[：:])|究其原因|究其根源|究其根本|之所以"
                        r"|既有[^。；;]{2,40}?(?:原因|因素)"
                        r"|(?:根源|症结)(?:还|也)?(?:在于|是|主要是)|根子(?:还|也)?(?:在于|在|是)|归根(?:结底|到底|究底)|归结(?:起来|而言)"
                        r"|追根(?:溯源|究底|求源)|溯本求源"
                        r"|(?:问题|不足|短板|差距)[^。；;，,]{0,6}?(?:主要|大多|多)?源于"
                        r"|(?:上述|以上|这些)(?:问题|不足)[，,](?:其)?主要(?:是|在于|有)[：:]"
                        rf"|{_PROBLEMS_EXIST}")
# A cause label: who or what (形成这些短板的, 分析, 剖析, 究其), a cause word (原因, 成因, 根源, 症结, 深层次原因), and how
# many or where (主要有以下两点, 在于, 是多方面的, 有三): 原因：, 问题根源：, 造成这些问题的根源在于：, 分析深层次原因，主要有以下两点：
_CAUSE_NOUN = r"(?:主要|根本|深层次|深层|客观|主观)?(?:原因|成因|根源|症结|根子)"
_CAUSE_HOW = r"(?:分析|剖析|如下|是多方面的|(?:主要)?(?:在于|是|有)(?:以下)?(?:[两二三四五六几\d](?:个)?(?:方面|点)?)?)"
_CAUSE_LABEL = re.compile(
    r"[（(]?[一二三四五六七八九十\d]*[）)、.．]?"
    r"(?:(?:分析|剖析|查找|深挖|追溯|探究|究其)?(?:存在|形成|产生|造成|导致|出现)?(?:这些|上述|以上|前述|此类)?"
    r"(?:问题|不足|短板|差距|弱项|短板弱项|薄弱环节)?(?:背后)?(?:产生|存在|出现|形成)?的?)?"
    rf"{_CAUSE_NOUN}{_CAUSE_HOW}?(?:[，,]{_CAUSE_HOW}(?=[：:]))?[：:。，,]?"  # (究其原因，主要是经费不足: a cause)
    rf"|[\u4e00-\u9fff]{{2}}(?:原因|根源|症结|成因)[，,：:](?:{_CAUSE_HOW}[：:])?"  # 细究根源，/反思原因，主要有三：(any verb)
    r"|究其(?:原因|根源|根本|症结)[，,]?(?:主要(?:是|有|在于)(?:以下几(?:点|个方面))?|在于)?[：:，,]?"
    r"|(?:存在|出现|产生)?(?:上述|以上|这些)(?:问题|不足)[，,](?:其)?主要(?:是|在于|有)[：:]"
)
# What opens the remedies inside the 不足 part ("针对上述问题，我们将采取以下措施：一是…", "（三）整改措施").
_REMEDY_LABEL = re.compile(
    r"[（(]?[一二三四五六七八九十\d]*[）)、.．]?"
    r"(?:针对|对于|对照|就)(?:上述|以上|这些|存在的|前述)?(?:问题|不足|短板)|(?:整改|改进|解决)(?:措施|举措|方向|思路)"
    r"|我们将|拟采取|将采取"
)
_OTHER_LABEL = re.compile(r"[^，,。；;：:“”\"]{2,16}[：:]")
_REMEDY_START = re.compile(r"(?:还需|仍需|尚需|需要|亟需|亟待|要进一步|下一步|今后|将进一步|应当?进一步|必须)")
_ITEM_LEAD = re.compile(  # (1） and ① too: items on lines of their own, read as prose)
    rf"[\s\u3000*]*(?:[{_CN}]+是|\d{{1,2}}(?:[、，,）)]|[.．](?!\d))|[（(][{_CN}\d]+[）)][、，,．.]?|[①-⑳][、，,．.]?)?[\s\u3000]*"
)
# What follows a lead-in over the problems: an item ("一是…", "1）…", "①…") or how they show ("具体表现为：…")
_SHOWN_AS = r"[^。；;：:，,\n]{0,8}?(?:表现|体现)(?:在|为)?[^。；;：:，,\n]{0,10}?[：:]"
_ITEM_OR_SHOWN = re.compile(
    rf"[\s\u3000*]*(?:[{_CN}]+是|\d{{1,2}}(?:[、，,）)]|[.．](?!\d))|[（(][{_CN}\d]{{1,2}}[）)]|[①-⑳]|{_SHOWN_AS})"
)
_SHOWN_LEAD = re.compile(_SHOWN_AS)
# "问题一：…。整改措施：…。⏎问题二：…": each numbered problem opens a problem again after the remedy label before it
_PROBLEM_NUMBERED = re.compile(rf"问题[{_CN}\d]{{1,3}}[：:、．.]")
# items that carry no numeral of the kinds _ITEM reads: a bullet at the start of a line (◆ 执法人员数量与任务不相适应。…)
# and 问题一：… at the start of a line or after a full stop (问题一：…原因：…整改措施：… blocks); ①②③ opening lines
_LINE_ITEM = re.compile(rf"(?:^|(?<=[\n。；;]))[ \t\u3000]*"
                        rf"(?P<m>(?P<b>[◆◇■□●★☆▲△▶►➢➤❖◎•▪])|(?P<c>[①-⑳❶-❿⑴-⒇➀-➉])[、，,．.]?"
                        rf"|问题[{_CN}\d]{{1,3}}[：:])[ \t\u3000]*",
                        re.M)

# Leaders' duty reported inside another part
def _duty_of_law(text: str, s: int, e: int) -> bool:
    """Whether text[s:e] names the 第一责任人 duty of 法治建设: "推进法治建设第一责任人", or 第一责任人 with no other
    duty named before it ("履行第一责任人职责", "作为第一责任人"); not "安全生产/河湖管理/意识形态工作第一责任人"."""
    at = text.find("第一责任人", s, e)
    while at >= 0:
        before = text[max(s, at - 8) : at]
        if "法治" in before or "法制" in before or "依法" in before or before.endswith(_BARE_DUTY) or at == s:
            return True
        if before.endswith(("主要负责人", "主要领导")) and not _OTHER_DUTY.search(text, max(s, at - 16), at):
            return True  # 落实党政主要负责人第一责任人职责: the leaders' own duty, no other one named
        at = text.find("第一责任人", at + 5, e)
    return False


_OTHER_DUTY = re.compile(r"安全|河长|湖长|林长|意识形态|生态|环保|环境|消防|信访|廉政|疫情|防汛|禁毒|扶贫|乡村振兴|党建|保密")
_BARE_DUTY = ("履行", "担任", "作为", "当好", "落实", "是", "为", "的", "，", "、", "“", "\"", "（", "(")
_LEADER_CUE = re.compile(
    r"第一责任人|主要负责人|主要领导|党(?:委|工委)(?:副)?书记|(?<!副)(?:镇|乡)长|述法|亲自(?:部署|过问|协调|督办|督导|抓)|"
    r"带头(?:学法|尊法|守法|用法|讲法|述法|遵法)|领导干部.{0,6}(?:学法|述法|带头)|法治建设责任制"
)


# ---- headings --------------------------------------------------------------------------------
# A section on how earlier problems were put right (上年度存在问题整改落实情况, 存在问题整改情况) reports work done
# this year: measures, not shortcomings. A heading that also names this year's shortcomings ("存在的不足、原因和
# 问题整改情况", "存在的问题及整改措施") is still the shortcomings part.
_RECTIFIED = re.compile(r"整改(?:落实|完成|销号|工作)?(?:情况|成效)")
_EARLIER_RECTIFIED = re.compile(r"(?:上一?年度?|去年|前一?年|以往|\d{4}年度?)[^，。]{0,10}(?:问题|不足|短板)[^，。]{0,6}整改")
_OWN_SHORTCOMINGS = re.compile(r"不足|原因|短板|弱项|差距|薄弱|问题(?:及其?|和|与|以及|、)")  # 存在问题及整改情况: both


# Work done on the difficulties a heading names (着力解决群众反映的困难, 帮助企业克服面临的困难): measures, not 不足.
_DIFFICULTY = re.compile(r"困难|挑战")
_WORK_ON_DIFFICULTY = re.compile(r"解决|克服|化解|帮助|帮扶|应对|破解|纾解|排忧|战胜")
_SHORTCOMINGS_NOT_DIFFICULTY = re.compile(_SHORT_PLAIN)


def _match_parts(heading: str) -> tuple[str, ...]:
    if not _ANY_PART.search(heading):
        return ()
    if _EARLIER_RECTIFIED.search(heading) or (_RECTIFIED.search(heading) and not _OWN_SHORTCOMINGS.search(heading)):
        return ("measures",)  # (2022年度存在不足整改落实情况: an earlier year's, put right this year)
    found = []
    for part_id, pattern in _PART_PATTERNS.items():
        m = pattern.search(heading)
        if m:
            found.append((m.start(), part_id))
    ids = [p for _, p in sorted(found)]
    if ("shortcomings" in ids and _WORK_ON_DIFFICULTY.search(heading) and _DIFFICULTY.search(heading)
            and not _SHORTCOMINGS_NOT_DIFFICULTY.search(heading)):
        ids.remove("shortcomings")
    if "leaders" in ids:
        return ("leaders",)
    if len(ids) > 1 and "measures" in ids:
        ids.remove("measures")
    return tuple(ids)


def _strict_one(name: str, *, after_year: bool) -> str | None:
    if not name:
        return None
    if _STRICT_LEADERS.fullmatch(name):
        return "leaders"
    if _STRICT_OTHER.fullmatch(name):
        return "other"
    if _STRICT_SHORT.fullmatch(name):
        return "shortcomings"
    if _STRICT_NEXT.fullmatch(name) or (after_year and _STRICT_PLAN_AFTER_YEAR.fullmatch(name)):
        return "next_year"
    if _STRICT_MEASURES.fullmatch(name):
        return "measures"
    return None


def _strict_parts(title: str) -> tuple[str, ...]:
    """Parts named by a label or sub-heading that is nothing but a part name ("存在的不足", "2023年工作安排")."""
    title = title.strip().strip("*").strip()
    if title[-1:] not in _NAME_FINAL:
        return ()
    head = _STRIP_HEAD.match(title)
    after_year = bool(head and _YEAR.match(title))
    name = _STRIP_TAIL.sub("", title[head.end() if head else 0 :])
    one = _strict_one(name, after_year=after_year)
    if one:
        return (one,)
    for m in _CONNECTOR.finditer(name):  # two part names joined: 存在问题及下一步打算
        left = _strict_one(name[: m.start()], after_year=after_year)
        right = _strict_one(_STRIP_HEAD.sub("", name[m.end() :]), after_year=after_year)
        if left and right and left != right:
            ids = [left, right]
            if "measures" in ids:
                ids.remove("measures")
            return tuple(ids)
    return ()


_CN_YEAR = re.compile(r"(二[〇零][一二三四五六七八九〇零][〇零一二三四五六七八九])\s*年")  # 二〇二三年 (title only)


def _report_year(text: str) -> int | None:
    """The year reported on, as far as headings need it: the year in the title line, else the most
    frequent year in the opening (the earlier one on a tie)."""
    first = without_periods(text.lstrip()[:120].split("\n", 1)[0])
    m = _YEAR.search(first) or _CN_YEAR.search(first)
    if m:
        return year_number(m.group(1))
    years = Counter(int(y) for y in _YEAR.findall(without_periods(text[:600])))
    return max(years, key=lambda y: (years[y], -y)) if years else None


def _parts_of(heading: Heading, report_year: int | None) -> tuple[str, ...]:
    if heading.part:
        return (heading.part,)
    if heading.level >= 5 or len(heading.text) > _MAX_HEADING:
        return ()
    if heading.run_in:
        ids = _match_parts(heading.text) or _loose_parts(heading.text)
    elif heading.label:
        ids = _strict_parts(heading.text)
    elif heading.level >= 2:  # sub-headings name a part only in so many words (第一责任人 aside)
        ids = ("leaders",) if _PART_PATTERNS["leaders"].search(heading.text) else _strict_parts(heading.text)
    else:
        ids = _match_parts(heading.text)
        if not ids and heading.marker and _cause_heading(heading):
            ids = ("shortcomings",)  # 三、原因分析 / 三、问题产生的原因 between the 不足 and the plan: its causes
        elif not ids and heading.marker and _REMEDY_HEADING.match(heading.text):
            ids = ("next_year",)
    m = _YEAR.search(heading.text)
    if m and report_year and ids in (("next_year",), ("measures",)):
        later = int(m.group(1)) > report_year
        if later and ids == ("measures",) and re.search(r"措施|计划|安排|打算|思路|重点|举措", heading.text):
            return ("next_year",)
        plan = re.search(r"计划|安排|打算|思路|下一", heading.text)
        if ids == ("next_year",) and (int(m.group(1)) < report_year or not later and not plan):
            return ("measures",)
    return ids


# A numbered top-level heading that is nothing but remedies or a direction (三、改进措施, 三、整改措施, 三、努力方向) is the
# plan; not "存在的问题及整改措施" (a 不足 heading naming its remedies), nor "整改措施落实情况" (work done), nor an
# unnumbered "整改措施" line or label under a problem.
_REMEDY_HEADING = re.compile(r"(?:主要)?(?:改进|整改)(?:措施|举措|方向|思路)(?![^，。]*(?:落实|情况|成效))|(?:工作)?努力方向")


def _name_end(text: str, s: int, e: int) -> int:
    """End of the part name in the title text[s:e], or e when the title names no part."""
    if not _ANY_PART.search(text, s, e):
        return e
    title = text[s:e]
    first = min(((m.start(), m.end()) for p in _PART_PATTERNS.values() if (m := p.search(title))), default=None)
    if first is None or first[0] > 30:
        return e
    end = s + first[1]  # the name that opens the title; a second one joined to it is taken by the tail
    while True:
        m = _NAME_TAIL.match(text, end, e)
        if not m and end < e and text[end] in _NAME_GOES_ON:  # 职责情况暨领导班子学法用法述法工作开展情况
            m = _NAME_TAIL_LONG.match(text, end + 1, e)
        if not m:
            break
        end = m.end()
    if end < e and text[end] not in _NAME_GOES_ON:
        return end
    return e


def _title_bounds(text: str, s: int, pe: int, *, limit: int | None = None, name: bool = True) -> tuple[int, int]:
    """Title after a marker at ``s``: up to a sentence end, colon, the next item marker or (``name``) the
    end of a part name; leading/trailing spaces and ``*`` dropped."""
    e = pe if limit is None else min(pe, s + limit)
    m = _TITLE_STOP.search(text, s, e)
    if m:
        e = m.start()
    while s < e and text[s] in " \t\u3000*":
        s += 1
    if e - s > 2:
        mm = _TITLE_MARK.search(text, s + 2, e)
        if mm:
            e = mm.start()
    if name:
        e = _name_end(text, s, e)
    while e > s and text[e - 1] in " \t\u3000*":
        e -= 1
    return s, e


_CN_DIGIT = {c: i for i, c in enumerate(_CN, 1)}
_NOT_CN_DIGIT = re.compile(r"[^一二三四五六七八九十]")


def _visible(text: str, s: int, e: int) -> int:
    """Non-whitespace characters in text[s:e], as ``len(re.sub(r"\\s", "", text[s:e]))`` counts them
    (``str.split`` and the regex class agree on what whitespace is)."""
    return sum(map(len, text[s:e].split()))


def _numeral(s: str) -> int | None:
    """Value of a marker numeral: 1–99 in Arabic or Chinese digits (三, 十二, 二十一)."""
    if s.isdigit():
        return int(s)
    if not s or any(c not in _CN_DIGIT for c in s):
        return None
    if "十" not in s:
        return _CN_DIGIT[s] if len(s) == 1 else None
    tens, _, units = s.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in tens + units:
        return None
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


@dataclass
class _Seq:
    top: int | None = None
    sub: int = 0

    def note(self, level: int, n: float | None) -> None:
        if n is None:
            return
        if level == 1:
            self.top, self.sub = int(n), 0
        elif level == 2:
            self.sub = int(n)

    def continues(self, level: int, n: float | None) -> bool:
        if n is None:
            return False
        if level == 1:
            return n == (self.top or 0) + 1
        return n == self.sub + 1


def _line_heading(text: str, pos: int, pe: int, seq: _Seq) -> Heading | None:
    """A heading at the start of a paragraph (numbered, bare numeral, or a short part-name line)."""
    if pe - pos > 40 and text[pos] not in _HEADING_FIRST:
        return None
    m = _LINE_MARKER.match(text, pos, pe)
    if m:
        level = int(m.lastgroup[1])
        s, e = _title_bounds(text, m.end(), pe, name=level < 5)  # 一是… opens an item, never a part
        if e <= s:
            return None
        marker = m.group(0).strip()
        if level <= 2:
            seq.note(level, _numeral(_NOT_CN_DIGIT.sub("", marker)))
        return Heading(level, marker, text[s:e], pos, e)
    m = _BARE.match(text, pos, pe)
    if m:
        n = _numeral(m.group(1))
        s, e = _title_bounds(text, m.end(), pe)
        title = text[s:e]
        if (
            e > s
            and len(title) <= 40
            and (n == 1 or seq.continues(1, n))
            and any((mm := p.search(title)) and mm.start() <= 12 for p in _PART_PATTERNS.values())
            and _match_parts(title)
        ):
            seq.note(1, n)
            return Heading(1, m.group(1), title, pos, e)
    line = text[pos:pe].rstrip().strip("*").rstrip()
    if (
        line
        and "\t" not in line  # a table's row (问题 | 具体情形 | 下一步措施), not a part name
        and len(line) <= 40
        and (not _NOT_A_TITLE.search(line) or _strict_parts(line.strip("【】[]")))  # 【其他需要报告的情况】
        and _match_parts(line)
    ):
        return Heading(1, "", line, pos, pos + len(line))
    return None


def _label_at(text: str, pos: int, pe: int) -> Heading | None:
    m = _LABEL.match(text, pos, min(pe, pos + 26))
    if not m or not _strict_parts(m.group("t")):
        return None
    return Heading(1, "", m.group("t"), pos, _label_end(text, m.end()), label=True)


def _label_end(text: str, end: int) -> int:
    """A label's colon or full stop belongs to it (the scan leaves it for the next label's start)."""
    return end + 1 if end < len(text) and text[end] in "：:。" else end


def _mid_ok(text: str, at: int, ps: int, last_end: int) -> bool:
    """Whether a marker at ``at`` starts a heading inside a paragraph: after a sentence end, a colon,
    a space, or right after another heading."""
    j = at
    while j > ps and text[j - 1] in " \t\u3000":
        j -= 1
    if j == last_end or j < at:
        return True
    prev = text[j - 1]
    if prev in _SENT_END + "：:":
        return True
    return prev in _CLOSERS and j - 2 >= ps and text[j - 2] in _SENT_END


# A top-level numeral that lost its 、 inside a run-on paragraph ("…矛盾纠纷。二存在的问题一是…"): after a sentence
# end or a colon, only when it continues the top-level numbering and the words right after it are a part name
# ("。三季度…", "。二存量问题…" are text).
_MID_BARE = re.compile(rf"[{_SENT_END}：:][{_CLOSERS}]*[ \t\u3000]*(?P<n>[{_CN}])")


def _mid_bare_heading(text: str, at: int, pe: int, seq: _Seq) -> Heading | None:
    m = _BARE.match(text, at, pe)
    if not m:
        return None
    n = _numeral(m.group(1))
    if not (seq.continues(1, n) or n == 1 and seq.top is None):
        return None
    s, e = _title_bounds(text, m.end(), pe, limit=_MAX_MID_TITLE)
    if e <= s or s != m.end() or (e < pe and text[e] in "；;，,、"):
        return None
    title = text[s:e]
    starts_with_part = any((mm := p.search(title)) and mm.start() == 0 for p in _PART_PATTERNS.values())
    if not ((starts_with_part or _strict_parts(title)) and _match_parts(title)):  # (存在的不足: a part name alone)
        return None
    seq.note(1, n)
    return Heading(1, m.group(1), title, at, e)


def find_headings(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Heading]:
    """Headings of the text, in text order (see the module docstring)."""
    headings: list[Heading] = []
    seq = _Seq()
    for ps, pe in paragraphs:
        pos = _LEAD.match(text, ps, pe).end()
        if pos >= pe:
            continue
        first = _line_heading(text, pos, pe, seq) or _label_at(text, pos, pe)
        last_end = -1
        cursor = pos
        if first:
            headings.append(first)
            last_end = cursor = first.end
        if pe - pos < 8:
            continue
        # candidates inside the paragraph, in text order: numbered markers and labels
        cands: list[tuple[int, int, re.Match[str] | None]] = []
        for c in _MID_CHEAP.finditer(text, cursor, pe):
            a = c.start()
            while a > c.start() - 2 and a - 1 > pos and text[a - 1] in _CN and text[a] in _CN:
                a -= 1  # 十一、
            if a > pos and (m := _MID_MARKER.match(text, a, pe)):
                cands.append((a, 0, m))
        labels = [(m.start("t"), 1, m) for m in _LABEL_AFTER_END.finditer(text, cursor, pe)]
        bare = [(m.start("n"), 2, m) for m in _MID_BARE.finditer(text, cursor, pe)]
        if not cands and not labels and not bare:
            continue
        cands = sorted(cands + labels + bare, key=lambda c: (c[0], c[1]))
        listing: set[int] = set()  # levels at which an inline enumeration (：一、…；二、…) started here
        for at, kind, m in cands:
            if at < cursor:
                continue
            if kind == 1:
                if _strict_parts(m.group("t")):
                    end = _label_end(text, m.end())
                    headings.append(Heading(1, "", m.group("t"), at, end, label=True))
                    last_end = cursor = end
                continue
            if kind == 2:
                if h := _mid_bare_heading(text, at, pe, seq):
                    headings.append(h)
                    last_end = cursor = h.end
                continue
            if m.group("sub"):
                level, n = 2, _numeral(m.group("sn"))
            elif m.group("ara"):
                level, n = 3, _numeral(m.group("an"))
            else:
                level, n = 1, _numeral(m.group("pn") or m.group("tn"))
            s, e = _title_bounds(text, m.end(), pe, limit=_MAX_MID_TITLE)
            if e <= s or (e < pe and text[e] in "；;，,、"):  # "一、严格执法；二、…" is a list
                continue
            title = text[s:e]
            # a part name vouches for a marker out of sequence (二、 of a report whose 一、 was missed)
            # or glued to the previous sentence without punctuation ("…规范与创新等三、2022年度…打算")
            named = bool(_match_parts(title) if level == 1 else _strict_parts(title))
            in_sequence = level < 3 and (seq.continues(level, n) or (level == 1 and n == 1 and seq.top is None))
            if not in_sequence and n == 1 and level < 3:
                listing.add(level)
            if not (in_sequence or named) or (level == 3 and not _match_parts(title)):
                continue
            if not _mid_ok(text, at, ps, last_end) and not (in_sequence and named):
                continue
            if level in listing and not named:
                continue
            seq.note(level, n)
            headings.append(Heading(level, m.group(0).strip(), text[s:e], at, e))
            last_end = cursor = e
    # "1、主要举措" followed by "二、" "三、": the Arabic first heading is a top-level slip
    top = [h for h in headings if h.level == 1 and h.marker]
    if top and not any(_marker_number(h) == 1 for h in top):
        first_top = top[0]
        for i, h in enumerate(headings):
            if h.start >= first_top.start:
                break
            if h.level == 3 and _marker_number(h) == 1:
                headings[i] = replace(h, level=1)
                break
    # "1." "2." "3." with no 一、 or （一） anywhere (and no unmarked title-like headings): they are the top level
    if headings and not any(h.level <= 2 for h in headings):
        headings = [replace(h, level=1) if h.level == 3 and h.marker else h for h in headings]
    headings = _under_part_markers(headings)
    if not any(_names_a_part(h) for h in headings):
        headings = _promote_run_in(text, headings)
    if not any(_names_a_part(h) or h.run_in for h in headings):
        headings = _ordinal_paragraphs(text, paragraphs, headings)
    return _phrase_openers(text, paragraphs, headings)


_PART_MARKER = re.compile(rf"第[{_CN}]+部分")
_ITEM_MARKER = re.compile(rf"[（(]?\d|[{_CN}]+是")


def is_item(h: Heading) -> bool:
    """Whether a heading's marker numbers items (1. （1） 一是) rather than titles (一、 （一） 第一部分), whatever
    level it sits at (一、 is the second level under 第一部分)."""
    return bool(h.marker) and _ITEM_MARKER.match(h.marker) is not None


def _under_part_markers(headings: list[Heading]) -> list[Heading]:
    """"第四部分 2024年工作安排" over "一、加强干部学法" "二、…": inside a 第X部分 part, 一、 is the second level
    (and （一） the third, 1. the fourth), so the part runs on past its first 一、 to the next 第X部分."""
    first = next((i for i, h in enumerate(headings) if h.level == 1 and _PART_MARKER.match(h.marker)), None)
    if first is None or not any(h.level == 1 and h.marker and not _PART_MARKER.match(h.marker)
                                for h in headings[first + 1 :]):
        return headings
    return [*headings[: first + 1], *(replace(h, level=h.level + 1)
                                      if h.marker and not h.label and 1 <= h.level <= 3 and not _PART_MARKER.match(h.marker)
                                      else h for h in headings[first + 1 :])]


_ORDINAL = re.compile(r"(首先|其次|再次|第[一二三四五六七八九十]|最后)[，,、：:]?[ \t\u3000]*")
_ORDINAL_ORDER = {"首先": 1, "其次": 2, "再次": 3, "最后": 99}


def _ordinal_paragraphs(text: str, paragraphs: Sequence[tuple[int, int]], headings: list[Heading]) -> list[Heading]:
    """As _promote_run_in, for paragraphs opened by 首先/其次/再次/最后 (or 第一/第二…, comma-led) whose first
    sentence names the part: "首先，2024年主要工作举措和成效。…", "其次，存在的不足。…"."""
    found: list[Heading] = []
    last = 0
    for ps, pe in paragraphs:
        pos = _LEAD.match(text, ps, pe).end()
        m = _ORDINAL.match(text, pos, pe)
        if not m:
            continue
        word = m.group(1)
        n = _ORDINAL_ORDER.get(word) or _numeral(word[1:])
        if n is None or n <= last:
            continue
        stop = _TITLE_STOP.search(text, m.end(), pe)
        end = stop.start() if stop else pe
        if end - m.end() > _MAX_HEADING:
            continue
        last = n
        found.append(Heading(1, word, text[m.end():end], pos, end, run_in=True))
    if len(_main_parts_named(found)) < 2:
        return headings
    return sorted([*headings, *found], key=lambda h: h.start)


def _main_parts_named(items: Iterable[Heading]) -> set[str]:
    """The required parts that run-in items name in so many words (two make them the report's part headings)."""
    return {p for h in items for p in _match_parts(h.text) if p in MAIN_PARTS}


# Phrases that open the 不足 or the plan without a heading, at a paragraph start or after a sentence end:
# "但对照上级要求，仍存在一些差距：", "工作中也还存在一些短板弱项，比如：", "下一步，我镇将…", "2024年，我镇将…",
# "针对上述问题，新的一年我镇将…".
_SHORT_OPENER = re.compile(
    r"(?P<pre>[^。；;：:！？\n]{0,30}?)(?P<adv>仍|还|也|依然|尚|同时)?(?:存在|有)着?"
    r"(?P<q>一些|不少|以下|诸多|某些|一定的?|较大的?|较多的?|明显的?)?(?:[^。；;：:！？\n，,\d]{1,6}?的)?"
    rf"(?:{_SHORT_NOUN}|薄弱环节)(?:(?:和|与|及|、){_SHORT_NOUN})?"
    r"(?:[^。；;：:！？\n\d]{0,14}?[：:]"  # through the colon if one follows ("…差距，集中体现在以下几个方面：")
    r"|[^。；;：:！？\n\d]{0,10}?(?=[，,]?(?:比如|例如|主要(?:是|有|表现(?:在|为))|集中(?:体现|表现)在|一是|1[、.．]))"
    r"|[^。；;：:！？\n\d]{0,14}?。)"  # a sentence of its own ("当然，…工作中还存在一些薄弱环节。")
)
# The opener is the town's own assessment: a contrast or a still/also before 存在/有 ("但…仍存在", "当然…还有"),
# not work done on problems ("案卷评查发现存在问题12个", "群众有问题，比如…")
_SELF_ASSESSED = re.compile(r"但|不过|然而|当然|对照|对标|相比|清醒|认识到|看到|回顾")
_WORK_ON_PROBLEMS = re.compile(r"发现|排查|收集|梳理|解决|整改|化解|反映|处理|调处|办理|帮助|协调")
_PLAN_OPENER = re.compile(
    r"(?:展望|在|进入|迈入)?(?:下一步|下步|下一阶段|下阶段|新的一年里?|新年度里?|下一年度?|接下来|今后(?:一个时期)?|明年|来年"
    r"|针对(?:上述|以上|这些)(?:问题|不足|短板)[^。；;：:！？\n]{0,12}?|(?P<y>20\d\d)年(?:度)?)"
    r"[，,]?[^。；;：:！？\n]{0,20}?(?:将(?!更加|越来越|日益|愈加|愈发|进一步加重|面临)|要|计划|拟|准备|打算|重点"
    r"|(?:思路|目标|安排)(?:是|为)[：:])"
)  # (今后一个时期，…执法任务将更加繁重: a forecast, not a plan)


# A plan sentence inside a paragraph after the 不足 opens the plans when it announces a list of work ("…。针对以上问题，
# 2024年我乡将着力抓好以下几项工作：…"), even without items after its colon; a single remedy ("…。针对上述问题，我乡将
# 加强培训。") stays with the problems.
_WORK_LIST_AHEAD = re.compile(r"[^。；;！？!?\n]{0,40}?(?:以下|如下|下列|几项|几个方面|[两三四五六七八九十]项)[^。；;！？!?\n]{0,8}?[：:]")


def _short_opener(text: str, at: int) -> re.Match[str] | None:
    m = _SHORT_OPENER.match(text, at)
    if m is None or _WORK_ON_PROBLEMS.search(m.group("pre")):
        return None
    if not (m.group("adv") or _SELF_ASSESSED.search(m.group("pre"))):
        return None
    return m


def _opener_starts(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, bool]]:
    """Paragraph starts and sentence starts (after 。！？) where an opening phrase may stand, each with
    whether it opens a paragraph or a run-on paragraph holding much of the text (a page copied from the web)."""
    out = []
    # a short report's longest paragraph is not a web copy unless it is nearly the whole text
    run_on = max(len(text) * 2 // 5, min(_RUN_ON_MIN, len(text) * 4 // 5))
    for ps, pe in paragraphs:
        pos = _LEAD.match(text, ps, pe).end()
        out.append((pos, True))
        for m in _SENTENCE_START.finditer(text, pos, pe):
            out.append((m.end(), pe - ps >= run_on))
    return out


_SENTENCE_START = re.compile(r"[。！？!?][”’」』）)]*[ \t\u3000]*(?=\S)")
_RUN_ON_MIN = 500  # characters: a shorter paragraph is not taken for a whole page run together


def _phrase_openers(text: str, paragraphs: Sequence[tuple[int, int]], headings: list[Heading]) -> list[Heading]:
    """For a report with no heading naming its 不足 or its plan: the phrase that opens that part in running
    text, as a heading of the top level (the first 不足 opener after the opening; the first plan opener after
    that). Headings it falls inside of stay as they are."""
    named: dict[str, int] = {}
    titled = -1  # where a 不足 section opened by a title (not an inline label) starts
    for h in headings:
        for p in _parts_of(h, None):
            named.setdefault(p, h.start)
            if p == "shortcomings" and not h.label and titled < 0:
                titled = h.start
    want = [p for p in ("shortcomings", "next_year") if p not in named]
    if not want:
        return headings
    floor = len(text) // 10  # not in the opening paragraph's "…存在的问题得到解决"
    starts = [(at, opens) for at, opens in _opener_starts(text, paragraphs) if at >= floor]
    found: dict[str, Heading] = {}
    if "shortcomings" in want:
        for at, _ in starts:
            if m := _short_opener(text, at):
                found["shortcomings"] = Heading(1, "", text[at:m.end()].rstrip("：:，, "), at,
                                                _label_end(text, m.end()), part="shortcomings")
                break
    # the plan: opening a paragraph in the second half ("存在的不足：…。下一步，我镇将…" inside a paragraph of the
    # work is a remedy), after the 不足 however it is opened ("下一步，我镇将推广这一做法" before the label is work);
    # after a 不足 section with a title or an opener phrase, anywhere (a short report's plan may start in the first half)
    if "next_year" in want:
        year = _report_year(text)
        after = max(named.get("shortcomings", -1), found["shortcomings"].start if "shortcomings" in found else -1)
        half = len(text) // 2 if titled < 0 and "shortcomings" not in found else 0
        for at, opens in starts:
            if at <= after or not opens and not (after >= 0 and _WORK_LIST_AHEAD.match(text, at)):
                continue
            m = _PLAN_OPENER.match(text, at) if at >= half else None
            if m is None and after >= 0 and (listed := _announced_plan(text, at)) is not None:
                # after the 不足 however opened, a paragraph announcing what the town will do: "为此，我乡计划：一是…"
                found["next_year"] = Heading(1, "", text[at:listed], at, at, part="next_year")
                break
            if m is None or m.group("y") and not (year and int(m.group("y")) > year):
                continue
            found["next_year"] = Heading(1, "", text[at:m.end()], at, at, part="next_year")
            break
    if not found:
        return headings
    return sorted([*headings, *found.values()], key=lambda h: h.start)


def _names_a_part(h: Heading) -> bool:
    if h.level >= 5 or len(h.text) > _MAX_HEADING:
        return False
    return bool(_match_parts(h.text) if h.level == 1 and not h.label else _strict_parts(h.text))


# What a run-in item's first sentence says about its part when it names none in so many words
# ("一是聚焦主责主业，各项举措落地见效", "四是锚定目标任务，扎实谋划2025年工作"): used only for promoted items.
_LOOSE_PARTS = (
    ("leaders", re.compile(r"第一责任人|主要负责人|党政主要|述法")),
    ("shortcomings", re.compile(r"不足|问题|短板|弱项|差距|薄弱")),
    ("next_year", re.compile(r"下一步|下一年|明年|今后|来年|谋划|打算|计划|展望")),
    ("measures", re.compile(r"举措|成效|做法|成绩|亮点|工作开展|推进|落实")),
)


def _loose_parts(title: str) -> tuple[str, ...]:
    found = [(m.start(), part_id) for part_id, p in _LOOSE_PARTS if (m := p.search(title))]
    if any(p == "leaders" for _, p in found):
        return ("leaders",)
    return (min(found)[1],) if found else ()


def _promote_run_in(text: str, headings: list[Heading]) -> list[Heading]:
    """A report with no part heading at all whose paragraphs open with "一是…。", "二是…。", … (often bold), at
    least two of them naming different parts in so many words: those items are its part headings. Items inside
    a paragraph, or a run naming fewer than two parts (a list of measures), stay items."""
    runs: list[list[int]] = []
    for i, h in enumerate(headings):
        if h.level != 5 or text[text.rfind("\n", 0, h.start) + 1 : h.start].strip(" \t\u3000*#>"):
            continue
        n = _marker_number(h)
        if n == 1:
            runs.append([i])
        elif runs and n == len(runs[-1]) + 1:
            runs[-1].append(i)

    best = max(runs, key=lambda r: len(_main_parts_named(headings[i] for i in r)), default=[])
    if len(_main_parts_named(headings[i] for i in best)) < 2:
        return headings
    promoted = set(best)
    return [replace(h, level=1, run_in=True) if i in promoted else h for i, h in enumerate(headings)]


# ---- sections --------------------------------------------------------------------------------
def _trim(text: str, start: int, end: int) -> int:
    """Drop trailing blank lines and a signature block (issuing body, date, a contact line) from a span end, also
    one run on after the last sentence of a one-line report ("…20场。大堰镇人民政府 2024年2月5日")."""
    while end > start:
        while end > start and text[end - 1].isspace():
            end -= 1
        nl = text.rfind("\n", start, end)
        line = text[nl + 1 : end].strip()
        if nl < 0 or not (_SIGNATURE.match(line) or _CONTACT.fullmatch(line)):
            break
        end = nl
    if end - start > 20 and text[end - 1] == "日" and (m := _RUN_ON_SIGNATURE.search(text, max(start, end - 80), end)):
        end = m.start() + 1
    return end


_CONTACT = re.compile(r"[（(]?(?:联系人|联系电话|联系方式|电话|传真|邮编|邮箱|电子邮箱)[：:][^。\n]{0,60}?[）)]?")
_RUN_ON_SIGNATURE = re.compile(rf"[。！？][ \t\u3000]*(?:\S{{2,24}}?{_ISSUER}[ \t\u3000]*)+{_SIGN_DATE}\Z")


def _eff_level(h: Heading) -> float:
    return 1.5 if h.label else float(h.level)


def _marker_number(h: Heading) -> int | None:
    return _numeral(_NOT_NUMERAL.sub("", h.marker))


_NOT_NUMERAL = re.compile(r"[^0-9一二三四五六七八九十]")


def _section_ends(text: str, headings: Sequence[Heading], active: Sequence[int]) -> dict[int, int]:
    """End of each active heading's section: the next active heading at the same or a higher level.

    An inline label sits between the top level and the second: it ends at the next label or top-level
    heading, and also at a sub-heading that continues the numbering of the section around it ("（四）"
    after "…（三）… 存在问题：…"), while a list it starts itself ("（一）" right after it) is its own. A
    label inside a paragraph with text after it ends with that paragraph."""
    ends: dict[int, int] = {}
    stack: list[int] = []
    seen: dict[int, set[int]] = {}  # label -> heading levels seen inside it
    for i in active:
        h = headings[i]
        lv = _eff_level(h)
        while stack:
            top = headings[stack[-1]]
            if _eff_level(top) >= lv or (
                top.label
                and not h.label
                and h.level >= 2
                and h.level not in seen[stack[-1]]
                and (_marker_number(h) or 0) > 1
            ):
                ends[stack.pop()] = h.start
            else:
                break
        for j in stack:
            if j in seen:
                seen[j].add(h.level)
        stack.append(i)
        if h.label:
            seen[i] = set()
    for i in stack:
        ends[i] = len(text)
    for i in seen:
        h = headings[i]
        line_start = text.rfind("\n", 0, h.start) + 1
        line_end = text.find("\n", h.end)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start : h.start].strip() and text[h.end : line_end].strip():
            ends[i] = min(ends[i], line_end)
    return ends


def build_sections(text: str, headings: Sequence[Heading], *, year: int | None = None) -> list[Section]:
    """Sections of the required parts, in text order."""
    mapped = [_parts_of(h, year) for h in headings]
    active = list(range(len(headings)))
    ends = _section_ends(text, headings, active)
    # a label repeating the part of the section it sits in ("存在的主要问题及其原因如下：") is no section
    dropped: set[int] = set()
    open_: list[int] = []
    for i in active:
        h = headings[i]
        while open_ and ends[open_[-1]] <= h.start:
            open_.pop()
        if h.label and open_ and mapped[open_[-1]] == mapped[i]:
            dropped.add(i)
            continue
        if mapped[i]:
            open_.append(i)
    if dropped:
        active = [i for i in active if i not in dropped]
        ends = _section_ends(text, headings, active)
    # the first shortcomings or plan section of its own: a label inside a paragraph ("…不予处罚。存在的不足：…")
    # does not end the measures, so the numbered sections after it are still measures
    first_late = min(
        (headings[i].start for i in active if set(mapped[i]) & {"shortcomings", "next_year"} and not headings[i].label),
        default=len(text),
    )
    sections: list[Section] = []
    reach = -1
    for i in active:
        h, ids = headings[i], mapped[i]
        if not ids:
            if h.level == 1 and h.marker and not h.label and h.start < first_late and h.start >= reach:
                ids = ("measures",)
            else:
                continue
        end = _trim(text, h.start, ends[i])
        sections.append(Section(ids, text[h.start : h.end].strip(), h.start, end, label=h.label))
        reach = max(reach, end)
    return sections


# ---- parts -----------------------------------------------------------------------------------
def _subtract(spans: list[tuple[int, int]], s: int, e: int) -> list[tuple[int, int]]:
    out = []
    for a, b in spans:
        if b <= s or a >= e:
            out.append((a, b))
            continue
        if a < s:
            out.append((a, s))
        if b > e:
            out.append((e, b))
    return out


def _plan_start(text: str, sec: Section, sentences: Sequence[tuple[int, int]], starts: Sequence[int],
                year: int | None) -> int | None:
    """Start of the section's first sentence that opens a plan (下一步，… / 2025年，我镇将…; not a year up to
    the report's own), if any."""
    for s, _e in sentences[bisect_right(starts, sec.start) : bisect_left(starts, sec.end)]:
        m = _NEXT_CUE.match(text, s)
        if m and not (m.group("y") and year and int(m.group("y")) <= year):
            return s
    return None


_INTENT = re.compile(r"将|拟|计划|打算|着力|力争|下一?步|今后|接下来|为此")


def _announced_plan(text: str, s: int, end: int | None = None) -> int | None:
    """Where the colon is, if the sentence at ``s`` announces a list of what the town will do ("对照问题清单，下一步我镇
    将重点抓好以下工作：一是…", "为此，我乡计划：一是…"): an intent before a colon that items follow. Not a cause label
    ("原因主要有：一是…") nor the problems announced ("存在以下问题：一是…")."""
    m = _PLAN_LIST.match(text, s, len(text) if end is None else end)
    if m is None:
        return None
    colon = text.find("：", s, m.end())
    colon = colon if colon >= 0 else text.find(":", s, m.end())
    if _INTENT.search(text, s, colon) and not _is_cause_label(text, s, colon + 1):
        return colon
    return None


def _plan_list_start(text: str, sec: Section, sentences: Sequence[tuple[int, int]],
                     starts: Sequence[int]) -> int | None:
    """Start of the first sentence after the section's first that announces the plan (see _announced_plan)."""
    for s, _e in sentences[bisect_right(starts, sec.start) : bisect_left(starts, sec.end)]:
        if _announced_plan(text, s, sec.end) is not None:
            return s
    return None


def _split_combined(
    text: str, sec: Section, sentences: Sequence[tuple[int, int]], starts: Sequence[int], year: int | None
) -> list[tuple[str, int, int]]:
    """Split a shortcomings+next_year section at the first sentence that opens the plan, if any. A shortcomings
    label inside a paragraph ends before such a sentence ("存在的不足：…。下一步，我镇将…"): the rest is
    left to the section around it, unless that sentence announces a list ("…。下一步我镇将：一是…"), which
    opens the plans part."""
    if sec.part_ids == ("shortcomings",) and (sec.label or "\n" not in text[sec.start : sec.end]):
        plan = _plan_start(text, sec, sentences, starts, year)
        listed = _plan_list_start(text, sec, sentences, starts)
        if listed is not None and (plan is None or listed <= plan):
            return [("shortcomings", sec.start, listed), ("next_year", listed, sec.end)]
        if "\n" not in text[sec.start : sec.end]:
            return [("shortcomings", sec.start, sec.end if plan is None else plan)]
        # a label opening paragraphs (under "二、存在问题及下一步工作计划": "存在的问题：一是…。⏎下一步，我镇将…")
        return [("shortcomings", sec.start, sec.end)] if plan is None else \
            [("shortcomings", sec.start, plan), ("next_year", plan, sec.end)]
    if sec.part_ids[:2] == ("shortcomings", "next_year"):
        plan = _plan_start(text, sec, sentences, starts, year)
        listed = _plan_list_start(text, sec, sentences, starts)
        plan = listed if plan is None or listed is not None and listed < plan else plan
        if plan is not None:
            rest = [(p, sec.start, sec.end) for p in sec.part_ids[2:]]
            return [("shortcomings", sec.start, plan), ("next_year", plan, sec.end), *rest]
        if not _INTENT.search(text, sec.start + len(sec.heading), sec.end):  # "存在问题及今后打算" over problems only
            return [(p, sec.start, sec.end) for p in sec.part_ids if p != "next_year"]
    return [(p, sec.start, sec.end) for p in sec.part_ids]


def _leader_passages(
    text: str, sentences: Sequence[tuple[int, int]], excluded: Sequence[tuple[int, int]], skip_before: int
) -> list[tuple[int, int]]:
    """Passages on the leaders' 第一责任人 duty: leader sentences at most one sentence apart, one of them
    naming 第一责任人, with at least three mentions of leaders or their duty in two or more sentences, or
    four in one ("党委书记、镇长切实履行第一责任人职责…主要负责人带头述法")."""
    out: list[tuple[int, int]] = []
    if "第一责任人" not in text:
        return out
    ex = sorted(excluded)
    ex_starts = [a for a, _ in ex]
    run: list[int] = []  # indices of cue sentences in the current passage
    strong = cues = 0

    def close() -> None:
        if strong and (len(run) >= 2 and cues >= 3 or cues >= 4):
            out.append((sentences[run[0]][0], sentences[run[-1]][1]))

    for i, (s, e) in enumerate(sentences):
        if s < skip_before:
            continue
        k = bisect_right(ex_starts, s) - 1
        if k >= 0 and s < ex[k][1]:
            continue
        if not _LEADER_CUE.search(text, s, e):
            continue
        is_strong = _duty_of_law(text, s, e)
        other_duty = not is_strong and text.find("第一责任人", s, e) >= 0  # 河长制/安全生产第一责任人: not this duty
        if run and (other_duty or i - run[-1] > 2 or "\n" in text[sentences[run[-1]][1] : s] and i - run[-1] > 1):
            close()
            run, strong, cues = [], 0, 0
        if other_duty:
            continue
        run.append(i)
        strong += is_strong
        cues += len(_LEADER_CUE.findall(text, s, e))
    close()
    return out


_OPENING = re.compile(r"(?:报告|汇报|情况)如下[：:。.]?")


def _unheaded_measures(
    text: str,
    owned: dict[str, list[tuple[int, int]]],
    sentences: Sequence[tuple[int, int]],
    starts: Sequence[int],
    paragraphs: Sequence[tuple[int, int]],
) -> tuple[int, int] | None:
    """Measures reported without a heading: the body between the opening ("现将…情况报告如下：") and the
    first shortcomings or plan section, when the report has one of those."""
    late = [s for p in ("shortcomings", "next_year") for s, e in owned[p] if text[s:e].strip()]
    if not late:
        return None
    first_late = min(late)
    opening = None
    for s, e in sentences[: bisect_left(starts, first_late)]:
        if s > min(paragraphs[min(3, len(paragraphs) - 1)][1], 1000):
            break
        m = _OPENING.search(text, s, e)
        if m:
            opening = m.end()
            break
    if opening is None:
        return None
    spans = [(opening, first_late)]
    for p in ("leaders", "other"):
        for s, e in owned[p]:
            spans = _subtract(spans, s, e)
    spans = [(s, e) for s, e in spans if len(re.sub(r"\s", "", text[s:e])) >= 20]
    if not spans:
        return None
    s, e = max(spans, key=lambda x: x[1] - x[0])
    return _skip_space(text, s, e), _trim(text, s, e)


def build_parts(
    text: str,
    sections: Sequence[Section],
    sentences: Sequence[tuple[int, int]],
    *,
    year: int | None = None,
    paragraphs: Sequence[tuple[int, int]] = (),
) -> dict[str, PartInfo]:
    """All five parts, present or not, with their spans and non-whitespace character counts."""
    starts = [s for s, _ in sentences]
    owned: dict[str, list[tuple[int, int]]] = {p: [] for p in PARTS}
    # an attachment after the dated signature (附件：…统计表) belongs to no part: the last part ends before it
    cut = appendix_start(text)
    # outer sections first, so a nested section takes its span from the enclosing part
    for sec in sorted(sections, key=lambda s: (s.start, -s.end)):
        pieces = _split_combined(text, sec, sentences, starts, year)
        taken_end = max(e for _p, _s, e in pieces)  # (pieces run on from sec.start)
        for part_id in owned:
            owned[part_id] = _subtract(owned[part_id], sec.start, taken_end)
        for part_id, s, e in pieces:
            if s < cut:
                owned[part_id].append((s, _trim(text, s, min(e, cut))))
    unheaded: set[str] = set()
    if not any(text[s:e].strip() for s, e in owned["measures"]):
        found = _unheaded_measures(text, owned, sentences, starts, paragraphs)
        if found:
            unheaded.add("measures")
            owned["measures"] = [found]
    if not any(text[s:e].strip() for s, e in owned["leaders"]):
        excluded = [sp for p in ("shortcomings", "next_year", "other") for sp in owned[p]]
        title_end = sentences[0][1] if sentences else 0
        found = _leader_passages(text, sentences, excluded, title_end)
        if found:
            unheaded.add("leaders")
            owned["leaders"] = found
            for s, e in found:
                for part_id in ("measures",):
                    owned[part_id] = _subtract(owned[part_id], s, e)
    out = {}
    headings_at: dict[int, set[str]] = {}
    for sec in sections:
        headings_at.setdefault(sec.start, set()).add(sec.heading)
    for part_id, label in PARTS.items():
        spans: list[tuple[int, int]] = []
        for s, e in sorted(owned[part_id]):
            s = _skip_space(text, s, e)
            while e > s and text[e - 1].isspace():
                e -= 1
            if s >= e:
                continue
            if spans and not text[spans[-1][1] : s].strip():
                spans[-1] = (spans[-1][0], e)  # adjacent sections of one part read as one span
            else:
                spans.append((s, e))
        # a combined heading whose parts all sit under labels of their own stays with the first part only
        bare = [sp for sp in spans if text[sp[0] : sp[1]].strip() in headings_at.get(sp[0], ())]
        if bare and len(bare) < len(spans):
            spans = [sp for sp in spans if sp not in bare]
        chars = sum(_visible(text, s, e) for s, e in spans)
        out[part_id] = PartInfo(
            part_id, label, bool(spans), chars, tuple(spans), embedded=part_id in unheaded and bool(spans)
        )
    return out


def _skip_space(text: str, s: int, e: int) -> int:
    while s < e and text[s].isspace():
        s += 1
    return s


# ---- shortcomings and causes -----------------------------------------------------------------
def _clean_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] == "*"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "*。；;，,"
                     or text[e - 1] == "." and e - 2 >= s and not text[e - 2].isdigit()):  # "不充分." typed in ASCII
        e -= 1
    return s, e


_NUMERALS = re.compile(r"[\d一二三四五六七八九十]+")
_NOT_NUMERAL_D = re.compile(r"[^\d一二三四五六七八九十]")


def _item_marks(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Enumeration markers (一是, 1、, （一）…) of the most used kind in text[s:e]: (marker start, body start).

    A marker counts at the start, after a sentence end, a colon, a comma, a line break or a space, or
    anywhere when it continues the numbering of its kind ("…配合意识不强2、我镇…" in run-on text)."""
    found = []
    last: dict[str, int] = {}
    first = _skip_space(text, s, e)
    for m in _ITEM.finditer(text, s, e):
        a = m.start()
        j = a
        while j > s and text[j - 1] in " \t\u3000*":
            j -= 1
        marker = m.group("m")
        kind = _NUMERALS.sub("N", marker)
        n = _numeral(_NOT_NUMERAL_D.sub("", marker))
        if not (a == first or j == s or j < a or text[j - 1] in "。；;：:，,\n") and (
            n is None or last.get(kind) is None or n != last[kind] + 1
        ):
            continue
        if n is not None:
            last[kind] = n
        found.append((a, m.end(), kind))
    for m in _LINE_ITEM.finditer(text, s, e):  # ◆ 执法人员…: a bullet opening a line; 问题一：… (after a full stop too)
        a = m.start("m")
        bullet = m.group("b") or ("①" if m.group("c") else None)  # (①②③: one kind of item)
        if bullet and text[max(s, text.rfind("\n", 0, a) + 1):a].strip(" \t\u3000"):
            continue  # a bullet or a circled number only opens a line
        found.append((a, m.end(), bullet or "问题N"))
    found.sort()
    kinds = Counter(k for *_, k in found)
    if not kinds or kinds.most_common(1)[0][1] < 2:
        return []
    kind = next(k for *_, k in found if kinds[k] >= 2)
    return [(a, b) for a, b, k in found if k == kind]


def _lead_end(text: str, s: int, e: int) -> int:
    return _ITEM_LEAD.match(text, s, e).end()


def _is_cause(text: str, s: int, e: int) -> bool:
    body = _lead_end(text, s, e)
    if _CAUSE_START.match(text, body, e) or _CAUSE_ANY.search(text, body, e):
        return True
    label = _CAUSE_LABEL.match(text, body, e)  # 剖析问题背后的成因，主要有以下三点：…
    return bool(label and label.end() > body and text[label.end() - 1] in "：:，,")


def _is_cause_label(text: str, s: int, e: int) -> bool:
    """A sentence that only announces causes: "原因分析：", "究其原因，", "产生问题的原因主要有："."""
    body = _lead_end(text, s, e)
    return bool(_CAUSE_LABEL.fullmatch(text, body, e))


def _is_remedy(text: str, s: int, e: int) -> bool:
    """A sentence that opens the remedies: "针对上述问题，我们将…", "整改措施：", "我们将从以下几个方面加以改进"."""
    return bool(_REMEDY_LABEL.match(text, _lead_end(text, s, e), e))


def _cause_heading(h: Heading) -> bool:
    """A sub-heading over causes only: "（二）存在问题的原因", "原因分析" (not "存在的不足及原因")."""
    return h.level <= 4 and bool(_CAUSE_LABEL.fullmatch(h.text.strip()))


def _after_cause_label(text: str, s: int, e: int) -> int:
    """Where a sentence's content starts after a leading cause label ("原因：", "究其原因，", "主要原因是")."""
    body = _lead_end(text, s, e)
    m = _CAUSE_LABEL.match(text, body, e)
    return m.end() if m and m.end() > body and m.end() < e else body


def _sentences_in(layout: Layout, s: int, e: int) -> list[tuple[int, int]]:
    starts = layout.sentence_starts
    out = []
    i = max(0, bisect_right(starts, s) - 1)
    while i < len(starts) and starts[i] < e:
        a, b = layout.sentences[i]
        a, b = max(a, s), min(b, e)
        a = _skip_space(layout.text, a, b)
        if b > a:
            out.append((a, b))
        i += 1
    return out


def _problem_clauses(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A sentence listing several "存在…" clauses is split into them."""
    starts = [m.start() for m in re.finditer(r"存在", text[a:b])]
    if len(starts) < 2:
        return [_clean_span(text, a, b)]
    bounds = starts + [b - a]
    return [_clean_span(text, a + x, a + y) for x, y in zip(bounds, bounds[1:])]


_CAUSE_MID = re.compile(
    r"[，,；;](?=(?:其|这|究其)?(?:主要|根本)?(?:原因(?:是|在于|主要是|主要有|[：:])|究其原因|是由于|是因为|由于))"
    # "…形式较为单一，主要是宣讲队伍专业化程度不高": not "，主要是：" (a list follows) nor 主要是在/表现在 (where it shows)
    # nor "，主要是土地流转、邻里纠纷和婚姻家庭纠纷": a list of the kinds of dispute or case, not why
    r"|(?<!原因)(?<!根源)(?<!根本)(?<!的问题)(?<!的不足)(?<!主要问题)[，,](?=主要是(?![：:]|在|表现|体现|集中|针对|指|以|从|对)"
    r"(?![^，,。；;！？!?\n]*?[、和及与][^，,。；;！？!?\n]*?(?:(?:纠纷|矛盾|案件|事项|类型|诉求|信访)(?:等)?(?:方面|领域|类)?"
    r"|等(?:方面的?|几个方面的?)?(?:问题|领域|行业|方面)|[一二两三四五六七八九十\d]+大?类)[，,。；;！？!?\n]))"
    r"|[，,](?=(?:其|问题的?)?(?:根源|根子)(?:在于|是)|归根(?:结底|到底))"
)


def _pieces(layout: Layout, a: int, b: int) -> list[tuple[int, int, str | None]]:
    """Sentences of text[a:b]; one that goes on to give its cause ("…仍然淡薄，主要原因是…") is cut there
    into a problem and a cause."""
    text = layout.text
    out: list[tuple[int, int, str | None]] = []
    for s, e in _sentences_in(layout, a, b):
        m = _CAUSE_MID.search(text, _lead_end(text, s, e) + 2, e)
        if m:
            out.append((s, m.start(), PROBLEM))
            out.append((m.end(), e, CAUSE))
        else:
            out.append((s, e, None))
    return out


_SUB_ITEM = re.compile(rf"[\s\u3000]*(?:[{_CN}]+是|其[{_CN}]|[（(]?\d{{1,2}}[）)、.．])")
# one more problem: 此外，…; not a sentence about the problems above (此外，上述问题在其他乡镇也…, 另外，以上不足已列入…)
_ANOTHER = re.compile(r"(?:此外|另外|另|还有|与此同时|同时|再者|除此之外|除此以外|再有|除(?:上述|以上)(?:问题|不足)外)"
                      r"(?:还需指出|还要看到|还应看到|[^，,。；;！？!?\n]{0,6}?的是|一点)?[，,]"
                      r"(?![^。；;！？!?\n]{0,6}(?:上述|以上|这些|前述|前面)(?:问题|不足|短板|差距|情况))")


# an announcement of problems (一些, 以下, 主要表现) or work on them (纠正, 整治), not one problem stated
_NOT_STATED = re.compile(r"一些|一定|以下|如下|几个|几点|诸多|不少|不小|若干|主要(?:表现|体现)|纠正|整治")


def _announces(layout: Layout, at: int) -> bool:
    """Whether the sentence holding ``at`` announces problems rather than states one (it ends with a colon, or
    speaks of some or several problems: 还存在一些不足, 存在以下几个方面的问题), or is work on problems (纠正…问题,
    …问题专项整治)."""
    if (i := layout.sentence_index_at(at)) is None:
        return True
    a, b = layout.sentences[i]
    return layout.text[a:b].rstrip().endswith(("：", ":")) or bool(_NOT_STATED.search(layout.text, a, b))


def _another_problem(layout: Layout, at: int) -> bool:
    """Whether the sentence holding ``at`` starts with 此外，/另外，/还有，… (one more problem)."""
    if (i := layout.sentence_index_at(at)) is None:
        return False
    a, b = layout.sentences[i]
    return bool(_ANOTHER.match(layout.text, _lead_end(layout.text, a, b), b))


def _stated_alone(layout: Layout, at: int) -> bool:
    """Whether the sentence holding ``at`` states a problem of its own: it neither refers back to problems
    named before (上述问题, 这些不足) nor announces or sums them up (一些, 一定差距, 主要表现)."""
    if (i := layout.sentence_index_at(at)) is None:
        return False
    a, b = layout.sentences[i]
    text = layout.text
    if _BACK_REFERENCE.search(text, a, b) or _NOT_STATED.search(text, a, b) or _WORK_OPENER.match(text, a, b):
        return False
    # a shortcoming word that says what falls short, not a matter worked on (解决实际问题, 防止履职不到位)
    return any(m.group() != "问题" and not _AVERTED.search(text, max(a, m.start() - 8), m.start())
               for m in _PROBLEM_CUE.finditer(text, a, b))


_GOES_ON = re.compile(r"(?:另一方面|加之|加上|再加上|再者)[，,]?")  # the next cause, after one


_BACK_REFERENCE = re.compile(r"(?:上述|以上|这些|前述|前面|此类|这类)(?:问题|不足|短板|差距|情况|方面)")
_WORK_OPENER = re.compile(r"\s*(?:坚持|继续|持续|以|要|将|进一步|积极|充分|切实|认真|全面|不断|努力)")  # work done or planned
_AVERTED = re.compile(r"防止|避免|杜绝|减少|解决|消除|克服|弥补|补齐|改变")


def _entries_of_item(layout: Layout, a: int, b: int, mode: str) -> tuple[list[tuple[int, int, str]], str]:
    """Runs of one item's sentences: the problem (its first sentences), causes, and skipped remedies."""
    text = layout.text
    runs: list[list] = []  # [start, end, kind]
    current = None
    if mode == REMEDY:
        return [], mode
    for i, (s, e, forced) in enumerate(_pieces(layout, a, b)):
        if forced is None and _is_cause_label(text, s, e):
            mode = current = CAUSE
            continue
        body = _lead_end(text, s, e)
        if i and forced is None and _OTHER_LABEL.match(text, body, e) and not _is_cause(text, s, e):
            break  # "问题整改情况如下：…" after the last item is no longer the item
        another = bool(i and _ANOTHER.match(text, body, e) and _PROBLEM_CUE.search(text, body, e))
        if another:
            kind = PROBLEM  # "此外，个别村规民约…不一致" after the causes or the item: one more problem
        elif mode == CAUSE:
            kind = None if (i and _REMEDY_START.match(text, body, e)) else CAUSE
        elif forced:
            kind = PROBLEM if i == 0 else forced
        elif i == 0:
            kind = PROBLEM
        elif _is_cause(text, s, e):
            kind = CAUSE
        elif _REMEDY_START.match(text, body, e):
            kind = None
        else:
            kind = current
        current = kind
        if kind is None:
            continue
        if runs and runs[-1][2] == kind and not another and not text[runs[-1][1] : s].strip("，,；;。 \t\n") and not (
                kind == CAUSE and _SUB_ITEM.match(text, s, e)):  # "究其原因，一是…；二是…": one cause each
            runs[-1][1] = e
        else:
            runs.append([_lead_end(text, _after_cause_label(text, s, e), e) if kind == CAUSE else s, e, kind])
    return [(s, e, k) for s, e, k in runs], mode


def _block_entries(
    layout: Layout, s: int, e: int, mode: str, marks: list[tuple[int, int]], *, prose: bool, after_problems: bool = False
) -> list[tuple[int, int, str]]:
    """Entries of one block of the 不足 part: its items if it has any (``marks``), else its sentences
    (only when ``prose``, or when the block lists causes). ``after_problems``: problems came before the block."""
    text = layout.text
    out: list[tuple[int, int, str]] = []
    if marks:
        # a problem paragraph of its own before the items ("普法宣传形式较为单一。\n一是…；二是…"), not one that
        # announces them ("…还存在一些不足，主要表现在：")
        cut = text.rfind("\n", s, marks[0][0])
        if cut <= s and (cause := _CAUSE_ANY.search(text, s, marks[0][0])):
            # the items are the causes, in the problems' own paragraph ("执法力量不足，普法针对性不强。究其原因，一是…")
            cut = layout.sentence_starts[bisect_right(layout.sentence_starts, cause.start()) - 1]
        if cut > s:
            out.extend(x for x in _block_entries(layout, s, cut, mode, [], prose=True)
                       if x[2] == PROBLEM and not _announces(layout, x[0]))
        gap_start = s
        for i, (ma, body) in enumerate(marks):
            for x, y in _sentences_in(layout, gap_start, ma):  # a label between two items turns what follows
                mode = REMEDY if _is_remedy(text, x, y) else CAUSE if _is_cause_label(text, x, y) else mode
            stop = marks[i + 1][0] if i + 1 < len(marks) else e
            nl = text.find("\n", body, stop)
            end = nl if nl >= 0 else stop
            if nl >= 0 and nl - body <= 40 and not _TITLE_STOP.search(text, body, nl):
                end = stop  # a titled item ("（一）法治宣传覆盖面不广") goes on in the paragraphs below
            if _PROBLEM_NUMBERED.match(text, ma):  # 问题二：… opens a problem whatever the lines above it were,
                end, mode = stop, PROBLEM  # and its 原因：/整改措施： lines below belong to it
            runs, mode = _entries_of_item(layout, body, end, mode)
            out.extend(runs)
            gap_start = end
        # after the last item: a paragraph giving the causes ("产生上述问题的原因：一方面…；另一方面…"), or one more
        # problem ("此外，部分村干部依法办事意识不强。", or a paragraph of its own below the items: "村级法治文化
        # 广场长期闲置。"); sentences about the items ("上述问题…", "存在一定差距") only comment on them
        below = text.startswith("\n", gap_start)
        out.extend(x for x in _block_entries(layout, gap_start, e, mode, [], prose=True, after_problems=bool(out))
                   if x[2] == CAUSE or x[2] == PROBLEM and (_another_problem(layout, x[0])
                                                          or below and _stated_alone(layout, x[0])))
        return out
    if not prose and mode == PROBLEM:
        return out
    causes_until = -1  # "究其原因，一方面…；另一方面…": the rest of that paragraph gives causes too
    pieces = _pieces(layout, s, e)
    for k, (a, b, forced) in enumerate(pieces):
        if forced is None and _is_cause_label(text, a, b):
            mode = CAUSE
            continue
        body = _lead_end(text, a, b)
        numbered = _PROBLEM_NUMBERED.match(text, body, b) if forced is None else None
        if numbered:
            mode, body = PROBLEM, _skip_space(text, numbered.end(), b)
        elif _is_remedy(text, a, b):
            mode = REMEDY
        if mode == REMEDY:
            continue
        if forced == PROBLEM and mode == PROBLEM:
            if not (b - body <= 8 and _CAUSE_START.match(text, body, b)):  # 之所以如此，(是因为…)
                out.append((body, b, PROBLEM))
        elif forced == CAUSE and mode == PROBLEM:  # "…相对不足，主要是编制紧张" cut by _pieces
            out.append((_after_cause_label(text, a, b), b, CAUSE))
        elif mode == CAUSE or a < causes_until or out and out[-1][2] == CAUSE and _GOES_ON.match(text, body, b):
            if not _REMEDY_START.match(text, body, b):
                out.append((_after_cause_label(text, a, b), b, CAUSE))
        elif _is_cause(text, a, b):
            label = _CAUSE_LABEL.match(text, body, b)
            if (after_problems or any(k == PROBLEM for *_, k in out)) and not text[text.rfind("\n", 0, a) + 1 : a].strip():
                nl = text.find("\n", b)  # "由于编制有限，…。部分干部重业务轻法治，…。": the paragraph gives causes
                causes_until = nl if nl >= 0 else len(text)
            if label and label.end() > body:
                if text[label.end() - 1] in "：:":
                    mode = CAUSE  # "原因：…" opens the causes
                else:
                    nl = text.find("\n", b)
                    causes_until = nl if nl >= 0 else len(text)
            out.append((_after_cause_label(text, a, b), b, CAUSE))
        elif _PROBLEM_CUE.search(text, a, b):
            if not numbered and _lead_in(text, a, b, pieces[k + 1][0] if k + 1 < len(pieces) else None):
                continue
            if _BACK_REFERENCE.search(text, body, min(b, _OPENER.match(text, body, b).end() + 8)) \
                    and _only_generic(text, a, b):
                continue  # "上述问题，乡党委已逐项明确责任领导…": a word on the problems, not one
            said = _ANNOUNCE.match(text, body, b)
            if said:
                body = _skip_space(text, said.end(), b)
            elif shown := _SHOWN_LEAD.match(text, body, b):  # "具体表现为：一是执法力量薄弱": the problem after it
                said, body = shown, _lead_end(text, shown.end(), b)
            if b - body >= 4 and _PROBLEM_CUE.search(text, body, b) or said is None:
                out.extend((x, y, PROBLEM) for x, y in _problem_clauses(text, body, b))
    return out


_GENERIC_SHORT = frozenset({"问题", "不足", "差距", "短板", "弱项"})


def _lead_in(text: str, a: int, b: int, next_start: int | None) -> bool:
    """Whether the sentence text[a:b] leads in to the problems rather than states one, as the inline-items branch
    judges (_announces): not an item itself, it names no particular shortfall (only 差距, 不足, 问题… in general),
    and it ends with a colon ("…还有一定差距，主要表现为：" over "1）…" lines), or it speaks of some problems
    (一定差距, 一些不足) and the next sentence opens an item or says how they show ("具体表现在：一是…")."""
    if _lead_end(text, a, b) > _skip_space(text, a, b) or not _only_generic(text, a, b):
        return False
    if text[a:b].rstrip().endswith(("：", ":")):
        return True
    return (next_start is not None and bool(_NOT_STATED.search(text, a, b))
            and bool(_ITEM_OR_SHOWN.match(text, next_start) or _LIST_FOLLOWS.match(text, next_start)))


_OPENER = re.compile(r"(?:[^，,。；;\n]{1,6}[，,])?")  # 目前，/ 截至目前，… before 上述问题
# the sentence after a lead-in says the problems follow in a list or a table (现将存在的主要问题列表如下：)
_LIST_FOLLOWS = re.compile(r"[^。；;\n]{0,40}?(?:如下|下表|见表|列表)")  # (列表如下, 列示如下, 罗列如下, 见下表)


def _only_generic(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] names no particular shortfall: its problem cues are all 问题, 不足, 差距… in general."""
    return all(m.group() in _GENERIC_SHORT or m.group() == "薄弱" and text.startswith("环节", m.end())
               for m in _PROBLEM_CUE.finditer(text, a, b))  # (一些薄弱环节: as general as 一些不足)


# ---- a table of shortcomings (问题清单: a Word table's rows arrive as tab-separated cells) ------------------
_TABLE_PROBLEM_HEAD = re.compile(r"问题|不足|短板|弱项|差距|表现|薄弱")
_TABLE_CAUSE_HEAD = re.compile(r"原因|成因|根源")
_TABLE_OTHER_HEAD = re.compile(r"措施|举措|整改|时限|期限|责任|序号|编号|类别|备注|完成")
_TABLE_NUMBER = re.compile(r"[\d一二三四五六七八九十]{1,3}[、.．]?")
_MIN_TABLE_ROWS = 2


def _table_entries(text: str, rows) -> list[tuple[int, int, str]]:
    """Problems and causes of a 问题清单: the columns its header names (问题/表现 · 原因; 措施, 时限, 责任… are
    read for nothing); without a header, each row's first cell that is not a number is the problem."""
    header = rows[0][2]
    names = [text[x:y] for x, y in header]
    problem_col = cause_col = None
    if all(len(n) <= 12 and not _TITLE_STOP.search(n) for n in names):
        for i, n in enumerate(names):
            if cause_col is None and _TABLE_CAUSE_HEAD.search(n):
                cause_col = i
            elif problem_col is None and _TABLE_PROBLEM_HEAD.search(n) and not _TABLE_OTHER_HEAD.search(n):
                problem_col = i
    body = rows[1:] if problem_col is not None or cause_col is not None else rows
    out = []
    for _, _, cells in body:
        if not cells:
            continue
        if problem_col is None and cause_col is None:
            words = [(x, y) for x, y in cells if y > x and not _TABLE_NUMBER.fullmatch(text, x, y)]
            picks = [(words[0], PROBLEM)] if words else []
        else:
            picks = [(cells[i], kind) for i, kind in ((problem_col, PROBLEM), (cause_col, CAUSE))
                     if i is not None and i < len(cells)]
        out.extend((x, y, kind) for (x, y), kind in picks if y - x >= 4)
    return out


def _without_tables(layout: Layout, blocks, result: list) -> list[tuple[int, int, str]]:
    """Read the tables of rows (at least two) in the blocks of the 不足 part into ``result`` and return the
    blocks without them (a block's prose before and after a table is read as before)."""
    text, out = layout.text, []
    all_rows = layout.table_rows
    row_starts = [r[0] for r in all_rows]
    for a, b, mode in blocks:
        rows = [r for r in all_rows[bisect_left(row_starts, a) : bisect_right(row_starts, b)] if r[1] <= b]
        if len(rows) < _MIN_TABLE_ROWS or mode == REMEDY:
            out.append((a, b, mode))
            continue
        # consecutive rows make one table; the text between tables is prose
        tables, current = [], [rows[0]]
        for row in rows[1:]:
            if text[current[-1][1] : row[0]].strip():
                tables.append(current)
                current = [row]
            else:
                current.append(row)
        tables.append(current)
        cursor = a
        for table in tables:
            if len(table) < _MIN_TABLE_ROWS:
                continue
            out.append((cursor, table[0][0], mode))
            result.extend(Shortcoming(text[x:y], x, y, kind) for x, y, kind in _table_entries(text, table))
            cursor = table[-1][1]
        out.append((cursor, b, mode))
    return out


# "一方面…；另一方面…" (其一…；其二…) in one sentence gives two causes
_OTHER_SIDE = re.compile(rf"[；;](?=\s*(?:另一方面|另外一方面|其二|其三|其四|再者|此外|{_SIDE}))"
                         r"|[，,](?=\s*(?:另一方面|另外一方面))"  # 一方面是…，另一方面（也由于）…
                         r"|[，,](?=\s*也有[^。；;]{2,40}?(?:原因|因素))"  # 既有…的客观原因（因素），也有…的主观原因
                         r"|[，,](?=\s*[二三四五六]是)")  # 究其原因，一是…，二是…


def _cause_sides(text: str, s: int, e: int) -> list[tuple[int, int]]:
    cuts = [m.start() for m in _OTHER_SIDE.finditer(text, s, e)]
    bounds = [s] + [c + 1 for c in cuts]
    return list(zip(bounds, [*cuts, e]))


def shortcomings_of(layout: Layout) -> list[Shortcoming]:
    """Stated shortcomings (kind PROBLEM) and their stated causes (kind CAUSE), in text order."""
    text = layout.text
    info = layout.parts["shortcomings"]
    h_starts = [h.start for h in layout.headings]
    result: list[Shortcoming] = []
    for s, e in info.spans:
        i = bisect_left(h_starts, s)
        body = s
        if i < len(h_starts) and h_starts[i] == s:
            body = layout.headings[i].end
            i += 1
        blocks: list[tuple[int, int, str]] = []
        start, mode = body, PROBLEM
        if body > s and _cause_heading(layout.headings[i - 1]):
            mode = CAUSE  # a section of its own under a top-level cause heading (三、原因分析)
        headed: set[int] = set()  # where a block under a heading or label of its own starts ("短板弱项：…")
        while i < len(h_starts) and h_starts[i] < e:
            h = layout.headings[i]
            i += 1
            if h.level >= 5 or h.start < start:
                continue
            kind = (CAUSE if _cause_heading(h) else REMEDY if h.level <= 4 and _REMEDY_LABEL.match(h.text.strip())
                    else PROBLEM if _strict_parts(h.text) == ("shortcomings",) else None)
            if kind:
                blocks.append((start, h.start, mode))
                start, mode = h.end, kind
                headed.add(start)
        blocks.append((start, e, mode))
        blocks = _without_tables(layout, blocks, result)
        marks = [_item_marks(text, a, b) for a, b, _ in blocks]
        # where the problems (or the causes) are itemised, the prose between and around their items only comments
        # on them, except under a label of its own ("短板弱项：…"); items among the causes say nothing of the
        # problems' prose above them (二、存在的不足 in prose, 三、原因分析 with 一是/二是)
        itemised = {m for (_, _, m), block_marks in zip(blocks, marks) if block_marks}
        for (a, b, mode), block_marks in zip(blocks, marks):
            for x0, y0, kind in _block_entries(layout, a, b, mode, block_marks, prose=mode not in itemised or a in headed):
                for x, y in _cause_sides(text, x0, y0) if kind == CAUSE else ((x0, y0),):
                    x, y = _clean_span(text, x, y)
                    if y > x and not _CAUSE_LABEL.fullmatch(text, x, y):
                        result.append(Shortcoming(text[x:y], x, y, kind))
    if not info.present:
        result += _problems_in_passing(layout)
    result.sort(key=lambda sc: sc.start)  # a table's rows were read first
    return result


# A report without a 不足 part may still state its problems inside the measures, one "但也存在…" after each stretch of
# work ("…办理行政处罚案件19件。但也存在执法人员数量偏少的问题，…"); what follows 存在 to the sentence end is one problem.
_IN_PASSING = re.compile(r"(?:(?:但|然而|不过)[，,]?(?:(?:也|仍|还|依然|仍然)?存在|(?:也|仍|还|依然|仍然)有)|同时(?:也|还)?存在)着?")


def _problems_in_passing(layout: Layout) -> list[Shortcoming]:
    text = layout.text
    spans = sorted(layout.parts["measures"].spans)
    out = []
    for s, e in layout.sentences:
        if not any(a <= s < b for a, b in spans):
            continue
        body = _skip_space(text, s, e)
        m = _IN_PASSING.match(text, body, e)
        if not m:
            continue
        x, y = _clean_span(text, m.end(), e)
        cues = [c.group() for c in _PROBLEM_CUE.finditer(text, x, y)]
        # a problem named, not "但也存在一些不足" announcing nothing in particular
        if y - x >= 6 and cues and not all(c in _GENERIC_SHORT for c in cues):
            out.append(Shortcoming(text[x:y], x, y, PROBLEM))
    return out


# ---- wrappers over one text ------------------------------------------------------------------
def _layout(text: str) -> Layout:
    from analytics.layout import parse_layout

    return parse_layout(text)


def detect_headings(text: str) -> list[Heading]:
    """Numbered headings, part headings and inline part labels, in text order."""
    return list(_layout(text).headings)


def detect_sections(text: str) -> list[Section]:
    """Sections of the required parts, in text order."""
    return list(_layout(text).sections)


def _with_sections(layout: Layout, sections: Sequence[Section] | None) -> Layout:
    if sections is None or tuple(sections) == layout.sections:
        return layout
    parts_ = build_parts(layout.text, sections, layout.sentences, year=layout.year, paragraphs=layout.paragraphs)
    return replace(layout, sections=tuple(sections), parts=parts_)


def parts(text: str, *, sections: Sequence[Section] | None = None, layout: Layout | None = None) -> dict[str, PartInfo]:
    """All five parts, present or not, with their spans and non-whitespace character counts."""
    return dict(_with_sections(layout or _layout(text), sections).parts)


def shortcomings(
    text: str, *, sections: Sequence[Section] | None = None, layout: Layout | None = None
) -> list[Shortcoming]:
    """The shortcomings the report states (kind PROBLEM) and their causes (kind CAUSE)."""
    return shortcomings_of(_with_sections(layout or _layout(text), sections))
