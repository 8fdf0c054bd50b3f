"""Pytest plugin: load sphinx_apa7 in every Sphinx app that sphinxcontrib-bibtex's tests build.

The ``bibtex-compat`` nox session runs sphinxcontrib-bibtex's own test suite, from the sdist of
the installed version, once as shipped and once with ``-p upstream_plugin``; loading our
extension must change none of its results.

Every Sphinx app makes its configuration through ``Config.__init__`` (``Config.read`` too), so
the extension is added there: appended after the test root's own ``extensions``, as a user's
``conf.py`` would list it, in every app that loads ``sphinxcontrib.bibtex``. Apps without it
(the docutils-only and the natbib test roots) are left alone: nobody loads an APA style for
sphinxcontrib-bibtex without sphinxcontrib-bibtex. ``BIBTEX_COMPAT_EXTENSION`` names another
extension to load instead (default: ``sphinx_apa7``).
"""

from __future__ import annotations

import functools
import importlib
import os
from typing import Any

import pytest
from sphinx.config import Config

EXTENSION = os.environ.get("BIBTEX_COMPAT_EXTENSION", "sphinx_apa7")
#: How many configurations got the extension; a run where none did tested nothing.
_added: list[str] = []


def _add_extension() -> None:
    original = Config.__init__

    @functools.wraps(original)
    def init(self: Config, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        if "sphinxcontrib.bibtex" in self.extensions and EXTENSION not in self.extensions:
            self.extensions = [*self.extensions, EXTENSION]
            _added.append(EXTENSION)

    Config.__init__ = init  # type: ignore[method-assign]


def pytest_configure(config: pytest.Config) -> None:
    importlib.import_module(EXTENSION)  # fail once, here, if it is not installed
    _add_extension()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if session.testscollected and not _added:
        session.exitstatus = pytest.ExitCode.USAGE_ERROR


def pytest_terminal_summary(terminalreporter: Any) -> None:
    terminalreporter.write_line(
        f"upstream_plugin: {EXTENSION} added to {len(_added)} Sphinx configurations"
    )
