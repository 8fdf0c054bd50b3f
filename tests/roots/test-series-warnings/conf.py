extensions = ["myst_parser", "sphinx_post_series"]
project = "Series warnings"
exclude_patterns = ["_build"]
