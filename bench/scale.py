"""Scale benchmark: every figure of the scale issue, measured in one run, printed as one table.

    .venv/bin/python bench/scale.py [--reports 10000] [--out bench/out] [--keep]

1. Corpus: bench/make_corpus.py (deterministic; ~1,430 towns × 2019–2025, 3k–20k characters each).
2. Ingest of all reports into a fresh store through the pipeline (as `python -m analytics ingest`: workers
   analyse, the main process writes incrementally), then the basis refit that a batch ends with; the
   per-report time of the first and the last 1,000 reports; a copy of the store at 1,000 reports.
3. Editor save of one 20,000-character report at 1,000 and at N reports: pipeline.save_analysis with the
   corpus index already in memory (as the app holds it), median of 7 different reports, the two stores
   taking turns so that drift in the machine falls on both alike.
4. Page reruns at N reports: every page in AppTest, opened once, then rerun unchanged; median of 3.
5. In a real browser (Debian chromium) against `streamlit run` on the N-report store: upload → figures
   visible for 5 different 20,000-character reports, the first right after the server started; then every
   page is visited; the server's resident memory is read from /proc.
6. Analysis in one process against plain jieba.lcut (bench/analyse_throughput.py).
7. Start-up: `make run` (venv present) to the first chart visible, against a bare Streamlit app with one
   chart started the same way; median of 3 each, alternating.

Ratios are measured within this run; the machine (2 cores) may be busy, so read the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = [("总览", "pages/overview.py", {}), ("乡镇档案", "pages/town.py", {}), ("主题对比", "pages/themes.py", {}),
         ("关键词", "pages/keywords.py", {}), ("原文检索（主题）", "pages/kwic.py", {"theme": "law_popularization"}),
         ("原文检索（检索词）", "pages/kwic.py", {"term": "执法"}), ("结构与质量", "pages/quality.py", {}),
         ("上传评估", "pages/upload.py", {}), ("语料管理", "pages/manage.py", {})]


def log(msg: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {msg}", file=sys.stderr, flush=True)


def new_report(i: int, chars: int = 20_000) -> str:
    from bench.make_corpus import _seed_material, make_report
    import random

    rng = random.Random(10_000 + i)
    return make_report(rng, town=f"测试{i}镇", county="基准县", year=2025, lean=rng.uniform(-0.5, 0.5), length=chars,
                       pools=_seed_material())


# ---- 2. ingest ------------------------------------------------------------------------------------
def ingest(corpus: Path, db: Path, snapshot: Path) -> dict:
    from analytics import pipeline
    from analytics.accounts import Account
    from analytics.store import Store

    files = sorted(corpus.glob("*.txt"))
    store = Store(db)
    resources = pipeline.load_resources(store)
    pipeline.ensure_ready(store, resources=resources)
    stamps: list[float] = []

    def progress(i, n, outcome):
        stamps.append(time.perf_counter())
        if i == 1000:
            store.copy_to(snapshot)
        if i % 500 == 0:
            log(f"入库 {i}/{n}")

    t0 = time.perf_counter()
    pipeline.ingest_paths(store, files, resources=resources, actor=Account.local_admin(), progress=progress,
                          refit_when_due=False)
    t1 = time.perf_counter()
    pipeline.refit(store, resources=resources)
    t2 = time.perf_counter()
    per = lambda a, b: (stamps[b - 1] - (stamps[a - 1] if a else t0)) / (b - a)  # noqa: E731
    n = len(stamps)
    return {"n": n, "ingest_s": t1 - t0, "refit_s": t2 - t1, "first_1000": per(0, min(1000, n)),
            "last_1000": per(max(0, n - 1000), n)}


# ---- 3. editor save --------------------------------------------------------------------------------
def save_times(*dbs: Path, runs: int = 7) -> list[float]:
    """Median editor-save time on each store, the stores taking turns (run i on every store before
    run i + 1), so that the machine's drift during the measurement falls on all of them alike."""
    from analytics import model, pipeline
    from analytics.accounts import Account
    from analytics.store import Store

    setups = []
    for db in dbs:
        store = Store(db)
        setups.append((store, pipeline.load_resources(store), model.CorpusIndex.load(store)))
    model.warm_up()
    times: list[list[float]] = [[] for _ in dbs]
    for i in range(runs):
        for k, (store, resources, index) in enumerate(setups):
            a = pipeline.analyse_text(new_report(i + 100 * (k + 1)), resources=resources)
            t = time.perf_counter()
            pipeline.save_analysis(store, a, resources=resources, actor=Account.local_admin(), source="bench",
                                   index=index)
            times[k].append(time.perf_counter() - t)  # (the process's first save also fits the kind model)
    return [statistics.median(t) for t in times]


# ---- 4. page reruns ----------------------------------------------------------------------------------
def page_reruns(db: Path) -> dict[str, float]:
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    os.environ["REPORTS_DB"] = str(db)
    out = {}
    for label, page, query in PAGES:
        PagesManager.uses_pages_directory = None
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
        for k, v in query.items():
            at.query_params[k] = v
        at.switch_page(page)
        t = time.perf_counter()
        at.run()
        cold = time.perf_counter() - t
        assert not at.exception, (label, at.exception)
        reruns = []
        for _ in range(3):
            t = time.perf_counter()
            at.run()
            reruns.append(time.perf_counter() - t)
        out[label] = (cold, statistics.median(reruns))
        log(f"{label}: 首次 {cold:.2f} 秒，重跑 {statistics.median(reruns):.2f} 秒")
    return out


# ---- 5. browser: uploads and memory -------------------------------------------------------------------
def browser_uploads(db: Path, tmp: Path, *, runs: int = 5) -> dict:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server, wait_app_idle
    from tests.browser.test_upload_e2e import open_upload, upload

    visible = ("() => { const t = document.body.innerText; const s = document.querySelector(\"[data-testid='stStatusWidget']\");"
               " return t.includes('自动解读') && t.includes('依据') && document.querySelectorAll(\"[data-testid='stPlotlyChart'] .main-svg\").length >= 1"
               " && !(s && s.innerText.includes('Running')); }")
    os.environ["REPORTS_DB"] = str(db)
    server = Server(tmp, db=db)
    times = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
            for i in range(runs):
                path = tmp / f"upload_{i}.txt"
                path.write_text(new_report(500 + i), encoding="utf-8")
                open_upload(page, server.url)
                t = time.perf_counter()
                upload(page, path)
                page.wait_for_function(visible, timeout=600_000, polling=50)
                times.append(time.perf_counter() - t)
                log(f"上传 {i + 1}: {times[-1]:.2f} 秒")
            for _, page_path, _ in PAGES:
                slug = {"pages/overview.py": ""}.get(page_path, Path(page_path).stem)
                page.goto(f"{server.url}/{slug}", wait_until="domcontentloaded")
                wait_app_idle(page, timeout=600_000)
            rss = _rss_mb(server.proc.pid)
            browser.close()
    finally:
        server.stop()
    return {"first": times[0], "median": statistics.median(times), "all": times, "rss_mb": rss}


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ---- 6. analyse throughput ----------------------------------------------------------------------------
def analyse_in_fresh_process(corpus: Path, *, files: int) -> dict:
    """bench/analyse_throughput.measure in a new process, as the CLI runs it: this process by now holds the
    10,000-report frames and caches, whose garbage-collector passes would slow analyse but not jieba."""
    import json

    code = ("import json, sys; from pathlib import Path; from bench.analyse_throughput import measure;"
            f"print(json.dumps(measure(files=sorted(Path(sys.argv[1]).glob('*.txt'))[:{files}])))")
    out = subprocess.run([sys.executable, "-c", code, str(corpus)], cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---- 7. start-up --------------------------------------------------------------------------------------
def startup(tmp: Path, *, runs: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    from analytics import pipeline
    from analytics.store import Store
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, free_port

    db = tmp / "startup.db"
    store = Store(db)
    pipeline.ensure_ready(store, resources=pipeline.load_resources(store))
    env = dict(os.environ, REPORTS_DB=str(db))
    results = {"make run": [], "bare": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for _ in range(runs):
            for name in results:
                port = free_port()
                cmd = (["make", "run", f"PORT={port}"] if name == "make run" else
                       [str(ROOT / ".venv/bin/streamlit"), "run", "bench/bare_app.py", "--server.port", str(port),
                        "--server.headless", "true"])
                t = time.perf_counter()
                proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
                page = browser.new_page()
                while True:
                    try:
                        page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded", timeout=2000)
                        break
                    except Exception:
                        time.sleep(0.05)
                page.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=300_000)
                results[name].append(time.perf_counter() - t)
                page.close()
                os.killpg(proc.pid, 15)
                proc.wait()
        browser.close()
    return {k: statistics.median(v) for k, v in results.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    ap.add_argument("--keep", action="store_true", help="reuse a store from an earlier run (skip the ingest)")
    args = ap.parse_args(argv)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    corpus = out / f"corpus_{args.reports}"
    if not (corpus / "manifest.tsv").exists():
        from bench.make_corpus import generate

        log("生成基准语料……")
        generate(corpus, reports=args.reports)
    db, snap = out / f"scale_{args.reports}.db", out / f"scale_{args.reports}_at1000.db"
    if not (args.keep and db.exists()):
        for f in out.glob(f"scale_{args.reports}*.db*"):
            f.unlink()
        log("入库……")
        ing = ingest(corpus, db, snap)
    else:
        ing = None
    from analytics import pipeline
    from analytics.store import Store

    for path in (snap,):  # the 1,000-report copy in its steady state: its own basis
        s = Store(path)
        pipeline.refit(s, resources=pipeline.load_resources(s))
    work = out / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    save_db, save_snap = work / "save.db", work / "save_1000.db"
    Store(db).copy_to(save_db)
    Store(snap).copy_to(save_snap)
    log("保存……")
    save_1k, save_n = save_times(save_snap, save_db)
    log("页面重跑……")
    reruns = page_reruns(db)
    log("浏览器上传与内存……")
    up = browser_uploads(Store(db).copy_to(work / "browser.db"), work)
    log("分析吞吐……")
    analyse = analyse_in_fresh_process(corpus, files=300)
    log("启动……")
    start = startup(work, runs=5)

    n = ing["n"] if ing else args.reports
    rows = [
        ("入库 {:,} 份（含最后的语料基准重算）".format(n),
         f"{(ing['ingest_s'] + ing['refit_s']) / 60:.1f} 分钟（入库 {ing['ingest_s'] / 60:.1f}，重算 {ing['refit_s'] / 60:.1f}）"
         if ing else "（沿用上次）", "≤ 15 分钟"),
        ("最后 1,000 份 ÷ 最初 1,000 份（每份用时）",
         f"{ing['last_1000'] * 1000:.0f} ÷ {ing['first_1000'] * 1000:.0f} 毫秒 = {ing['last_1000'] / ing['first_1000']:.2f}"
         if ing else "—", "≤ 1.3"),
        ("编辑保存一份（1,000 份时 / {:,} 份时）".format(n),
         f"{save_1k:.2f} / {save_n:.2f} 秒，比值 {save_n / save_1k:.2f}", "≤ 3 秒；比值 ≤ 1.5"),
        ("上传 → 图表出现（{:,} 份，2 万字，5 次中位数；首次在重启后）".format(n),
         f"中位数 {up['median']:.2f} 秒（首次 {up['first']:.2f}）", "中位数 ≤ 1.5 秒"),
        *[(f"页面重跑：{label}（{n:,} 份）", f"{r:.2f} 秒（首次打开 {c:.2f}）", "≤ 0.5 秒") for label, (c, r) in reruns.items()],
        ("服务器内存（{:,} 份，访问所有页面 + 5 次上传后）".format(n), f"{up['rss_mb']:.0f} MB", "≤ 2,048 MB"),
        ("单进程分析 ÷ jieba.lcut", f"{analyse['ratio']:.1f} 倍（rjieba 分词本身 {analyse['rjieba_ratio']:.1f} 倍）", "≥ 8 倍"),
        ("make run 到第一张图 ÷ 空白 Streamlit 应用",
         f"{start['make run']:.2f} ÷ {start['bare']:.2f} 秒 = {start['make run'] / start['bare']:.2f}", "≤ 1.5"),
    ]
    print(f"\n基准测试 {dt.date.today()}，{os.cpu_count()} 核，{args.reports:,} 份报告\n")
    print("| 项目 | 实测 | 目标 |\n|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
