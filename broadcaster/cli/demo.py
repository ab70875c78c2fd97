"""`broadcaster demo`: a whole drill in a scratch folder, with nothing to set up.

Five sandbox agencies in English and French, the local drill server started in-process on a
port of its own with a simulated audience, an exercise campaign that needs two approvers,
the synchronized launch, then tracking (replies arrive and are triaged) and the reach report.
Everything is left in the folder: agencies.toml, .env (drill-only keys), officers.toml and
the drill officers' keys/, the campaign, its photo, the SQLite database and report.html.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from broadcaster.config import Settings
from broadcaster.errors import UsageInvalid
from broadcaster.launch.run import LaunchReport
from broadcaster.timeutil import utcnow

APPROVERS = ("lee", "roy")  # the drill officers: officers.toml and keys/ in the folder
OPERATOR = "Demo Operator"
AGENCIES = 5
AUDIENCE = 20_000  # people per agency's post; replies arrive over the simulated hours
SPEED = 3600.0  # an hour of the audience per second
LATENCY = (0.05, 0.2)
TRACK_ROUNDS = 2


@dataclass
class DemoResult:
    folder: Path
    database: Path
    campaign_path: Path
    campaign_id: str
    sandbox_url: str
    approvers: tuple[str, ...]
    launch: LaunchReport
    status: dict[str, Any]
    tracked: list[Any] = field(default_factory=list)  # tracking.TrackReport per round
    report: Any | None = None  # report.Report
    report_path: Path | None = None
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        sent = self.launch.send
        return {
            "folder": str(self.folder),
            "database": str(self.database),
            "campaign": self.campaign_id,
            "campaign_file": str(self.campaign_path),
            "approvers": list(self.approvers),
            "state": self.status["state"],
            "spread_ms": sent.spread_ms if sent else None,
            "posts": self.status["posts"],
            "new_replies": sum(t.new_replies for t in self.tracked),
            "report": str(self.report_path) if self.report_path else None,
            "seconds": round(self.seconds, 1),
        }


def scratch_folder(base: Path | None) -> Path:
    """--dir, or a new demo-<time>/ in the working folder. Never reuses a used folder."""
    folder = base or Path.cwd() / f"demo-{utcnow():%Y%m%d-%H%M%S}"
    if folder.exists() and any(folder.iterdir()):
        raise UsageInvalid(f"{folder} is not empty; give demo a new folder with --dir.")
    folder.mkdir(parents=True, exist_ok=True)
    return folder.resolve()


def run_demo(
    folder: Path | None = None, *, say: Callable[[str], None] = lambda _: None
) -> DemoResult:
    """The drill, start to finish. `say` receives one plain sentence per step."""
    from broadcaster.authoring.approval import approve, officers_for
    from broadcaster.authoring.officers import signer_for
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.authoring.scaffold import write_campaign
    from broadcaster.campaign.status import campaign_status
    from broadcaster.launch.run import launch
    from broadcaster.sandbox.drill import write_drill_workspace
    from broadcaster.sandbox.server import SandboxServer
    from broadcaster.storage.db import open_db

    started = time.monotonic()
    folder = scratch_folder(folder)
    workspace = write_drill_workspace(folder, AGENCIES, languages=("en", "fr"))
    registry = workspace.registry()
    say(
        f"Wrote {AGENCIES} drill agencies (English and French) to {workspace.agencies_path} "
        f"and drill-only keys to {workspace.env_path}."
    )
    server = SandboxServer.from_registry(
        registry, workspace.env, latency=LATENCY, audience=AUDIENCE, speed=SPEED
    )
    url = server.start()
    try:
        with workspace.env_path.open("a", encoding="utf-8") as handle:
            handle.write(f"BROADCASTER_SANDBOX_URL={url}\n")
        say(f"Started the sandbox (a local stand-in for X) at {url}.")
        env = {**workspace.env, "BROADCASTER_SANDBOX_URL": url}
        database = folder / "broadcaster.db"
        settings = Settings(
            db_url=f"sqlite:///{database}",
            agencies_path=workspace.agencies_path,
            env_file=workspace.env_path,
            operator=OPERATOR,
            env=env,
        )
        now = utcnow().replace(microsecond=0)
        campaign_id = f"drill-{now:%Y%m%d-%H%M%S}"
        path = write_campaign(
            folder,
            campaign_id=campaign_id,
            agencies=workspace.keys,
            lead=workspace.keys[0],
            status="exercise",
            kind="wanted",
            approvals_required=len(APPROVERS),
            expires_at=now + timedelta(days=30),
        )
        say(f"Wrote the exercise campaign {path.relative_to(folder)} (a wanted-person drill).")
        engine = open_db(settings.db_url)
        prepared = prepare_campaign(path, settings, check_credentials=False)
        officers = officers_for(prepared)
        names = []
        for officer_id in APPROVERS:
            signer = signer_for(officers, folder / "keys" / officer_id, "approver")
            approve(engine, prepared, signer, officers)
            names.append(signer.officer.name)
        say(
            f"Approved by {' and '.join(names)}, each signing with their own key in keys/ "
            "(two distinct officers are required)."
        )
        report = launch(settings, path, operator=OPERATOR, engine=engine)
        sent = report.send
        assert sent is not None
        spread = f"{sent.spread_ms:.1f} ms" if sent.spread_ms is not None else "n/a"
        say(
            f"Launched: {len(sent.posted)} of {len(sent.outcomes)} agencies posted at once; "
            f"the first and last posts landed {spread} apart."
        )
        result = DemoResult(
            folder=folder,
            database=database,
            campaign_path=path,
            campaign_id=campaign_id,
            sandbox_url=url,
            approvers=APPROVERS,
            launch=report,
            status=campaign_status(engine, campaign_id),
        )
        _track_and_report(result, settings, engine, say)
        engine.dispose()
    finally:
        server.stop()
    result.seconds = time.monotonic() - started
    return result


def _track_and_report(
    result: DemoResult, settings: Settings, engine: Any, say: Callable[[str], None]
) -> None:
    """Tracking and the reach report, when the responses area provides them."""
    try:
        from broadcaster.responses.report import build_report, render
        from broadcaster.responses.tracking import track
    except ImportError:  # an older checkout without them: the launch is the demo
        return
    for _ in range(TRACK_ROUNDS):
        time.sleep(1.5)  # the simulated public needs a moment (an hour and a half, for it)
        tracked = track(settings, result.campaign_id, engine=engine)
        result.tracked.append(tracked)
    labels: dict[str, int] = {}
    for tracked in result.tracked:
        for label, count in tracked.labels.items():
            labels[label] = labels.get(label, 0) + count
    shown = ", ".join(f"{n} {label}" for label, n in sorted(labels.items())) or "none yet"
    say(
        f"Tracked the posts twice: {sum(t.new_replies for t in result.tracked)} replies "
        f"from the simulated public, triaged ({shown})."
    )
    result.report = build_report(engine, result.campaign_id, settings=settings)
    result.report_path = result.folder / "report.html"
    result.report_path.write_text(render(result.report, "html"), encoding="utf-8")
    say(f"Wrote the reach report to {result.report_path}.")
