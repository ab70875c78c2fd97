"""Mid-case updates (`update`): a new sighting, a new photo, a reward, posted as a reply under
each account's original so that the thread reads as one story.

An update is the officer's note in every language of the campaign's agencies (the lead's
language, then `fr:...` for each other one), and optionally a new photo with its own alt
text in each of those languages (`--alt`: the campaign's describes the earlier photo). It
is signed by one officer with the `approver` role: the key's signature over a canonical
statement (campaign, update number, notes, photo hash, the photo's alt texts, officer,
time, the audit log's head), made and checked with the approval machinery
(`authoring.approval`, `authoring.officers`). The statement and its signature are kept in
the `case_update` table and the signing is audited. An update signed before updates had
alt texts has none in its statement or row: it verifies as it did, and its photo keeps
going out with the campaign's alt text.

The same notes, photo and alt texts are the same update: its number is kept, and running
`update` again only sends what is missing (the journal rows are kind `update`, occurrence
`update-<N>`, sent by the launch's exactly-once executor). Each account that posted the
alert and still shows it posts the update in its agency's language, rendered from the
`update/note` template, as a reply to its own original (or, once a new photo has replaced
the original, to the update that carries the photo now). A new photo is uploaded with the
update; then, account by account where the update went out, the earlier photo posts come
down by the same rules as `resolve` (`lifecycle.take_down`).

An agency armed at launch (its keys are not in this process: launch/arming.py) has its
update rows planned here like every other, but they are its worker's to send: `update`
leaves them alone (not a failure), stores the new photo for the workers
(`arming.keep_update_photo`), and each worker, on its next pass (`worker_share`), checks the
update's signature, the rows' texts, the photo's hash and its alt texts against what the
officer signed before posting its agencies' replies and taking their earlier photo posts down.

The new photo's bytes are kept in the database for every update (`update_photo`), not only
for armed agencies: whatever posts the photo later may run on another machine than `update`
(a scheduler's reposts, an agency worker, a late `launch`: launch/current_photo.py). A post
of the alert sent after the update went out carries its photo, so it is not an earlier photo
post: a late original stays up under its update's reply (`_sent_after`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from broadcaster.authoring.approval import UPDATE_STATEMENT
from broadcaster.campaign.lifecycle import (
    LAUNCH_KINDS,
    SendAndTakeDown,
    TakeDown,
    _record,
    _rows,
    campaign_file,
    photo_rows,
    take_down,
    workers_sentence,
)
from broadcaster.errors import CampaignClosed, PolicyRefused, RoleMissing, UsageInvalid
from broadcaster.launch.current_photo import (
    UPDATE_KIND,
    load_photo,
    signed_alt,
    update_occurrence,
)
from broadcaster.launch.lease import LEASE_WAIT, take_lease
from broadcaster.launch.reconcile import reconcile_open_rows
from broadcaster.safetext import for_terminal
from broadcaster.states import CAMPAIGN_CLOSED, PostState
from broadcaster.storage import audit
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import CaseUpdate, Post
from broadcaster.timeutil import as_utc, utcnow

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.engine import Engine

    from broadcaster.authoring.agencies import Agency, Registry
    from broadcaster.authoring.media import PreparedPhoto
    from broadcaster.authoring.officers import Signer
    from broadcaster.authoring.prepare import PreparedCampaign
    from broadcaster.config import Settings
    from broadcaster.launch.lease import Lease
    from broadcaster.launch.outcomes import Progress, SendReport
    from broadcaster.retry import RetryPolicy

STATEMENT = UPDATE_STATEMENT  # the signed statement's format
TEMPLATE = "update/note"
KIND = UPDATE_KIND
MAX_NOTE = 1000  # characters: a note is a sentence or two; the template adds the rest
# `--note fr:TEXT`: a language tag (BCP 47's common forms) and a colon.
_TAGGED = re.compile(r"^([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?):\s*(.*)$", re.DOTALL)


class NotLaunched(PolicyRefused):
    """An update of a campaign that never posted anything: there is no thread to answer."""


def occurrence_of(number: int) -> str:
    return update_occurrence(number)


def number_of(occurrence: str) -> int | None:
    """`update-3` -> 3; None for any other occurrence (a resolve's `arrested`, ...)."""
    prefix, _, rest = occurrence.partition("-")
    return int(rest) if prefix == "update" and rest.isdigit() else None


# -- the notes ------------------------------------------------------------------------------


def _clean(text: str, where: str) -> str:
    cleaned = "\n".join(" ".join(line.split()) for line in for_terminal(text).splitlines())
    cleaned = cleaned.strip()
    if not cleaned:
        raise UsageInvalid(f"{where} is empty; write the update, e.g. --note 'New sighting'.")
    if len(cleaned) > MAX_NOTE:
        raise UsageInvalid(f"{where} is {len(cleaned)} characters; keep it under {MAX_NOTE}.")
    return cleaned


def languages_of(prepared: PreparedCampaign) -> dict[str, list[str]]:
    """Language -> the campaign's agencies posting in it, the lead's language first."""
    lead = prepared.registry.get(prepared.campaign.lead)
    out: dict[str, list[str]] = {lead.language: []}
    for agency in prepared.agencies:
        out.setdefault(agency.language, []).append(agency.key)
    return {language: keys for language, keys in out.items() if keys}


def notes_from_options(prepared: PreparedCampaign, options: Sequence[str]) -> dict[str, str]:
    """`--note TEXT` (the lead's language) and `--note LANG:TEXT`, as language -> text."""
    return check_notes(prepared, _by_language(prepared, options, "--note", "note"))


def _by_language(
    prepared: PreparedCampaign, options: Sequence[str], option: str, what: str
) -> dict[str, str]:
    """`OPTION TEXT` (the lead's language) and `OPTION LANG:TEXT`, as language -> text, for
    `--note` and `--alt` alike (`what` names one in the sentences)."""
    lead = prepared.registry.get(prepared.campaign.lead)
    known = set(languages_of(prepared)) | {a.base_language for a in prepared.agencies}
    out: dict[str, str] = {}
    for raw in options:
        tagged = _TAGGED.match(raw)
        language, text = (tagged.group(1), tagged.group(2)) if tagged else (lead.language, raw)
        if tagged and language not in known:
            raise UsageInvalid(
                f"{option} {language}:…: {language} is not a language of campaign "
                f"{prepared.campaign.id!r}, whose agencies post in "
                f"{', '.join(languages_of(prepared))} (for {_a(what)} that starts with "
                f"'{language}:', write {option} '{lead.language}:{language}:…')."
            )
        if language in out:
            shown = f"{option} TEXT" if language == lead.language and not tagged else option
            raise UsageInvalid(f"{shown}: two {what}s for {language}; give one per language.")
        out[language] = text
    return out


def _a(what: str) -> str:
    return f"an {what}" if what[0] in "aeiou" else f"a {what}"


def check_notes(prepared: PreparedCampaign, notes: Mapping[str, str]) -> dict[str, str]:
    """Each note cleaned (control characters out, spaces folded); exit 2 naming a language
    of the campaign's agencies that has none (a `fr` note serves `fr-CA` agencies)."""
    lead = prepared.registry.get(prepared.campaign.lead)
    cleaned = {
        language: _clean(
            text, "--note TEXT" if language == lead.language else f"--note {language}:TEXT"
        )
        for language, text in notes.items()
    }
    if lead.language not in cleaned and lead.base_language not in cleaned:
        raise UsageInvalid(
            f"--note TEXT is missing: the update in {lead.language}, the language of the lead "
            f"agency {lead.key}."
        )
    for language, keys in languages_of(prepared).items():
        agency = prepared.registry.get(keys[0])
        if language not in cleaned and agency.base_language not in cleaned:
            base = agency.base_language
            raise UsageInvalid(
                f"--note {base}:TEXT is missing: agenc{'y' if len(keys) == 1 else 'ies'} "
                f"{', '.join(keys)} post{'s' if len(keys) == 1 else ''} in {language}; give "
                f"the update in {base} too."
            )
    return cleaned


def note_for(notes: Mapping[str, str], agency: Agency) -> str:
    return notes.get(agency.language) or notes[agency.base_language]


# -- the new photo's alt text ---------------------------------------------------------------
#
# A new photo shows something the campaign's photo did not (other clothes, the vehicle, a
# clearer face), so the campaign's alt text would tell people using a screen reader about
# the wrong picture. With --photo the officer describes it in every language the agencies
# post in (`--alt [LANG:]TEXT`, as --note), and signs the descriptions with the notes.


def alts_from_options(prepared: PreparedCampaign, options: Sequence[str]) -> dict[str, str]:
    """`--alt TEXT` (the lead's language) and `--alt LANG:TEXT`, as language -> text."""
    return check_alts(prepared, _by_language(prepared, options, "--alt", "alt text"))


def check_alts(prepared: PreparedCampaign, alts: Mapping[str, str]) -> dict[str, str]:
    """Each alt text cleaned like a note and held to the platforms' limit on a photo's
    description (the campaign's own alt text's rule: authoring.prepare.MAX_ALT_TEXT, X's,
    the strictest; the adapters would cut a longer one short); exit 2 naming a language of
    the campaign's agencies that has none, and the agencies posting in it."""
    from broadcaster.authoring.prepare import MAX_ALT_TEXT

    lead = prepared.registry.get(prepared.campaign.lead)
    cleaned: dict[str, str] = {}
    for language, text in alts.items():
        where = "--alt TEXT" if language == lead.language else f"--alt {language}:TEXT"
        words = " ".join(for_terminal(text).split())
        if not words:
            raise UsageInvalid(
                f"{where} is empty; describe the new photo, e.g. --alt 'Photo of a man in a "
                "grey hooded jacket'."
            )
        if len(words) > MAX_ALT_TEXT:
            raise UsageInvalid(
                f"{where} is {len(words)} characters; platforms allow {MAX_ALT_TEXT} for a "
                "photo's description."
            )
        cleaned[language] = words
    for language, keys in languages_of(prepared).items():
        agency = prepared.registry.get(keys[0])
        if language not in cleaned and agency.base_language not in cleaned:
            base = agency.base_language
            option = "--alt TEXT" if language == lead.language else f"--alt {base}:TEXT"
            raise UsageInvalid(
                f"{option} is missing: agenc{'y' if len(keys) == 1 else 'ies'} "
                f"{', '.join(keys)} post{'s' if len(keys) == 1 else ''} the new photo in "
                f"{language}; describe it in {base} for people using screen readers, or the "
                "campaign's description of the earlier photo would go out with it."
            )
    return cleaned


# -- the photo and the statement ------------------------------------------------------------


def content_hash(
    campaign_id: str,
    notes: Mapping[str, str],
    photo_sha256: str | None,
    photo_alt: Mapping[str, str] | None = None,
) -> str:
    """What makes two runs the same update: the campaign, the notes, the photo and its alt
    texts (another description is another update: what went out described the photo
    otherwise). An update without alt texts of its own hashes as before they existed, so
    running one signed then again completes it."""
    body: dict[str, object] = {"campaign": campaign_id, "notes": dict(notes), "photo": photo_sha256}
    if photo_alt is not None:
        body["photo_alt"] = dict(photo_alt)
    return hashlib.sha256(audit.canonical(body).encode()).hexdigest()


def statement_for(
    campaign_id: str,
    number: int,
    notes: Mapping[str, str],
    photo_sha256: str | None,
    officer_id: str,
    at: Any,
    audit_head: str,
    via: str | None = None,
    photo_alt: Mapping[str, str] | None = None,
) -> str:
    """The canonical statement the officer signs (the approval's form, for an update). The
    new photo's alt texts are in it when the update has its own; a statement without them
    (every update signed before they existed) still verifies: `approval.check_update`."""
    from datetime import UTC

    statement: dict[str, object] = {
        "type": STATEMENT,
        "campaign": campaign_id,
        "update": number,
        "notes": dict(notes),
        "photo": photo_sha256,
        "officer": officer_id,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "audit_head": audit_head,
    }
    if photo_alt is not None:
        statement["photo_alt"] = dict(photo_alt)
    if via is not None:
        statement["via"] = via
    return audit.canonical(statement)


# -- who posts, in reply to what -----------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One account that posts the update, and the post it answers."""

    agency: str
    account: str
    platform: str
    handle: str
    in_reply_to: str | None  # None on a platform that has no threads
    reply_url: str | None = None


def targets(engine: Engine, campaign_id: str) -> tuple[list[Target], list[str]]:
    """The accounts that post an update, and the agencies that cannot (never posted, or
    nothing of their thread is still up), in journal order."""
    from broadcaster.platforms.registry import adapter

    launch = [r for r in _rows(engine, campaign_id, LAUNCH_KINDS) if r.occurrence == "launch"]
    updates = [r for r in photo_rows(engine, campaign_id) if r.kind == KIND]
    live = {r.remote_id: r for r in _rows(engine, campaign_id, LAUNCH_KINDS) if r.remote_id}
    out: list[Target] = []
    for row in launch:
        if row.state not in (PostState.POSTED, PostState.DELETED):
            continue
        head = _thread_head(row, updates, live)
        if head is None:
            continue
        threads = adapter(row.platform).capabilities.threads
        out.append(
            Target(
                row.agency,
                row.account,
                row.platform,
                row.handle,
                head[0] if threads else None,
                head[1],
            )
        )
    posted = {t.agency for t in out}
    silent = list(dict.fromkeys(r.agency for r in launch if r.agency not in posted))
    return out, silent


def _thread_head(
    row: Post, updates: Sequence[Post], live: Mapping[str, Post]
) -> tuple[str, str | None] | None:
    """The post an account's update answers: its original while it is up; once a new
    photo replaced it, the newest update of the account that carries the photo; a plain
    repost answers the post it reposted."""
    if row.kind == "repost":
        target = live.get(row.quote_of or "")
        if target is not None and target.state == PostState.POSTED and target.remote_id:
            return target.remote_id, target.url
        return None
    if row.state == PostState.POSTED and row.remote_id:
        return row.remote_id, row.url
    mine = [
        u
        for u in updates
        if (u.agency, u.account) == (row.agency, row.account)
        and u.state == PostState.POSTED
        and u.remote_id
    ]
    if mine:
        newest = max(mine, key=lambda u: number_of(u.occurrence) or 0)
        return newest.remote_id or "", newest.url
    return None


# -- the report -----------------------------------------------------------------------------


@dataclass
class UpdateReport(SendAndTakeDown):
    campaign_id: str
    number: int
    officer: str
    languages: list[str]
    again: bool = False  # the same update was already signed: this run completed it
    dry_run: bool = False
    photo: str | None = None  # sha256 of the new photo
    # The new photo's file and the alt text it goes out with (language -> text): the
    # update's own (`--alt`), or the campaign's for an update signed before updates had
    # their own (`photo_alt_own` False); a dry run shows both to the officer.
    photo_file: str | None = None
    photo_alt: dict[str, str] = field(default_factory=dict)
    photo_alt_own: bool = False
    send: SendReport | None = None
    planned: list[dict[str, Any]] = field(default_factory=list)  # a dry run's posts
    taken_down: list[TakeDown] = field(default_factory=list)
    not_posted: list[str] = field(default_factory=list)
    by_workers: list[str] = field(default_factory=list)  # armed: their workers post it

    def summary(self) -> str:
        if self.dry_run:
            return (
                f"update {self.number} of {self.campaign_id} would be posted by "
                f"{len(self.planned)} accounts; nothing was sent (--dry-run)"
            )
        posted = self.send.posted if self.send is not None else []
        new = sum(1 for o in posted if o.fired)  # sent by this run, not found posted before
        before = len(posted) - new
        if self.again and not new and not self.failed_posts and not self.failed_deletes:
            parts = [
                f"update {self.number} of {self.campaign_id} was already posted by "
                f"{before} accounts; nothing was sent again"
            ]
        else:
            said = f"{new} replies posted" + (f" ({before} were already)" if before else "")
            parts = [f"update {self.number} of {self.campaign_id}: {said}"]
        if self.failed_posts:
            parts.append(f"{len(self.failed_posts)} failed")
        deleted = sum(1 for t in self.taken_down if t.state == PostState.DELETED)
        if self.photo:
            parts.append(f"{deleted} earlier photo posts taken down")
        if self.failed_deletes:
            parts.append(f"{len(self.failed_deletes)} could not be taken down")
        if self.by_workers:
            parts.append(workers_sentence(self.by_workers, posts=True, takes_down=False))
        return "; ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        send = self.send
        return {
            "campaign": self.campaign_id,
            "action": "update",
            "update": self.number,
            "occurrence": occurrence_of(self.number),
            "officer": self.officer,
            "again": self.again,
            "dry_run": self.dry_run,
            "languages": self.languages,
            "photo_sha256": self.photo,
            "photo_alt": self.photo_alt,
            "photo_alt_from": (
                None if self.photo is None else "update" if self.photo_alt_own else "campaign"
            ),
            "posts": (
                self.planned
                if self.dry_run
                else [o.as_dict() for o in (send.outcomes if send is not None else [])]
            ),
            "taken_down": [t.as_dict() for t in self.taken_down],
            "not_posted": self.not_posted,
            "by_workers": self.by_workers,
        }


# -- posting ------------------------------------------------------------------------------


def _refuse(engine: Engine, campaign_id: str) -> None:
    record = _record(engine, campaign_id)
    if record is None or record.launched_at is None:
        raise NotLaunched(
            f"campaign {campaign_id!r} was never launched: there is no post to update; "
            "launch it first."
        )
    if record.state in CAMPAIGN_CLOSED:
        when = f" on {record.closed_at:%Y-%m-%d %H:%M} UTC" if record.closed_at else ""
        raise CampaignClosed(
            f"campaign {campaign_id!r} was {record.state}{when}; an update may only follow "
            "a live alert."
        )


def _signed_without_alt(
    engine: Engine, campaign_id: str, notes: Mapping[str, str], photo_sha256: str
) -> CaseUpdate | None:
    """The update with these notes and this photo signed before updates had alt texts of
    their own, which `update` run again (without --alt) completes as it was signed."""
    found = _existing(engine, campaign_id, content_hash(campaign_id, notes, photo_sha256))
    return found if found is not None and found.photo_alt is None else None


def _existing(engine: Engine, campaign_id: str, digest: str) -> CaseUpdate | None:
    with Session(engine) as session:
        return session.exec(
            select(CaseUpdate).where(
                CaseUpdate.campaign_id == campaign_id, CaseUpdate.content_hash == digest
            )
        ).first()


def _next_number(engine: Engine, campaign_id: str) -> int:
    with Session(engine) as session:
        numbers = session.exec(
            select(CaseUpdate.number).where(CaseUpdate.campaign_id == campaign_id)
        ).all()
    return max(numbers, default=0) + 1


def _render(
    prepared: PreparedCampaign, notes: Mapping[str, str], number: int, agencies: Sequence[str]
) -> dict[str, str]:
    """Agency -> its update's text, each agency in its language (exit 2 over a limit)."""
    from broadcaster.authoring.prepare import render_for

    by_note: dict[str, list[str]] = {}
    for key in dict.fromkeys(agencies):
        by_note.setdefault(note_for(notes, prepared.registry.get(key)), []).append(key)
    texts: dict[str, str] = {}
    for note, keys in by_note.items():
        for post in render_for(
            prepared, TEMPLATE, agencies=keys, extra={"note": note, "number": number}
        ):
            texts[post.agency] = post.text
    return texts


def _sign(
    engine: Engine,
    prepared: PreparedCampaign,
    signer: Signer,
    notes: Mapping[str, str],
    photo: PreparedPhoto | None,
    photo_path: Path | None,
    digest: str,
    *,
    photo_alt: Mapping[str, str] | None = None,
    keep_photo: bool = False,
) -> tuple[CaseUpdate, bool]:
    """The update's row: found (the same notes and photo, signed before), or signed now by
    `signer` and recorded with its audit entry. Returns it and whether it existed. With
    `keep_photo`, the new photo is stored for whatever posts it on another machine (armed
    agencies' workers, a scheduler) in the same transaction, so nothing finds the update's
    rows without it."""
    from broadcaster.launch.arming import keep_update_photo

    campaign_id = prepared.campaign.id
    officer = signer.officer
    with session_scope(engine, immediate=True) as session:
        found = session.exec(
            select(CaseUpdate).where(
                CaseUpdate.campaign_id == campaign_id, CaseUpdate.content_hash == digest
            )
        ).first()
        if found is not None:
            if keep_photo and photo is not None:
                keep_update_photo(session, campaign_id, found.number, photo)
            audit.record(
                session,
                operator=officer.id,
                action="update",
                campaign_id=campaign_id,
                detail={"update": found.number, "officer": officer.id, "again": True},
            )
            session.expunge(found)
            return found, True
        numbers = session.exec(
            select(CaseUpdate.number).where(CaseUpdate.campaign_id == campaign_id)
        ).all()
        number = max(numbers, default=0) + 1
        head = audit.head(session)
        at = utcnow()
        photo_sha = photo.sha256 if photo is not None else None
        statement = statement_for(
            campaign_id, number, notes, photo_sha, officer.id, at, head, signer.via, photo_alt
        )
        row = CaseUpdate(
            campaign_id=campaign_id,
            number=number,
            content_hash=digest,
            notes=json.dumps(dict(notes), ensure_ascii=False, sort_keys=True),
            photo_sha256=photo_sha,
            photo_path=str(Path(photo_path).resolve()) if photo_path is not None else None,
            photo_alt=(
                json.dumps(dict(photo_alt), ensure_ascii=False, sort_keys=True)
                if photo_alt is not None
                else None
            ),
            officer=officer.id,
            statement=statement,
            signature=signer.sign(statement.encode()),
            created_at=at,
        )
        session.add(row)
        session.flush()
        if keep_photo and photo is not None:
            keep_update_photo(session, campaign_id, number, photo)
        from broadcaster.authoring.approval import statement_digest

        audit.record(
            session,
            operator=officer.id,
            action="update",
            campaign_id=campaign_id,
            detail={
                "update": number,
                "officer": officer.id,
                "key": signer.fingerprint,
                "via": signer.via or "key",
                "languages": sorted(notes),
                "photo": photo_sha,
                "photo_alt": sorted(photo_alt) if photo_alt is not None else None,
                "statement": statement_digest(statement),
            },
        )
        session.expunge(row)
        return row, False


def left_to_workers(
    engine: Engine, settings: Settings, prepared: PreparedCampaign, campaign_id: str
) -> list[str]:
    """The campaign's armed agencies whose keys this process lacks: their workers post
    their share of the update (launch/arming.py)."""
    from broadcaster.launch.arming import armed_agencies, without_keys

    armed = list(armed_agencies(engine, campaign_id))
    return without_keys(prepared.registry, armed, settings.env) if armed else []


def check_update(row: CaseUpdate, officers: Any) -> str | None:
    """Why a stored update cannot be trusted, or None when its signature holds (the check
    `audit verify` makes: `authoring.approval.check_update`)."""
    from broadcaster.authoring.approval import check_update as check

    return check(row, officers)


def post_update(
    settings: Settings,
    campaign: str | Path,
    notes: Mapping[str, str] | Sequence[str],
    *,
    signer: Signer | None,
    photo_path: Path | None = None,
    photo_alt: Mapping[str, str] | Sequence[str] | None = None,
    dry_run: bool = False,
    engine: Engine | None = None,
    policy: RetryPolicy | None = None,
    progress: Progress | None = None,
    lease_wait: float = LEASE_WAIT,
) -> UpdateReport:
    """Post a mid-case update from every account that posted the alert, as replies.

    `notes` is language -> text, or the `--note` options as typed; `photo_alt` the new
    photo's alt texts alike (`--alt`), required in every language with a photo (the CLI
    and the console always pass them; None, for a caller from before they existed, sends
    the campaign's, as then). Raises UsageInvalid (2) for a missing language, an alt text
    without a photo or an unusable photo; NotLaunched, CampaignClosed, RoleMissing (3).
    Platform failures do not raise: the report lists them (the CLI exits 4). Run it again
    with the same notes, photo and alt texts and it sends only what is missing."""
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.launch.executor import send_posts
    from broadcaster.launch.plan import PlannedPost, plan_posts
    from broadcaster.storage.db import open_db

    if signer is not None and not signer.officer.has("approver"):
        raise RoleMissing(
            f"officer {signer.officer.id!r} ({signer.officer.name}) does not have the "
            "'approver' role; only an approver may sign an update."
        )
    if signer is None and not dry_run:
        raise UsageInvalid("update needs the approving officer's key: --key PATH.")
    db = engine or open_db(settings.db_url)
    try:
        path = campaign_file(db, campaign)
        prepared = prepare_campaign(path, settings, check_credentials=False)
        campaign_id = prepared.campaign.id
        cleaned = (
            check_notes(prepared, notes)
            if isinstance(notes, Mapping)
            else notes_from_options(prepared, notes)
        )
        if photo_path is None and photo_alt:
            raise UsageInvalid(
                "--alt describes an update's new photo: give the photo with --photo FILE, "
                "or leave --alt out."
            )
        photo = load_photo(prepared, photo_path) if photo_path is not None else None
        alts = _alts(db, prepared, cleaned, photo, photo_alt)
        if photo is not None and alts is not None:
            photo = replace(photo, alt_text=dict(alts))  # what every upload describes it with
        _refuse(db, campaign_id)
        digest = content_hash(campaign_id, cleaned, photo.sha256 if photo else None, alts)
        existing = _existing(db, campaign_id, digest)
        number = existing.number if existing else _next_number(db, campaign_id)
        officer = signer.officer.id if signer is not None else ""
        report = UpdateReport(
            campaign_id,
            number,
            existing.officer if existing else officer,
            sorted(cleaned),
            again=existing is not None,
            dry_run=dry_run,
            photo=photo.sha256 if photo else None,
            photo_file=str(photo_path) if photo is not None and photo_path else None,
            photo_alt=dict(photo.alt_text) if photo is not None else {},
            photo_alt_own=alts is not None,
        )
        found, report.not_posted = targets(db, campaign_id)
        texts = _render(prepared, cleaned, number, [t.agency for t in found])
        left = left_to_workers(db, settings, prepared, campaign_id)
        if dry_run:
            report.planned = [
                {
                    "agency": t.agency,
                    "platform": t.platform,
                    "handle": t.handle,
                    "kind": KIND,
                    "text": texts[t.agency],
                    "in_reply_to": t.in_reply_to,
                    "reply_to_url": t.reply_url,
                    "by_worker": t.agency in left,
                }
                for t in found
            ]
            report.by_workers = [a for a in dict.fromkeys(t.agency for t in found) if a in left]
            return report
        assert signer is not None
        lease, _ = take_lease(db, campaign_id, "update", wait=lease_wait)
        try:
            _refuse(db, campaign_id)  # under the lease: a resolve or cancel may have won
            row, report.again = _sign(
                db,
                prepared,
                signer,
                cleaned,
                photo,
                photo_path,
                digest,
                photo_alt=alts,
                keep_photo=True,
            )
            report.number, report.officer = row.number, row.officer
            occurrence = occurrence_of(row.number)
            reconcile_open_rows(db, settings, prepared.registry, campaign_id, operator=officer)
            found, report.not_posted = targets(db, campaign_id)
            texts = _render(prepared, cleaned, row.number, [t.agency for t in found])
            # Every account's row is planned, the armed agencies' too: their workers send them.
            report.by_workers = [a for a in dict.fromkeys(t.agency for t in found) if a in left]
            here = [a for a in dict.fromkeys(t.agency for t in found) if a not in left]
            plan_posts(
                db,
                campaign_id,
                prepared.registry,
                [
                    PlannedPost(
                        agency=t.agency,
                        kind=KIND,
                        text=texts[t.agency],
                        occurrence=occurrence,
                        account=t.account,
                        in_reply_to=t.in_reply_to,
                    )
                    for t in found
                ],
            )
            _ask_workers_again(db, campaign_id, occurrence, report.by_workers)
            if here:
                report.send = send_posts(
                    db,
                    settings,
                    prepared.registry,
                    campaign_id,
                    operator=officer,
                    kinds=(KIND,),
                    occurrence=occurrence,
                    agencies=here,
                    photo=photo,
                    lease=lease,
                    policy=policy,
                    progress=progress,
                )
            if photo is not None:
                report.taken_down = _replace_photo(
                    db, settings, prepared, occurrence, officer, agencies=here
                )
            return report
        finally:
            lease.release()
    finally:
        if engine is None:
            db.dispose()


def _alts(
    engine: Engine,
    prepared: PreparedCampaign,
    notes: Mapping[str, str],
    photo: PreparedPhoto | None,
    options: Mapping[str, str] | Sequence[str] | None,
) -> dict[str, str] | None:
    """The new photo's own alt texts, checked (exit 2 naming a language that has none), or
    None: no photo; a caller that passes none (`options` None); or the same notes and photo
    run again without --alt to complete an update signed before alt texts existed, which
    goes on with the campaign's alt text as it was signed."""
    if photo is None or options is None:
        return None
    if not options and _signed_without_alt(engine, prepared.campaign.id, notes, photo.sha256):
        return None
    if isinstance(options, Mapping):
        return check_alts(prepared, options)
    return alts_from_options(prepared, options)


def _ask_workers_again(
    engine: Engine, campaign_id: str, occurrence: str, agencies: Sequence[str]
) -> None:
    """The same update run again retries the centre's failed replies; the armed agencies'
    failed replies are their workers' to retry, at their next pass (`worker_may_send`)."""
    if not agencies:
        return
    now = utcnow()
    with session_scope(engine, immediate=True) as session:
        for row in session.exec(
            select(Post).where(
                Post.campaign_id == campaign_id,
                Post.kind == KIND,
                Post.occurrence == occurrence,
                col(Post.agency).in_(list(agencies)),
                Post.state == PostState.FAILED,
                col(Post.attempts) > 0,
            )
        ).all():
            row.next_attempt_at = now
            row.updated_at = now
            session.add(row)


def _replace_photo(
    engine: Engine,
    settings: Settings,
    prepared: PreparedCampaign,
    occurrence: str,
    officer: str,
    *,
    agencies: Sequence[str],
) -> list[TakeDown]:
    """The earlier photo posts come down on each account (of `agencies`: an armed agency's
    worker takes its own down) whose update (with the new photo) is up; an account whose
    update failed keeps its post until a run succeeds there."""
    rows = [
        r
        for r in _rows(engine, prepared.campaign.id, (KIND,))
        if r.occurrence == occurrence and r.state == PostState.POSTED and r.agency in agencies
    ]
    shown = photo_rows(engine, prepared.campaign.id)
    since = _went_out(shown, occurrence)
    earlier = {
        (r.agency, r.account)
        for r in shown
        if r.state == PostState.POSTED
        and r.remote_id
        and r.occurrence != occurrence
        and not _sent_after(r, since)
    }
    accounts = {(r.agency, r.account) for r in rows} & earlier
    if not accounts:
        return []
    return take_down(
        engine,
        settings,
        prepared.registry,
        prepared.campaign.id,
        operator=officer,
        reason=f"replaced by the photo of {occurrence}",
        accounts=accounts,
        keep_occurrence=occurrence,
    )


# -- an armed agency's worker: its share of an update ------------------------------------


def _went_out(rows: Sequence[Post], occurrence: str) -> datetime | None:
    """When an update first went out on any account: from then on, a post of the alert
    carries its photo (launch/current_photo.py), read under the campaign's lease."""
    times = [
        r.posted_at or r.sent_at
        for r in rows
        if r.occurrence == occurrence and r.state in (PostState.POSTED, PostState.DELETED)
    ]
    return min((as_utc(t) for t in times if t is not None), default=None)


def _sent_after(row: Post, since: datetime | None) -> bool:
    """A post of the alert (a late original or quote, a scheduled repost) sent after the
    update went out: it carries the update's photo, not the one the update replaced."""
    from broadcaster.campaign.lifecycle import PHOTO_KINDS

    return (
        row.kind in PHOTO_KINDS
        and since is not None
        and row.sent_at is not None
        and as_utc(row.sent_at) > since
    )


def worker_may_send(row: Post, now: datetime | None = None) -> bool:
    """Whether an agency worker sends this row of its agencies at this pass: never
    attempted, in flight when a worker died, or failed and due again (`next_attempt_at`: a
    rate limit's reset passed, or the officer ran the same update again: `_ask_workers_again`).
    A row whose sends failed outright otherwise waits, as the centre's own failed replies
    wait for the officer's next run."""
    from broadcaster.states import POST_IN_FLIGHT, POST_TODO

    if row.state not in POST_TODO:
        return False
    if row.attempts == 0 or row.state in POST_IN_FLIGHT:
        return True
    due = row.next_attempt_at
    return due is not None and as_utc(due) <= (now or utcnow())


def worker_due(rows: Sequence[Post], agencies: Sequence[str]) -> tuple[list[int], bool]:
    """What an agency worker has to do for the updates of a campaign armed for `agencies`,
    from the journal alone: the numbers of the updates whose rows of theirs are still to
    send (`worker_may_send`), and whether an earlier photo post of theirs is still up beside
    an update that replaced the photo."""
    now = utcnow()  # the wall clock, as `next_attempt_at` is written
    numbers = sorted(
        {
            n
            for r in rows
            if r.agency in agencies
            and r.kind == KIND
            and (n := number_of(r.occurrence)) is not None
            and worker_may_send(r, now)
        }
    )
    return numbers, bool(_stale_photo_posts(rows, agencies))


def _stale_photo_posts(
    rows: Sequence[Post], agencies: Sequence[str]
) -> dict[str, set[tuple[str, str]]]:
    """Occurrence of an account's newest posted photo update -> the accounts (of `agencies`)
    that still show an earlier photo post: one planned before that update and not sent after
    it went out on some account (`rows` are all the campaign's, for that instant)."""
    from broadcaster.campaign.lifecycle import PHOTO_KINDS

    out: dict[str, set[tuple[str, str]]] = {}
    accounts = {(r.agency, r.account) for r in rows if r.agency in agencies}
    for account in accounts:
        here = [r for r in rows if (r.agency, r.account) == account]
        carriers = [
            r
            for r in here
            if r.kind == KIND
            and r.media_ids
            and r.state == PostState.POSTED
            and number_of(r.occurrence) is not None
        ]
        if not carriers:
            continue
        newest = max(carriers, key=lambda r: number_of(r.occurrence) or 0)
        since = _went_out(rows, newest.occurrence)
        if any(
            (r.kind in PHOTO_KINDS or (r.kind == KIND and r.media_ids))
            and r.state == PostState.POSTED
            and r.remote_id
            and (r.id or 0) < (newest.id or 0)
            and r.occurrence != newest.occurrence
            and not _sent_after(r, since)
            for r in here
        ):
            out.setdefault(newest.occurrence, set()).add(account)
    return out


@dataclass
class WorkerShare:
    """What an agency worker did for a campaign's updates in one pass."""

    posted: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # updates it would not post, and why
    taken_down: list[str] = field(default_factory=list)


def _refusal(
    engine: Engine,
    settings: Settings,
    registry: Registry,
    update: CaseUpdate,
    rows: Sequence[Post],
) -> str | None:
    """Why the worker must not post this update: its signature does not hold (or the
    officers file is not here to check it), a row's text does not carry the signed note, or
    the stored photo or its alt texts are not the ones signed. None: post it."""
    from broadcaster.authoring.officers import load_officers_beside
    from broadcaster.errors import BroadcasterError
    from broadcaster.launch.arming import update_photo

    try:
        officers = load_officers_beside(settings.agencies_path)
    except BroadcasterError as error:
        return f"its signature cannot be checked here: {error.message}"
    problem = check_update(update, officers)
    if problem is not None:
        return problem
    notes = json.loads(update.notes)
    for row in rows:
        try:
            note = note_for(notes, registry.get(row.agency))
        except (KeyError, BroadcasterError):
            return f"it has no note in the language of {row.agency}"
        if note not in (row.text or ""):
            return f"{row.agency}'s reply does not carry the note {update.officer} signed"
    if update.photo_sha256 is not None:
        photo = update_photo(engine, update.campaign_id, update.number)
        if photo is None:
            return "its new photo was not stored for the agency workers"
        if hashlib.sha256(photo.data).hexdigest() != update.photo_sha256:
            return f"its stored photo is not the one officer {update.officer} signed"
        signed = signed_alt(update)  # checked with the signature above (check_update)
        if signed is not None and dict(photo.alt_text) != signed:
            return f"its stored alt text is not the one officer {update.officer} signed"
    return None


def _mark_refused(engine: Engine, rows: Sequence[Post], why: str) -> None:
    """The refused rows say why (status shows it); they stay unsent, never attempted."""
    with session_scope(engine, immediate=True) as session:
        for row in rows:
            stored = session.get(Post, row.id)
            if stored is None or stored.attempts:
                continue
            if stored.state in (PostState.PLANNED, PostState.FAILED):
                stored.state = PostState.FAILED
                stored.error = f"refused by the agency worker: {why}"
                stored.updated_at = utcnow()
                session.add(stored)


def worker_share(
    engine: Engine,
    settings: Settings,
    registry: Registry,
    campaign_id: str,
    agencies: Sequence[str],
    *,
    operator: str,
    lease: Lease,
) -> WorkerShare:
    """An armed agency's worker, under the campaign's lease: post its agencies' replies of
    each update still to send (checked first: `_refusal`), with the update's new photo,
    then take their earlier photo posts down where a new photo replaced them. Exactly once:
    the journal's rows (`send_posts` reconciles a row a dead worker left in flight) and the
    take-downs' `deleted` states say what is done."""
    from broadcaster.launch.arming import update_photo
    from broadcaster.launch.executor import send_posts

    share = WorkerShare()
    record = _record(engine, campaign_id)
    if record is None or record.state in CAMPAIGN_CLOSED:
        return share  # closed under us: the ending's follow-ups take over
    rows = _rows(engine, campaign_id, (KIND,))
    numbers, _ = worker_due(rows, agencies)
    with Session(engine) as session:
        updates = {
            u.number: u
            for u in session.exec(
                select(CaseUpdate).where(CaseUpdate.campaign_id == campaign_id)
            ).all()
        }
    for number in numbers:
        occurrence = occurrence_of(number)
        mine = [r for r in rows if r.occurrence == occurrence and r.agency in agencies]
        update = updates.get(number)
        why = (
            "no signed update of this number is recorded"
            if update is None
            else _refusal(engine, settings, registry, update, mine)
        )
        if why is not None:
            _mark_refused(engine, mine, why)
            share.refused.append(f"update {number}: {why}")
            continue
        report = send_posts(
            engine,
            settings,
            registry,
            campaign_id,
            operator=operator,
            kinds=(KIND,),
            occurrence=occurrence,
            agencies=list(agencies),
            photo=update_photo(engine, campaign_id, number),
            lease=lease,
        )
        share.posted += [f"{o.agency} {occurrence}" for o in report.posted if o.fired]
        share.failed += [f"{o.agency} {occurrence}: {o.error or o.state}" for o in report.failed]
    shown = photo_rows(engine, campaign_id)
    for occurrence, accounts in sorted(_stale_photo_posts(shown, agencies).items()):
        downs = take_down(
            engine,
            settings,
            registry,
            campaign_id,
            operator=operator,
            reason=f"replaced by the photo of {occurrence} (agency worker)",
            accounts=accounts,
            keep_occurrence=occurrence,
        )
        share.taken_down += [f"{d.agency} {d.kind}: {d.state}" for d in downs]
    return share


# -- what status, the report, CAP and the feed show ----------------------------------------------


@dataclass(frozen=True)
class UpdateSummary:
    """One update as the views show it: who signed, when, its notes, and per account its
    post (posted with its link, failed with why)."""

    number: int
    officer: str
    at: Any
    notes: dict[str, str]
    photo_sha256: str | None
    posts: list[dict[str, Any]]
    photo_path: str | None = None  # where the photo was read from (CAP embeds it if unchanged)
    photo_alt: dict[str, str] | None = None  # its own alt texts (None: the campaign's)

    @property
    def occurrence(self) -> str:
        return occurrence_of(self.number)

    @property
    def sent_at(self) -> Any:
        """When its first post went out (None: none did)."""
        times = [p["posted_at"] or p["sent_at"] for p in self.posts if p["state"] in _DONE]
        times = [t for t in times if t is not None]
        return min(times) if times else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "update": self.number,
            "occurrence": self.occurrence,
            "officer": self.officer,
            "at": self.at.isoformat() if self.at else None,
            "notes": self.notes,
            "photo_sha256": self.photo_sha256,
            "photo_alt": self.photo_alt,
            "posts": [
                {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in p.items()}
                for p in self.posts
            ],
        }


_DONE = (PostState.POSTED, PostState.DELETED)


def case_updates(engine: Engine, campaign_id: str) -> list[UpdateSummary]:
    """Every update of the campaign, oldest first, with its posts."""
    with Session(engine) as session:
        updates = list(
            session.exec(
                select(CaseUpdate)
                .where(CaseUpdate.campaign_id == campaign_id)
                .order_by(col(CaseUpdate.number))
            ).all()
        )
        if not updates:
            return []
        rows = list(
            session.exec(
                select(Post)
                .where(Post.campaign_id == campaign_id, Post.kind == KIND)
                .order_by(col(Post.id))
            ).all()
        )
    from broadcaster.launch.arming import armed_agencies

    armed = set(armed_agencies(engine, campaign_id))
    out = []
    for update in updates:
        occurrence = occurrence_of(update.number)
        out.append(
            UpdateSummary(
                number=update.number,
                officer=update.officer,
                at=update.created_at,
                notes=json.loads(update.notes or "{}"),
                photo_sha256=update.photo_sha256,
                photo_path=update.photo_path,
                photo_alt=_alt_shown(update),
                posts=[
                    {
                        "agency": r.agency,
                        "platform": r.platform,
                        "handle": r.handle,
                        "state": r.state,
                        "url": r.url,
                        "remote_id": r.remote_id,
                        "in_reply_to": r.in_reply_to,
                        "sent_at": r.sent_at,
                        "posted_at": r.posted_at,
                        "error": r.error,
                        # an armed agency's reply, left to its worker's next pass
                        "by_worker": r.agency in armed and r.state == PostState.PLANNED,
                    }
                    for r in rows
                    if r.occurrence == occurrence
                ],
            )
        )
    return out


def _alt_shown(update: CaseUpdate) -> dict[str, str] | None:
    """The alt texts a view shows (None: the campaign's); a row whose alt texts were edited
    into something else than JSON shows none: posting it is refused (`signed_alt`)."""
    from broadcaster.launch.current_photo import PhotoGone

    try:
        return signed_alt(update)
    except PhotoGone:
        return None
