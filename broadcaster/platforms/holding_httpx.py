"""An httpx transport that can hold a request at its connection's first write.

The Bluesky SDK (`atproto`) sends through an `httpx.Client`; what `holding.HoldingAdapter` is
to requests, `HoldingTransport` is to httpx. `hold_next(wait)` arms it: the next request this
thread sends through the transport calls `wait()` right before its first byte is written
(after the SDK's, httpx's and httpcore's Python work, the warm connection taken from the pool
or a new one opened), and is written when `wait()` returns. If `wait()` raises, nothing of the
request is written and the exception propagates.

A wait that also offers `write_at_release(write) -> bool` (the launch's gate) may take the
writing over: the request's bytes (headers and body, as httpcore frames them) are kept until
httpcore reads for the response, and the releasing thread writes them, with every other held
request, before any held thread wakes.

The hold lives in the connection's network stream: the pool is httpcore's own, given a network
backend that wraps each stream (`httpcore.ConnectionPool(network_backend=...)`, httpcore's
documented extension point). httpx.HTTPTransport does not take a backend, so this transport
builds that pool itself, with httpx's defaults (`_install_pool`).
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable, Iterable
from typing import Any

import httpcore
import httpx

# httpx's own defaults (httpx.HTTPTransport without arguments).
_DEFAULT_LIMITS = httpx.Limits(
    max_connections=100, max_keepalive_connections=20, keepalive_expiry=5
)


class HoldingTransport(httpx.BaseTransport):
    """`httpx.HTTPTransport` whose next request (per thread) can be held at its first write."""

    def __init__(self) -> None:
        self._next = threading.local()  # armed by hold_next, for this transport's next request
        self._inner = httpx.HTTPTransport()
        self._at_write = _install_pool(self._inner, _HoldingBackend())

    def hold_next(self, wait: Callable[[], None]) -> None:
        """The next request this thread sends here calls `wait()` just before it is written."""
        self._next.wait = wait

    def cancel_hold(self) -> None:
        """Disarm a hold that no request has taken (the call failed before sending)."""
        self._next.wait = None
        _writing.wait = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        wait: Callable[[], None] | None = getattr(self._next, "wait", None)
        if wait is None:
            return self._inner.handle_request(request)
        self._next.wait = None  # once: a retry or a redirect goes straight out
        if not self._at_write:
            wait()  # no stream of ours to hold at: hold before the pool instead
            return self._inner.handle_request(request)
        _writing.wait = wait
        try:
            return self._inner.handle_request(request)
        finally:
            _writing.wait = None  # not taken when the request failed before its first write

    def close(self) -> None:
        self._inner.close()


# The wait armed for the request this thread is sending through a HoldingTransport right
# now: set only for the duration of that transport's handle_request, taken by the first write.
_writing = threading.local()


def _take_armed() -> Callable[[], None] | None:
    wait: Callable[[], None] | None = getattr(_writing, "wait", None)
    _writing.wait = None
    return wait


def _install_pool(transport: httpx.HTTPTransport, backend: httpcore.NetworkBackend) -> bool:
    """Give the transport an httpcore pool on `backend`; False if it is not the plain pool
    this module knows (then the hold happens before the pool)."""
    if not isinstance(getattr(transport, "_pool", None), httpcore.ConnectionPool):
        return False
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=_DEFAULT_LIMITS.max_connections,
        max_keepalive_connections=_DEFAULT_LIMITS.max_keepalive_connections,
        keepalive_expiry=_DEFAULT_LIMITS.keepalive_expiry,
        network_backend=backend,
    )
    return True


class _HoldingBackend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._sync = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._sync.connect_tcp(host, port, timeout, local_address, socket_options)
        return _HeldStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        return _HeldStream(self._sync.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._sync.sleep(seconds)


class _HeldStream(httpcore.NetworkStream):
    """A connection whose first write of an armed request waits (or is kept for the
    release to write, with the rest of the request, when httpcore reads for the answer)."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner
        self._held: list[bytes] | None = None
        self._wait: Any = None

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if self._held is not None:
            self._held.append(buffer)
            return
        wait = _take_armed()
        if wait is None:
            self._inner.write(buffer, timeout)
            return
        if hasattr(wait, "write_at_release"):
            self._held, self._wait = [buffer], wait
            return
        wait()
        self._inner.write(buffer, timeout)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        if self._held is not None:
            self._release(timeout)
        return self._inner.read(max_bytes, timeout)

    def _release(self, timeout: float | None) -> None:
        payload, wait = b"".join(self._held or ()), self._wait
        self._held = self._wait = None
        failure: list[BaseException] = []

        def write() -> None:  # run by the releasing thread; never raises there
            try:
                self._inner.write(payload, timeout)
            except BaseException as error:  # handed to the request's own thread
                failure.append(error)

        accepted = wait.write_at_release(write)
        try:
            wait()  # returns once the release has written the request (or raises: unsent)
        except BaseException:
            self._inner.close()  # never written: this connection cannot be reused
            raise
        if not accepted:
            self._inner.write(payload, timeout)
        elif failure:
            raise failure[0]

    def close(self) -> None:
        self._held = self._wait = None
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _HeldStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)
