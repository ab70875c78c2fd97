"""A mid-case update on Mastodon and Bluesky too: each account replies under its own post
(Mastodon's in_reply_to_id; Bluesky's reply refs, on the real network), and a new photo
replaces the old one."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixtures_launch import approved_campaign
from fixtures_sandbox import Drill
from officer_helpers import key_of
from test_mixed_launch import _mixed, _rows, _statuses

from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.cli import cli


@pytest.fixture
def mixed(tmp_path: Path, sandbox_factory: Callable[..., object]) -> Iterator[Drill]:
    yield from _mixed(tmp_path, sandbox_factory)


@pytest.fixture
def three(
    tmp_path: Path, sandbox_factory: Callable[..., object], bluesky_network: Any
) -> Iterator[Drill]:
    yield from _mixed(tmp_path, sandbox_factory, bluesky_network)


def test_the_mastodon_account_replies_under_its_status(mixed: Drill) -> None:
    drill = mixed
    path = approved_campaign(drill)
    runner = CliRunner()
    assert runner.invoke(cli, [*drill.cli_args(), "launch", str(path)]).exit_code == 0
    (original,) = _statuses(drill)
    photo = drill.folder / "new.jpg"
    photo.write_bytes(photo_jpeg(seed=3))
    args = ["update", str(path), "--key", str(key_of(drill.folder, "lee")), "--photo", str(photo)]
    notes = ["--note", "Seen at the station.", "--note", "fr:Vu à la gare."]
    notes += ["--alt", "A man in a green parka on a platform.", "--alt", "fr:Un homme en parka."]
    result = runner.invoke(cli, [*drill.cli_args(), *args, *notes])
    assert result.exit_code == 0, result.output

    statuses = {s["id"]: s for s in _statuses(drill)}
    replies = [s for s in statuses.values() if s.get("in_reply_to_id")]
    assert [s["in_reply_to_id"] for s in replies] == [original["id"]]
    (reply,) = replies
    assert reply["media_attachments"] and "Seen at the station." in str(reply["content"])
    # The new photo's own description, not the campaign's (which the original carried).
    described = [m["description"] for m in reply["media_attachments"]]  # type: ignore[index]
    assert described == ["A man in a green parka on a platform."]
    assert described != [m["description"] for m in original["media_attachments"]]  # type: ignore[index,union-attr]
    assert original["id"] not in statuses  # the old photo post came down
    rows = [r for r in _rows(drill) if r.kind == "update"]
    assert sorted(r.platform for r in rows) == ["mastodon"] + ["sandbox"] * 3
    assert all(r.state == "posted" for r in rows)

    again = runner.invoke(cli, [*drill.cli_args(), *args, *notes])
    assert again.exit_code == 0, again.output
    assert len([s for s in _statuses(drill) if s.get("in_reply_to_id")]) == 1


def test_the_bluesky_account_replies_under_its_post_on_the_real_network(three: Drill) -> None:
    from fixtures_bluesky import eventually

    from broadcaster.platforms.bluesky import BlueskyPlatform

    drill = three
    path = approved_campaign(drill)
    runner = CliRunner()
    assert runner.invoke(cli, [*drill.cli_args(), "launch", str(path)]).exit_code == 0
    key = str(key_of(drill.folder, "lee"))
    notes = ["--note", "Seen at the station.", "--note", "fr:Vu à la gare."]
    result = runner.invoke(
        cli, [*drill.cli_args(), "--json", "update", str(path), "--key", key, *notes]
    )
    assert result.exit_code == 0, result.output
    posted = json.loads(result.stdout)["posts"]
    assert sorted(p["platform"] for p in posted) == ["bluesky", "mastodon"] + ["sandbox"] * 3

    rows = [r for r in _rows(drill) if r.platform == "bluesky"]
    original = next(r for r in rows if r.kind == "original")
    reply = next(r for r in rows if r.kind == "update")
    assert reply.in_reply_to == original.remote_id and reply.state == "posted"
    lead = drill.registry.get(drill.keys[0])
    sky = BlueskyPlatform.from_env(
        drill.bluesky_handle,  # type: ignore[attr-defined]
        lead.credentials,
        drill.env,
    )
    try:
        replies = eventually(
            lambda: sky.replies(original.remote_id or "").replies, "the update in the thread"
        )
        assert [r.remote_id for r in replies] == [reply.remote_id]
        assert "Seen at the station." in replies[0].text
    finally:
        sky.close()


def test_the_bluesky_reply_carries_the_new_photo_with_its_own_alt_text(three: Drill) -> None:
    from test_bluesky_network import _record

    from broadcaster.platforms.bluesky import BlueskyPlatform

    drill = three
    path = approved_campaign(drill)
    runner = CliRunner()
    assert runner.invoke(cli, [*drill.cli_args(), "launch", str(path)]).exit_code == 0
    photo = drill.folder / "new.jpg"
    photo.write_bytes(photo_jpeg(seed=3))
    key = str(key_of(drill.folder, "lee"))
    args = ["update", str(path), "--key", key, "--photo", str(photo)]
    notes = ["--note", "Seen at the station.", "--note", "fr:Vu à la gare."]
    alts = ["--alt", "A man in a green parka on a platform.", "--alt", "fr:Un homme en parka."]
    result = runner.invoke(cli, [*drill.cli_args(), *args, *notes, *alts])
    assert result.exit_code == 0, result.output

    reply = next(r for r in _rows(drill) if r.platform == "bluesky" and r.kind == "update")
    lead = drill.registry.get(drill.keys[0])
    sky = BlueskyPlatform.from_env(
        drill.bluesky_handle,  # type: ignore[attr-defined]
        lead.credentials,
        drill.env,
    )
    try:
        images = _record(sky, reply.remote_id or "").value.embed.images  # type: ignore[union-attr]
        assert [i.alt for i in images] == ["A man in a green parka on a platform."]
    finally:
        sky.close()
