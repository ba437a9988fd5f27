"""Infer a report's reporting unit, county, province, level, year and title from its text.

The text is first cut into its layout: an optional header (letterhead, web-page header), the
title, the salutation (addressee, "中共沈丘县委、沈丘县人民政府："), the body and the signature block
("周营镇人民政府 2023年12月13日"). Reports copied from a web page as one run-on line are cut the same
way, on the words that end a title ("…报告") and a salutation ("…：") and on the last sentence.

Evidence for the reporting unit is weighted by where it stands: title > signature > header >
body patterns ("X镇人民政府", "X镇党委", "X镇坚持…", "现将X镇…") > plain body mentions. The
salutation names who receives the report, so it never gives the unit (it may give the county).
A word in front of 镇/乡/街道 that is a verb or adverb ("坚持镇党委", "主动公开街道…", "印制X镇…")
is not part of a name. Units: 镇, 乡, 苏木, 街道, 民族乡/民族镇 ("…瑶族乡"), 片区, 管理区, 开发区, 度假区,
风景名胜区, 农场 (township level); 县, 自治县, 自治旗, 区, 市 (county level). With no name at all, "我乡/我镇/街道
党工委" still tell the level. A field the text does not state is None.

The year is the year reported on, not the date of writing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath

from analytics.normalize import normalize_text

LEVELS = ("township", "county", "district", "city")


@dataclass(frozen=True)
class Metadata:
    title: str | None
    town: str | None
    county: str | None
    province: str | None
    level: str | None
    year: int | None


PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省",
    "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省",
    "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
    "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
)  # fmt: skip

# The 56 recognised ethnic groups, for 民族乡/民族镇 ("桐木漯瑶族乡") and autonomous counties
# ("酉阳土家族苗族自治县", "鄂伦春自治旗").
_ETHNIC = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 "
    "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 "
    "鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_ETH = "(?:" + "|".join(sorted(_ETHNIC, key=len, reverse=True)) + ")"
_ETH_TOWN_TAIL = re.compile(f"(?:{_ETH}族){{1,3}}$")  # before 乡/镇
_ETH_COUNTY_TAIL = re.compile(f"(?:{_ETH}族?){{1,4}}$")  # before 自治县/自治旗
_DEV_MOD_TAIL = re.compile(r"(?:经济技术|高新技术产业|高新技术|经济|工业|产业|旅游|农业)$")  # before 开发区
_RESORT_MOD_TAIL = re.compile(r"(?:国家级旅游|省级旅游|旅游|生态旅游|温泉)$")  # before 度假区

# Unit words and the level of the unit they end. Longer alternatives first.
_SUFFIX = re.compile(r"自治县|自治旗|街道|片区|管理区|开发区|度假区|风景名胜区|农场|林场|苏木|镇|乡|县|区|市|旗")
# accepted only where they name the author
_SPECIAL_UNITS = ("片区", "管理区", "开发区", "度假区", "风景名胜区", "农场", "林场")
_COUNTY_LEVEL = {"县": "county", "自治县": "county", "旗": "county", "自治旗": "county", "区": "district", "市": "city"}

_HAN_RE = re.compile(r"^[\u4e00-\u9fff]+\Z")  # \Z: "$" would accept a trailing line break

# Characters that never occur in a place name in these reports (pronouns, particles, quantifiers).
_NEVER = set("的了是我你他她它这们些每该其被吗呢吧啊很也就再在")
# Institution words inside a core mean a phrase was taken for a name ("…街道在区委", "管理局在县").
_NEVER_INSIDE = ("街道", "政府", "党委", "党工委", "人民", "管理局", "办事", "委员")
_NEVER_INSIDE_RE = re.compile("|".join(_NEVER_INSIDE))
# Characters a name never starts with (dates, determiners, prepositions): "年石桥镇" starts at 石.
_NEVER_FIRST = set("年度月日号届次全各本等或并及与在对由经据受从到至把被将")
# Characters a unit name's core never contains: a higher level's suffix means two names are glued.
_NOT_IN_TOWN_CORE = set("县区市省委镇乡年")
_NOT_IN_COUNTY_CORE = set("县区市省委")
_NOT_IN_SPECIAL_CORE = set("省委镇乡年")
_NOT_IN_AREA_CORE = _NOT_IN_SPECIAL_CORE | set("县区市")
# 州 ends names (开州区, 通州区, 古州镇) but inside a core it joins a prefecture to its county
# ("湘西州凤凰县" is 凤凰县).
_DIRECTION_AREA = re.compile(r"^[东西南北中]区$")  # 东区街道, 西区街道
# Last characters of a core that make a common word with the suffix, not a unit (城镇, 乡镇, 下乡,
# 社区 …). Those marked ambiguous also end real names (鱼城镇, 宛城区) and are accepted only where
# the mention names the author (title, signature, "X城镇人民政府", "X城镇坚持…").
_GENERIC_END = {
    "镇": set("乡村街强重名小古全各本我该每"),
    "乡": set("城下回返家故同老还离异他外全各本我该每"),
    "街道": set("全各本我该每"),
    "县": set(),
    "区": set("社园景辖片库矿发范护验能贸郊学校营灾牧"),
    "市": set("超都集股上门夜早菜"),
}
_AMBIGUOUS_END = {"镇": set("城"), "区": set("城"), "市": set("城")}
# Where a name is expected (title, signature, "X乡人民政府", "X乡坚持…") only these endings still
# make a common word: 岭下乡, 坝下乡 and 古镇 names are names there.
_GENERIC_END_NAMED = {"镇": set("乡村街全各本我该每"), "乡": set("城全各本我该每"), "街道": set("全各本我该每")}
# What may follow a suffix character in a common word: 乡村, 城镇化, 区域, 市场 …
_GENERIC_FOLLOW = {
    "乡": set("村镇贤土亲风愁里情音下"),
    "镇": set("化压静痛守"),
    "区": set("域块间别分划"),
    "市": set("场民"),
    "旗": set("帜手杆渠袍"),
    "苏木": set("乡镇"),  # "苏木乡镇" is the generic "townships" of Inner Mongolia
}
_COMMON_AREA_WORDS = {
    "社区", "辖区", "景区", "城区", "园区", "地区", "山区", "小区", "片区", "库区", "矿区", "老区",
    "开发区", "示范区", "保护区", "试验区", "功能区", "自贸区", "新区", "市区", "郊区", "学区",
    "都市", "城市", "超市", "集市", "股市", "上市", "门市", "全区", "全县", "全市", "本区", "本县",
    "该县", "该区", "各县", "各区", "我县", "我区", "我市", "县区", "省市", "市县", "治区", "治县",
    "主城区", "老城区", "新城区", "中心城区", "小城镇", "特色小镇", "重点镇", "中心镇",
}  # fmt: skip

# Verbs, adverbs and other words that stand right before "镇/乡/街道/县…" used as a plain noun
# ("坚持镇党委统一领导", "主动公开街道信息", "印制双桥镇手册"): a name never starts with one, a name
# may start right after one, and a body mention whose core contains one is a phrase, not a name.
_LEAD_WORDS = set(
    """
    要求 促进 加快 确保 发挥 召开 组织 举办 组建 成立 依托 列入 纳入 通过 推进 按照 进入 深入 走进
    覆盖 带领 联合 协助 配合 指导 全面 充分 继续 先后 定期 距离 荣获 落实 实现 支持 服务 助力 建设
    打造 推动 开展 参加 参与 来到 前往 深化 围绕 结合 构建 创建 获评 作为 调研 考察 督导 督查 检查
    进驻 派驻 下沉 提升 提高 加强 强化 完善 规范 健全 指挥 带动 辐射 法治 依法治 坚持 主动 公开 印制
    印发 制定 制作 编印 编制 发放 张贴 悬挂 设立 建立 贯彻 执行 实施 举行 出席 列席 邀请 聘请 聘任
    选派 抽调 调整 明确 确定 保障 保证 优化 加大 压实 夯实 筑牢 形成 培育 培养 培训 宣传 宣讲 学习
    传达 部署 安排 研究 讨论 审议 审查 审核 审定 决定 报告 汇报 反馈 整改 督办 考核 评估 评议 监督
    问责 接受 接待 受理 办理 处理 调解 化解 排查 摸排 走访 延伸 引领 领导 牵头 主导 主持 负责 承担
    履行 体现 反映 完成 达到 融入 写入 成为 属于 包括 涵盖 针对 依据 根据 遵照 对照 参照 立足 聚焦
    紧扣 紧盯 督促 协调 提请 报请 报送 上报 呈报 提交 公布 公示 发布 下发 转发 修订 出台 制订 起草
    梳理 清理 编写 印刷 购置 配备 投入 争取 申报 申请 获得 被评 评为 授予 挂牌 揭牌 入驻 联系 帮扶
    对接 衔接 统筹 整合 推行 推广 探索 创新 总结 深耕 扎根 惠及 走遍 回到 来自 位于 地处 坐落 隶属
    毗邻 管辖 所辖 主管 分管 配齐 配强 选聘 招聘 挂职 交流 抵达 陪同 会同 联动 共建 携手 依靠 发动
    动员 倡导 鼓励 引导 帮助 教育 通报 约谈 讲授 讲解 解读 普及 宣读 抓好 做好 办好 建好 用好 管好
    清扫 打扫 整治 美化 亮化 绿化 净化 硬化 拓宽 改造 维护 保护 管护 巡查 巡逻 值守 驻守 服从
    积极 认真 切实 扎实 及时 严格 依法 持续 不断 始终 一直 共同 统一 广泛 大力 着力 努力 重点 分别
    逐步 逐一 专门 专题 集中 主要 具体 直接 经常 今年 去年 目前 当前 现将 全力 全体 全部 所有 各级
    各个 相关 有关 进一步 不定期 同时 已经 正在 全年 今后 深度 高度 精准 有效 稳步 迅速 立即 随时
    多次 反复 全程 全域 全员 各类 各项 各种 所属 直属 下属 附近 周边 沿线 部分 个别 其他 其余 以及
    并且 而且 尤其 特别 例如 关于 对于 由于 经过 依照 为了 为此 因此 所以 但是 此外 另外 然后 随后
    最后 首先 其次 此次 这次 本次 多年 历年 近年 每年 当年 期间 以后 之后 之前 以前 开始 结束
    中共 全国 全省 省级 市级 县级 镇级 乡级 国家级 省委 市委 县委 区委 示范 试点 先进 模范 达标 优秀 文明
    卫生 生态 家庭 观光 休闲 有机 国营 国有 干部 群众 机关 党员 部门 单位 企业 村民 居民 中心 平安
    工作 方案 计划 要点 和美 美丽 特色 历史文化 乡村 城乡 基层 辖区 社区 村级 担任 兼任 当选 选举 请示 充实 召集 打通
    压紧 紧抓 抓紧 压牢 扛起 扛牢 担起 肩负 报经 对标 对表 锚定 锁定 瞄准 紧跟 跟进 跟踪 坚决 自觉 带头
    率先 从严 严肃 严厉 高效 依规 依纪 实行 做到 掀起 营造 走在 位居 排名 居于 成功 已在 下达 下放 赋予 授权 委托 移交 承接 承办 遵守 尊重 监管 管理 指派 委派 派出 聘用 改革 视察
    巡视 巡察 审计 验收 评选 评比 表彰 奖励 表扬 批评 追责 处分 上级 下级 原任 现任 时任 广大 各位
    不服 起诉 状告 投诉 举报 诉请
    """.split()
)  # fmt: skip
# Single characters after which a name may start ("赴桃花镇", "在和平街道", "与杏林镇").
_LEAD_CHARS = set("在对向由经据受为是将从到与和及同至赴往去来进入出送访帮驻把被给让跟替于以")
# Those never starting a name of three characters or more ("在和平街道" is 和平街道).
_PREPOSITIONS = set("在对由经据受将从到与及和同至赴往去驻把被给让跟替")
# Words and characters after which a name starts cleanly (the end of a higher unit, a year).
_HARD_PREFIXES = ("中共", "关于", "现将", "年", "度", "县", "区", "市", "省", "州", "旗", "盟", "政府", "委员会", "党委", "党工委")
# Lead words that are also real place names (联合乡, 建设街道, 振兴镇): in the body they count as a
# name only where the mention names the author ("建设街道党工委坚持…").
_ADDRESS_BEFORE = re.compile(r"[\u4e00-\u9fff]{2,4}[省市州盟]$")
_SITUATED = ("位于", "地处", "隶属", "隶属于", "属")
_NAME_LIKE_LEADS = {"联合", "建设", "振兴", "创新", "文明", "平安", "和美", "先进", "示范", "中心"}

# After a unit name: the mention names the author of the report.
_STRONG_AFTER = re.compile(
    r"(?:人民政府|政府|党委|党工委|办事处|委员会|管委会|工委|管理局|"
    r"坚持|始终|认真|深入|全面|扎实|积极|紧紧|紧扣|紧盯|聚焦|持续|不断|高度重视|以|在|按照|围绕|结合|立足|"
    r"切实|着力|大力|进一步|全力|狠抓|严格|牢固|把|将|通过|不断|深化|把握|\d{4}\s*年)"
)
_STRONG_BEFORE = ("现将", "中共", "发布机构：", "来源：", "发文机关：")
# With no name at all, these still tell a township's report from a county's.
_LEVEL_CLUE_TOWN = re.compile(r"(?:我|本|全)(?:镇|乡|街道)|(?<![各乡县区市])(?:镇|乡)(?:党委|人民政府|政府|人大)|街道(?:党工委|办事处)")
_LEVEL_CLUE_COUNTY = re.compile(r"(?:我|本)(县|区|市)(?![级委民场])")

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_YEAR = r"(\d{4}|[〇零一二三四五六七八九]{4})\s*年"
_DATE = re.compile(  # 元月 and 正月 are January
    _YEAR + r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3}|[元正])\s*月(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?"
    r"|(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})"
)
_TITLE_WORDS_LINE = re.compile(r"报告|总结|情况|汇报|工作要点")
_TITLE_WORDS_RUNON = re.compile(r"(?:报告|总结|汇报)(?!如下|会|了|制度|工作|的)")
# Before "…报告" in a run-on line, these show a sentence quoting a report, not a title.
_NOT_TITLE = re.compile(r"[。；，,]|现将|《(?!.*》)|^(?:根据|按照|为|在|对照|依据)")
_BREADCRUMB = re.compile(r"(?:(?:当前位置|您现在的位置|您的位置|所在位置)[：:]?\s*)?(?:[^\s>»›]{1,16}\s*[>»›]\s*)+"
                         r"[^\s>»›]{1,16}(?=\s|$)")
_DOC_NUMBER = re.compile(r"〔\d{4}〕|\[\d{4}\]|文件$")
_SALUTATION = re.compile(r"\s*([^\n。；，！？：:]{2,40}?)[：:]")
_ADDRESSEE = re.compile(r"委|政府|办公室|办|局|领导|组|会|同志|处")
_SENTENCE_END = "。！？!?；;"


def infer_metadata(text: str, *, filename: str | None = None, normalized: bool = False) -> Metadata:
    """Best guess of title, unit (``town``), county, province, level and reported year."""
    text = _scanned_part(text if normalized else normalize_text(text))
    layout = _layout(text)
    stem = PurePath(filename).stem if filename else ""
    zones = {
        "title": _mentions(layout.title or "", relaxed=True),
        "header": _mentions(layout.header, relaxed=True),
        "signature": _mentions(layout.signature, relaxed=True),
        "salutation": _mentions(layout.salutation, relaxed=True),
        # (a county visited is dropped; towns visited are weighed with the others: named once, they do not win)
        "body": [m for m in _mentions(layout.body, relaxed=False)
                 if m.level == "township" or not _visited(layout.body, m)],
    }
    unit, level = _unit(layout, zones, stem)
    county = _county(layout, zones, unit, level)
    return Metadata(
        title=layout.title,
        town=unit,
        county=county,
        province=_province(text),
        level=level,
        year=_year(layout, text, stem),
    )


# The title, salutation, opening paragraphs and signature block carry the metadata; the middle of a
# long report only adds scanning time (and stray place names of villages and other towns).
_HEAD_CHARS, _TAIL_CHARS = 3000, 1500


def _scanned_part(text: str) -> str:
    if len(text) <= _HEAD_CHARS + _TAIL_CHARS:
        return text
    head_end = text.rfind("\n", 0, _HEAD_CHARS)
    tail_start = text.find("\n", len(text) - _TAIL_CHARS)
    return text[: head_end if head_end > 0 else _HEAD_CHARS] + "\n" + text[tail_start + 1 if tail_start >= 0 else -_TAIL_CHARS :]


# ---------------------------------------------------------------- layout


@dataclass(frozen=True)
class _Layout:
    header: str  # letterhead lines or web-page header before the title
    title: str | None
    salutation: str  # the addressee ("中共X县委、X县人民政府")
    body: str
    signature: str  # signing unit(s) and date at the end


def _layout(text: str) -> _Layout:
    title, header, after = _title(text)
    salutation = ""
    m = _SALUTATION.match(text, after)
    # A whole line ("中共X县委、X县人民政府："), or glued to the title in a run-on line; a body
    # sentence with a colon ("X镇党委认真落实区委部署：") is not one.
    if (
        m
        and _ADDRESSEE.search(m.group(1))
        and not re.search(r"\d{4}|如下", m.group(1))
        and ("\n" not in text[after : m.start(1)] or text[m.end() : m.end() + 1] in ("\n", ""))
    ):
        salutation, after = m.group(1), m.end()
    end = _end_of_report(text, after)
    sig_start = _signature_start(text[:end], after)
    return _Layout(header, title, salutation, text[after:sig_start], text[sig_start:end].strip())


_APPENDIX = re.compile(r"^\s*(?:附件|附[：:]|附表|抄送|主题词|[（(]此件)", re.M)


def _end_of_report(text: str, body_start: int) -> int:
    """Where the report ends: before attachments and distribution notes that follow a dated
    signature ("…人民政府 2023年1月8日 附件：1.…")."""
    return appendix_start(text, lo=max(body_start, len(text) - _TAIL_CHARS))


def appendix_start(text: str, *, lo: int | None = None) -> int:
    """Where attachments or distribution notes begin after the dated signature ("…人民政府 / 2024年1月18日 /
    附件：2023年度执法数据统计表 …", 抄送：…), searched from ``lo`` (default: the second half); len(text) without."""
    lo = len(text) // 2 if lo is None else lo
    for m in _APPENDIX.finditer(text, lo):
        before = text[max(lo, m.start() - 80) : m.start()]
        if _DATE.search(before.rsplit("。", 1)[-1]):
            return m.start()
    return len(text)


def _title(text: str) -> tuple[str | None, str, int]:
    """(title, header before it, offset where the text after the title starts)."""
    pos = 0
    prev: tuple[int, str] | None = None  # the last non-empty line before this one: (start, text)
    for _ in range(8):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        raw = text[pos:end]
        line = raw.strip()
        crumb = _BREADCRUMB.match(line)
        if crumb:  # "首页 > 政务公开 > 年度报告 X镇2023年度…报告": the page's path is header, not title
            line = line[crumb.end():].strip()
        if line:
            start = pos + raw.find(line)
            short = len(line) <= 80 and "。" not in line
            if short and not line.endswith(("：", ":")):
                if _TITLE_WORDS_LINE.search(line) and not _DOC_NUMBER.search(line):
                    if prev is not None and _title_head(prev[1], line):  # "马坪乡2024年法治政府" / "建设情况报告"
                        return prev[1] + line, text[:prev[0]], start + len(line)
                    return line, text[:start], start + len(line)
            elif not short:  # a run-on line: the title ends at its first "…报告"
                m = _TITLE_WORDS_RUNON.search(line, 0, 160)
                if m and not _NOT_TITLE.search(line[: m.start()]):
                    header, title = _strip_web_header(line[: m.end()])
                    return title, text[:start] + header, start + m.end()
                break
            prev = (start, line)
        if end >= len(text):
            break
        pos = end + 1
    # No line names a report: the first short line, past a masthead (X镇人民政府文件) and a document number
    lines = [line.strip() for line in text.split("\n", 5)[:5] if line.strip()]
    while len(lines) > 1 and _DOC_NUMBER.search(lines[0]) and len(lines[0]) <= 30:
        lines.pop(0)
    if lines and "。" not in lines[0] and len(lines[0]) <= 60 and not lines[0].endswith(("：", ":")) \
            and not _BREADCRUMB.fullmatch(lines[0]):
        return lines[0], "", text.find(lines[0]) + len(lines[0])
    return None, "", 0


_TITLE_TAIL = re.compile(r"^(?:法治|建设|政府|工作|情况|年度|依法)")  # a title broken mid-phrase goes on with these


def _title_head(prev: str, line: str) -> bool:
    """Whether ``prev`` is the first half of a title broken over two lines (a PDF's centred title): a short
    line without punctuation, a masthead or document number, or a title word of its own, and a second half
    that starts mid-phrase without a year of its own."""
    return (len(prev) <= 30 and len(prev + line) <= 60 and not _INNER_STOP.search(prev)
            and not _DOC_NUMBER.search(prev) and not _TITLE_WORDS_LINE.search(prev)
            and bool(_TITLE_TAIL.match(line)) and not _YEAR_IN.search(line))


_INNER_STOP = re.compile(r"[。，；：:,;!?！？、]")
_YEAR_IN = re.compile(r"(?:19|20)\d{2}\s*年")


def _strip_web_header(prefix: str) -> tuple[str, str]:
    """Split "索引号：… 发布机构：X镇人民政府 … X镇2022年…报告" into header and title."""
    cut = max(prefix.rfind("："), prefix.rfind(":"))
    header, title = prefix[: cut + 1], prefix[cut + 1 :].strip()
    if cut >= 0:
        chunks = title.split()
        while len(chunks) > 1 and (re.search(r"[\d\-/]{4,}|内容|公开|信息|正文|详情|首页|分类|来源$", chunks[0])):
            header += " " + chunks.pop(0)
        title = " ".join(chunks)
    return header, title


def _signature_start(text: str, body_start: int) -> int:
    """Start of the signature block: the short lines after the last sentence of the text."""
    end = len(text.rstrip())
    window = max(body_start, end - 200)
    last = max(text.rfind(p, window, end) for p in _SENTENCE_END)
    start = last + 1 if last >= 0 else end
    if last < 0:  # no sentence end near the end: take up to four trailing short lines
        pos = end
        for _ in range(4):
            prev = text.rfind("\n", window, pos)
            line = text[prev + 1 : pos].strip()
            if not line or len(line) > 40:
                break
            start, pos = prev + 1, prev
            if prev < 0:
                break
    block = text[start:end]
    if len(block) > 100 or not any(_signature_line(line) for line in re.split(r"\n|\s{1,}", block.strip()) if line):
        return end
    return max(start, body_start)


def _signature_line(line: str) -> bool:
    return bool(
        _DATE.search(line)
        or re.search(r"(?:人民政府|政府|办事处|党委|党工委|委员会|管委会|管理局)$", line)
        or (len(line) <= 16 and not re.search("[，,]", line) and _SUFFIX.search(line))
    )


# ---------------------------------------------------------------- names


@dataclass(frozen=True)
class _Mention:
    name: str  # full unit name ("六都寨镇", "桐木漯瑶族乡", "酉阳土家族苗族自治县")
    level: str  # township / county / district / city
    start: int
    end: int
    strong: bool  # the context says this unit is the author ("X镇人民政府", "X镇坚持…", "现将X镇")


# Verdicts on short strings (the four characters before a name, a name's core), memoised: they recur within a
# report and across reports. Cleared when large, so the memory stays bounded.
_MEMO_MAX = 20_000  # entries per table (a few MB at most)
_BOUNDARY_MEMO: dict[str, bool] = {}
_CORE_MEMO: dict[tuple, bool] = {}


def _is_boundary(s: str, start: int) -> bool:
    """Whether a name may start at ``start`` (not glued to the previous word): a verdict on the (at most) four
    characters before it."""
    before = s[max(0, start - 4) : start]
    verdict = _BOUNDARY_MEMO.get(before)
    if verdict is None:
        if len(_BOUNDARY_MEMO) >= _MEMO_MAX:
            _BOUNDARY_MEMO.clear()
        verdict = _BOUNDARY_MEMO[before] = _boundary_after(before)
    return verdict


def _boundary_after(s: str) -> bool:
    start = len(s)
    if start == 0:
        return True
    prev = s[start - 1]
    if not ("\u4e00" <= prev <= "\u9fff") or prev in _LEAD_CHARS:
        return True
    if s.endswith(_HARD_PREFIXES, 0, start):
        return True
    return _lead_word_before(s, start)


def _lead_word_before(s: str, start: int) -> bool:
    """Whether a lead word of two to four characters ends at ``start``."""
    return ((start >= 2 and s[start - 2 : start] in _LEAD_WORDS) or (start >= 3 and s[start - 3 : start] in _LEAD_WORDS)
            or (start >= 4 and s[start - 4 : start] in _LEAD_WORDS))


def _has_lead(core: str) -> bool:
    n = len(core)
    return any(core[i : i + k] in _LEAD_WORDS for k in (2, 3, 4) for i in range(n - k + 1))


def _valid_core(core: str, suffix: str, *, relaxed: bool, strong: bool, after_lead: bool = False) -> bool:
    """Whether ``core`` + ``suffix`` is a unit name. ``relaxed``: the zone expects a name (title,
    signature…); ``strong``: the context names the author; ``after_lead``: a verb stands right
    before it ("印制宝城镇…")."""
    key = (core, suffix, relaxed, strong, after_lead)
    verdict = _CORE_MEMO.get(key)
    if verdict is None:
        if len(_CORE_MEMO) >= _MEMO_MAX:
            _CORE_MEMO.clear()
        verdict = _CORE_MEMO[key] = _judge_core(core, suffix, relaxed=relaxed, strong=strong, after_lead=after_lead)
    return verdict


def _county_char_only_at_an_end(core: str) -> bool:
    """县前(街道), 市桥(街道), 区庄(镇), 新市(镇): a town's own name may begin or end with 县/区/市 (accepted where the
    zone names the author). Inside a core they end a county's name (鹿湖区县前 → 县前), and 省委镇乡年 never belong."""
    inner = core[1:-1]
    return len(core) >= 2 and not (_NOT_IN_TOWN_CORE - _COUNTY_CHARS).intersection(core) \
        and _COUNTY_CHARS.isdisjoint(inner) and not (core[0] in _COUNTY_CHARS and core[-1] in _COUNTY_CHARS)


_COUNTY_CHARS = frozenset("县区市")


def _xiang_town(core: str) -> bool:
    """A town whose name ends in 乡 before 镇 (枫乡镇), where the zone names the author: not the common word
    乡镇 after a county, 各/全/本, 城 or 农村 (全县乡镇, 各乡镇, 城乡, 农村乡镇)."""
    return len(core) >= 2 and core[-1] == "乡" and _NOT_IN_TOWN_CORE.isdisjoint(core[:-1]) \
        and core[-2] not in "全各本我该每城村农下"


def _judge_core(core: str, suffix: str, *, relaxed: bool, strong: bool, after_lead: bool) -> bool:
    if (not _HAN_RE.match(core) or not _NEVER.isdisjoint(core) or core.find("个", 1) >= 0
            or core.find("州", 0, len(core) - 1) >= 0):
        return False
    if core[0] in _NEVER_FIRST and not (suffix in _COUNTY_LEVEL and core[0] in "全本将"):
        return False  # 全椒县, 本溪市, 将乐县 are names; 全县, 本区 are in _COMMON_AREA_WORDS
    if _NEVER_INSIDE_RE.search(core):
        return False
    if suffix in _COUNTY_LEVEL:
        banned = _NOT_IN_COUNTY_CORE
    elif suffix in ("片区", "管理区"):
        banned = _NOT_IN_AREA_CORE  # "鹤鸣区白鹭湾片区" is 白鹭湾片区: the district in front is not part of its name
    elif suffix in _SPECIAL_UNITS:
        banned = _NOT_IN_SPECIAL_CORE  # "永城县经济开发区"
    else:
        banned = _NOT_IN_TOWN_CORE
    named = relaxed or strong
    xiang_town = named and suffix == "镇" and _xiang_town(core)  # 枫乡镇 in its title or signature
    if not banned.isdisjoint(core) and not ((named or after_lead) and _DIRECTION_AREA.match(core)) \
            and not (named and banned is _NOT_IN_TOWN_CORE and _county_char_only_at_an_end(core)) and not xiang_town:
        return False
    generic_end = _GENERIC_END_NAMED if named and suffix in _GENERIC_END_NAMED else _GENERIC_END
    if core[-1] in generic_end.get(suffix, ()) and not xiang_town:
        return False
    if core[-1] in _AMBIGUOUS_END.get(suffix, ()) and not (named or after_lead):
        return False
    if (core + suffix) in _COMMON_AREA_WORDS or core in ("自治", "民族"):
        return False
    n = len(core)
    if (n >= 2 and core[:2] in _LEAD_WORDS) or (n >= 3 and core[:3] in _LEAD_WORDS) or (n >= 4 and core[:4] in _LEAD_WORDS):
        # "坚持镇党委": a verb is never a name; a lead word that is itself a place name may be one
        # where the context names the author.
        return core in _NAME_LIKE_LEADS and (relaxed or strong)
    if not relaxed and _has_lead(core):
        return False
    return True


_JOINERS = frozenset("和与及同跟并或暨在对向从由为把被将给")
# The one-character counties (and former ones still written in reports): after another Chinese character, a
# one-character core before 县 must be one of them — 对照县委 / 按照县里 / 参照县级 name no county
_ONE_CHAR_COUNTIES = frozenset("蠡易献雄磁魏涉赵唐青沧威滦任祁代兴岚隰吉绛蒲盂沁丰沛萧泾黟歙和莒单曹冠莘费滑浚淇杞睢温息范叶郏陕"
                               "澧攸忠新乾眉陇勉凤富华户彬礼岷漳环徽成康")


def _joins(s: str, start: int, end: int) -> bool:
    """A joining character between a word and 县委/县政府/县级 (…领导和县委…, 《纲要》和县委、县政府…): not a
    one-character county."""
    return start > 0 and ("\u4e00" <= s[start - 1] <= "\u9fff" or s[start - 1] in _JOINED_AFTER) \
        and s[start - 1] not in "省市州盟" and s.startswith(("委", "政府", "人民政府", "级", "直"), end)  # 安徽省和县政府


_JOINED_AFTER = frozenset("》”」』）)]】")  # a title or quotation closes just before the joining character


def _mentions(s: str, *, relaxed: bool) -> list[_Mention]:
    """Every plausible unit name in ``s``. ``relaxed`` for the title, header, salutation and
    signature, where a name is expected and common-word endings (城镇, 城区) are names."""
    found: list[_Mention] = []
    for m in _SUFFIX.finditer(s):
        suffix, stem_end, end = m.group(), m.start(), m.end()
        if s[end : end + 1] in _GENERIC_FOLLOW.get(suffix, ()):
            continue
        extra = ""
        if suffix in ("镇", "乡") and s[stem_end - 1 : stem_end] == "族":  # the tail ends in 族
            eth = _ETH_TOWN_TAIL.search(s, max(0, stem_end - 12), stem_end)
            if eth:
                extra, stem_end = eth.group(), eth.start()
        elif suffix in ("自治县", "自治旗"):
            eth = _ETH_COUNTY_TAIL.search(s, max(0, stem_end - 14), stem_end)
            if not eth:
                continue
            extra, stem_end = eth.group(), eth.start()
        elif suffix in ("开发区", "度假区"):
            mod = (_DEV_MOD_TAIL if suffix == "开发区" else _RESORT_MOD_TAIL).search(s, max(0, stem_end - 6), stem_end)
            if mod:
                extra, stem_end = mod.group(), mod.start()
        strong_after = bool(_STRONG_AFTER.match(s, end))
        special = suffix in _SPECIAL_UNITS or suffix == "旗"
        if suffix == "县":
            lengths = range(1, 5)
        elif extra and suffix in ("自治县", "自治旗"):
            lengths = range(2, 5)
        elif special:
            lengths = range(2, 7 if relaxed else 5)
        else:
            lengths = range(2, 6 if relaxed else 5)
        best = None
        if extra and suffix in ("自治县", "自治旗") and len(extra) >= 3 and _is_boundary(s, stem_end):
            best = (stem_end, strong_after)  # "鄂温克族自治旗": the name is the people's name
        for length in lengths:
            start = stem_end - length
            if start < 0:
                break
            core = s[start:stem_end]
            if not ("\u4e00" <= core[0] <= "\u9fff"):
                break
            if not _is_boundary(s, start):
                continue
            strong = strong_after or s.endswith(_STRONG_BEFORE, 0, start)
            if special and not (relaxed or strong):
                continue
            if length == 1 and suffix == "县" and core in _JOINERS and not s.endswith(_STRONG_BEFORE, 0, start) \
                    and _joins(s, start, end):
                continue  # "领导和县委", "县委和县政府": 和 joins two words, it is not 和县 (but "中共和县委员会" is)
            if length == 1 and suffix == "县" and "\u4e00" <= s[start - 1 : start] <= "\u9fff" \
                    and core not in _ONE_CHAR_COUNTIES and not s.endswith(_STRONG_BEFORE, 0, start):
                continue  # "对照县委", "按照县里": the end of a word before 县, not a county (one-character counties listed)
            if best is not None and core[0] in _COUNTY_CHARS and "\u4e00" <= s[start - 1 : start] <= "\u9fff":
                continue  # 开州区义和镇: 区 ends the county's name (义和镇), not begins the town's (县前街道 at a line start)
            after_lead = start > 1 and s[start - 2 : start] in _LEAD_WORDS
            if _valid_core(core, suffix, relaxed=relaxed, strong=strong, after_lead=after_lead):
                best = (start, strong)
        if best is None:
            continue
        start, strong = best
        # "在和平街道" is 和平街道, "于集乡" stays 于集乡: drop a leading preposition when the rest is a name.
        if s[start] in _PREPOSITIONS and stem_end - start >= 3:
            rest = s[start + 1 : stem_end]
            if _valid_core(rest, suffix, relaxed=relaxed, strong=strong):
                start += 1
        name = s[start:stem_end] + extra + suffix
        level = _COUNTY_LEVEL.get(suffix, "township")
        found.append(_Mention(name, level, start, end, strong))
    return found


# A place the report's people went to or learned from ("赴浙江省安吉县学习借鉴", "学习借鉴邻县经验", "到XX镇考察"): in
# the same clause, a travel or learning word before it, or a learning word before and 经验/做法 after it.
_VISIT_BEFORE = re.compile(r"赴|前往|外出|考察|参观|学习借鉴|借鉴|对标|取经")
_LEARN_BEFORE = re.compile(r"学习|到|去")
_LEARNED_AFTER = re.compile(r"[^，。；,;]{0,8}?(?:经验|做法|模式|先进)")


def _clause_before(text: str, start: int) -> str:
    """The up to 16 characters before ``start`` in its clause (after the last comma, full stop or line break)."""
    lead = text[max(0, start - 16):start]
    return lead[max(lead.rfind(c) for c in "，。；,;\n") + 1:]


def _visited(text: str, m: _Mention) -> bool:
    lead = _clause_before(text, m.start)
    if _VISIT_BEFORE.search(lead):
        return True
    return bool(_LEARN_BEFORE.search(lead) and _LEARNED_AFTER.match(text, m.end))


_PARENT_GAP = re.compile(r"^(?:人民政府|政府|委员会|委)?$")


def _parents(mentions: list[_Mention], text: str) -> set[int]:
    """Indexes of county-level mentions right before another unit: "开州区义和镇",
    "鲤城区人民政府金龙街道办事处", "中共新县苏河镇委员会"."""
    out = set()
    for i, m in enumerate(mentions[:-1]):
        nxt = mentions[i + 1]
        if m.level != "township" and _PARENT_GAP.match(text[m.end : nxt.start].strip()):
            out.add(i)
    return out


# ---------------------------------------------------------------- unit

_ZONE_WEIGHT = {"title": 12, "signature": 10, "header": 8}


def _unit(layout: _Layout, zones: dict[str, list[_Mention]], stem: str) -> tuple[str | None, str | None]:
    """The reporting unit and its level.

    A township named in the title, header or signature is the unit (the body only breaks ties
    between several named there). Otherwise a county-level unit named there makes a county-level
    report, unless the body is plainly a township's ("现将X镇…", "我镇" outnumbering "我县").
    Otherwise the body's township that most often names itself as author ("X镇坚持…",
    "X镇党委"), then the one named most often. With no name, "我乡/镇党委/街道党工委" still say
    township and "我县/我区/我市" the county level."""
    body = zones["body"]
    body_key: dict[str, tuple[int, int, int]] = {}  # (author mentions, mentions, -first position)
    for m in body:
        if m.level == "township":
            strong, count, first = body_key.get(m.name, (0, 0, -m.start))
            body_key[m.name] = (strong + m.strong, count + 1, first)

    top_score: Counter[str] = Counter()
    county_units: Counter[str] = Counter()
    levels: dict[str, str] = {}
    for zone, weight in _ZONE_WEIGHT.items():
        found = zones[zone]
        parents = _parents(found, (layout.title or "") if zone == "title" else getattr(layout, zone))
        for i, m in enumerate(found):
            if m.level == "township":
                top_score[m.name] += weight
            elif i not in parents and (zone != "header" or m.strong):
                county_units[m.name] += weight
                levels[m.name] = m.level
    for name in sorted(top_score, key=len, reverse=True):  # "沙洋县彭家湖管理区" in the signature is the title's
        short = next((o for o in top_score if o != name and name.endswith(o)  # "彭家湖管理区", county in front
                      and name[: -len(o)].endswith(("县", "区", "市", "旗"))), None)
        if short:
            top_score[short] += top_score.pop(name)
    if top_score:
        best = max(top_score, key=lambda n: (top_score[n], body_key.get(n, (0, 0, 0))))
        return best, "township"

    town_clues = len(_LEVEL_CLUE_TOWN.findall(layout.body))
    county_clues = Counter(_LEVEL_CLUE_COUNTY.findall(layout.body))
    # A town named once in passing is weak ("做到镇…" slips through any word list): it counts only
    # as the one town named in a report that speaks as a township ("我镇…印制双桥镇手册").
    if len(body_key) > 1 or not town_clues:
        body_key = {n: k for n, k in body_key.items() if k[0] or k[1] >= 2}
    best_town = max(body_key, key=body_key.__getitem__) if body_key else None
    authored = bool(best_town and body_key[best_town][0])

    if county_units:
        if not (authored and town_clues > county_clues.total()):
            unit = max(county_units, key=county_units.__getitem__)
            return unit, levels[unit]
    if authored:
        return best_town, "township"
    if not town_clues:  # "2022年，嵩县坚持…", "嵩县人民政府…" twice or more
        body_counties = Counter(m.name for m in body if m.level != "township" and m.strong)
        if body_counties:
            name, count = body_counties.most_common(1)[0]
            if count >= 2:
                return name, next(m.level for m in body if m.name == name)
    if best_town and town_clues >= county_clues.total():
        return best_town, "township"
    if stem:
        found = _mentions(stem, relaxed=True)
        found = [m for m in found if m.level == "township"] or found
        if found:
            return found[0].name, found[0].level
    if town_clues and town_clues >= county_clues.total():
        return None, "township"
    if county_clues:
        return None, _COUNTY_LEVEL[county_clues.most_common(1)[0][0]]
    return None, None


# ---------------------------------------------------------------- county


def _county(layout: _Layout, zones: dict[str, list[_Mention]], unit: str | None, level: str | None) -> str | None:
    """The county/district above a township (or the county/district itself for such a report)."""
    if level in ("county", "district"):
        return unit
    if level == "city":
        return None
    found: Counter[str] = Counter()
    for zone, weight in (("title", 12), ("header", 8), ("signature", 8), ("salutation", 6)):
        text = (layout.title or "") if zone == "title" else getattr(layout, zone)
        mentions = zones[zone]
        parents = _parents(mentions, text)
        for i, m in enumerate(mentions):
            if m.level == "township" or (unit and text.startswith(unit, m.start)):
                continue  # (旧县 of 旧县镇: the town's own name, not a county)
            follow = text[m.end : m.end + 6]
            if zone in ("salutation", "title") or i in parents or follow.startswith(("委", "人民政府", "政府")):
                found[m.name] += weight
    body = layout.body
    for m in zones["body"]:
        if m.level == "township" or (unit and body.startswith(unit, m.start)):
            continue
        before, follow = body[max(0, m.start - 2) : m.start], body[m.end : m.end + 12]
        if len(m.name) >= 3 and (m.name[-1] in _COUNTY_CHARS or m.name.endswith("旗")) and m.name[-2] in _JOINERS:
            continue  # "公开栏和区/旗政府网站": a joining word before 区政府, not 栏和区 (a real 太和县 is named elsewhere too)
        if unit and (follow.startswith(unit) or follow.startswith("委员会" + unit)):
            found[m.name] += 3
        elif before == "中共" and follow.startswith("委"):
            found[m.name] += 3
        elif unit and body.endswith(_SITUATED, 0, m.start) and unit in body[max(0, m.start - 12) : m.start]:
            found[m.name] += 3  # "太平乡位于宁远县东部"
        elif follow.startswith(("委", "人民政府", "委员会", "政府")) or (
                follow[:1] == m.name[-1:] and follow[1:].startswith(("委", "政府"))):
            found[m.name] += 2  # 沈丘县委, 和县县委
        elif _ADDRESS_BEFORE.search(body, max(0, m.start - 8), m.start):
            found[m.name] += 1  # "上海市普陀区…": a county named in a full address chain
    if not found:
        found.update(_named_in_passing(body, zones["body"], unit))
    cities = [name for name in found if name.endswith("市")]
    if len(cities) < len(found):  # a county or district beats the city above it
        for name in cities:
            del found[name]
    return found.most_common(1)[0][0] if found else None


# The rest of a title 《X县…》 that is the county's own rule-of-law plan or guide, which its towns follow (对照《哈达图旗2022年
# 法治政府建设工作要点》): not a document of another county the town learned from (《新野县“法律明白人”培养工程实施办法》).
_OWN_PLAN_TITLE = re.compile(r"[^》]{0,12}?(?:法治政府建设|法治建设|依法治(?:县|区|旗|市))[^》]{0,12}》")
_COUNTY_WORDS_AFTER = ("级", "域", "城", "里", "直", "内", "属")
_COUNTY_WORD_BEFORE = frozenset("全本各该我邻外两跨出到市区省在赴回进入")
_OTHER_COUNTY_BEFORE = re.compile(r"对口|帮扶|结对")  # (与/联合 X县人民医院, X县市场监管局: mostly its own)
_OTHER_COUNTY_AFTER = re.compile(r"[^，。；,;\n]{0,20}?(?:接壤|毗邻|相邻|交界|相连|接界|协作|结对|帮扶|对口)")


def _visited_anywhere(body: str, name: str) -> bool:
    """Whether the report went to or learned from ``name`` at any of its mentions (赴新野县学习, …)."""
    at = body.find(name)
    while at >= 0:
        if _visited(body, _Mention(name, "county", at, at + len(name), False)):
            return True
        at = body.find(name, at + len(name))
    return False


def _named_in_passing(body: str, mentions: list[_Mention], unit: str | None) -> Counter[str]:
    """When nothing names the report's county as such (X县委, X县人民政府, X县Y镇 …), the one county the
    body names at all (参加柘川县国家工作人员网上学法考试, 聘请柘川县正源律师事务所律师), leaving
    out one the town borders or is paired with (和岷丰县…接壤, 结对帮扶), one in front of another
    town (岷丰县三岔乡: that town's county) and a city. Two such names: none (the report's own is unknown)."""
    names: Counter[str] = Counter()
    towns_after = {m.start for m in mentions if m.level == "township" and m.name != unit}
    for m in mentions:
        joined = max(m.name.rfind(c) for c in "与和及同并")
        if joined > 0:  # "镇卫生院与崇义县人民医院": the name after the joining word
            m = _Mention(m.name[joined + 1:], m.level, m.start + joined + 1, m.end, m.strong)
        if m.level != "county" or m.end in towns_after or body.startswith(_COUNTY_WORDS_AFTER, m.end) \
                or (len(m.name) < 3 and m.name[0] not in _ONE_CHAR_COUNTIES) or m.name[-2] in _JOINERS \
                or m.name[-2] in _COUNTY_WORD_BEFORE:  # 打造成全县, 在本县: a word ending in 全县/本县
            continue  # (跨县, 新增县级, 公开栏和县政府 are no names; an X区 alone is too often 镇区, 产区, 山区)
        opened = body.rfind("《", 0, m.start)
        own_plan = opened == m.start - 1 and _OWN_PLAN_TITLE.match(body, m.end) and not _visited_anywhere(body, m.name)
        if _OTHER_COUNTY_BEFORE.search(_clause_before(body, m.start)) or _OTHER_COUNTY_AFTER.match(body, m.end) or (
                opened > body.rfind("》", 0, m.start) and not own_plan):
            continue  # (a title in 《》 may be any county's document, but a county's own 法治政府建设 plan is the town's)
        names[m.name] += 1
    return names if len(names) == 1 else Counter()


# No province's name ends with a character that starts another's, so one scan counts each as text.count does.
_PROVINCE_RE = re.compile("|".join(PROVINCES))


def _province(text: str) -> str | None:
    counts = Counter(_PROVINCE_RE.findall(text))
    return max((name for name in PROVINCES if name in counts), key=counts.__getitem__, default=None)


# ---------------------------------------------------------------- year


def year_number(digits: str) -> int:
    """The year written in ``digits``: 2023 from "2023" or from "二〇二三"."""
    return _to_int(digits)


def _to_int(value: str) -> int:
    if value.isdigit():
        return int(value)
    if value in ("元", "正"):  # 元月, 正月
        return 1
    if len(value) == 4 or "十" not in value:
        return int("".join(str(_CN_DIGITS[c]) for c in value))
    tens, _, ones = value.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


_PERIOD_YEARS = re.compile(r"\d{4}\s*年?\s*[—―\-－–~～至到]+\s*\d{4}\s*年")  # 2021—2025年, 2021年—2025年


def without_periods(text: str) -> str:
    """``text`` without plan periods ("（2021—2025年）"), whose end year is not a report's year."""
    return _PERIOD_YEARS.sub("", text) if "年" in text else text


def _plausible(year: int) -> bool:
    return 1990 <= year <= 2100


def _signature_year(signature: str) -> int | None:
    """A report signed in the first half of a year covers the year before."""
    dates = list(_DATE.finditer(signature))
    if not dates:
        return None
    g = dates[-1].groups()
    year, month = (g[0], g[1]) if g[0] else (g[3], g[4])
    if not month:
        return None
    year_i, month_i = _to_int(year), _to_int(month)
    if _plausible(year_i) and 1 <= month_i <= 12:
        return year_i - 1 if month_i <= 6 else year_i
    return None


# The months a title's year is followed by, as a period covered ("（2023年1月至12月）", "2023年1—12月",
# "2023年1月1日至12月31日"): the year itself, not the month it was written in.
_MONTH = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_PERIOD = re.compile(rf"\s*{_MONTH}\s*月?\s*(?:{_MONTH}\s*日\s*)?[至到—\-－~～]+\s*(?:(?:19|20)\d{{2}}\s*年\s*)?{_MONTH}\s*月")


def _year(layout: _Layout, text: str, stem: str) -> int | None:
    title = without_periods(layout.title or "")  # 《纲要（2021—2025年）》暨2023年度…报告: 2023
    m = re.search(_YEAR, title)
    if m and _plausible(_to_int(m.group(1))):
        after = title[m.end() :]
        if re.match(r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月", after) and not _PERIOD.match(after):
            return _signature_year(title[m.start() :])  # "（2023年3月）" is when it was written
        return _to_int(m.group(1))
    opening = layout.body[:600]
    m = re.search(r"现将[^。\n]{0,16}?" + _YEAR + r"(?!度?[^，。；\n]{0,10}?(?:打算|计划|安排|思路|要点|重点))度?[^。\n]{0,40}?"
                  r"(?:报告|汇报)如下", opening)  # 现将…工作情况及2025年(的/主要/法治建设)工作打算报告如下: the plan's year
    if m and _plausible(_to_int(m.group(1))):
        return _to_int(m.group(1))
    year = _signature_year(layout.signature)
    if year:
        return year
    m = re.match(r"\s*" + _YEAR + r"(?:度|以来|，|,|是|[上全]半?年)", opening)
    if m and _plausible(_to_int(m.group(1))):
        return _to_int(m.group(1))
    m = re.search(r"^" + _YEAR + r"(?:度|以来|，|,)", layout.body[:2000], re.M)
    if m and _plausible(_to_int(m.group(1))):
        return _to_int(m.group(1))
    m = re.search(_YEAR, stem) or re.search(r"(20\d{2})", stem)
    if m and _plausible(_to_int(m.group(1))):
        return _to_int(m.group(1))
    years = Counter(y for y in (_to_int(v) for v in re.findall(_YEAR, without_periods(text[:3000]))) if _plausible(y))
    return years.most_common(1)[0][0] if years else None
