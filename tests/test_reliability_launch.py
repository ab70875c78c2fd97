"""`make reliability`: 100 trials of kill -9 at a random moment of a 50-agency launch, then
launch again, on SQLite; then 50 on PostgreSQL (when BROADCASTER_TEST_PG is set), whose
journal takes row locks and commits differently. Prints duplicates and missing posts over all
trials (both must be 0) and where the kills landed (the journal's states just after each
kill)."""

from __future__ import annotations

import os
import random
import signal
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest
from fixtures_db import PG_URL, pg_schema_url
from fixtures_launch import (
    FAST,
    approved_campaign,
    handles,
    launch_window,
    posts_by_author,
    run_launch_process,
    wait_for_planning,
)
from fixtures_sandbox import Drill
from sqlmodel import Session, select

from broadcaster.errors import AlreadyLaunched
from broadcaster.launch.run import launch
from broadcaster.states import PostState
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Post

TRIALS = int(os.environ.get("RELIABILITY_TRIALS", "100"))
PG_TRIALS = int(os.environ.get("RELIABILITY_PG_TRIALS", "50"))
AGENCIES = 50


def _journal_states(drill: Drill) -> str:
    engine = open_db(drill.settings.db_url)
    with Session(engine) as session:
        states = Counter(row.state for row in session.exec(select(Post)).all())
    engine.dispose()
    if not states:
        return "before planning"
    return ", ".join(f"{n} {state}" for state, n in sorted(states.items()))


@contextmanager
def _pg_schema() -> Iterator[str]:
    """A schema of its own on the test PostgreSQL for one trial, dropped afterwards."""
    from sqlalchemy import create_engine, text

    assert PG_URL
    schema = f"k_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg_schema_url(PG_URL, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def _database(drill: Drill, engine: str) -> Iterator[Drill]:
    if engine == "sqlite":
        yield drill
        return
    with _pg_schema() as url:
        yield replace(drill, settings=replace(drill.settings, db_url=url))


def _trials(drill_factory: Callable[..., Drill], engine: str, trials: int) -> None:
    rng = random.Random(20261123)
    duplicates = missing = 0
    landed: Counter[str] = Counter()
    with _database(drill_factory(AGENCIES, latency=(0.05, 0.2)), engine) as calibration:
        window = launch_window(calibration, approved_campaign(calibration))
        calibration.server.stop()
    print(f"\na {AGENCIES}-agency launch on {engine} runs {window:.2f} s after planning its rows")
    for trial in range(trials):
        with _database(drill_factory(AGENCIES, latency=(0.05, 0.2)), engine) as drill:
            path = approved_campaign(drill)
            process = run_launch_process(drill, path)
            wait_for_planning(process, drill.settings.db_url)
            time.sleep(rng.uniform(0.0, window * 1.1))
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            where = _journal_states(drill)
            posted_before = len(drill.server.posts())
            kind = (
                "before planning"
                if where == "before planning"
                else "all posted"
                if posted_before == AGENCIES and PostState.SENDING not in where
                else "mid-launch"
                if 0 < posted_before < AGENCIES or PostState.SENDING in where
                else "before firing"
            )
            landed[kind] += 1
            for _ in range(3):
                try:
                    if launch(drill.settings, path, operator="Cst. Resume", policy=FAST).complete:
                        break
                except AlreadyLaunched:
                    break
            counts = posts_by_author(drill)
            trial_duplicates = sum(n - 1 for n in counts.values() if n > 1)
            trial_missing = sum(1 for h in handles(drill) if h not in counts)
            duplicates += trial_duplicates
            missing += trial_missing
            print(
                f"trial {trial + 1:3d}: killed with {posted_before:2d} posted on the sandbox, "
                f"journal: {where}; duplicates {trial_duplicates}, missing {trial_missing}"
            )
            drill.server.stop()
    print(f"\nkills landed: {dict(landed)}")
    print(
        f"{trials} trials of {AGENCIES} agencies on {engine}: "
        f"duplicates {duplicates}, missing {missing}"
    )
    assert (duplicates, missing) == (0, 0)


@pytest.mark.reliability
@pytest.mark.timeout(3600)
def test_kill_9_trials(drill_factory: Callable[..., Drill]) -> None:
    _trials(drill_factory, "sqlite", TRIALS)


@pytest.mark.reliability
@pytest.mark.timeout(3600)
@pytest.mark.skipif(not PG_URL, reason="BROADCASTER_TEST_PG is not set")
def test_kill_9_trials_on_postgresql(drill_factory: Callable[..., Drill]) -> None:
    _trials(drill_factory, "postgresql", PG_TRIALS)
