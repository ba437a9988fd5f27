"""Kinds of self-reported problems: what a county plans its next year around is which problems recur across
towns, in whatever words each town writes them (执法人员不足 / 执法力量薄弱 / 执法队伍人手紧张 are one problem).

方法说明: a problem sentence (structure.shortcomings_of, kind 'problem') gets the kind whose pattern matches
first in it (leftmost; the problem's core comes first: "部门联动不够紧密，信息共享不及时" is 协同联动不够).
A pattern pairs a subject (人员/力量/人手…, 形式/方式/手段…, 联动/协同/配合…) with a shortfall word
(不足/薄弱/单一/不够/不强…) at most a few characters after it, inside one clause, or is a whole phrase
(各自为政, 挂名不挂职, 老三样). The public's weak legal awareness (群众法律意识淡薄) is not the cadres'
法治意识不强. Kinds are orthogonal to themes: 形式单一 may be of 普法 or of 政务公开. On labelled sentences
the rules had never seen (README): 48 of 60 right (of the 49 with a kind, 38 found; of the 43 kinds given, 38
right); on a later set of 70, 53 right (48 of 64 found, 48 of 51 given right); both sets' misses were then added.

A sentence no pattern matches goes to a classifier learned from labelled sentences (data/problem_kinds.tsv:
six colleagues who had not seen the rules wrote and labelled them): TF-IDF of character 1–3-grams (sublinear
tf) and multinomial naive Bayes (α = 0.1); its kind is taken only at probability ≥ 0.4, else 其他问题. The
setting was chosen on sets 1–4 (each held out in turn) before set 5 was scored: rules alone 44/84, rules and
classifier 70/84 (of the 71 kinds given, 65 right); on set 6, learned from sets 1–5, 39/72 and 61/72 (56 of
61 right). The classifier shipped learns from all six sets. A sentence a rule matches keeps the rule's answer,
so the public's weak awareness stays 其他问题. Town counts per kind stay a lower bound."""

from __future__ import annotations

import csv
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from analytics import DATA_DIR

OTHER = "其他问题"

_N = "[0-9一二两三四五六七八九十]+"  # a small count: 仅有1名, 只有两人
# (id, label, subject words, shortfall words, gap: characters allowed between them, extra whole phrases)
_KINDS: tuple[tuple[str, str, str, str, int, str], ...] = (
    ("public", OTHER,  # the public's awareness (群众法治观念淡薄) is no kind of the government's own shortfall
     "", "", 0,
     "(?:群众|村民|居民|公众|农民|百姓|企业主|经营户)[^。；，]{0,12}(?:法治|法律|法制|守法|学法|规则)(?:意识|观念)"),
    ("staffing", "人员力量不足",
     "人员|力量|人手|队伍|编制|人才|专职|调解员|辅助人员|协管员|工作人员",
     "不足|薄弱|紧张|偏紧|偏少|较少|短缺|紧缺|缺乏(?![^。；，]{0,6}(?:培训|专业|法律|业务|知识|经验|能力|针对性|吸引力|实效))|匮乏|不匹配|不相匹配|不相适应|有限|偏弱|捉襟见肘|不稳定|流动性大|老化|空缺|断档"
     "|青黄不接|力不从心"
     f"|少|仅有?{_N}[名人个]|只有{_N}[名人个]", 10,
     f"人少事多|一人多岗|身兼数职|编制[^。；，]{{0,4}}未(?:相应|同步|随之)增加|无人可用|(?:人手|力量)不够|顾此失彼|疲于应付|(?:仅有?|只有){_N}名(?:工作人员|执法人员|专职)"
     "|兼职人员多|兼职多|无专职|没有专职|寥寥无几"),
    ("ability", "专业能力不足",
     "专业|业务|能力|素质|素养|法律知识|本领|专业化|掌握|熟悉|理解|把握|能力水平",
     "不高|不足|欠缺|不强|有待提高|有待提升|有待加强|不够准确|不准确|不够|参差不齐|短板|薄弱|不熟练|不全面|差距|不牢|不扎实", 8,
     "缺乏专业|缺少专业|(?:缺乏|缺少)[^。；，]{0,6}(?:法律|专业|业务)培训|本领恐慌|把握不准|懂法的人少|不懂法|基本功[^。；，]{0,4}不(?:牢|扎实|过硬)|能力不足|力有不逮"),
    ("form", "方式方法单一",
     "形式|方式|手段|载体|方法|内容|渠道|模式|途径",
     "单一|单调|陈旧|老套|不够丰富|不丰富|不够新颖|缺乏创新|创新不够|创新不足|不够多样|固化|简单|传统", 6,
     "(?:缺少|缺乏)[^。；，]{0,16}(?:多样|载体|形式|方式|手段)|老一套|老办法|老三样|老套路|花样少|翻新慢|一人读、?众人听|以念文件代替"
     "|停留在摆摊设点|(?:互动式|体验式|案例式|情景式|互动性)[^。；，]{0,12}(?:较少|不多|偏少|欠缺|不足)|(?:形式|方式)[^。；，]{0,4}(?:仍|还|主要|多|大多)以[^。；，]{1,12}为主"
     "|(?:形式|方式|手段|载体|方法)创新[^。；，]{0,4}(?:不足|不够|欠缺|乏力)"
     "|(?:渠道|方式|手段)[^。；，]{0,6}运用得?不多|一条路"),
    ("coordination", "协同联动不够",
     "联动|协同|配合|衔接|协作|信息共享|沟通|合力|协调|联合|对接|移交|移送",
     "不够|不紧密|不畅|不足|不强|不到位|不及时|欠缺|缺乏|不顺|不充分|不密切|不健全|不完善|有待|尚未形成|未形成|少|不多|梗阻|壁垒", 6,
     "各自为政|各自为战|条块分割|单打独斗|各管一段|各管一摊|各行其是|相互推诿|推诿扯皮|推来推去|你推给我|未形成合力|没有形成合力"
     "|各吹各的号|各唱各的调|两张皮|信息壁垒|部门壁垒|(?:互通|整合|衔接)[^。；，]{0,6}(?:不及时|不紧|没有真正|不够|不畅)|层层转"),
    ("awareness", "法治意识不强",
     "(?:法治|法律|法制|依法|依法行政|依法办事|依法决策|规则|程序|守法|学法|用法|尊法)的?(?:意识|观念|思维|自觉性|主动性|积极性)",
     "不强|淡薄|薄弱|不足|有待|欠缺|不牢|不够|不高|较弱|较差|需加强|需要加强|需增强|需要增强|亟待|亟需|还需提[高升]", 8,
     "重实体轻程序|重[^。；，、]{1,6}、?轻法治|法治(?:思维|方式)[^。；，]{0,16}意识[^。；，]{0,2}(?:不强|淡薄|薄弱|不足|欠缺|不够)"
     "|以言代法|以权压法|不够重视|重视不够|认识不足|认识不到位"
     "|重视程度[^。；，]{0,6}(?:不够|有待|不高)|说起来重要|干起来次要"
     "|法治(?:思维|方式)[^。；，]{0,12}(?:自觉性|主动性|能力)[^。；，]{0,4}(?:不高|不强|不够|欠缺|有待)|有没有先例|凭经验办事|拍脑袋"),
    ("institutions", "制度机制不健全",
     "制度|机制|体系|体制|规范|清单|目录|规章|台账|细则|办法|标准|村规民约",
     "不健全|不完善|不够完善|不够健全|缺失|缺位|滞后|尚未建立|未建立|不配套|不系统|有待完善|有待健全|尚未完全理顺|尚未理顺|未理顺"
     "|不够规范|尚未出台|未出台|不够科学|不科学|尚未动态调整|未及时调整|不相符|不衔接|空白|不明确|不清晰|相抵触", 10,
     "(?:缺乏|缺少|没有)[^。；，]{0,14}(?:机制|制度|办法|标准|成文的规定)|无章可循|无规可依"),
    ("procedure", "程序不规范",
     "程序|文书|取证|案卷|执法行为|规范性|规范化|审查|把关|归档|卷内|环节|记录|听证|告知|手续|笔录|表决",
     "不规范|不严谨|不够严谨|不充分|不够规范|不完整|不齐全|不全|不严|不细|有待|不够严格|不及时|流于形式|后补|缺失|走过场", 14,
     "未按规定|未按程序|程序缺失|未经(?:合法性)?审查|补签补录|事后补"),
    ("implementation", "落实不到位",
     "落实|执行|推进|开展|贯彻|发挥|作用|排查|化解|整改|进展|学习",
     "不到位|不够到位|不平衡|不力|不够扎实|不够深入|不够系统|不够彻底|不彻底|不够有力|不充分|不均衡|有差距|打折扣|不及时|不明显"
     "|尚未真正显现|尚未显现|未显现|反弹|未完全到位|没有真正发挥|没有真正落地|未真正落地|不够充分|不够明显|缓慢|未完成", 10,
     "挂名不挂职|停留在(?:纸面|文件)(?:层面|上)?|落地见效不(?:够|足|明显)|疏于管[护理]|使用率(?:低|不高|偏低)|长期闲置|上热下冷|雷声大雨点小"),
    ("funding", "经费保障不足",
     "经费|资金|保障|投入|设施|设备|阵地|场所|装备|车辆|资源|财力|用房|补贴|物料",
     "不足|不够|短缺|有限|紧张|滞后|薄弱|不到位|不完善|简陋|老化|缺乏|匮乏|偏低|难以足额保障|难以保障|不能及时到位|落后"
     "|压力(?:增大|较大|加大|大)|吃紧|所限", 8,
     "缺钱少物|借用[^。；，]{0,10}(?:办公|会议室)|无固定(?:场所|办公)|无钱办事|捉襟见肘的财力"),
    ("digital", "信息化水平不高",
     "信息化|数字化|智能化|智慧|互联网|网上|线上|平台|新媒体|大数据|网络|数据|一网通办|网办|系统|公众号|互联互通",
     "不足|不高|较低|偏低|滞后|不够|薄弱|运用不多|起步|不强|不广|不及时|不熟练|缓慢|较慢|更新慢|尚未实现|未实现|未打通"
     "|偏弱|较弱|较差", 10,
     "信息孤岛|数据孤岛|依赖人工|靠纸质|纸质台账|纸质办案|互不联通|不联通|不能互通|靠手工|手工统计|数据打架|(?:新媒体|公众号|抖音号?)[^。；，]{0,12}更新慢|睡眠状态"),
    ("reach", "针对性实效性不强",
     "针对性|覆盖面|实效性|吸引力|参与度|知晓率|参与率|实效|效果|广度|深度|影响力",
     "不强|不够|不高|不广|有限|较低|不明显|不佳|不理想|欠佳|不大|较窄|偏窄", 4,
     "重(?:形式|数量)[、，]?轻(?:效果|实效|质量)|用处不大|作用不大|实用[^。；，]{0,6}(?:较少|不多)|收获不大|结合不紧|一阵风|记不住|学用脱节|入脑入心|走过场式"),
)

KIND_LABELS: dict[str, str] = {k: label for k, label, *_ in _KINDS if label != OTHER}


def _pattern() -> re.Pattern[str]:
    parts = []
    for kind, _label, subject, shortfall, gap, phrases in _KINDS:
        alt = "|".join(([f"(?:{subject})[^。；，,;：:]{{0,{gap}}}?(?:{shortfall})"] if subject else [])
                       + ([phrases] if phrases else []))
        parts.append(f"(?P<{kind}>{alt})")
    return re.compile("|".join(parts))


_PATTERN = _pattern()


LABELLED_FILE = DATA_DIR / "problem_kinds.tsv"
_LABEL_IDS = {label: kind for kind, label in KIND_LABELS.items()}


@dataclass
class KindModel:
    """A classifier of problem sentences into kinds, learned from labelled sentences (``fit_kind_model``)."""

    vectorizer_: Any  # sklearn TfidfVectorizer: character 1–3-grams, sublinear tf
    classifier_: Any  # sklearn MultinomialNB; classes are kind ids and "" (其他问题)
    threshold: float  # least probability at which the most probable kind is taken
    n_sentences_: int

    def proba(self, sentences: Sequence[str]) -> np.ndarray:
        """Each sentence's probability of each class (``classifier_.classes_``): naive Bayes' joint log
        likelihood from the fitted tables, normalised — what ``predict_proba`` returns, without its per-call
        input checks (~0.7 ms a call, as much as the rest of the step)."""
        joint = np.asarray(self.vectorizer_.transform(sentences) @ self.classifier_.feature_log_prob_.T)
        joint += self.classifier_.class_log_prior_
        joint = np.exp(joint - joint.max(axis=1, keepdims=True))
        return joint / joint.sum(axis=1, keepdims=True)

    def predict(self, sentences: Sequence[str]) -> list[str | None]:
        """Each sentence's kind id, or None (其他问题, or no kind as probable as ``threshold``)."""
        if not sentences:
            return []
        proba = self.proba(sentences)
        best = proba.argmax(axis=1)
        return [(str(self.classifier_.classes_[i]) or None) if p[i] >= self.threshold else None
                for i, p in zip(best, proba)]


def read_labelled(path: Path = LABELLED_FILE) -> list[tuple[str, str | None]]:
    """(sentence, kind id or None for 其他问题) from a labelled file: tab-separated, a header row naming
    ``sentence`` and ``kind`` (the kind's Chinese label), lines starting with # ignored."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        out = []
        for r in rows:
            label = r["kind"].strip()
            if label != OTHER and label not in _LABEL_IDS:
                raise ValueError(f"{path.name}: unknown kind {label!r}")
            out.append((r["sentence"].strip(), _LABEL_IDS.get(label)))
    return out


def fit_kind_model(sentences: Sequence[str], kinds: Sequence[str | None], *, alpha: float = 0.1,
                   threshold: float = 0.4) -> KindModel:
    """Learn kinds (ids; None = 其他问题) from labelled sentences."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # (scikit-learn: imported on first fit)
    from sklearn.naive_bayes import MultinomialNB

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
    x = vectorizer.fit_transform(list(sentences))
    classifier = MultinomialNB(alpha=alpha).fit(x, [k or "" for k in kinds])
    return KindModel(vectorizer, classifier, threshold, len(sentences))


_LEARNED: list[KindModel] = []
_LEARNED_LOCK = threading.Lock()


def learned_model() -> KindModel:
    """The classifier learned from ``LABELLED_FILE`` (fitted once per process, ~40 ms after scikit-learn's import)."""
    with _LEARNED_LOCK:
        if not _LEARNED:
            sentences, kinds = zip(*read_labelled())
            _LEARNED.append(fit_kind_model(sentences, kinds))
        return _LEARNED[0]


def problem_kinds(sentences: Iterable[str | None], *, learned: bool = True) -> list[str | None]:
    """Each problem sentence's kind id, or None (其他问题): the leftmost matching pattern; a sentence no
    pattern matches gets the learned classifier's kind (``learned=False``: patterns only)."""
    sentences = list(sentences)
    out: list[str | None] = [None] * len(sentences)
    unmatched = []
    for i, s in enumerate(sentences):
        m = _PATTERN.search(s) if isinstance(s, str) else None
        if m:
            out[i] = m.lastgroup if m.lastgroup in KIND_LABELS else None  # ("public": 其他问题)
        elif isinstance(s, str) and s.strip():
            unmatched.append(i)
    if learned and unmatched:
        for i, kind in zip(unmatched, learned_model().predict([sentences[i] for i in unmatched])):
            out[i] = kind
    return out


def problem_kind(sentence: str, *, learned: bool = True) -> str | None:
    """The kind id of one problem sentence, or None (其他问题); see ``problem_kinds``."""
    return problem_kinds([sentence], learned=learned)[0]


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind, OTHER) if kind else OTHER
