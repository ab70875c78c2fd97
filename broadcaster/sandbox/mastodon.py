"""The Mastodon drill server: the project's own imitation of the Mastodon client API.

No real Mastodon server installs from the registries this project can reach, so drills and
tests run the adapter and Mastodon.py against an imitation, not Mastodon: the subset of the
client API the adapter uses, answering as Mastodon 4.3 does (mastodon_api.py), over the same
lean HTTP server as the X sandbox (http.py). It gets one account per `mastodon` account of
the agencies file, each with its access token from the environment as its bearer token, so
the adapter authenticates exactly as it would on an instance.

Why not the `mastodon_mock` package, which it replaced: that one stores statuses one after
another (one asyncio loop over SQLite, 12-34 ms a status), so a launch of a hundred agencies
measured the imitation's throughput, not the launch. Here a status is stamped with its
request's arrival and a hundred arriving at once are stored side by side.
tests/test_mastodon_conformance.py still runs the adapter against both, so this imitation
cannot drift into shapes only our adapter accepts.
"""

from __future__ import annotations

import errno
import html
import re
import sys
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from broadcaster.authoring.tomlfile import read_toml, where
from broadcaster.errors import AgenciesInvalid, MissingCredentials, UsageInvalid
from broadcaster.sandbox.http import HTTPServer, Reply, Request
from broadcaster.sandbox.mastodon_api import Fault, MastodonApi
from broadcaster.sandbox.mastodon_store import (
    IMAGE_MATRIX_LIMIT,
    IMAGE_SIZE_LIMIT,
    MAX_CHARACTERS,
    Account,
    MastodonStore,
    followers_for,
)

HOST = "127.0.0.1"
DEFAULT_PORT = 8687
_HANDLE = re.compile(r"^@?([A-Za-z0-9_]+(?:[.-]+[A-Za-z0-9_]+)*)@([A-Za-z0-9.-]+\.[A-Za-z0-9-]+)$")


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
            seen[username] = key
            name = table.get("name") if isinstance(table.get("name"), str) else key
            accounts.append(
                DrillAccount(key, handle, username, match.group(2).lower(), token, str(name))
            )
    return accounts


class MastodonDrill:
    """The imitation on loopback, in threads of this process, with the agencies' accounts.

    `start()` returns its URL once it listens; `stop()` ends it. The rest are controls for
    tests and drills: suspend an account, a member of the public's reply, a fault."""

    def __init__(
        self,
        accounts: Sequence[DrillAccount],
        *,
        port: int = DEFAULT_PORT,
        suspended: Sequence[str] = (),
        rate_limit: tuple[int, int] | None = None,  # (requests, window in seconds) per token
        latency: float | tuple[float, float] = 0.0,  # each answer leaves this long after arrival
        media_delay: float = 0.0,  # a v2 upload answers 202 and is processed this much later
        max_characters: int = MAX_CHARACTERS,
        image_size_limit: int = IMAGE_SIZE_LIMIT,
        image_matrix_limit: int = IMAGE_MATRIX_LIMIT,
        seed: int | None = None,
        verbose: bool = False,
    ) -> None:
        self.accounts = list(accounts)
        self.port = port
        self.verbose = verbose
        domains = sorted({a.domain for a in self.accounts})
        # One server stands in for every instance; with one domain it is that instance.
        self.store = MastodonStore(domains[0] if len(domains) == 1 else "drill.localhost")
        with self.store.lock:
            for account in self.accounts:
                self.store.add_account(
                    account.username,
                    account.domain,
                    account.name or account.agency,
                    account.token,
                    followers=followers_for(account.username),
                )
        low, high = (latency, latency) if isinstance(latency, int | float) else latency
        self.api = MastodonApi(
            self.store,
            latency=(float(low), float(high)),
            rate_limit=rate_limit,
            media_delay=media_delay,
            max_characters=max_characters,
            image_size_limit=image_size_limit,
            image_matrix_limit=image_matrix_limit,
            seed=seed,
        )
        self.suspended: list[str] = []
        for handle in suspended:
            self.suspend(handle)
        self._http: HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()

    # -- life --------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> str:
        """Listen on 127.0.0.1; returns the URL (it answers from then on)."""
        if self._http is not None:
            return self.url
        self._stopped.clear()
        log = (
            (lambda line: print(f"mastodon drill: {line}", file=sys.stderr))
            if self.verbose
            else None
        )
        try:
            self._http = HTTPServer((HOST, self.port), self.handle, log=log)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise UsageInvalid(
                    f"port {self.port} on {HOST} is already in use (another drill server still "
                    "running?); stop it, or choose another with --port N and set "
                    f"BROADCASTER_MASTODON_URL=http://{HOST}:N for the other commands."
                ) from None
            raise UsageInvalid(
                f"cannot listen on {HOST}:{self.port} ({error.strerror}); choose another --port."
            ) from None
        self.port = self._http.server_address[1]
        self._thread = threading.Thread(
            target=self._http.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="mastodon-drill",
            daemon=True,
        )
        self._thread.start()
        return self.url

    def stop(self) -> None:
        self._stopped.set()
        http, self._http = self._http, None
        if http is None:
            return
        http.shutdown()
        http.server_close()
        http.close_connections()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def serve_forever(self) -> None:
        """Block until stop() is called (from a signal handler, say)."""
        if self._http is None and not self._stopped.is_set():
            self.start()
        while not self._stopped.wait(0.5):
            pass
        self.stop()

    def __enter__(self) -> MastodonDrill:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def handle(self, request: Request) -> Reply:
        if request.method == "GET" and request.path == "/":
            return self._index_page()
        return self.api.handle(request)

    def _index_page(self) -> Reply:
        rows = "".join(
            f"<li>{html.escape(a.handle)} — {html.escape(a.name or a.agency)}</li>"
            for a in self.accounts
        )
        return Reply(
            200,
            "<!doctype html><meta charset='utf-8'><title>Mastodon drill</title>"
            "<h1>broadcaster's Mastodon drill</h1><p>An imitation of the Mastodon client API "
            f"on this machine, not a Mastodon server.</p><ul>{rows}</ul>",
        )

    # -- controls for tests and drills -------------------------------------------------

    def _known(self, handle: str) -> str:
        """The username of the account `handle` names: `@user@domain` in full, or `@user`."""
        wanted = handle.strip().lstrip("@").lower()
        for account in self.accounts:
            if wanted in (account.handle.lstrip("@").lower(), account.username):
                return account.username
        names = ", ".join(a.handle for a in self.accounts) or "none"
        raise UsageInvalid(f"--suspend {handle}: no mastodon account has that handle ({names}).")

    def _account(self, username: str) -> Account:
        found = next(a for a in self.store.accounts.values() if a.username == username)
        return found

    def suspend(self, handle: str, suspended: bool = True) -> None:
        """Suspend an account as an instance's moderators would: it then answers 403."""
        username = self._known(handle)
        with self.store.lock:
            self._account(username).suspended = suspended
        if suspended and username not in self.suspended:
            self.suspended.append(username)
        elif not suspended and username in self.suspended:
            self.suspended.remove(username)

    def add_reply(self, in_reply_to: str, author: str, text: str) -> dict[str, Any]:
        """A public reply, as a member of the public would write it (an account on the
        instance, made for `author` if it has none)."""
        username = author.strip().lstrip("@").partition("@")[0]
        if not re.fullmatch(r"[A-Za-z0-9_]+", username):
            raise ValueError(f"author {author!r} is not a username like @someone")
        store = self.store
        with store.lock:
            parent = store.visible(in_reply_to)
            if parent is None:
                raise LookupError(f"no status {in_reply_to}")
            account = store.account_named(username) or store.add_account(
                username, store.domain, username, None
            )
            status = store.add_status(
                account,
                text,
                time.time(),
                in_reply_to_id=parent.id,
                in_reply_to_account_id=parent.account_id,
            )
            return store.status_view(status, None, time.time())

    def statuses(self, handle: str | None = None) -> list[dict[str, Any]]:
        """What the drill holds (deleted statuses left out), oldest first; only `handle`'s
        when given."""
        store = self.store
        with store.lock:
            wanted = store.account_named(handle) if handle else None
            return [
                store.status_view(status, None, time.time())
                for status in store.statuses.values()
                if not status.deleted and (wanted is None or status.account_id == wanted.id)
            ]

    def add_fault(
        self,
        method: str,
        path: str,
        *,
        status: int | None = None,
        delay: float = 0.0,
        count: int | None = None,
    ) -> Fault:
        """Answer `status` instead (nothing done), and/or `delay` seconds later (done on
        time), for the next `count` requests to `method path` (all of them when None)."""
        fault = Fault(method.upper(), path, status, delay, count)
        with self.api._side_lock:
            self.api.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self.api._side_lock:
            self.api.faults.clear()
