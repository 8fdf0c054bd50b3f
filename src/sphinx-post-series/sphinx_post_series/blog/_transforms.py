"""Post-transform: render the placeholders with the current environment, for every builder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_post_series.blog import _citation, _render, _series, model
from sphinx_post_series.blog._collector import get_blog_data
from sphinx_post_series.blog._config import get_config
from sphinx_post_series.blog._urls import category_page, has_category_pages
from sphinx_post_series.blog.nodes import blog_placeholder

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.config import Config


class DocumentLinker:
    """Links from a document: ``std:doc`` references, resolved later by Sphinx for the builder."""

    def __init__(self, builder: Builder, config: Config, from_doc: str) -> None:
        self.builder = builder
        self.config = config
        self.from_doc = from_doc
        self.links_categories = has_category_pages(builder, config)

    def to_doc(self, target: str, text: str | None = None) -> nodes.Node:
        """Return a reference to *target* showing its current title, or *text*."""
        return addnodes.pending_xref(
            "",
            nodes.inline(text or target, text or target),
            refdomain="std",
            reftype="doc",
            reftarget="/" + target,
            refdoc=self.from_doc,
            refexplicit=text is not None,
            refwarn=True,
        )

    def to_category(self, name: str) -> nodes.Node:
        """Return a link to the category page, or the name where the builder writes none."""
        if not self.links_categories:
            return nodes.Text(name)
        uri = self.builder.get_relative_uri(self.from_doc, category_page(self.config, name))
        return nodes.reference(name, name, refuri=uri, internal=True)


class RenderBlog(SphinxPostTransform):
    """Replace each blog placeholder with its output, built from the current environment."""

    # Before Sphinx's ReferencesResolver (10), which resolves the references made here.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        """Render every placeholder in the document."""
        placeholders = list(self.document.findall(blog_placeholder))
        if not placeholders:
            return
        # Sphinx 9 deprecates a transform's `app`; its own resolver reads the environment's.
        app = getattr(self.env, "_app", None) or self.app
        data = get_blog_data(self.env)
        settings = get_config(self.config)
        language = self.config.language
        positions = _series.positions(app, self.env)
        for node in placeholders:
            docname = node["docname"]
            linker = DocumentLinker(app.builder, self.config, docname)
            post = data.posts.get(docname)
            rendered: nodes.Node | None = None
            if node["kind"] == "post-list":
                chosen = model.select_posts(data.posts.values(), node["filter"], positions)
                rendered = _render.post_list(
                    chosen, positions, language, linker, is_by_year=node["by_year"]
                )
            elif node["kind"] == "byline" and post is not None:
                rendered = _render.byline(post, language, settings.words_per_minute, linker)
            elif node["kind"] == "cite" and post is not None:
                rendered = _citation.cite_this_post(app, post, linker)
            if rendered is None:
                node.parent.remove(node)
            else:
                node.replace_self(rendered)
