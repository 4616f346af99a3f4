"""Drop authors.notes (moved to the CMS)

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Dropping a column deletes its data: the gate fails on that hazard unless it is accepted
# here, with the reason reviewers read in the gate's report.
pggit_allow = {"data_deletion": "author notes live in the CMS since 2024; the column is unused"}


def upgrade() -> None:
    op.drop_column("authors", "notes")


def downgrade() -> None:
    op.add_column("authors", sa.Column("notes", sa.Text))
