"""`make run`: `streamlit run app.py`, with the dashboard's libraries imported while the browser loads the
page (from the moment the server listens), so the first page does not wait for them. The corpus model is
loaded shortly after the first page has run (app.py: ui.data.warm_in_background), so the first upload does
not wait for it either; loading it before would delay the first page on two cores.

Source files are not watched (``server.fileWatcherType none``; config.toml already has ``runOnSave =
false``): the watcher's bookkeeping runs on the server's event loop at each session start and after each
page run (it walks every imported module, some 1,800 with pandas and plotly), delaying the static files
and messages the browser is waiting for. Pass ``--server.fileWatcherType auto`` to watch them while
developing.

    .venv/bin/python -m ui.serve [streamlit options]
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time


def _wait_until_listening(port: int, *, timeout: float = 60.0) -> None:
    """Until the server accepts connections: imports done before would only delay it (one GIL)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.02)


def _port(args: list[str]) -> int:
    for i, a in enumerate(args):
        if a.startswith("--server.port="):
            return int(a.split("=", 1)[1])
        if a == "--server.port" and i + 1 < len(args):
            return int(args[i + 1])
    return int(os.environ.get("STREAMLIT_SERVER_PORT", 8501))


def preload(port: int | None = None) -> None:
    """Once the server listens (while the browser loads the page), import what the first page imports
    (pandas, the analytics core, plotly's figure classes and validators, the page helpers, Streamlit's
    icon table). Imports only: no data is read and no Streamlit cache is touched. Meanwhile the interpreter
    switches threads every 0.2 ms instead of 5 ms, so the server's thread, serving the page and its 70 script
    files, waits less for the lock these imports hold (bench/scale.py's start-up measure, 6 runs each, twice:
    make run ÷ bare app 1.35 and 1.31 with it, 1.39 and 1.43 without)."""
    if port is not None:
        _wait_until_listening(port)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0002)
    try:
        _imports()
    finally:
        sys.setswitchinterval(interval)


def _imports() -> None:
    import plotly.graph_objects as go
    import streamlit.emojis  # noqa: F401  (segmented controls look up icons in it on first use)

    import ui.cached  # noqa: F401
    import ui.charts  # noqa: F401
    import ui.export  # noqa: F401
    import ui.filters  # noqa: F401
    import ui.meeting  # noqa: F401
    from analytics import pipeline  # noqa: F401

    go.Figure([go.Bar(x=["甲"], y=[1]), go.Scatter(x=[0], y=[0]), go.Heatmap(z=[[0]])]).to_json()


def _write_bytecode() -> None:
    """Keep the dashboard's own modules compiled on disk (about 2 ms when they are up to date). Python writes
    them itself on import, unless PYTHONDONTWRITEBYTECODE is set (as on the CI machines): then every start
    compiled analytics/ and ui/ from source again, some 0.2 s of the preload's time while the browser waits."""
    import compileall
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for package in ("analytics", "ui"):
        try:
            compileall.compile_dir(root / package, quiet=2)
        except OSError:  # a read-only checkout: the imports compile in memory as before
            pass


def main(argv: list[str] | None = None) -> int:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    # app.py always navigates with st.navigation. Say so before the first session: the preload imports
    # `ui`, whose import-time switch out of legacy multipage mode (ui/__init__) would then never run in a
    # page, and a deep link opened first (/kwic?term=…) would run pages/kwic.py on its own.
    PagesManager.uses_pages_directory = False
    _write_bytecode()
    args = sys.argv[1:] if argv is None else argv
    if "STREAMLIT_SERVER_FILE_WATCHER_TYPE" not in os.environ and not any(
            a.startswith("--server.fileWatcherType") for a in args):
        args = [*args, "--server.fileWatcherType", "none"]
    threading.Thread(target=preload, args=(_port(args),), daemon=True, name="preload").start()
    sys.argv = ["streamlit", "run", "app.py", *args]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
