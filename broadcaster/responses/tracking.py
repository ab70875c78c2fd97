"""Metrics and replies in: a snapshot per post, every reply stored once, in bounded memory.

Replies are read one page at a time, triaged and written with one executemany per page
(`INSERT … ON CONFLICT DO NOTHING`, so a reply already stored is skipped on SQLite and on
PostgreSQL alike); nothing holds a whole thread. A post's `replies_since_id` moves only
when a pass over its thread has been committed to the end; a pass cut short (a rate limit,
a crash) resumes from the page token kept in `track_cursor`.

A platform whose reply reads reach only so far back (`Capabilities.reply_window`: X's
recent search, 7 days, refuses an older since_id) is read from a start time instead once
the since_id is older than that window: `now - window + REPLY_WINDOW_MARGIN`, or the newest
stored reply's time when later. Replies already stored are skipped as always, by their id.

Each reply's link (`url`, from the adapter) is stored with it, so tips, reports and notices
show where it really is, whatever sandbox URL the reading environment has.

Replies are written by strangers: every string from the platform is made storable on both
engines (`safetext.for_storage`: NUL removed, lone surrogates replaced) before it is triaged
and stored, and a row the database still refuses is skipped with a logged reason, so one
reply can never stop the others (nor tracking) being stored.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import chain, islice
from json.encoder import encode_basestring
from operator import attrgetter, is_not, methodcaller
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

from broadcaster.errors import (
    AgenciesInvalid,
    CampaignNotFound,
    PlatformError,
    RateLimited,
    TrackingIncomplete,
    UsageInvalid,
)
from broadcaster.responses.triage.verdict import Verdict
from broadcaster.safetext import for_storage, for_terminal, storable
from broadcaster.states import PostState
from broadcaster.storage.models import CampaignRecord, MetricSnapshot, Post, Reply
from broadcaster.timeutil import utcnow

if TYPE_CHECKING:
    from broadcaster.authoring.agencies import Agency, Registry
    from broadcaster.config import Settings
    from broadcaster.platforms.base import Metrics, Platform, RemoteReply

log = logging.getLogger(__name__)

# Without a reset time from the platform, X's rate-limit window.
DEFAULT_RATE_WINDOW = timedelta(minutes=15)
# Kept inside a platform's reply window: its clock and ours differ, and a request takes time.
REPLY_WINDOW_MARGIN = timedelta(minutes=10)
MAX_URL = 2000
# Posts that carry no replies or metrics of their own.
UNTRACKED_KINDS = frozenset({"repost"})
REPLY_TABLE = Reply.__table__  # type: ignore[attr-defined]
POST_TABLE = Post.__table__  # type: ignore[attr-defined]
SNAPSHOT_TABLE = MetricSnapshot.__table__  # type: ignore[attr-defined]
CAMPAIGN_TABLE = CampaignRecord.__table__  # type: ignore[attr-defined]
METRIC_FIELDS = ("impressions", "reposts", "quotes", "replies", "likes", "bookmarks")


class VerdictLike(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def reasons(self) -> tuple[str, ...]: ...
    @property
    def score(self) -> float: ...
    @property
    def flood_key(self) -> str | None: ...
    @property
    def cluster(self) -> str | None: ...


class Labeller(Protocol):
    """What `triage.Triager` offers; one instance per run so floods show across pages."""

    def label(
        self,
        text: str,
        *,
        has_media: bool = False,
        author_id: str | None = None,
        author_created_at: datetime | None = None,
        created_at: datetime | None = None,
        author_handle: str | None = None,
    ) -> VerdictLike: ...


@dataclass
class PostTracking:
    """What one run did for one post."""

    post_id: int
    agency: str
    kind: str
    remote_id: str
    metrics: Metrics | None = None
    fetched: int = 0
    new_replies: int = 0
    pages: int = 0
    deferred_until: datetime | None = None
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "post_id": self.post_id,
            "kind": self.kind,
            "remote_id": self.remote_id,
            "metrics": (
                {name: getattr(self.metrics, name) for name in METRIC_FIELDS}
                if self.metrics
                else None
            ),
            "fetched": self.fetched,
            "new_replies": self.new_replies,
            "pages": self.pages,
            "deferred_until": self.deferred_until.isoformat() if self.deferred_until else None,
            "error": self.error,
        }


@dataclass
class TrackReport:
    campaign_id: str
    started_at: datetime
    finished_at: datetime | None = None
    posts: list[PostTracking] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)  # new replies per label

    @property
    def new_replies(self) -> int:
        return sum(p.new_replies for p in self.posts)

    @property
    def deferred(self) -> list[PostTracking]:
        return [p for p in self.posts if p.deferred_until is not None and p.error is None]

    @property
    def failed(self) -> list[PostTracking]:
        return [p for p in self.posts if p.error is not None]

    def failure(self) -> TrackingIncomplete | None:
        """The error that makes this run a failure: some post's tracking failed (a rate
        limit only defers a post, and is not one). What the other posts returned is stored
        either way, so the CLI and the scheduler raise it after the run, not instead of it."""
        failed = self.failed
        if not failed:
            return None
        agencies = sorted({p.agency for p in failed})
        return TrackingIncomplete(
            f"tracking failed for {', '.join(agencies)} ({failed[0].error}); "
            "what the other posts returned was stored."
        )

    def summary(self) -> str:
        """One line for logs and the scheduler's job record."""
        posts, new = len(self.posts), self.new_replies
        parts = [
            f"{posts} post{'' if posts == 1 else 's'} tracked, "
            f"{new} new repl{'y' if new == 1 else 'ies'}"
        ]
        if self.labels:
            parts[0] += " (" + ", ".join(f"{k} {v}" for k, v in sorted(self.labels.items())) + ")"
        if self.deferred:
            until = max(p.deferred_until for p in self.deferred if p.deferred_until)
            parts.append(f"{len(self.deferred)} deferred until {until.isoformat()}")
        if self.failed:
            parts.append(f"{len(self.failed)} failed: {self.failed[0].error}")
        return "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "campaign": self.campaign_id,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "new_replies": self.new_replies,
            "labels": dict(self.labels),
            "posts": [p.to_json() for p in self.posts],
        }


@dataclass(frozen=True)
class TrackEvent:
    """Progress: `start` (total = posts to track), `page` (a page stored), `post` (done)."""

    kind: str
    agency: str = ""
    post_id: int | None = None
    total: int = 0
    fetched: int = 0
    new: int = 0


ProgressCallback = Callable[[TrackEvent], None]


def campaign_id_from(argument: str) -> str:
    """A campaign id, or the path of a campaign file (its `id` is read from it)."""
    path = Path(argument)
    if argument.endswith(".toml") or path.is_file():
        from broadcaster.authoring.tomlfile import read_toml

        data, _ = read_toml(path, "campaign")
        value = data.get("id")
        if not isinstance(value, str) or not value:
            raise CampaignNotFound(f"{path}: the campaign file has no 'id'.")
        return value
    return argument


def require_campaign(connection: Connection, campaign_id: str) -> None:
    found = connection.execute(
        select(CAMPAIGN_TABLE.c.id).where(CAMPAIGN_TABLE.c.id == campaign_id)
    ).first()
    if found is None:
        raise CampaignNotFound.in_database(campaign_id)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that takes SQLite's write lock at BEGIN (no upgrade deadlocks)."""
    with (
        engine.connect().execution_options(sqlite_begin="IMMEDIATE") as connection,
        connection.begin(),
    ):
        yield connection


# Columns the ingest path writes, in this order; the rest of the row starts NULL.
REPLY_COLUMNS = (
    "campaign_id",
    "post_id",
    "platform",
    "remote_id",
    "in_reply_to",
    "author_handle",
    "author_id",
    "text",
    "created_at",
    "fetched_at",
    "label",
    "reasons",
    "score",
    "flood_key",
    "flood_cluster",
    "url",
)

# store_rows writes the dates by position.
assert REPLY_COLUMNS.index("created_at") == 8 and REPLY_COLUMNS.index("fetched_at") == 9


def _reasons_json(reasons: Sequence[str]) -> str:
    # What json.dumps(list(reasons)) means, with the C string encoder and none of its
    # per-call set-up: reasons carry counts ("near-duplicate of 160 other replies"), so
    # nearly every list is new and a cache would not help.
    return "[" + ",".join(map(encode_basestring, reasons)) + "]"


def _sqlite_datetime(value: datetime) -> str:
    # SQLAlchemy's SQLite storage format for UTCDateTime (naive UTC, microseconds), made
    # by the C isoformat; test_tracking checks it matches what the ORM writes. A UTC time
    # (what the platforms give) is its own isoformat without the "+00:00": one C call
    # (+00:00: any zone at offset 0; its wall time is UTC's.)
    iso = _ISOFORMAT(value)
    if iso[-6:] == "+00:00":
        return iso[:-6]
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


_ISOFORMAT = methodcaller("isoformat", " ", "microseconds")


def _storable(value: str | None) -> str | None:
    return None if value is None else for_storage(value)


_FIELDS = attrgetter("text", "remote_id", "in_reply_to", "author_handle", "author_id")
_REQUIRED = attrgetter("text", "remote_id")
_OPTIONAL = attrgetter("in_reply_to", "author_handle", "author_id")
_GIVEN = partial(is_not, None)


def _storable_fields(replies: list[RemoteReply]) -> list[tuple[Any, ...]]:
    """Each reply's (text, remote_id, in_reply_to, author_handle, author_id), storable.
    Nearly every page needs no change at all: the page's strings are joined and scanned
    once (in C), and only a page with something to change is made storable string by
    string. Either way the result is the same."""
    try:
        required = "".join(chain.from_iterable(map(_REQUIRED, replies)))
        optional = "".join(filter(_GIVEN, chain.from_iterable(map(_OPTIONAL, replies))))
    except TypeError:  # not a string: for_storage says so below, as it always did
        required = optional = "\x00"
    if storable(required) and storable(optional):
        return list(map(_FIELDS, replies))
    return [
        (
            for_storage(reply.text),
            for_storage(reply.remote_id),
            _storable(reply.in_reply_to),
            _storable(reply.author_handle),
            _storable(reply.author_id),
        )
        for reply in replies
    ]


# A plain http(s) link: a host name (or a bracketed IPv6 address), a port, then a path with
# no space, quote, angle bracket, backslash, backtick, control, bidi or lone surrogate. One
# match per reply: tracking stores 100k replies at a time.
_PLAIN_LINK = re.compile(
    r"https?://(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?"
    "(?:[/?#][^\\s\"'<>\\\\`\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]*)?"
)


def reply_link(url: str | None) -> str | None:
    """A reply's link as the platform gave it, when it is a plain http(s) address; None
    otherwise (a platform's answer is not trusted to be a link a page may carry)."""
    if not url or len(url) > MAX_URL or _PLAIN_LINK.fullmatch(url) is None:
        return None
    return url


def reply_rows(
    replies: Iterable[RemoteReply],
    *,
    campaign_id: str,
    post_id: int | None,
    platform: str,
    triager: Labeller,
    fetched_at: datetime,
) -> list[tuple[Any, ...]]:
    """Triage each reply and shape it as a `reply` row (REPLY_COLUMNS order). Every string
    the platform gave (text, ids, handle) is made storable first, so the triager sees
    what is stored. The page's verdicts are settled once the whole page is seen: a template
    that became a flood in this page takes its earlier members of the page with it."""
    label = triager.label
    replies = list(replies)
    # (text, remote_id, in_reply_to, author_handle, author_id), each storable
    clean = _storable_fields(replies)
    verdicts = [
        label(
            text,
            has_media=reply.has_media,
            author_id=author_id,
            author_created_at=reply.author_created_at,
            created_at=reply.created_at,
            author_handle=handle,
        )
        for reply, (text, _, _, handle, author_id) in zip(replies, clean, strict=True)
    ]
    settle = getattr(triager, "settle", None)
    if settle is not None:
        verdicts = list(map(settle, verdicts))
    if getattr(triager, "model", None) is not None:  # the deployment's learned model
        verdicts = triager.revise([c[0] for c in clean], verdicts)  # type: ignore[attr-defined]
    if set(map(type, verdicts)) <= {Verdict}:
        # The triager's own verdicts (nearly always): read by position, the reasons' JSON
        # and the link's check inline; the same row as below, at a page's speed.
        return [
            (campaign_id, post_id, platform, remote_id, in_reply_to, handle, author_id, text,
             reply.created_at, fetched_at, verdict_label,
             "[" + ",".join(map(encode_basestring, reasons)) + "]", float(score), flood_key,
             cluster, reply_link(url) if (url := reply.url) else None)
            for reply, (text, remote_id, in_reply_to, handle, author_id),
                (verdict_label, reasons, score, flood_key, cluster)
            in zip(replies, clean, cast("list[Verdict]", verdicts), strict=True)
        ]  # fmt: skip
    return [
        (
            campaign_id,
            post_id,
            platform,
            remote_id,
            in_reply_to,
            handle,
            author_id,
            text,
            reply.created_at,
            fetched_at,
            verdict.label,
            _reasons_json(verdict.reasons),
            float(verdict.score),
            verdict.flood_key,
            getattr(verdict, "cluster", None),
            reply_link(reply.url),
        )
        for reply, (text, remote_id, in_reply_to, handle, author_id), verdict in zip(
            replies, clean, verdicts, strict=True
        )
    ]


def _refused_for_its_content(error: BaseException) -> bool:
    """The database refused a row for what it holds (a value it cannot take, a limit),
    not for the connection, a lock or the schema, which would refuse every row alike."""
    if isinstance(error, DataError | IntegrityError | UnicodeError | ValueError):
        return True
    sqlstate = getattr(getattr(error, "orig", None), "sqlstate", None) or ""
    # PostgreSQL's classes: 22 data exception, 23 integrity, 54 program limit (an index
    # row too big); psycopg maps the last to OperationalError.
    return sqlstate[:2] in ("22", "23", "54")


def _store_one_by_one(connection: Connection, sql: str, params: list[tuple[Any, ...]]) -> int:
    """Each row in a savepoint of its own: a row the database refuses for its content is
    skipped and logged, the others are stored; any other error is raised."""
    remote_id = REPLY_COLUMNS.index("remote_id")
    new = 0
    for row in params:
        try:
            with connection.begin_nested():
                result = connection.exec_driver_sql(sql, row)
        except (DBAPIError, UnicodeError, ValueError) as error:
            if not _refused_for_its_content(error):
                raise
            cause = getattr(error, "orig", None) or error
            reason = for_terminal(str(cause).splitlines()[0] if str(cause) else "")[:200]
            log.warning(
                "reply %s not stored: the database refused it (%s: %s); the others are stored",
                for_terminal(str(row[remote_id]))[:40],
                type(cause).__name__,
                reason,
            )
            continue
        new += max(int(result.rowcount or 0), 0)
    return new


def store_rows(connection: Connection, rows: Sequence[tuple[Any, ...]]) -> int:
    """One executemany; rows whose (platform, remote_id) is already stored are skipped
    (the same ON CONFLICT clause on SQLite and PostgreSQL). Returns how many were new.

    The statement goes to the driver as it is: SQLAlchemy's per-row parameter processing
    would cost more than the insert itself on 100k replies. Dates are stored exactly as
    the ORM stores them (SQLite's text format, or the dialect's own processor).

    The batch runs in a savepoint: when the database refuses one of its rows, the batch is
    stored again row by row, the refused rows skipped with a logged reason."""
    if not rows:
        return 0
    dialect = connection.dialect
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO reply ({', '.join(REPLY_COLUMNS)}) "
        f"VALUES ({', '.join([mark] * len(REPLY_COLUMNS))}) "
        "ON CONFLICT (platform, remote_id) DO NOTHING"
    )
    to_db: Callable[[Any], Any]
    if dialect.name == "sqlite":
        to_db = _sqlite_datetime
    else:
        column_type = REPLY_TABLE.c.created_at.type.dialect_impl(dialect)
        to_db = column_type.bind_processor(dialect) or (lambda value: value)
    fetched = REPLY_COLUMNS.index("fetched_at")
    stamp = to_db(rows[0][fetched])
    # One tuple per row, unpacked and built at once (REPLY_COLUMNS: the dates 9th and 10th).
    params = [
        (c0, c1, c2, c3, c4, c5, c6, c7, to_db(at) if at else None, stamp,
         c10, c11, c12, c13, c14, c15)
        for (c0, c1, c2, c3, c4, c5, c6, c7, at, _, c10, c11, c12, c13, c14, c15) in rows
    ]  # fmt: skip
    try:
        with connection.begin_nested():
            result = connection.exec_driver_sql(sql, params)
    except (DBAPIError, UnicodeError, ValueError) as error:
        if not _refused_for_its_content(error):
            raise
        return _store_one_by_one(connection, sql, params)
    count = result.rowcount
    if count is None or count < 0:  # pragma: no cover - drivers that cannot tell
        return len(rows)
    return int(count)


def ingest_replies(
    engine: Engine,
    campaign_id: str,
    post_id: int | None,
    platform: str,
    replies: Iterable[RemoteReply],
    triager: Labeller,
    *,
    batch_size: int = 1000,
    fetched_at: datetime | None = None,
) -> int:
    """Triage and store replies from any iterable, `batch_size` at a time (memory stays
    bounded by one batch), each batch in its own transaction. Returns how many were new.

    Tracking, `triage` imports and the benchmarks share this path. New replies of a
    cluster an officer relabelled take the officer's label (`tips --relabel`)."""
    from broadcaster.responses.corrections import corrections, follow_corrections

    stamp = fetched_at or utcnow()
    new = 0
    batch: list[RemoteReply] = []
    with engine.connect() as connection:
        corrected = corrections(connection, campaign_id)
    remote_id, cluster = REPLY_COLUMNS.index("remote_id"), REPLY_COLUMNS.index("flood_cluster")

    def flush() -> int:
        rows = reply_rows(
            batch,
            campaign_id=campaign_id,
            post_id=post_id,
            platform=platform,
            triager=triager,
            fetched_at=stamp,
        )
        batch.clear()
        with write_transaction(engine) as connection:
            stored = store_rows(connection, rows)
            if stored and corrected:
                follow_corrections(
                    connection,
                    campaign_id,
                    corrected,
                    platform,
                    [(row[remote_id], row[cluster]) for row in rows],
                    now=stamp,
                )
            return stored

    pages, size = iter(replies), max(batch_size, 1)
    while batch := list(islice(pages, size)):
        new += flush()
    return new


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _newer(a: str | None, b: str | None) -> str | None:
    """The later of two snowflake-style ids (numeric strings compare by length first)."""
    if a is None:
        return b
    if b is None:
        return a
    key_a = (len(a), a) if a.isdigit() else (0, a)
    key_b = (len(b), b) if b.isdigit() else (0, b)
    return a if key_a >= key_b else b


def thread_reads(posts: Sequence[Any]) -> dict[int, str | None]:
    """Which conversation each live post's replies are read from, on platforms whose reply
    reads name a thread by its first post (`Capabilities.replies_by_root`, X's
    conversation_id): a mid-case update answers the original, so the public's replies under
    it carry the original's id, not the update's. `posts` are all of the campaign's posts
    with a remote id (rows with id, agency, account, platform, kind, state, remote_id,
    in_reply_to, deleted_at).

    While the thread's first post is up, it reads the whole thread and the updates in it
    read nothing (by their own id they would find nothing). Once it is taken down (a new
    photo replaced it), one live post of the thread reads it by the first post's id, which
    still answers: the thread owner's own post before another agency's, then the oldest.
    Elsewhere (a post's replies read by its own id) every post reads its own, so it is not
    listed. Post id -> conversation id, or None for a post whose thread another reads."""
    from broadcaster.platforms.registry import adapter

    def by_root(platform: str) -> bool:
        try:
            return adapter(platform).capabilities.replies_by_root
        except UsageInvalid:  # no adapter now: its posts fail tracking with their own error
            return False

    by_ref = {(r.platform, str(r.remote_id)): r for r in posts}

    def root_of(row: Any) -> str:
        ref, seen = str(row.remote_id), set()
        parent = row.in_reply_to
        while parent and parent not in seen:
            seen.add(parent)
            ref = str(parent)
            above = by_ref.get((row.platform, ref))
            parent = above.in_reply_to if above is not None else None
        return ref

    def live(row: Any) -> bool:
        return (
            row.state == PostState.POSTED
            and row.deleted_at is None
            and row.kind not in UNTRACKED_KINDS
        )

    threads: dict[tuple[str, str], list[Any]] = {}
    for row in posts:
        if live(row) and by_root(row.platform):
            threads.setdefault((row.platform, root_of(row)), []).append(row)
    out: dict[int, str | None] = {}
    for (platform, root), rows in threads.items():
        first = by_ref.get((platform, root))
        if first is not None and live(first):
            reader = first.id  # the thread's first post is up: it reads the thread
        else:
            owner = (first.agency, first.account) if first is not None else None
            reader = min(rows, key=lambda r: ((r.agency, r.account) != owner, r.id)).id
        for row in rows:
            out[row.id] = root if row.id == reader else None
    return out


class _CampaignTracker:
    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        registry: Registry,
        campaign_id: str,
        triager: Labeller,
        progress: ProgressCallback | None,
        now: Callable[[], datetime],
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.registry = registry
        self.campaign_id = campaign_id
        self.triager = triager
        self.progress = progress or (lambda event: None)
        self.now = now
        self.report = TrackReport(campaign_id=campaign_id, started_at=now())
        self.corrections: dict[str, Any] = {}
        # The campaign's own posts: a mid-case update replies under its original, so it is
        # in the original's conversation, and must never be stored as the public's reply.
        self.own_posts: set[str] = set()
        # Post id -> the conversation its replies are read from, or None when another of
        # our posts reads its thread (`thread_reads`); a post not listed reads its own.
        self.reads: dict[int, str | None] = {}
        self.wanted: Callable[[str], bool] = lambda agency: True

    def run(self) -> TrackReport:
        from broadcaster.responses.corrections import corrections

        with self.engine.connect() as connection:
            require_campaign(connection, self.campaign_id)
            # Officers' relabels: new replies of a corrected cluster take the officer's label.
            self.corrections = corrections(connection, self.campaign_id)
            own = connection.execute(
                select(
                    POST_TABLE.c.id,
                    POST_TABLE.c.agency,
                    POST_TABLE.c.account,
                    POST_TABLE.c.platform,
                    POST_TABLE.c.kind,
                    POST_TABLE.c.state,
                    POST_TABLE.c.remote_id,
                    POST_TABLE.c.in_reply_to,
                    POST_TABLE.c.deleted_at,
                ).where(
                    POST_TABLE.c.campaign_id == self.campaign_id,
                    POST_TABLE.c.remote_id.is_not(None),
                )
            ).all()
            self.own_posts = {str(r.remote_id) for r in own}
            posts = connection.execute(
                select(POST_TABLE)
                .where(
                    POST_TABLE.c.campaign_id == self.campaign_id,
                    POST_TABLE.c.state == PostState.POSTED,
                    POST_TABLE.c.deleted_at.is_(None),
                    POST_TABLE.c.remote_id.is_not(None),
                    POST_TABLE.c.kind.not_in(UNTRACKED_KINDS),
                )
                .order_by(POST_TABLE.c.agency, POST_TABLE.c.id)
            ).all()
        # Before `wanted`: an agency worker and the scheduler must pick the same readers.
        self.reads = thread_reads(own)
        posts = [row for row in posts if self.wanted(row.agency)]
        self.progress(TrackEvent("start", total=len(posts)))
        # One adapter per account: a suspended or rate-limited account defers only its own
        # posts, never the same agency's accounts elsewhere.
        by_account: dict[tuple[str, str], list[Any]] = {}
        for row in posts:
            by_account.setdefault((row.agency, row.account), []).append(row)
        for (agency_key, account), rows in by_account.items():
            self._track_agency(agency_key, rows, account)
        self.report.finished_at = self.now()
        return self.report

    def _track_agency(self, agency_key: str, rows: list[Any], account: str = "") -> None:
        results = [
            PostTracking(post_id=r.id, agency=agency_key, kind=r.kind, remote_id=r.remote_id)
            for r in rows
        ]
        self.report.posts.extend(results)
        now = self.now()
        waiting = [r.track_deferred_until for r in rows if r.track_deferred_until]
        if waiting and max(waiting) > now:
            # The platform asked us to wait: we do, until the reset it gave.
            for result, row in zip(results, rows, strict=True):
                result.deferred_until = row.track_deferred_until
                self.progress(TrackEvent("post", agency=agency_key, post_id=row.id))
            return
        try:
            agency = self.registry.get(agency_key).for_account(account)
        except AgenciesInvalid as error:  # the registry no longer lists this agency (account)
            self._fail_all(results, rows, str(error))
            return
        platform: Platform | None = None
        try:
            from broadcaster.platforms import platform_for

            platform = platform_for(agency, self.settings)
            self._metrics(platform, results, rows)
            for result, row in zip(results, rows, strict=True):
                if result.deferred_until is None and self.reads.get(row.id, "") is not None:
                    self._replies(agency, platform, result, row)
                self.progress(TrackEvent("post", agency=agency_key, post_id=row.id))
        except RateLimited as error:
            self._defer(results, rows, error)
        except PlatformError as error:
            self._fail_all(results, rows, error.message)
        finally:
            if platform is not None:
                platform.close()

    def _metrics(self, platform: Platform, results: list[PostTracking], rows: list[Any]) -> None:
        """One request for all of this account's posts, one snapshot row each."""
        try:
            found = platform.metrics([r.remote_id for r in rows])
        except RateLimited:
            raise
        except PlatformError as error:
            for result in results:
                result.error = f"metrics: {error.message}"
            return
        taken_at = self.now()
        snapshots = []
        for result, row in zip(results, rows, strict=True):
            metrics = found.get(row.remote_id)
            if metrics is None:
                continue
            result.metrics = metrics
            snapshots.append(
                {
                    "campaign_id": self.campaign_id,
                    "post_id": row.id,
                    "taken_at": taken_at,
                    **{name: int(getattr(metrics, name)) for name in METRIC_FIELDS},
                }
            )
        if snapshots:
            with write_transaction(self.engine) as connection:
                connection.execute(insert(SNAPSHOT_TABLE), snapshots)

    def _replies(self, agency: Agency, platform: Platform, result: PostTracking, row: Any) -> None:
        conversation = self.reads.get(row.id) or result.remote_id
        cursor = json.loads(row.track_cursor) if row.track_cursor else {}
        since_id: str | None = row.replies_since_id
        next_token: str | None = cursor.get("next_token")
        newest: str | None = cursor.get("newest_id")
        resumed = next_token is not None
        window = platform.capabilities.reply_window
        start_time = self._start_time(agency.platform, row, since_id, window) if window else None
        if start_time is not None:
            since_id = None  # the platform would refuse it: read from start_time instead
        while True:
            try:
                if start_time is not None:
                    page = platform.replies_from(conversation, start_time, next_token)
                else:
                    page = platform.replies(conversation, since_id=since_id, next_token=next_token)
            except RateLimited as error:
                self._defer([result], [row], error)
                return
            except PlatformError as error:
                if resumed:
                    # A stale page token: start the pass again from since_id (dedup makes
                    # the replies already stored harmless).
                    resumed, next_token, newest = False, None, None
                    continue
                result.error = f"replies: {error.message}"
                self._note(row.id, error=result.error)
                return
            resumed = False
            newest = _newer(newest, page.newest_id)
            rows = reply_rows(
                [r for r in page.replies if r.remote_id not in self.own_posts],
                campaign_id=self.campaign_id,
                post_id=row.id,
                platform=agency.platform,
                triager=self.triager,
                fetched_at=self.now(),
            )
            with write_transaction(self.engine) as connection:
                new = store_rows(connection, rows)
                if new and self.corrections:
                    rows = self._follow_corrections(connection, agency.platform, rows)
                values: dict[str, Any] = {"tracked_at": self.now(), "track_error": None}
                if page.next_token:
                    values["track_cursor"] = json.dumps(
                        {"next_token": page.next_token, "newest_id": newest}
                    )
                else:
                    values["track_cursor"] = None
                    values["replies_since_id"] = newest or since_id
                    values["track_deferred_until"] = None
                connection.execute(
                    update(POST_TABLE).where(POST_TABLE.c.id == row.id).values(**values)
                )
            if new:
                # Count labels of new rows only: a re-read page must not count twice.
                self._count_new_labels(rows, new)
            result.fetched += len(rows)
            result.new_replies += new
            result.pages += 1
            self.progress(
                TrackEvent("page", agency=result.agency, post_id=row.id, fetched=len(rows), new=new)
            )
            if not page.next_token:
                return
            next_token = page.next_token

    def _start_time(
        self, platform: str, row: Any, since_id: str | None, window: timedelta
    ) -> datetime | None:
        """None while `since_id` is inside the platform's reply window (or there is none);
        else where to read from: the window's start (with a margin), or the newest stored
        reply's time when that is later."""
        if since_id is None:
            return None
        earliest = self.now() - window + REPLY_WINDOW_MARGIN
        with self.engine.connect() as connection:
            since_at = connection.execute(
                select(REPLY_TABLE.c.created_at).where(
                    REPLY_TABLE.c.platform == platform, REPLY_TABLE.c.remote_id == since_id
                )
            ).scalar()
            if since_at is not None and _aware(since_at) >= earliest:
                return None
            newest = connection.execute(
                select(func.max(REPLY_TABLE.c.created_at)).where(REPLY_TABLE.c.post_id == row.id)
            ).scalar()
        if newest is not None and _aware(newest) > earliest:
            return _aware(newest)
        return earliest

    def _follow_corrections(
        self, connection: Connection, platform: str, rows: list[tuple[Any, ...]]
    ) -> list[tuple[Any, ...]]:
        """New replies of a relabelled cluster take the officer's label; returns the rows
        with that label, so the run's label counts say what was stored."""
        from broadcaster.responses.corrections import follow_corrections

        remote_id, cluster = REPLY_COLUMNS.index("remote_id"), REPLY_COLUMNS.index("flood_cluster")
        found = self.corrections
        follow_corrections(
            connection,
            self.campaign_id,
            found,
            platform,
            [(row[remote_id], row[cluster]) for row in rows],
            now=self.now(),
        )
        label = REPLY_COLUMNS.index("label")
        return [
            (*row[:label], found[row[cluster]].label, *row[label + 1 :])
            if row[cluster] in found
            else row
            for row in rows
        ]

    def _count_new_labels(self, rows: list[tuple[Any, ...]], new: int) -> None:
        label = REPLY_COLUMNS.index("label")
        if new == len(rows):
            self.report.labels.update(r[label] for r in rows)
            return
        # Some were stored before: count only the rows this page inserted (its stamp).
        platform, remote_id = REPLY_COLUMNS.index("platform"), REPLY_COLUMNS.index("remote_id")
        stamp = rows[0][REPLY_COLUMNS.index("fetched_at")]
        with self.engine.connect() as connection:
            found = connection.execute(
                select(REPLY_TABLE.c.label).where(
                    REPLY_TABLE.c.platform == rows[0][platform],
                    REPLY_TABLE.c.remote_id.in_([r[remote_id] for r in rows]),
                    REPLY_TABLE.c.fetched_at == stamp,
                )
            ).scalars()
            self.report.labels.update(found)

    def _defer(self, results: list[PostTracking], rows: list[Any], error: RateLimited) -> None:
        until = error.reset_at or (self.now() + DEFAULT_RATE_WINDOW)
        for result in results:
            if result.error is None:
                result.deferred_until = until
        self._note_many([r.id for r in rows], deferred_until=until, error=None)

    def _fail_all(self, results: list[PostTracking], rows: list[Any], message: str) -> None:
        for result in results:
            result.error = message
        self._note_many([r.id for r in rows], error=message)

    def _note(self, post_id: int, **values: Any) -> None:
        self._note_many([post_id], **values)

    def _note_many(self, post_ids: list[int], **values: Any) -> None:
        renamed = {}
        if "deferred_until" in values:
            renamed["track_deferred_until"] = values["deferred_until"]
        if "error" in values:
            renamed["track_error"] = values["error"]
        with write_transaction(self.engine) as connection:
            connection.execute(
                update(POST_TABLE).where(POST_TABLE.c.id.in_(post_ids)).values(**renamed)
            )


def track(
    settings: Settings,
    campaign_id: str,
    *,
    progress: ProgressCallback | None = None,
    engine: Engine | None = None,
    registry: Registry | None = None,
    triager: Labeller | None = None,
    now: Callable[[], datetime] = utcnow,
    agencies: Collection[str] | None = None,
    skip: Collection[str] = (),
) -> TrackReport:
    """Pull a metric snapshot and new replies for every live post of the campaign (only
    `agencies`' when given, none of `skip`'s: an armed agency's posts are tracked by its own
    worker, which has its keys).

    Platform failures never raise: each post's outcome is in the report (`deferred_until`
    for a rate limit, `error` otherwise). Raises CampaignNotFound for an unknown campaign."""
    from broadcaster.authoring.agencies import load_registry
    from broadcaster.storage.db import open_db

    own_engine = engine is None
    db = open_db(settings.db_url) if engine is None else engine
    try:
        reg = registry if registry is not None else load_registry(settings.agencies_path)
        if triager is None:
            from broadcaster.responses.triage.classify import Triager
            from broadcaster.responses.triage.relevance import stored_campaign_profile

            with db.connect() as connection:
                path = connection.execute(
                    select(CAMPAIGN_TABLE.c.path).where(CAMPAIGN_TABLE.c.id == campaign_id)
                ).scalar()
            from broadcaster.responses.triage.learned import deployment_model

            case = stored_campaign_profile(path, reg)
            model = deployment_model(db, language=case.language)
            triager = Triager(case=case, model=model)
        tracker = _CampaignTracker(db, settings, reg, campaign_id, triager, progress, now)
        tracker.wanted = lambda agency: (
            agency not in skip and (agencies is None or agency in agencies)
        )
        return tracker.run()
    finally:
        if own_engine:
            db.dispose()
