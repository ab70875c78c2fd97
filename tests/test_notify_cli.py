"""`notify test` and the notify URLs of agencies.toml on the command line: each destination's
result, exit 4 when one fails, exit 2 with one sentence for a URL that cannot be used, and
a literal secret in agencies.toml refused without being repeated."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner
from test_notify import SECRET, with_desk
from test_notify_receiver import Receiver, receiver_fixture  # noqa: F401

from broadcaster.cli import cli


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def desks(
    drill_factory: Callable[..., Any], receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> Any:
    drill = drill_factory(2, seed=5)
    monkeypatch.setenv("BROADCASTER_NOTIFY", receiver.url("centre"))
    monkeypatch.setenv("DESK_TOKEN", SECRET)
    with_desk(drill, drill.keys[1], receiver.url("desk").replace("//", "//d:${DESK_TOKEN}@"))
    return drill


def test_notify_test_reaches_every_destination(desks: Any, receiver: Receiver) -> None:
    result = run(*desks.cli_args(), "notify", "test")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"centre (json://127.0.0.1:{receiver.port}/…): sent",
        f"agency {desks.keys[1]} (json://127.0.0.1:{receiver.port}/…): sent",
    ]
    assert [r.body["title"] for r in receiver.received] == ["broadcaster: test notification"] * 2
    assert SECRET not in result.output


def test_notify_test_is_exit_4_naming_the_destination_that_failed(
    desks: Any, receiver: Receiver
) -> None:
    receiver.failing.add("desk")
    result = run(*desks.cli_args(), "--json", "notify", "test")
    assert result.exit_code == 4
    data = json.loads(result.stdout)
    assert [d["ok"] for d in data["destinations"]] == [True, False]
    assert result.stderr.startswith(
        f"Error: 1 of 2 notification destinations failed: agency {desks.keys[1]} "
        f"(json://127.0.0.1:{receiver.port}/…): "
    )
    assert SECRET not in result.output + result.stderr


def test_a_variable_that_is_not_set_is_exit_2_naming_it(
    desks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DESK_TOKEN")
    result = run(*desks.cli_args(), "notify", "test")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {desks.agencies_path}: agency {desks.keys[1]!r} notify: a notification URL "
        "uses ${DESK_TOKEN}, which is not set; set DESK_TOKEN in the environment or .env.\n"
    )


def test_no_destination_is_exit_2_saying_where_to_set_one(
    drill_factory: Callable[..., Any],
) -> None:
    drill = drill_factory(1, seed=5)
    result = run(*drill.cli_args(), "notify", "test")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no notification destinations: set BROADCASTER_NOTIFY")


@pytest.mark.parametrize(
    ("url", "what"),
    [
        ("mailto://desk:hunter2@tps.example.org", "holds a password"),
        ("json://hooks.example.org/notify?token=abc123", "holds a secret in its 'token' parameter"),
        ("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ", "holds what looks like a token"),
    ],
)
def test_a_literal_secret_in_agencies_toml_is_refused_without_repeating_it(
    drill_factory: Callable[..., Any], url: str, what: str
) -> None:
    drill = drill_factory(1, seed=5)
    with_desk(drill, drill.keys[0], url)
    result = run(*drill.cli_args(), "agencies", "list")
    assert result.exit_code == 2
    scheme = url.split("://")[0]
    assert f"agency {drill.keys[0]!r} field 'notify': the {scheme}:// URL {what}; " in (
        result.stderr
    )
    assert "write ${NAME} in its place (agencies.toml travels between agencies)." in result.stderr
    secret = url.split("://")[1]
    for part in ("hunter2", "abc123", "TIiajkdnlazkcOXrIdevi7FQ"):
        if part in secret:
            assert part not in result.stderr


def test_a_secret_written_as_a_variable_is_accepted(drill_factory: Callable[..., Any]) -> None:
    drill = drill_factory(1, seed=5)
    with_desk(drill, drill.keys[0], "mailto://desk:${TPS_MAIL_PASSWORD}@tps.example.org")
    assert run(*drill.cli_args(), "agencies", "list").exit_code == 0
