"""A photo uploaded with a console update: checked, then kept beside the campaign file.

`update --photo PATH` signs a photo that is a file in the campaign's folder; the console
gives the same `post_update` the same thing. The upload is kept in `media/updates/` next to
the campaign file, named by its SHA-256, so the photo stays with the case like the alert's
own, and submitting the same form again (after a platform failure) names the same file and
the same signed hash: the update completes instead of starting a second one.

The bytes come from a browser, so they are treated as hostile: a size cap before anything
is read into memory past it, and Pillow must recognise an image before anything is written
(`prepare_photo`, inside `post_update`, then cleans and checks it as for the CLI).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from broadcaster.authoring.media import SUFFIX
from broadcaster.errors import InvalidInput

# A phone's photo is 2-12 MB; 25 MB leaves room and still bounds what the console holds.
MAX_UPLOAD = 25 * 1024 * 1024
FOLDER = Path("media") / "updates"


@dataclass(frozen=True)
class Upload:
    name: str  # as the browser sent it, cut short: only ever shown, never a path
    data: bytes = field(repr=False)


async def read_upload(form: Any) -> Upload | None:
    """The form's `photo` file, read up to the cap, or None when no file was chosen.

    Raises InvalidInput for a file over the cap: nothing is saved or posted."""
    upload = form.get("photo")
    if upload is None or isinstance(upload, str) or not getattr(upload, "filename", ""):
        return None  # the browser sends an empty part when no file was chosen
    name = str(upload.filename)[:80]
    data = await upload.read(MAX_UPLOAD + 1)
    if not data:
        return None
    if len(data) > MAX_UPLOAD:
        raise InvalidInput(
            f"Nothing was done: the photo {name!r} is over {MAX_UPLOAD // (1024 * 1024)} MB; "
            "send a smaller JPEG, PNG or WEBP."
        )
    return Upload(name, data)


def keep_photo(upload: Upload, campaign_file: Path) -> Path:
    """The upload saved in the campaign's `media/updates/`, named by its hash; call it once
    the officer may post the update. Raises InvalidInput when it is not an image."""
    fmt = _image_format(upload.data)
    if fmt not in SUFFIX:
        raise InvalidInput(
            f"Nothing was done: {upload.name!r} is not a photo the console can read; "
            "use a JPEG, PNG or WEBP photo."
        )
    folder = campaign_file.parent / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(upload.data).hexdigest()[:32]}{SUFFIX[fmt]}"
    if not path.exists():
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(upload.data)
        partial.replace(path)  # never a half-written photo under the name an update signs
    return path


def _image_format(data: bytes) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            return (image.format or "").upper() or None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
