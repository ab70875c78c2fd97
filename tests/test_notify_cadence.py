"""Tracking polls follow a campaign's age (#16): every minute in its first hours, then less;
never before a rate limit's reset; the scheduler's poll says when the next one is due.
Every clock here is injected."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fixtures_responses import launch_on_sandbox
from sqlmodel import Session, select

from broadcaster.jobs.schedule import next_track_at, track_interval
from broadcaster.jobs.worker import Worker
from broadcaster.storage.db import open_db
from broadcaster.storage.models import CampaignRecord, Job

LAUNCHED = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("age", "every"),
    [
        (timedelta(0), timedelta(minutes=1)),
        (timedelta(hours=5, minutes=59), timedelta(minutes=1)),
        (timedelta(hours=6), timedelta(minutes=5)),
        (timedelta(hours=23), timedelta(minutes=5)),
        (timedelta(days=1), timedelta(minutes=15)),
        (timedelta(days=3), timedelta(hours=1)),
        (timedelta(days=30), timedelta(hours=1)),
    ],
)
def test_the_interval_grows_with_the_campaigns_age(age: timedelta, every: timedelta) -> None:
    assert track_interval(LAUNCHED, LAUNCHED + age) == every


def test_a_campaign_not_yet_launched_is_polled_soon() -> None:
    assert track_interval(None, LAUNCHED) == timedelta(minutes=1)


def test_the_next_poll_honours_a_fixed_interval_and_a_rate_limits_reset() -> None:
    now = LAUNCHED + timedelta(minutes=10)
    assert next_track_at(LAUNCHED, now) == now + timedelta(minutes=1)
    assert next_track_at(LAUNCHED, now, every=timedelta(minutes=5)) == now + timedelta(minutes=5)
    reset = now + timedelta(minutes=12)
    assert next_track_at(LAUNCHED, now, deferred_until=reset) == reset
    assert next_track_at(LAUNCHED, now, deferred_until=now) == now + timedelta(minutes=1)


def test_the_scheduler_polls_a_fresh_campaign_every_minute_and_says_when(
    drill_factory: Callable[..., Any],
) -> None:
    drill = drill_factory(1, seed=4)
    engine = open_db(drill.settings.db_url)
    launch_on_sandbox(engine, drill, "drill-2026-0001")
    with Session(engine) as session:
        record = session.get(CampaignRecord, "drill-2026-0001")
        assert record is not None and record.launched_at is not None
        launched = record.launched_at
    clock = [launched + timedelta(minutes=1)]
    worker = Worker(drill.settings, engine=engine, clock=lambda: clock[0])
    polls = [r for r in worker.tick().results if r.claim.kind == "track"]
    assert len(polls) == 1
    due = clock[0] + timedelta(minutes=1)
    assert polls[0].detail is not None
    assert polls[0].detail.endswith(f"; next poll {due:%Y-%m-%dT%H:%M:%S.%fZ}") or (
        polls[0].detail.endswith(f"; next poll {due:%Y-%m-%dT%H:%M:%SZ}")
    )
    with Session(engine) as session:
        record = session.get(CampaignRecord, "drill-2026-0001")
        assert record is not None and record.next_track_at == due
    # Seven hours on, the campaign is polled every five minutes.
    clock[0] = launched + timedelta(hours=7)
    worker.tick()
    with Session(engine) as session:
        record = session.get(CampaignRecord, "drill-2026-0001")
        assert record is not None
        assert record.next_track_at == clock[0] + timedelta(minutes=5)
        assert len(session.exec(select(Job).where(Job.kind == "track")).all()) == 2
    engine.dispose()


def test_track_follow_without_every_polls_a_fresh_campaign_every_minute(
    drill_factory: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from broadcaster.cli import cli, responses

    drill = drill_factory(1, seed=8)
    engine = open_db(drill.settings.db_url)
    launch_on_sandbox(engine, drill, "drill-1")
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        raise KeyboardInterrupt

    monkeypatch.setattr(responses.time, "sleep", sleep)
    result = CliRunner().invoke(cli, [*drill.cli_args(), "track", "drill-1", "--follow"])
    assert result.exit_code == 130
    assert waits == [60.0]
    assert "next run in 1m; Ctrl-C stops. (due at " in result.stderr
    engine.dispose()
