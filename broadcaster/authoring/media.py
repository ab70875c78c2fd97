"""Photos: checked against the platform's limits, resized when too large, metadata removed.

What gets uploaded is a fresh encoding of the pixels only: EXIF (GPS coordinates of where
the photo was taken, camera serial numbers), XMP and comments never leave the building.
The campaign's photo file itself is only ever read.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from broadcaster.errors import MediaInvalid

if TYPE_CHECKING:
    from PIL.Image import Image

MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


@dataclass(frozen=True)
class PhotoLimits:
    formats: frozenset[str]
    max_bytes: int
    max_pixels: int  # longest side


def one_of(names: Sequence[str]) -> str:
    """ "JPEG, PNG or WEBP": the formats a photo may be converted to, said one way everywhere."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


class PhotoFormatRefused(MediaInvalid):
    """The photo's format is not among the limits' formats (`format`: "GIF", "BMP", ...),
    so the caller can say which platforms refuse it."""

    def __init__(self, message: str, fmt: str) -> None:
        super().__init__(message)
        self.format = fmt


@dataclass(frozen=True)
class PreparedPhoto:
    """The bytes to upload (EXIF stripped, resized if needed; the file itself untouched)."""

    data: bytes = field(repr=False)
    mime_type: str
    filename: str
    width: int
    height: int
    sha256: str  # of `data`
    alt_text: dict[str, str]  # language -> alt text
    source_sha256: str = ""  # of the campaign's file, for approval


# What X accepts (the sandbox is X's drill double). Platform adapters state their limits by
# pointing at these: authoring sits below the adapters, so the rules live here. X's one-shot
# `POST /2/media/upload` takes images only: its `media_category` is tweet_image and its
# `media_type` lists JPEG, PNG, WEBP (and BMP, TIFF) but not GIF, which X takes only through
# the chunked upload as tweet_gif. So no GIF for X (see broadcaster/platforms/x.py).
X_PHOTO_LIMITS = PhotoLimits(
    formats=frozenset({"JPEG", "PNG", "WEBP"}),
    max_bytes=5 * 1024 * 1024,
    max_pixels=4096,
)
PHOTO_LIMITS: Mapping[str, PhotoLimits] = {"x": X_PHOTO_LIMITS, "sandbox": X_PHOTO_LIMITS}


def limits_for(platform: str) -> PhotoLimits:
    """The photo limits of a platform (an unknown one gets X's, the strictest we know)."""
    return PHOTO_LIMITS.get(platform, X_PHOTO_LIMITS)


def strictest(limits: list[PhotoLimits]) -> PhotoLimits:
    """One photo for every platform in the campaign must satisfy all of them."""
    formats = frozenset.intersection(*(lim.formats for lim in limits))
    return PhotoLimits(
        formats=formats,
        max_bytes=min(lim.max_bytes for lim in limits),
        max_pixels=min(lim.max_pixels for lim in limits),
    )


def shown_path(path: Path) -> Path:
    """The path as the user wrote it: relative when under the working folder."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _open(path: Path, data: bytes) -> Image:
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it: refuse those too, in a sentence.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaInvalid(f"{path}: the image is too large to process safely.") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise MediaInvalid(
            f"{path}: not a readable image (broken or an unsupported format); "
            "use a JPEG or PNG photo."
        ) from None
    return image


def _clean(image: Image) -> Image:
    """Upright pixels and nothing else: no EXIF, XMP, ICC comments or text chunks."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    try:
        upright = ImageOps.exif_transpose(image)
    except Exception:  # a corrupt orientation tag must not stop an alert
        upright = image
    if upright is None:
        upright = image
    mode = upright.mode
    if mode not in ("RGB", "RGBA", "L", "LA", "P"):
        upright = upright.convert("RGBA" if "A" in mode else "RGB")
    fresh = PILImage.new(upright.mode, upright.size)
    if upright.mode == "P":
        palette = upright.getpalette()
        if palette:
            fresh.putpalette(palette)
    fresh.paste(upright)
    return fresh


def _encode(image: Image, fmt: str, quality: int) -> bytes:
    out = io.BytesIO()
    options: dict[str, Any] = {}
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        options = {"quality": quality, "optimize": True}
    elif fmt == "WEBP":
        options = {"quality": quality}
    elif fmt == "PNG":
        options = {"optimize": True}
    image.save(out, format=fmt, **options)
    return out.getvalue()


def prepare_photo(path: Path, alt_text: Mapping[str, str], limits: PhotoLimits) -> PreparedPhoto:
    """Read the photo, check it, and produce the bytes to upload."""
    from PIL import Image as PILImage

    shown = shown_path(path)

    try:
        source = path.read_bytes()
    except FileNotFoundError:
        raise MediaInvalid(f"{shown}: photo not found.") from None
    except OSError as error:
        raise MediaInvalid(f"{shown}: cannot read the photo ({error.strerror}).") from None
    image = _open(shown, source)
    fmt = (image.format or "").upper()
    if fmt not in limits.formats:
        raise PhotoFormatRefused(
            f"{shown}: {fmt or 'this'} images are not accepted; convert it to "
            f"{one_of(sorted(limits.formats))}.",
            fmt,
        )
    if getattr(image, "is_animated", False):
        image.seek(0)  # an alert photo is a still; the first frame is the photo
    clean = _clean(image)
    longest = max(clean.size)
    if longest > limits.max_pixels:
        scale = limits.max_pixels / longest
        size = (max(1, round(clean.width * scale)), max(1, round(clean.height * scale)))
        clean = clean.resize(size, PILImage.Resampling.LANCZOS)
    data = _encode(clean, fmt, 90)
    # Too many bytes: lower the quality, then the size, until it fits.
    quality = 85
    while len(data) > limits.max_bytes:
        if fmt in ("JPEG", "WEBP") and quality > 50:
            quality -= 10
        else:
            size = (max(1, int(clean.width * 0.8)), max(1, int(clean.height * 0.8)))
            if size == clean.size:
                raise MediaInvalid(f"{shown}: cannot make the photo small enough to upload.")
            clean = clean.resize(size, PILImage.Resampling.LANCZOS)
        data = _encode(clean, fmt, quality)
    return PreparedPhoto(
        data=data,
        mime_type=MIME[fmt],
        filename=path.stem + SUFFIX[fmt],
        width=clean.width,
        height=clean.height,
        sha256=hashlib.sha256(data).hexdigest(),
        alt_text=dict(alt_text),
        source_sha256=hashlib.sha256(source).hexdigest(),
    )


def has_metadata(data: bytes) -> bool:
    """True when the bytes carry EXIF (any tag, GPS included), XMP or text chunks."""
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    if image.getexif():
        return True
    info_keys = {str(k).lower() for k in image.info}
    return bool(info_keys & {"exif", "xmp", "xml:com.adobe.xmp", "comment", "icc_profile"})
