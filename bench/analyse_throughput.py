"""Benchmark: `analyse` throughput on >= 10 MB of report text, beside plain jieba and raw rjieba.

Builds ~200 report files (~20,000 characters each) from shuffled seed paragraphs, then in one run measures
  - start-up of a fresh process (imports + tokenizer + dictionary), on its own line;
  - full per-report analysis (read file, normalise, metadata, segment, themes, parts, facts) in chars/s;
  - plain `jieba.lcut` and raw `rjieba.cut` over the same normalised texts.
Prints figures and ratios; no assertions (targets: analyse >= 5x jieba; start-up < 2 s).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STARTUP = (
    "import time; t=time.perf_counter();"
    "from analytics import pipeline; r=pipeline.load_resources(); r.tokenizer.cut('法治政府建设');"
    "print(time.perf_counter()-t)"
)


def make_corpus(folder: Path, *, target_bytes: int = 10_500_000, chars_per_file: int = 20_000) -> list[Path]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "seeds").glob("*.txt"))]
    paras = [p for s in seeds for p in s.split("\n") if len(p.strip()) > 10]
    rng = random.Random(7)
    files, total, i = [], 0, 0
    while total < target_bytes:
        body, n = [], 0
        while n < chars_per_file:
            p = rng.choice(paras)
            body.append(p)
            n += len(p)
        text = f"关于{2019 + i % 5}年度法治政府建设情况的报告\n" + "\n".join(body) + f"\n第{i}镇人民政府\n2024年1月5日\n"
        path = folder / f"report_{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
        total += path.stat().st_size
        i += 1
    return files


def main() -> None:
    startup = [float(subprocess.run([sys.executable, "-c", STARTUP], cwd=ROOT, capture_output=True, text=True,
                                    check=True).stdout) for _ in range(3)]
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analytics", "--help"], cwd=ROOT, capture_output=True, check=True)
    cli_start = time.perf_counter() - t

    from analytics import pipeline

    resources = pipeline.load_resources()
    resources.tokenizer.cut("预热")
    with tempfile.TemporaryDirectory() as tmp:
        files = make_corpus(Path(tmp))
        size = sum(f.stat().st_size for f in files)
        t = time.perf_counter()
        texts = [a.text for _path, a in pipeline.analyse_paths(files, resources=resources, workers=1)]
        analyse_s = time.perf_counter() - t
        workers = os.cpu_count() or 1
        t = time.perf_counter()
        parallel = [a.text for _path, a in pipeline.analyse_paths(files, resources=resources, workers=workers)]
        parallel_s = time.perf_counter() - t
        assert parallel == texts
    chars = sum(map(len, texts))

    import jieba
    import rjieba

    jieba.initialize()
    t = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    jieba_s = time.perf_counter() - t
    rjieba.cut("预热")
    t = time.perf_counter()
    for text in texts:
        rjieba.cut(text)
    rjieba_s = time.perf_counter() - t

    print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB UTF-8, {chars:,} characters")
    print(f"start-up (fresh process: imports + tokenizer + dictionary): median {sorted(startup)[1]:.2f} s "
          f"(runs: {', '.join(f'{s:.2f}' for s in startup)}); `python -m analytics --help` {cli_start:.2f} s")
    print(f"analyse, 1 process (read+normalise+metadata+segment+themes+parts+facts): {chars / analyse_s:,.0f} chars/s "
          f"({analyse_s:.1f} s)")
    print(f"analyse, {workers} processes (what `python -m analytics analyse/ingest` uses for >= "
          f"{pipeline.PARALLEL_MIN_FILES} files): {chars / parallel_s:,.0f} chars/s ({parallel_s:.1f} s)")
    print(f"plain jieba.lcut, 1 process: {chars / jieba_s:,.0f} chars/s ({jieba_s:.1f} s)")
    print(f"raw rjieba.cut, 1 process:   {chars / rjieba_s:,.0f} chars/s ({rjieba_s:.1f} s)")
    print(f"ratios vs plain jieba (target >= 5x): analyse 1 process {jieba_s / analyse_s:.1f}x; "
          f"analyse {workers} processes {jieba_s / parallel_s:.1f}x; raw rjieba {jieba_s / rjieba_s:.1f}x")

if __name__ == "__main__":
    main()
