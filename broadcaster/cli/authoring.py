"""Authoring: init, agencies list, validate, preview. Nothing here touches a platform."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from broadcaster.cli.common import (
    AppContext,
    emit_json,
    finish,
    pass_app,
    pass_settings,
    print_error,
)

if TYPE_CHECKING:
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
    from broadcaster.cli.views import authoring as views

    result = scaffold_workspace(directory)
    finish(
        settings,
        views.scaffold_json(directory, result),
        lambda: views.print_scaffold(directory, result),
    )


@click.command("list")
@pass_settings
def agencies_list(settings: Settings) -> None:
    """List the agencies in the registry and whether their credentials are set.

    \b
    Example:
        broadcaster agencies list
        broadcaster --json agencies list
    """
    from broadcaster.authoring.agencies import load_registry
    from broadcaster.cli.views import authoring as views

    registry = load_registry(settings.agencies_path)
    rows = views.agencies_json(registry, registry.missing_credentials(settings.env))
    finish(settings, rows, lambda: views.print_agencies(registry, rows, settings.env_file))


@click.command()
@click.argument(
    "campaigns", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)
@pass_app
@click.pass_context
def validate(ctx: click.Context, app: AppContext, campaigns: tuple[Path, ...]) -> None:
    """Check campaign files: every problem at once, with file and line; nothing is sent.

    \b
    Example:
        broadcaster validate campaigns/*.toml
    """
    from broadcaster.authoring.agencies import load_registry
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.cli.views import authoring as views
    from broadcaster.errors import (
        AgenciesInvalid,
        CampaignFilesInvalid,
        CampaignInvalid,
        InvalidInput,
    )
    from broadcaster.timeutil import utcnow

    settings = app.settings
    registry = load_registry(settings.agencies_path)  # a broken registry stops everything
    now = utcnow()
    results: list[dict[str, Any]] = []
    for path in campaigns:
        try:
            _not_an_id(app, path, "validate")
            prepared = prepare_campaign(path, settings, now=now, registry=registry)
        except AgenciesInvalid:
            raise
        except InvalidInput as error:
            problems = error.problems if isinstance(error, CampaignInvalid) else [error.message]
            results.append({"path": str(path), "ok": False, "problems": problems})
            print_error(error.message)
            continue
        results.append({"path": str(path), "ok": True, "campaign": prepared.id, "problems": []})
        if not settings.json_output:
            views.print_valid(path, prepared)
    bad = [r for r in results if not r["ok"]]
    summary = {"ok": not bad, "campaigns": results}
    if bad:
        problem = CampaignFilesInvalid(
            f"{len(bad)} of {len(results)} campaign files are invalid.", data=summary
        )
        if not settings.json_output:  # each file's problems are on stderr already
            ctx.exit(int(problem.exit_status))
        raise problem
    if settings.json_output:
        emit_json(summary)


@click.command()
@click.argument("campaign", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--agency", "only", multiple=True, metavar="KEY", help="Only this agency (repeat).")
@pass_app
def preview(app: AppContext, campaign: Path, only: tuple[str, ...]) -> None:
    """Show each agency's post: text, weighted length / limit, media and alt text.

    \b
    Example:
        broadcaster preview campaigns/example.toml --agency spvm
    """
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.cli.views import authoring as views
    from broadcaster.timeutil import utcnow

    settings = app.settings
    _not_an_id(app, campaign, "preview")
    prepared = prepare_campaign(campaign, settings, check_credentials=False, now=utcnow())
    posts = [prepared.post_for(key) for key in only] if only else prepared.posts
    finish(
        settings,
        views.preview_json(prepared, posts),
        lambda: views.print_preview(prepared, posts),
    )


def _not_an_id(app: AppContext, campaign: Path, command: str) -> None:
    """A campaign id the database knows is answered with the file it recorded, not with
    "campaign file not found" (as `launch` and `approve` do). No database yet: the
    file-not-found sentence says where it looked, and none is created."""
    from broadcaster.authoring.campaign_ids import may_be_an_id, refuse_an_id
    from broadcaster.errors import BroadcasterError

    if not may_be_an_id(campaign):
        return
    try:
        engine = app.existing_engine
    except BroadcasterError:
        return
    refuse_an_id(engine, str(campaign), command)
