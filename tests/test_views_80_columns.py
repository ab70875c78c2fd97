"""The terminal views at 80 and 120 columns, as an officer reads them: handles, reply ids
and time zones whole on one line (never folded mid-word or cut with "…"), headers whole,
the env file actually in use named, and "—" where a platform gives no figure."""

from __future__ import annotations

import json
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures_responses import LAUNCH, SeedAgency, add_reply, seed_campaign
from sqlalchemy import Engine

from broadcaster.cli import cli
from broadcaster.cli.views.packed import pack
from broadcaster.cli.views.responses import print_track
from broadcaster.platforms.base import Metrics
from broadcaster.responses.tracking import PostTracking, TrackReport

CID = "tps-2026-0412"
WIDTHS = [80, 120]
LONGEST = "@rcmp_grc_nouveau_brunswick@police.example"  # 42 characters
AGENCIES = (
    SeedAgency("tps", "@TorontoPolice", 520_000, 0, platform="x"),
    SeedAgency("tpsm", "@toronto@police.example", 81_000, 12, platform="mastodon"),
    SeedAgency("spvm", "@spvm-montreal.bsky.social", 230_000, 31, platform="bluesky"),
    SeedAgency("nb", LONGEST, 9_000, 40, platform="mastodon"),
)
X_ID = "2130034688004194304"
MASTODON_ID = "113456789012345678"
BLUESKY_ID = "at://did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.post/3kabcdefghijk"


def invoke(width: int, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": str(width)})
    return result.exit_code, result.stdout, result.stderr


def lines_holding(text: str, value: str) -> list[str]:
    return [line for line in text.splitlines() if value in line]


def assert_whole(text: str, value: str) -> None:
    """`value` appears unbroken on some line, and no line holds only a beginning of it
    followed by a line end, spaces or "…" (what a folded or cut cell leaves)."""
    assert lines_holding(text, value), f"{value!r} is not whole on any line of:\n{text}"
    for k in (k for k in range(4, len(value)) if not value[k].isspace()):
        cut = re.compile(re.escape(value[:k]) + r"(…|\s|$)", re.MULTILINE)
        assert not cut.search(text), f"{value!r} is broken ({value[:k]!r}) in:\n{text}"


@pytest.fixture
def campaign(responses_engine: Engine) -> dict[str, int]:
    ids = seed_campaign(responses_engine, CID, agencies=AGENCIES)
    replies = (
        ("tps", X_ID, "@a_rather_long_witness_handle", "tip", "x"),
        ("tpsm", MASTODON_ID, "@witness@mastodon.example.social", "question", "mastodon"),
        ("spvm", BLUESKY_ID, "@temoin.bsky.social", "tip", "bluesky"),
    )
    for minute, (agency, remote_id, author, label, platform) in enumerate(replies, start=5):
        add_reply(
            responses_engine,
            CID,
            ids[agency],
            remote_id,
            "I saw him near the station, wearing a red jacket",
            label=label,
            created_at=LAUNCH + timedelta(minutes=minute),
            author=author,
            platform=platform,
        )
    return ids


@pytest.mark.parametrize("width", WIDTHS)
def test_status_keeps_every_handle_whole(
    width: int, sqlite_url: str, campaign: dict[str, int]
) -> None:
    code, out, _ = invoke(width, "--db", sqlite_url, "status", CID)
    assert code == 0
    assert "…" not in out
    assert all(len(line) <= width for line in out.splitlines() if not line.startswith("  "))
    for agency in AGENCIES:
        assert_whole(out, agency.handle)
    assert "2026-11-23" in out
    assert_whole(out, "14:00:00")


@pytest.mark.parametrize("width", WIDTHS)
def test_tips_keep_the_reply_id_with_its_head(
    width: int, sqlite_url: str, campaign: dict[str, int]
) -> None:
    code, out, _ = invoke(width, "--db", sqlite_url, "tips", CID)
    assert code == 0
    # X's and Mastodon's ids stay on the head line, after the time, never alone.
    for remote_id in (X_ID, MASTODON_ID):
        (line,) = lines_holding(out, f"id {remote_id}")
        assert line.split()[0] in ("TIP", "QUESTION") and "2026-11-23" in line
        assert not any(line.strip() == remote_id for line in out.splitlines())
    # A Bluesky id is longer than a head line has room for: whole, with its "id".
    assert_whole(out, f"id {BLUESKY_ID}")
    for author in ("@a_rather_long_witness_handle", "@witness@mastodon.example.social"):
        assert_whole(out, author)
    assert all(len(line) <= width for line in out.splitlines() if "://" not in line)


def test_packing_never_splits_a_piece() -> None:
    from rich.text import Text

    pieces = [Text("TIP      2026-11-23 14:05:00 UTC"), Text(f"id {X_ID}"), Text("@x via tps")]
    assert [line.plain for line in pack(pieces, 80, indent=9)] == [
        f"TIP      2026-11-23 14:05:00 UTC  id {X_ID}  @x via tps"
    ]
    assert [line.plain for line in pack(pieces, 40, indent=9)] == [
        "TIP      2026-11-23 14:05:00 UTC",
        f"         id {X_ID}",
        "         @x via tps",
    ]
    wide = [Text("TIP"), Text(f"id {BLUESKY_ID}")]
    assert [line.plain for line in pack(wide, 60, indent=9)] == ["TIP", f"id {BLUESKY_ID}"]


MIXED = """\
[agency.tps]
name = "Toronto Police Service"
platform = "mastodon"
handle = "@toronto@police.example"
instance = "https://police.example"
language = "en"
timezone = "America/Toronto"
tip_line = "416-222-8477"
credentials = "TPS"

[agency.nypd]
name = "New York City Police Department"
platform = "mastodon"
handle = "@nypd_crime_stoppers@police.example"
instance = "https://police.example"
language = "en"
timezone = "America/Argentina/Buenos_Aires"
tip_line = "1-800-577-8477"
credentials = "NYPD"
"""


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "agencies.toml").write_text(MIXED, encoding="utf-8")
    (tmp_path / "env-nonypd").write_text("TPS_MASTODON_ACCESS_TOKEN=tps-token\n")
    for name in list(os.environ):
        if name.startswith("BROADCASTER_") or name.endswith("_MASTODON_ACCESS_TOKEN"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("width", WIDTHS)
def test_agencies_list_shows_headers_handles_and_time_zones_whole(
    width: int, registry: Path
) -> None:
    code, out, _ = invoke(width, "--env-file", "env-nonypd", "agencies", "list")
    assert code == 0
    assert "…" not in out
    assert all(len(line) <= width for line in out.splitlines())
    # At 120 a table; at 80 these handles and zones leave no room for one: a block an
    # agency, its pieces whole.
    shown = ("credentials", "time zone") if width >= 120 else ("credentials missing",)
    for value in (
        *shown,
        "@toronto@police.example",
        "@nypd_crime_stoppers@police.example",
        "America/Toronto",
        "America/Argentina/Buenos_Aires",
    ):
        assert_whole(out, value)
    # The file actually read, not a .env that is not there.
    assert out.rstrip().endswith(
        "nypd: set NYPD_MASTODON_ACCESS_TOKEN in the environment or env-nonypd."
    )
    assert ".env" not in out


@pytest.mark.parametrize("width", WIDTHS)
def test_agencies_list_table_of_the_drill_registry(width: int, workspace) -> None:
    """The four drill agencies (the review's registry) fit a table at 80 columns, with its
    headers and every time zone whole."""
    code, out, _ = invoke(width, "agencies", "list")
    assert code == 0
    assert "…" not in out
    assert all(len(line) <= width for line in out.splitlines())
    for value in ("credentials", "time zone", "@TorontoPolice", "@NYPDTips"):
        assert_whole(out, value)
    for value in ("America/Toronto", "America/Moncton", "America/New_York"):
        assert_whole(out, value)


def write_appeal(folder: Path) -> Path:
    from broadcaster.authoring.scaffold import write_campaign
    from broadcaster.timeutil import utcnow

    now = utcnow().replace(microsecond=0)
    write_campaign(
        folder,
        campaign_id="appeal",
        agencies=["tps", "nypd"],
        lead="tps",
        launch_at=now + timedelta(hours=1),
        expires_at=now + timedelta(days=30),
    )
    return folder / "campaigns" / "appeal.toml"


@pytest.mark.parametrize("width", WIDTHS)
def test_preview_keeps_each_agency_s_handle_whole(width: int, registry: Path) -> None:
    campaign = write_appeal(registry)
    code, out, err = invoke(width, "--env-file", "env-nonypd", "preview", str(campaign))
    assert code == 0, err
    assert "…" not in out
    assert_whole(out, "@nypd_crime_stoppers@police.example")
    assert_whole(out, "New York City Police Department")


def test_validate_names_the_env_file_in_use(registry: Path) -> None:
    campaign = write_appeal(registry)
    code, _, err = invoke(80, "--env-file", "env-nonypd", "validate", str(campaign))
    assert code == 2
    assert "agency 'nypd': set NYPD_MASTODON_ACCESS_TOKEN in the environment or env-nonypd." in err
    assert "or .env" not in err


@pytest.mark.parametrize("width", WIDTHS)
def test_track_shows_a_dash_where_the_platform_gives_no_impressions(
    width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    seen = Metrics(impressions=0, reposts=2, replies=1, likes=7)
    report = TrackReport(
        CID,
        LAUNCH,
        posts=[
            PostTracking(1, "tps", "original", X_ID, metrics=Metrics(impressions=0, likes=3)),
            PostTracking(2, "tpsm", "original", MASTODON_ID, metrics=seen),
            PostTracking(3, "spvm", "original", "3kabc", metrics=seen),
        ],
    )
    print_track(report, {X_ID: "x", MASTODON_ID: "mastodon", "3kabc": "bluesky"})
    out = capsys.readouterr().out
    rows = {line.split()[1]: line.split() for line in out.splitlines() if line[:1].isdigit()}
    assert rows["tps"][3] == "0"  # X reports impressions: none yet is a real 0
    assert rows["tpsm"][3] == "—" and rows["spvm"][3] == "—"
    assert rows["tpsm"][4] == "10"  # engagements are still counted
    for number, remote_id in enumerate((X_ID, MASTODON_ID), start=1):
        assert f"  {number}. id {remote_id}\n" in out  # whole, under the table


@pytest.mark.parametrize("width", WIDTHS)
def test_officers_list_keeps_each_key_fingerprint_whole(width: int, workspace) -> None:
    code, listed, _ = invoke(width, "--json", "officers", "list")
    assert code == 0
    code, out, _ = invoke(width, "officers", "list")
    assert code == 0
    assert "…" not in out
    assert all(len(line) <= width for line in out.splitlines())
    for officer in json.loads(listed):
        assert_whole(out, officer["fingerprint"])
        assert_whole(out, officer["name"])
