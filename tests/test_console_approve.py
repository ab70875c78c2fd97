"""Approving in the console: the password again, the console's key signing for the officer
as `console:NAME`, counted with CLI approvals under the same rules, and refused wherever
the console is not trusted (not listed in officers.toml, another key, a forged row)."""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixtures_workspace import Workspace
from officer_helpers import signer
from sqlmodel import Session, select
from starlette.testclient import TestClient

from broadcaster.authoring.approval import (
    approval_status,
    approve,
    require_approval,
    upsert_campaign,
    verify_log,
)
from broadcaster.authoring.officers import (
    console_key_path,
    ensure_console_key,
    generate_key,
    load_officers_beside,
    read_private_key,
    set_password,
    sign,
)
from broadcaster.authoring.prepare import PreparedCampaign, prepare_campaign
from broadcaster.cli import cli
from broadcaster.console.app import create_app
from broadcaster.errors import ApprovalNotVerified
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import Approval, AuditEntry

PASSWORDS = {"lee": "lee-console-password", "roy": "roy-console-password"}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def list_console(folder: Path, public: str, name: str = "centre") -> None:
    officers = folder / "officers.toml"
    text = officers.read_text(encoding="utf-8")
    officers.write_text(f'{text}\n[console.{name}]\nkey = "{public}"\n', encoding="utf-8")


@pytest.fixture
def listed(two_needed: Workspace) -> Workspace:
    """Two approvals needed; the console's key made and listed as [console.centre]."""
    public, made = ensure_console_key(console_key_path(two_needed.agencies_path))
    assert made
    list_console(two_needed.folder, public)
    officers = load_officers_beside(two_needed.agencies_path)
    for officer_id, password in PASSWORDS.items():
        set_password(officers, officer_id, password)
    return two_needed


@pytest.fixture
def client(listed: Workspace) -> Iterator[TestClient]:
    engine = open_db(listed.settings().db_url)
    prepared = prepared_of(listed)
    with session_scope(engine) as session:  # in the database, as `preview`/`approve` leave it
        upsert_campaign(session, prepared.campaign, prepared.path)
    app = create_app(listed.settings(), engine, secret="test-secret")
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client
    engine.dispose()


def csrf_of(client: TestClient, page: str) -> str:
    found = CSRF.search(client.get(page).text)
    assert found, f"no csrf field on {page}"
    return found.group(1)


def sign_in(client: TestClient, officer: str) -> None:
    response = client.post(
        "/login",
        data={
            "officer": officer,
            "password": PASSWORDS[officer],
            "csrf": csrf_of(client, "/login"),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303


def approve_in_console(client: TestClient, password: str, csrf: str | None = None) -> Any:
    token = csrf_of(client, "/campaigns/example") if csrf is None else csrf
    return client.post(
        "/campaigns/example/approve",
        data={"password": password, "csrf": token},
        follow_redirects=False,
    )


def prepared_of(workspace: Workspace) -> PreparedCampaign:
    return prepare_campaign(workspace.campaign, workspace.settings(), check_credentials=False)


def rows(workspace: Workspace) -> list[Approval]:
    engine = open_db(workspace.settings().db_url)
    with Session(engine) as session:
        found = list(session.exec(select(Approval)).all())
    engine.dispose()
    return found


def test_the_key_file_is_0600_outside_the_database(listed: Workspace) -> None:
    path = console_key_path(listed.agencies_path)
    assert path == listed.folder / "keys" / "console"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ensure_console_key(path)[1] is False  # never made twice


def test_console_help_names_the_key_file() -> None:
    result = CliRunner().invoke(cli, ["console", "--help"])
    assert "keys/console beside" in result.output
    assert "[console.NAME]" in result.output


def test_a_console_approval_counts_with_a_cli_one(client: TestClient, listed: Workspace) -> None:
    engine = open_db(listed.settings().db_url)
    approve(engine, prepared_of(listed), signer(listed.folder, "lee"))
    sign_in(client, "roy")
    assert "1 of 2" in client.get("/campaigns/example").text
    response = approve_in_console(client, PASSWORDS["roy"])
    assert response.status_code == 303, getattr(response, "text", "")
    page = client.get("/campaigns/example")
    assert "2 of 2" in page.text
    assert "Insp. Sam Roy (roy, tps)" in page.text
    assert 'action="/campaigns/example/approve"' not in page.text  # roy has approved
    status = require_approval(engine, prepared_of(listed))
    assert status.approvers == ("lee", "roy")
    (row,) = [r for r in rows(listed) if r.approver == "roy"]
    signed = json.loads(row.statement or "")
    assert signed["officer"] == "roy" and signed["via"] == "console:centre"
    with Session(engine) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "approve")).all()[-1]
    detail = json.loads(entry.detail)
    assert entry.operator == "roy" and detail["via"] == "console:centre"
    assert verify_log(engine, listed.agencies_path).ok
    engine.dispose()


def test_the_same_officer_by_cli_and_console_counts_once(
    client: TestClient, listed: Workspace
) -> None:
    engine = open_db(listed.settings().db_url)
    approve(engine, prepared_of(listed), signer(listed.folder, "lee"))
    sign_in(client, "lee")
    page = client.get("/campaigns/example").text
    assert 'action="/campaigns/example/approve"' not in page  # already approved by key
    approve_in_console(client, PASSWORDS["lee"])
    assert "1 of 2" in client.get("/campaigns/example").text
    assert len(rows(listed)) == 1
    engine.dispose()


def test_a_wrong_password_approves_nothing(client: TestClient, listed: Workspace) -> None:
    sign_in(client, "roy")
    response = approve_in_console(client, "not roy's password")
    assert response.status_code == 401
    assert "Wrong password; nothing was done." in response.text
    assert rows(listed) == []


def test_approve_without_csrf_is_refused(client: TestClient, listed: Workspace) -> None:
    sign_in(client, "roy")
    client.get("/campaigns/example")
    response = approve_in_console(client, PASSWORDS["roy"], csrf="forged")
    assert response.status_code == 403
    assert rows(listed) == []


def test_an_officer_without_the_approver_role_is_refused(
    client: TestClient, listed: Workspace
) -> None:
    text = (listed.folder / "officers.toml").read_text(encoding="utf-8")
    (listed.folder / "officers.toml").write_text(
        text.replace('roles = ["approver", "launcher"]', 'roles = ["launcher"]', 1),
        encoding="utf-8",
    )
    sign_in(client, "lee")
    assert 'action="/campaigns/example/approve"' not in client.get("/campaigns/example").text
    response = approve_in_console(client, PASSWORDS["lee"])
    assert response.status_code == 403
    assert "This page needs the approver role." in response.text
    assert rows(listed) == []


def test_an_unlisted_console_may_not_sign(client: TestClient, listed: Workspace) -> None:
    text = (listed.folder / "officers.toml").read_text(encoding="utf-8")
    (listed.folder / "officers.toml").write_text(text.split("\n[console.")[0], encoding="utf-8")
    sign_in(client, "roy")
    response = approve_in_console(client, PASSWORDS["roy"])
    assert response.status_code == 409
    assert "this console cannot approve yet, because its key is not listed in" in response.text
    assert "<pre>[console.centre]\nkey = &#34;ssh-ed25519 " in response.text
    assert rows(listed) == []


def test_a_forged_console_approval_is_refused_at_launch(
    client: TestClient, listed: Workspace
) -> None:
    """Someone with the database but not the console's key file signs a console approval
    for roy with a key of their own: launch verification refuses it, and so does a row
    whose `via` was taken out, or one naming a console that is not listed."""
    sign_in(client, "roy")
    approve_in_console(client, PASSWORDS["roy"])
    (good,) = rows(listed)
    engine = open_db(listed.settings().db_url)
    prepared = prepared_of(listed)
    assert approval_status(engine, prepared).approvers == ("roy",)
    generate_key(listed.folder / "intruder", "intruder")
    intruder = read_private_key(listed.folder / "intruder")

    statement = json.loads(good.statement or "")
    forgeries = {
        "another key": (good.statement or "", sign(intruder, (good.statement or "").encode())),
        "via taken out": (
            json.dumps({k: v for k, v in statement.items() if k != "via"}, sort_keys=True),
            good.signature or "",
        ),
        "unlisted console": (
            json.dumps({**statement, "via": "console:elsewhere"}, sort_keys=True),
            sign(intruder, b"x"),
        ),
    }
    for what, (text, signature) in forgeries.items():
        with Session(engine) as session:
            row = session.get(Approval, good.id)
            assert row is not None
            row.statement, row.signature = text, signature
            session.add(row)
            session.commit()
        with pytest.raises(ApprovalNotVerified, match="roy") as refused:
            require_approval(engine, prepared)
        assert "nothing was sent" in str(refused.value), what
        assert not verify_log(engine, listed.agencies_path).ok, what
    engine.dispose()


def test_console_makes_its_key_once_and_says_how_to_list_it(
    two_needed: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    served: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: served.append(args))
    runner = CliRunner()
    first = runner.invoke(cli, ["console"])
    assert first.exit_code == 0, first.output
    path = two_needed.folder / "keys" / "console"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Made the console's signing key keys/console (0600)." in first.output
    public = (two_needed.folder / "keys" / "console.pub").read_text(encoding="utf-8").strip()
    assert f'[console.centre]\nkey = "{public}"' in first.output
    list_console(two_needed.folder, public)
    again = runner.invoke(cli, ["console"])
    assert again.exit_code == 0, again.output
    assert "Made the console" not in again.output and "[console.centre]" not in again.output
    assert len(served) == 2
    private = path.read_text(encoding="utf-8")
    assert "PRIVATE KEY" in private and private not in first.output + again.output


def test_a_console_table_with_a_bad_key_is_one_sentence(two_needed: Workspace) -> None:
    list_console(two_needed.folder, "ssh-ed25519 not-a-key")
    result = CliRunner().invoke(cli, ["officers", "list"])
    assert result.exit_code == 2
    assert "console 'centre' field 'key' is not an OpenSSH public key" in result.output
    assert "Traceback" not in result.output


def test_a_console_approval_on_sqlite_and_postgresql(listed: Workspace, db_url: str) -> None:
    settings = listed.settings(db_url=db_url)
    engine = open_db(db_url)
    prepared = prepare_campaign(listed.campaign, settings, check_credentials=False)
    approve(engine, prepared, signer(listed.folder, "lee"))
    with TestClient(create_app(settings, engine, secret="t"), base_url="http://127.0.0.1") as c:
        sign_in(c, "roy")
        assert approve_in_console(c, PASSWORDS["roy"]).status_code == 303
        assert "2 of 2" in c.get("/campaigns/example").text
    assert require_approval(engine, prepared).approvers == ("lee", "roy")
    assert verify_log(engine, listed.agencies_path).ok
    engine.dispose()
