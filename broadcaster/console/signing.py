"""The console's own signing key, and the approval it signs for an officer who re-entered
their password (why that is trusted, and only when listed: approval.py `_signing_key`).

The key is an OpenSSH Ed25519 private key in `keys/console` beside officers.toml (or the
file BROADCASTER_CONSOLE_KEY names), 0600, made on the console's first start. It is never
in the database: partner agencies' workers read the database, and a key there would let
any of them forge a console approval."""

from __future__ import annotations

from typing import TYPE_CHECKING

from broadcaster.authoring.officers import Signer, public_line
from broadcaster.errors import InvalidInput

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from broadcaster.authoring.officers import Officer, Officers


class ConsoleNotListed(InvalidInput):
    """The console's key is not a [console] of officers.toml: it may not attest approvals."""


def listing(public: str, name: str = "centre") -> str:
    """The lines an admin adds to officers.toml so that this console may attest approvals."""
    return f'[console.{name}]\nkey = "{public}"'


def setup_problem(private_key: Ed25519PrivateKey | None, officers: Officers) -> str | None:
    """What keeps this console from signing for its officers (None: nothing): no key, or a
    key not yet listed in officers.toml, with the lines an admin adds."""
    if private_key is None:
        return (
            "This console has no signing key, so it cannot sign approvals or updates for "
            "its officers; start it with `broadcaster console`, which makes one."
        )
    if officers.console_of(private_key.public_key()) is not None:
        return None
    public = public_line(private_key.public_key(), "console")
    return (
        f"This console's key is not listed in {officers.path}, so it cannot sign approvals "
        f"or updates for its officers yet; an admin adds these lines to it:\n"
        f"{listing(public)}"
    )


def console_signer(
    private_key: Ed25519PrivateKey, officers: Officers, officer: Officer, action: str
) -> Signer:
    """A Signer that signs as `console:NAME` for `officer`, who has just re-entered their
    password; refused, naming `action` (`approve`, `post an update`), when the key is not
    listed in officers.toml."""
    name = officers.console_of(private_key.public_key())
    if name is None:
        public = public_line(private_key.public_key(), "console")
        raise ConsoleNotListed(
            f"Nothing was done: this console cannot {action} yet, because its key is not "
            f"listed in {officers.path}; an admin adds these lines to it, then try again:\n"
            f"{listing(public)}"
        )
    return Signer(officer, private_key, via=f"console:{name}")
