"""named locks, so rules that count rows hold under concurrent writers

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 20:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "named_locks",
        sa.Column("name", sa.String(length=100), primary_key=True),
        sa.Column("taken", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_table("named_locks")
