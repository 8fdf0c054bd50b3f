"""Build the byline and post lists from standard docutils nodes.

Called at write time, so labels are translated into the language of the build and lists show
current titles. Dates and lists of names go through the series extension's mapping of
Sphinx's ``language`` to Babel's locales, so ``en-GB``, ``pt_BR`` and ``sr@latin`` are
written as their readers write them, in the byline as in the series boxes. How a link is
made is the caller's choice (a :class:`Linker`): the post-transform makes ``std:doc``
references that Sphinx resolves for each builder, the generated category pages make plain
HTML links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import babel.lists
from docutils import nodes

from sphinx_post_series._render import babel_locale, date_label
from sphinx_post_series.blog import model
from sphinx_post_series.blog._i18n import _
from sphinx_post_series.blog.nodes import blog_time

if TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping, Sequence

SEPARATOR = " \N{MIDDLE DOT} "


class Linker(Protocol):
    """Makes the links of blog output, in the form the current output needs."""

    def to_doc(self, target: str, text: str | None = None) -> nodes.Node:
        """Link to document *target*, showing *text* (or the target's current title)."""

    def to_category(self, name: str) -> nodes.Node:
        """Link to the page of category *name*, or return its name where there is none."""


def names_label(names: Sequence[str], language: str | None) -> str:
    """Join names as *language* does ("A and B", "A, B, and C")."""
    locale = babel_locale(language)
    if locale is None:
        return ", ".join(names)
    return babel.lists.format_list(list(names), locale=locale)


def language_tag(language: str | None) -> str:
    """Return *language* as a BCP 47 tag for feeds and JSON-LD (``pt_BR`` -> ``pt-BR``).

    Through the same locale as the bylines, so ``sr@latin`` is ``sr-Latn``; a language Babel
    does not know keeps its own name, with ``-`` for ``_``.
    """
    locale = babel_locale(language)
    if locale is None:
        return (language or "en").replace("_", "-")
    return "-".join(filter(None, (locale.language, locale.script, locale.territory)))


def time_node(date: datetime.date, language: str | None) -> blog_time:
    """Return *date* written out, as ``<time datetime=…>`` in HTML."""
    label = date_label(date, language)
    return blog_time(label, label, datetime=date.isoformat())


def _joined(parts: Sequence[nodes.Node], separator: str) -> list[nodes.Node]:
    joined: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index:
            joined.append(nodes.Text(separator))
        joined.append(part)
    return joined


def _category_nodes(post: model.BlogPost, linker: Linker) -> nodes.inline:
    links = [linker.to_category(name) for name in post.categories]
    return nodes.inline("", "", *_joined(links, ", "), classes=["blog-categories"])


def byline(
    post: model.BlogPost, language: str | None, words_per_minute: int, linker: Linker
) -> nodes.paragraph:
    """Return "July 13, 2022 · Category · Author · N min read · Updated <date>"."""
    parts: list[nodes.Node] = [time_node(post.date, language)]
    if post.categories:
        parts.append(_category_nodes(post, linker))
    if post.authors:
        label = names_label(post.authors, language)
        parts.append(nodes.inline(label, label, classes=["blog-authors"]))
    minutes = model.reading_minutes(post.words, words_per_minute)
    reading = _("%(minutes)d min read") % {"minutes": minutes}
    parts.append(nodes.inline(reading, reading, classes=["blog-reading-time"]))
    if post.updated is not None:
        before, _slot, after = (_("Updated %(date)s") % {"date": "\x00"}).partition("\x00")
        updated = nodes.inline("", before, classes=["blog-updated"])
        updated += time_node(post.updated, language)
        if after:
            updated += nodes.Text(after)
        parts.append(updated)
    return nodes.paragraph("", "", *_joined(parts, SEPARATOR), classes=["blog-byline"])


def _series_label(position: model.SeriesPosition, linker: Linker) -> nodes.inline:
    template = _("Part %(part)d of %(total)d in the series %(series)s")
    before, _slot, after = (
        template % {"part": position.number, "total": position.total, "series": "\x00"}
    ).partition("\x00")
    name: nodes.Node = (
        linker.to_doc(position.landing, position.name)
        if position.landing
        else nodes.Text(position.name)
    )
    label = nodes.inline("", before, classes=["blog-series"])
    label += nodes.emphasis("", "", name)
    if after:
        label += nodes.Text(after)
    return label


def entry(
    post: model.BlogPost,
    position: model.SeriesPosition | None,
    language: str | None,
    linker: Linker,
) -> nodes.list_item:
    """Return one list entry: title link, then date · series · categories, then description."""
    item = nodes.list_item(classes=["blog-post"])
    item += nodes.paragraph("", "", linker.to_doc(post.docname), classes=["blog-post-title"])
    meta: list[nodes.Node] = [time_node(post.date, language)]
    if position is not None:
        meta.append(_series_label(position, linker))
    if post.categories:
        meta.append(_category_nodes(post, linker))
    item += nodes.paragraph("", "", *_joined(meta, SEPARATOR), classes=["blog-post-meta"])
    if post.description:
        item += nodes.paragraph(post.description, post.description, classes=["blog-summary"])
    return item


def post_list(
    posts: Sequence[model.BlogPost],
    positions: Mapping[str, model.SeriesPosition],
    language: str | None,
    linker: Linker,
    *,
    is_by_year: bool = False,
) -> nodes.container:
    """Return *posts* (newest first) as a list, or one list per year under a year heading."""
    box = nodes.container(classes=["blog-post-list"])
    if not posts:
        text = _("No posts yet.")
        box += nodes.paragraph(text, text, classes=["blog-empty"])
        return box
    groups = model.by_year(posts) if is_by_year else [(0, list(posts))]
    for year, group in groups:
        if is_by_year:
            # A rubric is a heading outside the table of contents (read at read time, so it
            # cannot hold headings added at write time); HTML renders it as <h2>.
            box += nodes.rubric(str(year), str(year), classes=["blog-year"], **{"heading-level": 2})
        listing = nodes.bullet_list(classes=["blog-posts"])
        for post in group:
            listing += entry(post, positions.get(post.docname), language, linker)
        box += listing
    return box
