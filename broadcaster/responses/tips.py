"""The triaged responses of a campaign, tips first; marking a tip as followed up; an
officer's relabel, which the rest of the reply's flood cluster follows.

Listing reads one label at a time along the (campaign, label, created_at) index, newest
first, so the first screen of a million-reply campaign comes back at once.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select, update

from broadcaster.errors import ReplyNotFound, UsageInvalid
from broadcaster.safetext import for_storage, for_terminal
from broadcaster.storage.models import Post, Reply
from broadcaster.timeutil import utcnow

if TYPE_CHECKING:
    from broadcaster.config import Settings

# The triage labels (SPEC), in the order an officer reads them.
LABELS = ("tip", "question", "support", "spam", "abuse")
FORMATS = ("table", "csv", "json")
REPLIES = Reply.__table__  # type: ignore[attr-defined]
POSTS = Post.__table__  # type: ignore[attr-defined]
PURGED_TEXT = "[removed after retention]"


def reply_url(
    platform: str,
    remote_id: str,
    author_handle: str | None,
    settings: Settings | None,
    stored: str | None = None,
) -> str:
    """Where an officer can open the reply: the link tracking stored with it (`stored`),
    else, for rows from before links were stored, x.com or the drill server."""
    if stored:
        return stored
    if platform == "sandbox":
        from broadcaster.config import DEFAULT_SANDBOX_URL

        base = (settings.sandbox_url if settings else DEFAULT_SANDBOX_URL).rstrip("/")
    else:
        base = "https://x.com"
    who = (author_handle or "").lstrip("@") or "i/web"
    return f"{base}/{who}/status/{remote_id}"


@dataclass(frozen=True)
class Response:
    """One stored reply as the tips list shows it."""

    id: str  # the platform's id: what --followed-up takes
    label: str
    created_at: datetime | None
    author: str | None
    text: str | None
    reasons: list[str]
    score: float
    flood_key: str | None
    agency: str | None
    url: str
    followed_up_by: str | None
    followed_up_at: datetime | None
    purged: bool
    machine_label: str | None = None  # triage's label, when an officer relabelled it
    relabelled_by: str | None = None
    relabelled_at: datetime | None = None
    relabelled_via: str | None = None  # the reply the officer relabelled, if propagated

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "author": self.author,
            "text": self.text,
            "reasons": self.reasons,
            "score": self.score,
            "flood_key": self.flood_key,
            "agency": self.agency,
            "url": self.url,
            "followed_up_by": self.followed_up_by,
            "followed_up_at": self.followed_up_at.isoformat() if self.followed_up_at else None,
            "machine_label": self.machine_label,
            "relabelled_by": self.relabelled_by,
            "relabelled_at": self.relabelled_at.isoformat() if self.relabelled_at else None,
            "relabelled_via": self.relabelled_via,
        }


def _reply(connection: Any, campaign_id: str, reply_id: str) -> Any:
    """The stored reply `reply_id` of the campaign, or ReplyNotFound."""
    row = connection.execute(
        select(REPLIES).where(REPLIES.c.campaign_id == campaign_id, REPLIES.c.remote_id == reply_id)
    ).first()
    if row is None:
        raise ReplyNotFound(
            f"campaign {campaign_id!r} has no reply with id {reply_id!r}; "
            "`broadcaster tips` lists their ids."
        )
    return row


def _check_campaign(connection: Any, campaign_id: str) -> None:
    from broadcaster.responses.tracking import require_campaign

    require_campaign(connection, campaign_id)


def check_label(label: str | None) -> None:
    if label is not None and label not in LABELS:
        raise UsageInvalid(f"--label {label!r} is not a label; use one of {', '.join(LABELS)}.")


def responses(
    engine: Engine,
    campaign_id: str,
    *,
    label: str | None = None,
    limit: int | None = None,
    settings: Settings | None = None,
    batch: int = 2000,
) -> Iterator[Response]:
    """Stored replies, tips first then the other labels, newest first within each.

    A generator: rows stream from the database in batches, never the whole thread."""
    check_label(label)
    with engine.connect() as connection:
        _check_campaign(connection, campaign_id)
        agencies: dict[int, str] = dict(
            connection.execute(
                select(POSTS.c.id, POSTS.c.agency).where(POSTS.c.campaign_id == campaign_id)
            ).all()
        )
    remaining = limit
    for wanted in [label] if label else LABELS:
        if remaining is not None and remaining <= 0:
            return
        query = (
            select(REPLIES)
            .where(REPLIES.c.campaign_id == campaign_id, REPLIES.c.label == wanted)
            .order_by(REPLIES.c.created_at.desc(), REPLIES.c.id.desc())
        )
        if remaining is not None:
            query = query.limit(remaining)
        with engine.connect() as connection:
            result = connection.execution_options(yield_per=batch).execute(query)
            for row in result:
                if remaining is not None:
                    remaining -= 1
                yield Response(
                    id=row.remote_id,
                    label=row.label,
                    created_at=row.created_at,
                    author=row.author_handle,
                    text=row.text,
                    reasons=[
                        *relabel_reasons(
                            row.label, row.machine_label, row.relabelled_by, row.relabelled_via
                        ),
                        *json.loads(row.reasons or "[]"),
                    ],
                    score=row.score,
                    flood_key=row.flood_key,
                    agency=agencies.get(row.post_id),
                    url=reply_url(
                        row.platform, row.remote_id, row.author_handle, settings, row.url
                    ),
                    followed_up_by=row.followed_up_by,
                    followed_up_at=row.followed_up_at,
                    purged=row.purged_at is not None,
                    machine_label=row.machine_label,
                    relabelled_by=row.relabelled_by,
                    relabelled_at=row.relabelled_at,
                    relabelled_via=row.relabelled_via,
                )


def count_responses(engine: Engine, campaign_id: str, label: str | None = None) -> int:
    from sqlalchemy import func

    query = select(func.count()).where(REPLIES.c.campaign_id == campaign_id)
    if label:
        query = query.where(REPLIES.c.label == label)
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


@dataclass(frozen=True)
class Origins:
    """Who gave the stored labels: triage, an officer directly, or an officer's correction
    that the rest of its flood cluster followed."""

    machine: int
    officer: int
    followed: int

    def to_json(self) -> dict[str, int]:
        return {"machine": self.machine, "officer": self.officer, "followed": self.followed}


def label_origins(engine: Engine, campaign_id: str, label: str | None = None) -> Origins:
    """How many of the campaign's replies (of `label`) triage labelled, and officers."""
    from sqlalchemy import func

    query = select(
        func.count(), func.count(REPLIES.c.relabelled_by), func.count(REPLIES.c.relabelled_via)
    ).where(REPLIES.c.campaign_id == campaign_id)
    if label:
        query = query.where(REPLIES.c.label == label)
    with engine.connect() as connection:
        total, relabelled, followed = connection.execute(query).one()
    return Origins(int(total) - int(relabelled), int(relabelled) - int(followed), int(followed))


# A cell a spreadsheet would run as a formula: strangers' text must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str | None) -> str:
    """A CSV cell for people (a spreadsheet, or a terminal when it goes to stdout): no
    control or bidi characters, and never a formula."""
    if text is None:
        return ""
    text = for_terminal(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


CSV_COLUMNS = (
    "id",
    "label",
    "created_at",
    "agency",
    "author",
    "text",
    "reasons",
    "score",
    "url",
    "followed_up_by",
    "followed_up_at",
    "machine_label",
    "relabelled_by",
)


def write_csv(rows: Iterator[Response], out: io.TextIOBase | Any) -> int:
    """Stream rows as CSV; returns how many were written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for row in rows:
        writer.writerow(
            [
                for_terminal(row.id),
                row.label,
                row.created_at.isoformat() if row.created_at else "",
                row.agency or "",
                for_terminal(row.author or ""),
                _cell(row.text if not row.purged else PURGED_TEXT),
                _cell("; ".join(row.reasons)),
                f"{row.score:.3f}",
                for_terminal(row.url),
                for_terminal(row.followed_up_by or ""),
                row.followed_up_at.isoformat() if row.followed_up_at else "",
                row.machine_label or "",
                for_terminal(row.relabelled_by or ""),
            ]
        )
        count += 1
    return count


@dataclass(frozen=True)
class FollowUp:
    id: str
    label: str
    by: str
    at: datetime
    already: bool  # someone had marked it before; nothing changed


def mark_followed_up(
    engine: Engine,
    campaign_id: str,
    reply_id: str,
    by: str,
    *,
    now: datetime | None = None,
) -> FollowUp:
    """Mark one reply handled by `by`, and record it in the audit log (one transaction)."""
    from sqlmodel import Session

    from broadcaster.storage.audit import record
    from broadcaster.storage.db import session_scope

    # Storable whatever the terminal passed (a non-UTF-8 argument arrives as surrogates).
    by, reply_id = for_storage(by).strip(), for_storage(reply_id)
    if not by:
        raise UsageInvalid("a follow-up needs the officer who followed the tip up (--key).")
    with session_scope(engine, immediate=True) as session:
        assert isinstance(session, Session)
        connection = session.connection()
        _check_campaign(connection, campaign_id)
        row = _reply(connection, campaign_id, reply_id)
        if row.followed_up_at is not None:
            return FollowUp(reply_id, row.label, row.followed_up_by, row.followed_up_at, True)
        at = now or utcnow()
        connection.execute(
            update(REPLIES)
            .where(REPLIES.c.id == row.id)
            .values(followed_up_by=by, followed_up_at=at)
        )
        record(
            session,
            operator=by,
            action="tip.followed_up",
            campaign_id=campaign_id,
            detail={"reply": reply_id, "platform": row.platform, "label": row.label},
        )
        return FollowUp(reply_id, row.label, by, at, False)


# -- officers' corrections -----------------------------------------------------------------


@dataclass(frozen=True)
class Relabel:
    """`tips --relabel`: the reply the officer corrected and what followed it."""

    id: str
    old: str  # the label it had (the machine's, or an earlier officer's)
    new: str
    by: str  # the officer id
    at: datetime
    cluster: str | None  # its flood cluster, None when it was judged alone
    changed: int  # replies whose label changed, the officer's own included
    followed: int  # other members of its cluster now marked relabelled by propagation


def relabel_reasons(
    label: str,
    machine_label: str | None,
    relabelled_by: str | None,
    relabelled_via: str | None,
) -> list[str]:
    """The reason an officer's correction gives, in front of the machine's own reasons."""
    if relabelled_by is None:
        return []
    was = f" (triage said {machine_label})" if machine_label and machine_label != label else ""
    if relabelled_via is None:
        return [f"relabelled {label} by officer {relabelled_by}{was}"]
    return [
        f"relabelled {label} by officer {relabelled_by}'s correction of reply "
        f"{relabelled_via}, the same template{was}"
    ]


def relabel(
    engine: Engine,
    campaign_id: str,
    reply_id: str,
    label: str,
    officer: str,
    *,
    now: datetime | None = None,
) -> Relabel:
    """An officer's label for one reply, and for every other member of its flood cluster in
    the campaign (marked as relabelled by propagation), audited, in one transaction.

    The machine's label stays in `machine_label`; a member another officer relabelled
    directly keeps that officer's label (a propagation never overrides a direct correction)."""
    from sqlalchemy import and_, func, or_
    from sqlmodel import Session

    from broadcaster.storage.audit import record
    from broadcaster.storage.db import session_scope

    if label not in LABELS:
        raise UsageInvalid(
            f"--relabel: {for_terminal(label)!r} is not a label; use one of {', '.join(LABELS)}."
        )
    reply_id = for_storage(reply_id)
    at = now or utcnow()
    with session_scope(engine, immediate=True) as session:
        assert isinstance(session, Session)
        connection = session.connection()
        _check_campaign(connection, campaign_id)
        row = _reply(connection, campaign_id, reply_id)
        mark = {
            "label": label,
            "machine_label": func.coalesce(REPLIES.c.machine_label, REPLIES.c.label),
            "relabelled_by": officer,
            "relabelled_at": at,
        }
        changed = int(row.label != label)
        connection.execute(
            update(REPLIES).where(REPLIES.c.id == row.id).values(**mark, relabelled_via=None)
        )
        followed = 0
        if row.flood_cluster is not None:
            members = and_(
                REPLIES.c.campaign_id == campaign_id,
                REPLIES.c.flood_cluster == row.flood_cluster,
                REPLIES.c.id != row.id,
                # not a member an officer relabelled on its own
                or_(REPLIES.c.relabelled_by.is_(None), REPLIES.c.relabelled_via.is_not(None)),
            )
            changed += int(
                connection.execute(
                    select(func.count()).where(members, REPLIES.c.label != label)
                ).scalar_one()
            )
            followed = int(
                connection.execute(
                    update(REPLIES).where(members).values(**mark, relabelled_via=reply_id)
                ).rowcount
                or 0
            )
        record(
            session,
            operator=officer,
            action="reply.relabelled",
            campaign_id=campaign_id,
            detail={
                "reply": reply_id,
                "platform": row.platform,
                "from": row.label,
                "to": label,
                "cluster": row.flood_cluster,
                "followed": followed,
                "changed": changed,
            },
        )
    return Relabel(reply_id, row.label, label, officer, at, row.flood_cluster, changed, followed)
