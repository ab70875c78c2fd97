"""The job queue: due launches, scheduled reposts, tracking polls and expiries, as rows of
the `job` table that workers claim, and how a claimed job ends.

Every pass first *discovers* work (inserts the jobs that are missing, idempotently: the
table's unique key and `ON CONFLICT DO NOTHING` make two workers discovering at once
harmless), then *claims* due jobs one at a time and does them (worker.py). A claim is a
lease (`claimed_by`, `claimed_until`) written in one transaction that locks what it reads:
`BEGIN IMMEDIATE` on SQLite, `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so two
workers never hold the same job. A worker renews its lease while it works; one that is
killed leaves a lease that runs out, and the next worker takes the job over. Posting goes
through the launch journal, which reconciles a post that may have left before any retry,
so a takeover never posts twice.

Two clocks: `now` (the worker's clock) says what is due, so a test or a drill can freeze
it; leases and `done_at` use the wall clock, because they record what a live process did.

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

This module knows jobs, not what they do: it imports no handler and nothing of the stages
that handlers call (campaign/, launch/, responses/), which may use it in turn.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, exists, or_, update
from sqlmodel import Session, col, select

from broadcaster import states
from broadcaster.errors import (
    AlreadyLaunched,
    BroadcasterError,
    Busy,
    CampaignClosed,
    PlatformError,
)
from broadcaster.jobs.schedule import RepostPlanLike, occurrence_key, repost_instants
from broadcaster.retry import BUSY, JOBS
from broadcaster.states import (
    CAMPAIGN_LIVE,
    JOB_OPEN,
    CampaignState,
    JobOutcome,
    JobState,
    PostState,
)
from broadcaster.storage.db import is_sqlite, session_scope
from broadcaster.storage.models import ArmedAgency, CampaignRecord, Job, Post
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

JOB_KINDS = ("launch", "plan", "repost", "track", "expire")
# What an agency worker claims: the work of its agencies' own accounts.
AGENCY_JOB_KINDS = ("plan", "repost")
LAUNCH_POST_KINDS = ("original", "quote", "repost")  # the rows a launch writes
DEFAULT_LEASE = timedelta(minutes=2)
DEFAULT_TRACK_EVERY = timedelta(minutes=15)
LAUNCH_LEAD = timedelta(seconds=60)
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
    outcome: JobOutcome
    detail: str | None = None


@dataclass
class TickReport:
    worker: str
    discovered: int = 0
    results: list[JobResult] = field(default_factory=list)
    stopped: bool = False  # a stop was asked for before the pass ran out of due work
    armed: list[dict[str, Any]] = field(default_factory=list)  # an agency worker's launches
    follow_ups: list[dict[str, Any]] = field(default_factory=list)  # its updates, take-downs

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def platform_failed(self) -> bool:
        return any(r.outcome == JobOutcome.FAILED for r in self.results)

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
                    "outcome": str(r.outcome),
                    "detail": r.detail,
                }
                for r in self.results
            ],
            "armed": self.armed,
            "follow_ups": self.follow_ups,
        }


class Retry(Exception):
    """Put the job back to be tried again at `at`. An uncounted retry (waiting for another
    process, or for an approval) spends none of the job's attempts."""

    def __init__(self, at: datetime, reason: str, *, counted: bool = True) -> None:
        super().__init__(reason)
        self.at = at
        self.reason = reason
        self.counted = counted


class Skip(Exception):
    """Nothing to do for this job; `state` is how it ends (skipped, cancelled or failed)."""

    def __init__(self, reason: str, state: str = JobState.SKIPPED) -> None:
        super().__init__(reason)
        self.reason = reason
        self.state = state


# -- adding jobs --------------------------------------------------------------------------


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
        "state": JobState.PENDING,
        "attempts": 0,
    }


def add_jobs(
    engine: Engine, campaign_id: str, kind: str, instants: Iterable[datetime], agency: str = ""
) -> int:
    """Add one job per instant (its occurrence), unless it is there already; the count added."""
    rows = [_job(campaign_id, kind, t, agency, occurrence_key(t)) for t in instants]
    with session_scope(engine, immediate=True) as session:
        return _insert_ignore(session, rows)


def plan_reposts(
    engine: Engine,
    campaign_id: str,
    agency: str,
    plans: Sequence[RepostPlanLike],
    zone: ZoneInfo,
    *,
    now: datetime,
) -> int | None:
    """Turn the campaign's repost plans into this agency's repost jobs (once each: planning
    again adds nothing); the count added, or None when the agency has no launch post to
    repost. Called by the launch as it finishes and by the scheduler's `plan` job."""
    with Session(engine) as session:
        record = session.get(CampaignRecord, campaign_id)
        posted = session.exec(
            select(Post).where(
                Post.campaign_id == campaign_id,
                Post.agency == agency,
                col(Post.kind).in_(LAUNCH_POST_KINDS),
                Post.state == PostState.POSTED,
            )
        ).first()
    if record is None or posted is None:
        return None
    start = record.launched_at or posted.posted_at or posted.sent_at or now
    start = start.replace(microsecond=0)  # whole seconds make tidy occurrence keys
    own_start = posted.posted_at or posted.sent_at or start
    instants = [
        t
        for t in repost_instants(plans, launched_at=start, zone=zone, expires_at=record.expires_at)
        if t > own_start
    ]
    return add_jobs(engine, campaign_id, "repost", instants, agency)


def discover(engine: Engine, now: datetime, *, track_every: timedelta = DEFAULT_TRACK_EVERY) -> int:
    """Insert the jobs that are due or about to be and are not in the table yet."""
    rows: list[dict[str, Any]] = []
    with Session(engine) as session:
        launches = session.exec(
            select(CampaignRecord).where(
                CampaignRecord.state == CampaignState.DRAFT,
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
                Post.state == PostState.POSTED,
                col(CampaignRecord.state).in_(CAMPAIGN_LIVE),
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
            select(CampaignRecord).where(col(CampaignRecord.state).in_(CAMPAIGN_LIVE))
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


# -- claims ---------------------------------------------------------------------------------


def _take(job: Job, worker: str, until: datetime) -> None:
    states.check(JobState, job.state, JobState.CLAIMED, f"job {job.id}")
    job.state = JobState.CLAIMED
    job.claimed_by = worker
    job.claimed_until = until
    job.attempts += 1


def claim_next(
    engine: Engine,
    worker: str,
    now: datetime,
    *,
    lease: timedelta = DEFAULT_LEASE,
    kinds: tuple[str, ...] = JOB_KINDS,
    agencies: tuple[str, ...] | None = None,
) -> Claim | None:
    """Take the most overdue job (pending and due, or claimed by a worker whose lease ran
    out), or None when nothing is due. An agency worker (`agencies`) takes only those
    agencies' jobs; any other worker leaves the jobs of armed agencies to their workers
    (it has not their keys)."""
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
                and_(col(Job.state) == JobState.PENDING, col(Job.due_at) <= now),
                and_(col(Job.state) == JobState.CLAIMED, col(Job.claimed_until) < wall),
            ),
        )
        .where(_for_agencies(agencies))
        .order_by(case((busy, 1), else_=0), col(Job.due_at), col(Job.id))
        .limit(1)
    )
    if not is_sqlite(engine):
        query = query.with_for_update(of=Job, skip_locked=True)
    with session_scope(engine, immediate=True) as session:
        job = session.exec(query).first()
        if job is None:
            return None
        if job.state == JobState.CLAIMED:
            log.info("job %s: lease of %s ran out; taking it over", job.id, job.claimed_by)
        _take(job, worker, wall + lease)
        session.add(job)
        session.flush()
        return _claim_of(job)


def _for_agencies(agencies: tuple[str, ...] | None) -> Any:
    """Whose jobs a worker claims: these agencies' only, or none of an armed agency's."""
    if agencies is not None:
        return col(Job.agency).in_(agencies)
    return ~exists().where(
        col(ArmedAgency.campaign_id) == col(Job.campaign_id),
        col(ArmedAgency.agency) == col(Job.agency),
    )


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
    agencies: tuple[str, ...] | None = None,
) -> list[Claim]:
    """Other agencies' jobs of the same kind, campaign and occurrence that are due: reposts
    due at one instant go out together in one journal run (in parallel, under one campaign
    lease); plans are made together so that the reposts they plan line up."""
    wall = utcnow()
    query = (
        select(Job)
        .where(
            Job.kind == first.kind,
            Job.campaign_id == first.campaign_id,
            Job.occurrence == first.occurrence,
            Job.state == JobState.PENDING,
            col(Job.due_at) <= now,
            col(Job.id) != first.id,
            _for_agencies(agencies),
        )
        .order_by(col(Job.id))
        .limit(limit)
    )
    if not is_sqlite(engine):
        query = query.with_for_update(skip_locked=True)
    with session_scope(engine, immediate=True) as session:
        jobs = list(session.exec(query).all())
        for job in jobs:
            _take(job, worker, wall + lease)
            session.add(job)
        session.flush()
        return [_claim_of(job) for job in jobs]


def _settle(engine: Engine, claim: Claim, worker: str, **values: Any) -> bool:
    """Change a job this worker still holds; False when its lease was lost to another."""
    if "state" in values:
        states.check(JobState, JobState.CLAIMED, values["state"], f"job {claim.id}")
    with session_scope(engine, immediate=True) as session:
        result = session.execute(
            update(Job)
            .where(
                col(Job.id) == claim.id,
                col(Job.claimed_by) == worker,
                col(Job.state) == JobState.CLAIMED,
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
        state=JobState.PENDING,
        claimed_by=None,
        claimed_until=None,
        attempts=claim.attempts - 1,
    )


# -- how a claimed job ends ---------------------------------------------------------------


def finish(
    engine: Engine, claim: Claim, worker: str, outcome: str | BaseException | None, now: datetime
) -> JobResult:
    """Record how a claimed job ended, given what its handler said: a detail string (done),
    or the exception that ended it (Skip, Retry, a BroadcasterError, a bug)."""
    values, result = ending(claim, outcome, now)
    if not _settle(engine, claim, worker, claimed_by=None, claimed_until=None, **values):
        return JobResult(claim, JobOutcome.LOST, "another worker took this job over")
    return result


def fail(engine: Engine, claim: Claim, worker: str, message: str) -> bool:
    """End a claimed job as failed, whatever it was doing (a bug that is re-raised)."""
    values = {"state": JobState.FAILED, "done_at": utcnow(), "error": message}
    return _settle(engine, claim, worker, claimed_by=None, claimed_until=None, **values)


def ending(
    claim: Claim, outcome: str | BaseException | None, now: datetime
) -> tuple[dict[str, Any], JobResult]:
    """The job row's new values and the result, for what its handler said."""
    wall = utcnow()
    if outcome is None or isinstance(outcome, str):
        values: dict[str, Any] = {"state": JobState.DONE, "done_at": wall, "error": None}
        return values, JobResult(claim, JobOutcome.DONE, outcome)
    if isinstance(outcome, Skip):
        values = {"state": outcome.state, "done_at": wall, "error": outcome.reason}
        return values, JobResult(claim, JobOutcome(outcome.state), outcome.reason)
    if isinstance(outcome, Retry):
        return _retry(claim, outcome.at, outcome.reason, now, counted=outcome.counted)
    if isinstance(outcome, Busy):  # another process has the campaign: soon, uncounted
        at = BUSY.next_at(now, 1)
        return _retry(claim, at, outcome.message, now, counted=False)
    if isinstance(outcome, BroadcasterError):
        return _on_error(claim, outcome, now)
    log.error("job %s (%s) hit a bug: %r", claim.id, claim.kind, outcome)
    message = f"bug: {type(outcome).__name__}: {outcome}"
    values = {"state": JobState.FAILED, "done_at": wall, "error": message}
    return values, JobResult(claim, JobOutcome.FAILED, message)


def _retry(
    claim: Claim, at: datetime, reason: str, now: datetime, *, counted: bool = True
) -> tuple[dict[str, Any], JobResult]:
    if counted and claim.attempts >= JOBS.attempts:
        message = f"gave up after {claim.attempts} attempts: {reason}"
        values: dict[str, Any] = {"state": JobState.FAILED, "done_at": utcnow(), "error": message}
        return values, JobResult(claim, JobOutcome.FAILED, message)
    # Never due again within this pass: a retry waits at least a moment.
    at = max(as_utc(at), now + timedelta(seconds=1))
    values = {"state": JobState.PENDING, "due_at": at, "error": reason}
    if not counted:
        values["attempts"] = claim.attempts - 1
    return values, JobResult(claim, JobOutcome.RETRY, reason)


def _on_error(
    claim: Claim, error: BroadcasterError, now: datetime
) -> tuple[dict[str, Any], JobResult]:
    wall = utcnow()
    if isinstance(error, CampaignClosed):
        values = {"state": JobState.CANCELLED, "done_at": wall, "error": error.message}
        return values, JobResult(claim, JobOutcome.CANCELLED, error.message)
    if isinstance(error, AlreadyLaunched):
        values = {"state": JobState.DONE, "done_at": wall, "error": error.message}
        return values, JobResult(claim, JobOutcome.DONE, error.message)
    if isinstance(error, PlatformError) and error.transient:
        return _retry(claim, JOBS.next_at(now, claim.attempts, error), error.message, now)
    values = {"state": JobState.FAILED, "done_at": wall, "error": error.message}
    return values, JobResult(claim, JobOutcome.FAILED, error.message)


# -- what other stages ask of the queue ---------------------------------------------------


def stop_campaign_jobs(session: Session, campaign_id: str, reason: str) -> int:
    """Cancel a closed campaign's pending work (reposts, plans, polls, expiry, launch).

    Jobs a worker holds are left to it: it re-reads the campaign's state under the
    campaign's lease before posting, and ends them as cancelled itself."""
    states.check(JobState, JobState.PENDING, JobState.CANCELLED, f"{campaign_id}'s jobs")
    result = session.execute(
        update(Job)
        .where(col(Job.campaign_id) == campaign_id, col(Job.state) == JobState.PENDING)
        .values(state=JobState.CANCELLED, error=reason)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def pending_jobs(engine: Engine, campaign_id: str) -> list[Job]:
    """The campaign's work still to come, soonest first (for `status` and reports)."""
    with Session(engine) as session:
        return list(
            session.exec(
                select(Job)
                .where(Job.campaign_id == campaign_id, col(Job.state).in_(JOB_OPEN))
                .order_by(col(Job.due_at), col(Job.id))
            ).all()
        )


def jobs_of(engine: Engine, campaign_id: str, kind: str, agencies: Iterable[str]) -> list[Job]:
    """The campaign's jobs of one kind for these agencies, in any state."""
    with Session(engine) as session:
        return list(
            session.exec(
                select(Job).where(
                    Job.campaign_id == campaign_id,
                    Job.kind == kind,
                    col(Job.agency).in_(list(agencies)),
                )
            ).all()
        )
