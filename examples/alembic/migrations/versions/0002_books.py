"""Books, each by one author

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "books",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("author_id", sa.BigInteger, sa.ForeignKey("authors.id"), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("published", sa.Date),
    )
    op.create_index("books_author_idx", "books", ["author_id"])


def downgrade() -> None:
    op.drop_index("books_author_idx", table_name="books")
    op.drop_table("books")
