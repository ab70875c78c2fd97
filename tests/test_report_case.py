"""The report a chief reads: the case by its offence, the photo, what was posted, agencies
by name, times in the lead agency's zone, and the launch spread in words."""

from __future__ import annotations

import base64
import io
import os
import re
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from PIL import Image

from broadcaster.responses.report import build_report, render, render_text
from broadcaster.responses.report.case import title_for


def _photo_from(html_page: str) -> Image.Image:
    found = re.search(r'<img src="data:image/jpeg;base64,([A-Za-z0-9+/=]+)"', html_page)
    assert found, "the report shows the photo"
    return Image.open(io.BytesIO(base64.b64decode(found.group(1))))


def test_the_html_report_names_the_case_shows_the_photo_and_the_agencies(launched: Any) -> None:
    drill = launched.drill
    report = build_report(
        launched.engine, launched.campaign_id, settings=drill.settings, with_photo=True
    )
    page = render(report, "html")
    lead = drill.registry.get(drill.keys[0])

    assert report.title.startswith("Wanted: ")
    assert f"<title>Reach report — {report.title}</title>" in page
    assert report.campaign_id in page  # still there, under the title, for the case file
    for key in drill.keys:
        assert drill.registry.get(key).name in page
    assert f"Times are {lead.timezone}" in page
    # A fast sandbox can post them all in one millisecond, and the report then says so.
    assert re.search(
        rf"All {len(drill.keys)} agencies posted (within \d|in the same millisecond)", page
    )
    lead_post = next(p for p in drill.server.posts() if p["author"] == lead.handle)
    assert report.case.posted_text == lead_post["text"]
    photo = _photo_from(page)
    assert max(photo.size) <= 320
    assert not report.case.notes


def test_the_photo_in_the_report_carries_no_metadata_from_the_original(launched: Any) -> None:
    drill = launched.drill
    original = drill.folder / "campaigns" / "media" / f"{launched.campaign_id}.jpg"
    image = Image.open(original)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (43.0, 39.0, 0.0)}  # GPSInfo: a latitude
    image.save(original, exif=exif.tobytes())
    assert Image.open(original).getexif()

    report = build_report(
        launched.engine, launched.campaign_id, settings=drill.settings, with_photo=True
    )
    photo = _photo_from(render(report, "html"))
    assert not photo.getexif()
    assert "PhoneMaker" not in render(report, "html")


def test_a_moved_campaign_file_still_gives_a_report_and_says_why_the_case_is_bare(
    launched: Any,
) -> None:
    drill = launched.drill
    launched.path.rename(launched.path.with_suffix(".moved"))
    report = build_report(
        launched.engine, launched.campaign_id, settings=drill.settings, with_photo=True
    )
    page = render(report, "html")
    assert report.title == f"Wanted — {launched.campaign_id}"
    assert "could not be read: the case is shown by its id" in page
    assert "<img" not in page
    assert drill.registry.get(drill.keys[0]).name in page  # the agencies file still reads


def test_text_report_prints_every_link_whole_at_80_columns(launched: Any) -> None:
    from rich.console import Console

    drill = launched.drill
    report = build_report(launched.engine, launched.campaign_id, settings=drill.settings)
    out = io.StringIO()
    render_text(report, Console(file=out, width=80, highlight=False, color_system=None))
    lines = out.getvalue().splitlines()
    for post in report.posts:
        assert post.url
        assert any(line.strip().endswith(post.url) for line in lines), post.url
    assert "…" not in out.getvalue()
    assert "Reach report — Wanted: " in out.getvalue()


def test_times_are_in_the_lead_agencys_zone_with_its_abbreviation(launched: Any) -> None:
    from broadcaster.responses.report import fmt_time

    drill = launched.drill
    report = build_report(launched.engine, launched.campaign_id, settings=drill.settings)
    assert str(report.zone) == drill.registry.get(drill.keys[0]).timezone
    shown = fmt_time(report.first_posted_at, zone=report.zone)
    assert shown.split()[-1] == report.first_posted_at.astimezone(report.zone).tzname()


def test_titles_read_like_a_bulletin() -> None:
    assert title_for("wanted", "armed robbery", None, "x-1") == "Wanted: armed robbery"
    assert title_for("missing", None, "Emma Roy", "x-1") == "Missing person: Emma Roy"
    assert title_for("missing", "abduction", "Emma Roy", "x-1") == "Missing person: Emma Roy"
    assert title_for("appeal", None, None, "x-1") == "Appeal — x-1"


def chart_page(launched: Any, unit: timedelta, points: Sequence[tuple[int, int]]) -> str:
    """The HTML report after metric snapshots at (n units after the launch, impressions)."""
    from fixtures_responses import add_snapshot
    from sqlalchemy import select

    from broadcaster.storage.models import Post

    with launched.engine.connect() as connection:
        post_id = connection.execute(select(Post.id)).scalars().first()
    start = build_report(launched.engine, launched.campaign_id).first_posted_at
    for n, impressions in points:
        add_snapshot(
            launched.engine,
            launched.campaign_id,
            post_id,
            start + n * unit,
            impressions=impressions,
            likes=n,
        )
    return render(build_report(launched.engine, launched.campaign_id), "html")


def test_the_chart_counts_hours_since_launch_on_one_axis_per_panel(launched: Any) -> None:
    page = chart_page(launched, timedelta(hours=1), ((1, 100), (3, 900), (6, 2500)))
    if os.environ.get("REPORT_SCREENSHOT"):  # for a person to look at
        Path(os.environ["REPORT_SCREENSHOT"]).with_suffix(".chart.html").write_text(page)
    assert "hours since launch" in page
    assert "6 h" in page
    assert "UTC</text>" not in page  # no second, clock-time axis


def test_the_chiefs_report_renders_in_a_browser_with_its_photo(
    launched: Any, tmp_path: Path
) -> None:
    """Looked at as a chief would: headless Chromium draws the page, photo included (the
    page's policy allows only data: images, which is what the photo is)."""
    import shutil

    from PIL import ImageStat
    from test_report_browser import browse

    drill = launched.drill
    report = build_report(
        launched.engine, launched.campaign_id, settings=drill.settings, with_photo=True
    )
    page = tmp_path / "report.html"
    page.write_text(render(report, "html"), encoding="utf-8")
    dom = browse(page, tmp_path, "--dump-dom").stdout
    assert '<img src="data:image/jpeg;base64,' in dom
    shot = tmp_path / "report.png"
    browse(page, tmp_path, f"--screenshot={shot}", "--window-size=1100,1400")
    with Image.open(shot) as image:
        # The photo's box (top left, under the header) is drawn, not left blank.
        photo_box = image.convert("L").crop((40, 120, 220, 330))
        assert ImageStat.Stat(photo_box).stddev[0] > 15
    if os.environ.get("REPORT_SCREENSHOT"):  # for a person to look at
        shutil.copy(shot, os.environ["REPORT_SCREENSHOT"])


def test_a_short_drills_chart_counts_minutes_not_fractions_of_an_hour(launched: Any) -> None:
    page = chart_page(launched, timedelta(minutes=1), ((2, 40), (5, 90), (9, 160)))
    assert "minutes since launch" in page
    assert " min</text>" in page
    assert " h</text>" not in page
