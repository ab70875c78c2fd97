"""`sandbox mastodon`: the Mastodon drill server (the project's own imitation) on loopback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from broadcaster.cli.common import pass_settings

if TYPE_CHECKING:
    from broadcaster.config import Settings
    from broadcaster.sandbox.mastodon import MastodonDrill

LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


@click.command("mastodon")
@click.option(
    "--agencies",
    "agencies_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Agencies registry (its mastodon accounts become drill accounts).",
)
@click.option(
    "--env-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Their access tokens, <PREFIX>_MASTODON_ACCESS_TOKEN (python-dotenv).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Only this machine: 127.0.0.1 or localhost.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    help="Port [default: BROADCASTER_MASTODON_URL's, or 8687].",
)
@click.option(
    "--suspend",
    "suspended",
    multiple=True,
    metavar="@USER@DOMAIN",
    help="That account is suspended: it answers 403.",
)
@click.option("--latency", metavar="TIME[-TIME]", help="Delay every answer: 200ms or 150ms-250ms.")
@pass_settings
def mastodon(
    settings: Settings,
    agencies_path: Path | None,
    env_file: Path | None,
    host: str,
    port: int | None,
    suspended: tuple[str, ...],
    latency: str | None,
) -> None:
    """Run a Mastodon drill server on 127.0.0.1 until Ctrl-C.

    It is broadcaster's own imitation of the Mastodon client API (the part the
    adapter uses, answering as Mastodon 4.3 does), not a Mastodon server: one
    account per mastodon account of the agencies file, each with its access token
    from the environment. A status's created_at is when its request arrived.

    \b
    Example:
        broadcaster sandbox mastodon --agencies agencies.toml --env-file .env &
        export BROADCASTER_MASTODON_URL=http://127.0.0.1:8687
    """
    import signal
    from urllib.parse import urlsplit

    from broadcaster.config import read_env
    from broadcaster.errors import UsageInvalid
    from broadcaster.sandbox.mastodon import DEFAULT_PORT, MastodonDrill, accounts_from_file
    from broadcaster.sandbox.options import parse_latency

    if host not in LOOPBACK_HOSTS:
        raise UsageInvalid(
            f"--host {host}: the drill server only listens on this machine (127.0.0.1)."
        )
    if env_file and not env_file.is_file():
        raise UsageInvalid(f"--env-file {env_file}: no such file.")
    env = read_env(env_file) if env_file else dict(settings.env)
    expected_url = (env.get("BROADCASTER_MASTODON_URL") or "").strip()
    if expected_url:
        parts = urlsplit(expected_url)
        if parts.scheme != "http" or parts.hostname not in LOOPBACK_HOSTS:
            raise UsageInvalid(
                f"BROADCASTER_MASTODON_URL is {expected_url!r}; the drill server only runs on "
                "this machine (http://127.0.0.1:PORT)."
            )
    if port is None:
        port = (urlsplit(expected_url).port if expected_url else None) or DEFAULT_PORT
    agencies = agencies_path or settings.agencies_path
    if not agencies.is_file():
        raise UsageInvalid(f"--agencies {agencies}: no such file.")
    accounts = accounts_from_file(agencies, env)
    if not accounts:
        raise UsageInvalid(f'{agencies}: no mastodon accounts; add one with platform = "mastodon".')
    drill = MastodonDrill(
        accounts,
        port=port,
        suspended=suspended,
        latency=parse_latency(latency) if latency else 0.0,
        verbose=settings.verbose > 0,
    )

    def stop(signum: int, frame: object) -> None:
        drill.stop()

    # Installed before the banner: a supervisor may send SIGTERM as soon as it reads it.
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        url = drill.start()
        _announce(settings.json_output, drill, url, expected_url)
        drill.serve_forever()
    except KeyboardInterrupt:
        drill.stop()
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not settings.json_output:
        click.echo("Mastodon drill server stopped.")


def _announce(json_output: bool, drill: MastodonDrill, url: str, expected_url: str) -> None:
    if json_output:
        # One line, so a script can read it while the server keeps running.
        banner = {
            "url": url,
            "imitation": "broadcaster",
            "accounts": [
                {"agency": a.agency, "handle": a.handle, "suspended": a.username in drill.suspended}
                for a in drill.accounts
            ],
        }
        click.echo(json.dumps(banner, ensure_ascii=False), nl=True)
        return
    click.echo(f"listening on {url}")
    click.echo("  (broadcaster's imitation of the Mastodon client API, not a Mastodon server)")
    for account in drill.accounts:
        note = "  suspended" if account.username in drill.suspended else ""
        click.echo(f"  {account.handle:<30} {account.agency}{note}")
    if expected_url.rstrip("/") != url:
        click.echo(f"The other commands look for it at: export BROADCASTER_MASTODON_URL={url}")
    click.echo("Press Ctrl-C to stop.")
