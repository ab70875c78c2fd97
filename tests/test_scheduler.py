"""The scheduler: repost plans become claimed jobs; each job is done by one worker once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from lifecycle_helpers import Launched, launched_campaign, prepare_and_approve
from sqlmodel import Session, select

from broadcaster.jobs.queue import Claim, claim_next, discover, release, renew
from broadcaster.jobs.worker import Outcomes, Worker
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import CampaignRecord, Job
from broadcaster.timeutil import utcnow

NO_TRACKING = timedelta(days=1000)  # tracking polls have tests of their own
DAYTIME_REPOSTS = '[[reposts]]\nevery = "12h"\nlocal_hours = ["08:00", "21:00"]'


def reminders(launched: Launched) -> Counter[str]:
    """Scheduled reposts on the sandbox, per author (the repost template says Reminder)."""
    return Counter(
        p["author"]
        for p in launched.sandbox_posts()
        if "Reminder (" in p["text"] or "Rappel (" in p["text"]
    )


def frozen(at: datetime) -> Callable[[], datetime]:
    return lambda: at


# -- reposts, end to end on the sandbox ---------------------------------------------------


def test_reposts_follow_each_agencys_daytime_and_go_out_once(drill: Any, db_url: str) -> None:
    launched = launched_campaign(drill, db_url=db_url, reposts_toml=DAYTIME_REPOSTS)
    record = launched.record()
    assert record.state == "launched" and record.launched_at is not None
    a_day_later = record.launched_at + timedelta(days=1)
    worker = Worker(
        launched.settings,
        engine=launched.engine,
        clock=frozen(a_day_later),
        track_every=NO_TRACKING,
        raise_bugs=True,
    )
    report = worker.tick()
    assert report.count("failed") == 0, report.as_dict()

    # Every agency posted exactly one reminder: the newest due one; older ones are skipped.
    assert reminders(launched) == {handle: 1 for handle in handles(launched)}
    reposts = launched.jobs("repost")
    done = [j for j in reposts if j.state == "done"]
    assert sorted(j.agency for j in done) == sorted(drill.keys)
    assert all(j.state in ("done", "skipped", "pending") for j in reposts)
    assert not [j for j in reposts if j.state == "pending" and j.due_at <= a_day_later]

    # Each repost fell inside its agency's local 08:00-21:00, so the zones differ in UTC.
    for job in done:
        local = job.due_at.astimezone(ZoneInfo(drill.registry.get(job.agency).timezone))
        assert "08:00" <= local.strftime("%H:%M") <= "21:00"
    assert len({j.due_at for j in done}) > 1

    # The journal holds them as scheduled_repost rows, posted.
    rows = launched.rows("scheduled_repost")
    assert sorted(r.agency for r in rows) == sorted(drill.keys)
    assert all(r.state == "posted" and r.remote_id for r in rows)

    # Nothing more is due at the same instant: a second pass posts nothing.
    again = worker.tick()
    assert again.results == []
    assert reminders(launched) == {handle: 1 for handle in handles(launched)}


def handles(launched: Launched) -> list[str]:
    return [launched.drill.registry.get(key).handle for key in launched.drill.keys]


def test_a_scheduled_launch_fires_when_due(drill: Any) -> None:
    soon = utcnow().replace(microsecond=0) + timedelta(seconds=2)
    ready = prepare_and_approve(drill, launch_at=soon)
    worker = Worker(ready.settings, engine=ready.engine, track_every=NO_TRACKING, raise_bugs=True)
    report = worker.tick()  # the launch is claimed early, then counts down to launch_at
    launches = [r for r in report.results if r.claim.kind == "launch"]
    assert [r.outcome for r in launches] == ["done"]
    assert ready.record().state == "launched"
    posts = [p for p in ready.sandbox_posts() if not p["deleted"]]
    assert len(posts) == len(drill.keys)
    created = [datetime.fromisoformat(p["created_at"].replace("Z", "+00:00")) for p in posts]
    assert min(created) >= soon


def test_an_unapproved_scheduled_launch_waits(drill: Any) -> None:
    soon = utcnow().replace(microsecond=0) + timedelta(seconds=1)
    ready = prepare_and_approve(drill, launch_at=soon)
    ready.path.write_text(
        ready.path.read_text().replace("armed robbery", "armed robbery and theft")
    )
    worker = Worker(
        ready.settings,
        engine=ready.engine,
        clock=frozen(soon),
        track_every=NO_TRACKING,
        raise_bugs=True,
    )
    report = worker.tick()
    assert [r.outcome for r in report.results] == ["retry"]
    job = ready.jobs("launch")[0]
    assert job.state == "pending" and "approv" in (job.error or "")
    assert ready.sandbox_posts() == []


# -- claims: one worker per job -------------------------------------------------------------


def _campaign(engine: Any, campaign_id: str = "c1") -> None:
    now = utcnow()
    with session_scope(engine) as session:
        session.add(
            CampaignRecord(
                id=campaign_id,
                path=f"{campaign_id}.toml",
                kind="wanted",
                status="exercise",
                lead="a",
                mode="coordinated",
                state="launched",
                launched_at=now,
                created_at=now,
                updated_at=now,
            )
        )


def _jobs(engine: Any, count: int, kind: str = "repost", due: datetime | None = None) -> None:
    due = due or utcnow() - timedelta(minutes=1)
    with session_scope(engine) as session:
        for n in range(count):
            session.add(
                Job(campaign_id="c1", agency=f"a{n}", kind=kind, occurrence=str(n), due_at=due)
            )


def test_four_workers_on_one_database_do_each_job_once(db_url: str) -> None:
    engine = open_db(db_url)
    _campaign(engine)
    _jobs(engine, 60)
    done: list[int] = []
    lock = threading.Lock()

    def record(worker: Worker, claims: list[Claim]) -> Outcomes:
        time.sleep(0.005)  # long enough for the others to try the same rows meanwhile
        with lock:
            done.extend(c.id for c in claims)
        return {c.id: "ok" for c in claims}

    workers = [
        Worker(_settings(db_url), engine=engine, handlers={"repost": record}, raise_bugs=True)
        for _ in range(4)
    ]
    reports: list[Any] = []
    threads = [threading.Thread(target=lambda w=w: reports.append(w.tick())) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(done) == sorted(set(done)) and len(done) == 60
    with Session(engine) as session:
        states = Counter(j.state for j in session.exec(select(Job)).all())
    assert states == {"done": 60}
    assert sum(len(r.results) for r in reports) == 60
    engine.dispose()


def _settings(db_url: str) -> Any:
    from broadcaster.config import Settings

    return Settings(db_url=db_url, agencies_path=Path("/nonexistent/agencies.toml"))


def test_a_dead_workers_claim_is_taken_over_after_its_lease(db_url: str) -> None:
    engine = open_db(db_url)
    _campaign(engine)
    _jobs(engine, 1)
    now = utcnow()
    first = claim_next(engine, "dead-worker", now, lease=timedelta(seconds=0.5))
    assert first is not None
    assert claim_next(engine, "live-worker", now) is None  # held
    time.sleep(0.6)
    taken = claim_next(engine, "live-worker", utcnow())
    assert taken is not None and taken.id == first.id and taken.attempts == 2
    # The dead worker's late word no longer counts.
    assert not renew(engine, first, "dead-worker", timedelta(minutes=1))
    assert not release(engine, first, "dead-worker")
    assert release(engine, taken, "live-worker")
    with Session(engine) as session:
        job = session.exec(select(Job)).one()
        assert (job.state, job.claimed_by, job.attempts) == ("pending", None, 1)
    engine.dispose()


def test_work_not_yet_due_is_not_claimed_and_discovery_is_idempotent(db_url: str) -> None:
    engine = open_db(db_url)
    _campaign(engine)
    with session_scope(engine) as session:
        record = session.get(CampaignRecord, "c1")
        assert record is not None
        record.expires_at = utcnow() + timedelta(hours=1)
        session.add(record)
    now = utcnow()
    assert discover(engine, now) == 1  # the expiry
    assert discover(engine, now) == 0
    assert claim_next(engine, "w", now) is None  # due in an hour
    later = now + timedelta(hours=2)
    assert discover(engine, later) == 1  # a tracking poll is now due as well
    kinds = sorted(c.kind for c in iter(lambda: claim_next(engine, "w", later), None))
    assert kinds == ["expire", "track"]
    engine.dispose()


# -- two `run` processes, and one killed -----------------------------------------------------


def _run_worker(launched: Launched, now: datetime, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BROADCASTER_RAISE_BUGS": "1"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "broadcaster",
            *launched.cli_args(),
            "run",
            "--every",
            "200ms",
            "--now",
            now.isoformat(),
            "--track-every",
            "1000d",  # tracking has tests of its own
            *extra,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _all_reposts_settled(engine: Any, campaign_id: str, agencies: int) -> bool:
    with Session(engine) as session:
        jobs = session.exec(
            select(Job).where(Job.campaign_id == campaign_id, Job.kind.in_(("plan", "repost")))  # type: ignore[attr-defined]
        ).all()
    plans = [j for j in jobs if j.kind == "plan"]
    return (
        len(plans) == agencies
        and all(j.state in ("done", "skipped", "failed", "cancelled") for j in plans)
        and not any(j.state == "claimed" for j in jobs)
        and sum(1 for j in jobs if j.kind == "repost" and j.state == "done") >= agencies
    )


@pytest.mark.slow
def test_two_run_workers_post_each_repost_once(drill_factory: Any, db_url: str) -> None:
    drill = drill_factory(10)
    launched = launched_campaign(drill, db_url=db_url, reposts_toml=DAYTIME_REPOSTS)
    record = launched.record()
    assert record.launched_at is not None
    now = record.launched_at + timedelta(days=1)
    workers = [_run_worker(launched, now) for _ in range(2)]
    try:
        _wait_until(
            lambda: _all_reposts_settled(launched.engine, launched.campaign_id, 10),
            90,
            "the reposts",
        )
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        outputs = [worker.communicate(timeout=60) for worker in workers]
    for worker, (_, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err.decode()
        assert b"stopped" in err
    assert reminders(launched) == {handle: 1 for handle in handles(launched)}
    failed = [j for j in launched.jobs() if j.state == "failed"]
    assert failed == []


@pytest.mark.slow
def test_a_worker_killed_mid_work_leaves_it_to_another_without_a_double_post(
    drill_factory: Any, db_url: str
) -> None:
    drill = drill_factory(6, latency=(0.1, 0.15))
    launched = launched_campaign(drill, db_url=db_url, reposts_toml=DAYTIME_REPOSTS)
    record = launched.record()
    assert record.launched_at is not None
    now = record.launched_at + timedelta(days=1)
    victim = _run_worker(launched, now, "--lease", "1s")
    try:
        _wait_until(lambda: sum(reminders(launched).values()) >= 1, 60, "a first repost")
    finally:
        victim.kill()  # SIGKILL: no chance to release anything
        victim.wait()
    assert victim.returncode == -signal.SIGKILL
    survivor = _run_worker(launched, now, "--lease", "1s")
    try:
        _wait_until(
            lambda: _all_reposts_settled(launched.engine, launched.campaign_id, 6),
            90,
            "the survivor to finish",
        )
    finally:
        survivor.send_signal(signal.SIGTERM)
        _, err = survivor.communicate(timeout=60)
    assert survivor.returncode == 0, err.decode()
    assert reminders(launched) == {handle: 1 for handle in handles(launched)}
    rows = launched.rows("scheduled_repost")
    assert Counter(r.agency for r in rows) == {key: 1 for key in drill.keys}
    assert all(r.state == "posted" for r in rows)


def test_tick_clock_is_injectable_and_leases_use_the_wall_clock(db_url: str) -> None:
    engine = open_db(db_url)
    _campaign(engine)
    far = utcnow().replace(microsecond=0) + timedelta(days=365)  # the tick's clock, a year on
    _jobs(engine, 1, due=far)
    seen: list[Claim] = []

    def record(worker: Worker, claims: list[Claim]) -> Outcomes:
        seen.extend(claims)
        return {c.id: None for c in claims}

    worker = Worker(
        _settings(db_url),
        engine=engine,
        handlers={"repost": record},
        clock=frozen(far),
        track_every=NO_TRACKING,
    )
    worker.tick()
    assert len(seen) == 1
    with Session(engine) as session:
        job = session.exec(select(Job).where(Job.kind == "repost")).one()
        assert job.state == "done" and job.done_at is not None and job.done_at < far
    engine.dispose()
