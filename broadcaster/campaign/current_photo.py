"""The photo a campaign shows now: see broadcaster/launch/current_photo.py, where it lives so
that `launch` and the armed agencies' workers (below campaign/) post it too."""

from __future__ import annotations

from broadcaster.launch.current_photo import PhotoGone, current_photo, replacing_update

__all__ = ["PhotoGone", "current_photo", "replacing_update"]
