"""The Mastodon adapter against the drill server (the project's imitation), for real over HTTP."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fixtures_mastodon import (  # noqa: F401 - the fixture is used by name
    CITIZEN_TOKEN,
    DOMAIN,
    TOKENS,
    adapter,
    api,
    drill_accounts,
    mastodon_drill,
    own_statuses,
)

from broadcaster.errors import (
    AccountSuspended,
    CredentialsInvalid,
    MissingCredentials,
    OutcomeUnknown,
    RateLimited,
    Rejected,
    ServerError,
    UsageInvalid,
)
from broadcaster.platforms.mastodon import MastodonPlatform, instance_url
from broadcaster.sandbox.mastodon import MastodonDrill

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture(autouse=True)
def _no_faults_left(mastodon_drill: MastodonDrill) -> Any:  # noqa: F811
    yield
    mastodon_drill.clear_faults()


def test_verify_names_the_account(mastodon_drill: MastodonDrill) -> None:  # noqa: F811
    me = adapter(mastodon_drill, "tps").verify()
    assert me.handle == f"@tps@{DOMAIN}"
    assert me.id


def test_post_with_photo_carries_the_alt_text_to_the_server(
    mastodon_drill: MastodonDrill,  # noqa: F811
) -> None:
    tps = adapter(mastodon_drill, "tps")
    media_id = tps.upload_media(PNG, "image/png", "Head-and-shoulders photo of a man.")
    published = tps.post("Wanted: have you seen this man? #Wanted", [media_id])

    held = api(mastodon_drill, "GET", f"/api/v1/statuses/{published.remote_id}")
    assert held["visibility"] == "public"
    assert [m["description"] for m in held["media_attachments"]] == [
        "Head-and-shoulders photo of a man."
    ]
    assert published.text == "Wanted: have you seen this man? #Wanted"
    assert published.created_at is not None and published.created_at.tzinfo is UTC
    assert published.url


def test_same_idempotency_key_twice_makes_one_status(
    mastodon_drill: MastodonDrill,  # noqa: F811
) -> None:
    tps = adapter(mastodon_drill, "tps")
    before = len(own_statuses(mastodon_drill, "tps"))
    first = tps.post("Appeal: one post only", idempotency_key="journal-row-1")
    again = tps.post("Appeal: one post only", idempotency_key="journal-row-1")
    assert again.remote_id == first.remote_id
    assert len(own_statuses(mastodon_drill, "tps")) == before + 1


def test_a_post_answer_is_read_without_mastodon_py_s_typed_casting(
    mastodon_drill: MastodonDrill,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The launch's hot path: Mastodon.py's cast of a status costs ~3 ms of CPU an answer
    (benchmarks/bench_multi.py); the post reads the JSON it parsed. If a Mastodon.py release
    renames the hook this relies on, the count below is no longer 0 and this test says so."""
    import mastodon.internals

    casts: list[object] = []
    real_cast = mastodon.internals.try_cast_recurse

    def counting_cast(*args: Any, **kwargs: Any) -> Any:
        casts.append(args[0])
        return real_cast(*args, **kwargs)

    monkeypatch.setattr(mastodon.internals, "try_cast_recurse", counting_cast)
    tps = adapter(mastodon_drill, "tps")
    published = tps.post("Appeal: read as JSON", idempotency_key="plain-1")
    assert casts == []

    held = api(mastodon_drill, "GET", f"/api/v1/statuses/{published.remote_id}")
    assert published.remote_id == held["id"]
    assert published.url == held["url"]
    assert published.text == "Appeal: read as JSON"
    server_time = datetime.fromisoformat(held["created_at"].replace("Z", "+00:00"))
    assert published.created_at == server_time and published.created_at.tzinfo is UTC

    # Only that call: the client's other answers are typed as Mastodon.py makes them.
    assert tps.verify().id
    assert casts


def test_a_refused_post_still_says_why_when_read_as_json(
    mastodon_drill: MastodonDrill,  # noqa: F811
) -> None:
    # The instance's error body is read while the post's answer is plain JSON.
    with pytest.raises(Rejected) as raised:
        adapter(mastodon_drill, "tps").post("x" * 501, idempotency_key="plain-2")
    assert str(raised.value) == (
        f"agency 'tps' (@tps@{DOMAIN}): the Mastodon drill server refused the request "
        "(422: Validation failed: Text character limit of 500 exceeded)."
    )


def test_a_crash_before_the_journal_commit_then_a_rerun_posts_nothing_new(
    mastodon_drill: MastodonDrill,  # noqa: F811
) -> None:
    before = len(own_statuses(mastodon_drill, "rcmp"))
    first = adapter(mastodon_drill, "rcmp").post("Missing: Ana, 12", idempotency_key="row-7")
    # The process dies here: the journal never learnt `first`. A new process re-posts
    # the row with the key the journal chose before the request.
    rerun = adapter(mastodon_drill, "rcmp").post("Missing: Ana, 12", idempotency_key="row-7")
    assert rerun.remote_id == first.remote_id
    assert len(own_statuses(mastodon_drill, "rcmp")) == before + 1


def test_a_timeout_after_sending_is_unknown_and_the_keyed_retry_returns_that_status(
    mastodon_drill: MastodonDrill,  # noqa: F811
) -> None:
    before = len(own_statuses(mastodon_drill, "tps"))
    # The server takes 1.5 s and then creates the status; the client gives up after 0.5 s.
    mastodon_drill.add_fault("POST", "/api/v1/statuses", delay=1.5, count=1)
    slow = adapter(mastodon_drill, "tps", timeout=0.5)
    with pytest.raises(OutcomeUnknown, match=r"agency .tps.*may have been carried out"):
        slow.post("Sighting update", idempotency_key="row-9")
    deadline = time.monotonic() + 5
    while len(own_statuses(mastodon_drill, "tps")) == before and time.monotonic() < deadline:
        time.sleep(0.1)
    retried = adapter(mastodon_drill, "tps").post("Sighting update", idempotency_key="row-9")
    statuses = own_statuses(mastodon_drill, "tps")
    assert len(statuses) == before + 1
    assert statuses[0]["id"] == retried.remote_id


def test_replies_come_from_the_context_with_since_id(
    mastodon_drill: MastodonDrill,  # noqa: F811
) -> None:
    tps = adapter(mastodon_drill, "tps")
    post = tps.post("Have you seen this car?")
    api(
        mastodon_drill,
        "POST",
        "/api/v1/statuses",
        data={"status": "I saw it on King St at 9 <b>pm</b>", "in_reply_to_id": post.remote_id},
    )
    page = tps.replies(post.remote_id)
    assert [r.text for r in page.replies] == ["I saw it on King St at 9 <b>pm</b>"]
    reply = page.replies[0]
    assert reply.author_handle == "@citizen"
    assert reply.in_reply_to == post.remote_id
    assert reply.created_at is not None and page.next_token is None
    assert page.newest_id == reply.remote_id

    assert tps.replies(post.remote_id, since_id=page.newest_id).replies == []
    api(
        mastodon_drill,
        "POST",
        "/api/v1/statuses",
        data={"status": "Also near the station", "in_reply_to_id": reply.remote_id},
    )
    later = tps.replies(post.remote_id, since_id=page.newest_id)
    assert [r.text for r in later.replies] == ["Also near the station"]
    assert later.replies[0].in_reply_to == reply.remote_id


def test_counts_move_after_a_favourite_and_a_boost(
    mastodon_drill: MastodonDrill,  # noqa: F811
) -> None:
    tps = adapter(mastodon_drill, "tps")
    post = tps.post("Please share: missing person")
    assert tps.metrics([post.remote_id])[post.remote_id].likes == 0
    api(mastodon_drill, "POST", f"/api/v1/statuses/{post.remote_id}/favourite")
    adapter(mastodon_drill, "rcmp").repost(post.remote_id)
    api(
        mastodon_drill,
        "POST",
        "/api/v1/statuses",
        data={"status": "shared", "in_reply_to_id": post.remote_id},
    )
    counts = tps.metrics([post.remote_id])[post.remote_id]
    assert (counts.likes, counts.reposts, counts.replies) == (1, 1, 1)
    assert counts.impressions == 0  # Mastodon has none


def test_delete_removes_it_and_deleting_again_is_fine(
    mastodon_drill: MastodonDrill,  # noqa: F811
) -> None:
    tps = adapter(mastodon_drill, "tps")
    post = tps.post("Withdrawn appeal")
    tps.delete(post.remote_id)
    tps.delete(post.remote_id)
    assert post.remote_id not in {s["id"] for s in own_statuses(mastodon_drill, "tps")}
    assert tps.metrics([post.remote_id]) == {}


def test_recent_posts_are_newest_first(mastodon_drill: MastodonDrill) -> None:  # noqa: F811
    rcmp = adapter(mastodon_drill, "rcmp")
    older = rcmp.post("first of two")
    newer = rcmp.post("second of two")
    recent = rcmp.recent_posts(limit=2)
    assert [p.remote_id for p in recent] == [newer.remote_id, older.remote_id]
    assert recent[0].text == "second of two"


def test_a_suspended_account_is_account_suspended(
    mastodon_drill: MastodonDrill,  # noqa: F811
) -> None:
    spvm = adapter(mastodon_drill, "spvm")
    with pytest.raises(AccountSuspended) as raised:
        spvm.verify()
    # The sentence the CLI prints for it (exit 4), naming the agency.
    assert str(raised.value) == (
        f"agency 'spvm' (@spvm@{DOMAIN}): the account is suspended on the Mastodon drill server."
    )
    with pytest.raises(AccountSuspended):
        spvm.post("Alerte")
    # The other agencies post as usual.
    assert adapter(mastodon_drill, "rcmp").post("Still here").remote_id


def test_a_bad_token_names_the_variable_never_the_token(
    mastodon_drill: MastodonDrill,  # noqa: F811
) -> None:
    wrong = adapter(mastodon_drill, "tps", token="not-the-token")
    with pytest.raises(CredentialsInvalid) as raised:
        wrong.post("x")
    assert "TPS_MASTODON_ACCESS_TOKEN" in str(raised.value)
    assert "not-the-token" not in str(raised.value)


def test_a_rate_limit_is_raised_with_its_reset_and_never_slept() -> None:
    drill = MastodonDrill(drill_accounts()[:1], port=0, rate_limit=(2, 600))
    with drill:
        tps = adapter(drill, "tps")
        tps.verify()
        tps.verify()
        started = time.monotonic()
        with pytest.raises(RateLimited) as raised:
            tps.post("third request in the window")
        assert time.monotonic() - started < 2  # thrown, not waited out
    reset_at = raised.value.reset_at
    assert reset_at is not None
    expected = datetime.now(UTC) + timedelta(seconds=600)
    assert abs((reset_at - expected).total_seconds()) < 15
    assert "rate limited" in str(raised.value) and "agency 'tps'" in str(raised.value)


def test_a_server_error_is_transient(mastodon_drill: MastodonDrill) -> None:  # noqa: F811
    mastodon_drill.add_fault("POST", "/api/v1/statuses", status=503)
    with pytest.raises(ServerError) as raised:
        adapter(mastodon_drill, "tps").post("x")
    assert raised.value.transient


def test_a_refused_post_is_rejected(mastodon_drill: MastodonDrill) -> None:  # noqa: F811
    with pytest.raises(Rejected, match="422"):
        adapter(mastodon_drill, "tps").post("x" * 501)


def test_quotes_are_not_offered_but_boosts_are(mastodon_drill: MastodonDrill) -> None:  # noqa: F811
    assert MastodonPlatform.supports_quotes is False
    assert MastodonPlatform.supports_reposts is True
    assert MastodonPlatform.idempotent_posts is True
    tps = adapter(mastodon_drill, "tps")
    with pytest.raises(Rejected, match="no quote posts; boost"):
        tps.post("look", quote_of="1")


def test_the_instance_limits_are_read_from_the_instance(
    mastodon_drill: MastodonDrill,  # noqa: F811
) -> None:
    tps = adapter(mastodon_drill, "tps")
    assert tps.instance_max_length() == 500
    limits = tps.instance_photo_limits()
    # Mastodon 4.3's defaults: 16 MB, and 33 177 600 pixels (7680 × 4320) in all.
    assert limits.max_bytes == 16 * 1024 * 1024 and limits.max_pixels == 5760
    assert {"JPEG", "PNG", "WEBP", "GIF"} <= limits.formats

    # An instance that allows longer posts and smaller photos says so in its description.
    other = MastodonDrill(
        drill_accounts()[:1], port=0, max_characters=1000, image_size_limit=8 * 1024 * 1024
    )
    with other:
        there = adapter(other, "tps")
        assert there.instance_max_length() == 1000
        assert there.instance_photo_limits().max_bytes == 8 * 1024 * 1024
        there.post("y" * 1000)
        with pytest.raises(Rejected, match="422"):
            there.post("y" * 1001)


def test_the_drill_url_must_be_on_this_machine() -> None:
    assert instance_url("https://police.example", {}) == "https://police.example"
    assert (
        instance_url(
            "https://police.example", {"BROADCASTER_MASTODON_URL": "http://127.0.0.1:8687/"}
        )
        == "http://127.0.0.1:8687"
    )
    with pytest.raises(UsageInvalid, match=r"BROADCASTER_MASTODON_URL.*only runs on this machine"):
        instance_url("https://police.example", {"BROADCASTER_MASTODON_URL": "http://10.0.0.5:8687"})
    with pytest.raises(UsageInvalid, match="not an https:// address"):
        instance_url("http://police.example", {})


def test_for_account_reads_the_token_variable() -> None:
    with pytest.raises(MissingCredentials, match="TPS_MASTODON_ACCESS_TOKEN is not set"):
        MastodonPlatform.for_account(
            agency_key="tps",
            handle=f"@tps@{DOMAIN}",
            instance="https://police.example",
            credentials_prefix="TPS",
            env={},
        )
    built = MastodonPlatform.for_account(
        agency_key="tps",
        handle=f"@tps@{DOMAIN}",
        instance="https://police.example",
        credentials_prefix="TPS",
        env={"TPS_MASTODON_ACCESS_TOKEN": TOKENS["tps"]},
    )
    assert built.base_url == "https://police.example"
    assert TOKENS["tps"] not in repr(built)
    assert CITIZEN_TOKEN not in repr(built)


def test_a_held_post_is_written_only_when_released(
    mastodon_drill: MastodonDrill,  # noqa: F811
) -> None:
    tps = adapter(mastodon_drill, "tps")
    tps.warm()
    before = len(own_statuses(mastodon_drill, "tps"))
    seen: list[int] = []
    assert tps.hold_next_request(lambda: seen.append(len(own_statuses(mastodon_drill, "tps"))))
    published = tps.post("Held until the instant", idempotency_key="held-1")
    assert seen == [before]  # nothing was on the server while the post was held
    assert own_statuses(mastodon_drill, "tps")[0]["id"] == published.remote_id


def test_a_hold_that_refuses_sends_nothing(mastodon_drill: MastodonDrill) -> None:  # noqa: F811
    class Aborted(Exception):
        pass

    def abort() -> None:
        raise Aborted

    tps = adapter(mastodon_drill, "tps")
    before = len(own_statuses(mastodon_drill, "tps"))
    tps.hold_next_request(abort)
    with pytest.raises(Aborted):
        tps.post("Never sent", idempotency_key="held-2")
    assert len(own_statuses(mastodon_drill, "tps")) == before


CRASHING_POSTER = """
import os, signal, sys
from broadcaster.platforms.mastodon import MastodonPlatform

url, token, key = sys.argv[1:4]
platform = MastodonPlatform(
    agency_key="rcmp", handle="@rcmp@police.example", base_url=url,
    access_token=token, credentials_prefix="RCMP",
)
published = platform.post("Wanted: kill -9 drill", idempotency_key=key)
print(published.remote_id, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # dies before any journal could commit the id
"""


def test_kill_9_between_the_request_and_the_journal_then_a_rerun_posts_once(
    mastodon_drill: MastodonDrill,  # noqa: F811
) -> None:
    import subprocess
    import sys

    before = len(own_statuses(mastodon_drill, "rcmp"))
    child = subprocess.run(
        [sys.executable, "-c", CRASHING_POSTER, mastodon_drill.url, TOKENS["rcmp"], "row-kill-9"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == -9, child.stderr
    first_id = child.stdout.strip()
    rerun = adapter(mastodon_drill, "rcmp").post(
        "Wanted: kill -9 drill", idempotency_key="row-kill-9"
    )
    assert rerun.remote_id == first_id
    statuses = own_statuses(mastodon_drill, "rcmp")
    assert len(statuses) == before + 1
    assert sum(s["id"] == first_id for s in statuses) == 1
