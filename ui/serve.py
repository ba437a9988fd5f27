"""`make run`: `streamlit run app.py`, with the dashboard's libraries imported and its corpus model loaded
while the server starts and the browser connects, so neither the first page nor the first upload waits.

    .venv/bin/python -m ui.serve [streamlit options]
"""

from __future__ import annotations

import sys
import threading


def preload() -> None:
    """Import what the first page imports (pandas, the analytics core, plotly's figure classes and validators,
    the page helpers), then warm the corpus model (ui.data.warm: process-wide resource caches only)."""
    import plotly.graph_objects as go

    import ui.cached  # noqa: F401
    import ui.charts  # noqa: F401
    import ui.export  # noqa: F401
    import ui.filters  # noqa: F401
    import ui.meeting  # noqa: F401
    from analytics import pipeline  # noqa: F401

    go.Figure([go.Bar(x=["甲"], y=[1]), go.Scatter(x=[0], y=[0]), go.Heatmap(z=[[0]])]).to_json()
    from ui import data

    data.warm()


def main(argv: list[str] | None = None) -> int:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    # app.py always navigates with st.navigation. Say so before the first session: the preload imports
    # `ui`, whose import-time switch out of legacy multipage mode (ui/__init__) would then never run in a
    # page, and a deep link opened first (/kwic?term=…) would run pages/kwic.py on its own.
    PagesManager.uses_pages_directory = False
    threading.Thread(target=preload, daemon=True, name="preload").start()
    sys.argv = ["streamlit", "run", "app.py", *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
