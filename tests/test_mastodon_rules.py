"""Mastodon's length rule, handle format, credentials, and the bounded wait for a photo."""

from __future__ import annotations

from typing import Any

import pytest

from broadcaster.errors import ServerError
from broadcaster.platforms.mastodon import MastodonPlatform, plain_text, text_length


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("plain", 5),
        ("é café", 6),  # code points, not bytes
        ("👍🏽", 2),  # code points: never more than Mastodon's grapheme count misses
        ("see https://www.tps.ca/wanted/2026-0412/a-very-long-path?x=1", 4 + 23),
        ("http://a.co", 23),  # short links count 23 too
        ("two https://example.com/a and https://example.com/b", 4 + 23 + 5 + 23),
        ("www.example.com has no scheme", len("www.example.com has no scheme")),
        ("@tps@police.example please share", len("@tps please share")),
        ("cc @rcmp", len("cc @rcmp")),
        ("mail tips@tps.ca", len("mail tips@tps.ca")),  # an address is no mention
        ("@spvm@police.example @tps@a.example", len("@spvm @tps")),
    ],
)
def test_length_counts_links_as_23_and_remote_mentions_as_their_user(
    text: str, length: int
) -> None:
    assert text_length(text) == length
    assert MastodonPlatform.text_length(text) == length


def test_registration_facts() -> None:
    assert MastodonPlatform.name == "mastodon"
    assert MastodonPlatform.max_length == 500
    assert MastodonPlatform.credential_names("TPS") == ["TPS_MASTODON_ACCESS_TOKEN"]
    assert MastodonPlatform.service_env == "BROADCASTER_MASTODON_URL"
    assert MastodonPlatform.handle_pattern.match("@tps@police.example")
    assert MastodonPlatform.handle_pattern.match("@toronto.police@mastodon.social")
    for bad in ("@TorontoPolice", "tps@police.example", "@tps@", "@tps@localhost"):
        assert not MastodonPlatform.handle_pattern.match(bad), bad


def test_html_becomes_plain_text() -> None:
    html = '<p>Seen at <a href="https://x.test">King &amp; Queen</a></p><p>9 pm<br>today</p>'
    assert plain_text(html) == "Seen at King & Queen\n\n9 pm\ntoday"


class _Processing:
    """Mastodon.py's client as an instance that takes `ready_after` polls to process."""

    def __init__(self, ready_after: int) -> None:
        self.polls = 0
        self.ready_after = ready_after

    def media_post(self, data: bytes, **kw: Any) -> dict[str, Any]:
        return {"id": "77", "url": None}

    def media(self, media_id: str) -> dict[str, Any]:
        self.polls += 1
        ready = self.polls >= self.ready_after
        return {"id": media_id, "url": "https://x/77.png" if ready else None}


def _adapter(client: Any, now: list[float]) -> MastodonPlatform:
    platform = MastodonPlatform(
        agency_key="tps",
        handle="@tps@police.example",
        base_url="https://police.example",
        access_token="t",
        credentials_prefix="TPS",
        media_wait=3.0,
        sleep=lambda seconds: now.__setitem__(0, now[0] + seconds),
        clock=lambda: now[0],
    )
    platform.client = client
    return platform


def test_upload_waits_for_processing() -> None:
    client, now = _Processing(ready_after=3), [0.0]
    assert _adapter(client, now).upload_media(b"x", "image/png", "alt") == "77"
    assert client.polls == 3
    assert now[0] == pytest.approx(1.5)


def test_upload_wait_is_bounded() -> None:
    client, now = _Processing(ready_after=1000), [0.0]
    with pytest.raises(ServerError, match="still processing the photo after 3 s"):
        _adapter(client, now).upload_media(b"x", "image/png", "alt")
    assert client.polls <= 7
