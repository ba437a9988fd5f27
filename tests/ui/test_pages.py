"""AppTest per page on the seed corpus: loads, honours the sidebar filter, click-through to KWIC."""

from __future__ import annotations

import json
import re

import pytest

from analytics import pipeline
from analytics.accounts import Account
from analytics.store import Store
from analytics.themes import load_dictionary
from tests.ui.conftest import open_page
from ui import nav

PAGES = ["overview", "themes", "keywords", "kwic", "quality", "manage"]
TITLES = {"overview": "总览", "themes": "主题对比", "keywords": "关键词", "kwic": "原文检索",
          "quality": "结构与质量", "manage": "语料管理"}


def _chart(at, key: str) -> dict:
    for el in at.get("plotly_chart"):
        if el.proto.id and key in el.proto.id:
            return json.loads(el.proto.spec)
    raise AssertionError(f"chart {key} not found")


def _choose_town(at, town: str):
    at.multiselect(key="flt_town").set_value([town]).run()
    assert not at.exception
    return at


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_on_the_seed_corpus(app_db, page):
    at = open_page(f"pages/{page}.py")
    assert not at.exception, at.exception
    assert at.title[0].value == TITLES[page]
    assert "已选 5 / 5 份报告" in [c.value for c in at.sidebar.caption] or page == "manage"
    assert "方法说明" in [e.label for e in at.expander]  # how the page's figures are made, off the surface
    # no English placeholder ("Choose options") on an empty multiselect
    assert all(re.search("[\u4e00-\u9fff]", m.proto.placeholder) for m in at.multiselect), \
        [m.proto.placeholder for m in at.multiselect]
    # nor Streamlit's English “Select all” entry in their drop-down lists
    assert all(not m.proto.select_all for m in at.multiselect), [m.key for m in at.multiselect if m.proto.select_all]


def test_overview_filter_changes_table_heatmap_and_headline(app_db):
    at = open_page("pages/overview.py")
    heat = _chart(at, "ov_heatmap")["data"][0]
    assert len(heat["y"]) == 5
    _choose_town(at, "周营镇")
    assert at.metric[0].value == "1"
    assert at.dataframe[0].value["乡镇"].tolist() == ["周营镇"]
    assert _chart(at, "ov_heatmap")["data"][0]["y"] == ["周营镇·2023"]


def test_themes_filter_changes_bars(app_db):
    at = open_page("pages/themes.py")
    towns = {x for trace in _chart(at, "th_bars")["data"] for x in trace["x"]}
    assert len(towns) == 5
    _choose_town(at, "南郊镇")
    towns = {x for trace in _chart(at, "th_bars")["data"] for x in trace["x"]}
    assert towns == {"南郊镇"}


def test_keywords_filter_changes_groups(app_db):
    at = open_page("pages/keywords.py")
    assert len(at.selectbox(key="kw_group").options) == 5
    _choose_town(at, "苏河镇")
    assert at.selectbox(key="kw_group").options == ["苏河镇"]
    bars = _chart(at, "kw_bars")["data"][0]
    assert len(bars["y"]) == 10


def test_a_report_with_few_keywords_says_why_it_shows_fewer(app_db):
    store = Store(app_db)
    res = pipeline.load_resources(store)
    text = ("桃源乡2023年法治政府建设情况报告\n2023年，桃源乡组织茶农学习《森林法》，茶农普遍反映收获很大。"
            "乡里为茶农开展护林巡查培训，茶农护林意识明显增强。\n桃源乡人民政府\n2024年1月5日")
    added = pipeline.Ingestor(store, resources=res, actor=Account.local_admin()).add_analysis(
        pipeline.analyse_text(text, resources=res, filename="桃源乡.txt"), source="t")
    assert added.status == "added"
    at = open_page("pages/keywords.py")
    at.selectbox(key="kw_group").set_value("桃源乡").run()
    shown = len(_chart(at, "kw_bars")["data"][0]["y"])
    assert 0 < shown < 10
    assert any(f"只有 {shown} 个词达到条件" in c.value for c in at.caption), [c.value for c in at.caption]
    at.selectbox(key="kw_group").set_value("苏河镇").run()
    assert not any("达到条件" in c.value for c in at.caption)


def test_kwic_filter_changes_hits(app_db):
    at = open_page("pages/kwic.py")
    at.text_input(key="kwic_terms").set_value("执法").run()
    assert "涉及 5 / 5 份报告" in at.subheader[0].value
    _choose_town(at, "商家镇")
    assert "/ 1 份报告" in at.subheader[0].value
    assert set(at.dataframe[-1].value["乡镇"]) == {"商家镇"}


def test_quality_filter_changes_checklist(app_db):
    at = open_page("pages/quality.py")
    assert len(at.dataframe[0].value) == 5
    _choose_town(at, "十里亭镇")
    assert at.dataframe[0].value["乡镇"].tolist() == ["十里亭镇"]


def test_quality_problem_sentences_are_shown_in_full_when_few(app_db):
    store = Store(app_db)
    at = open_page("pages/quality.py")
    assert not at.exception
    shown = at.table[0].value  # a static table: long sentences wrap instead of being cut off
    assert "问题句" in shown.columns and len(shown)
    stored = set(store.shortcomings().query("kind == 'problem'")["sentence"])
    assert set(shown["问题句"]) <= stored and max(map(len, shown["问题句"])) > 40


def test_quality_weaknesses_group_by_kind_of_problem_or_by_theme(app_db):
    at = open_page("pages/quality.py")
    assert at.radio(key="q_weak_by").value == "kind"
    by_kind = at.table[0].value
    assert "问题类型" not in by_kind.columns and "主题" in by_kind.columns  # the chosen kind's sentences
    at.radio(key="q_weak_by").set_value("theme").run()
    assert not at.exception
    by_theme = at.table[0].value
    assert "主题" not in by_theme.columns and "问题类型" in by_theme.columns


def test_manage_filter_changes_listing(app_db):
    at = open_page("pages/manage.py")
    assert len(at.dataframe[0].value) == 5
    _choose_town(at, "南郊镇")
    assert at.dataframe[0].value["乡镇"].tolist() == ["南郊镇"]


def test_filter_persists_across_pages_and_empty_state_explains(app_db):
    at = open_page("pages/overview.py")
    _choose_town(at, "周营镇")
    at.switch_page("pages/quality.py").run()
    assert at.dataframe[0].value["乡镇"].tolist() == ["周营镇"]
    at.multiselect(key="flt_town").set_value([]).run()
    at.slider(key="flt_years").set_value((2022, 2022)).run()
    assert "没有符合筛选条件的报告" in at.warning[0].value
    assert at.button(key="flt_reset_empty")
    at.button(key="flt_reset_empty").click().run()
    assert not at.warning and len(at.dataframe[0].value) == 5


def test_heatmap_cell_selection_opens_kwic_with_that_theme_and_report(app_db):
    at = open_page("pages/overview.py")
    cells = _chart(at, "ov_heatmap")["data"][1]  # the clickable layer over the heatmap
    k = next(k for k, (x, y) in enumerate(zip(cells["x"], cells["y"])) if (x, y) == ("行政执法", "南郊镇·2021"))
    # the shape of st.plotly_chart(on_select=...)'s event for a clicked cell
    event = {"selection": {"points": [{"curve_number": 1, "point_number": k, "point_index": k, "x": cells["x"][k],
                                       "y": cells["y"][k], "customdata": cells["customdata"][k]}],
                           "point_indices": [k], "box": [], "lasso": []}}
    target = nav.target_from_selection(event)
    store = Store(app_db)
    rid = store.reports().set_index("town").at["南郊镇", "id"]
    assert target == nav.KwicTarget(themes=("enforcement",), reports=(rid,))

    kwic = open_page("pages/kwic.py", session={nav.STATE_KEY: target})
    assert not kwic.exception
    assert kwic.multiselect(key="kwic_themes").value == ["enforcement"]
    assert kwic.multiselect(key="kwic_reports").value == [rid]
    stored = store.theme_counts().query("report_id == @rid and part_id == 'all' and theme_id == 'enforcement'")
    assert f"共出现 {int(stored['count'].iloc[0])} 次" in kwic.subheader[0].value
    assert set(kwic.dataframe[-1].value["乡镇"]) == {"南郊镇"}


def test_bar_selection_of_several_points_merges_targets():
    a = nav.token(themes=["enforcement"], reports="r1,r2")
    b = nav.token(themes=["law_popularization"], reports=["r2"])
    event = {"selection": {"points": [{"customdata": [a, 3, 1000]}, {"customdata": [b, 1, 900]}]}}
    assert nav.target_from_selection(event) == nav.KwicTarget(("enforcement", "law_popularization"), (), ("r1", "r2"))
    assert nav.target_from_selection({"selection": {"points": []}}) is None
    assert nav.target_from_selection({"selection": {"points": [{"customdata": ["not a token"]}]}}) is None


def test_kwic_honours_query_params_from_a_shared_link(app_db, seed_texts):
    at = open_page("pages/kwic.py", query={"term": "法律明白人"})
    assert at.text_input(key="kwic_terms").value == "法律明白人"
    expected = sum(t.count("法律明白人") for t in seed_texts.values())
    assert expected > 0 and f"共出现 {expected} 次" in at.subheader[0].value
    assert "<mark>法律明白人</mark>" in "".join(h.proto.body for h in at.get("html"))


def test_kwic_escapes_report_text(app_db, seed_texts):
    store = Store(app_db)
    text = "<script>alert(1)</script>执法检查。\n" + seed_texts["苏河镇"][:4000]
    ing = pipeline.Ingestor(store, resources=pipeline.load_resources(store), actor=Account.local_admin())
    ing.add_analysis(pipeline.analyse_text(text, resources=ing.resources, meta_overrides={"town": "测试镇"}), source="t")
    at = open_page("pages/kwic.py", query={"term": "执法检查"})
    body = "".join(h.proto.body for h in at.get("html") if "__reportsPrintFit" not in h.proto.body)  # not our print script
    assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_manage_write_controls_only_for_editors(app_db):
    anon = open_page("pages/manage.py")
    assert not any(h.value in ("添加报告", "更正元数据", "删除报告") for h in anon.subheader)
    editor = {"auth_account": Account("ed", "editor")}
    at = open_page("pages/manage.py", session=editor)
    assert {"添加报告", "更正元数据", "删除报告", "指标词典"} <= {h.value for h in at.subheader}
    at.text_area(key="mg_dict").set_value("themes:\n  - id: Bad\n    label: 坏\n    terms: []\n").run()
    at.button(key="mg_dict_check").click().run()
    assert "词典有以下问题" in at.error[0].value and "格式不对" in at.error[0].value
    rid = Store(app_db).reports()["id"].iloc[0]
    at.multiselect(key="mg_remove").set_value([rid]).run()
    at.checkbox(key="mg_sure").check().run()
    at.button(key="mg_remove_btn").click().run()
    assert not at.exception
    assert Store(app_db).count() == 4
    assert "已删除 1 份报告" in at.success[0].value
    assert at.subheader[0].value == "语料库（4 份报告）"


def test_dictionary_parse_used_for_theme_labels_matches_page(app_db):
    labels = {t.id: t.label for t in load_dictionary().themes}
    at = open_page("pages/kwic.py")
    at.segmented_control(key="kwic_mode").set_value("theme").run()
    assert set(at.multiselect(key="kwic_themes").options) == set(labels.values())


def test_kwic_shows_the_mentions_behind_a_towns_lean_counts(app_db):
    """The ranking's 普法/执法 numbers count the year's work only; 原文检索 can list exactly those mentions."""
    store = Store(app_db)
    r = store.reports().set_index("town").loc["南郊镇"]
    target = nav.KwicTarget(themes=("law_popularization",), reports=(r["id"],))
    at = open_page("pages/kwic.py", session={nav.STATE_KEY: target})
    everywhere = int(store.theme_counts().query("report_id == @r.id and part_id == 'all' and "
                                                "theme_id == 'law_popularization'")["count"].iloc[0])
    assert f"共出现 {everywhere} 次" in at.subheader[0].value
    parts_all = at.dataframe[-1].value["所在部分"].tolist()  # each line says which part of the report it is in
    assert {"不足和原因", "下一年安排"} & set(parts_all) and "举措和成效" in parts_all
    at.toggle(key="kwic_lean").set_value(True).run()
    assert not at.exception
    assert f"共出现 {int(r['lean_pufa'])} 次" in at.subheader[0].value and int(r["lean_pufa"]) < everywhere
    lines = at.dataframe[-1].value
    assert len(lines) == int(r["lean_pufa"])  # one line per counted mention
    assert not {"不足和原因", "下一年安排"} & set(lines["所在部分"])  # none from the shortcomings or the plans
