"""Located warnings for broken `.bib` files, instead of a traceback.

sphinxcontrib-bibtex lets a pybtex syntax error escape as an exception, which stops the build
with a traceback and no line number. Reading the files first, with pybtex's errors captured,
turns each error into one warning at `references.bib:<line>` and keeps the entries that parse;
sphinxcontrib-bibtex then finds its cache up to date and does not read them again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pybtex.errors
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import is_bibdata_outdated, parse_bibdata

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

WARNING_TYPE = "apa7"


def _location(error: Any) -> str | None:
    """Location "path:line" of a pybtex error, or the path alone when it has no line."""
    filename = getattr(error, "filename", None)
    line = getattr(error, "lineno", None)
    if filename and line:
        return f"{filename}:{line}"
    return str(filename) if filename else None


def read_bibfiles(app: Sphinx) -> None:
    """Parse the configured `.bib` files, warning once per error at its file and line."""
    if not app.config.bibtex_bibfiles:
        return  # sphinxcontrib-bibtex itself reports the missing setting
    domain: Any = app.env.get_domain("cite")
    bibfiles = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]
    encoding = app.config.bibtex_encoding
    if not is_bibdata_outdated(domain.bibdata, bibfiles, encoding):
        return
    with pybtex.errors.capture() as errors:
        domain.data["bibdata"] = parse_bibdata(bibfiles, encoding)
    for error in errors:
        logger.warning(
            "%s", error, location=_location(error), type=WARNING_TYPE, subtype="bibfile_syntax"
        )
