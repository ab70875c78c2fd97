"""Rewriting a test's agencies.toml: one agency turned into the list form of accounts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def with_accounts(text: str, key: str, accounts: Sequence[Mapping[str, str]]) -> str:
    """agencies.toml `text` with agency `key`'s single account replaced by `accounts`, each
    a `[[agency.<key>.accounts]]` table (platform, handle, credentials, service/instance)."""
    head, _, rest = text.partition(f"[agency.{key}]\n")
    table, _, tail = rest.partition("\n\n")
    kept = [
        line
        for line in table.splitlines()
        if not line.startswith(("platform", "handle", "credentials"))
    ]
    blocks = "".join(
        f"\n[[agency.{key}.accounts]]\n"
        + "".join(f'{field} = "{value}"\n' for field, value in account.items())
        for account in accounts
    )
    return head + f"[agency.{key}]\n" + "\n".join(kept) + "\n" + blocks + "\n" + tail
