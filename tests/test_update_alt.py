"""An update's new photo carries its own alt text (`update --photo FILE --alt [LANG:]TEXT`):
required in every language the agencies post in, signed with the update, and what each
platform receives with the new photo; an update signed before alt texts existed keeps going
out with the campaign's, and says so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from lifecycle_helpers import Launched, launched_campaign
from officer_helpers import key_of, signer
from sqlmodel import Session, select

from broadcaster.authoring.officers import load_officers_beside
from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.campaign.updates import check_update, post_update
from broadcaster.cli import cli
from broadcaster.states import PostState
from broadcaster.storage.models import CaseUpdate, UpdatePhoto

NOTES = ("--note", "Clearer photo from the bank's camera.", "--note", "fr:Photo plus nette.")
ALT_EN = "Man in a grey hooded jacket at a bank counter, his face visible."
ALT_FR = "Homme en veste grise à capuche au comptoir d'une banque, visage visible."
ALTS = ("--alt", ALT_EN, "--alt", f"fr:{ALT_FR}")


def new_photo(launched: Launched, seed: int = 7) -> Path:
    path = launched.drill.folder / "bank-camera.jpg"
    path.write_bytes(photo_jpeg(seed=seed))
    return path


def update(launched: Launched, *args: str, json_output: bool = False) -> Result:
    key = str(key_of(launched.drill.folder, "lee"))
    options = [*launched.cli_args(), *(["--json"] if json_output else [])]
    return CliRunner().invoke(cli, [*options, "update", str(launched.path), "--key", key, *args])


def said(result: Result) -> str:
    """What the officer reads on stderr, as one line whatever the terminal's width."""
    return " ".join(result.stderr.split())


def language_of(launched: Launched, agency: str) -> str:
    return launched.drill.registry.get(agency).language


def alt_received(launched: Launched, remote_id: str | None) -> list[str | None]:
    """The alt text the X sandbox stored with each photo of a post."""
    store = launched.drill.server.store
    return [store.media[m].alt_text for m in store.posts[int(remote_id or "0")].media_ids]


def nothing_sent_or_stored(launched: Launched, before: int) -> None:
    assert len(launched.sandbox_posts()) == before
    assert not [p for p in launched.sandbox_posts() if p["deleted"]]
    assert launched.rows("update") == []
    with Session(launched.engine) as session:
        assert session.exec(select(CaseUpdate)).all() == []
        assert session.exec(select(UpdatePhoto)).all() == []


# -- the command line's rules -------------------------------------------------------------


def test_a_new_photo_without_alt_text_is_exit_2_naming_the_language_and_agencies(
    drill: Any,
) -> None:
    launched = launched_campaign(drill)
    before = len(launched.sandbox_posts())
    photo = new_photo(launched)
    english = ", ".join(k for k in drill.keys if language_of(launched, k) == "en")
    french = ", ".join(k for k in drill.keys if language_of(launched, k).startswith("fr"))

    result = update(launched, *NOTES, "--photo", str(photo))
    assert result.exit_code == 2, result.output
    assert said(result) == (
        f"Error: --alt TEXT is missing: agencies {english} post the new photo in en; describe "
        "it in en for people using screen readers, or the campaign's description of the "
        "earlier photo would go out with it."
    )
    result = update(launched, *NOTES, "--photo", str(photo), "--alt", ALT_EN)
    assert result.exit_code == 2, result.output
    assert f"--alt fr:TEXT is missing: agencies {french} post the new photo in fr" in said(result)
    # The dry run holds the officer to the same rule.
    result = update(launched, *NOTES, "--photo", str(photo), "--alt", ALT_EN, "--dry-run")
    assert result.exit_code == 2 and "--alt fr:TEXT is missing" in said(result)
    assert "Traceback" not in result.output
    nothing_sent_or_stored(launched, before)


def test_alt_text_without_a_photo_too_long_empty_or_twice_is_exit_2(drill: Any) -> None:
    launched = launched_campaign(drill)
    before = len(launched.sandbox_posts())
    photo = str(new_photo(launched))

    result = update(launched, *NOTES, *ALTS)
    assert result.exit_code == 2, result.output
    assert said(result) == (
        "Error: --alt describes an update's new photo: give the photo with --photo FILE, or "
        "leave --alt out."
    )
    long = "A" * 1001
    result = update(launched, *NOTES, "--photo", photo, "--alt", ALT_EN, "--alt", f"fr:{long}")
    assert result.exit_code == 2, result.output
    assert said(result) == (
        "Error: --alt fr:TEXT is 1001 characters; platforms allow 1000 for a photo's description."
    )
    result = update(launched, *NOTES, "--photo", photo, "--alt", " \x1b[2J ", "--alt", "fr:x")
    assert result.exit_code == 2 and "--alt TEXT is empty; describe the new photo" in said(result)
    result = update(launched, *NOTES, "--photo", photo, *ALTS, "--alt", "fr:Encore")
    assert result.exit_code == 2 and "--alt: two alt texts for fr" in said(result)
    result = update(launched, *NOTES, "--photo", photo, *ALTS, "--alt", "de:Ein Mann")
    assert result.exit_code == 2, result.output
    assert "--alt de:…: de is not a language of campaign 'drill-2026-0001'" in said(result)
    nothing_sent_or_stored(launched, before)


# -- what the platforms receive -----------------------------------------------------------


def test_each_reply_carries_the_new_photo_with_its_own_alt_text_in_its_language(
    drill: Any,
) -> None:
    launched = launched_campaign(drill)
    campaign_alt = {
        language_of(launched, r.agency): alt_received(launched, r.remote_id)
        for r in launched.rows("original")
    }
    result = update(launched, *NOTES, "--photo", str(new_photo(launched)), *ALTS)
    assert result.exit_code == 0, result.output

    rows = launched.rows("update")
    assert len(rows) == len(drill.keys)
    for row in rows:
        assert row.state == PostState.POSTED
        expected = ALT_FR if language_of(launched, row.agency).startswith("fr") else ALT_EN
        assert alt_received(launched, row.remote_id) == [expected], row.agency
    assert campaign_alt["en"] != [ALT_EN]  # the originals went out with the campaign's

    # Signed with the update, stored with it and with the photo kept for other machines.
    with Session(launched.engine) as session:
        (stored,) = session.exec(select(CaseUpdate)).all()
        (kept,) = session.exec(select(UpdatePhoto)).all()
    assert json.loads(stored.photo_alt or "") == {"en": ALT_EN, "fr": ALT_FR}
    assert json.loads(stored.statement)["photo_alt"] == {"en": ALT_EN, "fr": ALT_FR}
    assert json.loads(kept.alt_text) == {"en": ALT_EN, "fr": ALT_FR}
    officers = load_officers_beside(drill.agencies_path)
    assert check_update(stored, officers) is None
    stored.photo_alt = json.dumps({"en": "A woman in a red coat.", "fr": ALT_FR})
    assert "was edited" in (check_update(stored, officers) or "")

    # The same command again sends nothing twice; another description is another update.
    again = update(launched, *NOTES, "--photo", str(new_photo(launched)), *ALTS)
    assert again.exit_code == 0 and "already posted by" in again.stdout, again.output
    assert len(launched.rows("update")) == len(drill.keys)


def test_the_dry_run_shows_the_alt_text_per_language_and_sends_nothing(drill: Any) -> None:
    launched = launched_campaign(drill)
    before = len(launched.sandbox_posts())
    photo = new_photo(launched)
    result = update(launched, *NOTES, "--photo", str(photo), *ALTS, "--dry-run")
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    start = lines.index(f"with the new photo {photo}, described for screen readers as:")
    assert lines[start + 1 : start + 4] == [
        f"en: {ALT_EN!r}",
        f"fr: {ALT_FR!r}",
        "the earlier photo posts come down.",
    ]
    data = json.loads(
        update(launched, *NOTES, "--photo", str(photo), *ALTS, "--dry-run", json_output=True).stdout
    )
    assert data["photo_alt"] == {"en": ALT_EN, "fr": ALT_FR}
    assert data["photo_alt_from"] == "update"
    nothing_sent_or_stored(launched, before)


# -- updates signed before alt texts existed ----------------------------------------------


def test_an_update_signed_before_alt_texts_keeps_the_campaigns_and_says_so(
    drill: Any,
) -> None:
    launched = launched_campaign(drill)
    flaky = drill.registry.get(drill.keys[1])
    photo = new_photo(launched)
    drill.server.suspend(flaky.handle)
    # Signed as `update` did before --alt: no alt texts in the row or the statement.
    old = post_update(
        launched.settings,
        launched.path,
        [NOTES[1], NOTES[3]],
        signer=signer(drill.folder),
        photo_path=photo,
        engine=launched.engine,
    )
    assert [o.agency for o in old.failed_posts] == [flaky.key]
    with Session(launched.engine) as session:
        (stored,) = session.exec(select(CaseUpdate)).all()
    assert stored.photo_alt is None and "photo_alt" not in json.loads(stored.statement)
    assert check_update(stored, load_officers_beside(drill.agencies_path)) is None
    drill.server.suspend(flaky.handle, False)

    dry = update(launched, *NOTES, "--photo", str(photo), "--dry-run")
    assert dry.exit_code == 0, dry.output
    shown = " ".join(dry.stdout.split())
    assert (
        f"with the new photo {photo}, described as the campaign's photo_alt (update 1 was "
        "signed before updates carried their own alt text):"
    ) in shown
    # Run again without --alt, it completes the update as it was signed.
    done = update(launched, *NOTES, "--photo", str(photo))
    assert done.exit_code == 0, done.output
    (row,) = [r for r in launched.rows("update") if r.agency == flaky.key]
    (original,) = [r for r in launched.rows("original") if r.agency == flaky.key]
    assert row.state == PostState.POSTED
    assert alt_received(launched, row.remote_id) == alt_received(launched, original.remote_id)
    assert alt_received(launched, row.remote_id) != [None]
    with Session(launched.engine) as session:
        assert len(session.exec(select(CaseUpdate)).all()) == 1


def test_a_database_from_before_alt_texts_upgrades_and_its_updates_still_verify(
    drill: Any, db_url: str
) -> None:
    """Migration 0014 adds `case_update.photo_alt` to a database holding a signed update:
    the update keeps verifying, with no alt text of its own, and the next one has its own."""
    import sqlalchemy
    from alembic import command
    from alembic.config import Config

    from broadcaster.storage.db import MIGRATIONS, migrate

    launched = launched_campaign(drill, db_url=db_url)
    assert post_update(
        launched.settings,
        launched.path,
        [NOTES[1], NOTES[3]],
        signer=signer(drill.folder),
        photo_path=new_photo(launched),
        engine=launched.engine,
    ).complete
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with launched.engine.begin() as connection:  # the database as 0013 left it
        config.attributes["connection"] = connection
        command.downgrade(config, "0013")
    columns = {c["name"] for c in sqlalchemy.inspect(launched.engine).get_columns("case_update")}
    assert "photo_alt" not in columns and "statement" in columns

    migrate(launched.engine)
    with Session(launched.engine) as session:
        (old,) = session.exec(select(CaseUpdate)).all()
    assert old.photo_alt is None
    assert check_update(old, load_officers_beside(drill.agencies_path)) is None

    result = update(launched, "--note", "Reward offered.", "--note", "fr:Récompense.")
    assert result.exit_code == 0, result.output
    result = update(launched, *NOTES, "--photo", str(new_photo(launched, seed=9)), *ALTS)
    assert result.exit_code == 0, result.output
    with Session(launched.engine) as session:
        numbers = {u.number: u.photo_alt for u in session.exec(select(CaseUpdate)).all()}
    assert numbers[1] is None and numbers[2] is None
    assert json.loads(numbers[3] or "") == {"en": ALT_EN, "fr": ALT_FR}
