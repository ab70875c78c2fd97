"""`tips CAMPAIGN --floods`: the stored floods of a campaign, one line per template cluster."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select

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

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "size": self.size,
            "first_at": self.first_at.isoformat() if self.first_at else None,
            "last_at": self.last_at.isoformat() if self.last_at else None,
            "sample": self.sample,
            "template": self.template,
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
        )
        .where(REPLIES.c.campaign_id == campaign_id, key.is_not(None))
        .group_by(key)
        .order_by(func.count().desc(), key)
    )
    if limit:
        query = query.limit(limit)
    with engine.connect() as connection:
        if (
            connection.execute(select(CAMPAIGNS.c.id).where(CAMPAIGNS.c.id == campaign_id)).first()
            is None
        ):
            raise CampaignNotFound(
                f"no campaign {campaign_id!r} in the database; approve and launch it first "
                "(or pass --db for another database)."
            )
        rows = connection.execute(query).all()
    return [
        Flood(k, int(n), first, last, sample or "", template(sample or ""))
        for k, n, first, last, sample in rows
    ]
