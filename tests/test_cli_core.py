"""The CLI's contract with scripts: exit codes and the error sentence, for every command."""

from __future__ import annotations

import json
import os
from typing import Any

import click
import pytest
from click.testing import CliRunner

from broadcaster import errors
from broadcaster.cli import cli
from broadcaster.cli.common import AppContext, finish, pass_app
from broadcaster.errors import ExitStatus


def test_exit_status_values_are_the_specs() -> None:
    assert [(s.name, int(s)) for s in ExitStatus] == [
        ("OK", 0),
        ("BUG", 1),
        ("INVALID", 2),
        ("REFUSED", 3),
        ("PLATFORM_FAILED", 4),
        ("INTERRUPTED", 130),  # Ctrl-C, as shells report it (#14: in the README's table)
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


def test_an_error_carries_what_the_command_had_to_show(monkeypatch: pytest.MonkeyPatch) -> None:
    message = "1 of 2 agencies did not post (nypd: suspended); run launch again."

    @click.command()
    @pass_app
    def partly(app: AppContext) -> None:
        report = {"campaign": "c1", "posts": [{"agency": "tps", "state": "posted"}]}
        problem = errors.LaunchIncomplete(message)
        finish(app.settings, report, lambda: click.echo("tps posted"), problem)

    monkeypatch.setitem(cli.commands, "partly", partly)
    result = CliRunner().invoke(cli, ["partly"])
    assert result.exit_code == 4
    assert result.stdout == "tps posted\n"
    assert result.stderr == f"Error: {message}\n"

    result = CliRunner().invoke(cli, ["--json", "partly"])
    assert result.exit_code == 4
    assert result.stderr == f"Error: {message}\n"
    assert json.loads(result.stdout) == {
        "campaign": "c1",
        "posts": [{"agency": "tps", "state": "posted"}],
        "error": message,
        "exit_code": 4,
    }


def test_the_payload_never_hides_the_error_and_its_code(monkeypatch: pytest.MonkeyPatch) -> None:
    @click.command()
    def boom() -> None:
        raise errors.AuditBroken("the audit log is broken.", data={"ok": False, "exit_code": 0})

    monkeypatch.setitem(cli.commands, "boom", boom)
    result = CliRunner().invoke(cli, ["--json", "boom"])
    assert result.exit_code == 3
    assert json.loads(result.stdout) == {
        "ok": False,
        "error": "the audit log is broken.",
        "exit_code": 3,
    }


def test_the_database_opens_on_first_use_once_and_closes_with_the_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    from broadcaster.storage import db

    opened: list[object] = []
    disposed: list[object] = []
    real_open = db.open_db

    def open_db(url: str) -> Any:
        engine = real_open(url)
        dispose = engine.dispose
        monkeypatch.setattr(engine, "dispose", lambda: (disposed.append(engine), dispose()))
        opened.append(engine)
        return engine

    monkeypatch.setattr(db, "open_db", open_db)

    @click.command()
    @click.option("--touch", is_flag=True)
    @pass_app
    def probe(app: AppContext, touch: bool) -> None:
        if touch:
            assert app.engine is app.engine
            assert disposed == []

    monkeypatch.setitem(cli.commands, "probe", probe)
    url = f"sqlite:///{tmp_path / 'probe.db'}"
    assert CliRunner().invoke(cli, ["--db", url, "probe"]).exit_code == 0
    assert opened == [] and not (tmp_path / "probe.db").exists()
    assert CliRunner().invoke(cli, ["--db", url, "probe", "--touch"]).exit_code == 0
    assert len(opened) == 1 and disposed == opened


def test_commands_without_the_database_never_open_it(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'never.db'}"
    result = CliRunner().invoke(cli, ["--db", url, "init", "w"])
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path / "w")
    for args in (["validate", "campaigns/example.toml"], ["preview", "campaigns/example.toml"]):
        result = CliRunner().invoke(cli, ["--db", url, *args])
        assert result.exit_code == 0, result.output
    assert not (tmp_path / "never.db").exists()


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


def test_the_cli_modules_leave_databases_and_http_to_the_core() -> None:
    import ast
    from pathlib import Path

    import broadcaster.cli

    outside = {"sqlalchemy", "sqlmodel", "requests", "urllib3", "tweepy"}
    found = []
    for path in Path(broadcaster.cli.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in outside]
    assert found == []


def test_output_cut_short_by_head_is_not_a_bug(tmp_path: Any) -> None:
    import subprocess
    import sys

    replies = tmp_path / "sms.jsonl"
    replies.write_text(
        "".join(json.dumps({"id": str(n), "text": f"saw him at the bus stop {n}"}) + "\n"
                for n in range(3000)),
        encoding="utf-8",
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "BROADCASTER_RAISE_BUGS"}
    command = f'"{sys.executable}" -m broadcaster triage "{replies}"'
    script = f"{command} | head -n 1; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "hit a bug" not in done.stderr and "Traceback" not in done.stderr
    assert len(done.stdout.splitlines()) == 1
