"""The sandbox area: `sandbox serve` (the drill platform) and `agencies check`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from broadcaster.cli.common import finish, pass_settings
from broadcaster.cli.sandbox_bluesky import bluesky as sandbox_bluesky
from broadcaster.cli.sandbox_mastodon import mastodon as sandbox_mastodon

if TYPE_CHECKING:
    from broadcaster.config import Settings


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    cli.add_command(sandbox)
    sandbox.add_command(sandbox_mastodon)
    sandbox.add_command(sandbox_bluesky)
    group = cli.commands["agencies"]
    assert isinstance(group, click.Group)
    group.add_command(agencies_check)


@click.group()
def sandbox() -> None:
    """The local drill platform: X API v2 on this machine, for drills and tests."""


@sandbox.command("serve")
@click.option(
    "--agencies",
    "agencies_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Agencies registry (its sandbox agencies become accounts).",
)
@click.option(
    "--env-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Credentials of those agencies (python-dotenv).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    help="Port on 127.0.0.1 [default: BROADCASTER_SANDBOX_URL's, or 8686].",
)
@click.option("--latency", metavar="TIME[-TIME]", help="Delay every answer: 200ms or 150ms-250ms.")
@click.option(
    "--faults",
    metavar="RATES",
    help='Share of failing requests: "error=0.1,ratelimit=0.05,ambiguous=0.05".',
)
@click.option(
    "--suspend", "suspended", multiple=True, metavar="@HANDLE", help="That account answers 403."
)
@click.option(
    "--audience", type=click.IntRange(0), default=0, help="Simulated people reached per post."
)
@click.option(
    "--flood", type=click.IntRange(0), default=0, help="Coordinated spam replies per post."
)
@click.option("--seed", type=int, help="Make faults and the audience repeatable.")
@click.option(
    "--speed",
    type=click.FloatRange(min=0, min_open=True),
    default=1.0,
    show_default=True,
    help="Audience time runs this many times faster than the clock.",
)
@pass_settings
def serve(
    settings: Settings,
    agencies_path: Path | None,
    env_file: Path | None,
    port: int | None,
    latency: str | None,
    faults: str | None,
    suspended: tuple[str, ...],
    audience: int,
    flood: int,
    seed: int | None,
    speed: float,
) -> None:
    """Run the drill platform on 127.0.0.1 until Ctrl-C.

    \b
    Example:
        broadcaster sandbox serve --agencies agencies.toml --latency 150ms-250ms \\
            --faults "error=0.1,ratelimit=0.05" --audience 20000 --seed 7 --speed 600
    """
    import signal
    from urllib.parse import urlsplit

    from broadcaster.authoring.agencies import load_registry
    from broadcaster.cli.views import sandbox as views
    from broadcaster.config import read_env
    from broadcaster.sandbox import SandboxServer, parse_faults, parse_latency
    from broadcaster.sandbox.options import parse_handle

    if env_file and not env_file.is_file():
        from broadcaster.errors import UsageInvalid

        raise UsageInvalid(f"--env-file {env_file}: no such file.")
    env = read_env(env_file) if env_file else dict(settings.env)
    registry = load_registry(agencies_path or settings.agencies_path)
    expected_url = env.get("BROADCASTER_SANDBOX_URL") or settings.sandbox_url
    if port is None:
        port = urlsplit(expected_url).port or 8686
    server = SandboxServer.from_registry(
        registry,
        env,
        latency=parse_latency(latency) if latency else (0.0, 0.0),
        faults=parse_faults(faults) if faults else None,
        suspended=[parse_handle(h) for h in suspended],
        audience=audience,
        flood=flood,
        seed=seed,
        speed=speed,
        port=port,
        verbose=settings.verbose > 0,
    )

    def stop(signum: int, frame: object) -> None:
        server.stop()

    # Installed before the banner: a supervisor may send SIGTERM as soon as it reads it.
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        url = server.start()
        views.announce(settings.json_output, server, url, expected_url)
        server.serve_forever()
    except KeyboardInterrupt:
        server.stop()
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not settings.json_output:
        click.echo("Sandbox stopped.")


@click.command("check")
@click.argument("names", nargs=-1, metavar="[NAME]...")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=10.0,
    show_default=True,
    help="Seconds to wait for each platform's answer.",
)
@pass_settings
def agencies_check(settings: Settings, names: tuple[str, ...], timeout: float) -> None:
    """Verify each agency's credentials against its platform: who am I, can I post.

    \b
    Example:
        broadcaster agencies check            # every agency, in parallel
        broadcaster agencies check tps rcmp
    """
    from broadcaster.authoring.agencies import load_registry
    from broadcaster.cli.views import sandbox as views
    from broadcaster.errors import AgencyCheckFailed
    from broadcaster.platforms.check import check_agencies

    registry = load_registry(settings.agencies_path)
    results = check_agencies(
        settings, registry, names, timeout=timeout, on_wait=lambda note: click.echo(note, err=True)
    )
    sentence = views.checks_failed(results)
    problem = AgencyCheckFailed(sentence) if sentence else None
    finish(settings, views.checks_json(results), lambda: views.print_checks(results), problem)
