"""Reposts are planned as the launch finishes, so `status` shows the next ones at once (the
example campaign's 12-hourly reposts used to appear only after `run` or `tick`)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta
from typing import Any

from click.testing import CliRunner
from lifecycle_helpers import launched_campaign

from broadcaster.cli import cli
from broadcaster.jobs.worker import Worker
from broadcaster.states import JobState
from broadcaster.timeutil import utcnow


def reposts_for_three_days() -> str:
    until = (utcnow() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f'[[reposts]]\nevery = "12h"\nuntil = "{until}"'


def test_status_shows_the_next_reposts_right_after_the_launch(drill: Any) -> None:
    suspended = drill.registry.get(drill.keys[4])
    drill.server.suspend(suspended.handle)  # it never posted: nothing of its own to repost
    launched = launched_campaign(drill, reposts_toml=reposts_for_three_days())
    reposts = launched.jobs("repost")
    posted = set(drill.keys) - {suspended.key}
    assert {j.agency for j in reposts} == posted
    assert all(j.state == JobState.PENDING for j in reposts)
    assert 4 * 4 <= len(reposts) <= 4 * 6  # about two a day for three days, in local hours
    launched_at = launched.record().launched_at
    assert launched_at is not None
    first = min(j.due_at for j in reposts)
    assert first > launched_at

    result = CliRunner().invoke(cli, [*launched.cli_args(), "status", launched.campaign_id])
    assert result.exit_code == 0, result.output
    assert "scheduled reposts, the next at" in result.stdout
    data = json.loads(
        CliRunner()
        .invoke(cli, [*launched.cli_args(), "--json", "status", launched.campaign_id])
        .stdout
    )
    scheduled = [j for j in data["upcoming"]["scheduled"] if j["kind"] == "repost"]
    assert len(scheduled) == len(reposts)

    # The scheduler's own planning finds them there and adds none.
    before = Counter((j.agency, j.occurrence) for j in reposts)
    Worker(
        launched.settings,
        engine=launched.engine,
        clock=lambda: launched_at + timedelta(minutes=1),
        track_every=timedelta(days=1000),
        raise_bugs=True,
    ).tick()
    after = Counter((j.agency, j.occurrence) for j in launched.jobs("repost"))
    assert after == before


def test_a_launch_without_repost_plans_plans_none(drill: Any) -> None:
    launched = launched_campaign(drill)
    assert launched.jobs("repost") == []
