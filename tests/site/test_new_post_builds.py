"""The post `nox -s new-post` writes builds as it is, and sits under its series in the navigation.

The script runs on a copy of docs/; the copy is then built with warnings as errors, as
`nox -s docs` builds it, and read back as a reader meets it (the sidebar, the e-book's
contents).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "new_post.py"
STRICT = ("-W", "--keep-going", "-n")
FRONT_MATTER_KEYS = ["series", "series_part", "date", "description", "category"]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A private copy of docs/ with the changelogs its contributor pages include."""
    copy = tmp_path / "docs"
    shutil.copytree(REPO / "docs", copy, ignore=shutil.ignore_patterns("_build"))
    for changelog in ("CHANGELOG.md", "src/sphinx-post-series/CHANGELOG.md",
                      "src/sphinx-apa7/CHANGELOG.md"):  # fmt: skip
        (tmp_path / changelog).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / changelog, tmp_path / changelog)
    return copy


def new_post(docs: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *args, "--posts", str(docs / "posts")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def build(docs: Path, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", *args, *STRICT],
        cwd=docs,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def front_matter_keys(path: Path) -> list[str]:
    body = path.read_text(encoding="utf-8").split("---\n")[1]
    return [line.partition(":")[0] for line in body.splitlines()]


def sidebar_links(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [" ".join(a.get_text().split()) for a in soup.select("div.sidebar-tree a")]


def test_the_new_post_builds_unchanged_and_joins_its_series(docs: Path) -> None:
    new_post(docs, "Sexual Problems and Therapeutic Approaches")
    post = docs / "posts" / "sexual-problems-and-therapeutic-approaches.md"
    assert front_matter_keys(post) == FRONT_MATTER_KEYS
    text = post.read_text(encoding="utf-8")
    assert "{cite:" not in text  # a placeholder role would resolve to nothing and warn
    assert "category: Family Counseling\n" in text  # copied from Part 1

    build(docs, "-b", "html", ".", "_build/html")
    page = docs / "_build" / "html" / "posts" / "sexual-problems-and-therapeutic-approaches.html"
    links = sidebar_links(page)
    series = links.index("Healthy Intimacy")
    assert links[series + 1 : series + 3] == [
        "Part 1: Healthy Intimacy",
        "Sexual Problems and Therapeutic Approaches",
    ]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    top = " ".join(soup.select_one("nav.series-nav").get_text().split())
    assert top == "Part 2 of 3 in the series Healthy Intimacy"


def test_a_title_that_repeats_the_series_name_says_its_part(docs: Path) -> None:
    new_post(docs, "Healthy Intimacy", "--category", "Couples")
    post = docs / "posts" / "healthy-intimacy.md"
    assert "series_part: 2\n" in post.read_text(encoding="utf-8")
    assert "category: Couples\n" in post.read_text(encoding="utf-8")
    landing = (docs / "series" / "healthy-intimacy.md").read_text(encoding="utf-8")
    assert "Part 2: Healthy Intimacy <../posts/healthy-intimacy>\n" in landing

    build(docs, "-M", "epub", ".", "_build")
    epub = docs / "_build" / "epub"
    nav = BeautifulSoup((epub / "nav.xhtml").read_text(encoding="utf-8"), "html.parser")
    series = next(
        item for item in nav.select("nav > ol > li") if item.a.get_text() == "Healthy Intimacy"
    )
    titles = [" ".join(a.get_text().split()) for a in series.select(":scope > ol > li > a")]
    assert titles == ["Part 1: Healthy Intimacy", "Part 2: Healthy Intimacy"]
