"""The real site in docs/ builds in every format with warnings as errors, as CI and RTD run it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from outputs import build_pdf, epubcheck, pdf_text

DOCS = Path(__file__).parents[2] / "docs"
STRICT = ("-W", "--keep-going", "-n")
PACKAGES = ("sphinx-post-series", "sphinx-apa7")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of docs/, so builds never touch the working tree."""
    copy = tmp_path_factory.mktemp("site") / "docs"
    shutil.copytree(DOCS, copy, ignore=shutil.ignore_patterns("_build"))
    # docs/contributing/changelog.md includes the repository's and the packages' changelogs.
    for changelog in ("CHANGELOG.md", *(f"src/{p}/CHANGELOG.md" for p in PACKAGES)):
        (copy.parent / changelog).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(DOCS.parent / changelog, copy.parent / changelog)
    return copy


def sphinx_build(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        # Make mode (-M) must come first; the options follow its arguments.
        [sys.executable, "-m", "sphinx", *args, *STRICT]
        if args[0] == "-M"
        else [sys.executable, "-m", "sphinx", *STRICT, *args],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return result


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "text"])
def test_site_builds_without_warnings(site: Path, builder: str) -> None:
    sphinx_build(site, "-b", builder, "-d", "_build/doctrees", ".", f"_build/{builder}")


def test_html_has_every_page_and_the_canonical_url(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "html"
    env_canonical = "https://healthy-intimacy.readthedocs.io/en/latest/"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", *STRICT, "-b", "html", ".", str(out)],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "READTHEDOCS_CANONICAL_URL": env_canonical},
    )
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((out / "about.html").read_text(encoding="utf-8"), "html.parser")
    canonical = page.find("link", rel="canonical")
    assert canonical is not None
    assert canonical["href"] == env_canonical + "about.html"


def test_part_one_has_its_series_navigation_and_apa_citations(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "html"
    sphinx_build(site, "-b", "html", ".", str(out))
    page = BeautifulSoup(
        (out / "posts" / "healthy-intimacy-part-1.html").read_text(encoding="utf-8"), "html.parser"
    )
    top, bottom = page.select("nav.series-nav")
    assert " ".join(top.get_text().split()) == "Part 1 of 3 in the series Healthy Intimacy"
    assert top.find("a")["href"] == "../series/healthy-intimacy.html"
    next_part = " ".join(bottom.select_one(".series-next").get_text().split())
    assert next_part == "Next in series: Sexual Problems and Therapeutic Approaches (coming soon)"
    assert bottom.select_one(".series-next a") is None
    # Every citation is in APA form and links to an entry of this page's own reference list.
    citations = page.select("span.bibtex-citation")
    assert len(citations) >= 15
    for citation in citations:
        text = " ".join(citation.get_text().split())
        assert re.fullmatch(r"\(.+, \d{4}[a-z]?(, p\. \d+)?\)|.+ \(\d{4}[a-z]?\)", text), text
        for link in citation.select("a"):
            document, _, fragment = link["href"].partition("#")
            assert document == ""
            entry = page.find(id=fragment)
            assert entry is not None
            assert "citation" in entry.get("class", [])
    # Part 2's further reading is not in Part 1's list.
    listed = " ".join(entry.get_text() for entry in page.select("div.citation"))
    assert "Dewitte, M., & Mayer, A. (2018)." in listed
    assert "Greenleaf" not in listed


@pytest.mark.needs_tex
def test_pdf_builds_without_latex_errors(site: Path) -> None:
    sphinx_build(site, "-b", "latex", "-d", "_build/doctrees", ".", "_build/latex")
    text = pdf_text(build_pdf(site / "_build" / "latex", "healthy-intimacy"))
    assert "Healthy Intimacy" in text
    assert "About this blog" in text


@pytest.mark.needs_java
def test_epub_passes_epubcheck(site: Path) -> None:
    sphinx_build(site, "-M", "epub", ".", "_build")
    epub = site / "_build" / "epub" / "healthy-intimacy.epub"
    assert zipfile.is_zipfile(epub)
    report = epubcheck(epub)
    assert report.returncode == 0, report.stdout + report.stderr
    assert "No errors or warnings detected" in report.stdout


def test_an_edit_rebuilds_only_what_it_touches(site: Path, tmp_path: Path) -> None:
    """What `docs-live` does on each save: conf.py's values stay the same from build to build.

    The book's pages are chosen at `builder-inited`; had the web builders' values changed
    there, Sphinx would find its configuration changed and read every page on every build.
    """
    docs = tmp_path / "docs"
    shutil.copytree(
        site.parent, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("_build")
    )
    build = ("-b", "html", "-d", "_build/doctrees", ".", "_build/html")
    sphinx_build(docs, *build)
    post = docs / "posts" / "healthy-intimacy-part-1.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    result = sphinx_build(docs, *build)
    assert "config changed" not in result.stdout
    assert "0 added, 1 changed, 0 removed" in result.stdout
