"""A follower count a platform did not give is unknown, never 0: a Bluesky profile the
AppView has not indexed yet (or one without a count), an X account whose answer lacks
its public metrics. The launch stores None, and the reports say "—" / null and what the
potential audience leaves out, where a 0 would read as "nobody follows this account"."""

from __future__ import annotations

import base64
import csv
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fixtures_launch import FAST, approved_campaign
from fixtures_sandbox import Drill
from rich.console import Console
from sqlmodel import Session, select

from broadcaster.launch.run import launch
from broadcaster.platforms.bluesky import BlueskyPlatform
from broadcaster.responses.report import build_report, render, render_text
from broadcaster.sandbox.server import SandboxServer
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Post

DID = "did:plc:unknownfollowers00000000"


def _jwt(claims: dict[str, Any]) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.c2lnbmF0dXJl"


class _AppView(BaseHTTPRequestHandler):
    """A PDS and AppView on loopback: sign-in works; the profile answers as the test says
    (`profile`: None is the AppView's 400 for an account it has not indexed)."""

    profile: dict[str, Any] | None = None
    seen: list[str]

    def log_message(self, *_: Any) -> None:  # quiet
        pass

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        self.seen.append(self.path.split("?")[0])
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.startswith("/xrpc/com.atproto.server.createSession"):
            claims = {"scope": "com.atproto.appPass", "sub": DID, "exp": 4_102_444_800}
            self._answer(
                200,
                {
                    "accessJwt": _jwt(claims),
                    "refreshJwt": _jwt({**claims, "scope": "com.atproto.refresh"}),
                    "handle": "spvm.drill.test",
                    "did": DID,
                },
            )
        else:
            self._answer(501, {"error": "MethodNotImplemented", "message": self.path})

    def do_GET(self) -> None:
        self.seen.append(self.path.split("?")[0])
        if self.path.startswith("/xrpc/app.bsky.actor.getProfile") and self.profile is not None:
            self._answer(200, {"did": DID, "handle": "spvm.drill.test", **self.profile})
        elif self.path.startswith("/xrpc/app.bsky.actor.getProfile"):
            self._answer(400, {"error": "InvalidRequest", "message": "Profile not found"})
        else:
            self._answer(501, {"error": "MethodNotImplemented", "message": self.path})


@pytest.fixture
def appview() -> Iterator[tuple[str, type[_AppView]]]:
    handler = type("AppView", (_AppView,), {"seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("profile", "followers"),
    [
        (None, None),  # not indexed yet: the AppView's 400
        ({"displayName": "SPVM"}, None),  # a profile without a count
        ({"displayName": "SPVM", "followersCount": 0}, 0),  # a real 0 stays 0
        ({"displayName": "SPVM", "followersCount": 230_000}, 230_000),
    ],
)
def test_a_bluesky_profile_without_a_count_gives_no_follower_count(
    appview: tuple[str, type[_AppView]], profile: dict[str, Any] | None, followers: int | None
) -> None:
    url, handler = appview
    handler.profile = profile
    platform = BlueskyPlatform("spvm.drill.test", "drill-app-password", service=url)
    try:
        account = platform.verify()
    finally:
        platform.close()
    assert account.id == DID and account.handle == "@spvm.drill.test"
    assert account.followers == followers
    assert "/xrpc/app.bsky.actor.getProfile" in handler.seen  # it did ask


def test_a_launch_stores_an_unknown_follower_count_and_the_reports_say_so(
    drill: Drill, monkeypatch: pytest.MonkeyPatch
) -> None:
    """X gives no public metrics for one account (as the drill is told): its post's
    followers stay None, the others' counts are stored, and every report says "—"/null
    for it and leaves it out of the potential audience, by name."""
    silent = drill.registry.get(drill.keys[1]).handle.lstrip("@").lower()
    user_view = SandboxServer._user_view

    def without_metrics(self: SandboxServer, user: Any, fields: set[str]) -> dict[str, Any]:
        view = user_view(self, user, fields)
        if user.username.lower() == silent:
            view.pop("public_metrics", None)
        return view

    monkeypatch.setattr(SandboxServer, "_user_view", without_metrics)
    path = approved_campaign(drill)
    engine = open_db(drill.settings.db_url)
    try:
        report = launch(drill.settings, path, operator="Cst. Test", policy=FAST, engine=engine)
        assert report.complete
        with Session(engine) as session:
            stored = {p.agency: p.followers for p in session.exec(select(Post)).all()}
        known = {
            key: drill.server.store.account_by_handle(drill.registry.get(key).handle)
            for key in drill.keys
        }
        assert stored[drill.keys[1]] is None
        for key in drill.keys:
            if key != drill.keys[1]:
                account = known[key]
                assert account is not None and stored[key] == account.followers > 0

        reach = build_report(engine, "drill-1", settings=drill.settings)
    finally:
        engine.dispose()
    total = sum(v for v in stored.values() if v is not None)
    assert reach.potential_audience == total
    assert [p.agency for p in reach.unknown_followers] == [drill.keys[1]]

    out = io.StringIO()
    render_text(reach, Console(file=out, width=120, highlight=False, color_system=None))
    text = out.getvalue()
    flat = " ".join(text.split())
    assert f"{total:,} followers, leaving out {drill.keys[1]} (the X sandbox): " in flat
    assert "follower count unknown" in flat
    row = next(line for line in text.splitlines() if f" {drill.keys[1]} (sandbox)" in line)
    # followers, impressions, engagements: the first is the unknown count.
    assert row.split()[-3] == "—"

    data = json.loads(render(reach, "json"))
    post = next(p for p in data["posts"] if p["agency"] == drill.keys[1])
    assert post["followers"] is None
    assert data["potential_audience"] == total
    assert data["potential_audience_leaves_out"] == [drill.keys[1]]
    rows = list(csv.DictReader(io.StringIO(render(reach, "csv"))))
    assert next(r for r in rows if r["agency"] == drill.keys[1])["followers"] == ""
    assert rows[-1]["agency"] == "TOTAL" and rows[-1]["followers"] == str(total)
    document = render(reach, "html")
    assert "follower count unknown" in document and "0 followers" not in document


def test_the_account_check_says_the_count_is_unknown_rather_than_failing(
    drill: Drill, capsys: pytest.CaptureFixture[str]
) -> None:
    from broadcaster.cli.views.sandbox import print_checks
    from broadcaster.platforms.base import Account
    from broadcaster.platforms.check import AgencyCheck

    agencies = [drill.registry.get(key) for key in drill.keys[:2]]
    print_checks(
        [
            AgencyCheck(agencies[0], Account("1", agencies[0].handle, "A", followers=None), None),
            AgencyCheck(agencies[1], Account("2", agencies[1].handle, "B", followers=0), None),
        ]
    )
    out = " ".join(capsys.readouterr().out.split())
    assert "OK — follower count unknown" in out and "OK — 0 followers" in out
