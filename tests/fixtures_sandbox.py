"""The sandbox drill server in-process on a free port (sandbox area).

Fixtures:
- `sandbox_factory(registry, env, **options)` → a started SandboxServer (stopped at teardown);
  options are SandboxServer's: latency, faults, suspended, read_only, audience, flood, seed,
  speed, ambiguous_hold, ratelimit_reset.
- `drill_factory(count=5, *, languages=("en", "fr"), **options)` → a Drill: a workspace of
  `count` sandbox agencies in tmp_path with its sandbox running.
- `drill` → drill_factory(5) with default options.

A Drill has: folder, agencies_path, env_path, env (credentials + BROADCASTER_SANDBOX_URL),
keys (agency keys in file order), registry, server, url, settings (a Settings pointing at
the sandbox, with its SQLite database in the folder), platform(key) → the agency's adapter.
The workspace's `.env` also holds BROADCASTER_SANDBOX_URL, so CLI runs in the folder work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from broadcaster.authoring.agencies import Registry
from broadcaster.config import Settings
from broadcaster.platforms.base import Platform
from broadcaster.sandbox.drill import write_drill_workspace
from broadcaster.sandbox.server import SandboxServer


@dataclass
class Drill:
    folder: Path
    agencies_path: Path
    env_path: Path
    env: dict[str, str] = field(repr=False)
    keys: list[str]
    registry: Registry
    server: SandboxServer
    url: str
    settings: Settings

    def platform(self, key: str, *, timeout: float = 10.0) -> Platform:
        from broadcaster.platforms import platform_for

        return platform_for(self.registry.get(key), self.settings, timeout=timeout)

    def cli_args(self) -> list[str]:
        """Global options that point a CliRunner invocation at this drill."""
        return [
            "--db",
            self.settings.db_url,
            "--agencies",
            str(self.agencies_path),
            "--env-file",
            str(self.env_path),
        ]


@pytest.fixture
def sandbox_factory() -> Iterator[Callable[..., SandboxServer]]:
    servers: list[SandboxServer] = []

    def start(registry: Registry, env: Mapping[str, str], **options: Any) -> SandboxServer:
        server = SandboxServer.from_registry(registry, env, **options)
        server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def drill_factory(
    tmp_path: Path, sandbox_factory: Callable[..., SandboxServer]
) -> Callable[..., Drill]:
    made = 0

    def make(count: int = 5, *, languages: Sequence[str] = ("en", "fr"), **options: Any) -> Drill:
        nonlocal made
        made += 1
        folder = tmp_path if made == 1 else tmp_path / f"drill{made}"
        workspace = write_drill_workspace(folder, count, languages=languages)
        registry = workspace.registry()
        server = sandbox_factory(registry, workspace.env, **options)
        url = server.url
        env = dict(workspace.env)
        env["BROADCASTER_SANDBOX_URL"] = url
        with workspace.env_path.open("a", encoding="utf-8") as handle:
            handle.write(f"BROADCASTER_SANDBOX_URL={url}\n")
        settings = Settings(
            db_url=f"sqlite:///{folder / 'broadcaster.db'}",
            agencies_path=workspace.agencies_path,
            env_file=workspace.env_path,
            env=env,
        )
        return Drill(
            folder=folder,
            agencies_path=workspace.agencies_path,
            env_path=workspace.env_path,
            env=env,
            keys=workspace.keys,
            registry=registry,
            server=server,
            url=url,
            settings=settings,
        )

    return make


@pytest.fixture
def drill(drill_factory: Callable[..., Drill]) -> Drill:
    return drill_factory(5)
