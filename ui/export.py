"""CSV and XLSX downloads for every chart's data and every table.

Files are generated only when the user clicks (deferred ``data`` callables), so offering them
costs nothing on a rerun. CSV is UTF-8 with BOM so that Excel opens Chinese correctly, rows end in CRLF.

Exports are inert (no formula injection): titles, towns and terms come from reports and users, and
a cell such as ``=HYPERLINK("http://…")`` would run in the reader's spreadsheet. In CSV every text
cell (and column name) that starts with ``= + - @``, their full-width forms, a tab or a carriage
return gets a leading ``'`` (the spreadsheet's "this is text" mark); in XLSX every text cell is
written as a string cell (never a formula or an error value) with Excel's quote-prefix style.
Numbers, negative ones too, stay numbers.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui.widgets import plain_md

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def inert_text(value: str) -> str:
    """A CSV cell a spreadsheet cannot read as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _map_text(df: pd.DataFrame, fn: Callable[[str], str]) -> pd.DataFrame:
    """``fn`` applied to every str cell and column name; numeric columns are left as they are."""
    out = df.rename(columns=lambda c: fn(c) if isinstance(c, str) else c)
    for i, column in enumerate(df.columns):
        series = df.iloc[:, i]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
            continue
        out.isetitem(i, series.map(lambda v: fn(v) if isinstance(v, str) else v))
    return out


def to_csv(df: pd.DataFrame) -> bytes:
    # CRLF rows (RFC 4180): a cell holding a line break or a lone CR is then quoted, not split
    return _map_text(df, inert_text).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame, *, sheet: str = "数据") -> bytes:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # here: ≈70 ms to import, needed only for a download

    df = _map_text(df, lambda v: ILLEGAL_CHARACTERS_RE.sub("", v))  # control characters openpyxl refuses
    name = _BAD_SHEET.sub("_", ILLEGAL_CHARACTERS_RE.sub("", sheet))[:31] or "数据"
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        df.to_excel(writer, index=False, sheet_name=name)
        ws = writer.sheets[name]
        for row in ws.iter_rows():
            for cell in row:
                # openpyxl turns a str starting with "=" into a formula and "#N/A" into an error value
                if cell.data_type in ("f", "e") and isinstance(cell.value, str):
                    cell.data_type = "s"
                    cell.quotePrefix = True
                elif cell.data_type == "s" and isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    cell.quotePrefix = True
        for i, col in enumerate(df.columns, 1):
            width = max([len(str(col))] + [len(str(v)) for v in df[col].head(200)]) + 2
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(60, width * 1.6)
    return buf.getvalue()


def downloads(df: pd.DataFrame | Callable[[], pd.DataFrame], *, name: str, key: str) -> None:
    """Two small buttons: the frame as CSV and as XLSX (file names in Chinese, no index).
    ``df`` may be a function building the frame: it then runs only when a button is clicked."""
    get = df if callable(df) else (lambda: df)
    shown = plain_md(name)  # the tooltip renders Markdown; a name may hold a town or a search term
    c1, c2, _ = st.columns([1, 1, 6])
    c1.download_button("⬇ CSV", data=lambda: to_csv(get()), file_name=f"{name}.csv", mime="text/csv",
                       key=f"{key}_csv", on_click="ignore", help=f"下载“{shown}”的数据（CSV，Excel 可直接打开）")
    c2.download_button("⬇ Excel", data=lambda: to_xlsx(get(), sheet=name), file_name=f"{name}.xlsx", mime=XLSX_MIME,
                       key=f"{key}_xlsx", on_click="ignore", help=f"下载“{shown}”的数据（XLSX）")
