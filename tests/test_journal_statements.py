"""The journal's "posted" write and its audit entry, built once and executed per post: the
rows they leave are the rows the per-post statements and ORM entries left, byte for byte, on
both engines; an entry commits or rolls back with its UPDATE; the chain keeps its order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from broadcaster.launch.changes import failed_change, posted_change
from broadcaster.platforms.base import Published
from broadcaster.states import POST_TODO, PostState
from broadcaster.storage import audit
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import AuditEntry, CampaignRecord, Post

NOW = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)
CREATED = datetime(2026, 3, 4, 5, 6, 7, 123456, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed instant for both the journal and the audit log, so rows can be compared."""
    monkeypatch.setattr("broadcaster.launch.changes.utcnow", lambda: NOW)
    monkeypatch.setattr("broadcaster.storage.audit.utcnow", lambda: NOW)


def _journal(url: str, states: list[PostState]) -> tuple[Engine, list[Post]]:
    """A campaign with one row per state, agencies a0, a1, ..."""
    engine = open_db(url)
    with session_scope(engine, immediate=True) as session:
        session.add(
            CampaignRecord(
                id="c1",
                path="c1.toml",
                kind="wanted",
                status="exercise",
                lead="a0",
                mode="coordinated",
                created_at=NOW,
                updated_at=NOW,
            )
        )
        session.flush()
        for number, state in enumerate(states):
            session.add(
                Post(
                    campaign_id="c1",
                    agency=f"a{number}",
                    account=f"x:a{number}",
                    platform="x",
                    handle=f"a{number}",
                    kind="original",
                    state=state,
                    attempts=2,
                    error="timed out" if state != PostState.SENDING else None,
                    next_attempt_at=NOW if state == PostState.FAILED else None,
                    updated_at=NOW - timedelta(seconds=1),
                )
            )
    with Session(engine) as session:
        rows = list(session.exec(select_posts()))
    return engine, rows


def select_posts() -> Any:
    return select(Post).order_by(col(Post.id))


def _raw(engine: Engine, table: str, order: str) -> list[tuple[Any, ...]]:
    """The stored values as the database holds them (SQLite: the text of each timestamp)."""
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))]


def _published(number: int) -> Published:
    return Published(
        remote_id=f"r{number}", text="t", created_at=CREATED, url=f"https://x.test/{number}"
    )


def _posted_as_before(session: Session, row: Post, published: Published | None) -> None:
    """What the journal did before: the statement built for each post, an ORM audit entry."""
    table = Post.__table__  # type: ignore[attr-defined]
    remote_id, url = (published.remote_id, published.url) if published else (None, None)
    posted_at = (published.created_at if published else None) or NOW
    result = session.connection().execute(
        update(table)
        .where(col(Post.id) == row.id, col(Post.state).in_(POST_TODO))
        .values(
            state=PostState.POSTED,
            remote_id=remote_id,
            url=url,
            posted_at=posted_at,
            error=None,
            next_attempt_at=None,
            updated_at=NOW,
        )
    )
    if not getattr(result, "rowcount", 0):
        return
    prev_hash = audit.head(session)
    detail = audit.canonical(
        {
            "agency": row.agency,
            "kind": row.kind,
            "occurrence": row.occurrence,
            "remote_id": remote_id,
            "url": url,
            "attempts": row.attempts,
        }
    )
    entry = AuditEntry(
        at=NOW,
        operator="Sgt. Lee",
        action="post",
        campaign_id=row.campaign_id,
        detail=detail,
        prev_hash=prev_hash,
        hash=audit.entry_hash(
            prev_hash,
            at=NOW,
            operator="Sgt. Lee",
            action="post",
            campaign_id=row.campaign_id,
            detail=detail,
        ),
    )
    session.add(entry)
    session.info["broadcaster.storage.audit.head"] = entry.hash


STATES = [PostState.SENDING, PostState.UNKNOWN, PostState.FAILED, PostState.POSTED]


@pytest.mark.usefixtures("clock")
def test_rows_and_entries_are_the_ones_the_per_post_statements_left(
    db_url: str, tmp_path: Path
) -> None:
    """The same batch (three rows to record, one already posted) through the old and the
    new writes: the post rows and the audit rows are equal column for column."""
    if db_url.startswith("sqlite"):
        before_url = f"sqlite:///{tmp_path / 'before.db'}"
    else:  # a second schema on the same server
        before_url = db_url.replace("search_path%3D", "search_path%3Dbefore_")
        engine = open_db(db_url)
        schema = db_url.rsplit("search_path%3D", 1)[1]
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "before_{schema}"'))
        engine.dispose()
    before, before_rows = _journal(before_url, STATES)
    after, after_rows = _journal(db_url, STATES)
    try:
        with session_scope(before, immediate=True) as session:
            for number, row in enumerate(before_rows):
                _posted_as_before(session, row, _published(number) if number else None)
        with session_scope(after, immediate=True) as session:
            for number, row in enumerate(after_rows):
                change = posted_change(
                    row, _published(number) if number else None, operator="Sgt. Lee"
                )
                change(session)
        assert _raw(after, "post", "id") == _raw(before, "post", "id")
        assert _raw(after, "audit", "seq") == _raw(before, "audit", "seq")
        assert len(_raw(after, "audit", "seq")) == 3  # the posted row got no second entry
        assert audit.verify(after).ok
        assert audit.verify(after).head == audit.verify(before).head
    finally:
        if not db_url.startswith("sqlite"):
            with before.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "before_{schema}" CASCADE'))
        before.dispose()
        after.dispose()


def test_posted_row_and_its_entry(db_url: str) -> None:
    engine, rows = _journal(db_url, [PostState.SENDING, PostState.POSTED])
    with session_scope(engine, immediate=True) as session:
        posted_change(rows[0], _published(7), operator="Cst. Roy", reconciled=True)(session)
        posted_change(rows[1], _published(8), operator="Cst. Roy")(session)
    with Session(engine) as session:
        first, second = session.exec(select_posts()).all()
        entries = session.exec(select_audit()).all()
    assert (first.state, first.remote_id, first.url) == ("posted", "r7", "https://x.test/7")
    assert first.posted_at == CREATED and first.error is None and first.next_attempt_at is None
    assert (second.state, second.remote_id) == ("posted", None)  # already done: untouched
    assert [(e.operator, e.action, e.campaign_id) for e in entries] == [("Cst. Roy", "post", "c1")]
    assert entries[0].detail == audit.canonical(
        {
            "agency": "a0",
            "kind": "original",
            "occurrence": "launch",
            "remote_id": "r7",
            "url": "https://x.test/7",
            "attempts": 2,
            "reconciled": True,
        }
    )
    assert audit.verify(engine).ok


def select_audit() -> Any:
    return select(AuditEntry).order_by(col(AuditEntry.seq))


def test_the_entry_rolls_back_with_its_update(db_url: str) -> None:
    """The "posted" write and its entry are one transaction: a batch that fails leaves
    neither, and the chain as it was."""
    engine, rows = _journal(db_url, [PostState.SENDING])
    with session_scope(engine, immediate=True) as session:
        audit.record(session, operator="x", action="approve", campaign_id="c1", detail={})
    head = audit.verify(engine).head
    with pytest.raises(RuntimeError), session_scope(engine, immediate=True) as session:
        posted_change(rows[0], _published(1), operator="Sgt. Lee")(session)
        raise RuntimeError("the batch failed after the write")
    with Session(engine) as session:
        assert session.exec(select_posts()).one().state == PostState.SENDING
        assert len(session.exec(select_audit()).all()) == 1
    verdict = audit.verify(engine)
    assert verdict.ok and verdict.head == head


def test_entries_take_their_seq_in_chain_order_among_orm_writes(db_url: str) -> None:
    """One writer batch mixes ORM writes (a failure) with inserted entries: every entry's
    seq follows the order it was chained in, and the chain verifies."""
    engine, rows = _journal(db_url, [PostState.SENDING, PostState.SENDING, PostState.SENDING])
    with session_scope(engine, immediate=True) as session:
        posted_change(rows[0], _published(0), operator="Sgt. Lee")(session)
        failed_change(rows[1].id, "refused")(session)
        audit.record(session, operator="Sgt. Lee", action="note", campaign_id="c1", detail={})
        posted_change(rows[2], _published(2), operator="Sgt. Lee")(session)
    with Session(engine) as session:
        entries = session.exec(select_audit()).all()
        states = [r.state for r in session.exec(select_posts())]
    assert [e.action for e in entries] == ["post", "note", "post"]
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert states == ["posted", "failed", "posted"]
    assert audit.verify(engine).ok
