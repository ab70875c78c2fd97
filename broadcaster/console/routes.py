"""The console's pages. Each one checks the session and the officer's role first, then
calls the same core functions as the CLI and renders a template (autoescaped: campaign
text, partner agencies' wording and every stranger's words are shown as text).

Pages are plain functions, which Starlette runs in its thread pool, so one slow page (a
large campaign being prepared) never holds up another officer's; the forms read their body
asynchronously and hash passwords in the pool too."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import defaultdict, deque
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates

from broadcaster.authoring.officers import ROLES, check_password, load_officers_beside
from broadcaster.authoring.totp import second_factor_holds
from broadcaster.console import registries
from broadcaster.console.text import post_id, stranger
from broadcaster.console.when import when
from broadcaster.errors import BroadcasterError, CampaignNotFound, InvalidInput
from broadcaster.timeutil import utcnow

if TYPE_CHECKING:
    from datetime import datetime

    from starlette.requests import Request

    from broadcaster.authoring.officers import Officer, Officers
    from broadcaster.authoring.prepare import PreparedCampaign

templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True
    )
)
templates.env.filters["stranger"] = stranger
templates.env.filters["when"] = when


templates.env.filters["post_id"] = post_id  # the result pages show `remote_id` | post_id

# Who may open what: every route names the roles that may use it.
ANY_OFFICER = ROLES
ROUTE_ROLES: dict[str, tuple[str, ...]] = {
    "campaigns": ANY_OFFICER,
    "campaign": ANY_OFFICER,  # and only the campaign's agencies, or an admin
    "officers": ("admin",),
    "approve": ("approver",),
    "tips": ANY_OFFICER,
    "relabel": ANY_OFFICER,
    "report": ANY_OFFICER,
    "live": ANY_OFFICER,
    "close": ("launcher",),  # resolve and cancel, as `broadcaster resolve` needs
    "update": ("approver",),  # a mid-case update, signed as `broadcaster update --key` is
}
ATTEMPTS = 5  # sign-in attempts per officer and per client...
WINDOW = timedelta(minutes=1)  # ...in this long
SWEEP_AT = 4096  # keys remembered before the stale ones are swept
WRONG_SIGN_IN = "Wrong officer id, password or code."


class Limiter:
    """Failed sign-in and password attempts in the last minute, per officer id and per
    client address.

    An attempt is counted when it starts (so that many at once, while the passwords are
    being hashed, still meet the limit) and forgiven when it succeeds: officers who sign
    in and confirm all day never lock themselves out, only wrong passwords count."""

    def __init__(self, attempts: int = ATTEMPTS, window: timedelta = WINDOW) -> None:
        self.attempts = attempts
        self.window = window
        self._seen: dict[str, deque[datetime]] = defaultdict(deque)

    def allow(self, *keys: str) -> datetime | None:
        """Count one attempt under each key and return its mark for `succeeded`; None when
        one of the keys is over its limit already (a refused attempt is not counted: a
        client that is shut out cannot fill memory with made-up officer ids)."""
        now = utcnow()
        if len(self._seen) > SWEEP_AT:  # forget every key with no attempt inside the window
            for key in [k for k, v in self._seen.items() if not v or v[-1] <= now - self.window]:
                del self._seen[key]
        for key in keys:
            seen = self._seen.get(key)
            while seen and seen[0] <= now - self.window:
                seen.popleft()
            if seen is not None and not seen:
                del self._seen[key]
        if any(len(self._seen.get(key, ())) >= self.attempts for key in keys):
            return None
        for key in keys:
            self._seen[key].append(now)
        return now

    def succeeded(self, mark: datetime, *keys: str) -> None:
        """The attempt counted at `mark` was right: it no longer counts."""
        for key in keys:
            seen = self._seen.get(key)
            if seen is not None and mark in seen:
                seen.remove(mark)
                if not seen:
                    del self._seen[key]


def attempt_keys(request: Request, officer_id: str) -> tuple[str, str]:
    """The limiter's keys of an attempt: the officer's id, and the client's address."""
    client = request.client.host if request.client else "unknown"
    return f"officer:{officer_id.casefold()}", f"client:{client}"


# -- sessions and forms ------------------------------------------------------------------


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def form_with_csrf(request: Request) -> Any:
    """The posted form, or 403 when its `csrf` field is not this session's token."""
    form = await request.form()
    sent = form.get("csrf")
    expected = request.session.get("csrf")
    if not (isinstance(sent, str) and isinstance(expected, str)):
        raise HTTPException(403, "This form has no valid CSRF token; reload the page.")
    if not hmac.compare_digest(sent.encode(), expected.encode()):
        raise HTTPException(403, "This form has no valid CSRF token; reload the page.")
    return form


def typed(form: Any) -> dict[str, str]:
    """What the officer typed or chose in a refused form (an update's notes and its new
    photo's alt texts, a cancel's reason, a resolve's outcome and keep-originals box), to
    put back in it: never the password or the code."""
    kept = ("reason", "outcome", "keep_originals")
    return {
        key: str(value)
        for key, value in form.items()
        if isinstance(value, str) and (key.startswith(("note_", "alt_")) or key in kept)
    }


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("officer", None)
    context["csrf"] = csrf_token(request)
    return templates.TemplateResponse(request, name, context, status_code=status)


def signed_in(request: Request, route: str) -> Officer:
    """The officer of this session, re-read from the registry (a removed officer, or a role
    taken away, takes effect at once); 403 without the route's role."""
    officer_id = request.session.get("officer")
    if not isinstance(officer_id, str):
        raise _SignIn()
    registry = registries.officers(request.app.state.settings.agencies_path)
    officer = registry.get(officer_id)
    if officer is None or request.session.get("password") != password_mark(registry, officer):
        request.session.clear()  # gone from the registry, or the password changed since
        raise _SignIn()
    if not any(officer.has(role) for role in ROUTE_ROLES[route]):
        raise HTTPException(403, f"This page needs the {' or '.join(ROUTE_ROLES[route])} role.")
    return officer


def password_mark(registry: Officers, officer: Officer) -> str | None:
    """A short digest of the officer's current password hash and TOTP secret: a session
    made with an older password or second factor (or one since removed) no longer matches.
    Neither ever leaves the server, not even signed in the cookie."""
    from broadcaster.authoring.officers import passwd_path, read_credentials

    stored = read_credentials(passwd_path(registry.path)).get(officer.id)
    if stored is None:
        return None
    return hashlib.sha256(f"{stored.hash} {stored.totp or ''}".encode()).hexdigest()[:16]


def has_totp(officers: Officers, officer: Officer) -> bool:
    """Whether the officer is enrolled in TOTP (their forms then ask for the code)."""
    from broadcaster.authoring.officers import passwd_path, read_credentials

    found = read_credentials(passwd_path(officers.path)).get(officer.id)
    return found is not None and found.totp is not None


class _SignIn(HTTPException):
    def __init__(self) -> None:
        super().__init__(303, headers={"location": "/login"})


# -- pages -------------------------------------------------------------------------------


def login_form(request: Request) -> Response:
    return render(request, "login.html")


async def login(request: Request) -> Response:
    form = await form_with_csrf(request)
    officer_id = str(form.get("officer") or "").strip()
    password = str(form.get("password") or "")
    keys = attempt_keys(request, officer_id)
    mark = request.app.state.limiter.allow(*keys)
    if mark is None:
        return render(
            request,
            "login.html",
            429,
            error="Too many sign-in attempts for this officer or from this address; "
            "wait a minute and try again.",
        )
    registry = await run_in_threadpool(
        load_officers_beside, request.app.state.settings.agencies_path
    )
    officer = (
        await run_in_threadpool(check_password, registry, officer_id, password)
        if officer_id and password
        else None
    )
    # An officer enrolled in TOTP also gives the code; a wrong, missing or replayed one is
    # the same refusal as a wrong password (and stays counted by the limiter above).
    if officer is not None and not await run_in_threadpool(
        second_factor_holds, registry, officer, str(form.get("code") or ""), utcnow()
    ):
        officer = None
    if officer is None:
        return render(request, "login.html", 401, error=WRONG_SIGN_IN)
    request.app.state.limiter.succeeded(mark, *keys)
    request.session.clear()  # a new session: nothing from before the sign-in carries over
    request.session["officer"] = officer.id
    request.session["password"] = await run_in_threadpool(password_mark, registry, officer)
    request.session["csrf"] = secrets.token_urlsafe(32)
    return RedirectResponse("/", status_code=303)


async def logout(request: Request) -> Response:
    await form_with_csrf(request)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


def campaigns(request: Request) -> Response:
    from broadcaster.campaign.next_step import list_state
    from broadcaster.campaign.status import campaigns_overview

    officer = signed_in(request, "campaigns")
    state = request.app.state
    rows = campaigns_overview(state.engine, state.settings)
    if not officer.has("admin"):  # the campaigns of the officer's agency (an admin sees all)
        rows = [r for r in rows if r["agencies"] is None or officer.agency in r["agencies"]]
    for row in rows:  # "approved, ready to launch" rather than "draft" when it is
        row["shown_state"] = list_state(row["state"], row["approvals"], row["approvals_required"])
    return render(request, "campaigns.html", officer=officer, campaigns=rows)


def prepared_for(request: Request, officer: Officer, *, full: bool = False) -> PreparedCampaign:
    """The campaign of the route, prepared from its file as `preview` does; 404 if unknown,
    403 for an officer of an agency outside it (an admin sees every campaign).

    A page prepares the launch posts only, against the registry as last read (both are
    what the page shows, and all the content hash covers); `full` (an action: approving)
    prepares from the files as the CLI does, follow-up templates checked too."""
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.campaign.status import campaign_path

    state = request.app.state
    campaign_id = request.path_params["campaign_id"]
    try:
        path = campaign_path(state.engine, campaign_id)
    except CampaignNotFound:
        raise HTTPException(404, f"No campaign {campaign_id!r} in the database.") from None
    if full:
        prepared = prepare_campaign(path, state.settings, check_credentials=False)
    else:
        prepared = prepare_campaign(
            path,
            state.settings,
            check_credentials=False,
            registry=registries.agencies(state.settings.agencies_path),
            follow_ups=False,
        )
    if not officer.has("admin") and officer.agency not in prepared.campaign.agencies:
        raise HTTPException(
            403, f"Agency {officer.agency!r} does not take part in campaign {campaign_id!r}."
        )
    return prepared


def campaign(request: Request) -> Response:
    officer = signed_in(request, "campaign")
    return campaign_page(request, officer)


def campaign_page(
    request: Request,
    officer: Officer,
    error: str | None = None,
    status: int = 200,
    kept: dict[str, str] | None = None,
) -> Response:
    """The campaign where it stands: its state, its approvals, and before the launch each
    agency's post as it will appear; after it, every post as posted (with its link), the
    mid-case updates and the photo up now. `error` is what a refused form (approve, update,
    resolve, cancel) says, above the forms; `kept` the text the officer typed into it."""
    from broadcaster.authoring.approval import approval_status, officers_for
    from broadcaster.campaign.lifecycle import KIND_NAMES, outcomes_for
    from broadcaster.campaign.next_step import next_step, tips_waiting
    from broadcaster.campaign.status import campaign_status
    from broadcaster.campaign.updates import languages_of
    from broadcaster.console.history import SENT, grouped, newest_photo, post_row
    from broadcaster.console.signing import setup_problem
    from broadcaster.states import CAMPAIGN_CLOSED, CampaignState, PostState

    try:
        prepared = prepared_for(request, officer)
        registry = officers_for(prepared)
        approvals = approval_status(request.app.state.engine, prepared, registry)
        journal = campaign_status(request.app.state.engine, prepared.campaign.id)
        tips = tips_waiting(request.app.state.engine, prepared.campaign.id)
    except BroadcasterError as problem:
        return render(
            request, "problem.html", 422, officer=officer, problem=problem.message, title="Campaign"
        )
    approvers = [registry.get(a) for a in approvals.approvers]
    launched = journal["state"] != CampaignState.DRAFT
    closed = journal["state"] in CAMPAIGN_CLOSED
    photo_posts = [
        p for p in journal["posts"] if p["occurrence"] == "launch" and p["kind"] != "repost"
    ]
    posts = [
        {
            "post": post,
            "agency": prepared.agency(post.agency),
            "alt_text": post.alt_text,
            "has_photo": bool(post.media) and prepared.photo is not None and not launched,
        }
        for post in prepared.posts
    ]
    updates = [
        {
            **update,
            "posted": sum(1 for p in update["posts"] if p["state"] in SENT),
            "down": sum(1 for p in update["posts"] if p["state"] == PostState.DELETED),
            "failed": sum(1 for p in update["posts"] if p["state"] == PostState.FAILED),
        }
        for update in journal["updates"]
    ]
    can_sign = officer.has("approver") or officer.has("admin")
    update_languages = languages_of(prepared)
    return render(
        request,
        "campaign.html",
        status,
        officer=officer,
        prepared=prepared,
        posts=posts,
        journal=journal,
        launched=launched,
        closed=closed,
        groups=grouped([post_row(p) for p in journal["posts"]]),
        updates=updates,
        photo_update=newest_photo(journal),
        original_down=bool(photo_posts)
        and all(p["state"] == PostState.DELETED for p in photo_posts),
        has_photo=prepared.photo is not None,
        approvals=approvals,
        approvers=[a for a in approvers if a is not None],
        can_approve=officer.has("approver")
        and officer.id not in approvals.approvers
        and not closed,
        # Never launched: nothing to cancel, resolve or update; the page says the next step.
        can_cancel=officer.has("launcher") and launched and not closed,
        can_resolve=officer.has("launcher") and launched and not closed,
        can_update=officer.has("approver") and launched and not closed,
        setup=setup_problem(request.app.state.console_key, registry) if can_sign else None,
        update_languages=update_languages,
        language_names={language: language_name(language) for language in update_languages},
        # `broadcaster update`'s notes, the lead's language first: what a console that
        # cannot sign shows instead of its form.
        note_options="".join(
            f' --note "{language}:TEXT"' if n else ' --note "TEXT"'
            for n, language in enumerate(update_languages)
        ),
        outcomes=outcomes_for(prepared.campaign.kind),  # only those that fit the case
        outcome_words=OUTCOME_WORDS,
        kind_name=KIND_NAMES.get(prepared.campaign.kind, "a case"),
        next_step=next_step(
            journal,
            path=prepared.path,
            approvals=len(approvals.approvers),
            required=approvals.required,
            launch_at=prepared.campaign.launch_at,
            now=utcnow(),
        ),
        tips_waiting=tips,
        totp=has_totp(registry, officer),
        error=error,
        kept=kept or {},
    )


# What each outcome tells the public, beside its name in the resolve form's list.
OUTCOME_WORDS = {
    "arrested": "Arrested: someone is in custody",
    "found": "Found: the update says \u201chas been found\u201d, safe or not",
    "withdrawn": "Withdrawn: the appeal is over; the update gives no reason",
}


def language_name(tag: str) -> str:
    """A BCP 47 tag as officers read it, in English: `fr-CA` -> French (Canada); the tag
    itself for one Babel does not know (agencies.toml checks them, so only defensively)."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(tag, sep="-").get_display_name("en"))
    except (UnknownLocaleError, ValueError, TypeError):
        return tag


def photo(request: Request) -> Response:
    """The campaign's photo as it will be uploaded (metadata stripped, resized): the bytes
    prepared from the campaign file, never a path from the request."""
    officer = signed_in(request, "campaign")
    try:
        prepared = prepared_for(request, officer)
    except InvalidInput:
        raise HTTPException(404, "This campaign's photo cannot be prepared.") from None
    if prepared.photo is None:
        raise HTTPException(404, "This campaign has no photo.")
    return Response(prepared.photo.data, media_type=prepared.photo.mime_type)


def update_photo(request: Request) -> Response:
    """The new photo of the mid-case update that replaced the campaign's (the newest that
    went out), exactly as `current_photo` gives it to the scheduled reposts: the bytes kept
    in the database (or, for an update signed before they were kept, read again from where
    `update --photo` read it), and only while they have the hash that was signed."""
    from broadcaster.launch.current_photo import PhotoGone, current_photo, replacing_update

    officer = signed_in(request, "campaign")
    prepared = prepared_for(request, officer)
    engine = request.app.state.engine
    update = replacing_update(engine, prepared.campaign.id)
    if update is None or update.number != request.path_params["number"]:
        raise HTTPException(404, "This update brought no photo that replaced the campaign's.")
    try:
        photo = current_photo(engine, prepared)
    except PhotoGone as gone:
        raise HTTPException(404, gone.message) from None
    if photo is None:
        raise HTTPException(404, "This campaign has no photo.")
    return Response(photo.data, media_type=photo.mime_type)


def officers_page(request: Request) -> Response:
    from broadcaster.authoring.officers import passwd_path, read_password_hashes

    officer = signed_in(request, "officers")
    registry = load_officers_beside(request.app.state.settings.agencies_path)
    with_password = read_password_hashes(passwd_path(registry.path)).keys()
    return render(
        request,
        "officers.html",
        officer=officer,
        officers=list(registry),
        with_password=with_password,
    )


# -- errors ------------------------------------------------------------------------------


def _current(request: Request) -> Officer | None:
    officer_id = request.session.get("officer")
    if not isinstance(officer_id, str):
        return None
    try:
        return load_officers_beside(request.app.state.settings.agencies_path).get(officer_id)
    except InvalidInput:
        return None


async def refused(request: Request, exc: Exception) -> Response:
    detail = exc.detail if isinstance(exc, HTTPException) else "Refused."
    return render(
        request, "problem.html", 403, officer=_current(request), problem=detail, title="Refused"
    )


async def not_found(request: Request, exc: Exception) -> Response:
    detail = exc.detail if isinstance(exc, HTTPException) else "Not found."
    if detail == "Not Found":
        detail = "No such page."
    return render(
        request, "problem.html", 404, officer=_current(request), problem=detail, title="Not found"
    )


async def problem(request: Request, exc: Exception) -> Response:
    """A refused action (409, 422): its sentence, with the status."""
    status = exc.status_code if isinstance(exc, HTTPException) else 422
    detail = exc.detail if isinstance(exc, HTTPException) else "Refused."
    return render(
        request, "problem.html", status, officer=_current(request), problem=detail, title="Refused"
    )
