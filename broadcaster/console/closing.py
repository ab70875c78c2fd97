"""Update, resolve and cancel from the console: the same `update`, `resolve` and `cancel` as
the CLI (the same state checks, the same lease, the same audit entries), with the signed-in
officer as the operator, after they re-enter their password. The console asks for the
launcher role to resolve or cancel: both end the campaign on every agency's accounts at
once, as a launch starts it there. An update needs the approver role, as `broadcaster
update --key` does: the console signs it with its own key as `console:NAME` for the officer
(as it signs approvals, approval.py `_signing_key`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from broadcaster.console import routes
from broadcaster.console.confirm import password_problem
from broadcaster.console.uploads import Upload, keep_photo, read_upload
from broadcaster.errors import BroadcasterError, InvalidInput

if TYPE_CHECKING:
    from starlette.requests import Request

    from broadcaster.authoring.officers import Officer
    from broadcaster.campaign.lifecycle import LifecycleReport
    from broadcaster.campaign.updates import UpdateReport


async def resolve(request: Request) -> Response:
    return await _close(request, "resolve")


async def cancel(request: Request) -> Response:
    return await _close(request, "cancel")


async def _close(request: Request, action: str) -> Response:
    officer = routes.signed_in(request, "close")
    form = await routes.form_with_csrf(request)
    problem = await password_problem(request, officer, form)
    if problem is not None:
        status = 429 if "Too many" in problem else 401
        return await run_in_threadpool(
            routes.campaign_page, request, officer, problem, status, routes.typed(form)
        )
    try:
        report = await run_in_threadpool(_run, request, officer, action, form)
    except BroadcasterError as error:
        return await run_in_threadpool(
            routes.campaign_page, request, officer, error.message, 409, routes.typed(form)
        )
    return routes.render(
        request,
        "closed.html",
        200 if report.complete else 502,
        officer=officer,
        report=report,
        failures=report.failures,
    )


def _run(request: Request, officer: Officer, action: str, form: Any) -> LifecycleReport:
    from broadcaster.campaign.lifecycle import cancel, outcomes_for, resolve

    state = request.app.state
    prepared = routes.prepared_for(request, officer)  # 404 / 403 as the campaign page
    if action == "resolve":
        outcome = str(form.get("outcome") or "")
        if not outcome:  # the form has no preselected outcome: a choice, never a default
            fits = " or ".join(outcomes_for(prepared.campaign.kind))
            raise InvalidInput(f"Nothing was done: choose how the case ended ({fits}).")
        return resolve(
            state.settings,
            prepared.campaign.id,
            outcome,
            operator=officer.id,
            keep_originals=form.get("keep_originals") == "1",
            engine=state.engine,
        )
    return cancel(
        state.settings,
        prepared.campaign.id,
        str(form.get("reason") or ""),
        operator=officer.id,
        engine=state.engine,
    )


# -- a mid-case update ------------------------------------------------------------------------


async def update(request: Request) -> Response:
    officer = routes.signed_in(request, "update")
    form = await routes.form_with_csrf(request)
    problem = await password_problem(request, officer, form)
    if problem is not None:
        status = 429 if "Too many" in problem else 401
        return await run_in_threadpool(
            routes.campaign_page, request, officer, problem, status, routes.typed(form)
        )
    try:
        upload = await read_upload(form)
        report = await run_in_threadpool(_update, request, officer, form, upload)
    except BroadcasterError as error:
        return await run_in_threadpool(
            routes.campaign_page, request, officer, error.message, 409, routes.typed(form)
        )
    return routes.render(
        request,
        "updated.html",
        200 if report.complete else 502,
        officer=officer,
        report=report,
        failures=report.failures,  # old photo posts left up too, as the CLI says
    )


def _update(request: Request, officer: Officer, form: Any, upload: Upload | None) -> UpdateReport:
    """The form's notes (`note_<language>` for each language of the campaign's agencies)
    and its photo, if one was chosen, with its alt texts (`alt_<language>`), signed by the
    console for the officer, through the CLI's `post_update`."""
    from starlette.exceptions import HTTPException

    from broadcaster.authoring.approval import officers_for
    from broadcaster.campaign.updates import languages_of, post_update
    from broadcaster.console.signing import console_signer

    state = request.app.state
    if state.console_key is None:
        raise InvalidInput(
            "Nothing was done: this console cannot post an update without its signing key; "
            "start it with `broadcaster console`, which makes one."
        )
    prepared = routes.prepared_for(request, officer, full=True)  # 404 / 403 as the page
    officers = officers_for(prepared)
    registered = officers.get(officer.id)
    if registered is None or not registered.has("approver"):
        raise HTTPException(403, "This page needs the approver role.")
    notes = _by_language(form, "note", languages_of(prepared))
    # The new photo's alt texts (`alt_<language>`), required with a photo as `--alt` is:
    # post_update names a language left empty, or alt texts sent without a photo.
    alts = _by_language(form, "alt", languages_of(prepared))
    signer = console_signer(state.console_key, officers, registered, "post an update")
    return post_update(
        state.settings,
        prepared.campaign.id,
        notes,
        signer=signer,
        photo_path=keep_photo(upload, prepared.path) if upload is not None else None,
        photo_alt=alts,
        engine=state.engine,
    )


def _by_language(form: Any, field: str, languages: Any) -> dict[str, str]:
    """The form's `<field>_<language>` boxes the officer filled in, as language -> text."""
    return {
        language: str(form.get(f"{field}_{language}") or "")
        for language in languages
        if str(form.get(f"{field}_{language}") or "").strip()
    }
