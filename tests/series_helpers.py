"""Helpers shared by the series extension's tests."""

from __future__ import annotations

import os
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
