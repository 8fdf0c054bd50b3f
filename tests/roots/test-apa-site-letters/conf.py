"""Two posts, each citing one of two works that need letters or more names to tell apart."""

project = "Site letters"
extensions = ["myst_parser", "sphinx_apa7"]
exclude_patterns = ["_build"]

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "sphinx-apa7"
bibtex_reference_style = "sphinx-apa7"
suppress_warnings = ["bibtex.duplicate_citation"]
