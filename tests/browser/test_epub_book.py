"""The e-book: every post chapter carries its series boxes, and their links stay in the book."""

from __future__ import annotations

import posixpath
import re
import zipfile
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from browser_tools import one_line
from outputs import epubcheck

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from playwright.sync_api import Browser

#: Links in the series components: boxes on posts, contents on landing pages, the series index
#: (on the home page, which stays on the web: the e-book opens with book.md instead).
SERIES_LINKS = "nav.series-nav a[href], div.series-contents a[href], ul.series-index a[href]"
FIRST_POST = "posts/healthy-intimacy-part-1.xhtml"
OPF = "{http://www.idpf.org/2007/opf}"


def manifest(book: zipfile.ZipFile) -> set[str]:
    """Paths (inside the zip) of every file the package document declares."""
    container = ElementTree.fromstring(book.read("META-INF/container.xml"))
    opf_path = next(
        element.get("full-path") for element in container.iter() if element.get("full-path")
    )
    opf = ElementTree.fromstring(book.read(opf_path))
    folder = posixpath.dirname(opf_path)
    return {
        posixpath.normpath(posixpath.join(folder, item.get("href")))
        for item in opf.iter(f"{OPF}item")
    }


def chapter(book: zipfile.ZipFile, name: str) -> BeautifulSoup:
    return BeautifulSoup(book.read(name).decode("utf-8"), "html.parser")


def test_series_boxes_in_every_post_with_links_inside_the_book(real_epub):
    with zipfile.ZipFile(real_epub) as book:
        declared = manifest(book)
        chapters = sorted(name for name in declared if name.endswith(".xhtml"))
        posts = [name for name in chapters if name.startswith("posts/")]
        assert FIRST_POST in posts
        for post in posts:
            navs = chapter(book, post).select("nav.series-nav")
            assert len(navs) == 2, post
            assert re.fullmatch(
                r"Part \d+ of \d+ in the series .+", one_line(navs[0].get_text(" "))
            )
            assert one_line(navs[1].get_text(" ")).startswith("Parts of the series ")
        top, bottom = chapter(book, FIRST_POST).select("nav.series-nav")
        assert one_line(top.get_text(" ")) == "Part 1 of 3 in the series Healthy Intimacy"
        assert one_line(bottom.get_text(" ")).endswith(
            "Next in series: Sexual Problems and Therapeutic Approaches (coming soon)"
        )

        checked = 0
        for name in chapters:
            for link in chapter(book, name).select(SERIES_LINKS):
                href = link["href"]
                assert "://" not in href, f"{name}: {href} leaves the book"
                path, _, fragment = href.partition("#")
                target = (
                    posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
                    if path
                    else name
                )
                assert target in declared, f"{name}: {href} is not in the book"
                if fragment:
                    assert chapter(book, target).find(id=fragment) is not None, f"{name}: {href}"
                checked += 1
        # Part 1's top box, its bottom box, and the landing page's list of parts.
        assert checked >= 3


@pytest.mark.needs_java
def test_epubcheck_passes(real_epub):
    report = epubcheck(real_epub)
    assert report.returncode == 0, report.stdout + report.stderr
    assert "No errors or warnings detected" in report.stdout


def test_epub_cover_and_contents_screenshots(
    real_epub: Path,
    browser: Browser,
    artifact_dir: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    """The e-book's cover and contents as an e-reader's web view shows them."""
    with zipfile.ZipFile(real_epub) as book:
        book.extractall(tmp_path)
    shots = artifact_dir("book")
    page = browser.new_page(viewport={"width": 600, "height": 900})
    try:
        for name in ("epub-cover", "nav"):
            page.goto((tmp_path / f"{name}.xhtml").as_uri())
            page.screenshot(
                path=str(shots / f"epub-{name.removeprefix('epub-')}.png"), full_page=True
            )
        titles = [one_line(text) for text in page.locator("nav a").all_inner_texts()]
        assert titles[:3] == ["Introduction", "Healthy Intimacy", "Part 1: Healthy Intimacy"]
        page.goto((tmp_path / "epub-cover.xhtml").as_uri())
        size = page.locator("img").evaluate("image => [image.naturalWidth, image.naturalHeight]")
        assert size == [1200, 1800]
    finally:
        page.close()
