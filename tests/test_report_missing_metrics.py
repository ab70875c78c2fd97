"""A metric a platform does not report (Mastodon counts no impressions, quotes or bookmarks;
Bluesky no impressions or bookmarks: their adapters' capabilities) is shown as "—", never
as 0, which would read as "nobody saw it"; the totals say whose posts they leave out."""

from __future__ import annotations

import html
import re
from datetime import timedelta

from fixtures_responses import LAUNCH, SeedAgency, add_snapshot, seed_campaign
from sqlalchemy import Engine, update

from broadcaster.platforms.registry import adapter
from broadcaster.responses.report import build_report, render, reported_metrics
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Post

CID = "tps-2026-0412"
MIXED = [
    SeedAgency("tps", "@TorontoPolice", 520_000, 0),
    SeedAgency("rcmp", "@rcmp@police.example", 81_000, 12, platform="mastodon"),
    SeedAgency("spvm", "spvm.bsky.social", 230_000, 31, platform="bluesky"),
]


def seeded(db_url: str, agencies: list[SeedAgency]) -> Engine:
    engine = open_db(db_url)
    ids = seed_campaign(engine, CID, agencies=agencies)
    for key, post_id in ids.items():
        add_snapshot(
            engine,
            CID,
            post_id,
            LAUNCH + timedelta(hours=1),
            # What tracking stores for a metric the platform has not: 0.
            impressions=4_000 if key == "tps" else 0,
            reposts=10,
            likes=30,
            bookmarks=2 if key == "tps" else 0,
        )
    return engine


def cells(document: str, label: str) -> list[str]:
    """The posts table's cells of one column (the last is the total row's)."""
    return re.findall(rf'<td class="num" data-label="{label}">([^<]*)</td>', document)


def test_the_capabilities_are_what_the_report_reads() -> None:
    assert reported_metrics("mastodon") == adapter("mastodon").capabilities.metrics
    assert "impressions" not in reported_metrics("mastodon")
    assert "impressions" not in reported_metrics("bluesky")
    assert {"impressions", "quotes", "bookmarks"} <= reported_metrics("sandbox")
    # An adapter no longer installed: what was stored is shown, not hidden.
    assert "impressions" in reported_metrics("no-such-platform")


def test_an_unreported_metric_is_a_dash_not_a_zero(db_url: str) -> None:
    report = build_report(seeded(db_url, MIXED), CID)
    document = render(report, "html")
    # Posts in order tps (X sandbox), rcmp (Mastodon), spvm (Bluesky), then the total.
    assert cells(document, "Impressions") == ["4,000", "—", "—", "4,000"]
    assert cells(document, "Quotes") == ["0", "—", "0", "0"]  # Bluesky counts quotes
    assert cells(document, "Reposts") == ["10", "10", "10", "30"]
    assert "<strong>—</strong> not reported by this platform." in document
    assert (
        "Impressions and bookmarks: not reported by Mastodon or Bluesky; the totals count the "
        "other platforms' posts only." in html.unescape(document)
    )
    assert "Quotes: not reported by Mastodon;" in document
    # The impressions card says whose posts have none.
    assert "latest count; Mastodon and Bluesky report none" in document
    # The bookmarks and the launch times are two facts, not a numbered list ("1. First").
    assert "<li>Bookmarks, all posts together: 2</li>" in document
    assert "Bookmarks: 2. First" not in document


def test_the_engagement_rate_counts_only_posts_with_impressions(db_url: str) -> None:
    report = build_report(seeded(db_url, MIXED), CID)
    # X's 10 reposts, 30 likes and 2 bookmarks over its 4,000 impressions; Mastodon's and
    # Bluesky's engagements have no impressions to be divided by.
    assert report.engagement_rate == (10 + 30 + 2) / 4_000
    assert report.engagements == 3 * 40 + 2  # the engagements themselves: every post's


def test_no_platform_reporting_it_gives_no_total(db_url: str) -> None:
    engine = seeded(db_url, MIXED[1:])  # Mastodon and Bluesky only
    report = build_report(engine, CID)
    document = render(report, "html")
    assert cells(document, "Impressions") == ["—", "—", "—"]
    assert report.total("impressions") is None and report.engagement_rate is None
    assert "Impressions and bookmarks: not reported by Mastodon or Bluesky, so no total." in (
        document
    )
    text = render(report, "text")
    assert "Impressions and bookmarks: not reported by Mastodon or Bluesky, so no total." in text
    markdown = render(report, "md")
    assert "| — | 20 | 0 | 0 | 60 | — |" in markdown  # the totals row


def test_a_platform_reporting_everything_needs_no_legend(db_url: str) -> None:
    document = render(build_report(seeded(db_url, MIXED[:1]), CID), "html")
    assert "—</td>" not in document
    assert "not reported by this platform" not in document
    assert "all posts, latest count" in document


def test_a_follower_count_never_read_is_a_dash(db_url: str) -> None:
    """An account whose profile could not be read at posting has no follower count: "—",
    with the legend, and the potential audience counts the others."""
    engine = seeded(db_url, MIXED[:2])
    with engine.begin() as connection:
        connection.execute(update(Post).where(Post.agency == "rcmp").values(followers=None))
    report = build_report(engine, CID)
    document = render(report, "html")
    assert cells(document, "Followers") == ["520,000", "—", "520,000"]
    assert "<strong>—</strong> not reported by this platform, or a follower count" in document
    assert report.potential_audience == 520_000
