"""The console on the worst day of a case: every action unmistakable. Resolving and
cancelling are two separate acts under their own headings; the update boxes are several
lines high and name their language; a console that cannot sign offers no form it would
refuse; reply and post ids are shown whole, copyable; the console's report points to the
tips page's button; the font stack falls back to an emoji font."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fixtures_responses import add_reply
from fixtures_workspace import Workspace
from lifecycle_helpers import Launched, launched_campaign
from starlette.testclient import TestClient

from broadcaster.authoring.approval import upsert_campaign
from broadcaster.authoring.officers import (
    console_key_path,
    ensure_console_key,
    load_officers_beside,
    set_password,
)
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.console.app import create_app
from broadcaster.storage.db import open_db, session_scope

PASSWORDS = {"lee": "lee-console-password", "roy": "roy-console-password"}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
PAGE = "/campaigns/drill-2026-0001"
NOTES = {"note_en": "Seen near Union Station at 9:40.", "note_fr": "Vu près de la gare Union."}
AT = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def _passwords(agencies_path: Any) -> None:
    officers = load_officers_beside(agencies_path)
    for officer_id, password in PASSWORDS.items():
        set_password(officers, officer_id, password)


def _list_console(folder: Any, agencies_path: Any) -> None:
    public, _ = ensure_console_key(console_key_path(agencies_path))
    officers_file = folder / "officers.toml"
    text = officers_file.read_text(encoding="utf-8")
    officers_file.write_text(f'{text}\n[console.centre]\nkey = "{public}"\n', encoding="utf-8")


def sign_in(client: TestClient, officer: str) -> None:
    found = CSRF.search(client.get("/login").text)
    assert found
    data = {"officer": officer, "password": PASSWORDS[officer], "csrf": found.group(1)}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303


def csrf_of(client: TestClient, page: str = PAGE) -> str:
    found = CSRF.search(client.get(page).text)
    assert found
    return found.group(1)


def section(page: str, section_id: str) -> str:
    """The HTML of `<section id=...>`, up to its end (sections are not nested)."""
    start = page.index(f'id="{section_id}"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def launched(drill: Any) -> Launched:
    _list_console(drill.folder, drill.agencies_path)
    _passwords(drill.agencies_path)
    return launched_campaign(drill)


@pytest.fixture
def client(launched: Launched) -> Iterator[TestClient]:
    app = create_app(launched.settings, launched.engine, secret="t")
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


# -- 1. resolving and cancelling are two acts --------------------------------------------


def test_resolve_and_cancel_each_have_their_own_heading(client: TestClient) -> None:
    sign_in(client, "lee")
    page = client.get(PAGE).text
    assert "Both post from every agency" not in page
    resolving = section(page, "resolve")
    cancelling = section(page, "cancel")
    assert "<h2>Resolve the case</h2>" in resolving
    # A wanted campaign: the outcomes that fit it, none preselected.
    assert 'value="arrested"' in resolving and 'value="withdrawn"' in resolving
    assert 'value="found"' not in resolving and " selected" not in resolving
    assert f'action="{PAGE}/resolve"' in resolving and f'action="{PAGE}/cancel"' not in resolving
    assert "<h2>Cancel the alert: it was sent in error</h2>" in cancelling
    assert "correction" in cancelling
    assert f'action="{PAGE}/cancel"' in cancelling and f'action="{PAGE}/resolve"' not in cancelling
    # The forms keep their fields: the tests of test_console_close post to them.
    assert 'name="outcome"' in resolving and 'name="keep_originals"' in resolving
    assert 'name="reason"' in cancelling and 'class="danger"' in cancelling
    assert page.index('id="resolve"') < page.index('id="cancel"')


def test_before_the_launch_no_form_to_end_it_but_the_next_step(
    workspace: Workspace,
) -> None:
    settings = workspace.settings()
    _passwords(workspace.agencies_path)
    engine = open_db(settings.db_url)
    prepared = prepare_campaign(workspace.campaign, settings, check_credentials=False)
    with session_scope(engine) as session:
        upsert_campaign(session, prepared.campaign, prepared.path)
    with TestClient(create_app(settings, engine, secret="t"), base_url="http://127.0.0.1") as c:
        sign_in(c, "lee")
        page = c.get("/campaigns/example").text
    engine.dispose()
    assert 'id="resolve"' not in page and 'id="cancel"' not in page
    assert 'action="/campaigns/example/cancel"' not in page
    step = page[page.index('id="next-step"') :].split("</div>")[0].replace("</span> <span>", " ")
    assert "It needs 1 more approval (0 of 1)" in step
    assert "<span>broadcaster launch campaigns/example.toml</span>" in step


# -- 2. the update boxes ------------------------------------------------------------------


def test_the_update_boxes_are_several_lines_and_name_their_language(client: TestClient) -> None:
    sign_in(client, "roy")
    updating = section(client.get(PAGE).text, "update")
    for language, name in (("en", "English"), ("fr", "French")):
        box = re.search(rf'<textarea name="note_{language}"[^>]*>', updating)
        assert box, language
        rows = re.search(r'rows="(\d+)"', box.group(0))
        assert rows and int(rows.group(1)) >= 4, box.group(0)
        assert f"The update in {name} ({language})" in updating


def test_the_update_boxes_are_styled_wide() -> None:
    from broadcaster.console.app import HERE

    css = (HERE / "static" / "console.css").read_text(encoding="utf-8")
    rule = re.search(r"^textarea \{([^}]*)\}", css, re.M)
    assert rule and "width: 100%" in rule.group(1) and "min-height" in rule.group(1)


# -- 3. no form the console would refuse --------------------------------------------------


def test_an_unlisted_console_offers_no_update_form_but_says_what_to_do(drill: Any) -> None:
    _passwords(drill.agencies_path)
    ensure_console_key(console_key_path(drill.agencies_path))  # made, not listed
    ready = launched_campaign(drill)
    app = create_app(ready.settings, ready.engine, secret="t")
    with TestClient(app, base_url="http://127.0.0.1") as c:
        sign_in(c, "roy")
        page = c.get(PAGE).text
    updating = section(page, "update")
    assert f'action="{PAGE}/update"' not in page
    assert "<textarea" not in updating
    assert "cannot sign approvals or updates for its officers yet" in updating
    assert 'an admin adds these lines to it: see <a href="#setup">Setup</a>' in updating
    assert "<pre>[console.centre]\nkey = &#34;ssh-ed25519 " in page  # once, at the top
    # What works meanwhile: the command line, with the officer's own key.
    shown = updating.split('<code class="command">')[1].split("</code>")[0]
    command = html.unescape(re.sub(r"<[^>]+>", "", shown))
    assert command == (
        'broadcaster update drill-2026-0001 --note "TEXT" --note "fr:TEXT" --key YOUR_KEY'
    )


def test_an_unlisted_console_offers_no_approve_form(workspace: Workspace) -> None:
    settings = workspace.settings()
    _passwords(workspace.agencies_path)
    ensure_console_key(console_key_path(workspace.agencies_path))
    engine = open_db(settings.db_url)
    prepared = prepare_campaign(workspace.campaign, settings, check_credentials=False)
    with session_scope(engine) as session:
        upsert_campaign(session, prepared.campaign, prepared.path)
    with TestClient(create_app(settings, engine, secret="t"), base_url="http://127.0.0.1") as c:
        sign_in(c, "roy")
        page = c.get("/campaigns/example").text
    engine.dispose()
    approving = section(page, "approvals")
    assert 'action="/campaigns/example/approve"' not in page
    assert "cannot sign approvals or updates for its officers yet" in approving
    assert "<span>broadcaster</span> <span>approve</span>" in approving


def test_a_listed_console_offers_the_forms(client: TestClient) -> None:
    sign_in(client, "roy")
    page = client.get(PAGE).text
    assert f'action="{PAGE}/update"' in page
    assert "cannot sign" not in page


# -- 4. the tips page shows each reply's id ----------------------------------------------


@pytest.fixture
def tips_client(workspace: Workspace) -> Iterator[TestClient]:
    settings = workspace.settings()
    _passwords(workspace.agencies_path)
    engine = open_db(settings.db_url)
    prepared = prepare_campaign(workspace.campaign, settings, check_credentials=False)
    with session_scope(engine) as session:
        upsert_campaign(session, prepared.campaign, prepared.path)
    add_reply(
        engine,
        "example",
        None,
        "1862345678901234567",
        "Saw him 👀 at King St",
        label="tip",
        created_at=AT,
        reasons=("a place",),
    )
    add_reply(
        engine, "example", None, "r-<b>odd</b>", "Any reward?", label="question", created_at=AT
    )
    with TestClient(create_app(settings, engine, secret="t"), base_url="http://127.0.0.1") as c:
        sign_in(c, "lee")
        yield c
    engine.dispose()


def test_the_tips_page_shows_each_reply_id_to_copy(tips_client: TestClient) -> None:
    page = tips_client.get("/campaigns/example/tips").text
    assert '<code class="id">1862345678901234567</code>' in page
    assert '<code class="id">r-&lt;b&gt;odd&lt;/b&gt;</code>' in page  # a stranger's id: text
    assert "<span>--followed-up</span> <span>ID</span>" in page
    assert "<span>--relabel</span> <span>ID</span>" in page


def test_the_console_report_points_to_the_followed_up_button(tips_client: TestClient) -> None:
    page = tips_client.get("/campaigns/example/report").text
    assert "Mark one handled with <code>" not in page
    button = page.index('<a href="/campaigns/example/tips">')
    assert "Followed up" in page[button : button + 200]
    cli = page.index("--followed-up ID")
    assert button < cli  # the command line stays, second


# -- 6. links and ids unbroken -------------------------------------------------------------


def test_posts_show_a_short_link_and_their_whole_id(client: TestClient, launched: Launched) -> None:
    sign_in(client, "roy")
    updated = client.post(
        f"{PAGE}/update", data={**NOTES, "password": PASSWORDS["roy"], "csrf": csrf_of(client)}
    ).text
    posts = [p for p in launched.rows() if p.url]
    assert len(posts) >= 10  # the alert and update 1
    for reply in launched.rows("update"):
        assert f'<code class="id">{reply.remote_id}</code>' in updated
    assert updated.count(">reply ↗</a>") == len(launched.rows("update")) == 5
    for where in (PAGE, f"{PAGE}/live"):
        page = client.get(where).text
        for post in posts:
            assert f'href="{post.url}"' in page, where
            assert f">{post.url}</a>" not in page, where  # the label is short...
            assert f'<code class="id">{post.remote_id}</code>' in page, where  # ...the id whole
        assert page.count(">post ↗</a>") == len(posts), where


def test_no_link_may_break_anywhere() -> None:
    from broadcaster.console.app import HERE

    css = (HERE / "static" / "console.css").read_text(encoding="utf-8")
    assert "td a { overflow-wrap: anywhere" not in css
    rule = re.search(r"^code\.id \{([^}]*)\}", css, re.M)
    assert rule and "white-space: nowrap" in rule.group(1)


# -- 7. emoji ----------------------------------------------------------------------------


def test_the_font_stack_falls_back_to_an_emoji_font(client: TestClient) -> None:
    css = client.get("/static/console.css").text
    body = re.search(r"body \{[^}]*font: ([^;]*);", css)
    assert body
    for emoji in ('"Noto Color Emoji"', '"Apple Color Emoji"', '"Segoe UI Emoji"'):
        assert emoji in body.group(1)


def test_the_resolve_result_shows_short_links_and_ids(
    client: TestClient, launched: Launched
) -> None:
    sign_in(client, "lee")
    data = {"outcome": "arrested", "password": PASSWORDS["lee"], "csrf": csrf_of(client)}
    closed = client.post(f"{PAGE}/resolve", data=data).text
    resolves = [p for p in launched.rows() if p.kind == "update" and p.url]
    assert resolves and closed.count(">post ↗</a>") == len(resolves)
    for post in resolves:
        assert f'<code class="id">{post.remote_id}</code>' in closed
        assert f">{post.url}</a>" not in closed
