"""resolve: the update from every agency that posted, the photo posts down, reposts stopped."""

from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from lifecycle_helpers import Launched, launched_campaign
from sqlmodel import Session, col, select

from broadcaster.campaign.lifecycle import lifecycle_status, resolve
from broadcaster.errors import CampaignClosed, UsageInvalid
from broadcaster.jobs.worker import Worker
from broadcaster.states import JOB_OPEN, CampaignState, JobState, PostState
from broadcaster.storage.audit import verify
from broadcaster.storage.models import AuditEntry

REPOSTS = '[[reposts]]\nevery = "12h"'


def audit_actions(launched: Launched) -> list[dict[str, Any]]:
    with Session(launched.engine) as session:
        entries = session.exec(
            select(AuditEntry)
            .where(AuditEntry.campaign_id == launched.campaign_id)
            .order_by(col(AuditEntry.seq))
        ).all()
    return [{"action": e.action, **json.loads(e.detail)} for e in entries]


def test_resolve_after_a_partial_launch(drill: Any, db_url: str) -> None:
    suspended = drill.registry.get(drill.keys[2])
    drill.server.suspend(suspended.handle)
    launched = launched_campaign(drill, db_url=db_url, reposts_toml=REPOSTS)
    assert launched.record().state == CampaignState.PARTIAL
    posted = [k for k in drill.keys if k != suspended.key]

    # The scheduler has planned reposts for the agencies that posted.
    record = launched.record()
    assert record.launched_at is not None
    Worker(
        launched.settings,
        engine=launched.engine,
        clock=lambda: record.launched_at + timedelta(minutes=1),  # type: ignore[operator]
        track_every=timedelta(days=1000),
        raise_bugs=True,
    ).tick()
    assert [j for j in launched.jobs("repost") if j.state == JobState.PENDING]

    report = resolve(
        launched.settings, launched.path, "arrested", operator="Sgt. Lee", engine=launched.engine
    )
    assert report.complete, report.as_dict()
    assert report.not_posted == [suspended.key]
    assert sorted(o.agency for o in report.send.posted) == sorted(posted)  # type: ignore[union-attr]

    # On the platform: one update from each agency that posted, none from the suspended one;
    # every original is deleted.
    update_ids = {r.remote_id for r in launched.rows("update")}
    by_author = Counter(p["author"] for p in launched.sandbox_posts() if p["id"] in update_ids)
    assert by_author == {drill.registry.get(k).handle: 1 for k in posted}
    words = [p["text"] for p in launched.sandbox_posts() if p["id"] in update_ids]
    assert all("UPDATE" in text or "MISE À JOUR" in text for text in words)
    originals = launched.rows("original")
    assert {r.agency: r.state for r in originals if r.state == PostState.DELETED} == {
        k: PostState.DELETED for k in posted
    }
    remote = {p["id"]: p for p in launched.sandbox_posts()}
    assert all(remote[r.remote_id]["deleted"] for r in originals if r.remote_id)
    assert all(r.deleted_at is not None for r in originals if r.state == PostState.DELETED)

    # The campaign is closed and its scheduled work stopped.
    record = launched.record()
    assert (record.state, record.outcome) == (CampaignState.RESOLVED, "arrested")
    assert record.closed_at is not None
    assert not [j for j in launched.jobs() if j.state in JOB_OPEN]
    assert lifecycle_status(launched.engine, launched.campaign_id)["scheduled"] == []

    # Everything is in the audit log, and the chain holds.
    actions = audit_actions(launched)
    resolved = [a for a in actions if a["action"] == "resolve"]
    assert resolved and resolved[0]["outcome"] == "arrested"
    deletes = [a for a in actions if a["action"] == "delete"]
    assert sorted(a["agency"] for a in deletes) == sorted(posted)
    update_posts = [a for a in actions if a["action"] == "post" and a["kind"] == "update"]
    assert sorted(a["agency"] for a in update_posts) == sorted(posted)
    assert verify(launched.engine).ok


def test_resolve_is_resumable_and_never_posts_an_update_twice(drill: Any) -> None:
    launched = launched_campaign(drill)
    flaky = drill.registry.get(drill.keys[1])
    drill.server.suspend(flaky.handle)  # its update and its delete are refused
    first = resolve(launched.settings, launched.path, "withdrawn", operator="Sgt. Lee")
    assert not first.complete
    assert [o.agency for o in first.failed_posts] == [flaky.key]
    assert [t.agency for t in first.failed_deletes] == [flaky.key]

    drill.server.suspend(flaky.handle, False)
    again = resolve(launched.settings, launched.path, "withdrawn", operator="Sgt. Lee")
    assert again.complete, again.as_dict()
    assert [t.agency for t in again.taken_down] == [flaky.key]  # only what was missing
    rows = launched.rows("update")
    assert Counter(r.agency for r in rows) == {k: 1 for k in drill.keys}
    assert all(r.state == PostState.POSTED for r in rows)
    found_posts = [p for p in launched.sandbox_posts() if p["id"] in {r.remote_id for r in rows}]
    assert len(found_posts) == len(drill.keys)
    assert all(r.state == PostState.DELETED for r in launched.rows("original"))


def test_keep_originals_leaves_the_photo_posts_up(drill: Any) -> None:
    launched = launched_campaign(drill)
    report = resolve(
        launched.settings, launched.path, "withdrawn", operator="Sgt. Lee", keep_originals=True
    )
    assert report.complete and report.taken_down == [] and report.kept_originals
    assert all(r.state == PostState.POSTED for r in launched.rows("original"))
    assert not any(p["deleted"] for p in launched.sandbox_posts())
    assert len(launched.rows("update")) == len(drill.keys)


def test_a_resolved_campaign_cannot_be_resolved_otherwise_or_relaunched(drill: Any) -> None:
    from broadcaster.launch.run import launch

    launched = launched_campaign(drill)
    resolve(launched.settings, launched.path, "arrested", operator="Sgt. Lee")
    with pytest.raises(CampaignClosed, match="already resolved as arrested"):
        resolve(launched.settings, launched.path, "withdrawn", operator="Sgt. Lee")
    with pytest.raises(CampaignClosed):
        launch(launched.settings, launched.path, operator="Sgt. Lee")
    with pytest.raises(UsageInvalid, match="--outcome 'caught'"):
        resolve(launched.settings, launched.path, "caught", operator="Sgt. Lee")
