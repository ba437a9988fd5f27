"""ui.serve: what the preload imports for the first page, and what it leaves to first use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_preload_imports_the_first_page_s_modules_but_not_the_file_readers_or_scipy():
    code = ("import json, sys; before = sys.getswitchinterval(); from ui import serve; serve.preload(None);"
            "assert sys.getswitchinterval() == before;"
            "print(json.dumps({m: m in sys.modules for m in "
            "['pandas', 'plotly.graph_objects', 'analytics.pipeline', 'ui.meeting', 'ui.briefing',"
            " 'docx', 'pypdfium2', 'scipy.sparse', 'ui.word']}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert {m for m, v in loaded.items() if v} == {"pandas", "plotly.graph_objects", "analytics.pipeline",
                                                   "ui.meeting", "ui.briefing"}


def test_write_bytecode_compiles_the_dashboard_s_modules_even_when_python_is_told_not_to(monkeypatch):
    import importlib.util
    import os

    from ui import serve

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    sources = [ROOT / "analytics" / "pipeline.py", ROOT / "ui" / "charts.py"]
    for src in sources:
        Path(importlib.util.cache_from_source(str(src))).unlink(missing_ok=True)
    serve._write_bytecode()
    for src in sources:
        cached = Path(importlib.util.cache_from_source(str(src)))
        assert cached.exists()
        # the header records the source's mtime: the import will use this file, not compile again
        assert int.from_bytes(cached.read_bytes()[8:12], "little") == int(os.stat(src).st_mtime)


def test_a_spawned_worker_importing_the_app_as_its_main_module_does_not_run_the_app():
    """Streamlit runs app.py as __main__, so a worker process started with "spawn" (the re-derivation of a large
    store) runs it again as __mp_main__: that must only import, not navigate nor start the warm-up."""
    code = ("import runpy, streamlit as st\n"
            "calls = []\n"
            "st.navigation = lambda pages: calls.append('navigation')\n"
            "import ui.data; ui.data.warm_in_background = lambda: calls.append('warm-up')\n"
            "runpy.run_path('app.py', run_name='__mp_main__')\n"
            "print(calls)\n"
            "try:\n"
            "    runpy.run_path('app.py', run_name='__main__')\n"
            "except AttributeError:\n"  # the stub returns None: None.run()
            "    pass\n"
            "print(calls)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-2:] == ["[]", "['navigation', 'warm-up']"]
