extensions = ["myst_parser", "sphinx_post_series"]
project = "Series test"
author = "Test"
version = release = "1.0"
copyright = "2026, Test"
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
latex_documents = [("index", "series.tex", "Series test", "Test", "manual")]
