"""The photo a campaign shows now: what anything that posts the alert's photo after the
launch instant must attach (a late original or quote from `launch` again or an armed
agency's worker, a scheduled repost, the console's view of it).

It is the campaign file's photo until a mid-case update brings a new one (`update --photo`);
once that update has gone out on some account, the earlier photo posts come down
(campaign/updates.py) and posting the old photo again would bring back a photo the police
withdrew. The newest such update's photo is the bytes its `update` process prepared and kept
in the `update_photo` table (campaign/updates.py keeps them for every update with a photo),
so a process on another machine than the one where `update` ran (a scheduler, an agency
worker) posts exactly them; they must still have the hash the officer signed. The photo
goes out with the alt texts the officer signed with it (`case_update.photo_alt`, `update
--alt`); an update signed before updates had their own goes out with the campaign's, as it
did then.

An update signed before its bytes were kept for every update has no row there (migration
0013 kept them only for armed agencies' workers, and updates signed before 0013 none): its
photo is read again from where it was signed (`case_update.photo_path`), cleaned exactly as
`update` cleaned it, and checked against the signed hash. A photo that cannot be found or
was changed is refused rather than replaced by the old one or sent unsigned.

Reading it never writes (the console shows it on a GET). The posts that are about to send
it (`launch`, a scheduled repost: `photo_to_post`) keep such bytes in the table as well,
so the machines without the file (an armed agency's worker) find them from then on.

It lives in launch/ (not campaign/) because `launch` and the armed worker need it too, and
launch sits below campaign. Read it under the campaign's lease where the post goes out:
`update` posts and takes the old photo down under that lease, so a post never carries a
photo an update has just withdrawn.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from broadcaster.errors import MediaInvalid
from broadcaster.launch.arming import StoredPhoto, keep_update_photo, stored_photo, update_photo
from broadcaster.states import PostState
from broadcaster.storage.db import session_scope
from broadcaster.storage.models import CaseUpdate, Post

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.media import PreparedPhoto
    from broadcaster.authoring.prepare import PreparedCampaign

# A mid-case update's journal rows: kind `update`, occurrence `update-<number>`
# (campaign/updates.py uses these).
UPDATE_KIND = "update"
# An update's post that went out (and may since have been taken down by a later one).
_WENT_OUT = (PostState.POSTED, PostState.DELETED)


def update_occurrence(number: int) -> str:
    return f"update-{number}"


class PhotoGone(MediaInvalid):
    """The photo that replaced the campaign's cannot be had as it was signed."""


def replacing_update(engine: Engine, campaign_id: str) -> CaseUpdate | None:
    """The newest update whose new photo went out on at least one account, or None."""
    with Session(engine) as session:
        update = replacing_update_in(session, campaign_id)
        if update is not None:
            session.expunge(update)
        return update


def replacing_update_in(session: Session, campaign_id: str) -> CaseUpdate | None:
    """`replacing_update`, read in the caller's transaction (an armed worker checks it in
    the very transaction that marks its rows `sending`)."""
    updates = session.exec(
        select(CaseUpdate)
        .where(CaseUpdate.campaign_id == campaign_id, col(CaseUpdate.photo_sha256).is_not(None))
        .order_by(col(CaseUpdate.number).desc())
    ).all()
    if not updates:
        return None
    sent = set(
        session.exec(
            select(Post.occurrence).where(
                Post.campaign_id == campaign_id,
                Post.kind == UPDATE_KIND,
                col(Post.state).in_(_WENT_OUT),
            )
        ).all()
    )
    return next((u for u in updates if update_occurrence(u.number) in sent), None)


def current_photo(engine: Engine, prepared: PreparedCampaign) -> PreparedPhoto | StoredPhoto | None:
    """The photo the campaign shows now, with its alt texts: the newest update's that
    replaced it, else the campaign file's own. Raises PhotoGone when that update's photo
    cannot be had as it was signed. A read: it writes nothing (see `photo_to_post`)."""
    return _current(engine, prepared)[0]


def photo_to_post(engine: Engine, prepared: PreparedCampaign) -> PreparedPhoto | StoredPhoto | None:
    """`current_photo`, for a process about to post it (`launch`, a scheduled repost: under
    the campaign's lease). An update signed before its bytes were kept has its photo read
    again from its file here, and this is where the bytes get kept: an armed agency's worker
    on another machine has no file to read (`current_stored_photo` refuses without them and
    asks for `launch` to run again where the photo is). Posting is a write already; showing
    the photo (the console) is not, so `current_photo` keeps nothing."""
    photo, unkept = _current(engine, prepared)
    if unkept is not None and photo is not None and not isinstance(photo, StoredPhoto):
        _keep(engine, unkept, photo)
    return photo


def _current(
    engine: Engine, prepared: PreparedCampaign
) -> tuple[PreparedPhoto | StoredPhoto | None, CaseUpdate | None]:
    """The photo now, and the update whose bytes were read from its file (not kept)."""
    update = replacing_update(engine, prepared.campaign.id)
    if update is None:
        return prepared.photo, None
    kept = kept_photo(engine, update)
    if kept is not None:
        return kept, None
    return _from_where_it_was_signed(update, prepared), update


def signed_alt(update: CaseUpdate) -> dict[str, str] | None:
    """The update's new photo's alt texts as the officer signed them (language -> text), or
    None: none of its own (signed before updates had them), the campaign's go with it."""
    if not update.photo_alt:
        return None
    try:
        alts = json.loads(update.photo_alt)
    except ValueError:
        alts = None
    if not isinstance(alts, dict):  # edited in the database: never posted as it stands
        raise PhotoGone(
            f"the alt text of update {update.number} is no longer what officer "
            f"{update.officer} signed; its photo is not posted without it."
        )
    return {str(k): str(v) for k, v in alts.items()}


def current_stored_photo(engine: Engine, campaign_id: str) -> StoredPhoto | None:
    """The same, for an armed agency's worker, which has neither the campaign file nor the
    photos: the update's kept bytes, else the photo the launch was armed with. Raises
    PhotoGone when an update replaced the photo and its bytes were not kept."""
    update = replacing_update(engine, campaign_id)
    if update is None:
        return stored_photo(engine, campaign_id)
    kept = kept_photo(engine, update)
    if kept is None:
        raise PhotoGone(
            f"the photo of update {update.number} was not kept in the database for the "
            "agency workers, and the earlier photo it replaced is not posted instead; run "
            "`launch` (or the same `update`) again where that photo is, then this worker again."
        )
    return kept


def kept_photo(engine: Engine, update: CaseUpdate) -> StoredPhoto | None:
    """The update's bytes from the `update_photo` table (None: none kept), refused unless
    they have the hash the officer signed and, when it has its own, the alt texts too."""
    photo = update_photo(engine, update.campaign_id, update.number)
    if photo is None:
        return None
    if hashlib.sha256(photo.data).hexdigest() != update.photo_sha256:
        raise PhotoGone(
            f"the photo of update {update.number} kept in the database is not the one officer "
            f"{update.officer} signed; the earlier photo it replaced is not posted instead."
        )
    alts = signed_alt(update)
    if alts is not None and dict(photo.alt_text) != alts:
        raise PhotoGone(
            f"the alt text of update {update.number} kept in the database is not the one "
            f"officer {update.officer} signed; its photo is not posted with it."
        )
    return photo


def _from_where_it_was_signed(update: CaseUpdate, prepared: PreparedCampaign) -> PreparedPhoto:
    label = f"the photo of update {update.number}"
    if not update.photo_path:
        raise PhotoGone(f"{label} was not kept; it cannot be posted again.")
    path = _where(Path(update.photo_path), prepared.path)
    try:
        photo = load_photo(prepared, path, signed_alt(update))
    except MediaInvalid as error:
        raise PhotoGone(
            f"{label} cannot be read again ({error.message}); the earlier photo it "
            "replaced is not posted instead."
        ) from None
    if photo.sha256 != update.photo_sha256:
        raise PhotoGone(
            f"{label} ({path}) changed since it was signed; the earlier photo it replaced "
            "is not posted instead."
        )
    return photo


def _keep(engine: Engine, update: CaseUpdate, photo: PreparedPhoto) -> None:
    """Keep an older update's photo, read again as it was signed, for the other machines."""
    try:
        with session_scope(engine, immediate=True) as session:
            keep_update_photo(session, update.campaign_id, update.number, photo)
    except IntegrityError:  # another process kept it meanwhile: the same signed bytes
        pass


def load_photo(
    prepared: PreparedCampaign, path: Path, alt: Mapping[str, str] | None = None
) -> PreparedPhoto:
    """An update's new photo, checked and cleaned as the campaign's own (EXIF out, every
    platform's limits), with `alt` as its alt texts, else the campaign's (an update signed
    before updates had their own); exit 2 naming the file when it cannot be used."""
    from broadcaster.authoring.media import prepare_photo, strictest
    from broadcaster.authoring.textlen import platform_rules

    platforms = sorted({a.platform for agency in prepared.agencies for a in agency.accounts})
    limits = strictest([platform_rules(p).photo_limits for p in platforms])
    if alt is None:
        alt = dict(prepared.photo.alt_text) if prepared.photo is not None else {}
    return prepare_photo(Path(path), alt, limits)


def _where(path: Path, campaign_file: Path) -> Path:
    """Where a photo named at `update` is now: as given (relative to where `update` ran), or
    beside the campaign file when the scheduler runs from another folder."""
    if path.is_absolute() or path.exists():
        return path
    beside = campaign_file.parent / path
    return beside if beside.exists() else path
