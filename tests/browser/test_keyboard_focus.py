"""Keyboard only: Tab from the top of a post reaches every series link, in order, visibly."""

from __future__ import annotations

import pytest

from browser_tools import one_line

#: Where the focus is after a Tab: its place among the series links (-1: elsewhere), whether
#: it is the page itself (the Tab order wrapped), and what a sighted reader sees of the focus.
FOCUS_STATE = """() => {
  const element = document.activeElement;
  const links = [...document.querySelectorAll("nav.series-nav a[href]")];
  const style = getComputedStyle(element);
  return {
    index: links.indexOf(element),
    isBody: element === document.body || element === null,
    text: element.textContent.trim().replace(/\\s+/g, " "),
    focusVisible: element.matches(":focus-visible"),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    boxShadow: style.boxShadow,
  };
}"""

#: Whether the focused element is (or within 3 s comes) wholly on screen, to a pixel's
#: rounding: furo's `scroll-behavior: smooth` scrolls it into view over a few frames.
FOCUS_COMES_ON_SCREEN = """async () => {
  const onScreen = () => {
    const box = document.activeElement.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.top >= -1 && box.bottom <= innerHeight + 1;
  };
  const deadline = performance.now() + 3000;
  while (!onScreen() && performance.now() < deadline) {
    await new Promise(requestAnimationFrame);
  }
  return onScreen();
}"""
MAX_TABS = 150


def has_visible_focus(state: dict) -> bool:
    outline = state["outlineStyle"] != "none" and state["outlineWidth"] > 0
    return state["focusVisible"] and (outline or state["boxShadow"] != "none")


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize(
    "path", ["series/posts/part-2.html", "real/posts/healthy-intimacy-part-1.html"]
)
def test_tab_reaches_series_links_in_document_order(open_page, path, width):
    page = open_page(path, width=width)
    links = page.locator("nav.series-nav a[href]")
    expected = [one_line(text) for text in links.all_text_contents()]
    assert expected, "no series links on the page"

    reached: list[dict] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["isBody"]:
            break
        if state["index"] >= 0:
            state["onScreen"] = page.evaluate(FOCUS_COMES_ON_SCREEN)
            reached.append(state)
        elif reached and len(reached) == len(expected):
            break  # past the last series link

    assert [state["index"] for state in reached] == list(range(len(expected)))
    assert [state["text"] for state in reached] == expected
    for state in reached:
        assert has_visible_focus(state), state
        assert state["onScreen"], state
