"""Times: aware UTC everywhere (the database included), durations like `12h`."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$")
_UNITS = {
    "ms": timedelta(milliseconds=1),
    "s": timedelta(seconds=1),
    "m": timedelta(minutes=1),
    "h": timedelta(hours=1),
    "d": timedelta(days=1),
    "w": timedelta(weeks=1),
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Aware UTC; a naive value is taken to be UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def parse_duration(text: str) -> timedelta:
    """`200ms`, `5m`, `12h`, `90d`, `2w`. Raises ValueError with a readable message."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a duration; write it like 200ms, 5m, 12h or 90d")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_instant(text: str) -> datetime:
    """ISO 8601 instant; a value without an offset is refused (ambiguous across agencies)."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date and time; write it like 2026-11-23T14:00:00Z"
        ) from None
    if value.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone; add Z for UTC or an offset like -05:00")
    return value.astimezone(UTC)
