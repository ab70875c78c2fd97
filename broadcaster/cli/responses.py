"""Responses: track, tips, report, purge."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from broadcaster.cli.common import AppContext, emit_json, finish, key_option, pass_app, print_error

if TYPE_CHECKING:
    from datetime import timedelta

    from broadcaster.responses.tracking import TrackReport


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    for command in (track, tips, report, purge):
        cli.add_command(command)


# -- track -----------------------------------------------------------------------------


@click.command()
@click.argument("campaign")
@click.option("--follow", is_flag=True, help="Keep tracking until Ctrl-C.")
@click.option(
    "--every",
    metavar="DURATION",
    help="Interval for --follow [default: every minute in the first 6 hours, then every "
    "5m, 15m after a day, 1h after three days].",
)
@pass_app
def track(app: AppContext, campaign: str, follow: bool, every: str | None) -> None:
    """Pull metrics and replies for every post of the campaign and store them; new tips,
    floods and an incomplete launch are notified (see notify test).

    \b
    Example:
        broadcaster track tps-2026-0412
        broadcaster track campaigns/example.toml --follow
    """
    from datetime import timedelta

    from broadcaster.cli.views import responses as views
    from broadcaster.errors import UsageInvalid
    from broadcaster.notify.sweep import notify_campaign
    from broadcaster.responses.tracking import campaign_id_from
    from broadcaster.responses.tracking import track as run_track
    from broadcaster.timeutil import parse_duration

    settings = app.settings
    interval = None
    if every is not None:
        try:
            interval = parse_duration(every)
        except ValueError as error:
            raise UsageInvalid(f"--every: {error}.") from None
        if interval < timedelta(seconds=1):
            raise UsageInvalid(f"--every {every!r} is too short; use at least 1s (5m is usual).")
    campaign_id = campaign_id_from(campaign)
    platforms = _sandbox_up(app, campaign_id)
    while True:
        with views.ProgressDisplay() as progress:
            result = run_track(settings, campaign_id, progress=progress, engine=app.existing_engine)
        notified = notify_campaign(settings, app.existing_engine, campaign_id)
        failure = result.failure()
        if notified is not None and notified.failed:
            print_error(f"notifications: {notified.summary()}; see broadcaster notify status.")
        if not follow:
            break
        if settings.json_output:
            emit_json(result.to_json())
        else:
            views.print_track(result, platforms)
        if failure is not None:
            print_error(failure)
        pause = _next_poll_note(app, campaign_id, interval, every, result)
        sys.stdout.flush()
        time.sleep(pause)
    finish(settings, result.to_json(), lambda: views.print_track(result, platforms), failure)


def _duration_words(seconds: float) -> str:
    seconds = round(seconds)
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    if seconds % 60 == 0:
        return f"{seconds // 60}m"
    return f"{seconds}s"


def _next_poll_note(
    app: AppContext,
    campaign_id: str,
    every: timedelta | None,
    every_text: str | None,
    result: TrackReport,
) -> float:
    """Say when the next poll is due (the cadence for the campaign's age, or --every, never
    before a rate limit's reset) and return the seconds until then."""
    from datetime import datetime

    from broadcaster.campaign.status import campaign_status
    from broadcaster.cli.common import console
    from broadcaster.jobs.schedule import next_track_at
    from broadcaster.timeutil import utcnow

    launched = campaign_status(app.existing_engine, campaign_id)["launched_at"]
    deferred = [p.deferred_until for p in result.deferred if p.deferred_until]
    now = utcnow()
    due = next_track_at(
        datetime.fromisoformat(launched) if launched else None,
        now,
        every=every,
        deferred_until=max(deferred) if deferred else None,
    )
    wait = (due - now).total_seconds()
    if not app.settings.json_output:
        after = every_text or _duration_words(wait)
        console(stderr=True).print(
            f"next run in {after}; Ctrl-C stops. (due at {due:%H:%M:%S} UTC)",
            markup=False,
            highlight=False,
        )
    return wait


def _sandbox_up(app: AppContext, campaign_id: str) -> dict[str, str]:
    """A campaign posted only on the sandbox, with no sandbox listening: one sentence with
    its URL, rather than one "cannot connect" per post (exit 4). Returns each post's
    platform by its remote id: the view shows "—" for a figure its platform does not give."""
    from broadcaster.campaign.status import campaign_status
    from broadcaster.errors import CampaignNotFound
    from broadcaster.platforms.check import ensure_sandbox_listening

    try:
        posts = campaign_status(app.existing_engine, campaign_id)["posts"]
    except CampaignNotFound:
        return {}  # tracking says so in its own words
    if {post["platform"] for post in posts} == {"sandbox"}:
        ensure_sandbox_listening(app.settings)
    return {str(p["remote_id"]): p["platform"] for p in posts if p["remote_id"]}


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
@click.option(
    "--followed-up", "followed_up", metavar="REPLY_ID", help="Mark this reply handled (--key)."
)
@click.option(
    "--relabel",
    nargs=2,
    metavar="REPLY_ID LABEL",
    help="Correct a reply's label (--key); the rest of its flood cluster follows.",
)
@key_option(
    "The officer's OpenSSH Ed25519 private key, with --followed-up or --relabel "
    "[env var: BROADCASTER_KEY]."
)
@click.option("--by", "by", hidden=True, metavar="NAME")
@click.option(
    "--floods",
    "show_floods",
    is_flag=True,
    help="List the floods instead: size, window, masked template, a sample.",
)
@pass_app
def tips(
    app: AppContext,
    campaign: str,
    label: str | None,
    fmt: str,
    limit: int | None,
    followed_up: str | None,
    relabel: tuple[str, str] | None,
    key_path: Path | None,
    by: str | None,
    show_floods: bool,
) -> None:
    """The triaged responses, tips first and newest first, each with its link and reasons.

    \b
    Example:
        broadcaster tips tps-2026-0412 --label tip
        broadcaster tips tps-2026-0412 --format csv > responses.csv
        broadcaster tips tps-2026-0412 --followed-up 1862001234567890 --key keys/roy
        broadcaster tips tps-2026-0412 --relabel 1862001234567891 spam --key keys/roy
        broadcaster tips tps-2026-0412 --floods
    """
    from broadcaster.cli.views import responses as views
    from broadcaster.errors import UsageInvalid
    from broadcaster.responses.tips import LABELS, check_label, mark_followed_up
    from broadcaster.responses.tips import relabel as run_relabel
    from broadcaster.responses.tracking import campaign_id_from

    if by is not None:
        raise UsageInvalid(
            "--by is refused: a typed name proves nothing; sign in with your own key: "
            f"broadcaster tips {campaign} --followed-up REPLY_ID --key PATH "
            "(or set BROADCASTER_KEY)."
        )
    if followed_up is not None and relabel is not None:
        raise UsageInvalid("--followed-up and --relabel are one at a time; run them apart.")
    if key_path is not None and followed_up is None and relabel is None:
        raise UsageInvalid("--key goes with --followed-up REPLY_ID or --relabel REPLY_ID LABEL.")
    if relabel is not None and relabel[1] not in LABELS:
        raise UsageInvalid(
            f"--relabel: {relabel[1]!r} is not a label; use one of {', '.join(LABELS)}."
        )
    check_label(label)
    campaign_id = campaign_id_from(campaign)
    if followed_up is not None or relabel is not None:
        officer = _officer(app, key_path, "--followed-up" if relabel is None else "--relabel")
        if relabel is not None:
            corrected = run_relabel(
                app.existing_engine, campaign_id, relabel[0], relabel[1], officer
            )
            finish(
                app.settings,
                views.relabel_json(campaign_id, corrected),
                lambda: views.print_relabel(corrected),
            )
            return
    if show_floods:
        from broadcaster.cli.views import floods as flood_views
        from broadcaster.responses.triage.clusters import floods

        found = floods(app.existing_engine, campaign_id, limit=limit or None)
        finish(
            app.settings,
            flood_views.floods_json(campaign_id, found),
            lambda: flood_views.print_floods(campaign_id, found),
        )
        return
    if followed_up is not None:
        done = mark_followed_up(app.existing_engine, campaign_id, followed_up, officer)
        finish(
            app.settings,
            views.follow_up_json(campaign_id, done),
            lambda: views.print_follow_up(done),
        )
        return
    _list_tips(app, campaign_id, label, "json" if app.settings.json_output else fmt, limit)


def _officer(app: AppContext, key_path: Path | None, flag: str) -> str:
    """The officer id of --key / BROADCASTER_KEY. Any officer of the registry may follow a
    tip up or correct a label: both are triage, which every officer does; the roles guard
    what goes out (approve, launch, administer). The audit names who did it."""
    from broadcaster.authoring.officers import load_officers_beside
    from broadcaster.cli.officers import key_path_of, signer

    path = key_path_of(app.settings, key_path, f"tips {flag}")
    officers = load_officers_beside(app.settings.agencies_path)
    return signer(app.settings, officers, path, None).officer.id


def _list_tips(
    app: AppContext, campaign_id: str, label: str | None, fmt: str, limit: int | None
) -> None:
    from broadcaster.cli.views import responses as views
    from broadcaster.responses.tips import count_responses, label_origins, responses, write_csv

    if limit == 0:
        limit = None
    elif limit is None and fmt == "table":
        limit = TABLE_LIMIT
    rows = responses(
        app.existing_engine, campaign_id, label=label, limit=limit, settings=app.settings
    )
    if fmt == "csv":
        write_csv(rows, sys.stdout)
    elif fmt == "json":
        views.write_tips_json(rows)
    else:
        total = count_responses(app.existing_engine, campaign_id, label)
        origins = label_origins(app.existing_engine, campaign_id, label)
        listed = list(rows)
        # Only an empty --label list asks how many replies there are of any label.
        stored = (
            count_responses(app.existing_engine, campaign_id) if label and not listed else total
        )
        views.print_tips(campaign_id, listed, total, label, origins, stored)


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
@pass_app
def report(app: AppContext, campaign: str, fmt: str, output: str | None) -> None:
    """The reach report: posts, launch spread, audience, engagement, responses, tips.

    \b
    Example:
        broadcaster report tps-2026-0412
        broadcaster report tps-2026-0412 --format html -o tps-2026-0412.html
    """
    from pathlib import Path

    from broadcaster.cli.common import console
    from broadcaster.cli.views import responses as views
    from broadcaster.errors import UsageInvalid
    from broadcaster.responses.report import build_report, render, render_text
    from broadcaster.responses.tracking import campaign_id_from

    settings = app.settings
    if settings.json_output and fmt == "text":
        fmt = "json"
    campaign_id = campaign_id_from(campaign)
    data = build_report(
        app.existing_engine, campaign_id, settings=settings, with_photo=fmt == "html"
    )
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
    views.show_report_written(settings.json_output, campaign_id, fmt, target)


# -- purge -----------------------------------------------------------------------------


@click.command()
@click.option("--older-than", required=True, metavar="DURATION", help="Retention period, like 90d.")
@click.option("--dry-run", is_flag=True, help="Count what would be removed; change nothing.")
@pass_app
def purge(app: AppContext, older_than: str, dry_run: bool) -> None:
    """Delete stored replier data past the retention period; labels and counts stay.

    \b
    Example:
        broadcaster purge --older-than 90d --dry-run
        broadcaster purge --older-than 90d
    """
    from broadcaster.cli.views import responses as views
    from broadcaster.responses.retention import purge as run_purge
    from broadcaster.responses.retention import retention_period
    from broadcaster.storage.audit import operator_name

    retention_period(older_than)  # a bad duration is exit 2 before the database opens
    done = run_purge(app.engine, older_than, operator=operator_name(app.settings), dry_run=dry_run)
    finish(app.settings, done.to_json(), lambda: views.print_purge(done, older_than, dry_run))
