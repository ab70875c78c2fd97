"""Who used the CPU during a window: the client and each drill server, from /proc (Linux).

On a 2-core machine a launch's wall can be set by anyone's CPU: the client taking in and
journaling the answers, or a drill server producing them. A thread samples each process's
cumulative user+system time every few milliseconds on the benchmark's own perf_counter clock,
so the window the launch reports (its release to its last answer) can be cut out afterwards.
The sampler runs in the client's own process: its own CPU (reading /proc, ~0.3 ms a sample
while the client has 300 threads: 6% of a core) is taken out of that process's figure.
Elsewhere than Linux it records nothing and says so.
"""

from __future__ import annotations

import os
import threading
import time
from bisect import bisect_left
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU of the process (all its threads) so far, or None if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


class CpuSampler:
    """Samples the named processes every `every` seconds until stopped."""

    def __init__(self, pids: dict[str, int], every: float = 0.005) -> None:
        self.pids = dict(pids)
        self.every = every
        self.times: list[float] = []
        self.samples: list[dict[str, float | None]] = []
        self.own: list[float] = []  # this thread's CPU at each sample
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cpu-sampler", daemon=True)

    @property
    def available(self) -> bool:
        return Path("/proc/self/stat").exists()

    def start(self) -> CpuSampler:
        if self.available:
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=2)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.times.append(time.perf_counter())
            self.samples.append({name: cpu_seconds(pid) for name, pid in self.pids.items()})
            self.own.append(time.thread_time())
            self._stop.wait(self.every)

    def used(self, start: float, end: float) -> dict[str, float]:
        """CPU seconds each process used between two perf_counter instants (the samples just
        before `start` and just after `end`: a little wider, never narrower); {} without
        samples; the process the sampler runs in without the sampler's own reads."""
        if len(self.times) < 2:
            return {}
        first = max(0, bisect_left(self.times, start) - 1)
        last = min(len(self.times) - 1, bisect_left(self.times, end))
        own = self.own[last] - self.own[first]
        out = {}
        for name, pid in self.pids.items():
            before, after = self.samples[first][name], self.samples[last][name]
            if before is not None and after is not None:
                used = after - before - (own if pid == os.getpid() else 0.0)
                out[name] = round(max(0.0, used), 3)
        if os.getpid() in self.pids.values():
            out["sampler"] = round(own, 3)
        return out
