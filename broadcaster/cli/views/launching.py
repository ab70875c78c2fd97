"""Views of the launch area: approve, launch (and its dry run), status, audit verify, demo."""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from broadcaster.cli.common import console
from broadcaster.cli.views.links import print_whole_lines
from broadcaster.safetext import for_terminal
from broadcaster.states import POST_DONE, POST_HELD, PostState

if TYPE_CHECKING:
    from rich.console import Console
    from rich.live import Live
    from rich.table import Table

    from broadcaster.authoring.approval import ApprovalStatus, LogVerdict
    from broadcaster.campaign.demo import DemoResult
    from broadcaster.launch.outcomes import PostOutcome
    from broadcaster.launch.run import LaunchReport


# -- approve ------------------------------------------------------------------------------


def approval_json(result: ApprovalStatus) -> dict[str, Any]:
    officer = result.officer
    return {
        "campaign": result.campaign_id,
        "officer": officer.id if officer else None,
        "officer_name": officer.name if officer else None,
        "key": officer.fingerprint if officer else None,
        "content_hash": result.content_hash,
        "audit_head": result.audit_head,
        "approvers": list(result.approvers),
        "required": result.required,
        "complete": result.complete,
        "added": result.added,
        "partner_approval": result.partner_approval,
        "partners": {agency: list(ids) for agency, ids in result.partners.items()},
        "awaiting": list(result.awaiting),
    }


def print_approval(result: ApprovalStatus) -> None:
    officer = result.officer
    who = f"officer {officer.id} ({officer.name})" if officer else "the officer"
    count = f"{len(result.approvers)} of {result.required} approvals"
    if result.added:
        head = (
            f"Approved {result.campaign_id} as {who} (content {result.content_hash[:12]}, signed)"
        )
    else:
        head = (
            f"{who[0].upper()}{who[1:]} had already approved this content of {result.campaign_id}"
        )
    if result.complete:
        click.echo(f"{head}: {count}; ready to launch.")
    else:
        more = result.required - len(result.approvers)
        officers = "one more officer" if more == 1 else f"{more} more officers"
        click.echo(f"{head}: {count}; {officers} must approve before launch.")
    if result.partner_approval:
        waiting = ", ".join(result.awaiting)
        tail = f"still awaiting an approver of their own: {waiting}" if waiting else "all in"
        click.echo(f"Partner approval (each agency's own approver): {tail}.")


# -- launch -------------------------------------------------------------------------------


class RichProgress:
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


def launch_json(report: LaunchReport) -> dict[str, Any]:
    data: dict[str, Any] = {
        "campaign": report.campaign_id,
        "dry_run": report.dry_run,
        "state": report.state,
        "fire_at": report.fire_at.isoformat() if report.fire_at else None,
        "approvers": list(report.approvers),
        "held": list(report.held),
        "armed": list(report.armed),
        "armed_for": report.armed_for.isoformat() if report.armed_for else None,
    }
    if report.dry_run:
        data["posts"] = [
            {
                "agency": line.agency,
                "platform": line.platform,
                "handle": line.handle,
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
            "posts": [o.as_dict() for o in sent.outcomes],
        }
    )
    return data


def incomplete_sentence(report: LaunchReport) -> str:
    assert report.send is not None
    failed = report.send.failed
    if report.held:
        rest = f"; and {_failed_sentence(report)}" if failed else ""
        return f"{report.held_sentence()}{rest}; see broadcaster status {report.campaign_id}."
    return _failed_sentence(report) + (
        f"; see broadcaster status {report.campaign_id}, then run launch again to retry them."
    )


def _failed_sentence(report: LaunchReport) -> str:
    assert report.send is not None
    failed = report.send.failed
    total = len(report.send.outcomes)
    shown = "; ".join(f"{o.agency}: {(o.error or o.state).rstrip('.')}" for o in failed[:3])
    more = f"; and {len(failed) - 3} more" if len(failed) > 3 else ""
    return f"{len(failed)} of {total} {_noun(report.send.outcomes)} did not post ({shown}{more})"


def _noun(outcomes: list[PostOutcome]) -> str:
    """ "agencies" while each post is a different agency's; "accounts" once an agency has
    several (each account's post is counted)."""
    agencies = [o.agency for o in outcomes]
    return "agencies" if len(set(agencies)) == len(agencies) else "accounts"


def _who(o: PostOutcome, several: set[str]) -> str:
    return f"{o.agency} {o.handle}" if o.agency in several and o.handle else o.agency


def _with_several(outcomes: list[PostOutcome]) -> set[str]:
    seen: set[str] = set()
    several: set[str] = set()
    for o in outcomes:
        (several if o.agency in seen else seen).add(o.agency)
    return several


def interrupted_sentence(
    reference: str,
    campaign_id: str,
    data: dict[str, Any] | None,
    at_text: str | None,
    *,
    now: datetime | None = None,
) -> str:
    """Ctrl-C during a launch: the state it was left in, and how to resume or cancel.

    `launch` refuses an --at already past, so the command offered keeps --at only while
    its instant is ahead of `now` (the clock, injected for the tests), and says to leave it
    out once it has passed; an instant already gone (a Ctrl-C while sending) is dropped."""
    from broadcaster.timeutil import parse_instant, utcnow

    again = f"broadcaster launch {reference}"
    how = "it posts only what is missing"
    if at_text:
        if parse_instant(at_text) > (now or utcnow()):
            again += f" --at {at_text}"
            how += f"; once {at_text} has passed, leave --at out"
        else:
            how += f"; --at {at_text} has passed, so it is left out"
    if data is None:
        return (
            "launch interrupted before anything was planned; nothing was sent "
            f"(`{again}` starts it again: {how})."
        )
    launch_rows = [p for p in data["posts"] if p["occurrence"] == "launch"]
    posted = sum(1 for p in launch_rows if p["state"] == PostState.POSTED)
    waiting = sum(1 for p in launch_rows if p["state"] == PostState.PLANNED)
    unsure = sum(1 for p in launch_rows if p["state"] in (PostState.SENDING, PostState.UNKNOWN))
    facts = f"{posted} posted, {waiting} planned and not sent"
    if unsure:
        facts += f", {unsure} of unknown outcome (settled before any resend)"
    return (
        f"launch interrupted: campaign {campaign_id} is {data['state']} ({facts}); resume with "
        f"`{again}` ({how}), or stop it with "
        f'`broadcaster cancel {campaign_id} --reason "…"`.'
    )


def print_launch(report: LaunchReport) -> None:
    """The dry run's posts, or the launch's table and its spread."""
    out = console()
    if report.dry_run:
        _print_dry_run(out, report)
    else:
        _print_sent(out, report)


def _print_dry_run(out: Console, report: LaunchReport) -> None:
    when = f"at {report.fire_at:%Y-%m-%d %H:%M:%S} UTC" if report.fire_at else "at once"
    click.echo(f"Dry run of {report.campaign_id}: nothing is sent and nothing is stored.")
    for line in report.lines:
        if line.state in POST_DONE:
            out.print(f"\n[bold]{line.agency}[/bold] ({line.kind}): already {line.state}, skipped")
            continue
        if line.state == PostState.AWAITING_APPROVAL:
            out.print(
                f"\n[bold]{line.agency}[/bold] ({line.kind}): held, awaiting approval by an "
                "approver of its own agency (partner_approval)"
            )
            continue
        media = f"  [media: {', '.join(line.media)}]" if line.media else ""
        account = f"{line.handle} on {line.platform}" if line.handle else line.platform
        out.print(f"\n[bold]{line.agency}[/bold] ({account}, {line.kind}){media}")
        text = for_terminal(line.text) if line.text else "(a repost of the lead agency's post)"
        out.print(text, markup=False, highlight=False)
    pending = [
        line
        for line in report.lines
        if line.state not in POST_DONE | POST_HELD and line.agency not in report.armed
    ]
    click.echo(f"\nWould send {len(pending)} post(s) {when}.")
    if report.armed:
        click.echo(
            f"Would arm {', '.join(report.armed)} (no credentials here): "
            "each fires from its own agency worker (run --agency KEY)."
        )


def _print_sent(out: Console, report: LaunchReport) -> None:

    sent = report.send
    assert sent is not None
    if report.armed and not sent.outcomes:  # nothing of its own: the launch is the arming
        click.echo(report.armed_sentence() + ".")
        return
    print_outcomes(out, f"Launch of {report.campaign_id}", sent.outcomes)
    posted = len(sent.posted)
    line = f"{posted} of {len(sent.outcomes)} {_noun(sent.outcomes)} posted"
    if sent.spread_ms is not None:
        line += f"; spread {sent.spread_ms:.1f} ms (platform time)"
    if sent.wall_seconds is not None:
        line += f"; {sent.wall_seconds:.2f} s from release to the last confirmation"
    click.echo(line + ".")
    if report.armed:
        click.echo(report.armed_sentence() + ".")


# -- status -------------------------------------------------------------------------------


def print_status(out: Console, data: dict[str, Any]) -> None:
    """Links and errors come from platforms (a platform's message quotes what it was sent):
    text, never markup, and nothing that acts on the terminal."""
    from rich.text import Text

    spread = f", spread {data['spread_ms']:.1f} ms" if data.get("spread_ms") is not None else ""
    out.print(f"[bold]{data['campaign']}[/bold]: {data['state']} ({data['mode']}{spread})")
    table = status_table()
    details = []
    for number, post in enumerate(data["posts"], start=1):
        good = post["state"] in POST_DONE
        waiting = post["state"] in {PostState.PLANNED, PostState.AWAITING_APPROVAL}
        colour = "green" if good else ("yellow" if waiting else "red")
        late = f" (late, {post['late_seconds']:.0f} s)" if post.get("late") else ""
        if post.get("by_worker"):  # an armed agency's follow-up or take-down, still to do
            late += " (waiting for its worker)"
            colour = "yellow"
        when = post["posted_at"] or post["sent_at"] or ""
        details.append((number, post["url"] if good else post["error"]))
        state = Text().append(f"{post['state']}{late}", style=colour)  # the time uncoloured
        table.add_row(
            str(number),
            Text(for_terminal(post["agency"])),
            Text(for_terminal(f"{post.get('handle') or ''}\n{post.get('platform') or '?'}")),
            Text(f"{post['kind']}\n{post['occurrence']}"),
            state.append("\n" + when[:19].replace("T", " ")) if when else state,
        )
    out.print(table)
    print_whole_lines(out, details)
    for update in data.get("updates", []):  # mid-case updates: who signed, how far they got
        posts = update["posts"]
        done = [p for p in posts if p["state"] in POST_DONE]
        workers = sorted({p["agency"] for p in posts if p.get("by_worker")})
        failed = sorted(
            {p["agency"] for p in posts if p["state"] not in POST_DONE and not p.get("by_worker")}
        )
        line = f"Update {update['update']} (signed by {update['officer']}): "
        line += f"{len(done)} of {len(posts)} replies posted"
        if workers:
            line += f"; waiting for their own workers: {', '.join(workers)}"
        out.print(line + (f"; not posted: {', '.join(failed)}." if failed else "."), markup=False)
    if data.get("armed"):
        out.print(_armed_table(data["armed"]))
    for note in data.get("armed_notes", []):
        out.print(Text(for_terminal(note)), soft_wrap=True)
    ending = _ending_by_workers(data["posts"])
    if ending:
        out.print(ending, markup=False)
    if data.get("awaiting_approval"):
        names = ", ".join(data["awaiting_approval"])
        out.print(f"Awaiting approval by their own agency: {names}.", markup=False)
    if data.get("upcoming", {}).get("summary"):
        out.print(f"Upcoming: {data['upcoming']['summary']}.", markup=False)


def status_table() -> Table:
    """The status table, narrow enough for 80 columns: no inner rules, two-line cells (the
    handle over its platform, the kind over the occurrence, the state over the time), and
    the account column as wide as its longest handle, so that a handle is never folded
    mid-word: the state and time wrap at their spaces instead."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("agency", no_wrap=True)
    table.add_column("account", no_wrap=True)
    table.add_column("post", no_wrap=True)
    table.add_column("state, time (UTC)", min_width=10, overflow="fold")
    return table


def _ending_by_workers(posts: list[dict[str, Any]]) -> str | None:
    """The sentence naming the armed agencies whose workers have still to do their share of
    a resolve, cancel or expiry (a mid-case update's replies have their own line)."""
    mine = [p for p in posts if p.get("by_worker") and not p["occurrence"].startswith("update-")]
    if not mine:
        return None
    names = ", ".join(dict.fromkeys(p["agency"] for p in mine))
    does = [
        f"posting the {k}"
        for k in dict.fromkeys(p["kind"] for p in mine if p["state"] == PostState.PLANNED)
    ]
    if any(p["state"] == PostState.POSTED for p in mine):
        does.append("taking their photo posts down")
    return f"Waiting for their own workers: {names} ({' and '.join(does)})."


ARMED_COLOURS = {"posted": "green", "ready": "cyan", "armed": "yellow", "late": "yellow"}


def _armed_table(armed: list[dict[str, Any]]) -> Table:
    """The agencies that fire from their own workers: state, instant, clock offset."""
    from rich.table import Table
    from rich.text import Text

    # Keys and times whole (never cut with "…"): the date over the time, the state wraps.
    table = Table(title="Agency workers (armed launch)", title_justify="left")
    table.add_column("agency", no_wrap=True)
    table.add_column("state")
    table.add_column("instant (UTC)", no_wrap=True)
    table.add_column("ready (UTC)", no_wrap=True)
    table.add_column("clock offset")
    for entry in armed:
        colour = ARMED_COLOURS.get(entry["state"], "red")
        late = f" ({entry['late_seconds']:.0f} s)" if entry.get("late_seconds") else ""
        offset = entry["offset_ms"]
        table.add_row(
            entry["agency"],
            Text(f"{entry['state']}{late}", style=colour),
            entry["fire_at"][:19].replace("T", "\n"),
            (entry["ready_at"] or "")[:23].replace("T", "\n"),
            f"{offset:+.1f} ms" if offset is not None else "",
        )
    return table


# -- audit verify -------------------------------------------------------------------------


def verdict_json(verdict: LogVerdict) -> dict[str, Any]:
    chain = verdict.chain
    return {
        "ok": verdict.ok,
        "entries": chain.entries,
        "broken_at": chain.broken_at,
        "reason": chain.reason,
        "head": chain.head,
        "expected_head": chain.expected_head,
        "expected_head_at": chain.expected_at,
        "approvals": verdict.approvals,
        "approval_problems": list(verdict.problems),
    }


def broken_sentence(verdict: LogVerdict) -> str:
    chain = verdict.chain
    if not chain.ok and chain.broken_at is not None:
        return f"the audit log is broken at entry {chain.broken_at}: {chain.reason}."
    if not chain.ok:
        return f"the audit log is broken: {chain.reason}."
    if len(verdict.problems) == 1:
        return f"the audit log does not hold: {verdict.problems[0]}."
    return f"the audit log does not hold: {len(verdict.problems)} approvals fail:\n" + "\n".join(
        f"  - {p}" for p in verdict.problems
    )


def print_verdict(verdict: LogVerdict) -> None:
    if verdict.ok:
        chain = verdict.chain
        noted = (
            f"; the noted head is entry {chain.expected_at}, still there"
            if chain.expected_head
            else ""
        )
        updates = (
            f" and {verdict.updates} signed update{'s' if verdict.updates != 1 else ''}"
            if verdict.updates
            else ""
        )
        click.echo(
            f"The audit log is intact: {chain.entries} entries, {verdict.approvals} signed "
            f"approvals{updates} verified{noted}. Head: {chain.head}"
        )


# -- demo ---------------------------------------------------------------------------------


def print_demo(result: DemoResult) -> None:
    """The drill's outcome: the status table, the report, where everything was left."""
    out = console()
    out.print()
    print_status(out, result.status)
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
        f"\nThe drill servers ({', '.join(result.platforms)}) have stopped. To look again: "
        f"cd {where} && {_this_command()} status {result.campaign_id}; to check the audit "
        f"log: {_this_command()} audit verify.",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


def print_outcomes(out: Console, title: str, outcomes: list[PostOutcome]) -> None:
    """One row a post: its number, agency, kind and state; then, as `status` prints them,
    each post's link (or what went wrong, as the platform said it) whole on its own line."""
    from rich.table import Table
    from rich.text import Text

    # The title on its own line: over this narrow table rich would wrap it.
    out.print(Text(for_terminal(title), style="bold"))
    table = Table()
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("agency", no_wrap=True, overflow="fold")
    table.add_column("kind")
    table.add_column("state")
    several = _with_several(outcomes)
    for number, o in enumerate(outcomes, start=1):
        colour = "green" if o.state in POST_DONE else "red"
        table.add_row(
            str(number),
            Text(for_terminal(_who(o, several))),
            o.kind,
            f"[{colour}]{o.state}[/{colour}]",
        )
    out.print(table)
    print_whole_lines(
        out,
        ((n, o.url if o.state in POST_DONE else o.error) for n, o in enumerate(outcomes, 1)),
    )


def _this_command() -> str:
    """How the officer can run broadcaster again from another folder: its name when the shell
    finds this same program, else its full path (`make demo` runs .venv/bin/broadcaster with
    no venv activated, so a bare `broadcaster` would be "command not found")."""
    import shlex
    import shutil
    import sys

    program = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if program is None or program.name == "__main__.py":
        return f"{shlex.quote(sys.executable)} -m broadcaster"
    found = shutil.which("broadcaster")
    if found and Path(found).resolve() == program:
        return "broadcaster"
    return shlex.quote(str(program))
