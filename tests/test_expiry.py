"""Expiry: at expires_at the scheduler takes the photo posts down (a frozen clock here)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from lifecycle_helpers import Launched, launched_campaign
from sqlmodel import Session, select

from broadcaster.campaign.lifecycle import lifecycle_status
from broadcaster.campaign.status import campaign_status
from broadcaster.jobs.worker import Worker
from broadcaster.launch.lease import acquire_lease
from broadcaster.states import JOB_OPEN, CampaignState, JobOutcome, JobState, PostState
from broadcaster.storage.models import AuditEntry
from broadcaster.timeutil import utcnow

REPOSTS = '[[reposts]]\nevery = "12h"'


def worker_at(launched: Launched, now: datetime, busy_wait: float = 5.0) -> Worker:
    return Worker(
        launched.settings,
        engine=launched.engine,
        clock=lambda: now,
        track_every=timedelta(days=1000),
        raise_bugs=True,
        busy_wait=busy_wait,
    )


def live_posts(launched: Launched) -> list[dict[str, Any]]:
    return [p for p in launched.sandbox_posts() if not p["deleted"]]


def test_photo_posts_come_down_at_expiry(drill: Any, db_url: str) -> None:
    expires_at = utcnow().replace(microsecond=0) + timedelta(days=2)
    launched = launched_campaign(drill, db_url=db_url, expires_at=expires_at, reposts_toml=REPOSTS)
    launched_at = launched.record().launched_at
    assert launched_at is not None

    # A day in: the reposts went out, nothing expired; status says what will come down.
    day_one = launched_at + timedelta(days=1)
    report = worker_at(launched, day_one).tick()
    assert {r.claim.kind for r in report.results} == {"plan", "repost"}
    before = lifecycle_status(launched.engine, launched.campaign_id, now=day_one)
    assert before["expires_at"] == expires_at.isoformat()
    assert before["expiry_due"] is False
    assert 0 < before["expires_in_seconds"] <= 86400
    photo_posts = len(drill.keys) * 2  # the originals and one repost each
    assert len(before["expiring_posts"]) == photo_posts
    assert any(job["kind"] == "expire" for job in before["scheduled"])
    assert len(live_posts(launched)) == photo_posts
    # `status` carries it too (real clock: the expiry is still ahead).
    upcoming = campaign_status(launched.engine, launched.campaign_id)["upcoming"]
    assert upcoming["summary"].startswith(
        f"expires {expires_at:%Y-%m-%d %H:%M} UTC: {photo_posts} photo posts will come down then"
    )

    # Just before the instant: the repost due since day 1.5 goes out; no expiry yet.
    just_before = expires_at - timedelta(seconds=1)
    assert lifecycle_status(launched.engine, launched.campaign_id, now=expires_at)["expiry_due"]
    report = worker_at(launched, just_before).tick()
    assert {r.claim.kind for r in report.results} == {"repost"}
    assert launched.record().state == CampaignState.LAUNCHED
    photo_posts = len(launched.rows("original", "scheduled_repost"))
    assert photo_posts == len(drill.keys) * 3

    # At expires_at the scheduler takes every photo post down and stops the reposts.
    report = worker_at(launched, expires_at).tick()
    expiries = [r for r in report.results if r.claim.kind == "expire"]
    assert [r.outcome for r in expiries] == [JobOutcome.DONE], report.as_dict()
    assert live_posts(launched) == []
    assert {r.state for r in launched.rows("original", "scheduled_repost")} == {PostState.DELETED}
    record = launched.record()
    assert record.state == CampaignState.EXPIRED and record.closed_at == expires_at
    assert not [j for j in launched.jobs() if j.state in JOB_OPEN]
    with Session(launched.engine) as session:
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.campaign_id == launched.campaign_id)
        ).all()
    assert [e for e in entries if e.action == "expire"]
    deletes = [json.loads(e.detail) for e in entries if e.action == "delete"]
    assert len(deletes) == photo_posts and {d["reason"] for d in deletes} == {CampaignState.EXPIRED}
    after = lifecycle_status(launched.engine, launched.campaign_id, now=expires_at)
    assert after["expiring_posts"] == [] and after["scheduled"] == []

    # Later passes find nothing to do.
    assert worker_at(launched, expires_at + timedelta(days=3)).tick().results == []


def test_expiry_waits_while_another_process_holds_the_campaign(drill: Any) -> None:
    expires_at = utcnow().replace(microsecond=0) + timedelta(hours=1)
    launched = launched_campaign(drill, expires_at=expires_at)
    lease = acquire_lease(launched.engine, launched.campaign_id, purpose="resolve")
    try:
        report = worker_at(launched, expires_at, busy_wait=0.3).tick()
        assert [r.outcome for r in report.results if r.claim.kind == "expire"] == ["retry"]
        job = launched.jobs("expire")[0]
        assert job.state == JobState.PENDING and job.attempts == 0
    finally:
        lease.release()
    later = expires_at + timedelta(minutes=1)
    report = worker_at(launched, later).tick()
    assert [r.outcome for r in report.results if r.claim.kind == "expire"] == [JobOutcome.DONE]
    assert live_posts(launched) == []
