"""Equivalence check for performance work on the ingest path: every stored column of every
reply (label, reasons, score, flood key, cluster, dates, ids) must stay the same.

Run it once with the unchanged code, writing its output, then with the changed code against
that output (another checkout works as the baseline through PYTHONPATH):

    PYTHONPATH=/work/main python benchmarks/check_triage_equivalence.py --write /tmp/base.jsonl
    python benchmarks/check_triage_equivalence.py --against /tmp/base.jsonl

What it covers: the ingest benchmark's thread stored through `ingest_replies` (default and
tiny caches, so that the bounded tables are pruned), the labelled replies stored the same
way, and the tuning threads of tests/data/floods alone and under each tuning flood, with
their case profiles, settled as `triage FILE` settles. Never the held-out sets.

String hashing is seeded the same in both runs (PYTHONHASHSEED=0): which of two equally
large clusters a near-duplicate joins follows the LSH index's set order.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _replies import START, seed_campaign_row, thread

from broadcaster.platforms.base import RemoteReply
from broadcaster.responses.tracking import REPLY_COLUMNS, ingest_replies
from broadcaster.responses.triage.classify import Triager
from broadcaster.responses.triage.inbox import case_of, read_rows, triaged

DATA = Path(__file__).parent.parent / "tests" / "data"
FLOODS = DATA / "floods"
COUNT = int(os.environ.get("EQUIVALENCE_REPLIES", 100_000))
TUNING_THREADS = ["thread_hfpd-2026-0314", "thread_sasm-2026-0209", "thread_lcso-2026-0822"]
TUNING_FLOODS = [
    "flood_kpop_fancam",
    "flood_joke_sightings",
    "flood_political_hijack",
    "flood_media_only",
    "flood_quote_brigade",
    "flood_rumour_chain",
]


def stored(name: str, replies: Iterable[RemoteReply], triager: Triager) -> Iterator[str]:
    from broadcaster.storage.db import open_db

    with tempfile.TemporaryDirectory(prefix="equivalence-") as folder:
        path = Path(folder) / "replies.db"
        engine = open_db(f"sqlite:///{path}")
        seed_campaign_row(engine, "equivalence")
        ingest_replies(engine, "equivalence", None, "x", replies, triager, fetched_at=START)
        engine.dispose()
        with sqlite3.connect(path) as con:
            query = f"SELECT {', '.join(REPLY_COLUMNS)} FROM reply ORDER BY id"
            for row in con.execute(query):
                yield json.dumps([name, *row], ensure_ascii=False)


def labelled_replies() -> Iterator[RemoteReply]:
    for n, row in enumerate(read_rows(DATA / "replies_labelled.jsonl")):
        at = START + timedelta(seconds=n)
        yield RemoteReply(
            remote_id=str(n),
            text=row["text"],
            created_at=at,
            author_id=None,
            author_handle=f"@labelled{n}",
            author_created_at=None,
            in_reply_to="0",
            has_media=bool(row.get("has_media")),
        )


def settled(name: str, rows: list[dict[str, Any]], case: Any) -> Iterator[str]:
    for row, verdict in triaged(rows, case):
        yield json.dumps([name, row.get("id"), *verdict], ensure_ascii=False)


def outputs() -> Iterator[str]:
    yield from stored("bench", thread(COUNT), Triager())
    yield from stored("bench-small-caches", thread(COUNT // 4), Triager(capacity=64, cache_size=16))
    yield from stored("labelled", labelled_replies(), Triager())
    cases = {
        c["id"]: case_of(c) for c in json.loads((FLOODS / "cases.json").read_text(encoding="utf-8"))
    }
    for name in TUNING_THREADS:
        lines = read_rows(FLOODS / "tuning" / f"{name}.jsonl")
        case = cases[lines[0]["case"]]
        yield from settled(name, sorted(lines, key=lambda r: r.get("minute", 0)), case)
        for flood in TUNING_FLOODS:
            extra = read_rows(FLOODS / "tuning" / f"{flood}.jsonl")
            tagged = [(r.get("minute", 0), 0, i, r) for i, r in enumerate(lines)]
            tagged += [(r.get("minute", 0), 1, i, r) for i, r in enumerate(extra)]
            tagged.sort(key=lambda t: (t[0], t[1], t[2]))
            yield from settled(f"{name}+{flood}", [t[3] for t in tagged], case)


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(
            sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"}
        )
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write this code's output there")
    group.add_argument("--against", type=Path, help="compare this code's output with it")
    args = parser.parse_args()
    started = datetime.now(UTC)
    if args.write:
        with args.write.open("w", encoding="utf-8") as out:
            count = sum(out.write(line + "\n") > 0 for line in outputs())
        print(f"{count:,} verdicts written to {args.write}")
        return 0
    with args.against.open(encoding="utf-8") as expected:
        count = 0
        for count, (got, want) in enumerate(zip(outputs(), expected, strict=True), 1):
            if got != want.rstrip("\n"):
                print(f"line {count} differs:\n  got  {got}\n  want {want.rstrip()}")
                return 1
    seconds = (datetime.now(UTC) - started).total_seconds()
    print(f"{count:,} verdicts identical ({seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
