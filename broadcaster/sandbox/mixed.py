"""Drill agencies on every drill platform: the X sandbox, the Mastodon drill and Bluesky's.

`add_drill_accounts` turns each agency of a drill workspace (`write_drill_workspace`) into the
list form of accounts: its sandbox account, then a Mastodon account on the drill server and,
when asked, a Bluesky account on the local network, all under the agency's credentials prefix,
with fresh drill-only secrets appended to the workspace's `.env`. `create_bluesky_accounts`
makes those Bluesky accounts on a started network, several at a time (each waits for the
AppView to index it).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from broadcaster.sandbox.drill import DrillWorkspace

if TYPE_CHECKING:
    from broadcaster.sandbox.bluesky import BlueskyNetwork
    from broadcaster.sandbox.bluesky import DrillAccount as BlueskyAccount

MASTODON_DOMAIN = "police.example"
CREATE_WORKERS = 8  # accounts made at once: the PDS and AppView share one node process


@dataclass(frozen=True)
class MixedWorkspace:
    """A drill workspace whose agencies also have Mastodon (and maybe Bluesky) accounts."""

    base: DrillWorkspace
    mastodon: bool
    bluesky: bool
    env: dict[str, str] = field(repr=False)

    @property
    def folder(self) -> Path:
        return self.base.folder

    @property
    def agencies_path(self) -> Path:
        return self.base.agencies_path

    @property
    def env_path(self) -> Path:
        return self.base.env_path

    @property
    def keys(self) -> list[str]:
        return self.base.keys

    def accounts(self) -> int:
        """How many accounts post at a launch of every agency."""
        return len(self.keys) * (1 + int(self.mastodon) + int(self.bluesky))


def _account_block(key: str, values: dict[str, str]) -> str:
    return f"\n[[agency.{key}.accounts]]\n" + "".join(
        f'{name} = "{value}"\n' for name, value in values.items()
    )


def _as_list_form(table: str, key: str, extra: Sequence[dict[str, str]]) -> str:
    """One `[agency.KEY]` table of the drill workspace, its single account moved into the
    list form and followed by `extra` accounts."""
    lines = table.splitlines()
    single = {
        name.strip(): value.strip().strip('"')
        for name, _, value in (line.partition("=") for line in lines)
        if name.strip() in ("platform", "handle", "credentials")
    }
    kept = [line for line in lines if line.partition("=")[0].strip() not in single]
    return "\n".join(kept) + "\n" + "".join(_account_block(key, a) for a in (single, *extra))


def add_drill_accounts(
    workspace: DrillWorkspace,
    *,
    bluesky: bool,
    handle_suffix: str = "",
    bluesky_services: Sequence[str] = (),
) -> MixedWorkspace:
    """Give every agency a Mastodon account (`@key@police.example`) and, with `bluesky`, a
    Bluesky one (`key<suffix>.test`): agencies.toml rewritten, their secrets added to .env.

    `handle_suffix` keeps Bluesky handles apart on a network shared between drills.
    `bluesky_services` spreads the Bluesky accounts over several PDS hosts, as Bluesky does:
    agency i's account names `service = bluesky_services[i % len]` (BROADCASTER_BLUESKY_URL,
    when set, still sends every account to one)."""
    text = workspace.agencies_path.read_text(encoding="utf-8")
    tables = text.split("\n[agency.")
    head, bodies = tables[0], tables[1:]
    env = dict(workspace.env)
    added: dict[str, str] = {}
    out = [head]
    for index, (key, body) in enumerate(zip(workspace.keys, bodies, strict=True)):
        prefix = next(
            line.partition("=")[2].strip().strip('"')
            for line in body.splitlines()
            if line.startswith("credentials")
        )
        username = key.replace("-", "_")
        extra = [
            {
                "platform": "mastodon",
                "handle": f"@{username}@{MASTODON_DOMAIN}",
                "instance": f"https://{MASTODON_DOMAIN}",
                "credentials": prefix,
            }
        ]
        added[f"{prefix}_MASTODON_ACCESS_TOKEN"] = secrets.token_urlsafe(24)
        if bluesky:
            account = {
                "platform": "bluesky",
                "handle": f"{key}{handle_suffix}.test",
                "credentials": prefix,
            }
            if bluesky_services:
                account["service"] = bluesky_services[index % len(bluesky_services)]
            extra.append(account)
            added[f"{prefix}_BLUESKY_APP_PASSWORD"] = secrets.token_urlsafe(16)
        out.append(_as_list_form("[agency." + body.rstrip("\n"), key, extra))
    workspace.agencies_path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    with workspace.env_path.open("a", encoding="utf-8") as handle:
        handle.write("".join(f"{name}={value}\n" for name, value in added.items()))
    env.update(added)
    return MixedWorkspace(base=workspace, mastodon=True, bluesky=bluesky, env=env)


def create_bluesky_accounts(
    network: BlueskyNetwork, accounts: Sequence[BlueskyAccount], *, workers: int = CREATE_WORKERS
) -> None:
    """Make every account on the network, `workers` at a time."""
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="bsky-account") as pool:
        list(pool.map(lambda a: network.create_account(a.handle, a.password), accounts))
