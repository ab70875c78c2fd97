"""The Mastodon drill server: `mastodon_mock`, an imitation of the Mastodon client API.

No real Mastodon server installs from the registries this project can reach, so drills and
tests run the adapter and Mastodon.py against `mastodon_mock` (FastAPI + SQLite, aimed at
Mastodon 4.x): an imitation, not Mastodon. It gets one account per `mastodon` account of
the agencies file, each with its access token from the environment as a seeded bearer
token, so the adapter authenticates exactly as it would on an instance.

Suspension goes through the imitation's own admin API (`POST /api/v1/admin/accounts/:id/
action`), with a throwaway admin token made at start-up and never shown.
"""

from __future__ import annotations

import contextlib
import errno
import re
import secrets
import socket
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from broadcaster.authoring.tomlfile import read_toml, where
from broadcaster.errors import AgenciesInvalid, MissingCredentials, UsageInvalid

HOST = "127.0.0.1"
DEFAULT_PORT = 8687
_HANDLE = re.compile(r"^@?([A-Za-z0-9_]+(?:[.-]+[A-Za-z0-9_]+)*)@([A-Za-z0-9.-]+\.[A-Za-z0-9-]+)$")
_ADMIN = "broadcaster_drill_admin"


@dataclass(frozen=True)
class DrillAccount:
    """One `mastodon` account of the agencies file, as the drill server knows it."""

    agency: str
    handle: str  # @user@domain, as written in the agencies file
    username: str
    domain: str
    token: str = field(repr=False)
    name: str = ""  # the agency's name, shown as the account's display name


def _accounts_of(key: str, table: Mapping[str, Any]) -> Iterable[tuple[tuple[Any, ...], Any]]:
    """(location, account table) for each account of an agency, in either form."""
    listed = table.get("accounts")
    if isinstance(listed, list):
        for index, account in enumerate(listed):
            yield ("agency", key, "accounts", index), account
    else:
        yield ("agency", key), table


def accounts_from_file(path: Path, env: Mapping[str, str]) -> list[DrillAccount]:
    """Every `mastodon` account of the agencies file, its token from `env`.

    Reads the file itself (the registry's own loader checks the rest of it): the table form
    (`platform = "mastodon"` on the agency) and the list form (`[[agency.K.accounts]]`).
    """
    data, text = read_toml(path, "agencies")
    agencies = data.get("agency")
    if not isinstance(agencies, dict) or not agencies:
        raise AgenciesInvalid(f"{path}: no agencies; add a table like [agency.tps].")
    accounts: list[DrillAccount] = []
    seen: dict[str, str] = {}
    for key, table in agencies.items():
        if not isinstance(table, dict):
            raise AgenciesInvalid(
                f"{where(path, text, ('agency', key))}: agency {key!r} is not a table."
            )
        for location, account in _accounts_of(key, table):
            place = where(path, text, location)
            if not isinstance(account, dict):
                raise AgenciesInvalid(f"{place}: agency {key!r}: an account is not a table.")
            if account.get("platform") != "mastodon":
                continue
            handle, prefix = account.get("handle"), account.get("credentials")
            match = _HANDLE.match(handle) if isinstance(handle, str) else None
            if not isinstance(handle, str) or match is None or not handle.startswith("@"):
                raise AgenciesInvalid(
                    f"{place}: agency {key!r}: the Mastodon handle {handle!r} is not like "
                    "@tps@police.example."
                )
            if not isinstance(prefix, str) or not prefix:
                raise AgenciesInvalid(f"{place}: agency {key!r}: the account lacks 'credentials'.")
            variable = f"{prefix}_MASTODON_ACCESS_TOKEN"
            token = (env.get(variable) or "").strip()
            if not token:
                raise MissingCredentials(f"agency {key!r} ({handle}): {variable} is not set.")
            username = match.group(1).lower()
            # One drill server stands in for every instance: a username is one account.
            if username in seen:
                raise AgenciesInvalid(
                    f"{place}: agencies {seen[username]!r} and {key!r} both have a Mastodon "
                    f"account named {username!r}; the drill server holds one of each name."
                )
            if username == _ADMIN:
                raise AgenciesInvalid(f"{place}: agency {key!r}: {username!r} is reserved.")
            seen[username] = key
            name = table.get("name") if isinstance(table.get("name"), str) else key
            accounts.append(
                DrillAccount(key, handle, username, match.group(2).lower(), token, str(name))
            )
    return accounts


@contextlib.contextmanager
def _pool_per_request() -> Iterator[None]:
    """mastodon_mock's SQLite engine with no cap on its connection pool.

    Its engine has SQLAlchemy's default pool (5 + 10 overflow). A request takes a
    connection for its token lookup (in FastAPI's threadpool) and keeps it until its
    session is closed, which FastAPI also does in that threadpool (40 threads). When a
    launch posts from a hundred accounts at once, requests waiting for a connection fill
    the threadpool and the sessions that would give theirs back wait behind them: the
    server stalls for the pool's 30 s timeout and the posts fail. Unbounded, the pool
    never runs dry (SQLite connections to one file are cheap)."""
    from functools import partial

    import mastodon_mock.db.base as base
    from sqlalchemy import create_engine

    original = getattr(base, "create_engine", None)
    if original is None:  # another mastodon_mock layout: its own pool, as it comes
        yield
        return
    base.create_engine = partial(create_engine, pool_size=0, max_overflow=-1)
    try:
        yield
    finally:
        base.create_engine = original


class MastodonDrill:
    """mastodon_mock on loopback, in a thread, with the agencies' accounts."""

    def __init__(
        self,
        accounts: Sequence[DrillAccount],
        *,
        port: int = DEFAULT_PORT,
        suspended: Sequence[str] = (),
        rate_limit: tuple[int, int] | None = None,  # (requests, window in seconds) per token
        startup_timeout: float = 15.0,
    ) -> None:
        self.accounts = list(accounts)
        self.port = port
        self.rate_limit = rate_limit
        self.startup_timeout = startup_timeout
        self.suspended = [self._known(handle) for handle in suspended]
        self._admin_token = secrets.token_urlsafe(32)
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._media: tempfile.TemporaryDirectory[str] | None = None
        self._stopped = threading.Event()

    def _known(self, handle: str) -> str:
        """The username of the account `handle` names: `@user@domain` in full, or `@user`."""
        wanted = handle.strip().lstrip("@").lower()
        for account in self.accounts:
            if wanted in (account.handle.lstrip("@").lower(), account.username):
                return account.username
        names = ", ".join(a.handle for a in self.accounts) or "none"
        raise UsageInvalid(f"--suspend {handle}: no mastodon account has that handle ({names}).")

    def _config(self, media_path: str) -> Any:
        from mastodon_mock.config import (
            DatabaseConfig,
            MastodonMockConfig,
            RateLimitConfig,
            SeedAccount,
            SeedConfig,
        )

        seed = SeedConfig(
            accounts=[
                SeedAccount(
                    username=a.username, display_name=a.name or a.agency, access_token=a.token
                )
                for a in self.accounts
            ]
            + [SeedAccount(username=_ADMIN, role="admin", access_token=self._admin_token)]
        )
        domains = sorted({a.domain for a in self.accounts})
        limit, window = self.rate_limit or (300, 300)
        return MastodonMockConfig(
            domain=domains[0] if len(domains) == 1 else "drill.localhost",
            url_scheme="http",
            title="broadcaster drill (mastodon_mock)",
            database=DatabaseConfig(path=":memory:"),
            media_storage_path=media_path,
            seed=seed,
            ratelimit=RateLimitConfig(
                enabled=self.rate_limit is not None, limit=limit, window_seconds=window
            ),
        )

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def _bind(self) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, self.port))
        except OSError as error:
            sock.close()
            if error.errno == errno.EADDRINUSE:
                raise UsageInvalid(
                    f"port {self.port} on {HOST} is already in use (another drill server still "
                    "running?); stop it, or choose another with --port N and set "
                    f"BROADCASTER_MASTODON_URL=http://{HOST}:N for the other commands."
                ) from None
            raise UsageInvalid(
                f"cannot listen on {HOST}:{self.port} ({error.strerror}); choose another --port."
            ) from None
        sock.listen(128)
        self.port = sock.getsockname()[1]
        return sock

    def start(self) -> str:
        """Listen, seed the accounts, apply suspensions; returns the URL once it answers."""
        if self._server is not None:
            return self.url
        import uvicorn
        from mastodon_mock.app import create_app

        self._stopped.clear()
        sock = self._bind()
        self._media = tempfile.TemporaryDirectory(prefix="broadcaster-mastodon-")
        with _pool_per_request():
            app = create_app(self._config(self._media.name))
        server = uvicorn.Server(
            uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
        )
        self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="mastodon-drill", daemon=True
        )
        self._server = server
        self._thread.start()
        deadline = time.monotonic() + self.startup_timeout
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise UsageInvalid(f"the Mastodon drill server did not start on {self.url}.")
            time.sleep(0.02)
        sock.close()  # uvicorn listens on its own duplicate of the socket
        for username in self.suspended:
            self.suspend(username)
        return self.url

    def _admin(self) -> Any:
        from mastodon import Mastodon

        return Mastodon(
            access_token=self._admin_token,
            api_base_url=self.url,
            request_timeout=5,
            ratelimit_method="throw",
        )

    def suspend(self, handle: str) -> None:
        """Suspend an account as an instance's moderators would: it then answers 403."""
        admin = self._admin()
        account = admin.account_lookup(self._known(handle))
        admin.admin_account_moderate(account["id"], action="suspend")

    def stop(self) -> None:
        self._stopped.set()
        server, self._server = self._server, None
        if server is not None:
            server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self._media is not None:
            self._media.cleanup()
            self._media = None

    def serve_forever(self) -> None:
        """Block until stop() is called (from a signal handler, say)."""
        if self._server is None and not self._stopped.is_set():
            self.start()
        while not self._stopped.wait(0.5):
            pass
        self.stop()

    def __enter__(self) -> MastodonDrill:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
