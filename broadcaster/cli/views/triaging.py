"""Views of `triage`: the labelled replies as JSON, JSON lines, CSV or bounded tables (the
tables and the CSV with each reply's text, so that an officer can find it in the export)."""

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
SHORT_TEXT = 60  # characters of a reply's text in the table: enough to find it in the export
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


# A cell a spreadsheet would run as a formula (as the tips CSV guards it): strangers' text
# must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """A CSV cell for people: no control or bidi characters, and never a formula."""
    text = for_terminal(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def short_text(text: str) -> str:
    """The start of a reply on one line of a table: line breaks shown as ⏎, tabs and runs
    of spaces as one space, no control or bidi characters; cut at SHORT_TEXT with …."""
    text = for_terminal(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = " ⏎ ".join(" ".join(line.split()) for line in text.split("\n"))
    return text if len(text) <= SHORT_TEXT else text[: SHORT_TEXT - 1].rstrip() + "…"


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
    # `text` last: the columns scripts already read keep their places.
    writer.writerow(["id", "label", "reasons", "score", "flood_key", "text"])
    for reply, verdict in results:
        # Read by people (a spreadsheet, a terminal): the printed form of the file's ids.
        writer.writerow(
            [
                for_terminal(str(reply.id)),
                verdict.label,
                _cell("; ".join(verdict.reasons)),
                verdict.score,
                verdict.flood_key,
                _cell(reply.text),
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
        t.add_column("text", ratio=1)
        t.add_column("reasons", ratio=1)
        return t

    current = table(first=True)
    for reply, verdict in results:
        counts[verdict.label] += 1
        # Text, not markup, and no control characters: replies are written by strangers.
        current.add_row(
            Text(for_terminal(str(reply.id))),
            Text(verdict.label, style=STYLES[verdict.label]),
            Text(short_text(reply.text)),
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
