"""A mid-case update that replaced the photo still exports as CAP and in the feed: the
update's message carries the new photo, and nothing crashes on the way (a reviewer found
`export-cap` and `feed` failing with a bug after `update --photo`)."""

from __future__ import annotations

import base64
import hashlib
from typing import Any
from xml.etree import ElementTree as ET

from lifecycle_helpers import launched_campaign
from officer_helpers import signer
from test_cap import validate_xsd

from broadcaster.authoring.scaffold import photo_jpeg
from broadcaster.campaign.cap import export_cap
from broadcaster.campaign.feed import collect
from broadcaster.campaign.updates import post_update

CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"


def test_an_update_with_a_new_photo_exports_as_cap_with_that_photo(drill: Any) -> None:
    launched = launched_campaign(drill)
    photo = drill.folder / "new-photo.jpg"
    photo.write_bytes(photo_jpeg(seed=11))
    report = post_update(
        launched.settings,
        launched.path,
        ["Seen near the harbour.", "fr:Vu près du port."],
        engine=launched.engine,
        signer=signer(drill.folder),
        photo_path=photo,
    )
    assert report.complete, report.as_dict()

    xml = export_cap(launched.settings, launched.path, engine=launched.engine, update=1)
    validate_xsd(xml)
    alert = ET.fromstring(xml)
    assert alert.findtext(f"{CAP}msgType") == "Update"
    carried = [
        hashlib.sha256(base64.b64decode(r.findtext(f"{CAP}derefUri") or "")).hexdigest()
        for r in alert.iter(f"{CAP}resource")
    ]
    assert report.photo is not None and carried == [report.photo] * len(carried)
    assert carried, "the update's message carries its new photo"
    # Exported where the photo file is not (moved, or another machine): the signed bytes
    # kept in the database still go with it.
    photo.unlink()
    elsewhere = ET.fromstring(
        export_cap(launched.settings, launched.path, engine=launched.engine, update=1)
    )
    assert [
        hashlib.sha256(base64.b64decode(r.findtext(f"{CAP}derefUri") or "")).hexdigest()
        for r in elsewhere.iter(f"{CAP}resource")
    ] == carried

    entries = collect(launched.settings, launched.engine, include_exercises=True).entries
    assert any(e.msg_type == "Update" for e in entries)
