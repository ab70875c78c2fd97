"""The case lifecycle and the scheduler: update, resolve, cancel, run, tick, export-cap."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from broadcaster.campaign.cap import PROFILES
from broadcaster.cli.common import AppContext, finish, key_option, pass_app

if TYPE_CHECKING:
    from datetime import datetime, timedelta

    from broadcaster.campaign.cap import Profile
    from broadcaster.campaign.lifecycle import LifecycleReport
    from broadcaster.config import Settings
    from broadcaster.jobs.worker import Worker

OUTCOMES = ("arrested", "found", "withdrawn")


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    for command in (update, resolve, cancel, run, tick, export_cap):
        cli.add_command(command)


# -- update ---------------------------------------------------------------------------------


@click.command()
@click.argument("campaign")
@click.option(
    "--note",
    "notes",
    multiple=True,
    required=True,
    metavar="[LANG:]TEXT",
    help="The update in the lead agency's language; repeat as --note fr:TEXT for each other "
    "language of the campaign's agencies.",
)
@click.option(
    "--photo",
    "photo_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A new photo: posted with the update; the earlier photo posts come down.",
)
@click.option(
    "--alt",
    "alts",
    multiple=True,
    metavar="[LANG:]TEXT",
    help="With --photo: what the new photo shows, for people using screen readers, in the "
    "lead agency's language; repeat as --alt fr:TEXT for each other language (required in "
    "each, as --note). Signed with the update.",
)
@click.option("--dry-run", is_flag=True, help="Show each reply and what it answers; send nothing.")
@key_option("The approving officer's key; it signs the update [env var: BROADCASTER_KEY].")
@pass_app
def update(
    app: AppContext,
    campaign: str,
    notes: tuple[str, ...],
    photo_path: Path | None,
    alts: tuple[str, ...],
    dry_run: bool,
    key_path: Path | None,
) -> None:
    """Post a mid-case update (new sighting, new photo, reward) as a reply to each original.

    Every account that posted the alert posts the update in its agency's language, under
    its original post. One officer with the approver role signs it. Run the same command
    again after a failure: it sends only what is missing, never twice. A new photo needs
    its own alt text in every language (--alt): the campaign's describes the earlier photo.

    \b
    Example:
        broadcaster update campaigns/example.toml --key keys/lee \\
            --note "Seen this morning near Union Station." \\
            --note "fr:Vu ce matin près de la gare Union."
        broadcaster update campaigns/example.toml --key keys/lee \\
            --note "Clearer photo from the bank's camera." \\
            --note "fr:Photo plus nette prise par la caméra de la banque." \\
            --photo bank-camera.jpg \\
            --alt "Man in a grey hooded jacket at a bank counter, face visible." \\
            --alt "fr:Homme en veste grise à capuche au comptoir d'une banque, visage visible."
    """
    from broadcaster.campaign.updates import post_update
    from broadcaster.cli.views import lifecycle as views
    from broadcaster.errors import FollowUpIncomplete

    settings = app.settings
    signer = None
    if not dry_run or key_path is not None or settings.env.get("BROADCASTER_KEY"):
        from broadcaster.authoring.officers import load_officers_beside
        from broadcaster.cli.officers import key_path_of
        from broadcaster.cli.officers import signer as signer_of

        path = key_path_of(settings, key_path, "update")
        officers = load_officers_beside(settings.agencies_path)
        signer = signer_of(settings, officers, path, "approver")
    report = post_update(
        settings,
        campaign,
        list(notes),
        signer=signer,
        photo_path=photo_path,
        photo_alt=list(alts),
        dry_run=dry_run,
        engine=app.existing_engine,
    )
    problem = None
    if not report.complete:
        problem = FollowUpIncomplete(views.update_failures(report))
    finish(settings, report.as_dict(), lambda: views.print_update(report), problem)


# -- resolve and cancel -------------------------------------------------------------------


def _show_report(settings: Settings, report: LifecycleReport) -> None:
    from broadcaster.cli.views import lifecycle as views
    from broadcaster.errors import FollowUpIncomplete

    problem = None
    if not report.complete:
        problem = FollowUpIncomplete(views.follow_up_failures(report))
    finish(settings, report.as_dict(), lambda: views.print_lifecycle(report), problem)


def _show_preview(app: AppContext, campaign: str, **options: Any) -> None:
    from broadcaster.campaign.ending_preview import preview_ending
    from broadcaster.cli.views import lifecycle as views

    preview = preview_ending(app.settings, app.existing_engine, campaign, **options)
    finish(app.settings, preview.as_dict(), lambda: views.print_ending_preview(preview))


@click.command()
@click.argument("campaign")
@click.option(
    "--outcome",
    type=click.Choice(OUTCOMES),
    required=True,
    help="How the case ended; picks the update template. It must fit the campaign's kind: "
    "wanted and appeal end arrested or withdrawn, missing found or withdrawn.",
)
@click.option("--keep-originals", is_flag=True, help="Leave the original posts with the photo up.")
@click.option("--dry-run", is_flag=True, help="Show the updates and take-downs; do nothing.")
@key_option("A launcher's key: the audit names the officer [env var: BROADCASTER_KEY].")
@pass_app
def resolve(
    app: AppContext,
    campaign: str,
    outcome: str,
    keep_originals: bool,
    dry_run: bool,
    key_path: Path | None,
) -> None:
    """Post the update from every agency that posted, take the photo posts down, stop reposts.

    CAMPAIGN is the campaign file (or its id). Run it again after a failure: it sends and
    deletes only what is missing.

    \b
    Example:
        broadcaster resolve campaigns/example.toml --outcome arrested --dry-run
        broadcaster resolve campaigns/example.toml --outcome arrested
    """
    from broadcaster.campaign.lifecycle import check_outcome
    from broadcaster.campaign.lifecycle import resolve as run_resolve
    from broadcaster.cli.officers import acting_officer

    # An outcome that does not fit the case is refused before the key is read (exit 2).
    check_outcome(app.existing_engine, campaign, outcome)
    if dry_run:
        _show_preview(
            app,
            campaign,
            action="resolve",
            outcome=outcome,
            keep_originals=keep_originals,
        )
        return

    report = run_resolve(
        app.settings,
        campaign,
        outcome,
        operator=acting_officer(app.settings, key_path, "launcher"),
        keep_originals=keep_originals,
        engine=app.existing_engine,
    )
    _show_report(app.settings, report)


@click.command()
@click.argument("campaign")
@click.option("--reason", required=True, metavar="TEXT", help="Why the alert was wrong.")
@click.option("--dry-run", is_flag=True, help="Show the corrections and take-downs; do nothing.")
@key_option("A launcher's key: the audit names the officer [env var: BROADCASTER_KEY].")
@pass_app
def cancel(
    app: AppContext, campaign: str, reason: str, dry_run: bool, key_path: Path | None
) -> None:
    """Correct an alert sent in error: take its photo posts down and post the correction.

    No approval is needed; the cancel and its reason go into the audit log. A launch still
    counting down is stopped before it sends.

    \b
    Example:
        broadcaster cancel campaigns/example.toml --reason "wrong photo attached"
    """
    from broadcaster.campaign.lifecycle import cancel as run_cancel
    from broadcaster.cli.officers import acting_officer

    if dry_run:
        _show_preview(app, campaign, action="cancel", reason=reason)
        return
    settings = app.settings
    report = run_cancel(
        settings,
        campaign,
        reason,
        operator=acting_officer(settings, key_path, "launcher"),
        engine=app.existing_engine,
    )
    _show_report(settings, report)


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


def _worker(
    app: AppContext,
    lease: str,
    track_every: str | None,
    now_text: str | None,
    agency_values: tuple[str, ...] = (),
) -> Worker:
    import os

    from broadcaster.jobs.worker import Worker

    settings = app.settings
    agencies = tuple(k.strip() for v in agency_values for k in v.split(",") if k.strip())
    if agencies:  # an agency worker: its own agencies' credentials, nobody else's
        from broadcaster.authoring.agencies import load_registry
        from broadcaster.launch.armed import own_keys_only

        agencies = tuple(dict.fromkeys(agencies))
        settings = own_keys_only(settings, load_registry(settings.agencies_path), agencies)
    return Worker(
        settings,
        agencies=agencies,
        clock=_frozen_clock(now_text),
        lease=_duration("--lease", lease),
        track_every=_duration("--track-every", track_every) if track_every else None,
        raise_bugs=bool(os.environ.get("BROADCASTER_RAISE_BUGS")) or settings.verbose > 0,
        engine=app.engine,  # last: a bad duration is exit 2 before the database opens
    )


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
        metavar="DURATION",
        help="How often each live campaign is tracked [default: every minute in its first "
        "6 hours, then 5m, 15m after a day, 1h after three days].",
    ),
    click.option("--now", "now_text", hidden=True, help="Pretend it is TIME (drills, tests)."),
    click.option(
        "--agency",
        "agency_values",
        multiple=True,
        metavar="KEY",
        help="An agency worker: only these agencies' work (their armed launches, reposts), "
        "only their credentials loaded (repeat, or comma-separated).",
    ),
]


def _with_scheduler_options(command: Any) -> Any:
    for option in reversed(_scheduler_options):
        command = option(command)
    return command


@click.command()
@_with_scheduler_options
@click.option("--max-jobs", type=click.IntRange(min=1), help="Stop after this many jobs.")
@pass_app
def tick(
    app: AppContext,
    lease: str,
    track_every: str,
    now_text: str | None,
    agency_values: tuple[str, ...],
    max_jobs: int | None,
) -> None:
    """Do what is due once and exit: launches, reposts, tracking polls, expiries (for cron).

    \b
    Example (crontab, every 5 minutes):
        */5 * * * * cd /srv/appeals && broadcaster tick
    """
    from broadcaster.cli.views import lifecycle as views
    from broadcaster.errors import BroadcasterError, PolicyRefused, ScheduledWorkFailed
    from broadcaster.states import JobOutcome

    worker = _worker(app, lease, track_every, now_text, agency_values)
    try:
        report = worker.tick(max_jobs=max_jobs)
    finally:
        worker.close()
    failed = [r for r in report.results if r.outcome == JobOutcome.FAILED]
    problem: BroadcasterError | None = (
        ScheduledWorkFailed(views.tick_failures(failed)) if failed else None
    )
    armed = [a for a in report.armed if a["outcome"] == "failed"]
    if armed and problem is None:  # an agency worker's armed launch did not all post
        problem = ScheduledWorkFailed(views.armed_failures(armed))
    refused = [f for f in report.follow_ups if f.get("refused")]
    if refused and problem is None:  # a forged or unverifiable update: exit 3, not posted
        problem = PolicyRefused(views.refused_updates(refused))
    finish(app.settings, report.as_dict(), lambda: views.print_tick(report), problem)


@click.command()
@_with_scheduler_options
@click.option(
    "--every",
    default="30s",
    show_default=True,
    metavar="DURATION",
    help="Pause between passes.",
)
@pass_app
def run(
    app: AppContext,
    lease: str,
    track_every: str,
    now_text: str | None,
    agency_values: tuple[str, ...],
    every: str,
) -> None:
    """Run the scheduler until stopped: launches, reposts, tracking polls, expiries.

    Several workers may share one database: each job is claimed by one of them. SIGTERM or
    Ctrl-C finishes the job under way and exits; a second Ctrl-C stops at once. With
    --agency, an agency worker on that agency's machine, with only its own .env: it fires
    the launches armed for it at their instant (see launch).

    \b
    Example:
        broadcaster --db postgresql+psycopg://ops@db.example/appeals run --every 1m
        broadcaster --db postgresql+psycopg://spvm@db.example/appeals run --agency spvm
    """
    import signal
    import threading

    from broadcaster.cli.views import lifecycle as views

    json_output = app.settings.json_output
    pause = _duration("--every", every)
    worker = _worker(app, lease, track_every, now_text, agency_values)
    stop = threading.Event()

    def on_signal(signum: int, _frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    if not json_output:
        views.worker_note(worker.id, "running; Ctrl-C to stop")
    try:
        worker.run(every=pause, stop=stop, on_tick=lambda r: views.show_pass(json_output, r))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        worker.close()
    if not json_output:
        views.worker_note(worker.id, "stopped")


# -- CAP ------------------------------------------------------------------------------------


@click.command("export-cap")
@click.argument("campaign")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the XML to FILE instead of standard output.",
)
@click.option(
    "--profile",
    type=click.Choice(PROFILES),
    help="Write it for this alerting network and refuse (exit 2) what it would reject.",
)
@click.option(
    "--update",
    "update_number",
    type=click.IntRange(min=1),
    metavar="N",
    help="Export mid-case update N (msgType Update) [default: the latest message].",
)
@pass_app
def export_cap(
    app: AppContext,
    campaign: str,
    output: Path | None,
    profile: str | None,
    update_number: int | None,
) -> None:
    """The campaign as an OASIS CAP 1.2 alert (Update once resolved, Cancel once cancelled).

    A live campaign exports its latest message: the alert, or its newest mid-case update
    (msgType Update, referencing the alert and the updates before it).

    A campaign that has posted nothing yet exports as a draft (status Draft, its own
    identifier). --profile google (Google Public Alerts), ipaws (US IPAWS) or cap-cp
    (Canada) adds what that network needs and refuses, naming the field, what it rejects.

    \b
    Example:
        broadcaster export-cap campaigns/example.toml -o tps-2026-0412.cap.xml
        broadcaster export-cap tps-2026-0412 --profile cap-cp -o tps-2026-0412.cap-cp.xml
    """
    from broadcaster.campaign.cap import export_cap as build
    from broadcaster.cli.views import lifecycle as views

    chosen = cast("Profile | None", profile)
    xml = build(app.settings, campaign, engine=app.engine, profile=chosen, update=update_number)
    if output is None:
        import sys

        sys.stdout.buffer.write(xml)
        sys.stdout.flush()
        return
    output.write_bytes(xml)
    views.show_cap(app.settings.json_output, campaign, output, len(xml))
