"""APA 7 rules that need the whole site: Sphinx builds of the `apa-*` test roots."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


def page(app: SphinxTestApp, docname: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{docname}.html").read_text("utf-8"), "html.parser")


def citations(soup: BeautifulSoup) -> list[str]:
    return [" ".join(span.get_text().split()) for span in soup.select("span.bibtex-citation")]


def entries(soup: BeautifulSoup) -> list[str]:
    return [" ".join(entry.get_text().split()) for entry in soup.select("div.citation p")]


@pytest.mark.sphinx("html", testroot="apa-site-letters")
def test_8_19_year_letters_are_chosen_over_the_whole_site(app: SphinxTestApp) -> None:
    """APA 7 §8.19: each post lists one of Kim's two 2019 works; each keeps its own letter.

    Letters chosen per list would give both "Kim, 2019", and sphinxcontrib-bibtex would warn
    about a duplicate label.
    """
    app.build()
    one, two = page(app, "post-one"), page(app, "post-two")
    assert citations(one)[0] == "(Kim, 2019b)"
    assert citations(two)[0] == "(Kim, 2019a)"
    assert any(entry.startswith("Kim, J. (2019b). Beta nights.") for entry in entries(one))
    assert any(entry.startswith("Kim, J. (2019a). Alpha nights.") for entry in entries(two))
    assert "duplicate_label" not in app.warning.getvalue()
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="apa-site-letters")
def test_8_18_names_tell_apart_works_cited_on_different_pages(app: SphinxTestApp) -> None:
    """APA 7 §8.18: "Kim et al., 2019" would name two works of the site; more names do not."""
    app.build()
    assert citations(page(app, "post-one"))[1] == "(Kim, Lee, et al., 2019)"
    assert citations(page(app, "post-two"))[1] == "Kim, Park, et al. (2019)"


def warnings_of(app: SphinxTestApp) -> list[str]:
    """The warning lines, with the source folder written as "<srcdir>" and colours removed."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line.replace(str(app.srcdir), "<srcdir>") for line in text.splitlines() if line]


@pytest.mark.sphinx("html", testroot="apa-warnings")
def test_unsupported_type_and_missing_field_are_located_typed_warnings(
    app: SphinxTestApp,
) -> None:
    """One warning per problem, at the `.bib` file and the line of the entry."""
    app.build()
    assert warnings_of(app) == [
        "<srcdir>/references.bib:9: WARNING: @patent{lee2015pillow}: the APA 7 style has no "
        "form for this type; use one of @article, @book, @incollection, @inbook, "
        "@inproceedings, @conference, @techreport, @report, @phdthesis, @mastersthesis, "
        "@thesis, @online, @www, @electronic, @misc [apa7.unsupported_type]",
        "<srcdir>/references.bib:15: WARNING: @article{chen2018dreams} has no `journal`, "
        "which an APA 7 journal article needs [apa7.missing_field]",
    ]
    # The entries still appear, formatted as well as they can be.
    listed = entries(page(app, "index"))
    assert "Chen, W. (2018). Dreams." in listed


@pytest.mark.sphinx(
    "html",
    testroot="apa-warnings",
    confoverrides={"suppress_warnings": ["apa7.unsupported_type", "apa7.missing_field"]},
)
def test_warnings_can_be_suppressed_by_type(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
