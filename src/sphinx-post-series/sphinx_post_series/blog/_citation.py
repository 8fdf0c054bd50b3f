"""The "Cite this post" section: the post's own APA 7 reference (with sphinx-apa7 only).

The reference is formatted by the same code as the site's reference lists: a pybtex ``online``
entry handed to ``sphinx_apa7.bibliography.APA7Style``, so the two never disagree. Without
sphinx-apa7 installed the section is left out; the blog extension does not depend on it.

Rules a writer may rely on:

- the default author (``blog_default_author``) is a group author, written in full ("The
  Healthy Intimacy blog team"); other names are people ("Lee, A.");
- the title is put in sentence case, as APA 7 asks for web pages: a word written with only its
  first letter in capitals is lowered, unless it starts the title or follows a colon; words
  with other capitals (EMDR, McCarthy) stay as written;
- the URL is the post's address on the HTML site (``html_baseurl``), in every format.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_post_series.blog._config import default_author
from sphinx_post_series.blog._i18n import _
from sphinx_post_series.blog._urls import SITE_BUILDERS, base_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_post_series.blog import model
    from sphinx_post_series.blog._render import Linker


def is_available() -> bool:
    """Whether sphinx-apa7 (and so pybtex) can format the reference."""
    return importlib.util.find_spec("sphinx_apa7") is not None


def sentence_case(title: str) -> str:
    """Return *title* in sentence case (see the module's rules)."""
    words = title.split(" ")
    starts_sentence = True
    result = []
    for word in words:
        letters = word.strip("\"'([\u201c\u201d\u2018\u2019")
        is_capitalised = letters[:1].isupper() and letters[1:] == letters[1:].lower()
        if is_capitalised and not starts_sentence:
            word = word.lower()
        result.append(word)
        if word:
            starts_sentence = word.rstrip("\"')\u201d\u2019").endswith((":", "?", "!", "."))
    return " ".join(result)


def post_url(app: Sphinx, docname: str) -> str:
    """Return the post's absolute address on the HTML site, or "" without ``html_baseurl``."""
    root = base_url(app)
    if not root:
        return ""
    if app.builder.name in SITE_BUILDERS:
        return root + app.builder.get_target_uri(docname)
    return root + docname + str(app.config.html_file_suffix or ".html")


def reference_entry(app: Sphinx, post: model.BlogPost, title: str) -> Any:
    """Return the pybtex ``online`` entry describing *post*."""
    from pybtex.database import Entry, Person

    group = default_author(app.config)
    # Braces keep a group author whole; pybtex would otherwise read "team" as a surname.
    persons = [Person("{" + name + "}") if name == group else Person(name) for name in post.authors]
    fields = {
        "title": sentence_case(title),
        "date": post.date.isoformat(),
        "organization": str(app.config.project),
    }
    url = post_url(app, post.docname)
    if url:
        fields["url"] = url
    return Entry("online", fields=fields, persons={"author": persons})


def format_reference(app: Sphinx, post: model.BlogPost, title: str) -> list[nodes.Node]:
    """Return the APA 7 reference of *post* as docutils nodes."""
    import pybtex_docutils

    from sphinx_apa7.bibliography import APA7Style

    formatted = APA7Style().format_entry("", reference_entry(app, post, title))
    rendered: list[nodes.Node] = formatted.text.render(pybtex_docutils.Backend())
    return rendered


def cite_this_post(app: Sphinx, post: model.BlogPost, linker: Linker) -> nodes.Node | None:
    """Return the "Cite this post" block of *post*, or None without sphinx-apa7."""
    if not is_available():
        return None
    title_node = app.env.titles.get(post.docname)
    title = title_node.astext() if title_node is not None else post.docname
    heading = _("Cite this post")
    return nodes.container(
        "",
        # A rubric: the block is added at write time, after the table of contents was read.
        nodes.rubric(heading, heading, classes=["blog-cite-title"], **{"heading-level": 2}),
        nodes.paragraph(
            "", "", *format_reference(app, post, title), classes=["blog-cite-reference"]
        ),
        classes=["blog-cite"],
    )
