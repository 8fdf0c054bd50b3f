"""APA 7 citations in real Sphinx builds of the `citations` test root."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

ENTRY_STARTS = {
    "apa2020sexual": "American Psychological Association. (2020).",
    "mueller2019closeness": "Müller-Beispiel, A.-L. (2019a). Closeness and distance in couples.",
    "mueller2019desire": "Müller-Beispiel, A.-L. (2019b). Desire in Germany: A short history.",
    "constant2018intimacy": "Constant, E., Christophe, V., Bodenmann, G., & Nandrino, J.-L.",
    "dewitte2018sexual": "Dewitte, M., & Mayer, A. (2018).",
    "diaz2010touch": "Díaz-Ejemplo, M. J. (2010). Touch and closeness in long-term couples. In J.",
    "hardy2018attachment": "Hardy, N. R., & Fisher, A. R. (2018).",
    "leonhardt2018sexual": "Leonhardt, N. D., Willoughby, B. J., Busby, D. M., Yorgason, J. B., &",
}


def page(app: SphinxTestApp, docname: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{docname}.html").read_text("utf-8"), "html.parser")


def citations(soup: BeautifulSoup) -> list[str]:
    return [" ".join(span.get_text().split()) for span in soup.select("span.bibtex-citation")]


def links(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(link text, text of the reference entry its fragment points at) for every citation."""
    result = []
    for link in soup.select("span.bibtex-citation a"):
        document, _, fragment = link["href"].partition("#")
        assert document == "", "citations link to the list on the same page"
        target = soup.find(id=fragment)
        assert target is not None, link["href"]
        result.append((link.get_text(), " ".join(target.get_text().split())))
    return result


def listed_starts(soup: BeautifulSoup) -> list[str]:
    return [
        " ".join(entry.get_text().split()) for entry in soup.select("div.citation p, section li p")
    ]


def entry_key(text: str) -> str:
    (key,) = [key for key, start in ENTRY_STARTS.items() if start in text]
    return key


@pytest.mark.sphinx("html", testroot="citations")
def test_citations_read_as_apa_in_text_forms(app: SphinxTestApp) -> None:
    app.build()
    assert citations(page(app, "post-desire")) == [
        "Dewitte and Mayer (2018)",
        "(Dewitte & Mayer, 2018)",
        "(Constant et al., 2018; Dewitte & Mayer, 2018)",
        "Constant et al. (2018)",
        "(see Hardy & Fisher, 2018, p. 560)",
        "(Müller-Beispiel, 2019b)",
        "(Müller-Beispiel, 2019a)",
    ]
    assert citations(page(app, "post-closeness")) == [
        "Díaz-Ejemplo (2010)",
        "Hardy and Fisher (2018, p. 565)",
        "(Leonhardt et al., 2018)",
        "(American Psychological Association, 2020)",
        "(Dewitte & Mayer, 2018; Hardy & Fisher, 2018)",
    ]


@pytest.mark.sphinx("html", testroot="citations")
def test_each_citation_links_to_its_entry_on_the_same_page(app: SphinxTestApp) -> None:
    app.build()
    expected_targets = {
        "Dewitte and Mayer": "dewitte2018sexual",
        "Dewitte & Mayer, 2018": "dewitte2018sexual",
        "Constant et al., 2018": "constant2018intimacy",
        "Constant et al.": "constant2018intimacy",
        "Hardy & Fisher, 2018": "hardy2018attachment",
        "Hardy and Fisher": "hardy2018attachment",
        "Müller-Beispiel, 2019a": "mueller2019closeness",
        "Müller-Beispiel, 2019b": "mueller2019desire",
        "Díaz-Ejemplo": "diaz2010touch",
        "Leonhardt et al., 2018": "leonhardt2018sexual",
        "American Psychological Association, 2020": "apa2020sexual",
    }
    for docname in ("post-desire", "post-closeness"):
        soup = page(app, docname)
        for text, target in links(soup):
            # A narrative citation links its date; find its names just before the link.
            if re.fullmatch(r"\d{4}[a-z]?", text):
                continue
            assert entry_key(target) == expected_targets[text], (docname, text)
        dates = [(text, target) for text, target in links(soup) if text[:1].isdigit()]
        for text, target in dates:
            assert f"({text})." in target, "a narrative date links to an entry of that date"


@pytest.mark.sphinx("html", testroot="citations")
def test_each_post_lists_only_what_it_cites_in_apa_order(app: SphinxTestApp) -> None:
    app.build()
    desire = [entry_key(text) for text in listed_starts(page(app, "post-desire"))]
    assert desire == [
        "constant2018intimacy",
        "dewitte2018sexual",
        "hardy2018attachment",
        "mueller2019closeness",
        "mueller2019desire",
    ]
    closeness = [entry_key(text) for text in listed_starts(page(app, "post-closeness"))]
    assert closeness == [
        "apa2020sexual",
        "dewitte2018sexual",
        "diaz2010touch",
        "hardy2018attachment",
        "leonhardt2018sexual",
    ]


@pytest.mark.sphinx("html", testroot="citations")
def test_bibliography_page_lists_every_work_once(app: SphinxTestApp) -> None:
    app.build()
    listed = [entry_key(text) for text in listed_starts(page(app, "references"))]
    assert listed == sorted(ENTRY_STARTS)


@pytest.mark.sphinx("html", testroot="citations")
def test_reference_entry_markup(app: SphinxTestApp) -> None:
    app.build()
    soup = page(app, "post-desire")
    (entry,) = [p for p in soup.select("div.citation p") if "Dewitte, M." in p.get_text()]
    assert [em.get_text() for em in entry.find_all("em")] == ["Archives of Sexual Behavior", "47"]
    doi = "https://doi.org/10.1007/s10508-018-1175-x"
    assert entry.find("a", href=doi) is not None
    assert "1675\u20131686" in entry.get_text()


@pytest.mark.sphinx("text", testroot="citations")
def test_text_build_has_no_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("singlehtml", testroot="citations")
def test_singlehtml_build_has_no_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("text", testroot="citations")
def test_text_output_has_apa_forms(app: SphinxTestApp) -> None:
    app.build()
    text = " ".join((app.outdir / "post-desire.txt").read_text("utf-8").split())
    assert "as Dewitte and Mayer (2018) found" in text
    assert "(see Hardy & Fisher, 2018, p. 560)" in text


def _break(app: SphinxTestApp, name: str, old: str, new: str) -> None:
    path = app.srcdir / name
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


@pytest.mark.sphinx("html", testroot="citations", freshenv=True, srcdir="citations-unknown-key")
def test_unknown_key_warns_at_its_line(app: SphinxTestApp) -> None:
    _break(app, "post-desire.md", "{cite:t}`dewitte2018sexual` found", "{cite:t}`nokey2018` found")
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(
        r"post-desire\.md:3: WARNING: could not find bibtex key \"nokey2018\"", warnings
    )


BROKEN_ENTRY = "\n@article{broken2019,\n  author = {Broken, B.},\n  title = {Unclosed,\n"


@pytest.mark.sphinx("html", testroot="citations", freshenv=True, srcdir="citations-broken-bib")
def test_malformed_bib_entry_warns_at_its_line(app: SphinxTestApp) -> None:
    bib = app.srcdir / "references.bib"
    bib.write_text(bib.read_text("utf-8") + BROKEN_ENTRY, "utf-8")
    last_line = bib.read_text("utf-8").count("\n")
    # The check runs when the builder starts, which the fixture has done already.
    app.events.emit("builder-inited")
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(
        rf"references\.bib:{last_line}: WARNING: syntax error in line {last_line}", warnings
    ), warnings
    assert "(Dewitte & Mayer, 2018)" in citations(page(app, "post-desire"))


@pytest.mark.sphinx(
    "html",
    testroot="citations",
    freshenv=True,
    srcdir="citations-unknown-key-strict",
    warningiserror=True,
)
def test_unknown_key_fails_a_strict_build(app: SphinxTestApp) -> None:
    _break(app, "post-desire.md", "{cite:t}`dewitte2018sexual` found", "{cite:t}`nokey2018` found")
    app.build()
    assert "could not find bibtex key" in app.warning.getvalue()
    assert app.statuscode == 1
