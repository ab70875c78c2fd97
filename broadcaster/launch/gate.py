"""The release gate: each agency's request is built and signed before the launch instant,
then held until every one is ready, so that the only work after the release is sending."""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from broadcaster.platforms.base import Platform

log = logging.getLogger(__name__)


class Aborted(Exception):
    """The wave was called off before its release: the held request is never sent."""


class Gate:
    """Holds a platform's next request, fully built and signed, until the release.

    The platform arms the hold (`Platform.hold_next_request`): the X adapter's transport
    holds the request at its warm connection's write, so that after the release only the
    bytes are left to write (the Python work of tweepy, requests, urllib3 and http.client is
    done before, not in the launch spread). A platform that cannot hold there has its
    request started at the release instead, and the log says so."""

    def __init__(
        self, go: threading.Event, abort: threading.Event, ready: threading.Semaphore
    ) -> None:
        self.go, self.abort, self.ready = go, abort, ready
        self.reached = False
        self.released: float | None = None
        self._platform: Platform | None = None

    def install(self, platform: Platform) -> bool:
        """Arm the hold on the platform's next request; False when the caller must hold."""
        if not platform.hold_next_request(self._hold):
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

    def _hold(self) -> None:
        self.reached = True
        self.ready.release()
        self.go.wait()
        self.released = time.perf_counter()
        if self.abort.is_set():
            raise Aborted
