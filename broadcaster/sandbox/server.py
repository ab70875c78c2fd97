"""The drill server: the subset of X API v2 the adapter uses, on 127.0.0.1, for real HTTP.

One thread per connection (keep-alive, so a launch's warmed connections stay open), a deep
accept queue, and one short lock around the state: 200 agencies posting at once are served
side by side, and simulated latency is slept outside the lock so it never serializes them.

A post's `created_at` is the instant its request line arrived — before authentication,
parsing and the simulated latency — so a launch's spread measures the client's firing.

Like X, it takes a signed request once (a reused nonce, or a timestamp more than five
minutes from its clock, is 401), and it holds only text UTF-8 can hold: a lone surrogate
(reachable through a JSON escape) becomes U+FFFD, so no post or reply can break a page.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import html
import io
import json
import random
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from email import message_from_bytes
from typing import Any
from urllib.parse import parse_qs, parse_qsl

from broadcaster.errors import UsageInvalid
from broadcaster.sandbox.http import Drop, HTTPServer, Reply, Request
from broadcaster.sandbox.oauth import Outcome, ReplayGuard, authenticate
from broadcaster.sandbox.options import FaultRates
from broadcaster.sandbox.store import (
    DAY,
    Media,
    Post,
    SandboxAccount,
    Store,
    User,
    id_floor,
    iso,
    x_time,
)

LOOPBACK = ("127.0.0.1", "localhost", "::1")
# X's recent search reaches back 7 days: older posts are not found, and a since_id or a
# start_time older than that is refused with 400.
RECENT_SEARCH_DAYS = 7
MAX_PHOTO = 5 * 1024 * 1024
# X's one-shot `POST /2/media/upload` (OpenAPI `MediaUploadRequestOneShot`): images only, so
# no GIF (X takes GIF only through the chunked upload, as tweet_gif); `media_category` is
# required and one of MEDIA_CATEGORIES; `media_type`, when given, one of MEDIA_TYPES.
PHOTO_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MEDIA_CATEGORIES = ("tweet_image", "dm_image", "subtitles")
MEDIA_TYPES = (
    "text/srt",
    "text/vtt",
    "image/jpeg",
    "image/bmp",
    "image/png",
    "image/webp",
    "image/pjpeg",
    "image/tiff",
)


def _problem(status: int, title: str, detail: str, kind: str = "about:blank") -> dict[str, Any]:
    return {"title": title, "detail": detail, "type": kind, "status": status}


UNAUTHORIZED = _problem(401, "Unauthorized", "Unauthorized")


def _unauthorized(code: int, message: str) -> dict[str, Any]:
    """X's 401, with the OAuth error it still gives as v1.1's code and message."""
    return {**UNAUTHORIZED, "errors": [{"code": code, "message": message}]}


SUSPENDED = _problem(
    403,
    "Forbidden",
    "The user used for authentication is suspended",
    "https://api.twitter.com/2/problems/user-suspended",
)
READ_ONLY = _problem(
    403,
    "Forbidden",
    "Your client app is not configured with the appropriate oauth1 app permissions for "
    "this endpoint.",
    "https://api.twitter.com/2/problems/oauth1-permissions",
)
DUPLICATE = _problem(
    403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."
)
RATE_LIMITED = _problem(429, "Too Many Requests", "Too Many Requests")
SERVER_ERROR = _problem(503, "Service Unavailable", "Service Unavailable")


def _invalid(message: str, parameter: str, value: Any) -> tuple[int, dict[str, Any]]:
    return 400, {
        "errors": [{"parameters": {parameter: [str(value)]}, "message": message}],
        "title": "Invalid Request",
        "detail": "One or more parameters to your request was invalid.",
        "type": "https://api.twitter.com/2/problems/invalid-request",
    }


def _not_found(post_id: Any, parameter: str = "id") -> dict[str, Any]:
    return {
        "value": str(post_id),
        "detail": f"Could not find tweet with {parameter}: [{post_id}].",
        "title": "Not Found Error",
        "resource_type": "tweet",
        "parameter": parameter,
        "resource_id": str(post_id),
        "type": "https://api.twitter.com/2/problems/resource-not-found",
    }


def well_formed(text: str) -> str:
    """`text` as UTF-8 can hold it, as X's storage does: a lone surrogate becomes U+FFFD
    (two halves of a pair sent as separate escapes become the one character they make)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _weighted_length(text: str) -> int:
    from twitter_text import parse_tweet

    return int(parse_tweet(text).weightedLength)


def _invalid_character(text: str) -> str | None:
    """The first character twitter-text calls invalid (U+FFFE, U+FEFF, U+FFFF): X refuses
    a post holding one."""
    from twitter_text.regexp.invalid_chars import invalid_chars

    found = invalid_chars.search(text)
    return found.group() if found else None


def _int(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    ("GET", re.compile(r"^/2/users/me$"), "me"),
    ("POST", re.compile(r"^/2/tweets$"), "create"),
    ("DELETE", re.compile(r"^/2/tweets/(\d+)$"), "delete"),
    ("GET", re.compile(r"^/2/tweets$"), "lookup"),
    ("GET", re.compile(r"^/2/tweets/search/recent$"), "search"),
    ("GET", re.compile(r"^/2/tweets/(\d+)$"), "lookup_one"),
    ("POST", re.compile(r"^/2/users/([^/]+)/retweets$"), "retweet"),
    ("GET", re.compile(r"^/2/users/(\d+)/tweets$"), "timeline"),
    ("POST", re.compile(r"^/2/media/upload$"), "upload"),
    ("POST", re.compile(r"^/2/media/metadata$"), "metadata"),
]


class SandboxServer:
    """The drill platform on loopback. `start()` returns its URL; `stop()` ends it."""

    def __init__(
        self,
        accounts: Iterable[SandboxAccount],
        *,
        latency: float | tuple[float, float] = (0.0, 0.0),
        faults: FaultRates | None = None,
        suspended: Iterable[str] = frozenset(),
        read_only: Iterable[str] = frozenset(),
        audience: int = 0,
        flood: int = 0,
        seed: int | None = None,
        speed: float = 1.0,
        host: str = "127.0.0.1",
        port: int = 0,
        ambiguous_hold: float = 0.0,
        ratelimit_reset: float = 2.0,
        verbose: bool = False,
        clock: Callable[[], float] = time.time,
        platform_clock: Callable[[], float] = time.time,
    ) -> None:
        if host not in LOOPBACK:
            raise UsageInvalid(f"the sandbox listens on this machine only, not on {host!r}.")
        if audience < 0 or flood < 0:
            raise UsageInvalid("--audience and --flood must be zero or more.")
        if speed <= 0:
            raise UsageInvalid("--speed must be above zero.")
        low, high = (latency, latency) if isinstance(latency, int | float) else latency
        self.latency = (float(low), float(high))
        self.faults = faults or FaultRates()
        self.seed = seed if seed is not None else random.SystemRandom().randrange(10**9)
        self.store = Store(accounts, audience=audience, flood=flood, seed=self.seed, speed=speed)
        if not self.store.accounts:
            raise UsageInvalid("the sandbox needs at least one account (a sandbox agency).")
        self._suspended = {self._known(h, "--suspend") for h in suspended}
        self._read_only = {self._known(h, "read-only") for h in read_only}
        self.host = host
        self.port = port
        self.ambiguous_hold = ambiguous_hold
        self.ratelimit_reset = ratelimit_reset
        self.verbose = verbose
        # OAuth timestamps are judged on this clock (a test moves it instead of sleeping).
        self.replays = ReplayGuard(clock=clock)
        # The platform's own "now": what its posts' ages and the 7-day search window are
        # judged by. A test moves it a week on instead of waiting one; OAuth stays on `clock`.
        self.platform_clock = platform_clock
        self._rngs: dict[str, random.Random] = {}
        self._rng_lock = threading.Lock()
        self._http: HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()

    @classmethod
    def from_registry(cls, registry: Any, env: Mapping[str, str], **options: Any) -> SandboxServer:
        """One account per `sandbox` agency, with its credentials from `env`."""
        if options.get("seed") is None:
            options["seed"] = random.SystemRandom().randrange(10**9)
        accounts = accounts_from_registry(
            registry, env, audience=options.get("audience", 0), seed=options["seed"]
        )
        return cls(accounts, **options)

    # -- life -----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        if self._http is None:
            raise RuntimeError("the sandbox is not started")
        host, port = self._http.server_address[:2]
        return f"http://{host.decode() if isinstance(host, bytes) else host}:{port}"

    @property
    def accounts(self) -> list[SandboxAccount]:
        return list(self.store.accounts.values())

    def start(self) -> str:
        if self._http is None:
            self._stopped.clear()
            _weighted_length("warm up")  # its import takes half a second: not on a request
            log = (
                (lambda line: print(f"sandbox: {line}", file=sys.stderr)) if self.verbose else None
            )
            try:
                self._http = HTTPServer((self.host, self.port), self.handle, log=log)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    raise UsageInvalid(
                        f"port {self.port} on {self.host} is already in use (another sandbox "
                        "still running?); stop it, or choose another with --port N and set "
                        f"BROADCASTER_SANDBOX_URL=http://{self.host}:N for the other commands."
                    ) from None
                raise UsageInvalid(
                    f"cannot listen on {self.host}:{self.port} ({error.strerror}); "
                    "choose another --port."
                ) from None
            self._thread = threading.Thread(
                target=self._http.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="sandbox",
                daemon=True,
            )
            self._thread.start()
        return self.url

    def stop(self) -> None:
        self._stopped.set()
        http, self._http = self._http, None
        if http is None:
            return
        http.shutdown()
        http.server_close()
        http.close_connections()
        if self._thread:
            self._thread.join(timeout=5)

    def serve_forever(self) -> None:
        """Block until stop() is called (from a signal handler, say), starting if needed."""
        if self._http is None and not self._stopped.is_set():
            self.start()
        while not self._stopped.wait(0.5):
            pass
        self.stop()

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- controls for tests and drills ----------------------------------------------------

    def _known(self, handle: str, what: str) -> str:
        account = self.store.account_by_handle(handle)
        if account is None:
            handles = ", ".join(sorted(a.handle for a in self.store.accounts.values()))
            raise UsageInvalid(f"{what} {handle}: no sandbox account has that handle ({handles}).")
        return account.user_id

    def suspend(self, handle: str, suspended: bool = True) -> None:
        uid = self._known(handle, "suspend")
        (self._suspended.add if suspended else self._suspended.discard)(uid)

    def is_suspended(self, account: SandboxAccount) -> bool:
        return account.user_id in self._suspended

    def is_read_only(self, account: SandboxAccount) -> bool:
        return account.user_id in self._read_only

    def now(self) -> float:
        """The platform's clock (the real one unless a test moved it)."""
        return self.platform_clock()

    def arrival(self, request: Request) -> float:
        """When the request arrived, on the platform's clock (the kernel's stamp, shifted by
        as much as a test moved the clock)."""
        if self.platform_clock is time.time:
            return request.arrived
        return request.arrived + (self.platform_clock() - time.time())

    def posts(self, *, include_public: bool = False) -> list[dict[str, Any]]:
        """What GET /_sandbox/posts returns: the accounts' posts (and the public's, if asked)."""
        now = self.now()
        with self.store.lock:
            self.store.materialize(None, now)
            return [
                self.store.public_view(post)
                for post in self.store.posts.values()
                if include_public or post.author_id in self.store.accounts
            ]

    def replies(self, conversation_id: str | None = None) -> list[dict[str, Any]]:
        """The public's replies held so far, with what each really is (`label`)."""
        now = self.now()
        store = self.store
        with store.lock:
            cid = _int(conversation_id) if conversation_id else None
            store.materialize(cid, now)
            ids: Iterable[int] = (
                store.threads.get(cid, [])
                if cid is not None
                else (i for thread in store.threads.values() for i in thread)
            )
            out = []
            for post_id in ids:
                post = store.posts[post_id]
                view = store.public_view(post)
                view["label"] = post.label
                view["has_media"] = post.has_media
                out.append(view)
            return out

    def add_reply(self, in_reply_to: str, author: str, text: str) -> dict[str, Any]:
        """A reply as if a member of the public wrote it (POST /_sandbox/replies)."""
        handle = author if author.startswith("@") else "@" + author
        if not re.match(r"^@[A-Za-z0-9_]{1,15}$", handle):
            raise ValueError(f"author {author!r} is not a handle like @someone")
        text = well_formed(text)
        if not text:
            raise ValueError("text is empty")
        parent_id = _int(in_reply_to)
        now = self.now()
        store = self.store
        with store.lock:
            parent = store.posts.get(parent_id) if parent_id else None
            if parent is None or parent.deleted:
                raise LookupError(f"no post {in_reply_to}")
            store.materialize(parent.conversation_id, now)
            user = next(
                (u for u in store.users.values() if u.username.lower() == handle[1:].lower()),
                None,
            )
            if user is None:
                uid = str(
                    10**15
                    + (int(hashlib.sha256(handle.lower().encode()).hexdigest(), 16) % (9 * 10**15))
                )
                user = User(
                    id=uid, username=handle[1:], name=handle[1:], created_at=now - 900 * 86400
                )
                store.users[uid] = user
            post = store.add_post(user.id, text, now, in_reply_to=parent.id)
            return store.public_view(post)

    # -- request handling -----------------------------------------------------------------

    def handle(self, request: Request) -> Reply | Drop:
        """One HTTP request: control pages, or the X API with auth, faults and latency."""
        if request.path.startswith("/_sandbox/") or not request.path.startswith("/2/"):
            return self.control(request.method, request.path, request.query, request.body)
        host = request.headers.get("Host") or f"{self.host}:{self.port}"
        outcome = self.authenticate(request.method, f"http://{host}{request.target}", request)
        account = outcome.account
        if account is None:
            return Reply(401, _unauthorized(*(outcome.refusal or (32, "Unauthorized"))))
        decision, latency = self.decide(account)
        if self.is_suspended(account):
            reply = Reply(403, SUSPENDED)
        elif decision == "error":
            reply = Reply(503, SERVER_ERROR)
        elif decision == "ratelimit":
            reset = int(time.time() + self.ratelimit_reset) + 1
            reply = Reply(
                429,
                RATE_LIMITED,
                {
                    "x-rate-limit-limit": "300",
                    "x-rate-limit-remaining": "0",
                    "x-rate-limit-reset": str(reset),
                },
            )
        else:
            reply = self.api(account, request)
        # The answer leaves `latency` after the request arrived (its work included), as a
        # remote platform's would; created_at stays the arrival.
        delay = request.arrived + latency - time.time()
        if delay > 0:
            time.sleep(delay)
        if decision == "ambiguous":
            return Drop(self.ambiguous_hold)
        reply.headers.setdefault(
            "x-access-level", "read" if self.is_read_only(account) else "read-write"
        )
        return reply

    def authenticate(self, method: str, uri: str, request: Request) -> Outcome[SandboxAccount]:
        headers = request.headers
        form: list[tuple[str, str]] | None = None
        if "application/x-www-form-urlencoded" in (headers.get("Content-Type") or ""):
            form = parse_qsl(request.body.decode("utf-8", "replace"), keep_blank_values=True)

        def lookup(key: str, token: str) -> tuple[SandboxAccount, str, str] | None:
            account = self.store.by_keys.get((key, token))
            return (account, account.api_secret, account.access_secret) if account else None

        return authenticate(
            method, uri, headers.get("Authorization"), form, lookup, guard=self.replays
        )

    def _rng(self, account: SandboxAccount) -> random.Random:
        rng = self._rngs.get(account.user_id)
        if rng is None:
            rng = self._rngs[account.user_id] = random.Random(
                f"{self.seed}/requests/{account.handle.lower()}"
            )
        return rng

    def decide(self, account: SandboxAccount) -> tuple[str, float]:
        """This request's fate (ok, error, ratelimit, ambiguous) and its latency.

        Each account draws from its own seeded stream, so a launch where every agency
        sends its own requests sees the same faults run after run, whatever the threads do.
        """
        with self._rng_lock:
            rng = self._rng(account)
            roll = rng.random()
            low, high = self.latency
            latency = rng.uniform(low, high) if high > low else low
        faults = self.faults
        if roll < faults.error:
            return "error", latency
        if roll < faults.error + faults.ratelimit:
            return "ratelimit", latency
        if roll < faults.error + faults.ratelimit + faults.ambiguous:
            return "ambiguous", latency
        return "ok", latency

    def api(self, account: SandboxAccount, request: Request) -> Reply:
        for verb, pattern, name in ROUTES:
            match = pattern.match(request.path)
            if match and verb == request.method:
                params = {
                    k: v[-1] for k, v in parse_qs(request.query, keep_blank_values=True).items()
                }
                action = getattr(self, f"_api_{name}")
                result: Reply = action(account, params, request.body, request, *match.groups())
                return result
        return Reply(
            404,
            _problem(
                404, "Not Found", f"No route for {request.method} {request.path} in the sandbox."
            ),
        )

    # Each _api_* runs with the account authenticated; they mirror X API v2's answers.

    def _tweet_view(
        self, post: Post, fields: set[str], viewer: SandboxAccount, now: float
    ) -> dict[str, Any]:
        view: dict[str, Any] = {
            "id": str(post.id),
            "text": post.text,
            "edit_history_tweet_ids": [str(post.id)],
        }
        if "created_at" in fields:
            view["created_at"] = x_time(post.created_at)
        if "author_id" in fields:
            view["author_id"] = post.author_id
        if "conversation_id" in fields:
            view["conversation_id"] = str(post.conversation_id)
        refs = []
        if post.in_reply_to:
            refs.append({"type": "replied_to", "id": str(post.in_reply_to)})
        if post.quote_of:
            refs.append({"type": "quoted", "id": str(post.quote_of)})
        if post.repost_of:
            refs.append({"type": "retweeted", "id": str(post.repost_of)})
        if "referenced_tweets" in fields and refs:
            view["referenced_tweets"] = refs
        if "in_reply_to_user_id" in fields and post.in_reply_to:
            parent = self.store.posts.get(post.in_reply_to)
            if parent:
                view["in_reply_to_user_id"] = parent.author_id
        if "attachments" in fields and post.has_media:
            keys = [f"3_{m}" for m in post.media_ids] or [f"3_{post.id + 1}"]
            view["attachments"] = {"media_keys": keys}
        if "public_metrics" in fields or "non_public_metrics" in fields:
            metrics = self.store.metrics(post, now)
            if "public_metrics" in fields:
                view["public_metrics"] = metrics
            if "non_public_metrics" in fields:
                view["non_public_metrics"] = {
                    "impression_count": metrics["impression_count"],
                    "url_link_clicks": metrics["like_count"] // 3,
                    "user_profile_clicks": metrics["like_count"] // 5,
                }
        return view

    def _user_view(self, user: User, fields: set[str]) -> dict[str, Any]:
        view: dict[str, Any] = {"id": user.id, "name": user.name, "username": user.username}
        if "created_at" in fields:
            view["created_at"] = x_time(user.created_at)
        if "public_metrics" in fields:
            view["public_metrics"] = {
                "followers_count": user.followers,
                "following_count": 120,
                "tweet_count": len(self.store.timelines.get(user.id, [])),
                "listed_count": 3,
            }
        return view

    def _api_me(self, account: SandboxAccount, params: dict[str, str], *_: Any) -> Reply:
        fields = set(params.get("user.fields", "").split(","))
        with self.store.lock:
            user = self.store.users[account.user_id]
            return Reply(200, {"data": self._user_view(user, fields)})

    def _api_create(
        self, account: SandboxAccount, params: dict[str, str], body: bytes, request: Request
    ) -> Reply:
        if self.is_read_only(account):
            return Reply(403, READ_ONLY)
        try:
            payload = json.loads(body or b"{}")
            if not isinstance(payload, dict):
                raise ValueError
        except ValueError:
            return Reply(400, _problem(400, "Invalid Request", "The body is not a JSON object."))
        text = payload.get("text") or ""
        if isinstance(text, str):
            text = well_formed(text)
        media_ids = tuple(str(m) for m in (payload.get("media") or {}).get("media_ids") or ())
        quote_of = _int(payload.get("quote_tweet_id"))
        reply_to = _int((payload.get("reply") or {}).get("in_reply_to_tweet_id"))
        if not isinstance(text, str) or (not text and not media_ids):
            return Reply(*_invalid("Post text or media is required.", "text", text))
        if text and _weighted_length(text) > 280:
            return Reply(*_invalid("Your Tweet text is too long.", "text", text))
        bad = _invalid_character(text) if text else None
        if bad is not None:
            return Reply(
                *_invalid(
                    f"Your Tweet text holds an invalid character (U+{ord(bad):04X}).",
                    "text",
                    text,
                )
            )
        if len(media_ids) > 4:
            return Reply(*_invalid("At most 4 media per post.", "media.media_ids", media_ids))
        with self.store.lock:
            for media_id in media_ids:
                media = self.store.media.get(media_id)
                if media is None or media.owner_id != account.user_id:
                    return Reply(
                        *_invalid("Your media IDs are invalid.", "media.media_ids", media_id)
                    )
            for ref, name in (
                (quote_of, "quote_tweet_id"),
                (reply_to, "reply.in_reply_to_tweet_id"),
            ):
                if ref is not None:
                    target = self.store.posts.get(ref)
                    if target is None or target.deleted:
                        return Reply(
                            *_invalid(
                                "The Tweet you are referencing has been deleted or is not visible "
                                "to you.",
                                name,
                                ref,
                            )
                        )
            if text and self.store.find_duplicate(account.user_id, text):
                return Reply(403, DUPLICATE)
            post = self.store.add_post(
                account.user_id,
                text,
                self.arrival(request),
                media_ids=media_ids,
                quote_of=quote_of,
                in_reply_to=reply_to,
            )
        return Reply(
            201,
            {"data": {"id": str(post.id), "text": text, "edit_history_tweet_ids": [str(post.id)]}},
        )

    def _api_delete(
        self,
        account: SandboxAccount,
        params: dict[str, str],
        body: bytes,
        request: Request,
        post_id: str,
    ) -> Reply:
        if self.is_read_only(account):
            return Reply(403, READ_ONLY)
        with self.store.lock:
            post = self.store.posts.get(int(post_id))
            if post is None or post.deleted:
                return Reply(
                    404,
                    {
                        "errors": [_not_found(post_id)],
                        "title": "Not Found Error",
                        "detail": f"Could not find tweet with id: [{post_id}].",
                        "type": "https://api.twitter.com/2/problems/resource-not-found",
                    },
                )
            if post.author_id != account.user_id:
                return Reply(
                    403, _problem(403, "Forbidden", "You are not allowed to delete this Tweet.")
                )
            self.store.delete_post(post)
        return Reply(200, {"data": {"deleted": True}})

    def _api_retweet(
        self,
        account: SandboxAccount,
        params: dict[str, str],
        body: bytes,
        request: Request,
        user_id: str,
    ) -> Reply:
        if self.is_read_only(account):
            return Reply(403, READ_ONLY)
        prefix = account.access_token.partition("-")[0]
        if user_id not in (account.user_id, prefix):
            return Reply(
                403, _problem(403, "Forbidden", "You are not permitted to perform this action.")
            )
        try:
            target_id = _int(json.loads(body or b"{}").get("tweet_id"))
        except (ValueError, AttributeError):
            target_id = None
        with self.store.lock:
            target = self.store.posts.get(target_id) if target_id else None
            if target is None or target.deleted:
                return Reply(
                    *_invalid("The Tweet to retweet does not exist.", "tweet_id", target_id)
                )
            already = any(
                self.store.posts[i].repost_of == target.id and not self.store.posts[i].deleted
                for i in self.store.timelines.get(account.user_id, [])[-500:]
            )
            if not already:
                author = self.store.users.get(target.author_id)
                name = author.username if author else target.author_id
                self.store.add_post(
                    account.user_id,
                    f"RT @{name}: {target.text}"[:280],
                    self.arrival(request),
                    repost_of=target.id,
                )
        return Reply(200, {"data": {"retweeted": True}})

    def _lookup(
        self, account: SandboxAccount, ids: list[str], params: dict[str, str]
    ) -> dict[str, Any]:
        fields = set(params.get("tweet.fields", "").split(","))
        now = self.now()
        data, errors = [], []
        with self.store.lock:
            for raw in ids:
                post = self.store.posts.get(_int(raw) or -1)
                if post is None or post.deleted:
                    errors.append(_not_found(raw, "ids"))
                    continue
                if "non_public_metrics" in fields and post.author_id != account.user_id:
                    errors.append(
                        {
                            "value": raw,
                            "detail": "Sorry, you are not authorized to access "
                            f"'non_public_metrics' on the Tweet with ids: [{raw}].",
                            "title": "Field Authorization Error",
                            "resource_type": "tweet",
                            "field": "non_public_metrics",
                            "parameter": "ids",
                            "resource_id": raw,
                            "section": "data",
                            "type": "https://api.twitter.com/2/problems/not-authorized-for-field",
                        }
                    )
                    continue
                self.store.materialize(post.conversation_id, now)
                data.append(self._tweet_view(post, fields, account, now))
        out: dict[str, Any] = {}
        if data:
            out["data"] = data
        if errors:
            out["errors"] = errors
        return out

    def _api_lookup(self, account: SandboxAccount, params: dict[str, str], *_: Any) -> Reply:
        ids = [i for i in params.get("ids", "").split(",") if i]
        if not 1 <= len(ids) <= 100:
            return Reply(*_invalid("ids must hold 1 to 100 ids.", "ids", params.get("ids")))
        return Reply(200, self._lookup(account, ids, params))

    def _api_lookup_one(
        self,
        account: SandboxAccount,
        params: dict[str, str],
        body: bytes,
        request: Request,
        post_id: str,
    ) -> Reply:
        found = self._lookup(account, [post_id], params)
        if "data" in found:
            return Reply(200, {"data": found["data"][0]})
        return Reply(200, found)

    def _api_search(self, account: SandboxAccount, params: dict[str, str], *_: Any) -> Reply:
        query = params.get("query", "").strip()
        match = re.fullmatch(r"conversation_id:(\d+)", query)
        if not match:
            return Reply(
                *_invalid("The sandbox searches by conversation_id:ID only.", "query", query)
            )
        limit = _int(params.get("max_results", "10")) or 10
        if not 10 <= limit <= 100:
            return Reply(*_invalid("max_results must be between 10 and 100.", "max_results", limit))
        token = params.get("next_token")
        until = _int(params.get("until_id"))
        if token:
            try:
                until = int(token.removeprefix("b"), 36)
            except ValueError:
                return Reply(*_invalid("The next_token is invalid.", "next_token", token))
        since = _int(params.get("since_id"))
        tweet_fields = set(params.get("tweet.fields", "").split(","))
        user_fields = set(params.get("user.fields", "").split(","))
        expansions = set(params.get("expansions", "").split(","))
        conversation = int(match.group(1))
        now = self.now()
        floor = self._search_floor(params, since, now)
        if isinstance(floor, Reply):
            return floor
        since = max(since or 0, floor - 1) or None  # nothing older than the window
        with self.store.lock:
            self.store.materialize(conversation, now)
            page, next_until = self.store.thread_page(
                conversation, since_id=since, until_id=until, limit=limit
            )
            data = [self._tweet_view(p, tweet_fields | {"author_id"}, account, now) for p in page]
            includes: dict[str, Any] = {}
            if "author_id" in expansions and page:
                seen: dict[str, dict[str, Any]] = {}
                for post in page:
                    user = self.store.users.get(post.author_id)
                    if user and user.id not in seen:
                        seen[user.id] = self._user_view(user, user_fields)
                includes["users"] = list(seen.values())
            if "attachments.media_keys" in expansions:
                media = [
                    {"media_key": key, "type": "photo"}
                    for view in data
                    for key in view.get("attachments", {}).get("media_keys", [])
                ]
                if media:
                    includes["media"] = media
        meta: dict[str, Any] = {"result_count": len(data)}
        if data:
            meta["newest_id"] = data[0]["id"]
            meta["oldest_id"] = data[-1]["id"]
        if next_until:
            meta["next_token"] = "b" + _base36(next_until)
        out: dict[str, Any] = {"meta": meta}
        if data:
            out["data"] = data
        if includes:
            out["includes"] = includes
        return Reply(200, out)

    def _search_floor(self, params: dict[str, str], since: int | None, now: float) -> int | Reply:
        """The smallest post id recent search may return (7 days back, or `start_time`
        when later), or X's 400 for a since_id or start_time older than the window."""
        oldest = now - RECENT_SEARCH_DAYS * DAY
        floor = id_floor(oldest)
        stamp = x_time(oldest)[:16] + "Z"  # X names the bound to the minute
        if since is not None and since < floor:
            return Reply(
                *_invalid(
                    f"'since_id' must be a tweet id created after {stamp}. Please use a "
                    f"'since_id' that is larger than {floor}",
                    "since_id",
                    since,
                )
            )
        start = params.get("start_time")
        if start:
            try:
                parsed = datetime.fromisoformat(start.replace("Z", "+00:00"))
                if parsed.tzinfo is None:
                    raise ValueError(start)
            except ValueError:
                return Reply(
                    *_invalid(
                        f"Invalid 'start_time':'{start}'. 'start_time' must be a "
                        "YYYY-MM-DDTHH:mm:ssZ date.",
                        "start_time",
                        start,
                    )
                )
            if parsed.timestamp() < oldest:
                return Reply(
                    *_invalid(
                        f"Invalid 'start_time':'{start}'. 'start_time' must be on or after {stamp}",
                        "start_time",
                        start,
                    )
                )
            floor = max(floor, id_floor(parsed.timestamp()))
        return floor

    def _api_timeline(
        self,
        account: SandboxAccount,
        params: dict[str, str],
        body: bytes,
        request: Request,
        user_id: str,
    ) -> Reply:
        limit = _int(params.get("max_results", "10")) or 10
        if not 5 <= limit <= 100:
            return Reply(*_invalid("max_results must be between 5 and 100.", "max_results", limit))
        fields = set(params.get("tweet.fields", "").split(","))
        exclude = set(params.get("exclude", "").split(","))
        token = params.get("pagination_token")
        until = _int(params.get("until_id"))
        if token:
            try:
                until = int(token.removeprefix("t"), 36)
            except ValueError:
                return Reply(
                    *_invalid("The pagination_token is invalid.", "pagination_token", token)
                )
        since = _int(params.get("since_id"))
        now = self.now()
        with self.store.lock:
            if user_id not in self.store.users:
                return Reply(
                    200,
                    {
                        "errors": [
                            {
                                "detail": f"Could not find user with id: [{user_id}].",
                                "title": "Not Found Error",
                                "type": "https://api.twitter.com/2/problems/resource-not-found",
                            }
                        ]
                    },
                )
            ids = self.store.timelines.get(user_id, [])
            page: list[Post] = []
            more = False
            for post_id in reversed(ids):
                if until is not None and post_id >= until:
                    continue
                if since is not None and post_id <= since:
                    break
                post = self.store.posts[post_id]
                if post.deleted:
                    continue
                if ("retweets" in exclude and post.repost_of) or (
                    "replies" in exclude and post.in_reply_to
                ):
                    continue
                if len(page) == limit:
                    more = True
                    break
                page.append(post)
            data = [self._tweet_view(p, fields, account, now) for p in page]
        meta: dict[str, Any] = {"result_count": len(data)}
        if data:
            meta["newest_id"] = data[0]["id"]
            meta["oldest_id"] = data[-1]["id"]
        if more and page:
            meta["next_token"] = "t" + _base36(page[-1].id)
        out: dict[str, Any] = {"meta": meta}
        if data:
            out["data"] = data
        return Reply(200, out)

    def _api_upload(
        self, account: SandboxAccount, params: dict[str, str], body: bytes, request: Request
    ) -> Reply:
        if self.is_read_only(account):
            return Reply(403, READ_ONLY)
        content_type = request.headers.get("Content-Type") or ""
        fields: dict[str, bytes] = {}
        if content_type.startswith("multipart/form-data"):
            message = message_from_bytes(
                b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
            )
            for part in message.walk():
                name = part.get_param("name", header="content-disposition")
                if isinstance(name, str):
                    payload = part.get_payload(decode=True)
                    fields[name] = payload if isinstance(payload, bytes) else b""
        elif content_type.startswith("application/json"):
            try:
                payload = json.loads(body)
                fields = {k: str(v).encode() for k, v in payload.items()}
                fields["media"] = base64.b64decode(fields.get("media", b""), validate=True)
            except (ValueError, AttributeError):
                return Reply(*_invalid("The media is not valid base64.", "media", ""))
        data = fields.get("media", b"")
        if not data:
            return Reply(*_invalid("The media field is required.", "media", ""))
        category = fields.get("media_category", b"").decode("utf-8", "replace")
        if category not in MEDIA_CATEGORIES:
            return Reply(
                *_invalid(
                    f"media_category must be one of [{', '.join(MEDIA_CATEGORIES)}].",
                    "media_category",
                    category,
                )
            )
        declared = fields.get("media_type")
        if declared is not None and declared.decode("utf-8", "replace") not in MEDIA_TYPES:
            return Reply(
                *_invalid(
                    f"media_type must be one of [{', '.join(MEDIA_TYPES)}].",
                    "media_type",
                    declared.decode("utf-8", "replace"),
                )
            )
        if len(data) > MAX_PHOTO:
            return Reply(*_invalid("The photo is larger than 5 MB.", "media", len(data)))
        try:
            from PIL import Image

            with Image.open(io.BytesIO(data)) as image:
                kind, width, height = image.format or "", image.width, image.height
        except Exception:
            kind, width, height = "", 0, 0
        if kind == "GIF":
            return Reply(
                *_invalid(
                    "GIF is not supported by this endpoint; upload a GIF with the chunked "
                    "upload and media_category tweet_gif.",
                    "media",
                    "image/gif",
                )
            )
        if kind not in PHOTO_TYPES:
            return Reply(*_invalid("The media is not a photo X accepts.", "media", kind or "?"))
        now = self.arrival(request)
        with self.store.lock:
            media_id = str(self.store.next_id(now))
            self.store.media[media_id] = Media(
                id=media_id,
                owner_id=account.user_id,
                mime_type=PHOTO_TYPES[kind],
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                width=width,
                height=height,
            )
        return Reply(
            200,
            {
                "data": {
                    "id": media_id,
                    "media_key": f"3_{media_id}",
                    "size": len(data),
                    "expires_after_secs": 86400,
                    "image": {"image_type": PHOTO_TYPES[kind], "w": width, "h": height},
                }
            },
        )

    def _api_metadata(
        self, account: SandboxAccount, params: dict[str, str], body: bytes, request: Request
    ) -> Reply:
        try:
            payload = json.loads(body or b"{}")
            media_id = str(payload["id"])
            alt = payload.get("metadata", {}).get("alt_text", {}).get("text")
        except (ValueError, KeyError, AttributeError, TypeError):
            return Reply(*_invalid("id and metadata are required.", "id", ""))
        if alt is not None and (not isinstance(alt, str) or len(alt) > 1000):
            return Reply(*_invalid("Alt text is at most 1000 characters.", "metadata.alt_text", ""))
        alt = well_formed(alt) if alt is not None else None
        with self.store.lock:
            media = self.store.media.get(media_id)
            if media is None or media.owner_id != account.user_id:
                return Reply(*_invalid("Your media ID is invalid.", "id", media_id))
            media.alt_text = alt
        return Reply(
            200, {"data": {"id": media_id, "associated_metadata": {"alt_text": {"text": alt}}}}
        )

    # -- /_sandbox/ and the web pages -----------------------------------------------------

    def control(self, method: str, path: str, query: str, body: bytes) -> Reply:
        params = {k: v[-1] for k, v in parse_qs(query).items()}
        if method == "GET" and path == "/_sandbox/posts":
            posts = self.posts(include_public=params.get("all") in ("1", "true"))
            author = params.get("author")
            if author:
                wanted = author.lower() if author.startswith("@") else "@" + author.lower()
                posts = [p for p in posts if p["author"].lower() == wanted]
            return Reply(200, posts)
        if method == "GET" and path == "/_sandbox/replies":
            return Reply(200, self.replies(params.get("conversation_id")))
        if method == "POST" and path == "/_sandbox/replies":
            try:
                payload = json.loads(body or b"{}")
                reply = self.add_reply(
                    str(payload["in_reply_to"]), str(payload["author"]), str(payload["text"])
                )
            except (ValueError, KeyError, TypeError) as error:
                return Reply(400, {"error": f"give in_reply_to, author and text ({error})"})
            except LookupError as error:
                return Reply(404, {"error": str(error)})
            return Reply(201, reply)
        if method == "GET" and path == "/_sandbox/media":
            with self.store.lock:
                media = [
                    {
                        "id": m.id,
                        "owner": "@" + self.store.users[m.owner_id].username,
                        "mime_type": m.mime_type,
                        "size": m.size,
                        "sha256": m.sha256,
                        "width": m.width,
                        "height": m.height,
                        "alt_text": m.alt_text,
                    }
                    for m in self.store.media.values()
                ]
            return Reply(200, media)
        if method == "GET" and path == "/_sandbox/health":
            return Reply(200, {"ok": True, "accounts": len(self.store.accounts), "seed": self.seed})
        status = re.fullmatch(r"/([A-Za-z0-9_]{1,15})/status/(\d+)", path)
        if method == "GET" and status:
            return self._status_page(status.group(1), int(status.group(2)))
        if method == "GET" and path == "/":
            return self._index_page()
        return Reply(
            404, _problem(404, "Not Found", f"No route for {method} {path} in the sandbox.")
        )

    def _status_page(self, username: str, post_id: int) -> Reply:
        with self.store.lock:
            post = self.store.posts.get(post_id)
            user = self.store.users.get(post.author_id) if post else None
            if post is None or user is None or user.username.lower() != username.lower():
                return Reply(404, "<!doctype html><title>Not found</title><p>No such post.</p>")
            state = " (deleted)" if post.deleted else ""
            page = (
                "<!doctype html><meta charset='utf-8'>"
                f"<title>@{html.escape(user.username)} on the sandbox</title>"
                f"<p><b>{html.escape(user.name)}</b> @{html.escape(user.username)}{state}</p>"
                f"<p style='white-space:pre-wrap'>{html.escape(post.text)}</p>"
                f"<p><small>{iso(post.created_at)}</small></p>"
            )
        return Reply(200, page)

    def _index_page(self) -> Reply:
        with self.store.lock:
            rows = "".join(
                f"<li>@{html.escape(a.handle.lstrip('@'))} — {html.escape(a.name)}</li>"
                for a in self.store.accounts.values()
            )
        return Reply(
            200,
            "<!doctype html><meta charset='utf-8'><title>broadcaster sandbox</title>"
            f"<h1>broadcaster sandbox</h1><ul>{rows}</ul>"
            "<p><a href='/_sandbox/posts'>/_sandbox/posts</a></p>",
        )


def _log(line: str) -> None:
    print(f"sandbox: {line}", file=sys.stderr, flush=True)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out or "0"


def accounts_from_registry(
    registry: Any,
    env: Mapping[str, str],
    *,
    audience: int = 0,
    seed: int | None = None,
) -> list[SandboxAccount]:
    """An account for each `sandbox` account of every agency; MissingCredentials names unset
    variables."""
    accounts = []
    for agency in (account for each in registry for account in each.each_account()):
        if agency.platform != "sandbox":
            continue
        credentials = agency.credentials_from(env)
        rng = random.Random(f"{seed}/followers/{agency.handle.lower()}")
        followers = int(audience * rng.uniform(0.3, 1.0)) if audience else rng.randint(2000, 90000)
        city = agency.timezone.rsplit("/", 1)[-1].replace("_", " ")
        accounts.append(
            SandboxAccount(
                handle=agency.handle,
                name=agency.name,
                api_key=credentials.api_key,
                api_secret=credentials.api_secret,
                access_token=credentials.access_token,
                access_secret=credentials.access_secret,
                language=agency.language,
                city=city,
                tip_line=agency.tip_line,
                followers=followers,
            )
        )
    if not accounts:
        raise UsageInvalid(
            f'{registry.path}: no agency has platform = "sandbox"; the sandbox serves those only.'
        )
    return accounts
