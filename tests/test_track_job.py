"""The scheduler's tracking poll: a poll that failed ends its job as failed, as `track` does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from fixtures_responses import launch_on_sandbox
from sqlalchemy import Engine
from sqlmodel import Session, select

from broadcaster.jobs.queue import Claim
from broadcaster.jobs.worker import Outcomes, Worker
from broadcaster.states import JobState
from broadcaster.storage.db import open_db
from broadcaster.storage.models import CampaignRecord, Job

CID = "drill-2026-0001"


def no_plans(worker: Worker, claims: list[Claim]) -> Outcomes:
    """Repost plans are not under test (the seeded campaign has no file to plan from)."""
    return {c.id: None for c in claims}


def poll_once(drill: Any, engine: Engine) -> tuple[Worker, Job, datetime]:
    """One worker pass an hour after the launch, when a poll is due; the poll's job row."""
    with Session(engine) as session:
        record = session.get(CampaignRecord, CID)
        assert record is not None and record.launched_at is not None
        an_hour_later = record.launched_at + timedelta(hours=1)
    worker = Worker(
        drill.settings,
        engine=engine,
        clock=lambda: an_hour_later,
        handlers={"plan": no_plans},
    )
    report = worker.tick()
    tracked = [r for r in report.results if r.claim.kind == "track"]
    assert len(tracked) == 1, report.as_dict()
    with Session(engine) as session:
        job = session.exec(select(Job).where(Job.kind == "track")).one()
    return worker, job, an_hour_later


def next_track_at(engine: Engine) -> datetime | None:
    with Session(engine) as session:
        record = session.get(CampaignRecord, CID)
        assert record is not None
        return record.next_track_at


def test_a_poll_that_worked_is_done(drill_factory: Callable[..., Any]) -> None:
    drill = drill_factory(2, seed=4)
    engine = open_db(drill.settings.db_url)
    launch_on_sandbox(engine, drill, CID)
    worker, job, now = poll_once(drill, engine)
    assert (job.state, job.error) == (JobState.DONE, None)
    assert next_track_at(engine) == now + worker.track_every
    engine.dispose()


def test_a_poll_that_failed_is_a_failed_job_and_the_next_poll_still_comes(
    drill_factory: Callable[..., Any],
) -> None:
    drill = drill_factory(2, seed=4)
    engine = open_db(drill.settings.db_url)
    launch_on_sandbox(engine, drill, CID)
    suspended = drill.registry.get(drill.keys[1])
    drill.server.suspend(suspended.handle)
    worker, job, now = poll_once(drill, engine)
    assert job.state == JobState.FAILED
    assert (job.error or "").startswith(f"tracking failed for {suspended.key} (")
    # The failed poll's retry is the next poll, at its usual time.
    assert next_track_at(engine) == now + worker.track_every
    assert worker.tick().results == []  # and nothing is due before then
    engine.dispose()
