"""The release gate: each agency's request is built and signed before the launch instant,
then held until every one is ready, so that the only work after the release is sending."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from broadcaster.launch.executor import _Job
    from broadcaster.platforms.base import Platform


class _Aborted(Exception):
    """The wave was called off before its release: the held request is never sent."""


class _Gate:
    """Holds a platform's next request, fully built and signed, until the release.

    Adapters built on a requests-style session (the X adapter and its sandbox double) expose
    it as `platform.session`. The gate wraps that session's `send` for one call; when the
    account's warmed connection is idle in the pool, the hold moves down to that connection's
    `send`, so that after the release only the bytes are left to write (the Python work of
    requests, urllib3 and http.client is done before, not in the launch spread). Anything
    else simply starts its request at the release."""

    def __init__(
        self, go: threading.Event, abort: threading.Event, ready: threading.Semaphore
    ) -> None:
        self.go, self.abort, self.ready = go, abort, ready
        self.reached = False
        self.released: float | None = None
        self._session: Any = None
        self._hooked: list[tuple[Any, str]] = []  # (object, attribute) set for one call

    def remove(self) -> None:
        if self._session is not None and "send" in vars(self._session):
            del self._session.send
        self._unhook()

    def _unhook(self) -> None:
        for hooked, name in self._hooked:
            if name in vars(hooked):
                delattr(hooked, name)
        self._hooked = []

    def _hold(self) -> None:
        self.reached = True
        self.ready.release()
        self.go.wait()
        self.released = time.perf_counter()
        if self.abort.is_set():
            raise _Aborted

    def _hook_pool(self, session: Any, request: Any, options: dict[str, Any]) -> bool:
        """Hold at the `send` of whichever connection the pool hands this request (the warm
        one): everything but writing the bytes happens before the release. False when the
        session is not the requests/urllib3 stack this knows."""
        try:
            adapter = session.get_adapter(request.url)
            pool = adapter.get_connection_with_tls_context(
                request, options.get("verify", True), options.get("proxies"), options.get("cert")
            )
            get_conn = pool._get_conn
        except Exception:
            return False

        def hooked_get_conn(*args: Any, **kwargs: Any) -> Any:
            del pool._get_conn
            connection = get_conn(*args, **kwargs)
            write = connection.send

            def held_write(data: Any) -> Any:
                del connection.send  # the rest of the request (its body) flows at once
                self._hold()
                return write(data)

            connection.send = held_write
            self._hooked.append((connection, "send"))
            return connection

        pool._get_conn = hooked_get_conn
        self._hooked.append((pool, "_get_conn"))
        return True

    def install(self, platform: Platform) -> bool:
        session = getattr(platform, "session", None)
        send = getattr(session, "send", None)
        if session is None or not callable(send):
            return False
        self._session = session

        def held_send(request: Any, **kwargs: Any) -> Any:
            del session.send  # one request only: the retries go straight out
            if not self._hook_pool(session, request, kwargs):
                self._hold()
            try:
                return send(request, **kwargs)
            except BaseException:
                if not self.reached:  # failed before a byte was written: join the wave
                    self._hold()
                raise
            finally:
                self._unhook()

        session.send = held_send
        return True


def _one_per_account(jobs: list[_Job]) -> list[list[_Job]]:
    """Releases in which each account appears once (its session carries one request)."""
    batches: list[list[_Job]] = []
    for job in jobs:
        for batch in batches:
            if all(j.account is not job.account for j in batch):
                batch.append(job)
                break
        else:
            batches.append([job])
    return batches
