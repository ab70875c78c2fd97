"""Views of the officer registry: officers list, officers add."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from broadcaster.cli.common import console
from broadcaster.safetext import for_terminal

if TYPE_CHECKING:
    from broadcaster.authoring.officers import Added, Officer, Officers


def officer_json(officer: Officer) -> dict[str, Any]:
    return {
        "id": officer.id,
        "name": officer.name,
        "agency": officer.agency,
        "roles": list(officer.roles),
        "fingerprint": officer.fingerprint,
        "retired_keys": [
            {"fingerprint": r.fingerprint, "retired": r.retired.isoformat()}
            for r in officer.retired_keys
        ],
    }


def officers_json(registry: Officers) -> list[dict[str, Any]]:
    return [officer_json(o) for o in registry]


def print_officers(registry: Officers) -> None:
    """The key's fingerprint is what an officer compares, character by character, with
    their own: it is never cut or folded. It sits under the roles, so that 80 columns hold
    the table; the name wraps at its spaces instead."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=str(registry.path),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column("id", no_wrap=True)
    table.add_column("name", min_width=8)
    table.add_column("agency", no_wrap=True)
    table.add_column("roles\nkey", no_wrap=True)
    for officer in registry:
        table.add_row(
            Text(for_terminal(officer.id)),
            Text(for_terminal(officer.name)),
            Text(for_terminal(officer.agency)),
            Text(for_terminal(", ".join(officer.roles))).append(f"\n{officer.fingerprint}"),
        )
    console().print(table)


def added_json(added: Added) -> dict[str, Any]:
    return {
        **officer_json(added.officer),
        "file": str(added.path),
        "private_key": str(added.private_key) if added.private_key else None,
    }


def print_added(added: Added) -> None:
    officer = added.officer
    click.echo(
        f"Added officer {officer.id} ({officer.name}, {officer.agency}; "
        f"{', '.join(officer.roles)}) to {added.path}, key {officer.fingerprint}."
    )
    if added.private_key is not None:
        click.echo(
            f"Their new private key is {added.private_key} (mode 0600): hand it to them "
            "alone, and delete this copy once they have it."
        )
