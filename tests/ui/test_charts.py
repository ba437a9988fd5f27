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


def test_lean_dots_are_coloured_as_on_the_overview_and_the_upload_is_a_black_diamond():
    import pandas as pd

    from ui import charts

    rows = pd.DataFrame({"label": ["甲镇·2023", "乙镇·2023", "丙乡·2023", "丁镇·2023", "戊镇·2023"],
                         "lean": [1.5, -1.4, 0.1, 0.9, 1.2], "lo": [0.3, -2.6, -1.0, -0.3, 0.4],
                         "hi": [2.7, -0.2, 1.2, 2.1, 2.0], "pufa": [24, 4, 22, 10, 5], "zhifa": [6, 21, 18, 4, 1]})
    fig = charts.report_lean_dots(rows, me={"value": -0.3, "lo": -1.5, "hi": 0.9})
    by_name = {t.name: t for t in fig.data}
    pufa, doubtful = by_name["偏普法"], by_name["偏普法（把握不大）"]
    assert pufa.marker.color == doubtful.marker.color == charts.LEAN_COLOURS["偏普法"]
    # one side at least twice the other: 偏; a hollow dot of its own legend entry when the interval crosses 0
    assert list(pufa.y) == ["甲镇·2023"] and list(doubtful.y) == ["丁镇·2023"]
    assert (pufa.marker.symbol, doubtful.marker.symbol) == ("circle", "circle-open")
    assert by_name["偏执法"].marker.color == charts.LEAN_COLOURS["偏执法"] and list(by_name["偏执法"].y) == ["乙镇·2023"]
    # under 2:1 (丙乡 22 vs 18), or fewer than 10 mentions in all (戊镇 5 vs 1, however far from 0): 无明显偏向
    assert sorted(by_name["无明显偏向"].y) == ["丙乡·2023", "戊镇·2023"]
    me = by_name["本报告"]
    assert me.marker.symbol == "diamond" and me.marker.color == charts.ME_COLOUR != charts.LEAN_COLOURS["偏执法"]


def test_lean_ends_keep_both_ends_of_a_long_ranking():
    import pandas as pd

    from ui.views import lean_ends

    leans = pd.DataFrame({"lean": [float(x) for x in range(100, 0, -1)]})
    kept = lean_ends(leans, 60)["lean"].tolist()
    assert len(kept) == 60 and kept[0] == 100 and kept[-1] == 1 and 70.0 not in kept
    assert len(lean_ends(leans.head(40), 60)) == 40


def test_pufa_and_zhifa_keep_their_lean_colours_in_theme_charts():
    from ui import charts

    colours = charts.theme_colours(["digital", "enforcement", "law_popularization", "decision"])
    assert colours["law_popularization"] == charts.LEAN_COLOURS["偏普法"]
    assert colours["enforcement"] == charts.LEAN_COLOURS["偏执法"]
    assert len(set(colours.values())) == 4


def test_words_at_the_same_spot_share_one_label():
    from ui.charts import _one_label_per_spot

    labels = ["法治", "普法", "", "调解", "培训"]
    x, y = [1.0, 1.0, 1.0, 2.0, 1.0], [5.0, 5.0, 5.0, 3.0, 5.0]
    assert _one_label_per_spot(labels, x, y) == ["法治 等 3 个", "", "", "调解", ""]


def test_report_lean_dots_mark_the_reports_left_out_between_the_ends():
    import pandas as pd

    from ui import charts
    from ui.views import lean_ends

    leans = pd.DataFrame({"label": [f"镇{i}·2024" for i in range(100)], "lean": [3 - i * 0.06 for i in range(100)],
                          "pufa": 30, "zhifa": 10})
    leans["lo"], leans["hi"] = leans["lean"] - 0.5, leans["lean"] + 0.5
    fig = charts.report_lean_dots(lean_ends(leans, 60), left_out=40)
    order = list(fig.layout.yaxis.categoryarray)
    assert len(order) == 61 and order[30] == "…… 中间 40 份报告未显示（见下载）"
    assert order[29] == "镇70·2024" and order[31] == "镇29·2024"  # the 执法 end below, the 普法 end above
    drawn = {y for t in fig.data for y in t.y}
    assert order[30] not in drawn and len(drawn) == 60
