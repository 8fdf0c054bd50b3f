"""Collect series facts while reading; decide which documents to rewrite after reading.

The data lives on the build environment (so it is pickled with it) behind one accessor,
:func:`get_series_data`. Reading stores only per-document facts; every cross-document
result is computed from them on demand and never stored in a doctree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sphinx.environment.collectors import EnvironmentCollector

from sphinx_post_series import model
from sphinx_post_series._report import report, warn
from sphinx_post_series.nodes import series_placeholder
from sphinx_post_series.warnings_ import SeriesWarning

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from collections.abc import Set as AbstractSet

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ENV_ATTRIBUTE = "_sphinx_post_series"


@dataclass(frozen=True)
class Listing:
    """A ``series-contents`` directive: which series a page lists, and where."""

    series: str
    name: str
    line: int


@dataclass
class SeriesData:
    """Everything the extension keeps in the environment; module-level, so picklable."""

    posts: dict[str, model.Post] = field(default_factory=dict)
    declarations: dict[str, list[model.Declaration]] = field(default_factory=dict)
    listings: dict[str, list[Listing]] = field(default_factory=dict)
    index_pages: set[str] = field(default_factory=set)
    written: dict[tuple[str, str], dict[str, model.Series]] = field(default_factory=dict)
    """The layouts last written, per (builder name, output directory)."""
    _resolved: tuple[dict[str, model.Series], list[model.Issue]] | None = None

    def __getstate__(self) -> dict[str, object]:
        # The cache is rebuilt on demand; pickling it would only grow the environment.
        return {**self.__dict__, "_resolved": None}

    def forget(self, docname: str) -> None:
        """Drop what was collected from *docname*."""
        self.posts.pop(docname, None)
        self.declarations.pop(docname, None)
        self.listings.pop(docname, None)
        self.index_pages.discard(docname)
        self._resolved = None

    def adopt(self, other: SeriesData, docnames: AbstractSet[str]) -> None:
        """Copy what *other* (a parallel reader's data) collected from *docnames*."""
        for docname in docnames:
            if docname in other.posts:
                self.posts[docname] = other.posts[docname]
            if docname in other.declarations:
                self.declarations[docname] = other.declarations[docname]
            if docname in other.listings:
                self.listings[docname] = other.listings[docname]
            if docname in other.index_pages:
                self.index_pages.add(docname)
        self._resolved = None

    def resolve(
        self, titles: Callable[[], Mapping[str, str]]
    ) -> tuple[dict[str, model.Series], list[model.Issue]]:
        """Return every series by key and the cross-document problems (cached until a change).

        *titles* is called only when the cache is empty: every page being written asks, and
        gathering all titles per page would make each page cost as much as the whole site.
        """
        if self._resolved is None:
            declarations = [d for found in self.declarations.values() for d in found]
            self._resolved = model.build_series(self.posts.values(), declarations, titles())
        return self._resolved

    def invalidate(self) -> None:
        """Forget cached layouts (titles may have changed)."""
        self._resolved = None


def get_series_data(env: BuildEnvironment) -> SeriesData:
    """Return the extension's data stored on *env*, creating it on first use."""
    data = getattr(env, _ENV_ATTRIBUTE, None)
    if not isinstance(data, SeriesData):
        data = SeriesData()
        setattr(env, _ENV_ATTRIBUTE, data)
    return data


def plain_titles(env: BuildEnvironment) -> dict[str, str]:
    """Return the current title of each document as plain text."""
    return {docname: title.astext() for docname, title in env.titles.items()}


def resolve_series(env: BuildEnvironment) -> dict[str, model.Series]:
    """Return every series of the project by key."""
    return get_series_data(env).resolve(lambda: plain_titles(env))[0]


def read_post(docname: str, metadata: Mapping[str, object]) -> model.Post | None:
    """Turn a document's metadata into a :class:`~model.Post`, reporting bad values."""
    # Kept as written (not normalised), so a stray double space is reported as a mismatch.
    name = str(metadata.get("series", "")).strip()
    if not name:
        if "series_part" in metadata:
            warn(
                SeriesWarning.MISSING_SERIES,
                "series_part is set but series is not; the post is in no series",
                docname,
                1,
            )
        return None
    part = None
    has_invalid_part = False
    if "series_part" in metadata:
        try:
            part = model.parse_part(str(metadata["series_part"]))
        except ValueError as error:
            warn(SeriesWarning.INVALID_PART, f"{error}; ordering by date", docname, 1)
            has_invalid_part = True
    date = None
    if "date" in metadata:
        try:
            date = model.parse_date(str(metadata["date"]))
        except ValueError as error:
            warn(SeriesWarning.INVALID_DATE, f"{error}; ignoring it", docname, 1)
    description = model.normalise_name(str(metadata.get("description", "")))
    return model.Post(docname, name, part, date, description, has_invalid_part)


def insert_boxes(doctree: nodes.document, docname: str, post: model.Post) -> None:
    """Put the top placeholder after the page title and the bottom one at the very end."""
    from docutils import nodes

    def placeholder(kind: str) -> series_placeholder:
        return series_placeholder(
            kind=kind, docname=docname, name=post.name, series=model.series_key(post.name)
        )

    first_section = next((n for n in doctree.children if isinstance(n, nodes.section)), None)
    if first_section is not None and first_section.children:
        has_title = isinstance(first_section[0], nodes.title)
        first_section.insert(1 if has_title else 0, placeholder("top"))
    else:
        doctree.insert(0, placeholder("top"))
    # The end of the page's own (top-level) section, after its subsections: inside the last
    # subsection ("References", say) the box would read as part of it. HTML gets a valid
    # <nav> after the last <section>; LaTeX and text simply continue after the last heading.
    (first_section or doctree).append(placeholder("bottom"))


class SeriesCollector(EnvironmentCollector):
    """Record series facts per document and propagate rewrites across documents."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        """Drop *docname*'s facts before it is re-read or after it was removed."""
        get_series_data(env).forget(docname)

    def merge_other(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        docnames: AbstractSet[str],
        other: BuildEnvironment,
    ) -> None:
        """Merge the facts a parallel reader collected."""
        get_series_data(env).adopt(get_series_data(other), docnames)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        """Record the document's declarations, listings and membership; add placeholders."""
        env = app.env
        docname = env.docname
        data = get_series_data(env)
        for node in doctree.findall(series_placeholder):
            kind = node["kind"]
            line = node.line or 1
            if kind == "landing":
                announcements = tuple(
                    model.Announcement(part, title, at) for part, title, at in node["announcements"]
                )
                declaration = model.Declaration(
                    docname, node["name"], line, node["description"], announcements
                )
                data.declarations.setdefault(docname, []).append(declaration)
            elif kind == "contents":
                listing = Listing(node["series"], node["name"], line)
                data.listings.setdefault(docname, []).append(listing)
            elif kind == "index":
                data.index_pages.add(docname)
        post = read_post(docname, env.metadata.get(docname, {}))
        if post is not None:
            data.posts[docname] = post
            insert_boxes(doctree, docname, post)
        data.invalidate()

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Return the documents whose series output changed since this builder last wrote.

        Layouts (members, order, titles, announcements, landing page) are compared with
        those last written by the same builder into the same output directory, because
        builders share one environment and doctree directory.
        """
        data = get_series_data(env)
        data.invalidate()  # titles of re-read documents may have changed
        layouts = resolve_series(env)
        key = (app.builder.name, str(app.outdir))
        previous = data.written.get(key, {})
        changed = {
            series
            for series in previous.keys() | layouts.keys()
            if previous.get(series) != layouts.get(series)
        }
        data.written[key] = layouts
        if not changed:
            return []
        docs: set[str] = set(data.index_pages)
        for series in changed:
            for layout in (previous.get(series), layouts.get(series)):
                if layout is not None:
                    docs.update(layout.members)
                    if layout.landing is not None:
                        docs.add(layout.landing)
        docs.update(
            docname
            for docname, listings in data.listings.items()
            if any(listing.series in changed for listing in listings)
        )
        return sorted(docs & env.found_docs)


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """Report cross-document problems (``env-check-consistency``)."""
    data = get_series_data(env)
    layouts, issues = data.resolve(lambda: plain_titles(env))
    for issue in issues:
        report(issue)
    for docname in sorted(data.listings):
        for listing in data.listings[docname]:
            if listing.series not in layouts:
                warn(
                    SeriesWarning.UNKNOWN_SERIES,
                    f"no post or declaration uses series {listing.name!r}",
                    docname,
                    listing.line,
                )
