"""The photo a campaign shows now: what anything that posts the alert's photo again after the
launch (a scheduled repost) must attach.

It is the campaign file's photo until a mid-case update brings a new one (`update --photo`);
once that update has gone out on some account, the earlier photo posts come down
(`updates._replace_photo`), and posting the old photo again would bring back a photo the
police withdrew. The newest such update's photo is read again from where it was signed
(`case_update.photo_path`: the database keeps its hash, not its bytes), cleaned exactly as
`update` cleaned it, and must still have the signed hash; a photo moved or changed since
is refused rather than replaced by the old one or sent unsigned.

Read it under the campaign's lease, where the post goes out: `update` posts and takes the
old photo down under the same lease, so a repost never sends a photo an update has just
withdrawn, and `lifecycle.take_down` may leave up a scheduled repost sent after the update.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from broadcaster.campaign.updates import KIND, load_photo, occurrence_of
from broadcaster.errors import MediaInvalid
from broadcaster.states import PostState
from broadcaster.storage.models import CaseUpdate, Post

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from broadcaster.authoring.media import PreparedPhoto
    from broadcaster.authoring.prepare import PreparedCampaign

# An update's post that went out (and may since have been taken down by a later one).
_WENT_OUT = (PostState.POSTED, PostState.DELETED)


class PhotoGone(MediaInvalid):
    """The photo that replaced the campaign's is no longer where it was signed, or changed."""


def replacing_update(engine: Engine, campaign_id: str) -> CaseUpdate | None:
    """The newest update whose new photo went out on at least one account, or None."""
    with Session(engine) as session:
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
                    Post.kind == KIND,
                    col(Post.state).in_(_WENT_OUT),
                )
            ).all()
        )
        for update in updates:
            if occurrence_of(update.number) in sent:
                session.expunge(update)
                return update
    return None


def current_photo(engine: Engine, prepared: PreparedCampaign) -> PreparedPhoto | None:
    """The photo the campaign shows now: the newest update's that replaced it, else the
    campaign file's own. Raises PhotoGone when that update's photo cannot be read again
    as it was signed."""
    update = replacing_update(engine, prepared.campaign.id)
    if update is None:
        return prepared.photo
    label = f"the photo of update {update.number}"
    if not update.photo_path:
        raise PhotoGone(f"{label} was not kept; it cannot be posted again.")
    path = _where(Path(update.photo_path), prepared.path)
    try:
        photo = load_photo(prepared, path)
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


def _where(path: Path, campaign_file: Path) -> Path:
    """Where a photo named at `update` is now: as given (relative to where `update` ran), or
    beside the campaign file when the scheduler runs from another folder."""
    if path.is_absolute() or path.exists():
        return path
    beside = campaign_file.parent / path
    return beside if beside.exists() else path
