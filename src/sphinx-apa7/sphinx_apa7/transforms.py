"""Post-transforms around sphinxcontrib-bibtex's `BibliographyTransform`, for every builder.

That transform fills each reference list of a page and, for each entry, looks for the
citations of the entry in the same document by scanning all the site's citation references:
at a few dozen citations per post, quadratic in posts over a build (`benchmarks/RESULTS-site.md`).
The two transforms below bracket it: just before, the `cite` domain hands out only the
citation references of the documents whose lists are on the page; just after, all of them
again. It keeps the same references, in the same order, so the output does not change.

An upstream fix would index the citation references by document once per build.
"""

from __future__ import annotations

from typing import Any

from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.nodes import bibliography as bibliography_node
from sphinxcontrib.bibtex.transforms import BibliographyTransform

from .domain import IndexedBibtexDomain

_BIBLIOGRAPHY_TRANSFORM = BibliographyTransform.default_priority


class NarrowCitationRefs(SphinxPostTransform):
    """Show `BibliographyTransform` only the citation references of this page's lists."""

    default_priority = _BIBLIOGRAPHY_TRANSFORM - 1

    def run(self, **kwargs: Any) -> None:
        """Narrow to the documents of the page's reference lists (several in the LaTeX book)."""
        domain = self.env.get_domain("cite")
        if not isinstance(domain, IndexedBibtexDomain):
            return
        docnames = {node["docname"] for node in self.document.findall(bibliography_node)}
        if docnames:
            domain.narrow_citation_refs(docnames)


class WidenCitationRefs(SphinxPostTransform):
    """Show every citation reference again, once `BibliographyTransform` is done."""

    default_priority = _BIBLIOGRAPHY_TRANSFORM + 1

    def run(self, **kwargs: Any) -> None:
        """Undo `NarrowCitationRefs`."""
        domain = self.env.get_domain("cite")
        if isinstance(domain, IndexedBibtexDomain):
            domain.widen_citation_refs()
