"""Top-10 keywords per report through ``pipeline.CorpusModel``, beside ``jieba.analyse.extract_tags``.

A store is built the way the product builds it (the five seeds with their manifest metadata, plus, with
``--traps``, the written trap reports of ``tests/analytics/test_keywords.py`` with their town and county),
the corpus features are computed (``refresh_corpus`` / ``refit``) and each report's stored top 10 keywords
are read back. "Bad" terms are counted with rules and lists
written here, independently of ``data/stopwords.txt`` and of ``analytics.segment``:

- ``single`` / ``number``: one character; digits or Chinese numerals;
- ``place``: a listed place name, a piece of one, or a string that occurs in the text only across a place
  name (为静 of 为静海区);
- ``docno`` / ``title`` / ``counted``: a string that occurs in the text only inside document numbers
  (渠委法办发〔2022〕5号), inside book titles 《…》 without being the whole title, or across a number and
  its measure word (2名法援律师 → 名法援);
- ``stock``: generic words of the genre (listed below).

Ingest modes: ``pipeline`` stores what ``pipeline.analyse_text`` computes; ``analyse`` (the default when
the tokenizer has it) sets each report's term counts and place names from ``Tokenizer.analyse(text,
known_places=…)`` whatever the pipeline does (the same thing once the pipeline calls it at ingest).

    .venv/bin/python bench/keywords_vs_jieba.py [--traps] [--ingest pipeline|analyse]
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analytics import pipeline  # noqa: E402
from analytics.accounts import Account  # noqa: E402
from analytics.store import Store  # noqa: E402

# Places named in the seeds (read by hand), plus fragments jieba cuts them into.
SEED_PLACES = {"尚庄村", "张楼新村", "鲁中", "前进路", "保利紫山", "紫山", "五里亭", "十里", "山东师范大学", "浦江",
               "南郊镇", "周村区", "十里亭镇", "浈江区", "周营镇", "沈丘县", "商家镇", "苏河镇", "新县", "山东省",
               "广东省", "河南省", "淄博市", "韶关市"}
STOCK = set(
    """进一步 加强 全面 深入 工作 我镇 一是 二是 三是 四是 扎实 推进 不断 切实 积极 有效 开展 持续 健全 完善 落实 相关
    有关 各项 方面 情况 年度 今年 以来 全镇 提高 提升 建设 推动 强化 坚持 严格 部署 要求 开展 组织 实现 确保 做好
    领导 政府 镇政府 人民政府 党委 部门 单位 进行 能力 水平 意识 工作人员 党员干部 干部 群众 社会 法治政府建设 法治建设
    法治 法制 街道 社区 乡镇 通知 文件 全会 历次 全会精神 精神 报告 依法治县 依法治区 依法治市 依法治镇 依法治国
    县委 区委 党工委 办事处 中华人民共和国 聘请 选派 逐项 治理 法律 案件""".split()
)
_DIGIT = re.compile(r"\d")
_CN_NUMERAL = re.compile(r"^[零〇一二两三四五六七八九十百千万亿余多几第]+$")
_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［【(（]\d{4}[〕\]］】)）]\d+号|第\d+号")
_TITLE = re.compile(r"《([^《》\n]+)》")
_COUNTED = re.compile(r"(?:\d+|[一二两三四五六七八九十百千万]+)(?:余|多)?[名个人次件场份户家项条起处]")


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _only_across(term: str, text: str, spans: list[tuple[int, int]], *, whole_ok: bool = False) -> bool:
    """Every occurrence of ``term`` overlaps one of ``spans`` (and, with whole_ok, is not exactly one)."""
    found = [m.start() for m in re.finditer(re.escape(term), text)]
    if not found:
        return False
    for s in found:
        e = s + len(term)
        hit = [(a, b) for a, b in spans if a < e and s < b]
        if not hit or (whole_ok and any((a + 1, b - 1) == (s, e) for a, b in hit)):
            return False
    return True


def why_bad(term: str, text: str, places: set[str]) -> str | None:
    if len(term) < 2:
        return "single"
    if _DIGIT.search(term) or _CN_NUMERAL.match(term):
        return "number"
    if any(p in term or term in p for p in places):
        return "place"
    place_spans = [m.span() for p in places for m in re.finditer(re.escape(p), text)]
    if _only_across(term, text, place_spans):
        return "place"
    if _only_across(term, text, _spans(_DOCNO, text)):
        return "docno"
    if _only_across(term, text, _spans(_TITLE, text), whole_ok=True):
        return "title"
    if _only_across(term, text, _spans(_COUNTED, text)):
        return "counted"
    if term in STOCK:
        return "stock"
    return None


def trap_reports() -> list[dict]:
    from tests.analytics.test_keywords import TRAP_REPORTS

    return TRAP_REPORTS


def build(store: Store, resources: pipeline.Resources, *, traps: bool, mode: str) -> None:
    """Ingest the seeds (and traps) with their metadata, then compute the corpus features (keywords)."""
    ingestor = pipeline.Ingestor(store, resources=resources, actor=Account.local_admin())
    rows = [{**r, "path": pipeline.SEED_DIR / r["file"]} for r in pipeline.seed_manifest()]
    if traps:
        rows += [{"town": r["town"], "county": r["county"], "text": r["text"]} for r in trap_reports()]
    places = {}
    for row in rows:
        text = row["text"] if "text" in row else row["path"].read_text(encoding="utf-8")
        overrides = {k: row.get(k) for k in ("town", "county", "province", "level")}
        overrides["year"] = int(row["year"]) if row.get("year") else None
        a = pipeline.analyse_text(text, resources=resources, meta_overrides=overrides)
        if mode == "analyse":
            known = [v for v in (a.meta.town, a.meta.county, a.meta.province) if v]
            ta = resources.tokenizer.analyse(a.text, known_places=known)
            extra = {"places": frozenset(ta.places)} if hasattr(a, "places") else {}
            a = replace(a, term_counts=ta.counts, **extra)
            places[a.id] = ta.places
        ingestor.add_analysis(a, source=row.get("town") or "", builtin=True)
    if places and hasattr(store, "set_places"):
        store.set_places(places)
    if hasattr(pipeline, "refit"):  # persisted corpus basis
        pipeline.refit(store, resources=resources)
    else:
        pipeline.refresh_corpus(store, resources=resources)


def main() -> None:
    import jieba
    import jieba.analyse

    parser = argparse.ArgumentParser()
    parser.add_argument("--traps", action="store_true", help="add the written trap reports to the corpus")
    parser.add_argument("--ingest", choices=("pipeline", "analyse"), default=None)
    args = parser.parse_args()
    jieba.setLogLevel(logging.WARNING)
    resources = pipeline.load_resources()
    mode = args.ingest or ("analyse" if hasattr(resources.tokenizer, "analyse") else "pipeline")
    trap_towns = {r["town"] for r in trap_reports()} if args.traps else set()
    trap_places = {p for r in trap_reports() for p in r["places"]} if args.traps else set()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        build(store, resources, traps=args.traps, mode=mode)
        reports = store.reports().set_index("id")
        texts = store.texts()
        keywords = store.keywords()
        totals: dict[str, dict[str, int]] = {}
        print(f"ingest mode: {mode}")
        for rid, meta in reports.iterrows():
            text = texts[rid]
            group = "traps" if meta["town"] in trap_towns else "seeds"
            places = (trap_places if group == "traps" else SEED_PLACES) | set(asdict_meta(meta))
            mine = keywords[(keywords["report_id"] == rid) & (keywords["rank"] <= 10)].sort_values("rank")
            ours = mine["term"].tolist()
            theirs = jieba.analyse.extract_tags(text, topK=10)
            print(f"== {meta['town']} ({group})")
            for label, terms in (("ours", ours), ("jieba", theirs)):
                reasons = [why_bad(t, text, places) for t in terms]
                bad = sum(r is not None for r in reasons)
                tot = totals.setdefault(group, {"ours": 0, "jieba": 0, "ours_n": 0, "jieba_n": 0})
                tot[label] += bad
                tot[f"{label}_n"] += len(terms)
                marks = [f"{t}[{r}]" if r else t for t, r in zip(terms, reasons)]
                print(f"  {label:5s} bad={bad:2d}  " + " ".join(marks))
        for group, tot in totals.items():
            print(f"bad terms in top-10s ({group}): ours {tot['ours']}/{tot['ours_n']}, "
                  f"jieba.analyse.extract_tags {tot['jieba']}/{tot['jieba_n']}")


def asdict_meta(meta) -> list[str]:
    """The report's town, county and province, and each without its 镇/乡/街道/县/区/市/省."""
    names = [str(meta[k]) for k in ("town", "county", "province") if isinstance(meta.get(k), str) and meta[k]]
    return [x for n in names for x in (n, re.sub(r"(镇|乡|街道|县|区|市|省)$", "", n)) if len(x) >= 2]


if __name__ == "__main__":
    main()
