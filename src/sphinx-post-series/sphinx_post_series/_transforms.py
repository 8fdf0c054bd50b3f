"""Post-transform: render the placeholders, with their links resolved for the builder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from sphinx_post_series import _render
from sphinx_post_series._collector import resolve_series
from sphinx_post_series._config import get_config
from sphinx_post_series.nodes import series_placeholder

if TYPE_CHECKING:
    from sphinx.builders import Builder


class RenderSeries(SphinxPostTransform):
    """Replace each placeholder with series output built from the current environment.

    The rendered ``std:doc`` references are resolved here, as Sphinx's standard domain would
    resolve them (``make_refnode``, and the text alone where the builder has no URI), rather
    than by Sphinx's ``ReferencesResolver``, whose generic path (domain look-up, events) is
    paid once per link; see ``benchmarks/RESULTS.md``. Each placeholder names the document it
    was read from, which matters when LaTeX or singlehtml merge many documents into one.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        """Render every placeholder in the document."""
        placeholders = list(self.document.findall(series_placeholder))
        if not placeholders:
            return
        # Sphinx 9 deprecates a transform's `app`; its own resolver reads the environment's.
        app = getattr(self.env, "_app", None) or self.app
        builder = app.builder
        layouts = resolve_series(self.env, builder.tags)
        threshold = get_config(self.config).fold_threshold
        # HTML: a long series' hidden parts link to its landing page (constant cost per page);
        # a PDF or a text file, where links may not reach, lists them.
        is_html = builder.format == "html"
        # singlehtml shows every post in one page: no part is "the current page" there.
        is_one_page = builder.name == "singlehtml"
        for node in placeholders:
            docname = node["docname"]
            kind = node["kind"]
            series = layouts.get(node["series"])
            rendered: nodes.Node | None = None
            if kind == "index":
                rendered = _render.index(layouts.values(), docname)
            elif series is None:
                rendered = None  # reported by the consistency check
            elif kind == "top":
                rendered = _render.top_box(series, docname, is_one_page=is_one_page)
            elif kind == "bottom":
                rendered = _render.bottom_box(
                    series,
                    docname,
                    threshold,
                    fold_to_landing=is_html,
                    is_one_page=is_one_page,
                )
            else:  # "landing" and "contents"
                rendered = _render.contents(series, docname, self.config.language)
            if rendered is None:
                node.parent.remove(node)
            else:
                self._resolve_links(rendered, builder)
                node.replace_self(rendered)

    def _resolve_links(self, rendered: nodes.Node, builder: Builder) -> None:
        """Replace the rendered ``std:doc`` references with links (or their text)."""
        all_docs = self.env.all_docs
        sets_rel = builder.format == "html"
        for xref in list(rendered.findall(addnodes.pending_xref)):
            target = xref["reftarget"].lstrip("/")
            if target not in all_docs:
                continue  # left to Sphinx, which reports it
            # A bare reference: each node more is paid for by every transform and the writer.
            text = nodes.Text(xref.astext())
            link: nodes.Node
            try:
                link = make_refnode(builder, xref["refdoc"], target, None, text)
            except NoUri:  # LaTeX, for a document it leaves out
                link = text
            else:
                # Sphinx's HTML writer emits a reference's rel: rel="prev"/"next".
                rel = xref.get("series_rel") if sets_rel else None
                if rel:
                    link["rel"] = rel
            xref.replace_self(link)
