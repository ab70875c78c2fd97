"""Helpers for the lifecycle and scheduler tests: a drill campaign approved and launched on
the sandbox, on whichever database the test runs."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from officer_helpers import signer
from sqlmodel import Session, col, select

from broadcaster.authoring.approval import approve
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.authoring.scaffold import write_campaign
from broadcaster.config import Settings
from broadcaster.launch.run import LaunchReport, launch
from broadcaster.storage.db import open_db
from broadcaster.storage.models import CampaignRecord, Job, Post

if TYPE_CHECKING:
    from fixtures_sandbox import Drill
    from sqlalchemy.engine import Engine


@dataclass
class Launched:
    drill: Drill
    settings: Settings
    path: Path
    campaign_id: str
    engine: Engine
    report: LaunchReport | None

    def record(self) -> CampaignRecord:
        with Session(self.engine) as session:
            record = session.get(CampaignRecord, self.campaign_id)
            assert record is not None
            return record

    def rows(self, *kinds: str) -> list[Post]:
        with Session(self.engine) as session:
            query = select(Post).where(Post.campaign_id == self.campaign_id)
            if kinds:
                query = query.where(col(Post.kind).in_(kinds))
            return list(session.exec(query.order_by(col(Post.id))).all())

    def jobs(self, kind: str | None = None) -> list[Job]:
        with Session(self.engine) as session:
            query = select(Job).where(Job.campaign_id == self.campaign_id)
            if kind is not None:
                query = query.where(Job.kind == kind)
            return list(session.exec(query.order_by(col(Job.id))).all())

    def sandbox_posts(self) -> list[dict[str, Any]]:
        return self.drill.server.posts()

    def cli_args(self) -> list[str]:
        return ["--db", self.settings.db_url, *self.drill.cli_args()[2:]]


def drill_settings(drill: Drill, db_url: str | None) -> Settings:
    if db_url is None:
        return drill.settings
    return dataclasses.replace(drill.settings, db_url=db_url)


def prepare_and_approve(
    drill: Drill,
    *,
    db_url: str | None = None,
    campaign_id: str = "drill-2026-0001",
    agencies: Sequence[str] | None = None,
    launch_at: datetime | None = None,
    expires_at: datetime | None = None,
    reposts_toml: str = "",
    mode: str = "coordinated",
) -> Launched:
    settings = drill_settings(drill, db_url)
    keys = list(agencies or drill.keys)
    path = write_campaign(
        drill.folder,
        campaign_id=campaign_id,
        agencies=keys,
        lead=keys[0],
        launch_at=launch_at,
        expires_at=expires_at,
        reposts_toml=reposts_toml,
        mode=mode,
    )
    engine = open_db(settings.db_url)
    prepared = prepare_campaign(path, settings)
    approve(engine, prepared, signer(drill.folder))
    return Launched(drill, settings, path, campaign_id, engine, None)


def launched_campaign(drill: Drill, **options: Any) -> Launched:
    """A drill campaign written, approved and launched from every agency on the sandbox."""
    ready = prepare_and_approve(drill, **options)
    ready.report = launch(ready.settings, ready.path, operator="test", engine=ready.engine)
    return ready
