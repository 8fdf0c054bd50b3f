"""Post-transforms: render the placeholders, then finish the links for HTML."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_post_series import render
from sphinx_post_series.collector import resolve_series
from sphinx_post_series.config import get_config
from sphinx_post_series.nodes import series_placeholder


class RenderSeries(SphinxPostTransform):
    """Replace each placeholder with series output built from the current environment.

    Priority 5 runs before Sphinx's ``ReferencesResolver`` (10), so the ``std:doc``
    references produced here are resolved like any other. Each placeholder names the
    document it was read from, which is what matters when LaTeX or singlehtml merge many
    documents into the one being written.
    """

    default_priority = 5
    #: Whether a long series' hidden parts link to its landing page (HTML: constant cost per
    #: page) rather than being listed (a PDF or a text file, where links may not reach).
    folds_to_landing = False

    def is_supported(self) -> bool:
        """Serve every builder that :class:`RenderSeriesForHtml` does not."""
        # The base class checks `self.formats`; ask it about HTML and take the opposite.
        self.formats = RenderSeriesForHtml.formats
        return not super().is_supported()

    def run(self, **kwargs: Any) -> None:
        """Render every placeholder in the document."""
        placeholders = list(self.document.findall(series_placeholder))
        if not placeholders:
            return
        layouts = resolve_series(self.env)
        threshold = get_config(self.config).fold_threshold
        for node in placeholders:
            docname = node["docname"]
            kind = node["kind"]
            series = layouts.get(node["series"])
            rendered: nodes.Node | None = None
            if kind == "index":
                rendered = render.index(layouts.values(), docname)
            elif series is None:
                rendered = None  # reported by the consistency check
            elif kind == "top":
                rendered = render.top_box(series, docname)
            elif kind == "bottom":
                rendered = render.bottom_box(
                    series, docname, threshold, fold_to_landing=self.folds_to_landing
                )
            else:  # "landing" and "contents"
                rendered = render.contents(series, docname, self.config.language)
            if rendered is None:
                node.parent.remove(node)
            else:
                node.replace_self(rendered)


class RenderSeriesForHtml(RenderSeries):
    """The HTML builders' rendering (html, dirhtml, singlehtml, epub)."""

    formats = ("html",)
    folds_to_landing = True

    def is_supported(self) -> bool:
        """Serve the builders whose format is HTML."""
        return SphinxPostTransform.is_supported(self)


class AddLinkRelations(SphinxPostTransform):
    """Copy ``rel`` from series link wrappers onto the references Sphinx resolved.

    Runs after ``ReferencesResolver`` (10); Sphinx's HTML writer emits a reference's
    ``rel`` attribute, so previous/next links get ``rel="prev"``/``rel="next"``.
    """

    default_priority = 20
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        """Set ``rel`` on the links inside wrappers that carry one."""
        for wrapper in self.document.findall(nodes.inline):
            rel = wrapper.get("series_rel")
            if rel:
                for reference in wrapper.findall(nodes.reference):
                    reference["rel"] = rel
