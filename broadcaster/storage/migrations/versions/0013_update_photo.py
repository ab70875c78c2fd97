"""update photo: the new photo of a mid-case update, for the armed agencies' workers

An armed agency's worker posts its share of an update with only its own keys, on a machine
that has neither the campaign file nor the photo; `update_photo` holds the photo as the
`update` process prepared it. See broadcaster/launch/arming.py.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "update_photo",
        sa.Column("campaign_id", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("mime_type", sa.String(), nullable=False),
        sa.Column("alt_text", sa.String(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"]),
        sa.PrimaryKeyConstraint("campaign_id", "number"),
    )


def downgrade() -> None:
    op.drop_table("update_photo")
