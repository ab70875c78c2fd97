"""Triage gives the same labels whatever Python's per-process string hash (PYTHONHASHSEED):
a set of strings iterated, or `hash()` of a text used as a key, must never decide a verdict
(floods.py: the LSH index answers a set of cluster keys, sorted before a tie is broken)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A tuning thread drowned in a tuning flood whose templates make near-duplicate clusters of
# equal size (the case where the set order used to pick one): the labels, one per line.
SCRIPT = """
import sys
sys.path.insert(0, "tests")
from flood_sets import rows, thread_case
from broadcaster.responses.triage.inbox import merged, triaged

lines, case = thread_case("tuning", "thread_cfps-2026-0917")
for family in ("flood_recovery_scams", "flood_misidentification_mob"):
    replies, _ = merged(lines, rows("tuning", family))
    for row, verdict in triaged(replies, case):
        print(row["id"], verdict.label, verdict.flood_key)
"""


def _labels(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return done.stdout


def test_the_labels_of_a_flooded_thread_do_not_depend_on_the_string_hash_seed() -> None:
    first, second = _labels("1"), _labels("2")
    assert first.count("\n") > 1000
    assert first == second
