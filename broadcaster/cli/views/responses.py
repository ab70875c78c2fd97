"""Views of the responses area: track (its progress bar and table), tips, report, purge."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import click

from broadcaster.cli.common import console, emit_json
from broadcaster.cli.views.links import print_whole_lines
from broadcaster.cli.views.packed import print_packed
from broadcaster.safetext import for_terminal, inert_json

if TYPE_CHECKING:
    from pathlib import Path

    from broadcaster.responses.retention import PurgeReport
    from broadcaster.responses.tips import FollowUp, Origins, Relabel, Response
    from broadcaster.responses.tracking import TrackReport


def count(number: int, word: str, words: str | None = None) -> str:
    return f"{number:,} {word if number == 1 else (words or word + 's')}"


# -- track --------------------------------------------------------------------------------


class ProgressDisplay:
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

    def __enter__(self) -> ProgressDisplay:
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


def offered(platform: str | None, metric: str) -> bool:
    """Whether `platform` reports `metric` (its registry capabilities): where it does not,
    a view shows "—", never a 0 that reads as "nobody saw it". Unknown: assume it does."""
    if not platform:
        return True
    from broadcaster.platforms.registry import reported_metrics

    reported = reported_metrics(platform)
    return reported is None or metric in reported


def print_track(result: TrackReport, platforms: Mapping[str, str] | None = None) -> None:
    """One row a post, numbered; each post's id follows the table whole on its own line (a
    cell at 80 columns would cut it). `platforms`: each post's platform by its remote id."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from broadcaster.responses.report import fmt_time
    from broadcaster.responses.tips import LABELS

    out = console()
    if not result.posts:
        out.print(f"Campaign {result.campaign_id} has no posted posts to track yet.")
        return
    out.print(Text(f"Tracked {result.campaign_id}", style="bold"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    table.add_column("#", justify="right", no_wrap=True)
    for column in ("agency", "post"):
        table.add_column(column, no_wrap=True)
    for column in ("impressions", "engagements", "replies read", "new"):
        table.add_column(column, justify="right", no_wrap=column != "replies read")
    table.add_column("note", min_width=10)
    for number, post in enumerate(result.posts, start=1):
        metrics = post.metrics
        engaged = (
            metrics.reposts + metrics.quotes + metrics.replies + metrics.likes + metrics.bookmarks
            if metrics
            else None
        )
        if post.error:
            note = Text(for_terminal(post.error), style="red")
        elif post.deferred_until:
            note = Text(f"rate-limited; deferred until {fmt_time(post.deferred_until)}", "yellow")
        else:
            note = Text("ok", style="green")
        table.add_row(
            str(number),
            Text(for_terminal(post.agency)),
            Text(for_terminal(post.kind)),
            (
                f"{metrics.impressions:,}"
                if metrics and offered((platforms or {}).get(post.remote_id), "impressions")
                else "—"
            ),
            f"{engaged:,}" if engaged is not None else "—",
            f"{post.fetched:,}",
            f"{post.new_replies:,}",
            note,
        )
    out.print(table)
    print_whole_lines(out, ((n, f"id {p.remote_id}") for n, p in enumerate(result.posts, 1)))
    labels = ", ".join(f"{label} {result.labels.get(label, 0):,}" for label in LABELS)
    out.print(f"Stored {count(result.new_replies, 'new reply', 'new replies')} ({labels}).")


def next_run_note(every: str) -> None:
    console(stderr=True).print(f"[dim]next run in {every}; Ctrl-C stops.[/dim]", highlight=False)


# -- tips ---------------------------------------------------------------------------------


def follow_up_json(campaign_id: str, done: FollowUp) -> dict[str, Any]:
    return {
        "campaign": campaign_id,
        "id": done.id,
        "label": done.label,
        "followed_up_by": done.by,
        "followed_up_at": done.at,
        "already": done.already,
    }


def print_follow_up(done: FollowUp) -> None:
    from broadcaster.responses.report import fmt_time

    reply, by = for_terminal(done.id), for_terminal(done.by)
    if done.already:
        click.echo(f"Reply {reply} was already marked followed-up by {by} at {fmt_time(done.at)}.")
    else:
        click.echo(f"Marked reply {reply} ({done.label}) followed-up by {by}.")


def relabel_json(campaign_id: str, done: Relabel) -> dict[str, Any]:
    return {
        "campaign": campaign_id,
        "id": done.id,
        "from": done.old,
        "label": done.new,
        "relabelled_by": done.by,
        "relabelled_at": done.at,
        "cluster": done.cluster,
        "followed": done.followed,
        "changed": done.changed,
    }


def print_relabel(done: Relabel) -> None:
    reply, by = for_terminal(done.id), for_terminal(done.by)
    if done.cluster is None:
        cluster = "it was judged alone, so no other reply follows"
    else:
        cluster = (
            f"{count(done.followed, 'other reply', 'other replies')} of its flood cluster "
            "follow" + ("s" if done.followed == 1 else "")
        )
    click.echo(
        f"Relabelled reply {reply} {done.old} → {done.new} as officer {by}; {cluster}; "
        f"{count(done.changed, 'reply', 'replies')} changed label."
    )


def write_tips_json(rows: Iterable[Response]) -> None:
    """One JSON array, streamed so that a million rows never sit in memory at once. The
    text is as stored; control and bidi characters are written as escapes (inert_json)."""
    out = sys.stdout
    out.write("[")
    for index, row in enumerate(rows):
        item = inert_json(json.dumps(row.to_json(), ensure_ascii=False))
        out.write(("," if index else "") + "\n  " + item)
    out.write("\n]\n")


def print_tips(
    campaign_id: str,
    rows: list[Response],
    total: int,
    label: str | None,
    origins: Origins | None = None,
    stored: int | None = None,
) -> None:
    """One block per reply (label, time, who, id; the text; why; the link): it reads the
    same in a narrow terminal as in a wide one, and long links stay whole. Strangers' text
    is shown as text (never markup) and without control or bidi characters. `stored` is
    how many replies the campaign has of any label."""
    from rich.text import Text

    from broadcaster.responses.report import fmt_time, shorten_reply
    from broadcaster.responses.tips import PURGED_TEXT

    out = console()
    what = f"{label} replies" if label else "responses"
    if not rows:
        if label and stored:
            # Replies are there, only none with this label: "run track" would mislead.
            out.print(
                f"{campaign_id}: {count(stored, 'reply', 'replies')} stored, none labelled "
                f"{label}; `broadcaster tips {campaign_id}` shows them all.",
                markup=False,
                highlight=False,
            )
        else:
            out.print(
                f"No {what} stored for {campaign_id} yet; run `broadcaster track` first.",
                markup=False,
                highlight=False,
            )
        return
    out.print(Text(f"{campaign_id}: {what}, tips first, newest first", style="bold"))
    if origins is not None:
        by_officers = origins.officer + origins.followed
        out.print(
            f"{origins.machine:,} labelled by triage, {by_officers:,} by officers "
            f"({origins.officer:,} relabelled, {origins.followed:,} following their flood "
            "cluster)"
        )
    style = {"tip": "bold green", "question": "bold cyan", "abuse": "bold red", "spam": "dim"}
    for row in rows:
        # The head's pieces stay whole (views/packed.py): the id right after the time, where
        # `--followed-up ID` finds it, never split from "id" onto a line of its own.
        head = Text(f"{row.label.upper():<8}", style=style.get(row.label, "bold"))
        head.append(f" {fmt_time(row.created_at)}")
        pieces = [head, Text(for_terminal(f"id {row.id}"), style="dim")]
        who = Text(for_terminal(row.author or "(replier removed)"))
        pieces.append(who.append(for_terminal(f" via {row.agency or '?'}"), style="dim"))
        if row.followed_up_by:
            pieces.append(Text(for_terminal(f"followed up by {row.followed_up_by}"), "green"))
        if row.relabelled_by and row.machine_label and row.machine_label != row.label:
            pieces.append(Text(for_terminal(f"triage said {row.machine_label}"), "yellow"))
        out.print()
        print_packed(out, pieces, indent=9)
        body = (
            PURGED_TEXT
            if row.purged
            else shorten_reply(for_terminal(row.text or ""), "--format csv / json")
        )
        out.print(Text(body), style="italic" if row.purged else "")
        if row.reasons:
            out.print(Text(for_terminal("why: " + "; ".join(row.reasons)), style="dim"))
        url = for_terminal(row.url)
        out.print(Text(url, style=f"link {url}" if " " not in url else ""), soft_wrap=True)
    if total > len(rows):
        out.print(
            f"\nShowing {len(rows):,} of {total:,}; --limit 0 shows all, --label narrows, "
            "--format csv exports them."
        )


# -- report -------------------------------------------------------------------------------


def show_report_written(json_output: bool, campaign_id: str, fmt: str, target: Path) -> None:
    if json_output and fmt != "json":
        emit_json({"campaign": campaign_id, "format": fmt, "output": str(target)})
    else:
        click.echo(f"Wrote the {fmt} report for {campaign_id} to {target}.", err=fmt == "json")


# -- purge --------------------------------------------------------------------------------


def print_purge(done: PurgeReport, older_than: str, dry_run: bool) -> None:
    from broadcaster.responses.report import fmt_time

    verb = "Would remove" if dry_run else "Removed"
    where = f" in {count(len(done.campaigns), 'campaign')}" if done.replies else ""
    click.echo(
        f"{verb} replier data (handle, id, text) from {count(done.replies, 'reply', 'replies')} "
        f"received before {fmt_time(done.cutoff)} (older than {older_than}){where}; "
        "labels and counts stay."
    )
    if done.unhandled_tips:
        click.echo(
            f"Among them {count(done.unhandled_tips, 'tip')} never marked followed-up"
            + ("; check them before purging." if dry_run else ".")
        )
