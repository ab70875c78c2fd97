"""`export-cap --profile`: what Google Public Alerts, IPAWS and CAP-CP need, and the refusals
(one sentence naming the field) of what their validators would reject. Every message written
is also valid against the OASIS CAP 1.2 schema."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_cap import (
    AREA,
    CLOSED,
    LAUNCHED,
    _ns,
    campaign_and_registry,
    parse,
    text,
)

from broadcaster.authoring.agencies import load_registry
from broadcaster.authoring.campaigns import load_campaign
from broadcaster.campaign.cap import (
    CampaignLife,
    Profile,
    build_alert,
    check_profile,
    profile_problems,
    to_xml,
)
from broadcaster.errors import CapProfileBreach, ExitStatus
from broadcaster.states import CampaignState

RUNNING = CampaignLife(state=CampaignState.LAUNCHED, launched_at=LAUNCHED)
CIRCLE_ONLY = '\n[case.area]\ncircle = "45.2733,-66.0633 25"\n'


def export(campaign, registry, profile: Profile, life: CampaignLife = RUNNING):  # type: ignore[no-untyped-def]
    alert = build_alert(campaign, registry, life=life, profile=profile, now=LAUNCHED)
    return alert, parse(to_xml(alert))


def refusal(campaign, registry, profile: Profile, life: CampaignLife = RUNNING) -> str:  # type: ignore[no-untyped-def]
    alert, _ = export(campaign, registry, profile, life)
    with pytest.raises(CapProfileBreach) as caught:
        check_profile(alert, profile, campaign, registry)
    assert caught.value.exit_status == ExitStatus.INVALID
    return str(caught.value)


@pytest.mark.parametrize("profile", ["google", "ipaws", "cap-cp"])
def test_a_campaign_with_an_area_meets_every_profile(tmp_path: Path, profile: Profile) -> None:
    campaign, registry = campaign_and_registry(tmp_path, extra=AREA)
    for life in (
        RUNNING,
        CampaignLife(CampaignState.RESOLVED, "arrested", LAUNCHED, CLOSED),
        CampaignLife(CampaignState.CANCELLED, "cancelled", LAUNCHED, CLOSED, "Wrong photo."),
    ):
        alert, root = export(campaign, registry, profile, life)
        assert profile_problems(alert, profile, campaign, registry) == []
        for info in root.findall(_ns("info")):
            assert text(info, "expires")
            assert info.find(_ns("area/polygon")) is not None


def test_google_refuses_an_area_without_geometry(tmp_path: Path) -> None:
    campaign, registry = campaign_and_registry(tmp_path)
    assert refusal(campaign, registry, "google") == (
        "export-cap --profile google: case.area: Google Public Alerts needs a polygon, circle "
        "or geocode in every <area>; add [case.area] with one of them to campaign "
        "tps-2026-0412."
    )


def test_google_refuses_an_alert_without_a_web_page(tmp_path: Path) -> None:
    campaign, registry = campaign_and_registry(tmp_path, extra=CIRCLE_ONLY)
    lead = registry.get("tps")
    registry.agencies["tps"] = lead.model_copy(update={"tip_url": None})
    unlinked = campaign.model_copy(update={"link": None})
    assert refusal(unlinked, registry, "google") == (
        "export-cap --profile google: web: Google Public Alerts needs a web page in <web>; "
        "set link in campaign tps-2026-0412 (or tip_url for agency tps)."
    )


@pytest.mark.parametrize("profile", ["google", "ipaws", "cap-cp"])
def test_a_cancel_during_the_countdown_is_refused_by_every_profile(
    tmp_path: Path, profile: Profile
) -> None:
    campaign, registry = campaign_and_registry(tmp_path, extra=AREA)
    countdown = CampaignLife(CampaignState.CANCELLED, "cancelled", None, CLOSED, "Not needed.")
    sentence = refusal(campaign, registry, profile, countdown)
    assert sentence.startswith(f"export-cap --profile {profile}: references: ")
    assert "refuses a Cancel that references no alert, and campaign tps-2026-0412 never " in (
        sentence
    )


def test_ipaws_gets_its_code_a_same_event_and_local_times(tmp_path: Path) -> None:
    campaign, registry = campaign_and_registry(tmp_path, extra=AREA)
    alert, root = export(campaign, registry, "ipaws")
    assert profile_problems(alert, "ipaws", campaign, registry) == []
    assert text(root, "code") == "IPAWSv1.0"
    assert text(root, "sent") == "2026-11-23T09:00:00-05:00"  # America/Toronto
    for info in root.findall(_ns("info")):
        assert (text(info, "eventCode/valueName"), text(info, "eventCode/value")) == (
            "SAME",
            "LEW",
        )
        assert text(info, "expires") == "2026-12-22T19:00:00-05:00"
    missing = campaign.model_copy(update={"kind": "missing"})
    _, root = export(missing, registry, "ipaws")
    assert text(root, "info/eventCode/value") == "MEP"


def test_ipaws_refuses_a_zero_time_zone_offset(tmp_path: Path) -> None:
    campaign, registry = campaign_and_registry(tmp_path, extra=AREA)
    registry.agencies["tps"] = registry.get("tps").model_copy(update={"timezone": "UTC"})
    assert refusal(campaign, registry, "ipaws") == (
        "export-cap --profile ipaws: sent: IPAWS (CAP 1.2 IPAWS profile 1.0) refuses a zero "
        "time-zone offset, and the lead agency tps's timezone UTC gives one; set its local "
        "zone in agencies.toml."
    )


def test_cap_cp_gets_its_code_event_and_canadian_languages(tmp_path: Path) -> None:
    campaign, registry = campaign_and_registry(tmp_path, extra=AREA)
    alert, root = export(campaign, registry, "cap-cp")
    assert profile_problems(alert, "cap-cp", campaign, registry) == []
    assert text(root, "code") == "profile:CAP-CP:0.4"
    infos = root.findall(_ns("info"))
    assert [text(i, "language") for i in infos] == ["en-CA", "fr-CA"]
    for info in infos:
        assert text(info, "eventCode/valueName") == "profile:CAP-CP:Event:0.4"
        assert text(info, "eventCode/value") == "crime"
        assert text(info, "area/geocode/valueName") == "profile:CAP-CP:Location:0.3"
    missing = campaign.model_copy(update={"kind": "missing"})
    _, root = export(missing, registry, "cap-cp")
    assert text(root, "info/eventCode/value") == "missingPer"


def test_cap_cp_refuses_an_area_without_a_location_geocode(tmp_path: Path) -> None:
    campaign, registry = campaign_and_registry(tmp_path, extra=CIRCLE_ONLY)
    assert refusal(campaign, registry, "cap-cp") == (
        "export-cap --profile cap-cp: case.area.geocodes: CAP-CP (the Canadian profile) needs "
        'a location geocode in every <area>: add { valueName = "profile:CAP-CP:Location:0.3", '
        'value = "<SGC code>" } to [case.area] geocodes in campaign tps-2026-0412 (a '
        "Statistics Canada SGC code of 2, 4 or 7 digits)."
    )


def test_cap_cp_refuses_a_language_other_than_english_or_french(tmp_path: Path) -> None:
    campaign, registry = campaign_and_registry(tmp_path, extra=AREA)
    folder = tmp_path
    agencies = (folder / "agencies.toml").read_text().replace('language = "fr"', 'language = "es"')
    (folder / "agencies.toml").write_text(agencies)
    source = (folder / "c.toml").read_text().replace("[case.i18n.fr]", "[case.i18n.es]")
    (folder / "c.toml").write_text(source)
    registry = load_registry(folder / "agencies.toml")
    campaign = load_campaign(folder / "c.toml", registry)
    assert refusal(campaign, registry, "cap-cp") == (
        "export-cap --profile cap-cp: language: CAP-CP (the Canadian profile) takes en-CA or "
        "fr-CA, and agency spvm's language is es."
    )


def test_a_draft_export_meets_the_profiles_with_its_own_identifier(tmp_path: Path) -> None:
    campaign, registry = campaign_and_registry(tmp_path, extra=AREA)
    now = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    alert = build_alert(campaign, registry, life=CampaignLife(), profile="google", now=now)
    root = parse(to_xml(alert))
    assert profile_problems(alert, "google", campaign, registry) == []
    assert text(root, "status") == "Draft"
    assert text(root, "identifier") == "tps-2026-0412-draft-20261120T150000Z"
