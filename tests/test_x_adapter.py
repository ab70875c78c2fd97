"""The X adapter (tweepy for real) against the sandbox on loopback: every call, every error."""

from __future__ import annotations

import io
import logging
import socket
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from broadcaster.config import Settings
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
from broadcaster.platforms import platform_for
from broadcaster.platforms.holding import HoldingAdapter
from broadcaster.platforms.x import TimeoutSession, snowflake_time
from broadcaster.sandbox import FaultRates


def jpeg(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_platform_for_gives_tweepy_a_session_with_timeouts_pointed_at_the_sandbox(drill):
    platform = drill.platform(drill.keys[0], timeout=3.0)
    assert platform.agency.key == drill.keys[0]
    assert platform.client.session is platform.session
    assert isinstance(platform.session, TimeoutSession)
    assert platform.session.timeout == (3.0, 3.0)
    assert platform.session.rewrite("https://api.twitter.com/2/tweets") == f"{drill.url}/2/tweets"
    # the launch's hold at the connection's write (tests/test_holding.py), for both schemes
    assert platform.session.get_adapter(drill.url) is platform.session.holding
    assert platform.session.get_adapter("https://api.twitter.com/2") is platform.session.holding
    assert isinstance(platform.session.holding, HoldingAdapter)


def test_verify_names_the_account_and_its_followers(drill):
    account = drill.platform("toronto").verify()
    agency = drill.registry.get("toronto")
    assert account.handle == agency.handle
    assert account.name == agency.name
    assert account.id == drill.env["DRILL_001_X_ACCESS_TOKEN"].split("-")[0]
    served = drill.server.store.account_by_handle(agency.handle)
    assert served is not None and account.followers == served.followers > 0


def test_post_with_photo_and_alt_text(drill):
    platform = drill.platform("toronto")
    media_id = platform.upload_media(jpeg(), "image/jpeg", "A red square, for the drill.")
    before = datetime.now(UTC)
    published = platform.post("EXERCISE: wanted, call 1-800-555-0001", [media_id])
    held = {p["id"]: p for p in drill.server.posts()}[published.remote_id]
    assert held["author"] == "@DrillTO001"
    assert held["media_ids"] == [media_id]
    assert held["text"] == "EXERCISE: wanted, call 1-800-555-0001"
    server_time = datetime.fromisoformat(held["created_at"].replace("Z", "+00:00"))
    assert published.created_at is not None
    assert abs(published.created_at - server_time) < timedelta(milliseconds=2)
    assert before - timedelta(seconds=1) < server_time < datetime.now(UTC)
    assert published.url == f"{drill.url}/DrillTO001/status/{published.remote_id}"
    media = [m for m in drill.server.posts() if m["id"] == published.remote_id]
    assert media
    uploads = {m.id: m for m in drill.server.store.media.values()}
    assert uploads[media_id].alt_text == "A red square, for the drill."
    assert uploads[media_id].width == 64


def test_quote_reply_repost_delete(drill):
    lead, partner, other = (drill.platform(k) for k in ("toronto", "montreal", "newyork"))
    original = lead.post("Original appeal")
    quote = partner.post("Notre relais de l'appel", quote_of=original.remote_id)
    reply = lead.post("Update: still wanted", in_reply_to=original.remote_id)
    other.repost(original.remote_id)
    other.repost(original.remote_id)  # X answers the same; no second repost appears
    held = {p["id"]: p for p in drill.server.posts()}
    assert held[quote.remote_id]["quote_of"] == original.remote_id
    assert held[reply.remote_id]["in_reply_to"] == original.remote_id
    reposts = [p for p in held.values() if p["repost_of"] == original.remote_id]
    assert [p["author"] for p in reposts] == ["@DrillNY003"]
    metrics = lead.metrics([original.remote_id])[original.remote_id]
    assert (metrics.quotes, metrics.reposts, metrics.replies) == (1, 1, 1)

    lead.delete(original.remote_id)
    lead.delete(original.remote_id)  # already gone is fine
    assert {p["id"]: p for p in drill.server.posts()}[original.remote_id]["deleted"] is True
    assert lead.metrics([original.remote_id]) == {}


def test_deleting_someone_elses_post_is_refused(drill):
    original = drill.platform("toronto").post("Mine")
    with pytest.raises(Rejected, match="'montreal'"):
        drill.platform("montreal").delete(original.remote_id)


def test_recent_posts_newest_first_with_paging(drill):
    platform = drill.platform("montreal")
    ids = [platform.post(f"Bulletin {n}").remote_id for n in range(7)]
    recent = platform.recent_posts(limit=5)
    assert [p.remote_id for p in recent] == ids[::-1][:5]
    assert [p.remote_id for p in platform.recent_posts(limit=100)] == ids[::-1]
    assert all(p.created_at is not None for p in recent)


def test_replies_page_through_a_thread_and_resume_from_since_id(drill):
    platform = drill.platform("toronto")
    original = platform.post("Missing: have you seen her?")
    for n in range(230):
        drill.server.add_reply(original.remote_id, f"@person{n}", f"reply number {n}")
    seen, token, pages, newest = [], None, 0, None
    while True:
        page = platform.replies(original.remote_id, next_token=token)
        pages += 1
        newest = newest or page.newest_id
        seen.extend(page.replies)
        token = page.next_token
        if not token:
            break
    assert pages == 3
    assert len({r.remote_id for r in seen}) == 230
    assert seen[0].text == "reply number 229"  # newest first
    assert seen[0].author_handle == "@person229"
    assert seen[0].in_reply_to == original.remote_id
    assert seen[0].author_created_at is not None

    drill.server.add_reply(original.remote_id, "@latecomer", "I saw her at the station")
    later = platform.replies(original.remote_id, since_id=newest)
    assert [r.text for r in later.replies] == ["I saw her at the station"]
    assert later.next_token is None


def test_metrics_for_many_posts_in_one_call(drill):
    platform = drill.platform("toronto")
    ids = [platform.post(f"Post {n}").remote_id for n in range(3)]
    metrics = platform.metrics(ids)
    assert set(metrics) == set(ids)


def test_wrong_credentials_are_refused_without_showing_them(drill):
    agency = drill.registry.get("toronto")
    env = dict(drill.env)
    env["DRILL_001_X_API_SECRET"] = "not-the-secret"
    settings = replace(drill.settings, env=env)
    with pytest.raises(CredentialsInvalid) as caught:
        platform_for(agency, settings).verify()
    message = str(caught.value)
    assert message.startswith("agency 'toronto' (@DrillTO001): the sandbox refused the credentials")
    assert "DRILL_001_X_API_SECRET" in message
    for name in agency.credential_names():
        assert env[name] not in message


def test_suspended_account(drill):
    drill.server.suspend("@DrillMTL002")
    with pytest.raises(AccountSuspended, match=r"'montreal' \(@DrillMTL002\).*suspended"):
        drill.platform("montreal").post("Appel à témoins")
    with pytest.raises(AccountSuspended):
        drill.platform("montreal").verify()
    drill.platform("toronto").post("The others still post")


def test_duplicate_content_is_rejected(drill):
    platform = drill.platform("toronto")
    platform.post("Same words")
    with pytest.raises(Rejected, match="duplicate content") as caught:
        platform.post("Same words")
    assert not caught.value.transient
    drill.platform("montreal").post("Same words")  # another account may


def test_too_long_is_rejected(drill):
    with pytest.raises(Rejected, match="400"):
        drill.platform("toronto").post("x" * 281)


def test_rate_limit_carries_the_reset_time(drill):
    drill.server.ratelimit_reset = 30
    drill.server.faults = FaultRates(ratelimit=1.0)
    platform = drill.platform("toronto")
    before = datetime.now(UTC).replace(microsecond=0)
    with pytest.raises(RateLimited) as caught:
        platform.post("Rate limited")
    after = datetime.now(UTC)
    reset = caught.value.reset_at
    # X sends the reset as whole epoch seconds, rounded up: 30 s after the request.
    assert reset is not None
    assert before + timedelta(seconds=30) <= reset <= after + timedelta(seconds=31)
    assert caught.value.transient
    drill.server.faults = FaultRates()
    assert not drill.server.posts()


def test_server_error_is_transient(drill):
    drill.server.faults = FaultRates(error=1.0)
    with pytest.raises(ServerError, match="server error") as caught:
        drill.platform("toronto").post("Server error")
    assert caught.value.transient
    assert not drill.server.posts()


def test_timeout_after_creation_is_outcome_unknown_and_the_post_exists(drill):
    drill.server.ambiguous_hold = 2.0
    drill.server.faults = FaultRates(ambiguous=1.0)
    platform = drill.platform("toronto", timeout=0.3)
    with pytest.raises(OutcomeUnknown, match="may have been carried out") as caught:
        platform.post("Did this go out?")
    assert caught.value.transient
    held = drill.server.posts()
    assert [p["text"] for p in held] == ["Did this go out?"]
    drill.server.faults = FaultRates()
    assert [p.text for p in platform.recent_posts(10)] == ["Did this go out?"]


def test_dropped_connection_after_creation_is_outcome_unknown(drill):
    drill.server.faults = FaultRates(ambiguous=1.0)
    with pytest.raises(OutcomeUnknown, match="dropped after sending"):
        drill.platform("toronto").post("Dropped")
    assert [p["text"] for p in drill.server.posts()] == ["Dropped"]


def test_a_dropped_read_is_a_plain_transient_error(drill):
    drill.server.faults = FaultRates(ambiguous=1.0)
    with pytest.raises(ServerError, match="dropped"):
        drill.platform("toronto").verify()


def test_connection_refused_means_nothing_was_sent(drill):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = replace(
        drill.settings, env={**drill.env, "BROADCASTER_SANDBOX_URL": f"http://127.0.0.1:{port}"}
    )
    platform = platform_for(drill.registry.get("toronto"), settings, timeout=1.0)
    with pytest.raises(ServerError, match="nothing was sent") as caught:
        platform.post("Nobody listening")
    assert caught.value.transient


def test_read_only_token_cannot_post(drill_factory):
    drill = drill_factory(2, read_only=["@DrillTO001"])
    platform = drill.platform("toronto")
    platform.verify()
    assert platform.access_level == "read"
    with pytest.raises(CredentialsInvalid, match="Read and Write"):
        platform.post("Read only")


def test_missing_credentials_name_the_variables(drill):
    env = {k: v for k, v in drill.env.items() if k != "DRILL_002_X_ACCESS_SECRET"}
    with pytest.raises(MissingCredentials, match="DRILL_002_X_ACCESS_SECRET"):
        platform_for(drill.registry.get("montreal"), replace(drill.settings, env=env))


def test_sandbox_url_must_be_loopback(drill):
    settings = replace(
        drill.settings, env={**drill.env, "BROADCASTER_SANDBOX_URL": "http://example.org:8686"}
    )
    with pytest.raises(UsageInvalid, match="only runs on this machine"):
        platform_for(drill.registry.get("toronto"), settings)


def test_x_agencies_go_to_x_with_timeouts():
    from broadcaster.authoring.agencies import Agency

    agency = Agency(
        key="tps",
        name="Toronto Police Service",
        platform="x",
        handle="@TorontoPolice",
        language="en",
        timezone="America/Toronto",
        tip_line="416-222-8477",
        credentials="TPS",
    )
    env = {
        f"TPS_{p}": "v" for p in ("X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_SECRET")
    }
    platform = platform_for(agency, Settings(env=env), timeout=7.0)
    assert platform.session.base_url is None
    assert platform.session.timeout == (5.0, 7.0)
    assert platform.post_url("1") == "https://x.com/TorontoPolice/status/1"


def test_credentials_never_reach_the_logs(drill, caplog):
    caplog.set_level(logging.DEBUG)
    platform = drill.platform("toronto")
    media_id = platform.upload_media(jpeg(), "image/jpeg", "alt")
    published = platform.post("Logged?", [media_id])
    platform.replies(published.remote_id)
    platform.metrics([published.remote_id])
    drill.server.faults = FaultRates(error=1.0)
    with pytest.raises(ServerError):
        platform.post("Failing")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Making API request" in logged  # tweepy did log, at debug
    for name in drill.registry.get("toronto").credential_names():
        assert drill.env[name] not in logged


def test_snowflake_time():
    assert snowflake_time("1") is None
    assert snowflake_time("not a number") is None
    moment = snowflake_time(1800000000000000000)
    assert moment is not None and moment.year == 2024


def test_a_clock_that_is_off_is_said_as_such_not_as_bad_credentials(drill_factory):
    drill = drill_factory(1, clock=lambda: time.time() + 3600)  # the platform's clock: 1 h ahead
    with pytest.raises(CredentialsInvalid) as caught:
        drill.platform("toronto").verify()
    message = str(caught.value)
    assert "refused the request's time (401" in message
    assert message.endswith("this machine's clock is off: set it right (NTP) and try again.")
    assert "check DRILL_001" not in message
