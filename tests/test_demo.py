"""`broadcaster demo`: the whole drill from nothing, in a scratch folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from broadcaster.campaign.status import campaign_status
from broadcaster.cli import cli
from broadcaster.storage.audit import verify
from broadcaster.storage.db import open_db


def test_demo_runs_the_whole_drill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Run from a folder with nothing in it: no agencies, no .env, no database.
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["--json", "demo", "--dir", "drill"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    folder = tmp_path / "drill"
    assert data["folder"] == str(folder)
    for name in ("agencies.toml", ".env", "broadcaster.db", "report.html"):
        assert (folder / name).is_file(), name
    assert Path(data["campaign_file"]).is_file()
    assert data["state"] == "launched" and len(data["posts"]) == 5
    assert data["approvers"] == ["lee", "roy"]
    assert data["new_replies"] > 0
    engine = open_db(f"sqlite:///{folder / 'broadcaster.db'}")
    status = campaign_status(engine, data["campaign"])
    assert [p["state"] for p in status["posts"]] == ["posted"] * 5
    assert verify(engine).ok
    env = (folder / ".env").read_text()
    assert env.count("_X_ACCESS_SECRET=") == 5  # drill keys live in the folder's .env only
    for line in env.splitlines():
        if "_X_" in line:
            assert line.split("=", 1)[1] not in result.output
    # What happened, in plain words (on stderr: stdout holds the JSON).
    said = result.stderr
    assert "Approved by Sgt. Dana Lee and Insp. Sam Roy, each signing with their own key" in said
    assert "Launched: 5 of 5 agencies posted at once; the first and last posts landed " in said
    assert "Wrote the reach report to " in said


def test_demo_refuses_a_used_folder(tmp_path: Path) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["demo", "--dir", str(tmp_path / "used")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {tmp_path / 'used'} is not empty; give demo a new folder with --dir.\n"
    )
