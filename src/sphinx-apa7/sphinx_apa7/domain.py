"""sphinxcontrib-bibtex's ``cite`` domain with its look-ups indexed: same results, linear time.

A blog puts a small reference list at the end of every post, so the number of bibliographies
grows with the number of posts. sphinxcontrib-bibtex 2.7 answers three questions by scanning
lists that also grow with the number of posts, once per bibliography or per citation:

- which documents cite an entry (every citation of the site, for every entry of the ``.bib``
  file, for every bibliography),
- in which order the site cites its keys (a sort keyed on ``list.index``, per bibliography),
- which reference list a citation links to (every formatted citation, per citation).

Each is quadratic in the number of posts (measured in ``benchmarks/RESULTS.md``). This
subclass answers the same questions from dictionaries built once per build, and otherwise
defers to the original code, so the output is the same byte for byte
(``tests/apa/test_apa7_domain.py`` builds both and compares).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sphinx.util import logging
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain, Citation, _FilterVisitor

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Set

    from docutils import nodes
    from pybtex.database import Entry
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.directives import BibliographyKey

logger = logging.getLogger("sphinxcontrib.bibtex.domain")


class IndexedBibtexDomain(BibtexDomain):
    """The ``cite`` domain, with its site-wide scans replaced by dictionary look-ups."""

    #: Documents citing each key, and the position of each key's first citation in the site's
    #: reading order: built at the start of ``env_updated``, dropped at its end.
    _cited_docnames: dict[str, set[str]] | None = None
    _first_citation: dict[str, int] | None = None
    #: Formatted citations by key, in the domain's order: built at the end of ``env_updated``
    #: for the writing phase; any change to the domain's data drops it.
    _citations_by_key: dict[str, list[tuple[int, Citation]]] | None = None
    #: While ``resolve_xref`` runs: the citations of the keys it resolves, in the domain's order.
    _narrowed: list[Citation] | None = None

    @property
    def citations(self) -> list[Citation]:
        """The formatted citations; only those of the keys being resolved, in `resolve_xref`."""
        if self._narrowed is not None:
            return self._narrowed
        citations: list[Citation] = self.data["citations"]
        return citations

    # -- keeping the indexes true -------------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        """Forget `docname`'s citations, and the index that lists them."""
        self._citations_by_key = None
        super().clear_doc(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Take a parallel reader's data; the index is rebuilt after reading."""
        self._citations_by_key = None
        super().merge_domaindata(docnames, otherdata)

    def env_updated(self) -> Iterable[str]:
        """Format every bibliography, with the reading-phase indexes in place."""
        self._citations_by_key = None
        cited_docnames: defaultdict[str, set[str]] = defaultdict(set)
        for citation_ref in self.citation_refs:
            for target in citation_ref.targets:
                cited_docnames[target.key].add(citation_ref.docname)
        self._cited_docnames = cited_docnames
        self._first_citation = None
        try:
            updated = super().env_updated()
        finally:
            self._cited_docnames = self._first_citation = None
        by_key: defaultdict[str, list[tuple[int, Citation]]] = defaultdict(list)
        for position, citation in enumerate(self.citations):
            by_key[citation.key].append((position, citation))
        self._citations_by_key = by_key
        return updated

    # -- the indexed look-ups -----------------------------------------------------------------

    def get_all_cited_keys(self, docnames: list[str]) -> Iterator[str]:
        """Every cited key, in reading order; the original sorts on a `list.index` scan."""
        position = {docname: index for index, docname in enumerate(docnames)}
        for citation_ref in sorted(self.citation_refs, key=lambda ref: position[ref.docname]):
            for target in citation_ref.targets:
                yield target.key

    def get_filtered_entries(
        self, bibliography_key: BibliographyKey
    ) -> Iterator[tuple[str, Entry]]:
        """The entries the bibliography's filter keeps, with the citing documents indexed."""
        if self._cited_docnames is None:
            yield from super().get_filtered_entries(bibliography_key)
            return
        bibliography = self.bibliographies[bibliography_key]
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            cited_docnames = self._cited_docnames.get(key, set())
            visitor = _FilterVisitor(  # type: ignore[no-untyped-call]
                entry=entry, docname=bibliography_key.docname, cited_docnames=cited_docnames
            )
            try:
                success = visitor.visit(bibliography.filter_)
            except ValueError as err:
                # The same warning, type and location as sphinxcontrib-bibtex's.
                logger.warning(
                    "syntax error in :filter: expression; %s",
                    err,
                    location=(bibliography_key.docname, bibliography.line),
                    type="bibtex",
                    subtype="filter_syntax_error",
                )
                success = bool(cited_docnames)
            if success or entry.key in bibliography.keys:
                yield key, entry

    def get_sorted_entries(
        self, bibliography_key: BibliographyKey, docnames: list[str]
    ) -> Iterator[tuple[str, Entry]]:
        """Cited entries in the order the site first cites them, then the rest in .bib order."""
        if self._cited_docnames is None:
            yield from super().get_sorted_entries(bibliography_key, docnames)
            return
        if self._first_citation is None:
            first: dict[str, int] = {}
            for index, key in enumerate(self.get_all_cited_keys(docnames)):
                first.setdefault(key, index)
            self._first_citation = first
        first_citation = self._first_citation
        entries = dict(self.get_filtered_entries(bibliography_key))
        cited = [key for key in entries if key in first_citation]
        for key in sorted(cited, key=first_citation.__getitem__):
            yield key, entries.pop(key)
        yield from entries.items()

    def resolve_xref(  # type: ignore[override,unused-ignore]
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.Element:
        """Resolve a citation as sphinxcontrib-bibtex does, looking only at its keys."""
        index = self._citations_by_key
        if index is None:
            return super().resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
        keys = {citation_target.key for citation_target in parse_citation_targets(target)}
        found = sorted(
            (entry for key in keys for entry in index.get(key, ())), key=lambda pair: pair[0]
        )
        # The original filters every citation of the site; hand it only those of these keys.
        self._narrowed = [citation for _, citation in found]
        try:
            return super().resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
        finally:
            self._narrowed = None
