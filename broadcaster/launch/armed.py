"""An agency worker's side of an armed launch: take up the arming, preflight, report ready,
fire at the instant on the database's timeline.

`run --agency KEY…` / `tick --agency KEY…` call `serve_armed` on every pass. For each
campaign armed for its agencies (and not done, closed or expired) whose instant is within
`TAKE_UP_WINDOW`, the worker:
1. takes the agencies' lease (`AgencyLease`, on their `armed_agency` rows): a conditional
   UPDATE, renewed in the background; a holder whose process died on this host is taken
   over at once, any other when its lease runs out. Two workers for one agency therefore
   never both send; the one that is not holding leaves the arming alone;
2. reads its clock's offset from the database's (dbclock.py);
3. sends the agencies' launch rows through the same executor as `launch` (`send_posts`):
   its preflight verifies each account, reconciles rows attempted before (a worker killed
   after `sending` finds its post on the account rather than sending it again), uploads the
   stored photo and warms connections; then the worker records `ready` (with its offset)
   and the executor fires at the instant, as this machine's clock reads it. The executor
   marks rows `sending` only after `AgencyLease.check` in the same transaction: the lease
   still ours, the campaign not closed, no resolve, cancel, expiry or update holding the
   campaign, and the photo uploaded still the one the campaign shows;
4. records the result: `done_at`, the campaign's state from all its launch rows, an audit
   entry.

A worker whose preflight ends after the instant posts at once, and `status` shows it
late; one that never comes is `missing` there (campaign/status.py decides, after a grace).

A worker never holds the campaign's lease (the lead's launch holds it at the instant, and
the workers of several agencies fire together), so a late fire may meet a resolve, cancel
or update of the same campaign. The two sides meet on the campaign row: the worker's check
above reads it FOR SHARE in the transaction that marks its rows `sending`, and such a
holder, once it has the lease, waits for the launch posts already `sending` to be recorded
(lease.take_lease). Either the post goes out before the holder counts who posted (and its
follow-up, take-down or reply reaches it), or it is not sent: never after.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, and_, or_, update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from broadcaster.errors import BroadcasterError, Busy, MissingCredentials, UsageInvalid
from broadcaster.launch.current_photo import (
    PhotoGone,
    current_stored_photo,
    replacing_update,
    replacing_update_in,
)
from broadcaster.launch.dbclock import ClockReading, read_offset
from broadcaster.launch.executor import send_posts
from broadcaster.launch.lease import COUNTING_PURPOSES, LEASE_DURATION, Lease, Owner
from broadcaster.launch.outcomes import Progress, SendReport
from broadcaster.launch.plan import rows_for
from broadcaster.launch.reconcile import open_rows, reconcile_open_rows
from broadcaster.retry import RetryPolicy, call_with_retries
from broadcaster.states import (
    CAMPAIGN_CLOSED,
    CAMPAIGN_LIVE,
    POST_DONE,
    POST_HELD,
    POST_IN_FLIGHT,
    POST_TODO,
    CampaignState,
)
from broadcaster.storage import audit
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import ArmedAgency, CampaignRecord, CaseUpdate, Post
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.agencies import Registry
    from broadcaster.config import Settings

LAUNCH_KINDS = ("original", "quote", "repost")
DEPENDENT_KINDS = ("quote", "repost")
# A worker takes up an arming this long before its instant (a cron `tick` every few
# minutes still sees it in time); earlier, it leaves it for a later pass.
TAKE_UP_WINDOW = timedelta(minutes=10)
# An amplify partner quotes the lead's original: it waits this long after the instant for
# the lead's post before reporting that there is nothing to quote.
LEAD_WAIT = 60.0
# Holders of the campaign's lease that end the campaign: a worker sends nothing under them.
# Under the other counting holders (an update, which may be about to replace the photo) it
# sends nothing yet: its next pass does (lease.COUNTING_PURPOSES).
CLOSING_PURPOSES = frozenset({"resolve", "cancel", "expire"})
# A worker settling gives way to a close holding the campaign row (`_settle_campaign`), then
# tries again: a close's transaction is short.
SETTLE_RETRIES = RetryPolicy(attempts=40, base_delay=0.05, max_delay=0.5)
# Settings a worker keeps besides its agencies' credentials: none of these is a secret.
SECRET_SETTINGS = frozenset(
    {
        "BROADCASTER_KEY_PASSPHRASE",
        "BROADCASTER_CONSOLE_SECRET",
        "BROADCASTER_NOTIFY",
        "BROADCASTER_DB",
        "BROADCASTER_BLUESKY_PG",
    }
)


# -- credentials: only the agencies' own -------------------------------------------------


def own_keys_only(settings: Settings, registry: Registry, agencies: Sequence[str]) -> Settings:
    """The settings of a worker for `agencies`: its env holds only those agencies' accounts'
    credential variables and the non-secret BROADCASTER_* settings. Any other agency's
    credential variable is also removed from this process's environment, so nothing it
    starts or logs can carry it. Unknown agencies and missing credentials are exit 2."""
    unknown = [key for key in agencies if key not in registry]
    if unknown:
        raise UsageInvalid(
            f"--agency {', '.join(unknown)}: not in {registry.path} "
            f"(its agencies are {', '.join(a.key for a in registry)})."
        )
    mine = {
        name
        for key in agencies
        for account in registry.get(key).each_account()
        for name in account.credential_names()
    }
    missing = sorted(name for name in mine if not settings.env.get(name))
    if missing:
        raise MissingCredentials(
            f"an agency worker for {', '.join(agencies)} needs its own credentials: set "
            f"{', '.join(missing)} in the environment or .env."
        )
    others = {
        name
        for agency in registry
        for account in agency.each_account()
        for name in account.credential_names()
    } - mine
    for name in others:
        os.environ.pop(name, None)
    env = {
        name: value
        for name, value in settings.env.items()
        if name in mine or (name.startswith("BROADCASTER_") and name not in SECRET_SETTINGS)
    }
    return replace(settings, env=env)


# -- the agencies' lease ---------------------------------------------------------------


class NotYet(Busy):
    """A fire held back for this pass (an update at work, or its photo replaced since the
    preflight uploaded it): nothing was sent, and the next pass sends it as it is then."""


class AgencyLease(Lease):
    """This worker's right to send for some agencies of one campaign: the `worker` and
    `lease_until` of their `armed_agency` rows, renewed in the background like the
    campaign's lease."""

    def __init__(
        self,
        engine: Engine,
        campaign_id: str,
        agencies: Sequence[str],
        owner: str,
        duration: float,
    ) -> None:
        super().__init__(engine, campaign_id, owner, duration)
        self.agencies = tuple(agencies)
        # The update whose photo this fire uploaded (None: the photo it was armed with);
        # unset, no photo is checked.
        self.photo_of: int | None = None
        self.photo_checked = False

    def _mine(self) -> ColumnElement[bool]:
        return and_(
            col(ArmedAgency.campaign_id) == self.campaign_id,
            col(ArmedAgency.agency).in_(self.agencies),
            col(ArmedAgency.worker) == self.owner,
        )

    def _extend(self) -> bool:
        until = utcnow() + timedelta(seconds=self.duration)
        with session_scope(self.engine, immediate=True) as session:
            result = session.execute(
                update(ArmedAgency).where(self._mine()).values(lease_until=until)
            )
            return int(getattr(result, "rowcount", 0)) == len(self.agencies)

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with session_scope(self.engine, immediate=True) as session:
            session.execute(
                update(ArmedAgency).where(self._mine()).values(worker=None, lease_until=None)
            )

    def check(self, session: Session, message: str) -> None:
        """Before rows go `sending`: the agencies still ours, the campaign still open, no
        resolve, cancel, expiry or update at work on it, and the photo not replaced since it
        was uploaded. The campaign row is read FOR SHARE, so a holder taking the lease
        meanwhile waits for this transaction (PostgreSQL; SQLite's writes are serial) and
        then finds these rows `sending`: it waits for them (lease.take_lease)."""
        record = session.exec(
            select(CampaignRecord)
            .where(CampaignRecord.id == self.campaign_id)
            .with_for_update(read=True)
        ).one()
        if record.state in CAMPAIGN_CLOSED:
            raise Busy(
                f"campaign {self.campaign_id!r} was {record.state} meanwhile; "
                "nothing more was sent from this worker."
            )
        holder = Owner.parse(record.lease_owner) if record.lease_owner else None
        live = record.lease_until is not None and as_utc(record.lease_until) > utcnow()
        if holder is not None and live and holder.purpose in CLOSING_PURPOSES:
            raise Busy(
                f"campaign {self.campaign_id!r} is being closed ({holder.purpose}); "
                "nothing more was sent from this worker."
            )
        if holder is not None and live and holder.purpose in COUNTING_PURPOSES:
            raise NotYet(
                f"campaign {self.campaign_id!r} is being updated; nothing was sent from this "
                "worker yet: its next pass sends it, with the photo the campaign shows then."
            )
        now_of = _replacing_number(session, self.campaign_id) if self.photo_checked else None
        if self.photo_checked and now_of != self.photo_of:
            # A late fire prepared before an update's new photo went out would post the
            # photo that update withdrew, after it went out: nothing takes such a post
            # down (it counts as carrying the new photo: updates._sent_after).
            raise NotYet(
                f"campaign {self.campaign_id!r}: update {now_of} replaced the photo since "
                "this worker uploaded it; nothing was sent yet: its next pass sends the new one."
            )
        held = session.exec(select(ArmedAgency.agency).where(self._mine())).all()
        if len(held) != len(self.agencies):
            raise Busy(
                f"agency {', '.join(self.agencies)} of campaign {self.campaign_id!r} is now "
                "served by another worker; nothing more was sent from this one."
            )


def take_agencies(
    engine: Engine,
    campaign_id: str,
    agencies: Sequence[str],
    *,
    duration: float = LEASE_DURATION,
) -> AgencyLease | None:
    """The lease on those of `agencies` that no live worker holds (None when none is free)."""
    owner = Owner.new("worker").tag
    now = utcnow()
    taken: list[str] = []
    with session_scope(engine, immediate=True) as session:
        rows = session.exec(
            select(ArmedAgency)
            .where(
                ArmedAgency.campaign_id == campaign_id,
                col(ArmedAgency.agency).in_(list(agencies)),
            )
            .with_for_update()
        ).all()
        for row in rows:
            holder = row.worker
            held = Owner.parse(holder) if holder else None
            free = (
                holder is None
                or row.lease_until is None
                or as_utc(row.lease_until) <= now
                or (held is not None and held.is_dead())
            )
            if not free:
                continue
            result = session.execute(
                update(ArmedAgency)
                .where(
                    col(ArmedAgency.campaign_id) == campaign_id,
                    col(ArmedAgency.agency) == row.agency,
                    or_(col(ArmedAgency.worker).is_(None), col(ArmedAgency.worker) == holder),
                )
                .values(worker=owner, lease_until=now + timedelta(seconds=duration))
            )
            if int(getattr(result, "rowcount", 0)) == 1:
                taken.append(row.agency)
    if not taken:
        return None
    lease = AgencyLease(engine, campaign_id, sorted(taken), owner, duration)
    lease.start()
    return lease


# -- serving armed launches --------------------------------------------------------------


@dataclass
class ArmedResult:
    """What one pass did about one campaign armed for this worker's agencies."""

    campaign_id: str
    agencies: tuple[str, ...]
    fire_at: datetime
    outcome: str  # posted | failed | waiting | busy | closed
    detail: str = ""
    send: SendReport | None = None
    clock: ClockReading | None = None
    late_seconds: float | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "campaign": self.campaign_id,
            "agencies": list(self.agencies),
            "fire_at": self.fire_at.isoformat(),
            "outcome": self.outcome,
            "detail": self.detail,
            "offset_ms": self.clock.offset_ms if self.clock else None,
            "round_trip_ms": self.clock.round_trip_ms if self.clock else None,
            "late_seconds": self.late_seconds,
            "spread_ms": self.send.spread_ms if self.send else None,
            "posts": [o.as_dict() for o in self.send.outcomes] if self.send else [],
        }


def pending_armings(engine: Engine, agencies: Iterable[str]) -> dict[str, list[ArmedAgency]]:
    """Campaign id -> the armed rows of these agencies not done yet, of open campaigns; and
    of closed ones whose launch post a worker left in flight (killed after `sending`): only
    this agency's worker has the keys to find out whether it went out (`fire_armed`)."""
    in_flight = (
        select(Post.id)
        .where(
            col(Post.campaign_id) == col(ArmedAgency.campaign_id),
            col(Post.agency) == col(ArmedAgency.agency),
            Post.occurrence == "launch",
            col(Post.state).in_(POST_IN_FLIGHT),
        )
        .exists()
    )
    with Session(engine) as session:
        rows = session.exec(
            select(ArmedAgency)
            .join(CampaignRecord, col(CampaignRecord.id) == col(ArmedAgency.campaign_id))
            .where(
                col(ArmedAgency.agency).in_(list(agencies)),
                col(ArmedAgency.done_at).is_(None),
                or_(col(CampaignRecord.state).not_in(list(CAMPAIGN_CLOSED)), in_flight),
            )
            .order_by(col(ArmedAgency.fire_at), col(ArmedAgency.campaign_id))
        ).all()
    out: dict[str, list[ArmedAgency]] = {}
    for row in rows:
        out.setdefault(row.campaign_id, []).append(row)
    return out


def next_arming(engine: Engine, agencies: Iterable[str], now: datetime) -> bool:
    """True when an arming of these agencies is within the take-up window (the `run` loop
    asks this every second between its passes)."""
    wall = utcnow()

    def free(row: ArmedAgency) -> bool:
        if row.worker is None or row.lease_until is None or as_utc(row.lease_until) <= wall:
            return True
        holder = Owner.parse(row.worker)
        return holder is not None and holder.is_dead()

    return any(
        as_utc(row.fire_at) - now <= TAKE_UP_WINDOW and free(row)
        for rows in pending_armings(engine, agencies).values()
        for row in rows
    )


def serve_armed(
    settings: Settings,
    engine: Engine,
    registry: Registry,
    agencies: Sequence[str],
    *,
    operator: str,
    now: Callable[[], datetime] = utcnow,
    policy: RetryPolicy | None = None,
    progress: Progress | None = None,
) -> list[ArmedResult]:
    """Every armed launch of these agencies that is due within the window: each campaign in
    a thread of its own, so that two armed at the same instant both fire on time."""
    results: list[ArmedResult] = []
    todo = []
    for campaign_id, rows in pending_armings(engine, agencies).items():
        fire_at = min(as_utc(r.fire_at) for r in rows)
        if fire_at - as_utc(now()) > TAKE_UP_WINDOW:
            results.append(
                ArmedResult(campaign_id, tuple(r.agency for r in rows), fire_at, "waiting")
            )
            continue
        todo.append((campaign_id, [r.agency for r in rows], fire_at))
    if not todo:
        return results
    out: list[ArmedResult | BaseException] = [ArmedResult("", (), utcnow(), "")] * len(todo)

    def one(index: int, campaign_id: str, keys: list[str], fire_at: datetime) -> None:
        try:
            out[index] = fire_armed(
                settings,
                engine,
                registry,
                campaign_id,
                keys,
                fire_at,
                operator=operator,
                policy=policy,
                progress=progress,
            )
        except BroadcasterError as error:  # this campaign only (a lease lost, a close)
            out[index] = ArmedResult(campaign_id, tuple(keys), fire_at, "failed", error.message)
        except BaseException as error:  # a bug: re-raised in the caller's thread
            out[index] = error

    if len(todo) == 1:
        one(0, *todo[0])
    else:
        threads = [
            threading.Thread(target=one, args=(i, *item), name=f"armed:{item[0]}")
            for i, item in enumerate(todo)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    for item in out:
        if isinstance(item, BaseException):
            raise item
        results.append(item)
    return results


def fire_armed(
    settings: Settings,
    engine: Engine,
    registry: Registry,
    campaign_id: str,
    agencies: Sequence[str],
    fire_at: datetime,
    *,
    operator: str,
    policy: RetryPolicy | None = None,
    progress: Progress | None = None,
) -> ArmedResult:
    """Preflight, ready, fire at `fire_at` (the database's timeline) for these agencies of
    one armed campaign; a worker already serving them elsewhere leaves them alone."""
    lease = take_agencies(engine, campaign_id, agencies)
    if lease is None:
        return ArmedResult(
            campaign_id, tuple(agencies), fire_at, "busy", "served by another worker"
        )
    mine = lease.agencies
    try:
        with Session(engine) as session:
            record = session.get(CampaignRecord, campaign_id)
        if record is None or record.state in CAMPAIGN_CLOSED:
            state = record.state if record else "gone"
            found = _settle_left_in_flight(settings, engine, registry, campaign_id, mine, operator)
            _done(engine, campaign_id, mine)
            return ArmedResult(campaign_id, mine, fire_at, "closed", f"campaign {state}{found}")
        expires = record.expires_at
        if expires is not None and as_utc(expires) <= utcnow():
            found = _settle_left_in_flight(settings, engine, registry, campaign_id, mine, operator)
            _done(engine, campaign_id, mine, note="the campaign expired before it was sent")
            return ArmedResult(campaign_id, mine, fire_at, "closed", f"campaign expired{found}")
        try:  # a late fire after a photo update posts the update's photo
            # Which update's photo, read first: one going out meanwhile fails the check.
            replacing = replacing_update(engine, campaign_id)
            if replacing is not None:
                _refuse_unsigned(settings, replacing)
            photo = current_stored_photo(engine, campaign_id)
        except PhotoGone as gone:  # never the withdrawn photo: `launch` again retries
            _done(engine, campaign_id, mine, note=gone.message)
            return ArmedResult(campaign_id, mine, fire_at, "failed", gone.message)
        lease.photo_of = replacing.number if replacing is not None else None
        lease.photo_checked = True
        clock = read_offset(engine)
        local_at = clock.local(fire_at)
        rows = rows_for(
            engine, campaign_id, kinds=LAUNCH_KINDS, occurrence="launch", agencies=list(mine)
        )
        dependent_only = bool(rows) and all(
            r.kind in DEPENDENT_KINDS and not r.quote_of for r in rows if r.state in POST_TODO
        )

        def ready(errors: Mapping[tuple[str, str], str]) -> None:
            note = "; ".join(sorted(set(errors.values()))) or None
            with session_scope(engine, immediate=True) as session:
                session.execute(
                    update(ArmedAgency)
                    .where(lease._mine())
                    .values(
                        ready_at=clock.database(utcnow()),
                        offset_ms=clock.offset_ms,
                        round_trip_ms=clock.round_trip_ms,
                        note=note,
                    )
                )
            if dependent_only:  # amplify: the quotes follow the lead's original
                _wait_for_lead(engine, campaign_id, local_at)

        try:
            send = send_posts(
                engine,
                settings,
                registry,
                campaign_id,
                operator=operator,
                kinds=LAUNCH_KINDS,
                occurrence="launch",
                agencies=list(mine),
                photo=photo,
                at=local_at if local_at > utcnow() else None,
                policy=policy,
                lease=lease,
                progress=progress,
                on_ready=ready,
            )
        except NotYet as held:  # nothing went `sending`: the arming stays for a next pass
            return ArmedResult(campaign_id, mine, fire_at, "busy", held.message)
        if not send.outcomes:  # nothing to send: a close meanwhile cancelled the rows
            with Session(engine) as session:
                record = session.get(CampaignRecord, campaign_id)
            if record is None or record.state in CAMPAIGN_CLOSED:
                _done(engine, campaign_id, mine)
                state = record.state if record else "gone"
                return ArmedResult(campaign_id, mine, fire_at, "closed", f"campaign {state}")
        late = None
        if send.fired_at is not None:
            behind = (clock.database(send.fired_at) - fire_at).total_seconds()
            late = round(behind, 3) if behind > 1.0 else None
        _done(engine, campaign_id, mine)
        _settle_campaign(engine, campaign_id, operator, send, mine, clock)
    finally:
        lease.release()
    outcome = "posted" if send.complete else "failed"
    failed = "; ".join(f"{o.agency}: {o.error or o.state}" for o in send.failed)
    return ArmedResult(campaign_id, mine, fire_at, outcome, failed, send, clock, late)


def _refuse_unsigned(settings: Settings, update: CaseUpdate) -> None:
    """A late fire posts the original with the photo of `update`: its row must still be the
    one its officer signed, as for the update's own replies (campaign/updates.py). The
    kept photo's hash and alt text are checked against that row (kept_photo), so a row
    edited together with the kept bytes would otherwise post a photo nobody approved."""
    from broadcaster.authoring.approval import check_update
    from broadcaster.authoring.officers import load_officers_beside

    try:
        officers = load_officers_beside(settings.agencies_path)
    except BroadcasterError as error:
        raise PhotoGone(
            f"refused: the signature of update {update.number} (officer {update.officer}) "
            f"cannot be checked here: {error.message}; nothing was sent."
        ) from None
    problem = check_update(update, officers)
    if problem is not None:
        named = "" if update.officer in problem else f" (signed as officer {update.officer!r})"
        raise PhotoGone(f"refused: {problem}{named}; its photo is not posted and nothing was sent.")


def _settle_left_in_flight(
    settings: Settings,
    engine: Engine,
    registry: Registry,
    campaign_id: str,
    agencies: Sequence[str],
    operator: str,
) -> str:
    """A campaign closed (or expired) while a launch post of these agencies was left in
    flight by a worker that died after `sending`: the close could not wait for it (its
    worker was gone) nor look for it (no keys there). Look for it on the account now, so
    that a post that did go out is recorded posted and the worker's follow-ups of this same
    pass take it down. Returns what to add to the result's detail."""
    if not any(r.agency in agencies for r in open_rows(engine, campaign_id)):
        return ""
    found = reconcile_open_rows(
        engine, settings, registry, campaign_id, operator=operator, agencies=agencies
    )
    posts = "post" if found == 1 else "posts"
    return f"; {found} launch {posts} left in flight found on the account" if found else ""


def _replacing_number(session: Session, campaign_id: str) -> int | None:
    """The number of the update whose photo the campaign shows now, read in the caller's
    transaction."""
    update = replacing_update_in(session, campaign_id)
    return update.number if update is not None else None


def _wait_for_lead(engine: Engine, campaign_id: str, local_at: datetime) -> None:
    """Until the instant, then until the lead's original is out (or LEAD_WAIT passed)."""
    remaining = (local_at - utcnow()).total_seconds()
    if remaining > 0:
        time.sleep(remaining)
    with Session(engine) as session:
        record = session.get(CampaignRecord, campaign_id)
    lead = record.lead if record else None
    deadline = time.monotonic() + LEAD_WAIT
    while time.monotonic() < deadline:
        with Session(engine) as session:
            original = session.exec(
                select(Post).where(
                    Post.campaign_id == campaign_id,
                    Post.agency == lead,
                    Post.kind == "original",
                    Post.occurrence == "launch",
                )
            ).first()
        if original is None or original.state in POST_DONE:
            return
        time.sleep(0.1)


def _done(
    engine: Engine, campaign_id: str, agencies: Sequence[str], note: str | None = None
) -> None:
    values: dict[str, object] = {"done_at": utcnow()}
    if note is not None:
        values["note"] = note
    with session_scope(engine, immediate=True) as session:
        session.execute(
            update(ArmedAgency)
            .where(
                col(ArmedAgency.campaign_id) == campaign_id,
                col(ArmedAgency.agency).in_(list(agencies)),
            )
            .values(**values)
        )


def _settle_campaign(
    engine: Engine,
    campaign_id: str,
    operator: str,
    send: SendReport,
    agencies: Sequence[str],
    clock: ClockReading,
) -> None:
    """The campaign's state from all its launch rows (as `launch` sets it), and an audit
    entry for this worker's part."""
    call_with_retries(
        lambda: _settle_once(engine, campaign_id, operator, send, agencies, clock),
        SETTLE_RETRIES,
        retry_on=lambda error: isinstance(error, OperationalError),
    )


def _settle_once(
    engine: Engine,
    campaign_id: str,
    operator: str,
    send: SendReport,
    agencies: Sequence[str],
    clock: ClockReading,
) -> None:
    with session_scope(engine, immediate=True) as session:
        # The audit chain's lock first, then the campaign row: the order `launch` takes them
        # in (its audit entry, then the state it flushes), so the two never deadlock. The
        # rows are read under the lock: the last of the workers (and the lead) to settle
        # sees every post the others committed. A close takes them in the other order (the
        # row, then its audit entry), and it may well begin just as this worker settles (it
        # waits for this very post: lease.take_lease): so the row is not waited for but
        # taken NOWAIT, and when a close holds it this transaction rolls back, freeing the
        # chain for the close, and is tried again (PostgreSQL; SQLite's writes are serial).
        audit.head(session)
        record = session.exec(
            select(CampaignRecord)
            .where(CampaignRecord.id == campaign_id)
            .with_for_update(nowait=True)
        ).one()
        rows = [
            r
            for r in session.exec(
                select(Post).where(
                    Post.campaign_id == campaign_id,
                    Post.occurrence == "launch",
                    col(Post.kind).in_(LAUNCH_KINDS),
                )
            ).all()
            if r.state in POST_TODO | POST_DONE | POST_HELD
        ]
        posted = [r for r in rows if r.state in POST_DONE]
        moving = {CampaignState.DRAFT, CampaignState.LAUNCHING, *CAMPAIGN_LIVE}
        if record.state in moving and posted:
            done = len(posted) == len(rows)
            new = CampaignState.LAUNCHED if done else CampaignState.PARTIAL
            if new != record.state:
                record.state = new
        if record.launched_at is None and posted and send.fired_at is not None:
            record.launched_at = clock.database(send.fired_at)
        record.updated_at = utcnow()
        session.add(record)
        audit.record(
            session,
            operator=operator,
            action="armed-launch-result",
            campaign_id=campaign_id,
            detail={
                "agencies": list(agencies),
                "posted": sorted({o.agency for o in send.posted}),
                "failed": {o.agency: o.error or o.state for o in send.failed},
                "spread_ms": round(send.spread_ms, 3) if send.spread_ms is not None else None,
                "offset_ms": clock.offset_ms,
            },
        )
