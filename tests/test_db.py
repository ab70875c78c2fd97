from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy
from sqlmodel import select

from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import CampaignRecord


def test_open_db_creates_schema_and_reopens(db_url: str) -> None:
    engine = open_db(db_url)
    tables = set(sqlalchemy.inspect(engine).get_table_names())
    assert {"campaign", "post", "approval", "audit", "reply", "metric_snapshot", "job"} <= tables
    now = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
    with session_scope(engine) as session:
        session.add(
            CampaignRecord(
                id="c1",
                path="c1.toml",
                kind="wanted",
                status="actual",
                lead="tps",
                mode="coordinated",
                created_at=now,
                updated_at=now,
            )
        )
    engine.dispose()
    again = open_db(db_url)  # a second open migrates nothing and keeps the rows
    with session_scope(again) as session:
        row = session.exec(select(CampaignRecord)).one()
        assert row.created_at == now
    again.dispose()


def test_head_revision_is_alembics_head() -> None:
    # open_db skips alembic when the database is at head_revision(); the two must agree.
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from broadcaster.storage.db import MIGRATIONS, head_revision

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [head_revision()]
