"""Notifications and the CAP feed: notify test, notify status, feed."""

from __future__ import annotations

import click

from broadcaster.cli.common import AppContext, finish, pass_app


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    cli.add_command(notify)
    cli.add_command(feed)


@click.group()
def notify() -> None:
    """Notifications to the desks: new tips, incomplete launches, floods."""


@notify.command("test")
@pass_app
def notify_test(app: AppContext) -> None:
    """Send a test message to every notification destination and say how each went.

    Destinations are the apprise URLs in BROADCASTER_NOTIFY (the coordination centre,
    space-separated) and notify = [...] of each agency in agencies.toml; ${VAR} in a URL is
    filled from the environment or .env. Exit 4 if any destination failed.

    \b
    Example:
        BROADCASTER_NOTIFY="ntfys://ntfy.example.org/appeals-desk" broadcaster notify test
    """
    from broadcaster.authoring.agencies import load_registry
    from broadcaster.cli.common import console
    from broadcaster.errors import PlatformError
    from broadcaster.notify.trial import send_trial

    settings = app.settings
    results = send_trial(settings, load_registry(settings.agencies_path))
    failed = [r for r in results if not r.ok]
    problem = None
    if failed:
        problem = PlatformError(
            f"{len(failed)} of {len(results)} notification destinations failed: {failed[0].error}"
        )

    def show() -> None:
        out = console()
        for result in results:
            verdict = "sent" if result.ok else f"failed: {result.error}"
            out.print(f"{result.destination}: {verdict}", markup=False, highlight=False)

    finish(settings, {"destinations": [r.to_json() for r in results]}, show, problem)


@notify.command("status")
@click.argument("campaign", required=False)
@pass_app
def notify_status(app: AppContext, campaign: str | None) -> None:
    """How many notifications each destination was sent, and which failed and why.

    \b
    Example:
        broadcaster notify status
        broadcaster notify status tps-2026-0412
    """
    from broadcaster.authoring.agencies import load_registry
    from broadcaster.cli.common import console
    from broadcaster.notify.destinations import usable_destinations
    from broadcaster.notify.outbox import outbox_status
    from broadcaster.safetext import for_terminal

    settings = app.settings
    destinations, _ = usable_destinations(load_registry(settings.agencies_path), settings.env)
    lines = outbox_status(app.existing_engine, destinations, campaign)
    data = {
        "campaign": campaign,
        "destinations": [
            {
                "destination": x.destination,
                "state": x.state,
                "count": x.count,
                "error": x.last_error,
            }
            for x in lines
        ],
    }

    def show() -> None:
        out = console()
        if not lines:
            out.print("No notifications recorded.", markup=False)
        for x in lines:
            why = f" (last error: {for_terminal(x.last_error)})" if x.last_error else ""
            out.print(f"{x.destination}: {x.count} {x.state}{why}", markup=False, highlight=False)

    finish(settings, data, show)


@click.command()
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to this file, not stdout."
)
@click.option("--include-exercises", is_flag=True, help="Include drills (status Exercise).")
@pass_app
def feed(app: AppContext, output: str | None, include_exercises: bool) -> None:
    """An Atom feed of every campaign's CAP messages (alert, updates, cancel), newest first.

    Publish the file on the agency's website for Google Public Alerts and the national
    aggregators to pull; each entry holds its CAP 1.2 message (application/cap+xml).

    \b
    Example:
        broadcaster feed -o /var/www/alerts/cap.atom
    """
    from pathlib import Path

    from broadcaster.campaign.feed import atom, collect
    from broadcaster.cli.common import print_error
    from broadcaster.errors import UsageInvalid

    settings = app.settings
    found = collect(settings, app.existing_engine, include_exercises=include_exercises)
    for sentence in found.skipped:
        print_error(f"left out of the feed: {sentence}")
    document = atom(found, settings)
    if output is None:
        click.echo(document.decode("utf-8"), nl=False)
        return
    try:
        Path(output).write_bytes(document)
    except OSError as error:
        raise UsageInvalid(f"-o {output}: cannot write the feed ({error.strerror}).") from None
    if not settings.json_output:
        click.echo(f"{len(found.entries)} CAP messages written to {output}.")
    else:
        from broadcaster.cli.common import emit_json

        emit_json({"output": output, "entries": len(found.entries)})
