"""How far this machine's clock is from the coordination database's.

Agency machines' clocks disagree; an armed launch fires on the database's timeline. The
offset is read the way NTP reads one: note the local time before and after asking the
database for its time, take the midpoint, and keep the reading with the shortest round
trip (its error is at most half that round trip). PostgreSQL answers `clock_timestamp()`
(the time now, not the transaction's start). SQLite has no clock of its own: the database
is a file on this machine, so its timeline is this machine's clock and the offset is 0;
the round trip of a trivial query is still measured and reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import text

from broadcaster.storage.db import is_sqlite
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

SAMPLES = 15


@dataclass(frozen=True)
class ClockReading:
    offset: timedelta  # this machine's clock minus the database's
    round_trip: timedelta

    @property
    def offset_ms(self) -> float:
        return round(self.offset.total_seconds() * 1000, 3)

    @property
    def round_trip_ms(self) -> float:
        return round(self.round_trip.total_seconds() * 1000, 3)

    def local(self, instant: datetime) -> datetime:
        """When `instant` (on the database's timeline) comes, as this machine's clock reads."""
        return as_utc(instant) + self.offset

    def database(self, instant: datetime) -> datetime:
        """This machine's `instant` on the database's timeline."""
        return as_utc(instant) - self.offset


def read_offset(engine: Engine, samples: int = SAMPLES) -> ClockReading:
    """The best of `samples` readings of the database's clock against this machine's."""
    query = "SELECT 1" if is_sqlite(engine) else "SELECT clock_timestamp()"
    best: ClockReading | None = None
    with engine.connect() as connection:
        connection.execute(text(query))  # the first query pays for the connection
        for _ in range(samples):
            before = utcnow()
            value = connection.execute(text(query)).scalar_one()
            after = utcnow()
            trip = after - before
            if isinstance(value, datetime):
                offset = before + trip / 2 - as_utc(value)
            else:  # SQLite: this machine's clock is the database's
                offset = timedelta(0)
            if best is None or trip < best.round_trip:
                best = ClockReading(offset, trip)
        connection.rollback()
    assert best is not None
    return best
