"""Year comparison on a county-like corpus: 4 towns × 3 years assembled from seed paragraphs.

Each report is a different sample of real seed paragraphs with its own town/year metadata. Town
甲镇 gets more enforcement paragraphs every year (0, 3, 14 beside 14, 14, 2 others), so its 行政执法 line must rise,
and from 2022 to 2023 the rise is beyond both years' intervals; every value the page plots is checked
against the stored counts or the texts.
"""

from __future__ import annotations

import base64
import json
import random

import numpy as np

import pytest

from analytics import pipeline
from analytics.accounts import Account
from analytics.store import Store
from tests.ui.conftest import needs_chromium, open_page, serving

TOWNS = ["甲镇", "乙镇", "丙乡", "丁街道"]
YEARS = [2021, 2022, 2023]


def _paragraphs(seed_texts) -> list[str]:
    return [p.strip() for t in seed_texts.values() for p in t.split("\n") if len(p.strip()) >= 40]


@pytest.fixture(scope="module")
def years_db(tmp_path_factory, seed_texts):
    path = tmp_path_factory.mktemp("years") / "reports.db"
    store = Store(path)
    resources = pipeline.load_resources(store)
    paras = _paragraphs(seed_texts)
    enf = [p for p in paras if resources.dictionary.count(p)["enforcement"] > 0]
    other = [p for p in paras if resources.dictionary.count(p)["enforcement"] == 0]
    rng = random.Random(4)
    ingestor = pipeline.Ingestor(store, resources=resources, actor=Account.local_admin())
    texts = {}
    for ti, town in enumerate(TOWNS):
        for yi, year in enumerate(YEARS):
            n_enf = (0, 3, 14)[yi] if town == "甲镇" else rng.randint(2, 6)
            n_other = (14, 14, 2)[yi] if town == "甲镇" else 14
            body = rng.sample(enf, n_enf) + rng.sample(other, n_other)
            rng.shuffle(body)
            text = f"{town}{year}年法治政府建设情况的报告\n" + "\n".join(body) + f"\n{town}人民政府\n{year + 1}年1月10日"
            meta = {"town": town, "county": "示范县" if ti < 2 else "样板县", "province": "某省", "year": year,
                    "level": "township"}
            a = pipeline.analyse_text(text, resources=resources, meta_overrides=meta)
            assert ingestor.add_analysis(a, source=f"{town}{year}").status == "added"
            texts[(town, year)] = a.text
    pipeline.refit(store, resources=resources)
    store.set_meta("builtin_loaded", "1")
    return path, texts, resources.dictionary


@pytest.fixture()
def years_app(years_db, monkeypatch):
    path, texts, dictionary = years_db
    with serving(path, monkeypatch):
        yield texts, dictionary


def _per_10k(text: str, dictionary, theme: str) -> float:
    return round(dictionary.count(text)[theme] * 10_000 / len(text), 2)


def _arr(v) -> list:
    """A plotly JSON array: a plain list or a typed array {"dtype", "bdata"}."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).tolist()
    return list(v)


def _trend(at) -> dict[str, dict]:
    el = next(e for e in at.get("plotly_chart") if "th_trend" in e.proto.id)
    return {t["name"]: t for t in json.loads(el.proto.spec)["data"]}


def test_store_holds_four_towns_over_three_years(years_db):
    reports = Store(years_db[0]).reports()
    assert len(reports) == 12
    assert reports.groupby("town")["year"].apply(lambda y: sorted(y.astype(int))).tolist() == [YEARS] * 4


def test_trend_lines_show_each_town_over_the_years_with_stored_rates(years_app):
    texts, dictionary = years_app
    at = open_page("pages/themes.py")
    assert not at.exception
    assert at.segmented_control(key="th_metric").value == "unit_share"  # paragraph share is the default
    at.segmented_control(key="th_metric").set_value("per_10k").run()
    at.multiselect(key="th_trend_towns").set_value(["甲镇", "乙镇"]).run()
    at.multiselect(key="th_trend_themes").set_value(["enforcement"]).run()
    lines = _trend(at)
    assert set(lines) == {"甲镇 · 行政执法", "乙镇 · 行政执法"}
    for name, line in lines.items():
        town = name.split(" · ")[0]
        assert _arr(line["x"]) == YEARS
        values = [_per_10k(texts[(town, y)], dictionary, "enforcement") for y in YEARS]
        assert _arr(line["y"]) == pytest.approx(values, abs=0.01)
    rising = [dictionary.count(texts[("甲镇", y)])["enforcement"] for y in YEARS]  # 0, 3, 14 enforcement paragraphs
    assert rising == sorted(rising) and rising[0] < rising[-1]


def test_town_bars_use_each_towns_latest_report_unless_pooled(years_app):
    texts, dictionary = years_app
    at = open_page("pages/themes.py")
    at.segmented_control(key="th_metric").set_value("per_10k").run()
    at.multiselect(key="th_bar_themes").set_value(["enforcement"]).run()

    def bar(town):
        el = next(e for e in at.get("plotly_chart") if "th_bars" in e.proto.id)
        (trace,) = json.loads(el.proto.spec)["data"]
        return dict(zip(_arr(trace["x"]), _arr(trace["y"])))[town]

    assert at.segmented_control(key="th_bar_pool").value == "latest"
    assert bar("甲镇") == pytest.approx(_per_10k(texts[("甲镇", 2023)], dictionary, "enforcement"), abs=0.01)
    assert any("最近一年的报告" in c.value for c in at.caption)
    at.segmented_control(key="th_bar_pool").set_value("all").run()
    pooled = sum(dictionary.count(texts[("甲镇", y)])["enforcement"] for y in YEARS) * 10_000 / sum(
        len(texts[("甲镇", y)]) for y in YEARS)
    assert bar("甲镇") == pytest.approx(pooled, abs=0.01)
    assert any("共 3 份" in c.value for c in at.caption)


def test_year_filter_narrows_the_trend_and_the_overview(years_app):
    at = open_page("pages/themes.py")
    at.multiselect(key="th_trend_towns").set_value(["甲镇"]).run()
    at.slider(key="flt_years").set_value((2022, 2023)).run()
    assert "已选 8 / 12 份报告" in [c.value for c in at.sidebar.caption]
    for line in _trend(at).values():
        assert _arr(line["x"]) == [2022, 2023]
    at.switch_page("pages/overview.py").run()
    at.segmented_control(key="ov_by").set_value("year").run()
    heat = next(e for e in at.get("plotly_chart") if "ov_heatmap" in e.proto.id)
    assert sorted(json.loads(heat.proto.spec)["data"][0]["y"]) == ["2022", "2023"]


def test_single_year_selection_explains_that_no_trend_can_be_drawn(years_app):
    at = open_page("pages/themes.py")
    at.slider(key="flt_years").set_value((2021, 2021)).run()
    assert any("只有一个年份" in i.value for i in at.info)
    assert not any("th_trend" in e.proto.id for e in at.get("plotly_chart"))


def test_distinctive_terms_between_two_years(years_app):
    at = open_page("pages/keywords.py")
    at.segmented_control(key="kw_dim").set_value("year").run()
    assert at.selectbox(key="kw_a").options == ["2021", "2022", "2023"]
    at.selectbox(key="kw_b").set_value("2023").run()
    assert not at.exception
    diff = next(e for e in at.get("plotly_chart") if "kw_diff" in e.proto.id)
    points = json.loads(diff.proto.spec)["data"][0]
    assert len(points["text"]) > 10


# ---- the meeting view: 总览's first section and 乡镇档案 ---------------------------------------------------
def _stored(path):
    return Store(path).reports().set_index(["town", "year"])


def _expected_change(rows, town):
    prev, last = rows.loc[(town, 2022)], rows.loc[(town, 2023)]
    if last["lean_lo"] > prev["lean_hi"]:
        return "更偏普法"
    if last["lean_hi"] < prev["lean_lo"]:
        return "更偏执法"
    return "不明显"


def test_overview_ranks_every_town_by_its_latest_lean_with_the_change(years_app, years_db):
    at = open_page("pages/overview.py")
    assert not at.exception
    rows = _stored(years_db[0])
    table = at.dataframe[0].value
    assert set(table["乡镇"]) == set(TOWNS) and (table["年份"] == "2023").all()
    leans = [rows.loc[(t, 2023), "lean"] for t in table["乡镇"]]
    assert leans == sorted(leans, reverse=True) and table["排名"].tolist() == [1, 2, 3, 4]
    for _, r in table.iterrows():
        assert r["变化"].startswith(_expected_change(rows, r["乡镇"])) and "（比" not in r["变化"]  # 2022 → 2023
        assert r["执法"] == rows.loc[(r["乡镇"], 2023), "lean_zhifa"]
    lean = next(e for e in at.get("plotly_chart") if "ov_lean" in e.proto.id)
    points = sum(len(t["y"]) for t in json.loads(lean.proto.spec)["data"] if "y" in t)
    assert points == 4


def test_town_page_shows_years_and_changes_beyond_the_intervals(years_app, years_db):
    from analytics import figures

    at = open_page("pages/town.py", query={"town": "甲镇"})
    assert not at.exception
    assert at.title[0].value == "乡镇档案：甲镇"
    change = at.dataframe[0].value
    assert change["年份"].tolist() == ["2021→2022", "2022→2023"]
    lengths = Store(years_db[0]).reports().query("town == '甲镇'").sort_values("year")
    first, second = lengths.iloc[0], lengths.iloc[1]
    assert change.iloc[0]["篇幅"] == (f"{int(first['chars']):,} → {int(second['chars']):,} 字"
                                    f"（{int(first['n_units'])} → {int(second['n_units'])} 段）")
    store = Store(years_db[0])
    reports = store.reports().set_index("year")
    units = store.theme_counts(part="all").query("theme_id == 'enforcement'").set_index("report_id")["units"]
    town = reports[reports["town"] == "甲镇"]
    iv = {int(y): figures.share_interval(int(units[r["id"]]), int(r["n_units"])) for y, r in town.iterrows()}
    assert iv[2023].lo > iv[2022].hi  # the fixture's rise is beyond both intervals ...
    assert "行政执法" in change.iloc[1]["明显增多的主题"]
    assert "方法说明" in [e.label for e in at.expander]
    lean = json.loads(next(e for e in at.get("plotly_chart") if "town_lean" in e.proto.id).proto.spec)
    rows = lean["layout"]["yaxis"]["categoryarray"]  # plotly draws the first category at the bottom
    assert [r[-4:] for r in rows] == ["2023", "2022", "2021"]
    assert not (iv[2022].lo > iv[2021].hi) and "行政执法" not in change.iloc[0]["明显增多的主题"]  # ... the first is not
    # each year's lean is named in words beside the chart, as 总览 names it
    words = next(m.value for m in at.markdown if "2021" in m.value and "（" in m.value and "偏" in m.value)
    for year, r in town.iterrows():
        p, z = int(r["lean_pufa"]), int(r["lean_zhifa"])
        label = "无明显偏向" if p + z < 10 else "偏普法" if p >= 2 * z else "偏执法" if z >= 2 * p else "无明显偏向"
        label += "（把握不大）" if label != "无明显偏向" and not (r["lean_lo"] > 0 or r["lean_hi"] < 0) else ""
        assert f"{int(year)}" in words and f"{label}（普法 {p}、执法 {z} 次）" in words


def test_town_page_with_a_single_report_explains(app_db):
    at = open_page("pages/town.py", query={"town": "南郊镇"})  # the seed corpus: one report per town
    assert not at.exception and at.title[0].value == "乡镇档案：南郊镇"
    assert any("只有一份报告" in i.value for i in at.info)
    at.sidebar.selectbox(key="town_pick").set_value("周营镇").run()
    assert not at.exception and at.title[0].value == "乡镇档案：周营镇"
    assert any("只有一份报告" in i.value for i in at.info)
    # 周营镇 is the only 2023 report: it is compared with the other towns' reports of every year, and says so
    versus = next(d.value for d in at.dataframe if "比较范围" in d.value.columns)
    assert set(versus["比较范围"]) == {"无同年报告，改比各年 4 份"}
    assert "—" not in versus["本镇"].tolist() and "—" not in versus["同年其他报告"].tolist()
    # one report: the theme bars show the chosen themes only
    at.multiselect(key="town_themes").set_value(["enforcement", "law_popularization"]).run()
    el = next(e for e in at.get("plotly_chart") if "town_years" in e.proto.id)
    assert len(json.loads(el.proto.spec)["data"][0]["y"]) == 2


@needs_chromium
def test_town_briefing_holds_the_towns_charts_and_its_changes(years_app, monkeypatch, one_browser):
    import io

    from docx import Document

    from ui import briefing

    made = {}
    monkeypatch.setattr(briefing, "briefing_button", lambda make, **kw: made.setdefault(kw["key"], make))
    at = open_page("pages/town.py", query={"town": "甲镇"})
    assert not at.exception
    brief = made["town_briefing"]()
    assert brief.title == "甲镇法治政府建设报告档案" and "3 份报告（2021、2022、2023）" in brief.data_line
    doc = Document(io.BytesIO(briefing.briefing_docx(brief)))
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert len(doc.inline_shapes) == 2 and "2022→2023" in text and "与同年其他报告比较" in text
