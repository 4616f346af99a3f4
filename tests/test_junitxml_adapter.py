"""The adapter that adds test cases to pytest's own --junitxml file
(pytest_pggit/junitxml_adapter.py: the one private pytest name pytest-pggit uses).

If a pytest release renames ``_pytest.junitxml.xml_key``, test_cases_land_in_the_file
fails here first; the gate's own end-to-end check is in tests/test_reports.py.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from pytest_pggit.junitxml_adapter import ExtraCase, add_test_cases

CONFTEST = """
import pathlib, pytest
from pytest_pggit.junitxml_adapter import ExtraCase, add_test_cases

@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session):
    added = add_test_cases(session.config, [
        ExtraCase("extra.group", "fine", False, "OK: all good", 0.25),
        ExtraCase("extra.group", "public/table/t", True, "FAILED: it broke\\n\\ndetails", 0.5),
    ])
    pathlib.Path("added.txt").write_text(repr(added))
"""


@pytest.mark.parametrize("family", ["xunit1", "xunit2"])
def test_cases_land_in_the_file(pytester: pytest.Pytester, family: str) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile("def test_real():\n    pass\n")
    pytester.makeini(f"[pytest]\njunit_family = {family}\n")
    result = pytester.runpytest("--junitxml", "out.xml", "-p", "no:pggit")
    result.assert_outcomes(passed=1)  # the extra cases are not tests of this session
    assert (pytester.path / "added.txt").read_text() == "2"
    root = ET.parse(pytester.path / "out.xml").getroot()
    (suite,) = root.iter("testsuite")
    cases = {f"{c.get('classname')}::{c.get('name')}": c for c in suite.iter("testcase")}
    assert set(cases) == {"test_cases_land_in_the_file::test_real", "extra.group::fine",
                          "extra.group::public/table/t"}
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "0")
    assert cases["extra.group::fine"].find("failure") is None
    assert float(cases["extra.group::fine"].get("time")) == pytest.approx(0.25)
    failure = cases["extra.group::public/table/t"].find("failure")
    assert failure.get("message").startswith("FAILED: it broke") and "details" in failure.text


def test_without_junitxml_nothing_is_added(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile("def test_real():\n    pass\n")
    pytester.runpytest("-p", "no:pggit").assert_outcomes(passed=1)
    assert (pytester.path / "added.txt").read_text() == "0"


def test_a_renamed_private_key_adds_nothing(pytestconfig: pytest.Config,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr("_pytest.junitxml.xml_key")
    assert add_test_cases(pytestconfig, [ExtraCase("x.y", "z", False, "")]) is None
