"""A prototype, for the benchmark only: formatted references kept between builds.

sphinxcontrib-bibtex formats every reference list of the site on every build (its domain's
`env_updated`), twice per entry when tooltips are on (the default), even when one post was
edited. This extension memoizes `sphinx_apa7.bibliography.APA7Style.format_entry` in the
build environment, so the memo is pickled with it and the next build starts warm; and, within
a build, `sphinx_apa7.works.reference_list_key`, which every citation asks for again (with
the LaTeX decoding of the title and names it does).

The key is everything `format_entry` reads: the style's class, the label, the citation form
chosen among the site's works, and the entry's data (type, key, fields, persons by role, each
person's name parts), with the version of sphinx_apa7. A changed entry, a new letter or a new
number of names shown is a new key, so a stale result is never returned. Entries not used by
a build are dropped at its end. With `BENCH_PRUNE_CITATION_NODES=1` it also drops the citation
nodes a list filtered on its own document does not show (finding 5 of RESULTS-site.md).

`benchmarks/site.py --reference-cache` loads it (through `BENCH_REFERENCE_CACHE=1`, as
`record_pages.py` is loaded) to measure what such a cache saves, and to check that the HTML
it gives is byte-identical to formatting from scratch. It is not the fix: that belongs in
sphinx_apa7, with a test (see RESULTS-site.md).
"""

from __future__ import annotations

import ast
import os
from typing import TYPE_CHECKING, Any

import sphinx_apa7
import sphinx_apa7.bibliography
import sphinx_apa7.citations
import sphinx_apa7.works
from sphinx_apa7.bibliography import APA7Style
from sphinx_apa7.works import forms_among

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ENV_ATTRIBUTE = "bench_formatted_references"
_format_entry = APA7Style.format_entry
_reference_list_key = sphinx_apa7.works.reference_list_key
#: Reference-list sort keys by entry data, for this build only (each citation asks again).
_sort_keys: dict[tuple[Any, ...], Any] = {}
_memo: dict[tuple[Any, ...], Any] = {}
_used: set[tuple[Any, ...]] = set()
statistics = {"hits": 0, "misses": 0}


def entry_fingerprint(entry: Entry) -> tuple[Any, ...]:
    """Every part of `entry` a formatting style can read, as a hashable value."""
    persons = tuple(
        (
            role,
            tuple(
                (
                    tuple(person.first_names),
                    tuple(person.middle_names),
                    tuple(person.prelast_names),
                    tuple(person.last_names),
                    tuple(person.lineage_names),
                )
                for person in people
            ),
        )
        for role, people in entry.persons.items()
    )
    return (entry.key, entry.type, tuple(entry.fields.items()), persons)


def _cached_format_entry(self: APA7Style, label: str, entry: Entry, bib_data: Any = None) -> Any:
    if bib_data is not None:
        return _format_entry(self, label, entry, bib_data)
    form = self._forms.get(entry.key) or forms_among([entry])[entry.key]
    key = (sphinx_apa7.__version__, type(self).__qualname__, label, form, entry_fingerprint(entry))
    _used.add(key)
    formatted = _memo.get(key)
    if formatted is None:
        statistics["misses"] += 1
        formatted = _memo[key] = _format_entry(self, label, entry)
    else:
        statistics["hits"] += 1
    return formatted


def _memoized_reference_list_key(entry: Entry) -> Any:
    fingerprint = entry_fingerprint(entry)
    found = _sort_keys.get(fingerprint)
    if found is None:
        found = _sort_keys[fingerprint] = _reference_list_key(entry)
    return found


def _load(app: Sphinx) -> None:
    stored = getattr(app.env, _ENV_ATTRIBUTE, None)
    _memo.clear()
    _used.clear()
    if isinstance(stored, dict):
        _memo.update(stored)
    APA7Style.format_entry = _cached_format_entry  # type: ignore[method-assign]
    # The modules that call it hold their own name for it.
    for module in (sphinx_apa7.works, sphinx_apa7.bibliography, sphinx_apa7.citations):
        if hasattr(module, "reference_list_key"):
            setattr(module, "reference_list_key", _memoized_reference_list_key)  # noqa: B010


#: The blog's filter: a list shows the works its own document cites.
_OWN_CITATIONS_FILTER = ast.dump(ast.parse("docname in docnames"))


def prune_citation_nodes(env: BuildEnvironment) -> int:
    """Drop, from lists filtered on their own document, the citation nodes they do not show.

    sphinxcontrib-bibtex makes one node per `.bib` entry for every list. Such a list changes
    only when its document is read again, which makes every node afresh.
    """
    domain: Any = env.get_domain("cite")
    shown: dict[Any, set[str]] = {}
    for citation in domain.citations:
        shown.setdefault(citation.bibliography_key, set()).add(citation.key)
    dropped = 0
    for bibliography_key, bibliography in domain.bibliographies.items():
        if ast.dump(bibliography.filter_) != _OWN_CITATIONS_FILTER:
            continue
        keep = shown.get(bibliography_key, set()) | {
            bibliography.keyprefix + key for key in bibliography.keys
        }
        before = len(bibliography.citation_nodes)
        for key in [key for key in bibliography.citation_nodes if key not in keep]:
            del bibliography.citation_nodes[key]
        dropped += before - len(bibliography.citation_nodes)
    return dropped


def _store(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    # After sphinxcontrib-bibtex's env-updated handler (priority 500): keep what this build used.
    setattr(env, _ENV_ATTRIBUTE, {key: _memo[key] for key in _used if key in _memo})
    if os.environ.get("BENCH_PRUNE_CITATION_NODES") == "1":
        print(f"citation nodes dropped: {prune_citation_nodes(env)}")
    print(f"reference cache: {statistics['hits']} hits, {statistics['misses']} misses")
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _load)
    app.connect("env-updated", _store, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
