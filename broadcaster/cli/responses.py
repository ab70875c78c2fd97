"""Responses: track, tips, report, purge."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Any

import click

from broadcaster.cli.common import console, emit_json, pass_settings

if TYPE_CHECKING:
    from broadcaster.config import Settings
    from broadcaster.responses.tracking import TrackReport


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    for command in (track, tips, report, purge):
        cli.add_command(command)


def _engine(settings: Settings) -> Any:
    from broadcaster.storage.db import open_db

    return open_db(settings.db_url)


# -- track -----------------------------------------------------------------------------


class _ProgressDisplay:
    """A rich progress bar on stderr, fed by tracking's events; silent when not a terminal."""

    def __init__(self) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
        )

        self.console = console(stderr=True)
        self.enabled = self.console.is_terminal
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[detail]}"),
            console=self.console,
            transient=True,
        )
        self.task: Any = None
        self.fetched = 0
        self.new = 0

    def __enter__(self) -> _ProgressDisplay:
        if self.enabled:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.progress.stop()

    def __call__(self, event: Any) -> None:
        if not self.enabled:
            return
        if event.kind == "start":
            self.task = self.progress.add_task("tracking posts", total=event.total, detail="")
            return
        if self.task is None:
            return
        if event.kind == "page":
            self.fetched += event.fetched
            self.new += event.new
        elif event.kind == "post":
            self.progress.advance(self.task)
        self.progress.update(
            self.task,
            description=f"tracking {event.agency}",
            detail=f"{self.fetched:,} replies read, {self.new:,} new",
        )


def _print_track(result: TrackReport) -> None:
    from rich.table import Table
    from rich.text import Text

    from broadcaster.responses.report import fmt_time
    from broadcaster.responses.tips import LABELS

    out = console()
    table = Table(title=f"Tracked {result.campaign_id}", title_justify="left")
    for column in ("agency", "post", "impressions", "engagements", "replies read", "new", "note"):
        table.add_column(
            column, justify="right" if column[0] in "ie" or column == "new" else "left"
        )
    for post in result.posts:
        metrics = post.metrics
        engaged = (
            metrics.reposts + metrics.quotes + metrics.replies + metrics.likes + metrics.bookmarks
            if metrics
            else None
        )
        if post.error:
            note = Text(post.error, style="red")
        elif post.deferred_until:
            note = Text(f"rate-limited; deferred until {fmt_time(post.deferred_until)}", "yellow")
        else:
            note = Text("ok", style="green")
        table.add_row(
            Text(post.agency),
            Text(f"{post.kind} {post.remote_id}"),
            f"{metrics.impressions:,}" if metrics else "—",
            f"{engaged:,}" if engaged is not None else "—",
            f"{post.fetched:,}",
            f"{post.new_replies:,}",
            note,
        )
    if result.posts:
        out.print(table)
    else:
        out.print(f"Campaign {result.campaign_id} has no posted posts to track yet.")
        return
    labels = ", ".join(f"{label} {result.labels.get(label, 0):,}" for label in LABELS)
    out.print(f"Stored {_count(result.new_replies, 'new reply', 'new replies')} ({labels}).")


def _track_failure(result: TrackReport) -> Exception | None:
    return result.failure()


@click.command()
@click.argument("campaign")
@click.option("--follow", is_flag=True, help="Keep tracking, once every --every, until Ctrl-C.")
@click.option(
    "--every", default="5m", show_default=True, metavar="DURATION", help="Interval for --follow."
)
@pass_settings
def track(settings: Settings, campaign: str, follow: bool, every: str) -> None:
    """Pull metrics and replies for every post of the campaign and store them.

    \b
    Example:
        broadcaster track tps-2026-0412
        broadcaster track campaigns/tps-2026-0412.toml --follow --every 5m
    """
    from datetime import timedelta

    from broadcaster.errors import UsageInvalid
    from broadcaster.responses.tracking import campaign_id_from
    from broadcaster.responses.tracking import track as run_track
    from broadcaster.timeutil import parse_duration

    try:
        interval = parse_duration(every)
    except ValueError as error:
        raise UsageInvalid(f"--every: {error}.") from None
    if interval < timedelta(seconds=1):
        raise UsageInvalid(f"--every {every!r} is too short; use at least 1s (5m is usual).")
    campaign_id = campaign_id_from(campaign)
    engine = _engine(settings)
    try:
        while True:
            with _ProgressDisplay() as progress:
                result = run_track(settings, campaign_id, progress=progress, engine=engine)
            if settings.json_output:
                emit_json(result.to_json())
            else:
                _print_track(result)
            failure = _track_failure(result)
            if not follow:
                if failure is not None:
                    raise failure
                return
            if failure is not None:
                click.echo(f"Error: {failure}", err=True)
            if not settings.json_output:
                console(stderr=True).print(
                    f"[dim]next run in {every}; Ctrl-C stops.[/dim]", highlight=False
                )
            sys.stdout.flush()
            time.sleep(interval.total_seconds())
    finally:
        engine.dispose()


# -- tips ------------------------------------------------------------------------------

TABLE_LIMIT = 50


@click.command()
@click.argument("campaign")
@click.option(
    "--label", metavar="LABEL", help="Only this label: tip, question, support, spam, abuse."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    metavar="N",
    help=f"At most this many (0: all) [default: {TABLE_LIMIT} for the table, all otherwise].",
)
@click.option("--followed-up", "followed_up", metavar="REPLY_ID", help="Mark this reply handled.")
@click.option("--by", metavar="NAME", help="Who followed it up (with --followed-up).")
@pass_settings
def tips(
    settings: Settings,
    campaign: str,
    label: str | None,
    fmt: str,
    limit: int | None,
    followed_up: str | None,
    by: str | None,
) -> None:
    """The triaged responses, tips first and newest first, each with its link and reasons.

    \b
    Example:
        broadcaster tips tps-2026-0412 --label tip
        broadcaster tips tps-2026-0412 --format csv > responses.csv
        broadcaster tips tps-2026-0412 --followed-up 1862001234567890 --by "Sgt. Roy"
    """
    from broadcaster.errors import UsageInvalid
    from broadcaster.responses.tips import check_label
    from broadcaster.responses.tracking import campaign_id_from

    if by is not None and followed_up is None:
        raise UsageInvalid("--by goes with --followed-up REPLY_ID.")
    if followed_up is not None and not by:
        raise UsageInvalid("--followed-up needs --by NAME: who followed the tip up.")
    check_label(label)
    campaign_id = campaign_id_from(campaign)
    engine = _engine(settings)
    try:
        if followed_up is not None:
            _follow_up(settings, engine, campaign_id, followed_up, by or "")
            return
        if settings.json_output:
            fmt = "json"
        _list_tips(settings, engine, campaign_id, label, fmt, limit)
    finally:
        engine.dispose()


def _follow_up(settings: Settings, engine: Any, campaign_id: str, reply_id: str, by: str) -> None:
    from broadcaster.responses.report import fmt_time
    from broadcaster.responses.tips import mark_followed_up

    done = mark_followed_up(engine, campaign_id, reply_id, by)
    if settings.json_output:
        emit_json(
            {
                "campaign": campaign_id,
                "id": done.id,
                "label": done.label,
                "followed_up_by": done.by,
                "followed_up_at": done.at,
                "already": done.already,
            }
        )
    elif done.already:
        click.echo(
            f"Reply {done.id} was already marked followed-up by {done.by} at {fmt_time(done.at)}."
        )
    else:
        click.echo(f"Marked reply {done.id} ({done.label}) followed-up by {done.by}.")


def _list_tips(
    settings: Settings,
    engine: Any,
    campaign_id: str,
    label: str | None,
    fmt: str,
    limit: int | None,
) -> None:
    import json

    from broadcaster.responses.tips import count_responses, responses, write_csv

    if limit == 0:
        limit = None
    elif limit is None and fmt == "table":
        limit = TABLE_LIMIT
    rows = responses(engine, campaign_id, label=label, limit=limit, settings=settings)
    if fmt == "csv":
        write_csv(rows, sys.stdout)
        return
    if fmt == "json":
        # Streamed as one JSON array so a million rows never sit in memory at once.
        out = sys.stdout
        out.write("[")
        for index, row in enumerate(rows):
            out.write(
                ("," if index else "") + "\n  " + json.dumps(row.to_json(), ensure_ascii=False)
            )
        out.write("\n]\n")
        return
    _tips_table(campaign_id, list(rows), count_responses(engine, campaign_id, label), label)


def _tips_table(campaign_id: str, rows: list[Any], total: int, label: str | None) -> None:
    """One block per reply (label, time, who, id; the text; why; the link): it reads the
    same in a narrow terminal as in a wide one, and long links stay whole."""
    from rich.text import Text

    from broadcaster.responses.report import fmt_time
    from broadcaster.responses.tips import PURGED_TEXT

    out = console()
    what = f"{label} replies" if label else "responses"
    if not rows:
        out.print(f"No {what} stored for {campaign_id} yet; run `broadcaster track` first.")
        return
    out.print(Text(f"{campaign_id}: {what}, tips first, newest first", style="bold"))
    style = {"tip": "bold green", "question": "bold cyan", "abuse": "bold red", "spam": "dim"}
    for row in rows:
        head = Text("\n")
        head.append(f"{row.label.upper():<8}", style=style.get(row.label, "bold"))
        head.append(f" {fmt_time(row.created_at)}  ")
        head.append(row.author or "(replier removed)")
        head.append(f" via {row.agency or '?'}  id {row.id}", style="dim")
        if row.followed_up_by:
            head.append(f"  followed up by {row.followed_up_by}", style="green")
        out.print(head)
        body = PURGED_TEXT if row.purged else (row.text or "")
        out.print(Text(body), style="italic" if row.purged else "")
        if row.reasons:
            out.print(Text("why: " + "; ".join(row.reasons), style="dim"))
        out.print(Text(row.url, style=f"link {row.url}"), soft_wrap=True)
    if total > len(rows):
        out.print(
            f"\nShowing {len(rows):,} of {total:,}; --limit 0 shows all, --label narrows, "
            "--format csv exports them."
        )


# -- report ----------------------------------------------------------------------------


@click.command()
@click.argument("campaign")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "html", "csv", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to this file, not stdout."
)
@pass_settings
def report(settings: Settings, campaign: str, fmt: str, output: str | None) -> None:
    """The reach report: posts, launch spread, audience, engagement, responses, tips.

    \b
    Example:
        broadcaster report tps-2026-0412
        broadcaster report tps-2026-0412 --format html -o tps-2026-0412.html
    """
    from pathlib import Path

    from broadcaster.errors import UsageInvalid
    from broadcaster.responses.report import build_report, render, render_text
    from broadcaster.responses.tracking import campaign_id_from

    if settings.json_output and fmt == "text":
        fmt = "json"
    campaign_id = campaign_id_from(campaign)
    engine = _engine(settings)
    try:
        data = build_report(engine, campaign_id, settings=settings)
    finally:
        engine.dispose()
    if output is None:
        if fmt == "text":
            render_text(data, console())
        else:
            click.echo(render(data, fmt), nl=fmt not in ("csv", "md", "json"))
        return
    target = Path(output)
    try:
        target.write_text(render(data, fmt), encoding="utf-8")
    except OSError as error:
        raise UsageInvalid(f"-o {output}: cannot write the report ({error.strerror}).") from None
    if settings.json_output and fmt != "json":
        emit_json({"campaign": campaign_id, "format": fmt, "output": str(target)})
    else:
        click.echo(f"Wrote the {fmt} report for {campaign_id} to {target}.", err=fmt == "json")


# -- purge -----------------------------------------------------------------------------


@click.command()
@click.option("--older-than", required=True, metavar="DURATION", help="Retention period, like 90d.")
@click.option("--dry-run", is_flag=True, help="Count what would be removed; change nothing.")
@pass_settings
def purge(settings: Settings, older_than: str, dry_run: bool) -> None:
    """Delete stored replier data past the retention period; labels and counts stay.

    \b
    Example:
        broadcaster purge --older-than 90d --dry-run
        broadcaster purge --older-than 90d
    """
    from broadcaster.responses.report import fmt_time
    from broadcaster.responses.retention import purge as run_purge
    from broadcaster.responses.retention import retention_period
    from broadcaster.storage.audit import operator_name

    retention_period(older_than)  # a bad duration is exit 2 before the database opens
    engine = _engine(settings)
    try:
        done = run_purge(engine, older_than, operator=operator_name(settings), dry_run=dry_run)
    finally:
        engine.dispose()
    if settings.json_output:
        emit_json(done.to_json())
        return
    verb = "Would remove" if dry_run else "Removed"
    where = f" in {_count(len(done.campaigns), 'campaign')}" if done.replies else ""
    click.echo(
        f"{verb} replier data (handle, id, text) from {_count(done.replies, 'reply', 'replies')} "
        f"received before {fmt_time(done.cutoff)} (older than {older_than}){where}; "
        "labels and counts stay."
    )
    if done.unhandled_tips:
        click.echo(
            f"Among them {_count(done.unhandled_tips, 'tip')} never marked followed-up"
            + ("; check them before purging." if dry_run else ".")
        )


def _count(number: int, word: str, words: str | None = None) -> str:
    return f"{number:,} {word if number == 1 else (words or word + 's')}"
