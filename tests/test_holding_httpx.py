"""The httpx transport that holds a request until a launch's release (the Bluesky adapter's)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx
import pytest

from broadcaster.platforms.bluesky import BlueskyPlatform
from broadcaster.platforms.holding_httpx import HoldingTransport


class _Counter(BaseHTTPRequestHandler):
    received: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append(body.decode())
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    received: ClassVar[list[str]] = []
    handler = type("Handler", (_Counter,), {"received": received})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", received
    httpd.shutdown()
    httpd.server_close()


def test_a_held_request_leaves_only_when_the_wait_returns(server: tuple[str, list[str]]) -> None:
    url, received = server
    transport = HoldingTransport()
    client = httpx.Client(transport=transport)
    seen_at_release: list[int] = []
    transport.hold_next(lambda: seen_at_release.append(len(received)))
    assert client.post(url, content=b"held").is_success
    assert seen_at_release == [0]  # nothing had left while it was held
    assert received == ["held"]
    assert client.post(url, content=b"next").is_success  # the hold was for one request
    assert seen_at_release == [0] and received == ["held", "next"]
    client.close()


def test_a_wait_that_raises_sends_nothing(server: tuple[str, list[str]]) -> None:
    url, received = server
    transport = HoldingTransport()
    client = httpx.Client(transport=transport)

    def abort() -> None:
        raise RuntimeError("called off")

    transport.hold_next(abort)
    with pytest.raises(RuntimeError, match="called off"):
        client.post(url, content=b"never")
    assert received == []
    client.close()


def test_the_hold_belongs_to_the_thread_that_armed_it(server: tuple[str, list[str]]) -> None:
    url, received = server
    transport = HoldingTransport()
    client = httpx.Client(transport=transport)
    release = threading.Event()
    transport.hold_next(release.wait)
    other = threading.Thread(target=lambda: client.post(url, content=b"other thread"))
    other.start()
    other.join(5)
    assert received == ["other thread"]  # not held: armed in another thread
    release.set()
    transport.cancel_hold()
    assert client.post(url, content=b"mine").is_success
    assert received == ["other thread", "mine"]
    client.close()


def test_the_bluesky_adapter_holds_through_its_transport() -> None:
    platform = BlueskyPlatform("tps.test", "pw", service="http://127.0.0.1:9")
    assert platform.hold_next_request(lambda: None) is True
    platform.cancel_held_request()
    platform.close()


def test_the_release_writes_a_held_request_before_its_thread_wakes(
    server: tuple[str, list[str]],
) -> None:
    from broadcaster.launch.gate import Batch, Gate

    url, received = server
    transport = HoldingTransport()
    client = httpx.Client(transport=transport)
    assert client.post(url, content=b"warm").is_success  # a warm connection
    go, abort, ready, batch = threading.Event(), threading.Event(), threading.Semaphore(0), Batch()
    gate = Gate(go, abort, ready, batch)
    answers: list[int] = []

    def post() -> None:
        transport.hold_next(gate)
        answers.append(client.post(url, content=b"held").status_code)

    thread = threading.Thread(target=post)
    thread.start()
    assert ready.acquire(timeout=10)
    assert received == ["warm"]  # held, whole
    batch.write_all()  # this thread writes it; the held one still waits for `go`
    deadline = time.monotonic() + 5
    while received != ["warm", "held"] and time.monotonic() < deadline:
        time.sleep(0.01)
    assert received == ["warm", "held"] and answers == []
    go.set()
    thread.join(10)
    assert answers == [200] and gate.released is not None
    client.close()


def test_a_called_off_release_sends_nothing_and_the_client_goes_on(
    server: tuple[str, list[str]],
) -> None:
    from broadcaster.launch.gate import Aborted, Batch, Gate

    url, received = server
    transport = HoldingTransport()
    client = httpx.Client(transport=transport)
    go, abort, ready, batch = threading.Event(), threading.Event(), threading.Semaphore(0), Batch()
    gate = Gate(go, abort, ready, batch)
    outcome: list[str] = []

    def post() -> None:
        transport.hold_next(gate)
        try:
            client.post(url, content=b"never")
        except Aborted:
            outcome.append("aborted")

    thread = threading.Thread(target=post)
    thread.start()
    assert ready.acquire(timeout=10)
    abort.set()
    go.set()
    thread.join(10)
    assert outcome == ["aborted"] and received == []
    assert client.post(url, content=b"after").is_success
    assert received == ["after"]
    client.close()
