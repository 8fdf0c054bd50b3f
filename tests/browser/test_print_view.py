"""Printing a post keeps the series boxes, although furo hides its own previous/next."""

from __future__ import annotations

import pytest

from browser_tools import one_line
from outputs import pdf_text

#: Display, visibility and size of each series box, and of furo's own previous/next links.
PRINTED = """() => {
  const describe = (element) => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {display: style.display, visibility: style.visibility, width: box.width,
            height: box.height};
  };
  return {
    navs: [...document.querySelectorAll("nav.series-nav")].map(describe),
    furo: [...document.querySelectorAll(".related-pages")].map(describe),
  };
}"""

CASES = {
    "real-part-1": (
        "real/posts/healthy-intimacy-part-1.html",
        [
            "Part 1 of 3 in the series Healthy Intimacy",
            "Next in series: Sexual Problems and Therapeutic Approaches (coming soon)",
        ],
    ),
    "series-part-2": (
        "series/posts/part-2.html",
        [
            "Part 2 of 4 in the series Closeness Between Partners",
            "Previous in series: Attachment and Closeness",
            "Next in series: Talking About Needs",
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_series_boxes_are_printed(open_page, artifact_dir, name):
    path, sentences = CASES[name]
    page = open_page(path)
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    assert len(printed["navs"]) == 2
    for nav in printed["navs"]:
        assert nav["display"] != "none", nav
        assert nav["visibility"] == "visible", nav
        assert nav["width"] > 0, nav
        assert nav["height"] > 0, nav
    # The reason ours must stay: furo's own links are gone in print.
    assert [link["display"] for link in printed["furo"]] == ["none"]

    pdf = artifact_dir("print") / f"{name}.pdf"
    page.pdf(path=pdf, format="A4", print_background=True)
    text = one_line(pdf_text(pdf))
    for sentence in sentences:
        assert sentence in text
