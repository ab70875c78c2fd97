"""A flooded thread for the ingest benchmarks: replies as the X adapter returns them.

Four in five are a coordinated flood (the sandbox's K-pop lines, media-only links, a pool
of fresh accounts); the rest are the public's tips, questions, support and abuse in English
and French, written by the sandbox's phrase banks. Deterministic for a seed, and lazy: a
million replies never sit in memory together.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from broadcaster.platforms.base import RemoteReply
from broadcaster.sandbox import phrases

START = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
MIX = (("support", 0.42), ("question", 0.24), ("tip", 0.14), ("abuse", 0.1), ("spam", 0.1))
FLOOD_SHARE = 0.8


def thread(
    count: int, *, seed: int = 7, conversation: str = "1862000000000000000"
) -> Iterator[RemoteReply]:
    rng = random.Random(seed)
    names = [name for name, _ in MIX]
    weights = [weight for _, weight in MIX]
    flooders = [str(10**15 + n) for n in range(max(20, count // 500))]
    for n in range(count):
        at = START + timedelta(milliseconds=37 * n)
        if rng.random() < FLOOD_SHARE:
            media_only = rng.random() < 0.4
            author = rng.choice(flooders)
            yield RemoteReply(
                remote_id=str(1900000000000000000 + n),
                text=phrases.flood_text(rng, media_only),
                created_at=at,
                author_id=author,
                author_handle=f"@stan{author[-5:]}",
                author_created_at=at - timedelta(days=rng.uniform(0.05, 3)),
                in_reply_to=conversation,
                has_media=media_only,
            )
        else:
            label = rng.choices(names, weights)[0]
            author = str(2 * 10**15 + rng.randrange(10**9))
            yield RemoteReply(
                remote_id=str(1900000000000000000 + n),
                text=phrases.reply_text(
                    label,
                    rng.choice(("en", "fr")),
                    rng,
                    city="Toronto",
                    tip_line="416-222-8477",
                ),
                created_at=at,
                author_id=author,
                author_handle=f"@person{author[-6:]}",
                author_created_at=at - timedelta(days=rng.uniform(30, 4000)),
                in_reply_to=conversation,
            )


def seed_campaign_row(engine: object, campaign_id: str) -> None:
    """The campaign row the replies belong to (its foreign key)."""
    from sqlalchemy import Engine, insert

    from broadcaster.storage.models import CampaignRecord

    assert isinstance(engine, Engine)
    with engine.begin() as conn:
        conn.execute(
            insert(CampaignRecord.__table__),  # type: ignore[attr-defined]
            {
                "id": campaign_id,
                "path": f"campaigns/{campaign_id}.toml",
                "kind": "wanted",
                "status": "exercise",
                "lead": "toronto",
                "mode": "coordinated",
                "state": "launched",
                "created_at": START,
                "updated_at": START,
            },
        )
