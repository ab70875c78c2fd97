"""Real processes: two launches at once on one database, and kill -9 at random moments then
launch again — each agency ends with exactly one post, none missing (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import random
import signal
import time
from collections.abc import Callable

import pytest
from fixtures_launch import (
    FAST,
    approved_campaign,
    handles,
    posts_by_author,
    run_launch_process,
    wait_for_planning,
)
from fixtures_sandbox import Drill

from broadcaster.errors import AlreadyLaunched
from broadcaster.launch.run import launch


def test_two_launch_processes_post_each_agency_once(
    db_url: str, drill_factory: Callable[..., Drill]
) -> None:
    drill = drill_factory(8, latency=(0.05, 0.15))
    path = approved_campaign(drill, db_url=db_url)
    first = run_launch_process(drill, path, db_url=db_url)
    second = run_launch_process(drill, path, db_url=db_url)
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in (first, second)]  # type: ignore[union-attr]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 3], results
    refused = next(out for code, out, _ in results if code == 3)
    error = json.loads(refused)["error"]
    assert error.startswith("campaign 'drill-1' ")
    assert "is being worked on by a launch in process" in error or "already launched" in error
    assert posts_by_author(drill) == dict.fromkeys(handles(drill), 1)


def kill_and_resume(drill: Drill, *, db_url: str | None = None, rng: random.Random) -> float:
    """One trial: a launch subprocess killed with SIGKILL at a random moment after it planned
    its rows, then launch again. Returns how long after planning it was killed."""
    path = approved_campaign(drill, db_url=db_url)
    url = db_url or drill.settings.db_url
    process = run_launch_process(drill, path, db_url=url)
    wait_for_planning(process, url)
    # After planning: preflight (~0.5 s at this latency), the fire, the journal's commits.
    delay = rng.uniform(0.0, 1.2)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    settings = drill.settings
    if db_url is not None:
        import dataclasses

        settings = dataclasses.replace(settings, db_url=db_url)
    for _ in range(3):
        try:
            report = launch(settings, path, operator="Cst. Resume", policy=FAST)
        except AlreadyLaunched:
            break  # the killed process had finished everything
        if report.complete:
            break
    return delay


@pytest.mark.parametrize("trial", range(2))
def test_kill_9_then_launch_again(
    db_url: str, drill_factory: Callable[..., Drill], trial: int
) -> None:
    drill = drill_factory(10, latency=(0.05, 0.2))
    delay = kill_and_resume(drill, db_url=db_url, rng=random.Random(1000 + trial))
    counts = posts_by_author(drill)
    duplicates = {h: n for h, n in counts.items() if n > 1}
    missing = [h for h in handles(drill) if h not in counts]
    assert (duplicates, missing) == ({}, []), f"killed after {delay:.2f} s"
