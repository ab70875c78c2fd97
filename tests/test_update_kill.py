"""kill -9 during an update, at a few moments of its send, then the same update again: every
account that posted the alert has exactly one reply (none twice, none missing)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable

import pytest
from fixtures_launch import FAST, approved_campaign, handles
from fixtures_sandbox import Drill
from officer_helpers import signer
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from broadcaster.campaign.updates import post_update
from broadcaster.launch.run import launch
from broadcaster.storage.db import open_db

NOTES = ["Seen this morning near the station.", "fr:Vu ce matin près de la gare."]


def _update_rows(db_url: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            query = text("SELECT count(*) FROM post WHERE kind = 'update'")
            return int(connection.execute(query).scalar() or 0)
    except OperationalError:  # busy: not yet
        return 0
    finally:
        engine.dispose()


def _update_process(drill: Drill, path: object) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BROADCASTER_")}
    args = [sys.executable, "-m", "broadcaster", *drill.cli_args(), "update", str(path)]
    args += [*(a for note in NOTES for a in ("--note", note)), "--key", "keys/lee"]
    return subprocess.Popen(
        args, cwd=drill.folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _replies(drill: Drill) -> int:
    return sum(1 for p in drill.server.posts() if p["in_reply_to"])


@pytest.mark.parametrize("replies", [0, 1, 10], ids=["planned", "first-reply", "all-replies"])
def test_kill_9_mid_update_then_again_posts_each_reply_once(
    drill_factory: Callable[..., Drill], replies: int
) -> None:
    """Killed once its rows are planned (before anything left), as soon as the platform
    holds the first reply (the others in flight), or once it holds them all (the journal
    may not know yet)."""
    drill = drill_factory(10, latency=(0.1, 0.3))
    path = approved_campaign(drill)
    engine = open_db(drill.settings.db_url)
    try:
        assert launch(drill.settings, path, operator="test", policy=FAST, engine=engine).complete
        process = _update_process(drill, path)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            if _update_rows(drill.settings.db_url) and _replies(drill) >= replies:
                break
            time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert _replies(drill) >= replies

        report = post_update(
            drill.settings, path, NOTES, signer=signer(drill.folder), engine=engine, policy=FAST
        )
        assert report.complete, report.as_dict()
    finally:
        engine.dispose()
    authors = Counter(
        p["author"] for p in drill.server.posts() if p["in_reply_to"] and not p["deleted"]
    )
    assert authors == Counter(handles(drill))
