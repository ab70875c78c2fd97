"""reply relabels: an officer's label kept beside the machine's, who and when, and whether
it came by propagation through the reply's flood cluster

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reply") as batch:
        batch.add_column(sa.Column("machine_label", sa.String(), nullable=True))
        batch.add_column(sa.Column("relabelled_by", sa.String(), nullable=True))
        batch.add_column(sa.Column("relabelled_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("relabelled_via", sa.String(), nullable=True))
    op.create_index(
        "ix_reply_relabelled",
        "reply",
        ["campaign_id"],
        unique=False,
        sqlite_where=sa.text("relabelled_by IS NOT NULL"),
        postgresql_where=sa.text("relabelled_by IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_reply_relabelled", table_name="reply")
    with op.batch_alter_table("reply") as batch:
        batch.drop_column("relabelled_via")
        batch.drop_column("relabelled_at")
        batch.drop_column("relabelled_by")
        batch.drop_column("machine_label")
