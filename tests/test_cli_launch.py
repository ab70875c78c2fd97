"""`broadcaster launch` through click: exit codes, the exact sentences, what the sandbox got."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fixtures_launch import approved_campaign, handles, posts_by_author
from fixtures_sandbox import Drill
from sqlmodel import Session, select

from broadcaster.cli import cli
from broadcaster.storage.db import open_db
from broadcaster.storage.models import AuditEntry


def test_launch_prints_each_agency_and_the_spread(
    drill: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROADCASTER_OPERATOR", "Cst. Roy")
    path = approved_campaign(drill)
    result = CliRunner().invoke(cli, [*drill.cli_args(), "launch", str(path)])
    assert result.exit_code == 0, result.output
    assert "Launch of drill-1" in result.stdout
    for key in drill.keys:
        assert key in result.stdout
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("5 of 5 agencies posted; spread ")
    assert last.endswith(" s from release to the last confirmation.")
    assert "Preflight: verifying 5 account(s), uploading the photo to each" in result.stderr
    assert posts_by_author(drill) == dict.fromkeys(handles(drill), 1)
    with Session(open_db(drill.settings.db_url)) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "launch")).one()
    assert entry.operator == "Cst. Roy"


def test_launch_json_and_again_is_refused(drill: Drill) -> None:
    path = approved_campaign(drill)
    runner = CliRunner()
    first = runner.invoke(cli, [*drill.cli_args(), "--json", "launch", str(path)])
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data["campaign"] == "drill-1" and data["state"] == "launched"
    assert [p["state"] for p in data["posts"]] == ["posted"] * 5
    assert data["spread_ms"] is not None and data["wall_seconds"] is not None
    again = runner.invoke(cli, [*drill.cli_args(), "launch", str(path)])
    assert again.exit_code == 3
    assert again.stderr.startswith("Error: campaign 'drill-1' was already launched at ")
    assert again.stderr.endswith(": all 5 agencies have posted; see broadcaster status drill-1.\n")
    assert posts_by_author(drill) == dict.fromkeys(handles(drill), 1)


def test_a_partial_launch_with_json_is_one_document_with_the_error(drill: Drill) -> None:
    suspended = drill.keys[2]
    drill.server.suspend(drill.registry.get(suspended).handle)
    path = approved_campaign(drill)
    result = CliRunner().invoke(cli, [*drill.cli_args(), "--json", "launch", str(path)])
    assert result.exit_code == 4
    data = json.loads(result.stdout)
    assert data["campaign"] == "drill-1" and data["state"] == "partial"
    assert data["exit_code"] == 4
    assert data["error"].startswith(f"1 of 5 agencies did not post ({suspended}: agency ")
    assert {p["agency"] for p in data["posts"] if p["state"] == "failed"} == {suspended}
    assert result.stderr.splitlines()[-1] == f"Error: {data['error']}"


def test_dry_run_shows_every_text_and_sends_nothing(drill: Drill) -> None:
    path = approved_campaign(drill)
    result = CliRunner().invoke(cli, [*drill.cli_args(), "launch", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Dry run of drill-1: nothing is sent and nothing is stored.\n")
    assert result.stdout.count("DRILL, not a real alert") + result.stdout.count("EXERCICE") == 5
    assert result.stdout.rstrip().endswith("Would send 5 post(s) at once.")
    assert drill.server.posts() == []


def test_only_takes_repeats_and_commas(drill: Drill) -> None:
    path = approved_campaign(drill)
    a, b, c = drill.keys[:3]
    result = CliRunner().invoke(
        cli, [*drill.cli_args(), "launch", str(path), "--only", f"{a},{b}", "--only", c]
    )
    assert result.exit_code == 0, result.output
    assert sorted(posts_by_author(drill)) == sorted(handles(drill)[:3])


def test_bad_at_is_exit_2(drill: Drill) -> None:
    path = approved_campaign(drill)
    result = CliRunner().invoke(cli, [*drill.cli_args(), "launch", str(path), "--at", "tomorrow"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --at: 'tomorrow' is not a date and time; write it like 2026-11-23T14:00:00Z, "
        "2026-11-23T09:00-05:00, '2026-11-23 09:00 America/Toronto', +90s, +2m or +1h.\n"
    )
    naive = CliRunner().invoke(
        cli, [*drill.cli_args(), "launch", str(path), "--at", "2026-11-23T14:00:00"]
    )
    assert naive.exit_code == 2
    assert "has no time zone; add Z for UTC, an offset like -05:00, or a zone" in naive.stderr
    assert drill.server.posts() == []


def test_ctrl_c_in_the_countdown_says_the_state_and_how_to_go_on(
    drill: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from broadcaster.campaign.status import campaign_status
    from broadcaster.cli.views import launching as views
    from broadcaster.timeutil import parse_instant, utcnow

    def ctrl_c(self: object, remaining: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(views.RichProgress, "countdown", ctrl_c)
    path = approved_campaign(drill)
    before = utcnow()
    result = CliRunner().invoke(cli, [*drill.cli_args(), "launch", str(path), "--at", "+1h"])
    assert result.exit_code == 130
    last = result.stderr.splitlines()[-1]
    at = last.split(" --at ", 1)[1].split("`", 1)[0]  # the instant +1h meant, to resume at
    assert before + timedelta(minutes=59) < parse_instant(at) < utcnow() + timedelta(hours=1)
    assert last == (
        "Error: launch interrupted: campaign drill-1 is launching (0 posted, 5 planned and not "
        f"sent); resume with `broadcaster launch {path} --at {at}` (it posts only what is "
        f"missing; once {at} has passed, leave --at out), or stop it with "
        '`broadcaster cancel drill-1 --reason "…"`.'
    )
    assert drill.server.posts() == []
    assert campaign_status(open_db(drill.settings.db_url), "drill-1")["state"] == "launching"
