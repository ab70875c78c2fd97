"""Retired keys (#11): `officers retire-key ID --key ADMIN_KEY` moves an officer's key to
their `retired_keys` in officers.toml. Approvals it signed before stay verifiable (`audit
verify` passes: history is not broken), but it can no longer approve or launch (exit 3); an
approval it made before still counts (the officer consented while the key was theirs), and a
signature it makes after its retirement is refused."""

from __future__ import annotations

import json
import stat
from datetime import timedelta

import pytest
from click.testing import CliRunner, Result
from fixtures_clock import Clock
from fixtures_workspace import Workspace
from officer_helpers import signer
from sqlmodel import Session, select

from broadcaster.authoring.approval import approve, require_approval, verify_log
from broadcaster.authoring.officers import (
    KeyRetired,
    Signer,
    generate_key,
    load_officers,
    load_officers_beside,
    read_private_key,
    signer_for,
)
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.cli import cli
from broadcaster.errors import ApprovalNotVerified, ChangedSinceApproval, OfficersInvalid
from broadcaster.storage.db import open_db
from broadcaster.storage.models import AuditEntry

CAMPAIGN = "campaigns/example.toml"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


@pytest.fixture
def retired(clock: Clock, workspace: Workspace) -> Workspace:
    """lee approved the campaign; an hour later roy (admin) retired lee's key."""
    engine = open_db(workspace.settings().db_url)
    prepared = prepare_campaign(workspace.campaign, workspace.settings(), check_credentials=False)
    approve(engine, prepared, signer(workspace.folder, "lee"))
    engine.dispose()
    clock.advance(timedelta(hours=1))
    result = run("officers", "retire-key", "lee", "--key", "keys/roy")
    assert result.exit_code == 0, result.output
    return workspace


def test_retiring_rewrites_only_that_officer_and_is_audited(
    clock: Clock, workspace: Workspace
) -> None:
    path = workspace.folder / "officers.toml"
    before = path.read_text()
    old = load_officers(path).get("lee")
    assert old is not None
    result = run("--json", "officers", "retire-key", "lee", "--key", "keys/roy")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["retired_key"] == old.fingerprint and data["private_key"] == "keys/lee-2"
    assert stat.S_IMODE((workspace.folder / "keys" / "lee-2").stat().st_mode) == 0o600
    lee = load_officers(path).get("lee")
    assert lee is not None and lee.fingerprint == data["key"] != old.fingerprint
    assert [(r.key, r.retired) for r in lee.retired_keys] == [(old.key, clock.now)]
    assert (lee.name, lee.agency, lee.roles) == (old.name, old.agency, old.roles)
    after = path.read_text()
    roy_table = before[before.index("[officer.roy]") :]
    assert roy_table in after  # every other table byte for byte
    assert "retired_keys = [" in after
    engine = open_db(workspace.settings().db_url)
    with Session(engine) as session:
        (entry,) = session.exec(
            select(AuditEntry).where(AuditEntry.action == "officer-retire-key")
        ).all()
    engine.dispose()
    assert entry.operator == "roy"
    assert json.loads(entry.detail)["retired_key"] == old.fingerprint


def test_only_an_admin_retires_a_key(workspace: Workspace) -> None:
    before = (workspace.folder / "officers.toml").read_text()
    nobody = run("officers", "retire-key", "lee")
    assert nobody.exit_code == 3, nobody.output
    assert "needs the key of an officer with the admin role" in nobody.stderr
    itself = run("officers", "retire-key", "roy", "--key", "keys/lee")
    assert itself.exit_code == 3, itself.output
    assert "does not have the 'admin' role" in itself.stderr
    assert (workspace.folder / "officers.toml").read_text() == before


def test_history_still_verifies(retired: Workspace) -> None:
    verdict = run("audit", "verify")
    assert verdict.exit_code == 0, verdict.output
    result = verify_log(open_db(retired.settings().db_url), retired.agencies_path)
    assert result.ok and result.approvals == 1


def test_a_retired_key_can_neither_approve_nor_launch(retired: Workspace) -> None:
    for args in (
        ["approve", CAMPAIGN, "--key", "keys/lee"],
        ["launch", CAMPAIGN, "--dry-run", "--key", "keys/lee"],
        ["resolve", CAMPAIGN, "--outcome", "arrested", "--key", "keys/lee"],
    ):
        result = run(*args)
        assert result.exit_code == 3, (args, result.output)
        assert "is a key of officer 'lee' retired on 2026-11-23T15:00:00+00:00" in result.stderr
        assert "it can no longer approve or launch. Use their current key (SHA256:" in result.stderr
    env_key = run("approve", CAMPAIGN, env={"BROADCASTER_KEY": "keys/lee"})
    assert env_key.exit_code == 3, env_key.output


def test_its_approval_made_before_still_counts_and_the_new_key_approves(
    retired: Workspace,
) -> None:
    # lee consented while the key was theirs: the launch still counts it.
    engine = open_db(retired.settings().db_url)
    prepared = prepare_campaign(retired.campaign, retired.settings(), check_credentials=False)
    assert require_approval(engine, prepared).approvers == ("lee",)
    # A change of content needs approval again, now with the new key.
    retired.edit_campaign("armed robbery", "robbery", count=2)
    changed = prepare_campaign(retired.campaign, retired.settings(), check_credentials=False)
    with pytest.raises(ChangedSinceApproval):
        require_approval(engine, changed)
    again = run("approve", CAMPAIGN, "--key", "keys/lee-2")
    assert again.exit_code == 0, again.output
    assert require_approval(engine, changed).approvers == ("lee",)
    assert run("audit", "verify").exit_code == 0
    engine.dispose()


def test_a_signature_made_with_it_after_retirement_is_refused(
    retired: Workspace, clock: Clock
) -> None:
    # Whoever still holds the old key signs a new approval directly (not through `approve`,
    # which refuses the key): launch and `audit verify` refuse the row.
    registry = load_officers_beside(retired.agencies_path)
    lee = registry.get("lee")
    assert lee is not None
    old = read_private_key(retired.folder / "keys" / "lee")
    engine = open_db(retired.settings().db_url)
    retired.edit_campaign("armed robbery", "robbery", count=2)  # new content: a new approval
    prepared = prepare_campaign(retired.campaign, retired.settings(), check_credentials=False)
    clock.advance(timedelta(minutes=5))
    approve(engine, prepared, Signer(lee, old), registry)
    with pytest.raises(ApprovalNotVerified) as refused:
        require_approval(engine, prepared)
    assert "with a key of officer 'lee' retired at 2026-11-23T15:00:00+00:00" in str(refused.value)
    verdict = run("audit", "verify")
    assert verdict.exit_code == 3, verdict.output
    assert "so it cannot be trusted" in verdict.output
    engine.dispose()


def test_a_retired_key_is_never_used_again(workspace: Workspace) -> None:
    path = workspace.folder / "officers.toml"
    assert run("officers", "retire-key", "lee", "--key", "keys/roy").exit_code == 0
    text = path.read_text()
    old_line = (workspace.folder / "keys" / "lee.pub").read_text().strip()
    # As roy's key: refused with the file and line.
    roy_key = load_officers(path).get("roy")
    assert roy_key is not None
    path.write_text(text.replace(roy_key.key, old_line))
    with pytest.raises(OfficersInvalid, match=r"officers\.toml:"):
        load_officers(path)
    path.write_text(text)
    # Given back to lee as a "new" key: refused too, nothing written.
    again = run("officers", "retire-key", "lee", "--key", "keys/roy", "--new-key", "keys/lee.pub")
    assert again.exit_code == 2, again.output
    assert path.read_text() == text
    # A retired time without its zone is refused with the line.
    path.write_text(text.replace("+00:00 }", " }"))
    with pytest.raises(OfficersInvalid, match="is not a time with its zone"):
        load_officers(path)


def test_a_new_key_can_be_given(workspace: Workspace) -> None:
    generate_key(workspace.folder / "lee-new", "lee-new")
    result = run(
        "officers", "retire-key", "lee", "--admin-key", "keys/roy", "--new-key", "lee-new.pub"
    )
    assert result.exit_code == 0, result.output
    assert "Their new private key" not in result.output  # none was made
    officers = load_officers_beside(workspace.agencies_path)
    assert signer_for(officers, workspace.folder / "lee-new", "approver").officer.id == "lee"
    with pytest.raises(KeyRetired):
        signer_for(officers, workspace.folder / "keys" / "lee", "approver")
