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


def console_signer(private_key: Ed25519PrivateKey, officers: Officers, officer: Officer) -> Signer:
    """A Signer that signs as `console:NAME` for `officer`, who has just re-entered their
    password; refused when the key is not listed in officers.toml."""
    name = officers.console_of(private_key.public_key())
    if name is None:
        public = public_line(private_key.public_key(), "console")
        raise ConsoleNotListed(
            f"this console's key is not listed in {officers.path}, so it may not sign "
            f"approvals; an admin adds these lines to it:\n{listing(public)}"
        )
    return Signer(officer, private_key, via=f"console:{name}")
