"""What search engines and social sites read from a post's head.

For each post (HTML builders with feeds' absolute links): ``<meta name="description">`` from
its ``description``; OpenGraph ``article`` facts (``article:published_time`` and the rest);
values that sphinxext-opengraph, when it is loaded, picks up from the page's metadata
(``og:type`` is ``article``, ``og:description`` the post's description); and schema.org
JSON-LD: a ``BlogPosting`` with its series as a ``CreativeWorkSeries`` and the works it cites.

This runs at ``html-page-context`` priority 400, before sphinxext-opengraph (500), which then
sees the description already present and does not write a second one.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

from sphinx_post_series.blog import _series
from sphinx_post_series.blog._collector import get_blog_data
from sphinx_post_series.blog._config import default_author
from sphinx_post_series.blog._render import language_tag
from sphinx_post_series.blog._urls import SITE_BUILDERS, base_url

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from sphinx_post_series.blog import model

PRIORITY = 400


def _meta(attribute: str, name: str, content: str) -> str:
    return f'<meta {attribute}="{html.escape(name)}" content="{html.escape(content)}" />\n'


def article_tags(post: model.BlogPost) -> str:
    """Return the OpenGraph ``article:*`` tags of *post*."""
    tags = [_meta("property", "article:published_time", post.date.isoformat())]
    if post.updated is not None:
        tags.append(_meta("property", "article:modified_time", post.updated.isoformat()))
    tags.extend(_meta("property", "article:author", name) for name in post.authors)
    tags.extend(_meta("property", "article:section", name) for name in post.categories)
    tags.extend(_meta("property", "article:tag", name) for name in post.tags)
    return "".join(tags)


def _person(name: str, organisation: str) -> dict[str, str]:
    # The default author of this site is a team, which schema.org calls an organization.
    kind = "Organization" if name == organisation else "Person"
    return {"@type": kind, "name": name}


#: sphinxcontrib-bibtex's list of citation references (held, so its id is not reused), its
#: length, and the references of each document: every post page asks for its own, and
#: scanning the site's references for each would be quadratic in posts.
_references_by_docname: tuple[list[Any], int, dict[str, list[Any]]] | None = None


def _citation_references(domain: Any, docname: str) -> list[Any]:
    global _references_by_docname
    references: list[Any] = domain.citation_refs
    known = _references_by_docname
    if known is None or known[0] is not references or known[1] != len(references):
        by_docname: dict[str, list[Any]] = {}
        for reference in references:
            by_docname.setdefault(reference.docname, []).append(reference)
        known = _references_by_docname = (references, len(references), by_docname)
    return known[2].get(docname, [])


def cited_works(app: Sphinx, docname: str) -> list[dict[str, Any]]:
    """Return the works *docname* cites, in the order first cited (sphinxcontrib-bibtex)."""
    if "sphinxcontrib.bibtex" not in app.extensions:
        return []
    domain: Any = app.env.get_domain("cite")
    entries = domain.bibdata.data.entries
    keys: list[str] = []
    for reference in _citation_references(domain, docname):
        for target in reference.targets:
            if target.key in entries and target.key not in keys:
                keys.append(target.key)
    return [_creative_work(entries[key]) for key in keys]


def _creative_work(entry: Any) -> dict[str, Any]:
    kind = {"article": "ScholarlyArticle", "book": "Book", "incollection": "Chapter"}
    work: dict[str, Any] = {
        "@type": kind.get(entry.type, "CreativeWork"),
        "name": _plain(str(entry.fields.get("title", ""))),
    }
    authors = [" ".join(_plain(str(p)).split(", ")[::-1]) for p in entry.persons.get("author", [])]
    if authors:
        work["author"] = [{"@type": "Person", "name": name} for name in authors]
    if "year" in entry.fields:
        work["datePublished"] = str(entry.fields["year"])
    if "journal" in entry.fields:
        work["isPartOf"] = {"@type": "Periodical", "name": _plain(str(entry.fields["journal"]))}
    if "doi" in entry.fields:
        work["sameAs"] = "https://doi.org/" + str(entry.fields["doi"])
    elif "url" in entry.fields:
        work["url"] = str(entry.fields["url"])
    return work


def _plain(text: str) -> str:
    return text.replace("{", "").replace("}", "")


def blog_posting(app: Sphinx, post: model.BlogPost, root: str) -> dict[str, Any]:
    """Return the schema.org ``BlogPosting`` of *post*; URLs are absolute under *root*."""
    builder = app.builder
    title = app.env.titles.get(post.docname)
    organisation = default_author(app.config) or str(app.config.project)
    url = root + builder.get_target_uri(post.docname)
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": title.astext() if title is not None else post.docname,
        "datePublished": post.date.isoformat(),
        "dateModified": post.last_changed.isoformat(),
        "inLanguage": language_tag(app.config.language),
        "author": [_person(name, organisation) for name in post.authors],
        "publisher": {"@type": "Organization", "name": str(app.config.project)},
    }
    if post.description:
        posting["description"] = post.description
    if post.categories:
        posting["articleSection"] = list(post.categories)
    if post.tags:
        posting["keywords"] = list(post.tags)
    position = _series.positions(app, app.env).get(post.docname)
    if position is not None:
        part_of: dict[str, Any] = {"@type": "CreativeWorkSeries", "name": position.name}
        if position.landing is not None:
            part_of["url"] = root + builder.get_target_uri(position.landing)
        posting["isPartOf"] = part_of
        posting["position"] = position.number
    citations = cited_works(app, post.docname)
    if citations:
        posting["citation"] = citations
    return posting


def json_ld(data: dict[str, Any]) -> str:
    """Return *data* as a JSON-LD ``<script>``, safe inside HTML."""
    # "</" would end the script element early; "<\/" is the same JSON string.
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def add_post_metadata(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Add the post's description, article facts and JSON-LD to its head."""
    if app.builder.name not in SITE_BUILDERS:
        return
    post = get_blog_data(app.env).posts.get(pagename)
    if post is None:
        return
    tags = ""
    if post.description:
        tags += _meta("name", "description", post.description)
    tags += article_tags(post)
    root = base_url(app)
    if root:
        tags += json_ld(blog_posting(app, post, root))
    context["metatags"] = context.get("metatags", "") + tags
    # A copy: context["meta"] is the environment's own metadata of the page.
    fields = dict(context.get("meta") or {})
    fields.setdefault("og:type", "article")
    if post.description:
        # sphinxext-opengraph writes override values as given, escaping only quotes.
        fields.setdefault("og:description", html.escape(post.description, quote=False))
    context["meta"] = fields
