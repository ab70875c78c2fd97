"""The reach report: its figures checked against the rows in the database, in every format."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta
from typing import Any

import pytest
from fixtures_responses import LAUNCH, SEED_REPLIES, add_reply, add_snapshot, seed_example
from sqlalchemy import Engine, func, insert, select

from broadcaster.errors import CampaignNotFound
from broadcaster.responses.report import METRICS, build_report, render, to_json
from broadcaster.responses.retention import purge
from broadcaster.responses.tips import LABELS, mark_followed_up
from broadcaster.states import JobState, PostState
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Job, MetricSnapshot, Post, Reply

CID = "tps-2026-0412"


def latest_totals(engine: Engine) -> dict[str, int]:
    """Independently of the report: each post's newest snapshot, summed."""
    with engine.connect() as conn:
        rows = conn.execute(select(MetricSnapshot).order_by(MetricSnapshot.taken_at)).all()
    newest = {row.post_id: row for row in rows}
    return {name: sum(getattr(row, name) for row in newest.values()) for name in METRICS}


def label_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        found = dict(conn.execute(select(Reply.label, func.count()).group_by(Reply.label)).all())
    return {label: found.get(label, 0) for label in LABELS}


def test_figures_match_the_database(db_url: str) -> None:
    engine = open_db(db_url)
    ids = seed_example(engine)
    report = build_report(engine, CID)

    with engine.connect() as conn:
        posts = conn.execute(select(Post).where(Post.occurrence == "launch")).all()
    times = [p.posted_at for p in posts]
    assert report.spread_ms == round((max(times) - min(times)).total_seconds() * 1000) == 31
    assert report.potential_audience == sum(p.followers for p in posts) == 831_000
    assert report.totals == latest_totals(engine)
    assert report.responses == label_counts(engine)
    assert report.tips_awaiting == 2 and report.tips_followed_up == 0
    assert report.flood_replies == 2
    assert report.engagement_rate == pytest.approx(
        sum(report.totals[m] for m in METRICS[1:]) / report.totals["impressions"]
    )
    # Per post: the newest snapshot's counters.
    by_agency = {p.agency: p for p in report.posts}
    assert by_agency["spvm"].metrics["impressions"] == 3000 * 5
    assert set(by_agency) == set(ids)
    # Reach over time only grows, and ends at the totals.
    impressions = [p.impressions for p in report.reach]
    assert impressions == sorted(impressions) and impressions[-1] == report.totals["impressions"]
    assert report.reach[-1].at == LAUNCH + timedelta(hours=3)
    engine.dispose()


def test_json_has_the_spec_shape(responses_engine: Engine, seeded: dict[str, int]) -> None:
    data = json.loads(render(build_report(responses_engine, CID), "json"))
    assert list(data)[:5] == ["campaign", "spread_ms", "posts", "totals", "responses"]
    assert data["campaign"] == CID and data["spread_ms"] == 31
    assert list(data["totals"]) == [
        "impressions",
        "reposts",
        "quotes",
        "replies",
        "likes",
        "bookmarks",
    ]
    assert data["responses"] == {"tip": 2, "question": 1, "support": 1, "spam": 2, "abuse": 1}
    assert {"agency", "url", "posted_at", "followers", "impressions"} <= set(data["posts"][0])
    assert data["potential_audience"] == 831_000
    assert data["tips_awaiting_follow_up"] == 2
    assert [t["text"] for t in data["tips"]] == [SEED_REPLIES[1][1], SEED_REPLIES[0][1]]


def test_follow_ups_reposts_and_failures(responses_engine: Engine, seeded: dict[str, int]) -> None:
    from fixtures_responses import seed_campaign

    mark_followed_up(responses_engine, CID, "1900000000000000000", "Sgt. Roy")
    seed_campaign(
        responses_engine,
        "other-1",
        extra_posts=[
            {
                "agency": "tps",
                "kind": "scheduled_repost",
                "occurrence": "r1",
                "state": PostState.POSTED,
            },
            {
                "agency": "rcmp",
                "kind": "scheduled_repost",
                "occurrence": "r1",
                "state": PostState.FAILED,
                "error": "the account is suspended (403)",
            },
        ],
    )
    # What the scheduler still has to do, and what it skipped.
    with responses_engine.begin() as conn:
        pending, claimed = JobState.PENDING, JobState.CLAIMED
        jobs = (JobState.DONE, JobState.FAILED, pending, pending, claimed, JobState.SKIPPED)
        for n, state in enumerate(jobs):
            conn.execute(
                insert(Job),
                {
                    "campaign_id": "other-1",
                    "agency": "tps",
                    "kind": "repost",
                    "occurrence": f"r{n}",
                    "due_at": LAUNCH + timedelta(hours=12 * n),
                    "state": state,
                    "attempts": 0,
                },
            )
    mine = build_report(responses_engine, CID)
    assert mine.tips_awaiting == 1 and mine.tips_followed_up == 1
    assert [t.remote_id for t in mine.tips] == ["1900000000000000001"]
    other = build_report(responses_engine, "other-1")
    assert other.reposts == {"done": 1, "pending": 3, "failed": 1, "skipped": 1}
    assert [(p.agency, p.error) for p in other.failures] == [
        ("rcmp", "the account is suspended (403)")
    ]
    assert other.responses == dict.fromkeys(LABELS, 0)  # the other campaign's replies stay apart
    assert "Failures" in render(other, "md") and "suspended" in render(other, "html")


def test_markdown_and_csv(responses_engine: Engine, seeded: dict[str, int]) -> None:
    add_reply(
        responses_engine,
        CID,
        seeded["tps"],
        "1900000000000000099",
        "| col | <script>alert(1)</script> **bold** [x](http://evil.example)",
        label="tip",
        created_at=LAUNCH + timedelta(hours=5),
    )
    report = build_report(responses_engine, CID)
    md = render(report, "md")
    line = next(x for x in md.splitlines() if "col" in x)
    assert "<script>" not in md and "&lt;script&gt;" in line
    assert r"\| col \|" in line and r"\*\*bold\*\*" in line and r"\[x\]" in line
    assert "Launch spread | 31 ms across 3 agencies" in md

    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert [r["agency"] for r in rows] == ["tps", "rcmp", "spvm", "TOTAL"]
    assert int(rows[-1]["impressions"]) == report.totals["impressions"]
    assert int(rows[-1]["followers"]) == 831_000


def test_text_report(responses_engine: Engine, seeded: dict[str, int]) -> None:
    text = render(build_report(responses_engine, CID), "text")
    assert "[EXERCISE]" in text
    assert "Launch spread            31 ms across 3 agencies" in text
    assert "831,000 followers" in text
    assert "Je l'ai vu hier soir" in text


def test_html_is_self_contained_and_escaped(
    responses_engine: Engine, seeded: dict[str, int]
) -> None:
    add_reply(
        responses_engine,
        CID,
        seeded["tps"],
        "1900000000000000098",
        '<script>document.title="pwned"</script><img src=x onerror="alert(1)">',
        label="tip",
        created_at=LAUNCH + timedelta(hours=5),
    )
    html = render(build_report(responses_engine, CID), "html")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in html
    # Nothing is loaded from anywhere: no src, no stylesheet link, no url() but the
    # chart's own #fragments, no xlink to outside.
    assert not re.search(r"<[^>]*\s(src|srcset|action|formaction|background)\s*=", html)
    assert "<link" not in html and "@import" not in html
    assert not re.search(r"url\((?!#)", html)
    assert not re.search(r"xlink:href=\"(?!#)", html)
    assert "<svg" in html  # the chart, inline


def test_purged_replies_still_add_up(responses_engine: Engine, seeded: dict[str, int]) -> None:
    before = build_report(responses_engine, CID)
    done = purge(responses_engine, "1d", operator="records", now=LAUNCH + timedelta(days=2))
    assert done.replies == len(SEED_REPLIES)
    after = build_report(responses_engine, CID)
    assert after.responses == before.responses
    assert after.totals == before.totals
    assert after.purged_replies == len(SEED_REPLIES)
    assert after.tips_awaiting == 2 and all(t.text is None and t.author is None for t in after.tips)
    assert "removed after retention" in render(after, "html")


def test_a_campaign_without_tracking_yet(responses_engine: Engine) -> None:
    from fixtures_responses import seed_campaign

    seed_campaign(responses_engine, "fresh-1")
    report = build_report(responses_engine, "fresh-1")
    assert report.reach == [] and report.engagement_rate is None
    assert report.totals == dict.fromkeys(METRICS, 0)
    assert "Not enough tracking snapshots yet" in render(report, "html")
    assert to_json(report)["responses"] == dict.fromkeys(LABELS, 0)


def test_unknown_campaign(responses_engine: Engine) -> None:
    with pytest.raises(CampaignNotFound, match="no campaign 'nope' in the database"):
        build_report(responses_engine, "nope")


def test_snapshots_far_apart_make_a_bounded_chart(responses_engine: Engine) -> None:
    from fixtures_responses import seed_campaign

    ids = seed_campaign(responses_engine, "long-1")
    for minute in range(0, 3 * 24 * 60, 7):
        for n, post_id in enumerate(ids.values(), start=1):
            add_snapshot(
                responses_engine,
                "long-1",
                post_id,
                LAUNCH + timedelta(minutes=minute),
                impressions=minute * n,
            )
    report = build_report(responses_engine, "long-1")
    assert 2 <= len(report.reach) <= 61
    assert report.reach[-1].impressions == report.totals["impressions"]


def test_after_a_real_launch_tracking_and_report_agree_with_the_sandbox(launched: Any) -> None:
    from broadcaster.responses.tracking import track
    from broadcaster.timeutil import parse_instant

    drill = launched.drill
    posts = drill.server.posts()  # the agencies' own posts: the launch
    stamps = sorted(parse_instant(p["created_at"]) for p in posts)
    first = posts[0]
    for n in range(4):
        drill.server.add_reply(first["id"], f"@viewer{n}", f"Shared with my family, stay safe {n}")
    result = track(drill.settings, launched.campaign_id, engine=launched.engine)
    assert result.new_replies == 4 and not result.failed

    report = build_report(launched.engine, launched.campaign_id, settings=drill.settings)
    # The launch spread is the server's: first to last created_at it recorded (the API
    # gives those times to the millisecond, the debrief endpoint to the microsecond).
    assert report.spread_ms is not None
    assert abs(report.spread_ms - (stamps[-1] - stamps[0]).total_seconds() * 1000) <= 1
    assert sorted(report.agencies_posted) == sorted(drill.keys)
    followers = {a.handle: a.followers for a in drill.server.accounts}
    assert report.potential_audience == sum(followers.values())
    assert sum(report.responses.values()) == 4
    assert all(p.url and p.url.startswith(drill.url) for p in report.posts)
    assert report.totals["replies"] == 4  # the platform's own reply counter, via a snapshot
