"""Where notifications go: the centre's URLs (BROADCASTER_NOTIFY, space-separated) and each
agency desk's (`notify = [...]` in agencies.toml).

`${VAR}` in a URL is filled from the environment or `.env` when it is used, so secrets
never sit in a file that travels. A destination is known in the database by a fingerprint
of its URL and shown by a redacted form: neither reveals a token.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from broadcaster.errors import InvalidInput

if TYPE_CHECKING:
    from broadcaster.authoring.agencies import Registry

CENTRE = "centre"
CENTRE_VARIABLE = "BROADCASTER_NOTIFY"
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class DestinationInvalid(InvalidInput):
    """A notification URL names a variable that is not set, or is not a URL."""


@dataclass(frozen=True)
class Destination:
    """One apprise URL, resolved. `url` may hold secrets: never print or store it."""

    audience: str  # CENTRE, or the agency key whose desk it is
    url: str = field(repr=False)
    secrets: tuple[str, ...] = field(default=(), repr=False)  # the values filled in

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.url)

    @property
    def label(self) -> str:
        """For output: whose desk, and the URL's scheme and host with secrets masked."""
        who = "centre" if self.audience == CENTRE else f"agency {self.audience}"
        return f"{who} ({redact(self.url, self.secrets)})"

    def scrub(self, text: str) -> str:
        """`text` (an error a service returned, say) with this URL's secrets masked."""
        for secret in (*self.secrets, self.url):
            if secret:
                text = text.replace(secret, "***")
        return text


@functools.lru_cache(maxsize=256)
def fingerprint(url: str) -> str:
    """What the database knows a destination by. The URL may hold a weak password, so the
    hash is scrypt's (a guess costs tens of milliseconds), not a bare sha256."""
    return hashlib.scrypt(
        url.encode("utf-8"), salt=b"broadcaster-notify-destination", n=2**14, r=8, p=1, dklen=16
    ).hex()


def redact(url: str, secrets: Iterable[str] = ()) -> str:
    """scheme://host/… with any password, filled-in value and query left out."""
    from urllib.parse import urlsplit

    for secret in secrets:
        if secret:
            url = url.replace(secret, "***")
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return url.split("://", 1)[0] + "://…"
    more = "/…" if parts.path.strip("/") else ""
    return f"{parts.scheme}://{host}{port}{more}"


def resolve(audience: str, template: str, env: Mapping[str, str], where: str) -> Destination:
    """`template` with each `${VAR}` filled from `env`; DestinationInvalid names the one
    missing and where the URL was written."""
    used: list[str] = []

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        value = env.get(name)
        if not value:
            raise DestinationInvalid(
                f"{where}: a notification URL uses ${{{name}}}, which is not set; "
                f"set {name} in the environment or .env."
            )
        used.append(value)
        return value

    url = _VARIABLE.sub(fill, template)
    if "://" not in url:
        raise DestinationInvalid(
            f"{where}: {url.split(' ')[0][:20]!r}… is not an apprise URL "
            "(like ntfys://ntfy.example.org/tips or json://host/path)."
        )
    return Destination(audience, url, tuple(used))


def usable_destinations(
    registry: Registry, env: Mapping[str, str]
) -> tuple[list[Destination], list[str]]:
    """The destinations that resolve, and a sentence for each that does not: tracking
    goes on without them (`notify test` says the same sentences and exits 2)."""
    found: dict[str, Destination] = {}
    problems: list[str] = []
    sources: list[tuple[str, str, str]] = [
        (CENTRE, t, CENTRE_VARIABLE) for t in (env.get(CENTRE_VARIABLE) or "").split()
    ]
    sources += [
        (a.key, t, f"{registry.path}: agency {a.key!r} notify") for a in registry for t in a.notify
    ]
    for audience, template, where in sources:
        try:
            destination = resolve(audience, template, env, where)
        except DestinationInvalid as error:
            problems.append(error.message)
            continue
        found.setdefault(destination.fingerprint, destination)
    return list(found.values()), problems
