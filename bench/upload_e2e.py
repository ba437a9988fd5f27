"""Upload → figures visible in a real browser, for a 20,000-character report (target < 2 s median).

Starts `streamlit run` on a free port against a temporary store (tests/browser/conftest.Server),
drives /usr/bin/chromium with Playwright. Each run uploads a report that differs from every
earlier one (so nothing is served from the session cache) into a freshly loaded page and stops
the clock when the automatic reading and three charts are rendered and the script has finished.
The first (cold) upload also builds the corpus model and is reported separately.

    .venv/bin/python bench/upload_e2e.py [--runs 5] [--chars 20000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server, wait_app_idle  # noqa: E402
from tests.browser.test_upload_e2e import open_upload, upload  # noqa: E402

FIGURES_VISIBLE = """() => {
  const text = document.body.innerText;
  const charts = document.querySelectorAll("[data-testid='stPlotlyChart'] .main-svg").length;
  const status = document.querySelector("[data-testid='stStatusWidget']");
  const running = status && status.innerText.includes('Running');
  return text.includes('自动解读') && text.includes('依据') && charts >= 3 && !running;
}"""


def long_report(chars: int, run: int) -> str:
    """A report of exactly ``chars`` characters built from the seeds, unique per run."""
    seeds = sorted((ROOT / "data" / "seeds").glob("*.txt"))
    body = "\n".join(p.read_text(encoding="utf-8") for p in seeds)
    head = f"测试镇关于2023年度法治政府建设情况的报告\n第{run}次测试：本年度共开展普法宣传活动{run + 10}场。\n"
    text = head
    while len(text) < chars:
        text += body
    return text[:chars]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--chars", type=int, default=20_000)
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print("需要 /usr/bin/chromium", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="upload-bench-"))
    server = Server(tmp)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
            page.goto(server.url + "/", wait_until="domcontentloaded")
            wait_app_idle(page, timeout=180_000)
            times = []
            for run in range(args.runs + 1):
                path = tmp / f"report_{run}.txt"
                path.write_text(long_report(args.chars, run), encoding="utf-8")
                open_upload(page, server.url)
                t0 = time.perf_counter()
                upload(page, path)
                page.wait_for_function(FIGURES_VISIBLE, timeout=180_000)
                seconds = time.perf_counter() - t0
                label = "cold (builds corpus model)" if run == 0 else f"run {run}"
                print(f"{label}: {seconds:.2f} s  ({args.chars} chars)")
                if run:
                    times.append(seconds)
            browser.close()
    finally:
        server.stop()
    median = statistics.median(times)
    print(f"median of {len(times)} warm runs: {median:.2f} s (target < 2 s) {'OK' if median < 2 else 'SLOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
