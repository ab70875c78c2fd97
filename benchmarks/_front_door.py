"""A platform's front door for the benchmarks: a loopback HTTP proxy in front of a server we
did not write (the reference Bluesky PDS), stamping each request as the X sandbox does.

Why: a launch's spread is judged on the platform's time of arrival. The X sandbox stamps each
post with the kernel's receive time of its first bytes (SO_TIMESTAMPNS) and answers it
`latency` after that arrival, its work included, the latency slept in the request's own thread
so that requests never wait for one another. The PDS's only clock is its commit (`rev`, a TID),
taken after its own queue: the commits of a burst follow one another, a few ms each. This door
gives the PDS the X sandbox's stamp and distance (the same server pieces,
`broadcaster.sandbox.http`), so both rows measure the same thing; the commit times stay
available next to the arrivals, as the PDS's own figure.

Each request is forwarded at once on the handling thread's own keep-alive connection to its
PDS; the answer leaves no earlier than arrival + a latency drawn in [low, high].

The benchmark's PDS runs without its AppView, so the door answers the AppView's reads
(`app.bsky.*`) itself, as Bluesky's AppView answers them for an account it has not indexed
yet: 400 "Profile not found". The launch reads one thing there, the profile in preflight, and
goes on without it; the PDS's own answer (502, no AppView configured) would have preflight
retry each account for about 8 s instead.

    python benchmarks/_front_door.py --latency 150ms-250ms URL [URL ...]

starts one door per upstream URL (each on a free port of 127.0.0.1) and prints one JSON line,
{"urls": [...]}, in the upstreams' order. `GET /_front_door/requests` on any door lists every
request that door forwarded: method, path, arrived (kernel receive time, epoch seconds),
forwarded, answered (the PDS's answer read) and status.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from broadcaster.sandbox.http import HTTPServer, Reply, Request

# Headers about one hop's connection: never forwarded (RFC 9110 7.6.1), nor the length,
# which the door's server writes itself for the body it sends.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "content-length",
        "date",
        "server",
    }
)
APPVIEW_READS = "/xrpc/app.bsky."
NOT_INDEXED = json.dumps({"error": "InvalidRequest", "message": "Profile not found"}).encode()


def parse_latency(text: str) -> tuple[float, float]:
    """'150ms-250ms' or '0' → (0.15, 0.25) seconds, as `sandbox serve --latency` reads it."""

    def seconds(part: str) -> float:
        part = part.strip()
        if part.endswith("ms"):
            return float(part[:-2]) / 1000
        return float(part.rstrip("s"))

    low, sep, high = text.partition("-")
    return (seconds(low), seconds(high if sep else low))


class FrontDoor:
    """The app behind one door: forward, record, answer at arrival + latency."""

    def __init__(self, upstream: str, latency: tuple[float, float]) -> None:
        parts = urlsplit(upstream)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.latency = latency
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._local = threading.local()  # each connection's thread: its own upstream socket

    def _upstream(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
            self._local.conn = conn
        return conn

    def _forward(self, request: Request) -> http.client.HTTPResponse:
        headers = {k: v for k, v in request.headers.items() if k not in HOP_BY_HOP}
        headers["host"] = f"{self.host}:{self.port}"
        for attempt in (1, 2):
            conn = self._upstream()
            try:
                conn.request(request.method, request.target, body=request.body, headers=headers)
                return conn.getresponse()
            except (ConnectionError, http.client.RemoteDisconnected):
                # The PDS closed an idle keep-alive connection: open a new one, once.
                conn.close()
                self._local.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def __call__(self, request: Request) -> Reply:
        if request.path == "/_front_door/requests":
            with self._lock:
                return Reply(200, list(self.requests))
        forwarded = time.time()
        if request.path.startswith(APPVIEW_READS):
            status, body = 400, NOT_INDEXED
            headers = {"Content-Type": "application/json; charset=utf-8"}
        else:
            response = self._forward(request)
            status, body = response.status, response.read()
            headers = {
                k.title(): v for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP
            }
        answered = time.time()
        with self._lock:
            self.requests.append(
                {
                    "method": request.method,
                    "path": request.path,
                    "arrived": request.arrived,
                    "forwarded": forwarded,
                    "answered": answered,
                    "status": status,
                }
            )
        low, high = self.latency
        delay = request.arrived + random.uniform(low, high) - time.time()
        if delay > 0:
            time.sleep(delay)  # this request's thread only: no request waits for another
        headers.setdefault("Content-Type", "application/octet-stream")
        return Reply(status, body, headers)


class ServedFrontDoor:
    """This file run as a child process of the benchmark: the door stands for the platform's
    edge on another machine, so it takes none of the client's GIL."""

    def __init__(self, upstreams: list[str], latency: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("BROADCASTER_")}
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--latency", latency, *upstreams],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.urls: list[str] = json.loads(self.process.stdout.readline())["urls"]

    def requests(self) -> list[dict[str, Any]]:
        """What every door forwarded, in arrival order."""
        found: list[dict[str, Any]] = []
        for url in self.urls:
            parts = urlsplit(url)
            conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
            conn.request("GET", "/_front_door/requests")
            found.extend(json.loads(conn.getresponse().read()))
            conn.close()
        return sorted(found, key=lambda r: r["arrived"])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def serve(upstreams: list[str], latency: tuple[float, float]) -> list[HTTPServer]:
    servers = []
    for upstream in upstreams:
        server = HTTPServer(("127.0.0.1", 0), FrontDoor(upstream, latency))
        threading.Thread(target=server.serve_forever, name="front-door", daemon=True).start()
        servers.append(server)
    return servers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("upstreams", nargs="+")
    parser.add_argument("--latency", default="0")
    options = parser.parse_args()
    servers = serve(options.upstreams, parse_latency(options.latency))
    urls = [f"http://127.0.0.1:{s.server_address[1]}" for s in servers]
    print(json.dumps({"urls": urls}), flush=True)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    with contextlib.suppress(KeyboardInterrupt):
        stopped.wait()
    for server in servers:
        server.shutdown()
        server.close_connections()
    sys.exit(0)


if __name__ == "__main__":
    main()
