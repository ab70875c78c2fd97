"""Views of the authoring area: init, agencies list, validate, preview."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from broadcaster.cli.common import console
from broadcaster.cli.views.packed import print_packed
from broadcaster.safetext import for_terminal

if TYPE_CHECKING:
    from rich.table import Column, Table
    from rich.text import Text

    from broadcaster.authoring.agencies import Registry
    from broadcaster.authoring.prepare import PreparedCampaign, RenderedPost
    from broadcaster.authoring.scaffold import Scaffolded


# -- init ---------------------------------------------------------------------------------


def scaffold_json(directory: Path, result: Scaffolded) -> dict[str, Any]:
    return {
        "folder": str(directory),
        "written": [str(p) for p in result.written],
        "skipped": [str(p) for p in result.skipped],
    }


def print_scaffold(directory: Path, result: Scaffolded) -> None:
    for path in result.written:
        click.echo(f"wrote {path}")
    for path in result.skipped:
        click.echo(f"skipped {path} (already there; left as it is)")
    if any(p.name == ".env" for p in result.written):
        click.echo(
            "The .env holds DRILL-ONLY credentials for the local sandbox; "
            "replace them before posting for real."
        )
    where = "" if directory == Path(".") else f"cd {directory} && "
    click.echo(f"Next: {where}broadcaster validate campaigns/example.toml")


# -- agencies list ------------------------------------------------------------------------


def agencies_json(registry: Registry, missing: dict[str, list[str]]) -> list[dict[str, Any]]:
    return [
        {
            "key": a.key,
            "name": a.name,
            "platform": a.platform,
            "handle": a.handle,
            "language": a.language,
            "timezone": a.timezone,
            "tip_line": a.tip_line,
            "tip_url": a.tip_url,
            "credentials": a.credentials,
            "credentials_set": a.key not in missing,
            "missing_variables": missing.get(a.key, []),
            "accounts": [
                {
                    "platform": account.platform,
                    "handle": account.handle,
                    "credentials": account.credentials,
                    "server": account.server,
                }
                for account in a.accounts
            ],
        }
        for a in registry
    ]


def print_agencies(registry: Registry, rows: list[dict[str, Any]], env_file: Path) -> None:
    """Two-line cells so that 80 columns hold it: the key over the name (the name wraps at
    its spaces), the handle over the platform, the language over the time zone. Handles,
    time zones and the headers are never cut or folded."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    title = f"{len(rows)} agencies in {registry.path}"
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column("agency\nname", min_width=8)
    table.add_column("account\nplatform", no_wrap=True)
    table.add_column("language\ntime zone", no_wrap=True)
    table.add_column("\ncredentials", no_wrap=True)
    for row in rows:
        agency = Text(for_terminal(row["key"]), style="bold")
        agency.append(for_terminal(f"\n{row['name']}"))
        table.add_row(
            agency,
            Text(for_terminal(f"{row['handle']}\n{row['platform']}")),
            Text(for_terminal(f"{row['language']}\n{row['timezone']}")),
            Text("set") if row["credentials_set"] else Text("missing", style="red"),
        )
    out = console()
    if _fits(table, out.width):
        out.print(table)
    else:  # a handle and a time zone too long for one row: one block an agency
        out.print(title, markup=False, highlight=False)
        for row in rows:
            print_packed(out, _agency_pieces(row))
    for row in rows:
        if not row["credentials_set"]:
            # The env file actually read (--env-file), as `agencies check` names it.
            missing = ", ".join(row["missing_variables"])
            out.print(
                Text(for_terminal(f"{row['key']}: set {missing} in the environment or {env_file}."))
            )


def _fits(table: Table, width: int) -> bool:
    """Whether the unwrapped columns (account, time zone, credentials), at their widest,
    leave the agency column its minimum: else rich would cut them with "…"."""
    from rich.cells import cell_len

    def widest(column: Column) -> int:
        cells = [column.header, *column.cells]
        return max(cell_len(line) for cell in cells for line in str(cell).splitlines())

    columns = table.columns
    gaps = 2 * (len(columns) - 1)
    fixed = sum(widest(c) for c in columns if c.no_wrap)
    return gaps + fixed + sum(c.min_width or 0 for c in columns if not c.no_wrap) <= width


def _agency_pieces(row: dict[str, Any]) -> list[Text]:
    """An agency as whole pieces (views/packed.py): key and name, account, language and
    time zone, credentials."""
    from rich.text import Text

    head = Text(for_terminal(row["key"]), style="bold").append(for_terminal(f"  {row['name']}"))
    return [
        head,
        Text(for_terminal(f"{row['handle']} ({row['platform']})")),
        Text(for_terminal(f"{row['language']}, {row['timezone']}")),
        Text("credentials set")
        if row["credentials_set"]
        else Text("credentials missing", style="red"),
    ]


# -- validate -----------------------------------------------------------------------------


def print_valid(path: Path, prepared: PreparedCampaign) -> None:
    click.echo(
        f"{path}: OK, campaign {prepared.id!r} for {len(prepared.agencies)} agencies "
        f"({', '.join(a.key for a in prepared.agencies)}); nothing was sent."
    )


# -- preview ------------------------------------------------------------------------------


def preview_json(prepared: PreparedCampaign, posts: list[RenderedPost]) -> dict[str, Any]:
    return {"campaign": prepared.id, "posts": [_post_json(p) for p in posts]}


def _post_json(post: RenderedPost) -> dict[str, Any]:
    return {
        "agency": post.agency,
        "platform": post.platform,
        "language": post.language,
        "text": post.text,
        "weighted_length": post.weighted_length,
        "limit": post.limit,
        "media": list(post.media),
        "alt_text": post.alt_text,
        "action": post.action,
        "accounts": [
            {
                "platform": a.platform,
                "handle": a.handle,
                "weighted_length": a.weighted_length,
                "limit": a.limit,
            }
            for a in post.accounts
        ],
    }


def print_preview(prepared: PreparedCampaign, posts: list[RenderedPost]) -> None:
    from rich.panel import Panel
    from rich.text import Text

    out = console()
    campaign = prepared.campaign
    drill = " (EXERCISE: every post says so)" if campaign.is_exercise else ""
    # Campaigns and templates travel between agencies: what they render is printed as
    # text (never markup) and without control or bidi characters.
    out.print(
        Text(for_terminal(campaign.id), style="bold")
        + Text(for_terminal(f": {campaign.kind}, {campaign.mode}, "))
        + Text(f"{len(prepared.agencies)} agencies{drill}")
    )
    for post in posts:
        agency = prepared.agency(post.agency)
        body = Text(for_terminal(post.text or f"(reposts {campaign.lead}'s post)"))
        if post.media:
            body.append("\n\n")
            body.append(f"photo: {', '.join(post.media)}", style="cyan")
            if prepared.photo is not None:
                body.append(f" ({prepared.photo.width}×{prepared.photo.height}, metadata removed)")
            body.append(for_terminal(f"\nalt text: {post.alt_text}"), style="cyan")
        action = "" if post.action == "post" else f" · {post.action} of {campaign.lead}'s post"
        several = len(post.accounts) > 1
        where = (
            ", ".join(f"{a.handle} ({a.platform})" for a in post.accounts)
            if several
            else f"{agency.handle} ({agency.platform}" + f", {agency.language})"
        )
        where = f"{where}, {agency.language}" if several else where
        # Each account's length under its own platform's rule.
        lengths = (
            " · ".join(
                f"[{'red' if a.over_limit else 'green'}]"
                + (f"{a.platform} " if several else "")
                + f"{a.weighted_length} / {a.limit}[/]"
                for a in post.accounts
            )
            or f"[{'red' if post.over_limit else 'green'}]{post.weighted_length} / {post.limit}[/]"
        )
        title = Text(for_terminal(f"{agency.key} · {agency.name} · {where}{action}"))
        if title.cell_len + 6 > out.width:
            # A panel cuts a title wider than itself with "…", handle and all: the key stays
            # the title and the rest opens the panel, wrapped at its spaces.
            head = Text(for_terminal(f"{agency.name} · {where}{action}"), style="bold")
            body = head.append("\n\n").append_text(body)
            title = Text(for_terminal(agency.key))
        out.print(
            Panel(
                body,
                title=title,
                title_align="left",
                subtitle=lengths,
                subtitle_align="right",
            )
        )
