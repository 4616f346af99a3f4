"""A new migration file the tool never loads fails the gate (``NOT JUDGED``), naming the
file and why (tester B9's Y2: a Django app missing from the gate's settings, an Alembic
revision in a subfolder of versions/: the gate judged the last commit again, PASSED)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gate_project import git
from pytest_pggit.backends import Server

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _example(pytester: pytest.Pytester, name: str) -> Path:
    shutil.copytree(EXAMPLES / name, pytester.path, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", ".")
    git(pytester.path, "commit", "-qm", "base")
    return pytester.path


def _gate(pytester: pytest.Pytester, server: Server) -> pytest.RunResult:
    return pytester.runpytest_subprocess("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(),
                                         "-p", "no:randomly", "-p", "no:cacheprovider", "--pggit-gate")


def test_a_new_alembic_revision_in_a_subfolder_fails(pytester: pytest.Pytester, pggit_server: Server) -> None:
    root = _example(pytester, "alembic")
    sub = root / "migrations" / "versions" / "2025"
    sub.mkdir()
    (sub / "0005_drop_isbn.py").write_text(
        'from alembic import op\n\nrevision = "0005"\ndown_revision = "0004"\nbranch_labels = None\n'
        'depends_on = None\n\n\ndef upgrade():\n    op.drop_column("books", "isbn")\n\n\n'
        'def downgrade():\n    raise NotImplementedError\n')
    result = _gate(pytester, pggit_server)
    out = result.stdout.str()
    assert result.ret == 1, out
    result.stdout.fnmatch_lines(["*unloaded migrations/versions/2025/0005_drop_isbn.py*NOT JUDGED*"
                                 "Alembic does not read it*", "*recursive_version_locations*"])


def test_a_new_django_migration_of_an_app_not_installed_fails(pytester: pytest.Pytester,
                                                              pggit_server: Server) -> None:
    root = _example(pytester, "django")
    mig = root / "shipped" / "migrations"
    mig.mkdir(parents=True)
    (root / "shipped" / "__init__.py").write_text("")
    (mig / "__init__.py").write_text("")
    (mig / "0001_initial.py").write_text(
        "from django.db import migrations\n\nclass Migration(migrations.Migration):\n"
        "    dependencies = [(\"catalog\", \"0004_remove_author_bio\")]\n"
        "    operations = [migrations.RunSQL(\"ALTER TABLE catalog_book DROP COLUMN isbn\", "
        "migrations.RunSQL.noop)]\n")
    result = _gate(pytester, pggit_server)
    out = result.stdout.str()
    assert result.ret == 1, out
    result.stdout.fnmatch_lines(["*unloaded shipped/migrations/0001_initial.py*NOT JUDGED*"
                                 "Django's migration loader does not load it*"])
