"""Signed approvals bound to the exact content: a hash of the file, every rendered text and
the media.

An approval is an officer's Ed25519 signature over a canonical statement: the campaign, its
content hash and parts, the agencies it covers, the officer's id, the time, and the audit
log's head at that moment. A campaign needs `approvals_required` distinct officers (by id,
never by name) whose signatures verify for its current content hash. Every use re-verifies
every stored approval against `officers.toml`, so a row forged or edited in the database is
refused (exit 3, naming it), and `verify_log` also finds a log cut below an approval. When
the content changes, older approvals no longer count, and the refusal names what changed
(the file, which agency's text, the photo) by comparing the per-part hashes kept with each.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from broadcaster.authoring.officers import (
    Officer,
    Officers,
    RetiredKey,
    load_officers,
    load_officers_beside,
    officers_path,
    signature_holds,
)
from broadcaster.errors import (
    ApprovalNotVerified,
    CampaignClosed,
    ChangedSinceApproval,
    NotApproved,
)
from broadcaster.states import CAMPAIGN_CLOSED
from broadcaster.storage import audit
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import Approval, AuditEntry, CampaignRecord, CaseUpdate
from broadcaster.timeutil import utcnow

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.campaigns import Campaign
    from broadcaster.authoring.officers import Signer
    from broadcaster.authoring.prepare import PreparedCampaign
    from broadcaster.storage.audit import AuditVerdict


STATEMENT = "broadcaster-approval/1"  # the statement's format, signed with it


@dataclass(frozen=True)
class ApprovalStatus:
    campaign_id: str
    content_hash: str
    approvers: tuple[str, ...]  # ids of the distinct officers whose signatures verify
    required: int
    added: bool = False  # this call recorded a new approval
    officer: Officer | None = None  # who signed, for `approve`
    audit_head: str | None = None  # the head this approval signed
    partner_approval: bool = False  # the campaign asks each agency for its own approver
    # agency -> its own officers whose approvals of this content verify (partner_approval)
    partners: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return len(self.approvers) >= self.required

    @property
    def awaiting(self) -> tuple[str, ...]:
        """With partner_approval: the agencies whose own approver has not signed yet."""
        if not self.partner_approval:
            return ()
        return tuple(agency for agency, ids in self.partners.items() if not ids)


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


def officers_for(prepared: PreparedCampaign) -> Officers:
    """`officers.toml` beside the campaign's agencies registry, checked against it."""
    registry = prepared.registry
    return load_officers(officers_path(registry.path), agencies=registry.agencies.keys())


def statement_for(
    prepared: PreparedCampaign,
    officer_id: str,
    at: datetime,
    audit_head: str,
    via: str | None = None,
) -> str:
    """The canonical statement an officer signs: this exact content, for these agencies,
    by this officer, at this time, with the audit log at this head. A console's statement
    also says `via: console:NAME` (see `_signing_key`); an officer's own has no `via`, so
    statements signed before consoles existed still verify."""
    campaign = prepared.campaign
    statement: dict[str, object] = {
        "type": STATEMENT,
        "campaign": campaign.id,
        "content_hash": prepared.content_hash,
        "parts": dict(prepared.parts),
        "scope": list(campaign.agencies),
        "officer": officer_id,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "audit_head": audit_head,
    }
    if via is not None:
        statement["via"] = via
    return audit.canonical(statement)


def statement_digest(statement: str) -> str:
    return hashlib.sha256(statement.encode()).hexdigest()


def _label(row: Approval) -> str:
    return f"approval {row.id} of campaign {row.campaign_id!r} (officer {row.approver!r})"


def check_approval(row: Approval, officers: Officers) -> str | None:
    """Why this stored approval cannot be trusted, or None when its signature verifies
    against its officer's key and every column matches what the officer signed.

    An officer's own approval verifies against their current key, or against one of their
    `retired_keys` when it was signed before that key's retirement, so retiring a key never
    breaks the history it signed; a retired key's signature dated after its retirement is
    refused. Such an approval still counts: the officer consented while the key was theirs
    (and one approval per officer and content is all the table holds, so they could not
    sign the same content again). The signed time cannot be moved back later: it is inside
    the signature, and the approval's audit entry, chained after the head it signed, must
    still be there (`verify_log`)."""
    label = _label(row)
    if not row.statement or not row.signature:
        return f"{label} is not signed"
    officer = officers.get(row.approver)
    if officer is None:
        return f"{label} names an officer who is not in {officers.path}"
    try:
        signed = json.loads(row.statement)
        parts = json.loads(row.parts or "{}")
    except ValueError:
        return f"{label} was edited: its statement or parts are no longer JSON"
    key, whose = _signing_key(signed, officer, officers)
    if key is None:
        return (
            f"{label} says it was made {whose}, which is not listed as a [console] in "
            f"{officers.path}, so it cannot be trusted"
        )
    if not signature_holds(key, row.statement.encode(), row.signature):
        retired = _retired_signer(row, officer) if key is officer.public_key else None
        if retired is None:
            return (
                f"{label}: its signature does not match the key of {whose} in "
                f"{officers.path}, so the row was forged or edited"
            )
        signed_at = signed.get("at") if isinstance(signed, dict) else None
        if not _before(signed_at, retired.retired):
            return (
                f"{label} was signed at {signed_at} with a key of officer {officer.id!r} "
                f"retired at {retired.retired.isoformat()} in {officers.path}, so it "
                "cannot be trusted"
            )
    if not isinstance(signed, dict) or (
        signed.get("type") != STATEMENT
        or signed.get("campaign") != row.campaign_id
        or signed.get("officer") != row.approver
        or signed.get("content_hash") != row.content_hash
        or signed.get("parts") != parts
    ):
        return f"{label} was edited: the row no longer matches what officer {officer.id!r} signed"
    return None


def _retired_signer(row: Approval, officer: Officer) -> RetiredKey | None:
    assert row.statement is not None and row.signature is not None
    data = row.statement.encode()
    return next(
        (r for r in officer.retired_keys if signature_holds(r.public_key, data, row.signature)),
        None,
    )


def _before(signed_at: object, retired: datetime) -> bool:
    if not isinstance(signed_at, str):
        return False
    try:
        return datetime.fromisoformat(signed_at) < retired
    except ValueError:
        return False


def _signing_key(
    signed: object, officer: Officer, officers: Officers
) -> tuple[Ed25519PublicKey | None, str]:
    """The key that must have signed this statement, and whose it is, for the refusal.

    Why a console may sign for an officer: in a browser there is no officer's private key,
    only a password the console checks (argon2, as at sign-in). So the console attests it:
    it signs, with its own Ed25519 key (a 0600 file outside the database), a statement that
    names the officer and says `via: console:NAME`. Such a statement verifies only against
    the key listed as `[console.NAME]` in officers.toml, the registry every agency already
    trusts for officers' keys: an admin decides there which consoles may attest, a key
    taken out of it stops counting at once (like an officer's), and a row in the database
    that claims a console not listed, or is signed by any other key, is refused. The
    officer named must still be in officers.toml with the approver role, so a console
    cannot invent officers, and the two-person rule still counts officer ids, whichever
    way each one signed. `via` is inside the signed statement, so it cannot be stripped."""
    via = signed.get("via") if isinstance(signed, dict) else None
    if via is None:
        return officer.public_key, f"officer {officer.id!r}"
    name = via.removeprefix("console:") if isinstance(via, str) else ""
    if not isinstance(via, str) or not via.startswith("console:") or not name:
        return None, f"via {via!r}"
    return officers.console_named(name), f"console {name!r}"


def _verified(
    approvals: Iterable[Approval], officers: Officers, content_hash: str | None = None
) -> tuple[str, ...]:
    """Distinct approving officers (by id) among rows that verify, optionally of one content.
    Raises ApprovalNotVerified (exit 3) naming the first row that does not."""
    ids: dict[str, None] = {}
    for row in approvals:
        problem = check_approval(row, officers)
        if problem is not None:
            raise ApprovalNotVerified(f"{problem}; nothing was sent.")
        officer = officers.get(row.approver)
        if content_hash is not None and row.content_hash != content_hash:
            continue
        if officer is not None and officer.has("approver"):
            ids.setdefault(officer.id)
    return tuple(ids)


def _partners(
    approvals: Iterable[Approval], officers: Officers, prepared: PreparedCampaign
) -> dict[str, tuple[str, ...]]:
    """Per agency of the campaign, its own approvers (the officer's `agency` in officers.toml)
    whose verified approvals signed the current content, that agency's rendered text included.
    Call after `_verified`, which refuses a row that does not verify."""
    found: dict[str, dict[str, None]] = {agency: {} for agency in prepared.campaign.agencies}
    for row in approvals:
        officer = officers.get(row.approver)
        if officer is None or not officer.has("approver") or officer.agency not in found:
            continue
        if row.content_hash != prepared.content_hash or check_approval(row, officers):
            continue
        part = f"text:{officer.agency}"
        try:
            signed_parts = json.loads(row.parts or "{}")
        except ValueError:
            continue
        if part in prepared.parts and signed_parts.get(part) == prepared.parts[part]:
            found[officer.agency].setdefault(officer.id)
    return {agency: tuple(ids) for agency, ids in found.items()}


def _status(
    approvals: list[Approval],
    officers: Officers,
    prepared: PreparedCampaign,
    current: tuple[str, ...],
    *,
    added: bool = False,
    officer: Officer | None = None,
    audit_head: str | None = None,
) -> ApprovalStatus:
    campaign = prepared.campaign
    return ApprovalStatus(
        campaign.id,
        prepared.content_hash,
        current,
        campaign.approvals_required,
        added,
        officer,
        audit_head,
        partner_approval=campaign.partner_approval,
        partners=_partners(approvals, officers, prepared),
    )


def approve(
    engine: Engine,
    prepared: PreparedCampaign,
    signer: Signer,
    officers: Officers | None = None,
) -> ApprovalStatus:
    """Sign and record `signer`'s approval of the campaign's current content (once per
    officer and content). The statement includes the audit log's head, read under the
    chain's lock, and the approval's own audit entry follows that head directly."""
    officers = officers if officers is not None else officers_for(prepared)
    officer = signer.officer
    campaign = prepared.campaign
    with session_scope(engine, immediate=True) as session:
        existing = session.get(CampaignRecord, campaign.id)
        refuse_if_closed(existing, campaign.id)
        upsert_campaign(session, campaign, prepared.path)
        approvals = _approvals(session, campaign.id)
        current = _verified(approvals, officers, prepared.content_hash)
        added = officer.id not in current
        head = None
        if added:
            head = audit.head(session)
            at = utcnow()
            statement = statement_for(prepared, officer.id, at, head, signer.via)
            row = Approval(
                campaign_id=campaign.id,
                approver=officer.id,
                content_hash=prepared.content_hash,
                parts=json.dumps(dict(prepared.parts), sort_keys=True),
                created_at=at,
                statement=statement,
                signature=signer.sign(statement.encode()),
            )
            session.add(row)
            session.flush()
            audit.record(
                session,
                operator=officer.id,
                action="approve",
                campaign_id=campaign.id,
                detail={
                    "approval": row.id,
                    "officer": officer.id,
                    "key": signer.fingerprint,
                    "via": signer.via or "key",
                    "content_hash": prepared.content_hash,
                    "statement": statement_digest(statement),
                    "approvals": len(current) + 1,
                    "required": campaign.approvals_required,
                },
            )
            current = (*current, officer.id)
            approvals.append(row)
    return _status(
        approvals, officers, prepared, current, added=added, officer=officer, audit_head=head
    )


def approval_status(
    engine: Engine, prepared: PreparedCampaign, officers: Officers | None = None
) -> ApprovalStatus:
    officers = officers if officers is not None else officers_for(prepared)
    with Session(engine) as session:
        approvals = _approvals(session, prepared.campaign.id)
    current = _verified(approvals, officers, prepared.content_hash)
    return _status(approvals, officers, prepared, current)


def require_approval(
    engine: Engine, prepared: PreparedCampaign, officers: Officers | None = None
) -> ApprovalStatus:
    """The verified approvals of the current content, or exit 3: ApprovalNotVerified (a
    stored approval does not verify), NotApproved, ChangedSinceApproval. With
    partner_approval, the status's `awaiting` names the agencies still without their own
    approver: the launch holds those and fires the others."""
    officers = officers if officers is not None else officers_for(prepared)
    campaign = prepared.campaign
    with Session(engine) as session:
        approvals = _approvals(session, campaign.id)
    current = _verified(approvals, officers, prepared.content_hash)
    required = campaign.approvals_required
    if len(current) >= required:
        return _status(approvals, officers, prepared, current)
    command = f"broadcaster approve {shown_path(prepared.path)} --key KEY"
    older = [a for a in approvals if a.content_hash != prepared.content_hash]
    if not current and older:
        latest = older[-1]
        approvers = _verified(older, officers, latest.content_hash)
        changed = describe_changes(json.loads(latest.parts or "{}"), prepared.parts)
        who = " and ".join(approvers) or "its officers"
        raise ChangedSinceApproval(
            f"campaign {campaign.id!r} changed since {who} approved it "
            f"({changed}); it needs approval again: {command}."
        )
    who = "another officer" if current else "an officer"
    raise NotApproved(
        f"campaign {campaign.id!r} has {len(current)} of {required} approvals; "
        f"ask {who} to run {command}."
    )


@dataclass(frozen=True)
class LogVerdict:
    """`audit verify`: the hash chain, and every stored approval against officers.toml and
    against the log (the head it signed, and its own entry, must still be there)."""

    chain: AuditVerdict
    approvals: int
    problems: tuple[str, ...] = ()
    updates: int = 0  # signed mid-case updates checked

    @property
    def ok(self) -> bool:
        return self.chain.ok and not self.problems


UPDATE_STATEMENT = "broadcaster-update/1"  # a mid-case update's statement (campaign/updates.py)


def check_update(row: CaseUpdate, officers: Officers) -> str | None:
    """Why a stored mid-case update cannot be trusted, or None when its signature verifies
    against its officer's key (or a console listed in officers.toml) and the row matches
    what was signed (the same rules as an approval's)."""
    label = f"update {row.number} of campaign {row.campaign_id!r}"
    officer = officers.get(row.officer)
    if officer is None:
        return f"{label} names an officer who is not in {officers.path}"
    try:
        signed = json.loads(row.statement)
        notes = json.loads(row.notes)
        # The new photo's own alt texts (`update --alt`); an update signed before they
        # existed has none in its row or its statement, and verifies as it did.
        photo_alt = json.loads(row.photo_alt) if row.photo_alt is not None else None
    except ValueError:
        return f"{label} was edited: its statement, notes or alt texts are no longer JSON"
    key, whose = _signing_key(signed, officer, officers)
    if key is None or not signature_holds(key, row.statement.encode(), row.signature):
        return f"{label}: its signature does not match the key of {whose}"
    if not isinstance(signed, dict) or (
        signed.get("type") != UPDATE_STATEMENT
        or signed.get("campaign") != row.campaign_id
        or signed.get("update") != row.number
        or signed.get("officer") != officer.id
        or signed.get("notes") != notes
        or signed.get("photo") != row.photo_sha256
        or signed.get("photo_alt") != photo_alt
    ):
        return f"{label} was edited: the row no longer matches what officer {officer.id} signed"
    return None


def verify_log(
    engine: Engine, agencies_path: Path, *, expected_head: str | None = None
) -> LogVerdict:
    """`audit verify`. officers.toml (beside `agencies_path`) is needed only when there are
    approvals (or signed mid-case updates) to check."""
    chain = audit.verify(engine, expected_head=expected_head)
    problems: list[str] = []
    with Session(engine) as session:
        rows = list(session.exec(select(Approval).order_by(col(Approval.id))).all())
        updates = list(session.exec(select(CaseUpdate).order_by(col(CaseUpdate.id))).all())
        if not rows and not updates:
            return LogVerdict(chain, 0)
        officers = load_officers_beside(agencies_path)
        problems.extend(p for p in (check_update(u, officers) for u in updates) if p)
        present = audit.hashes(session)
        entries = {
            (entry.prev_hash, _detail(entry).get("statement"))
            for entry in session.exec(select(AuditEntry).where(AuditEntry.action == "approve"))
        }
    for row in rows:
        problem = check_approval(row, officers)
        if problem is not None:
            problems.append(problem)
            continue
        assert row.statement is not None
        signed_head = json.loads(row.statement).get("audit_head")
        if signed_head not in present:
            problems.append(
                f"{_label(row)} was signed with the audit log at head {str(signed_head)[:16]}, "
                "which is no longer in the log: the log was cut below it"
            )
        elif (signed_head, statement_digest(row.statement)) not in entries:
            problems.append(f"the audit entry of {_label(row)} is gone: the log was cut below it")
    return LogVerdict(chain, len(rows), tuple(problems), updates=len(updates))


def _detail(entry: AuditEntry) -> dict[str, object]:
    try:
        detail = json.loads(entry.detail)
    except ValueError:
        return {}
    return detail if isinstance(detail, dict) else {}


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
