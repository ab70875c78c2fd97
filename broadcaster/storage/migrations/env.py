"""Alembic environment: migrations run on the connection `db.migrate` hands over."""

from alembic import context
from sqlmodel import SQLModel

from broadcaster.storage import models  # noqa: F401  (registers the tables for autogenerate)

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `db.migrate` drives migrations
    raise RuntimeError("run migrations through broadcaster.storage.db.migrate")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite can only ALTER through table copies
)
context.run_migrations()
