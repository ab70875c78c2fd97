"""The journal's rows: planned idempotently, read back in order.

Each post is a `Post` row, unique on (campaign, agency, account, kind, occurrence), so
planning the same posts again creates nothing; the executor sends the rows, never the plan.
A planned post of an agency becomes one row per account of the agency (or the one account
it names)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from broadcaster.states import POST_TODO, PostState
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import Post
from broadcaster.timeutil import utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.agencies import Agency, Registry


@dataclass(frozen=True)
class PlannedPost:
    """A post to make, before it has a row. `quote_of` empty for a dependent kind means
    "the lead agency's original of the same occurrence", filled in once that is posted."""

    agency: str
    kind: str  # original | quote | repost | scheduled_repost | update | correction
    text: str
    occurrence: str = "launch"
    quote_of: str | None = None
    scheduled_for: datetime | None = None
    account: str | None = None  # one account's key; None: every account of the agency
    in_reply_to: str | None = None  # the post it answers (an update: its account's original)


def plan_posts(
    engine: Engine, campaign_id: str, registry: Registry, planned: Iterable[PlannedPost]
) -> int:
    """Create the rows that do not exist yet; returns how many were created.

    A row never attempted takes the newest text; a row already attempted keeps the text it
    was sent with, so that reconciling it matches what may have reached the platform."""
    created = 0
    now = utcnow()
    with session_scope(engine, immediate=True) as session:
        for item, agency in _per_account(registry, planned):
            item = as_the_platform_can(item, agency.platform)
            row = session.exec(
                select(Post).where(
                    Post.campaign_id == campaign_id,
                    Post.agency == item.agency,
                    Post.account == agency.account_key,
                    Post.kind == item.kind,
                    Post.occurrence == item.occurrence,
                )
            ).first()
            if row is None:
                session.add(
                    Post(
                        campaign_id=campaign_id,
                        agency=item.agency,
                        account=agency.account_key,
                        platform=agency.platform,
                        handle=agency.handle,
                        kind=item.kind,
                        occurrence=item.occurrence,
                        state=PostState.PLANNED,
                        text=item.text,
                        quote_of=item.quote_of,
                        in_reply_to=item.in_reply_to,
                        scheduled_for=item.scheduled_for,
                        updated_at=now,
                    )
                )
                created += 1
            elif row.state in POST_TODO and row.attempts == 0 and row.text != item.text:
                row.text = item.text
                row.updated_at = now
                session.add(row)
            session.flush()
    return created


def _per_account(
    registry: Registry, planned: Iterable[PlannedPost]
) -> Iterator[tuple[PlannedPost, Agency]]:
    """Each planned post with each account (an agency narrowed to it) that makes it."""
    for item in planned:
        agency = registry.get(item.agency)
        if item.account is not None:
            yield item, agency.for_account(item.account)
        else:
            for account in agency.each_account():
                yield item, account


def as_the_platform_can(item: PlannedPost, platform: str) -> PlannedPost:
    """A quote on a platform that has no quote-posts is a repost there (its capabilities
    say so; the core never tests a name)."""
    from dataclasses import replace

    from broadcaster.platforms.registry import adapter

    if item.kind == "quote" and not adapter(platform).capabilities.quotes:
        return replace(item, kind="repost", text="")
    return item


def rows_for(
    engine: Engine,
    campaign_id: str,
    *,
    kinds: Sequence[str] | None = None,
    occurrence: str | None = None,
    agencies: Sequence[str] | None = None,
) -> list[Post]:
    with Session(engine) as session:
        query = select(Post).where(Post.campaign_id == campaign_id)
        if kinds is not None:
            query = query.where(col(Post.kind).in_(kinds))
        if occurrence is not None:
            query = query.where(Post.occurrence == occurrence)
        if agencies is not None:
            query = query.where(col(Post.agency).in_(agencies))
        return list(session.exec(query.order_by(col(Post.id))).all())
