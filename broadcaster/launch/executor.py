"""The exactly-once executor: launch, resolve, cancel and scheduled reposts all send through it.

Each post is a `Post` row whose state moves planned → sending → posted | failed | unknown.
The rules that make "never twice, never missing" hold across crashes and concurrent runs:

- rows are planned idempotently (`plan`);
- only the holder of the campaign's lease sends (`lease`);
- a row is committed `sending` BEFORE its request leaves and `posted | failed | unknown`
  after; a row left `sending` by a crash, or `unknown` after a timeout, or that was ever
  attempted, is reconciled against the account's own recent posts before anything is resent
  (`reconcile`);
- transient errors are retried with backoff (`broadcaster.retry`), honouring a rate limit's
  reset time within a bounded wait; beyond it the row is left `failed` with
  "deferred until <reset>".

At fire time each agency's request runs on a thread of its own that was started, and its
connection warmed, beforehand; the threads wait on one event (`gate`), so the only work
between the release and the bytes leaving is the request itself. Journal writes go through
a single writer thread that commits results in batches (`writer`).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from broadcaster import states
from broadcaster.errors import BroadcasterError, Busy, OutcomeUnknown, PlatformError, Rejected
from broadcaster.launch.changes import POST_TABLE, failed_change, posted_change
from broadcaster.launch.gate import Aborted, Batch, Gate
from broadcaster.launch.lease import Lease, acquire_lease
from broadcaster.launch.outcomes import (
    PostOutcome,
    Progress,
    SendReport,
    Silent,
    outcome_of,
    spread_of,
    timing_of,
)
from broadcaster.launch.plan import rows_for
from broadcaster.launch.reconcile import RECENT_POSTS, match, settle
from broadcaster.launch.writer import Writer
from broadcaster.retry import POST_REQUESTS, RetryPolicy, call_with_retries, reset_of
from broadcaster.states import POST_DONE, POST_TODO, PostState
from broadcaster.storage.models import CampaignRecord, Post
from broadcaster.timeutil import utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.agencies import Agency, Registry
    from broadcaster.config import Settings
    from broadcaster.platforms.base import Account, Platform, Published

DEPENDENT_KINDS = ("quote", "repost")  # amplify: need the lead's original first
NO_MEDIA_KINDS = ("quote", "repost")
# Requests are built and signed this long before the launch instant, then held.
ARM_AHEAD = 1.0


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


class _TimedGate(Gate):
    """The gate, noting its thread's CPU time when it lets the request go: what the thread
    then spends until the answer is read is the post's client CPU (`answer_cpu`)."""

    cpu_released: float | None = None

    def __call__(self) -> None:
        try:
            super().__call__()
        finally:
            self.cpu_released = time.thread_time()


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
        self.accounts: dict[tuple[str, str], _Account] = {}
        self.writer = Writer(engine)
        self.bugs: list[BaseException] = []
        self.timing: tuple[float | None, float | None, float | None] = (None, None, None)
        self.journal_cpu: float | None = None
        self._bug_lock = threading.Lock()

    # preflight -------------------------------------------------------------------

    def preflight(self, rows: list[Post], photo: Any | None) -> None:
        """Per account, in parallel: verify, reconcile rows attempted before, upload the
        photo, warm a connection. A failing account never stops the others."""
        from broadcaster.platforms import platform_for

        by_account: dict[tuple[str, str], list[Post]] = {}
        for row in rows:
            by_account.setdefault(account_of(row), []).append(row)
        deadline = time.monotonic() + self.policy.budget

        def prepare(key: tuple[str, str]) -> _Account:
            state = _Account(agency=self.registry.get(key[0]))
            rows_here = by_account[key]
            try:
                state.agency = state.agency.for_account(key[1])
                state.platform = platform_for(
                    state.agency, self.settings, timeout=self.policy.timeout
                )
                platform = state.platform
                try:
                    state.account = call_with_retries(
                        platform.verify, self.policy, deadline=deadline
                    )
                except PlatformError as error:
                    if not error.transient:
                        raise
                    # Unsure is not refused: the post itself will retry, then report.
                attempted = [r for r in rows_here if r.attempts > 0 or r.sent_at]
                if attempted:
                    self._reconcile(state, attempted, deadline)
                if photo is not None and any(
                    r.state not in POST_DONE and r.kind not in NO_MEDIA_KINDS for r in rows_here
                ):
                    alt = _alt_text(photo, state.agency)
                    state.media_id = call_with_retries(
                        lambda: platform.upload_media(photo.data, photo.mime_type, alt),
                        self.policy,
                        deadline=deadline,
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

        workers = max(1, min(len(by_account), 128))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="preflight") as pool:
            for key, state in zip(by_account, pool.map(prepare, list(by_account)), strict=True):
                self.accounts[key] = state

        # Only the counts the platform gave: an unknown one stays None in the row, not 0.
        followers = {
            k: s.account.followers
            for k, s in self.accounts.items()
            if s.account and s.account.followers is not None
        }
        media = {k: s.media_id for k, s in self.accounts.items() if s.media_id}
        errors = {k: s.error for k, s in self.accounts.items() if s.error}
        ids = [r.id for r in rows if r.state not in POST_DONE]

        def store(session: Session) -> None:
            for row in session.exec(select(Post).where(col(Post.id).in_(ids))).all():
                if row.state in POST_DONE:
                    continue
                key = account_of(row)
                row.followers = followers.get(key, row.followers)
                if key in media and row.kind not in NO_MEDIA_KINDS:
                    row.media_ids = json.dumps([media[key]])
                if key in errors:
                    row.state = PostState.FAILED if row.state == PostState.PLANNED else row.state
                    row.error = errors[key]
                row.updated_at = utcnow()
                session.add(row)

        self.writer.call(store)
        for row in rows:  # the in-memory rows follow the database
            if row.state not in POST_DONE:
                key = account_of(row)
                row.followers = followers.get(key, row.followers)
                if key in media and row.kind not in NO_MEDIA_KINDS:
                    row.media_ids = json.dumps([media[key]])

    def _reconcile(self, state: _Account, attempted: list[Post], deadline: float) -> None:
        platform = state.platform
        assert platform is not None
        recent = call_with_retries(
            lambda: platform.recent_posts(RECENT_POSTS), self.policy, deadline=deadline
        )
        for row, found in match(self.engine, state.agency, attempted, recent):
            change = settle(row, found, operator=self.operator)
            if change is None:
                continue
            self.writer.call(change)
            if found is not None:
                row.state = PostState.POSTED
                row.remote_id = found.remote_id
                row.url = found.url
                row.posted_at = found.created_at
            else:
                row.state = PostState.FAILED

    # fire ------------------------------------------------------------------------

    def fire(
        self, rows: list[Post], *, at: datetime | None, lead: str | None
    ) -> tuple[list[PostOutcome], float | None, datetime | None]:
        outcomes: list[PostOutcome] = []
        todo = [r for r in rows if r.state in POST_TODO]
        for row in rows:
            if row.state in POST_DONE:
                outcomes.append(outcome_of(row))
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
        self.timing = timing_of(finished, start)
        if start is not None:
            self.journal_cpu = self.writer.cpu_since(start)
        return outcomes, self.timing[0], fired_at

    def _attach_quotes(
        self, wave: list[Post], lead: str | None, outcomes: list[PostOutcome]
    ) -> list[Post]:
        """Partners quote (or repost) the lead's original of the same occurrence, on the
        same platform (a post on one platform cannot quote one on another)."""
        ready: list[Post] = []
        for row in wave:
            with Session(self.engine) as session:
                original = session.exec(
                    select(Post)
                    .where(
                        Post.campaign_id == self.campaign_id,
                        Post.agency == lead,
                        Post.platform == row.platform,
                        Post.kind == "original",
                        Post.occurrence == row.occurrence,
                    )
                    .order_by(col(Post.id))
                ).first()
            if original is None:
                reason = (
                    f"the lead agency {lead!r} has no account on {row.platform}, so there is "
                    "nothing to quote there"
                )
                self.writer.call(failed_change(row.id, reason))
                row.state, row.error = PostState.FAILED, reason
                outcomes.append(outcome_of(row))
                continue
            if original.state not in POST_DONE or not original.remote_id:
                reason = f"the lead agency {lead!r} has not posted, so there is nothing to quote"
                self.writer.call(failed_change(row.id, reason))
                row.state, row.error = PostState.FAILED, reason
                outcomes.append(outcome_of(row))
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
            state = self.accounts.get(account_of(row))
            if state is None or state.platform is None or state.error:
                # As the database has it: a row that may have left stays unknown.
                row.state = PostState.FAILED if row.state == PostState.PLANNED else row.state
                row.error = state.error if state else "no account prepared"
                skipped.append(outcome_of(row, wave=number))
                continue
            if row.state in POST_DONE:  # found by reconciliation in preflight
                skipped.append(outcome_of(row, wave=number))
                continue
            jobs.append(_Job(row, state, outcome_of(row, wave=number)))
        return jobs, skipped

    def _release(self, jobs: list[_Job], at: datetime | None) -> tuple[datetime, float]:
        """Build every request, hold each at its gate, commit the rows `sending`, then
        open all the gates at once (at `at`)."""
        if at is not None:
            self._countdown(at - timedelta(seconds=ARM_AHEAD), jobs)
        go, abort = threading.Event(), threading.Event()
        ready = threading.Semaphore(0)
        batch = Batch()  # the held requests, written by this thread at the release
        threads = [
            threading.Thread(
                target=self._drive,
                args=(job, go, abort, ready, batch),
                daemon=True,
                name=f"{job.row.agency}:{job.row.account}",
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
        batch.write_all()
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
        for row in rows:
            states.check(PostState, row.state, PostState.SENDING, f"post {row.id}")
        ids = [r.id for r in rows]
        now = utcnow()
        lease, campaign_id = self.lease, self.campaign_id

        def change(session: Session) -> None:
            lease.check(
                session,
                f"campaign {campaign_id!r} is now held by another process; "
                "nothing more was sent from this one.",
            )
            session.connection().execute(
                update(POST_TABLE)
                .where(col(Post.id).in_(ids))
                .values(
                    state=PostState.SENDING,
                    attempts=col(Post.attempts) + 1,
                    sent_at=func.coalesce(col(Post.sent_at), now),
                    error=None,
                    updated_at=now,
                )
            )

        self.writer.call(change)
        for row in rows:
            row.state = PostState.SENDING
            row.attempts += 1
            row.sent_at = row.sent_at or now

    def _mark_one_sending(self, row: Post) -> None:
        """A retry's `sending`, committed before it leaves, and only while the lease is ours."""
        states.check(PostState, row.state, PostState.SENDING, f"post {row.id}")
        row_id, lease, campaign_id = row.id, self.lease, self.campaign_id

        def change(session: Session) -> None:
            lease.check(session, f"campaign {campaign_id!r} lost its lease; stopped sending.")
            session.connection().execute(
                update(POST_TABLE)
                .where(col(Post.id) == row_id)
                .values(
                    state=PostState.SENDING,
                    attempts=col(Post.attempts) + 1,
                    updated_at=utcnow(),
                )
            )

        if lease.lost.is_set():
            raise Busy(f"campaign {campaign_id!r} lost its lease; stopped sending.")
        self.writer.call(change)
        row.attempts += 1
        row.state = PostState.SENDING

    def _request(self, job: _Job) -> Published | None:
        platform = job.account.platform
        assert platform is not None
        row = job.row
        if row.kind == "repost":
            assert row.quote_of is not None
            platform.repost(row.quote_of)
            return None
        media = json.loads(row.media_ids) if row.media_ids else []
        # A reply (a mid-case update under its original) says so; other posts are unchanged.
        reply = {"in_reply_to": row.in_reply_to} if row.in_reply_to else {}
        if platform.capabilities.idempotency:
            # The row is the journal's one record of this post: its id makes a retry, or a
            # re-run after a crash between request and commit, the same request.
            key = f"broadcaster-{row.campaign_id}-{row.id}"
            return platform.post(
                row.text, media, quote_of=row.quote_of, idempotency_key=key, **reply
            )
        return platform.post(row.text, media, quote_of=row.quote_of, **reply)

    def _drive(
        self,
        job: _Job,
        go: threading.Event,
        abort: threading.Event,
        ready: threading.Semaphore,
        batch: Batch | None = None,
    ) -> None:
        """One post, from release to a final state; its own retries included.

        The first request is built before the release and held at the gate inside the
        platform's session, so that after the release only the sending is left to do."""
        row, outcome = job.row, job.outcome
        assert job.account.platform is not None
        gate = _TimedGate(go, abort, ready, batch)
        if not gate.install(job.account.platform):
            ready.release()
            go.wait()
            gate.released, gate.cpu_released = time.perf_counter(), time.thread_time()
            if abort.is_set():
                return
        began = time.monotonic()
        attempt = 1  # the wave marked the first attempt `sending`
        while True:
            try:
                published = self._request(job)
            except Aborted:
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
                if attempt == 1 and gate.cpu_released is not None:
                    outcome.answer_cpu = time.thread_time() - gate.cpu_released
                self._record_posted(job, published, attempt)
                return
            attempt += 1
            try:
                self._mark_one_sending(row)
            except Busy as error:
                self._finish_failed(job, str(error), PostState.FAILED)
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
                self.writer.call(failed_change(row.id, str(error), state=PostState.UNKNOWN))
            found = self._reconcile_one(job, began)
            if found is True:
                return False
            if isinstance(error, Rejected):
                self._finish_failed(job, str(error), PostState.FAILED)
                return False
            if found is None or self._may_retry(attempt, began, None) is None:
                reason = f"{error}; the outcome is still unknown"
                self._finish_failed(job, reason, PostState.UNKNOWN)
                return False
            return True
        if isinstance(error, PlatformError):
            if not error.transient:
                self._finish_failed(job, str(error), PostState.FAILED)
                return False
            reset = reset_of(error)
            wait = self._may_retry(attempt, began, error)
            if wait is None:
                if reset is not None and reset > utcnow():
                    reason = f"{error}; deferred until {reset:%Y-%m-%d %H:%M:%S} UTC"
                    self._finish_failed(job, reason, PostState.FAILED, retry_at=reset)
                else:
                    reason = f"{error} (after {attempt} attempts)"
                    self._finish_failed(job, reason, PostState.FAILED)
                return False
            time.sleep(wait)
            return True
        if isinstance(error, Exception):  # a bug; the request may have left: reconcile later
            self._finish_failed(job, f"internal error: {type(error).__name__}", PostState.UNKNOWN)
            with self._bug_lock:
                self.bugs.append(error)
            return False
        raise error

    def _record_posted(self, job: _Job, published: Published | None, attempt: int) -> None:
        row, outcome = job.row, job.outcome
        self.writer.call(posted_change(row, published, operator=self.operator, quote_url=row.url))
        outcome.confirmed = time.perf_counter()
        outcome.state = PostState.POSTED
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

    def _may_retry(self, attempt: int, began: float, error: BaseException | None) -> float | None:
        """Seconds to wait before the next attempt, or None when this run must give up:
        attempts spent, a rate limit reset too far away, or the post's budget exceeded."""
        wait = self.policy.wait(attempt, error)
        if wait is None or wait > self.policy.budget - (time.monotonic() - began):
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
            recent = call_with_retries(
                lambda: platform.recent_posts(RECENT_POSTS), self.policy, deadline=deadline
            )
        except PlatformError:
            return None
        matched = match(self.engine, job.account.agency, [row], recent)
        found = matched[0][1] if matched else None
        if found is None:
            return False
        self.writer.call(posted_change(row, found, operator=self.operator, reconciled=True))
        job.outcome.confirmed = time.perf_counter()
        job.outcome.state = PostState.POSTED
        job.outcome.fired = True
        job.outcome.remote_id = found.remote_id
        job.outcome.url = found.url
        job.outcome.posted_at = found.created_at
        job.outcome.attempts = row.attempts
        return True

    def _finish_failed(
        self, job: _Job, reason: str, state: PostState, retry_at: datetime | None = None
    ) -> None:
        self.writer.call(failed_change(job.row.id, reason, retry_at, state=state))
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


def account_of(row: Post) -> tuple[str, str]:
    """The account a row posts from: its agency and the account's key."""
    return (row.agency, row.account)


def _alt_text(photo: Any, agency: Agency) -> str:
    texts: Mapping[str, str] = getattr(photo, "alt_text", {}) or {}
    return (
        texts.get(agency.language)
        or texts.get(agency.base_language)
        or next(iter(texts.values()), "")
    )


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
    on_ready: Callable[[dict[tuple[str, str], str]], None] | None = None,
) -> SendReport:
    """Send every row of `campaign_id` of these kinds (and occurrence, and agencies) that is
    not posted yet, exactly once, at `at` (or now). Rows must have been planned with
    `plan_posts`. Takes the campaign's lease unless one is given (raises Busy). `photo` (a
    PreparedPhoto) is uploaded to each account and attached to every row but quotes and
    reposts. `on_ready`, after preflight, is given each account's preflight error (an agency
    worker reports ready with it). Never raises for a platform failure: the report says
    which rows failed."""
    policy = policy or POST_REQUESTS
    progress = progress or Silent()
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
            todo = [r for r in rows if r.state in POST_TODO]
            if todo:
                accounts = len({account_of(r) for r in todo})
                upload = ", uploading the photo to each" if photo is not None else ""
                progress.stage(
                    f"Preflight: verifying {accounts} account(s){upload}, warming connections."
                )
                executor.preflight(todo, photo)
                if on_ready is not None:
                    on_ready({k: a.error for k, a in executor.accounts.items() if a.error})
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
        report.journal_cpu = executor.journal_cpu
        report.fired_at = fired_at
        report.spread_ms = spread_of(outcomes)
        return report
    finally:
        if own_lease:
            lease.release()


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
