"""`status CAMPAIGN`: the SPEC's JSON shape, the table, a file or an id, unknown campaigns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures_launch import Launched

from broadcaster.campaign.status import campaign_id_of, campaign_status
from broadcaster.cli import cli
from broadcaster.errors import CampaignNotFound

SPEC_POST_KEYS = ["agency", "platform", "kind", "state", "remote_id", "url", "sent_at", "error"]


def test_status_json_has_the_spec_shape(launched: Launched) -> None:
    data = campaign_status(launched.engine, "drill-1")
    assert {"campaign", "state", "posts"} <= set(data)
    assert data["campaign"] == "drill-1" and data["state"] == "launched"
    for post in data["posts"]:
        assert list(post)[: len(SPEC_POST_KEYS)] == SPEC_POST_KEYS
        assert post["platform"] == "sandbox" and post["sent_at"].endswith("+00:00")


def test_campaign_reference_is_a_file_or_an_id(launched: Launched, tmp_path: Path) -> None:
    assert campaign_id_of(str(launched.path)) == "drill-1"
    assert campaign_id_of("drill-1") == "drill-1"
    with pytest.raises(CampaignNotFound) as missing:
        campaign_id_of(str(tmp_path / "nope.toml"))
    assert str(missing.value) == f"{tmp_path / 'nope.toml'}: no such campaign file."


def test_unknown_campaign(launched: Launched) -> None:
    with pytest.raises(CampaignNotFound) as missing:
        campaign_status(launched.engine, "other")
    assert str(missing.value) == (
        "no campaign 'other' in the database; approve and launch it first "
        "(or pass --db for another database)."
    )


def test_cli_status_table_and_json(launched: Launched) -> None:
    drill = launched.drill
    runner = CliRunner()
    table = runner.invoke(cli, [*drill.cli_args(), "status", str(launched.path)])
    assert table.exit_code == 0, table.output
    assert table.stdout.startswith("drill-1: launched (coordinated, spread ")
    for key in drill.keys:
        assert key in table.stdout
    assert table.stdout.count("posted") == len(drill.keys)
    assert "time (UTC)" in table.stdout  # every time with its zone (#14)
    as_json = runner.invoke(cli, [*drill.cli_args(), "--json", "status", "drill-1"])
    assert as_json.exit_code == 0
    data = json.loads(as_json.stdout)
    assert [p["agency"] for p in data["posts"]] == drill.keys
    missing = runner.invoke(cli, [*drill.cli_args(), "status", "nope"])
    assert missing.exit_code == 2
    assert missing.stderr.startswith("Error: no campaign 'nope' in the database;")
