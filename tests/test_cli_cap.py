"""`export-cap --profile` on the command line: the refusal is exit 2 with one sentence naming
the field (and its problems under --json); a campaign that meets the profile is written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from fixtures_workspace import Workspace
from lifecycle_helpers import launched_campaign
from test_cap import validate_xsd

from broadcaster.cli import cli

AREA = """
[case.area]
description = "Toronto and the Greater Toronto Area"
polygon = ["43.58,-79.64", "43.86,-79.64", "43.86,-79.11", "43.58,-79.11", "43.58,-79.64"]
geocodes = [{ valueName = "profile:CAP-CP:Location:0.3", value = "3520005" }]
"""


def run(*args: str) -> tuple[int, str, str, bytes]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr, result.stdout_bytes


def test_a_profile_refusal_is_exit_2_naming_the_field(workspace: Workspace) -> None:
    code, out, err, _ = run("export-cap", "campaigns/example.toml", "--profile", "google")
    assert code == 2
    assert out == ""
    assert err.strip() == (
        "Error: export-cap --profile google: case.area: Google Public Alerts needs a polygon, "
        "circle or geocode in every <area>; add [case.area] with one of them to campaign "
        "example."
    )


def test_a_profile_refusal_with_json_lists_every_problem(workspace: Workspace) -> None:
    code, out, _, _ = run("--json", "export-cap", "campaigns/example.toml", "--profile", "cap-cp")
    assert code == 2
    data = json.loads(out)
    assert data["exit_code"] == 2
    assert data["profile"] == "cap-cp"
    assert data["problems"][0].startswith("case.area.geocodes: CAP-CP")
    assert data["error"] == f"export-cap --profile cap-cp: {data['problems'][0]}"


def test_a_campaign_that_meets_the_profile_is_exported(workspace: Workspace) -> None:
    workspace.campaign.write_text(workspace.campaign_text() + AREA, encoding="utf-8")
    for profile in ("google", "ipaws", "cap-cp"):
        code, _, err, xml = run("export-cap", "campaigns/example.toml", "--profile", profile)
        assert code == 0, err
        validate_xsd(xml)
        assert b"<status>Draft</status>" in xml  # nothing was posted: a draft
        assert b"<identifier>example-draft-" in xml


def test_an_unknown_profile_is_a_usage_error(workspace: Workspace) -> None:
    code, _, err, _ = run("export-cap", "campaigns/example.toml", "--profile", "meteoalarm")
    assert code == 2
    assert "'meteoalarm' is not one of 'google', 'ipaws', 'cap-cp'" in err


def test_a_launched_alert_and_its_update_are_valid_cap(drill: Any, tmp_path: Path) -> None:
    """Through the real launch on the sandbox: the alert, then the update after resolve."""
    launched = launched_campaign(drill)
    base = [*launched.cli_args(), "export-cap", launched.campaign_id]
    alert = CliRunner().invoke(cli, base)
    assert alert.exit_code == 0, alert.output
    validate_xsd(alert.stdout_bytes)
    assert f"<identifier>{launched.campaign_id}-alert</identifier>".encode() in alert.stdout_bytes
    resolved = CliRunner().invoke(
        cli, [*launched.cli_args(), "resolve", launched.campaign_id, "--outcome", "withdrawn"]
    )
    assert resolved.exit_code == 0, resolved.output
    update = CliRunner().invoke(cli, base)
    assert update.exit_code == 0, update.output
    validate_xsd(update.stdout_bytes)
    assert b"<msgType>Update</msgType>" in update.stdout_bytes
    assert b"<expires>" in update.stdout_bytes
