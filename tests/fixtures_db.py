"""Databases for tests: a temporary SQLite file, and PostgreSQL when BROADCASTER_TEST_PG is set.

Each PostgreSQL test gets a schema of its own (dropped afterwards), so tests never see each
other's rows and the shared `test` database is left clean.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

PG_URL = os.environ.get("BROADCASTER_TEST_PG")


def pg_schema_url(base: str, schema: str) -> str:
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh schema on the test PostgreSQL; skips when BROADCASTER_TEST_PG is unset."""
    if not PG_URL:
        pytest.skip("BROADCASTER_TEST_PG is not set")
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg_schema_url(PG_URL, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'broadcaster.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Both engines: storage, launch and scheduler tests run on each."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'broadcaster.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url
