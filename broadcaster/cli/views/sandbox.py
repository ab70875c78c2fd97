"""Views of the sandbox area: the drill server's banner, the agencies check table."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from broadcaster.cli.common import console
from broadcaster.safetext import for_terminal

if TYPE_CHECKING:
    from broadcaster.platforms.check import AgencyCheck
    from broadcaster.sandbox.server import SandboxServer


# -- sandbox serve ------------------------------------------------------------------------


def announce(
    json_output: bool, server: SandboxServer, url: str, expected_url: str | None = None
) -> None:
    accounts = server.accounts
    if json_output:
        # One line, so a script can read it while the server keeps running.
        banner = {
            "url": url,
            "seed": server.seed,
            "accounts": [{"handle": a.handle, "name": a.name, "id": a.user_id} for a in accounts],
        }
        click.echo(json.dumps(banner, ensure_ascii=False))
        return
    low, high = server.latency
    latency = f"{low * 1000:g} ms" if low == high else f"{low * 1000:g}-{high * 1000:g} ms"
    faults = server.faults
    click.echo(f"Sandbox listening on {url} (seed {server.seed})")
    for account in accounts:
        click.echo(f"  {account.handle:<17} {account.name}")
    store = server.store
    click.echo(
        f"latency {latency}; faults error={faults.error:g} ratelimit={faults.ratelimit:g} "
        f"ambiguous={faults.ambiguous:g}; audience {store.audience}, flood {store.flood}, "
        f"speed {store.speed:g}x"
    )
    if expected_url is not None and expected_url.rstrip("/") != url:
        click.echo(
            f"The other commands look for {expected_url}: export BROADCASTER_SANDBOX_URL={url}"
        )
    click.echo(f"Posts so far: {url}/_sandbox/posts — press Ctrl-C to stop.")


# -- agencies check -----------------------------------------------------------------------


def checks_json(results: list[AgencyCheck]) -> dict[str, Any]:
    return {"ok": all(r.ok for r in results), "agencies": [r.as_json() for r in results]}


def checks_failed(results: list[AgencyCheck]) -> str | None:
    """The sentence naming every agency that failed, or None when all passed."""
    failed = [r for r in results if not r.ok]
    if not failed:
        return None
    reasons = "; ".join((r.error or "").rstrip(".") for r in failed)
    return f"{len(failed)} of {len(results)} agencies failed the check: {reasons}."


def print_checks(results: list[AgencyCheck]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False, pad_edge=False)
    # Keys and handles whole (never folded mid-word at 80 columns): the result wraps.
    for column in ("agency", "platform", "handle"):
        table.add_column(column, no_wrap=True)
    table.add_column("result", min_width=12)
    for result in results:
        if result.ok and result.account:
            followers = result.account.followers  # None: the platform would not say
            count = "follower count unknown" if followers is None else f"{followers:,} followers"
            outcome = Text(f"OK — {count}", style="green")
        else:
            outcome = Text(for_terminal(f"FAILED — {result.error}"), style="red")
        table.add_row(result.agency.key, result.agency.platform, result.agency.handle, outcome)
    console().print(table)
