"""Platform adapters. `platform_for` builds the adapter for one agency."""

from __future__ import annotations

from typing import TYPE_CHECKING

from broadcaster.errors import UsageInvalid

if TYPE_CHECKING:
    from broadcaster.authoring.agencies import Agency
    from broadcaster.config import Settings
    from broadcaster.platforms.base import Platform


def platform_for(agency: Agency, settings: Settings, *, timeout: float = 10.0) -> Platform:
    """The adapter for this agency's account (x, or sandbox: the same X code on loopback).

    Raises MissingCredentials (exit 2) naming the variables that are not set, and
    UsageInvalid when BROADCASTER_SANDBOX_URL points anywhere but this machine.
    """
    from broadcaster.platforms.x import XPlatform, is_loopback_url

    credentials = agency.credentials_from(settings.env)
    if agency.platform == "x":
        return XPlatform(agency, credentials, timeout=timeout)
    if agency.platform == "sandbox":
        url = settings.sandbox_url
        if not is_loopback_url(url):
            raise UsageInvalid(
                f"BROADCASTER_SANDBOX_URL is {url!r}; the sandbox only runs on this machine "
                "(http://127.0.0.1:PORT)."
            )
        return XPlatform(agency, credentials, base_url=url, timeout=timeout)
    raise UsageInvalid(f"agency {agency.key!r}: no adapter for platform {agency.platform!r}.")
