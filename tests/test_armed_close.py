"""Resolve and cancel of an armed launch, run from the coordination centre (the lead's keys
only): the armed agency's update or correction is planned and left to its worker, not
attempted and not failed here; the command exits 0 naming the agencies whose workers do it;
`status` shows their rows waiting for their workers; then the worker's own `tick --agency`
process posts it and takes its photo post down, exactly once. Expiry from the centre's
scheduler likewise leaves the armed agency's photo post to its worker, without a failure."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from fixtures_launch import FAST, approved_campaign
from fixtures_sandbox import Drill
from sqlmodel import Session, select
from test_agency_workers import Workers, workers_factory  # noqa: F401 - the fixture
from test_armed_status import agency_worker, settings_with
from test_armed_update import cli_as, tick

from broadcaster.campaign.lifecycle import expire
from broadcaster.campaign.status import campaign_status
from broadcaster.launch.run import launch
from broadcaster.states import PostState
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Post
from broadcaster.timeutil import utcnow

ENDINGS = {
    "resolve": (("--outcome", "arrested"), "update", "arrested"),
    "cancel": (("--reason", "wrong photo attached"), "correction", "cancel"),
}


def armed_launch(drill: Drill, **campaign: Any) -> tuple[str, str, Path]:
    """The lead launches with its own keys only, 2 s ahead (room for a loaded machine to
    pass the arming's 1 s minimum); the partner is armed and its worker fires (late).
    Returns (lead, armed agency, campaign file)."""
    lead, armed = drill.keys
    path = approved_campaign(drill, **campaign)
    report = launch(
        settings_with(drill, [lead]),
        path,
        operator="t",
        at=utcnow() + timedelta(seconds=2),
        policy=FAST,
        min_arm_lead=timedelta(seconds=1),
    )
    assert report.armed == (armed,)
    worker = agency_worker(drill, armed)
    worker.tick()
    worker.close()
    assert len(drill.server.posts()) == 2
    return lead, armed, path


def sandbox_posts(drill: Drill, key: str) -> list[dict[str, Any]]:
    """The agency's posts as the X sandbox shows them (GET /_sandbox/posts)."""
    response = requests.get(f"{drill.url}/_sandbox/posts", timeout=5)
    assert response.status_code == 200
    handle = drill.registry.get(key).handle
    return [p for p in response.json() if p["author"] == handle]


def follow_up_rows(drill: Drill, kind: str) -> dict[str, Post]:
    engine = open_db(drill.settings.db_url)
    with Session(engine) as session:
        rows = session.exec(select(Post).where(Post.kind == kind)).all()
    engine.dispose()
    return {r.agency: r for r in rows}


@pytest.mark.parametrize("ending", ["resolve", "cancel"])
def test_the_centre_leaves_the_armed_share_to_the_worker_which_does_it_once(
    ending: str,
    drill_factory: Callable[..., Drill],
    workers_factory: Callable[[Drill, str], Workers],  # noqa: F811 - the fixture
) -> None:
    drill = drill_factory(2, languages=("en",))
    lead, armed, path = armed_launch(drill)
    options, kind, occurrence = ENDINGS[ending]

    dry = cli_as(drill, lead, "--json", ending, str(path), *options, "--dry-run")
    assert dry.exit_code == 0, dry.output
    preview = json.loads(dry.stdout)
    assert preview["by_workers"] == [armed]
    assert {(p["agency"], p["by_worker"]) for p in preview["would_post"]} == {
        (lead, False),
        (armed, True),
    }
    assert {(t["agency"], t["by_worker"]) for t in preview["would_take_down"]} == {
        (lead, False),
        (armed, True),
    }

    said = " ".join(cli_as(drill, lead, ending, str(path), *options, "--dry-run").stdout.split())
    assert f"from its own worker ({armed}), at its next pass." in said, said
    assert len(sandbox_posts(drill, armed)) == 1  # the dry run sent nothing

    result = cli_as(drill, lead, ending, str(path), *options)
    assert result.exit_code == 0, result.output
    summary = " ".join(result.stdout.split())
    sentence = f"1 agency posts it and takes its photo posts down from its own worker ({armed})"
    assert sentence in summary, summary
    assert "failed" not in result.output and "missing" not in result.output.lower()
    assert "could not be taken down" not in result.output
    # The centre did its own share only; the armed agency's row is planned, never attempted.
    rows = follow_up_rows(drill, kind)
    assert rows[lead].state == PostState.POSTED
    assert rows[armed].state == PostState.PLANNED and rows[armed].attempts == 0
    assert rows[armed].error is None and rows[armed].occurrence == occurrence
    (original,) = [p for p in sandbox_posts(drill, armed) if not p["in_reply_to"]]
    assert not original["deleted"] and len(sandbox_posts(drill, armed)) == 1
    assert all(p["deleted"] for p in sandbox_posts(drill, lead) if p["media_ids"])

    status = cli_as(drill, lead, "status", "drill-1")
    shown = " ".join(status.stdout.split())
    assert f"Waiting for their own workers: {armed} (posting the {kind} and taking" in shown
    engine = open_db(drill.settings.db_url)
    waiting = {
        (p["agency"], p["kind"])
        for p in campaign_status(engine, "drill-1")["posts"]
        if p["by_worker"]
    }
    engine.dispose()
    assert waiting == {(armed, kind), (armed, "original")}

    # The worker's own process (`tick --agency`, with only its .env), then another pass.
    workers = workers_factory(drill, drill.settings.db_url)
    assert workers.start(armed, "tick").wait(timeout=60) == 0, workers.output()
    output = workers.output()
    (entry,) = json.loads(output[output.index("{") :])["follow_ups"]
    assert entry["posted"] == [f"{armed} {kind}"] and entry["failed"] == []
    assert entry["taken_down"] == [f"{armed} original: {PostState.DELETED}"]
    assert tick(drill, armed) == []  # once: the next pass has nothing to do

    mine = sandbox_posts(drill, armed)
    assert len(mine) == 2  # its original (now deleted) and exactly one follow-up
    (gone,) = [p for p in mine if p["id"] == original["id"]]
    (follow,) = [p for p in mine if p["id"] != original["id"]]
    assert gone["deleted"] and not follow["deleted"]
    assert follow_up_rows(drill, kind)[armed].state == PostState.POSTED

    # Run again from the centre: nothing left to anyone, still exit 0, nothing sent twice.
    again = cli_as(drill, lead, ending, str(path), *options)
    assert again.exit_code == 0, again.output
    assert "own worker" not in again.stdout
    assert len(sandbox_posts(drill, armed)) == 2
    status = cli_as(drill, lead, "status", "drill-1")
    assert "Waiting for their own workers" not in " ".join(status.stdout.split())


def test_expiry_from_the_centres_scheduler_records_no_failure_for_the_armed_agency(
    drill_factory: Callable[..., Drill],
) -> None:
    from broadcaster.jobs.worker import Worker
    from broadcaster.states import JobOutcome

    drill = drill_factory(2, languages=("en",))
    lead, armed, _ = armed_launch(drill, expires_at=utcnow() + timedelta(hours=1))
    later = utcnow() + timedelta(hours=2)
    engine = open_db(drill.settings.db_url)
    centre = Worker(settings_with(drill, [lead]), engine=engine, clock=lambda: later)
    done = centre.tick()
    (expiry,) = [r for r in done.results if r.claim.kind == "expire"]
    assert expiry.outcome == JobOutcome.DONE, expiry
    detail = expiry.detail or ""
    assert "could not be taken down" not in detail
    assert f"1 agency takes its photo posts down from its own worker ({armed})" in detail
    engine.dispose()
    assert [p["deleted"] for p in sandbox_posts(drill, lead)] == [True]
    assert [p["deleted"] for p in sandbox_posts(drill, armed)] == [False]
    worker = agency_worker(drill, armed, clock=lambda: later)
    (entry,) = worker.tick().follow_ups
    assert worker.tick().follow_ups == []
    worker.close()
    assert entry["taken_down"] == [f"{armed} original: {PostState.DELETED}"]
    assert [p["deleted"] for p in sandbox_posts(drill, armed)] == [True]


def test_expire_names_the_workers_share_and_fails_nothing(
    drill_factory: Callable[..., Drill],
) -> None:
    drill = drill_factory(2, languages=("en",))
    lead, armed, _ = armed_launch(drill, expires_at=utcnow() + timedelta(hours=1))
    result = expire(
        settings_with(drill, [lead]), "drill-1", operator="t", now=utcnow() + timedelta(hours=2)
    )
    assert result.complete and result.by_workers == [armed]
    assert [(t.agency, t.state) for t in result.taken_down] == [(lead, PostState.DELETED)]
