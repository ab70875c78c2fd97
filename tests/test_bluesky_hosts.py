"""Bluesky accounts on several PDS hosts, and a PDS run without its AppView, as the 300-account
launch benchmark runs them: each account posts to the `service` agencies.toml names for it, and
a PDS alone (no AppView, no PostgreSQL) takes sign-ins, uploads and posts."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures_bluesky import _cannot

from broadcaster.config import Settings
from broadcaster.errors import BroadcasterError
from broadcaster.platforms import platform_for
from broadcaster.platforms.bluesky import BlueskyPlatform
from broadcaster.sandbox.bluesky import BlueskyNetwork, Installation, free_port_block
from broadcaster.sandbox.drill import write_drill_workspace
from broadcaster.sandbox.mixed import add_drill_accounts

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
HOSTS = ["http://127.0.0.1:3101", "http://127.0.0.1:3102"]


def test_each_agency_s_bluesky_account_posts_to_the_pds_host_named_for_it(tmp_path: Path) -> None:
    workspace = add_drill_accounts(
        write_drill_workspace(tmp_path, 3), bluesky=True, bluesky_services=HOSTS
    )
    registry = workspace.base.registry()
    settings = Settings(
        agencies_path=workspace.agencies_path, env_file=workspace.env_path, env=workspace.env
    )

    services = []
    for key in workspace.keys:
        agency = registry.get(key)
        account = next(a for a in agency.accounts if a.platform == "bluesky")
        platform = platform_for(agency.for_account(account.key), settings)
        assert isinstance(platform, BlueskyPlatform)
        services.append(platform.service)
    assert services == [HOSTS[0], HOSTS[1], HOSTS[0]]  # agency i on host i % 2

    # BROADCASTER_BLUESKY_URL still sends every drill account to one address.
    one = Settings(
        agencies_path=workspace.agencies_path,
        env_file=workspace.env_path,
        env={**workspace.env, "BROADCASTER_BLUESKY_URL": "http://127.0.0.1:3999"},
    )
    agency = registry.get(workspace.keys[1])
    account = next(a for a in agency.accounts if a.platform == "bluesky")
    platform = platform_for(agency.for_account(account.key), one)
    assert isinstance(platform, BlueskyPlatform)
    assert platform.service == "http://127.0.0.1:3999"


@pytest.fixture(scope="module")
def pds_alone() -> Iterator[BlueskyNetwork]:
    try:
        installation = Installation.find()
    except BroadcasterError as error:
        _cannot(str(error))
    # No PostgreSQL is asked for: this address would refuse any connection.
    network = BlueskyNetwork(
        installation,
        port=free_port_block(2),
        pg_url="postgresql://nobody@127.0.0.1:1/none",
        appview=False,
    )
    try:
        network.start()
    except BroadcasterError as error:
        _cannot(str(error))
    try:
        yield network
    finally:
        network.stop()


def test_a_pds_without_its_appview_takes_a_post_and_stamps_its_commit(
    pds_alone: BlueskyNetwork,
) -> None:
    pds_alone.create_account("alone.test", "alone-password")
    platform = BlueskyPlatform("alone.test", "alone-password", service=pds_alone.url)
    try:
        published = platform.post("Road closed on 2nd Ave.", idempotency_key="alone-1")
        again = platform.find_post("alone-1")
    finally:
        platform.close()

    assert published.created_at is not None  # the commit's time, from the PDS
    assert again is not None and again.remote_id == published.remote_id


def test_the_benchmark_front_door_forwards_and_stamps_each_post_at_its_arrival(
    pds_alone: BlueskyNetwork, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    sys.modules.pop("_front_door", None)
    from _front_door import ServedFrontDoor

    pds_alone.create_account("door.test", "door-password")
    door = ServedFrontDoor([pds_alone.url], "200ms")
    platform = BlueskyPlatform("door.test", "door-password", service=door.urls[0])
    try:
        # Preflight's profile read: the door stands for an AppView that has not indexed the
        # account yet, which the launch goes on without.
        assert platform.verify().handle == "@door.test"
        before = time.time()
        published = platform.post("Missing person found, thank you.")
        took = time.time() - before
        seen = door.requests()
    finally:
        platform.close()
        door.stop()

    assert [r["status"] for r in seen if r["path"] == "/xrpc/app.bsky.actor.getProfile"] == [400]
    creates = [r for r in seen if r["path"] == "/xrpc/com.atproto.repo.createRecord"]
    assert len(creates) == 1 and creates[0]["status"] == 200
    assert published.created_at is not None
    # Stamped when its first bytes reached the door, before the PDS committed it...
    assert creates[0]["arrived"] <= creates[0]["forwarded"] <= creates[0]["answered"]
    # ...and answered no earlier than the door's distance after that arrival.
    assert took >= 0.2 - 0.005
