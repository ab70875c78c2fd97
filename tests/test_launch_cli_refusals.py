"""`launch` refuses before it asks or sends: a past --at, a campaign not approved, a campaign
id where the file is needed; a date typo in a campaign file and a non-key --key are named
as what they are."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fixtures_clock import CLOCK_START, Clock
from fixtures_launch import FAST, approved_campaign, posts_by_author
from fixtures_sandbox import Drill
from officer_helpers import key_of
from sqlmodel import Session, select

from broadcaster.cli import cli
from broadcaster.launch.run import launch
from broadcaster.storage.db import open_db
from broadcaster.storage.models import AuditEntry, CampaignRecord, Post


def invoke(drill: Drill, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, [*drill.cli_args(), *args], input=input)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("broadcaster.cli.launching._interactive", lambda: True)


def journal(drill: Drill) -> tuple[int, list[str]]:
    """(journal rows, audit actions) in the drill's database."""
    engine = open_db(drill.settings.db_url)
    with Session(engine) as session:
        rows = len(session.exec(select(Post)).all())
        actions = [entry.action for entry in session.exec(select(AuditEntry)).all()]
    engine.dispose()
    return rows, actions


# -- 1. a past --at ----------------------------------------------------------------------


@pytest.mark.parametrize("assume_yes", [False, True])
def test_a_past_at_is_refused_and_sends_nothing(
    drill: Drill, clock: Clock, terminal: None, assume_yes: bool
) -> None:
    # The officer meant the 25th and typed the 20th: five days ago, which would fire now.
    path = approved_campaign(drill)
    _, audit_before = journal(drill)
    yes = ["--yes"] if assume_yes else []
    result = invoke(
        drill, "launch", str(path), "--at", "2026-11-20 09:00 America/Toronto", *yes, input="y\n"
    )
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Error: --at 2026-11-20 09:00 America/Toronto (2026-11-20 14:00 UTC) is in the past "
        "(it is 2026-11-23 14:00 UTC now); give a future time, or leave --at out to launch "
        "now.\n"
    )
    assert "post it now" not in result.stderr and "Firing" not in result.output
    assert posts_by_author(drill) == {}
    assert journal(drill) == (0, audit_before)


def test_a_past_at_in_utc_is_named_once(drill: Drill, clock: Clock) -> None:
    path = approved_campaign(drill)
    clock.set(CLOCK_START + timedelta(seconds=30))
    result = invoke(drill, "launch", str(path), "--at", "2026-11-23 14:00 UTC", "--dry-run")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Error: --at 2026-11-23 14:00 UTC is in the past (it is 2026-11-23 14:00:30 UTC now); "
        "give a future time, or leave --at out to launch now.\n"
    )
    assert posts_by_author(drill) == {}


def test_validate_and_launch_share_the_past_check(drill: Drill, clock: Clock) -> None:
    from broadcaster.authoring.campaigns import launch_at_passed

    assert launch_at_passed(CLOCK_START - timedelta(seconds=1), CLOCK_START)
    assert not launch_at_passed(CLOCK_START, CLOCK_START)  # +0s: now, not the past
    path = approved_campaign(drill, launch_at=CLOCK_START - timedelta(hours=1))
    result = invoke(drill, "validate", str(path))
    assert result.exit_code == 2
    assert "launch_at 2026-11-23T13:00:00Z is in the past; set a future time" in result.stderr


def test_a_passed_launch_at_asks_on_a_terminal(drill: Drill, clock: Clock, terminal: None) -> None:
    # The file's launch_at has passed (the scheduler fires such a campaign at once): typed
    # at a terminal, launch says so and asks, as for a campaign without launch_at.
    path = approved_campaign(drill, launch_at=CLOCK_START - timedelta(hours=1))
    result = invoke(drill, "launch", str(path), input="n\n")
    assert result.exit_code == 2, result.output
    assert (
        f"drill-1 launch_at 2026-11-23 13:00 UTC has passed: post it now, a drill, from "
        f"{len(drill.keys)} accounts of {len(drill.keys)} agencies?"
    ) in result.stderr
    assert "drill-1: not launched (you answered no); nothing was sent." in result.stderr
    assert posts_by_author(drill) == {}
    assert journal(drill)[0] == 0


# -- 3. the checks come before the question ----------------------------------------------


def test_an_unapproved_launch_is_refused_before_the_question(drill: Drill, terminal: None) -> None:
    path = approved_campaign(drill, approvals_required=2)  # lee alone: 1 of 2
    result = invoke(drill, "launch", str(path), input="y\n")
    assert result.exit_code == 3, result.output
    assert "has 1 of 2 approvals" in result.stderr
    assert "post it now" not in result.stderr
    assert posts_by_author(drill) == {}
    assert journal(drill)[0] == 0


def test_a_change_since_approval_is_refused_before_the_question(
    drill: Drill, terminal: None
) -> None:
    path = approved_campaign(drill)
    path.write_text(path.read_text().replace('id = "drill-1"', 'id = "drill-1"\n# edited'))
    result = invoke(drill, "launch", str(path), input="y\n")
    assert result.exit_code == 3, result.output
    assert "post it now" not in result.stderr
    assert posts_by_author(drill) == {}


def test_an_unknown_only_is_refused_before_the_question(drill: Drill, terminal: None) -> None:
    path = approved_campaign(drill)
    result = invoke(drill, "launch", str(path), "--only", "nowhere", input="y\n")
    assert result.exit_code == 2, result.output
    assert "--only nowhere: not in campaign 'drill-1'" in result.stderr
    assert "post it now" not in result.stderr
    assert posts_by_author(drill) == {}


def test_the_question_counts_only_the_selected_agencies(drill: Drill, terminal: None) -> None:
    path = approved_campaign(drill)
    result = invoke(drill, "launch", str(path), "--only", drill.keys[0], input="n\n")
    assert result.exit_code == 2
    assert "post it now, a drill, from 1 account of 1 agency?" in result.stderr
    assert posts_by_author(drill) == {}


def test_an_already_launched_campaign_is_not_asked_about_again(
    drill: Drill, terminal: None
) -> None:
    path = approved_campaign(drill)
    launch(drill.settings, path, operator="Cst. Test", policy=FAST)
    sent = posts_by_author(drill)
    result = invoke(drill, "launch", str(path), input="y\n")
    assert result.exit_code == 3, result.output
    assert "post it now" not in result.stderr
    assert posts_by_author(drill) == sent


# -- 4. a campaign id where the file is needed ---------------------------------------------


def test_launch_by_id_names_the_file_the_database_recorded(
    drill: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    approved_campaign(drill)
    monkeypatch.chdir(drill.folder)
    result = invoke(drill, "launch", "drill-1", "--yes")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Error: drill-1 is a campaign id; launch needs the campaign file: "
        "broadcaster launch campaigns/drill-1.toml.\n"
    )
    assert posts_by_author(drill) == {}
    assert journal(drill)[0] == 0
    approve = invoke(drill, "approve", "drill-1", "--key", str(key_of(drill.folder, "roy")))
    assert approve.exit_code == 2
    assert approve.stderr == (
        "Error: drill-1 is a campaign id; approve needs the campaign file: "
        "broadcaster approve campaigns/drill-1.toml.\n"
    )


def test_launch_by_id_of_a_moved_file_says_it_is_gone(
    drill: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = approved_campaign(drill)
    path.rename(path.with_name("elsewhere.toml"))
    monkeypatch.chdir(drill.folder)
    result = invoke(drill, "launch", "drill-1", "--yes")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Error: drill-1 is a campaign id; launch needs the campaign file, which was "
        "campaigns/drill-1.toml and is no longer there: give its path.\n"
    )
    assert journal(drill)[0] == 0


def mark_resolved(drill: Drill, campaign_id: str = "drill-1") -> None:
    """The campaign resolved at CLOCK_START, as `resolve` leaves it."""
    engine = open_db(drill.settings.db_url)
    with Session(engine) as session:
        record = session.get(CampaignRecord, campaign_id)
        assert record is not None
        record.state = "resolved"
        record.closed_at = CLOCK_START
        session.add(record)
        session.commit()
    engine.dispose()


def test_launch_by_id_of_an_ended_campaign_says_it_ended(drill: Drill) -> None:
    approved_campaign(drill)
    mark_resolved(drill)
    result = invoke(drill, "launch", "drill-1", "--yes")
    assert result.exit_code == 3, result.output
    assert result.stderr == (
        "Error: drill-1: the campaign already ended (resolved on 2026-11-23 14:00 UTC); "
        "nothing more may be posted for it.\n"
    )
    assert posts_by_author(drill) == {}


def test_an_unknown_name_is_still_a_missing_file(drill: Drill) -> None:
    result = invoke(drill, "launch", "tps-fresh", "--yes")
    assert result.exit_code == 2
    assert "tps-fresh: campaign file not found (looked in" in result.stderr


def test_launch_help_says_it_takes_the_file() -> None:
    result = CliRunner().invoke(cli, ["launch", "--help"])
    assert "CAMPAIGN is the campaign file, not its id" in result.output


# -- 5. a date typo in a campaign file -------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "example"),
    [
        ("launch_at = 2026-12-08 09:00", "2026-12-08T09:00:00-05:00"),
        ("launch_at = 2026-12-08T09:00:00 -05:00", "2026-12-08T09:00:00-05:00"),
        ("expires_at = 2026-13-45", "2026-12-08T09:00:00-05:00"),
        ("expires_at = 2026-02-30T10:00:00Z", "2026-12-08T09:00:00-05:00"),
    ],
)
def test_a_date_typo_is_named_as_a_date(
    drill: Drill, monkeypatch: pytest.MonkeyPatch, typed: str, example: str
) -> None:
    path = approved_campaign(drill, approvers=())
    lines = path.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("lead ="))
    lines.insert(at + 1, typed)
    path.write_text("\n".join(lines) + "\n")
    monkeypatch.chdir(drill.folder)
    key = typed.split(" =")[0]
    for command in (["validate"], ["launch", "--yes"]):
        result = invoke(drill, *command, "campaigns/drill-1.toml")
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(
            f"Error: campaigns/drill-1.toml:{at + 2}: {key}: not a valid date and time; write "
            f"it like {example} (the date, T, the time with seconds, then Z for UTC or the "
            "offset)."
        ), result.stderr
        assert "not valid TOML" not in result.stderr
    assert posts_by_author(drill) == {}


def test_other_syntax_errors_keep_their_words(tmp_path: Path) -> None:
    from broadcaster.authoring.tomlfile import read_toml
    from broadcaster.errors import InvalidInput

    path = tmp_path / "c.toml"
    for text, words in [
        ('id = "x" "y"\n', ":1:10: not valid TOML: something follows the value"),
        ('title = "2026-12-01" x\n', ":1:22: not valid TOML: something follows the value"),
        ("count = 1 2026-12-01\n", ":1:11: not valid TOML: something follows the value"),
    ]:
        path.write_text(text)
        with pytest.raises(InvalidInput) as error:
            read_toml(path, "campaign")
        assert f"{path}{words}" in str(error.value)


# -- 6. a file that is not a key -----------------------------------------------------------


def test_a_readable_non_key_file_is_named_as_not_a_key(
    drill: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = approved_campaign(drill, approvers=())
    monkeypatch.chdir(drill.folder)
    if os.name == "posix":
        assert stat.S_IMODE(drill.agencies_path.stat().st_mode) & 0o044  # others can read it
    result = invoke(drill, "approve", str(path), "--key", "agencies.toml")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Error: --key agencies.toml: not an OpenSSH private key (make one with ssh-keygen -t "
        "ed25519).\n"
    )
    assert "chmod" not in result.stderr


def test_a_readable_private_key_is_still_told_to_chmod(
    drill: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = approved_campaign(drill, approvers=())
    key = key_of(drill.folder, "roy")
    key.chmod(0o644)
    result = invoke(drill, "approve", str(path), "--key", str(key))
    assert result.exit_code == 2, result.output
    assert f"run chmod 600 {key}" in result.stderr
