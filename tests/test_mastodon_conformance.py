"""The adapter's core path against two imitations of Mastodon: the project's own drill and the
`mastodon_mock` package.

Why mastodon_mock is still here (a dev dependency, used by this module only): the drill is
written by the same people as the adapter, so on its own it could drift into answers only
our adapter accepts. mastodon_mock is a third party's imitation, written against Mastodon's
documentation and its OpenAPI schema; the same steps pass on both or the drill is wrong.
It is no longer the drill server because it stores statuses one after another (one asyncio
loop over SQLite, 12-34 ms a status), which made a launch's spread measure it, not us.

Both run on a free 127.0.0.1 port, with the same accounts and tokens.
"""

from __future__ import annotations

import contextlib
import secrets
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from fixtures_mastodon import CITIZEN_TOKEN, DOMAIN, TOKENS, adapter, drill_accounts

from broadcaster.errors import AccountSuspended, CredentialsInvalid
from broadcaster.sandbox.mastodon import DrillAccount, MastodonDrill

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
ADMIN = "conformance_admin"

# The fields of Mastodon's entities (docs.joinmastodon.org/entities) a client may rely on:
# both imitations must give every one of them.
STATUS_FIELDS = {
    "id", "uri", "url", "created_at", "account", "content", "visibility", "sensitive",
    "spoiler_text", "media_attachments", "mentions", "tags", "emojis", "reblogs_count",
    "favourites_count", "replies_count", "in_reply_to_id", "in_reply_to_account_id",
    "reblog", "poll", "card", "language", "edited_at",
}  # fmt: skip
ACCOUNT_FIELDS = {
    "id", "username", "acct", "url", "display_name", "note", "avatar", "avatar_static",
    "header", "header_static", "locked", "fields", "emojis", "bot", "group", "discoverable",
    "created_at", "last_status_at", "statuses_count", "followers_count", "following_count",
}  # fmt: skip
MEDIA_FIELDS = {"id", "type", "url", "preview_url", "remote_url", "meta", "description", "blurhash"}


class MastodonMock:
    """mastodon_mock (FastAPI + SQLite) under uvicorn, in a thread, seeded with the accounts;
    suspension through its admin API, with an admin token of its own."""

    def __init__(self, accounts: list[DrillAccount], suspended: list[str]) -> None:
        self.accounts = accounts
        self.suspended = suspended
        self.admin_token = secrets.token_urlsafe(24)
        self.media = tempfile.TemporaryDirectory(prefix="mastodon-mock-")
        self.server: Any = None
        self.thread: threading.Thread | None = None
        self.url = ""

    def _config(self) -> Any:
        from mastodon_mock.config import (
            DatabaseConfig,
            MastodonMockConfig,
            SeedAccount,
            SeedConfig,
        )

        seeds = [
            SeedAccount(username=a.username, display_name=a.name or a.agency, access_token=a.token)
            for a in self.accounts
        ]
        seeds.append(SeedAccount(username=ADMIN, role="admin", access_token=self.admin_token))
        return MastodonMockConfig(
            domain=DOMAIN,
            url_scheme="http",
            database=DatabaseConfig(path=":memory:"),
            media_storage_path=self.media.name,
            seed=SeedConfig(accounts=seeds),
        )

    def start(self) -> str:
        import uvicorn
        from mastodon_mock.app import create_app

        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        with _pool_per_request():
            app = create_app(self._config())
        self.server = uvicorn.Server(
            uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
        )
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "mastodon_mock died"
            time.sleep(0.02)
        sock.close()  # uvicorn listens on its own duplicate
        for username in self.suspended:
            self._suspend(username)
        return self.url

    def _suspend(self, username: str) -> None:
        from mastodon import Mastodon

        admin = Mastodon(access_token=self.admin_token, api_base_url=self.url, request_timeout=5)
        account = admin.account_lookup(username)
        admin.admin_account_moderate(account["id"], action="suspend")

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=5)
        self.media.cleanup()


@contextlib.contextmanager
def _pool_per_request() -> Iterator[None]:
    """mastodon_mock's SQLite engine without a cap on its connection pool: with SQLAlchemy's
    default (5 + 10), a hundred requests at once take every connection for their token
    lookups and the sessions that would give them back wait behind them for the pool's
    30 s timeout (benchmarks/bench_mastodon_drill.py posts a hundred at once)."""
    from functools import partial

    import mastodon_mock.db.base as base
    from sqlalchemy import create_engine

    original = getattr(base, "create_engine", None)
    if original is None:  # another mastodon_mock layout: its own pool, as it comes
        yield
        return
    base.create_engine = partial(create_engine, pool_size=0, max_overflow=-1)
    try:
        yield
    finally:
        base.create_engine = original


@pytest.fixture(scope="module", params=["drill", "mastodon_mock"])
def server(request: pytest.FixtureRequest) -> Iterator[Any]:
    suspended = [f"@spvm@{DOMAIN}"]
    if request.param == "drill":
        imitation: Any = MastodonDrill(drill_accounts(), port=0, suspended=suspended)
    else:
        pytest.importorskip("mastodon_mock")
        imitation = MastodonMock(drill_accounts(), ["spvm"])
    imitation.start()
    try:
        yield imitation
    finally:
        imitation.stop()


def _get(server: Any, path: str, token: str = CITIZEN_TOKEN) -> Any:
    answer = requests.get(
        server.url + path, headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    answer.raise_for_status()
    return answer.json()


def _post(server: Any, path: str, token: str = CITIZEN_TOKEN, **data: str) -> Any:
    answer = requests.post(
        server.url + path, headers={"Authorization": f"Bearer {token}"}, data=data, timeout=10
    )
    answer.raise_for_status()
    return answer.json()


def test_a_photo_post_with_alt_text_its_reply_its_counts_and_its_deletion(server: Any) -> None:
    tps = adapter(server, "tps")
    assert tps.verify().handle == f"@tps@{DOMAIN}"
    media_id = tps.upload_media(PNG, "image/png", "A grey car, seen from the left.")
    published = tps.post("Have you seen this car? #Appeal", [media_id], idempotency_key="c-1")
    assert published.text == "Have you seen this car? #Appeal"
    again = tps.post("Have you seen this car? #Appeal", [media_id], idempotency_key="c-1")
    assert again.remote_id == published.remote_id

    held = _get(server, f"/api/v1/statuses/{published.remote_id}")
    assert set(held) >= STATUS_FIELDS, STATUS_FIELDS - set(held)
    assert set(held["account"]) >= ACCOUNT_FIELDS, ACCOUNT_FIELDS - set(held["account"])
    [media] = held["media_attachments"]
    assert set(media) >= MEDIA_FIELDS and media["description"] == "A grey car, seen from the left."
    assert isinstance(held["id"], str) and isinstance(held["account"]["id"], str)

    reply = _post(
        server,
        "/api/v1/statuses",
        status="Seen on King St at 9 <b>pm</b>",
        in_reply_to_id=published.remote_id,
    )
    _post(server, f"/api/v1/statuses/{published.remote_id}/favourite")
    adapter(server, "rcmp").repost(published.remote_id)

    page = tps.replies(published.remote_id)
    assert [(r.remote_id, r.text) for r in page.replies] == [
        (reply["id"], "Seen on King St at 9 <b>pm</b>")
    ]
    assert page.replies[0].author_handle == "@citizen"
    assert page.replies[0].in_reply_to == published.remote_id
    counts = tps.metrics([published.remote_id])[published.remote_id]
    assert (counts.likes, counts.reposts, counts.replies) == (1, 1, 1)
    assert tps.recent_posts(limit=5)[0].remote_id == published.remote_id

    tps.delete(published.remote_id)
    tps.delete(published.remote_id)  # gone already: fine
    assert tps.metrics([published.remote_id]) == {}


def test_a_suspended_account_and_a_wrong_token(server: Any) -> None:
    with pytest.raises(AccountSuspended):
        adapter(server, "spvm").verify()
    with pytest.raises(AccountSuspended):
        adapter(server, "spvm").post("Alerte")
    with pytest.raises(CredentialsInvalid, match="TPS_MASTODON_ACCESS_TOKEN"):
        adapter(server, "tps", token="not-the-token").post("x")


def test_the_instance_states_its_limits(server: Any) -> None:
    tps = adapter(server, "tps")
    assert tps.instance_max_length() == 500
    assert {"JPEG", "PNG"} <= tps.instance_photo_limits().formats
    described = _get(server, "/api/v2/instance")
    assert described["configuration"]["statuses"]["max_characters"] == 500
    assert TOKENS["tps"] not in str(described)
