"""`broadcaster sandbox serve` as a user starts it, and `agencies check` against it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from broadcaster.cli import cli
from broadcaster.sandbox.drill import DrillWorkspace, write_drill_workspace


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    def __init__(self, process: subprocess.Popen[str], banner: list[str], port: int) -> None:
        self.process = process
        self.banner = banner
        self.port = port


@pytest.fixture
def workspace(tmp_path: Path) -> DrillWorkspace:
    return write_drill_workspace(tmp_path, 3, port=free_port())


def start_serve(workspace: DrillWorkspace, *args: str) -> Served:
    port = int(workspace.env["BROADCASTER_SANDBOX_URL"].rsplit(":", 1)[1])
    env = {k: v for k, v in os.environ.items() if not k.startswith("BROADCASTER_")}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "broadcaster",
            "sandbox",
            "serve",
            "--agencies",
            "agencies.toml",
            *args,
        ],
        cwd=workspace.folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    banner: list[str] = []
    deadline = time.monotonic() + 20
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        banner.append(line.rstrip("\n"))
        if "press Ctrl-C" in line:
            return Served(process, banner, port)
    process.kill()
    raise AssertionError(
        f"sandbox serve did not start: {banner} {process.stderr.read() if process.stderr else ''}"
    )


@pytest.fixture
def served(workspace: DrillWorkspace) -> Iterator[Served]:
    running = start_serve(workspace, "--suspend", "@DrillNY003", "--seed", "4")
    yield running
    if running.process.poll() is None:
        running.process.terminate()
        running.process.wait(timeout=10)


def check(workspace: DrillWorkspace, *args: str, env_file: Path | None = None):
    runner = CliRunner()
    return runner.invoke(
        cli,
        [
            "--agencies",
            str(workspace.agencies_path),
            "--env-file",
            str(env_file or workspace.env_path),
            *args,
        ],
        catch_exceptions=False,
    )


def secrets_of(workspace: DrillWorkspace) -> list[str]:
    return [v for k, v in workspace.env.items() if not k.startswith("BROADCASTER_")]


def test_serve_prints_its_url_and_accounts(served: Served):
    text = "\n".join(served.banner)
    assert f"Sandbox listening on http://127.0.0.1:{served.port} (seed 4)" in text
    for handle in ("@DrillTO001", "@DrillMTL002", "@DrillNY003"):
        assert handle in text


def test_good_credentials_pass(workspace, served):
    result = check(workspace, "agencies", "check", "toronto", "montreal")
    assert result.exit_code == 0, result.output
    assert "toronto" in result.stdout and "montreal" in result.stdout
    assert result.stdout.count("OK") == 2
    assert result.stderr == ""


def test_wrong_credentials_and_a_suspended_account_are_named(workspace, served, tmp_path):
    env_text = workspace.env_path.read_text()
    wrong = tmp_path / "wrong.env"
    wrong.write_text(
        env_text.replace(
            workspace.env["DRILL_002_X_ACCESS_SECRET"], "revoked-secret-value-0000000000"
        )
    )
    result = check(workspace, "agencies", "check", env_file=wrong)
    assert result.exit_code == 4
    assert result.stderr.startswith("Error: 2 of 3 agencies failed the check:")
    assert "agency 'montreal' (@DrillMTL002): the sandbox refused the credentials" in result.stderr
    assert "DRILL_002_X_ACCESS_SECRET" in result.stderr
    assert "agency 'newyork' (@DrillNY003): the account is suspended" in result.stderr
    assert ".;" not in result.stderr and result.stderr.endswith(".\n")  # one sentence
    assert "toronto" in result.stdout
    for secret in [*secrets_of(workspace), "revoked-secret-value-0000000000"]:
        assert secret not in result.output


def test_check_json(workspace, served):
    result = check(workspace, "--json", "agencies", "check")
    assert result.exit_code == 4
    data = json.loads(result.stdout)
    by_key = {row["agency"]: row for row in data["agencies"]}
    assert data["ok"] is False and data["exit_code"] == 4
    assert data["error"].startswith("1 of 3 agencies failed the check:")
    assert result.stderr == f"Error: {data['error']}\n"
    assert by_key["toronto"]["ok"] is True
    assert by_key["toronto"]["account"]["handle"] == "@DrillTO001"
    assert by_key["newyork"]["ok"] is False
    assert "suspended" in by_key["newyork"]["error"]
    for secret in secrets_of(workspace):
        assert secret not in result.output


def test_missing_credentials_exit_2_naming_the_variables(workspace, tmp_path):
    partial = tmp_path / "partial.env"
    partial.write_text(
        "".join(f"{k}={v}\n" for k, v in workspace.env.items() if k != "DRILL_003_X_API_KEY")
    )
    result = check(workspace, "agencies", "check", env_file=partial)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: agency 'newyork': set DRILL_003_X_API_KEY (in the environment or {partial})."
    )


def test_unknown_agency_exit_2(workspace):
    result = check(workspace, "agencies", "check", "nowhere")
    assert result.exit_code == 2
    assert "no agency 'nowhere'" in result.stderr


def test_sigterm_stops_cleanly(workspace):
    running = start_serve(workspace)
    running.process.send_signal(signal.SIGTERM)
    out, err = running.process.communicate(timeout=10)
    assert running.process.returncode == 0, err
    assert "Sandbox stopped." in out
    assert "Traceback" not in err


def test_serve_json_announces_one_line(workspace):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BROADCASTER_")}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "broadcaster",
            "--json",
            "sandbox",
            "serve",
            "--agencies",
            "agencies.toml",
            "--port",
            str(port),
        ],
        cwd=workspace.folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        announced = json.loads(process.stdout.readline())
        assert announced["url"] == f"http://127.0.0.1:{port}"
        assert [a["handle"] for a in announced["accounts"]] == [
            "@DrillTO001",
            "@DrillMTL002",
            "@DrillNY003",
        ]
    finally:
        process.terminate()
        process.communicate(timeout=10)


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["--latency", "soon"], "Error: --latency 'soon' is not a latency; write it like 200ms"),
        (["--faults", "error=2"], "Error: --faults 'error=2': fault rate error=2.0 is not between"),
        (["--faults", "oops"], "Error: --faults 'oops': 'oops' is not one of"),
        (["--suspend", "@Nobody"], "Error: --suspend @Nobody: no sandbox account has that handle"),
        (["--suspend", "not a handle"], "Error: --suspend 'not a handle' is not a handle"),
        (["--env-file", "missing.env"], "Error: --env-file missing.env: no such file."),
    ],
)
def test_bad_serve_options_exit_2(workspace, monkeypatch, args, sentence):
    monkeypatch.chdir(workspace.folder)
    result = CliRunner().invoke(
        cli, ["sandbox", "serve", "--agencies", "agencies.toml", *args], catch_exceptions=False
    )
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(sentence)


def test_serve_needs_sandbox_agencies(tmp_path, monkeypatch):
    (tmp_path / "agencies.toml").write_text(
        '[agency.tps]\nname = "Toronto Police Service"\nplatform = "x"\n'
        'handle = "@TorontoPolice"\nlanguage = "en"\ntimezone = "America/Toronto"\n'
        'tip_line = "416-222-8477"\ncredentials = "TPS"\n'
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["sandbox", "serve"], catch_exceptions=False)
    assert result.exit_code == 2
    assert 'no agency has platform = "sandbox"' in result.stderr


def test_serve_refuses_a_port_in_use(workspace, monkeypatch):
    monkeypatch.chdir(workspace.folder)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            cli,
            ["sandbox", "serve", "--agencies", "agencies.toml", "--port", str(port)],
            catch_exceptions=False,
        )
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: port {port} on 127.0.0.1 is already in use (another sandbox still running?); "
        "stop it, or choose another with --port N and set "
        "BROADCASTER_SANDBOX_URL=http://127.0.0.1:N for the other commands.\n"
    )


def test_check_waits_for_a_sandbox_that_is_starting(workspace, monkeypatch):
    """The README's drill starts `sandbox serve &` on the line before `agencies check`."""
    import threading

    from broadcaster.platforms import check as checking

    # The check returns as soon as the sandbox listens; a long wait only spares a busy
    # machine's slow process start from failing the test.
    monkeypatch.setattr(checking, "SANDBOX_START_WAIT", 60.0)

    port = int(workspace.env["BROADCASTER_SANDBOX_URL"].rsplit(":", 1)[1])
    late: dict[str, subprocess.Popen[str]] = {}
    timer = threading.Timer(0.5, lambda: late.setdefault("serve", start_serve(workspace).process))
    timer.start()
    try:
        result = check(workspace, "agencies", "check")
    finally:
        timer.join()
        late["serve"].terminate()
        late["serve"].wait(timeout=10)
    assert result.exit_code == 0, result.output
    url = f"http://127.0.0.1:{port}"
    assert result.stderr == f"waiting up to 60 s for the sandbox at {url} to start…\n"


def test_check_without_a_sandbox_says_so_once_with_its_url(workspace, monkeypatch):
    from broadcaster.platforms import check as checking

    monkeypatch.setattr(checking, "SANDBOX_START_WAIT", 0.3)
    result = check(workspace, "agencies", "check")
    url = workspace.env["BROADCASTER_SANDBOX_URL"]
    assert result.exit_code == 4
    assert result.stderr.splitlines() == [
        f"waiting up to 0.3 s for the sandbox at {url} to start…",
        f"Error: nothing is listening at {url} (the sandbox); start it with "
        "`broadcaster sandbox serve`, or, if it runs on another port, set "
        "BROADCASTER_SANDBOX_URL=http://127.0.0.1:PORT.",
    ]


def test_serve_on_another_port_says_to_set_the_url(workspace):
    other = free_port()
    running = start_serve(workspace, "--port", str(other))
    try:
        expected = workspace.env["BROADCASTER_SANDBOX_URL"]
        assert (
            f"The other commands look for {expected}: "
            f"export BROADCASTER_SANDBOX_URL=http://127.0.0.1:{other}"
        ) in running.banner
    finally:
        running.process.terminate()
        running.process.wait(timeout=10)


def test_credentials_of_another_account_are_named(drill, tmp_path):
    swapped = tmp_path / "swapped.env"
    env = dict(drill.env)
    for part in ("X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_SECRET"):
        env[f"DRILL_001_{part}"] = drill.env[f"DRILL_002_{part}"]
    swapped.write_text("".join(f"{k}={v}\n" for k, v in env.items()))
    args = [*drill.cli_args()[:-1], str(swapped), "agencies", "check", "toronto"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 4
    assert (
        "agency 'toronto': the credentials belong to @DrillMTL002, not @DrillTO001" in result.stderr
    )


def test_a_read_only_token_fails_the_check(drill_factory):
    drill = drill_factory(2, read_only=["@DrillMTL002"])
    result = CliRunner().invoke(cli, [*drill.cli_args(), "agencies", "check"])
    assert result.exit_code == 4
    assert "agency 'montreal': the access token is read-only and cannot post" in result.stderr
    assert "toronto" in result.stdout
