"""The journal's writes of a post's outcome, as changes the writer (or a plain transaction)
applies: posted, failed, or not found on the account after all."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, Update, bindparam, update
from sqlmodel import Session

from broadcaster import states
from broadcaster.states import POST_DONE, POST_IN_FLIGHT, POST_TODO, PostState
from broadcaster.storage import audit
from broadcaster.storage.models import Post
from broadcaster.timeutil import utcnow

if TYPE_CHECKING:
    from broadcaster.launch.writer import Change
    from broadcaster.platforms.base import Published

POST_TABLE: Table = Post.__table__  # type: ignore[attr-defined]  # Core updates: no ORM cost


def _bound(name: str) -> Any:
    """A parameter typed as its column, so values are stored exactly as a literal would be."""
    return bindparam(f"new_{name}", type_=POST_TABLE.c[name].type)


# Built once: a statement built per post cost its construction and its cache key each time
# (about 0.2 ms of CPU a post, half the journal's write); this one is compiled once per
# engine and then only executed with each post's values. The WHERE names the states it
# moves from.
_POSTED: Update = (
    update(POST_TABLE)
    .where(POST_TABLE.c.id == bindparam("row_id"), POST_TABLE.c.state.in_(POST_TODO))
    .values(
        state=PostState.POSTED,
        error=None,
        next_attempt_at=None,
        **{name: _bound(name) for name in ("remote_id", "url", "posted_at", "updated_at")},
    )
)


def posted_change(
    row: Post,
    published: Published | None,
    *,
    operator: str,
    reconciled: bool = False,
    quote_url: str | None = None,
) -> Change:
    """One UPDATE and one audit entry: the writer commits a hundred of these in a batch.
    A row already done (another run recorded it) is left as it is."""
    states.check(PostState, row.state, PostState.POSTED, f"post {row.id}")
    row_id, campaign_id = row.id, row.campaign_id
    agency, kind, occurrence, attempts = row.agency, row.kind, row.occurrence, row.attempts

    def change(session: Session) -> None:
        now = utcnow()
        remote_id: str | None
        url: str | None
        if published is not None:
            remote_id, url = published.remote_id, published.url
            posted_at = published.created_at or now
        else:  # a repost: it has no post of its own in our interface
            remote_id, url, posted_at = None, quote_url, now
        result = session.connection().execute(
            _POSTED,
            {
                "row_id": row_id,
                "new_remote_id": remote_id,
                "new_url": url,
                "new_posted_at": posted_at,
                "new_updated_at": now,
            },
        )
        if not getattr(result, "rowcount", 0):
            return
        audit.record(
            session,
            operator=operator,
            action="post",
            campaign_id=campaign_id,
            detail={
                "agency": agency,
                "kind": kind,
                "occurrence": occurrence,
                "remote_id": remote_id,
                "url": url,
                "attempts": attempts,
                **({"reconciled": True} if reconciled else {}),
            },
        )

    return change


def failed_change(
    row_id: int | None,
    reason: str,
    retry_at: datetime | None = None,
    state: PostState = PostState.FAILED,
) -> Change:
    """`failed` (or `unknown`, when the request may have landed), unless already done."""

    def change(session: Session) -> None:
        stored = session.get(Post, row_id)
        if stored is None or stored.state in POST_DONE:
            return
        stored.state = state
        stored.error = reason
        stored.next_attempt_at = retry_at
        stored.updated_at = utcnow()
        session.add(stored)

    return change


def not_found_change(row_id: int | None) -> Change:
    """A row whose request may have landed, and the account shows it did not."""

    def change(session: Session) -> None:
        stored = session.get(Post, row_id)
        if stored is not None and stored.state in POST_IN_FLIGHT:
            stored.state = PostState.FAILED
            stored.error = "not found on the account after an unknown outcome"
            stored.updated_at = utcnow()
            session.add(stored)

    return change
