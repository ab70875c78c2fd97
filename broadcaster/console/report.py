"""The reach report inside the console: the same HTML `broadcaster report --format html`
writes, from the same `build_report` and `render_html`.

That document is self-contained, so it styles itself inline (a <style> block, the label
bars' widths, matplotlib's chart) and carries its photo as a data: URI. Rather than allow
'unsafe-inline' styles, this page's policy lists the SHA-256 of each inline style it
actually holds, computed from the document served: a style injected anywhere else still
does not apply, and there is still no script at all (script-src 'none')."""

from __future__ import annotations

import base64
import hashlib
import html
import re

from markupsafe import escape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from broadcaster.console import routes
from broadcaster.console.tips import scope
from broadcaster.errors import BroadcasterError

_STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
# The file report's follow-up hint (the command line): inside the console, the tips page's
# button does it, so the hint points there and keeps the command second.
_FOLLOW_UP_HINT = re.compile(r"Mark one handled with (<code>[^<]*--followed-up[^<]*</code>)\.")
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')


def policy_for(document: str) -> str:
    """A CSP for `document`: nothing but its own inline styles (by hash), images from the
    console or inline, no script, no frame, no form anywhere else."""
    blocks = {m.group(1) for m in _STYLE_BLOCK.finditer(document)}
    attributes = {html.unescape(m.group(1)) for m in _STYLE_ATTRIBUTE.finditer(document)}
    hashes = " ".join(sorted(f"'sha256-{_digest(s)}'" for s in blocks | attributes))
    unsafe_hashes = " 'unsafe-hashes'" if attributes else ""
    return (
        f"default-src 'none'; script-src 'none'; style-src 'self'{unsafe_hashes} {hashes}; "
        "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )


def _digest(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def _document(request: Request, campaign_id: str) -> str:
    from broadcaster.responses.report import build_report, render_html

    state = request.app.state
    report = build_report(state.engine, campaign_id, settings=state.settings, with_photo=True)
    document = render_html(report)
    back = (
        f'<p><a href="/campaigns/{escape(campaign_id)}">Back to campaign '
        f"{escape(campaign_id)} in the console</a></p>"
    )
    tips = f"/campaigns/{escape(campaign_id)}/tips"
    document = _FOLLOW_UP_HINT.sub(
        lambda found: (
            f'Mark one handled with its <a href="{tips}">Followed up</a> button on the tips '
            f"page (on the command line: {found.group(1)})."
        ),
        document,
        count=1,
    )
    return document.replace("<body>", "<body>\n" + back, 1)


async def page(request: Request) -> Response:
    officer = routes.signed_in(request, "report")
    campaign_id = await run_in_threadpool(scope, request, officer)
    try:
        document = await run_in_threadpool(_document, request, campaign_id)
    except BroadcasterError as error:
        return routes.render(
            request, "problem.html", 404, officer=officer, problem=error.message, title="Report"
        )
    return HTMLResponse(document, headers={"content-security-policy": policy_for(document)})
