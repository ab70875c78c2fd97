"""Where a campaign stands: its state, and per agency and per post what happened.

`campaign_status` returns the SPEC's JSON shape (fields may be added, never renamed):
{"campaign", "state", "posts": [{"agency", "platform", "kind", "state", "remote_id", "url",
"sent_at", "error"}]}, plus a few more fields useful to a person reading it: a launch post
held by partner_approval has state `awaiting-approval` (and the campaign lists those agencies
under "awaiting_approval"); a launch post sent after the campaign's instant (a held agency
released later, a worker not ready in time) has `"late": true` and `late_seconds`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from broadcaster.errors import CampaignNotFound
from broadcaster.states import POST_DONE, POST_HELD
from broadcaster.storage.models import CampaignRecord, Post
from broadcaster.timeutil import as_utc

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

KIND_ORDER = {"original": 0, "quote": 1, "repost": 2}
LAUNCH_KINDS = frozenset(KIND_ORDER)
# A launch post sent this long after the campaign fired did not go with the others.
LATE_AFTER = timedelta(seconds=1)


def campaign_id_of(reference: str) -> str:
    """CAMPAIGN may be a campaign file (its `id` is read) or a campaign id."""
    path = Path(reference)
    looks_like_file = path.suffix == ".toml" or "/" in reference or "\\" in reference
    if path.is_file():
        from broadcaster.authoring.tomlfile import read_toml

        data, _ = read_toml(path, "campaign")
        campaign_id = data.get("id")
        if not isinstance(campaign_id, str) or not campaign_id:
            raise CampaignNotFound(f"{path}: the campaign file has no id.")
        return campaign_id
    if looks_like_file:
        raise CampaignNotFound(f"{reference}: no such campaign file.")
    return reference


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _late_seconds(row: Post, instant: datetime | None) -> float | None:
    """How long after the campaign's instant this launch post left, when it was late."""
    if instant is None or row.occurrence != "launch" or row.kind not in LAUNCH_KINDS:
        return None
    if row.state not in POST_DONE or row.sent_at is None:
        return None
    behind = as_utc(row.sent_at) - as_utc(instant)
    return round(behind.total_seconds(), 3) if behind > LATE_AFTER else None


def campaign_status(engine: Engine, campaign_id: str) -> dict[str, Any]:
    with Session(engine) as session:
        record = session.get(CampaignRecord, campaign_id)
        if record is None:
            raise CampaignNotFound(
                f"campaign {campaign_id!r} is not in the database; approve or launch it first "
                "(or pass --db for another database)."
            )
        rows = list(
            session.exec(
                select(Post).where(Post.campaign_id == campaign_id).order_by(col(Post.id))
            ).all()
        )
    # The posts meant to land together: every original, or in amplify mode every quote.
    together = "quote" if record.mode == "amplify" else "original"
    times = [
        r.posted_at
        for r in rows
        if r.occurrence == "launch" and r.kind == together and r.posted_at is not None
    ]
    spread = round((max(times) - min(times)).total_seconds() * 1000, 3) if len(times) > 1 else None
    rows.sort(key=lambda r: (r.scheduled_for is not None, r.occurrence != "launch", r.id or 0))
    from broadcaster.campaign.lifecycle import lifecycle_status  # expiry and scheduled work (#6)

    upcoming = lifecycle_status(engine, campaign_id)
    late = {row.id: _late_seconds(row, record.launched_at) for row in rows}
    return {
        "campaign": record.id,
        "state": record.state,
        "status": record.status,
        "mode": record.mode,
        "lead": record.lead,
        "launched_at": _iso(record.launched_at),
        "closed_at": _iso(record.closed_at),
        "outcome": record.outcome,
        "spread_ms": spread,
        "awaiting_approval": sorted(
            {r.agency for r in rows if r.occurrence == "launch" and r.state in POST_HELD}
        ),
        "posts": [
            {
                "agency": row.agency,
                "platform": row.platform,
                "kind": row.kind,
                "state": row.state,
                "remote_id": row.remote_id,
                "url": row.url,
                "sent_at": _iso(row.sent_at),
                "error": row.error,
                "handle": row.handle,
                "occurrence": row.occurrence,
                "posted_at": _iso(row.posted_at),
                "attempts": row.attempts,
                "followers": row.followers,
                "quote_of": row.quote_of,
                "late": late[row.id] is not None,
                "late_seconds": late[row.id],
            }
            for row in rows
        ],
        "upcoming": upcoming,
    }
