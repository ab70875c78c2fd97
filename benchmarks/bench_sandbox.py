"""The sandbox's own capacity, so that launch figures are not bounded by it.

The sandbox runs as `broadcaster sandbox serve` in its own process (as in a drill), with a
drill workspace of 200 agencies. Measured:
- throughput and per-request latency at 200 concurrent keep-alive connections, no simulated
  latency: through the real X adapter (tweepy), and with a lean pre-signed HTTP client that
  shows what the server alone sustains;
- 200 posts fired at once with 150–250 ms simulated latency: the wall time should be about
  the slowest single request, not the sum;
- one account posting in turn at 120–180 ms simulated latency: each request takes that
  latency, plus little (the unit tests check the latencies drawn, not the times seen);
- a 100k-reply thread (a flood): the server's memory, and paging through it with the adapter.
"""

from __future__ import annotations

import http.client
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _common import figure
from _sandbox import ServedSandbox

from broadcaster.authoring.agencies import load_registry
from broadcaster.config import Settings
from broadcaster.platforms import platform_for
from broadcaster.platforms.base import Platform
from broadcaster.sandbox.drill import DrillWorkspace, write_drill_workspace

AGENCIES = 200
POSTS_EACH = 5


def adapters(workspace: DrillWorkspace, url: str) -> list[Platform]:
    settings = Settings(env={**workspace.env, "BROADCASTER_SANDBOX_URL": url})
    registry = load_registry(workspace.agencies_path)
    return [platform_for(agency, settings, timeout=30) for agency in registry]


def fire_together(
    workers: list[Callable[[], list[float]]],
) -> tuple[float, list[float]]:
    """Run each worker in its own thread from one barrier; (wall seconds, all latencies)."""
    barrier = threading.Barrier(len(workers) + 1)
    results: list[list[float]] = [[] for _ in workers]

    def run(index: int) -> None:
        barrier.wait()
        results[index] = workers[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(workers))]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, [x for r in results for x in r]


def warming(platform: Platform) -> Callable[[], list[float]]:
    """One keep-alive connection per account, opened before the measure (as a launch does)."""

    def work() -> list[float]:
        platform.warm()
        return []

    return work


def timed_posts(platform: Platform, tag: str, count: int) -> Callable[[], list[float]]:
    def work() -> list[float]:
        out = []
        for n in range(count):
            started = time.perf_counter()
            platform.post(f"{tag} {n}")
            out.append(time.perf_counter() - started)
        return out

    return work


def lean_posts(workspace: DrillWorkspace, port: int, count: int) -> list[Callable[[], list[float]]]:
    """Requests signed ahead of time and sent on raw keep-alive connections."""
    import requests
    from requests_oauthlib import OAuth1

    workers: list[Callable[[], list[float]]] = []
    for agency in load_registry(workspace.agencies_path):
        keys = agency.credentials_from(workspace.env)
        auth = OAuth1(
            keys.api_key, keys.api_secret, keys.access_token, keys.access_secret, decoding=None
        )
        prepared = [
            requests.Request(
                "POST", f"http://127.0.0.1:{port}/2/tweets", json={"text": f"lean {n}"}, auth=auth
            ).prepare()
            for n in range(count)
        ]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.connect()

        def work(
            conn: http.client.HTTPConnection = conn, prepared: list[Any] = prepared
        ) -> list[float]:
            out = []
            for request in prepared:
                started = time.perf_counter()
                conn.request("POST", "/2/tweets", body=request.body, headers=dict(request.headers))
                response = conn.getresponse()
                response.read()
                assert response.status == 201, response.status
                out.append(time.perf_counter() - started)
            conn.close()
            return out

        workers.append(work)
    return workers


def burst_skew(workspace: DrillWorkspace, port: int) -> float:
    """Pre-signed posts written back to back from one thread on warm connections:
    the time it took to write them all, in ms."""
    import requests
    from requests_oauthlib import OAuth1

    sockets, payloads = [], []
    for agency in load_registry(workspace.agencies_path):
        keys = agency.credentials_from(workspace.env)
        auth = OAuth1(
            keys.api_key, keys.api_secret, keys.access_token, keys.access_secret, decoding=None
        )
        request = requests.Request(
            "POST", f"http://127.0.0.1:{port}/2/tweets", json={"text": "burst"}, auth=auth
        ).prepare()
        head = f"POST /2/tweets HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n" + "".join(
            f"{name}: {value}\r\n" for name, value in request.headers.items()
        )
        body = request.body if isinstance(request.body, bytes) else b""
        payloads.append((head + "\r\n").encode() + body)
        sock = socket.create_connection(("127.0.0.1", port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sockets.append(sock)
    time.sleep(0.5)
    started = time.perf_counter()
    for sock, payload in zip(sockets, payloads, strict=True):
        sock.sendall(payload)
    written = (time.perf_counter() - started) * 1000
    for sock in sockets:
        sock.recv(65536)
        sock.close()
    return written


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def spread_ms(posts: list[dict[str, Any]]) -> float:
    times = [datetime.fromisoformat(p["created_at"].replace("Z", "+00:00")) for p in posts]
    return (max(times) - min(times)).total_seconds() * 1000


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-sandbox-"))
    workspace = write_drill_workspace(folder, AGENCIES)

    # 1. No simulated latency: the server's throughput at 200 connections.
    served = ServedSandbox(workspace)
    try:
        platforms = adapters(workspace, served.url)
        fire_together([warming(p) for p in platforms])
        wall, latencies = fire_together(
            [timed_posts(p, "throughput", POSTS_EACH) for p in platforms]
        )
        total = len(latencies)
        figure(
            "sandbox",
            f"posts/s via the X adapter, {AGENCIES} connections",
            total / wall,
            "posts/s",
            baseline=(
                f"p50 {statistics.median(latencies) * 1000:.1f} ms, "
                f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms; client is tweepy in one process"
            ),
        )
        lean_wall, lean = fire_together(lean_posts(workspace, served.port, POSTS_EACH))
        figure(
            "sandbox",
            f"posts/s, lean pre-signed client, {AGENCIES} connections",
            len(lean) / lean_wall,
            "posts/s",
            target=">= 1000 posts/s",
            ok=len(lean) / lean_wall >= 1000,
            baseline=(
                f"p50 {statistics.median(lean) * 1000:.1f} ms, "
                f"p99 {percentile(lean, 0.99) * 1000:.1f} ms"
            ),
        )
        for platform in platforms:
            platform.close()
    finally:
        served.stop()

    # 2. Does the sandbox itself add skew to a launch's spread? A burst written in a few ms
    #    from one thread should span about that long in the server's created_at.
    served = ServedSandbox(workspace, "--latency", "150ms-250ms")
    try:
        written = burst_skew(workspace, served.port)
        spread = spread_ms(served.posts())
        figure(
            "sandbox",
            f"server-side spread of {AGENCIES} posts written back to back",
            spread,
            "ms",
            target=f"<= written in ({written:.1f} ms) + 5 ms",
            ok=spread <= written + 5,
            baseline="the sandbox adds no skew of its own to launch spreads",
        )
    finally:
        served.stop()

    # 3. 150–250 ms latency: 200 posts at once take about the slowest one, not the sum.
    served = ServedSandbox(workspace, "--latency", "150ms-250ms", "--seed", "1")
    try:
        wall, latencies = fire_together(lean_posts(workspace, served.port, 1))
        figure(
            "sandbox",
            f"{AGENCIES} posts at once, 150-250 ms latency: wall time (lean client)",
            wall,
            "s",
            target="<= 1.5 x the 250 ms latency ceiling (0.375 s)",
            ok=wall <= 0.375,
            baseline=f"serialized: {sum(latencies):.1f} s (sum of the requests)",
        )
    finally:
        served.stop()
    served = ServedSandbox(workspace, "--latency", "150ms-250ms", "--seed", "1")
    try:
        platforms = adapters(workspace, served.url)
        fire_together([warming(p) for p in platforms])
        wall, latencies = fire_together([timed_posts(p, "latency", 1) for p in platforms])
        figure(
            "sandbox",
            f"the same through tweepy on {AGENCIES} threads: wall time",
            wall,
            "s",
            baseline=(
                f"server-side spread {spread_ms(served.posts()):.0f} ms: the client's firing "
                "in one process (informative)"
            ),
        )
        for platform in platforms:
            platform.close()
    finally:
        served.stop()

    # 3b. One account in turn at 120-180 ms: what a client sees per request.
    served = ServedSandbox(workspace, "--latency", "120ms-180ms", "--seed", "3")
    try:
        platform = adapters(workspace, served.url)[0]
        platform.verify()
        durations = timed_posts(platform, "latency", 8)()
        platform.close()
        figure(
            "sandbox",
            "one account posting in turn, 120-180 ms latency: slowest request",
            max(durations) * 1000,
            "ms",
            target="<= 280 ms (the ceiling + 100 ms), none under 120 ms",
            ok=max(durations) <= 0.28 and min(durations) >= 0.12,
            baseline=f"fastest {min(durations) * 1000:.0f} ms of {len(durations)}",
        )
    finally:
        served.stop()

    # 4. A 100k-reply flood: memory held, and paging it through the adapter.
    flood_space = write_drill_workspace(folder / "flood", 1)
    served = ServedSandbox(flood_space, "--flood", "100000", "--speed", "1000000", "--seed", "3")
    try:
        (platform,) = adapters(flood_space, served.url)
        original = platform.post("Flooded appeal")
        time.sleep(0.5)
        started = time.perf_counter()
        count, token = 0, None
        while True:
            page = platform.replies(original.remote_id, next_token=token)
            count += len(page.replies)
            token = page.next_token
            if not token:
                break
        elapsed = time.perf_counter() - started
        rss = served.rss_mb()
        figure(
            "sandbox",
            "100k-reply thread paged through the adapter",
            count / elapsed,
            "replies/s",
            baseline=f"{count} replies in {elapsed:.1f} s, pages of 100",
        )
        figure(
            "sandbox",
            "sandbox memory holding 100k replies",
            rss,
            "MB",
            target="<= 300 MB",
            ok=rss <= 300 and count == 100_000,
        )
    finally:
        served.stop()


if __name__ == "__main__":
    main()
