"""The console's other pages in headless Chromium (Debian's package, through Playwright):
approve with the password, the tips inbox with a hostile reply and a relabel, the reach
report, and the launch board going live on the X sandbox. Each page's policy must block
nothing it needs (no console error, no CSP report). Screenshots go under /tmp."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from fixtures_launch import FAST, approved_campaign
from fixtures_responses import LAUNCH, SeedAgency, add_reply, add_snapshot, seed_campaign
from fixtures_sandbox import Drill
from fixtures_workspace import Workspace
from officer_helpers import signer
from sqlalchemy import update
from test_console_browser import SHOTS, _free_port, chromium

from broadcaster.authoring.approval import approve
from broadcaster.authoring.officers import (
    console_key_path,
    ensure_console_key,
    load_officers_beside,
    set_password,
)
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.console.app import create_app
from broadcaster.launch.run import launch
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Reply

pytestmark = pytest.mark.slow
PASSWORDS = {"lee": "lee-console-password", "roy": "roy-console-password"}
HOSTILE = "<script>alert('x')</script>I saw him \u202etxt.exe\u202c at Kin\u200bg St"


@contextmanager
def serving(app: Any) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "the console did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def browser_page(problems: list[str]) -> Iterator[Any]:
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1200})
        page.on("console", lambda message: problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        try:
            yield page
        finally:
            browser.close()


def sign_in(page: Any, base: str, officer: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=officer]", officer)
    page.fill("input[name=password]", PASSWORDS[officer])
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def passwords(agencies_path: Any) -> None:
    officers = load_officers_beside(agencies_path)
    for officer_id, password in PASSWORDS.items():
        set_password(officers, officer_id, password)


def test_approve_tips_and_report_in_a_browser(workspace: Workspace) -> None:
    settings = workspace.settings()
    public, _ = ensure_console_key(console_key_path(workspace.agencies_path))
    officers_file = workspace.folder / "officers.toml"
    text = officers_file.read_text(encoding="utf-8")
    officers_file.write_text(f'{text}\n[console.centre]\nkey = "{public}"\n', encoding="utf-8")
    passwords(workspace.agencies_path)
    engine = open_db(settings.db_url)
    prepared = prepare_campaign(workspace.campaign, settings, check_credentials=False)
    approve(engine, prepared, signer(workspace.folder, "lee"))
    ids = seed_campaign(engine, "drill-report", agencies=[SeedAgency("tps", "@TPS", 5000, 0)])
    for hour in (1, 2, 3):
        add_snapshot(
            engine,
            "drill-report",
            ids["tps"],
            LAUNCH + timedelta(hours=hour),
            impressions=900 * hour * hour,
            reposts=3 * hour,
        )
    add_reply(
        engine,
        "example",
        None,
        "r-tip",
        HOSTILE,
        label="tip",
        created_at=LAUNCH,
        reasons=("a place and a time",),
    )
    for n in range(12):
        add_reply(
            engine,
            "example",
            None,
            f"r-flood-{n}",
            f"FOLLOW @kpopstan {n}",
            label="spam",
            created_at=LAUNCH,
            flood_key="kpop",
        )
    replies = Reply.__table__  # type: ignore[attr-defined]
    with engine.begin() as connection:  # triage gives a flood's members its cluster too
        connection.execute(update(replies).values(flood_cluster=replies.c.flood_key))
    problems: list[str] = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(create_app(settings, engine)) as base, browser_page(problems) as page:
        sign_in(page, base, "roy")
        page.goto(f"{base}/campaigns/example")
        page.fill("form.confirm input[name=password] >> nth=0", PASSWORDS["roy"])
        page.click("form[action$='/approve'] button")
        page.wait_for_url(f"{base}/campaigns/example#approvals")
        assert "Insp. Sam Roy (roy, tps)" in page.inner_text(".approvals")
        page.screenshot(path=str(SHOTS / "approved.png"), full_page=True)

        page.goto(f"{base}/campaigns/example/tips")
        assert page.locator("text=flood of 12 replies").count() == 1
        shown = page.inner_text("table.tips")
        assert "<script>alert('x')</script>I saw him txt.exe at King St" in shown
        page.screenshot(path=str(SHOTS / "tips.png"), full_page=True)
        flood_row = page.locator("tr.flood")
        flood_row.locator("select[name=label]").select_option("abuse")
        with page.expect_navigation():
            flood_row.locator("button", has_text="Relabel all 12").click()
        assert "relabelled abuse by officer roy" in page.inner_text("table.tips")

        page.goto(f"{base}/campaigns/drill-report/report")
        assert page.locator("svg").count() >= 1
        page.screenshot(path=str(SHOTS / "report.png"), full_page=True)
    engine.dispose()
    assert not problems, problems


@pytest.fixture
def drill(drill_factory: Callable[..., Drill]) -> Drill:
    made = drill_factory(4, languages=("en",))
    made.server.suspend(made.registry.get(made.keys[3]).handle)
    return made


def test_the_launch_board_goes_live_in_a_browser(drill: Drill) -> None:
    passwords(drill.agencies_path)
    path = approved_campaign(drill)
    engine = open_db(drill.settings.db_url)
    app = create_app(drill.settings, engine)
    app.state.live_poll = 0.05
    problems: list[str] = []
    with serving(app) as base, browser_page(problems) as page:
        sign_in(page, base, "lee")
        page.goto(f"{base}/campaigns/drill-1/live")
        assert "Nothing planned yet" in page.inner_text("#board-rows")
        worker = threading.Thread(
            target=launch,
            args=(drill.settings, path),
            kwargs={"operator": "lee", "policy": FAST, "engine": engine},
        )
        worker.start()
        worker.join(timeout=60)
        # Drawn by the script from the events, without reloading the page.
        # (A locator, not wait_for_function: the page's policy refuses eval, as it should.)
        page.locator("#board-live", has_text="settled").wait_for(timeout=20_000)
        rows = page.locator("#board-rows tr[class^=post-]")
        assert rows.count() == 4
        assert page.inner_text("#board-rows tr.group") == "The alert"
        assert page.locator("#board-rows tr.post-posted a").count() == 3
        assert "suspended" in page.inner_text("#board-rows tr.post-failed")
        assert page.inner_text("#board-state") == "partial"
        assert page.inner_text("#board-spread").endswith(" ms")
        page.screenshot(path=str(SHOTS / "live.png"), full_page=True)
    engine.dispose()
    assert not problems, problems
