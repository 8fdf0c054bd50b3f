"""APA citations come through in the PDF (LaTeX, xelatex, latexmk) and in a valid EPUB."""

from __future__ import annotations

import re
import zipfile
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from outputs import build_pdf, epubcheck, pdf_text

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

LATEX_CONF = {"latex_engine": "xelatex", "latex_use_xindy": False}
EPUB_CONF = {"version": "1", "release": "1.0", "copyright": "2026, the test authors"}


def one_line(text: str) -> str:
    """Text with every run of whitespace (line ends included) collapsed to one space."""
    return " ".join(text.split())


@pytest.mark.needs_tex
@pytest.mark.sphinx(
    "latex", testroot="citations", srcdir="citations-pdf", freshenv=True, confoverrides=LATEX_CONF
)
def test_pdf_has_apa_citations_entries_and_unicode(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    text = one_line(pdf_text(build_pdf(app.outdir, "citations")))
    for citation in (
        "Dewitte and Mayer (2018)",
        "(Dewitte & Mayer, 2018)",
        "(Constant et al., 2018; Dewitte & Mayer, 2018)",
        "(see Hardy & Fisher, 2018, p. 560)",
        "(Müller-Beispiel, 2019b)",
        "Díaz-Ejemplo (2010)",
    ):
        assert citation in text
    for entry in (
        "Dewitte, M., & Mayer, A. (2018). Exploring the link between daily relationship quality,",
        "Archives of Sexual Behavior, 47(6), 1675\u20131686. https://doi.org/10.1007/s10508-018-1175-x",
        "Díaz-Ejemplo, M. J. (2010). Touch and closeness in long-term couples. In J. Beispiel & "
        "L. Example (Eds.), Closeness in Practice: A Handbook for Examples (pp. 157\u2013179).",
    ):
        assert entry in text


@pytest.mark.sphinx("latex", testroot="citations", srcdir="citations-tex", freshenv=True)
def test_latex_reference_list_has_each_work_once_without_labels(app: SphinxTestApp) -> None:
    app.build()
    tex = (app.outdir / "citations.tex").read_text("utf-8")
    bibliography = tex[tex.index(r"\begin{sphinxthebibliography}") :]
    items = re.findall(
        r"\\bibitem\[[^]]*\]\{([^}]*)\}\s*(?:\\sphinxAtStartPar\s*)?(.*)", bibliography
    )
    starts = [entry.split(" (")[0].replace(r"\sphinxhyphen{}", "-") for _, entry in items]
    # Dewitte & Mayer and Hardy & Fisher are cited in both posts, listed once, in APA order.
    assert starts == [
        "American Psychological Association.",
        "Constant, E., Christophe, V., Bodenmann, G., \\& Nandrino, J.-L.",
        "Dewitte, M., \\& Mayer, A.",
        "Díaz-Ejemplo, M. J.",
        "Hardy, N. R., \\& Fisher, A. R.",
        "Leonhardt, N. D., Willoughby, B. J., Busby, D. M., Yorgason, J. B., \\& Holmes, E. K.",
        "Müller-Beispiel, A.-L.",
        "Müller-Beispiel, A.-L.",
    ]
    # The posts' own "References" headings would head nothing in the PDF: they are gone.
    assert "{References}" not in tex
    # Every in-text link still has a target: a kept entry or the anchor of a merged one.
    targets = {key for key, _ in items} | set(re.findall(r"\\hypertarget\{cite\.([^}]*)\}", tex))
    links = set(re.findall(r"\\hyperlink\{cite\.([^}]*)\}", tex))
    assert links
    assert links <= targets


@pytest.mark.needs_java
@pytest.mark.sphinx(
    "epub", testroot="citations", srcdir="citations-epub", freshenv=True, confoverrides=EPUB_CONF
)
def test_epub_passes_epubcheck_and_keeps_citations(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    (epub,) = app.outdir.glob("*.epub")
    report = epubcheck(epub)
    assert report.returncode == 0, report.stdout + report.stderr
    with zipfile.ZipFile(epub) as book:
        chapter = BeautifulSoup(book.read("post-desire.xhtml"), "html.parser")
    cited = [one_line(span.get_text()) for span in chapter.select("span.bibtex-citation")]
    assert "(see Hardy & Fisher, 2018, p. 560)" in cited
    for link in chapter.select("span.bibtex-citation a"):
        fragment = link["href"].partition("#")[2]
        assert chapter.find(id=fragment) is not None, link["href"]
