"""The launch area: approve, launch, status, audit verify, demo."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from broadcaster.cli.common import (
    AppContext,
    console,
    finish,
    key_option,
    pass_app,
    pass_settings,
    pressed_ctrl_c,
)

if TYPE_CHECKING:
    from datetime import datetime

    from broadcaster.config import Settings


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    cli.add_command(approve)
    cli.add_command(launch)
    cli.add_command(status)
    cli.add_command(audit_group)
    cli.add_command(demo)


KEY_HELP = "The officer's OpenSSH Ed25519 private key [env var: BROADCASTER_KEY]."


@click.command()
@click.argument("campaign", type=click.Path(dir_okay=False, path_type=Path))
@key_option(KEY_HELP)
@click.option("--by", "by", hidden=True, metavar="NAME")
@pass_app
def approve(app: AppContext, campaign: Path, key_path: Path | None, by: str | None) -> None:
    """Sign an approval of the campaign's exact content (file, every rendered text, the photo).

    CAMPAIGN is the campaign file, not its id: the approval covers its content.

    \b
    Example:
        broadcaster approve campaigns/example.toml --key keys/lee
    """
    from broadcaster.authoring.approval import approve as record_approval
    from broadcaster.authoring.approval import officers_for
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.cli.officers import key_path_of, signer
    from broadcaster.cli.views import launching as views
    from broadcaster.errors import UsageInvalid

    if by is not None:
        raise UsageInvalid(
            "--by is refused: a typed name proves nothing; approve with your own key: "
            f"broadcaster approve {campaign} --key PATH (or set BROADCASTER_KEY)."
        )
    needs_the_file(app, campaign, "approve")
    path = key_path_of(app.settings, key_path, "approve")
    prepared = prepare_campaign(campaign, app.settings, check_credentials=False)
    officers = officers_for(prepared)
    result = record_approval(
        app.engine, prepared, signer(app.settings, officers, path, "approver"), officers
    )
    finish(app.settings, views.approval_json(result), lambda: views.print_approval(result))


def _only(values: tuple[str, ...]) -> tuple[str, ...] | None:
    keys = tuple(k.strip() for value in values for k in value.split(",") if k.strip())
    return keys or None


def _interactive() -> bool:
    import sys

    return sys.stdin.isatty() and sys.stdout.isatty()


def needs_the_file(app: AppContext, campaign: Path, command: str) -> None:
    """`approve` and `launch` take the campaign file; a campaign id the database knows is
    answered with the file it recorded, or with the campaign's end."""
    from broadcaster.authoring.campaign_ids import may_be_an_id, refuse_an_id
    from broadcaster.errors import BroadcasterError

    if not may_be_an_id(campaign):
        return
    try:
        engine = app.existing_engine
    except BroadcasterError:  # no database yet: the file-not-found sentence says where it looked
        return
    refuse_an_id(engine, str(campaign), command)


def _launch_instant(at_text: str | None) -> datetime | None:
    """--at as an instant. One already past is refused, as `validate` refuses such a
    launch_at: the core fires a passed instant at once (a resume, a due launch_at), so a
    wrong day typed here would post now, without the question."""
    from broadcaster.authoring.campaigns import launch_at_passed
    from broadcaster.errors import UsageInvalid
    from broadcaster.timeutil import parse_at, utcnow

    if not at_text:
        return None
    now = utcnow()
    try:
        at = parse_at(at_text, now)
    except ValueError as error:
        raise UsageInvalid(f"--at: {error}.") from None
    if launch_at_passed(at, now):
        in_utc = f"{_clock(at)} UTC"
        typed = in_utc if at_text.strip() == in_utc else f"{at_text.strip()} ({in_utc})"
        raise UsageInvalid(
            f"--at {typed} is in the past (it is {_clock(now)} UTC now); give a future time, "
            "or leave --at out to launch now."
        )
    return at


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _clock(instant: datetime) -> str:
    whole_minute = instant.second == 0 and instant.microsecond == 0
    return f"{instant:%Y-%m-%d %H:%M}" if whole_minute else f"{instant:%Y-%m-%d %H:%M:%S}"


def _confirm_now(
    app: AppContext,
    campaign: Path,
    *,
    operator: str,
    only: tuple[str, ...] | None,
) -> None:
    """A launch that fires at once cannot be taken back (only cancelled, in public): on a
    terminal, say what will happen and ask. Scripts pass --yes; a launch at a future --at or
    launch_at does not ask, the countdown leaves time to stop.

    Everything that would refuse the launch without the network (approvals, changes since,
    the selection, a closed or expired campaign) is checked first, by a dry run: the
    officer is never asked a question whose "yes" is then refused."""
    from broadcaster.authoring.agencies import load_registry
    from broadcaster.authoring.campaigns import launch_at_passed, load_campaign
    from broadcaster.errors import Interrupted, UsageInvalid
    from broadcaster.launch.run import launch as run_launch
    from broadcaster.states import POST_DONE, POST_HELD
    from broadcaster.timeutil import utcnow

    found = load_campaign(campaign, load_registry(app.settings.agencies_path))
    if found.launch_at is not None and not launch_at_passed(found.launch_at, utcnow()):
        return  # a countdown to launch_at; the launch checks before it starts
    check = run_launch(
        app.settings,
        campaign,
        operator=operator,
        dry_run=True,
        only=only,
        engine=app.engine,
    )
    if check.fire_at is not None:
        return
    sending = [
        line
        for line in check.lines
        if line.agency not in check.armed and line.state not in POST_DONE | POST_HELD
    ]
    if not sending:  # nothing left to post: the launch itself says so
        return
    what = "a drill" if found.is_exercise else "a REAL alert"
    when = (
        "has no launch_at"
        if found.launch_at is None
        else f"launch_at {_clock(found.launch_at)} UTC has passed"
    )
    agencies = len({line.agency for line in sending})
    question = (
        f"{found.id} {when}: post it now, {what}, from {_count(len(sending), 'account')} of "
        f"{_count(agencies, 'agency', 'agencies')}?"
    )
    try:
        answer = click.confirm(question, default=False, err=True)
    except click.Abort as abort:  # Ctrl-C, or the input ended (a pasted script, Ctrl-D)
        if pressed_ctrl_c(abort):
            raise Interrupted(
                f"Interrupted; {found.id} was not launched and nothing was sent."
            ) from None
        answer = None
    if not answer:
        why = "you answered no" if answer is False else "no answer came"
        raise UsageInvalid(
            f"{found.id}: not launched ({why}); nothing was sent. "
            "Pass --yes to launch without this question (scripts, pasted drills)."
        )


def _interrupted(app: AppContext, campaign: Path, at_text: str | None) -> NoReturn:
    """Ctrl-C during the countdown or the sending: say where the campaign stands and how to
    resume or cancel it (exit 130)."""
    from broadcaster.campaign.status import campaign_id_of, campaign_status
    from broadcaster.cli.views import launching as views
    from broadcaster.errors import BroadcasterError, Interrupted

    campaign_id = campaign_id_of(str(campaign))
    try:
        data = campaign_status(app.engine, campaign_id)
    except BroadcasterError:  # interrupted before the campaign was stored: nothing was planned
        data = None
    raise Interrupted(views.interrupted_sentence(str(campaign), campaign_id, data, at_text))


@click.command()
@click.argument("campaign", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--at",
    "at_text",
    metavar="TIME",
    help="Launch instant: 2027-01-15T14:00:00Z, an offset (-05:00), '2027-01-15 09:00 "
    "America/Toronto', or +90s / +2m / +1h from now.",
)
@click.option("--dry-run", is_flag=True, help="Check everything, show what would be sent.")
@click.option(
    "--only",
    "only_values",
    multiple=True,
    metavar="AGENCY",
    help="Only these agencies (repeat, or comma-separated).",
)
@key_option("A launcher's key: the audit names the officer [env var: BROADCASTER_KEY].")
@click.option(
    "--yes",
    "assume_yes",
    is_flag=True,
    help="Do not ask before a launch that fires at once (for scripts).",
)
@pass_app
def launch(
    app: AppContext,
    campaign: Path,
    at_text: str | None,
    dry_run: bool,
    only_values: tuple[str, ...],
    key_path: Path | None,
    assume_yes: bool,
) -> None:
    """Post the campaign from every agency at the same moment (again: only what is missing).

    CAMPAIGN is the campaign file, not its id: launch checks the file's content against the
    approvals. Without --at or the file's launch_at (or once launch_at has passed) it fires
    at once: on a terminal it asks first, after the checks (approvals, changes). A past --at
    is refused. Agencies whose credentials are not here are armed instead: each fires from
    its own agency worker (run --agency KEY, on its machine), and the instant must be at
    least 30 s ahead.

    \b
    Example:
        broadcaster launch campaigns/example.toml --at +2m --key keys/lee
        broadcaster launch campaigns/example.toml --at '2027-01-15 09:00 America/Toronto'
    """
    from broadcaster.cli.officers import acting_officer
    from broadcaster.cli.views import launching as views
    from broadcaster.errors import LaunchIncomplete
    from broadcaster.launch.run import launch as run_launch

    settings = app.settings
    needs_the_file(app, campaign, "launch")
    at = _launch_instant(at_text)
    operator = acting_officer(settings, key_path, "launcher")
    only = _only(only_values)
    if at is None and not dry_run and not assume_yes and _interactive():
        _confirm_now(app, campaign, operator=operator, only=only)
    progress = None if settings.json_output else views.RichProgress(console(stderr=True))
    try:
        report = run_launch(
            settings,
            campaign,
            operator=operator,
            at=at,
            dry_run=dry_run,
            only=only,
            progress=progress,
            engine=app.engine,
        )
    except KeyboardInterrupt:
        if progress is not None:
            progress.close()
        again_at = f"{at:%Y-%m-%dT%H:%M:%SZ}" if at is not None else None
        _interrupted(app, campaign, again_at)
    if progress is not None:
        progress.close()
    if not report.complete and not dry_run:
        from broadcaster.notify.sweep import notify_campaign

        # The desks hear of an incomplete launch now, not at the next tracking pass.
        notify_campaign(settings, app.engine, report.campaign_id)
    problem = None if report.complete else LaunchIncomplete(views.incomplete_sentence(report))
    finish(settings, views.launch_json(report), lambda: views.print_launch(report), problem)


@click.command()
@click.argument("campaign")
@pass_app
def status(app: AppContext, campaign: str) -> None:
    """Per agency and per post: state, time, link, error (CAMPAIGN: a file or an id).

    \b
    Example:
        broadcaster status tps-2026-0412
        broadcaster --json status tps-2026-0412
    """
    from broadcaster.campaign.status import campaign_id_of, campaign_status
    from broadcaster.cli.views import launching as views

    data = campaign_status(app.existing_engine, campaign_id_of(campaign))
    finish(app.settings, data, lambda: views.print_status(console(), data))


@click.group("audit")
def audit_group() -> None:
    """The audit log of approvals, launches, posts, deletes, resolves and cancels."""


@audit_group.command("verify")
@click.option(
    "--head",
    "expected_head",
    metavar="HASH",
    help="A head hash noted earlier: fail if that entry is no longer in the log.",
)
@pass_app
def audit_verify(app: AppContext, expected_head: str | None) -> None:
    """Check the audit log's chain and every approval's signature; print the head hash.

    \b
    Example:
        broadcaster audit verify --head 3f9a0c1d2e4b5a69
    """
    import re

    from broadcaster.authoring.approval import verify_log
    from broadcaster.cli.views import launching as views
    from broadcaster.errors import AuditBroken, UsageInvalid

    if expected_head is not None and not re.fullmatch(r"[0-9a-fA-F]{16,64}", expected_head):
        raise UsageInvalid(
            f"--head {expected_head!r} is not a head hash: give the hex that `audit verify` "
            "printed (at least its first 16 characters)."
        )
    verdict = verify_log(
        app.existing_engine, app.settings.agencies_path, expected_head=expected_head
    )
    problem = None if verdict.ok else AuditBroken(views.broken_sentence(verdict))
    finish(app.settings, views.verdict_json(verdict), lambda: views.print_verdict(verdict), problem)


@click.command()
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Scratch folder [default: a new demo-<time>/ here].",
)
@pass_settings
def demo(settings: Settings, folder: Path | None) -> None:
    """A full drill on the drill platforms: five agencies, approve, launch, track, report.

    Each agency posts on the X sandbox, the Mastodon drill server and, when `make
    bluesky-local` has installed it, the real Bluesky network run locally.

    \b
    Example:
        broadcaster demo --dir /tmp/drill
    """
    from broadcaster.campaign.demo import run_demo
    from broadcaster.cli.views import launching as views

    narrator = console(stderr=settings.json_output)  # with --json, stdout is for the JSON

    def say(sentence: str) -> None:
        narrator.print(sentence, markup=False, highlight=False, soft_wrap=True)

    result = run_demo(folder, say=say)
    finish(settings, result.to_json(), lambda: views.print_demo(result))
