"""--pggit-django: Django migrations as migration steps, and pytest-django's test database
as a clone of the migrated template (pytest_pggit/tools/django.py).

One real Django project (app ``catalog``, four migrations, the last dropping a column
with ``pggit_allow``; app ``buggy`` only with ``BUGGY=1``: a migration whose reverse leaves
an index behind).  Every run is a pytest subprocess (Django's settings are process-wide)
with real Django and pytest-django, against the outer run's server.
"""
from __future__ import annotations

import os
import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict, List

import pytest

from pytest_pggit.backends import Server

pytest.importorskip("django")
pytest.importorskip("pytest_django")

TAGS = ["django/catalog/0001_initial", "django/catalog/0002_book", "django/catalog/0003_book_isbn",
        "django/catalog/0004_remove_author_bio"]

FILES: Dict[str, str] = {
    "manage.py": "",
    "site_cfg/__init__.py": "",
    "site_cfg/settings.py": """
        import os
        SECRET_KEY = "x"
        INSTALLED_APPS = ["catalog"] + (["buggy"] if os.environ.get("BUGGY") else [])
        DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "nowhere",
                                 "HOST": "nowhere.invalid"}}
        DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
        USE_TZ = True
        """,
    "catalog/__init__.py": "",
    "catalog/models.py": """
        from django.db import models

        class Author(models.Model):
            name = models.CharField(max_length=200)

        class Book(models.Model):
            author = models.ForeignKey(Author, on_delete=models.PROTECT)
            title = models.CharField(max_length=300)
            isbn = models.CharField(max_length=17, null=True, unique=True)
        """,
    "catalog/migrations/__init__.py": "",
    "catalog/migrations/0001_initial.py": """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            operations = [migrations.CreateModel("Author", fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("name", models.CharField(max_length=200)),
                ("bio", models.TextField(default="")),
            ])]
        """,
    "catalog/migrations/0002_book.py": """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("catalog", "0001_initial")]
            operations = [migrations.CreateModel("Book", fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("author", models.ForeignKey("catalog.author", on_delete=models.PROTECT)),
                ("title", models.CharField(max_length=300)),
            ])]
        """,
    "catalog/migrations/0003_book_isbn.py": """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("catalog", "0002_book")]
            operations = [migrations.AddField("book", "isbn",
                                              models.CharField(max_length=17, null=True, unique=True))]
        """,
    "catalog/migrations/0004_remove_author_bio.py": """
        from django.db import migrations

        pggit_allow = {"data_deletion": "bios live in the CMS"}

        class Migration(migrations.Migration):
            dependencies = [("catalog", "0003_book_isbn")]
            operations = [migrations.RemoveField("author", "bio")]
        """,
    "buggy/__init__.py": "",
    "buggy/migrations/__init__.py": "",
    "buggy/migrations/0001_title_index.py": """
        from django.db import migrations

        class Migration(migrations.Migration):
            dependencies = [("catalog", "0004_remove_author_bio")]
            # the reverse forgets the index: the up/down check must catch it
            operations = [migrations.RunSQL("CREATE INDEX book_title_idx ON catalog_book (title)",
                                            reverse_sql=migrations.RunSQL.noop)]
        """,
    "pytest.ini": """
        [pytest]
        DJANGO_SETTINGS_MODULE = site_cfg.settings
        pggit_django = true
        addopts = -p no:cacheprovider -p no:randomly
        """,
    "conftest.py": """
        import os

        import pytest


        @pytest.hookimpl(trylast=True)   # after pytest-django's teardown of its test database
        def pytest_sessionfinish(session):
            from pytest_pggit.session import session_key

            run = session.config.stash.get(session_key, None)
            if run is None or run._template is None:
                return
            names = [r[0] for r in run.admin().execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", (run.prefix + "%",))]
            with open(f"after-teardown-{run.worker}.txt", "w") as f:
                f.write(f"template={run._template.name in names} "
                        f"django_db={run.database_name('django') in names}\\n")
        """,
    "test_catalog.py": """
        import psycopg
        import pytest

        TAGS = %(tags)r


        @pytest.mark.django_db
        def test_orm_on_the_clone_of_the_template():
            from django.db import connection
            from django.db.migrations.recorder import MigrationRecorder

            from catalog.models import Author, Book

            assert connection.settings_dict["NAME"].endswith("_django")
            assert MigrationRecorder(connection).migration_qs.filter(app="catalog").count() == 4
            ann = Author.objects.create(name="Ann")
            Book.objects.create(author=ann, title="Tables", isbn="978-0")
            assert Book.objects.get().author.name == "Ann"


        @pytest.mark.django_db
        def test_orm_and_pggit_in_one_test(pggit):
            # db + pggit in one test: Django's test database is a clone, pggit the template;
            # DDL in pggit's transaction locks nothing the ORM needs (it once deadlocked)
            from catalog.models import Author

            Author.objects.create(name="Bo")
            pggit.execute("ALTER TABLE catalog_author ADD COLUMN nickname text")
            assert pggit.execute("SELECT count(*) FROM catalog_author") == [(0,)]
            assert Author.objects.count() == 1


        def test_steps_are_commits_with_tags(pggit):
            tags = [t for (t,) in pggit.execute("SELECT name FROM pggit_v0.list_tags() ORDER BY 1")]
            assert [t for t in tags if t.startswith("django/")] == TAGS
            messages = [c.message for c in pggit.history()]
            assert "django catalog/0003_book_isbn: Add field isbn to book" in messages
            assert pggit.execute("SELECT count(*) FROM catalog_author") == [(0,)]   # not the clone's rows


        def test_isolated_clone(pggit_isolated_db):
            with psycopg.connect(pggit_isolated_db.dsn) as conn:
                cols = conn.execute("SELECT column_name FROM information_schema.columns "
                                    "WHERE table_name = 'catalog_author' ORDER BY 1").fetchall()
            assert cols == [("id",), ("name",)]


        def test_each_downgrade_gives_back_the_schema(pytestconfig, pggit_isolated_db):
            from pytest_pggit.tools.django import django_steps

            db = pggit_isolated_db

            def columns():
                with psycopg.connect(db.dsn) as conn:
                    return conn.execute(
                        "SELECT table_name, column_name FROM information_schema.columns "
                        "WHERE table_name LIKE 'catalog%%' ORDER BY 1, 2").fetchall()

            steps = [s for s in django_steps(pytestconfig) if s.name.startswith("catalog/")]
            assert [s.tag for s in steps] == TAGS
            assert steps[-1].allow == {"data_deletion": "bios live in the CMS"}
            assert steps[-1].source == "catalog/migrations/0004_remove_author_bio.py"
            assert ("catalog_author", "bio") not in columns()
            steps[-1].downgrade(db)
            assert ("catalog_author", "bio") in columns()
            for step in reversed(steps[:-1]):
                step.downgrade(db)
            assert columns() == []
            steps[0].upgrade(db)
            assert columns() == [("catalog_author", "bio"), ("catalog_author", "id"),
                                 ("catalog_author", "name")]
        """ % {"tags": TAGS},
}


@pytest.fixture
def project(pytester: pytest.Pytester) -> Path:
    for name, text in FILES.items():
        path = pytester.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    return pytester.path


def dsn_args(server: Server) -> List[str]:
    return ["--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn()]


def junit_cases(path: Path) -> Dict[str, str]:
    """``classname::name`` -> ``ok`` / ``failure`` / ``error`` of a --pggit-junit file."""
    out = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        status = "ok"
        for bad in ("failure", "error"):
            if case.find(bad) is not None:
                status = bad
        out[f"{case.get('classname')}::{case.get('name')}"] = status
    return out


def test_django_db_tests_and_pggit_fixtures_in_one_run(project: Path, pytester: pytest.Pytester,
                                                     pggit_server: Server) -> None:
    result = pytester.runpytest_subprocess(
        *dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml")
    result.assert_outcomes(passed=5)
    # pytest-django dropped its clone at teardown, never the template
    assert (project / "after-teardown-main.txt").read_text().split() == ["template=True", "django_db=False"]
    cases = junit_cases(project / "gate.xml")
    # the newest migration drops a column: accepted by its pggit_allow; its downgrade is exact
    assert cases[f"pggit.updown::{TAGS[-1]}"] == "ok", cases
    assert [k for k, v in cases.items() if v != "ok"] == []
    assert "accepted" in result.stdout.str()


def test_with_xdist_each_worker_clones_its_own_template(project: Path, pytester: pytest.Pytester,
                                                        pggit_server: Server) -> None:
    # --pggit-gate: the controller builds a template of its own for the gate (Django steps
    # run there too, with pytest-django's blocker on)
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "-n", "2", "--pggit-gate")
    result.assert_outcomes(passed=5)
    assert result.ret == 0 and "pggit gate: PASSED" in result.stdout.str(), result.stdout.str()
    reports = sorted(p.name for p in project.glob("after-teardown-gw*.txt"))
    assert reports, result.stdout.str()
    for name in reports:
        assert (project / name).read_text().split() == ["template=True", "django_db=False"], name


def test_a_reverse_that_forgets_an_index_fails_the_updown_check(
        project: Path, pytester: pytest.Pytester, pggit_server: Server,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUGGY", "1")
    result = pytester.runpytest_subprocess(
        *dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml",
        "-k", "isolated_clone")
    assert result.ret == 1, result.stdout.str()   # the test passed; the gate failed
    result.assert_outcomes(passed=1, deselected=4)
    assert "1 pggit gate failed" in result.stdout.str()
    cases = junit_cases(project / "gate.xml")
    assert cases.get("pggit.updown::django/buggy/0001_title_index") == "failure", cases
    assert re.search(r"book_title_idx", result.stdout.str())


def test_a_base_from_git_reads_that_commits_migrations(project: Path, pytester: pytest.Pytester,
                                                       pggit_server: Server) -> None:
    """--pggit-base git:HEAD with Django: the base is built from the migrations committed in
    git (three), not from the working tree's (four, the fourth dropping a column)."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    newest = project / "catalog/migrations/0004_remove_author_bio.py"
    text = newest.read_text()
    newest.unlink()
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=project, check=True)
    subprocess.run(git + ["add", "-A"], cwd=project, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "three migrations"], cwd=project, check=True)
    # the working tree (the pull request) adds the fourth, dropping author.bio, now without
    # its pggit_allow: the hazard must fail the gate against the git base
    newest.write_text(text.replace('pggit_allow = {"data_deletion": "bios live in the CMS"}', ""))
    result = pytester.runpytest_subprocess(
        *dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml",
        "--pggit-base", "git:HEAD", "-k", "isolated_clone")
    out = result.stdout.str()
    assert result.ret == 1, out
    assert re.search(r"the schema at git HEAD = [0-9a-f]{12}: 3 step\(s\)", out), out
    cases = junit_cases(project / "gate.xml")
    assert cases["pggit.hazards::public/table/catalog_author/column/bio"] == "failure", cases
    # lint: the statements the base does not have, not the base's steps again
    assert "statement(s) of 1 file(s)/step(s) since pytest-pggit/git-base" in out, out
    # up/down: only the step the base does not have
    assert sorted(k for k in cases if k.startswith("pggit.updown::")) == [f"pggit.updown::{TAGS[-1]}"]
    assert cases[f"pggit.updown::{TAGS[-1]}"] == "ok", cases
    # the same run against a base of the same four migrations finds nothing to say (the
    # pytester run left a symlink to an absolute path: the git base leaves it out)
    (project / "abs-link").symlink_to("/nonexistent/pytest-pggit")
    subprocess.run(git + ["add", "abs-link", str(newest)], cwd=project, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "four"], cwd=project, check=True)
    result = pytester.runpytest_subprocess(
        *dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml",
        "--pggit-base", "git:HEAD", "-k", "isolated_clone")
    assert result.ret == 0, result.stdout.str()
    # F9: the head's template of the first run is that commit's: the base comes from the
    # cache (its tree checked against the cached template's), no migration runs again
    assert re.search(r"the schema at git HEAD = [0-9a-f]{12}: 4 step\(s\) from the template cache "
                     r"\(pggit_cache_\w+, hit\)", result.stdout.str()), result.stdout.str()
    cases = junit_cases(project / "gate.xml")
    assert not [k for k in cases if k.startswith("pggit.updown::")], cases


def test_the_example_project_passes_its_tests_and_the_gate(pytester: pytest.Pytester,
                                                           pggit_server: Server) -> None:
    """examples/django (a copy): four migrations, its tests (django_db and pggit), and the
    gate, the newest migration's dropped column accepted by its module's pggit_allow."""
    import shutil

    example = Path(__file__).resolve().parent.parent / "examples" / "django"
    shutil.copytree(example, pytester.path / "ex", ignore=shutil.ignore_patterns("__pycache__"))
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server)[1:], "-p", "no:randomly",
                                           "--pggit-gate", "ex")
    out = result.stdout.str()
    assert result.ret == 0, out
    assert "pggit gate: PASSED" in out and "1 accepted" in out, out
    assert re.search(r"accepted: public/table/catalog_author/column/bio: data_deletion accepted by "
                     r"pggit_allow of django/catalog/0004_remove_author_bio: author bios moved to the CMS", out), out


def test_the_default_base_judges_the_projects_newest_migration_not_the_last_apps(
        project: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """D1 (healthchecks: 15 apps): Django's plan ends with the app whose label sorts last,
    so the default base, "the step before the newest", left the project's new migration
    (a dropped column) out of the gate: PASSED. The newest migration git knows (here:
    uncommitted) is applied last and judged."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    settings = project / "site_cfg/settings.py"
    settings.write_text(settings.read_text().replace('INSTALLED_APPS = ["catalog"]',
                                                     'INSTALLED_APPS = ["catalog", "zeta"]'))
    for name, text in {
        "zeta/__init__.py": "",
        "zeta/migrations/__init__.py": "",
        "zeta/migrations/0001_initial.py": """
            from django.db import migrations, models

            class Migration(migrations.Migration):
                initial = True
                operations = [migrations.CreateModel("Note", fields=[
                    ("id", models.BigAutoField(primary_key=True)), ("text", models.TextField())])]
            """,
    }.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(textwrap.dedent(text).lstrip())
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=project, check=True)
    subprocess.run(git + ["add", "-A"], cwd=project, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "two apps"], cwd=project, check=True)
    (project / "catalog/migrations/0005_remove_book_isbn.py").write_text(textwrap.dedent("""
        from django.db import migrations

        class Migration(migrations.Migration):
            dependencies = [("catalog", "0004_remove_author_bio")]
            operations = [migrations.RemoveField("book", "isbn")]
        """).lstrip())
    result = pytester.runpytest_subprocess(
        *dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml", "-k", "isolated_clone")
    out = result.stdout.str()
    assert result.ret == 1, out
    assert "the step before the newest, django/catalog/0005_remove_book_isbn" in out, out
    cases = junit_cases(project / "gate.xml")
    assert cases["pggit.hazards::public/table/catalog_book/column/isbn"] == "failure", cases


def test_new_migrations_of_several_apps_go_last_and_only_they_are_judged(
        project: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """F6 (netbox: 7 new migrations in 2 apps): only the newest leaf went last, so the
    default base was the step before a new migration in the middle of Django's plan: 68
    old migrations of other apps were judged too, and an old irreversible one stopped the
    up/down check before any new one was checked.  Every new migration (and what depends
    on them) now goes last."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    settings = project / "site_cfg/settings.py"
    settings.write_text(settings.read_text().replace('INSTALLED_APPS = ["catalog"]',
                                                     'INSTALLED_APPS = ["catalog", "zeta"]'))
    files = {
        "zeta/__init__.py": "",
        "zeta/migrations/__init__.py": "",
        "zeta/migrations/0001_initial.py": """
            from django.db import migrations, models

            class Migration(migrations.Migration):
                initial = True
                operations = [migrations.CreateModel("Note", fields=[
                    ("id", models.BigAutoField(primary_key=True)), ("text", models.TextField())])]
            """,
        "zeta/migrations/0002_old_index.py": """
            from django.db import migrations

            class Migration(migrations.Migration):
                dependencies = [("zeta", "0001_initial")]
                operations = [migrations.RunSQL("CREATE INDEX zeta_note_text ON zeta_note (text)")]
            """,
    }
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(textwrap.dedent(text).lstrip())
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=project, check=True)
    subprocess.run(git + ["add", "-A"], cwd=project, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "two apps, an old irreversible migration"], cwd=project, check=True)
    (project / "catalog/migrations/0005_book_pages.py").write_text(textwrap.dedent("""
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("catalog", "0004_remove_author_bio")]
            operations = [migrations.AddField("book", "pages", models.IntegerField(null=True))]
        """).lstrip())
    (project / "zeta/migrations/0003_note_book.py").write_text(textwrap.dedent("""
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("zeta", "0002_old_index"), ("catalog", "0005_book_pages")]
            operations = [migrations.AddField("note", "title", models.TextField(null=True))]
        """).lstrip())
    result = pytester.runpytest_subprocess(
        *dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml", "-k", "isolated_clone")
    out = result.stdout.str()
    cases = junit_cases(project / "gate.xml")
    assert sorted(k for k in cases if k.startswith("pggit.updown::")) == [
        "pggit.updown::django/catalog/0005_book_pages", "pggit.updown::django/zeta/0003_note_book"], out
    assert "base: django/zeta/0002_old_index" in out, out
    assert result.ret == 0, out


def test_with_base_root_the_first_migrations_reverse_gives_the_empty_database(
        project: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """D2: Django's executor makes django_migrations before the first migration and never
    drops it, so the first step's up/down check failed on every project with --pggit-base
    root. Unapplying the last recorded migration drops the empty table."""
    result = pytester.runpytest_subprocess(
        *dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml", "--pggit-base", "root",
        "-k", "isolated_clone")
    out = result.stdout.str()
    cases = junit_cases(project / "gate.xml")
    assert cases[f"pggit.updown::{TAGS[0]}"] == "ok", out
    assert sorted(k for k in cases if k.startswith("pggit.updown::")) == sorted(f"pggit.updown::{t}" for t in TAGS)
    assert [k for k, v in cases.items() if v != "ok"] == [], out
    assert result.ret == 0, out


def test_a_git_base_checks_every_new_migration_even_between_other_apps_ones(
        project: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """D1 addendum: with --pggit-base git:HEAD the up/down check walked down from the
    newest step to the first one the base had, so a new migration in the middle of
    Django's plan (another app's older ones after it) was never checked, and nothing
    said so: a RunSQL whose reverse is a no-op passed."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    settings = project / "site_cfg/settings.py"
    settings.write_text(settings.read_text().replace('INSTALLED_APPS = ["catalog"]',
                                                     'INSTALLED_APPS = ["catalog", "zeta"]'))
    zeta = """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            operations = [migrations.CreateModel("Note", fields=[
                ("id", models.BigAutoField(primary_key=True)), ("text", models.TextField())])]
        """
    for name, text in {"zeta/__init__.py": "", "zeta/migrations/__init__.py": "",
                       "zeta/migrations/0001_initial.py": zeta}.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(textwrap.dedent(text).lstrip())
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=project, check=True)
    subprocess.run(git + ["add", "-A"], cwd=project, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "two apps"], cwd=project, check=True)
    bad = project / "catalog/migrations/0005_zz.py"
    bad.write_text(textwrap.dedent("""
        from django.db import migrations

        class Migration(migrations.Migration):
            dependencies = [("catalog", "0004_remove_author_bio")]
            operations = [migrations.RunSQL("ALTER TABLE catalog_book ADD COLUMN zz int",
                                            reverse_sql=migrations.RunSQL.noop)]
        """).lstrip())
    newer = project / "zeta/migrations/0002_note_title.py"
    newer.write_text(textwrap.dedent("""
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("zeta", "0001_initial")]
            operations = [migrations.AddField("note", "title", models.TextField(null=True))]
        """).lstrip())
    os.utime(bad, (1_700_000_000, 1_700_000_000))   # the older of the two: not last in the plan
    result = pytester.runpytest_subprocess(
        *dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml", "--pggit-base", "git:HEAD",
        "-k", "isolated_clone")
    out = result.stdout.str()
    cases = junit_cases(project / "gate.xml")
    assert cases.get("pggit.updown::django/catalog/0005_zz") == "failure", (cases, out)
    assert cases.get("pggit.updown::django/zeta/0002_note_title") == "ok", (cases, out)
    assert not any(k.startswith("pggit.updown::django/catalog/000") and not k.endswith("0005_zz") for k in cases), cases
    assert result.ret == 1, out


def test_a_failing_migration_names_its_file_and_the_databases_sqlstate(
        project: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """D6: a failing Django migration was located in Django's own backends/utils.py, and
    the SQLSTATE of the psycopg error behind Django's ProgrammingError was not shown."""
    (project / "catalog/migrations/0005_bad.py").write_text(textwrap.dedent("""
        from django.db import migrations

        class Migration(migrations.Migration):
            dependencies = [("catalog", "0004_remove_author_bio")]
            operations = [migrations.RunSQL("ALTER TABLE catalog_nonexistent ADD COLUMN x int")]
        """).lstrip())
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "-k", "isolated_clone")
    out = result.stdout.str() + result.stderr.str()
    assert "catalog/migrations/0005_bad.py: upgrade of step django/catalog/0005_bad failed: ProgrammingError" in out, out
    assert "42P01" in out and "catalog_nonexistent" in out, out
    assert "site-packages/django" not in out.split("0005_bad failed")[0].splitlines()[-1], out


SQUASHED: Dict[str, str] = {
    "site_cfg/__init__.py": "",
    "site_cfg/settings.py": FILES["site_cfg/settings.py"].replace('["catalog"]', '["appc", "appd"]'),
    "appc/__init__.py": "",
    "appc/migrations/__init__.py": "",
    "appc/migrations/0001_initial.py": """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            operations = [migrations.CreateModel("A", fields=[("id", models.BigAutoField(primary_key=True))])]
        """,
    "appc/migrations/0002_a_x.py": """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("appc", "0001_initial")]
            operations = [migrations.AddField("a", "x", models.IntegerField(null=True))]
        """,
    "appc/migrations/0001_squashed_0002.py": """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            replaces = [("appc", "0001_initial"), ("appc", "0002_a_x")]
            operations = [migrations.CreateModel("A", fields=[
                ("id", models.BigAutoField(primary_key=True)), ("x", models.IntegerField(null=True))])]
        """,
    "appc/migrations/0003_a_y.py": """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("appc", "0001_squashed_0002")]
            operations = [migrations.AddField("a", "y", models.IntegerField(null=True))]
        """,
    "appd/__init__.py": "",
    "appd/migrations/__init__.py": "",
    "appd/migrations/0001_b.py": """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            dependencies = [("appc", "0002_a_x")]   # a replaced one: Django maps it to the squash
            operations = [migrations.CreateModel("B", fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("a", models.ForeignKey("appc.a", on_delete=models.CASCADE))])]
        """,
    "appd/migrations/0002_rows.py": """
        from django.db import migrations

        def rows(apps, schema_editor):   # the models as the carried state has them
            A = apps.get_model("appc", "A")
            B = apps.get_model("appd", "B")
            a = A.objects.create(x=1, y=2)
            B.objects.create(a=a)

        class Migration(migrations.Migration):
            dependencies = [("appd", "0001_b"), ("appc", "0003_a_y")]
            operations = [migrations.RunPython(rows, migrations.RunPython.noop)]
        """,
    "pytest.ini": FILES["pytest.ini"],
    "conftest.py": """
        from django.db.migrations import state

        renders = []
        _init = state.StateApps.__init__

        def counting(self, real_apps, models, *args, **kwargs):
            if models:   # a project state rendered from its model states (not a clone)
                renders.append(len(models))
            return _init(self, real_apps, models, *args, **kwargs)

        state.StateApps.__init__ = counting

        def pytest_sessionfinish(session):
            with open("renders.txt", "w") as f:
                f.write(str(len(renders)))
        """,
    "test_x.py": """
        import psycopg

        def test_rows(pggit_isolated_db):
            with psycopg.connect(pggit_isolated_db.dsn) as conn:
                got = conn.execute("SELECT a.x, a.y, count(b.id) FROM appc_a a JOIN appd_b b "
                                   "ON b.a_id = a.id GROUP BY 1, 2").fetchall()
                done = conn.execute("SELECT app || '/' || name FROM django_migrations "
                                    "ORDER BY 1").fetchall()
            assert got == [(1, 2, 1)]
            assert [d for (d,) in done] == ["appc/0001_initial", "appc/0001_squashed_0002",
                                            "appc/0002_a_x", "appc/0003_a_y", "appd/0001_b",
                                            "appd/0002_rows"]

        def test_each_step_its_commit_and_its_statements(pggit):
            # one session ran them all: each DDL statement still names its step, and each
            # step's commit holds its own change
            sources = {s for (s,) in pggit.execute(
                "SELECT DISTINCT source FROM pggit_v0.ddl_log WHERE source LIKE 'django/%'")}
            assert sources == {"django/appc/0001_squashed_0002", "django/appc/0003_a_y",
                               "django/appd/0001_b"}, sources
            messages = [c.message for c in pggit.history(4)]
            assert messages == ["django appd/0002_rows: Raw Python operation",
                                "django appd/0001_b: Create model B",
                                "django appc/0003_a_y: Add field y to a",
                                "django appc/0001_squashed_0002: Create model A"], messages
            assert pggit.diff("django/appc/0001_squashed_0002", "django/appc/0003_a_y").paths == [
                "public/table/appc_a/column/y"]
        """,
}


def test_steps_carry_djangos_project_state_over_a_squash(pytester: pytest.Pytester,
                                                          pggit_server: Server) -> None:
    """F5/F11: each forward step starts from the project state the previous one left (as
    ``manage.py migrate`` does), instead of rendering every model again; over a squashed
    migration (recorded as the migrations it replaces) the state is still right: a later
    migration, and a RunPython of another app, see the squash's models."""
    for name, text in SQUASHED.items():
        path = pytester.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "--pggit-no-cache")
    out = result.stdout.str()
    assert result.ret == 0, out
    assert "4 migration step(s) committed and tagged on main" in out, out
    # one full render for the first step's state; the three after it carry it (each of
    # them rendered the whole project again before)
    renders = int((pytester.path / "renders.txt").read_text())
    assert renders == 1, (renders, out)


ROUTED: Dict[str, str] = {
    "site_cfg/__init__.py": "",
    "site_cfg/settings.py": FILES["site_cfg/settings.py"].replace('["catalog"]', '["shop", "audit"]').replace(
        '"HOST": "nowhere.invalid"}}',
        '"HOST": "nowhere.invalid"},\n'
        '                     "audit": {"ENGINE": "django.db.backends.postgresql", "NAME": "audit",\n'
        '                               "HOST": "audit.invalid"}}\n'
        '        DATABASE_ROUTERS = ["site_cfg.routers.AuditRouter"]'),
    "site_cfg/routers.py": """
        class AuditRouter:
            def allow_migrate(self, db, app_label, model_name=None, **hints):
                if app_label == "audit":
                    return db == "audit"
                return db == "default"
        """,
    "shop/__init__.py": "",
    "shop/migrations/__init__.py": "",
    "shop/migrations/0001_initial.py": """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            operations = [migrations.CreateModel("Product", fields=[
                ("id", models.BigAutoField(primary_key=True)), ("price", models.IntegerField())])]
        """,
    "audit/__init__.py": "",
    "audit/migrations/__init__.py": "",
    "audit/migrations/0001_initial.py": """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            operations = [migrations.CreateModel("Event", fields=[
                ("id", models.BigAutoField(primary_key=True)), ("payload", models.TextField())])]
        """,
    "audit/migrations/0002_remove_event_payload.py": """
        from django.db import migrations

        class Migration(migrations.Migration):
            dependencies = [("audit", "0001_initial")]
            operations = [migrations.RemoveField("event", "payload")]
        """,
    "pytest.ini": FILES["pytest.ini"],
    "test_x.py": """
        def test_tables(pggit):
            return None
        """,
}


def test_a_migration_routed_to_another_database_is_not_passed_unseen(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """H1: DATABASE_ROUTERS send app audit to database 'audit'; the template stands for
    'default', where its migrations change nothing.  A new RemoveField there passed the
    gate unseen: now the ``routed`` check fails, naming the database; the gate run for
    that database (--pggit-django-database audit) judges it, and its template holds
    audit's tables, not shop's."""
    for name, text in ROUTED.items():
        path = pytester.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    args = [*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml", "--pggit-base",
            "django/audit/0001_initial", "-p", "no:cacheprovider"]
    result = pytester.runpytest_subprocess(*args)
    out = result.stdout.str()
    assert result.ret == 1, out
    cases = junit_cases(pytester.path / "gate.xml")
    assert cases["pggit.routed::django/audit/0002_remove_event_payload"] == "failure", cases
    assert "DATABASE_ROUTERS send it to 'audit', not to 'default'" in out, out
    assert [k for k in cases if k.startswith("pggit.hazards::")] == [
        "pggit.hazards::no hazardous statements"], cases   # nothing seen here

    result = pytester.runpytest_subprocess(*args, "--pggit-django-database", "audit")
    out = result.stdout.str()
    assert result.ret == 1, out
    cases = junit_cases(pytester.path / "gate.xml")
    assert cases["pggit.hazards::public/table/audit_event/column/payload"] == "failure", cases
    assert not [k for k, v in cases.items() if k.startswith("pggit.routed::") and v != "ok"], cases
    assert "shop_product" not in out, out   # the router keeps shop out of audit's template

    result = pytester.runpytest_subprocess(*args, "--pggit-django-database", "reporting")
    assert result.ret != 0
    assert "--pggit-django-database reporting: DATABASES has no alias 'reporting'" in result.stdout.str()


def test_ctrl_c_in_a_migration_stops_the_run_without_blaming_it(pytester: pytest.Pytester,
                                                                 pggit_server: Server) -> None:
    """H5: a KeyboardInterrupt while a step upgrades (the steps run as one batch) was
    reported as the migration's failure ("upgrade of step ... failed: KeyboardInterrupt",
    "hint: fix the step's upgrade", exit 1); it is an interrupted run (exit 2)."""
    files = {k: v for k, v in SQUASHED.items() if not k.startswith(("appc/", "appd/"))}
    files["site_cfg/settings.py"] = SQUASHED["site_cfg/settings.py"].replace('["appc", "appd"]', '["appe"]')
    files["conftest.py"] = ""
    files["appe/__init__.py"] = files["appe/migrations/__init__.py"] = ""
    files["appe/migrations/0001_initial.py"] = """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            operations = [migrations.CreateModel("A", fields=[("id", models.BigAutoField(primary_key=True))])]
        """
    files["appe/migrations/0002_interrupted.py"] = """
        import os, signal
        from django.db import migrations

        def stop(apps, schema_editor):
            os.kill(os.getpid(), signal.SIGINT)   # Ctrl-C while this migration runs

        class Migration(migrations.Migration):
            dependencies = [("appe", "0001_initial")]
            operations = [migrations.RunPython(stop, migrations.RunPython.noop)]
        """
    files["test_x.py"] = "def test_db(pggit_db):\n    pass\n"
    for name, text in files.items():
        path = pytester.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "--pggit-no-cache", "--pggit-gate")
    out = result.stdout.str() + result.stderr.str()
    assert result.ret == pytest.ExitCode.INTERRUPTED, out
    assert "upgrade of step" not in out and "fix the step" not in out, out
    assert "pggit gate:" not in out, out   # no verdict on an interrupted run


def test_a_squash_that_differs_from_what_it_replaces_fails_the_gate(pytester: pytest.Pytester,
                                                                     pggit_server: Server) -> None:
    """H6: a squashed migration edited by hand (a field left out) passed the default gate:
    the gate saw it create its app from nothing.  The squash check runs the migrations it
    replaces where the squash ran and compares: the same schema passes, another fails,
    naming the path."""
    files = {k: v for k, v in SQUASHED.items() if not k.startswith(("appc/", "appd/"))}
    files["site_cfg/settings.py"] = SQUASHED["site_cfg/settings.py"].replace('["appc", "appd"]', '["appq"]')
    files["conftest.py"] = ""
    files["appq/__init__.py"] = files["appq/migrations/__init__.py"] = ""
    files["appq/migrations/0001_initial.py"] = """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            operations = [migrations.CreateModel("Q", fields=[
                ("id", models.BigAutoField(primary_key=True)), ("x", models.IntegerField(null=True)),
                ("tmp", models.TextField(null=True))])]
        """
    # (a RemoveField: replayed from the recorded migrations' state, which already lacked
    # tmp, it raised KeyError on bakerydemo's squashes)
    files["appq/migrations/0002_q_sort.py"] = """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("appq", "0001_initial")]
            operations = [migrations.RemoveField("q", "tmp"),
                          migrations.AddField("q", "sort_order", models.IntegerField(default=0))]
        """
    squash = """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            replaces = [("appq", "0001_initial"), ("appq", "0002_q_sort")]
            operations = [migrations.CreateModel("Q", fields=[
                ("id", models.BigAutoField(primary_key=True)), ("x", models.IntegerField(null=True)),
                ("sort_order", models.IntegerField(default=0))])]
        """
    files["appq/migrations/0001_squashed_0002.py"] = squash
    files["test_x.py"] = "def test_db(pggit_db):\n    pass\n"
    for name, text in files.items():
        path = pytester.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    args = [*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml", "--pggit-base", "root"]
    result = pytester.runpytest_subprocess(*args)
    assert result.ret == 0, result.stdout.str()
    cases = junit_cases(pytester.path / "gate.xml")
    assert cases["pggit.squash::django/appq/0001_squashed_0002"] == "ok", cases
    (pytester.path / "appq/migrations/0001_squashed_0002.py").write_text(textwrap.dedent(
        squash.replace('\n                ("sort_order", models.IntegerField(default=0))', "")).lstrip())
    result = pytester.runpytest_subprocess(*args)
    out = result.stdout.str()
    assert result.ret == 1, out
    cases = junit_cases(pytester.path / "gate.xml")
    assert cases["pggit.squash::django/appq/0001_squashed_0002"] == "failure", cases
    assert "the squash makes another schema than the 2 migration(s) it replaces" in out, out
    assert "public/table/appq_q/column/sort_order" in out, out
    # the same columns in another order (wagtailimages' own squash, M17): a note, as for
    # the up/down check, failing with --pggit-strict-column-order
    (pytester.path / "appq/migrations/0001_squashed_0002.py").write_text(textwrap.dedent(squash.replace(
        '("x", models.IntegerField(null=True)),\n                ("sort_order", models.IntegerField(default=0))',
        '("sort_order", models.IntegerField(default=0)),\n                ("x", models.IntegerField(null=True))')).lstrip())
    result = pytester.runpytest_subprocess(*args)
    out = result.stdout.str()
    assert result.ret == 0, out
    assert "note: column order differs on public/table/appq_q" in out, out
    result = pytester.runpytest_subprocess(*args, "--pggit-strict-column-order")
    assert result.ret == 1, result.stdout.str()


def _one_app(pytester: pytest.Pytester, app: str, migrations: Dict[str, str]) -> None:
    """A project of one app ``app`` with ``migrations`` (file stem -> source) and one test."""
    files = {k: v for k, v in SQUASHED.items() if not k.startswith(("appc/", "appd/"))}
    files["site_cfg/settings.py"] = SQUASHED["site_cfg/settings.py"].replace('["appc", "appd"]', f'["{app}"]')
    files["conftest.py"] = ""
    files[f"{app}/__init__.py"] = files[f"{app}/migrations/__init__.py"] = ""
    for stem, text in migrations.items():
        files[f"{app}/migrations/{stem}.py"] = text
    files["test_x.py"] = "def test_db(pggit_db):\n    pass\n"
    for name, text in files.items():
        path = pytester.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())


INITIAL = """
    from django.db import migrations, models

    class Migration(migrations.Migration):
        initial = True
        operations = [migrations.CreateModel("Item", fields=[
            ("id", models.BigAutoField(primary_key=True)), ("a", models.IntegerField(null=True))])]
    """


def test_a_renamed_migration_whose_old_name_is_not_on_disk_passes_the_squash_check(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """K1: Django's idiom for renaming a migration (``replaces`` names the old name, whose
    file is gone; also a squash whose replaced files were deleted) made the squash check
    ERROR (NodeNotFoundError, "hint: fix the step's upgrade" of a step that does not
    exist).  Nothing to compare: no squash case, the gate passes."""
    _one_app(pytester, "appk", {
        "0001_initial": INITIAL,
        "0002_price": """
            from django.db import migrations, models

            class Migration(migrations.Migration):
                replaces = [("appk", "0002_add_price")]   # renamed from; no such file
                dependencies = [("appk", "0001_initial")]
                operations = [migrations.AddField("item", "price", models.IntegerField(null=True))]
            """,
    })
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml",
                                           "--pggit-base", "root")
    out = result.stdout.str()
    assert result.ret == 0, out
    cases = junit_cases(pytester.path / "gate.xml")
    assert not [k for k in cases if k.startswith("pggit.squash::")], cases
    assert "0002_add_price" not in out and "NodeNotFoundError" not in out, out


def test_a_squashed_data_migration_sees_the_models_as_migrate_left_them(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """M4: the squash check built a replaced migration's project state from its graph
    ancestors only; a replaced RunPython using another app's model saw that model as its
    ancestors left it, not as the migrations that ran before it in the plan did (wagtail's
    ``wagtailcore/0002_initial_data``: ContentType still had ``name``, dropped by
    contenttypes/0002, no ancestor of it, "column django_content_type.name does not
    exist").  The state is the one ``migrate`` carries: every migration before it."""
    files = {k: v for k, v in SQUASHED.items() if not k.startswith(("appc/", "appd/"))}
    files["site_cfg/settings.py"] = SQUASHED["site_cfg/settings.py"].replace('["appc", "appd"]',
                                                                              '["appm", "appn"]')
    files["conftest.py"] = ""
    files["test_x.py"] = "def test_db(pggit_db):\n    pass\n"
    for app in ("appm", "appn"):
        files[f"{app}/__init__.py"] = files[f"{app}/migrations/__init__.py"] = ""
    files["appm/migrations/0001_initial.py"] = """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            operations = [migrations.CreateModel("M", fields=[
                ("id", models.BigAutoField(primary_key=True)), ("x", models.IntegerField(null=True))])]
        """
    files["appm/migrations/0002_remove_m_x.py"] = """
        from django.db import migrations

        class Migration(migrations.Migration):
            dependencies = [("appm", "0001_initial")]
            operations = [migrations.RemoveField("m", "x")]
        """
    rows = """
        def rows(apps, schema_editor):   # an INSERT of every field the state gives M
            apps.get_model("appm", "M").objects.create()
        """
    files["appn/migrations/0001_initial.py"] = """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            dependencies = [("appm", "0001_initial")]   # not appm/0002: it ran before all the same
            operations = [migrations.CreateModel("N", fields=[("id", models.BigAutoField(primary_key=True))])]
        """
    files["appn/migrations/0002_rows.py"] = """
        from django.db import migrations
        %s
        class Migration(migrations.Migration):
            dependencies = [("appn", "0001_initial")]
            operations = [migrations.RunPython(rows, migrations.RunPython.noop)]
        """ % rows
    files["appn/migrations/0001_squashed_0002.py"] = """
        from django.db import migrations, models
        %s
        class Migration(migrations.Migration):
            initial = True
            replaces = [("appn", "0001_initial"), ("appn", "0002_rows")]
            dependencies = [("appm", "0001_initial")]
            operations = [migrations.CreateModel("N", fields=[("id", models.BigAutoField(primary_key=True))]),
                          migrations.RunPython(rows, migrations.RunPython.noop)]
        """ % rows
    for name, text in files.items():
        path = pytester.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    newest = pytester.path / "appn/migrations/0001_squashed_0002.py"   # the plan's last step
    os.utime(newest, (newest.stat().st_mtime + 60,) * 2)
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml",
                                           "--pggit-base", "root")
    out = result.stdout.str()
    cases = junit_cases(pytester.path / "gate.xml")
    assert cases["pggit.squash::django/appn/0001_squashed_0002"] == "ok", (cases, out)
    assert "does not exist" not in out, out


def test_after_a_failed_downgrade_the_older_downgrades_see_a_true_recorder(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """K2: a downgrade failing for real (RunPython without a reverse) left its row in
    django_migrations while the up/down walk put the schema back with pgGit; the first
    migration's correct downgrade then failed (the recorder, not empty, was not dropped:
    one error reported as two).  The failed step's row goes, as migrate would have done."""
    _one_app(pytester, "appk", {
        "0001_initial": INITIAL,
        "0002_bad_reverse": """
            from django.db import migrations

            def fwd(apps, schema_editor):
                pass

            class Migration(migrations.Migration):
                dependencies = [("appk", "0001_initial")]
                operations = [migrations.RunSQL("CREATE INDEX item_a ON appk_item (a)", "DROP INDEX item_a"),
                              migrations.RunPython(fwd)]   # no reverse: IrreversibleError
            """,
        "0003_b": """
            from django.db import migrations, models

            class Migration(migrations.Migration):
                dependencies = [("appk", "0002_bad_reverse")]
                operations = [migrations.AddField("item", "b", models.IntegerField(null=True))]
            """,
    })
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml",
                                           "--pggit-base", "root")
    out = result.stdout.str()
    assert result.ret == 1, out
    cases = junit_cases(pytester.path / "gate.xml")
    assert cases["pggit.updown::django/appk/0002_bad_reverse"] == "error", cases
    assert "IrreversibleError" in out, out
    assert cases["pggit.updown::django/appk/0003_b"] == "ok", cases
    assert cases["pggit.updown::django/appk/0001_initial"] == "ok", (cases, out)
    assert [k for k, v in cases.items() if v != "ok"] == ["pggit.updown::django/appk/0002_bad_reverse"], cases


def test_two_leaf_migrations_of_one_app_fail_the_gate(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """K6: two branches each added a migration on top of the same one, merged in git without
    ``makemigrations --merge``: ``manage.py migrate`` refuses the project ("Conflicting
    migrations detected"), the gate passed.  ``pggit.django::conflicts`` fails, naming the
    app, its leaves and the fix (as ``pggit.alembic::single_head`` for several heads);
    the tests still run."""
    leaf = """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("appk", "0001_initial")]
            operations = [migrations.AddField("item", "%s", models.IntegerField(null=True))]
        """
    _one_app(pytester, "appk", {"0001_initial": INITIAL, "0002_x": leaf % "x"})
    args = [*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml"]
    result = pytester.runpytest_subprocess(*args)
    assert result.ret == 0, result.stdout.str()
    assert junit_cases(pytester.path / "gate.xml")["pggit.django::conflicts"] == "ok"
    (pytester.path / "appk/migrations/0002_y.py").write_text(textwrap.dedent(leaf % "y").lstrip())
    result = pytester.runpytest_subprocess(*args)
    out = result.stdout.str()
    assert result.ret == 1, out
    result.assert_outcomes(passed=1)
    cases = junit_cases(pytester.path / "gate.xml")
    assert cases["pggit.django::conflicts"] == "failure", cases
    assert "app appk: 0002_x, 0002_y" in out and "makemigrations --merge appk" in out, out


def test_a_put_back_that_rows_do_not_fit_empties_the_table_and_the_walk_goes_on(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """K11 (wagtail's bakerydemo): after a real downgrade error the walk puts the schema
    back with pgGit's migration, which re-adds a column NOT NULL without a default (Django
    dropped it) on a table a data migration filled: the put-back failed, the walk ended
    and the older steps were never checked, with a hint about the user's data.  The
    scratch clone's table is emptied and the walk goes on; the case says so."""
    _one_app(pytester, "appk", {
        "0001_initial": INITIAL.replace(
            "])]", "]),\n            migrations.RunSQL(\"INSERT INTO appk_item (a) VALUES (1)\", migrations.RunSQL.noop)]"),
        "0002_qty": """
            from django.db import migrations, models

            class Migration(migrations.Migration):
                dependencies = [("appk", "0001_initial")]
                operations = [migrations.AddField("item", "qty", models.IntegerField(default=0))]
            """,
        "0003_drop_qty": """
            from django.db import migrations

            def fwd(apps, schema_editor):
                pass

            class Migration(migrations.Migration):
                dependencies = [("appk", "0002_qty")]
                operations = [migrations.RemoveField("item", "qty"), migrations.RunPython(fwd)]
            """,
    })
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml",
                                           "--pggit-base", "root")
    out = result.stdout.str()
    assert result.ret == 1, out
    cases = junit_cases(pytester.path / "gate.xml")
    assert [k for k, v in cases.items() if v != "ok"] == ["pggit.updown::django/appk/0003_drop_qty"], (cases, out)
    assert cases["pggit.updown::django/appk/0001_initial"] == "ok", cases
    assert "the walk emptied public.appk_item" in (pytester.path / "gate.xml").read_text()


def test_a_unique_constraint_back_under_django_s_name_is_a_note(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """K5 (django-oscar's offer/0002, 0003): ``unique=True`` made inline is named
    ``<table>_<col>_key`` by PostgreSQL; the reverse of ``AlterField(unique=False)`` adds it
    back as ``<table>_<col>_<hash>_uniq``.  Same definition, another name: the up/down
    check failed the correct migration.  It is a note now, a failure with
    --pggit-strict-column-order."""
    _one_app(pytester, "appk", {
        "0001_initial": INITIAL.replace('("a", models.IntegerField(null=True))',
                                        '("a", models.IntegerField(null=True)), ("name", models.CharField('
                                        'max_length=50, unique=True))'),
        "0002_not_unique": """
            from django.db import migrations, models

            class Migration(migrations.Migration):
                dependencies = [("appk", "0001_initial")]
                operations = [migrations.AlterField("item", "name", models.CharField(max_length=50))]
            """,
    })
    args = [*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml"]
    result = pytester.runpytest_subprocess(*args)
    out = result.stdout.str()
    assert result.ret == 0, out
    assert junit_cases(pytester.path / "gate.xml")["pggit.updown::django/appk/0002_not_unique"] == "ok"
    assert "constraint/appk_item_name_key came back as appk_item_name_" in (pytester.path / "gate.xml").read_text()
    result = pytester.runpytest_subprocess(*args, "--pggit-strict-column-order")
    assert result.ret == 1, result.stdout.str()


def test_a_data_migration_emptying_a_table_fails_the_gate_unless_allowed(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """M1 (healthchecks): ``RunSQL("DELETE FROM api_ping; TRUNCATE api_flip")`` changed no
    schema, carried no hazard, and the gate passed.  The ``data`` check reads RunSQL's
    SQL: emptying a table fails as data_deletion until ``pggit_allow`` says why; RunPython
    code is named as not seen, not failing."""
    purge = """
        from django.db import migrations

        def forwards(apps, schema_editor):
            pass
        %s
        class Migration(migrations.Migration):
            dependencies = [("appk", "0001_initial")]
            operations = [migrations.RunSQL("DELETE FROM appk_item; UPDATE appk_item SET a = 1",
                                            migrations.RunSQL.noop),
                          migrations.RunPython(forwards, migrations.RunPython.noop)]
        """
    _one_app(pytester, "appk", {"0001_initial": INITIAL, "0002_purge": purge % ""})
    args = [*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml"]
    result = pytester.runpytest_subprocess(*args)
    out = result.stdout.str()
    assert result.ret == 1, out
    cases = junit_cases(pytester.path / "gate.xml")
    assert cases["pggit.data::django/appk/0002_purge"] == "failure", cases
    assert [k for k, v in cases.items() if v != "ok"] == ["pggit.data::django/appk/0002_purge"], cases
    assert "django/appk/0002_purge RunSQL #1: DELETE appk_item (every row)" in out, out
    assert re.search(r"RunPython forwards \(line \d+\): the gate cannot see which rows it changes", out), out
    (pytester.path / "appk/migrations/0002_purge.py").write_text(textwrap.dedent(
        purge % 'pggit_allow = {"data_deletion": "items are re-imported nightly"}').lstrip())
    result = pytester.runpytest_subprocess(*args)
    out = result.stdout.str()
    assert result.ret == 0, out
    assert "items are re-imported nightly" in out, out


def test_a_runpython_deleting_every_row_is_seen_on_a_cache_hit_too(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """M9: ``apps.get_model(...).objects.all().delete()`` in a RunPython was only named as
    code the gate cannot see.  The statements a step sends go through Django's
    ``execute_wrapper`` while the template is built, and are kept with the cached
    template: the second run (a cache hit, nothing re-run) judges them the same."""
    _one_app(pytester, "appk", {"0001_initial": INITIAL, "0002_purge": """
        from django.db import migrations

        def forwards(apps, schema_editor):
            apps.get_model("appk", "Item").objects.all().delete()

        class Migration(migrations.Migration):
            dependencies = [("appk", "0001_initial")]
            operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
        """})
    args = [*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml"]
    for attempt in ("miss", "hit"):
        result = pytester.runpytest_subprocess(*args)
        out = result.stdout.str()
        assert result.ret == 1, (attempt, out)
        assert f"template cache {attempt}" in out, out
        assert junit_cases(pytester.path / "gate.xml")["pggit.data::django/appk/0002_purge"] == "failure"
        assert re.search(r'django/appk/0002_purge RunPython forwards \(line \d+\): DELETE "appk_item" '
                         r'\(every row\)', out), out
        assert "cannot see" not in out, out   # (U1: the code that sent it is seen in part)
        assert "RunPython forwards (line 3): sent the statements above on the template's empty tables" in out, out


def test_an_orm_update_setting_every_row_to_one_value_fails_the_gate(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """U11: ``Model.objects.update(col="")`` sends ``UPDATE t SET "col" = %s``: a bound
    parameter is one value for every row, as a literal is, but only the literal failed."""
    _one_app(pytester, "appk", {"0001_initial": INITIAL, "0002_reset": """
        from django.db import migrations

        def forwards(apps, schema_editor):
            apps.get_model("appk", "Item").objects.update(a=7)

        class Migration(migrations.Migration):
            dependencies = [("appk", "0001_initial")]
            operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
        """})
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml")
    out = result.stdout.str()
    assert result.ret == 1, out
    assert junit_cases(pytester.path / "gate.xml")["pggit.data::django/appk/0002_reset"] == "failure", out
    assert "loses every value of " in out and "appk_item" in out and ".a (data_deletion)" in out, out


def test_an_orm_delete_that_collects_rows_first_is_read_from_the_code(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """M14: a model with a cascading foreign key to it makes Django collect the rows
    before it deletes them; on the template's empty tables ``Item.objects.all().delete()``
    sent a SELECT and no DELETE, so the step was only "not seen" and the gate passed.
    The RunPython's source is read: every row of appk_item fails; a ``.filter(...)``
    delete is reported."""
    initial = """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            operations = [
                migrations.CreateModel("Item", fields=[("id", models.BigAutoField(primary_key=True))]),
                migrations.CreateModel("Tag", fields=[
                    ("id", models.BigAutoField(primary_key=True)),
                    ("item", models.ForeignKey("appk.Item", on_delete=models.CASCADE))])]
        """
    purge = """
        from django.db import migrations

        def forwards(apps, schema_editor):
            Item = apps.get_model("appk", "Item")
            Item.objects.all().delete()
            for tag in apps.get_model("appk", "Tag").objects.filter(id__lt=10):
                tag.delete()

        class Migration(migrations.Migration):
            dependencies = [("appk", "0001_initial")]
            operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
        """
    _one_app(pytester, "appk", {"0001_initial": initial, "0002_purge": purge})
    args = [*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml"]
    result = pytester.runpytest_subprocess(*args)
    out = result.stdout.str()
    assert result.ret == 1, out
    assert junit_cases(pytester.path / "gate.xml")["pggit.data::django/appk/0002_purge"] == "failure"
    assert "django/appk/0002_purge RunPython forwards line 5: DELETE appk_item (every row)" in out, out
    assert "Item.objects.all().delete() (Django ORM)" in out
    assert "RunPython forwards line 7: DELETE appk_tag\n" in out, out   # some rows: reported


def test_a_replaced_data_migration_does_not_meet_the_rows_the_squash_wrote(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """The squash check's clone, checked out at the commit before the squash, kept the
    rows the squash (and every later step) wrote into tables older than it: a replaced
    data migration writing its rows again failed on them (bakerydemo: duplicate key
    "auth_group_name_key" in wagtailcore/0002_initial_data).  A database migrated before
    the squash existed had none of them."""
    files = {k: v for k, v in SQUASHED.items() if not k.startswith(("appc/", "appd/"))}
    files["site_cfg/settings.py"] = SQUASHED["site_cfg/settings.py"].replace('["appc", "appd"]',
                                                                              '["appr", "apps"]')
    files["conftest.py"] = ""
    files["test_x.py"] = "def test_db(pggit_db):\n    pass\n"
    for app in ("appr", "apps"):
        files[f"{app}/__init__.py"] = files[f"{app}/migrations/__init__.py"] = ""
    files["appr/migrations/0001_initial.py"] = """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            operations = [migrations.CreateModel("Group", fields=[
                ("id", models.BigAutoField(primary_key=True)), ("name", models.TextField(unique=True))])]
        """
    rows = """
        def rows(apps, schema_editor):
            apps.get_model("appr", "Group").objects.create(name="Moderators")
        """
    files["apps/migrations/0001_initial.py"] = """
        from django.db import migrations, models
        %s
        class Migration(migrations.Migration):
            initial = True
            dependencies = [("appr", "0001_initial")]
            operations = [migrations.CreateModel("S", fields=[("id", models.BigAutoField(primary_key=True))])]
        """ % ""
    files["apps/migrations/0002_rows.py"] = """
        from django.db import migrations
        %s
        class Migration(migrations.Migration):
            dependencies = [("apps", "0001_initial")]
            operations = [migrations.RunPython(rows, migrations.RunPython.noop)]
        """ % rows
    files["apps/migrations/0001_squashed_0002.py"] = """
        from django.db import migrations, models
        %s
        class Migration(migrations.Migration):
            initial = True
            replaces = [("apps", "0001_initial"), ("apps", "0002_rows")]
            dependencies = [("appr", "0001_initial")]
            operations = [migrations.CreateModel("S", fields=[("id", models.BigAutoField(primary_key=True))]),
                          migrations.RunPython(rows, migrations.RunPython.noop)]
        """ % rows
    for name, text in files.items():
        path = pytester.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml",
                                           "--pggit-base", "root")
    out = result.stdout.str()
    cases = junit_cases(pytester.path / "gate.xml")
    assert cases["pggit.squash::django/apps/0001_squashed_0002"] == "ok", (cases, out)
    assert "duplicate key" not in out, out
    assert "rebuilt up to the step before it" in out, out


def test_a_new_migration_run_before_an_applied_one_fails_the_history_check(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """M12 (healthchecks): a new migration with ``run_before`` an old one passed the gate,
    while ``manage.py migrate`` refuses every database that applied the old one
    (InconsistentMigrationHistory).  ``pggit.history::<new>`` fails, naming the old one;
    a new migration on top of the old ones passes it."""
    import subprocess

    _one_app(pytester, "appk", {"0001_initial": INITIAL, "0002_b": """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("appk", "0001_initial")]
            operations = [migrations.AddField("item", "b", models.IntegerField(null=True))]
        """})
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=pytester.path, check=True)
    subprocess.run(git + ["add", "-A"], cwd=pytester.path, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "two migrations"], cwd=pytester.path, check=True)
    new = """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("appk", "0001_initial")]
            run_before = [("appk", "0002_b")]
            operations = [migrations.AddField("item", "c", models.IntegerField(null=True))]
        """
    (pytester.path / "appk/migrations/0003_c.py").write_text(textwrap.dedent(new).lstrip())
    args = [*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml"]
    result = pytester.runpytest_subprocess(*args)
    out = result.stdout.str()
    assert result.ret == 1, out
    cases = junit_cases(pytester.path / "gate.xml")
    assert cases["pggit.history::django/appk/0003_c"] == "failure", cases
    assert "django/appk/0002_b comes after django/appk/0003_c now" in out, out
    assert "InconsistentMigrationHistory" in out, out
    (pytester.path / "appk/migrations/0003_c.py").write_text(textwrap.dedent(
        new.replace('dependencies = [("appk", "0001_initial")]', 'dependencies = [("appk", "0002_b")]')
           .replace('run_before = [("appk", "0002_b")]', "")).lstrip())
    result = pytester.runpytest_subprocess(*args)
    assert result.ret == 0, result.stdout.str()
    assert not [k for k in junit_cases(pytester.path / "gate.xml") if k.startswith("pggit.history::")]


def test_a_new_squash_is_no_history_failure(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """The review of M12 (R19): a squash of committed migrations, added in a new commit,
    failed the history check (the migration after the replaced ones depends on the squash
    in Django's graph), though Django counts it applied wherever they all are."""
    import subprocess

    def mig(dep: str, field: str) -> str:
        return f"""
            from django.db import migrations, models

            class Migration(migrations.Migration):
                dependencies = [("appk", "{dep}")]
                operations = [migrations.AddField("item", "{field}", models.IntegerField(null=True))]
            """
    _one_app(pytester, "appk", {"0001_initial": INITIAL, "0002_b": mig("0001_initial", "b"),
                                "0003_c": mig("0002_b", "c")})
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=pytester.path, check=True)
    subprocess.run(git + ["add", "-A"], cwd=pytester.path, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "three"], cwd=pytester.path, check=True)
    (pytester.path / "appk/migrations/0001_squashed_0002_b.py").write_text(textwrap.dedent("""
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            replaces = [("appk", "0001_initial"), ("appk", "0002_b")]
            operations = [migrations.CreateModel("Item", fields=[
                ("id", models.BigAutoField(primary_key=True)), ("a", models.IntegerField(null=True)),
                ("b", models.IntegerField(null=True))])]
        """).lstrip())
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml")
    out = result.stdout.str()
    assert result.ret == 0, out
    cases = junit_cases(pytester.path / "gate.xml")
    assert not [k for k in cases if k.startswith("pggit.history::")], cases
    assert cases["pggit.squash::django/appk/0001_squashed_0002_b"] == "ok", cases


def test_a_deployed_migration_renamed_without_replaces_fails_the_history_check(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """M18 (healthchecks): ``git mv`` of a committed migration, no ``replaces``: every
    database that ran it keeps the old name recorded, and ``migrate`` runs the renamed one
    again ("relation already exists"); the gate passed it as a new migration.  With
    ``replaces`` naming the old name (Django's idiom) it passes."""
    import subprocess

    add = """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("appk", "0001_initial")]
            %s
            operations = [migrations.AddField("item", "b", models.IntegerField(null=True))]
        """
    _one_app(pytester, "appk", {"0001_initial": INITIAL, "0002_t": add % ""})
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=pytester.path, check=True)
    subprocess.run(git + ["add", "-A"], cwd=pytester.path, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "two"], cwd=pytester.path, check=True)
    subprocess.run(git + ["mv", "appk/migrations/0002_t.py", "appk/migrations/0002_item_b.py"],
                   cwd=pytester.path, check=True)
    args = [*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml"]
    result = pytester.runpytest_subprocess(*args)
    out = result.stdout.str()
    assert result.ret == 1, out
    assert junit_cases(pytester.path / "gate.xml")["pggit.history::django/appk/0002_t"] == "failure"
    assert ("django/appk/0002_t was renamed to django/appk/0002_item_b and no migration replaces it" in out
            and "runs django/appk/0002_item_b there again" in out), out
    (pytester.path / "appk/migrations/0002_item_b.py").write_text(textwrap.dedent(
        add % 'replaces = [("appk", "0002_t")]').lstrip())
    result = pytester.runpytest_subprocess(*args)
    assert result.ret == 0, result.stdout.str()


def test_a_deployed_migration_deleted_says_deleted(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """Y8 (tester B9): a reverted (deleted) migration was reported as "renamed", "runs its
    renamed copy again (its tables exist there)": nothing was renamed."""
    import subprocess

    add = """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("appk", "0001_initial")]
            operations = [migrations.AddField("item", "b", models.IntegerField(null=True))]
        """
    _one_app(pytester, "appk", {"0001_initial": INITIAL, "0002_t": add})
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=pytester.path, check=True)
    subprocess.run(git + ["add", "-A"], cwd=pytester.path, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "two"], cwd=pytester.path, check=True)
    subprocess.run(git + ["rm", "-q", "appk/migrations/0002_t.py"], cwd=pytester.path, check=True)
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "--pggit-gate")
    out = result.stdout.str()
    assert result.ret == 1, out
    assert "django/appk/0002_t was deleted and no migration replaces it: databases that ran it keep what it made" \
        in out, out
    assert "renamed" not in out.split("pggit gate:")[-1], out


def test_the_second_stage_of_a_squash_is_no_history_failure(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """U13: Django's squash, second stage: once every database ran the release holding the
    squash, the replaced files and the ``replaces`` list are deleted.  Each deleted file
    failed the history check ("gone and no migration replaces it"), though ``migrate``
    recorded the squash as applied wherever the replaced ones were.  The squash's
    committed version still says what it replaces: no failure, a note."""
    import subprocess

    def mig(dep: str, field: str) -> str:
        return f"""
            from django.db import migrations, models

            class Migration(migrations.Migration):
                dependencies = [("appk", "{dep}")]
                operations = [migrations.AddField("item", "{field}", models.IntegerField(null=True))]
            """
    _one_app(pytester, "appk", {"0001_initial": INITIAL, "0002_b": mig("0001_initial", "b")})
    squash = textwrap.dedent("""
        from django.db import migrations, models

        class Migration(migrations.Migration):
            initial = True
            replaces = [("appk", "0001_initial"), ("appk", "0002_b")]
            operations = [migrations.CreateModel("Item", fields=[
                ("id", models.BigAutoField(primary_key=True)), ("a", models.IntegerField(null=True)),
                ("b", models.IntegerField(null=True))])]
        """).lstrip()
    path = pytester.path / "appk/migrations/0001_squashed_0002_b.py"
    path.write_text(squash)
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=pytester.path, check=True)
    subprocess.run(git + ["add", "-A"], cwd=pytester.path, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "release with the squash"], cwd=pytester.path, check=True)
    path.write_text(squash.replace('    replaces = [("appk", "0001_initial"), ("appk", "0002_b")]\n', ""))
    for name in ("0001_initial", "0002_b"):
        subprocess.run(git + ["rm", "-q", f"appk/migrations/{name}.py"], cwd=pytester.path, check=True)
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml", "-v")
    out = result.stdout.str()
    assert result.ret == 0, out
    cases = junit_cases(pytester.path / "gate.xml")
    assert cases["pggit.history::django/appk/0001_initial"] == "ok", cases
    assert "django/appk/0002_b is gone, replaced by django/appk/0001_squashed_0002_b, whose committed version " \
           "says so" in out, out
    # a file deleted that nothing replaced, ever, still fails
    subprocess.run(git + ["commit", "-qam", "second stage"], cwd=pytester.path, check=True)
    subprocess.run(git + ["rm", "-q", "appk/migrations/0001_squashed_0002_b.py"], cwd=pytester.path, check=True)
    (pytester.path / "appk/migrations/0001_other.py").write_text(squash.replace(
        '    replaces = [("appk", "0001_initial"), ("appk", "0002_b")]\n', ""))
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml")
    assert result.ret == 1, result.stdout.str()
    assert junit_cases(pytester.path / "gate.xml")["pggit.history::django/appk/0001_squashed_0002_b"] == "failure"
