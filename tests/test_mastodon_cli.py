"""`broadcaster sandbox mastodon` as a user starts it, and how it refuses bad input."""

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
from broadcaster.errors import AccountSuspended
from broadcaster.platforms.mastodon import MastodonPlatform

AGENCIES = """\
[agency.tps]
name = "Toronto Police Service"
language = "en"
timezone = "America/Toronto"
tip_line = "416-222-8477"

[[agency.tps.accounts]]
platform = "x"
handle = "@TorontoPolice"
credentials = "TPS"

[[agency.tps.accounts]]
platform = "mastodon"
handle = "@tps@police.example"
instance = "https://police.example"
credentials = "TPS"

[agency.spvm]
name = "Service de police de la Ville de Montréal"
platform = "mastodon"
handle = "@spvm@police.example"
language = "fr"
timezone = "America/Toronto"
tip_line = "514-393-1133"
credentials = "SPVM"
"""
ENV = "TPS_MASTODON_ACCESS_TOKEN=tps-token\nSPVM_MASTODON_ACCESS_TOKEN=spvm-token\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    (tmp_path / ".env").write_text(ENV, encoding="utf-8")
    for name in list(os.environ):
        if name.startswith("BROADCASTER_") or name.endswith("_MASTODON_ACCESS_TOKEN"):
            monkeypatch.delenv(name)
    return tmp_path


def run(folder: Path, *args: str) -> tuple[int, str]:
    options = ["--agencies", str(folder / "agencies.toml"), "--env-file", str(folder / ".env")]
    result = CliRunner().invoke(cli, ["sandbox", "mastodon", *options, *args])
    return result.exit_code, result.output


class Served:
    def __init__(self, process: subprocess.Popen[str], lines: list[str]) -> None:
        self.process = process
        self.lines = lines
        self.url = lines[0].removeprefix("listening on ").strip()


@pytest.fixture
def served(folder: Path) -> Iterator[Served]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BROADCASTER_")}
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "broadcaster", "sandbox", "mastodon"),
            *("--agencies", "agencies.toml", "--env-file", ".env", "--port", "0"),
            *("--suspend", "@spvm@police.example"),
        ],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if line.startswith("Press Ctrl-C"):
            break
    try:
        assert lines and lines[0].startswith("listening on http://127.0.0.1:"), (
            lines,
            process.stderr.read() if process.poll() is not None and process.stderr else "",
        )
        yield Served(process, lines)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _platform(url: str, key: str, token: str) -> MastodonPlatform:
    return MastodonPlatform(
        agency_key=key,
        handle=f"@{key}@police.example",
        base_url=url,
        access_token=token,
        credentials_prefix=key.upper(),
    )


def test_it_serves_the_agencies_accounts_and_stops_on_sigterm(served: Served) -> None:
    assert any("imitation" in line for line in served.lines)
    assert any("@spvm@police.example" in line and "suspended" in line for line in served.lines)
    tps = _platform(served.url, "tps", "tps-token")
    assert tps.verify().handle == "@tps@police.example"
    assert tps.post("drill post", idempotency_key="k").remote_id
    with pytest.raises(AccountSuspended):
        _platform(served.url, "spvm", "spvm-token").verify()

    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(timeout=15) == 0
    assert served.process.stdout is not None
    assert "Mastodon drill server stopped." in served.process.stdout.read()


def test_json_banner_is_one_line(folder: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BROADCASTER_")}
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "broadcaster", "--json", "sandbox", "mastodon"),
            *("--agencies", "agencies.toml", "--env-file", ".env", "--port", "0"),
        ],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = json.loads(process.stdout.readline())
        assert banner["url"].startswith("http://127.0.0.1:")
        assert banner["imitation"] == "broadcaster"
        assert [a["handle"] for a in banner["accounts"]] == [
            "@tps@police.example",
            "@spvm@police.example",
        ]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=15)


def test_a_host_off_this_machine_is_refused(folder: Path) -> None:
    code, output = run(folder, "--host", "0.0.0.0")
    assert code == 2
    assert "--host 0.0.0.0: the drill server only listens on this machine" in output
    assert "Traceback" not in output


def test_a_drill_url_off_this_machine_is_refused(folder: Path) -> None:
    with (folder / ".env").open("a", encoding="utf-8") as env:
        env.write("BROADCASTER_MASTODON_URL=http://192.0.2.7:8687\n")
    code, output = run(folder)
    assert code == 2
    assert "BROADCASTER_MASTODON_URL is 'http://192.0.2.7:8687'" in output


def test_a_bad_handle_names_the_file_line_and_agency(folder: Path) -> None:
    agencies = folder / "agencies.toml"
    agencies.write_text(AGENCIES.replace('"@spvm@police.example"', '"@SPVM"'), encoding="utf-8")
    code, output = run(folder)
    assert code == 2
    assert f"{agencies}:" in output and "agency 'spvm'" in output
    assert "'@SPVM' is not like @tps@police.example" in output
    assert "Traceback" not in output


def test_a_missing_token_names_the_variable(folder: Path) -> None:
    (folder / ".env").write_text("TPS_MASTODON_ACCESS_TOKEN=tps-token\n", encoding="utf-8")
    code, output = run(folder)
    assert code == 2
    assert "agency 'spvm' (@spvm@police.example): SPVM_MASTODON_ACCESS_TOKEN is not set." in output


def test_broken_toml_is_one_sentence(folder: Path) -> None:
    (folder / "agencies.toml").write_text('[agency.tps]\nname = "x\n', encoding="utf-8")
    code, output = run(folder)
    assert code == 2
    assert "not valid TOML" in output and "Traceback" not in output


def test_an_unknown_account_to_suspend_is_refused(folder: Path) -> None:
    code, output = run(folder, "--suspend", "@nobody@police.example")
    assert code == 2
    assert "--suspend @nobody@police.example: no mastodon account has that handle" in output


def test_a_port_in_use_is_one_sentence(folder: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code, output = run(folder, "--port", str(port))
    assert code == 2
    assert f"port {port} on 127.0.0.1 is already in use" in output


def test_the_account_shows_the_agency_name(served: Served) -> None:
    me = _platform(served.url, "tps", "tps-token").verify()
    assert me.name == "Toronto Police Service"


def test_suspend_by_a_handle_of_another_instance_is_refused(folder: Path) -> None:
    code, output = run(folder, "--suspend", "@spvm@elsewhere.example")
    assert code == 2
    assert "no mastodon account has that handle" in output


def test_a_latency_that_is_not_one_is_one_sentence(folder: Path) -> None:
    code, output = run(folder, "--latency", "soon")
    assert code == 2
    assert "--latency 'soon' is not a latency; write it like 200ms or 150ms-250ms." in output
    assert "Traceback" not in output
