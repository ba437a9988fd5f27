"""Kinds of self-reported problems: what a county plans its next year around is which problems recur across
towns, in whatever words each town writes them (执法人员不足 / 执法力量薄弱 / 执法队伍人手紧张 are one problem).

方法说明: a problem sentence (structure.shortcomings_of, kind 'problem') gets the kind whose pattern matches
first in it (leftmost; the problem's core comes first: "部门联动不够紧密，信息共享不及时" is 协同联动不够).
A pattern pairs a subject (人员/力量/人手…, 形式/方式/手段…, 联动/协同/配合…) with a shortfall word
(不足/薄弱/单一/不够/不强…) at most a few characters after it, inside one clause. A sentence no pattern
matches is 其他问题. Kinds are orthogonal to themes: 形式单一 may be of 普法 or of 政务公开.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

OTHER = "其他问题"

# (id, label, subject words, shortfall words, gap: characters allowed between them, extra whole phrases)
_KINDS: tuple[tuple[str, str, str, str, int, str], ...] = (
    ("staffing", "人员力量不足",
     "人员|力量|人手|队伍|编制|人才|专职|调解员|辅助人员|协管员",
     "不足|薄弱|紧张|偏少|短缺|紧缺|不够|缺乏|匮乏|不匹配|有限|偏弱|捉襟见肘|不稳定|流动性大|老化|空缺", 10,
     "人少事多|一人多岗|身兼数职|无人可用"),
    ("ability", "专业能力不足",
     "专业|业务|能力|素质|素养|法律知识|本领|专业化|掌握|熟悉",
     "不高|不足|欠缺|不强|有待提高|有待提升|有待加强|不够|参差不齐|短板|薄弱|不熟练|不全面", 8,
     "缺乏专业|缺少专业|本领恐慌"),
    ("form", "方式方法单一",
     "形式|方式|手段|载体|方法|内容|渠道|模式|途径",
     "单一|单调|陈旧|老套|不够丰富|不丰富|不够新颖|缺乏创新|创新不够|创新不足|不够多样|固化|简单|传统", 6, ""),
    ("coordination", "协同联动不够",
     "联动|协同|配合|衔接|协作|信息共享|沟通|合力|协调|联合|对接",
     "不够|不紧密|不畅|不足|不强|不到位|不及时|欠缺|缺乏|不顺|不充分|不密切|不健全|不完善|有待", 6,
     "各自为政|条块分割|单打独斗|信息孤岛|各管一段"),
    ("awareness", "法治意识不强",
     "(?:法治|法律|法制|依法|依法行政|依法办事|规则|程序|守法|学法|用法|尊法)(?:意识|观念|思维|自觉性|主动性|积极性)",
     "不强|淡薄|薄弱|不足|有待|欠缺|不牢|不够|不高|较弱|较差", 8,
     "重实体轻程序|重业务[^。；，]{0,4}轻法治|以言代法|以权压法|不够重视|重视不够|认识不足|认识不到位"),
    ("institutions", "制度机制不健全",
     "制度|机制|体系|体制|规范|清单|规章|台账",
     "不健全|不完善|不够完善|不够健全|缺失|滞后|尚未建立|未建立|不配套|不系统|有待完善|有待健全|尚未完全理顺|尚未理顺|未理顺|不够规范", 6,
     ""),
    ("procedure", "程序不规范",
     "程序|文书|取证|案卷|执法行为|规范性|规范化|审查|把关",
     "不规范|不严谨|不充分|不够规范|不完整|不严|不细|有待|不够严格", 8, ""),
    ("implementation", "落实不到位",
     "落实|执行|推进|开展|贯彻|发挥|作用|排查|化解|整改|进展|学习",
     "不到位|不平衡|不力|不够扎实|不够深入|不够系统|不够彻底|不够有力|不充分|不均衡|有差距|打折扣|不及时|不明显", 8, ""),
    ("funding", "经费保障不足",
     "经费|资金|保障|投入|设施|设备|阵地|场所|装备|车辆|资源",
     "不足|不够|短缺|有限|紧张|滞后|薄弱|不到位|不完善|简陋|老化|缺乏|匮乏", 6, ""),
    ("digital", "信息化水平不高",
     "信息化|数字化|智能化|网上|线上|平台|新媒体|大数据|网络",
     "不足|不高|滞后|不够|薄弱|运用不多|起步|不强|不广|不及时", 8, ""),
    ("reach", "针对性实效性不强",
     "针对性|覆盖面|实效性|吸引力|参与度|知晓率|参与率|实效|效果|广度|深度|影响力",
     "不强|不够|不高|不广|有限|较低|不明显|不佳|不理想|欠佳|不大", 4, ""),
)

KIND_LABELS: dict[str, str] = {k: label for k, label, *_ in _KINDS}


def _pattern() -> re.Pattern[str]:
    parts = []
    for kind, _label, subject, shortfall, gap, phrases in _KINDS:
        alt = f"(?:{subject})[^。；，,;：:]{{0,{gap}}}?(?:{shortfall})"
        if phrases:
            alt += f"|{phrases}"
        parts.append(f"(?P<{kind}>{alt})")
    return re.compile("|".join(parts))


_PATTERN = _pattern()


def problem_kind(sentence: str) -> str | None:
    """The kind id of a problem sentence (leftmost matching pattern), or None (其他问题)."""
    m = _PATTERN.search(sentence)
    return m.lastgroup if m else None


def problem_kinds(sentences: Iterable[str]) -> list[str | None]:
    return [problem_kind(s) if isinstance(s, str) else None for s in sentences]


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind, OTHER) if kind else OTHER
