"""The console's campaign pages show the officer the next step: a draft says how to get it
approved and launched (and offers no form to end what never started), a partial launch
names at the top each agency that did not post, why, and the command that retries them,
the campaigns list calls a fully approved draft ready to launch, and the resolve form
offers only the outcomes that fit the case, none chosen in advance."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fixtures_launch import FAST
from fixtures_responses import add_reply
from lifecycle_helpers import Launched
from officer_helpers import signer
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from broadcaster.authoring.approval import approve, upsert_campaign
from broadcaster.authoring.officers import load_officers_beside, set_password
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.authoring.scaffold import write_campaign
from broadcaster.console.app import create_app
from broadcaster.launch.run import launch
from broadcaster.states import CampaignState
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import AuditEntry, CampaignRecord, Post

PASSWORD = "lee-console-password"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
AT = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def sign_in(client: TestClient) -> None:
    found = CSRF.search(client.get("/login").text)
    assert found
    data = {"officer": "lee", "password": PASSWORD, "csrf": found.group(1)}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303


def csrf_of(client: TestClient, page: str) -> str:
    found = CSRF.search(client.get(page).text)
    assert found
    return found.group(1)


def next_step(page: str) -> str:
    """The next-step box's text, its command's words joined as they are copied."""
    start = page.index(">", page.index('id="next-step"')) + 1
    box = page[start:].split("</div>")[0]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", box))).strip()


def form(page: str, action: str) -> str:
    start = page.index(f'action="{action}"')
    return page[start : page.index("</form>", start)]


def campaign(drill: Any, campaign_id: str, kind: str = "wanted", required: int = 1) -> Any:
    return write_campaign(
        drill.folder,
        campaign_id=campaign_id,
        agencies=drill.keys,
        lead=drill.keys[0],
        kind=kind,
        approvals_required=required,
    )


@pytest.fixture
def console(drill: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, TestClient]]:
    """The drill's console, run from the drill's folder (commands are shown relative to
    it), with lee signed in."""
    monkeypatch.chdir(drill.folder)
    set_password(load_officers_beside(drill.agencies_path), "lee", PASSWORD)
    engine = open_db(drill.settings.db_url)
    with TestClient(
        create_app(drill.settings, engine, secret="t"), base_url="http://127.0.0.1"
    ) as c:
        sign_in(c)
        yield engine, c
    engine.dispose()


def launched(drill: Any, engine: Any, campaign_id: str, kind: str) -> Launched:
    path = campaign(drill, campaign_id, kind)
    approve(engine, prepare_campaign(path, drill.settings), signer(drill.folder))
    report = launch(drill.settings, path, operator="test", engine=engine, policy=FAST)
    return Launched(drill, drill.settings, path, campaign_id, engine, report)


def journal(engine: Any, campaign_id: str) -> tuple[Any, ...]:
    with Session(engine) as session:
        record = session.get(CampaignRecord, campaign_id)
        assert record is not None
        rows = [(r.kind, r.state) for r in session.exec(select(Post).order_by(col(Post.id)))]
        audit = len(session.exec(select(AuditEntry.seq)).all())
    return record.state, record.outcome, rows, audit


# -- a draft: the next step, no form to end it ---------------------------------------------


def test_a_draft_waiting_for_approvals_says_so_and_offers_no_ending(
    drill: Any, console: tuple[Any, TestClient]
) -> None:
    engine, client = console
    path = campaign(drill, "pre", required=2)
    prepared = prepare_campaign(path, drill.settings, check_credentials=False)
    with session_scope(engine) as session:
        upsert_campaign(session, prepared.campaign, prepared.path)
    page = client.get("/campaigns/pre").text
    step = next_step(page)
    assert "Not launched yet: approvals first." in step
    assert "It needs 2 more approvals (0 of 2)" in step
    assert "broadcaster launch campaigns/pre.toml" in step
    for action in ("cancel", "resolve", "update"):
        assert f'action="/campaigns/pre/{action}"' not in page, action
    assert "sent in error" not in page
    assert "Approvals: 0 of 2" in page  # approving is the step offered here
    home = client.get("/").text
    assert "draft, 2 approvals to go" in home


def test_an_approved_draft_is_ready_to_launch_here_and_on_the_list(
    drill: Any, console: tuple[Any, TestClient]
) -> None:
    engine, client = console
    path = campaign(drill, "pre", required=2)
    prepared = prepare_campaign(path, drill.settings)
    approve(engine, prepared, signer(drill.folder, "lee"))
    approve(engine, prepared, signer(drill.folder, "roy"))
    page = client.get("/campaigns/pre").text
    step = next_step(page)
    assert step.startswith("Approved, ready to launch.")
    assert "launch from the command line" in step
    assert "broadcaster launch campaigns/pre.toml" in step
    assert 'action="/campaigns/pre/cancel"' not in page
    row = next(r for r in client.get("/").text.split("<tr>") if "/campaigns/pre" in r)
    assert "approved, ready to launch" in row and ">draft<" not in row


# -- a partial launch: who failed and why, first ------------------------------------------


def test_a_partial_launch_names_the_failures_and_the_command_at_the_top(
    drill: Any, console: tuple[Any, TestClient]
) -> None:
    engine, client = console
    suspended = drill.registry.get(drill.keys[2])
    drill.server.suspend(suspended.handle)
    partial = launched(drill, engine, "part", "wanted")
    assert partial.report is not None and partial.report.state == CampaignState.PARTIAL
    page = client.get("/campaigns/part").text
    step = next_step(page)
    assert step.startswith(
        f"Partial launch: {suspended.key} did not post (1 of {len(drill.keys)} agencies)."
    )
    assert (
        f"did not post (1 of {len(drill.keys)} agencies). Fix what each line says (credentials, "
        "a suspended account, an approval), then run launch again: it posts only what is "
        f"missing, never twice. agency {suspended.key!r} ({suspended.handle}): the account is "
        "suspended on the sandbox. broadcaster launch campaigns/part.toml"
    ) in step
    assert "run launch again: it posts only what is missing" in step
    assert "broadcaster launch campaigns/part.toml" in step
    top = page.index('id="next-step"')
    assert top < page.index('id="resolve"') and top < page.index('id="posted"')


def test_a_fully_launched_campaign_has_no_next_step_box(
    drill: Any, console: tuple[Any, TestClient]
) -> None:
    engine, client = console
    launched(drill, engine, "full", "wanted")
    assert 'id="next-step"' not in client.get("/campaigns/full").text


# -- the resolve form: only outcomes that fit, none preselected ------------------------------


def test_a_missing_person_campaign_offers_found_or_withdrawn_and_nothing_chosen(
    drill: Any, console: tuple[Any, TestClient]
) -> None:
    engine, client = console
    launched(drill, engine, "tps-missing", "missing")
    page = client.get("/campaigns/tps-missing").text
    resolving = form(page, "/campaigns/tps-missing/resolve")
    options = re.findall(r'<option value="([^"]*)"', resolving)
    assert options == ["", "found", "withdrawn"]
    assert (
        '<select name="outcome" required><option value="">Choose how the case ended</option>'
        in (resolving)
    )
    assert " selected" not in resolving
    assert "a missing-person case: it ends found or withdrawn" in page


def test_a_posted_outcome_that_does_not_fit_is_refused_with_the_cli_sentence(
    drill: Any, console: tuple[Any, TestClient]
) -> None:
    engine, client = console
    missing = launched(drill, engine, "tps-missing", "missing")
    before = journal(engine, "tps-missing"), len(missing.sandbox_posts())
    page = "/campaigns/tps-missing"
    for outcome, sentence in (
        (
            "arrested",
            "--outcome arrested does not fit campaign &#39;tps-missing&#39;, a missing-person "
            "case (kind &#39;missing&#39;): use found or withdrawn.",
        ),
        ("", "Nothing was done: choose how the case ended (found or withdrawn)."),
    ):
        data = {"outcome": outcome, "password": PASSWORD, "csrf": csrf_of(client, page)}
        refused = client.post(f"{page}/resolve", data=data)
        assert refused.status_code == 409, outcome
        assert sentence in refused.text, outcome
        assert (journal(engine, "tps-missing"), len(missing.sandbox_posts())) == before
    data = {"outcome": "found", "password": PASSWORD, "csrf": csrf_of(client, page)}
    resolved = client.post(f"{page}/resolve", data=data)
    assert resolved.status_code == 200, resolved.text
    assert "posted the outcome (found)" in resolved.text
    assert journal(engine, "tps-missing")[:2] == ("resolved", "found")


# -- tips waiting ---------------------------------------------------------------------------


def test_the_page_says_how_many_tips_wait_and_links_to_them(
    drill: Any, console: tuple[Any, TestClient]
) -> None:
    engine, client = console
    live = launched(drill, engine, "tipped", "wanted")
    post = live.rows("original")[0]
    for n, label in enumerate(("tip", "tip", "tip", "spam")):
        add_reply(engine, "tipped", post.id, f"r{n}", f"reply {n}", label=label, created_at=AT)
    with session_scope(engine) as session:  # one tip already followed up
        from broadcaster.storage.models import Reply

        reply = session.exec(select(Reply).where(Reply.remote_id == "r0")).one()
        reply.followed_up_at, reply.followed_up_by = AT, "lee"
    page = client.get("/campaigns/tipped").text
    assert '<a href="/campaigns/tipped/tips">2 tips waiting for follow-up</a>' in page
    assert "Tips (2 waiting)" in page
    quiet = launched(drill, engine, "quiet", "wanted")
    assert "waiting" not in client.get(f"/campaigns/{quiet.campaign_id}").text


def test_a_draft_with_a_launch_instant_says_when_it_fires() -> None:
    from datetime import timedelta

    from broadcaster.campaign.next_step import next_step as step_of

    draft = {"state": "draft", "posts": []}
    options: dict[str, Any] = {"path": "campaigns/pre.toml", "approvals": 1, "required": 1}
    before = step_of(draft, **options, launch_at=AT, now=AT - timedelta(hours=1))
    assert before is not None and before.command == "broadcaster launch campaigns/pre.toml"
    assert "It fires at 2026-11-23 15:00 UTC, as the campaign file says" in before.text
    after = step_of(draft, **options, launch_at=AT, now=AT + timedelta(minutes=1))
    assert after is not None and "It fires at" not in after.text  # launch fires at once
    spaced = step_of(draft, **{**options, "path": "my campaigns/pre.toml"}, launch_at=None, now=AT)
    assert spaced is not None and spaced.command == "broadcaster launch 'my campaigns/pre.toml'"


def test_a_launch_in_progress_points_to_the_board_with_no_command() -> None:
    from broadcaster.campaign.next_step import next_step as step_of

    launching = {"state": "launching", "posts": []}
    options: dict[str, Any] = {"path": "campaigns/pre.toml", "approvals": 1, "required": 1}
    step = step_of(launching, **options, launch_at=AT, now=AT)
    assert step is not None and step.title == "Launching now" and step.command is None
    assert "launch board" in step.text and "calls the launch off" in step.text
    launched = step_of({"state": "launched", "posts": []}, **options, launch_at=AT, now=AT)
    assert launched is None  # its page offers update, resolve and cancel itself
