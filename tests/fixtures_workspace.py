"""A working folder as a user has it: agencies.toml, .env, campaigns/ (authoring area).

`workspace` is a tmp folder (and the current directory) with four agencies in English and
French on the sandbox platform, fake credentials in `.env`, and `campaigns/example.toml`
(a wanted drill by all four, launching in an hour) written by `scaffold.write_campaign`, and
the two drill officers (`officers.toml`, `keys/lee`, `keys/roy`; see officer_helpers.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from broadcaster.authoring.agencies import CREDENTIAL_PARTS
from broadcaster.authoring.scaffold import (
    DEFAULT_AGENCIES,
    agencies_toml,
    write_campaign,
    write_drill_officers,
)
from broadcaster.config import Settings, load_settings
from broadcaster.timeutil import utcnow

AGENCY_KEYS = [a.key for a in DEFAULT_AGENCIES]  # tps, rcmp, nypd (en), spvm (fr)


def fake_env() -> dict[str, str]:
    return {
        f"{a.credentials}_{part}": f"fake-{a.key}-{part.lower()}"
        for a in DEFAULT_AGENCIES
        for part in CREDENTIAL_PARTS
    }


@dataclass
class Workspace:
    folder: Path
    agencies_path: Path
    env_path: Path
    campaign: Path  # campaigns/example.toml
    env: dict[str, str] = field(default_factory=dict)

    def settings(self, **overrides: object) -> Settings:
        """Settings for this folder, with the .env read and no process environment."""
        options: dict[str, object] = {
            "db_url": f"sqlite:///{self.folder / 'broadcaster.db'}",
            "agencies_path": self.agencies_path,
            "env_file": self.env_path,
            "environ": {},
        }
        options.update(overrides)
        return load_settings(**options)  # type: ignore[arg-type]

    def write(self, relative: str, text: str) -> Path:
        path = self.folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def campaign_text(self) -> str:
        return self.campaign.read_text(encoding="utf-8")

    def edit_campaign(self, old: str, new: str, *, count: int = 1) -> Path:
        """Replace text in campaigns/example.toml (asserting it was there)."""
        text = self.campaign_text()
        assert old in text, f"{old!r} not in the campaign file"
        self.campaign.write_text(text.replace(old, new, count), encoding="utf-8")
        return self.campaign


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    folder = tmp_path / "work"
    folder.mkdir()
    agencies_path = folder / "agencies.toml"
    agencies_path.write_text(agencies_toml(), encoding="utf-8")
    env = fake_env()
    env_path = folder / ".env"
    env_path.write_text("".join(f"{k}={v}\n" for k, v in env.items()), encoding="utf-8")
    now = utcnow().replace(microsecond=0)
    campaign = write_campaign(
        folder,
        campaign_id="example",
        agencies=AGENCY_KEYS,
        lead="tps",
        launch_at=now + timedelta(hours=1),
        expires_at=now + timedelta(days=30),
    )
    write_drill_officers(folder, "tps")  # officers.toml; keys/lee and keys/roy
    for key in list(env):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(folder)
    yield Workspace(folder, agencies_path, env_path, campaign, env)


@pytest.fixture
def two_needed(workspace: Workspace) -> Workspace:
    """The workspace's campaign rewritten to need two distinct approving officers."""
    now = utcnow().replace(microsecond=0)
    write_campaign(
        workspace.folder,
        campaign_id="example",
        agencies=AGENCY_KEYS,
        lead="tps",
        approvals_required=2,
        launch_at=now + timedelta(hours=1),
        expires_at=now + timedelta(days=30),
    )
    return workspace
