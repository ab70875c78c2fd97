"""cancel: an alert sent in error comes down at once and every agency that posted corrects it."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from lifecycle_helpers import Launched, launched_campaign, prepare_and_approve
from sqlmodel import Session, col, select, update

from broadcaster.campaign.lifecycle import cancel
from broadcaster.errors import Busy
from broadcaster.launch.run import launch
from broadcaster.states import CampaignState, PostState
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import AuditEntry, CampaignRecord, Post
from broadcaster.timeutil import utcnow

REASON = "wrong photo attached"


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def launch_in_background(ready: Launched) -> tuple[threading.Thread, list[Any]]:
    outcome: list[Any] = []

    def go() -> None:
        try:
            outcome.append(launch(ready.settings, ready.path, operator="Sgt. Lee"))
        except Exception as error:
            outcome.append(error)

    thread = threading.Thread(target=go)
    thread.start()
    return thread, outcome


def corrections(launched: Launched) -> Counter[str]:
    ids = {r.remote_id for r in launched.rows("correction")}
    return Counter(p["author"] for p in launched.sandbox_posts() if p["id"] in ids)


def assert_cancelled_everywhere(launched: Launched, drill: Any) -> None:
    handles = {drill.registry.get(k).handle: 1 for k in drill.keys}
    originals = launched.rows("original")
    assert {r.state for r in originals} == {PostState.DELETED}
    remote = {p["id"]: p for p in launched.sandbox_posts()}
    assert all(remote[r.remote_id]["deleted"] for r in originals if r.remote_id)
    assert corrections(launched) == handles
    texts = [remote[r.remote_id]["text"] for r in launched.rows("correction") if r.remote_id]
    assert all(REASON in text for text in texts)
    # each agency posted its original once: no launch post twice
    posted_originals = Counter(
        p["author"] for p in launched.sandbox_posts() if p["id"] in {r.remote_id for r in originals}
    )
    assert posted_originals == handles
    assert len(launched.sandbox_posts()) == 2 * len(drill.keys)
    record = launched.record()
    assert (record.state, record.outcome) == (CampaignState.CANCELLED, "cancelled")
    with Session(launched.engine) as session:
        entry = session.exec(
            select(AuditEntry).where(
                AuditEntry.campaign_id == launched.campaign_id, AuditEntry.action == "cancel"
            )
        ).first()
    assert entry is not None and json.loads(entry.detail)["reason"] == REASON


def test_cancel_after_launch(drill: Any, db_url: str) -> None:
    launched = launched_campaign(drill, db_url=db_url)
    report = cancel(launched.settings, launched.path, REASON, operator="Insp. Roy")
    assert report.complete, report.as_dict()
    assert_cancelled_everywhere(launched, drill)


def test_cancel_within_seconds_of_a_launch_under_way(drill_factory: Any) -> None:
    drill = drill_factory(5, latency=(0.3, 0.4))
    ready = prepare_and_approve(drill)
    thread, outcome = launch_in_background(ready)

    def firing() -> bool:
        with Session(ready.engine) as session:
            rows = session.exec(select(Post).where(Post.state == PostState.SENDING)).all()
        return bool(rows)

    wait_for(firing)
    report = cancel(ready.settings, ready.path, REASON, operator="Insp. Roy")
    thread.join()
    assert not isinstance(outcome[0], Exception)  # the launch finished what it had sent
    assert report.complete, report.as_dict()
    assert_cancelled_everywhere(ready, drill)


def test_cancel_during_the_countdown_stops_the_launch_before_it_sends(drill: Any) -> None:
    ready = prepare_and_approve(
        drill, launch_at=utcnow().replace(microsecond=0) + timedelta(seconds=3)
    )
    thread, outcome = launch_in_background(ready)

    def counting_down() -> bool:
        with Session(ready.engine) as session:
            record = session.get(CampaignRecord, ready.campaign_id)
            planned = session.exec(select(Post).where(Post.state == PostState.PLANNED)).all()
        return bool(record and (record.lease_owner or "").startswith("launch@") and planned)

    wait_for(counting_down)
    report = cancel(ready.settings, ready.path, REASON, operator="Insp. Roy")
    thread.join()
    # The launch stops either when the cancel takes its lease (Busy) or when it sees the
    # campaign cancelled first; which comes first is timing. Either way it sent nothing.
    stopped = outcome[0]
    assert isinstance(stopped, Busy) or (
        stopped.state == CampaignState.CANCELLED and not (stopped.send and stopped.send.posted)
    ), stopped
    assert report.complete and report.send is None and report.taken_down == []
    assert ready.sandbox_posts() == []
    assert {r.state for r in ready.rows("original")} == {PostState.CANCELLED}
    assert ready.record().state == CampaignState.CANCELLED


def test_cancel_reconciles_a_post_whose_outcome_was_never_recorded(drill: Any) -> None:
    launched = launched_campaign(drill)
    lost = launched.rows("original")[0]
    # As if the process died after the request left: the row says `sending`, no remote id.
    # A bulk UPDATE forges that row below the ORM's state check (posted -> sending is no move).
    with session_scope(launched.engine) as session:
        session.execute(
            update(Post)
            .where(col(Post.id) == lost.id)
            .values(state=PostState.SENDING, remote_id=None, url=None)
        )
    report = cancel(launched.settings, launched.path, REASON, operator="Insp. Roy")
    assert report.complete, report.as_dict()
    assert_cancelled_everywhere(launched, drill)
    assert launched.rows("original")[0].remote_id == lost.remote_id
