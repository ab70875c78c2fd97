"""Launched campaigns ready for tests (launch area).

- `approved_campaign(drill, campaign_id="drill-1", *, approvers=("lee",), **write_options)`
  writes a campaign for every agency of a Drill (scaffold.write_campaign; lead = the first
  agency) and approves it with the drill officers' keys (officer ids); returns its path.
- fixture `launched` → a Launched: the 5-agency `drill`, a campaign approved and launched
  (every agency posted), with .drill, .path, .campaign_id, .engine, .report.
- `run_launch_process(drill, path, *extra)` starts `broadcaster launch` as a real subprocess
  against the drill (for crash and concurrency tests); returns the Popen.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fixtures_sandbox import Drill
from officer_helpers import signer
from sqlalchemy.engine import Engine

from broadcaster.authoring.approval import approve
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.authoring.scaffold import write_campaign
from broadcaster.launch.run import LaunchReport, launch
from broadcaster.retry import RetryPolicy
from broadcaster.storage.db import open_db

# Short timeouts and waits: the sandbox answers at once unless a test says otherwise.
FAST = RetryPolicy(attempts=6, budget=20.0, base_delay=0.05, max_delay=0.5, timeout=3.0)


def approved_campaign(
    drill: Drill,
    campaign_id: str = "drill-1",
    *,
    approvers: Sequence[str] = ("lee",),
    db_url: str | None = None,
    **options: Any,
) -> Path:
    options.setdefault("agencies", drill.keys)
    options.setdefault("lead", drill.keys[0])
    if len(approvers) > 1:
        options.setdefault("approvals_required", len(approvers))
    path = write_campaign(drill.folder, campaign_id=campaign_id, **options)
    engine = open_db(db_url or drill.settings.db_url)
    prepared = prepare_campaign(path, drill.settings, check_credentials=False)
    for name in approvers:
        approve(engine, prepared, signer(drill.folder, name))
    engine.dispose()
    return path


def posts_by_author(drill: Drill) -> dict[str, int]:
    """How many live posts each handle has on the sandbox (reposts included)."""
    counts: dict[str, int] = {}
    for post in drill.server.posts():
        if not post.get("deleted"):
            counts[post["author"]] = counts.get(post["author"], 0) + 1
    return counts


def handles(drill: Drill) -> list[str]:
    return [drill.registry.get(key).handle for key in drill.keys]


@dataclass
class Launched:
    drill: Drill
    path: Path
    campaign_id: str
    engine: Engine
    report: LaunchReport


@pytest.fixture
def launched(drill: Drill) -> Iterator[Launched]:
    path = approved_campaign(drill)
    engine = open_db(drill.settings.db_url)
    report = launch(drill.settings, path, operator="Cst. Test", policy=FAST, engine=engine)
    assert report.complete, [o.error for o in report.send.failed] if report.send else None
    yield Launched(drill, path, "drill-1", engine, report)
    engine.dispose()


def run_launch_process(
    drill: Drill, path: Path, *extra: str, db_url: str | None = None
) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BROADCASTER_")}
    env["BROADCASTER_OPERATOR"] = "Cst. Subprocess"
    args = [
        sys.executable,
        "-m",
        "broadcaster",
        "--db",
        db_url or drill.settings.db_url,
        "--agencies",
        str(drill.agencies_path),
        "--env-file",
        str(drill.env_path),
        "--json",
        "launch",
        str(path),
        *extra,
    ]
    return subprocess.Popen(
        args,
        cwd=drill.folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def journal_rows(db_url: str) -> int:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError, ProgrammingError

    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM post")).scalar() or 0)
    except (OperationalError, ProgrammingError):  # not migrated yet
        return 0
    finally:
        engine.dispose()


def wait_for_planning(process: subprocess.Popen[str], db_url: str, limit: float = 60.0) -> float:
    """Seconds until the launch subprocess has planned its journal rows (or has ended)."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if process.poll() is not None or journal_rows(db_url):
            break
        time.sleep(0.01)
    return time.monotonic() - started


def launch_window(drill: Drill, path: Path, *, db_url: str | None = None) -> float:
    """How long a launch subprocess runs after planning its rows, measured once unkilled
    (so that kill -9 can be aimed inside the interesting part: preflight, fire, journal)."""
    url = db_url or drill.settings.db_url
    process = run_launch_process(drill, path, db_url=url)
    wait_for_planning(process, url)
    planned = time.monotonic()
    process.wait(timeout=120)
    return time.monotonic() - planned
