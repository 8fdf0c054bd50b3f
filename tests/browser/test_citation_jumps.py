"""A citation in Part 1 takes the reader to its entry in the post's reference list."""

from __future__ import annotations

import re

import pytest

POST = "real/posts/healthy-intimacy-part-1.html"

#: What a reader sees as "the citation" a link belongs to: a narrative citation links only its
#: year ("Burgess Moser et al. (2018)"), so the text before the link in its citation counts too.
CITATIONS = """links => links.map((link) => {
  const citation = link.closest("span.bibtex-citation");
  const range = document.createRange();
  range.setStart(citation, 0);
  range.setEndBefore(link);
  const before = range.toString().split(";").pop().replace(/^[\\s(]+/, "");
  return {href: link.getAttribute("href"), text: (before + link.textContent).replace(/\\s+/g, " ")};
})"""

#: The entry the URL's fragment names: on screen after the jump, and its reference text.
TARGET = """async () => {
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target === null) return null;
  await new Promise(requestAnimationFrame);
  const box = target.getBoundingClientRect();
  const entry = target.querySelector("p") ?? target;
  return {
    top: box.top,
    bottom: box.bottom,
    height: innerHeight,
    text: entry.textContent.trim().replace(/\\s+/g, " "),
  };
}"""


def surname(citation: str) -> str:
    """The first author's surname in "Dewitte & Mayer, 2018" or "Burgess Moser et al. (2018)"."""
    return re.split(r" et al\.|\s*&|\s+and\s|,|\s*\(", citation, maxsplit=1)[0].strip()


@pytest.mark.parametrize("width", [375, 1280])
def test_each_citation_jumps_to_its_reference(open_page, width):
    page = open_page(POST, width=width)
    # Jump at once: furo's smooth scrolling ends where an instant jump does, only later.
    page.add_style_tag(content="html { scroll-behavior: auto !important; }")
    first_link_per_target: dict[str, str] = {}
    for citation in page.locator("span.bibtex-citation a").evaluate_all(CITATIONS):
        first_link_per_target.setdefault(citation["href"], citation["text"])
    assert len(first_link_per_target) >= 10

    for href, text in first_link_per_target.items():
        page.locator(f'span.bibtex-citation a[href="{href}"]').first.click()
        page.wait_for_url(re.compile(re.escape(href) + "$"))
        target = page.evaluate(TARGET)
        assert target is not None, f"{text}: {href} names no element"
        assert 0 <= target["top"] < target["height"], (text, target)
        assert target["text"].startswith(surname(text) + ","), (text, target["text"])


#: Reference entries whose back-links ("(1,2,3)") are drawn over the entry's own text.
OVERLAPPED_ENTRIES = """() => {
  const overlapped = [];
  for (const entry of document.querySelectorAll("div.citation")) {
    const backrefs = entry.querySelector(":scope > .backrefs");
    const text = entry.querySelector(":scope > p");
    if (backrefs === null || text === null) continue;
    const box = backrefs.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(text);
    const hit = [...range.getClientRects()].some((line) =>
      line.left < box.right - 0.5 && box.left < line.right - 0.5 &&
      line.top < box.bottom - 0.5 && box.top < line.bottom - 0.5);
    if (hit) overlapped.push(text.textContent.trim().slice(0, 30));
  }
  return overlapped;
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_back_links_leave_the_reference_text_readable(open_page, width):
    page = open_page(POST, width=width)
    assert page.evaluate(OVERLAPPED_ENTRIES) == []
