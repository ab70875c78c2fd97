"""The tips inbox in the console: tips first with their reasons, a flood as one line with
its size, relabel and follow-up as the signed-in officer through the same core as
`broadcaster tips` (audited the same), and every replier's word shown as inert text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fixtures_responses import add_reply
from fixtures_workspace import Workspace
from sqlalchemy import update
from sqlmodel import Session, select
from starlette.testclient import TestClient

from broadcaster.authoring.approval import upsert_campaign
from broadcaster.authoring.officers import load_officers_beside, set_password
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.console.app import create_app
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import AuditEntry, Reply

PASSWORD = "lee-console-password"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
AT = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
REPLIES = Reply.__table__  # type: ignore[attr-defined]
HOSTILE = (
    "<script>alert('x')</script>I saw him \u202etxt.exe\u202c at Kin\u200bg St, "
    '<a href="javascript:alert(1)">here</a>'
)


@pytest.fixture
def client(workspace: Workspace) -> Iterator[TestClient]:
    settings = workspace.settings()
    set_password(load_officers_beside(workspace.agencies_path), "lee", PASSWORD)
    engine = open_db(settings.db_url)
    prepared = prepare_campaign(workspace.campaign, settings, check_credentials=False)
    with session_scope(engine) as session:
        upsert_campaign(session, prepared.campaign, prepared.path)
    add_reply(
        engine,
        "example",
        None,
        "r-tip",
        HOSTILE,
        label="tip",
        created_at=AT,
        author="@wit\u202eness",
        reasons=("a place and a time",),
    )
    add_reply(
        engine,
        "example",
        None,
        "r-question",
        "Is there a reward?",
        label="question",
        created_at=AT + timedelta(minutes=5),
    )
    for n in range(40):
        add_reply(
            engine,
            "example",
            None,
            f"r-flood-{n}",
            f"FOLLOW @kpopstan free stuff {n}",
            label="spam",
            created_at=AT + timedelta(seconds=n),
            flood_key="kpop",
            reasons=("a flood of one template",),
        )
    with engine.begin() as connection:  # triage gives a flood's members its cluster too
        connection.execute(update(REPLIES).values(flood_cluster=REPLIES.c.flood_key))
    app = create_app(settings, engine, secret="test-secret")
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        csrf = CSRF.search(test_client.get("/login").text)
        assert csrf
        signed = test_client.post(
            "/login",
            data={"officer": "lee", "password": PASSWORD, "csrf": csrf.group(1)},
            follow_redirects=False,
        )
        assert signed.status_code == 303
        yield test_client
    engine.dispose()


def csrf_of(client: TestClient) -> str:
    found = CSRF.search(client.get("/campaigns/example/tips").text)
    assert found
    return found.group(1)


def replies(workspace: Workspace) -> dict[str, Reply]:
    engine = open_db(workspace.settings().db_url)
    with Session(engine) as session:
        found = {r.remote_id: r for r in session.exec(select(Reply)).all()}
    engine.dispose()
    return found


def audit_of(workspace: Workspace, action: str) -> list[AuditEntry]:
    engine = open_db(workspace.settings().db_url)
    with Session(engine) as session:
        found = list(session.exec(select(AuditEntry).where(AuditEntry.action == action)).all())
    engine.dispose()
    return found


def test_tips_first_with_reasons_and_a_flood_as_one_line(client: TestClient) -> None:
    page = client.get("/campaigns/example/tips")
    assert page.status_code == 200
    text = page.text
    assert text.index("state-tip") < text.index("state-question") < text.index("state-spam")
    assert "a place and a time" in text
    assert "flood of 40 replies" in text
    assert text.count("FOLLOW @kpopstan") == 1  # 40 replies, one line
    assert "Relabel all 40" in text
    assert "1 tip · 1 question · 0 support replies · 40 spam replies · 0 abuse replies" in text


def test_a_hostile_reply_is_inert_text(client: TestClient) -> None:
    text = client.get("/campaigns/example/tips").text
    assert "<script" not in text.lower()
    assert 'href="javascript' not in text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in text
    for invisible in ("\u202e", "\u202c", "\u200b"):
        assert invisible not in text
    assert "I saw him txt.exe at King St" in text
    assert "<bdi>@witness</bdi>" in text


def test_relabel_a_flood_as_the_officer(client: TestClient, workspace: Workspace) -> None:
    response = client.post(
        "/campaigns/example/tips/relabel",
        data={"reply": "r-flood-3", "label": "abuse", "csrf": csrf_of(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    stored = replies(workspace)
    flood = [r for key, r in stored.items() if key.startswith("r-flood-")]
    assert all(r.label == "abuse" and r.relabelled_by == "lee" for r in flood)
    assert stored["r-tip"].label == "tip"
    (entry,) = audit_of(workspace, "reply.relabelled")
    assert entry.operator == "lee"
    assert json.loads(entry.detail)["followed"] == 39
    assert "relabelled abuse by officer lee" in client.get("/campaigns/example/tips").text


def test_follow_up_as_the_officer(client: TestClient, workspace: Workspace) -> None:
    response = client.post(
        "/campaigns/example/tips/followed-up",
        data={"reply": "r-tip", "csrf": csrf_of(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert replies(workspace)["r-tip"].followed_up_by == "lee"
    (entry,) = audit_of(workspace, "tip.followed_up")
    assert entry.operator == "lee"
    assert "followed up by <bdi>lee</bdi>" in client.get("/campaigns/example/tips").text


def test_tip_actions_need_the_csrf_token(client: TestClient, workspace: Workspace) -> None:
    client.get("/campaigns/example/tips")
    for action, data in (
        ("relabel", {"reply": "r-tip", "label": "spam"}),
        ("followed-up", {"reply": "r-tip"}),
    ):
        response = client.post(f"/campaigns/example/tips/{action}", data={**data, "csrf": "x"})
        assert response.status_code == 403, action
    tip = replies(workspace)["r-tip"]
    assert tip.label == "tip" and tip.followed_up_by is None


def test_a_bad_label_or_reply_is_one_sentence(client: TestClient) -> None:
    bad = client.post(
        "/campaigns/example/tips/relabel",
        data={"reply": "r-tip", "label": "<b>x</b>", "csrf": csrf_of(client)},
    )
    assert bad.status_code == 422
    assert "is not a label; use one of tip, question, support, spam, abuse." in bad.text
    assert "<b>x</b>" not in bad.text
    missing = client.post(
        "/campaigns/example/tips/followed-up", data={"reply": "nope", "csrf": csrf_of(client)}
    )
    assert missing.status_code == 422
    assert "has no reply with id &#39;nope&#39;" in missing.text


def test_the_tips_page_needs_a_sign_in(workspace: Workspace) -> None:
    engine = open_db(workspace.settings().db_url)
    with TestClient(create_app(workspace.settings(), engine), base_url="http://127.0.0.1") as c:
        assert c.get("/campaigns/example/tips", follow_redirects=False).status_code == 303
        refused = c.post("/campaigns/example/tips/relabel", data={}, follow_redirects=False)
        assert refused.status_code == 303
    engine.dispose()


def test_a_very_long_reply_is_folded_and_opens_whole(
    client: TestClient, workspace: Workspace
) -> None:
    engine = open_db(workspace.settings().db_url)
    long_text = "I saw the van on King St. " + "It went north, then east. " * 160 + "THE END"
    add_reply(engine, "example", None, "r-long", long_text, label="tip", created_at=AT)
    engine.dispose()
    page = client.get("/campaigns/example/tips").text
    assert f"… ({len(long_text):,} characters: show all)</summary>" in page
    assert page.count("THE END") == 1  # the whole text once, inside the folded part
    assert "I saw him txt.exe at King St" in page  # a short reply is shown as it is
