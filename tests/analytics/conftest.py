"""Fixtures shared by the analytics tests."""

from __future__ import annotations


import pytest

from analytics import pipeline
from analytics.store import Store


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory):
    """A store holding the built-in corpus with its features, prepared once; copy it, never write to it."""
    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    store = Store(path)
    pipeline.ensure_ready(store, resources=pipeline.load_resources(store))
    return path


@pytest.fixture()
def store(seeded_db, db_path) -> Store:
    """A private copy of the seeded store at the test's REPORTS_DB."""
    Store(seeded_db).copy_to(db_path)
    return Store(db_path)
