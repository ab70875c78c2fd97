"""`tips CAMPAIGN --floods`: the stored floods of a campaign, one line per template cluster.

A flood an officer already relabelled as a whole (`tips --relabel`: every member carries the
officer's label) is listed last and says so ("relabelled spam by officer lee"): the floods
still to look at come first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, case, func, select

from broadcaster.errors import CampaignNotFound
from broadcaster.responses.triage.floods import template
from broadcaster.storage.models import CampaignRecord, Reply

REPLIES = Reply.__table__  # type: ignore[attr-defined]
CAMPAIGNS = CampaignRecord.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Flood:
    key: str
    size: int
    first_at: datetime | None
    last_at: datetime | None
    sample: str
    template: str
    relabelled: int = 0  # members carrying an officer's label
    relabelled_by: str | None = None  # an officer who relabelled it
    label: str | None = None  # the members' label, when they all have one

    @property
    def relabelled_whole(self) -> bool:
        """Every member carries an officer's label: nothing left to correct."""
        return self.size > 0 and self.relabelled == self.size

    def note(self) -> str:
        """What officers did with it, for the listing ("" when nothing)."""
        if not self.relabelled:
            return ""
        who = f"officer {self.relabelled_by}"
        if self.relabelled_whole and self.label:
            return f"relabelled {self.label} by {who}"
        return f"{self.relabelled:,} of {self.size:,} relabelled by {who}"

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "size": self.size,
            "first_at": self.first_at.isoformat() if self.first_at else None,
            "last_at": self.last_at.isoformat() if self.last_at else None,
            "sample": self.sample,
            "template": self.template,
            "relabelled": self.relabelled,
            "relabelled_by": self.relabelled_by,
            "relabelled_whole": self.relabelled_whole,
            "label": self.label,
        }


def floods(engine: Engine, campaign_id: str, *, limit: int | None = None) -> list[Flood]:
    """The campaign's floods, largest first: size, window, a sample and its template."""
    key = REPLIES.c.flood_key
    query = (
        select(
            key,
            func.count(),
            func.min(REPLIES.c.created_at),
            func.max(REPLIES.c.created_at),
            func.min(REPLIES.c.text),
            func.count(REPLIES.c.relabelled_by),
            func.max(REPLIES.c.relabelled_by),
            func.min(REPLIES.c.label),
            func.max(REPLIES.c.label),
        )
        .where(REPLIES.c.campaign_id == campaign_id, key.is_not(None))
        .group_by(key)
        .order_by(
            case((func.count(REPLIES.c.relabelled_by) == func.count(), 1), else_=0),
            func.count().desc(),
            key,
        )
    )
    if limit:
        query = query.limit(limit)
    with engine.connect() as connection:
        if (
            connection.execute(select(CAMPAIGNS.c.id).where(CAMPAIGNS.c.id == campaign_id)).first()
            is None
        ):
            raise CampaignNotFound.in_database(campaign_id)
        rows = connection.execute(query).all()
    return [
        Flood(
            k, int(n), first, last, sample or "", template(sample or ""), int(done or 0), by,
            low if low == high else None,
        )
        for k, n, first, last, sample, done, by, low, high in rows
    ]  # fmt: skip
