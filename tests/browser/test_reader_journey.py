"""A reader walks a series with its own links: next to the end, previous to the start, then home."""

from __future__ import annotations

import re

import pytest

from browser_tools import one_line

SERIES = "Closeness Between Partners"
TITLES = [
    "Attachment and Closeness",
    "Sexual Problems and Therapeutic Approaches in Couple Therapy",
    "Talking About Needs",
]
ANNOUNCED = "Eye Movement Desensitization and Reprocessing Within a Family Systems Approach"
TOTAL = 4


def assert_on_part(page, number: int) -> None:
    assert page.url.endswith(f"/series/posts/part-{number}.html")
    assert one_line(page.locator("article h1").inner_text()).startswith(TITLES[number - 1])
    top = page.locator("nav.series-nav-top")
    assert top.is_visible()
    assert one_line(top.inner_text()) == f"Part {number} of {TOTAL} in the series {SERIES}"


@pytest.mark.parametrize("width", [375, 1280])
def test_next_to_the_end_previous_to_the_start_then_the_series_page(open_page, width):
    page = open_page("series/posts/part-1.html", width=width)
    assert_on_part(page, 1)
    bottom = page.locator("nav.series-nav-bottom")
    assert bottom.locator(".series-prev").count() == 0

    for number in range(2, len(TITLES) + 1):
        link = page.locator("nav.series-nav-bottom .series-next a")
        assert one_line(link.inner_text()) == TITLES[number - 1]
        assert link.get_attribute("rel") == "next"
        link.click()
        page.wait_for_url(re.compile(rf"/part-{number}\.html$"))
        assert_on_part(page, number)

    last = page.locator("nav.series-nav-bottom .series-next")
    assert one_line(last.inner_text()) == f"Next in series: {ANNOUNCED} (coming soon)"
    assert last.locator("a").count() == 0

    for number in range(len(TITLES) - 1, 0, -1):
        link = page.locator("nav.series-nav-bottom .series-prev a")
        assert one_line(link.inner_text()) == TITLES[number - 1]
        assert link.get_attribute("rel") == "prev"
        link.click()
        page.wait_for_url(re.compile(rf"/part-{number}\.html$"))
        assert_on_part(page, number)

    page.locator("nav.series-nav-top a", has_text=SERIES).click()
    page.wait_for_url(re.compile(r"/series/landing\.html$"))
    assert one_line(page.locator("article h1").inner_text()).startswith(SERIES)
    entries = page.locator(".series-contents li")
    assert [one_line(text) for text in entries.locator("a").all_inner_texts()] == TITLES
    assert one_line(entries.last.inner_text()) == f"{ANNOUNCED} (coming soon)"
