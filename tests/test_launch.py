"""The synchronized launch against the real sandbox (tweepy over HTTP), on both engines."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from fixtures_launch import FAST, Launched, approved_campaign, handles, posts_by_author
from fixtures_sandbox import Drill
from sqlmodel import Session, col, select

from broadcaster.campaign.status import campaign_status
from broadcaster.errors import AlreadyLaunched, CampaignClosed, UsageInvalid
from broadcaster.launch.run import launch
from broadcaster.launch.writer import Writer
from broadcaster.states import CampaignState, PostState
from broadcaster.storage.audit import verify
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import AuditEntry, CampaignRecord, Post
from broadcaster.timeutil import utcnow


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_every_agency_posts_exactly_once(db_url: str, drill: Drill) -> None:
    settings = dataclasses.replace(drill.settings, db_url=db_url)
    path = approved_campaign(drill, db_url=db_url)
    report = launch(settings, path, operator="Cst. Roy", policy=FAST)
    assert report.complete and report.state == CampaignState.LAUNCHED
    assert posts_by_author(drill) == dict.fromkeys(handles(drill), 1)
    served = {p["author"]: p for p in drill.server.posts()}
    engine = open_db(db_url)
    status = campaign_status(engine, "drill-1")
    assert status["campaign"] == "drill-1" and status["state"] == CampaignState.LAUNCHED
    assert [p["agency"] for p in status["posts"]] == drill.keys
    for post in status["posts"]:
        assert set(post) >= {
            "agency",
            "platform",
            "kind",
            "state",
            "remote_id",
            "url",
            "sent_at",
            "error",
        }
        handle = drill.registry.get(post["agency"]).handle
        assert post["state"] == PostState.POSTED and post["kind"] == "original"
        assert post["remote_id"] == served[handle]["id"]
        assert post["url"].endswith(f"/status/{post['remote_id']}")
        account = drill.server.store.account_by_handle(handle)
        assert account is not None and account.followers > 0
        assert post["error"] is None and post["followers"] == account.followers
        assert served[handle]["media_ids"]  # the photo went with every post
    # Each post's text is its agency's rendering, and the photo went with it.
    assert all("1-800-555-" in p["text"] for p in served.values())
    assert status["spread_ms"] is not None
    json.dumps(status)  # the shape is JSON as it is
    with Session(engine) as session:
        actions = [e.action for e in session.exec(select(AuditEntry).order_by(col(AuditEntry.seq)))]
        operators = {e.operator for e in session.exec(select(AuditEntry))}
    assert actions == ["approve", "launch", *["post"] * 5, "launch-result"]
    assert operators == {"lee", "Cst. Roy"}  # the approving officer; the OS user
    assert verify(engine).ok


def test_launch_again_posts_nothing_and_says_so(launched: Launched) -> None:
    drill = launched.drill
    with pytest.raises(AlreadyLaunched) as refused:
        launch(drill.settings, launched.path, operator="Cst. Roy", policy=FAST)
    assert str(refused.value).startswith("campaign 'drill-1' was already launched at ")
    assert str(refused.value).endswith(
        ": all 5 agencies have posted; see broadcaster status drill-1."
    )
    assert posts_by_author(drill) == dict.fromkeys(handles(drill), 1)


def test_dry_run_sends_and_stores_nothing(drill: Drill) -> None:
    path = approved_campaign(drill)
    engine = open_db(drill.settings.db_url)
    with Session(engine) as session:
        audit_before = len(session.exec(select(AuditEntry)).all())
    report = launch(drill.settings, path, operator="Cst. Roy", dry_run=True)
    assert report.dry_run and report.send is None
    assert [line.agency for line in report.lines] == drill.keys
    assert all(line.state == "new" and line.media for line in report.lines)
    assert drill.server.posts() == []
    with Session(engine) as session:
        assert session.exec(select(Post)).all() == []
        assert len(session.exec(select(AuditEntry)).all()) == audit_before
        record = session.get(CampaignRecord, "drill-1")
        assert record is not None and record.state == CampaignState.DRAFT


def test_only_some_agencies_then_the_rest(drill: Drill) -> None:
    path = approved_campaign(drill)
    first = launch(drill.settings, path, operator="op", only=tuple(drill.keys[:2]), policy=FAST)
    assert first.state == CampaignState.PARTIAL
    assert sorted(posts_by_author(drill)) == sorted(handles(drill)[:2])
    rest = launch(drill.settings, path, operator="op", policy=FAST)
    assert rest.state == CampaignState.LAUNCHED
    assert rest.send is not None
    assert sorted(o.agency for o in rest.send.outcomes if o.fired) == sorted(drill.keys[2:])
    assert posts_by_author(drill) == dict.fromkeys(handles(drill), 1)


def test_only_names_an_agency_not_in_the_campaign(drill: Drill) -> None:
    path = approved_campaign(drill, agencies=drill.keys[:3])
    with pytest.raises(UsageInvalid) as refused:
        launch(drill.settings, path, operator="op", only=(drill.keys[4],))
    assert str(refused.value) == (
        f"--only {drill.keys[4]}: not in campaign 'drill-1', whose agencies are "
        f"{', '.join(drill.keys[:3])}."
    )


@pytest.mark.parametrize("amplify_with", ["quote", "repost"])
def test_amplify_partners_quote_or_repost_the_lead(drill: Drill, amplify_with: str) -> None:
    extra = 'amplify_with = "repost"\n' if amplify_with == "repost" else ""
    path = approved_campaign(drill, mode="amplify", extra_toml=extra)
    report = launch(drill.settings, path, operator="op", policy=FAST)
    assert report.complete, report.send and [o.error for o in report.send.failed]
    posts = drill.server.posts()
    lead_handle = drill.registry.get(drill.keys[0]).handle
    (lead,) = [p for p in posts if p["author"] == lead_handle]
    assert lead["media_ids"] and lead["quote_of"] is None
    partners = [p for p in posts if p["author"] != lead_handle]
    assert sorted(p["author"] for p in partners) == sorted(handles(drill)[1:])
    if amplify_with == "quote":
        assert all(p["quote_of"] == lead["id"] for p in partners)
        assert all("1-800-555-" in p["text"] and not p["media_ids"] for p in partners)
    else:
        assert all(p["repost_of"] == lead["id"] for p in partners)
    status = campaign_status(open_db(drill.settings.db_url), "drill-1")
    kinds = {p["agency"]: p["kind"] for p in status["posts"]}
    assert kinds[drill.keys[0]] == "original"
    assert {kinds[k] for k in drill.keys[1:]} == {amplify_with}
    assert all(p["state"] == PostState.POSTED for p in status["posts"])


def test_countdown_fires_at_the_instant(drill: Drill) -> None:
    path = approved_campaign(drill)
    at = utcnow() + timedelta(seconds=3)
    seen: list[float] = []

    class Watch:
        def stage(self, message: str) -> None:
            pass

        def countdown(self, remaining: float) -> None:
            seen.append(remaining)

    report = launch(drill.settings, path, operator="op", at=at, policy=FAST, progress=Watch())
    assert report.fire_at == at and report.complete
    created = [_when(p["created_at"]) for p in drill.server.posts()]
    assert len(created) == len(drill.keys) and min(created) >= at  # not one post early
    # Seconds to the instant, counting down; how late the posts land is bench_launch's figure.
    assert seen and seen == sorted(seen, reverse=True) and 0 < seen[-1] <= seen[0] <= 3.0


def test_an_expired_campaign_is_refused(drill: Drill) -> None:
    now = utcnow().replace(microsecond=0)
    path = approved_campaign(drill, expires_at=now - timedelta(minutes=1))
    with pytest.raises(CampaignClosed, match=r"campaign 'drill-1' expired at "):
        launch(drill.settings, path, operator="op", policy=FAST)
    assert drill.server.posts() == []


def test_a_resolved_campaign_is_refused(launched: Launched) -> None:
    with session_scope(launched.engine) as session:
        record = session.get(CampaignRecord, "drill-1")
        assert record is not None
        record.state, record.closed_at = CampaignState.RESOLVED, utcnow()
        session.add(record)
    with pytest.raises(CampaignClosed) as refused:
        launch(
            launched.drill.settings, launched.path, operator="op", only=(launched.drill.keys[0],)
        )
    assert "was resolved on " in str(refused.value)


def test_a_new_agency_added_after_launch_posts_alone(
    drill_factory: Callable[..., Drill],
) -> None:
    drill = drill_factory(5)
    path = approved_campaign(drill, agencies=drill.keys[:4])
    assert launch(drill.settings, path, operator="op", policy=FAST).complete
    approved_campaign(drill, agencies=drill.keys, approvers=("lee",))  # re-approved
    report = launch(drill.settings, path, operator="op", policy=FAST)
    assert report.send is not None
    assert [o.agency for o in report.send.outcomes if o.fired] == [drill.keys[4]]
    assert posts_by_author(drill) == dict.fromkeys(handles(drill), 1)


def test_an_agency_removed_after_a_partial_launch_is_not_sent(drill: Drill) -> None:
    path = approved_campaign(drill)
    launch(drill.settings, path, operator="op", only=tuple(drill.keys[:2]), policy=FAST)
    approved_campaign(drill, agencies=drill.keys[:4])  # the fifth withdraws; re-approved
    report = launch(drill.settings, path, operator="op", policy=FAST)
    assert report.state == CampaignState.LAUNCHED
    assert sorted(posts_by_author(drill)) == sorted(handles(drill)[:4])
    status = campaign_status(open_db(drill.settings.db_url), "drill-1")
    fifth = next(p for p in status["posts"] if p["agency"] == drill.keys[4])
    assert fifth["state"] == PostState.CANCELLED
    assert fifth["error"] == "no longer part of the campaign; it changed after this was planned"


def test_no_credential_reaches_the_database(launched: Launched) -> None:
    launched.engine.dispose()
    db_file = launched.drill.folder / "broadcaster.db"
    stored = b"".join(
        path.read_bytes() for path in db_file.parent.glob("broadcaster.db*") if path.is_file()
    )
    secrets = [v for k, v in launched.drill.env.items() if "_X_" in k]
    assert len(secrets) == 20
    assert not [s for s in secrets if s.encode() in stored]


def test_the_report_gives_the_client_cpu_of_each_answer_and_of_the_journal(
    launched: Launched,
) -> None:
    # What benchmarks/bench_multi.py reports as the client's CPU a post after the release.
    sent = launched.report.send
    assert sent is not None
    fired = [o for o in sent.outcomes if o.fired]
    assert len(fired) == 5
    assert all(o.answer_cpu is not None and o.answer_cpu >= 0 for o in fired)
    assert sent.journal_cpu is not None and sent.journal_cpu > 0


def test_the_journal_writer_counts_the_cpu_of_the_commits_after_an_instant(drill: Drill) -> None:
    writer = Writer(open_db(drill.settings.db_url))
    writer.call(lambda session: None)
    middle = time.perf_counter()
    writer.call(lambda session: None)
    writer.call(lambda session: None)
    writer.close()
    assert len(writer.commits) == 3
    assert writer.cpu_since(middle) == sum(cpu for _, cpu in writer.commits[1:])
    assert writer.cpu_since(writer.commits[-1][0]) == 0
