"""Sphinx configuration for the Healthy Intimacy blog."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

# -- Project -----------------------------------------------------------------
project = "Healthy Intimacy"
author = "The Healthy Intimacy blog team"
copyright = "2022\N{EN DASH}2026, the Healthy Intimacy blog team"
# EPUB validation needs a version and a release; the blog has no software versions, so both
# name the edition of the site.
version = "2026"
release = "2026.11"
language = "en"

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinx_apa7",
    "sphinx_post_series",
    # -- Blog extensions (bylines, post lists, feeds; social and search) --
    "sphinx_post_series.blog",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "notfound.extension",
]

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "README.md"]
root_doc = "index"

# -- MyST --------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
myst_heading_anchors = 2

# -- Citations (APA 7, from our package's pybtex plugins) ---------------------
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "sphinx-apa7"
bibtex_reference_style = "sphinx-apa7"
# Each post lists what it cites, so a key cited in two posts appears in two lists; that is the
# intended design (sphinxcontrib-bibtex's own advice for per-document bibliographies).
suppress_warnings = ["bibtex.duplicate_citation"]

# -- HTML --------------------------------------------------------------------
html_theme = "furo"
html_title = "Healthy Intimacy"
html_static_path = ["_static"]
html_css_files = ["citations.css"]
# Read the Docs sets the canonical URL of the version being built. Locally the published
# address stands in, so feeds and sitemaps have absolute links in every build.
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://healthy-intimacy.readthedocs.io/en/latest/"
)
html_theme_options = {
    "source_repository": "https://github.com/healthy-intimacy/healthy-intimacy/",
    "source_branch": "main",
    "source_directory": "docs/",
}

# -- Blog (sphinx_post_series.blog) ------------------------------------------
# Posts name no author of their own: the byline, feeds and citations credit the team.
blog_default_author = author
blog_cite_this_post = True
# OpenGraph cards and the sitemap use the same absolute address as the feeds.
ogp_site_url = html_baseurl
# Social cards would need matplotlib and add a generated image to every page; the post's
# title and description are what a shared link shows.
ogp_social_cards = {"enable": False}
# html_baseurl already holds the language and version (/en/latest/).
sitemap_url_scheme = "{link}"
# Read the Docs serves 404.html for a missing page at any depth, so its links are absolute paths
# under the version's own prefix ("/en/latest/"), taken from the same canonical URL.
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"
notfound_context = {
    "title": "Page not found",
    "body": (
        "<h1>Page not found</h1>\n"
        "<p>We could not find the page you asked for. It may have moved, or the address may "
        "have a small typing mistake in it. These places are a good start:</p>\n<ul>\n"
        f'<li>the <a href="{notfound_urls_prefix}index.html">home page</a>, with the latest '
        "posts and every series;</li>\n"
        f'<li>the <a href="{notfound_urls_prefix}archive.html">archive</a>, with every post '
        "by year;</li>\n"
        f'<li><a href="{notfound_urls_prefix}about.html">About this blog</a>, on who writes '
        "here and how the citations work.</li>\n</ul>\n"
    ),
}
# A page for readers who took a wrong turn is not one to offer search engines.
sitemap_excludes = ["404.html"]

# -- LaTeX / PDF -------------------------------------------------------------
# xelatex reads Unicode ("Díaz", "Bürkner", curly quotes, en dashes) without extra packages.
latex_engine = "xelatex"
# Sphinx turns xindy on for xelatex; Debian's TeX set here has no xindy, and the blog has no index.
latex_use_xindy = False
latex_documents = [
    ("index", "healthy-intimacy.tex", "Healthy Intimacy", author, "manual"),
]
latex_elements = {
    "papersize": "a4paper",
    "printindex": "",
}

# -- EPUB --------------------------------------------------------------------
epub_basename = "healthy-intimacy"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "no"
