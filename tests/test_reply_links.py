"""A reply's link is its own platform's page (Mastodon's status url, Bluesky's post page),
not an x.com link built from its id (responses area). The X sandbox's are in
test_x_search_window.py."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import CliRunner
from fixtures_bluesky import eventually
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


def test_a_bluesky_reply_links_to_its_authors_post_page(bluesky_account: Callable) -> None:
    police = bluesky_account()
    public = bluesky_account()
    appeal = police.post("Have you seen this man? Reply or call 555-0100.")
    tip = public.post("I saw him at the station at 9", in_reply_to=appeal.remote_id)
    page = eventually(
        lambda: (p := police.replies(appeal.remote_id)) and len(p.replies) == 1 and p,
        "the reply in the thread",
    )
    [reply] = page.replies
    # The author's page for the post, on the drill's PDS as on bsky.app.
    assert reply.url == public.post_url(tip.remote_id) == tip.url
    assert f"/profile/{public.handle}/post/" in reply.url
