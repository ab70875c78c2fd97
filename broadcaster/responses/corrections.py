"""Officers' corrections followed by later replies: a new reply of a template cluster an
officer relabelled (`tips --relabel`) takes the officer's label. Tracking and
`ingest_replies` call it after storing a batch; it costs nothing while no cluster of the
campaign was relabelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from broadcaster.storage.models import Reply
from broadcaster.timeutil import utcnow

REPLIES = Reply.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Correction:
    """An officer's label for a template cluster: the last direct relabel of one member."""

    label: str
    by: str
    reply: str


def corrections(connection: Any, campaign_id: str) -> dict[str, Correction]:
    """The campaign's corrected clusters (few: officers relabel by hand), latest wins."""
    rows = connection.execute(
        select(
            REPLIES.c.flood_cluster, REPLIES.c.label, REPLIES.c.relabelled_by, REPLIES.c.remote_id
        )
        .where(
            REPLIES.c.campaign_id == campaign_id,
            REPLIES.c.relabelled_by.is_not(None),
            REPLIES.c.relabelled_via.is_(None),
            REPLIES.c.flood_cluster.is_not(None),
        )
        .order_by(REPLIES.c.relabelled_at, REPLIES.c.id)
    ).all()
    return {cluster: Correction(label, by, reply) for cluster, label, by, reply in rows}


def follow_corrections(
    connection: Any,
    campaign_id: str,
    found: dict[str, Correction],
    platform: str,
    new_rows: Any,
    *,
    now: datetime | None = None,
) -> int:
    """New replies of a corrected cluster take the officer's label (their triage label is
    kept as `machine_label`), marked as relabelled by propagation. `new_rows` are
    (remote_id, flood_cluster) pairs just stored; returns how many were relabelled."""
    by_cluster: dict[str, list[str]] = {}
    for remote_id, cluster in new_rows:
        if cluster in found:
            by_cluster.setdefault(cluster, []).append(remote_id)
    at = now or utcnow()
    done = 0
    for cluster, ids in by_cluster.items():
        correction = found[cluster]
        result = connection.execute(
            update(REPLIES)
            .where(
                REPLIES.c.campaign_id == campaign_id,
                REPLIES.c.platform == platform,
                REPLIES.c.remote_id.in_(ids),
                REPLIES.c.relabelled_by.is_(None),
            )
            .values(
                machine_label=REPLIES.c.label,
                label=correction.label,
                relabelled_by=correction.by,
                relabelled_at=at,
                relabelled_via=correction.reply,
            )
        )
        done += int(result.rowcount or 0)
    return done
