"""Tests that need TeX, Java or a browser skip on a laptop without them, but never in CI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from toolchain import DEBIAN_PACKAGES

EPUBCHECK_JAR = "/usr/share/java/epubcheck.jar"


def is_ci() -> bool:
    """True in CI, where a missing tool is a failure rather than a reason to skip."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_tools(*tools: str) -> None:
    """Skip (or, under CI=true, fail) the calling test when a system tool is missing."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    packages = " ".join(DEBIAN_PACKAGES.get(tool, tool) for tool in missing)
    message = f"{', '.join(missing)} not installed (apt-get install {packages})"
    if is_ci():
        pytest.fail(message)
    pytest.skip(message)


def require_epubcheck() -> str:
    """Return the path of Debian's epubcheck jar, skipping or failing as `require_tools` does."""
    require_tools("java")
    if Path(EPUBCHECK_JAR).exists():
        return EPUBCHECK_JAR
    message = f"{EPUBCHECK_JAR} not installed (apt-get install epubcheck)"
    if is_ci():
        pytest.fail(message)
    pytest.skip(message)
