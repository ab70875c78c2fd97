"""`resolve --dry-run` and `cancel --dry-run`: the words and the take-downs, and nothing done."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner
from fixtures_launch import posts_by_author
from sqlmodel import Session, select

from broadcaster.cli import cli
from broadcaster.storage.models import AuditEntry, CampaignRecord, Post


def _state(launched: Any) -> tuple[str, list[tuple[str, str]], int]:
    with Session(launched.engine) as session:
        record = session.get(CampaignRecord, launched.campaign_id)
        rows = session.exec(select(Post.kind, Post.state).order_by(Post.id)).all()
        audit = len(session.exec(select(AuditEntry.seq)).all())
    assert record is not None
    return record.state, [tuple(r) for r in rows], audit


def test_resolve_dry_run_shows_the_updates_and_changes_nothing(launched: Any) -> None:
    drill = launched.drill
    before = _state(launched)
    live = posts_by_author(drill)
    result = CliRunner().invoke(
        cli,
        [*drill.cli_args(), "resolve", str(launched.path), "--outcome", "arrested", "--dry-run"],
    )
    assert result.exit_code == 0, result.output
    assert "Dry run: resolve of drill-1 would post:" in result.stdout
    assert "UPDATE" in result.stdout
    assert f"and take down {len(drill.keys)} posts with the photo:" in result.stdout
    assert "Nothing was sent, deleted or changed (--dry-run)." in result.stdout
    assert _state(launched) == before
    assert posts_by_author(drill) == live


def test_cancel_dry_run_json_lists_what_would_happen(launched: Any) -> None:
    drill = launched.drill
    before = _state(launched)
    result = CliRunner().invoke(
        cli,
        [
            *drill.cli_args(),
            "--json",
            "cancel",
            str(launched.path),
            "--reason",
            "wrong photo",
            "--dry-run",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["dry_run"] is True and data["action"] == "cancel"
    assert sorted(p["agency"] for p in data["would_post"]) == sorted(drill.keys)
    assert all(p["url"] for p in data["would_take_down"])
    assert _state(launched) == before


def test_resolve_and_cancel_with_key_name_the_officer_in_the_audit(launched: Any) -> None:
    drill = launched.drill
    key = str(drill.folder / "keys" / "roy")
    result = CliRunner().invoke(
        cli,
        [*drill.cli_args(), "resolve", str(launched.path), "--outcome", "withdrawn", "--key", key],
    )
    assert result.exit_code == 0, result.output
    with Session(launched.engine) as session:
        entries = session.exec(
            select(AuditEntry.operator).where(AuditEntry.action == "resolve")
        ).all()
    assert entries == ["roy"]
    stranger = CliRunner().invoke(
        cli,
        [*drill.cli_args(), "cancel", str(launched.path), "--reason", "x", "--key", "nope"],
    )
    assert stranger.exit_code == 2
    assert "Traceback" not in stranger.output
