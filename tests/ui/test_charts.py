"""ui.charts: figure builders (what a reader sees on the chart itself)."""

from __future__ import annotations

import pandas as pd

from ui import charts


def _points(n: int) -> pd.DataFrame:
    return pd.DataFrame({"id": [f"r{i}" for i in range(n)], "label": [f"镇{i} 2023年" for i in range(n)],
                         "town": [f"镇{i}" for i in range(n)], "year": [2023] * n, "chars": [5000] * n,
                         "x": [float(i) for i in range(n)], "y": [float(n - i) for i in range(n)]})


def _scatter(n: int):
    return charts.emphasis_scatter(_points(n), metric="per_10k", x_label="普法宣传", y_label="行政执法",
                                   x_theme="law_popularization", y_theme="enforcement")


def test_a_scatter_of_few_reports_names_each_point_and_of_many_leaves_names_to_hover():
    few = _scatter(5)
    shown = [t for trace in few.data for t in trace.text]
    assert sorted(shown) == sorted(f"镇{i} 2023年" for i in range(5))
    assert all("text" in trace.mode for trace in few.data)
    many = _scatter(charts.SCATTER_LABELS_MAX + 1)
    assert all(trace.text is None and trace.mode == "markers" for trace in many.data)
