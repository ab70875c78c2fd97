"""The console's optional TOTP second factor (`officers passwd ID --totp`): enrolment, the
code at sign-in (one step either side), a replayed code refused even after a restart, the
same refusal and rate limit as a wrong password, officers without TOTP unaffected."""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner
from fixtures_clock import Clock
from fixtures_workspace import Workspace
from starlette.testclient import TestClient

from broadcaster.authoring.officers import (
    load_officers_beside,
    passwd_path,
    read_credentials,
    set_password,
)
from broadcaster.authoring.totp import code_at, new_secret, used_path
from broadcaster.cli import cli
from broadcaster.console.app import create_app
from broadcaster.storage.db import open_db

PASSWORDS = {"lee": "lee-console-password", "roy": "roy-console-password"}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
WRONG = "Wrong officer id, password or code."


@pytest.fixture
def secret(workspace: Workspace) -> str:
    """lee enrolled in TOTP; roy with a password only."""
    officers = load_officers_beside(workspace.agencies_path)
    made = new_secret()
    set_password(officers, "lee", PASSWORDS["lee"], made)
    set_password(officers, "roy", PASSWORDS["roy"])
    return made


def _console(workspace: Workspace) -> TestClient:
    settings = workspace.settings()
    return TestClient(create_app(settings, open_db(settings.db_url), secret="test-secret"))


@pytest.fixture
def console(workspace: Workspace, secret: str) -> Iterator[TestClient]:
    with _console(workspace) as client:
        yield client


def sign_in(client: TestClient, officer: str = "lee", code: str | None = None) -> object:
    found = CSRF.search(client.get("/login").text)
    assert found
    data = {"officer": officer, "password": PASSWORDS[officer], "csrf": found.group(1)}
    if code is not None:
        data["code"] = code
    return client.post("/login", data=data, follow_redirects=False)


def sign_out(client: TestClient) -> None:
    found = CSRF.search(client.get("/").text)
    assert found
    client.post("/logout", data={"csrf": found.group(1)}, follow_redirects=False)


def test_enrolment_prints_the_uri_once_and_keeps_the_secret_0600(workspace: Workspace) -> None:
    result = CliRunner().invoke(
        cli,
        ["officers", "passwd", "lee", "--totp", "--password-stdin"],
        input=PASSWORDS["lee"] + "\n",
    )
    assert result.exit_code == 0, result.output
    uri = re.search(r"otpauth://totp/\S+", result.output)
    assert uri, result.output
    query = parse_qs(urlparse(uri.group(0)).query)
    assert query["issuer"] == ["broadcaster"]
    path = passwd_path(workspace.folder / "officers.toml")
    stored = read_credentials(path)["lee"]
    assert query["secret"] == [stored.totp]
    assert f"secret: {stored.totp}" in result.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert PASSWORDS["lee"] not in path.read_text(encoding="utf-8")
    assert stored.totp not in repr(stored)  # never in a log line made from it
    # A new password keeps the enrolment; --no-totp ends it.
    again = CliRunner().invoke(
        cli, ["officers", "passwd", "lee", "--password-stdin"], input="another long one\n"
    )
    assert again.exit_code == 0 and "otpauth" not in again.output
    assert read_credentials(path)["lee"].totp == stored.totp
    off = CliRunner().invoke(
        cli, ["officers", "passwd", "lee", "--no-totp", "--password-stdin"], input="a third one!\n"
    )
    assert off.exit_code == 0, off.output
    assert "TOTP ended for lee" in off.output
    assert read_credentials(path)["lee"].totp is None


def test_sign_in_with_the_code(console: TestClient, secret: str, clock: Clock) -> None:
    response = sign_in(console, code=code_at(secret, clock.now))
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert console.get("/", follow_redirects=False).status_code == 200


def test_one_step_either_side_is_accepted_two_are_not(
    console: TestClient, secret: str, clock: Clock
) -> None:
    late = code_at(secret, clock.now - timedelta(seconds=30))  # the phone runs a step behind
    assert sign_in(console, code=late).status_code == 303  # type: ignore[attr-defined]
    sign_out(console)
    stale = code_at(secret, clock.now - timedelta(seconds=60))
    refused = sign_in(console, code=stale)
    assert refused.status_code == 401  # type: ignore[attr-defined]
    assert WRONG in refused.text  # type: ignore[attr-defined]


def test_a_wrong_or_missing_code_is_refused_like_a_wrong_password(
    console: TestClient, secret: str, clock: Clock
) -> None:
    right = code_at(secret, clock.now)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for code in (wrong, None, "", "12345", "abcdef"):
        response = sign_in(console, code=code)
        assert response.status_code == 401, code  # type: ignore[attr-defined]
        assert WRONG in response.text  # type: ignore[attr-defined]
    assert console.get("/", follow_redirects=False).status_code == 303
    # Those five attempts count: the right password and code now wait a minute.
    assert sign_in(console, code=right).status_code == 429  # type: ignore[attr-defined]
    clock.advance(timedelta(seconds=61))
    assert sign_in(console, code=code_at(secret, clock.now)).status_code == 303  # type: ignore[attr-defined]


def test_a_code_cannot_be_used_twice(
    workspace: Workspace, console: TestClient, secret: str, clock: Clock
) -> None:
    code = code_at(secret, clock.now)
    assert sign_in(console, code=code).status_code == 303  # type: ignore[attr-defined]
    sign_out(console)
    replayed = sign_in(console, code=code)
    assert replayed.status_code == 401  # type: ignore[attr-defined]
    assert WRONG in replayed.text  # type: ignore[attr-defined]
    # The previous step's code is older than the one used: refused too.
    earlier = sign_in(console, code=code_at(secret, clock.now - timedelta(seconds=30)))
    assert earlier.status_code == 401  # type: ignore[attr-defined]
    # A restarted console remembers (the record is a file, holding step numbers only).
    with _console(workspace) as restarted:
        assert sign_in(restarted, code=code).status_code == 401  # type: ignore[attr-defined]
        clock.advance(timedelta(seconds=30))
        assert sign_in(restarted, code=code_at(secret, clock.now)).status_code == 303  # type: ignore[attr-defined]
    used = used_path(passwd_path(workspace.folder / "officers.toml"))
    assert stat.S_IMODE(used.stat().st_mode) == 0o600
    assert secret not in used.read_text(encoding="utf-8")


def test_an_officer_without_totp_is_unaffected(console: TestClient) -> None:
    assert sign_in(console, "roy").status_code == 303  # type: ignore[attr-defined]
    sign_out(console)
    assert sign_in(console, "roy", code="").status_code == 303  # type: ignore[attr-defined]


def test_enrolling_ends_the_sessions_made_without_it(
    workspace: Workspace, console: TestClient, clock: Clock
) -> None:
    assert sign_in(console, "roy").status_code == 303  # type: ignore[attr-defined]
    officers = load_officers_beside(workspace.agencies_path)
    set_password(officers, "roy", PASSWORDS["roy"], new_secret())
    assert console.get("/", follow_redirects=False).status_code == 303
