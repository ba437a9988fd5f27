"""Corpus-wide frames and figures, computed once per (corpus version, dictionary, selection, options).

A page rerun with the same selection reuses them, so a rerun costs what it shows, not what the corpus
holds. ``view`` returns frames through ``st.cache_data`` (every caller gets its own copy); ``figure``
returns plotly figures through ``st.cache_resource`` (shared and never modified: ``st.plotly_chart``
and the image export both work on copies). Options must be hashable (tuples, not lists).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from analytics.structure import PARTS
from ui import data

BAR_TOWNS = 30  # towns in the grouped theme bars (the rest: download)
PART_REPORTS = 40  # reports in the part-length bars


def _views():
    from ui import views

    return views


def _charts():
    from ui import charts

    return charts


def _quality():
    from ui import quality

    return quality


def _keyword_matrix(c, *, metric: str, by: str, k: int):
    from ui import queries

    terms = view("top_keywords", c, by="all", n=k)["term"].tolist()
    counts = queries.term_counts(terms, c.reports["id"].tolist())
    return _views().keyword_matrix(counts, c.reports, metric=metric, terms=terms, by=by)


def _distinctive(c, *, dim: str, a: str, b: str):
    from analytics.keywords import distinctive_terms
    from ui import queries

    keys = _views().group_key(c.reports, dim)
    ids_a, ids_b = c.reports.loc[keys == a, "id"].tolist(), c.reports.loc[keys == b, "id"].tolist()
    diff = distinctive_terms(queries.group_term_counts(ids_a), queries.group_term_counts(ids_b))
    shown = _views().distinctive_extremes(diff, places=_views().place_names(c.reports), n=25)
    return diff, shown, ids_a, ids_b


_VIEWS: dict[str, Callable] = {
    "theme_long": lambda c, **kw: _views().theme_long(c, **kw),
    "top_keywords": lambda c, **kw: _views().top_keywords(c, **kw),
    "emphasis_points": lambda c, **kw: _views().emphasis_points(c, **kw),
    "town_leans": lambda c: _views().town_leans(c.reports),
    "latest_ids": lambda c: _views().latest_ids(c.reports),
    "pooling_line": lambda c, pooled: _views().pooling_line(c.reports, pooled),
    "report_leans": lambda c: _views().report_leans(c.reports),
    "overview_table": lambda c: _views().overview_table(c.reports),
    "checklist": lambda c: _views().checklist(c.sections, c.reports, PARTS),
    "part_lengths": lambda c, metric: _views().part_lengths(c.sections, c.reports, PARTS, metric=metric),
    "weaknesses": lambda c, by: _views().weaknesses(c.shortcomings, c.reports, c.theme_labels, by=by),
    "weakness_sentences": lambda c, kind: _quality().weakness_sentences(c.shortcomings, c.reports, c.theme_labels,
                                                                        kind=kind),
    "shared_pairs": lambda c: _quality().shared_pairs(c.shared, c.reports),
    "keyword_matrix": _keyword_matrix,
    "distinctive": _distinctive,
}


def _theme_bars(c, *, metric: str, themes: tuple[str, ...]):
    long = view("theme_long", c, by="town", metric=metric)
    long = long[long["theme_id"].isin(themes)]
    keep = long.groupby("group")["value"].sum().nlargest(BAR_TOWNS).index
    return _charts().grouped_bars(long[long["group"].isin(keep)], metric=metric)


def _report_lean_dots(c, n: int):
    leans = view("report_leans", c)
    return _charts().report_lean_dots(_views().lean_ends(leans, n), left_out=max(0, len(leans) - n))


_FIGURES: dict[str, Callable] = {
    "heatmap": lambda c, by, metric, group_title: _charts().theme_heatmap(
        view("theme_long", c, by=by, metric=metric), metric=metric, group_title=group_title),
    "theme_bars": _theme_bars,
    "report_lean_dots": lambda c, n: _report_lean_dots(c, n),
    "emphasis_scatter": lambda c, metric, x_theme, y_theme, x_label, y_label: _charts().emphasis_scatter(
        view("emphasis_points", c, metric=metric, x_theme=x_theme, y_theme=y_theme), metric=metric,
        x_label=x_label, y_label=y_label, x_theme=x_theme, y_theme=y_theme),
    "part_bars": lambda c, metric: _charts().part_bars(
        _quality().first_reports(view("part_lengths", c, metric=metric), n=PART_REPORTS), metric=metric),
    "quality_scatter": lambda c: _charts().quality_scatter(c.reports),
    "keyword_heatmap": lambda c, metric, by, k, group_title: _charts().keyword_heatmap(
        view("keyword_matrix", c, metric=metric, by=by, k=k), metric=metric, group_title=group_title),
}


def _corpus(ids: frozenset | None):
    corpus = data.load_corpus()
    return corpus if ids is None else corpus.restrict(ids)


@st.cache_data(show_spinner=False, max_entries=128)
def _view(name: str, version: str, dictionary_version: str, ids: frozenset | None, kwargs: tuple):
    return _VIEWS[name](_corpus(ids), **dict(kwargs))


@st.cache_resource(show_spinner=False, max_entries=64)
def _figure(name: str, version: str, dictionary_version: str, ids: frozenset | None, kwargs: tuple):
    return _FIGURES[name](_corpus(ids), **dict(kwargs))


def _key(corpus: "data.Corpus", kwargs: dict) -> tuple:
    return corpus.version, data.get_resources().dictionary.version, corpus.ids, tuple(sorted(kwargs.items()))


def view(name: str, corpus: "data.Corpus", **kwargs):
    """A corpus-wide frame (see _VIEWS) for the corpus's selection."""
    return _view(name, *_key(corpus, kwargs))


def figure(name: str, corpus: "data.Corpus", **kwargs):
    """A corpus-wide figure (see _FIGURES) for the corpus's selection; read-only."""
    return _figure(name, *_key(corpus, kwargs))
