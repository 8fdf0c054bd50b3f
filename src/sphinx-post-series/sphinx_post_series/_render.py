"""Build the series output from standard docutils nodes and ``std:doc`` references.

Called at write time by the post-transform, so labels are translated into the language of
the build and links point at current titles. Links are ``pending_xref`` nodes, which the
post-transform resolves as Sphinx's standard domain does: each builder gets its own link
form (``.html``, ``.xhtml``, ``#document-…``, a LaTeX hyperref) and the text stays when
LaTeX leaves a document out.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import babel
import babel.dates
from docutils import nodes
from sphinx import addnodes

from sphinx_post_series import model
from sphinx_post_series._i18n import _
from sphinx_post_series.nodes import series_current, series_fold, series_nav

if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable, Sequence

_SLOT = "\x00"  # stands for a node inside a translated sentence
# Sphinx 9's search indexer skips elements with this class. The boxes repeat other posts'
# titles on every page: indexed, each search for a title would list every post of the series
# (and indexing them costs build time; see benchmarks/RESULTS.md).
_NOT_SEARCHED = "no-search"


def doc_link(
    target: str, from_doc: str, text: str, *, explicit: bool = False, rel: str = ""
) -> addnodes.pending_xref:
    """Return a ``std:doc`` reference to *target*, with *rel* for the HTML link.

    With ``explicit=False`` the text is the target's current title; it is also what stays
    when the builder has no URI for the target (LaTeX, for a document it leaves out).
    """
    xref = addnodes.pending_xref(
        "",
        nodes.inline(text, text),
        refdomain="std",
        reftype="doc",
        reftarget="/" + target,
        refdoc=from_doc,
        refexplicit=explicit,
        refwarn=True,
    )
    if rel:
        xref["series_rel"] = rel
    return xref


def _sentence(template: str, values: dict[str, object], node: nodes.Node) -> list[nodes.Node]:
    """Return a translated sentence as text nodes around *node* (its ``%(...)s`` slot)."""
    before, _slot, after = (template % {**values, "node": _SLOT}).partition(_SLOT)
    # No empty text nodes: each post-transform and the writer walk every node of a page.
    pieces: list[nodes.Node] = [nodes.Text(before)] if before else []
    pieces.append(node)
    if after:
        pieces.append(nodes.Text(after))
    return pieces


def _series_name(series: model.Series, from_doc: str) -> nodes.Node:
    if series.landing is None or series.landing == from_doc:
        return nodes.emphasis(series.name, series.name)
    return nodes.emphasis("", "", doc_link(series.landing, from_doc, series.name, explicit=True))


def top_box(series: model.Series, docname: str, *, is_one_page: bool = False) -> nodes.Element:
    """Return "Part N of M in the series *Name*" for the post *docname*.

    With *is_one_page* (every post in one page, as singlehtml writes them) the landmark's
    label names the part too, so that no two landmarks of the page share a label.
    """
    index = series.index_of(docname)
    if index is None:
        return nodes.container()
    number = series.parts[index].number
    paragraph = nodes.paragraph(
        "",
        "",
        *_sentence(
            _("Part %(part)d of %(total)d in the series %(node)s"),
            {"part": number, "total": series.total},
            _series_name(series, docname),
        ),
    )
    if is_one_page:
        label = _("Series: %(series)s, part %(part)d") % {"series": series.name, "part": number}
    else:
        label = _("Series: %(series)s") % {"series": series.name}
    return series_nav(
        "", paragraph, classes=["series-nav", "series-nav-top", _NOT_SEARCHED], label=label
    )


def bottom_box(
    series: model.Series,
    docname: str,
    fold_threshold: int,
    *,
    fold_to_landing: bool = False,
    is_one_page: bool = False,
) -> nodes.Element:
    """Return the list of parts and the previous/next links for the post *docname*.

    A series longer than *fold_threshold* shows only some parts. With *fold_to_landing* (and
    a landing page other than *docname*) each hidden run becomes one link to the landing
    page, which lists every part, so the page costs the same however long the series grows;
    otherwise hidden runs are folded into a ``<details>`` in HTML and shown in full elsewhere.
    With *is_one_page* no part is marked as the current page (they all are on that page)
    and the landmark's label names the part.
    """
    index = series.index_of(docname)
    if index is None:
        return nodes.container()
    title = _("Parts of the series %(node)s")
    if is_one_page:
        label = _("Series navigation: %(series)s, part %(part)d") % {
            "series": series.name,
            "part": series.parts[index].number,
        }
    else:
        label = _("Series navigation: %(series)s") % {"series": series.name}
    box = series_nav(
        "",
        nodes.title("", "", *_sentence(title, {}, _series_name(series, docname))),
        classes=["series-nav", "series-nav-bottom", _NOT_SEARCHED],
        label=label,
    )
    current = None if is_one_page else docname
    for segment in model.fold(series.parts, index, fold_threshold):
        # A landing page that is also a member lists the parts instead of linking to itself.
        if segment.is_folded and fold_to_landing and series.landing not in {None, docname}:
            assert series.landing is not None  # narrows for mypy
            box += _more_on_landing(series.landing, docname, segment.parts)
            continue
        lists = _numbered_lists(segment.parts, docname, with_descriptions=False, current=current)
        if segment.is_folded:
            summary = _("%(count)d more parts") % {"count": len(segment.parts)}
            box += series_fold("", *lists, classes=["series-fold"], summary=summary)
        else:
            box.extend(lists)
    previous, following = series.neighbours(docname)
    if previous is not None:
        box += _neighbour(_("Previous in series: %(node)s"), previous, docname, "prev")
    if following is not None:
        box += _neighbour(_("Next in series: %(node)s"), following, docname, "next")
    return box


def _more_on_landing(landing: str, docname: str, parts: Sequence[model.Part]) -> nodes.paragraph:
    first, last = parts[0].number, parts[-1].number
    text = _("Parts %(first)d to %(last)d on the series page") % {"first": first, "last": last}
    return nodes.paragraph(
        "", "", doc_link(landing, docname, text, explicit=True), classes=["series-more"]
    )


def _neighbour(template: str, part: model.Part, docname: str, rel: str) -> nodes.paragraph:
    target: nodes.Node
    if part.docname is None:
        target = nodes.Text(_("%(title)s (coming soon)") % {"title": part.title})
    else:
        target = doc_link(part.docname, docname, part.title, rel=rel)
    return nodes.paragraph("", "", *_sentence(template, {}, target), classes=[f"series-{rel}"])


# Sphinx's language names use "-" or "_" and gettext's "@latin"/"@cyrillic"; Babel wants
# "_" and a script subtag ("sr_Latn").
_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab", "devanagari": "Deva"}


@functools.cache
def babel_locale(language: str | None) -> babel.Locale | None:
    """Return Babel's locale for a Sphinx ``language`` (``en-US``, ``pt_BR``, ``sr@latin``)."""
    name, _at, modifier = (language or "en").replace("-", "_").partition("@")
    if modifier.casefold() in _SCRIPTS:
        language_code, _sep, region = name.partition("_")
        name = "_".join(filter(None, (language_code, _SCRIPTS[modifier.casefold()], region)))
    for candidate in (name, name.partition("_")[0]):
        try:
            return babel.Locale.parse(candidate)
        except (babel.UnknownLocaleError, ValueError):
            continue
    return None


# Babel parses the locale on every call; a landing page lists every date (see
# benchmarks/RESULTS.md for what the extension's time goes to).
@functools.lru_cache(maxsize=4096)
def date_label(date: datetime.date, language: str | None) -> str:
    """Return *date* as readers of *language* write it ("July 13, 2022", "13 de julio de 2022")."""
    locale = babel_locale(language)
    if locale is None:
        return date.isoformat()
    return babel.dates.format_date(date, format="long", locale=locale)


def _numbered_lists(
    parts: Sequence[model.Part],
    docname: str,
    *,
    with_descriptions: bool,
    language: str | None = None,
    current: str | None = "",
) -> list[nodes.enumerated_list]:
    """Return *parts* as numbered lists; *current* ("" for *docname*) is marked as the page."""
    current = docname if current == "" else current
    lists = []
    for run in model.consecutive_runs(parts):
        numbered = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        if run[0].number != 1:
            numbered["start"] = run[0].number
        for part in run:
            entry = _part_entry(part, docname, with_descriptions, language, current)
            numbered += nodes.list_item("", entry)
        lists.append(numbered)
    return lists


def _part_entry(
    part: model.Part,
    docname: str,
    with_description: bool,
    language: str | None,
    current: str | None,
) -> nodes.paragraph:
    entry = nodes.paragraph()
    if part.docname is None:
        entry += nodes.Text(_("%(title)s (coming soon)") % {"title": part.title})
        entry["classes"].append("series-announced")
    elif part.docname == docname:
        # The page being read: bold text, not a link to itself (a Tab stop going nowhere).
        # Marked as the current page only where the page holds this post alone.
        node_class = series_current if part.docname == current else nodes.strong
        entry += node_class(part.title, part.title)
    else:
        entry += doc_link(part.docname, docname, part.title)
    if with_description and part.date is not None:
        entry += nodes.Text(" (")
        entry += nodes.inline("", date_label(part.date, language), classes=["series-date"])
        entry += nodes.Text(")")
    if with_description and part.description:
        entry += nodes.Text(" — " + part.description)
    return entry


def contents(series: model.Series, docname: str, language: str | None = None) -> nodes.Element:
    """Return the full list of parts, with dates and descriptions, for a landing page."""
    box = nodes.container(classes=["series-contents"])
    if series.description and series.landing == docname:
        box += nodes.paragraph(series.description, series.description)
    box.extend(_numbered_lists(series.parts, docname, with_descriptions=True, language=language))
    return box


def index(all_series: Iterable[model.Series], docname: str) -> nodes.Element:
    """Return a list of every series: name (linked to its landing page), description, size.

    A site with no series yet gets a sentence saying so (an empty list is no valid LaTeX).
    """
    all_series = list(all_series)
    if not all_series:
        return nodes.paragraph("", _("No series yet."), classes=["series-index", "series-none"])
    listing = nodes.bullet_list(classes=["series-index"])
    for series in all_series:
        entry = nodes.paragraph("", "", _series_name(series, docname))
        if series.description:
            entry += nodes.Text(" — " + series.description)
        count = _("1 part") if series.total == 1 else _("%(count)d parts") % {"count": series.total}
        entry += nodes.Text(f" ({count})")
        listing += nodes.list_item("", entry)
    return listing
