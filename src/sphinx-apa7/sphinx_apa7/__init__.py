"""APA 7 citations and reference lists for Sphinx, as styles for sphinxcontrib-bibtex.

The styles are pybtex and sphinxcontrib-bibtex plugins, found by name (`sphinx-apa7`) through
the entry points of the distribution; they need no Sphinx extension. `setup` adds what only a
Sphinx build can do: located warnings for broken `.bib` files, one APA reference list at the end
of the PDF, and a `cite` domain whose look-ups stay linear as the blog grows and whose
formatted references are kept between builds (`sphinx_apa7.reference_cache`).
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING, Any

from sphinx.errors import ExtensionError

__version__ = "0.1.0"

#: The name under which the styles are registered (formatting, sorting and referencing).
STYLE_NAME = "sphinx-apa7"

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# sphinxcontrib-bibtex reads the .bib files in its own builder-inited handler, and formats the
# reference lists in its env-updated handler, both at the default priority (500).
_BEFORE_SPHINXCONTRIB_BIBTEX = 450
_AFTER_SPHINXCONTRIB_BIBTEX = 550


def _rewrite_changed_citations(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The documents to write again because their citations or reference lists changed."""
    from .domain import IndexedBibtexDomain

    domain = env.get_domain("cite")
    if not isinstance(domain, IndexedBibtexDomain):
        return []
    return domain.documents_citing_changed_references(f"{app.builder.name}:{app.outdir}")


def _note_reading(app: Sphinx, docname: str, source: list[str]) -> None:
    from .domain import IndexedBibtexDomain

    domain = app.env.get_domain("cite")
    if isinstance(domain, IndexedBibtexDomain):
        domain.note_reading(docname)


def _drop_unlistable_citation_nodes(app: Sphinx, doctree: nodes.document) -> None:
    """Once a document is read, drop the citation nodes its reference lists cannot show."""
    from .domain import IndexedBibtexDomain

    domain = app.env.get_domain("cite")
    if isinstance(domain, IndexedBibtexDomain):
        domain.drop_unlistable_citation_nodes(app.env.docname, doctree)


def _register_runtime_plugins() -> None:
    """Make pybtex find the plugins a build uses without searching entry points.

    pybtex looks a plugin up by scanning the entry points of every installed distribution,
    on every call, and sphinxcontrib-bibtex looks up the formatting style and the plain-text
    backend once per citation (the cost is measured in `benchmarks/RESULTS.md`).
    Registered as runtime plugins (the same classes the entry points name), each look-up is
    a dictionary read. The plain-text backend is registered as the class pybtex finds now,
    so a backend another package registered stays the one used.
    """
    from pybtex.plugin import find_plugin, register_plugin

    from .bibliography import APA7SortingStyle, APA7Style

    register_plugin("pybtex.style.formatting", STYLE_NAME, APA7Style, force=True)
    register_plugin("pybtex.style.sorting", STYLE_NAME, APA7SortingStyle, force=True)
    plaintext = find_plugin("pybtex.backends", "plaintext")
    register_plugin("pybtex.backends", "plaintext", plaintext, force=True)


#: Module to import, and the distribution that provides it.
_DEPENDENCIES = {"pybtex": "pybtex", "sphinxcontrib.bibtex": "sphinxcontrib-bibtex"}


def _is_importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # the parent package (`sphinxcontrib`) is missing too
        return False


def _require_dependencies() -> None:
    """Stop with a sentence, not a traceback, when a dependency is not installed."""
    missing = [
        distribution for module, distribution in _DEPENDENCIES.items() if not _is_importable(module)
    ]
    if missing:
        raise ExtensionError(
            f"sphinx_apa7 needs {' and '.join(missing)}; install it with: "
            f"python -m pip install {' '.join(missing)}"
        )


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the `.bib` check; needs `sphinxcontrib.bibtex`, which it loads."""
    _require_dependencies()
    from docutils.parsers.rst import directives
    from sphinxcontrib.bibtex.directives import (
        BibliographyDirective as UpstreamBibliographyDirective,
    )
    from sphinxcontrib.bibtex.domain import BibtexDomain

    from .bibfiles import read_bibfiles
    from .directives import BibliographyDirective
    from .domain import IndexedBibtexDomain
    from .latex import MarkReferenceLists, MergeReferenceLists
    from .transforms import NarrowCitationRefs, WidenCitationRefs

    _register_runtime_plugins()

    app.setup_extension("sphinxcontrib.bibtex")
    # Only in place of sphinxcontrib-bibtex's own domain, not of another extension's subclass.
    if app.registry.domains.get("cite") is BibtexDomain:
        app.add_domain(IndexedBibtexDomain, override=True)
    registered = getattr(directives, "_directives", {}).get("bibliography")
    if registered is UpstreamBibliographyDirective:
        app.add_directive("bibliography", BibliographyDirective, override=True)
    app.connect("builder-inited", read_bibfiles, priority=_BEFORE_SPHINXCONTRIB_BIBTEX)
    # Per-post reference lists: no citation node for a work the list can never show.
    app.connect("source-read", _note_reading)
    app.connect("doctree-read", _drop_unlistable_citation_nodes)
    app.add_post_transform(NarrowCitationRefs)
    app.add_post_transform(WidenCitationRefs)
    app.add_post_transform(MarkReferenceLists)
    app.add_post_transform(MergeReferenceLists)
    # Letters and names chosen over the whole site; located warnings for unprintable entries.
    from .checks import prepare_site_bibliography

    app.connect("env-updated", prepare_site_bibliography, priority=_BEFORE_SPHINXCONTRIB_BIBTEX)
    # Pages whose citations link elsewhere now, or whose lists changed, though not read again.
    app.connect("env-updated", _rewrite_changed_citations, priority=_AFTER_SPHINXCONTRIB_BIBTEX)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
