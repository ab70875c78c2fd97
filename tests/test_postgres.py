"""PostgreSQL for a shared coordination center: row locks that skip, not wait, and a schema
that several processes may open at once. Runs when BROADCASTER_TEST_PG is set."""

from __future__ import annotations

import threading
from datetime import timedelta

import sqlalchemy
from sqlalchemy import text
from sqlmodel import Session, select

from broadcaster.jobs.queue import Claim, claim_next
from broadcaster.storage.db import make_engine, open_db, session_scope
from broadcaster.storage.models import CampaignRecord, Job
from broadcaster.timeutil import utcnow


def _campaign_with_jobs(engine: sqlalchemy.engine.Engine, count: int) -> list[int]:
    now = utcnow()
    with session_scope(engine) as session:
        session.add(
            CampaignRecord(
                id="c1",
                path="c1.toml",
                kind="wanted",
                status="exercise",
                lead="a",
                mode="coordinated",
                state="launched",
                created_at=now,
                updated_at=now,
            )
        )
        session.flush()
        for n in range(count):
            session.add(
                Job(
                    campaign_id="c1",
                    agency=f"a{n}",
                    kind="repost",
                    occurrence=str(n),
                    due_at=now - timedelta(minutes=n + 1),
                )
            )
    with Session(engine) as session:
        return [j.id for j in session.exec(select(Job).order_by(Job.due_at)).all() if j.id]


def test_a_row_locked_by_another_worker_is_skipped_not_waited_for(pg_url: str) -> None:
    engine = open_db(pg_url)
    oldest, newer = _campaign_with_jobs(engine, 2)
    holder = engine.connect()
    transaction = holder.begin()
    # Another worker is in the middle of claiming the oldest job: its row is locked.
    holder.execute(text("SELECT id FROM job WHERE id = :id FOR UPDATE"), {"id": oldest})
    try:
        claims: list[Claim | None] = []
        worker = threading.Thread(
            target=lambda: claims.extend(claim_next(engine, w, utcnow()) for w in ("w2", "w3"))
        )
        worker.start()
        worker.join(timeout=5)  # the lock is held throughout: waiting on it would never end
        assert not worker.is_alive(), "the claim waited for the locked row"
        second, third = claims
        assert second is not None and second.id == newer
        assert third is None  # the locked one is skipped, not waited for
    finally:
        transaction.rollback()
        holder.close()
    claim = claim_next(engine, "w3", utcnow())
    assert claim is not None and claim.id == oldest
    engine.dispose()


def test_several_processes_opening_a_fresh_database_at_once(pg_url: str) -> None:
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            open_db(pg_url).dispose()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    engine = make_engine(pg_url)
    tables = set(sqlalchemy.inspect(engine).get_table_names())
    assert {"campaign", "post", "job", "audit"} <= tables
    engine.dispose()
