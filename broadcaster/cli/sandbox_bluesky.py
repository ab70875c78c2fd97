"""`sandbox bluesky`: the real Bluesky software on this machine, for drills and tests."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from broadcaster.cli.common import pass_settings

if TYPE_CHECKING:
    from broadcaster.config import Settings


@click.command("bluesky")
@click.option(
    "--agencies",
    "agencies_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Agencies registry (its Bluesky accounts are created on the network).",
)
@click.option(
    "--env-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Their passwords, as PREFIX_BLUESKY_APP_PASSWORD (python-dotenv).",
)
@click.option(
    "--port",
    type=click.IntRange(1025, 65530),
    default=2583,
    show_default=True,
    help="The PDS's port on 127.0.0.1 (PLC port-1, AppView port+1, Redis port+2).",
)
@click.option(
    "--suspend",
    "suspended",
    multiple=True,
    metavar="HANDLE",
    help="Take that account down (posting and login answer AccountTakedown).",
)
@pass_settings
def bluesky(
    settings: Settings,
    agencies_path: Path | None,
    env_file: Path | None,
    port: int,
    suspended: tuple[str, ...],
) -> None:
    """Run a Bluesky network (PLC directory, reference PDS, AppView) on 127.0.0.1 until Ctrl-C.

    Installed once by `make bluesky-local`. Needs PostgreSQL on 127.0.0.1:5432 (a fresh
    database each run; BROADCASTER_BLUESKY_PG overrides). Point drills at it with
    BROADCASTER_BLUESKY_URL=http://127.0.0.1:PORT.

    \b
    Example:
        broadcaster sandbox bluesky --agencies agencies.toml --env-file .env --suspend tps.test
    """
    import signal
    import threading

    from broadcaster.config import read_env
    from broadcaster.errors import UsageInvalid
    from broadcaster.sandbox.bluesky import BlueskyNetwork, Installation, drill_accounts

    if env_file and not env_file.is_file():
        raise UsageInvalid(f"--env-file {env_file}: no such file.")
    env = read_env(env_file) if env_file else dict(settings.env)
    accounts = drill_accounts(agencies_path or settings.agencies_path, env)
    known = {account.handle for account in accounts}
    for handle in suspended:
        if handle.lstrip("@").lower() not in known:
            raise UsageInvalid(f"--suspend {handle}: no Bluesky account with that handle.")
    network = BlueskyNetwork(Installation.find(), port=port)
    stopping = threading.Event()

    def stop(signum: int, frame: object) -> None:
        stopping.set()

    # Installed before the banner: a supervisor may send SIGTERM as soon as it reads it.
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        click.echo("Starting the Bluesky network (PLC, PDS, AppView)…", err=True)
        url = network.start()
        for account in accounts:
            network.create_account(account.handle, account.password)
        for handle in suspended:
            network.suspend(handle)
        click.echo(f"listening on {url}")
        for account in accounts:
            state = (
                " (suspended)"
                if account.handle in {h.lstrip("@").lower() for h in suspended}
                else ""
            )
            click.echo(f"  {account.handle:<30} agency {account.agency}{state}")
        click.echo(f"Drills: BROADCASTER_BLUESKY_URL={url}", err=True)
        while not stopping.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        network.stop()
        signal.signal(signal.SIGTERM, previous)
    click.echo("Bluesky network stopped.")
