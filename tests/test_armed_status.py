"""Armed launches in one process: arming through the library, agency workers' passes
(`Worker(agencies=…).tick()`), what `status` and the console's board say of them."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from click.testing import CliRunner
from fixtures_launch import FAST, approved_campaign, handles, posts_by_author
from fixtures_sandbox import Drill
from sqlalchemy import update

from broadcaster.campaign.status import campaign_status
from broadcaster.cli import cli
from broadcaster.config import Settings
from broadcaster.jobs.worker import Worker
from broadcaster.launch.armed import own_keys_only, take_agencies
from broadcaster.launch.arming import armed_agencies
from broadcaster.launch.run import launch
from broadcaster.states import CampaignState, PostState
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import ArmedAgency
from broadcaster.timeutil import as_utc, utcnow

SOON = timedelta(seconds=1)


def names_of(drill: Drill, key: str) -> list[str]:
    return [n for a in drill.registry.get(key).each_account() for n in a.credential_names()]


def settings_with(drill: Drill, keys: list[str]) -> Settings:
    others = {n for k in drill.keys if k not in keys for n in names_of(drill, k)}
    return replace(drill.settings, env={k: v for k, v in drill.env.items() if k not in others})


def arm_all(drill: Drill, ahead: float) -> datetime:
    """A launch from a process that has no agency's keys: it only arms. Returns the instant."""
    path = approved_campaign(drill)
    at = utcnow() + timedelta(seconds=ahead)
    report = launch(
        settings_with(drill, []), path, operator="Cst. Lead", at=at, policy=FAST, min_arm_lead=SOON
    )
    assert report.armed == tuple(drill.keys) and report.complete
    assert report.send is not None and report.send.outcomes == []
    return at


def agency_worker(drill: Drill, key: str, **options: object) -> Worker:
    settings = own_keys_only(settings_with(drill, drill.keys), drill.registry, (key,))
    return Worker(settings, agencies=(key,), **options)  # type: ignore[arg-type]


def test_arming_only_then_status_says_armed(drill_factory: Callable[..., Drill]) -> None:
    drill = drill_factory(2)
    at = arm_all(drill, 40)
    engine = open_db(drill.settings.db_url)
    status = campaign_status(engine, "drill-1")
    assert status["state"] == CampaignState.LAUNCHING
    assert [(a["agency"], a["state"]) for a in status["armed"]] == [
        (key, "armed") for key in drill.keys
    ]
    assert {a["fire_at"] for a in status["armed"]} == {at.isoformat()}
    # Launching again changes nothing: the agencies stay their workers', at their instant.
    again = launch(
        settings_with(drill, drill.keys),
        drill.folder / "campaigns" / "drill-1.toml",
        operator="Cst. Lead",
        policy=FAST,
    )
    assert again.armed == tuple(drill.keys) and again.complete
    assert {a.fire_at for a in armed_agencies(engine, "drill-1").values()} == {at}
    assert drill.server.posts() == []
    engine.dispose()


def test_a_worker_leaves_an_arming_far_ahead_for_a_later_pass(
    drill_factory: Callable[..., Drill],
) -> None:
    drill = drill_factory(2)
    at = arm_all(drill, 40)
    frozen = at - timedelta(minutes=30)
    worker = agency_worker(drill, drill.keys[1], clock=lambda: frozen)
    report = worker.tick()
    worker.close()
    (armed,) = report.armed
    assert armed["outcome"] == "waiting" and armed["agencies"] == [drill.keys[1]]
    assert drill.server.posts() == []


def test_two_workers_for_one_agency_post_once(drill_factory: Callable[..., Drill]) -> None:
    drill = drill_factory(2)
    arm_all(drill, 2)
    key = drill.keys[1]
    results: list[list[dict[str, object]]] = []

    def run() -> None:
        worker = agency_worker(drill, key)
        try:
            results.append(worker.tick().armed)
        finally:
            worker.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    outcomes = sorted(str(a["outcome"]) for armed in results for a in armed)
    assert outcomes in (["busy", "posted"], ["posted"])
    assert posts_by_author(drill) == {drill.registry.get(key).handle: 1}


def test_a_held_lease_is_not_taken(drill_factory: Callable[..., Drill]) -> None:
    drill = drill_factory(2)
    arm_all(drill, 40)
    engine = open_db(drill.settings.db_url)
    first = take_agencies(engine, "drill-1", drill.keys)
    assert first is not None and first.agencies == tuple(sorted(drill.keys))
    assert take_agencies(engine, "drill-1", drill.keys) is None
    first.release()
    second = take_agencies(engine, "drill-1", drill.keys[:1])
    assert second is not None
    second.release()
    engine.dispose()


def test_workers_fire_at_the_instant_and_the_campaign_is_launched(
    drill_factory: Callable[..., Drill],
) -> None:
    drill = drill_factory(2)
    at = arm_all(drill, 2.5)
    reports: dict[str, dict[str, object]] = {}

    def run(key: str) -> None:
        worker = agency_worker(drill, key)
        try:
            (reports[key],) = worker.tick().armed
        finally:
            worker.close()

    threads = [threading.Thread(target=run, args=(key,)) for key in drill.keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert {r["outcome"] for r in reports.values()} == {"posted"}
    assert posts_by_author(drill) == dict.fromkeys(handles(drill), 1)
    engine = open_db(drill.settings.db_url)
    status = campaign_status(engine, "drill-1")
    engine.dispose()
    assert status["state"] == CampaignState.LAUNCHED
    assert [a["state"] for a in status["armed"]] == ["posted", "posted"]
    for post in status["posts"]:
        assert post["state"] == PostState.POSTED
        # On the platform's clock (this machine's): at the instant, never before it.
        posted = as_utc(datetime.fromisoformat(post["posted_at"]))
        assert -0.005 < (posted - at).total_seconds() < 1.0


@pytest.fixture
def armed_ready(drill_factory: Callable[..., Drill]) -> Iterator[Drill]:
    """Two agencies armed 40 s ahead; the second one's worker reported ready, its clock
    120 ms ahead of the database's."""
    drill = drill_factory(2, languages=("en",))
    arm_all(drill, 40)
    engine = open_db(drill.settings.db_url)
    with session_scope(engine, immediate=True) as session:
        session.execute(
            update(ArmedAgency)
            .where(ArmedAgency.agency == drill.keys[1])  # type: ignore[arg-type]
            .values(ready_at=utcnow(), offset_ms=120.0, round_trip_ms=0.4)
        )
    engine.dispose()
    yield drill


def test_status_names_a_clock_over_50_ms(armed_ready: Drill) -> None:
    drill = armed_ready
    result = CliRunner().invoke(cli, [*drill.cli_args(), "--json", "status", "drill-1"])
    data = json.loads(result.stdout)
    assert [(a["agency"], a["state"]) for a in data["armed"]] == [
        (drill.keys[0], "armed"),
        (drill.keys[1], "ready"),
    ]
    assert data["armed"][1]["offset_ms"] == 120.0
    assert data["armed_notes"] == [
        f"agency {drill.keys[1]}'s worker clock is 120 ms ahead of the database's (over 50 ms): "
        "it fired on the database's timeline, but check that machine's time synchronisation "
        "(NTP)."
    ]
    text = CliRunner().invoke(cli, [*drill.cli_args(), "status", "drill-1"])
    assert "+120.0 ms" in text.stdout
    assert "120 ms ahead of the database's" in " ".join(text.stdout.split())


def test_the_console_board_shows_ready(armed_ready: Drill) -> None:
    from starlette.testclient import TestClient

    from broadcaster.authoring.officers import load_officers_beside, set_password
    from broadcaster.console.app import create_app

    drill = armed_ready
    set_password(load_officers_beside(drill.agencies_path), "lee", "lee-console-password")
    engine = open_db(drill.settings.db_url)
    app = create_app(drill.settings, engine, secret="test-secret")
    with TestClient(app, base_url="http://127.0.0.1") as client:
        csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
        assert csrf
        data = {"officer": "lee", "password": "lee-console-password", "csrf": csrf.group(1)}
        client.post("/login", data=data, follow_redirects=False)
        page = client.get("/campaigns/drill-1/live").text
    engine.dispose()
    assert '<tr class="post-ready">' in page and '<tr class="post-armed">' in page
    assert "1 armed, 1 ready" in " ".join(page.split())


def test_a_missing_worker_is_notified_once_after_the_grace(
    drill_factory: Callable[..., Drill],
) -> None:
    from broadcaster.launch.arming import MISSING_AFTER
    from broadcaster.notify.sweep import notify_campaign

    drill = drill_factory(2, languages=("en",))
    at = arm_all(drill, 40)
    settings = replace(drill.settings, env={**drill.env, "BROADCASTER_NOTIFY": "json://desk"})
    sent: list[tuple[str, str]] = []

    def send(_destination: object, title: str, body: str) -> None:
        sent.append((title, body))

    engine = open_db(drill.settings.db_url)
    early = at + MISSING_AFTER - timedelta(seconds=1)
    notify_campaign(settings, engine, "drill-1", now=lambda: early, send=send)
    assert sent == []  # the instant and its grace have not passed: nobody is missing yet
    late = at + MISSING_AFTER * 2
    notify_campaign(settings, engine, "drill-1", now=lambda: late, send=send)
    notify_campaign(settings, engine, "drill-1", now=lambda: late, send=send)
    engine.dispose()
    ((title, body),) = sent
    assert title.startswith("DRILL") or "DRILL" in body
    for key in drill.keys:
        assert f"agency {key}: missing (its agency worker never reported ready" in body
        assert f"broadcaster run --agency {key}" in body


def test_a_cancel_before_the_instant_calls_the_armed_agencies_off(
    drill_factory: Callable[..., Drill],
) -> None:
    from broadcaster.campaign.lifecycle import cancel

    drill = drill_factory(2, languages=("en",))
    at = arm_all(drill, 40)
    cancel(settings_with(drill, []), "drill-1", "wrong photo", operator="Cst. Lead", policy=FAST)
    worker = agency_worker(drill, drill.keys[0])
    assert worker.tick().armed == []  # a closed campaign is no worker's to fire
    worker.close()
    engine = open_db(drill.settings.db_url)
    status = campaign_status(engine, "drill-1", now=at + timedelta(minutes=5))
    engine.dispose()
    assert {a["state"] for a in status["armed"]} == {PostState.CANCELLED}
    assert status["armed_notes"] == []
    assert drill.server.posts() == []


def test_the_launch_view_lists_the_armed_agencies(
    drill_factory: Callable[..., Drill], capsys: pytest.CaptureFixture[str]
) -> None:
    from broadcaster.cli.views.launching import launch_json, print_launch

    drill = drill_factory(2, languages=("en",))
    lead, armed = drill.keys
    path = approved_campaign(drill)
    at = utcnow() + timedelta(seconds=1.5)
    report = launch(
        settings_with(drill, [lead]), path, operator="t", at=at, policy=FAST, min_arm_lead=SOON
    )
    data = launch_json(report)
    assert data["armed"] == [armed] and data["armed_for"] == at.isoformat()
    assert [p["agency"] for p in data["posts"]] == [lead]
    print_launch(report)
    out = " ".join(capsys.readouterr().out.split())
    assert "1 of 1 agencies posted" in out
    assert (
        f"armed: 1 agency fires from its own worker at {at:%Y-%m-%d %H:%M:%S} UTC ({armed})." in out
    )


def test_the_clock_offset_on_each_engine(
    drill_factory: Callable[..., Drill], request: pytest.FixtureRequest
) -> None:
    from broadcaster.launch.dbclock import read_offset

    drill = drill_factory(1)
    sqlite = open_db(drill.settings.db_url)
    reading = read_offset(sqlite)
    sqlite.dispose()
    assert reading.offset == timedelta(0) and reading.round_trip > timedelta(0)
    from fixtures_db import PG_URL

    if not PG_URL:
        return
    pg = open_db(request.getfixturevalue("pg_url"))
    reading = read_offset(pg)
    pg.dispose()
    # One machine: the database's clock is this one, within the reading's own error.
    assert abs(reading.offset_ms) <= max(5.0, reading.round_trip_ms / 2 + 1)
    instant = utcnow()
    assert reading.database(reading.local(instant)) == instant
