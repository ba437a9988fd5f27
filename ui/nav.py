"""Click-through from charts to the KWIC page (原文检索).

Every clickable trace carries a navigation token as the first ``customdata`` field of each point:
a compact JSON object {"th": [theme ids], "t": [terms], "r": [report ids]}. A plotly ``on_select``
event (``{"selection": {"points": [{"customdata": ...}, ...]}}``) is turned into a
:class:`KwicTarget`, stored in ``st.session_state`` and the app switches to ``pages/kwic.py`` with
the same target in the query string (so the link can be shared).
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

KWIC_PAGE = "pages/kwic.py"
TOWN_PAGE = "pages/town.py"
STATE_KEY = "kwic_target"


@dataclass(frozen=True)
class KwicTarget:
    themes: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()

    def query_params(self) -> dict[str, list[str]]:
        out = {"theme": list(self.themes), "term": list(self.terms), "report": list(self.reports)}
        return {k: v for k, v in out.items() if v}


def token(*, themes: Sequence[str] = (), terms: Sequence[str] = (), reports: Sequence[str] | str = ()) -> str:
    """The navigation token for one chart point; ``reports`` may be a comma-joined string."""
    if isinstance(reports, str):
        reports = [r for r in reports.split(",") if r]
    obj = {"th": list(themes), "t": list(terms), "r": list(reports)}
    return json.dumps({k: v for k, v in obj.items() if v}, ensure_ascii=False, separators=(",", ":"))


def _decode(value: Any) -> KwicTarget | None:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if not isinstance(value, str) or not value.startswith("{"):
        return None
    try:
        obj = json.loads(value)
    except ValueError:
        return None
    target = KwicTarget(tuple(obj.get("th", ())), tuple(obj.get("t", ())), tuple(obj.get("r", ())))
    return target if (target.themes or target.terms) else None


def target_from_selection(event: Mapping[str, Any] | None) -> KwicTarget | None:
    """The KWIC target of a plotly selection event; several points merge (themes, terms, reports united)."""
    if not event:
        return None
    points = (event.get("selection") or {}).get("points") or []
    found = [t for t in (_decode(p.get("customdata")) for p in points) if t is not None]
    if not found:
        return None
    merge = lambda attr: tuple(dict.fromkeys(x for t in found for x in getattr(t, attr)))  # noqa: E731
    return KwicTarget(merge("themes"), merge("terms"), merge("reports"))


def town_token(town: str) -> str:
    """The navigation token of a point that stands for a town: a click opens its 乡镇档案. The name is
    HTML-escaped like every other report text that goes into a figure (``picked`` restores it)."""
    return json.dumps({"town": html.escape(town)}, ensure_ascii=False, separators=(",", ":"))


def _points(event: Mapping[str, Any] | None) -> list[dict]:
    if not event:
        return []
    return (event.get("selection") or {}).get("points") or []


def picked(event: Mapping[str, Any] | None, key: str) -> str | None:
    """The value under ``key`` in the first selected point's token ({"town": …}, {"weak": …}), if any."""
    for p in _points(event):
        value = p.get("customdata")
        value = value[0] if isinstance(value, (list, tuple)) and value else value
        if isinstance(value, str) and value.startswith("{"):
            try:
                obj = json.loads(value)
            except ValueError:
                continue
            if isinstance(obj, dict) and key in obj:
                return html.unescape(str(obj[key]))
    return None


def open_town(town: str) -> None:
    st.switch_page(TOWN_PAGE, query_params={"town": town})


def follow(event: Mapping[str, Any] | None) -> None:
    """on_select handler body: open the town page or the KWIC page for the selected point(s), if any."""
    town = picked(event, "town")
    if town is not None:
        open_town(town)
    target = target_from_selection(event)
    if target is not None:
        st.session_state[STATE_KEY] = target
        st.switch_page(KWIC_PAGE, query_params=target.query_params())


# The chart toolbar in Chinese: plotly.js takes a locale's dictionary with the chart (config.locales), so no
# locale file has to be registered in the page. Strings plotly.js shows on the toolbar and while zooming.
_ZH = {
    "Autoscale": "自动缩放", "Box Select": "框选", "Lasso Select": "套索选择", "Pan": "平移", "Zoom": "缩放",
    "Zoom in": "放大", "Zoom out": "缩小", "Reset axes": "还原坐标轴", "Reset view": "还原视图", "Reset views": "还原视图",
    "Reset": "还原", "Toggle Spike Lines": "显示或隐藏参考线", "Show closest data on hover": "悬停显示最近的数据",
    "Compare data on hover": "悬停比较数据", "Toggle show closest data on hover": "切换悬停显示方式",
    "Double-click to zoom back out": "双击还原", "Download plot as a png": "下载图片", "Download plot": "下载图片",
    "Produced with Plotly.js": "由 Plotly.js 绘制", "Snapshot succeeded": "图片已生成",
    "Taking snapshot - this may take a few seconds": "正在生成图片，请稍候",
    "Sorry, there was a problem downloading your snapshot!": "抱歉，图片下载失败",
    "trace": "系列", "new text": "新文字", "min:": "最小值：", "max:": "最大值：", "mean:": "平均值：", "median:": "中位数：",
}
# No plotly logo; no toolbar image button (its newplot.png has no title, date or source: each chart has its own
# PNG download, ui.images); no lasso or box selection (a click opens the sentences behind a point).
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["toImage", "lasso2d", "select2d"],
                "locale": "zh-CN", "locales": {"zh-CN": {"dictionary": _ZH}}}


def chart(fig, *, key: str, clickable: bool = True, follow_clicks: bool = True):
    """Render a plotly figure; with ``clickable`` a click on a point opens 原文检索 or the town's page
    (``follow_clicks=False`` returns the selection event to the caller instead)."""
    if not clickable:
        st.plotly_chart(fig, key=key, config=CHART_CONFIG)
        return None
    event = st.plotly_chart(fig, key=key, on_select="rerun", selection_mode=("points",), config=CHART_CONFIG)
    if follow_clicks:
        follow(event)
    return event


def incoming() -> KwicTarget | None:
    """The target handed to the KWIC page (session state first, then the query string); consumed once."""
    target = st.session_state.pop(STATE_KEY, None)
    qp = st.query_params
    if target is None and any(k in qp for k in ("theme", "term", "report")):
        target = KwicTarget(tuple(qp.get_all("theme")), tuple(qp.get_all("term")), tuple(qp.get_all("report")))
    for k in ("theme", "term", "report"):
        if k in qp:
            del qp[k]
    return target
