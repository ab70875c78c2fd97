"""Reconciliation: whether a post whose outcome is open reached the platform after all.

A row left `sending` by a crash, `unknown` after a timeout, or ever attempted, is looked up
among the account's own recent posts before anything is resent. One rule for every caller
(the launch, resolve, cancel, expiry, scheduled reposts): a post is adopted when its text
matches, it is not older than the row's first request, and no row of ANY campaign has
recorded it already; an identical text posted for another campaign on the same account is
never taken for this one's.
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_
from sqlmodel import Session, col, select

from broadcaster.errors import BroadcasterError, PlatformError
from broadcaster.launch.changes import not_found_change, posted_change
from broadcaster.retry import TAKE_DOWNS, call_with_retries
from broadcaster.states import POST_DONE, POST_IN_FLIGHT, PostState
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import Post

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.agencies import Agency, Registry
    from broadcaster.config import Settings
    from broadcaster.launch.writer import Change
    from broadcaster.platforms.base import Published

log = logging.getLogger(__name__)

# Platforms may stamp a post a little before our clock says we sent it.
RECONCILE_SKEW = timedelta(minutes=2)
RECENT_POSTS = 100  # how far back an account's timeline is read
_URL = re.compile(r"https?://\S+")


def normalized(text: str) -> str:
    """Text as a platform may echo it: entities unescaped, links shortened, NFC."""
    text = unicodedata.normalize("NFC", html.unescape(text))
    return " ".join(_URL.sub("<link>", text).split())


def find_published(row: Post, recent: Sequence[Published], taken: set[str]) -> Published | None:
    """The post on the account that is this row's, if it reached the platform."""
    want = normalized(row.text)
    since = (row.sent_at - RECONCILE_SKEW) if row.sent_at else None
    for published in recent:
        if published.remote_id in taken:
            continue
        if since is not None and published.created_at is not None and published.created_at < since:
            continue
        if normalized(published.text) == want:
            return published
    return None


def taken_on_account(engine: Engine, agency: Agency, candidates: Sequence[str]) -> set[str]:
    """The account's posts already recorded by any row, of this campaign or another."""
    if not candidates:
        return set()
    with Session(engine) as session:
        ids = session.exec(
            select(Post.remote_id).where(
                Post.platform == agency.platform,
                Post.handle == agency.handle,
                col(Post.remote_id).in_(list(candidates)),
            )
        ).all()
    return {i for i in ids if i}


def match(
    engine: Engine, agency: Agency, rows: Sequence[Post], recent: Sequence[Published]
) -> list[tuple[Post, Published | None]]:
    """Each open row of one account with its post there, or None when it is not there.
    Rows already done are skipped, and so are reposts: a repost has no text to find, and
    X refuses a second repost of the same post, so repeating one is safe."""
    taken = taken_on_account(engine, agency, [p.remote_id for p in recent])
    out: list[tuple[Post, Published | None]] = []
    for row in rows:
        if row.state in POST_DONE or row.kind == "repost":
            continue
        found = find_published(row, recent, taken)
        if found is not None:
            taken.add(found.remote_id)  # one post is one row's
        out.append((row, found))
    return out


def settle(row: Post, found: Published | None, *, operator: str) -> Change | None:
    """The journal's change for what `match` found: posted, failed (it was in flight and is
    not there), or nothing (it never left, or its failure stands)."""
    if found is not None:
        return posted_change(row, found, operator=operator, reconciled=True)
    if row.state in POST_IN_FLIGHT:
        return not_found_change(row.id)
    return None


def open_rows(engine: Engine, campaign_id: str) -> list[Post]:
    """The campaign's rows whose outcome is open: in flight, or failed after a request."""
    with Session(engine) as session:
        return list(
            session.exec(
                select(Post)
                .where(
                    Post.campaign_id == campaign_id,
                    Post.kind != "repost",
                    or_(
                        col(Post.state).in_(POST_IN_FLIGHT),
                        (col(Post.state) == PostState.FAILED)
                        & (col(Post.attempts) > 0)
                        & col(Post.remote_id).is_(None),
                    ),
                )
                .order_by(col(Post.id))
            ).all()
        )


def reconcile_open_rows(
    engine: Engine,
    settings: Settings,
    registry: Registry,
    campaign_id: str,
    *,
    operator: str,
    timeout: float = 10.0,
    agencies: Sequence[str] | None = None,
) -> int:
    """Settle the campaign's open rows (of `agencies` only, when given) by reading each
    account's recent posts (for resolve, cancel and expiry, before they count who posted;
    an armed agency's worker for its own). Call holding the lease, after any other sender
    is done. Returns how many were found posted."""
    from broadcaster.platforms import platform_for

    rows = [r for r in open_rows(engine, campaign_id) if agencies is None or r.agency in agencies]
    found = 0
    for key, account in dict.fromkeys((r.agency, r.account) for r in rows):
        try:
            agency = registry.get(key).for_account(account)
            platform = platform_for(agency, settings, timeout=timeout)
        except BroadcasterError as error:
            log.warning("campaign %s: could not reconcile %s: %s", campaign_id, key, error.message)
            continue
        try:
            recent = call_with_retries(lambda: platform.recent_posts(RECENT_POSTS), TAKE_DOWNS)  # noqa: B023 - called at once
            mine = [r for r in rows if (r.agency, r.account) == (key, account)]
            for row, published in match(engine, agency, mine, recent):
                change = settle(row, published, operator=operator)
                if change is None:
                    continue
                with session_scope(engine, immediate=True) as session:
                    change(session)
                found += published is not None
        except PlatformError as error:
            log.warning("campaign %s: could not reconcile %s: %s", campaign_id, key, error.message)
        finally:
            platform.close()
    return found
