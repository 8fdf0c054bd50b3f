"""A small blog with two posts and a page listing every work, cited in APA 7 style."""

project = "Citations"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_apa7"]
exclude_patterns = ["_build"]

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "sphinx-apa7"
bibtex_reference_style = "sphinx-apa7"
# Each post lists what it cites, so a work cited in both posts is listed twice on purpose.
suppress_warnings = ["bibtex.duplicate_citation"]
