"""View of `tips CAMPAIGN --floods`: one row per flood (replies are strangers' text)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from broadcaster.cli.common import console

if TYPE_CHECKING:
    from broadcaster.responses.triage.clusters import Flood


def floods_json(campaign_id: str, found: Sequence[Flood]) -> dict[str, object]:
    return {"campaign": campaign_id, "floods": [f.to_json() for f in found]}


def print_floods(campaign_id: str, found: Sequence[Flood]) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    out = console()
    if not found:
        out.print(Text(f"No flood in campaign {campaign_id}."))
        return
    table = Table(box=box.SIMPLE_HEAD)
    for column in ("size", "window", "template", "sample"):
        table.add_column(column, no_wrap=column in ("size", "window"))
    for flood in found:
        window = "-"
        if flood.first_at and flood.last_at:
            minutes = max(1, round((flood.last_at - flood.first_at).total_seconds() / 60))
            window = f"{flood.first_at:%Y-%m-%d %H:%M} +{minutes} min"
        table.add_row(
            Text(f"{flood.size:,}"), Text(window), Text(flood.template), Text(flood.sample[:120])
        )
    out.print(table)
    out.print(Text(f"{len(found)} flood{'' if len(found) == 1 else 's'} in {campaign_id}"))
