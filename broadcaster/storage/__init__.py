"""The database: tables, engine and migrations, the audit log. Imports nothing of the core."""
