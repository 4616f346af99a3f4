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



def upgrade() -> None:
    # Dropping a column deletes its data: the gate fails on that hazard unless the
    # statement accepts it, with the reason reviewers read in the gate's report. (A
    # module-level pggit_allow = {"data_deletion": "reason"} accepts it for the whole
    # revision, e.g. for op.drop_column: the Django example does it that way.)
    op.execute("-- pggit: allow data_deletion, ban-drop-column -- author notes live in the CMS "
               "since 2024; the column is unused\n"
               "ALTER TABLE authors DROP COLUMN notes")


def downgrade() -> None:
    op.add_column("authors", sa.Column("notes", sa.Text))
