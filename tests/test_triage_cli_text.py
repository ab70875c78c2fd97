"""`triage FILE`: the table and the CSV show each reply's text, safely, to find it again."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from broadcaster.cli import cli
from broadcaster.cli.views.triaging import SHORT_TEXT, short_text

LONG = "I saw him at the Esso on Main st at 9pm, he was wearing a red jacket, so sad honestly"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout


def write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / "replies.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_the_table_shows_the_start_of_each_text(tmp_path: Path) -> None:
    path = write(tmp_path, [{"id": "sms-1", "text": LONG}, {"id": "sms-2", "text": "Shared!"}])
    code, out = run("triage", str(path))
    assert code == 0
    header = out.splitlines()[1].split()
    assert header == ["id", "label", "text", "reasons"]
    assert "Shared!" in out
    # The first SHORT_TEXT characters, wrapped in their column, and nothing after them.
    assert all(word in out for word in short_text(LONG).rstrip("…").split())
    assert "honestly" not in out


def test_a_short_text_is_one_line_without_anything_a_terminal_acts_on() -> None:
    assert short_text("saw him\r\nat the\tEsso   \x1b[2Jnow\u202e") == "saw him ⏎ at the Esso now"
    cut = short_text(LONG)
    assert len(cut) == SHORT_TEXT and cut.endswith("…") and LONG.startswith(cut[:-1])


def test_the_csv_has_the_whole_text_never_a_formula(tmp_path: Path) -> None:
    rows = [
        {"id": "1", "text": LONG},
        {"id": "2", "text": '=HYPERLINK("http://x.example/","click")'},
        {"id": "3", "text": "line one\nline two \x1b]8;;http://x\x07"},
    ]
    code, out = run("triage", str(write(tmp_path, rows)), "--format", "csv")
    assert code == 0
    got = list(csv.DictReader(io.StringIO(out)))
    assert list(got[0]) == ["id", "label", "reasons", "score", "flood_key", "text"]
    assert [r["text"] for r in got] == [
        LONG,
        '\'=HYPERLINK("http://x.example/","click")',
        "line one\nline two ",
    ]
