"""one General domain per region, as a partial unique index

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 17:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

WHERE = sa.text("service_type = 'general'")


def upgrade() -> None:
    op.create_index(
        "ux_domains_general_region",
        "domains",
        ["region"],
        unique=True,
        sqlite_where=WHERE,
        postgresql_where=WHERE,
    )


def downgrade() -> None:
    op.drop_index("ux_domains_general_region", table_name="domains")
