"""Views of `triage`: the labelled replies as JSON, JSON lines, CSV or bounded tables."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

from broadcaster.cli.common import console
from broadcaster.safetext import for_terminal, inert_json

if TYPE_CHECKING:
    from broadcaster.responses.triage.classify import Verdict
    from broadcaster.responses.triage.files import IncomingReply

    Results = Iterable[tuple[IncomingReply, Verdict]]

TABLE_CHUNK = 500  # rows per printed table: the output of a huge file stays bounded
STYLES = {
    "tip": "bold green",
    "question": "cyan",
    "support": "blue",
    "spam": "dim",
    "abuse": "red",
}


class _Stdout:
    """A file-like stdout through click.echo (which tests capture)."""

    def write(self, text: str) -> int:
        click.echo(text, nl=False)
        return len(text)


def write_json(results: Results) -> None:
    out = _Stdout()
    out.write("[")
    separator = "\n"
    for reply, verdict in results:
        item = {"id": reply.id, "label": verdict.label, "reasons": list(verdict.reasons)}
        out.write(separator + "  " + inert_json(json.dumps(item, ensure_ascii=False)))
        separator = ",\n"
    out.write("\n]\n" if separator != "\n" else "]\n")


def write_jsonl(results: Results) -> None:
    out = _Stdout()
    for reply, verdict in results:
        item = {
            "id": reply.id,
            "label": verdict.label,
            "reasons": list(verdict.reasons),
            "score": verdict.score,
            "flood_key": verdict.flood_key,
        }
        out.write(inert_json(json.dumps(item, ensure_ascii=False)) + "\n")


def write_csv(results: Results) -> None:
    import csv

    writer = csv.writer(_Stdout(), lineterminator="\n")
    writer.writerow(["id", "label", "reasons", "score", "flood_key"])
    for reply, verdict in results:
        # Read by people (a spreadsheet, a terminal): the printed form of the file's ids.
        writer.writerow(
            [
                for_terminal(str(reply.id)),
                verdict.label,
                for_terminal("; ".join(verdict.reasons)),
                verdict.score,
                verdict.flood_key,
            ]
        )


def write_tables(results: Results) -> None:
    from collections import Counter

    from rich import box
    from rich.table import Table
    from rich.text import Text

    from broadcaster.responses.triage.classify import LABELS

    out = console()
    counts: Counter[str] = Counter()

    def table(first: bool) -> Table:
        t = Table(box=box.SIMPLE_HEAD if first else box.SIMPLE, show_header=first)
        t.add_column("id", no_wrap=True)
        t.add_column("label", no_wrap=True)
        t.add_column("reasons")
        return t

    current = table(first=True)
    for reply, verdict in results:
        counts[verdict.label] += 1
        # Text, not markup, and no control characters: replies are written by strangers.
        current.add_row(
            Text(for_terminal(str(reply.id))),
            Text(verdict.label, style=STYLES[verdict.label]),
            Text(for_terminal("; ".join(verdict.reasons))),
        )
        if current.row_count >= TABLE_CHUNK:
            out.print(current)
            current = table(first=False)
    if current.row_count or not counts:
        out.print(current)
    total = sum(counts.values())
    summary = ", ".join(f"{counts[label]} {label}" for label in LABELS if counts[label])
    out.print(
        f"{total} {'reply' if total == 1 else 'replies'}" + (f": {summary}" if summary else "")
    )


WRITERS = {"json": write_json, "jsonl": write_jsonl, "csv": write_csv, "table": write_tables}
