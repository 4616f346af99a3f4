"""ISBN on books, unique

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("books", sa.Column("isbn", sa.String(17)))
    op.create_unique_constraint("books_isbn_key", "books", ["isbn"])


def downgrade() -> None:
    op.drop_constraint("books_isbn_key", "books", type_="unique")
    op.drop_column("books", "isbn")
