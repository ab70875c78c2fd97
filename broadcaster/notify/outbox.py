"""The outbox: every notice is a row before anything is sent, and is sent at most once.

A notice's unique key (kind, subject, destination) means a second tracking pass, a
restart or a second worker finds the row there and adds none. Sending claims rows with an
atomic UPDATE (pending → sending), so two workers never send the same row; the rows of one
destination, campaign and kind go out as one message. A row still `sending` after its
claim expired (the sender died mid-send) becomes `unknown`, never sent again: a webhook
cannot be asked whether it got the message.

Each destination gets at most RATE_LIMIT messages per RATE_WINDOW; rows beyond wait for a
later pass. A destination that refuses is retried under `DELIVERY` (broadcaster.retry's
policy), then its rows are `failed` with the reason (shown by `notify status`); that never
raises, so tracking goes on. Payloads are cleared once a row is settled.
"""

from __future__ import annotations

import functools
import json
import logging
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum, unique
from typing import Any

from sqlalchemy import Engine, and_, func, select, update

from broadcaster.notify.destinations import Destination
from broadcaster.notify.messages import compose
from broadcaster.retry import RetryPolicy, call_with_retries
from broadcaster.storage.models import Notification

log = logging.getLogger(__name__)

TABLE = Notification.__table__  # type: ignore[attr-defined]
RATE_LIMIT = 6  # messages per destination per window
RATE_WINDOW = timedelta(minutes=1)
CLAIM = timedelta(minutes=2)  # how long a claim holds if its sender dies
# A desk that refuses: three tries a second or two apart, and no more than 20 s of
# retrying in one pass, so tracking is never held long.
DELIVERY = RetryPolicy(attempts=3, budget=20.0, base_delay=0.5, max_delay=2.0)
KIND_ORDER = ("launch", "tip", "flood")


@unique
class NoticeState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # the destination refused it, retries spent
    UNKNOWN = "unknown"  # its sender stopped mid-send; not sent again


@dataclass(frozen=True)
class Notice:
    """One thing to tell one destination."""

    campaign_id: str
    kind: str
    subject: str
    destination: Destination
    payload: dict[str, Any]


@dataclass
class DeliveryReport:
    sent: int = 0  # rows
    messages: int = 0
    failed: list[str] = field(default_factory=list)  # one sentence per failed message
    waiting: int = 0  # rows left for a later pass (rate limit, budget)

    def summary(self) -> str:
        parts = [f"{self.messages} notification{'' if self.messages == 1 else 's'} sent"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed ({self.failed[0]})")
        if self.waiting:
            parts.append(f"{self.waiting} waiting")
        return "; ".join(parts)


def _insert_ignoring_duplicates(engine: Engine, rows: list[dict[str, Any]]) -> int:
    if not rows:
        return 0
    if engine.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:
        from sqlalchemy.dialects.postgresql import insert as dialect_insert  # type: ignore[assignment]
    statement = dialect_insert(TABLE).on_conflict_do_nothing(
        index_elements=["kind", "subject", "destination"]
    )
    with engine.begin() as connection:
        result = connection.execute(statement, rows)
    return max(int(result.rowcount or 0), 0)


def enqueue(engine: Engine, notices: Sequence[Notice], now: datetime) -> int:
    """Record notices; those already recorded (any state) are left alone. Returns how many
    are new."""
    rows = [
        {
            "campaign_id": n.campaign_id,
            "kind": n.kind,
            "subject": n.subject,
            "destination": n.destination.fingerprint,
            "audience": n.destination.audience,
            "state": NoticeState.PENDING,
            "payload": json.dumps(n.payload, ensure_ascii=False),
            "created_at": now,
            "due_at": now,
            "attempts": 0,
        }
        for n in notices
    ]
    return _insert_ignoring_duplicates(engine, rows)


def recorded_subjects(engine: Engine, campaign_id: str, kind: str) -> set[str]:
    """Subjects of `kind` already in the outbox for the campaign (for any destination)."""
    with engine.connect() as connection:
        return set(
            connection.execute(
                select(TABLE.c.subject)
                .where(TABLE.c.campaign_id == campaign_id, TABLE.c.kind == kind)
                .distinct()
            ).scalars()
        )


def _settle_abandoned(engine: Engine, now: datetime) -> None:
    with engine.begin() as connection:
        connection.execute(
            update(TABLE)
            .where(TABLE.c.state == NoticeState.SENDING, TABLE.c.claimed_until < now)
            .values(
                state=NoticeState.UNKNOWN,
                payload=None,
                error="its sender stopped while sending; not sent again",
            )
        )


def _sent_recently(engine: Engine, fingerprint: str, now: datetime) -> tuple[int, datetime | None]:
    """Messages sent to this destination in the window, and the oldest one's time."""
    with engine.connect() as connection:
        row = connection.execute(
            select(func.count(TABLE.c.batch.distinct()), func.min(TABLE.c.sent_at)).where(
                TABLE.c.destination == fingerprint,
                TABLE.c.state == NoticeState.SENT,
                TABLE.c.sent_at > now - RATE_WINDOW,
            )
        ).one()
    return int(row[0] or 0), row[1]


def _claim(engine: Engine, fingerprint: str, now: datetime) -> tuple[str, list[Any]]:
    token = uuid.uuid4().hex
    due = and_(
        TABLE.c.destination == fingerprint,
        TABLE.c.state == NoticeState.PENDING,
        TABLE.c.due_at <= now,
    )
    connection = engine.connect().execution_options(sqlite_begin="IMMEDIATE")
    with connection, connection.begin():
        connection.execute(
            update(TABLE)
            .where(due)
            .values(state=NoticeState.SENDING, claim=token, claimed_until=now + CLAIM)
        )
        rows = connection.execute(
            select(TABLE).where(TABLE.c.claim == token).order_by(TABLE.c.id)
        ).all()
    return token, list(rows)


def _settle(engine: Engine, ids: list[int], **values: Any) -> None:
    with engine.begin() as connection:
        connection.execute(
            update(TABLE)
            .where(TABLE.c.id.in_(ids), TABLE.c.state == NoticeState.SENDING)
            .values(claim=None, claimed_until=None, **values)
        )


Sender = Callable[[Destination, str, str], None]


def deliver(
    engine: Engine,
    destinations: Sequence[Destination],
    *,
    now: datetime,
    send: Sender | None = None,
    policy: RetryPolicy = DELIVERY,
    sleep: Callable[[float], None] = time.sleep,
) -> DeliveryReport:
    """Send what is due, one message per destination, campaign and kind; never raises for
    a destination that fails."""
    from broadcaster.notify.sender import DeliveryFailed
    from broadcaster.notify.sender import send as apprise_send

    sender = send or apprise_send
    report = DeliveryReport()
    _settle_abandoned(engine, now)
    deadline = time.monotonic() + policy.budget
    by_fingerprint: Mapping[str, Destination] = {d.fingerprint: d for d in destinations}
    with engine.connect() as connection:
        waiting = set(
            connection.execute(
                select(TABLE.c.destination)
                .where(TABLE.c.state == NoticeState.PENDING, TABLE.c.due_at <= now)
                .distinct()
            ).scalars()
        )
    for fingerprint in sorted(waiting):
        destination = by_fingerprint.get(fingerprint)
        if destination is None:
            # Not configured in this process (another worker's environment may fill in its
            # ${VAR}, or the URL was removed): left for a process that can send it.
            continue
        _, rows = _claim(engine, fingerprint, now)
        if not rows:
            continue  # another worker took them
        count, oldest = _sent_recently(engine, fingerprint, now)
        allowance = RATE_LIMIT - count
        groups: dict[tuple[str, str], list[Any]] = {}
        for row in rows:
            groups.setdefault((row.campaign_id, row.kind), []).append(row)
        ordered = sorted(groups.items(), key=lambda item: KIND_ORDER.index(item[0][1]))
        for (_campaign, kind), members in ordered:
            ids = [r.id for r in members]
            if allowance <= 0 or time.monotonic() >= deadline:
                later = (oldest + RATE_WINDOW) if (allowance <= 0 and oldest) else now
                _settle(engine, ids, state=NoticeState.PENDING, due_at=later)
                report.waiting += len(ids)
                continue
            message = compose(kind, [json.loads(r.payload or "{}") for r in members])
            try:
                call_with_retries(
                    functools.partial(sender, destination, message.title, message.body),
                    policy,
                    deadline=deadline,
                    retry_on=lambda error: isinstance(error, DeliveryFailed),
                    sleep=sleep,
                )
            except DeliveryFailed as error:
                log.warning("notification not sent: %s", error.message)
                _settle(
                    engine,
                    ids,
                    state=NoticeState.FAILED,
                    payload=None,
                    error=error.message,
                    attempts=TABLE.c.attempts + policy.attempts,
                )
                report.failed.append(error.message)
                continue
            _settle(
                engine,
                ids,
                state=NoticeState.SENT,
                payload=None,
                sent_at=now,
                batch=uuid.uuid4().hex,
                attempts=TABLE.c.attempts + 1,
            )
            allowance -= 1
            report.messages += 1
            report.sent += len(ids)
    return report


@dataclass(frozen=True)
class OutboxLine:
    audience: str
    destination: str  # fingerprint, or the label when the destination is configured
    state: str
    count: int
    last_error: str | None


def outbox_status(
    engine: Engine, destinations: Sequence[Destination], campaign_id: str | None = None
) -> list[OutboxLine]:
    """Per destination and state: how many notices, and the last failure's reason."""
    labels = {d.fingerprint: d.label for d in destinations}
    query = select(
        TABLE.c.audience,
        TABLE.c.destination,
        TABLE.c.state,
        func.count(),
        func.max(TABLE.c.error),
    ).group_by(TABLE.c.audience, TABLE.c.destination, TABLE.c.state)
    if campaign_id is not None:
        query = query.where(TABLE.c.campaign_id == campaign_id)
    with engine.connect() as connection:
        rows = connection.execute(query.order_by(TABLE.c.audience, TABLE.c.state)).all()
    return [
        OutboxLine(audience, labels.get(fp, f"destination {fp[:8]}"), state, int(n), error)
        for audience, fp, state, n, error in rows
    ]
