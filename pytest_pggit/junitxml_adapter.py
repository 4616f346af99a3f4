"""Extra test cases in pytest's own ``--junitxml`` file (the gate's checks).

pytest offers no public way to add test cases to that file: ``record_property`` and
``record_testsuite_property`` add properties only.  So this module holds the one use
of a private pytest name in pytest-pggit, ``_pytest.junitxml.xml_key`` (the stash key
of the junitxml plugin's ``LogXML`` object, unchanged since pytest 6.2), and feeds
that object public :class:`pytest.TestReport` objects through its
``pytest_runtest_logreport`` hook method, as pytest does for every test.  pytest then
writes the cases by its own rules (``--junitprefix``, ``junit_family``,
``junit_logging``, ``junit_duration_report``).

Rewriting the file after pytest wrote it would need no private name, but would have to
copy those rules and run after the junitxml plugin's ``pytest_sessionfinish``, which
is where the terminal summary that reports on the gate is printed.

If a pytest release renames the key, :func:`add_test_cases` adds nothing and returns
None (the run goes on; the caller says so), and ``tests/test_junitxml_adapter.py``
fails.
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional, Sequence

import pytest


@dataclass(frozen=True)
class ExtraCase:
    """One test case: ``classname`` (dotted, e.g. ``pggit.hazards``) and ``name``."""

    classname: str
    name: str
    failed: bool
    text: str  # the failure message and text, and the case's captured output
    seconds: float = 0.0
    #: the file (relative to rootdir) and 1-based line the case is about, when known:
    #: pytest writes them as the ``file`` and ``line`` attributes with
    #: ``junit_family=xunit1`` (xunit2 has no such attributes, for pytest's own tests
    #: either), and as the case's ``file``/``line`` properties in both
    file: Optional[str] = None
    line: Optional[int] = None


def add_test_cases(config: pytest.Config, cases: Sequence[ExtraCase]) -> Optional[int]:
    """Add ``cases`` to the ``--junitxml`` file; call before the junitxml plugin's
    ``pytest_sessionfinish`` writes it (``tryfirst``).  Returns how many were added: 0
    without ``--junitxml`` (or in an xdist worker), None when pytest's junitxml plugin
    cannot be reached."""
    try:
        from _pytest.junitxml import xml_key
    except ImportError:
        return None
    xml = config.stash.get(xml_key, None)
    if xml is None:
        return 0
    for case in cases:
        # junitxml turns the node id "a/b::name" into classname "a.b" and name "name"
        path = case.classname.replace(".", "/")
        nodeid = f"{path}::{case.name}"
        location = (case.file or path, case.line, case.name)
        where = [("file", case.file)] + ([("line", str(case.line))] if case.line else []) \
            if case.file else []
        outcome: Literal["passed", "failed"] = "failed" if case.failed else "passed"
        call = pytest.TestReport(nodeid, location, {}, outcome, case.text if case.failed else None,
                                 "call", sections=[("Captured stdout call", case.text)],
                                 duration=case.seconds)
        teardown = pytest.TestReport(nodeid, location, {}, "passed", None, "teardown",
                                     user_properties=where)
        xml.pytest_runtest_logreport(call)
        xml.pytest_runtest_logreport(teardown)
    return len(cases)
