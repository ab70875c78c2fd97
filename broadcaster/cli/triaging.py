"""`broadcaster triage FILE`: label replies from elsewhere with the same engine as `track`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from broadcaster.cli.common import AppContext, pass_app

if TYPE_CHECKING:
    from broadcaster.cli.views.triaging import Results

# The labels of triage.classify.LABELS, repeated here so that `--help` stays import-free.
LABEL_CHOICES = ("tip", "question", "support", "spam", "abuse")


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
@click.option(
    "--campaign",
    metavar="CAMPAIGN",
    help="Weigh each reply against this campaign's case (a campaign file or its id).",
)
@pass_app
def triage_command(
    app: AppContext,
    file: str,
    output_format: str,
    labels: tuple[str, ...],
    campaign: str | None,
) -> None:
    """Label replies from elsewhere: tip, question, support, spam or abuse, with reasons.

    FILE holds JSON lines {"id", "text"} or a CSV with id and text columns; optional:
    created_at, author (or author_handle), author_id, author_created_at, has_media;
    other columns are ignored. Use - to read standard input. The table and the CSV show
    each reply's text; a file without replies is said on stderr.

    \b
    Example:
        broadcaster triage tipline-sms.csv --label tip
        broadcaster --json triage comments.jsonl > labelled.json
        broadcaster triage tipline-sms.csv --campaign tps-2026-0412
        broadcaster triage comments.jsonl --campaign campaigns/example.toml
    """
    from broadcaster.cli.views.triaging import WRITERS
    from broadcaster.responses.triage.files import triage_file
    from broadcaster.safetext import for_terminal

    settings = app.settings
    if settings.json_output:
        output_format = "json"
    case = None
    if campaign is not None:
        from broadcaster.responses.triage.relevance import profile_from_file

        case = profile_from_file(_campaign_file(app, campaign), settings.agencies_path)
    model = None
    if case is not None:
        from broadcaster.responses.triage.learned import model_of_database

        # The deployment's officers' corrections count here too (a database not yet made
        # has none).
        model = model_of_database(settings.db_url, language=case.language)
    # Reads the file once before it returns: every problem before the first line of output.
    results: Results = triage_file(file, case=case, model=model)
    read = 0

    def counted(results: Results) -> Results:
        nonlocal read
        for item in results:
            read += 1
            yield item

    results = counted(results)
    if labels:
        wanted = set(labels)
        results = ((reply, verdict) for reply, verdict in results if verdict.label in wanted)
    WRITERS[output_format](results)
    if not read:
        # An export cut short or a wrong file: exit 0 (nothing is wrong with no replies),
        # but said apart from the output, which stays what a script expects.
        name = "standard input" if file == "-" else for_terminal(file)
        click.echo(f"No replies in {name}.", err=True)


def _campaign_file(app: AppContext, campaign: str) -> str:
    """CAMPAIGN as every command takes it: a campaign file, or the id of a campaign the
    database knows (the database is opened only for an id)."""
    from pathlib import Path

    path = Path(campaign)
    if path.is_file() or path.suffix == ".toml" or "/" in campaign or "\\" in campaign:
        return campaign  # a file, or what was meant as one: its own sentence if missing
    from broadcaster.campaign.lifecycle import campaign_file

    return str(campaign_file(app.existing_engine, campaign))
