"""The reach report inside the console: the CLI's HTML report, served with a policy that
lets only its own inline styles apply (by hash) and no script at all."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fixtures_clock import Clock
from fixtures_responses import LAUNCH, SeedAgency, add_reply, add_snapshot, seed_campaign
from fixtures_workspace import Workspace
from starlette.testclient import TestClient

from broadcaster.authoring.officers import load_officers_beside, set_password
from broadcaster.console.app import create_app
from broadcaster.console.report import policy_for
from broadcaster.responses.report import build_report, render_html
from broadcaster.storage.db import open_db

PASSWORD = "lee-console-password"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def client(workspace: Workspace) -> Iterator[TestClient]:
    settings = workspace.settings()
    set_password(load_officers_beside(workspace.agencies_path), "lee", PASSWORD)
    engine = open_db(settings.db_url)
    agencies = [SeedAgency("tps", "@TorontoPolice", 520_000, 0), SeedAgency("rcmp", "@RCMP", 9, 20)]
    ids = seed_campaign(engine, "example", agencies=agencies, status="exercise")
    for hour in (1, 2, 3):
        add_snapshot(
            engine,
            "example",
            ids["tps"],
            LAUNCH + timedelta(hours=hour),
            impressions=1000 * hour,
            reposts=hour,
        )
    add_reply(
        engine,
        "example",
        ids["tps"],
        "r1",
        "<script>alert(1)</script> seen him",
        label="tip",
        created_at=LAUNCH + timedelta(minutes=3),
    )
    app = create_app(settings, engine, secret="test-secret")
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        found = CSRF.search(test_client.get("/login").text)
        assert found
        test_client.post(
            "/login", data={"officer": "lee", "password": PASSWORD, "csrf": found.group(1)}
        )
        yield test_client
    engine.dispose()


def test_the_report_page_is_the_cli_report(
    client: TestClient, workspace: Workspace, clock: Clock
) -> None:
    page = client.get("/campaigns/example/report")
    assert page.status_code == 200, page.text
    engine = open_db(workspace.settings().db_url)
    expected = render_html(
        build_report(engine, "example", settings=workspace.settings(), with_photo=True)
    )
    engine.dispose()
    back = '\n<p><a href="/campaigns/example">Back to campaign example in the console</a></p>'
    assert back in page.text
    # ...but for its follow-up hint, which points to the tips page's button first.
    command = "<code>broadcaster tips example --followed-up ID --key YOUR_KEY</code>"
    hint = f"Mark one handled with {command}."
    button = (
        'Mark one handled with its <a href="/campaigns/example/tips">Followed up</a> button '
        f"on the tips page (on the command line: {command})."
    )
    assert hint in expected and button in page.text
    expected = expected.replace(hint, button, 1)
    chart = re.compile(r"<svg.*</svg>", re.S)  # matplotlib names its paths at random
    assert chart.sub("", page.text.replace(back, "", 1)) == chart.sub("", expected)
    assert "<svg" in page.text  # the reach chart
    assert "&lt;script&gt;alert(1)&lt;/script&gt; seen him" in page.text


def test_the_report_policy_allows_no_script_and_only_its_own_styles(client: TestClient) -> None:
    page = client.get("/campaigns/example/report")
    policy = page.headers["content-security-policy"]
    assert policy == policy_for(page.text)
    assert "script-src 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("style-src")[1].split(";")[0]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "<script" not in page.text.lower()
    assert len(re.findall(r"'sha256-", policy)) >= 2  # the <style> block and the bars


def test_the_report_needs_a_sign_in(workspace: Workspace) -> None:
    engine = open_db(workspace.settings().db_url)
    with TestClient(create_app(workspace.settings(), engine), base_url="http://127.0.0.1") as c:
        assert c.get("/campaigns/example/report", follow_redirects=False).status_code == 303
    engine.dispose()


def test_a_campaign_not_in_the_database_is_404(client: TestClient) -> None:
    assert client.get("/campaigns/nope/report").status_code == 404
