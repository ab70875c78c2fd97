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
    """Each flood on two lines: size, window and masked template; then a sample."""
    from rich.text import Text

    out = console()
    if not found:
        out.print(Text(f"No flood in campaign {campaign_id}."))
        return
    for flood in found:
        window = ""
        if flood.first_at and flood.last_at:
            minutes = max(1, round((flood.last_at - flood.first_at).total_seconds() / 60))
            window = f", {flood.first_at:%Y-%m-%d %H:%M} +{minutes} min"
        # Text, not markup: templates and samples are strangers' words.
        head = Text(f"{flood.size:,} replies{window}: ", style="bold") + Text(flood.template)
        note = flood.note()
        if note:  # officers' ids are ours, not strangers' text
            head += Text(f"  ({note})", style="yellow")
        out.print(head)
        out.print(Text("  e.g. ") + Text(flood.sample[:200]), soft_wrap=True)
    out.print(Text(f"{len(found)} flood{'' if len(found) == 1 else 's'} in {campaign_id}"))
