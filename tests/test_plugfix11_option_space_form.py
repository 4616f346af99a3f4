"""``--pggit-report PATH`` (space form) of an existing file outside the project made
pytest ignore the project's ini (tester B11's BC7): an error now, naming the = form."""
from __future__ import annotations

import pytest


def test_a_report_path_taken_for_a_test_path_is_refused(pytester: pytest.Pytester,
                                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("reports") / "gate.md"
    outside.write_text("old report\n")
    pytester.makeini("[pytest]\npggit = true\npggit_schema = schema\n")
    (pytester.path / "schema").mkdir()
    (pytester.path / "schema" / "001.sql").write_text("CREATE TABLE t (a int);\n")
    pytester.makepyfile(test_ok="def test_ok():\n    pass\n")
    result = pytester.runpytest_subprocess("--pggit", "--pggit-report", str(outside), "--co")
    out = result.stdout.str() + result.stderr.str()
    assert result.ret == pytest.ExitCode.USAGE_ERROR, out
    assert f"write --pggit-report={outside}" in out, out
