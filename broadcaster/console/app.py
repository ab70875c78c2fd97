"""The console's ASGI app: sessions, security headers, the routes."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from broadcaster.console import approving, closing, live, report, routes, tips

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from sqlalchemy.engine import Engine
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from broadcaster.config import Settings

HERE = Path(__file__).parent
SESSION_HOURS = 8
# Nothing runs in the pages: no script at all, styles and images from the console only.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]
# What `broadcaster console` hands the app it serves (uvicorn imports it by name).
ENV_FILE_VARIABLE = "BROADCASTER_CONSOLE_ENV_FILE"
SECURE_VARIABLE = "BROADCASTER_CONSOLE_SECURE_COOKIES"


class SecurityHeaders:
    """Adds the policy headers to every response, pages, photos and errors alike."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in HEADERS if n not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(
    settings: Settings,
    engine: Engine,
    *,
    secret: str | None = None,
    secure_cookies: bool = False,
    console_key: Ed25519PrivateKey | None = None,
) -> Starlette:
    """The console over `engine`, with officers read from beside `settings.agencies_path`.

    `secret` signs the session cookie; without one (or BROADCASTER_CONSOLE_SECRET) a random
    key is made, so sessions end when the console restarts. `console_key` signs the
    approvals made here; without one, the key file beside officers.toml is read if it is
    there (`broadcaster console` makes it), else approving is refused."""
    key = secret or settings.secret("BROADCASTER_CONSOLE_SECRET") or secrets.token_urlsafe(32)
    app = Starlette(
        routes=[
            Route("/", routes.campaigns, methods=["GET"]),
            Route("/login", routes.login_form, methods=["GET"]),
            Route("/login", routes.login, methods=["POST"]),
            Route("/logout", routes.logout, methods=["POST"]),
            Route("/officers", routes.officers_page, methods=["GET"]),
            Route("/campaigns/{campaign_id}", routes.campaign, methods=["GET"]),
            Route("/campaigns/{campaign_id}/photo", routes.photo, methods=["GET"]),
            Route(
                "/campaigns/{campaign_id}/updates/{number:int}/photo",
                routes.update_photo,
                methods=["GET"],
            ),
            Route("/campaigns/{campaign_id}/approve", approving.approve, methods=["POST"]),
            Route("/campaigns/{campaign_id}/resolve", closing.resolve, methods=["POST"]),
            Route("/campaigns/{campaign_id}/cancel", closing.cancel, methods=["POST"]),
            Route("/campaigns/{campaign_id}/update", closing.update, methods=["POST"]),
            Route("/campaigns/{campaign_id}/live", live.page, methods=["GET"]),
            Route("/campaigns/{campaign_id}/live/events", live.events, methods=["GET"]),
            Route("/campaigns/{campaign_id}/tips", tips.page, methods=["GET"]),
            Route("/campaigns/{campaign_id}/report", report.page, methods=["GET"]),
            Route("/campaigns/{campaign_id}/tips/relabel", tips.relabel, methods=["POST"]),
            Route("/campaigns/{campaign_id}/tips/followed-up", tips.followed_up, methods=["POST"]),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(
                SessionMiddleware,
                secret_key=key,
                session_cookie="broadcaster_console",
                max_age=SESSION_HOURS * 3600,
                same_site="strict",
                https_only=secure_cookies,
            ),
        ],
        exception_handlers={
            403: routes.refused,
            404: routes.not_found,
            409: routes.problem,
            422: routes.problem,
        },
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.limiter = routes.Limiter()
    app.state.console_key = console_key or _console_key(settings)
    return app


def _console_key(settings: Settings) -> Ed25519PrivateKey | None:
    from broadcaster.authoring.officers import console_key_path, read_private_key

    path = console_key_path(settings.agencies_path)
    return read_private_key(path) if path.exists() else None


def from_environment() -> Any:
    """The app `broadcaster console` serves: its settings come through the environment the
    command set (the database, the agencies registry, the .env file)."""
    from broadcaster.config import load_settings
    from broadcaster.storage.db import open_db

    settings = load_settings(env_file=os.environ.get(ENV_FILE_VARIABLE) or None)
    secure = os.environ.get(SECURE_VARIABLE) == "1"
    return create_app(settings, open_db(settings.db_url), secure_cookies=secure)
