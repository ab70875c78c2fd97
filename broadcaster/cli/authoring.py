"""Authoring: init, agencies list, validate, preview. Nothing here touches a platform."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from broadcaster.cli.common import console, emit_json, pass_settings

if TYPE_CHECKING:
    from broadcaster.authoring.prepare import PreparedCampaign, RenderedPost
    from broadcaster.config import Settings


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    cli.add_command(init)
    cli.add_command(validate)
    cli.add_command(preview)
    group = cli.commands["agencies"]
    assert isinstance(group, click.Group)
    group.add_command(agencies_list)


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@pass_settings
def init(settings: Settings, directory: Path) -> None:
    """Scaffold a working folder: agencies, .env, an example campaign, templates/.

    \b
    Example:
        broadcaster init drill && cd drill && broadcaster validate campaigns/example.toml
    """
    from broadcaster.authoring.scaffold import scaffold_workspace

    result = scaffold_workspace(directory)
    if settings.json_output:
        emit_json(
            {
                "folder": str(directory),
                "written": [str(p) for p in result.written],
                "skipped": [str(p) for p in result.skipped],
            }
        )
        return
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


@click.command("list")
@pass_settings
def agencies_list(settings: Settings) -> None:
    """List the agencies in the registry and whether their credentials are set.

    \b
    Example:
        broadcaster agencies list --json
    """
    from broadcaster.authoring.agencies import load_registry

    registry = load_registry(settings.agencies_path)
    missing = registry.missing_credentials(settings.env)
    rows: list[dict[str, Any]] = [
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
        }
        for a in registry
    ]
    if settings.json_output:
        emit_json(rows)
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} agencies in {registry.path}", title_justify="left")
    for column in ("key", "name", "platform", "handle", "lang", "time zone", "credentials"):
        table.add_column(column, no_wrap=column in ("key", "handle", "lang"))
    for row in rows:
        table.add_row(
            row["key"],
            row["name"],
            row["platform"],
            row["handle"],
            row["language"],
            row["timezone"],
            "set" if row["credentials_set"] else "[red]missing[/red]",
        )
    out = console()
    out.print(table)
    for row in rows:
        if not row["credentials_set"]:
            out.print(f"{row['key']}: set {', '.join(row['missing_variables'])} in .env.")


@click.command()
@click.argument(
    "campaigns", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)
@click.pass_context
def validate(ctx: click.Context, campaigns: tuple[Path, ...]) -> None:
    """Check campaign files: every problem at once, with file and line; nothing is sent.

    \b
    Example:
        broadcaster validate campaigns/*.toml
    """
    from broadcaster.authoring.agencies import load_registry
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.errors import AgenciesInvalid, CampaignInvalid, ExitStatus, InvalidInput
    from broadcaster.timeutil import utcnow

    settings: Settings = ctx.obj
    registry = load_registry(settings.agencies_path)  # a broken registry stops everything
    now = utcnow()
    results: list[dict[str, Any]] = []
    for path in campaigns:
        try:
            prepared = prepare_campaign(path, settings, now=now, registry=registry)
        except AgenciesInvalid:
            raise
        except InvalidInput as error:
            problems = error.problems if isinstance(error, CampaignInvalid) else [error.message]
            results.append({"path": str(path), "ok": False, "problems": problems})
            click.echo(f"Error: {error.message}", err=True)
            continue
        results.append({"path": str(path), "ok": True, "campaign": prepared.id, "problems": []})
        if not settings.json_output:
            click.echo(
                f"{path}: OK, campaign {prepared.id!r} for {len(prepared.agencies)} agencies "
                f"({', '.join(a.key for a in prepared.agencies)}); nothing was sent."
            )
    bad = [r for r in results if not r["ok"]]
    if settings.json_output:
        summary: dict[str, Any] = {"ok": not bad, "campaigns": results}
        if bad:
            summary["error"] = f"{len(bad)} of {len(results)} campaign files are invalid."
            summary["exit_code"] = int(ExitStatus.INVALID)
        emit_json(summary)
    if bad:
        ctx.exit(int(ExitStatus.INVALID))


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
    }


@click.command()
@click.argument("campaign", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--agency", "only", multiple=True, metavar="KEY", help="Only this agency (repeat).")
@pass_settings
def preview(settings: Settings, campaign: Path, only: tuple[str, ...]) -> None:
    """Show each agency's post: text, weighted length / limit, media and alt text.

    \b
    Example:
        broadcaster preview campaigns/example.toml --agency spvm
    """
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.timeutil import utcnow

    prepared = prepare_campaign(campaign, settings, check_credentials=False, now=utcnow())
    posts = [prepared.post_for(key) for key in only] if only else prepared.posts
    if settings.json_output:
        emit_json({"campaign": prepared.id, "posts": [_post_json(p) for p in posts]})
        return
    _print_preview(prepared, posts)


def _print_preview(prepared: PreparedCampaign, posts: list[RenderedPost]) -> None:
    from rich.panel import Panel
    from rich.text import Text

    out = console()
    campaign = prepared.campaign
    drill = " (EXERCISE: every post says so)" if campaign.is_exercise else ""
    out.print(
        f"[bold]{campaign.id}[/bold]: {campaign.kind}, {campaign.mode}, "
        f"{len(prepared.agencies)} agencies{drill}"
    )
    for post in posts:
        agency = prepared.agency(post.agency)
        body = Text(post.text) if post.text else Text(f"(reposts {campaign.lead}'s post)")
        if post.media:
            body.append("\n\n")
            body.append(f"photo: {', '.join(post.media)}", style="cyan")
            if prepared.photo is not None:
                body.append(f" ({prepared.photo.width}×{prepared.photo.height}, metadata removed)")
            body.append(f"\nalt text: {post.alt_text}", style="cyan")
        colour = "red" if post.over_limit else "green"
        action = "" if post.action == "post" else f" · {post.action} of {campaign.lead}'s post"
        out.print(
            Panel(
                body,
                title=f"{agency.key} · {agency.name} · {agency.handle} ({agency.platform}, "
                f"{agency.language}){action}",
                title_align="left",
                subtitle=f"[{colour}]{post.weighted_length} / {post.limit}[/{colour}]",
                subtitle_align="right",
            )
        )
