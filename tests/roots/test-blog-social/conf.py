"""A blog with a series, citations, OpenGraph, a sitemap and a 404 page, as docs/ has them."""

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinx_apa7",
    "sphinx_post_series",
    "sphinx_post_series.blog",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "notfound.extension",
]
project = "Closeness Notes"
author = "The Closeness Notes team"
version = release = "1.0"
copyright = "2026, Test"
exclude_patterns = ["_build"]
html_baseurl = "https://notes.example.org/en/latest/"
blog_cite_this_post = True
ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}
sitemap_url_scheme = "{link}"
notfound_urls_prefix = "/en/latest/"
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "sphinx-apa7"
bibtex_reference_style = "sphinx-apa7"
suppress_warnings = ["bibtex.duplicate_citation"]
latex_documents = [("index", "social.tex", "Closeness Notes", author, "manual")]
