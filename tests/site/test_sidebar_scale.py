"""With hundreds of posts, each page's sidebar holds the series and only the open series' posts.

furo writes the navigation tree into every page. The blog keeps posts in their series' landing
pages and collapses the branches a reader is not in (docs/conf.py), so a page's size depends on
the number of series and the length of one series, not on the number of posts. The site here is
the real blog (its conf.py, home, about and contributor pages) with 300 generated posts in 30
series added by benchmarks/generate.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import (  # noqa: E402
    SiteSpec,
    bibliography_text,
    landing_docname,
    landing_text,
    post_docname,
    post_text,
)

SPEC = SiteSpec(posts=300, shape="100x10", with_series=True)
#: Pages of the real blog in the sidebar besides the series: about, archive, bibliography, and the
#: five contributor pages.
OTHER_PAGES = 8
#: Bounds in bytes. Measured on this site: sidebars of 4 to 6 kB and pages of at most 47 kB
#: (the blog's own post); with the full tree in each sidebar, 51 kB sidebars and 93 kB pages.
SIDEBAR_SIZE_LIMIT = 8_000
PAGE_SIZE_LIMIT = 60_000
#: What a page of the blog may gain from 300 more posts: the sidebar's 30 more series lines
#: and nothing else.
SERIES_GROWTH_LIMIT = 5_000
CHANGELOG_PAGE = "contributing/changelog.html"
#: Pages that list posts or works: the home page's latest posts (here, generated ones), the
#: archive, and every work of the .bib the generated posts add to. Each category page too.
LISTINGS = {"index.html", "archive.html", "bibliography.html"}


def add_generated_series(docs: Path) -> None:
    """Write SPEC's series and posts into a copy of docs/, each series holding its posts."""
    with (docs / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n" + bibliography_text())
    for series in range(1, SPEC.series_count + 1):
        parts = SPEC.parts_of(series)
        entries = "\n".join(f"/{post_docname(series, part)}" for part in parts)
        landing = docs / f"{landing_docname(series)}.md"
        landing.write_text(
            landing_text(series, with_series=True)
            + f"\n```{{toctree}}\n:hidden:\n\n{entries}\n```\n",
            encoding="utf-8",
        )
        for part in parts:
            post = docs / f"{post_docname(series, part)}.md"
            post.write_text(post_text(series, part), encoding="utf-8")


def build_blog(root: Path, *, with_generated_series: bool) -> Path:
    """Copy the real blog (and the changelogs its contributor pages include) and build it."""
    docs = root / "docs"
    shutil.copytree(REPO / "docs", docs, ignore=shutil.ignore_patterns("_build"))
    for changelog in REPO.glob("**/CHANGELOG.md"):
        if ".nox" in changelog.parts or "_build" in changelog.parts:
            continue
        target = root / changelog.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(changelog, target)
    if with_generated_series:
        add_generated_series(docs)
    out = root / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", str(docs), str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real blog plus 300 generated posts, built as HTML with warnings as errors."""
    return build_blog(tmp_path_factory.mktemp("large-site"), with_generated_series=True)


@pytest.fixture(scope="module")
def blog_as_it_is(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real blog alone, built the same way."""
    return build_blog(tmp_path_factory.mktemp("blog"), with_generated_series=False)


def sidebar(page: Path) -> Tag:
    """The page's sidebar tree."""
    tree = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
        "div.sidebar-tree"
    )
    assert tree is not None, page
    return tree


def sidebar_links(page: Path) -> list[str]:
    """The text of every link in the page's sidebar tree, in order."""
    return [" ".join(link.get_text().split()) for link in sidebar(page).select("a")]


def test_no_page_grows_with_the_number_of_posts(large_site: Path) -> None:
    pages = sorted(large_site.glob("**/*.html"))
    assert len([page for page in pages if page.parent.name == "posts"]) >= SPEC.posts
    sizes = {page.relative_to(large_site).as_posix(): page.stat().st_size for page in pages}
    # The pages that list posts (the archive, each category) grow with the blog by design;
    # their sidebars, checked below, do not.
    listings = {name for name in sizes if name == "archive.html" or name.startswith("category/")}
    bounded = {name: size for name, size in sizes.items() if name not in listings}
    # The changelog page's size is the project's history: it is held to its own size without
    # the 300 posts, below, as every page both sites have is.
    by_history = {CHANGELOG_PAGE}
    largest = max(set(bounded) - by_history, key=bounded.__getitem__)
    assert bounded[largest] < PAGE_SIZE_LIMIT, f"{largest}: {bounded[largest]} bytes"
    sidebars = {name: len(str(sidebar(large_site / name)).encode()) for name in sizes}
    largest = max(sidebars, key=sidebars.__getitem__)
    assert sidebars[largest] < SIDEBAR_SIZE_LIMIT, f"{largest}: {sidebars[largest]} bytes"


def test_the_blog_s_own_pages_grow_by_the_sidebar_s_series_only(
    large_site: Path, blog_as_it_is: Path
) -> None:
    grown = {}
    for page in sorted(blog_as_it_is.glob("**/*.html")):
        name = page.relative_to(blog_as_it_is).as_posix()
        if name in LISTINGS or name.startswith("category/"):
            continue
        grown[name] = (large_site / name).stat().st_size - page.stat().st_size
    assert CHANGELOG_PAGE in grown
    largest = max(grown, key=grown.__getitem__)
    # 30 more series in the sidebar, one line each, and nothing else.
    assert grown[largest] < SERIES_GROWTH_LIMIT, f"{largest}: +{grown[largest]} bytes"


def test_a_post_lists_every_series_and_only_its_own_posts(large_site: Path) -> None:
    series, part = 7, 4
    links = sidebar_links(large_site / f"{post_docname(series, part)}.html")
    series_names = [f"Series {number}" for number in range(1, SPEC.series_count + 1)]
    assert [link for link in links if link in series_names] == series_names
    posts = [link for link in links if ", part " in link]
    assert len(posts) == len(SPEC.parts_of(series))
    assert all(post.startswith(f"Series {series}, part ") for post in posts)
    assert len(links) == SPEC.series_count + 1 + len(posts) + OTHER_PAGES  # + Healthy Intimacy
    # The open series is the one expanded: its box is ticked, no other is.
    tree = sidebar(large_site / f"{post_docname(series, part)}.html")
    expanded = tree.select("input.toctree-checkbox[checked]")
    assert len(expanded) == 1
    assert expanded[0].parent.find("a").get_text(strip=True) == f"Series {series}"


def test_the_home_page_lists_the_series_without_their_posts(large_site: Path) -> None:
    links = sidebar_links(large_site / "index.html")
    assert len(links) == SPEC.series_count + 1 + OTHER_PAGES  # + the blog's own series
    assert not [link for link in links if ", part " in link]
