"""Approving in the console: the officer re-enters their password, the console signs the
approval with its own key as `console:NAME` for that officer (approval.py `_signing_key`
says why that is trusted), through the same `approve` as the CLI, audited the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response

from broadcaster.console import routes
from broadcaster.console.confirm import password_problem
from broadcaster.errors import BroadcasterError, InvalidInput

if TYPE_CHECKING:
    from starlette.requests import Request

    from broadcaster.authoring.approval import ApprovalStatus
    from broadcaster.authoring.officers import Officer


async def approve(request: Request) -> Response:
    officer = routes.signed_in(request, "approve")
    form = await routes.form_with_csrf(request)
    problem = await password_problem(request, officer, form)
    if problem is not None:
        status = 429 if "Too many" in problem else 401
        return await run_in_threadpool(
            routes.campaign_page, request, officer, problem, status, routes.typed(form)
        )
    try:
        await run_in_threadpool(_record, request, officer)
    except BroadcasterError as error:
        return await run_in_threadpool(
            routes.campaign_page, request, officer, error.message, 409, routes.typed(form)
        )
    campaign_id = request.path_params["campaign_id"]
    return RedirectResponse(f"/campaigns/{campaign_id}#approvals", status_code=303)


def _record(request: Request, officer: Officer) -> ApprovalStatus:
    from broadcaster.authoring.approval import approve as record_approval
    from broadcaster.authoring.approval import officers_for
    from broadcaster.console.signing import console_signer

    state = request.app.state
    if state.console_key is None:
        raise InvalidInput(
            "Nothing was done: this console cannot approve without its signing key; "
            "start it with `broadcaster console`, which makes one."
        )
    prepared = routes.prepared_for(request, officer, full=True)
    officers = officers_for(prepared)
    registered = officers.get(officer.id)
    if registered is None or not registered.has("approver"):
        raise HTTPException(403, "This page needs the approver role.")
    signer = console_signer(state.console_key, officers, registered, "approve")
    return record_approval(state.engine, prepared, signer, officers)
