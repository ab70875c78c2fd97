"""Signed approvals, verified at use: a forged or edited row is refused at launch and fails
`audit verify`; a log cut below an approval is caught; the refusals of `approve`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result
from fixtures_launch import approved_campaign
from fixtures_sandbox import Drill
from fixtures_workspace import AGENCY_KEYS, Workspace
from officer_helpers import signer
from sqlalchemy import text
from sqlmodel import Session, col, select

from broadcaster.authoring.approval import approve, require_approval
from broadcaster.authoring.officers import add_officer, generate_key
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.cli import cli
from broadcaster.errors import ApprovalNotVerified
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Approval, AuditEntry
from broadcaster.timeutil import utcnow

CAMPAIGN = "campaigns/example.toml"


def run(db_url: str, *args: str, **options: object) -> Result:
    return CliRunner().invoke(cli, ["--db", db_url, *args], **options)  # type: ignore[arg-type]


def _approve(ws: Workspace, db_url: str, *officers: str) -> None:
    engine = open_db(db_url)
    prepared = prepare_campaign(ws.campaign, ws.settings(db_url=db_url), check_credentials=False)
    for officer_id in officers:
        approve(engine, prepared, signer(ws.folder, officer_id))
    engine.dispose()


def _sql(db_url: str, statement: str) -> None:
    engine = open_db(db_url)
    with engine.begin() as conn:
        conn.execute(text(statement))
    engine.dispose()


def test_a_row_copied_under_another_officer_is_refused(two_needed: Workspace, db_url: str) -> None:
    _approve(two_needed, db_url, "lee")
    # The forger copies lee's signed approval under roy's id, to make up the two officers.
    _sql(
        db_url,
        "INSERT INTO approval (campaign_id, approver, content_hash, parts, created_at, "
        "statement, signature) SELECT campaign_id, 'roy', content_hash, parts, created_at, "
        "statement, signature FROM approval WHERE approver = 'lee'",
    )
    forged = (
        "approval 2 of campaign 'example' (officer 'roy'): its signature does not match the "
        "key of officer 'roy' in officers.toml, so the row was forged or edited"
    )
    launch = run(db_url, "launch", CAMPAIGN, "--dry-run")
    assert launch.exit_code == 3, launch.output
    assert launch.stderr == f"Error: {forged}; nothing was sent.\n"
    verify = run(db_url, "audit", "verify")
    assert verify.exit_code == 3
    assert verify.stderr == f"Error: the audit log does not hold: {forged}.\n"
    data = json.loads(run(db_url, "--json", "audit", "verify").stdout)
    assert data["ok"] is False and data["approval_problems"] == [forged]
    assert data["broken_at"] is None  # the chain itself still holds: the forgery is the row


def test_an_edited_row_and_an_unsigned_row_are_refused(two_needed: Workspace, db_url: str) -> None:
    _approve(two_needed, db_url, "lee", "roy")
    assert run(db_url, "launch", CAMPAIGN, "--dry-run").exit_code == 0
    _sql(db_url, "UPDATE approval SET parts = '{}' WHERE approver = 'roy'")
    edited = run(db_url, "launch", CAMPAIGN, "--dry-run")
    assert edited.exit_code == 3
    assert edited.stderr == (
        "Error: approval 2 of campaign 'example' (officer 'roy') was edited: the row no longer "
        "matches what officer 'roy' signed; nothing was sent.\n"
    )
    _sql(db_url, "UPDATE approval SET signature = NULL WHERE approver = 'roy'")
    unsigned = run(db_url, "launch", CAMPAIGN, "--dry-run")
    assert unsigned.exit_code == 3
    assert unsigned.stderr == (
        "Error: approval 2 of campaign 'example' (officer 'roy') is not signed; nothing was sent.\n"
    )
    assert run(db_url, "audit", "verify").exit_code == 3


def test_an_officer_removed_from_the_registry_no_longer_verifies(two_needed: Workspace) -> None:
    db_url = two_needed.settings().db_url
    _approve(two_needed, db_url, "lee", "roy")
    path = two_needed.folder / "officers.toml"
    path.write_text(path.read_text().split("[officer.roy]")[0])
    with pytest.raises(ApprovalNotVerified, match="names an officer who is not in "):
        prepared = prepare_campaign(two_needed.campaign, two_needed.settings())
        require_approval(open_db(db_url), prepared)


def test_a_log_cut_below_the_last_approval_is_caught(two_needed: Workspace, db_url: str) -> None:
    _approve(two_needed, db_url, "lee", "roy")
    ok = run(db_url, "audit", "verify")
    assert ok.exit_code == 0 and "2 entries, 2 signed approvals verified" in ok.stdout
    _sql(db_url, "DELETE FROM audit WHERE seq = 2")  # roy's approval entry, the newest
    cut = run(db_url, "audit", "verify")
    assert cut.exit_code == 3
    assert cut.stderr == (
        "Error: the audit log does not hold: the audit entry of approval 2 of campaign "
        "'example' (officer 'roy') is gone: the log was cut below it.\n"
    )
    engine = open_db(db_url)
    with Session(engine) as session:
        lee_entry = session.exec(select(AuditEntry).where(AuditEntry.seq == 1)).one()
    engine.dispose()
    _sql(db_url, "DELETE FROM audit")  # the whole log: roy had signed lee's entry as the head
    empty = run(db_url, "audit", "verify")
    assert empty.exit_code == 3
    assert empty.stderr == (
        "Error: the audit log does not hold: 2 approvals fail:\n"
        "  - the audit entry of approval 1 of campaign 'example' (officer 'lee') is gone: the "
        "log was cut below it\n"
        "  - approval 2 of campaign 'example' (officer 'roy') was signed with the audit log at "
        f"head {lee_entry.hash[:16]}, which is no longer in the log: the log was cut below it\n"
    )


def test_the_statement_signs_content_scope_officer_time_and_head(two_needed: Workspace) -> None:
    db_url = two_needed.settings().db_url
    _approve(two_needed, db_url, "lee", "roy")
    engine = open_db(db_url)
    with Session(engine) as session:
        rows = session.exec(select(Approval).order_by(col(Approval.id))).all()
        entries = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))).all()
    first, second = (json.loads(r.statement or "") for r in rows)
    assert set(first) == {
        "type",
        "campaign",
        "content_hash",
        "parts",
        "scope",
        "officer",
        "at",
        "audit_head",
    }
    assert first["scope"] == AGENCY_KEYS and first["officer"] == "lee"
    assert first["audit_head"] == "0" * 64 and second["audit_head"] == entries[0].hash
    assert entries[1].prev_hash == second["audit_head"]  # the entry follows the signed head
    assert [e.operator for e in entries] == ["lee", "roy"]  # every entry names the officer
    assert set(first["parts"]) == {"file", "media", *(f"text:{k}" for k in AGENCY_KEYS)}


def test_the_same_officer_twice_counts_once(two_needed: Workspace) -> None:
    db_url = two_needed.settings().db_url
    copy = two_needed.folder / "lee-copy"
    copy.write_bytes((two_needed.folder / "keys" / "lee").read_bytes())
    copy.chmod(0o600)
    first = run(db_url, "approve", CAMPAIGN, "--key", "keys/lee")
    again = run(db_url, "approve", CAMPAIGN, "--key", str(copy))
    assert first.exit_code == again.exit_code == 0
    assert again.stdout == (
        "Officer lee (Sgt. Dana Lee) had already approved this content of example: 1 of 2 "
        "approvals; one more officer must approve before launch.\n"
    )
    refused = run(db_url, "launch", CAMPAIGN, "--dry-run")
    assert refused.exit_code == 3 and "has 1 of 2 approvals" in refused.stderr


def test_approve_refusals(two_needed: Workspace) -> None:
    db_url = two_needed.settings().db_url
    by = run(db_url, "approve", CAMPAIGN, "--by", "Sgt. Lee")
    assert by.exit_code == 2
    assert by.stderr == (
        "Error: --by is refused: a typed name proves nothing; approve with your own key: "
        "broadcaster approve campaigns/example.toml --key PATH (or set BROADCASTER_KEY).\n"
    )
    no_key = run(db_url, "approve", CAMPAIGN)
    assert no_key.exit_code == 2
    assert no_key.stderr == (
        "Error: approve needs the officer's private key: --key PATH (or set BROADCASTER_KEY), "
        "e.g. --key keys/lee.\n"
    )
    generate_key(two_needed.folder / "stranger", "stranger")
    stranger = run(db_url, "approve", CAMPAIGN, "--key", "stranger")
    assert stranger.exit_code == 3
    assert stranger.stderr.startswith("Error: --key stranger (SHA256:")
    assert stranger.stderr.endswith(
        ") is the key of no officer in officers.toml; an admin adds its public key with "
        "`broadcaster officers add`.\n"
    )
    add_officer(
        two_needed.folder / "officers.toml",
        "kim",
        name="Cst. Kim",
        agency="rcmp",
        roles=["launcher"],
    )
    launcher = run(db_url, "approve", CAMPAIGN, "--key", "keys/kim")
    assert launcher.exit_code == 3
    assert launcher.stderr == (
        "Error: officer 'kim' (Cst. Kim) does not have the 'approver' role in officers.toml; "
        "only an officer with it may do this.\n"
    )
    engine = open_db(db_url)
    with Session(engine) as session:
        assert session.exec(select(Approval)).all() == []
        assert session.exec(select(AuditEntry)).all() == []


def test_a_passphrase_protected_key_asks_or_reads_the_variable(two_needed: Workspace) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        Encoding,
        PrivateFormat,
    )

    from broadcaster.authoring.officers import public_line

    db_url = two_needed.settings().db_url
    key = Ed25519PrivateKey.generate()
    locked = two_needed.folder / "kim_key"
    locked.write_bytes(
        key.private_bytes(Encoding.PEM, PrivateFormat.OpenSSH, BestAvailableEncryption(b"s3cret"))
    )
    locked.chmod(0o600)
    (two_needed.folder / "kim_key.pub").write_text(public_line(key.public_key(), "kim"))
    add_officer(
        two_needed.folder / "officers.toml",
        "kim",
        name="Cst. Kim",
        agency="rcmp",
        roles=["approver"],
        public_key_path=two_needed.folder / "kim_key.pub",
    )
    no_answer = run(db_url, "approve", CAMPAIGN, "--key", "kim_key")
    assert no_answer.exit_code == 2
    assert no_answer.stderr.endswith(
        "Error: --key kim_key is protected by a passphrase; type it when asked or set "
        "BROADCASTER_KEY_PASSPHRASE.\n"
    )
    wrong = run(
        db_url,
        "approve",
        CAMPAIGN,
        "--key",
        "kim_key",
        env={"BROADCASTER_KEY_PASSPHRASE": "guess"},
    )
    assert wrong.exit_code == 2 and wrong.stderr == "Error: --key kim_key: wrong passphrase.\n"
    typed = run(db_url, "approve", CAMPAIGN, "--key", "kim_key", input="s3cret\n")
    assert typed.exit_code == 0, typed.output
    assert "s3cret" not in typed.output
    assert "Approved example as officer kim (Cst. Kim)" in typed.stdout
    from_env = run(
        db_url,
        "approve",
        CAMPAIGN,
        env={"BROADCASTER_KEY": "kim_key", "BROADCASTER_KEY_PASSPHRASE": "s3cret"},
    )
    assert from_env.exit_code == 0 and "had already approved" in from_env.stdout


def test_launch_with_a_key_names_the_officer(drill: Drill) -> None:
    path = approved_campaign(drill)
    runner = CliRunner()
    add_officer(
        drill.folder / "officers.toml",
        "kim",
        name="Cst. Kim",
        agency=drill.keys[0],
        roles=["approver"],
    )
    refused = runner.invoke(
        cli, [*drill.cli_args(), "launch", str(path), "--key", str(drill.folder / "keys/kim")]
    )
    assert refused.exit_code == 3
    assert refused.stderr.startswith(
        "Error: officer 'kim' (Cst. Kim) does not have the 'launcher' role in "
    )
    result = runner.invoke(
        cli, [*drill.cli_args(), "launch", str(path), "--key", str(drill.folder / "keys/roy")]
    )
    assert result.exit_code == 0, result.output
    engine = open_db(drill.settings.db_url)
    with Session(engine) as session:
        entries = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))).all()
    assert entries[0].action == "approve" and entries[0].operator == "lee"
    assert {e.operator for e in entries[1:]} == {"roy"}
    verdict = runner.invoke(cli, [*drill.cli_args(), "audit", "verify"])
    assert verdict.exit_code == 0, verdict.output


def test_migration_0005_drops_typed_name_approvals(db_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    from broadcaster.storage.db import MIGRATIONS, make_engine

    engine = make_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        connection.execute(
            text(
                "INSERT INTO campaign (id, path, kind, status, lead, mode, state, created_at, "
                "updated_at) VALUES ('old', 'old.toml', 'wanted', 'exercise', 'tps', "
                "'coordinated', 'draft', :now, :now)"
            ),
            {"now": utcnow()},
        )
        connection.execute(
            text(
                "INSERT INTO approval (campaign_id, approver, content_hash, parts, created_at) "
                "VALUES ('old', 'Sgt. Lee', 'abc', '{}', :now)"
            ),
            {"now": utcnow()},
        )
    engine.dispose()
    migrated = open_db(db_url)
    with Session(migrated) as session:
        assert session.exec(select(Approval)).all() == []  # a typed name cannot be verified
    migrated.dispose()
