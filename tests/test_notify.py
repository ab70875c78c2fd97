"""Notifications (#16): a tip stored by `track` reaches the desks once, through apprise, to a
webhook receiver on 127.0.0.1; a second pass and a second worker send nothing again; a
failing desk is retried, recorded as failed and never stops tracking; drills say DRILL;
no secret reaches the output or the database."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixtures_responses import launch_on_sandbox
from sqlalchemy import select
from sqlmodel import Session
from test_notify_receiver import Receiver, receiver_fixture  # noqa: F401

from broadcaster.cli import cli
from broadcaster.jobs.worker import Worker
from broadcaster.storage.db import open_db
from broadcaster.storage.models import CampaignRecord, Notification, Reply

CID = "drill-2026-0001"
TIP = "I saw him at the Tim Hortons on King St around 9pm, he got into a red pickup"
SECRET = "s3cr3t-Desk-Token-4242"


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def with_desk(drill: Any, key: str, url: str) -> None:
    """Give agency `key` a notify URL in agencies.toml."""
    text = drill.agencies_path.read_text(encoding="utf-8")
    text = text.replace(f"[agency.{key}]\n", f"[agency.{key}]\nnotify = [{json.dumps(url)}]\n")
    drill.agencies_path.write_text(text, encoding="utf-8")


@pytest.fixture
def tipped(
    drill_factory: Callable[..., Any], receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> Any:
    """A drill campaign on the sandbox with one tip waiting on the first agency's post; the
    centre's URL in BROADCASTER_NOTIFY, the first agency's desk behind a ${VAR} secret."""
    drill = drill_factory(2, seed=3)
    engine = open_db(drill.settings.db_url)
    posts = launch_on_sandbox(engine, drill, CID)
    drill.server.add_reply(posts[0].remote_id, "@witness", TIP)
    monkeypatch.setenv("BROADCASTER_NOTIFY", receiver.url("centre"))
    monkeypatch.setenv("DESK_TOKEN", SECRET)
    desk = receiver.url("desk").replace("json://", "json://desk:${DESK_TOKEN}@")
    with_desk(drill, drill.keys[0], desk)
    drill.engine = engine
    yield drill
    engine.dispose()


def notifications(engine: Any) -> list[Notification]:
    with Session(engine) as session:
        return list(session.exec(select(Notification).order_by(Notification.id)).scalars())


def test_a_tip_stored_by_track_is_notified_once_to_the_centre_and_the_desk(
    tipped: Any, receiver: Receiver
) -> None:
    result = run(*tipped.cli_args(), "track", CID)
    assert result.exit_code == 0, result.output
    with tipped.engine.connect() as conn:
        (label,) = conn.execute(select(Reply.label)).scalars().all()
    assert label == "tip"
    centre, desk = receiver.at("centre"), receiver.at("desk")
    assert len(centre) == 1 and len(desk) == 1
    for got in (centre[0], desk[0]):
        title, body = got.body["title"], got.body["message"]
        assert title == f"DRILL: New tip: {CID} ({tipped.keys[0]})"
        assert body.startswith("DRILL: an exercise campaign")
        assert '"I saw him at the Tim Hortons on King St around 9pm' in body
        assert f"{tipped.url}/witness/status/" in body  # the reply's link
        assert f"Tips inbox: http://127.0.0.1:8700/campaigns/{CID}/tips" in body
        assert "why: " in body
    # The desk's secret was filled in from the environment, and sent only to the desk.
    assert desk[0].authorization is not None and centre[0].authorization is None
    rows = notifications(tipped.engine)
    assert [(r.kind, r.state, r.audience) for r in rows] == [
        ("tip", "sent", "centre"),
        ("tip", "sent", tipped.keys[0]),
    ]
    assert all(r.payload is None for r in rows)  # the stranger's words are not kept

    # A second pass, and a second worker, find the notices recorded: nothing is sent again.
    assert run(*tipped.cli_args(), "track", CID).exit_code == 0
    with Session(tipped.engine) as session:
        record = session.get(CampaignRecord, CID)
        assert record is not None and record.launched_at is not None
        later = record.launched_at + timedelta(minutes=5)
    settings = replace(
        tipped.settings,
        env={
            **tipped.settings.env,
            "BROADCASTER_NOTIFY": receiver.url("centre"),
            "DESK_TOKEN": SECRET,
        },
    )
    worker = Worker(settings, engine=tipped.engine, clock=lambda: later)
    (poll,) = [r for r in worker.tick().results if r.claim.kind == "track"]
    assert poll.detail is not None and "0 notifications sent" in poll.detail
    assert len(receiver.received) == 2
    assert len(notifications(tipped.engine)) == 2


def test_no_secret_in_output_or_database(tipped: Any, receiver: Receiver) -> None:
    result = run(*tipped.cli_args(), "track", CID)
    assert result.exit_code == 0
    status = run(*tipped.cli_args(), "notify", "status")
    assert status.exit_code == 0
    assert f"agency {tipped.keys[0]} (json://127.0.0.1:{receiver.port}/…): 1 sent" in (
        status.stdout
    )
    for text in (result.stdout, result.stderr, status.stdout, status.stderr):
        assert SECRET not in text
    tipped.engine.dispose()
    folder = Path(tipped.settings.db_url.removeprefix("sqlite:///")).parent
    for path in folder.glob("broadcaster.db*"):
        assert SECRET.encode() not in path.read_bytes()
        assert b"json://" not in path.read_bytes()  # a fingerprint, never the URL


def test_a_failing_desk_is_retried_recorded_and_tracking_completes(
    tipped: Any, receiver: Receiver
) -> None:
    receiver.failing.add("centre")
    result = run(*tipped.cli_args(), "track", CID)
    assert result.exit_code == 0, result.output
    assert "Stored 1 new reply" in result.stdout
    assert "Error: notifications: 1 notification sent; 1 failed (centre (json://" in (result.stderr)
    assert "see broadcaster notify status." in result.stderr
    assert len(receiver.at("centre")) == 3  # DELIVERY's three tries
    assert len(receiver.at("desk")) == 1
    states = {r.audience: (r.state, r.attempts) for r in notifications(tipped.engine)}
    assert states == {"centre": ("failed", 3), tipped.keys[0]: ("sent", 1)}
    status = run(*tipped.cli_args(), "notify", "status", CID)
    assert f"centre (json://127.0.0.1:{receiver.port}/…): 1 failed (last error: " in (status.stdout)
    # Failed is final: the next pass does not send it again.
    assert run(*tipped.cli_args(), "track", CID).exit_code == 0
    assert len(receiver.at("centre")) == 3
