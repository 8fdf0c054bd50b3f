"""The rendered boxes, node by node: what every later transform and the writer must walk."""

from __future__ import annotations

from docutils import nodes

from sphinx_post_series import _render as render
from sphinx_post_series import model

TITLES = {"landing": "The Series", "one": "One", "two": "Two", "three": "Three"}


def test_boxes_have_no_empty_text_nodes() -> None:
    posts = [model.Post(docname, "The Series", part) for part, docname in
             enumerate(("one", "two", "three"), start=1)]  # fmt: skip
    declaration = model.Declaration("landing", "The Series", 1, "", ())
    layouts, _issues = model.build_series(posts, [declaration], TITLES)
    series = layouts[model.series_key("The Series")]
    top = render.top_box(series, "two")
    bottom = render.bottom_box(series, "two", fold_threshold=7)
    assert top.astext() == "Part 2 of 3 in the series The Series"
    assert "Previous in series: One" in bottom.astext()
    assert "Next in series: Three" in bottom.astext()
    for box in (top, bottom):
        # A docutils node is always true, so test the text itself.
        assert [text for text in box.findall(nodes.Text) if text.astext() == ""] == []


def test_babel_locale_reads_sphinx_language_names() -> None:
    assert str(render.babel_locale("en-US")) == "en_US"
    assert str(render.babel_locale("pt_BR")) == "pt_BR"
    assert str(render.babel_locale("sr@latin")) == "sr_Latn"
    assert str(render.babel_locale("de-XX")) == "de"
    assert render.babel_locale("xx-nonsense") is None
