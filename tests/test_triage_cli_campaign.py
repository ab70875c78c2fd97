"""`triage FILE --campaign CAMPAIGN`: a campaign file or its id, as every command takes it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from broadcaster.authoring.agencies import load_registry
from broadcaster.authoring.approval import upsert_campaign
from broadcaster.authoring.campaigns import load_campaign
from broadcaster.cli import cli
from broadcaster.storage.db import open_db, session_scope

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "campaigns" / "example.toml"
AGENCIES = ROOT / "agencies.toml"
ROWS = [
    {"id": 1, "text": "I saw him at the concert in Saint John last night"},
    {"id": 2, "text": "he had a tattoo on the left forearm, short dark hair, in Saint John"},
]


def triage(db: str, path: Path, campaign: str) -> tuple[int, str, str]:
    head = ["--db", db, "--agencies", str(AGENCIES), "--json", "triage", str(path)]
    result = CliRunner().invoke(cli, [*head, "--campaign", campaign])
    return result.exit_code, result.stdout, result.stderr


def replies(tmp_path: Path) -> Path:
    path = tmp_path / "replies.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    return path


def test_the_campaign_id_weighs_the_replies_as_its_file_does(
    sqlite_url: str, tmp_path: Path
) -> None:
    campaign = load_campaign(EXAMPLE, load_registry(AGENCIES))
    engine = open_db(sqlite_url)
    with session_scope(engine) as session:
        upsert_campaign(session, campaign, EXAMPLE)
    engine.dispose()
    path = replies(tmp_path)
    by_file = triage(sqlite_url, path, str(EXAMPLE))
    by_id = triage(sqlite_url, path, campaign.id)
    assert by_id == by_file
    assert by_id[0] == 0
    assert json.loads(by_id[1])[1]["reasons"] == ["matches the case: 'tattoo', 'forearm', 'dark'"]


def test_an_unknown_campaign_id_is_exit_2_with_a_sentence(sqlite_url: str, tmp_path: Path) -> None:
    open_db(sqlite_url).dispose()  # a deployment's database that never saw that campaign
    code, _, err = triage(sqlite_url, replies(tmp_path), "tps-2026-0412")
    assert code == 2
    assert err == (
        "Error: no campaign file or campaign id 'tps-2026-0412'; give the campaign file's path.\n"
    )


def test_a_campaign_id_without_a_database_says_where_it_looked(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    code, _, err = triage(f"sqlite:///{db}", replies(tmp_path), "tps-2026-0412")
    assert code == 2
    assert err.startswith(f"Error: no database at {db}")
    assert not db.exists()


def test_the_help_names_a_campaign_file_or_its_id() -> None:
    result = CliRunner().invoke(cli, ["triage", "--help"])
    assert "--campaign CAMPAIGN" in result.stdout
    assert "a campaign file or its id" in result.stdout
