"""A late armed fire posts the original with the photo of the update that replaced it: the
update's row must still be the one its officer signed. Editing the row's photo hash together
with the kept bytes passes the hash check of the kept photo; the signature check refuses it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from fixtures_sandbox import Drill
from sqlmodel import Session, select
from test_armed_late_fire import _fire, centre_update, lead_launched, new_photo, posts_of

from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.storage.db import open_db
from broadcaster.storage.models import ArmedAgency, CaseUpdate, UpdatePhoto


@pytest.fixture
def two(drill_factory: Callable[..., Drill]) -> Drill:
    return drill_factory(2, languages=("en",))


def _swap_the_photo(drill: Drill) -> None:
    """Another photo in the kept bytes, and its hash in the update's row: consistent with
    each other, but not what officer signed."""
    other = photo_jpeg(seed=11)
    engine = open_db(drill.settings.db_url)
    with Session(engine) as session:
        (row,) = session.exec(select(CaseUpdate).where(CaseUpdate.campaign_id == "drill-1"))
        kept = session.get(UpdatePhoto, ("drill-1", row.number))
        assert kept is not None
        kept.data = other
        row.photo_sha256 = hashlib.sha256(other).hexdigest()
        session.add(kept)
        session.add(row)
        session.commit()
    engine.dispose()


def _arming_note(drill: Drill, agency: str) -> str | None:
    engine = open_db(drill.settings.db_url)
    with Session(engine) as session:
        (row,) = session.exec(select(ArmedAgency).where(ArmedAgency.agency == agency))
        note = row.note
    engine.dispose()
    return note


def test_a_late_fire_refuses_an_update_row_edited_with_its_kept_photo(two: Drill) -> None:
    drill = two
    lead, armed, path = lead_launched(drill)
    report = centre_update(drill, lead, path, new_photo(drill))
    assert report.complete and report.not_posted == [armed]
    _swap_the_photo(drill)

    (fired,) = _fire(drill, armed)

    assert fired["outcome"] == "failed", fired
    detail = str(fired["detail"])
    assert detail.startswith("refused: update 1 of campaign 'drill-1' was edited: the row no "), (
        detail
    )
    assert "officer" in detail and detail.endswith("its photo is not posted and nothing was sent.")
    assert posts_of(drill, armed) == []
    assert _arming_note(drill, armed) == detail


def test_a_late_fire_with_the_signed_update_still_posts_its_photo(two: Drill) -> None:
    """The check passes an untouched update: the late fire posts the update's photo."""
    drill = two
    lead, armed, path = lead_launched(drill)
    centre_update(drill, lead, path, new_photo(drill))

    (fired,) = _fire(drill, armed)

    assert fired["outcome"] == "posted", fired
    assert len(posts_of(drill, armed)) == 1


def test_a_late_fire_without_the_officers_file_refuses(two: Drill) -> None:
    drill = two
    lead, armed, path = lead_launched(drill)
    centre_update(drill, lead, path, new_photo(drill))
    officers = drill.settings.agencies_path.parent / "officers.toml"
    officers.rename(officers.with_name("officers.toml.away"))

    (fired,) = _fire(drill, armed)

    assert fired["outcome"] == "failed", fired
    assert str(fired["detail"]).startswith("refused: the signature of update 1 (officer "), fired
    assert posts_of(drill, armed) == []
