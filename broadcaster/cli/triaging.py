"""`broadcaster triage FILE`: label replies from elsewhere with the same engine as `track`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

from broadcaster.cli.common import console, pass_settings
from broadcaster.config import Settings

if TYPE_CHECKING:
    from broadcaster.responses.triage.classify import Verdict
    from broadcaster.responses.triage.files import IncomingReply

    Results = Iterable[tuple[IncomingReply, Verdict]]

# The labels of triage.classify.LABELS, repeated here so that `--help` stays import-free.
LABEL_CHOICES = ("tip", "question", "support", "spam", "abuse")
TABLE_CHUNK = 500  # rows per printed table: the output of a huge file stays bounded


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    cli.add_command(triage_command)


@click.command("triage")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="Output; --json on the group means json.",
)
@click.option(
    "--label",
    "labels",
    multiple=True,
    type=click.Choice(LABEL_CHOICES),
    help="Show only replies with this label (repeatable).",
)
@pass_settings
def triage_command(
    settings: Settings, file: str, output_format: str, labels: tuple[str, ...]
) -> None:
    """Label replies from elsewhere: tip, question, support, spam or abuse, with reasons.

    FILE holds JSON lines {"id", "text"} or a CSV with id and text columns (other
    columns are ignored; optional: has_media, author_id, author_created_at,
    created_at). Use - to read standard input.

    \b
    Example:
        broadcaster triage tipline-sms.csv --label tip
        broadcaster --json triage comments.jsonl > labelled.json
    """
    from broadcaster.responses.triage.files import STDIN, check_replies, triage_file

    if settings.json_output:
        output_format = "json"
    if file != STDIN:
        check_replies(file)  # every problem before the first line of output
    results: Results = triage_file(file)
    if labels:
        wanted = set(labels)
        results = ((reply, verdict) for reply, verdict in results if verdict.label in wanted)
    writer = {"json": _write_json, "jsonl": _write_jsonl, "csv": _write_csv}.get(output_format)
    if writer is not None:
        writer(results)
    else:
        _write_tables(results)


class _Stdout:
    """A file-like stdout through click.echo (which tests capture)."""

    def write(self, text: str) -> int:
        click.echo(text, nl=False)
        return len(text)


def _write_json(results: Results) -> None:
    import json

    out = _Stdout()
    out.write("[")
    separator = "\n"
    for reply, verdict in results:
        item = {"id": reply.id, "label": verdict.label, "reasons": list(verdict.reasons)}
        out.write(separator + "  " + json.dumps(item, ensure_ascii=False))
        separator = ",\n"
    out.write("\n]\n" if separator != "\n" else "]\n")


def _write_jsonl(results: Results) -> None:
    import json

    out = _Stdout()
    for reply, verdict in results:
        item = {
            "id": reply.id,
            "label": verdict.label,
            "reasons": list(verdict.reasons),
            "score": verdict.score,
            "flood_key": verdict.flood_key,
        }
        out.write(json.dumps(item, ensure_ascii=False) + "\n")


def _write_csv(results: Results) -> None:
    import csv

    writer = csv.writer(_Stdout(), lineterminator="\n")
    writer.writerow(["id", "label", "reasons", "score", "flood_key"])
    for reply, verdict in results:
        writer.writerow(
            [reply.id, verdict.label, "; ".join(verdict.reasons), verdict.score, verdict.flood_key]
        )


_STYLES = {
    "tip": "bold green",
    "question": "cyan",
    "support": "blue",
    "spam": "dim",
    "abuse": "red",
}


def _write_tables(results: Results) -> None:
    from collections import Counter

    from rich import box
    from rich.table import Table
    from rich.text import Text

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
        # Text, not markup: replies are written by strangers.
        current.add_row(
            Text(str(reply.id)),
            Text(verdict.label, style=_STYLES[verdict.label]),
            Text("; ".join(verdict.reasons)),
        )
        if current.row_count >= TABLE_CHUNK:
            out.print(current)
            current = table(first=False)
    if current.row_count or not counts:
        out.print(current)
    total = sum(counts.values())
    summary = ", ".join(f"{counts[label]} {label}" for label in LABEL_CHOICES if counts[label])
    out.print(
        f"{total} {'reply' if total == 1 else 'replies'}" + (f": {summary}" if summary else "")
    )
