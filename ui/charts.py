"""Plotly figure builders: Chinese labels, plain-language hover, the unit on every value axis, 95 %
intervals where a reader would rank things. Report-derived text (town names, terms) is HTML-escaped
before it reaches plotly, which renders a subset of HTML in labels and hover text.

Clickable traces carry a navigation token (ui.nav) as the first customdata field.
"""

from __future__ import annotations

import html
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from analytics import figures
from ui import views
from ui.nav import token, town_token

FONT = "WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC, Noto Sans CJK SC, sans-serif"
PALETTE = qualitative.Safe + qualitative.Pastel
LEAN_COLOURS = {"偏普法": "#1f77b4", "偏执法": "#d62728", "无明显偏向": "#7f7f7f"}
# "本报告" is black: red means 偏执法 on every lean chart, and an upload need not lean that way
ME_COLOUR, CORPUS_COLOUR = "#111111", "#7f7f7f"


# 普法宣传 and 行政执法 keep the lean's colours on every chart that draws themes side by side
THEME_COLOURS = {"law_popularization": LEAN_COLOURS["偏普法"], "enforcement": LEAN_COLOURS["偏执法"]}


# the other themes' colours: none blue or red, so that only 普法 and 执法 read as the lean's two sides
_OTHER_THEME_COLOURS = ["#117733", "#DDCC77", "#AA4499", "#44AA99", "#999933", "#E69F00", "#8C564B", "#BCBD22",
                        "#B15928", "#7F7F7F", "#F0A6CA", "#9467BD"]


def theme_colours(theme_ids) -> dict[str, str]:
    """A colour per theme id, in order: 普法 blue and 执法 red as on the lean charts, the others neither."""
    others = iter(_OTHER_THEME_COLOURS * 4)
    return {t: THEME_COLOURS.get(t) or next(others) for t in dict.fromkeys(theme_ids)}


def esc(values) -> list[str]:
    return [html.escape(views.text_or_unknown(v)) for v in values]


def _layout(fig: go.Figure, *, height: int = 420, title: str | None = None) -> go.Figure:
    fig.update_layout(font_family=FONT, height=height, margin=dict(l=10, r=10, t=50 if title else 20, b=10),
                      title=title, legend_title_text="", hoverlabel=dict(font_family=FONT),
                      clickmode="event+select", template="plotly_white")
    return fig


def _click_layer(fig: go.Figure, m: pd.DataFrame, custom: np.ndarray, hovertemplate: str) -> None:
    """Plotly heatmaps emit no selection events in Streamlit (streamlit#8760): an invisible marker
    on every cell carries the hover text and makes the cell clickable."""
    rows, cols = np.meshgrid(np.arange(len(m.index)), np.arange(len(m.columns)), indexing="ij")
    fig.add_trace(go.Scatter(
        x=np.asarray(m.columns, dtype=object)[cols.ravel()], y=np.asarray(m.index, dtype=object)[rows.ravel()],
        mode="markers", marker=dict(size=18, opacity=0, symbol="square"), showlegend=False,
        customdata=custom.reshape(-1, custom.shape[-1]), hovertemplate=hovertemplate,
        selected=dict(marker=dict(opacity=0)), unselected=dict(marker=dict(opacity=0))))
    fig.update_layout(hovermode="closest")


def _fmt(metric: str) -> str:
    return {"per_10k": ":.1f", "unit_share": ":.1f", "count": ":.0f"}[metric]


def _custom(d: pd.DataFrame, cols: list[str]) -> np.ndarray:
    return d[cols].to_numpy(dtype=object)


def _error(d: pd.DataFrame) -> dict | None:
    if "lo" not in d or d["lo"].isna().all():
        return None
    return dict(type="data", symmetric=False, array=(d["hi"] - d["value"]).clip(lower=0),
                arrayminus=(d["value"] - d["lo"]).clip(lower=0), thickness=1, width=3, color="#555")


# ---- the 普法↔执法 lean --------------------------------------------------------------------------------------
# legend entries of the lean charts: each label, and a 偏 label whose interval crosses 0 (把握不大) as a hollow dot
LEAN_ENTRIES = [(kind, colour, symbol) for label, colour in LEAN_COLOURS.items()
                for kind, symbol in ([(label, "circle"), (label + views.DOUBT, "circle-open")]
                                     if label in views.LEAN_SIDES else [(label, "circle")])]


def lean_kinds(labels, firm) -> list[str]:
    """Each report's legend entry in LEAN_ENTRIES: its label, with 把握不大 when a 偏 label is not firm."""
    return [lbl + views.DOUBT if lbl in views.LEAN_SIDES and not f else lbl for lbl, f in zip(labels, firm)]


def lean_dots(leans: pd.DataFrame, *, max_rows: int = 30) -> go.Figure:
    """One row per town (its latest report): the lean with its 95 % interval, coloured by verdict; 0 = balance.
    A click opens the town's page."""
    d = views.lean_ends(leans, max_rows).iloc[::-1]
    names = [f"{html.escape(t)} {views.year_text(y, unknown='')}" + (" *" if s else "")
             for t, y, s in zip(d["town"], d["year"], d["short"])]
    fig = go.Figure()
    kinds = lean_kinds(d["label"], d["firm"])
    for kind, colour, symbol in LEAN_ENTRIES:
        g = d[[k == kind for k in kinds]]
        if g.empty:
            continue
        gn = [n for n, k in zip(names, kinds) if k == kind]
        fig.add_trace(go.Scatter(
            x=g["lean"], y=gn, mode="markers", name=kind,
            marker=dict(size=11, color=colour, symbol=symbol, line=dict(width=2, color=colour)),
            error_x=dict(type="data", symmetric=False, array=g["hi"] - g["lean"], arrayminus=g["lean"] - g["lo"],
                         color=colour, thickness=1.5, width=4),
            customdata=np.array([[town_token(t)] for t in g["town"]], dtype=object),
            hovertemplate="%{y}：%{x:+.2f}（" + kind + "）<br><i>点击打开乡镇档案</i><extra></extra>"))
    fig.add_vline(x=0, line_dash="dot", line_color="#888")
    order = names
    if len(leans) > max_rows:  # the two ends only
        order = _gap_row(fig, names, len(d), f"…… 中间 {len(leans) - max_rows} 个乡镇未显示（见排名表）")
    fig.update_xaxes(title_text="← 偏执法　　侧重指数　　偏普法 →", zeroline=False)
    fig.update_yaxes(categoryorder="array", categoryarray=order, title_text="")
    fig.update_layout(legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0))
    return _layout(fig, height=max(300, 90 + 22 * len(order)))


def _gap_row(fig: go.Figure, order: list[str], shown: int, label: str) -> list[str]:
    """The category order with a labelled empty row between the two ends kept by views.lean_ends (rows run
    bottom-up, the 执法 end first: the larger half below), and a faint line along it."""
    bottom = shown - shown // 2
    fig.add_hline(y=bottom, line_dash="dash", line_color="#ddd")
    return order[:bottom] + [label] + order[bottom:]


def report_lean_dots(rows: pd.DataFrame, *, me: dict | None = None, by_lean: bool = True,
                     left_out: int = 0) -> go.Figure:
    """Every report's lean with its interval, coloured as on 总览 (blue 偏普法, red 偏执法, grey 无明显偏向), and
    optionally this report's (a black diamond); rows ordered by lean, or as given (``by_lean=False``: one town's
    reports in year order, earliest at the top). ``left_out``: reports between the two ends of ``rows``
    (views.lean_ends) that are not drawn; a labelled empty row stands between the ends, as on 总览."""
    d = rows.copy()
    d["name"] = esc(d["label"])
    d["kind"] = lean_kinds(views.lean_labels(d["pufa"], d["zhifa"]),
                           [figures.firm(lo, hi) for lo, hi in zip(d["lo"], d["hi"])])
    if me is not None:
        d = pd.concat([d, pd.DataFrame([{"name": "本报告", "lean": me["value"], "lo": me["lo"], "hi": me["hi"],
                                         "kind": "本报告"}])], ignore_index=True)
    d = d.sort_values("lean") if by_lean else d.iloc[::-1]  # plotly draws the first category at the bottom
    fig = go.Figure()
    for kind, colour, symbol in [*LEAN_ENTRIES, ("本报告", ME_COLOUR, "diamond")]:
        g = d[d["kind"] == kind]
        if g.empty:
            continue
        is_me = kind == "本报告"
        fig.add_trace(go.Scatter(
            x=g["lean"], y=g["name"], mode="markers", name=kind,
            marker=dict(size=13 if is_me else 8, color=colour, symbol=symbol, line=dict(width=1.5, color=colour)),
            error_x=dict(type="data", symmetric=False, array=g["hi"] - g["lean"], arrayminus=g["lean"] - g["lo"],
                         color=colour, thickness=1, width=3),
            hovertemplate="%{y}：%{x:+.2f}<extra></extra>"))
    fig.add_vline(x=0, line_dash="dot", line_color="#888")
    order = list(d["name"])
    if left_out > 0 and by_lean:
        order = _gap_row(fig, order, len(rows), f"…… 中间 {left_out:,} 份报告未显示（见下载）")
    fig.update_xaxes(title_text="← 偏执法　侧重指数　偏普法 →")
    fig.update_yaxes(categoryorder="array", categoryarray=order, title_text="")
    fig.update_layout(legend=dict(orientation="h", y=1.02, yanchor="bottom"))
    return _layout(fig, height=max(260, 90 + 22 * len(order)))


# ---- themes ----------------------------------------------------------------------------------------------
def theme_heatmap(long: pd.DataFrame, *, metric: str, group_title: str = "报告") -> go.Figure:
    """Groups × themes, rows and columns ordered by clustering; a cell click opens that theme in that group.
    At most views.MAX_ROWS rows (the groups with most characters). Short reports do not set the colour scale."""
    m = views.matrix(long, max_rows=views.MAX_ROWS)
    reports = long.drop_duplicates("group").set_index("group")["report_ids"]
    rjson = {g: json.dumps(r.split(",")) for g, r in reports.items()}
    d = long[long["group"].isin(m.index)]
    d = d.assign(nav=['{"th":["%s"],"r":%s}' % (t, rjson[g]) for t, g in zip(d["theme_id"], d["group"])])
    piv = {c: d.pivot(index="group", columns="theme", values=c).reindex(index=m.index, columns=m.columns)
           for c in ("nav", "count", "units", "n_units")}
    custom = np.stack([piv["nav"].to_numpy(dtype=object), piv["count"].to_numpy(dtype=object),
                       m.to_numpy(dtype=object), piv["units"].to_numpy(dtype=object),
                       piv["n_units"].to_numpy(dtype=object)], axis=-1)
    unit = views.UNITS[metric]
    rows = esc(m.index)
    cols = esc(m.columns)
    fig = go.Figure(go.Heatmap(z=m.to_numpy(), x=cols, y=rows, colorscale="YlOrRd", zmin=0,
                               zmax=views.colour_max(d), hoverinfo="skip",
                               colorbar=dict(title=dict(text=views.axis_title(metric), side="right"))))
    m_esc = m.set_axis(rows, axis=0).set_axis(cols, axis=1)
    extra = "" if metric == "count" else "<br>提及次数：%{customdata[1]} 次"
    if metric == "unit_share":
        extra += "（%{customdata[3]} / %{customdata[4]} 段）"
    _click_layer(fig, m_esc, custom, f"{group_title}：%{{y}}<br>主题：%{{x}}<br>{views.METRICS[metric]}："
                                     f"%{{customdata[2]{_fmt(metric)}}} {unit}{extra}<br><i>点击查看原文</i><extra></extra>")
    fig.update_xaxes(title_text="主题", tickangle=-30)
    fig.update_yaxes(title_text=group_title, autorange="reversed")
    return _layout(fig, height=max(360, 120 + 26 * len(m)))


def grouped_bars(long: pd.DataFrame, *, metric: str, group_title: str = "乡镇") -> go.Figure:
    d = long.assign(nav=[token(themes=[t], reports=r) for t, r in zip(long["theme_id"], long["report_ids"])],
                    name=esc(long["group"]))
    tmpl = (f"{group_title}：%{{x}}<br>{views.METRICS[metric]}：%{{y{_fmt(metric)}}} {views.UNITS[metric]}"
            "（95% 区间 %{customdata[3]:.1f}–%{customdata[4]:.1f}）<br>提及次数：%{customdata[1]} 次<br>字数："
            "%{customdata[2]:,}<br><i>点击查看原文</i><extra>%{fullData.name}</extra>")
    colours = theme_colours(d["theme_id"])
    fig = go.Figure([go.Bar(x=g["name"], y=g["value"], name=html.escape(theme), error_y=_error(g),
                            customdata=_custom(g, ["nav", "count", "chars", "lo", "hi"]), hovertemplate=tmpl,
                            marker_color=colours[g["theme_id"].iloc[0]])
                     for theme, g in d.groupby("theme", sort=False)])
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text=group_title)
    fig.update_yaxes(title_text=views.axis_title(metric))
    return _layout(fig)


def trend_lines(long: pd.DataFrame, *, metric: str) -> go.Figure:
    """x = year, one line per town × theme (long needs columns town, year, theme, value, lo, hi, count, report_ids)."""
    d = long.assign(nav=[token(themes=[t], reports=r) for t, r in zip(long["theme_id"], long["report_ids"])])
    d = d.sort_values("year")
    towns = list(dict.fromkeys(d["town"]))
    dashes = ["solid", "dash", "dot", "dashdot", "longdash"]
    themes = list(dict.fromkeys(d["theme"]))
    tmpl = (f"%{{customdata[2]}} · %{{customdata[3]}}<br>年份：%{{x}}<br>{views.METRICS[metric]}："
            f"%{{y{_fmt(metric)}}} {views.UNITS[metric]}<br>提及次数：%{{customdata[1]}} 次<br><i>点击查看原文</i><extra></extra>")
    fig = go.Figure([go.Scatter(x=g["year"].astype(int), y=g["value"],
                                name=f"{html.escape(str(town))} · {html.escape(theme)}",
                                mode="lines+markers", error_y=_error(g),
                                customdata=np.c_[_custom(g, ["nav", "count"]), esc(g["town"]), esc(g["theme"])],
                                hovertemplate=tmpl,
                                line=dict(color=PALETTE[towns.index(town) % len(PALETTE)],
                                          dash=dashes[themes.index(theme) % len(dashes)]), marker_size=9)
                     for (town, theme), g in d.groupby(["town", "theme"], sort=False)])
    fig.update_xaxes(title_text="年份（年）", dtick=1, tickformat="d")
    fig.update_yaxes(title_text=views.axis_title(metric), rangemode="tozero")
    return _layout(fig)


def radar(long: pd.DataFrame, med: pd.DataFrame, *, metric: str) -> go.Figure:
    fig = go.Figure()
    themes = esc(med["theme"])
    unit = views.UNITS[metric]
    fig.add_trace(go.Scatterpolar(r=med["value"].tolist() + med["value"].tolist()[:1], theta=themes + themes[:1],
                                  name="所选报告的中位数", line=dict(dash="dash", color="#555"),
                                  hovertemplate=f"中位数 · %{{theta}}：%{{r{_fmt(metric)}}} {unit}<extra></extra>"))
    for i, (g, d) in enumerate(long.groupby("group", sort=False)):
        d = d.assign(theme=esc(d["theme"])).set_index("theme").reindex(themes)
        navs = [token(themes=[t], reports=r) for t, r in zip(d["theme_id"], d["report_ids"])]
        name = html.escape(str(g))
        fig.add_trace(go.Scatterpolar(
            r=d["value"].tolist() + d["value"].tolist()[:1], theta=themes + themes[:1], name=name, fill="toself",
            opacity=0.6, customdata=[[n] for n in navs + navs[:1]], line=dict(color=PALETTE[i % len(PALETTE)]),
            hovertemplate=f"{name} · %{{theta}}：%{{r{_fmt(metric)}}} {unit}<br><i>点击查看原文</i><extra></extra>"))
    # the unit goes in the title, not on the radial axis, where it overprinted the tick labels
    # (the domain leaves room for the theme labels at the top and the bottom, which were cut off)
    fig.update_layout(polar=dict(radialaxis=dict(angle=90, tickangle=90), domain=dict(y=[0.08, 0.92])))
    return _layout(fig, height=500, title=f"单位：{views.axis_title(metric)}")


SCATTER_LABELS_MAX = 30  # beyond this many reports the names would cover each other: hover shows them


def emphasis_scatter(points: pd.DataFrame, *, metric: str, x_label: str, y_label: str,
                     x_theme: str, y_theme: str) -> go.Figure:
    """Each report a point; dashed quadrant lines at the medians of the selected reports."""
    x_label, y_label = html.escape(x_label), html.escape(y_label)
    d = points.assign(nav=[token(themes=[x_theme, y_theme], reports=[i]) for i in points["id"]],
                      name=esc(points["label"]))
    fmt, unit = _fmt(metric), views.UNITS[metric]
    tmpl = (f"%{{customdata[1]}}<br>{x_label}：%{{x{fmt}}} {unit}<br>{y_label}：%{{y{fmt}}} {unit}"
            "<br>字数：%{customdata[2]:,}<br><i>点击查看原文</i><extra></extra>")
    towns = d["town"].map(views.text_or_unknown)
    groups = [(None, d, PALETTE[0])] if towns.nunique() > 15 else \
        [(html.escape(t), g, PALETTE[i % len(PALETTE)]) for i, (t, g) in enumerate(d.groupby(towns, sort=True))]
    labelled = len(d) <= SCATTER_LABELS_MAX  # few enough points to name each one on the chart (for a meeting)
    fig = go.Figure([go.Scatter(x=g["x"], y=g["y"], mode="markers+text" if labelled else "markers", name=name,
                                text=g["name"] if labelled else None, textposition="top center",
                                textfont=dict(size=11, color="#444"), hovertemplate=tmpl,
                                customdata=_custom(g, ["nav", "name", "chars"]), showlegend=name is not None,
                                marker=dict(size=12, color=color, line=dict(width=1, color="white")))
                     for name, g, color in groups])
    mx, my = float(points["x"].median()), float(points["y"].median())
    fig.add_vline(x=mx, line_dash="dot", line_color="#888", annotation_text=f"中位数 {mx:.1f}",
                  annotation_position="bottom right")  # at the top it would meet the names of the highest points
    fig.add_hline(y=my, line_dash="dot", line_color="#888", annotation_text=f"中位数 {my:.1f}")
    for tx, ty, text, xa, ya in ((1, 1, f"{x_label}多 · {y_label}多", "right", "top"),
                                 (0, 1, f"{y_label}为主", "left", "top"),
                                 (1, 0, f"{x_label}为主", "right", "bottom"),
                                 (0, 0, "两者都少", "left", "bottom")):
        fig.add_annotation(x=tx, y=ty, xref="paper", yref="paper", text=text, showarrow=False,
                           xanchor=xa, yanchor=ya, font=dict(color="#999", size=12))
    fig.update_xaxes(title_text=f"{x_label} {views.axis_title(metric)}", rangemode="tozero")
    fig.update_yaxes(title_text=f"{y_label} {views.axis_title(metric)}", rangemode="tozero")
    if labelled and len(d):  # room above the highest point for its name (autorange leaves none for text)
        fig.update_yaxes(range=[0, max(float(points["y"].max()), 0.0) * 1.12 or 1.0])
    return _layout(fig, height=480)


# ---- keywords --------------------------------------------------------------------------------------------
def keyword_bars(top: pd.DataFrame, *, group: str) -> go.Figure:
    d = top[top["group"] == group].sort_values("weight")
    d = d.assign(nav=[token(terms=[t], reports=r) for t, r in zip(d["term"], d["report_ids"])], name=esc(d["term"]))
    fig = go.Figure(go.Bar(x=d["weight"], y=d["name"], orientation="h", customdata=_custom(d, ["nav", "count"]),
                           marker_color=PALETTE[0],
                           hovertemplate="%{y}<br>出现 %{customdata[1]} 次<br><i>点击查看原文</i><extra></extra>"))
    fig.update_xaxes(title_text="特色程度（相对值：本组常用、其他报告少用的词更高）")
    fig.update_yaxes(title_text="关键词")
    return _layout(fig, height=max(300, 60 + 24 * len(d)))


def keyword_treemap(top: pd.DataFrame) -> go.Figure:
    import plotly.express as px  # here: the only chart that needs it (≈40 ms to import, off the first page)

    d = top.assign(group=esc(top["group"]), term=esc(top["term"]))
    fig = px.treemap(d, path=[px.Constant("全部"), "group", "term"], values="weight",
                     color="weight", color_continuous_scale="Blues")
    fig.update_traces(hovertemplate="%{label}<extra></extra>")
    fig.update_coloraxes(colorbar_title_text="特色程度")
    return _layout(fig, height=520)


_LOG_TICKS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]


def distinctive_scatter(d: pd.DataFrame, *, name_a: str, name_b: str, ids_a: str, ids_b: str,
                        labelled: int = 12) -> go.Figure:
    """Scattertext-style: frequency in A vs B (per 10,000 words, log axes), colour = which side a word leans to.
    Only the ``labelled`` most distinctive words at each end carry a text label (no overprinting)."""
    d = d.assign(nav=[token(terms=[t], reports=f"{ids_a},{ids_b}") for t in d["term"]], name=esc(d["term"]))
    pos = pd.concat([d.loc[d["freq_a"] > 0, "freq_a"], d.loc[d["freq_b"] > 0, "freq_b"]])
    floor = max(0.5 * float(pos.min()), 0.1) if len(pos) else 0.1
    x, y = d["freq_a"].clip(lower=floor), d["freq_b"].clip(lower=floor)
    lim = float(np.nanmax(np.abs(d["z"]))) if len(d) else 1.0
    order = d["z"].rank(method="first")
    show = (order <= labelled) | (order > len(d) - labelled)
    a, b = html.escape(name_a), html.escape(name_b)
    fig = go.Figure(go.Scatter(
        x=x, y=y, mode="markers+text", text=_one_label_per_spot(np.where(show, d["name"], ""), x, y),
        textposition="top center",
        textfont_size=11, customdata=_custom(d, ["nav", "count_a", "count_b", "freq_a", "freq_b", "name"]),
        marker=dict(size=8, color=d["z"], colorscale="RdBu_r", cmin=-lim, cmax=lim,
                    colorbar=dict(title=dict(text=f"红：偏{a}<br>蓝：偏{b}"), showticklabels=False)),
        hovertemplate=(f"%{{customdata[5]}}<br>{a}：%{{customdata[1]}} 次（%{{customdata[3]:.1f}} 次/万词）<br>"
                       f"{b}：%{{customdata[2]}} 次（%{{customdata[4]:.1f}} 次/万词）"
                       "<br><i>点击查看原文</i><extra></extra>"), showlegend=False))
    hi = float(max(x.max(), y.max())) if len(d) else 10.0
    fig.add_trace(go.Scatter(x=[floor, hi], y=[floor, hi], mode="lines", line=dict(dash="dot", color="#aaa"),
                             hoverinfo="skip", showlegend=False))
    ticks = [t for t in _LOG_TICKS if floor / 2 <= t <= hi * 2]
    fig.update_xaxes(type="log", title_text=f"{a} 中每万词出现次数（对数刻度）", tickvals=ticks,
                     ticktext=[f"{t:g}" for t in ticks])
    fig.update_yaxes(type="log", title_text=f"{b} 中每万词出现次数（对数刻度）", tickvals=ticks,
                     ticktext=[f"{t:g}" for t in ticks])
    return _layout(fig, height=580)


def _one_label_per_spot(labels, x, y) -> list[str]:
    """Words at the very same point (equal counts on both sides) would print over each other: the first keeps
    its label as "词 等 N 个", the others none (each still has its own hover)."""
    out, first, n = list(labels), {}, {}
    for i, (lbl, spot) in enumerate(zip(out, zip(np.round(np.asarray(x, float), 6), np.round(np.asarray(y, float), 6)))):
        if not lbl:
            continue
        if spot in first:
            n[spot] += 1
            out[i] = ""
        else:
            first[spot], n[spot] = i, 1
    for spot, i in first.items():
        if n[spot] > 1:
            out[i] = f"{out[i]} 等 {n[spot]} 个"
    return out


def keyword_heatmap(long: pd.DataFrame, *, metric: str, group_title: str = "报告", max_cols: int = 60) -> go.Figure:
    """Keywords × groups; at most ``max_cols`` columns (the groups where these keywords are most frequent)."""
    m = long.pivot(index="term", columns="group", values="value").fillna(0.0)
    if m.shape[1] > max_cols:
        m = m[m.sum().nlargest(max_cols).index]
    m = m.loc[m.sum(axis=1).sort_values(ascending=False).index]
    rid = long.drop_duplicates("group").set_index("group")["report_ids"]
    rjson = {g: json.dumps(r.split(",")) for g, r in rid.items() if g in m.columns}
    d = long[long["group"].isin(m.columns)]
    d = d.assign(nav=['{"t":%s,"r":%s}' % (json.dumps([t], ensure_ascii=False), rjson[g])
                      for t, g in zip(d["term"], d["group"])])
    nav = d.pivot(index="term", columns="group", values="nav").reindex(index=m.index, columns=m.columns)
    cnt = d.pivot(index="term", columns="group", values="count").reindex(index=m.index, columns=m.columns)
    custom = np.stack([nav.to_numpy(dtype=object), cnt.to_numpy(dtype=object), m.to_numpy(dtype=object)], axis=-1)
    units = views.KEYWORD_UNITS[metric]
    me = m.set_axis(esc(m.index), axis=0).set_axis(esc(m.columns), axis=1)
    fig = go.Figure(go.Heatmap(z=m.to_numpy(), x=list(me.columns), y=list(me.index), colorscale="Blues",
                               colorbar=dict(title=dict(text=f"{views.KEYWORD_METRICS[metric]}（{units}）", side="right")),
                               hoverinfo="skip"))
    extra = "" if metric == "count" else "<br>次数：%{customdata[1]} 次"
    _click_layer(fig, me, custom, f"关键词：%{{y}}<br>{group_title}：%{{x}}<br>{views.KEYWORD_METRICS[metric]}："
                                  f"%{{customdata[2]:.1f}} {units}{extra}<br><i>点击查看原文</i><extra></extra>")
    fig.update_xaxes(title_text=group_title, tickangle=-30)
    fig.update_yaxes(title_text="关键词", autorange="reversed")
    return _layout(fig, height=max(360, 100 + 22 * len(m)))


# ---- structure and quality --------------------------------------------------------------------------------
def part_bars(long: pd.DataFrame, *, metric: str) -> go.Figure:
    unit = "字" if metric == "chars" else "%"
    tmpl = (f"%{{y}} · %{{fullData.name}}<br>%{{x}} {unit}<br>本部分字数：%{{customdata[0]:,}}"
            "<br>全文字数：%{customdata[1]:,}<extra></extra>")
    fig = go.Figure([go.Bar(y=esc(g["label"]), x=g["value"], name=part, orientation="h", hovertemplate=tmpl,
                            customdata=_custom(g, ["chars", "report_chars"]), marker_color=PALETTE[i % len(PALETTE)])
                     for i, (part, g) in enumerate(long.groupby("part", sort=False))])
    fig.update_layout(barmode="stack", legend=dict(orientation="h", y=1.02, yanchor="bottom"))
    fig.update_xaxes(title_text="字数（字）" if metric == "chars" else "占全文比例（%）")
    fig.update_yaxes(title_text="报告", autorange="reversed")
    return _layout(fig, height=max(300, 120 + 26 * long["label"].nunique()))


def quality_scatter(reports: pd.DataFrame) -> go.Figure:
    d = reports.assign(stock=(reports["stock_share"].astype(float) * 100).fillna(0), name=esc(reports["label"]))
    tmpl = ("%{customdata[0]}<br>具体度：%{x:.1f} 处/万字<br>套话占比：%{y:.1f}%"
            "<br>字数：%{customdata[1]:,}<br>前四部分齐全：%{customdata[2]} 部分<extra></extra>")
    fig = go.Figure(go.Scatter(x=d["concreteness"], y=d["stock"], mode="markers", hovertemplate=tmpl,
                               customdata=_custom(d, ["name", "chars", "parts_complete"]),
                               marker=dict(size=10, color=PALETTE[0], line=dict(width=1, color="white"))))
    fig.update_xaxes(title_text="具体度（写明数字的成效与举措，处/万字）", rangemode="tozero")
    fig.update_yaxes(title_text="套话占比（%）", rangemode="tozero")
    return _layout(fig)


def weakness_bars(w: pd.DataFrame, *, group_title: str = "主题") -> go.Figure:
    """Groups (kinds of problem or themes: views.weaknesses) of the self-reported shortcomings; a click lists
    that group's problem sentences (on the page)."""
    d = w.sort_values("towns")
    d = d.assign(pick=[json.dumps({"weak": html.escape(t)}, ensure_ascii=False) for t in d["group"]],
                 group=esc(d["group"]))
    fig = go.Figure(go.Bar(x=d["towns"], y=d["group"], orientation="h", customdata=_custom(d, ["pick", "sentences"]),
                           marker_color="#d62728", hovertemplate="%{y}<br>提到的乡镇：%{x} 个<br>问题句："
                                                                 "%{customdata[1]} 句<br><i>点击查看这些句子</i><extra></extra>"))
    fig.update_xaxes(title_text="提到该问题的乡镇数（个）", dtick=1 if d["towns"].max() <= 15 else None)  # integers
    fig.update_yaxes(title_text=group_title)
    return _layout(fig, height=max(280, 80 + 30 * len(d)))


def kwic_counts(counts: pd.DataFrame, *, metric: str) -> go.Figure:
    units = views.KEYWORD_UNITS[metric]
    fig = go.Figure(go.Bar(x=esc(counts["label"]), y=counts["value"], customdata=_custom(counts, ["count", "chars"]),
                           marker_color=PALETTE[0],
                           hovertemplate=f"%{{x}}<br>{views.KEYWORD_METRICS[metric]}：%{{y:.1f}} {units}"
                                         "<br>次数：%{customdata[0]} 次<br>字数：%{customdata[1]:,}<extra></extra>"))
    fig.update_layout(bargap=max(0.2, 0.85 - 0.1 * len(counts)))
    fig.update_xaxes(title_text="报告", tickangle=-30)
    fig.update_yaxes(title_text=f"{views.KEYWORD_METRICS[metric]}（{units}）")
    return _layout(fig, height=340)


def year_profile(long: pd.DataFrame, *, metric: str) -> go.Figure:
    """One town's theme profile per year: lines per theme with 95 % intervals (乡镇档案)."""
    d = long.sort_values("year")
    colours = theme_colours(d["theme_id"]) if "theme_id" in d else {}
    fig = go.Figure([go.Scatter(x=g["year"].astype(int), y=g["value"], name=html.escape(theme), mode="lines+markers",
                                error_y=_error(g), marker_size=8,
                                line=dict(color=colours.get(g["theme_id"].iloc[0]) if colours else PALETTE[i % len(PALETTE)]),
                                hovertemplate=f"{html.escape(theme)} · %{{x}}年：%{{y{_fmt(metric)}}} {views.UNITS[metric]}<extra></extra>")
                     for i, (theme, g) in enumerate(d.groupby("theme", sort=False))])
    fig.update_xaxes(title_text="年份（年）", dtick=1, tickformat="d")
    fig.update_yaxes(title_text=views.axis_title(metric), rangemode="tozero")
    return _layout(fig, height=420)


def theme_profile_bars(long: pd.DataFrame, *, metric: str) -> go.Figure:
    """One report's themes as horizontal bars with 95 % intervals (乡镇档案 when the town has one year)."""
    d = long.sort_values("value")
    fig = go.Figure(go.Bar(x=d["value"], y=esc(d["theme"]), orientation="h", marker_color=PALETTE[0],
                           error_x=_error(d) and {**_error(d), "array": (d["hi"] - d["value"]).clip(lower=0),
                                                  "arrayminus": (d["value"] - d["lo"]).clip(lower=0)},
                           hovertemplate=f"%{{y}}：%{{x{_fmt(metric)}}} {views.UNITS[metric]}<extra></extra>"))
    fig.update_xaxes(title_text=views.axis_title(metric), rangemode="tozero")
    fig.update_yaxes(title_text="")
    return _layout(fig, height=max(300, 60 + 26 * len(d)))
