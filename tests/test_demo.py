"""`broadcaster demo`: the whole drill from nothing, in a scratch folder."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from sqlmodel import Session, select

from broadcaster.campaign.demo import CITIZEN_TIP, run_demo
from broadcaster.campaign.status import campaign_status
from broadcaster.cli import cli
from broadcaster.sandbox.bluesky import BlueskyNetwork
from broadcaster.storage.audit import verify
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Reply


def test_demo_runs_the_whole_drill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the Bluesky network (not installed here): one sentence says so, and the
    drill runs on the X sandbox and the Mastodon drill server."""
    # Run from a folder with nothing in it: no agencies, no .env, no database.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BROADCASTER_BLUESKY_TOOLS", str(tmp_path / "no-tools"))
    result = CliRunner().invoke(cli, ["--json", "demo", "--dir", "drill"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    folder = tmp_path / "drill"
    assert data["folder"] == str(folder)
    for name in ("agencies.toml", ".env", "broadcaster.db", "report.html"):
        assert (folder / name).is_file(), name
    assert Path(data["campaign_file"]).is_file()
    assert data["platforms"] == ["sandbox", "mastodon"]
    assert "not installed" in data["bluesky_missing"]
    assert data["state"] == "launched" and len(data["posts"]) == 10
    assert sorted(p["platform"] for p in data["posts"]) == ["mastodon"] * 5 + ["sandbox"] * 5
    # What the drill servers themselves held before they stopped.
    assert data["received"] == {"sandbox": 5, "mastodon": 5}
    assert data["approvers"] == ["lee", "roy"]
    assert data["new_replies"] > 0
    engine = open_db(f"sqlite:///{folder / 'broadcaster.db'}")
    status = campaign_status(engine, data["campaign"])
    assert [p["state"] for p in status["posts"]] == ["posted"] * 10
    assert verify(engine).ok
    # The member of the public's tip on Mastodon was tracked, triaged and reported.
    with Session(engine) as session:
        replies = session.exec(select(Reply).where(Reply.platform == "mastodon")).all()
    assert [r.text for r in replies] == [CITIZEN_TIP]
    where = [
        "--db",
        f"sqlite:///{folder / 'broadcaster.db'}",
        "--agencies",
        str(folder / "agencies.toml"),
    ]
    report = CliRunner().invoke(cli, [*where, "--json", "report", data["campaign"]])
    on_mastodon = {
        p["agency"]: p["replies"]
        for p in json.loads(report.stdout)["posts"]
        if p["platform"] == "mastodon"
    }
    assert on_mastodon == {"toronto": 1, "montreal": 0, "newyork": 0, "vancouver": 0, "halifax": 0}
    env = (folder / ".env").read_text()
    assert env.count("_X_ACCESS_SECRET=") == 5  # drill keys live in the folder's .env only
    assert env.count("_MASTODON_ACCESS_TOKEN=") == 5
    for line in env.splitlines():
        if "_X_" in line or "_MASTODON_ACCESS_TOKEN=" in line:
            assert line.split("=", 1)[1] not in result.output
    # What happened, in plain words (on stderr: stdout holds the JSON).
    said = result.stderr
    assert said.startswith(
        f"The Bluesky drill network is not installed in {tmp_path / 'no-tools'}: run "
        "`make bluesky-local`; this drill posts on the X sandbox and the Mastodon drill only.\n"
    )
    assert "Approved by Sgt. Dana Lee and Insp. Sam Roy, each signing with their own key" in said
    assert (
        "Launched: 10 of 10 accounts of 5 agencies posted at once (5 on sandbox, 5 on "
        "mastodon); the first and last posts landed "
    ) in said
    assert "The drill servers hold the agencies' posts: 5 on the X sandbox, 5 on Mastodon." in said
    assert "A member of the public replied to toronto's post on Mastodon." in said
    assert "Wrote the reach report to " in said


def test_demo_posts_on_all_three_drill_platforms(
    tmp_path: Path, bluesky_network: BlueskyNetwork
) -> None:
    """With the real Bluesky network: every agency posts on the X sandbox, Mastodon and
    Bluesky, and the PDS holds each agency's post."""
    said: list[str] = []
    result = run_demo(tmp_path / "drill", say=said.append, bluesky=bluesky_network)
    assert result.platforms == ("sandbox", "mastodon", "bluesky")
    assert result.bluesky_missing is None
    assert result.received == {"sandbox": 5, "mastodon": 5, "bluesky": 5}
    posts = result.status["posts"]
    assert sorted(p["platform"] for p in posts) == sorted(["sandbox", "mastodon", "bluesky"] * 5)
    assert {p["state"] for p in posts} == {"posted"}
    # On the PDS itself (still running: the network is the session's): each agency's one post.
    sky = [p for p in posts if p["platform"] == "bluesky"]
    for post in sky:
        repo = post["remote_id"].split("/")[2]
        records = httpx.get(
            f"{bluesky_network.url}/xrpc/com.atproto.repo.listRecords",
            params={"repo": repo, "collection": "app.bsky.feed.post"},
        ).json()["records"]
        assert len(records) == 1
        assert records[0]["value"]["text"].startswith(("DRILL", "EXERCICE"))
    assert any("posted at once (5 on sandbox, 5 on mastodon, 5 on bluesky)" in s for s in said)
    assert "replied to toronto's post on Mastodon and Bluesky" in said[-3]
    assert result.report_path is not None and result.report_path.is_file()


def test_demo_refuses_a_used_folder(tmp_path: Path) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["demo", "--dir", str(tmp_path / "used")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {tmp_path / 'used'} is not empty; give demo a new folder with --dir.\n"
    )
