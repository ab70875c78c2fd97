"""Wherever an update's new photo is posted after `update` (an armed agency's worker, a late
`launch`, a scheduled repost on another machine) it carries the alt text the officer
signed with it, and the worker refuses one edited in the database. Showing the photo (the
console) writes nothing; posting it keeps the bytes for the machines without the file."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from fixtures_launch import FAST, approved_campaign
from fixtures_sandbox import Drill
from officer_helpers import signer
from sqlalchemy import update as sql_update
from sqlmodel import Session, delete, select
from test_armed_status import agency_worker, settings_with
from test_armed_update import armed_launch, posts_of, tick

from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.campaign.updates import UpdateReport, post_update
from broadcaster.launch.run import launch
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import CaseUpdate, Post, UpdatePhoto
from broadcaster.timeutil import utcnow

NOTE = "Clearer photo from the bank's camera."
ALT = "Man in a grey hooded jacket at a bank counter, his face visible."


def alt_of(drill: Drill, post: dict[str, Any]) -> list[str | None]:
    """The alt text the X sandbox stored with each photo of a post."""
    store = drill.server.store
    return [store.media[m].alt_text for m in store.posts[int(post["id"])].media_ids]


def photo_update(drill: Drill, path: Path, keys: list[str], **options: Any) -> UpdateReport:
    photo = drill.folder / "bank-camera.jpg"
    photo.write_bytes(photo_jpeg(seed=3))
    report = post_update(
        settings_with(drill, keys),
        path,
        [NOTE],
        signer=signer(drill.folder),
        photo_path=photo,
        photo_alt=[ALT],
        policy=FAST,
        **options,
    )
    assert report.photo_alt_own and report.photo_alt == {"en": ALT}
    return report


def test_the_armed_worker_posts_the_signed_alt_text_and_refuses_an_edited_one(
    drill_factory: Callable[..., Drill],
) -> None:
    drill = drill_factory(2, languages=("en",))
    lead, armed, path = armed_launch(drill)
    report = photo_update(drill, path, [lead])
    assert report.complete and report.by_workers == [armed], report.as_dict()
    engine = open_db(drill.settings.db_url)
    with session_scope(engine) as session:  # someone with the database, not the key
        session.exec(sql_update(UpdatePhoto).values(alt_text=json.dumps({"en": "A car."})))  # type: ignore[call-overload]
    (entry,) = tick(drill, armed)
    assert entry["posted"] == [], entry
    assert entry["refused"] == [
        "update 1: its stored alt text is not the one officer lee signed"
    ], entry
    assert [p for p in posts_of(drill, armed) if p["in_reply_to"]] == []

    # Both copies edited alike: the signature (which covers the alt text) gives it away.
    with session_scope(engine) as session:
        session.exec(sql_update(CaseUpdate).values(photo_alt=json.dumps({"en": "A car."})))  # type: ignore[call-overload]
    with session_scope(engine) as session:  # the refusal undone: the row is due again
        session.exec(
            sql_update(Post)  # type: ignore[call-overload]
            .where(Post.kind == "update", Post.agency == armed)  # type: ignore[arg-type]
            .values(state="planned", error=None)
        )
    (entry,) = tick(drill, armed)
    assert entry["posted"] == [] and "was edited" in entry["refused"][0], entry

    # Put back as signed, the worker posts it, with the alt text the officer signed.
    with session_scope(engine) as session:
        session.exec(sql_update(CaseUpdate).values(photo_alt=json.dumps({"en": ALT})))  # type: ignore[call-overload]
        session.exec(sql_update(UpdatePhoto).values(alt_text=json.dumps({"en": ALT})))  # type: ignore[call-overload]
        session.exec(
            sql_update(Post)  # type: ignore[call-overload]
            .where(Post.kind == "update", Post.agency == armed)  # type: ignore[arg-type]
            .values(state="planned", error=None)
        )
    engine.dispose()
    (entry,) = tick(drill, armed)
    assert entry["posted"] == [f"{armed} update-1"], entry
    (reply,) = [p for p in posts_of(drill, armed) if p["in_reply_to"]]
    assert alt_of(drill, reply) == [ALT]


def test_a_late_launch_posts_the_update_photo_with_its_alt_text(
    drill_factory: Callable[..., Drill],
) -> None:
    drill = drill_factory(2, languages=("en",))
    lead, late = drill.keys
    path = approved_campaign(drill)
    drill.server.suspend(drill.registry.get(late).handle)
    launch(drill.settings, path, operator="t", policy=FAST)
    (old,) = posts_of(drill, lead)
    campaign_alt = alt_of(drill, old)
    report = photo_update(drill, path, drill.keys)
    assert report.not_posted == [late]
    drill.server.suspend(drill.registry.get(late).handle, False)

    again = launch(drill.settings, path, operator="t", policy=FAST)
    assert again.send is not None and again.send.complete
    (original,) = posts_of(drill, late)
    assert alt_of(drill, original) == [ALT] != campaign_alt


def test_an_armed_late_fire_posts_the_update_photo_with_its_alt_text(
    drill_factory: Callable[..., Drill],
) -> None:
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
        (fired,) = worker.tick().armed
        assert fired["outcome"] == "failed", fired
        photo_update(drill, path, [lead])
        drill.server.suspend(drill.registry.get(armed).handle, False)
        launch(centre, path, operator="t", policy=FAST)  # again: the worker sends what failed
        (fired,) = worker.tick().armed
        assert fired["outcome"] == "posted", fired
    finally:
        worker.close()
    (original,) = posts_of(drill, armed)
    assert alt_of(drill, original) == [ALT]


def test_showing_an_unkept_update_photo_writes_nothing_and_posting_it_keeps_it(
    drill_factory: Callable[..., Drill],
) -> None:
    # An update signed before its bytes were kept for every update: the console reads its
    # file to show it (a GET: nothing written); `launch` again, about to post it, keeps the
    # bytes (and the signed alt text) for the agency workers that have no file.
    from starlette.testclient import TestClient
    from test_console_history import _list_console, _passwords, sign_in

    from broadcaster.console.app import create_app
    from broadcaster.launch.current_photo import current_photo

    drill = drill_factory(2, languages=("en",))
    _list_console(drill)
    _passwords(drill)
    _, late = drill.keys
    path = approved_campaign(drill)
    drill.server.suspend(drill.registry.get(late).handle)
    launch(drill.settings, path, operator="t", policy=FAST)
    report = photo_update(drill, path, drill.keys)
    drill.server.suspend(drill.registry.get(late).handle, False)
    engine = open_db(drill.settings.db_url)
    with session_scope(engine) as session:
        session.exec(delete(UpdatePhoto))  # type: ignore[call-overload]

    from broadcaster.authoring.prepare import prepare_campaign

    prepared = prepare_campaign(path, drill.settings, check_credentials=False)
    shown = current_photo(engine, prepared)
    assert shown is not None and dict(shown.alt_text) == {"en": ALT}
    app = create_app(drill.settings, engine, secret="t")
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert sign_in(client) == 303
        got = client.get(f"/campaigns/{prepared.campaign.id}/updates/1/photo")
        assert got.status_code == 200, got.text
        assert hashlib.sha256(got.content).hexdigest() == report.photo
    with Session(engine) as session:
        assert session.exec(select(UpdatePhoto)).all() == []  # a read wrote nothing

    launch(drill.settings, path, operator="t", policy=FAST)
    with Session(engine) as session:
        (kept,) = session.exec(select(UpdatePhoto)).all()
    engine.dispose()
    assert hashlib.sha256(kept.data).hexdigest() == report.photo
    assert json.loads(kept.alt_text) == {"en": ALT}
    (original,) = posts_of(drill, late)
    assert alt_of(drill, original) == [ALT]


def test_cap_describes_the_update_photo_with_its_own_alt_text(drill: Any) -> None:
    from lifecycle_helpers import launched_campaign
    from test_cap import validate_xsd

    from broadcaster.campaign.cap import export_cap

    launched = launched_campaign(drill)
    photo = drill.folder / "bank-camera.jpg"
    photo.write_bytes(photo_jpeg(seed=11))
    report = post_update(
        launched.settings,
        launched.path,
        [NOTE, "fr:Photo plus nette."],
        signer=signer(drill.folder),
        photo_path=photo,
        photo_alt=[ALT, "fr:Homme en veste grise à capuche."],
        engine=launched.engine,
    )
    assert report.complete, report.as_dict()
    xml = export_cap(launched.settings, launched.path, engine=launched.engine, update=1)
    validate_xsd(xml)
    cap = "{urn:oasis:names:tc:emergency:cap:1.2}"
    described = {
        info.findtext(f"{cap}language"): [
            (r.findtext(f"{cap}resourceDesc"), r.findtext(f"{cap}derefUri"))
            for r in info.iter(f"{cap}resource")
        ]
        for info in ET.fromstring(xml).iter(f"{cap}info")
    }
    assert {lang: [d for d, _ in found] for lang, found in described.items()} == {
        "en": [f"Photo: {ALT}"],
        "fr": ["Photo : Homme en veste grise à capuche."],
    }
    assert all(
        hashlib.sha256(base64.b64decode(uri or "")).hexdigest() == report.photo
        for found in described.values()
        for _, uri in found
    )
