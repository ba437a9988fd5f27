"""Deterministic benchmark corpus: N township reports built from the seed paragraphs.

    python bench/make_corpus.py OUT_DIR [--reports 10000] [--seed 7]

Towns and counties get generated names; each town has one report per year 2019–2025 (so 10,000
reports come from ~1,430 towns in ~100 counties — the issue's "~200 towns × 7 years" would give only
1,400 reports, and a town writes one report a year). Each report has a title, salutation, the five
required parts with headings, and 3,000–20,000 characters of body taken from the seeds' paragraphs
with the seed towns' names replaced, numbers changed and the clauses of most sentences reordered, so
that long verbatim runs between reports are about as rare as in real collections (stock phrases and a
few copied paragraphs remain). Each town leans towards 普法 or 执法 paragraphs, and the lean drifts over
the years. Writes OUT_DIR/*.txt and OUT_DIR/manifest.tsv.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "data" / "seeds"
YEARS = list(range(2019, 2026))
SYLLABLES = ("东 西 南 北 中 上 下 新 老 大 小 高 长 平 安 和 兴 隆 丰 盛 河 山 石 林 桥 湾 坪 沟 岭 口 庄 集 店 寨 营 屯 "
             "坝 塘 溪 峰 阳 阴 清 白 青 红 金 银 龙 凤 鹤 云 松 柏 桃 李 杨 柳 梅 竹 兰 泉 湖 江 洲 滩 岗").split()
CN_DIGITS = "零一二三四五六七八九"


def _name(rng: random.Random, taken: set[str], *, length: int) -> str:
    while True:
        name = "".join(rng.choice(SYLLABLES) for _ in range(length))
        if name not in taken and len(set(name)) == len(name):
            taken.add(name)
            return name


def _seed_material() -> tuple[list[str], list[str], list[str]]:
    """Body paragraphs of the seeds (names blanked) split into 普法-leaning, 执法-leaning and other."""
    rows = list(csv.DictReader(open(SEED_DIR / "manifest.tsv", encoding="utf-8"), delimiter="\t"))
    names = {r[k] for r in rows for k in ("town", "county") if r.get(k)}
    names |= {n[:-1] for n in names if len(n) > 2}
    pufa, zhifa, other = [], [], []
    for r in rows:
        for para in (SEED_DIR / r["file"]).read_text(encoding="utf-8").split("\n"):
            para = para.strip()
            if len(para) < 40 or not re.search(r"[。；]", para):
                continue
            for n in sorted(names, key=len, reverse=True):
                para = para.replace(n, "{TOWN}" if n.endswith(("镇", "乡")) or len(n) <= 3 else "{COUNTY}")
            p, z = para.count("普法") + para.count("宣传"), para.count("执法") + para.count("处罚")
            (pufa if p > z else zhifa if z > p else other).append(para)
    return pufa, zhifa, other


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _mutate(para: str, rng: random.Random) -> str:
    """Reorder clauses inside most sentences and change the numbers, keeping the vocabulary."""
    para = _NUMBER.sub(lambda m: str(max(1, int(float(m.group()) * rng.uniform(0.5, 1.8)))), para)
    out = []
    for sentence in re.split(r"(?<=[。；])", para):
        clauses = sentence.rstrip("。；").split("，")
        end = sentence[-1] if sentence and sentence[-1] in "。；" else ""
        if len(clauses) > 2 and rng.random() < 0.8:
            head, rest = clauses[0], clauses[1:]
            rng.shuffle(rest)
            clauses = [head, *rest]
        out.append("，".join(clauses) + end)
    return "".join(out)


def make_report(rng: random.Random, *, town: str, county: str, year: int, lean: float, length: int,
                pools: tuple[list[str], list[str], list[str]]) -> str:
    pufa, zhifa, other = pools
    w_pufa = 0.3 * (1 + lean)
    w_zhifa = 0.3 * (1 - lean)
    body, n = [], 0
    target = length - 400
    while n < target:
        pool = rng.choices((pufa, zhifa, other), weights=(w_pufa, w_zhifa, 0.4))[0]
        para = pool[rng.randrange(len(pool))]
        para = para if rng.random() < 0.1 else _mutate(para, rng)  # one in ten stays verbatim
        para = para.replace("{TOWN}", town).replace("{COUNTY}", county)
        body.append(para)
        n += len(para)
    k = max(1, len(body) // 6)
    parts = [
        ("一、{}年法治政府建设主要举措和成效".format(year), body[: len(body) - 3 * k]),
        ("二、党政主要负责人履行推进法治建设第一责任人职责情况", body[len(body) - 3 * k: len(body) - 2 * k]),
        ("三、存在的不足和原因", body[len(body) - 2 * k: len(body) - k]),
        ("四、{}年推进法治政府建设的主要安排".format(year + 1), body[len(body) - k:]),
    ]
    lines = [f"{county}{town}{year}年度法治政府建设情况报告", f"中共{county}委、{county}人民政府：",
             f"现将{town}{year}年度法治政府建设工作情况报告如下："]
    for heading, paras in parts:
        lines.append(heading)
        lines.extend(paras)
    lines += [f"{town}人民政府", f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"]
    return "\n".join(lines)


def generate(out: Path, *, reports: int = 10_000, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    pools = _seed_material()
    n_towns = math.ceil(reports / len(YEARS))
    n_counties = max(1, n_towns // 14)
    taken: set[str] = set()
    counties = [_name(rng, taken, length=2) + "县" for _ in range(n_counties)]
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    i = 0
    for t in range(n_towns):
        town = _name(rng, taken, length=rng.choice((2, 2, 3))) + rng.choice(("镇", "镇", "镇", "乡", "街道"))
        county = counties[t % n_counties]
        lean = rng.uniform(-0.8, 0.8)
        drift = rng.uniform(-0.1, 0.1)
        for year in YEARS:
            if i >= reports:
                break
            length = int(math.exp(rng.uniform(math.log(3000), math.log(20000))))
            text = make_report(rng, town=town, county=county, year=year, lean=max(-0.95, min(0.95, lean)),
                               length=length, pools=pools)
            lean += drift
            name = f"{i:05d}.txt"
            (out / name).write_text(text, encoding="utf-8")
            rows.append({"file": name, "town": town, "county": county, "year": year, "chars": len(text)})
            i += 1
    with open(out / "manifest.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["file", "town", "county", "year", "chars"], delimiter="\t")
        w.writeheader()
        w.writerows(rows)
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--reports", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    rows = generate(args.out, reports=args.reports, seed=args.seed)
    total = sum(r["chars"] for r in rows)
    print(f"{len(rows)} reports, {len({r['town'] for r in rows})} towns, {total:,} characters in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
