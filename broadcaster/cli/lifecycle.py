"""The case lifecycle and the scheduler: resolve, cancel, run, tick, export-cap."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from broadcaster.cli.common import console, emit_json, pass_settings

if TYPE_CHECKING:
    from datetime import datetime, timedelta

    from broadcaster.campaign.lifecycle import LifecycleReport
    from broadcaster.config import Settings
    from broadcaster.jobs.queue import TickReport
    from broadcaster.jobs.worker import Worker

OUTCOMES = ("arrested", "found", "withdrawn")


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    for command in (resolve, cancel, run, tick, export_cap):
        cli.add_command(command)


# -- resolve and cancel -------------------------------------------------------------------


def _print_report(settings: Settings, report: LifecycleReport) -> None:
    from broadcaster.errors import FollowUpIncomplete

    problem = None
    if not report.complete:
        failed = [f"{o.agency}: {o.error or o.state}" for o in report.failed_posts]
        failed += [f"{t.agency} {t.kind} {t.remote_id}: {t.error}" for t in report.failed_deletes]
        shown = "; ".join(failed[:3]) + (f"; and {len(failed) - 3} more" if len(failed) > 3 else "")
        problem = FollowUpIncomplete(
            f"{len(failed)} of the {report.action}'s posts or deletions did not go through "
            f"({shown}); run the same command again to retry only those."
        )
    if settings.json_output:
        data = report.as_dict()
        if problem is not None:
            data.update(error=problem.message, exit_code=int(problem.exit_status))
        emit_json(data)
        if problem is not None:
            click.echo(f"Error: {problem.message}", err=True)
            raise click.exceptions.Exit(int(problem.exit_status))
        return
    from rich.table import Table

    out = console()
    send = report.send
    if send is not None and send.outcomes:
        table = Table(title=f"{report.action.capitalize()} of {report.campaign_id}")
        for column in ("agency", "kind", "state", "link or error"):
            table.add_column(column)
        for o in send.outcomes:
            good = o.state in ("posted", "deleted")
            colour = "green" if good else "red"
            detail = (o.url if good else o.error) or ""
            table.add_row(o.agency, o.kind, f"[{colour}]{o.state}[/{colour}]", detail)
        out.print(table)
    for t in report.taken_down:
        mark = "[green]taken down[/green]" if t.state == "deleted" else f"[red]{t.error}[/red]"
        out.print(f"{t.agency} {t.kind} {t.remote_id}: {mark}")
    if report.kept_originals:
        out.print("The original posts were kept (--keep-originals).")
    if report.not_posted:
        out.print(f"No post from {', '.join(report.not_posted)}: they never posted the alert.")
    click.echo(report.summary() + ".")
    if problem is not None:
        raise problem


@click.command()
@click.argument("campaign")
@click.option(
    "--outcome",
    type=click.Choice(OUTCOMES),
    required=True,
    help="How the case ended; picks the update template.",
)
@click.option("--keep-originals", is_flag=True, help="Leave the original posts with the photo up.")
@pass_settings
def resolve(settings: Settings, campaign: str, outcome: str, keep_originals: bool) -> None:
    """Post the update from every agency that posted, take the photo posts down, stop reposts.

    CAMPAIGN is the campaign file (or its id). Run it again after a failure: it sends and
    deletes only what is missing.

    \b
    Example:
        broadcaster resolve campaigns/tps-2026-0412.toml --outcome arrested
    """
    from broadcaster.campaign.lifecycle import resolve as run_resolve
    from broadcaster.storage.audit import operator_name

    report = run_resolve(
        settings,
        campaign,
        outcome,
        operator=operator_name(settings),
        keep_originals=keep_originals,
    )
    _print_report(settings, report)


@click.command()
@click.argument("campaign")
@click.option("--reason", required=True, metavar="TEXT", help="Why the alert was wrong.")
@pass_settings
def cancel(settings: Settings, campaign: str, reason: str) -> None:
    """Correct an alert sent in error: take its photo posts down and post the correction.

    No approval is needed; the cancel and its reason go into the audit log. A launch still
    counting down is stopped before it sends.

    \b
    Example:
        broadcaster cancel campaigns/tps-2026-0412.toml --reason "wrong photo attached"
    """
    from broadcaster.campaign.lifecycle import cancel as run_cancel
    from broadcaster.storage.audit import operator_name

    report = run_cancel(settings, campaign, reason, operator=operator_name(settings))
    _print_report(settings, report)


# -- the scheduler ------------------------------------------------------------------------


def _duration(option: str, text: str) -> timedelta:
    from broadcaster.errors import UsageInvalid
    from broadcaster.timeutil import parse_duration

    try:
        value = parse_duration(text)
    except ValueError as error:
        raise UsageInvalid(f"{option}: {error}.") from None
    if value.total_seconds() <= 0:
        raise UsageInvalid(f"{option} must be more than zero.")
    return value


def _frozen_clock(now_text: str | None) -> Any:
    from broadcaster.errors import UsageInvalid
    from broadcaster.timeutil import parse_instant, utcnow

    if not now_text:
        return utcnow
    try:
        frozen: datetime = parse_instant(now_text)
    except ValueError as error:
        raise UsageInvalid(f"--now: {error}.") from None
    return lambda: frozen


def _worker(settings: Settings, lease: str, track_every: str, now_text: str | None) -> Worker:
    import os

    from broadcaster.jobs.worker import Worker

    return Worker(
        settings,
        clock=_frozen_clock(now_text),
        lease=_duration("--lease", lease),
        track_every=_duration("--track-every", track_every),
        raise_bugs=bool(os.environ.get("BROADCASTER_RAISE_BUGS")) or settings.verbose > 0,
    )


def _print_tick(settings: Settings, report: TickReport, *, lines: bool) -> None:
    import json

    if settings.json_output:
        if lines:  # `run`: one JSON line per pass that did something
            if report.results:
                click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        else:
            emit_json(report.as_dict())
        return
    out = console()
    for r in report.results:
        c = r.claim
        who = f" {c.agency}" if c.agency else ""
        when = f" {c.occurrence}" if c.occurrence and c.occurrence != "launch" else ""
        colour = {"done": "green", "retry": "yellow", "failed": "red"}.get(r.outcome, "dim")
        detail = f": {r.detail}" if r.detail else ""
        out.print(
            f"[{colour}]{r.outcome:<9}[/{colour}] {c.kind} {c.campaign_id}{who}{when}{detail}",
            highlight=False,
        )
    if not lines or report.results:
        counts = {o: report.count(o) for o in ("done", "retry", "failed", "skipped", "cancelled")}
        shown = ", ".join(f"{n} {o}" for o, n in counts.items() if n) or "nothing was due"
        out.print(f"[dim]{len(report.results)} jobs: {shown}.[/dim]")


_scheduler_options = [
    click.option(
        "--lease",
        default="2m",
        show_default=True,
        metavar="DURATION",
        help="How long a claim holds if this worker dies.",
    ),
    click.option(
        "--track-every",
        default="15m",
        show_default=True,
        metavar="DURATION",
        help="How often each live campaign is tracked.",
    ),
    click.option("--now", "now_text", hidden=True, help="Pretend it is TIME (drills, tests)."),
]


def _with_scheduler_options(command: Any) -> Any:
    for option in reversed(_scheduler_options):
        command = option(command)
    return command


@click.command()
@_with_scheduler_options
@click.option("--max-jobs", type=click.IntRange(min=1), help="Stop after this many jobs.")
@pass_settings
def tick(
    settings: Settings, lease: str, track_every: str, now_text: str | None, max_jobs: int | None
) -> None:
    """Do what is due once and exit: launches, reposts, tracking polls, expiries (for cron).

    \b
    Example (crontab, every 5 minutes):
        */5 * * * * cd /srv/appeals && broadcaster tick
    """
    from broadcaster.errors import ScheduledWorkFailed

    worker = _worker(settings, lease, track_every, now_text)
    try:
        report = worker.tick(max_jobs=max_jobs)
    finally:
        worker.close()
    failed = [r for r in report.results if r.outcome == "failed"]
    problem = None
    if failed:
        first = failed[0]
        detail = (first.detail or "no detail").rstrip(".")
        problem = ScheduledWorkFailed(
            f"{len(failed)} scheduled job(s) failed, first {first.claim.kind} of "
            f"{first.claim.campaign_id}: {detail}; see broadcaster status "
            f"{first.claim.campaign_id}."
        )
    if settings.json_output:
        data = report.as_dict()
        if problem is not None:
            data.update(error=problem.message, exit_code=int(problem.exit_status))
        emit_json(data)
        if problem is not None:
            click.echo(f"Error: {problem.message}", err=True)
            raise click.exceptions.Exit(int(problem.exit_status))
        return
    _print_tick(settings, report, lines=False)
    if problem is not None:
        raise problem


@click.command()
@_with_scheduler_options
@click.option(
    "--every",
    default="30s",
    show_default=True,
    metavar="DURATION",
    help="Pause between passes.",
)
@pass_settings
def run(settings: Settings, lease: str, track_every: str, now_text: str | None, every: str) -> None:
    """Run the scheduler until stopped: launches, reposts, tracking polls, expiries.

    Several workers may share one database: each job is claimed by one of them. SIGTERM or
    Ctrl-C finishes the job under way and exits; a second Ctrl-C stops at once.

    \b
    Example:
        broadcaster --db postgresql+psycopg://ops@db.example/appeals run --every 1m
    """
    import signal
    import threading

    pause = _duration("--every", every)
    worker = _worker(settings, lease, track_every, now_text)
    stop = threading.Event()

    def on_signal(signum: int, _frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    if not settings.json_output:
        console(stderr=True).print(f"[dim]worker {worker.id}: running; Ctrl-C to stop.[/dim]")
    try:
        worker.run(every=pause, stop=stop, on_tick=lambda r: _print_tick(settings, r, lines=True))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        worker.close()
    if not settings.json_output:
        console(stderr=True).print(f"[dim]worker {worker.id}: stopped.[/dim]")


# -- CAP ------------------------------------------------------------------------------------


@click.command("export-cap")
@click.argument("campaign")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the XML to FILE instead of standard output.",
)
@pass_settings
def export_cap(settings: Settings, campaign: str, output: Path | None) -> None:
    """The campaign as an OASIS CAP 1.2 alert (Update once resolved, Cancel once cancelled).

    \b
    Example:
        broadcaster export-cap campaigns/tps-2026-0412.toml -o tps-2026-0412.cap.xml
        broadcaster export-cap tps-2026-0412
    """
    from broadcaster.campaign.cap import export_cap as build

    xml = build(settings, campaign)
    if output is None:
        import sys

        sys.stdout.buffer.write(xml)
        sys.stdout.flush()
        return
    output.write_bytes(xml)
    if settings.json_output:
        emit_json({"campaign": str(campaign), "output": str(output), "bytes": len(xml)})
    else:
        click.echo(f"Wrote {output} ({len(xml)} bytes).", err=True)
