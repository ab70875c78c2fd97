"""An admin's changes to officers.toml: adding an officer, retiring an officer's key.

Each needs the private key of an officer with the `admin` role in the registry as it is
(officers.py `identify`), and each is audited naming that admin. The one exception is the
very first officer, added while there is no registry yet (no file, or one without
officers): no one could sign for it. That officer must have the admin role, so that the
next one can be added at all. `init` writes its two drill officers directly and is not
this path.

The file changes inside the audit entry's transaction: a refused change writes neither,
and a file written whose audit entry could not be committed is put back as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from broadcaster.authoring.officers import (
    Added,
    Officers,
    Rekeyed,
    Signer,
    add_officer,
    current_registry,
    identify,
    normalize_id,
    retire_key,
)
from broadcaster.errors import PolicyRefused
from broadcaster.storage import audit
from broadcaster.storage.db import session_scope
from broadcaster.timeutil import utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

T = TypeVar("T")


class AdminRequired(PolicyRefused):
    """officers.toml already has officers, and no admin's key was given (exit 3)."""


@dataclass(frozen=True)
class Acting:
    """Who the audit names for a change to the registry."""

    operator: str  # the admin's officer id; the operating-system user for the first officer
    admin: str | None


def authorise(registry: Officers | None, admin: Signer | None, what: str, operator: str) -> Acting:
    """The admin making this change, checked again against `registry` by their key (a
    console's attestation is not an admin's key); exit 3 without one."""
    if registry is None:
        return Acting(operator, None)
    if admin is None or admin.via is not None:
        raise AdminRequired(
            f"{what} needs the key of an officer with the admin role in {registry.path}: "
            "--admin-key PATH (or set BROADCASTER_KEY)."
        )
    signer = identify(registry, admin.private_key, Path("(admin key)"), "admin")
    return Acting(signer.officer.id, signer.officer.id)


def add_officer_as(
    engine: Engine,
    path: Path,
    officer_id: str,
    *,
    admin: Signer | None,
    operator: str,
    name: str,
    agency: str,
    roles: Sequence[str],
    public_key_path: Path | None = None,
    agencies: Collection[str] | None = None,
) -> Added:
    """`officers add`: by an admin, or the first officer (who must be an admin), audited."""
    registry = current_registry(path, agencies)
    acting = authorise(registry, admin, f"adding officer {officer_id!r}", operator)
    if registry is None and "admin" not in roles:
        raise AdminRequired(
            f"{path} has no officers yet, so the first one must have the admin role "
            "(--role admin): no one else could add the next."
        )

    def change() -> Added:
        return add_officer(
            path,
            officer_id,
            name=name,
            agency=agency,
            roles=roles,
            public_key_path=public_key_path,
            agencies=agencies,
        )

    def detail(added: Added) -> dict[str, object]:
        officer = added.officer
        return {
            "officer": officer.id,
            "agency": officer.agency,
            "roles": list(officer.roles),
            "key": officer.fingerprint,
            "admin": acting.admin,
            "first_officer": registry is None,
        }

    return _audited(engine, path, acting, "officer-add", change, detail)


def retire_key_as(
    engine: Engine,
    path: Path,
    officer_id: str,
    *,
    admin: Signer | None,
    operator: str,
    public_key_path: Path | None = None,
    agencies: Collection[str] | None = None,
) -> Rekeyed:
    """`officers retire-key`: by an admin, audited. Approvals the old key signed before now
    still verify (approval.py); from now it can neither approve nor launch."""
    try:
        clean_id = normalize_id(officer_id)
    except ValueError:
        clean_id = officer_id
    registry = current_registry(path, agencies)
    if registry is None:
        raise AdminRequired(f"{path} has no officers; there is no key to retire.")
    acting = authorise(registry, admin, f"retiring the key of officer {clean_id!r}", operator)
    at = utcnow()

    def change() -> Rekeyed:
        return retire_key(path, clean_id, at=at, public_key_path=public_key_path, agencies=agencies)

    def detail(done: Rekeyed) -> dict[str, object]:
        return {
            "officer": done.officer.id,
            "retired_key": done.retired.fingerprint,
            "retired": at.isoformat(timespec="microseconds"),
            "key": done.officer.fingerprint,
            "admin": acting.admin,
        }

    return _audited(engine, path, acting, "officer-retire-key", change, detail)


def _audited(
    engine: Engine,
    path: Path,
    acting: Acting,
    action: str,
    change: Callable[[], T],
    detail: Callable[[T], dict[str, object]],
) -> T:
    with _restored_on_error(path), session_scope(engine, immediate=True) as session:
        done = change()
        audit.record(
            session, operator=acting.operator, action=action, campaign_id=None, detail=detail(done)
        )
    return done


@contextmanager
def _restored_on_error(path: Path) -> Iterator[None]:
    """Put officers.toml back as it was if the audit entry is not committed."""
    before = path.read_bytes() if path.exists() else None
    try:
        yield
    except BaseException:
        current = path.read_bytes() if path.exists() else None
        if current != before:
            if before is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(before)
        raise
