"""Views of the case lifecycle and the scheduler: update, resolve, cancel, tick, run,
export-cap."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from broadcaster.cli.common import console, emit_json
from broadcaster.cli.views.launching import print_outcomes
from broadcaster.safetext import for_terminal
from broadcaster.states import JobOutcome, PostState

if TYPE_CHECKING:
    from broadcaster.campaign.ending_preview import EndingPreview
    from broadcaster.campaign.lifecycle import LifecycleReport
    from broadcaster.campaign.updates import UpdateReport
    from broadcaster.jobs.queue import JobResult, TickReport

# The outcomes a pass summary counts, in this order ("lost" claims are only listed).
COUNTED = (
    JobOutcome.DONE,
    JobOutcome.RETRY,
    JobOutcome.FAILED,
    JobOutcome.SKIPPED,
    JobOutcome.CANCELLED,
)
COLOURS: dict[str, str] = {
    JobOutcome.DONE: "green",
    JobOutcome.RETRY: "yellow",
    JobOutcome.FAILED: "red",
}


# -- update -----------------------------------------------------------------------------------


def _retry_sentence(failed: list[str], what: str) -> str:
    shown = "; ".join(failed[:3]) + (f"; and {len(failed) - 3} more" if len(failed) > 3 else "")
    return (
        f"{len(failed)} of {what} did not go through ({shown}); run the same command again "
        "to retry only those."
    )


def update_failures(report: UpdateReport) -> str:
    """The sentence of an update that left replies unsent or old photo posts up."""
    return _retry_sentence(report.failures, f"update {report.number}'s posts or take-downs")


def photo_lines(report: UpdateReport) -> list[str]:
    """A dry run's new photo and, per language, the alt text that goes out with it: the
    update's own, or (an update signed before they existed) the campaign's, said so, since
    that one describes the earlier photo."""
    if report.photo_alt_own:
        head = f"with the new photo {report.photo_file}, described for screen readers as:"
    else:
        head = (
            f"with the new photo {report.photo_file}, described as the campaign's photo_alt "
            f"(update {report.number} was signed before updates carried their own alt text):"
        )
    alts = [f"  {lang}: {text!r}" for lang, text in sorted(report.photo_alt.items())]
    return [head, *(alts or ["  (no alt text)"]), "the earlier photo posts come down."]


def print_update(report: UpdateReport) -> None:
    from rich.panel import Panel
    from rich.text import Text

    out = console()
    if report.dry_run:
        out.print(f"Dry run: update {report.number} of {report.campaign_id} would post:")
        if report.photo_file:
            for said in photo_lines(report):
                out.print(Text(for_terminal(said)), soft_wrap=True)
        for post in report.planned:
            title = for_terminal(f"{post['agency']} {post['handle']}")
            out.print(Panel(Text(for_terminal(post["text"])), title=title))
            answers = post["reply_to_url"] or post["in_reply_to"] or "(no thread on this platform)"
            out.print(Text(for_terminal(f"  in reply to {answers}")), soft_wrap=True)
    else:
        who = f"signed by {report.officer}" + (" (completing it)" if report.again else "")
        send = report.send
        if send is not None and send.outcomes:
            title = f"Update {report.number} of {report.campaign_id}, {who}"
            print_outcomes(out, title, send.outcomes)
        for t in report.taken_down:
            down = t.state == PostState.DELETED
            line = Text(for_terminal(f"{t.agency} {t.kind} {t.remote_id}: "))
            line.append(
                "taken down (replaced by the new photo)" if down else for_terminal(t.error or ""),
                style="green" if down else "red",
            )
            out.print(line)
    if report.not_posted:
        out.print(
            f"No update from {', '.join(report.not_posted)}: no post of theirs is up to reply to."
        )
    click.echo(report.summary() + ".")


# -- resolve and cancel -------------------------------------------------------------------


def follow_up_failures(report: LifecycleReport) -> str:
    """The sentence of a resolve or cancel that left posts unsent or photo posts up."""
    return _retry_sentence(report.failures, f"the {report.action}'s posts or deletions")


def print_lifecycle(report: LifecycleReport) -> None:

    out = console()
    send = report.send
    if send is not None and send.outcomes:
        title = f"{report.action.capitalize()} of {report.campaign_id}"
        print_outcomes(out, title, send.outcomes)
    from rich.text import Text

    for t in report.taken_down:
        down = t.state == PostState.DELETED
        line = Text(for_terminal(f"{t.agency} {t.kind} {t.remote_id}: "))
        line.append(
            "taken down" if down else for_terminal(t.error or ""), style="green" if down else "red"
        )
        out.print(line)
    if report.kept_originals:
        out.print("The original posts were kept (--keep-originals).")
    if report.not_posted:
        out.print(f"No post from {', '.join(report.not_posted)}: they never posted the alert.")
    click.echo(report.summary() + ".")


def print_ending_preview(preview: EndingPreview) -> None:
    """What resolve or cancel would post and take down; links printed whole (a terminal
    can open them), each post's text in a panel as it would read."""
    from rich.panel import Panel
    from rich.text import Text

    out = console()
    what = "update" if preview.action == "resolve" else "correction"
    out.print(f"Dry run: {preview.action} of {preview.campaign_id} would post:")
    for post in preview.posts:
        title = post.agency + (" (from its own worker)" if post.by_worker else "")
        out.print(Panel(Text(for_terminal(post.text)), title=for_terminal(title)))
    if not preview.posts:
        out.print(f"no {what}: no agency has posted the alert.")
    if preview.take_downs:
        out.print(f"and take down {len(preview.take_downs)} posts with the photo:")
        for down in preview.take_downs:
            shown = f"  {down.agency} {down.handle} {down.kind} {down.url or ''}".rstrip()
            shown += " (by its own worker)" if down.by_worker else ""
            out.print(Text(for_terminal(shown)), soft_wrap=True)
    if preview.jobs_stopped:
        out.print(f"and stop {preview.jobs_stopped} scheduled jobs (reposts, tracking, expiry).")
    if preview.not_posted:
        out.print(f"No {what} from {', '.join(preview.not_posted)}: they never posted the alert.")
    workers = preview.workers()
    if workers:  # armed agencies: this process has not their keys
        its = "its" if len(preview.by_workers) == 1 else "their"
        out.print(f"{workers[0].upper()}{workers[1:]}, at {its} next pass.", markup=False)
    click.echo("Nothing was sent, deleted or changed (--dry-run).")


# -- the scheduler ------------------------------------------------------------------------


def tick_failures(failed: list[JobResult]) -> str:
    """The sentence of a pass that ended with failed jobs, naming the first."""
    first = failed[0]
    detail = (first.detail or "no detail").rstrip(".")
    return (
        f"{len(failed)} scheduled job(s) failed, first {first.claim.kind} of "
        f"{first.claim.campaign_id}: {detail}; see broadcaster status "
        f"{first.claim.campaign_id}."
    )


def refused_updates(follow_ups: list[dict[str, Any]]) -> str:
    """The sentence of an agency worker's pass that would not post a mid-case update."""
    first = follow_ups[0]
    why = "; ".join(str(w) for f in follow_ups for w in f["refused"])
    return (
        f"this worker refused to post a mid-case update of {first['campaign']} for "
        f"{', '.join(first['agencies'])} ({for_terminal(why)}); nothing of it was posted — "
        "have an approver sign the update again (`update`), or check the database."
    )


def armed_failures(armed: list[dict[str, Any]]) -> str:
    """The sentence of an agency worker's pass whose armed launch did not all post."""
    first = armed[0]
    detail = str(first["detail"] or "not posted").rstrip(".")
    return (
        f"the armed launch of {first['campaign']} did not all post from this worker "
        f"({detail}); see broadcaster status {first['campaign']}."
    )


def show_pass(json_output: bool, report: TickReport) -> None:
    """One pass of `run`: a JSON line, or its jobs and their counts (nothing when idle)."""
    news = [a for a in report.armed if a["outcome"] not in ("waiting", "busy")]
    if not report.results and not news and not report.follow_ups:
        return
    if json_output:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print_tick(report)


def print_tick(report: TickReport) -> None:
    from rich.text import Text

    out = console()
    for armed in report.armed:  # an agency worker's armed launches
        detail = f": {armed['detail']}" if armed["detail"] else ""
        late = f", late {armed['late_seconds']:.1f} s" if armed["late_seconds"] else ""
        offset = armed["offset_ms"]
        clock = f" (clock offset {offset:+.1f} ms{late})" if offset is not None else ""
        colour = {"posted": "green", "failed": "red", "waiting": "yellow"}.get(armed["outcome"])
        line = Text(f"{armed['outcome']:<9}", style=colour or "dim")
        line.append(
            for_terminal(
                f" armed launch {armed['campaign']} {', '.join(armed['agencies'])} at "
                f"{armed['fire_at'][:19].replace('T', ' ')} UTC{clock}{detail}"
            )
        )
        out.print(line, highlight=False)
    for follow in report.follow_ups:  # an agency worker's updates and take-downs
        done = [
            *follow.get("posted", []),
            *follow.get("taken_down", []),
            *follow.get("failed", []),
            *follow.get("tracked", []),
        ]
        out.print(
            Text(f"{'follow-up':<9}", style="green").append(
                for_terminal(f" {follow['campaign']}: {'; '.join(done) or 'nothing new'}")
            ),
            highlight=False,
        )
    for r in report.results:
        c = r.claim
        who = f" {c.agency}" if c.agency else ""
        when = f" {c.occurrence}" if c.occurrence and c.occurrence != "launch" else ""
        colour = COLOURS.get(r.outcome, "dim")
        detail = f": {r.detail}" if r.detail else ""
        line = Text(f"{r.outcome:<9}", style=colour)
        line.append(for_terminal(f" {c.kind} {c.campaign_id}{who}{when}{detail}"))
        out.print(line, highlight=False)
    counts = {o: report.count(o) for o in COUNTED}
    shown = ", ".join(f"{n} {o}" for o, n in counts.items() if n) or "nothing was due"
    out.print(f"[dim]{len(report.results)} jobs: {shown}.[/dim]")


def worker_note(worker_id: str, what: str) -> None:
    console(stderr=True).print(f"[dim]worker {worker_id}: {what}.[/dim]")


# -- CAP ----------------------------------------------------------------------------------


def show_cap(json_output: bool, campaign: str, output: Path, size: int) -> None:
    if json_output:
        emit_json({"campaign": campaign, "output": str(output), "bytes": size})
    else:
        click.echo(f"Wrote {output} ({size} bytes).", err=True)
