"""The Mastodon client API the drill serves: the subset broadcaster's adapter (Mastodon.py)
uses, answering as Mastodon 4.3 does, errors included (`{"error": "..."}` bodies).

A status's `created_at` is the instant its request's first bytes reached the socket (the
kernel's stamp, see http.py), not when a handler got round to it: a launch's spread then
measures the client's firing. The store's lock is held only to read or change the state;
the simulated latency is slept after it is let go, so a hundred statuses arriving at once
are served side by side and each answer leaves `latency` after its request arrived.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email import message_from_bytes
from typing import Any
from urllib.parse import parse_qsl, urlencode

from broadcaster.sandbox.http import Reply, Request
from broadcaster.sandbox.mastodon_store import (
    IMAGE_MATRIX_LIMIT,
    IMAGE_SIZE_LIMIT,
    IMAGE_TYPES,
    MAX_CHARACTERS,
    MAX_DESCRIPTION,
    MAX_MEDIA,
    URL_WEIGHT,
    Account,
    MastodonStore,
    Media,
    Status,
    iso,
    text_length,
)

VERSION = "4.3.0"
TITLE = "broadcaster's Mastodon drill"
VISIBILITIES = ("public", "unlisted", "private", "direct")
_TRUE = ("1", "true", "t", "on", "yes")

INVALID_TOKEN = "The access token is invalid"
DISABLED = "Your login is currently disabled"  # what Mastodon says to a suspended account
NOT_FOUND = "Record not found"
NOT_ALLOWED = "This action is not allowed"


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, {"error": message}, headers or {})


@dataclass
class Fault:
    """One answer a test asks for: `status` instead of the real one (nothing is done),
    and/or `delay` seconds more before the answer (the request is carried out on time)."""

    method: str
    path: str
    status: int | None = None
    delay: float = 0.0
    count: int | None = None  # how many requests it applies to; None: all


@dataclass
class Form:
    """A request's parameters, however sent (query, urlencoded, JSON, multipart)."""

    values: dict[str, list[str]]
    files: dict[str, bytes]

    def get(self, name: str) -> str | None:
        found = self.values.get(name) or self.values.get(name + "[]")
        return found[-1] if found else None

    def many(self, name: str) -> list[str]:
        return self.values.get(name + "[]") or self.values.get(name) or []

    def flag(self, name: str) -> bool:
        return (self.get(name) or "").strip().lower() in _TRUE


def read_form(request: Request) -> Form:
    values: dict[str, list[str]] = {}
    files: dict[str, bytes] = {}
    for name, value in parse_qsl(request.query, keep_blank_values=True):
        values.setdefault(name, []).append(value)
    kind = (request.headers.get("Content-Type") or "").lower()
    if kind.startswith("application/x-www-form-urlencoded"):
        for name, value in parse_qsl(request.body.decode("utf-8", "replace"), True):
            values.setdefault(name, []).append(value)
    elif kind.startswith("application/json") and request.body:
        try:
            payload = json.loads(request.body)
        except ValueError:
            payload = None
        for name, value in (payload if isinstance(payload, dict) else {}).items():
            items = value if isinstance(value, list) else [value]
            values[name] = [
                ("true" if v else "false") if isinstance(v, bool) else str(v)
                for v in items
                if v is not None
            ]
    elif kind.startswith("multipart/form-data"):
        header = request.headers.get("Content-Type") or ""
        message = message_from_bytes(
            b"Content-Type: " + header.encode() + b"\r\n\r\n" + request.body
        )
        for part in message.walk():
            field_name = part.get_param("name", header="content-disposition")
            if not isinstance(field_name, str):
                continue
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            if part.get_filename() is not None:
                files[field_name] = data
            else:
                values.setdefault(field_name, []).append(data.decode("utf-8", "replace"))
    return Form(values, files)


# (method, path pattern, handler, needs a signed-in, functional account)
ROUTES: list[tuple[str, re.Pattern[str], str, bool]] = [
    ("GET", re.compile(r"^/api/v1/instance/?$"), "instance_v1", False),
    ("GET", re.compile(r"^/api/v2/instance/?$"), "instance_v2", False),
    ("GET", re.compile(r"^/api/v1/accounts/verify_credentials$"), "verify", True),
    ("GET", re.compile(r"^/api/v1/accounts/lookup$"), "lookup", False),
    ("GET", re.compile(r"^/api/v1/accounts/(\d+)$"), "account", False),
    ("GET", re.compile(r"^/api/v1/accounts/(\d+)/statuses$"), "account_statuses", False),
    ("POST", re.compile(r"^/api/v1/statuses$"), "create", True),
    ("GET", re.compile(r"^/api/v1/statuses$"), "statuses", False),
    ("GET", re.compile(r"^/api/v1/statuses/(\d+)$"), "status", False),
    ("DELETE", re.compile(r"^/api/v1/statuses/(\d+)$"), "delete", True),
    ("GET", re.compile(r"^/api/v1/statuses/(\d+)/context$"), "context", False),
    ("POST", re.compile(r"^/api/v1/statuses/(\d+)/(favourite|unfavourite)$"), "favourite", True),
    ("POST", re.compile(r"^/api/v1/statuses/(\d+)/(reblog|unreblog)$"), "reblog", True),
    ("POST", re.compile(r"^/api/v([12])/media$"), "upload", True),
    ("GET", re.compile(r"^/api/v1/media/(\d+)$"), "media", True),
    ("PUT", re.compile(r"^/api/v1/media/(\d+)$"), "media_update", True),
]


class MastodonApi:
    """Answers one request at a time, on any number of threads at once."""

    def __init__(
        self,
        store: MastodonStore,
        *,
        latency: tuple[float, float] = (0.0, 0.0),
        rate_limit: tuple[int, int] | None = None,
        media_delay: float = 0.0,
        max_characters: int = MAX_CHARACTERS,
        image_size_limit: int = IMAGE_SIZE_LIMIT,
        image_matrix_limit: int = IMAGE_MATRIX_LIMIT,
        seed: int | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.latency = latency
        self.rate_limit = rate_limit
        self.media_delay = media_delay
        self.max_characters = max_characters
        self.image_size_limit = image_size_limit
        self.image_matrix_limit = image_matrix_limit
        self.seed = seed if seed is not None else random.SystemRandom().randrange(10**9)
        self.clock = clock
        self.faults: list[Fault] = []
        self._windows: dict[str, tuple[float, int]] = {}  # token → (window start, requests)
        self._rngs: dict[str, random.Random] = {}
        self._side_lock = threading.Lock()  # faults, rate windows, latency draws

    # -- the way in ------------------------------------------------------------------------

    def handle(self, request: Request) -> Reply:
        fault = self._fault(request)
        token = _bearer(request.headers.get("Authorization"))
        account = self.store.by_token.get(token) if token else None
        if token and account is None:
            reply = _error(
                401,
                INVALID_TOKEN,
                {
                    "WWW-Authenticate": 'Bearer realm="Doorkeeper", error="invalid_token", '
                    f'error_description="{INVALID_TOKEN}"'
                },
            )
        else:
            reply = self._answer(request, account, token, fault)
        delay = request.arrived + self._latency(account) + (fault.delay if fault else 0.0)
        wait = delay - time.time()
        if wait > 0:
            time.sleep(wait)
        return reply

    def _answer(
        self, request: Request, account: Account | None, token: str | None, fault: Fault | None
    ) -> Reply:
        limits: dict[str, str] = {}
        if token and self.rate_limit is not None:
            allowed, limits = self._count(token)
            if not allowed:
                return _error(429, "Too many requests", limits)
        if fault is not None and fault.status is not None:
            return _error(fault.status, f"drill fault {fault.status}", limits)
        for verb, pattern, name, needs_user in ROUTES:
            match = pattern.match(request.path)
            if match is None or verb != request.method:
                continue
            if needs_user and account is None:
                return _error(401, INVALID_TOKEN)
            if needs_user and account is not None and account.suspended:
                return _error(403, DISABLED, limits)
            handler = getattr(self, f"_{name}")
            reply: Reply = handler(request, account, read_form(request), *match.groups())
            reply.headers.update(limits)
            return reply
        return _error(404, "Not Found")

    def _fault(self, request: Request) -> Fault | None:
        with self._side_lock:
            for fault in self.faults:
                if fault.method in (request.method, "*") and fault.path == request.path:
                    if fault.count is not None:
                        fault.count -= 1
                        if fault.count <= 0:
                            self.faults.remove(fault)
                    return fault
        return None

    def _count(self, token: str) -> tuple[bool, dict[str, str]]:
        """Mastodon's per-token limit: `limit` requests in a window that opens with the
        token's first request; the headers on every answer, a 429 beyond."""
        assert self.rate_limit is not None
        limit, window = self.rate_limit
        now = self.clock()
        with self._side_lock:
            start, used = self._windows.get(token, (now, 0))
            if now >= start + window:
                start, used = now, 0
            used += 1
            self._windows[token] = (start, used)
        headers = {
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": str(max(0, limit - used)),
            "X-RateLimit-Reset": iso(start + window).replace("Z", "000Z"),
        }
        return used <= limit, headers

    def _latency(self, account: Account | None) -> float:
        low, high = self.latency
        if high <= low:
            return low
        key = account.id if account else ""
        with self._side_lock:
            rng = self._rngs.get(key)
            if rng is None:
                rng = self._rngs[key] = random.Random(f"{self.seed}/{key}")
            return rng.uniform(low, high)

    # -- the instance ----------------------------------------------------------------------

    def _configuration(self) -> dict[str, Any]:
        return {
            "accounts": {"max_featured_tags": 10, "max_pinned_statuses": 5},
            "statuses": {
                "max_characters": self.max_characters,
                "max_media_attachments": MAX_MEDIA,
                "characters_reserved_per_url": URL_WEIGHT,
            },
            "media_attachments": {
                "supported_mime_types": sorted(IMAGE_TYPES.values()),
                "description_limit": MAX_DESCRIPTION,
                "image_size_limit": self.image_size_limit,
                "image_matrix_limit": self.image_matrix_limit,
                "video_size_limit": 103809024,
                "video_frame_rate_limit": 120,
                "video_matrix_limit": 8294400,
            },
            "polls": {
                "max_options": 4,
                "max_characters_per_option": 50,
                "min_expiration": 300,
                "max_expiration": 2629746,
            },
        }

    def _instance_v1(self, request: Request, *_: Any) -> Reply:
        store = self.store
        with store.lock:
            users, statuses = len(store.accounts), len(store.statuses)
        return Reply(
            200,
            {
                "uri": store.domain,
                "title": TITLE,
                "short_description": "A drill server on this machine: not a Mastodon server.",
                "description": "",
                "email": "",
                "version": VERSION,
                "urls": {"streaming_api": None},
                "stats": {"user_count": users, "status_count": statuses, "domain_count": 1},
                "thumbnail": None,
                "languages": ["en", "fr"],
                "registrations": False,
                "approval_required": False,
                "invites_enabled": False,
                "configuration": self._configuration(),
                "contact_account": None,
                "rules": [],
            },
        )

    def _instance_v2(self, request: Request, *_: Any) -> Reply:
        store = self.store
        with store.lock:
            users = len(store.accounts)
        configuration = self._configuration()
        configuration["urls"] = {"streaming": None}
        configuration["translation"] = {"enabled": False}
        return Reply(
            200,
            {
                "domain": store.domain,
                "title": TITLE,
                "version": VERSION,
                "source_url": "https://github.com/mastodon/mastodon",
                "description": "A drill server on this machine: not a Mastodon server.",
                "usage": {"users": {"active_month": users}},
                "thumbnail": {"url": f"https://{store.domain}/packs/media/images/preview.png"},
                "languages": ["en", "fr"],
                "configuration": configuration,
                "registrations": {"enabled": False, "approval_required": False, "message": None},
                "api_versions": {"mastodon": 2},
                "contact": {"email": "", "account": None},
                "rules": [],
            },
        )

    # -- accounts --------------------------------------------------------------------------

    def _verify(self, request: Request, me: Account, form: Form) -> Reply:
        with self.store.lock:
            return Reply(200, self.store.account_view(me, credentials=True))

    def _lookup(self, request: Request, me: Account | None, form: Form) -> Reply:
        with self.store.lock:
            account = self.store.account_named(form.get("acct") or "")
            if account is None:
                return _error(404, NOT_FOUND)
            return Reply(200, self.store.account_view(account))

    def _account(self, request: Request, me: Account | None, form: Form, account_id: str) -> Reply:
        with self.store.lock:
            account = self.store.accounts.get(account_id)
            if account is None:
                return _error(404, NOT_FOUND)
            return Reply(200, self.store.account_view(account))

    def _account_statuses(
        self, request: Request, me: Account | None, form: Form, account_id: str
    ) -> Reply:
        try:
            limit = min(40, max(1, int(form.get("limit") or 20)))
        except ValueError:
            limit = 20
        max_id, since_id, min_id = (_number(form.get(n)) for n in ("max_id", "since_id", "min_id"))
        store = self.store
        now = self.clock()
        with store.lock:
            account = store.accounts.get(account_id)
            if account is None:
                return _error(404, NOT_FOUND)
            if form.flag("pinned"):
                return Reply(200, [])
            ids = store.timelines[account_id]
            order = ids if min_id is not None else reversed(ids)
            page: list[Status] = []
            for status_id in order:
                number = int(status_id)
                if (max_id is not None and number >= max_id) or (
                    since_id is not None and number <= since_id
                ):
                    continue
                if min_id is not None and number <= min_id:
                    continue
                status = store.statuses[status_id]
                if not self._shown(status, me) or (
                    (form.flag("exclude_reblogs") and status.reblog_of_id)
                    or (form.flag("exclude_replies") and status.in_reply_to_id)
                    or (form.flag("only_media") and not status.media_ids)
                ):
                    continue
                page.append(status)
                if len(page) == limit:
                    break
            if min_id is not None:
                page.reverse()
            views = [store.status_view(s, me, now) for s in page]
        headers = {}
        if page:
            base = f"http://{request.headers.get('Host') or store.domain}{request.path}"
            kept = {k: v[-1] for k, v in form.values.items() if k not in _CURSORS}
            links = []
            if len(page) == limit:
                links.append(f'<{base}?{urlencode({**kept, "max_id": page[-1].id})}>; rel="next"')
            links.append(f'<{base}?{urlencode({**kept, "min_id": page[0].id})}>; rel="prev"')
            headers["Link"] = ", ".join(links)
        return Reply(200, views, headers)

    # -- statuses --------------------------------------------------------------------------

    def _shown(self, status: Status, viewer: Account | None) -> bool:
        if status.deleted:
            return False
        if status.visibility in ("private", "direct"):
            return viewer is not None and viewer.id == status.account_id
        return True

    def _create(self, request: Request, me: Account, form: Form) -> Reply:
        key = (request.headers.get("Idempotency-Key") or "").strip()
        text = _well_formed(form.get("status") or "")
        media_ids = [m for m in form.many("media_ids") if m]
        visibility = (form.get("visibility") or "public").lower()
        reply_to = form.get("in_reply_to_id") or None
        store = self.store
        now = self.clock()
        if key:
            with store.lock:
                made = store.idempotency.get((me.id, key))
                if made is not None:
                    # The first request's status, never a second one.
                    status = store.visible(made)
                    if status is None:
                        return _error(404, NOT_FOUND)
                    return Reply(200, store.status_view(status, me, now))
        if visibility not in VISIBILITIES:
            return _error(422, "Validation failed: Visibility is not included in the list")
        if not text.strip() and not media_ids:
            return _error(422, "Validation failed: Text can't be blank")
        if text_length(text) > self.max_characters:
            return _error(
                422, f"Validation failed: Text character limit of {self.max_characters} exceeded"
            )
        if len(media_ids) > MAX_MEDIA:
            return _error(
                422, f"Validation failed: You can attach at most {MAX_MEDIA} files to a post"
            )
        with store.lock:
            if key and (me.id, key) in store.idempotency:  # the same key raced us here
                status = store.statuses[store.idempotency[(me.id, key)]]
                return Reply(200, store.status_view(status, me, now))
            parent = None
            if reply_to is not None:
                parent = store.visible(reply_to)
                if parent is None or not self._shown(parent, me):
                    return _error(404, NOT_FOUND)
            attached: list[Media] = []
            for media_id in media_ids:
                media = store.media.get(media_id)
                if media is None or media.owner_id != me.id or media.status_id is not None:
                    return _error(422, f"Validation failed: Media {media_id} could not be attached")
                if now < media.ready_at:
                    return _error(422, "Try again in a moment!")
                attached.append(media)
            status = store.add_status(
                me,
                text,
                request.arrived,
                visibility=visibility,
                in_reply_to_id=parent.id if parent else None,
                in_reply_to_account_id=parent.account_id if parent else None,
                media_ids=tuple(m.id for m in attached),
                language=form.get("language") or "en",
                sensitive=form.flag("sensitive"),
                spoiler_text=form.get("spoiler_text") or "",
            )
            if key:
                store.idempotency[(me.id, key)] = status.id
            return Reply(200, store.status_view(status, me, now))

    def _statuses(self, request: Request, me: Account | None, form: Form) -> Reply:
        now = self.clock()
        with self.store.lock:
            found = [self.store.visible(i) for i in form.many("id")]
            return Reply(
                200,
                [
                    self.store.status_view(s, me, now)
                    for s in found
                    if s is not None and self._shown(s, me)
                ],
            )

    def _status(self, request: Request, me: Account | None, form: Form, status_id: str) -> Reply:
        with self.store.lock:
            status = self.store.visible(status_id)
            if status is None or not self._shown(status, me):
                return _error(404, NOT_FOUND)
            return Reply(200, self.store.status_view(status, me, self.clock()))

    def _delete(self, request: Request, me: Account, form: Form, status_id: str) -> Reply:
        store = self.store
        with store.lock:
            status = store.visible(status_id)
            if status is None:
                return _error(404, NOT_FOUND)
            if status.account_id != me.id:
                return _error(403, NOT_ALLOWED)
            view = store.status_view(status, me, self.clock())
            store.delete_status(status)
        view["text"] = status.text  # Mastodon hands back the source, to redraft from
        return Reply(200, view)

    def _context(self, request: Request, me: Account | None, form: Form, status_id: str) -> Reply:
        store = self.store
        now = self.clock()
        with store.lock:
            status = store.visible(status_id)
            if status is None or not self._shown(status, me):
                return _error(404, NOT_FOUND)
            ancestors: list[Status] = []
            parent = store.visible(status.in_reply_to_id)
            while parent is not None and len(ancestors) < 40:
                if self._shown(parent, me):
                    ancestors.insert(0, parent)
                parent = store.visible(parent.in_reply_to_id)
            descendants: list[Status] = []
            stack = list(reversed(store.replies.get(status.id, [])))
            while stack:  # depth first, oldest reply first, as Mastodon orders a thread
                child = store.statuses[stack.pop()]
                if child.deleted or not self._shown(child, me):
                    continue
                descendants.append(child)
                stack.extend(reversed(store.replies.get(child.id, [])))
            return Reply(
                200,
                {
                    "ancestors": [store.status_view(s, me, now) for s in ancestors],
                    "descendants": [store.status_view(s, me, now) for s in descendants],
                },
            )

    def _favourite(
        self, request: Request, me: Account, form: Form, status_id: str, action: str
    ) -> Reply:
        store = self.store
        with store.lock:
            status = store.visible(status_id)
            if status is None or not self._shown(status, me):
                return _error(404, NOT_FOUND)
            target = store.visible(status.reblog_of_id) or status
            if action == "favourite":
                target.favourited_by.add(me.id)
            else:
                target.favourited_by.discard(me.id)
            return Reply(200, store.status_view(target, me, self.clock()))

    def _reblog(
        self, request: Request, me: Account, form: Form, status_id: str, action: str
    ) -> Reply:
        store = self.store
        now = self.clock()
        with store.lock:
            status = store.visible(status_id)
            if status is None or not self._shown(status, me):
                return _error(404, NOT_FOUND)
            target = store.visible(status.reblog_of_id) or status
            if target.visibility not in ("public", "unlisted"):
                return _error(403, NOT_ALLOWED)
            existing = store.visible(store.reblogs.get(target.id, {}).get(me.id))
            if action == "unreblog":
                if existing is not None:
                    store.delete_status(existing)
                return Reply(200, store.status_view(target, me, now))
            if existing is None:  # boosting twice is the same boost
                existing = store.add_status(
                    me, "", request.arrived, reblog_of_id=target.id, language=None
                )
            return Reply(200, store.status_view(existing, me, now))

    # -- media -----------------------------------------------------------------------------

    def _upload(self, request: Request, me: Account, form: Form, version: str) -> Reply:
        data = form.files.get("file")
        if not data:
            return _error(422, "Validation failed: File can't be blank")
        description = form.get("description")
        if description is not None and len(description) > MAX_DESCRIPTION:
            return _error(
                422,
                f"Validation failed: Description is too long (maximum is {MAX_DESCRIPTION} "
                "characters)",
            )
        if len(data) > self.image_size_limit:
            megabytes = self.image_size_limit // (1024 * 1024)
            return _error(
                422, f"Validation failed: File file size must be less than {megabytes} MB"
            )
        try:
            from PIL import Image

            with Image.open(io.BytesIO(data)) as image:
                kind, width, height = image.format or "", image.width, image.height
        except Exception:
            kind, width, height = "", 0, 0
        if kind not in IMAGE_TYPES:
            return _error(422, "Validation failed: File content type is invalid")
        if width * height > self.image_matrix_limit:
            return _error(422, "Validation failed: File dimensions are too large")
        # v1 answers once the photo is processed; v2 may answer 202 before, with no url.
        processing = self.media_delay if version == "2" else 0.0
        with self.store.lock:
            media = Media(
                id=self.store.next_id(request.arrived),
                owner_id=me.id,
                mime_type=IMAGE_TYPES[kind],
                size=len(data),
                width=width,
                height=height,
                sha256=hashlib.sha256(data).hexdigest(),
                description=_well_formed(description) if description else None,
                ready_at=request.arrived + processing,
            )
            self.store.media[media.id] = media
            view = self.store.media_view(media, self.clock())
        return Reply(202 if view["url"] is None else 200, view)

    def _own_media(self, me: Account, media_id: str) -> Media | None:
        media = self.store.media.get(media_id)
        return media if media is not None and media.owner_id == me.id else None

    def _media(self, request: Request, me: Account, form: Form, media_id: str) -> Reply:
        with self.store.lock:
            media = self._own_media(me, media_id)
            if media is None:
                return _error(404, NOT_FOUND)
            view = self.store.media_view(media, self.clock())
        return Reply(206 if view["url"] is None else 200, view)

    def _media_update(self, request: Request, me: Account, form: Form, media_id: str) -> Reply:
        description = form.get("description")
        if description is not None and len(description) > MAX_DESCRIPTION:
            return _error(422, "Validation failed: Description is too long")
        with self.store.lock:
            media = self._own_media(me, media_id)
            if media is None or media.status_id is not None:
                return _error(404, NOT_FOUND)
            if description is not None:
                media.description = _well_formed(description) or None
            view = self.store.media_view(media, self.clock())
        return Reply(206 if view["url"] is None else 200, view)


_CURSORS = ("max_id", "since_id", "min_id", "max_id[]", "min_id[]")


def _bearer(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else ""


def _number(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _well_formed(text: str) -> str:
    """Text as UTF-8 can hold it (a lone surrogate, reachable through a JSON escape, becomes
    U+FFFD), as Mastodon's database keeps it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text
