"""The one home of every state: a post's, a campaign's, a scheduled job's, and their moves.

The values are the strings stored in the database (a `StrEnum` compares equal to its value,
so rows read back as plain strings still match). The transition tables say which moves the
product makes; `check` is called where a state is written, so a move nobody planned for is
seen. Under tests (`BROADCASTER_STRICT_STATES=1`) it raises; in service it logs and lets the
write go, because refusing to record what a platform already did would lose a post.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from enum import StrEnum, unique

log = logging.getLogger("broadcaster.states")


@unique
class PostState(StrEnum):
    """A post by one agency, in the launch journal."""

    PLANNED = "planned"  # a row exists; nothing was sent
    SENDING = "sending"  # committed before the request leaves
    POSTED = "posted"
    FAILED = "failed"  # refused, or retries exhausted; may be tried again
    UNKNOWN = "unknown"  # the request may have landed (a timeout): reconcile before resending
    DELETED = "deleted"  # was posted, then taken down (resolve, cancel, expiry)
    CANCELLED = "cancelled"  # planned, never sent, and never will be
    # partner_approval: held, never sent, until an approver of its own agency signs
    AWAITING_APPROVAL = "awaiting-approval"


@unique
class CampaignState(StrEnum):
    DRAFT = "draft"
    LAUNCHING = "launching"
    LAUNCHED = "launched"  # every agency posted
    PARTIAL = "partial"  # some agencies posted
    RESOLVED = "resolved"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


@unique
class JobState(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"  # nothing to do (no launch post to repost, a later repost is due)
    CANCELLED = "cancelled"


@unique
class JobOutcome(StrEnum):
    """How one pass of a worker ended a claimed job (reported, not stored)."""

    DONE = "done"
    RETRY = "retry"
    FAILED = "failed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"
    LOST = "lost"  # its claim expired and another worker took it


# Groups the code asks about.
POST_TODO = frozenset({PostState.PLANNED, PostState.SENDING, PostState.FAILED, PostState.UNKNOWN})
POST_DONE = frozenset({PostState.POSTED, PostState.DELETED})  # it went out
POST_IN_FLIGHT = frozenset({PostState.SENDING, PostState.UNKNOWN})  # it may have gone out
POST_NOT_SENT = frozenset({PostState.FAILED, PostState.UNKNOWN})  # reported as not (yet) out
POST_HELD = frozenset({PostState.AWAITING_APPROVAL})  # not sent until its agency approves
CAMPAIGN_LIVE = frozenset({CampaignState.LAUNCHED, CampaignState.PARTIAL})
CAMPAIGN_CLOSED = frozenset(
    {CampaignState.RESOLVED, CampaignState.CANCELLED, CampaignState.EXPIRED}
)
JOB_OPEN = frozenset({JobState.PENDING, JobState.CLAIMED})
JOB_NOT_RUN = frozenset({JobState.SKIPPED, JobState.CANCELLED})  # ended with nothing to do

_P, _C, _J = PostState, CampaignState, JobState

POST_MOVES: Mapping[PostState, frozenset[PostState]] = {
    _P.PLANNED: frozenset({_P.SENDING, _P.CANCELLED, _P.POSTED, _P.FAILED, _P.AWAITING_APPROVAL}),
    # POSTED/FAILED from SENDING or UNKNOWN also when reconcile finds (or misses) it.
    _P.SENDING: frozenset({_P.POSTED, _P.FAILED, _P.UNKNOWN}),
    _P.UNKNOWN: frozenset({_P.SENDING, _P.POSTED, _P.FAILED}),
    _P.FAILED: frozenset({_P.SENDING, _P.POSTED, _P.CANCELLED, _P.AWAITING_APPROVAL}),
    # Held by partner_approval: released (planned again) once its agency approves.
    _P.AWAITING_APPROVAL: frozenset({_P.PLANNED, _P.CANCELLED}),
    _P.POSTED: frozenset({_P.DELETED}),
    _P.DELETED: frozenset(),
    _P.CANCELLED: frozenset(),
}

CAMPAIGN_MOVES: Mapping[CampaignState, frozenset[CampaignState]] = {
    _C.DRAFT: frozenset({_C.LAUNCHING, _C.LAUNCHED, _C.PARTIAL, *CAMPAIGN_CLOSED}),
    _C.LAUNCHING: frozenset({_C.LAUNCHED, _C.PARTIAL, *CAMPAIGN_CLOSED}),
    _C.PARTIAL: frozenset({_C.LAUNCHED, *CAMPAIGN_CLOSED}),
    _C.LAUNCHED: frozenset({_C.PARTIAL, *CAMPAIGN_CLOSED}),
    # A resolve may be re-run (to finish its follow-up posts); a resolved case may expire.
    _C.RESOLVED: frozenset({_C.EXPIRED}),
    _C.CANCELLED: frozenset(),
    _C.EXPIRED: frozenset(),
}

JOB_MOVES: Mapping[JobState, frozenset[JobState]] = {
    _J.PENDING: frozenset({_J.CLAIMED, _J.CANCELLED}),
    # A claim ends in any state, back to PENDING for a retry (or a clean stop). Every end is
    # final: a job is never re-armed; scheduling again inserts a job for a new occurrence.
    _J.CLAIMED: frozenset({_J.PENDING, _J.DONE, _J.FAILED, _J.SKIPPED, _J.CANCELLED}),
    _J.DONE: frozenset(),
    _J.FAILED: frozenset(),
    _J.SKIPPED: frozenset(),
    _J.CANCELLED: frozenset(),
}

_TABLES: dict[type[StrEnum], Mapping[StrEnum, frozenset[StrEnum]]] = {
    PostState: POST_MOVES,  # type: ignore[dict-item]
    CampaignState: CAMPAIGN_MOVES,  # type: ignore[dict-item]
    JobState: JOB_MOVES,  # type: ignore[dict-item]
}


class IllegalTransition(RuntimeError):
    """A state write that the tables above do not allow: a bug, never a user's mistake."""


def allowed(kind: type[StrEnum], old: str, new: str) -> bool:
    """Whether `old` may become `new` (staying put is always allowed)."""
    if old == new:
        return True
    table = _TABLES[kind]
    return kind(new) in table[kind(old)]


def check(kind: type[StrEnum], old: str | None, new: str, what: str = "") -> None:
    """Say so when a write moves `old` to `new` against the table, or writes a value that is
    no state of `kind` (raise under strict mode). `old` is None for a new row."""
    where = f" ({what})" if what else ""
    if new not in kind.__members__.values():
        _refuse(f"{new!r} is not a {kind.__name__}{where}")
    elif old is not None and old in kind.__members__.values() and not allowed(kind, old, new):
        _refuse(f"{kind.__name__} {old} -> {new} is not an allowed move{where}")


def _refuse(message: str) -> None:
    if os.environ.get("BROADCASTER_STRICT_STATES") == "1":
        raise IllegalTransition(message)
    log.warning(message)
