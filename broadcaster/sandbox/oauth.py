"""OAuth 1.0a (HMAC-SHA1) signature checks, as X does them for user-context requests.

A signed request is good once: X refuses a nonce it has seen before ("Could not
authenticate you", code 32) and a timestamp too far from its clock ("Timestamp out of
bounds", code 135), both 401. X's documentation says requests "created too far in the past"
are refused without giving the window; the sandbox allows five minutes either side (the
usual OAuth provider window), and remembers each signed nonce exactly as long as a request
carrying it could still be accepted, so its memory is one window's requests at most.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import hmac
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import urlsplit

from oauthlib.oauth1.rfc5849 import signature, utils

T = TypeVar("T")

# Seconds a request's oauth_timestamp may be from the server's clock, either side.
TIMESTAMP_WINDOW = 300.0

# Why a signed request was refused: X's v1.1 error codes, which X still gives for OAuth.
BAD_CREDENTIALS = (32, "Could not authenticate you.")
REPLAYED = (32, "Could not authenticate you.")
STALE = (135, "Timestamp out of bounds.")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """Who signed the request (None when refused) and, when refused, X's code and message."""

    account: T | None
    refusal: tuple[int, str] | None = None


class ReplayGuard:
    """The nonces of signed requests seen within the timestamp window, per consumer key and
    token. A nonce is forgotten when a request carrying it would be too old anyway."""

    def __init__(
        self, *, window: float = TIMESTAMP_WINDOW, clock: Callable[[], float] = time.time
    ) -> None:
        self.window = window
        self.clock = clock
        self._seen: set[tuple[str, str, str]] = set()
        self._expiry: list[tuple[float, tuple[str, str, str]]] = []  # a heap
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._seen)

    def check(
        self, consumer_key: str, token: str, nonce: str, timestamp: str
    ) -> tuple[int, str] | None:
        """None for a fresh request (its nonce is then remembered); else X's refusal."""
        now = self.clock()
        try:
            stamp = int(timestamp)
        except ValueError:
            return STALE
        if abs(now - stamp) > self.window:
            return STALE
        if not nonce:
            return BAD_CREDENTIALS
        key = (consumer_key, token, nonce)
        with self._lock:
            expiry = self._expiry
            while expiry and expiry[0][0] < now:
                self._seen.discard(heapq.heappop(expiry)[1])
            if key in self._seen:
                return REPLAYED
            self._seen.add(key)
            heapq.heappush(expiry, (stamp + self.window, key))
        return None


def authenticate(
    method: str,
    uri: str,
    authorization: str | None,
    form_body: list[tuple[str, str]] | None,
    lookup: Callable[[str, str], tuple[T, str, str] | None],
    guard: ReplayGuard | None = None,
) -> Outcome[T]:
    """The account whose keys signed this request, or a refusal.

    `lookup(consumer_key, token)` returns (account, consumer_secret, token_secret) or None.
    Only form-encoded bodies take part in the signature (RFC 5849, 3.4.1.3.1). With a
    `guard`, a correctly signed request is also refused when its nonce was seen before or
    its timestamp is out of the window.
    """
    refused: Outcome[T] = Outcome(None, BAD_CREDENTIALS)
    if not authorization or not authorization.startswith("OAuth "):
        return refused
    try:
        params = {k: utils.unescape(v) for k, v in utils.parse_authorization_header(authorization)}
    except (ValueError, TypeError):
        return refused
    if params.get("oauth_signature_method") != "HMAC-SHA1":
        return refused
    consumer_key = params.get("oauth_consumer_key", "")
    token = params.get("oauth_token", "")
    given = params.get("oauth_signature", "")
    found = lookup(consumer_key, token)
    if found is None or not given:
        return refused
    account, consumer_secret, token_secret = found
    try:
        collected = signature.collect_parameters(
            uri_query=urlsplit(uri).query,
            body=form_body or [],
            headers={"Authorization": authorization},
            exclude_oauth_signature=True,
        )
        base = signature.signature_base_string(
            method.upper(),  # type: ignore[arg-type]
            signature.base_string_uri(uri),
            signature.normalize_parameters(collected),  # type: ignore[arg-type]
        )
    except (ValueError, TypeError):
        return refused
    key = f"{utils.escape(consumer_secret)}&{utils.escape(token_secret)}"
    digest = hmac.new(key.encode(), base.encode(), hashlib.sha1).digest()
    expected = base64.b64encode(digest).decode()
    if not hmac.compare_digest(expected.encode(), given.encode()):
        return refused
    if guard is not None:
        # Only after the signature: an unsigned request must not fill the memory of nonces.
        problem = guard.check(
            consumer_key, token, params.get("oauth_nonce", ""), params.get("oauth_timestamp", "")
        )
        if problem is not None:
            return Outcome(None, problem)
    return Outcome(account)
