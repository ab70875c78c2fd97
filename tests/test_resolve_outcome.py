"""`resolve` posts only an outcome that fits the case: a missing person is found (or the
appeal withdrawn), never "arrested"; a wanted suspect is arrested (or the appeal withdrawn),
never "found". A wrong one is exit 2 with one sentence, before the key is read or anything
is written or sent; the update templates say nothing that presumes another kind of case."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixtures_launch import FAST
from lifecycle_helpers import Launched
from officer_helpers import signer
from sqlmodel import Session, col, select

from broadcaster.authoring.approval import approve
from broadcaster.authoring.prepare import prepare_campaign, render_for
from broadcaster.authoring.scaffold import write_campaign
from broadcaster.campaign.lifecycle import FITTING_OUTCOMES, OUTCOMES, outcomes_for, resolve
from broadcaster.cli import cli
from broadcaster.errors import CampaignClosed, UsageInvalid
from broadcaster.launch.run import launch
from broadcaster.states import CampaignState, PostState
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import AuditEntry, CampaignRecord, Post

NAME = 'name = "Emma Tremblay"'


def launched_kind(drill: Any, kind: str, campaign_id: str) -> Launched:
    """A campaign of `kind` written, approved and launched by every drill agency."""
    path = write_campaign(
        drill.folder, campaign_id=campaign_id, agencies=drill.keys, lead=drill.keys[0], kind=kind
    )
    if kind == "missing":  # the scaffold's missing person, renamed as in the review
        path.write_text(
            path.read_text(encoding="utf-8").replace('name = "Jamie Tremblay"', NAME),
            encoding="utf-8",
        )
    engine = open_db(drill.settings.db_url)
    approve(engine, prepare_campaign(path, drill.settings), signer(drill.folder))
    report = launch(drill.settings, path, operator="test", engine=engine, policy=FAST)
    assert report.state == CampaignState.LAUNCHED
    return Launched(drill, drill.settings, path, campaign_id, engine, report)


def snapshot(launched: Launched) -> tuple[Any, ...]:
    """Everything a resolve would change: the campaign row, the journal, the audit log and
    what the drill server holds."""
    with Session(launched.engine) as session:
        record = session.get(CampaignRecord, launched.campaign_id)
        assert record is not None
        rows = [
            (r.agency, r.kind, r.occurrence, r.state)
            for r in session.exec(select(Post).order_by(col(Post.id))).all()
        ]
        audit = len(session.exec(select(AuditEntry.seq)).all())
    server = [(p["id"], p["text"], p["deleted"]) for p in launched.sandbox_posts()]
    return record.state, record.outcome, rows, audit, server


def run(launched: Launched, *args: str) -> Any:
    return CliRunner().invoke(cli, [*launched.drill.cli_args(), *args])


@pytest.fixture
def missing(drill: Any) -> Launched:
    return launched_kind(drill, "missing", "tps-missing")


def test_a_missing_person_is_never_resolved_as_arrested(missing: Launched) -> None:
    before = snapshot(missing)
    sentence = (
        "--outcome arrested does not fit campaign 'tps-missing', a missing-person case "
        "(kind 'missing'): use found or withdrawn."
    )
    for extra in (["--dry-run"], [], ["--key", "keys/nope"]):
        result = run(missing, "resolve", "tps-missing", "--outcome", "arrested", *extra)
        assert result.exit_code == 2, result.output
        assert result.stderr.strip() == f"Error: {sentence}", extra
        assert "has been arrested" not in result.output
    as_json = run(missing, "--json", "resolve", str(missing.path), "--outcome", "arrested")
    assert as_json.exit_code == 2
    assert json.loads(as_json.stdout) == {"error": sentence, "exit_code": 2}
    assert snapshot(missing) == before  # nothing written, nothing sent


def test_the_core_refuses_it_too_before_anything_is_written(missing: Launched) -> None:
    before = snapshot(missing)
    with pytest.raises(UsageInvalid, match=r"^--outcome arrested does not fit campaign"):
        resolve(missing.settings, missing.path, "arrested", operator="lee", engine=missing.engine)
    assert snapshot(missing) == before


def test_a_wanted_suspect_is_never_resolved_as_found(drill: Any) -> None:
    wanted = launched_kind(drill, "wanted", "tps-nosb")
    before = snapshot(wanted)
    result = run(wanted, "resolve", "tps-nosb", "--outcome", "found", "--dry-run")
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == (
        "Error: --outcome found does not fit campaign 'tps-nosb', a wanted-person case "
        "(kind 'wanted'): use arrested or withdrawn."
    )
    assert "retrouvé" not in result.output and "disparue" not in result.output
    assert snapshot(wanted) == before


def test_a_missing_person_found_is_posted_by_every_agency_in_its_language(
    missing: Launched,
) -> None:
    result = run(missing, "--json", "resolve", "tps-missing", "--outcome", "found")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["outcome"] == "found"
    updates = [r for r in missing.rows("update") if r.state == PostState.POSTED]
    assert {r.agency for r in updates} == set(missing.drill.keys)
    texts = {p["id"]: p["text"] for p in missing.sandbox_posts()}
    posted = [texts[r.remote_id] for r in updates if r.remote_id]
    assert any("Emma Tremblay has been found." in t for t in posted)
    assert any("nous avons retrouvé Emma Tremblay." in t for t in posted)
    assert not any("arrest" in t for t in posted)


def test_a_resolve_begun_before_the_check_can_still_be_finished(drill: Any) -> None:
    """A wanted case recorded as resolved "found" (by an older version) may be run again
    with that outcome, so the agencies still missing the update get it."""
    wanted = launched_kind(drill, "wanted", "tps-older")
    with session_scope(wanted.engine) as session:
        record = session.get(CampaignRecord, "tps-older")
        assert record is not None
        record.state, record.outcome = CampaignState.RESOLVED, "found"
    report = resolve(wanted.settings, wanted.path, "found", operator="lee", engine=wanted.engine)
    assert report.complete and len(report.send.posted if report.send else []) == len(drill.keys)
    with pytest.raises(CampaignClosed, match="already resolved as found"):
        resolve(wanted.settings, wanted.path, "arrested", operator="lee", engine=wanted.engine)


def test_every_kind_has_its_outcomes() -> None:
    assert FITTING_OUTCOMES == {
        "wanted": ("arrested", "withdrawn"),
        "missing": ("found", "withdrawn"),
        "appeal": ("arrested", "withdrawn"),
    }
    assert all(set(outcomes_for(k)) <= set(OUTCOMES) for k in ("wanted", "missing", "appeal"))


# -- the templates' words ------------------------------------------------------------------

# Words that presume a kind of case, per language: a fitting update must not say them.
PRESUMES = {
    "wanted": ("missing", "disparu", "found", "retrouv", "témoins"),
    "missing": ("arrest", "wanted", "recherchée pour", "témoins"),
    "appeal": ("missing", "disparu", "found", "retrouv", "recherchée pour", "wanted"),
}


@pytest.mark.parametrize("kind", sorted(FITTING_OUTCOMES))
def test_no_update_presumes_another_kind_of_case(workspace: Any, kind: str) -> None:
    path = write_campaign(
        workspace.folder,
        campaign_id=f"words-{kind}",
        agencies=["tps", "spvm"],
        lead="tps",
        kind=kind,
        extra_toml="",
    )
    # On an appeal the named person may be the victim: an arrest must never name them.
    text = path.read_text(encoding="utf-8")
    if kind == "appeal":
        text = text.replace('number = "2026-0601"', 'number = "2026-0601"\nname = "Sam Victim"')
    path.write_text(text, encoding="utf-8")
    prepared = prepare_campaign(Path(path), workspace.settings(), check_credentials=False)
    for outcome in FITTING_OUTCOMES[kind]:
        posts = render_for(prepared, f"update/{outcome}")
        assert {p.language for p in posts} == {"en", "fr"}
        for post in posts:
            lowered = post.text.lower()
            wrong = [w for w in PRESUMES[kind] if w in lowered]
            assert not wrong, (kind, outcome, post.language, post.text)
            assert "Sam Victim" not in post.text
