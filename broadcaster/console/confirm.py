"""Re-entering the password before an action that counts (approve, update, resolve,
cancel): the same argon2 check as the sign-in, the officer's TOTP code too when they are
enrolled, and the same limit on failed attempts, so a session left open on a desk cannot
approve or take a campaign down."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool

from broadcaster.authoring.officers import check_password, load_officers_beside
from broadcaster.authoring.totp import second_factor_holds
from broadcaster.console.routes import attempt_keys
from broadcaster.timeutil import utcnow

if TYPE_CHECKING:
    from starlette.requests import Request

    from broadcaster.authoring.officers import Officer

WRONG = "Wrong password; nothing was done."
WRONG_CODE = (
    "Wrong or already used authenticator code; nothing was done (each code is accepted "
    "once: wait for the next one)."
)
TOO_MANY = "Too many password attempts for this officer; wait a minute and try again."


async def password_problem(request: Request, officer: Officer, form: Any) -> str | None:
    """None when the form's `password` (and `code`, for an officer enrolled in TOTP) are
    the signed-in officer's own; else the sentence to show. Only a failure counts against
    the limit."""
    password = str(form.get("password") or "")
    limiter = request.app.state.limiter
    keys = attempt_keys(request, officer.id)
    mark = limiter.allow(*keys)
    if mark is None:
        return TOO_MANY
    registry = await run_in_threadpool(
        load_officers_beside, request.app.state.settings.agencies_path
    )
    checked = (
        await run_in_threadpool(check_password, registry, officer.id, password)
        if password
        else None
    )
    if checked is None or checked.id != officer.id:
        return WRONG
    code = str(form.get("code") or "")
    if not await run_in_threadpool(second_factor_holds, registry, checked, code, utcnow()):
        return WRONG_CODE
    limiter.succeeded(mark, *keys)
    return None
