"""The one retry policy: backoff, a platform's reset time, and when to give up or defer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from broadcaster.errors import RateLimited, Rejected, ServerError
from broadcaster.retry import JOBS, RetryPolicy, call_with_retries

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_backoff_doubles_up_to_its_cap() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=5.0, jitter=False)
    assert [policy.backoff(n) for n in (1, 2, 3, 4, 5)] == [1.0, 2.0, 4.0, 5.0, 5.0]


def test_jitter_stays_between_half_and_the_whole_delay() -> None:
    policy = RetryPolicy(base_delay=2.0)
    assert policy.backoff(1, rand=lambda: 0.0) == 1.0
    assert policy.backoff(1, rand=lambda: 1.0) == 2.0


def test_a_near_reset_is_waited_out_a_far_one_defers() -> None:
    policy = RetryPolicy(max_reset_wait=30.0)
    near = RateLimited("slow down", reset_at=NOW + timedelta(seconds=12))
    far = RateLimited("slow down", reset_at=NOW + timedelta(minutes=15))
    wait = policy.wait(1, near, now=NOW, rand=lambda: 0.0)
    assert wait == 12.0
    assert policy.wait(1, far, now=NOW) is None


def test_attempts_spent_means_stop() -> None:
    assert RetryPolicy(attempts=2).wait(2, ServerError("500")) is None


def test_a_job_is_never_due_before_the_platforms_reset() -> None:
    reset = NOW + timedelta(hours=2)
    assert JOBS.next_at(NOW, 1, RateLimited("later", reset_at=reset)) == reset
    assert JOBS.next_at(NOW, 1, ServerError("500")) == NOW + timedelta(seconds=15)
    assert JOBS.next_at(NOW, 20, ServerError("500")) == NOW + timedelta(minutes=15)


def test_call_with_retries_retries_transient_errors_only() -> None:
    slept: list[float] = []
    calls = iter([ServerError("500"), ServerError("502"), "ok"])

    def call() -> str:
        item = next(calls)
        if isinstance(item, Exception):
            raise item
        return item

    policy = RetryPolicy(base_delay=0.1, jitter=False)
    assert call_with_retries(call, policy, sleep=slept.append) == "ok"
    assert slept == [0.1, 0.2]

    def refused() -> str:
        raise Rejected("duplicate")

    with pytest.raises(Rejected):
        call_with_retries(refused, policy, sleep=slept.append)
    assert slept == [0.1, 0.2]


def test_call_with_retries_respects_its_deadline() -> None:
    def down() -> None:
        raise ServerError("503")

    with pytest.raises(ServerError):
        call_with_retries(
            down, RetryPolicy(base_delay=5.0, jitter=False), deadline=3.0, monotonic=lambda: 0.0
        )
