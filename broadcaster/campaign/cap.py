"""The campaign as an OASIS Common Alerting Protocol 1.2 message (`export-cap`).

One `info` block per language the campaign's agencies speak. Every message has its own
identifier: the alert (`<id>-alert`, sent when the first post went out), each mid-case
update (`<id>-update-<N>`, sent when its first reply went out), the update once resolved
(`<id>-update-<outcome>`), the cancel (`<id>-cancel`). An Update or Cancel references the
alert only if the alert was really sent (`launched_at` is set), and the mid-case updates
before it that were really sent: a cancel during the countdown references nothing. A live
campaign exports its latest message (its newest update once one went out); `update`
picks one. A campaign that has sent nothing yet exports as a
draft: `status=Draft`, its own identifier (`<id>-draft-<time>`), never the alert's. Drills
are `status=Exercise`. The photo travels as a `resource` with its bytes (`derefUri`), size
and SHA-1 digest (CAP 1.2 names SHA-1); it is left out of updates and cancels, because the
photo posts come down when a case ends.

`expires` is on every message: the campaign's `expires_at`; without one, the end of its
last repost plan (`until`) if that is later than the sent time, else 24 hours after it
(reposts keep an appeal in view about a day at a time; an alerting network must not show an
appeal nobody re-checked for longer). An Update or Cancel expires 24 hours after it is sent:
long enough for people who saw the alert to see that it ended.

`[case.area]` feeds `<area>` (areaDesc, polygon, circle, geocodes); without it, areaDesc is
the last-seen place (else the agencies' names) and there is no geometry.

With a profile (`google`, `ipaws`, `cap-cp`) the message carries what that network needs
(version code, event codes, language tags, times in the lead agency's zone) and
`check_profile` refuses, naming the field, what its validator would reject. The rules are
those of the networks' published profiles (README, "CAP for the alerting networks").

Elements are written in the order the CAP 1.2 schema's sequences require.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from broadcaster.errors import CapProfileBreach
from broadcaster.states import CAMPAIGN_LIVE, CampaignState
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.agencies import Agency, Registry
    from broadcaster.authoring.campaigns import Campaign
    from broadcaster.config import Settings

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
HEADLINE_MAX = 160  # CAP 1.2: a headline SHOULD be less than 160 characters
MESSAGE_LIFETIME = timedelta(hours=24)  # expires, when the campaign gives no end

Profile = Literal["google", "ipaws", "cap-cp"]
PROFILES: tuple[Profile, ...] = ("google", "ipaws", "cap-cp")
PROFILE_NAMES = {
    "google": "Google Public Alerts",
    "ipaws": "IPAWS (CAP 1.2 IPAWS profile 1.0)",
    "cap-cp": "CAP-CP (the Canadian profile)",
}
IPAWS_CODE = "IPAWSv1.0"
CAP_CP_CODE = "profile:CAP-CP:0.4"
CAP_CP_EVENT = "profile:CAP-CP:Event:0.4"
CAP_CP_LOCATION = "profile:CAP-CP:Location:0.3"
# SAME event codes (47 CFR 11.31): LEW Law Enforcement Warning, MEP Missing and Endangered
# Persons. CAP-CP event codes (CAP-CP Event References 0.4): crime, missingPer.
SAME_EVENT = {"wanted": "LEW", "missing": "MEP", "appeal": "LEW"}
CAP_CP_EVENTS = {"wanted": "crime", "missing": "missingPer", "appeal": "crime"}
CAP_CP_LANGUAGES = {"en": "en-CA", "fr": "fr-CA"}
_SGC = re.compile(r"^(\d{2}|\d{4}|\d{7})$")  # province, census division, subdivision
_SAME_EVENT = re.compile(r"^[A-Z]{3}$")

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
        "cancel.unsent.headline": "Cancelled before it was sent",
        "cancel": "The alert for case {number} was sent in error and is cancelled. {reason}",
        "cancel.unsent": "The alert for case {number} was cancelled before it was sent. {reason}",
        "update.instruction": "No further action is needed.",
        "headline.note": "Update {number}: {what}",
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
        "cancel.unsent.headline": "Annulé avant d'être envoyé",
        "cancel": "L'alerte du dossier {number} a été envoyée par erreur et est annulée. {reason}",
        "cancel.unsent": "L'alerte du dossier {number} a été annulée avant d'être envoyée. "
        "{reason}",
        "update.instruction": "Aucune autre action n'est nécessaire.",
        "headline.note": "Mise à jour {number} : {what}",
        "exercise": "EXERCICE",
        "exercise.note": "Exercice : aucune action n'est nécessaire.",
        "photo": "Photo : {alt}",
        "case": "dossier {number}",
    },
}


@dataclass(frozen=True)
class CapPhoto:
    """The photo as it is posted (EXIF stripped). `alt`: an update's new photo's own alt
    texts (language -> text), which describe it where the campaign's describe the photo it
    replaced; empty for the campaign's photo (and an update signed before they existed)."""

    data: bytes
    mime_type: str
    alt: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SentUpdate:
    """A mid-case update that went out: its number, when its first reply did, its notes
    (language -> text) and its new photo, if it brought one."""

    number: int
    sent: datetime
    notes: Mapping[str, str]
    photo: CapPhoto | None = None


@dataclass(frozen=True)
class CampaignLife:
    """What the database knows of the campaign's life."""

    state: str = CampaignState.DRAFT
    outcome: str | None = None  # arrested, found, withdrawn (resolved) or cancelled
    launched_at: datetime | None = None  # when the first post went out; None: nothing did
    closed_at: datetime | None = None
    reason: str | None = None  # a cancel's reason
    updates: tuple[SentUpdate, ...] = ()  # mid-case updates really sent, oldest first
    # Which mid-case update this export is (a live campaign; None: the alert).
    current_update: int | None = None

    def update(self, number: int) -> SentUpdate | None:
        return next((u for u in self.updates if u.number == number), None)


@dataclass(frozen=True)
class Message:
    """What one CAP message is: its type, status, identity, times and references."""

    kind: str  # msgType: Alert, Update, Cancel
    status: str  # Actual, Exercise, Draft
    identifier: str
    sent: datetime
    expires: datetime
    # (sender, identifier, sent) of each earlier message: the alert, then earlier updates
    references: tuple[tuple[str, str, datetime], ...] | None
    update: SentUpdate | None = None  # a mid-case update's message


def cap_time(value: datetime, zone: tzinfo | None = None) -> str:
    """CAP dateTime: seconds and an explicit offset; UTC is `-00:00` (never `Z`)."""
    value = as_utc(value).replace(microsecond=0)
    if zone is None:
        return value.strftime("%Y-%m-%dT%H:%M:%S-00:00")
    local = value.astimezone(zone)
    offset = local.strftime("%z") or "+0000"
    offset = "-00:00" if offset in ("+0000", "-0000") else f"{offset[:3]}:{offset[3:]}"
    return local.strftime("%Y-%m-%dT%H:%M:%S") + offset


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


def alert_expiry(campaign: Campaign, sent: datetime) -> datetime:
    """The alert's `expires`: expires_at, else the last repost plan's end, else sent + 24 h."""
    if campaign.expires_at is not None:
        return as_utc(campaign.expires_at)
    ends = [as_utc(p.until) for p in campaign.reposts if p.until is not None]
    later = [end for end in ends if end > as_utc(sent)]
    return max(later) if later else as_utc(sent) + MESSAGE_LIFETIME


def plan_message(campaign: Campaign, life: CampaignLife, sender: str, now: datetime) -> Message:
    """Which message this export is, from the campaign's life."""
    status = "Exercise" if campaign.is_exercise else "Actual"
    alert_id = f"{campaign.id}-alert"
    alert_sent = as_utc(life.launched_at) if life.launched_at is not None else None
    kind = msg_type(life)

    def earlier(before: int | None) -> tuple[tuple[str, str, datetime], ...] | None:
        """The alert and the updates before `before` (None: all), if the alert went out."""
        if alert_sent is None:
            return None
        updates = [u for u in life.updates if before is None or u.number < before]
        return (
            (sender, alert_id, alert_sent),
            *((sender, f"{campaign.id}-update-{u.number}", as_utc(u.sent)) for u in updates),
        )

    if kind != "Alert":
        suffix = "cancel" if kind == "Cancel" else f"update-{life.outcome or 'resolved'}"
        sent = as_utc(life.closed_at or now)
        return Message(
            kind, status, f"{campaign.id}-{suffix}", sent, sent + MESSAGE_LIFETIME, earlier(None)
        )
    current = life.update(life.current_update) if life.current_update is not None else None
    if current is not None and alert_sent is not None:
        sent = as_utc(current.sent)
        return Message(
            "Update",
            status,
            f"{campaign.id}-update-{current.number}",
            sent,
            alert_expiry(campaign, sent),
            earlier(current.number),
            current,
        )
    if alert_sent is None:  # nothing went out: a draft of the alert, a message of its own
        stamp = now.strftime("%Y%m%dT%H%M%SZ")
        draft_id = f"{campaign.id}-draft-{stamp}"
        return Message("Alert", "Draft", draft_id, now, alert_expiry(campaign, now), None)
    return Message("Alert", status, alert_id, alert_sent, alert_expiry(campaign, alert_sent), None)


def clip_headline(text: str, limit: int = HEADLINE_MAX - 1) -> str:
    """At most `limit` characters, cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-—–") + "…"


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


def _pair(parent: ET.Element, tag: str, name: str, value: str) -> None:
    element = _sub(parent, tag)
    _sub(element, "valueName", name)
    _sub(element, "value", value)


def _language_tag(language: str, profile: Profile | None) -> str:
    if profile == "cap-cp":
        return CAP_CP_LANGUAGES.get(language.split("-")[0].lower(), language)
    return language


def build_alert(
    campaign: Campaign,
    registry: Registry,
    *,
    life: CampaignLife,
    photo: CapPhoto | None = None,
    now: datetime | None = None,
    profile: Profile | None = None,
) -> ET.Element:
    """The CAP `alert` element for the campaign at this point of its life."""
    now = as_utc(now or utcnow()).replace(microsecond=0)
    lead = registry.get(campaign.lead)
    sender = sender_of(campaign, lead)
    message = plan_message(campaign, life, sender, now)
    zone = lead.zone if profile is not None else None

    root = ET.Element(f"{{{CAP_NS}}}alert")
    _sub(root, "identifier", message.identifier)
    _sub(root, "sender", sender)
    _sub(root, "sent", cap_time(message.sent, zone))
    _sub(root, "status", message.status)
    _sub(root, "msgType", message.kind)
    _sub(root, "source", "broadcaster")
    _sub(root, "scope", "Public")
    if profile == "ipaws":
        _sub(root, "code", IPAWS_CODE)
    elif profile == "cap-cp":
        _sub(root, "code", CAP_CP_CODE)
    if campaign.is_exercise:
        _sub(root, "note", _phrases(lead.language)["exercise.note"])
    if message.references is not None:
        _sub(
            root,
            "references",
            " ".join(f"{who},{ref},{cap_time(at, zone)}" for who, ref, at in message.references),
        )
    _sub(root, "incidents", campaign.case.number.replace(" ", "_"))

    for language, agencies in _languages(campaign, registry).items():
        _info(root, campaign, lead, language, agencies, message, life, photo, profile)
    return root


def _info(
    root: ET.Element,
    campaign: Campaign,
    lead: Agency,
    language: str,
    agencies: Sequence[Agency],
    message: Message,
    life: CampaignLife,
    photo: CapPhoto | None,
    profile: Profile | None,
) -> None:
    words = _phrases(language)
    case = campaign.case.localized(language, lead.language)
    kind = message.kind
    running = kind == "Alert" or message.update is not None  # a mid-case update: still on
    urgency, severity, certainty, response = RUNNING[campaign.kind] if running else ENDED
    zone = lead.zone if profile is not None else None

    info = _sub(root, "info")
    _sub(info, "language", _language_tag(language, profile))
    _sub(info, "category", CATEGORY[campaign.kind])
    _sub(info, "event", words[f"event.{campaign.kind}"])
    _sub(info, "responseType", response)
    _sub(info, "urgency", urgency)
    _sub(info, "severity", severity)
    _sub(info, "certainty", certainty)
    if profile == "ipaws":
        _pair(info, "eventCode", "SAME", SAME_EVENT[campaign.kind])
    elif profile == "cap-cp":
        _pair(info, "eventCode", CAP_CP_EVENT, CAP_CP_EVENTS[campaign.kind])
    _sub(info, "effective", cap_time(message.sent, zone))
    _sub(info, "expires", cap_time(message.expires, zone))
    _sub(info, "senderName", lead.name)

    case_words = words["case"].format(number=case["number"])
    if message.update is not None:
        notes = message.update.notes
        note = notes.get(language) or notes.get(language.split("-")[0]) or ""
        headline = words["headline.note"].format(
            number=message.update.number, what=case.get("offence") or case_words
        )
        description = note or words["case"].format(number=case["number"])
        tips = ", ".join(dict.fromkeys(a.tip_line for a in agencies))
        which = "instruction.wanted" if campaign.kind == "wanted" else "instruction.other"
        instruction = words[which].format(tips=tips)
    elif kind == "Alert":
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
        which = "cancel" if message.references is not None else "cancel.unsent"
        headline = words[f"{which}.headline"]
        description = words[which].format(number=case["number"], reason=life.reason or "")
        instruction = words["update.instruction"]
    if campaign.is_exercise:
        headline = f"{words['exercise']} — {headline}"
    _sub(info, "headline", clip_headline(headline))
    _sub(info, "description", description.strip())
    _sub(info, "instruction", instruction)
    web = campaign.link or lead.tip_url
    if web:
        _sub(info, "web", web)
    _sub(info, "contact", "; ".join(f"{a.name}: {a.tip_line}" for a in agencies))
    parameter = _sub(info, "parameter")
    _sub(parameter, "valueName", "caseNumber")
    _sub(parameter, "value", case["number"])

    if message.update is not None and message.update.photo is not None:
        photo = message.update.photo  # the new photo replaced the alert's
    if running and photo is not None:
        resource = _sub(info, "resource")
        own = photo.alt.get(language) or photo.alt.get(language.split("-")[0])
        alt = own or case.get("photo_alt") or case_words
        _sub(resource, "resourceDesc", words["photo"].format(alt=alt))
        _sub(resource, "mimeType", photo.mime_type)
        _sub(resource, "size", str(len(photo.data)))
        _sub(resource, "derefUri", base64.b64encode(photo.data).decode("ascii"))
        _sub(resource, "digest", hashlib.sha1(photo.data).hexdigest())  # CAP 1.2 names SHA-1

    given = campaign.case.area
    area = _sub(info, "area")
    fallback = case.get("last_seen") or ", ".join(a.name for a in agencies)
    _sub(area, "areaDesc", (given.description if given else None) or fallback)
    if given is not None:
        if given.polygon:
            _sub(area, "polygon", " ".join(given.polygon))
        if given.circle:
            _sub(area, "circle", given.circle)
        for geocode in given.geocodes:
            _pair(area, "geocode", geocode.value_name, geocode.value)


# -- the alerting networks' profiles -----------------------------------------------------


def _find(element: ET.Element, path: str) -> list[ET.Element]:
    return element.findall("/".join(f"{{{CAP_NS}}}{part}" for part in path.split("/")))


def _text(element: ET.Element, path: str) -> str:
    found = _find(element, path)
    return (found[0].text or "").strip() if found else ""


def _pairs(element: ET.Element, tag: str) -> list[tuple[str, str]]:
    return [(_text(e, "valueName"), _text(e, "value")) for e in _find(element, tag)]


def _offset_is_zero(value: str) -> bool:
    return value.endswith(("+00:00", "-00:00", "Z"))


def _instant(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def profile_problems(
    alert: ET.Element, profile: Profile, campaign: Campaign, registry: Registry
) -> list[str]:
    """Each rule of `profile` the alert breaks, as a sentence naming the field to fix."""
    lead = registry.get(campaign.lead)
    network = PROFILE_NAMES[profile]
    out: list[str] = []
    kind = _text(alert, "msgType")
    if kind in ("Update", "Cancel") and not _text(alert, "references"):
        out.append(
            f"references: {network} refuses a{'n' if kind == 'Update' else ''} {kind} "
            f"that references no alert, and campaign {campaign.id} never sent one (nothing "
            "was posted); there is nothing to tell the network."
        )
    if profile == "ipaws":
        if IPAWS_CODE not in [c.text for c in _find(alert, "code")]:
            out.append(f"code: {network} needs <code>{IPAWS_CODE}</code>.")
        if _offset_is_zero(_text(alert, "sent")):
            out.append(
                f"sent: {network} refuses a zero time-zone offset, and the lead agency "
                f"{lead.key}'s timezone {lead.timezone} gives one; set its local zone in "
                "agencies.toml."
            )
    if profile == "cap-cp" and not any(
        (c.text or "").startswith("profile:CAP-CP:") for c in _find(alert, "code")
    ):
        out.append(f"code: {network} needs <code>{CAP_CP_CODE}</code>.")

    infos = _find(alert, "info")
    if not infos:
        out.append(f"info: {network} needs at least one <info> block.")
    for info in infos:
        language = _text(info, "language")
        where = f"the {language} <info>"
        if profile in ("google", "ipaws") and not _text(info, "expires"):
            out.append(f"expires: {network} needs <expires> in {where}.")
        effective = _instant(_text(info, "effective") or _text(alert, "sent"))
        expires = _instant(_text(info, "expires"))
        if profile == "google" and effective and expires and effective > expires:
            out.append(
                f"expires: {network} refuses an alert that expires "
                f"({_text(info, 'expires')}) before it takes effect; set a later "
                f"expires_at in campaign {campaign.id}."
            )
        if profile == "google" and not _text(info, "description"):
            out.append(f"description: {network} needs <description> in {where}.")
        if profile == "google" and not _text(info, "web"):
            out.append(
                f"web: {network} needs a web page in <web>; set link in campaign "
                f"{campaign.id} (or tip_url for agency {lead.key})."
            )
        if profile == "ipaws" and _offset_is_zero(_text(info, "expires")):
            out.append(f"expires: {network} refuses a zero time-zone offset in {where}.")
        if profile == "ipaws":
            same = [v for n, v in _pairs(info, "eventCode") if n == "SAME"]
            if len(same) != 1 or not _SAME_EVENT.match(same[0]):
                out.append(
                    f"eventCode: {network} needs exactly one SAME event code (three "
                    f"letters) in {where}."
                )
        if profile == "cap-cp":
            if language not in CAP_CP_LANGUAGES.values():
                agency = next(
                    (
                        registry.get(k).key
                        for k in campaign.agencies
                        if _language_tag(registry.get(k).language, profile) == language
                    ),
                    lead.key,
                )
                out.append(
                    f"language: {network} takes en-CA or fr-CA, and agency {agency}'s "
                    f"language is {language}."
                )
            events = [v for n, v in _pairs(info, "eventCode") if n.startswith(CAP_CP_EVENT)]
            if not events or any(v not in CAP_CP_EVENTS.values() for v in events):
                out.append(
                    f"eventCode: {network} needs an event code from its list "
                    f"({CAP_CP_EVENT}) in {where}."
                )
        areas = _find(info, "area")
        if not areas:
            out.append(f"area: {network} needs an <area> in {where}.")
        for area in areas:
            if profile == "google" and not (
                _find(area, "polygon") or _find(area, "circle") or _find(area, "geocode")
            ):
                out.append(
                    f"case.area: {network} needs a polygon, circle or geocode in every "
                    f"<area>; add [case.area] with one of them to campaign {campaign.id}."
                )
            if profile == "cap-cp" and not any(
                n.startswith("profile:CAP-CP:Location") and _SGC.match(v)
                for n, v in _pairs(area, "geocode")
            ):
                out.append(
                    f"case.area.geocodes: {network} needs a location geocode in every "
                    f'<area>: add {{ valueName = "{CAP_CP_LOCATION}", value = "<SGC code>" }} '
                    f"to [case.area] geocodes in campaign {campaign.id} (a Statistics "
                    "Canada SGC code of 2, 4 or 7 digits)."
                )
    return list(dict.fromkeys(out))


def check_profile(
    alert: ET.Element, profile: Profile, campaign: Campaign, registry: Registry
) -> None:
    """Refuse (exit 2) an alert the profile's network would reject, naming the field."""
    problems = profile_problems(alert, profile, campaign, registry)
    if problems:
        raise CapProfileBreach(
            f"export-cap --profile {profile}: {problems[0]}",
            data={"campaign": campaign.id, "profile": profile, "problems": problems},
        )


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
    updates = sent_updates(engine, campaign_id)
    return CampaignLife(
        state=record.state,
        outcome=record.outcome,
        launched_at=record.launched_at,
        closed_at=record.closed_at,
        reason=reason,
        updates=updates,
        current_update=updates[-1].number if updates and record.state in CAMPAIGN_LIVE else None,
    )


def _one_update(life: CampaignLife, campaign_id: str, number: int) -> CampaignLife:
    """The life that exports mid-case update `number`: what was known when it went out."""
    from dataclasses import replace

    from broadcaster.errors import UsageInvalid

    if life.update(number) is None:
        sent = ", ".join(str(u.number) for u in life.updates) or "none"
        raise UsageInvalid(
            f"--update {number}: campaign {campaign_id} sent no update {number} "
            f"(updates sent: {sent})."
        )
    return replace(
        life,
        state=CampaignState.LAUNCHED,
        outcome=None,
        closed_at=None,
        updates=tuple(u for u in life.updates if u.number <= number),
        current_update=number,
    )


def sent_updates(engine: Engine, campaign_id: str) -> tuple[SentUpdate, ...]:
    """The campaign's mid-case updates that really went out (a reply of theirs did), with
    their new photo as the officer signed it (see `_update_photo`)."""
    from broadcaster.campaign.updates import case_updates

    out = []
    for update in case_updates(engine, campaign_id):
        sent = update.sent_at
        if sent is None:
            continue
        photo = _update_photo(engine, campaign_id, update)
        out.append(SentUpdate(update.number, as_utc(sent), update.notes, photo))
    return tuple(out)


def _update_photo(engine: Engine, campaign_id: str, update: Any) -> CapPhoto | None:
    """The bytes the officer signed: kept in the database, else (an update from before they
    were kept) its file; either only with the signed hash, else no photo rather than a wrong one."""
    from broadcaster.authoring.media import X_PHOTO_LIMITS, prepare_photo
    from broadcaster.errors import MediaInvalid
    from broadcaster.launch.arming import update_photo

    if not update.photo_sha256:
        return None
    kept = update_photo(engine, campaign_id, update.number)
    if kept is not None:
        if hashlib.sha256(kept.data).hexdigest() != update.photo_sha256:
            return None
        return CapPhoto(data=kept.data, mime_type=kept.mime_type, alt=update.photo_alt or {})
    if not update.photo_path:
        return None
    try:
        photo = prepare_photo(Path(update.photo_path), {}, X_PHOTO_LIMITS)
    except MediaInvalid:
        return None
    if photo.sha256 != update.photo_sha256:  # moved or changed since it was signed
        return None
    return CapPhoto(data=photo.data, mime_type=photo.mime_type, alt=update.photo_alt or {})


def export_cap(
    settings: Settings,
    campaign: str | Path,
    *,
    now: datetime | None = None,
    engine: Engine | None = None,
    profile: Profile | None = None,
    update: int | None = None,
) -> bytes:
    """The CAP 1.2 XML of a campaign (its file, or its id), following its life in the database:
    its latest message, or mid-case update number `update` (exit 2 if it never went out).

    With `profile`, the message is written for that network and refused (CapProfileBreach,
    exit 2) if it breaks one of the network's rules."""
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
    if update is not None:
        life = _one_update(life, prepared.campaign.id, update)
    photo = None
    if prepared.photo is not None:
        photo = CapPhoto(data=prepared.photo.data, mime_type=prepared.photo.mime_type)
    alert = build_alert(
        prepared.campaign,
        prepared.registry,
        life=life,
        photo=photo,
        now=now or utcnow(),
        profile=profile,
    )
    if profile is not None:
        check_profile(alert, profile, prepared.campaign, prepared.registry)
    return to_xml(alert)
