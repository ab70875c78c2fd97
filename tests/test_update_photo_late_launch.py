"""A late original after a photo update (its first post failed, then `launch` again): it
carries the update's photo, never the one the police withdrew; the update's reply follows on
the next `update` run (or the agency worker's pass) under it, and the late original stays up.
The account ends with its original and the update's reply, each once, and no old photo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from fixtures_launch import FAST, approved_campaign
from fixtures_sandbox import Drill
from officer_helpers import signer
from sqlmodel import Session, delete, select
from test_armed_status import agency_worker, settings_with

from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.campaign.updates import UpdateReport, post_update
from broadcaster.launch.arming import retry
from broadcaster.launch.run import launch
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import UpdatePhoto
from broadcaster.timeutil import utcnow

NOTE = "New photo from the bank's camera."


def photos(drill: Drill, post: dict[str, Any]) -> list[str]:
    """The sha256 of each photo the sandbox received with a post."""
    store = drill.server.store
    return [store.media[m].sha256 for m in store.posts[int(post["id"])].media_ids]


def posts_of(drill: Drill, key: str) -> list[dict[str, Any]]:
    handle = drill.registry.get(key).handle
    return [p for p in drill.server.posts() if p["author"] == handle]


def new_photo(drill: Drill) -> Path:
    path = drill.folder / "new-photo.jpg"
    path.write_bytes(photo_jpeg(seed=3))
    return path


def update(drill: Drill, path: Path, keys: list[str]) -> UpdateReport:
    return post_update(
        settings_with(drill, keys),
        path,
        [NOTE],
        signer=signer(drill.folder),
        photo_path=new_photo(drill),
        policy=FAST,
    )


def assert_original_and_reply_with_the_new_photo(drill: Drill, key: str, new: str) -> None:
    mine = posts_of(drill, key)
    (original,) = [p for p in mine if not p["in_reply_to"]]
    (reply,) = [p for p in mine if p["in_reply_to"]]
    assert not original["deleted"] and not reply["deleted"]
    assert str(reply["in_reply_to"]) == str(original["id"])
    assert NOTE in reply["text"]
    assert photos(drill, original) == [new] and photos(drill, reply) == [new]


def test_a_late_launch_after_a_photo_update_posts_the_update_photo(
    drill_factory: Callable[..., Drill],
) -> None:
    drill = drill_factory(2, languages=("en",))
    lead, late = drill.keys
    path = approved_campaign(drill)
    drill.server.suspend(drill.registry.get(late).handle)
    first = launch(drill.settings, path, operator="t", policy=FAST)
    assert [o.agency for o in first.send.failed] == [late]  # type: ignore[union-attr]
    (old_original,) = posts_of(drill, lead)
    old = photos(drill, old_original)

    report = update(drill, path, drill.keys)
    assert report.photo is not None and [old] != [report.photo]
    assert report.not_posted == [late]
    drill.server.suspend(drill.registry.get(late).handle, False)

    again = launch(drill.settings, path, operator="t", policy=FAST)
    assert again.send is not None and again.send.complete
    (original,) = posts_of(drill, late)
    assert photos(drill, original) == [report.photo]  # never the withdrawn photo

    # The same update again: the late account's reply under its original, which stays up.
    done = update(drill, path, drill.keys)
    assert done.again and done.complete, done.as_dict()
    assert [o.agency for o in done.send.posted if o.fired] == [late]  # type: ignore[union-attr]
    assert done.taken_down == []
    assert_original_and_reply_with_the_new_photo(drill, late, report.photo)
    assert update(drill, path, drill.keys).taken_down == []  # and once
    assert_original_and_reply_with_the_new_photo(drill, late, report.photo)
    assert not [p for p in drill.server.posts() if not p["deleted"] and photos(drill, p) == old]


def test_an_armed_agency_firing_late_after_a_photo_update_posts_the_update_photo(
    drill_factory: Callable[..., Drill],
) -> None:
    drill = drill_factory(2, languages=("en",))
    lead, armed = drill.keys
    path = approved_campaign(drill)
    centre = settings_with(drill, [lead])
    drill.server.suspend(drill.registry.get(armed).handle)
    first = launch(
        centre,
        path,
        operator="t",
        at=utcnow() + timedelta(seconds=1.2),
        policy=FAST,
        min_arm_lead=timedelta(seconds=0.2),
    )
    assert first.armed == (armed,)
    worker = agency_worker(drill, armed)
    try:
        (fired,) = worker.tick().armed
        assert fired["outcome"] == "failed", fired
        (old_original,) = posts_of(drill, lead)
        old = photos(drill, old_original)

        report = update(drill, path, [lead])
        assert report.photo is not None and report.not_posted == [armed]
        drill.server.suspend(drill.registry.get(armed).handle, False)
        launch(centre, path, operator="t", policy=FAST)  # again: the worker sends what failed
        (fired,) = worker.tick().armed
        assert fired["outcome"] == "posted", fired
        (original,) = posts_of(drill, armed)
        assert photos(drill, original) == [report.photo]  # never the withdrawn photo

        done = update(drill, path, [lead])  # plans the armed agency's reply for its worker
        assert done.by_workers == [armed] and done.complete, done.as_dict()
        (entry,) = worker.tick().follow_ups
        assert entry["posted"] == [f"{armed} update-1"], entry
        assert "taken_down" not in entry, entry
        assert worker.tick().follow_ups == []
    finally:
        worker.close()
    assert_original_and_reply_with_the_new_photo(drill, armed, report.photo)
    assert not [p for p in drill.server.posts() if not p["deleted"] and photos(drill, p) == old]


def test_an_armed_late_fire_refuses_an_update_photo_not_kept_until_launch_keeps_it(
    drill_factory: Callable[..., Drill],
) -> None:
    # An update signed before its bytes were kept for every update: the worker, which has
    # neither the file nor the old photo's right to be posted, posts nothing; `launch` again
    # where the file is reads it as it was signed and keeps it for the worker.
    drill = drill_factory(2, languages=("en",))
    lead, armed = drill.keys
    path = approved_campaign(drill)
    centre = settings_with(drill, [lead])
    drill.server.suspend(drill.registry.get(armed).handle)
    launch(
        centre,
        path,
        operator="t",
        at=utcnow() + timedelta(seconds=1.2),
        policy=FAST,
        min_arm_lead=timedelta(seconds=0.2),
    )
    worker = agency_worker(drill, armed)
    try:
        worker.tick()
        report = update(drill, path, [lead])
        assert report.photo is not None
        drill.server.suspend(drill.registry.get(armed).handle, False)
        engine = open_db(drill.settings.db_url)
        with session_scope(engine) as session:
            session.exec(delete(UpdatePhoto))  # type: ignore[call-overload]
        retry(engine, "drill-1", [armed])  # an arming left to retry before the upgrade
        (fired,) = worker.tick().armed
        assert fired["outcome"] == "failed", fired
        assert "the photo of update 1 was not kept in the database" in str(fired["detail"])
        assert "the earlier photo it replaced is not posted instead" in str(fired["detail"])
        assert posts_of(drill, armed) == []

        launch(centre, path, operator="t", policy=FAST)
        with Session(engine) as session:
            assert len(session.exec(select(UpdatePhoto)).all()) == 1
        engine.dispose()
        (fired,) = worker.tick().armed
        assert fired["outcome"] == "posted", fired
    finally:
        worker.close()
    (original,) = posts_of(drill, armed)
    assert photos(drill, original) == [report.photo]
