"""The one small interface every platform adapter implements.

Adapters translate their library's errors into `broadcaster.errors` (CredentialsInvalid,
AccountSuspended, RateLimited with its reset time, ServerError, Rejected, OutcomeUnknown).
They never sleep to wait out a rate limit: the caller decides what to do with the reset time.
Limits are class attributes so that validation can check them without a network call.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from broadcaster.authoring.media import X_PHOTO_LIMITS, PhotoLimits


@dataclass(frozen=True)
class Account:
    id: str
    handle: str  # with the leading @
    name: str
    followers: int = 0


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
    ) -> Published:
        """Create a post (a quote when quote_of is given, a reply when in_reply_to is)."""

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
