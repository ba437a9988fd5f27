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
