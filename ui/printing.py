"""Clean A4 printing of a page from the browser (Ctrl+P / “打印” → PDF or paper).

`print_css()` injects, once per page run, a ``<style>`` that applies only to print: the sidebar,
the header and toolbar, buttons, download buttons and chart toolbars are hidden; the main column
takes the full page width; charts, tables and metric rows are not cut across pages; A4 portrait
page margins. Streamlit's ``st.html`` puts a style-only body into the page itself (not an iframe,
and without taking space in the layout), so these rules reach the app's DOM.

Plotly charts are drawn at the width the screen gave them (often wider than A4) and do not redraw
for print, so CSS alone would cut them at the right edge. `print_script()` adds a small listener:
before printing it scales every chart (and data grid) wider than the printed column down with CSS
``zoom`` and restores it afterwards. It needs ``unsafe_allow_javascript=True``; the script only
reads element widths and sets ``style.zoom``.
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
    ".modebar-container",
)
KEEP_WHOLE = (
    '[data-testid="stPlotlyChart"]',
    '[data-testid="stDataFrame"]',
    '[data-testid="stTable"]',
    '[data-testid="stMetric"]',
    '[data-testid="stImage"]',
    '[data-testid="stAlert"]',
)
PAGE_MARGIN = "14mm 12mm 14mm 12mm"  # top right bottom left
_KEY = "reports_print_fit"
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
  }}
  function unfit() {{
    document.querySelectorAll('[data-print-zoom]').forEach(function (el) {{
      el.style.zoom = ''; delete el.dataset.printZoom;
    }});
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
