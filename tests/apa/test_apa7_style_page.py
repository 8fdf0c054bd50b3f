"""The "Entry types" examples of docs/contributing/apa7-style.md print what the page says.

Every `bibtex` block of the page is followed by a `text` block with the entry as readers see
it. The test builds all of them as one Sphinx project with the site's style settings and
compares each built entry with its block; it also checks that the page's table lists exactly
the types the style supports and that the warnings table names every warning.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from sphinx_apa7.checks import ENTRY_TYPES

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

PAGE = Path(__file__).parents[2] / "docs" / "contributing" / "apa7-style.md"
_BLOCK = re.compile(r"^```(?P<language>\w*)\n(?P<text>.*?)^```$", re.MULTILINE | re.DOTALL)
_KEY = re.compile(r"^@\w+\{(?P<key>[^,]+),", re.MULTILINE)

CONF = """
extensions = ["myst_parser", "sphinx_apa7"]
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "sphinx-apa7"
bibtex_reference_style = "sphinx-apa7"
"""


def page_text() -> str:
    return PAGE.read_text(encoding="utf-8")


def examples() -> list[tuple[str, str]]:
    """(BibTeX entry, printed entry) pairs, in page order."""
    section = page_text().split("## Entry types", 1)[1].split("\n## ", 1)[0]
    blocks = [(match["language"], match["text"]) for match in _BLOCK.finditer(section)]
    pairs = []
    for (language, text), (next_language, next_text) in pairwise([*blocks, ("", "")]):
        if language == "bibtex":
            assert next_language == "text", f"the example {text[:40]!r} shows no printed form"
            pairs.append((text, next_text.strip()))
    return pairs


def test_the_page_has_one_example_per_form() -> None:
    pairs = examples()
    kinds = {re.match(r"@(\w+)", bib)[1] for bib, _ in pairs}  # type: ignore[index]
    assert {"article", "book", "incollection", "techreport", "mastersthesis"} <= kinds
    assert {"online", "inproceedings"} <= kinds
    assert len(pairs) >= 9


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("apa7-style-page")
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "references.bib").write_text(
        "\n".join(bib for bib, _ in examples()), encoding="utf-8"
    )
    (srcdir / "index.md").write_text(
        "# Examples\n\n```{bibliography}\n:all:\n```\n", encoding="utf-8"
    )
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def built_entries(app: SphinxTestApp) -> list[str]:
    """The text of every entry of the built reference list."""
    soup = BeautifulSoup((app.outdir / "index.html").read_text("utf-8"), "html.parser")
    return [" ".join(entry.get_text().split()) for entry in soup.select("div.citation p")]


@pytest.mark.parametrize(
    ("key", "printed"),
    [(_KEY.search(bib)["key"], printed) for bib, printed in examples()],  # type: ignore[index]
)
def test_example_prints_what_the_page_shows(built: SphinxTestApp, key: str, printed: str) -> None:
    assert printed in built_entries(built), key


def test_every_example_is_one_entry(built: SphinxTestApp) -> None:
    assert len(built_entries(built)) == len(examples())


def test_examples_build_without_warnings(built: SphinxTestApp) -> None:
    assert built.warning.getvalue() == ""


def table_types() -> set[str]:
    """The BibTeX types in the first column of the "Entry types" table."""
    section = page_text().split("## Entry types", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`(\w+)`", row.split("|")[1])}


def test_the_table_lists_exactly_the_supported_types() -> None:
    assert table_types() == set(ENTRY_TYPES)


@pytest.mark.parametrize("subtype", ["bibfile_syntax", "unsupported_type", "missing_field"])
def test_the_warnings_table_names_each_warning(subtype: str) -> None:
    assert f"| `apa7.{subtype}` |" in page_text()
