"""A launch that ends incomplete tells the desks at once, not at the next tracking pass."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from fixtures_launch import approved_campaign
from fixtures_sandbox import Drill
from test_notify_receiver import Receiver, receiver_fixture  # noqa: F401

from broadcaster.cli import cli


def test_an_incomplete_launch_notifies_once_naming_the_agency(
    drill: Drill, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROADCASTER_NOTIFY", receiver.url("centre"))
    suspended = drill.registry.get(drill.keys[1])
    drill.server.suspend(suspended.handle)
    path = approved_campaign(drill)
    runner = CliRunner()
    result = runner.invoke(cli, [*drill.cli_args(), "launch", str(path)])
    assert result.exit_code == 4, result.output
    centre = receiver.at("centre")
    assert len(centre) == 1
    body: dict[str, Any] = centre[0].body
    assert "Launch incomplete" in body["title"] and suspended.key in body["title"]
    assert "DRILL" in body["title"] + body["message"]
    # Tracking afterwards finds the notice already recorded: nothing is sent again.
    assert runner.invoke(cli, [*drill.cli_args(), "track", "drill-1"]).exit_code == 0
    assert len(receiver.at("centre")) == 1
