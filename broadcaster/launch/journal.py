"""The exactly-once executor: launch, resolve, cancel and scheduled reposts all send through it.

Each post is a `Post` row whose state moves planned → sending → posted | failed | unknown.
The rules that make "never twice, never missing" hold across crashes and concurrent runs:

- rows are planned idempotently (the unique key (campaign, agency, kind, occurrence));
- only the holder of the campaign's lease sends (an atomic conditional UPDATE on the campaign
  row; a lease whose process died on this host is taken over at once, others expire);
- a row is committed `sending` BEFORE its request leaves and `posted | failed | unknown`
  after; a row left `sending` by a crash, or `unknown` after a timeout, or that was ever
  attempted, is reconciled against the account's own recent posts before anything is resent;
- transient errors are retried with backoff, honouring a rate limit's reset time within a
  bounded wait; beyond it the row is left `failed` with "deferred until <reset>".

At fire time each agency's request runs on a thread of its own that was started, and its
connection warmed, beforehand; the threads wait on one event, so the only work between the
release and the bytes leaving is the request itself. Journal writes go through a single
writer thread that commits results in batches.
"""

from __future__ import annotations

import contextlib
import html
import json
import logging
import os
import queue
import random
import re
import socket
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from sqlalchemy import Table, func, or_, update
from sqlmodel import Session, col, select

from broadcaster.errors import (
    BroadcasterError,
    Busy,
    OutcomeUnknown,
    PlatformError,
    RateLimited,
    Rejected,
)
from broadcaster.storage import audit
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import CampaignRecord, Post
from broadcaster.timeutil import utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.agencies import Agency, Registry
    from broadcaster.config import Settings
    from broadcaster.platforms.base import Account, Platform, Published

T = TypeVar("T")

# States of a row. `deleted` follows `posted` when a resolve takes the original down.
PLANNED, SENDING, POSTED, FAILED, UNKNOWN, DELETED = (
    "planned",
    "sending",
    "posted",
    "failed",
    "unknown",
    "deleted",
)
TODO_STATES = (PLANNED, SENDING, FAILED, UNKNOWN)
DONE_STATES = (POSTED, DELETED)
# Any other state (a lifecycle's `cancelled`, say) is left alone: never sent, never reported.
DEPENDENT_KINDS = ("quote", "repost")  # amplify: need the lead's original first
NO_MEDIA_KINDS = ("quote", "repost")
# Platforms may stamp a post a little before our clock says we sent it.
RECONCILE_SKEW = timedelta(minutes=2)
POST_TABLE: Table = Post.__table__  # type: ignore[attr-defined]  # Core updates: no ORM cost
# Requests are built and signed this long before the launch instant, then held.
ARM_AHEAD = 1.0


@dataclass(frozen=True)
class PlannedPost:
    """A post to make, before it has a row. `quote_of` empty for a dependent kind means
    "the lead agency's original of the same occurrence", filled in once that is posted."""

    agency: str
    kind: str  # original | quote | repost | scheduled_repost | update | correction
    text: str
    occurrence: str = "launch"
    quote_of: str | None = None
    scheduled_for: datetime | None = None


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5  # requests per post in one run, the first included
    budget: float = 60.0  # seconds of retrying per post in one run
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_reset_wait: float = 30.0  # wait out a rate limit this long; beyond, defer
    timeout: float = 10.0  # every request


@dataclass
class PostOutcome:
    post_id: int
    agency: str
    kind: str
    occurrence: str
    state: str
    remote_id: str | None = None
    url: str | None = None
    error: str | None = None
    attempts: int = 0
    sent_at: datetime | None = None
    posted_at: datetime | None = None
    # perf_counter instants: its request released, the platform's answer, the journal's commit
    started: float | None = None
    answered: float | None = None
    confirmed: float | None = None
    wave: int = 0
    fired: bool = False  # sent in this run (not found already posted)


@dataclass
class SendReport:
    campaign_id: str
    outcomes: list[PostOutcome] = field(default_factory=list)
    fired_at: datetime | None = None
    wall_seconds: float | None = None  # release → the platform's last answer
    journal_seconds: float | None = None  # release → the last result committed
    slowest_request: float | None = None  # seconds, the slowest single post request
    spread_ms: float | None = None  # platform time, first → last post of the largest wave

    @property
    def posted(self) -> list[PostOutcome]:
        return [o for o in self.outcomes if o.state in DONE_STATES]

    @property
    def failed(self) -> list[PostOutcome]:
        return [o for o in self.outcomes if o.state not in DONE_STATES]

    @property
    def complete(self) -> bool:
        return not self.failed


class Progress(Protocol):
    """What a caller may show while the executor works (the CLI draws it on stderr)."""

    def stage(self, message: str) -> None: ...

    def countdown(self, remaining: float) -> None: ...


class _Silent:
    def stage(self, message: str) -> None:
        pass

    def countdown(self, remaining: float) -> None:
        pass


# -- planning -------------------------------------------------------------------------


def plan_posts(
    engine: Engine, campaign_id: str, registry: Registry, planned: Iterable[PlannedPost]
) -> int:
    """Create the rows that do not exist yet; returns how many were created.

    A row never attempted takes the newest text; a row already attempted keeps the text it
    was sent with, so that reconciling it matches what may have reached the platform."""
    created = 0
    now = utcnow()
    with session_scope(engine, immediate=True) as session:
        for item in planned:
            agency = registry.get(item.agency)
            row = session.exec(
                select(Post).where(
                    Post.campaign_id == campaign_id,
                    Post.agency == item.agency,
                    Post.kind == item.kind,
                    Post.occurrence == item.occurrence,
                )
            ).first()
            if row is None:
                session.add(
                    Post(
                        campaign_id=campaign_id,
                        agency=item.agency,
                        platform=agency.platform,
                        handle=agency.handle,
                        kind=item.kind,
                        occurrence=item.occurrence,
                        state=PLANNED,
                        text=item.text,
                        quote_of=item.quote_of,
                        scheduled_for=item.scheduled_for,
                        updated_at=now,
                    )
                )
                created += 1
            elif row.state in TODO_STATES and row.attempts == 0 and row.text != item.text:
                row.text = item.text
                row.updated_at = now
                session.add(row)
            session.flush()
    return created


def rows_for(
    engine: Engine,
    campaign_id: str,
    *,
    kinds: Sequence[str] | None = None,
    occurrence: str | None = None,
    agencies: Sequence[str] | None = None,
) -> list[Post]:
    with Session(engine) as session:
        query = select(Post).where(Post.campaign_id == campaign_id)
        if kinds is not None:
            query = query.where(col(Post.kind).in_(kinds))
        if occurrence is not None:
            query = query.where(Post.occurrence == occurrence)
        if agencies is not None:
            query = query.where(col(Post.agency).in_(agencies))
        return list(session.exec(query.order_by(col(Post.id))).all())


# -- the campaign's lease ---------------------------------------------------------------


def _owner_tag(purpose: str) -> str:
    return f"{purpose}@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _owner_is_dead(owner: str) -> bool:
    """True when the holder ran on this host and its process is gone (kill -9, a crash)."""
    try:
        _, rest = owner.split("@", 1)
        host, pid_text, _ = rest.rsplit(":", 2)
        pid = int(pid_text)
    except ValueError:
        return False
    if host != socket.gethostname() or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:  # a zombie is dead, its parent just has not reaped it
        return stat.read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def _describe_owner(owner: str) -> str:
    try:
        purpose, rest = owner.split("@", 1)
        host, pid, _ = rest.rsplit(":", 2)
    except ValueError:
        return "another process"
    return f"a {purpose} in process {pid} on {host}"


class Lease:
    """This process's exclusive right to send for one campaign, renewed in the background."""

    def __init__(self, engine: Engine, campaign_id: str, owner: str, duration: float) -> None:
        self.engine = engine
        self.campaign_id = campaign_id
        self.owner = owner
        self.duration = duration
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _extend(self) -> bool:
        until = utcnow() + timedelta(seconds=self.duration)
        with session_scope(self.engine, immediate=True) as session:
            result = session.execute(
                update(CampaignRecord)
                .where(
                    col(CampaignRecord.id) == self.campaign_id,
                    col(CampaignRecord.lease_owner) == self.owner,
                )
                .values(lease_until=until)
            )
            return bool(getattr(result, "rowcount", 0))

    def _heartbeat(self) -> None:
        while not self._stop.wait(self.duration / 3):
            try:
                if not self._extend():
                    self.lost.set()
                    return
            except Exception:  # a busy database: try again next beat
                continue

    def start(self) -> Lease:
        self._thread = threading.Thread(target=self._heartbeat, daemon=True, name="lease")
        self._thread.start()
        return self

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with session_scope(self.engine, immediate=True) as session:
            session.execute(
                update(CampaignRecord)
                .where(
                    col(CampaignRecord.id) == self.campaign_id,
                    col(CampaignRecord.lease_owner) == self.owner,
                )
                .values(lease_owner=None, lease_until=None)
            )

    def __enter__(self) -> Lease:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def acquire_lease(
    engine: Engine, campaign_id: str, *, purpose: str = "launch", duration: float = 30.0
) -> Lease:
    """Take the campaign's lease or raise Busy (exit 3). The campaign row must exist."""
    owner = _owner_tag(purpose)
    for _ in range(2):
        now = utcnow()
        with session_scope(engine, immediate=True) as session:
            record = session.exec(
                select(CampaignRecord).where(CampaignRecord.id == campaign_id).with_for_update()
            ).first()
            if record is None:
                raise BroadcasterError(f"campaign {campaign_id!r} has no record to lease")
            holder, until = record.lease_owner, record.lease_until
            free = holder is None or until is None or until <= now
            if free or (holder is not None and _owner_is_dead(holder)):
                result = session.execute(
                    update(CampaignRecord)
                    .where(
                        col(CampaignRecord.id) == campaign_id,
                        or_(
                            col(CampaignRecord.lease_owner).is_(None),
                            col(CampaignRecord.lease_owner) == holder,
                        ),
                    )
                    .values(lease_owner=owner, lease_until=now + timedelta(seconds=duration))
                )
                if getattr(result, "rowcount", 0) == 1:
                    return Lease(engine, campaign_id, owner, duration).start()
                continue
        break
    who = _describe_owner(holder or "")
    when = f" (its lease runs until {until:%H:%M:%S} UTC)" if until else ""
    raise Busy(
        f"campaign {campaign_id!r} is being worked on by {who}{when}; "
        f"wait for it to finish, then see broadcaster status {campaign_id}."
    )


# -- the single journal writer ----------------------------------------------------------


@dataclass
class _Change:
    apply: Callable[[Session], None]
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


class _Writer:
    """Commits journal changes from every sender thread, batching what arrives together.

    One thread holds the database's write lock at a time anyway (SQLite); funnelling the
    writes through one keeps 100-200 senders from queueing on the lock one commit each."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._queue: queue.Queue[_Change | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, daemon=True, name="journal")
        self._thread.start()

    def submit(self, apply: Callable[[Session], None]) -> _Change:
        change = _Change(apply)
        self._queue.put(change)
        return change

    def call(self, apply: Callable[[Session], None]) -> None:
        """Commit one change and wait for it; its error, if any, is raised here."""
        change = self.submit(apply)
        change.done.wait()
        if change.error is not None:
            raise change.error

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            stop = False
            while not stop:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                else:
                    batch.append(item)
            try:
                self._commit(batch)
            except BaseException:
                # One change failed the batch: commit each alone, so only it fails.
                for change in batch:
                    try:
                        self._commit([change])
                    except BaseException as error:
                        change.error = error
            for change in batch:
                change.done.set()
            if stop:
                return

    def _commit(self, changes: list[_Change]) -> None:
        from sqlalchemy.exc import OperationalError

        for attempt in range(6):
            try:
                with session_scope(self.engine, immediate=True) as session:
                    for change in changes:
                        change.apply(session)
                return
            except OperationalError:  # locked or busy beyond the timeout: try again
                if attempt == 5:
                    raise
                time.sleep(0.05 * (attempt + 1))


# -- reconciliation -------------------------------------------------------------------

_URL = re.compile(r"https?://\S+")


def normalized(text: str) -> str:
    """Text as a platform may echo it: entities unescaped, links shortened, NFC."""
    text = unicodedata.normalize("NFC", html.unescape(text))
    return " ".join(_URL.sub("<link>", text).split())


def find_published(row: Post, recent: Sequence[Published], taken: set[str]) -> Published | None:
    """The post on the account that is this row's, if it reached the platform."""
    want = normalized(row.text)
    since = (row.sent_at - RECONCILE_SKEW) if row.sent_at else None
    for published in recent:
        if published.remote_id in taken:
            continue
        if since is not None and published.created_at is not None and published.created_at < since:
            continue
        if normalized(published.text) == want:
            return published
    return None


# -- sending --------------------------------------------------------------------------


@dataclass
class _Account:
    agency: Agency
    platform: Platform | None = None
    account: Account | None = None
    error: str | None = None  # why nothing can be sent for this agency now
    media_id: str | None = None


@dataclass
class _Job:
    row: Post
    account: _Account
    outcome: PostOutcome


def _delay(policy: RetryPolicy, attempt: int) -> float:
    base: float = min(policy.max_delay, policy.base_delay * (2 ** max(0, attempt - 1)))
    return float(base * (0.5 + random.random() / 2))


def _with_retries(call: Callable[[], T], policy: RetryPolicy, deadline: float) -> T:
    """For requests that change nothing (verify, upload, read): retry transient errors."""
    attempt = 0
    while True:
        attempt += 1
        try:
            return call()
        except PlatformError as error:
            if not error.transient or attempt >= policy.attempts:
                raise
            wait = _delay(policy, attempt)
            if isinstance(error, RateLimited) and error.reset_at is not None:
                wait = max(wait, (error.reset_at - utcnow()).total_seconds())
            if time.monotonic() + wait > deadline:
                raise
            time.sleep(wait)


class _Aborted(Exception):
    """The wave was called off before its release: the held request is never sent."""


class _Gate:
    """Holds a platform's next request, fully built and signed, until the release.

    The platform arms the hold (`Platform.hold_next_request`): the X adapter's transport
    holds the request at its warm connection's write, so that after the release only the
    bytes are left to write (the Python work of tweepy, requests, urllib3 and http.client is
    done before, not in the launch spread). A platform that cannot hold there has its
    request started at the release instead, and the log says so."""

    def __init__(
        self, go: threading.Event, abort: threading.Event, ready: threading.Semaphore
    ) -> None:
        self.go, self.abort, self.ready = go, abort, ready
        self.reached = False
        self.released: float | None = None
        self._platform: Platform | None = None

    def install(self, platform: Platform) -> bool:
        """Arm the hold on the platform's next request; False when the caller must hold."""
        if not platform.hold_next_request(self._hold):
            logging.getLogger(__name__).info(
                "%r cannot hold a request at its connection's write; "
                "its request starts at the release instead",
                platform,
            )
            return False
        self._platform = platform
        return True

    def remove(self) -> None:
        """Disarm a hold the request never reached (it failed before its first write)."""
        if self._platform is not None:
            self._platform.cancel_held_request()

    def _hold(self) -> None:
        self.reached = True
        self.ready.release()
        self.go.wait()
        self.released = time.perf_counter()
        if self.abort.is_set():
            raise _Aborted


def _one_per_account(jobs: list[_Job]) -> list[list[_Job]]:
    """Releases in which each account appears once (its session carries one request)."""
    batches: list[list[_Job]] = []
    for job in jobs:
        for batch in batches:
            if all(j.account is not job.account for j in batch):
                batch.append(job)
                break
        else:
            batches.append([job])
    return batches


class Executor:
    """Sends a set of journal rows for one campaign. Use `send_posts`; the class holds the
    state of one run (accounts, writer, threads)."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        registry: Registry,
        campaign_id: str,
        *,
        operator: str,
        lease: Lease,
        policy: RetryPolicy,
        progress: Progress,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.registry = registry
        self.campaign_id = campaign_id
        self.operator = operator
        self.lease = lease
        self.policy = policy
        self.progress = progress
        self.accounts: dict[str, _Account] = {}
        self.writer = _Writer(engine)
        self.bugs: list[BaseException] = []
        self.timing: tuple[float | None, float | None, float | None] = (None, None, None)
        self._bug_lock = threading.Lock()

    # preflight -------------------------------------------------------------------

    def preflight(self, rows: list[Post], photo: Any | None) -> None:
        """Per account, in parallel: verify, reconcile rows attempted before, upload the
        photo, warm a connection. A failing account never stops the others."""
        from broadcaster.platforms import platform_for

        by_agency: dict[str, list[Post]] = {}
        for row in rows:
            by_agency.setdefault(row.agency, []).append(row)
        deadline = time.monotonic() + self.policy.budget

        def prepare(agency_key: str) -> _Account:
            state = _Account(agency=self.registry.get(agency_key))
            rows_here = by_agency[agency_key]
            try:
                state.platform = platform_for(
                    state.agency, self.settings, timeout=self.policy.timeout
                )
                platform = state.platform
                try:
                    state.account = _with_retries(platform.verify, self.policy, deadline)
                except PlatformError as error:
                    if not error.transient:
                        raise
                    # Unsure is not refused: the post itself will retry, then report.
                attempted = [r for r in rows_here if r.attempts > 0 or r.sent_at]
                if attempted:
                    self._reconcile(state, attempted, deadline)
                if photo is not None and any(
                    r.state not in DONE_STATES and r.kind not in NO_MEDIA_KINDS for r in rows_here
                ):
                    alt = _alt_text(photo, state.agency)
                    state.media_id = _with_retries(
                        lambda: platform.upload_media(photo.data, photo.mime_type, alt),
                        self.policy,
                        deadline,
                    )
                if state.account is None:  # verify and upload opened it otherwise
                    platform.warm()
            except PlatformError as error:
                state.error = str(error)
                if error.transient:
                    state.error += " (launch again to retry)"
            except BroadcasterError as error:  # e.g. credentials missing for this agency
                state.error = str(error)
            return state

        workers = max(1, min(len(by_agency), 128))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="preflight") as pool:
            for state in pool.map(prepare, list(by_agency)):
                self.accounts[state.agency.key] = state

        followers = {k: s.account.followers for k, s in self.accounts.items() if s.account}
        media = {k: s.media_id for k, s in self.accounts.items() if s.media_id}
        errors = {k: s.error for k, s in self.accounts.items() if s.error}
        ids = [r.id for r in rows if r.state not in DONE_STATES]

        def store(session: Session) -> None:
            for row in session.exec(select(Post).where(col(Post.id).in_(ids))).all():
                if row.state in DONE_STATES:
                    continue
                row.followers = followers.get(row.agency, row.followers)
                if row.agency in media and row.kind not in NO_MEDIA_KINDS:
                    row.media_ids = json.dumps([media[row.agency]])
                if row.agency in errors:
                    row.state = FAILED if row.state == PLANNED else row.state
                    row.error = errors[row.agency]
                row.updated_at = utcnow()
                session.add(row)

        self.writer.call(store)
        for row in rows:  # the in-memory rows follow the database
            if row.state not in DONE_STATES:
                row.followers = followers.get(row.agency, row.followers)
                if row.agency in media and row.kind not in NO_MEDIA_KINDS:
                    row.media_ids = json.dumps([media[row.agency]])

    def _reconcile(self, state: _Account, attempted: list[Post], deadline: float) -> None:
        platform = state.platform
        assert platform is not None
        recent = _with_retries(lambda: platform.recent_posts(100), self.policy, deadline)
        taken = self._remote_ids_taken(state.agency, [p.remote_id for p in recent])
        for row in attempted:
            if row.state in DONE_STATES:
                continue
            if row.kind == "repost":
                continue  # a repost has no text to find; re-reposting is refused, not doubled
            found = find_published(row, recent, taken)
            if found is not None:
                taken.add(found.remote_id)
                self._mark_posted_now(row, found, reconciled=True)
            elif row.state in (SENDING, UNKNOWN):
                row_id = row.id

                def not_there(session: Session, row_id: int | None = row_id) -> None:
                    stored = session.get(Post, row_id)
                    if stored is not None and stored.state in (SENDING, UNKNOWN):
                        stored.state = FAILED
                        stored.error = "not found on the account after an unknown outcome"
                        stored.updated_at = utcnow()
                        session.add(stored)

                self.writer.call(not_there)
                row.state = FAILED

    def _remote_ids_taken(self, agency: Agency, candidates: Sequence[str]) -> set[str]:
        """The account's posts already recorded by any row, of this campaign or another:
        an identical text posted for another campaign must never be adopted as this one."""
        if not candidates:
            return set()
        with Session(self.engine) as session:
            ids = session.exec(
                select(Post.remote_id).where(
                    Post.platform == agency.platform,
                    Post.handle == agency.handle,
                    col(Post.remote_id).in_(list(candidates)),
                )
            ).all()
        return {i for i in ids if i}

    def _mark_posted_now(self, row: Post, published: Published, *, reconciled: bool) -> None:
        self.writer.call(self._posted_change(row, published, reconciled=reconciled))
        row.state = POSTED
        row.remote_id = published.remote_id
        row.url = published.url
        row.posted_at = published.created_at

    def _posted_change(
        self,
        row: Post,
        published: Published | None,
        *,
        reconciled: bool = False,
        quote_url: str | None = None,
    ) -> Callable[[Session], None]:
        """One UPDATE and one audit entry: the writer commits a hundred of these in a batch."""
        operator, campaign_id = self.operator, self.campaign_id
        row_id, agency, kind, occurrence = row.id, row.agency, row.kind, row.occurrence
        attempts = row.attempts

        def change(session: Session) -> None:
            now = utcnow()
            remote_id: str | None
            url: str | None
            if published is not None:
                remote_id, url = published.remote_id, published.url
                posted_at = published.created_at or now
            else:  # a repost: it has no post of its own in our interface
                remote_id, url, posted_at = None, quote_url, now
            result = session.connection().execute(
                update(POST_TABLE)
                .where(col(Post.id) == row_id, col(Post.state).in_(TODO_STATES))
                .values(
                    state=POSTED,
                    remote_id=remote_id,
                    url=url,
                    posted_at=posted_at,
                    error=None,
                    next_attempt_at=None,
                    updated_at=now,
                )
            )
            if not getattr(result, "rowcount", 0):
                return
            audit.record(
                session,
                operator=operator,
                action="post",
                campaign_id=campaign_id,
                detail={
                    "agency": agency,
                    "kind": kind,
                    "occurrence": occurrence,
                    "remote_id": remote_id,
                    "url": url,
                    "attempts": attempts,
                    **({"reconciled": True} if reconciled else {}),
                },
            )

        return change

    # fire ------------------------------------------------------------------------

    def fire(
        self, rows: list[Post], *, at: datetime | None, lead: str | None
    ) -> tuple[list[PostOutcome], float | None, datetime | None]:
        outcomes: list[PostOutcome] = []
        todo = [r for r in rows if r.state in TODO_STATES]
        for row in rows:
            if row.state in DONE_STATES:
                outcomes.append(_outcome(row))
        first = [r for r in todo if not (r.kind in DEPENDENT_KINDS and not r.quote_of)]
        second = [r for r in todo if r.kind in DEPENDENT_KINDS and not r.quote_of]
        fired_at: datetime | None = None
        finished: list[PostOutcome] = []
        start = None
        for number, wave in enumerate((first, second), start=1):
            if not wave:
                continue
            if number == 2:
                wave = self._attach_quotes(wave, lead, outcomes)
            jobs, skipped = self._jobs(wave, number)
            outcomes.extend(skipped)
            for batch in _one_per_account(jobs):
                released, began = self._release(batch, at if number == 1 else None)
                if fired_at is None:
                    fired_at, start = released, began
                outcomes.extend(j.outcome for j in batch)
                finished.extend(j.outcome for j in batch)
        self.timing = _timing(finished, start)
        return outcomes, self.timing[0], fired_at

    def _attach_quotes(
        self, wave: list[Post], lead: str | None, outcomes: list[PostOutcome]
    ) -> list[Post]:
        """Partners quote (or repost) the lead's original of the same occurrence."""
        ready: list[Post] = []
        for row in wave:
            with Session(self.engine) as session:
                original = session.exec(
                    select(Post).where(
                        Post.campaign_id == self.campaign_id,
                        Post.agency == lead,
                        Post.kind == "original",
                        Post.occurrence == row.occurrence,
                    )
                ).first()
            if original is None or original.state not in DONE_STATES or not original.remote_id:
                reason = f"the lead agency {lead!r} has not posted, so there is nothing to quote"
                self.writer.call(self._failed_change(row.id, reason, None))
                row.state, row.error = FAILED, reason
                outcomes.append(_outcome(row))
                continue
            row.quote_of = original.remote_id
            quote_url = original.url

            def attach(
                session: Session, row_id: int | None = row.id, remote: str = original.remote_id
            ) -> None:
                stored = session.get(Post, row_id)
                if stored is not None:
                    stored.quote_of = remote
                    session.add(stored)

            self.writer.call(attach)
            row.url = quote_url if row.kind == "repost" else row.url
            ready.append(row)
        return ready

    def _jobs(self, wave: list[Post], number: int) -> tuple[list[_Job], list[PostOutcome]]:
        jobs: list[_Job] = []
        skipped: list[PostOutcome] = []
        for row in wave:
            state = self.accounts.get(row.agency)
            if state is None or state.platform is None or state.error:
                # As the database has it: a row that may have left stays unknown.
                row.state = FAILED if row.state == PLANNED else row.state
                row.error = state.error if state else "no account prepared"
                skipped.append(_outcome(row, wave=number))
                continue
            if row.state in DONE_STATES:  # found by reconciliation in preflight
                skipped.append(_outcome(row, wave=number))
                continue
            jobs.append(_Job(row, state, _outcome(row, wave=number)))
        return jobs, skipped

    def _release(self, jobs: list[_Job], at: datetime | None) -> tuple[datetime, float]:
        """Build every request, hold each at its gate, commit the rows `sending`, then
        open all the gates at once (at `at`)."""
        if at is not None:
            self._countdown(at - timedelta(seconds=ARM_AHEAD), jobs)
        go, abort = threading.Event(), threading.Event()
        ready = threading.Semaphore(0)
        threads = [
            threading.Thread(
                target=self._drive, args=(job, go, abort, ready), daemon=True, name=job.row.agency
            )
            for job in jobs
        ]
        for thread in threads:
            thread.start()
        try:
            for _ in jobs:
                ready.acquire(timeout=ARM_AHEAD * 10)
            self._mark_sending([j.row for j in jobs])
        except BaseException:
            abort.set()  # nothing has left: the gates raise instead of sending
            go.set()
            for thread in threads:
                thread.join()
            raise
        if at is not None:
            _sleep_until(at)
        began = time.perf_counter()
        fired_at = utcnow()
        go.set()
        for thread in threads:
            thread.join()
        return fired_at, began

    def _countdown(self, at: datetime, jobs: list[_Job]) -> None:
        last_warm = time.monotonic()
        while True:
            remaining = (at - utcnow()).total_seconds()
            if remaining <= 0.05:
                return
            self.progress.countdown(remaining + ARM_AHEAD)
            if self.lease.lost.is_set():
                raise Busy(
                    f"campaign {self.campaign_id!r} lost its lease during the countdown; "
                    "nothing was sent; run launch again."
                )
            if remaining < 5 and time.monotonic() - last_warm > 20:
                # Idle connections may have been closed by the server during a long wait.
                platforms = [j.account.platform for j in jobs if j.account.platform is not None]
                workers = max(1, min(len(platforms), 128))
                with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="warm") as pool:
                    list(pool.map(lambda platform: platform.warm(), platforms))
                last_warm = time.monotonic()
            time.sleep(min(1.0, remaining - 0.05))

    def _mark_sending(self, rows: list[Post]) -> None:
        """Every row `sending` in one commit, before any request of the wave leaves."""
        ids = [r.id for r in rows]
        now = utcnow()
        lease, campaign_id = self.lease, self.campaign_id

        def change(session: Session) -> None:
            holder = session.execute(
                select(CampaignRecord.lease_owner).where(CampaignRecord.id == campaign_id)
            ).scalar_one()
            if holder != lease.owner:
                raise Busy(
                    f"campaign {campaign_id!r} is now held by another process; "
                    "nothing more was sent from this one."
                )
            session.connection().execute(
                update(POST_TABLE)
                .where(col(Post.id).in_(ids))
                .values(
                    state=SENDING,
                    attempts=col(Post.attempts) + 1,
                    sent_at=func.coalesce(col(Post.sent_at), now),
                    error=None,
                    updated_at=now,
                )
            )

        self.writer.call(change)
        for row in rows:
            row.state = SENDING
            row.attempts += 1
            row.sent_at = row.sent_at or now

    def _mark_one_sending(self, row: Post) -> None:
        """A retry's `sending`, committed before it leaves, and only while the lease is ours."""
        row_id, lease, campaign_id = row.id, self.lease, self.campaign_id

        def change(session: Session) -> None:
            holder = session.execute(
                select(CampaignRecord.lease_owner).where(CampaignRecord.id == campaign_id)
            ).scalar_one()
            if holder != lease.owner:
                raise Busy(f"campaign {campaign_id!r} lost its lease; stopped sending.")
            session.connection().execute(
                update(POST_TABLE)
                .where(col(Post.id) == row_id)
                .values(state=SENDING, attempts=col(Post.attempts) + 1, updated_at=utcnow())
            )

        if lease.lost.is_set():
            raise Busy(f"campaign {campaign_id!r} lost its lease; stopped sending.")
        self.writer.call(change)
        row.attempts += 1
        row.state = SENDING

    def _failed_change(
        self, row_id: int | None, reason: str, retry_at: datetime | None, state: str = FAILED
    ) -> Callable[[Session], None]:
        def change(session: Session) -> None:
            stored = session.get(Post, row_id)
            if stored is None or stored.state in DONE_STATES:
                return
            stored.state = state
            stored.error = reason
            stored.next_attempt_at = retry_at
            stored.updated_at = utcnow()
            session.add(stored)

        return change

    def _request(self, job: _Job) -> Published | None:
        platform = job.account.platform
        assert platform is not None
        row = job.row
        if row.kind == "repost":
            assert row.quote_of is not None
            platform.repost(row.quote_of)
            return None
        media = json.loads(row.media_ids) if row.media_ids else []
        return platform.post(row.text, media, quote_of=row.quote_of)

    def _drive(
        self,
        job: _Job,
        go: threading.Event,
        abort: threading.Event,
        ready: threading.Semaphore,
    ) -> None:
        """One post, from release to a final state; its own retries included.

        The first request is built before the release and held at the gate inside the
        platform's session, so that after the release only the sending is left to do."""
        row, outcome = job.row, job.outcome
        assert job.account.platform is not None
        gate = _Gate(go, abort, ready)
        if not gate.install(job.account.platform):
            ready.release()
            go.wait()
            gate.released = time.perf_counter()
            if abort.is_set():
                return
        began = time.monotonic()
        attempt = 1  # the wave marked the first attempt `sending`
        while True:
            try:
                published = self._request(job)
            except _Aborted:
                return
            except BaseException as error:
                outcome.started = outcome.started or gate.released
                outcome.answered = time.perf_counter()
                if not gate.reached:  # failed while building: nothing left; wait for the wave
                    gate.reached = True
                    gate.remove()
                    ready.release()
                    go.wait()
                    if abort.is_set():
                        return
                if not self._after_error(job, error, attempt, began):
                    return
            else:
                outcome.started = outcome.started or gate.released
                outcome.answered = time.perf_counter()
                self._record_posted(job, published, attempt)
                return
            attempt += 1
            try:
                self._mark_one_sending(row)
            except Busy as error:
                self._finish_failed(job, str(error), FAILED)
                return
            outcome.attempts = attempt

    def _after_error(self, job: _Job, error: BaseException, attempt: int, began: float) -> bool:
        """Record what an error means for the row; True when the caller should retry now."""
        row = job.row
        if isinstance(error, OutcomeUnknown) or (
            isinstance(error, Rejected) and "duplicate" in str(error).lower()
        ):
            # It may be there (a duplicate refusal says something with this text is):
            # look before sending again.
            if isinstance(error, OutcomeUnknown):
                self.writer.call(self._failed_change(row.id, str(error), None, state=UNKNOWN))
            found = self._reconcile_one(job, began)
            if found is True:
                return False
            if isinstance(error, Rejected):
                self._finish_failed(job, str(error), FAILED)
                return False
            if found is None or self._may_retry(attempt, began, None) is None:
                self._finish_failed(job, f"{error}; the outcome is still unknown", UNKNOWN)
                return False
            return True
        if isinstance(error, PlatformError):
            if not error.transient:
                self._finish_failed(job, str(error), FAILED)
                return False
            reset = error.reset_at if isinstance(error, RateLimited) else None
            wait = self._may_retry(attempt, began, reset)
            if wait is None:
                if reset is not None and reset > utcnow():
                    reason = f"{error}; deferred until {reset:%Y-%m-%d %H:%M:%S} UTC"
                    self._finish_failed(job, reason, FAILED, retry_at=reset)
                else:
                    self._finish_failed(job, f"{error} (after {attempt} attempts)", FAILED)
                return False
            time.sleep(wait)
            return True
        if isinstance(error, Exception):  # a bug; the request may have left: reconcile later
            self._finish_failed(job, f"internal error: {type(error).__name__}", UNKNOWN)
            with self._bug_lock:
                self.bugs.append(error)
            return False
        raise error

    def _record_posted(self, job: _Job, published: Published | None, attempt: int) -> None:
        row, outcome = job.row, job.outcome
        self.writer.call(self._posted_change(row, published, quote_url=row.url))
        outcome.confirmed = time.perf_counter()
        outcome.state = POSTED
        outcome.fired = True
        outcome.attempts = attempt
        outcome.sent_at = row.sent_at
        if published is not None:
            outcome.remote_id = published.remote_id
            outcome.url = published.url
            outcome.posted_at = published.created_at
        else:
            outcome.url = row.url
            outcome.posted_at = utcnow()
        outcome.error = None

    def _may_retry(self, attempt: int, began: float, reset: datetime | None) -> float | None:
        """Seconds to wait before the next attempt, or None when this run must give up."""
        policy = self.policy
        if attempt >= policy.attempts:
            return None
        left = policy.budget - (time.monotonic() - began)
        wait = _delay(policy, attempt)
        if reset is not None:
            until_reset = (reset - utcnow()).total_seconds()
            if until_reset > policy.max_reset_wait:
                return None
            wait = max(wait, until_reset + random.uniform(0.0, 0.25))
        if wait > left:
            return None
        return wait

    def _reconcile_one(self, job: _Job, began: float) -> bool | None:
        """After an unknown outcome: True if the post is on the account (now recorded),
        False if it certainly is not, None if we could not find out."""
        row = job.row
        if row.kind == "repost":
            return False  # X refuses a second repost of the same post: retrying is safe
        platform = job.account.platform
        assert platform is not None
        deadline = began + self.policy.budget
        try:
            recent = _with_retries(lambda: platform.recent_posts(100), self.policy, deadline)
        except PlatformError:
            return None
        taken = self._remote_ids_taken(job.account.agency, [p.remote_id for p in recent])
        found = find_published(row, recent, taken)
        if found is None:
            return False
        self.writer.call(self._posted_change(row, found, reconciled=True))
        job.outcome.confirmed = time.perf_counter()
        job.outcome.state = POSTED
        job.outcome.fired = True
        job.outcome.remote_id = found.remote_id
        job.outcome.url = found.url
        job.outcome.posted_at = found.created_at
        job.outcome.attempts = row.attempts
        return True

    def _finish_failed(
        self, job: _Job, reason: str, state: str, retry_at: datetime | None = None
    ) -> None:
        self.writer.call(self._failed_change(job.row.id, reason, retry_at, state=state))
        job.outcome.confirmed = time.perf_counter()
        job.outcome.state = state
        job.outcome.error = reason
        job.outcome.fired = True
        job.outcome.attempts = job.row.attempts

    def close(self) -> None:
        for state in self.accounts.values():
            if state.platform is not None:
                with contextlib.suppress(Exception):
                    state.platform.close()
        self.writer.close()


def _sleep_until(at: datetime) -> None:
    remaining = (at - utcnow()).total_seconds()
    if remaining > 0.002:
        time.sleep(remaining - 0.002)
    while utcnow() < at:  # the last two milliseconds, precisely
        pass


def _alt_text(photo: Any, agency: Agency) -> str:
    texts: Mapping[str, str] = getattr(photo, "alt_text", {}) or {}
    return (
        texts.get(agency.language)
        or texts.get(agency.base_language)
        or next(iter(texts.values()), "")
    )


def _outcome(row: Post, wave: int = 0) -> PostOutcome:
    return PostOutcome(
        post_id=row.id or 0,
        agency=row.agency,
        kind=row.kind,
        occurrence=row.occurrence,
        state=row.state,
        remote_id=row.remote_id,
        url=row.url,
        error=row.error,
        attempts=row.attempts,
        sent_at=row.sent_at,
        posted_at=row.posted_at,
        wave=wave,
    )


def _timing(
    finished: list[PostOutcome], start: float | None
) -> tuple[float | None, float | None, float | None]:
    """(release → last answer, release → last commit, the slowest first-attempt request)."""
    if start is None:
        return None, None, None
    answers = [o.answered for o in finished if o.answered is not None]
    commits = [o.confirmed for o in finished if o.confirmed is not None]
    single = [
        o.answered - o.started
        for o in finished
        if o.answered is not None and o.started is not None and o.attempts == 1
    ]
    return (
        max(answers) - start if answers else None,
        max(commits) - start if commits else None,
        max(single) if single else None,
    )


def _spread_ms(outcomes: list[PostOutcome]) -> float | None:
    waves: dict[int, list[datetime]] = {}
    for outcome in outcomes:
        # A repost has no post of its own, hence no platform time to compare.
        fired = outcome.fired and outcome.state == POSTED and outcome.kind != "repost"
        if fired and outcome.posted_at is not None:
            waves.setdefault(outcome.wave, []).append(outcome.posted_at)
    if not waves:
        return None
    times = max(waves.values(), key=len)
    return (max(times) - min(times)).total_seconds() * 1000


def send_posts(
    engine: Engine,
    settings: Settings,
    registry: Registry,
    campaign_id: str,
    *,
    operator: str,
    kinds: Sequence[str],
    occurrence: str | None = None,
    agencies: Sequence[str] | None = None,
    photo: Any | None = None,
    at: datetime | None = None,
    policy: RetryPolicy | None = None,
    lease: Lease | None = None,
    progress: Progress | None = None,
) -> SendReport:
    """Send every row of `campaign_id` of these kinds (and occurrence, and agencies) that is
    not posted yet, exactly once, at `at` (or now). Rows must have been planned with
    `plan_posts`. Takes the campaign's lease unless one is given (raises Busy). `photo` (a
    PreparedPhoto) is uploaded to each account and attached to every row but quotes and
    reposts. Never raises for a platform failure: the report says which rows failed."""
    policy = policy or RetryPolicy()
    progress = progress or _Silent()
    own_lease = lease is None
    lease = lease or acquire_lease(engine, campaign_id, purpose="send")
    try:
        with Session(engine) as session:
            record = session.get(CampaignRecord, campaign_id)
            lead = record.lead if record else None
        rows = rows_for(engine, campaign_id, kinds=kinds, occurrence=occurrence, agencies=agencies)
        report = SendReport(campaign_id)
        executor = Executor(
            engine,
            settings,
            registry,
            campaign_id,
            operator=operator,
            lease=lease,
            policy=policy,
            progress=progress,
        )
        try:
            todo = [r for r in rows if r.state in TODO_STATES]
            if todo:
                accounts = len({r.agency for r in todo})
                upload = ", uploading the photo to each" if photo is not None else ""
                progress.stage(
                    f"Preflight: verifying {accounts} account(s){upload}, warming connections."
                )
                executor.preflight(todo, photo)
            if at is not None and at > utcnow():
                progress.stage(f"Ready: {len(todo)} post(s) fire at {at:%Y-%m-%d %H:%M:%S} UTC.")
            else:
                progress.stage(f"Firing {len(todo)} post(s).")
            outcomes, wall, fired_at = executor.fire(rows, at=at, lead=lead)
        finally:
            executor.close()
        if executor.bugs:
            raise executor.bugs[0]
        order = {row.id: i for i, row in enumerate(rows)}
        report.outcomes = sorted(outcomes, key=lambda o: order.get(o.post_id, 0))
        report.wall_seconds = wall
        report.journal_seconds, report.slowest_request = executor.timing[1:]
        report.fired_at = fired_at
        report.spread_ms = _spread_ms(outcomes)
        return report
    finally:
        if own_lease:
            lease.release()
