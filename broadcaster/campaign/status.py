"""Where a campaign stands: its state, and per agency and per post what happened.

`campaign_status` returns the SPEC's JSON shape (fields may be added, never renamed):
{"campaign", "state", "posts": [{"agency", "platform", "kind", "state", "remote_id", "url",
"sent_at", "error"}]}, plus a few more fields useful to a person reading it: a launch post
held by partner_approval has state `awaiting-approval` (and the campaign lists those agencies
under "awaiting_approval"); a launch post sent after the campaign's instant (a held agency
released later, a worker not ready in time) has `"late": true` and `late_seconds`.

An armed launch (launch/arming.py) adds "armed": one entry per agency that fires from its
own worker, with its state — `armed` (waiting for its worker), `ready` (preflight done),
`posted`, `late` (posted more than a second after its instant), `failed`, `missing` (no
worker was ready `MISSING_AFTER` past the instant and nothing was sent), or `cancelled` /
`awaiting-approval` when its post was called off or is held — its worker's
clock offset from the database's, and "armed_notes": sentences naming a missing worker and
a clock more than `OFFSET_LIMIT_MS` off.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from broadcaster.errors import CampaignNotFound
from broadcaster.launch.arming import MISSING_AFTER
from broadcaster.states import POST_DONE, POST_HELD, POST_NOT_SENT, PostState
from broadcaster.storage.models import ArmedAgency, CampaignRecord, Post
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.config import Settings

KIND_ORDER = {"original": 0, "quote": 1, "repost": 2}
LAUNCH_KINDS = frozenset(KIND_ORDER)
# A launch post sent this long after the campaign fired did not go with the others.
LATE_AFTER = timedelta(seconds=1)
OFFSET_LIMIT_MS = 50.0  # SPEC: a worker's clock further off the database's is named


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


def campaign_status(
    engine: Engine, campaign_id: str, *, now: datetime | None = None
) -> dict[str, Any]:
    """`now` (default: the clock) decides when an armed agency's worker is missing."""
    from broadcaster.launch.arming import armed_agencies

    with Session(engine) as session:
        record = _record(session, campaign_id)
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
    from broadcaster.campaign.lifecycle import (
        lifecycle_status,  # expiry and scheduled work (#6)
        waiting_for_workers,
    )
    from broadcaster.campaign.updates import case_updates

    upcoming = lifecycle_status(engine, campaign_id)
    by_worker = waiting_for_workers(engine, campaign_id)  # an armed agency's share, still to do
    armed = armed_agencies(engine, campaign_id)
    late = {
        row.id: _late_seconds(
            row, armed[row.agency].fire_at if row.agency in armed else record.launched_at
        )
        for row in rows
    }
    first_row: dict[str, int] = {}
    for row in sorted(rows, key=lambda r: r.id or 0):  # the agencies in the journal's order
        first_row.setdefault(row.agency, row.id or 0)
    armed_view = [
        _armed_entry(entry, rows, late, now or utcnow())
        for entry in sorted(armed.values(), key=lambda a: first_row.get(a.agency, 0))
    ]
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
                "by_worker": row.id in by_worker,
            }
            for row in rows
        ],
        "upcoming": upcoming,
        "updates": [u.as_dict() for u in case_updates(engine, campaign_id)],  # mid-case
        "armed": armed_view,
        "armed_notes": _armed_notes(armed_view),
    }


def _armed_entry(
    entry: ArmedAgency, rows: list[Post], late: dict[int | None, float | None], now: datetime
) -> dict[str, Any]:
    """One armed agency: where its worker stands (armed, ready, posted, late, failed,
    missing) and its clock."""
    fire_at = as_utc(entry.fire_at)
    mine = [
        r
        for r in rows
        if r.agency == entry.agency and r.occurrence == "launch" and r.kind in LAUNCH_KINDS
    ]
    live = [r for r in mine if r.state not in POST_HELD and r.state != PostState.CANCELLED]
    behind = [value for r in live if (value := late.get(r.id)) is not None]
    # A worker ready only after the instant (a restart after a crash) posted late, whatever
    # its row's first attempt said.
    if entry.ready_at is not None and as_utc(entry.ready_at) - fire_at > LATE_AFTER:
        behind.append(round((as_utc(entry.ready_at) - fire_at).total_seconds(), 3))
    attempted = any(r.attempts or r.sent_at for r in live)
    if mine and not live:  # nothing left to send: held for its approval, or called off
        held = any(r.state in POST_HELD for r in mine)
        state: str = str(PostState.AWAITING_APPROVAL if held else PostState.CANCELLED)
    elif live and all(r.state in POST_DONE for r in live):
        state = "late" if behind else "posted"
    elif any(r.state in POST_NOT_SENT for r in live) and (attempted or entry.done_at):
        state = "failed"
    elif entry.ready_at is not None or attempted:
        state = "ready"
    elif as_utc(now) > fire_at + MISSING_AFTER:
        state = "missing"
    else:
        state = "armed"
    return {
        "agency": entry.agency,
        "state": state,
        "fire_at": _iso(fire_at),
        "worker": entry.worker,
        "ready_at": _iso(entry.ready_at),
        "offset_ms": entry.offset_ms,
        "round_trip_ms": entry.round_trip_ms,
        "late_seconds": max(behind) if behind else None,
        "note": entry.note,
    }


def _armed_notes(armed: list[dict[str, Any]]) -> list[str]:
    notes = []
    for entry in armed:
        agency, fire_at = entry["agency"], entry["fire_at"][:19].replace("T", " ")
        if entry["state"] == "missing":
            notes.append(
                f"agency {agency}'s worker is missing: armed for {fire_at} UTC, it never "
                f"reported ready and nothing was sent; start `broadcaster run --agency "
                f"{agency}` on its machine, with its own .env (it posts as soon as it can)."
            )
        offset = entry["offset_ms"]
        if offset is not None and abs(offset) > OFFSET_LIMIT_MS:
            side = "ahead of" if offset > 0 else "behind"
            notes.append(
                f"agency {agency}'s worker clock is {abs(offset):.0f} ms {side} the "
                f"database's (over {OFFSET_LIMIT_MS:.0f} ms): it fired on the database's "
                "timeline, but check that machine's time synchronisation (NTP)."
            )
    return notes


def campaigns_overview(engine: Engine, settings: Settings) -> list[dict[str, Any]]:
    """Every campaign in the database, newest first: its state, its next event, and its
    approvals (signatures that verify against the file's current content, as `launch`
    counts them). A file that no longer prepares is named, not hidden. For the console."""
    from broadcaster.authoring.approval import approval_status
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.errors import InvalidInput

    with Session(engine) as session:
        records = list(
            session.exec(select(CampaignRecord).order_by(col(CampaignRecord.created_at).desc()))
        )
    rows: list[dict[str, Any]] = []
    for record in records:
        row: dict[str, Any] = {
            "campaign": record.id,
            "state": record.state,
            "status": record.status,
            "lead": record.lead,
            "path": record.path,
            "next_event": _next_event(engine, record),
            "approvals": None,
            "approvals_required": None,
            "agencies": None,  # None when the file does not prepare
            "problem": None,
        }
        try:
            prepared = prepare_campaign(Path(record.path), settings, check_credentials=False)
            approvals = approval_status(engine, prepared)
        except InvalidInput as error:
            row["problem"] = error.message.splitlines()[0]
        else:
            row["agencies"] = list(prepared.campaign.agencies)
            row["approvals"] = len(approvals.approvers)
            row["approvals_required"] = approvals.required
        rows.append(row)
    return rows


def _next_event(engine: Engine, record: CampaignRecord) -> dict[str, Any] | None:
    """{"what", "at"}: the launch before it, then the earliest scheduled job or the expiry."""
    from broadcaster.campaign.lifecycle import lifecycle_status
    from broadcaster.states import CAMPAIGN_CLOSED, CampaignState

    if record.state in CAMPAIGN_CLOSED:
        return None
    if record.state == CampaignState.DRAFT:
        return {"what": "launch", "at": _iso(record.launch_at)} if record.launch_at else None
    upcoming = lifecycle_status(engine, record.id)
    events = [(job["due_at"], job["kind"]) for job in upcoming["scheduled"]]
    if upcoming["expires_at"]:
        events.append((upcoming["expires_at"], "expiry"))
    if not events:
        return None
    at, what = min(events)
    return {"what": what, "at": at}


def campaign_path(engine: Engine, campaign_id: str) -> Path:
    """The campaign file the database last saw for `campaign_id` (CampaignNotFound if none)."""
    with Session(engine) as session:
        return Path(_record(session, campaign_id).path)


def _record(session: Session, campaign_id: str) -> CampaignRecord:
    """The campaign's row; when there is none, the sentence `tips` and `report` say too
    (one wording, from one place: tracking's `require_campaign`)."""
    from broadcaster.responses.tracking import require_campaign

    require_campaign(session.connection(), campaign_id)
    record = session.get(CampaignRecord, campaign_id)
    assert record is not None  # just found; rows are never deleted
    return record
