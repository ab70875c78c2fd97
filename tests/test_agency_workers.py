"""Agency workers: `launch` arms the agencies whose keys it lacks, and each agency's own worker
process (`run --agency KEY`, with only its own .env) fires at the instant.

The workers here are real processes against the X sandbox; the arming goes through the
library so that the instant can be a few seconds ahead (the CLI's 30 s minimum is checked
once, through the CLI)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures_launch import FAST, approved_campaign, handles, posts_by_author
from fixtures_sandbox import Drill
from sqlalchemy import create_engine, text

from broadcaster.campaign.status import MISSING_AFTER, campaign_status
from broadcaster.cli import cli
from broadcaster.config import Settings
from broadcaster.launch.arming import armed_agencies
from broadcaster.launch.run import LaunchReport, launch
from broadcaster.states import CampaignState, PostState
from broadcaster.storage.db import open_db
from broadcaster.timeutil import as_utc, utcnow

LEAD_AHEAD = timedelta(seconds=1)  # the core's minimum, for tests


def names_of(drill: Drill, key: str) -> list[str]:
    return [n for a in drill.registry.get(key).each_account() for n in a.credential_names()]


def settings_with(drill: Drill, keys: list[str], db_url: str | None = None) -> Settings:
    """The drill's settings holding only these agencies' credentials."""
    others = {n for k in drill.keys if k not in keys for n in names_of(drill, k)}
    env = {k: v for k, v in drill.env.items() if k not in others}
    return replace(drill.settings, env=env, db_url=db_url or drill.settings.db_url)


def env_file(drill: Drill, key: str) -> Path:
    """An agency machine's .env: its own credentials and the sandbox's address, no more."""
    path = drill.folder / f"{key}.env"
    lines = [f"{n}={drill.env[n]}" for n in names_of(drill, key)]
    lines.append(f"BROADCASTER_SANDBOX_URL={drill.url}")
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return path


class Workers:
    """Agency worker processes, each `run --agency KEY --every 30s` with only its .env."""

    def __init__(self, drill: Drill, db_url: str) -> None:
        self.drill, self.db_url = drill, db_url
        self.procs: dict[str, subprocess.Popen[str]] = {}
        self.logs: dict[str, Path] = {}

    def start(self, key: str, command: str = "run") -> subprocess.Popen[str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("BROADCASTER_") or k == "BROADCASTER_STRICT_STATES"
        }
        log = self.drill.folder / f"{key}-{len(self.logs)}.log"
        args = [
            sys.executable,
            "-m",
            "broadcaster",
            "--db",
            self.db_url,
            "--agencies",
            str(self.drill.agencies_path),
            "--env-file",
            str(env_file(self.drill, key)),
            "--json",
            command,
            "--agency",
            key,
        ]
        if command == "run":
            args += ["--every", "30s"]
        handle = log.open("w")
        process = subprocess.Popen(
            args, cwd=self.drill.folder, env=env, stdout=handle, stderr=handle, text=True
        )
        self.procs[key] = process
        self.logs[f"{key}-{len(self.logs)}"] = log
        return process

    def output(self) -> str:
        return "".join(path.read_text() for path in self.logs.values())

    def stop(self) -> None:
        for process in self.procs.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.procs.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def workers_factory() -> Iterator[Callable[[Drill, str], Workers]]:
    made: list[Workers] = []

    def make(drill: Drill, db_url: str) -> Workers:
        made.append(Workers(drill, db_url))
        return made[-1]

    yield make
    for workers in made:
        workers.stop()


def wait_until(check: Callable[[], bool], limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def launch_in_thread(
    settings: Settings, path: Path, ahead: float
) -> tuple[threading.Thread, list[LaunchReport]]:
    """The lead's launch (it posts its own agency at the instant): in a thread, since it
    waits for the instant."""
    out: list[LaunchReport] = []
    at = utcnow() + timedelta(seconds=ahead)

    def go() -> None:
        out.append(
            launch(
                settings, path, operator="Cst. Lead", at=at, policy=FAST, min_arm_lead=LEAD_AHEAD
            )
        )

    thread = threading.Thread(target=go)
    thread.start()
    return thread, out


def armed_state(db_url: str, campaign_id: str = "drill-1") -> dict[str, dict[str, object]]:
    engine = open_db(db_url)
    try:
        return {a["agency"]: a for a in campaign_status(engine, campaign_id)["armed"]}
    finally:
        engine.dispose()


def test_cli_refuses_an_arming_less_than_30_s_ahead(drill_factory: Callable[..., Drill]) -> None:
    drill = drill_factory(3)
    path = approved_campaign(drill)
    lead_env = env_file(drill, drill.keys[0])
    args = [*drill.cli_args()]
    args[args.index("--env-file") + 1] = str(lead_env)
    result = CliRunner().invoke(cli, [*args, "launch", str(path), "--at", "+10s"])
    assert result.exit_code == 2, result.output
    b, c = drill.keys[1], drill.keys[2]
    assert result.stderr.startswith(f"Error: campaign 'drill-1': {b}, {c} have no credentials")
    assert "an armed launch needs its instant at least 30 s ahead" in result.stderr
    assert "give --at +30s or later" in result.stderr
    for name in names_of(drill, b):
        assert name in result.stderr and drill.env[name] not in result.stderr
    assert drill.server.posts() == []
    engine = open_db(drill.settings.db_url)
    assert armed_agencies(engine, "drill-1") == {}
    engine.dispose()


def test_arming_at_once_is_refused_by_the_core_too(drill_factory: Callable[..., Drill]) -> None:
    from broadcaster.errors import UsageInvalid

    drill = drill_factory(2)
    path = approved_campaign(drill)
    with pytest.raises(UsageInvalid, match="this one is at once"):
        launch(settings_with(drill, drill.keys[:1]), path, operator="t", policy=FAST)
    assert drill.server.posts() == []


def test_cli_arms_and_says_so(drill_factory: Callable[..., Drill]) -> None:
    """Through the CLI, 30 s ahead: the lead has no keys at all here, so the launch is the
    arming; it prints the sentence and exits 0 at once (nothing of its own to wait for)."""
    drill = drill_factory(2)
    path = approved_campaign(drill)
    empty = drill.folder / "lead.env"
    empty.write_text(f"BROADCASTER_SANDBOX_URL={drill.url}\n")
    args = [*drill.cli_args()]
    args[args.index("--env-file") + 1] = str(empty)
    result = CliRunner().invoke(cli, [*args, "launch", str(path), "--at", "+40s"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("armed: 2 agencies fire from their own workers at ")
    data = json.loads(CliRunner().invoke(cli, [*args, "--json", "status", "drill-1"]).stdout)
    assert data["state"] == CampaignState.LAUNCHING
    assert [a["state"] for a in data["armed"]] == ["armed", "armed"]
    assert {p["state"] for p in data["posts"]} == {PostState.PLANNED}
    assert drill.server.posts() == []


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_armed_launch_fires_from_each_workers_process(
    engine_name: str,
    request: pytest.FixtureRequest,
    drill_factory: Callable[..., Drill],
    workers_factory: Callable[[Drill, str], Workers],
) -> None:
    drill = drill_factory(3)
    db_url = drill.settings.db_url if engine_name == "sqlite" else request.getfixturevalue("pg_url")
    path = approved_campaign(drill, db_url=db_url)
    lead, b, c = drill.keys
    workers = workers_factory(drill, db_url)
    workers.start(b)
    workers.start(c)
    time.sleep(1.5)  # the workers start (imports) and look for armings every second
    thread, reports = launch_in_thread(settings_with(drill, [lead], db_url), path, 4.0)
    thread.join(timeout=40)
    report = reports[0]
    assert report.armed == (b, c) and report.complete
    assert [o.agency for o in report.send.posted] == [lead]  # type: ignore[union-attr]
    wait_until(lambda: len(drill.server.posts()) == 3)
    wait_until(lambda: {a["state"] for a in armed_state(db_url).values()} == {"posted"})
    assert posts_by_author(drill) == dict.fromkeys(handles(drill), 1)
    created = sorted(p["created_at"] for p in drill.server.posts())
    engine = open_db(db_url)
    status = campaign_status(engine, "drill-1")
    engine.dispose()
    assert status["state"] == CampaignState.LAUNCHED
    assert {p["state"] for p in status["posts"]} == {PostState.POSTED}
    for entry in status["armed"]:
        assert entry["ready_at"] is not None and entry["offset_ms"] is not None
        assert abs(entry["offset_ms"]) < 50 and entry["late_seconds"] is None
    # All three went together: the workers' posts and the lead's, on the sandbox's clock.
    first, last = (as_utc(_instant(created[0])), as_utc(_instant(created[-1])))
    assert (last - first).total_seconds() < 1.0
    assert status["armed_notes"] == []
    workers.stop()  # before the PostgreSQL schema is dropped


def _instant(value: str):  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_killed_after_ready_its_restart_posts_once(
    drill_factory: Callable[..., Drill],
    workers_factory: Callable[[Drill, str], Workers],
) -> None:
    drill = drill_factory(2)
    db_url = drill.settings.db_url
    path = approved_campaign(drill)
    lead, b = drill.keys
    workers = workers_factory(drill, db_url)
    first = workers.start(b)
    time.sleep(1.5)
    thread, _ = launch_in_thread(settings_with(drill, [lead], db_url), path, 4.0)
    wait_until(lambda: armed_state(db_url).get(b, {}).get("state") == "ready")
    first.send_signal(signal.SIGKILL)  # kill -9 once it reported ready, before the instant
    first.wait()
    thread.join(timeout=40)
    assert posts_by_author(drill) == {drill.registry.get(lead).handle: 1}
    # The restart (a `tick`, which ends when done), over a second after the instant: the
    # dead holder's lease is taken over at once, and the post, late now, goes out once.
    fire_at = _instant(str(armed_state(db_url)[b]["fire_at"]))
    time.sleep(max(0.0, (fire_at - utcnow()).total_seconds() + 1.0))
    assert workers.start(b, "tick").wait(timeout=60) == 0
    assert posts_by_author(drill) == dict.fromkeys(handles(drill), 1)
    assert armed_state(db_url)[b]["state"] == "late"


def test_killed_while_sending_the_restart_finds_the_post(
    drill_factory: Callable[..., Drill],
    workers_factory: Callable[[Drill, str], Workers],
) -> None:
    """kill -9 between the row's `sending` commit and the platform's answer: the restart
    reconciles against the account's own posts and sends nothing again."""
    drill = drill_factory(2, latency=0.8)
    db_url = drill.settings.db_url
    path = approved_campaign(drill)
    lead, b = drill.keys
    workers = workers_factory(drill, db_url)
    first = workers.start(b)
    time.sleep(1.5)
    thread, _ = launch_in_thread(settings_with(drill, [lead], db_url), path, 4.0)

    def sending() -> bool:
        engine = create_engine(db_url)
        try:
            with engine.connect() as conn:
                state = conn.execute(
                    text("SELECT state FROM post WHERE agency = :a"), {"a": b}
                ).scalar()
        finally:
            engine.dispose()
        return state == PostState.SENDING

    # The post has reached the platform (it answers 0.8 s later), the row is `sending`.
    wait_until(lambda: drill.registry.get(b).handle in posts_by_author(drill), limit=60)
    assert sending()
    first.send_signal(signal.SIGKILL)
    first.wait()
    thread.join(timeout=60)
    assert workers.start(b, "tick").wait(timeout=60) == 0
    assert armed_state(db_url)[b]["state"] in {"posted", "late"}
    assert posts_by_author(drill) == dict.fromkeys(handles(drill), 1)


def test_a_worker_that_never_comes_is_missing_and_named(
    drill_factory: Callable[..., Drill],
    workers_factory: Callable[[Drill, str], Workers],
) -> None:
    drill = drill_factory(3)
    db_url = drill.settings.db_url
    path = approved_campaign(drill)
    lead, b, c = drill.keys
    workers = workers_factory(drill, db_url)
    workers.start(b)
    time.sleep(1.5)
    thread, _ = launch_in_thread(settings_with(drill, [lead], db_url), path, 3.0)
    thread.join(timeout=40)
    wait_until(lambda: armed_state(db_url)[b]["state"] == "posted")
    engine = open_db(db_url)
    fire_at = armed_agencies(engine, "drill-1")[c].fire_at
    before = campaign_status(engine, "drill-1", now=as_utc(fire_at) + timedelta(seconds=1))
    after = campaign_status(engine, "drill-1", now=as_utc(fire_at) + MISSING_AFTER * 2)
    engine.dispose()
    assert {a["agency"]: a["state"] for a in before["armed"]} == {b: "posted", c: "armed"}
    assert {a["agency"]: a["state"] for a in after["armed"]} == {b: "posted", c: "missing"}
    assert after["state"] == CampaignState.PARTIAL
    (note,) = after["armed_notes"]
    assert note.startswith(f"agency {c}'s worker is missing: armed for ")
    assert f"broadcaster run --agency {c}" in note
    # The text status names it too.
    result = CliRunner().invoke(cli, [*drill.cli_args(), "status", "drill-1"])
    assert result.exit_code == 0
    assert "Agency workers (armed launch)" in result.stdout


def test_a_worker_for_b_never_holds_a_secret_of_a(
    drill_factory: Callable[..., Drill],
    workers_factory: Callable[[Drill, str], Workers],
) -> None:
    drill = drill_factory(3)
    db_url = drill.settings.db_url
    path = approved_campaign(drill)
    lead, b, c = drill.keys
    workers = workers_factory(drill, db_url)
    worker = workers.start(b)
    time.sleep(1.5)
    environ = Path(f"/proc/{worker.pid}/environ").read_bytes().decode(errors="replace")
    thread, _ = launch_in_thread(settings_with(drill, [lead, c], db_url), path, 3.0)
    thread.join(timeout=40)
    wait_until(lambda: armed_state(db_url)[b]["state"] == "posted")
    workers.stop()
    others = [drill.env[n] for k in (lead, c) for n in names_of(drill, k)]
    mine = [drill.env[n] for n in names_of(drill, b)]
    engine = create_engine(db_url)
    with engine.connect() as conn:
        query = text("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = [row[0] for row in conn.execute(query)]
        dump = "\n".join(
            repr(row) for table in tables for row in conn.execute(text(f'SELECT * FROM "{table}"'))
        )
    engine.dispose()
    logs = workers.output()
    assert '"outcome": "posted"' in logs
    for secret in others:
        assert secret not in environ
    for secret in others + mine:
        assert secret not in logs
        assert secret not in dump


def test_own_keys_only_drops_every_other_agencys_variables(
    drill_factory: Callable[..., Drill], monkeypatch: pytest.MonkeyPatch
) -> None:
    from broadcaster.errors import MissingCredentials, UsageInvalid
    from broadcaster.launch.armed import own_keys_only

    drill = drill_factory(3)
    lead, b, c = drill.keys
    for name in names_of(drill, lead):
        monkeypatch.setenv(name, drill.env[name])
    env = {**drill.env, "BROADCASTER_NOTIFY": "json://desk/secret", "PATH": "/bin"}
    settings = replace(drill.settings, env=env)
    mine = own_keys_only(settings, drill.registry, (b,))
    assert set(mine.env) == {*names_of(drill, b), "BROADCASTER_SANDBOX_URL"}
    for name in names_of(drill, lead):
        assert name not in os.environ
    with pytest.raises(UsageInvalid, match="--agency nope: not in"):
        own_keys_only(settings, drill.registry, ("nope",))
    without = replace(settings, env={k: v for k, v in env.items() if k not in names_of(drill, c)})
    with pytest.raises(MissingCredentials, match=f"an agency worker for {c} needs its own"):
        own_keys_only(without, drill.registry, (c,))


def test_tick_of_a_worker_whose_account_is_suspended_exits_4(
    drill_factory: Callable[..., Drill],
    workers_factory: Callable[[Drill, str], Workers],
) -> None:
    drill = drill_factory(2)
    db_url = drill.settings.db_url
    path = approved_campaign(drill)
    lead, b = drill.keys
    drill.server.suspend(drill.registry.get(b).handle)
    workers = workers_factory(drill, db_url)
    thread, _ = launch_in_thread(settings_with(drill, [lead], db_url), path, 2.0)
    wait_until(lambda: b in armed_state(db_url))
    worker = workers.start(b, "tick")
    assert worker.wait(timeout=60) == 4
    thread.join(timeout=30)
    output = workers.output()  # stderr's sentence, then stdout's JSON
    sentence = output.splitlines()[0]
    assert sentence.startswith("Error: the armed launch of drill-1 did not all post from this")
    assert "the account is suspended on the sandbox" in sentence
    assert json.loads(output[output.index("{") :])["exit_code"] == 4
    assert armed_state(db_url)[b]["state"] == "failed"
    assert posts_by_author(drill) == {drill.registry.get(lead).handle: 1}


def test_a_dry_run_says_which_agencies_it_would_arm(drill_factory: Callable[..., Drill]) -> None:
    drill = drill_factory(3)
    path = approved_campaign(drill)
    lead, b, c = drill.keys
    args = [*drill.cli_args()]
    args[args.index("--env-file") + 1] = str(env_file(drill, lead))
    result = CliRunner().invoke(cli, [*args, "launch", str(path), "--dry-run", "--at", "+40s"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "Would send 1 post(s) at " in out
    assert f"Would arm {b}, {c} (no credentials here): each fires from its own agency worker" in out
    too_soon = CliRunner().invoke(cli, [*args, "launch", str(path), "--dry-run", "--at", "+5s"])
    assert too_soon.exit_code == 2 and "at least 30 s ahead" in too_soon.stderr
    engine = open_db(drill.settings.db_url)
    assert armed_agencies(engine, "drill-1") == {}
    engine.dispose()
    assert drill.server.posts() == []
