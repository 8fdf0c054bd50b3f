extensions = ["myst_parser", "sphinx_post_series", "sphinx_post_series.blog"]
project = "Blog test"
author = "The Test Team"
version = release = "1.0"
copyright = "2026, Test"
exclude_patterns = ["_build"]
html_baseurl = "https://blog.example.org/en/latest/"
latex_documents = [("index", "blog.tex", "Blog test", "The Test Team", "manual")]
