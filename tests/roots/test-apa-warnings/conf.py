"""A bibliography with an entry type APA has no form for and an entry missing a field."""

project = "APA warnings"
extensions = ["myst_parser", "sphinx_apa7"]
exclude_patterns = ["_build"]

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "sphinx-apa7"
bibtex_reference_style = "sphinx-apa7"
