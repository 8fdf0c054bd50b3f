"""Collect blog facts while reading; decide which list pages to rewrite after reading.

The data lives on the build environment (pickled with it) behind one accessor,
:func:`get_blog_data`. Reading stores only per-document facts; every list is computed from
them at write time and never stored in a doctree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.environment.collectors import EnvironmentCollector

# The same distribution: the front matter is read once, by the series extension's rules.
from sphinx_post_series._collector import front_matter_of
from sphinx_post_series._frontmatter import (
    DATE,
    LIST,
    MAPPING,
    NUMBER,
    TEXT,
    field_list_front_matter,
    usable_text,
)
from sphinx_post_series.blog import _series, model
from sphinx_post_series.blog._config import default_author, get_config
from sphinx_post_series.blog._warnings import BlogWarning, warn
from sphinx_post_series.blog.nodes import blog_placeholder

if TYPE_CHECKING:
    from collections.abc import Mapping
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from sphinx_post_series._frontmatter import RawValue

_ENV_ATTRIBUTE = "_sphinx_post_series_blog"
# Keys that mean something only on a post (a page with a date).
_POST_ONLY_KEYS = ("updated", "category", "tags")
# Keys a post may carry without a warning: the blog's, the series extension's, Sphinx's own
# (docs/usage/restructuredtext/field-lists) and what MyST adds by itself (word count, slugs).
BLOG_KEYS = frozenset({"date", "updated", "category", "tags", "author", "description"})
SERIES_KEYS = frozenset({"series", "series_part"})
SPHINX_KEYS = frozenset({"orphan", "nocomments", "nosearch", "tocdepth", "wordcount", "myst_slugs"})
# Runs after the series collector (default priority 500) has put its box under the title,
# so the byline can go directly under the title, above the series box.
_READ_PRIORITY = 600


@dataclass(frozen=True)
class Listing:
    """A ``post-list`` directive: what it shows, and where."""

    post_filter: model.PostFilter
    is_by_year: bool
    line: int


ListedEntry = tuple[str, str, str, tuple[str, ...], str, tuple[str, int] | None]
"""What one list entry shows: docname, title, date, categories, description, series part."""


@dataclass
class BlogData:
    """Everything the extension keeps in the environment; module-level, so picklable."""

    posts: dict[str, model.BlogPost] = field(default_factory=dict)
    listings: dict[str, list[Listing]] = field(default_factory=dict)
    written: dict[tuple[str, str], dict[str, tuple[ListedEntry, ...]]] = field(default_factory=dict)
    """What each list page showed when last written, per (builder name, output directory)."""

    def forget(self, docname: str) -> None:
        """Drop what was collected from *docname*."""
        self.posts.pop(docname, None)
        self.listings.pop(docname, None)

    def adopt(self, other: BlogData, docnames: AbstractSet[str]) -> None:
        """Copy what *other* (a parallel reader's data) collected from *docnames*."""
        for docname in docnames:
            if docname in other.posts:
                self.posts[docname] = other.posts[docname]
            if docname in other.listings:
                self.listings[docname] = other.listings[docname]


def get_blog_data(env: BuildEnvironment) -> BlogData:
    """Return the extension's data stored on *env*, creating it on first use."""
    data = getattr(env, _ENV_ATTRIBUTE, None)
    if not isinstance(data, BlogData):
        data = BlogData()
        setattr(env, _ENV_ATTRIBUTE, data)
    return data


# Kinds of YAML value that MyST writes out as text a name could be mistaken for: "null",
# "True", "2022-07-13". A list reaches the blog as JSON text, a mapping as "{...}".
_NAME_KINDS = frozenset({TEXT, NUMBER, DATE, LIST, MAPPING})


def _names(
    metadata: Mapping[str, object],
    front_matter: Mapping[str, RawValue],
    key: str,
    subtype: BlogWarning,
    docname: str,
) -> tuple[str, ...]:
    if key not in metadata:
        return ()
    line = _line(front_matter, key)
    raw = front_matter.get(key)
    try:
        if raw is not None and raw.kind not in _NAME_KINDS:
            msg = f"{key} must be a name or a list of names, not a {raw.kind}"
            raise ValueError(msg)
        return model.parse_names(str(metadata[key]), key)
    except ValueError as error:
        warn(subtype, f"{error}; ignoring it", docname, line)
        return ()


def _description(
    front_matter: Mapping[str, RawValue], docname: str, *, is_series_post: bool
) -> str:
    """The description by the series extension's rule for text: ``null`` or a list is none."""
    raw = front_matter.get("description")
    if raw is None:
        return ""
    text, issue = usable_text("description", raw, docname)
    if issue is not None and not is_series_post:
        warn(BlogWarning.INVALID_DESCRIPTION, issue.message, docname, issue.line)
    return " ".join((text or "").split())


def _line(front_matter: Mapping[str, RawValue], key: str) -> int:
    raw = front_matter.get(key)
    return raw.line if raw is not None else 1


def read_post(
    docname: str,
    metadata: Mapping[str, object],
    config: Config,
    *,
    front_matter: Mapping[str, RawValue] | None = None,
    words: int = 0,
    is_series_post: bool = False,
) -> model.BlogPost | None:
    """Turn a document's metadata into a :class:`~model.BlogPost`, reporting bad values.

    *front_matter* is the series extension's reading of the same front matter, with each
    value's YAML kind and line: warnings are located at the key's line (line 1 without it),
    and a ``null`` or ``true`` is no name. *is_series_post*: the series extension read the page
    as a post of a series and so already reported a bad ``date`` or ``description``; one
    problem gets one warning.
    """
    if front_matter is None:
        front_matter = field_list_front_matter("", metadata)
    date = None
    if "date" in metadata:
        try:
            date = model.parse_date(str(metadata["date"]))
        except ValueError as error:
            if not is_series_post:
                warn(
                    BlogWarning.INVALID_DATE,
                    f"{error}; the page is not a post",
                    docname,
                    _line(front_matter, "date"),
                )
    if date is None:
        if "date" not in metadata:
            for key in _POST_ONLY_KEYS:
                if key in metadata:
                    warn(
                        BlogWarning.NOT_A_POST,
                        f"{key} is set but date is not; only pages with a date are posts",
                        docname,
                        _line(front_matter, key),
                    )
        return None
    updated = None
    if "updated" in metadata:
        try:
            updated = model.parse_date(str(metadata["updated"]), "updated")
        except ValueError as error:
            warn(
                BlogWarning.INVALID_DATE,
                f"{error}; ignoring it",
                docname,
                _line(front_matter, "updated"),
            )
        else:
            if updated < date:
                warn(
                    BlogWarning.UPDATED_BEFORE_DATE,
                    f"updated ({updated.isoformat()}) is before date ({date.isoformat()}); "
                    "ignoring it",
                    docname,
                    _line(front_matter, "updated"),
                )
                updated = None
    known = BLOG_KEYS | SPHINX_KEYS | set(get_config(config).known_keys)
    if is_series_post or "sphinx_post_series" in config.extensions:
        known |= SERIES_KEYS
    for key in sorted(metadata.keys() - known):
        warn(
            BlogWarning.UNKNOWN_KEY,
            f"front-matter key {key!r} is not one this site reads; check its spelling, or "
            "add it to blog_known_keys if another extension reads it",
            docname,
            _line(front_matter, key),
        )
    authors = _names(metadata, front_matter, "author", BlogWarning.INVALID_AUTHOR, docname)
    if not authors and default_author(config):
        authors = (default_author(config),)
    return model.BlogPost(
        docname=docname,
        date=date,
        updated=updated,
        categories=_names(
            metadata, front_matter, "category", BlogWarning.INVALID_CATEGORY, docname
        ),
        tags=_names(metadata, front_matter, "tags", BlogWarning.INVALID_TAGS, docname),
        authors=authors,
        description=_description(front_matter, docname, is_series_post=is_series_post),
        words=words,
    )


def count_words(doctree: nodes.document) -> int:
    """Return the number of words a reader reads on the page (code and comments excluded)."""
    skipped = (nodes.literal_block, nodes.comment, nodes.raw, nodes.system_message)
    total = 0
    for text in doctree.findall(nodes.Text):
        if not any(isinstance(ancestor, skipped) for ancestor in _ancestors(text)):
            total += len(text.split())
    return total


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def insert_byline(doctree: nodes.document, docname: str) -> None:
    """Put the byline placeholder directly under the page title."""
    placeholder = blog_placeholder(kind="byline", docname=docname)
    first_section = next((n for n in doctree.children if isinstance(n, nodes.section)), None)
    if first_section is not None and first_section.children:
        has_title = isinstance(first_section[0], nodes.title)
        first_section.insert(1 if has_title else 0, placeholder)
    else:
        doctree.insert(0, placeholder)


def listed_entries(
    posts: list[model.BlogPost],
    titles: Mapping[str, str],
    positions: Mapping[str, model.SeriesPosition],
) -> tuple[ListedEntry, ...]:
    """Return what a list of *posts* shows, to compare with what was last written."""
    entries = []
    for post in posts:
        position = positions.get(post.docname)
        entries.append(
            (
                post.docname,
                titles.get(post.docname, post.docname),
                post.date.isoformat(),
                post.categories,
                post.description,
                (position.name, position.number) if position else None,
            )
        )
    return tuple(entries)


class BlogCollector(EnvironmentCollector):
    """Record blog facts per document and find the list pages a change affects."""

    def enable(self, app: Sphinx) -> None:
        """Connect the collector, reading after the series collector (see ``_READ_PRIORITY``)."""
        super().enable(app)
        listeners = self.listener_ids or {}
        app.disconnect(listeners["doctree-read"])
        listeners["doctree-read"] = app.connect(
            "doctree-read", self.process_doc, priority=_READ_PRIORITY
        )
        self.listener_ids = listeners

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        """Drop *docname*'s facts before it is re-read or after it was removed."""
        get_blog_data(env).forget(docname)

    def merge_other(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        docnames: AbstractSet[str],
        other: BuildEnvironment,
    ) -> None:
        """Merge the facts a parallel reader collected."""
        get_blog_data(env).adopt(get_blog_data(other), docnames)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        """Record the document's post facts and post lists; add the byline placeholder."""
        env = app.env
        docname = env.docname
        data = get_blog_data(env)
        for node in doctree.findall(blog_placeholder):
            if node["kind"] == "post-list":
                listing = Listing(node["filter"], node["by_year"], node.line or 1)
                data.listings.setdefault(docname, []).append(listing)
        metadata = env.metadata.get(docname, {})
        post = read_post(
            docname,
            metadata,
            app.config,
            front_matter=front_matter_of(env, docname),
            words=count_words(doctree),
            is_series_post=_series.is_series_post(app, env, docname),
        )
        if post is None:
            return
        data.posts[docname] = post
        insert_byline(doctree, docname)
        if get_config(app.config).cite_this_post:
            insert_citation(doctree, docname)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Return the list pages whose entries changed since this builder last wrote them.

        Entries are compared with those last written by the same builder into the same output
        directory, because builders share one environment and doctree directory.
        """
        data = get_blog_data(env)
        titles = {docname: title.astext() for docname, title in env.titles.items()}
        positions = _series.positions(app, env)
        shown = {
            docname: tuple(
                entry
                for listing in listings
                for entry in listed_entries(
                    model.select_posts(data.posts.values(), listing.post_filter, positions),
                    titles,
                    positions,
                )
            )
            for docname, listings in data.listings.items()
        }
        key = (app.builder.name, str(app.outdir))
        previous = data.written.get(key, {})
        data.written[key] = shown
        changed = {docname for docname in shown if previous.get(docname) != shown[docname]}
        return sorted(changed & env.found_docs)


def insert_citation(doctree: nodes.document, docname: str) -> None:
    """Put the "Cite this post" placeholder at the end of the post, before series navigation."""
    placeholder = blog_placeholder(kind="cite", docname=docname)
    first_section = next((n for n in doctree.children if isinstance(n, nodes.section)), None)
    container: nodes.Element = first_section or doctree
    last = container.children[-1] if container.children else None
    # The series extension appends its bottom box at read time; the reference goes above it.
    if last is not None and type(last).__name__ == "series_placeholder":
        container.insert(len(container.children) - 1, placeholder)
    else:
        container.append(placeholder)
