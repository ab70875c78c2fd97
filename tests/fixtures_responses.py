"""Tracked replies and metrics for tests (responses area).

`seed_campaign` writes a launched campaign straight into the database (campaign row, one
posted launch post per agency with known times and followers), so report, tips and purge
tests do not depend on a launch; the tracking tests post to a real sandbox instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, insert

from broadcaster.storage.db import open_db
from broadcaster.storage.models import CampaignRecord, MetricSnapshot, Post, Reply

LAUNCH = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


@dataclass(frozen=True)
class SeedAgency:
    key: str
    handle: str
    followers: int
    offset_ms: int  # after the launch instant
    platform: str = "sandbox"


DEFAULT_AGENCIES = (
    SeedAgency("tps", "@TorontoPolice", 520_000, 0),
    SeedAgency("rcmp", "@RCMPNB", 81_000, 12),
    SeedAgency("spvm", "@SPVM", 230_000, 31),
)


def seed_campaign(
    engine: Engine,
    campaign_id: str = "tps-2026-0412",
    *,
    agencies: Sequence[SeedAgency] = DEFAULT_AGENCIES,
    status: str = "exercise",
    launch: datetime = LAUNCH,
    extra_posts: Sequence[dict[str, Any]] = (),
) -> dict[str, int]:
    """A launched campaign; returns agency key -> post id of its launch post."""
    with engine.begin() as conn:
        conn.execute(
            insert(CampaignRecord.__table__),  # type: ignore[attr-defined]
            {
                "id": campaign_id,
                "path": f"campaigns/{campaign_id}.toml",
                "kind": "wanted",
                "status": status,
                "lead": agencies[0].key,
                "mode": "coordinated",
                "state": "launched",
                "launched_at": launch,
                "created_at": launch - timedelta(hours=1),
                "updated_at": launch,
            },
        )
        ids: dict[str, int] = {}
        for number, agency in enumerate(agencies):
            posted = launch + timedelta(milliseconds=agency.offset_ms)
            remote_id = str(1862000000000000000 + hash((campaign_id, number)) % 10**15)
            result = conn.execute(
                insert(Post.__table__),  # type: ignore[attr-defined]
                {
                    "campaign_id": campaign_id,
                    "agency": agency.key,
                    "platform": agency.platform,
                    "handle": agency.handle,
                    "kind": "original",
                    "occurrence": "launch",
                    "state": "posted",
                    "text": f"EXERCISE {agency.key}",
                    "remote_id": remote_id,
                    "url": f"https://x.com/{agency.handle[1:]}/status/{remote_id}",
                    "sent_at": posted - timedelta(milliseconds=3),
                    "posted_at": posted,
                    "attempts": 1,
                    "followers": agency.followers,
                    "updated_at": posted,
                },
            )
            ids[agency.key] = int(result.inserted_primary_key[0])
        for extra in extra_posts:
            conn.execute(
                insert(Post.__table__),  # type: ignore[attr-defined]
                {
                    "campaign_id": campaign_id,
                    "platform": "sandbox",
                    "handle": "@TorontoPolice",
                    "text": "",
                    "attempts": 0,
                    "updated_at": launch,
                    **extra,
                },
            )
    return ids


def add_snapshot(
    engine: Engine, campaign_id: str, post_id: int, taken_at: datetime, **metrics: int
) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(MetricSnapshot.__table__),  # type: ignore[attr-defined]
            {
                "campaign_id": campaign_id,
                "post_id": post_id,
                "taken_at": taken_at,
                **{
                    name: metrics.get(name, 0)
                    for name in (
                        "impressions",
                        "reposts",
                        "quotes",
                        "replies",
                        "likes",
                        "bookmarks",
                    )
                },
            },
        )


def add_reply(
    engine: Engine,
    campaign_id: str,
    post_id: int | None,
    remote_id: str,
    text: str,
    *,
    label: str,
    created_at: datetime,
    author: str = "@someone",
    reasons: Sequence[str] = ("test",),
    flood_key: str | None = None,
    platform: str = "sandbox",
) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(Reply.__table__),  # type: ignore[attr-defined]
            {
                "campaign_id": campaign_id,
                "post_id": post_id,
                "platform": platform,
                "remote_id": remote_id,
                "author_handle": author,
                "author_id": author.lstrip("@") + "-id",
                "text": text,
                "created_at": created_at,
                "fetched_at": created_at + timedelta(minutes=1),
                "label": label,
                "reasons": json.dumps(list(reasons)),
                "score": 0.9,
                "flood_key": flood_key,
            },
        )


@dataclass(frozen=True)
class LivePost:
    agency: str
    post_id: int  # our row
    remote_id: str  # the sandbox's


def launch_on_sandbox(
    engine: Engine, drill: Any, campaign_id: str = "drill-2026-0001", *, keys: Sequence[str] = ()
) -> list[LivePost]:
    """Post from each drill agency through the real X adapter, and record the posts the
    way a launch does (campaign row, posted Post rows with followers at posting)."""
    keys = list(keys or drill.keys)
    now = datetime.now(UTC)
    seeds = []
    remote: dict[str, tuple[str, str, datetime]] = {}
    for key in keys:
        platform = drill.platform(key)
        try:
            account = platform.verify()
            published = platform.post(f"EXERCISE {campaign_id}: appeal from {key}")
        finally:
            platform.close()
        agency = drill.registry.get(key)
        seeds.append(SeedAgency(key, agency.handle, account.followers, 0, platform="sandbox"))
        remote[key] = (published.remote_id, published.url, published.created_at or now)
    ids = seed_campaign(engine, campaign_id, agencies=seeds, launch=now)
    from sqlalchemy import update

    posts = Post.__table__  # type: ignore[attr-defined]
    with engine.begin() as conn:
        for key, (remote_id, url, created) in remote.items():
            conn.execute(
                update(posts)
                .where(posts.c.id == ids[key])
                .values(remote_id=remote_id, url=url, posted_at=created)
            )
    return [LivePost(key, ids[key], remote[key][0]) for key in keys]


@pytest.fixture
def responses_engine(sqlite_url: str) -> Iterator[Engine]:
    """A migrated SQLite database in tmp_path (the URL is `sqlite_url`)."""
    engine = open_db(sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture
def seeded(responses_engine: Engine) -> dict[str, int]:
    """A launched exercise campaign 'tps-2026-0412' with three agencies, and a few
    snapshots and replies of every label."""
    return seed_example(responses_engine)


SEED_REPLIES = (
    ("tip", "I saw him at the Tim Hortons on King St around 9pm, call me 506-555-0101"),
    ("tip", "Je l'ai vu hier soir près du marché, il portait une veste rouge"),
    ("question", "Is there a reward for information?"),
    ("support", "Sharing. Hope they catch him soon"),
    ("spam", "FOLLOW @kpopstan for free stuff #kpop #kpop"),
    ("spam", "FOLLOW @kpopstan for free stuff #kpop #kpop!"),
    ("abuse", "useless cops as always"),
)


def seed_example(responses_engine: Engine) -> dict[str, int]:
    ids = seed_campaign(responses_engine)
    cid = "tps-2026-0412"
    for hour, scale in ((1, 1), (2, 3), (3, 5)):
        for n, (_key, post_id) in enumerate(ids.items(), start=1):
            add_snapshot(
                responses_engine,
                cid,
                post_id,
                LAUNCH + timedelta(hours=hour),
                impressions=1000 * n * scale,
                reposts=10 * n * scale,
                quotes=n * scale,
                replies=5 * n * scale,
                likes=20 * n * scale,
                bookmarks=n,
            )
    tps = ids["tps"]
    for n, (label, text) in enumerate(SEED_REPLIES):
        add_reply(
            responses_engine,
            cid,
            tps,
            str(1900000000000000000 + n),
            text,
            label=label,
            created_at=LAUNCH + timedelta(minutes=10 * (n + 1)),
            author=f"@person{n}",
            flood_key="kpop" if label == "spam" else None,
        )
    return ids
