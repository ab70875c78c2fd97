"""A webhook receiver on 127.0.0.1 for notification tests: apprise's json:// posts to it.

Each request is kept (path, JSON body, Authorization header); `status` is what it answers,
per path prefix (500 makes a failing destination).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class Received:
    path: str
    body: dict[str, Any]
    authorization: str | None


@dataclass
class Receiver:
    port: int = 0
    received: list[Received] = field(default_factory=list)
    failing: set[str] = field(default_factory=set)  # paths answered with 500

    def url(self, path: str) -> str:
        return f"json://127.0.0.1:{self.port}/{path}"

    def at(self, path: str) -> list[Received]:
        return [r for r in self.received if r.path == f"/{path}"]


@pytest.fixture(name="receiver")
def receiver_fixture() -> Iterator[Receiver]:
    """Import `receiver_fixture` to use the `receiver` fixture in another test file."""
    state = Receiver()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            with lock:
                state.received.append(Received(self.path, body, self.headers.get("Authorization")))
            code = 500 if self.path.lstrip("/") in state.failing else 200
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def test_the_receiver_keeps_what_apprise_posts_and_fails_on_demand(receiver: Receiver) -> None:
    import apprise

    receiver.failing.add("down")
    sent = apprise.Apprise()
    sent.add(receiver.url("up"))
    assert sent.notify(title="t", body="b")
    failing = apprise.Apprise()
    failing.add(receiver.url("down"))
    assert not failing.notify(title="t", body="b")
    assert [r.body["title"] for r in receiver.at("up")] == ["t"]
    assert len(receiver.at("down")) == 1
