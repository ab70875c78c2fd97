"""`agencies check`: for each agency, who am I on the platform, and may these keys post?"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from broadcaster.authoring.agencies import Agency, Registry
from broadcaster.config import Settings
from broadcaster.errors import MissingCredentials, PlatformError
from broadcaster.platforms.base import Account


@dataclass(frozen=True)
class AgencyCheck:
    agency: Agency
    account: Account | None
    error: str | None  # the reason, one sentence naming the agency; None when it passed

    @property
    def ok(self) -> bool:
        return self.error is None

    def as_json(self) -> dict[str, object]:
        return {
            "agency": self.agency.key,
            "name": self.agency.name,
            "platform": self.agency.platform,
            "handle": self.agency.handle,
            "ok": self.ok,
            "account": (
                {
                    "id": self.account.id,
                    "handle": self.account.handle,
                    "name": self.account.name,
                    "followers": self.account.followers,
                }
                if self.account
                else None
            ),
            "error": self.error,
        }


def selected_agencies(registry: Registry, names: Sequence[str]) -> list[Agency]:
    """The named agencies (all when none are named); an unknown name is exit 2."""
    if not names:
        return list(registry)
    return [registry.get(name) for name in dict.fromkeys(names)]


def require_credentials(agencies: Sequence[Agency], settings: Settings) -> None:
    """Exit 2 before anything is sent when any agency lacks a credential variable."""
    problems = []
    for agency in agencies:
        missing = [name for name in agency.credential_names() if not settings.env.get(name)]
        if missing:
            problems.append(f"agency {agency.key!r}: set {', '.join(missing)}")
    if problems:
        raise MissingCredentials(
            "; ".join(problems) + f" (in the environment or {settings.env_file})."
        )


def check_one(agency: Agency, settings: Settings, *, timeout: float = 10.0) -> AgencyCheck:
    from broadcaster.platforms import platform_for

    platform = platform_for(agency, settings, timeout=timeout)
    try:
        account = platform.verify()
    except PlatformError as error:
        return AgencyCheck(agency, None, error.message)
    finally:
        platform.close()
    if account.handle.lower() != agency.handle.lower():
        return AgencyCheck(
            agency,
            account,
            f"agency {agency.key!r}: the credentials belong to {account.handle}, not "
            f"{agency.handle}; fix {agency.credentials}_X_ACCESS_TOKEN or the handle.",
        )
    if getattr(platform, "access_level", None) == "read":
        return AgencyCheck(
            agency,
            account,
            f"agency {agency.key!r}: the access token is read-only and cannot post; "
            "regenerate it with Read and Write permission.",
        )
    return AgencyCheck(agency, account, None)


def check_agencies(
    settings: Settings,
    registry: Registry,
    names: Sequence[str] = (),
    *,
    timeout: float = 10.0,
) -> list[AgencyCheck]:
    """Verify every (named) agency in parallel, in registry order.

    Raises AgenciesInvalid for an unknown name and MissingCredentials (naming the
    variables, never their values) before any request is sent.
    """
    agencies = selected_agencies(registry, names)
    require_credentials(agencies, settings)
    workers = max(1, min(32, len(agencies)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="check") as pool:
        return list(pool.map(lambda a: check_one(a, settings, timeout=timeout), agencies))
