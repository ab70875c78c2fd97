"""A mid-case update from the console: the password again, the approver role, the CSRF
token, then the same `post_update` as the CLI, signed by the console for the officer."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lifecycle_helpers import Launched, launched_campaign
from sqlmodel import Session, select
from starlette.testclient import TestClient

from broadcaster.authoring.officers import (
    console_key_path,
    ensure_console_key,
    load_officers_beside,
    set_password,
)
from broadcaster.campaign.updates import check_update
from broadcaster.console.app import create_app
from broadcaster.storage.models import AuditEntry, CaseUpdate

PASSWORDS = {"lee": "lee-console-password", "roy": "roy-console-password"}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
PAGE = "/campaigns/drill-2026-0001"
NOTES = {"note_en": "Seen near Union Station at 9:40.", "note_fr": "Vu près de la gare Union."}
ALTS = {
    "alt_en": "Man in a grey hooded jacket at a bank counter.",
    "alt_fr": "Homme en veste grise à capuche au comptoir d'une banque.",
}


@pytest.fixture
def launched(drill: Any) -> Launched:
    public, _ = ensure_console_key(console_key_path(drill.agencies_path))
    officers_file = drill.folder / "officers.toml"
    text = officers_file.read_text(encoding="utf-8")
    officers_file.write_text(f'{text}\n[console.centre]\nkey = "{public}"\n', encoding="utf-8")
    officers = load_officers_beside(drill.agencies_path)
    for officer_id, password in PASSWORDS.items():
        set_password(officers, officer_id, password)
    return launched_campaign(drill)


@pytest.fixture
def client(launched: Launched) -> Iterator[TestClient]:
    app = create_app(launched.settings, launched.engine, secret="t")
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def sign_in(client: TestClient, officer: str = "lee") -> None:
    found = CSRF.search(client.get("/login").text)
    assert found
    data = {"officer": officer, "password": PASSWORDS[officer], "csrf": found.group(1)}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303


def csrf_of(client: TestClient) -> str:
    found = CSRF.search(client.get(PAGE).text)
    assert found
    return found.group(1)


def replies(launched: Launched) -> list[dict[str, Any]]:
    return [p for p in launched.sandbox_posts() if p["in_reply_to"]]


def test_an_approver_posts_an_update_from_the_campaign_page(
    client: TestClient, launched: Launched
) -> None:
    sign_in(client, "roy")
    page = client.get(PAGE).text
    assert f'action="{PAGE}/update"' in page and 'name="note_fr"' in page
    response = client.post(
        f"{PAGE}/update", data={**NOTES, "password": PASSWORDS["roy"], "csrf": csrf_of(client)}
    )
    assert response.status_code == 200, response.text
    assert "update 1 of drill-2026-0001: 5 replies posted; signed by roy." in response.text
    assert len(replies(launched)) == 5
    with Session(launched.engine) as session:
        (row,) = session.exec(select(CaseUpdate)).all()
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "update")).one()
    assert row.officer == "roy" and json.loads(row.statement)["via"] == "console:centre"
    assert check_update(row, load_officers_beside(launched.drill.agencies_path)) is None
    assert entry.operator == "roy" and json.loads(entry.detail)["via"] == "console:centre"


def test_a_wrong_password_no_csrf_or_a_missing_language_posts_nothing(
    client: TestClient, launched: Launched
) -> None:
    sign_in(client)
    wrong = client.post(
        f"{PAGE}/update", data={**NOTES, "password": "nope", "csrf": csrf_of(client)}
    )
    assert wrong.status_code == 401 and "Wrong password; nothing was done." in wrong.text
    forged = client.post(f"{PAGE}/update", data={**NOTES, "password": PASSWORDS["lee"]})
    assert forged.status_code == 403
    missing = client.post(
        f"{PAGE}/update",
        data={"note_en": NOTES["note_en"], "password": PASSWORDS["lee"], "csrf": csrf_of(client)},
    )
    assert missing.status_code == 409 and "--note fr:TEXT is missing" in missing.text
    assert replies(launched) == []


def test_an_officer_without_the_approver_role_is_refused(
    client: TestClient, launched: Launched
) -> None:
    officers_file = launched.drill.folder / "officers.toml"
    officers_file.write_text(
        officers_file.read_text(encoding="utf-8").replace(
            'roles = ["approver", "launcher"]', 'roles = ["launcher"]', 1
        ),
        encoding="utf-8",
    )
    sign_in(client)
    assert f'action="{PAGE}/update"' not in client.get(PAGE).text
    refused = client.post(
        f"{PAGE}/update", data={**NOTES, "password": PASSWORDS["lee"], "csrf": csrf_of(client)}
    )
    assert refused.status_code == 403
    assert "This page needs the approver role." in refused.text
    assert replies(launched) == []


def test_an_update_with_a_new_photo_from_the_console(
    client: TestClient, launched: Launched
) -> None:
    from broadcaster.authoring.scaffold import photo_jpeg

    sign_in(client, "roy")
    page = client.get(PAGE).text
    assert 'type="file" name="photo"' in page
    assert 'name="alt_en"' in page and 'name="alt_fr"' in page  # one per language
    data = {**NOTES, **ALTS, "password": PASSWORDS["roy"], "csrf": csrf_of(client)}
    photo = photo_jpeg(seed=11)
    files = {"photo": ("new suspect photo.jpg", photo, "image/jpeg")}
    response = client.post(f"{PAGE}/update", data=data, files=files)
    assert response.status_code == 200, response.text
    posted = replies(launched)
    assert len(posted) == 5 and all(p["media_ids"] for p in posted)
    store = launched.drill.server.store
    for post in posted:  # each reply's photo, described in its agency's language
        french = "Vu près" in post["text"]
        expected = ALTS["alt_fr"] if french else ALTS["alt_en"]
        assert [store.media[m].alt_text for m in post["media_ids"]] == [expected]
    with Session(launched.engine) as session:
        (row,) = session.exec(select(CaseUpdate)).all()
    assert json.loads(row.photo_alt or "") == {"en": ALTS["alt_en"], "fr": ALTS["alt_fr"]}
    assert check_update(row, load_officers_beside(launched.drill.agencies_path)) is None
    kept = launched.path.parent / "media" / "updates"
    (saved,) = kept.iterdir()
    assert saved.read_bytes() == photo  # kept with the case, as the alert's own photo is
    assert saved.name.startswith(hashlib.sha256(photo).hexdigest()[:32])
    assert row.photo_sha256 and Path(str(row.photo_path)).resolve() == saved.resolve()
    originals = launched.rows("original")
    assert originals and all(r.state == "deleted" for r in originals)
    # The campaign page shows the new photo described by its own alt text, not a placeholder.
    shown = client.get(PAGE).text
    number = f"updates/{row.number}/photo"
    assert f'{number}" alt="{ALTS["alt_en"]}"' in shown.replace("&#39;", "'")

    # The same form again (after a failure, say) completes update 1; it starts no update 2.
    again = client.post(f"{PAGE}/update", data={**data, "csrf": csrf_of(client)}, files=files)
    assert again.status_code == 200, again.text
    assert len(replies(launched)) == 5
    with Session(launched.engine) as session:
        assert len(session.exec(select(CaseUpdate)).all()) == 1


def test_a_new_photo_without_an_alt_text_in_every_language_posts_nothing(
    client: TestClient, launched: Launched
) -> None:
    from broadcaster.authoring.scaffold import photo_jpeg

    sign_in(client, "roy")
    files = {"photo": ("new suspect photo.jpg", photo_jpeg(seed=11), "image/jpeg")}
    data = {**NOTES, "alt_en": ALTS["alt_en"], "password": PASSWORDS["roy"]}
    response = client.post(f"{PAGE}/update", data={**data, "csrf": csrf_of(client)}, files=files)
    assert response.status_code == 409, response.text
    assert "--alt fr:TEXT is missing: agencies" in response.text
    assert "post the new photo in fr" in response.text
    # What the officer typed is put back in the form, the password not.
    assert f">{ALTS['alt_en']}</textarea>" in response.text
    assert PASSWORDS["roy"] not in response.text
    alone = client.post(
        f"{PAGE}/update", data={**data, "csrf": csrf_of(client)}
    )  # alt text, no photo
    assert alone.status_code == 409
    assert "--alt describes an update&#39;s new photo" in alone.text
    assert replies(launched) == []
    with Session(launched.engine) as session:
        assert session.exec(select(CaseUpdate)).all() == []


def test_an_upload_that_is_not_a_photo_posts_nothing(
    client: TestClient, launched: Launched
) -> None:
    sign_in(client, "roy")
    data = {**NOTES, **ALTS, "password": PASSWORDS["roy"], "csrf": csrf_of(client)}
    files = {"photo": ("notes.pdf", b"%PDF-1.4 not an image", "application/pdf")}
    response = client.post(f"{PAGE}/update", data=data, files=files)
    assert response.status_code == 409
    assert "&#39;notes.pdf&#39; is not a photo the console can read" in response.text
    assert replies(launched) == []
    assert not (launched.path.parent / "media" / "updates").exists()
