"""A requests transport adapter that can hold a request at its connection's first write.

The launch releases every agency's post at once. To keep the spread small, each request is
built, signed and handed to its warm connection before the release; only writing its bytes
is left. `HoldingAdapter.hold_next(wait)` arms that: the next request this thread sends
through the adapter calls `wait()` right before its first byte is written (after all of
requests', urllib3's and http.client's Python work), and writes when `wait()` returns. If
`wait()` raises, nothing of the request is written and the exception propagates.

A wait that also offers `write_at_release(write) -> bool` (the launch's gate) may take the
writing over: the request is then kept whole until urllib3 asks for its response, and the
releasing thread writes it, with every other held request, before any held thread wakes.

Only documented extension points are used: `HTTPAdapter.init_poolmanager`, `send` and
`get_connection_with_tls_context` (requests ≥ 2.32.2, "exposed for use when subclassing the
HTTPAdapter"), a PoolManager's `pool_classes_by_scheme`, a pool's `ConnectionCls` and a
connection's `send` (urllib3 2.x, http.client). When a request goes through a pool that is
not ours (a proxy manager, say), the hold happens just before the pool is used instead, and
a warning says so: an armed request is never written before `wait()` has returned.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

from requests import PreparedRequest, Response
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import ConnectionPool, HTTPConnectionPool, HTTPSConnectionPool

log = logging.getLogger(__name__)

# The wait armed for the request this thread is sending through a HoldingAdapter right now:
# set only for the duration of that adapter's `send`, taken by the first write.
_sending = threading.local()


def _take_armed() -> Callable[[], None] | None:
    wait: Callable[[], None] | None = getattr(_sending, "wait", None)
    _sending.wait = None
    return wait


class HeldHTTPConnection(HTTPConnection):
    """The first `send` (write) of an armed request waits, then writes.

    When the wait offers `write_at_release(write) -> bool` (the launch's gate does) and
    accepts, the request's bytes (its headers and body, as urllib3 hands them over) are
    kept, not written, until urllib3 asks for the response; the whole request is then
    handed to the releasing thread, which writes every held request in one loop before
    any held thread wakes. A launch's requests then leave within the time it takes to
    write them, not the time it takes to wake a thread per account."""

    _held: list[bytes] | None = None
    _held_wait: Callable[[], None] | None = None

    def send(self, data: Any) -> None:
        if self._held is not None:
            if isinstance(data, bytes | bytearray | memoryview):
                self._held.append(bytes(data))
                return
            self._write_held_here()  # a body that is not bytes: held the plain way
            super().send(data)
            return
        wait = _take_armed()
        if wait is not None:
            if self.is_closed:
                # A cold connection: open it now, so that only the write is left after wait().
                self.connect()
            if hasattr(wait, "write_at_release") and isinstance(data, bytes | bytearray):
                self._held, self._held_wait = [bytes(data)], wait
                return
            wait()
        super().send(data)

    def _write_held_here(self) -> None:
        """The held bytes, written by this thread once the wait returns."""
        held, wait = self._take_held()
        wait()
        self.sock.sendall(b"".join(held))

    def _take_held(self) -> tuple[list[bytes], Callable[[], None]]:
        held, wait = self._held, self._held_wait
        self._held = self._held_wait = None
        assert held is not None and wait is not None
        return held, wait

    def close(self) -> None:
        self._held = self._held_wait = None  # a request dropped unsent stays unsent
        super().close()

    def getresponse(self) -> Any:
        if self._held is not None:
            self._release_held()
        return super().getresponse()

    def _release_held(self) -> None:
        held, wait = self._take_held()
        payload, sock = b"".join(held), self.sock
        failure: list[BaseException] = []

        def write() -> None:  # run by the releasing thread; never raises there
            try:
                sock.sendall(payload)
            except BaseException as error:  # handed to the request's own thread
                failure.append(error)

        accepted = wait.write_at_release(write)  # type: ignore[attr-defined]
        try:
            wait()  # returns once the release has written the request (or raises: unsent)
        except BaseException:
            self.close()  # the request was never written: this connection cannot be reused
            raise
        if not accepted:
            sock.sendall(payload)
        elif failure:
            raise failure[0]


class HeldHTTPSConnection(HeldHTTPConnection, HTTPSConnection):
    pass


class HeldHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = HeldHTTPConnection


class HeldHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = HeldHTTPSConnection


HELD_POOLS: Mapping[str, type[HTTPConnectionPool]] = {
    "http": HeldHTTPConnectionPool,
    "https": HeldHTTPSConnectionPool,
}


class HoldingAdapter(HTTPAdapter):
    """An HTTPAdapter whose next request (per thread) can be held at its first write."""

    def __init__(self, **kwargs: Any) -> None:
        self._next = threading.local()  # before super(): it calls init_poolmanager
        super().__init__(**kwargs)

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(HELD_POOLS)

    def hold_next(self, wait: Callable[[], None]) -> None:
        """The next request this thread sends here calls `wait()` just before its bytes go."""
        self._next.wait = wait

    def cancel_hold(self) -> None:
        """Disarm a hold that no request has taken (the request failed before sending)."""
        self._next.wait = None

    def send(
        self,
        request: PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float, float] | tuple[float, None] | None = None,
        verify: bool | str = True,
        cert: bytes | str | tuple[bytes | str, bytes | str] | None = None,
        proxies: Mapping[str, str] | None = None,
    ) -> Response:
        wait: Callable[[], None] | None = getattr(self._next, "wait", None)
        if wait is None:
            return super().send(request, stream, timeout, verify, cert, proxies)
        self._next.wait = None  # once: a retry or a redirect goes straight out
        _sending.wait = wait
        try:
            return super().send(request, stream, timeout, verify, cert, proxies)
        finally:
            _sending.wait = None  # not taken when the request failed before its first write

    def get_connection_with_tls_context(
        self,
        request: PreparedRequest,
        verify: bool | str | None,
        proxies: Mapping[str, str] | None = None,
        cert: tuple[str, str] | str | None = None,
    ) -> ConnectionPool:
        pool = super().get_connection_with_tls_context(request, verify, proxies, cert)
        if getattr(_sending, "wait", None) is not None and not isinstance(
            pool, tuple(HELD_POOLS.values())
        ):
            log.warning(
                "cannot hold the request at its connection's write (%s is not a holding "
                "pool); holding it before the pool instead",
                type(pool).__name__,
            )
            wait = _take_armed()
            assert wait is not None
            wait()
        return pool
