"""`broadcaster sandbox serve` in a child process, as a drill runs it: the sandbox then
competes for the cores like a real server would, and its figures are not the client's."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from broadcaster.sandbox.drill import DrillWorkspace


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServedSandbox:
    def __init__(self, workspace: DrillWorkspace, *options: str) -> None:
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("BROADCASTER_")}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "broadcaster",
                "--json",
                "sandbox",
                "serve",
                "--agencies",
                str(workspace.agencies_path),
                "--env-file",
                str(workspace.env_path),
                "--port",
                str(self.port),
                *options,
            ],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.url: str = json.loads(self.process.stdout.readline())["url"]

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmRSS"))
        return int(line.split()[1]) / 1024

    def posts(self) -> list[dict[str, Any]]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request("GET", "/_sandbox/posts")
        data: list[dict[str, Any]] = json.loads(conn.getresponse().read())
        conn.close()
        return data

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


class ServedMastodon:
    """`broadcaster sandbox mastodon` (the project's imitation) in a child process, for the
    same reason: the drill server competes for the cores like a platform would, not in our
    GIL. `latency` as `sandbox serve` takes it ("150ms-250ms"); none by default."""

    def __init__(self, agencies_path: Path, env_path: Path, latency: str | None = None) -> None:
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("BROADCASTER_")}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "broadcaster",
                "--json",
                "sandbox",
                "mastodon",
                "--agencies",
                str(agencies_path),
                "--env-file",
                str(env_path),
                "--port",
                str(self.port),
                *(("--latency", latency) if latency else ()),
            ],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.url: str = json.loads(self.process.stdout.readline())["url"]

    def get(self, path: str, token: str) -> Any:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        data = json.loads(conn.getresponse().read())
        conn.close()
        return data

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def lower_children_priority(niceness: int = 10) -> int:
    """Lower the CPU priority of every process this one started (the drill servers), all
    their threads: they stand for platforms on other machines, which do not take the client's
    cores at the release. Returns how many threads were changed (Linux; 0 elsewhere)."""
    changed = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) != os.getpid():  # the parent's pid
            continue
        for task in (stat.parent / "task").iterdir():
            try:
                os.setpriority(os.PRIO_PROCESS, int(task.name), niceness)
            except OSError:
                continue
            changed += 1
    return changed
