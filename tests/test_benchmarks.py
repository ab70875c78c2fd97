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


def test_the_cpu_sampler_leaves_its_own_reads_out_of_the_client(monkeypatch) -> None:
    """bench_multi's client CPU: the sampler thread runs in the client's process, and its
    reads of /proc are not the launch's work."""
    import os

    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from _cpu import CpuSampler

    sampler = CpuSampler({"client": os.getpid(), "server": 1})
    sampler.times = [1.0, 2.0, 3.0]
    sampler.samples = [
        {"client": 10.0, "server": 5.0},
        {"client": 10.5, "server": 5.2},
        {"client": 11.0, "server": 5.6},
    ]
    sampler.own = [0.1, 0.15, 0.3]  # the sampler thread's own CPU at each sample
    assert sampler.used(2.0, 3.0) == {"client": 0.8, "server": 0.6, "sampler": 0.2}
