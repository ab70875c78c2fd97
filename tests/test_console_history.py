"""What already happened, as the console shows it: the campaign page after a launch, two
mid-case updates (one with a new photo) and a resolve; the launch board listing every
post; readable times on the campaign list; the console-key setup hint and the refused
update that keeps its notes; the password limit counting failures only; the TOTP code on
a confirmation."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fixtures_clock import Clock
from lifecycle_helpers import Launched, launched_campaign, prepare_and_approve
from officer_helpers import signer
from starlette.testclient import TestClient

from broadcaster.authoring.officers import (
    console_key_path,
    ensure_console_key,
    load_officers_beside,
    set_password,
)
from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.authoring.totp import code_at, new_secret
from broadcaster.campaign.lifecycle import resolve
from broadcaster.campaign.updates import post_update
from broadcaster.console.app import create_app

PASSWORDS = {"lee": "lee-console-password", "roy": "roy-console-password"}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
PAGE = "/campaigns/drill-2026-0001"
NOTES = {"note_en": "Seen near Union Station at 9:40.", "note_fr": "Vu près de la gare Union."}
FORMS = ("/update", "/resolve", "/cancel")
ORIGINAL_DOWN = """<span class="error">Taken down</span>: the alert's original photo"""


def _passwords(drill: Any, totp: str | None = None) -> None:
    officers = load_officers_beside(drill.agencies_path)
    set_password(officers, "lee", PASSWORDS["lee"], totp)
    set_password(officers, "roy", PASSWORDS["roy"])


def _list_console(drill: Any) -> None:
    public, _ = ensure_console_key(console_key_path(drill.agencies_path))
    officers_file = drill.folder / "officers.toml"
    text = officers_file.read_text(encoding="utf-8")
    officers_file.write_text(f'{text}\n[console.centre]\nkey = "{public}"\n', encoding="utf-8")


def _client(launched: Launched) -> TestClient:
    app = create_app(launched.settings, launched.engine, secret="t")
    return TestClient(app, base_url="http://127.0.0.1")


@pytest.fixture
def launched(drill: Any) -> Launched:
    _list_console(drill)
    _passwords(drill)
    return launched_campaign(drill)


@pytest.fixture
def client(launched: Launched) -> Iterator[TestClient]:
    with _client(launched) as test_client:
        yield test_client


def sign_in(client: TestClient, officer: str = "lee", password: str | None = None) -> int:
    found = CSRF.search(client.get("/login").text)
    assert found
    data = {"officer": officer, "password": password or PASSWORDS[officer], "csrf": found.group(1)}
    return client.post("/login", data=data, follow_redirects=False).status_code


def csrf_of(client: TestClient) -> str:
    found = CSRF.search(client.get(PAGE).text)
    assert found
    return found.group(1)


def offered(page: str) -> set[str]:
    return {form for form in FORMS if f'action="{PAGE}{form}"' in page}


def _history(launched: Launched) -> None:
    """Two mid-case updates (the first with a new photo), then the case resolved."""
    drill = launched.drill
    photo = drill.folder / "new-photo.jpg"
    photo.write_bytes(photo_jpeg(seed=7))
    for notes, photo_path in (
        (["Seen near Union Station.", "fr:Vu près de la gare Union."], photo),
        (["A reward is offered.", "fr:Une récompense est offerte."], None),
    ):
        report = post_update(
            launched.settings,
            launched.path,
            notes,
            signer=signer(drill.folder, "roy"),
            photo_path=photo_path,
            engine=launched.engine,
        )
        assert report.complete, report.as_dict()
    resolve(launched.settings, launched.path, "arrested", operator="lee", engine=launched.engine)


# -- the campaign page ------------------------------------------------------------------


def test_before_the_launch_the_page_previews_and_offers_no_update_or_resolve(drill: Any) -> None:
    _list_console(drill)
    _passwords(drill)
    ready = prepare_and_approve(drill)
    with _client(ready) as client:
        assert sign_in(client) == 303
        page = client.get(PAGE).text
    assert "Each agency's post, as it will appear" in page
    assert re.search(r'<strong class="state">Draft</strong>\s*· not launched yet', page)
    assert offered(page) == set()  # never launched: nothing to cancel, only the next step
    assert "Approved, ready to launch." in page
    assert 'src="/campaigns/drill-2026-0001/photo"' in page


def test_the_page_shows_what_happened_after_updates_and_a_resolve(
    client: TestClient, launched: Launched
) -> None:
    assert sign_in(client) == 303
    launched_page = client.get(PAGE).text
    assert re.search(r'<strong class="state">Launched</strong>\s*· launched 20', launched_page)
    assert offered(launched_page) == set(FORMS)
    assert "as it will appear" not in launched_page
    assert "<h2>Posted</h2>" in launched_page and "The alert" in launched_page
    assert launched_page.count('rel="noreferrer noopener">post ↗</a>') == len(launched.rows())

    _history(launched)
    page = client.get(PAGE).text
    assert re.search(r'<strong class="state">Resolved</strong> \(arrested\)', page)
    assert "as it will appear" not in page
    assert offered(page) == set(), "a closed campaign offers no update, resolve or cancel"
    # The posts as posted, under their headings, each with its link.
    for heading in ("The alert", "Update 1", "Update 2", "The resolve update (arrested)"):
        assert f'<tr class="group"><th colspan="5">{heading}</th></tr>' in page
    for row in launched.rows():
        if row.url:
            assert f'href="{row.url}"' in page
    # The updates: number, signer, notes, replies posted.
    assert re.search(r"<h3>Update 1 <span class=\"hint\">signed by roy, 20\S+ \S+ UTC", page)
    assert "<h3>Update 2 <span" in page
    assert "Seen near Union Station." in page and "Une récompense est offerte." in page
    assert page.count("5 replies posted") == 2
    # The photos: the update's replaced the original; the resolve took both down.
    assert ORIGINAL_DOWN in page
    assert '<span class="error">Taken down</span>: the new photo of update 1' in page
    photo = client.get(f"{PAGE}/updates/1/photo")
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/jpeg"
    assert client.get(f"{PAGE}/updates/2/photo").status_code == 404


def test_the_new_photo_is_the_one_shown_up_while_the_case_is_open(
    client: TestClient, launched: Launched
) -> None:
    photo = launched.drill.folder / "new-photo.jpg"
    photo.write_bytes(photo_jpeg(seed=7))
    report = post_update(
        launched.settings,
        launched.path,
        ["Seen near Union Station.", "fr:Vu près de la gare Union."],
        signer=signer(launched.drill.folder, "roy"),
        photo_path=photo,
        engine=launched.engine,
    )
    assert sign_in(client) == 303
    page = client.get(PAGE).text
    assert '<span class="ok">Up now</span>: the new photo of update 1' in page
    assert ORIGINAL_DOWN in page
    assert offered(page) == set(FORMS)
    photo.write_bytes(photo_jpeg(seed=8))  # the file changed since: the signed bytes are kept
    shown = client.get(f"{PAGE}/updates/1/photo")
    assert shown.status_code == 200 and hashlib.sha256(shown.content).hexdigest() == report.photo


def test_the_launch_board_lists_every_post_by_what_it_is(
    client: TestClient, launched: Launched
) -> None:
    _history(launched)
    assert sign_in(client) == 303
    page = client.get(f"{PAGE}/live").text
    headings = re.findall(r'<tr class="group"><th colspan="5">([^<]+)</th></tr>', page)
    assert headings == ["The alert", "Update 1", "Update 2", "The resolve update (arrested)"]
    assert page.count('<tr class="post-') == len(launched.rows())
    assert page.count('<tr class="post-taken-down">') >= len(launched.rows("original"))
    events = client.get(f"{PAGE}/live/events").text
    assert '"group": "Update 2"' in events and '"group": "The resolve update (arrested)"' in events


# -- the campaign list ------------------------------------------------------------------


def test_the_campaign_list_shows_times_readably_with_their_zone(drill: Any) -> None:
    _passwords(drill)
    expires = datetime(2026, 12, 8, 12, 0, tzinfo=UTC)
    launched = launched_campaign(drill, expires_at=expires)
    with _client(launched) as client:
        assert sign_in(client) == 303
        listing = client.get("/").text
    assert "expiry at <time" in listing
    assert ">2026-12-08 12:00 UTC</time>" in listing
    assert "2026-12-08T12:00:00+00:00</time>" not in listing


# -- the console key's setup ------------------------------------------------------------


def test_an_unlisted_console_says_so_before_and_keeps_the_typed_update(drill: Any) -> None:
    _passwords(drill)
    ensure_console_key(console_key_path(drill.agencies_path))
    launched = launched_campaign(drill)
    with _client(launched) as client:
        assert sign_in(client, "roy") == 303
        page = client.get(PAGE).text
        assert '<div class="setup" id="setup">' in page
        assert "<pre>[console.centre]\nkey = &#34;ssh-ed25519 " in page
        refused = client.post(
            f"{PAGE}/update",
            data={**NOTES, "password": PASSWORDS["roy"], "csrf": csrf_of(client)},
        )
    assert refused.status_code == 409
    assert "this console cannot post an update yet, because its key is not listed" in refused.text
    assert "approvals" not in refused.text.split('role="alert"')[1].split("</div>")[0]
    assert "<pre>[console.centre]\nkey = &#34;ssh-ed25519 " in refused.text
    assert ">Seen near Union Station at 9:40.</textarea>" in refused.text
    assert ">Vu près de la gare Union.</textarea>" in refused.text
    assert [p for p in launched.sandbox_posts() if p["in_reply_to"]] == []


def test_a_listed_console_shows_no_setup_hint(client: TestClient) -> None:
    assert sign_in(client, "roy") == 303
    assert 'id="setup"' not in client.get(PAGE).text


# -- the password limit -----------------------------------------------------------------


def test_only_failed_passwords_count_against_the_limit(
    client: TestClient, launched: Launched
) -> None:
    for _ in range(4):  # two officers sign in again and again from the same desk
        assert sign_in(client, "lee") == 303
        assert sign_in(client, "roy") == 303
    wrong = client.post(
        f"{PAGE}/cancel", data={"reason": "x", "password": "nope", "csrf": csrf_of(client)}
    )
    assert wrong.status_code == 401 and "Wrong password; nothing was done." in wrong.text
    for _ in range(3):
        assert sign_in(client, "lee", "wrong password!") == 401
    assert sign_in(client, "lee") == 303  # 4 failures: still allowed
    assert sign_in(client, "lee", "wrong password!") == 401  # the fifth
    assert sign_in(client, "lee") == 429
    assert sign_in(client, "roy") == 429  # the same client


def test_a_success_is_forgiven_but_failures_stay_counted(clock: Clock) -> None:
    from broadcaster.console.routes import Limiter

    limiter = Limiter(attempts=2)
    for _ in range(10):
        mark = limiter.allow("officer:a", "client:x")
        assert mark is not None
        limiter.succeeded(mark, "officer:a", "client:x")
    assert limiter.allow("officer:a", "client:x") is not None  # a failure
    clock.advance(timedelta(seconds=1))
    assert limiter.allow("officer:b", "client:x") is not None  # another, same client
    assert limiter.allow("officer:d", "client:x") is None  # client x: 2 failures
    assert limiter.allow("officer:a", "client:y") is not None  # officer a's second
    assert limiter.allow("officer:a", "client:z") is None  # officer a: 2 failures


# -- the second factor on a confirmation ------------------------------------------------


def test_an_officer_with_totp_gives_a_code_to_confirm(drill: Any, clock: Clock) -> None:
    secret = new_secret()
    _list_console(drill)
    _passwords(drill, totp=secret)
    launched = launched_campaign(drill)
    with _client(launched) as client:
        found = CSRF.search(client.get("/login").text)
        assert found
        data = {
            "officer": "lee",
            "password": PASSWORDS["lee"],
            "code": code_at(secret, clock.now),
            "csrf": found.group(1),
        }
        assert client.post("/login", data=data, follow_redirects=False).status_code == 303
        page = client.get(PAGE).text
        assert 'name="code"' in page and "Authenticator code" in page
        form = {"reason": "Wrong car.", "password": PASSWORDS["lee"], "csrf": csrf_of(client)}
        missing = client.post(f"{PAGE}/cancel", data=form)
        assert missing.status_code == 401 and "authenticator code" in missing.text
        assert 'value="Wrong car."' in missing.text
        clock.advance(timedelta(seconds=30))
        done = client.post(f"{PAGE}/cancel", data={**form, "code": code_at(secret, clock.now)})
    assert done.status_code == 200, done.text
    assert launched.record().state == "cancelled"


def test_a_console_without_its_key_refuses_an_update_and_keeps_the_notes(drill: Any) -> None:
    _passwords(drill)
    launched = launched_campaign(drill)
    assert not console_key_path(drill.agencies_path).exists()
    with _client(launched) as client:
        assert sign_in(client, "roy") == 303
        assert "cannot sign approvals or updates" in client.get(PAGE).text
        refused = client.post(
            f"{PAGE}/update",
            data={**NOTES, "password": PASSWORDS["roy"], "csrf": csrf_of(client)},
        )
    assert refused.status_code == 409
    assert "this console cannot post an update without its signing key" in refused.text
    assert ">Seen near Union Station at 9:40.</textarea>" in refused.text
    assert [p for p in launched.sandbox_posts() if p["in_reply_to"]] == []
