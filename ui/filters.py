"""The shared sidebar filter (县区, 乡镇, 年份, 层级) every page honours, and the empty state.

Widget values are copied to session keys that outlive the widgets (ui.widgets.keep), so the filter
set on one page still applies after switching to another.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ui import views, widgets

UNKNOWN = "未知"
KEYS = ("flt_county", "flt_town", "flt_years", "flt_level")


@dataclass(frozen=True)
class FilterSpec:
    counties: tuple[str, ...] = ()
    towns: tuple[str, ...] = ()
    years: tuple[int, int] | None = None  # None = every year, reports without a year included
    levels: tuple[str, ...] = ()


def _col(reports: pd.DataFrame, name: str) -> pd.Series:
    return reports[name].fillna(UNKNOWN).replace("", UNKNOWN)


def apply(reports: pd.DataFrame, spec: FilterSpec) -> list[str]:
    """Ids of the reports matching the filter (empty selections mean 'all')."""
    keep = pd.Series(True, index=reports.index)
    if spec.counties:
        keep &= _col(reports, "county").isin(spec.counties)
    if spec.towns:
        keep &= _col(reports, "town").isin(spec.towns)
    if spec.levels:
        keep &= _col(reports, "level").isin(spec.levels)
    if spec.years is not None:
        y = reports["year"]
        keep &= y.notna() & y.between(*spec.years).fillna(False).astype(bool)
    return reports.loc[keep, "id"].tolist()


def _options(reports: pd.DataFrame, name: str) -> list[str]:
    return sorted(_col(reports, name).unique().tolist())


def _reset() -> None:
    for k in KEYS:
        widgets.forget(k)


def read_spec(reports: pd.DataFrame, *, draw: bool = True, into=None) -> FilterSpec:
    """Draw the sidebar widgets (into the container ``into``, by default the sidebar) and return what they
    select. With ``draw=False`` nothing is drawn: the selection is read from the session state, which holds
    every widget's value before the widget is drawn (``widgets.keep`` restores it), so drawing them later
    in the same run returns the same selection."""
    sb = st.sidebar if into is None else into

    def choose(widget, label, options, key, default, valid, **kw):
        kept = widgets.keep(key, default, valid=valid)
        return getattr(sb, widget)(label, options, key=key, **kw, **kept) if draw else st.session_state[key]

    if draw:
        sb.markdown("#### 筛选")
    options = _options(reports, "county")
    counties = choose("multiselect", "县区", options, "flt_county", [], lambda v, o=options: [x for x in v if x in o],
                      placeholder="全部县区", select_all=False)
    towns_in = reports if not counties else reports[_col(reports, "county").isin(counties)]
    options = _options(towns_in, "town")
    towns = choose("multiselect", "乡镇", options, "flt_town", [], lambda v, o=options: [x for x in v if x in o],
                   placeholder="全部乡镇", select_all=False)
    years = reports["year"].dropna().astype(int)
    span = None
    if years.nunique() >= 2:
        lo, hi = int(years.min()), int(years.max())
        clip = lambda v: (max(lo, min(int(v[0]), hi)), min(hi, max(int(v[1]), lo)))  # noqa: E731
        kept = widgets.keep("flt_years", (lo, hi), valid=clip)
        chosen = sb.slider("年份范围", lo, hi, step=1, key="flt_years", **kept) if draw else st.session_state["flt_years"]
        span = None if tuple(chosen) == (lo, hi) else (int(chosen[0]), int(chosen[1]))
    elif len(years) and draw:
        sb.caption(f"年份：{int(years.iloc[0])}（语料库只有这一年）")
    options = _options(reports, "level")
    levels = choose("multiselect", "层级", options, "flt_level", [], lambda v, o=options: [x for x in v if x in o],
                    placeholder="全部层级", select_all=False, format_func=lambda v: views.LEVEL_LABELS.get(v, v))
    return FilterSpec(tuple(counties), tuple(towns), span, tuple(levels))


def sidebar(corpus):
    """Filter the corpus by the sidebar selection; stop the page with an explanation when nothing matches."""
    corpus, draw = sidebar_later(corpus)
    draw()
    return corpus


def sidebar_later(corpus):
    """``sidebar`` for a page that shows its first chart before the sidebar: the corpus filtered by the
    selection (read from the session state) and a function that draws the filter widgets into their place
    at the top of the sidebar, to be called later in the same run. The widgets' script code (and their
    front-end code) then comes after the chart's, so the chart reaches the screen sooner."""
    reports = corpus.reports
    if reports.empty:
        st.info("语料库中还没有报告。请到「语料管理」页上传乡镇法治政府建设年度报告（.txt、.docx、.pdf），"
                "或在命令行运行 `python -m analytics ingest 文件夹`。")
        st.page_link("pages/manage.py", label="前往语料管理", icon="🗂️")
        st.stop()
    slot = st.sidebar.container()
    ids = apply(reports, read_spec(reports, draw=False))

    def draw() -> None:
        read_spec(reports, into=slot)
        slot.caption(f"已选 {len(ids)} / {len(reports)} 份报告")
        slot.button("清除筛选", on_click=_reset, key="flt_reset", disabled=len(ids) == len(reports))

    if not ids:
        draw()
        st.warning("没有符合筛选条件的报告。")
        st.markdown("当前的县区、乡镇、年份和层级组合下没有任何报告。可以：\n"
                    "- 在左侧减少或清除某个条件（例如所选乡镇不属于所选县区，或该年份没有报告）；\n"
                    "- 点击下方按钮清除全部筛选；\n- 到「语料管理」页添加缺少的报告。")
        st.button("清除全部筛选", on_click=_reset, key="flt_reset_empty", type="primary")
        st.stop()
    return (corpus if len(ids) == len(reports) else views.restrict(corpus, ids)), draw
