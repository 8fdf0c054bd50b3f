"""test-citations (copied first) plus pages citing in every way sphinxcontrib-bibtex resolves.

`-t original_bibtex_domain` puts sphinxcontrib-bibtex's own domain back, so a test can check
that sphinx_apa7's indexed domain writes the same output.
"""

project = "Citation index"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_apa7"]
exclude_patterns = ["_build"]

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "sphinx-apa7"
bibtex_reference_style = "sphinx-apa7"

if tags.has("original_bibtex_domain"):  # noqa: F821 (Sphinx provides `tags` to conf.py)

    def setup(app):
        from sphinxcontrib.bibtex.domain import BibtexDomain

        app.add_domain(BibtexDomain, override=True)
