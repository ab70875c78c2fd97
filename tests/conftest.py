"""Shared fixtures live in one module per area (fixtures_*.py), loaded here."""

from __future__ import annotations

import os

import pytest

pytest_plugins = [
    "fixtures_clock",
    "fixtures_db",
    "fixtures_workspace",
    "fixtures_sandbox",
    "fixtures_launch",
    "fixtures_responses",
    "fixtures_mastodon",
    "fixtures_bluesky",
]


@pytest.fixture(autouse=True)
def _bugs_keep_tracebacks(monkeypatch: pytest.MonkeyPatch) -> None:
    # A bug must fail the test loudly, not become a polite exit 1.
    monkeypatch.setenv("BROADCASTER_RAISE_BUGS", "1")
    # A state move the tables in broadcaster/states.py do not allow fails the test.
    monkeypatch.setenv("BROADCASTER_STRICT_STATES", "1")
    for name in list(os.environ):
        keep = name in (
            "BROADCASTER_TEST_PG",
            "BROADCASTER_RAISE_BUGS",
            "BROADCASTER_STRICT_STATES",
        )
        if name.startswith("BROADCASTER_") and not keep:
            monkeypatch.delenv(name, raising=False)
