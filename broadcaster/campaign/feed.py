"""`feed`: an Atom feed of every campaign's CAP messages, for an agency's website and the
alerting networks that pull it (Google Public Alerts and national aggregators read Atom
feeds of CAP).

One entry per message a campaign really sent, newest first: its alert once it launched,
each mid-case update whose replies went out, its Update once resolved, its Cancel once
cancelled after launching (a cancel during the countdown told nobody anything, so there is
nothing to retract). Each entry carries the message itself as `application/cap+xml`
content, built by `cap.build_alert` for the campaign at that point of its life, and the
identifiers the networks match on: the entry's id is a tag URI of the CAP sender and
identifier, its `updated` the CAP `sent`.
Drills (`status = "exercise"`) are left out unless asked for.
"""

from __future__ import annotations

import logging
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from broadcaster.campaign.cap import (
    CAP_NS,
    CampaignLife,
    CapPhoto,
    build_alert,
    campaign_life,
    to_xml,
)
from broadcaster.errors import InvalidInput
from broadcaster.states import CAMPAIGN_LIVE, CampaignState
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.config import Settings

log = logging.getLogger(__name__)

CAP_MEDIA_TYPE = "application/cap+xml"
FEED_TITLE = "Police appeals: CAP 1.2 alerts"


@dataclass(frozen=True)
class FeedEntry:
    campaign_id: str
    at: datetime  # when the message was sent, to the microsecond (for the order)
    identifier: str
    sender: str
    sent: datetime
    msg_type: str
    status: str
    title: str
    summary: str
    author: str
    link: str | None
    xml: bytes = field(repr=False)

    @property
    def entry_id(self) -> str:
        """A tag URI (RFC 4151) minted by the sender: stable, and unique per message."""
        authority = self.sender if "@" in self.sender else f"{self.sender}@broadcaster.invalid"
        return f"tag:{authority},{self.sent:%Y-%m-%d}:{self.identifier}"


@dataclass
class Feed:
    entries: list[FeedEntry]
    skipped: list[str]  # one sentence per campaign whose file no longer prepares


def _text(alert: ET.Element, path: str) -> str:
    found = alert.find("/".join(f"{{{CAP_NS}}}{part}" for part in path.split("/")))
    return (found.text or "").strip() if found is not None else ""


def _lives(life: CampaignLife) -> list[CampaignLife]:
    """The messages this life has sent, as the lives that export each: oldest first (the
    alert, each mid-case update that went out, the resolve's update or the cancel)."""
    if life.launched_at is None:
        return []  # nothing went out: no alert, and a countdown cancel retracts nothing
    alert = CampaignLife(state=CampaignState.LAUNCHED, launched_at=life.launched_at)
    updates = [
        replace(
            alert,
            updates=tuple(u for u in life.updates if u.number <= update.number),
            current_update=update.number,
        )
        for update in life.updates
    ]
    if life.state in (CampaignState.RESOLVED, CampaignState.CANCELLED):
        return [alert, *updates, life]
    return [alert, *updates]


def _sent(life: CampaignLife, now: datetime) -> datetime:
    """When the message this life exports went out."""
    if life.current_update is not None:
        update = life.update(life.current_update)
        if update is not None:
            return update.sent
    if life.state != CampaignState.LAUNCHED and life.closed_at is not None:
        return life.closed_at
    return life.launched_at or now


def _entry(
    campaign_id: str, at: datetime, alert: ET.Element, author: str, link: str | None
) -> FeedEntry:
    return FeedEntry(
        campaign_id=campaign_id,
        at=as_utc(at),
        identifier=_text(alert, "identifier"),
        sender=_text(alert, "sender"),
        sent=as_utc(datetime.fromisoformat(_text(alert, "sent"))),
        msg_type=_text(alert, "msgType"),
        status=_text(alert, "status"),
        title=_text(alert, "info/headline"),
        summary=_text(alert, "info/description"),
        author=author,
        link=link,
        xml=to_xml(alert),
    )


def collect(
    settings: Settings,
    engine: Engine,
    *,
    include_exercises: bool = False,
    now: datetime | None = None,
) -> Feed:
    """Every CAP message of every campaign in the database, newest first."""
    from sqlmodel import Session, select

    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.storage.models import CampaignRecord

    now = now or utcnow()
    with Session(engine) as session:
        records = list(session.exec(select(CampaignRecord)))
    entries: list[FeedEntry] = []
    skipped: list[str] = []
    for record in records:
        if record.status == "exercise" and not include_exercises:
            continue
        if record.launched_at is None or not (
            record.state in CAMPAIGN_LIVE
            or record.state
            in (CampaignState.RESOLVED, CampaignState.CANCELLED, CampaignState.EXPIRED)
        ):
            continue
        try:
            prepared = prepare_campaign(Path(record.path), settings, check_credentials=False)
        except InvalidInput as error:
            skipped.append(f"campaign {record.id}: {error.message.splitlines()[0]}")
            continue
        photo = None
        if prepared.photo is not None:
            photo = CapPhoto(data=prepared.photo.data, mime_type=prepared.photo.mime_type)
        lead = prepared.registry.get(prepared.campaign.lead)
        link = prepared.campaign.link or lead.tip_url
        for life in _lives(campaign_life(engine, record.id)):
            alert = build_alert(
                prepared.campaign, prepared.registry, life=life, photo=photo, now=now
            )
            entries.append(_entry(record.id, _sent(life, now), alert, lead.name, link))
    entries.sort(key=lambda e: (e.at, e.msg_type != "Alert", e.identifier), reverse=True)
    return Feed(entries, skipped)


def feed_id(settings: Settings) -> str:
    """The same id for the same deployment (its agencies file), whatever the entries."""
    name = str(settings.agencies_path.resolve())
    return uuid.uuid5(uuid.NAMESPACE_URL, f"broadcaster-cap-feed:{name}").urn


def atom(feed: Feed, settings: Settings, *, now: datetime | None = None) -> bytes:
    """The Atom document (UTF-8), entries in the order given."""
    from feedgen.feed import FeedGenerator

    generator = FeedGenerator()
    generator.id(feed_id(settings))
    generator.title(FEED_TITLE)
    generator.author({"name": "broadcaster"})
    self_url = settings.env.get("BROADCASTER_FEED_URL")
    if self_url:
        generator.link(href=self_url, rel="self", type="application/atom+xml")
    newest = feed.entries[0].sent if feed.entries else as_utc(now or utcnow())
    generator.updated(newest)
    for item in feed.entries:
        entry = generator.add_entry(order="append")
        entry.id(item.entry_id)
        entry.title(f"{item.msg_type}: {item.title}")
        entry.updated(item.sent)
        entry.published(item.sent)
        entry.author({"name": item.author})
        entry.summary(item.summary)
        entry.category(term=item.msg_type, label=item.msg_type)
        if item.link:
            entry.link(href=item.link, rel="alternate", type="text/html")
        entry.content(item.xml, type=CAP_MEDIA_TYPE)
    return bytes(generator.atom_str(pretty=True))
