"""Retention: replier data removed after the period, labels and counts kept, audited."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from fixtures_responses import LAUNCH, seed_example
from sqlalchemy import Engine, func, select

from broadcaster.errors import UsageInvalid
from broadcaster.responses.retention import purge
from broadcaster.storage.audit import verify
from broadcaster.storage.db import open_db
from broadcaster.storage.models import AuditEntry, Reply

CID = "tps-2026-0412"


def labels(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(conn.execute(select(Reply.label, func.count()).group_by(Reply.label)).all())


def test_purge_removes_replier_data_and_keeps_labels(db_url: str) -> None:
    engine = open_db(db_url)
    seed_example(engine)  # replies at LAUNCH + 10, 20, … 70 minutes
    before = labels(engine)
    now = LAUNCH + timedelta(days=90, minutes=35)  # the first three are older than 90 days
    done = purge(engine, "90d", operator="records-officer", now=now)
    assert (done.replies, done.unhandled_tips, done.campaigns) == (3, 2, {CID: 3})
    with engine.connect() as conn:
        rows = conn.execute(select(Reply).order_by(Reply.created_at)).all()
        entries = conn.execute(select(AuditEntry)).all()
    old, kept = rows[:3], rows[3:]
    assert all(r.author_handle is None and r.author_id is None and r.text is None for r in old)
    assert all(r.purged_at == now for r in old)
    assert all(r.label and r.reasons != "[]" for r in old)
    assert all(r.author_handle and r.text and r.purged_at is None for r in kept)
    assert labels(engine) == before
    assert [(e.action, e.operator, e.campaign_id) for e in entries] == [
        ("purge", "records-officer", None)
    ]
    detail = json.loads(entries[0].detail)
    assert detail["replies"] == 3 and detail["older_than"] == "90d"
    assert detail["campaigns"] == {CID: 3}
    assert verify(engine).ok

    # Purging again finds nothing new, and still leaves a record that it ran.
    again = purge(engine, "90d", operator="records-officer", now=now)
    assert again.replies == 0
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(AuditEntry)).scalar_one() == 2
    engine.dispose()


def test_dry_run_changes_nothing(responses_engine: Engine, seeded: dict[str, int]) -> None:
    done = purge(responses_engine, "1d", operator="x", dry_run=True, now=LAUNCH + timedelta(days=3))
    assert done.replies == 7 and done.dry_run
    with responses_engine.connect() as conn:
        assert conn.execute(select(func.count()).where(Reply.text.is_(None))).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(AuditEntry)).scalar_one() == 0


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("ninety days", "--older-than: 'ninety days' is not a duration"),
        ("0d", "--older-than '0d' must be longer than zero"),
    ],
)
def test_bad_periods(responses_engine: Engine, period: str, message: str) -> None:
    with pytest.raises(UsageInvalid, match=message):
        purge(responses_engine, period, operator="x")
