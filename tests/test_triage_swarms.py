"""swarms.py: many accounts pushing one contact or site within a window, bounded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from broadcaster.responses.triage.swarms import RememberedTexts, Swarms

T0 = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


def test_distinct_accounts_within_the_window_make_a_swarm() -> None:
    swarms = Swarms(3, timedelta(hours=6), keys_max=16)
    swarms.count("@finder", "@a", T0)
    swarms.count("@finder", "@a", T0 + timedelta(minutes=5))  # the same account again
    swarms.count("@finder", "@b", T0 + timedelta(minutes=9))
    assert not swarms and swarms.piled("@finder") is None
    swarms.count("@finder", "@c", T0 + timedelta(minutes=40))
    assert swarms and swarms.piled("@finder") == (3, 40)


def test_pushes_far_apart_or_out_of_order_count_by_their_own_times() -> None:
    swarms = Swarms(3, timedelta(hours=6), keys_max=16)
    swarms.count("site.live", "@a", T0)
    swarms.count("site.live", "@b", T0 + timedelta(hours=7))
    swarms.count("site.live", "@c", T0 + timedelta(hours=14))
    assert swarms.piled("site.live") is None  # never three within six hours
    swarms.count("site.live", "@d", T0 + timedelta(hours=10))  # arrives late, between them
    assert swarms.piled("site.live") == (3, 420)


def test_the_least_recently_pushed_key_is_forgotten_first() -> None:
    swarms = Swarms(1, timedelta(hours=1), keys_max=2)
    swarms.count("one", "@a", T0)
    swarms.count("two", "@a", T0)
    swarms.count("one", "@b", T0)  # "one" pushed again: "two" is now the oldest
    swarms.count("three", "@a", T0)
    assert swarms.piled("two") is None
    assert swarms.piled("one") is not None and swarms.piled("three") is not None


def test_remembered_texts_drop_the_oldest_half_when_full() -> None:
    texts = RememberedTexts(4)
    for text in "abcd":
        texts.add(text)
    texts.add("e")
    assert len(texts) == 3
    assert (
        "a" not in texts
        and "b" not in texts
        and {"c", "d", "e"} <= {t for t in "abcde" if t in texts}
    )
