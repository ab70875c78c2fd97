"""`preview` and `validate` given a campaign id the database knows: the sentence names the
file it recorded (as `launch` and `approve` do), not "campaign file not found"."""

from __future__ import annotations

import pytest
from fixtures_launch import approved_campaign
from fixtures_sandbox import Drill
from test_launch_cli_refusals import invoke, mark_resolved


@pytest.mark.parametrize("command", ["preview", "validate"])
def test_an_id_names_the_file_the_database_recorded(
    drill: Drill, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    approved_campaign(drill)
    monkeypatch.chdir(drill.folder)
    result = invoke(drill, command, "drill-1")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[0] == (
        f"Error: drill-1 is a campaign id; {command} needs the campaign file: "
        f"broadcaster {command} campaigns/drill-1.toml."
    )
    assert "not found" not in result.stderr


def test_an_ended_campaign_id_still_names_its_file_for_preview(
    drill: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Preview only reads: the ended campaign's file is still worth reading."""
    approved_campaign(drill)
    mark_resolved(drill)
    monkeypatch.chdir(drill.folder)
    result = invoke(drill, "preview", "drill-1")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Error: drill-1 is a campaign id; preview needs the campaign file: "
        "broadcaster preview campaigns/drill-1.toml.\n"
    )


def test_validate_checks_the_other_files_beside_an_id(
    drill: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = approved_campaign(drill)
    monkeypatch.chdir(drill.folder)
    result = invoke(drill, "validate", "drill-1", str(path))
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Error: drill-1 is a campaign id; validate needs the campaign file: "
        "broadcaster validate campaigns/drill-1.toml.\n"
    )
    assert result.stdout.startswith(f"{path}: OK, campaign 'drill-1'")


@pytest.mark.parametrize("command", ["preview", "validate"])
def test_an_unknown_name_is_still_a_missing_file(drill: Drill, command: str) -> None:
    result = invoke(drill, command, "tps-fresh")
    assert result.exit_code == 2
    assert "tps-fresh: campaign file not found (looked in" in result.stderr
