"""The X adapter: tweepy's `Client` for real, on a session with timeouts.

tweepy hard-codes https://api.twitter.com and sets no timeout; its `session` attribute is
public, so the adapter gives it a `requests.Session` that adds connect/read timeouts and,
for sandbox agencies, sends every request to the drill server on loopback instead. The
OAuth 1.0a signature is computed after the rewrite, over the URL actually requested. The
session's transport is a `HoldingAdapter`, so a launch can hold a post, built and signed,
at its warm connection's write (`hold_next_request`).

Media go through X's v2 endpoint `POST /2/media/upload` (tweepy only knows v1.1) on the
same session with tweepy's own OAuth 1.0a signer, then alt text via `POST /2/media/metadata`.

Every failure becomes one of `broadcaster.errors`, with a sentence naming the agency. Rate
limits are passed up with their reset time; nothing here ever sleeps.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import requests
import tweepy
from urllib3.exceptions import NameResolutionError, NewConnectionError

from broadcaster.authoring.agencies import CREDENTIAL_PARTS, Agency, Credentials
from broadcaster.authoring.media import X_PHOTO_LIMITS, PhotoLimits
from broadcaster.config import DEFAULT_SANDBOX_URL
from broadcaster.errors import (
    AccountSuspended,
    CredentialsInvalid,
    MissingCredentials,
    OutcomeUnknown,
    PlatformError,
    RateLimited,
    Rejected,
    ServerError,
)
from broadcaster.platforms.base import (
    ALL_METRICS,
    Account,
    Capabilities,
    Metrics,
    Platform,
    Published,
    RemoteReply,
    ReplyPage,
)
from broadcaster.platforms.holding import HoldingAdapter
from broadcaster.platforms.registry import register

# X's one-shot media upload, as its OpenAPI spec states it (read 2026-12-07 through X's own
# generated SDK reference, docs.x.com/xdks/typescript/reference/interfaces/
# Schemas.MediaUploadRequestOneShot, and docs.x.com/x-api/media/image-or-subtitle-media-upload):
# the body `MediaUploadRequestOneShot` has `media` (required), `media_category` (required,
# `MediaCategoryOneShot`: tweet_image, dm_image or subtitles), `media_type` (optional, still
# accepted: text/srt, text/vtt, image/jpeg, image/bmp, image/png, image/webp, image/pjpeg,
# image/tiff, so no image/gif), `additional_owners` and `shared`. A GIF goes only through
# the chunked upload (INIT with media_category tweet_gif), which this adapter does not do:
# the photo limits leave GIF out, so validation refuses it first. We send `media_category`
# and, for a type the enum lists, `media_type`; nothing else. The docs do not say whether
# X refuses unknown fields, so the sandbox checks the enums and the required field only.
ONE_SHOT_CATEGORY = "tweet_image"
ONE_SHOT_MEDIA_TYPES = frozenset(
    {"image/jpeg", "image/bmp", "image/png", "image/webp", "image/pjpeg", "image/tiff"}
)

RECENT_SEARCH_WINDOW = timedelta(days=7)

X_API = "https://api.twitter.com"
X_HOSTS = ("https://api.twitter.com", "https://api.x.com", "https://upload.twitter.com")
TWITTER_EPOCH_MS = 1288834974657

# requests-oauthlib and oauthlib log the signed Authorization header (consumer key, token)
# at debug level. Credentials must never reach a log, whatever the root level is.
for _name in ("oauthlib", "requests_oauthlib"):
    _logger = logging.getLogger(_name)
    if _logger.level < logging.INFO:
        _logger.setLevel(logging.INFO)


class TimeoutSession(requests.Session):
    """A session with default timeouts that can send X's URLs to another base URL, on a
    transport that can hold a request at its connection's write."""

    def __init__(self, timeout: tuple[float, float], base_url: str | None = None) -> None:
        super().__init__()
        self.holding = HoldingAdapter()
        self.mount("https://", self.holding)
        self.mount("http://", self.holding)
        self.timeout = timeout
        self.base_url = base_url.rstrip("/") if base_url else None
        self.access_level: str | None = None  # X's x-access-level header, once seen

    def rewrite(self, url: str) -> str:
        if self.base_url:
            for host in X_HOSTS:
                if url.startswith(host):
                    return self.base_url + url[len(host) :]
        return url

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        if isinstance(url, bytes):
            url = url.decode()
        kwargs.setdefault("timeout", self.timeout)
        response = super().request(method, self.rewrite(url), *args, **kwargs)
        self.access_level = response.headers.get("x-access-level", self.access_level)
        return response


def snowflake_time(remote_id: str | int) -> datetime | None:
    """The creation instant encoded in an X id (millisecond precision)."""
    try:
        ms = (int(remote_id) >> 22) + TWITTER_EPOCH_MS
    except (TypeError, ValueError):
        return None
    if ms <= TWITTER_EPOCH_MS:
        return None
    return datetime.fromtimestamp(ms / 1000, UTC)


def parse_time(value: object) -> datetime | None:
    """X's `2026-11-23T14:00:00.000Z` as an aware UTC datetime."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value).astimezone(UTC)
    except ValueError:
        return None


def _problem_text(response: requests.Response) -> tuple[str, str]:
    """(problem type, human detail) from an X error body, whatever its shape."""
    try:
        body = response.json()
    except ValueError:
        return "", (response.text or response.reason or "").strip()[:200]
    if not isinstance(body, dict):
        return "", ""
    kind = str(body.get("type") or "")
    parts: list[str] = []
    if body.get("detail"):
        parts.append(str(body["detail"]))
    for error in body.get("errors") or []:
        if isinstance(error, dict):
            message = error.get("message") or error.get("detail")
            if message and message not in parts:
                parts.append(str(message))
            kind = kind or str(error.get("type") or "")
            if error.get("code") == 64:
                kind = kind or "user-suspended"
    if not parts and body.get("title"):
        parts.append(str(body["title"]))
    return kind, " ".join(parts)[:200]


class NotFound(Rejected):
    """The post (or account) is not there (404)."""


def _x_text_length(text: str) -> int:
    from broadcaster.authoring.textlen import x_weighted_length

    return x_weighted_length(text)


def _x_invalid_character(text: str) -> str | None:
    from broadcaster.authoring.textlen import x_invalid_character

    return x_invalid_character(text)


@register
class XPlatform(Platform):
    """One agency's X account (or its sandbox double) through tweepy."""

    name: ClassVar[str] = "x"
    max_length: ClassVar[int] = 280
    photo_limits: ClassVar[PhotoLimits] = X_PHOTO_LIMITS
    credential_parts: ClassVar[tuple[str, ...]] = CREDENTIAL_PARTS
    handle_pattern: ClassVar[re.Pattern[str]] = re.compile(r"^@[A-Za-z0-9_]{1,15}$")
    handle_example: ClassVar[str] = "@TorontoPolice"
    # X has no idempotency key: a retry after an unknown outcome is safe only through
    # reconciliation (reading the account's recent posts), which the journal always does.
    capabilities: ClassVar[Capabilities] = Capabilities(
        quotes=True,
        reposts=True,
        idempotency=False,
        metrics=ALL_METRICS,
        reply_search=True,
        threads=True,
        # Recent search reaches 7 days back and refuses an older since_id (400,
        # "'since_id' must be a tweet id created after ..."): tracking reads by start_time.
        reply_window=RECENT_SEARCH_WINDOW,
        # A reply's conversation_id is its thread's first post's id, whatever it answers.
        replies_by_root=True,
    )
    text_length = staticmethod(_x_text_length)
    invalid_character = staticmethod(_x_invalid_character)

    @classmethod
    def build(
        cls, account: Agency, env: Mapping[str, str], service_url: str | None, timeout: float
    ) -> Platform:
        names = cls.credential_names(account.credentials)
        missing = [n for n in names if not env.get(n)]
        if missing:
            raise MissingCredentials(
                f"{account.label}: set {', '.join(missing)} in the environment or .env."
            )
        credentials = Credentials(*(env[n] for n in names))
        return cls(account, credentials, base_url=service_url, timeout=timeout)

    def __init__(
        self,
        agency: Agency,
        credentials: Credentials,
        *,
        base_url: str | None = None,
        timeout: float = 10.0,
    ) -> None:
        self.agency = agency
        self.base_url = base_url
        self.label = "the sandbox" if base_url else "X"
        self.timeout = timeout
        self._credentials = credentials
        self._who = f"agency {agency.key!r} ({agency.handle})"
        self.client = tweepy.Client(
            consumer_key=credentials.api_key,
            consumer_secret=credentials.api_secret,
            access_token=credentials.access_token,
            access_token_secret=credentials.access_secret,
            # Plain JSON: tweepy still makes, signs and checks every request, but its model
            # objects parse dates with strptime, which costs more than the request on a
            # 100k-reply thread.
            return_type=dict,
            wait_on_rate_limit=False,
        )
        self.session = TimeoutSession((min(timeout, 5.0), timeout), base_url)
        self.client.session = self.session
        self._me: Account | None = None
        self.access_level: str | None = None

    def __repr__(self) -> str:
        return f"XPlatform({self.agency.key!r}, {self.label})"

    # -- helpers -------------------------------------------------------------------------

    @property
    def web_base(self) -> str:
        return self.base_url.rstrip("/") if self.base_url else "https://x.com"

    def post_url(self, remote_id: str) -> str:
        return f"{self.web_base}/{self.agency.handle.lstrip('@')}/status/{remote_id}"

    def _reply_url(self, remote_id: str, author: Mapping[str, Any] | None) -> str:
        """Where someone opens a reply: its author's status page (x.com/i/web/status/ID
        when the author is not known), on the sandbox for drills."""
        username = str((author or {}).get("username") or "")
        who = username if re.fullmatch(r"[A-Za-z0-9_]{1,15}", username) else "i/web"
        return f"{self.web_base}/{who}/status/{remote_id}"

    def _error(self, response: requests.Response) -> PlatformError:
        status = response.status_code
        kind, detail = _problem_text(response)
        lowered = f"{kind} {detail}".lower()
        said = f" ({status}{': ' + detail if detail else ''})"
        if status == 401 and "timestamp" in lowered:
            return CredentialsInvalid(
                f"{self._who}: {self.label} refused the request's time{said}; this machine's "
                "clock is off: set it right (NTP) and try again."
            )
        if status == 401:
            return CredentialsInvalid(
                f"{self._who}: {self.label} refused the credentials (401 Unauthorized); "
                f"check {', '.join(self.agency.credential_names())}."
            )
        if status == 403:
            if "suspended" in lowered:
                return AccountSuspended(f"{self._who}: the account is suspended on {self.label}.")
            if "duplicate" in lowered:
                return Rejected(
                    f"{self._who}: {self.label} refused the post as duplicate content{said}."
                )
            if "oauth1-permissions" in lowered or "permissions" in lowered:
                return CredentialsInvalid(
                    f"{self._who}: the access token cannot post{said}; regenerate it with "
                    "Read and Write permission."
                )
            return Rejected(f"{self._who}: {self.label} refused the request{said}.")
        if status == 429:
            reset_at = None
            header = response.headers.get("x-rate-limit-reset")
            if header and header.strip().isdigit():
                reset_at = datetime.fromtimestamp(int(header), UTC)
            until = f" until {reset_at:%H:%M:%S} UTC" if reset_at else ""
            return RateLimited(f"{self._who}: rate limited by {self.label}{until}.", reset_at)
        if status >= 500:
            return ServerError(f"{self._who}: {self.label} had a server error{said}.")
        if status == 404:
            return NotFound(f"{self._who}: {self.label} has no such post{said}.")
        return Rejected(f"{self._who}: {self.label} refused the request{said}.")

    @contextmanager
    def _translate(self, action: str, *, mutating: bool) -> Iterator[None]:
        """tweepy's and requests' exceptions → ours, with a sentence naming the agency."""
        try:
            yield
        except tweepy.HTTPException as error:
            raise self._error(error.response) from None
        except requests.exceptions.ConnectTimeout:
            raise ServerError(
                f"{self._who}: cannot connect to {self.label} to {action}; nothing was sent."
            ) from None
        except requests.exceptions.ReadTimeout:
            if mutating:
                raise OutcomeUnknown(
                    f"{self._who}: no answer from {self.label} within {self.timeout:g} s "
                    f"after sending ({action}); it may have been carried out."
                ) from None
            raise ServerError(
                f"{self._who}: no answer from {self.label} within {self.timeout:g} s ({action})."
            ) from None
        except requests.exceptions.ConnectionError as error:
            reason = getattr(error.args[0], "reason", None) if error.args else None
            if isinstance(reason, NewConnectionError | NameResolutionError):
                raise ServerError(
                    f"{self._who}: cannot connect to {self.label} to {action}; nothing was sent."
                ) from None
            if mutating:
                raise OutcomeUnknown(
                    f"{self._who}: the connection to {self.label} dropped after sending "
                    f"({action}); it may have been carried out."
                ) from None
            raise ServerError(
                f"{self._who}: the connection to {self.label} dropped ({action})."
            ) from None
        except requests.exceptions.RequestException:
            raise ServerError(
                f"{self._who}: the request to {self.label} failed ({action})."
            ) from None

    def _raw(self, method: str, path: str, *, mutating: bool, **kwargs: Any) -> dict[str, Any]:
        """A request tweepy has no method for, signed the way tweepy signs its own."""
        auth = tweepy.OAuth1UserHandler(*self._credentials.values()).apply_auth()
        with self._translate(path, mutating=mutating):
            response = self.session.request(
                method,
                X_API + path,
                auth=auth,
                headers={"User-Agent": self.client.user_agent},
                **kwargs,
            )
            with response:
                if not 200 <= response.status_code < 300:
                    raise self._error(response)
                try:
                    body = response.json()
                except ValueError:
                    raise ServerError(
                        f"{self._who}: {self.label} answered {path} with something not JSON."
                    ) from None
        return body if isinstance(body, dict) else {}

    def _user_id(self) -> str:
        token = self._credentials.access_token
        prefix = token.partition("-")[0]
        if "-" in token and prefix.isdigit():
            return prefix
        return self.verify().id

    # -- the interface ------------------------------------------------------------------

    def verify(self) -> Account:
        with self._translate("verify the credentials", mutating=False):
            response = self.client.get_me(
                user_fields=["public_metrics", "created_at"],
                user_auth=True,
            )
        user = response.get("data")
        if not isinstance(user, dict) or "id" not in user:
            raise ServerError(f"{self._who}: {self.label} returned no account for the credentials.")
        count = (user.get("public_metrics") or {}).get("followers_count")
        followers = None if count is None else int(count)  # not given: unknown, not 0
        self.access_level = self.session.access_level
        self._me = Account(
            id=str(user["id"]),
            handle=f"@{user.get('username', '')}",
            name=str(user.get("name", "")),
            followers=followers,
        )
        return self._me

    def upload_media(self, data: bytes, mime_type: str, alt_text: str) -> str:
        if mime_type not in ONE_SHOT_MEDIA_TYPES:
            # X would refuse it (a GIF needs the chunked upload): nothing is sent.
            raise Rejected(
                f"{self._who}: {self.label} does not take {mime_type} photos in its upload; "
                "use a JPEG, PNG or WEBP photo."
            )
        body = self._raw(
            "POST",
            "/2/media/upload",
            mutating=True,
            files={"media": ("media", data, mime_type)},
            data={"media_category": ONE_SHOT_CATEGORY, "media_type": mime_type},
        )
        media = body.get("data") or {}
        media_id = str(media.get("id") or media.get("media_id_string") or "")
        if not media_id:
            raise ServerError(f"{self._who}: {self.label} returned no media id for the upload.")
        if alt_text:
            self._raw(
                "POST",
                "/2/media/metadata",
                mutating=True,
                json={"id": media_id, "metadata": {"alt_text": {"text": alt_text[:1000]}}},
            )
        return media_id

    def post(
        self,
        text: str,
        media_ids: Sequence[str] = (),
        quote_of: str | None = None,
        in_reply_to: str | None = None,
        idempotency_key: str | None = None,  # X has none: reconciliation guards instead
    ) -> Published:
        with self._translate("post", mutating=True):
            response = self.client.create_tweet(
                text=text,
                media_ids=list(media_ids) or None,
                quote_tweet_id=quote_of,
                in_reply_to_tweet_id=in_reply_to,
                user_auth=True,
            )
        data = response.get("data") or {}
        remote_id = str(data.get("id") or "")
        if not remote_id:
            raise OutcomeUnknown(f"{self._who}: {self.label} accepted the post but sent no id.")
        return Published(
            remote_id=remote_id,
            text=str(data.get("text", text)),
            created_at=snowflake_time(remote_id),
            url=self.post_url(remote_id),
        )

    def repost(self, remote_id: str) -> None:
        with self._translate("repost", mutating=True):
            self.client.retweet(remote_id, user_auth=True)

    def delete(self, remote_id: str) -> None:
        try:
            with self._translate("delete a post", mutating=True):
                self.client.delete_tweet(remote_id, user_auth=True)
        except NotFound:
            pass  # already gone is what we wanted

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        out: dict[str, Metrics] = {}
        ids = [str(i) for i in remote_ids]
        for start in range(0, len(ids), 100):
            chunk = ids[start : start + 100]
            got = self._metrics_chunk(chunk, private=True)
            missing = [i for i in chunk if i not in got]
            if missing:
                # Non-public metrics are refused on old posts; the public ones still count.
                got.update(self._metrics_chunk(missing, private=False))
            out.update(got)
        return out

    def _metrics_chunk(self, ids: list[str], *, private: bool) -> dict[str, Metrics]:
        fields = ["public_metrics", "non_public_metrics"] if private else ["public_metrics"]
        with self._translate("read metrics", mutating=False):
            response = self.client.get_tweets(ids, tweet_fields=fields, user_auth=True)
        out: dict[str, Metrics] = {}
        for tweet in response.get("data") or []:
            public = tweet.get("public_metrics") or {}
            private_metrics = tweet.get("non_public_metrics") or {}
            out[str(tweet["id"])] = Metrics(
                impressions=int(
                    private_metrics.get("impression_count", public.get("impression_count", 0))
                ),
                reposts=int(public.get("retweet_count", 0)),
                quotes=int(public.get("quote_count", 0)),
                replies=int(public.get("reply_count", 0)),
                likes=int(public.get("like_count", 0)),
                bookmarks=int(public.get("bookmark_count", 0)),
            )
        return out

    def replies(
        self, conversation_id: str, since_id: str | None = None, next_token: str | None = None
    ) -> ReplyPage:
        return self._search_replies(conversation_id, since_id=since_id, next_token=next_token)

    def replies_from(
        self, conversation_id: str, start_time: datetime, next_token: str | None = None
    ) -> ReplyPage:
        return self._search_replies(conversation_id, start_time=start_time, next_token=next_token)

    def _search_replies(
        self,
        conversation_id: str,
        *,
        since_id: str | None = None,
        start_time: datetime | None = None,
        next_token: str | None = None,
    ) -> ReplyPage:
        with self._translate("read replies", mutating=False):
            response = self.client.search_recent_tweets(
                f"conversation_id:{conversation_id}",
                max_results=100,
                since_id=since_id,
                start_time=start_time,
                next_token=next_token,
                expansions=["author_id", "attachments.media_keys"],
                tweet_fields=[
                    "created_at",
                    "author_id",
                    "conversation_id",
                    "in_reply_to_user_id",
                    "referenced_tweets",
                    "attachments",
                ],
                user_fields=["created_at", "username"],
                media_fields=["type"],
                user_auth=True,
            )
        users = {str(u["id"]): u for u in (response.get("includes") or {}).get("users", [])}
        replies: list[RemoteReply] = []
        for tweet in response.get("data") or []:
            remote_id = str(tweet["id"])
            if remote_id == str(conversation_id):
                continue
            author_id = tweet.get("author_id")
            author = users.get(str(author_id)) if author_id else None
            replied_to = next(
                (
                    str(ref["id"])
                    for ref in tweet.get("referenced_tweets") or []
                    if ref.get("type") == "replied_to"
                ),
                None,
            )
            replies.append(
                RemoteReply(
                    remote_id=remote_id,
                    text=str(tweet.get("text", "")),
                    created_at=parse_time(tweet.get("created_at")),
                    author_id=str(author_id) if author_id else None,
                    author_handle=f"@{author['username']}" if author else None,
                    author_created_at=parse_time(author.get("created_at")) if author else None,
                    in_reply_to=replied_to,
                    has_media=bool((tweet.get("attachments") or {}).get("media_keys")),
                    url=self._reply_url(remote_id, author),
                )
            )
        meta = response.get("meta") or {}
        return ReplyPage(
            replies=replies,
            next_token=meta.get("next_token"),
            newest_id=meta.get("newest_id"),
        )

    def recent_posts(self, limit: int = 100) -> list[Published]:
        user_id = self._user_id()
        out: list[Published] = []
        token: str | None = None
        while len(out) < limit:
            with self._translate("read recent posts", mutating=False):
                response = self.client.get_users_tweets(
                    user_id,
                    max_results=max(5, min(100, limit - len(out))),
                    pagination_token=token,
                    tweet_fields=["created_at"],
                    user_auth=True,
                )
            for tweet in response.get("data") or []:
                remote_id = str(tweet["id"])
                out.append(
                    Published(
                        remote_id=remote_id,
                        text=str(tweet.get("text", "")),
                        created_at=parse_time(tweet.get("created_at")) or snowflake_time(remote_id),
                        url=self.post_url(remote_id),
                    )
                )
            token = (response.get("meta") or {}).get("next_token")
            if not token:
                break
        return out[:limit]

    def warm(self) -> None:
        """Open (or refresh) the keep-alive connection with a cheap authenticated read."""
        # Preflight reports bad credentials; warming is only an optimisation.
        with contextlib.suppress(PlatformError):
            self.verify()

    def hold_next_request(self, wait: Callable[[], None]) -> bool:
        self.session.holding.hold_next(wait)
        return True

    def cancel_held_request(self) -> None:
        self.session.holding.cancel_hold()

    def close(self) -> None:
        self.session.close()


@register
class SandboxPlatform(XPlatform):
    """The same X code pointed at the local drill server (`broadcaster sandbox serve`)."""

    name: ClassVar[str] = "sandbox"
    service_env: ClassVar[str | None] = "BROADCASTER_SANDBOX_URL"
    default_service: ClassVar[str | None] = DEFAULT_SANDBOX_URL
