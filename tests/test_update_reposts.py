"""Scheduled reposts after a mid-case update brought a new photo: they carry the new photo,
never the one the update took down."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from lifecycle_helpers import Launched, launched_campaign
from officer_helpers import signer
from sqlmodel import delete

from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.campaign.updates import post_update
from broadcaster.jobs.worker import Worker
from broadcaster.launch.current_photo import current_photo
from broadcaster.states import PostState
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import UpdatePhoto

NO_TRACKING = timedelta(days=1000)
DAYTIME_REPOSTS = '[[reposts]]\nevery = "12h"\nlocal_hours = ["08:00", "21:00"]'


def update_with_photo(launched: Launched) -> str:
    photo = launched.drill.folder / "new-photo.jpg"
    photo.write_bytes(photo_jpeg(seed=3))
    report = post_update(
        launched.settings,
        launched.path,
        ["New photo from the bank's camera.", "fr:Nouvelle photo de la caméra de la banque."],
        signer=signer(launched.drill.folder),
        photo_path=photo,
        engine=launched.engine,
    )
    assert report.complete, report.as_dict()
    assert report.photo is not None
    return report.photo


def tick_a_day_later(launched: Launched) -> Any:
    launched_at = launched.record().launched_at
    assert launched_at is not None
    at: datetime = launched_at + timedelta(days=1)
    worker = Worker(
        launched.settings,
        engine=launched.engine,
        clock=lambda: at,
        track_every=NO_TRACKING,
        raise_bugs=True,
    )
    try:
        return worker.tick()
    finally:
        worker.close()


def media_of(launched: Launched, remote_id: str | None) -> list[str]:
    """The sha256 of each photo the sandbox holds for a post."""
    store = launched.drill.server.store
    post = store.posts[int(remote_id or "0")]
    return [store.media[m].sha256 for m in post.media_ids]


def test_a_repost_after_a_photo_update_carries_the_new_photo(drill: Any) -> None:
    launched = launched_campaign(drill, reposts_toml=DAYTIME_REPOSTS)
    old = {media_of(launched, r.remote_id)[0] for r in launched.rows("original")}
    new = update_with_photo(launched)
    assert new not in old

    report = tick_a_day_later(launched)
    assert report.count("failed") == 0, report.as_dict()
    rows = launched.rows("scheduled_repost")
    assert sorted(r.agency for r in rows) == sorted(drill.keys)
    for row in rows:
        assert row.state == PostState.POSTED
        assert media_of(launched, row.remote_id) == [new], row.agency


def test_without_a_photo_update_reposts_carry_the_campaign_photo(drill: Any) -> None:
    launched = launched_campaign(drill, reposts_toml=DAYTIME_REPOSTS)
    original = media_of(launched, launched.rows("original")[0].remote_id)
    post_update(
        launched.settings,
        launched.path,
        ["Reward offered.", "fr:Récompense offerte."],
        signer=signer(drill.folder),
        engine=launched.engine,
    )  # words only: the photo stays
    report = tick_a_day_later(launched)
    assert report.count("failed") == 0, report.as_dict()
    for row in launched.rows("scheduled_repost"):
        assert media_of(launched, row.remote_id) == original


def test_a_photo_gone_since_the_update_is_refused_not_replaced_by_the_old(drill: Any) -> None:
    launched = launched_campaign(drill, reposts_toml=DAYTIME_REPOSTS)
    update_with_photo(launched)
    # An update signed before its bytes were kept in the database (test_update_photo_elsewhere
    # has the kept ones): its photo is read again from its file, which changed.
    with session_scope(launched.engine) as session:
        session.exec(delete(UpdatePhoto))  # type: ignore[call-overload]
    (drill.folder / "new-photo.jpg").write_bytes(photo_jpeg(seed=5))  # another photo there

    report = tick_a_day_later(launched)
    failed = [r for r in report.results if r.outcome == "failed"]
    assert failed, report.as_dict()
    assert "the photo of update 1" in str(report.as_dict())
    assert "changed since it was signed" in str(report.as_dict())
    assert not [r for r in launched.rows("scheduled_repost") if r.state in ("posted", "sending")]
    assert not [p for p in launched.sandbox_posts() if "Reminder (" in p["text"]]

    (drill.folder / "new-photo.jpg").write_bytes(photo_jpeg(seed=3))  # put back: it is used
    prepared = prepare_campaign(launched.path, launched.settings, check_credentials=False)
    photo = current_photo(launched.engine, prepared)
    assert prepared.photo is not None
    assert photo is not None and photo.sha256 != prepared.photo.sha256


def test_a_photo_named_relative_to_where_update_ran_is_found_from_anywhere(
    drill: Any, tmp_path_factory: Any, monkeypatch: Any
) -> None:
    launched = launched_campaign(drill, reposts_toml=DAYTIME_REPOSTS)
    officer_desk = tmp_path_factory.mktemp("desk")
    (officer_desk / "bank-camera.jpg").write_bytes(photo_jpeg(seed=3))
    monkeypatch.chdir(officer_desk)  # the officer runs `update --photo bank-camera.jpg` here
    report = post_update(
        launched.settings,
        launched.path,
        ["New photo.", "fr:Nouvelle photo."],
        signer=signer(drill.folder),
        photo_path=Path("bank-camera.jpg"),
        engine=launched.engine,
    )
    assert report.complete and report.photo is not None
    monkeypatch.chdir(tmp_path_factory.mktemp("scheduler"))  # the scheduler runs elsewhere
    tick = tick_a_day_later(launched)
    assert tick.count("failed") == 0, tick.as_dict()
    for row in launched.rows("scheduled_repost"):
        assert media_of(launched, row.remote_id) == [report.photo]


def test_completing_the_update_later_leaves_the_reposts_with_the_new_photo_up(
    drill: Any,
) -> None:
    launched = launched_campaign(drill, reposts_toml=DAYTIME_REPOSTS)
    late = drill.registry.get(drill.keys[1])
    drill.server.suspend(late.handle)
    photo = drill.folder / "new-photo.jpg"
    photo.write_bytes(photo_jpeg(seed=3))
    notes = ["New photo.", "fr:Nouvelle photo."]
    first = post_update(
        launched.settings,
        launched.path,
        notes,
        signer=signer(drill.folder),
        photo_path=photo,
        engine=launched.engine,
    )
    assert [o.agency for o in first.failed_posts] == [late.key]
    drill.server.suspend(late.handle, False)
    assert tick_a_day_later(launched).count("failed") == 0
    reposts = launched.rows("scheduled_repost")
    assert all(media_of(launched, r.remote_id) == [first.photo] for r in reposts)

    # The same update again completes it where it failed, and takes down only the old photo.
    again = post_update(
        launched.settings,
        launched.path,
        notes,
        signer=signer(drill.folder),
        photo_path=photo,
        engine=launched.engine,
    )
    assert again.complete and again.again
    assert {t.kind for t in again.taken_down} == {"original"}
    assert all(r.state == PostState.POSTED for r in launched.rows("scheduled_repost"))
    assert all(r.state == PostState.DELETED for r in launched.rows("original"))
