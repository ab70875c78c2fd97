"""`agencies check`: for each agency, who am I on the platform, and may these keys post?"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from broadcaster.authoring.agencies import Agency, Registry
from broadcaster.config import Settings
from broadcaster.errors import MissingCredentials, PlatformError, ServerError, UsageInvalid
from broadcaster.platforms.base import Account
from broadcaster.retry import RetryPolicy, call_with_retries

# How long `agencies check` waits for a sandbox that is not listening yet: the README's drill
# starts `sandbox serve &` on the line before, and the server needs a moment to bind.
SANDBOX_START_WAIT = 5.0
SANDBOX_START = RetryPolicy(attempts=100, base_delay=0.1, max_delay=0.25, jitter=False)


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
    """Each account of the named agencies (all when none are named), as agencies narrowed
    to it; an unknown name is exit 2."""
    chosen = list(registry) if not names else [registry.get(n) for n in dict.fromkeys(names)]
    return [account for agency in chosen for account in agency.each_account()]


def require_credentials(agencies: Sequence[Agency], settings: Settings) -> None:
    """Exit 2 before anything is sent when any agency lacks a credential variable."""
    problems = []
    for agency in agencies:
        missing = [name for name in agency.credential_names() if not settings.env.get(name)]
        if missing:
            problems.append(f"{agency.label}: set {', '.join(missing)}")
    if problems:
        raise MissingCredentials(
            "; ".join(problems) + f" (in the environment or {settings.env_file})."
        )


def sandbox_unreachable(url: str) -> str:
    """The one sentence for a sandbox nobody is listening on: which URL, and what to do."""
    return (
        f"nothing is listening at {url} (the sandbox); start it with "
        "`broadcaster sandbox serve`, or, if it runs on another port, set "
        "BROADCASTER_SANDBOX_URL=http://127.0.0.1:PORT."
    )


def ensure_sandbox(
    settings: Settings,
    agencies: Sequence[Agency],
    *,
    wait: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """When any of `agencies` is on the sandbox, make sure something listens at its URL,
    waiting up to `wait` seconds for one that is starting (`on_wait` hears it once).

    Raises ServerError (exit 4) with one sentence naming the URL rather than one
    "cannot connect" per agency."""
    from broadcaster.platforms.registry import adapter

    if any(adapter(a.platform).service_env == "BROADCASTER_SANDBOX_URL" for a in agencies):
        ensure_sandbox_listening(settings, wait=wait, on_wait=on_wait, sleep=sleep)


def ensure_sandbox_listening(
    settings: Settings,
    *,
    wait: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Something listens at BROADCASTER_SANDBOX_URL (within `wait` seconds), or one
    ServerError (exit 4) naming the URL."""
    url = settings.sandbox_url
    parts = urlsplit(url)
    if not parts.hostname:
        raise UsageInvalid(f"BROADCASTER_SANDBOX_URL is {url!r}; use http://127.0.0.1:PORT.")
    address = (parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    told = False

    def connect() -> None:
        nonlocal told
        try:
            socket.create_connection(address, timeout=1.0).close()
        except OSError:
            if wait > 0 and not told and on_wait is not None:
                on_wait(f"waiting up to {wait:g} s for the sandbox at {url} to start…")
            told = True
            raise ServerError(sandbox_unreachable(url)) from None

    policy = SANDBOX_START if wait > 0 else RetryPolicy(attempts=1)
    call_with_retries(connect, policy, deadline=time.monotonic() + wait, sleep=sleep)


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
            f"{agency.label}: the credentials belong to {account.handle}, not "
            f"{agency.handle}; fix {' / '.join(agency.credential_names()[-2:])} or the handle.",
        )
    if getattr(platform, "access_level", None) == "read":
        return AgencyCheck(
            agency,
            account,
            f"{agency.label}: the access token is read-only and cannot post; "
            "regenerate it with Read and Write permission.",
        )
    return AgencyCheck(agency, account, None)


def check_agencies(
    settings: Settings,
    registry: Registry,
    names: Sequence[str] = (),
    *,
    timeout: float = 10.0,
    wait: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> list[AgencyCheck]:
    """Verify every (named) agency in parallel, in registry order.

    Raises AgenciesInvalid for an unknown name and MissingCredentials (naming the
    variables, never their values) before any request is sent; a sandbox not listening
    after `wait` seconds (SANDBOX_START_WAIT) is one ServerError naming its URL.
    """
    agencies = selected_agencies(registry, names)
    require_credentials(agencies, settings)
    wait = SANDBOX_START_WAIT if wait is None else wait
    ensure_sandbox(settings, agencies, wait=wait, on_wait=on_wait)
    workers = max(1, min(32, len(agencies)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="check") as pool:
        return list(pool.map(lambda a: check_one(a, settings, timeout=timeout), agencies))
