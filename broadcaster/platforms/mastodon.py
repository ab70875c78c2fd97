"""The Mastodon adapter: Mastodon.py for real, with timeouts and without its sleeps.

Mastodon.py is built with `ratelimit_method="throw"`, so a 429 raises at once; the reset
time it parsed from `X-RateLimit-Reset` (corrected by the server's `Date`) goes up in
`RateLimited`, and the caller decides when to come back. Every request has a timeout.

A post carries the caller's `idempotency_key` as Mastodon's `Idempotency-Key`: the
instance answers a repeat with the status the first request made, so a retry after a
timeout, or after a crash before the journal's commit, cannot post twice.

Photos are processed asynchronously by Mastodon (`url` is null at first): the upload
waits, bounded, until the instance says the attachment is ready.

The session's transport is a `HoldingAdapter`, as for X, so a launch can hold a post at
its warm connection's write (`hold_next_request`).

Every failure becomes one of `broadcaster.errors`, with a sentence naming the agency.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

import requests
from mastodon import Mastodon
from mastodon.errors import (
    MastodonAPIError,
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)
from urllib3.exceptions import HTTPError, NameResolutionError, NewConnectionError

from broadcaster.authoring.media import PhotoLimits
from broadcaster.errors import (
    AccountSuspended,
    CredentialsInvalid,
    MissingCredentials,
    OutcomeUnknown,
    PlatformError,
    RateLimited,
    Rejected,
    ServerError,
    UsageInvalid,
)
from broadcaster.platforms.base import (
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

if TYPE_CHECKING:
    from broadcaster.authoring.agencies import Agency

SERVICE_ENV = "BROADCASTER_MASTODON_URL"
DEFAULT_MAX_LENGTH = 500  # Mastodon's own default; each instance may set its own
URL_WEIGHT = 23  # Mastodon counts every link as 23 characters, whatever its length

# Mastodon's defaults (4.x): the instance's own figures replace them once read.
MASTODON_PHOTO_LIMITS = PhotoLimits(
    formats=frozenset({"JPEG", "PNG", "WEBP", "GIF"}),
    max_bytes=10 * 1024 * 1024,
    max_pixels=4096,  # image_matrix_limit 16 777 216 = 4096 × 4096
)
_MIME_FORMATS = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "image/gif": "GIF",
    "image/heic": "HEIC",
    "image/avif": "AVIF",
}

# `@user@domain`: Mastodon's username rule (letters, digits, _; dots and dashes inside).
HANDLE_PATTERN = re.compile(
    r"^@[A-Za-z0-9_]+(?:[.-]+[A-Za-z0-9_]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
# Mastodon's Account::MENTION_RE: a remote mention counts as its local part only.
_MENTION = re.compile(
    r"(?<![=/\w])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[\w.-]+\w+)?", re.IGNORECASE
)

MEDIA_POLL_SECONDS = 0.5


def credential_names(prefix: str) -> list[str]:
    return [f"{prefix}_MASTODON_ACCESS_TOKEN"]


def text_length(text: str) -> int:
    """The length Mastodon counts: every http(s) link 23, `@user@domain` as `@user`.

    The rest counts in code points. Mastodon itself counts grapheme clusters, never more
    than code points, so a text that fits here fits on every instance.
    """
    from twitter_text import extract_urls_with_indices

    # Mastodon builds its link pattern from twitter-text's and needs the scheme.
    urls = extract_urls_with_indices(text, extract_urls_without_protocol=False)
    pieces: list[str] = []
    cursor = 0
    for url in sorted(urls, key=lambda u: u["indices"][0]):
        start, end = url["indices"]
        pieces.append(text[cursor:start])
        pieces.append("x" * URL_WEIGHT)
        cursor = end
    pieces.append(text[cursor:])
    countable = _MENTION.sub(lambda m: "@" + m.group(1), "".join(pieces))
    return len(countable)


def instance_url(configured: str | None, env: Mapping[str, str]) -> str:
    """The instance to talk to: the account's own, or the drill server when
    BROADCASTER_MASTODON_URL is set (which must then be on this machine)."""
    override = (env.get(SERVICE_ENV) or "").strip()
    if override:
        if not is_loopback_url(override):
            raise UsageInvalid(
                f"{SERVICE_ENV} is {override!r}; it points the Mastodon accounts at a drill "
                "server, which only runs on this machine (http://127.0.0.1:PORT)."
            )
        return override.rstrip("/")
    url = (configured or "").strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        if url and is_loopback_url(url):
            return url
        raise UsageInvalid(
            f"the Mastodon instance {configured!r} is not an https:// address "
            "(like https://police.example)."
        )
    return url


def is_loopback_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and (parts.hostname or "") in (
        "127.0.0.1",
        "localhost",
        "::1",
    )


class _PlainText(HTMLParser):
    """Mastodon serves a status as HTML; replies are triaged as plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html: str) -> str:
    parser = _PlainText()
    parser.feed(html or "")
    parser.close()
    return "".join(parser.parts).strip()


def _id_key(remote_id: str) -> tuple[int, str]:
    """Mastodon ids are numeric strings that grow with time: compare them as numbers."""
    return (len(remote_id), remote_id) if remote_id.isdigit() else (0, remote_id)


def _aware(value: object) -> datetime | None:
    if isinstance(value, datetime):  # Mastodon.py gives local time; the journal keeps UTC
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
        except ValueError:
            return None
    return None


class NotFound(Rejected):
    """The status (or media) is not there (404)."""


# Mastodon.py's hook that turns each parsed JSON answer into its typed objects (`Status`,
# `Account`, ... with datetimes), walking every field of the answer against the type hints:
# about 3 ms of CPU a status, most of a launch's client work on Mastodon (benchmarks/
# bench_multi.py). This adapter reads answers as mappings, and `_aware` takes a timestamp
# as text too, so the post's answer may stay the JSON Mastodon.py parsed.
_CAST_HOOK = "_Mastodon__try_cast_to_type"


def _as_parsed(value: Any, override_type: Any = None) -> tuple[Any, None]:
    return value, None


@contextmanager
def _answer_as_parsed(client: Mastodon) -> Iterator[None]:
    """Inside: the client's answers are the parsed JSON, not typed objects.

    An attribute of this client only (shadowing Mastodon.py's method of that name) for the
    duration of one call. Another thread's call on the same client meanwhile would get JSON
    too, which reads the same here (the adapter reads every answer as a mapping). If a
    Mastodon.py release renames the hook, answers are typed again: slower, read the same
    (test_mastodon_adapter pins that the post's answer is not cast, so it says so)."""
    setattr(client, _CAST_HOOK, _as_parsed)
    try:
        yield
    finally:
        with contextlib.suppress(AttributeError):
            delattr(client, _CAST_HOOK)


@register
class MastodonPlatform(Platform):
    """One agency's Mastodon account, on its instance (or on the drill server)."""

    name: ClassVar[str] = "mastodon"
    max_length: ClassVar[int] = DEFAULT_MAX_LENGTH
    photo_limits: ClassVar[PhotoLimits] = MASTODON_PHOTO_LIMITS
    handle_pattern: ClassVar[re.Pattern[str]] = HANDLE_PATTERN
    service_env: ClassVar[str] = SERVICE_ENV
    handle_example: ClassVar[str] = "@tps@police.example"
    service_field: ClassVar[str] = "instance"
    credential_parts: ClassVar[tuple[str, ...]] = ("MASTODON_ACCESS_TOKEN",)
    # Capabilities: boosts but no quotes (Mastodon.py has no quote post), a guard against
    # a double post, and these counters (no impressions, no bookmarks for others' posts).
    supports_quotes: ClassVar[bool] = False
    supports_reposts: ClassVar[bool] = True
    idempotent_posts: ClassVar[bool] = True
    metrics_offered: ClassVar[frozenset[str]] = frozenset({"reposts", "replies", "likes"})
    capabilities: ClassVar[Capabilities] = Capabilities(
        quotes=supports_quotes,
        reposts=supports_reposts,
        idempotency=idempotent_posts,
        metrics=metrics_offered,
        reply_search=True,
        threads=True,
    )

    text_length = staticmethod(text_length)
    credential_names = staticmethod(credential_names)

    def __init__(
        self,
        *,
        agency_key: str,
        handle: str,
        base_url: str,
        access_token: str,
        credentials_prefix: str,
        timeout: float = 10.0,
        media_wait: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.agency_key = agency_key
        self.handle = handle
        self.base_url = base_url.rstrip("/")
        self.drill = is_loopback_url(self.base_url)
        self.label = "the Mastodon drill server" if self.drill else urlsplit(base_url).netloc
        self.timeout = timeout
        self.media_wait = media_wait
        self._sleep = sleep
        self._clock = clock
        self._who = f"agency {agency_key!r} ({handle})"
        self._variables = credential_names(credentials_prefix)
        # The launch holds a post, built and handed to its warm connection, at the write.
        self.session = requests.Session()
        self.holding = HoldingAdapter()
        self.session.mount("https://", self.holding)
        self.session.mount("http://", self.holding)
        self.client = Mastodon(
            access_token=access_token,
            api_base_url=self.base_url,
            ratelimit_method="throw",  # never sleep inside a launch
            request_timeout=timeout,
            session=self.session,
            version_check_mode="none",
            user_agent="broadcaster",
        )
        self._me: Account | None = None
        self._instance: dict[str, Any] | None = None

    @classmethod
    def build(
        cls, account: Agency, env: Mapping[str, str], service_url: str | None, timeout: float
    ) -> Platform:
        """The registry's way in: one account of agencies.toml (`service_url` already
        carries the drill override, checked to be on this machine)."""
        return cls.for_account(
            agency_key=account.key,
            handle=account.handle,
            instance=service_url or account.server,
            credentials_prefix=account.credentials,
            env=env,
            timeout=timeout,
        )

    @classmethod
    def for_account(
        cls,
        *,
        agency_key: str,
        handle: str,
        instance: str | None,
        credentials_prefix: str,
        env: Mapping[str, str],
        timeout: float = 10.0,
    ) -> MastodonPlatform:
        """The adapter for one `mastodon` account of the agencies file.

        Raises MissingCredentials naming the variable that is not set, and UsageInvalid
        for an instance that is not https:// or a drill URL off this machine."""
        base_url = instance_url(instance, env)
        (variable,) = credential_names(credentials_prefix)
        token = (env.get(variable) or "").strip()
        if not token:
            raise MissingCredentials(f"agency {agency_key!r} ({handle}): {variable} is not set.")
        return cls(
            agency_key=agency_key,
            handle=handle,
            base_url=base_url,
            access_token=token,
            credentials_prefix=credentials_prefix,
            timeout=timeout,
        )

    def __repr__(self) -> str:
        return f"MastodonPlatform({self.agency_key!r}, {self.label})"

    # -- errors --------------------------------------------------------------------------

    def _rate_limited(self) -> RateLimited:
        reset = self.client.ratelimit_reset
        reset_at = datetime.fromtimestamp(float(reset), UTC) if reset else None
        until = f" until {reset_at:%H:%M:%S} UTC" if reset_at else ""
        return RateLimited(f"{self._who}: rate limited by {self.label}{until}.", reset_at)

    def _api_error(self, error: MastodonAPIError, *, mutating: bool, action: str) -> PlatformError:
        args = error.args
        if len(args) < 4 or not isinstance(args[1], int):
            # Mastodon.py's own complaint about the answer (not JSON, say): the request
            # reached the instance, so a post may exist.
            if mutating:
                return OutcomeUnknown(
                    f"{self._who}: {self.label} sent an answer that cannot be read ({action}); "
                    "it may have been carried out."
                )
            return ServerError(f"{self._who}: {self.label} sent an answer that cannot be read.")
        status, detail = args[1], str(args[3] or args[2] or "").strip()[:200]
        said = f" ({status}{': ' + detail if detail else ''})"
        lowered = detail.lower()
        if status == 401:
            return CredentialsInvalid(
                f"{self._who}: {self.label} refused the access token (401 Unauthorized); "
                f"check {', '.join(self._variables)}."
            )
        if status == 403 and ("disabled" in lowered or "suspended" in lowered):
            return AccountSuspended(f"{self._who}: the account is suspended on {self.label}.")
        if status == 403 and "scope" in lowered:
            return CredentialsInvalid(
                f"{self._who}: the access token cannot do this{said}; create it with the "
                "read and write scopes."
            )
        if status == 404:
            return NotFound(f"{self._who}: {self.label} has no such post{said}.")
        if status >= 500:
            return ServerError(f"{self._who}: {self.label} had a server error{said}.")
        return Rejected(f"{self._who}: {self.label} refused the request{said}.")

    def _network_error(
        self, error: MastodonNetworkError, *, mutating: bool, action: str
    ) -> PlatformError:
        cause = error.__context__
        reason = getattr(cause.args[0], "reason", None) if cause and cause.args else None
        never_sent = isinstance(cause, requests.exceptions.ConnectTimeout) or isinstance(
            reason, NewConnectionError | NameResolutionError
        )
        if never_sent:
            return ServerError(
                f"{self._who}: cannot connect to {self.label} to {action}; nothing was sent."
            )
        if not mutating:
            return ServerError(f"{self._who}: no answer from {self.label} ({action}).")
        if isinstance(cause, requests.exceptions.ReadTimeout):
            return OutcomeUnknown(
                f"{self._who}: no answer from {self.label} within {self.timeout:g} s after "
                f"sending ({action}); it may have been carried out."
            )
        return OutcomeUnknown(
            f"{self._who}: the connection to {self.label} dropped after sending ({action}); "
            "it may have been carried out."
        )

    @contextmanager
    def _translate(self, action: str, *, mutating: bool) -> Iterator[None]:
        """Mastodon.py's exceptions → ours, with a sentence naming the agency."""
        try:
            yield
        except MastodonRatelimitError:
            raise self._rate_limited() from None
        except MastodonNetworkError as error:
            cause = error.__context__
            if cause is not None and not isinstance(cause, OSError | HTTPError):
                # Mastodon.py wraps whatever the transport raised; a held request's
                # `wait()` that refused to release it must reach the launch as it was.
                raise cause from None
            raise self._network_error(error, mutating=mutating, action=action) from None
        except (MastodonUnauthorizedError, MastodonNotFoundError, MastodonServerError) as error:
            raise self._api_error(error, mutating=mutating, action=action) from None
        except MastodonAPIError as error:
            raise self._api_error(error, mutating=mutating, action=action) from None
        except MastodonIllegalArgumentError as error:
            raise Rejected(f"{self._who}: cannot {action}: {error}.") from None
        except MastodonError as error:
            raise ServerError(
                f"{self._who}: the request to {self.label} failed ({action}): "
                f"{type(error).__name__}."
            ) from None

    # -- the instance --------------------------------------------------------------------

    def instance_info(self) -> dict[str, Any]:
        """The instance's description (v2, or v1 on an older server), read once."""
        if self._instance is None:
            with self._translate("read the instance's limits", mutating=False):
                try:
                    info: Any = self.client.instance_v2()
                except MastodonNotFoundError:
                    info = self.client.instance_v1()
            self._instance = dict(info) if isinstance(info, Mapping) else {}
        return self._instance

    def _configuration(self, section: str) -> Mapping[str, Any]:
        configuration = self.instance_info().get("configuration") or {}
        value = configuration.get(section) if isinstance(configuration, Mapping) else None
        return value if isinstance(value, Mapping) else {}

    def instance_max_length(self) -> int:
        """The instance's own limit (`configuration.statuses.max_characters`)."""
        value: Any = self._configuration("statuses").get("max_characters")
        if value is None:
            value = self.instance_info().get("max_toot_chars")  # glitch-soc, Pleroma
        try:
            limit = int(value)
        except (TypeError, ValueError):
            return self.max_length
        return limit if limit > 0 else self.max_length

    def instance_photo_limits(self) -> PhotoLimits:
        """The instance's media limits where it states them, Mastodon's defaults otherwise."""
        media = self._configuration("media_attachments")
        limits = self.photo_limits
        formats = frozenset(
            _MIME_FORMATS[m] for m in media.get("supported_mime_types") or () if m in _MIME_FORMATS
        )
        max_bytes, matrix = media.get("image_size_limit"), media.get("image_matrix_limit")
        return PhotoLimits(
            formats=formats or limits.formats,
            max_bytes=int(max_bytes)
            if isinstance(max_bytes, int) and max_bytes > 0
            else limits.max_bytes,
            # A matrix limit (pixels in all) allows a square of its root on the longest side.
            max_pixels=int(matrix**0.5)
            if isinstance(matrix, int) and matrix > 0
            else limits.max_pixels,
        )

    # -- the interface -------------------------------------------------------------------

    def _published(self, status: Mapping[str, Any], text: str | None = None) -> Published:
        """A status as the interface has it; `text`, when given, instead of rendering the
        instance's HTML back to plain text (a post's own answer: what was sent)."""
        remote_id = str(status.get("id") or "")
        return Published(
            remote_id=remote_id,
            text=plain_text(str(status.get("content") or "")) if text is None else text,
            created_at=_aware(status.get("created_at")),
            url=str(
                status.get("url") or status.get("uri") or f"{self.base_url}/statuses/{remote_id}"
            ),
        )

    def verify(self) -> Account:
        with self._translate("verify the credentials", mutating=False):
            me = self.client.account_verify_credentials()
        if not me or not me.get("id"):
            raise ServerError(f"{self._who}: {self.label} returned no account for the token.")
        acct = str(me.get("acct") or me.get("username") or "")
        domain = urlsplit(str(me.get("url") or "")).hostname
        handle = f"@{acct}" if "@" in acct or not domain else f"@{acct}@{domain}"
        self._me = Account(
            id=str(me["id"]),
            handle=handle,
            name=str(me.get("display_name") or acct),
            # Not given (a server hiding it): unknown, not 0.
            followers=None if me.get("followers_count") is None else int(me["followers_count"]),
        )
        return self._me

    def upload_media(self, data: bytes, mime_type: str, alt_text: str) -> str:
        with self._translate("upload a photo", mutating=True):
            media = self.client.media_post(
                data, mime_type=mime_type, description=alt_text[:1500] or None
            )
        media_id = str(media.get("id") or "")
        if not media_id:
            raise ServerError(f"{self._who}: {self.label} returned no media id for the upload.")
        deadline = self._clock() + self.media_wait
        while not media.get("url"):
            # Still processing (the v2 upload answers 202 and a null url until it is done).
            if self._clock() >= deadline:
                raise ServerError(
                    f"{self._who}: {self.label} is still processing the photo after "
                    f"{self.media_wait:g} s; try again later."
                )
            self._sleep(MEDIA_POLL_SECONDS)
            with self._translate("check the photo's processing", mutating=False):
                media = self.client.media(media_id)
        return media_id

    def post(
        self,
        text: str,
        media_ids: Sequence[str] = (),
        quote_of: str | None = None,
        in_reply_to: str | None = None,
        idempotency_key: str | None = None,
    ) -> Published:
        """Post publicly. With `idempotency_key`, a repeat of the request (a retry, or a
        re-run after a crash) returns the status the first one made instead of a second."""
        if quote_of is not None:
            raise Rejected(f"{self._who}: Mastodon has no quote posts; boost the post instead.")
        with self._translate("post", mutating=True), _answer_as_parsed(self.client):
            status = self.client.status_post(
                text,
                in_reply_to_id=in_reply_to,
                media_ids=list(media_ids) or None,
                visibility="public",
                idempotency_key=idempotency_key,
            )
        if not isinstance(status, Mapping) or not status.get("id"):
            raise OutcomeUnknown(f"{self._who}: {self.label} accepted the post but sent no id.")
        # The text sent (as the Bluesky adapter reports it): parsing the instance's HTML
        # back would only add to the launch's CPU after the answer.
        return self._published(status, text)

    def repost(self, remote_id: str) -> None:
        """Boost a status (Mastodon's repost); boosting twice is the same boost."""
        with self._translate("boost", mutating=True):
            self.client.status_reblog(remote_id)

    def delete(self, remote_id: str) -> None:
        try:
            with self._translate("delete a post", mutating=True):
                self.client.status_delete(remote_id)
        except NotFound:
            pass  # already gone is what we wanted

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        ids = [str(i) for i in remote_ids]
        out: dict[str, Metrics] = {}
        for start in range(0, len(ids), 20):  # the multi-get takes at most 20 ids
            chunk = ids[start : start + 20]
            try:
                with self._translate("read counts", mutating=False):
                    statuses = list(self.client.statuses(chunk))
            except NotFound:  # an instance older than 4.3 has no multi-get
                statuses = []
                for remote_id in chunk:
                    try:
                        with self._translate("read counts", mutating=False):
                            statuses.append(self.client.status(remote_id))
                    except NotFound:
                        continue  # deleted: no counts
            for status in statuses:
                out[str(status["id"])] = Metrics(
                    reposts=int(status.get("reblogs_count") or 0),
                    replies=int(status.get("replies_count") or 0),
                    likes=int(status.get("favourites_count") or 0),
                )
        return out

    def replies(
        self, conversation_id: str, since_id: str | None = None, next_token: str | None = None
    ) -> ReplyPage:
        """The replies under a post (its context's descendants), those after since_id.

        The context comes in one piece, so there is never a next page."""
        with self._translate("read replies", mutating=False):
            context = self.client.status_context(conversation_id)
        descendants = list(context.get("descendants") or [])
        newest = since_id
        replies: list[RemoteReply] = []
        for status in descendants:
            remote_id = str(status["id"])
            if newest is None or _id_key(remote_id) > _id_key(newest):
                newest = remote_id
            if since_id is not None and _id_key(remote_id) <= _id_key(since_id):
                continue
            account = status.get("account") or {}
            acct = str(account.get("acct") or "")
            replies.append(
                RemoteReply(
                    remote_id=remote_id,
                    text=plain_text(str(status.get("content") or "")),
                    created_at=_aware(status.get("created_at")),
                    author_id=str(account["id"]) if account.get("id") else None,
                    author_handle=f"@{acct}" if acct else None,
                    author_created_at=_aware(account.get("created_at")),
                    in_reply_to=str(status["in_reply_to_id"])
                    if status.get("in_reply_to_id")
                    else None,
                    has_media=bool(status.get("media_attachments")),
                    url=str(status.get("url") or "") or None,
                )
            )
        replies.sort(key=lambda r: _id_key(r.remote_id))
        return ReplyPage(replies=replies, next_token=None, newest_id=newest)

    def recent_posts(self, limit: int = 100) -> list[Published]:
        me = self._me or self.verify()
        out: list[Published] = []
        with self._translate("read recent posts", mutating=False):
            page: Any = self.client.account_statuses(
                me.id, exclude_reblogs=True, limit=min(40, max(1, limit))
            )
            while page and len(out) < limit:
                out.extend(self._published(status) for status in page)
                if len(out) >= limit:
                    break
                page = self.client.fetch_next(page)
        return out[:limit]

    def warm(self) -> None:
        """Open the keep-alive connection and read the instance's limits ahead of a launch."""
        # Preflight reports what is wrong; warming is only an optimisation.
        with contextlib.suppress(PlatformError):
            self.instance_info()

    def hold_next_request(self, wait: Callable[[], None]) -> bool:
        # status_post makes exactly one request, so the held one is the post itself.
        self.holding.hold_next(wait)
        return True

    def cancel_held_request(self) -> None:
        self.holding.cancel_hold()

    def close(self) -> None:
        self.session.close()
