"""What `resolve` or `cancel` would do, without doing it (`--dry-run`).

An officer about to end a case in public wants to read the words first and to know which
posts come down: the same rendering and the same selection of rows as the real ending,
and nothing written, sent or deleted. The share of an armed agency whose keys this process
lacks is marked as its worker's, as the real ending leaves it (campaign/lifecycle.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from broadcaster.campaign.lifecycle import (
    _never_posted,
    _record,
    campaign_file,
    left_to_workers,
    live_photo_agencies,
    photo_rows,
    posted_agencies,
    refuse_unfitting,
    workers_sentence,
    workers_share,
)
from broadcaster.errors import CampaignNotFound
from broadcaster.states import JobState, PostState
from broadcaster.storage.models import Job

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.config import Settings


@dataclass(frozen=True)
class WouldPost:
    agency: str
    text: str
    by_worker: bool = False  # an armed agency's worker posts it


@dataclass(frozen=True)
class WouldTakeDown:
    agency: str
    handle: str
    kind: str
    url: str | None
    by_worker: bool = False  # an armed agency's worker takes it down


@dataclass
class EndingPreview:
    campaign_id: str
    action: str  # resolve | cancel
    outcome: str | None
    posts: list[WouldPost] = field(default_factory=list)
    take_downs: list[WouldTakeDown] = field(default_factory=list)
    jobs_stopped: int = 0
    not_posted: list[str] = field(default_factory=list)
    by_workers: list[str] = field(default_factory=list)
    workers_post: bool = False
    workers_take_down: bool = False

    def workers(self) -> str | None:
        """The sentence naming what the armed agencies' workers would do, if any."""
        if not self.by_workers:
            return None
        return workers_sentence(
            self.by_workers, posts=self.workers_post, takes_down=self.workers_take_down
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "campaign": self.campaign_id,
            "action": self.action,
            "dry_run": True,
            "outcome": self.outcome,
            "would_post": [
                {"agency": p.agency, "text": p.text, "by_worker": p.by_worker} for p in self.posts
            ],
            "would_take_down": [
                {
                    "agency": t.agency,
                    "handle": t.handle,
                    "kind": t.kind,
                    "url": t.url,
                    "by_worker": t.by_worker,
                }
                for t in self.take_downs
            ],
            "by_workers": self.by_workers,
            "would_stop_jobs": self.jobs_stopped,
            "not_posted": self.not_posted,
        }


def preview_ending(
    settings: Settings,
    engine: Engine,
    campaign: str | Path,
    *,
    action: str,
    outcome: str | None = None,
    reason: str | None = None,
    keep_originals: bool = False,
) -> EndingPreview:
    """The posts `resolve`/`cancel` would send and the photo posts it would delete."""
    from broadcaster.authoring.prepare import prepare_campaign, render_for

    path = campaign_file(engine, campaign)
    prepared = prepare_campaign(path, settings, check_credentials=False)
    campaign_id = prepared.campaign.id
    if action == "resolve":  # the same refusal as the real resolve: nothing to show
        refuse_unfitting(engine, campaign_id, prepared.campaign.kind, outcome or "")
    if _record(engine, campaign_id) is None:
        raise CampaignNotFound(
            f"campaign {campaign_id!r} was never approved or launched; nothing to {action}."
        )
    posted = posted_agencies(engine, campaign_id)
    preview = EndingPreview(
        campaign_id,
        action,
        outcome if action == "resolve" else "cancelled",
        not_posted=_never_posted(engine, campaign_id, posted),
    )
    left = left_to_workers(engine, settings, prepared.registry, campaign_id)
    taking_down = action == "cancel" or not keep_originals
    showing = live_photo_agencies(engine, campaign_id) if taking_down else []
    preview.by_workers, preview.workers_post, preview.workers_take_down = workers_share(
        left, posted, showing
    )
    if posted:
        template, extra = (
            (f"update/{outcome}", {"outcome": outcome})
            if action == "resolve"
            else ("cancel", {"reason": " ".join((reason or "").split())})
        )
        rendered = render_for(prepared, template, agencies=posted, extra=extra)
        preview.posts = [WouldPost(p.agency, p.text, p.agency in left) for p in rendered]
    if taking_down:
        preview.take_downs = [
            WouldTakeDown(r.agency, r.handle, r.kind, r.url, r.agency in left)
            for r in photo_rows(engine, campaign_id)
            if r.state == PostState.POSTED and r.remote_id
        ]
    with Session(engine) as session:
        preview.jobs_stopped = len(
            session.exec(
                select(Job.id).where(
                    Job.campaign_id == campaign_id, col(Job.state) == JobState.PENDING
                )
            ).all()
        )
    return preview
