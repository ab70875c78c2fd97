"""`broadcaster demo`: a whole drill in a scratch folder, with nothing to set up.

Five agencies in English and French, each with an account on every drill platform this
machine can run: the X sandbox (in-process, with a simulated audience), the Mastodon drill
server (the project's own imitation of the client API) and, when `make bluesky-local` has
installed it, the real Bluesky network (PLC directory, reference PDS and AppView). Then an
exercise campaign that needs two approvers, the synchronized launch over every account,
tracking (replies arrive and are triaged, on every platform) and the reach report. When the
Bluesky network cannot be had, the demo says why in one sentence and runs without it.
Everything is left in the folder: agencies.toml, .env (drill-only keys), officers.toml and
the drill officers' keys/, the campaign, its photo, the SQLite database and report.html.
The drill servers are stopped at the end.
"""

from __future__ import annotations

import contextlib
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from broadcaster.config import Settings
from broadcaster.errors import BroadcasterError, UsageInvalid
from broadcaster.launch.run import LaunchReport
from broadcaster.timeutil import utcnow

if TYPE_CHECKING:
    from broadcaster.sandbox.bluesky import BlueskyNetwork
    from broadcaster.sandbox.mastodon import MastodonDrill
    from broadcaster.sandbox.mixed import MixedWorkspace
    from broadcaster.sandbox.server import SandboxServer

APPROVERS = ("lee", "roy")  # the drill officers: officers.toml and keys/ in the folder
OPERATOR = "Demo Operator"
AGENCIES = 5
AUDIENCE = 20_000  # people per agency's post; replies arrive over the simulated hours
SPEED = 3600.0  # an hour of the audience per second
LATENCY = (0.05, 0.2)
TRACK_ROUNDS = 2
CITIZEN = "citizen"  # a member of the public on the Mastodon and Bluesky drills
LABELS = {"sandbox": "the X sandbox", "mastodon": "Mastodon", "bluesky": "Bluesky"}
CITIZEN_TIP = "I think I saw him at the bus terminal on King Street around 9 this morning."


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
    platforms: tuple[str, ...] = ("sandbox",)
    servers: dict[str, str] = field(default_factory=dict)  # platform -> drill server URL
    received: dict[str, int] = field(default_factory=dict)  # platform -> agency posts it holds
    bluesky_missing: str | None = None  # why the Bluesky network was left out
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
            "platforms": list(self.platforms),
            "received": self.received,
            "bluesky_missing": self.bluesky_missing,
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


@contextlib.contextmanager
def _bluesky(
    given: BlueskyNetwork | None, say: Callable[[str], None]
) -> Iterator[tuple[BlueskyNetwork | None, str | None]]:
    """The network to use: the one given (left running), or one started here and stopped at
    the end; (None, why) when it cannot be had."""
    if given is not None:
        yield given, None
        return
    from broadcaster.sandbox.bluesky import BlueskyNetwork, Installation, free_port_block

    try:
        network = BlueskyNetwork(Installation.find(), port=free_port_block())
        say("Starting the Bluesky drill network (PLC directory, PDS and AppView)…")
        network.start()
    except BroadcasterError as error:
        yield None, str(error).rstrip(".")
        return
    try:
        yield network, None
    finally:
        network.stop()


def run_demo(
    folder: Path | None = None,
    *,
    say: Callable[[str], None] = lambda _: None,
    bluesky: BlueskyNetwork | None = None,
) -> DemoResult:
    """The drill, start to finish. `say` receives one plain sentence per step. `bluesky`:
    a Bluesky drill network already running (else one is started when installed)."""
    started = time.monotonic()
    folder = scratch_folder(folder)
    with _bluesky(bluesky, say) as (network, missing):
        if missing:
            say(f"{missing}; this drill posts on the X sandbox and the Mastodon drill only.")
        result = _drill(folder, network, say)
        result.bluesky_missing = missing
    result.seconds = time.monotonic() - started
    return result


def _workspace(
    folder: Path, network: BlueskyNetwork | None, say: Callable[[str], None]
) -> MixedWorkspace:
    from broadcaster.sandbox.bluesky import drill_accounts
    from broadcaster.sandbox.drill import write_drill_workspace
    from broadcaster.sandbox.mixed import add_drill_accounts, create_bluesky_accounts

    base = write_drill_workspace(folder, AGENCIES, languages=("en", "fr"))
    # A network shared with other drills (tests) already has these handles: keep ours apart.
    suffix = f"-{secrets.token_hex(2)}" if network is not None else ""
    workspace = add_drill_accounts(base, bluesky=network is not None, handle_suffix=suffix)
    where = "the X sandbox, Mastodon and Bluesky" if network else "the X sandbox and Mastodon"
    say(
        f"Wrote {AGENCIES} drill agencies (English and French), each with an account on "
        f"{where}, to {workspace.agencies_path} and drill-only keys to {workspace.env_path}."
    )
    if network is not None:
        create_bluesky_accounts(network, drill_accounts(workspace.agencies_path, workspace.env))
    return workspace


def _mastodon_drill(workspace: MixedWorkspace) -> tuple[MastodonDrill, str]:
    """The Mastodon drill server with the agencies' accounts and a member of the public."""
    from broadcaster.sandbox.mastodon import DrillAccount, MastodonDrill, accounts_from_file
    from broadcaster.sandbox.mixed import MASTODON_DOMAIN

    token = secrets.token_urlsafe(24)
    handle = f"@{CITIZEN}@{MASTODON_DOMAIN}"
    citizen = DrillAccount("public", handle, CITIZEN, MASTODON_DOMAIN, token)
    accounts = accounts_from_file(workspace.agencies_path, workspace.env)
    return MastodonDrill([*accounts, citizen], port=0), token


def _drill(folder: Path, network: BlueskyNetwork | None, say: Callable[[str], None]) -> DemoResult:
    from broadcaster.authoring.agencies import load_registry
    from broadcaster.sandbox.server import SandboxServer

    workspace = _workspace(folder, network, say)
    registry = load_registry(workspace.agencies_path)
    server = SandboxServer.from_registry(
        registry, workspace.env, latency=LATENCY, audience=AUDIENCE, speed=SPEED
    )
    mastodon, citizen_token = _mastodon_drill(workspace)
    urls = {"sandbox": server.start()}
    try:
        urls["mastodon"] = mastodon.start()
        if network is not None:
            urls["bluesky"] = network.url
        names = {"sandbox": "BROADCASTER_SANDBOX_URL", "mastodon": "BROADCASTER_MASTODON_URL"}
        names["bluesky"] = "BROADCASTER_BLUESKY_URL"
        overrides = {names[platform]: url for platform, url in urls.items()}
        with workspace.env_path.open("a", encoding="utf-8") as handle:
            handle.write("".join(f"{name}={url}\n" for name, url in overrides.items()))
        say(
            f"Started the sandbox (a local stand-in for X) at {urls['sandbox']} and the "
            f"Mastodon drill server (an imitation of Mastodon's API) at {urls['mastodon']}"
            + (f"; the Bluesky network's PDS is at {network.url}." if network else ".")
        )
        env = {**workspace.env, **overrides}
        result = _launch(folder, workspace, env, say)
        result.platforms = tuple(urls)
        result.servers = urls
        result.received = _received(server, workspace, mastodon.url, network)
        held = ", ".join(f"{n} on {LABELS[platform]}" for platform, n in result.received.items())
        say(f"The drill servers hold the agencies' posts: {held}.")
        _citizens_reply(result, env, mastodon.url, citizen_token, network, say)
        settings = _settings(folder, workspace, env)
        from broadcaster.storage.db import open_db

        engine = open_db(settings.db_url)
        _track_and_report(result, settings, engine, say)
        engine.dispose()
    finally:
        server.stop()
        mastodon.stop()
    return result


def _settings(folder: Path, workspace: MixedWorkspace, env: dict[str, str]) -> Settings:
    return Settings(
        db_url=f"sqlite:///{folder / 'broadcaster.db'}",
        agencies_path=workspace.agencies_path,
        env_file=workspace.env_path,
        operator=OPERATOR,
        env=env,
    )


def _launch(
    folder: Path, workspace: MixedWorkspace, env: dict[str, str], say: Callable[[str], None]
) -> DemoResult:
    """Write the exercise campaign, approve it as two officers, launch it."""
    from broadcaster.authoring.approval import approve, officers_for
    from broadcaster.authoring.officers import signer_for
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.authoring.scaffold import write_campaign
    from broadcaster.campaign.status import campaign_status
    from broadcaster.launch.run import launch
    from broadcaster.storage.db import open_db

    settings = _settings(folder, workspace, env)
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
    counts: dict[str, int] = {}
    for outcome in sent.posted:
        counts[outcome.platform] = counts.get(outcome.platform, 0) + 1
    per = ", ".join(f"{n} on {platform}" for platform, n in counts.items())
    spread = f"{sent.spread_ms:.1f} ms" if sent.spread_ms is not None else "n/a"
    say(
        f"Launched: {len(sent.posted)} of {len(sent.outcomes)} accounts of {AGENCIES} agencies "
        f"posted at once ({per}); the first and last posts landed {spread} apart."
    )
    result = DemoResult(
        folder=folder,
        database=folder / "broadcaster.db",
        campaign_path=path,
        campaign_id=campaign_id,
        sandbox_url=env["BROADCASTER_SANDBOX_URL"],
        approvers=APPROVERS,
        launch=report,
        status=campaign_status(engine, campaign_id),
    )
    engine.dispose()
    return result


def _received(
    sandbox: SandboxServer,
    workspace: MixedWorkspace,
    mastodon_url: str,
    network: BlueskyNetwork | None,
) -> dict[str, int]:
    """How many posts of the agencies each drill server holds, read from the server itself."""
    import httpx

    from broadcaster.sandbox.bluesky import drill_accounts
    from broadcaster.sandbox.mastodon import accounts_from_file

    held = {"sandbox": len(sandbox.posts())}
    with httpx.Client(timeout=10.0) as client:
        statuses = 0
        for account in accounts_from_file(workspace.agencies_path, workspace.env):
            auth = {"Authorization": f"Bearer {account.token}"}
            me = client.get(f"{mastodon_url}/api/v1/accounts/verify_credentials", headers=auth)
            mine = client.get(
                f"{mastodon_url}/api/v1/accounts/{me.json()['id']}/statuses", headers=auth
            )
            statuses += len(mine.json())
        held["mastodon"] = statuses
        if network is not None:
            records = 0
            for sky in drill_accounts(workspace.agencies_path, workspace.env):
                page = client.get(
                    f"{network.url}/xrpc/com.atproto.repo.listRecords",
                    params={"repo": sky.handle, "collection": "app.bsky.feed.post"},
                )
                records += len(page.json()["records"])
            held["bluesky"] = records
    return held


def _citizens_reply(
    result: DemoResult,
    env: dict[str, str],
    mastodon_url: str,
    token: str,
    network: BlueskyNetwork | None,
    say: Callable[[str], None],
) -> None:
    """A member of the public answers the lead agency's post on Mastodon and on Bluesky (the
    X sandbox's simulated audience answers there by itself)."""
    from broadcaster.platforms.bluesky import BlueskyPlatform
    from broadcaster.platforms.mastodon import MastodonPlatform
    from broadcaster.sandbox.mixed import MASTODON_DOMAIN

    lead = result.status["posts"][0]["agency"]  # the campaign's lead comes first
    refs = {
        post["platform"]: post["remote_id"]
        for post in result.status["posts"]
        if post["agency"] == lead and post["remote_id"]
    }
    answered = []
    if "mastodon" in refs:
        citizen = MastodonPlatform(
            agency_key="public",
            handle=f"@{CITIZEN}@{MASTODON_DOMAIN}",
            base_url=mastodon_url,
            access_token=token,
            credentials_prefix="CITIZEN",
        )
        citizen.post(CITIZEN_TIP, in_reply_to=refs["mastodon"])
        citizen.close()
        answered.append("Mastodon")
    if network is not None and "bluesky" in refs:
        handle, password = f"{CITIZEN}-{secrets.token_hex(3)}.test", secrets.token_urlsafe(16)
        network.create_account(handle, password)
        sky = BlueskyPlatform(handle, password, service=network.url)
        sky.post(CITIZEN_TIP, in_reply_to=refs["bluesky"])
        sky.close()
        answered.append("Bluesky")
    if answered:
        say(f"A member of the public replied to {lead}'s post on {' and '.join(answered)}.")


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
