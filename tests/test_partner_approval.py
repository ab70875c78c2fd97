"""partner_approval: each agency's own post also needs an approver of that agency. An agency
still waiting is held (awaiting-approval) while the others fire, the launch exits 4 naming it;
once approved, launch again sends its post alone, and status shows it late."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fixtures_clock import Clock
from fixtures_launch import FAST, approved_campaign, posts_by_author
from fixtures_sandbox import Drill
from officer_helpers import signer
from sqlalchemy import text

from broadcaster import states
from broadcaster.authoring.approval import approve, require_approval
from broadcaster.authoring.campaigns import load_campaign
from broadcaster.authoring.officers import add_officer
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.authoring.scaffold import write_campaign
from broadcaster.campaign.lifecycle import cancel
from broadcaster.cli import cli
from broadcaster.config import Settings
from broadcaster.errors import ApprovalNotVerified, InvalidInput, NotApproved
from broadcaster.launch.run import launch
from broadcaster.states import PostState
from broadcaster.storage.db import open_db

PARTNER = "partner_approval = true"


def _officer(drill: Drill, officer_id: str, agency: str) -> None:
    add_officer(
        drill.folder / "officers.toml",
        officer_id,
        name=f"Cst. {officer_id.title()}",
        agency=agency,
        roles=["approver"],
    )


def _approve(settings: Settings, path: Path, officer_id: str, folder: Path) -> None:
    engine = open_db(settings.db_url)
    prepared = prepare_campaign(path, settings, check_credentials=False)
    approve(engine, prepared, signer(folder, officer_id))
    engine.dispose()


def _cli(settings: Settings, drill: Drill, *args: str) -> Result:
    return CliRunner().invoke(
        cli,
        [
            "--db",
            settings.db_url,
            "--agencies",
            str(drill.agencies_path),
            "--env-file",
            str(drill.env_path),
            *args,
        ],
        env=drill.env,
    )


def _states(settings: Settings, drill: Drill, campaign_id: str) -> dict[str, dict[str, object]]:
    result = _cli(settings, drill, "--json", "status", campaign_id)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return {p["agency"]: p for p in data["posts"] if p["occurrence"] == "launch"} | {
        "_awaiting": {"agencies": data["awaiting_approval"]}
    }


@pytest.fixture
def three(drill_factory) -> Drill:  # type: ignore[no-untyped-def]
    return drill_factory(3)


def test_an_agency_waiting_is_held_then_released_alone_and_late(
    db_url: str, three: Drill, clock: Clock
) -> None:
    drill = three
    settings = dataclasses.replace(drill.settings, db_url=db_url)
    lead, second, third = drill.keys
    _officer(drill, "kim", second)
    _officer(drill, "ava", third)
    path = approved_campaign(drill, "held-1", db_url=db_url, extra_toml=PARTNER)
    _approve(settings, path, "kim", drill.folder)  # the lead (lee) and `second` approved

    first = _cli(settings, drill, "launch", str(path))
    assert first.exit_code == 4, first.output
    assert first.stderr.splitlines()[-1] + "\n" == (
        f"Error: {third} awaits approval by an approver of its own agency (partner_approval "
        "in held-1.toml) and did not post; once approved, run launch again to send it; "
        "see broadcaster status held-1.\n"
    )
    handle = {key: drill.registry.get(key).handle for key in drill.keys}
    assert posts_by_author(drill) == {handle[lead]: 1, handle[second]: 1}
    status = _states(settings, drill, "held-1")
    assert status[third]["state"] == PostState.AWAITING_APPROVAL
    assert status["_awaiting"] == {"agencies": [third]}
    assert not status[lead]["late"]

    again = _cli(settings, drill, "launch", str(path))  # still waiting: nothing is sent
    assert again.exit_code == 4
    assert f"{third} awaits approval" in again.stderr
    assert posts_by_author(drill) == {handle[lead]: 1, handle[second]: 1}

    clock.advance(timedelta(minutes=10))
    _approve(settings, path, "ava", drill.folder)
    released = launch(settings, path, operator="op", policy=FAST)
    assert released.complete and released.held == ()
    assert posts_by_author(drill) == {handle[lead]: 1, handle[second]: 1, handle[third]: 1}
    status = _states(settings, drill, "held-1")
    assert status[third]["state"] == PostState.POSTED
    assert status[third]["late"] is True
    assert status[third]["late_seconds"] == pytest.approx(600, abs=1)
    assert not status[lead]["late"] and not status[second]["late"]
    assert status["_awaiting"] == {"agencies": []}


def test_an_officer_of_another_agency_does_not_count_for_it(db_url: str, three: Drill) -> None:
    drill = three
    settings = dataclasses.replace(drill.settings, db_url=db_url)
    lead, second, third = drill.keys
    _officer(drill, "kim", second)
    path = approved_campaign(
        drill, "held-2", db_url=db_url, approvers=("lee", "roy"), extra_toml=PARTNER
    )
    _approve(settings, path, "kim", drill.folder)
    engine = open_db(db_url)
    status = require_approval(engine, prepare_campaign(path, settings, check_credentials=False))
    assert status.partners == {lead: ("lee", "roy"), second: ("kim",), third: ()}
    assert status.awaiting == (third,)
    report = launch(settings, path, operator="op", policy=FAST)
    assert report.held == (third,) and not report.complete
    engine.dispose()


def test_every_agency_waiting_is_refused_before_anything_is_sent(db_url: str, three: Drill) -> None:
    drill = three
    settings = dataclasses.replace(drill.settings, db_url=db_url)
    _lead, second, third = drill.keys
    _officer(drill, "kim", second)
    path = approved_campaign(drill, "held-3", db_url=db_url, extra_toml=PARTNER)
    with pytest.raises(
        NotApproved, match=rf"no agency selected has its own approval yet \({third}\)"
    ):
        launch(settings, path, operator="op", only=(third,), policy=FAST)
    assert posts_by_author(drill) == {}


def test_a_forged_partner_approval_is_refused(db_url: str, three: Drill) -> None:
    drill = three
    settings = dataclasses.replace(drill.settings, db_url=db_url)
    _lead, second, third = drill.keys
    _officer(drill, "kim", second)
    _officer(drill, "ava", third)
    path = approved_campaign(drill, "held-4", db_url=db_url, extra_toml=PARTNER)
    _approve(settings, path, "kim", drill.folder)
    engine = open_db(db_url)
    with engine.begin() as conn:  # a copy of kim's row under ava's name
        conn.execute(
            text(
                "INSERT INTO approval (campaign_id, approver, content_hash, parts, created_at,"
                " statement, signature) SELECT campaign_id, 'ava', content_hash, parts,"
                " created_at, statement, signature FROM approval WHERE approver = 'kim'"
            )
        )
    with pytest.raises(ApprovalNotVerified, match="officer 'ava'"):
        launch(settings, path, operator="op", policy=FAST)
    assert posts_by_author(drill) == {}
    verified = _cli(settings, drill, "audit", "verify")
    assert verified.exit_code == 3
    assert "officer 'ava'" in verified.output and "forged or edited" in verified.output
    engine.dispose()


def test_partner_approval_is_validated_like_the_other_fields(three: Drill) -> None:
    path = write_campaign(
        three.folder,
        campaign_id="held-5",
        agencies=three.keys,
        lead=three.keys[0],
        extra_toml='partner_approval = "yes"',
    )
    line = path.read_text().splitlines().index('partner_approval = "yes"') + 1
    with pytest.raises(InvalidInput) as caught:
        load_campaign(path, three.registry)
    assert f"held-5.toml:{line}: partner_approval" in str(caught.value)


def test_a_held_post_is_released_or_cancelled_never_sent_from_its_hold() -> None:
    held = PostState.AWAITING_APPROVAL
    assert states.allowed(PostState, PostState.PLANNED, held)
    assert states.allowed(PostState, PostState.FAILED, held)
    assert states.allowed(PostState, held, PostState.PLANNED)
    assert states.allowed(PostState, held, PostState.CANCELLED)
    assert not states.allowed(PostState, held, PostState.SENDING)
    assert not states.allowed(PostState, held, PostState.POSTED)
    assert not states.allowed(PostState, PostState.SENDING, held)  # it may be out: reconcile
    assert held not in states.POST_TODO


def test_approve_says_which_agencies_still_wait(db_url: str, three: Drill) -> None:
    drill = three
    settings = dataclasses.replace(drill.settings, db_url=db_url)
    lead, second, third = drill.keys
    _officer(drill, "kim", second)
    path = approved_campaign(drill, "held-6", db_url=db_url, extra_toml=PARTNER)
    result = _cli(settings, drill, "approve", str(path), "--key", str(drill.folder / "keys/kim"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        f"Partner approval (each agency's own approver): still awaiting an approver of their "
        f"own: {third}."
    )
    data = json.loads(
        _cli(
            settings, drill, "--json", "approve", str(path), "--key", str(drill.folder / "keys/kim")
        ).stdout
    )
    assert data["partners"] == {lead: ["lee"], second: ["kim"], third: []}
    assert data["awaiting"] == [third]


def test_cancel_cancels_a_held_post(db_url: str, three: Drill) -> None:
    drill = three
    settings = dataclasses.replace(drill.settings, db_url=db_url)
    third = drill.keys[2]
    path = approved_campaign(drill, "held-7", db_url=db_url, extra_toml=PARTNER)
    report = launch(settings, path, operator="op", policy=FAST)
    assert set(report.held) == set(drill.keys[1:])
    cancel(settings, path, "sent in error", operator="op", policy=FAST)
    status = _states(settings, drill, "held-7")
    assert status[third]["state"] == PostState.CANCELLED
    assert status["_awaiting"] == {"agencies": []}


def test_a_dry_run_shows_the_agencies_that_would_be_held(db_url: str, three: Drill) -> None:
    drill = three
    settings = dataclasses.replace(drill.settings, db_url=db_url)
    _lead, second, third = drill.keys
    _officer(drill, "kim", second)
    path = approved_campaign(drill, "held-8", db_url=db_url, extra_toml=PARTNER)
    _approve(settings, path, "kim", drill.folder)
    result = _cli(settings, drill, "launch", str(path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        f"{third} (original): held, awaiting approval by an approver of its own agency "
        "(partner_approval)" in " ".join(result.stdout.split())
    )
    assert result.stdout.splitlines()[-1] == "Would send 2 post(s) at once."
    assert posts_by_author(drill) == {}
