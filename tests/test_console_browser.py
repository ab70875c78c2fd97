"""The console in a real browser: headless Chromium (Debian's package) driven by Playwright
signs in and opens a campaign page; the photo loads and the policy blocks nothing the page
needs. A screenshot is left under /tmp to look at (never in the repository)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures_workspace import Workspace
from officer_helpers import signer

from broadcaster.authoring.approval import approve
from broadcaster.authoring.officers import load_officers_beside, set_password
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.console.app import create_app
from broadcaster.storage.db import open_db

pytestmark = pytest.mark.slow
PASSWORD = "lee-console-password"
SHOTS = Path("/tmp/broadcaster-console-shots")


def chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is missing: install Debian's chromium package (make test does).")
    pytest.skip("chromium is not installed (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(workspace: Workspace) -> Iterator[str]:
    import uvicorn

    settings = workspace.settings()
    set_password(load_officers_beside(workspace.agencies_path), "lee", PASSWORD)
    engine = open_db(settings.db_url)
    prepared = prepare_campaign(workspace.campaign, settings, check_credentials=False)
    approve(engine, prepared, signer(workspace.folder, "lee"))
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, engine), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):  # until it listens (it starts in well under a second)
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "the console did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    engine.dispose()


def test_sign_in_and_look_at_a_campaign(served: str) -> None:
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    problems: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        page.on("console", lambda message: problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(f"{served}/campaigns/example")
        assert page.url == f"{served}/login"  # signed out: to the sign-in page
        page.fill("input[name=officer]", "lee")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{served}/")
        assert page.locator("td a", has_text="example").count() == 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "campaigns.png"), full_page=True)
        page.click("td a")
        page.wait_for_url(f"{served}/campaigns/example")
        assert page.locator("article.post").count() == 4
        assert "Sgt. Dana Lee (lee, tps)" in page.inner_text(".approvals")
        widths = page.eval_on_selector_all("figure img", "imgs => imgs.map(i => i.naturalWidth)")
        assert widths and all(w > 0 for w in widths), "the photo did not load"
        page.screenshot(path=str(SHOTS / "campaign.png"), full_page=True)
        browser.close()
    assert not problems, problems  # no CSP violation, no error
