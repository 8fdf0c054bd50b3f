"""The real site: Part 1's byline in HTML, EPUB and PDF; the feeds under Read the Docs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from outputs import build_pdf, pdf_text

DOCS = Path(__file__).parents[2] / "docs"
STRICT = ("-W", "--keep-going", "-n")
PACKAGES = ("sphinx-post-series", "sphinx-apa7")
PART_1 = "posts/healthy-intimacy-part-1"
RTD_URL = "https://healthy-intimacy.readthedocs.io/en/stable/"
BYLINE = r"July 13, 2022 · Family Counseling · The Healthy Intimacy blog team · \d+ min read"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of docs/, so builds never touch the working tree."""
    copy = tmp_path_factory.mktemp("blog-site") / "docs"
    shutil.copytree(DOCS, copy, ignore=shutil.ignore_patterns("_build"))
    for changelog in ("CHANGELOG.md", *(f"src/{p}/CHANGELOG.md" for p in PACKAGES)):
        (copy.parent / changelog).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(DOCS.parent / changelog, copy.parent / changelog)
    return copy


def sphinx_build(site: Path, *args: str, env: dict[str, str] | None = None) -> None:
    command = [sys.executable, "-m", "sphinx", *args, *STRICT]
    if args[0] != "-M":
        command = [sys.executable, "-m", "sphinx", *STRICT, *args]
    result = subprocess.run(command, cwd=site, capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def flat(text: str) -> str:
    return " ".join(text.split())


def test_html_byline_latest_posts_and_rtd_feeds(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "html"
    # Read the Docs' replay: its canonical URL, its build command.
    env = {**os.environ, "READTHEDOCS": "True", "READTHEDOCS_CANONICAL_URL": RTD_URL}
    sphinx_build(site, "-T", "-b", "html", "-d", "_build/doctrees", ".", str(out), env=env)
    post = BeautifulSoup((out / f"{PART_1}.html").read_text(encoding="utf8"), "html.parser")
    byline = post.select_one("p.blog-byline")
    assert byline is not None

    assert re.fullmatch(BYLINE, flat(byline.get_text())), flat(byline.get_text())
    assert byline.find("time")["datetime"] == "2022-07-13"

    home = BeautifulSoup((out / "index.html").read_text(encoding="utf8"), "html.parser")
    latest = home.select_one("div.blog-post-list")
    assert latest.select_one("li.blog-post a")["href"] == f"{PART_1}.html"

    for path in ("atom.xml", "feeds/series/healthy-intimacy.xml"):
        feed = feedparser.parse((out / path).read_bytes())
        assert not feed.bozo
        assert feed.feed.id == RTD_URL + path
        assert [entry.link for entry in feed.entries] == [RTD_URL + f"{PART_1}.html"]
        assert feed.entries[0].title == "Healthy Intimacy"
    head_links = [
        link["href"] for link in post.find_all("link", rel="alternate", type="application/atom+xml")
    ]
    assert head_links == [RTD_URL + "atom.xml", RTD_URL + "feeds/series/healthy-intimacy.xml"]

    # Social and search.
    def meta(**attributes: str) -> list[str]:
        return [tag["content"] for tag in post.head.find_all("meta", attrs=attributes)]

    description = (
        "What interpersonal and sexual intimacy are, and what helps or hinders them between "
        "partners."
    )
    assert meta(name="description") == [description]
    assert meta(property="og:type") == ["article"]
    assert meta(property="og:url") == [RTD_URL + f"{PART_1}.html"]
    assert meta(property="article:published_time") == ["2022-07-13"]
    posting = json.loads(post.find("script", type="application/ld+json").string)
    assert posting["headline"] == "Healthy Intimacy"
    assert posting["isPartOf"]["url"] == RTD_URL + "series/healthy-intimacy.html"
    assert posting["position"] == 1
    assert len(posting["citation"]) >= 10
    sitemap = (out / "sitemap.xml").read_text(encoding="utf8")
    assert f"<loc>{RTD_URL}{PART_1}.html</loc>" in sitemap
    assert "404.html" not in sitemap
    missing = BeautifulSoup((out / "404.html").read_text(encoding="utf8"), "html.parser")
    body_links = [a["href"] for a in missing.select("article a[href]") if a["href"][:1] != "#"]
    assert "/en/stable/archive.html" in body_links
    assert all(href.startswith(("/en/stable/", "https://")) for href in body_links), body_links

    # Cite this post, from the same APA style as the reference lists.
    reference = flat(post.select_one("p.blog-cite-reference").get_text())
    assert reference == (
        "The Healthy Intimacy blog team. (2022, July 13). Healthy intimacy. Healthy Intimacy. "
        f"{RTD_URL}{PART_1}.html"
    )


def test_epub_byline(site: Path) -> None:
    sphinx_build(site, "-M", "epub", ".", "_build")
    epub = site / "_build" / "epub" / "healthy-intimacy.epub"
    with zipfile.ZipFile(epub) as book:
        names = [n for n in book.namelist() if n.endswith(f"{PART_1}.xhtml")]
        assert names, book.namelist()
        xhtml = book.read(names[0]).decode("utf8")
    byline = BeautifulSoup(xhtml, "html.parser").select_one("p.blog-byline")

    assert re.fullmatch(BYLINE, flat(byline.get_text()))
    assert byline.find("time")["datetime"] == "2022-07-13"


@pytest.mark.needs_tex
def test_pdf_byline(site: Path) -> None:
    sphinx_build(site, "-b", "latex", "-d", "_build/doctrees", ".", "_build/latex")
    text = flat(pdf_text(build_pdf(site / "_build" / "latex", "healthy-intimacy")))

    assert re.search(BYLINE, text), text[:2000]
