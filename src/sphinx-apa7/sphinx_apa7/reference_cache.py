"""Formatted APA 7 references kept between builds, recomputed only for what changed.

sphinxcontrib-bibtex formats every reference list of the site again on every build, at
`env-updated`, even when a single post was read: each list sorts its works, labels them and
formats each one with pybtex, decoding names and LaTeX as it goes. A blog lists the same works
on many pages, so the same work is formatted once per page that lists it, on every build.

With the APA 7 style all three results are pure functions of what they are computed from:

- a work's place in a list (`APA7SortingStyle.sorting_key`) of the entry alone,
- its label (`citation_label`) of the entry and its citation form,
- its formatted reference (`APA7Style.format_entry_in_form`) of the entry, its label and its
  citation form (the letter and the names shown, chosen among the site's works).

`ReferenceCache` keeps each result under exactly those inputs, the entry taken by its content
(type, key, fields and names, as pybtex parsed them), so that an edited `.bib` entry, a new
letter or another label is a new key and is computed afresh. Every key also holds a fingerprint
of the code that computes the results (this package's modules, pybtex's and latexcodec's
versions), so an upgraded or edited style never reuses an old result. Results not used by a
build are dropped at its end, so the cache holds what the site lists, and no more.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

# pybtex ships no type information; this alias only documents what a value is.
Entry = Any

T = TypeVar("T")

_LIBRARIES = ("pybtex", "latexcodec", "sphinxcontrib-bibtex")


def _library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def style_fingerprint() -> str:
    """A digest of the code behind a formatted reference: this package's modules, its libraries.

    Every module of the package counts, not only the style's, so that no edit to the code
    that computes or keys a result can leave an old result in use.
    """
    digest = hashlib.blake2b(digest_size=16)
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode())
        digest.update(module.read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library}={_library_version(library)};".encode())
    return digest.hexdigest()


def entry_content(entry: Entry) -> tuple[Hashable, ...]:
    """Everything the style reads from `entry`: its type, key, fields and names, as parsed."""
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
    fields = tuple((name, str(value)) for name, value in entry.fields.items())
    return (entry.type, entry.key, fields, persons)


def entry_digest(entry: Entry) -> str:
    """A short, stable name for `entry_content`, to keep in the pickled environment."""
    return hashlib.blake2b(repr(entry_content(entry)).encode(), digest_size=16).hexdigest()


class ReferenceCache:
    """Results of the APA 7 style, by what they were computed from, kept between builds.

    `start` begins a build with the results the last build kept (an empty cache if the
    style's code changed since); `get` returns a kept result or computes and keeps it;
    `finish` gives what to keep for the next build: the results this build used.
    """

    def __init__(self) -> None:
        self._fingerprint = ""
        self._previous: dict[Hashable, Any] = {}
        self._current: dict[Hashable, Any] = {}
        self._digests: dict[int, tuple[Entry, str]] = {}
        #: Results this build computed, took from the last build, or shared between lists.
        self.computed = 0
        self.carried_over = 0
        self.shared = 0

    def start(self, stored: dict[str, Any] | None) -> None:
        """Begin a build from `stored`, what `finish` returned last time (or nothing)."""
        self._fingerprint = style_fingerprint()
        previous = stored or {}
        is_same_code = previous.get("fingerprint") == self._fingerprint
        self._previous = dict(previous.get("results", {})) if is_same_code else {}
        self._current = {}
        self._digests = {}
        self.computed = self.carried_over = self.shared = 0

    def digest(self, entry: Entry) -> str:
        """`entry_digest`, computed once per entry object and build."""
        known = self._digests.get(id(entry))
        # The entry is kept beside its digest so that its id is not reused while cached.
        if known is not None and known[0] is entry:
            return known[1]
        digest = entry_digest(entry)
        self._digests[id(entry)] = (entry, digest)
        return digest

    def get(self, key: Hashable, compute: Callable[..., T], *arguments: Any) -> T:
        """The result kept under `key`, else `compute(*arguments)`, kept for this build."""
        if key in self._current:
            self.shared += 1
            result: T = self._current[key]
            return result
        if key in self._previous:
            self.carried_over += 1
            result = self._previous.pop(key)
        else:
            self.computed += 1
            result = compute(*arguments)
        self._current[key] = result
        return result

    def finish(self) -> dict[str, Any]:
        """What to keep for the next build: the results this build used, and the fingerprint."""
        self._previous = {}
        self._digests = {}
        return {"fingerprint": self._fingerprint, "results": self._current}
