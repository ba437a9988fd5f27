"""Benchmark: per-report `analyse` throughput in one process, beside plain jieba and raw rjieba on the same texts.

    python bench/analyse_throughput.py [--reports 400] [--corpus DIR] [--repeat 2] [--no-parallel]

The corpus is `bench/make_corpus.py`'s (seed 7; ~400 reports of 3,000–20,000 characters, ~10 MB UTF-8), written
to a temporary folder, or the .txt files of ``--corpus DIR``. In one run it measures
  - start-up of a fresh process (imports + tokenizer + dictionary);
  - analyse, one process: what `python -m analytics analyse` does per file (read the file, decode, normalise,
    metadata, layout, facts, shortcomings, themes, terms and places, lean), through `pipeline.analyse_paths`;
  - the same, split into its steps (a second, instrumented pass: each step's share of analyse);
  - analyse with one process per core (what the CLI uses for >= PARALLEL_MIN_FILES files);
  - plain `jieba.lcut` (the reference) and raw `rjieba.cut` (the segmenter analyse uses) on the normalised texts.
Each timing is the best of ``--repeat`` passes. Prints figures and ratios; no assertions (the issue's target:
analyse in one process >= 8x plain jieba).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

STARTUP = (
    "import time; t=time.perf_counter();"
    "from analytics import pipeline; r=pipeline.load_resources(); r.tokenizer.cut('法治政府建设');"
    "print(time.perf_counter()-t)"
)


def best_of(repeat: int, fn) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


@contextmanager
def step_timer(pipeline, resources):
    """Time the steps analyse_text calls, by wrapping them where it looks them up (restored on exit)."""
    from analytics import figures, structure

    acc: dict[str, float] = defaultdict(float)
    targets = [
        (pipeline, "read_path", "read + decode + normalise"),
        (pipeline, "infer_metadata", "metadata"),
        (pipeline, "parse_layout", "layout (paragraphs, sentences, headings, parts, units)"),
        (pipeline, "_extract_facts", "facts"),
        (structure, "shortcomings_of", "shortcomings"),
        (pipeline, "_find", "themes: dictionary matches"),
        (pipeline, "_dictionary_features", "themes: tallies (incl. matches)"),
        (resources.tokenizer, "cut", "rjieba cut (terms and the theme matcher's word test)"),
        (pipeline, "_terms", "terms: counts and places"),
        (figures, "lean", "lean (bootstrap)"),
    ]
    saved = []
    for obj, name, label in targets:
        original = getattr(obj, name)
        saved.append((obj, name, original, name in vars(obj)))

        def timed(*args, __f=original, __label=label, **kwargs):
            t = time.perf_counter()
            try:
                return __f(*args, **kwargs)
            finally:
                acc[__label] += time.perf_counter() - t

        setattr(obj, name, timed)
    try:
        yield acc
    finally:
        for obj, name, original, own in saved:
            if own:
                setattr(obj, name, original)
            else:
                delattr(obj, name)  # an instance attribute shadowing the method


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reports", type=int, default=400, help="reports to generate (default 400, ~10 MB)")
    p.add_argument("--corpus", type=Path, help="use the .txt files of this folder instead")
    p.add_argument("--repeat", type=int, default=2, help="passes per timing; the best counts (default 2)")
    p.add_argument("--no-parallel", action="store_true", help="skip the one-process-per-core run")
    args = p.parse_args(argv)

    startup = [float(subprocess.run([sys.executable, "-c", STARTUP], cwd=ROOT, capture_output=True, text=True,
                                    check=True).stdout) for _ in range(3)]

    import jieba
    import logging
    import rjieba

    from analytics import pipeline

    jieba.setLogLevel(logging.WARNING)
    resources = pipeline.load_resources()
    resources.tokenizer.cut("预热")
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus:
            files = sorted(args.corpus.glob("*.txt"))
            source = str(args.corpus)
        else:
            from make_corpus import generate

            generate(Path(tmp), reports=args.reports, seed=7)
            files = sorted(Path(tmp).glob("*.txt"))
            source = f"bench/make_corpus.py, {len(files)} reports, seed 7"
        size = sum(f.stat().st_size for f in files)

        def analyse(workers: int) -> list[str]:
            return [a.text for _path, a in pipeline.analyse_paths(files, resources=resources, workers=workers)]

        list(pipeline.analyse_paths(files[:5], resources=resources, workers=1))  # warm-up (first-use costs)
        analyse_s, texts = best_of(args.repeat, lambda: analyse(1))
        with step_timer(pipeline, resources) as steps:
            instrumented_s, _ = best_of(1, lambda: analyse(1))
        workers = os.cpu_count() or 1
        parallel_s = None
        if not args.no_parallel and workers > 1:
            parallel_s, parallel = best_of(1, lambda: analyse(workers))
            if parallel != texts:
                print("warning: the parallel run returned other texts than the one-process run")
    chars = sum(map(len, texts))

    jieba.initialize()
    jieba.lcut(texts[0][:200])
    jieba_s, _ = best_of(args.repeat, lambda: [jieba.lcut(t) for t in texts])
    rjieba.cut("预热")
    rjieba_s, _ = best_of(args.repeat, lambda: [rjieba.cut(t) for t in texts])

    print(f"corpus: {len(files)} files ({source}), {size / 1e6:.1f} MB UTF-8, {chars:,} characters after normalising")
    print(f"start-up (fresh process: imports + tokenizer + dictionary): median {sorted(startup)[1]:.2f} s "
          f"(runs: {', '.join(f'{s:.2f}' for s in startup)})")
    print(f"analyse, 1 process (read + normalise + metadata + layout + facts + themes + terms + lean): "
          f"{chars / analyse_s:,.0f} chars/s ({analyse_s:.2f} s, best of {args.repeat})")
    print(f"  steps (instrumented pass, {instrumented_s:.2f} s):")
    nested = {"themes: tallies (incl. matches)": "themes: dictionary matches"}
    for label, secs in steps.items():
        own = secs - steps.get(nested.get(label, ""), 0.0)
        name = label.replace(" (incl. matches)", "")
        print(f"    {name:55s} {own:6.2f} s  {100 * own / instrumented_s:5.1f} %")
    rest = instrumented_s - sum(v for k, v in steps.items() if k not in nested.values())
    print(f"    {'everything else (dispatch, results)':55s} {rest:6.2f} s  {100 * rest / instrumented_s:5.1f} %")
    if parallel_s is not None:
        print(f"analyse, {workers} processes (what `python -m analytics analyse/ingest` uses for >= "
              f"{pipeline.PARALLEL_MIN_FILES} files): {chars / parallel_s:,.0f} chars/s ({parallel_s:.2f} s)")
    print(f"plain jieba.lcut, 1 process: {chars / jieba_s:,.0f} chars/s ({jieba_s:.2f} s)")
    print(f"raw rjieba.cut, 1 process:   {chars / rjieba_s:,.0f} chars/s ({rjieba_s:.2f} s)")
    ratios = f"analyse 1 process {jieba_s / analyse_s:.1f}x"
    if parallel_s is not None:
        ratios += f"; analyse {workers} processes {jieba_s / parallel_s:.1f}x"
    print(f"ratios vs plain jieba (target: analyse, 1 process >= 8x): {ratios}; raw rjieba {jieba_s / rjieba_s:.1f}x")


if __name__ == "__main__":
    main()


def measure(*, files: list[Path], repeat: int = 1) -> dict[str, float]:
    """analyse in one process, jieba.lcut and raw rjieba.cut on the same files (for bench/scale.py's table)."""
    import logging

    import jieba
    import rjieba

    from analytics import pipeline

    jieba.setLogLevel(logging.WARNING)
    resources = pipeline.load_resources()
    list(pipeline.analyse_paths(files[:5], resources=resources, workers=1))
    analyse_s, texts = best_of(repeat, lambda: [a.text for _p, a in pipeline.analyse_paths(files, resources=resources,
                                                                                            workers=1)])
    jieba.initialize()
    jieba_s, _ = best_of(repeat, lambda: [jieba.lcut(t) for t in texts])
    rjieba_s, _ = best_of(repeat, lambda: [rjieba.cut(t) for t in texts])
    return {"ratio": jieba_s / analyse_s, "rjieba_ratio": jieba_s / rjieba_s, "chars_per_s": sum(map(len, texts)) / analyse_s}
