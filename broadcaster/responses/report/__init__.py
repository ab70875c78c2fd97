"""The reach report: queries → rows, then one renderer per format.

Every aggregate is computed by the database (GROUP BY over indexed columns), so a campaign
with a million replies reports as fast as one with ten; Python only ever sees per-post and
per-time-bucket rows. Renderers take a `Report` and never query.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, Integer, and_, cast, func, literal, select

from broadcaster.responses.packed import print_packed
from broadcaster.responses.report.case import UTC, CaseSummary, summarize_case
from broadcaster.responses.tips import LABELS, relabel_reasons, reply_url
from broadcaster.responses.tracking import require_campaign
from broadcaster.safetext import for_terminal, inert_json
from broadcaster.states import CAMPAIGN_CLOSED, JOB_NOT_RUN, JOB_OPEN, POST_DONE, POST_NOT_SENT
from broadcaster.storage.models import (
    CampaignRecord,
    CaseUpdate,
    Job,
    MetricSnapshot,
    Post,
    Reply,
)
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from broadcaster.config import Settings

FORMATS = ("text", "md", "html", "csv", "json")
METRICS = ("impressions", "reposts", "quotes", "replies", "likes", "bookmarks")
ENGAGEMENTS = ("reposts", "quotes", "replies", "likes", "bookmarks")
TIPS_SHOWN = 25
# A reply longer than a post is shown this far where people read (terminal, Markdown, HTML):
# one 4,000-character reply must not bury the others. JSON and CSV keep the whole text.
REPLY_SHOWN = 280
TIPS_WHOLE_TEXT = "broadcaster tips --format csv / json"
REACH_BUCKETS = 60
# How a reader names a platform in a sentence ("not reported by Mastodon"); others by name.
PLATFORM_NAMES = {
    "x": "X",
    "sandbox": "the X sandbox",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
}

POSTS = Post.__table__  # type: ignore[attr-defined]
SNAPSHOTS = MetricSnapshot.__table__  # type: ignore[attr-defined]
REPLIES = Reply.__table__  # type: ignore[attr-defined]
CAMPAIGNS = CampaignRecord.__table__  # type: ignore[attr-defined]
JOBS = Job.__table__  # type: ignore[attr-defined]
UPDATES = CaseUpdate.__table__  # type: ignore[attr-defined]


@dataclass
class PostLine:
    agency: str
    platform: str
    handle: str
    kind: str
    occurrence: str
    state: str
    remote_id: str | None
    url: str | None
    posted_at: datetime | None
    followers: int | None
    error: str | None
    metrics: dict[str, int]
    text: str = ""
    # The metrics its platform reports (the adapter's capabilities): a metric it does not
    # report is stored as 0, which a reader must not take for "nobody saw it".
    reported: frozenset[str] = frozenset(METRICS)

    @property
    def engagements(self) -> int:
        return sum(self.metrics[name] for name in ENGAGEMENTS)

    def figure(self, name: str) -> int | None:
        """The metric as a reader sees it: None (shown "—") where the platform has none."""
        return self.metrics[name] if name in self.reported else None

    @property
    def account(self) -> str:
        """The account it was posted from, as a reader names it: `@handle (platform)`."""
        return f"{self.handle} ({self.platform})" if self.handle else self.platform

    @property
    def label(self) -> str:
        """Its kind as a reader says it: a mid-case update is `update 2`."""
        prefix, _, number = self.occurrence.partition("-")
        if self.kind == "update" and prefix == "update" and number.isdigit():
            return f"update {number}"
        return self.kind

    def to_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "platform": self.platform,
            "handle": self.handle,
            "kind": self.kind,
            "occurrence": self.occurrence,
            "state": self.state,
            "remote_id": self.remote_id,
            "url": self.url,
            "posted_at": self.posted_at.isoformat() if self.posted_at else None,
            "followers": self.followers,  # null: the profile could not be read at posting
            "error": self.error,
            # null where the platform has no such metric (Mastodon's impressions), not 0.
            **{name: self.figure(name) for name in METRICS},
        }


@dataclass
class UpdateLine:
    """A mid-case update: who signed it and when, its notes (language -> text), whether it
    brought a new photo, and its replies, one per account."""

    number: int
    officer: str
    signed_at: datetime
    notes: dict[str, str]
    photo: bool
    posts: list[PostLine]

    def to_json(self) -> dict[str, Any]:
        return {
            "update": self.number,
            "officer": self.officer,
            "signed_at": self.signed_at.isoformat(),
            "notes": dict(self.notes),
            "new_photo": self.photo,
            "posts": [
                {
                    "agency": p.agency,
                    "platform": p.platform,
                    "handle": p.handle,
                    "state": p.state,
                    "url": p.url,
                    "posted_at": p.posted_at.isoformat() if p.posted_at else None,
                    "error": p.error,
                }
                for p in self.posts
            ],
        }


@dataclass
class TipLine:
    remote_id: str
    agency: str | None
    author: str | None
    text: str | None
    created_at: datetime | None
    reasons: list[str]
    url: str
    purged: bool


@dataclass
class ReachPoint:
    at: datetime
    impressions: int
    engagements: int


@dataclass
class Report:
    campaign_id: str
    kind: str
    status: str  # actual | exercise
    state: str
    mode: str
    lead: str
    outcome: str | None
    launched_at: datetime | None
    expires_at: datetime | None
    generated_at: datetime
    posts: list[PostLine]
    first_posted_at: datetime | None
    last_posted_at: datetime | None
    # The followers of the accounts whose count was read at posting; None when no account's
    # count could be read (`unknown_followers` names the accounts it leaves out).
    potential_audience: int | None
    totals: dict[str, int]
    responses: dict[str, int]
    flood_replies: int
    purged_replies: int
    tips_awaiting: int
    tips_followed_up: int
    tips: list[TipLine]
    reach: list[ReachPoint]
    reposts: dict[str, int]
    failures: list[PostLine] = field(default_factory=list)
    case: CaseSummary = field(default_factory=lambda: CaseSummary(title=""))
    updates: list[UpdateLine] = field(default_factory=list)  # mid-case updates, oldest first

    @property
    def title(self) -> str:
        return self.case.title or self.campaign_id

    @property
    def zone(self) -> ZoneInfo:
        return self.case.zone

    @property
    def spread_ms(self) -> int | None:
        if self.first_posted_at is None or self.last_posted_at is None:
            return None
        return round((self.last_posted_at - self.first_posted_at) / timedelta(milliseconds=1))

    @property
    def engagements(self) -> int:
        return sum(self.totals[name] for name in ENGAGEMENTS)

    @property
    def engagement_rate(self) -> float | None:
        """Engagements per impression, over the posts whose platform counts impressions:
        a Mastodon post's likes divided by X's impressions would inflate the rate."""
        counted = [p for p in self.posts if "impressions" in p.reported]
        impressions = sum(p.metrics["impressions"] for p in counted)
        return sum(p.engagements for p in counted) / impressions if impressions else None

    @property
    def unknown_followers(self) -> list[PostLine]:
        """The launch posts whose account's follower count could not be read when they
        posted (a Bluesky profile not in the AppView yet): the potential audience leaves
        them out, rather than counting them as 0."""
        return [
            p
            for p in self.posts
            if p.occurrence == "launch" and p.posted_at is not None and p.followers is None
        ]

    def unreported(self, name: str) -> list[str]:
        """The platforms (as a reader names them) of posts whose platform does not report
        metric `name`: its total leaves them out."""
        found = {p.platform: None for p in self.posts if name not in p.reported}
        return [PLATFORM_NAMES.get(platform, platform) for platform in found]

    def total(self, name: str) -> int | None:
        """A metric's total, or None when no post's platform reports it at all."""
        if self.posts and all(name not in p.reported for p in self.posts):
            return None
        return self.totals[name]

    @property
    def stored_replies(self) -> int:
        return sum(self.responses.values())

    @property
    def is_closed(self) -> bool:
        return self.state in CAMPAIGN_CLOSED

    @property
    def is_exercise(self) -> bool:
        return self.status == "exercise"

    @property
    def agencies_posted(self) -> list[str]:
        seen: dict[str, None] = {}
        for post in self.posts:
            if post.occurrence == "launch" and post.posted_at is not None:
                seen.setdefault(post.agency)
        return list(seen)


# -- queries ---------------------------------------------------------------------------


def build_report(
    engine: Engine,
    campaign_id: str,
    *,
    settings: Settings | None = None,
    tips: int = TIPS_SHOWN,
    with_photo: bool = False,
) -> Report:
    """Everything the report shows, computed by the database; the case itself (title,
    photo, agency names, the lead's zone) from the files when `settings` can find them."""
    with engine.connect() as connection:
        require_campaign(connection, campaign_id)  # not found: the sentence tips and status say
        campaign = connection.execute(select(CAMPAIGNS).where(CAMPAIGNS.c.id == campaign_id)).one()
        posts = _posts(connection, campaign_id)
        _mark_reported(posts)
        launch = [p for p in posts if p.occurrence == "launch" and p.posted_at is not None]
        totals = {name: sum(p.metrics[name] for p in posts) for name in METRICS}
        responses, floods, purged, awaiting, followed = _responses(connection, campaign_id)
        tip_lines = _tips(connection, campaign_id, posts, settings, limit=tips)
        reach = _reach(connection, campaign_id)
        reposts = _reposts(connection, campaign_id, posts)
        updates = _updates(connection, campaign_id, posts)
    lead_post = next(
        (p for p in launch if p.agency == campaign.lead and p.kind == "original"),
        launch[0] if launch else None,
    )
    case = summarize_case(
        campaign_id=campaign.id,
        kind=campaign.kind,
        lead=campaign.lead,
        path=campaign.path,
        posted_text=lead_post.text if lead_post else None,
        settings=settings,
        with_photo=with_photo,
    )
    return Report(
        campaign_id=campaign.id,
        kind=campaign.kind,
        status=campaign.status,
        state=campaign.state,
        mode=campaign.mode,
        lead=campaign.lead,
        outcome=campaign.outcome,
        launched_at=campaign.launched_at,
        expires_at=campaign.expires_at,
        generated_at=utcnow(),
        posts=posts,
        first_posted_at=min((p.posted_at for p in launch if p.posted_at), default=None),
        last_posted_at=max((p.posted_at for p in launch if p.posted_at), default=None),
        potential_audience=_audience(launch),
        totals=totals,
        responses=responses,
        flood_replies=floods,
        purged_replies=purged,
        tips_awaiting=awaiting,
        tips_followed_up=followed,
        tips=tip_lines,
        reach=reach,
        reposts=reposts,
        failures=[p for p in posts if p.state in POST_NOT_SENT],
        case=case,
        updates=updates,
    )


def _audience(launch: list[PostLine]) -> int | None:
    """The known follower counts added up; None when there were posts but no count was
    known (a 0 there would read as "nobody follows these accounts")."""
    known = [p.followers for p in launch if p.followers is not None]
    return sum(known) if known or not launch else None


def _posts(connection: Any, campaign_id: str) -> list[PostLine]:
    """Each post with its latest snapshot (one GROUP BY over the snapshots)."""
    latest_time = (
        select(SNAPSHOTS.c.post_id, func.max(SNAPSHOTS.c.taken_at).label("taken_at"))
        .where(SNAPSHOTS.c.campaign_id == campaign_id)
        .group_by(SNAPSHOTS.c.post_id)
        .subquery()
    )
    latest = (
        select(
            SNAPSHOTS.c.post_id,
            *(func.max(SNAPSHOTS.c[name]).label(name) for name in METRICS),
        )
        .join(
            latest_time,
            and_(
                SNAPSHOTS.c.post_id == latest_time.c.post_id,
                SNAPSHOTS.c.taken_at == latest_time.c.taken_at,
            ),
        )
        .group_by(SNAPSHOTS.c.post_id)
        .subquery()
    )
    rows = connection.execute(
        select(POSTS, *(latest.c[name].label(f"m_{name}") for name in METRICS))
        .outerjoin(latest, latest.c.post_id == POSTS.c.id)
        .where(POSTS.c.campaign_id == campaign_id)
        .order_by(POSTS.c.posted_at.is_(None), POSTS.c.posted_at, POSTS.c.agency, POSTS.c.id)
    ).all()
    return [
        PostLine(
            agency=row.agency,
            platform=row.platform,
            handle=row.handle,
            kind=row.kind,
            occurrence=row.occurrence,
            state=row.state,
            remote_id=row.remote_id,
            url=row.url,
            posted_at=row.posted_at,
            followers=row.followers,
            error=row.error,
            text=row.text or "",
            metrics={name: int(getattr(row, f"m_{name}") or 0) for name in METRICS},
        )
        for row in rows
    ]


def reported_metrics(platform: str) -> frozenset[str]:
    """The metrics `platform` reports, as its adapter's capabilities state them. A platform
    with no adapter installed now keeps what was stored (it was counted when tracked)."""
    from broadcaster.platforms.registry import reported_metrics as of_platform

    reported = of_platform(platform)
    return frozenset(METRICS) if reported is None else reported & frozenset(METRICS)


def _mark_reported(posts: list[PostLine]) -> None:
    known: dict[str, frozenset[str]] = {}
    for post in posts:
        if post.platform not in known:
            known[post.platform] = reported_metrics(post.platform)
        post.reported = known[post.platform]


def _updates(connection: Any, campaign_id: str, posts: list[PostLine]) -> list[UpdateLine]:
    """The campaign's mid-case updates, each with its replies (journal occurrence
    `update-<N>`)."""
    import json

    rows = connection.execute(
        select(UPDATES).where(UPDATES.c.campaign_id == campaign_id).order_by(UPDATES.c.number)
    ).all()
    return [
        UpdateLine(
            number=row.number,
            officer=row.officer,
            signed_at=_as_datetime(row.created_at),
            notes=json.loads(row.notes or "{}"),
            photo=row.photo_sha256 is not None,
            posts=[
                p for p in posts if p.kind == "update" and p.occurrence == f"update-{row.number}"
            ],
        )
        for row in rows
    ]


def _reposts(connection: Any, campaign_id: str, posts: list[PostLine]) -> dict[str, int]:
    """Scheduled reposts: sent (their posts), still to come (the scheduler's jobs), failed,
    and skipped or cancelled (outside local hours, or the case closed first)."""
    out = {"done": 0, "pending": 0, "failed": 0, "skipped": 0}
    for post in posts:
        if post.kind == "scheduled_repost":
            if post.state in POST_DONE:
                out["done"] += 1
            elif post.state in POST_NOT_SENT:
                out["failed"] += 1
    for state, number in connection.execute(
        select(JOBS.c.state, func.count())
        .where(JOBS.c.campaign_id == campaign_id, JOBS.c.kind == "repost")
        .group_by(JOBS.c.state)
    ):
        if state in JOB_OPEN:
            out["pending"] += int(number)
        elif state in JOB_NOT_RUN:
            out["skipped"] += int(number)
    return out


def _responses(connection: Any, campaign_id: str) -> tuple[dict[str, int], int, int, int, int]:
    """Counts per label (an index-only scan); floods, follow-ups and purges through their
    partial indexes (the conditions below must match the indexes' WHERE clauses)."""
    counts = dict.fromkeys(LABELS, 0)
    for label, number in connection.execute(
        select(REPLIES.c.label, func.count())
        .where(REPLIES.c.campaign_id == campaign_id)
        .group_by(REPLIES.c.label)
    ):
        counts[label] = int(number)

    def count(*conditions: Any) -> int:
        query = select(func.count()).where(REPLIES.c.campaign_id == campaign_id, *conditions)
        return int(connection.execute(query).scalar_one())

    floods = count(REPLIES.c.flood_key.is_not(None))
    purged = count(REPLIES.c.purged_at.is_not(None))
    followed = count(REPLIES.c.followed_up_at.is_not(None), REPLIES.c.label == "tip")
    return counts, floods, purged, counts.get("tip", 0) - followed, followed


def _tips(
    connection: Any,
    campaign_id: str,
    posts: list[PostLine],
    settings: Settings | None,
    *,
    limit: int,
) -> list[TipLine]:
    import json

    by_post = {}
    for row in connection.execute(
        select(POSTS.c.id, POSTS.c.agency).where(POSTS.c.campaign_id == campaign_id)
    ):
        by_post[row.id] = row.agency
    rows = connection.execute(
        select(REPLIES)
        .where(
            REPLIES.c.campaign_id == campaign_id,
            REPLIES.c.label == "tip",
            REPLIES.c.followed_up_at.is_(None),
        )
        .order_by(REPLIES.c.created_at.desc(), REPLIES.c.id.desc())
        .limit(limit)
    ).all()
    return [
        TipLine(
            remote_id=row.remote_id,
            agency=by_post.get(row.post_id),
            author=row.author_handle,
            text=row.text,
            created_at=row.created_at,
            # An officer's correction first, in the words `tips` uses: the machine's reasons
            # alone would explain a label the officer overruled.
            reasons=[
                *relabel_reasons(
                    row.label, row.machine_label, row.relabelled_by, row.relabelled_via
                ),
                *json.loads(row.reasons or "[]"),
            ],
            url=reply_url(row.platform, row.remote_id, row.author_handle, settings, row.url),
            purged=row.purged_at is not None,
        )
        for row in rows
    ]


def _bucket(connection: Any, start: datetime, width: float) -> Any:
    """The index of `taken_at`'s time bucket, in SQL (each dialect its own date maths)."""
    taken = SNAPSHOTS.c.taken_at
    if connection.dialect.name == "sqlite":
        origin = start.strftime("%Y-%m-%d %H:%M:%S.%f")
        seconds = (func.julianday(taken) - func.julianday(literal(origin))) * 86400.0
        return cast(seconds / width, Integer)
    epoch = func.extract("epoch", taken) - start.timestamp()
    return func.floor(epoch / width)


def _reach(connection: Any, campaign_id: str) -> list[ReachPoint]:
    """Impressions and engagements over time: per post and time bucket the largest
    counter (counters only grow), then each post's last value carried forward."""
    span = connection.execute(
        select(func.min(SNAPSHOTS.c.taken_at), func.max(SNAPSHOTS.c.taken_at)).where(
            SNAPSHOTS.c.campaign_id == campaign_id
        )
    ).one()
    if span[0] is None:
        return []
    start, end = _as_datetime(span[0]), _as_datetime(span[1])
    width = max((end - start).total_seconds() / REACH_BUCKETS, 1.0)
    bucket = _bucket(connection, start, width).label("bucket")
    engaged = sum((SNAPSHOTS.c[name] for name in ENGAGEMENTS[1:]), SNAPSHOTS.c[ENGAGEMENTS[0]])
    rows = connection.execute(
        select(
            SNAPSHOTS.c.post_id,
            bucket,
            func.max(SNAPSHOTS.c.impressions),
            func.max(engaged),
            func.max(SNAPSHOTS.c.taken_at),
        )
        .where(SNAPSHOTS.c.campaign_id == campaign_id)
        .group_by(SNAPSHOTS.c.post_id, bucket)
        .order_by(bucket)
    ).all()
    buckets: dict[int, list[tuple[int, int, int]]] = {}
    latest: dict[int, datetime] = {}
    for post_id, index, impressions, engagements, taken_at in rows:
        buckets.setdefault(int(index), []).append(
            (post_id, int(impressions or 0), int(engagements or 0))
        )
        at = _as_datetime(taken_at)
        latest[int(index)] = max(latest.get(int(index), at), at)
    current: dict[int, tuple[int, int]] = {}
    points = []
    for index in sorted(buckets):
        for post_id, impressions, engagements in buckets[index]:
            before = current.get(post_id, (0, 0))
            current[post_id] = (max(before[0], impressions), max(before[1], engagements))
        points.append(
            ReachPoint(
                at=latest[index],
                impressions=sum(v[0] for v in current.values()),
                engagements=sum(v[1] for v in current.values()),
            )
        )
    return points


def _as_datetime(value: Any) -> datetime:
    if isinstance(value, str):  # SQLite aggregates lose the column type
        return as_utc(datetime.fromisoformat(value))
    return as_utc(value)


# -- renderers -------------------------------------------------------------------------


def to_json(report: Report) -> dict[str, Any]:
    """The SPEC's shape, with extra fields after it."""
    return {
        "campaign": report.campaign_id,
        "spread_ms": report.spread_ms,
        "posts": [p.to_json() for p in report.posts],
        "totals": dict(report.totals),
        "responses": dict(report.responses),
        "status": report.status,
        "state": report.state,
        "kind": report.kind,
        "mode": report.mode,
        "outcome": report.outcome,
        "generated_at": report.generated_at.isoformat(),
        "launched_at": report.launched_at.isoformat() if report.launched_at else None,
        "first_posted_at": report.first_posted_at.isoformat() if report.first_posted_at else None,
        "last_posted_at": report.last_posted_at.isoformat() if report.last_posted_at else None,
        "agencies_posted": report.agencies_posted,
        "potential_audience": report.potential_audience,
        # The accounts it leaves out: their follower count could not be read at posting.
        "potential_audience_leaves_out": [p.agency for p in report.unknown_followers],
        "engagements": report.engagements,
        "engagement_rate": report.engagement_rate,
        "flood_replies": report.flood_replies,
        "purged_replies": report.purged_replies,
        "tips_awaiting_follow_up": report.tips_awaiting,
        "tips_followed_up": report.tips_followed_up,
        "tips": [
            {
                "id": t.remote_id,
                "agency": t.agency,
                "author": t.author,
                "text": t.text,
                "created_at": t.created_at.isoformat() if t.created_at else None,
                "reasons": t.reasons,
                "url": t.url,
            }
            for t in report.tips
        ],
        "reach": [
            {"at": p.at.isoformat(), "impressions": p.impressions, "engagements": p.engagements}
            for p in report.reach
        ],
        "reposts": dict(report.reposts),
        "failures": [
            {
                "agency": p.agency,
                "kind": p.kind,
                "state": p.state,
                "error": p.error,
                "platform": p.platform,
                "handle": p.handle,
                "occurrence": p.occurrence,
            }
            for p in report.failures
        ],
        "updates": [u.to_json() for u in report.updates],
    }


CSV_COLUMNS = (
    "agency",
    "handle",
    "platform",
    "kind",
    "occurrence",
    "state",
    "posted_at",
    "url",
    "followers",
    *METRICS,
    "error",
)


def render_csv(report: Report) -> str:
    """One row per post (a spreadsheet's view), then a total row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for post in report.posts:
        writer.writerow(
            [
                post.agency,
                post.handle,
                post.platform,
                post.kind,
                post.occurrence,
                post.state,
                post.posted_at.isoformat() if post.posted_at else "",
                for_terminal(post.url or ""),
                "" if post.followers is None else post.followers,
                *("" if post.figure(name) is None else post.figure(name) for name in METRICS),
                for_terminal(post.error or ""),
            ]
        )
    writer.writerow(
        [
            "TOTAL",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "" if report.potential_audience is None else report.potential_audience,
            *("" if report.total(name) is None else report.total(name) for name in METRICS),
            "",
        ]
    )
    return out.getvalue()


def fmt_time(value: datetime | None, *, ms: bool = False, zone: ZoneInfo = UTC) -> str:
    """A time in `zone` (the lead agency's, in reports) with its abbreviation: "EST"."""
    if value is None:
        return "—"
    value = as_utc(value).astimezone(zone)
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    if ms:
        text += f".{value.microsecond // 1000:03d}"
    return f"{text} {value.tzname() or zone.key}"


def shorten_reply(text: str, whole_in: str, limit: int = REPLY_SHOWN) -> str:
    """A reply as people read it: the first `limit` characters (cut at a space when one is
    near), then how long the whole is and where to read it."""
    if len(text) <= limit + 40:  # a few characters over is not worth a note
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 3 // 4:
        cut = cut[:space]
    return f"{cut.rstrip()} … ({len(text):,} characters; the whole text is in {whole_in})"


def fmt_int(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def fmt_rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.2%}"


def fmt_spread(report: Report) -> str:
    spread = report.spread_ms
    if spread is None:
        return "—"
    return f"{spread:,} ms across {len(report.agencies_posted)} agencies"


def zone_in_words(report: Report) -> str:
    """Said once at the top: a chief reads the report in the lead agency's local time, while
    status and tips show UTC."""
    whose = "" if report.zone.key == "UTC" else " (the lead agency's)"
    return f"Times are {report.zone.key}{whose}."


def spread_in_words(report: Report) -> str:
    """The launch spread as a chief would say it: the point of a synchronized launch is
    that the public sees every agency's appeal at once."""
    spread = report.spread_ms
    posted = report.agencies_posted
    if spread is None or not posted:
        return "Nothing has been posted yet."
    first = fmt_time(report.first_posted_at, ms=True, zone=report.zone)
    if len(posted) == 1:
        return f"One agency posted, at {first}."
    if spread < 1:  # the platform's clock did not tell them apart
        within = "the same millisecond"
    elif spread < 1000:
        within = f"{spread:,} milliseconds"
    else:
        within = f"{spread / 1000:,.1f} seconds"
    return (
        f"All {len(posted)} agencies posted "
        + ("in " if spread < 1 else "within ")
        + f"{within}{'' if spread < 1 else ' of one another'}, the first at "
        f"{first}: to the public the appeal appeared everywhere at once."
    )


def _in_words(names: list[str], joiner: str = "and") -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {joiner} {names[-1]}"


def unreported_notes(report: Report) -> list[str]:
    """What the totals leave out, one sentence per set of platforms: a metric a platform
    does not report is no figure at all, not zero (Mastodon counts no impressions)."""
    grouped: dict[tuple[str, ...], list[str]] = {}
    for name in METRICS:
        platforms = tuple(report.unreported(name))
        if platforms:
            grouped.setdefault(platforms, []).append(name)
    notes = []
    for platforms, names in grouped.items():
        what = _in_words(names).capitalize()
        who = _in_words(list(platforms), "or")
        if all(report.total(name) is None for name in names):
            notes.append(f"{what}: not reported by {who}, so no total.")
        else:
            notes.append(
                f"{what}: not reported by {who}; the totals count the other platforms' posts only."
            )
    return notes


def audience_in_words(report: Report) -> str:
    """The potential audience, saying which accounts it leaves out: an account whose
    follower count could not be read is unknown, not 0."""
    # Keys and platforms, not handles: a sentence may wrap, and a handle must not break.
    unknown = [
        f"{p.agency} ({PLATFORM_NAMES.get(p.platform, p.platform)})"
        for p in report.unknown_followers
    ]
    if report.potential_audience is None:
        return "— (no account's follower count could be read)"
    figure = f"{fmt_int(report.potential_audience)} followers"
    if not unknown:
        return figure
    return f"{figure}, leaving out {_in_words(unknown)}: follower count unknown"


def headline(report: Report) -> list[tuple[str, str]]:
    """The key figures, in the order a reader wants them."""
    case = report.case
    lead = case.agency_name(report.lead)
    return [
        ("Case", report.title + (f" (case {case.case_number})" if case.case_number else "")),
        ("Campaign", f"{report.campaign_id} ({report.kind}, {report.mode}, led by {lead})"),
        ("Status", report.state + (f" — {report.outcome}" if report.outcome else "")),
        ("Launched", fmt_time(report.first_posted_at, ms=True, zone=report.zone)),
        ("Launch spread", fmt_spread(report)),
        ("Potential audience", audience_in_words(report)),
        ("Impressions", fmt_int(report.total("impressions"))),
        ("Engagements", fmt_int(report.engagements)),
        ("Engagement rate", fmt_rate(report.engagement_rate)),
        ("Replies stored", fmt_int(report.stored_replies)),
        (
            "Tips awaiting follow-up",
            f"{fmt_int(report.tips_awaiting)} (followed up: {fmt_int(report.tips_followed_up)})",
        ),
        (
            "Scheduled reposts",
            f"{report.reposts['done']} done, {report.reposts['pending']} pending, "
            f"{report.reposts['failed']} failed, {report.reposts['skipped']} skipped",
        ),
        ("Failures", str(len(report.failures))),
    ]


def render_text(report: Report, console: Console) -> None:
    """The terminal report (rich); reply text is printed as text, never as markup, and
    without the control and bidi characters that would act on the terminal."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    def shown(value: str, style: str = "") -> Text:
        return Text(for_terminal(value), style=style)

    title = f"Reach report — {report.title}"
    if report.is_exercise:
        title += "  [EXERCISE]"
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold")
    summary.add_column()
    for name, value in headline(report):
        summary.add_row(name, shown(value))
    console.print(Panel(summary, title=shown(title, style="bold"), expand=False))
    console.print(shown(zone_in_words(report)))
    console.print(shown(spread_in_words(report)))
    if report.case.posted_text:
        console.print(Panel(shown(report.case.posted_text), title="Posted", expand=False))

    _print_posts(report, console, shown)
    # Links whole, one per line and never wrapped, so a terminal can open them: a table
    # cell at 80 columns would cut or fold them.
    for number, post in enumerate(report.posts, start=1):
        if post.url or post.error:
            console.print(shown(f"  {number}. {post.url or post.error}"), soft_wrap=True)

    for update in report.updates:
        for line in update_lines(report, update):
            console.print(shown(line), soft_wrap=True)

    totals = Table(title="Totals", title_justify="left")
    for name in METRICS:
        totals.add_column(name, justify="right")
    totals.add_row(*(fmt_int(report.total(name)) for name in METRICS))
    console.print(totals)
    for note in unreported_notes(report):
        console.print(shown(note, style="dim"))

    responses = Table(title="Responses by label", title_justify="left")
    for label in LABELS:
        responses.add_column(label, justify="right")
    responses.add_row(*(fmt_int(report.responses[label]) for label in LABELS))
    console.print(responses)
    notes = []
    if report.flood_replies:
        notes.append(f"{report.flood_replies:,} replies recognised as part of a flood.")
    if report.purged_replies:
        notes.append(f"{report.purged_replies:,} replies' personal data removed after retention.")
    for note in notes:
        console.print(shown(note, style="dim"))

    if report.tips:
        # One block per tip, as `tips` prints them: ids, links and words stay whole at any
        # width, where table cells at 80 columns would fold them.
        console.print(
            shown(
                f"Tips awaiting follow-up (newest {len(report.tips)} of {report.tips_awaiting})",
                style="bold",
            )
        )
        for tip in report.tips:
            # The head's pieces stay whole (responses/packed.py), the id right after the
            # time as `tips` prints it: never "id" at a line's end and its number below.
            who = shown(tip.author or "—")
            if tip.agency:
                who.append(for_terminal(f" via {report.case.agency_name(tip.agency)}"))
            console.print()
            print_packed(
                console,
                [
                    Text(fmt_time(tip.created_at, zone=report.zone)),
                    shown(f"id {tip.remote_id}", style="dim"),
                    who,
                ],
            )
            if tip.text is None:
                console.print(shown("  [removed after retention]", style="italic"))
            else:
                console.print(shown(shorten_reply(tip.text, TIPS_WHOLE_TEXT)))
            if tip.reasons:
                console.print(shown("why: " + "; ".join(tip.reasons), style="dim"))
            console.print(shown(tip.url), soft_wrap=True)

    if report.failures:
        _print_failures(report, console, shown)
    for note in report.case.notes:
        console.print(shown(f"Note: {note}", style="dim"))


def _print_posts(report: Report, console: Console, shown: Callable[[str], Text]) -> None:
    """The posts, as a table when it fits the terminal with every handle whole: the agency's
    key over its handle and platform (the full names would not fit 80 columns), the kind
    over the state, the date over the time; no inner rules. When a handle makes the table
    too wide for the terminal, each post is printed as lines of whole pieces instead
    (responses/packed.py): a handle folded mid-word (`@toronto@police.exa` / `mple`) can be
    neither read nor copied."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    posts = Table(
        title="Posts", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False
    )
    posts.add_column("#", justify="right", no_wrap=True)
    posts.add_column("agency / account", no_wrap=True)
    posts.add_column("post", no_wrap=True)
    posts.add_column("posted", no_wrap=True)
    for column in ("followers", "impr.", "eng."):
        posts.add_column(column, justify="right", no_wrap=True)
    for number, post in enumerate(report.posts, start=1):
        posted = fmt_time(post.posted_at, ms=True, zone=report.zone)
        posts.add_row(
            str(number),
            shown(f"{post.agency} ({post.platform})\n{post.handle or '—'}"),
            shown(f"{post.label}\n{post.state}"),
            shown(posted.replace(" ", "\n", 1)),
            fmt_int(post.followers),
            fmt_int(post.figure("impressions")),
            fmt_int(post.engagements),
        )
    # Every column is no_wrap: wider than the terminal, rich would cut its cells
    # ("origin…", "@spvm-police.bsky.soci…").
    if _fits(console, posts):
        console.print(posts)
        return
    console.print(Text("Posts", style="italic"))
    for number, post in enumerate(report.posts, start=1):
        pieces = [
            Text(f"{number:>2}. ") + shown(f"{post.agency} ({post.platform})"),
            shown(post.handle or "—"),
            shown(f"{post.label}, {post.state}"),
            shown(
                fmt_time(post.posted_at, ms=True, zone=report.zone)
                if post.posted_at
                else "not posted"
            ),
            Text(f"{fmt_int(post.followers)} followers"),
            Text(f"{fmt_int(post.figure('impressions'))} impressions"),
            Text(f"{fmt_int(post.engagements)} engagements"),
        ]
        print_packed(console, pieces, indent=4)


def _fits(console: Console, table: Any) -> bool:
    """Whether `table` fits the terminal without rich cutting a no_wrap cell with "…"
    (measured unbounded: a measurement is clamped to the width it is given)."""
    from rich.measure import Measurement

    unbounded = console.options.update_width(10_000)
    return Measurement.get(console, unbounded, table).minimum <= console.width


def _print_failures(report: Report, console: Console, shown: Callable[[str], Text]) -> None:
    """The posts that did not go out and why: a table whose keys, handles and kinds stay
    whole and whose error wraps at its spaces, or, when a handle makes it too wide, one
    block a post (its pieces whole, the error below them)."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    failures = Table(title="Failures", title_justify="left")
    for column in ("agency", "account", "post"):
        failures.add_column(column, no_wrap=True)
    failures.add_column("error", min_width=16)
    for post in report.failures:
        failures.add_row(
            shown(post.agency),
            shown(f"{post.handle or '—'}\n{post.platform}"),
            shown(f"{post.label}\n{post.state}"),
            shown(post.error or ""),
        )
    if _fits(console, failures):
        console.print(failures)
        return
    console.print(Text("Failures", style="italic"))
    for post in report.failures:
        pieces = [
            shown(f"{post.agency} ({post.platform})"),
            shown(post.handle or "—"),
            shown(f"{post.label}, {post.state}"),
        ]
        print_packed(console, pieces)
        if post.error:  # wrapped at its spaces, under its post
            console.print(Padding(shown(post.error), (0, 0, 0, 2)))


def update_lines(report: Report, update: UpdateLine) -> list[str]:
    """A mid-case update as lines a reader follows: who signed it and when, its note in each
    language, then per account what became of its reply (its link whole, or why not)."""
    photo = ", with a new photo" if update.photo else ""
    lines = [
        f"Update {update.number}{photo}: signed by {update.officer}, "
        f"{fmt_time(update.signed_at, zone=report.zone)}"
    ]
    lines += [f"  {language}: {note}" for language, note in update.notes.items()]
    for post in update.posts:
        who = f"{report.case.agency_name(post.agency)} {post.account}"
        if post.state in POST_DONE:
            lines.append(f"  {who}: {post.state} {post.url or ''}".rstrip())
        else:
            lines.append(f"  {who}: {post.state}: {post.error or 'not sent yet'}")
    if not update.posts:
        lines.append("  no reply was planned: no agency's post was up to answer")
    return lines


def _md_link_line(line: str) -> str:
    """A line of `update_lines` in Markdown: its text escaped, a trailing link clickable."""
    head, _, tail = line.rpartition(" ")
    if tail.startswith(("http://", "https://")):
        return f"{_md_cell(head)} <{_md_cell(tail)}>"
    return _md_cell(line)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#!~])")


def _md_cell(value: object) -> str:
    """A Markdown table cell: strangers' text must not become markup or HTML, nor act on
    the terminal it is read in."""
    text = html.escape(for_terminal(str(value)), quote=False)
    return " ".join(_MD_SPECIAL.sub(r"\\\1", text).split())


def render_md(report: Report) -> str:
    zone = report.zone
    lines = [f"# Reach report — {_md_cell(report.title)}", ""]
    if report.is_exercise:
        lines += ["> **EXERCISE** — a drill; every post said so.", ""]
    lines += [_md_cell(zone_in_words(report)), ""]
    lines += ["| | |", "|---|---|"]
    lines += [f"| {_md_cell(k)} | {_md_cell(v)} |" for k, v in headline(report)]
    lines += ["", _md_cell(spread_in_words(report))]
    if report.case.posted_text:
        posted = report.case.posted_text.splitlines()
        lines += ["", "## Posted", "", *(f"> {_md_cell(line)}" for line in posted)]
    lines += ["", "## Posts", ""]
    lines += [
        "| agency | account | kind | state | posted | followers | impressions | engagements "
        "| link |",
        "|---|---|---|---|---|--:|--:|--:|---|",
    ]
    for post in report.posts:
        link = f"<{_md_cell(post.url)}>" if post.url else _md_cell(post.error or "")
        lines.append(
            f"| {_md_cell(report.case.agency_name(post.agency))} | {_md_cell(post.account)} | "
            f"{_md_cell(post.label)} | {post.state} | "
            f"{fmt_time(post.posted_at, ms=True, zone=zone)} | {fmt_int(post.followers)} | "
            f"{fmt_int(post.figure('impressions'))} | {fmt_int(post.engagements)} | {link} |"
        )
    if report.updates:
        lines += ["", "## Updates"]
        for update in report.updates:
            first, *rest = update_lines(report, update)
            lines += ["", f"**{_md_cell(first)}**", ""]
            lines += [f"- {_md_link_line(line.strip())}" for line in rest]
    lines += ["", "## Totals", "", "| " + " | ".join(METRICS) + " |"]
    lines += ["|" + "--:|" * len(METRICS)]
    lines += ["| " + " | ".join(fmt_int(report.total(m)) for m in METRICS) + " |"]
    lines += [line for note in unreported_notes(report) for line in ("", _md_cell(note))]
    lines += ["", "## Responses by label", "", "| " + " | ".join(LABELS) + " |"]
    lines += ["|" + "--:|" * len(LABELS)]
    lines += ["| " + " | ".join(fmt_int(report.responses[x]) for x in LABELS) + " |"]
    if report.flood_replies:
        lines += ["", f"{report.flood_replies:,} replies recognised as part of a flood."]
    if report.purged_replies:
        lines += ["", f"{report.purged_replies:,} replies' personal data removed after retention."]
    lines += ["", f"## Tips awaiting follow-up ({report.tips_awaiting:,})", ""]
    if report.tips:
        lines += ["| when | reply | author | text | why |", "|---|---|---|---|---|"]
        for tip in report.tips:
            text = (
                shorten_reply(tip.text, TIPS_WHOLE_TEXT)
                if tip.text is not None
                else "[removed after retention]"
            )
            lines.append(
                f"| {fmt_time(tip.created_at, zone=zone)} | <{_md_cell(tip.url)}> | "
                f"{_md_cell(tip.author or '—')} | "
                f"{_md_cell(text)} | {_md_cell('; '.join(tip.reasons))} |"
            )
    else:
        lines.append("None.")
    if report.failures:
        lines += ["", "## Failures", ""]
        lines += ["| agency | account | kind | state | error |", "|---|---|---|---|---|"]
        for post in report.failures:
            lines.append(
                f"| {_md_cell(post.agency)} | {_md_cell(post.account)} | {_md_cell(post.label)} "
                f"| {post.state} | {_md_cell(post.error or '')} |"
            )
    if report.case.notes:
        lines += ["", *(f"_Note: {_md_cell(note)}_" for note in report.case.notes)]
    lines += ["", f"_Generated {fmt_time(report.generated_at, zone=zone)} by broadcaster._", ""]
    return "\n".join(lines)


# The chart's time unit follows what it spans: a drill tracked for a few minutes reads
# "3 min", not "0.05 h". (name, length, tick suffix), largest first.
_UNITS = (
    ("hours", timedelta(hours=1), "h"),
    ("minutes", timedelta(minutes=1), "min"),
    ("seconds", timedelta(seconds=1), "s"),
)


def hours_since_launch(report: Report) -> list[float]:
    """The chart's x values: what a chief asks is "how far did it reach in the first
    hours", so time is counted from the first launch post (or the first snapshot)."""
    return time_since_launch(report, timedelta(hours=1))


def time_since_launch(report: Report, unit: timedelta) -> list[float]:
    origin = report.first_posted_at or report.reach[0].at
    return [(as_utc(p.at) - as_utc(origin)) / unit for p in report.reach]


def chart_unit(report: Report) -> tuple[str, timedelta, str]:
    """The largest unit of which the chart spans at least two."""
    hours = hours_since_launch(report)
    span = timedelta(hours=max(hours) - min(0.0, min(hours)))
    for name, length, suffix in _UNITS:
        if span >= 2 * length:
            return name, length, suffix
    return _UNITS[-1]


def reach_chart_svg(report: Report) -> str | None:
    """Impressions, and below them engagements, over the hours since launch, as inline
    SVG (matplotlib, loaded lazily). Two panels sharing one time axis, each with one
    value axis: two scales on one plot are easy to misread."""
    if len(report.reach) < 2:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import ticker

    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: small and crisp
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", "sans-serif"]
    unit_name, unit, suffix = chart_unit(report)
    hours = time_since_launch(report, unit)
    fig, (top, bottom) = plt.subplots(
        2, 1, sharex=True, figsize=(8.0, 3.6), dpi=100, gridspec_kw={"height_ratios": [3, 2]}
    )
    try:
        counts = ticker.FuncFormatter(lambda v, _: f"{v:,.0f}")
        series = (
            (top, [p.impressions for p in report.reach], "#1f3a5f", "impressions"),
            (bottom, [p.engagements for p in report.reach], "#b5651d", "engagements"),
        )
        for axis, values, colour, name in series:
            axis.plot(hours, values, color=colour, lw=2)
            axis.fill_between(hours, values, color=colour, alpha=0.08)
            axis.set_ylabel(name, color=colour)
            axis.yaxis.set_major_formatter(counts)
            axis.yaxis.set_major_locator(ticker.MaxNLocator(nbins=4, integer=True))
            axis.set_ylim(bottom=0)
            axis.spines["top"].set_visible(False)
            axis.spines["right"].set_visible(False)
            axis.tick_params(labelsize=8)
            axis.grid(axis="y", color="#dddddd", lw=0.6)
        bottom.set_xlim(left=min(0.0, hours[0]))
        bottom.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g} {suffix}"))
        bottom.set_xlabel(f"{unit_name} since launch")
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    finally:
        plt.close(fig)
    svg = out.getvalue()
    return svg[svg.index("<svg") :]


def render_html(report: Report) -> str:
    """One self-contained file: no script, no external resource, every reply escaped."""
    from importlib.resources import files

    from jinja2 import Environment, select_autoescape
    from markupsafe import Markup

    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["time"] = lambda value: fmt_time(value, zone=report.zone)
    env.filters["time_ms"] = lambda value: fmt_time(value, ms=True, zone=report.zone)
    env.filters["num"] = fmt_int
    env.filters["reply"] = lambda text: shorten_reply(text, TIPS_WHOLE_TEXT)
    env.filters["agency"] = report.case.agency_name
    source = (
        files("broadcaster").joinpath("responses/report/assets/report.html.j2").read_text("utf-8")
    )
    template = env.from_string(source)
    chart = reach_chart_svg(report)
    return template.render(
        report=report,
        headline=headline(report),
        metrics=METRICS,
        unreported_notes=unreported_notes(report),
        labels=LABELS,
        chart=Markup(chart) if chart else None,  # our own drawing: agency-free numbers
        spread=fmt_spread(report),
        spread_words=spread_in_words(report),
        photo=report.case.photo_data_uri,
        rate=fmt_rate(report.engagement_rate),
        max_label=max(report.responses.values()) or 1,
    )


def render(report: Report, fmt: str) -> str:
    """Any format but `text` (which prints to a console) as a string."""
    import json

    if fmt == "json":
        # The text as stored; every control or bidi character in it an escape (inert_json).
        return inert_json(json.dumps(to_json(report), ensure_ascii=False, indent=2))
    if fmt == "csv":
        return render_csv(report)
    if fmt == "md":
        return render_md(report)
    if fmt == "html":
        return render_html(report)
    if fmt == "text":
        from rich.console import Console

        buffer = io.StringIO()
        render_text(report, Console(file=buffer, width=120, highlight=False, color_system=None))
        return buffer.getvalue()
    raise ValueError(f"unknown format {fmt!r}")
