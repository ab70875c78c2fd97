"""Approvals bind the exact content; distinct officers; a change names what changed."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fixtures_workspace import Workspace
from officer_helpers import signer
from sqlmodel import Session, select

from broadcaster.authoring.approval import approve, describe_changes, require_approval
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.cli import cli
from broadcaster.errors import ChangedSinceApproval, NotApproved
from broadcaster.states import CampaignState
from broadcaster.storage.audit import verify
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Approval, AuditEntry, CampaignRecord


def _prepared(ws: Workspace):  # type: ignore[no-untyped-def]
    return prepare_campaign(ws.campaign, ws.settings(), check_credentials=False)


def test_two_distinct_officers_are_needed(two_needed: Workspace) -> None:
    engine = open_db(two_needed.settings().db_url)
    prepared = _prepared(two_needed)
    first = approve(engine, prepared, signer(two_needed.folder, "lee"))
    assert (first.approvers, first.required, first.complete, first.added) == (
        ("lee",),
        2,
        False,
        True,
    )
    with pytest.raises(NotApproved) as refused:
        require_approval(engine, prepared)
    assert str(refused.value) == (
        "campaign 'example' has 1 of 2 approvals; ask another officer to run "
        "broadcaster approve campaigns/example.toml --key KEY."
    )
    again = approve(engine, prepared, signer(two_needed.folder, "lee"))  # the same officer
    assert again.added is False and again.approvers == ("lee",)
    second = approve(engine, prepared, signer(two_needed.folder, "roy"))
    assert second.complete and second.approvers == ("lee", "roy")
    assert require_approval(engine, prepared).approvers == ("lee", "roy")
    with Session(engine) as session:
        record = session.get(CampaignRecord, "example")
        assert record is not None and record.state == CampaignState.DRAFT and record.lead == "tps"
        assert len(session.exec(select(Approval)).all()) == 2
        actions = [e.action for e in session.exec(select(AuditEntry)).all()]
    assert actions == ["approve", "approve"]
    assert verify(engine).ok


def test_no_approval_at_all(workspace: Workspace) -> None:
    engine = open_db(workspace.settings().db_url)
    with pytest.raises(NotApproved) as refused:
        require_approval(engine, _prepared(workspace))
    assert str(refused.value) == (
        "campaign 'example' has 0 of 1 approvals; ask an officer to run "
        "broadcaster approve campaigns/example.toml --key KEY."
    )


def test_changed_text_names_the_file_and_each_agency(workspace: Workspace) -> None:
    engine = open_db(workspace.settings().db_url)
    approve(engine, _prepared(workspace), signer(workspace.folder))
    # Only the French translation changes: only spvm's text, and the file.
    workspace.edit_campaign("cheveux courts foncés, tatouage", "cheveux courts, tatouage")
    with pytest.raises(ChangedSinceApproval) as refused:
        require_approval(engine, _prepared(workspace))
    assert str(refused.value) == (
        "campaign 'example' changed since lee approved it (the campaign file, the text "
        "for spvm); it needs approval again: broadcaster approve campaigns/example.toml "
        "--key KEY."
    )


def test_changed_photo_names_the_photo(workspace: Workspace) -> None:
    engine = open_db(workspace.settings().db_url)
    approve(engine, _prepared(workspace), signer(workspace.folder))
    (workspace.folder / "campaigns" / "media" / "example.jpg").write_bytes(photo_jpeg(seed=3))
    with pytest.raises(ChangedSinceApproval) as refused:
        require_approval(engine, _prepared(workspace))
    assert "(the photo)" in str(refused.value)


def test_reapproval_after_a_change_counts_only_new_content(two_needed: Workspace) -> None:
    engine = open_db(two_needed.settings().db_url)
    approve(engine, _prepared(two_needed), signer(two_needed.folder, "lee"))
    approve(engine, _prepared(two_needed), signer(two_needed.folder, "roy"))
    two_needed.edit_campaign("armed robbery", "robbery", count=2)
    approve(engine, _prepared(two_needed), signer(two_needed.folder, "lee"))
    with pytest.raises(NotApproved, match="has 1 of 2 approvals; ask another officer"):
        require_approval(engine, _prepared(two_needed))


def test_describe_changes_orders_and_marks_added_removed() -> None:
    before = {"file": "a", "text:tps": "1", "text:old": "x", "media": "m"}
    after = {"file": "b", "text:tps": "2", "text:new": "y", "media": "m"}
    assert describe_changes(before, after) == (
        "the campaign file, the text for new (added), the text for old (removed), the text for tps"
    )


def test_cli_approve_and_launch_refusals(two_needed: Workspace) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["approve", "campaigns/example.toml", "--key", "keys/lee"])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("Approved example as officer lee (Sgt. Dana Lee) (content ")
    assert first.stdout.endswith(
        ", signed): 1 of 2 approvals; one more officer must approve before launch.\n"
    )
    refused = runner.invoke(cli, ["launch", "campaigns/example.toml"])
    assert refused.exit_code == 3
    assert refused.stderr == (
        "Error: campaign 'example' has 1 of 2 approvals; ask another officer to run "
        "broadcaster approve campaigns/example.toml --key KEY.\n"
    )
    second = runner.invoke(
        cli,
        ["--json", "approve", "campaigns/example.toml"],
        env={"BROADCASTER_KEY": "keys/roy"},
    )
    assert second.exit_code == 0, second.output
    data = json.loads(second.stdout)
    assert data["complete"] is True and data["approvers"] == ["lee", "roy"]
    assert data["officer"] == "roy" and data["key"].startswith("SHA256:")
    two_needed.edit_campaign("armed robbery", "robbery", count=2)
    changed = runner.invoke(cli, ["--json", "launch", "campaigns/example.toml", "--dry-run"])
    assert changed.exit_code == 3
    assert json.loads(changed.stdout)["exit_code"] == 3
    assert changed.stderr.startswith(
        "Error: campaign 'example' changed since lee and roy approved it "
        "(the campaign file, the text for nypd, the text for rcmp, the text for tps); "
    )
