"""The journal's state machine with a scripted platform: what is committed when, retries,
reconciliation of unknown outcomes, deferral on long rate limits, leases."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fixtures_workspace import AGENCY_KEYS, Workspace
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from broadcaster.authoring.agencies import Registry, load_registry
from broadcaster.errors import (
    AccountSuspended,
    Busy,
    OutcomeUnknown,
    RateLimited,
    ServerError,
)
from broadcaster.launch.executor import send_posts
from broadcaster.launch.lease import acquire_lease
from broadcaster.launch.plan import PlannedPost, plan_posts, rows_for
from broadcaster.launch.reconcile import find_published, normalized
from broadcaster.platforms.base import Account, Metrics, Platform, Published, ReplyPage
from broadcaster.retry import RetryPolicy
from broadcaster.states import PostState
from broadcaster.storage import audit
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import CampaignRecord, Post
from broadcaster.timeutil import utcnow

POLICY = RetryPolicy(attempts=4, budget=10.0, base_delay=0.01, max_delay=0.05, timeout=1.0)


class Script:
    """What the fake platforms do, shared by every account of a test."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.lock = threading.Lock()
        self.posted: dict[str, list[Published]] = {}  # handle -> posts on the "platform"
        self.post_calls: dict[str, int] = {}
        self.failures: dict[str, list[Exception | str]] = {}  # handle -> next outcomes
        self.states_seen: list[str] = []  # the journal row's state when a request arrived

    def fail_next(self, handle: str, *outcomes: Exception | str) -> None:
        self.failures.setdefault(handle, []).extend(outcomes)


class FakePlatform(Platform):
    name = "sandbox"

    def __init__(self, handle: str, script: Script, campaign_id: str) -> None:
        self.handle = handle
        self.script = script
        self.campaign_id = campaign_id

    def verify(self) -> Account:
        return Account(id=self.handle, handle=self.handle, name=self.handle, followers=1234)

    def upload_media(self, data: bytes, mime_type: str, alt_text: str) -> str:
        return f"media-{self.handle}"

    def post(
        self,
        text: str,
        media_ids: Sequence[str] = (),
        quote_of: str | None = None,
        in_reply_to: str | None = None,
    ) -> Published:
        script = self.script
        with Session(script.engine) as session:
            row = session.exec(
                select(Post).where(Post.campaign_id == self.campaign_id, Post.handle == self.handle)
            ).first()
            script.states_seen.append(row.state if row else "missing")
        with script.lock:
            script.post_calls[self.handle] = script.post_calls.get(self.handle, 0) + 1
            pending = script.failures.get(self.handle) or []
            outcome = pending.pop(0) if pending else None
        if isinstance(outcome, Exception) and not isinstance(outcome, OutcomeUnknown):
            raise outcome
        with script.lock:
            mine = script.posted.setdefault(self.handle, [])
            published = Published(
                remote_id=f"{self.handle}-{len(mine) + 1}",
                text=text.replace("&", "&amp;"),  # as X echoes it
                created_at=utcnow(),
                url=f"https://x.test/{self.handle}/{len(mine) + 1}",
            )
            mine.insert(0, published)
        if isinstance(outcome, OutcomeUnknown):
            raise outcome  # created, but the answer never came
        return published

    def repost(self, remote_id: str) -> None:
        raise NotImplementedError

    def delete(self, remote_id: str) -> None:
        raise NotImplementedError

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        return {}

    def replies(
        self, conversation_id: str, since_id: str | None = None, next_token: str | None = None
    ) -> ReplyPage:
        return ReplyPage([], None, None)

    def recent_posts(self, limit: int = 100) -> list[Published]:
        with self.script.lock:
            return list(self.script.posted.get(self.handle, []))[:limit]


@pytest.fixture
def setup(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Engine, Registry, Script, Callable[..., Any]]]:
    settings = workspace.settings()
    engine = open_db(settings.db_url)
    registry = load_registry(workspace.agencies_path)
    now = utcnow()
    with session_scope(engine) as session:
        session.add(
            CampaignRecord(
                id="c1",
                path="c1.toml",
                kind="wanted",
                status="exercise",
                lead="tps",
                mode="coordinated",
                created_at=now,
                updated_at=now,
            )
        )
    script = Script(engine)

    def fake_platform_for(agency: Any, _settings: Any, *, timeout: float = 10.0) -> Platform:
        return FakePlatform(agency.handle, script, "c1")

    monkeypatch.setattr("broadcaster.platforms.platform_for", fake_platform_for)
    plan_posts(
        engine,
        "c1",
        registry,
        [PlannedPost(agency=key, kind="original", text=f"Wanted & {key}") for key in AGENCY_KEYS],
    )

    def send(**options: Any) -> Any:
        options.setdefault("policy", POLICY)
        return send_posts(
            engine, settings, registry, "c1", operator="Cst. Test", kinds=("original",), **options
        )

    yield engine, registry, script, send
    engine.dispose()


def _states(engine: Engine) -> dict[str, str]:
    return {row.agency: row.state for row in rows_for(engine, "c1")}


def test_every_row_is_sending_in_the_database_before_its_request(setup) -> None:  # type: ignore[no-untyped-def]
    engine, _registry, script, send = setup
    report = send()
    assert report.complete
    assert script.states_seen == [PostState.SENDING] * 4
    assert _states(engine) == dict.fromkeys(AGENCY_KEYS, PostState.POSTED)
    rows = rows_for(engine, "c1")
    assert all(r.followers == 1234 and r.media_ids is None and r.attempts == 1 for r in rows)
    assert audit.verify(engine).ok


def test_planning_twice_creates_nothing(setup) -> None:  # type: ignore[no-untyped-def]
    engine, registry, _script, _send = setup
    again = [PlannedPost(agency=k, kind="original", text=f"Wanted & {k}") for k in AGENCY_KEYS]
    assert plan_posts(engine, "c1", registry, again) == 0
    assert len(rows_for(engine, "c1")) == 4


def test_unknown_outcome_is_reconciled_not_resent(setup) -> None:  # type: ignore[no-untyped-def]
    engine, _registry, script, send = setup
    script.fail_next("@TorontoPolice", OutcomeUnknown("no answer"))
    report = send()
    assert report.complete
    assert script.post_calls["@TorontoPolice"] == 1  # found on the account: not sent again
    assert len(script.posted["@TorontoPolice"]) == 1
    row = next(r for r in rows_for(engine, "c1") if r.agency == "tps")
    assert (row.state, row.remote_id) == (PostState.POSTED, "@TorontoPolice-1")


def test_transient_errors_are_retried(setup) -> None:  # type: ignore[no-untyped-def]
    engine, _registry, script, send = setup
    script.fail_next("@RCMPNB", ServerError("503"), ServerError("503"))
    reset = utcnow() + timedelta(seconds=0.2)
    script.fail_next("@NYPDTips", RateLimited("429", reset_at=reset))
    report = send()
    assert report.complete
    assert script.post_calls["@RCMPNB"] == 3
    assert script.post_calls["@NYPDTips"] == 2
    rows = {r.agency: r for r in rows_for(engine, "c1")}
    assert rows["rcmp"].attempts == 3 and rows["nypd"].attempts == 2
    assert all(len(script.posted[h]) == 1 for h in script.posted)


def test_a_long_rate_limit_defers_instead_of_sleeping(setup) -> None:  # type: ignore[no-untyped-def]
    engine, _registry, script, send = setup
    reset = (utcnow() + timedelta(minutes=15)).replace(microsecond=0)
    script.fail_next("@NYPDTips", RateLimited("agency 'nypd': rate limited", reset_at=reset))
    report = send()
    assert [o.agency for o in report.failed] == ["nypd"]
    row = next(r for r in rows_for(engine, "c1") if r.agency == "nypd")
    assert row.state == PostState.FAILED
    assert row.error == (
        f"agency 'nypd': rate limited; deferred until {reset:%Y-%m-%d %H:%M:%S} UTC"
    )
    assert row.next_attempt_at == reset
    # The next run sends only what is missing.
    again = send()
    assert again.complete
    assert {h: len(p) for h, p in script.posted.items()} == dict.fromkeys(script.posted, 1)


def test_permanent_failure_stops_one_agency_only(setup) -> None:  # type: ignore[no-untyped-def]
    engine, _registry, script, send = setup
    script.fail_next("@SPVM", AccountSuspended("agency 'spvm' (@SPVM): the account is suspended."))
    report = send()
    assert [(o.agency, o.error) for o in report.failed] == [
        ("spvm", "agency 'spvm' (@SPVM): the account is suspended.")
    ]
    assert _states(engine) == {
        "tps": PostState.POSTED,
        "rcmp": PostState.POSTED,
        "nypd": PostState.POSTED,
        "spvm": PostState.FAILED,
    }
    assert script.post_calls["@SPVM"] == 1


def test_too_many_server_errors_give_up_with_the_count(setup) -> None:  # type: ignore[no-untyped-def]
    engine, _registry, script, send = setup
    script.fail_next("@SPVM", *[ServerError("the sandbox had a server error (503)")] * 4)
    report = send()
    assert report.failed[0].error == "the sandbox had a server error (503) (after 4 attempts)"
    assert _states(engine)["spvm"] == PostState.FAILED


def test_a_row_left_sending_by_a_crash_is_reconciled_first(setup) -> None:  # type: ignore[no-untyped-def]
    engine, _registry, script, send = setup
    # A crash after tps's request left (it is on the platform) and before rcmp's did.
    with session_scope(engine) as session:
        for row in session.exec(select(Post)).all():
            if row.agency in ("tps", "rcmp"):
                row.state, row.attempts, row.sent_at = PostState.SENDING, 1, utcnow()
                session.add(row)
    script.posted["@TorontoPolice"] = [
        Published("tps-early", "Wanted &amp; tps", utcnow(), "https://x.test/tps-early")
    ]
    report = send()
    assert report.complete
    assert "@TorontoPolice" not in script.post_calls  # never sent again
    assert script.post_calls["@RCMPNB"] == 1
    rows = {r.agency: r for r in rows_for(engine, "c1")}
    assert rows["tps"].remote_id == "tps-early" and rows["tps"].state == PostState.POSTED
    assert rows["rcmp"].state == PostState.POSTED and rows["rcmp"].attempts == 2


def test_another_campaigns_identical_post_is_never_adopted(setup) -> None:  # type: ignore[no-untyped-def]
    engine, _registry, script, send = setup
    now = utcnow()
    with session_scope(engine) as session:
        session.add(
            CampaignRecord(
                id="c0",
                path="c0.toml",
                kind="wanted",
                status="exercise",
                lead="tps",
                mode="coordinated",
                created_at=now,
                updated_at=now,
            )
        )
        session.add(
            Post(
                campaign_id="c0",
                agency="tps",
                platform="sandbox",
                handle="@TorontoPolice",
                kind="original",
                state=PostState.POSTED,
                text="Wanted & tps",
                remote_id="tps-c0",
                updated_at=now,
            )
        )
        row = session.exec(select(Post).where(Post.campaign_id == "c1", Post.agency == "tps")).one()
        row.state, row.attempts, row.sent_at = PostState.SENDING, 1, now
        session.add(row)
    # The account holds campaign c0's post, with the same text, made a moment ago.
    script.posted["@TorontoPolice"] = [
        Published("tps-c0", "Wanted &amp; tps", now, "https://x.test/tps-c0")
    ]
    report = send()
    assert report.complete
    assert script.post_calls["@TorontoPolice"] == 1  # c1's own post was sent, not c0's adopted
    rows = {r.agency: r for r in rows_for(engine, "c1")}
    assert rows["tps"].remote_id != "tps-c0"


def test_reconciliation_matches_text_as_the_platform_echoes_it() -> None:
    row = Post(
        campaign_id="c",
        agency="a",
        platform="x",
        handle="@a",
        kind="original",
        text="Tips & info: https://www.tps.ca/tips",
        sent_at=utcnow(),
        updated_at=utcnow(),
    )
    old = Published("1", row.text, utcnow() - timedelta(days=2), "u")
    echoed = Published("2", "Tips &amp; info: https://t.co/abc", utcnow(), "u")
    assert normalized(echoed.text) == normalized(row.text)
    assert find_published(row, [old], set()) is None  # too old to be this attempt's
    assert find_published(row, [echoed], set()) is echoed
    assert find_published(row, [echoed], {"2"}) is None  # already another row's


def test_a_second_lease_is_busy_until_released(setup) -> None:  # type: ignore[no-untyped-def]
    engine, *_ = setup
    first = acquire_lease(engine, "c1", purpose="launch")
    with pytest.raises(Busy) as busy:
        acquire_lease(engine, "c1", purpose="resolve")
    assert str(busy.value).startswith(
        f"campaign 'c1' is being worked on by a launch in process {os.getpid()} on "
    )
    first.release()
    acquire_lease(engine, "c1").release()


def test_the_lease_of_a_dead_process_is_taken_over(setup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    engine, *_ = setup
    url = str(engine.url)
    code = (
        "import os, sys\n"
        "from broadcaster.storage.db import open_db\n"
        "from broadcaster.launch.lease import acquire_lease\n"
        f"acquire_lease(open_db({url!r}), 'c1', duration=600)\n"
        "os._exit(0)\n"  # die holding it, as kill -9 would
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    with Session(engine) as session:
        record = session.get(CampaignRecord, "c1")
        assert record is not None and record.lease_owner is not None
        held_until = record.lease_until
    assert held_until is not None and held_until > utcnow() + timedelta(minutes=5)
    acquire_lease(engine, "c1").release()  # no wait for the ten minutes


def test_send_at_a_future_instant(setup) -> None:  # type: ignore[no-untyped-def]
    _engine, _registry, script, send = setup
    at = utcnow() + timedelta(seconds=1.2)
    report = send(at=at)
    assert report.complete
    assert report.fired_at is not None and report.fired_at >= at
    posted: list[datetime] = [p.created_at for ps in script.posted.values() for p in ps]  # type: ignore[misc]
    assert min(posted) >= at
