"""Resolve and cancel from the console: the password again, the launcher role, the CSRF
token, then the same `resolve` / `cancel` as the CLI, audited with the officer's id."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from fixtures_workspace import Workspace
from sqlmodel import Session, select
from starlette.testclient import TestClient

from broadcaster.authoring.approval import upsert_campaign
from broadcaster.authoring.officers import load_officers_beside, set_password
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.console.app import create_app
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import AuditEntry, CampaignRecord

PASSWORDS = {"lee": "lee-console-password", "roy": "roy-console-password"}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def client(workspace: Workspace) -> Iterator[TestClient]:
    settings = workspace.settings()
    officers = load_officers_beside(workspace.agencies_path)
    for officer_id, password in PASSWORDS.items():
        set_password(officers, officer_id, password)
    engine = open_db(settings.db_url)
    prepared = prepare_campaign(workspace.campaign, settings, check_credentials=False)
    with session_scope(engine) as session:
        upsert_campaign(session, prepared.campaign, prepared.path)
    with TestClient(create_app(settings, engine, secret="t"), base_url="http://127.0.0.1") as c:
        yield c
    engine.dispose()


def sign_in(client: TestClient, officer: str = "lee") -> None:
    found = CSRF.search(client.get("/login").text)
    assert found
    data = {"officer": officer, "password": PASSWORDS[officer], "csrf": found.group(1)}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303


def csrf_of(client: TestClient) -> str:
    found = CSRF.search(client.get("/campaigns/example").text)
    assert found
    return found.group(1)


def record(workspace: Workspace) -> tuple[CampaignRecord, list[AuditEntry]]:
    engine = open_db(workspace.settings().db_url)
    with Session(engine) as session:
        row = session.get(CampaignRecord, "example")
        entries = list(session.exec(select(AuditEntry)).all())
    engine.dispose()
    assert row is not None
    return row, entries


def test_resolve_as_the_officer(client: TestClient, workspace: Workspace) -> None:
    sign_in(client)
    page = client.get("/campaigns/example").text
    # Not launched yet: the page offers neither resolve nor cancel but the next step (the
    # CLI's resolve, which the route runs, still closes a draft).
    assert 'action="/campaigns/example/resolve"' not in page
    assert 'action="/campaigns/example/cancel"' not in page
    response = client.post(
        "/campaigns/example/resolve",
        data={"outcome": "arrested", "password": PASSWORDS["lee"], "csrf": csrf_of(client)},
    )
    assert response.status_code == 200, response.text
    assert (
        "campaign example resolved; 0 accounts posted the outcome (arrested); "
        "0 photo posts taken down."
    ) in response.text
    row, entries = record(workspace)
    assert row.state == "resolved" and row.outcome == "arrested"
    (closing,) = [e for e in entries if e.action == "resolve"]
    assert closing.operator == "lee"
    assert json.loads(closing.detail)["outcome"] == "arrested"


def test_cancel_as_the_officer_and_then_resolve_is_refused(
    client: TestClient, workspace: Workspace
) -> None:
    sign_in(client)
    response = client.post(
        "/campaigns/example/cancel",
        data={"reason": "wrong photo", "password": PASSWORDS["lee"], "csrf": csrf_of(client)},
    )
    assert response.status_code == 200, response.text
    row, entries = record(workspace)
    assert row.state == "cancelled"
    (closing,) = [e for e in entries if e.action == "cancel"]
    assert closing.operator == "lee" and json.loads(closing.detail)["reason"] == "wrong photo"
    again = client.post(
        "/campaigns/example/resolve",
        data={"outcome": "arrested", "password": PASSWORDS["lee"], "csrf": csrf_of(client)},
    )
    assert again.status_code == 409
    assert "was already cancelled; it cannot be resolved again." in again.text


def test_a_bad_outcome_or_empty_reason_is_one_sentence(client: TestClient) -> None:
    sign_in(client)
    bad = client.post(
        "/campaigns/example/resolve",
        data={"outcome": "escaped", "password": PASSWORDS["lee"], "csrf": csrf_of(client)},
    )
    assert bad.status_code == 409
    assert (
        "--outcome &#39;escaped&#39; is not an outcome: campaign &#39;example&#39;, a "
        "wanted-person case (kind &#39;wanted&#39;), ends with arrested or withdrawn."
    ) in bad.text
    empty = client.post(
        "/campaigns/example/cancel",
        data={"reason": "  ", "password": PASSWORDS["lee"], "csrf": csrf_of(client)},
    )
    assert empty.status_code == 409
    assert "--reason needs a short explanation" in empty.text


def test_a_wrong_password_or_no_csrf_closes_nothing(
    client: TestClient, workspace: Workspace
) -> None:
    sign_in(client)
    wrong = client.post(
        "/campaigns/example/cancel",
        data={"reason": "wrong photo", "password": "not the password", "csrf": csrf_of(client)},
    )
    assert wrong.status_code == 401
    assert "Wrong password; nothing was done." in wrong.text
    forged = client.post(
        "/campaigns/example/resolve",
        data={"outcome": "found", "password": PASSWORDS["lee"], "csrf": "forged"},
    )
    assert forged.status_code == 403
    assert record(workspace)[0].state not in ("resolved", "cancelled")


def test_an_officer_without_the_launcher_role_is_refused(
    client: TestClient, workspace: Workspace
) -> None:
    text = (workspace.folder / "officers.toml").read_text(encoding="utf-8")
    (workspace.folder / "officers.toml").write_text(
        text.replace('roles = ["approver", "launcher"]', 'roles = ["approver"]', 1),
        encoding="utf-8",
    )
    sign_in(client)
    assert 'action="/campaigns/example/cancel"' not in client.get("/campaigns/example").text
    refused = client.post(
        "/campaigns/example/cancel",
        data={"reason": "wrong photo", "password": PASSWORDS["lee"], "csrf": csrf_of(client)},
    )
    assert refused.status_code == 403
    assert "This page needs the launcher role." in refused.text
    assert record(workspace)[0].state not in ("resolved", "cancelled")


def test_a_refused_resolve_keeps_the_chosen_outcome_and_box(
    client: TestClient, workspace: Workspace
) -> None:
    engine = open_db(workspace.settings().db_url)
    with session_scope(engine) as session:  # the resolve form is offered once launched
        row = session.get(CampaignRecord, "example")
        assert row is not None
        row.state = "launched"
    engine.dispose()
    sign_in(client)
    refused = client.post(
        "/campaigns/example/resolve",
        data={
            "outcome": "withdrawn",
            "keep_originals": "1",
            "password": "not the password",
            "csrf": csrf_of(client),
        },
    )
    assert refused.status_code == 401
    assert "Wrong password; nothing was done." in refused.text
    assert '<option value="withdrawn" selected>Withdrawn: ' in refused.text
    assert 'name="keep_originals" value="1" checked>' in refused.text
    assert "not the password" not in refused.text
    assert record(workspace)[0].state not in ("resolved", "cancelled")
