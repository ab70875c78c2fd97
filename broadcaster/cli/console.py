"""broadcaster console: the coordination console in a browser."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from broadcaster.cli.common import pass_settings

if TYPE_CHECKING:
    from broadcaster.config import Settings

# The console is served by its import string: nothing imports it, the CLI included.
APP = "broadcaster.console.app:from_environment"


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    cli.add_command(console)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8700, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--secure-cookies",
    is_flag=True,
    help="Send the session cookie over HTTPS only (behind a TLS reverse proxy).",
)
@pass_settings
def console(settings: Settings, host: str, port: int, secure_cookies: bool) -> None:
    """Serve the coordination console: campaigns, each agency's post, approvals.

    Officers sign in with their id and the password set by `officers passwd`. It listens
    on 127.0.0.1 by default; put a TLS reverse proxy in front of it for other machines.

    Approvals made here are signed by the console's own key, keys/console beside
    officers.toml (or the file BROADCASTER_CONSOLE_KEY names; 0600, made on the first
    start, never in the database). They count only once an admin lists its public key in
    officers.toml as [console.NAME] key = "ssh-ed25519 ..."; the first start prints the
    lines to add.

    \b
    Example:
        broadcaster console --port 8700
    """
    import uvicorn

    from broadcaster.authoring.officers import (
        console_key_path,
        ensure_console_key,
        load_officers_beside,
        parse_public_key,
    )
    from broadcaster.storage.db import open_db

    officers = load_officers_beside(settings.agencies_path)  # missing or broken: exit 2 now
    key_path = console_key_path(settings.agencies_path)
    public, made = ensure_console_key(key_path)
    if made:
        click.echo(f"Made the console's signing key {key_path} (0600).", err=True)
    if officers.console_of(parse_public_key(public)) is None:
        click.echo(
            f"Approvals made in the console count once an admin adds to {officers.path}:\n"
            f'[console.centre]\nkey = "{public}"',
            err=True,
        )
    open_db(settings.db_url).dispose()  # migrated before the first page
    # The app reads the same settings as this command, through the environment.
    os.environ["BROADCASTER_DB"] = settings.db_url
    os.environ["BROADCASTER_AGENCIES"] = str(settings.agencies_path)
    os.environ["BROADCASTER_CONSOLE_ENV_FILE"] = str(settings.env_file)
    os.environ["BROADCASTER_CONSOLE_SECURE_COOKIES"] = "1" if secure_cookies else "0"
    click.echo(f"Coordination console on http://{host}:{port}/ (Ctrl-C stops it).", err=True)
    uvicorn.run(APP, factory=True, host=host, port=port, log_level="warning", server_header=False)
