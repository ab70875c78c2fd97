"""CAP 1.2 output validated against the official OASIS CAP 1.2 schema (tests/data/CAP-v1.2.xsd,
with lxml) and checked against its element sequences and value lists, without a network."""

from __future__ import annotations

import base64
import hashlib
import io
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image

from broadcaster.authoring.agencies import load_registry
from broadcaster.authoring.campaigns import load_campaign
from broadcaster.campaign.cap import (
    CAP_NS,
    HEADLINE_MAX,
    CampaignLife,
    CapPhoto,
    build_alert,
    clip_headline,
    to_xml,
)
from broadcaster.errors import CampaignInvalid
from broadcaster.states import CampaignState

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "data" / "CAP-v1.2.xsd")))


def validate_xsd(xml: bytes) -> None:
    """The message is valid against the OASIS CAP 1.2 schema (the error says where not)."""
    document = etree.fromstring(xml)
    if not SCHEMA.validate(document):
        raise AssertionError(f"not valid CAP 1.2: {SCHEMA.error_log.last_error}")


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
    validate_xsd(xml)
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


def campaign_and_registry(  # type: ignore[no-untyped-def]
    tmp_path: Path, status: str = "actual", *, extra: str = "", expires: bool = True
):
    (tmp_path / "agencies.toml").write_text(AGENCIES)
    (tmp_path / "suspect.jpg").write_bytes(b"not read here")
    text = CAMPAIGN.replace("{status}", status) + extra
    if not expires:
        text = text.replace("expires_at = 2026-12-23T00:00:00Z\n", "")
    (tmp_path / "c.toml").write_text(text)
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


AREA = """
[case.area]
description = "Saint John and Rothesay, New Brunswick"
circle = "45.2733,-66.0633 25"
polygon = ["45.20,-66.20", "45.40,-66.20", "45.40,-65.90", "45.20,-65.90", "45.20,-66.20"]
geocodes = [{ valueName = "profile:CAP-CP:Location:0.3", value = "1301006" }]
"""


def test_the_case_area_feeds_area(tmp_path: Path) -> None:
    campaign, registry = campaign_and_registry(tmp_path, extra=AREA)
    life = CampaignLife(state=CampaignState.LAUNCHED, launched_at=LAUNCHED)
    root = parse(to_xml(build_alert(campaign, registry, life=life)))
    for info in root.findall(_ns("info")):
        assert text(info, "area/areaDesc") == "Saint John and Rothesay, New Brunswick"
        assert text(info, "area/circle") == "45.2733,-66.0633 25"
        assert text(info, "area/polygon").split(" ")[0] == "45.20,-66.20"
        assert len(text(info, "area/polygon").split(" ")) == 5
        assert text(info, "area/geocode/valueName") == "profile:CAP-CP:Location:0.3"
        assert text(info, "area/geocode/value") == "1301006"


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        (
            'circle = "45.27,-66.06 0"',
            "case.area.circle: the radius in '45.27,-66.06 0' must be more than 0 km.",
        ),
        ('circle = "45.27 25"', "case.area.circle: '45.27 25' is not \"lat,lon radius_km\""),
        (
            'circle = "91,-66.06 5"',
            "case.area.circle: the centre '91,-66.06': latitude 91 is not between -90 and 90.",
        ),
        (
            'polygon = ["45,-66", "46,-66", "46,-65", "45.5,-66"]',
            "case.area.polygon: the polygon is not closed: the last point '45.5,-66' must "
            "repeat the first '45,-66'.",
        ),
        (
            'polygon = ["45,-66", "46,-66", "45,-66"]',
            "case.area.polygon: a polygon needs at least 4 points (3 corners and the first "
            "again); it has 3.",
        ),
        (
            'polygon = ["45,-66", "46,-181", "46,-65", "45,-66"]',
            "case.area.polygon: point 2 '46,-181': longitude -181 is not between -180 and 180.",
        ),
        (
            'geocodes = [{ valueName = "SAME", value = "" }]',
            "case.area.geocodes[0].value: it is empty.",
        ),
        ('colour = "red"', "unknown field 'case.area.colour'"),
    ],
)
def test_a_wrong_area_is_refused_at_its_line(tmp_path: Path, line: str, sentence: str) -> None:
    with pytest.raises(CampaignInvalid) as caught:
        campaign_and_registry(tmp_path, extra=f"\n[case.area]\n{line}\n")
    lines = CAMPAIGN.count("\n") + 3
    assert str(caught.value).startswith(f"{tmp_path / 'c.toml'}:{lines}: {sentence}")


def test_a_campaign_without_area_still_has_an_area_desc(tmp_path: Path) -> None:
    campaign, registry = campaign_and_registry(tmp_path)
    root = parse(to_xml(build_alert(campaign, registry, life=CampaignLife(), now=LAUNCHED)))
    area = root.find(_ns("info/area"))
    assert area is not None and [c.tag.removeprefix(NS) for c in area] == ["areaDesc"]


def test_a_draft_is_its_own_message(tmp_path: Path, photo: CapPhoto) -> None:
    campaign, registry = campaign_and_registry(tmp_path, status="exercise")
    now = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    root = parse(to_xml(build_alert(campaign, registry, life=CampaignLife(), now=now)))
    assert text(root, "status") == "Draft"
    assert text(root, "msgType") == "Alert"
    assert text(root, "identifier") == "tps-2026-0412-draft-20261120T100000Z"
    assert text(root, "sent") == "2026-11-20T10:00:00-00:00"
    assert root.find(_ns("references")) is None


def test_a_cancel_during_the_countdown_references_nothing(tmp_path: Path) -> None:
    campaign, registry = campaign_and_registry(tmp_path, extra="", expires=True)
    countdown = campaign.model_copy(update={"launch_at": datetime(2026, 11, 27, 6, tzinfo=UTC)})
    life = CampaignLife(state=CampaignState.CANCELLED, outcome="cancelled", closed_at=CLOSED)
    root = parse(to_xml(build_alert(countdown, registry, life=life)))
    assert text(root, "msgType") == "Cancel"
    assert text(root, "identifier") == "tps-2026-0412-cancel"
    assert root.find(_ns("references")) is None
    assert "before it was sent" in text(root, "info/description")
    assert text(root, "info/headline") == "Cancelled before it was sent"
    assert "2026-11-27T06" not in to_xml(build_alert(countdown, registry, life=life)).decode()


@pytest.mark.parametrize(
    ("life", "expires"),
    [
        (
            CampaignLife(state=CampaignState.LAUNCHED, launched_at=LAUNCHED),
            "2026-11-24T14:00:00-00:00",
        ),
        (
            CampaignLife(
                state=CampaignState.RESOLVED,
                outcome="found",
                launched_at=LAUNCHED,
                closed_at=CLOSED,
            ),
            "2026-11-26T09:30:00-00:00",
        ),
        (
            CampaignLife(
                state=CampaignState.CANCELLED,
                outcome="cancelled",
                launched_at=LAUNCHED,
                closed_at=CLOSED,
            ),
            "2026-11-26T09:30:00-00:00",
        ),
    ],
)
def test_every_message_expires(tmp_path: Path, life: CampaignLife, expires: str) -> None:
    """Without expires_at an alert expires 24 h after it was sent; an update or cancel, 24 h
    after it is sent."""
    campaign, registry = campaign_and_registry(tmp_path, expires=False)
    assert campaign.expires_at is None
    root = parse(to_xml(build_alert(campaign, registry, life=life)))
    assert [text(i, "expires") for i in root.findall(_ns("info"))] == [expires, expires]


def test_without_expires_at_the_repost_plan_end_is_the_expiry(tmp_path: Path) -> None:
    plan = '\n[[reposts]]\nevery = "12h"\nuntil = 2026-11-30T00:00:00Z\n'
    campaign, registry = campaign_and_registry(tmp_path, extra=plan, expires=False)
    life = CampaignLife(state=CampaignState.LAUNCHED, launched_at=LAUNCHED)
    root = parse(to_xml(build_alert(campaign, registry, life=life)))
    assert text(root, "info/expires") == "2026-11-30T00:00:00-00:00"


def test_a_long_headline_is_cut_at_a_word_under_160(tmp_path: Path) -> None:
    campaign, registry = campaign_and_registry(tmp_path)
    offence = "robbery " * 30
    long = campaign.model_copy(
        update={"case": campaign.case.model_copy(update={"offence": offence.strip()})}
    )
    root = parse(to_xml(build_alert(long, registry, life=CampaignLife(), now=LAUNCHED)))
    headline = text(root, "info/headline")
    assert len(headline) < HEADLINE_MAX
    assert headline.endswith("robbery…")


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_clip_headline_is_always_under_160(value: str) -> None:
    clipped = clip_headline(value)
    assert len(clipped) < HEADLINE_MAX
    if len(" ".join(value.split())) < HEADLINE_MAX:
        assert clipped == " ".join(value.split())
    else:
        assert clipped.endswith("…")


def test_the_schema_catches_a_broken_message(tmp_path: Path) -> None:
    """The shipped schema really validates: an element out of order is refused."""
    campaign, registry = campaign_and_registry(tmp_path)
    root = build_alert(campaign, registry, life=CampaignLife(), now=LAUNCHED)
    status = root.find(_ns("status"))
    assert status is not None
    root.remove(status)
    root.append(status)
    with pytest.raises(AssertionError, match=r"not valid CAP 1\.2"):
        validate_xsd(to_xml(root))
