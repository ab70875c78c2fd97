"""What a reader of the report relies on beyond its figures: an officer's correction shown
as the reason, long replies kept short where people read, and the report's time zone named."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from typing import Any

from click.testing import CliRunner
from fixtures_responses import LAUNCH, add_reply
from rich.console import Console
from sqlalchemy import Engine

from broadcaster.cli import cli
from broadcaster.responses.report import (
    Report,
    build_report,
    render,
    render_text,
    shorten_reply,
)
from broadcaster.responses.tips import relabel, responses

CID = "tps-2026-0412"
RELABELLED = "1900000000000000077"
MACHINE_REASON = "off-topic (no cue about the case)"


def _relabelled_tip(engine: Engine, post_id: int) -> None:
    """A reply triage called spam, that officer lee relabelled a tip."""
    add_reply(
        engine,
        CID,
        post_id,
        RELABELLED,
        "The man in the photo drives a blue pickup, I see it every morning",
        label="spam",
        created_at=LAUNCH + timedelta(hours=4),
        reasons=(MACHINE_REASON,),
    )
    relabel(engine, CID, RELABELLED, "tip", "lee")


def test_an_officers_correction_is_the_first_reason_in_every_format(
    responses_engine: Engine, seeded: dict[str, int]
) -> None:
    _relabelled_tip(responses_engine, seeded["tps"])
    officer = "relabelled tip by officer lee (triage said spam)"
    # The same words as the tips inbox.
    listed = next(r for r in responses(responses_engine, CID) if r.id == RELABELLED)
    assert listed.reasons[0] == officer

    report = build_report(responses_engine, CID)
    tip = next(t for t in report.tips if t.remote_id == RELABELLED)
    assert tip.reasons == [officer, MACHINE_REASON]

    data = json.loads(render(report, "json"))
    assert next(t for t in data["tips"] if t["id"] == RELABELLED)["reasons"] == [
        officer,
        MACHINE_REASON,
    ]
    for fmt in ("md", "html"):
        assert f"{officer}; {MACHINE_REASON}" in render(report, fmt), fmt
    assert f"why: {officer}; {MACHINE_REASON}" in " ".join(_text(report, width=80).split())


def _text(report: Report, width: int) -> str:
    out = io.StringIO()
    render_text(report, Console(file=out, width=width, highlight=False, color_system=None))
    return out.getvalue()


LONG = ("Saw a man like him near the Irving station on Rothesay Avenue, Montréal plates. " * 50)[
    :4000
]


def test_a_long_reply_is_shortened_where_people_read_it_and_whole_in_json_and_csv(
    responses_engine: Engine, seeded: dict[str, int]
) -> None:
    add_reply(
        responses_engine,
        CID,
        seeded["tps"],
        "1900000000000000066",
        LONG,
        label="tip",
        created_at=LAUNCH + timedelta(hours=4),
    )
    report = build_report(responses_engine, CID)
    note = "… (4,000 characters; the whole text is in broadcaster tips --format csv / json)"
    short = LONG[:250]
    text = _text(report, width=80)
    flat = " ".join(text.split())
    assert short in flat and note in flat and LONG[:400] not in flat
    # The tips block holds the reply in a few lines at 80 columns, not some 50.
    assert len(text.splitlines()) < 110
    for fmt in ("md", "html"):
        out = render(report, fmt)
        assert short in out and note in out and LONG[:400] not in out, fmt
    # JSON keeps the whole text, for tools and for the record.
    data = json.loads(render(report, "json"))
    assert next(t for t in data["tips"] if t["id"] == "1900000000000000066")["text"] == LONG


def test_a_reply_a_little_longer_than_a_post_is_shown_whole() -> None:
    assert shorten_reply("x" * 300, "json") == "x" * 300
    shortened = shorten_reply("word " * 200, "json")
    assert shortened.startswith("word word") and len(shortened) < 340
    assert shortened.endswith("word … (1,000 characters; the whole text is in json)")


def test_tips_shortens_a_long_reply_and_its_csv_keeps_it_whole(
    sqlite_url: str, responses_engine: Engine, seeded: dict[str, int]
) -> None:
    add_reply(
        responses_engine,
        CID,
        seeded["tps"],
        "1900000000000000066",
        LONG,
        label="tip",
        created_at=LAUNCH + timedelta(hours=4),
    )
    result = CliRunner().invoke(cli, ["--db", sqlite_url, "tips", CID, "--label", "tip"])
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "… (4,000 characters; the whole text is in --format csv / json)" in flat
    assert LONG[:400] not in flat
    result = CliRunner().invoke(cli, ["--db", sqlite_url, "tips", CID, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert next(r for r in rows if r["id"] == "1900000000000000066")["text"] == LONG


def test_tips_with_a_label_nobody_has_says_how_many_replies_are_stored(
    sqlite_url: str, responses_engine: Engine
) -> None:
    from fixtures_responses import seed_campaign

    ids = seed_campaign(responses_engine, "quiet-1")
    seed_campaign(responses_engine, "fresh-1")
    for n in range(2):
        add_reply(
            responses_engine,
            "quiet-1",
            ids["tps"],
            f"19000000000000002{n}",
            "FOLLOW @kpopstan",
            label="spam",
            created_at=LAUNCH + timedelta(minutes=n),
        )
    result = CliRunner().invoke(cli, ["--db", sqlite_url, "tips", "quiet-1", "--label", "tip"])
    assert result.exit_code == 0
    assert " ".join(result.stdout.split()) == (
        "quiet-1: 2 replies stored, none labelled tip; `broadcaster tips quiet-1` shows them all."
    )
    result = CliRunner().invoke(cli, ["--db", sqlite_url, "tips", "fresh-1", "--label", "tip"])
    assert result.exit_code == 0
    assert result.stdout == (
        "No tip replies stored for fresh-1 yet; run `broadcaster track` first.\n"
    )


def test_the_text_report_at_80_columns_breaks_no_word_id_or_link(responses_engine: Engine) -> None:
    from fixtures_responses import SeedAgency, seed_campaign

    agencies = (
        SeedAgency("spvm", "@SPVMontreal", 230_000, 0),
        SeedAgency("rcmp", "@RCMPNewBrunswick", 81_000, 12),
    )
    ids = seed_campaign(responses_engine, CID, agencies=agencies)
    tip_id = "2130034688004194304"
    add_reply(
        responses_engine,
        CID,
        ids["spvm"],
        tip_id,
        "Je l'ai vu à Montréal, rue Sainte-Catherine, hier vers 21 h",
        label="tip",
        created_at=LAUNCH + timedelta(hours=1),
    )
    report = build_report(responses_engine, CID)
    text = _text(report, width=80)
    words = {word for line in text.splitlines() for word in line.split()}
    for whole in ("@SPVMontreal", "@RCMPNewBrunswick", "original", "Montréal,", tip_id):
        assert whole in words, whole
    for post in report.posts:
        assert post.url and post.url in words
    assert "…" not in text
    assert all(len(line) <= 80 for line in text.splitlines() if "://" not in line)


def test_text_and_markdown_say_once_at_the_top_which_zone_times_are_in(launched: Any) -> None:
    drill = launched.drill
    report = build_report(launched.engine, launched.campaign_id, settings=drill.settings)
    zone = drill.registry.get(drill.keys[0]).timezone
    sentence = f"Times are {zone} (the lead agency's)."
    for out in (_text(report, width=80), render(report, "md")):
        assert out.count("Times are ") == 1
        assert sentence in out
        assert out.index(sentence) < out.index("Posts")
    assert f"Times are {zone}" in render(report, "html")
