"""Every theme of the current dictionary is at least 90 % precise on the hand-checked sample.

Hits are recomputed from data/themes.yaml on the sample's sentences (data/theme_sample.tsv) and
looked up among the judgements there; a hit nobody has judged fails the test, so the sample cannot
silently go stale when the dictionary changes (``python data/theme_sample.py todo`` lists them).
"""

import math

import pandas as pd
import pytest

from analytics.themes import (
    PRECISION_COLUMNS,
    load_dictionary,
    load_sample,
    parse_dictionary,
    parse_sample,
    precision_report,
    sample_hits,
    unjudged_rows,
)

MIN_PRECISION = 0.90
MIN_JUDGED = 20


@pytest.fixture(scope="module")
def report():
    return precision_report(load_dictionary(), sample=load_sample())


def test_no_hit_is_left_unjudged():
    todo = unjudged_rows(load_dictionary(), sample=load_sample())
    assert not todo, (
        f"{len(todo)} hit(s) of the current dictionary in data/theme_sample.tsv have no judgement; "
        "run `python data/theme_sample.py todo`, then read each sentence and fill in yes/no:\n" + "\n".join(todo[:20])
    )


def test_every_theme_is_precise_on_the_sample(report):
    print("\n" + report.to_string(index=False))
    assert list(report.columns) == PRECISION_COLUMNS
    assert report["theme_id"].tolist() == load_dictionary().ids()
    thin = report[report["judged"] < MIN_JUDGED]
    assert thin.empty, f"too few judged hits:\n{thin.to_string(index=False)}"
    low = report[report["precision"] < MIN_PRECISION]
    assert low.empty, f"themes below {MIN_PRECISION:.0%}:\n{low.to_string(index=False)}"


def test_report_counts_add_up(report):
    hits = sample_hits(load_dictionary(), sample=load_sample())
    assert report["hits"].sum() == len(hits)
    assert (report["hits"] == report["judged"] + report["unjudged"]).all()
    assert (report["precision"] == report["correct"] / report["judged"]).all()


SENTENCES = (
    "# a two-sentence sample\n"
    "sid\tsource\tstart\tend\tmatch\ttheme_id\tjudgement\tnote\tsentence\n"
    "a1\t自编\t2\t4\t执法\tb\tyes\t\t依法执法，查处违法建设。\n"
    "a1\t自编\t5\t7\t查处\tb\tno\t存疑\t依法执法，查处违法建设。\n"
    "a2\t自编\t0\t2\t普法\ta\tyes\t\t普法宣传进村。\n"
)


def test_report_of_an_edited_dictionary_shows_precision_and_unjudged_hits():
    sample = parse_sample(SENTENCES)
    d = parse_dictionary("themes:\n- {id: a, label: 甲, terms: [普法, 宣传]}\n- {id: b, label: 乙, terms: [执法, 查处]}\n")
    r = precision_report(d, sample=sample).set_index("theme_id")
    # 宣传 (a2, 2-4) has no judgement yet
    assert r.loc["a", ["hits", "judged", "correct", "unjudged"]].tolist() == [2, 1, 1, 1]
    assert r.loc["b", ["hits", "judged", "correct", "unjudged"]].tolist() == [2, 2, 1, 0]
    assert r.loc["b", "precision"] == 0.5
    assert unjudged_rows(d, sample=sample) == ["a2\t自编\t2\t4\t宣传\ta\t\t\t普法宣传进村。"]
    # dropping 查处 raises b's precision; a theme without judged hits reads NaN
    d2 = parse_dictionary("themes:\n- {id: a, label: 甲, terms: [普法]}\n- {id: b, label: 乙, terms: [执法]}\n"
                          "- {id: c, label: 丙, terms: [无此词]}\n")
    r2 = precision_report(d2, sample=sample).set_index("theme_id")
    assert r2.loc["b", "precision"] == 1.0 and r2.loc["a", "unjudged"] == 0
    assert math.isnan(r2.loc["c", "precision"]) and r2.loc["c", "hits"] == 0


@pytest.mark.parametrize("bad,message", [
    ("sid\tsource\n", "表头"),
    (SENTENCES.replace("\t2\t4\t执法", "\t3\t5\t执法"), "不是“执法”"),
    (SENTENCES.replace("\tyes\t\t依法", "\tmaybe\t\t依法"), "yes 或 no"),
    (SENTENCES + "a1\t自编\t2\t4\t执法\tb\tyes\t\t另一句。\n", "不同的句子"),
    (SENTENCES + "a1\t自编\t2\t4\t执法\tb\tno\t\t依法执法，查处违法建设。\n", "判断了两次"),
])
def test_bad_sample_rows_are_named(bad, message):
    with pytest.raises(ValueError, match=message):
        parse_sample(bad)


def test_repository_sample_covers_seeds_and_written_texts():
    sample = load_sample()
    sources = pd.Series([src for src, _ in sample.sentences.values()])
    assert sources.str.endswith("（示例报告）").sum() >= 50
    assert sources.str.endswith("（自编）").sum() >= 50
    assert sources.nunique() >= 10
