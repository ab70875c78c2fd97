"""update: a mid-case update, signed by an approver, posted as a reply under each original,
in each agency's language, exactly once."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from lifecycle_helpers import Launched, launched_campaign, prepare_and_approve
from officer_helpers import signer
from sqlalchemy import update as sql_update
from sqlmodel import Session, col, select
from test_accounts import two_accounts  # noqa: F401 - the fixture

from broadcaster.authoring.officers import load_officers_beside
from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.campaign.lifecycle import resolve
from broadcaster.campaign.updates import NotLaunched, case_updates, check_update, post_update
from broadcaster.errors import CampaignClosed, InvalidInput, RoleMissing, UsageInvalid
from broadcaster.states import PostState
from broadcaster.storage.audit import verify
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import AuditEntry, CaseUpdate, Post

EN = "Seen this morning near Union Station, wearing a red jacket."
FR = "fr:Vu ce matin près de la gare Union, portant une veste rouge."


def update(launched: Launched, *notes: str, **options: Any) -> Any:
    options.setdefault("signer", signer(launched.drill.folder))
    return post_update(
        launched.settings, launched.path, list(notes or (EN, FR)), engine=launched.engine, **options
    )


def by_id(launched: Launched) -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in launched.sandbox_posts()}


def test_each_account_replies_under_its_original_in_its_language(drill: Any) -> None:
    launched = launched_campaign(drill)
    report = update(launched)
    assert report.complete, report.as_dict()
    assert report.number == 1 and report.officer == "lee"

    originals = {r.agency: r for r in launched.rows("original")}
    rows = launched.rows("update")
    assert Counter(r.agency for r in rows) == {k: 1 for k in drill.keys}
    remote = by_id(launched)
    for row in rows:
        assert row.occurrence == "update-1" and row.state == PostState.POSTED
        original = originals[row.agency]
        # The journal stores what it answers, and the platform threads it so.
        assert row.in_reply_to == original.remote_id
        posted = remote[row.remote_id or ""]
        assert posted["in_reply_to"] == original.remote_id
        assert posted["author"] == drill.registry.get(row.agency).handle
        language = drill.registry.get(row.agency).language
        if language.startswith("fr"):
            assert "MISE À JOUR 1" in posted["text"] and "veste rouge" in posted["text"]
        else:
            assert "UPDATE 1" in posted["text"] and "red jacket" in posted["text"]
        assert drill.registry.get(row.agency).tip_line in posted["text"]
        assert posted["media_ids"] == []  # no new photo: nothing attached
    assert all(not p["deleted"] for p in remote.values())


def test_a_missing_language_is_exit_2_naming_it_and_nothing_is_sent(drill: Any) -> None:
    launched = launched_campaign(drill)
    before = len(launched.sandbox_posts())
    with pytest.raises(UsageInvalid, match=r"--note fr:TEXT is missing: agenc.* in fr"):
        update(launched, EN)
    with pytest.raises(UsageInvalid, match="de is not a language of campaign"):
        update(launched, EN, FR, "de:Gesehen")
    with pytest.raises(UsageInvalid, match="two notes for en"):
        update(launched, EN, "Another", FR)
    with pytest.raises(UsageInvalid, match="--note TEXT is empty"):
        update(launched, "  \x1b[2J ", FR)
    assert len(launched.sandbox_posts()) == before
    with Session(launched.engine) as session:
        assert session.exec(select(CaseUpdate)).all() == []


def test_only_an_approver_may_sign_an_update(drill: Any) -> None:
    launched = launched_campaign(drill)
    officers_file = drill.folder / "officers.toml"
    # lee loses the approver role: her key still names her, but she may not sign.
    text = officers_file.read_text(encoding="utf-8")
    officers_file.write_text(
        text.replace('roles = ["approver", "launcher"]', 'roles = ["launcher"]', 1),
        encoding="utf-8",
    )
    from broadcaster.authoring.officers import signer_for

    officers = load_officers_beside(drill.agencies_path)
    launcher = signer_for(officers, drill.folder / "keys" / "lee", None)
    assert not launcher.officer.has("approver")
    with pytest.raises(RoleMissing, match="'approver' role"):
        update(launched, signer=launcher)
    assert launched.rows("update") == []


def test_rerunning_the_same_update_sends_nothing_twice(drill: Any) -> None:
    launched = launched_campaign(drill)
    flaky = drill.registry.get(drill.keys[1])
    drill.server.suspend(flaky.handle)
    first = update(launched)
    assert not first.complete
    assert [o.agency for o in first.failed_posts] == [flaky.key]

    drill.server.suspend(flaky.handle, False)
    again = update(launched, signer=signer(drill.folder, "roy"))
    assert again.complete and again.again and again.number == 1
    assert again.officer == "lee"  # the update is lee's; roy completed it
    rows = launched.rows("update")
    assert Counter(r.agency for r in rows) == {k: 1 for k in drill.keys}
    replies = [p for p in launched.sandbox_posts() if p["in_reply_to"]]
    assert Counter(p["author"] for p in replies) == {
        drill.registry.get(k).handle: 1 for k in drill.keys
    }
    third = update(launched)
    assert third.complete and third.number == 1
    assert len([p for p in launched.sandbox_posts() if p["in_reply_to"]]) == len(drill.keys)

    # Other words are another update, numbered on.
    second = update(launched, "Reward of $5,000 offered.", "fr:Récompense de 5 000 $.")
    assert second.number == 2 and second.complete
    assert {r.occurrence for r in launched.rows("update")} == {"update-1", "update-2"}
    originals = {r.agency: r.remote_id for r in launched.rows("original")}
    assert all(
        r.in_reply_to == originals[r.agency]
        for r in launched.rows("update")
        if r.occurrence == "update-2"
    )


def test_a_crash_mid_update_then_a_rerun_posts_each_once(drill: Any) -> None:
    launched = launched_campaign(drill)
    update(launched)
    rows = launched.rows("update")
    # As a crash leaves it: two requests went out and their answers were never committed
    # (rows `sending`, no id), the rest never left (planned, not attempted); the platform
    # holds only the two posts that went out.
    kept = {r.agency: r.remote_id for r in rows[:2]}
    store = drill.server.store
    for row in rows[2:]:  # these never reached the platform
        store.delete_post(store.posts[int(row.remote_id or 0)])
    ids = [r.id for r in rows]
    with session_scope(launched.engine) as session:  # a bulk write, as a crash leaves rows
        reset = {"remote_id": None, "url": None, "posted_at": None}
        session.connection().execute(
            sql_update(Post)
            .where(col(Post.id).in_(ids[:2]))
            .values(state=PostState.SENDING, attempts=1, **reset)
        )
        session.connection().execute(
            sql_update(Post)
            .where(col(Post.id).in_(ids[2:]))
            .values(state=PostState.PLANNED, attempts=0, sent_at=None, **reset)
        )

    again = update(launched)
    assert again.complete, again.as_dict()
    replies = [p for p in launched.sandbox_posts() if p["in_reply_to"] and not p["deleted"]]
    assert Counter(p["author"] for p in replies) == {
        drill.registry.get(k).handle: 1 for k in drill.keys
    }
    after = launched.rows("update")
    assert all(r.state == PostState.POSTED and r.remote_id for r in after)
    # The two that went out were found on their accounts, not sent again.
    assert {r.agency: r.remote_id for r in after if r.agency in kept} == kept
    assert len([p for p in launched.sandbox_posts() if p["in_reply_to"]]) == len(rows) + 3


def test_a_new_photo_is_posted_and_the_old_photo_posts_come_down(drill: Any) -> None:
    launched = launched_campaign(drill)
    photo = drill.folder / "new-photo.jpg"
    photo.write_bytes(photo_jpeg(seed=7))
    report = update(launched, photo_path=photo)
    assert report.complete, report.as_dict()
    assert report.photo is not None
    remote = by_id(launched)
    for row in launched.rows("update"):
        assert remote[row.remote_id or ""]["media_ids"], "the new photo goes with the update"
    originals = launched.rows("original")
    assert all(r.state == PostState.DELETED for r in originals)
    assert all(remote[r.remote_id or ""]["deleted"] for r in originals)
    assert sorted(t.agency for t in report.taken_down) == sorted(drill.keys)

    # The next update answers the post that now carries the photo.
    later = update(launched, "Reward offered.", "fr:Récompense offerte.")
    assert later.complete
    first = {r.agency: r.remote_id for r in launched.rows("update") if r.occurrence == "update-1"}
    for row in launched.rows("update"):
        if row.occurrence == "update-2":
            assert row.in_reply_to == first[row.agency]

    # Resolving the case takes the new photo down too.
    resolve(launched.settings, launched.path, "arrested", operator="lee", engine=launched.engine)
    remote = by_id(launched)
    assert all(
        remote[r.remote_id or ""]["deleted"]
        for r in launched.rows("update")
        if r.occurrence == "update-1"
    )


def test_the_audit_names_the_officer_and_the_signature_verifies(drill: Any) -> None:
    launched = launched_campaign(drill)
    update(launched, signer=signer(drill.folder, "roy"))
    with Session(launched.engine) as session:
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.action == "update").order_by(col(AuditEntry.seq))
        ).all()
        (row,) = session.exec(select(CaseUpdate)).all()
        posts = session.exec(
            select(AuditEntry).where(AuditEntry.action == "post", AuditEntry.operator == "roy")
        ).all()
    (entry,) = entries
    detail = json.loads(entry.detail)
    assert entry.operator == "roy" and detail["officer"] == "roy" and detail["update"] == 1
    assert detail["languages"] == ["en", "fr"]
    assert len(posts) == len(drill.keys)  # every reply is audited under roy
    officers = load_officers_beside(drill.agencies_path)
    assert check_update(row, officers) is None
    statement = json.loads(row.statement)
    assert statement["officer"] == "roy" and statement["notes"]["en"] == EN
    # An edited note no longer matches what roy signed.
    row.notes = json.dumps({"en": "Something else", "fr": FR[3:]})
    assert "was edited" in (check_update(row, officers) or "")
    assert verify(launched.engine).ok
    (summary,) = case_updates(launched.engine, launched.campaign_id)
    assert summary.officer == "roy" and len(summary.posts) == len(drill.keys)


def test_refused_on_a_campaign_never_launched_or_closed(drill: Any) -> None:
    ready = prepare_and_approve(drill)
    with pytest.raises(NotLaunched, match="never launched"):
        update(ready)
    launched = launched_campaign(drill, campaign_id="drill-2026-0002")
    resolve(launched.settings, launched.path, "withdrawn", operator="lee", engine=launched.engine)
    with pytest.raises(CampaignClosed, match="was resolved"):
        update(launched)


def test_dry_run_shows_each_reply_and_sends_nothing(drill: Any) -> None:
    launched = launched_campaign(drill)
    before = len(launched.sandbox_posts())
    report = update(launched, dry_run=True, signer=None)
    assert report.dry_run and len(report.planned) == len(drill.keys)
    originals = {r.agency: r.remote_id for r in launched.rows("original")}
    assert all(p["in_reply_to"] == originals[p["agency"]] for p in report.planned)
    assert len(launched.sandbox_posts()) == before
    assert launched.rows("update") == []


def test_the_photo_file_must_be_usable(drill: Any, tmp_path: Path) -> None:
    launched = launched_campaign(drill)
    bad = tmp_path / "not-a-photo.jpg"
    bad.write_text("hello", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"not-a-photo\.jpg"):
        update(launched, photo_path=bad)
    assert launched.rows("update") == []


def test_every_account_of_an_agency_replies_under_its_own_original(
    two_accounts: Any,  # noqa: F811 - the fixture imported above
) -> None:
    from fixtures_launch import approved_campaign

    from broadcaster.launch.run import launch
    from broadcaster.storage.db import open_db

    drill = two_accounts
    path = approved_campaign(
        drill, "drill-2026-0001", extra_toml='identical_content = "public-safety"\n'
    )
    engine = open_db(drill.settings.db_url)
    report = launch(drill.settings, path, operator="test", engine=engine)
    launched = Launched(drill, drill.settings, path, "drill-2026-0001", engine, report)
    report = update(launched, EN, FR)
    assert report.complete, report.as_dict()
    originals = {(r.agency, r.account): r.remote_id for r in launched.rows("original")}
    rows = launched.rows("update")
    assert len(rows) == len(originals) == 4  # the lead's two accounts and two agencies
    assert {(r.agency, r.account): r.in_reply_to for r in rows} == originals
    remote = by_id(launched)
    assert sorted(remote[r.remote_id or ""]["author"] for r in rows) == sorted(
        {r.handle for r in launched.rows("original")}
    )


def test_in_amplify_mode_quotes_reply_under_their_quote(drill: Any) -> None:
    launched = launched_campaign(drill, mode="amplify")
    report = update(launched)
    assert report.complete, report.as_dict()
    launch_rows = {r.agency: r for r in launched.rows("original", "quote", "repost")}
    for row in launched.rows("update"):
        source = launch_rows[row.agency]
        expected = source.remote_id if source.kind != "repost" else source.quote_of
        assert row.in_reply_to == expected
        assert by_id(launched)[row.remote_id or ""]["in_reply_to"] == expected


def test_resumable_on_every_engine(drill: Any, db_url: str) -> None:
    launched = launched_campaign(drill, db_url=db_url)
    flaky = drill.registry.get(drill.keys[0])
    drill.server.suspend(flaky.handle)
    assert [o.agency for o in update(launched).failed_posts] == [flaky.key]
    drill.server.suspend(flaky.handle, False)
    assert update(launched).complete
    rows = launched.rows("update")
    assert Counter(r.agency for r in rows) == {k: 1 for k in drill.keys}
    assert len([p for p in launched.sandbox_posts() if p["in_reply_to"]]) == len(drill.keys)


def test_tracking_never_takes_our_own_updates_for_replies_from_the_public(drill: Any) -> None:
    from broadcaster.responses.tracking import track
    from broadcaster.storage.models import Reply

    launched = launched_campaign(drill)
    assert update(launched).complete
    original = launched.rows("original")[0]
    drill.server.add_reply(original.remote_id or "", "@someone", "I saw him at the station")
    track(launched.settings, launched.campaign_id, engine=launched.engine)
    ours = {r.remote_id for r in launched.rows()}
    with Session(launched.engine) as session:
        stored = session.exec(select(Reply)).all()
    assert [r.text for r in stored] == ["I saw him at the station"]
    assert not {r.remote_id for r in stored} & ours


def test_an_agency_that_never_posted_the_alert_posts_no_update(drill: Any) -> None:
    suspended = drill.registry.get(drill.keys[3])
    drill.server.suspend(suspended.handle)
    launched = launched_campaign(drill)
    drill.server.suspend(suspended.handle, False)
    report = update(launched)
    assert report.complete and report.not_posted == [suspended.key]
    assert sorted(r.agency for r in launched.rows("update")) == sorted(
        k for k in drill.keys if k != suspended.key
    )
