"""The launch spread in words, as the chief reads it at the top of the report."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

from broadcaster.responses.report import spread_in_words

FIRST = datetime(2026, 3, 15, 13, 40, tzinfo=UTC)


def report(spread_ms: int | None, agencies: int = 4) -> Any:
    return SimpleNamespace(
        spread_ms=spread_ms,
        agencies_posted=[f"a{i}" for i in range(agencies)],
        first_posted_at=FIRST,
        zone=ZoneInfo("America/Toronto"),
    )


def test_posts_the_platform_cannot_tell_apart_read_as_the_same_millisecond() -> None:
    said = spread_in_words(report(0))
    assert said.startswith("All 4 agencies posted in the same millisecond, the first at ")
    assert "0 milliseconds" not in said


def test_milliseconds_and_seconds() -> None:
    assert "within 12 milliseconds of one another" in spread_in_words(report(12))
    assert "within 2.5 seconds of one another" in spread_in_words(report(2500))
    assert spread_in_words(report(None)) == "Nothing has been posted yet."
