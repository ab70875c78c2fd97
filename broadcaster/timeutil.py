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


_RELATIVE = re.compile(r"^\+\s*(\d+(?:\.\d+)?)\s*(s|m|h)$")
_ZONED = re.compile(r"^(?P<local>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?)\s+(?P<zone>\S+)$")
AT_EXAMPLES = (
    "2026-11-23T14:00:00Z, 2026-11-23T09:00-05:00, '2026-11-23 09:00 America/Toronto', "
    "+90s, +2m or +1h"
)


def parse_at(text: str, now: datetime | None = None) -> datetime:
    """A launch instant as an officer types it: `+90s`, `+2m`, `+1h` from `now`; a local
    time with its IANA zone (`2026-11-23 09:00 America/Toronto`); or an ISO 8601 instant with
    Z or an offset. Raises ValueError with a readable message."""
    stripped = text.strip()
    relative = _RELATIVE.match(stripped)
    if relative:
        amount = float(relative.group(1)) * _UNITS[relative.group(2)]
        return as_utc(now or utcnow()) + amount
    zoned = _ZONED.match(stripped)
    if zoned and zoned.group("zone") != "Z":
        return _in_zone(text, zoned.group("local"), zoned.group("zone"))
    try:
        return parse_instant(stripped)
    except ValueError as error:
        if "no time zone" in str(error):
            raise ValueError(
                f"{text!r} has no time zone; add Z for UTC, an offset like -05:00, or a zone "
                "like America/Toronto"
            ) from None
        raise ValueError(f"{text!r} is not a date and time; write it like {AT_EXAMPLES}") from None


def _in_zone(text: str, local: str, zone: str) -> datetime:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"{text!r}: {zone!r} is not a time zone; use an IANA name like America/Toronto"
        ) from None
    value = datetime.fromisoformat(local.replace(" ", "T")).replace(tzinfo=tz)
    return value.astimezone(UTC)


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
