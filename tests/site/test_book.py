"""The PDF and the EPUB read as a book: reader pages only, in reading order, nothing blank.

Read as a reader gets them: the PDF's text (pdftotext), its bookmarks (pdftohtml's outline)
and its pages as images (pdftoppm); the EPUB's navigation document and package metadata.
The first pages of the PDF and the e-book's cover and contents are kept under
``artifacts/book/`` for people to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from outputs import build_pdf
from system_tools import require_tools

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "book"
STRICT = ("-W", "--keep-going", "-n")
JOBNAME = "healthy-intimacy"
TITLE = "Healthy Intimacy"
SUBTITLE = "Writing on closeness between partners, from a counseling practice"
AUTHORS = "The Healthy Intimacy blog team"
CONTRIBUTOR_TITLES = (
    "Writing for this blog",
    "Series extension reference",
    "APA 7 style reference",
    "Changelog",
)
#: The book's reading order as its top level: introduction, each series, about, bibliography.
TOP_LEVEL = ["Introduction", "Healthy Intimacy", "About this blog", "Series bibliography"]
ABOUT_SECTIONS = [
    "General information, not therapy",
    "How the citations work",
    "Reading it your way",
    "Series",
]
#: A second post, titled apart from its series, so a running head can be told from the series'.
SECOND_POST = "Talking About Desire"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"


def copy_site(destination: Path) -> Path:
    """A private copy of docs/ with the changelogs its contributor pages include."""
    docs = destination / "docs"
    shutil.copytree(REPO / "docs", docs, ignore=shutil.ignore_patterns("_build"))
    for changelog in ("CHANGELOG.md", "src/sphinx-post-series/CHANGELOG.md",
                      "src/sphinx-apa7/CHANGELOG.md"):  # fmt: skip
        (destination / changelog).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / changelog, destination / changelog)
    return docs


def sphinx(docs: Path, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", *args, *STRICT],
        cwd=docs,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr


def make_pdf(docs: Path) -> Path:
    sphinx(docs, "-b", "latex", "-d", "_build/doctrees-latex", ".", "_build/latex")
    return build_pdf(docs / "_build" / "latex", JOBNAME)


@pytest.fixture(scope="module")
def book_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The blog's PDF, built as `nox -s pdf` builds it."""
    require_tools("latexmk", "xelatex", "pdftotext", "pdftoppm", "pdftohtml")
    return make_pdf(copy_site(tmp_path_factory.mktemp("book")))


@pytest.fixture(scope="module")
def two_post_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PDF with a second, longer post that `nox -s new-post` added to the series."""
    require_tools("latexmk", "xelatex", "pdftotext")
    docs = copy_site(tmp_path_factory.mktemp("two-posts"))
    script = REPO / "scripts" / "new_post.py"
    subprocess.run(
        [sys.executable, str(script), SECOND_POST, "--posts", str(docs / "posts")],
        check=True,
        capture_output=True,
    )
    post = docs / "posts" / "talking-about-desire.md"
    front_matter = post.read_text(encoding="utf-8").split("\n# ", 1)[0]
    paragraph = " ".join(["A sentence of a long test post, there to fill its pages."] * 12)
    body = "\n\n".join(f"{paragraph} ({number})" for number in range(40))
    post.write_text(f"{front_matter}\n# {SECOND_POST}\n\n{body}\n", encoding="utf-8")
    return make_pdf(docs)


@pytest.fixture(scope="module")
def book_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The blog's EPUB, built as `nox -s epub` builds it."""
    docs = copy_site(tmp_path_factory.mktemp("ebook"))
    sphinx(docs, "-M", "epub", ".", "_build")
    return docs / "_build" / "epub" / f"{JOBNAME}.epub"


def pages(pdf: Path) -> list[str]:
    """The text of each page, in `pdftotext -layout` form (pages end with a form feed)."""
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8").split("\f")[:-1]


def one_line(text: str) -> str:
    return " ".join(text.split())


def lines(page: str) -> list[str]:
    return [one_line(line) for line in page.splitlines() if line.strip()]


def outline(pdf: Path) -> list[tuple[str, list[str]]]:
    """The PDF's bookmarks: each top-level title with the titles one level below it."""
    result = subprocess.run(
        ["pdftohtml", "-stdout", "-xml", "-i", "-q", str(pdf)], capture_output=True, check=True
    )
    root = ElementTree.fromstring(result.stdout)
    top = root.find("outline")
    assert top is not None, "the PDF has no bookmarks"
    tree: list[tuple[str, list[str]]] = []
    for element in top:
        if element.tag == "item":
            tree.append((one_line(element.text or ""), []))
        elif element.tag == "outline":
            tree[-1][1].extend(one_line(item.text or "") for item in element.findall("item"))
    return tree


def ink(pdf: Path, number: int) -> float:
    """The share of dark pixels on page `number`, above its footer, rendered in grey."""
    result = subprocess.run(
        ["pdftoppm", "-gray", "-r", "30", "-f", str(number), "-l", str(number), str(pdf)],
        capture_output=True,
        check=True,
    )
    # A binary PGM: "P5\n<width> <height>\n255\n" then one byte per pixel.
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", result.stdout)
    assert header is not None
    width, height = int(header[1]), int(header[2])
    pixels = result.stdout[header.end() : header.end() + width * height]
    body = pixels[: width * int(height * 0.9)]  # the page number sits in the last tenth
    return sum(1 for value in body if value < 128) / len(body)


def save_page(pdf: Path, number: int, name: str) -> Path:
    """Render page `number` to artifacts/book/<name>.png for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = ARTIFACTS / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-singlefile", "-f", str(number), "-l", str(number),
         str(pdf), str(stem)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    png = stem.with_suffix(".png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return png


@pytest.mark.needs_tex
def test_title_page_names_the_blog_its_authors_and_the_edition(book_pdf: Path) -> None:
    title_page = one_line(pages(book_pdf)[0])
    assert title_page.startswith(TITLE)
    # The subtitle may wrap; its words come in order right after the title.
    assert one_line(title_page[len(TITLE) :]).startswith(SUBTITLE)
    assert AUTHORS in title_page
    assert re.search(r"Edition of \d{1,2} [A-Z][a-z]+ \d{4}$", title_page), title_page
    assert "Release" not in title_page
    for number, name in enumerate(["title-page", "contents", "introduction", "series"], 1):
        save_page(book_pdf, number, f"pdf-page-{number}-{name}")


@pytest.mark.needs_tex
def test_contents_hold_the_series_with_their_posts_and_no_contributor_page(
    book_pdf: Path,
) -> None:
    text = pages(book_pdf)
    contents = lines(text[1])
    assert contents[:1] == ["Contents"], contents
    entries = [re.sub(r"\s*\d+$", "", line) for line in contents[1:-1]]  # the last is "i"
    assert entries == [
        "Introduction",
        "Healthy Intimacy",  # the series
        "Healthy Intimacy",  # its Part 1
        "About this blog",
        "Series bibliography",
        "Bibliography",
    ]
    assert outline(book_pdf)[:4] == [
        ("Introduction", []),
        ("Healthy Intimacy", ["Healthy Intimacy"]),
        ("About this blog", ABOUT_SECTIONS),
        ("Series bibliography", ["Bibliography"]),
    ]
    whole = one_line(" ".join(text))
    for title in CONTRIBUTOR_TITLES:
        assert title not in whole
    # No software-manual banners ("CHAPTER" over "ONE") nor "Chapter 1. Series" running heads.
    banner = re.compile(r"(\d+ )?chapter( \w+)?(\.|$)", re.IGNORECASE)
    assert [line for page in text for line in lines(page) if banner.match(line)] == []
    # The home page's own heading and its list of series stay on the web.
    assert "Welcome to the blog of our counseling practice." in one_line(text[2])


@pytest.mark.needs_tex
def test_no_page_is_blank_and_the_post_keeps_its_boxes_and_sources(book_pdf: Path) -> None:
    text = pages(book_pdf)
    for number, page in enumerate(text, start=1):
        words = [line for line in lines(page) if not re.fullmatch(r"[ivx\d]+", line)]
        assert words, f"page {number} has nothing but its number"
        # Text pages measure 0.0015 and more at this resolution; an empty page measures 0.
        assert ink(book_pdf, number) > 0.0005, f"page {number} looks blank"
    whole = one_line(" ".join(text))
    assert "Part 1 of 3 in the series Healthy Intimacy" in whole
    assert "Next in series: Sexual Problems and Therapeutic Approaches (coming soon)" in whole
    assert "Dewitte, M., & Mayer, A. (2018)." in whole


@pytest.mark.needs_tex
def test_running_heads_carry_the_post_title(two_post_pdf: Path) -> None:
    text = pages(two_post_pdf)
    starts = [number for number, page in enumerate(text) if lines(page)[:1] == [SECOND_POST]]
    # The chapter's first page carries its heading, not a running head, then the heads follow.
    assert len(starts) >= 3, "the long post should run over at least three pages"
    first_page = text[starts[0]]
    assert "Part 2 of 3 in the series Healthy Intimacy" in one_line(first_page)
    for number in starts[1:]:
        assert "Part 2 of 3" not in one_line(text[number])
    assert outline(two_post_pdf)[1] == ("Healthy Intimacy", ["Healthy Intimacy", SECOND_POST])
    # Part 1's later pages carry its own title.
    part_one = next(i for i, page in enumerate(text) if "Part 1 of 3 in the series" in page)
    assert lines(text[part_one + 1])[0] == "Healthy Intimacy"


def package(book: zipfile.ZipFile) -> Element:
    container = ElementTree.fromstring(book.read("META-INF/container.xml"))
    path = next(e.get("full-path") for e in container.iter() if e.get("full-path"))
    return ElementTree.fromstring(book.read(path))


def nav_tree(nav: BeautifulSoup) -> list[tuple[str, list[str]]]:
    """The nav document's entries: each first-level title with its second-level titles."""
    tree = []
    for item in nav.select("nav > ol > li"):
        children = [one_line(a.get_text()) for a in item.select(":scope > ol > li > a")]
        tree.append((one_line(item.a.get_text()), children))
    return tree


def test_epub_contents_follow_the_book(book_epub: Path) -> None:
    with zipfile.ZipFile(book_epub) as book:
        nav = BeautifulSoup(book.read("nav.xhtml").decode("utf-8"), "html.parser")
        names = book.namelist()
    first_level = nav_tree(nav)
    assert [title for title, _ in first_level] == TOP_LEVEL
    assert first_level[1] == ("Healthy Intimacy", ["Part 1: Healthy Intimacy"])
    for name in names:
        assert not name.startswith("contributing/"), name
    assert "index.xhtml" not in names
    assert "genindex.xhtml" not in names


def test_epub_metadata_and_cover(book_epub: Path) -> None:
    with zipfile.ZipFile(book_epub) as book:
        opf = package(book)
        ncx = ElementTree.fromstring(book.read("toc.ncx"))
    metadata = opf.find(f"{OPF}metadata")
    assert metadata is not None

    def dc(name: str) -> str:
        element = metadata.find(f"{DC}{name}")
        assert element is not None, name
        return element.text or ""

    assert dc("title") == TITLE
    assert dc("creator") == AUTHORS
    assert dc("description") == SUBTITLE
    assert dc("language") == "en"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", dc("date"))
    identifier = metadata.find(f"{DC}identifier")
    assert identifier is not None
    assert identifier.get("id") == opf.get("unique-identifier")
    assert identifier.text
    assert identifier.text != "unknown"
    uid = next(m.get("content") for m in ncx.iter() if m.get("name") == "dtb:uid")
    assert uid == identifier.text
    assert "unknown" not in [element.text for element in metadata]

    manifest = {item.get("id"): item for item in opf.iter(f"{OPF}item")}
    cover_id = next(m.get("content") for m in metadata if m.get("name") == "cover")
    assert manifest[cover_id].get("media-type") == "image/png"
    spine = [ref.get("idref") for ref in opf.iter(f"{OPF}itemref")]
    assert manifest[spine[0]].get("href") == "epub-cover.xhtml"
    reading_order = [manifest[idref].get("href") for idref in spine[1:]]
    assert reading_order == [
        "book.xhtml",
        "series/healthy-intimacy.xhtml",
        "posts/healthy-intimacy-part-1.xhtml",
        "about.xhtml",
        "bibliography.xhtml",
    ]


@pytest.mark.needs_tex
def test_every_link_in_the_book_leads_into_the_book(book_pdf: Path) -> None:
    """The series boxes, the series' list of parts and the about page link to pages in the PDF."""
    tex = book_pdf.with_suffix(".tex").read_text(encoding="utf-8")
    targets = re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex)
    assert "series/healthy-intimacy::doc" in targets  # Part 1's series box
    assert "posts/healthy-intimacy-part-1::doc" in targets  # the series' list of parts
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    assert set(targets) <= labels
    log = book_pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert not re.search(r"(Hyper reference|Reference) `[^']*' on page \d+ undefined", log)
