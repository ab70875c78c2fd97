"""What the report says about the case itself: the title a chief reads, the photo, the lead's
posted text, each agency by name and the lead's time zone.

The database records a campaign's life, not its content, so these come from the campaign
and agencies files when they can still be read. A report must never fail because a file
moved or was edited since the launch: each missing piece falls back to what the database
knows (the id, the agency keys, UTC) and says why in `notes`.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from broadcaster.errors import BroadcasterError

if TYPE_CHECKING:
    from broadcaster.authoring.agencies import Registry
    from broadcaster.authoring.campaigns import Campaign
    from broadcaster.config import Settings

UTC = ZoneInfo("UTC")
THUMBNAIL_PX = 320  # the report shows the photo as a chief would glance at it, not to print
KIND_TITLES = {"wanted": "Wanted", "missing": "Missing person", "appeal": "Appeal"}


@dataclass(frozen=True)
class CaseSummary:
    title: str
    case_number: str | None = None
    lead_name: str | None = None
    zone: ZoneInfo = UTC  # the lead agency's: every time in the report is shown in it
    agency_names: dict[str, str] = field(default_factory=dict)
    posted_text: str | None = None  # the lead's original post, as sent
    photo_data_uri: str | None = None  # a small JPEG, re-encoded (no metadata survives)
    photo_alt: str | None = None
    notes: list[str] = field(default_factory=list)

    def agency_name(self, key: str) -> str:
        return self.agency_names.get(key, key)


def title_for(kind: str, offence: str | None, name: str | None, campaign_id: str) -> str:
    """ "Wanted: armed robbery", "Missing person: Emma Roy"; the id when the file is gone."""
    label = KIND_TITLES.get(kind, kind.capitalize())
    subject = name if kind == "missing" and name else (offence or name)
    return f"{label}: {subject}" if subject else f"{label} — {campaign_id}"


def summarize_case(
    *,
    campaign_id: str,
    kind: str,
    lead: str,
    path: str | None,
    posted_text: str | None,
    settings: Settings | None,
    with_photo: bool,
) -> CaseSummary:
    notes: list[str] = []
    registry = _registry(settings, notes)
    campaign = _campaign(path, registry, notes) if registry is not None else None
    agency_names = {a.key: a.name for a in registry} if registry is not None else {}
    zone = UTC
    if registry is not None and lead in registry:
        zone = registry.get(lead).zone
    if campaign is None:
        return CaseSummary(
            title=title_for(kind, None, None, campaign_id),
            lead_name=agency_names.get(lead),
            zone=zone,
            agency_names=agency_names,
            posted_text=posted_text,
            notes=notes,
        )
    case = campaign.case
    photo = _thumbnail(case.photo, notes) if with_photo and case.photo is not None else None
    return CaseSummary(
        title=title_for(kind, case.offence, case.name, campaign_id),
        case_number=case.number,
        lead_name=agency_names.get(lead),
        zone=zone,
        agency_names=agency_names,
        posted_text=posted_text,
        photo_data_uri=photo,
        photo_alt=case.photo_alt,
        notes=notes,
    )


def _registry(settings: Settings | None, notes: list[str]) -> Registry | None:
    if settings is None:
        return None
    from broadcaster.authoring.agencies import load_registry

    try:
        return load_registry(settings.agencies_path)
    except BroadcasterError:
        notes.append(
            f"{settings.agencies_path} could not be read: agencies are shown by key, times in UTC."
        )
        return None


def _campaign(path: str | None, registry: Registry, notes: list[str]) -> Campaign | None:
    from broadcaster.authoring.campaigns import load_campaign

    if not path:
        return None
    try:
        return load_campaign(Path(path), registry)
    except BroadcasterError:
        notes.append(f"the campaign file {path} could not be read: the case is shown by its id.")
        return None


def _thumbnail(photo: Path, notes: list[str]) -> str | None:
    """The photo as a data: URI (the report is one file, and its CSP allows only data:
    images). Re-encoded from pixels, so no EXIF or GPS from the original travels with it."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(photo) as original:
            image = ImageOps.exif_transpose(original).convert("RGB")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        notes.append(f"the photo {photo.name} could not be read for the report.")
        return None
    image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82)
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")
