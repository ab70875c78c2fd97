"""The launch area: approve, launch, status, audit verify, demo."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from broadcaster.cli.common import console, emit_json, pass_settings

if TYPE_CHECKING:
    from rich.console import Console
    from rich.live import Live

    from broadcaster.config import Settings
    from broadcaster.launch.run import LaunchReport


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    cli.add_command(approve)
    cli.add_command(launch)
    cli.add_command(status)
    cli.add_command(audit_group)
    cli.add_command(demo)


@click.command()
@click.argument("campaign", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--by", "approver", required=True, metavar="NAME", help="The approving officer.")
@pass_settings
def approve(settings: Settings, campaign: Path, approver: str) -> None:
    """Approve the campaign's exact content (file, every rendered text, the photo).

    \b
    Example:
        broadcaster approve campaigns/tps-2026-0412.toml --by "Sgt. Lee"
    """
    from broadcaster.authoring.approval import approve as record_approval
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.storage.db import open_db

    prepared = prepare_campaign(campaign, settings, check_credentials=False)
    engine = open_db(settings.db_url)
    result = record_approval(engine, prepared, approver)
    if settings.json_output:
        emit_json(
            {
                "campaign": result.campaign_id,
                "approver": " ".join(approver.split()),
                "content_hash": result.content_hash,
                "approvers": list(result.approvers),
                "required": result.required,
                "complete": result.complete,
                "added": result.added,
            }
        )
        return
    name = " ".join(approver.split())
    count = f"{len(result.approvers)} of {result.required} approvals"
    if result.added:
        head = f"Approved {result.campaign_id} as {name} (content {result.content_hash[:12]})"
    else:
        head = f"{name} had already approved this content of {result.campaign_id}"
    if result.complete:
        click.echo(f"{head}: {count}; ready to launch.")
    else:
        more = result.required - len(result.approvers)
        officers = "one more officer" if more == 1 else f"{more} more officers"
        click.echo(f"{head}: {count}; {officers} must approve before launch.")


def _only(values: tuple[str, ...]) -> tuple[str, ...] | None:
    keys = tuple(k.strip() for value in values for k in value.split(",") if k.strip())
    return keys or None


class _RichProgress:
    """Stages and the countdown, on stderr (stdout stays for results)."""

    def __init__(self, out: Console) -> None:
        self.out = out
        self.live: Live | None = None

    def stage(self, message: str) -> None:
        self._stop_live()
        self.out.print(f"[dim]{message}[/dim]", markup=True, highlight=False)

    def close(self) -> None:
        self._stop_live()

    def countdown(self, remaining: float) -> None:
        from rich.live import Live

        whole = int(remaining + 0.999)
        hours, rest = divmod(whole, 3600)
        minutes, seconds = divmod(rest, 60)
        text = f"[bold]Launching in {hours:02d}:{minutes:02d}:{seconds:02d}[/bold]"
        if self.live is None:
            self.live = Live(text, console=self.out, transient=True, auto_refresh=False)
            self.live.start()
        self.live.update(text, refresh=True)

    def _stop_live(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None


def _report_json(report: LaunchReport) -> dict[str, Any]:
    data: dict[str, Any] = {
        "campaign": report.campaign_id,
        "dry_run": report.dry_run,
        "state": report.state,
        "fire_at": report.fire_at.isoformat() if report.fire_at else None,
        "approvers": list(report.approvers),
    }
    if report.dry_run:
        data["posts"] = [
            {
                "agency": line.agency,
                "platform": line.platform,
                "kind": line.kind,
                "text": line.text,
                "media": list(line.media),
                "state": line.state,
            }
            for line in report.lines
        ]
        return data
    sent = report.send
    assert sent is not None
    data.update(
        {
            "spread_ms": sent.spread_ms,
            "wall_seconds": sent.wall_seconds,
            "posts": [
                {
                    "agency": o.agency,
                    "kind": o.kind,
                    "state": o.state,
                    "remote_id": o.remote_id,
                    "url": o.url,
                    "error": o.error,
                    "attempts": o.attempts,
                }
                for o in sent.outcomes
            ],
        }
    )
    return data


def _incomplete_sentence(report: LaunchReport) -> str:
    assert report.send is not None
    failed = report.send.failed
    total = len(report.send.outcomes)
    shown = "; ".join(f"{o.agency}: {(o.error or o.state).rstrip('.')}" for o in failed[:3])
    more = f"; and {len(failed) - 3} more" if len(failed) > 3 else ""
    return (
        f"{len(failed)} of {total} agencies did not post ({shown}{more}); "
        f"see broadcaster status {report.campaign_id}, then run launch again to retry them."
    )


def _print_dry_run(out: Console, report: LaunchReport) -> None:
    when = f"at {report.fire_at:%Y-%m-%d %H:%M:%S} UTC" if report.fire_at else "at once"
    click.echo(f"Dry run of {report.campaign_id}: nothing is sent and nothing is stored.")
    for line in report.lines:
        if line.state in ("posted", "deleted"):
            out.print(f"\n[bold]{line.agency}[/bold] ({line.kind}): already {line.state}, skipped")
            continue
        media = f"  [media: {', '.join(line.media)}]" if line.media else ""
        out.print(f"\n[bold]{line.agency}[/bold] ({line.platform}, {line.kind}){media}")
        out.print(line.text or "(a repost of the lead agency's post)", markup=False)
    pending = [line for line in report.lines if line.state not in ("posted", "deleted")]
    click.echo(f"\nWould send {len(pending)} post(s) {when}.")


def _print_launch(out: Console, report: LaunchReport) -> None:
    from rich.table import Table

    sent = report.send
    assert sent is not None
    table = Table(title=f"Launch of {report.campaign_id}")
    for column in ("agency", "kind", "state", "link or error"):
        table.add_column(column)
    for o in sent.outcomes:
        colour = "green" if o.state in ("posted", "deleted") else "red"
        detail = o.url or "" if o.state in ("posted", "deleted") else o.error or ""
        table.add_row(o.agency, o.kind, f"[{colour}]{o.state}[/{colour}]", detail)
    out.print(table)
    posted = len(sent.posted)
    line = f"{posted} of {len(sent.outcomes)} agencies posted"
    if sent.spread_ms is not None:
        line += f"; spread {sent.spread_ms:.1f} ms (platform time)"
    if sent.wall_seconds is not None:
        line += f"; {sent.wall_seconds:.2f} s from release to the last confirmation"
    click.echo(line + ".")


@click.command()
@click.argument("campaign", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--at", "at_text", metavar="TIME", help="Launch instant, e.g. 2026-11-23T14:00:00Z.")
@click.option("--dry-run", is_flag=True, help="Check everything, show what would be sent.")
@click.option(
    "--only",
    "only_values",
    multiple=True,
    metavar="AGENCY",
    help="Only these agencies (repeat, or comma-separated).",
)
@click.pass_context
def launch(
    ctx: click.Context,
    campaign: Path,
    at_text: str | None,
    dry_run: bool,
    only_values: tuple[str, ...],
) -> None:
    """Post the campaign from every agency at the same moment (again: only what is missing).

    \b
    Example:
        broadcaster launch campaigns/tps-2026-0412.toml --at 2026-11-23T14:00:00Z
    """
    from broadcaster.config import Settings
    from broadcaster.errors import LaunchIncomplete, UsageInvalid
    from broadcaster.launch.run import launch as run_launch
    from broadcaster.storage.audit import operator_name
    from broadcaster.timeutil import parse_instant

    settings = ctx.find_object(Settings)
    assert settings is not None
    at = None
    if at_text:
        try:
            at = parse_instant(at_text)
        except ValueError as error:
            raise UsageInvalid(f"--at: {error}.") from None
    err = console(stderr=True)
    progress = None if settings.json_output else _RichProgress(err)
    report = run_launch(
        settings,
        campaign,
        operator=operator_name(settings),
        at=at,
        dry_run=dry_run,
        only=_only(only_values),
        progress=progress,
    )
    if progress is not None:
        progress.close()
    failed = not report.complete
    if settings.json_output:
        data = _report_json(report)
        if failed:
            data["error"] = _incomplete_sentence(report)
            data["exit_code"] = int(LaunchIncomplete.exit_status)
        emit_json(data)
        if failed:
            click.echo(f"Error: {data['error']}", err=True)
            ctx.exit(int(LaunchIncomplete.exit_status))
        return
    out = console()
    if dry_run:
        _print_dry_run(out, report)
        return
    _print_launch(out, report)
    if failed:
        raise LaunchIncomplete(_incomplete_sentence(report))


@click.command()
@click.argument("campaign")
@pass_settings
def status(settings: Settings, campaign: str) -> None:
    """Per agency and per post: state, time, link, error (CAMPAIGN: a file or an id).

    \b
    Example:
        broadcaster status tps-2026-0412 --json
    """
    from broadcaster.campaign.status import campaign_id_of, campaign_status
    from broadcaster.storage.db import open_db

    engine = open_db(settings.db_url)
    data = campaign_status(engine, campaign_id_of(campaign))
    if settings.json_output:
        emit_json(data)
        return
    _print_status(console(), data)


def _print_status(out: Console, data: dict[str, Any]) -> None:
    from rich.table import Table

    spread = f", spread {data['spread_ms']:.1f} ms" if data.get("spread_ms") is not None else ""
    out.print(f"[bold]{data['campaign']}[/bold]: {data['state']} ({data['mode']}{spread})")
    table = Table()
    for column in ("agency", "kind", "occurrence", "state", "time", "link or error"):
        table.add_column(column)
    for post in data["posts"]:
        good = post["state"] in ("posted", "deleted")
        colour = "green" if good else ("yellow" if post["state"] == "planned" else "red")
        when = post["posted_at"] or post["sent_at"] or ""
        detail = post["url"] if good else post["error"]
        table.add_row(
            post["agency"],
            post["kind"],
            post["occurrence"],
            f"[{colour}]{post['state']}[/{colour}]",
            when[:19].replace("T", " "),
            detail or "",
        )
    out.print(table)
    if data.get("upcoming", {}).get("summary"):
        out.print(f"Upcoming: {data['upcoming']['summary']}.")


@click.group("audit")
def audit_group() -> None:
    """The audit log of approvals, launches, posts, deletes, resolves and cancels."""


@audit_group.command("verify")
@click.pass_context
def audit_verify(ctx: click.Context) -> None:
    """Check the audit log's hash chain and say where it breaks (exit 3 if it does).

    \b
    Example:
        broadcaster audit verify --db sqlite:///broadcaster.db
    """
    from broadcaster.config import Settings
    from broadcaster.errors import AuditBroken
    from broadcaster.storage.audit import verify
    from broadcaster.storage.db import open_db

    settings = ctx.find_object(Settings)
    assert settings is not None
    verdict = verify(open_db(settings.db_url))
    sentence = None
    if not verdict.ok:
        sentence = f"the audit log is broken at entry {verdict.broken_at}: {verdict.reason}."
    if settings.json_output:
        data: dict[str, Any] = {
            "ok": verdict.ok,
            "entries": verdict.entries,
            "broken_at": verdict.broken_at,
            "reason": verdict.reason,
            "head": verdict.head,
        }
        if sentence:
            data.update(error=sentence, exit_code=int(AuditBroken.exit_status))
        emit_json(data)
        if sentence:
            click.echo(f"Error: {sentence}", err=True)
            ctx.exit(int(AuditBroken.exit_status))
        return
    if sentence:
        raise AuditBroken(sentence)
    click.echo(f"The audit log is intact: {verdict.entries} entries, head {verdict.head[:16]}.")


@click.command()
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Scratch folder [default: a new demo-<time>/ here].",
)
@pass_settings
def demo(settings: Settings, folder: Path | None) -> None:
    """A full drill on the local sandbox: five agencies, approve, launch, track, report.

    \b
    Example:
        broadcaster demo --dir /tmp/drill
    """
    from broadcaster.cli.demo import run_demo

    out = console()
    narrator = console(stderr=True) if settings.json_output else out  # stdout: the JSON

    def say(sentence: str) -> None:
        narrator.print(sentence, markup=False, highlight=False, soft_wrap=True)

    result = run_demo(folder, say=say)
    if settings.json_output:
        emit_json(result.to_json())
        return
    out.print()
    _print_status(out, result.status)
    if result.report is not None:
        from broadcaster.responses.report import render_text

        render_text(result.report, out)
    where = result.folder
    with contextlib.suppress(ValueError):
        where = result.folder.relative_to(Path.cwd())
    out.print(
        f"\nThe drill took {result.seconds:.0f} s. Everything is in {where}/: the campaign "
        f"({result.campaign_path.relative_to(result.folder)}), the database "
        f"({result.database.name}), the report ({'report.html' if result.report_path else '-'})."
        f"\nThe sandbox has stopped. To look again: cd {where} && broadcaster status "
        f"{result.campaign_id}; to check the audit log: broadcaster audit verify.",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
