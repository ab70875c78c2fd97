"""The Mastodon drill server itself: what it stamps, what it refuses, how it pages, and the
controls tests and drills use (a public reply, a suspension, a fault)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import requests
from fixtures_mastodon import CITIZEN_TOKEN, DOMAIN, TOKENS, adapter, api, drill_accounts

from broadcaster.errors import AccountSuspended, Rejected
from broadcaster.sandbox.mastodon import MastodonDrill

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def drill() -> Iterator[MastodonDrill]:
    with MastodonDrill(drill_accounts(), port=0, suspended=[f"@spvm@{DOMAIN}"]) as server:
        yield server


def _raw(drill: MastodonDrill, method: str, path: str, token: str | None, **kw: Any) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.request(method, drill.url + path, headers=headers, timeout=10, **kw)


def _epoch(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def test_a_status_is_stamped_with_its_arrival_not_its_answer() -> None:
    # With 300 ms of latency the answer leaves 300 ms after the request arrived, and the
    # status says when it arrived: created_at sits between the send and the answer - 300 ms.
    with MastodonDrill(drill_accounts()[:1], port=0, latency=0.3) as slow:
        tps = adapter(slow, "tps")
        tps.warm()
        sent = time.time()
        published = tps.post("Stamped on arrival")
        answered = time.time()
    assert published.created_at is not None
    created = published.created_at.timestamp()
    assert sent - 0.002 <= created <= answered - 0.3 + 0.002


def test_statuses_look_like_mastodons(drill: MastodonDrill) -> None:
    tps = adapter(drill, "tps")
    published = tps.post(
        "Line one\nline two\n\nSee https://police.example/appeals/2026/a-long-path #Wanted"
    )
    status = api(drill, "GET", f"/api/v1/statuses/{published.remote_id}")
    assert status["id"] == published.remote_id and status["id"].isdigit()
    assert status["created_at"].endswith("Z") and len(status["created_at"]) == 24
    assert status["url"] == f"https://{DOMAIN}/@tps/{status['id']}"
    assert status["uri"] == f"https://{DOMAIN}/users/tps/statuses/{status['id']}"
    assert (
        status["account"]["acct"] == "tps" and status["account"]["url"] == f"https://{DOMAIN}/@tps"
    )
    assert status["content"].startswith("<p>Line one<br />line two</p><p>See <a href=")
    assert status["tags"] == [{"name": "wanted", "url": f"https://{DOMAIN}/tags/wanted"}]
    # The adapter reads the text back as it was written.
    assert published.text.endswith("https://police.example/appeals/2026/a-long-path #Wanted")


def test_a_link_counts_23_and_the_limit_is_the_instances() -> None:
    with MastodonDrill(drill_accounts()[:1], port=0, max_characters=40) as small:
        tps = adapter(small, "tps")
        assert tps.post("x" * 16 + " https://police.example/" + "y" * 80).remote_id
        with pytest.raises(Rejected, match="character limit of 40 exceeded"):
            tps.post("x" * 41)


def test_one_key_sent_from_ten_threads_at_once_makes_one_status(drill: MastodonDrill) -> None:
    ids: list[str] = []
    start = threading.Barrier(10)

    def post() -> None:
        platform = adapter(drill, "rcmp")
        start.wait()
        ids.append(platform.post("Once only", idempotency_key="row-1").remote_id)

    threads = [threading.Thread(target=post) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(ids)) == 1 and len(ids) == 10
    assert [s["id"] for s in drill.statuses(f"@rcmp@{DOMAIN}")] == ids[:1]
    # The key is the account's own: another account's same key is another status.
    assert adapter(drill, "tps").post("Once only", idempotency_key="row-1").remote_id != ids[0]


def test_a_photo_still_processing_is_waited_for() -> None:
    with MastodonDrill(drill_accounts()[:1], port=0, media_delay=0.3) as drill:
        answer = _raw(drill, "POST", "/api/v2/media", TOKENS["tps"], files={"file": ("a.png", PNG)})
        assert answer.status_code == 202 and answer.json()["url"] is None
        pending = _raw(drill, "GET", f"/api/v1/media/{answer.json()['id']}", TOKENS["tps"])
        assert pending.status_code == 206
        refused = _raw(
            drill,
            "POST",
            "/api/v1/statuses",
            TOKENS["tps"],
            data={"status": "too soon", "media_ids[]": answer.json()["id"]},
        )
        assert refused.status_code == 422 and refused.json() == {"error": "Try again in a moment!"}

        tps = adapter(drill, "tps")
        media_id = tps.upload_media(PNG, "image/png", "A red bicycle.")  # polls until ready
        posted = tps.post("Stolen", [media_id])
        status = api(drill, "GET", f"/api/v1/statuses/{posted.remote_id}", TOKENS["tps"])
        [media] = status["media_attachments"]
        assert media["url"] and media["description"] == "A red bicycle."
        assert media["meta"]["original"]["size"] == "1x1"


def test_what_it_refuses_and_how_it_says_so(drill: MastodonDrill) -> None:
    tps = TOKENS["tps"]
    post = adapter(drill, "tps").post("Appeal")
    other = _raw(drill, "POST", "/api/v2/media", TOKENS["rcmp"], files={"file": ("a.png", PNG)})
    cases = [
        (_raw(drill, "GET", "/api/v1/accounts/verify_credentials", "wrong"), 401),
        (_raw(drill, "POST", "/api/v1/statuses", None, data={"status": "x"}), 401),
        (_raw(drill, "GET", "/api/v1/accounts/verify_credentials", TOKENS["spvm"]), 403),
        (_raw(drill, "DELETE", f"/api/v1/statuses/{post.remote_id}", TOKENS["rcmp"]), 403),
        (_raw(drill, "GET", "/api/v1/statuses/1", tps), 404),
        (_raw(drill, "POST", "/api/v1/statuses", tps, data={"status": " "}), 422),
        (
            _raw(
                drill,
                "POST",
                "/api/v1/statuses",
                tps,
                data={"status": "x", "media_ids[]": other.json()["id"]},
            ),
            422,
        ),
        (
            _raw(
                drill, "POST", "/api/v1/statuses", tps, data={"status": "x", "in_reply_to_id": "9"}
            ),
            404,
        ),
    ]
    assert [answer.status_code for answer, _ in cases] == [status for _, status in cases]
    assert all(set(answer.json()) == {"error"} for answer, _ in cases)
    assert cases[0][0].json()["error"] == "The access token is invalid"
    assert cases[2][0].json()["error"] == "Your login is currently disabled"
    # A suspended account can still be read, as on Mastodon; it cannot post.
    assert _raw(drill, "GET", "/api/v2/instance", TOKENS["spvm"]).status_code == 200


def test_a_rate_limit_sends_mastodons_headers(drill: MastodonDrill) -> None:
    with MastodonDrill(drill_accounts()[:1], port=0, rate_limit=(3, 300)) as limited:
        answers = [
            _raw(limited, "GET", "/api/v1/accounts/verify_credentials", TOKENS["tps"])
            for _ in range(4)
        ]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a.headers["X-RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert answers[0].headers["X-RateLimit-Limit"] == "3"
    resets = {a.headers["X-RateLimit-Reset"] for a in answers}
    assert len(resets) == 1 and 290 < _epoch(resets.pop()) - time.time() <= 300
    assert answers[3].json() == {"error": "Too many requests"}


def test_recent_posts_page_through_the_link_header(drill: MastodonDrill) -> None:
    rcmp = adapter(drill, "rcmp")
    made = [rcmp.post(f"Post {n}").remote_id for n in range(45)]
    boosted = adapter(drill, "tps").post("Boost me")
    rcmp.repost(boosted.remote_id)
    recent = rcmp.recent_posts(limit=45)  # boosts left out, two pages of 40 and 5
    assert [p.remote_id for p in recent] == made[::-1]
    answer = _raw(drill, "GET", f"/api/v1/accounts/{rcmp.verify().id}/statuses?limit=2", None)
    assert 'rel="next"' in answer.headers["Link"] and 'rel="prev"' in answer.headers["Link"]


def test_a_reply_from_the_public_and_a_suspension_lifted(drill: MastodonDrill) -> None:
    tps = adapter(drill, "tps")
    post = tps.post("Have you seen her?")
    made = drill.add_reply(post.remote_id, "@neighbour", "She was at the library at noon")
    page = tps.replies(post.remote_id)
    assert [(r.remote_id, r.author_handle) for r in page.replies] == [(made["id"], "@neighbour")]
    assert tps.metrics([post.remote_id])[post.remote_id].replies == 1
    with pytest.raises(LookupError):
        drill.add_reply("1", "@neighbour", "to nothing")

    spvm = adapter(drill, "spvm")
    with pytest.raises(AccountSuspended):
        spvm.post("Alerte")
    drill.suspend(f"@spvm@{DOMAIN}", suspended=False)
    assert spvm.post("Alerte").remote_id
    assert drill.suspended == []


def test_a_fault_answers_instead_or_late(drill: MastodonDrill) -> None:
    drill.add_fault("POST", "/api/v1/statuses", status=503, count=1)
    refused = _raw(drill, "POST", "/api/v1/statuses", CITIZEN_TOKEN, data={"status": "x"})
    assert refused.status_code == 503 and drill.statuses("@citizen") == []
    accepted = _raw(drill, "POST", "/api/v1/statuses", CITIZEN_TOKEN, data={"status": "x"})
    assert accepted.status_code == 200
