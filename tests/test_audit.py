"""The audit log: a hash chain that shows editing, deleting and reordering, on both engines."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlmodel import Session

from broadcaster.cli import cli
from broadcaster.config import Settings
from broadcaster.storage import audit
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import AuditEntry


def _fill(engine, count: int = 5) -> None:  # type: ignore[no-untyped-def]
    for n in range(1, count + 1):
        with session_scope(engine, immediate=True) as session:
            audit.record(
                session,
                operator="Sgt. Lee",
                action="approve" if n % 2 else "post",
                campaign_id="c1",
                detail={"n": n, "agency": "tps", "text": "Wanted: é ✓"},
            )


def test_intact_chain_verifies(db_url: str) -> None:
    engine = open_db(db_url)
    _fill(engine)
    verdict = audit.verify(engine)
    assert verdict.ok and verdict.entries == 5 and verdict.broken_at is None
    assert verdict.reason is None and len(verdict.head) == 64


def test_empty_log_is_intact(db_url: str) -> None:
    verdict = audit.verify(open_db(db_url))
    assert verdict.ok and verdict.entries == 0 and verdict.head == audit.GENESIS


def test_edited_entry_is_found(db_url: str) -> None:
    engine = open_db(db_url)
    _fill(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit SET operator = 'someone else' WHERE seq = 3"))
    verdict = audit.verify(engine)
    assert not verdict.ok
    assert verdict.broken_at == 3
    assert verdict.reason == "entry 3 was edited: its content no longer matches its hash"


def test_edited_detail_is_found(db_url: str) -> None:
    engine = open_db(db_url)
    _fill(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit SET detail = :d WHERE seq = 2"), {"d": '{"n":2}'})
    verdict = audit.verify(engine)
    assert (verdict.ok, verdict.broken_at) == (False, 2)


def test_deleted_entry_is_found(db_url: str) -> None:
    engine = open_db(db_url)
    _fill(engine)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM audit WHERE seq = 3"))
    verdict = audit.verify(engine)
    assert not verdict.ok
    assert verdict.broken_at == 3
    assert verdict.reason == "entry 3 was deleted (entry 4 no longer follows)"


def test_deleted_first_entries_are_found(db_url: str) -> None:
    engine = open_db(db_url)
    _fill(engine)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM audit WHERE seq <= 2"))
    verdict = audit.verify(engine)
    assert (verdict.ok, verdict.broken_at) == (False, 3)
    assert verdict.reason == "entry 3 does not start the chain: the entries before it were deleted"


def test_reordered_entries_are_found(db_url: str) -> None:
    engine = open_db(db_url)
    _fill(engine)
    columns = "at, operator, action, campaign_id, detail, prev_hash, hash"
    with engine.begin() as conn:
        two = conn.execute(text(f"SELECT {columns} FROM audit WHERE seq = 2")).one()
        three = conn.execute(text(f"SELECT {columns} FROM audit WHERE seq = 3")).one()
        for seq, row in ((2, three), (3, two)):
            conn.execute(
                text(
                    "UPDATE audit SET at=:at, operator=:operator, action=:action, "
                    "campaign_id=:campaign_id, detail=:detail, prev_hash=:prev_hash, "
                    "hash=:hash WHERE seq=:seq"
                ),
                {**row._mapping, "seq": seq},
            )
    verdict = audit.verify(engine)
    assert not verdict.ok
    assert verdict.broken_at == 2
    assert verdict.reason == "entry 2 follows entry 3, not entry 1: entries were reordered"


def test_rewritten_entry_with_a_fresh_hash_breaks_the_next(db_url: str) -> None:
    engine = open_db(db_url)
    _fill(engine)
    with Session(engine) as session:
        row = session.get(AuditEntry, 2)
        assert row is not None
        forged = audit.entry_hash(
            row.prev_hash,
            at=row.at,
            operator="forger",
            action=row.action,
            campaign_id=row.campaign_id,
            detail=row.detail,
        )
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit SET operator='forger', hash=:h WHERE seq=2"), {"h": forged})
    verdict = audit.verify(engine)
    assert (verdict.ok, verdict.broken_at) == (False, 3)
    assert verdict.reason == (
        "entry 3 does not follow entry 2: entry 2 was rewritten or an entry between them "
        "was removed"
    )


def test_concurrent_writers_never_fork_the_chain(db_url: str) -> None:
    engine = open_db(db_url)

    def write(worker: int) -> None:
        for n in range(15):
            with session_scope(engine, immediate=True) as session:
                audit.record(
                    session,
                    operator=f"w{worker}",
                    action="post",
                    campaign_id=None,
                    detail={"n": n},
                )

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    verdict = audit.verify(engine)
    assert verdict.ok, verdict.reason
    assert verdict.entries == 60


def test_operator_name_prefers_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert audit.operator_name(Settings(operator="Cst. Roy")) == "Cst. Roy"
    monkeypatch.setattr("getpass.getuser", lambda: "dispatch7")
    assert audit.operator_name(Settings()) == "dispatch7"

    def no_passwd_entry() -> str:
        raise KeyError("getpwuid(): uid not found: 1000")

    monkeypatch.setattr("getpass.getuser", no_passwd_entry)
    assert audit.operator_name(Settings()) == "unknown"


@pytest.fixture
def db_file(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'audit.db'}"


def test_cli_audit_verify(db_file: str) -> None:
    engine = open_db(db_file)
    _fill(engine, 3)
    runner = CliRunner()
    ok = runner.invoke(cli, ["--db", db_file, "audit", "verify"])
    assert ok.exit_code == 0
    head = audit.verify(engine).head
    assert ok.output == (
        f"The audit log is intact: 3 entries, 0 signed approvals verified. Head: {head}\n"
    )
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM audit WHERE seq = 2"))
    broken = runner.invoke(cli, ["--db", db_file, "audit", "verify"])
    assert broken.exit_code == 3
    assert broken.stderr == (
        "Error: the audit log is broken at entry 2: entry 2 was deleted "
        "(entry 3 no longer follows).\n"
    )
    as_json = runner.invoke(cli, ["--db", db_file, "--json", "audit", "verify"])
    assert as_json.exit_code == 3
    data = json.loads(as_json.stdout)
    assert data["ok"] is False and data["broken_at"] == 2 and data["exit_code"] == 3


def test_cli_audit_verify_head_catches_a_cut_log(db_file: str) -> None:
    engine = open_db(db_file)
    _fill(engine, 4)
    noted = audit.verify(engine).head
    runner = CliRunner()
    ok = runner.invoke(cli, ["--db", db_file, "audit", "verify", "--head", noted[:16]])
    assert ok.exit_code == 0, ok.output
    assert ok.output.endswith(f"the noted head is entry 4, still there. Head: {noted}\n")
    with engine.begin() as conn:  # cut the newest entry: the shorter chain still holds
        conn.execute(text("DELETE FROM audit WHERE seq = 4"))
    assert audit.verify(engine).ok
    cut = runner.invoke(cli, ["--db", db_file, "audit", "verify", "--head", noted])
    assert cut.exit_code == 3
    assert cut.stderr == (
        f"Error: the audit log is broken: no entry has the hash {noted}: the log was cut "
        "below it, or that entry was rewritten.\n"
    )
    as_json = runner.invoke(cli, ["--db", db_file, "--json", "audit", "verify", "--head", noted])
    data = json.loads(as_json.stdout)
    assert data["ok"] is False and data["expected_head"] == noted and data["exit_code"] == 3


def test_cli_audit_verify_head_must_be_a_hash(db_file: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db_file, "audit", "verify", "--head", "yesterday"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --head 'yesterday' is not a head hash: give the hex that `audit verify` "
        "printed (at least its first 16 characters).\n"
    )
