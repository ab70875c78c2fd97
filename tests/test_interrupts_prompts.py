"""Ctrl-C at a prompt is the officer stopping: exit 130, "Interrupted", nothing changed; never
the exit-2 sentence that blames a missing answer. Without a terminal, a hidden prompt says so
instead of Python's GetPassWarning."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fixtures_launch import approved_campaign, posts_by_author
from fixtures_sandbox import Drill
from sqlmodel import Session, select

from broadcaster.authoring.officers import add_officer, passwd_path, public_line
from broadcaster.cli import cli
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Approval, AuditEntry, CampaignRecord, Post


class CtrlC(io.RawIOBase):
    """Standard input at which the officer presses Ctrl-C: reading it raises
    KeyboardInterrupt, as the terminal's SIGINT does inside input() or getpass()."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if len(buffer) == 0:
            return 0
        raise KeyboardInterrupt


def invoke(drill: Drill, *args: str, **options: object) -> Result:
    return CliRunner().invoke(cli, [*drill.cli_args(), *args], **options)  # type: ignore[arg-type]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("broadcaster.cli.launching._interactive", lambda: True)


def locked_officer(drill: Drill, officer_id: str = "kim", passphrase: bytes = b"s3cret") -> Path:
    """An approver and launcher of the drill whose private key has a passphrase."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        Encoding,
        PrivateFormat,
    )

    key = Ed25519PrivateKey.generate()
    path = drill.folder / "keys" / officer_id
    path.write_bytes(
        key.private_bytes(Encoding.PEM, PrivateFormat.OpenSSH, BestAvailableEncryption(passphrase))
    )
    path.chmod(0o600)
    public = path.with_suffix(".pub")
    public.write_text(public_line(key.public_key(), officer_id))
    add_officer(
        drill.folder / "officers.toml",
        officer_id,
        name="Cst. Kim",
        agency=drill.keys[0],
        roles=["approver", "launcher"],
        public_key_path=public,
    )
    return path


def stored(drill: Drill) -> tuple[int, int, int]:
    """(approvals, audit entries, journal rows) in the drill's database."""
    engine = open_db(drill.settings.db_url)
    with Session(engine) as session:
        counts = (
            len(session.exec(select(Approval)).all()),
            len(session.exec(select(AuditEntry)).all()),
            len(session.exec(select(Post)).all()),
        )
    engine.dispose()
    return counts


def test_ctrl_c_at_the_launch_question_exits_130_and_sends_nothing(
    drill: Drill, terminal: None
) -> None:
    path = approved_campaign(drill)
    before = stored(drill)
    result = invoke(drill, "launch", str(path), input=CtrlC())
    assert result.exit_code == 130, result.output
    assert "post it now, a drill" in result.stderr
    assert result.stderr.endswith(
        "Error: Interrupted; drill-1 was not launched and nothing was sent.\n"
    )
    assert "no answer came" not in result.stderr
    assert posts_by_author(drill) == {}
    assert stored(drill) == before  # no journal row, no audit entry
    engine = open_db(drill.settings.db_url)
    with Session(engine) as session:
        record = session.get(CampaignRecord, "drill-1")
        assert record is not None and record.state == "draft"
    engine.dispose()


def test_the_end_of_the_input_at_the_question_still_says_no_answer_came(
    drill: Drill, terminal: None
) -> None:
    path = approved_campaign(drill)
    result = invoke(drill, "launch", str(path), input="")
    assert result.exit_code == 2
    assert "drill-1: not launched (no answer came); nothing was sent." in result.stderr
    assert posts_by_author(drill) == {}


def test_ctrl_c_at_the_passphrase_exits_130_and_approves_nothing(drill: Drill) -> None:
    path = approved_campaign(drill, approvers=())
    locked = locked_officer(drill)
    before = stored(drill)
    result = invoke(drill, "approve", str(path), "--key", str(locked), input=CtrlC())
    assert result.exit_code == 130, result.output
    assert result.stderr.endswith("Error: Interrupted at the passphrase; nothing was changed.\n")
    assert "type it when asked" not in result.stderr
    assert stored(drill) == before == (0, before[1], 0)


def test_ctrl_c_at_the_launchers_passphrase_sends_nothing(drill: Drill) -> None:
    path = approved_campaign(drill)
    locked = locked_officer(drill)
    result = invoke(drill, "launch", str(path), "--yes", "--key", str(locked), input=CtrlC())
    assert result.exit_code == 130, result.output
    assert result.stderr.endswith("Error: Interrupted at the passphrase; nothing was changed.\n")
    assert posts_by_author(drill) == {}
    assert stored(drill)[2] == 0


def test_the_passphrase_typed_still_approves(drill: Drill) -> None:
    path = approved_campaign(drill, approvers=())
    locked = locked_officer(drill)
    result = invoke(drill, "approve", str(path), "--key", str(locked), input="s3cret\n")
    assert result.exit_code == 0, result.output
    assert stored(drill)[0] == 1


def test_ctrl_c_at_the_password_exits_130_and_writes_no_password(drill: Drill) -> None:
    result = invoke(drill, "officers", "passwd", "lee", input=CtrlC())
    assert result.exit_code == 130, result.output
    assert result.stderr.endswith(
        "Error: Interrupted; the console password of lee was not changed.\n"
    )
    assert not passwd_path(drill.folder / "officers.toml").exists()


def _without_a_terminal(drill: Drill, *args: str, env: dict[str, str] | None = None) -> Result:
    """`broadcaster ARGS` in a new session (no controlling terminal, as under cron or a CI
    job) with standard input from /dev/null: what getpass falls back from."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BROADCASTER_")}
    completed = subprocess.run(
        [sys.executable, "-m", "broadcaster", *drill.cli_args(), *args],
        cwd=drill.folder,
        env={**clean, **(env or {})},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        start_new_session=True,
        timeout=120,
    )
    return Result(
        runner=CliRunner(),
        stdout_bytes=completed.stdout.encode(),
        stderr_bytes=completed.stderr.encode(),
        output_bytes=(completed.stdout + completed.stderr).encode(),
        return_value=None,
        exit_code=completed.returncode,
        exception=None,
    )


def test_no_terminal_for_the_passphrase_names_the_variable_not_a_python_warning(
    drill: Drill,
) -> None:
    path = approved_campaign(drill, approvers=())
    locked = locked_officer(drill)
    result = _without_a_terminal(drill, "approve", str(path), "--key", str(locked))
    assert result.exit_code == 2, result.stderr
    assert result.stderr == (
        f"Error: --key {locked} is protected by a passphrase and there is no terminal to type "
        "it on; set BROADCASTER_KEY_PASSPHRASE.\n"
    )
    assert stored(drill)[0] == 0
    with_variable = _without_a_terminal(
        drill,
        "approve",
        str(path),
        "--key",
        str(locked),
        env={"BROADCASTER_KEY_PASSPHRASE": "s3cret"},
    )
    assert with_variable.exit_code == 0, with_variable.stderr
    assert "GetPassWarning" not in with_variable.stderr
    assert stored(drill)[0] == 1


def test_no_terminal_for_the_password_names_password_stdin(drill: Drill) -> None:
    result = _without_a_terminal(drill, "officers", "passwd", "lee")
    assert result.exit_code == 2, result.stderr
    assert result.stderr == (
        "Error: officers passwd has no terminal to type the password on; pipe it in with "
        "--password-stdin.\n"
    )
    assert not passwd_path(drill.folder / "officers.toml").exists()
