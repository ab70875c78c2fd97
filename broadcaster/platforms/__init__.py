"""Platform adapters. `platform_for` builds, through the registry, the adapter for one
account of one agency."""

from __future__ import annotations

from typing import TYPE_CHECKING

from broadcaster.errors import UsageInvalid

if TYPE_CHECKING:
    from broadcaster.authoring.agencies import Agency
    from broadcaster.config import Settings
    from broadcaster.platforms.base import Platform


def service_url(agency: Agency, settings: Settings) -> str | None:
    """Where this account's adapter connects: the drill override (`service_env`, loopback
    only), else the account's own service or instance, else the platform's default.

    Raises UsageInvalid when the override points anywhere but this machine."""
    from broadcaster.platforms.base import is_loopback_url
    from broadcaster.platforms.registry import adapter

    cls = adapter(agency.platform)
    override = settings.env.get(cls.service_env) if cls.service_env else None
    if override:
        if not is_loopback_url(override):
            raise UsageInvalid(
                f"{cls.service_env} is {override!r}; the {cls.name} drill server only runs "
                "on this machine (http://127.0.0.1:PORT)."
            )
        return override
    return agency.server or cls.default_service


def platform_for(agency: Agency, settings: Settings, *, timeout: float = 10.0) -> Platform:
    """The adapter for this agency's account (`agency` narrowed to one account, see
    `Agency.for_account`; a single-account agency is its own).

    Raises MissingCredentials (exit 2) naming the variables that are not set, and
    UsageInvalid when a drill URL points anywhere but this machine.
    """
    from broadcaster.platforms.registry import adapter

    cls = adapter(agency.platform)
    return cls.build(agency, settings.env, service_url(agency, settings), timeout)
