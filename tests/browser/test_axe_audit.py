"""axe-core finds nothing in the series components, and nothing unexplained elsewhere."""

from __future__ import annotations

import pytest

from axe_allowlist import ALLOWED_RULES
from browser_tools import open_url

OURS = "nav.series-nav, .series-contents, .series-index"

PAGES = {
    "real-post": "real/posts/healthy-intimacy-part-1.html",
    "real-landing": "real/series/healthy-intimacy.html",
    "real-home": "real/index.html",
    "series-post": "series/posts/part-2.html",
}
SCHEMES = ["light", "dark"]

#: Whether the element an axe selector names lies inside one of our components.
IS_OURS = """([selector, ours]) => {
  const element = document.querySelector(selector);
  return element !== null && element.closest(ours) !== null;
}"""


def node_selectors(node: dict) -> list[str]:
    """CSS selectors of a violating node and of the nodes axe relates to it (same document)."""
    selectors = [node["target"]]
    for check in node["any"] + node["all"] + node["none"]:
        selectors.extend(related["target"] for related in check.get("relatedNodes", []))
    return [selector[-1] for selector in selectors if len(selector) == 1]


@pytest.fixture(scope="module")
def axe_reports(browser, base_url, axe) -> dict[tuple[str, str], list[dict]]:
    """Per page and colour scheme: each violating node, its rule, and whether it is ours."""
    reports = {}
    for name, path in PAGES.items():
        for scheme in SCHEMES:
            context, page = open_url(browser, f"{base_url}/{path}", color_scheme=scheme)
            try:
                assert page.locator(OURS).count() > 0, path
                reports[name, scheme] = [
                    {
                        "rule": violation["id"],
                        "help": violation["help"],
                        "html": node["html"][:160],
                        "is_ours": any(
                            page.evaluate(IS_OURS, [selector, OURS])
                            for selector in node_selectors(node)
                        ),
                    }
                    for violation in axe.run(page).response["violations"]
                    for node in violation["nodes"]
                ]
            finally:
                context.close()
    return reports


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_violations_in_our_components(axe_reports, name, scheme):
    report = axe_reports[name, scheme]
    assert [f"{node['rule']}: {node['html']}" for node in report if node["is_ours"]] == []
    unexplained = {
        node["rule"]: node["help"] for node in report if node["rule"] not in ALLOWED_RULES
    }
    assert unexplained == {}


def test_allow_list_has_no_stale_entries(axe_reports):
    """Each allowed rule is still broken somewhere; drop it from the list once it is not."""
    seen = {node["rule"] for report in axe_reports.values() for node in report}
    assert ALLOWED_RULES.keys() - seen == set()
