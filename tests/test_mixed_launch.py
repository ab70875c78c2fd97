"""One launch over two platforms: the lead agency posts on the X sandbox and on Mastodon (the
drill server), every other agency on the sandbox. Each account has its own journal row; a
launch run again sends nothing twice; a cancel takes the photo down from both platforms."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from agency_files import with_accounts
from click.testing import CliRunner
from fixtures_launch import approved_campaign, posts_by_author
from fixtures_mastodon import api
from fixtures_sandbox import Drill
from sqlmodel import Session, select

from broadcaster.authoring.agencies import load_registry
from broadcaster.cli import cli
from broadcaster.config import Settings
from broadcaster.sandbox.drill import write_drill_workspace
from broadcaster.sandbox.mastodon import DrillAccount, MastodonDrill
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Post

DOMAIN = "police.example"


def _with_mastodon(
    text: str, key: str, handle: str, prefix: str, mastodon: str, bluesky: str | None = None
) -> str:
    """agencies.toml with agency `key` in the list form: its sandbox account, then Mastodon
    (and Bluesky, when given)."""
    accounts = [
        {"platform": "sandbox", "handle": handle, "credentials": prefix},
        {
            "platform": "mastodon",
            "handle": mastodon,
            "instance": f"https://{DOMAIN}",
            "credentials": prefix,
        },
    ]
    if bluesky:
        accounts.append({"platform": "bluesky", "handle": bluesky, "credentials": prefix})
    return with_accounts(text, key, accounts)


def _mixed(
    tmp_path: Path, sandbox_factory: Callable[..., object], bluesky: Any = None
) -> Iterator[Drill]:
    workspace = write_drill_workspace(tmp_path, 3)
    lead = workspace.registry().get(workspace.keys[0])
    handle = f"@{lead.key}@{DOMAIN}"
    sky_handle = f"{lead.key}{secrets.token_hex(3)}.test" if bluesky is not None else None
    text = workspace.agencies_path.read_text()
    workspace.agencies_path.write_text(
        _with_mastodon(text, lead.key, lead.handle, lead.credentials, handle, sky_handle)
    )
    token = secrets.token_urlsafe(24)
    mastodon = MastodonDrill(
        [
            DrillAccount(lead.key, handle, lead.key, DOMAIN, token, name=lead.name),
            DrillAccount("public", f"@citizen@{DOMAIN}", "citizen", DOMAIN, "citizen-token"),
        ],
        port=0,
    )
    mastodon.start()
    env = dict(workspace.env)
    env[f"{lead.credentials}_MASTODON_ACCESS_TOKEN"] = token
    registry = load_registry(workspace.agencies_path)
    server = sandbox_factory(registry, env)
    env["BROADCASTER_SANDBOX_URL"] = server.url  # type: ignore[attr-defined]
    env["BROADCASTER_MASTODON_URL"] = mastodon.url
    if bluesky is not None and sky_handle is not None:
        password = secrets.token_urlsafe(12)
        bluesky.create_account(sky_handle, password)
        env[f"{lead.credentials}_BLUESKY_APP_PASSWORD"] = password
        env["BROADCASTER_BLUESKY_URL"] = bluesky.url
    workspace.env_path.write_text("".join(f"{k}={v}\n" for k, v in env.items()))
    settings = Settings(
        db_url=f"sqlite:///{tmp_path / 'broadcaster.db'}",
        agencies_path=workspace.agencies_path,
        env_file=workspace.env_path,
        env=env,
    )
    drill = Drill(
        folder=tmp_path,
        agencies_path=workspace.agencies_path,
        env_path=workspace.env_path,
        env=env,
        keys=workspace.keys,
        registry=registry,
        server=server,  # type: ignore[arg-type]
        url=server.url,  # type: ignore[attr-defined]
        settings=settings,
    )
    drill.mastodon = mastodon  # type: ignore[attr-defined]
    drill.mastodon_token = token  # type: ignore[attr-defined]
    drill.bluesky_handle = sky_handle  # type: ignore[attr-defined]
    try:
        yield drill
    finally:
        mastodon.stop()


@pytest.fixture
def mixed(tmp_path: Path, sandbox_factory: Callable[..., object]) -> Iterator[Drill]:
    yield from _mixed(tmp_path, sandbox_factory)


@pytest.fixture
def three(
    tmp_path: Path, sandbox_factory: Callable[..., object], bluesky_network: Any
) -> Iterator[Drill]:
    yield from _mixed(tmp_path, sandbox_factory, bluesky_network)


def _statuses(drill: Drill) -> list[dict[str, object]]:
    mastodon = drill.mastodon  # type: ignore[attr-defined]
    token = drill.mastodon_token  # type: ignore[attr-defined]
    me = api(mastodon, "GET", "/api/v1/accounts/verify_credentials", token)
    return list(api(mastodon, "GET", f"/api/v1/accounts/{me['id']}/statuses", token))


def _rows(drill: Drill) -> list[Post]:
    with Session(open_db(drill.settings.db_url)) as session:
        return list(session.exec(select(Post).order_by(Post.id)).all())  # type: ignore[arg-type]


def test_a_launch_posts_on_both_platforms_once_and_cancel_takes_both_down(mixed: Drill) -> None:
    drill = mixed
    lead = drill.registry.get(drill.keys[0])
    path = approved_campaign(drill)
    runner = CliRunner()
    first = runner.invoke(cli, [*drill.cli_args(), "--json", "launch", str(path)])
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert sorted(p["platform"] for p in data["posts"]) == ["mastodon"] + ["sandbox"] * 3

    # What each platform received: the sandbox one post per agency, Mastodon the lead's,
    # public, with the photo and its description.
    sandbox_handles = [drill.registry.get(k).handle for k in drill.keys]
    assert posts_by_author(drill) == dict.fromkeys(sandbox_handles, 1)
    statuses = _statuses(drill)
    assert len(statuses) == 1
    status = statuses[0]
    assert status["visibility"] == "public"
    media = status["media_attachments"]
    assert isinstance(media, list) and len(media) == 1 and media[0]["description"]
    rows = _rows(drill)
    assert len(rows) == 4
    on_mastodon = [r for r in rows if r.platform == "mastodon"]
    assert [(r.agency, r.state, r.remote_id) for r in on_mastodon] == [
        (lead.key, "posted", status["id"])
    ]

    # Run again: nothing is missing, nothing is sent twice on either platform.
    again = runner.invoke(cli, [*drill.cli_args(), "--json", "launch", str(path)])
    assert again.exit_code == 3, again.output
    assert "all 4 accounts of the 3 agencies have posted" in again.stderr
    assert posts_by_author(drill) == dict.fromkeys(sandbox_handles, 1)
    assert len(_statuses(drill)) == 1

    cancel = runner.invoke(
        cli, [*drill.cli_args(), "cancel", str(path), "--reason", "wrong photo attached"]
    )
    assert cancel.exit_code == 0, cancel.output
    deleted = {r.platform for r in _rows(drill) if r.state == "deleted"}
    assert deleted == {"sandbox", "mastodon"}
    assert not any("media_attachments" in s and s["media_attachments"] for s in _statuses(drill))


def test_tracking_reads_replies_and_counts_on_mastodon_too(mixed: Drill) -> None:
    from broadcaster.storage.models import Reply

    drill = mixed
    path = approved_campaign(drill)
    runner = CliRunner()
    assert runner.invoke(cli, [*drill.cli_args(), "launch", str(path)]).exit_code == 0
    status = _statuses(drill)[0]
    mastodon = drill.mastodon  # type: ignore[attr-defined]
    api(
        mastodon,
        "POST",
        "/api/v1/statuses",
        "citizen-token",
        data={
            "status": "I saw him at the Saint John bus terminal at 9 this morning",
            "in_reply_to_id": status["id"],
        },
    )
    api(mastodon, "POST", f"/api/v1/statuses/{status['id']}/favourite", "citizen-token")
    result = runner.invoke(cli, [*drill.cli_args(), "track", "drill-1"])
    assert result.exit_code == 0, result.output
    with Session(open_db(drill.settings.db_url)) as session:
        replies = session.exec(select(Reply).where(Reply.platform == "mastodon")).all()
    assert [r.text for r in replies] == [
        "I saw him at the Saint John bus terminal at 9 this morning"
    ]
    report = runner.invoke(cli, [*drill.cli_args(), "--json", "report", "drill-1"])
    data = json.loads(report.stdout)
    on_mastodon = [p for p in data["posts"] if p["platform"] == "mastodon"]
    assert on_mastodon[0]["likes"] == 1 and on_mastodon[0]["replies"] == 1


def test_one_launch_over_x_mastodon_and_bluesky(three: Drill) -> None:
    """The real Bluesky software, the Mastodon drill and the X sandbox in one launch."""
    from fixtures_bluesky import eventually

    from broadcaster.platforms.bluesky import BlueskyPlatform

    drill = three
    path = approved_campaign(drill)
    runner = CliRunner()
    result = runner.invoke(cli, [*drill.cli_args(), "--json", "launch", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(p["platform"] for p in data["posts"]) == ["bluesky", "mastodon"] + ["sandbox"] * 3
    lead = drill.registry.get(drill.keys[0])
    sky = BlueskyPlatform.from_env(
        drill.bluesky_handle,  # type: ignore[attr-defined]
        lead.credentials,
        drill.env,
    )
    posts = eventually(lambda: sky.recent_posts(), "the launch post in the AppView")
    assert len(posts) == 1 and "DRILL" in posts[0].text
    row = next(r for r in _rows(drill) if r.platform == "bluesky")
    assert row.state == "posted" and row.remote_id == posts[0].remote_id
    assert len(_statuses(drill)) == 1
    assert sum(posts_by_author(drill).values()) == 3

    cancel = runner.invoke(
        cli, [*drill.cli_args(), "cancel", str(path), "--reason", "wrong photo attached"]
    )
    assert cancel.exit_code == 0, cancel.output
    assert {r.platform for r in _rows(drill) if r.state == "deleted"} == {
        "sandbox",
        "mastodon",
        "bluesky",
    }
    sky.close()
