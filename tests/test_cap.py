"""CAP 1.2 output checked against the element sequences and value lists of the CAP 1.2
schema (OASIS CAP-V1.2, section 3 and its XML schema), without a network."""

from __future__ import annotations

import base64
import hashlib
import io
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from broadcaster.authoring.agencies import load_registry
from broadcaster.authoring.campaigns import load_campaign
from broadcaster.campaign.cap import CAP_NS, CampaignLife, CapPhoto, build_alert, to_xml
from broadcaster.states import CampaignState

NS = f"{{{CAP_NS}}}"
MANY = 10**9

# element -> its children in schema order, each with (min, max) occurrences
SEQUENCES: dict[str, list[tuple[str, int, int]]] = {
    "alert": [
        ("identifier", 1, 1),
        ("sender", 1, 1),
        ("sent", 1, 1),
        ("status", 1, 1),
        ("msgType", 1, 1),
        ("source", 0, 1),
        ("scope", 1, 1),
        ("restriction", 0, 1),
        ("addresses", 0, 1),
        ("code", 0, MANY),
        ("note", 0, 1),
        ("references", 0, 1),
        ("incidents", 0, 1),
        ("info", 0, MANY),
    ],
    "info": [
        ("language", 0, 1),
        ("category", 1, MANY),
        ("event", 1, 1),
        ("responseType", 0, MANY),
        ("urgency", 1, 1),
        ("severity", 1, 1),
        ("certainty", 1, 1),
        ("audience", 0, 1),
        ("eventCode", 0, MANY),
        ("effective", 0, 1),
        ("onset", 0, 1),
        ("expires", 0, 1),
        ("senderName", 0, 1),
        ("headline", 0, 1),
        ("description", 0, 1),
        ("instruction", 0, 1),
        ("web", 0, 1),
        ("contact", 0, 1),
        ("parameter", 0, MANY),
        ("resource", 0, MANY),
        ("area", 0, MANY),
    ],
    "parameter": [("valueName", 1, 1), ("value", 1, 1)],
    "eventCode": [("valueName", 1, 1), ("value", 1, 1)],
    "geocode": [("valueName", 1, 1), ("value", 1, 1)],
    "resource": [
        ("resourceDesc", 1, 1),
        ("mimeType", 1, 1),
        ("size", 0, 1),
        ("uri", 0, 1),
        ("derefUri", 0, 1),
        ("digest", 0, 1),
    ],
    "area": [
        ("areaDesc", 1, 1),
        ("polygon", 0, MANY),
        ("circle", 0, MANY),
        ("geocode", 0, MANY),
        ("altitude", 0, 1),
        ("ceiling", 0, 1),
    ],
}
VALUES = {
    "status": {"Actual", "Exercise", "System", "Test", "Draft"},
    "msgType": {"Alert", "Update", "Cancel", "Ack", "Error"},
    "scope": {"Public", "Restricted", "Private"},
    "category": {
        "Geo",
        "Met",
        "Safety",
        "Security",
        "Rescue",
        "Fire",
        "Health",
        "Env",
        "Transport",
        "Infra",
        "CBRNE",
        "Other",
    },
    "responseType": {
        "Shelter",
        "Evacuate",
        "Prepare",
        "Execute",
        "Avoid",
        "Monitor",
        "Assess",
        "AllClear",
        "None",
    },
    "urgency": {"Immediate", "Expected", "Future", "Past", "Unknown"},
    "severity": {"Extreme", "Severe", "Moderate", "Minor", "Unknown"},
    "certainty": {"Observed", "Likely", "Possible", "Unlikely", "Unknown"},
}
DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$")
DATETIMES = {"sent", "effective", "onset", "expires"}


def check_sequence(element: ET.Element) -> None:
    name = element.tag.removeprefix(NS)
    children = list(element)
    for child in children:
        assert child.tag.startswith(NS), f"{child.tag} is outside the CAP namespace"
    if name not in SEQUENCES:
        assert not children, f"{name} must hold text only"
        return
    tags = [c.tag.removeprefix(NS) for c in children]
    position = 0
    for expected, low, high in SEQUENCES[name]:
        count = 0
        while position < len(tags) and tags[position] == expected:
            position += 1
            count += 1
        assert low <= count <= high, f"{name}: {expected} occurs {count} times"
    assert position == len(tags), f"{name}: {tags[position]} is out of order or unknown"
    for child in children:
        check_sequence(child)


def check_values(alert: ET.Element) -> None:
    for element in alert.iter():
        name = element.tag.removeprefix(NS)
        if name in VALUES:
            assert element.text in VALUES[name], f"{name}={element.text!r}"
        if name in DATETIMES:
            assert element.text and DATETIME.match(element.text), f"{name}={element.text!r}"
            assert not element.text.endswith("Z")
        if name in ("identifier", "sender"):
            assert element.text and not re.search(r"[\s,<&]", element.text)


def parse(xml: bytes) -> ET.Element:
    assert xml.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(xml)
    assert root.tag == f"{NS}alert"
    assert b'xmlns="urn:oasis:names:tc:emergency:cap:1.2"' in xml
    check_sequence(root)
    check_values(root)
    return root


def text(element: ET.Element, path: str) -> str:
    found = element.find(_ns(path))
    assert found is not None and found.text is not None, path
    return found.text


def _ns(path: str) -> str:
    return "/".join(f"{NS}{part}" for part in path.split("/"))


AGENCIES = """
[agency.tps]
name = "Toronto Police Service"
platform = "sandbox"
handle = "@TorontoPolice"
language = "en"
timezone = "America/Toronto"
tip_line = "416-222-8477"
tip_url = "https://www.222tips.com"
credentials = "TPS"

[agency.spvm]
name = "Service de police de la Ville de Montréal"
platform = "sandbox"
handle = "@SPVM"
language = "fr"
timezone = "America/Toronto"
tip_line = "514-393-1133"
credentials = "SPVM"
"""

CAMPAIGN = """
id = "tps-2026-0412"
kind = "wanted"
status = "{status}"
lead = "tps"
agencies = ["tps", "spvm"]
expires_at = 2026-12-23T00:00:00Z
link = "https://www.tps.ca/wanted/2026-0412"

[case]
number = "2026-0412"
offence = "sexual assault of a child"
description = "Man, about 40, 1.80 m, short dark hair."
last_seen = "Saint John, New Brunswick, 20 November"
photo = "suspect.jpg"
photo_alt = "Head-and-shoulders photo of a man with short dark hair."

[case.i18n.fr]
offence = "agression sexuelle sur une enfant"
description = "Homme, environ 40 ans, 1,80 m, cheveux courts foncés."
last_seen = "Saint John (Nouveau-Brunswick), le 20 novembre"
photo_alt = "Photo d'un homme aux cheveux courts foncés."
"""

LAUNCHED = datetime(2026, 11, 23, 14, 0, 0, 123456, tzinfo=UTC)
CLOSED = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture
def photo() -> CapPhoto:
    out = io.BytesIO()
    Image.new("RGB", (40, 50), (90, 80, 70)).save(out, "JPEG")
    return CapPhoto(data=out.getvalue(), mime_type="image/jpeg")


def campaign_and_registry(tmp_path: Path, status: str = "actual"):  # type: ignore[no-untyped-def]
    (tmp_path / "agencies.toml").write_text(AGENCIES)
    (tmp_path / "suspect.jpg").write_bytes(b"not read here")
    (tmp_path / "c.toml").write_text(CAMPAIGN.replace("{status}", status))
    registry = load_registry(tmp_path / "agencies.toml")
    return load_campaign(tmp_path / "c.toml", registry), registry


def test_alert_has_one_info_per_language_and_the_photo(tmp_path: Path, photo: CapPhoto) -> None:
    campaign, registry = campaign_and_registry(tmp_path)
    life = CampaignLife(state=CampaignState.LAUNCHED, launched_at=LAUNCHED)
    root = parse(to_xml(build_alert(campaign, registry, life=life, photo=photo)))
    assert text(root, "identifier") == "tps-2026-0412-alert"
    assert text(root, "sender") == "tps@www.tps.ca"
    assert text(root, "sent") == "2026-11-23T14:00:00-00:00"
    assert text(root, "status") == "Actual"
    assert text(root, "msgType") == "Alert"
    assert text(root, "scope") == "Public"
    assert root.find(_ns("references")) is None
    infos = root.findall(_ns("info"))
    assert [text(i, "language") for i in infos] == ["en", "fr"]
    en, fr = infos
    assert text(en, "category") == "Security"
    assert text(en, "senderName") == "Toronto Police Service"
    assert "sexual assault of a child" in text(en, "headline")
    assert "agression sexuelle" in text(fr, "headline")
    assert "416-222-8477" in text(en, "instruction")
    assert "514-393-1133" in text(fr, "instruction")
    assert text(en, "web") == "https://www.tps.ca/wanted/2026-0412"
    assert text(en, "expires") == "2026-12-23T00:00:00-00:00"
    assert text(fr, "area/areaDesc") == "Saint John (Nouveau-Brunswick), le 20 novembre"
    resource = en.find(_ns("resource"))
    assert resource is not None
    assert text(resource, "mimeType") == "image/jpeg"
    assert text(resource, "size") == str(len(photo.data))
    assert text(resource, "digest") == hashlib.sha1(photo.data).hexdigest()
    assert base64.b64decode(text(resource, "derefUri")) == photo.data


def test_update_after_resolve_references_the_alert_and_drops_the_photo(
    tmp_path: Path, photo: CapPhoto
) -> None:
    campaign, registry = campaign_and_registry(tmp_path)
    life = CampaignLife(
        state=CampaignState.RESOLVED, outcome="arrested", launched_at=LAUNCHED, closed_at=CLOSED
    )
    root = parse(to_xml(build_alert(campaign, registry, life=life, photo=photo)))
    assert text(root, "msgType") == "Update"
    assert text(root, "identifier") == "tps-2026-0412-update-arrested"
    assert text(root, "sent") == "2026-11-25T09:30:00-00:00"
    assert (
        text(root, "references") == "tps@www.tps.ca,tps-2026-0412-alert,2026-11-23T14:00:00-00:00"
    )
    for info in root.findall(_ns("info")):
        assert text(info, "urgency") == "Past"
        assert text(info, "responseType") == "AllClear"
        assert info.find(_ns("resource")) is None
    assert text(root, "info/headline").startswith("Arrested")


def test_cancel_carries_the_reason(tmp_path: Path, photo: CapPhoto) -> None:
    campaign, registry = campaign_and_registry(tmp_path)
    life = CampaignLife(
        state=CampaignState.CANCELLED,
        outcome="cancelled",
        launched_at=LAUNCHED,
        closed_at=CLOSED,
        reason="Wrong photo attached.",
    )
    root = parse(to_xml(build_alert(campaign, registry, life=life, photo=photo)))
    assert text(root, "msgType") == "Cancel"
    assert text(root, "identifier") == "tps-2026-0412-cancel"
    assert text(root, "references").split(",")[1] == "tps-2026-0412-alert"
    assert "Wrong photo attached." in text(root, "info/description")


def test_exercise_is_marked_everywhere(tmp_path: Path, photo: CapPhoto) -> None:
    campaign, registry = campaign_and_registry(tmp_path, status="exercise")
    life = CampaignLife(state=CampaignState.LAUNCHED, launched_at=LAUNCHED)
    root = parse(to_xml(build_alert(campaign, registry, life=life, photo=photo)))
    assert text(root, "status") == "Exercise"
    assert "drill" in text(root, "note")
    for info in root.findall(_ns("info")):
        assert text(info, "headline").startswith(("EXERCISE", "EXERCICE"))


def test_text_from_the_campaign_is_escaped(tmp_path: Path) -> None:
    campaign, registry = campaign_and_registry(tmp_path)
    nasty = campaign.model_copy(
        update={"case": campaign.case.model_copy(update={"description": "<b>&amp; ]]>"})}
    )
    xml = to_xml(build_alert(nasty, registry, life=CampaignLife(), now=LAUNCHED))
    root = parse(xml)
    assert text(root, "info/description").startswith("<b>&amp; ]]>")
    assert b"<b>" not in xml
