"""`broadcaster --help` start-up time, against a bare `python -c pass` in the same run."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import figure

RUNS = 15


def timed(args: list[str]) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    bare = timed([sys.executable, "-c", "pass"])
    helped = timed([sys.executable, "-m", "broadcaster", "--help"])
    figure(
        "startup",
        "broadcaster --help (median of 15)",
        helped,
        "s",
        target="<= 0.3 s",
        ok=helped <= 0.3,
        baseline=f"python -c pass: {bare:.3f} s",
    )


if __name__ == "__main__":
    main()
