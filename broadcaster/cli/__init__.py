"""The command line: a thin adapter over the core.

Each command resolves settings, calls one core function, prints the result and lets the
core's errors become exit codes here, in one place. Command modules import only click at
the top so that `broadcaster --help` stays fast; the core is imported inside each command.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import click

from broadcaster import __version__
from broadcaster.cli.common import AppContext, emit_json, print_error
from broadcaster.config import Settings, load_settings
from broadcaster.errors import BroadcasterError, ExitStatus


def _reraise_bugs(settings: Settings | None) -> bool:
    """Under tests or with -v a bug keeps its traceback; users see a sentence."""
    if os.environ.get("BROADCASTER_RAISE_BUGS"):
        return True
    return bool(settings and settings.verbose)


def _settings(ctx: click.Context) -> Settings | None:
    app = ctx.find_object(AppContext)
    return app.settings if app is not None else None


def fail(ctx: click.Context, error: BroadcasterError) -> None:
    """Report an expected error: the sentence on stderr; with --json also on stdout, with the
    error's payload (what the command had to show) around it."""
    settings = _settings(ctx)
    print_error(error.message)
    if settings is not None and settings.json_output:
        outcome = {"error": error.message, "exit_code": int(error.exit_status)}
        if error.data:  # a result that failed: shown like the command's own output
            emit_json({**error.data, **outcome})
        else:
            click.echo(json.dumps(outcome))
    ctx.exit(int(error.exit_status))


class BroadcasterGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a reader gone away shows here, inside the handlers below
            return result
        except BroadcasterError as error:
            fail(ctx, error)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(int(ExitStatus.INTERRUPTED))
        except BrokenPipeError:
            # The reader went away (`... | head`): what it read is what it wanted. Point
            # stdout at /dev/null so the interpreter's last flush cannot fail again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)
        except Exception as error:  # a bug: say so plainly, keep the traceback for -v
            settings = _settings(ctx)
            if _reraise_bugs(settings):
                raise
            click.echo(
                f"Error: broadcaster hit a bug ({type(error).__name__}); "
                "run again with -v for details and report it.",
                err=True,
            )
            if settings is not None and settings.json_output:
                click.echo(json.dumps({"error": "internal error", "exit_code": 1}))
            ctx.exit(int(ExitStatus.BUG))


@click.group(cls=BroadcasterGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="broadcaster")
@click.option(
    "--db",
    "db_url",
    metavar="URL",
    help="Database URL [env var: BROADCASTER_DB; default: sqlite:///broadcaster.db].",
)
@click.option(
    "--agencies",
    "agencies_path",
    type=click.Path(dir_okay=False),
    help="Agencies registry [default: ./agencies.toml].",
)
@click.option(
    "--env-file",
    type=click.Path(dir_okay=False),
    default=".env",
    show_default=True,
    help="File of credential variables (python-dotenv).",
)
@click.option("--json", "json_output", is_flag=True, help="Machine-readable output on stdout.")
@click.option("-v", "--verbose", count=True, help="More detail; tracebacks for bugs.")
@click.pass_context
def cli(
    ctx: click.Context,
    db_url: str | None,
    agencies_path: str | None,
    env_file: str,
    json_output: bool,
    verbose: int,
) -> None:
    """Coordinated police appeals: one alert, every agency, the same moment.

    \b
    Write a campaign, check it, get it approved, launch it from every agency at once,
    track the replies (tips first), report its reach, and resolve it when the case ends.

    \b
    Example:
        broadcaster init drill && cd drill
        broadcaster validate campaigns/example.toml
        broadcaster preview campaigns/example.toml
    """
    settings = load_settings(
        db_url=db_url,
        agencies_path=agencies_path,
        env_file=env_file,
        json_output=json_output,
        verbose=verbose,
    )
    ctx.obj = AppContext(settings, ctx)


@cli.group()
def agencies() -> None:
    """The agencies registry: list them, check their credentials."""


def _register_commands() -> None:
    # Each module owns one area of the product and adds its commands to the group.
    from broadcaster.cli import (
        authoring,
        console,
        launching,
        lifecycle,
        notifying,
        officers,
        responses,
        sandbox,
        triaging,
    )

    for module in (
        authoring,
        officers,
        sandbox,
        launching,
        responses,
        triaging,
        lifecycle,
        notifying,
        console,
    ):
        module.register(cli)


_register_commands()


def main() -> None:
    cli(prog_name="broadcaster")


if __name__ == "__main__":  # pragma: no cover
    main()
