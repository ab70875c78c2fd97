"""The journal's single writer: one thread commits every sender's changes, in batches.

One thread holds the database's write lock at a time anyway (SQLite); funnelling the
writes through one keeps 100-200 senders from queueing on the lock one commit each."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from broadcaster.retry import DATABASE_COMMITS, call_with_retries
from broadcaster.storage.db import session_scope

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

Change = Callable[[Session], None]  # applied inside the writer's transaction


@dataclass
class _Submitted:
    apply: Change
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


def _busy(error: BaseException) -> bool:
    """Locked or busy beyond the driver's timeout: worth committing again."""
    return isinstance(error, OperationalError)


class Writer:
    """Commits journal changes from every sender thread, batching what arrives together."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._queue: queue.Queue[_Submitted | None] = queue.Queue()
        # Each commit's end (perf_counter) and the CPU it took (this thread's): a launch
        # reports the journal's share of its client CPU after the release.
        self.commits: list[tuple[float, float]] = []
        self._thread = threading.Thread(target=self._run, daemon=True, name="journal")
        self._thread.start()

    def submit(self, apply: Change) -> _Submitted:
        submitted = _Submitted(apply)
        self._queue.put(submitted)
        return submitted

    def call(self, apply: Change) -> None:
        """Commit one change and wait for it; its error, if any, is raised here."""
        submitted = self.submit(apply)
        submitted.done.wait()
        if submitted.error is not None:
            raise submitted.error

    def cpu_since(self, instant: float) -> float:
        """CPU seconds of the commits that ended after `instant` (a perf_counter value)."""
        return sum(cpu for ended, cpu in self.commits if ended > instant)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            stop = False
            while not stop:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                else:
                    batch.append(item)
            cpu = time.thread_time()
            try:
                self._commit(batch)
            except BaseException:
                # One change failed the batch: commit each alone, so only it fails.
                for submitted in batch:
                    try:
                        self._commit([submitted])
                    except BaseException as error:
                        submitted.error = error
            self.commits.append((time.perf_counter(), time.thread_time() - cpu))
            for submitted in batch:
                submitted.done.set()
            if stop:
                return

    def _commit(self, batch: list[_Submitted]) -> None:
        def commit() -> None:
            with session_scope(self.engine, immediate=True) as session:
                for submitted in batch:
                    submitted.apply(session)

        call_with_retries(commit, DATABASE_COMMITS, retry_on=_busy)
