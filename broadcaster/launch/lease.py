"""The campaign's lease: only its holder sends for the campaign.

Taking it is an atomic conditional UPDATE on the campaign row; the holder renews it in the
background. A lease whose process died on this host is taken over at once, any other
expires. The holder is named by an owner tag, `purpose@host:pid:nonce`, built and read only
here (`Owner`)."""

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

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from broadcaster.errors import BroadcasterError, Busy
from broadcaster.states import POST_DONE, POST_IN_FLIGHT
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import CampaignRecord, Post
from broadcaster.timeutil import utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

LEASE_DURATION = 30.0  # seconds; renewed every third of it
LEASE_WAIT = 60.0  # seconds a resolve or cancel waits for a launch under way to finish


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
    whether it was taken from a launch that had not sent yet."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return acquire_lease(engine, campaign_id, purpose=purpose), False
        except Busy:
            if steal_if_idle:
                stolen = _steal_idle_lease(engine, campaign_id, purpose)
                if stolen is not None:
                    return stolen, True
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.2)
