"""Strangers' and partners' text printed without anything a terminal would act on (#10).

Replies carry escape sequences (screen clearing, OSC 8 fake hyperlinks, title changes),
BEL, C1 controls and bidi overrides; platforms' error messages quote what they were sent.
Every human-readable output (tips, triage tables and CSV, report text and Markdown, status,
track) prints the words without those characters, through a pipe (CliRunner) as on a
terminal. JSON keeps the text exactly as stored, with those characters written as escapes.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixtures_responses import LAUNCH, add_reply
from sqlalchemy import Engine, update

from broadcaster.cli import cli
from broadcaster.storage.models import Post

CID = "tps-2026-0412"

# One reply that tries everything: clear the screen, retitle the window, a fake link, a
# bell, an 8-bit CSI, a right-to-left override that hides an extension, and rich markup.
HOSTILE = (
    "\x1b[2J\x1b[Hsaw him\x1b]0;pwned\x07 near "
    "\x1b]8;;http://evil.example\x1b\\the station\x1b]8;;\x1b\\ \x07\x9b31m"
    "at 9pm \u202etxt.exe\u202c [link=http://evil.example]call[/link]"
)
WORDS = ("saw him", "near", "the station", "at 9pm", "txt.exe", "[link=http://evil.example]call")
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(*args: str) -> Any:
    # A wide terminal, so that table cells are not folded in the middle of the words.
    return CliRunner().invoke(cli, list(args), env={"COLUMNS": "400"})


def assert_inert(output: str, words: tuple[str, ...] = WORDS) -> None:
    found = FORBIDDEN.search(output)
    assert found is None, f"U+{ord(found.group()):04X} printed at {found.start()}"
    # Each escape sequence goes whole: no remnant of the fake hyperlink or the title.
    assert "8;;" not in output and "0;pwned" not in output and "[2J" not in output
    for word in words:
        assert word in output, word


@pytest.fixture
def hostile_db(sqlite_url: str, responses_engine: Engine, seeded: dict[str, int]) -> str:
    add_reply(
        responses_engine,
        CID,
        seeded["tps"],
        "1900000000000000099",
        HOSTILE,
        label="tip",
        created_at=LAUNCH + timedelta(hours=9),
        author="@\x1b[31mtroll\u202e",
        reasons=("location: 'near \x1b[2Jthe station'",),
    )
    posts = Post.__table__  # type: ignore[attr-defined]
    with responses_engine.begin() as conn:
        conn.execute(
            update(posts)
            .where(posts.c.id == seeded["spvm"])
            .values(
                state="failed",
                error="X said: (400: \x1b]8;;http://evil.example\x07[red]fake[/red]\x1b[2J)",
            )
        )
    return sqlite_url


def test_tips_prints_the_words_and_nothing_that_acts(hostile_db: str) -> None:
    result = run("--db", hostile_db, "tips", CID)
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout)
    assert "@troll" in result.stdout and "near the station" in result.stdout


def test_tips_csv_is_inert_and_json_keeps_the_text_as_stored(hostile_db: str) -> None:
    csv_out = run("--db", hostile_db, "tips", CID, "--format", "csv")
    assert csv_out.exit_code == 0
    assert_inert(csv_out.stdout)
    for args in (("tips", CID, "--format", "json"), ("--json", "tips", CID)):
        result = run("--db", hostile_db, *args)
        assert result.exit_code == 0, result.output
        # Every dangerous character is a \\u escape: nothing for a terminal to act on...
        assert FORBIDDEN.search(result.stdout) is None
        # ...and parsed, the text is exactly what was stored.
        rows = json.loads(result.stdout)
        rows = rows if isinstance(rows, list) else rows.get("responses", rows)
        (row,) = [r for r in rows if r["id"] == "1900000000000000099"]
        assert row["text"] == HOSTILE and row["author"] == "@\x1b[31mtroll\u202e"


def test_report_text_and_markdown_are_inert(hostile_db: str) -> None:
    for fmt in ("text", "md"):
        result = run("--db", hostile_db, "report", CID, "--format", fmt)
        assert result.exit_code == 0, result.output
        assert_inert(result.stdout, ("saw him", "near", "at 9pm", "txt.exe", "fake"))
    result = run("--db", hostile_db, "report", CID, "--format", "json")
    assert FORBIDDEN.search(result.stdout) is None
    data = json.loads(result.stdout)
    assert HOSTILE in [t["text"] for t in data["tips"]]
    assert any("\x1b[2J" in (f["error"] or "") for f in data["failures"])


def test_status_prints_a_platform_error_as_text(hostile_db: str) -> None:
    result = run("--db", hostile_db, "status", CID)
    assert result.exit_code in (0, 4), result.output
    assert_inert(result.stdout, ("X said: (400:", "[red]fake[/red]"))
    assert "\x1b" not in result.stdout


def test_triage_tables_and_csv_are_inert(tmp_path: Path) -> None:
    source = tmp_path / "sms.jsonl"
    source.write_text(
        json.dumps({"id": "sms-\x1b[2J1\u202e", "text": "I saw him " + HOSTILE}) + "\n",
        encoding="utf-8",
    )
    for fmt in ("table", "csv"):
        result = run("triage", str(source), "--format", fmt)
        assert result.exit_code == 0, result.output
        assert_inert(result.stdout, ("sms-1",))
    result = run("triage", str(source), "--format", "json")
    assert FORBIDDEN.search(result.stdout) is None
    assert json.loads(result.stdout)[0]["id"] == "sms-\x1b[2J1\u202e"


def test_track_table_prints_a_platform_error_as_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    from broadcaster.cli.views.responses import print_track
    from broadcaster.responses.tracking import PostTracking, TrackReport

    monkeypatch.setenv("COLUMNS", "400")
    report = TrackReport(campaign_id=CID, started_at=datetime(2026, 11, 23, tzinfo=UTC))
    report.posts.append(
        PostTracking(
            post_id=1,
            agency="tps",
            kind="post",
            remote_id="19\x1b[2J00",
            error="replies: (400: \x1b]8;;http://evil.example\x07[bold]x[/bold]\x07)",
        )
    )
    print_track(report)
    out = capsys.readouterr().out
    assert_inert(out, ("replies: (400:", "[bold]x[/bold]", "1900"))


def test_an_error_sentence_quoting_a_hostile_file_name_prints_no_escape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["init"]).exit_code == 0
    result = CliRunner().invoke(cli, ["validate", "bad\x1b]8;;http://evil\x07.toml"])
    assert result.exit_code == 2
    assert result.stderr == f"Error: bad.toml: campaign file not found (looked in {tmp_path}).\n"
