"""`broadcaster --help` start-up time, against a bare `python -c pass` in the same run.

Also, for information: a cold `broadcaster validate` of a scaffolded folder (what an officer
waits for at the keyboard) and preparing a 100-agency campaign in-process (launch preflight).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import figure

RUNS = 15


def timed(args: list[str], runs: int = RUNS, cwd: Path | None = None) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, cwd=cwd)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def prepare_100(folder: Path) -> tuple[float, float]:
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.authoring.scaffold import write_campaign
    from broadcaster.config import load_settings
    from broadcaster.sandbox.drill import write_drill_workspace

    drill = write_drill_workspace(folder / "d100", 100)
    path = write_campaign(
        drill.folder, campaign_id="bench", agencies=drill.keys, lead=drill.keys[0]
    )
    settings = load_settings(agencies_path=drill.agencies_path, env_file=drill.env_path, environ={})
    started = time.perf_counter()
    prepare_campaign(path, settings)
    first = time.perf_counter() - started
    samples = []
    for _ in range(5):
        started = time.perf_counter()
        prepare_campaign(path, settings)
        samples.append(time.perf_counter() - started)
    return first, statistics.median(samples)


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
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        subprocess.run(
            [sys.executable, "-m", "broadcaster", "init", "w"],
            check=True,
            capture_output=True,
            cwd=folder,
        )
        validate = timed(
            [sys.executable, "-m", "broadcaster", "validate", "campaigns/example.toml"],
            runs=5,
            cwd=folder / "w",
        )
        figure(
            "startup",
            "broadcaster validate, example campaign, 4 agencies (median of 5)",
            validate,
            "s",
            baseline=f"--help: {helped:.3f} s",
        )
        first, warm = prepare_100(folder)
        figure(
            "startup",
            "prepare_campaign, 100 agencies, every template (in-process, warm)",
            warm,
            "s",
            baseline=f"first call, cold imports: {first:.3f} s",
        )


if __name__ == "__main__":
    main()
