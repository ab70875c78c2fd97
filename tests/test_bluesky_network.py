"""The Bluesky adapter against the real network (reference PDS and AppView on loopback)."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from atproto import models
from fixtures_bluesky import eventually
from PIL import Image

from broadcaster.errors import AccountSuspended, CredentialsInvalid
from broadcaster.platforms.bluesky import POST_COLLECTION, BlueskyPlatform, parse_ref, record_key
from broadcaster.sandbox.bluesky import BlueskyNetwork

Make = Callable[..., BlueskyPlatform]


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def _record(platform: BlueskyPlatform, ref: str) -> models.ComAtprotoRepoGetRecord.Response:
    strong = parse_ref(ref)
    return platform.client.com.atproto.repo.get_record(
        models.ComAtprotoRepoGetRecord.Params(
            repo=strong.repo, collection=POST_COLLECTION, rkey=strong.rkey
        )
    )


def _own_records(platform: BlueskyPlatform) -> list[str]:
    listed = platform.client.com.atproto.repo.list_records(
        models.ComAtprotoRepoListRecords.Params(
            repo=platform.verify().id, collection=POST_COLLECTION, limit=100
        )
    )
    return [record.uri for record in listed.records]


def test_a_post_with_a_photo_carries_its_alt_text_aspect_ratio_and_clickable_facets(
    bluesky_account: Make,
) -> None:
    police = bluesky_account()
    witness = bluesky_account()
    media = police.upload_media(_png(120, 80), "image/png", "Suspect in a grey hoodie, 2nd Ave")
    text = f"Café appeal 🚨 #Wanted: call @{witness.handle} or see https://tips.example.org/42"
    published = police.post(text, [media])

    assert published.text == text
    assert published.remote_id.startswith(f"at://{police.verify().id}/{POST_COLLECTION}/")
    value = _record(police, published.remote_id).value
    image = value.embed.images[0]
    assert image.alt == "Suspect in a grey hoodie, 2nd Ave"
    assert (image.aspect_ratio.width, image.aspect_ratio.height) == (120, 80)
    encoded = text.encode("utf-8")
    seen = {
        encoded[f.index.byte_start : f.index.byte_end].decode(): f.features[0].py_type
        for f in value.facets
    }
    assert seen == {
        "#Wanted": "app.bsky.richtext.facet#tag",
        f"@{witness.handle}": "app.bsky.richtext.facet#mention",
        "https://tips.example.org/42": "app.bsky.richtext.facet#link",
    }
    # The AppView serves the post with its image to readers.
    view = eventually(
        lambda: police.client.get_posts([parse_ref(published.remote_id).uri]).posts, "the post"
    )
    assert view[0].embed.images[0].alt == "Suspect in a grey hoodie, 2nd Ave"


def test_a_reply_is_read_back_from_the_thread_with_its_author_and_parent(
    bluesky_account: Make,
) -> None:
    police = bluesky_account()
    public = bluesky_account()
    appeal = police.post("Have you seen this man? Reply or call 555-0100.")
    tip = public.post("I saw him at the station at 9", in_reply_to=appeal.remote_id)
    nested = police.post("Thank you, an officer will call.", in_reply_to=tip.remote_id)

    # A reply to a reply keeps the appeal as its thread's root.
    reply = _record(police, nested.remote_id).value.reply
    assert reply.root.uri == parse_ref(appeal.remote_id).uri
    assert reply.parent.uri == parse_ref(tip.remote_id).uri

    page = eventually(
        lambda: (p := police.replies(appeal.remote_id)) and len(p.replies) == 2 and p,
        "two replies in the thread",
    )
    first, second = page.replies
    assert first.remote_id == tip.remote_id
    assert first.text == "I saw him at the station at 9"
    assert first.author_handle == f"@{public.handle}"
    assert first.in_reply_to == appeal.remote_id
    assert second.in_reply_to == tip.remote_id
    assert page.newest_id == nested.remote_id
    # Asking again from the newest reply seen gives nothing new.
    assert police.replies(appeal.remote_id, since_id=page.newest_id).replies == []


def test_counts_move_after_a_like_and_a_repost(bluesky_account: Make) -> None:
    police = bluesky_account()
    partner = bluesky_account()
    appeal = police.post("Missing: Ana, 14, last seen Tuesday.")
    strong = parse_ref(appeal.remote_id)
    partner.client.app.bsky.feed.like.create(
        partner.verify().id,
        models.AppBskyFeedLike.Record(subject=strong.model(), created_at="2026-12-01T00:00:00Z"),
    )
    partner.repost(appeal.remote_id)

    metrics = eventually(
        lambda: (
            (m := police.metrics([appeal.remote_id]).get(appeal.remote_id))
            and m.likes == 1
            and m.reposts == 1
            and m
        ),
        "a like and a repost counted",
    )
    assert (metrics.likes, metrics.reposts, metrics.replies, metrics.quotes) == (1, 1, 0, 0)


def test_a_quote_embeds_the_strong_ref(bluesky_account: Make) -> None:
    lead = bluesky_account()
    partner = bluesky_account()
    appeal = lead.post("Wanted for robbery.")
    quote = partner.post("Please share: our partner's appeal.", quote_of=appeal.remote_id)
    embedded = _record(partner, quote.remote_id).value.embed.record
    assert (embedded.uri, embedded.cid) == tuple(parse_ref(appeal.remote_id).__dict__.values())


def test_delete_removes_the_post_and_a_second_delete_is_no_error(bluesky_account: Make) -> None:
    police = bluesky_account()
    published = police.post("Resolved: found safe.")
    police.delete(published.remote_id)
    police.delete(published.remote_id)
    assert parse_ref(published.remote_id).uri not in _own_records(police)


def test_recent_posts_lists_own_posts_newest_first(bluesky_account: Make) -> None:
    police = bluesky_account()
    older = police.post("First update.")
    newer = police.post("Second update.")
    posts = eventually(
        lambda: (p := police.recent_posts()) and len(p) == 2 and p, "both posts in the feed"
    )
    assert [p.remote_id for p in posts] == [newer.remote_id, older.remote_id]


def test_the_same_idempotency_key_twice_leaves_one_post(bluesky_account: Make) -> None:
    # A worker killed between the request and the journal's commit posts again on restart,
    # with the journal's key: the PDS refuses a second record under that key.
    police = bluesky_account()
    first = police.post("Wanted: call 555-0100.", idempotency_key="campaign-7/post-3")
    again = police.post("Wanted: call 555-0100.", idempotency_key="campaign-7/post-3")
    assert again.remote_id == first.remote_id
    assert parse_ref(first.remote_id).rkey == record_key("campaign-7/post-3")
    assert _own_records(police) == [parse_ref(first.remote_id).uri]
    found = police.find_post("campaign-7/post-3")
    assert found is not None and found.remote_id == first.remote_id
    assert police.find_post("campaign-7/post-4") is None


def test_a_suspended_account_answers_account_suspended(
    bluesky_account: Make, bluesky_network: BlueskyNetwork
) -> None:
    police = bluesky_account()
    police.verify()
    bluesky_network.suspend(police.handle)
    with pytest.raises(AccountSuspended, match="suspended on the Bluesky drill network"):
        police.post("Anyone there?")
    fresh = BlueskyPlatform(police.handle, police._password, service=bluesky_network.url)
    with pytest.raises(AccountSuspended):
        fresh.verify()


def test_a_wrong_password_names_the_variable_and_never_the_value(
    bluesky_account: Make, bluesky_network: BlueskyNetwork
) -> None:
    police = bluesky_account()
    wrong = BlueskyPlatform(
        police.handle,
        "not-the-password",
        service=bluesky_network.url,
        credential_variable="TPS_BLUESKY_APP_PASSWORD",
    )
    with pytest.raises(CredentialsInvalid) as caught:
        wrong.verify()
    assert "TPS_BLUESKY_APP_PASSWORD" in str(caught.value)
    assert "not-the-password" not in str(caught.value)


def test_the_main_password_is_refused_on_a_real_service(
    bluesky_account: Make, bluesky_network: BlueskyNetwork
) -> None:
    # Drill accounts only have a main password; on a real service the session's scope
    # must be an app password's.
    police = bluesky_account()
    strict = BlueskyPlatform(police.handle, police._password, service=bluesky_network.url)
    strict.drill = False
    with pytest.raises(CredentialsInvalid, match="main password; create an app password"):
        strict.verify()
