"""The agencies' credentials never reach output, logs, the database or a report.

One drill end to end through the command line, with -v and every logger at DEBUG (tweepy,
requests and urllib3 included), then a search for each secret value in everything produced.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from broadcaster.authoring.scaffold import write_campaign
from broadcaster.cli import cli


def test_no_secret_in_output_logs_database_or_reports(
    drill_factory: Any, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    drill = drill_factory(3, audience=500, seed=3, speed=1e5)
    monkeypatch.chdir(drill.folder)
    caplog.set_level(logging.DEBUG)
    secrets = [value for key, value in drill.env.items() if "_X_" in key]
    assert len(secrets) == 12
    path = write_campaign(
        drill.folder, campaign_id="drill-secret", agencies=drill.keys, lead=drill.keys[0]
    )
    runner = CliRunner()
    outputs: list[str] = []

    def run(*args: str) -> None:
        result = runner.invoke(cli, ["-v", *drill.cli_args(), *args])
        outputs.append(result.output + (result.stderr or ""))
        assert result.exit_code == 0, result.output + (result.stderr or "")

    run("agencies", "check")
    run("agencies", "list")
    run("preview", str(path))
    run("approve", str(path), "--key", str(drill.folder / "keys" / "lee"))
    run("launch", str(path))
    run("--json", "status", "drill-secret")
    run("track", "drill-secret")
    run("tips", "drill-secret", "--format", "csv")
    for fmt in ("text", "md", "html", "csv", "json"):
        run("report", "drill-secret", "--format", fmt, "-o", f"report.{fmt}")
    run("export-cap", "drill-secret", "-o", "alert.xml")
    run("resolve", "drill-secret", "--outcome", "arrested")
    run("audit", "verify")

    produced = b"".join(
        p.read_bytes()
        for p in Path(drill.folder).rglob("*")
        if p.is_file() and p.name not in (".env",) and p.suffix != ".jpg"
    )
    assert (Path(drill.folder) / "report.html").stat().st_size > 1000
    assert "Making API request" in caplog.text  # tweepy's own debug log was captured too
    everything = "\n".join(outputs) + caplog.text
    leaked = [s for s in secrets if s in everything or s.encode() in produced]
    assert leaked == []
