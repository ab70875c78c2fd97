"""Photos: metadata (GPS above all) never uploaded, the file never modified, limits enforced."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from broadcaster.authoring.media import PhotoLimits, has_metadata, limits_for, prepare_photo
from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.cli import cli
from broadcaster.errors import MediaInvalid

X = limits_for("x")


def photo_with_gps(width: int = 120, height: int = 90, fmt: str = "JPEG") -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((20, 20, 200), (0, 0, width // 2, height))  # left half blue
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # camera make
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to view
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (43.0, 39.0, 12.5)
    gps[3], gps[4] = "W", (79.0, 23.0, 1.0)
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif.tobytes())
    return out.getvalue()


def test_gps_and_exif_are_stripped_and_the_file_is_untouched(tmp_path: Path) -> None:
    original = photo_with_gps()
    path = tmp_path / "suspect.jpg"
    path.write_bytes(original)
    assert Image.open(path).getexif().get_ifd(0x8825)  # the fixture really has GPS
    photo = prepare_photo(path, {"en": "A man."}, X)
    assert path.read_bytes() == original
    assert photo.source_sha256 == hashlib.sha256(original).hexdigest()
    uploaded = Image.open(io.BytesIO(photo.data))
    assert not uploaded.getexif()
    assert not uploaded.getexif().get_ifd(0x8825)
    assert not has_metadata(photo.data)
    assert b"Canon" not in photo.data
    # The orientation tag is applied to the pixels before it is dropped.
    assert (photo.width, photo.height) == (90, 120)
    assert photo.mime_type == "image/jpeg" and photo.filename == "suspect.jpg"
    assert photo.sha256 == hashlib.sha256(photo.data).hexdigest()
    assert photo.alt_text == {"en": "A man."}


def test_png_text_chunks_are_stripped(tmp_path: Path) -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "taken at 43.65N 79.38W")
    path = tmp_path / "p.png"
    Image.new("RGB", (50, 50), "white").save(path, pnginfo=info)
    photo = prepare_photo(path, {}, X)
    assert b"43.65N" not in photo.data
    assert photo.mime_type == "image/png"


def test_too_many_pixels_are_resized(tmp_path: Path) -> None:
    path = tmp_path / "big.jpg"
    Image.new("RGB", (3000, 1500), "grey").save(path)
    small = PhotoLimits(formats=X.formats, max_bytes=X.max_bytes, max_pixels=1000)
    photo = prepare_photo(path, {}, small)
    assert (photo.width, photo.height) == (1000, 500)
    assert Image.open(io.BytesIO(photo.data)).size == (1000, 500)


def test_too_many_bytes_are_recompressed(tmp_path: Path) -> None:
    import random

    rng = random.Random(1)
    noise = bytes(rng.getrandbits(8) for _ in range(600 * 600 * 3))
    path = tmp_path / "noisy.jpg"
    Image.frombytes("RGB", (600, 600), noise).save(path, quality=100)
    limit = 60_000
    assert path.stat().st_size > limit
    photo = prepare_photo(path, {}, PhotoLimits(X.formats, limit, 4096))
    assert len(photo.data) <= limit


def test_broken_image_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.jpg"
    path.write_bytes(photo_with_gps()[:200])
    with pytest.raises(MediaInvalid) as caught:
        prepare_photo(path, {}, X)
    assert str(caught.value) == (
        f"{path}: not a readable image (broken or an unsupported format); use a JPEG or PNG photo."
    )


def test_unsupported_format_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "scan.bmp"
    Image.new("RGB", (10, 10)).save(path, format="BMP")
    with pytest.raises(MediaInvalid) as caught:
        prepare_photo(path, {}, X)
    assert str(caught.value) == (
        f"{path}: BMP images are not accepted; convert it to JPEG, PNG or WEBP."
    )


def test_broken_campaign_photo_is_exit_2(workspace) -> None:
    (workspace.folder / "campaigns/media/example.jpg").write_bytes(b"not a jpeg at all")
    result = CliRunner().invoke(cli, ["validate", "campaigns/example.toml"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: campaigns/media/example.jpg: not a readable image (broken or an unsupported "
        "format); use a JPEG or PNG photo.\n"
    )


def test_campaign_photo_prepared_without_metadata(workspace) -> None:
    photo_file = workspace.folder / "campaigns/media/example.jpg"
    photo_file.write_bytes(photo_with_gps())
    before = photo_file.read_bytes()
    prepared = prepare_campaign(workspace.campaign, workspace.settings())
    assert prepared.photo is not None
    assert not has_metadata(prepared.photo.data)
    assert photo_file.read_bytes() == before
    assert prepared.photo.alt_text == {
        "en": "Head-and-shoulders photo of a man with short dark hair.",
        "fr": "Photo d'un homme aux cheveux courts foncés.",
    }
