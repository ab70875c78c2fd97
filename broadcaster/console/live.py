"""The launch board, live while the launch fires: per agency and account, its launch
post's state (armed, ready — an agency worker's preflight done —, sending, posted with its
link, failed with its reason, held for its agency's approval, missing — an agency worker
that never came), and the spread, from the same journal `broadcaster status` reads; then
every later post of the campaign under its heading (scheduled reposts, update N, the
resolve's update or the correction, history.py), so the board stays the whole story.

The page is rendered whole on the server (it reads without script); a script file (no
inline script: the page's policy allows 'self' scripts and connections only) follows
`/live/events`, a server-sent-event stream that sends the board again whenever the
journal changes and ends when nothing is left in flight."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response, StreamingResponse

from broadcaster.console import routes
from broadcaster.console.history import SHOWN, grouped, post_row
from broadcaster.console.tips import scope
from broadcaster.states import CampaignState, PostState

if TYPE_CHECKING:
    from starlette.requests import Request

# A planned post of an armed agency, as its worker stands (campaign/status.py).
WORKER_SHOWN = {"ready": "ready", "missing": "missing"}
IN_FLIGHT = {PostState.PLANNED, PostState.SENDING, PostState.UNKNOWN}
SETTLED = {
    CampaignState.LAUNCHED,
    CampaignState.PARTIAL,
    CampaignState.RESOLVED,
    CampaignState.CANCELLED,
    CampaignState.EXPIRED,
}
POLL = 0.25  # seconds between reads of the journal while the stream is open
LIFETIME = 3600.0  # a stream ends after this long; the browser reconnects if still open
KEEPALIVE = 15.0  # a comment line this often, so proxies keep an idle stream open
# The live page alone may run a script, and only the console's own file.
LIVE_CSP = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
    "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def board(request: Request, campaign_id: str) -> dict[str, Any]:
    from broadcaster.campaign.status import campaign_status

    status = campaign_status(request.app.state.engine, campaign_id)
    # An armed agency's worker reports ready (preflight done) or never comes (missing).
    workers = {entry["agency"]: entry["state"] for entry in status.get("armed", [])}
    # Every post of the campaign, the alert's first, then its reposts, updates and the
    # resolve's or cancel's posts, each under its group's heading (history.py).
    rows = [
        post_row(
            post,
            WORKER_SHOWN.get(workers.get(post["agency"], ""), SHOWN[PostState.PLANNED])
            if post["state"] == PostState.PLANNED and post["occurrence"] == "launch"
            else None,
        )
        for post in status["posts"]
    ]
    launch = [r for r, p in zip(rows, status["posts"], strict=True) if p["occurrence"] == "launch"]
    in_flight = any(post["state"] in IN_FLIGHT for post in status["posts"])
    return {
        "campaign": status["campaign"],
        "state": status["state"],
        "launched_at": status["launched_at"],
        "spread_ms": status["spread_ms"],
        "awaiting_approval": status["awaiting_approval"],
        "posts": rows,
        "counts": {
            s: sum(1 for r in launch if r["state"] == s)
            for s in dict.fromkeys([*SHOWN.values(), *WORKER_SHOWN.values()])
        },
        "done": status["state"] in SETTLED and not in_flight,
    }


def page(request: Request) -> Response:
    officer = routes.signed_in(request, "live")
    campaign_id = scope(request, officer)
    shown = board(request, campaign_id)
    response = routes.render(
        request, "live.html", officer=officer, board=shown, groups=grouped(shown["posts"])
    )
    response.headers["content-security-policy"] = LIVE_CSP
    return response


async def events(request: Request) -> Response:
    officer = routes.signed_in(request, "live")
    campaign_id = await run_in_threadpool(scope, request, officer)
    state = request.app.state
    poll = getattr(state, "live_poll", POLL)
    lifetime = getattr(state, "live_lifetime", LIFETIME)
    return StreamingResponse(
        _stream(request, campaign_id, poll, lifetime),
        media_type="text/event-stream",
        headers={"x-accel-buffering": "no"},  # nginx: pass each event on at once
    )


async def _stream(
    request: Request, campaign_id: str, poll: float, lifetime: float
) -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    started = last_sent = loop.time()
    previous = None
    yield "retry: 2000\n\n"
    while loop.time() - started < lifetime:
        current = await run_in_threadpool(board, request, campaign_id)
        encoded = json.dumps(current, sort_keys=True, ensure_ascii=True)
        if encoded != previous:
            previous, last_sent = encoded, loop.time()
            yield f"event: board\ndata: {encoded}\n\n"
        elif loop.time() - last_sent > KEEPALIVE:
            last_sent = loop.time()
            yield ": still here\n\n"
        if current["done"]:
            yield "event: done\ndata: {}\n\n"
            return
        # A browser that went away ends the stream at the next send (Starlette stops the
        # generator), at the latest at the keep-alive.
        await asyncio.sleep(poll)
