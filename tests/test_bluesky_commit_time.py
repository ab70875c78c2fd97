"""A Bluesky post's server time: the PDS's clock in its commit's `rev` (a TID)."""

from __future__ import annotations

from datetime import UTC, datetime

from broadcaster.platforms.bluesky import commit_time

ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def _tid(instant: datetime, clock_id: int = 7) -> str:
    value = (int(instant.timestamp() * 1_000_000) << 10) | clock_id
    return "".join(ALPHABET[(value >> (5 * (12 - i))) & 31] for i in range(13))


def test_a_rev_gives_back_the_instant_the_pds_committed() -> None:
    instant = datetime(2026, 12, 7, 18, 17, 15, 123456, tzinfo=UTC)
    assert commit_time(_tid(instant)) == instant
    assert commit_time(_tid(instant, clock_id=1023)) == instant


def test_what_is_not_a_tid_gives_no_time() -> None:
    for rev in (None, "", "not-a-tid", "zzzzzzzzzzzzz", "3jzfcijpj2z2a2"):
        assert commit_time(rev) is None
