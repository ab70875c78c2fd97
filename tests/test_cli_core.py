"""The CLI's contract with scripts: exit codes and the error sentence, for every command."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from broadcaster import errors
from broadcaster.cli import cli
from broadcaster.errors import ExitStatus


def test_exit_status_values_are_the_specs() -> None:
    assert [(s.name, int(s)) for s in ExitStatus] == [
        ("OK", 0),
        ("BUG", 1),
        ("INVALID", 2),
        ("REFUSED", 3),
        ("PLATFORM_FAILED", 4),
    ]


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (errors.CampaignInvalid(["campaigns/x.toml:3: lead 'zz' is not among the agencies."]), 2),
        (errors.MissingCredentials("agency 'tps': set TPS_X_API_KEY in the environment."), 2),
        (errors.NotApproved("campaign 'c1' has 1 of 2 approvals."), 3),
        (errors.ChangedSinceApproval("campaign 'c1' changed since approval: the photo."), 3),
        (errors.AccountSuspended("agency 'nypd': the account is suspended."), 4),
        (errors.LaunchIncomplete("2 of 5 agencies did not post; see status."), 4),
    ],
)
def test_expected_errors_become_a_sentence_and_their_exit_code(
    monkeypatch: pytest.MonkeyPatch, error: errors.BroadcasterError, code: int
) -> None:
    @click.command()
    def boom() -> None:
        raise error

    monkeypatch.setitem(cli.commands, "boom", boom)
    result = CliRunner().invoke(cli, ["boom"])
    assert result.exit_code == code
    assert result.stderr.startswith(f"Error: {error.message}")
    assert "Traceback" not in result.output

    result = CliRunner().invoke(cli, ["--json", "boom"])
    assert result.exit_code == code
    assert json.loads(result.stdout) == {"error": error.message, "exit_code": code}


def test_a_bug_is_exit_1_with_a_sentence_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BROADCASTER_RAISE_BUGS")

    @click.command()
    def broken() -> None:
        raise ZeroDivisionError("x")

    monkeypatch.setitem(cli.commands, "broken", broken)
    result = CliRunner().invoke(cli, ["broken"])
    assert result.exit_code == 1
    assert "broadcaster hit a bug (ZeroDivisionError)" in result.stderr
    assert "Traceback" not in result.output


def test_usage_errors_exit_2() -> None:
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2


def test_help_lists_every_command_and_ok_is_0() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "agencies" in result.output
