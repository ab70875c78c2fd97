"""Views of the officer registry: officers list, officers add."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from broadcaster.cli.common import console

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
    from rich.table import Table

    table = Table(title=str(registry.path))
    for column in ("id", "name", "agency", "roles", "key"):
        table.add_column(column)
    for officer in registry:
        table.add_row(
            officer.id, officer.name, officer.agency, ", ".join(officer.roles), officer.fingerprint
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
