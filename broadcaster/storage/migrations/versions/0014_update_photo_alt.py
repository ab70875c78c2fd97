"""update photo alt: a mid-case update's new photo carries its own alt text, per language,
signed with the update (`update --photo FILE --alt [LANG:]TEXT`)

Updates signed before have NULL here: their photo keeps going out with the campaign's alt
text, as it did when they were signed. See broadcaster/campaign/updates.py.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column: SQLite adds it in place, without copying the case_update table.
    op.add_column("case_update", sa.Column("photo_alt", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_update") as batch:
        batch.drop_column("photo_alt")
