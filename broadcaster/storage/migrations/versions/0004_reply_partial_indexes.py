"""partial indexes on reply: floods, follow-ups and purges counted without a full scan

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

PARTIAL = {
    "ix_reply_flood": (["campaign_id"], "flood_key IS NOT NULL"),
    "ix_reply_followed_up": (["campaign_id", "label"], "followed_up_at IS NOT NULL"),
    "ix_reply_purged": (["campaign_id"], "purged_at IS NOT NULL"),
}


def upgrade() -> None:
    for name, (columns, where) in PARTIAL.items():
        op.create_index(
            name,
            "reply",
            columns,
            unique=False,
            sqlite_where=sa.text(where),
            postgresql_where=sa.text(where),
        )


def downgrade() -> None:
    for name in PARTIAL:
        op.drop_index(name, table_name="reply")
