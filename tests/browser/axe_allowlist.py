"""axe-core rules a page may break for reasons outside this project, each with its culprit.

A violation of any other rule fails the accessibility tests, and so does any violation (of
any rule, listed or not) that touches the series components. Checked against axe-core 4.12
as bundled by axe-playwright-python 0.1.8, on furo 2025.12.19, Sphinx 9.2 and docutils 0.23.
"""

from __future__ import annotations

ALLOWED_RULES = {
    "aria-required-attr": (
        "Sphinx's HTML writer gives toctree captions (furo's sidebar headings) "
        'role="heading" without aria-level'
    ),
    "landmark-unique": (
        "furo's two <aside> landmarks (sidebar-drawer, toc-drawer) have no accessible name"
    ),
    "region": ("furo's 'View this page'/'Edit this page' icon links sit outside every landmark"),
    "aria-allowed-role": (
        "docutils' HTML writer (Sphinx's base) marks each sphinxcontrib-bibtex reference "
        'entry <div role="doc-biblioentry">'
    ),
    "aria-deprecated-role": (
        "the same sphinxcontrib-bibtex reference entries: doc-biblioentry is deprecated"
    ),
    "aria-required-children": (
        'the same reference list: <div role="list"> holds doc-biblioentry entries and '
        "back-links, not list items"
    ),
}
