"""One APA reference list at the end of the PDF: each work once, in APA order, without labels.

Sphinx's LaTeX builder gathers every citation of the book into one bibliography at its end
(`sphinx.builders.latex.transforms.BibliographyTransform`). With a reference list per post, a
work cited in two posts would appear twice there, each with a "[Dewitte & Mayer, 2018]" label
that APA does not use. This post-transform runs just before Sphinx's: it keeps the first
citation of each work, moves the link targets of the others onto it (so every in-text citation
still jumps to the entry), sorts the entries as the HTML lists are sorted, and replaces the
labelled list by a hanging-indent one.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .persons import sort_text

# Sphinx's BibliographyTransform has priority 750; ours must see the citations before it.
_BEFORE_SPHINX_BIBLIOGRAPHY = 740

# A list in place of `thebibliography`: no labels, a 2 em hanging indent (APA 7 §9.43), and the
# `cite.<key>` anchors that sphinxcontrib-bibtex's in-text links (`\hyperlink`) point at.
_APA_BIBLIOGRAPHY_ENVIRONMENT = r"""
\makeatletter
\renewenvironment{sphinxthebibliography}[1]{%
  \cleardoublepage\phantomsection
  \chapter*{\bibname}\addcontentsline{toc}{chapter}{\bibname}%
  \@mkboth{\MakeUppercase\bibname}{\MakeUppercase\bibname}%
  \list{}{\leftmargin=2em\itemindent=-2em\labelwidth=0pt\labelsep=0pt%
    \itemsep=0.4\baselineskip\parsep=0pt}%
  \def\bibitem[##1]##2{\item\hypertarget{cite.##2}{}}%
  \sloppy\raggedright
}{\endlist}
\makeatother
"""


def _sort_key(citation: nodes.citation) -> str:
    """The entry's text without accents or case: APA files "Díaz" with "Diaz"."""
    return sort_text(" ".join(child.astext() for child in citation.children[1:]))


def _bibtex_keys(domain: Any) -> dict[tuple[str, str], str]:
    """The BibTeX key of each citation node, by (docname, node id).

    sphinxcontrib-bibtex does not write the key onto the node; its domain knows it.
    """
    keys: dict[tuple[str, str], str] = {}
    for bibliography_key, bibliography in domain.bibliographies.items():
        for key, citation in bibliography.citation_nodes.items():
            keys[bibliography_key.docname, citation["ids"][0]] = key
    return keys


def _anchor(citation: nodes.citation) -> nodes.raw:
    target = f"cite.{citation['docname']}:{citation['ids'][0]}"
    return nodes.raw("", rf"\hypertarget{{{target}}}{{}}", format="latex")


class MergeReferenceLists(SphinxPostTransform):
    """Merge the book's reference lists into one APA list (LaTeX builder only)."""

    default_priority = _BEFORE_SPHINX_BIBLIOGRAPHY
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        """Drop repeated works, keep their link targets, sort, and restyle the list."""
        citations = [
            citation
            for citation in self.document.findall(nodes.citation)
            if "docname" in citation  # made by sphinxcontrib-bibtex
        ]
        if not citations:
            return
        keys = _bibtex_keys(self.env.get_domain("cite"))
        kept: dict[str, nodes.citation] = {}
        holders = {citation.parent for citation in citations}
        for citation in citations:
            key = keys.get((citation["docname"], citation["ids"][0]), citation["ids"][0])
            first = kept.setdefault(key, citation)
            if first is not citation:
                # The anchor goes inside the kept entry's paragraph, its last child.
                first.children[-1].append(_anchor(citation))  # type: ignore[attr-defined]
            citation.parent.remove(citation)
        for holder in holders:
            _remove_if_empty(holder)
        # Sphinx gathers the citations in document order; hand them over in APA order.
        self.document += nodes.container("", *sorted(kept.values(), key=_sort_key))
        self.document += nodes.raw("", _APA_BIBLIOGRAPHY_ENVIRONMENT, format="latex")


def _remove_if_empty(holder: nodes.Element) -> None:
    """Remove a list left empty, and the "References" section it was all of.

    In the PDF the entries live at the end of the book, so a post's own "References"
    heading would otherwise stand over nothing.
    """
    if holder.children or not isinstance(holder, nodes.container):
        return
    section = holder.parent
    holder.parent.remove(holder)
    if isinstance(section, nodes.section) and all(
        isinstance(child, nodes.title) for child in section.children
    ):
        section.parent.remove(section)
