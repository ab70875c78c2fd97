"""Clocks for tests: no test may depend on today's date (clock area).

Prefer passing `now=` to the core function (`purge(..., now=)`, `Worker(clock=)`,
`lifecycle_status(..., now=)`). Where there is nothing to pass (a CLI command), the `clock`
fixture freezes `broadcaster.timeutil.utcnow` for every caller, whichever way it was
imported: it swaps the `datetime` that `utcnow` reads, so a module holding its own
reference to `utcnow` sees the frozen time too. `clock.now` starts at `CLOCK_START`;
move it with `clock.advance(...)` or `clock.set(...)`.

The suite must also pass with the process clock shifted (`faketime -f +5y pytest ...`).
libfaketime cannot shift the kernel's receive stamps (SO_TIMESTAMPNS) that the sandbox
server gives a post's `created_at`; under it the sandbox stamps with the process clock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, tzinfo

import pytest

import broadcaster.timeutil

# A Monday, well clear of any daylight-saving change in the agencies' zones.
CLOCK_START = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, instant: datetime) -> datetime:
        self.now = instant.astimezone(UTC)
        return self.now

    def advance(self, delta: timedelta) -> datetime:
        return self.set(self.now + delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    frozen = Clock(CLOCK_START)

    class FrozenDatetime(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
            return frozen.now.astimezone(tz) if tz else frozen.now.replace(tzinfo=None)

    monkeypatch.setattr(broadcaster.timeutil, "datetime", FrozenDatetime)
    yield frozen


@pytest.fixture(autouse=True)
def _sandbox_stamps_follow_a_shifted_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    if "faketime" in os.environ.get("LD_PRELOAD", ""):
        monkeypatch.setattr("broadcaster.sandbox.http.SO_TIMESTAMPNS", None)
