"""Shared pytest setup: Sphinx's own testing fixtures and the test roots."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

# The conf.py files in tests/roots are Sphinx projects, not test modules.
collect_ignore = ["roots"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where `@pytest.mark.sphinx(testroot="x")` finds `roots/test-x`."""
    return Path(__file__).parent.resolve() / "roots"


def pytest_report_header() -> list[str]:
    import docutils
    import sphinx

    return [f"sphinx {sphinx.__version__}, docutils {docutils.__version__}"]
