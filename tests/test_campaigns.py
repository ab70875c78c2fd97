"""Campaign files: every problem at once, each with file and line, exit 2, nothing sent."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from click.testing import CliRunner

from broadcaster.authoring.agencies import load_registry
from broadcaster.authoring.campaigns import load_campaign
from broadcaster.cli import cli
from broadcaster.errors import CampaignInvalid


def validate(*paths: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["validate", *(paths or ("campaigns/example.toml",))])
    return result.exit_code, result.stdout, result.stderr


def line_of(workspace, needle: str) -> int:
    for number, line in enumerate(workspace.campaign_text().splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the campaign")


def test_valid_campaign_says_ok(workspace) -> None:
    code, out, err = validate()
    assert code == 0, err
    assert out == (
        "campaigns/example.toml: OK, campaign 'example' for 4 agencies "
        "(tps, rcmp, nypd, spvm); nothing was sent.\n"
    )


def test_unknown_field_is_an_error_with_its_line(workspace) -> None:
    workspace.edit_campaign('hashtags = ["#Wanted"]', 'hashtag = ["#Wanted"]')
    code, _, err = validate()
    assert code == 2
    line = line_of(workspace, "hashtag =")
    assert err == (
        f"Error: campaigns/example.toml:{line}: unknown field 'hashtag'; did you mean 'hashtags'?\n"
    )


def test_unknown_field_in_a_translation(workspace) -> None:
    workspace.edit_campaign("[case.i18n.fr]\n", "[case.i18n.fr]\nofence = 'x'\n")
    code, _, err = validate()
    assert code == 2
    line = line_of(workspace, "ofence")
    assert f"campaigns/example.toml:{line}: unknown field 'case.i18n.fr.ofence'; " in err
    assert "did you mean 'offence'?" in err


def test_launch_in_the_past(workspace) -> None:
    text = workspace.campaign_text()
    launch = next(line for line in text.splitlines() if line.startswith("launch_at"))
    workspace.edit_campaign(launch, "launch_at = 2020-01-01T09:00:00Z")
    code, _, err = validate()
    assert code == 2
    line = line_of(workspace, "launch_at")
    assert err == (
        f"Error: campaigns/example.toml:{line}: launch_at 2020-01-01T09:00:00Z is in the past; "
        "set a future time, or remove it to launch at once.\n"
    )


def test_expiry_before_launch(workspace) -> None:
    text = workspace.campaign_text()
    expires = next(line for line in text.splitlines() if line.startswith("expires_at"))
    launch = next(line for line in text.splitlines() if line.startswith("launch_at"))
    launch_value = launch.split("= ")[1]
    workspace.edit_campaign(expires, f"expires_at = {launch_value}")
    code, _, err = validate()
    assert code == 2
    line = line_of(workspace, "expires_at")
    assert err == (
        f"Error: campaigns/example.toml:{line}: expires_at {launch_value} is not after "
        f"launch_at {launch_value}.\n"
    )


def test_date_without_time_zone(workspace) -> None:
    text = workspace.campaign_text()
    launch = next(line for line in text.splitlines() if line.startswith("launch_at"))
    workspace.edit_campaign(launch, "launch_at = 2031-05-01T09:00:00")
    code, _, err = validate()
    assert code == 2
    assert (
        "launch_at: 2031-05-01T09:00:00 has no time zone; add Z for UTC or an offset "
        "like -05:00." in err
    )


def test_lead_not_among_agencies(workspace) -> None:
    workspace.edit_campaign('agencies = ["tps", "rcmp", "nypd", "spvm"]', 'agencies = ["rcmp"]')
    code, _, err = validate()
    assert code == 2
    line = line_of(workspace, "lead =")
    assert err == (
        f"Error: campaigns/example.toml:{line}: the lead 'tps' is not among the agencies "
        "(rcmp); add it to agencies.\n"
    )


def test_agency_not_in_registry(workspace) -> None:
    workspace.edit_campaign('"spvm"]', '"spvm", "lapd"]')
    code, _, err = validate()
    assert code == 2
    assert "agency 'lapd' is not in agencies.toml; known: nypd, rcmp, spvm, tps." in err


def test_missing_translation_for_an_agency_language(workspace) -> None:
    workspace.edit_campaign('offence = "vol à main armée"\n', "")
    code, _, err = validate()
    assert code == 2
    line = line_of(workspace, "[case.i18n.fr]")
    assert err == (
        f"Error: campaigns/example.toml:{line}: no fr translation of case.offence for "
        "'spvm'; add it under [case.i18n.fr].\n"
    )


def test_whole_language_missing(workspace) -> None:
    text = workspace.campaign_text()
    start = text.index("[case.i18n.fr]")
    workspace.campaign.write_text(text[:start], encoding="utf-8")
    code, _, err = validate()
    assert code == 2
    assert (
        "no fr translation of case.offence, case.description, case.last_seen, "
        "case.photo_alt for 'spvm'; add them under [case.i18n.fr]." in err
    )


def test_regional_language_uses_the_base_translation(workspace) -> None:
    text = workspace.agencies_path.read_text()
    workspace.agencies_path.write_text(text.replace('language = "fr"', 'language = "fr-CA"'))
    code, _, err = validate()
    assert code == 0, err


def test_missing_photo_file(workspace) -> None:
    (workspace.folder / "campaigns" / "media" / "example.jpg").unlink()
    code, _, err = validate()
    assert code == 2
    line = line_of(workspace, "photo =")
    assert err == (
        f"Error: campaigns/example.toml:{line}: photo file campaigns/media/example.jpg not found.\n"
    )


def test_missing_alt_text(workspace) -> None:
    text = workspace.campaign_text()
    alt = next(line for line in text.splitlines() if line.startswith("photo_alt"))
    workspace.edit_campaign(alt + "\n", "")
    code, _, err = validate()
    assert code == 2
    line = line_of(workspace, "[case]")
    assert err == (
        f"Error: campaigns/example.toml:{line}: the photo needs alt text: set case.photo_alt "
        "(a short description for people using screen readers).\n"
    )


def test_wanted_needs_a_photo(workspace) -> None:
    text = workspace.campaign_text()
    for key in ("photo =", "photo_alt ="):
        line = next(x for x in text.splitlines() if x.startswith(key))
        text = text.replace(line + "\n", "", 1)
    workspace.campaign.write_text(text)
    code, _, err = validate()
    assert code == 2
    assert "a wanted campaign needs case.photo (a file relative to the campaign)." in err


def test_bad_id_kind_and_mode(workspace) -> None:
    workspace.edit_campaign('id = "example"', 'id = "Example 1"')
    workspace.edit_campaign('kind = "wanted"', 'kind = "wantd"')
    workspace.edit_campaign('mode = "coordinated"', 'mode = "together"')
    code, _, err = validate()
    assert code == 2
    assert err.startswith("Error: 3 problems:\n")
    assert "campaigns/example.toml:1: id: 'Example 1' is not a campaign id;" in err
    assert "campaigns/example.toml:2: kind is 'wantd'; use one of wanted, missing or appeal." in err
    assert "mode is 'together'; use one of coordinated or amplify." in err


def test_every_problem_at_once_in_line_order(workspace) -> None:
    workspace.edit_campaign('kind = "wanted"', 'kind = "wantd"')
    workspace.edit_campaign('hashtags = ["#Wanted"]', 'hashtag = ["#Wanted"]')
    workspace.edit_campaign('"spvm"]', '"spvm", "lapd"]')
    (workspace.folder / "campaigns" / "media" / "example.jpg").unlink()
    code, _, err = validate()
    assert code == 2
    assert err.startswith("Error: 4 problems:\n")
    lines = [int(x.split(":")[1]) for x in err.splitlines()[1:]]
    assert lines == sorted(lines)


def test_repost_plan_needs_every_or_at(workspace) -> None:
    text = workspace.campaign_text() + (
        '\n[[reposts]]\nevery = "12h"\n\n[[reposts]]\nlocal_hours = ["08:00", "21:00"]\n'
        '\n[[reposts]]\nevery = "12h"\nlocal_hours = ["21:00", "08:00"]\n'
    )
    workspace.campaign.write_text(text)
    code, _, err = validate()
    assert code == 2
    second = [n for n, x in enumerate(text.splitlines(), 1) if x == "[[reposts]]"][1]
    third_hours = next(n for n, x in enumerate(text.splitlines(), 1) if '21:00", "08:00' in x)
    assert (
        f'campaigns/example.toml:{second}: a repost plan needs either every = "12h" or '
        "at = [...] times, not neither." in err
    )
    assert (
        f"campaigns/example.toml:{third_hours}: reposts[2].local_hours: local_hours must start "
        'before they end; write it like ["08:00", "21:00"].' in err
    )


def test_repost_too_often(workspace) -> None:
    workspace.campaign.write_text(workspace.campaign_text() + '\n[[reposts]]\nevery = "20m"\n')
    code, _, err = validate()
    assert code == 2
    assert "reposts[0].every: reposts must be at least 1h apart" in err


def test_toml_syntax_error_names_file_and_line(workspace) -> None:
    workspace.edit_campaign('kind = "wanted"', "kind = wanted")
    code, _, err = validate()
    assert code == 2
    assert err == (
        "Error: campaigns/example.toml:2:8: not valid TOML: the value after = is not one TOML "
        'knows: text needs quotes ("like this"), a list brackets ([…]), a date the form '
        "2026-11-23T14:00:00Z.\n"
    )


def test_missing_file(workspace) -> None:
    code, _, err = validate("campaigns/nope.toml")
    assert code == 2
    assert err == (
        f"Error: campaigns/nope.toml: campaign file not found (looked in {workspace.folder}).\n"
    )


def test_several_files_report_each(workspace) -> None:
    bad = workspace.write("campaigns/bad.toml", workspace.campaign_text().replace("wanted", "x"))
    code, out, err = validate("campaigns/example.toml", str(bad.relative_to(workspace.folder)))
    assert code == 2
    assert "campaigns/example.toml: OK" in out
    assert "campaigns/bad.toml:2: kind is 'x'" in err


def test_load_campaign_as_a_library(workspace) -> None:
    registry = load_registry(workspace.agencies_path)
    campaign = load_campaign(workspace.campaign, registry)
    assert campaign.id == "example"
    assert campaign.is_exercise
    assert campaign.partners == ["rcmp", "nypd", "spvm"]
    assert campaign.launch_at is not None and campaign.launch_at.tzinfo is not None
    assert campaign.case.photo == (workspace.folder / "campaigns/media/example.jpg").resolve()
    assert campaign.case.localized("fr-CA", "en")["offence"] == "vol à main armée"
    with pytest.raises(CampaignInvalid) as caught:
        load_campaign(workspace.campaign, registry, now=campaign.launch_at + timedelta(minutes=1))
    assert "is in the past" in str(caught.value)


def test_repost_plans_parsed(workspace) -> None:
    workspace.campaign.write_text(
        workspace.campaign_text() + '\n[[reposts]]\nevery = "12h"\nuntil = 2031-01-01T00:00:00Z\n'
        'local_hours = ["08:00", "21:00"]\n'
        "\n[[reposts]]\nat = [2030-12-24T09:00:00-05:00]\n"
    )
    campaign = load_campaign(workspace.campaign, load_registry(workspace.agencies_path))
    first, second = campaign.reposts
    assert first.every == timedelta(hours=12)
    assert first.local_hours == (time(8), time(21))
    assert first.until == datetime(2031, 1, 1, tzinfo=UTC)
    assert second.at == [datetime(2030, 12, 24, 14, tzinfo=UTC)]
