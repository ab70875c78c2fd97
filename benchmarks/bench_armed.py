"""The armed launch: 20 agency worker processes on one machine (`run --agency KEY`, each with
only its own .env), one SQLite database, the sandbox at 150–250 ms latency in its own process.

A lead process with no agency's keys arms the campaign 40 s ahead (the product's 30 s minimum
plus the workers' start-up on a shared machine); every worker sees the arming, preflights
(verify, upload, warm), reports ready and fires at the instant. Figures, on the sandbox's
clock (`created_at` is the kernel's receive time of each post):
- spread: first to last post across the 20 processes (SPEC "Measured promises": ≤ 50 ms);
- how late the first post and the last post are against the instant;
- how many workers were ready before the instant, and the largest clock offset they measured
  (on one machine's SQLite file the database's clock is this machine's: ~0).
Set BENCH_ARMED_PG to a PostgreSQL URL to run the workers against it instead.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import approve_as_drill_officer, figure
from _sandbox import ServedSandbox

from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.authoring.scaffold import write_campaign
from broadcaster.campaign.status import campaign_status
from broadcaster.config import Settings
from broadcaster.launch.run import launch
from broadcaster.sandbox.drill import write_drill_workspace
from broadcaster.storage.db import open_db
from broadcaster.timeutil import as_utc, utcnow

WORKERS = 20
LATENCY = "150ms-250ms"
AHEAD = 40.0  # seconds: ≥ the 30 s minimum, and the 20 workers have started by then


def _instant(text: object) -> datetime:
    return datetime.fromisoformat(str(text).replace("Z", "+00:00"))


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-armed-"))
    workspace = write_drill_workspace(folder, WORKERS)
    registry = workspace.registry()
    sandbox = ServedSandbox(workspace, "--latency", LATENCY)
    db_url = os.environ.get("BENCH_ARMED_PG") or f"sqlite:///{folder / 'broadcaster.db'}"
    settings = Settings(
        db_url=db_url,
        agencies_path=workspace.agencies_path,
        env_file=workspace.env_path,
        env={**workspace.env, "BROADCASTER_SANDBOX_URL": sandbox.url},
    )
    path = write_campaign(
        folder, campaign_id="bench", agencies=workspace.keys, lead=workspace.keys[0]
    )
    engine = open_db(db_url)
    approve_as_drill_officer(engine, prepare_campaign(path, settings, check_credentials=False))
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("BROADCASTER_")}
    workers: list[subprocess.Popen[bytes]] = []
    try:
        for key in workspace.keys:
            names = [n for a in registry.get(key).each_account() for n in a.credential_names()]
            env_file = folder / f"{key}.env"
            env_file.write_text(
                "".join(f"{n}={workspace.env[n]}\n" for n in names)
                + f"BROADCASTER_SANDBOX_URL={sandbox.url}\n"
            )
            workers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "broadcaster",
                        "--db",
                        db_url,
                        "--agencies",
                        str(workspace.agencies_path),
                        "--env-file",
                        str(env_file),
                        "--json",
                        "run",
                        "--agency",
                        key,
                        "--every",
                        "5m",
                    ],
                    cwd=folder,
                    env=base_env,
                    stdout=subprocess.DEVNULL,
                    stderr=(folder / f"{key}.log").open("wb"),
                )
            )
        at = utcnow() + timedelta(seconds=AHEAD)
        lead = replace(settings, env={"BROADCASTER_SANDBOX_URL": sandbox.url})
        report = launch(lead, path, operator="bench", engine=engine, at=at)
        assert report.armed == tuple(workspace.keys), report.armed
        deadline = time.monotonic() + AHEAD + 60
        while time.monotonic() < deadline and len(sandbox.posts()) < WORKERS:
            time.sleep(0.5)
        created = sorted(_instant(p["created_at"]) for p in sandbox.posts())
        assert len(created) == WORKERS, f"{len(created)} of {WORKERS} posted"
        while time.monotonic() < deadline:  # each worker commits its post's answer
            status = campaign_status(engine, "bench")
            if {a["state"] for a in status["armed"]} <= {"posted", "late"}:
                break
            time.sleep(0.2)
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
        sandbox.stop()
        engine.dispose()
    spread = (created[-1] - created[0]).total_seconds() * 1000
    first_late = (created[0] - at).total_seconds() * 1000
    last_late = (created[-1] - at).total_seconds() * 1000
    ready = [a for a in status["armed"] if a["ready_at"] and _instant(a["ready_at"]) <= at]
    offsets = [abs(a["offset_ms"]) for a in status["armed"] if a["offset_ms"] is not None]
    states = sorted({a["state"] for a in status["armed"]})
    engine_name = "PostgreSQL" if db_url.startswith("postgresql") else "SQLite"
    figure(
        "armed",
        f"spread, {WORKERS} agency worker processes ({engine_name}; sandbox time, first to last)",
        spread,
        "ms",
        target="<= 50 ms",
        ok=spread <= 50,
        baseline=f"states {', '.join(states)}; {len(ready)} of {WORKERS} ready before the instant",
    )
    figure(
        "armed",
        "first post after the armed instant (sandbox time)",
        first_late,
        "ms",
        target=">= 0 ms (never early)",
        ok=first_late >= 0,
        baseline=f"last post {last_late:.1f} ms after the instant",
    )
    figure(
        "armed",
        "largest worker clock offset from the database's",
        max(offsets) if offsets else -1.0,
        "ms",
        target="<= 50 ms",
        ok=bool(offsets) and max(offsets) <= 50,
        baseline=f"instant {as_utc(at):%H:%M:%S.%f} UTC",
    )


if __name__ == "__main__":
    main()
