"""ui.nav: a click on a town's point in the 总览 lean chart opens that town's 乡镇档案 (name restored from
its escaped token); a click on a theme cell opens 原文检索."""

from __future__ import annotations

import pytest

from ui import charts, nav, views


def test_clicking_a_town_in_the_lean_chart_opens_its_page(app_db, monkeypatch):
    from ui import data

    leans = views.town_leans(data.load_corpus().reports)
    fig = charts.lean_dots(leans)
    opened = []
    monkeypatch.setattr(nav.st, "switch_page", lambda page, query_params=None: opened.append((page, query_params)))
    towns = set()
    for trace in fig.data:
        if trace.customdata is None:
            continue
        for i in range(len(trace.customdata)):
            nav.follow({"selection": {"points": [{"customdata": list(trace.customdata[i])}]}})
            towns.add(opened[-1][1]["town"])
    assert towns == set(leans["town"]) and len(towns) == 5
    assert {page for page, _ in opened} == {nav.TOWN_PAGE}


def test_a_town_name_with_markup_survives_the_token_round_trip():
    name = "<b>甲</b>&乙镇"
    assert nav.picked({"selection": {"points": [{"customdata": [nav.town_token(name)]}]}}, "town") == name


@pytest.mark.parametrize("event", [None, {}, {"selection": {"points": []}}])
def test_no_selection_opens_nothing(event, monkeypatch):
    monkeypatch.setattr(nav.st, "switch_page", lambda *a, **k: pytest.fail("opened a page"))
    nav.follow(event)


def test_lean_chart_of_many_towns_shows_both_ends_and_says_how_many_are_left_out():
    import pandas as pd

    n = 48
    leans = pd.DataFrame({"town": [f"镇{i}" for i in range(n)], "year": 2024, "short": False,
                          "lean": [3 - i * 0.125 for i in range(n)], "lo": 0.0, "hi": 0.0,
                          "label": ["偏普法"] * 20 + ["无明显偏向"] * 8 + ["偏执法"] * 20, "firm": True})
    leans["lo"], leans["hi"] = leans["lean"] - 0.5, leans["lean"] + 0.5
    fig = charts.lean_dots(leans)
    shown = {y.split(" ")[0] for t in fig.data for y in t.y}
    assert shown == {f"镇{i}" for i in [*range(15), *range(33, 48)]}
    order = list(fig.layout.yaxis.categoryarray)  # a labelled empty row between the ends, covering no dot
    assert order[15] == "…… 中间 18 个乡镇未显示（见排名表）" and len(order) == 31
    assert order[14].startswith("镇33") and order[16].startswith("镇14")
    assert not fig.layout.annotations
