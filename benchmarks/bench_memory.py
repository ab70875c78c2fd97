"""Peak memory ingesting 1M replies (target ≤ 300 MB).

The ingest runs in a child process of its own (this script, with --child), which reports
its peak resident set size (ru_maxrss) after the imports and after the ingest; the replies
come from a generator, page by page, as tracking receives them.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

COUNT = int(os.environ.get("BENCH_MEMORY_REPLIES", 1_000_000))
TARGET_MB = 300


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(folder: str) -> None:
    from _replies import seed_campaign_row, thread

    from broadcaster.responses.tracking import ingest_replies
    from broadcaster.responses.triage.classify import Triager
    from broadcaster.storage.db import open_db

    engine = open_db(f"sqlite:///{Path(folder) / 'memory.db'}")
    seed_campaign_row(engine, "bench-memory")
    before = peak_mb()
    started = time.perf_counter()
    stored = ingest_replies(engine, "bench-memory", None, "x", thread(COUNT), Triager())
    elapsed = time.perf_counter() - started
    print(json.dumps({"before": before, "after": peak_mb(), "stored": stored, "s": elapsed}))


def main() -> None:
    from _common import figure

    with tempfile.TemporaryDirectory(prefix="bench-memory-") as folder:
        result = subprocess.run(
            [sys.executable, __file__, "--child", folder],
            check=True,
            capture_output=True,
            text=True,
        )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["stored"] == COUNT, data
    figure(
        "memory",
        f"peak RSS ingesting {COUNT:,} replies",
        round(data["after"], 1),
        "MB",
        target=f"<= {TARGET_MB} MB",
        ok=data["after"] <= TARGET_MB,
        baseline=(
            f"{data['before']:.0f} MB after imports and opening the database; "
            f"ingest took {data['s']:.0f} s ({COUNT / data['s']:,.0f} replies/s)"
        ),
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
