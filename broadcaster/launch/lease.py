"""The campaign's lease: only its holder sends for the campaign.

Taking it is an atomic conditional UPDATE on the campaign row; the holder renews it in the
background. A lease whose process died on this host is taken over at once, any other
expires. The holder is named by an owner tag, `purpose@host:pid:nonce`, built and read only
here (`Owner`).

An armed agency's worker sends its launch rows without this lease (many workers fire at
one instant, beside the lead's own launch); what it holds is its agencies' lease
(armed.py). So a resolve, cancel, expiry or update, which count who posted and then post
or take down accordingly, also waits for the armed sends under way when it takes this lease
(`take_lease`), and a worker starts none while one of them holds it (`AgencyLease.check`)."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import and_, or_, update
from sqlmodel import Session, col, select

from broadcaster.errors import BroadcasterError, Busy
from broadcaster.states import POST_DONE, POST_IN_FLIGHT
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import ArmedAgency, CampaignRecord, Post
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

LEASE_DURATION = 30.0  # seconds; renewed every third of it
LEASE_WAIT = 60.0  # seconds a resolve or cancel waits for a launch under way to finish
# Holders that count who posted, then post or take down by that count: they wait for an
# armed agency's launch post in flight, and no worker marks one `sending` under them.
COUNTING_PURPOSES = frozenset({"resolve", "cancel", "expire", "update"})


@dataclass(frozen=True)
class Owner:
    """Who holds a lease: what for, and which process on which host."""

    purpose: str
    host: str
    pid: int
    nonce: str

    @classmethod
    def new(cls, purpose: str) -> Owner:
        return cls(purpose, socket.gethostname(), os.getpid(), uuid.uuid4().hex[:8])

    @classmethod
    def parse(cls, tag: str) -> Owner | None:
        try:
            purpose, rest = tag.split("@", 1)
            host, pid, nonce = rest.rsplit(":", 2)
            return cls(purpose, host, int(pid), nonce)
        except ValueError:
            return None

    @property
    def tag(self) -> str:
        return f"{self.purpose}@{self.host}:{self.pid}:{self.nonce}"

    def is_dead(self) -> bool:
        """True when it ran on this host and its process is gone (kill -9, a crash)."""
        if self.host != socket.gethostname() or self.pid == os.getpid():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        stat = Path(f"/proc/{self.pid}/stat")
        try:  # a zombie is dead, its parent just has not reaped it
            return stat.read_text().rsplit(")", 1)[1].split()[0] == "Z"
        except (OSError, IndexError):
            return False

    def describe(self) -> str:
        return f"a {self.purpose} in process {self.pid} on {self.host}"


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

    def check(self, session: Session, message: str) -> None:
        """Raise Busy(message) unless this lease is still held, read in the transaction
        that is about to mark rows `sending` (so a lease taken over sends nothing more)."""
        holder = session.execute(
            select(CampaignRecord.lease_owner).where(CampaignRecord.id == self.campaign_id)
        ).scalar_one()
        if holder != self.owner:
            raise Busy(message)

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
    engine: Engine, campaign_id: str, *, purpose: str = "launch", duration: float = LEASE_DURATION
) -> Lease:
    """Take the campaign's lease or raise Busy (exit 3). The campaign row must exist."""
    owner = Owner.new(purpose).tag
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
            held = Owner.parse(holder) if holder is not None else None
            if free or (held is not None and held.is_dead()):
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
    who = held.describe() if held is not None else "another process"
    when = f" (its lease runs until {until:%H:%M:%S} UTC)" if until else ""
    raise Busy(
        f"campaign {campaign_id!r} is being worked on by {who}{when}; "
        f"wait for it to finish, then see broadcaster status {campaign_id}."
    )


def _in_flight_or_posted(session: Session, campaign_id: str) -> bool:
    row = session.exec(
        select(Post.id).where(
            Post.campaign_id == campaign_id,
            col(Post.state).in_(POST_IN_FLIGHT | POST_DONE),
        )
    ).first()
    return row is not None


def _steal_idle_lease(engine: Engine, campaign_id: str, purpose: str) -> Lease | None:
    """Take the lease from a launch that has not sent anything yet (preflight or countdown).

    The launch marks its rows `sending` only after checking, in the same transaction, that
    it still holds the lease; so once the lease is ours it sends nothing."""
    owner = Owner.new(purpose).tag
    with session_scope(engine, immediate=True) as session:
        session.exec(
            select(CampaignRecord).where(CampaignRecord.id == campaign_id).with_for_update()
        ).first()
        if _in_flight_or_posted(session, campaign_id):
            return None
        session.execute(
            update(CampaignRecord)
            .where(col(CampaignRecord.id) == campaign_id)
            .values(lease_owner=owner, lease_until=utcnow() + timedelta(seconds=LEASE_DURATION))
        )
    log.info("campaign %s: took the lease from a launch that had sent nothing", campaign_id)
    return Lease(engine, campaign_id, owner, LEASE_DURATION).start()


def take_lease(
    engine: Engine,
    campaign_id: str,
    purpose: str,
    *,
    wait: float = LEASE_WAIT,
    steal_if_idle: bool = False,
) -> tuple[Lease, bool]:
    """The campaign's lease, waiting up to `wait` seconds for a holder to finish; and
    whether it was taken from a launch that had not sent yet. For a counting purpose, it
    then waits (up to `wait` again) for the armed agencies' launch posts in flight."""
    deadline = time.monotonic() + wait
    while True:
        try:
            lease, stolen = acquire_lease(engine, campaign_id, purpose=purpose), False
            break
        except Busy:
            if steal_if_idle:
                taken = _steal_idle_lease(engine, campaign_id, purpose)
                if taken is not None:
                    lease, stolen = taken, True
                    break
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.2)
    if purpose in COUNTING_PURPOSES:
        try:
            _await_armed_sends(engine, campaign_id, purpose, time.monotonic() + wait)
        except BaseException:
            lease.release()
            raise
    return lease, stolen


def armed_sends(session: Session, campaign_id: str) -> list[tuple[str, Owner | None]]:
    """The armed agencies with a launch post that may be on its way (`sending`, or
    `unknown` while its worker looks for it) under a worker that is still alive: (agency,
    its worker). A row left in flight by a dead worker is not waited for; its next worker
    reconciles it before anything else."""
    rows = session.exec(
        select(ArmedAgency.agency, ArmedAgency.worker, ArmedAgency.lease_until)
        .join(
            Post,
            and_(
                col(Post.campaign_id) == col(ArmedAgency.campaign_id),
                col(Post.agency) == col(ArmedAgency.agency),
            ),
        )
        .where(
            ArmedAgency.campaign_id == campaign_id,
            col(ArmedAgency.worker).is_not(None),
            Post.occurrence == "launch",
            col(Post.state).in_(POST_IN_FLIGHT),
        )
    ).all()
    now = utcnow()
    out: dict[str, Owner | None] = {}
    for agency, worker, until in rows:
        holder = Owner.parse(worker) if worker else None
        if until is None or as_utc(until) <= now or (holder is not None and holder.is_dead()):
            continue
        out[agency] = holder
    return sorted(out.items(), key=lambda item: item[0])


def _await_armed_sends(engine: Engine, campaign_id: str, purpose: str, deadline: float) -> None:
    """Until no armed agency's launch post is in flight (Busy past `deadline`).

    Under our lease no worker marks a row `sending` any more (it checks for a counting
    holder in that very transaction), so this wait ends once the posts already on their
    way are recorded: then the caller counts them as posted, with the others, and its
    follow-up and take-down reach them. Without it, a late worker's post would land after
    the resolve or cancel had counted that agency as never posted: up, with no update or
    correction under it, after the case was closed."""
    said = False
    while True:
        with Session(engine) as session:
            sending = armed_sends(session, campaign_id)
        if not sending:
            return
        names = ", ".join(agency for agency, _ in sending)
        if not said:
            log.info(
                "campaign %s: %s waits for the launch post of %s, on its way from its worker",
                campaign_id,
                purpose,
                names,
            )
            said = True
        if time.monotonic() >= deadline:
            who = sending[0][1]
            by = f" ({who.describe()})" if who is not None else ""
            raise Busy(
                f"campaign {campaign_id!r}: the launch post of {names} is still on its way "
                f"from its own worker{by}; wait for it to finish, then try the {purpose} again "
                f"(see broadcaster status {campaign_id})."
            )
        time.sleep(0.1)
