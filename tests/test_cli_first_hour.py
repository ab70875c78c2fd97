"""The officer's first hour (#14): a command run from the wrong folder, or with a --db typo,
says which file it looked for, and a read-only command never creates a database."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from broadcaster.cli import cli
from broadcaster.timeutil import parse_at

READ_ONLY = [
    ["status", "tps-2026-0412"],
    ["audit", "verify"],
    ["tips", "tps-2026-0412"],
    ["report", "tps-2026-0412"],
    ["track", "tps-2026-0412"],
]


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with no database, no agencies.toml: where an officer might open a terminal."""
    for name in ("BROADCASTER_DB", "BROADCASTER_AGENCIES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("args", READ_ONLY, ids=lambda a: " ".join(a))
def test_a_read_only_command_names_the_database_it_looked_for(elsewhere, args):
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: no database at {elsewhere / 'broadcaster.db'} (sqlite:///broadcaster.db, "
        "relative to the current folder); run this command in the folder where the campaign "
        "was approved and launched, or point --db (or BROADCASTER_DB) at its database.\n"
    )
    assert list(elsewhere.iterdir()) == []  # nothing was created


def test_an_absolute_database_path_is_named_as_given(elsewhere):
    missing = elsewhere / "cases" / "appeals.db"
    result = CliRunner().invoke(cli, ["--db", f"sqlite:///{missing}", "audit", "verify"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: no database at {missing}; run this command")


def test_a_bare_file_name_is_not_a_url(elsewhere):
    result = CliRunner().invoke(cli, ["--db", "x.db", "status", "tps-2026-0412"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --db 'x.db' is not a database URL; did you mean sqlite:///x.db? "
        "(a relative path after three slashes, an absolute one makes four)\n"
    )


def test_a_relative_url_into_a_missing_folder_says_it_is_relative(elsewhere):
    from broadcaster.errors import InvalidInput
    from broadcaster.storage.db import open_db

    with pytest.raises(InvalidInput) as raised:
        open_db("sqlite:///data/x.db")
    assert str(raised.value) == (
        f"cannot create the database data/x.db: the folder {elsewhere / 'data'} does not exist "
        f"(sqlite:///data/x.db is relative to the current folder {elsewhere}; an absolute "
        f"path takes four slashes: sqlite:///{elsewhere / 'data' / 'x.db'})."
    )
    assert list(elsewhere.iterdir()) == []


def test_validate_says_where_it_looked_for_agencies_toml(elsewhere):
    (elsewhere / "c.toml").write_text('id = "x"\n')
    result = CliRunner().invoke(cli, ["validate", "c.toml"])
    assert result.exit_code == 2
    assert (
        f"agencies.toml: agencies file not found (looked in {elsewhere}); pass --agencies "
        "PATH or run from the folder that holds it."
    ) in result.stderr


def test_a_database_that_exists_opens_as_before(workspace):
    from broadcaster.storage.db import open_db

    open_db(workspace.settings().db_url).dispose()
    result = CliRunner().invoke(cli, ["status", "nope"])
    assert result.exit_code == 2
    assert "no campaign 'nope' in the database; approve and launch it first" in result.stderr


# -- --at as an officer types it -------------------------------------------------------

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+90s", NOW + timedelta(seconds=90)),
        ("+2m", NOW + timedelta(minutes=2)),
        ("+1h", NOW + timedelta(hours=1)),
        ("+ 1.5h", NOW + timedelta(minutes=90)),
        ("2026-11-23 09:00 America/Toronto", datetime(2026, 11, 23, 14, 0, tzinfo=UTC)),
        ("2026-07-01T09:00:30 Europe/Paris", datetime(2026, 7, 1, 7, 0, 30, tzinfo=UTC)),
        ("2026-11-23T09:00-05:00", datetime(2026, 11, 23, 14, 0, tzinfo=UTC)),
        ("2026-11-23T14:00:00Z", datetime(2026, 11, 23, 14, 0, tzinfo=UTC)),
    ],
)
def test_at_takes_relative_times_zones_and_offsets(text, expected):
    assert parse_at(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("+5d", "'+5d' is not a date and time; write it like"),
        ("2026-11-23 09:00 Mars/Base", "'Mars/Base' is not a time zone; use an IANA name"),
        ("2026-11-23 09:00 ../../etc/passwd", "is not a time zone; use an IANA name"),
        ("2026-11-23T09:00", "has no time zone; add Z for UTC, an offset like -05:00, or a zone"),
    ],
)
def test_at_refuses_what_it_cannot_place_in_time(text, sentence):
    with pytest.raises(ValueError, match=re.escape(sentence)):
        parse_at(text, NOW)


# -- TOML syntax errors in words --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            'id = "x\nkind = "wanted"\n',
            ":1:8: not valid TOML: a string is not closed before the end of the line (add the "
            'closing quote, or use """ … """ for text on several lines).',
        ),
        ('id = "x" "y"\n', ":1:10: not valid TOML: something follows the value on the same line"),
        ("[case\n", ":1:6: not valid TOML: a [table] header is not closed with ]."),
        ('id = "a\\q"\n', ':1:10: not valid TOML: a backslash in a "…" string starts an escape'),
        ("tags = {a = 1\n", ":1:14: not valid TOML: a table { … } is not closed with }"),
        ("id = 'x\n", ": not valid TOML at the end of the file: a '…' string is not closed"),
    ],
)
def test_toml_syntax_errors_say_what_is_wrong_in_words(elsewhere, text, sentence):
    (elsewhere / "c.toml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--agencies", "c.toml", "agencies", "list"])
    assert result.exit_code == 2
    assert f"Error: c.toml{sentence}" in result.stderr
    assert "Illegal character" not in result.stderr


def test_a_message_we_do_not_know_is_kept():
    from broadcaster.authoring.tomlfile import in_words

    assert in_words("Something new") == "Something new"
