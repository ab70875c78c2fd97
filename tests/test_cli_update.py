"""`update` on the command line, and where an update shows afterwards: status, export-cap
(CAP Update, valid against the OASIS schema, referencing the alert) and the feed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from lifecycle_helpers import Launched, launched_campaign, prepare_and_approve
from officer_helpers import key_of
from test_cap import validate_xsd

from broadcaster.authoring.officers import generate_key
from broadcaster.campaign.cap import CAP_NS
from broadcaster.cli import cli

NS = f"{{{CAP_NS}}}"
NOTES = ("--note", "Seen near Union Station at 9:40.", "--note", "fr:Vu près de la gare Union.")


def invoke(launched: Launched, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, [*launched.cli_args(), *args], env=env)


def update(launched: Launched, *args: str, officer: str = "lee") -> Result:
    key = str(key_of(launched.drill.folder, officer))
    return invoke(launched, "update", str(launched.path), *NOTES, "--key", key, *args)


def test_update_posts_replies_and_exits_0(drill: Any) -> None:
    launched = launched_campaign(drill)
    result = update(launched)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("update 1 of drill-2026-0001: 5 replies posted."), (
        result.stdout
    )
    assert "signed by lee" in result.stdout
    replies = [p for p in launched.sandbox_posts() if p["in_reply_to"]]
    assert len(replies) == 5


def test_the_key_may_come_from_the_environment_and_json_says_it_all(drill: Any) -> None:
    launched = launched_campaign(drill)
    env = {"BROADCASTER_KEY": str(key_of(drill.folder, "roy"))}
    result = invoke(launched, "--json", "update", launched.campaign_id, *NOTES, env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["update"], data["officer"], data["occurrence"]) == (1, "roy", "update-1")
    assert data["languages"] == ["en", "fr"]
    assert {p["state"] for p in data["posts"]} == {"posted"}
    assert {p["handle"] for p in data["posts"]} == {
        drill.registry.get(k).handle for k in drill.keys
    }


def test_a_missing_language_is_exit_2(drill: Any) -> None:
    launched = launched_campaign(drill)
    key = str(key_of(drill.folder, "lee"))
    result = invoke(launched, "update", str(launched.path), "--note", "Seen.", "--key", key)
    assert result.exit_code == 2
    assert "--note fr:TEXT is missing" in result.stderr
    assert "Traceback" not in result.output
    assert not [p for p in launched.sandbox_posts() if p["in_reply_to"]]


def test_a_note_too_long_for_a_platform_points_at_the_note(drill: Any) -> None:
    launched = launched_campaign(drill)
    key = str(key_of(drill.folder, "lee"))
    long = "Seen near the harbour wearing a red jacket. " * 9
    result = invoke(
        launched, "update", str(launched.path), "--note", long, "--note", "fr:Vu.", "--key", key
    )
    assert result.exit_code == 2, result.output
    assert "Shorten the --note text or the template." in result.stderr
    assert not [p for p in launched.sandbox_posts() if p["in_reply_to"]]


def test_no_key_is_exit_2_and_a_stranger_or_a_launcher_is_exit_3(drill: Any) -> None:
    launched = launched_campaign(drill)
    result = invoke(launched, "update", str(launched.path), *NOTES)
    assert result.exit_code == 2 and "--key" in result.stderr

    stranger = drill.folder / "keys" / "stranger"
    generate_key(stranger, "stranger")
    result = invoke(launched, "update", str(launched.path), *NOTES, "--key", str(stranger))
    assert result.exit_code == 3
    assert "is the key of no officer" in result.stderr

    officers = drill.folder / "officers.toml"
    officers.write_text(
        officers.read_text(encoding="utf-8").replace(
            'roles = ["approver", "launcher"]', 'roles = ["launcher"]', 1
        ),
        encoding="utf-8",
    )
    result = update(launched)
    assert result.exit_code == 3
    assert "does not have the 'approver' role" in result.stderr
    assert not [p for p in launched.sandbox_posts() if p["in_reply_to"]]


def test_refused_with_exit_3_before_a_launch_and_after_the_case_closed(drill: Any) -> None:
    ready = prepare_and_approve(drill)
    result = update(ready)
    assert result.exit_code == 3 and "was never launched" in result.stderr
    launched = launched_campaign(drill, campaign_id="drill-2026-0002")
    assert invoke(launched, "cancel", str(launched.path), "--reason", "wrong").exit_code == 0
    result = update(launched)
    assert result.exit_code == 3 and "was cancelled" in result.stderr


def test_a_platform_failure_is_exit_4_and_a_rerun_completes_it(drill: Any) -> None:
    launched = launched_campaign(drill)
    suspended = drill.registry.get(drill.keys[2])
    drill.server.suspend(suspended.handle)
    result = update(launched)
    assert result.exit_code == 4
    assert "1 of update 1's posts or take-downs did not go through" in result.stderr
    assert suspended.key in result.stderr

    status = invoke(launched, "status", launched.campaign_id)
    assert f"Update 1 (signed by lee): 4 of 5 replies posted; not posted: {suspended.key}." in (
        status.stdout
    )
    drill.server.suspend(suspended.handle, False)
    rerun = update(launched)
    assert rerun.exit_code == 0
    assert "update 1 of drill-2026-0001: 1 replies posted (4 were already)." in rerun.stdout
    again = update(launched)  # everything is up: the same command sends nothing and says so
    assert again.exit_code == 0
    assert (
        "update 1 of drill-2026-0001 was already posted by 5 accounts; nothing was sent again."
        in again.stdout
    )
    assert len([p for p in launched.sandbox_posts() if p["in_reply_to"]]) == 5
    status = invoke(launched, "--json", "status", launched.campaign_id)
    (shown,) = json.loads(status.stdout)["updates"]
    assert shown["officer"] == "lee" and len(shown["posts"]) == 5
    assert all(p["state"] == "posted" and p["url"] and p["in_reply_to"] for p in shown["posts"])


def test_dry_run_needs_no_key_and_sends_nothing(drill: Any) -> None:
    launched = launched_campaign(drill)
    result = invoke(launched, "update", str(launched.path), *NOTES, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Dry run: update 1 of drill-2026-0001 would post:" in result.stdout
    assert "in reply to http" in result.stdout
    assert not [p for p in launched.sandbox_posts() if p["in_reply_to"]]


def _cap(launched: Launched, *args: str) -> ET.Element:
    out = launched.drill.folder / "alert.xml"
    result = invoke(launched, "export-cap", launched.campaign_id, "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    xml = out.read_bytes()
    validate_xsd(xml)
    return ET.fromstring(xml)


def test_export_cap_writes_each_update_as_an_update_referencing_what_went_before(
    drill: Any, tmp_path: Path
) -> None:
    launched = launched_campaign(drill)
    alert = _cap(launched)
    alert_ref = ",".join(
        alert.findtext(f"{NS}{tag}") or "" for tag in ("sender", "identifier", "sent")
    )
    assert update(launched).exit_code == 0
    key = str(key_of(drill.folder, "lee"))
    second = ("--note", "Reward offered.", "--note", "fr:Récompense offerte.", "--key", key)
    assert invoke(launched, "update", str(launched.path), *second).exit_code == 0

    latest = _cap(launched)
    assert latest.findtext(f"{NS}msgType") == "Update"
    assert latest.findtext(f"{NS}identifier") == "drill-2026-0001-update-2"
    references = (latest.findtext(f"{NS}references") or "").split()
    assert references[0] == alert_ref
    assert references[1].split(",")[1] == "drill-2026-0001-update-1"
    infos = latest.findall(f"{NS}info")
    descriptions = {i.findtext(f"{NS}language"): i.findtext(f"{NS}description") for i in infos}
    assert descriptions == {"en": "Reward offered.", "fr": "Récompense offerte."}
    assert all(i.findtext(f"{NS}urgency") == "Immediate" for i in infos)  # still running

    first = _cap(launched, "--update", "1")
    assert first.findtext(f"{NS}identifier") == "drill-2026-0001-update-1"
    assert (first.findtext(f"{NS}references") or "").split() == [alert_ref]
    missing = invoke(launched, "export-cap", launched.campaign_id, "--update", "7")
    assert missing.exit_code == 2 and "sent no update 7" in missing.stderr

    # Resolved: the closing Update references the alert and both updates.
    assert invoke(launched, "resolve", str(launched.path), "--outcome", "arrested").exit_code == 0
    closing = _cap(launched)
    assert closing.findtext(f"{NS}identifier") == "drill-2026-0001-update-arrested"
    assert len((closing.findtext(f"{NS}references") or "").split()) == 3

    # The feed has one entry per message: alert, update 1, update 2, the resolve's update.
    out = tmp_path / "cap.atom"
    result = invoke(launched, "feed", "-o", str(out), "--include-exercises")
    assert result.exit_code == 0, result.output
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ET.fromstring(out.read_bytes()).findall(f"{atom}entry")
    idents = sorted((e.findtext(f"{atom}id") or "").rsplit(":", 1)[1] for e in entries)
    assert idents == [
        "drill-2026-0001-alert",
        "drill-2026-0001-update-1",
        "drill-2026-0001-update-2",
        "drill-2026-0001-update-arrested",
    ]


def test_the_report_names_each_account_and_shows_the_updates(drill: Any) -> None:
    launched = launched_campaign(drill)
    suspended = drill.registry.get(drill.keys[1])
    drill.server.suspend(suspended.handle)
    assert update(launched).exit_code == 4
    handles = {drill.registry.get(k).handle for k in drill.keys}

    data = json.loads(invoke(launched, "report", launched.campaign_id, "--format", "json").stdout)
    assert all(p["platform"] == "sandbox" and p["handle"] in handles for p in data["posts"])
    (failed,) = data["failures"]
    assert (failed["agency"], failed["handle"], failed["platform"]) == (
        suspended.key,
        suspended.handle,
        "sandbox",
    )
    (shown,) = data["updates"]
    assert shown["update"] == 1 and shown["officer"] == "lee"
    assert shown["notes"]["fr"] == "Vu près de la gare Union."
    assert sorted(p["state"] for p in shown["posts"]) == ["failed"] + ["posted"] * 4

    text = invoke(launched, "report", launched.campaign_id).stdout
    assert "Update 1: signed by lee" in text
    assert f"{suspended.handle} (sandbox): failed" in text
    posted = next(p for p in shown["posts"] if p["state"] == "posted")
    assert posted["url"] in text  # whole, never cut
    assert "update 1" in text and "account" in text

    md = invoke(launched, "report", launched.campaign_id, "--format", "md").stdout
    assert "| agency | account | kind |" in md and "## Updates" in md
    assert f"<{posted['url']}>" in md

    html = invoke(launched, "report", launched.campaign_id, "--format", "html").stdout
    assert "<h2>Updates</h2>" in html and f"{suspended.handle} (sandbox)" in html


def test_audit_verify_checks_each_update_signature(drill: Any) -> None:
    from sqlalchemy import update as sql_update

    from broadcaster.storage.db import session_scope
    from broadcaster.storage.models import CaseUpdate

    launched = launched_campaign(drill)
    assert update(launched).exit_code == 0
    verified = invoke(launched, "audit", "verify")
    assert verified.exit_code == 0
    assert "signed approvals and 1 signed update verified" in verified.stdout
    with session_scope(launched.engine) as session:  # a note rewritten in the database
        session.connection().execute(
            sql_update(CaseUpdate).values(notes=json.dumps({"en": "Forged", "fr": "Faux"}))
        )
    result = invoke(launched, "audit", "verify")
    assert result.exit_code == 3, result.output
    assert "update 1 of campaign 'drill-2026-0001' was edited" in result.stderr


def test_an_old_photo_left_up_is_named_by_the_cli_and_the_console_alike() -> None:
    from broadcaster.campaign.lifecycle import TakeDown
    from broadcaster.campaign.updates import UpdateReport
    from broadcaster.cli.views.lifecycle import update_failures
    from broadcaster.states import PostState

    report = UpdateReport("c-1", 2, "lee", ["en"], photo="ab" * 32)
    report.taken_down = [
        TakeDown("tps", "original", "111", PostState.DELETED),
        TakeDown("rcmp", "original", "222", PostState.FAILED, "429 Too Many Requests"),
    ]
    # The console's result page lists `report.failures`; the CLI says the same lines.
    assert report.failures == ["rcmp original 222: 429 Too Many Requests"]
    assert not report.complete
    assert update_failures(report) == (
        "1 of update 2's posts or take-downs did not go through (rcmp original 222: 429 Too "
        "Many Requests); run the same command again to retry only those."
    )
