extensions = ["myst_parser", "sphinx_post_series"]
project = "Long series"
author = "Test"
version = release = "1.0"
copyright = "2026, Test"
exclude_patterns = ["_build"]
latex_documents = [("index", "long.tex", "Long series", "Test", "manual")]
