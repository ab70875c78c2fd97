"""accounts: an agency may post from several accounts, so each post row names its account,
and the journal's unique key includes it (one row per account per post)

Rows from before accounts get their agency's single account's key, which is the platform
and the handle the row already holds (`agencies.account_key`).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

OLD_COLUMNS = ["campaign_id", "agency", "kind", "occurrence"]
NEW_COLUMNS = ["campaign_id", "agency", "account", "kind", "occurrence"]
# SQLite keeps the first schema's unique key unnamed: batch mode finds it by this convention.
SQLITE_NAMES = {"uq": "uq_%(table_name)s_%(column_0_N_name)s"}


def _old_unique_name() -> str:
    bind = op.get_bind()
    for constraint in sa.inspect(bind).get_unique_constraints("post"):
        if list(constraint["column_names"]) == OLD_COLUMNS and constraint.get("name"):
            return str(constraint["name"])
    return "uq_post_campaign_id_agency_kind_occurrence"


def upgrade() -> None:
    old_name = _old_unique_name()
    with op.batch_alter_table("post") as batch:
        batch.add_column(sa.Column("account", sa.String(), nullable=False, server_default=""))
    op.execute("UPDATE post SET account = platform || ':' || lower(handle) WHERE account = ''")
    with op.batch_alter_table("post", naming_convention=SQLITE_NAMES) as batch:
        batch.drop_constraint(old_name, type_="unique")
        batch.create_unique_constraint("uq_post_account", NEW_COLUMNS)


def downgrade() -> None:
    with op.batch_alter_table("post", naming_convention=SQLITE_NAMES) as batch:
        batch.drop_constraint("uq_post_account", type_="unique")
        batch.create_unique_constraint("uq_post_campaign_id_agency_kind_occurrence", OLD_COLUMNS)
        batch.drop_column("account")
