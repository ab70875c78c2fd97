"""Report time on 1M stored replies and 100k metric snapshots (text and JSON ≤ 1 s, HTML ≤ 2 s).

The database is filled with raw sqlite3 (the fastest way to get a million rows in), through
the real schema (migrations). The report is then timed two ways: the queries and rendering
in a fresh process (the figure checked against the target: the renderers' own imports
count, the interpreter's and the database libraries' start-up, the same for every command,
does not), and the whole `broadcaster report` command, start-up included (alongside).
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import figure

REPLIES = int(os.environ.get("BENCH_REPORT_REPLIES", 1_000_000))
SNAPSHOTS = int(os.environ.get("BENCH_REPORT_SNAPSHOTS", 100_000))
POSTS = 50
CAMPAIGN = "bench-2026-0001"
LAUNCH = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
LABELS = ("tip", "question", "support", "spam", "abuse")
WEIGHTS = (0.02, 0.08, 0.2, 0.6, 0.1)
RUNS = 3


def stamp(value: datetime) -> str:
    # How SQLAlchemy stores a UTC datetime in SQLite.
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def fill(path: Path) -> None:
    from broadcaster.storage.db import open_db

    open_db(f"sqlite:///{path}").dispose()
    rng = random.Random(7)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("BEGIN")
    con.execute(
        "INSERT INTO campaign (id, path, kind, status, lead, mode, state, launched_at,"
        " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            CAMPAIGN,
            "campaigns/bench.toml",
            "wanted",
            "exercise",
            "a00",
            "coordinated",
            "launched",
            stamp(LAUNCH),
            stamp(LAUNCH),
            stamp(LAUNCH),
        ),
    )
    for n in range(POSTS):
        posted = LAUNCH + timedelta(milliseconds=rng.randint(0, 40))
        con.execute(
            "INSERT INTO post (id, campaign_id, agency, platform, handle, kind, occurrence, state,"
            " text, remote_id, url, posted_at, attempts, followers, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                n + 1,
                CAMPAIGN,
                f"a{n:02d}",
                "sandbox",
                f"@agency{n:02d}",
                "original",
                "launch",
                "posted",
                "EXERCISE",
                str(1862000000000000000 + n),
                f"http://127.0.0.1:8686/agency{n:02d}/status/{1862000000000000000 + n}",
                stamp(posted),
                1,
                rng.randint(1_000, 900_000),
                stamp(posted),
            ),
        )
    per_post = SNAPSHOTS // POSTS
    snapshots = []
    for n in range(POSTS):
        impressions = 0
        for k in range(per_post):
            impressions += rng.randint(0, 50)
            snapshots.append(
                (
                    CAMPAIGN,
                    n + 1,
                    stamp(LAUNCH + timedelta(minutes=5 * (k + 1))),
                    impressions,
                    impressions // 40,
                    impressions // 400,
                    impressions // 100,
                    impressions // 20,
                    impressions // 500,
                )
            )
    con.executemany(
        "INSERT INTO metric_snapshot (campaign_id, post_id, taken_at, impressions, reposts,"
        " quotes, replies, likes, bookmarks) VALUES (?,?,?,?,?,?,?,?,?)",
        snapshots,
    )
    fetched = stamp(LAUNCH + timedelta(days=1))

    def rows():  # a generator: the million rows never sit in memory together
        labels = rng.choices(LABELS, WEIGHTS, k=REPLIES)
        for i in range(REPLIES):
            label = labels[i]
            yield (
                CAMPAIGN,
                i % POSTS + 1,
                "sandbox",
                str(1900000000000000000 + i),
                f"@replier{i % 50_000}",
                str(i % 50_000),
                f"reply {i} <b>from</b> the public about the appeal",
                stamp(LAUNCH + timedelta(seconds=i // 10)),
                fetched,
                label,
                '["bench"]',
                0.5,
                f"flood{i % 7}" if label == "spam" else None,
            )

    con.executemany(
        "INSERT INTO reply (campaign_id, post_id, platform, remote_id, author_handle, author_id,"
        " text, created_at, fetched_at, label, reasons, score, flood_key)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows(),
    )
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()


def cli_time(db: Path, fmt: str, out: Path) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "broadcaster",
                "--db",
                f"sqlite:///{db}",
                "report",
                CAMPAIGN,
                "--format",
                fmt,
                "-o",
                str(out / f"report.{fmt}"),
            ],
            check=True,
            capture_output=True,
        )
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def report_time(db: Path, fmt: str) -> float:
    """Median over fresh processes of build_report + render: the queries and the
    renderer's own imports (rich, Jinja2, matplotlib) count; the interpreter and the
    database libraries' start-up, the same for every command, do not."""
    samples = []
    for _ in range(RUNS):
        result = subprocess.run(
            [sys.executable, __file__, "--child", str(db), fmt],
            check=True,
            capture_output=True,
            text=True,
        )
        samples.append(float(result.stdout.strip().splitlines()[-1]))
    return statistics.median(samples)


def child(db: str, fmt: str) -> None:
    from broadcaster.responses.report import build_report, render
    from broadcaster.storage.db import make_engine

    engine = make_engine(f"sqlite:///{db}")
    started = time.perf_counter()
    render(build_report(engine, CAMPAIGN), fmt)
    print(time.perf_counter() - started)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-report-") as folder:
        db = Path(folder) / "report.db"
        started = time.perf_counter()
        fill(db)
        filled = time.perf_counter() - started
        for fmt, target in (("text", 1.0), ("json", 1.0), ("html", 2.0)):
            inner = report_time(db, fmt)
            wall = cli_time(db, fmt, Path(folder))
            figure(
                "report",
                f"report {fmt}: {REPLIES:,} replies, {SNAPSHOTS:,} snapshots",
                inner,
                "s",
                target=f"<= {target:g} s",
                ok=inner <= target,
                baseline=f"whole command {wall:.2f} s incl. start-up; fill {filled:.0f} s",
            )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
