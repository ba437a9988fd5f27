"""Draws and maintains the hand-checked theme sample (data/theme_sample.tsv).

    python data/theme_sample.py draw   # (re)draw the sentences; keeps every judgement already made
    python data/theme_sample.py todo   # add rows (judgement empty) for hits nobody has judged yet

Procedure (``draw``): source texts are the five seed reports (data/seeds/*.txt) and the invented
reports in data/theme_sample.texts.txt, each normalised (analytics.normalize.normalize_text) and cut
into sentences (analytics.sentences.sentence_spans); a sentence met twice is kept once. For each
dictionary D in (the dictionary before the precision work, i.e. data/themes.yaml at commit 179f822;
the current data/themes.yaml) and each theme T of D, in dictionary order: the sentences in which D
finds T are shuffled with random.Random(f"{SEED}:{D}:{T}") and taken in that order, skipping those
already drawn, until the drawn sentences hold at least PER_THEME hits of T under D. Sentences judged
in an earlier draw stay in the sample (the sample only grows as texts and the dictionary change).
Every hit of either dictionary in a drawn sentence is then listed, to be judged by reading the sentence.
"""

from __future__ import annotations

import random
import subprocess
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics import themes  # noqa: E402
from analytics.normalize import normalize_text  # noqa: E402
from analytics.sentences import sentence_spans  # noqa: E402

SEED = 20240611
PER_THEME = 25
BEFORE_COMMIT = "179f822"
SAMPLE = ROOT / "data" / "theme_sample.tsv"
TEXTS = ROOT / "data" / "theme_sample.texts.txt"

HEADER = f"""# Hand-checked theme sample: one row per hit of a theme-dictionary term in a sentence, with a judgement.
# judgement: yes = this mention, read in its sentence, really belongs to that theme; no = it does not
# (a doubtful hit is judged no). note: why, for a "no". start/end: offsets of the match in the sentence.
# Hits are recomputed from the current dictionary by tests/analytics/test_theme_precision.py; a hit with
# no row here makes that test fail. Rows for hits the current dictionary no longer makes are kept.
# Drawn by data/theme_sample.py (fixed seed {SEED}; procedure in its docstring): sentences of the five
# seed reports and of the invented reports in data/theme_sample.texts.txt, sampled at random per theme
# until each theme of the old and the current dictionary has at least {PER_THEME} hits.
"""


def sources() -> dict[str, str]:
    out: dict[str, str] = {}
    manifest = (ROOT / "data" / "seeds" / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in manifest:
        fname, town = line.split("\t")[:2]
        out[f"{town}（示例报告）"] = normalize_text((ROOT / "data" / "seeds" / fname).read_text(encoding="utf-8-sig"))
    name, buf = None, []
    for line in TEXTS.read_text(encoding="utf-8").splitlines() + ["=== end ==="]:
        if line.startswith("=== ") and line.endswith(" ==="):
            if name:
                out[f"{name}（自编）"] = normalize_text("\n".join(buf))
            name, buf = line[4:-4], []
        elif name:
            buf.append(line)
    return out


def _git_show(path: str) -> str:
    return subprocess.run(["git", "show", f"{BEFORE_COMMIT}:{path}"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout


def before_dictionary():
    """The dictionary before the precision work, read and matched by the code of that time."""
    module = types.ModuleType("themes_before")
    sys.modules["themes_before"] = module
    exec(compile(_git_show("analytics/themes.py"), "themes_before.py", "exec"), module.__dict__)
    return module.parse_dictionary(_git_show("data/themes.yaml"))


def dictionaries() -> dict:
    return {"before": before_dictionary(), "current": themes.load_dictionary()}


def read_rows() -> list[dict[str, str]]:
    if not SAMPLE.exists():
        return []
    rows, header = [], None
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        rows.append(dict(zip(header, cells)))
    return rows


def write_rows(rows: list[dict[str, str]]) -> None:
    lines = [HEADER.rstrip("\n"), "\t".join(themes.SAMPLE_COLUMNS)]
    rows = sorted(rows, key=lambda r: (r["sid"], int(r["start"] or 0), int(r["end"] or 0), r["theme_id"]))
    lines += ["\t".join(r.get(c, "") for c in themes.SAMPLE_COLUMNS) for r in rows]
    SAMPLE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def hit_rows(sid: str, source: str, sentence: str, dicts) -> list[dict[str, str]]:
    seen, rows = set(), []
    for d in dicts.values():
        for h in d.find(sentence):
            key = (h.start, h.end, h.theme_id)
            if key not in seen:
                seen.add(key)
                rows.append({"sid": sid, "source": source, "start": str(h.start), "end": str(h.end),
                             "match": sentence[h.start:h.end], "theme_id": h.theme_id, "judgement": "",
                             "note": "", "sentence": sentence})
    return rows


def draw() -> None:
    dicts = dictionaries()
    pool: list[tuple[str, str]] = []
    seen: set[str] = set()
    for source, text in sources().items():
        for span in sentence_spans(text):
            s = span.of(text)
            if s not in seen:
                seen.add(s)
                pool.append((source, s))
    found = {name: [d.find(s) for _, s in pool] for name, d in dicts.items()}
    drawn: list[int] = []
    for name, d in dicts.items():
        for tid in d.ids():
            have = sum(1 for i in drawn for h in found[name][i] if h.theme_id == tid)
            cands = [i for i in range(len(pool)) if any(h.theme_id == tid for h in found[name][i])]
            random.Random(f"{SEED}:{name}:{tid}").shuffle(cands)
            for i in cands:
                if have >= PER_THEME:
                    break
                if i not in drawn:
                    drawn.append(i)
                    have += sum(1 for h in found[name][i] if h.theme_id == tid)
    previous = read_rows()
    old = {(r["sentence"], r["start"], r["end"], r["theme_id"]): r for r in previous}
    judged = {r["sentence"] for r in previous if r["judgement"]}
    drawn += [i for i, (_, s) in enumerate(pool) if s in judged and i not in drawn]  # judged sentences stay
    rows = []
    for n, i in enumerate(sorted(drawn), 1):
        source, sentence = pool[i]
        for r in hit_rows(f"s{n:04d}", source, sentence, dicts):
            prev = old.get((sentence, r["start"], r["end"], r["theme_id"]))
            if prev:
                r["judgement"], r["note"] = prev["judgement"], prev["note"]
            rows.append(r)
    write_rows(rows)
    print(f"{len(drawn)} sentences, {len(rows)} hits")


def todo() -> None:
    rows = read_rows()
    sentences = {r["sid"]: (r["source"], r["sentence"]) for r in rows}
    have = {(r["sid"], r["start"], r["end"], r["theme_id"]) for r in rows}
    dicts = dictionaries()
    added = 0
    for sid, (source, sentence) in sentences.items():
        for r in hit_rows(sid, source, sentence, dicts):
            if (sid, r["start"], r["end"], r["theme_id"]) not in have:
                rows.append(r)
                added += 1
    write_rows(rows)
    print(f"{added} rows added")


if __name__ == "__main__":
    {"draw": draw, "todo": todo}[sys.argv[1]]()
