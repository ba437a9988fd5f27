"""`make run`: `streamlit run app.py`, with the dashboard's libraries imported while the server starts and
the browser connects, so the first page does not wait for them.

    .venv/bin/python -m ui.serve [streamlit options]
"""

from __future__ import annotations

import sys
import threading


def preload() -> None:
    """Import what the first page imports (pandas, the analytics core, plotly's figure classes and validators,
    the page helpers). Imports only: no data is read and no Streamlit cache is touched."""
    import plotly.graph_objects as go

    import ui.cached  # noqa: F401
    import ui.charts  # noqa: F401
    import ui.export  # noqa: F401
    import ui.filters  # noqa: F401
    import ui.meeting  # noqa: F401
    from analytics import pipeline  # noqa: F401

    go.Figure([go.Bar(x=["甲"], y=[1]), go.Scatter(x=[0], y=[0]), go.Heatmap(z=[[0]])]).to_json()


def main(argv: list[str] | None = None) -> int:
    from streamlit.web import cli

    threading.Thread(target=preload, daemon=True, name="preload").start()
    sys.argv = ["streamlit", "run", "app.py", *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
