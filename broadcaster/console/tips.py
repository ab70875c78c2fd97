"""The tips inbox: tips first, each with triage's reasons; a flood (replies of one
template) collapsed to one line with its size; follow-up and relabel buttons that call the
same `mark_followed_up` and `relabel` as `broadcaster tips`, as the signed-in officer,
audited the same. Any officer of a campaign's agency may triage it, as on the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response

from broadcaster.console import routes
from broadcaster.errors import BroadcasterError

if TYPE_CHECKING:
    from starlette.requests import Request

    from broadcaster.authoring.officers import Officer
    from broadcaster.responses.tips import Response as Reply

SHOWN = 500  # replies read for one page, tips first: the first screen, not the thread


@dataclass(frozen=True)
class Line:
    reply: Reply
    flood_size: int = 0  # > 0: this reply stands for its whole flood cluster


def scope(request: Request, officer: Officer) -> str:
    """The campaign id, once the officer may see it (404 / 403 as the campaign page)."""
    try:
        routes.prepared_for(request, officer)
    except BroadcasterError as error:
        if not officer.has("admin"):
            raise HTTPException(403, error.message) from None
    return str(request.path_params["campaign_id"])


def lines(request: Request, campaign_id: str) -> list[Line]:
    from broadcaster.responses.tips import responses
    from broadcaster.responses.triage.clusters import floods

    state = request.app.state
    sizes = {f.key: f.size for f in floods(state.engine, campaign_id)}
    shown: list[Line] = []
    seen: set[str] = set()
    for reply in responses(state.engine, campaign_id, limit=SHOWN, settings=state.settings):
        key = reply.flood_key
        if key is not None and sizes.get(key, 0) > 1:
            if key in seen:
                continue
            seen.add(key)
            shown.append(Line(reply, sizes[key]))
        else:
            shown.append(Line(reply))
    return shown


def page(request: Request) -> Response:
    from broadcaster.responses.tips import LABELS, count_responses

    officer = routes.signed_in(request, "tips")
    campaign_id = scope(request, officer)
    try:
        shown = lines(request, campaign_id)
    except BroadcasterError as error:
        return routes.render(
            request, "problem.html", 404, officer=officer, problem=error.message, title="Tips"
        )
    engine = request.app.state.engine
    counts = {label: count_responses(engine, campaign_id, label) for label in LABELS}
    return routes.render(
        request,
        "tips.html",
        officer=officer,
        campaign_id=campaign_id,
        lines=shown,
        labels=LABELS,
        counts=counts,
        limit=SHOWN,
    )


async def relabel(request: Request) -> Response:
    from broadcaster.responses.tips import relabel as record_relabel

    officer = routes.signed_in(request, "relabel")
    form = await routes.form_with_csrf(request)
    campaign_id = await run_in_threadpool(scope, request, officer)
    reply, label = str(form.get("reply") or ""), str(form.get("label") or "")
    engine = request.app.state.engine
    await _run(record_relabel, engine, campaign_id, reply, label, officer.id)
    return RedirectResponse(f"/campaigns/{campaign_id}/tips", status_code=303)


async def followed_up(request: Request) -> Response:
    from broadcaster.responses.tips import mark_followed_up

    officer = routes.signed_in(request, "relabel")
    form = await routes.form_with_csrf(request)
    campaign_id = await run_in_threadpool(scope, request, officer)
    reply = str(form.get("reply") or "")
    engine = request.app.state.engine
    await _run(mark_followed_up, engine, campaign_id, reply, officer.id)
    return RedirectResponse(f"/campaigns/{campaign_id}/tips", status_code=303)


async def _run(action: object, *args: object) -> None:
    """The core action in the pool; its refusal (no such reply, not a label) is a 422 page
    with its sentence."""
    try:
        await run_in_threadpool(action, *args)  # type: ignore[arg-type]
    except BroadcasterError as error:
        raise HTTPException(422, error.message) from None
