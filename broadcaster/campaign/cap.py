"""The campaign as an OASIS Common Alerting Protocol 1.2 message (`export-cap`).

One `info` block per language the campaign's agencies speak. The message type follows the
campaign's life: an `Alert` while it runs, an `Update` once resolved, a `Cancel` once
cancelled as sent in error; the later two carry `references` to the alert. Drills are
`status=Exercise`. The photo travels as a `resource` with its bytes (`derefUri`), size and
SHA-1 digest (CAP 1.2 names SHA-1); it is left out of updates and cancels, because the
photo posts come down when a case ends.

Elements are written in the order the CAP 1.2 schema's sequences require.
"""

from __future__ import annotations

import base64
import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from broadcaster.states import CampaignState
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.agencies import Agency, Registry
    from broadcaster.authoring.campaigns import Campaign
    from broadcaster.config import Settings

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
HEADLINE_MAX = 160  # CAP 1.2 advises headlines under 160 characters

CATEGORY = {"wanted": "Security", "missing": "Rescue", "appeal": "Security"}
# urgency, severity, certainty, responseType while the appeal runs
RUNNING = {
    "wanted": ("Immediate", "Severe", "Likely", "Avoid"),
    "missing": ("Immediate", "Severe", "Likely", "Monitor"),
    "appeal": ("Expected", "Moderate", "Possible", "Monitor"),
}
ENDED = ("Past", "Minor", "Observed", "AllClear")

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "event.wanted": "Wanted person",
        "event.missing": "Missing person",
        "event.appeal": "Police appeal for information",
        "headline.wanted": "Wanted: {offence}",
        "headline.missing": "Missing: {who}",
        "headline.appeal": "Appeal for information: {what}",
        "last_seen": "Last seen: {last_seen}.",
        "instruction.wanted": "Do not approach. If you have information, call {tips}.",
        "instruction.other": "If you have information, call {tips}.",
        "outcome.arrested": "Arrested",
        "outcome.found": "Found",
        "outcome.withdrawn": "Appeal withdrawn",
        "update": "Case {number}: {outcome}. Thank you to everyone who shared the appeal; "
        "the earlier posts with the photo have been removed.",
        "cancel.headline": "Cancelled: alert sent in error",
        "cancel": "The alert for case {number} was sent in error and is cancelled. {reason}",
        "update.instruction": "No further action is needed.",
        "exercise": "EXERCISE",
        "exercise.note": "Exercise: a drill; no action is needed.",
        "photo": "Photo: {alt}",
        "case": "case {number}",
    },
    "fr": {
        "event.wanted": "Personne recherchée",
        "event.missing": "Personne disparue",
        "event.appeal": "Appel à témoins de la police",
        "headline.wanted": "Recherché : {offence}",
        "headline.missing": "Disparition : {who}",
        "headline.appeal": "Appel à témoins : {what}",
        "last_seen": "Vu pour la dernière fois : {last_seen}.",
        "instruction.wanted": "N'intervenez pas. Si vous avez des informations, appelez le {tips}.",
        "instruction.other": "Si vous avez des informations, appelez le {tips}.",
        "outcome.arrested": "Arrestation",
        "outcome.found": "Personne retrouvée",
        "outcome.withdrawn": "Appel retiré",
        "update": "Dossier {number} : {outcome}. Merci à toutes les personnes qui ont "
        "partagé l'appel ; les publications précédentes avec la photo ont été retirées.",
        "cancel.headline": "Annulé : alerte envoyée par erreur",
        "cancel": "L'alerte du dossier {number} a été envoyée par erreur et est annulée. {reason}",
        "update.instruction": "Aucune autre action n'est nécessaire.",
        "exercise": "EXERCICE",
        "exercise.note": "Exercice : aucune action n'est nécessaire.",
        "photo": "Photo : {alt}",
        "case": "dossier {number}",
    },
}


@dataclass(frozen=True)
class CapPhoto:
    """The photo as it is posted (EXIF stripped)."""

    data: bytes
    mime_type: str


@dataclass(frozen=True)
class CampaignLife:
    """What the database knows of the campaign's life."""

    state: str = CampaignState.DRAFT
    outcome: str | None = None  # arrested, found, withdrawn (resolved) or cancelled
    launched_at: datetime | None = None
    closed_at: datetime | None = None
    reason: str | None = None  # a cancel's reason


def cap_time(value: datetime) -> str:
    """CAP dateTime: seconds, an explicit offset, and `-00:00` for UTC (never `Z`)."""
    return as_utc(value).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%S-00:00")


def msg_type(life: CampaignLife) -> str:
    if life.state == CampaignState.CANCELLED:
        return "Cancel"
    if life.state == CampaignState.RESOLVED:
        return "Update"
    return "Alert"


def _phrases(language: str) -> dict[str, str]:
    return PHRASES.get(language.split("-")[0].lower(), PHRASES["en"])


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host or None


def sender_of(campaign: Campaign, lead: Agency) -> str:
    host = _host(campaign.link) or _host(lead.tip_url)
    return f"{lead.key}@{host}" if host else lead.key


def _alert_sent(campaign: Campaign, life: CampaignLife, now: datetime) -> datetime:
    return life.launched_at or campaign.launch_at or now


def _clip(text: str, limit: int = HEADLINE_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _languages(campaign: Campaign, registry: Registry) -> dict[str, list[Agency]]:
    """Language tag -> the campaign's agencies using it; the lead's language first."""
    lead = registry.get(campaign.lead)
    order = [lead, *(registry.get(k) for k in campaign.agencies if k != campaign.lead)]
    out: dict[str, list[Agency]] = {}
    for agency in order:
        out.setdefault(agency.language, []).append(agency)
    return out


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{CAP_NS}}}{tag}")
    if text is not None:
        element.text = text
    return element


def build_alert(
    campaign: Campaign,
    registry: Registry,
    *,
    life: CampaignLife,
    photo: CapPhoto | None = None,
    now: datetime | None = None,
) -> ET.Element:
    """The CAP `alert` element for the campaign at this point of its life."""
    now = as_utc(now or utcnow())
    lead = registry.get(campaign.lead)
    sender = sender_of(campaign, lead)
    kind = msg_type(life)
    alert_id = f"{campaign.id}-alert"
    alert_sent = _alert_sent(campaign, life, now)
    if kind == "Alert":
        identifier, sent = alert_id, alert_sent
    else:
        suffix = "cancel" if kind == "Cancel" else f"update-{life.outcome or 'resolved'}"
        identifier, sent = f"{campaign.id}-{suffix}", life.closed_at or now

    root = ET.Element(f"{{{CAP_NS}}}alert")
    _sub(root, "identifier", identifier)
    _sub(root, "sender", sender)
    _sub(root, "sent", cap_time(sent))
    _sub(root, "status", "Exercise" if campaign.is_exercise else "Actual")
    _sub(root, "msgType", kind)
    _sub(root, "source", "broadcaster")
    _sub(root, "scope", "Public")
    if campaign.is_exercise:
        _sub(root, "note", _phrases(lead.language)["exercise.note"])
    if kind != "Alert":
        _sub(root, "references", f"{sender},{alert_id},{cap_time(alert_sent)}")
    _sub(root, "incidents", campaign.case.number.replace(" ", "_"))

    for language, agencies in _languages(campaign, registry).items():
        _info(root, campaign, lead, language, agencies, kind, life, photo, sent)
    return root


def _info(
    root: ET.Element,
    campaign: Campaign,
    lead: Agency,
    language: str,
    agencies: Sequence[Agency],
    kind: str,
    life: CampaignLife,
    photo: CapPhoto | None,
    sent: datetime,
) -> None:
    words = _phrases(language)
    case = campaign.case.localized(language, lead.language)
    running = kind == "Alert"
    urgency, severity, certainty, response = RUNNING[campaign.kind] if running else ENDED

    info = _sub(root, "info")
    _sub(info, "language", language)
    _sub(info, "category", CATEGORY[campaign.kind])
    _sub(info, "event", words[f"event.{campaign.kind}"])
    _sub(info, "responseType", response)
    _sub(info, "urgency", urgency)
    _sub(info, "severity", severity)
    _sub(info, "certainty", certainty)
    _sub(info, "effective", cap_time(sent))
    if running and campaign.expires_at is not None:
        _sub(info, "expires", cap_time(campaign.expires_at))
    _sub(info, "senderName", lead.name)

    case_words = words["case"].format(number=case["number"])
    if kind == "Alert":
        headline = words[f"headline.{campaign.kind}"].format(
            offence=case.get("offence") or case_words,
            who=case.get("name") or case.get("description") or case_words,
            what=case.get("offence") or case_words,
        )
        parts = [case["description"]]
        if case.get("last_seen"):
            parts.append(words["last_seen"].format(last_seen=case["last_seen"]))
        description = " ".join(parts)
        tips = ", ".join(dict.fromkeys(a.tip_line for a in agencies))
        which = "instruction.wanted" if campaign.kind == "wanted" else "instruction.other"
        instruction = words[which].format(tips=tips)
    elif kind == "Update":
        outcome = words.get(f"outcome.{life.outcome}", life.outcome or "")
        headline = f"{outcome}: {case.get('offence') or case_words}"
        description = words["update"].format(number=case["number"], outcome=outcome.lower())
        instruction = words["update.instruction"]
    else:
        headline = words["cancel.headline"]
        description = words["cancel"].format(number=case["number"], reason=life.reason or "")
        instruction = words["update.instruction"]
    if campaign.is_exercise:
        headline = f"{words['exercise']} — {headline}"
    _sub(info, "headline", _clip(headline))
    _sub(info, "description", description.strip())
    _sub(info, "instruction", instruction)
    web = campaign.link or lead.tip_url
    if web:
        _sub(info, "web", web)
    _sub(info, "contact", "; ".join(f"{a.name}: {a.tip_line}" for a in agencies))
    parameter = _sub(info, "parameter")
    _sub(parameter, "valueName", "caseNumber")
    _sub(parameter, "value", case["number"])

    if running and photo is not None:
        resource = _sub(info, "resource")
        alt = case.get("photo_alt") or case_words
        _sub(resource, "resourceDesc", words["photo"].format(alt=alt))
        _sub(resource, "mimeType", photo.mime_type)
        _sub(resource, "size", str(len(photo.data)))
        _sub(resource, "derefUri", base64.b64encode(photo.data).decode("ascii"))
        _sub(resource, "digest", hashlib.sha1(photo.data).hexdigest())  # CAP 1.2 names SHA-1

    area = _sub(info, "area")
    _sub(area, "areaDesc", case.get("last_seen") or ", ".join(a.name for a in agencies))


def to_xml(alert: ET.Element) -> bytes:
    """UTF-8 XML with its declaration, CAP as the default namespace, indented."""
    tree = ET.ElementTree(alert)
    ET.indent(tree)
    return ET.tostring(alert, encoding="utf-8", xml_declaration=True, default_namespace=CAP_NS)


def campaign_life(engine: Engine, campaign_id: str) -> CampaignLife:
    """The campaign's state, times and outcome from the database (draft if unknown)."""
    from sqlmodel import Session, col, select

    from broadcaster.storage.models import AuditEntry, CampaignRecord

    with Session(engine) as session:
        record = session.get(CampaignRecord, campaign_id)
        if record is None:
            return CampaignLife()
        reason = None
        if record.state == CampaignState.CANCELLED:
            entry = session.exec(
                select(AuditEntry)
                .where(AuditEntry.campaign_id == campaign_id, AuditEntry.action == "cancel")
                .order_by(col(AuditEntry.seq).desc())
            ).first()
            if entry is not None:
                reason = json.loads(entry.detail).get("reason")
        return CampaignLife(
            state=record.state,
            outcome=record.outcome,
            launched_at=record.launched_at,
            closed_at=record.closed_at,
            reason=reason,
        )


def export_cap(
    settings: Settings,
    campaign: str | Path,
    *,
    now: datetime | None = None,
    engine: Engine | None = None,
) -> bytes:
    """The CAP 1.2 XML of a campaign (its file, or its id), following its life in the database."""
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.campaign.lifecycle import campaign_file
    from broadcaster.storage.db import open_db

    db = engine if engine is not None else open_db(settings.db_url)
    try:
        path = campaign_file(db, campaign)
        prepared = prepare_campaign(path, settings, check_credentials=False)
        life = campaign_life(db, prepared.campaign.id)
    finally:
        if engine is None:
            db.dispose()
    photo = None
    if prepared.photo is not None:
        photo = CapPhoto(data=prepared.photo.data, mime_type=prepared.photo.mime_type)
    alert = build_alert(
        prepared.campaign, prepared.registry, life=life, photo=photo, now=now or utcnow()
    )
    return to_xml(alert)
