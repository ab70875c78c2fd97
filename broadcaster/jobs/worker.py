"""The scheduler's worker behind `run` and `tick`, and the handlers that do each kind of job.

A pass discovers due work, claims it from the queue (queue.py) and hands each claim to the
handler of its kind. Handlers are thin: they check that the campaign still wants the work,
call the core function that does it (the launch, the journal's send, tracking, expiry) and
say how it went; the queue turns that into the job's next state.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from broadcaster.errors import (
    BroadcasterError,
    CampaignNotFound,
    ChangedSinceApproval,
    NotApproved,
    PlatformError,
)
from broadcaster.jobs.queue import (
    AGENCY_JOB_KINDS,
    DEFAULT_LEASE,
    GROUPED_KINDS,
    JOB_KINDS,
    Claim,
    JobResult,
    Retry,
    Skip,
    TickReport,
    claim_next,
    claim_siblings,
    discover,
    fail,
    finish,
    jobs_of,
    new_worker_id,
    plan_reposts,
    release,
    renew,
)
from broadcaster.jobs.schedule import (
    FIRST_TRACK_AFTER,
    next_track_at,
    occurrence_key,
    parse_occurrence,
)
from broadcaster.states import (
    CAMPAIGN_CLOSED,
    CAMPAIGN_LIVE,
    JOB_OPEN,
    JobState,
    PostState,
)
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import CampaignRecord, Post
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.agencies import Registry
    from broadcaster.authoring.prepare import PreparedCampaign
    from broadcaster.config import Settings

log = logging.getLogger(__name__)

WAIT_FOR_APPROVAL = timedelta(minutes=1)
BUSY_WAIT = 5.0  # seconds a job waits for another process to finish with its campaign
UNKNOWN_POST_WAIT = timedelta(seconds=30)  # a repost that may have gone out: reconcile soon
ARMING_POLL = 1.0  # seconds between an agency worker's looks for a new arming

# A handler does a group of claimed jobs of its kind and says how each ended: a detail
# string (done), or the exception that ended it (Skip, Retry, a BroadcasterError).
Outcomes = dict[int, "str | BaseException | None"]
Handler = Callable[["Worker", list[Claim]], Outcomes]


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
        track_every: timedelta | None = None,
        handlers: Mapping[str, Handler] | None = None,
        raise_bugs: bool = False,
        busy_wait: float = BUSY_WAIT,
        agencies: tuple[str, ...] = (),
    ) -> None:
        """`agencies`: an agency worker (`run --agency`): it fires those agencies' armed
        launches and claims only their jobs (reposts, plans); `settings` should hold only
        their credentials (launch.armed.own_keys_only)."""
        self.settings = settings
        self.agencies = agencies
        self._own_engine = engine is None
        self.engine = engine if engine is not None else open_db(settings.db_url)
        self.id = worker_id or new_worker_id()
        self.clock = clock
        self.lease = lease
        # None: each campaign's polls follow its age (schedule.track_interval); the first
        # poll after a launch comes a minute later.
        self.track_cadence = track_every is None
        self.track_every = track_every if track_every is not None else FIRST_TRACK_AFTER
        self.handlers: dict[str, Handler] = {**HANDLERS, **(handlers or {})}
        self.raise_bugs = raise_bugs
        self.busy_wait = busy_wait
        self._registry: tuple[float, Registry] | None = None
        self._prepared: dict[str, tuple[float, PreparedCampaign]] = {}

    @property
    def operator(self) -> str:
        if self.agencies:
            return f"agency worker {', '.join(self.agencies)} ({self.id})"
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

        path = Path(_record(self, campaign_id).path)
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
                error: BaseException = Skip(f"no handler for {claims[0].kind!r}", JobState.FAILED)
                outcomes: Outcomes = {c.id: error for c in claims}
            else:
                outcomes = handler(self, claims)
        except BaseException as error:  # the whole group ended the same way
            if self.raise_bugs and not isinstance(error, BroadcasterError | Skip | Retry):
                for claim in claims:
                    self._fail_quietly(claim, f"bug: {error!r}")
                raise
            outcomes = {c.id: error for c in claims}
        finally:
            stop_renewing.set()
            renewer.join()
        return [
            finish(self.engine, claim, self.id, outcomes.get(claim.id), self.now())
            for claim in claims
        ]

    def _fail_quietly(self, claim: Claim, message: str) -> None:
        try:
            fail(self.engine, claim, self.id, message)
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
        if self.agencies:
            from broadcaster.launch.armed import serve_armed

            report.armed = [
                r.as_dict()
                for r in serve_armed(
                    self.settings,
                    self.engine,
                    self.registry(),
                    self.agencies,
                    operator=self.operator,
                    now=self.now,
                )
            ]
            report.follow_ups = (
                serve_follow_ups(self) + serve_case_updates(self) + serve_tracking(self)
            )
        report.discovered = discover(self.engine, self.now(), track_every=self.track_every)
        seen: set[int] = set()
        while max_jobs is None or len(report.results) < max_jobs:
            if stop is not None and stop.is_set():
                report.stopped = True
                break
            claim = claim_next(
                self.engine,
                self.id,
                self.now(),
                lease=self.lease,
                kinds=AGENCY_JOB_KINDS if self.agencies else JOB_KINDS,
                agencies=self.agencies or None,
            )
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
                claims += claim_siblings(
                    self.engine,
                    self.id,
                    claim,
                    self.now(),
                    lease=self.lease,
                    agencies=self.agencies or None,
                )
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
            self._pause(every, stop)

    def _pause(self, every: timedelta, stop: threading.Event) -> None:
        """Between passes. An agency worker looks for a new arming every second meanwhile:
        an armed instant may be only 30 s away when it is armed."""
        if not self.agencies:
            stop.wait(every.total_seconds())
            return
        from broadcaster.launch.armed import next_arming

        deadline = time.monotonic() + every.total_seconds()
        while not stop.wait(min(ARMING_POLL, max(0.0, deadline - time.monotonic()))):
            if time.monotonic() >= deadline:
                return
            try:
                if next_arming(self.engine, self.agencies, self.now()):
                    return
            except Exception:  # a busy database: the next look may work
                log.exception("could not look for armed launches")


# -- an agency worker's follow-ups ------------------------------------------------------

FOLLOW_UP_KINDS = ("update", "correction")


def serve_follow_ups(worker: Worker) -> list[dict[str, object]]:
    """An agency worker's share of resolve, cancel and expiry for the campaigns armed for its
    agencies: the lead's process has not their keys, so their update or correction rows
    (planned by `resolve` / `cancel`, left to this worker there, never attempted) and the
    take-down of their photo posts are done here, under the campaign's lease (so never while
    the lead's resolve or cancel is at work, and never by two processes at once)."""
    from broadcaster.campaign.lifecycle import CLOSING_ACTION, PHOTO_KINDS, take_down
    from broadcaster.campaign.updates import number_of, worker_may_send
    from broadcaster.launch.executor import send_posts
    from broadcaster.launch.lease import acquire_lease
    from broadcaster.states import CampaignState
    from broadcaster.storage.models import ArmedAgency

    mine = list(worker.agencies)
    with Session(worker.engine) as session:
        armed = session.exec(
            select(ArmedAgency.campaign_id).where(col(ArmedAgency.agency).in_(mine)).distinct()
        ).all()
    done: list[dict[str, object]] = []
    for campaign_id in armed:
        record = _record(worker, campaign_id)
        rows = [r for r in _campaign_rows(worker, campaign_id) if r.agency in mine]
        sends = sorted(
            {
                (r.kind, r.occurrence)
                for r in rows
                if r.kind in FOLLOW_UP_KINDS
                and number_of(r.occurrence) is None  # a mid-case update's: serve_case_updates
                and worker_may_send(r)
            }
        )
        delete = record.state in CAMPAIGN_CLOSED and any(
            r.kind in PHOTO_KINDS and r.state == PostState.POSTED and r.remote_id for r in rows
        )
        if delete and record.state == CampaignState.RESOLVED:
            delete = not _kept_originals(
                worker, campaign_id, CLOSING_ACTION[CampaignState.RESOLVED]
            )
        if not sends and not delete:
            continue
        try:
            lease = acquire_lease(worker.engine, campaign_id, purpose="follow-up")
        except BroadcasterError:  # the lead's resolve or cancel is at work: next pass
            continue
        entry: dict[str, object] = {"campaign": campaign_id, "agencies": mine}
        try:
            if delete and record.state != CampaignState.RESOLVED:  # a cancel: down first
                entry["taken_down"] = _take_down(worker, campaign_id, take_down)
                delete = False
            posted: list[str] = []
            failed: list[str] = []
            for kind, occurrence in sends:
                report = send_posts(
                    worker.engine,
                    worker.settings,
                    worker.registry(),
                    campaign_id,
                    operator=worker.operator,
                    kinds=(kind,),
                    occurrence=occurrence,
                    agencies=mine,
                    lease=lease,
                )
                posted += [f"{o.agency} {kind}" for o in report.posted if o.fired]
                failed += [f"{o.agency} {kind}: {o.error or o.state}" for o in report.failed]
            entry["posted"], entry["failed"] = posted, failed
            if delete:
                entry["taken_down"] = _take_down(worker, campaign_id, take_down)
        finally:
            lease.release()
        done.append(entry)
    return done


def serve_case_updates(worker: Worker) -> list[dict[str, object]]:
    """An agency worker's share of the mid-case updates of the live campaigns armed for its
    agencies: `update` planned their replies but could not send them (no keys there); the
    worker checks each update's signature, posts its agencies' replies with the update's
    new photo, and takes their earlier photo posts down (campaign/updates.py, worker_share),
    under the campaign's lease, as for resolve and cancel."""
    from broadcaster.campaign.updates import worker_due, worker_share
    from broadcaster.launch.lease import acquire_lease
    from broadcaster.storage.models import ArmedAgency

    mine = list(worker.agencies)
    with Session(worker.engine) as session:
        campaigns = session.exec(
            select(CampaignRecord.id)
            .join(ArmedAgency, col(ArmedAgency.campaign_id) == col(CampaignRecord.id))
            .where(
                col(ArmedAgency.agency).in_(mine),
                col(CampaignRecord.state).in_(list(CAMPAIGN_LIVE)),
            )
            .distinct()
        ).all()
    done: list[dict[str, object]] = []
    for campaign_id in campaigns:
        numbers, stale = worker_due(_campaign_rows(worker, campaign_id), mine)
        if not numbers and not stale:
            continue
        try:
            lease = acquire_lease(worker.engine, campaign_id, purpose="update")
        except BroadcasterError:  # an update, resolve or cancel is at work: next pass
            continue
        try:
            share = worker_share(
                worker.engine,
                worker.settings,
                worker.registry(),
                campaign_id,
                mine,
                operator=worker.operator,
                lease=lease,
            )
        finally:
            lease.release()
        entry: dict[str, object] = {
            "campaign": campaign_id,
            "agencies": mine,
            "posted": share.posted,
            "failed": share.failed + [f"refused {why}" for why in share.refused],
            "refused": share.refused,
        }
        if share.taken_down:
            entry["taken_down"] = share.taken_down
        done.append(entry)
    return done


def serve_tracking(worker: Worker) -> list[dict[str, object]]:
    """An agency worker tracks its agencies' posts of the live campaigns armed for them (the
    other workers skip those posts: they have not the keys), at the scheduler's cadence."""
    from broadcaster.jobs.schedule import track_interval
    from broadcaster.responses.tracking import track
    from broadcaster.storage.models import ArmedAgency

    mine = list(worker.agencies)
    now = worker.now()
    with Session(worker.engine) as session:
        campaigns = session.exec(
            select(CampaignRecord)
            .join(ArmedAgency, col(ArmedAgency.campaign_id) == col(CampaignRecord.id))
            .where(
                col(ArmedAgency.agency).in_(mine),
                col(CampaignRecord.state).in_(list(CAMPAIGN_LIVE)),
            )
            .distinct()
        ).all()
    done: list[dict[str, object]] = []
    for record in campaigns:
        rows = [
            r
            for r in _campaign_rows(worker, record.id)
            if r.agency in mine and r.state == PostState.POSTED and r.remote_id
        ]
        if not rows:
            continue
        every = (
            track_interval(record.launched_at, now) if worker.track_cadence else worker.track_every
        )
        last = [r.tracked_at or r.posted_at or r.sent_at for r in rows]
        if all(t is not None and as_utc(t) + every > now for t in last):
            continue
        report = track(
            worker.settings,
            record.id,
            engine=worker.engine,
            registry=worker.registry(),
            now=worker.clock,
            agencies=mine,
        )
        done.append({"campaign": record.id, "agencies": mine, "tracked": [report.summary()]})
    return done


def _take_down(worker: Worker, campaign_id: str, take_down: Callable[..., Any]) -> list[str]:
    record = _record(worker, campaign_id)
    downs = take_down(
        worker.engine,
        worker.settings,
        worker.registry(),
        campaign_id,
        operator=worker.operator,
        reason=f"{record.state} (agency worker)",
        agencies=list(worker.agencies),
    )
    return [f"{d.agency} {d.kind}: {d.state}" for d in downs]


def _kept_originals(worker: Worker, campaign_id: str, action: str) -> bool:
    """Whether the resolve said --keep-originals (its audit entry's detail)."""
    import json

    from broadcaster.storage.models import AuditEntry

    with Session(worker.engine) as session:
        entry = session.exec(
            select(AuditEntry)
            .where(AuditEntry.campaign_id == campaign_id, AuditEntry.action == action)
            .order_by(col(AuditEntry.seq).desc())
        ).first()
    return bool(entry and json.loads(entry.detail or "{}").get("keep_originals"))


def _campaign_rows(worker: Worker, campaign_id: str) -> list[Post]:
    with Session(worker.engine) as session:
        return list(session.exec(select(Post).where(Post.campaign_id == campaign_id)).all())


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
    with Session(worker.engine) as session:
        record = session.get(CampaignRecord, campaign_id)
    if record is None:
        raise CampaignNotFound.in_database(campaign_id)
    return record


def _refuse_closed(record: CampaignRecord) -> None:
    if record.state in CAMPAIGN_CLOSED:
        raise Skip(f"campaign {record.id!r} is {record.state}", state=JobState.CANCELLED)


@single
def handle_launch(worker: Worker, claim: Claim) -> str | None:
    from broadcaster.launch.run import launch

    record = _record(worker, claim.campaign_id)
    _refuse_closed(record)
    if record.state in CAMPAIGN_LIVE:
        return "already launched"
    if record.launch_at is None or occurrence_key(record.launch_at) != claim.occurrence:
        raise Skip("launch_at changed since this launch was scheduled", state=JobState.CANCELLED)
    try:
        report = launch(
            worker.settings,
            Path(record.path),
            at=record.launch_at,
            operator=worker.operator,
            engine=worker.engine,
        )
    except (NotApproved, ChangedSinceApproval) as error:
        # Waiting for approval is the normal state of a campaign scheduled in advance.
        raise Retry(worker.now() + WAIT_FOR_APPROVAL, error.message, counted=False) from None
    send = report.send
    if send is None:
        return f"campaign {report.state}"
    if send.failed:
        from broadcaster.notify.sweep import notify_campaign

        notify_campaign(worker.settings, worker.engine, claim.campaign_id)
    failed = ", ".join(sorted(o.agency for o in send.failed))
    return f"{len(send.posted)} posted" + (f"; failed: {failed}" if failed else "")


@single
def handle_plan(worker: Worker, claim: Claim) -> str | None:
    """Turn the campaign's repost plans into this agency's repost jobs."""
    record = _record(worker, claim.campaign_id)
    _refuse_closed(record)
    prepared = worker.prepared(claim.campaign_id)
    plans = prepared.campaign.reposts
    if not plans:
        return "no repost plans"
    agency = worker.registry().get(claim.agency)
    added = plan_reposts(
        worker.engine, claim.campaign_id, claim.agency, plans, agency.zone, now=worker.now()
    )
    if added is None:
        raise Skip("the agency has no launch post to repost")
    return f"{added} reposts planned"


def handle_reposts(worker: Worker, claims: list[Claim]) -> Outcomes:
    """Scheduled reposts of one campaign due at one instant: one journal run for them all."""
    from broadcaster.authoring.approval import require_approval
    from broadcaster.authoring.prepare import render_for
    from broadcaster.launch.current_photo import photo_to_post
    from broadcaster.launch.executor import send_posts
    from broadcaster.launch.lease import take_lease
    from broadcaster.launch.plan import PlannedPost, plan_posts

    first = claims[0]
    record = _record(worker, first.campaign_id)
    _refuse_closed(record)
    now = worker.now()
    if record.expires_at is not None and as_utc(record.expires_at) <= now:
        raise Skip("the campaign has expired; its photo posts are coming down", JobState.CANCELLED)
    out: Outcomes = {}
    siblings = jobs_of(worker.engine, first.campaign_id, "repost", [c.agency for c in claims])
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
            and (j.state in JOB_OPEN or j.state == JobState.DONE)
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
            photo=photo_to_post(worker.engine, prepared),  # an update's, read under the lease
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
        if outcome is not None and outcome.state in (PostState.POSTED, PostState.DELETED):
            out[claim.id] = outcome.url or outcome.remote_id or "posted"
        elif row is not None and row.state == PostState.UNKNOWN:
            # The journal reconciles it against the account before anything is resent.
            out[claim.id] = Retry(worker.now() + UNKNOWN_POST_WAIT, row.error or "unknown")
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
    from broadcaster.launch.arming import armed_agencies
    from broadcaster.notify.sweep import notify_campaign
    from broadcaster.responses.tracking import track

    record = _record(worker, claim.campaign_id)
    _refuse_closed(record)
    report = track(
        worker.settings,
        claim.campaign_id,
        engine=worker.engine,
        registry=worker.registry(),
        now=worker.clock,
        skip=set(armed_agencies(worker.engine, claim.campaign_id)),  # their workers track them
    )
    notified = notify_campaign(
        worker.settings,
        worker.engine,
        claim.campaign_id,
        registry=worker.registry(),
        now=worker.now,
    )
    # The next poll is due at its usual time, failed or not: it is this one's retry (and
    # the job's occurrence key moves with it, so discovery adds it). Without --track-every
    # the cadence follows the campaign's age (every minute in its first hours).
    due = parse_occurrence(claim.occurrence) if claim.occurrence else worker.now()
    deferred = [p.deferred_until for p in report.deferred if p.deferred_until]
    next_at = next_track_at(
        record.launched_at,
        max(due, worker.now()),
        every=None if worker.track_cadence else worker.track_every,
        deferred_until=max(deferred) if deferred else None,
    )
    with session_scope(worker.engine, immediate=True) as session:
        row = session.get(CampaignRecord, claim.campaign_id)
        if row is not None:
            row.next_track_at = next_at
            session.add(row)
    failure = report.failure()
    if failure is not None:
        raise failure
    notes = f"; {notified.summary()}" if notified is not None else ""
    return f"{report.summary()}{notes}; next poll {occurrence_key(next_at)}"


@single
def handle_expire(worker: Worker, claim: Claim) -> str | None:
    from broadcaster.campaign.lifecycle import expire

    record = _record(worker, claim.campaign_id)
    _refuse_closed(record)
    if record.expires_at is None or occurrence_key(record.expires_at) != claim.occurrence:
        raise Skip("expires_at changed since this expiry was scheduled", state=JobState.CANCELLED)
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
