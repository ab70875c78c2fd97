"""Tables. Times are aware UTC (SQLModel's UTCDateTime refuses naive ones); JSON lists are
stored as text.

The schema is created and changed only by the migrations in `broadcaster/storage/migrations`.
Every state set on a row through the ORM is checked against the moves in `broadcaster.states`
(the listeners at the end); a bulk UPDATE statement bypasses them, so its WHERE clause must
name the states it moves from.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, LargeBinary, UniqueConstraint, event, text
from sqlalchemy.orm import attributes
from sqlmodel import Field, SQLModel

from broadcaster import states
from broadcaster.states import CampaignState, JobState, PostState


class CampaignRecord(SQLModel, table=True):
    """What the database knows of a campaign file: its life, not its content."""

    __tablename__ = "campaign"

    id: str = Field(primary_key=True)
    path: str
    kind: str  # wanted | missing | appeal
    status: str  # actual | exercise
    lead: str
    mode: str  # coordinated | amplify
    state: str = Field(default=CampaignState.DRAFT, index=True)  # moves: states.CAMPAIGN_MOVES
    outcome: str | None = None  # arrested | found | withdrawn | cancelled
    launch_at: datetime | None = Field(default=None, index=True)
    expires_at: datetime | None = Field(default=None, index=True)
    launched_at: datetime | None = None
    closed_at: datetime | None = None
    content_hash: str | None = None  # of the content last launched
    # A lease, taken with an atomic UPDATE, so two processes never drive one campaign.
    lease_owner: str | None = None
    lease_until: datetime | None = None
    next_track_at: datetime | None = Field(default=None, index=True)
    created_at: datetime
    updated_at: datetime


class Approval(SQLModel, table=True):
    """One officer's signed approval of one content of a campaign.

    `statement` is the canonical JSON the officer signed (campaign, content hash and parts,
    agency scope, officer, time, the audit log's head); every use re-verifies `signature`
    against the officer's key in officers.toml and the row's columns against the statement."""

    __table_args__ = (UniqueConstraint("campaign_id", "approver", "content_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: str = Field(foreign_key="campaign.id", index=True)
    approver: str  # the officer's id in officers.toml (normalised): one approval per officer
    content_hash: str
    parts: str = "{}"  # JSON: part name -> sha256, to name what changed since
    created_at: datetime
    statement: str | None = None  # what was signed (canonical JSON)
    signature: str | None = None  # Ed25519 over `statement`, base64


class Post(SQLModel, table=True):
    """One post by one account of one agency: the launch journal and the record of everything
    sent.

    Its state moves as `states.POST_MOVES` allows. The unique key makes a second row for the
    same post on the same account impossible.
    """

    __table_args__ = (
        UniqueConstraint(
            "campaign_id", "agency", "account", "kind", "occurrence", name="uq_post_account"
        ),
        Index("ix_post_due", "state", "scheduled_for"),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: str = Field(foreign_key="campaign.id", index=True)
    agency: str
    # The account it posts from: `agencies.account_key(platform, handle)`.
    account: str = ""
    platform: str
    handle: str
    kind: str  # original | quote | repost | scheduled_repost | update | correction
    occurrence: str = "launch"  # e.g. a scheduled repost's instant, an update's outcome
    state: str = Field(default=PostState.PLANNED)
    text: str = ""
    media_ids: str | None = None  # JSON list; media ids are per account
    remote_id: str | None = Field(default=None, index=True)
    url: str | None = None
    quote_of: str | None = None
    # The post this one replies to (a mid-case update answers its account's original).
    in_reply_to: str | None = None
    scheduled_for: datetime | None = None
    sent_at: datetime | None = None  # when our request left
    posted_at: datetime | None = None  # the platform's created_at
    attempts: int = 0
    next_attempt_at: datetime | None = None
    error: str | None = None
    followers: int | None = None  # at posting: the potential audience
    deleted_at: datetime | None = None
    replies_since_id: str | None = None
    tracked_at: datetime | None = None
    claimed_by: str | None = None
    claimed_until: datetime | None = None
    # Tracking: a reply search interrupted mid-way (JSON), and a rate limit's reset.
    track_cursor: str | None = None
    track_deferred_until: datetime | None = None
    track_error: str | None = None
    updated_at: datetime


class CaseUpdate(SQLModel, table=True):
    """One mid-case update (`update`): its notes per language, its photo, and the approver's
    signature over them. Its posts are journal rows of kind `update`, occurrence
    `update-<number>`; the same notes and photo are the same update, whose posts a second
    run completes rather than repeats."""

    __tablename__ = "case_update"
    __table_args__ = (
        UniqueConstraint("campaign_id", "number"),
        UniqueConstraint("campaign_id", "content_hash"),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: str = Field(foreign_key="campaign.id", index=True)
    number: int  # 1, 2, ... per campaign
    content_hash: str  # sha256 of the notes and the photo's hash: what makes it the same
    notes: str = "{}"  # JSON: language -> the officer's note
    photo_sha256: str | None = None
    photo_path: str | None = None  # where the photo was read from (for CAP, if still there)
    # JSON: language -> the new photo's alt text, signed with it; NULL for an update without
    # a photo, or signed before updates had alt texts (its photo carries the campaign's).
    photo_alt: str | None = None
    officer: str  # the approver who signed it (officers.toml id)
    statement: str  # canonical JSON the officer signed
    signature: str  # Ed25519 over `statement`, base64
    created_at: datetime


class AuditEntry(SQLModel, table=True):
    """Append-only; each row's hash covers its content and the previous row's hash."""

    __tablename__ = "audit"

    seq: int | None = Field(default=None, primary_key=True)
    at: datetime
    operator: str
    action: str
    campaign_id: str | None = Field(default=None, index=True)
    detail: str = "{}"  # canonical JSON
    prev_hash: str
    hash: str


class MetricSnapshot(SQLModel, table=True):
    __tablename__ = "metric_snapshot"
    __table_args__ = (
        Index("ix_snapshot_campaign_time", "campaign_id", "taken_at"),
        Index("ix_snapshot_post_time", "post_id", "taken_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: str = Field(foreign_key="campaign.id")
    post_id: int = Field(foreign_key="post.id", index=True)
    taken_at: datetime
    impressions: int = 0
    reposts: int = 0
    quotes: int = 0
    replies: int = 0
    likes: int = 0
    bookmarks: int = 0


class Reply(SQLModel, table=True):
    """A reply from the public, stored once per platform id, with its triage label."""

    __table_args__ = (
        UniqueConstraint("platform", "remote_id"),
        Index("ix_reply_campaign_label_time", "campaign_id", "label", "created_at"),
        # Partial indexes hold only the flood, followed-up and purged rows, so the report
        # counts those without scanning every reply, and ordinary replies cost no more.
        Index(
            "ix_reply_flood",
            "campaign_id",
            sqlite_where=text("flood_key IS NOT NULL"),
            postgresql_where=text("flood_key IS NOT NULL"),
        ),
        Index(
            "ix_reply_followed_up",
            "campaign_id",
            "label",
            sqlite_where=text("followed_up_at IS NOT NULL"),
            postgresql_where=text("followed_up_at IS NOT NULL"),
        ),
        Index(
            "ix_reply_purged",
            "campaign_id",
            sqlite_where=text("purged_at IS NOT NULL"),
            postgresql_where=text("purged_at IS NOT NULL"),
        ),
        Index(
            "ix_reply_relabelled",
            "campaign_id",
            sqlite_where=text("relabelled_by IS NOT NULL"),
            postgresql_where=text("relabelled_by IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: str = Field(foreign_key="campaign.id")
    post_id: int | None = Field(default=None, foreign_key="post.id")
    platform: str
    remote_id: str
    in_reply_to: str | None = None
    author_handle: str | None = None  # replier data: removed by `purge` after retention
    author_id: str | None = None
    text: str | None = None
    created_at: datetime | None = None
    fetched_at: datetime
    label: str  # tip | question | support | spam | abuse
    reasons: str = "[]"  # JSON list of the cues that fired
    score: float = 0.0
    flood_key: str | None = None
    # The reply's template cluster (responses/triage/floods.py), flood or not yet: a flood
    # found later, and an officer's relabel, reach the members stored before it.
    flood_cluster: str | None = None
    followed_up_by: str | None = None
    followed_up_at: datetime | None = None
    purged_at: datetime | None = None
    # An officer's correction (`tips --relabel`): `label` is then the officer's, and the
    # machine's label stays in `machine_label` (its reasons stay in `reasons`). A reply
    # relabelled by propagation through its flood cluster names the reply the officer
    # relabelled in `relabelled_via`; the officer's own reply has it NULL.
    machine_label: str | None = None
    relabelled_by: str | None = None  # the officer id (signed in with --key)
    relabelled_at: datetime | None = None
    relabelled_via: str | None = None
    # Where a person opens the reply, as its platform gave it when tracking stored it (an
    # http(s) link, checked); rows from before 0012 have none and their link is rebuilt.
    url: str | None = None


class Job(SQLModel, table=True):
    """Scheduled work (a due launch, a tracking poll, an expiry), claimed with row locks."""

    __table_args__ = (
        UniqueConstraint("campaign_id", "agency", "kind", "occurrence"),
        Index("ix_job_due", "state", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: str = Field(foreign_key="campaign.id", index=True)
    agency: str = ""  # "" for campaign-wide work
    kind: str  # launch | repost | track | expire
    occurrence: str = ""
    due_at: datetime
    state: str = JobState.PENDING  # moves: states.JOB_MOVES
    claimed_by: str | None = None
    claimed_until: datetime | None = None
    attempts: int = 0
    error: str | None = None
    done_at: datetime | None = None


def _post_name(post: Post) -> str:
    return f"post {post.id or '(new)'} ({post.agency} {post.kind}) of campaign {post.campaign_id}"


def _job_name(job: Job) -> str:
    return f"job {job.id or '(new)'} ({job.kind}) of campaign {job.campaign_id}"


def _campaign_name(record: CampaignRecord) -> str:
    return f"campaign {record.id}"


def _checked(model: Any, kind: type[StrEnum], name: Callable[[Any], str]) -> None:
    """Check every ORM write of `model.state` against `kind`'s moves."""

    def on_set(target: Any, value: str, oldvalue: Any, _initiator: Any) -> None:
        # A new object has no old state (NO_VALUE / NEVER_SET): only its value is checked.
        old = None if oldvalue in (attributes.NO_VALUE, attributes.NEVER_SET) else oldvalue
        states.check(kind, old, value, name(target))

    # active_history loads an expired old value (after a commit) rather than skipping it.
    event.listen(model.state, "set", on_set, active_history=True)


_checked(CampaignRecord, CampaignState, _campaign_name)
_checked(Post, PostState, _post_name)
_checked(Job, JobState, _job_name)


class Notification(SQLModel, table=True):
    """One notice (a tip, an incomplete launch, a flood) for one destination: the outbox.

    The row is inserted before anything is sent and its unique key (kind, subject,
    destination) makes a second row impossible, so a restart or a second worker never sends
    the notice again. `destination` is a fingerprint of the apprise URL, never the URL (it
    may hold a token). `payload` holds what the message needs until it is sent, then is
    cleared (it quotes a stranger's reply, which retention must be able to remove)."""

    __table_args__ = (
        UniqueConstraint("kind", "subject", "destination"),
        Index("ix_notification_due", "state", "due_at"),
        Index("ix_notification_sent", "destination", "sent_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: str = Field(foreign_key="campaign.id", index=True)
    kind: str  # tip | launch | flood
    subject: str  # what it is about, e.g. "reply:42", "launch:rcmp", "flood:<key>"
    destination: str  # sha256 fingerprint of the resolved URL
    audience: str  # "centre", or the agency key whose desk it is
    state: str = "pending"  # pending | sending | sent | failed | unknown (notify/outbox.py)
    payload: str | None = None  # JSON, cleared once sent or given up
    created_at: datetime
    due_at: datetime
    claim: str | None = None
    claimed_until: datetime | None = None
    batch: str | None = None  # the message it went out in (one message lists many rows)
    attempts: int = 0
    sent_at: datetime | None = None
    error: str | None = None


class Arming(SQLModel, table=True):
    """What an armed launch's agency workers post with, beyond the journal's texts: the
    photo exactly as the arming process prepared it (re-encoded, EXIF stripped) and its
    alt texts, so that a worker on another machine needs neither the campaign file nor
    its photo (broadcaster/launch/arming.py says why the arming is stored this way)."""

    __tablename__ = "arming"

    campaign_id: str = Field(primary_key=True, foreign_key="campaign.id")
    content_hash: str  # the approved content the arming process launched
    photo: bytes | None = Field(default=None, sa_type=LargeBinary, repr=False)
    photo_mime: str | None = None
    photo_alt: str = "{}"  # JSON: language -> alt text
    updated_at: datetime


class UpdatePhoto(SQLModel, table=True):
    """The new photo of a mid-case update, exactly as the `update` process prepared it (EXIF
    stripped). Whatever posts or shows the photo later reads it from here, since it may run
    where the file is not (an agency worker, the scheduler on another machine, the console,
    `export-cap`), and checks its hash against the update's signed statement first
    (broadcaster/launch/current_photo.py)."""

    __tablename__ = "update_photo"

    campaign_id: str = Field(primary_key=True, foreign_key="campaign.id")
    number: int = Field(primary_key=True)  # the case_update's number
    data: bytes = Field(sa_type=LargeBinary, repr=False)
    mime_type: str
    alt_text: str = "{}"  # JSON: language -> alt text
    created_at: datetime


class ArmedAgency(SQLModel, table=True):
    """One agency of an armed launch: its instant, and its worker's lease, readiness and
    clock. Its presence marks the agency's launch rows as its own worker's to send."""

    __tablename__ = "armed_agency"

    campaign_id: str = Field(primary_key=True, foreign_key="campaign.id")
    agency: str = Field(primary_key=True)
    fire_at: datetime  # on the coordination database's timeline
    armed_at: datetime
    armed_by: str
    # The worker serving it now (an Owner tag, launch/lease.py) and until when.
    worker: str | None = None
    lease_until: datetime | None = None
    ready_at: datetime | None = None  # preflight done (verify, upload, warm)
    offset_ms: float | None = None  # the worker's clock minus the database's
    round_trip_ms: float | None = None  # of the best clock reading
    note: str | None = None  # what its preflight found wrong (no secret ever)
    done_at: datetime | None = None  # its launch posts were sent (or settled)
