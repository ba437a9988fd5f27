"""Rerun time of every dashboard page on a corpus of 1,000 reports.

The reports are made from the seed paragraphs (each a random sample of 20–30 paragraphs) with
metadata for 200 towns in 20 counties over 5 years, ingested through the pipeline into a
temporary store. Each page is opened once with AppTest (cold: caches fill), then rerun three
times unchanged and once after a sidebar filter change; the median unchanged rerun and the
filtered rerun are printed. Target: every rerun under 1 s.

    .venv/bin/python bench/page_reruns.py [--reports 1000] [--db path/to/keep.db]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = [
    ("总览", "pages/overview.py", {}),
    ("主题对比", "pages/themes.py", {}),
    ("关键词", "pages/keywords.py", {}),
    ("原文检索（检索词 执法，全部报告）", "pages/kwic.py", {"term": "执法"}),
    ("原文检索（主题 普法宣传）", "pages/kwic.py", {"theme": "law_popularization"}),
    ("结构与质量", "pages/quality.py", {}),
    ("语料管理", "pages/manage.py", {}),
    ("语料管理（编辑人员）", "pages/manage.py", {"@editor": "1"}),
]


def build(db: Path, n: int, *, seed: int = 7) -> None:
    from analytics import pipeline
    from analytics.accounts import Account
    from analytics.store import Store

    store = Store(db)
    resources = pipeline.load_resources(store)
    paras = [p.strip() for f in sorted((ROOT / "data" / "seeds").glob("*.txt"))
             for p in f.read_text(encoding="utf-8").split("\n") if len(p.strip()) >= 30]
    rng = random.Random(seed)
    towns = [(f"第{i + 1}镇", f"示范{i // 10 + 1}县") for i in range(max(1, n // 5))]
    ingestor = pipeline.Ingestor(store, resources=resources, actor=Account.local_admin())
    t0 = time.perf_counter()
    for i in range(n):
        town, county = towns[i % len(towns)]
        year = 2019 + (i // len(towns)) % 5
        body = "\n".join(rng.sample(paras, rng.randint(20, 30)))
        text = f"{town}{year}年度法治政府建设情况的报告\n{body}\n{town}人民政府"
        meta = {"town": town, "county": county, "province": "某省", "year": year, "level": "township"}
        ingestor.add_analysis(pipeline.analyse_text(text, resources=resources, meta_overrides=meta), source=town)
        if (i + 1) % 100 == 0:
            print(f"  已入库 {i + 1}/{n}（{time.perf_counter() - t0:.0f} 秒）", file=sys.stderr)
    t1 = time.perf_counter()
    pipeline.refit(store, resources=resources)
    store.set_meta("builtin_loaded", "1")
    print(f"入库 {n} 份：{t1 - t0:.1f} 秒；语料库特征计算：{time.perf_counter() - t1:.1f} 秒")


def measure(label: str, page: str, query: dict[str, str], *, reruns: int = 3) -> tuple[float, float, float]:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    PagesManager.uses_pages_directory = None
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    for k, v in query.items():
        if k == "@editor":
            from analytics.accounts import Account

            at.session_state["auth_account"] = Account("bench", "editor")
        else:
            at.query_params[k] = v
    at.switch_page(page)
    t = time.perf_counter()
    at.run()
    cold = time.perf_counter() - t
    if at.exception:
        raise RuntimeError(f"{label}: {at.exception[0].message}")
    times = []
    for _ in range(reruns):
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    county = at.multiselect(key="flt_county")
    t = time.perf_counter()
    county.set_value([county.options[0]]).run()
    filtered = time.perf_counter() - t
    if at.exception:
        raise RuntimeError(f"{label}（筛选后）: {at.exception[0].message}")
    return cold, statistics.median(times), filtered


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--db", type=Path, help="keep the generated store here (reused when it exists)")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "reports.db"
    if not db.exists():
        build(db, args.reports)
    os.environ["REPORTS_DB"] = str(db)
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from analytics.store import Store

    print(f"语料库：{Store(db).count()} 份报告（{db}）")
    print(f"{'页面':<28}{'首次(秒)':>10}{'重跑(秒)':>10}{'改筛选后(秒)':>14}")
    worst = 0.0
    for label, page, query in PAGES:
        cold, rerun, filtered = measure(label, page, query)
        worst = max(worst, rerun, filtered)
        flag = "" if max(rerun, filtered) < 1 else "  ← 超过 1 秒"
        print(f"{label:<28}{cold:>10.2f}{rerun:>10.2f}{filtered:>14.2f}{flag}")
    print(f"最慢的重跑：{worst:.2f} 秒（目标 < 1 秒）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
