"""The benchmarks keep working as the product changes: one tiny run of the launch bench's
set-up (drill workspace, signed approval, launch). Its figures belong to `make bench`."""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def test_the_launch_benchmark_runs_a_signed_launch_end_to_end(monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    sys.modules.pop("bench_launch", None)
    import bench_launch

    # It raises unless the approval is accepted and the posts are read back from the sandbox.
    result = bench_launch.one_launch(3)
    assert result["wall"] > 0.0  # release to the platform's last answer
