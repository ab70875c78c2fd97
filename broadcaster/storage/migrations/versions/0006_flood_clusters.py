"""reply.flood_cluster: each reply's template cluster, so a flood reaches every member

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reply") as batch:
        batch.add_column(sa.Column("flood_cluster", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reply") as batch:
        batch.drop_column("flood_cluster")
