"""tracking state on posts; indexes for tips (newest first) and the reach report

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.add_column(sa.Column("track_cursor", sa.String(), nullable=True))
        batch_op.add_column(
            sa.Column("track_deferred_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column("track_error", sa.String(), nullable=True))
    with op.batch_alter_table("reply", schema=None) as batch_op:
        # The wider index serves the label counts as well, so the narrow one goes.
        batch_op.drop_index("ix_reply_campaign_label")
        batch_op.create_index(
            "ix_reply_campaign_label_time", ["campaign_id", "label", "created_at"], unique=False
        )
    with op.batch_alter_table("metric_snapshot", schema=None) as batch_op:
        batch_op.create_index("ix_snapshot_post_time", ["post_id", "taken_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("metric_snapshot", schema=None) as batch_op:
        batch_op.drop_index("ix_snapshot_post_time")
    with op.batch_alter_table("reply", schema=None) as batch_op:
        batch_op.drop_index("ix_reply_campaign_label_time")
        batch_op.create_index("ix_reply_campaign_label", ["campaign_id", "label"], unique=False)
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.drop_column("track_error")
        batch_op.drop_column("track_deferred_until")
        batch_op.drop_column("track_cursor")
