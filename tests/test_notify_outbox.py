"""The outbox without the network: the flood and the incomplete launch each notified once,
many tips in one message, the rate limit per destination, two workers sending at once,
and a sender that died mid-send (its rows are never sent again)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fixtures_responses import LAUNCH, add_reply, seed_campaign
from sqlalchemy import Engine, select, update
from sqlmodel import Session

from broadcaster.authoring.agencies import Registry
from broadcaster.config import Settings
from broadcaster.notify.destinations import Destination
from broadcaster.notify.outbox import RATE_LIMIT, deliver
from broadcaster.notify.sweep import notify_campaign
from broadcaster.storage.db import open_db
from broadcaster.storage.models import CampaignRecord, Notification, Post

CID = "tps-2026-0412"
CENTRE = "json://127.0.0.1:9/centre"  # never reached: the sender is a fake


class Sent:
    """A fake apprise: keeps (destination, title, body); `fail` makes it refuse."""

    def __init__(self, pause: float = 0.0) -> None:
        self.messages: list[tuple[str, str, str]] = []
        self.pause = pause
        self.lock = threading.Lock()

    def __call__(self, destination: Destination, title: str, body: str) -> None:
        time.sleep(self.pause)
        with self.lock:
            self.messages.append((destination.audience, title, body))


def settings(tmp_path: Path, url: str = CENTRE) -> Settings:
    return Settings(agencies_path=tmp_path / "agencies.toml", env={"BROADCASTER_NOTIFY": url})


NO_AGENCIES = Registry(path=Path("agencies.toml"), agencies={})


def notify(engine: Engine, tmp_path: Path, sent: Sent, at: Any = None) -> Any:
    now = at or (LAUNCH + timedelta(hours=1))
    return notify_campaign(
        settings(tmp_path), engine, CID, registry=NO_AGENCIES, now=lambda: now, send=sent
    )


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated database: SQLite, and PostgreSQL when BROADCASTER_TEST_PG is set."""
    engine = open_db(db_url)
    yield engine
    engine.dispose()


def rows(engine: Engine) -> list[Notification]:
    with Session(engine) as session:
        return list(session.exec(select(Notification).order_by(Notification.id)).scalars())


def test_an_incomplete_launch_is_notified_once_naming_the_agency_and_why(
    engine: Engine, tmp_path: Path
) -> None:
    seed_campaign(engine, CID, status="actual")
    posts = Post.__table__  # type: ignore[attr-defined]
    campaigns = CampaignRecord.__table__  # type: ignore[attr-defined]
    with engine.begin() as conn:
        conn.execute(
            update(posts)
            .where(posts.c.agency == "rcmp")
            .values(state="failed", remote_id=None, error="403 Forbidden: account suspended")
        )
        conn.execute(update(campaigns).values(state="partial"))
    sent = Sent()
    notify(engine, tmp_path, sent)
    notify(engine, tmp_path, sent)
    assert len(sent.messages) == 1
    _, title, body = sent.messages[0]
    assert title == f"Launch incomplete: {CID} (rcmp did not post)"
    assert "agency rcmp: failed (403 Forbidden: account suspended)" in body
    assert "DRILL" not in title + body  # a real campaign says nothing of drills
    assert [(r.kind, r.subject, r.state) for r in rows(engine)] == [
        ("launch", "launch:rcmp", "sent")
    ]


def test_a_flood_is_notified_once_with_its_size_and_window(engine: Engine, tmp_path: Path) -> None:
    ids = seed_campaign(engine, CID)
    for n in range(40):
        add_reply(
            engine,
            CID,
            ids["tps"],
            str(1900000000000000000 + n),
            f"FOLLOW @kpopstan for free stuff #kpop {n}",
            label="spam",
            created_at=LAUNCH + timedelta(minutes=3, seconds=n),
            flood_key="kpop",
        )
    sent = Sent()
    notify(engine, tmp_path, sent)
    # More of the same flood later: the same flood, not a new notice.
    add_reply(
        engine,
        CID,
        ids["spvm"],
        "1900000000000000999",
        "FOLLOW @kpopstan for free stuff #kpop again",
        label="spam",
        created_at=LAUNCH + timedelta(minutes=9),
        flood_key="kpop",
    )
    notify(engine, tmp_path, sent)
    assert len(sent.messages) == 1
    _, title, body = sent.messages[0]
    assert title == f"DRILL: Flood on the thread of {CID}"  # the seeded campaign is a drill
    assert body.startswith("DRILL: ")
    assert (
        "40 near-identical replies between 2026-11-23 14:03 UTC and 2026-11-23 14:03 UTC, "
        "on the posts of tps; kept out of the tips inbox."
    ) in body


def test_many_tips_at_once_are_one_message_and_stranger_text_is_made_harmless(
    engine: Engine, tmp_path: Path
) -> None:
    ids = seed_campaign(engine, CID)
    for n in range(12):
        add_reply(
            engine,
            CID,
            ids["tps"] if n % 2 else ids["rcmp"],
            str(1900000000000000000 + n),
            f"Saw him on Queen St \x1b]8;;http://evil\x07at {n} pm\u202e reversed " + "word " * 40,
            label="tip",
            created_at=LAUNCH + timedelta(minutes=n),
            reasons=("a place", "a time"),
        )
    sent = Sent()
    notify(engine, tmp_path, sent)
    assert len(sent.messages) == 1
    _, title, body = sent.messages[0]
    assert title == f"DRILL: 12 new tips: {CID} (rcmp, tps)"
    assert body.count("\n- ") == 10 and "… and 2 more." in body
    assert "\x1b" not in body and "\u202e" not in body and "\x07" not in body
    assert '- rcmp: "Saw him on Queen St at 0 pm reversed word' in body
    assert 'word…"' in body  # the first words only
    assert "why: a place; a time" in body
    assert len(rows(engine)) == 12 and {r.batch for r in rows(engine)} != {None}
    assert len({r.batch for r in rows(engine)}) == 1


def test_each_destination_gets_at_most_the_rate_limit_then_the_rest_waits(
    engine: Engine, tmp_path: Path
) -> None:
    for number in range(RATE_LIMIT + 2):
        campaign = f"case-{number}"
        ids = seed_campaign(engine, campaign)
        add_reply(
            engine,
            campaign,
            ids["tps"],
            str(1900000000000000000 + number),
            "I saw him",
            label="tip",
            created_at=LAUNCH,
        )
    sent = Sent()
    now = LAUNCH + timedelta(hours=1)
    for number in range(RATE_LIMIT + 2):
        notify_campaign(
            settings(tmp_path),
            engine,
            f"case-{number}",
            registry=NO_AGENCIES,
            now=lambda: now,
            send=sent,
        )
    assert len(sent.messages) == RATE_LIMIT
    waiting = [r for r in rows(engine) if r.state == "pending"]
    assert len(waiting) == 2 and all(r.due_at == now + timedelta(minutes=1) for r in waiting)
    (destination,) = [d for d in _destinations(tmp_path)]
    deliver(engine, [destination], now=now + timedelta(seconds=30), send=sent)
    assert len(sent.messages) == RATE_LIMIT  # still inside the window
    deliver(engine, [destination], now=now + timedelta(minutes=1), send=sent)
    # A minute on, the window has moved: the two that waited go, one message per campaign.
    assert len(sent.messages) == RATE_LIMIT + 2
    assert {r.state for r in rows(engine)} == {"sent"}


def _destinations(tmp_path: Path) -> list[Destination]:
    from broadcaster.notify.destinations import usable_destinations

    found, problems = usable_destinations(NO_AGENCIES, settings(tmp_path).env)
    assert problems == []
    return found


def test_two_workers_sending_at_once_send_each_notice_once(engine: Engine, tmp_path: Path) -> None:
    ids = seed_campaign(engine, CID)
    add_reply(
        engine,
        CID,
        ids["tps"],
        "1900000000000000001",
        "I saw him",
        label="tip",
        created_at=LAUNCH,
    )
    sent = Sent(pause=0.2)
    threads = [threading.Thread(target=notify, args=(engine, tmp_path, sent)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(sent.messages) == 1
    assert [r.state for r in rows(engine)] == ["sent"]


def test_a_sender_that_died_mid_send_leaves_its_notice_unknown_never_resent(
    engine: Engine, tmp_path: Path
) -> None:
    ids = seed_campaign(engine, CID)
    add_reply(
        engine,
        CID,
        ids["tps"],
        "1900000000000000001",
        "I saw him",
        label="tip",
        created_at=LAUNCH,
    )

    def dies(destination: Destination, title: str, body: str) -> None:
        raise KeyboardInterrupt  # the process is stopped while the request is out

    with pytest.raises(KeyboardInterrupt):
        notify(engine, tmp_path, dies)  # type: ignore[arg-type]
    assert [r.state for r in rows(engine)] == ["sending"]
    sent = Sent()
    notify(engine, tmp_path, sent, at=LAUNCH + timedelta(hours=2))
    assert sent.messages == []
    (row,) = rows(engine)
    assert (row.state, row.error) == ("unknown", "its sender stopped while sending; not sent again")
