"""Tracking after a mid-case update: once a new photo has taken the originals down, the
public's replies in each thread are still collected, each once, and never our own posts."""

from __future__ import annotations

from typing import Any

from fixtures_mastodon import adapter, api, mastodon_drill  # noqa: F401 - the fixture
from lifecycle_helpers import Launched, launched_campaign
from officer_helpers import signer
from sqlmodel import Session, select

from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.campaign.updates import post_update
from broadcaster.platforms import platform_for
from broadcaster.responses.tracking import track
from broadcaster.states import PostState
from broadcaster.storage.models import Post, Reply

EN = "Seen this morning near Union Station, wearing a red jacket."
FR = "fr:Vu ce matin près de la gare Union, portant une veste rouge."


def update_with_photo(launched: Launched, seed: int = 3, *notes: str) -> Any:
    photo = launched.drill.folder / f"new-photo-{seed}.jpg"
    photo.write_bytes(photo_jpeg(seed=seed))
    report = post_update(
        launched.settings,
        launched.path,
        list(notes or (EN, FR)),
        signer=signer(launched.drill.folder),
        photo_path=photo,
        engine=launched.engine,
    )
    assert report.complete, report.as_dict()
    return report


def stored(launched: Launched) -> list[Reply]:
    with Session(launched.engine) as session:
        return list(session.exec(select(Reply).order_by(Reply.id)).all())  # type: ignore[arg-type]


def run_track(launched: Launched) -> Any:
    report = track(launched.settings, launched.campaign_id, engine=launched.engine)
    assert report.failure() is None, report.summary()
    return report


def test_a_reply_under_the_photo_update_is_stored_after_the_originals_came_down(
    drill: Any,
) -> None:
    launched = launched_campaign(drill)
    lead = drill.keys[0]
    original = next(r for r in launched.rows("original") if r.agency == lead)
    drill.server.add_reply(original.remote_id or "", "@early", "Saw him at the station")
    assert run_track(launched).new_replies == 1

    update_with_photo(launched)
    assert launched.rows("original")[0].state == PostState.DELETED
    mine = next(r for r in launched.rows("update") if r.agency == lead)
    drill.server.add_reply(mine.remote_id or "", "@witness", "He is at King and Bay now")
    report = run_track(launched)

    assert report.new_replies == 1, report.summary()
    replies = stored(launched)
    assert [r.text for r in replies] == ["Saw him at the station", "He is at King and Bay now"]
    late = replies[-1]
    assert late.post_id == mine.id  # the agency whose thread it is gets the tip
    assert late.in_reply_to == mine.remote_id
    ours = {r.remote_id for r in launched.rows()}
    assert not {r.remote_id for r in replies} & ours  # never our own update as a reply

    # A public reply to a public reply is in the same thread, and found too; nothing twice.
    drill.server.add_reply(late.remote_id, "@another", "I can confirm, red jacket")
    assert run_track(launched).new_replies == 1
    assert run_track(launched).new_replies == 0
    assert [r.text for r in stored(launched)][-1] == "I can confirm, red jacket"
    assert len(stored(launched)) == 3


def test_each_thread_is_read_once_a_run_and_by_its_own_agency(drill: Any) -> None:
    launched = launched_campaign(drill)
    update_with_photo(launched)
    # A second update (no photo) answers the first: two live posts in one thread.
    later = post_update(
        launched.settings,
        launched.path,
        ["Reward offered.", "fr:Récompense offerte."],
        signer=signer(drill.folder),
        engine=launched.engine,
    )
    assert later.complete
    for row in launched.rows("update"):
        if row.occurrence == "update-2":
            drill.server.add_reply(row.remote_id or "", "@tipster", f"tip for {row.agency}")
    report = run_track(launched)
    assert report.new_replies == len(drill.keys), report.summary()
    read = [p for p in report.posts if p.pages]
    assert sorted(p.agency for p in read) == sorted(drill.keys)  # one read per thread
    with Session(launched.engine) as session:
        posts = {p.id: p for p in session.exec(select(Post)).all()}
    for reply in stored(launched):
        assert reply.post_id is not None
        assert reply.text == f"tip for {posts[reply.post_id].agency}"


def test_the_drill_server_threads_replies_as_x_does(drill: Any) -> None:
    launched = launched_campaign(drill)
    update_with_photo(launched)
    original = launched.rows("original")[0]
    mine = next(r for r in launched.rows("update") if r.agency == original.agency)
    first = drill.server.add_reply(mine.remote_id or "", "@one", "first")
    second = drill.server.add_reply(first["id"], "@two", "second")
    # A reply's conversation is its thread's first post, whoever it answers ...
    assert first["conversation_id"] == second["conversation_id"] == original.remote_id
    # ... and searching a deleted first post's conversation still finds the live replies.
    agency = drill.registry.get(original.agency).for_account(original.account)
    platform = platform_for(agency, launched.settings)
    try:
        page = platform.replies(original.remote_id or "")
    finally:
        platform.close()
    found = {r.remote_id: r for r in page.replies}
    assert {first["id"], second["id"], mine.remote_id} <= set(found)
    assert found[second["id"]].in_reply_to == first["id"]
    # By the update's own id there is nothing: it does not start a conversation.
    platform = platform_for(agency, launched.settings)
    try:
        assert platform.replies(mine.remote_id or "").replies == []
    finally:
        platform.close()


def _row(id: int, agency: str, platform: str, remote_id: str, **fields: Any) -> Any:
    from types import SimpleNamespace

    values = {"account": "", "kind": "original", "state": PostState.POSTED, "deleted_at": None}
    values["in_reply_to"] = None
    values.update(fields)
    return SimpleNamespace(id=id, agency=agency, platform=platform, remote_id=remote_id, **values)


def test_which_post_reads_which_thread() -> None:
    from datetime import UTC, datetime

    from broadcaster.responses.tracking import thread_reads

    down = {"state": PostState.DELETED, "deleted_at": datetime(2026, 1, 1, tzinfo=UTC)}
    posts = [
        # X, lead's thread still up: its original reads it, the update in it reads nothing.
        _row(1, "tps", "x", "100"),
        _row(2, "tps", "x", "101", kind="update", in_reply_to="100"),
        # X, a thread whose original a new photo took down: another agency's update (it had
        # reposted) answers it too; the owner's own update reads the thread, by the root's id.
        _row(3, "opp", "x", "200", **down),
        _row(4, "yrp", "x", "202", kind="update", in_reply_to="200"),
        _row(5, "opp", "x", "201", kind="update", in_reply_to="200"),
        _row(6, "opp", "x", "203", kind="update", in_reply_to="201"),
        _row(7, "yrp", "x", "204", kind="repost", state=PostState.POSTED),
        # Mastodon reads each post's own replies: nothing to say.
        _row(8, "rcmp", "mastodon", "300", **down),
        _row(9, "rcmp", "mastodon", "301", kind="update", in_reply_to="300"),
    ]
    assert thread_reads(posts) == {1: "100", 2: None, 5: "200", 4: None, 6: None}
    # Once the owner's updates are down too, the other agency's update reads the thread.
    posts[4] = _row(5, "opp", "x", "201", kind="update", in_reply_to="200", **down)
    posts[5] = _row(6, "opp", "x", "203", kind="update", in_reply_to="201", **down)
    assert thread_reads(posts) == {1: "100", 2: None, 4: "200"}


def test_on_mastodon_an_update_reads_its_own_replies_once_the_original_is_down(
    mastodon_drill: Any,  # noqa: F811
) -> None:
    tps = adapter(mastodon_drill, "tps")
    assert not tps.capabilities.replies_by_root  # so tracking reads each post's own context
    original = tps.post("Have you seen this man?")
    update = tps.post("UPDATE 1: a new photo", in_reply_to=original.remote_id)
    api(
        mastodon_drill,
        "POST",
        "/api/v1/statuses",
        data={"status": "He is on Queen St", "in_reply_to_id": update.remote_id},
    )
    tps.delete(original.remote_id)
    page = tps.replies(update.remote_id)
    assert [r.text for r in page.replies] == ["He is on Queen St"]
