"""notification: the outbox of desk notifications (tips, incomplete launches, floods)

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("destination", sa.String(), nullable=False),
        sa.Column("audience", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("payload", sa.String(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("due_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("claim", sa.String(), nullable=True),
        sa.Column("claimed_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("batch", sa.String(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("error", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "subject", "destination"),
    )
    op.create_index("ix_notification_campaign_id", "notification", ["campaign_id"])
    op.create_index("ix_notification_due", "notification", ["state", "due_at"])
    op.create_index("ix_notification_sent", "notification", ["destination", "sent_at"])


def downgrade() -> None:
    op.drop_index("ix_notification_sent", table_name="notification")
    op.drop_index("ix_notification_due", table_name="notification")
    op.drop_index("ix_notification_campaign_id", table_name="notification")
    op.drop_table("notification")
