"""Collect series facts while reading; decide which documents to rewrite after reading.

The data lives on the build environment (so it is pickled with it) behind one accessor,
:func:`get_series_data`. Reading stores only per-document facts; every cross-document
result is computed from them on demand and never stored in a doctree.

Which pages to rewrite is decided page by page: each page that shows series output has a
*view*, the data its boxes and lists are made of, and a page is rewritten when its view
differs from the one it was last written with. Those are recorded in a file next to the
doctrees once the builder has finished writing, never before: the environment is pickled
before writing starts, so a build interrupted while writing (or one that writes named files
only) would otherwise leave the record claiming pages that were never written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector

from sphinx_post_series import model
from sphinx_post_series._config import get_config
from sphinx_post_series._frontmatter import (
    RawValue,
    field_list_front_matter,
    read_post,
    yaml_front_matter,
)
from sphinx_post_series._warnings import SeriesWarning, report, warn
from sphinx_post_series.nodes import series_placeholder

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.tags import Tags

_ENV_ATTRIBUTE = "_sphinx_post_series"
_SOURCE_KEY = "sphinx_post_series_source"
_RECORD_VERSION = 1


@dataclass(frozen=True)
class Listing:
    """A ``series-contents`` directive: which series a page lists, and where."""

    series: str
    name: str
    line: int
    only: tuple[str, ...] = ()


class _Source(NamedTuple):
    """The source text of the document being read, as Sphinx handed it to its parser."""

    text: str
    is_restructuredtext: bool


@dataclass
class SeriesData:
    """Everything the extension keeps in the environment; module-level, so picklable."""

    posts: dict[str, model.Post] = field(default_factory=dict)
    declarations: dict[str, list[model.Declaration]] = field(default_factory=dict)
    listings: dict[str, list[Listing]] = field(default_factory=dict)
    index_pages: set[str] = field(default_factory=set)
    _resolved: tuple[frozenset[str], dict[str, model.Series], list[model.Issue]] | None = None
    _written: set[str] = field(default_factory=set)
    """Documents resolved for writing in this build (not pickled)."""

    def __getstate__(self) -> dict[str, object]:
        # The cache is rebuilt on demand; pickling it would only grow the environment.
        return {**self.__dict__, "_resolved": None, "_written": set()}

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
        self, titles: Callable[[], Mapping[str, str]], tags: Tags
    ) -> tuple[dict[str, model.Series], list[model.Issue]]:
        """Return every series by key and the cross-document problems (cached until a change).

        Declarations inside ``only`` directives count where the builder's *tags* satisfy
        them. *titles* is called only when the cache is empty: every page being written asks,
        and gathering all titles per page would make each page cost as much as the whole site.
        """
        active = frozenset(tags)
        if self._resolved is None or self._resolved[0] != active:
            declarations = [
                declaration
                for found in self.declarations.values()
                for declaration in found
                if _holds(declaration.only, tags)
            ]
            layouts, issues = model.build_series(self.posts.values(), declarations, titles())
            self._resolved = (active, layouts, issues)
        return self._resolved[1], self._resolved[2]

    def invalidate(self) -> None:
        """Forget cached layouts (titles may have changed)."""
        self._resolved = None


def _holds(conditions: Iterable[str], tags: Tags) -> bool:
    try:
        return all(tags.eval_condition(condition) for condition in conditions)
    except Exception:
        return True


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


def resolve_series(env: BuildEnvironment, tags: Tags) -> dict[str, model.Series]:
    """Return every series of the project by key, as the builder with *tags* sees it."""
    return get_series_data(env).resolve(lambda: plain_titles(env), tags)[0]


def _conditions(node: nodes.Node) -> tuple[str, ...]:
    """Return the conditions of the ``only`` directives that enclose *node*."""
    found = []
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.only):
            found.append(parent["expr"])
        parent = parent.parent
    return tuple(found)


def _included_from(env: BuildEnvironment, docname: str, node: nodes.Element) -> str:
    """Return the file *node* was written in if an ``include`` brought it in, else ``""``."""
    source = node.source
    if not source or Path(source) == Path(env.doc2path(docname)):
        return ""
    return str(source)


def insert_boxes(doctree: nodes.document, docname: str, post: model.Post) -> None:
    """Put the top placeholder after the page title and the bottom one at the very end."""

    def placeholder(kind: str) -> series_placeholder:
        return series_placeholder(
            kind=kind, docname=docname, name=post.name, series=model.series_key(post.name)
        )

    sections = [n for n in doctree.children if isinstance(n, nodes.section)]
    first_section = sections[0] if sections else None
    if first_section is not None and first_section.children:
        has_title = isinstance(first_section[0], nodes.title)
        first_section.insert(1 if has_title else 0, placeholder("top"))
    else:
        doctree.insert(0, placeholder("top"))
    # The end of the page's own (top-level) section, after its subsections: inside the last
    # subsection ("References", say) the box would read as part of it. A page with more than
    # one top-level heading (or text after its section) ends after all of them.
    if first_section is not None and doctree.children[-1] is first_section:
        first_section.append(placeholder("bottom"))
    else:
        doctree.append(placeholder("bottom"))


def capture_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """Keep the source of the document being read for its front matter (``source-read``)."""
    env = app.env
    suffix = Path(env.doc2path(docname)).suffix
    filetype = app.config.source_suffix.get(suffix, "restructuredtext")
    env.temp_data[_SOURCE_KEY] = _Source(source[0], filetype == "restructuredtext")


def front_matter_of(env: BuildEnvironment, docname: str) -> Mapping[str, RawValue]:
    metadata = env.metadata.get(docname, {})
    source = env.temp_data.get(_SOURCE_KEY)
    if not isinstance(source, _Source):
        return field_list_front_matter("", metadata)
    front_matter = None if source.is_restructuredtext else yaml_front_matter(source.text)
    if front_matter is None:
        return field_list_front_matter(source.text, metadata)
    return front_matter


# -- What each page shows, and what it was last written with ---------------------------


def _post_view(
    series: model.Series | None,
    docname: str,
    threshold: int,
    folds_to_landing: bool,
    markup: Callable[[str], str] | None,
) -> object:
    """What the two boxes of a post show (and the theme's neighbours, with their markup)."""
    if series is None:
        return None
    index = series.index_of(docname)
    if index is None:
        return None
    segments: list[object] = []
    for segment in model.fold(series.parts, index, threshold):
        parts = segment.parts
        if segment.is_folded and folds_to_landing and series.landing not in {None, docname}:
            segments.append((parts[0].number, parts[-1].number))
        else:
            segments.append((segment.is_folded, *((p.number, p.docname, p.title) for p in parts)))
    neighbours = tuple(
        None if part is None or part.docname is None or markup is None else markup(part.docname)
        for part in series.neighbours(docname)
    )
    return (series.name, series.landing, series.total, index, *segments, neighbours)


def _contents_view(series: model.Series | None, docname: str) -> object:
    """What a landing page or a ``series-contents`` list shows."""
    if series is None:
        return None
    description = series.description if series.landing == docname else None
    parts = tuple((p.number, p.docname, p.title, p.date, p.description) for p in series.parts)
    return (description, parts)


def page_views(app: Sphinx, docnames: Iterable[str]) -> dict[str, str]:
    """Return a digest of the series output of each of *docnames* that shows any."""
    env, builder = app.env, app.builder
    data = get_series_data(env)
    layouts = resolve_series(env, builder.tags)
    config = get_config(app.config)
    is_html = builder.format == "html"
    # The theme's previous/next links show titles with their markup (the boxes, plain text).
    markup: Callable[[str], str] | None = None
    if is_html and builder.name != "singlehtml" and config.override_theme_neighbours:
        markup = lambda doc: str(env.titles.get(doc, ""))  # noqa: E731
    index_view = tuple((s.name, s.landing, s.description, s.total) for s in layouts.values())
    digests = {}
    for docname in docnames:
        views: list[object] = []
        post = data.posts.get(docname)
        if post is not None:
            series = layouts.get(model.series_key(post.name))
            views.append(_post_view(series, docname, config.fold_threshold, is_html, markup))
        for declaration in data.declarations.get(docname, ()):
            if _holds(declaration.only, builder.tags):
                series = layouts.get(model.series_key(declaration.name))
                views.append(_contents_view(series, docname))
        views.extend(
            _contents_view(layouts.get(listing.series), docname)
            for listing in data.listings.get(docname, ())
        )
        if docname in data.index_pages:
            views.append(index_view)
        if views:
            text = repr(views).encode("utf-8", "backslashreplace")
            digests[docname] = hashlib.blake2b(text, digest_size=16).hexdigest()
    return digests


def _pages_with_series_output(data: SeriesData) -> set[str]:
    return {*data.posts, *data.declarations, *data.listings, *data.index_pages}


def _record_path(builder: Builder) -> Path:
    """The record of what each page was written with, per builder and output directory."""
    outdir = hashlib.blake2b(str(builder.outdir).encode(), digest_size=6).hexdigest()
    return Path(builder.doctreedir) / f"series-written-{builder.name}-{outdir}.json"


def _load_record(builder: Builder) -> dict[str, str]:
    try:
        record = json.loads(_record_path(builder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict) or record.get("version") != _RECORD_VERSION:
        return {}
    pages = record.get("pages")
    return pages if isinstance(pages, dict) else {}


def note_written(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Remember that *docname* is being written in this build (``doctree-resolved``)."""
    get_series_data(app.env)._written.add(docname)


def record_written(app: Sphinx, exception: BaseException | None) -> None:
    """Once the builder has written its pages, record their views (``build-finished``)."""
    builder = app.builder
    data = get_series_data(app.env)
    written, data._written = data._written, set()
    if exception is not None or not written:
        return
    # Builders that write one file for all documents (LaTeX, singlehtml, texinfo, man) say
    # so by returning a description instead of docnames; every document was written.
    if isinstance(builder.get_outdated_docs(), str):
        written = set(app.env.found_docs)
    pages = {doc: view for doc, view in _load_record(builder).items() if doc in app.env.found_docs}
    for docname in written:
        pages.pop(docname, None)
    pages.update(page_views(app, written & _pages_with_series_output(data)))
    path = _record_path(builder)
    try:
        path.write_text(json.dumps({"version": _RECORD_VERSION, "pages": pages}), "utf-8")
    except OSError:
        path.unlink(missing_ok=True)  # without a record, the next build rewrites every page


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
                    docname,
                    node["name"],
                    line,
                    node["description"],
                    announcements,
                    _conditions(node),
                    _included_from(env, docname, node),
                )
                data.declarations.setdefault(docname, []).append(declaration)
            elif kind == "contents":
                listing = Listing(node["series"], node["name"], line, _conditions(node))
                data.listings.setdefault(docname, []).append(listing)
            elif kind == "index":
                data.index_pages.add(docname)
        front_matter = front_matter_of(env, docname)
        if front_matter:
            has_title = next(doctree.findall(nodes.section), None) is not None
            post, issues = read_post(
                docname,
                front_matter,
                has_title=has_title or "title" in doctree,
                known_keys=frozenset(get_config(app.config).known_front_matter_keys),
            )
            for issue in issues:
                report(issue)
            if post is not None:
                data.posts[docname] = post
                insert_boxes(doctree, docname, post)
        data.invalidate()

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Return the documents whose series output differs from what they were written with.

        Each builder and output directory has its own record, because builders share one
        environment and doctree directory.
        """
        data = get_series_data(env)
        data.invalidate()  # titles of re-read documents may have changed
        recorded = _load_record(app.builder)
        current = page_views(app, _pages_with_series_output(data) & env.found_docs)
        changed = {
            doc for doc in recorded.keys() | current.keys() if recorded.get(doc) != current.get(doc)
        }
        return sorted(changed & env.found_docs)


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """Report cross-document problems (``env-check-consistency``)."""
    data = get_series_data(env)
    layouts, issues = data.resolve(lambda: plain_titles(env), app.builder.tags)
    for issue in issues:
        report(issue)
    for docname in sorted(data.listings):
        for listing in data.listings[docname]:
            if listing.series not in layouts and _holds(listing.only, app.builder.tags):
                warn(
                    SeriesWarning.UNKNOWN_SERIES,
                    f"no post or declaration uses series {listing.name!r}",
                    (docname, listing.line),
                )
