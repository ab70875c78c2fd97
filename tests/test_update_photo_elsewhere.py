"""A scheduled repost after a photo update, sent by a process on another machine than the one
where `update --photo` ran: it posts the signed photo's bytes kept in the database
(`update_photo`), never the photo the update withdrew, and refuses bytes that are not the
ones the officer signed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from fixtures_sandbox import Drill
from lifecycle_helpers import Launched, launched_campaign
from officer_helpers import signer
from sqlmodel import Session, delete, select

from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.campaign.updates import post_update
from broadcaster.jobs.worker import Worker
from broadcaster.states import PostState
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import UpdatePhoto

NOTE = "New photo from the bank's camera."
DAYTIME_REPOSTS = '[[reposts]]\nevery = "12h"\nlocal_hours = ["08:00", "21:00"]'


def launched(drill_factory: Callable[..., Drill]) -> Launched:
    return launched_campaign(drill_factory(2, languages=("en",)), reposts_toml=DAYTIME_REPOSTS)


def update_with_photo(launched: Launched) -> str:
    photo = launched.drill.folder / "new-photo.jpg"
    photo.write_bytes(photo_jpeg(seed=3))
    report = post_update(
        launched.settings,
        launched.path,
        [NOTE],
        signer=signer(launched.drill.folder),
        photo_path=photo,
        engine=launched.engine,
    )
    assert report.complete and report.photo is not None, report.as_dict()
    return report.photo


def tick_a_day_later(launched: Launched) -> Any:
    launched_at = launched.record().launched_at
    assert launched_at is not None
    worker = Worker(
        launched.settings,
        engine=launched.engine,
        clock=lambda: launched_at + timedelta(days=1),
        track_every=timedelta(days=1000),
        raise_bugs=True,
    )
    try:
        return worker.tick()
    finally:
        worker.close()


def photos_on_sandbox(launched: Launched, remote_id: str | None) -> list[str]:
    """The sha256 of each photo the sandbox received with a post."""
    store = launched.drill.server.store
    return [store.media[m].sha256 for m in store.posts[int(remote_id or "0")].media_ids]


def reposts_on_sandbox(launched: Launched) -> list[dict[str, Any]]:
    return [p for p in launched.sandbox_posts() if "Reminder (" in p["text"]]


def test_a_repost_elsewhere_posts_the_signed_photo_kept_in_the_database(
    drill_factory: Callable[..., Drill],
) -> None:
    ready = launched(drill_factory)
    new = update_with_photo(ready)
    (ready.drill.folder / "new-photo.jpg").unlink()  # the scheduler's machine has no such file

    report = tick_a_day_later(ready)
    assert report.count("failed") == 0, report.as_dict()
    rows = ready.rows("scheduled_repost")
    assert sorted(r.agency for r in rows) == sorted(ready.drill.keys)
    for row in rows:
        assert row.state == PostState.POSTED
        assert photos_on_sandbox(ready, row.remote_id) == [new], row.agency


def test_the_file_changed_since_the_update_does_not_change_what_is_posted(
    drill_factory: Callable[..., Drill],
) -> None:
    ready = launched(drill_factory)
    new = update_with_photo(ready)
    (ready.drill.folder / "new-photo.jpg").write_bytes(photo_jpeg(seed=5))  # another photo there

    assert tick_a_day_later(ready).count("failed") == 0
    for row in ready.rows("scheduled_repost"):
        assert photos_on_sandbox(ready, row.remote_id) == [new]


def test_stored_bytes_that_are_not_the_signed_photo_are_refused(
    drill_factory: Callable[..., Drill],
) -> None:
    ready = launched(drill_factory)
    update_with_photo(ready)
    with session_scope(ready.engine) as session:  # someone with the database, not the key
        for row in session.exec(select(UpdatePhoto)).all():
            row.data = photo_jpeg(seed=9)
            session.add(row)

    report = tick_a_day_later(ready)
    said = str(report.as_dict())
    assert [r for r in report.results if r.outcome == "failed"], said
    assert "the photo of update 1 kept in the database is not the one officer" in said
    assert "the earlier photo it replaced is not posted instead" in said
    assert not [r for r in ready.rows("scheduled_repost") if r.state in ("posted", "sending")]
    assert reposts_on_sandbox(ready) == []


def test_an_update_kept_without_its_bytes_is_read_where_it_was_signed_then_kept(
    drill_factory: Callable[..., Drill],
) -> None:
    # An update signed before its bytes were kept for every update (migration 0013 kept them
    # only for armed agencies' workers): its photo is read again from its file.
    ready = launched(drill_factory)
    new = update_with_photo(ready)
    with session_scope(ready.engine) as session:
        session.exec(delete(UpdatePhoto))  # type: ignore[call-overload]

    assert tick_a_day_later(ready).count("failed") == 0
    for row in ready.rows("scheduled_repost"):
        assert photos_on_sandbox(ready, row.remote_id) == [new]
    with Session(ready.engine) as session:  # read once where it was signed: kept from now on
        (kept,) = session.exec(select(UpdatePhoto)).all()
    assert kept.number == 1 and kept.mime_type == "image/jpeg"


def test_an_update_kept_without_its_bytes_whose_file_changed_is_refused(
    drill_factory: Callable[..., Drill],
) -> None:
    ready = launched(drill_factory)
    update_with_photo(ready)
    with session_scope(ready.engine) as session:
        session.exec(delete(UpdatePhoto))  # type: ignore[call-overload]
    (ready.drill.folder / "new-photo.jpg").write_bytes(photo_jpeg(seed=5))

    report = tick_a_day_later(ready)
    said = str(report.as_dict())
    assert [r for r in report.results if r.outcome == "failed"], said
    assert "the photo of update 1" in said and "changed since it was signed" in said
    assert reposts_on_sandbox(ready) == []
    with Session(ready.engine) as session:
        assert session.exec(select(UpdatePhoto)).all() == []


def test_the_console_shows_the_signed_photo_without_its_file(
    drill_factory: Callable[..., Drill],
) -> None:
    from test_console_history import _client, _list_console, _passwords, sign_in

    drill = drill_factory(2, languages=("en",))
    _list_console(drill)
    _passwords(drill)
    ready = launched_campaign(drill)
    new = update_with_photo(ready)
    (ready.drill.folder / "new-photo.jpg").unlink()  # the console's machine has no such file
    with _client(ready) as client:
        assert sign_in(client) == 303
        shown = client.get("/campaigns/drill-2026-0001/updates/1/photo")
        assert shown.status_code == 200 and shown.headers["content-type"] == "image/jpeg"
        assert hashlib.sha256(shown.content).hexdigest() == new
        with session_scope(ready.engine) as session:  # bytes that are not the signed photo
            for row in session.exec(select(UpdatePhoto)).all():
                row.data = photo_jpeg(seed=9)
                session.add(row)
        refused = client.get("/campaigns/drill-2026-0001/updates/1/photo")
        assert refused.status_code == 404 and "not the one officer" in refused.text
