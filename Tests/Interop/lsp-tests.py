"""Runs the pytest-lsp tests of `aafilter lsp` (Tests/Interop/lsp) and prints their counts.

Run by the interop harness (Sources/aafilter-interop) with $AAFILTER, the built tool; each test
starts `aafilter lsp` as its own process and drives it with pytest-lsp's client. Ends with
`pytest-lsp: N passed, N failed`; a skipped test, an error in a fixture, or no test at all is
a failure, since every test here must run.
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the repository

import importlib.util

# Looked up, not imported: pytest must import its plugins itself to rewrite their asserts.
if importlib.util.find_spec("pytest") is None or importlib.util.find_spec("pytest_lsp") is None:
    print("pytest-lsp is missing; run scripts/interop, which installs it")
    sys.exit(3)

import pytest  # noqa: E402


class Counts:
    """Counts each test once: failed when its setup, call or teardown failed or skipped."""

    def __init__(self):
        self.outcomes = {}

    def pytest_runtest_logreport(self, report):
        if report.failed or report.skipped:
            self.outcomes[report.nodeid] = "failed"
        elif report.when == "call":
            self.outcomes.setdefault(report.nodeid, "passed")

    @property
    def passed(self):
        return sum(1 for outcome in self.outcomes.values() if outcome == "passed")

    @property
    def failed(self):
        return len(self.outcomes) - self.passed


counts = Counts()
status = pytest.main(["-q", "--no-header", "-rfEs", *sys.argv[1:]], plugins=[counts])
passed, failed = counts.passed, counts.failed
if passed + failed == 0 or (status != 0 and failed == 0):
    print(f"pytest ended with status {status} without a failed test to show for it")
    failed += 1
print(f"pytest-lsp: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
