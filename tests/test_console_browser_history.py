"""A campaign's life in the console, in headless Chromium: the page before the launch,
after it, and resolved after two mid-case updates (the first with a new photo); the launch
board drawn by its script with every post under its heading; the campaign list. Nothing the
pages need is blocked by their policy. Screenshots go to $CONSOLE_SHOTS (or under /tmp)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from lifecycle_helpers import prepare_and_approve
from officer_helpers import signer
from test_console_browser import SHOTS
from test_console_browser_pages import browser_page, passwords, serving, sign_in

from broadcaster.authoring.officers import console_key_path, ensure_console_key
from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.campaign.lifecycle import resolve
from broadcaster.campaign.updates import post_update
from broadcaster.console.app import create_app
from broadcaster.launch.run import launch
from broadcaster.timeutil import utcnow

pytestmark = pytest.mark.slow
PAGE = "/campaigns/drill-2026-0001"


def test_a_campaign_from_draft_to_resolved_in_a_browser(drill: Any) -> None:
    shots = Path(os.environ.get("CONSOLE_SHOTS") or SHOTS)
    shots.mkdir(parents=True, exist_ok=True)
    public, _ = ensure_console_key(console_key_path(drill.agencies_path))
    passwords(drill.agencies_path)
    ready = prepare_and_approve(drill, expires_at=utcnow() + timedelta(days=2))
    app = create_app(ready.settings, ready.engine)
    app.state.live_poll = 0.05
    problems: list[str] = []
    with serving(app) as base, browser_page(problems) as page:
        sign_in(page, base, "lee")
        page.goto(f"{base}{PAGE}")
        assert page.inner_text("#state").startswith("Draft")
        assert page.locator("form[action$='/resolve'], form[action$='/update']").count() == 0
        # The console's key is not listed yet: the page shows the lines an admin adds.
        assert "[console.centre]\nkey = " in page.inner_text("#setup pre")
        page.screenshot(path=str(shots / "campaign-draft.png"), full_page=True)
        officers_file = drill.folder / "officers.toml"
        text = officers_file.read_text(encoding="utf-8")
        listed = f'{text}\n[console.centre]\nkey = "{public}"\n'
        officers_file.write_text(listed, encoding="utf-8")
        page.goto(f"{base}{PAGE}")
        assert page.locator("#setup").count() == 0

        launch(ready.settings, ready.path, operator="lee", engine=ready.engine)
        page.goto(f"{base}{PAGE}")
        assert page.inner_text("#state").startswith("Launched")
        assert page.locator("#posted a[href^=http]").count() == len(ready.rows())
        page.screenshot(path=str(shots / "campaign-launched.png"), full_page=True)
        page.goto(f"{base}/")
        assert page.inner_text("td time").endswith(" UTC")
        page.screenshot(path=str(shots / "campaigns.png"), full_page=True)

        photo = drill.folder / "new-photo.jpg"
        photo.write_bytes(photo_jpeg(seed=7))
        for notes, photo_path in (
            (["Seen near Union Station.", "fr:Vu près de la gare Union."], photo),
            (["A reward is offered.", "fr:Une récompense est offerte."], None),
        ):
            post_update(
                ready.settings,
                ready.path,
                notes,
                signer=signer(drill.folder, "roy"),
                photo_path=photo_path,
                engine=ready.engine,
            )
        page.goto(f"{base}{PAGE}")
        assert "Up now: the new photo of update 1" in page.inner_text("#photo")
        page.screenshot(path=str(shots / "campaign-updated.png"), full_page=True)

        resolve(ready.settings, ready.path, "arrested", operator="lee", engine=ready.engine)
        page.goto(f"{base}{PAGE}")
        assert page.inner_text("#state").startswith("Resolved (arrested)")
        assert page.locator("form.confirm").count() == 0
        assert page.locator("#updates article.update").count() == 2
        page.screenshot(path=str(shots / "campaign-resolved.png"), full_page=True)

        page.goto(f"{base}{PAGE}/live")
        # Drawn again by the script from the stream's one event, then settled.
        page.locator("#board-live", has_text="settled").wait_for(timeout=20_000)
        headings = page.locator("#board-rows tr.group").all_inner_texts()
        assert headings == ["The alert", "Update 1", "Update 2", "The resolve update (arrested)"]
        assert page.locator("#board-rows tr[class^=post-]").count() == len(ready.rows())
        page.screenshot(path=str(shots / "live-board.png"), full_page=True)
    ready.engine.dispose()
    assert not problems, problems
