"""The platform registry: a platform registered like the built-ins is valid in agencies.toml,
validated by its own rules and built by `platform_for`; the core never tests a name."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import ClassVar

import pytest

from broadcaster.authoring.agencies import Agency, parse_registry
from broadcaster.authoring.media import PhotoLimits
from broadcaster.authoring.textlen import limit_for, weighted_length
from broadcaster.config import Settings
from broadcaster.errors import AgenciesInvalid, DuplicateContent, Rejected, UsageInvalid
from broadcaster.platforms import platform_for, registry
from broadcaster.platforms.base import (
    Account,
    Capabilities,
    MediaToken,
    Metrics,
    Platform,
    PostRef,
    Published,
    ReplyPage,
)
from broadcaster.platforms.x import SandboxPlatform, XPlatform


class Dummy(Platform):
    """A platform counting code points, 10 at most, with handles like name.example."""

    name: ClassVar[str] = "dummy"
    max_length: ClassVar[int] = 10
    photo_limits: ClassVar[PhotoLimits] = PhotoLimits(frozenset({"PNG"}), 1000, 100)
    credential_parts: ClassVar[tuple[str, ...]] = ("DUMMY_TOKEN",)
    handle_pattern: ClassVar[re.Pattern[str]] = re.compile(r"^[a-z]+\.example$")
    handle_example: ClassVar[str] = "police.example"
    service_env: ClassVar[str | None] = "BROADCASTER_DUMMY_URL"
    default_service: ClassVar[str | None] = "https://dummy.example"
    capabilities: ClassVar[Capabilities] = Capabilities(quotes=False, idempotency=True)

    def __init__(self, account: Agency, token: str, url: str | None) -> None:
        self.account, self.token, self.url = account, token, url

    @classmethod
    def build(
        cls, account: Agency, env: Mapping[str, str], service_url: str | None, timeout: float
    ) -> Platform:
        return cls(account, env[cls.credential_names(account.credentials)[0]], service_url)

    def verify(self) -> Account:
        return Account("1", self.account.handle, "Dummy")

    def upload_media(self, data: bytes, mime_type: str, alt_text: str) -> str:
        return str(MediaToken("m1", alt_text))

    def post(
        self,
        text: str,
        media_ids: Sequence[str] = (),
        quote_of: str | None = None,
        in_reply_to: str | None = None,
    ) -> Published:
        return Published("1", text, None, "")

    def repost(self, remote_id: str) -> None: ...

    def delete(self, remote_id: str) -> None: ...

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        return {}

    def replies(
        self, conversation_id: str, since_id: str | None = None, next_token: str | None = None
    ) -> ReplyPage:
        return ReplyPage([], None, None)

    def recent_posts(self, limit: int = 100) -> list[Published]:
        return []


@pytest.fixture
def dummy(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[Dummy]]:
    registry.names()  # the built-ins first
    monkeypatch.setitem(registry._ADAPTERS, "dummy", Dummy)
    yield Dummy


AGENCY = """
[agency.tps]
name = "Toronto Police Service"
platform = "{platform}"
handle = "{handle}"
language = "en"
timezone = "America/Toronto"
tip_line = "416-222-8477"
credentials = "TPS"
"""


def registry_of(platform: str, handle: str) -> object:
    import tomllib

    text = AGENCY.format(platform=platform, handle=handle)
    return parse_registry(Path("agencies.toml"), tomllib.loads(text), text)


def test_builtins_register_the_same_way() -> None:
    assert registry.names()[:2] == ("x", "sandbox")
    assert registry.adapter("x") is XPlatform
    assert registry.adapter("sandbox") is SandboxPlatform
    assert XPlatform.credential_names("TPS") == [
        "TPS_X_API_KEY",
        "TPS_X_API_SECRET",
        "TPS_X_ACCESS_TOKEN",
        "TPS_X_ACCESS_SECRET",
    ]
    assert XPlatform.capabilities.quotes and not XPlatform.capabilities.idempotency
    assert "impressions" in XPlatform.capabilities.metrics
    # twitter-text: a URL weighs 23 whatever its length, an emoji 2.
    assert XPlatform.text_length("see https://example.com/" + "a" * 60) == 4 + 23
    assert XPlatform.text_length("\N{POLICE CARS REVOLVING LIGHT}") == 2


def test_a_registered_platform_is_valid_and_validated_by_its_own_rules(dummy) -> None:
    agencies = registry_of("dummy", "police.example")
    agency = agencies.get("tps")  # type: ignore[attr-defined]
    assert agency.credential_names() == ["TPS_DUMMY_TOKEN"]
    assert weighted_length("héllo", "dummy") == 5
    assert limit_for("dummy") == 10
    with pytest.raises(AgenciesInvalid, match=r"'@TorontoPolice' is not a handle like police\.ex"):
        registry_of("dummy", "@TorontoPolice")


def test_unknown_platform_names_the_registered_ones(dummy) -> None:
    with pytest.raises(
        AgenciesInvalid,
        match=re.escape("'myspace'; use one of x, sandbox, bluesky, mastodon, dummy."),
    ):
        registry_of("myspace", "@TPS")


def test_platform_for_builds_through_the_registry_with_the_drill_override(dummy) -> None:
    agency = registry_of("dummy", "police.example").get("tps")  # type: ignore[attr-defined]
    env = {"TPS_DUMMY_TOKEN": "secret"}
    built = platform_for(agency, Settings(env=env))
    assert isinstance(built, Dummy)
    assert (built.token, built.url) == ("secret", "https://dummy.example")
    drill = {**env, "BROADCASTER_DUMMY_URL": "http://127.0.0.1:9999"}
    assert platform_for(agency, Settings(env=drill)).url == "http://127.0.0.1:9999"  # type: ignore[attr-defined]
    with pytest.raises(
        UsageInvalid, match=re.escape("BROADCASTER_DUMMY_URL is 'https://evil.example'")
    ):
        platform_for(agency, Settings(env={**env, "BROADCASTER_DUMMY_URL": "https://evil.example"}))


def test_registering_twice_or_without_rules_is_refused(dummy) -> None:
    class Other(Dummy):
        pass

    with pytest.raises(TypeError, match="registered twice"):
        registry.register(Other)
    with pytest.raises(TypeError, match="not a Platform"):
        registry.register(int)  # type: ignore[type-var]


def test_post_ref_has_one_stable_string_form() -> None:
    x = PostRef("1830000000000000001")
    assert str(x) == "1830000000000000001"  # X's stored ids are unchanged
    bsky = PostRef("at://did:plc:abc/app.bsky.feed.post/3kq2", "bafyreib2")
    assert PostRef.parse(str(bsky)) == bsky
    assert PostRef.parse(str(x)) == x
    with pytest.raises(ValueError):
        PostRef("")


def test_media_token_carries_its_alt_text() -> None:
    token = MediaToken('{"$link": "bafk"}', "Photo d'un homme — « cheveux » courts")
    assert MediaToken.parse(str(token)) == token
    assert MediaToken.parse("1234567890") == MediaToken("1234567890")  # an older journal's id


def test_duplicate_content_is_a_rejection() -> None:
    assert issubclass(DuplicateContent, Rejected)
    assert not DuplicateContent("dup").transient


def test_the_core_never_tests_a_platform_name() -> None:
    root = Path(__file__).resolve().parents[1] / "broadcaster"
    owned = [
        "authoring/agencies.py",
        "authoring/prepare.py",
        "authoring/textlen.py",
        "launch",
        "campaign/status.py",
        "campaign/lifecycle.py",
    ]
    paths = [str(root / p) for p in owned]
    found = subprocess.run(
        ["grep", "-rnE", r"""(==|!=|in) *\(?["'](x|sandbox)["']""", *paths],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert found == "", found


def test_an_x_only_deployment_never_imports_the_other_sdks(tmp_path: Path) -> None:
    """The Bluesky SDK alone costs about 0.6 s to import: `validate` for agencies on X must
    not pay it (each platform's module is imported when that platform is asked for)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from broadcaster.platforms import registry\n"
        "names = registry.names()\n"
        "registry.adapter('x'); registry.adapter('sandbox')\n"
        "print(names, 'atproto' in sys.modules, 'mastodon' in sys.modules)\n"
        "registry.adapter('bluesky')\n"
        "print('atproto' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout.splitlines()
    assert out == ["('x', 'sandbox', 'bluesky', 'mastodon') False False", "True"]
