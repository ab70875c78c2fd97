"""The audit log: append-only, every entry chained to the one before by a hash.

hash = sha256(prev_hash + canonical JSON of (at, operator, action, campaign_id, detail)), so
editing, deleting or reordering an entry breaks the chain at that entry. `record` appends
inside a write-locked transaction (BEGIN IMMEDIATE on SQLite, an advisory lock on
PostgreSQL), so two writers can never both extend the same head and fork the chain.
Deleting the newest entries leaves a shorter chain that still verifies, so `verify` reports the
head hash for an officer to write in the case file, and `verify(head=HASH)` fails when that
entry is no longer there. Each signed approval also signs the head at its moment (see
`authoring.approval`), so a log cut below the last approval shows without any note.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, insert, text
from sqlmodel import Session, col, select

from broadcaster.storage.models import AuditEntry
from broadcaster.timeutil import utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.config import Settings

GENESIS = "0" * 64
_PG_AUDIT_LOCK = 7232  # pg_advisory_xact_lock key; 7231 is the migration lock
_HEAD = "broadcaster.storage.audit.head"  # Session.info key: the chain's head in this transaction
_AUDIT_TABLE: Table = AuditEntry.__table__  # type: ignore[attr-defined]
_INSERT = insert(_AUDIT_TABLE)  # built once: compiled once per engine, then only executed


@dataclass(frozen=True)
class AuditVerdict:
    ok: bool
    entries: int
    broken_at: int | None
    reason: str | None
    head: str = GENESIS
    expected_head: str | None = None  # `--head`: an entry that must still be in the log
    expected_at: int | None = None  # its seq, when it is there


def operator_name(settings: Settings) -> str:
    """Who is acting: BROADCASTER_OPERATOR, else the account logged in to this machine."""
    if settings.operator:
        return settings.operator
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return "unknown"


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def entry_hash(
    prev_hash: str,
    *,
    at: datetime,
    operator: str,
    action: str,
    campaign_id: str | None,
    detail: str,
) -> str:
    body = canonical(
        {
            "at": _stamp(at),
            "operator": operator,
            "action": action,
            "campaign_id": campaign_id,
            "detail": json.loads(detail),
        }
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def head(session: Session) -> str:
    """The chain's head, with the chain locked until this transaction ends: the next
    `record` in it chains onto exactly this hash. Call inside `session_scope(immediate=True)`."""
    current = session.info.get(_HEAD)
    if current is None:  # the first use in this transaction: lock, then read the head
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text(f"SELECT pg_advisory_xact_lock({_PG_AUDIT_LOCK})"))
        last = session.exec(
            select(AuditEntry).order_by(col(AuditEntry.seq).desc()).limit(1)
        ).first()
        current = last.hash if last else GENESIS
        session.info[_HEAD] = current
    return str(current)


def record(
    session: Session,
    *,
    operator: str,
    action: str,
    campaign_id: str | None,
    detail: Mapping[str, Any],
) -> str:
    """Append one entry and return its hash. Call inside `session_scope(engine,
    immediate=True)`.

    The entry is inserted at once, in the session's transaction (it commits or rolls back
    with the caller's other writes); several entries in one transaction chain onto each
    other without reading the table again. `detail` must never hold a secret: callers pass
    names, ids, hashes and reasons.
    """
    prev_hash = head(session)
    at = utcnow()
    detail_json = canonical(dict(detail))
    digest = entry_hash(
        prev_hash,
        at=at,
        operator=operator,
        action=action,
        campaign_id=campaign_id,
        detail=detail_json,
    )
    # A Core INSERT, not an AuditEntry object: building and flushing an ORM object cost
    # about 0.06 ms more an entry, one entry a post in a launch. The columns are the same, typed by
    # the same table, so the row holds the same bytes. Inserted now rather than at flush,
    # every entry takes its `seq` in the order it was chained: no AuditEntry is ever added
    # to a session elsewhere, so none can be pending to take a seq after a later entry.
    session.connection().execute(
        _INSERT,
        {
            "at": at,
            "operator": operator,
            "action": action,
            "campaign_id": campaign_id,
            "detail": detail_json,
            "prev_hash": prev_hash,
            "hash": digest,
        },
    )
    session.info[_HEAD] = digest  # the lock is held until commit: this stays the head
    return digest


def verify(engine: Engine, *, expected_head: str | None = None) -> AuditVerdict:
    """Walk the chain from the first entry; say whether it holds and where it first breaks.
    With `expected_head` (a hash noted earlier), also fail when no entry has that hash.

    Gaps in `seq` alone are not tampering (PostgreSQL sequences skip values on rollback):
    the hashes are the evidence, the gaps only help explain a break.
    """
    expected = expected_head.strip().lower() if expected_head else None
    with Session(engine) as session:
        where_is = {h: s for s, h in session.exec(select(AuditEntry.seq, AuditEntry.hash)).all()}
        prev_hash, prev_seq, count = GENESIS, 0, 0
        for entry in session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))):
            count += 1
            seq = entry.seq or 0
            problem = _check(entry, seq, prev_hash, prev_seq, where_is)
            if problem is not None:
                broken_at, reason = problem
                return AuditVerdict(False, count, broken_at, reason, prev_hash, expected)
            prev_hash, prev_seq = entry.hash, seq
    if expected is None:
        return AuditVerdict(True, count, None, None, prev_hash)
    at = where_is.get(expected)
    if at is None and len(expected) < 64:  # a noted prefix (at least 16 characters)
        found = [s for h, s in where_is.items() if h.startswith(expected)]
        at = found[0] if len(found) == 1 else None
    if at is None and expected != GENESIS:
        reason = (
            f"no entry has the hash {expected}: the log was cut below it, or that entry "
            "was rewritten"
        )
        return AuditVerdict(False, count, None, reason, prev_hash, expected)
    return AuditVerdict(True, count, None, None, prev_hash, expected, at)


def hashes(session: Session) -> set[str]:
    """Every entry's hash (and the genesis), to check that a noted head is still there."""
    return {GENESIS, *session.exec(select(AuditEntry.hash)).all()}


def _check(
    entry: AuditEntry, seq: int, prev_hash: str, prev_seq: int, where_is: dict[str, int | None]
) -> tuple[int, str] | None:
    try:
        expected = entry_hash(
            entry.prev_hash,
            at=entry.at,
            operator=entry.operator,
            action=entry.action,
            campaign_id=entry.campaign_id,
            detail=entry.detail,
        )
    except (ValueError, TypeError):  # detail is no longer JSON
        expected = ""
    if expected != entry.hash:
        return seq, f"entry {seq} was edited: its content no longer matches its hash"
    if entry.prev_hash == prev_hash:
        return None
    if prev_seq == 0:
        return seq, f"entry {seq} does not start the chain: the entries before it were deleted"
    linked = where_is.get(entry.prev_hash)
    if linked is not None:
        return seq, (
            f"entry {seq} follows entry {linked}, not entry {prev_seq}: entries were reordered"
        )
    if seq == prev_seq + 2:
        return prev_seq + 1, f"entry {prev_seq + 1} was deleted (entry {seq} no longer follows)"
    if seq > prev_seq + 2:
        return prev_seq + 1, (
            f"entries {prev_seq + 1}-{seq - 1} were deleted (entry {seq} no longer follows)"
        )
    return seq, (
        f"entry {seq} does not follow entry {prev_seq}: entry {prev_seq} was rewritten "
        "or an entry between them was removed"
    )
