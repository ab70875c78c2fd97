"""case updates: mid-case updates (`update`) and the post each journal row replies to

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("post") as batch:
        batch.add_column(sa.Column("in_reply_to", sa.String(), nullable=True))
    op.create_table(
        "case_update",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("photo_sha256", sa.String(), nullable=True),
        sa.Column("photo_path", sa.String(), nullable=True),
        sa.Column("officer", sa.String(), nullable=False),
        sa.Column("statement", sa.String(), nullable=False),
        sa.Column("signature", sa.String(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("campaign_id", "number"),
        sa.UniqueConstraint("campaign_id", "content_hash"),
    )
    op.create_index("ix_case_update_campaign_id", "case_update", ["campaign_id"])


def downgrade() -> None:
    op.drop_index("ix_case_update_campaign_id", table_name="case_update")
    op.drop_table("case_update")
    with op.batch_alter_table("post") as batch:
        batch.drop_column("in_reply_to")
