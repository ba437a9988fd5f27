"""CSV and XLSX downloads for every chart's data and every table.

Files are generated only when the user clicks (deferred ``data`` callables), so offering them
costs nothing on a rerun. CSV is UTF-8 with BOM so that Excel opens Chinese correctly.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def to_csv(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False).encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame, *, sheet: str = "数据") -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        df.to_excel(writer, index=False, sheet_name=_BAD_SHEET.sub("_", sheet)[:31] or "数据")
        ws = writer.sheets[_BAD_SHEET.sub("_", sheet)[:31] or "数据"]
        for i, col in enumerate(df.columns, 1):
            width = max([len(str(col))] + [len(str(v)) for v in df[col].head(200)]) + 2
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(60, width * 1.6)
    return buf.getvalue()


def downloads(df: pd.DataFrame | Callable[[], pd.DataFrame], *, name: str, key: str) -> None:
    """Two small buttons: the frame as CSV and as XLSX (file names in Chinese, no index).
    ``df`` may be a function building the frame: it then runs only when a button is clicked."""
    get = df if callable(df) else (lambda: df)
    c1, c2, _ = st.columns([1, 1, 6])
    c1.download_button("⬇ CSV", data=lambda: to_csv(get()), file_name=f"{name}.csv", mime="text/csv",
                       key=f"{key}_csv", on_click="ignore", help=f"下载“{name}”的数据（CSV，Excel 可直接打开）")
    c2.download_button("⬇ Excel", data=lambda: to_xlsx(get(), sheet=name), file_name=f"{name}.xlsx", mime=XLSX_MIME,
                       key=f"{key}_xlsx", on_click="ignore", help=f"下载“{name}”的数据（XLSX）")
