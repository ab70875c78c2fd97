"""The synchronized launch: preflight, a countdown, every agency at once, the journal.

`launch` checks everything it can before it touches a platform (the campaign renders, it is
approved for exactly this content, it is not closed or expired), takes the campaign's lease,
plans one journal row per agency, and hands the rows to the executor, which
verifies every account, uploads the photo to each, warms the connections, waits for the
launch instant and fires. Run again, it sends only what is missing.

The agencies whose credentials this process lacks are *armed* instead (arming.py): their
rows are planned here, and each agency's own worker (`run --agency KEY`) sends them at the
instant. Once armed, an agency's launch posts are its worker's, even if this process is
later given its keys: two processes never hold the same row.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from broadcaster.authoring.approval import (
    refuse_if_closed,
    require_approval,
    shown_path,
    upsert_campaign,
)
from broadcaster.errors import AlreadyLaunched, CampaignClosed, NotApproved, UsageInvalid
from broadcaster.launch.arming import (
    MIN_ARM_LEAD,
    arm,
    armed_agencies,
    refuse_too_soon,
    retry,
    without_keys,
)
from broadcaster.launch.current_photo import photo_to_post
from broadcaster.launch.executor import send_posts
from broadcaster.launch.lease import acquire_lease
from broadcaster.launch.outcomes import Progress, SendReport, outcome_of
from broadcaster.launch.plan import PlannedPost, as_the_platform_can, plan_posts, rows_for
from broadcaster.retry import RetryPolicy
from broadcaster.states import (
    CAMPAIGN_LIVE,
    POST_DONE,
    POST_HELD,
    POST_IN_FLIGHT,
    POST_TODO,
    CampaignState,
    PostState,
)
from broadcaster.states import check as check_state
from broadcaster.storage import audit
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import CampaignRecord, Post
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.agencies import Registry
    from broadcaster.authoring.prepare import PreparedCampaign
    from broadcaster.config import Settings

OCCURRENCE = "launch"
KIND_OF_ACTION = {"post": "original", "quote": "quote", "repost": "repost"}
LAUNCH_KINDS = tuple(KIND_OF_ACTION.values())


@dataclass(frozen=True)
class PlannedLine:
    """What a dry run shows for one account of one agency."""

    agency: str
    platform: str
    kind: str
    text: str
    media: tuple[str, ...]
    state: str  # the journal's state for it now ("new" when there is no row yet)
    handle: str = ""


@dataclass
class LaunchReport:
    campaign_id: str
    path: Path
    dry_run: bool
    fire_at: datetime | None
    lines: list[PlannedLine] = field(default_factory=list)
    send: SendReport | None = None
    state: str = CampaignState.DRAFT  # the campaign's state afterwards
    approvers: tuple[str, ...] = ()
    held: tuple[str, ...] = ()  # partner_approval: agencies awaiting their own approver
    # Agencies whose posts their own workers send (no keys here), and their instant.
    armed: tuple[str, ...] = ()
    armed_for: datetime | None = None

    def armed_sentence(self) -> str:
        """'armed: 2 agencies fire from their own workers at 2027-01-15 14:00:00 UTC'"""
        count = len(self.armed)
        noun = (
            "agency fires from its own worker"
            if count == 1
            else "agencies fire from their own workers"
        )
        when = f" at {self.armed_for:%Y-%m-%d %H:%M:%S} UTC" if self.armed_for else ""
        return f"armed: {count} {noun}{when} ({', '.join(self.armed)})"

    @property
    def complete(self) -> bool:
        if self.dry_run:
            return True
        return not self.held and (self.send is None or self.send.complete)

    def held_sentence(self) -> str:
        """'rcmp awaits approval by an approver of its own agency ...'"""
        one = len(self.held) == 1
        return (
            f"{', '.join(self.held)} {'awaits' if one else 'await'} approval by an approver of "
            f"{'its' if one else 'their'} own agency (partner_approval in {self.path.name}) "
            f"and did not post; once approved, run launch again to send "
            f"{'it' if one else 'them'}"
        )


def launch_posts(prepared: PreparedCampaign) -> list[PlannedPost]:
    """One journal row per agency: its own post, or in amplify mode a quote or repost."""
    return [
        PlannedPost(
            agency=post.agency,
            kind=KIND_OF_ACTION[getattr(post, "action", "post")],
            text=post.text,
            occurrence=OCCURRENCE,
        )
        for post in prepared.posts
    ]


def fire_time(campaign_launch_at: datetime | None, at: datetime | None) -> datetime | None:
    """--at, else the campaign's launch_at; None (at once) when that moment has passed."""
    target = at or campaign_launch_at
    if target is None:
        return None
    target = as_utc(target)
    return target if target > utcnow() else None


def _check_selection(prepared: PreparedCampaign, only: tuple[str, ...] | None) -> None:
    if not only:
        return
    keys = [a.key for a in prepared.agencies]
    unknown = [key for key in only if key not in keys]
    if unknown:
        raise UsageInvalid(
            f"--only {', '.join(unknown)}: not in campaign {prepared.campaign.id!r}, "
            f"whose agencies are {', '.join(keys)}."
        )


def _refuse_expired(prepared: PreparedCampaign) -> None:
    expires = prepared.campaign.expires_at
    if expires is not None and as_utc(expires) <= utcnow():
        raise CampaignClosed(
            f"campaign {prepared.campaign.id!r} expired at {as_utc(expires):%Y-%m-%d %H:%M} UTC "
            f"(expires_at in {prepared.path.name}); nothing more may be posted for it."
        )


def _dry_lines(
    engine: Engine, prepared: PreparedCampaign, only: tuple[str, ...] | None
) -> list[PlannedLine]:
    existing = {
        (row.agency, row.account, row.kind): row.state
        for row in rows_for(engine, prepared.campaign.id, occurrence=OCCURRENCE)
    }
    lines = []
    for post, planned in zip(prepared.posts, launch_posts(prepared), strict=True):
        if only and post.agency not in only:
            continue
        for account in prepared.registry.get(post.agency).each_account():
            lines.append(
                PlannedLine(
                    agency=post.agency,
                    platform=account.platform,
                    kind=planned.kind,
                    text=post.text,
                    media=tuple(post.media),
                    state=existing.get((post.agency, account.account_key, planned.kind), "new"),
                    handle=account.handle,
                )
            )
    return lines


def launch(
    settings: Settings,
    campaign_path: Path,
    *,
    operator: str,
    at: datetime | None = None,
    dry_run: bool = False,
    only: tuple[str, ...] | None = None,
    policy: RetryPolicy | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
    min_arm_lead: timedelta = MIN_ARM_LEAD,
) -> LaunchReport:
    """Launch the campaign from every agency (or `only` those) at `at` / launch_at / now.

    The agencies whose credentials are not all in `settings.env` are armed for their own
    workers instead (the instant must be `min_arm_lead` ahead, else UsageInvalid naming
    them); the report lists them under `armed`.

    Raises InvalidInput (2), NotApproved / ChangedSinceApproval / AlreadyLaunched /
    CampaignClosed / Busy (3). Platform failures do not raise: the report says which agencies
    did not post (the CLI turns that into exit 4)."""
    from broadcaster.authoring.prepare import prepare_campaign

    prepared = prepare_campaign(Path(campaign_path), settings, check_credentials=False)
    campaign = prepared.campaign
    _check_selection(prepared, only)
    engine = engine or open_db(settings.db_url)
    with Session(engine) as session:
        refuse_if_closed(session.get(CampaignRecord, campaign.id), campaign.id)
    _refuse_expired(prepared)
    approval = require_approval(engine, prepared)
    selected = list(only) if only else [a.key for a in prepared.agencies]
    awaiting = tuple(agency for agency in selected if agency in approval.awaiting)
    if awaiting and len(awaiting) == len(selected) and not _any_posted(engine, campaign.id):
        raise _all_awaiting(prepared, awaiting)
    fire_at = fire_time(campaign.launch_at, at)
    report = LaunchReport(
        campaign.id, prepared.path, dry_run, fire_at, approvers=approval.approvers
    )
    already = armed_agencies(engine, campaign.id)
    away = [
        key
        for key in without_keys(prepared.registry, selected, settings.env)
        if key not in already and not _all_posted(engine, campaign.id, key)
    ]
    if away:
        refuse_too_soon(
            campaign.id,
            away,
            prepared.registry,
            settings.env,
            fire_at,
            now=utcnow(),
            min_lead=min_arm_lead,
        )
    own = [key for key in selected if key not in away and key not in already]
    if dry_run:
        report.lines = [
            dataclasses.replace(line, state=PostState.AWAITING_APPROVAL)
            if line.agency in awaiting and line.state not in POST_DONE | POST_IN_FLIGHT
            else line
            for line in _dry_lines(engine, prepared, only)
        ]
        report.held = tuple(line.agency for line in report.lines if line.state in POST_HELD)
        report.armed = tuple(key for key in selected if key not in own)
        report.armed_for = fire_at if away else None
        with Session(engine) as session:
            record = session.get(CampaignRecord, campaign.id)
            report.state = record.state if record else CampaignState.DRAFT
        return report

    with session_scope(engine, immediate=True) as session:
        upsert_campaign(session, campaign, prepared.path)
    lease = acquire_lease(engine, campaign.id, purpose="launch")
    try:
        with Session(engine) as session:  # re-read under the lease: a resolve may have won
            refuse_if_closed(session.get(CampaignRecord, campaign.id), campaign.id)
        # And the armings: another launch may have armed agencies since they were read above.
        # Their posts are their workers' now; sending them here too would post them twice.
        already = armed_agencies(engine, campaign.id)
        own = [key for key in own if key not in already]
        away = [key for key in away if key not in already]
        # Under the lease, as `update` swaps the photo: a late original or quote (an
        # agency whose first post failed, or added since) never brings back a photo an
        # update withdrew.
        photo = photo_to_post(engine, prepared)
        planned = launch_posts(prepared)
        plan_posts(engine, campaign.id, prepared.registry, planned)
        _set_aside_stale(engine, campaign.id, prepared.registry, planned)
        _hold_and_release(engine, campaign.id, set(approval.awaiting))
        rows = rows_for(
            engine, campaign.id, kinds=LAUNCH_KINDS, occurrence=OCCURRENCE, agencies=selected
        )
        report.held = tuple(sorted({row.agency for row in rows if row.state in POST_HELD}))
        newly = (
            arm(
                engine,
                campaign.id,
                away,
                fire_at,
                operator=operator,
                content_hash=prepared.content_hash,
                photo=photo,
            )
            if away and fire_at is not None
            else []
        )
        waiting = {row.agency for row in rows if row.state in POST_TODO}
        retry(engine, campaign.id, [key for key in already if key in waiting and key in selected])
        report.armed = tuple(key for key in selected if key not in own and key in waiting)
        armed_rows = armed_agencies(engine, campaign.id)
        instants = [armed_rows[key].fire_at for key in report.armed if key in armed_rows]
        report.armed_for = max(instants) if instants else None
        if not any(row.state in POST_TODO for row in rows if row.agency in own):
            if newly:  # nothing of its own to send: the launch is the arming
                _start(engine, prepared, operator, fire_at, own, approval.approvers, newly)
            if report.held or report.armed:  # the others posted before; these still wait
                report.send = SendReport(
                    campaign.id, [outcome_of(row) for row in rows if row.state in POST_DONE]
                )
                with Session(engine) as session:
                    record = session.get(CampaignRecord, campaign.id)
                    report.state = record.state if record else CampaignState.DRAFT
                return report
            raise _already(engine, campaign.id, rows, list(only) if only else None)
        _start(engine, prepared, operator, fire_at, own, approval.approvers, newly)
        report.send = send_posts(
            engine,
            settings,
            prepared.registry,
            campaign.id,
            operator=operator,
            kinds=LAUNCH_KINDS,
            occurrence=OCCURRENCE,
            agencies=own,
            photo=photo,
            at=fire_at,
            policy=policy,
            lease=lease,
            progress=progress,
        )
        report.state = _finish(engine, prepared, operator, report.send)
        plan_launch_reposts(engine, prepared)
    finally:
        lease.release()
    return report


def _set_aside_stale(
    engine: Engine, campaign_id: str, registry: Registry, planned: list[PlannedPost]
) -> None:
    """Launch rows the campaign no longer has (an agency or an account removed, the mode
    changed, all re-approved) and that were never sent are cancelled rather than sent."""
    wanted = {
        (p.agency, account.key, as_the_platform_can(p, account.platform).kind)
        for p in planned
        for account in registry.get(p.agency).accounts
    }
    with session_scope(engine, immediate=True) as session:
        for row in session.exec(
            select(Post).where(
                Post.campaign_id == campaign_id,
                Post.occurrence == OCCURRENCE,
                col(Post.kind).in_(LAUNCH_KINDS),
                col(Post.state).in_(POST_TODO),
                Post.attempts == 0,
            )
        ).all():
            if (row.agency, row.account, row.kind) not in wanted:
                row.state = PostState.CANCELLED
                row.error = "no longer part of the campaign; it changed after this was planned"
                row.updated_at = utcnow()
                session.add(row)


def _all_posted(engine: Engine, campaign_id: str, agency: str) -> bool:
    rows = rows_for(
        engine, campaign_id, kinds=LAUNCH_KINDS, occurrence=OCCURRENCE, agencies=[agency]
    )
    return bool(rows) and all(row.state in POST_DONE for row in rows)


def _any_posted(engine: Engine, campaign_id: str) -> bool:
    rows = rows_for(engine, campaign_id, kinds=LAUNCH_KINDS, occurrence=OCCURRENCE)
    return any(row.state in POST_DONE for row in rows)


def _all_awaiting(prepared: PreparedCampaign, awaiting: tuple[str, ...]) -> NotApproved:
    command = f"broadcaster approve {shown_path(prepared.path)} --key KEY"
    return NotApproved(
        f"campaign {prepared.campaign.id!r} has partner_approval and no agency selected has "
        f"its own approval yet ({', '.join(awaiting)}); ask an approver of each agency to "
        f"run {command}."
    )


def _hold_and_release(engine: Engine, campaign_id: str, awaiting: set[str]) -> None:
    """partner_approval: a launch row of an agency still without its own approver is held
    (awaiting-approval, never sent); a held row whose agency has approved since is planned
    again, so this launch sends it. A row that may already be out (sending, unknown) is left
    to reconciliation, never held."""
    now = utcnow()
    with session_scope(engine, immediate=True) as session:
        for row in session.exec(
            select(Post).where(
                Post.campaign_id == campaign_id,
                Post.occurrence == OCCURRENCE,
                col(Post.kind).in_(LAUNCH_KINDS),
            )
        ).all():
            if row.agency in awaiting and row.state in POST_TODO - POST_IN_FLIGHT:
                new = PostState.AWAITING_APPROVAL
            elif row.agency not in awaiting and row.state in POST_HELD:
                new = PostState.PLANNED
            else:
                continue
            check_state(PostState, row.state, new, f"post {row.id}")
            row.state = new
            row.error = (
                "awaiting approval by an approver of its own agency (partner_approval)"
                if new == PostState.AWAITING_APPROVAL
                else None
            )
            row.updated_at = now
            session.add(row)


def _already(
    engine: Engine, campaign_id: str, rows: list[Post], selected: list[str] | None
) -> AlreadyLaunched:
    with Session(engine) as session:
        record = session.get(CampaignRecord, campaign_id)
    when = (
        f" at {record.launched_at:%Y-%m-%d %H:%M:%S} UTC"
        if record is not None and record.launched_at
        else ""
    )
    agencies = len({r.agency for r in rows})
    if selected:
        who = "the selected agencies have"
    elif agencies == len(rows):
        who = f"all {agencies} agencies have"
    else:  # several accounts per agency: say both, so the figures match `status`
        who = f"all {len(rows)} accounts of the {agencies} agencies have"
    return AlreadyLaunched(
        f"campaign {campaign_id!r} was already launched{when}: {who} posted; "
        f"see broadcaster status {campaign_id}."
    )


def _start(
    engine: Engine,
    prepared: PreparedCampaign,
    operator: str,
    fire_at: datetime | None,
    selected: list[str],
    approvers: tuple[str, ...],
    armed: list[str],
) -> None:
    campaign = prepared.campaign
    with session_scope(engine, immediate=True) as session:
        record = session.get(CampaignRecord, campaign.id)
        assert record is not None
        if record.state == CampaignState.DRAFT:
            record.state = CampaignState.LAUNCHING
        record.updated_at = utcnow()
        session.add(record)
        audit.record(
            session,
            operator=operator,
            action="launch",
            campaign_id=campaign.id,
            detail={
                "content_hash": prepared.content_hash,
                "approvers": list(approvers),
                "agencies": selected,
                "armed": armed,
                "at": fire_at.isoformat() if fire_at else None,
                "mode": campaign.mode,
            },
        )


def plan_launch_reposts(engine: Engine, prepared: PreparedCampaign) -> int:
    """The repost jobs of every agency that posted, planned as the launch finishes so that
    `status` shows the next reposts at once (the scheduler's `plan` job calls the same
    function; planning twice adds nothing). Returns how many were added."""
    from broadcaster.jobs.queue import plan_reposts

    plans = prepared.campaign.reposts
    if not plans:
        return 0
    now = utcnow()
    return sum(
        plan_reposts(engine, prepared.campaign.id, a.key, plans, a.zone, now=now) or 0
        for a in prepared.agencies
    )


def _finish(engine: Engine, prepared: PreparedCampaign, operator: str, sent: SendReport) -> str:
    """The campaign's state from all its launch rows (not only this run's)."""
    campaign = prepared.campaign
    with session_scope(engine, immediate=True) as session:
        # Under the audit chain's lock (taken first, as agency workers settling the same
        # campaign take it): the rows read then include every post they committed.
        audit.head(session)
        rows = [
            r
            for r in session.exec(
                select(Post).where(
                    Post.campaign_id == campaign.id,
                    Post.occurrence == OCCURRENCE,
                    col(Post.kind).in_(LAUNCH_KINDS),
                    col(Post.agency).in_([a.key for a in prepared.agencies]),
                )
            ).all()
            if r.state in POST_TODO | POST_DONE | POST_HELD
        ]
        posted = [r for r in rows if r.state in POST_DONE]
        record = session.get(CampaignRecord, campaign.id)
        assert record is not None
        if record.state in {CampaignState.DRAFT, CampaignState.LAUNCHING, *CAMPAIGN_LIVE}:
            done = len(posted) == len(rows)
            record.state = CampaignState.LAUNCHED if done else CampaignState.PARTIAL
        if record.launched_at is None and posted:
            record.launched_at = sent.fired_at or utcnow()
        record.content_hash = prepared.content_hash
        record.updated_at = utcnow()
        session.add(record)
        audit.record(
            session,
            operator=operator,
            action="launch-result",
            campaign_id=campaign.id,
            detail={
                "posted": sorted(o.agency for o in sent.posted),
                "failed": {o.agency: o.error or o.state for o in sent.failed},
                "spread_ms": round(sent.spread_ms, 3) if sent.spread_ms is not None else None,
            },
        )
        return record.state
