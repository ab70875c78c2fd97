"""The one retry policy: capped exponential backoff with jitter, and a platform's reset time.

Used by every place that tries again: a post's request in the launch (seconds, bounded by a
budget), a take-down, a read that changes nothing, the journal's commit on a busy database,
and a scheduled job (minutes, persisted as its next due time). A rate limit's reset time is
honoured, never guessed: the wait is at least until the reset, and a reset further away
than `max_reset_wait` means "defer", which the caller records rather than sleeping through.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from broadcaster.errors import PlatformError, RateLimited
from broadcaster.timeutil import as_utc, utcnow

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5  # tries in all, the first included
    budget: float = 60.0  # seconds of retrying in one run
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_reset_wait: float = 30.0  # wait out a rate limit this long; beyond, defer
    timeout: float = 10.0  # every request
    jitter: bool = True  # spread retries of many senders (off for the database's own)

    def backoff(self, attempt: int, rand: Callable[[], float] = random.random) -> float:
        """Seconds before try `attempt + 1`, after `attempt` tries (1 = the first failed)."""
        base = min(self.max_delay, self.base_delay * 2 ** max(0, attempt - 1))
        return float(base * (0.5 + rand() / 2)) if self.jitter else float(base)

    def wait(
        self,
        attempt: int,
        error: BaseException | None = None,
        *,
        now: datetime | None = None,
        rand: Callable[[], float] = random.random,
    ) -> float | None:
        """Seconds to wait before trying again, or None when it must not be tried again now:
        attempts spent, or a rate limit whose reset lies beyond `max_reset_wait` (defer)."""
        if attempt >= self.attempts:
            return None
        wait = self.backoff(attempt, rand)
        reset = reset_of(error)
        if reset is not None:
            until_reset = (reset - (now or utcnow())).total_seconds()
            if until_reset > self.max_reset_wait:
                return None
            wait = max(wait, until_reset + 0.25 * rand())
        return wait

    def next_at(self, now: datetime, attempt: int, error: BaseException | None = None) -> datetime:
        """When a persisted piece of work (a job) is next due: the backoff, and never before
        the platform's reset, however far away (a job waits; it never sleeps)."""
        at = now + timedelta(seconds=self.backoff(attempt))
        reset = reset_of(error)
        return max(at, reset) if reset is not None else at


def reset_of(error: BaseException | None) -> datetime | None:
    """A rate limit's reset time, when the platform said it."""
    if isinstance(error, RateLimited) and error.reset_at is not None:
        return as_utc(error.reset_at)
    return None


def transient(error: BaseException) -> bool:
    return isinstance(error, PlatformError) and error.transient


def call_with_retries(
    call: Callable[[], T],
    policy: RetryPolicy,
    *,
    deadline: float | None = None,
    retry_on: Callable[[BaseException], bool] = transient,
    sleep: Callable[[float], None] = time.sleep,
    monotonic: Callable[[], float] = time.monotonic,
) -> T:
    """Run `call`, trying again on what `retry_on` accepts, for requests safe to repeat
    (verify, upload, read, delete) and database commits. The last error is raised."""
    attempt = 0
    while True:
        attempt += 1
        try:
            return call()
        except Exception as error:
            if not retry_on(error):
                raise
            wait = policy.wait(attempt, error)
            if wait is None or (deadline is not None and monotonic() + wait > deadline):
                raise
            sleep(wait)


# The policies in use, named after what they retry.
POST_REQUESTS = RetryPolicy()  # a launch's posts: the caller may pass its own
TAKE_DOWNS = RetryPolicy(attempts=4, base_delay=0.25, max_delay=4.0, jitter=False)
DATABASE_COMMITS = RetryPolicy(attempts=6, base_delay=0.05, max_delay=0.3, jitter=False)
# A job whose campaign another process is sending for: again in 1.5-3 s, spread out.
BUSY = RetryPolicy(base_delay=3.0, max_delay=3.0, budget=float("inf"))
# Jobs: 15 s, 30 s, ... up to 15 minutes between tries of a scheduled job.
JOBS = RetryPolicy(attempts=8, base_delay=15.0, max_delay=900.0, budget=float("inf"), jitter=False)
