"""resolve, cancel, tick, run and export-cap on the command line: exit codes, sentences, state."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from lifecycle_helpers import Launched, launched_campaign

from broadcaster.campaign.cap import CAP_NS
from broadcaster.cli import cli

NS = f"{{{CAP_NS}}}"


def invoke(launched: Launched, *args: str) -> Result:
    return CliRunner().invoke(cli, [*launched.cli_args(), *args])


def test_resolve_prints_what_it_did_and_exits_0(drill: Any) -> None:
    launched = launched_campaign(drill)
    result = invoke(launched, "resolve", str(launched.path), "--outcome", "arrested")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(
        "campaign drill-2026-0001 resolved; 5 accounts posted the outcome (arrested); "
        "5 photo posts taken down."
    )
    assert launched.record().state == "resolved"
    assert {r.state for r in launched.rows("update")} == {"posted"}


def test_resolve_by_campaign_id_with_json(drill: Any) -> None:
    launched = launched_campaign(drill)
    args = ["resolve", launched.campaign_id, "--outcome", "withdrawn", "--keep-originals"]
    result = invoke(launched, "--json", *args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["campaign"] == launched.campaign_id
    assert (data["state"], data["outcome"], data["kept_originals"]) == (
        "resolved",
        "withdrawn",
        True,
    )
    assert sorted(p["agency"] for p in data["posts"]) == sorted(drill.keys)
    assert {p["state"] for p in data["posts"]} == {"posted"}
    assert data["taken_down"] == []


def test_resolve_that_leaves_work_undone_exits_4_naming_the_agency(drill: Any) -> None:
    launched = launched_campaign(drill)
    suspended = drill.registry.get(drill.keys[3])
    drill.server.suspend(suspended.handle)
    result = invoke(launched, "resolve", str(launched.path), "--outcome", "withdrawn")
    assert result.exit_code == 4
    assert "Error: 2 of the resolve's posts or deletions did not go through" in result.stderr
    assert f"{suspended.key}:" in result.stderr
    assert "run the same command again to retry only those." in result.stderr

    drill.server.suspend(suspended.handle, False)
    again = invoke(launched, "--json", "resolve", str(launched.path), "--outcome", "withdrawn")
    assert again.exit_code == 0, again.output
    data = json.loads(again.stdout)
    assert [t["agency"] for t in data["taken_down"]] == [suspended.key]


def test_resolve_and_cancel_refuse_bad_input_with_exit_2(drill: Any, tmp_path: Path) -> None:
    launched = launched_campaign(drill)
    missing = invoke(launched, "resolve", "campaigns/nope.toml", "--outcome", "arrested")
    assert missing.exit_code == 2
    assert missing.stderr.strip() == "Error: campaigns/nope.toml: no such campaign file."
    unknown = invoke(launched, "resolve", "nope-2026", "--outcome", "arrested")
    assert unknown.exit_code == 2
    assert "no campaign file or campaign id 'nope-2026'" in unknown.stderr
    wrong = invoke(launched, "resolve", str(launched.path), "--outcome", "caught")
    assert wrong.exit_code == 2 and "'caught' is not one of" in wrong.stderr
    no_reason = invoke(launched, "cancel", str(launched.path))
    assert no_reason.exit_code == 2 and "Missing option '--reason'" in no_reason.stderr
    blank = invoke(launched, "cancel", str(launched.path), "--reason", "  ")
    assert blank.exit_code == 2
    assert blank.stderr.strip() == (
        "Error: --reason needs a short explanation, e.g. --reason 'wrong photo'."
    )
    assert launched.sandbox_posts() and not any(p["deleted"] for p in launched.sandbox_posts())


def test_cancel_then_resolve_is_refused_with_exit_3(drill: Any) -> None:
    launched = launched_campaign(drill)
    result = invoke(launched, "cancel", str(launched.path), "--reason", "wrong photo attached")
    assert result.exit_code == 0, result.output
    assert "5 accounts posted the correction; 5 photo posts taken down" in result.stdout
    refused = invoke(launched, "resolve", str(launched.path), "--outcome", "arrested")
    assert refused.exit_code == 3
    assert refused.stderr.strip() == (
        "Error: campaign 'drill-2026-0001' was already cancelled; it cannot be resolved again."
    )


def test_tick_with_nothing_due(drill: Any) -> None:
    launched = launched_campaign(drill)
    first = invoke(launched, "tick", "--track-every", "1000d")
    assert first.exit_code == 0, first.output
    # After a launch the first pass looks at the repost plans (this campaign has none).
    assert first.stdout.strip().splitlines()[-1] == "5 jobs: 5 done."
    assert "plan drill-2026-0001 toronto: no repost plans" in first.stdout
    result = invoke(launched, "tick", "--track-every", "1000d")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "0 jobs: nothing was due."
    data = json.loads(invoke(launched, "--json", "tick", "--track-every", "1000d").stdout)
    assert data["jobs"] == [] and data["discovered"] == 0


def test_tick_posts_due_reposts_and_exits_4_when_one_fails(drill: Any) -> None:
    launched = launched_campaign(drill, reposts_toml='[[reposts]]\nevery = "12h"')
    suspended = drill.registry.get(drill.keys[1])
    drill.server.suspend(suspended.handle)
    record = launched.record()
    assert record.launched_at is not None
    later = (record.launched_at + timedelta(hours=13)).isoformat()
    result = invoke(launched, "--json", "tick", "--now", later, "--track-every", "1000d")
    assert result.exit_code == 4, result.output
    data = json.loads(result.stdout)
    reposts = {j["agency"]: j["outcome"] for j in data["jobs"] if j["kind"] == "repost"}
    assert reposts == {key: "failed" if key == suspended.key else "done" for key in drill.keys}
    assert result.stderr.startswith("Error: 1 scheduled job(s) failed, first repost of ")
    assert data["exit_code"] == 4 and result.stderr == f"Error: {data['error']}\n"
    assert f"see broadcaster status {launched.campaign_id}." in result.stderr


def test_scheduler_options_are_checked(drill: Any) -> None:
    launched = launched_campaign(drill)
    bad_now = invoke(launched, "tick", "--now", "yesterday")
    assert bad_now.exit_code == 2
    assert bad_now.stderr.strip() == (
        "Error: --now: 'yesterday' is not a date and time; write it like 2026-11-23T14:00:00Z."
    )
    bad_every = invoke(launched, "run", "--every", "0s")
    assert bad_every.exit_code == 2
    assert bad_every.stderr.strip() == "Error: --every must be more than zero."
    bad_lease = invoke(launched, "tick", "--lease", "soon")
    assert bad_lease.exit_code == 2 and bad_lease.stderr.startswith("Error: --lease: 'soon'")


def test_export_cap_follows_the_campaign(drill: Any, tmp_path: Path) -> None:
    launched = launched_campaign(drill)
    result = invoke(launched, "export-cap", str(launched.path))
    assert result.exit_code == 0, result.output
    alert = ET.fromstring(result.stdout_bytes)
    assert alert.findtext(f"{NS}msgType") == "Alert"
    assert alert.findtext(f"{NS}status") == "Exercise"
    assert {i.findtext(f"{NS}language") for i in alert.findall(f"{NS}info")} == {"en", "fr"}
    assert alert.find(f"{NS}info/{NS}resource/{NS}digest") is not None

    invoke(launched, "resolve", str(launched.path), "--outcome", "arrested")
    out = tmp_path / "update.xml"
    # By id, as status and report take it: the database knows where the file is.
    written = invoke(launched, "export-cap", launched.campaign_id, "-o", str(out))
    assert written.exit_code == 0 and written.stdout == ""
    update = ET.fromstring(out.read_bytes())
    assert update.findtext(f"{NS}msgType") == "Update"
    references = update.findtext(f"{NS}references") or ""
    assert f",{launched.campaign_id}-alert," in references


def test_export_cap_of_a_missing_file_exits_2(drill: Any) -> None:
    launched = launched_campaign(drill)
    result = invoke(launched, "export-cap", "campaigns/none.toml")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: campaigns/none.toml")
