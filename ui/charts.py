"""Plotly figure builders: Chinese labels, hover details, the unit on every value axis.

Clickable traces carry a navigation token (ui.nav.token) as the first customdata field.
Plotly renders a subset of HTML (<a href>, <b>, <br> …) in tick labels, legend names, annotations,
titles and hover text: every text that comes from a report or a user (towns, labels, terms, theme
names) goes through ``_plain`` so that it shows as typed.
"""

from __future__ import annotations

import html
import json

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ui import views
from ui.nav import token

FONT = "WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC, Noto Sans CJK SC, sans-serif"
PALETTE = px.colors.qualitative.Safe + px.colors.qualitative.Pastel


def _plain(values):
    """Text for plotly, shown as typed: & < > escaped (plotly decodes only these and numeric entities)."""
    if isinstance(values, str):
        return html.escape(values, quote=False)
    return [html.escape(v, quote=False) if isinstance(v, str) else v for v in values]


def _layout(fig: go.Figure, *, height: int = 420, title: str | None = None) -> go.Figure:
    fig.update_layout(font_family=FONT, height=height, margin=dict(l=10, r=10, t=50 if title else 20, b=10),
                      title=title, legend_title_text="", hoverlabel=dict(font_family=FONT),
                      clickmode="event+select")
    return fig


def _click_layer(fig: go.Figure, m: pd.DataFrame, custom: np.ndarray, hovertemplate: str) -> None:
    """Plotly heatmaps emit no selection events in Streamlit (streamlit#8760): an invisible marker
    on every cell carries the hover text and makes the cell clickable."""
    rows, cols = np.meshgrid(np.arange(len(m.index)), np.arange(len(m.columns)), indexing="ij")
    fig.add_trace(go.Scatter(
        x=np.asarray(_plain(m.columns), dtype=object)[cols.ravel()],
        y=np.asarray(_plain(m.index), dtype=object)[rows.ravel()],
        mode="markers", marker=dict(size=18, opacity=0, symbol="square"), showlegend=False,
        customdata=custom.reshape(-1, custom.shape[-1]), hovertemplate=hovertemplate,
        selected=dict(marker=dict(opacity=0)), unselected=dict(marker=dict(opacity=0))))
    fig.update_layout(hovermode="closest")


def _fmt(metric: str) -> str:
    return {"per_10k": ":.2f", "share": ":.1f", "count": ":.0f"}[metric]


def theme_heatmap(long: pd.DataFrame, *, metric: str, group_title: str = "报告") -> go.Figure:
    """Groups × themes, rows and columns ordered by clustering; a cell click opens that theme in that group.
    At most views.MAX_ROWS rows (the groups with most characters)."""
    m = views.matrix(long, max_rows=views.MAX_ROWS)
    reports = long.drop_duplicates("group").set_index("group")["report_ids"]
    rjson = {g: json.dumps(r.split(",")) for g, r in reports.items()}
    d = long[long["group"].isin(m.index)]
    d = d.assign(nav=['{"th":["%s"],"r":%s}' % (t, rjson[g]) for t, g in zip(d["theme_id"], d["group"])])
    nav = d.pivot(index="group", columns="theme", values="nav").reindex(index=m.index, columns=m.columns)
    cnt = d.pivot(index="group", columns="theme", values="count").reindex(index=m.index, columns=m.columns)
    custom = np.stack([nav.to_numpy(dtype=object), cnt.to_numpy(dtype=object), m.to_numpy(dtype=object)], axis=-1)
    unit = views.UNITS[metric]
    fig = go.Figure(go.Heatmap(z=m.to_numpy(), x=_plain(m.columns), y=_plain(m.index), colorscale="YlOrRd",
                               colorbar=dict(title=dict(text=views.axis_title(metric), side="right")),
                               hoverinfo="skip"))
    _click_layer(fig, m, custom, f"{group_title}：%{{y}}<br>主题：%{{x}}<br>{views.METRICS[metric]}："
                                 f"%{{customdata[2]{_fmt(metric)}}} {unit}<br>次数：%{{customdata[1]}} 次"
                                 "<br><i>点击查看原文</i><extra></extra>")
    fig.update_xaxes(title_text="主题", tickangle=-30)
    fig.update_yaxes(title_text=group_title, autorange="reversed")
    return _layout(fig, height=max(360, 120 + 26 * len(m)))


def _by_town(d: pd.DataFrame, *, max_legend: int = 15):
    """(legend name, rows, colour) per town when there are few towns, else one trace for all."""
    towns = d["town"].fillna("未知")
    if towns.nunique() > max_legend:
        yield None, d, PALETTE[0]
        return
    for i, (town, g) in enumerate(d.groupby(towns, sort=True)):
        yield _plain(town), g, PALETTE[i % len(PALETTE)]


def _custom(d: pd.DataFrame, cols: list[str], *, plain: tuple[str, ...] = ()) -> np.ndarray:
    """customdata columns; those in ``plain`` are shown in hover text, so escaped (never the nav token)."""
    d = d.assign(**{c: _plain(d[c]) for c in plain})
    return d[cols].to_numpy(dtype=object)


def grouped_bars(long: pd.DataFrame, *, metric: str, group_title: str = "乡镇") -> go.Figure:
    d = long.assign(nav=[token(themes=[t], reports=r) for t, r in zip(long["theme_id"], long["report_ids"])])
    tmpl = (f"{group_title}：%{{x}}<br>{views.METRICS[metric]}：%{{y{_fmt(metric)}}} {views.UNITS[metric]}"
            "<br>次数：%{customdata[1]} 次<br>字数：%{customdata[2]:,}<br><i>点击查看原文</i><extra>%{fullData.name}</extra>")
    fig = go.Figure([go.Bar(x=_plain(g["group"]), y=g["value"], name=_plain(theme),
                            customdata=_custom(g, ["nav", "count", "chars"]),
                            hovertemplate=tmpl, marker_color=PALETTE[i % len(PALETTE)])
                     for i, (theme, g) in enumerate(d.groupby("theme", sort=False))])
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text=group_title)
    fig.update_yaxes(title_text=views.axis_title(metric))
    return _layout(fig)


def trend_lines(long: pd.DataFrame, *, metric: str) -> go.Figure:
    """x = year, one line per town × theme (long needs columns town, year, theme, value, count, report_ids)."""
    d = long.assign(nav=[token(themes=[t], reports=r) for t, r in zip(long["theme_id"], long["report_ids"])])
    d = d.sort_values("year")
    towns = list(dict.fromkeys(d["town"]))
    dashes = ["solid", "dash", "dot", "dashdot", "longdash"]
    themes = list(dict.fromkeys(d["theme"]))
    tmpl = (f"%{{customdata[2]}} · %{{customdata[3]}}<br>年份：%{{x}}<br>{views.METRICS[metric]}："
            f"%{{y{_fmt(metric)}}} {views.UNITS[metric]}<br>次数：%{{customdata[1]}} 次<br><i>点击查看原文</i><extra></extra>")
    fig = go.Figure([go.Scatter(x=g["year"].astype(int), y=g["value"], name=_plain(f"{town} · {theme}"),
                                mode="lines+markers", hovertemplate=tmpl,
                                customdata=_custom(g, ["nav", "count", "town", "theme"], plain=("town", "theme")),
                                line=dict(color=PALETTE[towns.index(town) % len(PALETTE)],
                                          dash=dashes[themes.index(theme) % len(dashes)]), marker_size=9)
                     for (town, theme), g in d.groupby(["town", "theme"], sort=False)])
    fig.update_xaxes(title_text="年份（年）", dtick=1, tickformat="d")
    fig.update_yaxes(title_text=views.axis_title(metric), rangemode="tozero")
    return _layout(fig)


def radar(long: pd.DataFrame, med: pd.DataFrame, *, metric: str) -> go.Figure:
    fig = go.Figure()
    themes = med["theme"].tolist()
    shown = _plain(themes)
    unit = views.UNITS[metric]
    fig.add_trace(go.Scatterpolar(r=med["value"].tolist() + med["value"].tolist()[:1], theta=shown + shown[:1],
                                  name="语料库中位数", line=dict(dash="dash", color="#555"),
                                  hovertemplate=f"中位数 · %{{theta}}：%{{r{_fmt(metric)}}} {unit}<extra></extra>"))
    for i, (g, d) in enumerate(long.groupby("group", sort=False)):
        d = d.set_index("theme").reindex(themes)
        navs = [token(themes=[t], reports=r) for t, r in zip(d["theme_id"], d["report_ids"])]
        fig.add_trace(go.Scatterpolar(
            r=d["value"].tolist() + d["value"].tolist()[:1], theta=shown + shown[:1], name=_plain(g), fill="toself",
            opacity=0.6, customdata=[[n] for n in navs + navs[:1]], line=dict(color=PALETTE[i % len(PALETTE)]),
            hovertemplate=f"%{{fullData.name}} · %{{theta}}：%{{r{_fmt(metric)}}} {unit}<br><i>点击查看原文</i><extra></extra>"))
    fig.update_layout(polar=dict(radialaxis=dict(title=dict(text=unit), angle=90, tickangle=90)))
    return _layout(fig, height=480)


def emphasis_scatter(points: pd.DataFrame, *, metric: str, x_label: str, y_label: str,
                     x_theme: str, y_theme: str) -> go.Figure:
    """Each report a point; dashed quadrant lines at the corpus medians."""
    x_label, y_label = _plain(x_label), _plain(y_label)
    d = points.assign(nav=[token(themes=[x_theme, y_theme], reports=[i]) for i in points["id"]])
    fmt, unit = _fmt(metric), views.UNITS[metric]
    tmpl = (f"%{{customdata[1]}}<br>{x_label}：%{{x{fmt}}} {unit}<br>{y_label}：%{{y{fmt}}} {unit}"
            "<br>字数：%{customdata[2]:,}<br><i>点击查看原文</i><extra></extra>")
    fig = go.Figure([go.Scatter(x=g["x"], y=g["y"], mode="markers", name=name, hovertemplate=tmpl,
                                customdata=_custom(g, ["nav", "label", "chars"], plain=("label",)),
                                showlegend=name is not None,
                                marker=dict(size=12, color=color, line=dict(width=1, color="white")))
                     for name, g, color in _by_town(d)])
    mx, my = float(points["x"].median()), float(points["y"].median())
    fig.add_vline(x=mx, line_dash="dot", line_color="#888", annotation_text=f"中位数 {mx:.2f}")
    fig.add_hline(y=my, line_dash="dot", line_color="#888", annotation_text=f"中位数 {my:.2f}")
    for tx, ty, text, xa, ya in ((1, 1, f"{x_label}多 · {y_label}多", "right", "top"),
                                 (0, 1, f"{y_label}为主", "left", "top"),
                                 (1, 0, f"{x_label}为主", "right", "bottom"),
                                 (0, 0, "两者都少", "left", "bottom")):
        fig.add_annotation(x=tx, y=ty, xref="paper", yref="paper", text=text, showarrow=False,
                           xanchor=xa, yanchor=ya, font=dict(color="#999", size=12))
    fig.update_xaxes(title_text=f"{x_label} {views.axis_title(metric)}", rangemode="tozero")
    fig.update_yaxes(title_text=f"{y_label} {views.axis_title(metric)}", rangemode="tozero")
    return _layout(fig, height=480)


def keyword_bars(top: pd.DataFrame, *, group: str) -> go.Figure:
    d = top[top["group"] == group].sort_values("weight")
    d = d.assign(nav=[token(terms=[t], reports=r) for t, r in zip(d["term"], d["report_ids"])])
    fig = go.Figure(go.Bar(x=d["weight"], y=_plain(d["term"]), orientation="h", customdata=_custom(d, ["nav"]),
                           marker_color=PALETTE[0],
                           hovertemplate="关键词：%{y}<br>TF-IDF 权重：%{x:.4f}<br><i>点击查看原文</i><extra></extra>"))
    fig.update_xaxes(title_text="TF-IDF 权重（无量纲）")
    fig.update_yaxes(title_text="关键词")
    return _layout(fig, height=max(300, 60 + 24 * len(d)))


def keyword_treemap(top: pd.DataFrame) -> go.Figure:
    top = top.assign(group=_plain(top["group"]), term=_plain(top["term"]))
    fig = px.treemap(top, path=[px.Constant("全部"), "group", "term"], values="weight",
                     color="weight", color_continuous_scale="Blues")
    fig.update_traces(hovertemplate="%{label}<br>TF-IDF 权重合计：%{value:.4f}<extra></extra>")
    fig.update_coloraxes(colorbar_title_text="TF-IDF 权重")
    return _layout(fig, height=520)


def distinctive_scatter(d: pd.DataFrame, *, name_a: str, name_b: str, ids_a: str, ids_b: str) -> go.Figure:
    """Scattertext-style: frequency in A vs B (per 10,000 terms, log axes), colour = z-score."""
    name_a, name_b = _plain(name_a), _plain(name_b)
    d = d.assign(nav=[token(terms=[t], reports=f"{ids_a},{ids_b}") for t in d["term"]])
    pos = pd.concat([d.loc[d["freq_a"] > 0, "freq_a"], d.loc[d["freq_b"] > 0, "freq_b"]])
    floor = max(0.5 * float(pos.min()), 0.1) if len(pos) else 0.1
    x, y = d["freq_a"].clip(lower=floor), d["freq_b"].clip(lower=floor)
    lim = float(np.nanmax(np.abs(d["z"]))) if len(d) else 1.0
    fig = go.Figure(go.Scatter(
        x=x, y=y, mode="markers+text", text=_plain(d["term"]), textposition="top center", textfont_size=11,
        customdata=_custom(d, ["nav", "count_a", "count_b", "z", "freq_a", "freq_b"]),
        marker=dict(size=9, color=d["z"], colorscale="RdBu_r", cmin=-lim, cmax=lim,
                    colorbar=dict(title=dict(text=f"z 值<br>＞0 偏{name_a}"))),
        hovertemplate=(f"%{{text}}<br>{name_a}：%{{customdata[1]}} 次（%{{customdata[4]:.1f}} 次/万词）<br>"
                       f"{name_b}：%{{customdata[2]}} 次（%{{customdata[5]:.1f}} 次/万词）<br>z 值：%{{customdata[3]:.2f}}"
                       "<br><i>点击查看原文</i><extra></extra>"), showlegend=False))
    hi = float(max(x.max(), y.max())) if len(d) else 10.0
    fig.add_trace(go.Scatter(x=[floor, hi], y=[floor, hi], mode="lines", line=dict(dash="dot", color="#aaa"),
                             hoverinfo="skip", showlegend=False))
    fig.update_xaxes(type="log", title_text=f"{name_a} 词频（次/万词，对数轴）")
    fig.update_yaxes(type="log", title_text=f"{name_b} 词频（次/万词，对数轴）")
    return _layout(fig, height=560)


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
    fig = go.Figure(go.Heatmap(z=m.to_numpy(), x=_plain(m.columns), y=_plain(m.index), colorscale="Blues",
                               colorbar=dict(title=dict(text=views.axis_title(metric), side="right")), hoverinfo="skip"))
    _click_layer(fig, m, custom, f"关键词：%{{y}}<br>{group_title}：%{{x}}<br>{views.METRICS[metric]}："
                                 f"%{{customdata[2]{_fmt(metric)}}} {views.UNITS[metric]}<br>次数：%{{customdata[1]}} 次"
                                 "<br><i>点击查看原文</i><extra></extra>")
    fig.update_xaxes(title_text=group_title, tickangle=-30)
    fig.update_yaxes(title_text="关键词", autorange="reversed")
    return _layout(fig, height=max(360, 100 + 22 * len(m)))


def part_bars(long: pd.DataFrame, *, metric: str) -> go.Figure:
    unit = "字" if metric == "chars" else "%"
    tmpl = (f"%{{y}} · %{{fullData.name}}<br>%{{x}} {unit}<br>本部分字数：%{{customdata[0]:,}}"
            "<br>全文字数：%{customdata[1]:,}<extra></extra>")
    fig = go.Figure([go.Bar(y=_plain(g["label"]), x=g["value"], name=_plain(part), orientation="h", hovertemplate=tmpl,
                            customdata=_custom(g, ["chars", "report_chars"]), marker_color=PALETTE[i % len(PALETTE)])
                     for i, (part, g) in enumerate(long.groupby("part", sort=False))])
    fig.update_layout(barmode="stack", legend=dict(orientation="h", y=1.02, yanchor="bottom"))
    fig.update_xaxes(title_text="字数（字）" if metric == "chars" else "占全文比例（%）")
    fig.update_yaxes(title_text="报告", autorange="reversed")
    return _layout(fig, height=max(300, 120 + 26 * long["label"].nunique()))


def quality_scatter(reports: pd.DataFrame) -> go.Figure:
    d = reports.assign(stock=(reports["stock_share"].astype(float) * 100).fillna(0))
    tmpl = ("%{customdata[0]}<br>具体度：%{x:.1f} 条/万字<br>套话占比：%{y:.1f}%"
            "<br>字数：%{customdata[1]:,}<br>前四部分齐全：%{customdata[2]} 部分<extra></extra>")
    fig = go.Figure([go.Scatter(x=g["concreteness"], y=g["stock"], mode="markers", name=name, hovertemplate=tmpl,
                                customdata=_custom(g, ["label", "chars", "parts_complete"], plain=("label",)),
                                showlegend=name is not None,
                                marker=dict(size=12, color=color))
                     for name, g, color in _by_town(d)])
    fig.update_xaxes(title_text="具体度（带单位的数据，条/万字）", rangemode="tozero")
    fig.update_yaxes(title_text="套话占比（%）", rangemode="tozero")
    return _layout(fig)


def weakness_bars(w: pd.DataFrame) -> go.Figure:
    d = w.sort_values("towns")
    d = d.assign(nav=[token(themes=[t], reports=r) if isinstance(t, str) else "" for t, r in
                      zip(d["theme_id"], d["report_ids"])])
    fig = go.Figure(go.Bar(x=d["towns"], y=_plain(d["theme"]), orientation="h", customdata=_custom(d, ["nav", "sentences"]),
                           marker_color="#d62728", hovertemplate="%{y}<br>提到的乡镇：%{x} 个<br>不足句子："
                                                                 "%{customdata[1]} 句<br><i>点击查看原文</i><extra></extra>"))
    fig.update_xaxes(title_text="提到该问题的乡镇数（个）", dtick=1)
    fig.update_yaxes(title_text="主题")
    return _layout(fig, height=max(280, 80 + 30 * len(d)))


def kwic_counts(counts: pd.DataFrame, *, metric: str) -> go.Figure:
    fig = go.Figure(go.Bar(x=_plain(counts["label"]), y=counts["value"], customdata=_custom(counts, ["count", "chars"]),
                           marker_color=PALETTE[0],
                           hovertemplate=f"%{{x}}<br>{views.METRICS[metric]}：%{{y{_fmt(metric)}}} {views.UNITS[metric]}"
                                         "<br>次数：%{customdata[0]} 次<br>字数：%{customdata[1]:,}<extra></extra>"))
    fig.update_layout(bargap=max(0.2, 0.85 - 0.1 * len(counts)))
    fig.update_xaxes(title_text="报告", tickangle=-30)
    fig.update_yaxes(title_text=views.axis_title(metric))
    return _layout(fig, height=340)
