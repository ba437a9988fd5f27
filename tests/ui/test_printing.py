"""ui.printing: the print stylesheet hides the app shell and controls, widens the main column, keeps
charts whole, sets A4 portrait; the script scales wide charts before printing."""

from __future__ import annotations

import re

from ui import printing


def _print_block(css: str) -> str:
    start = css.index("@media print")
    depth, i = 0, css.index("{", start)
    for j in range(i, len(css)):
        depth += {"{": 1, "}": -1}.get(css[j], 0)
        if depth == 0:
            return css[i + 1:j]
    raise AssertionError("unclosed @media print")


def _rules(block: str) -> dict[str, str]:
    """selector text -> declarations, for the flat rules inside the print block."""
    return {sel.strip(): body for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", block)}


def test_page_is_a4_portrait_with_margins():
    css = printing.print_rules()
    page = re.search(r"@page\s*\{([^}]*)\}", css).group(1)
    assert "size: A4 portrait" in page and "margin:" in page


def test_shell_and_controls_are_hidden_only_in_print():
    css = printing.print_rules()
    block = _print_block(css)
    hidden = [sel for sel, body in _rules(block).items() if "display: none" in body]
    assert hidden, "no display:none rule in @media print"
    selectors = hidden[0]
    for test_id in ("stSidebar", "stHeader", "stToolbar", "stDownloadButton", "stButton", "stElementToolbar"):
        assert f'[data-testid="{test_id}"]' in selectors
    assert ".modebar-container" in selectors
    outside = css.replace(block, "")
    assert "stSidebar" not in outside  # the screen keeps its sidebar


def test_main_column_is_full_width_and_charts_are_kept_whole():
    rules = _rules(_print_block(printing.print_rules()))
    main = next(body for sel, body in rules.items() if '[data-testid="stMainBlockContainer"]' in sel)
    assert "max-width: 100% !important" in main and "padding: 0" in main
    whole = next(body for sel, body in rules.items() if '[data-testid="stPlotlyChart"]' in sel and "break-inside" in body)
    assert "break-inside: avoid" in whole
    chart = next(body for sel, body in rules.items() if sel.startswith('[data-testid="stPlotlyChart"]')
                 and "max-width" in body)
    assert "max-width: 100%" in chart


def test_script_scales_charts_wider_than_the_printed_column():
    js = printing.print_js()
    assert "addEventListener('beforeprint', fit)" in js and "addEventListener('afterprint', unfit)" in js
    assert f"var AVAIL = {printing.PRINT_WIDTH_PX};" in js
    assert "if (w > AVAIL)" in js and "box.style.zoom = (AVAIL / w).toFixed(4)" in js
    assert 'svg.main-svg' in js and '[data-testid="stDataFrame"]' in js
    # A4 (210 mm) less the side margins, at 96 CSS px per inch, holds the printed column
    _top, right, _bottom, left = (float(x.removesuffix("mm")) for x in printing.PAGE_MARGIN.split())
    assert printing.PRINT_WIDTH_PX <= (210 - left - right) / 25.4 * 96


def test_print_css_injects_one_style_and_a_hidden_script(monkeypatch):
    import streamlit as st

    html = []
    monkeypatch.setattr(st, "html", lambda body, **kw: html.append((body, kw)))
    printing.print_css()
    (style, kw1), (script, kw2) = html
    assert style.startswith("<style>") and style.rstrip().endswith("</style>") and not kw1
    assert f".st-key-{printing._KEY}" in style and "<script>" in script
    assert kw2 == {"unsafe_allow_javascript": True}


def test_long_tables_break_between_rows_and_screen_choices_and_cut_grids_are_handled():
    css = printing.print_rules()
    rules = _rules(_print_block(css))
    assert '[data-testid="stTable"]' not in printing.KEEP_WHOLE  # longer than a page: it must be able to break
    assert "display: table !important" in next(body for sel, body in rules.items() if "stTable\"] table" in sel)
    hidden = next(sel for sel, body in rules.items() if "display: none" in body)
    for test_id in ("stMultiSelect", "stButtonGroup", "stRadio", "stSlider", "stCheckbox"):
        assert f'[data-testid="{test_id}"]' in hidden
    assert printing.CUT_NOTE in css
    js = printing.print_js()
    assert "dataset.printCut = '1'" in js and "delete el.dataset.printCut" in js
