extensions = ["myst_parser", "sphinx_post_series"]
project = "Browser series test"
author = "Test"
version = release = "1.0"
copyright = "2026, Test"
language = "en"
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "Browser series test"
