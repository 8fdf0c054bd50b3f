"""Phone and desktop, light and dark: the series components fit the page and cover nothing.

Full-page screenshots, and one of each component, go to ``artifacts/screenshots/`` for a person
to look at.
"""

from __future__ import annotations

import pytest

#: Page name -> (path, how many series components it shows).
PAGES = {
    "series-part-2": ("series/posts/part-2.html", 2),
    "series-landing": ("series/landing.html", 1),
    "real-part-1": ("real/posts/healthy-intimacy-part-1.html", 2),
    "real-home": ("real/index.html", 1),
}
OURS = "nav.series-nav, .series-contents, .series-index"

#: Geometry of each series component and of the content around it, in CSS pixels.
GEOMETRY = """(ours) => {
  const rect = (element) => {
    const box = element.getBoundingClientRect();
    return {left: box.left, top: box.top + scrollY, right: box.right, bottom: box.bottom + scrollY};
  };
  const components = [...document.querySelectorAll(ours)].map((element) => ({
    what: element.getAttribute("aria-label") ?? element.className,
    scrollWidth: element.scrollWidth,
    clientWidth: element.clientWidth,
    rect: rect(element),
  }));
  const neighbours = [...document.querySelectorAll(
    "article h1, article h2, article h3, article p, article li, article pre, article table, " +
    "article figure, .content-icon-container, footer"
  )].filter((element) => !element.closest(ours) && !element.querySelector(ours) &&
                         element.getClientRects().length > 0)
    .map((element) => ({
      what: element.tagName.toLowerCase() + " " + element.textContent.trim().slice(0, 40),
      rect: rect(element),
    }));
  return {viewport: document.documentElement.clientWidth, components, neighbours};
}"""

#: A short name for each component, for its screenshot's file name.
COMPONENT_NAMES = """(ours) => [...document.querySelectorAll(ours)].map((element) =>
  element.matches(".series-nav-top") ? "box-top" :
  element.matches(".series-nav-bottom") ? "box-bottom" :
  element.matches(".series-contents") ? "contents" : "index")"""

#: The page's own background, which tells light from dark.
BACKGROUND = "() => getComputedStyle(document.body).backgroundColor"


def intersects(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (
        a["left"] < b["right"] - slack
        and b["left"] < a["right"] - slack
        and a["top"] < b["bottom"] - slack
        and b["top"] < a["bottom"] - slack
    )


def luminance(css_color: str) -> float:
    """Relative luminance (WCAG) of an opaque ``rgb(...)`` colour."""
    red, green, blue = (
        float(part) for part in css_color[css_color.index("(") + 1 : -1].split(",")[:3]
    )

    def linear(channel: float) -> float:
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def assert_components_fit(page, expected: int) -> None:
    geometry = page.evaluate(GEOMETRY, OURS)
    assert len(geometry["components"]) == expected
    for component in geometry["components"]:
        assert component["scrollWidth"] <= component["clientWidth"], component
        assert component["rect"]["left"] >= 0, component
        assert component["rect"]["right"] <= geometry["viewport"], component
        overlaps = [
            other["what"]
            for other in geometry["neighbours"]
            if intersects(component["rect"], other["rect"])
        ]
        assert overlaps == [], component["what"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", list(PAGES))
def test_series_components_fit_and_cover_nothing(open_page, artifact_dir, name, width, scheme):
    path, expected = PAGES[name]
    page = open_page(path, width=width, color_scheme=scheme)
    folder = artifact_dir("screenshots")
    page.screenshot(path=folder / f"{name}-{width}-{scheme}.png", full_page=True)
    components = page.locator(OURS)
    for index, what in enumerate(page.evaluate(COMPONENT_NAMES, OURS)):
        components.nth(index).screenshot(path=folder / f"{name}-{width}-{scheme}-{what}.png")
    is_dark = luminance(page.evaluate(BACKGROUND)) < 0.2
    assert is_dark == (scheme == "dark")
    assert_components_fit(page, expected)
    # Nor does the page as a whole scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_dark_theme_chosen_with_furo_toggle(open_page, artifact_dir):
    """Furo's own switch (``body[data-theme]``) wins over a light system preference."""
    page = open_page(PAGES["series-part-2"][0], color_scheme="light")
    page.evaluate("document.body.dataset.theme = 'dark'")
    page.screenshot(
        path=artifact_dir("screenshots") / "series-part-2-1280-dark-toggle.png", full_page=True
    )
    assert luminance(page.evaluate(BACKGROUND)) < 0.2
    colours = page.evaluate(
        """() => [...document.querySelectorAll("nav.series-nav")].map((nav) => {
          const style = getComputedStyle(nav);
          return [style.color, style.backgroundColor];
        })"""
    )
    for text, background in colours:
        lighter, darker = sorted((luminance(text), luminance(background)), reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, (text, background)
    assert_components_fit(page, 2)
