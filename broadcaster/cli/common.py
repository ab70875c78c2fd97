"""What every command module shares: the context object, its decorators and output helpers."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from broadcaster.config import Settings
from broadcaster.safetext import inert_json

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    from rich.console import Console

    from broadcaster.errors import BroadcasterError
    from broadcaster.storage.db import Engine


class AppContext:
    """The group's context object: the settings, and the database once a command asks for it.

    The engine is opened (and migrated) on first use and disposed when the command ends, so
    commands that never touch the database never import SQLAlchemy nor create a file."""

    def __init__(self, settings: Settings, ctx: click.Context) -> None:
        self.settings = settings
        self._ctx = ctx
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """The database, created and migrated when it does not exist yet."""
        if self._engine is None:
            from broadcaster.storage.db import open_db

            self._engine = open_db(self.settings.db_url)
            self._ctx.call_on_close(self._engine.dispose)
        return self._engine

    @property
    def existing_engine(self) -> Engine:
        """The database an earlier command wrote: a missing SQLite file is exit 2 naming the
        path looked for (a read-only command never creates an empty database)."""
        if self._engine is None:
            from broadcaster.storage.db import open_existing_db

            self._engine = open_existing_db(self.settings.db_url)
            self._ctx.call_on_close(self._engine.dispose)
        return self._engine


pass_app = click.make_pass_decorator(AppContext)


def pass_settings(command: Callable[..., Any]) -> Callable[..., Any]:
    """Hand the command only the settings: for commands that never touch the database."""

    @functools.wraps(command)
    def with_settings(*args: Any, **kwargs: Any) -> Any:
        app = click.get_current_context().find_object(AppContext)
        assert app is not None, "commands run under the broadcaster group"
        return command(app.settings, *args, **kwargs)

    return with_settings


def finish(
    settings: Settings,
    data: Any,
    view: Callable[[], None],
    problem: BroadcasterError | None = None,
) -> None:
    """Print a command's result, `data` as JSON with --json or else the `view`; then raise
    `problem` when the command failed. With --json the data travels as the error's payload,
    so stdout holds one document: the result with "error" and "exit_code" added."""
    if settings.json_output:
        if problem is None:
            emit_json(data)
            return
        problem.data = {**data, **problem.data}
    else:
        view()
    if problem is not None:
        raise problem


def emit_json(data: Any) -> None:
    """Machine-readable output on stdout (dates as ISO 8601); strangers' text as stored,
    its control and bidi characters written as escapes (inert_json)."""
    click.echo(inert_json(json.dumps(data, ensure_ascii=False, indent=2, default=_default)))


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def console(stderr: bool = False) -> Console:
    """A rich console, created on demand so `--help` never imports rich."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich exits 1 when the reader goes away (`... | head`); 1 is "a bug" here. Let
            # the CLI's own handler (BroadcasterGroup.invoke) end it quietly with 0 instead.
            raise BrokenPipeError

    return _Console(stderr=stderr, highlight=False, soft_wrap=False)


def print_error(message: object) -> None:
    """`Error: <sentence>` on stderr. A sentence may quote what a platform, a stranger or a
    partner's file wrote (a path, a reply): printed, it only says it."""
    from broadcaster.safetext import for_terminal

    click.echo(f"Error: {for_terminal(str(message))}", err=True)


def key_option(help: str) -> Callable[[F], F]:
    """`--key PRIVATE_KEY`: the officer's OpenSSH Ed25519 private key (env BROADCASTER_KEY)."""
    return click.option(
        "--key",
        "key_path",
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="PRIVATE_KEY",
        help=help,
    )


def pressed_ctrl_c(abort: click.exceptions.Abort) -> bool:
    """click turns both Ctrl-C and the end of the input (Ctrl-D, a pasted script) at a prompt
    into Abort; what it replaced tells them apart. Ctrl-C is the officer stopping (exit 130,
    "Interrupted"), never a missing answer to blame them for (exit 2)."""
    return isinstance(abort.__context__, KeyboardInterrupt)


def prompt_quietly(text: str, **options: Any) -> str:
    """click.prompt, with getpass's "Can not control echo" warning (and its source line)
    turned into getpass.GetPassWarning raised: without a terminal a hidden prompt would read
    the secret from stdin, echoed, after a Python warning. The caller says what to do."""
    import warnings
    from getpass import GetPassWarning

    with warnings.catch_warnings():
        warnings.simplefilter("error", GetPassWarning)
        return str(click.prompt(text, err=True, **options))
