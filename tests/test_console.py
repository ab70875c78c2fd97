"""The coordination console, route by route (Starlette's TestClient): sign-in and its
limits, CSRF, roles, each agency's post as it will appear, escaping, the policy headers,
and no secret in any page."""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from datetime import timedelta

import pytest
from click.testing import CliRunner
from fixtures_clock import Clock
from fixtures_workspace import Workspace
from markupsafe import escape
from officer_helpers import signer
from starlette.testclient import TestClient

from broadcaster.authoring.approval import approve
from broadcaster.authoring.officers import (
    check_password,
    load_officers_beside,
    passwd_path,
    set_password,
)
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.cli import cli
from broadcaster.console.app import CSP, create_app
from broadcaster.errors import OfficersInvalid
from broadcaster.storage.db import open_db

PASSWORDS = {"lee": "lee-console-password", "roy": "roy-console-password"}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def console(workspace: Workspace) -> Iterator[TestClient]:
    settings = workspace.settings()
    officers = load_officers_beside(workspace.agencies_path)
    for officer_id, password in PASSWORDS.items():
        set_password(officers, officer_id, password)
    engine = open_db(settings.db_url)
    prepared = prepare_campaign(workspace.campaign, settings, check_credentials=False)
    approve(engine, prepared, signer(workspace.folder, "lee"))
    app = create_app(settings, engine, secret="test-secret")
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client
    engine.dispose()


def csrf_of(client: TestClient, page: str = "/login") -> str:
    found = CSRF.search(client.get(page).text)
    assert found, f"no csrf field on {page}"
    return found.group(1)


def sign_in(client: TestClient, officer: str = "lee", password: str | None = None) -> object:
    return client.post(
        "/login",
        data={
            "officer": officer,
            "password": PASSWORDS[officer] if password is None else password,
            "csrf": csrf_of(client),
        },
        follow_redirects=False,
    )


# -- officers passwd ---------------------------------------------------------------------


def test_passwd_stores_only_an_argon2_hash_0600(workspace: Workspace) -> None:
    result = CliRunner().invoke(
        cli, ["officers", "passwd", "lee", "--password-stdin"], input="a long passphrase\n"
    )
    assert result.exit_code == 0, result.output
    path = passwd_path(workspace.folder / "officers.toml")
    assert "Console password set for lee (officers.passwd)." in result.output
    text = path.read_text(encoding="utf-8")
    assert "a long passphrase" not in text
    assert re.search(r"^lee \$argon2id\$", text, re.M)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "argon2" not in (workspace.folder / "officers.toml").read_text(encoding="utf-8")
    officers = load_officers_beside(workspace.agencies_path)
    assert check_password(officers, "lee", "a long passphrase") is not None
    assert check_password(officers, "lee", "a long passphrasE") is None
    assert check_password(officers, "roy", "a long passphrase") is None  # roy has none


def test_passwd_refusals(workspace: Workspace) -> None:
    runner = CliRunner()
    short = runner.invoke(cli, ["officers", "passwd", "lee", "--password-stdin"], input="short\n")
    assert short.exit_code == 2
    assert "the password for 'lee' is 5 characters; use at least 12." in short.output
    nobody = runner.invoke(
        cli, ["officers", "passwd", "nobody", "--password-stdin"], input="a long passphrase\n"
    )
    assert nobody.exit_code == 2
    assert "no officer 'nobody'; add them with `broadcaster officers add`." in nobody.output


def test_a_passwd_file_others_can_read_is_refused(workspace: Workspace) -> None:
    officers = load_officers_beside(workspace.agencies_path)
    set_password(officers, "lee", PASSWORDS["lee"])
    path = passwd_path(officers.path)
    path.chmod(0o644)
    with pytest.raises(OfficersInvalid, match="other users can read the console password"):
        check_password(officers, "lee", PASSWORDS["lee"])


# -- sign-in -----------------------------------------------------------------------------


def test_pages_need_a_sign_in(console: TestClient) -> None:
    for page in ("/", "/campaigns/example", "/campaigns/example/photo", "/officers"):
        response = console.get(page, follow_redirects=False)
        assert response.status_code == 303, page
        assert response.headers["location"] == "/login"


def test_sign_in_and_out(console: TestClient) -> None:
    response = sign_in(console)
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=strict" in cookie
    page = console.get("/")
    assert page.status_code == 200
    assert "Sgt. Dana Lee" in page.text
    assert "example" in page.text
    assert "1 of 1" in page.text  # lee's approval, verified
    out = console.post("/logout", data={"csrf": csrf_of(console, "/")}, follow_redirects=False)
    assert out.status_code == 303
    assert console.get("/", follow_redirects=False).status_code == 303


def test_wrong_password_and_unknown_officer(console: TestClient) -> None:
    for officer, password in (("lee", "not lee's password"), ("nobody", "whatever-it-is")):
        response = console.post(
            "/login",
            data={"officer": officer, "password": password, "csrf": csrf_of(console)},
        )
        assert response.status_code == 401
        assert "Wrong officer id, password or code." in response.text
    assert console.get("/", follow_redirects=False).status_code == 303


def test_sign_in_is_rate_limited_per_officer(console: TestClient) -> None:
    for _ in range(5):
        assert sign_in(console, "lee", "wrong password!").status_code == 401
    blocked = sign_in(console, "lee")  # the right password, too late
    assert blocked.status_code == 429
    assert "Too many sign-in attempts" in blocked.text
    assert console.get("/", follow_redirects=False).status_code == 303


def test_sign_in_is_rate_limited_per_client(console: TestClient) -> None:
    for number in range(5):
        assert sign_in(console, "roy", f"wrong password {number}").status_code == 401
    assert sign_in(console, "lee").status_code == 429  # another officer, the same client


def test_rate_limit_window_passes(console: TestClient, clock: Clock) -> None:
    for _ in range(5):
        sign_in(console, "lee", "wrong password!")
    assert sign_in(console, "lee").status_code == 429
    clock.advance(timedelta(seconds=61))
    assert sign_in(console, "lee").status_code == 303


def test_forms_without_the_csrf_token_are_refused(console: TestClient) -> None:
    no_token = console.post("/login", data={"officer": "lee", "password": PASSWORDS["lee"]})
    assert no_token.status_code == 403
    csrf_of(console)
    forged = console.post(
        "/login", data={"officer": "lee", "password": PASSWORDS["lee"], "csrf": "forged"}
    )
    assert forged.status_code == 403
    sign_in(console)
    assert console.post("/logout", data={}).status_code == 403
    assert console.get("/").status_code == 200  # still signed in


def test_the_session_token_changes_at_sign_in(console: TestClient) -> None:
    before = csrf_of(console)
    sign_in(console)
    assert csrf_of(console, "/") != before


# -- roles -------------------------------------------------------------------------------


def test_a_role_the_officer_lacks_is_refused(console: TestClient) -> None:
    sign_in(console, "lee")  # approver and launcher, not admin
    refused = console.get("/officers")
    assert refused.status_code == 403
    assert "This page needs the admin role." in refused.text


def test_an_admin_sees_the_officers(console: TestClient) -> None:
    sign_in(console, "roy")
    page = console.get("/officers")
    assert page.status_code == 200
    assert "Insp. Sam Roy" in page.text
    assert "$argon2" not in page.text


def test_an_officer_of_another_agency_is_refused_the_campaign(
    console: TestClient, workspace: Workspace
) -> None:
    text = (workspace.folder / "officers.toml").read_text(encoding="utf-8")
    outsider = text.replace('agency = "tps"', 'agency = "other"', 1)  # lee: not in the campaign
    registry = workspace.agencies_path.read_text(encoding="utf-8")
    other = (
        '[agency.other]\nname = "Other Police"\nplatform = "sandbox"\nhandle = "@Other"\n'
        'language = "en"\ntimezone = "UTC"\ntip_line = "1"\ncredentials = "OTHER"\n\n'
    )
    workspace.agencies_path.write_text(
        registry.replace("[agency.tps]", other + "[agency.tps]", 1), encoding="utf-8"
    )
    (workspace.folder / "officers.toml").write_text(outsider, encoding="utf-8")
    sign_in(console, "lee")
    assert 'href="/campaigns/example"' not in console.get("/").text
    assert console.get("/campaigns/example").status_code == 403
    assert console.get("/campaigns/example/photo").status_code == 403


# -- the campaign page -------------------------------------------------------------------


def test_the_campaign_page_shows_each_agencys_post(
    console: TestClient, workspace: Workspace
) -> None:
    sign_in(console)
    page = console.get("/campaigns/example")
    assert page.status_code == 200
    settings = workspace.settings()
    prepared = prepare_campaign(workspace.campaign, settings, check_credentials=False)
    for post in prepared.posts:
        agency = prepared.agency(post.agency)
        assert escape(agency.name) in page.text
        if post.action != "repost":
            assert escape(post.text) in page.text
        assert f"{post.weighted_length} / {post.limit} characters" in page.text
    assert "Sgt. Dana Lee (lee, tps)" in page.text  # who has approved
    if prepared.photo is not None:
        assert 'src="/campaigns/example/photo"' in page.text
        photo = console.get("/campaigns/example/photo")
        assert photo.status_code == 200
        assert photo.content == prepared.photo.data
        assert photo.headers["content-type"] == prepared.photo.mime_type


def test_unknown_campaign_is_404(console: TestClient) -> None:
    sign_in(console)
    assert console.get("/campaigns/nope").status_code == 404
    assert console.get("/campaigns/..%2F..%2Fetc%2Fpasswd/photo").status_code == 404


HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def test_partner_written_text_is_escaped(console: TestClient, workspace: Workspace) -> None:
    registry = workspace.agencies_path.read_text(encoding="utf-8")
    name = re.search(r'\[agency\.rcmp\]\nname = "([^"]*)"', registry)
    assert name
    workspace.agencies_path.write_text(
        registry.replace(f'name = "{name.group(1)}"', f'name = "{HOSTILE}"', 1), encoding="utf-8"
    )
    sign_in(console)
    page = console.get("/campaigns/example")
    assert page.status_code == 200
    assert HOSTILE not in page.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text
    assert "<script" not in page.text.lower()


# -- headers and secrets -----------------------------------------------------------------


def test_every_response_carries_the_policy(console: TestClient) -> None:
    responses = [console.get("/login"), console.get("/", follow_redirects=False)]
    sign_in(console)
    responses += [console.get("/"), console.get("/campaigns/example"), console.get("/nope")]
    for response in responses:
        policy = response.headers["content-security-policy"]
        assert policy == CSP
        assert "script-src" not in policy and "'unsafe-inline'" not in policy
        assert "default-src 'none'" in policy
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "<script" not in responses[-2].text.lower()


def test_no_env_value_in_any_page(console: TestClient, workspace: Workspace) -> None:
    secrets = [v for v in workspace.env.values() if v]
    assert secrets
    pages = [console.get("/login").text]
    sign_in(console, "roy")
    pages += [console.get(p).text for p in ("/", "/campaigns/example", "/officers", "/nope")]
    for page in pages:
        for secret in secrets:
            assert secret not in page
        assert "$argon2" not in page
        for password in PASSWORDS.values():
            assert password not in page


def test_a_hostile_campaign_text_is_escaped(console: TestClient, workspace: Workspace) -> None:
    text = workspace.campaign_text()
    description = re.search(r'description = "([^"]*)"', text)
    assert description
    workspace.edit_campaign(description.group(1), "<b onmouseover=alert(1)>Tall</b>", count=9)
    sign_in(console)
    page = console.get("/campaigns/example")
    assert page.status_code == 200, page.text
    assert "<b onmouseover" not in page.text
    assert "&lt;b onmouseover=alert(1)&gt;Tall&lt;/b&gt;" in page.text


def test_a_new_password_ends_the_sessions_of_the_old_one(
    console: TestClient, workspace: Workspace
) -> None:
    sign_in(console)
    assert console.get("/").status_code == 200
    set_password(load_officers_beside(workspace.agencies_path), "lee", "a new long password")
    assert console.get("/", follow_redirects=False).status_code == 303


def test_the_pages_on_sqlite_and_postgresql(workspace: Workspace, db_url: str) -> None:
    settings = workspace.settings(db_url=db_url)
    set_password(load_officers_beside(workspace.agencies_path), "lee", PASSWORDS["lee"])
    engine = open_db(db_url)
    prepared = prepare_campaign(workspace.campaign, settings, check_credentials=False)
    approve(engine, prepared, signer(workspace.folder, "lee"))
    with TestClient(create_app(settings, engine), base_url="http://127.0.0.1") as client:
        assert sign_in(client).status_code == 303
        listing = client.get("/")
        assert "1 of 1" in listing.text
        assert client.get("/campaigns/example").status_code == 200
    engine.dispose()


def test_the_limiter_forgets_stale_keys_and_never_counts_a_refusal(clock: Clock) -> None:
    from broadcaster.console.routes import SWEEP_AT, Limiter

    limiter = Limiter(attempts=2)
    assert limiter.allow("officer:a", "client:x") and limiter.allow("officer:b", "client:x")
    for n in range(50):  # the client is shut out: made-up ids are not remembered
        assert not limiter.allow(f"officer:made-up-{n}", "client:x")
    assert len(limiter._seen) == 3
    for n in range(SWEEP_AT + 1):
        limiter.allow(f"officer:{n}", f"client:{n}")
    clock.advance(timedelta(minutes=2))
    assert limiter.allow("officer:a", "client:x")
    assert len(limiter._seen) == 2
