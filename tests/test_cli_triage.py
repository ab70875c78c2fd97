"""`broadcaster triage FILE`: JSON lines or CSV in, labels and reasons out, exit 2 on bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from broadcaster.cli import cli

REPLIES = [
    {"id": 1, "text": "I saw him at the Esso on Main st at 9pm"},
    {"id": "sms-2", "text": "Any update?"},
    {"id": 3, "text": "You pigs are useless"},
    {"id": 4, "text": "Partagé! J'espère qu'on va la retrouver 🙏"},
    {"id": 5, "text": "", "has_media": True},
]
EXPECTED = [
    {
        "id": 1,
        "label": "tip",
        "reasons": [
            "sighting verb: 'I saw him'",
            "location: 'at the Esso on Main st'",
            "time: '9pm'",
            "first person",
        ],
    },
    {
        "id": "sms-2",
        "label": "question",
        "reasons": ["asks: 'any'", "question mark", "asks for news: 'any update'"],
    },
    {
        "id": 3,
        "label": "abuse",
        "reasons": ["insult: 'pigs'", "insult: 'useless'", "aimed at: 'you'"],
    },
    {
        "id": 4,
        "label": "support",
        "reasons": [
            "sharing: 'partage'",
            "support: 'j espere'",
            "support: 'retrouver'",
            "emoji: '🙏'",
        ],
    },
    {"id": 5, "label": "spam", "reasons": ["media only"]},
]


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "replies.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in REPLIES))
    return path


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "sms.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["received", "id", "phone", "text", "has_media"])
        for r in REPLIES:
            writer.writerow(["2026-11-23", r["id"], "555-0100", r["text"], r.get("has_media", "")])
    return path


def test_json_output_is_the_spec_shape(jsonl: Path) -> None:
    code, out, err = run("--json", "triage", str(jsonl))
    assert (code, err) == (0, "")
    assert json.loads(out) == EXPECTED


def test_csv_input_gives_the_same_labels_with_ids_as_text(csv_file: Path) -> None:
    code, out, _ = run("--json", "triage", str(csv_file))
    assert code == 0
    assert json.loads(out) == [{**e, "id": str(e["id"])} for e in EXPECTED]


def test_a_csv_field_may_span_lines_and_errors_name_the_record_line(tmp_path: Path) -> None:
    path = tmp_path / "sms.csv"
    path.write_text('id,text\n1,"first line\nI saw him at the mall at 9pm"\n2\n')
    code, _, err = run("triage", str(path))
    assert code == 2
    assert err == f"Error: {path} line 4: 1 field(s), no value for text.\n"


def test_the_table_shows_id_label_reasons_and_a_summary(jsonl: Path) -> None:
    code, out, _ = run("triage", str(jsonl))
    assert code == 0
    assert "sms-2" in out and "question" in out and "asks for news: 'any update'" in out
    assert out.rstrip().endswith("5 replies: 1 tip, 1 question, 1 support, 1 spam, 1 abuse")


def test_label_filter_and_csv_output(jsonl: Path) -> None:
    code, out, _ = run(
        "triage", str(jsonl), "--label", "tip", "--label", "abuse", "--format", "csv"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["id"], r["label"]) for r in rows] == [("1", "tip"), ("3", "abuse")]
    assert rows[1]["reasons"] == "insult: 'pigs'; insult: 'useless'; aimed at: 'you'"


def test_jsonl_output_and_standard_input(jsonl: Path) -> None:
    code, out, _ = run("triage", "-", "--format", "jsonl", input=jsonl.read_text())
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(x["id"], x["label"]) for x in lines] == [(e["id"], e["label"]) for e in EXPECTED]
    assert lines[4]["flood_key"] == "media-only"


def test_markup_and_script_in_replies_are_printed_as_text(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    rows = [
        {"id": "[red]x[/red]", "text": "<script>alert(1)</script> I saw him at the mall at 9pm"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    code, out, _ = run("triage", str(path))
    assert code == 0
    assert "[red]x[/red]" in out
    code, out, _ = run("--json", "triage", str(path))
    assert json.loads(out)[0]["label"] == "tip"


def test_an_empty_file_is_no_replies(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("")
    assert run("--json", "triage", str(path))[:2] == (0, "[]\n")
    assert run("triage", str(path))[1].rstrip().endswith("0 replies")


def test_a_french_spreadsheet_says_oui_and_non_for_media(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "id;text;has_media\n1;Je l'ai vu au dépanneur vers 21 h;OUI\n2;Partagé 🙏;non\n",
        encoding="utf-8",
    )
    code, out, err = run("--json", "triage", str(path))
    assert (code, err) == (0, "")
    assert [row["id"] for row in json.loads(out)] == ["1", "2"]


@pytest.mark.parametrize(
    ("name", "content", "sentence"),
    [
        (
            "r.jsonl",
            '{"id": 1, "text": "ok"}\n\n{"id": 2, "text": "oops",}\n',
            "line 3: not valid JSON (Expecting property name enclosed in double quotes "
            "at column 26).",
        ),
        (
            "r.jsonl",
            '{"id": 1, "text": "ok"}\n[1, 2]\n',
            'line 2: expected an object like {"id": 1, "text": "..."}.',
        ),
        ("r.jsonl", '{"id": 1}\n', 'line 1: no "text".'),
        ("r.jsonl", '{"text": "hi"}\n', 'line 1: no "id".'),
        ("r.jsonl", '{"id": 1, "text": 5}\n', 'line 1: "text" must be a string.'),
        (
            "r.jsonl",
            '{"id": [1], "text": "a"}\n',
            'line 1: "id" must be a string or a whole number.',
        ),
        (
            "r.jsonl",
            '{"id": 1, "text": "a", "has_media": "maybe"}\n',
            "line 1: \"has_media\" must be true or false, not 'maybe'.",
        ),
        (
            "r.jsonl",
            '{"id": 1, "text": "a", "created_at": "yesterday"}\n',
            'line 1: "created_at" must be an ISO 8601 time such as 2026-11-23T14:00:00Z.',
        ),
        (
            "r.csv",
            "id,message\n1,hello\n",
            ': no "text" column; the first line must name the columns, for example: id,text '
            "(found: id, message).",
        ),
    ],
)
def test_malformed_input_is_exit_2_with_a_sentence_naming_file_and_line(
    tmp_path: Path, name: str, content: str, sentence: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    code, out, err = run("triage", str(path))
    assert code == 2
    assert out == ""
    sep = "" if sentence.startswith(":") else " "
    assert err == f"Error: {path}{sep}{sentence}\n"


def test_bad_input_with_json_prints_only_the_error_object(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": 1, "text": "fine"}\n' * 3 + "not json\n")
    code, out, err = run("--json", "triage", str(path))
    assert code == 2
    message = f"{path} line 4: not valid JSON (Expecting value at column 1)."
    assert json.loads(out) == {"error": message, "exit_code": 2}
    assert err == f"Error: {message}\n"


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("id,text\n1,bonjour\n2,vu au métro\n".encode("latin-1"))
    code, _, err = run("triage", str(path))
    assert code == 2
    assert err == f"Error: {path} line 3: not UTF-8 text; save the file as UTF-8.\n"


def test_a_missing_file_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "nope.jsonl"
    code, _, err = run("triage", str(path))
    assert code == 2
    assert err == f"Error: {path}: cannot read it (No such file or directory).\n"


def test_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("id,text\r\n7,Shared!\r\n".encode("utf-8-sig"))
    code, out, _ = run("--json", "triage", str(path))
    assert code == 0
    assert json.loads(out) == [{"id": "7", "label": "support", "reasons": ["sharing: 'shared'"]}]
