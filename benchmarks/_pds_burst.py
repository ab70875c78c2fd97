"""The reference PDS's own capacity, apart from any launch: a burst of N createRecord calls from
N accounts, each on its own warm connection, let go together, then the commits' times (`rev`).

Not a promise (`make bench` does not run it): it is how bench_multi's findings about the PDS
were measured, kept so they can be measured again.

    .venv/bin/python benchmarks/_pds_burst.py [--accounts 100] [--rounds 3] [--hosts 1]
        [--appview] [--door]

--appview starts the full network (the AppView in the PDS's node process, as `sandbox
bluesky` does), --hosts k spreads the accounts over k PDS hosts, --door sends through
`_front_door.py` (no latency). One JSON line a round: the commits' spread and median gap, the
node CPU per post during the burst and in the 2 s after it (the AppView indexes then), the
send spread and the wall. Set TMPDIR to move the PDS's data (e.g. /dev/shm).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from _front_door import ServedFrontDoor

from broadcaster.platforms.bluesky import POST_COLLECTION, commit_time
from broadcaster.sandbox.bluesky import BlueskyNetwork, Installation, free_port_block


def node_cpu(networks: list[BlueskyNetwork]) -> float:
    """CPU seconds the networks' node processes have used (Linux /proc)."""
    total = 0.0
    for network in networks:
        process = network._node
        assert process is not None
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def burst(clients: list[tuple[httpx.Client, str]], label: str) -> dict[str, Any]:
    count = len(clients)
    barrier = threading.Barrier(count)
    revs: list[str] = [""] * count
    sent = [0.0] * count
    done = [0.0] * count

    def one(index: int) -> None:
        client, did = clients[index]
        record = {"$type": POST_COLLECTION, "text": label, "createdAt": "2026-01-01T00:00:00.000Z"}
        body = {"repo": did, "collection": POST_COLLECTION, "record": record}
        barrier.wait()
        sent[index] = time.time()
        answer = client.post("/xrpc/com.atproto.repo.createRecord", json=body)
        done[index] = time.time()
        answer.raise_for_status()
        revs[index] = answer.json()["commit"]["rev"]

    with ThreadPoolExecutor(count) as pool:
        list(pool.map(one, range(count)))
    commits = sorted(t.timestamp() for t in (commit_time(r) for r in revs) if t is not None)
    gaps = sorted((b - a) * 1000 for a, b in itertools.pairwise(commits))
    return {
        "commit_spread_ms": round((commits[-1] - commits[0]) * 1000),
        "median_gap_ms": round(gaps[len(gaps) // 2], 1) if gaps else 0.0,
        "send_spread_ms": round((max(sent) - min(sent)) * 1000),
        "wall_ms": round((max(done) - min(sent)) * 1000),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--hosts", type=int, default=1)
    parser.add_argument("--appview", action="store_true")
    parser.add_argument("--door", action="store_true")
    options = parser.parse_args()
    networks: list[BlueskyNetwork] = []
    door = None
    try:
        for _ in range(max(1, options.hosts)):
            network = BlueskyNetwork(
                Installation.find(),
                port=free_port_block(6 if options.appview else 2),
                rate_limits=False,
                appview=options.appview,
            )
            networks.append(network)
            network.start()
        urls = [n.url for n in networks]
        if options.door:
            door = ServedFrontDoor(urls, "0")
            urls = door.urls
        tag = os.getpid()
        handles = [f"burst{i}x{tag}.test" for i in range(options.accounts)]
        with ThreadPoolExecutor(8) as pool:
            list(
                pool.map(
                    lambda i: networks[i % len(networks)].create_account(handles[i], f"pw{i}"),
                    range(len(handles)),
                )
            )
        clients = []
        for index, handle in enumerate(handles):
            client = httpx.Client(base_url=urls[index % len(urls)], timeout=120)
            session = client.post(
                "/xrpc/com.atproto.server.createSession",
                json={"identifier": handle, "password": f"pw{index}"},
            )
            session.raise_for_status()
            client.headers["authorization"] = f"Bearer {session.json()['accessJwt']}"
            clients.append((client, session.json()["did"]))
        for round_ in range(options.rounds):
            before = node_cpu(networks)
            figures = burst(clients, f"burst {round_}")
            during = node_cpu(networks)
            time.sleep(2)
            after = node_cpu(networks)
            count = len(clients)
            figures |= {
                "round": round_,
                "hosts": len(networks),
                "appview": options.appview,
                "door": options.door,
                "node_cpu_ms_per_post": round((during - before) * 1000 / count, 1),
                "with_2s_after": round((after - before) * 1000 / count, 1),
                "load": os.getloadavg()[0],
            }
            print(json.dumps(figures), flush=True)
        for client, _ in clients:
            client.close()
    finally:
        if door is not None:
            door.stop()
        for network in networks:
            network.stop()


if __name__ == "__main__":
    main()
