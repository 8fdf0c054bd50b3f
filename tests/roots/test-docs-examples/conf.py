"""The site's extension set; tests/test_docs_examples.py adds the pages' examples as pages."""

project = "Docs examples"
author = "Test"
exclude_patterns = ["_build"]
extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinx_apa7",
    "sphinx_post_series",
]
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]

# The test copies docs/references.bib here, with the pages' BibTeX examples in it.
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "sphinx-apa7"
bibtex_reference_style = "sphinx-apa7"
# As on the site: each post lists what it cites, so a work cited twice is listed twice.
suppress_warnings = ["bibtex.duplicate_citation"]
