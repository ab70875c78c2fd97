"""armed launch: the agencies that fire from their own workers, and the photo they post

`arming` (one row per campaign) holds the photo as the arming process prepared it;
`armed_agency` (one row per agency) its instant, its worker's lease, readiness and clock
offset. See broadcaster/launch/arming.py.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "arming",
        sa.Column("campaign_id", sa.String(), nullable=False),
        sa.Column("content_hash", sa.String(), nullable=False),
        sa.Column("photo", sa.LargeBinary(), nullable=True),
        sa.Column("photo_mime", sa.String(), nullable=True),
        sa.Column("photo_alt", sa.String(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"]),
        sa.PrimaryKeyConstraint("campaign_id"),
    )
    op.create_table(
        "armed_agency",
        sa.Column("campaign_id", sa.String(), nullable=False),
        sa.Column("agency", sa.String(), nullable=False),
        sa.Column("fire_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("armed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("armed_by", sa.String(), nullable=False),
        sa.Column("worker", sa.String(), nullable=True),
        sa.Column("lease_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("ready_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("offset_ms", sa.Float(), nullable=True),
        sa.Column("round_trip_ms", sa.Float(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("done_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"]),
        sa.PrimaryKeyConstraint("campaign_id", "agency"),
    )


def downgrade() -> None:
    op.drop_table("armed_agency")
    op.drop_table("arming")
