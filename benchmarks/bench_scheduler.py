"""Scheduler throughput: due reposts claimed and done per second by 1 and 4 `run` workers
(separate processes) against the sandbox, on SQLite and, when it answers, PostgreSQL.

Set-up: 6 approved drill campaigns of 10 sandbox agencies each, one due repost per agency
(60 items, each its own journal run: verify, photo upload, post), sandbox latency 50-100 ms.
Every worker is a `broadcaster run` process started at once; the time runs from their start
until every job is settled (start-up included). Each configuration checks that every repost
reached the sandbox exactly once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).parent))
from _common import approve_as_drill_officer, figure

from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.authoring.scaffold import write_campaign
from broadcaster.config import Settings
from broadcaster.jobs.schedule import occurrence_key
from broadcaster.sandbox.drill import write_drill_workspace
from broadcaster.sandbox.server import SandboxServer
from broadcaster.states import JOB_OPEN, CampaignState
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import CampaignRecord, Job
from broadcaster.timeutil import utcnow

CAMPAIGNS = 6
AGENCIES = 10
PG_BASE = (
    os.environ.get("BROADCASTER_TEST_PG") or "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def pg_available() -> bool:
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(PG_BASE, connect_args={"connect_timeout": 2})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


def pg_schema(create: bool, schema: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(PG_BASE)
    with engine.begin() as connection:
        if create:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        else:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def unique_cases(paths: list[Path], tag: str) -> None:
    """A case number of its own per campaign and run: X refuses an account's duplicates."""
    for m, path in enumerate(paths):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.startswith("number = "):
                lines[i] = f'number = "B{m}-{tag}"'
            if line.startswith("link = "):
                lines[i] = f'link = "https://www.tps.ca/appeals/B{m}-{tag}"'
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def seed(settings: Settings, paths: list[Path]) -> int:
    """Approved, launched campaigns and one due repost job per agency; returns the count."""
    engine = open_db(settings.db_url)
    now = utcnow()
    count = 0
    for m, path in enumerate(paths):
        prepared = prepare_campaign(path, settings)
        approve_as_drill_officer(engine, prepared)
        with session_scope(engine, immediate=True) as session:
            record = session.get(CampaignRecord, prepared.campaign.id)
            assert record is not None
            record.state, record.launched_at = CampaignState.LAUNCHED, now - timedelta(hours=2)
            session.add(record)
            for a, agency in enumerate(prepared.campaign.agencies):
                # Consecutive due times alternate campaigns, as a busy centre's would.
                due = now - timedelta(hours=1) + timedelta(seconds=a * CAMPAIGNS + m)
                session.add(
                    Job(
                        campaign_id=prepared.campaign.id,
                        agency=agency,
                        kind="repost",
                        occurrence=occurrence_key(due),
                        due_at=due,
                    )
                )
                count += 1
    engine.dispose()
    return count


def settled(db_url: str) -> bool:
    from sqlalchemy import create_engine, func, select
    from sqlmodel import col

    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            left = connection.execute(
                select(func.count()).select_from(Job).where(col(Job.state).in_(JOB_OPEN))
            ).scalar_one()
    finally:
        engine.dispose()
    return left == 0


def run_workers(settings: Settings, workers: int) -> float:
    """Start `workers` scheduler processes; seconds until every job is settled."""
    args = [
        sys.executable,
        "-m",
        "broadcaster",
        "--db",
        settings.db_url,
        "--agencies",
        str(settings.agencies_path),
        "--env-file",
        str(settings.env_file),
        "run",
        "--every",
        "100ms",
        "--track-every",
        "1000d",
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("BROADCASTER_")}
    started = time.perf_counter()
    processes = [
        subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(workers)
    ]
    try:
        while not settled(settings.db_url):
            if any(p.poll() is not None for p in processes):
                raise RuntimeError("a worker exited early")
            time.sleep(0.05)
        return time.perf_counter() - started
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            _, err = process.communicate(timeout=120)
            if process.returncode != 0:
                raise RuntimeError(err.decode()[-2000:])


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-scheduler-"))
    workspace = write_drill_workspace(folder, AGENCIES)
    registry = workspace.registry()
    server = SandboxServer.from_registry(registry, workspace.env, latency=(0.05, 0.1), seed=7)
    url = server.start()
    with workspace.env_path.open("a", encoding="utf-8") as handle:
        handle.write(f"BROADCASTER_SANDBOX_URL={url}\n")
    env = {**workspace.env, "BROADCASTER_SANDBOX_URL": url}
    paths = [
        write_campaign(folder, campaign_id=f"bench-{m}", agencies=workspace.keys, lead="toronto")
        for m in range(CAMPAIGNS)
    ]
    engines = ["sqlite"] + (["postgresql"] if pg_available() else [])
    rates: dict[tuple[str, int], float] = {}
    try:
        for engine_name in engines:
            for workers in (1, 4):
                tag = uuid.uuid4().hex[:8]
                if engine_name == "sqlite":
                    db_url = f"sqlite:///{folder / f'bench-{tag}.db'}"
                else:
                    schema = f"bench_{tag}"
                    pg_schema(True, schema)
                    joiner = "&" if "?" in PG_BASE else "?"
                    db_url = f"{PG_BASE}{joiner}options={quote(f'-csearch_path={schema}')}"
                settings = Settings(
                    db_url=db_url,
                    agencies_path=workspace.agencies_path,
                    env_file=workspace.env_path,
                    env=env,
                )
                try:
                    before = len(server.posts())
                    unique_cases(paths, tag)
                    items = seed(settings, paths)
                    seconds = run_workers(settings, workers)
                    posts = server.posts()[before:]
                    per_account = Counter(p["author"] for p in posts)
                    once = len(posts) == items and set(per_account.values()) == {CAMPAIGNS}
                finally:
                    if engine_name == "postgresql":
                        pg_schema(False, schema)
                rate = items / seconds
                rates[(engine_name, workers)] = rate
                figure(
                    "scheduler",
                    f"{engine_name}, {workers} worker{'s' if workers > 1 else ''}: reposts/s",
                    rate,
                    "items/s",
                    target="each repost once",
                    ok=once,
                    baseline=f"{items} reposts in {seconds:.2f} s incl. start-up",
                )
        for engine_name in engines:
            one, four = rates[(engine_name, 1)], rates[(engine_name, 4)]
            figure(
                "scheduler",
                f"{engine_name}: 4 workers vs 1",
                four / one,
                "x",
                target="(for information)",
                baseline=f"{one:.1f} items/s with 1 worker; {os.cpu_count()} cores",
            )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
