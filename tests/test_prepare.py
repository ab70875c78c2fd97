"""prepare_campaign: the one-call pipeline other areas build on."""

from __future__ import annotations

import pytest

from broadcaster.errors import CampaignInvalid
from broadcaster.prepare import prepare_campaign, render_for
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
