"""signed approvals: each approval keeps the statement its officer signed and the signature

Approvals made before this revision were typed names, which anyone at the terminal could
type; they cannot be verified, so they are removed here and those campaigns need approving
again, by key. The audit log keeps their entries.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("approval", schema=None) as batch_op:
        batch_op.add_column(sa.Column("statement", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("signature", sa.String(), nullable=True))
    op.execute("DELETE FROM approval WHERE signature IS NULL")


def downgrade() -> None:
    with op.batch_alter_table("approval", schema=None) as batch_op:
        batch_op.drop_column("signature")
        batch_op.drop_column("statement")
