"""Helpers shared by the series extension's tests."""

from __future__ import annotations

import os
import re
import shutil
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.application import Sphinx


def copy_root(rootdir: Path, name: str, tmp_path: Path) -> Path:
    """Copy ``tests/roots/test-<name>`` into a private source folder."""
    srcdir = tmp_path / name
    shutil.copytree(rootdir / f"test-{name}", srcdir)
    return srcdir


def touch_later(path: Path, seconds: int = 5) -> None:
    """Push *path*'s mtime forward so Sphinx sees it as changed, whatever the clock."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


def edit(path: Path, old: str, new: str) -> None:
    """Replace *old* by *new* in *path* (it must occur) and mark the file changed."""
    text = path.read_text(encoding="utf8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf8")
    touch_later(path)


def record_written(app: Sphinx) -> list[str]:
    """Return a list that fills with each docname resolved for writing."""
    written: list[str] = []
    app.connect("doctree-resolved", lambda _app, _doctree, docname: written.append(docname))
    return written


def page(app: Sphinx, docname: str, suffix: str = ".html") -> BeautifulSoup:
    """Parse an output page."""
    return BeautifulSoup(
        (app.outdir / (docname + suffix)).read_text(encoding="utf8"), "html.parser"
    )


def series_navs(soup: BeautifulSoup) -> list[Tag]:
    """Return the series ``<nav>`` landmarks of a page, top first."""
    return soup.find_all("nav", class_="series-nav")


def text_of(tag: Tag) -> str:
    """Return *tag*'s text with whitespace collapsed."""
    return " ".join(tag.get_text(" ").split())


CONF = """\
extensions = ["myst_parser", "sphinx_post_series"]
project = "Hostile"
author = "Test"
copyright = "2026, Test"
version = release = "1.0"
exclude_patterns = ["_build", "_*"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
latex_engine = "xelatex"
latex_documents = [("index", "site.tex", "Site", "Test", "manual")]
"""
INDEX = "# Index\n\n```{toctree}\n:glob:\n\n*\n```\n"


def write_site(srcdir: Path, files: dict[str, str], conf: str = "") -> Path:
    """Write a small project: *files* (relative path to text), an index and a conf.py."""
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(CONF + conf, encoding="utf8")
    files = {"index.md": INDEX, **files}
    for name, text in files.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf8")
    return srcdir


def post(series: str, title: str, *, extra: str = "", body: str = "Body.") -> str:
    """Return a MyST post in *series* (a YAML scalar, written as is)."""
    return f"---\nseries: {series}\n{extra}---\n\n# {title}\n\n{body}\n"


_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_LOCATED = re.compile(
    r"^(?P<path>\S+?):(?P<line>\d+): WARNING: .* \[(?P<type>\w+)\.(?P<subtype>\w+)\]$"
)


def located_warnings(app: Sphinx) -> list[tuple[str, int, str]]:
    """Return each warning as (file name, line, subtype); fail on any unlocated or untyped one."""
    found = []
    for line in _COLOUR.sub("", app.warning.getvalue()).splitlines():
        match = _LOCATED.match(line)
        assert match, f"unlocated or untyped warning: {line!r}"
        assert int(match["line"]) >= 1, line
        found.append((match["path"].rpartition("/")[2], int(match["line"]), match["subtype"]))
    return found
