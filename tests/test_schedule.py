from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from broadcaster.jobs.schedule import (
    DEFAULT_HORIZON,
    LocalHours,
    RepostPlan,
    agency_schedules,
    due,
    into_window,
    occurrence_key,
    parse_occurrence,
    repost_instants,
)

TORONTO = ZoneInfo("America/Toronto")
PARIS = ZoneInfo("Europe/Paris")
DAY = (time(8), time(21))


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def test_twelve_hourly_reposts_fall_at_different_utc_instants_per_zone() -> None:
    plan = RepostPlan(every=timedelta(hours=12), until=utc("2026-11-26T00:00Z"), local_hours=DAY)
    schedules = agency_schedules(
        [plan], {"tps": TORONTO, "paris": PARIS}, launched_at=utc("2026-11-23T14:00Z")
    )
    # Toronto (UTC-5): 21:00 and 09:00 local are inside the window.
    assert schedules["tps"] == [
        utc("2026-11-24T02:00Z"),
        utc("2026-11-24T14:00Z"),
        utc("2026-11-25T02:00Z"),
        utc("2026-11-25T14:00Z"),
    ]
    # Paris (UTC+1): 03:00 local moves to the 08:00 opening, and the period counts from there.
    assert schedules["paris"] == [
        utc("2026-11-24T07:00Z"),
        utc("2026-11-24T19:00Z"),
        utc("2026-11-25T07:00Z"),
        utc("2026-11-25T19:00Z"),
    ]


def test_toronto_fall_back_moves_the_opening_by_the_local_clock() -> None:
    # 2026-11-01 02:00 EDT becomes 01:00 EST: the 08:00 opening is 13:00Z, no longer 12:00Z.
    plan = RepostPlan(every=timedelta(hours=12), until=utc("2026-11-02T06:00Z"), local_hours=DAY)
    got = repost_instants([plan], launched_at=utc("2026-10-31T12:00Z"), zone=TORONTO)
    assert got == [utc("2026-11-01T00:00Z"), utc("2026-11-01T13:00Z"), utc("2026-11-02T01:00Z")]
    assert [t.astimezone(TORONTO).strftime("%H:%M %Z") for t in got] == [
        "20:00 EDT",
        "08:00 EST",
        "20:00 EST",
    ]


def test_paris_fall_back_on_2026_10_25() -> None:
    # 03:00 CEST becomes 02:00 CET at 01:00Z; 08:00 CET is 07:00Z (it was 06:00Z the day before).
    plan = RepostPlan(every=timedelta(hours=24), until=utc("2026-10-27T00:00Z"), local_hours=DAY)
    got = repost_instants([plan], launched_at=utc("2026-10-24T06:00Z"), zone=PARIS)
    assert got == [utc("2026-10-25T07:00Z"), utc("2026-10-26T07:00Z")]


def test_paris_spring_forward_with_explicit_times() -> None:
    plan = RepostPlan(at=[utc("2026-03-29T05:30Z"), utc("2026-03-28T05:30Z")], local_hours=DAY)
    got = repost_instants([plan], launched_at=utc("2026-03-27T12:00Z"), zone=PARIS)
    # 05:30Z is 06:30 CET on the 28th (opening 07:00Z) but 07:30 CEST on the 29th (06:00Z).
    assert got == [utc("2026-03-28T07:00Z"), utc("2026-03-29T06:00Z")]


def test_window_opening_inside_the_spring_gap_comes_out_after_it() -> None:
    # Toronto 2026-03-08: 02:00 EST jumps to 03:00 EDT, so 02:30 that day does not exist.
    window = LocalHours(time(2, 30), time(21))
    moved = into_window(utc("2026-03-08T06:00Z"), window, TORONTO)  # 01:00 EST
    assert moved == utc("2026-03-08T07:30Z")
    assert moved.astimezone(TORONTO).strftime("%H:%M %Z") == "03:30 EDT"


def test_window_over_midnight() -> None:
    window = LocalHours(time(20), time(2))
    assert into_window(utc("2026-11-24T06:30Z"), window, TORONTO) == utc("2026-11-24T06:30Z")
    # 03:00 local is past the window's end: the next opening is 20:00 the same local day.
    assert into_window(utc("2026-11-24T08:00Z"), window, TORONTO) == utc("2026-11-25T01:00Z")


def test_nothing_at_or_before_launch_after_until_or_from_expiry_or_resolution() -> None:
    launched = utc("2026-11-23T14:00Z")
    plan = RepostPlan(
        at=[launched - timedelta(hours=1), launched, utc("2026-11-24T14:00Z")],
        every=timedelta(hours=6),
        until=utc("2026-11-25T02:00Z"),
    )
    full = repost_instants([plan], launched_at=launched, zone=TORONTO)
    assert full[0] == utc("2026-11-23T20:00Z")
    assert full[-1] == utc("2026-11-25T02:00Z")  # until is included
    assert launched not in full
    assert len(full) == len(set(full)) == 6  # 14:00Z on the 24th comes from both rules once
    expired = repost_instants(
        [plan], launched_at=launched, zone=TORONTO, expires_at=utc("2026-11-24T14:00Z")
    )
    assert expired == [utc("2026-11-23T20:00Z"), utc("2026-11-24T02:00Z"), utc("2026-11-24T08:00Z")]
    resolved = repost_instants(
        [plan],
        launched_at=launched,
        zone=TORONTO,
        expires_at=utc("2026-11-24T14:00Z"),
        resolved_at=utc("2026-11-24T02:00Z"),
    )
    assert resolved == [utc("2026-11-23T20:00Z")]


def test_due_and_occurrence_keys_round_trip() -> None:
    instants = [utc("2026-11-24T02:00Z"), utc("2026-11-24T14:00Z")]
    assert due(instants, utc("2026-11-24T02:00Z")) == instants[:1]
    for instant in [*instants, utc("2026-11-24T02:00:00.250000Z")]:
        assert parse_occurrence(occurrence_key(instant)) == instant
    assert occurrence_key(instants[0]) == "2026-11-24T02:00:00Z"


ZONES = ["America/Toronto", "Europe/Paris", "Australia/Sydney", "Asia/Kolkata", "UTC"]


@settings(max_examples=150, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    launch_offset_h=st.integers(min_value=0, max_value=24 * 400),
    every_h=st.integers(min_value=1, max_value=48),
    start_h=st.integers(min_value=0, max_value=23),
    length_h=st.integers(min_value=2, max_value=20),
)
def test_every_instant_is_in_window_ordered_and_spaced(
    zone: str, launch_offset_h: int, every_h: int, start_h: int, length_h: int
) -> None:
    tz = ZoneInfo(zone)
    launched = utc("2026-01-01T00:00Z") + timedelta(hours=launch_offset_h)
    every = timedelta(hours=every_h)
    window = (time(start_h), time((start_h + length_h) % 24))
    plan = RepostPlan(every=every, until=launched + timedelta(days=5), local_hours=window)
    got = repost_instants([plan], launched_at=launched, zone=tz)
    assert got, "a 5-day plan with a 2-hour daily window always has a repost"
    assert got[0] >= launched + every
    for earlier, later in pairwise(got):
        assert later - earlier >= every
    box = LocalHours(*window)
    for instant in got:
        assert box.contains(instant.astimezone(tz).time())
        assert instant <= launched + timedelta(days=5)


def test_a_plan_without_any_end_stops_after_the_default_horizon() -> None:
    launched = utc("2026-11-23T14:00Z")
    got = repost_instants([RepostPlan(every=timedelta(hours=12))], launched_at=launched, zone=PARIS)
    assert len(got) == 60
    assert got[-1] == launched + DEFAULT_HORIZON
