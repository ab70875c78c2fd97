"""What the sandbox holds: accounts, posts, media, and the simulated public's replies.

Everything sits behind one lock and every operation under it is short. The simulated
audience is lazy: when a post is created its future is planned (how far it will reach, when
each reply will arrive, of which kind), and replies are written only when someone looks at
that conversation after their arrival time. So a drill with `--speed 3600` sees an hour of
audience per second without any background thread, and the same seed gives the same thread.
"""

from __future__ import annotations

import hashlib
import math
import random
import threading
import time
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from broadcaster.sandbox import phrases

TWITTER_EPOCH_MS = 1288834974657
DAY = 86400.0

# Shares of the simulated public's replies (the flood comes on top).
REPLY_MIX = (("support", 0.42), ("question", 0.24), ("tip", 0.14), ("abuse", 0.1), ("spam", 0.1))
FRESH_ACCOUNT_ODDS = {"spam": 0.6, "abuse": 0.35, "question": 0.05, "support": 0.05, "tip": 0.04}
MEDIA_ODDS = {"tip": 0.15, "support": 0.05, "spam": 0.1, "abuse": 0.03, "question": 0.0}


def iso(ts: float) -> str:
    """ISO 8601 with microseconds, UTC, as /_sandbox/ reports times."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def x_time(ts: float) -> str:
    """X's own format: milliseconds and a Z."""
    return (
        datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%S.")
        + f"{int(ts * 1000) % 1000:03d}Z"
    )


def id_floor(ts: float) -> int:
    """The smallest snowflake id of a post made at or after `ts` (epoch seconds)."""
    return max(0, (int(ts * 1000) - TWITTER_EPOCH_MS) << 22)


def stable_id(text: str) -> str:
    """A numeric user id derived from a handle (same handle, same id, every run)."""
    digest = hashlib.sha256(text.lower().encode()).digest()
    return str(10**17 + int.from_bytes(digest[:8], "big") % (9 * 10**17))


@dataclass(slots=True)
class User:
    id: str
    username: str  # without the @
    name: str
    created_at: float
    followers: int = 0


@dataclass(eq=False)
class SandboxAccount:
    """An agency's drill account and the four keys that sign its requests."""

    handle: str
    name: str
    api_key: str = field(repr=False)
    api_secret: str = field(repr=False)
    access_token: str = field(repr=False)
    access_secret: str = field(repr=False)
    language: str = "en"
    city: str = ""
    tip_line: str = ""
    followers: int = 0

    @property
    def user_id(self) -> str:
        # tweepy takes the user id from the access token's prefix, as X issues them.
        prefix, dash, _ = self.access_token.partition("-")
        return prefix if dash and prefix.isdigit() else stable_id(self.handle)

    @property
    def base_language(self) -> str:
        return self.language.split("-")[0].lower()


@dataclass(slots=True)
class Media:
    id: str
    owner_id: str
    mime_type: str
    size: int
    sha256: str
    width: int
    height: int
    alt_text: str | None = None


@dataclass(slots=True)
class Post:
    id: int
    author_id: str
    text: str
    created_at: float
    conversation_id: int
    media_ids: tuple[str, ...] = ()
    quote_of: int | None = None
    in_reply_to: int | None = None
    repost_of: int | None = None
    deleted: bool = False
    label: str | None = None  # what a simulated reply really is (ground truth for drills)
    has_media: bool = False
    reposts: int = 0  # by accounts on this server
    quotes: int = 0
    audience: Audience | None = None


class Audience:
    """The planned future of one post: reach curves and the replies still to arrive."""

    __slots__ = ("created", "finals", "labels", "next", "rng", "speed", "tau", "times")

    def __init__(self, created: float, speed: float, rng: random.Random) -> None:
        self.created = created
        self.speed = speed
        self.rng = rng
        self.tau = rng.uniform(1.0, 2.5) * 3600  # virtual seconds to ~63% of final reach
        self.finals: dict[str, int] = {}
        self.times = array("d")  # real arrival instants, ascending
        self.labels: list[str] = []
        self.next = 0

    def plan(self, audience: int, flood: int) -> None:
        rng = self.rng
        events: list[tuple[float, str]] = []
        if audience > 0:
            reach = audience * rng.uniform(0.3, 0.9)
            self.finals = {
                "impressions": int(reach * rng.uniform(1.1, 1.6)),
                "likes": int(reach * rng.uniform(0.01, 0.03)),
                "reposts": int(reach * rng.uniform(0.002, 0.008)),
                "quotes": int(reach * rng.uniform(0.0005, 0.002)),
                "bookmarks": int(reach * rng.uniform(0.001, 0.004)),
            }
            count = int(reach * rng.uniform(0.002, 0.006))
            names = [name for name, _ in REPLY_MIX]
            weights = [weight for _, weight in REPLY_MIX]
            for _ in range(count):
                offset = min(rng.expovariate(1.0 / self.tau), 48 * 3600)
                events.append((offset, rng.choices(names, weights)[0]))
        if flood > 0:
            start = rng.uniform(600, 2400)
            burst = rng.uniform(120, 600)
            events.extend((start + rng.uniform(0, burst), "flood") for _ in range(flood))
        events.sort()
        self.times = array("d", (self.created + offset / self.speed for offset, _ in events))
        self.labels = [label for _, label in events]

    def counter(self, name: str, now: float) -> int:
        final = self.finals.get(name, 0)
        if not final:
            return 0
        virtual = max(0.0, now - self.created) * self.speed
        return int(final * (1.0 - math.exp(-virtual / self.tau)))

    def due(self, now: float) -> int:
        """How many planned replies have arrived by `now`."""
        return bisect_right(self.times, now)


class Store:
    """All state of one sandbox server; every public method takes the lock."""

    def __init__(
        self,
        accounts: Iterable[SandboxAccount],
        *,
        audience: int = 0,
        flood: int = 0,
        seed: int = 0,
        speed: float = 1.0,
    ) -> None:
        self.lock = threading.Lock()
        self.audience = audience
        self.flood = flood
        self.seed = seed
        self.speed = speed
        self.accounts: dict[str, SandboxAccount] = {}  # user id -> account
        self.by_keys: dict[tuple[str, str], SandboxAccount] = {}
        self.users: dict[str, User] = {}
        self.posts: dict[int, Post] = {}
        self.timelines: dict[str, list[int]] = {}  # author id -> post ids, ascending
        self.threads: dict[int, list[int]] = {}  # conversation id -> reply ids, ascending
        self.media: dict[str, Media] = {}
        self.pending: dict[int, Post] = {}  # posts whose audience has replies to come
        self._last_id = 0
        self._ordinals: dict[str, int] = {}
        self._flood_pools: dict[int, list[str]] = {}
        for account in accounts:
            self._add_account(account)

    def _add_account(self, account: SandboxAccount) -> None:
        uid = account.user_id
        if uid in self.accounts:
            raise ValueError(f"two sandbox accounts share the user id {uid}")
        self.accounts[uid] = account
        self.by_keys[(account.api_key, account.access_token)] = account
        self.users[uid] = User(
            id=uid,
            username=account.handle.lstrip("@"),
            name=account.name,
            created_at=time.time() - 3000 * DAY,
            followers=account.followers,
        )

    def account_by_handle(self, handle: str) -> SandboxAccount | None:
        wanted = handle.lower() if handle.startswith("@") else "@" + handle.lower()
        return next((a for a in self.accounts.values() if a.handle.lower() == wanted), None)

    # -- ids and time ---------------------------------------------------------------------

    def next_id(self, ts: float) -> int:
        """A snowflake id for an instant, strictly above every id issued so far."""
        candidate = (int(ts * 1000) - TWITTER_EPOCH_MS) << 22
        self._last_id = max(self._last_id + 1, candidate)
        return self._last_id

    # -- posts ----------------------------------------------------------------------------

    def add_post(
        self,
        author_id: str,
        text: str,
        ts: float,
        *,
        media_ids: tuple[str, ...] = (),
        quote_of: int | None = None,
        in_reply_to: int | None = None,
        repost_of: int | None = None,
        label: str | None = None,
        has_media: bool = False,
    ) -> Post:
        """Store a post (the caller holds the lock and has validated everything)."""
        post_id = self.next_id(ts)
        parent = self.posts.get(in_reply_to) if in_reply_to else None
        conversation = parent.conversation_id if parent else post_id
        post = Post(
            id=post_id,
            author_id=author_id,
            text=text,
            created_at=ts,
            conversation_id=conversation,
            media_ids=media_ids,
            quote_of=quote_of,
            in_reply_to=in_reply_to,
            repost_of=repost_of,
            label=label,
            has_media=has_media or bool(media_ids),
        )
        self.posts[post_id] = post
        self.timelines.setdefault(author_id, []).append(post_id)
        if parent:
            self.threads.setdefault(conversation, []).append(post_id)
        if quote_of and quote_of in self.posts:
            self.posts[quote_of].quotes += 1
        if repost_of and repost_of in self.posts:
            self.posts[repost_of].reposts += 1
        account = self.accounts.get(author_id)
        if account and not parent and not repost_of and (self.audience or self.flood):
            ordinal = self._ordinals.get(author_id, 0)
            self._ordinals[author_id] = ordinal + 1
            rng = random.Random(f"{self.seed}/{account.handle.lower()}/{ordinal}")
            post.audience = Audience(ts, self.speed, rng)
            post.audience.plan(self.audience, self.flood)
            if post.audience.times:
                self.pending[post_id] = post
        return post

    def delete_post(self, post: Post) -> None:
        post.deleted = True
        if post.repost_of and post.repost_of in self.posts:
            self.posts[post.repost_of].reposts -= 1
        if post.quote_of and post.quote_of in self.posts:
            self.posts[post.quote_of].quotes -= 1
        self.pending.pop(post.id, None)

    def find_duplicate(self, author_id: str, text: str) -> Post | None:
        for post_id in reversed(self.timelines.get(author_id, [])[-200:]):
            post = self.posts[post_id]
            if not post.deleted and not post.repost_of and post.text == text:
                return post
        return None

    # -- the simulated public -------------------------------------------------------------

    def materialize(self, conversation_id: int | None, now: float) -> None:
        """Write the replies that have arrived by `now` (one conversation, or all)."""
        targets = (
            [self.pending[conversation_id]]
            if conversation_id is not None and conversation_id in self.pending
            else (list(self.pending.values()) if conversation_id is None else [])
        )
        for post in targets:
            audience = post.audience
            assert audience is not None
            due = audience.due(now)
            while audience.next < due:
                index = audience.next
                self._simulated_reply(post, audience.labels[index], audience.times[index])
                audience.next += 1
            if audience.next >= len(audience.times):
                self.pending.pop(post.id, None)

    def _simulated_reply(self, root: Post, label: str, ts: float) -> None:
        audience = root.audience
        assert audience is not None
        rng = audience.rng
        account = self.accounts[root.author_id]
        if label == "flood":
            author = self._flood_author(root, rng, ts)
            media_only = rng.random() < 0.4
            text = phrases.flood_text(rng, media_only)
            has_media = media_only or rng.random() < 0.2
            label_stored = "spam"
        else:
            author = self._public_author(rng, ts, fresh=rng.random() < FRESH_ACCOUNT_ODDS[label])
            text = phrases.reply_text(
                label,
                account.base_language,
                rng,
                city=account.city,
                tip_line=account.tip_line,
            )
            has_media = rng.random() < MEDIA_ODDS[label]
            label_stored = label
        parent_id = root.id
        thread = self.threads.get(root.id, [])
        mention = account.handle
        if thread and label not in ("flood", "spam") and rng.random() < 0.12:
            parent_id = thread[rng.randrange(len(thread))]
            parent_author = self.users.get(self.posts[parent_id].author_id)
            if parent_author:
                mention = f"@{parent_author.username} {account.handle}"
        if has_media and label != "flood":
            text = f"{text} {phrases.link(rng)}"
        self.add_post(
            author.id,
            f"{mention} {text}",
            ts,
            in_reply_to=parent_id,
            label=label_stored,
            has_media=has_media,
        )

    def _public_author(self, rng: random.Random, ts: float, *, fresh: bool) -> User:
        name = phrases.username(rng)
        uid = str(10**15 + rng.randrange(9 * 10**15))
        age = rng.uniform(0.1, 3.0) * DAY if fresh else rng.uniform(200, 5000) * DAY
        user = User(id=uid, username=name, name=name.title(), created_at=ts - age)
        self.users[uid] = user
        return user

    def _flood_author(self, root: Post, rng: random.Random, ts: float) -> User:
        pool = self._flood_pools.setdefault(root.id, [])
        size = max(20, self.flood // 25)
        if len(pool) < size and (not pool or rng.random() < 0.5):
            name = phrases.username(rng, flood=True)
            uid = str(10**15 + rng.randrange(9 * 10**15))
            self.users[uid] = User(
                id=uid, username=name, name=name, created_at=ts - rng.uniform(0.05, 3.0) * DAY
            )
            pool.append(uid)
            return self.users[uid]
        return self.users[pool[rng.randrange(len(pool))]]

    # -- reading back ---------------------------------------------------------------------

    def metrics(self, post: Post, now: float) -> dict[str, int]:
        audience = post.audience
        replies = sum(
            1 for reply_id in self.threads.get(post.id, []) if not self.posts[reply_id].deleted
        )

        def sim(name: str) -> int:
            return audience.counter(name, now) if audience else 0

        return {
            "retweet_count": sim("reposts") + post.reposts,
            "reply_count": replies,
            "like_count": sim("likes"),
            "quote_count": sim("quotes") + post.quotes,
            "bookmark_count": sim("bookmarks"),
            "impression_count": sim("impressions"),
        }

    def thread_page(
        self,
        conversation_id: int,
        *,
        since_id: int | None,
        until_id: int | None,
        limit: int,
    ) -> tuple[list[Post], int | None]:
        """Replies newest first, above since_id and below until_id; and the next until_id."""
        ids = self.threads.get(conversation_id, [])
        start = bisect_right(ids, since_id) if since_id else 0
        end = bisect_left(ids, until_id) if until_id else len(ids)
        page: list[Post] = []
        index = end - 1
        while index >= start and len(page) < limit:
            post = self.posts[ids[index]]
            if not post.deleted:
                page.append(post)
            index -= 1
        more = index >= start and any(
            not self.posts[ids[i]].deleted for i in range(start, index + 1)
        )
        return page, (page[-1].id if page and more else None)

    def public_view(self, post: Post) -> dict[str, Any]:
        """A post as GET /_sandbox/posts shows it."""
        user = self.users.get(post.author_id)
        return {
            "id": str(post.id),
            "author": f"@{user.username}" if user else post.author_id,
            "text": post.text,
            "created_at": iso(post.created_at),
            "media_ids": list(post.media_ids),
            "quote_of": str(post.quote_of) if post.quote_of else None,
            "in_reply_to": str(post.in_reply_to) if post.in_reply_to else None,
            "repost_of": str(post.repost_of) if post.repost_of else None,
            "conversation_id": str(post.conversation_id),
            "deleted": post.deleted,
        }
