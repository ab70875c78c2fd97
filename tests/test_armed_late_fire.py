"""A late armed fire (the agency's worker comes up after the instant) meeting a resolve, a
cancel, an update or a plain `launch` of the same campaign.

The worker holds its agencies' lease, never the campaign's. Each test pauses the worker's
thread at one point of its fire (after its rows are committed `sending`, before the request
leaves; or before its preflight, the photo already read) and runs the other command then,
so that the interleaving is the same on every run: no sleeps, no clocks.

The promise checked: nothing goes out after a campaign was resolved or cancelled, or with a
photo an update withdrew, and nothing twice. A post already on its way when the other
command starts is waited for and counted (its follow-up, take-down or reply reaches it);
one not yet on its way is not sent then (the next pass sends it, if the campaign is still
live)."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fixtures_launch import FAST, approved_campaign
from fixtures_sandbox import Drill
from officer_helpers import signer
from sqlmodel import Session, select
from test_armed_status import agency_worker, settings_with

from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.campaign.lifecycle import LifecycleReport, cancel, resolve
from broadcaster.campaign.updates import UpdateReport, post_update
from broadcaster.launch import armed as armed_module
from broadcaster.launch.arming import update_photo
from broadcaster.launch.executor import Executor
from broadcaster.launch.gate import Batch
from broadcaster.launch.run import launch
from broadcaster.states import CampaignState, PostState
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Post
from broadcaster.timeutil import utcnow

WORKER = "late-worker"  # the name of the thread the late fire runs in
NOTE = "Seen near Union Station at 9:40, red jacket."


# -- the scene ----------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def two(request: pytest.FixtureRequest, drill_factory: Callable[..., Drill]) -> Drill:
    """A lead and one partner agency, on each engine: the worker's check and the holder's
    lease meet on the campaign row (FOR SHARE against FOR UPDATE on PostgreSQL)."""
    drill = drill_factory(2, languages=("en",))
    if request.param == "postgresql":
        drill.settings = replace(drill.settings, db_url=request.getfixturevalue("pg_url"))
    return drill


def lead_launched(drill: Drill) -> tuple[str, str, Path]:
    """The lead launches with its own keys only; the partner is armed, and its worker has
    not come yet: its first pass is a late fire. Returns (lead, armed agency, file)."""
    lead, armed = drill.keys
    path = approved_campaign(drill)
    report = launch(
        settings_with(drill, [lead]),
        path,
        operator="t",
        at=utcnow() + timedelta(seconds=1.2),
        policy=FAST,
        min_arm_lead=timedelta(seconds=0.2),
    )
    assert report.armed == (armed,) and report.complete
    assert [p["author"] for p in drill.server.posts()] == [drill.registry.get(lead).handle]
    return lead, armed, path


class Hold:
    """Pauses the late worker's thread once, where `target.name` is called, until released."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, target: object, name: str) -> None:
        original = getattr(target, name)
        self.reached, self._go = threading.Event(), threading.Event()
        self.also = threading.Event()  # set with `reached` (a caller's "either" event)

        def held(*args: Any, **kwargs: Any) -> Any:
            if threading.current_thread().name == WORKER and not self.reached.is_set():
                self.reached.set()
                self.also.set()
                self._go.wait(timeout=60)
            return original(*args, **kwargs)

        monkeypatch.setattr(target, name, held)

    def wait(self) -> None:
        assert self.reached.wait(timeout=60), "the worker never got there"

    def release(self) -> None:
        self._go.set()


def after_sending(monkeypatch: pytest.MonkeyPatch) -> Hold:
    """Its rows committed `sending`; the requests, built and held, not written yet."""
    return Hold(monkeypatch, Batch, "write_all")


def before_preflight(monkeypatch: pytest.MonkeyPatch) -> Hold:
    """The campaign's state and photo read; nothing uploaded, nothing `sending`."""
    return Hold(monkeypatch, armed_module, "read_offset")


def at_preflight(monkeypatch: pytest.MonkeyPatch) -> Hold:
    """Its rows read (planned); not verified, uploaded or `sending` yet."""
    return Hold(monkeypatch, Executor, "preflight")


class Run(threading.Thread):
    """A call in a thread of its own: its result, or its error, once joined."""

    def __init__(self, call: Callable[[], Any], name: str, done: threading.Event) -> None:
        super().__init__(name=name, daemon=True)
        self.call, self.done = call, done
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.call()
        except BaseException as error:
            self.error = error
        finally:
            self.done.set()

    def outcome(self) -> Any:
        self.join(timeout=60)
        assert not self.is_alive(), f"{self.name} never finished"
        if self.error is not None:
            raise self.error
        return self.result


def late_fire(drill: Drill, armed: str) -> Run:
    def tick() -> list[dict[str, object]]:
        worker = agency_worker(drill, armed)
        try:
            return worker.tick().armed
        finally:
            worker.close()

    run = Run(tick, WORKER, threading.Event())
    run.start()
    return run


def waiting_or_done(caplog: pytest.LogCaptureFixture, call: Callable[[], Any]) -> Run:
    """Start `call`; return once it finished or waits for the worker's post on its way
    (lease.take_lease says so in its log)."""
    either = threading.Event()

    class Said(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "waits for the launch post of" in record.getMessage():
                either.set()

    caplog.set_level(logging.INFO, logger="broadcaster.launch.lease")
    logging.getLogger("broadcaster.launch.lease").addHandler(Said())
    run = Run(call, "other-command", either)
    run.start()
    assert either.wait(timeout=60)
    return run


def launch_row(drill: Drill, agency: str) -> Post:
    engine = open_db(drill.settings.db_url)
    with Session(engine) as session:
        row = session.exec(
            select(Post).where(Post.agency == agency, Post.occurrence == "launch")
        ).one()
    engine.dispose()
    return row


def campaign_state(drill: Drill) -> str:
    from broadcaster.campaign.status import campaign_status

    engine = open_db(drill.settings.db_url)
    state = str(campaign_status(engine, "drill-1")["state"])
    engine.dispose()
    return state


def posts_of(drill: Drill, key: str) -> list[dict[str, Any]]:
    handle = drill.registry.get(key).handle
    return [p for p in drill.server.posts() if p["author"] == handle]


def photo_sha(drill: Drill, post: dict[str, Any]) -> str:
    """The sha256 of the photo a post carries, as the sandbox received it."""
    (media_id,) = post["media_ids"]
    return str(drill.server.store.media[str(media_id)].sha256)


def follow_ups(drill: Drill, key: str) -> list[dict[str, object]]:
    worker = agency_worker(drill, key)
    try:
        return worker.tick().follow_ups
    finally:
        worker.close()


def end(ending: str, drill: Drill, lead: str, path: Path) -> Callable[[], LifecycleReport]:
    settings = settings_with(drill, [lead])
    if ending == "resolve":
        return lambda: resolve(settings, path, "arrested", operator="t", policy=FAST)
    return lambda: cancel(settings, path, "wrong photo attached", operator="t", policy=FAST)


def centre_update(drill: Drill, lead: str, path: Path, photo: Path) -> UpdateReport:
    return post_update(
        settings_with(drill, [lead]),
        path,
        [NOTE],
        signer=signer(drill.folder),
        photo_path=photo,
        policy=FAST,
    )


def new_photo(drill: Drill) -> Path:
    path = drill.folder / "new-photo.jpg"
    path.write_bytes(photo_jpeg(seed=7))
    return path


# -- (a) resolve and cancel ---------------------------------------------------------------


@pytest.mark.parametrize("ending", ["resolve", "cancel"])
def test_a_late_post_on_its_way_is_counted_by_the_ending_and_comes_down(
    ending: str,
    two: Drill,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The worker's row is `sending` when the officer resolves (or cancels): the ending
    waits for that post, counts it, and leaves its follow-up and take-down to the worker;
    otherwise the appeal would land after the ending, counted as never posted."""
    drill = two
    lead, armed, path = lead_launched(drill)
    hold = after_sending(monkeypatch)
    worker = late_fire(drill, armed)
    hold.wait()
    assert launch_row(drill, armed).state == PostState.SENDING

    closing = waiting_or_done(caplog, end(ending, drill, lead, path))
    hold.release()
    report: LifecycleReport = closing.outcome()
    (fired,) = worker.outcome()

    assert fired["outcome"] == "posted"
    # Counted as posted: its follow-up and its take-down are its worker's to do.
    assert report.not_posted == [], report.not_posted
    assert report.by_workers == [armed]
    assert report.workers_post and report.workers_take_down
    appeal = launch_row(drill, armed)
    assert appeal.state == PostState.POSTED

    (entry,) = follow_ups(drill, armed)
    assert entry["taken_down"] == [f"{armed} original: {PostState.DELETED}"]
    (original,) = [p for p in posts_of(drill, armed) if str(p["id"]) == appeal.remote_id]
    assert original["deleted"]
    assert len(posts_of(drill, armed)) == 2  # its appeal (down) and its follow-up, once
    assert campaign_state(drill) == (
        CampaignState.RESOLVED if ending == "resolve" else CampaignState.CANCELLED
    )


@pytest.mark.parametrize("ending", ["resolve", "cancel"])
def test_a_late_fire_not_yet_on_its_way_sends_nothing_after_the_ending(
    ending: str, two: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A guard (no bug found): the worker read the campaign as live, then the ending ran to
    its end before the worker marked anything `sending`; the worker's check in that
    transaction finds the campaign closed and sends nothing, now or at a later pass."""
    drill = two
    lead, armed, path = lead_launched(drill)
    hold = at_preflight(monkeypatch)
    worker = late_fire(drill, armed)
    hold.wait()
    report = end(ending, drill, lead, path)()
    assert report.not_posted == [armed]
    hold.release()
    (fired,) = worker.outcome()

    assert fired["outcome"] == "failed"
    state = "resolved" if ending == "resolve" else "cancelled"
    assert f"was {state} meanwhile; nothing more was sent" in str(fired["detail"])
    assert posts_of(drill, armed) == []
    assert launch_row(drill, armed).attempts == 0
    worker_again = agency_worker(drill, armed)
    assert worker_again.tick().armed == []  # a closed campaign is no worker's to fire
    worker_again.close()
    assert posts_of(drill, armed) == []


@pytest.mark.parametrize("ending", ["resolve", "cancel"])
def test_a_late_fire_that_finds_its_rows_cancelled_says_closed(
    ending: str, two: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker read the campaign as live, then the ending ran before it read its rows
    (the ending cancelled them, never attempted): it sends nothing and says the campaign
    closed, where it used to report `posted` with nothing posted."""
    drill = two
    lead, armed, path = lead_launched(drill)
    hold = before_preflight(monkeypatch)
    worker = late_fire(drill, armed)
    hold.wait()
    end(ending, drill, lead, path)()
    hold.release()
    (fired,) = worker.outcome()

    state = "resolved" if ending == "resolve" else "cancelled"
    assert (fired["outcome"], fired["detail"]) == ("closed", f"campaign {state}")
    assert posts_of(drill, armed) == []
    assert launch_row(drill, armed).state == PostState.CANCELLED


# -- (b) a plain launch at the same moment --------------------------------------------------


def test_launch_again_with_every_key_leaves_the_late_post_to_its_worker(
    two: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A guard (no bug found): while the worker's post is on its way, `launch` again from a
    process that now has every agency's keys sends nothing for the armed agency (its rows
    are its worker's once armed); the appeal goes out once."""
    drill = two
    lead, armed, path = lead_launched(drill)
    hold = after_sending(monkeypatch)
    worker = late_fire(drill, armed)
    hold.wait()
    again = launch(settings_with(drill, drill.keys), path, operator="t", policy=FAST)
    hold.release()
    (fired,) = worker.outcome()

    assert again.armed == (armed,)
    assert again.send is not None and {o.agency for o in again.send.outcomes} == {lead}
    assert fired["outcome"] == "posted"
    assert len(posts_of(drill, armed)) == 1 and len(posts_of(drill, lead)) == 1
    engine = open_db(drill.settings.db_url)
    with Session(engine) as session:
        rows = session.exec(select(Post).where(Post.occurrence == "launch")).all()
    engine.dispose()
    assert {(r.agency, r.state, r.attempts) for r in rows} == {
        (lead, PostState.POSTED, 1),
        (armed, PostState.POSTED, 1),
    }


# -- (c) an update with a new photo ---------------------------------------------------------


def test_an_update_waits_for_a_late_post_on_its_way_then_replaces_its_photo(
    two: Drill,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The worker's row is `sending` (with the old photo) when the officer posts an update
    with a new photo: the update waits for it, so the armed agency gets its reply and its
    old photo post comes down; otherwise the old photo would stay up with no reply."""
    drill = two
    lead, armed, path = lead_launched(drill)
    photo = new_photo(drill)
    hold = after_sending(monkeypatch)
    worker = late_fire(drill, armed)
    hold.wait()

    updating = waiting_or_done(caplog, lambda: centre_update(drill, lead, path, photo))
    hold.release()
    report: UpdateReport = updating.outcome()
    (fired,) = worker.outcome()

    assert fired["outcome"] == "posted"
    assert report.not_posted == [] and report.by_workers == [armed]
    (entry,) = follow_ups(drill, armed)
    assert entry["posted"] == [f"{armed} update-1"]
    assert entry["taken_down"] == [f"{armed} original: {PostState.DELETED}"]
    (old,) = [p for p in posts_of(drill, armed) if not p["in_reply_to"]]
    (reply,) = [p for p in posts_of(drill, armed) if p["in_reply_to"]]
    assert old["deleted"] and not reply["deleted"]
    assert photo_sha(drill, reply) == _update_sha(drill)


def _update_sha(drill: Drill) -> str:
    engine = open_db(drill.settings.db_url)
    stored = update_photo(engine, "drill-1", 1)
    engine.dispose()
    assert stored is not None
    return hashlib.sha256(stored.data).hexdigest()


def test_a_late_fire_prepared_before_an_update_posts_the_new_photo(
    two: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker read the armed photo, then an update with a new photo went out before it
    marked anything `sending`: it sends nothing at that pass, and its next pass posts the
    new photo. The old photo posted after the update would never come down (a post sent
    after an update counts as carrying its photo)."""
    drill = two
    lead, armed, path = lead_launched(drill)
    photo = new_photo(drill)
    hold = before_preflight(monkeypatch)
    worker = late_fire(drill, armed)
    hold.wait()
    report = centre_update(drill, lead, path, photo)
    assert report.complete and report.not_posted == [armed]
    hold.release()
    (first,) = worker.outcome()

    assert first["outcome"] == "busy", first
    assert "replaced the photo since this worker uploaded it" in str(first["detail"])
    assert posts_of(drill, armed) == []
    (second,) = _fire(drill, armed)
    assert second["outcome"] == "posted", second
    (appeal,) = posts_of(drill, armed)
    assert photo_sha(drill, appeal) == _update_sha(drill)
    assert follow_ups(drill, armed) == []  # it stays up: it carries the new photo
    assert not posts_of(drill, armed)[0]["deleted"]


def test_a_late_fire_sends_nothing_while_an_update_is_at_work(
    two: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The update holds the campaign and its reply is on its way (not yet posted, so the
    photo is not replaced yet) when the worker comes to mark its row `sending`: it sends
    nothing at that pass; its next pass, after the update, posts the new photo."""
    drill = two
    lead, armed, path = lead_launched(drill)
    photo = new_photo(drill)
    # The update's own wave is held at its release (its thread is named WORKER here).
    hold_update = after_sending(monkeypatch)
    updating = Run(lambda: centre_update(drill, lead, path, photo), WORKER, threading.Event())
    updating.start()
    hold_update.wait()
    (first,) = _fire(drill, armed)
    hold_update.release()
    report: UpdateReport = updating.outcome()

    assert first["outcome"] == "busy", first
    assert "is being updated; nothing was sent" in str(first["detail"])
    assert report.complete and report.not_posted == [armed]
    assert posts_of(drill, armed) == []
    (second,) = _fire(drill, armed)
    assert second["outcome"] == "posted", second
    (appeal,) = posts_of(drill, armed)
    assert photo_sha(drill, appeal) == _update_sha(drill)


def _fire(drill: Drill, armed: str) -> list[dict[str, object]]:
    worker = agency_worker(drill, armed)
    try:
        return worker.tick().armed
    finally:
        worker.close()


def test_a_launch_that_read_the_armings_before_another_armed_sends_no_armed_row(
    two: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two `launch` at the same moment: one from a machine with no keys (it only arms, and
    returns at once), one from a machine with every key that read the armings just before
    (none yet). The second must leave the armed agencies to their workers. Before the fix
    it sent their rows too, while the late worker sent the same row (it reconciled the row
    the other left `sending`, found nothing yet, and posted): only the X sandbox's refusal
    of duplicate content kept the appeal from going out twice (Mastodon and Bluesky have no
    such refusal). Now `launch` reads the armings again under the campaign's lease."""
    from broadcaster.launch import run as run_module

    drill = two
    armed = drill.keys[1]
    path = approved_campaign(drill)
    real = run_module.armed_agencies
    armed_first = threading.Event()

    def read_then_arm(engine: Any, campaign_id: str) -> Any:
        seen = real(engine, campaign_id)
        if not armed_first.is_set():  # the other launch arms right after this read
            armed_first.set()
            other = launch(
                settings_with(drill, []),
                path,
                operator="other desk",
                at=utcnow() + timedelta(seconds=1),
                policy=FAST,
                min_arm_lead=timedelta(seconds=0.2),
            )
            assert other.armed == tuple(drill.keys)
        return seen

    monkeypatch.setattr(run_module, "armed_agencies", read_then_arm)
    hold = after_sending(monkeypatch)
    every_key = Run(
        lambda: launch(settings_with(drill, drill.keys), path, operator="t", policy=FAST),
        WORKER,
        hold.also,  # set when it holds its wave, or when it is done (sending nothing)
    )
    every_key.start()
    assert hold.also.wait(timeout=60)
    monkeypatch.setattr(run_module, "armed_agencies", real)
    (fired,) = _fire(drill, armed)  # the armed agency's worker, late
    hold.release()
    report = every_key.outcome()

    assert fired["outcome"] == "posted"
    assert report.send is not None
    assert armed not in {o.agency for o in report.send.outcomes}
    assert len(posts_of(drill, armed)) == 1
    assert launch_row(drill, armed).state == PostState.POSTED


def test_a_post_that_never_comes_back_makes_the_ending_busy_and_changes_nothing(
    two: Drill,
) -> None:
    """The worker is alive (its lease renewed) but its post never comes back within the
    ending's wait: the resolve is refused (Busy, exit 3) naming the agency and its worker,
    closes nothing and leaves the campaign's lease free for the next try."""
    from sqlalchemy import update as sql_update

    from broadcaster.errors import Busy
    from broadcaster.launch.lease import Owner, acquire_lease
    from broadcaster.storage.db import session_scope
    from broadcaster.storage.models import ArmedAgency

    drill = two
    lead, armed, path = lead_launched(drill)
    alive = Owner.new("worker")  # this test's own process: alive
    engine = open_db(drill.settings.db_url)
    with session_scope(engine) as session:  # as a worker between `sending` and its answer
        session.exec(
            sql_update(Post)  # type: ignore[call-overload]
            .where(Post.agency == armed, Post.occurrence == "launch")  # type: ignore[arg-type]
            .values(state=PostState.SENDING, attempts=1, sent_at=utcnow())
        )
        session.exec(
            sql_update(ArmedAgency)  # type: ignore[call-overload]
            .where(ArmedAgency.agency == armed)  # type: ignore[arg-type]
            .values(worker=alive.tag, lease_until=utcnow() + timedelta(minutes=5))
        )
    before = campaign_state(drill)
    with pytest.raises(Busy) as refused:
        resolve(settings_with(drill, [lead]), path, "arrested", operator="t", lease_wait=0.2)
    sentence = refused.value.message
    assert f"the launch post of {armed} is still on its way from its own worker" in sentence
    assert f"(a worker in process {alive.pid} on {alive.host})" in sentence
    assert "then try the resolve again (see broadcaster status drill-1)" in sentence
    assert campaign_state(drill) == before != CampaignState.RESOLVED
    acquire_lease(engine, "drill-1", purpose="check").release()  # left free
    engine.dispose()


# -- a worker killed with its post on its way, then the ending ------------------------------


@pytest.mark.parametrize("ending", ["resolve", "cancel"])
def test_a_post_left_in_flight_by_a_killed_worker_comes_down_after_the_ending(
    ending: str, two: Drill
) -> None:
    """The worker's post went out and the worker was killed before recording it (its row
    left `sending`, its lease held by a process that is gone). The ending cannot wait for it
    nor look for it (no keys at the centre); the worker's next pass, with its keys, finds
    the post on the account and takes it down, where it used to leave it up for good."""
    drill = two
    lead, armed, path = lead_launched(drill)
    (fired,) = _fire(drill, armed)
    assert fired["outcome"] == "posted"
    killed_after_sending(drill, armed)

    report = end(ending, drill, lead, path)()
    assert report.not_posted == [armed]  # the centre cannot know it went out

    worker = agency_worker(drill, armed)
    try:
        done = worker.tick()
    finally:
        worker.close()
    (closed,) = done.armed
    assert closed["outcome"] == "closed"
    assert "1 launch post left in flight found on the account" in str(closed["detail"])
    (entry,) = done.follow_ups
    assert entry["taken_down"] == [f"{armed} original: {PostState.DELETED}"]
    assert [p["deleted"] for p in posts_of(drill, armed)] == [True]
    assert launch_row(drill, armed).state == PostState.DELETED
    worker = agency_worker(drill, armed)
    try:
        assert worker.tick().armed == []  # settled: no later pass comes back to it
    finally:
        worker.close()


def killed_after_sending(drill: Drill, agency: str) -> None:
    """As a worker killed between its request and recording the answer (raw SQL: the
    models refuse that move, which only a crash makes): its row `sending`, its arming not
    done, its lease held by a process of this host that no longer exists."""
    import socket
    import subprocess

    from sqlalchemy import update as sql_update

    from broadcaster.launch.lease import Owner
    from broadcaster.storage.db import session_scope
    from broadcaster.storage.models import ArmedAgency

    # A process that ran and exited (reaped): its pid names no process now.
    pid = int(subprocess.run(["sh", "-c", "echo $$"], capture_output=True, text=True).stdout)
    dead = Owner("worker", socket.gethostname(), pid, "deadbeef")
    assert dead.is_dead()
    engine = open_db(drill.settings.db_url)
    with session_scope(engine) as session:
        session.exec(
            sql_update(Post)  # type: ignore[call-overload]
            .where(Post.agency == agency, Post.occurrence == "launch")  # type: ignore[arg-type]
            .values(state=PostState.SENDING, remote_id=None, url=None, posted_at=None)
        )
        session.exec(
            sql_update(ArmedAgency)  # type: ignore[call-overload]
            .where(ArmedAgency.agency == agency)  # type: ignore[arg-type]
            .values(done_at=None, worker=dead.tag, lease_until=utcnow() + timedelta(seconds=30))
        )
    engine.dispose()


# -- the worker settling as a close begins (PostgreSQL's locks) ---------------------------


def test_a_worker_settling_as_a_close_begins_gives_way_instead_of_deadlocking(
    drill_factory: Callable[..., Drill],
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    """A close waits for the worker's post, then begins as the worker settles: the close
    locks the campaign row, then the audit chain; the worker holds the chain and wants the
    row. Waiting for it would deadlock (PostgreSQL then aborts one of the two: the close, or
    the worker's pass with a traceback); the worker gives way and settles after the close."""
    from sqlalchemy import text

    from broadcaster.campaign.lifecycle import close_campaign
    from broadcaster.storage import audit
    from broadcaster.storage.models import AuditEntry

    drill = drill_factory(2, languages=("en",))
    drill.settings = replace(drill.settings, db_url=request.getfixturevalue("pg_url"))
    _, armed, _ = lead_launched(drill)
    real_head = audit.head
    holding, go = threading.Event(), threading.Event()

    def head_then_hold(session: Session) -> str:
        out = real_head(session)
        if threading.current_thread().name == WORKER and not holding.is_set():
            holding.set()  # the worker's settle holds the chain's lock now
            go.wait(timeout=60)
        return out

    monkeypatch.setattr(audit, "head", head_then_hold)
    worker = late_fire(drill, armed)
    assert holding.wait(timeout=60)
    engine = open_db(drill.settings.db_url)
    closing = Run(
        lambda: close_campaign(
            engine,
            "drill-1",
            state=CampaignState.CANCELLED,
            outcome="cancelled",
            operator="t",
            detail={"reason": "wrong photo"},
        ),
        "closing",
        threading.Event(),
    )
    closing.start()
    with engine.connect() as conn:  # the close holds the row and waits for the chain
        while not conn.execute(
            text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        ).scalar_one():
            closing.join(timeout=0.01)  # a pause between looks, and it must not be done
            assert closing.is_alive()
            conn.rollback()
    go.set()
    closing.outcome()
    (fired,) = worker.outcome()

    assert fired["outcome"] == "posted"
    assert campaign_state(drill) == CampaignState.CANCELLED
    with Session(engine) as session:
        actions = [e.action for e in session.exec(select(AuditEntry)).all()]
    engine.dispose()
    assert actions.index("cancel") < actions.index("armed-launch-result")
    assert len(posts_of(drill, armed)) == 1
