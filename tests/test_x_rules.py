"""X as X really is: no GIF in the one-shot upload, only the fields its spec allows, no
character twitter-text calls invalid; validation refuses what X would, and the sandbox
refuses it too, so a drill fails where X would (sandbox, authoring areas)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures_launch import approved_campaign
from fixtures_sandbox import Drill

from broadcaster.authoring.prepare import prepare_campaign, render_for
from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.authoring.textlen import x_invalid_character
from broadcaster.cli import cli
from broadcaster.errors import CampaignInvalid, Rejected
from broadcaster.platforms.x import XPlatform

ALL = "'tps', 'rcmp', 'nypd', 'spvm'"


def gif_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("P", (64, 80), 3).save(out, format="GIF")
    return out.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 80), (20, 40, 60)).save(out, format="PNG")
    return out.getvalue()


def with_gif(folder: Path, campaign: Path) -> Path:
    """The campaign's photo swapped for a GIF (campaigns/media/example.gif)."""
    (folder / "campaigns/media/example.gif").write_bytes(gif_bytes())
    text = campaign.read_text(encoding="utf-8")
    assert 'photo = "media/example.jpg"' in text
    campaign.write_text(text.replace("media/example.jpg", "media/example.gif"), encoding="utf-8")
    return campaign


# -- GIF -----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "preview"])
def test_validate_and_preview_refuse_a_gif_for_x_accounts(workspace, command) -> None:
    with_gif(workspace.folder, workspace.campaign)
    result = CliRunner().invoke(cli, [command, "campaigns/example.toml"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Error: campaigns/example.toml: case.photo campaigns/media/example.gif is a GIF "
        f"image, which sandbox does not take (agencies {ALL}); convert it to JPEG, PNG or "
        "WEBP.\n"
    )


def test_a_gif_is_refused_only_for_the_agencies_whose_accounts_are_on_x(workspace) -> None:
    from agency_files import with_accounts

    # spvm posts on Mastodon only (which takes GIF), nypd on the sandbox and Mastodon.
    text = workspace.agencies_path.read_text(encoding="utf-8")
    on_mastodon = {
        "platform": "mastodon",
        "instance": "https://mastodon.example",
        "credentials": "SPVM",
    }
    text = with_accounts(text, "spvm", [{**on_mastodon, "handle": "@spvm@mastodon.example"}])
    nypd = {"platform": "sandbox", "handle": "@NYPDnews", "credentials": "NYPD"}
    text = with_accounts(text, "nypd", [nypd, {**on_mastodon, "handle": "@nypd@mastodon.example"}])
    workspace.agencies_path.write_text(text, encoding="utf-8")
    with_gif(workspace.folder, workspace.campaign)
    settings = workspace.settings()
    with pytest.raises(CampaignInvalid) as caught:
        prepare_campaign(workspace.campaign, settings, check_credentials=False)
    assert caught.value.problems == [
        f"{workspace.campaign}: case.photo campaigns/media/example.gif is a GIF image, which "
        "sandbox does not take (agencies 'tps', 'rcmp', 'nypd'); convert it to JPEG, PNG or "
        "WEBP."
    ]
    # A campaign by the Mastodon-only agency alone keeps its GIF.
    only = workspace.campaign_text().replace(
        'agencies = ["tps", "rcmp", "nypd", "spvm"]', 'agencies = ["spvm"]'
    )
    only = only.replace('lead = "tps"', 'lead = "spvm"')
    workspace.campaign.write_text(only, encoding="utf-8")
    prepared = prepare_campaign(workspace.campaign, settings, check_credentials=False)
    assert prepared.photo is not None and prepared.photo.mime_type == "image/gif"


def test_launch_refuses_a_gif_before_anything_is_sent(drill: Drill) -> None:
    path = approved_campaign(drill)  # approved with its JPEG
    photo = path.parent / "media" / "drill-1.jpg"
    assert photo.is_file()
    photo.write_bytes(gif_bytes())  # the same name, GIF content: the format is what counts
    result = CliRunner().invoke(cli, [*drill.cli_args(), "launch", str(path), "--yes"])
    assert result.exit_code == 2, result.output
    assert f"{path}: case.photo " in result.stderr
    assert "is a GIF image, which sandbox does not take" in result.stderr
    assert drill.server.posts() == []
    assert media_held(drill) == []


def test_the_adapter_never_sends_a_gif(drill: Drill) -> None:
    platform = drill.platform(drill.keys[0])
    with pytest.raises(Rejected, match="does not take image/gif photos"):
        platform.upload_media(gif_bytes(), "image/gif", "alt")
    assert drill.server.posts() == []
    platform.close()


def sandbox_upload(platform: XPlatform, data: bytes, fields: dict[str, str]) -> dict:
    """A signed upload with exactly these form fields, past the adapter's own checks."""
    return platform._raw(
        "POST",
        "/2/media/upload",
        mutating=True,
        files={"media": ("media", data, "application/octet-stream")},
        data=fields,
    )


def media_held(drill: Drill) -> list[dict]:
    import requests

    return requests.get(f"{drill.url}/_sandbox/media", timeout=5).json()


def test_the_sandbox_refuses_a_gif_upload_with_400_as_x_does(drill: Drill) -> None:
    platform = drill.platform(drill.keys[0])
    assert isinstance(platform, XPlatform)
    with pytest.raises(Rejected, match=r"\(400: .*GIF is not supported by this endpoint"):
        sandbox_upload(platform, gif_bytes(), {"media_category": "tweet_image"})
    assert media_held(drill) == []
    platform.close()


# -- media_category and media_type ------------------------------------------------------------


def test_the_sandbox_takes_only_what_the_one_shot_upload_spec_allows(drill: Drill) -> None:
    platform = drill.platform(drill.keys[0])
    assert isinstance(platform, XPlatform)
    png = png_bytes()
    with pytest.raises(Rejected, match="media_category must be one of"):
        sandbox_upload(platform, png, {})  # media_category is required
    with pytest.raises(Rejected, match="media_category must be one of"):
        sandbox_upload(platform, png, {"media_category": "tweet_gif"})  # chunked only
    with pytest.raises(Rejected, match="media_type must be one of"):
        sandbox_upload(platform, png, {"media_category": "tweet_image", "media_type": "image/gif"})
    assert media_held(drill) == []
    # What the adapter sends is what the spec allows: the upload goes through.
    media_id = platform.upload_media(png, "image/png", "A grey rectangle.")
    held = media_held(drill)
    assert [(m["id"], m["mime_type"], m["alt_text"]) for m in held] == [
        (media_id, "image/png", "A grey rectangle.")
    ]
    platform.close()


# -- characters twitter-text calls invalid ----------------------------------------------------


@pytest.mark.parametrize("char", ["\ufffe", "\ufeff", "\uffff"])
def test_twitter_texts_invalid_characters(char: str) -> None:
    assert x_invalid_character(f"Wanted{char}: call") == char
    assert XPlatform.invalid_character(f"a{char}b") == char


def test_other_text_is_valid_for_x() -> None:
    assert x_invalid_character("Recherché 🚨 通缉 https://tps.ca/x") is None
    # twitter-text v3 does not list the bidi overrides (1.x did); the files refuse them.
    assert x_invalid_character("a\u202eb") is None


def test_validate_refuses_a_byte_order_mark_in_a_case_field(workspace) -> None:
    text = workspace.campaign_text()
    english = text[text.index("[case.i18n.en]") :]
    line = next(x for x in english.splitlines() if x.startswith("description"))
    workspace.edit_campaign(
        line, line.replace('description = "', 'description = "\\uFEFF'), count=2
    )
    result = CliRunner().invoke(cli, ["validate", "campaigns/example.toml"])
    assert result.exit_code == 2, result.output
    # One sentence per origin: the English description reaches the three English agencies,
    # and only that (each follow-up template repeats the same field: said once).
    assert result.stderr == (
        "Error: campaigns/example.toml: the launch post for agencies 'tps', 'rcmp', 'nypd' "
        "holds U+FEFF (ZERO WIDTH NO-BREAK SPACE), which sandbox refuses in a post; remove it "
        "from case.i18n.en.description.\n"
    )


def test_a_noncharacter_in_the_french_translation_names_that_field(workspace) -> None:
    text = workspace.campaign_text()
    french = text[text.index("[case.i18n.fr]") :]
    line = next(x for x in french.splitlines() if x.startswith("description"))
    workspace.edit_campaign(line, line.replace('description = "', 'description = "\\uFFFF'))
    with pytest.raises(CampaignInvalid) as caught:
        prepare_campaign(workspace.campaign, workspace.settings(), check_credentials=False)
    assert caught.value.problems == [
        f"{workspace.campaign}: the launch post for agency 'spvm' holds U+FFFF (a "
        "noncharacter), which sandbox refuses in a post; remove it from "
        "case.i18n.fr.description."
    ]


def test_a_cancel_reason_with_an_invalid_character_is_refused(workspace) -> None:
    prepared = prepare_campaign(workspace.campaign, workspace.settings(), check_credentials=False)
    with pytest.raises(CampaignInvalid) as caught:
        render_for(prepared, "cancel", agencies=["tps"], extra={"reason": "wrong\ufffe photo"})
    assert caught.value.problems == [
        f"{workspace.campaign}: the cancel post for agency 'tps' holds U+FFFE (a "
        "noncharacter), which sandbox refuses in a post; remove it from the reason given."
    ]


def test_the_sandbox_refuses_a_post_with_an_invalid_character(drill: Drill) -> None:
    platform = drill.platform(drill.keys[0])
    with pytest.raises(Rejected, match=r"400: .*Your Tweet text holds an invalid character"):
        platform.post("Wanted\ufeff: call 416-222-8477")
    assert drill.server.posts() == []
    platform.post("Wanted: call 416-222-8477")  # the same text without it goes out
    assert [p["text"] for p in drill.server.posts()] == ["Wanted: call 416-222-8477"]
    platform.close()


def test_photo_still_prepares_as_jpeg(workspace) -> None:
    (workspace.folder / "campaigns/media/example.jpg").write_bytes(photo_jpeg(seed=2))
    prepared = prepare_campaign(workspace.campaign, workspace.settings(), check_credentials=False)
    assert prepared.photo is not None and prepared.photo.mime_type == "image/jpeg"
