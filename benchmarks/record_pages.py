"""A tiny Sphinx extension that logs which documents a build reads and which pages it writes.

The benchmark sites load it when ``BENCH_RECORD_PAGES`` names a log file. Each line is
``read<TAB>docname`` (event ``doctree-read``) or ``write<TAB>pagename`` (event
``html-page-context``, which fires for every HTML page, including ``genindex`` and ``search``).
Lines are appended, so records from parallel worker processes all arrive.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def _log(kind: str, name: str) -> None:
    path = Path(os.environ["BENCH_RECORD_PAGES"])
    with path.open("a", encoding="utf-8") as log:
        log.write(f"{kind}\t{name}\n")


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    _log("read", app.env.docname)


def _on_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    _log("write", pagename)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", _on_doctree_read)
    app.connect("html-page-context", _on_page)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
