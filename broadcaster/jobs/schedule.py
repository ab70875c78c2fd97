"""When scheduled reposts fall due: repost plans → instants, per agency, in its own day.

Pure functions with the clock passed in. A plan either repeats (`every`, up to `until`) or
lists instants (`at`). Each instant is kept inside the agency's `local_hours` window in its
own IANA time zone: an instant outside the window moves to the next opening of the window
there. A repeating plan counts each period from the previous repost (the first one period
after launch), so a 12-hourly plan inside 08:00–21:00 settles at two reposts a local day
instead of bunching up at the window's opening. Periods are elapsed time, so a daylight-
saving change shifts the local hour, never the gap between reposts; windows are local
wall-clock hours, so they follow the change.

Nothing falls at or before the launch, after `until`, or at or after the campaign's
expiry or resolution; a plan with no end at all stops `DEFAULT_HORIZON` after launch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from broadcaster.timeutil import as_utc

# A guard against a plan whose period is tiny next to its span (a typo such as 12s for 12h).
MAX_INSTANTS_PER_AGENCY = 10_000
# A plan with no `until`, on a campaign with no `expires_at`, stops this long after launch.
DEFAULT_HORIZON = timedelta(days=30)


class RepostPlanLike(Protocol):
    """What a `[[reposts]]` table gives (campaigns.RepostPlan has these attributes)."""

    @property
    def every(self) -> timedelta | None: ...
    @property
    def at(self) -> Sequence[datetime]: ...
    @property
    def until(self) -> datetime | None: ...
    @property
    def local_hours(self) -> tuple[time, time] | None: ...


@dataclass(frozen=True)
class RepostPlan:
    """A plain plan, for callers that do not start from a campaign file."""

    every: timedelta | None = None
    at: Sequence[datetime] = field(default_factory=tuple)
    until: datetime | None = None
    local_hours: tuple[time, time] | None = None


@dataclass(frozen=True)
class LocalHours:
    """A daily window of local wall-clock time, start included, end included.

    A window whose end is before its start runs over midnight (20:00–02:00)."""

    start: time
    end: time

    def contains(self, local: time) -> bool:
        if self.start <= self.end:
            return self.start <= local <= self.end
        return local >= self.start or local <= self.end


def local_at(day: datetime, clock: time, zone: ZoneInfo) -> datetime:
    """`clock` on the local calendar day of `day`, as an aware UTC instant.

    A wall time that does not exist that day (spring forward) comes out at the same
    distance after the gap; one that happens twice (fall back) takes the first."""
    local_day = day.astimezone(zone).date()
    naive = datetime.combine(local_day, clock)
    return naive.replace(tzinfo=zone, fold=0).astimezone(UTC)


def into_window(instant: datetime, window: LocalHours | None, zone: ZoneInfo) -> datetime:
    """`instant`, or the next opening of `window` in `zone` when it falls outside it."""
    instant = as_utc(instant)
    if window is None:
        return instant
    local = instant.astimezone(zone)
    if window.contains(local.time().replace(tzinfo=None)):
        return instant
    opening = local_at(instant, window.start, zone)
    if opening <= instant:
        # Today's opening has passed: take tomorrow's (by local calendar, not by 24 h).
        tomorrow = datetime.combine(local.date() + timedelta(days=1), time(12), tzinfo=zone)
        opening = local_at(tomorrow, window.start, zone)
    return opening


def _window(plan: RepostPlanLike) -> LocalHours | None:
    if plan.local_hours is None:
        return None
    start, end = plan.local_hours
    return LocalHours(start, end)


def plan_instants(
    plan: RepostPlanLike,
    *,
    launched_at: datetime,
    zone: ZoneInfo,
    stop_at: datetime | None = None,
) -> list[datetime]:
    """The instants one plan gives one agency (in `zone`), sorted, in UTC.

    `stop_at` is the earliest of the campaign's expiry and its resolution: nothing at or
    after it."""
    launched_at = as_utc(launched_at)
    until = as_utc(plan.until) if plan.until is not None else None
    stop = as_utc(stop_at) if stop_at is not None else None
    if until is None and stop is None:
        until = launched_at + DEFAULT_HORIZON
    window = _window(plan)

    def keep(instant: datetime) -> bool:
        if instant <= launched_at:
            return False
        if until is not None and instant > until:
            return False
        return stop is None or instant < stop

    out: list[datetime] = []
    for at in plan.at:
        moved = into_window(as_utc(at), window, zone)
        if keep(moved):
            out.append(moved)
    every = plan.every
    if every is not None and every > timedelta(0):
        last = launched_at
        while len(out) < MAX_INSTANTS_PER_AGENCY:
            candidate = into_window(last + every, window, zone)
            if not keep(candidate):
                break
            out.append(candidate)
            last = candidate
    return sorted(set(out))


def repost_instants(
    plans: Iterable[RepostPlanLike],
    *,
    launched_at: datetime,
    zone: ZoneInfo,
    expires_at: datetime | None = None,
    resolved_at: datetime | None = None,
) -> list[datetime]:
    """Every plan of a campaign for one agency: one sorted list, no instant twice."""
    stops = [as_utc(t) for t in (expires_at, resolved_at) if t is not None]
    stop_at = min(stops) if stops else None
    instants: set[datetime] = set()
    for plan in plans:
        instants.update(plan_instants(plan, launched_at=launched_at, zone=zone, stop_at=stop_at))
    return sorted(instants)


def agency_schedules(
    plans: Sequence[RepostPlanLike],
    zones: Mapping[str, ZoneInfo],
    *,
    launched_at: datetime | Mapping[str, datetime],
    expires_at: datetime | None = None,
    resolved_at: datetime | None = None,
) -> dict[str, list[datetime]]:
    """Agency key -> its repost instants. `zones` maps each agency that posted to its time
    zone; `launched_at` is one instant, or one per agency (when an agency posted late)."""
    out: dict[str, list[datetime]] = {}
    for key, zone in zones.items():
        start = launched_at if isinstance(launched_at, datetime) else launched_at[key]
        out[key] = repost_instants(
            plans, launched_at=start, zone=zone, expires_at=expires_at, resolved_at=resolved_at
        )
    return out


def due(instants: Iterable[datetime], now: datetime) -> list[datetime]:
    """The instants that have come by `now`."""
    now = as_utc(now)
    return [t for t in instants if as_utc(t) <= now]


def occurrence_key(instant: datetime) -> str:
    """The stable name of a scheduled instant (a journal row's `occurrence`)."""
    instant = as_utc(instant)
    if instant.microsecond:
        return instant.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_occurrence(key: str) -> datetime:
    return datetime.fromisoformat(key.replace("Z", "+00:00")).astimezone(UTC)


# -- tracking polls ---------------------------------------------------------------------

# How often a campaign is tracked, by its age: a tip matters most in the first hours, and
# a thread goes quiet within days. One poll a minute is one metrics request and a page or
# two of replies per account: well inside X's 15-minute windows (a rate limit, if one
# comes, defers the poll to the platform's reset).
TRACK_CADENCE: tuple[tuple[timedelta, timedelta], ...] = (
    (timedelta(hours=6), timedelta(minutes=1)),
    (timedelta(hours=24), timedelta(minutes=5)),
    (timedelta(hours=72), timedelta(minutes=15)),
)
LATE_TRACK_EVERY = timedelta(hours=1)
FIRST_TRACK_AFTER = TRACK_CADENCE[0][1]


def track_interval(launched_at: datetime | None, now: datetime) -> timedelta:
    """The pause before the next tracking poll of a campaign launched at `launched_at`."""
    if launched_at is None:
        return FIRST_TRACK_AFTER
    age = as_utc(now) - as_utc(launched_at)
    for younger_than, every in TRACK_CADENCE:
        if age < younger_than:
            return every
    return LATE_TRACK_EVERY


def next_track_at(
    launched_at: datetime | None,
    now: datetime,
    *,
    every: timedelta | None = None,
    deferred_until: datetime | None = None,
) -> datetime:
    """When the next poll is due: `every` if given, else the cadence for the campaign's
    age; never before a rate limit's reset."""
    due = as_utc(now) + (every if every is not None else track_interval(launched_at, now))
    if deferred_until is not None and as_utc(deferred_until) > due:
        return as_utc(deferred_until)
    return due
