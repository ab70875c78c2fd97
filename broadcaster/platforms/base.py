"""The one small interface every platform adapter implements, and the contract an adapter
meets to be registered (`broadcaster.platforms.registry.register`).

An adapter is a subclass of `Platform` that states, as class attributes, everything the core
needs without a network call (validation, preview, the launch planner read them through the
registry; the core never tests a platform's name):

- `name`: the value of `platform = "..."` in agencies.toml (lower case, unique).
- `max_length` and `text_length(text) -> int` (a staticmethod): the platform's own length rule
  (X: twitter-text v3 weighted, 280; Bluesky: graphemes, 300; Mastodon: characters, the
  instance's limit — `max_length` is then the default, and `limit_from_instance` may say more
  once connected).
- `photo_limits`: a `PhotoLimits` (formats, bytes, longest side) the one photo must satisfy.
- `credential_parts`: suffixes of the environment variables it needs; `credential_names(prefix)`
  gives the names (`TPS` -> `TPS_BLUESKY_APP_PASSWORD`). Values never leave the adapter.
- `handle_pattern`: a compiled regex a handle must match (`@name` on X, `name.bsky.social` on
  Bluesky, `@user@instance` on Mastodon); `handle_example` for the error sentence.
- `service_field`: "" when the account names no server, else the agencies.toml field that
  holds its address ("service" for Bluesky, "instance" for Mastodon); `default_service` when
  it may be left out; `service_env`: the variable that overrides it for drills (e.g.
  BROADCASTER_BLUESKY_URL), whose value must then be a loopback address.
- `invalid_character(text) -> str | None` (a staticmethod): the first character the
  platform refuses in a post (X: U+FFFE, U+FEFF, U+FFFF, as twitter-text says), or None.
- `capabilities`: a `Capabilities` (quotes, reposts, idempotency, metrics, reply search,
  `reply_window`: how far back reply reads may reach, when the platform has a limit, and
  `replies_by_root`: whether reply reads name a thread by its first post).
- `build(account, env, service_url, timeout) -> Platform` (a classmethod): the adapter for one
  account (`account` is an `Agency` narrowed to that account; `env` holds the credentials).

Post references: every id an adapter returns (`Published.remote_id`, `RemoteReply.remote_id`,
`ReplyPage.newest_id`) is `str(PostRef)`, and every id the core hands back (quote_of,
in_reply_to, delete, repost, metrics, replies) is such a string: parse it with
`PostRef.parse`. On X and Mastodon the ref is the id alone; on Bluesky it is the at:// uri and
the cid. Media: `upload_media` returns a `MediaToken` string (`str(MediaToken)`), opaque to the
core, stored per account in the journal and given back to `post`; it carries the alt text.

Errors: adapters translate their library's errors into `broadcaster.errors`
(CredentialsInvalid, AccountSuspended, RateLimited with its reset time, ServerError, Rejected,
DuplicateContent, OutcomeUnknown). They never sleep to wait out a rate limit: the caller
decides what to do with the reset time. A post request carrying `idempotency_key` (the journal
gives one per row, stable across retries and restarts) must not create a second post when
repeated: Mastodon sends it as `Idempotency-Key`, Bluesky derives the record key from it; X
has no such guard (`capabilities.idempotency` False) and relies on reconciliation alone.
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlsplit

from broadcaster.authoring.media import X_PHOTO_LIMITS, PhotoLimits

if TYPE_CHECKING:
    from broadcaster.authoring.agencies import Agency


def is_loopback_url(url: str) -> bool:
    """Whether `url` is on this machine (drill servers must be)."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and (parts.hostname or "") in (
        "127.0.0.1",
        "localhost",
        "::1",
    )


@dataclass(frozen=True)
class PostRef:
    """A post on a platform: its id (X, Mastodon; the at:// uri on Bluesky), and the content
    id Bluesky needs to quote or reply (`cid`). `str(ref)` is its one-string form for the
    journal; `PostRef.parse(str(ref)) == ref`. An id with no cid is stored as the id alone,
    so X's and Mastodon's stored ids are unchanged."""

    id: str
    cid: str | None = None

    _SEPARATOR: ClassVar[str] = " "  # neither ids nor uris nor cids contain a space

    def __post_init__(self) -> None:
        if not self.id or self._SEPARATOR in self.id or (self.cid and self._SEPARATOR in self.cid):
            raise ValueError(f"not a post reference: {self.id!r} {self.cid!r}")

    def __str__(self) -> str:
        return f"{self.id}{self._SEPARATOR}{self.cid}" if self.cid else self.id

    @classmethod
    def parse(cls, text: str) -> PostRef:
        ident, _, cid = text.strip().partition(cls._SEPARATOR)
        return cls(ident, cid or None)


@dataclass(frozen=True)
class MediaToken:
    """An uploaded photo as one account's adapter will need it at `post`: opaque to the core.
    `ref` is the platform's own handle on the upload (X's media id, a Bluesky blob as JSON,
    Mastodon's attachment id), `alt_text` the description sent with it."""

    ref: str
    alt_text: str = ""

    def __str__(self) -> str:
        return json.dumps({"ref": self.ref, "alt": self.alt_text}, ensure_ascii=False)

    @classmethod
    def parse(cls, text: str) -> MediaToken:
        """A token from its stored form; a bare id (journals before tokens) has no alt text."""
        try:
            data = json.loads(text)
        except ValueError:
            return cls(text)
        if isinstance(data, dict) and isinstance(data.get("ref"), str):
            return cls(data["ref"], str(data.get("alt", "")))
        return cls(text)


@dataclass(frozen=True)
class Capabilities:
    """What a platform can do, so the core asks instead of testing a name."""

    quotes: bool = True  # a post that embeds another (amplify's quote-post)
    reposts: bool = True  # a boost / repost / retweet of someone's post
    idempotency: bool = False  # a post request can carry a key that makes a retry harmless
    metrics: frozenset[str] = frozenset()  # names of `Metrics` fields the platform reports
    reply_search: bool = True  # replies of a post can be read (search, thread or context)
    threads: bool = True  # a post may reply to one's own post
    # How far back reply reads reach, when the platform has a limit (X's recent search: 7
    # days, and it refuses a since_id older than that): tracking then reads with
    # `replies_from(start_time)` instead of an older since_id.
    reply_window: timedelta | None = None
    # `replies(id)` reads a whole conversation named by its first post (X's conversation_id
    # search): a reply under one of our replies is found only through that first post's id,
    # which still answers once the first post is deleted. Otherwise `replies(id)` reads the
    # replies under that post itself (Mastodon's context, Bluesky's thread).
    replies_by_root: bool = False


ALL_METRICS = frozenset({"impressions", "reposts", "quotes", "replies", "likes", "bookmarks"})


@dataclass(frozen=True)
class Account:
    id: str
    handle: str  # with the leading @
    name: str
    # None when the platform would not say (a profile it could not read): unknown, which a
    # report must not show as 0 followers.
    followers: int | None = None


@dataclass(frozen=True)
class Published:
    """A post as the platform holds it."""

    remote_id: str
    text: str
    created_at: datetime | None
    url: str


@dataclass(frozen=True)
class Metrics:
    impressions: int = 0
    reposts: int = 0
    quotes: int = 0
    replies: int = 0
    likes: int = 0
    bookmarks: int = 0


@dataclass(frozen=True)
class RemoteReply:
    remote_id: str
    text: str
    created_at: datetime | None
    author_id: str | None = None
    author_handle: str | None = None
    author_created_at: datetime | None = None  # a fresh account is a flood cue
    in_reply_to: str | None = None
    has_media: bool = False
    url: str | None = None  # where a person opens it (stored, so reports need not rebuild it)


@dataclass(frozen=True)
class ReplyPage:
    replies: list[RemoteReply]
    next_token: str | None  # more pages of this search
    newest_id: str | None  # pass as since_id next time


class Platform(ABC):
    """One account on one platform."""

    name: ClassVar[str]
    max_length: ClassVar[int] = 280
    photo_limits: ClassVar[PhotoLimits] = X_PHOTO_LIMITS
    credential_parts: ClassVar[tuple[str, ...]] = ()
    handle_pattern: ClassVar[re.Pattern[str]] = re.compile(r"^\S+$")
    handle_example: ClassVar[str] = "@TorontoPolice"
    service_field: ClassVar[str] = ""  # "service" | "instance" | "" (no server to name)
    default_service: ClassVar[str | None] = None
    service_env: ClassVar[str | None] = None  # drills point the adapter here (loopback only)
    capabilities: ClassVar[Capabilities] = Capabilities()

    @staticmethod
    def text_length(text: str) -> int:
        """The length this platform counts for `text` (code points unless overridden)."""
        return len(text)

    @staticmethod
    def invalid_character(text: str) -> str | None:
        """The first character of `text` this platform refuses in a post (X: those
        twitter-text calls invalid), or None; validation refuses such a post."""
        return None

    @classmethod
    def credential_names(cls, prefix: str) -> list[str]:
        """The environment variables one account with this prefix needs."""
        return [f"{prefix}_{part}" for part in cls.credential_parts]

    @classmethod
    def build(
        cls, account: Agency, env: Mapping[str, str], service_url: str | None, timeout: float
    ) -> Platform:
        """The adapter for one account; raises MissingCredentials naming what is unset.
        Every registered adapter overrides it (test doubles built by hand need not)."""
        raise NotImplementedError(f"{cls.__name__} does not say how to build itself")

    @abstractmethod
    def verify(self) -> Account:
        """Who am I; raises CredentialsInvalid or AccountSuspended."""

    @abstractmethod
    def upload_media(self, data: bytes, mime_type: str, alt_text: str) -> str:
        """Upload a photo for this account; returns its media id."""

    @abstractmethod
    def post(
        self,
        text: str,
        media_ids: Sequence[str] = (),
        quote_of: str | None = None,
        in_reply_to: str | None = None,
        idempotency_key: str | None = None,
    ) -> Published:
        """Create a post (a quote when quote_of is given, a reply when in_reply_to is).
        `idempotency_key` is given only to platforms whose capabilities say `idempotency`."""

    @abstractmethod
    def repost(self, remote_id: str) -> None:
        """Repost (retweet) someone's post from this account."""

    @abstractmethod
    def delete(self, remote_id: str) -> None:
        """Delete one of this account's posts; deleting one already gone is not an error."""

    @abstractmethod
    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        """Current counters for this account's posts."""

    @abstractmethod
    def replies(
        self, conversation_id: str, since_id: str | None = None, next_token: str | None = None
    ) -> ReplyPage:
        """One page of replies in a post's conversation, oldest constraints by since_id."""

    def replies_from(
        self, conversation_id: str, start_time: datetime, next_token: str | None = None
    ) -> ReplyPage:
        """One page of replies created at or after `start_time`: what tracking asks instead
        of an older since_id on a platform whose capabilities state a `reply_window`."""
        raise NotImplementedError(f"{type(self).__name__} states no reply_window")

    @abstractmethod
    def recent_posts(self, limit: int = 100) -> list[Published]:
        """This account's own latest posts, newest first (to reconcile unknown outcomes)."""

    def warm(self) -> None:  # noqa: B027 - optional for adapters without connections
        """Open the connection ahead of a launch so the first request pays no handshake."""

    def hold_next_request(self, wait: Callable[[], None]) -> bool:
        """Arm a hold: this thread's next request calls `wait()` right before its bytes are
        written, and is not sent if `wait()` raises. False when the adapter cannot hold at
        the write; the caller must then wait before making the request."""
        return False

    def cancel_held_request(self) -> None:  # noqa: B027
        """Disarm a hold no request took (the call failed before reaching the network)."""

    def close(self) -> None:  # noqa: B027
        """Release connections."""
