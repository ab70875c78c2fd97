"""Platform adapters. `platform_for` builds the adapter for one agency."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from broadcaster.agencies import Agency
    from broadcaster.config import Settings
    from broadcaster.platforms.base import Platform


def platform_for(agency: Agency, settings: Settings) -> Platform:
    """The adapter for this agency's account (x, or sandbox: the same X code on loopback)."""
    raise NotImplementedError("filled in by the X adapter (issue 3)")
