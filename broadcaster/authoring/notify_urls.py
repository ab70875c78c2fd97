"""Notification URLs written in agencies.toml: refused when they hold a literal secret.

agencies.toml travels between agencies, so a desk's apprise URL there names its secrets as
`${VAR}` (filled from the environment or `.env` when it is used, broadcaster/notify/) and
never writes them out. This check is a heuristic on purpose: a password in the URL, a
query parameter named like a secret, or a path part or host that looks like a token
(long, letters and digits mixed: Slack, Discord, Teams and Telegram put theirs there).
The sentence never repeats the secret: only the URL's scheme is shown.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

_VARIABLE = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}")
_SECRET_NAME = re.compile(r"pass|token|secret|key|auth|sig", re.IGNORECASE)
_TOKEN_PART = re.compile(r"^[A-Za-z0-9_\-]{16,}$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _literal(value: str) -> str:
    """`value` with its `${VAR}` references removed: what is written out in the file."""
    return _VARIABLE.sub("", value)


def _looks_like_token(part: str) -> bool:
    part = _literal(part)
    return (
        bool(_TOKEN_PART.match(part))
        and any(c.isdigit() for c in part)
        and any(c.isalpha() for c in part)
    )


def secret_problem(url: str) -> str | None:
    """Why `url` cannot be written in a file that travels, or None when it can."""
    if not _SCHEME.match(url):
        return "is not an apprise URL like ntfys://ntfy.example.org/tips or json://host/path"
    # ${VAR} stays out of the parse: its braces are no part of a URL.
    parts = urlsplit(_VARIABLE.sub("VAR", url))
    shown = f"the {url.split('://', 1)[0]}:// URL"
    fix = (
        "; put the secret in the environment or .env and write ${NAME} in its place "
        "(agencies.toml travels between agencies)"
    )
    if parts.password and parts.password != "VAR":
        return f"{shown} holds a password{fix}"
    for name, value in parse_qsl(parts.query):
        if _SECRET_NAME.search(name) and value and value != "VAR":
            return f"{shown} holds a secret in its {name!r} parameter{fix}"
    # The netloc in pieces: Telegram's bot token sits there as "id:secret".
    segments = [*re.split(r"[@:.]", parts.netloc), *parts.path.split("/")]
    if any(_looks_like_token(part) for part in segments if part and part != "VAR"):
        return f"{shown} holds what looks like a token{fix}"
    return None
