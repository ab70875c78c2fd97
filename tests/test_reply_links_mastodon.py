"""A Mastodon reply's link is the status page Mastodon gives, not an x.com link built from
its id (responses area)."""

from __future__ import annotations

from click.testing import CliRunner
from fixtures_launch import approved_campaign
from fixtures_mastodon import api
from fixtures_sandbox import Drill
from sqlmodel import Session, select
from test_mixed_launch import _statuses, mixed  # noqa: F401 - the fixture

from broadcaster.cli import cli
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Reply


def test_a_mastodon_reply_keeps_its_own_link(mixed: Drill) -> None:  # noqa: F811
    drill = mixed
    path = approved_campaign(drill)
    runner = CliRunner()
    assert runner.invoke(cli, [*drill.cli_args(), "launch", str(path)]).exit_code == 0
    status = _statuses(drill)[0]
    mastodon = drill.mastodon  # type: ignore[attr-defined]
    made = api(
        mastodon,
        "POST",
        "/api/v1/statuses",
        "citizen-token",
        data={"status": "Seen at the bus terminal at 9", "in_reply_to_id": status["id"]},
    )
    assert runner.invoke(cli, [*drill.cli_args(), "track", "drill-1"]).exit_code == 0
    with Session(open_db(drill.settings.db_url)) as session:
        [reply] = session.exec(select(Reply).where(Reply.platform == "mastodon")).all()
    assert made["url"] and reply.url == made["url"]
    assert not reply.url.startswith("https://x.com")
    tips = runner.invoke(cli, [*drill.cli_args(), "tips", "drill-1", "--format", "json"])
    assert tips.exit_code == 0, tips.output
    assert made["url"] in tips.stdout
