"""operators with roles and domain scopes; API tokens that expire

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("operators") as batch:
        batch.add_column(sa.Column("role", sa.String(length=16), nullable=False, server_default="admin"))
        batch.add_column(sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "operator_domains",
        sa.Column(
            "operator_id", sa.Integer(), sa.ForeignKey("operators.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "domain_id", sa.Integer(), sa.ForeignKey("domains.id", ondelete="CASCADE"), primary_key=True
        ),
    )
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("expires_at")
    op.drop_table("operator_domains")
    with op.batch_alter_table("operators") as batch:
        batch.drop_column("password_changed_at")
        batch.drop_column("role")
