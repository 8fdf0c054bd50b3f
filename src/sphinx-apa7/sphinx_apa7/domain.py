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

It also formats every reference list of the site again on every build, though only the lists
of the documents read have changed. For the lists in this package's style only (a list in any
other style is formatted by sphinxcontrib-bibtex's own code), `get_formatted_entries` takes each
sort key, label and formatted reference from a `ReferenceCache` kept in the environment, so a
work is formatted once, not once per list, and again only when its entry, its label or the
style changes (``tests/apa/test_apa7_reference_cache.py`` compares rebuilt and fresh sites).

A blog's per-post list has the filter ``docname in docnames``: it shows the works its own
document cites. For such lists in this package's style, more costs that grow with posts times
works are cut without changing what is shown:

- sphinxcontrib-bibtex makes a citation node for every work of the `.bib` in every list, and
  keeps them all in the environment and the doctree. `sphinx_apa7.directives` reserves their
  ids instead, and once a document is read only the nodes of the works it cites are made; a
  list the directive leaves to sphinxcontrib-bibtex has its other nodes dropped then
  (`drop_unlistable_citation_nodes`);
- the filter is evaluated for every work of the `.bib` in every list; here only the works the
  document cites, or the list names, are looked at (`get_filtered_entries`);
- once `BibliographyTransform` has put a list's nodes in a page, the domain keeps empty ones
  with the same ids in their place, so that it does not keep every written page alive
  (`widen_citation_refs`).

For every list, `BibliographyTransform` is shown only the page's own citation references
(`sphinx_apa7.transforms`), and the warnings a project suppresses are dropped before a log
record is made (`_SuppressedDropped`).

An upstream fix would format each distinct (style, label, entry) once per build and keep the
`Citation` records of the bibliographies whose documents and entries did not change, instead
of clearing them all in `env_updated`; it would make the citation nodes in `env_updated`, for
the entries a list shows, instead of one per entry of the `.bib` while reading; and it would
index the citing documents once, as this subclass does.
"""

from __future__ import annotations

import ast
import hashlib
from collections import defaultdict
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pybtex.plugin
import sphinxcontrib.bibtex.domain
from docutils import nodes
from pybtex.richtext import Tag
from pybtex.style import FormattedEntry
from pybtex.style.template import FieldIsMissing
from sphinx.util import logging
from sphinx.util.logging import is_suppressed_warning
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain, Citation, _FilterVisitor

from .bibliography import citation_label
from .reference_cache import ReferenceCache
from .works import forms_among

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence, Set

    from pybtex.database import Entry
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.directives import BibliographyKey

logger = logging.getLogger("sphinxcontrib.bibtex.domain")

#: This package's style name (as in `sphinx_apa7.STYLE_NAME`, not imported to avoid a cycle).
_APA7_STYLE = "sphinx-apa7"
#: Where the reference cache is kept in the domain's (pickled) data.
_CACHE_DATA_KEY = "sphinx_apa7_reference_cache"
#: Where each citing document's resolved references are kept, to compare with the next build.
_TARGETS_DATA_KEY = "sphinx_apa7_citation_targets"
#: The filter of a list that shows the works its own document cites, as `ast.dump` gives it.
OWN_CITATIONS_FILTER = ast.dump(ast.parse("docname in docnames"))


class _SuppressedDropped:
    """A Sphinx logger whose warnings of a suppressed type are dropped before any record.

    Sphinx drops them too, after making the record, so nothing shown or counted changes.
    """

    def __init__(self, logger: Any, suppressed: Sequence[str]) -> None:
        self._logger = logger
        self._suppressed = suppressed

    def warning(self, message: str, *args: Any, **kwargs: Any) -> None:
        kind = kwargs.get("type")
        if kind and is_suppressed_warning(kind, kwargs.get("subtype") or "", self._suppressed):
            return
        self._logger.warning(message, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._logger, name)


#: A collection, its length when indexed, and its items by document.
_DocnameIndex = tuple[Any, int, dict[str, list[Any]]]


def _by_docname(
    index: _DocnameIndex | None, collection: Any, items: Callable[[], Iterable[tuple[str, Any]]]
) -> _DocnameIndex:
    """`index` if it still describes `collection` (same object, same length), else a new one.

    Built when first asked for in a build's writing phase, where neither changes; reading
    changes them, and `clear_doc`, `merge_domaindata` and `env_updated` drop the indexes.
    """
    if index is not None and index[0] is collection and index[1] == len(collection):
        return index
    grouped: defaultdict[str, list[Any]] = defaultdict(list)
    for docname, item in items():
        grouped[docname].append(item)
    return (collection, len(collection), dict(grouped))


def _lists_own_citations(bibliography: Any) -> bool:
    """True for a list in this package's style whose filter is exactly ``docname in docnames``.

    Such a list shows the works cited in its own document, and those it names: nothing read
    elsewhere changes what it can show.
    """
    return bool(
        bibliography.style == _APA7_STYLE and ast.dump(bibliography.filter_) == OWN_CITATIONS_FILTER
    )


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
    #: While ``env_updated`` runs: the APA 7 style's results, kept between builds.
    _reference_cache: ReferenceCache | None = None
    #: The cache of the last ``env_updated``, with its counts of results computed and reused.
    last_reference_cache: ReferenceCache | None = None
    #: While ``env_updated`` runs: the keys each document cites, and each `.bib` file list's
    #: keys with their first position, for the lists that show their own document's works.
    _cited_keys: dict[str, set[str]] | None = None
    _entry_positions: dict[tuple[Any, ...], dict[str, int]] | None = None
    #: The document being read, the list of citation references, and its length then.
    _reading: tuple[str, int, int] | None = None
    #: While `BibliographyDirective` runs: no entries; until the page is read, the ids its
    #: own-citation lists reserved for their works, by list and key.
    _entries_hidden = False
    _reserved_citation_ids: dict[BibliographyKey, dict[str, str]] | None = None
    #: While sphinxcontrib-bibtex's `BibliographyTransform` runs: the citation references of
    #: the documents whose lists it fills, and those documents.
    _narrowed_citation_refs: list[Any] | None = None
    _lists_being_filled: Set[str] = frozenset()
    #: Citation references (by position) and bibliographies by document, each with the
    #: collection it indexes and that collection's length then (`_by_docname`).
    _citation_refs_by_docname: _DocnameIndex | None = None
    _bibliographies_by_docname: _DocnameIndex | None = None

    @property
    def citation_refs(self) -> list[Any]:
        """The citation references; only those of the lists being filled, in that transform."""
        if self._narrowed_citation_refs is not None:
            return self._narrowed_citation_refs
        references: list[Any] = self.data["citation_refs"]
        return references

    def narrow_citation_refs(self, docnames: Set[str]) -> None:
        """Until `widen_citation_refs`, show only the citation references from `docnames`.

        sphinxcontrib-bibtex's `BibliographyTransform` finds the back-references of each
        entry of each list by scanning every citation reference of the site, keeping those
        of the list's own document (transforms.py, 2.7), quadratic in posts over a build.
        It is handed only the references of the documents whose lists it fills, in the
        site's order, so it keeps the same ones.
        """
        references: list[Any] = self.data["citation_refs"]
        index = self._citation_refs_by_docname = _by_docname(
            self._citation_refs_by_docname,
            references,
            lambda: (
                (reference.docname, position) for position, reference in enumerate(references)
            ),
        )
        positions = sorted(
            position for docname in docnames for position in index[2].get(docname, ())
        )
        self._narrowed_citation_refs = [references[position] for position in positions]
        self._lists_being_filled = docnames

    def widen_citation_refs(self) -> None:
        """Show every citation reference again; let go of the page the lists were put in.

        `BibliographyTransform` fills the citation nodes this domain keeps for each list and
        puts them in the page: through their parents, the domain would keep every written
        page alive until the build ends (at 1,000 posts, hundreds of megabytes). For lists in
        this package's style, the domain now keeps an empty node with the same ids in place
        of each node put in the page: what reading left there, all that is read of it later.
        """
        self._narrowed_citation_refs = None
        docnames, self._lists_being_filled = self._lists_being_filled, frozenset()
        for docname in docnames:
            for bibliography in self._bibliographies_of(docname):
                if bibliography.style != _APA7_STYLE:
                    continue
                placed = bibliography.citation_nodes
                for key, node in placed.items():
                    if node.parent is not None:
                        placed[key] = type(node)(ids=list(node["ids"]))

    def _bibliographies_of(self, docname: str) -> list[Any]:
        """The bibliographies of `docname`, from an index made once per set of lists."""
        lists = self.bibliographies
        index = self._bibliographies_by_docname = _by_docname(
            self._bibliographies_by_docname,
            lists,
            lambda: ((key.docname, bibliography) for key, bibliography in lists.items()),
        )
        found: list[Any] = index[2].get(docname, [])
        return found

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
        self._citation_refs_by_docname = self._bibliographies_by_docname = None
        super().clear_doc(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Take a parallel reader's data; the index is rebuilt after reading."""
        self._citations_by_key = None
        self._citation_refs_by_docname = self._bibliographies_by_docname = None
        super().merge_domaindata(docnames, otherdata)

    def env_updated(self) -> Iterable[str]:
        """Format every bibliography, with the reading-phase indexes in place."""
        self._citations_by_key = self._bibliographies_by_docname = None
        cited_docnames: defaultdict[str, set[str]] = defaultdict(set)
        cited_keys: defaultdict[str, set[str]] = defaultdict(set)
        for citation_ref in self.citation_refs:
            for target in citation_ref.targets:
                cited_docnames[target.key].add(citation_ref.docname)
                cited_keys[citation_ref.docname].add(target.key)
        self._cited_docnames = cited_docnames
        self._cited_keys = cited_keys
        self._entry_positions = {}
        self._first_citation = None
        if any(bib.style == _APA7_STYLE for bib in self.bibliographies.values()):
            self._order_bibliographies_as_read_from_scratch()
        cache = ReferenceCache()
        cache.start(self.data.get(_CACHE_DATA_KEY))
        self._reference_cache = cache
        # sphinxcontrib-bibtex reports each work listed on more than one page (a blog's
        # normal case, which it suppresses): thousands of log records made only to be
        # dropped. While it formats, its logger drops the suppressed ones at once.
        suppressed = self.env.config.suppress_warnings
        upstream_logger = sphinxcontrib.bibtex.domain.logger
        sphinxcontrib.bibtex.domain.logger = _SuppressedDropped(upstream_logger, suppressed)  # type: ignore[assignment]
        try:
            updated = super().env_updated()
        finally:
            sphinxcontrib.bibtex.domain.logger = upstream_logger
            self._cited_docnames = self._first_citation = None
            self._cited_keys = self._entry_positions = None
            self._reference_cache = None
        by_key: defaultdict[str, list[tuple[int, Citation]]] = defaultdict(list)
        for position, citation in enumerate(self.citations):
            by_key[citation.key].append((position, citation))
        self._citations_by_key = by_key
        self.last_reference_cache = None
        if cache.computed or cache.carried_over or _CACHE_DATA_KEY in self.data:
            # Only once the style has been used, so other styles' data stay upstream's.
            self.data[_CACHE_DATA_KEY] = cache.finish()
            self.last_reference_cache = cache
        return updated

    def _order_bibliographies_as_read_from_scratch(self) -> None:
        """Put the bibliographies in the order a fresh build reads them: by document name.

        sphinxcontrib-bibtex links a citation to the last list that has the work, in the
        order of its bibliographies; a document read again moves its lists to the end, so an
        incremental build would link some citations elsewhere than a fresh one. A fresh
        serial build reads documents in sorted order, so this changes nothing there.
        """
        ordered = sorted(self.bibliographies.items(), key=lambda item: item[0].docname)
        self.bibliographies.clear()
        self.bibliographies.update(ordered)

    def _resolved_reference(self, key: str, docname: str) -> Citation | None:
        """The reference list entry `resolve_xref` links a citation of `key` in `docname` to."""
        assert self._citations_by_key is not None
        candidates = [
            citation
            for _, citation in self._citations_by_key.get(key, ())
            if self.bibliographies[citation.bibliography_key].list_ == "citation"
        ]
        # As sphinxcontrib-bibtex resolves: the document's own list first; the last one wins.
        local = [cit for cit in candidates if cit.bibliography_key.docname == docname]
        found = local or candidates
        return found[-1] if found else None

    def documents_citing_changed_references(self, output: str) -> list[str]:
        """Documents whose citations or reference lists changed since `output` was last built.

        `output` names the builder and its output folder: each output is compared with what
        was last written to it. Empty unless this build used the APA 7 reference cache.

        sphinxcontrib-bibtex rewrites only the documents it read, but a citation in an
        unchanged post links to the reference list of another post, by an anchor that moves
        when that list changes, and shows the work's formatted reference as its tooltip.
        Each citing document's targets are compared with those of the last build.
        """
        cache = self.last_reference_cache
        if cache is None or self._citations_by_key is None:
            return []
        # Per document, what each cited key resolves to and what each reference list shows.
        described: dict[int, tuple[str, ...]] = {}

        def description(citation: Citation) -> tuple[str, ...]:
            # A work is listed on several pages and cited many times: described once each.
            found = described.get(id(citation))
            if found is None:
                found = described[id(citation)] = (
                    citation.key,
                    citation.bibliography_key.docname,
                    citation.citation_id,
                    cache.digest(citation.entry),
                    citation.formatted_entry.label,
                    repr(getattr(citation.formatted_entry, "citation_form", None)),
                )
            return found

        targets: defaultdict[str, set[tuple[str, Any]]] = defaultdict(set)
        resolved_in: dict[tuple[str, str], tuple[str, ...] | None] = {}
        for citation_ref in self.citation_refs:
            docname = citation_ref.docname
            for target in citation_ref.targets:
                where = (target.key, docname)
                if where not in resolved_in:
                    citation = self._resolved_reference(target.key, docname)
                    resolved_in[where] = None if citation is None else description(citation)
                targets[docname].add((target.key, resolved_in[where]))
        # A list that shows other works, or the same ones differently, is rewritten too.
        lists: defaultdict[BibliographyKey, list[tuple[str, ...]]] = defaultdict(list)
        for citation in self.citations:
            lists[citation.bibliography_key].append(description(citation))
        for bibliography_key in self.bibliographies:
            shown = tuple(lists.get(bibliography_key, ()))
            targets[bibliography_key.docname].add((bibliography_key.id_, shown))
        signatures = {
            docname: hashlib.blake2b(
                repr(sorted(found, key=repr)).encode(), digest_size=16
            ).digest()
            for docname, found in targets.items()
        }
        outputs: dict[str, dict[str, bytes]] = self.data.setdefault(_TARGETS_DATA_KEY, {})
        previous = outputs.get(output, {})
        outputs[output] = signatures
        return sorted(
            docname
            for docname, signature in signatures.items()
            if docname in previous and previous[docname] != signature
        )

    # -- citation nodes no list can show ------------------------------------------------------

    @contextmanager
    def entries_hidden(self) -> Iterator[None]:
        """While in this context, `get_entries` finds no entries (`BibliographyDirective`)."""
        self._entries_hidden = True
        try:
            yield
        finally:
            self._entries_hidden = False

    def get_entries(self, bibfiles: list[Any]) -> Iterable[Entry]:
        """The entries of `bibfiles`, in order; none while `entries_hidden`."""
        if self._entries_hidden:
            return ()
        entries: Iterable[Entry] = super().get_entries(bibfiles)
        return entries

    def reserve_citation_ids(self, bibliography_key: BibliographyKey, ids: dict[str, str]) -> None:
        """Keep the ids a list reserved for its works, to make their nodes once it is read."""
        if self._reserved_citation_ids is None:
            self._reserved_citation_ids = {}
        self._reserved_citation_ids[bibliography_key] = ids

    def note_reading(self, docname: str) -> None:
        """Remember where `docname`'s citation references start (on ``source-read``)."""
        if self._reading is None or self._reading[0] != docname:
            references = self.citation_refs
            self._reading = (docname, id(references), len(references))

    def _citation_refs_of(self, docname: str) -> Iterator[Any]:
        """The citation references read from `docname`, without scanning the whole site's."""
        references = self.citation_refs
        start = 0
        if self._reading is not None:
            reading_docname, list_id, length = self._reading
            # Only appended to since `docname` began (the same list, no shorter): start there.
            is_same_list = list_id == id(references) and length <= len(references)
            if reading_docname == docname and is_same_list:
                start = length
        self._reading = None
        for index in range(start, len(references)):
            if references[index].docname == docname:
                yield references[index]

    def drop_unlistable_citation_nodes(self, docname: str, document: nodes.document) -> None:
        """Drop the citation nodes `docname`'s own-citation lists can never show.

        sphinxcontrib-bibtex makes one for every work of the `.bib` files in every list, as
        it learns only in `env_updated` which works a list shows; they are kept in the
        environment and in the doctree (as targets), so memory and both pickles grow with
        posts times works. A list in this package's style with the filter
        ``docname in docnames`` shows only the works `docname` cites and those the list names,
        all known once the document is read. The nodes that stay keep their ids, and the
        document's id counter is untouched, so no id in the output changes.
        """
        bibliographies = [
            (bibliography_key, bibliography)
            for bibliography_key, bibliography in self.bibliographies.items()
            if bibliography_key.docname == docname and _lists_own_citations(bibliography)
        ]
        reserved = self._reserved_citation_ids or {}
        if not bibliographies:
            self._reading = None
            return
        cited = {
            target.key
            for citation_ref in self._citation_refs_of(docname)
            for target in citation_ref.targets
        }
        for bibliography_key, bibliography in bibliographies:
            listable = cited | {bibliography.keyprefix + key for key in bibliography.keys}
            ids = reserved.pop(bibliography_key, None)
            if ids is not None:
                # `BibliographyDirective` reserved the ids: the nodes are made now, with them.
                for key, id_ in ids.items():
                    if key in listable:
                        citation = nodes.citation(ids=[id_])
                        document.ids[id_] = citation
                        bibliography.citation_nodes[key] = citation
                    else:
                        document.ids.pop(id_, None)
                continue
            for key in [key for key in bibliography.citation_nodes if key not in listable]:
                node = bibliography.citation_nodes.pop(key)
                for id_ in node["ids"]:
                    if document.ids.get(id_) is node:
                        del document.ids[id_]
        # A dict keeps the room its largest size needed; the doctree stays in memory until
        # written (Sphinx's write cache) and is pickled: keep only the room the ids now need.
        document.ids = dict(document.ids)

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
        if _lists_own_citations(bibliography):
            yield from self._own_citation_entries(bibliography_key)
            return
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

    def _own_citation_entries(
        self, bibliography_key: BibliographyKey
    ) -> Iterator[tuple[str, Entry]]:
        """What ``docname in docnames`` keeps, looking only at the works the document cites.

        The same test as the filter's (cited in this document, or named by the list) on the
        same keys, in the order of the `.bib` files; the entries nobody here cites are not
        visited, where the filter walks every entry of the `.bib` for every list.
        """
        assert self._cited_docnames is not None
        assert self._cited_keys is not None
        assert self._entry_positions is not None
        bibliography = self.bibliographies[bibliography_key]
        docname = bibliography_key.docname
        files = tuple(bibliography.bibfiles)
        positions = self._entry_positions.get(files)
        if positions is None:
            positions = {}
            for entry in self.get_entries(bibliography.bibfiles):
                positions.setdefault(entry.key, len(positions))
            self._entry_positions[files] = positions
        prefix = bibliography.keyprefix
        candidates = {
            key[len(prefix) :]
            for key in self._cited_keys.get(docname, ())
            if key.startswith(prefix)
        }
        candidates.update(bibliography.keys)
        entries = self.bibdata.data.entries
        for entry_key in sorted(
            (key for key in candidates if key in positions), key=positions.__getitem__
        ):
            if (
                docname in self._cited_docnames.get(prefix + entry_key, ())
                or entry_key in bibliography.keys
            ):
                yield prefix + entry_key, entries[entry_key]

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

    def get_formatted_entries(
        self,
        bibliography_key: BibliographyKey,
        docnames: list[str],
        tooltips: bool,
        tooltips_style: str,
    ) -> Iterator[tuple[Entry, FormattedEntry, FormattedEntry | None]]:
        """sphinxcontrib-bibtex's formatted entries; in the APA 7 style, from the cache.

        The same steps as the original (sort, label, format, the same warning for a missing
        field), with each result of the style looked up in the reference cache first.
        """
        bibliography = self.bibliographies[bibliography_key]
        cache = self._reference_cache
        if (
            cache is None
            or bibliography.style != _APA7_STYLE
            # A tooltip style of its own name is a second style object, with labels of its own.
            or (tooltips and tooltips_style)
        ):
            yield from super().get_formatted_entries(
                bibliography_key, docnames, tooltips, tooltips_style
            )
            return
        entries = dict(self.get_sorted_entries(bibliography_key, docnames))
        style: Any = pybtex.plugin.find_plugin("pybtex.style.formatting", bibliography.style)()

        def sorting_key(entry: Entry) -> Any:
            return cache.get(("sort", cache.digest(entry)), style.sorting_style.sorting_key, entry)

        # pybtex's BaseSortingStyle.sort, with the key looked up.
        sorted_entries = sorted(entries.values(), key=sorting_key)
        forms = forms_among(sorted_entries)
        for entry in sorted_entries:
            digest = cache.digest(entry)
            form = forms[entry.key]
            label = bibliography.labelprefix + cache.get(
                ("label", digest, form), citation_label, entry, form
            )
            try:
                formatted = cache.get(
                    ("entry", digest, label, form), style.format_entry_in_form, label, entry, form
                )
            except FieldIsMissing as exc:
                # The same warning, type, location and stand-in as sphinxcontrib-bibtex's.
                logger.warning(
                    str(exc),
                    location=(bibliography_key.docname, bibliography.line),
                    type="bibtex",
                    subtype="missing_field",
                )
                yield entry, FormattedEntry(entry.key, Tag("b", str(exc)), label), None
                continue
            yield entry, formatted, formatted if tooltips else None

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
