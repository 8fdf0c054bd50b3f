"""One APA reference list at the end of the PDF: each work once, in APA order, without labels.

Sphinx's LaTeX builder gathers every citation of the book into one bibliography at its end
(`sphinx.builders.latex.transforms.BibliographyTransform`, priority 750). With a reference list
per post, a work cited in two posts would appear twice there, each with a "[Dewitte & Mayer,
2018]" label that APA does not use. Two post-transforms act on the citations of bibliographies
in our style only (``:style: sphinx-apa7``, or ``bibtex_default_style = "sphinx-apa7"``), never
on those of other styles nor on docutils' own citations:

- `MarkReferenceLists`, just before Sphinx's, marks the lists that hold them;
- `MergeReferenceLists`, just after it, works on the `thebibliography` node Sphinx made: it
  keeps the first citation of each work, moves the link targets of the others onto it (so every
  in-text citation still jumps to the entry), sorts the entries as the HTML lists are sorted,
  removes the marked lists it left empty with the "References" sub-sections they were all of,
  and, when every entry of the book's list is ours, replaces the labelled list by a
  hanging-indent one.

Where Sphinx's transform did not run (sphinxcontrib-bibtex's "bibliography in place" recipe
replaces it), there is no `thebibliography` node and nothing is changed.
"""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform

from .persons import sort_text

#: Sphinx's BibliographyTransform has priority 750.
_BEFORE_SPHINX_BIBLIOGRAPHY = 740
_AFTER_SPHINX_BIBLIOGRAPHY = 760
#: The attribute that marks a list holding citations in our style (not written out).
_MARK = "apa7_reference_list"

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


def is_apa_style(style: str) -> bool:
    """Whether the pybtex formatting style `style` is ours (or a subclass of it)."""
    from pybtex.plugin import find_plugin

    from .bibliography import APA7Style

    try:
        return issubclass(find_plugin("pybtex.style.formatting", style), APA7Style)
    except Exception:  # an unknown style: sphinxcontrib-bibtex reports it
        return False


def apa_citation_keys(domain: Any) -> dict[tuple[str, str], str]:
    """The BibTeX key of each citation node in our style, by (docname, node id).

    sphinxcontrib-bibtex does not write the key onto the node; its domain knows it, and knows
    the style of the bibliography the node belongs to.
    """
    keys: dict[tuple[str, str], str] = {}
    ours: dict[str, bool] = {}  # per style name: a look-up may scan every entry point
    for bibliography_key, bibliography in domain.bibliographies.items():
        if bibliography.list_ != "citation":
            continue
        if bibliography.style not in ours:
            ours[bibliography.style] = is_apa_style(bibliography.style)
        if not ours[bibliography.style]:
            continue
        for key, citation in bibliography.citation_nodes.items():
            keys[bibliography_key.docname, citation["ids"][0]] = key
    return keys


def _apa_key(node: nodes.Node, keys: dict[tuple[str, str], str]) -> str | None:
    """The BibTeX key of `node` if it is a citation in our style, else None."""
    if not isinstance(node, nodes.citation) or not node.get("ids"):
        return None
    return keys.get((node.get("docname", ""), node["ids"][0]))


def _sort_key(citation: nodes.citation) -> str:
    """The entry's text without accents or case: APA files "Díaz" with "Diaz"."""
    return sort_text(" ".join(child.astext() for child in citation.children[1:]))


def _anchor(citation: nodes.citation) -> nodes.raw:
    target = f"cite.{citation['docname']}:{citation['ids'][0]}"
    return nodes.raw("", rf"\hypertarget{{{target}}}{{}}", format="latex")


class MarkReferenceLists(SphinxPostTransform):
    """Mark the lists holding citations in our style, before Sphinx moves them (LaTeX only)."""

    default_priority = _BEFORE_SPHINX_BIBLIOGRAPHY
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        """Mark the parent of every citation in our style."""
        keys = apa_citation_keys(self.env.get_domain("cite"))
        if not keys:
            return
        for citation in self.document.findall(nodes.citation):
            if _apa_key(citation, keys) is not None and citation.parent is not None:
                citation.parent[_MARK] = True


class MergeReferenceLists(SphinxPostTransform):
    """Merge the book's APA reference lists into one APA list (LaTeX builder only)."""

    default_priority = _AFTER_SPHINX_BIBLIOGRAPHY
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        """Drop repeated works, keep their link targets, sort, and restyle the list."""
        book_list = next(iter(self.document.findall(thebibliography)), None)
        if book_list is None:
            return  # no citations, or Sphinx's transform was replaced: leave them in place
        keys = apa_citation_keys(self.env.get_domain("cite"))
        ours = [
            (key, citation)
            for citation in book_list.children
            if (key := _apa_key(citation, keys)) is not None
        ]
        if not ours:
            return
        kept: dict[str, nodes.citation] = {}
        for key, node in ours:
            citation = cast("nodes.citation", node)
            first = kept.setdefault(key, citation)
            if first is not citation:
                # The anchor goes inside the kept entry's paragraph, its last child.
                first.children[-1].append(_anchor(citation))  # type: ignore[attr-defined]
            book_list.remove(citation)
        others = list(book_list.children)
        # Others keep Sphinx's (document) order, ahead of ours, which go in APA order.
        book_list[:] = [*others, *sorted(kept.values(), key=_sort_key)]
        for holder in list(self.document.findall(_is_marked)):
            _remove_if_empty(holder)  # type: ignore[arg-type]
        if not others:
            index = book_list.parent.index(book_list)
            book_list.parent.insert(
                index, nodes.raw("", _APA_BIBLIOGRAPHY_ENVIRONMENT, format="latex")
            )


def _is_marked(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and bool(node.get(_MARK))


def _remove_if_empty(holder: nodes.Element) -> None:
    """Remove a list left empty, and the "References" sub-section it was all of.

    In the PDF the entries live at the end of the book, so a post's own "References" heading
    would otherwise stand over nothing. A document's own top section stays (its heading is in
    the table of contents and `:doc:` links point at it); a removed section's ids go to the
    section around it, so `:ref:` links to it still have a target.
    """
    if holder.children or not isinstance(holder, nodes.container) or holder.parent is None:
        return
    section = holder.parent
    section.remove(holder)
    if not isinstance(section, nodes.section) or not all(
        isinstance(child, nodes.title) for child in section.children
    ):
        return
    parent = section.parent
    if not isinstance(parent, nodes.section):
        return  # the document's top section
    parent["ids"].extend(section["ids"])
    parent.remove(section)
