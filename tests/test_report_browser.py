"""The HTML report in a real browser (headless Chromium): replies written by strangers are
shown as text and never run, and the page renders.

A control page with the same script, unescaped and without the policy, proves that this
browser set-up would have noticed a script running.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fixtures_responses import LAUNCH, add_reply
from sqlalchemy import Engine

from broadcaster.responses.report import build_report, render

CID = "tps-2026-0412"
TITLE = f"Reach report — Wanted — {CID}"  # no campaign file here: the id stands in
# Each would change the title and add an element if it ran.
PAYLOAD = (
    "document.title='PWNED';document.body.insertAdjacentHTML('beforeend','<p id=pwned>PWNED</p>')"
)
HOSTILE = [
    f"<script>{PAYLOAD}</script> saw him on Queen St",
    f'<img src=x onerror="{PAYLOAD}"> he was at the bus stop',
    f'<svg onload="{PAYLOAD}"></svg><iframe srcdoc="<script>{PAYLOAD}</script>"></iframe>',
    '"><a href="javascript:alert(1)">click</a> {{ 7*7 }} [bold]x[/bold]',
]


class Elements(HTMLParser):
    """The elements of a page and their attributes (text is what it may contain freely)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.extend(attrs)


def chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is missing: install Debian's chromium package (make test does).")
    pytest.skip("chromium is not installed (apt-get install chromium)")


def browse(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=3000",
            *extra,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_control_page_shows_that_a_running_script_is_detected(tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text(
        f"<!DOCTYPE html><html><head><title>{TITLE}</title></head>"
        f"<body><p>control</p><script>{PAYLOAD}</script></body></html>",
        encoding="utf-8",
    )
    dom = browse(page, tmp_path, "--dump-dom").stdout
    assert "<title>PWNED</title>" in dom and 'id="pwned"' in dom


def test_hostile_replies_are_shown_as_text_and_never_run(
    responses_engine: Engine, seeded: dict[str, int], tmp_path: Path
) -> None:
    for n, text in enumerate(HOSTILE):
        add_reply(
            responses_engine,
            CID,
            seeded["tps"],
            f"19100000000000000{n:02d}",
            text,
            label="tip",
            created_at=LAUNCH + timedelta(hours=6, minutes=n),
            author="@<b>bold</b>",
        )
    page = tmp_path / "report.html"
    page.write_text(render(build_report(responses_engine, CID), "html"), encoding="utf-8")

    dom = browse(page, tmp_path, "--dump-dom").stdout
    assert f"<title>{TITLE}</title>" in dom
    assert "PWNED</p>" not in dom and 'id="pwned"' not in dom
    elements = Elements()
    elements.feed(dom)
    assert not {"script", "img", "iframe"} & elements.tags
    assert not [a for a in elements.attributes if a[0].startswith("on")]
    assert not [a for a in elements.attributes if (a[1] or "").startswith("javascript:")]
    # The replies are there, as text: the browser serialises their `<` back as &lt;.
    assert "&lt;script&gt;document.title='PWNED'" in dom
    assert "&lt;img src=x onerror=" in dom
    assert "{{ 7*7 }}" in dom and "[bold]x[/bold]" in dom
    assert "@&lt;b&gt;bold&lt;/b&gt;" in dom

    shot = tmp_path / "report.png"
    browse(page, tmp_path, f"--screenshot={shot}", "--window-size=1200,1800")
    from PIL import Image, ImageStat

    with Image.open(shot) as image:
        assert image.size == (1200, 1800)
        # A rendered page, not a blank one: the text and chart make the pixels vary.
        assert max(ImageStat.Stat(image.convert("L")).stddev) > 20
