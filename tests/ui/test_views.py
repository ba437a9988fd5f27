"""ui.views: place names that must never lead a keyword list."""

from __future__ import annotations

import pandas as pd

from ui.views import distinctive_extremes, place_names


def test_place_names_include_names_found_in_the_texts():
    reports = pd.DataFrame({"town": ["南郊镇"], "county": ["周村区"], "province": [None],
                            "places": ['["尚庄村", "鲁中实验学校"]']})
    assert {"南郊镇", "周村区", "尚庄村", "鲁中实验学校"} <= place_names(reports)


def test_distinctive_extremes_skip_village_names_stored_at_ingest():
    reports = pd.DataFrame({"town": ["南郊镇"], "county": ["周村区"], "province": [None], "places": ['["尚庄村"]']})
    diff = pd.DataFrame({"term": ["尚庄村", "法律明白人", "人民调解", "行政执法"], "z": [5.0, 4.0, -3.0, -4.0]})
    shown = distinctive_extremes(diff, places=place_names(reports), n=1)
    assert "尚庄村" not in set(shown["term"]) and "法律明白人" in set(shown["term"])
