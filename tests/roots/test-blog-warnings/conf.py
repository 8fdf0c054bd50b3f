# No html_baseurl: the build warns once (blog.no_baseurl) and writes no feed.
extensions = ["myst_parser", "sphinx_post_series.blog"]
project = "Blog warnings"
author = "Test"
version = release = "1.0"
copyright = "2026, Test"
exclude_patterns = ["_build"]
