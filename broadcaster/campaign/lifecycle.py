"""How a case ends: `resolve` (arrested, found, withdrawn: the outcomes that fit the
campaign's kind, FITTING_OUTCOMES), `cancel` (an alert sent in error) and expiry (the
scheduler, at `expires_at`).

Each one first closes the campaign in the database (so no launch, approval or scheduled
repost starts after it) and stops its scheduled work, then, holding the campaign's lease:
reconciles any post whose outcome is still open, posts through the launch journal (so it
is exactly-once and resumable: run it again and it does only what is missing), and takes
down the posts that show the photo, as police guidance requires.

- resolve: every agency that posted posts the update for the outcome (journal rows
  kind="update", occurrence=outcome); the photo posts come down unless kept.
- cancel: no approval (speed matters) but audited. The photo posts come down first, then
  every agency that posted posts the correction (kind="correction", occurrence="cancel").
  A launch still counting down is stopped: cancel takes its lease, and the launch sends
  nothing once its lease is gone. A launch already firing is waited for, then reconciled.
- expire: the photo posts come down; nothing is posted.

An agency armed at launch (launch/arming.py) whose keys this process lacks has its share
planned here like every other agency's (its update or correction rows, rendered from the
campaign), but it is its worker's to do (jobs/worker.py, serve_follow_ups): it posts those
rows and takes its own photo posts down at its next pass. So an ending run from the
coordination centre neither attempts nor fails them; the report names those agencies.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from broadcaster.errors import (
    BroadcasterError,
    CampaignClosed,
    CampaignNotFound,
    PlatformError,
    UsageInvalid,
)
from broadcaster.launch.lease import LEASE_WAIT, take_lease
from broadcaster.launch.reconcile import reconcile_open_rows
from broadcaster.retry import TAKE_DOWNS, call_with_retries
from broadcaster.states import CAMPAIGN_LIVE, POST_DONE, CampaignState, PostState
from broadcaster.storage import audit
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import CampaignRecord, Post
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.agencies import Registry
    from broadcaster.authoring.prepare import PreparedCampaign
    from broadcaster.config import Settings
    from broadcaster.launch.lease import Lease
    from broadcaster.launch.outcomes import Progress, SendReport
    from broadcaster.retry import RetryPolicy

OUTCOMES = ("arrested", "found", "withdrawn")
# The outcomes that fit each kind of case (SPEC: a campaign is wanted, missing or appeal; a
# case resolves arrested, found or withdrawn). Posting the wrong one tells the public
# something false about a named person ("Emma Tremblay has been arrested" of a missing
# teenager), so `resolve` and the console refuse it. Where SPEC is silent we chose as a
# communications officer would:
# - wanted: arrested (a suspect who surrendered is in custody: arrested too); withdrawn for
#   every other ending (charges dropped, the suspect found dead, the wrong person): the
#   service announces those in its own words, not in a template, so the update only says the
#   appeal is over. Never "found": it reads as the rescue of a missing person.
# - missing: found, whether safe or not. The update says "has been found", never "safe":
#   a death is told to the family first and announced by the service, not by a template
#   posted at once from every agency. withdrawn for the rest (the person made contact).
# - appeal (for witnesses or information): arrested (an arrest was made in the case; the
#   template never names case.name as the one arrested: on an appeal it may be the victim's)
#   or withdrawn. Not "found": nobody was missing.
FITTING_OUTCOMES: dict[str, tuple[str, ...]] = {
    "wanted": ("arrested", "withdrawn"),
    "missing": ("found", "withdrawn"),
    "appeal": ("arrested", "withdrawn"),
}
KIND_NAMES = {
    "wanted": "a wanted-person case",
    "missing": "a missing-person case",
    "appeal": "an appeal for information",
}
LAUNCH_KINDS = ("original", "quote", "repost")
# Posts that show the photo: originals and scheduled reposts carry it, quotes embed it.
# A plain repost (retweet) has nothing of its own to delete: it goes with the original.
PHOTO_KINDS = ("original", "quote", "scheduled_repost")
IN_FLIGHT_WAIT = 15.0  # a request's timeout, and a margin
# What the audit log calls each ending.
CLOSING_ACTION = {
    CampaignState.RESOLVED: "resolve",
    CampaignState.CANCELLED: "cancel",
    CampaignState.EXPIRED: "expire",
}


@dataclass(frozen=True)
class TakeDown:
    agency: str
    kind: str
    remote_id: str
    state: PostState  # deleted | failed
    error: str | None = None
    handle: str = ""  # the account the post was on

    def as_dict(self) -> dict[str, Any]:
        """What `--json` shows of it (resolve, cancel, expiry, update)."""
        return {
            "agency": self.agency,
            "handle": self.handle,
            "kind": self.kind,
            "remote_id": self.remote_id,
            "state": self.state,
            "error": self.error,
        }


class SendAndTakeDown:
    """How a run that sends posts and takes photo posts down reads: what failed, and whether
    it all went through (resolve, cancel and expiry here; a mid-case update in updates.py)."""

    send: SendReport | None
    taken_down: list[TakeDown]

    @property
    def failed_posts(self) -> list[Any]:
        return list(self.send.failed) if self.send is not None else []

    @property
    def failed_deletes(self) -> list[TakeDown]:
        return [t for t in self.taken_down if t.state != PostState.DELETED]

    @property
    def complete(self) -> bool:
        return not self.failed_posts and not self.failed_deletes

    @property
    def failures(self) -> list[str]:
        """One line per post not sent and per photo post left up, as the CLI and the console
        show them."""
        lines = [f"{o.agency}: {o.error or o.state}" for o in self.failed_posts]
        return lines + [
            f"{t.agency} {t.kind} {t.remote_id}: {t.error}" for t in self.failed_deletes
        ]


@dataclass
class LifecycleReport(SendAndTakeDown):
    campaign_id: str
    action: str  # resolve | cancel | expire
    state: str  # the campaign's state afterwards
    outcome: str | None = None
    send: SendReport | None = None  # the updates or corrections
    taken_down: list[TakeDown] = field(default_factory=list)
    not_posted: list[str] = field(default_factory=list)  # agencies that never posted
    stopped_jobs: int = 0
    kept_originals: bool = False
    by_workers: list[str] = field(default_factory=list)  # armed: their workers do their share
    workers_post: bool = False  # whether those workers have a follow-up to post
    workers_take_down: bool = False  # whether they have photo posts to take down

    def summary(self) -> str:
        posted = len(self.send.posted) if self.send is not None else 0
        # "updates" would read as mid-case updates (`update`): say what was posted.
        what = {
            "resolve": f"the outcome ({self.outcome})" if self.outcome else "the outcome",
            "cancel": "the correction",
            "expire": "posts",
        }[self.action]
        parts = [f"campaign {self.campaign_id} {self.state}"]
        if self.action != "expire":
            parts.append(f"{posted} account{'' if posted == 1 else 's'} posted {what}")
        if self.failed_posts:
            failed = len(self.failed_posts)
            parts.append(f"{failed} account{'' if failed == 1 else 's'} could not post it")
        deleted = sum(1 for t in self.taken_down if t.state == PostState.DELETED)
        parts.append(f"{deleted} photo posts taken down")
        if self.failed_deletes:
            parts.append(f"{len(self.failed_deletes)} could not be taken down")
        if self.by_workers:
            parts.append(
                workers_sentence(
                    self.by_workers, posts=self.workers_post, takes_down=self.workers_take_down
                )
            )
        return "; ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        send = self.send
        return {
            "campaign": self.campaign_id,
            "action": self.action,
            "state": self.state,
            "outcome": self.outcome,
            "posts": [o.as_dict() for o in (send.outcomes if send is not None else [])],
            "taken_down": [t.as_dict() for t in self.taken_down],
            "kept_originals": self.kept_originals,
            "not_posted": self.not_posted,
            "stopped_jobs": self.stopped_jobs,
            "by_workers": self.by_workers,
        }


def workers_sentence(agencies: Sequence[str], *, posts: bool, takes_down: bool) -> str:
    """E.g. "2 agencies post it and take their photo posts down from their own workers (a,
    b)": what an ending leaves to the armed agencies' workers."""
    one = len(agencies) == 1
    does = []
    if posts:
        does.append("posts it" if one else "post it")
    if takes_down:
        does.append(f"{'takes its' if one else 'take their'} photo posts down")
    what = " and ".join(does) or ("does its share" if one else "do their share")
    return (
        f"{len(agencies)} agenc{'y' if one else 'ies'} {what} from "
        f"{'its' if one else 'their'} own worker{'' if one else 's'} ({', '.join(agencies)})"
    )


# -- finding the campaign ---------------------------------------------------------------


def campaign_file(engine: Engine, reference: str | Path) -> Path:
    """CAMPAIGN as typed: a campaign file, or the id of a campaign the database knows."""
    path = Path(reference)
    if path.is_file():
        return path
    text = str(reference)
    if path.suffix == ".toml" or "/" in text:
        raise CampaignNotFound(f"{text}: no such campaign file.")
    with Session(engine) as session:
        record = session.get(CampaignRecord, text)
    if record is None:
        raise CampaignNotFound(
            f"no campaign file or campaign id {text!r}; give the campaign file's path."
        )
    stored = Path(record.path)
    if not stored.is_file():
        raise CampaignNotFound(
            f"campaign {text!r}: its file {record.path} is gone; give the campaign file's path."
        )
    return stored


# -- which outcomes fit the case ----------------------------------------------------------


def outcomes_for(kind: str) -> tuple[str, ...]:
    """The outcomes a campaign of this kind may be resolved with, in the order offered."""
    return FITTING_OUTCOMES.get(kind, OUTCOMES)


def outcome_problem(campaign_id: str, kind: str, outcome: str) -> str | None:
    """The one sentence refusing `outcome` for a campaign of `kind` (naming --outcome, the
    kind and the outcomes that fit), or None when it fits. The console says it too."""
    fits = outcomes_for(kind)
    if outcome in fits:
        return None
    case = f"campaign {campaign_id!r}, {KIND_NAMES.get(kind, 'a case')} (kind {kind!r})"
    choices = " or ".join(fits)
    if not outcome:
        return f"--outcome is needed: {case}, ends with {choices}."
    if outcome not in OUTCOMES:
        return f"--outcome {outcome!r} is not an outcome: {case}, ends with {choices}."
    return f"--outcome {outcome} does not fit {case}: use {choices}."


def refuse_unfitting(engine: Engine, campaign_id: str, kind: str, outcome: str) -> None:
    """Raise UsageInvalid (exit 2) unless `outcome` fits the campaign's kind. A resolve
    already recorded with this outcome (begun before outcomes were checked) may still be
    run again to finish: some agencies have posted it, the others must not be left out."""
    problem = outcome_problem(campaign_id, kind, outcome)
    if problem is None:
        return
    record = _record(engine, campaign_id)
    if record is not None and record.state == CampaignState.RESOLVED and record.outcome == outcome:
        return
    raise UsageInvalid(problem)


def check_outcome(engine: Engine, campaign: str | Path, outcome: str) -> None:
    """`resolve`'s first check, before the officer's key is read or the campaign prepared:
    the outcome fits the kind written in the campaign file. A file that does not say a
    kind it knows is left to preparing the campaign, which names the problem."""
    from broadcaster.authoring.tomlfile import read_toml

    path = campaign_file(engine, campaign)
    data, _ = read_toml(path, "campaign")
    kind, campaign_id = data.get("kind"), data.get("id")
    if kind in FITTING_OUTCOMES and isinstance(campaign_id, str):
        refuse_unfitting(engine, campaign_id, kind, outcome)


def _record(engine: Engine, campaign_id: str) -> CampaignRecord | None:
    with Session(engine) as session:
        return session.get(CampaignRecord, campaign_id)


def _rows(engine: Engine, campaign_id: str, kinds: Sequence[str]) -> list[Post]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(Post)
                .where(Post.campaign_id == campaign_id, col(Post.kind).in_(kinds))
                .order_by(col(Post.id))
            ).all()
        )


def photo_rows(engine: Engine, campaign_id: str) -> list[Post]:
    """The campaign's rows that show a photo: the launch's and scheduled reposts', and a
    mid-case update that brought a new photo (kind `update` with media; the updates of a
    resolve never carry one)."""
    return [
        r
        for r in _rows(engine, campaign_id, (*PHOTO_KINDS, "update"))
        if r.kind != "update" or r.media_ids
    ]


def left_to_workers(
    engine: Engine, settings: Settings, registry: Registry, campaign_id: str
) -> list[str]:
    """The campaign's armed agencies whose keys this process lacks: their workers post
    their follow-ups and take their photo posts down (jobs/worker.py, serve_follow_ups)."""
    from broadcaster.launch.arming import armed_agencies, without_keys

    armed = list(armed_agencies(engine, campaign_id))
    return without_keys(registry, armed, settings.env) if armed else []


def live_photo_agencies(engine: Engine, campaign_id: str) -> list[str]:
    """The agencies with a photo post still up (what a take-down would delete)."""
    rows = photo_rows(engine, campaign_id)
    return list(
        dict.fromkeys(r.agency for r in rows if r.state == PostState.POSTED and r.remote_id)
    )


def workers_share(
    left: Sequence[str], posting: Sequence[str], taking_down: Sequence[str]
) -> tuple[list[str], bool, bool]:
    """The armed agencies (of `left`) that post a follow-up (of `posting`) or have photo
    posts to take down (of `taking_down`) from their own workers; whether any of them posts;
    whether any of them takes down."""
    return (
        [a for a in dict.fromkeys([*posting, *taking_down]) if a in left],
        any(a in left for a in posting),
        any(a in left for a in taking_down),
    )


def _to_follow_up(
    engine: Engine, campaign_id: str, kind: str, occurrence: str, agencies: Sequence[str]
) -> list[str]:
    """The agencies (of `agencies`) whose follow-up of this kind is not posted yet (a run
    again names only the armed agencies whose workers still have it to do)."""
    done = {
        r.agency
        for r in _rows(engine, campaign_id, (kind,))
        if r.occurrence == occurrence and r.state in POST_DONE
    }
    return [a for a in agencies if a not in done]


def waiting_for_workers(engine: Engine, campaign_id: str) -> set[int]:
    """The ids of the rows an armed agency's worker has still to act on: its planned
    follow-ups (a resolve's update, a cancel's correction, a mid-case update's reply) and,
    once the campaign is closed (unless its resolve kept them), its photo posts still up.
    For `status`."""
    from broadcaster.launch.arming import armed_agencies
    from broadcaster.states import CAMPAIGN_CLOSED

    armed = set(armed_agencies(engine, campaign_id))
    if not armed:
        return set()
    out = {
        r.id
        for r in _rows(engine, campaign_id, ("update", "correction"))
        if r.id is not None and r.agency in armed and r.state == PostState.PLANNED
    }
    record = _record(engine, campaign_id)
    if record is None or record.state not in CAMPAIGN_CLOSED:
        return out
    if record.state == CampaignState.RESOLVED and _kept_originals(engine, campaign_id):
        return out
    return out | {
        r.id
        for r in photo_rows(engine, campaign_id)
        if r.id is not None and r.agency in armed and r.state == PostState.POSTED and r.remote_id
    }


def _kept_originals(engine: Engine, campaign_id: str) -> bool:
    """Whether the campaign's last resolve said --keep-originals (its audit entry)."""
    import json

    from broadcaster.storage.models import AuditEntry

    with Session(engine) as session:
        entry = session.exec(
            select(AuditEntry)
            .where(AuditEntry.campaign_id == campaign_id, AuditEntry.action == "resolve")
            .order_by(col(AuditEntry.seq).desc())
        ).first()
    return bool(entry and json.loads(entry.detail or "{}").get("keep_originals"))


# -- closing ----------------------------------------------------------------------------


def close_campaign(
    engine: Engine,
    campaign_id: str,
    *,
    state: CampaignState,
    outcome: str | None,
    operator: str,
    detail: dict[str, Any],
    now: datetime | None = None,
) -> int:
    """Mark the campaign closed, stop its scheduled work, audit it; returns jobs stopped."""
    from broadcaster.jobs.queue import stop_campaign_jobs

    now = as_utc(now or utcnow())
    with session_scope(engine, immediate=True) as session:
        record = session.exec(
            select(CampaignRecord).where(CampaignRecord.id == campaign_id).with_for_update()
        ).first()
        if record is None:
            raise CampaignNotFound.in_database(campaign_id)
        first_time = record.state != state
        record.state = state
        record.outcome = outcome
        record.closed_at = record.closed_at if not first_time and record.closed_at else now
        record.updated_at = utcnow()
        session.add(record)
        stopped = stop_campaign_jobs(session, campaign_id, f"campaign {state}")
        audit.record(
            session,
            operator=operator,
            action=CLOSING_ACTION[state],
            campaign_id=campaign_id,
            detail={**detail, "stopped_jobs": stopped, **({} if first_time else {"again": True})},
        )
        return stopped


# -- after taking the lease ---------------------------------------------------------------


def _settle_in_flight(engine: Engine, campaign_id: str, wait: float) -> None:
    """Give requests that the launch we took the lease from may have sent after all (it
    checked the lease just before we took it) time to come back."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        with Session(engine) as session:
            sending = session.exec(
                select(Post.id).where(
                    Post.campaign_id == campaign_id, Post.state == PostState.SENDING
                )
            ).first()
        if sending is None:
            return
        time.sleep(0.1)


# -- reconciling and taking down ----------------------------------------------------------


def _platforms(
    settings: Settings, registry: Registry, accounts: Sequence[tuple[str, str]], timeout: float
) -> tuple[dict[tuple[str, str], Any], dict[tuple[str, str], str]]:
    """An adapter per (agency, account key); one that cannot be built is an error there
    only, never for the agency's other accounts."""
    from broadcaster.platforms import platform_for

    out: dict[tuple[str, str], Any] = {}
    errors: dict[tuple[str, str], str] = {}
    for key in dict.fromkeys(accounts):
        try:
            agency = registry.get(key[0]).for_account(key[1])
            out[key] = platform_for(agency, settings, timeout=timeout)
        except BroadcasterError as error:
            errors[key] = error.message
    return out, errors


def take_down(
    engine: Engine,
    settings: Settings,
    registry: Registry,
    campaign_id: str,
    *,
    operator: str,
    reason: str,
    timeout: float = 10.0,
    accounts: Collection[tuple[str, str]] | None = None,
    keep_occurrence: str | None = None,
    agencies: Sequence[str] | None = None,
) -> list[TakeDown]:
    """Delete every live post of the campaign that shows the photo, all agencies at once
    (or only these (agency, account) pairs, or only `agencies`': an agency worker deletes its
    own; never the rows of `keep_occurrence`, the update whose new photo replaces the others).

    Each deletion is recorded (row `deleted`, `deleted_at`, an audit entry) as it succeeds,
    so running it again only retries what failed."""
    shown = photo_rows(engine, campaign_id)
    # A photo post sent after the kept update went out carries its photo: a scheduled repost
    # and a late original (launch run again, or an armed worker firing late) both read
    # launch.current_photo under the lease. It stays up.
    went_out = [
        r.posted_at or r.sent_at
        for r in shown
        if r.occurrence == keep_occurrence and r.state in (PostState.POSTED, PostState.DELETED)
    ]
    since = min((as_utc(at) for at in went_out if at is not None), default=None)
    rows = [
        r
        for r in shown
        if r.state == PostState.POSTED
        and r.remote_id
        and (accounts is None or (r.agency, r.account) in accounts)
        and (agencies is None or r.agency in agencies)
        and (keep_occurrence is None or r.occurrence != keep_occurrence)
        and not (since and r.sent_at and as_utc(r.sent_at) > since)
    ]
    if not rows:
        return []
    keys = [(r.agency, r.account) for r in rows]
    platforms, errors = _platforms(settings, registry, keys, timeout)

    def delete_for(key: tuple[str, str]) -> list[TakeDown]:
        agency = key[0]
        mine = [r for r in rows if (r.agency, r.account) == key]
        platform = platforms.get(key)
        if platform is None:
            return [
                TakeDown(
                    r.agency, r.kind, r.remote_id or "", PostState.FAILED, errors.get(key), r.handle
                )
                for r in mine
            ]
        out = []
        for row in mine:
            remote_id = row.remote_id or ""
            try:
                call_with_retries(lambda: platform.delete(remote_id), TAKE_DOWNS)  # noqa: B023 - called at once
            except PlatformError as error:
                out.append(
                    TakeDown(
                        agency, row.kind, remote_id, PostState.FAILED, error.message, row.handle
                    )
                )
                continue
            with session_scope(engine, immediate=True) as session:
                stored = session.get(Post, row.id)
                if stored is not None and stored.state != PostState.DELETED:
                    stored.state = PostState.DELETED
                    stored.deleted_at = utcnow()
                    stored.updated_at = utcnow()
                    session.add(stored)
                    audit.record(
                        session,
                        operator=operator,
                        action="delete",
                        campaign_id=campaign_id,
                        detail={
                            "agency": agency,
                            "account": row.account,
                            "kind": row.kind,
                            "occurrence": row.occurrence,
                            "remote_id": remote_id,
                            "reason": reason,
                        },
                    )
            out.append(TakeDown(agency, row.kind, remote_id, PostState.DELETED, None, row.handle))
        return out

    accounts = list(dict.fromkeys(keys))
    try:
        with ThreadPoolExecutor(max_workers=min(len(accounts), 32)) as pool:
            return [t for batch in pool.map(delete_for, accounts) for t in batch]
    finally:
        for platform in platforms.values():
            platform.close()


def posted_agencies(engine: Engine, campaign_id: str) -> list[str]:
    """Agencies whose launch post reached the platform (posted, or since taken down)."""
    rows = _rows(engine, campaign_id, LAUNCH_KINDS)
    return list(dict.fromkeys(r.agency for r in rows if r.state in POST_DONE))


def _never_posted(engine: Engine, campaign_id: str, posted: Sequence[str]) -> list[str]:
    rows = _rows(engine, campaign_id, LAUNCH_KINDS)
    return list(dict.fromkeys(r.agency for r in rows if r.agency not in posted))


def _send_follow_up(
    engine: Engine,
    settings: Settings,
    prepared: PreparedCampaign,
    *,
    template: str,
    kind: str,
    occurrence: str,
    agencies: Sequence[str],
    extra: dict[str, Any] | None,
    operator: str,
    lease: Lease,
    policy: RetryPolicy | None,
    progress: Progress | None,
    left: Sequence[str] = (),
) -> SendReport:
    """Plan the follow-up of every agency in `agencies` and send it for those not `left`
    to their workers (whose rows stay planned, never attempted, for their next pass)."""
    from broadcaster.authoring.prepare import render_for
    from broadcaster.launch.executor import send_posts
    from broadcaster.launch.outcomes import SendReport
    from broadcaster.launch.plan import PlannedPost, plan_posts

    rendered = render_for(prepared, template, agencies=list(agencies), extra=extra)
    plan_posts(
        engine,
        prepared.campaign.id,
        prepared.registry,
        [
            PlannedPost(agency=p.agency, kind=kind, text=p.text, occurrence=occurrence)
            for p in rendered
        ],
    )
    here = [a for a in agencies if a not in left]
    if not here:
        return SendReport(prepared.campaign.id)
    return send_posts(
        engine,
        settings,
        prepared.registry,
        prepared.campaign.id,
        operator=operator,
        kinds=(kind,),
        occurrence=occurrence,
        agencies=here,
        lease=lease,
        policy=policy,
        progress=progress,
    )


def _cancel_unsent(engine: Engine, campaign_id: str, why: str) -> int:
    """Launch rows never attempted will never be: say so instead of leaving them planned."""
    with session_scope(engine, immediate=True) as session:
        rows = session.exec(
            select(Post).where(
                Post.campaign_id == campaign_id,
                col(Post.state).in_({PostState.PLANNED, PostState.AWAITING_APPROVAL}),
                Post.attempts == 0,
                col(Post.kind).in_(LAUNCH_KINDS),
            )
        ).all()
        for row in rows:
            row.state = PostState.CANCELLED
            row.error = why
            row.updated_at = utcnow()
            session.add(row)
        return len(rows)


# -- the three endings --------------------------------------------------------------------


def resolve(
    settings: Settings,
    campaign: str | Path,
    outcome: str,
    *,
    operator: str,
    keep_originals: bool = False,
    engine: Engine | None = None,
    policy: RetryPolicy | None = None,
    progress: Progress | None = None,
    lease_wait: float = LEASE_WAIT,
) -> LifecycleReport:
    """Post the update for `outcome` from every agency that posted, take the photo posts
    down (unless `keep_originals`), stop the reposts. Resumable: run it again after a
    failure and it does only what is missing. Platform failures do not raise: the report
    lists them (the CLI exits 4)."""
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.storage.db import open_db

    db = engine or open_db(settings.db_url)
    try:
        path = campaign_file(db, campaign)
        prepared = prepare_campaign(path, settings, check_credentials=False)
        campaign_id = prepared.campaign.id
        # Before anything is written or sent: an outcome that does not fit the case
        # (a missing person "arrested") is never posted.
        refuse_unfitting(db, campaign_id, prepared.campaign.kind, outcome)
        record = _record(db, campaign_id)
        if record is None:
            raise CampaignNotFound(
                f"campaign {campaign_id!r} was never approved or launched; nothing to resolve."
            )
        if record.state == CampaignState.CANCELLED or (
            record.state == CampaignState.RESOLVED and record.outcome not in (None, outcome)
        ):
            done = f" as {record.outcome}" if record.state == CampaignState.RESOLVED else ""
            raise CampaignClosed(
                f"campaign {campaign_id!r} was already {record.state}{done}; "
                "it cannot be resolved again."
            )
        lease, _ = take_lease(db, campaign_id, "resolve", wait=lease_wait)
        try:
            stopped = close_campaign(
                db,
                campaign_id,
                state=CampaignState.RESOLVED,
                outcome=outcome,
                operator=operator,
                detail={"outcome": outcome, "keep_originals": keep_originals},
            )
            _cancel_unsent(db, campaign_id, f"not sent: the case was resolved ({outcome})")
            reconcile_open_rows(db, settings, prepared.registry, campaign_id, operator=operator)
            posted = posted_agencies(db, campaign_id)
            left = left_to_workers(db, settings, prepared.registry, campaign_id)
            report = LifecycleReport(
                campaign_id,
                "resolve",
                CampaignState.RESOLVED,
                outcome=outcome,
                not_posted=_never_posted(db, campaign_id, posted),
                stopped_jobs=stopped,
                kept_originals=keep_originals,
            )
            showing = [] if keep_originals else live_photo_agencies(db, campaign_id)
            report.by_workers, report.workers_post, report.workers_take_down = workers_share(
                left, _to_follow_up(db, campaign_id, "update", outcome, posted), showing
            )
            if posted:
                report.send = _send_follow_up(
                    db,
                    settings,
                    prepared,
                    template=f"update/{outcome}",
                    kind="update",
                    occurrence=outcome,
                    agencies=posted,
                    extra={"outcome": outcome},
                    operator=operator,
                    lease=lease,
                    policy=policy,
                    progress=progress,
                    left=left,
                )
            if not keep_originals:
                report.taken_down = take_down(
                    db,
                    settings,
                    prepared.registry,
                    campaign_id,
                    operator=operator,
                    reason=f"resolved: {outcome}",
                    agencies=[a for a in showing if a not in left],
                )
            return report
        finally:
            lease.release()
    finally:
        if engine is None:
            db.dispose()


def cancel(
    settings: Settings,
    campaign: str | Path,
    reason: str,
    *,
    operator: str,
    engine: Engine | None = None,
    policy: RetryPolicy | None = None,
    progress: Progress | None = None,
    lease_wait: float = LEASE_WAIT,
) -> LifecycleReport:
    """Correct an alert sent in error: stop any launch that has not sent yet, take the
    photo posts down, then post the correction from every agency that posted. No approval
    is needed; it is audited with `reason`. Resumable like `resolve`."""
    from broadcaster.authoring.approval import upsert_campaign
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.storage.db import open_db

    reason = " ".join(reason.split())
    if not reason:
        raise UsageInvalid("--reason needs a short explanation, e.g. --reason 'wrong photo'.")
    db = engine or open_db(settings.db_url)
    try:
        path = campaign_file(db, campaign)
        prepared = prepare_campaign(path, settings, check_credentials=False)
        campaign_id = prepared.campaign.id
        record = _record(db, campaign_id)
        if record is not None and record.state in (CampaignState.RESOLVED, CampaignState.EXPIRED):
            raise CampaignClosed(
                f"campaign {campaign_id!r} was already {record.state}; there is no live "
                "alert to cancel."
            )
        if record is None:  # cancelled before anything ran: still stop it for good
            with session_scope(db, immediate=True) as session:
                upsert_campaign(session, prepared.campaign, prepared.path)
        # Closed before the lease: a launch not yet started now refuses to.
        stopped = close_campaign(
            db,
            campaign_id,
            state=CampaignState.CANCELLED,
            outcome="cancelled",
            operator=operator,
            detail={"reason": reason},
        )
        lease, stolen = take_lease(db, campaign_id, "cancel", wait=lease_wait, steal_if_idle=True)
        try:
            if stolen:
                _settle_in_flight(db, campaign_id, wait=IN_FLIGHT_WAIT)
            _cancel_unsent(db, campaign_id, "not sent: the alert was cancelled")
            reconcile_open_rows(db, settings, prepared.registry, campaign_id, operator=operator)
            posted = posted_agencies(db, campaign_id)
            left = left_to_workers(db, settings, prepared.registry, campaign_id)
            report = LifecycleReport(
                campaign_id,
                "cancel",
                CampaignState.CANCELLED,
                outcome="cancelled",
                not_posted=_never_posted(db, campaign_id, posted),
                stopped_jobs=stopped,
            )
            showing = live_photo_agencies(db, campaign_id)
            report.by_workers, report.workers_post, report.workers_take_down = workers_share(
                left, _to_follow_up(db, campaign_id, "correction", "cancel", posted), showing
            )
            report.taken_down = take_down(
                db,
                settings,
                prepared.registry,
                campaign_id,
                operator=operator,
                reason=f"cancelled: {reason}",
                agencies=[a for a in showing if a not in left],
            )
            if posted:
                report.send = _send_follow_up(
                    db,
                    settings,
                    prepared,
                    template="cancel",
                    kind="correction",
                    occurrence="cancel",
                    agencies=posted,
                    extra={"reason": reason},
                    operator=operator,
                    lease=lease,
                    policy=policy,
                    progress=progress,
                    left=left,
                )
            return report
        finally:
            lease.release()
    finally:
        if engine is None:
            db.dispose()


def expire(
    settings: Settings,
    campaign_id: str,
    *,
    operator: str,
    engine: Engine | None = None,
    registry: Registry | None = None,
    now: datetime | None = None,
    lease_wait: float = 5.0,
) -> LifecycleReport:
    """At `expires_at`: take the photo posts down and close the campaign as expired.

    Raises Busy when another process holds the campaign (the scheduler tries again)."""
    from broadcaster.authoring.agencies import load_registry
    from broadcaster.storage.db import open_db

    now = as_utc(now or utcnow())
    db = engine or open_db(settings.db_url)
    try:
        record = _record(db, campaign_id)
        if record is None:
            raise CampaignNotFound.in_database(campaign_id)
        if record.state in (CampaignState.RESOLVED, CampaignState.CANCELLED):
            raise CampaignClosed(f"campaign {campaign_id!r} was already {record.state}.")
        if record.expires_at is None or as_utc(record.expires_at) > now:
            when = f"{record.expires_at:%Y-%m-%d %H:%M} UTC" if record.expires_at else "never"
            raise UsageInvalid(
                f"campaign {campaign_id!r} is not due to expire (it expires {when})."
            )
        reg = registry or load_registry(settings.agencies_path)
        lease, _ = take_lease(db, campaign_id, "expire", wait=lease_wait)
        try:
            stopped = close_campaign(
                db,
                campaign_id,
                state=CampaignState.EXPIRED,
                outcome=None,
                operator=operator,
                detail={"expires_at": as_utc(record.expires_at).isoformat()},
                now=now,
            )
            _cancel_unsent(db, campaign_id, "not sent: the campaign expired")
            reconcile_open_rows(db, settings, reg, campaign_id, operator=operator)
            report = LifecycleReport(
                campaign_id, "expire", CampaignState.EXPIRED, stopped_jobs=stopped
            )
            # The armed agencies' workers take their own photo posts down (not a failure).
            left = left_to_workers(db, settings, reg, campaign_id)
            showing = live_photo_agencies(db, campaign_id)
            report.by_workers, report.workers_post, report.workers_take_down = workers_share(
                left, [], showing
            )
            report.taken_down = take_down(
                db,
                settings,
                reg,
                campaign_id,
                operator=operator,
                reason="expired",
                agencies=[a for a in showing if a not in left],
            )
            return report
        finally:
            lease.release()
    finally:
        if engine is None:
            db.dispose()


# -- for `status` -------------------------------------------------------------------------


def lifecycle_status(
    engine: Engine, campaign_id: str, *, now: datetime | None = None
) -> dict[str, Any]:
    """What is still to come for a campaign: its expiry (and the photo posts that will come
    down then) and its scheduled work. For `status` to show alongside the posts."""
    from broadcaster.jobs.queue import pending_jobs

    now = as_utc(now or utcnow())
    record = _record(engine, campaign_id)
    if record is None:
        raise CampaignNotFound.in_database(campaign_id)
    live = record.state in {*CAMPAIGN_LIVE, CampaignState.LAUNCHING}
    expiring = [
        {"agency": r.agency, "kind": r.kind, "remote_id": r.remote_id, "url": r.url}
        for r in photo_rows(engine, campaign_id)
        if r.state == PostState.POSTED
    ]
    expires_at = as_utc(record.expires_at) if record.expires_at else None
    scheduled = pending_jobs(engine, campaign_id)
    return {
        "summary": _upcoming_sentence(live, expires_at, now, len(expiring), scheduled),
        "expires_at": expires_at.isoformat() if expires_at else None,
        "expiry_due": bool(live and expires_at is not None and expires_at <= now),
        "expires_in_seconds": (
            round((expires_at - now).total_seconds()) if live and expires_at else None
        ),
        "expiring_posts": expiring if live and expires_at else [],
        "scheduled": [
            {
                "kind": job.kind,
                "agency": job.agency or None,
                "due_at": as_utc(job.due_at).isoformat(),
                "state": job.state,
                "error": job.error,
            }
            for job in scheduled
        ],
    }


def _upcoming_sentence(
    live: bool, expires_at: datetime | None, now: datetime, photo_posts: int, jobs: list[Any]
) -> str | None:
    parts = []
    if live and expires_at is not None:
        when = f"{expires_at:%Y-%m-%d %H:%M} UTC"
        if expires_at <= now:
            parts.append(f"expired at {when}: {photo_posts} photo posts are due to come down")
        else:
            parts.append(f"expires {when}: {photo_posts} photo posts will come down then")
    reposts = [j for j in jobs if j.kind == "repost"]
    if reposts:
        first = min(as_utc(j.due_at) for j in reposts)
        parts.append(f"{len(reposts)} scheduled reposts, the next at {first:%Y-%m-%d %H:%M} UTC")
    return "; ".join(parts) if parts else None
