"""The Mastodon drill server (the project's own imitation) on a free 127.0.0.1 port, and
adapters on it.

Three agency accounts (tps, rcmp; spvm suspended) and `citizen`, a member of the public
who replies and favourites. Tests read what the server holds through its client API
(statuses, media) and add faults through the drill's own controls (`add_fault`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from broadcaster.platforms.mastodon import MastodonPlatform
from broadcaster.sandbox.mastodon import DrillAccount, MastodonDrill

DOMAIN = "police.example"
TOKENS = {"tps": "tps-drill-token", "rcmp": "rcmp-drill-token", "spvm": "spvm-drill-token"}
CITIZEN_TOKEN = "citizen-drill-token"


def drill_accounts() -> list[DrillAccount]:
    accounts = [
        DrillAccount(key, f"@{key}@{DOMAIN}", key, DOMAIN, token) for key, token in TOKENS.items()
    ]
    accounts.append(DrillAccount("public", f"@citizen@{DOMAIN}", "citizen", DOMAIN, CITIZEN_TOKEN))
    return accounts


@pytest.fixture(scope="module")
def mastodon_drill() -> Iterator[MastodonDrill]:
    drill = MastodonDrill(drill_accounts(), port=0, suspended=[f"@spvm@{DOMAIN}"])
    drill.start()
    try:
        yield drill
    finally:
        drill.stop()


def adapter(
    drill: MastodonDrill, key: str, *, token: str | None = None, **options: Any
) -> MastodonPlatform:
    return MastodonPlatform(
        agency_key=key,
        handle=f"@{key}@{DOMAIN}",
        base_url=drill.url,
        access_token=token if token is not None else TOKENS[key],
        credentials_prefix=key.upper(),
        **options,
    )


def api(drill: MastodonDrill, method: str, path: str, token: str = CITIZEN_TOKEN, **kw: Any) -> Any:
    """A request to the drill's client API, as another client would make it."""
    response = requests.request(
        method,
        drill.url + path,
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
        **kw,
    )
    response.raise_for_status()
    return response.json()


def own_statuses(drill: MastodonDrill, key: str) -> list[dict[str, Any]]:
    me = api(drill, "GET", "/api/v1/accounts/verify_credentials", TOKENS[key])
    return list(api(drill, "GET", f"/api/v1/accounts/{me['id']}/statuses", TOKENS[key]))
