"""X's recent search reaches 7 days back and refuses an older since_id: tracking a campaign
older than a week reads from a start time instead, and stores nothing twice; each reply's
link is stored as the platform gave it (responses, sandbox areas). No sleeping: the
sandbox's platform clock and tracking's clock are moved a week on together."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from fixtures_responses import launch_on_sandbox
from sqlalchemy import Engine, select, update

from broadcaster.config import Settings
from broadcaster.errors import Rejected
from broadcaster.platforms.x import XPlatform
from broadcaster.responses.report import build_report
from broadcaster.responses.tips import responses
from broadcaster.responses.tracking import REPLY_WINDOW_MARGIN, reply_link, track
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Post, Reply

CID = "drill-2026-0007"
DAY = 86400.0


class PlatformClock:
    """The sandbox's clock: real time, moved on by `shift` seconds."""

    def __init__(self) -> None:
        self.shift = 0.0

    def __call__(self) -> float:
        return time.time() + self.shift

    def now(self) -> datetime:
        """The same instant for tracking's `now`."""
        return datetime.fromtimestamp(self(), UTC)


@dataclass(frozen=True)
class Verdict:
    label: str = "tip"
    reasons: tuple[str, ...] = ("test",)
    score: float = 0.9
    flood_key: str | None = None
    cluster: str | None = None


class EveryReplyATip:
    def label(self, text: str, **_: Any) -> Verdict:
        return Verdict()


def inject(url: str, in_reply_to: str, author: str, text: str) -> str:
    response = requests.post(
        f"{url}/_sandbox/replies",
        json={"in_reply_to": in_reply_to, "author": author, "text": text},
        timeout=5,
    )
    response.raise_for_status()
    return str(response.json()["id"])


def stored_replies(engine: Engine) -> list[tuple[str, str | None]]:
    with engine.connect() as connection:
        rows = connection.execute(select(Reply.remote_id, Reply.url).order_by(Reply.id)).all()
    return [(row.remote_id, row.url) for row in rows]


def since_id_of(engine: Engine, post_id: int) -> str | None:
    with engine.connect() as connection:
        return connection.execute(
            select(Post.replies_since_id).where(Post.id == post_id)
        ).scalar_one()


@pytest.fixture
def week_old(drill_factory: Callable[..., Any]) -> Any:
    clock = PlatformClock()
    drill = drill_factory(1, platform_clock=clock)
    engine = open_db(drill.settings.db_url)
    [post] = launch_on_sandbox(engine, drill, CID)
    yield drill, engine, post, clock
    engine.dispose()


def test_a_since_id_older_than_7_days_is_refused_by_the_sandbox_as_by_x(week_old) -> None:
    drill, _engine, post, clock = week_old
    first = inject(drill.url, post.remote_id, "@witness1", "Saw him on King St at noon")
    platform = drill.platform(drill.keys[0])
    assert [
        r.remote_id for r in platform.replies(post.remote_id, since_id=post.remote_id).replies
    ] == [first]
    clock.shift = 8 * DAY
    with pytest.raises(Rejected) as caught:
        platform.replies(post.remote_id, since_id=post.remote_id)
    assert "(400: " in caught.value.message
    assert "'since_id' must be a tweet id created after " in caught.value.message
    # A start_time older than the window is refused too; a recent one is taken.
    with pytest.raises(Rejected, match="'start_time' must be on or after"):
        platform.replies_from(post.remote_id, clock.now() - timedelta(days=8))
    page = platform.replies_from(post.remote_id, clock.now() - timedelta(days=6))
    assert page.replies == []  # the reply is 8 days old: recent search no longer finds it
    platform.close()


def test_tracking_a_campaign_older_than_a_week_falls_back_to_start_time(week_old) -> None:
    drill, engine, post, clock = week_old
    first = inject(drill.url, post.remote_id, "@witness1", "Saw him on King St at noon")
    run = track(drill.settings, CID, engine=engine, now=clock.now)
    assert run.failed == [] and run.new_replies == 1
    assert since_id_of(engine, post.post_id) == first

    clock.shift = 8 * DAY  # a week and a day later, on the platform and for tracking
    second = inject(drill.url, post.remote_id, "@witness2", "Same man, Queen St subway")
    run = track(drill.settings, CID, engine=engine, now=clock.now)
    assert run.failed == [], run.summary()
    assert run.new_replies == 1
    assert [remote_id for remote_id, _ in stored_replies(engine)] == [first, second]
    assert since_id_of(engine, post.post_id) == second

    # The since_id is fresh again: the next run uses it, finds nothing new, stores nothing.
    clock.shift += 3600
    run = track(drill.settings, CID, engine=engine, now=clock.now)
    assert run.failed == [] and run.new_replies == 0
    assert len(stored_replies(engine)) == 2


def test_an_unknown_since_id_reads_from_the_newest_stored_reply(week_old, monkeypatch) -> None:
    drill, engine, post, clock = week_old
    inject(drill.url, post.remote_id, "@witness1", "Saw him on King St at noon")
    track(drill.settings, CID, engine=engine, now=clock.now)
    clock.shift = 2 * DAY
    newest_id = inject(drill.url, post.remote_id, "@witness2", "Same man, Queen St subway")
    track(drill.settings, CID, engine=engine, now=clock.now)
    with engine.connect() as connection:
        newest_at = connection.execute(
            select(Reply.created_at).where(Reply.remote_id == newest_id)
        ).scalar_one()
    # The since_id names no stored reply (one the database refused, say) and is long gone.
    with engine.begin() as connection:
        connection.execute(
            update(Post).where(Post.id == post.post_id).values(replies_since_id="4096")
        )
    asked: list[datetime] = []
    original = XPlatform.replies_from

    def spy(self: XPlatform, conversation_id: str, start_time: datetime, *rest: Any) -> Any:
        asked.append(start_time)
        return original(self, conversation_id, start_time, *rest)

    monkeypatch.setattr(XPlatform, "replies_from", spy)
    run = track(drill.settings, CID, engine=engine, now=clock.now)
    assert run.failed == [] and run.new_replies == 0
    assert asked == [newest_at]
    # Once the newest stored reply is older than the window, the window's start it is.
    clock.shift = 10 * DAY
    with engine.begin() as connection:
        connection.execute(
            update(Post).where(Post.id == post.post_id).values(replies_since_id=newest_id)
        )
    run = track(drill.settings, CID, engine=engine, now=clock.now)
    assert run.failed == [] and run.new_replies == 0
    expected = clock.now() - timedelta(days=7) + REPLY_WINDOW_MARGIN
    assert abs((asked[-1] - expected).total_seconds()) < 5


def test_reply_links_are_stored_and_reports_use_them(week_old) -> None:
    drill, engine, post, clock = week_old
    reply = inject(drill.url, post.remote_id, "@witness1", "Saw him on King St at noon")
    track(drill.settings, CID, engine=engine, now=clock.now, triager=EveryReplyATip())
    link = f"{drill.url}/witness1/status/{reply}"
    assert stored_replies(engine) == [(reply, link)]
    assert requests.get(link, timeout=5).status_code == 200  # it opens the reply
    # Read from another environment (another sandbox port configured): the stored link holds.
    elsewhere = Settings(
        db_url=drill.settings.db_url, env={"BROADCASTER_SANDBOX_URL": "http://127.0.0.1:1"}
    )
    assert [r.url for r in responses(engine, CID, settings=elsewhere)] == [link]
    assert [t.url for t in build_report(engine, CID, settings=elsewhere).tips] == [link]


def test_old_rows_without_a_link_still_get_one_built(week_old) -> None:
    drill, engine, post, clock = week_old
    reply = inject(drill.url, post.remote_id, "@witness1", "Saw him on King St at noon")
    track(drill.settings, CID, engine=engine, now=clock.now)
    with engine.begin() as connection:
        connection.execute(update(Reply).values(url=None))  # as rows from before 0012
    [row] = list(responses(engine, CID, settings=drill.settings))
    assert row.url == f"{drill.url}/witness1/status/{reply}"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "https://x.com/a b",
        'https://x.com/"onmouseover=x',
        "https://x.com/\u202eevil",
        "https://x.com/a\\b",
        "https://x.com/a`b",
        "https://x.com/a\nb",
        "https://x.com/a\x1b[2Jb",
        "https://x.com/\ud800",
        "https://exa mple.com/1",
        "https://-x.com/1",
        "ftp://x.com/1",
        "https:///nohost",
        "https://x.com/" + "a" * 2000,
        "",
        None,
    ],
)
def test_a_link_from_a_platform_is_stored_only_when_plain(url: str | None) -> None:
    assert reply_link(url) is None


def test_plain_links_are_kept() -> None:
    for url in (
        "https://x.com/witness1/status/123",
        "http://127.0.0.1:8686/witness1/status/123",
        "https://mastodon.example/@tips/1100",
        "https://bsky.app/profile/a.bsky.social/post/3kabc",
        "http://[::1]:2583/profile/a.test/post/3kabc",
        "https://mastodon.example/@tips/1100?x=1#y",
    ):
        assert reply_link(url) == url
