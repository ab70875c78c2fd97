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


# -- an empty file, ids used twice, NUL bytes ----------------------------------------------


def test_an_empty_file_or_a_header_alone_is_no_replies_said_on_stderr(tmp_path: Path) -> None:
    for name, content in (("empty.jsonl", ""), ("header.csv", "id,text\n"), ("blank.csv", "")):
        path = tmp_path / name
        path.write_text(content)
        assert run("--json", "triage", str(path)) == (0, "[]\n", f"No replies in {path}.\n")
        code, out, err = run("triage", str(path), "--format", "csv")
        assert (code, err) == (0, f"No replies in {path}.\n")
        assert out.splitlines()[0].startswith("id,label")
    assert run("--json", "triage", "-", input="") == (0, "[]\n", "No replies in standard input.\n")


def test_no_reply_of_the_label_asked_for_is_not_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": 1, "text": "Shared!"}\n')
    assert run("--json", "triage", str(path), "--label", "tip") == (0, "[]\n", "")


def test_an_id_used_twice_names_the_id_and_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "sms.csv"
    path.write_text("id,text\ns1,Shared!\ns2,Any update?\ns1,I saw him at the Esso at 9pm\n")
    code, out, err = run("triage", str(path))
    assert (code, out) == (2, "")
    assert err == (
        f"Error: {path} line 4: the id 's1' is already the id of line 2; "
        "each reply needs an id of its own.\n"
    )
    # In JSON lines 7 and "7" print the same: one id.
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": 7, "text": "a"}\n{"id": "7", "text": "b"}\n')
    code, _, err = run("triage", "-", input=path.read_text())
    assert code == 2
    assert err == (
        "Error: standard input line 2: the id '7' is already the id of line 1; "
        "each reply needs an id of its own.\n"
    )


def test_a_nul_byte_in_a_text_parts_the_words_it_stood_between(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "I saw\x00him at the Esso on Main st at 9pm"}))
    [row] = labelled(path)
    assert row["label"] == "tip"
    assert "sighting verb: 'I saw him'" in row["reasons"]
    csv_path = tmp_path / "sms.csv"
    csv_path.write_bytes(b"id,text\n1,I saw\x00him at the Esso on Main st at 9pm\n")
    assert labelled(csv_path) == [row | {"id": "1"}]


def test_the_author_column_is_the_repliers_handle_as_author_handle_is(tmp_path: Path) -> None:
    from broadcaster.responses.triage.files import read_replies

    path = tmp_path / "comments.csv"
    path.write_text("id,author,text\n1,@stan_jimin4821,hi\n")
    [reply] = read_replies(path)
    assert reply.author_handle == "@stan_jimin4821"
    path = tmp_path / "comments.jsonl"
    path.write_text(
        '{"id": 1, "text": "hi", "author": "@a"}\n'
        '{"id": 2, "text": "hi", "author": "@b", "author_handle": "@b_handle"}\n'
    )
    assert [r.author_handle for r in read_replies(path)] == ["@a", "@b_handle"]
    path.write_text('{"id": 1, "text": "hi", "author": ["@a"]}\n')
    code, _, err = run("triage", str(path))
    assert (code, err) == (2, f'Error: {path} line 1: "author" must be a string.\n')


# -- the separator of a French-Canadian Excel export ------------------------------------


def test_a_semicolon_separated_export_is_read(tmp_path: Path) -> None:
    # Excel set to French (Canada) saves "id;text": the comma is the decimal separator.
    path = tmp_path / "lignes.csv"
    path.write_text(
        "id;text;has_media\n"
        "1;Je l'ai vu au dépanneur sur la rue Principale vers 21h, manteau rouge;0\n"
        '2;"Merci, c\'est partagé; bon courage";0\n'
        "3;Des nouvelles?;0\n",
        encoding="utf-8",
    )
    rows = labelled(path)
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert [r["label"] for r in rows] == ["tip", "support", "question"]


def test_a_comma_separated_text_with_semicolons_stays_comma_separated(tmp_path: Path) -> None:
    path = tmp_path / "sms.csv"
    path.write_text("id,text\n1,Saw him at the Esso; red hoodie; 9pm\n2,Shared!\n")
    rows = labelled(path)
    assert [r["id"] for r in rows] == ["1", "2"]
    assert rows[0]["label"] == "tip"
