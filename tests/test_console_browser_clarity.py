"""The console's pages as an officer reads them, in headless Chromium at 1280 and 800 px:
the campaign page after a launch and an update (resolve and cancel apart, the update boxes
several lines high), the tips page with reply ids and emoji, and the launch board drawn by
its script. No post link or id wraps inside itself, at either width; nothing the pages
need is blocked by their policy. Screenshots go to $CONSOLE_SHOTS (or under /tmp)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fixtures_responses import add_reply
from lifecycle_helpers import launched_campaign
from officer_helpers import signer
from test_console_browser import SHOTS
from test_console_browser_pages import browser_page, passwords, serving, sign_in

from broadcaster.authoring.officers import console_key_path, ensure_console_key
from broadcaster.campaign.updates import post_update
from broadcaster.console.app import create_app

pytestmark = pytest.mark.slow
PAGE = "/campaigns/drill-2026-0001"
AT = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
ONE_LINE = 26  # px: an id or a link drawn on one line is ~17 px high, two lines over 30
WIDTHS = (1280, 800)


def unbroken(page: Any, selector: str) -> int:
    """How many elements match; each must be drawn on a single line."""
    found = page.query_selector_all(selector)
    for element in found:
        box = element.bounding_box()
        assert box is not None and box["height"] < ONE_LINE, (selector, element.inner_text(), box)
    return len(found)


def test_the_pages_read_clearly_at_two_widths(drill: Any) -> None:
    shots = Path(os.environ.get("CONSOLE_SHOTS") or SHOTS)
    shots.mkdir(parents=True, exist_ok=True)
    public, _ = ensure_console_key(console_key_path(drill.agencies_path))
    officers_file = drill.folder / "officers.toml"
    text = officers_file.read_text(encoding="utf-8")
    officers_file.write_text(f'{text}\n[console.centre]\nkey = "{public}"\n', encoding="utf-8")
    passwords(drill.agencies_path)
    launched = launched_campaign(drill)
    report = post_update(
        launched.settings,
        launched.path,
        ["Seen near Union Station at 9:40, wearing a red jacket.", "fr:Vu près de la gare Union."],
        signer=signer(drill.folder, "roy"),
        engine=launched.engine,
    )
    assert report.complete, report.as_dict()
    for n, (words, label) in enumerate(
        (
            ("I saw him 👀 at the King St 🚇 station around 9:30, red jacket 🧥", "tip"),
            ("Is there a reward? 🙏", "question"),
            ("Praying for the family ❤️🙏", "support"),
        )
    ):
        add_reply(
            launched.engine,
            launched.campaign_id,
            None,
            f"18623456789012345{n:02d}",
            words,
            label=label,
            created_at=AT,
            reasons=("a place and a time",) if label == "tip" else ("test",),
        )
    app = create_app(launched.settings, launched.engine)
    app.state.live_poll = 0.05
    posts = len([p for p in launched.rows() if p.url])
    problems: list[str] = []
    with serving(app) as base, browser_page(problems) as page:
        sign_in(page, base, "lee")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 1000})
            page.goto(f"{base}{PAGE}")
            assert page.locator("#resolve h2").inner_text() == "Resolve the case"
            assert "sent in error" in page.locator("#cancel h2").inner_text()
            box = page.locator("textarea[name=note_en]").bounding_box()
            assert box is not None and box["height"] > 90  # five lines, not one
            assert unbroken(page, "#posted code.id") == posts
            assert unbroken(page, "#posted a.post-link") == posts
            page.screenshot(path=str(shots / f"campaign-{width}.png"), full_page=True)

            page.goto(f"{base}{PAGE}/tips")
            assert unbroken(page, "table.tips code.id") == 3
            assert "1862345678901234500" in page.inner_text("table.tips")
            page.screenshot(path=str(shots / f"tips-{width}.png"), full_page=True)

            page.goto(f"{base}{PAGE}/live")
            # Drawn again by the script from the events, which end once the board settles
            # (the page itself is already "settled": wait for the stream, not the words).
            page.wait_for_load_state("networkidle")
            assert page.inner_text("#board-rows td >> nth=1").endswith(")")  # the script's
            assert unbroken(page, "#board-rows code.id") == posts
            assert unbroken(page, "#board-rows a.post-link") == posts
            page.screenshot(path=str(shots / f"live-{width}.png"), full_page=True)
        # The console's key taken off officers.toml: no update form, what to do instead.
        officers_file.write_text(text, encoding="utf-8")
        page.goto(f"{base}{PAGE}")
        assert page.locator("form[action$='/update']").count() == 0
        assert "Not offered here" in page.inner_text("#update .unavailable")
        page.screenshot(path=str(shots / "campaign-unlisted.png"), full_page=True)
    assert not problems, problems
