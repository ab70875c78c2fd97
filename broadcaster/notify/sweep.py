"""After a tracking pass: what is new to tell the desks, recorded in the outbox and sent.

- a new tip goes to the centre and to the desk of the agency whose post it answers;
- a launch that ended incomplete (the campaign is `partial`): each agency whose launch
  post did not go out, and why, to the centre and that agency's desk;
- a flood found on the thread (the triage's stored flood clusters): its size and window,
  to the centre and the desks of the agencies whose posts it hit.

Everything is read from the database, so any process that tracks (`track`, a scheduler
worker) finds the same notices, and the outbox's unique key lets only one of them record
each. Nothing here ever stops tracking: a problem is logged and reported, not raised.
- an agency worker missing at an armed instant (launch/arming.py): not ready and nothing
  sent `MISSING_AFTER` past the instant, to the centre and that agency's desk; an armed agency
  whose instant (and grace) has not come is not counted as incomplete.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, String, cast, exists, func, literal, select
from sqlalchemy.exc import SQLAlchemyError

from broadcaster.errors import BroadcasterError
from broadcaster.notify.destinations import CENTRE, Destination, usable_destinations
from broadcaster.notify.messages import snippet
from broadcaster.notify.outbox import (
    TABLE,
    DeliveryReport,
    Notice,
    Sender,
    deliver,
    enqueue,
    recorded_subjects,
)
from broadcaster.states import CampaignState, PostState
from broadcaster.storage.models import CampaignRecord, Post, Reply
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from broadcaster.authoring.agencies import Registry
    from broadcaster.config import Settings

log = logging.getLogger(__name__)

REPLIES = Reply.__table__  # type: ignore[attr-defined]
POSTS = Post.__table__  # type: ignore[attr-defined]
CAMPAIGNS = CampaignRecord.__table__  # type: ignore[attr-defined]
LAUNCH_KINDS = ("original", "quote", "repost")
NOT_OUT = (PostState.FAILED, PostState.UNKNOWN, PostState.AWAITING_APPROVAL, PostState.PLANNED)
DEFAULT_CONSOLE_URL = "http://127.0.0.1:8700"


def console_url(settings: Settings) -> str:
    return (settings.env.get("BROADCASTER_CONSOLE_URL") or DEFAULT_CONSOLE_URL).rstrip("/")


def _for(destinations: list[Destination], agencies: set[str]) -> list[Destination]:
    return [d for d in destinations if d.audience == CENTRE or d.audience in agencies]


def _tips(
    engine: Engine, settings: Settings, campaign_id: str, base: dict[str, Any]
) -> list[tuple[str, set[str], dict[str, Any]]]:
    from broadcaster.responses.tips import reply_url

    subject = literal("reply:") + cast(REPLIES.c.id, String)
    recorded = exists().where(TABLE.c.kind == "tip", TABLE.c.subject == subject)
    query = (
        select(
            REPLIES.c.id,
            REPLIES.c.platform,
            REPLIES.c.remote_id,
            REPLIES.c.author_handle,
            REPLIES.c.url,
            REPLIES.c.text,
            REPLIES.c.reasons,
            POSTS.c.agency,
        )
        .select_from(REPLIES.outerjoin(POSTS, POSTS.c.id == REPLIES.c.post_id))
        .where(REPLIES.c.campaign_id == campaign_id, REPLIES.c.label == "tip", ~recorded)
        .order_by(REPLIES.c.id)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    out = []
    for row in rows:
        agency = row.agency or "?"
        payload = {
            **base,
            "agency": agency,
            "snippet": snippet(row.text),
            "reasons": json.loads(row.reasons or "[]"),
            "reply_url": reply_url(
                row.platform, row.remote_id, row.author_handle, settings, row.url
            ),
        }
        out.append((f"reply:{row.id}", {agency}, payload))
    return out


def _launch(
    engine: Engine, campaign_id: str, state: str, base: dict[str, Any], now: datetime
) -> list[tuple[str, set[str], dict[str, Any]]]:
    if state not in (CampaignState.PARTIAL, CampaignState.LAUNCHING):
        return []
    from broadcaster.launch.arming import MISSING_AFTER, armed_agencies

    armed = armed_agencies(engine, campaign_id)
    with engine.connect() as connection:
        rows = connection.execute(
            select(POSTS.c.agency, POSTS.c.state, POSTS.c.error, POSTS.c.attempts)
            .where(
                POSTS.c.campaign_id == campaign_id,
                POSTS.c.occurrence == "launch",
                POSTS.c.kind.in_(LAUNCH_KINDS),
                POSTS.c.state.in_(NOT_OUT),
            )
            .order_by(POSTS.c.agency, POSTS.c.id)
        ).all()
    seen: dict[str, tuple[str, str | None]] = {}
    attempted: set[str] = set()
    for agency, post_state, error, attempts in rows:
        seen.setdefault(agency, (post_state, error))
        if attempts:
            attempted.add(agency)
    out = []
    for agency, (post_state, error) in seen.items():
        entry = armed.get(agency)
        if entry is not None and entry.done_at is None:
            if as_utc(now) <= as_utc(entry.fire_at) + MISSING_AFTER:
                continue  # its worker's instant (and grace) has not come: not incomplete yet
            if entry.ready_at is None and agency not in attempted:
                error = (
                    f"its agency worker never reported ready for the armed instant "
                    f"{as_utc(entry.fire_at):%Y-%m-%d %H:%M:%S} UTC; start broadcaster run "
                    f"--agency {agency} on its machine, with its own .env"
                )
                payload = {**base, "agency": agency, "state": "missing", "error": error}
                out.append((f"worker:{agency}", {agency}, payload))
            continue
        if state != CampaignState.PARTIAL:
            continue
        payload = {**base, "agency": agency, "state": post_state, "error": (error or "")[:300]}
        out.append((f"launch:{agency}", {agency}, payload))
    return out


def _floods(
    engine: Engine, campaign_id: str, base: dict[str, Any]
) -> list[tuple[str, set[str], dict[str, Any]]]:
    # Aggregated first, then the floods already recorded are dropped: a 100k-reply flood
    # is one group here, not 100k look-ups in the outbox.
    key = REPLIES.c.flood_key
    recorded = recorded_subjects(engine, campaign_id, "flood")
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                key,
                POSTS.c.agency,
                func.count(),
                func.min(REPLIES.c.created_at),
                func.max(REPLIES.c.created_at),
            )
            .select_from(REPLIES.outerjoin(POSTS, POSTS.c.id == REPLIES.c.post_id))
            .where(REPLIES.c.campaign_id == campaign_id, key.is_not(None))
            .group_by(key, POSTS.c.agency)
        ).all()
    floods: dict[str, dict[str, Any]] = {}
    for flood_key, agency, count, first, last in rows:
        if f"flood:{flood_key}" in recorded:
            continue
        flood = floods.setdefault(
            flood_key, {**base, "size": 0, "agencies": [], "first_at": None, "last_at": None}
        )
        flood["size"] += int(count)
        if agency:
            flood["agencies"].append(agency)
        for name, value, pick in (("first_at", first, min), ("last_at", last, max)):
            if value is not None:
                stamp = value.isoformat()
                flood[name] = pick(flood[name], stamp) if flood[name] else stamp
    return [
        (f"flood:{flood_key}", set(flood["agencies"]), flood) for flood_key, flood in floods.items()
    ]


def notify_campaign(
    settings: Settings,
    engine: Engine,
    campaign_id: str,
    *,
    registry: Registry | None = None,
    now: Callable[[], datetime] = utcnow,
    send: Sender | None = None,
) -> DeliveryReport | None:
    """Record and send what is new for the campaign; None when no destination is set.
    Never raises for a destination, a variable that is not set or a busy database."""
    try:
        if registry is None:
            from broadcaster.authoring.agencies import load_registry

            registry = load_registry(settings.agencies_path)
        destinations, problems = usable_destinations(registry, settings.env)
        for problem in problems:
            log.warning("notification destination skipped: %s", problem)
        if not destinations:
            return None
        with engine.connect() as connection:
            record = connection.execute(
                select(CAMPAIGNS.c.status, CAMPAIGNS.c.state).where(CAMPAIGNS.c.id == campaign_id)
            ).first()
        if record is None:
            return None
        base = {
            "campaign": campaign_id,
            "exercise": record.status == "exercise",
            "tips_url": f"{console_url(settings)}/campaigns/{campaign_id}/tips",
        }
        found = [
            *(("launch", *n) for n in _launch(engine, campaign_id, record.state, base, now())),
            *(("tip", *n) for n in _tips(engine, settings, campaign_id, base)),
            *(("flood", *n) for n in _floods(engine, campaign_id, base)),
        ]
        notices = [
            Notice(campaign_id, kind, subject, destination, payload)
            for kind, subject, agencies, payload in found
            for destination in _for(destinations, agencies)
        ]
        enqueue(engine, notices, now())
        return deliver(engine, destinations, now=now(), send=send)
    except (BroadcasterError, SQLAlchemyError, OSError) as error:
        log.warning("notifications for %s not sent this pass: %s", campaign_id, error)
        report = DeliveryReport()
        report.failed.append(f"notifications not sent this pass ({type(error).__name__})")
        return report
