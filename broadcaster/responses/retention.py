"""Retention: replier data past the retention period is removed; the aggregates stay.

What goes: the replier's handle and id, and the reply's text (a stranger's words, often with
names, places and phone numbers in them). What stays: the row itself with its label,
reasons, score, flood key, times and follow-up, so counts per label, the reach report and
the follow-up record still add up after a purge.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, case, func, select, update

from broadcaster.errors import UsageInvalid
from broadcaster.storage.models import Reply
from broadcaster.timeutil import parse_duration, utcnow

REPLIES = Reply.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PurgeReport:
    older_than: str
    cutoff: datetime
    replies: int
    unhandled_tips: int  # tips never marked followed-up among them: worth a look first
    campaigns: dict[str, int]
    dry_run: bool

    def to_json(self) -> dict[str, object]:
        return {
            "older_than": self.older_than,
            "cutoff": self.cutoff.isoformat(),
            "replies": self.replies,
            "unhandled_tips": self.unhandled_tips,
            "campaigns": self.campaigns,
            "dry_run": self.dry_run,
        }


def retention_period(text: str) -> timedelta:
    try:
        period = parse_duration(text)
    except ValueError as error:
        raise UsageInvalid(f"--older-than: {error}.") from None
    if period <= timedelta(0):
        raise UsageInvalid(f"--older-than {text!r} must be longer than zero, like 90d.")
    return period


def purge(
    engine: Engine,
    older_than: str,
    *,
    operator: str,
    dry_run: bool = False,
    now: datetime | None = None,
) -> PurgeReport:
    """Remove replier data from replies received more than `older_than` ago, and record
    the purge in the audit log in the same transaction (`dry_run` only counts)."""
    from broadcaster.storage.audit import record
    from broadcaster.storage.db import session_scope

    cutoff = (now or utcnow()) - retention_period(older_than)
    received = func.coalesce(REPLIES.c.created_at, REPLIES.c.fetched_at)
    due = (REPLIES.c.purged_at.is_(None), received < cutoff)
    with session_scope(engine, immediate=not dry_run) as session:
        connection = session.connection()
        rows = connection.execute(
            select(
                REPLIES.c.campaign_id,
                func.count(),
                func.sum(
                    case(
                        (
                            (REPLIES.c.label == "tip") & REPLIES.c.followed_up_at.is_(None),
                            1,
                        ),
                        else_=0,
                    )
                ),
            )
            .where(*due)
            .group_by(REPLIES.c.campaign_id)
            .order_by(REPLIES.c.campaign_id)
        ).all()
        campaigns = {campaign: int(count) for campaign, count, _ in rows}
        unhandled = sum(int(tips or 0) for _, _, tips in rows)
        total = sum(campaigns.values())
        if not dry_run:
            if total:
                connection.execute(
                    update(REPLIES)
                    .where(*due)
                    .values(
                        author_handle=None, author_id=None, text=None, purged_at=now or utcnow()
                    )
                )
            # Recorded even when nothing was due: it shows the retention rule was applied.
            record(
                session,
                operator=operator,
                action="purge",
                campaign_id=None,
                detail={
                    "older_than": older_than,
                    "cutoff": cutoff.isoformat(),
                    "replies": total,
                    "campaigns": campaigns,
                },
            )
    return PurgeReport(
        older_than=older_than,
        cutoff=cutoff,
        replies=total,
        unhandled_tips=unhandled,
        campaigns=campaigns,
        dry_run=dry_run,
    )
