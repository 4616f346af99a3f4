"""pytest-pggit: Git-like version control for PostgreSQL schemas, as a pytest plugin."""

__version__ = "0.1.0"
