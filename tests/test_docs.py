"""The docs cover every command: the README names each one, docs/cli.md has its --help."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from broadcaster.cli import cli

ROOT = Path(__file__).parent.parent


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[str]:
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from command_paths(command, (*prefix, name))
        else:
            yield " ".join((*prefix, name))


COMMANDS = list(command_paths(cli))


def test_there_are_commands_to_document() -> None:
    assert {"launch", "agencies check", "sandbox serve", "export-cap"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_documents(command: str) -> None:
    assert f"broadcaster {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_reference_has_the_help_of(command: str) -> None:
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"## broadcaster {command}\n" in reference
    assert f"Usage: broadcaster {command} " in reference


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_an_example(command: str) -> None:
    command_object: click.Command = cli
    for part in command.split():
        assert isinstance(command_object, click.Group)
        command_object = command_object.commands[part]
    assert "Example" in (command_object.help or ""), f"{command} --help has no example"
