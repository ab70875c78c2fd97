"""prepare_campaign: the one-call pipeline other areas build on."""

from __future__ import annotations

import pytest

from broadcaster.authoring.prepare import prepare_campaign, render_for
from broadcaster.errors import CampaignInvalid
from broadcaster.timeutil import utcnow


def test_prepares_every_agency_in_file_order(workspace) -> None:
    prepared = prepare_campaign(workspace.campaign, workspace.settings(), now=utcnow())
    assert [a.key for a in prepared.agencies] == ["tps", "rcmp", "nypd", "spvm"]
    assert [p.agency for p in prepared.posts] == ["tps", "rcmp", "nypd", "spvm"]
    spvm = prepared.post_for("spvm")
    assert spvm.language == "fr"
    assert spvm.text.startswith("EXERCICE")
    assert "514-393-1133" in spvm.text
    assert spvm.media == ("example.jpg",)
    assert spvm.alt_text == "Photo d'un homme aux cheveux courts foncés."
    assert all(p.weighted_length <= p.limit == 280 for p in prepared.posts)
    assert set(prepared.parts) == {
        "file",
        "media",
        *(f"text:{k}" for k in ["tps", "rcmp", "nypd", "spvm"]),
    }
    assert len(prepared.content_hash) == 64


def test_render_for_follow_ups(workspace) -> None:
    prepared = prepare_campaign(workspace.campaign, workspace.settings())
    posts = render_for(
        prepared, "cancel", agencies=["spvm", "tps"], extra={"reason": "wrong photo"}
    )
    assert [p.agency for p in posts] == ["tps", "spvm"]
    assert "wrong photo" in posts[0].text and posts[0].media == ()


def test_missing_credentials_named(workspace) -> None:
    settings = workspace.settings(env_file=workspace.folder / "none.env")
    with pytest.raises(CampaignInvalid) as caught:
        prepare_campaign(workspace.campaign, settings)
    assert "agency 'tps': set TPS_X_API_KEY, TPS_X_API_SECRET" in str(caught.value)
    prepare_campaign(workspace.campaign, settings, check_credentials=False)


def test_identical_texts_on_one_platform_are_refused(workspace) -> None:
    from click.testing import CliRunner

    from broadcaster.cli import cli

    workspace.write("templates/wanted/en.txt.j2", "{{ drill }} Wanted for {{ case.offence }}.")
    result = CliRunner().invoke(cli, ["validate", "campaigns/example.toml"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: 2 problems:\n"
        "  - campaigns/example.toml: agencies 'tps' and 'rcmp' would post identical launch text "
        "on sandbox; give each its own wording (name, tip line) or set "
        'identical_content = "public-safety".\n'
        "  - campaigns/example.toml: agencies 'tps' and 'nypd' would post identical launch text "
        "on sandbox; give each its own wording (name, tip line) or set "
        'identical_content = "public-safety".\n'
    )
    workspace.edit_campaign(
        "approvals_required", 'identical_content = "public-safety"\napprovals_required'
    )
    result = CliRunner().invoke(cli, ["validate", "campaigns/example.toml"])
    assert result.exit_code == 0, result.stderr


def test_amplify_mode_lead_posts_partners_quote(workspace) -> None:
    workspace.edit_campaign('mode = "coordinated"', 'mode = "amplify"')
    prepared = prepare_campaign(workspace.campaign, workspace.settings())
    lead, *partners = prepared.posts
    assert (lead.agency, lead.action, lead.media) == ("tps", "post", ("example.jpg",))
    assert lead.text.startswith("DRILL, not a real alert: WANTED for armed robbery.")
    assert [p.action for p in partners] == ["quote"] * 3
    assert all(p.media == () for p in partners)
    assert partners[2].text.startswith(
        "EXERCICE : Merci de partager cet avis de recherche publié par Toronto Police Service."
    )
    assert "514-393-1133" in partners[2].text


def test_amplify_by_repost_has_no_partner_text(workspace) -> None:
    workspace.edit_campaign('mode = "coordinated"', 'mode = "amplify"\namplify_with = "repost"')
    prepared = prepare_campaign(workspace.campaign, workspace.settings())
    assert [(p.agency, p.action, p.text) for p in prepared.posts[1:]] == [
        ("rcmp", "repost", ""),
        ("nypd", "repost", ""),
        ("spvm", "repost", ""),
    ]


def test_content_hash_binds_file_texts_and_photo(workspace) -> None:
    from broadcaster.authoring.scaffold import photo_jpeg

    first = prepare_campaign(workspace.campaign, workspace.settings())
    again = prepare_campaign(workspace.campaign, workspace.settings())
    assert first.content_hash == again.content_hash
    workspace.write("templates/wanted/fr.txt.j2", "{{ drill }} Recherché. {{ agency.tip_line }}")
    changed_text = prepare_campaign(workspace.campaign, workspace.settings())
    assert changed_text.content_hash != first.content_hash
    assert changed_text.parts["text:spvm"] != first.parts["text:spvm"]
    assert changed_text.parts["text:tps"] == first.parts["text:tps"]
    assert changed_text.parts["file"] == first.parts["file"]
    (workspace.folder / "campaigns/media/example.jpg").write_bytes(photo_jpeg(seed=3))
    changed_photo = prepare_campaign(workspace.campaign, workspace.settings())
    assert changed_photo.parts["media"] != changed_text.parts["media"]
    assert changed_photo.parts["file"] == first.parts["file"]


def test_render_for_rejects_unknown_template_and_agency(workspace) -> None:
    from broadcaster.errors import UsageInvalid

    prepared = prepare_campaign(workspace.campaign, workspace.settings())
    with pytest.raises(UsageInvalid, match="no template named 'update/escaped'"):
        render_for(prepared, "update/escaped")
    with pytest.raises(UsageInvalid, match="agency 'lapd' is not in campaign 'example'"):
        render_for(prepared, "repost", agencies=["lapd"])
    reminder = render_for(prepared, "repost", agencies=["tps"], extra={"number": 2})[0]
    assert reminder.text.startswith("DRILL: Reminder (2): still sought for armed robbery.")
    assert reminder.media == ("example.jpg",)
    original = prepared.post_for("tps").text
    assert reminder.text != original
