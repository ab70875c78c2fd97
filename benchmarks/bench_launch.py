"""The synchronized launch: spread and wall time for 10, 50, 100 and 200 sandbox agencies at
150–250 ms latency, next to a plain sequential loop over tweepy clients in the same run.

The sandbox runs as `broadcaster sandbox serve` in its own process (a platform is never in
ours), stamping each post with the kernel's receive time. Figures:
- spread: the sandbox's first-to-last `created_at` of the launch's posts (GET /_sandbox/posts);
- wall: from the release to the platform's last answer, as a ratio of the slowest single
  request of the sequential loop (the same accounts, the same latency, uncontended);
- the journal: from the release until every result is committed (SQLite, one writer);
- the loop: 100 posts one after the other through the same adapters (tweepy);
- a scheduled launch (`--at`, 10 agencies): how long after the instant the last post lands.
Targets (SPEC, at 100 agencies): spread ≤ 50 ms, wall ≤ 1.5 × the slowest request, and the
plain loop takes ≥ 15 s; a scheduled launch's last post lands < 1 s after its instant.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import approve_as_drill_officer, figure
from _sandbox import ServedSandbox

from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.authoring.scaffold import write_campaign
from broadcaster.config import Settings
from broadcaster.launch.run import launch
from broadcaster.platforms import platform_for
from broadcaster.sandbox.drill import write_drill_workspace
from broadcaster.storage.db import open_db
from broadcaster.timeutil import utcnow

SIZES = (10, 50, 100, 200)
TARGET_SIZE = 100
LATENCY = "150ms-250ms"
RUNS_AT_TARGET = 3  # the median of three at 100 agencies: the machine is shared


def _instant(text: object) -> datetime:
    return datetime.fromisoformat(str(text).replace("Z", "+00:00"))


def one_launch(count: int, *, countdown: float | None = None) -> dict[str, float]:
    """A fresh drill of `count` agencies, its sandbox, an approved campaign, the launch
    (at once, or `countdown` seconds after it is called, as `launch --at` does)."""
    folder = Path(tempfile.mkdtemp(prefix=f"bench-launch-{count}-"))
    workspace = write_drill_workspace(folder, count)
    sandbox = ServedSandbox(workspace, "--latency", LATENCY)
    try:
        settings = Settings(
            db_url=f"sqlite:///{folder / 'broadcaster.db'}",
            agencies_path=workspace.agencies_path,
            env_file=workspace.env_path,
            env={**workspace.env, "BROADCASTER_SANDBOX_URL": sandbox.url},
        )
        path = write_campaign(
            folder, campaign_id="bench", agencies=workspace.keys, lead=workspace.keys[0]
        )
        engine = open_db(settings.db_url)
        approve_as_drill_officer(engine, prepare_campaign(path, settings, check_credentials=False))
        at = utcnow() + timedelta(seconds=countdown) if countdown is not None else None
        started = time.perf_counter()
        report = launch(settings, path, operator="bench", engine=engine, at=at)
        total = time.perf_counter() - started
        sent = report.send
        assert sent is not None and sent.complete, [o.error for o in sent.failed] if sent else None
        created = sorted(_instant(p["created_at"]) for p in sandbox.posts())
        assert len(created) == count
        engine.dispose()
        return {
            "spread_ms": (created[-1] - created[0]).total_seconds() * 1000,
            "wall": sent.wall_seconds or 0.0,
            "journal": sent.journal_seconds or 0.0,
            "slowest_in_launch": sent.slowest_request or 0.0,
            "total": total,
            "late_ms": (created[-1] - at).total_seconds() * 1000 if at else 0.0,
            "early_ms": (at - created[0]).total_seconds() * 1000 if at else 0.0,
        }
    finally:
        sandbox.stop()


def sequential_loop(count: int) -> tuple[float, float]:
    """`count` posts one after the other through the adapters (tweepy): (total, slowest)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-loop-"))
    workspace = write_drill_workspace(folder, count)
    sandbox = ServedSandbox(workspace, "--latency", LATENCY)
    try:
        settings = Settings(env={**workspace.env, "BROADCASTER_SANDBOX_URL": sandbox.url})
        platforms = [platform_for(agency, settings) for agency in workspace.registry()]
        for platform in platforms:
            platform.verify()  # warm, as the launch does: the loop pays no handshakes
        durations = []
        started = time.perf_counter()
        for number, platform in enumerate(platforms):
            before = time.perf_counter()
            platform.post(f"Sequential baseline post {number}")
            durations.append(time.perf_counter() - before)
        return time.perf_counter() - started, max(durations)
    finally:
        sandbox.stop()


def main() -> None:
    loop_total, slowest = sequential_loop(TARGET_SIZE)
    figure(
        "launch",
        f"plain sequential loop over tweepy clients, {TARGET_SIZE} posts",
        loop_total,
        "s",
        target=">= 15 s",
        ok=loop_total >= 15,
        baseline=f"slowest single request {slowest * 1000:.0f} ms",
    )
    scheduled = one_launch(10, countdown=3.0)
    figure(
        "launch",
        "scheduled launch, 10 agencies: last post after the instant (sandbox time)",
        scheduled["late_ms"],
        "ms",
        target="< 1000 ms, none early",
        ok=scheduled["late_ms"] < 1000 and scheduled["early_ms"] <= 0,
        baseline=f"spread {scheduled['spread_ms']:.1f} ms",
    )
    for count in SIZES:
        runs = [one_launch(count) for _ in range(RUNS_AT_TARGET if count == TARGET_SIZE else 1)]
        spread = statistics.median(r["spread_ms"] for r in runs)
        wall = statistics.median(r["wall"] for r in runs)
        journal = statistics.median(r["journal"] for r in runs)
        at_target = count == TARGET_SIZE
        figure(
            "launch",
            f"spread, {count} agencies (sandbox time, first to last post)",
            spread,
            "ms",
            target="<= 50 ms" if at_target else "",
            ok=spread <= 50 if at_target else None,
            baseline=f"plain loop: {loop_total * 1000:.0f} ms for {TARGET_SIZE}",
            runs=[round(r["spread_ms"], 1) for r in runs],
        )
        figure(
            "launch",
            f"wall, {count} agencies (release to last answer) / slowest single request",
            wall / slowest,
            "x",
            target="<= 1.5 x" if at_target else "",
            ok=wall / slowest <= 1.5 if at_target else None,
            baseline=(
                f"wall {wall * 1000:.0f} ms, slowest request {slowest * 1000:.0f} ms, "
                f"journal committed at {journal * 1000:.0f} ms"
            ),
        )


if __name__ == "__main__":
    main()
