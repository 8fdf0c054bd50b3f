"""Where blog output lives: category pages, the builders that write pages and feeds, base URL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_post_series.blog import model
from sphinx_post_series.blog._config import get_config

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

# The builders that write the generated category pages (_pages.py) and the feeds (_feeds.py):
# a site's pages, not a book (EPUB, PDF) or a single page.
SITE_BUILDERS = frozenset({"html", "dirhtml"})


def has_category_pages(builder: Builder, config: Config) -> bool:
    """Whether *builder* writes category pages that bylines and lists can link to."""
    return builder.name in SITE_BUILDERS and get_config(config).category_pages


def category_page(config: Config, name: str) -> str:
    """Return the page name of category *name* (``category/family-counseling``)."""
    return f"{get_config(config).category_dir}/{model.slugify(name)}"


def base_url(app: Sphinx) -> str:
    """Return ``html_baseurl`` ending in ``/``, or ``""`` when it is not set."""
    url = str(app.config.html_baseurl or "").strip()
    return url if not url or url.endswith("/") else url + "/"
