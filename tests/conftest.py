"""Shared fixtures: the seed corpus as real text, and an isolated store per test."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "data" / "seeds"


def _manifest() -> list[dict[str, str]]:
    with open(SEED_DIR / "manifest.tsv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.fixture(scope="session")
def seed_manifest() -> list[dict[str, str]]:
    return _manifest()


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """Town name -> raw seed text as stored on disk (UTF-8)."""
    return {row["town"]: (SEED_DIR / row["file"]).read_text(encoding="utf-8") for row in _manifest()}


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    return {row["town"]: SEED_DIR / row["file"] for row in _manifest()}


@pytest.fixture()
def db_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "reports.db"
    monkeypatch.setenv("REPORTS_DB", str(path))
    return path
