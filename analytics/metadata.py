"""Infer a report's reporting unit, county, province, level, year and title from its text.

Sources, in order of trust: the title (first lines), the signature block (last lines:
"周营镇人民政府 2023年12月13日"), the salutation ("中共沈丘县委、沈丘县人民政府："), and the body
("周营镇政府坚持…"). The year is the year reported on, not the date of writing.
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

_HAN = "\u4e00-\u9fff"
# Characters that never occur inside a place name in these reports (function words, pronouns,
# "全镇/各乡/本县" style quantifiers). A candidate containing one is a phrase, not a name.
_STOP = set("年月日的在将我全各本该每和与及或对为把被从到以于是了其这那个些有之中共向由经据受并等县区市省委")
_TOWN_SUFFIX = ("街道", "镇", "乡")
_COUNTY_SUFFIX = {"县": "county", "区": "district", "市": "city"}
# Last characters of a name part that make a common word, not a unit: 城镇, 乡镇, 下乡, 社区 ...
_NOT_NAME_END = {
    "镇": set("城乡村街"),
    "乡": set("城下回返家故同老还离异他"),
    "街道": set(),
    "县": set(),
    "区": set("社园景辖片库矿发范护验能贸郊学校营灾牧城"),
    "市": set("超都城集股上门夜早菜"),
}
# Verbs and modifiers that often stand right before "镇/乡/县…" used as a plain noun
# ("要求镇领导…", "依托南郊镇…"): a name never starts with them, and a name may start after them.
_LEAD_WORDS = (
    "要求", "促进", "加快", "确保", "发挥", "召开", "组织", "举办", "组建", "成立", "依托", "列入",
    "纳入", "通过", "推进", "按照", "进入", "深入", "走进", "覆盖", "带领", "联合", "协助", "配合",
    "指导", "全面", "充分", "继续", "先后", "定期", "距离", "荣获", "落实", "实现", "支持", "服务",
    "助力", "建设", "打造", "推动", "开展", "参加", "参与", "来到", "前往", "深化", "围绕", "结合",
    "构建", "创建", "获评", "作为", "调研", "考察", "督导", "督查", "检查", "进驻", "派驻", "下沉",
    "提升", "提高", "加强", "强化", "完善", "规范", "健全", "指挥", "带动", "辐射", "法治", "依法治",
    "费", "进", "送", "到", "入",
)  # fmt: skip
_NOT_AFTER_XIANG = set("村镇贤土亲风愁里情音下")
_COMMON_AREA_WORDS = {
    "社区", "辖区", "景区", "城区", "园区", "地区", "山区", "小区", "片区", "库区", "矿区", "老区",
    "开发区", "示范区", "保护区", "试验区", "功能区", "自贸区", "新区", "市区", "郊区", "学区",
    "都市", "城市", "超市", "集市", "股市", "上市", "门市", "全区", "全县", "全市", "本区", "本县",
    "该县", "该区", "各县", "各区", "我县", "我区", "我市", "县区", "省市", "市县", "治区", "治县",
}  # fmt: skip
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_YEAR = r"(\d{4}|[〇零一二三四五六七八九]{4})\s*年"
_DATE = re.compile(_YEAR + r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?")
_BOUNDARY_PREFIXES = ("中共", "在", "对", "向", "由", "经", "据", "受", "为", "是", "将", "从", "关于", "年", "度",
                      "县", "区", "市", "省", "州")


def infer_metadata(text: str, *, filename: str | None = None, normalized: bool = False) -> Metadata:
    """Best guess of title, unit (``town``), county, province, level and reported year."""
    text = _scanned_part(text if normalized else normalize_text(text))
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title = _title(lines)
    tail = lines[1:][-6:]
    stem = PurePath(filename).stem if filename else ""

    town, level = _unit(title or "", tail, text, stem)
    county = _county(text, town, level)
    return Metadata(
        title=title,
        town=town,
        county=county,
        province=_province(text),
        level=level,
        year=_year(title or "", lines, tail, stem),
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


# ---------------------------------------------------------------- title


def _title(lines: list[str]) -> str | None:
    head = [line for line in lines[:6] if "。" not in line and len(line) <= 80]
    for line in head:
        if re.search(r"报告|总结|情况|工作要点", line) and not re.search(r"〔\d{4}〕|文件$", line):
            return line
    if lines and "。" not in lines[0] and len(lines[0]) <= 60:
        return lines[0]
    return None


# ---------------------------------------------------------------- places


def _valid_name(name: str, suffix: str) -> bool:
    if not name or any(ch in _STOP or not ("\u4e00" <= ch <= "\u9fff") for ch in name):
        return False
    if name[-1] in _NOT_NAME_END[suffix] or name.startswith(_LEAD_WORDS):
        return False
    if any(word in name for word in _LEAD_WORDS if len(word) > 1):
        return False
    if (name + suffix) in _COMMON_AREA_WORDS:
        return False
    return True


def _is_boundary(text: str, start: int) -> bool:
    """Whether a place name may start at ``start`` (not glued to the previous word)."""
    if start == 0 or not ("\u4e00" <= text[start - 1] <= "\u9fff"):
        return True
    return any(text.endswith(prefix, 0, start) for prefix in _BOUNDARY_PREFIXES + _LEAD_WORDS)


def _names(text: str, suffix: str, *, min_len: int, max_len: int) -> list[tuple[str, int]]:
    """(name+suffix, start) for every occurrence of a plausible place name ending in ``suffix``.

    The name is the longest run of 2–4 (or 1–4 for counties) characters before the suffix
    that starts at a word boundary and contains no function characters.
    """
    found = []
    for m in re.finditer(re.escape(suffix), text):
        end = m.start()
        if suffix == "乡" and text[m.end() : m.end() + 1] in _NOT_AFTER_XIANG:
            continue
        if suffix == "镇" and text[m.end() : m.end() + 1] == "化":  # 城镇化
            continue
        best = None
        for length in range(min_len, max_len + 1):
            start = end - length
            if start < 0:
                break
            name = text[start:end]
            if name[0] in _STOP or not ("\u4e00" <= name[0] <= "\u9fff"):
                break
            if not _valid_name(name, suffix):
                continue
            if _is_boundary(text, start):
                best = (name + suffix, start)
        if best:
            found.append(best)
    return found


def _candidates(text: str, suffixes, *, min_len: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    for suffix in suffixes:
        for name, _ in _names(text, suffix, min_len=min_len, max_len=4):
            counts[name] += 1
    return counts


def _town_candidates(text: str) -> Counter[str]:
    return _candidates(text, _TOWN_SUFFIX, min_len=2)


def _county_candidates(text: str) -> Counter[str]:
    return _candidates(text, _COUNTY_SUFFIX, min_len=1)


def _level_of(unit: str) -> str:
    if unit.endswith(_TOWN_SUFFIX):
        return "township"
    return _COUNTY_SUFFIX[unit[-1]]


def _units_in(text: str) -> list[tuple[int, str]]:
    """(position, unit) of every township and county-level name in ``text``."""
    units = [
        (start, name)
        for suffix in _TOWN_SUFFIX
        for name, start in _names(text, suffix, min_len=2, max_len=4)
    ]
    units += [
        (start, name)
        for suffix in _COUNTY_SUFFIX
        for name, start in _names(text, suffix, min_len=1, max_len=4)
    ]
    return sorted(units)


def _title_unit(title: str) -> str | None:
    """The unit a title is about: its township if it names one ("XX县XX镇…报告"), else the
    last county-level name ("XX市XX区2022年…报告" -> XX区; "XX县2022年…年度报告" -> XX县)."""
    units = _units_in(title)
    towns = [name for _, name in units if name.endswith(_TOWN_SUFFIX)]
    if towns:
        return Counter(towns).most_common(1)[0][0]
    return units[-1][1] if units else None


def _unit(title: str, tail: list[str], text: str, stem: str) -> tuple[str | None, str | None]:
    unit = _title_unit(title)
    if unit is None:
        for line in reversed(tail):  # signature block: "周营镇人民政府"
            if re.search(r"(人民政府|办事处|党委|委员会)$", line) or len(line) <= 12:
                found = _units_in(line)
                if found:
                    unit = found[0][1]
                    break
    if unit is None:
        unit = _body_unit(text)
    if unit is None and stem:
        found = _units_in(stem)
        unit = found[0][1] if found else None
    return unit, (_level_of(unit) if unit else None)


_SUBJECT = r"(?:人民政府|政府|党委|党工委|办事处|坚持|始终|认真|深入|全面|扎实|积极)"


def _body_unit(text: str) -> str | None:
    """The township named most often, subject positions ("周营镇政府坚持…") counting triple;
    a county-level name only when no township is named at all."""
    for candidates, minimum in ((_town_candidates(text), 1), (_county_candidates(text), 2)):
        scored = {
            name: count + 2 * len(re.findall(re.escape(name) + _SUBJECT, text))
            for name, count in candidates.items()
        }
        if scored:
            best = max(scored, key=lambda name: (scored[name], len(name)))
            return best if scored[best] >= minimum else None
    return None


def _county(text: str, unit: str | None, level: str | None) -> str | None:
    """The county/district above a township (or the county/district itself for such a report)."""
    if level in ("county", "district"):
        return unit
    if level == "city":
        return None
    found: Counter[str] = Counter()
    county = r"([\u4e00-\u9fff]{1,4}?[县区市])"
    patterns = [r"中共" + county + r"委", county + r"(?:人民政府|委员会)"]
    if unit:
        patterns.append(county + r"(?:委员会)?" + re.escape(unit))
        patterns.append(r"中共" + county + re.escape(unit))
    for weight, pattern in zip((3, 2, 3, 3), patterns):
        for m in re.finditer(pattern, text):
            name = _trim_county(text, m.start(1), m.group(1))
            if name:
                found[name] += weight
    cities = [name for name in found if name.endswith("市")]
    if len(cities) < len(found):  # a county or district beats the city above it
        for name in cities:
            del found[name]
    return found.most_common(1)[0][0] if found else None


def _trim_county(text: str, start: int, chunk: str) -> str | None:
    """Longest suffix of ``chunk`` that is a plausible county name starting at a boundary."""
    for k in range(len(chunk) - 1):
        name = chunk[k:]
        if _valid_name(name[:-1], name[-1]) and _is_boundary(text, start + k):
            return name
    return None


def _province(text: str) -> str | None:
    counts = Counter({name: text.count(name) for name in PROVINCES if name in text})
    return counts.most_common(1)[0][0] if counts else None


# ---------------------------------------------------------------- year


def _to_int(value: str) -> int:
    if value.isdigit():
        return int(value)
    if len(value) == 4 or "十" not in value:
        return int("".join(str(_CN_DIGITS[c]) for c in value))
    tens, _, ones = value.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _plausible(year: int) -> bool:
    return 1990 <= year <= 2100


def _year(title: str, lines: list[str], tail: list[str], stem: str) -> int | None:
    m = re.search(_YEAR, title)
    if m and _plausible(_to_int(m.group(1))):
        return _to_int(m.group(1))
    body = "\n".join(lines[:8])
    m = re.search(r"现将[^。\n]{0,12}?" + _YEAR + r"度?[^。\n]{0,30}?(?:报告|汇报)如下", body)
    if m and _plausible(_to_int(m.group(1))):
        return _to_int(m.group(1))
    for line in reversed(tail):  # signature date: a report written early in a year covers the year before
        m = _DATE.search(line)
        if m and len(line) <= 24:
            year, month = _to_int(m.group(1)), _to_int(m.group(2))
            if _plausible(year) and 1 <= month <= 12:
                return year - 1 if month <= 6 else year
    m = re.search(r"^" + _YEAR + r"(?:度|以来|，|,)", body, re.M)
    if m and _plausible(_to_int(m.group(1))):
        return _to_int(m.group(1))
    m = re.search(_YEAR, stem) or re.search(r"(20\d{2})", stem)
    if m and _plausible(_to_int(m.group(1))):
        return _to_int(m.group(1))
    years = Counter(
        y for y in (_to_int(v) for v in re.findall(_YEAR, "\n".join(lines))) if _plausible(y)
    )
    return years.most_common(1)[0][0] if years else None
