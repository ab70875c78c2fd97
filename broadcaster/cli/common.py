"""What every command module shares: the settings decorator and output helpers."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from broadcaster.config import Settings

if TYPE_CHECKING:
    from rich.console import Console

pass_settings = click.make_pass_decorator(Settings)


def emit_json(data: Any) -> None:
    """Machine-readable output on stdout (dates as ISO 8601)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_default))


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def console(stderr: bool = False) -> Console:
    """A rich console, created on demand so `--help` never imports rich."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)
