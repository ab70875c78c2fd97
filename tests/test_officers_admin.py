"""`officers add` needs an admin's key (#11): refused without one (exit 3), audited naming
the admin; only the first officer of an empty registry is added without, and must be an
admin; `init` still writes its drill officers directly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fixtures_workspace import Workspace
from sqlmodel import Session, select

from broadcaster.authoring.officers import generate_key, load_officers
from broadcaster.cli import cli
from broadcaster.storage.db import open_db
from broadcaster.storage.models import AuditEntry

KIM = ["officers", "add", "kim", "--name", "Cst. Kim", "--agency", "rcmp", "--role", "approver"]


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def entries(folder: Path, action: str) -> list[AuditEntry]:
    engine = open_db(f"sqlite:///{folder / 'broadcaster.db'}")
    try:
        with Session(engine) as session:
            return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)))
    finally:
        engine.dispose()


def test_without_an_admin_key_adding_is_refused(workspace: Workspace) -> None:
    before = (workspace.folder / "officers.toml").read_text()
    result = run(*KIM)
    assert result.exit_code == 3, result.output
    assert result.stderr == (
        "Error: adding officer 'kim' needs the key of an officer with the admin role in "
        "officers.toml: --admin-key PATH (or set BROADCASTER_KEY).\n"
    )
    assert (workspace.folder / "officers.toml").read_text() == before
    assert not (workspace.folder / "keys" / "kim").exists()


def test_a_non_admin_or_stranger_key_is_refused(workspace: Workspace) -> None:
    before = (workspace.folder / "officers.toml").read_text()
    lee = run(*KIM, "--admin-key", "keys/lee")  # approver and launcher, not admin
    assert lee.exit_code == 3, lee.output
    assert "officer 'lee' (Sgt. Dana Lee) does not have the 'admin' role" in lee.stderr
    generate_key(workspace.folder / "stranger", "stranger")
    stranger = run(*KIM, env={"BROADCASTER_KEY": "stranger"})
    assert stranger.exit_code == 3, stranger.output
    assert "is the key of no officer" in stranger.stderr
    assert (workspace.folder / "officers.toml").read_text() == before
    assert entries(workspace.folder, "officer-add") == []


def test_an_admin_adds_and_the_audit_names_them(workspace: Workspace) -> None:
    result = run("--json", *KIM, "--admin-key", "keys/roy")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "kim"
    (entry,) = entries(workspace.folder, "officer-add")
    assert entry.operator == "roy"
    detail = json.loads(entry.detail)
    assert detail["admin"] == "roy" and detail["officer"] == "kim"
    assert detail["first_officer"] is False and detail["key"].startswith("SHA256:")
    verified = run("audit", "verify")
    assert verified.exit_code == 0, verified.output


@pytest.mark.parametrize("start", ["absent", "empty"])
def test_the_first_officer_needs_no_admin_but_must_be_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agencies.toml").write_text(
        '[agency.tps]\nname = "Toronto Police"\nplatform = "sandbox"\nhandle = "@TPS"\n'
        'language = "en"\ntimezone = "America/Toronto"\ncredentials = "TPS"\n',
        encoding="utf-8",
    )
    if start == "empty":
        (tmp_path / "officers.toml").write_text("# officers come here\n", encoding="utf-8")
    first = ["officers", "add", "chief", "--name", "Supt. Ng", "--agency", "tps"]
    not_admin = run(*first, "--role", "approver")
    assert not_admin.exit_code == 3, not_admin.output
    assert "so the first one must have the admin role (--role admin)" in not_admin.stderr
    made = run(*first, "--role", "admin,approver")
    assert made.exit_code == 0, made.output
    registry = load_officers(tmp_path / "officers.toml")
    assert [o.id for o in registry] == ["chief"]
    (entry,) = entries(tmp_path, "officer-add")
    detail = json.loads(entry.detail)
    assert detail["first_officer"] is True and detail["admin"] is None
    assert entry.operator != "chief"  # the operating-system user: no officer could sign yet
    # The second officer is no longer the first: it needs chief's key.
    second = [
        "officers",
        "add",
        "lee",
        "--name",
        "Sgt. Lee",
        "--agency",
        "tps",
        "--role",
        "approver",
    ]
    assert run(*second).exit_code == 3
    assert run(*second, "--admin-key", "keys/chief").exit_code == 0


def test_init_still_writes_its_drill_officers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "drill")
    assert result.exit_code == 0, result.output
    registry = load_officers(tmp_path / "drill" / "officers.toml")
    assert [o.id for o in registry] == ["lee", "roy"]
    assert registry.get("roy").has("admin")  # type: ignore[union-attr]
