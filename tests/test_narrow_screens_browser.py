"""Officers on a case read the console and the reach report on their phones: every page at
a 390 px wide viewport (headless Chromium, Debian's package, through Playwright) must fit
without sideways scrolling of the page, its header as wide as the screen, and the tips
page's buttons on screen, large enough to tap. The same pages at 1280 px are kept as
screenshots to compare (under /tmp/narrow/, never in the repository)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fixtures_responses import LAUNCH, SeedAgency, add_reply, add_snapshot, seed_campaign
from fixtures_workspace import Workspace
from officer_helpers import signer
from sqlalchemy import Engine, update
from test_console_browser import chromium
from test_console_browser_pages import passwords, serving, sign_in

from broadcaster.authoring.approval import approve
from broadcaster.authoring.officers import console_key_path, ensure_console_key
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.authoring.scaffold import write_campaign
from broadcaster.console.app import create_app
from broadcaster.responses.report import build_report, render
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Reply

pytestmark = pytest.mark.slow
SHOTS = Path("/tmp/narrow")
PHONE = 390
DESKTOP = 1280
REPORTED = "drill-report"
# A reply as long as people write them, and one "word" no line break can split.
LONG = "I think I saw the man from the appeal near the station on Front Street. " * 8
UNBROKEN = "https://example.org/" + "x" * 120


@dataclass
class Console:
    base: str
    engine: Engine
    report_file: Path


@pytest.fixture
def console(workspace: Workspace) -> Iterator[Console]:
    settings = workspace.settings()
    public, _ = ensure_console_key(console_key_path(workspace.agencies_path))
    officers_file = workspace.folder / "officers.toml"
    text = officers_file.read_text(encoding="utf-8")
    officers_file.write_text(f'{text}\n[console.centre]\nkey = "{public}"\n', encoding="utf-8")
    passwords(workspace.agencies_path)
    engine = open_db(settings.db_url)
    prepared = prepare_campaign(workspace.campaign, settings, check_credentials=False)
    approve(engine, prepared, signer(workspace.folder, "lee"))
    # The launched campaign's file, so that its page, board and report show the case.
    write_campaign(
        workspace.folder,
        campaign_id=REPORTED,
        agencies=["tps", "rcmp", "spvm"],
        lead="tps",
        launch_at=LAUNCH,
        expires_at=LAUNCH + timedelta(days=30),
    )
    # X reports every metric; Mastodon has no impressions, quotes or bookmarks, Bluesky
    # no impressions or bookmarks (their adapters' capabilities).
    ids = seed_campaign(
        engine,
        REPORTED,
        agencies=[
            SeedAgency("tps", "@TorontoPolice", 520_000, 0),
            SeedAgency("rcmp", "@rcmp@police.example", 81_000, 12, platform="mastodon"),
            SeedAgency("spvm", "spvm.bsky.social", 230_000, 31, platform="bluesky"),
        ],
        # A failure, so that the report's Failures table (a long error) is on the page too.
        extra_posts=[
            {
                "agency": "rcmp",
                "platform": "mastodon",
                "handle": "@rcmp@police.example",
                "kind": "repost",
                "occurrence": "repost-1",
                "state": "failed",
                "error": "police.example answered 503 Service Unavailable three times: " + UNBROKEN,
            }
        ],
    )
    for hour in (1, 2, 3):
        for key, post_id in ids.items():
            add_snapshot(
                engine,
                REPORTED,
                post_id,
                LAUNCH + timedelta(hours=hour),
                impressions=900 * hour * hour if key == "tps" else 0,
                reposts=3 * hour,
                likes=11 * hour,
                bookmarks=1 if key == "tps" else 0,
            )
    for campaign in ("example", REPORTED):
        add_reply(
            engine,
            campaign,
            None,
            f"{campaign}-tip-long",
            LONG + UNBROKEN,
            label="tip",
            created_at=LAUNCH,
            author="@a_witness_with_a_rather_long_handle_name",
            reasons=("a place and a time", "names the vehicle of the appeal"),
        )
        add_reply(
            engine,
            campaign,
            None,
            f"{campaign}-question",
            "Is he armed?",
            label="question",
            created_at=LAUNCH + timedelta(minutes=3),
        )
        for n in range(12):
            add_reply(
                engine,
                campaign,
                None,
                f"{campaign}-flood-{n}",
                f"FOLLOW @kpopstan {n}",
                label="spam",
                created_at=LAUNCH,
                flood_key="kpop",
            )
    replies = Reply.__table__  # type: ignore[attr-defined]
    with engine.begin() as connection:  # triage gives a flood's members its cluster too
        connection.execute(update(replies).values(flood_cluster=replies.c.flood_key))
    SHOTS.mkdir(parents=True, exist_ok=True)
    report_file = SHOTS / "report.html"
    report_file.write_text(
        render(build_report(engine, REPORTED, settings=settings, with_photo=True), "html"),
        encoding="utf-8",
    )
    with serving(create_app(settings, engine)) as base:
        yield Console(base, engine, report_file)
    engine.dispose()


PAGES = {
    "home": "/",
    "campaign-draft": "/campaigns/example",
    "campaign-launched": f"/campaigns/{REPORTED}",
    "live": f"/campaigns/{REPORTED}/live",
    "tips": "/campaigns/example/tips",
    "officers": "/officers",
    "console-report": f"/campaigns/{REPORTED}/report",
    "not-found": "/campaigns/no-such-campaign/tips",
}


def unexpected(problems: list[str]) -> list[str]:
    """The console messages but the one the not-found page is meant to cause (its 404)."""
    return [p for p in problems if "responded with a status of 404" not in p]


# The smallest font of any text shown (an element with text of its own that is laid out;
# the chart's SVG labels are a drawing, not counted).
SMALLEST_TEXT = """() => {
  let least = [99, ""];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.offsetParent === null || el.offsetParent === undefined) continue;
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < least[0]) least = [size, el.tagName + " " + el.textContent.trim().slice(0, 30)];
  }
  return least;
}"""


# Controls a finger must hit (a checkbox is hit through its label, a link in a sentence
# through the sentence's line): those under 40 px tall.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    "button, select, textarea, input:not([type=hidden]):not([type=checkbox]):not([type=radio]),"
    + " body > header a, nav a, td.link a")]
  .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height < 40)
  .map(el => el.tagName + " " + (el.textContent || el.name).trim().slice(0, 30))"""


def smallest_text(page: Any) -> tuple[float, str]:
    size, where = page.evaluate(SMALLEST_TEXT)
    return float(size), str(where)


def page_width(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


@pytest.fixture
def browser(console: Console) -> Iterator[Any]:
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


def open_page(browser: Any, width: int, problems: list[str]) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 844})
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page


def test_every_console_page_fits_a_phone(console: Console, browser: Any) -> None:
    problems: list[str] = []
    page = open_page(browser, PHONE, problems)
    page.goto(f"{console.base}/login")
    page.screenshot(path=str(SHOTS / f"login-{PHONE}.png"), full_page=True)
    widths = {"login": page_width(page)}
    headers = {}
    smallest = {"login": smallest_text(page)}
    targets = {"login": page.evaluate(SMALL_TARGETS)}
    sign_in(page, console.base, "roy")  # an admin: the officers page too
    for name, path in PAGES.items():
        page.goto(console.base + path)
        page.screenshot(path=str(SHOTS / f"{name}-{PHONE}.png"), full_page=True)
        widths[name] = page_width(page)
        smallest[name] = smallest_text(page)
        targets[name] = page.evaluate(SMALL_TARGETS)
        if name != "console-report":  # the report document: no console header
            header = page.locator("body > header").bounding_box()
            headers[name] = header["width"] if header else None
    assert widths == dict.fromkeys(widths, PHONE), (widths, headers)
    assert headers == dict.fromkeys(headers, PHONE), headers  # the blue bar: the whole width
    assert all(size >= 14 for size, _ in smallest.values()), smallest
    assert not any(targets.values()), targets
    assert not unexpected(problems), problems


def test_the_tips_actions_are_on_a_phone_screen(console: Console, browser: Any) -> None:
    problems: list[str] = []
    page = open_page(browser, PHONE, problems)
    sign_in(page, console.base, "lee")
    page.goto(f"{console.base}/campaigns/example/tips")
    controls = page.locator("td.actions button, td.actions select")
    assert controls.count() == 3 * 3  # per reply: Followed up, the label select, Relabel
    for n in range(controls.count()):
        box = controls.nth(n).bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE, (n, box)
        assert box["height"] >= 40, (n, box)  # a finger, not a mouse pointer
    # And one works from there: the flood relabelled from its own card.
    flood = page.locator("tr.flood")
    flood.locator("select[name=label]").select_option("abuse")
    with page.expect_navigation():
        flood.locator("button", has_text="Relabel all 12").click()
    assert "relabelled abuse by officer lee" in page.inner_text("table.tips")
    assert page_width(page) == PHONE
    assert not problems, problems


def test_the_report_file_fits_a_phone(console: Console, browser: Any) -> None:
    problems: list[str] = []
    page = open_page(browser, PHONE, problems)
    page.goto(console.report_file.as_uri())
    page.screenshot(path=str(SHOTS / f"report-file-{PHONE}.png"), full_page=True)
    assert page_width(page) == PHONE
    size, where = smallest_text(page)
    assert size >= 14, where
    assert page.evaluate(SMALL_TARGETS) == []
    posts = page.inner_text("table.posts")
    assert "—" in posts and "not reported by this platform" in page.inner_text("body")
    assert not problems, problems


def test_the_desktop_layout_is_kept(console: Console, browser: Any) -> None:
    """At 1280 px the pages are as they were (screenshots to compare), without overflow."""
    problems: list[str] = []
    page = open_page(browser, DESKTOP, problems)
    sign_in(page, console.base, "roy")
    for name, path in PAGES.items():
        page.goto(console.base + path)
        page.screenshot(path=str(SHOTS / f"{name}-{DESKTOP}.png"), full_page=True)
        assert page_width(page) == DESKTOP, name
    page.goto(console.report_file.as_uri())
    page.screenshot(path=str(SHOTS / f"report-file-{DESKTOP}.png"), full_page=True)
    assert page_width(page) == DESKTOP
    assert not unexpected(problems), problems
