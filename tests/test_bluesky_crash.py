"""kill -9 between Bluesky's createRecord and the journal's commit, then `launch` again: one
post. The record key comes from the journal's row, so the re-run's reconciliation finds the
post the dead process made (or the PDS refuses a second record under that key)."""

from __future__ import annotations

import secrets
import subprocess
import sys
from collections.abc import Callable

import httpx
from agency_files import with_accounts
from click.testing import CliRunner
from fixtures_launch import approved_campaign
from fixtures_sandbox import Drill
from sqlmodel import Session, select

from broadcaster.cli import cli
from broadcaster.sandbox.bluesky import BlueskyNetwork
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Post

# A `launch` whose Bluesky post is killed the moment the PDS has answered: the row was
# committed `sending` before the release, and `posted` never is.
CRASHING_LAUNCH = """
import os, signal, sys
from broadcaster.platforms.bluesky import BlueskyPlatform

made = BlueskyPlatform.post

def post_then_die(self, *args, **kwargs):
    published = made(self, *args, **kwargs)
    print(published.remote_id, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

BlueskyPlatform.post = post_then_die
from broadcaster.cli import cli
cli.main(args=sys.argv[1:], prog_name="broadcaster")
"""


def _records(network: BlueskyNetwork, handle: str) -> list[dict[str, object]]:
    answer = httpx.get(
        f"{network.url}/xrpc/com.atproto.repo.listRecords",
        params={"repo": handle, "collection": "app.bsky.feed.post"},
    )
    answer.raise_for_status()
    return list(answer.json()["records"])


def _bluesky_only_drill(drill: Drill, network: BlueskyNetwork) -> str:
    """The drill's one agency posts from a Bluesky account only; returns its handle."""
    agency = drill.registry.get(drill.keys[0])
    handle = f"crash{secrets.token_hex(3)}.test"
    password = secrets.token_urlsafe(12)
    network.create_account(handle, password)
    text = drill.agencies_path.read_text()
    drill.agencies_path.write_text(
        with_accounts(
            text,
            agency.key,
            [{"platform": "bluesky", "handle": handle, "credentials": agency.credentials}],
        )
    )
    drill.env[f"{agency.credentials}_BLUESKY_APP_PASSWORD"] = password
    drill.env["BROADCASTER_BLUESKY_URL"] = network.url
    drill.env_path.write_text("".join(f"{k}={v}\n" for k, v in drill.env.items()))
    return handle


def test_kill_9_after_create_record_then_launch_again_posts_once(
    drill_factory: Callable[..., Drill], bluesky_network: BlueskyNetwork
) -> None:
    drill = drill_factory(1)
    handle = _bluesky_only_drill(drill, bluesky_network)
    path = approved_campaign(drill)

    child = subprocess.run(
        [sys.executable, "-c", CRASHING_LAUNCH, *drill.cli_args(), "launch", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -9, child.stderr
    ref = child.stdout.strip().splitlines()[-1]  # "AT-URI CID", as the journal stores it
    uri = ref.split()[0]
    assert uri.startswith("at://did:") and "/app.bsky.feed.post/" in uri
    engine = open_db(drill.settings.db_url)
    with Session(engine) as session:
        (row,) = session.exec(select(Post)).all()
    assert row.state == "sending" and row.remote_id is None  # the journal never heard back
    assert len(_records(bluesky_network, handle)) == 1

    again = CliRunner().invoke(cli, [*drill.cli_args(), "launch", str(path)])
    assert again.exit_code == 0, again.output
    with Session(engine) as session:
        (row,) = session.exec(select(Post)).all()
    assert row.state == "posted"
    assert row.remote_id == ref
    records = _records(bluesky_network, handle)
    assert [r["uri"] for r in records] == [uri]  # one post, the dead process's
    engine.dispose()
