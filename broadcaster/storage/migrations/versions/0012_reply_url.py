"""reply url: each reply's link as its platform gave it, stored by tracking, so tips,
reports and notices show where the reply really is instead of rebuilding a link from the
reading environment's settings (older rows keep NULL and are rebuilt as before)

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column: SQLite adds it in place, without copying the reply table.
    op.add_column("reply", sa.Column("url", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reply") as batch:
        batch.drop_column("url")
