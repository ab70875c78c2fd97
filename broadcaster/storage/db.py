"""Engine, sessions and migrations. `models.py` holds the tables.

SQLite runs in WAL mode with a busy timeout; write paths that must not race (claiming work,
taking a campaign's lease, appending to the audit chain) open their transaction with
`BEGIN IMMEDIATE` on SQLite and use row locks on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from broadcaster.errors import InvalidInput

MIGRATIONS = Path(__file__).parent / "migrations"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str) -> Engine:
    """An engine for this URL, without touching the schema."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        if url.startswith("sqlite"):
            return _sqlite_engine(url)
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=40)
    except (ArgumentError, NoSuchModuleError):
        raise InvalidInput(not_a_url(url)) from None


def not_a_url(url: str) -> str:
    """The sentence for a --db that is no URL; a file name gets the URL it probably meant."""
    shown = url.split("@")[-1]
    if "://" not in url and url.strip():
        return (
            f"--db {shown!r} is not a database URL; did you mean sqlite:///{url}? "
            "(a relative path after three slashes, an absolute one makes four)"
        )
    return (
        f"--db {shown!r} is not a database URL; use sqlite:///file.db "
        "or postgresql+psycopg://host/db."
    )


def sqlite_path(url: str) -> Path | None:
    """The file a SQLite URL names (relative to the current folder when it is relative),
    or None for another database or an in-memory one."""
    if not url.startswith("sqlite"):
        return None
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        database = make_url(url).database
    except ArgumentError:
        return None
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _relative_note(url: str, path: Path) -> str:
    if path.is_absolute():
        return ""
    return (
        f" ({url} is relative to the current folder {Path.cwd()}; "
        f"an absolute path takes four slashes: sqlite:///{Path.cwd() / path})"
    )


def _create_private(url: str) -> None:
    """Create a new SQLite file readable by its owner only (it holds repliers' data) before
    SQLite does with the umask's 0644; its -wal and -shm files take the same mode."""
    import os

    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    try:
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError:
        pass  # a missing folder or no permission: SQLite says so in its own words


def _sqlite_engine(url: str) -> Engine:
    from sqlalchemy.pool import StaticPool

    if url not in ("sqlite://", "sqlite:///:memory:"):
        _create_private(url)
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    if url in ("sqlite://", "sqlite:///:memory:"):
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below), so pysqlite must not.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def head_revision() -> str:
    """The newest migration's id. Files are named `<id>_<name>.py`, ids in order."""
    return max(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def _at_head(engine: Engine) -> bool:
    """One cheap query instead of loading alembic on every command."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as connection:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:
        return False  # a new database: no version table yet
    return [row[0] for row in current] == [head_revision()]


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest version; a no-op when it is already there."""
    if _at_head(engine):
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    connection = engine.connect().execution_options(sqlite_begin="IMMEDIATE")
    with connection, connection.begin():
        if not is_sqlite(engine):
            # Two processes opening a fresh database must not both create tables.
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7231)")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_db(url: str) -> Engine:
    """The engine for `url`, migrated to the newest schema."""
    from sqlalchemy.exc import OperationalError

    path = sqlite_path(url)
    if path is not None and not path.is_file() and not path.resolve().parent.is_dir():
        raise InvalidInput(
            f"cannot create the database {path}: the folder {path.resolve().parent} does not "
            f"exist{_relative_note(url, path)}."
        )
    engine = make_engine(url)
    try:
        migrate(engine)
    except OperationalError as error:
        target = url.split("@")[-1]
        raise InvalidInput(f"cannot open the database {target!r}: {error.orig}.") from None
    return engine


def open_existing_db(url: str) -> Engine:
    """The engine for a database that must exist already: for commands that only read what
    an earlier command wrote (status, the audit, tips, a report). A SQLite file that is not
    there is exit 2 naming the file looked for, never a new empty database."""
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        source = "" if path.is_absolute() else f" ({url}, relative to the current folder)"
        raise InvalidInput(
            f"no database at {path.resolve()}{source}; run this command in the folder where "
            "the campaign was approved and launched, or point --db (or BROADCASTER_DB) at its "
            "database."
        )
    return open_db(url)


@contextmanager
def session_scope(engine: Engine, *, immediate: bool = False) -> Iterator[Session]:
    """A session committed at the end. `immediate` takes SQLite's write lock at BEGIN,
    so read-then-write sequences (claims, leases, the audit chain) cannot interleave."""
    options = {"sqlite_begin": "IMMEDIATE"} if immediate else {}
    connection = engine.connect().execution_options(**options)
    with connection, connection.begin(), Session(bind=connection) as session:
        yield session
        session.flush()
