"""The ``bibliography`` directive, without a citation node per `.bib` work in a post's list.

sphinxcontrib-bibtex's directive makes a citation node, with its id, for every work of the
`.bib` files, in every list: it learns only in ``env-updated`` which works a list shows, and the
ids must exist before that. A blog puts a list in every post, so the nodes (and the time to make
them) grow with posts times works (``benchmarks/RESULTS-site.md``).

A list in this package's style with the filter ``docname in docnames`` shows only the works its
own document cites, all known once the document is read. For such a list this directive takes
the same ids, in the same order, with docutils' own ``set_id`` on one stand-in node, and makes
the citation nodes only at ``doctree-read``, for the works the document cites
(`IndexedBibtexDomain.drop_unlistable_citation_nodes`). Every other list is sphinxcontrib-bibtex's
own. The output is the same byte for byte (``tests/apa/test_apa7_domain.py``).

An upstream fix would make the citation nodes in ``env-updated``, for the works a list shows,
reserving only their ids while reading.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinxcontrib.bibtex.directives import BibliographyDirective as UpstreamBibliographyDirective
from sphinxcontrib.bibtex.directives import BibliographyKey
from sphinxcontrib.bibtex.nodes import bibliography as bibliography_node

from .domain import OWN_CITATIONS_FILTER, IndexedBibtexDomain

if TYPE_CHECKING:
    from collections.abc import Sequence

#: This package's style name (as in `sphinx_apa7.STYLE_NAME`, not imported to avoid a cycle).
_APA7_STYLE = "sphinx-apa7"
#: Options that leave a list's works to its filter and its ids to docutils' counter.
_SIMPLE_OPTIONS = frozenset({"filter", "style", "labelprefix", "keyprefix"})


class BibliographyDirective(UpstreamBibliographyDirective):
    """sphinxcontrib-bibtex's ``bibliography``; a post's own list reserves ids, not nodes."""

    def _lists_own_citations_only(self, domain: IndexedBibtexDomain) -> bool:
        """True for a list this directive can leave without nodes until the page is read.

        Only the plainest form: this package's style, the filter ``docname in docnames`` and
        no other choice of works, no works named in the content, sphinxcontrib-bibtex's own
        ids, and no header (its nodes would take their ids after the list's).
        """
        config = self.env.config
        style = self.options.get("style", config.bibtex_default_style)
        filter_text = self.options.get("filter")
        if style != _APA7_STYLE or filter_text is None or not set(self.options) <= _SIMPLE_OPTIONS:
            return False
        try:
            is_own_filter = ast.dump(ast.parse(filter_text)) == OWN_CITATIONS_FILTER
        except SyntaxError:
            return False
        return bool(
            is_own_filter
            and not self.content
            and not config.bibtex_cite_id
            and not config.bibtex_bibliography_header
        )

    def run(self) -> Sequence[nodes.Node]:
        """The upstream directive; for a post's own list, ids reserved in place of nodes."""
        domain = self.env.get_domain("cite")
        if not isinstance(domain, IndexedBibtexDomain) or not self._lists_own_citations_only(
            domain
        ):
            result: Sequence[nodes.Node] = super().run()
            return result
        with domain.entries_hidden():
            result = super().run()
        list_node = result[-1]
        assert isinstance(list_node, bibliography_node)
        bibliography_key = BibliographyKey(docname=self.env.docname, id_=list_node["ids"][0])
        bibliography = domain.bibliographies[bibliography_key]
        keys = dict.fromkeys(
            bibliography.keyprefix + entry.key
            for entry in domain.get_entries(bibliography.bibfiles)
        )
        # The ids sphinxcontrib-bibtex's nodes would take, in its order: docutils' own set_id
        # on one stand-in, so any id docutils would skip (already taken) is skipped here too.
        document = self.state.document
        stand_in: Any = nodes.citation()
        reserved = {}
        for key in keys:
            stand_in["ids"] = []
            reserved[key] = document.set_id(stand_in)
        domain.reserve_citation_ids(bibliography_key, reserved)
        return result
