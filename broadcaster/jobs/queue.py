"""The scheduler behind `run` and `tick`: due launches, scheduled reposts, tracking polls and
expiries, as rows of the `job` table that workers claim.

Every pass first *discovers* work (inserts the jobs that are missing, idempotently: the
table's unique key and `ON CONFLICT DO NOTHING` make two workers discovering at once
harmless), then *claims* due jobs one at a time and does them. A claim is a lease
(`claimed_by`, `claimed_until`) written in one transaction that locks what it reads:
`BEGIN IMMEDIATE` on SQLite, `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so two
workers never hold the same job. A worker renews its lease while it works; one that is
killed leaves a lease that runs out, and the next worker takes the job over. Posting goes
through the launch journal, which reconciles a post that may have left before any retry,
so a takeover never posts twice.

Two clocks: `clock` says what is due (a test or a drill can freeze it); leases always use
the wall clock, because they measure whether a process is alive.

Job kinds:
- `launch`: an approved campaign whose `launch_at` is near (claimed `LAUNCH_LEAD` early,
  so that preflight is done when the instant comes);
- `plan`: an agency's launch post is up: turn the campaign's repost plans into `repost`
  jobs for it (schedule.py);
- `repost`: one scheduled repost by one agency (the repost template, quoting its launch
  post). When a worker was down and several reposts of one agency are overdue, only the
  newest is posted: a burst of stale reposts helps nobody;
- `track`: a tracking poll of the campaign, every `track_every`;
- `expire`: the campaign's `expires_at` has come: its photo posts come down.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, exists, func, or_, update
from sqlmodel import Session, col, select

from broadcaster.errors import (
    AlreadyLaunched,
    BroadcasterError,
    Busy,
    CampaignClosed,
    ChangedSinceApproval,
    NotApproved,
    PlatformError,
    RateLimited,
)
from broadcaster.jobs.schedule import occurrence_key, parse_occurrence
from broadcaster.storage.models import CampaignRecord, Job, Post
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.agencies import Registry
    from broadcaster.authoring.prepare import PreparedCampaign
    from broadcaster.config import Settings

log = logging.getLogger(__name__)

JOB_KINDS = ("launch", "plan", "repost", "track", "expire")
LAUNCH_POST_KINDS = ("original", "quote", "repost")  # the rows a launch writes
LIVE_STATES = ("launched", "partial")
CLOSED_STATES = ("resolved", "cancelled", "expired")
DEFAULT_LEASE = timedelta(minutes=2)
DEFAULT_TRACK_EVERY = timedelta(minutes=15)
LAUNCH_LEAD = timedelta(seconds=60)
WAIT_FOR_APPROVAL = timedelta(minutes=1)
BUSY_WAIT = 5.0  # seconds a job waits for another process to finish with its campaign
MAX_ATTEMPTS = 8
# Jobs of these kinds due together for one campaign are claimed and done together: plans
# so that the agencies' reposts line up, reposts so that one journal run sends them all.
GROUPED_KINDS = ("plan", "repost")


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class Claim:
    id: int
    campaign_id: str
    agency: str
    kind: str
    occurrence: str
    due_at: datetime
    attempts: int


@dataclass(frozen=True)
class JobResult:
    claim: Claim
    outcome: str  # done | retry | failed | skipped | cancelled | lost
    detail: str | None = None


@dataclass
class TickReport:
    worker: str
    discovered: int = 0
    results: list[JobResult] = field(default_factory=list)
    stopped: bool = False  # a stop was asked for before the pass ran out of due work

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def platform_failed(self) -> bool:
        return any(r.outcome == "failed" for r in self.results)

    def as_dict(self) -> dict[str, Any]:
        return {
            "worker": self.worker,
            "discovered": self.discovered,
            "jobs": [
                {
                    "id": r.claim.id,
                    "kind": r.claim.kind,
                    "campaign": r.claim.campaign_id,
                    "agency": r.claim.agency or None,
                    "occurrence": r.claim.occurrence or None,
                    "outcome": r.outcome,
                    "detail": r.detail,
                }
                for r in self.results
            ],
        }


class Retry(Exception):
    """Put the job back to be tried again at `at`."""

    def __init__(self, at: datetime, reason: str) -> None:
        super().__init__(reason)
        self.at = at
        self.reason = reason


class Skip(Exception):
    """Nothing to do for this job; `state` is how it ends (skipped or cancelled)."""

    def __init__(self, reason: str, state: str = "skipped") -> None:
        super().__init__(reason)
        self.reason = reason
        self.state = state


# A handler does a group of claimed jobs of its kind and says how each ended: a detail
# string (done), or the exception that ended it (Skip, Retry, a BroadcasterError).
Outcomes = dict[int, "str | BaseException | None"]
Handler = Callable[["Worker", list[Claim]], Outcomes]


# -- storage helpers --------------------------------------------------------------------


def _insert_ignore(session: Session, rows: list[dict[str, Any]]) -> int:
    """Insert jobs, skipping any that exist (the unique key decides); returns the count."""
    if not rows:
        return 0
    table = Job.__table__  # type: ignore[attr-defined]
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt: Any = pg_insert(table).on_conflict_do_nothing()
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(table).on_conflict_do_nothing()
    # rowcount is not summed over a batch on every driver; the returned ids are.
    result = session.execute(stmt.returning(table.c.id), rows)
    return len(result.all())


def _job(
    campaign_id: str, kind: str, due_at: datetime, agency: str = "", occurrence: str = ""
) -> dict[str, Any]:
    return {
        "campaign_id": campaign_id,
        "agency": agency,
        "kind": kind,
        "occurrence": occurrence,
        "due_at": as_utc(due_at),
        "state": "pending",
        "attempts": 0,
    }


def discover(engine: Engine, now: datetime, *, track_every: timedelta = DEFAULT_TRACK_EVERY) -> int:
    """Insert the jobs that are due or about to be and are not in the table yet."""
    from broadcaster.storage.db import session_scope

    rows: list[dict[str, Any]] = []
    with Session(engine) as session:
        launches = session.exec(
            select(CampaignRecord).where(
                CampaignRecord.state == "draft",
                col(CampaignRecord.launch_at).is_not(None),
                col(CampaignRecord.launch_at) <= now + LAUNCH_LEAD,
            )
        ).all()
        for record in launches:
            assert record.launch_at is not None
            key = occurrence_key(record.launch_at)
            rows.append(_job(record.id, "launch", record.launch_at - LAUNCH_LEAD, "", key))

        unplanned = session.exec(
            select(Post.campaign_id, Post.agency)
            .join(CampaignRecord, col(CampaignRecord.id) == col(Post.campaign_id))
            .where(
                col(Post.kind).in_(LAUNCH_POST_KINDS),
                Post.state == "posted",
                col(CampaignRecord.state).in_(LIVE_STATES),
                ~exists().where(
                    col(Job.campaign_id) == col(Post.campaign_id),
                    col(Job.agency) == col(Post.agency),
                    col(Job.kind) == "plan",
                ),
            )
            .distinct()
        ).all()
        for campaign_id, agency in unplanned:
            rows.append(_job(campaign_id, "plan", now, agency, "launch"))

        live = session.exec(
            select(CampaignRecord).where(col(CampaignRecord.state).in_(LIVE_STATES))
        ).all()
        for record in live:
            if record.expires_at is not None:
                key = occurrence_key(record.expires_at)
                rows.append(_job(record.id, "expire", record.expires_at, "", key))
            start = record.launched_at or record.updated_at
            track_due = record.next_track_at or (start + track_every)
            if track_due <= now:
                rows.append(_job(record.id, "track", track_due, "", occurrence_key(track_due)))

    if not rows:
        return 0
    with session_scope(engine, immediate=True) as session:
        return _insert_ignore(session, rows)


def claim_next(
    engine: Engine,
    worker: str,
    now: datetime,
    *,
    lease: timedelta = DEFAULT_LEASE,
    kinds: tuple[str, ...] = JOB_KINDS,
) -> Claim | None:
    """Take the most overdue job (pending and due, or claimed by a worker whose lease ran
    out), or None when nothing is due."""
    from broadcaster.storage.db import is_sqlite, session_scope

    wall = utcnow()
    # Jobs of a campaign another process is sending for would wait for its lease: take
    # other work first. (They stay claimable: a dead holder's lease is taken over at once.)
    busy = exists().where(
        col(CampaignRecord.id) == col(Job.campaign_id),
        col(CampaignRecord.lease_owner).is_not(None),
        col(CampaignRecord.lease_until) > wall,
    )
    query = (
        select(Job)
        .where(
            col(Job.kind).in_(kinds),
            or_(
                and_(col(Job.state) == "pending", col(Job.due_at) <= now),
                and_(col(Job.state) == "claimed", col(Job.claimed_until) < wall),
            ),
        )
        .order_by(case((busy, 1), else_=0), col(Job.due_at), col(Job.id))
        .limit(1)
    )
    if not is_sqlite(engine):
        query = query.with_for_update(of=Job, skip_locked=True)
    with session_scope(engine, immediate=True) as session:
        job = session.exec(query).first()
        if job is None:
            return None
        if job.state == "claimed":
            log.info("job %s: lease of %s ran out; taking it over", job.id, job.claimed_by)
        job.state = "claimed"
        job.claimed_by = worker
        job.claimed_until = wall + lease
        job.attempts += 1
        session.add(job)
        session.flush()
        return _claim_of(job)


def _claim_of(job: Job) -> Claim:
    assert job.id is not None
    return Claim(
        id=job.id,
        campaign_id=job.campaign_id,
        agency=job.agency,
        kind=job.kind,
        occurrence=job.occurrence,
        due_at=job.due_at,
        attempts=job.attempts,
    )


def claim_siblings(
    engine: Engine,
    worker: str,
    first: Claim,
    now: datetime,
    *,
    lease: timedelta = DEFAULT_LEASE,
    limit: int = 200,
) -> list[Claim]:
    """Other agencies' jobs of the same kind, campaign and occurrence that are due: reposts
    due at one instant go out together in one journal run (in parallel, under one campaign
    lease); plans are made together so that the reposts they plan line up."""
    from broadcaster.storage.db import is_sqlite, session_scope

    wall = utcnow()
    query = (
        select(Job)
        .where(
            Job.kind == first.kind,
            Job.campaign_id == first.campaign_id,
            Job.occurrence == first.occurrence,
            Job.state == "pending",
            col(Job.due_at) <= now,
            col(Job.id) != first.id,
        )
        .order_by(col(Job.id))
        .limit(limit)
    )
    if not is_sqlite(engine):
        query = query.with_for_update(skip_locked=True)
    with session_scope(engine, immediate=True) as session:
        jobs = list(session.exec(query).all())
        for job in jobs:
            job.state = "claimed"
            job.claimed_by = worker
            job.claimed_until = wall + lease
            job.attempts += 1
            session.add(job)
        session.flush()
        return [_claim_of(job) for job in jobs]


def _settle(engine: Engine, claim: Claim, worker: str, **values: Any) -> bool:
    """Change a job this worker still holds; False when its lease was lost to another."""
    from broadcaster.storage.db import session_scope

    with session_scope(engine, immediate=True) as session:
        result = session.execute(
            update(Job)
            .where(
                col(Job.id) == claim.id,
                col(Job.claimed_by) == worker,
                col(Job.state) == "claimed",
            )
            .values(**values)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


def renew(engine: Engine, claim: Claim, worker: str, lease: timedelta) -> bool:
    return _settle(engine, claim, worker, claimed_until=utcnow() + lease)


def release(engine: Engine, claim: Claim, worker: str) -> bool:
    """Give a claimed job back untouched (a clean stop before starting it)."""
    return _settle(
        engine,
        claim,
        worker,
        state="pending",
        claimed_by=None,
        claimed_until=None,
        attempts=claim.attempts - 1,
    )


def stop_campaign_jobs(session: Session, campaign_id: str, reason: str) -> int:
    """Cancel a closed campaign's pending work (reposts, plans, polls, expiry, launch).

    Jobs a worker holds are left to it: it re-reads the campaign's state under the
    campaign's lease before posting, and ends them as cancelled itself."""
    result = session.execute(
        update(Job)
        .where(col(Job.campaign_id) == campaign_id, col(Job.state) == "pending")
        .values(state="cancelled", error=reason)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def pending_jobs(engine: Engine, campaign_id: str) -> list[Job]:
    """The campaign's work still to come, soonest first (for `status` and reports)."""
    with Session(engine) as session:
        return list(
            session.exec(
                select(Job)
                .where(Job.campaign_id == campaign_id, col(Job.state).in_(("pending", "claimed")))
                .order_by(col(Job.due_at), col(Job.id))
            ).all()
        )


def job_counts(engine: Engine, campaign_id: str, kind: str = "repost") -> dict[str, int]:
    """State -> count of a campaign's jobs of one kind (reposts done, pending, skipped...)."""
    with Session(engine) as session:
        rows = session.exec(
            select(Job.state, func.count())
            .where(Job.campaign_id == campaign_id, Job.kind == kind)
            .group_by(Job.state)
        ).all()
        return {state: int(n) for state, n in rows}


# -- the worker -------------------------------------------------------------------------


class Worker:
    """One scheduler process's view: settings, engine, clock, and what it has loaded."""

    def __init__(
        self,
        settings: Settings,
        *,
        engine: Engine | None = None,
        worker_id: str | None = None,
        clock: Callable[[], datetime] = utcnow,
        lease: timedelta = DEFAULT_LEASE,
        track_every: timedelta = DEFAULT_TRACK_EVERY,
        handlers: Mapping[str, Handler] | None = None,
        raise_bugs: bool = False,
        busy_wait: float = BUSY_WAIT,
    ) -> None:
        from broadcaster.storage.db import open_db

        self.settings = settings
        self._own_engine = engine is None
        self.engine = engine if engine is not None else open_db(settings.db_url)
        self.id = worker_id or new_worker_id()
        self.clock = clock
        self.lease = lease
        self.track_every = track_every
        self.handlers: dict[str, Handler] = {**HANDLERS, **(handlers or {})}
        self.raise_bugs = raise_bugs
        self.busy_wait = busy_wait
        self._registry: tuple[float, Registry] | None = None
        self._prepared: dict[str, tuple[float, PreparedCampaign]] = {}

    @property
    def operator(self) -> str:
        return f"scheduler ({self.id})"

    def now(self) -> datetime:
        return as_utc(self.clock())

    def close(self) -> None:
        if self._own_engine:
            self.engine.dispose()

    # Loaded once and again only when the file changes: a worker runs for days.
    def registry(self) -> Registry:
        from broadcaster.authoring.agencies import load_registry

        path = self.settings.agencies_path
        mtime = path.stat().st_mtime if path.exists() else 0.0
        if self._registry is None or self._registry[0] != mtime:
            self._registry = (mtime, load_registry(path))
        return self._registry[1]

    def prepared(self, campaign_id: str) -> PreparedCampaign:
        from broadcaster.authoring.prepare import prepare_campaign
        from broadcaster.errors import CampaignNotFound

        with Session(self.engine) as session:
            record = session.get(CampaignRecord, campaign_id)
        if record is None:
            raise CampaignNotFound(f"no campaign {campaign_id!r} in the database.")
        path = Path(record.path)
        mtime = path.stat().st_mtime if path.exists() else 0.0
        cached = self._prepared.get(campaign_id)
        if cached is None or cached[0] != mtime:
            prepared = prepare_campaign(path, self.settings, check_credentials=False)
            self._prepared[campaign_id] = (mtime, prepared)
        return self._prepared[campaign_id][1]

    # -- jobs -------------------------------------------------------------------------

    def do(self, claims: list[Claim]) -> list[JobResult]:
        """Do claimed jobs of one kind (one, or reposts due together), renewing their
        leases meanwhile, and record how each ended."""
        handler = self.handlers.get(claims[0].kind)
        stop_renewing = threading.Event()
        renewer = threading.Thread(
            target=self._keep_leases, args=(claims, stop_renewing), daemon=True
        )
        renewer.start()
        try:
            if handler is None:
                error: str | BaseException = Skip(f"no handler for {claims[0].kind!r}", "failed")
                outcomes: dict[int, str | BaseException | None] = {c.id: error for c in claims}
            else:
                outcomes = handler(self, claims)
        except BaseException as error:  # the whole group ended the same way
            if self.raise_bugs and not isinstance(error, BroadcasterError | Skip | Retry):
                for claim in claims:
                    self._settle_quietly(claim, state="failed", error=f"bug: {error!r}")
                raise
            outcomes = {c.id: error for c in claims}
        finally:
            stop_renewing.set()
            renewer.join()
        results = []
        for claim in claims:
            values, result = self._ending(claim, outcomes.get(claim.id))
            values.update(claimed_by=None, claimed_until=None)
            if not _settle(self.engine, claim, self.id, **values):
                result = JobResult(claim, "lost", "another worker took this job over")
            results.append(result)
        return results

    def _ending(
        self, claim: Claim, outcome: str | BaseException | None
    ) -> tuple[dict[str, Any], JobResult]:
        now = utcnow()
        if outcome is None or isinstance(outcome, str):
            return {"state": "done", "done_at": now, "error": None}, JobResult(
                claim, "done", outcome
            )
        if isinstance(outcome, Skip):
            values = {"state": outcome.state, "done_at": now, "error": outcome.reason}
            return values, JobResult(claim, outcome.state, outcome.reason)
        if isinstance(outcome, Retry):
            return self._retry(claim, outcome.at, outcome.reason)
        if isinstance(outcome, Busy):  # another process has the campaign: soon, uncounted
            at = self.now() + timedelta(seconds=random.uniform(1.0, 3.0))
            values = {"state": "pending", "due_at": at, "error": outcome.message}
            values["attempts"] = claim.attempts - 1
            return values, JobResult(claim, "retry", outcome.message)
        if isinstance(outcome, BroadcasterError):
            return self._on_error(claim, outcome)
        log.error("job %s (%s) hit a bug: %r", claim.id, claim.kind, outcome)
        message = f"bug: {type(outcome).__name__}: {outcome}"
        return {"state": "failed", "done_at": now, "error": message}, JobResult(
            claim, "failed", message
        )

    def _retry(self, claim: Claim, at: datetime, reason: str) -> tuple[dict[str, Any], JobResult]:
        if claim.attempts >= MAX_ATTEMPTS:
            message = f"gave up after {claim.attempts} attempts: {reason}"
            values = {"state": "failed", "done_at": utcnow(), "error": message}
            return values, JobResult(claim, "failed", message)
        # Never due again within this pass: a retry waits at least a moment.
        at = max(as_utc(at), self.now() + timedelta(seconds=1))
        values = {"state": "pending", "due_at": at, "error": reason}
        return values, JobResult(claim, "retry", reason)

    def _on_error(self, claim: Claim, error: BroadcasterError) -> tuple[dict[str, Any], JobResult]:
        now = utcnow()
        if isinstance(error, CampaignClosed):
            values = {"state": "cancelled", "done_at": now, "error": error.message}
            return values, JobResult(claim, "cancelled", error.message)
        if isinstance(error, AlreadyLaunched):
            values = {"state": "done", "done_at": now, "error": error.message}
            return values, JobResult(claim, "done", error.message)
        if claim.kind == "launch" and isinstance(error, NotApproved | ChangedSinceApproval):
            # Waiting for approval is the normal state of a campaign scheduled in advance.
            values = {"state": "pending", "due_at": self.now() + WAIT_FOR_APPROVAL}
            values.update(error=error.message, attempts=claim.attempts - 1)
            return values, JobResult(claim, "retry", error.message)
        if isinstance(error, PlatformError) and error.transient:
            at = self.now() + timedelta(seconds=min(15 * 2 ** (claim.attempts - 1), 900))
            if isinstance(error, RateLimited) and error.reset_at is not None:
                at = max(at, as_utc(error.reset_at))
            return self._retry(claim, at, error.message)
        values = {"state": "failed", "done_at": now, "error": error.message}
        return values, JobResult(claim, "failed", error.message)

    def _settle_quietly(self, claim: Claim, **values: Any) -> None:
        try:
            _settle(self.engine, claim, self.id, claimed_by=None, claimed_until=None, **values)
        except Exception:  # pragma: no cover - the original error matters more
            log.exception("could not record job %s", claim.id)

    def _keep_leases(self, claims: list[Claim], stop: threading.Event) -> None:
        interval = max(self.lease.total_seconds() / 3, 0.2)
        while not stop.wait(interval):
            for claim in claims:
                try:
                    if not renew(self.engine, claim, self.id, self.lease):
                        log.warning("job %s: lease lost while working", claim.id)
                except Exception:  # the database is busy or gone: the next renewal may work
                    log.exception("job %s: could not renew the lease", claim.id)

    # -- passes -------------------------------------------------------------------------

    def tick(
        self, *, stop: threading.Event | None = None, max_jobs: int | None = None
    ) -> TickReport:
        """One pass: discover, then claim and do due jobs until none is due (or stopped)."""
        report = TickReport(worker=self.id)
        report.discovered = discover(self.engine, self.now(), track_every=self.track_every)
        seen: set[int] = set()
        while max_jobs is None or len(report.results) < max_jobs:
            if stop is not None and stop.is_set():
                report.stopped = True
                break
            claim = claim_next(self.engine, self.id, self.now(), lease=self.lease)
            if claim is not None and claim.id in seen:
                release(self.engine, claim, self.id)  # once per pass; the next pass retries
                break
            if claim is None:
                # Work done in this pass (a launch, a plan) may have made new work due.
                if report.results and discover(
                    self.engine, self.now(), track_every=self.track_every
                ):
                    continue
                break
            claims = [claim]
            if claim.kind in GROUPED_KINDS:
                claims += claim_siblings(self.engine, self.id, claim, self.now(), lease=self.lease)
            seen.update(c.id for c in claims)
            report.results.extend(self.do(claims))
        return report

    def run(
        self,
        *,
        every: timedelta,
        stop: threading.Event,
        on_tick: Callable[[TickReport], None] | None = None,
    ) -> None:
        """Passes every `every` until `stop` is set; a job under way is finished first."""
        while not stop.is_set():
            report = self.tick(stop=stop)
            if on_tick is not None:
                on_tick(report)
            stop.wait(every.total_seconds())


# -- handlers ---------------------------------------------------------------------------


def single(handler: Callable[[Worker, Claim], str | None]) -> Handler:
    """A handler for jobs done one at a time."""

    def run(worker: Worker, claims: list[Claim]) -> Outcomes:
        out: Outcomes = {}
        for claim in claims:
            try:
                out[claim.id] = handler(worker, claim)
            except (BroadcasterError, Skip, Retry) as error:
                out[claim.id] = error
        return out

    run.__name__ = handler.__name__
    return run


def _record(worker: Worker, campaign_id: str) -> CampaignRecord:
    from broadcaster.errors import CampaignNotFound

    with Session(worker.engine) as session:
        record = session.get(CampaignRecord, campaign_id)
    if record is None:
        raise CampaignNotFound(f"no campaign {campaign_id!r} in the database.")
    return record


def _refuse_closed(record: CampaignRecord) -> None:
    if record.state in CLOSED_STATES:
        raise Skip(f"campaign {record.id!r} is {record.state}", state="cancelled")


def _summary(report: Any) -> str | None:
    for name in ("summary", "message"):
        value = getattr(report, name, None)
        if callable(value):
            value = value()
        if isinstance(value, str):
            return value
    return None


@single
def handle_launch(worker: Worker, claim: Claim) -> str | None:
    from broadcaster.launch.run import launch

    record = _record(worker, claim.campaign_id)
    _refuse_closed(record)
    if record.state in LIVE_STATES:
        return "already launched"
    if record.launch_at is None or occurrence_key(record.launch_at) != claim.occurrence:
        raise Skip("launch_at changed since this launch was scheduled", state="cancelled")
    report = launch(
        worker.settings,
        Path(record.path),
        at=record.launch_at,
        operator=worker.operator,
        engine=worker.engine,
    )
    send = report.send
    if send is None:
        return f"campaign {report.state}"
    failed = ", ".join(sorted(o.agency for o in send.failed))
    return f"{len(send.posted)} posted" + (f"; failed: {failed}" if failed else "")


@single
def handle_plan(worker: Worker, claim: Claim) -> str | None:
    """Turn the campaign's repost plans into this agency's repost jobs."""
    from broadcaster.jobs.schedule import repost_instants
    from broadcaster.storage.db import session_scope

    record = _record(worker, claim.campaign_id)
    _refuse_closed(record)
    prepared = worker.prepared(claim.campaign_id)
    plans = prepared.campaign.reposts
    if not plans:
        return "no repost plans"
    agency = worker.registry().get(claim.agency)
    with Session(worker.engine) as session:
        posted = session.exec(
            select(Post).where(
                Post.campaign_id == claim.campaign_id,
                Post.agency == claim.agency,
                col(Post.kind).in_(LAUNCH_POST_KINDS),
                Post.state == "posted",
            )
        ).first()
    if posted is None:
        raise Skip("the agency has no launch post to repost")
    start = record.launched_at or posted.posted_at or posted.sent_at or worker.now()
    start = start.replace(microsecond=0)  # whole seconds make tidy occurrence keys
    own_start = posted.posted_at or posted.sent_at or start
    instants = [
        t
        for t in repost_instants(
            plans, launched_at=start, zone=agency.zone, expires_at=record.expires_at
        )
        if t > own_start
    ]
    rows = [_job(claim.campaign_id, "repost", t, claim.agency, occurrence_key(t)) for t in instants]
    with session_scope(worker.engine, immediate=True) as session:
        added = _insert_ignore(session, rows)
    return f"{added} reposts planned"


def _repost_jobs(worker: Worker, campaign_id: str, agencies: list[str]) -> list[Job]:
    with Session(worker.engine) as session:
        return list(
            session.exec(
                select(Job).where(
                    Job.campaign_id == campaign_id,
                    Job.kind == "repost",
                    col(Job.agency).in_(agencies),
                )
            ).all()
        )


def handle_reposts(worker: Worker, claims: list[Claim]) -> Outcomes:
    """Scheduled reposts of one campaign due at one instant: one journal run for them all."""
    from broadcaster.authoring.approval import require_approval
    from broadcaster.authoring.prepare import render_for
    from broadcaster.launch.executor import send_posts
    from broadcaster.launch.lease import take_lease
    from broadcaster.launch.plan import PlannedPost, plan_posts

    first = claims[0]
    record = _record(worker, first.campaign_id)
    _refuse_closed(record)
    now = worker.now()
    if record.expires_at is not None and as_utc(record.expires_at) <= now:
        raise Skip("the campaign has expired; its photo posts are coming down", "cancelled")
    out: Outcomes = {}
    siblings = _repost_jobs(worker, first.campaign_id, [c.agency for c in claims])
    active: list[Claim] = []
    numbers: dict[str, int] = {}
    for claim in claims:
        mine = parse_occurrence(claim.occurrence)
        planned = sorted(
            parse_occurrence(j.occurrence) for j in siblings if j.agency == claim.agency
        )
        numbers[claim.agency] = planned.index(mine) + 1 if mine in planned else 1
        stale = any(
            j.agency == claim.agency
            and parse_occurrence(j.occurrence) > mine
            and as_utc(j.due_at) <= now
            and j.state in ("pending", "claimed", "done")
            for j in siblings
        )
        if stale:
            out[claim.id] = Skip("a later repost of this agency is already due")
        else:
            active.append(claim)
    if not active:
        return out

    prepared = worker.prepared(first.campaign_id)
    # No officer is watching a scheduled repost: it goes out only with approved content.
    require_approval(worker.engine, prepared)
    planned_posts = []
    for claim in active:
        rendered = render_for(
            prepared, "repost", agencies=[claim.agency], extra={"number": numbers[claim.agency]}
        )[0]
        planned_posts.append(
            PlannedPost(
                agency=claim.agency,
                kind="scheduled_repost",
                text=rendered.text,
                occurrence=claim.occurrence,
                scheduled_for=parse_occurrence(claim.occurrence),
            )
        )
    plan_posts(worker.engine, first.campaign_id, prepared.registry, planned_posts)
    lease, _ = take_lease(worker.engine, first.campaign_id, "repost", wait=worker.busy_wait)
    try:
        with Session(worker.engine) as session:  # under the lease: a resolve may have won
            current = session.get(CampaignRecord, first.campaign_id)
        if current is not None:
            _refuse_closed(current)
        report = send_posts(
            worker.engine,
            worker.settings,
            prepared.registry,
            first.campaign_id,
            operator=worker.operator,
            kinds=("scheduled_repost",),
            occurrence=first.occurrence,
            agencies=[c.agency for c in active],
            photo=prepared.photo,
            lease=lease,
        )
    finally:
        lease.release()
    by_agency = {o.agency: o for o in report.outcomes}
    rows = {
        r.agency: r for r in _rows(worker, first.campaign_id, "scheduled_repost", first.occurrence)
    }
    for claim in active:
        outcome = by_agency.get(claim.agency)
        row = rows.get(claim.agency)
        if outcome is not None and outcome.state in ("posted", "deleted"):
            out[claim.id] = outcome.url or outcome.remote_id or "posted"
        elif row is not None and row.state == "unknown":
            # The journal reconciles it against the account before anything is resent.
            out[claim.id] = Retry(utcnow() + timedelta(seconds=30), row.error or "unknown")
        elif row is not None and row.next_attempt_at is not None:
            out[claim.id] = Retry(row.next_attempt_at, row.error or "deferred")
        else:
            reason = (outcome.error if outcome else None) or "not posted"
            out[claim.id] = PlatformError(f"agency {claim.agency!r}: {reason}")
    return out


def _rows(worker: Worker, campaign_id: str, kind: str, occurrence: str) -> list[Post]:
    with Session(worker.engine) as session:
        return list(
            session.exec(
                select(Post).where(
                    Post.campaign_id == campaign_id,
                    Post.kind == kind,
                    Post.occurrence == occurrence,
                )
            ).all()
        )


@single
def handle_track(worker: Worker, claim: Claim) -> str | None:
    from broadcaster.storage.db import session_scope

    record = _record(worker, claim.campaign_id)
    _refuse_closed(record)
    try:
        from broadcaster.responses.tracking import track
    except ImportError:  # tracking is not part of this build: nothing to poll
        return "tracking unavailable"
    report = track(
        worker.settings,
        claim.campaign_id,
        engine=worker.engine,
        registry=worker.registry(),
        now=worker.clock,
    )
    due = parse_occurrence(claim.occurrence) if claim.occurrence else worker.now()
    with session_scope(worker.engine, immediate=True) as session:
        row = session.get(CampaignRecord, claim.campaign_id)
        if row is not None:
            row.next_track_at = max(due, worker.now()) + worker.track_every
            session.add(row)
    return _summary(report)


@single
def handle_expire(worker: Worker, claim: Claim) -> str | None:
    from broadcaster.campaign.lifecycle import expire

    record = _record(worker, claim.campaign_id)
    _refuse_closed(record)
    if record.expires_at is None or occurrence_key(record.expires_at) != claim.occurrence:
        raise Skip("expires_at changed since this expiry was scheduled", state="cancelled")
    result = expire(
        worker.settings,
        claim.campaign_id,
        operator=worker.operator,
        engine=worker.engine,
        registry=worker.registry(),
        now=worker.now(),
        lease_wait=worker.busy_wait,
    )
    return result.summary()


HANDLERS: dict[str, Handler] = {
    "launch": handle_launch,
    "plan": handle_plan,
    "repost": handle_reposts,
    "track": handle_track,
    "expire": handle_expire,
}
