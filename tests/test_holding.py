"""The connection-level hold: a request is built and handed to its connection, and its bytes
leave only when the gate opens. Ordering is shown with events, never with timing."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
import requests

from broadcaster.launch.gate import Aborted, Gate
from broadcaster.platforms.base import Account, Metrics, Platform, Published, ReplyPage
from broadcaster.platforms.holding import (
    HeldHTTPConnectionPool,
    HeldHTTPSConnection,
    HeldHTTPSConnectionPool,
    HoldingAdapter,
)


class TinyServer:
    """A loopback HTTP/1.1 server that answers every request `200 ok` on a kept-alive
    connection and logs, in arrival order, each request line it has read."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.log: list[str] = []  # shared with the client's wait(): the order of events
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def note(self, event: str) -> None:
        with self.lock:
            self.log.append(event)

    def unread(self) -> bool:
        """Bytes have reached a connection that the server has not read yet."""
        for connection in list(self.connections):
            try:
                if connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT):
                    return True
            except BlockingIOError:
                continue
        return False

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        buffer = b""
        while True:
            while b"\r\n\r\n" not in buffer:
                try:
                    data = connection.recv(65536)
                except OSError:
                    return
                if not data:
                    return
                buffer += data
            head, _, buffer = buffer.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            fields = dict(line.lower().split(":", 1) for line in lines[1:])
            length = int(fields.get("content-length", 0))
            while len(buffer) < length:
                buffer += connection.recv(65536)
            buffer = buffer[length:]
            method, target, _ = lines[0].split(" ")
            self.note(f"received {method} {target}")
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")

    def stop(self) -> None:
        self.listener.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def server() -> Iterator[TinyServer]:
    tiny = TinyServer()
    yield tiny
    tiny.stop()


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as held:
        adapter = HoldingAdapter()
        held.mount("http://", adapter)
        held.mount("https://", adapter)
        yield held


def adapter_of(session: requests.Session) -> HoldingAdapter:
    adapter = session.get_adapter("http://127.0.0.1/")
    assert isinstance(adapter, HoldingAdapter)
    return adapter


class Held:
    """A wait() that notes when it is reached, then blocks until `go` is set."""

    def __init__(self, server: TinyServer) -> None:
        self.server = server
        self.reached, self.go = threading.Event(), threading.Event()
        self.unread_at_hold: bool | None = None
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1
        self.unread_at_hold = self.server.unread()
        self.server.note("held")
        self.reached.set()
        assert self.go.wait(10)
        self.server.note("released")


def in_thread(call: Any) -> tuple[threading.Thread, dict[str, Any]]:
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = call()
        except BaseException as error:
            result["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


def test_the_armed_request_is_written_only_when_the_wait_returns(server, session, caplog):
    assert session.get(server.url + "/warm").text == "ok"  # the connection the launch warms
    pools = adapter_of(session).poolmanager.pools
    # the warm connection's pool (urllib3's container has keys() but refuses iteration)
    (pool,) = (pools[key] for key in pools.keys())  # noqa: SIM118
    wait = Held(server)

    def post() -> requests.Response:
        adapter_of(session).hold_next(wait)
        return session.post(server.url + "/2/tweets", json={"text": "EXERCISE"})

    thread, result = in_thread(post)
    assert wait.reached.wait(10)
    assert server.log == ["received GET /warm", "held"]  # built, connected, not written
    assert wait.unread_at_hold is False
    assert pool.num_requests == 2  # urllib3 has handed the request to the connection
    wait.go.set()
    thread.join(10)
    assert result["value"].text == "ok"
    assert server.log == ["received GET /warm", "held", "released", "received POST /2/tweets"]
    assert len(server.connections) == 1  # on the warm connection, not a new one
    assert "cannot hold" not in caplog.text


def test_a_hold_is_taken_once_and_only_by_the_thread_that_armed_it(server, session):
    wait = Held(server)
    wait.go.set()
    adapter_of(session).hold_next(wait)
    other, result = in_thread(lambda: session.get(server.url + "/other-thread"))
    other.join(10)
    assert result["value"].text == "ok"
    assert wait.calls == 0
    session.get(server.url + "/first")
    session.get(server.url + "/second")
    assert wait.calls == 1
    assert server.log == [
        "received GET /other-thread",
        "held",
        "released",
        "received GET /first",
        "received GET /second",
    ]


def test_a_cancelled_hold_is_not_taken(server, session):
    wait = Held(server)
    adapter_of(session).hold_next(wait)
    adapter_of(session).cancel_hold()
    assert session.get(server.url + "/straight").text == "ok"
    assert wait.calls == 0


def test_a_request_that_fails_before_writing_leaves_no_hold_behind(server, session):
    wait = Held(server)
    wait.go.set()
    refused = socket.create_server(("127.0.0.1", 0))
    closed_url = f"http://127.0.0.1:{refused.getsockname()[1]}"
    refused.close()  # nothing listens there any more
    adapter_of(session).hold_next(wait)
    with pytest.raises(requests.ConnectionError):
        session.get(closed_url + "/nobody")
    assert wait.calls == 0  # it never got to write: the caller knows (its wait never ran)
    session.get(server.url + "/next")
    assert wait.calls == 0


def test_a_wait_that_raises_sends_nothing(server, session):
    session.get(server.url + "/warm")

    def abort() -> None:
        raise Aborted

    adapter_of(session).hold_next(abort)
    with pytest.raises(Aborted):
        session.post(server.url + "/2/tweets", json={"text": "never"})
    assert session.get(server.url + "/after").text == "ok"
    assert server.log == ["received GET /warm", "received GET /after"]


def test_https_goes_through_the_holding_pool(session):
    pool = adapter_of(session).poolmanager.connection_from_url("https://api.twitter.com/")
    assert isinstance(pool, HeldHTTPSConnectionPool)
    assert pool.ConnectionCls is HeldHTTPSConnection
    plain = adapter_of(session).poolmanager.connection_from_url("http://127.0.0.1:9/")
    assert isinstance(plain, HeldHTTPConnectionPool)


def test_a_pool_that_cannot_hold_holds_before_it_and_says_so(server, session, monkeypatch, caplog):
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    wait = Held(server)
    adapter_of(session).hold_next(wait)
    proxies = {"http": server.url}  # a proxy manager's pools are urllib3's own

    def get() -> requests.Response:
        adapter_of(session).hold_next(wait)
        return session.get("http://api.example.test/2/users/me", proxies=proxies)

    with caplog.at_level(logging.WARNING, logger="broadcaster.platforms.holding"):
        thread, result = in_thread(get)
        assert wait.reached.wait(10)
        assert server.log == ["held"]
        wait.go.set()
        thread.join(10)
    assert result["value"].text == "ok"
    assert server.log == ["held", "released", "received GET http://api.example.test/2/users/me"]
    assert "holding it before the pool instead" in caplog.text


# -- the launch's gate -------------------------------------------------------------------


def test_the_gate_holds_a_post_at_the_write_until_the_release(drill):
    platform = drill.platform(drill.keys[0])
    platform.warm()
    go, abort, ready = threading.Event(), threading.Event(), threading.Semaphore(0)
    gate = Gate(go, abort, ready)

    def post() -> Published:
        assert gate.install(platform)
        return platform.post("EXERCISE: held at the gate")

    thread, result = in_thread(post)
    assert ready.acquire(timeout=10)  # signed and at the connection's write
    assert gate.reached
    assert drill.server.posts() == []
    go.set()
    thread.join(10)
    assert [p["id"] for p in drill.server.posts()] == [result["value"].remote_id]
    assert gate.released is not None


def test_an_aborted_gate_sends_nothing_and_the_next_post_goes(drill):
    platform = drill.platform(drill.keys[0])
    platform.warm()
    go, abort, ready = threading.Event(), threading.Event(), threading.Semaphore(0)
    gate = Gate(go, abort, ready)

    def post() -> Published:
        assert gate.install(platform)
        return platform.post("EXERCISE: called off")

    thread, result = in_thread(post)
    assert ready.acquire(timeout=10)
    abort.set()
    go.set()
    thread.join(10)
    assert isinstance(result["error"], Aborted)
    assert drill.server.posts() == []
    platform.post("EXERCISE: the next one")
    assert len(drill.server.posts()) == 1


class Unheld(Platform):
    """A platform with no connection to hold at (the base class's default)."""

    name = "unheld"

    def verify(self) -> Account:
        raise NotImplementedError

    def upload_media(self, data: bytes, mime_type: str, alt_text: str) -> str:
        raise NotImplementedError

    def post(
        self,
        text: str,
        media_ids: Sequence[str] = (),
        quote_of: str | None = None,
        in_reply_to: str | None = None,
    ) -> Published:
        raise NotImplementedError

    def repost(self, remote_id: str) -> None:
        raise NotImplementedError

    def delete(self, remote_id: str) -> None:
        raise NotImplementedError

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        raise NotImplementedError

    def replies(
        self, conversation_id: str, since_id: str | None = None, next_token: str | None = None
    ) -> ReplyPage:
        raise NotImplementedError

    def recent_posts(self, limit: int = 100) -> list[Published]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return "Unheld()"


def test_a_platform_that_cannot_hold_falls_back_and_the_log_says_so(caplog):
    gate = Gate(threading.Event(), threading.Event(), threading.Semaphore(0))
    with caplog.at_level(logging.INFO, logger="broadcaster.launch.gate"):
        assert gate.install(Unheld()) is False
    assert "Unheld() cannot hold a request at its connection's write" in caplog.text
    assert "starts at the release instead" in caplog.text
