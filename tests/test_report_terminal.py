"""`broadcaster report` in the terminal at 80 and 120 columns, as an officer reads it:
every handle whole on one line (never folded as `@toronto@police.exa` / `mple`, never cut
with "…"), a tip's id on the line of its time, "—" where a platform reports no figure or
an account's follower count could not be read, and the potential audience saying whom it
leaves out."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from click.testing import CliRunner
from fixtures_responses import LAUNCH, SeedAgency, add_reply, add_snapshot, seed_campaign
from sqlalchemy import Engine, update

from broadcaster.cli import cli
from broadcaster.storage.models import Post

CID = "tps-2026-0412"
LONGEST = "@rcmp_grc_nouveau_brunswick@police.example"  # 42 characters
AGENCIES = (
    SeedAgency("tps", "@TorontoPolice", 520_000, 0, platform="x"),
    SeedAgency("tpsm", "@toronto@police.example", 81_000, 12, platform="mastodon"),
    SeedAgency("spvm", "@spvm-montreal.bsky.social", 230_000, 31, platform="bluesky"),
    SeedAgency("nb", LONGEST, 9_000, 40, platform="mastodon"),
)
HANDLES = [agency.handle for agency in AGENCIES]
TIP_ID = "2130034688004194304"
TIP_AUTHOR = "@a_rather_long_witness_handle_from_the_east_end"
ERROR = "X refused the post: the account is locked while X reviews a login from a new place."


@pytest.fixture
def campaign(responses_engine: Engine) -> None:
    ids = seed_campaign(
        responses_engine,
        CID,
        agencies=AGENCIES,
        extra_posts=[
            {
                "agency": "nb",
                "platform": "mastodon",
                "handle": LONGEST,
                "kind": "scheduled_repost",
                "occurrence": "repost-1",
                "state": "failed",
                "error": ERROR,
            }
        ],
    )
    for key, post_id in ids.items():
        # What tracking stores for a metric the platform has not (Mastodon's, Bluesky's
        # impressions): 0, which the report must show as "—".
        add_snapshot(
            responses_engine,
            CID,
            post_id,
            LAUNCH + timedelta(hours=1),
            impressions=40_000 if key == "tps" else 0,
            likes=30,
        )
    # The Bluesky profile could not be read at posting: no follower count.
    with responses_engine.begin() as connection:
        connection.execute(update(Post).where(Post.agency == "spvm").values(followers=None))
    add_reply(
        responses_engine,
        CID,
        ids["tps"],
        TIP_ID,
        "I saw him near the station, wearing a red jacket",
        label="tip",
        created_at=LAUNCH + timedelta(minutes=5),
        author=TIP_AUTHOR,
        platform="x",
    )


def report_at(width: int, sqlite_url: str) -> str:
    result = CliRunner().invoke(
        cli, ["--db", sqlite_url, "report", CID], env={"COLUMNS": str(width)}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def assert_whole(text: str, value: str) -> None:
    """`value` unbroken on some line, and no line holding only a beginning of it followed
    by a line end, spaces or "…" (what a folded or cut cell leaves)."""
    assert any(value in line for line in text.splitlines()), f"{value!r} not whole in:\n{text}"
    for k in (k for k in range(4, len(value)) if not value[k].isspace()):
        cut = re.compile(re.escape(value[:k]) + r"(…|\s|$)", re.MULTILINE)
        assert not cut.search(text), f"{value!r} is broken ({value[:k]!r}) in:\n{text}"


def post_of(text: str, handle: str) -> str:
    """What the report shows of the launch post from `handle`: its table row (the line
    above the handle and the handle's line) or, when the table would not fit, its packed
    lines (from its number to the next post's)."""
    lines = text.splitlines()
    start = lines.index("Posts") if "Posts" in lines else 0
    at = next(i for i in range(start, len(lines)) if handle in lines[i])
    if lines[at].lstrip().startswith(handle):  # the table: the handle under its key
        return "\n".join(lines[at - 1 : at + 1])
    end = next((i for i in range(at + 1, len(lines)) if re.match(r"\s*\d+\. \w", lines[i])), at + 3)
    return "\n".join(lines[at:end])


@pytest.mark.parametrize("width", [80, 120])
def test_the_report_keeps_handles_and_ids_whole(
    width: int, sqlite_url: str, campaign: None
) -> None:
    text = report_at(width, sqlite_url)
    for handle in HANDLES:
        assert_whole(text, handle)
    assert_whole(text, TIP_AUTHOR)
    assert "…" not in text  # no cell was cut
    # The tip's id stays with "id" and with the time, where --followed-up finds it.
    head = next(line for line in text.splitlines() if TIP_ID in line)
    assert re.match(rf"2026-11-23 \d\d:05:00 \S+  id {TIP_ID}(\s|$)", head), head
    # Nothing wider than the terminal but the links and errors printed whole to be copied.
    printed_whole = ("://", ERROR)  # as they came, after the table, one per line
    assert all(
        len(line) <= width
        for line in text.splitlines()
        if not any(whole in line for whole in printed_whole)
    )


@pytest.mark.parametrize("width", [80, 120])
def test_unreported_figures_and_unknown_followers_are_dashes(
    width: int, sqlite_url: str, campaign: None
) -> None:
    text = report_at(width, sqlite_url)
    flat = " ".join(text.split())
    x_post = post_of(text, "@TorontoPolice")
    assert "520,000" in x_post and "40,000" in x_post and "—" not in x_post
    mastodon = post_of(text, "@toronto@police.example")
    assert "81,000" in mastodon and "40,000" not in mastodon
    assert re.search(r"(^|\s)—(\s|$)", mastodon), mastodon  # its impressions
    bluesky = post_of(text, "@spvm-montreal.bsky.social")
    assert "230,000" not in bluesky and not re.search(r"(^|\s)0 followers", bluesky)
    assert len(re.findall(r"(^|\s)—(?=\s|$)", bluesky)) == 2, bluesky  # followers, impressions
    # The audience counts the counts read, and names the account it leaves out.
    assert "Potential audience 610,000 followers, leaving out spvm (Bluesky):" in flat
    assert "follower count unknown" in flat
    assert "Impressions and bookmarks: not reported by Mastodon or Bluesky" in flat
    # The failure's error in full where the failures are listed (a cell cut at the
    # terminal's edge would leave "X ref").
    failures = text[text.rindex("Failures") :].splitlines()
    shown = [line.split("│")[-2] if line.startswith("│") else line for line in failures]
    assert ERROR in " ".join(" ".join(shown).split())
