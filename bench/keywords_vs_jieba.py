"""Top-10 keywords per seed: ours (KeywordModel on the five seeds) beside jieba.analyse.extract_tags.

Counts "bad" terms in each top-10 — place names, numbers, single characters, stock words — with
lists written here, independently of data/stopwords.txt and of analytics.segment's place rules.

    .venv/bin/python bench/keywords_vs_jieba.py
"""

from __future__ import annotations

import csv
import logging
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analytics import SEED_DIR  # noqa: E402
from analytics.keywords import KeywordModel, term_counts  # noqa: E402
from analytics.segment import load_tokenizer, place_names_in, place_stems  # noqa: E402

# Villages, streets, schools and stations named in the seeds (read by hand), plus fragments jieba cuts them into.
SEED_PLACES = {"尚庄村", "张楼新村", "鲁中", "前进路", "保利紫山", "紫山", "五里亭", "十里", "山东师范大学", "浦江"}
STOCK = set(
    """进一步 加强 全面 深入 工作 我镇 一是 二是 三是 四是 扎实 推进 不断 切实 积极 有效 开展 持续 健全 完善 落实 相关
    有关 各项 方面 情况 年度 今年 以来 全镇 提高 提升 建设 推动 强化 坚持 严格 部署 要求 开展 组织 实现 确保 做好
    领导 政府 镇政府 人民政府 党委 部门 单位 进行 能力 水平 意识 工作人员 党员干部 干部 群众 社会 法治政府建设 法治建设""".split()
)
_DIGIT = re.compile(r"\d")
_CN_NUMERAL = re.compile(r"^[零〇一二两三四五六七八九十百千万亿余多几第]+$")


def manifest() -> list[dict[str, str]]:
    with open(SEED_DIR / "manifest.tsv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def independent_places(rows: list[dict[str, str]]) -> set[str]:
    names = set(SEED_PLACES)
    for row in rows:
        for name in (row["town"], row["county"], row["province"]):
            if name:
                names |= {name, re.sub(r"(镇|乡|街道|县|区|市|省)$", "", name) or name}
    return {n for n in names if len(n) >= 2}


def why_bad(term: str, places: set[str]) -> str | None:
    if len(term) < 2:
        return "single"
    if _DIGIT.search(term) or _CN_NUMERAL.match(term):
        return "number"
    if any(p in term or (len(term) >= 2 and term in p) for p in places):
        return "place"
    if term in STOCK:
        return "stock"
    return None


def main() -> None:
    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    rows = manifest()
    texts = {r["town"]: (SEED_DIR / r["file"]).read_text(encoding="utf-8") for r in rows}
    tok = load_tokenizer()
    counts = {town: term_counts(tok.terms(text)) for town, text in texts.items()}
    known = {v for r in rows for v in (r["town"], r["county"], r["province"]) if v}
    exclude = place_stems(known)
    for text in texts.values():
        exclude |= place_names_in(text, known=known)
    model = KeywordModel().fit(list(counts.values()))
    places = independent_places(rows)

    totals = {"ours": 0, "jieba": 0}
    for town, text in texts.items():
        ours = [t for t, _ in model.top_terms(counts[town], n=10, exclude=exclude)]
        theirs = jieba.analyse.extract_tags(text, topK=10)
        print(f"== {town}")
        for label, terms in (("ours", ours), ("jieba", theirs)):
            marks = [f"{t}[{why_bad(t, places)}]" if why_bad(t, places) else t for t in terms]
            bad = sum(why_bad(t, places) is not None for t in terms)
            totals[label] += bad
            print(f"  {label:5s} bad={bad:2d}  " + " ".join(marks))
    n = 10 * len(texts)
    print(f"bad terms in top-10s: ours {totals['ours']}/{n}, jieba.analyse.extract_tags {totals['jieba']}/{n}")


if __name__ == "__main__":
    main()
