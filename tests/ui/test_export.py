"""Exports are inert: a title, town or sentence starting with = + - @ (or a tab/CR) is never a live
formula in the CSV or XLSX a county office opens in Excel; numbers (negative too) stay numbers.

The end-to-end cases plant a formula in a report's first line (its title: any report author can do
that, no editor needed), in a town name (an editor's correction) and in a shortcoming sentence,
then export every table of 总览, 语料管理, 结构与质量 and 原文检索 exactly as the pages build them.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest
import streamlit as st

from analytics import pipeline
from analytics.accounts import Account
from analytics.store import Store
from tests.ui.conftest import open_page
from ui import export

TITLE = '=HYPERLINK("http://evil.example/t")&"柳湾镇2023年法治政府建设年度报告"'
TOWN = '=HYPERLINK("http://evil.example/town","柳湾镇")'
COUNTY = "+cmd|' /C calc'!A0"
WEAKNESS = "-2+3各部门联动机制不够健全"  # a shortcoming sentence as the report's author wrote it
STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")  # what a spreadsheet may read as a formula
TRIGGERS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "＝1+1", "－5", "＋5", "＠A1"]


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _live_csv_cells(rows: list[list[str]]) -> list[str]:
    """Cells a spreadsheet would evaluate: starting with a formula character and not a number."""
    live = []
    for row in rows:
        for cell in row:
            if cell.startswith(STARTS):
                try:
                    float(cell)
                except ValueError:
                    live.append(cell)
    return live


def _xlsx_cells(data: bytes) -> list:
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    return [cell for row in ws.iter_rows() for cell in row]


def test_csv_text_cells_starting_a_formula_are_prefixed_numbers_stay_numbers():
    df = pd.DataFrame({"标题": TRIGGERS, "差值": [-1.5, 2.0, -3.0, 4.0, -5.25, 6.0, -7.0, 8.0, -9.0, 0.0],
                       "年份": pd.array([2021, None, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029], dtype="Int64")})
    rows = _csv_rows(export.to_csv(df))
    assert rows[0] == ["标题", "差值", "年份"]
    assert [r[0] for r in rows[1:]] == ["'" + t for t in TRIGGERS]
    assert not _live_csv_cells(rows)
    back = pd.read_csv(io.BytesIO(export.to_csv(df)), encoding="utf-8-sig")
    assert back["差值"].tolist() == [-1.5, 2.0, -3.0, 4.0, -5.25, 6.0, -7.0, 8.0, -9.0, 0.0]
    assert pd.api.types.is_numeric_dtype(back["差值"]) and back["年份"].iloc[0] == 2021


def test_ordinary_text_is_unchanged_in_csv():
    df = pd.DataFrame({"乡镇": ["周营镇", "a-b", "普法宣传 + 执法"], "次数": [3, -4, 5]})
    assert export.to_csv(df).decode("utf-8-sig") == "乡镇,次数\r\n周营镇,3\r\na-b,-4\r\n普法宣传 + 执法,5\r\n"


def test_a_column_name_starting_a_formula_is_prefixed():
    df = pd.DataFrame({"=HYPERLINK(\"http://evil.example\")次数": [1], "词": ["执法"]})
    assert _csv_rows(export.to_csv(df))[0][0] == "'=HYPERLINK(\"http://evil.example\")次数"
    header = _xlsx_cells(export.to_xlsx(df))[0]
    assert header.data_type == "s" and header.value == "=HYPERLINK(\"http://evil.example\")次数"


def test_xlsx_writes_formula_text_as_text_and_numbers_as_numbers():
    df = pd.DataFrame({"标题": TRIGGERS + ["#N/A", "控制\x01字符"], "数值": [-1.5, 2, -3, 4, 5, 6, 7, 8, 9, 10, -11, 12]})
    cells = _xlsx_cells(export.to_xlsx(df, sheet="报告一览"))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    titles = [c for c in cells if c.column == 1][1:]
    assert [c.value for c in titles] == TRIGGERS + ["#N/A", "控制字符"]
    assert all(c.data_type == "s" for c in titles)
    assert all(c.quotePrefix for c in titles if c.value.startswith(STARTS))
    numbers = [c for c in cells if c.column == 2][1:]
    assert [c.value for c in numbers] == [-1.5, 2, -3, 4, 5, 6, 7, 8, 9, 10, -11, 12]
    assert all(c.data_type == "n" for c in numbers)


# ---------------------------------------------------------------- end to end, on the pages


def plant(store: Store, rid: str, **fields) -> None:
    """Put a value the metadata editor refuses (it accepts Chinese names only) straight into the store, as an
    older store or another tool could have done: the exports must still be inert."""
    with store.transaction() as con:
        for k, v in fields.items():
            con.execute(f"UPDATE reports SET {k}=? WHERE id=?", (v, rid))
        Store.bump(con)


@pytest.fixture(scope="module")
def planted_db(seeded_db, tmp_path_factory, seed_texts):
    path = tmp_path_factory.mktemp("planted") / "reports.db"
    Store(seeded_db).copy_to(path)
    store = Store(path)
    resources = pipeline.load_resources(store)
    admin = Account.local_admin()
    body = seed_texts["商家镇"].split("\n", 1)[1].replace("商家镇", "柳湾镇")
    assert "三是各部门联动机制不够健全" in body
    text = f"{TITLE}\n{body}".replace("三是各部门联动机制不够健全", "三是" + WEAKNESS, 1)
    a = pipeline.analyse_text(text, resources=resources)
    assert a.meta.title == TITLE  # planted by the report's author: the title route
    ingestor = pipeline.Ingestor(store, resources=resources, actor=admin)
    assert ingestor.add_analysis(a, source="柳湾镇.txt").status == "added"
    pipeline.refit(store, resources=resources)
    plant(store, a.id, town=TOWN, county=COUNTY)
    return path


@pytest.fixture()
def exported(planted_db, tmp_path, monkeypatch):
    """Run pages with ui.export.downloads recording the frames the pages hand it."""
    dst = tmp_path / "reports.db"
    Store(planted_db).copy_to(dst)
    monkeypatch.setenv("REPORTS_DB", str(dst))
    st.cache_data.clear()
    st.cache_resource.clear()
    frames: dict[str, pd.DataFrame] = {}
    real = export.downloads

    def recording(df, *, name, key):
        frames[name] = df() if callable(df) else df
        real(df, name=name, key=key)

    monkeypatch.setattr(export, "downloads", recording)
    yield frames
    st.cache_data.clear()
    st.cache_resource.clear()


def _assert_inert(frames: dict[str, pd.DataFrame], names: list[str], planted: list[str]) -> None:
    seen = set()
    for name in names:
        df = frames[name]
        rows = _csv_rows(export.to_csv(df))
        assert not _live_csv_cells(rows), (name, _live_csv_cells(rows))
        cells = _xlsx_cells(export.to_xlsx(df, sheet=name))
        assert not [c.coordinate for c in cells if c.data_type == "f"], name
        values = {c.value for c in cells if isinstance(c.value, str)}
        seen |= {p for p in planted if p in values or any(p in v for v in values)}
        numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])]
        back = pd.read_csv(io.BytesIO(export.to_csv(df)), encoding="utf-8-sig")
        for c in numeric:  # numeric columns come back as numbers
            assert pd.api.types.is_numeric_dtype(back[("'" + c) if c.startswith(STARTS) else c]), (name, c)
    assert seen == set(planted), f"planted text not exported: {set(planted) - seen}"


def test_overview_table_exports_inert(exported):
    at = open_page("pages/overview.py")
    assert not at.exception
    _assert_inert(exported, ["报告一览"], [TOWN, COUNTY])


def test_manage_listing_exports_inert(exported):
    at = open_page("pages/manage.py")
    assert not at.exception
    _assert_inert(exported, ["语料库报告清单"], [TITLE, TOWN, COUNTY])


def test_quality_weaknesses_export_inert(exported):
    at = open_page("pages/quality.py")
    assert not at.exception
    _assert_inert(exported, ["薄弱环节"], [TOWN, WEAKNESS])
    _assert_inert(exported, ["五部分清单", "雷同段落", "具体度与套话"], [TOWN])


def test_kwic_table_exports_inert(exported):
    at = open_page("pages/kwic.py", query={"term": "部门联动机制"})
    assert not at.exception
    name = next(n for n in exported if n.startswith("原文检索"))
    _assert_inert(exported, [name, "出现次数"], [TOWN])
