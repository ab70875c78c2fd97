"""Resolve and cancel of an armed launch: the lead's process has no armed agency's keys, so
each agency's worker posts its update or correction and takes its photo post down, once."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from fixtures_launch import FAST, posts_by_author
from fixtures_sandbox import Drill
from test_armed_status import agency_worker, arm_all, settings_with

from broadcaster.campaign.lifecycle import cancel, resolve
from broadcaster.states import PostState
from broadcaster.storage.db import open_db


def fire_all(drill: Drill) -> None:
    arm_all(drill, 2)

    def run(key: str) -> None:
        worker = agency_worker(drill, key)
        try:
            worker.tick()
        finally:
            worker.close()

    threads = [threading.Thread(target=run, args=(key,)) for key in drill.keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(drill.server.posts()) == len(drill.keys)


@pytest.mark.parametrize("ending", ["cancel", "resolve"])
def test_each_worker_posts_its_follow_up_and_takes_its_post_down(
    ending: str, drill_factory: Callable[..., Drill]
) -> None:
    drill = drill_factory(2, languages=("en",))
    fire_all(drill)
    lead = settings_with(drill, [])
    if ending == "cancel":
        report = cancel(lead, "drill-1", "wrong photo", operator="Cst. Lead", policy=FAST)
        kind = "correction"
    else:
        report = resolve(lead, "drill-1", "arrested", operator="Cst. Lead", policy=FAST)
        kind = "update"
    # Nothing could be done from the lead's process: no agency's keys there.
    assert report.send is not None and not report.send.posted
    assert all(p["deleted"] is False for p in drill.server.posts())
    done = []
    for key in drill.keys:
        worker = agency_worker(drill, key)
        (entry,) = worker.tick().follow_ups
        assert worker.tick().follow_ups == []  # done once: nothing more on the next pass
        worker.close()
        done.append(entry)
    for key, entry in zip(drill.keys, done, strict=True):
        assert entry["posted"] == [f"{key} {kind}"]
        assert entry["taken_down"] == [f"{key} original: {PostState.DELETED}"]
    posts = drill.server.posts()
    assert sum(1 for p in posts if p["deleted"]) == 2  # the two originals with the photo
    assert posts_by_author(drill) == {drill.registry.get(k).handle: 1 for k in drill.keys}
    engine = open_db(drill.settings.db_url)
    from broadcaster.campaign.status import campaign_status

    states = {
        (p["agency"], p["kind"]): p["state"] for p in campaign_status(engine, "drill-1")["posts"]
    }
    engine.dispose()
    for key in drill.keys:
        assert states[(key, "original")] == PostState.DELETED
        assert states[(key, kind)] == PostState.POSTED


def test_each_worker_tracks_its_own_posts_and_the_scheduler_skips_them(
    drill_factory: Callable[..., Drill],
) -> None:
    from datetime import timedelta

    from sqlmodel import Session, select

    from broadcaster.jobs.worker import Worker
    from broadcaster.states import JobOutcome
    from broadcaster.storage.models import Post
    from broadcaster.timeutil import utcnow

    drill = drill_factory(2, languages=("en",))
    fire_all(drill)
    later = utcnow() + timedelta(minutes=2)
    first, second = drill.keys
    worker = agency_worker(drill, first, clock=lambda: later)
    (entry,) = worker.tick().follow_ups
    worker.close()
    assert entry["agencies"] == [first] and entry["tracked"]
    engine = open_db(drill.settings.db_url)
    with Session(engine) as session:
        tracked = {p.agency: p.tracked_at for p in session.exec(select(Post)).all()}
    assert tracked[first] is not None and tracked[second] is None
    # The centre's scheduler has no agency's keys: its tracking poll leaves both to their
    # workers instead of failing on them.
    scheduler = Worker(settings_with(drill, []), engine=engine, clock=lambda: later)
    report = scheduler.tick()
    tracks = [r for r in report.results if r.claim.kind == "track"]
    assert tracks and all(r.outcome == JobOutcome.DONE for r in tracks), tracks
    engine.dispose()


def test_an_armed_partner_quotes_the_leads_post_in_amplify_mode(
    drill_factory: Callable[..., Drill],
) -> None:
    import time
    from datetime import timedelta

    from fixtures_launch import approved_campaign

    from broadcaster.launch.arming import armed_agencies
    from broadcaster.launch.run import launch
    from broadcaster.timeutil import utcnow

    drill = drill_factory(2, languages=("en",))
    lead, partner = drill.keys
    path = approved_campaign(drill, mode="amplify")
    results: list[dict[str, object]] = []

    def run() -> None:  # the partner's worker: it sees the arming, then waits for the lead
        engine = open_db(drill.settings.db_url)
        while not armed_agencies(engine, "drill-1"):
            time.sleep(0.05)
        engine.dispose()
        worker = agency_worker(drill, partner)
        try:
            results.extend(worker.tick().armed)
        finally:
            worker.close()

    at = utcnow() + timedelta(seconds=2)
    settings = settings_with(drill, [lead])
    thread = threading.Thread(target=run)
    thread.start()
    report = launch(
        settings, path, operator="t", at=at, policy=FAST, min_arm_lead=timedelta(seconds=1)
    )
    assert report.armed == (partner,)
    thread.join(timeout=60)
    (result,) = results
    assert result["outcome"] == "posted" and result["late_seconds"] is None
    posts = {p["author"]: p for p in drill.server.posts()}
    original = posts[drill.registry.get(lead).handle]
    quote = posts[drill.registry.get(partner).handle]
    assert str(quote["quote_of"]) == str(original["id"])


def test_scheduled_reposts_of_an_armed_agency_go_through_its_worker(
    drill_factory: Callable[..., Drill],
) -> None:
    from datetime import timedelta

    from fixtures_launch import approved_campaign

    from broadcaster.jobs.worker import Worker
    from broadcaster.launch.run import launch
    from broadcaster.timeutil import utcnow

    drill = drill_factory(2, languages=("en",))
    armed = drill.keys[1]
    path = approved_campaign(drill, reposts_toml='[[reposts]]\nevery = "1h"')
    at = utcnow() + timedelta(seconds=2)
    report = launch(
        settings_with(drill, [drill.keys[0]]),
        path,
        operator="t",
        at=at,
        policy=FAST,
        min_arm_lead=timedelta(seconds=1),
    )
    assert report.armed == (armed,)
    worker = agency_worker(drill, armed)
    worker.tick()  # fires its launch post (late: it came after the instant)
    worker.close()
    later = utcnow() + timedelta(hours=1, minutes=1)
    engine = open_db(drill.settings.db_url)
    # The centre's scheduler (the lead's keys only) leaves the armed agency's repost alone.
    centre = Worker(settings_with(drill, [drill.keys[0]]), engine=engine, clock=lambda: later)
    done = centre.tick()
    assert all(r.claim.agency != armed for r in done.results)
    worker = agency_worker(drill, armed, clock=lambda: later)
    mine = worker.tick()
    worker.close()
    engine.dispose()
    assert {(r.claim.kind, r.claim.agency) for r in mine.results} >= {("repost", armed)}
    counts = posts_by_author(drill)
    assert counts == {drill.registry.get(k).handle: 2 for k in drill.keys}


def test_at_expiry_each_worker_takes_its_photo_post_down(
    drill_factory: Callable[..., Drill],
) -> None:
    from datetime import timedelta

    from fixtures_launch import approved_campaign

    from broadcaster.campaign.lifecycle import expire
    from broadcaster.launch.run import launch
    from broadcaster.timeutil import utcnow

    drill = drill_factory(2, languages=("en",))
    lead, armed = drill.keys
    path = approved_campaign(drill, expires_at=utcnow() + timedelta(hours=1))
    report = launch(
        settings_with(drill, [lead]),
        path,
        operator="t",
        at=utcnow() + timedelta(seconds=1.5),
        policy=FAST,
        min_arm_lead=timedelta(seconds=1),
    )
    assert report.armed == (armed,)
    worker = agency_worker(drill, armed)
    worker.tick()  # its launch post (late)
    worker.close()
    later = utcnow() + timedelta(hours=2)
    result = expire(settings_with(drill, [lead]), "drill-1", operator="t", now=later)
    assert [t.agency for t in result.taken_down if t.state == PostState.DELETED] == [lead]
    worker = agency_worker(drill, armed, clock=lambda: later)
    (entry,) = worker.tick().follow_ups
    worker.close()
    assert entry["taken_down"] == [f"{armed} original: {PostState.DELETED}"]
    assert all(p["deleted"] for p in drill.server.posts())
