"""Settings: a flag, then the environment, then `.env`, then the default.

`load_settings` is called once at the CLI entry; the core only ever receives a `Settings`.
`.env` is read into `Settings.env` rather than into `os.environ`, so that a test or a
notebook can build settings for several working folders in one process.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "sqlite:///broadcaster.db"
DEFAULT_SANDBOX_URL = "http://127.0.0.1:8686"


@dataclass(frozen=True)
class Settings:
    db_url: str = DEFAULT_DB
    agencies_path: Path = Path("agencies.toml")
    env_file: Path = Path(".env")
    json_output: bool = False
    verbose: int = 0
    operator: str | None = None
    env: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def sandbox_url(self) -> str:
        return self.env.get("BROADCASTER_SANDBOX_URL") or DEFAULT_SANDBOX_URL

    def secret(self, name: str) -> str | None:
        value = self.env.get(name)
        return value if value else None


def read_env(env_file: Path | None, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The process environment over the `.env` file: a variable set in the shell wins."""
    merged: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        from dotenv import dotenv_values

        merged.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    merged.update(os.environ if environ is None else environ)
    return merged


def load_settings(
    *,
    db_url: str | None = None,
    agencies_path: str | Path | None = None,
    env_file: str | Path | None = None,
    json_output: bool = False,
    verbose: int = 0,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    env_path = Path(env_file) if env_file else Path(".env")
    env = read_env(env_path, environ)
    return Settings(
        db_url=db_url or env.get("BROADCASTER_DB") or DEFAULT_DB,
        agencies_path=Path(agencies_path or env.get("BROADCASTER_AGENCIES") or "agencies.toml"),
        env_file=env_path,
        json_output=json_output,
        verbose=verbose,
        operator=env.get("BROADCASTER_OPERATOR") or None,
        env=env,
    )
