"""One reconcile for every caller: a post another campaign recorded on the same account is
never adopted, whether the open row is a launch's (reconciled by resolve) or an update's."""

from __future__ import annotations

from typing import Any

from lifecycle_helpers import Launched, launched_campaign, prepare_and_approve
from sqlmodel import Session, select

from broadcaster.authoring.prepare import prepare_campaign, render_for
from broadcaster.campaign.lifecycle import resolve
from broadcaster.launch.plan import PlannedPost, plan_posts
from broadcaster.launch.run import launch_posts
from broadcaster.states import CampaignState, PostState
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import CampaignRecord, Post
from broadcaster.timeutil import utcnow

FIRST, SECOND = "drill-2026-0001", "drill-2026-0002"


def left_in_flight(launched: Launched, planned: list[PlannedPost]) -> None:
    """Rows as a process killed after committing `sending` leaves them: its request may or
    may not have reached the platform (here it did not)."""
    prepared = prepare_campaign(launched.path, launched.settings)
    plan_posts(launched.engine, launched.campaign_id, prepared.registry, planned)
    with session_scope(launched.engine, immediate=True) as session:
        for item in planned:
            row = session.exec(
                select(Post).where(
                    Post.campaign_id == launched.campaign_id,
                    Post.agency == item.agency,
                    Post.kind == item.kind,
                    Post.occurrence == item.occurrence,
                )
            ).one()
            row.state, row.attempts, row.sent_at = PostState.SENDING, 1, utcnow()
            session.add(row)
        record = session.get(CampaignRecord, launched.campaign_id)
        assert record is not None
        if record.state == CampaignState.DRAFT:
            record.state = CampaignState.LAUNCHING
            session.add(record)


def posts_by_text(drill: Any) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for post in drill.server.posts():
        out.setdefault(post["text"], []).append(post)
    return out


def test_resolve_never_adopts_another_campaigns_launch_post(drill: Any, db_url: str) -> None:
    agency = drill.keys[0]
    first = launched_campaign(drill, db_url=db_url, campaign_id=FIRST, agencies=[agency])
    (original,) = first.rows("original")
    assert original.state == PostState.POSTED

    # The second campaign's text is the same; its launch died with its post in flight.
    second = prepare_and_approve(drill, db_url=db_url, campaign_id=SECOND, agencies=[agency])
    planned = launch_posts(prepare_campaign(second.path, second.settings))
    assert [p.text for p in planned] == [original.text]
    left_in_flight(second, planned)

    report = resolve(second.settings, second.path, "arrested", operator="Sgt. Lee")

    # Nothing of the second campaign is on the account: its row failed, nobody posted.
    (row,) = second.rows("original")
    assert (row.state, row.remote_id) == (PostState.FAILED, None)
    assert report.not_posted == [agency] and report.send is None
    assert report.taken_down == [] and second.rows("update") == []
    # The first campaign's post is untouched, and the only post the sandbox received.
    (still,) = first.rows("original")
    assert (still.state, still.remote_id) == (PostState.POSTED, original.remote_id)
    posts = drill.server.posts()
    assert [(p["id"], p["deleted"]) for p in posts] == [(original.remote_id, False)]


def test_resolve_never_adopts_another_campaigns_update(drill: Any) -> None:
    agency = drill.keys[0]
    first = launched_campaign(drill, campaign_id=FIRST, agencies=[agency])
    resolve(first.settings, first.path, "arrested", operator="Sgt. Lee")
    (first_update,) = first.rows("update")
    assert first_update.state == PostState.POSTED

    second = launched_campaign(drill, campaign_id=SECOND, agencies=[agency])
    # Its resolve died with the update (the same text as the first's) in flight.
    prepared = prepare_campaign(second.path, second.settings)
    extra = {"outcome": "arrested"}
    (rendered,) = render_for(prepared, "update/arrested", agencies=[agency], extra=extra)
    assert rendered.text == first_update.text
    update = PlannedPost(agency=agency, kind="update", text=rendered.text, occurrence="arrested")
    left_in_flight(second, [update])

    report = resolve(second.settings, second.path, "arrested", operator="Sgt. Lee")

    # Not adopted: the account refuses the same text twice, so the update is reported failed.
    (row,) = second.rows("update")
    assert row.state == PostState.FAILED and row.remote_id is None
    assert "duplicate" in (row.error or "")
    assert [o.agency for o in report.failed_posts] == [agency]
    with Session(first.engine) as session:
        stored = session.get(Post, first_update.id)
    assert stored is not None and stored.remote_id == first_update.remote_id
    # The sandbox holds one update with that text: the first campaign's, still up.
    (posted,) = posts_by_text(drill)[first_update.text]
    assert (posted["id"], posted["deleted"]) == (first_update.remote_id, False)
