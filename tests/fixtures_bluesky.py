"""The real Bluesky network (PLC, reference PDS, AppView), started once per test run.

Fixtures:
- `bluesky_network` (session) → a started BlueskyNetwork on a free block of loopback ports,
  with a fresh PostgreSQL database; stopped (database dropped, folder removed) at the end.
  It skips, naming the reason, only when the network cannot be had (not installed, no
  PostgreSQL); under CI=true it fails instead, since `make test` installs it there.
- `bluesky_account()` → a new account's adapter (BlueskyPlatform) on that network; each call
  makes a new account, so tests never share state.
- `eventually(check, what)` polls until `check()` is truthy: the AppView is eventually
  consistent, so tests poll it rather than sleep a fixed time.
"""

from __future__ import annotations

import itertools
import os
import secrets
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest

from broadcaster.errors import BroadcasterError
from broadcaster.platforms.bluesky import BlueskyPlatform
from broadcaster.sandbox.bluesky import BlueskyNetwork, Installation, free_port_block

T = TypeVar("T")
_counter = itertools.count(1)


def _server_pg_url() -> str:
    """The PostgreSQL server the tests use, as a libpq URL to its `postgres` database."""
    url = os.environ.get("BROADCASTER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
    url = url.replace("postgresql+psycopg://", "postgresql://")
    return url.rsplit("/", 1)[0] + "/postgres"


def _cannot(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and the Bluesky network cannot run: {reason}")
    pytest.skip(f"the Bluesky network cannot run: {reason}")


@pytest.fixture(scope="session")
def bluesky_network() -> Iterator[BlueskyNetwork]:
    try:
        installation = Installation.find()
    except BroadcasterError as error:
        _cannot(str(error))
    network = BlueskyNetwork(installation, port=free_port_block(), pg_url=_server_pg_url())
    try:
        network.start()
    except BroadcasterError as error:
        _cannot(str(error))
    try:
        yield network
    finally:
        network.stop()


@pytest.fixture
def bluesky_account(
    bluesky_network: BlueskyNetwork,
) -> Iterator[Callable[..., BlueskyPlatform]]:
    made: list[BlueskyPlatform] = []

    def make(*, password: str | None = None) -> BlueskyPlatform:
        handle = f"a{next(_counter)}{secrets.token_hex(3)}.test"
        secret = password or secrets.token_urlsafe(12)
        bluesky_network.create_account(handle, secret)
        platform = BlueskyPlatform(
            handle,
            secret,
            service=bluesky_network.url,
            credential_variable="T_BLUESKY_APP_PASSWORD",
        )
        made.append(platform)
        return platform

    yield make
    for platform in made:
        platform.close()


def eventually(check: Callable[[], T | None], what: str, timeout: float = 20.0) -> T:
    """Poll `check` until it returns something truthy (the AppView indexes within ~1 s).

    Until it has indexed a new post, the AppView answers "Post not found" about it: that
    is "not yet", not a failure, while the deadline has not passed."""
    from broadcaster.errors import Rejected

    deadline = time.monotonic() + timeout
    while True:
        try:
            value = check()
        except Rejected as error:
            if "not found" not in error.message.lower() or time.monotonic() > deadline:
                raise
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not seen within {timeout:g} s")
        time.sleep(0.1)


@pytest.fixture
def poll() -> Callable[..., Any]:
    return eventually
