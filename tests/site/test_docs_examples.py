"""The examples on the reference page and in the writing guide build, and do what the pages say.

Every fenced block of ``docs/contributing/series-extension.md`` and
``docs/contributing/writing.md`` is put into a small
Sphinx project (``tests/roots/test-docs-examples``: the site's extension set) by these rules:

- ``md``/``markdown`` blocks are MyST examples, and so is a ``yaml`` block that starts with
  ``---`` (front matter shown on its own).
- A MyST example that starts with ``---`` front matter is a whole post: ``posts/example-N.md``.
  If it has no title, ``# Example post N`` goes under the front matter.
- One with a ``{series}`` directive is that series' landing page, ``series/<name>.md``, titled
  with the series name. One with ``{series-contents}`` or ``{series-index}`` is a page of its
  own, ``listing-N.md``.
- Any other MyST example is part of a post: it goes at the end of the page's first post, in
  page order, except that examples starting with a heading (``## References``) go after the
  others, since a post ends with its references.
- A ``bibtex`` block replaces the entry with the same key in a copy of ``docs/references.bib``.
- ``python`` is the ``conf.py`` line; ``sh`` and ``console`` are commands. Those are not pages;
  the ``conf.py`` line has a test of its own. A block of any other kind fails
  ``test_every_example_has_a_rule``: give it a rule here when you add one.

Inline examples (the guide's citation table, the reference's announce-and-publish steps and
the bad values in its warnings table) are checked by the tests that name them. A phrase the
tests promise readers is first looked up on the page (``says``), so rewording the page
without the tests, or the tests without the page, fails.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sphinx.testing.util import SphinxTestApp

from series_helpers import edit, page, record_written, series_navs, text_of
from sphinx_post_series._warnings import SeriesWarning

if TYPE_CHECKING:
    from collections.abc import Callable

    from bs4 import BeautifulSoup, Tag

DOCS = Path(__file__).parents[2] / "docs"
REFERENCE = DOCS / "contributing" / "series-extension.md"
GUIDE = DOCS / "contributing" / "writing.md"
ROOT = "test-docs-examples"

MYST = {"md", "markdown"}
NOT_PAGES = {"python", "sh", "console"}

_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,})(?P<language>[^`\s]*)\s*$")
_BIB_ENTRY = re.compile(r"^@\s*\w+\s*\{\s*(?P<key>[^,\s]+)\s*,", re.MULTILINE)
_SERIES_DIRECTIVE = re.compile(r"^`{3,}\{series\}\s+(?P<name>.+)$", re.MULTILINE)
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_WARNING = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): WARNING: .* \[series\.(?P<subtype>\w+)\]$")


# -- Reading the pages ----------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """A fenced block of a docs page."""

    page: str
    line: int
    language: str
    text: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line} ({self.language or 'no language'})"

    @property
    def kind(self) -> str | None:
        """What the block becomes by the rules in the module docstring (None: no rule)."""
        is_front_matter = self.text.startswith("---\n")
        if self.language == "bibtex":
            return "bib"
        if self.language in NOT_PAGES:
            return "not a page"
        if self.language not in MYST and not (self.language == "yaml" and is_front_matter):
            return None
        if is_front_matter:
            return "post"
        if _SERIES_DIRECTIVE.search(self.text):
            return "landing"
        if "{series-contents}" in self.text or "{series-index}" in self.text:
            return "listing"
        return "fragment"


def fenced_blocks(path: Path) -> list[Example]:
    """Return the top-level fenced blocks of a MyST page; nested fences stay in the text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks = []
    start = 0
    while start < len(lines):
        opening = _FENCE.match(lines[start])
        if opening is None:
            start += 1
            continue
        indent, fence = len(opening["indent"]), opening["fence"]
        end = start + 1
        # A fence closes at a line of at least as many backticks and nothing else.
        while end < len(lines) and not re.fullmatch(rf" *`{{{len(fence)},}}", lines[end]):
            end += 1
        body = [line[indent:] for line in lines[start + 1 : end]]
        blocks.append(Example(path.name, start + 1, opening["language"], "\n".join(body) + "\n"))
        start = end + 1
    return blocks


def flat(text: str) -> str:
    return " ".join(text.split())


def says(path: Path, phrase: str) -> str:
    """Return *phrase* after checking that the page says it (line breaks aside)."""
    assert flat(phrase) in flat(path.read_text(encoding="utf-8")), (
        f"{path.name} no longer says {phrase!r}"
    )
    return phrase


def section(path: Path, heading: str) -> str:
    """Return the text under ``## heading`` up to the next heading of that level or higher."""
    text = path.read_text(encoding="utf-8")
    match = re.search(
        rf"^(#+) {re.escape(heading)}\n(?P<body>.*?)(?=^#{{1,2}} |\Z)", text, re.M | re.S
    )
    assert match, f"{path.name} has no section {heading!r}"
    return match["body"]


def table(text: str) -> list[list[str]]:
    """Return the body rows of the first pipe table in *text*, cells stripped."""
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert len(rows) > 2, "no table"
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def unquote(cell: str) -> str:
    """Return the code in a table cell written as `` `x` `` or ``` `` x `` ```."""
    match = re.fullmatch(r"(`+) ?(.*?) ?\1", cell)
    assert match, f"not code: {cell!r}"
    return match[2]


# -- Turning examples into a project --------------------------------------------------


@dataclass
class Project:
    """The pages and bibliography a docs page's examples make."""

    files: dict[str, str] = field(default_factory=dict)
    bib: str = ""
    posts: list[str] = field(default_factory=list)
    landing: str = ""
    listings: dict[str, str] = field(default_factory=dict)  # directive -> docname

    def write(self, srcdir: Path) -> Path:
        shutil.copytree(Path(__file__).parents[1] / "roots" / ROOT, srcdir)
        for name, text in self.files.items():
            (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
            (srcdir / name).write_text(text, encoding="utf-8")
        (srcdir / "references.bib").write_text(self.bib, encoding="utf-8")
        return srcdir


def with_title(post: str, title: str) -> str:
    """Return *post* with a ``# title`` under its front matter if it has no title."""
    if re.search(r"^# ", post, re.MULTILINE):
        return post
    _, front_matter, body = post.split("---\n", 2)
    return f"---\n{front_matter}---\n\n# {title}\n{body}"


def replace_bib_entry(bib: str, entry: str) -> str:
    """Return *bib* with *entry* in place of the entry with its key (or added)."""
    key = _BIB_ENTRY.search(entry)
    assert key, f"no BibTeX entry in {entry!r}"
    old = re.search(rf"^@\s*\w+\s*\{{\s*{re.escape(key['key'])}\s*,", bib, re.MULTILINE)
    if old is None:
        return bib + "\n" + entry
    depth = 0
    for end in range(old.start(), len(bib)):
        depth += {"{": 1, "}": -1}.get(bib[end], 0)
        if bib[end] == "}" and depth == 0:
            return bib[: old.start()] + entry.rstrip("\n") + bib[end + 1 :]
    raise AssertionError(f"unclosed entry {key['key']} in references.bib")


def project_from(path: Path) -> Project:
    """Build the files of a project from the fenced examples of *path*."""
    project = Project(bib=(DOCS / "references.bib").read_text(encoding="utf-8"))
    fragments = []
    for example in fenced_blocks(path):
        kind = example.kind
        if kind == "post":
            number = len(project.posts) + 1
            project.posts.append(f"posts/example-{number}")
            text = with_title(example.text, f"Example post {number}")
            project.files[f"posts/example-{number}.md"] = text
        elif kind == "landing":
            name = _SERIES_DIRECTIVE.search(example.text)["name"].strip()  # type: ignore[index]
            project.landing = "series/" + re.sub(r"\W+", "-", name.lower())
            project.files[project.landing + ".md"] = f"# {name}\n\n{example.text}"
        elif kind == "listing":
            docname = f"listing-{len(project.listings) + 1}"
            directive = re.search(r"\{(series-\w+)\}", example.text)[1]  # type: ignore[index]
            project.listings[directive] = docname
            project.files[docname + ".md"] = f"# Listing: {directive}\n\n{example.text}"
        elif kind == "fragment":
            fragments.append(example.text)
        elif kind == "bib":
            project.bib = replace_bib_entry(project.bib, example.text)
    if fragments:
        assert project.posts, f"{path.name}: parts of a post, but no post to put them in"
        first = project.posts[0] + ".md"
        ordered = sorted(fragments, key=lambda text: text.startswith("#"))
        project.files[first] = "\n".join([project.files[first], *ordered])
    return project


# -- Building ---------------------------------------------------------------------------


def located_warnings(app: SphinxTestApp) -> list[tuple[str, int, str]]:
    """Return (file, line, subtype) of each warning; any other warning fails the test."""
    found = []
    for line in _COLOUR.sub("", app.warning.getvalue()).splitlines():
        match = _WARNING.match(line)
        assert match, f"unexpected warning: {line!r}"
        path = match["path"].removeprefix(str(app.srcdir)).lstrip("/\\")
        found.append((path.replace("\\", "/"), int(match["line"]), match["subtype"]))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., SphinxTestApp]:
    """Build a project for several tests; ``make_app`` would build it again for each test.

    The app is cleaned up as soon as it has built (its output, warnings and config stay
    readable), so that the ``make_app`` builds of other tests start from a clean docutils.
    """

    def build(project: Project, name: str) -> SphinxTestApp:
        srcdir = project.write(tmp_path_factory.mktemp(name) / "src")
        app = SphinxTestApp(
            "html", srcdir=srcdir, freshenv=True, status=StringIO(), warning=StringIO()
        )
        try:
            app.build()
        finally:
            app.cleanup()
        return app

    return build


@pytest.fixture(scope="module")
def reference_project() -> Project:
    return project_from(REFERENCE)


@pytest.fixture(scope="module")
def reference(built, reference_project) -> SphinxTestApp:
    return built(reference_project, "reference")


def citation_table() -> list[tuple[str, str]]:
    """The guide's "You type | Readers see" rows, with any remark after the citation cut."""
    rows = []
    for typed, seen in table(section(GUIDE, "Cite a source")):
        # "(see Hardy & Fisher, 2018, p. 560) (the page here is only an illustration)"
        shown = re.fullmatch(r"(?P<shown>.*?\))(?: \([^()]*\))?", seen)
        assert shown, f"not a citation: {seen!r}"
        rows.append((unquote(typed), shown["shown"]))
    return rows


# A page without "see": the guide's sentence after the table.
PAGE_ONLY = ("{cite:p}`hardy2018attachment{p. 560}`", "(Hardy & Fisher, 2018, p. 560)")


def guide_project() -> Project:
    """The guide's examples, on the site as it is (its first post), plus its citation table."""
    project = project_from(GUIDE)
    part_1 = "posts/healthy-intimacy-part-1.md"
    project.files[part_1] = (DOCS / part_1).read_text(encoding="utf-8")
    says(GUIDE, 'To give a page without "see", leave the first brackets out:')
    says(GUIDE, f"`` {PAGE_ONLY[0]} ``")
    rows = [*citation_table(), PAGE_ONLY]
    references = next(e.text for e in fenced_blocks(GUIDE) if e.text.startswith("## References"))
    paragraphs = [f"({n}) {typed}" for n, (typed, _seen) in enumerate(rows)]
    project.files["citations.md"] = (
        "# Citations\n\n" + "\n\n".join(paragraphs) + "\n\n" + references
    )
    return project


@pytest.fixture(scope="module")
def guide_sources() -> Project:
    return guide_project()


@pytest.fixture(scope="module")
def guide(built, guide_sources) -> SphinxTestApp:
    return built(guide_sources, "guide")


def items(tag: Tag) -> list[str]:
    return [text_of(li) for li in tag.find_all("li")]


def contents_of(soup: BeautifulSoup) -> Tag:
    box = soup.find("div", class_="series-contents")
    assert box is not None, "no series contents"
    return box


def plain(tag: Tag) -> str:
    """Return *tag*'s text as a reader sees it: no spaces added between inline tags."""
    return flat(tag.get_text())


# -- Every example has a rule -----------------------------------------------------------


@pytest.mark.parametrize("example", [*fenced_blocks(REFERENCE), *fenced_blocks(GUIDE)], ids=str)
def test_every_example_has_a_rule(example):
    assert example.kind is not None, f"{example}: no rule in {__name__} builds this block"


def test_the_pages_have_the_examples_the_tests_expect():
    reference, guide = project_from(REFERENCE), project_from(GUIDE)
    assert (len(reference.posts), reference.landing, sorted(reference.listings)) == (
        1,
        "series/healthy-intimacy",
        ["series-contents", "series-index"],
    )
    assert (len(guide.posts), guide.landing) == (1, "series/healthy-intimacy")
    (bib,) = [e.text for e in fenced_blocks(GUIDE) if e.kind == "bib"]
    assert "@article{dewitte2018exploring," in bib


# -- The reference page -----------------------------------------------------------------


def test_reference_examples_build_without_warnings(reference):
    assert reference.warning.getvalue() == ""


def test_reference_post_is_part_1_of_3(reference, reference_project):
    says(REFERENCE, '("Part 1 of 3 in the series *Healthy Intimacy*")')
    top, _bottom = series_navs(page(reference, reference_project.posts[0]))
    assert text_of(top) == "Part 1 of 3 in the series Healthy Intimacy"
    # "Posts link to this page from their "in the series …" line."
    says(REFERENCE, 'Posts link to\n  this page from their "in the series *…*" line.')
    assert top.find("a")["href"] == "../series/healthy-intimacy.html"


def test_reference_what_readers_see(reference, reference_project):
    top, bottom = series_navs(page(reference, reference_project.posts[0]))
    says(REFERENCE, 'labelled "Series: Name" and "Series\n  navigation: Name"')
    assert (top["aria-label"], bottom["aria-label"]) == (
        "Series: Healthy Intimacy",
        "Series navigation: Healthy Intimacy",
    )
    says(REFERENCE, "the list of parts with the current one in bold")
    current = bottom.find("strong")
    assert text_of(current) == "Example post 1"
    assert current["aria-current"] == "page"
    assert items(bottom) == [
        "Example post 1",
        "Sexual Problems and Therapeutic Approaches (coming soon)",
        "EMDR Within a Systems Approach (coming soon)",
    ]
    assert bottom.find("p", class_="series-prev") is None  # part 1 has no previous part
    following = bottom.find("p", class_="series-next")
    assert text_of(following) == (
        "Next in series: Sexual Problems and Therapeutic Approaches (coming soon)"
    )


def test_reference_landing_page(reference, reference_project):
    contents = contents_of(page(reference, reference_project.landing))
    says(REFERENCE, "`:description:` (optional) is shown on this page and in `series-index`.")
    description = "A three-part look at what builds and what blocks closeness between partners."
    assert text_of(contents.find("p")) == description
    # The post's `date` and `description` are shown after its title on the landing page.
    says(
        REFERENCE,
        "Shown after the post's title and date on the landing page and in `series-contents`.",
    )
    says(REFERENCE, 'written out in the site\'s language ("July 13, 2022")')
    first, *announced = contents.find_all("li")
    assert " ".join(first.get_text().split()) == (
        "Example post 1 (July 13, 2022) — One line shown in series listings."
    )
    says(
        REFERENCE,
        'Announced\n  parts appear in lists as "Working title (coming soon)", without a link.',
    )
    assert [text_of(li) for li in announced] == [
        "Sexual Problems and Therapeutic Approaches (coming soon)",
        "EMDR Within a Systems Approach (coming soon)",
    ]
    assert all(li.find("a") is None for li in announced)


def test_reference_series_contents_is_the_landing_list(reference, reference_project):
    says(REFERENCE, "Shows the same list as the landing page on any page.")
    landing = contents_of(page(reference, reference_project.landing))
    listing = contents_of(page(reference, reference_project.listings["series-contents"]))
    assert items(listing) == items(landing)
    assert items(listing)[0].endswith(" — One line shown in series listings.")


def test_reference_series_index(reference, reference_project):
    says(
        REFERENCE,
        "its name (linked to its landing page if it has one), its description and its number"
        " of parts.",
    )
    index = page(reference, reference_project.listings["series-index"]).find(
        "ul", class_="series-index"
    )
    (entry,) = index.find_all("li")
    assert text_of(entry) == (
        "Healthy Intimacy — A three-part look at what builds and what blocks closeness between"
        " partners. (3 parts)"
    )
    assert entry.find("a")["href"] == "series/healthy-intimacy.html"


def test_reference_conf_block_is_enough(make_app, tmp_path, reference_project):
    """The page's ``conf.py`` line alone builds its examples."""
    (conf,) = [e for e in fenced_blocks(REFERENCE) if e.language == "python"]
    srcdir = reference_project.write(tmp_path / "src")
    (srcdir / "conf.py").write_text(conf.text, encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    top, _bottom = series_navs(page(app, reference_project.posts[0]))
    assert text_of(top) == "Part 1 of 3 in the series Healthy Intimacy"


def test_reference_announce_then_publish(make_app, tmp_path, reference_project):
    """The steps of "Announcing, then publishing a part", one build each."""
    section_text = section(REFERENCE, "Announcing, then publishing a part")
    announcement = "3. EMDR Within a Systems Approach"
    assert f"add `{announcement}` to the\n   `series` directive" in section_text
    project = dataclasses.replace(reference_project, files=dict(reference_project.files))
    landing = project.landing + ".md"
    assert announcement in project.files[landing]
    project.files[landing] = project.files[landing].replace(announcement + "\n", "")
    # Part 2, as a reStructuredText post: "a field list at the top of the file with the
    # same keys (`:series: Healthy Intimacy`)".
    says(
        REFERENCE,
        "reStructuredText posts use a field list at the top of the file with the same keys"
        " (`:series: Healthy Intimacy`).",
    )
    project.files["posts/part-2.rst"] = (
        ":series: Healthy Intimacy\n:series_part: 2\n\n"
        "Sexual Problems and Therapeutic Approaches\n==========================================\n"
    )
    srcdir = project.write(tmp_path / "src")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    top, bottom = series_navs(page(app, "posts/part-2"))
    assert text_of(top) == "Part 2 of 2 in the series Healthy Intimacy"
    assert bottom.find("p", class_="series-next") is None
    app.cleanup()

    series_pages = {*project.posts, "posts/part-2", project.landing, *project.listings.values()}

    # 1. Announce.
    edit(srcdir / landing, "2. Sexual Problems", f"{announcement}\n2. Sexual Problems")
    app = make_app("html", srcdir=srcdir)
    written = record_written(app)
    app.build()
    assert app.warning.getvalue() == ""
    says(
        REFERENCE,
        'Part 2\'s "Next in series" now reads "EMDR Within a Systems Approach (coming soon)"',
    )
    _top, bottom = series_navs(page(app, "posts/part-2"))
    assert text_of(bottom.find("p", class_="series-next")) == (
        "Next in series: EMDR Within a Systems Approach (coming soon)"
    )
    # "An incremental build rewrites exactly the pages that show the changed series";
    # Sphinx itself also rewrites the toctree parent (index) of the re-read landing page.
    says(REFERENCE, "An incremental build rewrites exactly the pages that show the changed series")
    assert set(written) == series_pages | {"index"}
    app.cleanup()

    # 2. Publish: "add one new post with `series: Healthy Intimacy` and `series_part: 3`".
    says(REFERENCE, "add one new post with `series: Healthy Intimacy` and `series_part: 3`")
    (srcdir / "posts" / "part-3.md").write_text(
        "---\nseries: Healthy Intimacy\nseries_part: 3\n---\n\n# EMDR Within a Systems Approach\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    written = record_written(app)
    app.build()
    # "you may delete the announcement line later, but you do not have to"
    assert app.warning.getvalue() == ""
    # The series-index page shows the name, description and size: none of them changed.
    unchanged = {project.listings["series-index"]}
    assert set(written) == (series_pages - unchanged) | {"posts/part-3", "index"}
    says(REFERENCE, "The\n   post replaces the announcement everywhere")
    for docname in set(written):
        assert "coming soon" not in plain(page(app, docname).find("div", role="main")), docname
    _top, bottom = series_navs(page(app, "posts/part-2"))
    link = bottom.find("p", class_="series-next").find("a")
    assert (text_of(link), link["href"], link["rel"]) == (
        "EMDR Within a Systems Approach",
        "part-3.html",
        ["next"],
    )
    third = contents_of(page(app, project.landing)).find_all("li")[2]
    assert third.find("a")["href"] == "../posts/part-3.html"


# -- The reference page's warnings ------------------------------------------------------


def documented_subtypes() -> list[str]:
    subtypes = []
    for row in table(section(REFERENCE, "Warnings")):
        name = unquote(row[0])
        assert name.startswith("series."), name
        subtypes.append(name.removeprefix("series."))
    return subtypes


def test_every_warning_subtype_is_documented():
    documented = documented_subtypes()
    assert len(documented) == len(set(documented)), "a subtype is documented twice"
    assert set(documented) == {subtype.value for subtype in SeriesWarning}


def bad_post(reference_project: Project, **front_matter: str) -> Project:
    """The reference's projects with its post's front matter changed."""
    project = dataclasses.replace(reference_project, files=dict(reference_project.files))
    name = project.posts[0] + ".md"
    for key, value in front_matter.items():
        project.files[name], count = re.subn(
            rf"^{key}: .*$", f"{key}: {value}", project.files[name], flags=re.MULTILINE
        )
        assert count == 1, key
    return project


@pytest.mark.parametrize("value", ["two", "0", "1.5"])
def test_reference_invalid_part_examples(make_app, tmp_path, reference_project, value):
    says(
        REFERENCE,
        "`series_part` is not a positive whole number (`two`, `0`, `1.5`). The post is ordered"
        " as if it had none.",
    )
    project = bad_post(reference_project, series_part=value)
    app = make_app("html", srcdir=project.write(tmp_path / "src"), freshenv=True)
    app.build()
    says(REFERENCE, "Front-matter problems point at the line of their key")
    assert located_warnings(app) == [("posts/example-1.md", 3, "invalid_part")]
    # Ordered as if it had no part: it takes the free number 1.
    top, _bottom = series_navs(page(app, project.posts[0]))
    assert text_of(top) == "Part 1 of 3 in the series Healthy Intimacy"


def test_reference_name_mismatch_example(make_app, tmp_path, reference_project):
    says(REFERENCE, 'only in case or spacing, e.g. "Healthy intimacy".')
    project = bad_post(reference_project, series="Healthy intimacy")
    app = make_app("html", srcdir=project.write(tmp_path / "src"), freshenv=True)
    app.build()
    assert located_warnings(app) == [("posts/example-1.md", 2, "name_mismatch")]
    says(REFERENCE, "Names that differ only in upper/lower case or spacing are the same series")
    top, _bottom = series_navs(page(app, project.posts[0]))
    assert text_of(top) == "Part 1 of 3 in the series Healthy Intimacy"


def test_reference_gap_example(make_app, tmp_path, reference_project):
    says(
        REFERENCE,
        "Numbers skip: parts 1 and 3 exist, nothing is part 2. Reported at the part after the gap.",
    )
    project = dataclasses.replace(reference_project, files=dict(reference_project.files))
    landing = project.landing + ".md"
    project.files[landing] = re.sub(r"^2\. .*\n", "", project.files[landing], flags=re.M)
    part_3 = bad_post(reference_project, series_part="3").files[project.posts[0] + ".md"]
    project.files["posts/example-3.md"] = part_3
    app = make_app("html", srcdir=project.write(tmp_path / "src"), freshenv=True)
    app.build()
    assert [(path, subtype) for path, _line, subtype in located_warnings(app)] == [
        ("posts/example-3.md", "gap")
    ]


def test_reference_config_example(make_app, tmp_path, reference_project):
    says(REFERENCE, "At least 5; a smaller value warns (`series.config`) and 7 is used.")
    srcdir = reference_project.write(tmp_path / "src")
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides={"series_fold_threshold": 4})
    assert app.config.series_fold_threshold == 7
    says(REFERENCE, "(a `series.config` warning names the setting instead)")
    (warning,) = _COLOUR.sub("", app.warning.getvalue()).splitlines()
    assert warning.startswith("WARNING: series_fold_threshold ")
    assert warning.endswith(" [series.config]")


def test_every_config_value_is_documented_with_its_default(reference):
    # The project sets no series_* value, so each value it reads is the registered default.
    assert "series_" not in (reference.srcdir / "conf.py").read_text(encoding="utf-8")
    registered = {
        option.name: (option.value, option.rebuild)
        for option in reference.config
        if option.name.startswith("series_")
    }
    assert registered, "the extension registers no series_* value"
    documented = {
        unquote(setting): (default, rebuild)
        for setting, default, rebuild, _meaning in table(section(REFERENCE, "Configuration"))
    }
    assert set(documented) == set(registered)
    for name, (default, rebuild) in registered.items():
        assert documented[name] == (f"`{default!r}`", rebuild), name


# -- The writing guide ------------------------------------------------------------------


def test_guide_examples_build_without_warnings(guide):
    assert guide.warning.getvalue() == ""


def test_guide_post_takes_its_place_in_the_series(guide, guide_sources):
    post = guide_sources.posts[0]
    says(GUIDE, "A post appears in the sidebar, and in the PDF and e-book, under its series")
    top, bottom = series_navs(page(guide, post))
    assert text_of(top) == "Part 2 of 3 in the series Healthy Intimacy"
    says(GUIDE, "spelled exactly as on the series page")
    assert top.find("a")["href"] == "../series/healthy-intimacy.html"
    assert items(bottom) == [
        "Healthy Intimacy",
        "Sexual Problems and Therapeutic Approaches",
        "EMDR Within a Systems Approach (coming soon)",
    ]
    # "The published post takes the announced entry's place by itself"
    says(GUIDE, "The published post takes the\nannounced entry's place by itself")
    second = contents_of(page(guide, guide_sources.landing)).find_all("li")[1]
    assert second.find("a")["href"] == "../posts/example-1.html"
    says(
        GUIDE,
        "`description`: one sentence that summarises the post; it is shown in lists of posts.",
    )
    assert text_of(second).endswith(" — One line that tells readers what this part is about.")


def test_guide_landing_page_lists_every_post():
    says(GUIDE, "the series'\nlanding page in `docs/series/` lists its posts in a toctree")
    posts = {path.stem for path in (DOCS / "posts").glob("*.md")}
    landing = (DOCS / "series" / "healthy-intimacy.md").read_text(encoding="utf-8")
    toctrees = re.findall(r"^```\{toctree\}\n(.*?)^```$", landing, re.MULTILINE | re.DOTALL)
    listed = {
        Path(re.sub(r".*<(.*)>$", r"\1", line.strip())).name
        for text in toctrees
        for line in text.splitlines()
        if line.strip() and not line.startswith(":")
    }
    assert posts <= listed


@pytest.mark.parametrize(("typed", "seen"), [*citation_table(), PAGE_ONLY], ids=lambda v: v)
def test_guide_citations_read_as_the_guide_says(guide, typed, seen):
    number = [*citation_table(), PAGE_ONLY].index((typed, seen))
    paragraphs = page(guide, "citations").find("div", role="main").find_all("p")
    (paragraph,) = [p for p in paragraphs if plain(p).startswith(f"({number}) ")]
    assert plain(paragraph) == f"({number}) {seen}"


def test_guide_sentence_example(guide, guide_sources):
    (sentence,) = [e.text for e in fenced_blocks(GUIDE) if e.text.startswith("In a daily diary")]
    assert "{cite:t}`hardy2018attachment`" in sentence
    post = page(guide, guide_sources.posts[0]).find("div", role="main")
    (paragraph,) = [p for p in post.find_all("p") if plain(p).startswith("In a daily diary")]
    assert plain(paragraph) == (
        "In a daily diary study of couples, relationship quality went together with desire"
        " (Dewitte & Mayer, 2018). Hardy and Fisher (2018) describe the debate."
    )


def test_guide_references_list_only_what_the_post_cites(guide, guide_sources):
    says(GUIDE, "The filter keeps the list to the works this post cites.")
    post = page(guide, guide_sources.posts[0])
    (heading,) = [h2 for h2 in post.find_all("h2") if plain(h2).startswith("References")]
    references = heading.find_parent("section")
    entries = [plain(entry.find("p")) for entry in references.find_all("div", class_="citation")]
    assert [entry.split(" (")[0] for entry in entries] == [
        "Dewitte, M., & Mayer, A.",
        "Hardy, N. R., & Fisher, A. R.",
    ]


def test_guide_bibtex_example_renders(guide, guide_sources):
    says(GUIDE, "**DOIs** go in without `https://doi.org/`")
    post = page(guide, guide_sources.posts[0])
    doi = post.find("a", href="https://doi.org/10.1007/s10508-018-1175-x")
    assert doi is not None
    says(GUIDE, "**Pages** use two hyphens: `pages = {1675--1686}`.")
    entry = doi.find_parent("p")
    assert "Archives of Sexual Behavior, 47(6), 1675\N{EN DASH}1686." in plain(entry)


def test_guide_announce_another_part(make_app, tmp_path, guide_sources):
    example = says(GUIDE, "`4. Desire Across the Years`")
    says(GUIDE, "Readers see it in the series contents as coming soon.")
    project = dataclasses.replace(guide_sources, files=dict(guide_sources.files))
    landing = project.landing + ".md"
    project.files[landing] = project.files[landing].replace(
        "3. EMDR Within a Systems Approach\n",
        "3. EMDR Within a Systems Approach\n" + example.strip("`") + "\n",
    )
    app = make_app("html", srcdir=project.write(tmp_path / "src"), freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    assert (
        items(contents_of(page(app, project.landing)))[-1]
        == "Desire Across the Years (coming soon)"
    )
