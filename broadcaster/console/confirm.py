"""Re-entering the password before an action that counts (approve, resolve, cancel): the
same argon2 check as the sign-in, and the same limit on attempts, so a session left open on
a desk cannot approve or take a campaign down."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool

from broadcaster.authoring.officers import check_password, load_officers_beside

if TYPE_CHECKING:
    from starlette.requests import Request

    from broadcaster.authoring.officers import Officer

WRONG = "Wrong password; nothing was done."
TOO_MANY = "Too many password attempts for this officer; wait a minute and try again."


async def password_problem(request: Request, officer: Officer, password: str) -> str | None:
    """None when `password` is the signed-in officer's own; else the sentence to show."""
    client = request.client.host if request.client else "unknown"
    if not request.app.state.limiter.allow(f"officer:{officer.id}", f"client:{client}"):
        return TOO_MANY
    registry = await run_in_threadpool(
        load_officers_beside, request.app.state.settings.agencies_path
    )
    checked = (
        await run_in_threadpool(check_password, registry, officer.id, password)
        if password
        else None
    )
    return None if checked is not None and checked.id == officer.id else WRONG
