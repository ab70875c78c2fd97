"""An armed agency's update reply whose sends failed outright is tried again as the centre's
own are: not on every pass, but when the officer runs the same `update` again (which retries
the centre's failed replies); the agency's worker then retries its own at its next pass and
posts it once."""

from __future__ import annotations

from collections.abc import Callable

from fixtures_sandbox import Drill
from sqlmodel import Session, select
from test_armed_update import NOTE, armed_launch, centre_update, posts_of, tick

from broadcaster.sandbox.options import FaultRates
from broadcaster.states import PostState
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Post


def reply_row(drill: Drill, key: str) -> Post:
    engine = open_db(drill.settings.db_url)
    try:
        with Session(engine) as session:
            return session.exec(select(Post).where(Post.kind == "update", Post.agency == key)).one()
    finally:
        engine.dispose()


def test_running_the_update_again_has_the_worker_retry_its_failed_reply_once(
    drill_factory: Callable[..., Drill],
) -> None:
    drill = drill_factory(2, languages=("en",))
    lead, armed, path = armed_launch(drill)
    assert centre_update(drill, lead, path).by_workers == [armed]
    drill.server.faults = FaultRates(error=1.0)  # every request of the worker's pass: 503
    (entry,) = tick(drill, armed)
    drill.server.faults = FaultRates()
    assert entry["posted"] == [] and "503" in entry["failed"][0], entry
    failed = reply_row(drill, armed)
    assert failed.state == PostState.FAILED and failed.attempts > 0
    assert tick(drill, armed) == []  # no loop: it waits for the officer, as the centre's

    again = centre_update(drill, lead, path)  # the same update: "send what is missing"
    assert again.again and again.by_workers == [armed]
    (entry,) = tick(drill, armed)
    assert entry["posted"] == [f"{armed} update-1"] and entry["failed"] == [], entry
    assert tick(drill, armed) == []  # once
    row = reply_row(drill, armed)
    assert row.state == PostState.POSTED and row.next_attempt_at is None
    replies = [p for p in posts_of(drill, armed) if p["in_reply_to"]]
    assert len(replies) == 1 and NOTE in replies[0]["text"]
