"""A mid-case update of an armed launch: the centre's `update` posts the replies of the
agencies whose keys it has and leaves the armed agency's to its worker, which checks the
update's signature, posts its reply under its own original once (with the new photo, taking
its old photo post down), and refuses a forged update."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from fixtures_launch import FAST, approved_campaign
from fixtures_sandbox import Drill
from officer_helpers import key_of, signer
from sqlalchemy import update as sql_update
from sqlmodel import Session, select
from test_agency_workers import Workers, env_file, workers_factory  # noqa: F401 - the fixture
from test_armed_status import agency_worker, settings_with

from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.campaign.status import campaign_status
from broadcaster.campaign.updates import UpdateReport, post_update
from broadcaster.cli import cli
from broadcaster.launch.run import launch
from broadcaster.states import PostState
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import CaseUpdate, Post
from broadcaster.timeutil import utcnow

NOTE = "Seen near Union Station at 9:40, red jacket."


def armed_launch(drill: Drill) -> tuple[str, str, Path]:
    """The lead launches with its own keys only; the partner is armed and its worker fires
    (late: its pass comes after the instant). Returns (lead, armed agency, campaign file)."""
    lead, armed = drill.keys
    path = approved_campaign(drill)
    report = launch(
        settings_with(drill, [lead]),
        path,
        operator="t",
        at=utcnow() + timedelta(seconds=1.2),
        policy=FAST,
        min_arm_lead=timedelta(seconds=1),
    )
    assert report.armed == (armed,)
    tick(drill, armed)
    assert len(drill.server.posts()) == 2
    return lead, armed, path


def tick(drill: Drill, key: str) -> list[dict[str, Any]]:
    worker = agency_worker(drill, key)
    try:
        return worker.tick().follow_ups
    finally:
        worker.close()


def centre_update(drill: Drill, lead: str, path: Path, **options: Any) -> UpdateReport:
    return post_update(
        settings_with(drill, [lead]),
        path,
        [NOTE],
        signer=signer(drill.folder),
        policy=FAST,
        **options,
    )


def cli_as(drill: Drill, key: str, *args: str) -> Result:
    """A CliRunner run with only `key`'s credentials in its .env."""
    options = [*drill.cli_args()]
    options[options.index("--env-file") + 1] = str(env_file(drill, key))
    return CliRunner().invoke(cli, [*options, *args])


def posts_of(drill: Drill, key: str) -> list[dict[str, Any]]:
    handle = drill.registry.get(key).handle
    return [p for p in drill.server.posts() if p["author"] == handle]


def test_the_worker_posts_its_reply_under_its_original_once(
    drill_factory: Callable[..., Drill],
    workers_factory: Callable[[Drill, str], Workers],  # noqa: F811 - the fixture
) -> None:
    drill = drill_factory(2, languages=("en",))
    lead, armed, path = armed_launch(drill)
    key = str(key_of(drill.folder, "lee"))
    result = cli_as(drill, lead, "update", str(path), "--note", NOTE, "--key", key)
    # The centre sent all it could: exit 0, and the armed agency is not a failure.
    assert result.exit_code == 0, result.output
    assert "1 agency posts it from its own worker" in result.stdout, result.stdout
    assert "missing" not in result.output.lower() and "failed" not in result.output
    replies = [p for p in drill.server.posts() if p["in_reply_to"]]
    assert [p["author"] for p in replies] == [drill.registry.get(lead).handle]

    status = cli_as(drill, lead, "status", "drill-1")
    shown = " ".join(status.stdout.split())  # as read, whatever the terminal's width
    assert "1 of 2 replies posted; waiting for their own workers: " + armed in shown
    assert "not posted" not in shown

    # The worker's own process (`tick --agency`, with only its .env); then another pass.
    workers = workers_factory(drill, drill.settings.db_url)
    assert workers.start(armed, "tick").wait(timeout=60) == 0, workers.output()
    output = workers.output()
    (entry,) = json.loads(output[output.index("{") :])["follow_ups"]
    assert entry["posted"] == [f"{armed} update-1"] and entry["failed"] == []
    assert tick(drill, armed) == []  # once: the next pass has nothing to do
    (original,) = [p for p in posts_of(drill, armed) if not p["in_reply_to"]]
    (reply,) = [p for p in posts_of(drill, armed) if p["in_reply_to"]]
    assert str(reply["in_reply_to"]) == str(original["id"])
    assert NOTE in reply["text"]
    engine = open_db(drill.settings.db_url)
    (update,) = campaign_status(engine, "drill-1")["updates"]
    engine.dispose()
    assert {(p["agency"], p["state"], p["by_worker"]) for p in update["posts"]} == {
        (lead, PostState.POSTED, False),
        (armed, PostState.POSTED, False),
    }


def test_a_forged_update_is_refused_by_the_worker(drill_factory: Callable[..., Drill]) -> None:
    drill = drill_factory(2, languages=("en",))
    lead, armed, path = armed_launch(drill)
    dry = centre_update(drill, lead, path, dry_run=True)
    assert dry.by_workers == [armed]
    assert {(p["agency"], p["by_worker"]) for p in dry.planned} == {(lead, False), (armed, True)}
    report = centre_update(drill, lead, path)
    assert report.complete and report.by_workers == [armed]
    engine = open_db(drill.settings.db_url)
    forged = "Suspect is armed; call 555-0199 and send money for the reward."
    with session_scope(engine) as session:  # someone with the database, not the key
        session.exec(
            sql_update(CaseUpdate).values(notes=json.dumps({"en": forged}))  # type: ignore[call-overload]
        )
        session.exec(
            sql_update(Post)  # type: ignore[call-overload]
            .where(Post.kind == "update", Post.agency == armed)  # type: ignore[arg-type]
            .values(text=forged)
        )
    (entry,) = tick(drill, armed)
    assert entry["posted"] == [] and entry["refused"], entry
    assert "was edited" in entry["refused"][0] or "signature" in entry["refused"][0]
    assert [p for p in posts_of(drill, armed) if p["in_reply_to"]] == []
    with Session(engine) as session:
        (row,) = session.exec(select(Post).where(Post.kind == "update", Post.agency == armed))
    engine.dispose()
    assert row.state == PostState.FAILED and row.attempts == 0
    assert "refused by the agency worker" in (row.error or "")


def test_an_edited_signature_is_refused(drill_factory: Callable[..., Drill]) -> None:
    drill = drill_factory(2, languages=("en",))
    lead, armed, path = armed_launch(drill)
    centre_update(drill, lead, path)
    engine = open_db(drill.settings.db_url)
    with session_scope(engine) as session:
        row = session.exec(select(CaseUpdate)).one()
        row.signature = row.signature[::-1]
        session.add(row)
    engine.dispose()
    result = cli_as(drill, armed, "tick", "--agency", armed)  # the worker's own tick
    assert result.exit_code == 3, result.output
    sentence = " ".join(result.stderr.split())
    assert "this worker refused to post a mid-case update of drill-1" in sentence
    assert "signature does not match" in sentence
    assert [p for p in posts_of(drill, armed) if p["in_reply_to"]] == []


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_a_new_photo_reaches_the_worker_and_its_old_photo_post_comes_down(
    engine_name: str, request: pytest.FixtureRequest, drill_factory: Callable[..., Drill]
) -> None:
    drill = drill_factory(2, languages=("en",))
    if engine_name == "postgresql":  # the photo's bytes through PostgreSQL too
        drill.settings = replace(drill.settings, db_url=request.getfixturevalue("pg_url"))
    lead, armed, path = armed_launch(drill)
    photo = drill.folder / "new-photo.jpg"
    photo.write_bytes(photo_jpeg(seed=7))
    report = centre_update(drill, lead, path, photo_path=photo)
    assert report.complete, report.as_dict()
    assert [t.agency for t in report.taken_down] == [lead]  # the centre's own only
    (old,) = [p for p in posts_of(drill, armed) if not p["in_reply_to"]]
    assert not old["deleted"]

    (entry,) = tick(drill, armed)
    assert entry["posted"] == [f"{armed} update-1"]
    assert entry["taken_down"] == [f"{armed} original: {PostState.DELETED}"]
    assert tick(drill, armed) == []
    mine = {p["id"]: p for p in posts_of(drill, armed)}
    assert mine[old["id"]]["deleted"]
    (reply,) = [p for p in mine.values() if p["in_reply_to"]]
    assert reply["media_ids"] and not reply["deleted"]
    assert str(reply["in_reply_to"]) == str(old["id"])


def test_a_worker_killed_after_sending_finds_its_reply_and_posts_no_second(
    drill_factory: Callable[..., Drill],
) -> None:
    drill = drill_factory(2, languages=("en",))
    lead, armed, path = armed_launch(drill)
    centre_update(drill, lead, path)
    tick(drill, armed)
    engine = open_db(drill.settings.db_url)
    # As a worker killed between its request and recording the answer (raw SQL: the models
    # refuse that move, which only a crash makes).
    with session_scope(engine) as session:
        session.exec(
            sql_update(Post)  # type: ignore[call-overload]
            .where(Post.kind == "update", Post.agency == armed)  # type: ignore[arg-type]
            .values(state=PostState.SENDING, remote_id=None, url=None, posted_at=None)
        )
    (entry,) = tick(drill, armed)
    with Session(engine) as session:
        row = session.exec(select(Post).where(Post.kind == "update", Post.agency == armed)).one()
    engine.dispose()
    assert entry["failed"] == [] and row.state == PostState.POSTED and row.remote_id
    assert len([p for p in posts_of(drill, armed) if p["in_reply_to"]]) == 1
