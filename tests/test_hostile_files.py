"""Hostile and mistaken files (#10): campaign and agency files from partners, photos, modes.

Every user's mistake is exit 2 with one sentence naming the file (and line, and field),
never exit 1 or a hang; text holding terminal control characters is refused where it is
written; the files that hold secrets or repliers' data are created readable by their owner.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from broadcaster.cli import cli

CAMPAIGN = "campaigns/example.toml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def line_of(workspace, text: str) -> int:
    lines = workspace.campaign_text().splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def invalid(*args: str) -> str:
    code, _, err = run(*args)
    assert code == 2, err
    assert "Traceback" not in err
    return err


# -- item 5: a user's mistake is exit 2 with a sentence ----------------------------------------


def test_a_huge_repost_interval(workspace) -> None:
    workspace.edit_campaign("[case]", '[[reposts]]\nevery = "999999999999999999d"\n\n[case]')
    line = line_of(workspace, "every =")
    err = invalid("validate", CAMPAIGN)
    assert (
        f"{CAMPAIGN}:{line}: reposts[0].every: '999999999999999999d' is too long; reposts "
        "must be at most 366d apart." in err
    )
    workspace.edit_campaign('"999999999999999999d"', '"400d"')
    assert "'400d' is too long" in invalid("validate", CAMPAIGN)
    workspace.edit_campaign('"400d"', '"12h"')
    code, _, err = run("validate", CAMPAIGN)
    assert code == 0, err


def test_an_instant_out_of_range(workspace) -> None:
    text = workspace.campaign_text()
    expires = next(x for x in text.splitlines() if x.startswith("expires_at"))
    workspace.edit_campaign(expires, "expires_at = 9999-12-31T23:59:59-05:00")
    err = invalid("validate", CAMPAIGN)
    assert "expires_at: 9999-12-31T23:59:59-05:00 is out of range." in err
    workspace.edit_campaign(
        "expires_at = 9999-12-31T23:59:59-05:00", "expires_at = 5000-01-01T00:00:00Z"
    )
    assert "expires_at: 5000-01-01T00:00:00+00:00 is too far in the future." in invalid(
        "validate", CAMPAIGN
    )


def test_a_photo_name_too_long_for_the_file_system(workspace) -> None:
    workspace.edit_campaign('photo = "media/example.jpg"', f'photo = "media/{"p" * 300}.jpg"')
    line = line_of(workspace, "photo =")
    err = invalid("validate", CAMPAIGN)
    assert (
        f"{CAMPAIGN}:{line}: the photo file name is too long (at most 255 bytes a part); "
        "rename the file." in err
    )


def test_a_photo_name_with_a_nul(workspace) -> None:
    workspace.edit_campaign('photo = "media/example.jpg"', 'photo = "\\u0000"')
    line = line_of(workspace, "photo =")
    err = invalid("validate", CAMPAIGN)
    assert f"{CAMPAIGN}:{line}: case.photo holds the control character U+0000; remove it." in err


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null"])
def test_validate_refuses_what_is_not_a_regular_file(workspace, target: str) -> None:
    err = invalid("validate", target)
    assert "not a regular file" in err


def test_validate_refuses_a_huge_file(workspace) -> None:
    big = workspace.folder / "campaigns" / "big.toml"
    big.write_text("# " + "x" * (1024 * 1024) + "\n")
    err = invalid("validate", "campaigns/big.toml")
    assert "1,048,579 bytes is too large for a campaign file (at most 1,048,576)." in err


@pytest.mark.parametrize("value", ["true", "false", '"2"', "1.0"])
def test_approvals_required_is_a_whole_number(workspace, value: str) -> None:
    workspace.edit_campaign("approvals_required = 1", f"approvals_required = {value}")
    line = line_of(workspace, "approvals_required")
    err = invalid("validate", CAMPAIGN)
    assert f"{CAMPAIGN}:{line}: approvals_required must be a whole number." in err


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<script>", "ftp://tips.example.org", "tps.ca"],
)
def test_tip_urls_are_http_or_https(workspace, url: str) -> None:
    text = workspace.agencies_path.read_text()
    first = next(x for x in text.splitlines() if x.startswith("tip_url"))
    workspace.agencies_path.write_text(text.replace(first, f'tip_url = "{url}"', 1))
    err = invalid("agencies", "list")
    assert f"field 'tip_url': {url!r} is not a web address like https://www.tps.ca/tips." in err
    workspace.agencies_path.write_text(
        text.replace(first, 'tip_url = "https://www.tps.ca/tips"', 1)
    )
    code, _, err = run("agencies", "list")
    assert code == 0, err


# -- item 4: control characters refused where they are written ---------------------------------


@pytest.mark.parametrize(
    ("char", "code"),
    [("\\u001b[2J", "U+001B"), ("\\u0007", "U+0007"), ("\\u202e", "U+202E"), ("\\u009b", "U+009B")],
)
def test_campaign_fields_with_control_characters(workspace, char: str, code: str) -> None:
    workspace.edit_campaign('offence = "armed robbery"', f'offence = "armed{char} robbery"')
    line = line_of(workspace, "offence =")
    err = invalid("validate", CAMPAIGN)
    assert f"{CAMPAIGN}:{line}: case.offence holds the control character {code}; remove it." in err


def test_control_characters_in_lists_and_translations(workspace) -> None:
    text = workspace.campaign_text()
    hashtags = next(x for x in text.splitlines() if x.startswith("hashtags"))
    workspace.edit_campaign(hashtags, 'hashtags = ["#Wanted", "#TPS\\u0007"]')
    workspace.edit_campaign("vol à main armée", "vol à main\\u202earmée")
    err = invalid("validate", CAMPAIGN)
    assert "hashtags[1] holds the control character U+0007; remove it." in err
    assert "holds the control character U+202E; remove it." in err


def test_tabs_and_newlines_are_fine(workspace) -> None:
    workspace.edit_campaign(
        'description = "Man, about 40', 'description = """Man,\tabout\n40', count=1
    )
    text = workspace.campaign_text()
    start = text.index('description = """Man,')
    end = text.index('"', text.index("\n40", start) + 1)
    workspace.campaign.write_text(text[:end] + '"""' + text[end + 1 :])
    code, _, err = run("validate", CAMPAIGN)
    assert code == 0, err
    assert "control character" not in err


def test_agency_fields_with_control_characters(workspace) -> None:
    text = workspace.agencies_path.read_text()
    name = next(x for x in text.splitlines() if x.startswith("name"))
    workspace.agencies_path.write_text(
        text.replace(name, 'name = "Toronto\\u001b]8;;http://x\\u0007"', 1)
    )
    lines = workspace.agencies_path.read_text().splitlines()
    line = next(i for i, x in enumerate(lines, start=1) if "Toronto\\u001b" in x)
    err = invalid("agencies", "list")
    assert (
        f"agencies.toml:{line}: agency.tps.name holds the control character U+001B; remove it."
        in err
    )


# -- item 6: files readable by their owner only; oversized photos in a sentence -----------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_writes_env_readable_by_its_owner_only(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    old = os.umask(0o022)
    try:
        code, _, err = run("init", "work")
    finally:
        os.umask(old)
    assert code == 0, err
    assert mode(tmp_path / "work" / ".env") == 0o600
    assert mode(tmp_path / "work" / ".env.example") == 0o644
    assert mode(tmp_path / "work" / "agencies.toml") == 0o644


def test_the_sqlite_database_and_its_journal_are_private(tmp_path: Path) -> None:
    from sqlalchemy import text

    from broadcaster.storage.db import open_db

    old = os.umask(0o022)
    try:
        engine = open_db(f"sqlite:///{tmp_path / 'broadcaster.db'}")
        with engine.connect() as connection:
            connection.execute(text("CREATE TABLE t (x INTEGER)"))
            connection.execute(text("INSERT INTO t VALUES (1)"))
            files = sorted(p.name for p in tmp_path.iterdir())
            assert "broadcaster.db-wal" in files and "broadcaster.db-shm" in files
            for name in files:
                assert mode(tmp_path / name) == 0o600, name
        engine.dispose()
    finally:
        os.umask(old)


def test_an_existing_database_keeps_its_mode(tmp_path: Path) -> None:
    from broadcaster.storage.db import open_db

    path = tmp_path / "shared.db"
    path.touch(mode=0o640)
    path.chmod(0o640)
    open_db(f"sqlite:///{path}").dispose()
    assert mode(path) == 0o640


def test_an_oversized_photo_is_a_sentence_not_a_warning(workspace, monkeypatch) -> None:
    import warnings

    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 40x40 lies between it and twice it
    Image.new("RGB", (40, 40), "white").save(workspace.folder / "campaigns/media/example.jpg")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        err = invalid("validate", CAMPAIGN)
    assert "campaigns/media/example.jpg: the image is too large to process safely." in err
    assert "DecompressionBombWarning" not in err
