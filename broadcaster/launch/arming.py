"""Arming: a launch whose process lacks some agencies' keys hands their posts to the
agencies' own workers, through the shared database.

`launch` posts for the agencies whose credentials it has (every variable of every account
of the agency). For each of the others it *arms* the campaign: the agency's launch rows are
planned in the journal as usual (their texts are the approved, rendered texts), and an
`armed_agency` row says that those rows are its worker's to send, at `fire_at`. The arming
process has passed every gate first (approval of this exact content, not closed, not
expired); a worker checks only what can change after that (closed, expired) and posts the
texts it finds in the journal, never anything it rendered itself.

Why two small tables rather than columns on `post`:
- readiness, the worker's lease and its clock offset belong to an agency, not to one of its
  accounts' rows (one worker serves all of an agency's accounts), so on `post` they would be
  repeated per account and could disagree;
- the photo must reach a worker that has neither the campaign file nor the photo (a partner
  agency's machine): it is stored once per campaign (`arming`), exactly as the arming process
  prepared it (re-encoded, EXIF stripped), rather than once per row;
- the journal's rows keep their single meaning (what was sent, and its state), so the
  executor, reconciliation and `status` read them exactly as before.

An armed launch needs its instant at least `MIN_ARM_LEAD` ahead (SPEC: 30 s): workers poll
for armings, verify, upload and warm before the instant. The core takes the minimum as a
parameter (tests arm a few seconds ahead); the CLI always uses the default.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from broadcaster.errors import UsageInvalid
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import ArmedAgency, Arming, UpdatePhoto
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.agencies import Registry

MIN_ARM_LEAD = timedelta(seconds=30)
# An armed agency whose worker is not ready this long after the instant is missing (status,
# notifications).
MISSING_AFTER = timedelta(seconds=30)


@dataclass(frozen=True)
class StoredPhoto:
    """The photo an armed launch posts, as the executor uploads it (the fields of
    authoring.media.PreparedPhoto that uploading reads)."""

    data: bytes = field(repr=False)
    mime_type: str
    alt_text: Mapping[str, str]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def without_keys(registry: Registry, agencies: Iterable[str], env: Mapping[str, str]) -> list[str]:
    """The agencies (of `agencies`, in order) for which `env` lacks any variable of any of
    their accounts: this process cannot post for them."""
    out = []
    for key in agencies:
        agency = registry.get(key)
        names = [n for account in agency.each_account() for n in account.credential_names()]
        if any(not env.get(name) for name in names):
            out.append(key)
    return out


def refuse_too_soon(
    campaign_id: str,
    away: Sequence[str],
    registry: Registry,
    env: Mapping[str, str],
    fire_at: datetime | None,
    *,
    now: datetime,
    min_lead: timedelta = MIN_ARM_LEAD,
) -> None:
    """An armed launch with its instant less than `min_lead` ahead (or at once) is exit 2,
    naming the agencies without keys here and the variables they lack (never values)."""
    if fire_at is not None and as_utc(fire_at) - now >= min_lead:
        return
    missing = registry.missing_credentials(env)
    names = [name for key in away for name in missing.get(key, [])]
    shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
    one = len(away) == 1
    when = (
        "at once"
        if fire_at is None
        else f"{max(0.0, (as_utc(fire_at) - now).total_seconds()):.0f} s ahead"
    )
    lead = int(min_lead.total_seconds())
    raise UsageInvalid(
        f"campaign {campaign_id!r}: {', '.join(away)} {'has' if one else 'have'} no credentials "
        f"in this process ({shown} not set), so {'it' if one else 'they'} would fire from "
        f"{'its' if one else 'their'} own agency worker{'' if one else 's'}, and an armed "
        f"launch needs its instant at least {lead} s ahead (this one is {when}); "
        f"give --at +{lead}s or later, or set the credentials in the environment or .env."
    )


def arm(
    engine: Engine,
    campaign_id: str,
    agencies: Sequence[str],
    fire_at: datetime,
    *,
    operator: str,
    content_hash: str,
    photo: Any | None,
) -> list[str]:
    """Mark these agencies' launch rows as their workers' to send at `fire_at` (the rows
    must be planned); returns the agencies newly armed. An agency armed before keeps its
    instant and whatever its worker recorded: arming twice changes nothing."""
    now = utcnow()
    added = []
    with session_scope(engine, immediate=True) as session:
        stored = session.get(Arming, campaign_id)
        if stored is None:
            stored = Arming(campaign_id=campaign_id, content_hash=content_hash, updated_at=now)
        stored.content_hash = content_hash
        stored.photo = photo.data if photo is not None else None
        stored.photo_mime = photo.mime_type if photo is not None else None
        stored.photo_alt = json.dumps(dict(photo.alt_text) if photo is not None else {})
        stored.updated_at = now
        session.add(stored)
        for agency in agencies:
            if session.get(ArmedAgency, (campaign_id, agency)) is not None:
                continue
            session.add(
                ArmedAgency(
                    campaign_id=campaign_id,
                    agency=agency,
                    fire_at=as_utc(fire_at),
                    armed_at=now,
                    armed_by=operator,
                )
            )
            added.append(agency)
    return added


def retry(engine: Engine, campaign_id: str, agencies: Sequence[str]) -> None:
    """`launch` again: these armed agencies' workers send what is still missing (a failed
    post, a released partner approval) at their next pass."""
    if not agencies:
        return
    with session_scope(engine, immediate=True) as session:
        for row in session.exec(
            select(ArmedAgency).where(
                ArmedAgency.campaign_id == campaign_id,
                col(ArmedAgency.agency).in_(list(agencies)),
                col(ArmedAgency.done_at).is_not(None),
            )
        ).all():
            row.done_at = None
            session.add(row)


def armed_agencies(engine: Engine, campaign_id: str) -> dict[str, ArmedAgency]:
    """The campaign's armed agencies, by key."""
    with Session(engine) as session:
        rows = session.exec(
            select(ArmedAgency)
            .where(ArmedAgency.campaign_id == campaign_id)
            .order_by(col(ArmedAgency.agency))
        ).all()
        return {row.agency: row for row in rows}


def stored_photo(engine: Engine, campaign_id: str) -> StoredPhoto | None:
    with Session(engine) as session:
        stored = session.get(Arming, campaign_id)
    if stored is None or stored.photo is None:
        return None
    return StoredPhoto(
        data=stored.photo,
        mime_type=stored.photo_mime or "image/jpeg",
        alt_text=json.loads(stored.photo_alt or "{}"),
    )


# -- a mid-case update's new photo ---------------------------------------------------------


def keep_update_photo(session: Session, campaign_id: str, number: int, photo: Any) -> None:
    """Store update `number`'s new photo for whatever posts it on another machine than the
    `update` (a scheduler, an armed agency's worker); once: the same update run again keeps
    the row it stored."""
    if session.get(UpdatePhoto, (campaign_id, number)) is not None:
        return
    session.add(
        UpdatePhoto(
            campaign_id=campaign_id,
            number=number,
            data=photo.data,
            mime_type=photo.mime_type,
            alt_text=json.dumps(dict(photo.alt_text), ensure_ascii=False),
            created_at=utcnow(),
        )
    )


def update_photo(engine: Engine, campaign_id: str, number: int) -> StoredPhoto | None:
    """Update `number`'s new photo as its `update` process stored it, or None."""
    with Session(engine) as session:
        stored = session.get(UpdatePhoto, (campaign_id, number))
    if stored is None:
        return None
    return StoredPhoto(
        data=stored.data, mime_type=stored.mime_type, alt_text=json.loads(stored.alt_text or "{}")
    )
