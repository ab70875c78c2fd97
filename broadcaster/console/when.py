"""Times as the console shows them: `2026-12-08 12:00 UTC`, as `status`, the report and the
notifications write them (the database and the JSON keep ISO 8601)."""

from __future__ import annotations

from datetime import datetime

from broadcaster.timeutil import as_utc


def when(value: object, seconds: bool = False) -> str:
    """A datetime or an ISO 8601 string, in UTC with its zone named; anything else (None,
    text that is not a time) as it is, or a dash."""
    if value is None or value == "":
        return "—"
    moment: datetime
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return str(value)
    shape = "%Y-%m-%d %H:%M:%S UTC" if seconds else "%Y-%m-%d %H:%M UTC"
    return as_utc(moment).strftime(shape)
