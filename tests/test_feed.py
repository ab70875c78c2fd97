"""`feed` (#16): an Atom feed of every campaign's CAP messages, newest first, each entry's
CAP valid against the OASIS CAP 1.2 schema, the Atom document well-formed with the
elements RFC 4287 requires; drills only when asked."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from lxml import etree
from officer_helpers import signer
from test_cap import validate_xsd

from broadcaster.authoring.approval import approve
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.authoring.scaffold import write_campaign
from broadcaster.campaign.lifecycle import cancel, resolve
from broadcaster.cli import cli
from broadcaster.launch.run import launch
from broadcaster.storage.db import open_db

ATOM = "http://www.w3.org/2005/Atom"
CAP = "urn:oasis:names:tc:emergency:cap:1.2"


def a(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def launched(drill: Any, campaign_id: str, status: str) -> Path:
    path = write_campaign(
        drill.folder, campaign_id=campaign_id, agencies=drill.keys, lead=drill.keys[0]
    )
    if status == "actual":
        path.write_text(
            path.read_text(encoding="utf-8").replace('status = "exercise"', 'status = "actual"', 1),
            encoding="utf-8",
        )
    engine = open_db(drill.settings.db_url)
    try:
        approve(engine, prepare_campaign(path, drill.settings), signer(drill.folder))
        launch(drill.settings, path, operator="test", engine=engine)
    finally:
        engine.dispose()
    return path


def feed(drill: Any, *extra: str) -> bytes:
    out = drill.folder / "cap.atom"
    result = CliRunner().invoke(cli, [*drill.cli_args(), "feed", "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def check_atom(document: bytes) -> list[etree._Element]:
    """Well-formed, and what RFC 4287 requires of a feed and its entries."""
    root = etree.fromstring(document)
    assert root.tag == a("feed")
    for required in ("id", "title", "updated"):
        assert len(root.findall(a(required))) == 1, required
    assert root.find(f"{a('author')}/{a('name')}") is not None
    entries = root.findall(a("entry"))
    ids = [e.findtext(a("id")) for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert len(entry.findall(a(required))) == 1, required
        assert entry.findtext(a("id")).startswith("tag:")
        datetime.fromisoformat(entry.findtext(a("updated")))  # RFC 3339
        content = entry.find(a("content"))
        assert content is not None and content.get("type") == "application/cap+xml"
        (alert,) = list(content)
        assert alert.tag == f"{{{CAP}}}alert"
        validate_xsd(etree.tostring(alert))
    return entries


def cap_of(entry: etree._Element, field: str) -> str:
    (alert,) = list(entry.find(a("content")))
    return alert.findtext(f"{{{CAP}}}{field}")


def test_the_feed_holds_each_message_newest_first_and_valid(drill_factory: Any) -> None:
    drill = drill_factory(2, seed=6)
    first = launched(drill, "case-2026-0001", "actual")
    resolve(drill.settings, first, "arrested", operator="test")
    second = launched(drill, "case-2026-0002", "actual")
    cancel(drill.settings, second, "Wrong photo attached.", operator="test")

    entries = check_atom(feed(drill))
    assert [(cap_of(e, "identifier"), cap_of(e, "msgType")) for e in entries] == [
        ("case-2026-0002-cancel", "Cancel"),
        ("case-2026-0002-alert", "Alert"),
        ("case-2026-0001-update-arrested", "Update"),
        ("case-2026-0001-alert", "Alert"),
    ]
    assert {cap_of(e, "status") for e in entries} == {"Actual"}
    # The Update and the Cancel reference the alert they follow, as the networks match them.
    assert cap_of(entries[0], "references").split(",")[1] == "case-2026-0002-alert"
    assert cap_of(entries[2], "references").split(",")[1] == "case-2026-0001-alert"
    sent = [cap_of(e, "sent") for e in entries]
    assert [e.findtext(a("updated"))[:19] for e in entries] == [s[:19] for s in sent]


def test_drills_are_left_out_unless_asked_for(drill_factory: Any) -> None:
    drill = drill_factory(2, seed=6)
    launched(drill, "drill-2026-0001", "exercise")
    assert check_atom(feed(drill)) == []
    (entry,) = check_atom(feed(drill, "--include-exercises"))
    assert cap_of(entry, "status") == "Exercise"
    assert "EXERCISE" in entry.findtext(a("title"))


def test_the_feed_on_stdout_is_the_same_document(drill_factory: Any) -> None:
    drill = drill_factory(1, seed=6)
    launched(drill, "case-2026-0001", "actual")
    result = CliRunner().invoke(cli, [*drill.cli_args(), "feed"])
    assert result.exit_code == 0
    (entry,) = check_atom(result.stdout_bytes)
    assert ET.fromstring(result.stdout_bytes).tag == a("feed")
    assert cap_of(entry, "identifier") == "case-2026-0001-alert"
