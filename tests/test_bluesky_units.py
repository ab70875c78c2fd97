"""The Bluesky adapter's pure parts: length rule, facets in bytes, references, error mapping."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from atproto_client import exceptions as at_errors
from atproto_client.models.common import XrpcError
from atproto_client.request import Response
from click.testing import CliRunner

from broadcaster.cli import cli
from broadcaster.errors import (
    AccountSuspended,
    AgenciesInvalid,
    CredentialsInvalid,
    MissingCredentials,
    OutcomeUnknown,
    RateLimited,
    Rejected,
    ServerError,
    UsageInvalid,
)
from broadcaster.platforms.bluesky import (
    BlueskyPlatform,
    make_ref,
    parse_ref,
    record_key,
    service_url,
)
from broadcaster.platforms.bluesky_facets import facet_text, facets_for
from broadcaster.sandbox.bluesky import drill_accounts

URI = "at://did:plc:abc123/app.bsky.feed.post/3kabcdefghijk"


@pytest.mark.parametrize(
    ("text", "graphemes"),
    [
        ("hello", 5),
        ("café", 4),  # precomposed é
        ("cafe\u0301", 4),  # e + combining acute: one grapheme, two code points
        ("👩‍👩‍👧‍👦", 1),  # family: a ZWJ sequence of seven code points
        ("🏳️‍🌈", 1),  # rainbow flag: flag + VS16 + ZWJ + rainbow
        ("🇨🇦🇫🇷", 2),  # two regional-indicator flags
        ("👍🏽", 1),  # emoji with a skin-tone modifier
        ("多伦多警察", 5),
        ("ก\u0e33", 1),  # Thai sara am joins its base
        ("", 0),
    ],
)
def test_length_counts_graphemes(text: str, graphemes: int) -> None:
    assert BlueskyPlatform.text_length(text) == graphemes


def test_three_hundred_graphemes_fit_even_when_they_are_many_more_code_points() -> None:
    text = "👩‍👩‍👧‍👦" * 300
    assert len(text) == 2100
    assert BlueskyPlatform.text_length(text) == BlueskyPlatform.max_length


def _no_handles(handle: str) -> str | None:
    return None


@pytest.mark.parametrize(
    "prefix",
    ["", "é ", "🚨🚨 ", "多伦多警察局 ", "cafe\u0301 👩‍👩‍👧‍👦 "],
)
def test_facet_offsets_are_utf8_bytes_whatever_comes_before(prefix: str) -> None:
    text = f"{prefix}Appel #Recherché https://tips.example.org/é?q=1 @tps.test fin"
    resolved = {"tps.test": "did:plc:tps"}
    facets = facets_for(text, resolved.get)
    covered = [(facet_text(text, f), f.features[0].py_type) for f in facets]
    assert covered == [
        ("#Recherché", "app.bsky.richtext.facet#tag"),
        ("https://tips.example.org/é?q=1", "app.bsky.richtext.facet#link"),
        ("@tps.test", "app.bsky.richtext.facet#mention"),
    ]
    tag = facets[0]
    assert tag.index.byte_start == len(f"{prefix}Appel ".encode())
    assert tag.index.byte_end - tag.index.byte_start == len("#Recherché".encode()) == 11
    assert facets[0].features[0].tag == "Recherché"
    assert facets[2].features[0].did == "did:plc:tps"


def test_a_mention_that_does_not_resolve_stays_plain_text() -> None:
    assert facets_for("Ask @nobody.test", _no_handles) == []


def test_a_bare_domain_becomes_an_https_link_and_trailing_punctuation_is_left_out() -> None:
    (link,) = facets_for("Tips: crimenb.ca.", _no_handles)
    assert facet_text("Tips: crimenb.ca.", link) == "crimenb.ca"
    assert link.features[0].uri == "https://crimenb.ca"
    # As in the official app, a bare domain starting with a digit is not linked: write
    # https:// in templates.
    assert facets_for("Tips: 222tips.com", _no_handles) == []
    (full,) = facets_for("Tips: https://222tips.com.", _no_handles)
    assert full.features[0].uri == "https://222tips.com"


def test_a_reference_holds_the_uri_and_the_cid() -> None:
    ref = make_ref(URI, "bafyreiabc")
    strong = parse_ref(ref)
    assert (strong.uri, strong.cid, strong.repo, strong.rkey) == (
        URI,
        "bafyreiabc",
        "did:plc:abc123",
        "3kabcdefghijk",
    )
    assert parse_ref(URI).cid == ""
    with pytest.raises(Rejected, match="not a Bluesky post reference"):
        parse_ref("1234567890")


def test_record_keys_are_valid_tids_and_the_same_for_the_same_key() -> None:
    key = record_key("campaign-7/post-3")
    assert key == record_key("campaign-7/post-3")
    assert key != record_key("campaign-7/post-4")
    assert len(key) == 13 and key[0] in "234567abcdefghij"
    assert set(key) <= set("234567abcdefghijklmnopqrstuvwxyz")
    assert record_key("3kabcdefghijk") == "3kabcdefghijk"  # already a TID


def test_the_registry_facts() -> None:
    assert BlueskyPlatform.name == "bluesky"
    assert BlueskyPlatform.credential_names("TPS") == ["TPS_BLUESKY_APP_PASSWORD"]
    assert BlueskyPlatform.photo_limits.max_bytes == 1_000_000
    assert BlueskyPlatform.max_photos == 4
    assert BlueskyPlatform.service_env == "BROADCASTER_BLUESKY_URL"
    assert BlueskyPlatform.handle_pattern.match("torontopolice.bsky.social")
    assert BlueskyPlatform.handle_pattern.match("@tps.test")
    assert not BlueskyPlatform.handle_pattern.match("@TorontoPolice")


def test_the_drill_url_must_be_this_machine() -> None:
    env = {"BROADCASTER_BLUESKY_URL": "http://127.0.0.1:2583/"}
    assert service_url("https://bsky.social", env) == "http://127.0.0.1:2583"
    assert service_url(None, {}) == "https://bsky.social"
    with pytest.raises(UsageInvalid, match="only runs on this machine"):
        service_url(None, {"BROADCASTER_BLUESKY_URL": "https://bsky.social"})
    with pytest.raises(UsageInvalid, match="https://"):
        service_url("http://pds.example.org", {})


def test_from_env_names_a_missing_app_password() -> None:
    with pytest.raises(MissingCredentials, match="TPS_BLUESKY_APP_PASSWORD is not set"):
        BlueskyPlatform.from_env("tps.test", "TPS", {}, who="agency 'tps'")


def _failure(
    status: int, error: str, headers: dict[str, str] | None = None
) -> at_errors.RequestErrorBase:
    response = Response(
        success=False,
        status_code=status,
        content=XrpcError(error=error, message="said by the server"),
        headers=headers or {},
    )
    kinds: dict[int, type[at_errors.RequestErrorBase]] = {
        400: at_errors.BadRequestError,
        401: at_errors.UnauthorizedError,
        429: at_errors.RateLimitExceededError,
    }
    return kinds.get(status, at_errors.RequestException)(response)


def _raised(error: BaseException, *, mutating: bool = True) -> BaseException:
    platform = BlueskyPlatform("tps.test", "secret-value", service="http://127.0.0.1:9")
    with pytest.raises(Exception) as caught, platform._translate("post", mutating=mutating):
        raise error
    assert "secret-value" not in str(caught.value)
    return caught.value


def test_rate_limit_headers_give_the_reset_time() -> None:
    error = _raised(
        _failure(
            429,
            "RateLimitExceeded",
            {
                "ratelimit-limit": "3000",
                "ratelimit-remaining": "0",
                "ratelimit-reset": "1796167812",
            },
        )
    )
    assert isinstance(error, RateLimited)
    assert error.reset_at == datetime.fromtimestamp(1796167812, UTC)
    assert "until" in str(error)


@pytest.mark.parametrize(
    ("status", "name", "expected"),
    [
        (401, "AccountTakedown", AccountSuspended),
        (401, "AuthenticationRequired", CredentialsInvalid),
        (400, "InvalidRequest", Rejected),
        (500, "InternalServerError", ServerError),
        (502, "UpstreamFailure", ServerError),
    ],
)
def test_errors_become_ours(status: int, name: str, expected: type[Exception]) -> None:
    assert type(_raised(_failure(status, name))) is expected


def test_a_timeout_after_sending_a_post_is_an_unknown_outcome() -> None:
    def timeout(cause: Exception) -> at_errors.InvokeTimeoutError:
        error = at_errors.InvokeTimeoutError()
        error.__cause__ = cause
        return error

    assert isinstance(_raised(timeout(httpx.ReadTimeout("slow"))), OutcomeUnknown)
    assert isinstance(_raised(timeout(httpx.ReadTimeout("slow")), mutating=False), ServerError)
    connect = at_errors.NetworkError()
    connect.__cause__ = httpx.ConnectError("refused")
    error = _raised(connect)
    assert isinstance(error, ServerError) and "nothing was sent" in str(error)


AGENCIES = """
[agency.tps]
name = "Toronto Police Service"
platform = "bluesky"
handle = "tps.test"
credentials = "TPS"

[agency.ny]
name = "NYPD"
[[agency.ny.accounts]]
platform = "x"
handle = "@NYPD"
credentials = "NY"
[[agency.ny.accounts]]
platform = "bluesky"
handle = "@NYPD.test"
credentials = "NY"

[agency.rcmp]
name = "RCMP"
platform = "sandbox"
handle = "@RCMPNB"
credentials = "RCMP"
"""


def test_drill_accounts_come_from_both_forms_of_the_agencies_file(tmp_path: Path) -> None:
    path = tmp_path / "agencies.toml"
    path.write_text(AGENCIES, encoding="utf-8")
    env = {"TPS_BLUESKY_APP_PASSWORD": "one", "NY_BLUESKY_APP_PASSWORD": "two"}
    accounts = drill_accounts(path, env)
    assert [(a.agency, a.handle, a.password) for a in accounts] == [
        ("tps", "tps.test", "one"),
        ("ny", "nypd.test", "two"),
    ]
    with pytest.raises(MissingCredentials, match="NY_BLUESKY_APP_PASSWORD"):
        drill_accounts(path, {"TPS_BLUESKY_APP_PASSWORD": "one"})
    path.write_text(AGENCIES.replace("tps.test", "tps.bsky.social"), encoding="utf-8")
    with pytest.raises(AgenciesInvalid, match=r"agency 'tps'.*ending in \.test"):
        drill_accounts(path, env)


def test_sandbox_bluesky_says_how_to_install_when_it_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "agencies.toml"
    path.write_text(AGENCIES, encoding="utf-8")
    env_file = tmp_path / ".env"
    env_file.write_text("TPS_BLUESKY_APP_PASSWORD=one\nNY_BLUESKY_APP_PASSWORD=two\n")
    monkeypatch.setenv("BROADCASTER_BLUESKY_TOOLS", str(tmp_path / "nothing"))
    result = CliRunner().invoke(
        cli, ["sandbox", "bluesky", "--agencies", str(path), "--env-file", str(env_file)]
    )
    assert result.exit_code == 2, result.output
    assert "not installed" in result.output and "make bluesky-local" in result.output
    assert "Traceback" not in result.output


def test_sandbox_bluesky_refuses_to_suspend_an_unknown_handle(tmp_path: Path) -> None:
    path = tmp_path / "agencies.toml"
    path.write_text(AGENCIES, encoding="utf-8")
    env_file = tmp_path / ".env"
    env_file.write_text("TPS_BLUESKY_APP_PASSWORD=one\nNY_BLUESKY_APP_PASSWORD=two\n")
    result = CliRunner().invoke(
        cli,
        [
            "sandbox",
            "bluesky",
            "--agencies",
            str(path),
            "--env-file",
            str(env_file),
            "--suspend",
            "ghost.test",
        ],
    )
    assert result.exit_code == 2, result.output
    assert "--suspend ghost.test: no Bluesky account" in result.output
