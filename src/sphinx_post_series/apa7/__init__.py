"""APA 7 citation and reference-list styles for pybtex and sphinxcontrib-bibtex.

The styles are pybtex plugins, found by name (`apa7`) through the entry points of the package;
they need no Sphinx extension. `setup` adds what only a Sphinx build can do: located warnings
for broken `.bib` files, one APA reference list at the end of the PDF, and a `cite` domain whose
look-ups stay linear as the blog grows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# sphinxcontrib-bibtex reads the .bib files in its own builder-inited handler (priority 500).
_BEFORE_SPHINXCONTRIB_BIBTEX = 450


def _register_runtime_plugins() -> None:
    """Make pybtex find the plugins a build uses without searching entry points.

    pybtex looks a plugin up by scanning the entry points of every installed distribution,
    on every call, and sphinxcontrib-bibtex looks up the formatting style and the plain-text
    backend once per citation: a third of a clean build of a 100-post blog went there.
    Registered as runtime plugins (the same classes the entry points name), each look-up is
    a dictionary read.
    """
    from pybtex.backends.plaintext import Backend as PlaintextBackend
    from pybtex.plugin import register_plugin

    from .bibliography import APA7SortingStyle, APA7Style

    register_plugin("pybtex.style.formatting", "apa7", APA7Style, force=True)
    register_plugin("pybtex.style.sorting", "apa7", APA7SortingStyle, force=True)
    register_plugin("pybtex.backends", "plaintext", PlaintextBackend, force=True)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the `.bib` check; needs `sphinxcontrib.bibtex`, which it loads."""
    from .bibfiles import read_bibfiles
    from .domain import IndexedBibtexDomain
    from .latex import MergeReferenceLists

    _register_runtime_plugins()

    app.setup_extension("sphinxcontrib.bibtex")
    app.add_domain(IndexedBibtexDomain, override=True)
    app.connect("builder-inited", read_bibfiles, priority=_BEFORE_SPHINXCONTRIB_BIBTEX)
    app.add_post_transform(MergeReferenceLists)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
