"""The release gate: each agency's request is built and signed before the launch instant,
then held until every one is ready, so that the only work after the release is sending."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from broadcaster.platforms.base import Platform

log = logging.getLogger(__name__)


class Aborted(Exception):
    """The wave was called off before its release: the held request is never sent."""


class Batch:
    """The writes of the held requests, made by the releasing thread in one loop: waking a
    thread per account takes longer, on a busy machine, than writing every request."""

    def __init__(self) -> None:
        self._writes: list[Callable[[], None]] = []
        self._lock = threading.Lock()
        self._done = False

    def add(self, write: Callable[[], None]) -> bool:
        """Queue a write for the release; False once the release has written (a request
        that reached its hold late writes itself)."""
        with self._lock:
            if self._done:
                return False
            self._writes.append(write)
            return True

    def write_all(self) -> None:
        with self._lock:
            writes, self._writes, self._done = self._writes, [], True
        for write in writes:
            write()


class Gate:
    """Holds a platform's next request, fully built and signed, until the release.

    The platform arms the hold (`Platform.hold_next_request`): the X adapter's transport
    holds the request at its warm connection's write, so that after the release only the
    bytes are left to write (the Python work of tweepy, requests, urllib3 and http.client is
    done before, not in the launch spread). A platform that cannot hold there has its
    request started at the release instead, and the log says so."""

    def __init__(
        self,
        go: threading.Event,
        abort: threading.Event,
        ready: threading.Semaphore,
        batch: Batch | None = None,
    ) -> None:
        self.go, self.abort, self.ready, self.batch = go, abort, ready, batch
        self.reached = False
        self.released: float | None = None
        self._platform: Platform | None = None

    def install(self, platform: Platform) -> bool:
        """Arm the hold on the platform's next request; False when the caller must hold."""
        if not platform.hold_next_request(self):
            log.info(
                "%r cannot hold a request at its connection's write; "
                "its request starts at the release instead",
                platform,
            )
            return False
        self._platform = platform
        return True

    def remove(self) -> None:
        """Disarm a hold the request never reached (it failed before its first write)."""
        if self._platform is not None:
            self._platform.cancel_held_request()

    def write_at_release(self, write: Callable[[], None]) -> bool:
        """Let the releasing thread write this request (True), when the wave has a batch."""
        if self.batch is None:
            return False

        def timed() -> None:
            self.released = time.perf_counter()
            write()

        return self.batch.add(timed)

    def __call__(self) -> None:
        """The hold itself: ready, then wait for the release (Aborted if called off)."""
        self.reached = True
        self.ready.release()
        self.go.wait()
        if self.released is None:
            self.released = time.perf_counter()
        if self.abort.is_set():
            raise Aborted
