"""Approvals bound to the exact content: a hash of the file, every rendered text and the media.

A campaign needs `approvals_required` distinct officers for its current content hash. When the
content changes, older approvals no longer count, and the refusal names what changed (the
file, which agency's text, the photo) by comparing the per-part hashes kept with each approval.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from broadcaster.errors import CampaignClosed, ChangedSinceApproval, NotApproved, UsageInvalid
from broadcaster.states import CAMPAIGN_CLOSED
from broadcaster.storage import audit
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import Approval, CampaignRecord
from broadcaster.timeutil import utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.campaigns import Campaign
    from broadcaster.authoring.prepare import PreparedCampaign


@dataclass(frozen=True)
class ApprovalStatus:
    campaign_id: str
    content_hash: str
    approvers: tuple[str, ...]  # distinct names that approved the current content
    required: int
    added: bool = False  # this call recorded a new approval

    @property
    def complete(self) -> bool:
        return len(self.approvers) >= self.required


def shown_path(path: Path) -> str:
    """The campaign path as the officer would type it: relative to here when it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def upsert_campaign(session: Session, campaign: Campaign, path: Path) -> CampaignRecord:
    """The database's record of this campaign, created or refreshed from the file.

    The life-cycle fields (state, lease, launched_at, ...) are left alone."""
    now = utcnow()
    record = session.exec(
        select(CampaignRecord).where(CampaignRecord.id == campaign.id).with_for_update()
    ).first()
    if record is None:
        record = CampaignRecord(
            id=campaign.id,
            path=str(path),
            kind=campaign.kind,
            status=campaign.status,
            lead=campaign.lead,
            mode=campaign.mode,
            created_at=now,
            updated_at=now,
        )
    record.path = str(path)
    record.kind = campaign.kind
    record.status = campaign.status
    record.lead = campaign.lead
    record.mode = campaign.mode
    record.launch_at = campaign.launch_at
    record.expires_at = campaign.expires_at
    record.updated_at = now
    session.add(record)
    session.flush()
    return record


def refuse_if_closed(record: CampaignRecord | None, campaign_id: str) -> None:
    if record is not None and record.state in CAMPAIGN_CLOSED:
        when = f" on {record.closed_at:%Y-%m-%d %H:%M} UTC" if record.closed_at else ""
        raise CampaignClosed(
            f"campaign {campaign_id!r} was {record.state}{when}; "
            "nothing more may be posted or approved for it."
        )


def _approvals(session: Session, campaign_id: str) -> list[Approval]:
    return list(
        session.exec(
            select(Approval)
            .where(Approval.campaign_id == campaign_id)
            .order_by(col(Approval.created_at), col(Approval.id))
        ).all()
    )


def _distinct(approvals: list[Approval], content_hash: str) -> tuple[str, ...]:
    names: dict[str, str] = {}
    for approval in approvals:
        if approval.content_hash == content_hash:
            names.setdefault(approval.approver.casefold(), approval.approver)
    return tuple(names.values())


def approve(engine: Engine, prepared: PreparedCampaign, approver: str) -> ApprovalStatus:
    """Record `approver`'s approval of the campaign's current content (idempotent per name)."""
    name = " ".join(approver.split())
    if not name:
        raise UsageInvalid("--by needs the approving officer's name, e.g. --by 'Sgt. Lee'.")
    campaign = prepared.campaign
    with session_scope(engine, immediate=True) as session:
        existing = session.get(CampaignRecord, campaign.id)
        refuse_if_closed(existing, campaign.id)
        upsert_campaign(session, campaign, prepared.path)
        approvals = _approvals(session, campaign.id)
        current = _distinct(approvals, prepared.content_hash)
        added = name.casefold() not in {n.casefold() for n in current}
        if added:
            session.add(
                Approval(
                    campaign_id=campaign.id,
                    approver=name,
                    content_hash=prepared.content_hash,
                    parts=json.dumps(dict(prepared.parts), sort_keys=True),
                    created_at=utcnow(),
                )
            )
            audit.record(
                session,
                operator=name,
                action="approve",
                campaign_id=campaign.id,
                detail={
                    "content_hash": prepared.content_hash,
                    "approvals": len(current) + 1,
                    "required": campaign.approvals_required,
                },
            )
            current = (*current, name)
    return ApprovalStatus(
        campaign.id, prepared.content_hash, current, campaign.approvals_required, added
    )


def approval_status(engine: Engine, prepared: PreparedCampaign) -> ApprovalStatus:
    with Session(engine) as session:
        approvals = _approvals(session, prepared.campaign.id)
    return ApprovalStatus(
        prepared.campaign.id,
        prepared.content_hash,
        _distinct(approvals, prepared.content_hash),
        prepared.campaign.approvals_required,
    )


def require_approval(engine: Engine, prepared: PreparedCampaign) -> ApprovalStatus:
    """The approvals of the current content, or NotApproved / ChangedSinceApproval (exit 3)."""
    campaign = prepared.campaign
    with Session(engine) as session:
        approvals = _approvals(session, campaign.id)
    current = _distinct(approvals, prepared.content_hash)
    required = campaign.approvals_required
    if len(current) >= required:
        return ApprovalStatus(campaign.id, prepared.content_hash, current, required)
    command = f"broadcaster approve {shown_path(prepared.path)} --by NAME"
    older = [a for a in approvals if a.content_hash != prepared.content_hash]
    if not current and older:
        latest = older[-1]
        approvers = _distinct(older, latest.content_hash)
        changed = describe_changes(json.loads(latest.parts or "{}"), prepared.parts)
        raise ChangedSinceApproval(
            f"campaign {campaign.id!r} changed since {' and '.join(approvers)} approved it "
            f"({changed}); it needs approval again: {command}."
        )
    who = "another officer" if current else "an officer"
    raise NotApproved(
        f"campaign {campaign.id!r} has {len(current)} of {required} approvals; "
        f"ask {who} to run {command}."
    )


def describe_changes(before: Mapping[str, str], after: Mapping[str, str]) -> str:
    """'the campaign file, the text for rcmp, the photo' — in a stable order."""

    def label(part: str) -> str:
        if part == "file":
            return "the campaign file"
        if part == "media":
            return "the photo"
        if part.startswith("text:"):
            return f"the text for {part.removeprefix('text:')}"
        return part

    changed = []
    order = {"file": 0, "media": 2}
    for part in sorted(set(before) | set(after), key=lambda p: (order.get(p, 1), p)):
        if part not in after:
            changed.append(f"{label(part)} (removed)")
        elif part not in before:
            changed.append(f"{label(part)} (added)")
        elif before[part] != after[part]:
            changed.append(label(part))
    return ", ".join(changed) if changed else "its content"
