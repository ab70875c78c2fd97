"""The launch's batched release: held requests are written by the releasing thread, in one
loop, before any held thread wakes; called off, none is written."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
import requests

from broadcaster.launch.gate import Aborted, Batch, Gate
from broadcaster.platforms.holding import HoldingAdapter


class _Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the platforms do
    received: ClassVar[list[bytes]] = []

    def do_POST(self) -> None:
        self.received.append(self.rfile.read(int(self.headers["Content-Length"])))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[bytes]]]:
    received: list[bytes] = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_Recorder,), {"received": received}))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", received
    httpd.shutdown()
    httpd.server_close()


def _session() -> tuple[requests.Session, HoldingAdapter]:
    session, adapter = requests.Session(), HoldingAdapter()
    session.mount("http://", adapter)
    return session, adapter


def _until(check: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + 5
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def _held_posts(
    url: str, count: int, gate_for: Callable[[], Gate]
) -> tuple[list[threading.Thread], list[Any]]:
    results: list[Any] = []
    threads = []
    for number in range(count):
        session, adapter = _session()
        session.post(url, json={"warm": number})  # a warm connection, as after preflight
        gate = gate_for()

        def post(session: requests.Session = session, adapter: HoldingAdapter = adapter,
                 gate: Gate = gate, number: int = number) -> None:  # fmt: skip
            adapter.hold_next(gate)
            try:
                results.append(session.post(url, json={"post": number}).status_code)
            except Aborted:
                results.append("aborted")

        threads.append(threading.Thread(target=post))
    for thread in threads:
        thread.start()
    return threads, results


def test_the_releasing_thread_writes_every_held_request_before_any_wakes(
    server: tuple[str, list[bytes]],
) -> None:
    url, received = server
    go, abort, ready, batch = threading.Event(), threading.Event(), threading.Semaphore(0), Batch()
    gates: list[Gate] = []

    def gate_for() -> Gate:
        gates.append(Gate(go, abort, ready, batch))
        return gates[-1]

    threads, results = _held_posts(url, 5, gate_for)
    for _ in threads:
        assert ready.acquire(timeout=10)
    assert [body for body in received if b"post" in body] == []  # held, whole
    batch.write_all()
    # Written by this thread alone: the held threads have not been released yet.
    assert _until(lambda: sum(b"post" in body for body in received) == 5)
    assert not go.is_set() and results == []
    go.set()
    for thread in threads:
        thread.join(10)
    assert results == [200] * 5
    assert all(gate.released is not None for gate in gates)


def test_a_called_off_release_writes_nothing(server: tuple[str, list[bytes]]) -> None:
    url, received = server
    go, abort, ready, batch = threading.Event(), threading.Event(), threading.Semaphore(0), Batch()
    threads, results = _held_posts(url, 3, lambda: Gate(go, abort, ready, batch))
    for _ in threads:
        assert ready.acquire(timeout=10)
    abort.set()
    go.set()
    for thread in threads:
        thread.join(10)
    assert results == ["aborted"] * 3
    assert [body for body in received if b"post" in body] == []


def test_a_request_held_after_the_release_writes_itself(server: tuple[str, list[bytes]]) -> None:
    """One that reached its hold only after the release (the wave stopped waiting for it)
    is not lost in a batch already written: its own thread writes it."""
    url, received = server
    go, abort, ready, batch = threading.Event(), threading.Event(), threading.Semaphore(0), Batch()
    batch.write_all()  # the release has happened
    go.set()
    threads, results = _held_posts(url, 1, lambda: Gate(go, abort, ready, batch))
    threads[0].join(10)
    assert results == [200]
    assert sum(b"post" in body for body in received) == 1
