"""track, tips, report, purge on the command line: exit codes, sentences, --json shapes."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixtures_clock import Clock
from fixtures_responses import launch_on_sandbox
from fixtures_workspace import Workspace
from officer_helpers import key_of
from sqlalchemy import Engine, func, select

from broadcaster.cli import cli
from broadcaster.storage.db import open_db
from broadcaster.storage.models import AuditEntry, Reply
from broadcaster.timeutil import as_utc

CID = "tps-2026-0412"


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def db(sqlite_url: str, seeded: dict[str, int]) -> str:
    return sqlite_url


# -- track -----------------------------------------------------------------------------


def test_track_stores_replies_and_reports_json(drill_factory: Callable[..., Any]) -> None:
    drill = drill_factory(2, audience=5000, seed=21, speed=1e7)
    engine = open_db(drill.settings.db_url)
    launch_on_sandbox(engine, drill, "drill-1")
    time.sleep(0.1)  # at this speed the whole simulated day of replies has arrived
    replies_on_server = len(drill.server.replies())
    result = run(*drill.cli_args(), "--json", "track", "drill-1")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["campaign"] == "drill-1"
    assert data["new_replies"] == replies_on_server > 0
    assert sum(data["labels"].values()) == replies_on_server
    assert [p["agency"] for p in data["posts"]] == sorted(drill.keys)
    # A whole simulated day has passed: every post was seen, and tracking says how often.
    assert all(p["metrics"]["impressions"] > 0 and p["error"] is None for p in data["posts"])
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Reply)).scalar_one() == (
            replies_on_server
        )

    result = run(*drill.cli_args(), "track", "drill-1")
    assert result.exit_code == 0
    assert "Stored 0 new replies (tip 0, question 0, support 0, spam 0, abuse 0)." in result.stdout
    engine.dispose()


def test_track_follow_repeats_until_interrupted(
    drill_factory: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    drill = drill_factory(1, seed=8)
    engine = open_db(drill.settings.db_url)
    (post,) = launch_on_sandbox(engine, drill, "drill-1")
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 2:
            raise KeyboardInterrupt
        drill.server.add_reply(post.remote_id, "@late", "Just shared it with my street")

    from broadcaster.cli import responses

    monkeypatch.setattr(responses.time, "sleep", sleep)
    result = run(*drill.cli_args(), "track", "drill-1", "--follow", "--every", "90s")
    assert result.exit_code == 130
    assert waits == [90.0, 90.0]
    assert result.stdout.count("Tracked drill-1") == 2
    assert "Stored 1 new reply (" in result.stdout
    assert "next run in 90s; Ctrl-C stops." in result.stderr
    engine.dispose()


def test_track_a_suspended_account_is_exit_4(drill_factory: Callable[..., Any]) -> None:
    drill = drill_factory(2, seed=4)
    engine = open_db(drill.settings.db_url)
    launch_on_sandbox(engine, drill, "drill-1")
    suspended = drill.registry.get(drill.keys[1])
    drill.server.suspend(suspended.handle)
    result = run(*drill.cli_args(), "track", "drill-1")
    assert result.exit_code == 4
    assert result.stderr.startswith(f"Error: tracking failed for {suspended.key} (")
    assert result.stderr.rstrip().endswith("what the other posts returned was stored.")
    assert drill.keys[0] in result.stdout  # the other agency's line is still printed
    result = run(*drill.cli_args(), "--json", "track", "drill-1")
    assert result.exit_code == 4
    data = json.loads(result.stdout)  # one document: the report, with the error in it
    assert data["exit_code"] == 4
    assert data["error"].startswith(f"tracking failed for {suspended.key} (")
    assert {p["agency"] for p in data["posts"]} == set(drill.keys)
    assert result.stderr == f"Error: {data['error']}\n"
    engine.dispose()


def test_track_with_the_sandbox_down_says_it_once_with_the_url(
    drill_factory: Callable[..., Any],
) -> None:
    drill = drill_factory(3, seed=4)
    engine = open_db(drill.settings.db_url)
    launch_on_sandbox(engine, drill, "drill-1")
    url = drill.server.url
    drill.server.stop()
    result = run(*drill.cli_args(), "track", "drill-1")
    assert result.exit_code == 4
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: nothing is listening at {url} (the sandbox); start it with "
        "`broadcaster sandbox serve`, or, if it runs on another port, set "
        "BROADCASTER_SANDBOX_URL=http://127.0.0.1:PORT.\n"
    )
    engine.dispose()


def test_track_unknown_campaign_and_bad_interval(sqlite_url: str, tmp_path: Path) -> None:
    open_db(sqlite_url).dispose()  # a database, without that campaign
    result = run("--db", sqlite_url, "track", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no campaign 'nope' in the database;")
    result = run("--db", sqlite_url, "--json", "track", "nope")
    assert json.loads(result.stdout)["exit_code"] == 2
    result = run("--db", sqlite_url, "track", "nope", "--follow", "--every", "soon")
    assert result.exit_code == 2
    assert "Error: --every: 'soon' is not a duration" in result.stderr


# -- tips ------------------------------------------------------------------------------


def test_tips_table_csv_json(db: str) -> None:
    result = run("--db", db, "tips", CID)
    assert result.exit_code == 0
    assert result.stdout.index("TIP") < result.stdout.index("QUESTION")
    assert "http://127.0.0.1:8686/person1/status/1900000000000000001" in result.stdout

    result = run("--db", db, "tips", CID, "--format", "csv", "--label", "tip")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["1900000000000000001", "1900000000000000000"]

    for args in (["--json", "tips", CID], ["tips", CID, "--format", "json"]):
        data = json.loads(run("--db", db, *args).stdout)
        assert [r["label"] for r in data][:3] == ["tip", "tip", "question"]
        assert {"id", "label", "text", "reasons", "url", "created_at"} <= set(data[0])


def test_tips_usage_errors(db: str) -> None:
    cases = [
        (["--label", "tipz"], "Error: --label 'tipz' is not a label; use one of tip, question"),
        (
            ["--followed-up", "1900000000000000001"],
            "Error: tips --followed-up needs the officer's private key: --key PATH",
        ),
        (["--by", "Sgt. Roy"], "Error: --by is refused: a typed name proves nothing;"),
        (
            ["--followed-up", "42", "--by", "Sgt. Roy"],
            "Error: --by is refused: a typed name proves nothing; sign in with your own key: "
            f"broadcaster tips {CID} --followed-up REPLY_ID --key PATH",
        ),
    ]
    for extra, sentence in cases:
        result = run("--db", db, "tips", CID, *extra)
        assert result.exit_code == 2, extra
        assert result.stderr.startswith(sentence), result.stderr


def test_tips_followed_up(db: str, workspace: Workspace) -> None:
    where = ["--db", db, "--agencies", str(workspace.agencies_path)]
    roy, lee = (str(key_of(workspace.folder, name)) for name in ("roy", "lee"))
    result = run(*where, "tips", CID, "--followed-up", "42", "--key", roy)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: campaign 'tps-2026-0412' has no reply with id '42'")
    result = run(*where, "tips", CID, "--followed-up", "1900000000000000001", "--key", roy)
    assert result.exit_code == 0
    assert result.stdout == "Marked reply 1900000000000000001 (tip) followed-up by roy.\n"
    result = run(
        *where, "--json", "tips", CID, "--followed-up", "1900000000000000001", "--key", lee
    )
    data = json.loads(result.stdout)
    assert data["already"] is True and data["followed_up_by"] == "roy"
    engine = open_db(db)
    with engine.connect() as conn:
        assert conn.execute(select(AuditEntry.action, AuditEntry.operator)).all() == [
            ("tip.followed_up", "roy")
        ]
    engine.dispose()


# -- report ----------------------------------------------------------------------------


def test_report_formats(db: str, tmp_path: Path) -> None:
    result = run("--db", db, "report", CID, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["spread_ms"] == 31 and data["responses"]["tip"] == 2
    assert json.loads(run("--db", db, "--json", "report", CID).stdout)["campaign"] == CID

    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    result = run("--db", db, "report", CID, "--format", "html", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == f"Wrote the html report for {CID} to {target}.\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    result = run("--db", db, "report", CID)
    assert "Launch spread" in result.stdout and "31 ms across 3 agencies" in result.stdout
    result = run("--db", db, "report", f"{CID}", "--format", "md")
    # The seeded database's campaign file does not exist here: the title falls back to the id.
    assert result.stdout.startswith(f"# Reach report — Wanted — {CID}")


def test_report_errors(db: str, tmp_path: Path) -> None:
    result = run("--db", db, "report", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no campaign 'nope' in the database;")
    result = run("--db", db, "report", CID, "--format", "pdf")
    assert result.exit_code == 2
    result = run("--db", db, "report", CID, "-o", str(tmp_path / "missing" / "r.txt"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: -o {tmp_path / 'missing' / 'r.txt'}: cannot write")


def test_report_takes_the_campaign_file(db: str, tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f'id = "{CID}"\n', encoding="utf-8")
    result = run("--db", db, "--json", "report", str(path))
    assert json.loads(result.stdout)["campaign"] == CID


# -- purge -----------------------------------------------------------------------------


def test_purge(db: str, responses_engine: Engine, seeded: dict[str, int], clock: Clock) -> None:
    from fixtures_responses import LAUNCH, add_reply

    # Half a day after the seeded replies: only the one added two days back is past 1d.
    clock.set(LAUNCH + timedelta(hours=12))
    old = clock.now - timedelta(days=2)
    add_reply(responses_engine, CID, seeded["tps"], "77", "saw him", label="tip", created_at=old)
    result = run("--db", db, "purge", "--older-than", "1d", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "Would remove replier data (handle, id, text) from 1 reply received before "
    )
    assert result.stdout.rstrip().endswith(
        "Among them 1 tip never marked followed-up; check them before purging."
    )
    result = run("--db", db, "--json", "purge", "--older-than", "1d")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["replies"], data["campaigns"], data["dry_run"]) == (1, {CID: 1}, False)
    assert data["cutoff"] == (clock.now - timedelta(days=1)).isoformat()
    with responses_engine.connect() as conn:
        row = conn.execute(select(Reply).where(Reply.remote_id == "77")).one()
    assert row.text is None and row.author_handle is None
    assert row.purged_at is not None and as_utc(row.purged_at) == clock.now

    result = run("--db", db, "purge", "--older-than", "soon")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --older-than: 'soon' is not a duration")
    result = run("--db", db, "purge")
    assert result.exit_code == 2 and "--older-than" in result.stderr
