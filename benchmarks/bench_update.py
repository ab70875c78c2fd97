"""A mid-case update (`update`) from 100 sandbox agencies at 150–250 ms latency, after their
launch: the update sends through the launch's executor (every account at once), so its wall
time should stay near the launch's, not grow with the number of agencies like a loop.

Figures: the update's whole call (signing, reconciliation, rendering per language, the
send), next to the same run's launch; and a second run of the same update (it finds every
reply posted and sends nothing). Target: the update within 2 × the launch's own call."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import approve_as_drill_officer, figure
from _sandbox import ServedSandbox

from broadcaster.authoring.officers import load_officers_beside, signer_for
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.authoring.scaffold import write_campaign
from broadcaster.campaign.updates import post_update
from broadcaster.config import Settings
from broadcaster.launch.run import launch
from broadcaster.sandbox.drill import write_drill_workspace
from broadcaster.storage.db import open_db

COUNT = 100
LATENCY = "150ms-250ms"
NOTES = ["Seen this morning near the station.", "fr:Vu ce matin près de la gare."]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-update-"))
    workspace = write_drill_workspace(folder, COUNT)
    sandbox = ServedSandbox(workspace, "--latency", LATENCY)
    try:
        settings = Settings(
            db_url=f"sqlite:///{folder / 'broadcaster.db'}",
            agencies_path=workspace.agencies_path,
            env_file=workspace.env_path,
            env={**workspace.env, "BROADCASTER_SANDBOX_URL": sandbox.url},
        )
        path = write_campaign(
            folder, campaign_id="bench", agencies=workspace.keys, lead=workspace.keys[0]
        )
        engine = open_db(settings.db_url)
        approve_as_drill_officer(engine, prepare_campaign(path, settings, check_credentials=False))
        started = time.perf_counter()
        launched = launch(settings, path, operator="bench", engine=engine)
        launch_seconds = time.perf_counter() - started
        assert launched.send is not None and launched.send.complete

        officers = load_officers_beside(workspace.agencies_path)
        signer = signer_for(officers, folder / "keys" / "lee", "approver")
        started = time.perf_counter()
        report = post_update(settings, path, NOTES, signer=signer, engine=engine)
        update_seconds = time.perf_counter() - started
        assert report.complete, report.as_dict()
        started = time.perf_counter()
        again = post_update(settings, path, NOTES, signer=signer, engine=engine)
        again_seconds = time.perf_counter() - started
        assert again.complete and again.again
        replies = [p for p in sandbox.posts() if p.get("in_reply_to")]
        assert len(replies) == COUNT, len(replies)
        engine.dispose()
    finally:
        sandbox.stop()
    figure(
        "update",
        f"update as replies from {COUNT} agencies (whole call)",
        update_seconds,
        "s",
        target="<= 2 x the launch's call",
        ok=update_seconds <= 2 * launch_seconds,
        baseline=f"launch of the same {COUNT}: {launch_seconds:.2f} s",
    )
    figure(
        "update",
        f"the same update again, {COUNT} agencies (nothing to send)",
        again_seconds,
        "s",
        baseline=f"first run {update_seconds:.2f} s",
    )


if __name__ == "__main__":
    main()
