"""Partial failure never stops the others: the SPEC's fault mix, a suspended account, revoked
credentials — through the real sandbox and the X adapter."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

import pytest
from click.testing import CliRunner
from fixtures_launch import FAST, approved_campaign, handles, posts_by_author
from fixtures_sandbox import Drill

from broadcaster.campaign.status import campaign_status
from broadcaster.cli import cli
from broadcaster.launch.run import launch
from broadcaster.sandbox.options import FaultRates
from broadcaster.states import CampaignState, PostState
from broadcaster.storage.db import open_db

MIX = FaultRates(error=0.10, ratelimit=0.05, ambiguous=0.05)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_fault_mix_every_agency_exactly_one_post(
    drill_factory: Callable[..., Drill], seed: int
) -> None:
    drill = drill_factory(10, faults=MIX, seed=seed, ratelimit_reset=1.0)
    path = approved_campaign(drill)
    report = launch(drill.settings, path, operator="op", policy=FAST)
    runs = 1
    while not report.complete and runs < 3:  # what a person would do: launch again
        report = launch(drill.settings, path, operator="op", policy=FAST)
        runs += 1
    assert report.complete, [o.error for o in report.send.failed] if report.send else None
    assert posts_by_author(drill) == dict.fromkeys(handles(drill), 1)


def test_fault_mix_retries_show_in_the_journal(drill_factory: Callable[..., Drill]) -> None:
    drill = drill_factory(10, faults=FaultRates(error=0.3, ambiguous=0.2), seed=5)
    path = approved_campaign(drill)
    launch(drill.settings, path, operator="op", policy=FAST)
    status = campaign_status(open_db(drill.settings.db_url), "drill-1")
    assert any(p["attempts"] > 1 for p in status["posts"] if p["state"] == PostState.POSTED)
    assert len(drill.server.posts()) == len({p["author"] for p in drill.server.posts()})


def _revoke(drill: Drill, key: str) -> dict[str, str]:
    """The agency's access secret no longer matches what the platform knows."""
    prefix = drill.registry.get(key).credentials
    env = dict(drill.env)
    env[f"{prefix}_X_ACCESS_SECRET"] = "revoked-" + env[f"{prefix}_X_ACCESS_SECRET"][:6]
    return env


def test_suspended_and_revoked_others_post(drill_factory: Callable[..., Drill]) -> None:
    drill = drill_factory(5)
    suspended, revoked = drill.keys[1], drill.keys[3]
    drill.server.suspend(drill.registry.get(suspended).handle)
    settings = dataclasses.replace(drill.settings, env=_revoke(drill, revoked))
    path = approved_campaign(drill)
    report = launch(settings, path, operator="op", policy=FAST)
    assert report.state == CampaignState.PARTIAL
    assert report.send is not None
    failed = {o.agency: o.error for o in report.send.failed}
    assert set(failed) == {suspended, revoked}
    good = [drill.registry.get(k).handle for k in drill.keys if k not in failed]
    assert posts_by_author(drill) == dict.fromkeys(good, 1)
    status = campaign_status(open_db(drill.settings.db_url), "drill-1")
    errors = {p["agency"]: (p["state"], p["error"]) for p in status["posts"]}
    handle = drill.registry.get(suspended).handle
    assert errors[suspended] == (
        PostState.FAILED,
        f"agency {suspended!r} ({handle}): the account is suspended on the sandbox.",
    )
    state, reason = errors[revoked]
    assert state == PostState.FAILED
    assert reason.startswith(f"agency {revoked!r} (")
    assert "refused the credentials (401 Unauthorized); check " in reason
    assert "revoked-" not in json.dumps(status)  # never a credential's value


def test_cli_exit_4_names_both_then_retry_only_those(
    drill_factory: Callable[..., Drill],
) -> None:
    drill = drill_factory(5)
    suspended, revoked = drill.keys[1], drill.keys[3]
    suspended_handle = drill.registry.get(suspended).handle
    drill.server.suspend(suspended_handle)
    good_env = drill.env_path.read_text()
    env_text = "".join(f"{k}={v}\n" for k, v in _revoke(drill, revoked).items())
    drill.env_path.write_text(env_text)
    path = approved_campaign(drill)
    runner = CliRunner()
    result = runner.invoke(cli, [*drill.cli_args(), "launch", str(path)])
    assert result.exit_code == 4, result.output
    error = result.stderr.splitlines()[-1] + "\n"
    assert error.startswith("Error: 2 of 5 agencies did not post (")
    assert f"{suspended}: agency {suspended!r}" in error
    assert f"{revoked}: agency {revoked!r}" in error
    assert error.endswith("see broadcaster status drill-1, then run launch again to retry them.\n")
    status = runner.invoke(cli, [*drill.cli_args(), "--json", "status", "drill-1"])
    data = json.loads(status.stdout)
    assert data["state"] == CampaignState.PARTIAL
    failed = {p["agency"] for p in data["posts"] if p["state"] == PostState.FAILED}
    assert failed == {suspended, revoked}
    # The credentials are fixed and the account reinstated: launch again sends only those two.
    drill.env_path.write_text(good_env)
    drill.server.suspend(suspended_handle, False)
    again = runner.invoke(cli, [*drill.cli_args(), "--json", "launch", str(path)])
    assert again.exit_code == 0, again.output
    assert {p["state"] for p in json.loads(again.stdout)["posts"]} == {PostState.POSTED}
    assert posts_by_author(drill) == dict.fromkeys(handles(drill), 1)
