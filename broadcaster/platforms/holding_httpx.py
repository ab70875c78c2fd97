"""An httpx transport that can hold a request, fully built, until a launch's release.

The Bluesky SDK (`atproto`) sends through an `httpx.Client`; what `holding.HoldingAdapter` is
to requests, `HoldingTransport` is to httpx. `hold_next(wait)` arms it: the next request this
thread sends through the transport calls `wait()` once the SDK and httpx.Client have done
their work (the record built and serialized, the JSON encoded, the session's headers set, the
`httpx.Request` made), and is handed to the connection pool when `wait()` returns. If `wait()`
raises, nothing of the request is written and the exception propagates.

What is left after the release is httpcore's share: taking the warm connection from the pool,
framing the request (h11) and writing it. Only public httpx API is used (`BaseTransport`, the
client's `transport=` argument, `HTTPTransport`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx


class HoldingTransport(httpx.BaseTransport):
    """`httpx.HTTPTransport` whose next request (per thread) can be held before it is sent."""

    def __init__(self, **transport_options: Any) -> None:
        self._inner = httpx.HTTPTransport(**transport_options)
        self._next = threading.local()

    def hold_next(self, wait: Callable[[], None]) -> None:
        """The next request this thread sends here calls `wait()` just before it is sent."""
        self._next.wait = wait

    def cancel_hold(self) -> None:
        """Disarm a hold that no request has taken (the call failed before sending)."""
        self._next.wait = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        wait: Callable[[], None] | None = getattr(self._next, "wait", None)
        if wait is not None:
            self._next.wait = None  # once: a retry or a redirect goes straight out
            wait()
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()
