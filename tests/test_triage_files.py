"""`broadcaster triage FILE`: what a tip line's export can hold, and what it may not."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from broadcaster.cli import cli

UNCLOSED = (
    'a quote opened here is never closed; close it, or write a quote inside a text as two ("").'
)


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def labelled(path: Path) -> list[dict[str, object]]:
    code, out, err = run("--json", "triage", str(path))
    assert (code, err) == (0, ""), err
    return json.loads(out)


# -- a quote left open --------------------------------------------------------------------


SIGHTINGS = [
    "Saw him at the Esso on Main st at 9pm",
    "Any update?",
    "Shared!",
    "He was at the mall around noon",
    "I saw him on King St",
    "Seen near the park",
    "Thanks for sharing",
    "Hope they find him",
    "He drove a red Kia",
    "Praying",
    "at the Tim Hortons on Queen, 8am",
]


def test_a_quote_never_closed_names_the_line_where_it_opened(tmp_path: Path) -> None:
    path = tmp_path / "sms.csv"
    rows = [f"{n},{text}" for n, text in enumerate(SIGHTINGS, start=2)]
    path.write_text(
        'id,text\n1,"Quote from my neighbour: he is hiding at 14 Elm St\n' + "\n".join(rows) + "\n"
    )
    code, out, err = run("triage", str(path))
    assert (code, out) == (2, "")
    assert err == f"Error: {path} line 2: {UNCLOSED}\n"


def test_a_quote_closed_rows_later_by_a_stray_one_is_still_left_open(tmp_path: Path) -> None:
    # The swallowed rows end at a later row's quote: the reader goes on without an error.
    path = tmp_path / "sms.csv"
    path.write_text(
        "id,text\ns1,ok\n"
        's2,"he is hiding at 14 Elm St\n'
        "s3,Saw him at the Esso\n"
        "s4,He was at the mall\n"
        "s5,he is about 6'2\"\n"
        "s6,thanks\n"
    )
    code, _, err = run("triage", str(path))
    assert code == 2
    assert err == f"Error: {path} line 3: {UNCLOSED}\n"


def test_the_last_line_left_open_is_named_too(tmp_path: Path) -> None:
    path = tmp_path / "sms.csv"
    path.write_text('id,text\n1,ok\n2,"I saw him\n')
    code, _, err = run("triage", str(path))
    assert code == 2
    assert err == f"Error: {path} line 3: {UNCLOSED}\n"


def test_quoted_texts_of_several_lines_are_one_reply_each(tmp_path: Path) -> None:
    # SMS texts with line breaks, one starting with a number and a comma: still one text.
    path = tmp_path / "sms.csv"
    path.write_text(
        "id,text\n"
        '1,"Saw him at the Tim Hortons\non King St, around 9pm"\n'
        '2,"Two of them\n3 guys, all in red\nthanks"\n'
        '3,"He said ""see you"" and left"\n'
        "4,Shared!\n"
    )
    rows = labelled(path)
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[0]["label"] == "tip"
    assert "location: 'at the Tim Hortons\non King St'" in rows[0]["reasons"]


def test_a_quote_inside_an_unquoted_text_is_just_a_character(tmp_path: Path) -> None:
    path = tmp_path / "sms.csv"
    path.write_text("id,text\n1,he is 6'2\" and thin\n2,Shared!\n")
    assert [r["id"] for r in labelled(path)] == ["1", "2"]
