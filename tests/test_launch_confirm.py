"""A launch that fires at once asks first on a terminal; --yes and --at do not ask."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fixtures_launch import approved_campaign, posts_by_author
from fixtures_sandbox import Drill

from broadcaster.cli import cli


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("broadcaster.cli.launching._interactive", lambda: True)


def test_answering_no_sends_nothing(drill: Drill, terminal: None) -> None:
    path = approved_campaign(drill)
    result = CliRunner().invoke(cli, [*drill.cli_args(), "launch", str(path)], input="n\n")
    assert result.exit_code == 2
    assert f"post it now, a drill, from {len(drill.keys)} accounts of {len(drill.keys)}" in (
        result.stderr
    )
    assert "drill-1: not launched (you answered no); nothing was sent." in result.stderr
    assert posts_by_author(drill) == {}


def test_input_ending_before_an_answer_sends_nothing_and_names_yes(
    drill: Drill, terminal: None
) -> None:
    # A drill pasted into a terminal: the input ends (or the next line is not an answer).
    path = approved_campaign(drill)
    result = CliRunner().invoke(cli, [*drill.cli_args(), "launch", str(path)], input="")
    assert result.exit_code == 2, result.output
    assert "drill-1: not launched (no answer came); nothing was sent." in result.stderr
    assert "Pass --yes" in result.stderr
    assert posts_by_author(drill) == {}


def test_answering_yes_launches(drill: Drill, terminal: None) -> None:
    path = approved_campaign(drill)
    result = CliRunner().invoke(cli, [*drill.cli_args(), "launch", str(path)], input="y\n")
    assert result.exit_code == 0, result.output
    assert sum(posts_by_author(drill).values()) == len(drill.keys)


def test_yes_and_scripts_do_not_ask(drill: Drill, terminal: None) -> None:
    path = approved_campaign(drill)
    result = CliRunner().invoke(cli, [*drill.cli_args(), "launch", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    assert "post it now" not in result.stderr


def test_not_a_terminal_does_not_ask(drill: Drill) -> None:
    path = approved_campaign(drill)
    result = CliRunner().invoke(cli, [*drill.cli_args(), "launch", str(path)])
    assert result.exit_code == 0, result.output
    assert "post it now" not in result.stderr
