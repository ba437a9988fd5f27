"""Clean A4 printing of a page from the browser (Ctrl+P / “打印” → PDF or paper).

`print_css()` injects, once per page run, a ``<style>`` that applies only to print: the sidebar,
the header and toolbar, buttons, download buttons, chart toolbars and the choices that only steer the
screen (multiselects, segmented controls, radios, sliders, checkboxes) are hidden; the main column
takes the full page width; charts, data grids and metric rows are not cut across pages, a long table
breaks between rows (its header repeated); A4 portrait page margins. Streamlit's ``st.html`` puts a
style-only body into the page itself (not an iframe, and without taking space in the layout), so these
rules reach the app's DOM.

Plotly charts are drawn at the width the screen gave them (often wider than A4) and do not redraw
for print, so CSS alone would cut them at the right edge. `print_js()` adds a small listener:
before printing it scales every chart (and data grid) wider than the printed column down with CSS
``zoom`` and restores it afterwards; a data grid with rows scrolled out of view (it prints only the rows
it shows) gets a note under it. It needs ``unsafe_allow_javascript=True``; the script only reads element
sizes and sets ``style.zoom`` and a data attribute.
"""

from __future__ import annotations

# Streamlit 1.67 test ids (checked in streamlit/static: data-testid values of the app shell).
HIDDEN = (
    '[data-testid="stSidebar"]',
    '[data-testid="stSidebarCollapsedControl"]',
    '[data-testid="stExpandSidebarButton"]',
    '[data-testid="stHeader"]',
    '[data-testid="stToolbar"]',
    '[data-testid="stDecoration"]',
    '[data-testid="stStatusWidget"]',
    '[data-testid="stSkipToContent"]',
    '[data-testid="stBottom"]',
    '[data-testid="stButton"]',
    '[data-testid="stDownloadButton"]',
    '[data-testid="stLinkButton"]',
    '[data-testid="stFormSubmitButton"]',
    '[data-testid="stPopover"]',
    '[data-testid="stElementToolbar"]',
    '[data-testid="stToast"]',
    '[data-testid="stToastContainer"]',
    '[data-testid="stFileUploader"]',
    '[data-testid="stChatInput"]',
    # choices that only steer the screen: the chart's axis title and legend say what it shows
    '[data-testid="stMultiSelect"]',
    '[data-testid="stButtonGroup"]',
    '[data-testid="stRadio"]',
    '[data-testid="stSlider"]',
    '[data-testid="stCheckbox"]',
    ".modebar-container",
)
# (a st.table may be longer than a page: it breaks between rows instead, see print_rules)
KEEP_WHOLE = (
    '[data-testid="stPlotlyChart"]',
    '[data-testid="stDataFrame"]',
    '[data-testid="stMetric"]',
    '[data-testid="stImage"]',
    '[data-testid="stAlert"]',
)
PAGE_MARGIN = "14mm 12mm 14mm 12mm"  # top right bottom left
_KEY = "reports_print_fit"
CUT_NOTE = "（表格较长，打印件只含以上各行；完整表格请在看板中下载 CSV / Excel）"
PRINT_WIDTH_PX = 700  # 186 mm at 96 CSS px per inch: the printed column


def print_rules() -> str:
    """The CSS text (for tests and for pages that want it without Streamlit)."""
    hidden = ",\n    ".join(HIDDEN)
    whole = ",\n    ".join(KEEP_WHOLE)
    return f"""
@page {{ size: A4 portrait; margin: {PAGE_MARGIN}; }}
@media print {{
  html, body, .stApp, [data-testid="stApp"] {{ background: #fff !important; }}
  * {{ -webkit-print-color-adjust: exact !important; print-color-adjust: exact !important; }}
  {hidden} {{ display: none !important; }}
  [data-testid="stAppViewContainer"], [data-testid="stMain"], .stMain, section.main {{
    position: static !important; overflow: visible !important; height: auto !important;
    margin: 0 !important; padding: 0 !important; left: 0 !important; width: 100% !important;
  }}
  [data-testid="stMainBlockContainer"], .block-container {{
    max-width: 100% !important; width: 100% !important; padding: 0 !important; margin: 0 !important;
  }}
  [data-testid="stPlotlyChart"], [data-testid="stDataFrame"] {{ max-width: 100% !important; }}
  /* Streamlit fixes a chart's element container at its screen height (flex-basis in px): let it
     follow the (scaled) chart instead. Zooming the container itself would make the chart redraw. */
  [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]),
  [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) {{
    flex: 0 0 auto !important; height: auto !important;
  }}
  {whole} {{ break-inside: avoid; page-break-inside: avoid; }}
  /* Streamlit sets the table inline (display: inline-table), which Chromium prints as one unbreakable
     box, moved whole to the next page: a block table breaks between its rows */
  [data-testid="stTable"] table {{ display: table !important; }}
  [data-testid="stTable"] tr {{ break-inside: avoid; page-break-inside: avoid; }}
  [data-testid="stTable"] thead {{ display: table-header-group; }}
  /* a data grid scrolls on screen and prints only the rows it shows: say so under it (print_js marks it) */
  [data-testid="stElementContainer"]:has([data-print-cut])::after {{
    content: "{CUT_NOTE}"; display: block; font-size: 11px; color: #555; margin-top: 2px;
  }}
  h1, h2, h3, [data-testid="stHeading"] {{ break-after: avoid; page-break-after: avoid; }}
}}
"""


def print_js() -> str:
    """Before printing, scale down every chart or data grid wider than the printed column; undo after.
    Widths are measured in the screen layout (``beforeprint`` comes before the print layout)."""
    return f"""
<script>
(function () {{
  if (window.__reportsPrintFit) return;
  window.__reportsPrintFit = true;
  var AVAIL = {PRINT_WIDTH_PX};
  // Printed, every chart and grid gets the full column (Streamlit's own print styles stack the
  // columns that hold charts), so one drawn w px wide shrinks by AVAIL / w.
  function targets() {{
    var out = [];
    document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach(function (box) {{
      var svg = box.querySelector('svg.main-svg');
      if (svg) out.push([box, svg.getBoundingClientRect().width]);
    }});
    document.querySelectorAll('[data-testid="stDataFrame"]').forEach(function (box) {{
      out.push([box, box.getBoundingClientRect().width]);
    }});
    return out;
  }}
  function fit() {{
    targets().forEach(function (t) {{
      var box = t[0], w = t[1];
      if (w > AVAIL) {{ box.dataset.printZoom = '1'; box.style.zoom = (AVAIL / w).toFixed(4); }}
    }});
    // a grid with rows scrolled out of view prints without them: mark it for the note under it
    document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller').forEach(function (s) {{
      if (s.scrollHeight > s.clientHeight + 4) {{
        s.closest('[data-testid="stDataFrame"]').dataset.printCut = '1';
      }}
    }});
  }}
  function unfit() {{
    document.querySelectorAll('[data-print-zoom]').forEach(function (el) {{
      el.style.zoom = ''; delete el.dataset.printZoom;
    }});
    document.querySelectorAll('[data-print-cut]').forEach(function (el) {{ delete el.dataset.printCut; }});
  }}
  window.addEventListener('beforeprint', fit);
  window.addEventListener('afterprint', unfit);
}})();
</script>
"""


def print_css(*, fit_charts: bool = True) -> None:
    """Call once per page run (e.g. right after the title). The script's element sits in a hidden
    keyed container, so it leaves no gap in the page."""
    import streamlit as st  # here: print_rules/print_js work without Streamlit

    st.html(f"<style>{print_rules()}\n.st-key-{_KEY} {{ display: none !important; }}</style>")
    if fit_charts:
        with st.container(key=_KEY):
            st.html(print_js(), unsafe_allow_javascript=True)
